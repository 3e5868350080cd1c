//! `/custom`: the query string decides the answer, for tests.
//!
//! `p_status=N`, `p_h=Name:Value` (repeatable), `p_location=URL` shape the
//! OPTIONS response; `r_status`, `r_h`, `r_location`, `r_body` the others.
//! `{origin}` in a value becomes the request's Origin header ("" when none).

use super::http::{Request, Response};

/// Decode `application/x-www-form-urlencoded` text; bad escapes stay as they are.
pub fn form_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hi = bytes.get(i + 1).and_then(|c| char::from(*c).to_digit(16));
                let lo = bytes.get(i + 2).and_then(|c| char::from(*c).to_digit(16));
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    out.push((hi * 16 + lo) as u8);
                    i += 3;
                } else {
                    out.push(b'%');
                    i += 1;
                }
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Query pairs in order, decoded.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (form_decode(k), form_decode(v)),
            None => (form_decode(p), String::new()),
        })
        .collect()
}

fn bad(msg: String) -> Response {
    Response::new(400)
        .header("Content-Type", "text/plain; charset=utf-8")
        .body(format!("whycors lab /custom: {msg}\n"))
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

pub fn handle(req: &Request) -> Response {
    let pairs = query_pairs(&req.query);
    let prefix = if req.is("OPTIONS") { "p_" } else { "r_" };
    let origin = req.header("origin").unwrap_or("");
    let fill = |v: &str| v.replace("{origin}", origin);
    let mut status: Option<u16> = None;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut location: Option<String> = None;
    let mut body = String::new();
    for (k, v) in &pairs {
        let Some(key) = k.strip_prefix(prefix) else {
            continue;
        };
        match key {
            "status" => match v.trim().parse::<u16>() {
                Ok(n) if (200..=599).contains(&n) => status = Some(n),
                _ => return bad(format!("{k}={v:?}: a status from 200 to 599")),
            },
            "h" => {
                let Some((name, value)) = v.split_once(':') else {
                    return bad(format!("{k}={v:?}: expected Name:Value"));
                };
                let name = name.trim();
                if !is_token(name) {
                    return bad(format!("{k}={v:?}: {name:?} is not a header name"));
                }
                let value = fill(value.trim_start());
                if value.contains(['\r', '\n']) {
                    return bad(format!("{k}: a header value cannot hold CR or LF"));
                }
                headers.push((name.to_string(), value));
            }
            "location" => location = Some(fill(v)),
            "body" => body = fill(v),
            _ => {}
        }
    }
    let status = status.unwrap_or(if location.is_some() { 302 } else { 200 });
    let mut resp = Response::new(status);
    if let Some(l) = location {
        if l.contains(['\r', '\n']) {
            return bad(format!("{prefix}location cannot hold CR or LF"));
        }
        resp.push("Location", &l);
    }
    resp.headers.extend(headers);
    if !body.is_empty() && !resp.has("content-type") {
        resp.push("Content-Type", "text/plain; charset=utf-8");
    }
    resp.body(body.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes() {
        assert_eq!(form_decode("a+b%3Ac%zz%4"), "a b:c%zz%4");
        assert_eq!(
            query_pairs("p_h=A%3A+1&&x&r_status=404"),
            vec![
                ("p_h".to_string(), "A: 1".to_string()),
                ("x".to_string(), String::new()),
                ("r_status".to_string(), "404".to_string())
            ]
        );
    }
}
