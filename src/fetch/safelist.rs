//! Fetch standard §2.2.2: methods and headers — CORS-safelisted methods and
//! request headers, forbidden request headers, CORS-unsafe request-header
//! names, CORS-safelisted response-header names.

use crate::exchange::{trim_http_whitespace, HeaderList};

/// "A CORS-safelisted method is a method that is `GET`, `HEAD`, or `POST`."
/// fetch() upper-cases these three (case-insensitively), so a method on the wire
/// is compared byte-exact here, as Chromium does after normalization.
pub fn is_cors_safelisted_method(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "POST")
}

/// fetch()'s method normalization: only DELETE, GET, HEAD, OPTIONS, POST and PUT
/// are upper-cased (matched case-insensitively); any other method keeps its case.
pub fn normalize_method(method: &str) -> String {
    const NORMALIZED: [&str; 6] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
    for m in NORMALIZED {
        if method.eq_ignore_ascii_case(m) {
            return m.to_string();
        }
    }
    method.to_string()
}

/// A CORS-unsafe request-header byte: < 0x20 except HT, `"():<>?@[\]{}`, DEL.
pub fn is_cors_unsafe_request_header_byte(b: u8) -> bool {
    (b < 0x20 && b != 0x09)
        || matches!(
            b,
            b'"' | b'('
                | b')'
                | b':'
                | b'<'
                | b'>'
                | b'?'
                | b'@'
                | b'['
                | b'\\'
                | b']'
                | b'{'
                | b'}'
        )
        || b == 0x7f
}

/// A CORS response header (`Access-Control-Allow-Origin`, `-Allow-Headers`,
/// `-Expose-Headers`, `-Max-Age` …): only a server's answer carries it. A script that sets
/// one on its request sends a header that means nothing there and is not safelisted, so the
/// request needs a preflight that must allow it.
pub fn is_cors_response_header(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    n.starts_with("access-control-allow-")
        || n == "access-control-expose-headers"
        || n == "access-control-max-age"
        || misspelled_cors_response_header(&n).is_some()
}

/// The CORS response header a name misspells (`Access-Control-Expose-Header`,
/// `Access-Control-Allow-Origins`, `Acces-Control-Allow-Origin`): at most two letters
/// added, dropped or changed. Browsers read only the exact names, so such a header is as if
/// it were not sent.
pub fn misspelled_cors_response_header(name: &str) -> Option<&'static str> {
    const NAMES: [&str; 7] = [
        "access-control-allow-origin",
        "access-control-allow-credentials",
        "access-control-allow-methods",
        "access-control-allow-headers",
        "access-control-expose-headers",
        "access-control-max-age",
        "access-control-allow-private-network",
    ];
    // Cheap tests first: this runs for every header of every response.
    let t = name.trim();
    let acc = t
        .as_bytes()
        .get(..3)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"acc"));
    if !acc || !(20..=40).contains(&t.len()) {
        return None;
    }
    let n = t.to_ascii_lowercase();
    if NAMES.contains(&n.as_str()) {
        return None;
    }
    NAMES.iter().copied().find(|c| within_two_edits(&n, c))
}

/// Levenshtein distance of at most 2, on bytes (header names are ASCII).
fn within_two_edits(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()] <= 2
}

/// Forbidden request-header names: scripts cannot set them, so they never count
/// as author request headers (the browser drops them silently).
pub fn is_forbidden_request_header(name: &str) -> bool {
    const FORBIDDEN: [&str; 21] = [
        "accept-charset",
        "accept-encoding",
        "access-control-request-headers",
        "access-control-request-method",
        "connection",
        "content-length",
        "cookie",
        "cookie2",
        "date",
        "dnt",
        "expect",
        "host",
        "keep-alive",
        "origin",
        "referer",
        "set-cookie",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "via",
    ];
    let lower = name.to_ascii_lowercase();
    FORBIDDEN.contains(&lower.as_str())
        || lower.starts_with("proxy-")
        || lower.starts_with("sec-")
        // Chromium still refuses script-set User-Agent.
        || lower == "user-agent"
}

