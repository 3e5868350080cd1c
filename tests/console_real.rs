//! Console text as users paste it first: the report must not claim what the
//! message does not say, and must point at what to capture next.

use whycors::report::Finding;
use whycors::{diagnose, Options};

mod common;
use common::{only, report};

fn data(name: &str) -> String {
    let p = format!("{}/tests/data/console/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn chrome_preflight_without_method() {
    let r = report(&data("chrome-preflight-no-acao.txt"));
    let f = only(&r);
    assert_eq!(r.input, "console_error");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert_eq!(f.request.method_basis, "assumed");
    // No step claims the request was simple: the browser says it sent a preflight.
    assert!(
        f.checks.iter().all(|c| !c.text.contains("no preflight")),
        "{:#?}",
        f.checks
    );
    let failed: Vec<_> = f.checks.iter().filter(|c| !c.passed).collect();
    assert_eq!(failed.len(), 1, "{:#?}", f.checks);
    assert!(failed[0].text.contains("preflight"), "{}", failed[0].text);
    // Missing: the method and the preflight's real status, with how to get them.
    assert!(
        f.missing.iter().any(|m| m.contains("method")),
        "{:#?}",
        f.missing
    );
    assert!(
        f.missing.iter().any(|m| m.contains("preflight")
            && m.contains("Network panel")
            && m.contains(
                "whycors check https://api.example.com/v1/items --origin https://app.example.com --method"
            )),
        "{:#?}",
        f.missing
    );
}

#[test]
fn chrome_preflight_reproduce_summary_fixes() {
    let r = report(&data("chrome-preflight-no-acao.txt"));
    let f = only(&r);
    // The preflight first, with a placeholder method, never a plain GET.
    assert_eq!(
        f.reproduce.first().map(String::as_str),
        Some("curl -i -X OPTIONS https://api.example.com/v1/items -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: <METHOD>'")
    );
    assert!(
        f.reproduce.iter().all(|c| !c.starts_with("curl -i https")),
        "{:?}",
        f.reproduce
    );
    // The summary ranks the usual causes, routing first.
    let s = &f.summary;
    let routed = s.find("(1) nothing routes OPTIONS").expect(s);
    let auth = s.find("(2) an authorizer").expect(s);
    let cors = s.find("CORS is not configured").expect(s);
    assert!(routed < auth && auth < cors, "{s}");
    assert!(s.contains("Missing Authentication Token"), "{s}");
    // Fixes are offered, each under the condition it rests on.
    assert!(!f.fixes.is_empty());
    assert!(
        f.fixes.iter().all(|x| x
            .title
            .starts_with("If OPTIONS is not routed or is rejected")),
        "{:#?}",
        f.fixes
    );
    assert!(f.fixes[0].text.contains("OPTIONS"), "{}", f.fixes[0].text);
}

#[test]
fn firefox_preflight_status_ranks_the_fitting_causes_first() {
    let text = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/v1/items. (Reason: CORS preflight response did not succeed). Status code: 401.";
    let f = report(text).findings.remove(0);
    assert_eq!(f.cause.status, Some(401));
    assert!(f.summary.contains("(1) an authorizer"), "{}", f.summary);
}

#[test]
fn chrome_net_line_states_the_method() {
    let text = "Access to fetch at 'https://api.example.com/v1/items' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nGET https://api.example.com/v1/items net::ERR_FAILED 429 (Too Many Requests)\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(f.request.method, "GET");
    assert_eq!(f.request.method_basis, "stated");
    assert_eq!(f.cause.status, Some(429));
    // The headers are unknown: no step claims the request needed no preflight.
    assert!(
        f.checks.iter().all(|c| !c.text.contains("no preflight")),
        "{:#?}",
        f.checks
    );
}

#[test]
fn old_exchange_json_without_method_known_loads() {
    let x = whycors::Exchange::new(
        whycors::exchange::InputKind::HttpText,
        "PUT",
        "https://a.example/x",
    );
    let mut v = serde_json::to_value(&x).unwrap();
    v["request"].as_object_mut().unwrap().remove("method_known");
    let back: whycors::Exchange = serde_json::from_value(v).unwrap();
    assert_eq!(back.request.method_known, whycors::exchange::Known::Stated);
    assert_eq!(back.request.method, "PUT");
}

#[test]
fn chrome_value_hint_is_read() {
    // Chromium 156 appends "Have the server send the header with a valid value."
    // to the Allow-Origin value sentences when fetch() made the request (seen in
    // the lab); pasted messages with a longer form of it are read too.
    let f = report(&data("chrome-mismatch-fetch-hint.txt"))
        .findings
        .remove(0);
    assert_eq!(f.browser.cors_error.as_deref(), Some("AllowOriginMismatch"));
    assert_eq!(
        f.browser.failed_parameter.as_deref(),
        Some("https://app.example.com/")
    );
    assert_eq!(f.cause.kind.as_str(), "header_mismatch");
    let short = "Access to fetch at 'https://a.example/x' from origin 'https://b.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header has a value 'https://c.example' that is not equal to the supplied origin. Have the server send the header with a valid value.";
    let f = report(short).findings.remove(0);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightAllowOriginMismatch")
    );
    assert_eq!(
        f.browser.failed_parameter.as_deref(),
        Some("https://c.example")
    );
}

#[test]
fn chrome_message_wrapped_over_lines() {
    let r = report(&data("chrome-wrapped-multiple-values.txt"));
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("*, *"));
    // The network line after the blank line still gives the method.
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.request.method_basis, "stated");
    assert_eq!(f.location, "line 1");
}

#[test]
fn chrome_copy_with_object_replacement_chars() {
    let r = report(&data("chrome-fffc-mismatch.txt"));
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/v1/items");
    assert_eq!(f.request.origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(
        f.browser.failed_parameter.as_deref(),
        Some("http://127.0.0.1:8081")
    );
}

#[test]
fn firefox_options_line_is_the_preflight_not_the_method() {
    let r = report(&data("firefox-preflight-options-line.txt"));
    let f = only(&r);
    assert_eq!(f.request.method_basis, "assumed");
    assert_ne!(f.request.method, "OPTIONS");
    assert_eq!(f.cause.status, Some(403));
    assert_eq!(f.cause.stage, Some(whycors::verdict::Stage::Preflight));
}

#[test]
fn safari_preflight_not_successful_is_a_preflight_status_failure() {
    let r = report(&data("safari-preflight-401.txt"));
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert_eq!(f.cause.status, Some(401));
    assert!(f.summary.contains("(1) an authorizer"), "{}", f.summary);
    assert!(
        f.reproduce
            .first()
            .is_some_and(|c| c.contains("-X OPTIONS")),
        "{:?}",
        f.reproduce
    );
}

/// (cors_error, kind, stage, status, method, method_basis) of each finding.
fn shape(
    f: &Finding,
) -> (
    Option<String>,
    &'static str,
    Option<String>,
    Option<u16>,
    String,
    &'static str,
) {
    (
        f.browser.cors_error.clone(),
        f.cause.kind.as_str(),
        f.cause.stage.map(|s| format!("{s:?}")),
        f.cause.status,
        f.request.method.clone(),
        f.request.method_basis,
    )
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

#[test]
fn chrome_local_network_errors_get_their_own_words() {
    let f = report(&data("chrome-pna-missing.txt")).findings.remove(0);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowPrivateNetwork")
    );
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("private"));
    assert!(
        f.summary
            .contains("Access-Control-Allow-Private-Network: true"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes.len(), 1, "{:#?}", f.fixes);
    assert!(f.fixes[0]
        .text
        .contains("Access-Control-Allow-Private-Network: true"));

    let f = report(&data("chrome-insecure-local.txt"))
        .findings
        .remove(0);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("InsecureLocalNetwork")
    );
    assert!(
        f.summary.contains("Serve the page over HTTPS"),
        "{}",
        f.summary
    );
    // No server header fixes this: the one fix is the page's (HTTPS).
    assert!(
        !f.fixes.is_empty() && f.fixes.iter().all(|x| x.target == "client"),
        "no server header fixes this: {:#?}",
        f.fixes
    );
    assert!(f.fixes[0].text.contains("https://"), "{:#?}", f.fixes);

    let f = report(&data("chrome-lna-denied.txt")).findings.remove(0);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("LocalNetworkAccessPermissionDenied")
    );
    assert!(f.summary.contains("permission was denied"), "{}", f.summary);
    // The permission is the user's: a fix for the page and its user, none for a server.
    assert!(
        f.fixes.len() == 1 && f.fixes[0].text.contains("Local network access"),
        "{:#?}",
        f.fixes
    );
}

#[test]
fn chrome_file_scheme_is_not_a_header_problem() {
    let f = report(&data("chrome-file-scheme.txt")).findings.remove(0);
    assert_eq!(f.browser.cors_error.as_deref(), Some("CorsDisabledScheme"));
    assert_ne!(f.cause.kind.as_str(), "header_mismatch");
    assert!(f.summary.contains("`file:` URL"), "{}", f.summary);
    assert!(f.summary.contains("local web server"), "{}", f.summary);
    // No server header: the one fix is serving the page and its files over http://.
    assert!(
        f.fixes.len() == 1 && f.fixes[0].text.contains("python3 -m http.server"),
        "{:#?}",
        f.fixes
    );
    assert!(f.reproduce.is_empty(), "{:?}", f.reproduce);
}

