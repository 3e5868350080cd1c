//! The page's script pasted beside the browser's message, as bug reports have it: the call
//! that made the request gives what the message leaves out (the method, the headers the
//! script sets, the credentials mode), and the verdict's fixes and commands use them.

mod common;
use common::{only, report};

const CHROME_PREFLIGHT: &str = "Access to fetch at 'https://api.example.com/v1/orders' from origin 'https://shop.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.";

fn header_line<'a>(fix_text: &'a str, name: &str) -> Option<&'a str> {
    fix_text.lines().find(|l| {
        l.trim_start()
            .to_ascii_lowercase()
            .starts_with(&format!("{}:", name.to_ascii_lowercase()))
    })
}

/// A hand-written fetch() (unquoted keys, single quotes, a template string, a trailing
/// comma) above Chrome's message: POST, its two headers and `credentials: 'include'` reach
/// the fixes and the reproducing commands.
#[test]
fn fetch_code_with_chrome_message() {
    let input = format!(
        "Here is my code:\n\nfetch('https://api.example.com/v1/orders', {{\n  method: 'POST',\n  headers: {{\n    'Content-Type': 'application/json',\n    Authorization: `Bearer ${{token}}`,\n  }},\n  credentials: 'include', // the session cookie\n  body: JSON.stringify(order),\n}})\n\nAnd the console says:\n\n{CHROME_PREFLIGHT}\n"
    );
    let r = report(&input);
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.request.method_basis, "stated");
    assert_eq!(f.request.credentials, "include");
    assert_eq!(f.request.credentials_basis, "stated");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert!(
        f.evidence
            .iter()
            .any(|e| e.contains("line 3") && e.contains("Authorization")),
        "{:?}",
        f.evidence
    );
    let fix = &f.fixes[0].text;
    assert_eq!(
        header_line(fix, "Access-Control-Allow-Headers").map(str::trim),
        Some("Access-Control-Allow-Headers: authorization,content-type"),
        "{fix}"
    );
    assert!(
        header_line(fix, "Access-Control-Allow-Credentials").is_some(),
        "{fix}"
    );
    assert!(
        f.reproduce[0].contains("Access-Control-Request-Method: POST")
            && f.reproduce[0]
                .contains("Access-Control-Request-Headers: authorization,content-type"),
        "{:?}",
        f.reproduce
    );
    assert!(
        f.missing
            .iter()
            .all(|m| !m.contains("the request's method")),
        "{:?}",
        f.missing
    );
}

/// The same message without the code: the method is assumed and the input is said to lack it
/// (what the test above rests on).
#[test]
fn message_alone_lacks_the_method() {
    let r = report(CHROME_PREFLIGHT);
    let f = only(&r);
    assert_eq!(f.request.method_basis, "assumed");
    assert!(
        f.missing.iter().any(|m| m.contains("the request's method")),
        "{:?}",
        f.missing
    );
}

/// Axios posting an object with `withCredentials`: Axios serializes it as JSON and says
/// so in Content-Type; the URL is the API's base URL joined with the path.
#[test]
fn axios_call_with_base_url() {
    let input = "const api = axios.create({ baseURL: 'https://api.example.com/v1' });\nawait axios.post('/orders', { sku: 12, qty: 1 }, { baseURL: 'https://api.example.com/v1', withCredentials: true, headers: { 'X-Request-Id': id } });\n\nAccess to XMLHttpRequest at 'https://api.example.com/v1/orders' from origin 'https://shop.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    let r = report(input);
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.request.credentials, "include");
    assert!(
        f.reproduce[0].contains("Access-Control-Request-Headers: content-type,x-request-id"),
        "{:?}",
        f.reproduce
    );
}

/// XMLHttpRequest: open(), setRequestHeader() and withCredentials, matched by the path a
/// template literal states.
#[test]
fn xhr_code_matched_by_path() {
    let input =
        "var xhr = new XMLHttpRequest();\nxhr.open('PUT', `${API_URL}/v1/orders/${id}`, true);\n";
    // The template ends in a substitution: its path is not stated, and with one message and
    // one call the call is the message's.
    let input = format!("{input}xhr.setRequestHeader('X-Api-Key', key);\nxhr.withCredentials = true;\nxhr.send(body);\n\nAccess to XMLHttpRequest at 'https://api.example.com/v1/orders/7' from origin 'https://shop.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let r = report(&input);
    let f = only(&r);
    assert_eq!(f.request.method, "PUT");
    assert_eq!(f.request.credentials, "include");
    assert!(
        f.reproduce[0].contains("Access-Control-Request-Headers: x-api-key"),
        "{:?}",
        f.reproduce
    );
}

/// A call to another URL is not the message's request: nothing is taken from it.
#[test]
fn code_for_another_url_is_left_alone() {
    let input = format!(
        "fetch('https://auth.example.com/token', {{ method: 'POST', credentials: 'include' }});\n{CHROME_PREFLIGHT}\n"
    );
    let r = report(&input);
    let f = only(&r);
    assert_eq!(f.request.method_basis, "assumed");
    assert_eq!(f.request.credentials_basis, "assumed");
    // A template whose stated path is another one neither.
    let input =
        format!("fetch(`${{BASE}}/v1/users`, {{ method: 'DELETE' }});\n{CHROME_PREFLIGHT}\n");
    assert_eq!(only(&report(&input)).request.method_basis, "assumed");
    // …and one whose path is the message's is.
    let input = format!(
        "fetch(`${{BASE}}/v1/orders?page=${{n}}`, {{ method: 'DELETE' }});\n{CHROME_PREFLIGHT}\n"
    );
    assert_eq!(only(&report(&input)).request.method, "DELETE");
}

/// jQuery's `$.ajax`: `type`, `contentType` and `xhrFields.withCredentials`; Angular's
/// HttpClient with `new HttpHeaders({…})`.
#[test]
fn jquery_and_angular_calls() {
    let msg = "Access to XMLHttpRequest at 'https://api.example.com/v1/orders' from origin 'https://shop.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let input = format!("$.ajax({{\n  url: 'https://api.example.com/v1/orders',\n  type: 'patch',\n  contentType: 'application/json',\n  xhrFields: {{ withCredentials: true }},\n  data: JSON.stringify(o)\n}});\n{msg}\n");
    let r = report(&input);
    let f = only(&r);
    assert_eq!(f.request.method, "PATCH");
    assert_eq!(f.request.credentials, "include");
    assert!(
        f.reproduce[0].contains("Access-Control-Request-Headers: content-type"),
        "{:?}",
        f.reproduce
    );
    let input = format!("this.http.post('https://api.example.com/v1/orders', order, {{ headers: new HttpHeaders({{ Authorization: 'Bearer ' + token }}) }}).subscribe();\n{msg}\n");
    let r = report(&input);
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.request.credentials, "same-origin");
    assert_eq!(f.request.credentials_basis, "inferred");
    assert!(
        f.reproduce[0].contains("Access-Control-Request-Headers: authorization"),
        "{:?}",
        f.reproduce
    );
}

