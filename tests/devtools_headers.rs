//! DevTools' Headers view copied as text (not "Raw"), through `whycors::diagnose`.
//!
//! The six samples in tests/data/devtools/ were written for this test after the views'
//! own code (read, not copied), not captured from a browser here:
//! - Chromium devtools-frontend `front_end/panels/network/RequestHeadersView.ts` (the
//!   General rows "Request URL", "Request method", "Status code" with "(from disk cache)"
//!   comments, "Remote address", "Referrer policy"; section titles with a count and the
//!   "Raw" checkbox; no Request method / Status code rows when the request got no
//!   response), `components/HeaderSectionRow.ts` (name and value in two boxes: copied on
//!   two lines; names capitalised by CSS), `components/RequestHeaderSection.ts`
//!   ("Provisional headers are shown", "Learn more"), rows sorted by name. Older Chrome
//!   copied "Name: value" with "view source" links and a "Query String Parameters"
//!   section: chrome-general-colon-429.txt and chrome-old-query-params.txt follow the
//!   shape of such copies found in public pages.
//! - Firefox `devtools/client/netmonitor/src/components/request-details/HeadersPanel.js`
//!   (summary rows Request URL, Request Method, Remote Address, Status, Version,
//!   Transferred, Referrer Policy, …; "Response Headers (312 B)"; the status text sits in
//!   an input of its own).
//! - Safari's Web Inspector: Summary (URL, Status, Source, Address, Initiator), then
//!   Request and Response, each with its start line.
//!
//! The three `chromium-156-*.txt` files are real: Chromium 156's own DevTools front-end,
//! selected with the mouse and copied to the clipboard by tests/browser/devtools-copy.test.mjs
//! on `whycors lab` modes (the preflight's view, a blank line, the request's view). Chromium
//! leaves the section titles out of such a copy and puts each name and value on a line.

use whycors::exchange::{Credentials, InputKind, PreflightCapture};
use whycors::input::{detect, read};
use whycors::report::Report;
use whycors::{diagnose, Options};

mod common;
use common::only;

fn data(name: &str) -> String {
    let p = format!("{}/tests/data/devtools/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn report(text: &str) -> Report {
    let r = diagnose(text, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.input, "devtools_headers");
    r
}

#[test]
fn chrome_general_rows_with_colons_gateway_429() {
    let text = data("chrome-general-colon-429.txt");
    assert_eq!(detect(&text), Some(InputKind::DevtoolsHeaders));
    let parsed = read(&text).unwrap();
    let x = &parsed.exchanges[0];
    assert_eq!(x.request.method, "GET");
    assert_eq!(
        x.request.url,
        "https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/orders?page=2"
    );
    assert_eq!(x.page_origin.as_deref(), Some("https://shop.example.com"));
    let resp = x.response.as_ref().expect("the response section");
    assert_eq!(resp.status, 429);
    assert_eq!(resp.status_text, "Too Many Requests");
    // The request's headers are not the response's: the section titles say which.
    assert!(resp.headers.get("origin").is_none());
    assert!(resp.headers.get("x-amzn-errortype").is_some());
    // Author headers only: accept is the script's, the rest the browser's.
    let names: Vec<&str> = x.request.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["accept"]);

    let r = report(&text);
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    let cause = serde_json::to_value(&f.cause).unwrap();
    assert_eq!(cause["kind"], "gateway_error", "{cause:#}");
    assert_eq!(cause["status"], 429, "{cause:#}");
    assert_eq!(cause["gateway_response"], "THROTTLED", "{cause:#}");
    assert_eq!(f.location, "line 2");
}

#[test]
fn chrome_grid_two_line_rows_wildcard_with_cookie() {
    let text = data("chrome-grid-wildcard-credentials.txt");
    assert_eq!(detect(&text), Some(InputKind::DevtoolsHeaders));
    let x = read(&text).unwrap().exchanges.remove(0);
    assert_eq!(x.request.url, "https://api.partner.example.net/v2/profile");
    assert_eq!(x.request.credentials, Credentials::Include);
    let resp = x.response.as_ref().unwrap();
    assert_eq!((resp.status, resp.status_text.as_str()), (200, "OK"));
    assert_eq!(
        resp.headers.get("access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert_eq!(
        resp.headers.get("date").as_deref(),
        Some("Sat, 21 Nov 2026 10:01:09 GMT")
    );
    let f = only(&report(&text)).clone();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("WildcardOriginNotAllowed")
    );
}

