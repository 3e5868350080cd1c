//! Building the faces into `dist/`: the wasm ones go through `cargo build --profile
//! release-wasm --target wasm32-unknown-unknown` and wasm-bindgen's library (no CLI to install).

use std::fs;
use std::path::{Path, PathBuf};

use crate::{cargo, run_tee, target_dir, WASM_TARGET};

pub mod embed;
pub mod extension;
pub mod web;

/// Build one workspace package's cdylib for wasm32 (size-optimised profile) and return the
/// path of the `.wasm` it produced.
pub fn wasm_build(root: &Path, package: &str, lib_name: &str) -> Result<PathBuf, String> {
    wasm_build_with(root, package, lib_name, &[])
}

/// [`wasm_build`] with extra `cargo build` arguments (e.g. `--no-default-features`).
pub fn wasm_build_with(
    root: &Path,
    package: &str,
    lib_name: &str,
    extra: &[&str],
) -> Result<PathBuf, String> {
    if !crate::ensure_wasm_target() {
        return Err("the wasm32-unknown-unknown target is missing and could not be added".into());
    }
    let mut c = cargo();
    c.current_dir(root).args([
        "build",
        "--profile",
        "release-wasm",
        "--target",
        WASM_TARGET,
        "-p",
        package,
        "--lib",
    ]);
    c.args(extra);
    if !run_tee(c).ok {
        return Err(format!("cargo build of {package} for {WASM_TARGET} failed"));
    }
    let wasm = target_dir(root)
        .join(WASM_TARGET)
        .join("release-wasm")
        .join(format!("{lib_name}.wasm"));
    if wasm.is_file() {
        Ok(wasm)
    } else {
        Err(format!("{} was not produced", wasm.display()))
    }
}

/// Run wasm-bindgen (target `web`: an ES module whose default export `init()` fetches the
/// `.wasm` next to it) on `wasm`, writing `<out_name>.js`, `<out_name>_bg.wasm` and, with
/// `typescript`, `<out_name>.d.ts` into `out_dir`.
pub fn bindgen(
    wasm: &Path,
    out_dir: &Path,
    out_name: &str,
    typescript: bool,
) -> Result<(), String> {
    fs::create_dir_all(out_dir).map_err(|e| format!("creating {}: {e}", out_dir.display()))?;
    let mut b = wasm_bindgen_cli_support::Bindgen::new();
    b.input_path(wasm)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        // Without this the generated init() has no default URL for the .wasm.
        .omit_default_module_path(false)
        .typescript(typescript)
        // WHYCORS_WASM_NAMES=1 keeps the function names (for a CPU profile's readable frames).
        .remove_name_section(std::env::var_os("WHYCORS_WASM_NAMES").is_none())
        .remove_producers_section(true)
        .out_name(out_name);
    b.generate(out_dir)
        .map_err(|e| format!("wasm-bindgen on {}: {e:#}", wasm.display()))?;
    optimise(&out_dir.join(format!("{out_name}_bg.wasm")));
    Ok(())
}

/// Shrink a wasm file with Binaryen's `wasm-opt -Oz` when a version that keeps wasm-bindgen's
/// output working (116 or later) is on PATH; it is optional and not installed by the set-up.
/// Without it the file stays as rustc and wasm-bindgen wrote it (opt-level "z", fat LTO).
fn optimise(wasm: &Path) {
    if !crate::on_path("wasm-opt") {
        println!("wasm-opt not found: {} left as built", wasm.display());
        return;
    }
    // Binaryen before 116 (Debian bookworm ships 108) turns wasm-bindgen's externref table
    // into a funcref table: the module then fails at start-up ("Table.set(): Argument 1 is
    // invalid for table"). Measured on dist/embed: 108's -Oz output is also larger gzipped.
    let version = std::process::Command::new("wasm-opt")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.split_whitespace().find_map(|w| w.parse::<u32>().ok()))
        .unwrap_or(0);
    if version < 116 {
        println!(
            "wasm-opt version {version} breaks wasm-bindgen's externref table: {} left as built",
            wasm.display()
        );
        return;
    }
    let tmp = wasm.with_extension("opt.wasm");
    let mut c = std::process::Command::new("wasm-opt");
    // The features rustc's wasm32-unknown-unknown emits, named one by one: Debian's
    // wasm-opt (version 108) with --all-features writes typed function references, which
    // Chromium and Node reject ("unknown type form", "Invalid type '(ref <heaptype>)'").
    c.arg("-Oz")
        .args([
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg(wasm)
        .arg("-o")
        .arg(&tmp);
    if run_tee(c).ok && fs::rename(&tmp, wasm).is_ok() {
        println!("wasm-opt -Oz: {}", wasm.display());
    } else {
        let _ = fs::remove_file(&tmp);
        println!("wasm-opt failed: {} left as built", wasm.display());
    }
}

/// Copy every file under `from` into `to` (created), keeping relative paths.
pub fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("creating {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("reading {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("reading {}: {e}", from.display()))?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &dest)?;
        } else {
            fs::copy(&path, &dest)
                .map_err(|e| format!("copying {} to {}: {e}", path.display(), dest.display()))?;
        }
    }
    Ok(())
}

/// Remove `dir` if present and create it empty.
pub fn fresh_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("removing {}: {e}", dir.display()))?;
    }
    fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))
}
