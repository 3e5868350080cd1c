//! What the integration tests share: a report with the default options, and its one finding.
// Each test crate compiles this module and uses what it needs of it.
#![allow(dead_code)]

use whycors::report::{Finding, Report};
use whycors::{diagnose, Options};

/// The report for `text` with the default options; a refusal fails the test, naming the input.
pub fn report(text: &str) -> Report {
    diagnose(text, &Options::default()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The report's only finding; more or none fails the test, showing them.
pub fn only(r: &Report) -> &Finding {
    assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);
    &r.findings[0]
}
