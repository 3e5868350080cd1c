//! Snapshots of the full report for representative realistic inputs
//! (tests/cases/): verdict, cause, summary wording, fixes with the real origin,
//! reproduce commands. Review every change to a .snap by reading it.

use whycors::Options;

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");

fn report(path: &str, options: &Options) -> whycors::Report {
    let full = format!("{CASES}/{path}");
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    whycors::diagnose(&text, options).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn rest_throttled_har() {
    insta::assert_json_snapshot!(report(
        "rest-throttled-429/capture.har",
        &Options::default()
    ));
}

#[test]
fn rest_missing_options_curl_verbose() {
    insta::assert_json_snapshot!(report(
        "rest-missing-options/curl-v.txt",
        &Options::default()
    ));
}

#[test]
fn wildcard_credentials_headers() {
    insta::assert_json_snapshot!(report(
        "wildcard-credentials/headers.txt",
        &Options::default()
    ));
}

#[test]
fn unexposed_etag_har() {
    let options = Options {
        reads: vec!["ETag".to_string()],
        ..Options::default()
    };
    insta::assert_json_snapshot!(report("unexposed-etag/capture.har", &options));
}

#[test]
fn console_only_chrome_message() {
    insta::assert_json_snapshot!(report(
        "rest-throttled-429/console-chrome.txt",
        &Options::default()
    ));
}

#[test]
fn replay_makes_the_hidden_429_visible() {
    insta::assert_json_snapshot!(report("rest-throttled-429/replay.har", &Options::default()));
}
