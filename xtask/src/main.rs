//! `cargo xtask`: the project's two README commands and the build.
//!
//! - `cargo xtask test [--quick] [--only STEP]`: installs what is missing, runs every check and test
//!   step, prints a step table and ends with exactly one line `N passed, M failed`.
//! - `cargo xtask build`: builds every face into `dist/`.
//! - `cargo xtask serve [--port N]`: builds, then runs `whycors lab` and prints the URLs.
//!
//! Dependency-free on purpose: std::process::Command only.

use std::env;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::{mpsc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

mod bench;
mod bench_embed;
mod bench_page;
mod counts;
mod faces;

use counts::Counts;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's Firefox ESR: tests/browser/firefox.test.mjs drives it over WebDriver BiDi.
const FIREFOX: &str = "/usr/bin/firefox-esr";
/// Where Debian's firefox-esr-l10n-* packages put Firefox's language packs.
const FIREFOX_LANGPACKS: &str = "/usr/lib/firefox-esr/browser/extensions";

/// The languages whycors reads Firefox's messages in: src/browser_text/firefox_l10n/<lang>.properties.
fn firefox_langs() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/browser_text/firefox_l10n");
    let mut langs: Vec<String> = fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.file_name()
                        .to_str()?
                        .strip_suffix(".properties")
                        .map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    langs.sort();
    langs
}
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The steps of `cargo xtask test`, in order. `--only NAME` picks one.
const STEPS: &[&str] = &[
    "setup",
    "fmt",
    "clippy",
    "clippy-wasm",
    "wasm-build",
    "test",
    "browser",
    "fuzz",
    "bench",
];

/// The cargo-fuzz targets, one per reader, auto-detection, and the whole pipeline from input
/// to JSON report (fuzz/Cargo.toml).
const FUZZ_TARGETS: &[&str] = &[
    "fuzz_har",
    "fuzz_http_text",
    "fuzz_curl_verbose",
    "fuzz_curl_command",
    "fuzz_fetch_command",
    "fuzz_powershell_command",
    "fuzz_devtools_headers",
    "fuzz_console",
    "fuzz_read",
    "fuzz_diagnose",
];

/// Seconds each fuzz target runs in `cargo xtask test` (a smoke run, not a campaign).
const FUZZ_SECONDS: u32 = 10;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = repo_root();
    match args.first().map(String::as_str) {
        Some("test") => cmd_test(&root, &args[1..]),
        Some("build") => match build_all(&root) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        },
        Some("serve") => cmd_serve(&root, &args[1..]),
        // Only the hosted page (dist/web), for iterating on it.
        Some("build-web") => match faces::web::build(&root) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        },
        Some("bench") => bench::run(&root, &args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask test [--quick] [--only {}]\n       cargo xtask build\n       cargo xtask serve [--port N]\n       cargo xtask bench [embed] [--size MB] [--runs N]",
                STEPS.join("|")
            );
            ExitCode::from(2)
        }
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("xtask: {msg}");
    ExitCode::FAILURE
}

/// The workspace root: the parent of this crate's directory.
fn repo_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or(here)
}

fn target_dir(root: &Path) -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                root.join(dir)
            }
        }
        None => root.join("target"),
    }
}

fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

// ---------------------------------------------------------------------------------------------
// Running commands

/// Outcome of one command: success plus its whole output (stdout and stderr interleaved).
struct Output {
    ok: bool,
    text: String,
}

/// Run `cmd`, echoing its output live, and capture it for parsing.
fn run_tee(mut cmd: Command) -> Output {
    println!("$ {}", describe(&cmd));
    let _ = std::io::stdout().flush();
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            let text = format!("cannot start {}: {e}", describe(&cmd));
            println!("{text}");
            return Output { ok: false, text };
        }
    };
    let (tx, rx) = mpsc::channel::<String>();
    let mut readers = Vec::new();
    if let Some(out) = child.stdout.take() {
        let tx = tx.clone();
        readers.push(thread::spawn(move || forward(out, &tx, false)));
    }
    if let Some(err) = child.stderr.take() {
        let tx = tx.clone();
        readers.push(thread::spawn(move || forward(err, &tx, true)));
    }
    drop(tx);
    let mut text = String::new();
    for line in rx {
        text.push_str(&line);
        text.push('\n');
    }
    for r in readers {
        let _ = r.join();
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    if !ok {
        if let Ok(mut failed) = FAILED_COMMANDS.lock() {
            failed.push((describe(&cmd), counts::failure_digest(&text)));
        }
    }
    Output { ok, text }
}

