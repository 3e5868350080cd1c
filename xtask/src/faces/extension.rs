//! `dist/extension/`: the unpacked MV3 extension for Chrome, the Firefox variant, a zip of each.

use std::path::Path;

pub fn build(root: &Path) -> Result<(), String> {
    let src = root.join("extension");
    if !src.is_dir() {
        return Err(format!("{} does not exist yet", src.display()));
    }
    println!("the extension build is not written yet (issue #5): dist/extension/ not built");
    Ok(())
}
