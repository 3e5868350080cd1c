//! Sending what a browser would send: the CORS preflight (never redirected), then
//! the actual request with Origin, following its redirects as fetch() does, and
//! turning what came back into a [`whycors::Exchange`].

use std::io::Read;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;
use ureq::http;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};
use whycors::exchange::{
    reason_phrase, BodyKind, Credentials, Exchange, HeaderList, InputKind, Known, Preflight,
    PreflightCapture, Redirect, Response,
};
use whycors::fetch::cors_check::cors_check;
use whycors::fetch::origin::{has_credentials, resolve, same_origin, scheme_of};
use whycors::fetch::preflight::{preflight_reasons, preflight_request_headers, RedirectedRequest};
use whycors::fetch::safelist::normalize_method;
use whycors::verdict::PreflightOutcome;

/// How much of a response body is kept (enough for every gateway's error page).
pub const BODY_LIMIT: u64 = 64 * 1024;
/// fetch() gives up after this many redirects.
pub const MAX_REDIRECTS: usize = 20;

/// One request as the page's script would make it.
#[derive(Clone, Debug)]
pub struct LiveRequest {
    /// The method as given; fetch() upper-cases only the six standard ones.
    pub method: String,
    pub url: String,
    /// The page's serialized origin.
    pub origin: String,
    /// Author request headers, in order.
    pub headers: HeaderList,
    /// `credentials: 'include'`.
    pub credentials: bool,
    /// A Cookie header sent with credentials (the browser's cookie jar).
    pub cookie: Option<String>,
    pub body: Option<Vec<u8>>,
    /// Send a non-safe method (anything but GET and HEAD)?
    pub allow_unsafe: bool,
    /// What the report calls this request.
    pub location: String,
}

/// A request that got no HTTP response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetError {
    /// `OPTIONS https://…` or `GET https://…`.
    pub request: String,
    /// One line: what went wrong (DNS failure, connection refused, TLS, timeout …).
    pub reason: String,
    /// Chromium's name for it (`net::ERR_CONNECTION_REFUSED` …).
    pub chromium: &'static str,
}

/// What was sent and seen for one request.
#[derive(Clone, Debug)]
pub struct Sent {
    pub exchange: Exchange,
    pub preflight_sent: bool,
    /// Was the actual request sent?
    pub actual_sent: bool,
    /// Why the actual request was not sent, when it was not.
    pub not_sent: Option<String>,
    pub net_error: Option<NetError>,
}

/// `localhost` and `*.localhost` are loopback without DNS (RFC 6761), as in
/// every browser; other names go to the system resolver.
#[derive(Debug, Default)]
struct LocalhostResolver {
    inner: DefaultResolver,
}

/// Is `host` (no port, brackets allowed) a loopback name or address?
pub fn is_local_host(host: &str) -> bool {
    let h = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim_end_matches('.')
        .to_ascii_lowercase();
    h == "localhost"
        || h.ends_with(".localhost")
        || h.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl Resolver for LocalhostResolver {
    fn resolve(
        &self,
        uri: &http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or("").to_ascii_lowercase();
        let host = host.trim_end_matches('.');
        if host == "localhost" || host.ends_with(".localhost") {
            let port = uri.port_u16().unwrap_or(match uri.scheme_str() {
                Some("https") => 443,
                _ => 80,
            });
            let mut out = self.empty();
            out.push(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
            out.push(SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), port));
            return Ok(out);
        }
        self.inner
            .resolve(uri, config, timeout)
            .map_err(|e| match e {
                ureq::Error::Io(io) => {
                    ureq::Error::Io(std::io::Error::other(DnsError(io.to_string())))
                }
                other => other,
            })
    }
}

/// A failed name lookup, told apart from other I/O errors.
#[derive(Debug)]
struct DnsError(String);

impl std::fmt::Display for DnsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DnsError {}

/// An HTTP client that sends exactly what it is told: no redirects followed, no
/// status turned into an error, methods kept as written.
pub struct Client {
    agent: ureq::Agent,
    timeout: Duration,
}