/// Every command `run_tee` saw fail, with what its output said of the failure: a failed step's
/// entries are printed again above the summary, where the tail of a CI log shows them.
static FAILED_COMMANDS: Mutex<Vec<(String, Vec<String>)>> = Mutex::new(Vec::new());

fn failed_commands_since(n: usize) -> Vec<(String, Vec<String>)> {
    FAILED_COMMANDS
        .lock()
        .map(|f| f.get(n..).unwrap_or_default().to_vec())
        .unwrap_or_default()
}

fn failed_command_count() -> usize {
    FAILED_COMMANDS.lock().map(|f| f.len()).unwrap_or(0)
}

fn forward<R: std::io::Read>(stream: R, tx: &mpsc::Sender<String>, to_stderr: bool) {
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { break };
        if to_stderr {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
        if tx.send(line).is_err() {
            break;
        }
    }
}

fn stdout_of(cmd: &mut Command) -> Option<String> {
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

fn on_path(program: &str) -> bool {
    env::var_os("PATH")
        .map(|paths| env::split_paths(&paths).any(|p| p.join(program).is_file()))
        .unwrap_or(false)
}

fn is_root() -> bool {
    stdout_of(Command::new("id").arg("-u")).is_some_and(|s| s.trim() == "0")
}

// ---------------------------------------------------------------------------------------------
// cargo xtask test

struct StepResult {
    name: &'static str,
    ok: bool,
    counts: Option<Counts>,
    time: Duration,
    /// The step's failed commands and what their output said (empty when it passed).
    failures: Vec<(String, Vec<String>)>,
}

fn cmd_test(root: &Path, args: &[String]) -> ExitCode {
    let mut quick = false;
    let mut only: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--quick" => quick = true,
            "--only" => match it.next() {
                Some(step) if STEPS.contains(&step.as_str()) => only = Some(step.clone()),
                other => {
                    return fail(&format!(
                        "--only needs one of {} (got {:?})",
                        STEPS.join(", "),
                        other
                    ))
                }
            },
            other => return fail(&format!("unknown option {other:?} for `cargo xtask test`")),
        }
    }
    let selected: Vec<&'static str> = STEPS
        .iter()
        .copied()
        .filter(|s| match &only {
            Some(o) => s == o || (*s == "setup" && o != "setup"),
            None => !(quick && matches!(*s, "browser" | "fuzz" | "bench")),
        })
        .collect();
    let wants = |s: &str| selected.contains(&s);
    let need_wasm = wants("clippy-wasm") || wants("wasm-build");
    let need_browser = wants("browser");
    let explicit_setup = only.as_deref() == Some("setup");
    let selected: Vec<&'static str> = selected
        .into_iter()
        .filter(|s| *s != "setup" || need_wasm || need_browser || explicit_setup)
        .collect();
    let (need_wasm, need_browser) = if explicit_setup {
        (true, true)
    } else {
        (need_wasm, need_browser)
    };

    let start = Instant::now();
    let mut results = Vec::new();
    for &name in &selected {
        println!("\n==== {name} ====");
        let t = Instant::now();
        let failed_before = failed_command_count();
        let (ok, counts) = match name {
            "setup" => (setup(root, need_wasm, need_browser), None),
            "fmt" => check(cargo_in(root, &["fmt", "--all", "--check"])),
            "clippy" => check(cargo_in(
                root,
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            )),
            "clippy-wasm" => both(
                check(cargo_in(
                    root,
                    &[
                        "clippy",
                        "-p",
                        "whycors",
                        "-p",
                        "whycors-embed",
                        "-p",
                        "whycors-www",
                        "--target",
                        WASM_TARGET,
                        "--",
                        "-D",
                        "warnings",
                    ],
                )),
                // The hosted page's build: whycors-www without the DevTools panel.
                check(cargo_in(
                    root,
                    &[
                        "clippy",
                        "-p",
                        "whycors-www",
                        "--no-default-features",
                        "--target",
                        WASM_TARGET,
                        "--",
                        "-D",
                        "warnings",
                    ],
                )),
            ),
            "wasm-build" => check(cargo_in(
                root,
                &["build", "-p", "whycors", "--target", WASM_TARGET],
            )),
            "test" => {
                let out = run_tee(cargo_in(root, &["test", "--workspace"]));
                (out.ok, Some(Counts::from_cargo_test(&out.text)))
            }
            "browser" => browser_tests(root),
            "fuzz" => fuzz_smoke(root),
            "bench" => (bench::run(root, &[]) == ExitCode::SUCCESS, None),
            _ => (false, None),
        };
        let time = t.elapsed();
        println!(
            "==== {name}: {} ({}) ====",
            if ok { "ok" } else { "FAILED" },
            secs(time)
        );
        let failures = if ok {
            Vec::new()
        } else {
            failed_commands_since(failed_before)
        };
        results.push(StepResult {
            name,
            ok,
            counts,
            time,
            failures,
        });
    }
    print_summary(&results, start.elapsed())
}

