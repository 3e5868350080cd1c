//! Share links: the case, compressed, in the URL fragment (`#c=…`), never sent to a server.
//!
//! The fragment is `c=` (secrets redacted) or `k=` (secrets kept, the user chose so)
//! followed by the input text, raw-deflated (miniz_oxide) and base64url-encoded without
//! padding. Redaction works on the text itself so the restored case is read by the same
//! reader: HAR JSON field by field, every other input line by line (header lines,
//! `-H`/`-b` arguments, fetch `headers` objects, URLs, JWT-shaped words).

use whycors::base64::{self, Alphabet};
use whycors::exchange::Exchange;
use whycors::input::form::Form;
use whycors::redact::{self, REDACTED};

/// Largest input accepted when decoding (inflated size).
pub const MAX_DECODED: usize = 8 * 1024 * 1024;

/// The fragment (without `#`) that restores `input`; secrets redacted unless `keep_secrets`.
pub fn encode_fragment(input: &str, keep_secrets: bool) -> String {
    let text = if keep_secrets {
        input.to_string()
    } else {
        redact_text(input)
    };
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    let prefix = if keep_secrets { "k=" } else { "c=" };
    format!("{prefix}{}", base64::encode(&packed, Alphabet::UrlSafe))
}

/// The input a fragment made by [`encode_fragment`] carries (a leading `#` is allowed).
pub fn decode_fragment(fragment: &str) -> Result<String, String> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    let body = f
        .strip_prefix("c=")
        .or_else(|| f.strip_prefix("k="))
        .ok_or_else(|| "share link: the fragment does not start with c= or k=".to_string())?;
    let packed = base64::decode(body).map_err(|bad| {
        format!(
            "share link: character {:?} at position {} is not base64url",
            bad.ch,
            bad.offset + 3
        )
    })?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_DECODED).map_err(|e| {
            format!(
                "share link: the compressed case is damaged ({:?})",
                e.status
            )
        })?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "share link: the case is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// What a share link holds: input text (read by the readers), a guided form, or one request
/// taken out of a bigger input (a HAR's row), as the core's `Exchange`.
#[derive(Clone, Debug, PartialEq)]
pub enum Shared {
    Text(String),
    Form(Box<Form>),
    Exchange(Box<Exchange>),
}

const FORM_KEY: &str = "whycors_form";
const EXCHANGE_KEY: &str = "whycors_exchange";

// (De)serialised straight from/to the text with serde_json's string reader and writer, the
// ones the page already uses for forms and exchanges: going through `serde_json::Value`
// would compile a second copy of every field's code into the wasm.

/// The text a share link carries for a guided form: `{"whycors_form": {…}}`.
pub fn form_case(form: &Form) -> String {
    format!(
        "{{\"{FORM_KEY}\":{}}}",
        serde_json::to_string(form).unwrap_or_else(|_| "{}".into())
    )
}

/// The text a share link carries for one request: `{"whycors_exchange": {…}}`.
pub fn exchange_case(x: &Exchange) -> String {
    format!(
        "{{\"{EXCHANGE_KEY}\":{}}}",
        serde_json::to_string(x).unwrap_or_else(|_| "{}".into())
    )
}

/// A shared form or request: exactly one of the two keys, nothing else.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrapped {
    whycors_form: Option<Form>,
    whycors_exchange: Option<Exchange>,
}

/// Tell a shared form or request from input text. Redaction re-writes JSON (pretty, secrets
/// replaced), so the wrapper is recognised as JSON, not by its exact text.
pub fn shared_case(text: String) -> Shared {
    let t = text.trim_start();
    if !t.starts_with('{') || !t.contains("\"whycors_") {
        return Shared::Text(text);
    }
    match serde_json::from_str::<Wrapped>(t) {
        Ok(Wrapped {
            whycors_form: Some(f),
            whycors_exchange: None,
        }) => Shared::Form(Box::new(f)),
        Ok(Wrapped {
            whycors_form: None,
            whycors_exchange: Some(x),
        }) => Shared::Exchange(Box::new(x)),
        _ => Shared::Text(text),
    }
}

/// Whether a fragment was made with secrets kept.
pub fn keeps_secrets(fragment: &str) -> bool {
    fragment.trim_start_matches('#').starts_with("k=")
}

// ---- redaction of the input text -------------------------------------------------------