#[test]
fn chrome_devtools_prefixes_timestamps_crlf() {
    let f = report(&data("chrome-devtools-prefixes.txt"))
        .findings
        .remove(0);
    assert_eq!(
        shape(&f),
        (
            s("PreflightMissingAllowOriginHeader"),
            "unknown",
            s("Preflight"),
            None,
            "POST".into(),
            "stated"
        )
    );
    assert!(
        f.reproduce[0].contains("Access-Control-Request-Method: POST"),
        "{:?}",
        f.reproduce
    );

    let f = report(&data("chrome-timestamps-502.txt"))
        .findings
        .remove(0);
    assert_eq!(
        shape(&f),
        (
            s("MissingAllowOriginHeader"),
            "unknown",
            s("Response"),
            Some(502),
            "GET".into(),
            "stated"
        )
    );
    assert!(f.summary.contains("(1) a gateway"), "{}", f.summary);
    assert!(
        f.fixes.iter().all(|x| x
            .title
            .starts_with("If a gateway or proxy generated this error")),
        "{:#?}",
        f.fixes
    );

    let f = report(&data("chrome-crlf-indented.txt")).findings.remove(0);
    assert_eq!(
        shape(&f),
        (
            s("PreflightInvalidStatus"),
            "unknown",
            s("Preflight"),
            None,
            "PUT".into(),
            "stated"
        )
    );
}

#[test]
fn several_messages_each_their_own_finding() {
    let r = report(&data("chrome-two-messages.txt"));
    assert_eq!(r.findings.len(), 2);
    assert_eq!(
        shape(&r.findings[0]),
        (
            s("MissingAllowOriginHeader"),
            "unknown",
            s("Response"),
            Some(429),
            "GET".into(),
            "stated"
        )
    );
    assert_eq!(
        shape(&r.findings[1]),
        (
            s("HeaderDisallowedByPreflightResponse"),
            "header_mismatch",
            s("Preflight"),
            None,
            "POST".into(),
            "stated"
        )
    );
    assert_eq!(
        r.findings[1].request.url,
        "https://api.example.com/v1/users"
    );
    assert!(r.findings[1].reproduce[0].contains("Access-Control-Request-Headers: x-api-key"));

    // Gecko's pair for one failed preflight: its reason, then "did not
    // succeed" (null) for the request it never sent — one finding, at the
    // preflight, not a second "no HTTP response" one.
    let r = report(&data("firefox-two-messages.txt"));
    let f = only(&r);
    assert_eq!(f.cause.status, Some(503));
    assert_eq!(f.cause.stage, Some(whycors::verdict::Stage::Preflight));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert_ne!(f.cause.kind.as_str(), "network_error");
    assert!(f.summary.contains("preflight"), "{}", f.summary);
    // "did not succeed" alone is still a request with no HTTP response.
    let r = report(&data("firefox-did-not-succeed.txt"));
    assert_eq!(only(&r).cause.kind.as_str(), "network_error");
}

#[test]
fn chrome_redirect_to_login() {
    let f = report(&data("chrome-redirected-login.txt"))
        .findings
        .remove(0);
    assert_eq!(f.cause.kind.as_str(), "redirect");
    assert_eq!(f.request.url, "https://api.example.com/v1/items");
}

#[test]
fn firefox_messages() {
    let f = report(&data("firefox-429.txt")).findings.remove(0);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
    assert_eq!(f.cause.status, Some(429));
    assert!(f.summary.contains("(1) a gateway"), "{}", f.summary);
    assert!(!f.fixes.is_empty());

    let f = report(&data("firefox-did-not-succeed.txt"))
        .findings
        .remove(0);
    assert_eq!(f.cause.kind.as_str(), "network_error");
    assert_eq!(f.cause.status, None);
    assert!(f.summary.contains("no HTTP response"), "{}", f.summary);

    let f = report(&data("firefox-method-not-found.txt"))
        .findings
        .remove(0);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MethodDisallowedByPreflightResponse")
    );
    assert!(!f.summary.contains("Method  is"), "{}", f.summary);
    assert!(
        f.summary.contains("<the request's method>"),
        "{}",
        f.summary
    );
}

#[test]
fn safari_origin_not_allowed_with_status() {
    let f = report(&data("safari-origin-403.txt")).findings.remove(0);
    assert_eq!(f.request.origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(f.cause.status, Some(403));
    // 403 fits both a gateway's error and a rejected preflight: both lead.
    assert!(f.summary.contains("(1) a gateway"), "{}", f.summary);
    assert!(
        f.summary.contains("(2) if it was the preflight"),
        "{}",
        f.summary
    );
    assert!(!f.fixes.is_empty());
}

/// Firefox's "Cross-Origin Request Warning" is no block: Chromium 156 lets Authorization
/// through under `Access-Control-Allow-Headers: *` too, with its AuthorizationCoveredByWildcard
/// deprecation (tests/browser/chromium-observed.json, `get-auth__star-headers`). The fix still
/// lists Authorization.
#[test]
fn firefox_authorization_wildcard_warning_is_no_block() {
    let f = report(&data("firefox-authorization-wildcard-warning.txt"))
        .findings
        .remove(0);
    assert!(!f.browser.blocked);
    assert_eq!(f.browser.cors_error, None);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSAllowHeaderFromPreflightDeprecation")
    );
    assert!(
        f.summary
            .starts_with("Firefox let this request through with a warning"),
        "{}",
        f.summary
    );
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("Safari blocks this request")),
        "{:?}",
        f.warnings
    );
    assert!(
        f.fixes.iter().any(|x| x
            .text
            .contains("Access-Control-Allow-Headers: authorization")),
        "{:#?}",
        f.fixes
    );
}

#[test]
fn chrome_origin_null_is_named() {
    let f = report(&data("chrome-origin-null.txt")).findings.remove(0);
    assert!(f.summary.contains("origin is `null`"), "{}", f.summary);
}

#[test]
fn chrome_200_without_allow_origin_ranks_cors_not_configured_first() {
    let f = report(&data("chrome-200-no-acao.txt")).findings.remove(0);
    assert_eq!(f.cause.status, Some(200));
    assert!(
        f.summary.contains("(1) CORS is not configured"),
        "{}",
        f.summary
    );
    assert!(
        // (A 200 is no error response.)
        f.fixes
            .iter()
            .all(|x| x.title.starts_with("If the response lacks CORS headers")),
        "{:#?}",
        f.fixes
    );
}

#[test]
fn chrome_lna_loopback_space() {
    let f = report(&data("chrome-lna-loopback.txt")).findings.remove(0);
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("loopback"));
    assert!(
        f.summary.contains("`loopback` address space"),
        "{}",
        f.summary
    );
}

#[test]
fn chrome_xhr_with_axios_stack_lines() {
    let f = report(&data("chrome-xhr-axios-stack.txt"))
        .findings
        .remove(0);
    assert_eq!(
        shape(&f),
        (
            s("PreflightMissingAllowOriginHeader"),
            "unknown",
            s("Preflight"),
            None,
            "POST".into(),
            "stated"
        )
    );
}

#[test]
fn chrome_line_is_worded_after_what_made_the_request() {
    // Chromium 156's wording per initiator, as the conformance test records it.
    for word in [
        "fetch",
        "XMLHttpRequest",
        "font",
        "script",
        "image",
        "CSS stylesheet",
        "audio",
        "resource",
    ] {
        let line = format!("Access to {word} at 'https://cdn.example.com/a/b' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
        let f = report(&line).findings.remove(0);
        assert_eq!(f.browser.console.as_deref(), Some(line.as_str()), "{word}");
    }
}

/// Chromium 156.0.8078.79's own refusal of `fetch(url, { mode: 'same-origin' })`
/// to another origin (recorded by tests/browser/contexts.test.mjs), followed by
/// the script's "Failed to fetch": not CORS. whycors said "Failed to fetch" alone
/// does not say why, though the line saying why was there.
#[test]
fn chrome_fetch_mode_same_origin_is_not_cors() {
    let r = report(&data("chrome-fetch-mode-same-origin.txt"));
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "same_origin_mode");
    assert!(f.browser.blocked);
    assert_eq!(f.browser.cors_error, None, "no CORS check ran");
    assert_eq!(f.location, "line 1");
    assert_eq!(f.request.origin.as_deref(), Some("http://127.0.0.1:36367"));
    assert!(f
        .request
        .url
        .starts_with("http://api.localhost:33297/custom?"));
    assert!(f.summary.contains("mode: 'same-origin'"), "{}", f.summary);
    assert!(f.summary.contains("This is not CORS"), "{}", f.summary);
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(targets, ["fetch-mode", "same-origin-proxy"]);
    assert!(f.fixes[0].text.contains("--origin http://127.0.0.1:36367"));
    // The browser's own words are the evidence.
    assert!(
        f.evidence
            .iter()
            .any(|e| e.contains("Request mode is \"same-origin\"")),
        "{:#?}",
        f.evidence
    );
}

/// Chromium 156.0.8078.79: `new Worker(url)` with a script on another origin
/// throws a SecurityError (recorded by tests/browser/contexts.test.mjs). No CORS
/// header allows it; whycors did not recognise the line.
#[test]
fn chrome_cross_origin_worker_script_is_not_cors() {
    let r = report(&data("chrome-worker-cross-origin-script.txt"));
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "worker_script_origin");
    assert!(f.browser.blocked);
    assert_eq!(f.browser.cors_error, None, "no CORS check ran");
    assert_eq!(f.request.origin.as_deref(), Some("http://127.0.0.1:36367"));
    assert!(f
        .request
        .url
        .starts_with("http://api.localhost:33297/custom?"));
    assert!(
        f.summary.contains(
            "A Worker's script must come from the page's own origin (http://127.0.0.1:36367)"
        ),
        "{}",
        f.summary
    );
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(targets, ["worker-bootstrap", "same-origin-proxy"]);
    assert!(
        f.fixes[0]
            .text
            .contains("importScripts(${JSON.stringify('http://api.localhost:33297/"),
        "{}",
        f.fixes[0].text
    );
    assert!(
        f.reproduce.is_empty(),
        "a request never sent has no curl to reproduce it"
    );
}

