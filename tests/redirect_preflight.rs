//! The new preflight a browser sends to a redirect target (issue #7): after a
//! redirect that passes the CORS check, fetch rewrites the request (301/302
//! POST→GET, 303→GET without body headers, Authorization dropped across
//! origins, Origin `null` once tainted) and, when it still needs a preflight,
//! sends one to the Location before following it.

use whycors::cause::{determine, CauseKind};
use whycors::exchange::{
    Credentials, Exchange, HeaderList, InputKind, Known, Preflight, PreflightCapture, Redirect,
    Response,
};
use whycors::fetch::preflight::{preflight_request_headers, RedirectedRequest};
use whycors::verdict::{evaluate, CorsError, PreflightOutcome, Stage, Subject, Verdict};
use whycors::{explain, Options};

const PAGE: &str = "http://app.example";
const A: &str = "http://api.example/v1/items";
const B: &str = "http://api.example/v2/items";
const EDGE: &str = "http://edge.example/v2/items";

fn resp(status: u16, headers: &[(&str, &str)]) -> Response {
    Response {
        status,
        headers: headers.iter().copied().collect(),
        ..Response::default()
    }
}

/// A passing preflight response for `origin`.
fn good_preflight(origin: &str) -> Response {
    resp(
        204,
        &[
            ("Access-Control-Allow-Origin", origin),
            ("Access-Control-Allow-Methods", "GET, POST, PUT"),
            ("Access-Control-Allow-Headers", "content-type, x-custom"),
        ],
    )
}

fn captured(
    url: &str,
    method: &str,
    headers: &HeaderList,
    origin: &str,
    r: Response,
) -> PreflightCapture {
    PreflightCapture::Captured(Preflight {
        url: url.to_string(),
        request_headers: preflight_request_headers(method, headers, origin),
        response: Some(r),
        error: None,
    })
}

/// `method A` with `headers` from PAGE, a passing first preflight, and a
/// redirect `status` from A to `to` that passes the CORS check.
fn redirected(method: &str, headers: &[(&str, &str)], status: u16, to: &str) -> Exchange {
    let mut x = Exchange::new(InputKind::Har, method, A);
    x.page_origin = Some(PAGE.to_string());
    x.request.headers = headers.iter().copied().collect();
    x.request.credentials = Credentials::Omit;
    x.request.credentials_known = Known::Stated;
    x.preflight = captured(A, method, &x.request.headers, PAGE, good_preflight(PAGE));
    x.redirects.push(Redirect::new(
        A,
        resp(
            status,
            &[("Location", to), ("Access-Control-Allow-Origin", PAGE)],
        ),
    ));
    x
}

fn ok_final(origin: &str) -> Option<Response> {
    Some(resp(200, &[("Access-Control-Allow-Origin", origin)]))
}

fn verdict(x: &Exchange) -> Verdict {
    evaluate(x, &Default::default())
}

const JSON: &[(&str, &str)] = &[("Content-Type", "application/json")];

