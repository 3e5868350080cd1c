//! Just enough of Content Security Policy (CSP Level 3, "Does url match
//! source list") to tell whether a page's policy refused a fetch/XHR: the
//! HAR keeps such a request as status 0 with an empty `_error`, and the
//! page's document entry keeps the policy header.

use url::Url;

/// The directive of `policy_header` (one or more comma-separated policies)
/// that refuses a connection to `target` from a page at `page`, as written
/// (`connect-src 'self' https://cdn.example.com`). `None` when every policy
/// allows it, or a URL does not parse.
pub(super) fn blocking_directive(policy_header: &str, page: &str, target: &str) -> Option<String> {
    let page = Url::parse(page.trim()).ok()?;
    let target = Url::parse(target.trim()).ok()?;
    for policy in policy_header.split(',') {
        let directives: Vec<(String, &str)> = policy
            .split(';')
            .filter_map(|d| {
                let d = d.trim();
                let name = d.split_whitespace().next()?;
                Some((name.to_ascii_lowercase(), d))
            })
            .collect();
        // The first occurrence of a directive wins; connect-src falls back
        // to default-src.
        let effective = directives
            .iter()
            .find(|(n, _)| n == "connect-src")
            .or_else(|| directives.iter().find(|(n, _)| n == "default-src"));
        let Some((_, text)) = effective else {
            continue;
        };
        let sources: Vec<&str> = text.split_whitespace().skip(1).collect();
        if !sources.iter().any(|s| source_matches(s, &page, &target)) {
            return Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    None
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        _ => None,
    }
}

/// CSP's scheme-part match: the same scheme, or an upgrade to a secure one.
fn scheme_ok(source: &str, url: &str) -> bool {
    source == url
        || matches!(
            (source, url),
            ("http", "https") | ("ws", "wss") | ("http", "ws") | ("http", "wss") | ("https", "wss")
        )
}

fn source_matches(source: &str, page: &Url, target: &Url) -> bool {
    let s = source.to_ascii_lowercase();
    let t_scheme = target.scheme();
    match s.as_str() {
        "*" => {
            return matches!(t_scheme, "http" | "https" | "ws" | "wss") || t_scheme == page.scheme()
        }
        "'none'" => return false,
        "'self'" => {
            let same_host = page.host_str() == target.host_str();
            let pp = page.port_or_known_default();
            let tp = target.port_or_known_default();
            return same_host
                && (page.origin() == target.origin()
                    || (scheme_ok(page.scheme(), t_scheme)
                        && (pp == tp
                            || (tp == default_port(t_scheme)
                                && pp == default_port(page.scheme())))));
        }
        _ => {}
    }
    if s.starts_with('\'') {
        // 'unsafe-inline', 'nonce-…', hashes …: not about URLs.
        return false;
    }
    // scheme-source: "https:"
    if let Some(scheme) = s.strip_suffix(':') {
        if !scheme.contains('/') && !scheme.is_empty() {
            return scheme_ok(scheme, t_scheme);
        }
    }
    // host-source: [scheme://]host[:port][/path]
    let (scheme, rest) = match s.split_once("://") {
        Some((sc, r)) => (Some(sc), r),
        None => (None, s.as_str()),
    };
    match scheme {
        Some(sc) if !scheme_ok(sc, t_scheme) => return false,
        None if !scheme_ok(page.scheme(), t_scheme) => return false,
        _ => {}
    }
    let (hostport, path) = match rest.find('/') {
        Some(i) => (rest.get(..i).unwrap_or(rest), rest.get(i..)),
        None => (rest, None),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.is_empty() => (h, Some(p)),
        _ => (hostport, None),
    };
    let Some(t_host) = target.host_str() else {
        return false;
    };
    let t_host = t_host.to_ascii_lowercase();
    let host_ok = match host.strip_prefix("*.") {
        Some(suffix) => t_host.ends_with(&format!(".{suffix}")),
        None => host == "*" || host == t_host,
    };
    if !host_ok {
        return false;
    }
    let t_port = target.port_or_known_default();
    let port_ok = match port {
        Some("*") => true,
        Some(p) => p.parse::<u16>().ok() == t_port,
        None => {
            let sc = scheme.unwrap_or(page.scheme());
            t_port == default_port(sc)
                // http: with the default port also allows https's default port.
                || (t_port == default_port(t_scheme) && scheme_ok(sc, t_scheme))
        }
    };
    if !port_ok {
        return false;
    }
    match path {
        None | Some("/") | Some("") => true,
        Some(p) if p.ends_with('/') => target.path().starts_with(p),
        Some(p) => target.path() == p,
    }
}

#[cfg(test)]
mod tests {
    use super::blocking_directive;

    const PAGE: &str = "https://app.test/csp";

    #[test]
    fn connect_src_lists() {
        let p = "default-src 'self'; connect-src 'self' https://cdn.example.com";
        assert_eq!(
            blocking_directive(p, PAGE, "https://api.test/items").as_deref(),
            Some("connect-src 'self' https://cdn.example.com")
        );
        assert_eq!(
            blocking_directive(p, PAGE, "https://cdn.example.com/x"),
            None
        );
        assert_eq!(blocking_directive(p, PAGE, "https://app.test/api"), None);
        assert_eq!(
            blocking_directive(p, PAGE, "https://cdn.example.com:8443/x").as_deref(),
            Some("connect-src 'self' https://cdn.example.com")
        );
    }

    #[test]
    fn default_src_fallback_wildcards_and_schemes() {
        assert_eq!(
            blocking_directive("default-src 'none'", PAGE, "https://api.test/").as_deref(),
            Some("default-src 'none'")
        );
        assert_eq!(
            blocking_directive("script-src 'self'", PAGE, "https://api.test/"),
            None
        );
        assert_eq!(
            blocking_directive("connect-src *.example.com", PAGE, "https://a.example.com/"),
            None
        );
        assert!(
            blocking_directive("connect-src *.example.com", PAGE, "https://example.com/").is_some()
        );
        assert_eq!(
            blocking_directive("connect-src https:", PAGE, "https://x.test/"),
            None
        );
        assert_eq!(
            blocking_directive("connect-src *", PAGE, "https://x.test/"),
            None
        );
        assert_eq!(
            blocking_directive("connect-src api.test", PAGE, "https://api.test/v1"),
            None
        );
        assert!(blocking_directive(
            "connect-src https://api.test/v1/",
            PAGE,
            "https://api.test/v2/x"
        )
        .is_some());
        assert_eq!(
            blocking_directive(
                "connect-src https://api.test/v1/",
                PAGE,
                "https://api.test/v1/x"
            ),
            None
        );
        // Two policies: both must allow it.
        assert_eq!(
            blocking_directive(
                "connect-src *, connect-src 'self'",
                PAGE,
                "https://api.test/"
            )
            .as_deref(),
            Some("connect-src 'self'")
        );
        assert_eq!(
            blocking_directive("connect-src 'self'", "not a url", "https://api.test/"),
            None
        );
    }
}