impl Client {
    /// `local`: the target is on loopback, so no proxy from the environment applies.
    pub fn new(timeout: Duration, local: bool) -> Client {
        let mut builder = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .allow_non_standard_methods(true)
            .timeout_global(Some(timeout))
            .user_agent(format!(
                "whycors/{} (CORS check)",
                env!("CARGO_PKG_VERSION")
            ))
            .accept("*/*");
        if local {
            builder = builder.proxy(None);
        }
        let agent = ureq::Agent::with_parts(
            builder.build(),
            DefaultConnector::default(),
            LocalhostResolver::default(),
        );
        Client { agent, timeout }
    }

    /// Send one request; the response with at most [`BODY_LIMIT`] bytes of body.
    fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(String, String)],
        body: Option<&[u8]>,
    ) -> Result<Response, NetError> {
        let what = format!("{method} {url}");
        let net = |reason: String, chromium: &'static str| NetError {
            request: what.clone(),
            reason,
            chromium,
        };
        let m = http::Method::from_bytes(method.as_bytes()).map_err(|_| {
            net(
                format!("`{method}` is not a valid method"),
                "net::ERR_FAILED",
            )
        })?;
        let mut b = http::Request::builder().method(m).uri(url);
        for (n, v) in headers {
            b = b.header(n.as_str(), v.as_str());
        }
        let result = match body {
            Some(bytes) => b
                .body(bytes.to_vec())
                .map_err(|e| net(format!("cannot build the request: {e}"), "net::ERR_FAILED"))
                .and_then(|r| {
                    self.agent
                        .run(r)
                        .map_err(|e| describe(&e, self.timeout, &what))
                }),
            None => b
                .body(())
                .map_err(|e| net(format!("cannot build the request: {e}"), "net::ERR_FAILED"))
                .and_then(|r| {
                    self.agent
                        .run(r)
                        .map_err(|e| describe(&e, self.timeout, &what))
                }),
        };
        let mut resp = result?;
        let status = resp.status().as_u16();
        let version = match resp.version() {
            http::Version::HTTP_09 => "HTTP/0.9",
            http::Version::HTTP_10 => "HTTP/1.0",
            http::Version::HTTP_2 => "HTTP/2",
            http::Version::HTTP_3 => "HTTP/3",
            _ => "HTTP/1.1",
        };
        // Every line of every header, repeats kept (HeaderMap::iter yields each value).
        let mut list = HeaderList::new();
        for (name, value) in resp.headers() {
            list.push(
                name.as_str(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            );
        }
        let mut bytes = Vec::new();
        if !method.eq_ignore_ascii_case("HEAD") {
            // A body cut short (timeout, reset) still tells what it had.
            let _ = resp
                .body_mut()
                .as_reader()
                .take(BODY_LIMIT)
                .read_to_end(&mut bytes);
        }
        Ok(Response {
            status,
            status_text: reason_phrase(status).to_string(),
            http_version: Some(version.to_string()),
            headers: list,
            body: (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned()),
        })
    }
}