#[test]
fn a_307_keeps_the_post_and_the_target_without_options_fails_the_new_preflight() {
    let mut x = redirected("POST", JSON, 307, B);
    let h = x.request.headers.clone();
    x.redirects[0].preflight = captured(B, "POST", &h, PAGE, resp(405, &[("Allow", "GET, POST")]));
    x.network_error = Some("net::ERR_FAILED".to_string());
    let v = verdict(&x);
    assert!(v.blocked);
    assert!(v.computed);
    assert_eq!(
        v.cors_error,
        Some(CorsError::PreflightMissingAllowOriginHeader)
    );
    assert_eq!(v.failed_parameter.as_deref(), Some(""));
    assert_eq!(v.stage, Some(Stage::Preflight));
    assert_eq!(v.failed, Some(Subject::RedirectPreflight(0)));
    // The first preflight passed; the one at the target failed.
    assert_eq!(v.preflight, PreflightOutcome::Passed);
    assert_eq!(v.redirect_preflights.len(), 1);
    let hp = &v.redirect_preflights[0];
    assert_eq!(hp.url, B);
    assert_eq!(hp.method, "POST");
    assert_eq!(hp.origin.as_deref(), Some(PAGE));
    assert_eq!(hp.outcome, PreflightOutcome::Failed);
    assert_eq!(hp.request_headers.as_deref(), Some("content-type"));
    assert!(v
        .checks
        .iter()
        .any(|c| !c.passed && c.text.contains("the new preflight to the redirect target")));

    let d = determine(&x, &v);
    assert_eq!(d.cause.kind, CauseKind::Redirect);
    assert_eq!(d.cause.stage, Some(Stage::Preflight));
    assert_eq!(d.cause.status, Some(405));
    assert!(
        d.summary.contains("new preflight to the redirect target"),
        "{}",
        d.summary
    );
    assert!(d.summary.contains(B), "{}", d.summary);

    // The report: Chrome's line names the target, redirected from the URL called;
    // Firefox's: Gecko checks the preflight's Allow-Origin before its status,
    // so a 405 without it is "CORS header 'Access-Control-Allow-Origin'
    // missing", with the status.
    let report = explain(InputKind::Har, vec![x], &Options::default());
    let f = &report.findings[0];
    let chrome = f.browser.console.as_deref().unwrap_or("");
    assert!(
        chrome.starts_with(&format!("Access to fetch at '{B}' (redirected from '{A}')")),
        "{chrome}"
    );
    assert!(chrome.contains("Response to preflight request"), "{chrome}");
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
    assert!(f
        .browser
        .firefox_console
        .as_deref()
        .is_some_and(|l| l.contains(B) && l.ends_with("Status code: 405.")));
    // The reproduction includes the new preflight to the target.
    assert!(
        f.reproduce
            .iter()
            .any(|c| c.contains("-X OPTIONS") && c.contains(B)),
        "{:?}",
        f.reproduce
    );
    // The fix is about the redirect target, not a login page.
    let fix = &f.fixes[0];
    assert!(fix.text.contains(B), "{}", fix.text);
    assert!(!fix.text.contains("login"), "{}", fix.text);
}

#[test]
fn a_passing_new_preflight_lets_the_request_through() {
    let mut x = redirected("POST", JSON, 307, B);
    let h = x.request.headers.clone();
    x.redirects[0].preflight = captured(B, "POST", &h, PAGE, good_preflight(PAGE));
    x.response = ok_final(PAGE);
    let v = verdict(&x);
    assert!(!v.blocked, "{v:?}");
    assert_eq!(v.redirect_preflights[0].outcome, PreflightOutcome::Passed);
    assert_eq!(determine(&x, &v).cause.kind, CauseKind::Ok);
}

#[test]
fn a_303_turns_the_post_into_a_simple_get_and_no_preflight_is_needed() {
    let mut x = redirected("POST", JSON, 303, B);
    // Even a target that would fail a preflight is fine: none is sent.
    x.response = ok_final(PAGE);
    let v = verdict(&x);
    assert!(!v.blocked, "{v:?}");
    let hp = &v.redirect_preflights[0];
    assert_eq!(hp.outcome, PreflightOutcome::NotNeeded);
    assert_eq!(hp.method, "GET");
    assert!(hp.reasons.is_empty());
    assert!(v
        .checks
        .iter()
        .any(|c| c.passed && c.text.contains("no new preflight")));
}

#[test]
fn a_301_post_with_a_custom_header_still_needs_a_preflight() {
    let mut x = redirected(
        "POST",
        &[("Content-Type", "application/json"), ("X-Custom", "1")],
        301,
        B,
    );
    // No preflight to B in this capture, and the request never got there.
    x.network_error = Some("net::ERR_FAILED".to_string());
    x.redirects[0].preflight = PreflightCapture::NotInInput;
    let v = verdict(&x);
    let hp = &v.redirect_preflights[0];
    assert_eq!(hp.method, "GET");
    // Content-Type went with the body; X-Custom stays and needs the preflight.
    assert_eq!(hp.request_headers.as_deref(), Some("x-custom"));
    assert_eq!(hp.reasons.len(), 1, "{:?}", hp.reasons);
    assert!(
        hp.reasons[0].to_ascii_lowercase().contains("x-custom"),
        "{:?}",
        hp.reasons
    );
    // Missing from the input: said so, no error guessed.
    assert_eq!(hp.outcome, PreflightOutcome::NotCaptured);
    assert!(v.blocked);
    assert_eq!(v.cors_error, None);
    assert_eq!(v.stage, Some(Stage::Preflight));
    assert!(
        v.missing
            .iter()
            .any(|m| m.contains("redirect target") && m.contains(B)),
        "{:?}",
        v.missing
    );
    assert_eq!(determine(&x, &v).cause.kind, CauseKind::Unknown);
}