#[test]
fn chrome_preflight_then_the_request_it_stopped() {
    let text = data("chrome-preflight-and-request.txt");
    let parsed = read(&text).unwrap();
    // One request: the second copy (no Request Method row: it got no response) is the PUT
    // the first copy's preflight asked for.
    assert_eq!(parsed.exchanges.len(), 1, "{:#?}", parsed.exchanges);
    let x = &parsed.exchanges[0];
    assert_eq!(x.request.method, "PUT");
    assert!(x.response.is_none());
    let PreflightCapture::Captured(p) = &x.preflight else {
        panic!("{:?}", x.preflight)
    };
    assert_eq!(p.response.as_ref().map(|r| r.status), Some(204));
    assert!(x.request.headers.get("authorization").is_some());
    let f = only(&report(&text)).clone();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MethodDisallowedByPreflightResponse")
    );
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("PUT"));
}

#[test]
fn firefox_tab_rows_status_apart_from_its_text() {
    let text = data("firefox-tabs-403.txt");
    assert_eq!(detect(&text), Some(InputKind::DevtoolsHeaders));
    let x = read(&text).unwrap().exchanges.remove(0);
    assert_eq!(x.request.method, "POST");
    assert_eq!(x.page_origin.as_deref(), Some("http://localhost:5173"));
    let resp = x.response.as_ref().unwrap();
    assert_eq!((resp.status, resp.status_text.as_str()), (403, "Forbidden"));
    assert_eq!(resp.http_version.as_deref(), Some("HTTP/2"));
    assert_eq!(resp.headers.get("server").as_deref(), Some("kong/3.9.0"));
    let names: Vec<&str> = x.request.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["Content-Type", "X-Api-Key"]);
    let f = only(&report(&text)).clone();
    let cause = serde_json::to_value(&f.cause).unwrap();
    assert_eq!(cause["kind"], "gateway_error", "{cause:#}");
    assert_eq!(cause["gateway"], "kong", "{cause:#}");
}

/// The Headers panel of a French Firefox copied as text: its section titles, "Raw" toggle and
/// Status/Version labels in French (Firefox 153 ESR's language pack), header names as sent.
#[test]
fn firefox_tab_rows_in_french() {
    let english = data("firefox-tabs-403.txt");
    let text: String = english
        .lines()
        .filter(|l| !l.starts_with("Request URL") && !l.starts_with("Request Method"))
        .map(|l| match l {
            "Status\t" => "État\t".to_string(),
            "Raw" => "Texte brut".to_string(),
            "Response Headers (312 B)" => "En-têtes de la réponse (312 o)".to_string(),
            "Request Headers (520 B)" => "En-têtes de la requête (520 o)".to_string(),
            l if l.starts_with("Version\t") => l.to_string(),
            l if l.starts_with("Remote Address\t") => l.replace("Remote Address", "Adresse"),
            l => l.to_string(),
        })
        .map(|l| l + "\n")
        .collect();
    assert!(text.contains("État\t\n403") && text.contains("En-têtes de la réponse"));
    assert_eq!(detect(&text), Some(InputKind::DevtoolsHeaders));
    let x = read(&text).unwrap().exchanges.remove(0);
    let resp = x.response.as_ref().unwrap();
    assert_eq!((resp.status, resp.status_text.as_str()), (403, "Forbidden"));
    assert_eq!(resp.http_version.as_deref(), Some("HTTP/2"));
    assert_eq!(resp.headers.get("server").as_deref(), Some("kong/3.9.0"));
    assert!(resp.headers.get("Origin").is_none());
    assert_eq!(x.page_origin.as_deref(), Some("http://localhost:5173"));
    let names: Vec<&str> = x.request.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["Content-Type", "X-Api-Key"]);
    let cause = serde_json::to_value(&only(&report(&text)).cause).unwrap();
    assert_eq!(cause["gateway"], "kong", "{cause:#}");
}