/// The same lines next to a real CORS message: each is its own finding, the
/// refusal without a CORS error.
#[test]
fn not_cors_refusals_next_to_a_cors_line_are_their_own_findings() {
    let text = format!(
        "{}\n{}",
        data("chrome-worker-cross-origin-script.txt").trim_end(),
        data("chrome-preflight-no-acao.txt")
    );
    let r = report(&text);
    assert_eq!(r.findings.len(), 2, "{:#?}", r.findings);
    let cors = r
        .findings
        .iter()
        .find(|f| f.browser.cors_error.is_some())
        .expect("the CORS line's finding");
    assert_eq!(
        cors.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert!(
        r.findings
            .iter()
            .any(|f| f.cause.kind.as_str() == "worker_script_origin"
                && f.browser.cors_error.is_none())
    );
}

/// Chromium 156.0.8078.79 (Local Network Access on, its default): a sandboxed
/// iframe (origin `null`) calls a loopback API (recorded by
/// tests/browser/contexts.test.mjs's first run). The permission advice alone
/// ("allow it for the site") cannot work for an opaque origin.
#[test]
fn chrome_lna_denied_from_origin_null() {
    let r = report(&data("chrome-lna-origin-null.txt"));
    let f = only(&r);
    assert_eq!(f.request.origin.as_deref(), Some("null"));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("LocalNetworkAccessPermissionDenied")
    );
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("loopback"));
    assert!(
        f.summary.contains("The page's origin is `null`") && f.summary.contains("http://localhost"),
        "{}",
        f.summary
    );
}

/// Chromium 156.0.8078.79 (Local Network Access on): a data: page calls a
/// loopback API (recorded by tests/browser/contexts.test.mjs). The generic
/// advice says "served over http://", which a data: page is not.
#[test]
fn chrome_lna_insecure_from_a_data_page() {
    let r = report(&data("chrome-lna-insecure-data-page.txt"));
    let f = only(&r);
    assert_eq!(f.request.origin.as_deref(), Some("null"));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("InsecureLocalNetwork")
    );
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("loopback"));
    assert!(
        f.summary.contains("data: URL") && f.summary.contains("http://localhost"),
        "{}",
        f.summary
    );
}

// Safari (WebKit) wordings. No Safari runs here: these lines are built from
// WebKit's own sentences (ContentSecurityPolicy.cpp, MixedContentChecker.cpp,
// NetworkLoadChecker.cpp, CrossOriginAccessControl.cpp,
// CrossOriginPreflightResultCache.cpp, ThreadableLoader.cpp), with the
// "[Error]" prefix and "(name, line 0)" suffix Safari's console copies.

#[test]
fn safari_csp_is_the_pages_policy_not_cors() {
    let r = report(&data("safari-csp-connect-src.txt"));
    // The reason, WebKit's "cannot load" line and its "Failed to load
    // resource:" repeat are one request.
    let f = only(&r);
    assert_eq!(
        f.cause.kind,
        whycors::cause::CauseKind::ContentSecurityPolicy
    );
    assert_eq!(f.request.url, "https://api.example.com/v1/items");
    assert_eq!(f.browser.cors_error, None);
    assert!(f.summary.contains("connect-src"), "{}", f.summary);
    assert!(!f.fixes.is_empty());
}

#[test]
fn safari_report_only_csp_blocks_nothing() {
    let r = report(&data("safari-csp-report-only.txt"));
    let f = only(&r);
    // The CORS failure that follows is the finding; the report-only line is not.
    assert_ne!(
        f.cause.kind,
        whycors::cause::CauseKind::ContentSecurityPolicy
    );
    assert_eq!(f.cause.status, Some(429));
}

#[test]
fn safari_mixed_content_is_not_cors() {
    let r = report(&data("safari-mixed-content.txt"));
    let f = only(&r);
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::MixedContent);
    assert_eq!(f.request.url, "http://api.example.com/v1/items");
    assert_eq!(f.request.origin.as_deref(), Some("https://app.example.com"));
    assert!(f.summary.contains("https://"), "{}", f.summary);
}

#[test]
fn safari_upgraded_mixed_content_is_no_finding() {
    assert!(diagnose(&data("safari-mixed-upgraded.txt"), &Options::default()).is_err());
}

#[test]
fn safari_same_origin_mode_is_the_pages_own_refusal() {
    let r = report(&data("safari-same-origin-mode.txt"));
    let f = only(&r);
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::SameOriginMode);
    assert_eq!(f.request.origin.as_deref(), Some("https://app.example.com"));
}

#[test]
fn safari_denied_redirect_is_the_redirect() {
    let r = report(&data("safari-redirect-login.txt"));
    let f = only(&r);
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::Redirect);
    assert_eq!(f.cause.status, Some(302));
    assert_eq!(f.request.url, "https://api.example.com/v1/me");
    assert_eq!(f.request.origin.as_deref(), Some("https://app.example.com"));
    assert!(
        f.summary
            .contains("https://login.example.com/authorize?client_id=x"),
        "{}",
        f.summary
    );
    // Safari does not say whether the header was missing or another origin.
    assert_eq!(f.browser.cors_error, None);
    assert!(
        f.fixes.iter().any(|x| x.title.contains("401")),
        "{:#?}",
        f.fixes
    );
}

#[test]
fn safari_redirect_with_credentials() {
    let f = report(&data("safari-redirect-credentials.txt"))
        .findings
        .remove(0);
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::Redirect);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("RedirectContainsCredentials")
    );
    assert!(f.summary.contains("user name or password"), "{}", f.summary);
}

#[test]
fn safari_unparsable_allow_headers() {
    let r = report(&data("safari-invalid-allow-headers.txt"));
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("InvalidAllowHeadersPreflightResponse")
    );
    assert_eq!(
        f.browser.failed_parameter.as_deref(),
        Some("content-type; x-api-key")
    );
    assert_eq!(f.cause.stage, Some(whycors::verdict::Stage::Preflight));
}

#[test]
fn safari_eventsource_line() {
    let r = report(&data("safari-eventsource.txt"));
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/v1/stream");
    assert_eq!(f.cause.status, Some(200));
}

#[test]
fn chrome_redirected_message_is_repeated_as_chrome_printed_it() {
    let text = data("chrome-redirected-login.txt");
    let f = only(&report(&text)).clone();
    let console = f.browser.console.expect("Chrome's line");
    assert!(
        console.starts_with("Access to fetch at 'https://login.example.com/authorize?client_id=x' (redirected from 'https://api.example.com/v1/items') from origin 'https://app.example.com'"),
        "{console}"
    );
    assert!(text.starts_with(&console), "{console}");
    // The request is still the one the page made; Firefox names where it ended.
    assert_eq!(f.request.url, "https://api.example.com/v1/items");
    let fx = f.browser.firefox_console.expect("Firefox's line");
    assert!(
        fx.contains("https://login.example.com/authorize?client_id=x"),
        "{fx}"
    );
}

#[test]
fn safari_redirect_to_a_non_cors_scheme() {
    let text = "[Error] Cross-origin redirection to ftp://files.example.com/a.json denied by Cross-Origin Resource Sharing policy: not allowed to follow a cross-origin CORS redirection with non CORS scheme\n[Error] Fetch API cannot load https://api.example.com/v1/file due to access control checks.\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::Redirect);
    assert!(
        f.summary.contains("ftp://files.example.com/a.json"),
        "{}",
        f.summary
    );
    assert!(
        f.summary.contains("not a CORS header problem"),
        "{}",
        f.summary
    );
}

#[test]
fn the_xhr_hint_is_chrome_words_only_for_xmlhttprequest() {
    // Chrome adds "… controlled by the withCredentials attribute." only for XHR; a fetch
    // message, or another browser's, must not get it in the summary or the evidence.
    let reason = "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.";
    for (initiator, hinted) in [("fetch", false), ("XMLHttpRequest", true)] {
        let mut msg = format!("Access to {initiator} at 'https://api.example.com/session' from origin 'https://app.example.com' has been blocked by CORS policy: {reason}");
        if hinted {
            msg.push_str(" The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.");
        }
        let report = whycors::diagnose(&msg, &whycors::Options::default()).expect("reads");
        let f = &report.findings[0];
        let said = format!("{} {:?}", f.summary, f.evidence);
        assert_eq!(
            said.contains("withCredentials"),
            hinted,
            "{initiator}: {said}"
        );
        assert_eq!(f.browser.console.as_deref(), Some(msg.as_str()));
    }
}

