//! `dist/embed/`: the npm-style ES-module package for docs sites.

use std::path::Path;

use super::{bindgen, copy_tree, fresh_dir, wasm_build};

pub fn build(root: &Path) -> Result<(), String> {
    let out = root.join("dist/embed");
    fresh_dir(&out)?;
    let wasm = wasm_build(root, "whycors-embed", "whycors_embed")?;
    bindgen(&wasm, &out, "whycors", true)?;
    let js = root.join("embed/js");
    if js.is_dir() {
        copy_tree(&js, &out)?;
    }
    println!("built {}", out.display());
    Ok(())
}
