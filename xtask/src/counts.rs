//! Test counts parsed from the test runners' own summaries.

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
}