#[test]
fn safari_summary_request_and_response() {
    let text = data("safari-summary.txt");
    assert_eq!(detect(&text), Some(InputKind::DevtoolsHeaders));
    let x = read(&text).unwrap().exchanges.remove(0);
    // A lone preflight: the request it was for is POST.
    assert_eq!(x.request.method, "POST");
    assert_eq!(x.request.url, "https://api.example.com/v1/items");
    let f = only(&report(&text)).clone();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    let cause = serde_json::to_value(&f.cause).unwrap();
    assert_eq!(cause["kind"], "preflight_missing", "{cause:#}");
    assert_eq!(
        cause["gateway_response"], "MISSING_AUTHENTICATION_TOKEN",
        "{cause:#}"
    );
}

#[test]
fn old_chrome_query_parameters_are_not_headers() {
    let text = data("chrome-old-query-params.txt");
    let x = read(&text).unwrap().exchanges.remove(0);
    assert!(x.request.headers.get("q").is_none());
    assert!(x.request.headers.get("limit").is_none());
    let resp = x.response.as_ref().unwrap();
    assert!(resp.headers.get("q").is_none());
    assert_eq!(resp.headers.get("etag").as_deref(), Some("W/\"5a-1d2c\""));
    let f = only(&report(&text)).clone();
    assert_eq!(f.browser.cors_error.as_deref(), Some("AllowOriginMismatch"));
}

#[test]
fn rows_without_titles_split_at_the_first_request_header() {
    // General rows, then the response's headers, then the request's, no section titles.
    let text = "Request URL: https://api.example.com/a\nRequest Method: GET\nStatus Code: 200 OK\nvary: Origin\naccess-control-allow-origin: https://app.example.com\naccept: */*\norigin: https://app.example.com\n";
    let x = read(text).unwrap().exchanges.remove(0);
    let resp = x.response.as_ref().unwrap();
    assert_eq!(resp.headers.len(), 2, "{:?}", resp.headers);
    assert_eq!(x.page_origin.as_deref(), Some("https://app.example.com"));
    let f = only(&report(text)).clone();
    assert!(!f.browser.blocked, "{f:#?}");
}

#[test]
fn status_from_cache_comment_and_sentence_case_labels() {
    let text = "Request url\nhttps://api.example.com/a\nRequest method\nGET\nStatus code\n200 OK (from disk cache)\nResponse headers (1)\naccess-control-allow-origin\nhttps://other.example.com\nRequest headers (1)\norigin\nhttps://app.example.com\n";
    let x = read(text).unwrap().exchanges.remove(0);
    let resp = x.response.as_ref().unwrap();
    assert_eq!((resp.status, resp.status_text.as_str()), (200, "OK"));
    assert!(only(&report(text)).browser.blocked);
}

#[test]
fn bad_status_names_its_line() {
    let text = "General\nRequest URL: https://api.example.com/a\nStatus Code: 20x Fine\n";
    let e = read(text).unwrap_err();
    assert_eq!(e.kind, Some(InputKind::DevtoolsHeaders));
    assert_eq!(e.place.line, Some(3), "{e}");
    assert!(e.message.contains("status code"), "{e}");
}

#[test]
fn a_view_with_no_rows_is_an_error_not_a_guess() {
    let e = read("Response Headers\nRequest Headers\n").unwrap_err();
    assert_eq!(e.kind, Some(InputKind::DevtoolsHeaders));
    assert_eq!(e.place.line, Some(1), "{e}");
}

#[test]
fn plain_header_text_is_not_taken_for_the_view() {
    // Raw headers, curl output and a console line keep their own readers.
    let raw = "HTTP/1.1 200 OK\naccess-control-allow-origin: *\n";
    assert_eq!(detect(raw), Some(InputKind::HttpText));
    let curl = "> GET /a HTTP/1.1\n> Host: api.example.com\n>\n< HTTP/1.1 200 OK\n";
    assert_eq!(detect(curl), Some(InputKind::CurlVerbose));
    let console = "Access to fetch at 'https://api.example.com/a' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    assert_eq!(detect(console), Some(InputKind::ConsoleError));
}

