//! The hosted page's benchmark (`cargo xtask bench` runs it after the HAR-vs-jq one): builds
//! dist/web and the lab, then `node tests/browser/bench/page-bench.mjs` prints first-load
//! size (gzip), paste → rendered time, and a 50 MB HAR in wasm vs JSON.parse.

use std::path::Path;
use std::process::Command;

pub fn run(root: &Path) -> bool {
    println!("\n==== page benchmark ====");
    let mut build = super::cargo();
    build
        .current_dir(root)
        .args(["build", "-p", "whycors-cli", "--bin", "whycors"]);
    if !super::run_tee(build).ok {
        return false;
    }
    if let Err(e) = super::faces::web::build(root) {
        println!("building the hosted page: {e}");
        return false;
    }
    let mut node = Command::new("node");
    node.current_dir(root)
        .arg("tests/browser/bench/page-bench.mjs")
        .env("WHYCORS_BIN", super::target_dir(root).join("debug/whycors"));
    super::run_tee(node).ok
}