/// The essence of a MIME type as the Fetch/MIME Sniffing "parse a MIME type"
/// algorithm gives it, lower-cased; `None` on failure.
pub fn mime_essence(value: &str) -> Option<String> {
    let v = trim_http_whitespace(value);
    let slash = v.find('/')?;
    let ty = &v[..slash];
    if ty.is_empty() || !ty.bytes().all(is_token_byte) {
        return None;
    }
    let rest = &v[slash + 1..];
    let sub = match rest.find(';') {
        Some(i) => &rest[..i],
        None => rest,
    };
    let sub = sub.trim_end_matches(super::super::exchange::is_http_whitespace);
    if sub.is_empty() || !sub.bytes().all(is_token_byte) {
        return None;
    }
    Some(format!(
        "{}/{}",
        ty.to_ascii_lowercase(),
        sub.to_ascii_lowercase()
    ))
}

/// RFC 9110 tchar.
pub fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'^'
                | b'_'
                | b'`'
                | b'|'
                | b'~'
        )
}

pub fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_token_byte)
}

/// Fetch's "simple range header value" for a CORS-safelisted `Range`:
/// exactly `bytes=N-` or `bytes=N-M` with N ≤ M, no whitespace.
pub fn is_simple_range(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("bytes=") else {
        return false;
    };
    let Some((start, end)) = rest.split_once('-') else {
        return false;
    };
    if start.is_empty() || !start.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if end.is_empty() {
        return true;
    }
    if !end.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    // Compare as decimal strings without overflow: strip leading zeros.
    let s = start.trim_start_matches('0');
    let e = end.trim_start_matches('0');
    (s.len(), s) <= (e.len(), e)
}

/// Why a header is not CORS-safelisted, or `None` when it is (ignoring the
/// 1024-byte total, which [`cors_unsafe_request_header_names`] applies).
pub fn not_safelisted_reason(name: &str, value: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    if !matches!(
        lower.as_str(),
        "accept" | "accept-language" | "content-language" | "content-type" | "range"
    ) {
        return Some(format!(
            "`{name}` is not a CORS-safelisted request header name"
        ));
    }
    if value.len() > 128 {
        return Some(format!(
            "the value of `{name}` is {} bytes; safelisted values are at most 128",
            value.len()
        ));
    }
    match lower.as_str() {
        "accept" => {
            if let Some(b) = value
                .bytes()
                .find(|&b| is_cors_unsafe_request_header_byte(b))
            {
                return Some(format!(
                    "the value of `Accept` contains the CORS-unsafe byte {}",
                    show_byte(b)
                ));
            }
        }
        "accept-language" | "content-language" => {
            if let Some(b) = value.bytes().find(|&b| {
                !(b.is_ascii_alphanumeric()
                    || matches!(b, b' ' | b'*' | b',' | b'-' | b'.' | b';' | b'='))
            }) {
                return Some(format!(
                    "the value of `{name}` contains {}, outside 0-9 A-Z a-z space * , - . ; =",
                    show_byte(b)
                ));
            }
        }
        "content-type" => {
            if let Some(b) = value
                .bytes()
                .find(|&b| is_cors_unsafe_request_header_byte(b))
            {
                return Some(format!(
                    "the value of `Content-Type` contains the CORS-unsafe byte {}",
                    show_byte(b)
                ));
            }
            match mime_essence(value) {
                Some(e)
                    if matches!(
                        e.as_str(),
                        "application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain"
                    ) => {}
                Some(e) => {
                    return Some(format!(
                        "`Content-Type: {e}` is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain"
                    ))
                }
                None => {
                    return Some(format!(
                        "`Content-Type: {value}` does not parse as a MIME type"
                    ))
                }
            }
        }
        "range" if !is_simple_range(value) => {
            return Some(format!(
                "`Range: {value}` is not a single `bytes=N-` or `bytes=N-M` range"
            ));
        }
        _ => {}
    }
    None
}