/// One line for a transport failure, and Chromium's name for it.
fn describe(e: &ureq::Error, timeout: Duration, what: &str) -> NetError {
    use std::io::ErrorKind;
    let tls = what.contains(" https://");
    let (reason, chromium) = match e {
        ureq::Error::HostNotFound => (
            "DNS lookup failed: host not found".to_string(),
            "net::ERR_NAME_NOT_RESOLVED",
        ),
        ureq::Error::Timeout(t) => (
            format!("timed out after {} s ({t})", timeout.as_secs_f32()),
            "net::ERR_TIMED_OUT",
        ),
        ureq::Error::Io(io) if io.get_ref().is_some_and(|i| i.is::<DnsError>()) => (
            format!("DNS lookup failed: {io}"),
            "net::ERR_NAME_NOT_RESOLVED",
        ),
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused => (
                "connection refused".to_string(),
                "net::ERR_CONNECTION_REFUSED",
            ),
            ErrorKind::ConnectionReset => (
                "connection reset by the server".to_string(),
                "net::ERR_CONNECTION_RESET",
            ),
            ErrorKind::ConnectionAborted => (
                "connection aborted".to_string(),
                "net::ERR_CONNECTION_ABORTED",
            ),
            ErrorKind::TimedOut | ErrorKind::WouldBlock => (
                format!("timed out after {} s", timeout.as_secs_f32()),
                "net::ERR_TIMED_OUT",
            ),
            ErrorKind::InvalidData if tls => {
                let text = io.to_string();
                let chromium = if text.to_ascii_lowercase().contains("certificate") {
                    "net::ERR_CERT_INVALID"
                } else {
                    "net::ERR_SSL_PROTOCOL_ERROR"
                };
                (format!("TLS error: {text}"), chromium)
            }
            ErrorKind::UnexpectedEof => (
                "the server closed the connection without a response".to_string(),
                "net::ERR_EMPTY_RESPONSE",
            ),
            ErrorKind::AddrNotAvailable | ErrorKind::NetworkUnreachable => (
                format!("network unreachable ({io})"),
                "net::ERR_ADDRESS_UNREACHABLE",
            ),
            ErrorKind::HostUnreachable => (
                format!("host unreachable ({io})"),
                "net::ERR_ADDRESS_UNREACHABLE",
            ),
            _ => (
                format!("connection failed: {io}"),
                "net::ERR_CONNECTION_FAILED",
            ),
        },
        ureq::Error::Tls(msg) => (format!("TLS error: {msg}"), "net::ERR_SSL_PROTOCOL_ERROR"),
        ureq::Error::Rustls(err) => {
            let text = err.to_string();
            let chromium = if text.to_ascii_lowercase().contains("certificate") {
                "net::ERR_CERT_INVALID"
            } else {
                "net::ERR_SSL_PROTOCOL_ERROR"
            };
            (format!("TLS error: {text}"), chromium)
        }
        ureq::Error::Protocol(p) => (
            format!("not a valid HTTP response: {p}"),
            "net::ERR_INVALID_HTTP_RESPONSE",
        ),
        ureq::Error::ConnectionFailed => (
            "connection failed".to_string(),
            "net::ERR_CONNECTION_FAILED",
        ),
        ureq::Error::BadUri(u) => (format!("bad URL: {u}"), "net::ERR_INVALID_URL"),
        other => (other.to_string(), "net::ERR_FAILED"),
    };
    NetError {
        request: what.to_string(),
        reason,
        chromium,
    }
}

/// A non-safe method: anything but GET and HEAD (after fetch()'s normalisation).
pub fn is_unsafe_method(method: &str) -> bool {
    let m = normalize_method(method);
    m != "GET" && m != "HEAD"
}

fn body_kind(headers: &HeaderList, body: Option<&[u8]>) -> BodyKind {
    if body.is_none_or(|b| b.is_empty()) {
        return BodyKind::None;
    }
    let essence = headers
        .get("content-type")
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        BodyKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if essence.starts_with("multipart/") {
        BodyKind::Multipart
    } else if essence.starts_with("text/") || essence.is_empty() {
        BodyKind::Text
    } else {
        BodyKind::Binary
    }
}

/// Does the request need a CORS preflight (Fetch: not a CORS-safelisted method,
/// or a header that is not CORS-safelisted)?
pub fn needs_preflight(req: &LiveRequest) -> bool {
    let method = normalize_method(&req.method);
    let kind = body_kind(&req.headers, req.body.as_deref());
    !preflight_reasons(&method, &req.headers, kind).is_empty()
}

