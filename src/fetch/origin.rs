//! Origins (HTML "origin", URL Standard): serialization and comparison.

use std::borrow::Cow;
use url::Url;

/// The ASCII serialization of the origin of `url` (`https://a.example:8443`),
/// `"null"` for opaque origins, `None` when `url` does not parse.
pub fn origin_of(url: &str) -> Option<String> {
    let t = url.trim();
    if let Some(o) = plain_origin(t) {
        return Some(o);
    }
    let u = Url::parse(t).ok()?;
    Some(u.origin().ascii_serialization())
}

/// The origin of a plain `http(s)://host[:port]…` URL (lower-case ASCII domain, no
/// user info, no IP address, no IDNA label), read without the URL parser: a big HAR asks
/// for thousands. `None` for anything else, which the URL parser then reads. Gives what
/// `Url::parse(url)?.origin().ascii_serialization()` gives (see the test).
pub(crate) fn plain_origin(url: &str) -> Option<String> {
    let (scheme, host, port) = plain_parts(url)?;
    Some(match port {
        Some(n) => format!("{scheme}://{host}:{n}"),
        None => format!("{scheme}://{host}"),
    })
}

/// Scheme, host and (non-default) port of a URL that [`plain_origin`] can read.
fn plain_parts(url: &str) -> Option<(&'static str, &str, Option<u32>)> {
    let (scheme, rest, default_port) = if let Some(r) = url.strip_prefix("https://") {
        ("https", r, 443)
    } else if let Some(r) = url.strip_prefix("http://") {
        ("http", r, 80)
    } else {
        return None;
    };
    let end = rest
        .bytes()
        .position(|c| matches!(c, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let authority = rest.get(..end)?;
    // Byte searches: the generic `str` pattern code costs more than the rest here, and a
    // big HAR asks for thousands of these.
    let (host, port) = match authority.bytes().position(|c| c == b':') {
        Some(k) => (authority.get(..k)?, Some(authority.get(k + 1..)?)),
        None => (authority, None),
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'-')
        && !host.as_bytes().windows(4).any(|w| w == b"xn--");
    // A last label that starts with a digit may make it an IPv4 address.
    let trimmed = match host.as_bytes().last() {
        Some(b'.') => host.get(..host.len() - 1)?,
        _ => host,
    };
    let last = match trimmed.bytes().rposition(|c| c == b'.') {
        Some(k) => trimmed.get(k + 1..)?,
        None => trimmed,
    };
    if !host_ok || !last.bytes().next()?.is_ascii_lowercase() {
        return None;
    }
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|c| c.is_ascii_digit()) => {
            let n: u32 = p.parse().ok()?;
            if n > 65535 {
                return None;
            }
            Some(n).filter(|&n| n != default_port)
        }
        Some(_) => return None,
    };
    Some((scheme, host, port))
}

/// Normalise something a user or a capture calls an origin
/// (`https://App.example.com/`, `https://app.example.com:443`) to its serialization.
/// `"null"` stays `"null"`.
pub fn normalize_origin(s: &str) -> Option<String> {
    let t = s.trim();
    if t == "null" {
        return Some("null".to_string());
    }
    origin_of(t)
        .filter(|o| o != "null")
        .or_else(|| app_scheme_origin(t))
}

/// The origin of a page served from a scheme an app registered as standard: Chromium sends
/// it as `scheme://host[:port]` (`chrome-extension://<id>`, `moz-extension://<uuid>`,
/// Electron's `app://obsidian.md`, Capacitor's `capacitor://localhost`, Tauri's
/// `tauri://localhost`), where the URL standard would make it opaque. Only the exact
/// serialization (no path) counts.
fn app_scheme_origin(t: &str) -> Option<String> {
    let (scheme, rest) = t.split_once("://")?;
    let scheme_ok = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        && !matches!(
            scheme.to_ascii_lowercase().as_str(),
            "http" | "https" | "file" | "data" | "blob" | "about" | "javascript"
        );
    let host_ok = !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b':' | b'_'));
    (scheme_ok && host_ok).then(|| t.to_string())
}

/// How a URL names the page's own site in another way, which makes a call to it
/// cross-origin by mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtherName {
    /// The same host over another scheme; `page_https`: the page is the https one.
    Scheme { page_https: bool },
    /// The same scheme and port, the host with or without `www.`.
    Www,
    /// The same scheme and port, another name of this machine (`localhost`, `127.0.0.1`,
    /// `[::1]`).
    Loopback,
}

/// Does `url` name the site of the page at `page` (an origin) in another way?
pub fn other_name_of_page(page: &str, url: &str) -> Option<OtherName> {
    let page = Url::parse(page).ok()?;
    let target = Url::parse(url).ok()?;
    let (ph, th) = (page.host_str()?, target.host_str()?);
    let (ps, ts) = (page.scheme(), target.scheme());
    if !matches!(ps, "http" | "https") || !matches!(ts, "http" | "https") {
        return None;
    }
    // Another scheme on the same host, each on its scheme's default port: the same site
    // (an explicit port is another service: http://localhost:8000 and https://localhost:8443).
    if ph == th && ps != ts && page.port().is_none() && target.port().is_none() {
        return Some(OtherName::Scheme {
            page_https: ps == "https",
        });
    }
    let same_port = ps == ts && page.port_or_known_default() == target.port_or_known_default();
    if same_port && ph != th && both_loopback(page.as_str(), target.as_str()) {
        return Some(OtherName::Loopback);
    }
    let www = |a: &str, b: &str| a.strip_prefix("www.") == Some(b);
    (ps == ts
        && page.port_or_known_default() == target.port_or_known_default()
        && (www(ph, th) || www(th, ph)))
    .then_some(OtherName::Www)
}