#[test]
fn a_target_preflight_not_in_a_har_while_the_request_went_on_was_cached() {
    let mut x = redirected("PUT", &[], 307, B);
    x.redirects[0].preflight = PreflightCapture::Absent;
    x.response = ok_final(PAGE);
    let v = verdict(&x);
    assert!(!v.blocked);
    assert_eq!(v.redirect_preflights[0].outcome, PreflightOutcome::Cached);
}

#[test]
fn after_a_cross_origin_hop_the_new_preflight_carries_origin_null() {
    let mut x = redirected("POST", JSON, 307, EDGE);
    let h = x.request.headers.clone();
    // The target allows the page's origin, but the browser sends `null` there.
    x.redirects[0].preflight = captured(EDGE, "POST", &h, "null", good_preflight(PAGE));
    x.network_error = Some("net::ERR_FAILED".to_string());
    let v = verdict(&x);
    assert!(v.blocked);
    assert_eq!(v.cors_error, Some(CorsError::PreflightAllowOriginMismatch));
    assert_eq!(v.failed_parameter.as_deref(), Some(PAGE));
    assert_eq!(v.failed, Some(Subject::RedirectPreflight(0)));
    assert_eq!(v.redirect_preflights[0].origin.as_deref(), Some("null"));
    assert!(v.detail.as_deref().unwrap_or("").contains("`null`"));
    let d = determine(&x, &v);
    assert!(d.summary.contains("Origin: null"), "{}", d.summary);

    // Allowing `null` there passes.
    x.redirects[0].preflight = captured(EDGE, "POST", &h, "null", good_preflight("null"));
    x.network_error = None;
    x.response = ok_final("null");
    let v = verdict(&x);
    assert!(!v.blocked, "{v:?}");
    assert_eq!(v.redirect_preflights[0].outcome, PreflightOutcome::Passed);
}

#[test]
fn authorization_dropped_across_origins_can_make_the_request_simple() {
    let mut x = redirected("GET", &[("Authorization", "Bearer t")], 302, EDGE);
    x.preflight = captured(
        A,
        "GET",
        &x.request.headers.clone(),
        PAGE,
        resp(
            204,
            &[
                ("Access-Control-Allow-Origin", PAGE),
                ("Access-Control-Allow-Headers", "authorization"),
            ],
        ),
    );
    x.response = ok_final("*");
    let v = verdict(&x);
    assert!(!v.blocked, "{v:?}");
    let hp = &v.redirect_preflights[0];
    assert_eq!(hp.outcome, PreflightOutcome::NotNeeded);
    assert_eq!(hp.origin.as_deref(), Some("null"));
}

#[test]
fn the_target_preflight_is_judged_like_the_first_method_and_headers() {
    let mut x = redirected("PUT", &[("X-Custom", "1")], 308, B);
    let h = x.request.headers.clone();
    x.redirects[0].preflight = captured(
        B,
        "PUT",
        &h,
        PAGE,
        resp(
            204,
            &[
                ("Access-Control-Allow-Origin", PAGE),
                ("Access-Control-Allow-Methods", "GET"),
                ("Access-Control-Allow-Headers", "x-custom"),
            ],
        ),
    );
    let v = verdict(&x);
    assert_eq!(
        v.cors_error,
        Some(CorsError::MethodDisallowedByPreflightResponse)
    );
    assert_eq!(v.failed_parameter.as_deref(), Some("PUT"));

    x.redirects[0].preflight = captured(
        B,
        "PUT",
        &h,
        PAGE,
        resp(
            204,
            &[
                ("Access-Control-Allow-Origin", PAGE),
                ("Access-Control-Allow-Methods", "PUT"),
            ],
        ),
    );
    let v = verdict(&x);
    assert_eq!(
        v.cors_error,
        Some(CorsError::HeaderDisallowedByPreflightResponse)
    );
    assert_eq!(v.failed_parameter.as_deref(), Some("x-custom"));

    // A redirected preflight at the target fails as any preflight redirect does.
    x.redirects[0].preflight = captured(B, "PUT", &h, PAGE, resp(301, &[("Location", "/x")]));
    let v = verdict(&x);
    assert_eq!(v.cors_error, Some(CorsError::PreflightDisallowedRedirect));
    assert_eq!(v.failed, Some(Subject::RedirectPreflight(0)));
}