/// The input with its secrets replaced by `<redacted>`, in the same format.
pub fn redact_text(input: &str) -> String {
    let t = input.trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        if let Ok(mut v) = serde_json::from_str::<serde_json::Value>(input) {
            redact_json(&mut v, None);
            // Pretty so the evidence highlighting still finds lines.
            if let Ok(s) = serde_json::to_string_pretty(&v) {
                return s;
            }
        }
    }
    let mut out = String::with_capacity(input.len());
    // DevTools' Headers view copies a row as a name line then a value line: the secret
    // header whose value comes on the next non-blank line.
    let mut pending: Option<&str> = None;
    for (i, line) in input.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if let Some(name) = pending {
            if !line.trim().is_empty() {
                pending = None;
                let value = line.trim_end_matches('\r');
                let lead = value.len() - value.trim_start().len();
                out.push_str(value.get(..lead).unwrap_or(""));
                out.push_str(&redact::header_value(name, value.trim()));
                out.push_str(line.get(value.len()..).unwrap_or(""));
                continue;
            }
        }
        let bare = line.trim().trim_end_matches(':').trim_end();
        if !bare.is_empty() && bare.bytes().all(is_name_byte) && redact::is_secret_header(bare) {
            pending = Some(bare);
        }
        out.push_str(&redact_tab_row(&redact_line(line)));
    }
    out
}

/// "Name⇥value" (a Headers view row copied as a table) for secret header names.
fn redact_tab_row(line: &str) -> String {
    if let Some((name, value)) = line.split_once('\t') {
        let n = name.trim().trim_end_matches(':').trim_end();
        let v = value.trim();
        if !v.is_empty()
            && !v.contains(REDACTED)
            && n.bytes().all(is_name_byte)
            && redact::is_secret_header(n)
        {
            return format!("{name}\t{}", redact::header_value(n, v));
        }
    }
    line.to_string()
}

fn redact_json(v: &mut serde_json::Value, key: Option<&str>) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            // A HAR header or query parameter: {"name": …, "value": …}.
            let name = map.get("name").and_then(Value::as_str).map(str::to_string);
            if let (Some(name), Some(Value::String(value))) = (name, map.get_mut("value")) {
                let secret_param = key == Some("queryString") && redact::is_secret_param(&name);
                let secret_cookie = key == Some("cookies");
                if secret_param || secret_cookie {
                    *value = REDACTED.to_string();
                } else {
                    *value = redact::header_value(&name, value).into_owned();
                }
            }
            for (k, child) in map.iter_mut() {
                if k == "url" || k == "redirectURL" {
                    if let Value::String(s) = child {
                        *s = redact::url(s).into_owned();
                        continue;
                    }
                }
                redact_json(child, Some(k));
            }
        }
        Value::Array(items) => {
            for item in items {
                redact_json(item, key);
            }
        }
        Value::String(s) => {
            let r = s
                .split('\n')
                .map(redact_line)
                .collect::<Vec<_>>()
                .join("\n");
            if r != *s {
                *s = r;
            }
        }
        _ => {}
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// One line of text input: secret header values, cookie arguments, URLs and JWTs.
fn redact_line(line: &str) -> String {
    let line = redact_headers_in(line);
    let line = redact_cookie_args(&line);
    let line = redact_ps_cookies(&line);
    let line = redact::urls_in_text(&line).into_owned();
    redact::redact_jwts(&line).into_owned()
}

