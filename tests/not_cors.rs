//! Errors pasted to a CORS tool that are not CORS: the page's
//! Content-Security-Policy, mixed content, and network errors.
//!
//! The console texts in tests/data/console/chrome-csp-*.txt,
//! chrome-mixed-content-*.txt, and the net::ERR names in
//! chrome-name-not-resolved.txt, chrome-connection-refused-xhr.txt,
//! chrome-blocked-by-client.txt and chrome-failed-to-load-resource.txt were
//! recorded word for word from Chromium 156 on this project's machines
//! (playwright `page.on('console')`, a page route-fulfilled at
//! https://app.test with `connect-src 'self' https://cdn.example.com`; the
//! ad block by a declarativeNetRequest extension). Chrome's console event for
//! a network error is "Failed to load resource: net::ERR_…" with the URL as
//! its location; DevTools shows it as "GET <url> net::ERR_…", the line the
//! network-error files hold (method and URL from the same recording).
//! tests/data/har/chrome_not_cors.har is DevTools' own HAR
//! (`chrome.devtools.network.getHAR()`) of those requests, initiator stacks
//! removed. A CSP-refused fetch() never reaches the Network panel (only the
//! XHR does); both kinds of refused request are status 0 with `_error: ""`.
//! Firefox's wording for these could not be recorded here and the shared
//! reference does not give it: no Firefox lines.

use whycors::cause::CauseKind;
use whycors::exchange::{Exchange, InputKind, Known, PageBlockKind};
use whycors::fix::{suggest, Fix, FixContext};
use whycors::input;

mod common;
use common::{only, report};