/// Real copies: rows without titles, the response's headers then the request's (each sorted).
#[test]
fn chromium_156_copy_of_a_throttled_request() {
    let text = data("chromium-156-rest-throttled.txt");
    assert_eq!(detect(&text), Some(InputKind::DevtoolsHeaders));
    let parsed = read(&text).unwrap();
    assert_eq!(parsed.exchanges.len(), 1, "{:#?}", parsed.exchanges);
    let x = &parsed.exchanges[0];
    assert_eq!(x.request.method, "POST");
    let resp = x.response.as_ref().unwrap();
    assert_eq!(resp.status, 429);
    // The response's rows end where the request's sorted rows start again ("accept").
    assert!(resp.headers.get("x-amzn-errortype").is_some());
    assert!(resp.headers.get("accept").is_none());
    assert!(resp.headers.get("user-agent").is_none());
    let PreflightCapture::Captured(p) = &x.preflight else {
        panic!("{:?}", x.preflight)
    };
    let pr = p.response.as_ref().unwrap();
    assert_eq!(pr.status, 200);
    assert!(pr.headers.get("access-control-allow-origin").is_some());
    assert!(pr.headers.get("origin").is_none());
    let f = only(&report(&text)).clone();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    let cause = serde_json::to_value(&f.cause).unwrap();
    assert_eq!(cause["gateway_response"], "THROTTLED", "{cause:#}");
}

/// The request a failed preflight stopped: no Request method, no Status code, provisional
/// request headers only (the first of them, content-type, is not the response's).
#[test]
fn chromium_156_copy_of_a_request_stopped_by_its_preflight() {
    let text = data("chromium-156-rest-no-options.txt");
    let x = read(&text).unwrap().exchanges.remove(0);
    assert_eq!(x.request.method, "POST");
    assert!(x.response.is_none(), "{:?}", x.response);
    assert_eq!(
        x.request.headers.get("content-type").as_deref(),
        Some("application/json")
    );
    let f = only(&report(&text)).clone();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    let cause = serde_json::to_value(&f.cause).unwrap();
    assert_eq!(cause["kind"], "preflight_missing", "{cause:#}");
}

#[test]
fn chromium_156_copy_of_a_method_the_preflight_refuses() {
    let f = only(&report(&data("chromium-156-method-not-allowed.txt"))).clone();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MethodDisallowedByPreflightResponse")
    );
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("PUT"));
}

#[test]
fn sorted_rows_restarting_start_the_request_and_a_copy_may_miss_its_first_label() {
    // The copy's selection began after the "Request URL" label; the response's rows are
    // sorted, the request's (provisional: no Origin, no Accept) start again at "content-type".
    let text = "https://api.example.com/a\nRequest method\nPOST\nStatus code\n503 Service Unavailable\ncontent-length\n19\ncontent-type\ntext/plain\ndate\nSat, 21 Nov 2026 10:00:00 GMT\nx-amzn-requestid\nabc\ncontent-type\napplication/json\nx-trace\n1\n";
    assert_eq!(detect(text), Some(InputKind::DevtoolsHeaders));
    let x = read(text).unwrap().exchanges.remove(0);
    assert_eq!(x.request.url, "https://api.example.com/a");
    let resp = x.response.as_ref().unwrap();
    assert_eq!(resp.status, 503);
    assert_eq!(resp.headers.len(), 4, "{:?}", resp.headers);
    let names: Vec<&str> = x.request.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["content-type", "x-trace"]);
}

/// Firefox's "Copy All" in a Headers section (devtools/client/netmonitor: PropertiesView's
/// context menu, `JSON.stringify(object, null, "\t")` of `{title: HeaderList}`), the response's
/// section then the request's, pasted one after the other.
#[test]
fn firefox_copy_all_json() {
    let text = data("firefox-copy-all.txt");
    assert_eq!(detect(&text), Some(InputKind::DevtoolsHeaders));
    let x = read(&text).unwrap().exchanges.remove(0);
    // No URL path and no method in those sections: the host from Host, the method unknown.
    assert_eq!(
        x.request.url,
        "https://abc123defg.execute-api.eu-west-1.amazonaws.com/"
    );
    assert_eq!(x.request.method_known, whycors::exchange::Known::Unknown);
    assert_eq!(x.page_origin.as_deref(), Some("https://shop.example.com"));
    let resp = x.response.as_ref().unwrap();
    assert!(resp.headers.get("x-amzn-errortype").is_some());
    let f = only(&report(&text)).clone();
    assert_eq!(f.request.method_basis, "assumed");
    let cause = serde_json::to_value(&f.cause).unwrap();
    assert_eq!(cause["gateway_response"], "THROTTLED", "{cause:#}");
}

