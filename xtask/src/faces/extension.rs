//! `dist/extension/`: the unpacked MV3 extension for Chrome, the Firefox variant, a zip of each.
//!
//! Both variants are `extension/` plus the hosted page (`dist/web`, built just before) under
//! `page/`, whose wasm is replaced by the build with the DevTools panel (feature `panel`;
//! the hosted page's own build leaves it out): the panel loads `page/whycors_www.js` and
//! "Open in whycors page" opens `page/index.html`. Firefox gets `background.scripts` instead of a service worker,
//! `browser_specific_settings`, and no `debugger` permission nor `exact.js` (exact mode is
//! Chromium's).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::{bindgen, copy_tree, fresh_dir, wasm_build};

/// The add-on id Firefox needs for an MV3 extension.
pub const GECKO_ID: &str = "whycors@whycors.dev";

pub fn build(root: &Path) -> Result<(), String> {
    let src = root.join("extension");
    let web = root.join("dist/web");
    if !web.join("whycors_www.js").is_file() {
        return Err(format!(
            "{} has no whycors_www.js: build the hosted page first",
            web.display()
        ));
    }
    // The page and the panel in one wasm (whycors-www's default features).
    let wasm = wasm_build(root, "whycors-www", "whycors_www")?;
    let out = root.join("dist/extension");
    fresh_dir(&out)?;
    let manifest: Value = read_json(&src.join("manifest.json"))?;
    let version = manifest
        .get("version")
        .and_then(Value::as_str)
        .unwrap_or("0.0.0")
        .to_string();
    for (name, manifest) in [
        ("chrome", manifest.clone()),
        ("firefox", firefox_manifest(&manifest)),
    ] {
        let dir = out.join(name);
        copy_tree(&src, &dir)?;
        copy_page(&web, &dir.join("page"))?;
        bindgen(&wasm, &dir.join("page"), "whycors_www", false)?;
        if name == "firefox" {
            // Exact mode uses chrome.debugger, which Firefox does not have.
            let exact = dir.join("exact.js");
            fs::remove_file(&exact).map_err(|e| format!("removing {}: {e}", exact.display()))?;
        }
        let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
        fs::write(dir.join("manifest.json"), text + "\n")
            .map_err(|e| format!("writing {}: {e}", dir.join("manifest.json").display()))?;
        let zip = out.join(format!("whycors-{name}-{version}.zip"));
        zip_dir(&dir, &zip)?;
        println!("built {} and {}", dir.display(), zip.display());
    }
    Ok(())
}

/// The hosted page's own files (the top level of dist/web; not the docs example beside it).
fn copy_page(web: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("creating {}: {e}", to.display()))?;
    let entries = fs::read_dir(web).map_err(|e| format!("reading {}: {e}", web.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_file() {
            let dest = to.join(path.file_name().unwrap_or_default());
            fs::copy(&path, &dest)
                .map_err(|e| format!("copying {} to {}: {e}", path.display(), dest.display()))?;
        }
    }
    Ok(())
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The Chrome manifest adapted for Firefox (MV3; 140+ for `data_collection_permissions`, which
/// addons.mozilla.org requires; Firefox for Android from 142).
pub fn firefox_manifest(chrome: &Value) -> Value {
    let mut m = chrome.clone();
    if let Some(o) = m.as_object_mut() {
        o.remove("minimum_chrome_version");
        o.insert("background".into(), json!({ "scripts": ["sw.js"] }));
        o.insert(
            "browser_specific_settings".into(),
            json!({
                "gecko": {
                    "id": GECKO_ID,
                    "strict_min_version": "140.0",
                    "data_collection_permissions": { "required": ["none"] }
                },
                "gecko_android": { "strict_min_version": "142.0" }
            }),
        );
        let optional: Vec<Value> = o
            .get("optional_permissions")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter(|p| p.as_str() != Some("debugger"))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        if optional.is_empty() {
            o.remove("optional_permissions");
        } else {
            o.insert("optional_permissions".into(), Value::Array(optional));
        }
    }
    m
}

fn files_under(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            files_under(&path, base, out)?;
        } else if let Ok(rel) = path.strip_prefix(base) {
            out.push(rel.to_path_buf());
        }
    }
    Ok(())
}

/// Zip `dir`'s files (sorted, fixed timestamps: the same input gives the same zip).
fn zip_dir(dir: &Path, zip_path: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    files_under(dir, dir, &mut files)?;
    files.sort();
    let file =
        fs::File::create(zip_path).map_err(|e| format!("creating {}: {e}", zip_path.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    for rel in files {
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let bytes =
            fs::read(dir.join(&rel)).map_err(|e| format!("reading {}: {e}", rel.display()))?;
        zip.start_file(name.as_str(), options)
            .map_err(|e| format!("zip {}: {e}", zip_path.display()))?;
        zip.write_all(&bytes)
            .map_err(|e| format!("zip {}: {e}", zip_path.display()))?;
    }
    zip.finish()
        .map_err(|e| format!("zip {}: {e}", zip_path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firefox_variant() {
        let chrome = json!({
            "manifest_version": 3,
            "minimum_chrome_version": "116",
            "background": {"service_worker": "sw.js"},
            "optional_permissions": ["debugger"],
            "permissions": ["declarativeNetRequestWithHostAccess"]
        });
        let ff = firefox_manifest(&chrome);
        assert_eq!(ff["background"], json!({"scripts": ["sw.js"]}));
        assert_eq!(ff["browser_specific_settings"]["gecko"]["id"], GECKO_ID);
        assert!(ff.get("optional_permissions").is_none());
        assert!(ff.get("minimum_chrome_version").is_none());
        assert_eq!(ff["permissions"], chrome["permissions"]);
    }
}