/// Send what a browser sends for `req` and record what came back.
pub fn run(client: &Client, req: &LiveRequest) -> Sent {
    let method = normalize_method(&req.method);
    let mut x = Exchange::new(InputKind::Live, &method, &req.url);
    x.page_origin = Some(req.origin.clone());
    x.request.headers = req.headers.clone();
    x.request.credentials = if req.credentials {
        Credentials::Include
    } else {
        Credentials::SameOrigin
    };
    x.request.credentials_known = Known::Stated;
    x.request.body = body_kind(&req.headers, req.body.as_deref());
    x.location = req.location.clone();
    let mut sent = Sent {
        exchange: x,
        preflight_sent: false,
        actual_sent: false,
        not_sent: None,
        net_error: None,
    };

    if needs_preflight(req) {
        sent.preflight_sent = true;
        // Exactly what the browser puts on it: Origin, Accept: */*,
        // Access-Control-Request-Method (case kept) and -Headers (lower-case,
        // sorted, unique, no spaces). No cookies, no author headers.
        let pre_headers = preflight_request_headers(&method, &req.headers, &req.origin);
        let (pf, net_error) = send_preflight(client, &req.url, pre_headers);
        sent.net_error = net_error;
        sent.exchange.preflight = PreflightCapture::Captured(pf);
        if sent.net_error.is_some() {
            sent.not_sent = Some("the preflight got no response".to_string());
            return sent;
        }
        // A browser sends the actual request only after a passing preflight.
        let v = whycors::verdict::evaluate(&sent.exchange, &Default::default());
        if v.blocked {
            sent.not_sent = Some(
                "the preflight failed, so a browser does not send the actual request".to_string(),
            );
            return sent;
        }
    } else {
        sent.exchange.preflight = PreflightCapture::Absent;
    }

    if is_unsafe_method(&method) && !req.allow_unsafe {
        sent.not_sent = Some(format!(
            "{method} is not a safe method: only its preflight was checked; --allow-unsafe sends it"
        ));
        return sent;
    }
    sent.actual_sent = true;
    actual(client, req, &method, &mut sent);
    sent
}

/// The actual request and its redirects, as fetch() follows them: each hop
/// rewrites the request (Fetch "HTTP-redirect fetch"), and when the rewritten
/// request still needs a preflight, a new one goes to the redirect target first.
fn actual(client: &Client, req: &LiveRequest, method: &str, sent: &mut Sent) {
    let credentials = sent.exchange.request.credentials;
    let mut rq = RedirectedRequest::new(method, &req.headers, sent.exchange.request.body);
    let mut url = req.url.clone();
    let mut origin_header = req.origin.clone();
    let mut body = req.body.clone();
    loop {
        let mut wire = vec![("Origin".to_string(), origin_header.clone())];
        wire.extend(rq.headers.iter().map(|h| (h.name.clone(), h.value.clone())));
        if credentials.is_include() && same_origin(&url, &req.url) {
            if let Some(c) = &req.cookie {
                wire.push(("Cookie".to_string(), c.clone()));
            }
        }
        let resp = match client.send(&rq.method, &url, &wire, body.as_deref()) {
            Ok(r) => r,
            Err(e) => {
                sent.exchange.network_error = Some(e.chromium.to_string());
                sent.net_error = Some(e);
                return;
            }
        };
        let location = resp.location().filter(|_| resp.is_redirect());
        let Some(location) = location else {
            sent.exchange.response = Some(resp);
            return;
        };
        let status = resp.status;
        // A redirect response must itself pass the CORS check; the browser stops there if not.
        let passes = cors_check(&resp.headers, &origin_header, credentials).is_ok();
        sent.exchange
            .redirects
            .push(Redirect::new(url.clone(), resp));
        if !passes {
            return;
        }
        let Some(next) = resolve(&url, &location) else {
            sent.exchange.network_error = Some("net::ERR_INVALID_REDIRECT".to_string());
            return;
        };
        if !matches!(scheme_of(&next).as_deref(), Some("http" | "https")) {
            sent.exchange.network_error = Some("net::ERR_UNSAFE_REDIRECT".to_string());
            return;
        }
        if has_credentials(&next) {
            // The core names it (RedirectContainsCredentials); fetch stops here.
            return;
        }
        if sent.exchange.redirects.len() > MAX_REDIRECTS {
            sent.exchange.network_error = Some("net::ERR_TOO_MANY_REDIRECTS".to_string());
            return;
        }
        // Fetch "HTTP-redirect fetch": a cross-origin hop from a URL that is
        // already cross-origin to the page taints the origin.
        if !same_origin(&url, &next) && !same_origin(&req.origin, &url) {
            origin_header = "null".to_string();
        }
        // Authorization dropped across origins; 301/302 POST and 303 become GET
        // without the body and its headers.
        let was = rq.method.clone();
        rq.follow(status, &url, &next);
        if rq.method != was {
            body = None;
        }
        if !hop_preflight(client, &rq, &next, &origin_header, sent) {
            return;
        }
        url = next;
    }
}

