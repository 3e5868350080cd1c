//! Origins (HTML "origin", URL Standard): serialization and comparison.

use url::Url;

/// The ASCII serialization of the origin of `url` (`https://a.example:8443`),
/// `"null"` for opaque origins, `None` when `url` does not parse.
pub fn origin_of(url: &str) -> Option<String> {
    let u = Url::parse(url.trim()).ok()?;
    Some(u.origin().ascii_serialization())
}

/// Normalise something a user or a capture calls an origin
/// (`https://App.example.com/`, `https://app.example.com:443`) to its serialization.
/// `"null"` stays `"null"`.
pub fn normalize_origin(s: &str) -> Option<String> {
    let t = s.trim();
    if t == "null" {
        return Some("null".to_string());
    }
    origin_of(t).filter(|o| o != "null")
}

/// Same origin, for two URLs or origins.
pub fn same_origin(a: &str, b: &str) -> bool {
    match (normalize_origin(a), normalize_origin(b)) {
        (Some(x), Some(y)) => x != "null" && x == y,
        _ => false,
    }
}

/// The scheme of a URL, lower-cased, when it parses.
pub fn scheme_of(url: &str) -> Option<String> {
    Url::parse(url.trim()).ok().map(|u| u.scheme().to_string())
}

/// Chromium tells `InvalidAllowOriginValue` from `AllowOriginMismatch` by whether the
/// header value parses as a valid URL (GURL). A value like `https://*.example.com`
/// parses (a mismatch); `foo` or `https://` does not (invalid).
pub fn is_valid_url_for_allow_origin(value: &str) -> bool {
    Url::parse(value).is_ok()
}

/// Resolve a `Location` value against the URL it came from.
pub fn resolve(base: &str, location: &str) -> Option<String> {
    let b = Url::parse(base.trim()).ok()?;
    b.join(location.trim()).ok().map(|u| u.to_string())
}

/// Does this URL carry a username or password (`https://user:pw@host/`)?
pub fn has_credentials(url: &str) -> bool {
    match Url::parse(url.trim()) {
        Ok(u) => !u.username().is_empty() || u.password().is_some(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialization() {
        assert_eq!(
            origin_of("https://App.Example.com:443/x?y").as_deref(),
            Some("https://app.example.com")
        );
        assert_eq!(
            origin_of("http://api.localhost:8080/").as_deref(),
            Some("http://api.localhost:8080")
        );
        assert_eq!(origin_of("data:text/plain,x").as_deref(), Some("null"));
        assert_eq!(normalize_origin("null").as_deref(), Some("null"));
        assert!(same_origin("https://a.com/x", "https://a.com:443"));
        assert!(!same_origin("https://a.com", "http://a.com"));
    }

    #[test]
    fn non_ascii_hosts_are_punycoded() {
        // IDNA (UTS #46) must stay in every build, the wasm ones included.
        assert_eq!(
            origin_of("https://bücher.example/x").as_deref(),
            Some("https://xn--bcher-kva.example")
        );
        assert!(same_origin(
            "https://BÜCHER.example",
            "https://xn--bcher-kva.example"
        ));
    }

    #[test]
    fn allow_origin_validity() {
        assert!(is_valid_url_for_allow_origin("http://*.example.com"));
        assert!(is_valid_url_for_allow_origin("https://a.com/"));
        assert!(!is_valid_url_for_allow_origin("a.com"));
        assert!(!is_valid_url_for_allow_origin("https://"));
    }
}