/// Every fuzz target for a few seconds on the nightly toolchain: each must run
/// without a crash. Installs cargo-fuzz from crates.io when it is missing.
fn fuzz_smoke(root: &Path) -> (bool, Option<Counts>) {
    let mut nightly = Command::new("cargo");
    nightly.args(["+nightly", "--version"]);
    if stdout_of(&mut nightly).is_none() {
        println!("the nightly toolchain is missing: `rustup toolchain install nightly` (cargo fuzz needs it)");
        return (false, None);
    }
    let mut fuzz = Command::new("cargo");
    fuzz.args(["+nightly", "fuzz", "--version"]);
    if stdout_of(&mut fuzz).is_none() {
        let mut install = Command::new("cargo");
        install.args(["install", "cargo-fuzz"]);
        if !run_tee(install).ok {
            return (false, None);
        }
    }
    let mut counts = Counts::default();
    for target in FUZZ_TARGETS {
        // The run's own corpus first (new inputs go there), then the test inputs as seeds
        // (libFuzzer reads them recursively): every real capture shape is a starting point.
        let corpus = root.join("fuzz").join("corpus").join(target);
        if let Err(e) = std::fs::create_dir_all(&corpus) {
            println!(
                "fuzz target {target}: cannot create {}: {e}",
                corpus.display()
            );
            counts.failed += 1;
            continue;
        }
        let mut c = Command::new("cargo");
        c.current_dir(root)
            .args(["+nightly", "fuzz", "run", target]);
        c.arg(&corpus)
            .arg(root.join("tests").join("cases"))
            .arg(root.join("tests").join("data"))
            .args(["--", &format!("-max_total_time={FUZZ_SECONDS}")]);
        if run_tee(c).ok {
            counts.passed += 1;
        } else {
            println!("fuzz target {target} FAILED (see above; the crashing input is in fuzz/artifacts/{target}/)");
            counts.failed += 1;
        }
    }
    (counts.failed == 0, Some(counts))
}

/// Both steps' outcomes as one (the second runs even when the first failed).
fn both(a: (bool, Option<Counts>), b: (bool, Option<Counts>)) -> (bool, Option<Counts>) {
    (a.0 && b.0, None)
}

fn check(cmd: Command) -> (bool, Option<Counts>) {
    (run_tee(cmd).ok, None)
}

fn cargo_in(root: &Path, args: &[&str]) -> Command {
    let mut c = cargo();
    c.current_dir(root).args(args);
    c
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 60.0 {
        format!(
            "{}m{:02}s",
            (s / 60.0).floor(),
            (s % 60.0).round() as u64 % 60
        )
    } else {
        format!("{s:.1}s")
    }
}

