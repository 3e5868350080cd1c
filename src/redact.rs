//! Secrets out of every export: Authorization, Cookie, Set-Cookie, API keys,
//! JWT-shaped values and tokens in query strings are replaced by `<redacted>`.

use std::borrow::Cow;

pub const REDACTED: &str = "<redacted>";

/// Header names whose values are secrets.
pub fn is_secret_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(
        n.as_str(),
        "authorization"
            | "proxy-authorization"
            | "cookie"
            | "cookie2"
            | "set-cookie"
            | "set-cookie2"
            | "x-api-key"
            | "api-key"
            | "apikey"
            | "x-auth-token"
            | "x-access-token"
            | "x-amz-security-token"
            | "x-csrf-token"
            | "x-xsrf-token"
            | "ocp-apim-subscription-key"
    ) || n.contains("secret")
        || n.contains("password")
        || (n.contains("token") && !n.starts_with("access-control-"))
        || n.ends_with("-key") && !n.starts_with("sec-") && !n.starts_with("access-control-")
}

/// A value someone masked before pasting it (`https//***.***`, `https://█████`,
/// `<redacted>`, `https://xxxx.com`): what the server really sent is not in the input.
pub fn looks_masked(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    value.contains("**")
        || value.contains('\u{2588}')
        || lower.contains("redacted")
        || lower.contains("<hidden>")
        || lower.contains("[removed]")
        || value
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w.len() >= 3 && w.bytes().all(|b| b == b'x' || b == b'X'))
}

/// Query parameter names whose values are secrets.
pub fn is_secret_param(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("token")
        || n.contains("key")
        || n.contains("secret")
        || n.contains("password")
        || n.contains("signature")
        || n == "sig"
        || n == "code"
        || n == "auth"
        || n == "session"
        || n == "x-amz-credential"
}

/// A JWT-shaped value: three base64url segments, the first starting `eyJ`.
pub fn looks_like_jwt(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 3
        && parts[0].starts_with("eyJ")
        && parts[0].len() > 10
        && parts[1].len() > 3
        && parts.iter().all(|p| {
            p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'=')
        })
}

/// Replace JWT-shaped words inside free text.
pub fn redact_jwts(s: &str) -> Cow<'_, str> {
    if !s.contains("eyJ") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if looks_like_jwt(word) {
            out.push_str(REDACTED);
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=') {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    Cow::Owned(out)
}

/// The value to show for a header: secrets redacted, keeping an auth scheme
/// word (`Bearer <redacted>`) so the reader still sees what kind it was.
pub fn header_value<'a>(name: &str, value: &'a str) -> Cow<'a, str> {
    if is_secret_header(name) {
        let v = value.trim();
        if name.eq_ignore_ascii_case("authorization")
            || name.eq_ignore_ascii_case("proxy-authorization")
        {
            if let Some((scheme, rest)) = v.split_once(' ') {
                if !rest.trim().is_empty()
                    && scheme
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                {
                    return Cow::Owned(format!("{scheme} {REDACTED}"));
                }
            }
        }
        return Cow::Borrowed(REDACTED);
    }
    redact_jwts(value)
}

/// A URL with secret query parameters (and userinfo passwords) redacted.
pub fn url(u: &str) -> Cow<'_, str> {
    let Ok(mut parsed) = url::Url::parse(u) else {
        return redact_jwts(u);
    };
    let mut changed = false;
    if parsed.password().is_some() {
        let _ = parsed.set_password(Some(REDACTED));
        changed = true;
    }
    if parsed.query().is_some() {
        let pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .map(|(k, v)| {
                // An empty value hides nothing ("code=&state=…"): left as it is.
                if !v.is_empty() && (is_secret_param(&k) || looks_like_jwt(&v)) {
                    changed = true;
                    (k.into_owned(), REDACTED.to_string())
                } else {
                    (k.into_owned(), v.into_owned())
                }
            })
            .collect();
        if changed {
            parsed.query_pairs_mut().clear().extend_pairs(pairs);
        }
    }
    if changed {
        Cow::Owned(parsed.to_string())
    } else {
        Cow::Borrowed(u)
    }
}

/// Free text (a console line, a summary, a check) with every `http(s)://` URL in it
/// passed through [`url`] and JWT-shaped words redacted.
pub fn text(s: &str) -> Cow<'_, str> {
    let with_urls = urls_in_text(s);
    let with_headers = match secret_header_lines(&with_urls) {
        Cow::Borrowed(_) => with_urls,
        Cow::Owned(o) => Cow::Owned(o),
    };
    match redact_jwts(&with_headers) {
        Cow::Borrowed(_) => with_headers,
        Cow::Owned(o) => Cow::Owned(o),
    }
}

/// Lines of `s` that are a secret header ("Set-Cookie: …", "Authorization: Bearer …", as
/// evidence quotes a response's headers) with the value through [`header_value`].
fn secret_header_lines(s: &str) -> Cow<'_, str> {
    let secret = |line: &str| {
        let t = line.trim_start();
        t.split_once(':')
            .filter(|(name, _)| secret_name(name))
            .is_some()
    };
    if !s.lines().any(secret) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let t = line.trim_start();
        match t.split_once(':') {
            Some((name, value)) if secret_name(name) => {
                out.push_str(&line[..line.len() - t.len()]);
                out.push_str(name);
                out.push_str(": ");
                out.push_str(&header_value(name.trim_end(), value));
            }
            _ => out.push_str(line),
        }
    }
    Cow::Owned(out)
}