fn show_byte(b: u8) -> String {
    if b.is_ascii_graphic() || b == b' ' {
        format!("'{}'", b as char)
    } else {
        format!("0x{b:02X}")
    }
}

/// One CORS-unsafe request-header name with the reason it needs a preflight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsafeHeader {
    /// Lower-cased name.
    pub name: String,
    pub reason: String,
}

/// The request header names a preflight for `x` must allow: the CORS-unsafe names of its
/// headers and those its captured preflight asked for (`Access-Control-Request-Headers`,
/// which names headers the capture of the request may have lost), lower-cased and sorted.
pub fn preflight_header_names(x: &crate::exchange::Exchange) -> Vec<String> {
    let mut names: Vec<String> = cors_unsafe_request_header_names(&x.request.headers)
        .into_iter()
        .map(|h| h.name)
        .collect();
    if let Some(acrh) = x
        .captured_preflight()
        .and_then(|p| p.request_headers.get("access-control-request-headers"))
    {
        for n in acrh.split(',') {
            let n = n.trim().to_ascii_lowercase();
            if !n.is_empty() && !names.contains(&n) {
                names.push(n);
            }
        }
        names.sort();
    }
    names
}

/// Fetch's "CORS-unsafe request-header names" for author headers: lower-cased,
/// deduplicated, sorted; forbidden names are skipped (the browser drops them).
/// If the safelisted values add up to more than 1024 bytes, they all count as unsafe.
pub fn cors_unsafe_request_header_names(headers: &HeaderList) -> Vec<UnsafeHeader> {
    let mut unsafe_names: Vec<UnsafeHeader> = Vec::new();
    let mut potentially: Vec<String> = Vec::new();
    let mut total = 0usize;
    for h in headers.iter() {
        if h.name.starts_with(':') || is_forbidden_request_header(&h.name) {
            continue;
        }
        let lower = h.name.to_ascii_lowercase();
        match not_safelisted_reason(&h.name, &h.value) {
            Some(reason) => unsafe_names.push(UnsafeHeader {
                name: lower,
                reason,
            }),
            None => {
                total += h.value.len();
                potentially.push(lower);
            }
        }
    }
    if total > 1024 {
        for name in potentially {
            unsafe_names.push(UnsafeHeader {
                reason: format!(
                    "the safelisted request headers add up to {total} bytes; over 1024 they all need a preflight"
                ),
                name,
            });
        }
    }
    unsafe_names.sort_by(|a, b| a.name.cmp(&b.name));
    unsafe_names.dedup_by(|a, b| a.name == b.name);
    unsafe_names
}