/// The same "Copy All" from Firefox in other languages: the sections are keyed by titles in the
/// browser's language (Firefox 153 ESR's language packs: `responseHeaders`, `requestHeaders`),
/// the size written the language's way; the finding is the English copy's.
#[test]
fn firefox_copy_all_json_in_other_languages() {
    let english = data("firefox-copy-all.txt");
    let want = serde_json::to_value(only(&report(&english))).unwrap();
    for (lang, response, request) in [
        (
            "de",
            "Antwortkopfzeilen (341 B)",
            "Anfragekopfzeilen (612 B)",
        ),
        (
            "fr",
            "En-têtes de la réponse (341 o)",
            "En-têtes de la requête (612 o)",
        ),
        ("ja", "応答ヘッダー (341 B)", "要求ヘッダー (612 B)"),
        ("zh-CN", "响应头 (341 字节)", "请求头 (612 字节)"),
        (
            "ru",
            "Заголовки ответа (341 Б)",
            "Заголовки запроса (612 Б)",
        ),
        (
            "tr",
            "Yanıt üst bilgisi (341 B)",
            "İstek üst bilgileri (612 B)",
        ),
    ] {
        let text = english
            .replace("Response Headers (341 B)", response)
            .replace("Request Headers (612 B)", request);
        assert_ne!(text, english);
        assert_eq!(detect(&text), Some(InputKind::DevtoolsHeaders), "{lang}");
        let got = serde_json::to_value(only(&report(&text))).unwrap();
        assert_eq!(got, want, "{lang}");
    }
    // "Request Headers From Upload Stream" (German) is skipped, not read as the request's.
    let upload = "{\"Anfragekopfzeilen von abgehender Verbindung (20 B)\": {\"headers\": [{\"name\": \"Origin\", \"value\": \"https://x.example\"}]}}\n";
    assert_eq!(detect(upload), Some(InputKind::DevtoolsHeaders));
    // An object keyed by something else is not a Headers copy.
    assert_eq!(detect("{\"Antwort\": {}}"), Some(InputKind::Har));
}

#[test]
fn firefox_copy_all_raw_and_its_errors() {
    let raw = "{\n\t\"Response Headers (341 B)\": {\n\t\t\"RAW_HEADERS_ID\": \"HTTP/2 429 \\r\\ncontent-type: application/json\\r\\nx-amzn-errortype: TooManyRequestsException\"\n\t}\n}\n";
    let x = read(raw).unwrap().exchanges.remove(0);
    let resp = x.response.as_ref().unwrap();
    assert_eq!(resp.status, 429);
    assert_eq!(resp.http_version.as_deref(), Some("HTTP/2"));
    assert_eq!(
        resp.headers.get("content-type").as_deref(),
        Some("application/json")
    );
    // Broken JSON: the place is named.
    let e = read("{\n\t\"Response Headers (1 B)\": {\n\t\t\"headers\": [\n\t\t\t{\"name\": \"a\" \"value\": \"b\"}\n").unwrap_err();
    assert_eq!(e.kind, Some(InputKind::DevtoolsHeaders));
    assert_eq!(e.place.line, Some(4), "{e}");
    assert!(e.place.column.is_some(), "{e}");
    // A header that is not {name, value}: its field is named.
    let e =
        read("{\"Request Headers (1 B)\": {\"headers\": [{\"name\": \"Origin\"}]}}").unwrap_err();
    assert_eq!(
        e.place.field.as_deref(),
        Some("Request Headers (1 B).headers[0]"),
        "{e}"
    );
    // A HAR is still a HAR.
    assert_eq!(detect("{\"log\": {\"entries\": []}}"), Some(InputKind::Har));
}