/// Both URLs name this machine (localhost, 127.0.0.0/8, ::1), by different host names.
pub fn both_loopback(a: &str, b: &str) -> bool {
    address_space_of(a) == Some("loopback")
        && address_space_of(b) == Some("loopback")
        && host_of(a) != host_of(b)
}

/// Same origin, for two URLs or origins.
pub fn same_origin(a: &str, b: &str) -> bool {
    match (normalize_origin(a), normalize_origin(b)) {
        (Some(x), Some(y)) => x != "null" && x == y,
        _ => false,
    }
}

/// The scheme of a URL, lower-cased, when it parses.
pub fn scheme_of(url: &str) -> Option<Cow<'static, str>> {
    let t = url.trim();
    if let Some((scheme, _, _)) = plain_parts(t) {
        return Some(Cow::Borrowed(scheme));
    }
    Url::parse(t)
        .ok()
        .map(|u| Cow::Owned(u.scheme().to_string()))
}

/// Whether `host` is `domain` or a name under it (`www.google-analytics.com` within
/// `google-analytics.com`), without allocating.
pub fn host_within(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// The host of a URL as the URL parser serialises it (`None`: not a URL, or no host).
pub fn host_of(url: &str) -> Option<String> {
    let t = url.trim();
    if let Some((_, host, _)) = plain_parts(t) {
        return Some(host.to_string());
    }
    Url::parse(t).ok()?.host_str().map(str::to_string)
}

/// The address space a URL's host names by itself (Chrome's Local Network Access): `loopback`
/// for localhost, 127.0.0.0/8 and ::1; `local` for private addresses (10/8, 172.16/12,
/// 192.168/16, 169.254/16, fc00::/7, fe80::/10) and `.local` names; `None` for any other
/// name, whose space only its DNS answer tells.
pub fn address_space_of(url: &str) -> Option<&'static str> {
    let u = url::Url::parse(url).ok()?;
    match u.host()? {
        url::Host::Domain(d) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            if d == "localhost" || d.ends_with(".localhost") {
                Some("loopback")
            } else if d.ends_with(".local") {
                Some("local")
            } else {
                None
            }
        }
        url::Host::Ipv4(ip) => Some(if ip.is_loopback() {
            "loopback"
        } else if ip.is_private() || ip.is_link_local() {
            "local"
        } else {
            "public"
        }),
        url::Host::Ipv6(ip) => Some(if ip.is_loopback() {
            "loopback"
        } else if (ip.segments()[0] & 0xfe00) == 0xfc00 || (ip.segments()[0] & 0xffc0) == 0xfe80 {
            "local"
        } else {
            "public"
        }),
    }
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
    fn plain_origins_agree_with_the_url_parser() {
        let hosts = [
            "a.com",
            "app.example.com",
            "localhost",
            "a-b.c",
            "-a.com",
            "a-.com",
            "a..b",
            "a.com.",
            ".a.com",
            "1.example.com",
            "a.1com",
            "1.2.3.4",
            "0x7f.1",
            "xn--bcher-kva.de",
            "ab--cd.com",
            "A.com",
            "a_b.com",
            "",
            ".",
            "a.b.c.d.e.f.g",
            "x.0",
            "x.09a",
            "\u{e9}.com",
            "a b.com",
            "a%41.com",
            "[::1]",
            "user@a.com",
            "a.com\\x",
        ];
        let ports = [
            "",
            ":",
            ":0",
            ":80",
            ":443",
            ":0443",
            ":8080",
            ":65535",
            ":65536",
            ":123456",
            ":99999999999",
            ":8a",
            ":-1",
            "::1",
        ];
        let tails = ["", "/", "/x?y#z", "?q", "#f", "/\u{1f600} x"];
        let mut plain = 0;
        for scheme in [
            "http://",
            "https://",
            "HTTP://",
            "ftp://",
            "https:/",
            "https:///",
        ] {
            for h in hosts {
                for p in ports {
                    for t in tails {
                        let url = format!("{scheme}{h}{p}{t}");
                        let slow = Url::parse(&url)
                            .ok()
                            .map(|u| u.origin().ascii_serialization());
                        if let Some(fast) = plain_origin(&url) {
                            plain += 1;
                            assert_eq!(Some(fast), slow, "{url}");
                        }
                        assert_eq!(origin_of(&url), slow, "{url}");
                        let parsed = Url::parse(&url).ok();
                        let scheme = parsed.as_ref().map(|u| u.scheme().to_string());
                        assert_eq!(scheme_of(&url).map(Cow::into_owned), scheme, "{url}");
                        let host = parsed
                            .as_ref()
                            .and_then(|u| u.host_str().map(str::to_string));
                        assert_eq!(host_of(&url), host, "{url}");
                    }
                }
            }
        }
        assert!(plain > 500, "{plain}");
    }

    #[test]
    fn host_within_a_domain() {
        assert!(host_within("google-analytics.com", "google-analytics.com"));
        assert!(host_within(
            "www.google-analytics.com",
            "google-analytics.com"
        ));
        assert!(!host_within(
            "notgoogle-analytics.com",
            "google-analytics.com"
        ));
        assert!(!host_within(
            "google-analytics.com.evil.dev",
            "google-analytics.com"
        ));
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
