//! The core's data flows one way: input → exchanges → browser verdict → cause → fixes →
//! report. No step may call into a later one (the readers never ask the verdict, the
//! verdict never the cause, the cause never the fixes); this test reads the sources and
//! fails on the first path that goes back. Unit tests (after `#[cfg(test)]`) may.
use std::path::{Path, PathBuf};

/// The steps in order, each with the source files that are it.
const STEPS: [(&str, &[&str]); 6] = [
    (
        "input",
        &[
            "input",
            "exchange.rs",
            "fetch",
            "gateway",
            "gateway.rs",
            "browser_text",
            "browser_text.rs",
            "cors_error.rs",
            "redact.rs",
            "shell.rs",
            "base64.rs",
        ],
    ),
    ("verdict", &["verdict.rs"]),
    ("cause", &["cause.rs", "cause"]),
    ("fix", &["fix.rs", "fix"]),
    // The report's types (what the JSON says), then the finding that fills them in.
    ("report", &["report.rs"]),
    ("finding", &["finding.rs"]),
];

fn rust_files(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for e in entries {
            rust_files(&e, out);
        }
    } else if p.extension().is_some_and(|e| e == "rs") {
        out.push(p.to_path_buf());
    }
}

/// The source without its unit tests and without comments.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_step_calls_a_later_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut checked = 0;
    let mut back = Vec::new();
    for (i, (step, parts)) in STEPS.iter().enumerate() {
        let later: Vec<&str> = STEPS[i + 1..].iter().map(|(s, _)| *s).collect();
        for part in *parts {
            let path = src.join(part);
            assert!(path.exists(), "{} is not in src/", path.display());
            let mut files = Vec::new();
            rust_files(&path, &mut files);
            for f in files {
                checked += 1;
                let code = code_of(&f);
                for l in &later {
                    for needle in [format!("crate::{l}::"), format!("crate::{l};")] {
                        if code.contains(&needle) {
                            back.push(format!("{} ({step}) uses {needle}", f.display()));
                        }
                    }
                }
            }
        }
    }
    // Every source file but lib.rs (the entry points, which run every step) is in a step.
    let mut all = Vec::new();
    rust_files(&src, &mut all);
    assert_eq!(
        checked,
        all.len() - 1,
        "a file of src/ is in no step (or in two)"
    );
    assert!(
        back.is_empty(),
        "a step calls a later one:\n{}",
        back.join("\n")
    );
}

/// The test can fail: a reader that asked the verdict would be caught.
#[test]
fn a_path_back_is_seen() {
    let dir = std::env::temp_dir().join(format!("whycors-arch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("reader.rs");
    std::fs::write(&f, "// crate::verdict:: in a comment is fine\nfn x() { crate::verdict::judge(); }\n#[cfg(test)]\nmod tests { use crate::fix::Fix; }\n").unwrap();
    let code = code_of(&f);
    assert!(code.contains("crate::verdict::"));
    assert_eq!(code.matches("crate::verdict::").count(), 1);
    assert!(!code.contains("crate::fix::"));
    std::fs::remove_dir_all(&dir).unwrap();
}