/// A real copy of four views: the preflight, the POST answered 307, the preflight Chromium
/// sent to the Location (405, no CORS headers) and the POST it then never sent. One request
/// with one hop; the hop carries its preflight; there is no final response.
#[test]
fn chromium_156_copy_of_a_redirect_whose_new_preflight_fails() {
    let text = data("chromium-156-redirect-preflight-missing.txt");
    let parsed = read(&text).unwrap();
    assert_eq!(parsed.exchanges.len(), 1, "{:#?}", parsed.exchanges);
    let x = &parsed.exchanges[0];
    assert_eq!(x.request.method, "POST");
    assert_eq!(x.redirects.len(), 1, "{:#?}", x.redirects);
    assert_eq!(x.redirects[0].response.status, 307);
    let PreflightCapture::Captured(p) = &x.redirects[0].preflight else {
        panic!("{:?}", x.redirects[0].preflight)
    };
    assert!(
        p.url.ends_with("/mode/redirect-preflight-missing/v2"),
        "{}",
        p.url
    );
    assert_eq!(p.response.as_ref().map(|r| r.status), Some(405));
    assert!(x.response.is_none(), "{:?}", x.response);
    let f = only(&report(&text)).clone();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    let cause = serde_json::to_value(&f.cause).unwrap();
    assert_eq!(cause["kind"], "redirect", "{cause:#}");
}

/// The same four real views in the other order DevTools logs them in (a request before its
/// preflight): still one request, its preflight its own, the hop's the hop's.
#[test]
fn chromium_156_views_with_the_request_logged_before_its_preflight() {
    let text = data("chromium-156-redirect-preflight-missing.txt");
    let views: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(views.len(), 4, "four views");
    assert!(views[0].contains("\nOPTIONS\n") && views[1].contains("\nPOST\n"));
    let swapped = [views[1], views[0], views[2], views[3]].join("\n\n");
    let parsed = read(&swapped).unwrap();
    assert_eq!(parsed.exchanges.len(), 1, "{:#?}", parsed.exchanges);
    let x = &parsed.exchanges[0];
    assert!(matches!(x.preflight, PreflightCapture::Captured(_)));
    assert!(matches!(
        x.redirects[0].preflight,
        PreflightCapture::Captured(_)
    ));
    let f = only(&report(&swapped)).clone();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
}

/// Real copies with the sections' "Raw" boxes ticked: the raw status line and "Name: value"
/// headers inside the view, the next view's General rows right after them.
#[test]
fn chromium_156_raw_views() {
    let text = data("chromium-156-rest-throttled-raw.txt");
    // Raw text keeps the CRLF line ends it came with.
    assert!(text.contains("\nHTTP/1.1 429 Too Many Requests\r\n"));
    let x = read(&text).unwrap().exchanges.remove(0);
    assert_eq!(x.request.method, "POST");
    let resp = x.response.as_ref().unwrap();
    assert_eq!(resp.status, 429);
    assert_eq!(resp.http_version.as_deref(), Some("HTTP/1.1"));
    assert!(resp.headers.get("x-amzn-ErrorType").is_some());
    assert!(matches!(x.preflight, PreflightCapture::Captured(_)));
    let f = only(&report(&data("chromium-156-method-not-allowed-raw.txt"))).clone();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MethodDisallowedByPreflightResponse")
    );
    assert_eq!(f.request.method, "PUT");
}

/// Only the view of the request a failed preflight stopped (what users copy when they click
/// the red row): the page's origin from its Referer, and what to copy next.
#[test]
fn chromium_156_the_stopped_request_alone() {
    let text = data("chromium-156-rest-no-options.txt");
    let view = text.split("\n\n").nth(1).expect("the request's view");
    assert!(!view.contains("Status code"));
    let r = report(view);
    let f = only(&r);
    assert!(!f.browser.blocked);
    assert!(
        f.request
            .origin
            .as_deref()
            .is_some_and(|o| o.starts_with("http://app.localhost:")),
        "{:?}",
        f.request.origin
    );
    assert!(
        f.missing
            .iter()
            .any(|m| m.contains("copy its Headers tab too")),
        "{:#?}",
        f.missing
    );
    assert!(
        f.missing.iter().any(|m| m.contains("no Status code row")),
        "{:#?}",
        f.missing
    );
}

/// DevTools in Chinese (its Language setting; Chromium 156 ships zh): the General labels are
/// translated ("请求网址", "状态代码" …), the header names are not. A real copy, two views.
#[test]
fn chromium_156_copy_in_chinese() {
    let text = data("chromium-156-zh-rest-throttled.txt");
    assert!(text.starts_with("请求网址\n"));
    assert_eq!(detect(&text), Some(InputKind::DevtoolsHeaders));
    let x = read(&text).unwrap().exchanges.remove(0);
    assert_eq!(x.request.method, "POST");
    assert_eq!(x.response.as_ref().map(|r| r.status), Some(429));
    let PreflightCapture::Captured(p) = &x.preflight else {
        panic!("{:?}", x.preflight)
    };
    assert_eq!(p.response.as_ref().map(|r| r.status), Some(200));
    let f = only(&report(&text)).clone();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    let cause = serde_json::to_value(&f.cause).unwrap();
    assert_eq!(cause["gateway_response"], "THROTTLED", "{cause:#}");

    // With "原始" (Raw) ticked: a raw section, then the next view's translated General rows.
    let f = only(&report(&data("chromium-156-zh-method-not-allowed-raw.txt"))).clone();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MethodDisallowedByPreflightResponse")
    );
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("PUT"));
}

