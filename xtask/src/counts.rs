//! Test counts parsed from the test runners' own summaries, and what failed, taken out of
//! their output to be printed again at the end of a run (where a CI log's tail shows it).

/// Passed and failed test counts of one step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl Counts {
    /// Sum of every `test result: ok. N passed; M failed; ...` line cargo test prints
    /// (one per test binary and one for the doctests).
    pub fn from_cargo_test(output: &str) -> Counts {
        let mut c = Counts::default();
        for line in output.lines() {
            let Some(rest) = line.trim().strip_prefix("test result: ") else {
                continue;
            };
            c.passed += number_before(rest, " passed").unwrap_or(0);
            c.failed += number_before(rest, " failed").unwrap_or(0);
        }
        c
    }

    /// Sum of node's TAP summary lines `# pass N` and `# fail N`.
    pub fn from_node_test(output: &str) -> Counts {
        let mut c = Counts::default();
        for line in output.lines() {
            let line = line.trim();
            if let Some(n) = line.strip_prefix("# pass ") {
                c.passed += n.trim().parse::<u64>().unwrap_or(0);
            } else if let Some(n) = line.strip_prefix("# fail ") {
                c.failed += n.trim().parse::<u64>().unwrap_or(0);
            }
        }
        c
    }
}

/// Lines of a failed command's output worth printing again at the end of the run: node's TAP
/// `not ok` entries with their diagnostics (error, location, expected/actual; the stack cut
/// short), cargo test's `---- name stdout ----` panics, and else the output's last lines.
pub fn failure_digest(output: &str) -> Vec<String> {
    const PER_FAILURE: usize = 30;
    const TAIL: usize = 30;
    let lines: Vec<&str> = output.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.starts_with("not ok ") {
            let mut block = vec![line.to_string()];
            let mut j = i + 1;
            let mut in_stack = 0usize;
            // The YAML block under it: more indented, up to its `...`.
            while j < lines.len() {
                let l = lines[j];
                let t = l.trim_start();
                let ind = l.len() - t.len();
                if t.is_empty() && j + 1 < lines.len() {
                    j += 1;
                    continue;
                }
                if ind <= indent {
                    break;
                }
                j += 1;
                if t == "..." && ind == indent + 2 {
                    break;
                }
                if t == "---" || t.starts_with("duration_ms:") {
                    continue;
                }
                if ind == indent + 2 {
                    in_stack = usize::from(t.starts_with("stack:"));
                } else if in_stack > 0 {
                    in_stack += 1;
                    if in_stack > 4 {
                        continue;
                    }
                }
                if block.len() < PER_FAILURE {
                    block.push(l.to_string());
                }
            }
            // A parent that only says its subtests failed adds nothing to their entries.
            if !block
                .iter()
                .any(|l| l.contains("failureType: 'subtestsFailed'"))
            {
                out.extend(block);
            }
            i = j;
            continue;
        }
        if trimmed.starts_with("---- ") && trimmed.ends_with(" ----") {
            let mut j = i + 1;
            let mut block = vec![line.to_string()];
            while j < lines.len() {
                let t = lines[j].trim_start();
                if (t.starts_with("---- ") && t.ends_with(" ----")) || t == "failures:" {
                    break;
                }
                if block.len() < PER_FAILURE {
                    block.push(lines[j].to_string());
                }
                j += 1;
            }
            while block.last().is_some_and(|l| l.trim().is_empty()) {
                block.pop();
            }
            out.extend(block);
            i = j;
            continue;
        }
        i += 1;
    }
    if out.is_empty() {
        let from = lines.len().saturating_sub(TAIL);
        out.extend(lines[from..].iter().map(|l| l.to_string()));
    }
    out
}