fn data(path: &str) -> String {
    let p = format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn exchanges(text: &str) -> Vec<Exchange> {
    input::read(text)
        .unwrap_or_else(|e| panic!("{e}"))
        .exchanges
}

fn read_err(text: &str) -> whycors::InputError {
    match input::read(text) {
        Ok(p) => panic!("expected an error, got {} exchanges", p.exchanges.len()),
        Err(e) => e,
    }
}

#[test]
fn csp_fetch_is_one_finding_with_the_directive() {
    let text = data("console/chrome-csp-connect-src.txt");
    let xs = exchanges(&text);
    assert_eq!(
        xs.len(),
        1,
        "the Fetch API line and Failed to fetch are the same request"
    );
    let x = &xs[0];
    assert_eq!(x.source, InputKind::ConsoleError);
    assert_eq!(x.request.url, "https://api.test/items");
    assert_eq!(x.request.method_known, Known::Unknown);
    assert_eq!(
        x.page_origin, None,
        "Chrome's CSP message does not name the page"
    );
    let b = x.page_block.as_ref().expect("page block");
    assert_eq!(b.kind, PageBlockKind::ContentSecurityPolicy);
    assert_eq!(
        b.directive.as_deref(),
        Some("connect-src 'self' https://cdn.example.com")
    );
    assert_eq!(x.location, "line 1");

    let r = report(&text);
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(f.browser.cors_error, None);
    assert_eq!(f.browser.console, None, "no invented CORS message");
    assert_eq!(f.cause.kind, CauseKind::ContentSecurityPolicy);
    assert_eq!(f.cause.kind.as_str(), "content_security_policy");
    assert_eq!(f.request.method_basis, "assumed");
    assert!(f.summary.contains("not CORS"), "{}", f.summary);
    assert!(
        f.summary.contains(
            "\"connect-src 'self' https://cdn.example.com\" does not list https://api.test"
        ),
        "{}",
        f.summary
    );
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(targets, ["csp-header", "csp-nginx", "csp-meta"]);
    assert!(f.fixes[0].text.contains(
        "Content-Security-Policy: connect-src 'self' https://cdn.example.com https://api.test"
    ));
}

#[test]
fn csp_xhr_line() {
    let r = report(&data("console/chrome-csp-xhr.txt"));
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.test/orders");
    assert_eq!(f.cause.kind, CauseKind::ContentSecurityPolicy);
}

#[test]
fn older_chrome_refused_to_connect_wording() {
    let text = "Refused to connect to 'https://api.example.com/v1/me' because it violates the following Content Security Policy directive: \"default-src 'self'\". Note that 'connect-src' was not explicitly set, so 'default-src' is used as a fallback.";
    let xs = exchanges(text);
    assert_eq!(xs.len(), 1);
    assert_eq!(xs[0].request.url, "https://api.example.com/v1/me");
    let b = xs[0].page_block.as_ref().expect("page block");
    assert_eq!(b.directive.as_deref(), Some("default-src 'self'"));
    let r = report(text);
    let f = only(&r);
    // default-src stays strict; the API gets a connect-src of its own.
    assert!(
        f.fixes[0]
            .text
            .contains("Content-Security-Policy: connect-src 'self' https://api.example.com"),
        "{}",
        f.fixes[0].text
    );
}

#[test]
fn mixed_content_fetch_names_the_page() {
    let text = data("console/chrome-mixed-content-fetch.txt");
    let xs = exchanges(&text);
    assert_eq!(xs.len(), 1);
    let x = &xs[0];
    assert_eq!(x.request.url, "http://api.test/items");
    assert_eq!(x.page_origin.as_deref(), Some("https://app.test"));
    let b = x.page_block.as_ref().expect("page block");
    assert_eq!(b.kind, PageBlockKind::MixedContent);
    assert_eq!(b.page_url.as_deref(), Some("https://app.test/mixed"));

    let r = report(&text);
    let f = only(&r);
    assert_eq!(f.cause.kind, CauseKind::MixedContent);
    assert_eq!(f.cause.kind.as_str(), "mixed_content");
    assert_eq!(f.request.origin.as_deref(), Some("https://app.test"));
    assert!(f.summary.contains("not CORS"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "https-url");
    assert!(f.fixes[0].text.contains("fetch('https://api.test/items')"));
    assert_eq!(f.fixes[1].target, "nginx-tls-proxy");
    // Never sent: no curl command to reproduce it with.
    assert!(f.reproduce.is_empty(), "{:?}", f.reproduce);
}

#[test]
fn mixed_content_xhr_endpoint() {
    let xs = exchanges(&data("console/chrome-mixed-content-xhr.txt"));
    assert_eq!(xs.len(), 1);
    assert_eq!(xs[0].request.url, "http://api.test/items?x=1");
    assert_eq!(
        xs[0].request.initiator,
        Some(whycors::browser_text::Initiator::Xhr)
    );
    assert_eq!(
        xs[0].page_block.as_ref().map(|b| b.kind),
        Some(PageBlockKind::MixedContent)
    );
}

#[test]
fn network_error_lines() {
    let r = report(&data("console/chrome-name-not-resolved.txt"));
    let f = only(&r);
    assert_eq!(f.request.url, "https://nothing.invalid/items");
    assert_eq!(f.request.method, "GET");
    assert_eq!(f.request.method_basis, "stated");
    assert_eq!(f.cause.kind, CauseKind::NetworkError);
    assert!(
        f.summary.contains("net::ERR_NAME_NOT_RESOLVED"),
        "{}",
        f.summary
    );
    assert!(f.summary.contains("does not resolve"), "{}", f.summary);

    let r = report(&data("console/chrome-connection-refused-xhr.txt"));
    let f = only(&r);
    assert_eq!(f.request.method, "PUT");
    assert_eq!(f.request.url, "https://127.0.0.1:42629/xhr");
    assert!(f.summary.contains("nothing listens"), "{}", f.summary);

    let r = report(&data("console/chrome-blocked-by-client.txt"));
    let f = only(&r);
    assert_eq!(f.request.url, "https://ads.test/track");
    assert!(f.summary.contains("ad or privacy blocker"), "{}", f.summary);
}

#[test]
fn more_network_hints() {
    for (err, words) in [
        ("net::ERR_INTERNET_DISCONNECTED", "offline"),
        ("net::ERR_CONNECTION_RESET", "dropped the connection"),
        ("net::ERR_SSL_PROTOCOL_ERROR", "TLS handshake failed"),
        (
            "net::ERR_CERT_AUTHORITY_INVALID",
            "certificate is not trusted",
        ),
        ("net::ERR_ADDRESS_UNREACHABLE", "cannot be reached"),
    ] {
        let r = report(&format!("POST https://api.example.com/v1/orders {err}"));
        let f = only(&r);
        assert_eq!(f.cause.kind, CauseKind::NetworkError, "{err}");
        assert_eq!(f.request.method, "POST");
        assert!(f.summary.contains(words), "{err}: {}", f.summary);
    }
}

#[test]
fn err_failed_alone_is_not_a_network_error() {
    // net::ERR_FAILED is also how every CORS failure ends: alone it says nothing.
    let e = read_err("GET https://api.example.com/x net::ERR_FAILED 502 (Bad Gateway)");
    assert_eq!(e.kind, Some(InputKind::ConsoleError));
    assert_eq!(e.place.line, Some(1));
}

/// Chrome's console event without the URL DevTools shows next to it: the error's own
/// meaning (the name did not resolve) does not need the URL; the report names it missing.
/// `net::ERR_FAILED` alone (every CORS failure ends so) says nothing: a located error.
#[test]
fn failed_to_load_resource_without_url_reads_the_error_and_asks_for_the_url() {
    let r = report(&data("console/chrome-failed-to-load-resource.txt"));
    assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);
    let f = &r.findings[0];
    assert_eq!(f.cause.kind, CauseKind::NetworkError);
    assert!(
        f.summary.contains("net::ERR_NAME_NOT_RESOLVED"),
        "{}",
        f.summary
    );
    assert_eq!(f.request.url, "");
    assert!(
        f.missing.iter().any(|m| m.starts_with("the request's URL")),
        "{:?}",
        f.missing
    );
    let e = read_err("Failed to load resource: net::ERR_FAILED\n");
    assert_eq!(e.kind, Some(InputKind::ConsoleError));
    assert_eq!(e.place.line, Some(1));
    assert!(e.message.contains("does not name the URL"), "{e}");
}

#[test]
fn failed_to_fetch_alone_is_an_error_not_a_finding() {
    let e =
        read_err("\nUncaught (in promise) TypeError: Failed to fetch\n    at load (app.js:12:5)\n");
    assert_eq!(e.kind, Some(InputKind::ConsoleError));
    assert_eq!(e.place.line, Some(2));
    assert!(e.message.contains("does not say why"), "{e}");
}

#[test]
fn what_the_script_saw_alone_is_an_error_naming_its_words() {
    // The browsers' own words and the HTTP libraries' wrappers of them: none says why.
    for (text, line, words) in [
        (
            "TypeError: NetworkError when attempting to fetch resource.",
            1,
            "Firefox's \"NetworkError when attempting to fetch resource\"",
        ),
        ("TypeError: Load failed", 1, "Safari's \"Load failed\""),
        (
            "AxiosError: Network Error\n    at XMLHttpRequest.handleError (xhr.js:117:14)\n",
            1,
            "Axios' \"Network Error\"",
        ),
        (
            "app.js:3 Error: Network Error",
            1,
            "Axios' \"Network Error\"",
        ),
        (
            "\nTypeError: Network request failed\n",
            2,
            "\"Network request failed\"",
        ),
        (
            "Http failure response for https://api.example.com/v1/items: 0 Unknown Error",
            1,
            "Angular's \"0 Unknown Error\"",
        ),
    ] {
        let e = read_err(text);
        assert_eq!(e.kind, Some(InputKind::ConsoleError), "{text}");
        assert_eq!(e.place.line, Some(line), "{text}");
        assert!(e.message.starts_with(words), "{text}: {e}");
        assert!(e.message.contains("does not say why"), "{e}");
    }
}

#[test]
fn a_response_body_quoting_those_words_is_still_the_response() {
    // curl -v of a 502 whose JSON body says "Network Error": curl output, not a console paste.
    let text = "* Connected to api.example.com\n> GET /x HTTP/1.1\n> Host: api.example.com\n> Origin: https://app.example.com\n>\n< HTTP/1.1 502 Bad Gateway\n< Content-Type: application/json\n<\n{\"message\":\"Error: Network Error\"}\n";
    assert_eq!(input::detect(text), Some(InputKind::CurlVerbose));
    let r = report(text);
    assert_eq!(only(&r).cause.status, Some(502));
    // An axios line next to Chrome's CORS message: the message is read, the axios line skipped.
    let text = "Access to XMLHttpRequest at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nAxiosError: Network Error\n";
    assert_eq!(input::detect(text), Some(InputKind::ConsoleError));
    assert_eq!(
        only(&report(text)).browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
}

#[test]
fn mixed_with_a_cors_message() {
    let cors_lines = "Access to fetch at 'https://api.example.com/v1/items' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nGET https://api.example.com/v1/items net::ERR_FAILED 502 (Bad Gateway)\nUncaught (in promise) TypeError: Failed to fetch";
    let text = format!(
        "{}\n{cors_lines}\n{}",
        data("console/chrome-mixed-content-fetch.txt").trim_end(),
        data("console/chrome-name-not-resolved.txt").trim_end(),
    );
    let r = report(&text);
    // The CORS message reads as it does alone.
    let alone = report(cors_lines);
    let cors_alone = only(&alone);
    let kinds: Vec<CauseKind> = r.findings.iter().map(|f| f.cause.kind).collect();
    assert_eq!(
        kinds,
        [
            CauseKind::MixedContent,
            cors_alone.cause.kind,
            CauseKind::NetworkError
        ],
        "{:#?}",
        r.findings
    );
    let cors = &r.findings[1];
    assert_eq!(cors.request.url, "https://api.example.com/v1/items");
    assert_eq!(cors.request.method, "GET");
    assert_eq!(
        cors.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(cors.summary, cors_alone.summary);
    assert_eq!(cors.location, "line 3");
    assert_eq!(r.findings[2].request.url, "https://nothing.invalid/items");
}

#[test]
fn real_har_gives_the_same_findings_as_the_console() {
    let r = report(&data("har/chrome_not_cors.har"));
    assert_eq!(r.input, "har");
    let got: Vec<(&str, &str, CauseKind)> = r
        .findings
        .iter()
        .map(|f| {
            (
                f.request.method.as_str(),
                f.request.url.as_str(),
                f.cause.kind,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "POST",
                "https://api.test/orders",
                CauseKind::ContentSecurityPolicy
            ),
            ("GET", "http://api.test/items", CauseKind::MixedContent),
            ("GET", "http://api.test/items?x=1", CauseKind::MixedContent),
            (
                "GET",
                "https://nothing.invalid/items",
                CauseKind::NetworkError
            ),
            (
                "POST",
                "https://127.0.0.1:43937/items",
                CauseKind::NetworkError
            ),
            (
                "GET",
                "https://nothing.invalid/xhr",
                CauseKind::NetworkError
            ),
            ("GET", "https://ads.test/track", CauseKind::NetworkError),
        ]
    );
    assert!(r
        .findings
        .iter()
        .all(|f| f.browser.blocked && f.browser.cors_error.is_none()));
    // The HAR's CSP finding says what the console line says.
    let console = report(&data("console/chrome-csp-xhr.txt"));
    let (h, c) = (&r.findings[0], &console.findings[0]);
    assert_eq!(h.summary, c.summary);
    assert_eq!(h.fixes, c.fixes);
    let xs = exchanges(&data("har/chrome_not_cors.har"));
    let b = xs[0].page_block.as_ref().expect("page block");
    assert_eq!(b.page_url.as_deref(), Some("https://app.test/csp"));
    assert_eq!(
        b.directive.as_deref(),
        Some("connect-src 'self' https://cdn.example.com")
    );
    assert_eq!(
        xs[1]
            .page_block
            .as_ref()
            .and_then(|b| b.page_url.as_deref()),
        Some("https://app.test/mixed")
    );
}

#[test]
fn har_without_a_blocking_policy_stays_unknown() {
    // The same CSP entry, but the page's policy lists the API: not refused by CSP.
    let har = data("har/chrome_not_cors.har").replace(
        "connect-src 'self' https://cdn.example.com",
        "connect-src 'self' https://api.test",
    );
    let r = report(&har);
    assert_eq!(r.findings[0].request.url, "https://api.test/orders");
    assert_ne!(r.findings[0].cause.kind, CauseKind::ContentSecurityPolicy);
    assert_eq!(r.count(CauseKind::MixedContent), 2);
}

#[test]
fn cut_messages_name_the_place() {
    let e = read_err(
        "12:00:01 Connecting to 'https://api.test/items' violates the following Content Security Policy directive: \"connect-src 'self'",
    );
    assert_eq!(e.kind, Some(InputKind::ConsoleError));
    assert_eq!(e.place.line, Some(1));
    assert!(e.place.column.is_some(), "{e}");

    let e = read_err("x\nMixed Content: The page at 'https://app.test/' was loaded over HTTPS, but requested an insecure resource 'http://api.test/items");
    assert_eq!(e.place.line, Some(2));
    assert_eq!(e.place.column, Some(1));
    assert!(e.message.contains("mixed content"), "{e}");
}

fn render(fixes: &[Fix]) -> String {
    let mut out = String::new();
    for (i, f) in fixes.iter().enumerate() {
        out.push_str(&format!(
            "==== {}. [{}] {} ====\n{}\n\n",
            i + 1,
            f.target,
            f.title,
            f.text
        ));
    }
    out
}

#[test]
fn fixes_snapshots() {
    let csp = FixContext {
        cause: Some(CauseKind::ContentSecurityPolicy),
        url: "https://api.example.com/v1/items".to_string(),
        method: "GET".to_string(),
        page_block: Some(whycors::exchange::PageBlock {
            kind: PageBlockKind::ContentSecurityPolicy,
            page_url: None,
            directive: Some("connect-src 'self' https://cdn.example.com".to_string()),
        }),
        ..FixContext::default()
    };
    insta::assert_snapshot!("not_cors_csp", render(&suggest(&csp)));
    let mixed = FixContext {
        cause: Some(CauseKind::MixedContent),
        origin: Some("https://app.example.com".to_string()),
        url: "http://api.example.com:8080/v1/items".to_string(),
        method: "GET".to_string(),
        page_block: Some(whycors::exchange::PageBlock {
            kind: PageBlockKind::MixedContent,
            page_url: Some("https://app.example.com/".to_string()),
            directive: None,
        }),
        ..FixContext::default()
    };
    insta::assert_snapshot!("not_cors_mixed", render(&suggest(&mixed)));
}

// Firefox's lines: written from Firefox's own message strings (csp.properties
// `CSPViolationWithURI` — the Firefox 131+ form with the whole directive and the
// older one with its name only — and security.properties
// `BlockMixedActiveContent`), not recorded here: this machine has no Firefox.

#[test]
fn firefox_csp_quotes_the_whole_directive() {
    let r = report(&data("console/firefox-csp-connect-src.txt"));
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/v1/items");
    assert_eq!(f.cause.kind, CauseKind::ContentSecurityPolicy);
    assert_eq!(f.browser.cors_error, None);
    assert!(
        f.summary
            .contains("\"connect-src 'self' https://cdn.example.com\""),
        "{}",
        f.summary
    );
    assert!(f.fixes[0]
        .text
        .contains("connect-src 'self' https://cdn.example.com https://api.example.com"));
    assert!(f.reproduce.is_empty());
    let x = &exchanges(&data("console/firefox-csp-connect-src.txt"))[0];
    assert_eq!(
        x.observed.as_ref().map(|o| o.browser),
        Some(whycors::exchange::Browser::Firefox)
    );
}

#[test]
fn firefox_csp_old_wording_names_the_directive_only() {
    let r = report(&data("console/firefox-csp-old.txt"));
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/v1/old");
    assert_eq!(f.cause.kind, CauseKind::ContentSecurityPolicy);
    let x = &exchanges(&data("console/firefox-csp-old.txt"))[0];
    // Its sources are not in the message: the fix starts from 'self' and says so.
    assert_eq!(
        x.page_block.as_ref().and_then(|b| b.directive.clone()),
        None
    );
    assert!(f.fixes[0]
        .text
        .contains("connect-src 'self' https://api.example.com"));
    assert!(f.fixes[0].text.contains("did not quote the directive"));
}

#[test]
fn firefox_mixed_content() {
    let text = data("console/firefox-mixed-content.txt");
    let r = report(&text);
    let f = only(&r);
    assert_eq!(f.request.url, "http://api.example.com/v1/orders");
    assert_eq!(f.cause.kind, CauseKind::MixedContent);
    assert_eq!(f.request.origin, None, "Firefox does not name the page");
    assert!(f.fixes[0]
        .text
        .contains("https://api.example.com/v1/orders"));
}

#[test]
fn firefox_lines_that_are_not_requests_or_are_cut() {
    // An inline script refused by the policy is not a request.
    let e = read_err("Content-Security-Policy: The page’s settings blocked the loading of a resource (script-src-elem) at inline because it violates the following directive: “script-src 'self'”");
    assert_eq!(e.place.line, Some(1), "{e}");
    // Cut before the URL: the place is named.
    let e = read_err(
        "ok\nContent-Security-Policy: The page’s settings blocked the loading of a resource (connect-src",
    );
    assert_eq!(e.place.line, Some(2), "{e}");
    assert_eq!(e.place.column, Some(1), "{e}");
    assert!(e.message.contains("Firefox"), "{e}");
    let e = read_err("Blocked loading mixed active content “");
    assert_eq!(e.place.line, Some(1), "{e}");
    assert!(e.message.contains("mixed content"), "{e}");
}

#[test]
fn chrome_default_src_fallback_with_a_source_prefix() {
    // Older Chrome wording, copied with the console's source link in front.
    let text = "app.js:12 Refused to connect to 'https://api.example.com/v1/items' because it violates the following Content Security Policy directive: \"default-src 'self'\". Note that 'connect-src' was not explicitly set, so 'default-src' is used as a fallback.\n\napp.js:12 Uncaught (in promise) TypeError: Failed to fetch\n    at app.js:12:3\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/v1/items");
    assert_eq!(f.cause.kind, CauseKind::ContentSecurityPolicy);
    assert!(
        f.summary
            .contains("Give the page a connect-src directive that allows https://api.example.com"),
        "{}",
        f.summary
    );
    assert!(f.fixes[0]
        .text
        .contains("Content-Security-Policy: connect-src 'self' https://api.example.com"));
}

/// Chromium 156.0.8078.79 (tests/browser/conformance.test.mjs, `redirect-data` and
/// `redirect-invalid`): a redirect to `data:` fails with net::ERR_UNSAFE_REDIRECT, one whose
/// Location does not parse with net::ERR_INVALID_REDIRECT (DevTools keeps no response for it).
/// An HTTP response did come: the summary says what was refused, not "no HTTP response".
#[test]
fn refused_redirects_say_what_was_refused() {
    let r = report(&data("har/chromium-redirect-to-data.har"));
    let f = only(&r);
    assert_eq!(f.cause.kind, CauseKind::NetworkError);
    assert_eq!(f.browser.cors_error, None);
    assert!(
        f.summary
            .starts_with("The server answered 307 with a redirect to `data:text/plain,redirected`"),
        "{}",
        f.summary
    );
    assert!(
        f.summary.contains("net::ERR_UNSAFE_REDIRECT"),
        "{}",
        f.summary
    );
    assert!(
        !f.summary.contains("never got an HTTP response"),
        "{}",
        f.summary
    );
    assert!(f
        .evidence
        .contains(&"redirect: 307 to `data:text/plain,redirected`".to_string()));

    let r = report(&data("har/chromium-redirect-invalid.har"));
    let f = only(&r);
    assert_eq!(f.cause.kind, CauseKind::NetworkError);
    assert!(
        f.summary
            .contains("net::ERR_INVALID_REDIRECT: its Location is not a valid URL"),
        "{}",
        f.summary
    );
    assert!(
        !f.summary.contains("never got an HTTP response"),
        "{}",
        f.summary
    );
}

/// DevTools' Network row or Status cell pasted alone ("CORS error", "(blocked:csp)" …) names
/// the outcome, not the reason: a located error that says what to paste instead.
#[test]
fn network_panel_status_alone_says_what_to_paste() {
    let e = read_err("orders\tCORS error\tfetch\tmain.js:12\t0 B\t120 ms\n");
    assert_eq!(e.place.line, Some(1));
    assert!(e.message.contains("\"CORS error\""), "{e}");
    assert!(e.message.contains("console"), "{e}");
    let e = read_err("\nStatus: (blocked:csp)\n");
    assert_eq!(e.place.line, Some(2));
    assert!(e.message.contains("Content-Security-Policy"), "{e}");
    let e = read_err("(blocked:mixed-content)");
    assert!(e.message.contains("https://"), "{e}");
}

/// Internet Explorer's and the old Edge's console codes (SEC7120 … , SCRIPT7002): a located
/// error naming the code and the browsers, not "not a HAR file …"; a Chrome line beside one is
/// still read.
#[test]
fn retired_microsoft_browsers_are_named() {
    let e = read_err("\nSEC7120: [CORS] The origin 'http://localhost:4200' did not find 'http://localhost:4200' in the Access-Control-Allow-Origin response header for cross-origin  resource at 'https://api.example.com/v1/items'.\n");
    assert_eq!(e.place.line, Some(2));
    assert!(e.message.contains("SEC7120"), "{e}");
    assert!(e.message.contains("Internet Explorer"), "{e}");
    let e = read_err("SCRIPT7002: XMLHttpRequest: Network Error 0x80070005, Access is denied.");
    assert!(e.message.contains("SCRIPT7002"), "{e}");
    let r = report("SEC7123: Request header x-api-key was not present in the Access-Control-Allow-Headers list.\nAccess to fetch at 'https://api.example.com/v1/items' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_eq!(only(&r).request.url, "https://api.example.com/v1/items");
}