/// A hand-written fetch() alone reads as the fetch reader's input (before, only Chrome's
/// "Copy as fetch" JSON did); a variable stands for what the source does not state.
#[test]
fn hand_written_fetch_alone() {
    let r = report("fetch('https://api.example.com/v1/orders', {\n  method: 'POST',\n  headers: { 'Content-Type': 'application/json' },\n  body: JSON.stringify(order),\n});\n");
    let f = only(&r);
    assert_eq!(r.input, "fetch_command");
    assert_eq!(f.request.method, "POST");
    assert!(
        f.reproduce[0].contains("Access-Control-Request-Headers: content-type"),
        "{:?}",
        f.reproduce
    );
    let r = report("fetch('https://api.example.com/v1/orders', { method: verb, headers });\n");
    assert_eq!(only(&r).request.method_basis, "assumed");
}

/// Firefox's message with its URL cut out ("… the remote resource at (Reason: …)") and the
/// XMLHttpRequest hook that set CORS response headers on the request
/// (framework7io/framework7#3164): the one call is the message's request, and the page's
/// mistake is said.
#[test]
fn headers_set_in_a_hook_beside_a_url_less_message() {
    let r = report("beforeSend: function(xhr){\n  xhr.setRequestHeader('Access-Control-Allow-Origin', '*');\n  xhr.setRequestHeader('Access-Control-Allow-Headers', 'Content-Type');\n}\nBut err : Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at (Reason: CORS header ‘Access-Control-Allow-Origin’ missing)\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
    assert!(
        f.warnings.iter().any(|w| w.contains(
            "sets `Access-Control-Allow-Origin`, `Access-Control-Allow-Headers` on its request"
        )),
        "{:?}",
        f.warnings
    );
    assert_eq!(f.fixes[0].target, "client");
}

/// Firefox's reason quoted in a sentence (GoogleChromeLabs/quicklink#244) reads.
#[test]
fn firefox_reason_quoted_in_words() {
    let r = report("Hi, I have a cors error like this `Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’`. \nusually, when use cdn like `cloudfront`, we set it to '*'.\n");
    assert_eq!(
        only(&r).browser.firefox.as_deref(),
        Some("CORSNotSupportingCredentials")
    );
}

/// The header Chrome's message names and the call's other headers, together: the fix allows
/// both, not only the one the preflight refused first.
#[test]
fn the_message_header_and_the_calls_headers_together() {
    let r = report("fetch('https://api.example.com/v1/orders', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Api-Key': key } });\nAccess to fetch at 'https://api.example.com/v1/orders' from origin 'https://shop.example.com' has been blocked by CORS policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert!(
        f.reproduce[0].contains("Access-Control-Request-Headers: content-type,x-api-key"),
        "{:?}",
        f.reproduce
    );
}

/// An Axios instance named `HTTP` with `withCredentials` and `auth` beside a URL-less message
/// (axios#1835): the call's URL, its credentials and its Basic Authorization are the request's,
/// and the fix allows credentials.
#[test]
fn axios_instance_with_auth_beside_a_url_less_reason() {
    let r = report("Request header field Authorization is not allowed by Access-Control-Allow-Headers in preflight response.\nHTTP.get(\"http://mysite.com/\", { withCredentials: true, auth: { username: \"a\", password: \"b\" } })\n");
    let f = only(&r);
    assert_eq!(f.request.url, "http://mysite.com/");
    assert_eq!(f.request.credentials, "include");
    assert_eq!(f.request.method_basis, "stated");
    assert!(
        header_line(&f.fixes[0].text, "Access-Control-Allow-Credentials").is_some(),
        "{}",
        f.fixes[0].text
    );
}

/// supabase-js' `functions.invoke(name, { body })` is a POST (its default), stated by the
/// call; `method: 'GET'` in its options makes it a GET. The URL stays the message's.
#[test]
fn supabase_functions_invoke_is_a_post() {
    let msg = "Access to fetch at 'https://abc.supabase.co/functions/v1/hello3' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let r = report(&format!("let res = await supabase.functions.invoke(\"hello3\", {{\n  body: {{ name: 'Functions' }},\n}});\n\n{msg}\n"));
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.request.method_basis, "stated");
    assert_eq!(f.request.url, "https://abc.supabase.co/functions/v1/hello3");
    let r = report(&format!(
        "await supabase.functions.invoke('hello3', {{ method: 'GET' }});\n\n{msg}\n"
    ));
    assert_eq!(only(&r).request.method, "GET");
}