/// The decimal number right before `marker` in `text` ("3 passed" → 3).
fn number_before(text: &str, marker: &str) -> Option<u64> {
    let end = text.find(marker)?;
    let head = text.get(..end)?;
    let digits: String = head
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_cargo_test_result_lines() {
        let out = "running 3 tests\n\
                   test a ... ok\n\
                   test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
                   \n\
                   test result: FAILED. 10 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out\n\
                   Doc-tests whycors\n\
                   test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(
            Counts::from_cargo_test(out),
            Counts {
                passed: 13,
                failed: 2
            }
        );
    }

    #[test]
    fn ignores_lines_that_only_look_alike() {
        let out = "note: 5 passed elsewhere\nerror: could not compile `whycors`\n";
        assert_eq!(Counts::from_cargo_test(out), Counts::default());
    }

    #[test]
    fn sums_node_tap_summaries() {
        let out = "ok 1 - smoke\n# tests 2\n# pass 1\n# fail 1\n# cancelled 0\n";
        assert_eq!(
            Counts::from_node_test(out),
            Counts {
                passed: 1,
                failed: 1
            }
        );
    }

    #[test]
    fn number_before_takes_the_adjacent_digits() {
        assert_eq!(number_before("ok. 42 passed; 7 failed", " failed"), Some(7));
        assert_eq!(number_before("passed", " passed"), None);
    }
    #[test]
    fn digest_keeps_a_failing_tap_leaf_and_drops_its_parent_and_passes() {
        let out = [
            "TAP version 13",
            "# Subtest: outer",
            "    # Subtest: inner ok",
            "    ok 1 - inner ok",
            "      ---",
            "      duration_ms: 3.3",
            "      ...",
            "    not ok 2 - inner bad",
            "      ---",
            "      duration_ms: 3.5",
            "      location: '/t/a.test.mjs:5:11'",
            "      failureType: 'testCodeFailure'",
            "      error: |-",
            "        one is two",
            "        ",
            "        1 !== 2",
            "      stack: |-",
            "        s1",
            "        s2",
            "        s3",
            "        s4",
            "        s5",
            "      ...",
            "    1..2",
            "not ok 1 - outer",
            "  ---",
            "  duration_ms: 9.2",
            "  failureType: 'subtestsFailed'",
            "  error: '1 subtest failed'",
            "  ...",
            "ok 2 - plain ok",
            "# pass 2",
            "# fail 2",
        ]
        .join("\n");
        let d = failure_digest(&out);
        assert_eq!(
            d.first().map(String::as_str),
            Some("    not ok 2 - inner bad")
        );
        assert!(d.iter().any(|l| l.contains("one is two")));
        assert!(d.iter().any(|l| l.contains("1 !== 2")));
        assert!(d.iter().any(|l| l.contains("s3")));
        assert!(
            !d.iter().any(|l| l.contains("s4")),
            "the stack is cut: {d:?}"
        );
        assert!(
            !d.iter().any(|l| l.contains("duration_ms")
                || l.contains("outer")
                || l.contains("plain ok")),
            "{d:?}"
        );
    }

    #[test]
    fn digest_keeps_cargo_test_panics() {
        let out = "test a ... FAILED\n\nfailures:\n\n---- tests::a stdout ----\n\
thread 'tests::a' panicked at src/lib.rs:3:5:\nassertion failed\n\n\
---- tests::b stdout ----\nthread 'tests::b' panicked\n\nfailures:\n    tests::a\n    tests::b\n\n\
test result: FAILED. 0 passed; 2 failed\n";
        let d = failure_digest(out);
        assert_eq!(
            d,
            vec![
                "---- tests::a stdout ----",
                "thread 'tests::a' panicked at src/lib.rs:3:5:",
                "assertion failed",
                "---- tests::b stdout ----",
                "thread 'tests::b' panicked",
            ]
        );
    }

    #[test]
    fn digest_of_anything_else_is_its_tail() {
        let out: String = (1..=40).map(|n| format!("line {n}\n")).collect();
        let d = failure_digest(&out);
        assert_eq!(d.len(), 30);
        assert_eq!(d[0], "line 11");
        assert_eq!(d[29], "line 40");
    }
}