fn print_summary(results: &[StepResult], total: Duration) -> ExitCode {
    let mut passed = 0u64;
    let mut failed = 0u64;
    for r in results.iter().filter(|r| !r.failures.is_empty()) {
        println!("\n==== what failed in {} ====", r.name);
        for (cmd, digest) in &r.failures {
            println!("$ {cmd}");
            for line in digest {
                println!("{line}");
            }
        }
    }
    println!(
        "\n{:<12} {:<7} {:>8} {:>8} {:>9}",
        "step", "result", "passed", "failed", "time"
    );
    for r in results {
        // A step without test counts (a check, a build, the set-up) counts as one test; a test
        // step that failed without reporting a failed test (it did not compile) counts one more.
        let (p, f) = match r.counts {
            Some(c) => {
                let extra = u64::from(!r.ok && c.failed == 0);
                (c.passed, c.failed + extra)
            }
            None => (u64::from(r.ok), u64::from(!r.ok)),
        };
        passed += p;
        failed += f;
        println!(
            "{:<12} {:<7} {:>8} {:>8} {:>9}",
            r.name,
            if r.ok { "ok" } else { "FAILED" },
            p,
            f,
            secs(r.time)
        );
    }
    println!("total time {}", secs(total));
    let any_failed = results.iter().any(|r| !r.ok) || failed > 0;
    println!("{passed} passed, {failed} failed");
    if any_failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

// ---------------------------------------------------------------------------------------------
// Set-up: idempotent installs

fn setup(root: &Path, wasm: bool, browser: bool) -> bool {
    let mut ok = true;
    if wasm {
        ok &= ensure_wasm_target();
    }
    if browser {
        ok &= ensure_debian_packages();
        ok &= ensure_npm_packages(root);
        ok &= ensure_wasm_bindgen_test_runner();
    }
    ok
}

/// The version of wasm-bindgen the www crate pins; its test runner must match.
const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// `wasm-bindgen-test-runner` (from wasm-bindgen-cli) for the page's component tests in
/// headless Chromium. Installed with cargo when missing or another version (~2 min on
/// 2 cores; not `--locked`: the registry mirror can lack a lockfile pin).
fn ensure_wasm_bindgen_test_runner() -> bool {
    let have = stdout_of(Command::new("wasm-bindgen-test-runner").arg("--version"));
    if have
        .as_deref()
        .is_some_and(|v| v.contains(WASM_BINDGEN_VERSION))
    {
        println!("wasm-bindgen-test-runner {WASM_BINDGEN_VERSION}: installed");
        return true;
    }
    let mut c = Command::new("cargo");
    c.args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        WASM_BINDGEN_VERSION,
    ]);
    run_tee(c).ok
}

/// The page's component tests (www/tests, wasm-bindgen-test) in headless Chromium.
fn wasm_component_tests(root: &Path) -> (bool, Counts) {
    let mut c = cargo();
    c.current_dir(root)
        .args([
            "test",
            "-p",
            "whycors-www",
            "--target",
            WASM_TARGET,
            "--test",
            "components",
        ])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .env("CHROMEDRIVER", CHROMEDRIVER);
    let out = run_tee(c);
    (out.ok, Counts::from_cargo_test(&out.text))
}

fn ensure_wasm_target() -> bool {
    let installed = stdout_of(Command::new("rustup").args(["target", "list", "--installed"]))
        .is_some_and(|s| s.lines().any(|l| l.trim() == WASM_TARGET));
    if installed {
        println!("wasm32 target: installed");
        return true;
    }
    let mut c = Command::new("rustup");
    c.args(["target", "add", WASM_TARGET]);
    run_tee(c).ok
}