#[test]
fn no_http_answer_to_the_target_preflight_is_a_network_error() {
    let mut x = redirected("PUT", &[], 307, B);
    x.redirects[0].preflight = PreflightCapture::Captured(Preflight {
        url: B.to_string(),
        request_headers: HeaderList::new(),
        response: None,
        error: Some("net::ERR_CONNECTION_REFUSED".to_string()),
    });
    let v = verdict(&x);
    assert!(v.blocked);
    assert_eq!(
        v.network_error.as_deref(),
        Some("net::ERR_CONNECTION_REFUSED")
    );
    assert_eq!(v.redirect_preflights[0].outcome, PreflightOutcome::Failed);
}

#[test]
fn the_second_hop_is_checked_too() {
    // A → B (307, preflight passes) → EDGE (307, preflight fails with Origin null).
    let mut x = redirected("PUT", &[], 307, B);
    let h = x.request.headers.clone();
    x.redirects[0].preflight = captured(B, "PUT", &h, PAGE, good_preflight(PAGE));
    let mut hop2 = Redirect::new(
        B,
        resp(
            307,
            &[("Location", EDGE), ("Access-Control-Allow-Origin", PAGE)],
        ),
    );
    hop2.preflight = captured(EDGE, "PUT", &h, "null", resp(404, &[]));
    x.redirects.push(hop2);
    let v = verdict(&x);
    assert_eq!(v.failed, Some(Subject::RedirectPreflight(1)));
    assert_eq!(
        v.cors_error,
        Some(CorsError::PreflightMissingAllowOriginHeader)
    );
    assert_eq!(v.redirect_preflights.len(), 2);
    assert_eq!(v.redirect_preflights[0].outcome, PreflightOutcome::Passed);
    assert_eq!(v.redirect_preflights[1].origin.as_deref(), Some("null"));
}

#[test]
fn fetch_rewrites_the_request_as_the_standard_says() {
    let hs: HeaderList = [
        ("Authorization", "Bearer t"),
        ("Content-Type", "application/json"),
        ("Content-Language", "en"),
        ("X-Custom", "1"),
    ]
    .into_iter()
    .collect();
    // 307/308 keep everything on the same origin.
    let mut r = RedirectedRequest::new("POST", &hs, whycors::exchange::BodyKind::Json);
    r.follow(307, A, B);
    assert_eq!(r.method, "POST");
    assert_eq!(r.headers, hs);
    // 302 across origins: GET, body headers and Authorization gone.
    r.follow(302, B, EDGE);
    assert_eq!(r.method, "GET");
    assert_eq!(r.body, whycors::exchange::BodyKind::None);
    let names: Vec<&str> = r.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["X-Custom"]);
    assert_eq!(r.changes.len(), 3, "{:?}", r.changes);
    // 301/302 change only POST; 303 changes anything but GET/HEAD.
    let mut r = RedirectedRequest::new("PUT", &hs, whycors::exchange::BodyKind::Text);
    r.follow(301, A, B);
    assert_eq!(r.method, "PUT");
    r.follow(303, A, B);
    assert_eq!(r.method, "GET");
    let mut r = RedirectedRequest::new("HEAD", &HeaderList::new(), Default::default());
    r.follow(303, A, B);
    assert_eq!(r.method, "HEAD");
    assert!(r.changes.is_empty());
}

#[test]
fn the_hop_preflight_is_serialized_only_when_the_input_can_show_it() {
    let plain = Redirect::new(A, resp(302, &[("Location", B)]));
    let json = serde_json::to_value(&plain).unwrap();
    assert!(json.get("preflight").is_none(), "{json}");
    let back: Redirect = serde_json::from_value(json).unwrap();
    assert_eq!(back, plain);

    let mut with = plain.clone();
    with.preflight = captured(B, "PUT", &HeaderList::new(), PAGE, resp(204, &[]));
    let json = serde_json::to_value(&with).unwrap();
    assert_eq!(json["preflight"]["state"], "captured");
    assert_eq!(json["preflight"]["url"], B);
    let back: Redirect = serde_json::from_value(json).unwrap();
    assert_eq!(back, with);
}

