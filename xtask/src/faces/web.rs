//! `dist/web/`: the hosted page (static files only; any static host can serve them).

use std::path::Path;

use super::{bindgen, copy_tree, fresh_dir, wasm_build};

pub fn build(root: &Path) -> Result<(), String> {
    let out = root.join("dist/web");
    fresh_dir(&out)?;
    let wasm = wasm_build(root, "whycors-www", "whycors_www")?;
    bindgen(&wasm, &out, "whycors_www", false)?;
    copy_tree(&root.join("www/static"), &out)?;
    println!("built {}", out.display());
    Ok(())
}