/// The CORS-unsafe request-header names in the order Chromium checks them against a
/// preflight's `Access-Control-Allow-Headers` (`CorsUnsafeNotForbiddenRequestHeaderNames`,
/// unsorted): the unsafe names in the request's header order, then, when the
/// safelisted values add up to more than 1024 bytes, the safelisted names in the same
/// order. Lower-cased; a repeated name keeps its first place. Chromium names the first
/// one the preflight does not allow, so with several unlisted headers the order decides
/// the `failedParameter`.
pub fn cors_unsafe_names_in_check_order(headers: &HeaderList) -> Vec<String> {
    let mut first: Vec<String> = Vec::new();
    // The safelisted names count only past 1024 bytes of values: kept borrowed till then.
    let mut then: Vec<&str> = Vec::new();
    let mut total = 0usize;
    for h in headers.iter() {
        if h.name.starts_with(':') || is_forbidden_request_header(&h.name) {
            continue;
        }
        if not_safelisted_reason(&h.name, &h.value).is_some() {
            first.push(h.name.to_ascii_lowercase());
        } else {
            total += h.value.len();
            then.push(&h.name);
        }
    }
    if total > 1024 {
        first.extend(then.into_iter().map(str::to_ascii_lowercase));
    }
    let mut out: Vec<String> = Vec::with_capacity(first.len());
    for n in first {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// The value of `Access-Control-Request-Headers` the browser sends: the unsafe
/// names, lower-cased, sorted, joined with "," (no space). `None` when empty.
pub fn access_control_request_headers(headers: &HeaderList) -> Option<String> {
    let names = cors_unsafe_request_header_names(headers);
    if names.is_empty() {
        None
    } else {
        Some(
            names
                .iter()
                .map(|h| h.name.as_str())
                .collect::<Vec<_>>()
                .join(","),
        )
    }
}

/// CORS-safelisted response-header names: readable without Expose-Headers.
pub fn is_cors_safelisted_response_header(name: &str) -> bool {
    const SAFE: [&str; 7] = [
        "cache-control",
        "content-language",
        "content-length",
        "content-type",
        "expires",
        "last-modified",
        "pragma",
    ];
    SAFE.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// Forbidden response-header names: never readable by a script.
pub fn is_forbidden_response_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("set-cookie") || name.eq_ignore_ascii_case("set-cookie2")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods() {
        assert!(is_cors_safelisted_method("GET"));
        assert!(!is_cors_safelisted_method("PUT"));
        assert_eq!(normalize_method("patch"), "patch");
        assert_eq!(normalize_method("put"), "PUT");
        assert_eq!(normalize_method("dElEtE"), "DELETE");
    }

    #[test]
    fn content_type() {
        assert_eq!(
            not_safelisted_reason("Content-Type", "text/plain;charset=UTF-8"),
            None
        );
        assert!(not_safelisted_reason("content-type", "application/json").is_some());
        assert!(not_safelisted_reason("content-type", "text/plain; charset=\"utf-8\"").is_some());
        assert!(not_safelisted_reason("content-type", "text/plain, x/y").is_some());
        assert_eq!(
            not_safelisted_reason("content-type", " Multipart/Form-Data ; boundary=x"),
            None
        );
    }

    #[test]
    fn ranges() {
        assert!(is_simple_range("bytes=0-"));
        assert!(is_simple_range("bytes=5-10"));
        assert!(!is_simple_range("bytes=10-5"));
        assert!(!is_simple_range("bytes=-5"));
        assert!(!is_simple_range("bytes=0-1,3-4"));
        assert!(!is_simple_range("bytes = 0-"));
        assert!(is_simple_range("bytes=0099-100"));
    }

    #[test]
    fn check_order_is_the_request_order() {
        let h: HeaderList = [
            ("x-custom", "on"),
            ("Referer", "http://app.example/"),
            ("Accept-Language", "de(x)"),
            ("X-Other", "y"),
            ("Accept", "*/*"),
            ("X-CUSTOM", "again"),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            cors_unsafe_names_in_check_order(&h),
            vec!["x-custom", "accept-language", "x-other"]
        );
        let big = "a".repeat(100);
        let mut h = HeaderList::new();
        h.push("Accept", big.clone());
        h.push("X-Z", "1");
        for _ in 0..10 {
            h.push("Content-Language", "en");
            h.push("Accept-Language", big.clone());
        }
        assert_eq!(
            cors_unsafe_names_in_check_order(&h),
            vec!["x-z", "accept", "content-language", "accept-language"]
        );
    }

    #[test]
    fn unsafe_names_sorted_and_total() {
        let h: HeaderList = [
            ("X-B", "1"),
            ("Authorization", "Bearer x"),
            ("Accept", "a"),
            ("origin", "x"),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            access_control_request_headers(&h).as_deref(),
            Some("authorization,x-b")
        );
        let big = "a".repeat(100);
        let mut h = HeaderList::new();
        for _ in 0..11 {
            h.push("Accept", big.clone());
        }
        assert_eq!(
            access_control_request_headers(&h).as_deref(),
            Some("accept")
        );
        let long: HeaderList = [("Accept-Language", "a".repeat(129))]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b))
            .collect();
        assert_eq!(
            access_control_request_headers(&long).as_deref(),
            Some("accept-language")
        );
    }
}