/// A call to the page's own origin that a redirect sends to another origin (an
/// expired session's `/api/me` → the sign-in host): no CORS check and no preflight
/// on the page's origin; from the hop on, a cross-origin request with the page's
/// Origin (not `null`: the request's origin was the URL's own when it left).
fn from_own_origin(method: &str, headers: &[(&str, &str)], status: u16, to: &str) -> Exchange {
    let own = format!("{PAGE}/api/me");
    let mut x = Exchange::new(InputKind::Har, method, &own);
    x.page_origin = Some(PAGE.to_string());
    x.request.headers = headers.iter().copied().collect();
    x.request.credentials = Credentials::SameOrigin;
    x.request.credentials_known = Known::Stated;
    // The page's own server sends no CORS headers on its redirect.
    x.redirects
        .push(Redirect::new(own, resp(status, &[("Location", to)])));
    x
}

#[test]
fn a_redirect_from_the_page_own_origin_is_cross_origin_from_the_hop_on() {
    let login = "http://login.example/authorize";
    // The sign-in page answers without CORS headers: blocked there, as Chromium's
    // "Access to fetch at '<login>' (redirected from '<own>')" says.
    let mut x = from_own_origin("GET", &[], 302, login);
    x.response = Some(resp(200, &[("Content-Type", "text/html")]));
    let v = verdict(&x);
    assert!(v.blocked, "{:?}", v.checks);
    assert_eq!(v.cors_error, Some(CorsError::MissingAllowOriginHeader));
    assert_eq!(v.failed, Some(Subject::Response));
    assert_eq!(v.preflight, PreflightOutcome::NotNeeded);
    assert_eq!(v.origin_sent.as_deref(), Some(PAGE));
    let d = determine(&x, &v);
    assert_eq!(d.cause.kind, CauseKind::Redirect);
    let report = explain(InputKind::Har, vec![x.clone()], &Options::default());
    assert_eq!(report.findings.len(), 1, "not left out as same-origin");
    let f = &report.findings[0];
    let console = f.browser.console.as_deref().unwrap_or_default();
    assert!(
        console.contains(&format!("at '{login}' (redirected from '{PAGE}/api/me')")),
        "{console}"
    );
    // The fix: a 401 from the page's own API, which needs no CORS headers.
    let generic = f.fixes.iter().find(|f| f.target == "generic").expect("fix");
    assert!(generic.text.contains("401"), "{}", generic.text);
    assert!(
        !generic.text.contains("Access-Control-Allow-Origin"),
        "{}",
        generic.text
    );

    // The target allows the page's origin: the page reads it.
    x.response = Some(resp(200, &[("Access-Control-Allow-Origin", PAGE)]));
    let v = verdict(&x);
    assert!(!v.blocked, "{:?}", v.checks);

    // A POST with JSON kept by a 307 needs a preflight at the new origin only.
    let mut x = from_own_origin("POST", JSON, 307, B);
    x.request.body = whycors::exchange::BodyKind::Json;
    x.response = ok_final(PAGE);
    let v = verdict(&x);
    assert_eq!(v.preflight, PreflightOutcome::NotNeeded);
    assert_eq!(v.redirect_preflights.len(), 1, "{:?}", v.checks);
    assert_eq!(v.redirect_preflights[0].url, B);
    assert_eq!(v.redirect_preflights[0].origin.as_deref(), Some(PAGE));

    // Redirects that stay on the page's origin are same-origin throughout: left out.
    let mut x = from_own_origin("GET", &[], 302, &format!("{PAGE}/login"));
    x.response = Some(resp(200, &[]));
    let report = explain(InputKind::Har, vec![x], &Options::default());
    assert_eq!(report.findings.len(), 0);
    assert_eq!(report.same_origin_skipped, 1);
}

