//! `cargo xtask bench embed`: builds `dist/embed/` and prints the size of every file a docs
//! page downloads (the `.wasm` and the JS), raw and gzip -9, plus the goal for the wasm.

use std::fs;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

/// The goal for the embed's wasm, gzip -9 (issue #6).
const WASM_GZIP_GOAL: u64 = 100 * 1024;

pub fn run(root: &Path) -> ExitCode {
    println!("==== embed size ====");
    if let Err(e) = super::faces::embed::build(root) {
        return super::fail(&format!("building dist/embed: {e}"));
    }
    match report(&root.join("dist/embed")) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => super::fail(&e),
    }
}

/// Print the raw and gzip sizes of the files in `dir` a page loads.
pub fn report(dir: &Path) -> Result<(), String> {
    let mut files: Vec<String> = fs::read_dir(dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".wasm") || n.ends_with(".js"))
        .collect();
    files.sort();
    println!("{:<24} {:>10} {:>10}", "file", "raw", "gzip -9");
    let (mut total_raw, mut total_gz) = (0, 0);
    let mut wasm_gz = None;
    for name in &files {
        let path = dir.join(name);
        let raw = fs::metadata(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .len();
        let gz = gzip_size(&path)?;
        total_raw += raw;
        total_gz += gz;
        if name.ends_with(".wasm") {
            wasm_gz = Some(gz);
        }
        println!("{name:<24} {:>10} {:>10}", kb(raw), kb(gz));
    }
    println!("{:<24} {:>10} {:>10}", "total", kb(total_raw), kb(total_gz));
    match wasm_gz {
        Some(gz) => println!(
            "wasm gzip: {} (goal ≤ {}: {})",
            kb(gz),
            kb(WASM_GZIP_GOAL),
            if gz <= WASM_GZIP_GOAL {
                "met"
            } else {
                "NOT met"
            }
        ),
        None => return Err(format!("no .wasm in {}", dir.display())),
    }
    Ok(())
}

fn kb(n: u64) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

/// The size of `gzip -9 -c file` (the Debian gzip).
fn gzip_size(path: &Path) -> Result<u64, String> {
    let out = Command::new("gzip")
        .arg("-9")
        .arg("-c")
        .arg(path)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("running gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip failed on {}", path.display()));
    }
    Ok(out.stdout.len() as u64)
}
