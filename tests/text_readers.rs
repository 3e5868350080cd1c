//! The text readers on realistic captures: raw HTTP, curl output, Copy-as-cURL /
//! fetch commands and browser console messages.
use whycors::exchange::{
    BodyKind, Browser, Credentials, Exchange, InputKind, Known, PreflightCapture,
};
use whycors::input::{detect, read, read_as, InputError};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/data/text/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_fixture(name: &str, kind: InputKind) -> Vec<Exchange> {
    let text = fixture(name);
    assert_eq!(detect(&text), Some(kind), "{name} detected as");
    let parsed = read(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(parsed.kind, kind);
    parsed.exchanges
}

fn names(ex: &Exchange) -> Vec<String> {
    ex.request.headers.iter().map(|h| h.name.clone()).collect()
}

fn line_of(e: &InputError) -> Option<usize> {
    e.place.line
}

// ---------------------------------------------------------------- raw HTTP

#[test]
fn devtools_h1_preflight_then_actual() {
    let ex = read_fixture("devtools_h1_preflight_actual.txt", InputKind::HttpText);
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.request.method, "PUT");
    assert_eq!(
        e.request.url,
        "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items/42"
    );
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    // Browser-added headers are gone; the script's own stay in order.
    assert_eq!(names(e), ["Authorization", "Content-Type"]);
    assert_eq!(e.request.body, BodyKind::Json);
    assert_eq!(e.request.credentials_known, Known::Unknown);
    let pf = e.captured_preflight().expect("preflight captured");
    assert_eq!(pf.url, e.request.url);
    assert_eq!(
        pf.request_headers
            .get("access-control-request-method")
            .as_deref(),
        Some("PUT")
    );
    assert_eq!(pf.request_headers.len(), 13);
    let pr = pf.response.as_ref().expect("preflight response");
    assert_eq!(pr.status, 204);
    assert_eq!(pr.status_text, "No Content");
    assert_eq!(pr.http_version.as_deref(), Some("HTTP/1.1"));
    assert_eq!(
        pr.headers.get("access-control-allow-methods").as_deref(),
        Some("GET,PUT,OPTIONS")
    );
    assert_eq!(pr.body, None);
    let r = e.response.as_ref().expect("response");
    assert_eq!(r.status, 429);
    assert_eq!(r.headers.len(), 7);
    assert_eq!(r.headers.0[5].name, "x-amzn-ErrorType");
    assert_eq!(
        r.body.as_deref(),
        Some("{\"message\":\"Too Many Requests\"}")
    );
    assert!(e.redirects.is_empty());
    assert_eq!(e.location, "line 24");
    assert_eq!(e.source, InputKind::HttpText);
}

#[test]
fn devtools_h2_pseudo_headers() {
    let ex = read_fixture("devtools_h2_preflight_actual.txt", InputKind::HttpText);
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.request.method, "POST");
    assert_eq!(e.request.url, "https://api.example.com/v1/orders?page=2");
    assert_eq!(e.page_origin.as_deref(), Some("https://shop.example.org"));
    // Accept: application/json is the script's; the cookie means credentials.
    assert_eq!(names(e), ["accept", "content-type", "x-api-key"]);
    assert_eq!(e.request.credentials, Credentials::Include);
    assert_eq!(e.request.credentials_known, Known::Inferred);
    assert!(e.response.is_none());
    let pf = e.captured_preflight().expect("preflight");
    let pr = pf.response.as_ref().expect("preflight response");
    assert_eq!(pr.status, 403);
    assert_eq!(pr.http_version.as_deref(), Some("HTTP/2"));
    assert!(!pr.headers.contains(":status"));
    assert_eq!(
        pr.headers.get("x-amzn-errortype").as_deref(),
        Some("MissingAuthenticationTokenException")
    );
    assert!(!pf.request_headers.contains(":method"));
    assert_eq!(e.location, "line 25");
}

#[test]
fn lone_preflight_stands_for_its_request() {
    let text = "OPTIONS /a HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\nAccess-Control-Request-Method: DELETE\nAccess-Control-Request-Headers: authorization\n\nHTTP/1.1 404 Not Found\nContent-Length: 0\n";
    let ex = read(text).unwrap().exchanges;
    assert_eq!(ex.len(), 1);
    assert_eq!(ex[0].request.method, "DELETE");
    assert_eq!(ex[0].request.url, "https://api.example.com/a");
    assert_eq!(names(&ex[0]), ["authorization"]);
    assert_eq!(
        ex[0]
            .captured_preflight()
            .unwrap()
            .response
            .as_ref()
            .unwrap()
            .status,
        404
    );
    assert!(ex[0].response.is_none());
}

#[test]
fn response_alone_and_request_alone() {
    let ex = read("HTTP/1.1 502 Bad Gateway\nServer: nginx\n\n<html>bad</html>\n")
        .unwrap()
        .exchanges;
    assert_eq!(ex.len(), 1);
    assert_eq!(ex[0].request.method, "GET");
    assert_eq!(ex[0].request.url, "");
    assert_eq!(ex[0].page_origin, None);
    assert_eq!(
        ex[0].response.as_ref().unwrap().body.as_deref(),
        Some("<html>bad</html>")
    );

    let ex = read("GET /x HTTP/1.1\nHost: localhost:8080\nOrigin: http://localhost:3000\n")
        .unwrap()
        .exchanges;
    assert_eq!(ex[0].request.url, "http://localhost:8080/x");
    assert_eq!(ex[0].preflight, PreflightCapture::NotInInput);
    assert!(ex[0].response.is_none());
}

#[test]
fn bare_header_blocks() {
    // "Copy response headers" of an h2 response gives no status line.
    let text = "access-control-allow-origin: https://a.example\ncontent-type: application/json\nvary: Origin\n";
    assert_eq!(detect(text), Some(InputKind::HttpText));
    let ex = read(text).unwrap().exchanges;
    assert_eq!(ex.len(), 1);
    let r = ex[0].response.as_ref().unwrap();
    assert_eq!(r.status, 0);
    assert_eq!(r.headers.len(), 3);
}

#[test]
fn bare_request_headers_are_a_request_not_a_response() {
    // "Copy request headers" of a fetch with a token: every name is one only a request carries
    // (Authorization, Accept, If-None-Match …), so no response is in the paste, and none of
    // its headers is "missing" from a response.
    for text in [
        "Authorization: Bearer abc\nContent-Type: application/json\n",
        "accept: application/json\nif-none-match: \"v1\"\n",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZQ==\nSec-WebSocket-Version: 13\n",
    ] {
        let ex = read(text).unwrap().exchanges;
        assert_eq!(ex.len(), 1, "{text}");
        assert!(ex[0].response.is_none(), "read as a response: {text}");
    }
    let ex = read("Authorization: Bearer abc\n").unwrap().exchanges;
    assert_eq!(names(&ex[0]), ["Authorization"]);
    // Sec-WebSocket-Accept is the response's half of the handshake.
    let ex = read("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\nUpgrade: websocket\n")
        .unwrap()
        .exchanges;
    assert!(ex[0].response.is_some());
}

#[test]
fn redirect_between_requests() {
    let text = "GET /old HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\n\nHTTP/1.1 301 Moved Permanently\nLocation: /new\n\nGET /new HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *\n";
    let ex = read(text).unwrap().exchanges;
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.request.url, "https://api.example.com/old");
    assert_eq!(e.redirects.len(), 1);
    assert_eq!(e.redirects[0].url, "https://api.example.com/old");
    assert_eq!(e.redirects[0].response.status, 301);
    assert_eq!(e.response.as_ref().unwrap().status, 200);
    assert_eq!(e.final_url(), "https://api.example.com/new");
}

// ---------------------------------------------------------------- curl output

#[test]
fn curl_v_missing_authentication_token() {
    let ex = read_fixture("curl_v_missing_token.txt", InputKind::CurlVerbose);
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.request.method, "PUT");
    assert_eq!(
        e.request.url,
        "https://abc123.execute-api.us-east-1.amazonaws.com/prod/items"
    );
    assert_eq!(names(e), ["authorization", "content-type"]);
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    let pf = e.captured_preflight().unwrap();
    let r = pf.response.as_ref().unwrap();
    assert_eq!(r.status, 403);
    assert_eq!(r.status_text, "");
    assert_eq!(r.http_version.as_deref(), Some("HTTP/2"));
    assert_eq!(r.headers.len(), 6);
    assert_eq!(
        r.body.as_deref(),
        Some("{\"message\":\"Missing Authentication Token\"}")
    );
    assert_eq!(e.location, "line 19");
    assert_eq!(e.source, InputKind::CurlVerbose);
}

#[test]
fn curl_v_follows_redirect() {
    let ex = read_fixture("curl_v_redirect.txt", InputKind::CurlVerbose);
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    // No TLS handshake: plain http.
    assert_eq!(e.request.url, "http://api.localhost:8080/v1/me");
    assert_eq!(e.page_origin.as_deref(), Some("http://app.localhost:3000"));
    assert!(e.request.headers.is_empty());
    assert_eq!(e.redirects.len(), 1);
    assert_eq!(e.redirects[0].url, "http://api.localhost:8080/v1/me");
    assert_eq!(e.redirects[0].response.status, 302);
    let r = e.response.as_ref().unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.body.as_deref(), Some("<html>login form</html>"));
    assert_eq!(
        e.final_url(),
        "http://login.localhost:8081/sso?next=%2Fv1%2Fme"
    );
}

#[test]
fn curl_v_skips_100_continue() {
    let ex = read_fixture("curl_v_continue.txt", InputKind::CurlVerbose);
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.request.method, "POST");
    assert_eq!(e.request.url, "https://upload.example.net/files");
    assert_eq!(names(e), ["Content-Type"]);
    assert_eq!(e.request.body, BodyKind::Binary);
    assert!(e.redirects.is_empty());
    let r = e.response.as_ref().unwrap();
    assert_eq!(r.status, 413);
    assert_eq!(r.headers.get("server").as_deref(), Some("awselb/2.0"));
    assert_eq!(
        r.body.as_deref(),
        Some("<html>413 Request Entity Too Large</html>")
    );
}

#[test]
fn curl_i_two_responses() {
    let ex = read_fixture("curl_i_two.txt", InputKind::HttpText);
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    // The command line it starts with gives the request.
    assert_eq!(e.request.url, "https://cdn.example.com/data.json");
    assert_eq!(e.request.method, "GET");
    assert_eq!(e.location, "line 1");
    assert_eq!(e.redirects.len(), 1);
    assert_eq!(e.redirects[0].response.status, 301);
    let r = e.response.as_ref().unwrap();
    assert_eq!(r.status, 403);
    assert_eq!(r.headers.get("cf-mitigated").as_deref(), Some("challenge"));
    assert_eq!(
        r.body.as_deref(),
        Some("<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head></html>")
    );
    // The same text read as curl output gives the same exchanges.
    let again = read_as(&fixture("curl_i_two.txt"), InputKind::CurlVerbose).unwrap();
    assert_eq!(again.exchanges[0].response, e.response);
}

#[test]
fn curl_network_failures() {
    let ex = read_fixture("curl_network_failure.txt", InputKind::CurlVerbose);
    assert_eq!(ex.len(), 1);
    assert_eq!(
        ex[0].network_error.as_deref(),
        Some("curl: (6) Could not resolve host: api.nowhere.invalid")
    );
    assert!(ex[0].response.is_none());
    assert_eq!(ex[0].location, "line 3");

    let ex = read_fixture("curl_connect_refused.txt", InputKind::CurlVerbose);
    assert_eq!(ex.len(), 1);
    assert!(ex[0]
        .network_error
        .as_deref()
        .unwrap()
        .starts_with("curl: (7) Failed to connect to localhost port 9999"));

    // A request sent, then the connection dropped.
    let text = "> GET /x HTTP/1.1\n> Host: api.example.com\n>\n* Recv failure: Connection reset by peer\ncurl: (56) Recv failure: Connection reset by peer\n";
    let ex = read(text).unwrap().exchanges;
    assert_eq!(ex.len(), 1);
    assert_eq!(ex[0].request.url, "https://api.example.com/x");
    assert_eq!(
        ex[0].network_error.as_deref(),
        Some("curl: (56) Recv failure: Connection reset by peer")
    );
}

// ---------------------------------------------------------------- commands

#[test]
fn copy_as_curl_bash() {
    let ex = read_fixture("copy_as_curl_bash.txt", InputKind::CurlCommand);
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.request.method, "PUT");
    assert_eq!(e.request.url, "https://api.example.com/v2/items/7?draft=1");
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(names(e), ["authorization", "content-type"]);
    assert_eq!(
        e.request.headers.get("authorization").as_deref(),
        Some("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")
    );
    assert_eq!(e.request.body, BodyKind::Json);
    assert_eq!(e.request.credentials_known, Known::Unknown);
    assert!(e.response.is_none());
    assert_eq!(e.preflight, PreflightCapture::NotInInput);
}