#[test]
fn chrome_message_for_a_redirect_from_the_page_own_origin_is_explained() {
    // Chrome names the sign-in URL and, in "(redirected from …)", the page's own URL.
    let msg = "Access to fetch at 'https://login.example.net/authorize?client_id=x' (redirected from 'https://app.example.com/api/me') from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let report = whycors::diagnose(msg, &Options::default()).expect("reads");
    assert_eq!(report.same_origin_skipped, 0);
    let f = report.findings.first().expect("one finding, not left out");
    assert!(f.browser.blocked);
    assert_eq!(f.cause.kind, CauseKind::Redirect);
    assert!(f.summary.contains("its own origin"), "{}", f.summary);
    let generic = f.fixes.iter().find(|x| x.target == "generic").expect("fix");
    assert!(
        generic.text.contains("https://login.example.net/authorize"),
        "{}",
        generic.text
    );
    assert!(
        !generic.text.contains("Access-Control-Allow-Origin"),
        "{}",
        generic.text
    );
}

#[test]
fn chrome_message_for_the_new_preflight_at_a_redirect_target_is_explained() {
    // Chrome names the target and "(redirected from …)" for the preflight it sent there.
    for (from, own) in [
        ("https://app.example.com/api/items", true),
        ("https://api.example.com/v1/items", false),
    ] {
        let msg = format!("Access to fetch at 'https://login.example.net/authorize' (redirected from '{from}') from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
        let report = whycors::diagnose(&msg, &Options::default()).expect("reads");
        let f = report.findings.first().expect("one finding");
        assert_eq!(f.cause.kind, CauseKind::Redirect, "{from}");
        assert_eq!(f.cause.stage, Some(Stage::Preflight), "{from}");
        assert!(f.summary.contains("new preflight"), "{}", f.summary);
        // Chrome's line, written back word for word.
        assert_eq!(f.browser.console.as_deref(), Some(msg.as_str()), "{from}");
        let first = f.fixes.first().expect("fixes");
        if own {
            assert!(first.title.contains("401"), "{}", first.title);
            // No `Origin: null` there: the call left the page's own origin untainted.
            assert!(
                f.fixes.iter().all(|x| !x.text.contains("Origin: null")),
                "{:?}",
                f.fixes
            );
        } else {
            // A sign-in page is no URL to call directly: the call lacked its session.
            assert_eq!(first.target, "sign-in", "{:?}", f.fixes);
            assert!(first.text.contains("HTTP/1.1 401"), "{}", first.text);
            assert!(
                f.fixes
                    .iter()
                    .all(|x| !x.text.contains("authorize directly")),
                "{:?}",
                f.fixes
            );
        }
    }
}

#[test]
fn no_null_warning_when_the_target_allows_it() {
    // A simple GET redirected from A to another origin that answers `*`: allowed, and
    // the "must allow `null`" warning would be moot.
    let mut x = redirected("GET", &[], 302, EDGE);
    x.preflight = PreflightCapture::NotInInput;
    x.response = Some(resp(200, &[("Access-Control-Allow-Origin", "*")]));
    let v = verdict(&x);
    assert!(!v.blocked, "{:?}", v.checks);
    assert_eq!(v.origin_sent.as_deref(), Some("null"));
    assert!(
        v.warnings.iter().all(|w| !w.contains("must allow")),
        "{:?}",
        v.warnings
    );
    // A target that does not allow it still fails, on `null`.
    x.response = Some(resp(200, &[("Access-Control-Allow-Origin", PAGE)]));
    assert!(verdict(&x).blocked);
}

/// Chrome's message when the page's own API redirected the call to a sign-in endpoint on
/// another origin and the new preflight there was redirected again (Spring Security's
/// OAuth2 login, from a real report): cause `redirect`, the line written back at the
/// target with its "(redirected from …)", and the 401 fix first — not "do not redirect the
/// preflight", which blamed the page's own URL.
#[test]
fn a_redirected_preflight_after_the_pages_own_api_redirected_the_call() {
    let text = "Access to XMLHttpRequest at 'http://192.168.3.99:8001/oauth2/authorization/demo' (redirected from 'http://192.168.3.99:9080/auth/user-info') from origin 'http://192.168.3.99:9080' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.";
    let r = whycors::diagnose(text, &Options::default()).expect("reads");
    let f = &r.findings[0];
    assert_eq!(f.cause.kind, CauseKind::Redirect);
    assert_eq!(f.browser.console.as_deref(), Some(text));
    assert!(f.summary.contains("itself redirected"), "{}", f.summary);
    assert!(
        f.fixes[0].title.contains("401"),
        "{:?}",
        f.fixes.iter().map(|x| &x.title).collect::<Vec<_>>()
    );
}