fn ensure_debian_packages() -> bool {
    let mut missing = Vec::new();
    if !Path::new(CHROMIUM).exists() {
        missing.push("chromium".to_string());
    }
    if !Path::new(CHROMEDRIVER).exists() {
        missing.push("chromium-driver".to_string());
    }
    if !Path::new(FIREFOX).exists() {
        missing.push("firefox-esr".to_string());
    }
    // The language packs firefox-l10n.test.mjs runs Firefox in: one per translation whycors reads.
    for lang in firefox_langs() {
        let xpi = format!("{FIREFOX_LANGPACKS}/langpack-{lang}@firefox-esr.mozilla.org.xpi");
        if !Path::new(&xpi).exists() {
            missing.push(format!("firefox-esr-l10n-{}", lang.to_lowercase()));
        }
    }
    // curl and HTTPie, which cli/tests/real_clients.rs drives against the lab.
    if !on_path("curl") {
        missing.push("curl".to_string());
    }
    if !on_path("http") {
        missing.push("httpie".to_string());
    }
    if !on_path("node") {
        missing.push("nodejs".to_string());
    }
    if !on_path("npm") {
        missing.push("npm".to_string());
    }
    if missing.is_empty() {
        println!(
            "chromium, chromium-driver, firefox-esr and its language packs, curl, httpie, node, npm: installed"
        );
        return true;
    }
    let install = format!("apt-get install -y {}", missing.join(" "));
    if !is_root() {
        println!(
            "missing: {}. Install them with:\n  sudo apt-get update && sudo {install}",
            missing.join(", ")
        );
        return false;
    }
    let mut update = Command::new("apt-get");
    update
        .arg("update")
        .env("DEBIAN_FRONTEND", "noninteractive");
    if !run_tee(update).ok {
        return false;
    }
    let mut c = Command::new("apt-get");
    c.args(["install", "-y", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive");
    run_tee(c).ok
}

/// `npm ci` in tests/browser when any pinned package in package.json is not the version
/// node_modules holds.
fn ensure_npm_packages(root: &Path) -> bool {
    let dir = root.join("tests/browser");
    let missing = npm_packages_missing(&dir);
    if missing.is_empty() {
        println!("npm packages: installed");
        return true;
    }
    println!("npm packages to install: {}", missing.join(", "));
    let mut c = Command::new("npm");
    c.args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir);
    run_tee(c).ok
}

/// `name@version` of each dependency in `dir/package.json` that node_modules lacks or holds
/// in another version (every version there is pinned exactly).
fn npm_packages_missing(dir: &Path) -> Vec<String> {
    let read = |p: PathBuf| -> Option<serde_json::Value> {
        serde_json::from_str(&fs::read_to_string(p).ok()?).ok()
    };
    let Some(pkg) = read(dir.join("package.json")) else {
        return vec!["(package.json unreadable)".into()];
    };
    let mut missing = Vec::new();
    for key in ["dependencies", "devDependencies"] {
        let Some(deps) = pkg.get(key).and_then(|d| d.as_object()) else {
            continue;
        };
        for (name, wanted) in deps {
            let wanted = wanted.as_str().unwrap_or_default();
            let have = read(dir.join("node_modules").join(name).join("package.json"))
                .and_then(|p| p.get("version")?.as_str().map(str::to_string));
            if have.as_deref() != Some(wanted) {
                missing.push(format!("{name}@{wanted}"));
            }
        }
    }
    missing
}

/// The string value following `key:` in a small JSON text (enough for package.json files).
fn json_string_after(text: &str, key: &str) -> Option<String> {
    let rest = text.get(text.find(key)? + key.len()..)?;
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    Some(rest.get(..rest.find('"')?)?.to_string())
}

// ---------------------------------------------------------------------------------------------
// Browser tests

fn browser_tests(root: &Path) -> (bool, Option<Counts>) {
    let mut build = cargo();
    build
        .current_dir(root)
        .args(["build", "-p", "whycors-cli", "--bin", "whycors"]);
    if !run_tee(build).ok {
        return (false, None);
    }
    // The browser tests drive the built faces in dist/ (embed, page, extension).
    for (name, face) in FACES.iter().filter(|(name, _)| *name != "native binary") {
        println!("==== build {name} ====");
        if let Err(e) = face(root) {
            println!("building the {name}: {e}");
            return (false, None);
        }
    }
    println!("==== wasm component tests (headless Chromium) ====");
    let (wasm_ok, wasm_counts) = wasm_component_tests(root);
    let bin = target_dir(root).join("debug/whycors");
    let dir = root.join("tests/browser");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.ends_with(".test.mjs"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if files.is_empty() {
        println!("no tests/browser/*.test.mjs found");
        return (false, None);
    }
    let mut node = Command::new("node");
    node.current_dir(root)
        .args(["--test", "--test-concurrency=1"])
        .args(&files)
        .env("WHYCORS_BIN", &bin);
    let out = run_tee(node);
    let mut counts = Counts::from_node_test(&out.text);
    counts.passed += wasm_counts.passed;
    counts.failed += wasm_counts.failed;
    (out.ok && wasm_ok, Some(counts))
}

// ---------------------------------------------------------------------------------------------
// cargo xtask build / serve

/// One function per face; `build_all` runs them in order (the web page before the
/// extension, which reuses its wasm).
type FaceBuild = fn(&Path) -> Result<(), String>;
const FACES: &[(&str, FaceBuild)] = &[
    ("native binary", build_native),
    ("hosted page", faces::web::build),
    // After the hosted page: it also places its docs example in dist/web/docs-example/.
    ("embed package", faces::embed::build),
    ("extension", faces::extension::build),
];

fn build_all(root: &Path) -> Result<(), String> {
    for (name, build) in FACES {
        println!("==== build {name} ====");
        build(root).map_err(|e| format!("building the {name}: {e}"))?;
    }
    Ok(())
}

/// Release `whycors` binary, copied to dist/bin/whycors.
fn build_native(root: &Path) -> Result<(), String> {
    let mut c = cargo();
    c.current_dir(root).args([
        "build",
        "--release",
        "-p",
        "whycors-cli",
        "--bin",
        "whycors",
    ]);
    if !run_tee(c).ok {
        return Err("cargo build --release failed".into());
    }
    let from = target_dir(root).join("release/whycors");
    let to_dir = root.join("dist/bin");
    fs::create_dir_all(&to_dir).map_err(|e| format!("creating {}: {e}", to_dir.display()))?;
    let to = to_dir.join("whycors");
    fs::copy(&from, &to)
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))?;
    println!("built {}", to.display());
    Ok(())
}