#[test]
fn copy_as_curl_cmd() {
    let ex = read_fixture("copy_as_curl_cmd.txt", InputKind::CurlCommand);
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.request.method, "PUT");
    assert_eq!(e.request.url, "https://api.example.com/v2/items/7?draft=1");
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(names(e), ["authorization", "content-type"]);
    assert_eq!(e.request.credentials, Credentials::Include);
    assert_eq!(e.request.credentials_known, Known::Inferred);
    assert_eq!(e.request.body, BodyKind::Json);
}

#[test]
fn curl_words_decode_like_the_shells() {
    // ANSI-C quoting and escapes survive into header values.
    let ex = read("curl 'https://x.example/' -H $'x-note: a\\'b\\tc\\u00e9' -H \"x-q: \\\"q\\\"\"")
        .unwrap()
        .exchanges;
    assert_eq!(
        ex[0].request.headers.get("x-note").as_deref(),
        Some("a'b\tcé")
    );
    assert_eq!(ex[0].request.headers.get("x-q").as_deref(), Some("\"q\""));
    // cmd: ^-escapes and the C runtime's \" inside quotes.
    let ex = read("curl ^\"https://x.example/a^&b^\" -H ^\"x-q: ^\\^\"q^\\^\"^\"")
        .unwrap()
        .exchanges;
    assert_eq!(ex[0].request.url, "https://x.example/a&b");
    assert_eq!(ex[0].request.headers.get("x-q").as_deref(), Some("\"q\""));
    // Method rules and -u.
    let ex = read("curl -d a=1 https://x.example/f -u me:pw")
        .unwrap()
        .exchanges;
    assert_eq!(ex[0].request.method, "POST");
    assert_eq!(ex[0].request.body, BodyKind::Text);
    assert_eq!(
        ex[0].request.headers.get("authorization").as_deref(),
        Some("Basic bWU6cHc=")
    );
    let ex = read("curl -sSXpatch https://x.example/f")
        .unwrap()
        .exchanges;
    assert_eq!(ex[0].request.method, "patch");
}

#[test]
fn curl_hand_made_preflight() {
    let ex = read_fixture("curl_hand_preflight.txt", InputKind::CurlCommand);
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.request.method, "PUT");
    assert_eq!(e.request.url, "https://api.example.com/upload");
    assert_eq!(names(e), ["content-type", "x-request-id"]);
    let pf = e.captured_preflight().unwrap();
    assert_eq!(pf.url, "https://api.example.com/upload");
    assert_eq!(pf.request_headers.len(), 3);
    assert_eq!(pf.request_headers.0[0].name, "Origin");
    assert!(pf.response.is_none());
    assert_eq!(pf.error, None);
}

#[test]
fn copy_as_fetch_with_credentials() {
    let ex = read_fixture("copy_as_fetch.txt", InputKind::FetchCommand);
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.request.method, "POST");
    assert_eq!(e.request.url, "https://api.example.com/graphql");
    // No origin header: the referrer gives the page.
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(names(e), ["content-type", "x-csrf-token"]);
    assert_eq!(e.request.credentials, Credentials::Include);
    assert_eq!(e.request.credentials_known, Known::Inferred); // DevTools derives it from cookies
    assert_eq!(e.request.body, BodyKind::Json);
    assert_eq!(e.preflight, PreflightCapture::NotInInput);
}

#[test]
fn copy_as_fetch_node_keeps_patch() {
    let ex = read_fixture("copy_as_fetch_node.txt", InputKind::FetchCommand);
    let e = &ex[0];
    assert_eq!(e.request.method, "patch");
    assert_eq!(e.page_origin.as_deref(), Some("https://admin.example.com"));
    assert_eq!(names(e), ["content-type"]);
    assert_eq!(e.request.credentials, Credentials::SameOrigin);
    assert_eq!(e.request.credentials_known, Known::Stated);
    assert_eq!(e.request.body, BodyKind::Json);

    let ex =
        read("fetch('https://x.example/a', {\"method\": \"delete\", \"credentials\": \"omit\"})")
            .unwrap()
            .exchanges;
    assert_eq!(ex[0].request.method, "DELETE");
    assert_eq!(ex[0].request.credentials, Credentials::Omit);
    let ex = read("fetch(\"https://x.example/a\");").unwrap().exchanges;
    assert_eq!(ex[0].request.method, "GET");
    assert_eq!(ex[0].page_origin, None);
}

// ---------------------------------------------------------------- console

fn observed(e: &Exchange) -> &whycors::exchange::Observed {
    e.observed.as_ref().expect("observed")
}

#[test]
fn chrome_redirected_from_message_keeps_both_urls() {
    // The request was sent to U; the redirects led to T, where the check failed.
    let line = "Access to fetch at 'https://login.example.net/sso?next=%2F' (redirected from 'https://api.example.com/me') from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let ex = read(line).unwrap().exchanges;
    assert_eq!(ex[0].request.url, "https://api.example.com/me");
    assert_eq!(
        observed(&ex[0]).redirected_to.as_deref(),
        Some("https://login.example.net/sso?next=%2F")
    );
    // Without "(redirected from …)" there is no redirect to speak of.
    let line = "Access to fetch at 'https://api.example.com/me' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let ex = read(line).unwrap().exchanges;
    assert_eq!(observed(&ex[0]).redirected_to, None);
}

#[test]
fn chrome_console_messages() {
    let ex = read_fixture("chrome_console.txt", InputKind::ConsoleError);
    assert_eq!(ex.len(), 5);

    let e = &ex[0];
    assert_eq!(e.request.method, "GET");
    assert_eq!(
        e.request.url,
        "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items"
    );
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    let o = observed(e);
    assert_eq!(o.browser, Browser::Chrome);
    assert_eq!(o.cors_error.as_deref(), Some("MissingAllowOriginHeader"));
    assert_eq!(o.failed_parameter, None);
    assert_eq!(o.status, Some(429));
    assert!(o.text.starts_with("Access to fetch at 'https://abc123"));
    assert!(e.response.is_none());
    assert!(e.redirects.is_empty());
    assert_eq!(e.preflight, PreflightCapture::NotInInput);
    assert_eq!(e.location, "line 1");

    let e = &ex[1];
    assert_eq!(e.request.method, "PUT");
    assert_eq!(
        observed(e).cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert_eq!(observed(e).status, None);
    assert_eq!(e.location, "line 7");

    let e = &ex[2];
    assert_eq!(
        observed(e).cors_error.as_deref(),
        Some("WildcardOriginNotAllowed")
    );
    assert_eq!(e.request.credentials, Credentials::Include);
    assert_eq!(e.request.credentials_known, Known::Inferred);

    let e = &ex[3];
    let o = observed(e);
    assert_eq!(
        o.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );
    assert_eq!(o.failed_parameter.as_deref(), Some("x-request-id"));
    assert_eq!(names(e), ["x-request-id"]);

    let e = &ex[4];
    let o = observed(e);
    assert_eq!(o.cors_error.as_deref(), Some("AllowOriginMismatch"));
    assert_eq!(
        o.failed_parameter.as_deref(),
        Some("https://login.example.net")
    );
    assert_eq!(e.request.url, "https://api.example.com/v1/me");
}

#[test]
fn firefox_console_messages() {
    let ex = read_fixture("firefox_console.txt", InputKind::ConsoleError);
    assert_eq!(ex.len(), 4);
    let o = observed(&ex[0]);
    assert_eq!(o.browser, Browser::Firefox);
    assert_eq!(o.firefox_key.as_deref(), Some("CORSMissingAllowOrigin2"));
    assert_eq!(o.status, Some(429));
    assert_eq!(o.cors_error, None);
    assert_eq!(ex[0].request.method, "GET");
    assert_eq!(ex[0].page_origin, None);
    assert_eq!(
        ex[0].request.url,
        "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items"
    );

    let o = observed(&ex[1]);
    assert_eq!(
        o.firefox_key.as_deref(),
        Some("CORSMissingAllowHeaderFromPreflight2")
    );
    assert_eq!(o.failed_parameter.as_deref(), Some("x-request-id"));
    assert_eq!(
        o.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );
    assert_eq!(o.status, None);

    let o = observed(&ex[2]);
    assert_eq!(
        o.firefox_key.as_deref(),
        Some("CORSPreflightDidNotSucceed3")
    );
    assert_eq!(o.status, Some(403));

    // Straight quotes (pasted through a chat) still read.
    let o = observed(&ex[3]);
    assert_eq!(
        o.firefox_key.as_deref(),
        Some("CORSAllowOriginNotMatchingOrigin")
    );
    assert_eq!(
        o.failed_parameter.as_deref(),
        Some("https://other.example.com")
    );
}

#[test]
fn safari_console_messages() {
    let ex = read_fixture("safari_console.txt", InputKind::ConsoleError);
    assert_eq!(ex.len(), 3);
    let e = &ex[0];
    let o = observed(e);
    assert_eq!(o.browser, Browser::Safari);
    assert_eq!(o.status, Some(429));
    assert_eq!(o.cors_error, None);
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(
        e.request.url,
        "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items"
    );
    assert_eq!(o.text.lines().count(), 2);

    let o = observed(&ex[1]);
    assert_eq!(
        o.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );
    assert_eq!(o.failed_parameter.as_deref(), Some("x-request-id"));
    assert_eq!(ex[1].request.url, "https://api.example.com/items/7");

    let o = observed(&ex[2]);
    assert_eq!(o.status, Some(403));
    assert_eq!(ex[2].request.url, "https://api.example.com/items/8");
    assert_eq!(ex[2].location, "line 7");
}

// ---------------------------------------------------------------- errors and detection

#[test]
fn errors_name_the_line() {
    let e = read("HTTP/1.1 403 Forbidden\nContent-Type: text/plain\nthis is not a header\n")
        .unwrap_err();
    assert_eq!(e.kind, Some(InputKind::HttpText));
    assert_eq!(line_of(&e), Some(3));
    assert!(e.message.contains("Name: value"), "{}", e.message);

    let e = read("HTTP/1.1 4x3 Forbidden\nContent-Type: text/plain\n").unwrap_err();
    assert_eq!(line_of(&e), Some(1));

    let e = read_as(
        "> GET / HTTP/1.1\n> Host: a.example\n>\n< HTTP/1.1 200 OK\n< broken header\n",
        InputKind::CurlVerbose,
    )
    .unwrap_err();
    assert_eq!(e.kind, Some(InputKind::CurlVerbose));
    assert_eq!(line_of(&e), Some(5));

    let e = read("curl 'https://x.example/' \\\n  -H 'accept: */*' \\\n  -H 'x-a: unterminated\n")
        .unwrap_err();
    assert_eq!(e.kind, Some(InputKind::CurlCommand));
    assert_eq!(line_of(&e), Some(3));
    assert_eq!(e.place.column, Some(6));

    let e = read("curl -H 'accept: */*'").unwrap_err();
    assert!(e.message.contains("no URL"));

    // Neither JSON nor a JavaScript object literal: the place JSON's reading stopped.
    let e = read("fetch(\"https://x.example/\", {\n  \"method\": \"PUT\",\n  headers: {a b}\n});")
        .unwrap_err();
    assert_eq!(e.kind, Some(InputKind::FetchCommand));
    assert_eq!(line_of(&e), Some(3));

    let e = read("fetch(\"https://x.example/\", {\"credentials\": \"sometimes\"})").unwrap_err();
    assert!(e.message.contains("credentials"));

    let e =
        read("blah\nAccess to fetch at 'https://x.example/' has been blocked by CORS policy: nope")
            .unwrap_err();
    assert_eq!(e.kind, Some(InputKind::ConsoleError));
    assert_eq!(line_of(&e), Some(2));
    assert_eq!(e.place.column, Some(1));

    let e = read("Why is my request blocked by CORS policy? I set every header.").unwrap_err();
    assert_eq!(e.kind, Some(InputKind::ConsoleError));
    assert_eq!(line_of(&e), Some(1));
}

#[test]
fn prose_is_not_http() {
    assert_eq!(detect("Hello: I have a question about my API."), None);
    assert_eq!(
        detect("Note: the server returns 403\nand then nothing"),
        None
    );
    assert_eq!(detect("* bullet point\n* another"), None);
    assert_eq!(detect("> quoted text\n> more"), None);
    assert_eq!(
        detect("Content-Type: application/json"),
        Some(InputKind::HttpText)
    );
    assert_eq!(
        detect("curl -v https://x.example/\n*   Trying 1.2.3.4:443...\n"),
        Some(InputKind::CurlVerbose)
    );
    assert_eq!(detect("[{\"a\":1}]"), Some(InputKind::Har));
}

#[test]
fn truncated_and_mangled_inputs_never_panic() {
    let kinds = [
        InputKind::HttpText,
        InputKind::CurlVerbose,
        InputKind::CurlCommand,
        InputKind::FetchCommand,
        InputKind::PowerShellCommand,
        InputKind::ConsoleError,
    ];
    let dir = format!("{}/tests/data/text", env!("CARGO_MANIFEST_DIR"));
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        files += 1;
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(5).collect();
        for cut in cuts {
            let head = &text[..cut];
            let mangled = format!("{head}\"'^\\$'{{[<>\r\n");
            for kind in kinds {
                // Either an exchange list or an error naming a place: no panic.
                for input in [head, mangled.as_str()] {
                    if let Err(e) = read_as(input, kind) {
                        assert!(e.place.line.is_some(), "{kind:?}: {e}");
                    }
                }
            }
            let _ = read(head);
        }
    }
    assert_eq!(files, 34);
}

