//! Component tests in a real browser (headless Chromium via wasm-bindgen-test-runner):
//! the shared components render a finding as the page and the panel show it, and the
//! what-if editor recomputes the verdict when a header is edited.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use whycors::Options;
use whycors_www::components::{FindingView, ReportView};

wasm_bindgen_test_configure!(run_in_browser);

const THROTTLED: &str = include_str!("../../tests/cases/rest-throttled-429/curl-v.txt");
const MERGED_HAR: &str = include_str!("../../tests/cases/wildcard-credentials/capture.har");

fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.dyn_into().unwrap()
}

async fn tick() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn q(root: &web_sys::HtmlElement, sel: &str) -> web_sys::Element {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("no {sel}"))
}

#[wasm_bindgen_test]
fn finding_view_shows_browser_words_cause_fixes_and_reproduce() {
    let report = whycors::diagnose(THROTTLED, &Options::default()).unwrap();
    let f = report.findings[0].clone();
    let n_fixes = f.fixes.len();
    let root = container();
    let input = THROTTLED.to_string();
    let _h = leptos::mount::mount_to(
        root.clone(),
        move || view! { <FindingView finding=f.clone() input=input.clone()/> },
    );
    assert_eq!(q(&root, "header .badge").text_content().unwrap(), "Blocked");
    assert_eq!(
        q(&root, "code.cors-error").text_content().unwrap(),
        "MissingAllowOriginHeader"
    );
    assert_eq!(
        q(&root, "code.firefox-key").text_content().unwrap(),
        "CORSMissingAllowOrigin2"
    );
    assert!(q(&root, ".hidden-response")
        .text_content()
        .unwrap()
        .contains("429"));
    assert_eq!(
        root.query_selector_all("[role=tab]").unwrap().length() as usize,
        n_fixes
    );
    assert_eq!(
        root.query_selector_all("[role=tabpanel]:not([hidden])")
            .unwrap()
            .length(),
        1
    );
    assert_eq!(
        root.query_selector_all(".reproduce pre").unwrap().length(),
        2
    );
    let marked = q(&root, ".input-view").text_content().unwrap();
    assert!(marked.contains("x-amzn-errortype"), "{marked}");
    assert!(root.query_selector(".input-view .hit").unwrap().is_some());
    // No what-if without the exchange (the panel's plain use).
    assert!(root.query_selector("details.whatif").unwrap().is_none());
    // curl -v states the method: no "(method assumed)".
    assert_eq!(
        q(&root, "header h3").text_content().unwrap(),
        "POST https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com/prod/orders"
    );
}

#[wasm_bindgen_test]
fn a_method_the_console_text_does_not_name_is_shown_as_assumed() {
    let console = "Access to fetch at 'https://api.example.com/v1/items' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let report = whycors::diagnose(console, &Options::default()).unwrap();
    let f = report.findings[0].clone();
    let root = container();
    let _h = leptos::mount::mount_to(
        root.clone(),
        move || view! { <FindingView finding=f.clone()/> },
    );
    assert_eq!(
        q(&root, "header h3").text_content().unwrap(),
        "GET (method assumed) https://api.example.com/v1/items"
    );
}

#[wasm_bindgen_test]
fn a_request_without_responses_is_not_enough_evidence() {
    // A Copy-as-cURL command carries the request only: the CLI says "? UNKNOWN".
    let curl = "curl 'https://api.example.com/v1/items' -X PUT -H 'Origin: https://app.example.com' -H 'content-type: application/json' --data-raw '{}'";
    let report = whycors::diagnose(curl, &Options::default()).unwrap();
    let f = report.findings[0].clone();
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::Unknown);
    let root = container();
    let _h = leptos::mount::mount_to(
        root.clone(),
        move || view! { <FindingView finding=f.clone()/> },
    );
    let badge = q(&root, "header .badge");
    assert_eq!(badge.text_content().unwrap(), "Not enough evidence");
    // The card's edge in the badge's colour, not an allowed one's green.
    let class = q(&root, "article.finding").get_attribute("class").unwrap();
    assert!(class.split(' ').any(|c| c == "warn"), "{class}");
    assert_eq!(
        badge.get_attribute("data-verdict").as_deref(),
        Some("unknown")
    );
}

/// The first finding of `input` mounted as the page shows it, and its fix tabs' labels.
fn tab_labels(input: &str) -> (web_sys::HtmlElement, Vec<String>) {
    let report = whycors::diagnose(input, &Options::default()).unwrap();
    let f = report.findings[0].clone();
    let root = container();
    let handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <FindingView finding=f.clone()/> },
    );
    // The view stays mounted for the caller to look at.
    std::mem::forget(handle);
    let tabs = root.query_selector_all("[role=tab]").unwrap();
    let labels = (0..tabs.length())
        .filter_map(|i| tabs.item(i).and_then(|n| n.text_content()))
        .collect();
    (root, labels)
}

#[wasm_bindgen_test]
fn not_cors_fixes_have_readable_tab_labels() {
    let csp = "Connecting to 'https://api.test/items' violates the following Content Security Policy directive: \"connect-src 'self'\". The action has been blocked.";
    let (root, labels) = tab_labels(csp);
    assert_eq!(q(&root, "header .badge").text_content().unwrap(), "Blocked");
    assert_eq!(labels, ["CSP header", "nginx (CSP)", "CSP <meta>"]);
}

