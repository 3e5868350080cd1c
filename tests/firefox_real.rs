//! Real Firefox 153 captures (tests/browser/firefox.test.mjs, saved from its run against the lab):
//! each `firefox-153-<scenario>.har` is the exchange as Firefox made it (its WebDriver BiDi network
//! events as a HAR; a header the server sent twice given back as two lines, see
//! `restoreRepeats` there), each `.console.txt` the CORS lines Firefox printed for it. whycors must
//! write Firefox's first "Blocked" line word for word from the HAR (or none where Firefox let the
//! request through), and read that line back to the same line.

use whycors::exchange::Credentials;
use whycors::report::Report;
use whycors::{diagnose, Options};

fn data(name: &str) -> String {
    let p = format!("{}/tests/data/firefox/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn report(text: &str, credentials: Option<Credentials>) -> Report {
    let options = Options {
        credentials,
        ..Options::default()
    };
    diagnose(text, &options).unwrap_or_else(|e| panic!("{e}"))
}

/// The Firefox line of the report's first blocked finding (None: not blocked, or Firefox says nothing).
fn firefox_line(r: &Report) -> Option<String> {
    r.findings
        .iter()
        .find(|f| f.browser.blocked)
        .and_then(|f| f.browser.firefox_console.clone())
}

/// The scenario's HAR gives Firefox's own first "Blocked" line, and that line reads back to itself.
fn says_what_firefox_said(scenario: &str, credentials: Credentials) -> Option<String> {
    let har = data(&format!("firefox-153-{scenario}.har"));
    let console = data(&format!("firefox-153-{scenario}.console.txt"));
    let said = console
        .lines()
        .find(|l| l.starts_with("Cross-Origin Request Blocked:"))
        .map(str::to_string);
    let from_har = report(&har, Some(credentials));
    assert_eq!(firefox_line(&from_har), said, "{scenario}: from the HAR");
    if let Some(line) = &said {
        let back = report(line, None);
        assert_eq!(
            firefox_line(&back).as_deref(),
            Some(line.as_str()),
            "{scenario}: read back"
        );
    }
    said
}

fn reason(line: &str) -> &str {
    line.split_once("(Reason: ").map_or("", |(_, r)| r)
}

#[test]
fn one_header_listing_two_origins_does_not_match() {
    // Chromium: MultipleAllowOriginValues. Gecko's "multiple" is the header sent twice.
    let l = says_what_firefox_said("get__acao-list", Credentials::Omit).unwrap();
    assert!(
        reason(&l).starts_with(
            "CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://app.localhost:"
        ),
        "{l}"
    );
    assert!(reason(&l).contains(", http://other.localhost’"), "{l}");
    let l = says_what_firefox_said("get__acao-duplicate", Credentials::Omit).unwrap();
    assert!(
        reason(&l).starts_with("Multiple CORS header ‘Access-Control-Allow-Origin’"),
        "{l}"
    );
}

#[test]
fn invalid_tokens_are_named() {
    let l = says_what_firefox_said("put__methods-invalid", Credentials::Omit).unwrap();
    assert!(reason(&l).starts_with("invalid token ‘GET POST’"), "{l}");
    let l = says_what_firefox_said("get-x-custom__headers-invalid", Credentials::Omit).unwrap();
    assert!(reason(&l).starts_with("invalid token ‘x-a;b’"), "{l}");
}

#[test]
fn gecko_looks_the_method_up_before_parsing_allow_headers() {
    // `patch` is not `PATCH`; Allow-Headers does not parse either. Chromium names the headers.
    let l = says_what_firefox_said("patch-lower__headers-invalid", Credentials::Omit).unwrap();
    assert!(reason(&l).starts_with("Did not find method"), "{l}");
}

#[test]
fn refused_redirects_did_not_succeed_without_a_status() {
    for s in [
        "get__redirect-userinfo",
        "put__redirect-data",
        "get__redirect-invalid",
    ] {
        let l = says_what_firefox_said(s, Credentials::Omit).unwrap();
        assert!(
            l.ends_with("(Reason: CORS request did not succeed). Status code: (null)."),
            "{s}: {l}"
        );
    }
}

#[test]
fn credentials_with_star_quotes_the_url() {
    let l = says_what_firefox_said("get-cred__star-origin", Credentials::Include).unwrap();
    assert!(l.contains(" at ‘http://api.example.localhost:"), "{l}");
    let l =
        says_what_firefox_said("put-x-custom-cred__star-headers", Credentials::Include).unwrap();
    assert!(
        reason(&l).starts_with("header ‘x-custom’ is not allowed"),
        "{l}"
    );
}

#[test]
fn a_redirected_preflight_is_checked_for_allow_origin_first() {
    let l = says_what_firefox_said("mode__preflight-redirect", Credentials::SameOrigin).unwrap();
    assert!(
        l.ends_with(
            "(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 301."
        ),
        "{l}"
    );
}

#[test]
fn firefox_sends_the_page_origin_in_the_preflight_after_a_cross_origin_redirect() {
    // Chromium blocks (its preflight at the target carries `Origin: null`); Firefox does not.
    assert_eq!(
        says_what_firefox_said("mode__redirect-preflight-null", Credentials::SameOrigin),
        None
    );
    let r = report(
        &data("firefox-153-mode__redirect-preflight-null.har"),
        Some(Credentials::SameOrigin),
    );
    let f = r.findings.iter().find(|f| f.browser.blocked).unwrap();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightAllowOriginMismatch")
    );
    assert!(
        f.warnings
            .iter()
            .any(|w| w.starts_with("Firefox lets this request through")),
        "{:#?}",
        f.warnings
    );
}

#[test]
fn a_hidden_gateway_status() {
    let l = says_what_firefox_said("mode__rest-throttled", Credentials::SameOrigin).unwrap();
    assert!(l.ends_with("Status code: 429."), "{l}");
}