// ---- old Chrome wording (Chrome 60–72), still pasted from old Electron apps and posts ----

fn old_chrome(text: &str) -> whycors::report::Finding {
    let r = whycors::diagnose(text, &whycors::Options::default()).expect("reads");
    assert_eq!(r.input, "console_error");
    assert_eq!(r.findings.len(), 1, "{text}");
    r.findings.into_iter().next().expect("one finding")
}

#[test]
fn old_chrome_failed_to_load_missing_allow_origin() {
    let f = old_chrome("Failed to load https://api.x.example/y: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'https://app.x.example' is therefore not allowed access. The response had HTTP status code 403.");
    assert_eq!(f.request.url, "https://api.x.example/y");
    assert_eq!(f.request.origin.as_deref(), Some("https://app.x.example"));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.cause.status, Some(403));
    assert!(f.summary.contains("403 Forbidden"), "{}", f.summary);
    // The printed Chrome line is today's wording.
    assert_eq!(
        f.browser.console.as_deref(),
        Some("Access to fetch at 'https://api.x.example/y' from origin 'https://app.x.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.")
    );
}

#[test]
fn old_chrome_failed_to_load_preflight() {
    let f = old_chrome("Failed to load https://api.x.example/y: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'https://app.x.example' is therefore not allowed access. The response had HTTP status code 404.");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert_eq!(f.cause.status, Some(404));
    assert_eq!(f.request.origin.as_deref(), Some("https://app.x.example"));
    assert!(f
        .browser
        .console
        .as_deref()
        .is_some_and(|c| c.starts_with("Access to fetch at 'https://api.x.example/y' from origin 'https://app.x.example' has been blocked by CORS policy: Response to preflight request")));
}

#[test]
fn old_chrome_without_status_and_with_the_opaque_hint() {
    let f = old_chrome("  Failed to load https://api.x.example/y: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'https://app.x.example' is therefore not allowed access. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.cause.status, None);
}

#[test]
fn old_chrome_other_reasons() {
    let f = old_chrome("Failed to load https://api.x.example/y: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. Origin 'https://app.x.example' is therefore not allowed access. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("WildcardOriginNotAllowed")
    );
    assert_eq!(f.request.credentials, "include");

    let f = old_chrome("Failed to load https://api.x.example/y: Response for preflight has invalid HTTP status code 405");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert_eq!(f.cause.status, Some(405));

    let f = old_chrome(
        "Failed to load https://api.x.example/y: Response for preflight is invalid (redirect)",
    );
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightDisallowedRedirect")
    );

    let f = old_chrome("XMLHttpRequest cannot load https://api.x.example/y. No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'https://app.x.example' is therefore not allowed access. The response had HTTP status code 500.");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.cause.status, Some(500));
    assert_eq!(f.request.origin.as_deref(), Some("https://app.x.example"));
}

#[test]
fn old_chrome_fetch_api_prefix_and_old_preflight_status_sentences() {
    // Chrome before 60 for fetch(): "Fetch API cannot load U. REASON".
    let f = old_chrome("Fetch API cannot load https://api.x.example/y. Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:3000' is therefore not allowed access. The response had HTTP status code 401. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.");
    assert_eq!(f.request.url, "https://api.x.example/y");
    assert_eq!(f.request.origin.as_deref(), Some("http://localhost:3000"));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert_eq!(f.cause.status, Some(401));
    assert!(f
        .browser
        .console
        .as_deref()
        .is_some_and(|c| c.starts_with("Access to fetch at 'https://api.x.example/y' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request")));

    let f = old_chrome("Fetch API cannot load https://api.x.example/y. No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:3000' is therefore not allowed access. The response had HTTP status code 500.");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.cause.status, Some(500));

    // "has invalid HTTP status code N" after the XHR prefix (no period at the end).
    let f = old_chrome("XMLHttpRequest cannot load http://localhost:8080/api/login. Response for preflight has invalid HTTP status code 403");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert_eq!(f.cause.status, Some(403));
    assert!(f.browser.console.as_deref().is_some_and(
        |c| c.starts_with("Access to XMLHttpRequest at 'http://localhost:8080/api/login'")
    ));

    // Chrome 66–71: "Response for preflight does not have HTTP ok status." (no status given).
    let f = old_chrome(
        "Failed to load http://localhost:8080/api/login: Response for preflight does not have HTTP ok status.",
    );
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert_eq!(f.cause.status, None);

    // Safari's and the CSP's "Fetch API cannot load" lines keep their own readings.
    let r = whycors::diagnose(
        "Fetch API cannot load https://api.x.example/y due to access control checks.",
        &whycors::Options::default(),
    )
    .expect("Safari's message reads");
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].browser.cors_error, None);
}

/// More of Chrome's old and partial wordings, as real reports paste them.
#[test]
fn old_chrome_wildcard_redirect_and_a_reason_without_its_start() {
    let f = old_chrome("XMLHttpRequest cannot load https://media.example/v?x=1. A wildcard '*' cannot be used in the 'Access-Control-Allow-Origin' header when the credentials flag is true. Origin 'https://www.example.com' is therefore not allowed access. The credentials mode of an XMLHttpRequest is controlled by the withCredentials attribute.");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("WildcardOriginNotAllowed")
    );
    assert_eq!(f.request.credentials, "include");
    assert_eq!(f.request.origin.as_deref(), Some("https://www.example.com"));

    // Chrome 64–72: "Redirect from 'U0' to 'U' has been blocked by CORS policy: …".
    let f = old_chrome("XMLHttpRequest cannot load http://api.site.test/forums/. Redirect from 'http://api.site.test/forums/' to 'http://api.site.test/forums' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://site.test' is therefore not allowed access.");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.cause.kind.as_str(), "redirect");
    assert_eq!(f.request.origin.as_deref(), Some("http://site.test"));

    // The reason alone (no "Access to fetch at …"): the error, and the URL named as missing.
    for (text, error) in [
        ("Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://127.0.0.1:8888' is therefore not allowed access. The response had HTTP status code 403.", "PreflightMissingAllowOriginHeader"),
        ("\"... has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.\"", "PreflightInvalidAllowCredentials"),
        ("`TypeError: Failed to fetch` with `has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.`", "PreflightMissingAllowOriginHeader"),
    ] {
        let f = old_chrome(text);
        assert_eq!(f.browser.cors_error.as_deref(), Some(error), "{text}");
        assert!(
            f.missing.iter().any(|m| m.starts_with("the request's URL")),
            "{:?}",
            f.missing
        );
    }
}

#[test]
fn old_chrome_lookalikes_are_not_read_as_old_chrome() {
    // Today's Chrome resource line and an unknown reason are not old CORS messages.
    assert!(whycors::diagnose(
        "Failed to load resource: net::ERR_FAILED",
        &whycors::Options::default()
    )
    .is_err());
    assert!(whycors::diagnose(
        "Failed to load https://api.x.example/y: the server is on fire. Origin 'https://a.example' is therefore not allowed access.",
        &whycors::Options::default()
    )
    .is_err());
    // Safari's sentence stays Safari's: no Chromium error is claimed for it.
    let r = whycors::diagnose(
        "XMLHttpRequest cannot load https://api.x.example/y due to access control checks.",
        &whycors::Options::default(),
    )
    .expect("Safari's message reads");
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].browser.cors_error, None);
}

// ------------------------------------------------- commands pasted with what they printed

/// `curl -i` output that starts with the command (a prompt, continuation lines): the
/// command is the request, so a hand-made preflight and its answer are read as one.
#[test]
fn curl_i_output_after_its_command() {
    let text = "me@box:~/app$ curl -i 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items' \\\n  -X OPTIONS \\\n  -H 'Origin: https://app.example.com' \\\n  -H 'Access-Control-Request-Method: POST'\nHTTP/2 403 \ncontent-type: application/json\nx-amzn-errortype: MissingAuthenticationTokenException\n\n{\"message\":\"Missing Authentication Token\"}\n";
    assert_eq!(detect(text), Some(InputKind::HttpText));
    let ex = read(text).unwrap().exchanges;
    assert_eq!(ex.len(), 1);
    let e = &ex[0];
    assert_eq!(e.request.method, "POST");
    assert_eq!(
        e.request.url,
        "https://abc123.execute-api.us-east-1.amazonaws.com/prod/items"
    );
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(e.location, "line 1");
    let PreflightCapture::Captured(p) = &e.preflight else {
        panic!("no preflight: {:?}", e.preflight);
    };
    assert_eq!(p.response.as_ref().map(|r| r.status), Some(403));
    // The same without the prompt, and with a "$ " prompt.
    for t in [
        text.replacen("me@box:~/app$ ", "", 1),
        text.replacen("me@box:~/app$ ", "$ ", 1),
    ] {
        assert_eq!(detect(&t), Some(InputKind::HttpText), "{t}");
        assert_eq!(read(&t).unwrap().exchanges, ex);
    }
}

/// Two commands, each followed by its output: two requests, the preflight paired with the
/// request after it.
#[test]
fn curl_i_session_preflight_then_request() {
    let text = "$ curl -si -X OPTIONS https://api.example.com/v1/a -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: PUT'\nHTTP/1.1 204 No Content\nAccess-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Methods: GET, POST\n\n$ curl -si -X PUT https://api.example.com/v1/a -H 'Origin: https://app.example.com' -d '{}'\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://app.example.com\n\n{}\n";
    let parsed = read(text).unwrap();
    assert_eq!(parsed.kind, InputKind::HttpText);
    assert_eq!(parsed.exchanges.len(), 1);
    let e = &parsed.exchanges[0];
    assert_eq!(e.request.method, "PUT");
    assert_ne!(e.request.body, BodyKind::None, "-d sends a body");
    assert!(
        matches!(&e.preflight, PreflightCapture::Captured(p) if p.response.as_ref().is_some_and(|r| r.status == 204))
    );
    assert_eq!(e.response.as_ref().map(|r| r.status), Some(200));
}

/// `curl -v` after its command: the command's URL is the full one (the port, the scheme).
#[test]
fn curl_v_after_its_command_takes_its_url() {
    // The TLS lines were cut from this paste: curl -v alone reads as http.
    let text = "$ curl -v 'https://api.example.com:8443/v1/me?x=1' -H 'Origin: https://app.example.com'\n* Connected to api.example.com (203.0.113.7) port 8443\n> GET /v1/me?x=1 HTTP/1.1\n> Host: api.example.com:8443\n> Origin: https://app.example.com\n>\n< HTTP/1.1 401 Unauthorized\n< Content-Length: 0\n<\n";
    let want = "https://api.example.com:8443/v1/me?x=1";
    let parsed = read(text).unwrap();
    assert_eq!(parsed.kind, InputKind::CurlVerbose);
    assert_eq!(parsed.exchanges[0].request.url, want);
    assert_eq!(parsed.exchanges[0].location, "line 3");
    // Other prompts: zsh's, PowerShell's with curl.exe.
    for prompt in ["% curl ", "PS C:\\Users\\me> curl.exe "] {
        let t = text.replacen("$ curl ", prompt, 1);
        assert_eq!(read(&t).unwrap().exchanges[0].request.url, want, "{prompt}");
    }
    let alone: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
    assert_eq!(
        read(&alone).unwrap().exchanges[0].request.url,
        "http://api.example.com:8443/v1/me?x=1"
    );
}

/// DevTools' "Copy all as cURL": bash joins the commands with " ;\n", cmd with " &\r\n".
#[test]
fn copy_all_as_curl() {
    let bash = fixture("copy_as_curl_bash.txt");
    let two = format!(
        "{} ;\n{}",
        bash.trim_end(),
        bash.trim_end().replace("/7?", "/8?")
    );
    assert_eq!(detect(&two), Some(InputKind::CurlCommand));
    let ex = read(&two).unwrap().exchanges;
    assert_eq!(ex.len(), 2);
    assert_eq!(
        ex[1].request.url,
        "https://api.example.com/v2/items/8?draft=1"
    );
    let first_line = bash.trim_end().lines().count() + 1;
    assert_eq!(ex[1].location, format!("line {first_line}"));
    let one = read(&bash).unwrap().exchanges;
    assert_eq!(ex[0], one[0]);

    let cmd = fixture("copy_as_curl_cmd.txt");
    let two = format!(
        "{} &\r\n{}",
        cmd.trim_end(),
        cmd.trim_end().replace("/7?", "/9?")
    );
    let ex = read(&two).unwrap().exchanges;
    assert_eq!(ex.len(), 2);
    assert_eq!(
        ex[1].request.url,
        "https://api.example.com/v2/items/9?draft=1"
    );
    assert_eq!(ex[1].request.method, "PUT");
    assert_eq!(ex[0], read(&cmd).unwrap().exchanges[0]);
}