/// `Name: value` anywhere in the line (header lines, `-H 'Name: value'`, fetch's
/// `"name": "value"`), for secret header names: the value is replaced up to its end
/// (the closing quote that opened it, or the end of the line).
fn redact_headers_in(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0usize;
    let mut copied = 0usize;
    while i < bytes.len() {
        // Start of a name: a name byte not preceded by a name byte.
        let at_start = bytes.get(i).copied().is_some_and(is_name_byte)
            && (i == 0 || !bytes.get(i - 1).copied().is_some_and(is_name_byte));
        if !at_start {
            i += 1;
            continue;
        }
        let mut j = i;
        while bytes.get(j).copied().is_some_and(is_name_byte) {
            j += 1;
        }
        let name = line.get(i..j).unwrap_or("");
        let opener = if i > 0 {
            bytes.get(i - 1).copied()
        } else {
            None
        };
        let mut k = j;
        let name_quote = bytes
            .get(k)
            .copied()
            .filter(|&b| (b == b'"' || b == b'\'') && opener == Some(b));
        if name_quote.is_some() {
            k += 1;
        }
        // PowerShell's hashtable entry: `"name"="value"`, `'name' = 'value'`, `Name = "value"`.
        let mut e = k;
        while bytes.get(e) == Some(&b' ') || bytes.get(e) == Some(&b'\t') {
            e += 1;
        }
        if bytes.get(e) == Some(&b'=') && redact::is_secret_header(name) {
            let mut s = e + 1;
            while bytes.get(s) == Some(&b' ') || bytes.get(s) == Some(&b'\t') {
                s += 1;
            }
            if let Some(q @ (b'"' | b'\'')) = bytes.get(s).copied() {
                let end = ps_string_end(bytes, s + 1, q);
                let value = line.get(s + 1..end).unwrap_or("");
                if !value.is_empty() && !value.contains(REDACTED) {
                    out.push_str(line.get(copied..s + 1).unwrap_or(""));
                    out.push_str(&redact::header_value(name, value));
                    copied = end;
                }
                i = end.max(j);
                continue;
            }
        }
        if bytes.get(k) != Some(&b':') || !redact::is_secret_header(name) {
            i = j;
            continue;
        }
        k += 1;
        while bytes.get(k) == Some(&b' ') || bytes.get(k) == Some(&b'\t') {
            k += 1;
        }
        // Where does the value end?
        let (start, end) = if name_quote.is_some() {
            // JSON/JS style: "name": "value"
            match bytes.get(k).copied() {
                Some(q @ (b'"' | b'\'')) => {
                    let s = k + 1;
                    let e = find_from(bytes, s, q).unwrap_or(bytes.len());
                    (s, e)
                }
                _ => (k, bytes.len()),
            }
        } else {
            match opener {
                Some(q @ (b'"' | b'\'')) => (k, find_from(bytes, k, q).unwrap_or(bytes.len())),
                _ => (k, line.trim_end().len().max(k)),
            }
        };
        let value = line.get(start..end).unwrap_or("");
        if value.is_empty() || value.contains(REDACTED) {
            i = end.max(j);
            continue;
        }
        out.push_str(line.get(copied..start).unwrap_or(""));
        out.push_str(&redact::header_value(name, value));
        copied = end;
        i = end.max(j);
    }
    out.push_str(line.get(copied..).unwrap_or(""));
    out
}