#[test]
fn a_preflight_that_did_not_succeed_with_a_3xx_is_a_redirected_preflight() {
    // Firefox and Safari only say the preflight did not succeed; with a 3xx status that
    // is a redirect, which Chromium names PreflightDisallowedRedirect.
    for (msg, firefox) in [
        ("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://api.example.com/v1/items. (Reason: CORS preflight response did not succeed). Status code: 301.", true),
        ("[Error] Preflight response is not successful. Status code: 307\n[Error] Fetch API cannot load http://api.example.com/v1/items due to access control checks.", false),
    ] {
        let report = whycors::diagnose(msg, &whycors::Options::default()).expect("reads");
        let f = &report.findings[0];
        assert_eq!(
            f.browser.cors_error.as_deref(),
            Some("PreflightDisallowedRedirect"),
            "{msg}"
        );
        assert!(
            f.fixes.iter().any(|x| x.title.contains("Do not redirect the preflight")),
            "{:?}",
            f.fixes
        );
        if firefox {
            assert_eq!(f.browser.firefox.as_deref(), Some("CORSPreflightDidNotSucceed3"));
        }
    }
    // A 4xx stays a failed status.
    let msg = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://api.example.com/v1/items. (Reason: CORS preflight response did not succeed). Status code: 403.";
    let report = whycors::diagnose(msg, &whycors::Options::default()).expect("reads");
    assert_eq!(
        report.findings[0].browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
}

#[test]
fn firefox_method_not_found_writes_chrome_line_with_a_placeholder_not_an_empty_name() {
    let msg = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/v1/items. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).";
    let report = whycors::diagnose(msg, &whycors::Options::default()).expect("reads");
    let line = report.findings[0]
        .browser
        .console
        .clone()
        .unwrap_or_default();
    assert!(!line.contains("Method  is"), "{line}");
    assert!(
        line.contains("Method <the request's method> is not allowed"),
        "{line}"
    );
}

#[test]
fn chromium_log_lines_of_electron_and_vs_code_webviews_are_read() {
    let msg = "Access to fetch at 'https://api.github.com/user' from origin 'vscode-webview://1a2b3c4d5e' has been blocked by CORS policy: Request header field x-github-api-version is not allowed by Access-Control-Allow-Headers in preflight response.";
    for text in [
        format!("[14892:0312/101523.442:INFO:CONSOLE(0)] \"{msg}\", source: vscode-webview://1a2b3c4d5e/index.html?id=abc (0)"),
        format!("\"{msg}\", source: vscode-webview://1a2b3c4d5e/index.html (0)"),
    ] {
        assert_eq!(whycors::input::detect(&text), Some(whycors::exchange::InputKind::ConsoleError), "{text}");
        let report = whycors::diagnose(&text, &whycors::Options::default()).expect("reads");
        let f = &report.findings[0];
        assert_eq!(
            f.browser.cors_error.as_deref(),
            Some("HeaderDisallowedByPreflightResponse"),
            "{text}"
        );
        assert_eq!(f.browser.failed_parameter.as_deref(), Some("x-github-api-version"));
        assert_eq!(f.browser.console.as_deref(), Some(msg));
    }
}

/// Firefox joins a repeated Access-Control-Allow-Origin with ", " and may report it as not
/// matching ("does not match '*, *'", a real report): the cause and fixes say it was sent
/// twice, not "add Access-Control-Allow-Origin". Its credentials message means credentials
/// mode 'include', and the fixes then add Access-Control-Allow-Credentials.
#[test]
fn firefox_repeated_allow_origin_and_credentials_messages() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://demo.example/api/home/Getlist. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘*, *’).");
    let f = only(&r);
    assert!(f.summary.contains("more than once"), "{}", f.summary);
    assert!(
        f.fixes[0].text.contains("sent twice"),
        "{}",
        f.fixes[0].text
    );
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/v1/me. (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).");
    assert!(only(&r).fixes[0].text.contains("sent twice"));

    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/v1/me. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).");
    let f = only(&r);
    assert_eq!(f.request.credentials, "include");
    assert!(
        f.fixes
            .iter()
            .any(|x| x.text.contains("Access-Control-Allow-Credentials: true")),
        "{:?}",
        f.fixes
    );
}

/// Private/Local Network Access blocks same-origin requests too (a real Electron report):
/// the message is a finding, not "no cross-origin request"; Chrome never sent it, so no
/// response is asked for and no curl command offered; `local` is the local network.
#[test]
fn local_network_block_of_a_same_origin_request_is_a_finding() {
    let r = report("Access to script at 'http://intranet.example/desk/chat/cb.js' from origin 'http://intranet.example' has been blocked by CORS policy: The request client is not a secure context and the resource is in more-private address space `local`.");
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("InsecureLocalNetwork")
    );
    assert!(
        f.summary.contains("a device on the local network"),
        "{}",
        f.summary
    );
    assert!(
        f.missing.iter().all(|m| !m.contains("response")),
        "{:?}",
        f.missing
    );
    assert!(f.reproduce.is_empty(), "{:?}", f.reproduce);
    // Its own cause, no stage and no server fix: Chrome never sent it.
    assert_eq!(f.cause.kind.as_str(), "local_network_access");
    assert_eq!(f.cause.stage, None);
    assert!(
        f.fixes.iter().all(|x| x.target == "client"),
        "{:?}",
        f.fixes
    );
    let r = report("Access to fetch at 'http://localhost:8080/api' from origin 'http://intranet.example' has been blocked by CORS policy: The request client is not a secure context and the resource is in more-private address space `loopback`.");
    assert!(only(&r).summary.contains("this machine: localhost"));
}

/// DevTools' line for a response Opaque Response Blocking withheld (the request got its 200;
/// Chromium 156 reports net::ERR_BLOCKED_BY_ORB for an <img> of JSON): not "never got an HTTP
/// response", and not CORS.
#[test]
fn orb_is_named_not_called_a_missing_response() {
    let r = report("GET https://shop.example:9090/theme/all.js net::ERR_BLOCKED_BY_ORB 200 (OK)");
    let f = only(&r);
    assert!(
        f.summary.contains("Opaque Response Blocking"),
        "{}",
        f.summary
    );
    assert!(
        !f.summary.contains("never got an HTTP response"),
        "{}",
        f.summary
    );
    assert_eq!(f.browser.cors_error, None);
}

/// Safari as real reports paste it: a reason line and its "Failed to load resource:" repeat
/// are one request (not a second finding without a URL); Safari before 13 wrote the reason
/// on the "cannot load U." line; WebKit runs the CORS check on an app's own scheme
/// (Capacitor's `capacitor://`), so that is no "CORS is for HTTP(S) only" case.
#[test]
fn safari_repeats_inline_reasons_and_app_schemes() {
    let r = report("[Error] Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. Status code: 200\n[Error] Failed to load resource: Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. Status code: 200 (_capacitor_http_interceptor_, line 0)\n");
    assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);

    let r = report("[Error] Failed to load resource: the server responded with a status of 501 (Not Implemented) (192.168.59.103, line 0)\n[Error] Failed to load resource: Request header field Content-Type is not allowed by Access-Control-Allow-Headers. (192.168.59.103, line 0)\n[Error] XMLHttpRequest cannot load http://192.168.59.103:8081/. Request header field Content-Type is not allowed by Access-Control-Allow-Headers. (dev, line 0)\n");
    let f = only(&r);
    assert_eq!(f.request.url, "http://192.168.59.103:8081/");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );

    let r = report("[Error] Origin http://192.168.15.26:6789 is not allowed by Access-Control-Allow-Origin.\n[Error] Fetch API cannot load capacitor://localhost/_capacitor_file_/Documents/1.txt due to access control checks.\n");
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_ne!(f.browser.cors_error.as_deref(), Some("CorsDisabledScheme"));
    assert_eq!(
        f.request.origin.as_deref(),
        Some("http://192.168.15.26:6789")
    );
}

/// A denied Local Network Access permission pasted with the preflight's headers (a real
/// report, curl -D - without a status line): the headers play no part, so no "the input may
/// not be from the same request" warning and no missing preflight status.
#[test]
fn denied_local_network_permission_with_headers_adds_no_false_warning() {
    let r = report("Access to fetch at 'http://127.0.0.1:5700/api/v2' from origin\n'https://chat.example.org' has been blocked by CORS policy: Permission was\ndenied for this request to access the `loopback` address space.\n\n$ curl -s -D - -o /dev/null -X OPTIONS http://127.0.0.1:5700/api/v2 \\\n    -H \"Origin: https://chat.example.org\" \\\n    -H \"Access-Control-Request-Method: GET\"\nAccess-Control-Allow-Origin: https://chat.example.org\nAccess-Control-Allow-Private-Network: false\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("LocalNetworkAccessPermissionDenied")
    );
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
    assert!(f.missing.is_empty(), "{:?}", f.missing);
}

/// An origin as reports show it: a trailing slash (typed, or left by a redaction), or old
/// Chrome's 'file://' for a page opened from a file, which Chromium now calls `null`.
#[test]
fn reported_origins_are_normalized() {
    let r = report("Access to fetch at 'https://api.example.com/v1' from origin 'https://app.example.net/' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert_eq!(
        only(&r).request.origin.as_deref(),
        Some("https://app.example.net")
    );
    let r = report("XMLHttpRequest cannot load https://foobar.example/x. No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'file://' is therefore not allowed access.");
    let f = only(&r);
    assert_eq!(f.request.origin.as_deref(), Some("null"));
    assert!(f.summary.contains("origin is `null`"), "{}", f.summary);
}

