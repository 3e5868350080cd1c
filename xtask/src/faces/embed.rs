//! `dist/embed/`: the npm-style ES-module package for docs sites, and its example docs page
//! in `dist/web/docs-example/` (with its own copy of the package in `whycors/`, so the page is
//! self-contained on any static host).

use std::fs;
use std::path::Path;

use super::{bindgen, copy_tree, fresh_dir, wasm_build};

pub fn build(root: &Path) -> Result<(), String> {
    let out = root.join("dist/embed");
    fresh_dir(&out)?;
    let wasm = wasm_build(root, "whycors-embed", "whycors_embed")?;
    bindgen(&wasm, &out, "whycors", true)?;
    // wasm-bindgen's own typings describe the raw JSON-text exports; the package's types are
    // embed/js/index.d.ts (the report's shape).
    let _ = fs::remove_file(out.join("whycors_bg.wasm.d.ts"));
    copy_tree(&root.join("embed/js"), &out)?;
    fs::copy(root.join("embed/README.md"), out.join("README.md"))
        .map_err(|e| format!("copying embed/README.md: {e}"))?;
    println!("built {}", out.display());

    let example = root.join("www/docs-example");
    if example.is_dir() {
        let web = root.join("dist/web/docs-example");
        fresh_dir(&web)?;
        copy_tree(&example, &web)?;
        copy_tree(&out, &web.join("whycors"))?;
        println!("built {}", web.display());
    }
    Ok(())
}