/// The closing quote of a PowerShell string from `from` (a backtick escapes the next
/// byte; `''`/`""` is a quote inside), or the end of the line.
fn ps_string_end(bytes: &[u8], from: usize, q: u8) -> usize {
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b == b'`' || (b == q && bytes.get(i + 1) == Some(&q)) {
            i += 2;
        } else if b == q {
            return i;
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// PowerShell's `New-Object System.Net.Cookie("name", "value", "/", "domain")` (what
/// Copy as PowerShell writes for each cookie): the value.
fn redact_ps_cookies(line: &str) -> String {
    const CALL: &str = "System.Net.Cookie(";
    let Some(at) = line.find(CALL) else {
        return line.to_string();
    };
    let bytes = line.as_bytes();
    let mut i = at + CALL.len();
    // Skip the name, then the comma.
    let Some(q) = bytes.get(i).copied().filter(|b| *b == b'"' || *b == b'\'') else {
        return line.to_string();
    };
    i = ps_string_end(bytes, i + 1, q) + 1;
    while matches!(bytes.get(i), Some(b' ' | b',')) {
        i += 1;
    }
    let Some(q) = bytes.get(i).copied().filter(|b| *b == b'"' || *b == b'\'') else {
        return line.to_string();
    };
    let end = ps_string_end(bytes, i + 1, q);
    if line
        .get(i + 1..end)
        .is_none_or(|v| v.is_empty() || v == REDACTED)
    {
        return line.to_string();
    }
    format!(
        "{}{REDACTED}{}",
        line.get(..i + 1).unwrap_or(""),
        line.get(end..).unwrap_or("")
    )
}

fn find_from(bytes: &[u8], from: usize, b: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&x| x == b)
        .map(|p| p + from)
}

/// curl's `-b 'a=b'` / `--cookie 'a=b'` arguments.
fn redact_cookie_args(line: &str) -> String {
    let mut out = line.to_string();
    for flag in [" -b ", " --cookie "] {
        let mut search = 0;
        while let Some(pos) = out.get(search..).and_then(|s| s.find(flag)) {
            let start = search + pos + flag.len();
            let rest = out.get(start..).unwrap_or("");
            let (vs, ve) = match rest.chars().next() {
                Some(q @ ('\'' | '"')) => (
                    1,
                    rest.get(1..)
                        .and_then(|r| r.find(q))
                        .map_or(rest.len(), |e| e + 1),
                ),
                _ => (0, rest.find(' ').unwrap_or(rest.len())),
            };
            let value = rest.get(vs..ve).unwrap_or("");
            if value.is_empty() || value == REDACTED {
                search = start;
                continue;
            }
            out.replace_range(start + vs..start + ve, REDACTED);
            search = start + vs + REDACTED.len();
        }
    }
    out
}

/// Every `http://…`/`https://…` word: secret query parameters and passwords redacted.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_text_exactly() {
        let input = "HTTP/1.1 429 Too Many Requests\nx-amzn-ErrorType: ThrottlingException\n\n{\"message\":\"Too Many Requests\"} é ✓";
        let f = encode_fragment(input, true);
        assert!(f.starts_with("k="));
        assert!(keeps_secrets(&f));
        assert_eq!(decode_fragment(&format!("#{f}")).unwrap(), input);
    }

    #[test]
    fn redacts_by_default() {
        let input = "curl 'https://api.example.com/x?token=abc123&page=2' -H 'Authorization: Bearer s3cr3t' -H 'x-api-key: k123' -H 'Accept: application/json' -b 'sid=42'\nCookie: a=b\n> authorization: Basic dXNlcjpwYXNz";
        let f = encode_fragment(input, false);
        assert!(f.starts_with("c="));
        let out = decode_fragment(&f).unwrap();
        for secret in ["abc123", "s3cr3t", "k123", "sid=42", "a=b", "dXNlcjpwYXNz"] {
            assert!(!out.contains(secret), "{secret} leaked: {out}");
        }
        assert!(out.contains("Authorization: Bearer <redacted>"), "{out}");
        assert!(out.contains("Accept: application/json"), "{out}");
        assert!(out.contains("page=2"), "{out}");
    }

    #[test]
    fn redacts_fetch_and_har() {
        let fetch = r#"fetch("https://api.example.com/a", {"headers": {"authorization": "Bearer abc.def", "content-type": "application/json"}, "method": "POST"});"#;
        let out = redact_text(fetch);
        assert!(!out.contains("abc.def"), "{out}");
        assert!(
            out.contains("\"content-type\": \"application/json\""),
            "{out}"
        );
        let har = r#"{"log":{"entries":[{"request":{"url":"https://a.com/x?api_key=zz9","headers":[{"name":"Authorization","value":"Bearer tok9"},{"name":"Origin","value":"https://app.com"}],"cookies":[{"name":"sid","value":"c00kie"}],"queryString":[{"name":"api_key","value":"zz9"}]}}]}}"#;
        let out = redact_text(har);
        for secret in ["zz9", "tok9", "c00kie"] {
            assert!(!out.contains(secret), "{secret} leaked: {out}");
        }
        assert!(out.contains("https://app.com"));
        assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
    }

    #[test]
    fn redacts_devtools_headers_view() {
        // Chrome's grid copies a row on two lines; Firefox's table with a tab.
        let text = "Request URL\nhttps://api.example.com/x\nRequest Headers (3)\nAuthorization\nBearer opaque7\nCookie:\n\n  sid=c00kie\nAccept\n*/*\nX-Api-Key\tk_live_99\nOrigin\thttps://app.example.com\n";
        let out = redact_text(text);
        for secret in ["opaque7", "c00kie", "k_live_99"] {
            assert!(!out.contains(secret), "{secret} leaked: {out}");
        }
        assert!(out.contains("Authorization\nBearer <redacted>\n"), "{out}");
        assert!(out.contains("Cookie:\n\n  <redacted>\n"), "{out}");
        assert!(out.contains("Accept\n*/*\n"), "{out}");
        assert!(out.contains("Origin\thttps://app.example.com"), "{out}");
        // Still the same request for the reader.
        let a = whycors::input::read(text).unwrap();
        let b = whycors::input::read(&out).unwrap();
        assert_eq!(a.kind, whycors::exchange::InputKind::DevtoolsHeaders);
        assert_eq!(a.kind, b.kind);
        assert_eq!(a.exchanges.len(), b.exchanges.len());
        assert_eq!(a.exchanges[0].request.url, b.exchanges[0].request.url);
    }

    #[test]
    fn redacts_copy_as_powershell() {
        let ps = "$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n$session.Cookies.Add((New-Object System.Net.Cookie(\"sid\", \"c00kie`\"x\", \"/\", \"api.example.com\")))\nInvoke-WebRequest -UseBasicParsing -Uri \"https://api.example.com/x?token=abc123\" `\n-Headers @{\n\"authorization\"=\"Bearer s3cr3t`\"tail\"\n  \"X-Api-Key\" = 'k1''23'\n  \"accept\"=\"application/json\"\n} `\n-Body \"{}\"";
        let out = redact_text(ps);
        for secret in ["c00kie", "s3cr3t", "tail", "k1", "23", "abc123"] {
            assert!(!out.contains(secret), "{secret} leaked: {out}");
        }
        assert!(out.contains("\"accept\"=\"application/json\""), "{out}");
        assert!(
            out.contains("System.Net.Cookie(\"sid\", \"<redacted>\", \"/\""),
            "{out}"
        );
        // Still a script the reader takes, with the same request shape.
        let a = whycors::input::read(ps).unwrap();
        let b = whycors::input::read(&out).unwrap();
        assert_eq!(a.kind, b.kind);
        assert_eq!(
            a.exchanges[0].request.headers.len(),
            b.exchanges[0].request.headers.len()
        );
        assert_eq!(
            a.exchanges[0].request.credentials,
            b.exchanges[0].request.credentials
        );
    }

    #[test]
    fn a_guided_form_survives_redaction() {
        let form = Form {
            origin: "https://app.example.com".into(),
            url: "https://api.example.com/v1/items?api_key=zz9&page=2".into(),
            method: "PUT".into(),
            request_headers: "Authorization: Bearer s3cr3t\nContent-Type: application/json".into(),
            credentials: "include".into(),
            response_status: "403".into(),
            response_headers: "x-amzn-ErrorType: AccessDeniedException".into(),
            ..Form::default()
        };
        let case = form_case(&form);
        // Kept: the form exactly.
        let kept = decode_fragment(&encode_fragment(&case, true)).unwrap();
        assert_eq!(shared_case(kept), Shared::Form(Box::new(form.clone())));
        // Redacted (the default): still a form, its secrets gone, the rest as it was.
        let out = decode_fragment(&encode_fragment(&case, false)).unwrap();
        let Shared::Form(f) = shared_case(out) else {
            panic!("a redacted form link restores a form")
        };
        assert!(
            !f.request_headers.contains("s3cr3t"),
            "{}",
            f.request_headers
        );
        assert!(f
            .request_headers
            .contains("Authorization: Bearer <redacted>"));
        assert!(f.request_headers.contains("Content-Type: application/json"));
        assert!(
            !f.url.contains("zz9") && f.url.contains("page=2"),
            "{}",
            f.url
        );
        assert_eq!(
            (f.method.as_str(), f.response_status.as_str()),
            ("PUT", "403")
        );
    }

    #[test]
    fn one_request_survives_redaction() {
        let har = include_str!("../../tests/cases/rest-throttled-429/capture.har");
        let x = whycors::input::read(har).unwrap().exchanges.remove(0);
        let case = exchange_case(&x);
        let kept = decode_fragment(&encode_fragment(&case, true)).unwrap();
        assert_eq!(shared_case(kept), Shared::Exchange(Box::new(x.clone())));
        let mut with_secret = x.clone();
        with_secret.request.headers.push(
            "X-Api-Key",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
        );
        let out = decode_fragment(&encode_fragment(&exchange_case(&with_secret), false)).unwrap();
        assert!(!out.contains("c2lnbmF0dXJl"), "{out}");
        let Shared::Exchange(back) = shared_case(out) else {
            panic!("a redacted request link restores the request")
        };
        assert_eq!(back.response, x.response);
        assert_eq!(back.request.url, x.request.url);
        assert_eq!(
            back.request.headers.len(),
            with_secret.request.headers.len()
        );
        assert!(back
            .request
            .headers
            .get_all("x-api-key")
            .all(|v| v.contains(REDACTED)));
    }

    #[test]
    fn input_text_stays_text() {
        for t in [
            "{\"log\": {\"entries\": []}}",
            "{\"whycors_form\": 3}",
            "{\"whycors_form\": {}, \"x\": 1}",
            "HTTP/1.1 200 OK",
        ] {
            assert_eq!(shared_case(t.to_string()), Shared::Text(t.to_string()));
        }
    }

    #[test]
    fn bad_fragments_are_errors() {
        assert!(decode_fragment("x=abc").is_err());
        assert!(decode_fragment("c=ab$c")
            .unwrap_err()
            .contains("position 5"));
        assert!(decode_fragment("c=AAAA").is_err());
    }
}