/// Safari 10's lines (a real report): the status line before "Preflight response is not
/// successful" is the preflight's, and the reason on the "cannot load" line has no period.
/// A network line pasted after a quote mark still names its request.
#[test]
fn safari_preflight_status_line_and_a_quoted_network_line() {
    let r = report("[Error] Failed to load resource: the server responded with a status of 403 (Forbidden) (acl, line 0)\n[Error] Failed to load resource: Preflight response is not successful (acl, line 0)\n[Error] XMLHttpRequest cannot load https://apps.example.com/dev/api/acl/. Preflight response is not successful\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://apps.example.com/dev/api/acl/");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert_eq!(f.cause.status, Some(403));

    let r = report("\"GET https://cdn.example.io/launch/a.js?5243557 net::ERR_BLOCKED_BY_CLIENT\nsend @ game.js:11\"");
    let f = only(&r);
    assert_eq!(f.request.url, "https://cdn.example.io/launch/a.js?5243557");
    assert_eq!(f.cause.kind.as_str(), "network_error");
}

/// Firefox's "Did not find method" names no method: the report says so with the placeholder
/// its commands use, never "GET" (which never fails the method check).
#[test]
fn firefox_method_not_found_names_no_method_in_the_request() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/v1/items. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).");
    let f = only(&r);
    assert_eq!(f.request.method, "<METHOD>");
    assert_eq!(f.request.method_basis, "assumed");
}

/// Old and redacted lines as reports show them: Firefox before 52 gave no reason ("This can
/// be fixed by moving the resource …"), and a Chrome line whose URL and origin a person
/// replaced with placeholders still gives its reason (the placeholder is no origin).
#[test]
fn old_firefox_wording_and_redacted_chrome_lines() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://bosh.example.im/. This can be fixed by moving the resource to the same domain or enabling CORS.");
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(f.request.url, "https://bosh.example.im/");

    let r = report("XMLHttpRequest cannot load <url>. Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response.");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("MethodDisallowedByPreflightResponse")
    );
    let r = report("XMLHttpRequest cannot load XXXXXX. The 'Access-Control-Allow-Origin' header contains multiple values '*, *', but only one is allowed. Origin 'XXXXX' is therefore not allowed access.");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    assert_eq!(f.request.origin, None);
}

/// Firefox's message as a web page quotes it (a real report): the bold title, the URL on a
/// line of its own, the "[Learn More]" link as HTML. One request, its key read.
#[test]
fn firefox_message_quoted_with_html_and_line_breaks() {
    let text = "⚠️<strong> Cross-Origin Request Blocked:</strong>\nThe Same Origin Policy disallows reading the remote resource at\nhttps://api.example.net/v2/info?release=latest&.\n(Reason: CORS header 'Access-Control-Allow-Origin' missing). <a href=\"https://developer.mozilla.org/docs/Web/HTTP/CORS/Errors/CORSMissingAllowOrigin\">[Learn More]</a>\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
    assert_eq!(
        f.request.url,
        "https://api.example.net/v2/info?release=latest&"
    );
    assert_eq!(f.location, "line 1");
}

/// The joining of a Firefox message quoted over several lines stops at the next message: an
/// old reason-less line followed by a current one stays two messages.
#[test]
fn firefox_lines_are_not_joined_across_messages() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://a.example/x. This can be fixed by moving the resource to the same domain or enabling CORS.\nCross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://b.example/y. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing).\n");
    let urls: Vec<&str> = r.findings.iter().map(|f| f.request.url.as_str()).collect();
    assert_eq!(urls, ["https://a.example/x", "https://b.example/y"]);
}

/// The URL replaced by a placeholder in an old Chrome line or a Firefox line: the reason is
/// still read, the sentence written back says the URL was not given, and "missing" asks for
/// that browser's own line. Firefox's old "does not match '*'" is `*` with credentials.
#[test]
fn placeholder_urls_and_firefox_wildcard_with_credentials() {
    let r = report(
        "XMLHttpRequest cannot load (the url). Response for preflight is invalid (redirect)\n",
    );
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightDisallowedRedirect")
    );
    assert_eq!(f.request.url, "");
    let line = f.browser.console.as_deref().unwrap_or("");
    assert!(line.contains("at '<the request's URL>'"), "{line}");

    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource ... (Reason: CORS header 'Access-Control-Allow-Origin' does not match '*').\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSAllowOriginNotMatchingOrigin")
    );
    assert_eq!(f.request.credentials, "include");
    assert!(f.summary.contains("carries credentials"), "{}", f.summary);
    assert!(
        f.fixes
            .iter()
            .any(|x| x.text.contains("Access-Control-Allow-Credentials: true")),
        "{:?}",
        f.fixes
    );
    assert!(
        f.missing
            .iter()
            .any(|m| m.contains("Cross-Origin Request Blocked: The Same Origin Policy")),
        "{:?}",
        f.missing
    );
    // Another origin that does not match is no credentials clue.
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/x. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://a.example’).");
    assert_eq!(only(&r).request.credentials, "same-origin");
}

