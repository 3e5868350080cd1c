//! `dist/web/`: the hosted page (static files only; any static host can serve them).

use std::path::Path;

use super::{bindgen, copy_tree, fresh_dir, wasm_build_with};

pub fn build(root: &Path) -> Result<(), String> {
    let out = root.join("dist/web");
    fresh_dir(&out)?;
    // Without the DevTools panel (feature `panel`): the extension builds its own wasm.
    let wasm = wasm_build_with(
        root,
        "whycors-www",
        "whycors_www",
        &["--no-default-features"],
    )?;
    bindgen(&wasm, &out, "whycors_www", false)?;
    copy_tree(&root.join("www/static"), &out)?;
    println!("built {}", out.display());
    Ok(())
}