/// A pipe, `&&`, a comment line: still commands; what is not a command or curl's output
/// with headers gets a located error saying what to paste.
#[test]
fn commands_with_pipes_comments_and_what_follows() {
    let t = "# the failing call\ncurl -s https://api.example.com/x -H 'Origin: https://a.example' | jq . && curl -s https://api.example.com/y -H 'Origin: https://a.example'\n";
    let ex = read(t).unwrap_or_else(|e| panic!("{e}")).exchanges;
    assert_eq!(ex.len(), 2, "{ex:?}");
    assert_eq!(ex[0].request.url, "https://api.example.com/x");
    assert_eq!(ex[0].location, "line 2");
    assert_eq!(ex[1].request.url, "https://api.example.com/y");

    // A redirection's '&' does not end the command; '&&' does.
    let t = "curl -sv https://api.example.com/x -H 'Origin: https://a.example' 2>&1 && curl -s https://api.example.com/y -H 'Origin: https://a.example'\n";
    let ex = read(t).unwrap().exchanges;
    assert_eq!(ex.len(), 2, "{ex:?}");
    assert_eq!(ex[0].page_origin.as_deref(), Some("https://a.example"));

    // Only the body was printed (no -i): the error names the line and says what to do.
    let t = "curl https://api.example.com/x -H 'Origin: https://a.example'\n{\"message\":\"Forbidden\"}\n";
    let e = read(t).unwrap_err();
    assert_eq!(line_of(&e), Some(2));
    assert!(e.message.contains("curl -i or curl -v"), "{}", e.message);

    // A wrapped command whose lines go on with options but no backslashes is one command.
    let t = "curl https://api.example.com/x\n  -X PUT\n  -H 'Origin: https://a.example'\n";
    let ex = read(t).unwrap().exchanges;
    assert_eq!(ex.len(), 1);
    assert_eq!(ex[0].request.method, "PUT");

    // A quoted argument over several lines does not end the command.
    let t = "curl https://api.example.com/x -H 'Origin: https://a.example' --data-raw '{\n  \"a\": 1\n}' -H 'Content-Type: application/json'\n";
    let ex = read(t).unwrap().exchanges;
    assert_eq!(ex.len(), 1);
    assert_eq!(ex[0].request.body, BodyKind::Json);

    // An unterminated quote in a command before curl's output: located there.
    let t = "$ curl -i 'https://api.example.com/x -H Origin:\nHTTP/1.1 200 OK\n";
    let e = read(t).unwrap_err();
    assert_eq!(line_of(&e), Some(1), "{e}");
}

/// DevTools' "Copy all as fetch" joins the calls with " ;\n": one exchange each, located.
#[test]
fn copy_all_as_fetch() {
    let one = fixture("copy_as_fetch.txt");
    let two = format!(
        "{} ;\n{}",
        one.trim_end(),
        one.trim_end().replace("/graphql", "/v2/graphql")
    );
    assert_eq!(detect(&two), Some(InputKind::FetchCommand));
    let ex = read(&two).unwrap().exchanges;
    assert_eq!(ex.len(), 2);
    assert_eq!(ex[0], read(&one).unwrap().exchanges[0]);
    assert_eq!(ex[1].request.url, "https://api.example.com/v2/graphql");
    assert_eq!(
        ex[1].location,
        format!("line {}", one.trim_end().lines().count() + 1)
    );
    // Code after a call is not another call; `prefetch(` is not fetch.
    let t = "await fetch(\"https://api.example.com/a\", {\"method\": \"PUT\"}).then((r) => prefetch(r));\n";
    let ex = read(t).unwrap().exchanges;
    assert_eq!(ex.len(), 1);
    assert_eq!(ex[0].request.method, "PUT");
}

/// HTTPie (and xh) print the response by default: pasted with the command, the command is
/// the request (`[METHOD] URL`, `Header:value` items, `:port` for localhost, data items
/// make a JSON POST); with `-v` the request it printed is the one read.
#[test]
fn httpie_output_after_its_command() {
    let text = "$ http OPTIONS https://abc123.execute-api.us-east-1.amazonaws.com/prod/items Origin:https://app.example.com Access-Control-Request-Method:POST\nHTTP/1.1 403 Forbidden\nContent-Type: application/json\nx-amzn-ErrorType: MissingAuthenticationTokenException\n\n{\n    \"message\": \"Missing Authentication Token\"\n}\n";
    assert_eq!(detect(text), Some(InputKind::HttpText));
    let ex = read(text).unwrap().exchanges;
    assert_eq!(ex.len(), 1);
    assert_eq!(ex[0].request.method, "POST");
    assert_eq!(
        ex[0].page_origin.as_deref(),
        Some("https://app.example.com")
    );
    assert!(
        matches!(&ex[0].preflight, PreflightCapture::Captured(p) if p.response.as_ref().is_some_and(|r| r.status == 403))
    );

    // Items: a JSON data field makes a POST with Content-Type: application/json, a query
    // item goes into the URL, -A bearer -a gives Authorization; xh, `:port` shorthand.
    let text = "xh :8081/v1/items Origin:http://localhost:3000 q==a\\ b name=widget -A bearer -a t0k3n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: http://localhost:3000\n\n{}\n";
    let e = &read(text).unwrap().exchanges[0];
    assert_eq!(e.request.method, "POST");
    assert_eq!(e.request.url, "http://localhost:8081/v1/items?q=a+b");
    assert_eq!(names(e), ["Content-Type", "Authorization"]);
    assert_eq!(
        e.request.headers.get("authorization").as_deref(),
        Some("Bearer t0k3n")
    );
    assert_eq!(e.request.body, BodyKind::Json);

    // `http URL Header:v` (no method): GET; `https` defaults to https://; --form data.
    let text = "https api.example.com/v1/x Origin:https://a.example\nHTTP/1.1 404 Not Found\n\n";
    let e = &read(text).unwrap().exchanges[0];
    assert_eq!(
        (e.request.method.as_str(), e.request.url.as_str()),
        ("GET", "https://api.example.com/v1/x")
    );
    let text = "http --form POST example.com/f Origin:https://a.example a=1\nHTTP/1.1 200 OK\n\n";
    let e = &read(text).unwrap().exchanges[0];
    assert_eq!(e.request.body, BodyKind::Form);

    let text = "http post localhost:8080/a Origin:https://a.example\nHTTP/1.1 200 OK\n\n";
    let e = &read(text).unwrap().exchanges[0];
    assert_eq!(
        (e.request.method.as_str(), e.request.url.as_str()),
        ("POST", "http://localhost:8080/a")
    );

    // -v: the printed request (after the command) is the one read, with the command's URL.
    let text = "$ http -v POST :8081/v1/items Origin:http://localhost:3000 name=widget\nPOST /v1/items HTTP/1.1\nContent-Type: application/json\nHost: localhost:8081\nOrigin: http://localhost:3000\n\n{\n    \"name\": \"widget\"\n}\n\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: http://localhost:3000\n\n{\"id\": 1}\n";
    let ex = read(text).unwrap().exchanges;
    assert_eq!(ex.len(), 1);
    assert_eq!(ex[0].location, "line 2");
    assert_eq!(ex[0].request.url, "http://localhost:8081/v1/items");
    assert_eq!(ex[0].response.as_ref().map(|r| r.status), Some(200));

    // A bad item is located on its line.
    let e = read("http POST example.com/x Origin:https://a.example ??\nHTTP/1.1 200 OK\n\n")
        .unwrap_err();
    assert_eq!(line_of(&e), Some(1));
    assert!(e.message.contains("HTTPie item"), "{}", e.message);
    // A body line that merely starts with "http " is body text, not a command.
    let text = "HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *\n\nhttp is a protocol\n";
    let e = &read(text).unwrap().exchanges[0];
    assert_eq!(
        e.response.as_ref().and_then(|r| r.body.as_deref()),
        Some("http is a protocol")
    );
}

/// Chrome's console copied with the mouse: the console-insights button's label is glued to
/// the end of each entry ("…Understand this errorAI", on the message or on its last stack
/// line), and must not hide the message, its URL or the status of the net:: line.
#[test]
fn chrome_console_with_understand_this_error_labels() {
    let text = "localhost/:1 Access to fetch at 'https://api.example.com/v1/x' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.Understand this errorAI\napp.js:14 \n        \n        \n       POST https://api.example.com/v1/x net::ERR_FAILED 401 (Unauthorized)\nload @ app.js:14\n(anonymous) @ app.js:20Understand this errorAI\napp.js:16 Uncaught (in promise) TypeError: Failed to fetch\n    at load (app.js:14:3)Understand this error\n";
    let parsed = read(text).unwrap();
    assert_eq!(parsed.kind, InputKind::ConsoleError);
    assert_eq!(parsed.exchanges.len(), 1);
    let e = &parsed.exchanges[0];
    assert_eq!(e.request.url, "https://api.example.com/v1/x");
    assert_eq!(e.request.method, "POST");
    let o = e.observed.as_ref().expect("what Chrome said");
    assert_eq!(
        o.cors_error.as_deref(),
        Some("PreflightWildcardOriginNotAllowed")
    );
    // The same text without the labels reads the same.
    let clean = text
        .replace("Understand this errorAI", "")
        .replace("Understand this error", "");
    assert_eq!(read(&clean).unwrap().exchanges, parsed.exchanges);
}

/// Insomnia's timeline is libcurl's verbose output after "* Preparing request to <URL>":
/// the URL is the full one (here the scheme, which the lines after it do not tell).
#[test]
fn insomnia_timeline_takes_the_full_url() {
    let text = "* Preparing request to https://api.example.com:8443/v1/me\n* Current time is 2026-12-04T10:00:00.000Z\n* Connected to api.example.com (203.0.113.7) port 8443\n> GET /v1/me HTTP/1.1\n> Host: api.example.com:8443\n> Origin: https://app.example.com\n\n< HTTP/1.1 401 Unauthorized\n< Content-Length: 0\n\n* Received 0 B chunk\n";
    let parsed = read(text).unwrap();
    assert_eq!(parsed.kind, InputKind::CurlVerbose);
    assert_eq!(
        parsed.exchanges[0].request.url,
        "https://api.example.com:8443/v1/me"
    );
    assert_eq!(
        parsed.exchanges[0].response.as_ref().map(|r| r.status),
        Some(401)
    );
}

// ------------------------------------------- a console message with the request's HTTP text

const THROTTLED_MESSAGE: &str = "Access to fetch at 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.";

/// A bug report's paste: the console message, a label, then the response headers DevTools
/// showed. One request: the browser's words and the real response together.
#[test]
fn console_message_with_the_response_headers() {
    let text = format!("{THROTTLED_MESSAGE}\n\nResponse headers:\nHTTP/2 429\ncontent-type: application/json\nx-amzn-errortype: TooManyRequestsException\nx-amz-apigw-id: AbCdEfGhIjKlMnO=\n\n{{\"message\":\"Too Many Requests\"}}\n");
    let parsed = read(&text).unwrap();
    assert_eq!(parsed.kind, InputKind::ConsoleError);
    assert_eq!(parsed.exchanges.len(), 1);
    let e = &parsed.exchanges[0];
    assert_eq!(
        e.request.url,
        "https://abc123.execute-api.us-east-1.amazonaws.com/prod/items"
    );
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(
        e.observed.as_ref().and_then(|o| o.cors_error.as_deref()),
        Some("MissingAllowOriginHeader")
    );
    let r = e.response.as_ref().expect("the pasted response");
    assert_eq!(r.status, 429);
    assert_eq!(
        r.headers.get("x-amzn-errortype").as_deref(),
        Some("TooManyRequestsException")
    );
    assert_eq!(e.location, "line 1");
    // The message alone has no response headers.
    let alone = &read(THROTTLED_MESSAGE).unwrap().exchanges[0];
    assert!(alone.response.as_ref().is_none_or(|r| r.headers.is_empty()));
}

/// The message is about the preflight and the pasted response has no request: it is the
/// preflight's response, and the actual request never went out.
#[test]
fn console_preflight_message_with_a_bare_response() {
    let text = "Access to XMLHttpRequest at 'https://api.example.com/v1/items' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nPOST https://api.example.com/v1/items net::ERR_FAILED\n\nHTTP/1.1 401 Unauthorized\nwww-authenticate: Bearer\ncontent-length: 0\n";
    let e = &read(text).unwrap().exchanges[0];
    assert_eq!(e.request.method, "POST");
    let PreflightCapture::Captured(p) = &e.preflight else {
        panic!("no preflight: {:?}", e.preflight);
    };
    assert_eq!(p.response.as_ref().map(|r| r.status), Some(401));
    assert_eq!(
        p.request_headers.get("origin").as_deref(),
        Some("https://app.example.com")
    );
    assert!(e.response.is_none());
}

