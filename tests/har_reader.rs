//! The HAR reader against hand-written exports in the shapes Chrome, Firefox and
//! Safari write (tests/data/har/).

use whycors::exchange::{
    BodyKind, Credentials, Exchange, Header, HeaderList, InputKind, Known, PreflightCapture,
    Response,
};
use whycors::input::{self, har};

fn load(name: &str) -> Vec<Exchange> {
    let path = format!("{}/tests/data/har/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // Auto-detection must pick the HAR reader and give the same result.
    let parsed = input::read(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(parsed.kind, InputKind::Har);
    let direct = har::read(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(parsed.exchanges, direct);
    direct
}

fn hl(pairs: &[(&str, &str)]) -> HeaderList {
    pairs.iter().copied().collect()
}

fn names(h: &HeaderList) -> Vec<&str> {
    h.iter().map(|h| h.name.as_str()).collect()
}

#[test]
fn chrome_preflight_and_blocked_fetch() {
    let ex = load("chrome_preflight_blocked.har");
    let locs: Vec<&str> = ex.iter().map(|e| e.location.as_str()).collect();
    // The document (0) and the image (3) are not CORS candidates; the preflight (2)
    // belongs to entry 1; the preflight at 5 never got its DELETE sent.
    assert_eq!(locs, ["log.entries[1]", "log.entries[4]", "log.entries[5]"]);

    let put = &ex[0];
    assert_eq!(put.source, InputKind::Har);
    assert_eq!(put.request.method, "PUT");
    assert_eq!(put.request.url, "https://api.example.com/items/1");
    assert_eq!(
        put.request.headers,
        hl(&[
            ("content-type", "application/json"),
            ("x-api-key", "k-12345")
        ])
    );
    assert_eq!(put.request.credentials, Credentials::SameOrigin);
    assert_eq!(put.request.credentials_known, Known::Unknown);
    assert_eq!(put.request.body, BodyKind::Json);
    // No Origin on the never-sent request: the preflight's Origin names the page.
    assert_eq!(put.page_origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(put.response, None);
    assert_eq!(put.network_error.as_deref(), Some("net::ERR_FAILED"));
    assert!(put.redirects.is_empty());
    assert_eq!(put.replay, None);
    assert_eq!(put.observed, None);
    let pf = put.captured_preflight().expect("preflight paired");
    assert_eq!(pf.url, "https://api.example.com/items/1");
    assert_eq!(
        pf.request_headers,
        hl(&[
            ("accept", "*/*"),
            ("access-control-request-headers", "content-type,x-api-key"),
            ("access-control-request-method", "PUT"),
            ("origin", "https://app.example.com"),
            ("sec-fetch-mode", "cors"),
            (
                "user-agent",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
            ),
        ])
    );
    assert_eq!(pf.error, None);
    let pr = pf.response.as_ref().expect("preflight response");
    assert_eq!(pr.status, 403);
    assert_eq!(pr.status_text, "");
    assert_eq!(pr.http_version.as_deref(), Some("http/2.0"));
    assert_eq!(pr.body, None);
    assert_eq!(
        names(&pr.headers),
        [
            "content-length",
            "content-type",
            "date",
            "x-amz-apigw-id",
            "x-amzn-errortype",
            "x-amzn-requestid"
        ]
    );
    assert_eq!(
        pr.headers.get("x-amzn-ErrorType").as_deref(),
        Some("MissingAuthenticationTokenException")
    );

    let health = &ex[1];
    assert_eq!(health.request.method, "GET");
    assert_eq!(health.request.url, "https://api.example.com/health");
    // accept */*, accept-encoding, accept-language (no preflight lists it),
    // origin, priority, sec-*, pseudo-headers: all the browser's.
    assert_eq!(health.request.headers, HeaderList::new());
    assert_eq!(
        health.page_origin.as_deref(),
        Some("https://app.example.com")
    );
    assert_eq!(health.preflight, PreflightCapture::Absent);
    assert_eq!(health.network_error, None);
    assert_eq!(
        health.response,
        Some(Response {
            status: 200,
            status_text: String::new(),
            http_version: Some("http/2.0".into()),
            headers: hl(&[
                ("access-control-allow-origin", "https://app.example.com"),
                ("content-type", "application/json"),
                ("vary", "Origin"),
            ]),
            body: Some("{\"status\":\"ok\"}".into()),
        })
    );

    let unsent = &ex[2];
    assert_eq!(unsent.request.method, "DELETE");
    assert_eq!(unsent.request.url, "https://api.example.com/items/2");
    assert_eq!(
        unsent.request.headers,
        hl(&[("authorization", ""), ("x-trace-id", "")])
    );
    assert_eq!(unsent.request.body, BodyKind::None);
    assert_eq!(
        unsent.page_origin.as_deref(),
        Some("https://app.example.com")
    );
    assert_eq!(unsent.response, None);
    // The HAR only lacks the DELETE: not a network error of its own (chrome-har drops
    // failed requests, a recording can stop early); the verdict judges the preflight.
    assert_eq!(unsent.network_error, None);
    let pf = unsent.captured_preflight().expect("its own preflight");
    let pr = pf.response.as_ref().expect("preflight response");
    assert_eq!(pr.status, 401);
    assert_eq!(pr.body, None, "preflight responses carry no body");
    assert_eq!(pf.error, None);
    let v = whycors::verdict::evaluate(unsent, &Default::default());
    assert!(
        v.blocked,
        "the 401 preflight fails by itself: {:?}",
        v.checks
    );
}

#[test]
fn chrome_cors_blocked_429_from_api_gateway() {
    let ex = load("chrome_apigw_429.har");
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.location, "log.entries[0]");
    assert_eq!(e.request.method, "GET");
    assert_eq!(
        e.request.url,
        "https://k3x9q2m1ab.execute-api.eu-west-1.amazonaws.com/prod/orders?page=2"
    );
    // Kept: a non-default Accept, Authorization, X-Requested-With. Dropped: the
    // pseudo-headers, Disable-cache no-cache pair, Cookie, Sec-*, Accept-Language …
    assert_eq!(
        e.request.headers,
        hl(&[
            ("accept", "application/json, text/plain, */*"),
            (
                "authorization",
                "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"
            ),
            ("x-requested-with", "XMLHttpRequest"),
        ])
    );
    assert_eq!(e.request.credentials, Credentials::Include);
    assert_eq!(e.request.credentials_known, Known::Inferred);
    assert_eq!(e.request.body, BodyKind::None);
    assert_eq!(e.page_origin.as_deref(), Some("https://shop.example.com"));
    assert_eq!(e.preflight, PreflightCapture::Absent);
    assert_eq!(e.network_error.as_deref(), Some("net::ERR_FAILED"));
    let r = e
        .response
        .as_ref()
        .expect("the blocked response's headers are kept");
    assert_eq!(r.status, 429);
    assert_eq!(r.body, None);
    assert_eq!(r.headers.len(), 6);
    assert_eq!(
        r.headers.get("x-amzn-errortype").as_deref(),
        Some("TooManyRequestsException")
    );
    assert_eq!(
        r.headers.first("x-amz-apigw-id"),
        Some(&Header {
            name: "x-amz-apigw-id".into(),
            value: "Yb4QmGx9DoEFtEw=".into()
        })
    );
}

#[test]
fn chrome_cached_preflight_is_absent() {
    let ex = load("chrome_cached_preflight.har");
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    // `_resourceType` compares case-insensitively.
    assert_eq!(e.request.method, "PATCH");
    assert_eq!(e.request.url, "http://localhost:8080/api/settings");
    assert_eq!(
        e.request.headers,
        hl(&[
            ("Content-Type", "application/json; charset=utf-8"),
            ("X-CSRF-Token", "t0k3n"),
        ])
    );
    assert_eq!(e.request.body, BodyKind::Json);
    assert_eq!(e.request.credentials, Credentials::SameOrigin);
    // No Origin, no Referer, no initiator URL: the page's URL gives the origin.
    assert_eq!(e.page_origin.as_deref(), Some("http://localhost:5173"));
    assert_eq!(e.preflight, PreflightCapture::Absent);
    let r = e.response.as_ref().expect("response");
    assert_eq!(r.status, 200);
    assert_eq!(r.status_text, "OK");
    assert_eq!(r.http_version.as_deref(), Some("HTTP/1.1"));
    assert_eq!(
        r.body.as_deref(),
        Some("{\"ok\":true}"),
        "base64 body decoded"
    );
    assert_eq!(e.network_error, None);
}

#[test]
fn chrome_redirect_chain_and_redirected_preflight() {
    let ex = load("chrome_redirects.har");
    let locs: Vec<&str> = ex.iter().map(|e| e.location.as_str()).collect();
    assert_eq!(locs, ["log.entries[0]", "log.entries[4]"]);

    let me = &ex[0];
    assert_eq!(me.request.url, "https://api.example.com/v1/me");
    assert_eq!(me.request.headers, hl(&[("accept", "application/json")]));
    assert_eq!(
        me.page_origin.as_deref(),
        Some("https://portal.example.com")
    );
    assert_eq!(me.preflight, PreflightCapture::Absent);
    assert_eq!(me.redirects.len(), 2);
    assert_eq!(me.redirects[0].url, "https://api.example.com/v1/me");
    assert_eq!(me.redirects[0].response.status, 302);
    assert_eq!(
        me.redirects[0].response.location().as_deref(),
        Some("/login?next=%2Fv1%2Fme")
    );
    assert_eq!(
        me.redirects[1].url,
        "https://api.example.com/login?next=%2Fv1%2Fme"
    );
    assert_eq!(me.redirects[1].response.status, 301);
    let fin = me.response.as_ref().expect("final hop");
    assert_eq!(fin.status, 200);
    assert_eq!(fin.headers.get("server").as_deref(), Some("nginx"));
    assert_eq!(me.network_error.as_deref(), Some("net::ERR_FAILED"));
    assert_eq!(me.final_url(), "https://auth.example.net/login");

    let post = &ex[1];
    assert_eq!(post.request.method, "POST");
    assert_eq!(post.request.url, "http://api.example.com/v2/data");
    assert_eq!(
        post.request.headers,
        hl(&[("content-type", "application/json")])
    );
    assert_eq!(post.response, None);
    assert_eq!(post.network_error.as_deref(), Some("net::ERR_FAILED"));
    assert!(post.redirects.is_empty());
    assert_eq!(
        post.page_origin.as_deref(),
        Some("https://portal.example.com")
    );
    // The preflight started 2 ms after its POST: still paired; its 307 stays its own.
    let pf = post.captured_preflight().expect("paired preflight");
    assert_eq!(pf.error.as_deref(), Some("net::ERR_INVALID_REDIRECT"));
    let pr = pf.response.as_ref().expect("preflight response");
    assert_eq!(pr.status, 307);
    assert_eq!(pr.status_text, "Temporary Redirect");
    assert_eq!(
        pr.location().as_deref(),
        Some("https://api.example.com/v2/data")
    );
}

#[test]
fn firefox_export() {
    let ex = load("firefox.har");
    assert_eq!(ex.len(), 1, "the image without Origin is dropped");
    let e = &ex[0];
    assert_eq!(e.location, "log.entries[1]");
    assert_eq!(e.request.method, "POST");
    assert_eq!(e.request.url, "https://api.example.org/cart/items");
    // Accept-Language is not in Access-Control-Request-Headers: the browser's.
    assert_eq!(
        e.request.headers,
        hl(&[
            ("Content-Type", "application/json"),
            ("X-Requested-With", "fetch")
        ])
    );
    assert_eq!(e.request.body, BodyKind::Json);
    assert_eq!(e.page_origin.as_deref(), Some("https://shop.example.org"));
    let pf = e.captured_preflight().expect("paired preflight");
    assert_eq!(pf.url, "https://api.example.org/cart/items");
    assert_eq!(pf.request_headers.len(), 14);
    let pr = pf.response.as_ref().expect("preflight response");
    assert_eq!(pr.status, 204);
    assert_eq!(pr.status_text, "No Content");
    assert_eq!(pr.http_version.as_deref(), Some("HTTP/2"));
    assert_eq!(
        pr.headers.get("access-control-allow-headers").as_deref(),
        Some("Content-Type")
    );
    assert_eq!(pf.error, None);
    let r = e.response.as_ref().expect("response");
    assert_eq!(r.status, 201);
    assert_eq!(r.body.as_deref(), Some("{\"id\":\"c-7\"}"));
    assert!(!r.headers.contains("access-control-allow-origin"));
    assert_eq!(e.network_error, None);
}

#[test]
fn safari_export() {
    let ex = load("safari.har");
    assert_eq!(ex.len(), 1, "the stylesheet is dropped");
    let e = &ex[0];
    assert_eq!(e.location, "log.entries[0]");
    assert_eq!(e.request.method, "DELETE");
    assert_eq!(
        e.request.headers,
        hl(&[
            ("Accept", "application/json"),
            ("Authorization", "Token abc.def")
        ])
    );
    assert_eq!(e.request.credentials, Credentials::SameOrigin);
    assert_eq!(e.request.credentials_known, Known::Unknown);
    assert_eq!(
        e.page_origin.as_deref(),
        Some("https://analytics.example.io")
    );
    assert_eq!(e.preflight, PreflightCapture::Absent);
    let r = e.response.as_ref().expect("response");
    assert_eq!(r.status, 403);
    assert_eq!(r.status_text, "Forbidden");
    assert_eq!(
        r.headers.get("cf-ray").as_deref(),
        Some("88a1b2c3d4e5f607-LHR")
    );
    assert_eq!(r.body.as_deref(), Some("{\"error\":\"forbidden\"}"));
    assert_eq!(e.network_error, None);
}

#[test]
fn whycors_replay() {
    let ex = load("replay.har");
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.request.method, "POST");
    assert_eq!(e.request.body, BodyKind::Text);
    assert_eq!(
        e.request.headers,
        hl(&[("content-type", "text/plain;charset=UTF-8")])
    );
    // Initiator given as a plain URL string.
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(e.response, None);
    assert_eq!(e.network_error.as_deref(), Some("net::ERR_FAILED"));
    let rp = e.replay.as_ref().expect("replay");
    let pre = rp.preflight.as_ref().expect("replayed preflight");
    assert_eq!(pre.status, 200);
    assert_eq!(
        pre.headers.get("access-control-allow-methods").as_deref(),
        Some("POST")
    );
    let resp = rp.response.as_ref().expect("replayed response");
    assert_eq!(resp.status, 429);
    assert_eq!(resp.status_text, "Too Many Requests");
    assert_eq!(
        resp.headers.get("x-amzn-errortype").as_deref(),
        Some("TooManyRequestsException")
    );
    assert_eq!(
        resp.body.as_deref(),
        Some("{\"message\":\"Too Many Requests\"}")
    );
}

/// A minimal entry: `extra` is spliced into the entry object.
fn entry(method: &str, url: &str, t: &str, req_headers: &str, resp: &str, extra: &str) -> String {
    format!(
        r#"{{"startedDateTime":"{t}","request":{{"method":"{method}","url":"{url}","headers":[{req_headers}]}},"response":{resp}{extra}}}"#
    )
}

fn har_of(entries: &[String]) -> Vec<Exchange> {
    let text = format!(r#"{{"log":{{"entries":[{}]}}}}"#, entries.join(","));
    har::read(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn preflights_pair_with_the_nearest_request_and_keep_listed_headers() {
    let u = "https://api.example.com/q";
    let pre = |t: &str, status: u16| {
        entry(
            "OPTIONS",
            u,
            t,
            r#"{"name":"Origin","value":"https://a.example"},{"name":"Access-Control-Request-Method","value":"POST"},{"name":"Access-Control-Request-Headers","value":"accept-language"}"#,
            &format!(
                r#"{{"status":"{status}","headers":[{{"name":"Access-Control-Allow-Origin","value":"https://a.example"}}]}}"#
            ),
            "",
        )
    };
    let post = |t: &str, tag: &str| {
        entry(
            "POST",
            u,
            t,
            &format!(
                r#"{{"name":"Accept-Language","value":"fr"}},{{"name":"X-Tag","value":"{tag}"}}"#
            ),
            r#"{"status":200,"headers":[]}"#,
            "",
        )
    };
    let ex = har_of(&[
        post("2024-01-01T00:00:00.000Z", "one"),
        post("2024-01-01T00:00:10.000Z", "two"),
        pre("2024-01-01T00:00:10.004Z", 204),
        pre("2024-01-01T00:00:00.003Z", 200),
    ]);
    assert_eq!(ex.len(), 2);
    for (i, e, tag, status) in [(0, &ex[0], "one", 200), (1, &ex[1], "two", 204)] {
        assert_eq!(
            e.request.headers,
            hl(&[("Accept-Language", "fr"), ("X-Tag", tag)]),
            "{tag}"
        );
        let pf = e.captured_preflight().expect("paired");
        // Which preflight: the one nearest in time (status given as a string).
        assert_eq!(
            pf.response.as_ref().map(|r| r.status),
            Some(status),
            "{tag}"
        );
        assert_eq!(e.location, format!("log.entries[{i}]"), "{tag}");
    }
}

#[test]
fn candidates_without_resource_type() {
    let ok = r#"{"status":200,"headers":[]}"#;
    let acao = r#"{"status":200,"headers":[{"name":"Access-Control-Allow-Origin","value":"*"}]}"#;
    let err = r#"{"status":0,"headers":[],"_error":"net::ERR_NAME_NOT_RESOLVED"}"#;
    let ex = har_of(&[
        entry("GET", "https://x.example/plain.png", "", "", ok, ""),
        entry("GET", "https://x.example/acao", "", "", acao, ""),
        entry(
            "GET",
            "https://x.example/err",
            "",
            r#"{"name":"Referer","value":"http://localhost:3000/"}"#,
            err,
            "",
        ),
        // A failure no page made (a proxy's capture of the browser's own update check: no
        // page, Referer or Sec-Fetch header): not a CORS candidate by its error alone.
        entry(
            "POST",
            "http://update.example/service/update2/json",
            "",
            r#"{"name":"Content-Type","value":"application/json"}"#,
            err,
            "",
        ),
        entry(
            "GET",
            "https://x.example/origin",
            "",
            r#"{"name":"Origin","value":"http://localhost:3000"}"#,
            ok,
            r#","_initiator":{"type":"script","url":"https://cdn.example/x.js"}"#,
        ),
        entry(
            "GET",
            "https://x.example/script",
            "",
            "",
            acao,
            r#","_resourceType":"script","_initiator":{"url":"https://b.example/"}"#,
        ),
    ]);
    let locs: Vec<&str> = ex.iter().map(|e| e.location.as_str()).collect();
    assert_eq!(locs, ["log.entries[1]", "log.entries[2]", "log.entries[4]"]);
    assert_eq!(ex[1].response, None);
    assert_eq!(
        ex[1].network_error.as_deref(),
        Some("net::ERR_NAME_NOT_RESOLVED")
    );
    assert_eq!(ex[2].page_origin.as_deref(), Some("http://localhost:3000"));
    assert_eq!(ex[0].page_origin, None);
}

#[test]
fn initiator_object_url_and_missing_optional_parts() {
    let ex = har_of(&[entry(
        "GET",
        "https://api.example/x",
        "not a date",
        r#"{"name":"Accept","value":"*/*"},{"name":":authority","value":"api.example"}"#,
        r#"{"status":503,"headers":[{"name":"Retry-After","value":"5"}],"content":null,"statusText":null,"httpVersion":null}"#,
        r#","_resourceType":"XHR","_initiator":{"type":"parser","url":"https://page.example:8443/index.html","lineNumber":3},"pageref":null,"cache":null,"timings":null"#,
    )]);
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.page_origin.as_deref(), Some("https://page.example:8443"));
    assert_eq!(e.request.headers, HeaderList::new());
    let r = e.response.as_ref().expect("response");
    assert_eq!(r.status, 503);
    assert_eq!(r.status_text, "");
    assert_eq!(r.http_version, None);
    assert_eq!(r.body, None);
}

/// A real Chromium DevTools HAR (recorded by the conformance test from the lab's
/// redirect modes): the POST passes its preflight, is redirected with 307, and
/// the browser sends a new preflight to the redirect target (with `Origin: null`
/// after the cross-origin hop); then a 303 that needs none.
#[test]
fn chrome_new_preflight_at_a_redirect_target() {
    let ex = load("chrome_redirect_preflight.har");
    // One exchange per fetch: the OPTIONS to each target belongs to its hop,
    // not to an exchange of its own.
    assert_eq!(
        ex.len(),
        3,
        "{:#?}",
        ex.iter().map(|e| &e.location).collect::<Vec<_>>()
    );
    for e in &ex {
        assert_eq!(e.request.method, "POST");
        assert!(e.captured_preflight().is_some(), "{}", e.location);
        assert_eq!(e.redirects.len(), 1, "{}", e.location);
    }

    let missing = &ex[0];
    let hop = &missing.redirects[0];
    assert_eq!(hop.response.status, 307);
    let pf = hop
        .preflight
        .captured()
        .expect("the target's preflight is paired");
    assert!(
        pf.url.ends_with("/mode/redirect-preflight-missing/v2"),
        "{}",
        pf.url
    );
    assert_eq!(pf.response.as_ref().map(|r| r.status), Some(405));
    assert_eq!(
        pf.request_headers
            .get("access-control-request-method")
            .as_deref(),
        Some("POST")
    );
    assert!(missing.response.is_none());
    assert_eq!(missing.network_error.as_deref(), Some("net::ERR_FAILED"));

    let null = &ex[1];
    let pf = null.redirects[0].preflight.captured().expect("paired");
    assert!(pf.url.starts_with("http://edge.localhost:"), "{}", pf.url);
    assert_eq!(pf.request_headers.get("origin").as_deref(), Some("null"));

    let see_other = &ex[2];
    assert_eq!(see_other.redirects[0].response.status, 303);
    assert_eq!(see_other.redirects[0].preflight, PreflightCapture::Absent);

    // What Chromium said for each (CDP corsErrorStatus in the same run).
    let page = ex[0].page_origin.clone().expect("page origin");
    let report = whycors::explain(InputKind::Har, ex, &Default::default());
    let got: Vec<(bool, Option<&str>, Option<&str>, &str)> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.browser.blocked,
                f.browser.cors_error.as_deref(),
                f.browser.failed_parameter.as_deref(),
                f.cause.kind.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                true,
                Some("PreflightMissingAllowOriginHeader"),
                Some(""),
                "redirect"
            ),
            (
                true,
                Some("PreflightAllowOriginMismatch"),
                Some(page.as_str()),
                "redirect"
            ),
            (false, None, None, "ok"),
        ]
    );
}

#[test]
fn what_made_the_request_is_kept_and_crossorigin_loads_are_candidates() {
    use whycors::browser_text::Initiator;
    let blocked = r#"{"status":200,"headers":[]}"#;
    let origin = r#"{"name":"Origin","value":"https://app.example"}"#;
    let ex = har_of(&[
        entry(
            "GET",
            "https://x.example/a",
            "",
            origin,
            blocked,
            r#","_resourceType":"xhr""#,
        ),
        entry(
            "GET",
            "https://x.example/b",
            "",
            origin,
            blocked,
            r#","_resourceType":"font""#,
        ),
        // crossorigin image and stylesheet: Origin sent, a CORS request.
        entry(
            "GET",
            "https://x.example/c",
            "",
            origin,
            blocked,
            r#","_resourceType":"image""#,
        ),
        entry(
            "GET",
            "https://x.example/d",
            "",
            origin,
            blocked,
            r#","_resourceType":"stylesheet""#,
        ),
        // A plain (no-cors) image and a navigation: no CORS check.
        entry(
            "GET",
            "https://x.example/e",
            "",
            "",
            blocked,
            r#","_resourceType":"image""#,
        ),
        entry(
            "POST",
            "https://x.example/f",
            "",
            origin,
            blocked,
            r#","_resourceType":"document""#,
        ),
    ]);
    let got: Vec<(&str, Option<Initiator>)> = ex
        .iter()
        .map(|e| (e.request.url.as_str(), e.request.initiator))
        .collect();
    assert_eq!(
        got,
        [
            ("https://x.example/a", Some(Initiator::Xhr)),
            ("https://x.example/b", Some(Initiator::Font)),
            ("https://x.example/c", Some(Initiator::Image)),
            ("https://x.example/d", Some(Initiator::Stylesheet)),
        ]
    );
    // Chromium words its console line after it.
    let report = whycors::explain(
        whycors::exchange::InputKind::Har,
        ex,
        &whycors::Options::default(),
    );
    let lines: Vec<String> = report
        .findings
        .iter()
        .map(|f| f.browser.console.clone().unwrap_or_default())
        .collect();
    for (line, word) in lines
        .iter()
        .zip(["XMLHttpRequest", "font", "image", "CSS stylesheet"])
    {
        assert!(
            line.starts_with(&format!("Access to {word} at 'https://x.example/")),
            "{line}"
        );
    }
}

fn entry_s(method: &str, url: &str, req: &str, status: i32, resp: &str, extra: &str) -> String {
    format!(
        r#"{{"startedDateTime":"2026-01-01T00:00:01.000Z","time":1,"request":{{"method":"{method}","url":"{url}","httpVersion":"HTTP/1.1","headers":[{req}],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0}},"response":{{"status":{status},"statusText":"","httpVersion":"HTTP/1.1","headers":[{resp}],"cookies":[],"content":{{"size":0,"mimeType":"x"}},"redirectURL":"","headersSize":-1,"bodySize":0{extra}}},"cache":{{}},"timings":{{"send":0,"wait":0,"receive":0}}}}"#
    )
}

fn har_text(entries: &[String]) -> String {
    format!(
        r#"{{"log":{{"version":"1.2","creator":{{"name":"t","version":"1"}},"entries":[{}]}}}}"#,
        entries.join(",")
    )
}

#[test]
fn playwright_failure_text_is_the_net_error() {
    // Playwright's recordHar: a blocked request is `status: -1` with `_failureText`.
    let har = har_text(&[entry_s(
        "GET",
        "http://api.example/x",
        r#"{"name":"Origin","value":"http://app.example"}"#,
        -1,
        "",
        r#","_failureText":"net::ERR_FAILED""#,
    )]);
    let report = whycors::diagnose(&har, &whycors::Options::default()).expect("reads");
    assert!(
        report.findings[0].browser.blocked,
        "{:?}",
        report.findings[0]
    );
}

#[test]
fn request_headers_written_twice_by_chrome_har_count_once() {
    // chrome-har writes each request header twice (the request and its extra info);
    // the preflight's Access-Control-Request-Method is still one method.
    let o = r#"{"name":"Origin","value":"http://app.example"}"#;
    let acrm = r#"{"name":"Access-Control-Request-Method","value":"PUT"}"#;
    let pre_req = format!("{o},{acrm},{o},{acrm}");
    let pre_resp = r#"{"name":"Access-Control-Allow-Origin","value":"http://app.example"},{"name":"Access-Control-Allow-Methods","value":"GET, PUT"}"#;
    let har = har_text(&[
        entry_s(
            "OPTIONS",
            "http://api.example/x",
            &pre_req,
            204,
            pre_resp,
            "",
        ),
        entry_s(
            "PUT",
            "http://api.example/x",
            &format!("{o},{o}"),
            200,
            r#"{"name":"Access-Control-Allow-Origin","value":"http://app.example"}"#,
            "",
        ),
    ]);
    let report = whycors::diagnose(&har, &whycors::Options::default()).expect("reads");
    let f = &report.findings[0];
    assert!(!f.browser.blocked, "{:?}", f.checks);
    // Repeated response headers are kept: two Access-Control-Allow-Origin are an error.
    let twice = r#"{"name":"Access-Control-Allow-Origin","value":"http://app.example"},{"name":"Access-Control-Allow-Origin","value":"http://app.example"}"#;
    let har = har_text(&[entry_s("GET", "http://api.example/y", o, 200, twice, "")]);
    let report = whycors::diagnose(&har, &whycors::Options::default()).expect("reads");
    assert_eq!(
        report.findings[0].browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
}

#[test]
fn a_chrome_har_capture_of_the_lab_agrees_with_chromium() {
    // Recorded with chrome-har 1.3.1 (puppeteer-har, browsertime) against `whycors lab`, with
    // Chromium's own verdicts over CDP beside it (`*.chromium.json`, keyed by request URL).
    // chrome-har writes every request header twice and leaves failed requests out.
    let dir = format!("{}/tests/data/har", env!("CARGO_MANIFEST_DIR"));
    let har = std::fs::read_to_string(format!("{dir}/chrome-har-lab.har")).expect("fixture");
    let said: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/chrome-har-lab.chromium.json")).expect("fixture"),
    )
    .expect("json");
    let chromium: std::collections::HashMap<&str, Option<&str>> = said["verdicts"]
        .as_array()
        .expect("verdicts")
        .iter()
        .map(|v| {
            (
                v["url"].as_str().unwrap_or_default(),
                v["corsErrorStatus"]["corsError"].as_str(),
            )
        })
        .collect();
    let report = whycors::diagnose(&har, &whycors::Options::default()).expect("reads");
    assert!(report.findings.len() >= 19, "{}", report.findings.len());
    let mut agreed = 0;
    for f in &report.findings {
        let url = f.request.url.as_str();
        let param = f.browser.failed_parameter.clone().unwrap_or_default();
        assert!(
            !param.contains(", "),
            "{url}: a repeated header read as a list: {param}"
        );
        // Chromium blocked it: whycors names the same error, or (the request is not in the
        // file) says it cannot tell; never that the page reads the response.
        if let Some(Some(err)) = chromium.get(url) {
            if f.browser.blocked {
                assert_eq!(f.browser.cors_error.as_deref(), Some(*err), "{url}");
                agreed += 1;
            } else {
                assert_ne!(f.cause.kind, whycors::cause::CauseKind::Ok, "{url}");
            }
        }
    }
    assert!(agreed >= 4, "{agreed}");
    // The requests chrome-har kept and Chromium let through are allowed.
    for path in [
        "/mode/control",
        "/mode/no-vary",
        "/mode/authorization-wildcard",
    ] {
        let f = report
            .findings
            .iter()
            .find(|f| f.request.url.ends_with(path))
            .expect(path);
        assert!(!f.browser.blocked, "{path}: {:?}", f.checks);
    }
}

/// A `mode: 'no-cors'` fetch as DevTools exports it (Chromium 156, on `whycors lab`): its
/// status, no response headers, `net::ERR_ABORTED` for the opaque body Chromium dropped. The
/// page got `type: "opaque"`, no error: not blocked, and not a network error either.
#[test]
fn a_no_cors_fetch_is_an_opaque_response_not_a_failure() {
    let with_type = |e: String, t: &str| {
        let mut e = e;
        e.pop();
        format!(r#"{e},"_resourceType":"{t}"}}"#)
    };
    let referer = r#"{"name":"Referer","value":"http://app.example/"}"#;
    let aborted = r#","_error":"net::ERR_ABORTED""#;
    let har = har_text(&[with_type(
        entry_s("GET", "http://api.example/n", referer, 200, "", aborted),
        "fetch",
    )]);
    let report = whycors::diagnose(&har, &whycors::Options::default()).expect("reads");
    let f = &report.findings[0];
    assert!(!f.browser.blocked, "{f:?}");
    assert_eq!(f.browser.cors_error, None);
    assert_eq!(f.cause.kind.as_str(), "opaque_response");
    assert_eq!(f.cause.status, Some(200));
    assert!(f.summary.contains("mode: 'no-cors'"), "{}", f.summary);
    assert!(f.summary.contains("status 0"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "fetch-mode", "{:?}", f.fixes);
    assert!(
        f.fixes.len() > 1,
        "the API's CORS headers follow: {:?}",
        f.fixes
    );
    // The JSON report says it under its own cause name.
    let json = serde_json::to_value(&report).expect("serializes");
    assert_eq!(json["findings"][0]["cause"]["kind"], "opaque_response");

    // No status (cancelled before any response), an XHR (never no-cors), or a request
    // DevTools shows in mode 'cors': still the network error it was.
    for (status, t, req) in [
        (0, "fetch", referer.to_string()),
        (200, "xhr", referer.to_string()),
        (
            200,
            "fetch",
            format!(r#"{referer},{{"name":"Sec-Fetch-Mode","value":"cors"}}"#),
        ),
    ] {
        let har = har_text(&[with_type(
            entry_s("GET", "http://api.example/n", &req, status, "", aborted),
            t,
        )]);
        let report = whycors::diagnose(&har, &whycors::Options::default()).expect("reads");
        let f = &report.findings[0];
        assert_eq!(f.cause.kind.as_str(), "network_error", "{status} {t} {req}");
    }
}

/// An `<img>` loads a URL without CORS; its response (cacheable, no `Vary: Origin`, no
/// Access-Control-Allow-Origin) is stored; a fetch of the same URL then fails with no
/// response of its own in the HAR (Chromium 156 on `whycors lab`: MissingAllowOriginHeader,
/// served from the cache). whycors said "unknown": it now names the stored response.
#[test]
fn a_fetch_served_from_a_cached_no_cors_response_names_it() {
    let with_type = |e: String, t: &str| {
        let mut e = e;
        e.pop();
        format!(r#"{e},"_resourceType":"{t}"}}"#)
    };
    let referer = r#"{"name":"Referer","value":"http://app.example/"}"#;
    let img_req = format!(r#"{referer},{{"name":"Sec-Fetch-Mode","value":"no-cors"}}"#);
    let stored = |cache: &str| {
        format!(
            r#"{{"name":"Cache-Control","value":"{cache}"}},{{"name":"Content-Type","value":"image/gif"}}"#
        )
    };
    let failed = r#","_error":"net::ERR_FAILED""#;
    let har = |img_resp: String| {
        har_text(&[
            with_type(
                entry_s(
                    "GET",
                    "http://api.example/p.gif",
                    &img_req,
                    200,
                    &img_resp,
                    "",
                ),
                "image",
            ),
            with_type(
                entry_s("GET", "http://api.example/p.gif", referer, 0, "", failed),
                "fetch",
            ),
        ])
    };
    let report = whycors::diagnose(
        &har(stored("public, max-age=3600")),
        &whycors::Options::default(),
    )
    .expect("reads");
    assert_eq!(report.findings.len(), 1);
    let f = &report.findings[0];
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.cause.kind.as_str(), "response_missing_cors");
    assert!(f.summary.contains("HTTP cache"), "{}", f.summary);
    assert!(
        f.summary.contains("log.entries[0] (image)"),
        "{}",
        f.summary
    );
    assert!(
        f.evidence[0].starts_with("log.entries[0] (image)"),
        "{:?}",
        f.evidence
    );

    // Not when the stored response varies on Origin, cannot be stored, or already allows
    // the page: the fetch stays without a response, its cause unknown.
    for resp in [
        format!(
            r#"{},{{"name":"Vary","value":"Accept-Encoding, Origin"}}"#,
            stored("max-age=3600")
        ),
        stored("no-store"),
        format!(
            r#"{},{{"name":"Access-Control-Allow-Origin","value":"*"}}"#,
            stored("max-age=3600")
        ),
    ] {
        let report =
            whycors::diagnose(&har(resp.clone()), &whycors::Options::default()).expect("reads");
        let f = &report.findings[0];
        assert_eq!(f.cause.kind.as_str(), "unknown", "{resp}");
        assert!(!f.summary.contains("HTTP cache"), "{resp}: {}", f.summary);
    }
}