fn cmd_serve(root: &Path, args: &[String]) -> ExitCode {
    let mut lab_args = vec!["lab".to_string()];
    match args {
        [] => lab_args.extend(["--port".to_string(), "0".to_string()]),
        [flag, port] if flag == "--port" => lab_args.extend([flag.clone(), port.clone()]),
        other => {
            return fail(&format!(
                "usage: cargo xtask serve [--port N] (got {other:?})"
            ))
        }
    }
    if let Err(e) = build_all(root) {
        return fail(&e);
    }
    let web = root.join("dist/web");
    lab_args.extend(["--web".to_string(), web.display().to_string()]);
    let bin = root.join("dist/bin/whycors");
    let mut child = match Command::new(&bin)
        .args(&lab_args)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => return fail(&format!("cannot start {}: {e}", bin.display())),
    };
    let Some(stdout) = child.stdout.take() else {
        return fail("no stdout from the lab");
    };
    let mut lines = BufReader::new(stdout).lines();
    match lines.next() {
        Some(Ok(line)) => {
            let app = json_string_after(&line, "\"app\"");
            let api = json_string_after(&line, "\"api\"");
            if app.is_none() || api.is_none() {
                let _ = child.kill();
                let _ = child.wait();
                return fail(&format!(
                    "the lab's first line is not {{\"app\":…,\"api\":…}}: {line}"
                ));
            }
            println!();
            println!("whycors is serving (Ctrl-C to stop):");
            if let Some(web) = json_string_after(&line, "\"web\"") {
                println!("  hosted page:    {web}/");
            }
            if let Some(app) = &app {
                println!("  lab demo page:  {app}/");
            }
            if let Some(api) = &api {
                println!("  lab API origin: {api}");
            }
            let ext = root.join("dist/extension/chrome");
            if ext.is_dir() {
                println!(
                    "  extension:      {} (chrome://extensions → Developer mode → Load unpacked)",
                    ext.display()
                );
            }
        }
        _ => {
            let _ = child.kill();
            return fail("the lab exited without printing its URLs");
        }
    }
    // Keep echoing whatever the lab prints until it stops.
    for line in lines.map_while(Result::ok) {
        println!("{line}");
    }
    match child.wait() {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(s) => fail(&format!("the lab stopped: {s}")),
        Err(e) => fail(&format!("waiting for the lab: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::json_string_after;

    #[test]
    fn reads_the_labs_url_line() {
        let line = r#"{"app":"http://app.localhost:8001","api":"http://api.localhost:8002"}"#;
        assert_eq!(
            json_string_after(line, "\"app\"").as_deref(),
            Some("http://app.localhost:8001")
        );
        assert_eq!(
            json_string_after(line, "\"api\"").as_deref(),
            Some("http://api.localhost:8002")
        );
        assert_eq!(json_string_after("whycors", "\"app\""), None);
    }

    #[test]
    fn reads_a_pinned_npm_version() {
        let pkg = "{\n  \"devDependencies\": {\n    \"playwright-core\": \"1.65.1\"\n  }\n}";
        assert_eq!(
            json_string_after(pkg, "\"playwright-core\"").as_deref(),
            Some("1.65.1")
        );
    }
}