/// The message with a curl session for its URL (matched by URL), and HTTP text for another
/// URL (kept as its own request); unreadable HTTP text leaves the message read alone.
#[test]
fn console_message_with_curl_output() {
    let text = format!("{THROTTLED_MESSAGE}\n$ curl -si https://abc123.execute-api.us-east-1.amazonaws.com/prod/items -H 'Origin: https://app.example.com'\nHTTP/2 429\nx-amzn-errortype: TooManyRequestsException\n\n$ curl -si https://other.example.com/x -H 'Origin: https://app.example.com'\nHTTP/2 200\naccess-control-allow-origin: https://app.example.com\n\n");
    let parsed = read(&text).unwrap();
    assert_eq!(parsed.exchanges.len(), 2, "{:?}", parsed.exchanges);
    assert_eq!(
        parsed.exchanges[0].response.as_ref().map(|r| r.status),
        Some(429)
    );
    assert!(parsed.exchanges[0].observed.is_some());
    assert_eq!(
        parsed.exchanges[1].request.url,
        "https://other.example.com/x"
    );
    assert!(parsed.exchanges[1].observed.is_none());

    let broken = format!("{THROTTLED_MESSAGE}\nHTTP/2 429\nnot a header line\n");
    let parsed = read(&broken).unwrap();
    assert_eq!(parsed.exchanges.len(), 1);
    assert_eq!(
        parsed.exchanges[0],
        read(THROTTLED_MESSAGE).unwrap().exchanges[0]
    );
}

/// Recorded sessions (real curl 8 and HTTPie 3 output against the lab, hosts renamed) and
/// a console message with its response headers: each read to its request (they also seed
/// the fuzzer, which starts from tests/data).
#[test]
fn recorded_sessions() {
    let e = &read_fixture("curl_i_session_preflight.txt", InputKind::HttpText)[0];
    assert_eq!(e.request.method, "PUT");
    assert_eq!(e.page_origin.as_deref(), Some("http://app.example.com"));
    assert!(
        matches!(&e.preflight, PreflightCapture::Captured(p) if p.response.as_ref().is_some_and(|r| r.status == 403))
    );

    let e = &read_fixture("httpie_v_session.txt", InputKind::HttpText)[0];
    assert_eq!(e.request.method, "POST");
    assert_eq!(e.request.url, "http://api.example.com/mode/rest-no-options");
    assert_eq!(e.request.body, BodyKind::Json);
    assert_eq!(e.response.as_ref().map(|r| r.status), Some(200));

    let e = &read_fixture("console_with_response_headers.txt", InputKind::ConsoleError)[0];
    assert_eq!(e.response.as_ref().map(|r| r.status), Some(429));
    assert!(e.observed.is_some());
}

/// The console message above a copy of DevTools' Headers view (Chromium 156's, recorded):
/// one request with the browser's words and the real response.
#[test]
fn console_message_with_the_headers_view() {
    let view = std::fs::read_to_string(format!(
        "{}/tests/data/devtools/chromium-156-rest-throttled.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let message = "Access to fetch at 'http://api.localhost:33307/mode/rest-throttled' from origin 'http://app.localhost:34655' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.";
    let text = format!("{message}\n\n{view}");
    let parsed = read(&text).unwrap();
    assert_eq!(parsed.kind, InputKind::ConsoleError);
    assert_eq!(parsed.exchanges.len(), 1, "{:?}", parsed.exchanges);
    let e = &parsed.exchanges[0];
    assert_eq!(e.request.method, "POST");
    assert_eq!(e.response.as_ref().map(|r| r.status), Some(429));
    assert!(
        matches!(&e.preflight, PreflightCapture::Captured(p) if p.response.as_ref().is_some_and(|r| r.status == 200))
    );
    assert_eq!(
        e.observed.as_ref().and_then(|o| o.cors_error.as_deref()),
        Some("MissingAllowOriginHeader")
    );
}

/// A bug report: prose around the pastes. The prose is left out, the rest read as above.
#[test]
fn console_message_and_http_text_among_prose() {
    let text = format!("I get this in Chrome when the page calls our API:\n\n{THROTTLED_MESSAGE}\n\nThe Network tab shows this response\nHTTP/2 429\nx-amzn-errortype: TooManyRequestsException\n\n{{\"message\":\"Too Many Requests\"}}\n\nand curl says the same thing, so it is not our CORS config:\n$ curl -si https://other.example.com/x -H 'Origin: https://app.example.com'\nHTTP/2 200\naccess-control-allow-origin: https://app.example.com\n\nAny idea?\n");
    let parsed = read(&text).unwrap();
    assert_eq!(parsed.exchanges.len(), 2, "{:?}", parsed.exchanges);
    let e = &parsed.exchanges[0];
    assert_eq!(e.response.as_ref().map(|r| r.status), Some(429));
    assert!(e.observed.is_some());
    assert_eq!(
        parsed.exchanges[1].response.as_ref().map(|r| r.status),
        Some(200)
    );
}

#[test]
fn a_hand_made_request_without_origin_does_not_decide_a_missing_allow_origin() {
    // `curl -i` without `-H 'Origin: …'`: a server that echoes an allowed Origin sends no
    // CORS headers to it, so a 200 without them says nothing about the browser's request.
    let bare = "$ curl -i https://api.example.com/v1/items\nHTTP/2 200 \ncontent-type: application/json\ncontent-length: 2\n\n[]\n";
    let r = whycors::diagnose(bare, &whycors::Options::default()).expect("reads");
    let f = &r.findings[0];
    assert!(!f.browser.blocked, "{:?}", f.checks);
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::Unknown);
    assert!(
        f.missing
            .iter()
            .any(|m| m.contains("without an `Origin` header")),
        "{:?}",
        f.missing
    );
    // With the page's Origin sent, the same answer is the browser's: blocked.
    let with = bare.replace(
        "v1/items\n",
        "v1/items -H 'Origin: https://app.example.com'\n",
    );
    let r = whycors::diagnose(&with, &whycors::Options::default()).expect("reads");
    let f = &r.findings[0];
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    // An error answer without CORS headers is judged even without Origin (a gateway's
    // own errors never carry them).
    let err = bare.replace("HTTP/2 200 ", "HTTP/2 502 ");
    let r = whycors::diagnose(&err, &whycors::Options::default()).expect("reads");
    assert!(r.findings[0].browser.blocked);
}

// ------------------------------------------- response headers printed by other tools

/// The response read from a dump of response headers, and its one finding.
fn dumped(name: &str) -> (Exchange, whycors::report::Finding) {
    let mut ex = read_fixture(name, InputKind::HttpText);
    assert_eq!(ex.len(), 1, "{name}");
    let text = fixture(name);
    let r = whycors::diagnose(&text, &whycors::Options::default()).expect("reads");
    assert_eq!(r.input, "http_text");
    assert_eq!(r.findings.len(), 1, "{name}");
    (
        ex.remove(0),
        r.findings.into_iter().next().expect("one finding"),
    )
}

fn header(e: &Exchange, name: &str) -> Option<String> {
    e.response
        .as_ref()
        .and_then(|r| r.headers.get(name))
        .map(|v| v.into_owned())
}

/// The same headers pasted as a raw header block give the same finding (but for where).
fn same_as_bare_block(name: &str, bare: &str) {
    let opts = whycors::Options::default();
    let a = whycors::diagnose(&fixture(name), &opts).expect("reads");
    let b = whycors::diagnose(bare, &opts).expect("reads");
    let json = |r: &whycors::report::Report| {
        let mut v = serde_json::to_value(r).expect("serializes");
        for f in v["findings"].as_array_mut().expect("findings") {
            f["location"] = serde_json::Value::Null;
        }
        v
    };
    assert_eq!(json(&a), json(&b), "{name}");
}

#[test]
fn postman_headers_table_tab_separated() {
    let (e, f) = dumped("postman_headers_tab.txt");
    assert_eq!(e.request.method_known, Known::Unknown);
    assert_eq!(e.request.url, "");
    let r = e.response.as_ref().expect("response");
    assert_eq!(r.status, 0);
    assert_eq!(r.headers.len(), 7);
    assert_eq!(r.headers.0[5].name, "x-amzn-ErrorType");
    assert_eq!(
        header(&e, "x-amzn-errortype").as_deref(),
        Some("TooManyRequestsException")
    );
    assert_eq!(e.location, "line 1");
    assert!(f.browser.blocked);
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::GatewayError);
    same_as_bare_block(
        "postman_headers_tab.txt",
        "Date: Tue, 03 Mar 2026 10:12:44 GMT\nContent-Type: application/json\nContent-Length: 31\nConnection: keep-alive\nx-amzn-RequestId: 0c4a5f2e-1b2d-4c8e-9a5f-6e7d8c9b0a1f\nx-amzn-ErrorType: TooManyRequestsException\nx-amz-apigw-id: Kd8xYHqJoAMEbXw=\n",
    );
}

#[test]
fn postman_headers_table_with_its_key_value_title() {
    let (e, f) = dumped("postman_headers_key_value.txt");
    let r = e.response.as_ref().expect("response");
    // The "Key  Value" title row is no header.
    assert_eq!(r.headers.len(), 5);
    assert!(!r.headers.contains("key"));
    assert_eq!(
        header(&e, "access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert_eq!(e.location, "line 2");
    assert!(!f.browser.blocked);
    same_as_bare_block(
        "postman_headers_key_value.txt",
        "Date: Tue, 03 Mar 2026 10:12:44 GMT\nContent-Type: application/json\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Credentials: true\nVary: Origin\n",
    );
    // Not every line a tab row: not Postman's table.
    assert_eq!(detect("Date\tTue\nthis is prose\n"), None);
}

#[test]
fn wget_server_response() {
    let (e, f) = dumped("wget_s.txt");
    assert_eq!(e.request.method, "GET");
    assert_eq!(e.request.url, "https://api.example.com/v1/items");
    assert_eq!(e.page_origin, None);
    let r = e.response.as_ref().expect("response");
    assert_eq!(r.status, 403);
    assert_eq!(r.status_text, "Forbidden");
    assert_eq!(header(&e, "server").as_deref(), Some("nginx"));
    // Only the indented lines are the response's.
    assert_eq!(r.headers.len(), 5);
    assert_eq!(e.location, "line 1");
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::ResponseMissingCors);
    assert_eq!(f.cause.status, Some(403));

    // Without -S wget prints no headers: say so.
    let e = read("--2026-03-03 10:12:44--  https://api.example.com/v1/items\nResolving api.example.com (api.example.com)... 203.0.113.10\nHTTP request sent, awaiting response... 403 Forbidden\n2026-03-03 10:12:44 ERROR 403: Forbidden.\n");
    let e = e.unwrap_err();
    assert_eq!(line_of(&e), Some(3));
    assert!(e.message.contains("-S (--server-response)"), "{e}");
}

#[test]
fn wget_follows_a_redirect_as_a_chain() {
    let (e, f) = dumped("wget_s_redirect.txt");
    assert_eq!(e.request.url, "https://api.example.com/old");
    assert_eq!(e.redirects.len(), 1);
    assert_eq!(e.redirects[0].response.status, 301);
    assert_eq!(
        e.redirects[0].response.location().as_deref(),
        Some("https://login.example.com/new")
    );
    let r = e.response.as_ref().expect("final response");
    assert_eq!(r.status, 200);
    assert_eq!(header(&e, "content-type").as_deref(), Some("text/html"));
    // The `$ wget -S …` command line is line 1; the first URL line is line 2.
    assert_eq!(e.location, "line 2");
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::Redirect);
}