#[wasm_bindgen_test]
fn storage_fixes_have_readable_tab_labels() {
    let s3 = "curl -i -X OPTIONS 'https://up.s3.us-east-1.amazonaws.com/a.png' -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: PUT'\nHTTP/1.1 403 Forbidden\nServer: AmazonS3\nx-amz-id-2: abc\nx-amz-request-id: 1\nContent-Type: application/xml\n\n<Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed.</Message></Error>\n";
    assert_eq!(tab_labels(s3).1, ["S3 CORS", "S3 Terraform", "S3 CDK"]);
    // A store speaking S3's API from its own endpoint: its own tabs.
    let blocked = |url: &str| {
        format!("Access to fetch at '{url}' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.")
    };
    let first = |url: &str| tab_labels(&blocked(url)).1;
    assert_eq!(
        first("https://photos.0123abcd.r2.cloudflarestorage.com/a.png"),
        ["R2 CORS", "R2 API"]
    );
    assert_eq!(
        first("https://s3.us-west-004.backblazeb2.com/b/a.png")[0],
        "B2 CORS (S3 API)"
    );
    assert_eq!(
        first("https://b.nyc3.digitaloceanspaces.com/a.png")[0],
        "Spaces CORS"
    );
    assert_eq!(first("https://s3.wasabisys.com/b/a.png")[0], "Wasabi CORS");
}

/// The fixes chosen by what the request was or what the server named get their own tabs,
/// first.
#[wasm_bindgen_test]
fn framework_and_initiator_fixes_have_readable_tab_labels() {
    let first = |input: &str| tab_labels(input).1.first().cloned().unwrap_or_default();
    let font = "Access to font at 'https://cdn.example.net/f.woff2' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    assert_eq!(first(font), "Font files");
    let socket = "Access to XMLHttpRequest at 'https://api.example.net/socket.io/?EIO=4&transport=polling&t=P1' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    assert_eq!(first(socket), "Socket.IO");
    let headers = |server: &str| {
        format!("Request URL: https://api.example.net/items\nRequest Method: GET\nStatus Code: 200\n\n{server}\ncontent-type: application/json\n\norigin: https://app.example.com\n")
    };
    assert_eq!(
        first(&headers("server: Werkzeug/3.0.1 Python/3.12.1")),
        "Flask"
    );
    assert_eq!(first(&headers("x-powered-by: PHP/8.2.1")), "PHP");
    assert_eq!(first(&headers("x-powered-by: Next.js")), "Next.js");
}

#[wasm_bindgen_test]
async fn fix_tabs_switch_on_click() {
    let report = whycors::diagnose(THROTTLED, &Options::default()).unwrap();
    let f = report.findings[0].clone();
    let root = container();
    let _h = leptos::mount::mount_to(
        root.clone(),
        move || view! { <FindingView finding=f.clone()/> },
    );
    let tab: web_sys::HtmlElement = q(&root, "[role=tab][data-target=terraform]")
        .dyn_into()
        .unwrap();
    tab.click();
    tick().await;
    assert_eq!(tab.get_attribute("aria-selected").as_deref(), Some("true"));
    let visible = q(&root, "[role=tabpanel]:not([hidden]) pre")
        .text_content()
        .unwrap();
    assert!(
        visible.contains("aws_api_gateway_gateway_response"),
        "{visible}"
    );
}

#[wasm_bindgen_test]
async fn what_if_recomputes_the_verdict() {
    let parsed = whycors::input::read(THROTTLED).unwrap();
    let o = Options::default();
    let x = parsed.exchanges.into_iter().next().unwrap();
    let f = whycors::explain(parsed.kind, vec![x.clone()], &o)
        .findings
        .remove(0);
    let root = container();
    let _h = leptos::mount::mount_to(root.clone(), move || {
        view! { <FindingView finding=f.clone() exchange=x.clone() options=Options::default()/> }
    });
    let verdict = || {
        q(&root, ".whatif-result .badge")
            .get_attribute("data-verdict")
            .unwrap()
    };
    assert_eq!(verdict(), "blocked");
    let ta: web_sys::HtmlTextAreaElement = q(&root, "textarea.whatif-response").dyn_into().unwrap();
    ta.set_value(&format!(
        "{}\nAccess-Control-Allow-Origin: https://app.example.com",
        ta.value()
    ));
    ta.dispatch_event(
        &web_sys::Event::new_with_event_init_dict("input", &{
            let i = web_sys::EventInit::new();
            i.set_bubbles(true);
            i
        })
        .unwrap(),
    )
    .unwrap();
    tick().await;
    assert_eq!(verdict(), "allowed");
    assert_eq!(
        q(&root, "header .badge")
            .get_attribute("data-verdict")
            .as_deref(),
        Some("blocked")
    );
}

#[wasm_bindgen_test]
fn report_view_lists_every_finding() {
    let report = whycors::diagnose(MERGED_HAR, &Options::default()).unwrap();
    let n = report.findings.len();
    let root = container();
    let _h = leptos::mount::mount_to(
        root.clone(),
        move || view! { <ReportView report=report.clone()/> },
    );
    assert_eq!(
        root.query_selector_all("article.finding").unwrap().length() as usize,
        n
    );
    assert!(q(&root, ".report-meta")
        .text_content()
        .unwrap()
        .contains("cross-origin request"));
}

#[wasm_bindgen_test]
fn share_fragment_round_trip_in_the_browser() {
    let f = whycors_www::share::encode_fragment(THROTTLED, false);
    let back = whycors_www::share::decode_fragment(&f).unwrap();
    assert!(!back.contains("eyJraWQiOiJLc0l4cnJzV3R0IiwiYWxnIjoiUlMyNTYifQ"));
    assert_eq!(back.lines().count(), THROTTLED.lines().count());
    let kept = whycors_www::share::encode_fragment(THROTTLED, true);
    assert_eq!(
        whycors_www::share::decode_fragment(&kept).unwrap(),
        THROTTLED
    );
}