/// A preflight written as a post writes it ("OPTIONS <absolute URL>" without the HTTP
/// version) answered by Spring's CORS processor: read, and explained as Spring's
/// configuration not allowing the request, with Spring's fix first and no Express fix.
#[test]
fn versionless_request_line_and_spring_rejection() {
    let text = "OPTIONS https://api.example.com/api/users\nHost: api.example.com\nOrigin: http://localhost:4200\nAccess-Control-Request-Method: PUT\nAccess-Control-Request-Headers: authorization,content-type\n\nHTTP/1.1 403\nVary: Origin\nContent-Length: 20\n\nInvalid CORS request\n";
    let r = report(text);
    assert_eq!(r.input, "http_text");
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/api/users");
    assert_eq!(f.request.method, "PUT");
    assert_eq!(f.cause.kind.as_str(), "header_mismatch");
    assert_eq!(f.cause.gateway.map(|g| g.slug()), Some("spring"));
    assert!(
        f.summary.contains("the origin http://localhost:4200"),
        "{}",
        f.summary
    );
    assert!(
        f.summary.contains("authorization, content-type"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "spring");
    assert!(
        f.fixes[0]
            .text
            .contains(".allowedMethods(\"GET\", \"POST\", \"PUT\", \"OPTIONS\")"),
        "{}",
        f.fixes[0].text
    );
    assert!(
        f.fixes
            .iter()
            .all(|x| x.target != "express" && x.target != "frameworks"),
        "{:?}",
        f.fixes
    );
    // Without the body, a 403 to the preflight stays "something rejects it".
    let r = report(&text.replace("Invalid CORS request\n", ""));
    assert_eq!(only(&r).cause.kind.as_str(), "preflight_failed");
}

/// Safari's reason and its "cannot load" line pasted on one line: one request, its URL,
/// origin and status read.
#[test]
fn safari_reason_and_cannot_load_on_one_line() {
    let r = report("[Error] Origin https://a.example is not allowed by Access-Control-Allow-Origin. Status code: 504 [Error] Fetch API cannot load https://api.example.com/v0/x due to access control checks.\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/v0/x");
    assert_eq!(f.request.origin.as_deref(), Some("https://a.example"));
    assert_eq!(f.cause.status, Some(504));
    assert_eq!(f.location, "line 1");
    let r = report("Origin https://preprod.example.io is not allowed by Access-Control-Allow-Origin. XMLHttpRequest cannot load https://sub.example.io/v0/test/ due to access control checks.");
    assert_eq!(only(&r).request.url, "https://sub.example.io/v0/test/");
}

/// FastAPI's and Express's CORS layers refusing a request: the cause is their configuration,
/// said with the request's own values, and their own fix comes first.
#[test]
fn fastapi_and_express_rejections_name_the_request_values() {
    let r = report("OPTIONS /items HTTP/1.1\nHost: api.example.com\nOrigin: http://localhost:3000\nAccess-Control-Request-Method: DELETE\nAccess-Control-Request-Headers: authorization\n\nHTTP/1.1 400 Bad Request\nserver: uvicorn\naccess-control-allow-origin: http://localhost:3000\naccess-control-allow-methods: GET\nvary: Origin\ncontent-type: text/plain; charset=utf-8\n\nDisallowed CORS method, headers\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert_eq!(f.cause.kind.as_str(), "header_mismatch");
    assert!(
        f.summary.contains("allow_methods does not list DELETE"),
        "{}",
        f.summary
    );
    assert!(
        f.summary
            .contains("allow_headers does not list authorization"),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("allow_origins"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "fastapi");
    assert!(
        f.fixes[0].text.contains("\"DELETE\""),
        "{}",
        f.fixes[0].text
    );
    assert!(
        f.fixes
            .iter()
            .all(|x| x.target != "express" && x.target != "frameworks"),
        "{:?}",
        f.fixes
    );

    let r = report("GET /api/me HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.org\n\nHTTP/1.1 500 Internal Server Error\nX-Powered-By: Express\nContent-Type: text/html; charset=utf-8\n\n<pre>Error: Not allowed by CORS<br> &nbsp; &nbsp;at origin (/app/server.js:14:16)</pre>\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "header_mismatch");
    assert!(
        f.summary.contains("https://app.example.org"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "express");
    assert!(
        f.fixes[0]
            .text
            .contains("const allowed = ['https://app.example.org'];"),
        "{}",
        f.fixes[0].text
    );
    assert_eq!(
        f.fixes.iter().filter(|x| x.target == "express").count(),
        1,
        "{:?}",
        f.fixes
    );
}

/// IIS answering the preflight itself (Windows Authentication's 401, WebDAV's 405): the
/// summary says which part of IIS, and the fixes are IIS's and ASP.NET Core's, not Express's.
#[test]
fn iis_windows_auth_and_webdav_on_the_preflight() {
    let head = "OPTIONS /api/orders HTTP/1.1\nHost: intranet.example.com\nOrigin: https://portal.example.com\nAccess-Control-Request-Method: PUT\nAccess-Control-Request-Headers: content-type\n\n";
    let r = report(&format!("{head}HTTP/1.1 401 Unauthorized\nServer: Microsoft-IIS/10.0\nWWW-Authenticate: Negotiate\nWWW-Authenticate: NTLM\n\n"));
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "preflight_failed");
    assert!(
        f.summary.contains("Windows Authentication"),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("An authorizer"), "{}", f.summary);
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(targets[..2], ["iis", "aspnet-core"], "{targets:?}");
    assert!(
        !targets.contains(&"express") && !targets.contains(&"frameworks"),
        "{targets:?}"
    );
    assert!(
        f.fixes[0].text.contains("<add method=\"PUT\" />"),
        "{}",
        f.fixes[0].text
    );

    let r = report(&format!("{head}HTTP/1.1 405 Method Not Allowed\nServer: Microsoft-IIS/8.5\nContent-Type: text/html\n\n<h3>The page you are looking for cannot be displayed because an invalid method (HTTP verb) was used to attempt access.</h3>\n"));
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "preflight_missing");
    assert!(f.summary.contains("WebDAV"), "{}", f.summary);
}

/// A preflight redirected to a sign-in page (Cloudflare Access, oauth2-proxy): named, with
/// that product's way to let OPTIONS through first, not a CDN rule or "do not redirect".
#[test]
fn preflight_redirected_to_sign_in() {
    let head = "OPTIONS /api/data HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\nAccess-Control-Request-Method: GET\nAccess-Control-Request-Headers: authorization\n\n";
    let r = report(&format!("{head}HTTP/2 302\nlocation: https://myteam.cloudflareaccess.com/cdn-cgi/access/login/api.example.com?kid=abc\ncf-ray: 8a1b2c3d4e5f6a7b-FRA\nserver: cloudflare\n\n"));
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightDisallowedRedirect")
    );
    assert!(
        f.summary.contains("sign-in page (Cloudflare Access)"),
        "{}",
        f.summary
    );
    assert!(
        f.summary.contains("Bypass OPTIONS requests to origin"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes.len(), 1, "{:?}", f.fixes);
    assert_eq!(f.fixes[0].target, "sign-in");

    let r = report(&format!("{head}HTTP/1.1 302 Found\nLocation: https://api.example.com/oauth2/start?rd=%2Fapi%2Fdata\n\n"));
    let f = only(&r);
    assert!(f.summary.contains("--skip-auth-preflight"), "{}", f.summary);
    assert!(
        f.fixes[0].text.contains("--skip-auth-preflight=true"),
        "{}",
        f.fixes[0].text
    );

    // A redirect elsewhere (http → https) stays "do not redirect the preflight".
    let r = report(&format!(
        "{head}HTTP/1.1 301 Moved Permanently\nLocation: https://api.example.com/api/data/\n\n"
    ));
    let f = only(&r);
    assert!(!f.summary.contains("sign-in"), "{}", f.summary);
    assert_ne!(f.fixes[0].target, "sign-in");
}

/// Old Chrome's refusal of a redirect after a preflight, wrapped over three lines as a post
/// quotes it: read as the redirect (the URL and its target), with "call the target directly".
#[test]
fn old_chrome_redirect_after_preflight_wrapped() {
    let r = report("XMLHttpRequest cannot load https://api.example.com/repos/a/b/items?state=open. \nThe request was redirected to 'https://api.example.com/repositories/943/items?state=open', \nwhich is disallowed for cross-origin requests that require preflight.\n");
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(f.cause.kind.as_str(), "redirect");
    assert_eq!(
        f.request.url,
        "https://api.example.com/repos/a/b/items?state=open"
    );
    assert!(
        f.summary
            .contains("redirected to https://api.example.com/repositories/943/items?state=open"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].title, "Call the redirect's target directly");
}

/// Chrome's "(redirected from …)" line whose target is a known sign-in page names it.
#[test]
fn redirect_to_a_known_sign_in_page_is_named() {
    let r = report("Access to XMLHttpRequest at 'https://login.microsoftonline.com/abc-tenant/oauth2/authorize?client_id=1' (redirected from 'https://api.example.com/api/orders') from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "redirect");
    assert!(
        f.summary.contains("Microsoft Entra ID's sign-in"),
        "{}",
        f.summary
    );
}

/// FastAPI's 500 for an unhandled exception: not a CORS setting — the exception, then
/// CORSMiddleware around the whole app so such errors carry the headers.
#[test]
fn fastapi_unhandled_exception_is_the_real_error() {
    let r = report("POST /items HTTP/1.1\nHost: api.example.com\nOrigin: http://localhost:3000\nContent-Type: application/json\n\nHTTP/1.1 500 Internal Server Error\nserver: uvicorn\ncontent-length: 21\ncontent-type: text/plain; charset=utf-8\n\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "gateway_error");
    assert!(
        f.hidden
            .as_deref()
            .unwrap_or("")
            .contains("unhandled exception"),
        "{:?}",
        f.hidden
    );
    assert_eq!(f.fixes[0].target, "fastapi");
    assert!(
        f.fixes[0].text.contains("app = CORSMiddleware("),
        "{}",
        f.fixes[0].text
    );
}

/// Express's 404 to a preflight: nothing handles OPTIONS, said with why, and the cors
/// middleware registered first as the fix.
#[test]
fn express_404_to_the_preflight() {
    let r = report("OPTIONS /api/items HTTP/1.1\nHost: localhost:5000\nOrigin: http://localhost:3000\nAccess-Control-Request-Method: POST\nAccess-Control-Request-Headers: content-type\n\nHTTP/1.1 404 Not Found\nX-Powered-By: Express\nContent-Security-Policy: default-src 'none'\nContent-Type: text/html; charset=utf-8\n\n<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error</title></head><body><pre>Cannot OPTIONS /api/items</pre></body></html>\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "preflight_missing");
    assert!(
        f.summary.contains("no cors middleware ran"),
        "{}",
        f.summary
    );
    assert_eq!(
        f.fixes[0].title,
        "Express: the cors middleware, registered first"
    );
}

/// Chrome's reason pasted bare, quoted in prose or backticks, or in its pre-2018 wording: the
/// error read, without a URL or origin it does not give.
#[test]
fn bare_quoted_and_old_chrome_reasons() {
    let cases: [(&str, &str, Option<&str>); 6] = [
        (
            "`The 'Access-Control-Allow-Origin' header contains multiple values '*, *', but only one is allowed.`\n",
            "MultipleAllowOriginValues",
            Some("*, *"),
        ),
        (
            "Chrome says:\n\nThe 'Access-Control-Allow-Origin' header contains multiple values 'http://a.example, *', but only one is allowed.\n",
            "MultipleAllowOriginValues",
            Some("http://a.example, *"),
        ),
        // The sentence ends with a quote of its own: only the backtick is the paste's.
        (
            "`Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'`\n\nAny ideas?\n",
            "PreflightWildcardOriginNotAllowed",
            Some(""),
        ),
        (
            "the browser rejects all calls with `Request header field Authorization is not allowed by Access-Control-Allow-Headers in preflight response.`.\n",
            "HeaderDisallowedByPreflightResponse",
            Some("Authorization"),
        ),
        (
            "**Error:**\nResponse to preflight request doesn't pass access control check: Credentials flag is 'true', but the 'Access-Control-Allow-Credentials' header is ''. It must be 'true' to allow credentials. Origin 'http://localhost' is therefore not allowed access.\n",
            "PreflightInvalidAllowCredentials",
            Some(""),
        ),
        // Private Network Access, in bold, without the preflight's prefix.
        (
            "**No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the `local` address space** \nThe above error occurs …\n",
            "PreflightMissingAllowPrivateNetwork",
            Some("local"),
        ),
    ];
    for (text, error, param) in cases {
        let r = report(text);
        let f = only(&r);
        assert_eq!(f.browser.cors_error.as_deref(), Some(error), "{text}");
        assert_eq!(f.browser.failed_parameter.as_deref(), param, "{text}");
        assert_eq!(f.request.url, "", "{text}");
    }
    // The old credentials sentence names the page's origin.
    let r = report(cases[4].0);
    assert_eq!(only(&r).request.origin.as_deref(), Some("http://localhost"));
    assert_eq!(only(&r).request.credentials, "include");
    // The whole Private Network Access message without the prefix: the same error, its URL.
    let r = report("Access to fetch at 'http://192.168.1.5/x' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the `private` address space.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowPrivateNetwork")
    );
    assert_eq!(f.request.url, "http://192.168.1.5/x");
}

/// The same failure quoted as a fragment and then pasted whole is one finding; a message
/// re-wrapped in a quote keeps its URL and origin; Android's logcat line is read.
#[test]
fn repeated_fragment_quote_marks_and_logcat() {
    let r = report("`Response to preflight request doesn't pass access control check: It does not have HTTP ok status.`\nbelow is the error message i am getting .\nAccess to XMLHttpRequest at 'http://10.0.0.2:9890/v1/items' from origin 'http://app.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status\n");
    let f = only(&r);
    assert_eq!(f.request.url, "http://10.0.0.2:9890/v1/items");
    // Two different failures stay two.
    let r = report("`No 'Access-Control-Allow-Origin' header is present on the requested resource.`\nAccess to fetch at 'https://api.example.com/x' from origin 'https://app.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.\n");
    assert_eq!(r.findings.len(), 2);

    let r = report("OPTIONS http://api.example.localhost/api/login 404 (Not Found)\n\nAccess to XMLHttpRequest at 'http://api.example.localhost/api/login' from origin 'http://app.example.localhost' has been blocked >by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.\n");
    let f = only(&r);
    assert_eq!(f.request.url, "http://api.example.localhost/api/login");
    assert_eq!(
        f.request.origin.as_deref(),
        Some("http://app.example.localhost")
    );
    assert_eq!(f.cause.status, Some(404));

    let r = report("2019-01-11 10:03:13.128 16854-16854/? I/chromium: [INFO:CONSOLE(0)] \"Access to XMLHttpRequest at 'https://api.example.com/x' from origin 'http://localhost:8080' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\", source: http://localhost:8080/ (0)\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.request.origin.as_deref(), Some("http://localhost:8080"));
}

/// DevTools' status lines beside the message: Chrome's URL-less "Failed to load resource"
/// gives the one message its status; a failed preflight's line alone is a failed preflight.
#[test]
fn status_lines_beside_the_message() {
    let r = report("1.Failed to load resource: the server responded with a status of 500 ()\n2.Access to XMLHttpRequest at 'https://api.example.com/u' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.cause.status, Some(500));
    assert!(f.summary.contains("status 500"), "{}", f.summary);
    // Two messages: the status line could be either's.
    let r = report("Failed to load resource: the server responded with a status of 500 ()\nAccess to fetch at 'https://api.example.com/u' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nAccess to fetch at 'https://api.example.com/v' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(r.findings.iter().all(|f| f.cause.status.is_none()));

    let r = report("OPTIONS https://transcribe.us-east-2.amazonaws.com/ 403 (Forbidden)\nhandleRequest @ aws-sdk-2.227.1.min.js:7\ns @ aws-sdk-2.227.1.min.js:2\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert_eq!(f.cause.status, Some(403));
    assert_eq!(f.cause.stage, Some(whycors::verdict::Stage::Preflight));
    // A 2xx preflight line alone says nothing failed.
    assert!(diagnose(
        "OPTIONS https://api.example.com/ 204 (No Content)\n",
        &Options::default()
    )
    .is_err());
}

/// Old Chrome lines (before Chrome 73) whose first letters the copy cut off: the URL, the
/// origin and the status are still read; a line with too little left keeps no URL.
#[test]
fn old_chrome_lines_with_their_first_letters_cut() {
    let r = report("ailed to load https://api.example.com/v1/items: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:3000' is therefore not allowed access. The response had HTTP status code 504.");
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/v1/items");
    assert_eq!(f.request.origin.as_deref(), Some("http://localhost:3000"));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.cause.status, Some(504));
    let r = report("tpRequest cannot load https://api.example.com/v1/items. Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:3000' is therefore not allowed access. The response had HTTP status code 405.");
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/v1/items");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert_eq!(f.cause.status, Some(405));
    let r = report("load https://api.example.com/v1/items: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:3000' is therefore not allowed access.");
    assert_eq!(only(&r).request.url, "");
}

/// Access-Control-Allow-Origin naming another page's origin: from a cache (x-cache: HIT,
/// no Vary) it is the copy made for that page; without Vary it may be; with the message
/// alone both readings are given; with Vary: Origin none of this is said.
#[test]
fn another_pages_origin_is_the_caches_copy() {
    let msg = "Access to fetch at 'https://cdn.example.com/fonts/inter.woff2' from origin 'https://www.example.com' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://blog.example.com' that is not equal to the supplied origin. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.";
    let with = |headers: &str| {
        format!("{msg}\n\nHTTP/2 200\ncontent-type: font/woff2\naccess-control-allow-origin: https://blog.example.com\n{headers}\n")
    };
    let f = report(&with("x-cache: HIT\nage: 5123")).findings[0].clone();
    assert!(
        f.summary.contains("came from a cache (x-cache: HIT)")
            && f.summary.contains("served it to https://www.example.com"),
        "{}",
        f.summary
    );
    let f = report(&with("cache-control: public, max-age=600")).findings[0].clone();
    assert!(
        f.summary.contains("has no Vary: Origin")
            && f.summary.contains("copy made for https://blog.example.com"),
        "{}",
        f.summary
    );
    let f = report(&with("vary: Origin\nage: 12")).findings[0].clone();
    assert!(
        !f.summary.contains("another page's origin"),
        "{}",
        f.summary
    );
    let f = report(msg).findings[0].clone();
    assert!(
        f.summary
            .contains("either https://www.example.com is missing"),
        "{}",
        f.summary
    );
    // The page's own host with a trailing slash is a typo, not another page.
    let typo = msg.replace("https://blog.example.com'", "https://www.example.com/'");
    let f = report(&typo).findings[0].clone();
    assert!(
        !f.summary.contains("another page's origin"),
        "{}",
        f.summary
    );
}

/// Socket.IO's long-polling request and a Firebase Storage download, as their console lines
/// come: the Socket.IO server's own cors option first; Firebase Storage's bucket (from
/// `/v0/b/<bucket>/`) gets Cloud Storage's CORS configuration.
#[test]
fn socket_io_and_firebase_storage() {
    let r = report("Access to XMLHttpRequest at 'http://localhost:4000/socket.io/?EIO=4&transport=polling&t=OxYz12a' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("The URL is Socket.IO's (engine.io's) long-polling transport"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "socket-io");
    assert!(f.fixes[0]
        .text
        .contains("origin: ['http://localhost:3000']"));
    // Not Socket.IO: no such fix.
    let r = report("Access to XMLHttpRequest at 'http://localhost:4000/api/socket?EIO=4' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert!(only(&r).fixes.iter().all(|f| f.target != "socket-io"));

    let r = report("Access to fetch at 'https://firebasestorage.googleapis.com/v0/b/my-app-12345.appspot.com/o/images%2Fcat.png?alt=media&token=6f0c2a1e' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    let f = only(&r);
    assert!(
        f.summary.contains("It is Firebase Storage"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "gcs-cors");
    assert!(
        f.fixes[0].text.contains(
            "gcloud storage buckets update gs://my-app-12345.appspot.com --cors-file=cors.json"
        ),
        "{}",
        f.fixes[0].text
    );
}

/// "Access to font at …": the font file server's header (`*` is safe for a font), not an API
/// framework's middleware.
#[test]
fn a_blocked_font_gets_the_file_servers_fix() {
    let r = report("Access to font at 'https://cdn.example.net/fonts/Inter.woff2' from origin 'https://www.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "font-files");
    assert!(f.fixes[0]
        .text
        .contains("location ~* \\.(woff2?|ttf|otf|eot)$"));
    assert!(f
        .fixes
        .iter()
        .all(|x| x.target != "express" && x.target != "frameworks"));
    // A font file fetched by a script or a font loader is a font file too (a real report:
    // "Access to fetch at '….ttf'", a header rule whose pattern missed .ttf); another file is not.
    let r = report("Access to fetch at 'https://cdn.example.net/fonts/Inter.woff2' from origin 'https://www.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert_eq!(only(&r).fixes[0].target, "font-files");
    let r = report("Access to fetch at 'https://cdn.example.net/api/fonts' from origin 'https://www.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert!(only(&r).fixes.iter().all(|x| x.target != "font-files"));
}

/// A Supabase Edge Function's preflight failing: the function's own code answers OPTIONS
/// (Supabase passes it on), so the fix is that handler with corsHeaders on every response.
#[test]
fn supabase_edge_function_answers_its_own_preflight() {
    let r = report("Access to fetch at 'https://abcdefghijkl.supabase.co/functions/v1/send-email' from origin 'http://localhost:5173' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.");
    let f = only(&r);
    assert_eq!(
        f.cause.platform.as_ref().map(|p| p.platform.slug()),
        Some("supabase-functions")
    );
    assert!(
        f.summary
            .contains("Supabase passes OPTIONS to the function"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "supabase-function");
    let t = &f.fixes[0].text;
    assert!(
        t.contains("if (req.method === 'OPTIONS')")
            && t.contains("'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type'"),
        "{t}"
    );
    // Supabase's REST API answers CORS itself: no Edge Function hint there.
    let r = report("Access to fetch at 'https://abcdefghijkl.supabase.co/rest/v1/todos' from origin 'http://localhost:5173' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert!(only(&r).cause.platform.is_none());
}

#[test]
fn a_hint_in_other_words_after_chromes_sentence_keeps_the_sentence() {
    // The hint after "but only one is allowed." retyped or from another version: the sentence
    // before it is still Chromium's, and the verdict rests on it.
    let head = "Access to fetch at 'https://api.example.org/v1/items' from origin 'https://app.example.org' has been blocked by CORS policy: ";
    let cases = [
        ("The 'Access-Control-Allow-Origin' header contains multiple values 'https://app.example.org, https://app.example.org', but only one is allowed. Have the server send the header with a valid value, or, if an opaque response is sufficient, set the request's mode to 'no-cors'.", "MultipleAllowOriginValues"),
        ("No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response is sufficient, use mode no-cors.", "MissingAllowOriginHeader"),
        ("Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by XHR is controlled by withCredentials.", "PreflightWildcardOriginNotAllowed"),
    ];
    for (reason, error) in cases {
        let r = report(&format!("{head}{reason}\n"));
        let f = only(&r);
        assert_eq!(f.browser.cors_error.as_deref(), Some(error), "{reason}");
        assert!(f.browser.blocked);
    }
    // Prose after a sentence that is not Chromium's makes it no reason.
    let r = diagnose(
        &format!("{head}The header is wrong. Please help.\n"),
        &Options::default(),
    );
    if let Ok(r) = r {
        for f in &r.findings {
            assert_eq!(f.browser.cors_error, None, "{f:#?}");
        }
    }
}

/// Chrome's Local Network Access sentence, whose address space is in backticks, pasted inside
/// backticks itself: the inner pair is the sentence's.
#[test]
fn address_space_sentence_inside_backticks() {
    let r = report("Edge says:\n    `Access to script at 'https://127.0.0.1:5173/entry.js' from origin 'http://tools.example.cn' has been blocked by CORS policy: The request client is not a secure context and the resource is in more-private address space `local`.`\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("InsecureLocalNetwork")
    );
    assert_eq!(f.cause.kind.as_str(), "local_network_access");
}

/// A placeholder for the host in the origin, as in the URL ('https://<fqdn>'): read as the
/// URL's is, so the two compare (the page's own origin here), not an origin no browser sends.
#[test]
fn placeholder_host_in_the_origin_reads_as_in_the_url() {
    let r = report("Access to fetch at 'https://team.cloudflareaccess.com/cdn-cgi/access/login/<fqdn>?kid=<redacted>' (redirected from 'https://<fqdn>/sync/sync') from origin 'https://<fqdn>' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.request.origin.as_deref(), Some("https://fqdn"));
    assert!(
        !f.missing
            .iter()
            .any(|m| m.contains("not one a browser sends")),
        "{:?}",
        f.missing
    );
    assert!(
        f.summary.starts_with("The page called its own origin"),
        "{}",
        f.summary
    );
}

/// Two spaces retyped before "from origin": the URL ends at its quote, not after the space.
#[test]
fn two_spaces_before_from_origin() {
    let r = report("Access to XMLHttpRequest at 'https://storage.googleapis.com/b/o.png'  from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://storage.googleapis.com/b/o.png");
    assert_eq!(f.request.origin.as_deref(), Some("https://app.example.com"));
}

/// Chromium's CorsError name and Firefox's key inside a person's words (DevTools' Network
/// panel, MDN's link), and Chrome's wildcard reason quoted from its middle: read as the
/// browser's report, without a URL.
#[test]
fn error_codes_and_fragments_in_words() {
    let r = report("But after upgrade to `2.1.0` I have `CORS error` in the browser with code `WildcardOriginNotAllowed`:\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("WildcardOriginNotAllowed")
    );
    assert_eq!(f.request.credentials, "include");
    let r = report("Our file upload didn't work and Firefox warned that [multiple CORS headers are not allowed](https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS/Errors/CORSMultipleAllowOriginNotAllowed).\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMultipleAllowOriginNotAllowed")
    );
    assert!(f.summary.contains("more than once"), "{}", f.summary);
    let r = report("### Issue\n`header in the response must not be the wildcard '*' when the request's credentials mode is 'include` when calling the `/graphql` endpoint with `credentials=include`.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("WildcardOriginNotAllowed")
    );
    // A name in words that only talk about it is no report.
    assert!(whycors::diagnose(
        "Chromium's list of CORS errors has MissingAllowOriginHeader among others.\n",
        &Options::default()
    )
    .is_err());
}

/// Chrome's old message a post wrapped a sentence a line ("Failed to load U:" / "Response to
/// preflight request …:" / "No 'Access-Control-Allow-Origin' …" / "Origin '…' is therefore not
/// allowed access. The response had HTTP status code 503."): one message, its origin and
/// status kept, no line left unread.
#[test]
fn old_chrome_message_wrapped_a_sentence_a_line() {
    let r = report("the first OPTION request fail with this info:\n\nFailed to load https://api.example.io/organizations/7/data:\nResponse to preflight request doesn't pass access control check:\nNo 'Access-Control-Allow-Origin' header is present on the requested resource.\nOrigin 'https://app.example.io' is therefore not allowed access. The response had HTTP status code 503.\n\nOther requests do not fail.\n");
    let f = only(&r);
    assert!(r.unread.is_empty(), "{:?}", r.unread);
    assert_eq!(f.request.origin.as_deref(), Some("https://app.example.io"));
    assert_eq!(f.cause.status, Some(503));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
}

/// Chrome's mixed content message wrapped over lines, the URL cut inside its query: read as
/// the one message, the URL whole (no space where the line broke inside the quotes).
#[test]
fn mixed_content_message_wrapped_inside_its_url() {
    let r = report("This is the error I'm getting: \n```\nMixed Content: The page at \n'https://app.example.com/editor/%7B%22load%22%3Atrue%7D' was loaded over HTTPS, \nbut requested an insecure XMLHttpRequest endpoint 'http://api.example.co/api/v2/pokemon/?\nlimit=100000&offset=0'. This request has been blocked; the content must be served over\nHTTPS.\n```\nHeroku uses HTTPS, so I'm assuming it doesnt like that the API calls use HTTP.\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "mixed_content");
    assert_eq!(
        f.request.url,
        "http://api.example.co/api/v2/pokemon/?limit=100000&offset=0"
    );
    assert_eq!(f.request.origin.as_deref(), Some("https://app.example.com"));
}

/// A reason without its URL ("Has been blocked by CORS policy: No …") under Chrome's network
/// line for the request: the line's URL, method and status are the request's; a 405 to a POST
/// is said to be a server that takes no POST there (port 5500: VS Code's Live Server).
#[test]
fn bare_reason_takes_the_network_lines_url() {
    let paste = "### Actual result\n\nThe browser blocks the request due to a CORS policy error\n\napp.js:20  POST http://127.0.0.1:5500/login 405 (Method Not Allowed)\n\nHas been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.\n";
    let r = report(paste);
    let f = only(&r);
    assert_eq!(f.request.url, "http://127.0.0.1:5500/login");
    assert_eq!(f.request.method, "POST");
    assert!(
        f.summary
            .contains("405 says the server at this URL takes no POST there")
            && f.summary.contains("Port 5500 is VS Code's Live Server"),
        "{}",
        f.summary
    );
    // Another port: the 405 sentence without Live Server.
    let r = report(&paste.replace(":5500", ":8081"));
    let s = &only(&r).summary;
    assert!(
        s.contains("takes no POST there") && !s.contains("Live Server, which"),
        "{s}"
    );
    // A GET's 405 is not said so (a GET a server refuses is a route's matter).
    let r = report(&paste.replace("POST http", "GET http"));
    assert!(!only(&r).summary.contains("takes no"));
}

/// The same reason without its URL twice, an issue's title and its text: one finding; two
/// different reasons stay two.
#[test]
fn the_same_reason_twice_is_one_failure() {
    let reason = "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource";
    let r = report(&format!("{reason}\n\nAfter updating I have got this error :\n{reason}\nThe catch was in config/cors.php.\n"));
    assert_eq!(
        r.findings.len(),
        1,
        "{:?}",
        r.findings.iter().map(|f| &f.summary).collect::<Vec<_>>()
    );
    let r = report(&format!("{reason}\n\nand then:\nRequest header field x-token is not allowed by Access-Control-Allow-Headers in preflight response.\n"));
    assert_eq!(r.findings.len(), 2);
}

/// Chrome's message hard-wrapped in a post, its hint's last words "CORS disabled." alone on the
/// last line: the end of Chrome's sentence, not Firefox's Network-panel label (no second
/// finding).
#[test]
fn chrome_hint_wrapped_before_cors_disabled_is_no_firefox_label() {
    let r = report("```\nAccess to fetch at 'https://api.example.com/v1/query' from origin 'http://localhost:9695' has\nbeen blocked by CORS policy: Response to preflight request doesn't pass access control check: \nThe 'Access-Control-Allow-Origin' header has a value 'https://localhost:9695' that is not equal \nto the supplied origin. Have the server send the header with a valid value, or, if an opaque \nresponse serves your needs, set the request's mode to 'no-cors' to fetch the resource with \nCORS disabled.\n```\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightAllowOriginMismatch")
    );
    // Firefox's label alone on its line is still read.
    let r = report("XHRGET\nhttps://api.example.com/v1/query\nCORS disabled\n");
    assert_eq!(only(&r).browser.firefox.as_deref(), Some("CORSDisabled"));
}

/// Safari's line without a URL twice (an issue's title and its text): one failure.
#[test]
fn safari_line_twice_is_one_failure() {
    let line = "Origin http://localhost:8080 is not allowed by Access-Control-Allow-Origin.";
    let r = report(&format!(
        "{line}\n\nSynapse-admin shows this message on the bottom:\n\n{line}\n"
    ));
    assert_eq!(r.findings.len(), 1);
}

/// A page on localhost calling a deployed API without Allow-Origin: the API's list of origins
/// leaving the page's out comes first among the usual causes; listed for others too.
#[test]
fn localhost_page_to_a_deployed_api_ranks_the_origin_list_first() {
    let msg = |origin: &str| {
        format!("Access to fetch at 'https://api.example.app/v3/patches/list' from origin '{origin}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n")
    };
    let f = report(&msg("http://localhost:5173")).findings.remove(0);
    assert!(
        f.summary
            .contains("(1) the server's CORS settings do not list this page's origin"),
        "{}",
        f.summary
    );
    let f = report(&msg("https://www.example.app")).findings.remove(0);
    assert!(
        !f.summary
            .contains("(1) the server's CORS settings do not list")
            && f.summary
                .contains("the server's CORS settings do not list this page's origin"),
        "{}",
        f.summary
    );
}