#[test]
fn python_requests_headers_dict() {
    let (e, f) = dumped("python_requests_headers.txt");
    assert_eq!(e.request.method_known, Known::Unknown);
    let r = e.response.as_ref().expect("response");
    assert_eq!(r.status, 0);
    assert_eq!(r.headers.len(), 7);
    assert_eq!(
        header(&e, "x-amz-apigw-id").as_deref(),
        Some("Kd8xYHqJoAMEbXw=")
    );
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::GatewayError);
    same_as_bare_block(
        "python_requests_headers.txt",
        "Date: Tue, 03 Mar 2026 10:12:44 GMT\nContent-Type: application/json\nContent-Length: 29\nConnection: keep-alive\nx-amzn-RequestId: 0c4a5f2e-1b2d\nx-amzn-ErrorType: TooManyRequestsException\nx-amz-apigw-id: Kd8xYHqJoAMEbXw=\n",
    );
    // requests' CaseInsensitiveDict prints the same dict, lower-case or not.
    let (e, f) = dumped("python_requests_lowercase.txt");
    assert_eq!(
        header(&e, "access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert!(!f.browser.blocked);
    same_as_bare_block(
        "python_requests_lowercase.txt",
        "date: Tue, 03 Mar 2026 10:12:44 GMT\ncontent-type: application/json\naccess-control-allow-origin: *\naccess-control-allow-credentials: true\n",
    );
    // urllib3's HTTPHeaderDict repr, escapes and a value list.
    let ex = read(
        "HTTPHeaderDict({'Vary': 'Origin', \"X-Note\": 'it\\'s', 'Set-Cookie': ['a=1', 'b=2']})",
    )
    .expect("reads")
    .exchanges;
    let r = ex[0].response.as_ref().expect("response");
    assert_eq!(r.headers.get("x-note").as_deref(), Some("it's"));
    assert_eq!(
        r.headers.iter().filter(|h| h.name == "Set-Cookie").count(),
        2
    );
}

#[test]
fn python_interactive_session() {
    let (e, f) = dumped("python_requests_session.txt");
    assert_eq!(e.request.method, "GET");
    assert_eq!(e.request.method_known, Known::Stated);
    assert_eq!(e.request.url, "https://api.example.com/v1/items");
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    let r = e.response.as_ref().expect("response");
    assert_eq!(r.status, 200);
    // The status came from `r.status_code`: no HTTP version is stated.
    assert_eq!(r.http_version, None);
    assert_eq!(header(&e, "vary").as_deref(), Some("Origin"));
    assert_eq!(e.location, "line 1");
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::HeaderMismatch);

    // A hand-made preflight: the response is the preflight's.
    let text = ">>> import requests\n>>> r = requests.options('https://api.example.com/v1/items', headers={'Origin': 'https://app.example.com', 'Access-Control-Request-Method': 'PUT'})\n>>> r.status_code\n204\n>>> r.headers\n{'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Methods': 'GET, POST', 'Vary': 'Origin'}\n";
    let ex = read(text).expect("reads").exchanges;
    assert_eq!(ex.len(), 1);
    assert_eq!(ex[0].request.method, "PUT");
    assert!(ex[0].response.is_none());
    let pf = ex[0].captured_preflight().expect("preflight");
    assert_eq!(pf.response.as_ref().map(|r| r.status), Some(204));
    let r = whycors::diagnose(text, &whycors::Options::default()).expect("reads");
    assert_eq!(
        r.findings[0].browser.cors_error.as_deref(),
        Some("MethodDisallowedByPreflightResponse")
    );

    // IPython's prompts, a banner before them, a call over two lines, a JSON body.
    let text = "Python 3.12.1 (main, Dec  8 2023, 05:40:51) [GCC 11.4.0]\nIPython 8.20.0 -- An enhanced Interactive Python.\n\nIn [1]: import requests\n\nIn [2]: r = requests.post(\"https://api.example.com/v1/login\",\n   ...:     headers={\"Origin\": \"http://localhost:5173\"}, json={\"email\": \"a@b.c\"})\n\nIn [3]: r.status_code\nOut[3]: 401\n\nIn [4]: r.headers\nOut[4]: {'Date': 'Tue, 03 Mar 2026 10:12:44 GMT', 'Content-Type': 'application/json', 'Vary': 'Origin'}\n";
    assert_eq!(detect(text), Some(InputKind::HttpText));
    let ex = read(text).expect("reads").exchanges;
    assert_eq!(ex[0].request.method, "POST");
    assert_eq!(ex[0].request.body, BodyKind::Json);
    assert_eq!(ex[0].page_origin.as_deref(), Some("http://localhost:5173"));
    assert_eq!(ex[0].response.as_ref().map(|r| r.status), Some(401));
    assert_eq!(ex[0].location, "line 6");
}

#[test]
fn node_and_axios_header_objects() {
    let (e, f) = dumped("node_axios_headers.txt");
    let r = e.response.as_ref().expect("response");
    assert_eq!(r.headers.len(), 7);
    // Unquoted keys read as well as quoted ones.
    assert_eq!(header(&e, "connection").as_deref(), Some("close"));
    assert_eq!(
        header(&e, "content-type").as_deref(),
        Some("application/json; charset=utf-8")
    );
    // The first header's line, not the `AxiosHeaders {` line.
    assert_eq!(e.location, "line 2");
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::GatewayError);
    same_as_bare_block(
        "node_axios_headers.txt",
        "content-type: application/json; charset=utf-8\ncontent-length: 27\nx-amzn-requestid: 0c4a5f2e-1b2d\nx-amzn-errortype: TooManyRequestsException\nx-amz-apigw-id: Kd8xYHqJoAMEbXw=\ndate: Tue, 03 Mar 2026 10:12:44 GMT\nconnection: close\n",
    );

    let (e, f) = dumped("node_incoming_headers.txt");
    let r = e.response.as_ref().expect("response");
    // An array is the header repeated; a string cut with `+` is one value.
    let cookies: Vec<&str> = r
        .headers
        .iter()
        .filter(|h| h.name == "set-cookie")
        .map(|h| h.value.as_str())
        .collect();
    assert_eq!(
        cookies,
        [
            "session=abc; Path=/; HttpOnly; Secure; SameSite=None",
            "theme=dark; Path=/"
        ]
    );
    assert!(header(&e, "content-security-policy")
        .is_some_and(|v| v.ends_with("frame-ancestors 'self' https://app.example.com")));
    assert!(!f.browser.blocked);
    // Node's fetch: `console.log(res.headers)`.
    let ex = read("Headers {\n  date: 'Tue, 03 Mar 2026 10:12:44 GMT',\n  'access-control-allow-origin': '*'\n}")
        .expect("reads")
        .exchanges;
    assert_eq!(ex[0].location, "line 2");
    assert_eq!(
        ex[0]
            .response
            .as_ref()
            .and_then(|r| r.headers.get("access-control-allow-origin"))
            .as_deref(),
        Some("*")
    );
    // A plain object printed by console.log.
    let ex = read("{ 'access-control-allow-origin': 'https://a.example', vary: 'Origin' }")
        .expect("reads")
        .exchanges;
    assert_eq!(
        ex[0]
            .response
            .as_ref()
            .and_then(|r| r.headers.get("vary"))
            .as_deref(),
        Some("Origin")
    );
}

#[test]
fn powershell_headers_table() {
    let (e, f) = dumped("powershell_headers_table.txt");
    // The command it was printed by gives the request.
    assert_eq!(e.request.method, "GET");
    assert_eq!(e.request.url, "https://api.example.com/v1/items");
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(e.source, InputKind::HttpText);
    let r = e.response.as_ref().expect("response");
    assert_eq!(r.headers.len(), 4);
    assert_eq!(
        header(&e, "access-control-allow-origin").as_deref(),
        Some("https://app.example.com")
    );
    assert_eq!(
        header(&e, "date").as_deref(),
        Some("Tue, 03 Mar 2026 10:12:44 GMT")
    );
    assert_eq!(e.location, "line 1");
    assert!(!f.browser.blocked);
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::Ok);

    // PowerShell 7: values in braces, the status printed apart; `StatusCode : 403` is not
    // DevTools' "Status Code" row.
    let (e, f) = dumped("powershell7_response.txt");
    assert_eq!(e.request.method, "POST");
    assert_eq!(e.request.url, "https://api.example.com/v1/orders");
    assert_eq!(e.page_origin.as_deref(), Some("https://shop.example.com"));
    let r = e.response.as_ref().expect("response");
    assert_eq!(r.status, 403);
    assert_eq!(header(&e, "server").as_deref(), Some("cloudflare"));
    assert_eq!(
        header(&e, "content-type").as_deref(),
        Some("text/html; charset=UTF-8")
    );
    assert!(f.browser.blocked);
    assert_eq!(f.cause.status, Some(403));
}

#[test]
fn header_dumps_cut_short_or_misquoted_name_the_line() {
    // A dict cut short: the line it opened on.
    let e = read("{'Date': 'Tue, 03 Mar 2026 10:12:44 GMT', 'Vary': 'Origin',").unwrap_err();
    assert_eq!(e.kind, Some(InputKind::HttpText));
    assert_eq!(line_of(&e), Some(1));
    assert!(e.message.contains("closing '}'"), "{e}");
    // A string without its closing quote: its line and column.
    let e =
        read("AxiosHeaders {\n  'content-type': 'application/json',\n  date: 'Tue, 03 Mar\n}\n")
            .unwrap_err();
    assert_eq!(line_of(&e), Some(3));
    assert_eq!(e.place.column, Some(9));
    assert!(e.message.contains("no closing '"), "{e}");
    // A key that is no header name.
    let e = read("{'Content Type': 'text/html'}").unwrap_err();
    assert_eq!(line_of(&e), Some(1));
    assert!(e.message.contains("not a header name"), "{e}");
    // In a Python session, the output's own line.
    let e = read(">>> r = requests.get('https://a.example/x')\n>>> r.headers\n{'Date': 'x', 'Vary': 'Origin'\n>>> r.status_code\n200\n")
        .unwrap_err();
    assert_eq!(line_of(&e), Some(3));
    // A wget header line that is none: the input's line.
    let e = read("--2026-03-03 10:12:44--  https://api.example.com/v1/items\nHTTP request sent, awaiting response... \n  HTTP/1.1 403 Forbidden\n  Server: nginx\n  this is no header\n").unwrap_err();
    assert_eq!(line_of(&e), Some(5));
    // HAR and other JSON are still the HAR reader's.
    assert_eq!(detect("{\"log\": {\"entries\": []}}"), Some(InputKind::Har));
    assert_eq!(detect("{\"Date\": \"x\"}"), Some(InputKind::Har));
    // An object whose unquoted first key is no header name is not taken for headers.
    assert_eq!(detect("{ log: 'x' }"), Some(InputKind::Har));
}

#[test]
fn axios_and_angular_errors_say_the_reason_is_withheld() {
    let text = fixture("axios_error.json");
    assert_eq!(detect(&text), Some(InputKind::ConsoleError));
    let e = read(&text).unwrap_err();
    assert_eq!(e.kind, Some(InputKind::ConsoleError));
    assert_eq!(line_of(&e), Some(2));
    assert!(
        e.message.contains("POST https://api.example.com/v1/login"),
        "{e}"
    );
    assert!(e.message.contains("alone does not say why"), "{e}");
    assert!(e.message.contains("export a HAR"), "{e}");

    let text = fixture("angular_http_error.txt");
    assert_eq!(detect(&text), Some(InputKind::ConsoleError));
    let e = read(&text).unwrap_err();
    assert_eq!(line_of(&e), Some(1));
    assert!(
        e.message.contains("https://api.example.com/api/customers"),
        "{e}"
    );
    assert!(e.message.contains("status 0"), "{e}");
    assert!(e.message.contains("alone does not say why"), "{e}");

    // With the browser's own CORS message beside it, the console reader reads that.
    let with = format!("Access to XMLHttpRequest at 'https://api.example.com/api/customers' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n{text}");
    let p = read(&with).expect("reads the CORS message");
    assert_eq!(p.kind, InputKind::ConsoleError);
    assert_eq!(p.exchanges.len(), 1);
    // The console's own view of the AxiosError object.
    let e = read("AxiosError {message: 'Network Error', name: 'AxiosError', code: 'ERR_NETWORK', config: {…}, request: XMLHttpRequest, …}\n").unwrap_err();
    assert_eq!(e.kind, Some(InputKind::ConsoleError));
    assert_eq!(line_of(&e), Some(1));
    assert!(e.message.contains("alone does not say why"), "{e}");
    // Without the class name, as a plain object: the same refusal, not a header object.
    let e =
        read("{message: 'Network Error', name: 'AxiosError', code: 'ERR_NETWORK', config: {…}}\n")
            .unwrap_err();
    assert_eq!(e.kind, Some(InputKind::ConsoleError));
    assert!(e.message.contains("alone does not say why"), "{e}");
    // An error with a status: the script read the response, CORS let it through.
    let e = read("{\"message\": \"Request failed with status code 404\", \"name\": \"AxiosError\", \"config\": {\"method\": \"get\", \"url\": \"https://api.example.com/x\"}, \"code\": \"ERR_BAD_REQUEST\", \"status\": 404}").unwrap_err();
    assert!(e.message.contains("status 404"), "{e}");
    assert!(e.message.contains("GET https://api.example.com/x"), "{e}");
}

// ---- texts pasted as CORS errors that are something else: said so, at their line ----

fn refused(text: &str) -> whycors::input::InputError {
    whycors::diagnose(text, &whycors::Options::default()).expect_err("not an exchange")
}

#[test]
fn dev_server_proxy_errors_are_named_not_cors() {
    let vite = "10:42:17 AM [vite] http proxy error: /api/users\nError: connect ECONNREFUSED 127.0.0.1:8080\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\n";
    let e = refused(vite);
    assert_eq!(e.place.line, Some(1), "{e}");
    assert!(
        e.message.contains("Vite's proxy error, not a CORS error"),
        "{e}"
    );
    assert!(
        e.message.contains("ECONNREFUSED") && e.message.contains("127.0.0.1:8080"),
        "{e}"
    );

    let next = "Failed to proxy http://localhost:8000/api/items Error: connect ECONNREFUSED ::1:8000\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1494:16) {\n  errno: -61,\n  code: 'ECONNREFUSED',\n}\n";
    let e = refused(next);
    assert!(e.message.contains("Next.js"), "{e}");
    assert!(e.message.contains("http://127.0.0.1:8000"), "{e}");

    let hpm = "Some log\n[webpack-dev-server] [HPM] Error occurred while proxying request localhost:4200/api/login to http://localhost:3000/ [ECONNRESET] (https://nodejs.org/api/errors.html#errors_common_system_errors)\n";
    let e = refused(hpm);
    assert_eq!(e.place.line, Some(2), "{e}");
    assert!(
        e.message.contains("closed the connection") && e.message.contains("http://localhost:3000/"),
        "{e}"
    );

    let cra = "Proxy error: Could not proxy request /api/users from localhost:3000 to https://localhost:5001/.\nSee https://nodejs.org/api/errors.html#errors_common_system_errors for more information (DEPTH_ZERO_SELF_SIGNED_CERT).\n";
    let e = refused(cra);
    assert!(
        e.message.contains("Create React App") && e.message.contains("secure: false"),
        "{e}"
    );
}

