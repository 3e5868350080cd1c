//! Realistic captures of the classic failures, each in every input kind that can
//! carry it (tests/cases/<case>/): runs `whycors::diagnose` on every input file
//! and compares the finding with the case's expect.json. All mismatches are
//! reported at once, known bugs first; a known bug that now passes also fails,
//! so its marker gets removed.
//!
//! expect.json:
//! ```json
//! { "description": "…",
//!   "no_console": "why a blocked-request console message cannot exist (only for cases the browser does not block)",
//!   "inputs": { "capture.har": {
//!       "options": { "reads": ["ETag"], "origin": "https://…", "credentials": "include" },
//!       "known_bug": "one line",
//!       "expect": { "cause.kind": "gateway_error", "browser.cors_error": null, … } } } }
//! ```
//! Keys of `expect` are dotted paths into the finding's JSON (`null` means the
//! field must be null; a missing key is not checked), plus `findings` (how many
//! findings, default 1), `missing_contains` and `warnings_contain` (a substring
//! one entry of `missing` / `warnings` must contain).

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use whycors::exchange::Credentials;
use whycors::Options;

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");

#[derive(Default)]
struct Problems {
    known: Vec<String>,
    other: Vec<String>,
}

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(CASES)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn input_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(dir)
        .expect("case dir readable")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "expect.json")
        .collect();
    files.sort();
    files
}

fn options(v: Option<&Value>, where_: &str) -> Options {
    let mut o = Options::default();
    let Some(v) = v else { return o };
    if let Some(r) = v.get("reads").and_then(Value::as_array) {
        o.reads = r
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect();
    }
    if let Some(s) = v.get("origin").and_then(Value::as_str) {
        o.origin = Some(s.to_string());
    }
    if let Some(c) = v.get("credentials") {
        let c: Credentials = serde_json::from_value(c.clone())
            .unwrap_or_else(|e| panic!("{where_}: options.credentials: {e}"));
        o.credentials = Some(c);
    }
    o
}

fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

fn contains_in(finding: &Value, field: &str, needle: &str) -> bool {
    finding
        .get(field)
        .and_then(Value::as_array)
        .is_some_and(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .any(|s| s.to_lowercase().contains(&needle.to_lowercase()))
        })
}

/// Compare one input's report with its expectations; returns the mismatches.
fn check_input(case: &str, file: &str, text: &str, spec: &Value) -> Vec<String> {
    let where_ = format!("{case}/{file}");
    let mut out = Vec::new();
    let opts = options(spec.get("options"), &where_);
    let report = match whycors::diagnose(text, &opts) {
        Ok(r) => r,
        Err(e) => return vec![format!("{where_}: not read: {e}")],
    };
    let Some(expect) = spec.get("expect").and_then(Value::as_object) else {
        return vec![format!("{where_}: expect.json has no \"expect\" object")];
    };
    let want_findings = expect.get("findings").and_then(Value::as_u64).unwrap_or(1);
    if report.findings.len() as u64 != want_findings {
        out.push(format!(
            "{where_}: findings: expected {want_findings}, got {}",
            report.findings.len()
        ));
    }
    let Some(first) = report.findings.first() else {
        return out;
    };
    let finding = serde_json::to_value(first).expect("a finding serializes");
    for (key, want) in expect {
        match key.as_str() {
            "findings" => {}
            "missing_contains" | "warnings_contain" => {
                let field = if key == "missing_contains" {
                    "missing"
                } else {
                    "warnings"
                };
                let needle = want.as_str().unwrap_or("");
                if !contains_in(&finding, field, needle) {
                    out.push(format!(
                        "{where_}: {field}: expected an entry containing {needle:?}, got {}",
                        finding.get(field).unwrap_or(&Value::Null)
                    ));
                }
            }
            path => {
                let got = lookup(&finding, path);
                if got != Some(want) {
                    out.push(format!(
                        "{where_}: {path}: expected {want}, got {}",
                        got.map(Value::to_string)
                            .unwrap_or_else(|| "(no such field)".to_string())
                    ));
                }
            }
        }
    }
    out
}

fn check_case(dir: &Path, problems: &mut Problems) -> usize {
    let case = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let expect_path = dir.join("expect.json");
    let raw = match fs::read_to_string(&expect_path) {
        Ok(r) => r,
        Err(e) => {
            problems.other.push(format!("{case}: expect.json: {e}"));
            return 0;
        }
    };
    let spec: Value = match serde_json::from_str(&raw) {
        Ok(v) => v,
        Err(e) => {
            problems.other.push(format!("{case}/expect.json: {e}"));
            return 0;
        }
    };
    let inputs = spec
        .get("inputs")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let files = input_files(dir);

    // Coverage: no case silently loses an input kind.
    let has = |pred: &dyn Fn(&str) -> bool| files.iter().any(|f| pred(f));
    if !has(&|f| f.ends_with(".har")) {
        problems.other.push(format!("{case}: no HAR capture"));
    }
    if !has(&|f| f.starts_with("headers") && f.ends_with(".txt")) {
        problems.other.push(format!("{case}: no headers.txt"));
    }
    if !has(&|f| f.starts_with("console-chrome")) {
        match spec.get("no_console").and_then(Value::as_str) {
            Some(reason) if !reason.is_empty() => {
                // Only a case the browser does not block can lack a console message.
                let blocked = inputs
                    .values()
                    .any(|i| i.pointer("/expect/browser.blocked") == Some(&Value::Bool(true)));
                if blocked {
                    problems.other.push(format!(
                        "{case}: no console-chrome.txt, but an input is expected blocked"
                    ));
                }
            }
            _ => problems
                .other
                .push(format!("{case}: no console-chrome.txt")),
        }
    }
    for f in &files {
        if !inputs.contains_key(f) {
            problems
                .other
                .push(format!("{case}/{f}: input without an expectation"));
        }
    }
    let mut checked = 0;
    for (file, item) in &inputs {
        let path = dir.join(file);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                problems
                    .other
                    .push(format!("{case}/{file}: expected input file: {e}"));
                continue;
            }
        };
        checked += 1;
        let mismatches = check_input(&case, file, &text, item);
        match item.get("known_bug").and_then(Value::as_str) {
            Some(bug) if mismatches.is_empty() => problems.other.push(format!(
                "{case}/{file}: marked known_bug ({bug}) but now passes: remove the marker"
            )),
            Some(bug) => problems.known.extend(
                mismatches
                    .into_iter()
                    .map(|m| format!("{m}   [known bug: {bug}]")),
            ),
            None => problems.other.extend(mismatches),
        }
    }
    checked
}

#[test]
fn classic_failures_in_every_input_kind() {
    let dirs = case_dirs();
    assert!(
        dirs.len() >= 16,
        "expected at least 16 case directories under tests/cases, found {}",
        dirs.len()
    );
    let mut problems = Problems::default();
    let mut checked = 0;
    for d in &dirs {
        checked += check_case(d, &mut problems);
    }
    assert!(checked >= 100, "only {checked} input files checked");
    if !problems.known.is_empty() || !problems.other.is_empty() {
        let mut msg = String::new();
        if !problems.known.is_empty() {
            msg.push_str(&format!(
                "{} known bug mismatch(es):\n",
                problems.known.len()
            ));
            for p in &problems.known {
                msg.push_str(&format!("  {p}\n"));
            }
        }
        if !problems.other.is_empty() {
            msg.push_str(&format!("{} other mismatch(es):\n", problems.other.len()));
            for p in &problems.other {
                msg.push_str(&format!("  {p}\n"));
            }
        }
        panic!("{checked} inputs checked in {} cases\n{msg}", dirs.len());
    }
}