/// Send one preflight (OPTIONS with exactly `headers`, never redirected) and
/// record it as DevTools would: a redirect answer is `ERR_INVALID_REDIRECT`, no
/// answer is the network error (also returned, for the exit status).
fn send_preflight(
    client: &Client,
    url: &str,
    headers: HeaderList,
) -> (Preflight, Option<NetError>) {
    let wire: Vec<(String, String)> = headers
        .iter()
        .map(|h| (h.name.clone(), h.value.clone()))
        .collect();
    let mut pf = Preflight {
        url: url.to_string(),
        request_headers: headers,
        response: None,
        error: None,
    };
    let mut net_error = None;
    match client.send("OPTIONS", url, &wire, None) {
        Ok(resp) => {
            if resp.is_redirect() {
                pf.error = Some("net::ERR_INVALID_REDIRECT".to_string());
            }
            pf.response = Some(resp);
        }
        Err(e) => {
            pf.error = Some(e.chromium.to_string());
            net_error = Some(e);
        }
    }
    (pf, net_error)
}

/// The preflight a browser sends to a redirect target when the rewritten
/// request still needs one, put on the last hop. Returns whether the browser
/// goes on to send the request there.
fn hop_preflight(
    client: &Client,
    rq: &RedirectedRequest,
    target: &str,
    origin_header: &str,
    sent: &mut Sent,
) -> bool {
    let Some(index) = sent.exchange.redirects.len().checked_sub(1) else {
        return true;
    };
    if rq.preflight_reasons().is_empty() {
        if let Some(hop) = sent.exchange.redirects.get_mut(index) {
            hop.preflight = PreflightCapture::Absent;
        }
        return true;
    }
    let pre_headers = preflight_request_headers(&rq.method, &rq.headers, origin_header);
    let (pf, net_error) = send_preflight(client, target, pre_headers);
    if let Some(hop) = sent.exchange.redirects.get_mut(index) {
        hop.preflight = PreflightCapture::Captured(pf);
    }
    if let Some(e) = net_error {
        sent.not_sent = Some(format!(
            "the preflight to the redirect target {target} got no response, so a browser does not send the request there"
        ));
        sent.net_error = Some(e);
        return false;
    }
    let v = whycors::verdict::evaluate(&sent.exchange, &Default::default());
    let failed = v
        .redirect_preflights
        .iter()
        .any(|p| p.hop == index && p.outcome == PreflightOutcome::Failed);
    if failed {
        sent.not_sent = Some(format!(
            "the preflight to the redirect target {target} failed, so a browser does not send the request there"
        ));
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_hosts() {
        for h in [
            "localhost",
            "api.localhost",
            "API.LOCALHOST.",
            "127.0.0.1",
            "[::1]",
        ] {
            assert!(is_local_host(h), "{h}");
        }
        for h in [
            "localhost.example",
            "example.com",
            "10.0.0.1",
            "notlocalhost",
        ] {
            assert!(!is_local_host(h), "{h}");
        }
    }

    #[test]
    fn unsafe_methods() {
        assert!(!is_unsafe_method("GET"));
        assert!(!is_unsafe_method("get"));
        assert!(!is_unsafe_method("HEAD"));
        for m in ["POST", "PUT", "patch", "DELETE", "PROPFIND"] {
            assert!(is_unsafe_method(m), "{m}");
        }
    }

    #[test]
    fn preflight_when_not_simple() {
        let mut r = LiveRequest {
            method: "GET".into(),
            url: "https://api.example/x".into(),
            origin: "https://app.example".into(),
            headers: HeaderList::new(),
            credentials: false,
            cookie: None,
            body: None,
            allow_unsafe: false,
            location: String::new(),
        };
        assert!(!needs_preflight(&r));
        r.headers.push("Content-Type", "text/plain");
        r.method = "POST".into();
        assert!(!needs_preflight(&r));
        r.headers.push("Authorization", "Bearer x");
        assert!(needs_preflight(&r));
        r.headers = HeaderList::new();
        r.method = "patch".into();
        assert!(needs_preflight(&r));
    }
}