#[test]
fn devtools_issues_panel_says_what_to_copy_instead() {
    let text = "Ensure CORS response header values are valid\nA cross-origin resource sharing (CORS) request was blocked because of invalid or missing response headers of the request or the associated preflight request .\nTo fix this issue, ensure the response to the CORS request and/or the associated preflight request are not missing headers and use valid header values.\n1 request\nRequest\tStatus\tPreflight Request (if problematic)\tHeader\tProblem\tInvalid Value (if available)\nitems\tblocked\titems\tAccess-Control-Allow-Origin\tMissing Header\nLearn more: Cross-Origin Resource Sharing (CORS)\n";
    let e = refused(text);
    assert_eq!(e.place.line, Some(1), "{e}");
    assert!(e.message.contains("Issues panel"), "{e}");
    assert!(
        e.message
            .contains("\"items\": Access-Control-Allow-Origin: Missing Header"),
        "{e}"
    );
    assert!(e.message.contains("HAR"), "{e}");
}

/// DevTools' Issues panel's Private Network Access issue (flask-cors#309): no URL, no origin,
/// but its one "To fix this issue" sentence says which of the three kinds it is; the refusal
/// says what it means and what to change instead of "not a HAR file …".
#[test]
fn a_private_network_issue_from_the_issues_panel_is_explained() {
    let preflight = "A site requested a resource from a network that it could only access because of its users' privileged network position. These requests expose devices and servers to the internet, increasing the risk of a cross-site request forgery (CSRF) attack, and/or information leakage.\nTo mitigate these risks, Chrome will require non-public subresources to opt-into being accessed with a preflight request and will start blocking them in Chrome 101 (April 2022).\nTo fix this issue, ensure that response to the preflight request for the private network resource has the Access-Control-Allow-Private-Network header set to true.\n";
    let e = refused(preflight);
    assert_eq!(e.place.line, Some(1), "{e}");
    assert!(e.message.contains("Private Network Access"), "{e}");
    assert!(
        e.message
            .contains("answer OPTIONS with `Access-Control-Allow-Private-Network: true`"),
        "{e}"
    );
    let insecure = "Ensure private network requests are made from secure contexts\nA site requested a resource from a network that it could only access because of its users' privileged network position.\nTo fix this issue, migrate the website that needs to access local resources to HTTPS.\n";
    let e = refused(insecure);
    assert_eq!(e.place.line, Some(1), "{e}");
    assert!(e.message.contains("not a secure context"), "{e}");
    assert!(
        !e.message.contains("Allow-Private-Network: true`. The fix"),
        "{e}"
    );
    let permission = "Intro\n# Ensure that private network requests made from secure context to plaintext resources can gain access based on user permission\nA site requested a resource from a network that it could only access because of its users' privileged network position.\nSetting a `targetAddressSpace` fetch option to `private` or `local` allows secure contexts to fetch private resources.\n";
    let e = refused(permission);
    assert_eq!(e.place.line, Some(2), "{e}");
    assert!(e.message.contains("targetAddressSpace: 'private'"), "{e}");
}

/// Chrome's Cross-Origin Read Blocking line (SanderRonde/CustomRightClickMenu#36, an
/// extension's content script): said what it is, at its line, instead of "not a HAR file".
#[test]
fn a_corb_line_is_explained() {
    let e = refused("Since chrome 73 it fails:\ncrmapi.js:5 Cross-Origin Read Blocking (CORB) blocked cross-origin response https://somedomain.com/ with MIME type text/html. See https://www.chromestatus.com/feature/5629709824032768 for more details.\n");
    assert_eq!(e.place.line, Some(2), "{e}");
    assert!(
        e.message
            .contains("Cross-Origin Read Blocking (CORB), not a CORS check"),
        "{e}"
    );
    assert!(
        e.message.contains("https://somedomain.com/ as text/html"),
        "{e}"
    );
    assert!(e.message.contains("background service worker"), "{e}");
}

/// SvelteKit's server-side fetch imitating the CORS check (sveltejs/kit#6644): a Node error
/// from the framework's server runtime, said to be that, not two blocked browser requests.
#[test]
fn sveltekit_server_side_cors_error_is_no_browsers() {
    let e = refused("### Logs\n\nCORS error: No 'Access-Control-Allow-Origin' header is present on the requested resource\nError: CORS error: No 'Access-Control-Allow-Origin' header is present on the requested resource\n    at fetch (.../node_modules/@sveltejs/kit/src/runtime/server/page/fetch.js:100:15)\n    at async load (/src/routes/+layout.js:8:15)\n");
    assert_eq!(e.place.line, Some(3), "{e}");
    assert!(
        e.message
            .contains("SvelteKit's server-side fetch, not a browser"),
        "{e}"
    );
    // The same words without SvelteKit's stack are a browser's reason, read as before.
    let r = whycors::diagnose("Error: CORS error: No 'Access-Control-Allow-Origin' header is present on the requested resource\n", &whycors::Options::default());
    assert!(r.is_ok());
}

/// A preflight's headers pasted without their status line (PowerShell's table after an
/// `Invoke-WebRequest -Method Options`): the status is unknown, not bad. Before, status 0
/// failed the preflight as PreflightInvalidStatus whatever its headers said.
#[test]
fn a_preflight_without_its_status_line_is_judged_on_its_headers() {
    let text = "PS C:\\> Invoke-WebRequest -Uri https://api.example.com/v1/items -Method Options -Headers @{Origin=\"https://app.example.com\"; \"Access-Control-Request-Method\"=\"PUT\"} | Select-Object -ExpandProperty Headers\n\nKey                           Value\n---                           -----\nAccess-Control-Allow-Origin   https://app.example.com\nAccess-Control-Allow-Methods  GET, POST\n";
    let r = whycors::diagnose(text, &whycors::Options::default()).expect("reads");
    let f = &r.findings[0];
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MethodDisallowedByPreflightResponse")
    );
    assert!(
        f.missing.iter().any(|m| m.contains("status line")),
        "{:?}",
        f.missing
    );
    // Allowed headers: nothing failed, and the verdict does not claim the preflight passed.
    let ok = text.replace("GET, POST", "GET, PUT");
    let r = whycors::diagnose(&ok, &whycors::Options::default()).expect("reads");
    let f = &r.findings[0];
    assert!(!f.browser.blocked);
    assert_ne!(f.cause.kind, whycors::cause::CauseKind::Ok);
}

// ---- pasted from issue trackers and forums, as real reports show them ----

fn one(text: &str) -> whycors::report::Finding {
    let r = whycors::diagnose(text, &whycors::Options::default())
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(r.findings.len(), 1, "{text}");
    r.findings.into_iter().next().expect("one")
}

/// Chrome's message wrapped in quotes or backticks, or without its last period (as GitHub
/// issues show it): the reason is still read. It was "unknown" with no CorsError.
#[test]
fn chrome_message_wrapped_or_without_its_period() {
    let base = "Access to fetch at 'https://api.example.com/v1/apis' from origin 'http://localhost:5173' has been blocked by CORS policy: ";
    for (reason, error) in [
        ("Response to preflight request doesn't pass access control check: It does not have HTTP ok status.", "PreflightInvalidStatus"),
        ("Request header field amz-sdk-invocation-id is not allowed by Access-Control-Allow-Headers in preflight response.", "HeaderDisallowedByPreflightResponse"),
        ("No 'Access-Control-Allow-Origin' header is present on the requested resource.", "MissingAllowOriginHeader"),
    ] {
        let line = format!("{base}{reason}");
        let cut = line.trim_end_matches('.').to_string();
        for text in [
            format!("\"{line}\""),
            format!("`{line}`"),
            cut.clone(),
            format!("\"{cut}\""),
            format!("```{line}```"),
        ] {
            let f = one(&text);
            assert_eq!(f.browser.cors_error.as_deref(), Some(error), "{text}");
        }
    }
    // Old wording without the period.
    let f = one("Failed to load http://oa.example/job/195: Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MethodDisallowedByPreflightResponse")
    );
}

/// Markdown around the paste: fences on their own lines, `>` quotes, a forum's curly
/// quotes in Chrome's message. Each was refused; the lines keep their numbers.
#[test]
fn markdown_fences_quotes_and_curly_quotes_are_taken_off() {
    let headers = "HTTP/1.1 429 Too Many Requests\nContent-Type: application/json\nx-amzn-ErrorType: TooManyRequestsException\nx-amz-apigw-id: Kd8xYHqJoAMEbXw=\n";
    for text in [
        format!("```\n{headers}```\n"),
        format!("```http\n{headers}```"),
        format!("~~~\n{headers}~~~\n"),
        headers
            .lines()
            .map(|l| format!("> {l}\n"))
            .collect::<String>(),
    ] {
        let f = one(&text);
        assert!(f.browser.blocked, "{text}");
        assert_eq!(
            f.cause.kind,
            whycors::cause::CauseKind::GatewayError,
            "{text}"
        );
    }
    // An error still names the user's line: the fence is line 1, the bad status line 2.
    let e = whycors::diagnose(
        "```\nHTTP/1.1 4xx Nope\nA: b\n```\n",
        &whycors::Options::default(),
    )
    .expect_err("a bad status line");
    assert_eq!(e.place.line, Some(2), "{e}");

    let f = one("Access to XMLHttpRequest at \u{2018}https://shop.example/wp-json/wc/v3/products\u{2019} from origin \u{2018}http://localhost:8100\u{2019} has been blocked by CORS policy: The \u{2018}Access-Control-Allow-Origin\u{2019} header contains multiple values \u{2018}*, *\u{2019}, but only one is allowed.");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    assert_eq!(f.request.origin.as_deref(), Some("http://localhost:8100"));

    // curl -v's own "> " request lines are no quote.
    let curl = "> GET /v1/items HTTP/1.1\n> Host: api.example.com\n> Origin: https://app.example.com\n>\n< HTTP/1.1 200 OK\n< Access-Control-Allow-Origin: https://app.example.com\n";
    assert!(!one(curl).browser.blocked);
}

/// Chrome's DevTools before 2018 copied "Name:value" with no space after the colon.
#[test]
fn old_devtools_copy_without_spaces_after_colons() {
    let text = "Request URL:http://localhost:3000/load\nRequest Method:GET\nStatus Code:200 OK\nRemote Address:127.0.0.1:3000\n\nResponse Headers\naccess-control-allow-origin:http://localhost:8080\ncontent-type:application/json; charset=utf-8\n\nRequest Headers\nOrigin:http://localhost:8080\n";
    let f = one(text);
    assert_eq!(f.request.url, "http://localhost:3000/load");
    assert_eq!(f.request.origin.as_deref(), Some("http://localhost:8080"));
    assert!(!f.browser.blocked);
    assert_eq!(f.cause.kind, whycors::cause::CauseKind::Ok);
}

/// An OPTIONS request sent by hand or copied without Access-Control-Request-Method is a
/// preflight: its 401 fails it (PreflightInvalidStatus), its 302 is a preflight redirect.
/// Before, it was judged as a page's own OPTIONS request ("✓ OK").
#[test]
fn an_options_request_without_acrm_is_a_preflight() {
    let curl = "> OPTIONS /api/v1/apikey HTTP/1.1\n> Host: hs.example\n> User-Agent: curl/8.4.0\n> Accept: */*\n>\n< HTTP/1.1 401 Unauthorized\n< Server: openresty\n< Access-Control-Allow-Origin: *\n< Access-Control-Allow-Methods: GET, POST, PUT, DELETE, OPTIONS\n<\n";
    let f = one(curl);
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert_eq!(f.request.method_basis, "assumed");
    assert!(
        f.reproduce
            .iter()
            .all(|c| !c.contains("Request-Method: OPTIONS")),
        "{:?}",
        f.reproduce
    );

    let view = "Request URL: https://api.example.com/checkToken\nRequest Method: OPTIONS\nStatus Code: 302 Found\n\nResponse Headers\nLocation: https://api.example.com/checkToken/\n\nRequest Headers\nOrigin: http://localhost:8080\n";
    let f = one(view);
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightDisallowedRedirect")
    );

    // Sent without Origin and answered 200 without CORS headers: not what a browser gets.
    let f = one("$ curl -i -X OPTIONS https://api.example.com/v1/items\nHTTP/1.1 200 OK\nAllow: GET, POST, OPTIONS\nContent-Length: 0\n\n");
    assert!(!f.browser.blocked);
    assert!(
        f.missing.iter().any(|m| m.contains("without `Origin`")),
        "{:?}",
        f.missing
    );
}

