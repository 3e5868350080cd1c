//! Captures Chromium made outside an ordinary page's fetch (an opaque origin,
//! sendBeacon, a preload, a `mode: 'no-cors'` fetch), recorded by
//! tests/browser/contexts.test.mjs: DevTools' own HAR (getHAR()) and the console
//! line, both from Chromium 156.0.8078.79 (Debian 12). whycors must give
//! Chromium's verdict (Network.loadingFailed.corsErrorStatus of the same run).

use whycors::report::Report;
use whycors::{diagnose, Options};

mod common;
use common::only;

fn data(dir: &str, name: &str) -> String {
    let p = format!("{}/tests/data/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn har(name: &str) -> Report {
    diagnose(&data("har", name), &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// A sandboxed iframe's fetch carries `Origin: null`; the answer names another
/// origin. Chromium: AllowOriginMismatch. whycors read the origin as unknown
/// and guessed credentials 'include' (InvalidAllowCredentials).
#[test]
fn sandboxed_iframe_origin_null_is_the_page_origin() {
    let r = har("chromium-sandboxed-iframe-acao-mismatch.har");
    let f = only(&r);
    assert_eq!(f.request.origin.as_deref(), Some("null"));
    assert!(f.browser.blocked);
    assert_eq!(f.browser.cors_error.as_deref(), Some("AllowOriginMismatch"));
    assert_eq!(
        f.browser.failed_parameter.as_deref(),
        Some("http://127.0.0.1")
    );
    let console = f.browser.console.as_deref().unwrap_or("");
    assert!(
        console.contains("from origin 'null' has been blocked"),
        "{console}"
    );
}

/// A `mode: 'no-cors'` fetch: DevTools keeps status 200, no headers and
/// `net::ERR_ABORTED`. Chromium reports no CORS error and the page gets an opaque
/// response (no failure); whycors first said MissingAllowOriginHeader, then a network error.
#[test]
fn no_cors_fetch_aborted_is_an_opaque_response() {
    let r = har("chromium-no-cors-aborted.har");
    let f = only(&r);
    assert_eq!(f.browser.cors_error, None, "{}", f.summary);
    assert!(!f.browser.blocked, "{}", f.summary);
    assert_eq!(f.cause.kind.as_str(), "opaque_response", "{}", f.summary);
    assert!(f.summary.contains("no-cors"), "{}", f.summary);
    assert!(f.summary.contains("opaque"), "{}", f.summary);
}

/// `<link rel=preload as=fetch crossorigin>`: DevTools' `_resourceType` is
/// "other", the request has `Sec-Fetch-Mode: cors`. whycors left it out.
#[test]
fn preload_as_fetch_is_a_cors_request() {
    let r = har("chromium-preload-fetch-no-acao.har");
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
}

/// sendBeacon with an application/json Blob: a preflight, credentials mode
/// 'include'. The preflight allows the origin but has no
/// Access-Control-Allow-Credentials: Chromium says PreflightInvalidAllowCredentials;
/// whycors assumed no credentials and blamed the Content-Type header.
#[test]
fn send_beacon_has_credentials() {
    let r = har("chromium-beacon-json-no-acac.har");
    let f = only(&r);
    assert_eq!(f.request.credentials, "include");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidAllowCredentials")
    );
    let console = f.browser.console.as_deref().unwrap_or("");
    assert!(console.starts_with("Access to resource at '"), "{console}");
}

/// Chromium words a preload's failure "Access to link element resource at":
/// whycors' line must be Chromium's, word for word.
#[test]
fn preload_console_line_is_chromiums() {
    let text = data("console", "chrome-preload-link-no-acao.txt");
    let r = diagnose(&text, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.browser.console.as_deref(), Some(text.trim_end()));
}