/// German labels (de.json's), Chromium 156's two-line shape: read as the English copy is.
#[test]
fn a_german_copy_reads_as_the_english_one() {
    let de = report(&data("chrome-de-rest-no-options.txt"));
    let en = report(&data("chromium-156-rest-no-options.txt"));
    assert_eq!(de.input, "devtools_headers");
    let (de, en) = (only(&de), only(&en));
    assert_eq!(de.browser.cors_error, en.browser.cors_error);
    assert_eq!(de.request.method, en.request.method);
    assert_eq!(de.request.url, en.request.url);
    assert_eq!(de.cause.kind, en.cause.kind);
}

/// Every translated label and title, in the old "Label: value" rows with their section
/// titles (and a full-width colon, a localized cache note): one GET answered 200 from cache.
#[test]
fn translated_labels_and_titles_of_each_language() {
    let langs: [[&str; 6]; 9] = [
        [
            "请求网址",
            "请求方法",
            "状态代码",
            "响应标头",
            "请求标头",
            "（来自磁盘缓存）",
        ],
        [
            "要求網址",
            "要求方法",
            "狀態碼",
            "回應標頭",
            "要求標頭",
            "(來自記憶體快取)",
        ],
        [
            "リクエスト URL",
            "リクエスト メソッド",
            "ステータス コード",
            "レスポンス ヘッダー",
            "リクエスト ヘッダー",
            "（ディスク キャッシュから）",
        ],
        [
            "요청 URL",
            "요청 메서드",
            "상태 코드",
            "응답 헤더",
            "요청 헤더",
            "(디스크 캐시에서)",
        ],
        [
            "Anfrage-URL",
            "Anfragemethode",
            "Statuscode",
            "Antwortheader",
            "Anfrageheader",
            "(vom Datenträgercache)",
        ],
        [
            "URL de requête",
            "Méthode de requête",
            "Code d’état",
            "En-têtes de réponse",
            "En-têtes de requête",
            "(à partir du cache du disque)",
        ],
        [
            "URL de solicitud",
            "Método de la solicitud",
            "Código de estado",
            "Encabezados de respuesta",
            "Encabezados de solicitud",
            "(de la caché del disco)",
        ],
        [
            "URL da solicitação",
            "Método da solicitação",
            "Código de status",
            "Cabeçalhos de resposta",
            "Cabeçalhos de solicitação",
            "(do armazenamento em cache no disco)",
        ],
        [
            "URL запроса",
            "Метод запроса",
            "Код статуса",
            "Заголовки ответов",
            "Заголовки запросов",
            "(источник: кеш диска)",
        ],
    ];
    for [url, method, status, resp, req, cache] in langs {
        let colon = if url.is_ascii() || url.starts_with("URL") {
            ":"
        } else {
            "："
        };
        let text = format!(
            "{url}{colon} https://api.example.com/v1/items\n{method}{colon} GET\n{status}{colon} 200 OK {cache}\n\n\
             {resp} (3)\nAccess-Control-Allow-Origin: https://app.example.com\nContent-Type: application/json\nETag: \"v1\"\n\n\
             {req}\nOrigin: https://app.example.com\nAccept: application/json\n"
        );
        assert_eq!(detect(&text), Some(InputKind::DevtoolsHeaders), "{text}");
        let x = read(&text)
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
            .exchanges
            .remove(0);
        assert_eq!(x.request.url, "https://api.example.com/v1/items", "{url}");
        assert_eq!(x.request.method, "GET", "{method}");
        assert_eq!(
            x.page_origin.as_deref(),
            Some("https://app.example.com"),
            "{req}"
        );
        let r = x.response.as_ref().unwrap();
        assert_eq!(
            (r.status, r.status_text.as_str()),
            (200, "OK"),
            "{status} {cache}"
        );
        assert!(
            r.headers.get("etag").is_some() && r.headers.get("origin").is_none(),
            "{resp}"
        );
        let f = only(&report(&text)).clone();
        assert!(!f.browser.blocked, "{url}: {:?}", f.browser);
    }
}