/// `Access-Control-Allow-Origin: null` with the page's origin unknown: judged for a page
/// served over http(s), which it refuses (servers answer `null` to origins they do not allow;
/// dherault/serverless-offline#94 was told "the preflight passes"), and the warning says an
/// opaque origin would pass.
#[test]
fn allow_origin_null_without_the_pages_origin_is_warned_about() {
    let f = one("HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: null\nAccess-Control-Allow-Credentials: true\n\n");
    assert!(f.browser.blocked);
    assert_eq!(f.browser.cors_error.as_deref(), Some("AllowOriginMismatch"));
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("for a page served over http(s)") && w.contains("would pass")),
        "{:?}",
        f.warnings
    );
    let view = "Request URL:http://localhost:3000/load\nRequest Method:OPTIONS\nStatus Code:200 OK\n\nResponse Header\naccess-control-allow-origin:null\n";
    let f = one(view);
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightAllowOriginMismatch")
    );
    assert!(!f.summary.contains("passes"), "{}", f.summary);
    // With the page's origin given, the check decides and no such warning is added.
    let r = whycors::diagnose(
        "HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: null\n\n",
        &whycors::Options {
            origin: Some("http://localhost:8080".to_string()),
            ..whycors::Options::default()
        },
    )
    .expect("reads");
    let f = &r.findings[0];
    assert!(f.browser.blocked);
    assert!(f.warnings.iter().all(|w| !w.contains("opaque origin")));
}

/// curl run through a wrapper after a prompt (`ddev exec`, `docker exec -it NAME`,
/// `kubectl exec POD --`, `sudo`): the command and its output are read.
#[test]
fn curl_run_through_a_wrapper() {
    for cmd in [
        "huzaifa@hp:~/code/sw6$ ddev exec curl -I -H \"Origin: https://a.example\" https://api.example.com/x",
        "$ docker exec -it web curl -I -H 'Origin: https://a.example' https://api.example.com/x",
        "kubectl exec -it api-0 -- curl -I -H 'Origin: https://a.example' https://api.example.com/x",
        "sudo curl -I -H 'Origin: https://a.example' https://api.example.com/x",
    ] {
        let text = format!("{cmd}\nHTTP/2 200 \ncontent-type: text/html; charset=UTF-8\n\n");
        let parsed = read(&text).unwrap_or_else(|e| panic!("{cmd}: {e}"));
        assert_eq!(parsed.exchanges.len(), 1, "{cmd}");
        let x = &parsed.exchanges[0];
        assert_eq!(x.request.url, "https://api.example.com/x", "{cmd}");
        assert_eq!(x.page_origin.as_deref(), Some("https://a.example"), "{cmd}");
        assert_eq!(x.response.as_ref().map(|r| r.status), Some(200), "{cmd}");
    }
    // A wrapper around another program is no curl command.
    assert!(read("$ docker exec -it web ls /\nbin\netc\n").is_err());
}

/// Words about a CORS failure without anything the browser said: refused with what to paste,
/// at the line that names it; words that never mention CORS keep the general refusal.
#[test]
fn words_about_cors_without_the_message_say_what_to_paste() {
    // (With the request's status named, what it means: see below.)
    let e = refused("Hi,\n\nI have a frontend app (angular 5) that tries to send a very large body to the backend, and it fails.\n\nUnfortunately the cors headers are not set, so I receive a \"no access-control-allow-origin\" error in the browser.\n");
    assert_eq!(e.place.line, Some(5), "{e}");
    assert!(
        e.message
            .starts_with("words about a CORS failure, without what the browser said"),
        "{e}"
    );
    let e = refused("Hello there, my application does not work at all today and I do not know why.\nIt worked yesterday before I deployed the new version to the server.\n");
    assert!(e.message.starts_with("not a HAR file"), "{e}");
    // The request's own status named in the words: what it means, at its line.
    let e = refused("Hi,\n\nI have a frontend app (angular 5) that tries to send a very large body to the backend, causing a 413 error - payload too large.\n\nUnfortunately the cors headers are not set, so I receive a \"no access-control-allow-origin\" error in the browser.\n");
    assert_eq!(e.place.line, Some(3), "{e}");
    assert!(
        e.message.starts_with("the words say the request got 413"),
        "{e}"
    );
}

/// Spring's exception for allowCredentials(true) with allowedOrigins("*"), from a server's
/// log, is named for what it is, with the two ways out.
#[test]
fn spring_credentials_wildcard_exception_is_named() {
    let e = refused("When you access the UI locally, the following error occurs:\n\n```\njava.lang.IllegalArgumentException: When allowCredentials is true, allowedOrigins cannot contain the special value \"*\" since that cannot be set on the \"Access-Control-Allow-Origin\" response header.\n        at org.springframework.web.cors.CorsConfiguration.validateAllowCredentials(CorsConfiguration.java:473)\n```\n");
    assert_eq!(e.place.line, Some(4), "{e}");
    assert!(
        e.message
            .starts_with("Spring's own error, from the server's log"),
        "{e}"
    );
    assert!(e.message.contains("allowedOriginPatterns(\"*\")"), "{e}");
}

/// A framework's CSRF origin check quoted from its answer: named as no CORS refusal, at its
/// line, with the setting that names the site.
#[test]
fn csrf_origin_checks_are_named_not_cors() {
    for (text, line, needle) in [
        ("I'm trying to install it on my cluster.\nThe domain is http://slink.a.localhost\nI'm still getting a 403 with `{\"message\":\"Cross-site POST form submissions are forbidden\"}` when creating a user.\n", 3, "ORIGIN environment variable"),
        ("Forbidden (403)\nCSRF verification failed. Request aborted.\nReason given for failure:\n    Origin checking failed - https://app.example.com does not match any trusted origins.\n", 4, "SECURE_PROXY_SSL_HEADER"),
        ("HTTP Origin header (https://app.example.com) didn't match request.base_url (http://app.example.com)\nCompleted 422 Unprocessable Entity in 3ms\n", 1, "X-Forwarded-Proto"),
        ("message: \"CSRF token mismatch.\"\n", 1, "SANCTUM_STATEFUL_DOMAINS"),
    ] {
        let e = refused(text);
        assert_eq!(e.place.line, Some(line), "{e}");
        assert!(e.message.contains("not a CORS refusal"), "{e}");
        assert!(e.message.contains(needle), "{e}");
    }
    // With the browser's CORS message, the message is read (the check is words beside it).
    let r = whycors::diagnose("CSRF verification failed on the first try, then:\nAccess to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n", &whycors::Options::default()).unwrap();
    assert_eq!(r.findings.len(), 1);
}

/// A copy cut off inside its last line ("< HTT"): read without it, the line listed as not
/// read; a last line that is a whole header stays an error where it is wrong.
#[test]
fn copy_cut_inside_its_last_line() {
    let text = "curl -v https://media.example.com/a.mpd -H 'Origin: https://player.example.com'\n> GET /a.mpd HTTP/2\n> Host: media.example.com\n> Origin: https://player.example.com\n>\n< HTTP/2 200\n< content-type: application/dash+xml\n< access-control-allow-origin: *\n< x-cache: Miss from cloudfront\n\n* Connection state changed (MAX_CONCURRENT_STREAMS == 128)!\n< HTT\n";
    let r = whycors::diagnose(text, &whycors::Options::default()).unwrap();
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.unread.len(), 1, "{:?}", r.unread);
    assert_eq!(r.unread[0].line, 12);
    assert_eq!(r.unread[0].text, "< HTT");
    assert_eq!(r.unread[0].reason, Some("the copy ends inside this line"));
    // A header line that is whole but wrong at the end stays the located error.
    let e = whycors::diagnose(
        "HTTP/1.1 200 OK\nContent-Type: text/html\nthis is not a header at all, really\n",
        &whycors::Options::default(),
    )
    .unwrap_err();
    assert_eq!(e.place.line, Some(3), "{e}");
}

/// The same `curl -v` typed twice, with and without Origin, each run's response under its
/// command (their `>` lines left out): two runs, not one request redirected to itself.
#[test]
fn two_curl_runs_are_two_requests() {
    let text = "curl -v --request GET   --url http://localhost:8080/v1/endpoint --header 'Origin: http://localhost:3000'\n\n< HTTP/1.1 200 OK\n< access-control-allow-credentials: true\n< access-control-allow-origin: http://localhost:3000\n< content-type: application/json\n\nand without the header:\n\ncurl -v --request GET   --url http://localhost:8080/v1/endpoint'\n\n< HTTP/1.1 200 OK\n< content-length: 1332\n< content-type: application/json\n< \n{ [1332 bytes data]\n";
    let parsed = read(text).unwrap();
    assert_eq!(parsed.exchanges.len(), 2, "{:#?}", parsed.exchanges);
    for e in &parsed.exchanges {
        assert!(e.redirects.is_empty(), "{:#?}", e.redirects);
        assert_eq!(e.request.url, "http://localhost:8080/v1/endpoint");
    }
    assert_eq!(
        parsed.exchanges[0].page_origin.as_deref(),
        Some("http://localhost:3000")
    );
    assert_eq!(parsed.exchanges[1].page_origin, None);
    let r = whycors::diagnose(text, &whycors::Options::default()).unwrap();
    assert!(!r.findings[0].browser.blocked);
    assert!(r.findings[1]
        .missing
        .iter()
        .any(|m| m.contains("without an `Origin` header")));
    // Responses one after the other without commands: a 200 is no redirect either.
    let two = read(
        "HTTP/1.1 200 OK\nContent-Type: text/plain\n\nHTTP/1.1 200 OK\nContent-Type: text/plain\n",
    )
    .unwrap();
    assert!(two.exchanges.iter().all(|e| e.redirects.is_empty()));
    // A body line that only looks like a command stays the body.
    let body = read("curl -i https://api.example.com/doc -H 'Origin: https://app.example.com'\nHTTP/1.1 200 OK\nContent-Type: text/plain\n\nRun it as:\n\ncurl 'unterminated\n").unwrap();
    assert_eq!(body.exchanges.len(), 1);
}

/// A dependency list (`keycloak-angular: "^7.2.0",`) is no header block: its names have a
/// hyphen but none is a field HTTP carries; one `set-cookie:` line pasted above a cookie
/// warning is no response either.
#[test]
fn name_value_lines_that_are_no_headers() {
    assert_eq!(
        detect("keycloak-angular: \"^7.2.0\",\nangular: 8.0.2\nkeycloak-js: \"^9.0.0\",\n"),
        None
    );
    assert_eq!(
        detect("set-cookie: _s=abc; path=/; HttpOnly\n\nThis Set-Cookie didn't specify a \"SameSite\" attribute\n"),
        None
    );
    // Real header blocks still are.
    assert_eq!(
        detect("x-powered-by: Express\nvary: Origin\n"),
        Some(InputKind::HttpText)
    );
    assert_eq!(
        detect("access-control-allow-origin: https://a.example\n"),
        Some(InputKind::HttpText)
    );
}

/// A title with a status and a hyphenated word ("404 on CORS-preflight fetch.") is a person's
/// words: the Copy-as-cURL command in inline code under them is read.
#[test]
fn a_title_with_a_status_is_words_before_a_command() {
    let text = "404 on CORS-preflight fetch.\n\nWhen using fetch, the CORS-preflight fetch seems to be returning a 404, presumably because of the OPTIONS method.\n\n`curl \"https://api.example.org/v2/package/mget\" -X OPTIONS -H \"access-control-request-method: POST\" -H \"origin: http://localhost:3000\" -H \"access-control-request-headers: content-type\" --compressed`\n";
    let p = read(text).expect("the command is read");
    assert_eq!(p.exchanges.len(), 1);
    assert_eq!(
        p.exchanges[0].request.url,
        "https://api.example.org/v2/package/mget"
    );
}

/// An OPTIONS typed by hand with Access-Control-Request-Headers but no -Method (HTTPie's
/// `http OPTIONS :5000/login Access-Control-Request-Headers:Content-Type`): the headers it asks
/// about are the request's, and an answer without Access-Control-Allow-Headers refuses them.
#[test]
fn hand_typed_options_keeps_the_headers_it_asks_about() {
    let p = read("http OPTIONS :5000/login Access-Control-Request-Headers:Content-Type\n\nHTTP/1.0 200 OK\nAccess-Control-Allow-Origin: *\nAllow: POST, OPTIONS\n").unwrap();
    let x = &p.exchanges[0];
    assert!(
        x.request.headers.get("content-type").is_some(),
        "{:?}",
        x.request.headers
    );
    let r = whycors::diagnose("http OPTIONS :5000/login Access-Control-Request-Headers:Content-Type\n\nHTTP/1.0 200 OK\nAccess-Control-Allow-Origin: *\n", &whycors::Options::default()).unwrap();
    assert_eq!(
        r.findings[0].browser.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );
}