/// What stands before a line's first colon names a secret header: a header's name is one
/// token after curl's `> `/`< ` or a list's mark; a sentence ("GitHub's OAuth token endpoint
/// is …: it sends …") is none.
fn secret_name(before_colon: &str) -> bool {
    let name = before_colon
        .trim_end()
        .trim_start_matches(['>', '<', '*', '-', '•', ' ']);
    !name.contains(char::is_whitespace) && is_secret_header(before_colon.trim_end())
}

/// Every URL in `s` (`http(s)://`, or any other scheme's, whose userinfo may hold a password:
/// `cloudinary://key:secret@cloud`, `postgres://user:pass@host`; up to whitespace, a quote or
/// `<`/`>`) through [`url`].
pub fn urls_in_text(s: &str) -> Cow<'_, str> {
    if !s.contains("://") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut changed = false;
    while let Some(sep) = rest.find("://") {
        // The scheme before "://": letters, digits, '+', '-', '.' (RFC 3986), from a letter.
        let head = &rest[..sep];
        let scheme_len = head
            .bytes()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
            .count();
        let mut p = sep - scheme_len;
        while p < sep && !rest.as_bytes()[p].is_ascii_alphabetic() {
            p += 1;
        }
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '\'' | '"' | '`' | '<' | '>'))
            .unwrap_or(tail.len())
            .max(sep - p + 3);
        let u = &tail[..end];
        let r = if p == sep { Cow::Borrowed(u) } else { url(u) };
        changed |= matches!(r, Cow::Owned(_));
        out.push_str(&r);
        rest = &tail[end..];
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_before_a_colon_is_no_header() {
        let s = "GitHub's OAuth token endpoint is not meant to be called from a page: it sends no CORS headers";
        assert_eq!(text(s), s);
        // curl -v's request lines and a list's marks still name the header.
        assert_eq!(text("> X-Auth-Token: abc123"), "> X-Auth-Token: <redacted>");
        assert_eq!(text("• x-api-key: abc123"), "• x-api-key: <redacted>");
    }

    #[test]
    fn secret_header_lines_in_text() {
        assert_eq!(
            text("Set-Cookie: laravel_session=eyJpdiI6; path=/"),
            "Set-Cookie: <redacted>"
        );
        assert_eq!(
            text("a\n  Authorization: Bearer abc\nContent-Type: json"),
            "a\n  Authorization: Bearer <redacted>\nContent-Type: json"
        );
        assert_eq!(text("Server: nginx"), "Server: nginx");
    }

    #[test]
    fn empty_secret_parameters_stay_empty() {
        assert_eq!(
            url("https://auth.example.com/token?code=&state=1"),
            "https://auth.example.com/token?code=&state=1"
        );
        assert_eq!(
            url("https://auth.example.com/token?code=abc&state=1"),
            "https://auth.example.com/token?code=%3Credacted%3E&state=1"
        );
    }

    #[test]
    fn masked_values() {
        for v in [
            "https//***.***",
            "https://\u{2588}\u{2588}\u{2588}.com",
            "<redacted>",
            "https://[REDACTED]",
            "https://xxxx.com",
            "https://api.XXX.io",
        ] {
            assert!(looks_masked(v), "{v}");
        }
        for v in [
            "*",
            "https://app.example.com",
            "https://max.example",
            "null",
            "https://x.io",
        ] {
            assert!(!looks_masked(v), "{v}");
        }
    }

    #[test]
    fn headers() {
        assert_eq!(
            header_value("Authorization", "Bearer abc.def"),
            "Bearer <redacted>"
        );
        assert_eq!(header_value("authorization", "abc"), "<redacted>");
        assert_eq!(header_value("Cookie", "a=b"), "<redacted>");
        assert_eq!(header_value("x-api-key", "k"), "<redacted>");
        assert_eq!(
            header_value("Content-Type", "application/json"),
            "application/json"
        );
        assert_eq!(
            header_value("Access-Control-Allow-Headers", "x-api-key"),
            "x-api-key"
        );
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature";
        assert_eq!(header_value("X-Custom", jwt), "<redacted>");
    }

    #[test]
    fn urls() {
        assert_eq!(
            url("https://a.com/x?token=abc&page=2"),
            "https://a.com/x?token=%3Credacted%3E&page=2"
        );
        assert_eq!(url("https://a.com/x?page=2"), "https://a.com/x?page=2");
    }

    #[test]
    fn urls_in_free_text() {
        let line = "Access to fetch at 'https://a.com/x?api_key=s3cret&page=2' from origin 'https://b.com' has been blocked";
        let out = text(line);
        assert!(!out.contains("s3cret"), "{out}");
        assert!(out.contains("api_key=%3Credacted%3E&page=2"), "{out}");
        assert!(
            out.contains("from origin 'https://b.com' has been blocked"),
            "{out}"
        );
        let ff = "Cross-Origin Request Blocked: … remote resource at https://a.com/x?token=abc. (Reason: x).";
        assert!(!text(ff).contains("abc"), "{}", text(ff));
        let plain = "the response from https://a.com/x?page=2 (HTTP 429)";
        assert!(matches!(text(plain), Cow::Borrowed(_)));
        // Another scheme's password (an SDK's credentials URL in Chrome's message).
        let sdk = "Access to XMLHttpRequest at 'cloudinary://8395584:qj8cuTFpXSv9@pharmacy' from origin 'http://localhost:3000'";
        let out = text(sdk);
        assert!(!out.contains("qj8cuTFpXSv9"), "{out}");
        assert!(
            out.contains("cloudinary://8395584:%3Credacted%3E@pharmacy'"),
            "{out}"
        );
        assert!(matches!(
            text("see ://x and postgres://db/x"),
            Cow::Borrowed(_)
        ));
        let jwt = "bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature in a sentence";
        assert!(!text(jwt).contains("eyJzdWIiOiIxIn0"), "{}", text(jwt));
    }
}