/// A Status Code row that says no response came: left empty (the next General row right
/// after it), or the Network list's "CORS error" / "(failed)" words. Not an error, and the
/// next row is not taken for the status.
#[test]
fn an_empty_or_worded_status_row_means_no_response() {
    let empty = "General\nRequest URL: https://api.example.com/v1/orders\nRequest Method: POST\nStatus Code: \nReferrer Policy: strict-origin-when-cross-origin\nRequest Headers\nContent-Type: application/json\nOrigin: https://app.example.com\n";
    let grid = "Request URL:\nhttps://api.example.com/v1/orders\nRequest Method:\nPOST\nStatus Code:\nCORS error\nReferrer Policy:\nstrict-origin-when-cross-origin\nOrigin:\nhttps://app.example.com\n";
    let failed = "Request URL: https://api.example.com/v1/orders\nRequest Method: POST\nStatus Code: (failed) net::ERR_FAILED\nOrigin: https://app.example.com\n";
    for text in [empty, grid, failed] {
        let xs = read(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(xs.exchanges.len(), 1, "{text}");
        let x = &xs.exchanges[0];
        assert_eq!(x.request.method, "POST", "{text}");
        assert_eq!(x.request.url, "https://api.example.com/v1/orders");
        assert!(x.response.is_none(), "{text}: {:?}", x.response);
        let f = &report(text).findings[0];
        assert!(!f.browser.blocked, "{text}");
        assert_eq!(f.cause.status, None);
    }
    // Other words in the row are still an error naming it.
    let e = diagnose(
        "Request URL: https://api.example.com/v1/orders\nStatus Code: teapot\n",
        &Options::default(),
    )
    .expect_err("not a status");
    assert_eq!(e.place.line, Some(2), "{e}");
}

/// A redirected request's views copied in the order DevTools logged them: the preflight to the
/// redirect's target may come before the 3xx that led there (or after it). Either way one
/// request, its hop's preflight the one that failed: the redirect is the cause.
#[test]
fn a_hop_preflight_listed_before_its_redirect() {
    let options_a = "Request URL\nhttp://api.example.test/items\nRequest method\nOPTIONS\nStatus code\n204 No Content\naccess-control-allow-headers\ncontent-type\naccess-control-allow-methods\nGET, POST\naccess-control-allow-origin\nhttp://app.example.test\naccess-control-request-headers\ncontent-type\naccess-control-request-method\nPOST\norigin\nhttp://app.example.test\n";
    let options_b = "Request URL\nhttp://api.example.test/items/v2\nRequest method\nOPTIONS\nStatus code\n405 Method Not Allowed\nallow\nGET, POST\ncontent-type\napplication/json\naccess-control-request-headers\ncontent-type\naccess-control-request-method\nPOST\norigin\nhttp://app.example.test\n";
    let post = "Request URL\nhttp://api.example.test/items\nRequest method\nPOST\nStatus code\n307 Temporary Redirect\naccess-control-allow-origin\nhttp://app.example.test\nlocation\n/items/v2\ncontent-type\napplication/json\norigin\nhttp://app.example.test\n";
    let again = "Request URL\nhttp://api.example.test/items/v2\nReferrer policy\nstrict-origin-when-cross-origin\nreferer\nhttp://app.example.test/\n";
    for order in [
        [options_a, post, options_b, again],
        [options_a, options_b, post, again],
    ] {
        let text = order.join("\n");
        let r = report(&text);
        let f = only(&r);
        assert!(f.browser.blocked, "{text}");
        assert_eq!(f.cause.kind.as_str(), "redirect", "{text}");
        assert_eq!(
            f.browser.cors_error.as_deref(),
            Some("PreflightMissingAllowOriginHeader")
        );
    }
    // Without the request sent again (its view not copied), the same.
    let r = report(&[options_a, options_b, post].join("\n"));
    assert_eq!(only(&r).cause.kind.as_str(), "redirect");
}
