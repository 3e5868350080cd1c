//! The root cause: exactly one kind per finding, from the verdict, the
//! fingerprints and the replay.

use crate::gateway::{hint_from_url, Gateway, HostHint, Platform};

mod allowed;
use crate::verdict::Stage;
pub(crate) use allowed::allow_list_lead;
use serde::{Deserialize, Serialize};

/// What really went wrong (issue #2 §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    /// The page can read the response.
    Ok,
    /// A gateway, CDN, WAF or proxy generated the response that failed the CORS
    /// check, without CORS headers; the real problem is that error.
    GatewayError,
    /// Nothing handles OPTIONS for that URL.
    PreflightMissing,
    /// Something handles OPTIONS but rejects or breaks it.
    PreflightFailed,
    /// CORS headers present but wrong, on the preflight or the response.
    HeaderMismatch,
    /// The application's own actual response has no Access-Control-Allow-Origin.
    ResponseMissingCors,
    /// The actual request was redirected and the redirect broke CORS.
    Redirect,
    /// Not blocked, but a header the page reads is not exposed.
    HeaderNotExposed,
    /// No HTTP response at all: not CORS.
    NetworkError,
    /// The page's own Content-Security-Policy refused the request before it
    /// went out: not CORS.
    ContentSecurityPolicy,
    /// An https page asked for an http:// URL: the browser blocked it as mixed
    /// content before it went out. Not CORS.
    MixedContent,
    /// `fetch()` with `mode: 'same-origin'` to another origin: the browser
    /// refused it before sending it. Not CORS.
    SameOriginMode,
    /// A Worker's script on another origin: the browser refused to start the
    /// worker. Not CORS.
    WorkerScriptOrigin,
    /// Chrome refused to send the request for its address space (Local/Private Network
    /// Access: an insecure page calling a more private network, a denied permission): no
    /// server header changes it.
    LocalNetworkAccess,
    /// A `mode: 'no-cors'` fetch: no CORS check, and the page gets an opaque
    /// response (status 0, no headers, no body) by design. Not a CORS failure.
    OpaqueResponse,
    /// The blocked URL is a sign-in (authorization) endpoint: the page's script was sent
    /// to sign in, by the API's redirect or by its own call. A sign-in page answers a script
    /// with no CORS headers, and a script cannot sign in through it.
    SignInRequest,
    /// The response's Cross-Origin-Resource-Policy does not let the page load it: the
    /// browser blocked the response. Not CORS.
    ResourcePolicy,
    /// The page's Cross-Origin-Embedder-Policy (require-corp) needs the response to opt in
    /// with Cross-Origin-Resource-Policy (or CORS), and it does not. Not CORS.
    EmbedderPolicy,
    /// Not enough evidence.
    Unknown,
}

impl CauseKind {
    pub const ALL: [CauseKind; 19] = [
        CauseKind::Ok,
        CauseKind::GatewayError,
        CauseKind::PreflightMissing,
        CauseKind::PreflightFailed,
        CauseKind::HeaderMismatch,
        CauseKind::ResponseMissingCors,
        CauseKind::Redirect,
        CauseKind::HeaderNotExposed,
        CauseKind::NetworkError,
        CauseKind::ContentSecurityPolicy,
        CauseKind::MixedContent,
        CauseKind::SameOriginMode,
        CauseKind::WorkerScriptOrigin,
        CauseKind::LocalNetworkAccess,
        CauseKind::OpaqueResponse,
        CauseKind::SignInRequest,
        CauseKind::ResourcePolicy,
        CauseKind::EmbedderPolicy,
        CauseKind::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CauseKind::Ok => "ok",
            CauseKind::GatewayError => "gateway_error",
            CauseKind::PreflightMissing => "preflight_missing",
            CauseKind::PreflightFailed => "preflight_failed",
            CauseKind::HeaderMismatch => "header_mismatch",
            CauseKind::ResponseMissingCors => "response_missing_cors",
            CauseKind::Redirect => "redirect",
            CauseKind::HeaderNotExposed => "header_not_exposed",
            CauseKind::NetworkError => "network_error",
            CauseKind::ContentSecurityPolicy => "content_security_policy",
            CauseKind::MixedContent => "mixed_content",
            CauseKind::SameOriginMode => "same_origin_mode",
            CauseKind::WorkerScriptOrigin => "worker_script_origin",
            CauseKind::LocalNetworkAccess => "local_network_access",
            CauseKind::OpaqueResponse => "opaque_response",
            CauseKind::SignInRequest => "sign_in_request",
            CauseKind::ResourcePolicy => "cross_origin_resource_policy",
            CauseKind::EmbedderPolicy => "cross_origin_embedder_policy",
            CauseKind::Unknown => "unknown",
        }
    }
}

/// The cause as the report shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cause {
    pub kind: CauseKind,
    pub stage: Option<Stage>,
    pub status: Option<u16>,
    /// The product a response fingerprint names (never from the URL alone).
    pub gateway: Option<Gateway>,
    pub gateway_response: Option<String>,
    /// Where the API runs according to the URL's host (its `basis` is always
    /// `"url"`), when no response fingerprints a product and the host is a
    /// platform's default endpoint. The summary's causes and the fixes are
    /// then that platform's.
    pub platform: Option<HostHint>,
}

impl Cause {
    /// A cause no response fingerprint or URL host names a product for.
    fn of(kind: CauseKind, stage: Option<Stage>, status: Option<u16>) -> Cause {
        Cause {
            kind,
            stage,
            status,
            gateway: None,
            gateway_response: None,
            platform: None,
        }
    }
}

use crate::exchange::{Exchange, Response};
use crate::gateway::{identify, served_by, Fingerprint};

/// An input refused as no capture (words, settings) whose pasted CORS settings hold an origin
/// that never matches: that entry, at its line, instead of the bare refusal.
pub fn settings_refusal(input: &str, e: crate::input::InputError) -> crate::input::InputError {
    let generic = e.message.starts_with("not a HAR file")
        || e.message.starts_with("words about a CORS failure");
    if !generic {
        return e;
    }
    match allowed::settings_alone(crate::input::allow_list::read(input)) {
        Some((line, s)) => crate::input::InputError::new(
            None,
            crate::input::Place {
                line: Some(line),
                ..crate::input::Place::default()
            },
            format!("server settings, without what the browser said; in them: {s} (For the browser's verdict on a request, paste its console message, the request's headers or a HAR with the settings.)"),
        ),
        None => e,
    }
}
use crate::verdict::{CorsError, Subject, Verdict};

/// The cause with its plain-language explanation and evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    pub cause: Cause,
    pub summary: String,
    pub evidence: Vec<String>,
    /// The fingerprint of the response that matters, when one was found.
    pub fingerprint: Option<Fingerprint>,
    /// What the browser hid from the page, for gateway errors.
    pub hidden: Option<String>,
}

/// The response a verdict's failure is about.
pub fn subject_response<'a>(x: &'a Exchange, v: &Verdict, s: Subject) -> Option<&'a Response> {
    match s {
        Subject::Preflight => {
            let captured = x
                .captured_preflight()
                .and_then(|p| p.response.as_ref())
                .filter(|r| r.is_known());
            captured.or_else(|| x.replay.as_ref().and_then(|r| r.preflight.as_ref()))
        }
        Subject::Redirect(i) => x.redirects.get(i).map(|r| &r.response),
        Subject::RedirectPreflight(i) => x
            .redirects
            .get(i)
            .and_then(|h| h.preflight.captured())
            .and_then(|p| p.response.as_ref())
            .filter(|r| r.is_known()),
        Subject::Response => {
            let captured = x.response.as_ref().filter(|r| r.is_known());
            if v.from_replay || captured.is_none() {
                x.replay
                    .as_ref()
                    .and_then(|r| r.response.as_ref())
                    .or(captured)
            } else {
                captured
            }
        }
    }
}

fn has_any_cors_header(r: &Response) -> bool {
    r.headers
        .iter()
        .any(|h| h.name.to_ascii_lowercase().starts_with("access-control-"))
}

/// The usual real causes behind a browser message that only says "no
/// Access-Control-Allow-Origin" or "not an ok status", most likely first
/// (a status the message gives moves the causes it fits to the front).
fn likely_causes(
    err: crate::verdict::CorsError,
    status: Option<u16>,
    platform: Option<Platform>,
) -> Vec<&'static str> {
    use crate::verdict::CorsError;
    if let Some(list) = platform.and_then(|p| platform_causes(p, err.is_preflight())) {
        return rank(list, status);
    }
    // (cause, statuses it shows up with)
    let list: Vec<(&'static str, &[u16])> = if err.is_preflight() {
        let mut l: Vec<(&'static str, &[u16])> = vec![
            (
                "nothing routes OPTIONS for this URL (AWS API Gateway REST API: 403 \"Missing Authentication Token\"; elsewhere 404 or 405)",
                &[403, 404, 405, 501],
            ),
            (
                "an authorizer, API key check, login or WAF rule catches the OPTIONS request, which never carries credentials (401 or 403)",
                &[401, 403],
            ),
            (
                "the server or a proxy answers OPTIONS with an error (4xx/5xx, 429 throttling, 502/504) without CORS headers",
                &[400, 429, 500, 502, 503, 504],
            ),
            (
                CORS_LAYER_403,
                &[403],
            ),
        ];
        if err == CorsError::PreflightMissingAllowOriginHeader {
            l.push((
                "CORS is not configured on the server at all (the preflight then often gets a 200 or 204 without CORS headers)",
                &[200, 204],
            ));
        }
        l
    } else {
        vec![
            (
                "a gateway, CDN or proxy answered with its own error without CORS headers: 429 throttling, 401/403 auth or WAF, 413 body too large, 502/504 backend failure or timeout",
                &[401, 403, 413, 429, 502, 503, 504],
            ),
            (
                AUTH_BEFORE_CORS,
                &[401, 403],
            ),
            (
                "the application's error path (4xx/5xx) skips the CORS headers its successful responses carry, or the URL is wrong (a mistyped host or path, whose 404 page has none)",
                &[400, 404, 409, 422, 500],
            ),
            (
                REDIRECT_WITHOUT_CORS,
                &[301, 302, 303, 307, 308],
            ),
            (
                "CORS is not configured on the server for this route at all",
                &[200, 201, 204],
            ),
            (
                ORIGIN_NOT_LISTED,
                &[200, 201, 204],
            ),
        ]
    };
    let mut ranked = rank(list, status);
    // A 403 to a preflight from a server with no gateway in front: its CORS layer's refusal
    // is the likeliest.
    if status == Some(403) {
        if let Some(i) = ranked.iter().position(|c| *c == CORS_LAYER_403) {
            let c = ranked.remove(i);
            ranked.insert(0, c);
        }
    }
    ranked
}

/// The browser checks a redirect's own answer before following it: one without CORS
/// headers fails at the URL the page called, and the message does not say it redirected.
const REDIRECT_WITHOUT_CORS: &str = "the URL redirects (a bare domain to its www host, http:// to https://, a missing or extra trailing slash) and the redirect itself carries no CORS headers: the browser checks the 3xx before following it; call the final URL, or add the headers to the redirect";

/// The application's own authentication refusing a request before its CORS layer ran.
const AUTH_BEFORE_CORS: &str = "the application's own authentication (a JWT or session check, a login filter, Spring Security, ASP.NET Core's authorization) answers 401 or 403 before its CORS layer adds the headers: run the CORS layer first (Spring Security: http.cors(); Express: app.use(cors()) before the auth middleware; ASP.NET Core: UseCors before UseAuthentication)";

const CORS_LAYER_403: &str = "the server's own CORS layer refuses the preflight: the page's origin, the method or a header it asks for (Access-Control-Request-Headers) is not in its allowed lists, and Spring, Tomcat's CorsFilter, Ktor and others answer that with 403 (an empty body or \"Invalid CORS request\"); add what is missing to its configuration";

/// A page element's load (a font, stylesheet, script, image, media file): a GET without a
/// preflight, served by a file server or CDN.
fn is_element(x: &Exchange) -> bool {
    x.request
        .initiator
        .is_some_and(crate::browser_text::Initiator::is_page_element)
}

/// A page element's load, or a URL that names a static file (an image, font, media segment
/// or playlist, PDF, 3D model, stylesheet, script, wasm): served by a file server, bucket
/// or CDN, whatever code loads it.
fn is_file(x: &Exchange) -> bool {
    const FILES: [&str; 31] = [
        "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "bmp", "woff2", "woff", "ttf",
        "otf", "eot", "mp4", "webm", "m3u8", "m4s", "mpd", "mp3", "ogg", "wav", "vtt", "pdf",
        "glb", "gltf", "ktx2", "hdr", "css", "js", "wasm",
    ];
    let file = served_by::file_extension(&x.request.url)
        .is_some_and(|ext| FILES.iter().any(|e| ext.eq_ignore_ascii_case(e)));
    is_element(x) || (file && x.request.url.contains("://"))
}

/// [`likely_causes`] (or [`likely_causes_either_stage`]) for this request: a page element's
/// file gets the causes of a file server or CDN; a call to this machine or the local
/// network (a dev server) puts "not configured" before a gateway's error when no status
/// tells.
/// A redirect of an http:// URL without CORS headers: what it most likely is.
const HTTP_TO_HTTPS: &str =
    "The URL is http://: most likely the server redirects it to https://. Call the https:// URL directly.";

/// The page's origin missing from the server's list: most CORS layers then send nothing.
const ORIGIN_NOT_LISTED: &str = "the server's CORS settings do not list this page's origin exactly (scheme, host and port): Express's cors, django-cors-headers, rack-cors, Flask-CORS and ASP.NET Core then send no Access-Control-Allow-Origin at all; add the origin to the list";

fn causes_for(
    x: &Exchange,
    err: crate::verdict::CorsError,
    either_stage: bool,
    status: Option<u16>,
    platform: Option<Platform>,
) -> Vec<&'static str> {
    use crate::verdict::CorsError;
    if served_by::apps_script(&x.request.url) {
        // A Google Apps Script web app: Google answers for it.
        let list: Vec<(&'static str, &'static [u16])> = vec![
            (
                "the deployment's access is not \"Anyone\" (or the script needs its owner's authorization again): Google answers with a sign-in page or 401/403, without CORS headers",
                &[401, 403, 302],
            ),
            (
                "the request needs a preflight (Content-Type: application/json, a custom header, credentials), which Apps Script cannot answer",
                &[405],
            ),
            (
                "the script failed (an exception, a quota or a timeout): Google's error page carries no CORS headers",
                &[500, 503],
            ),
        ];
        return rank(list, status);
    }
    if matches!(err, CorsError::MissingAllowOriginHeader) && open_cdn(&x.request.url).is_some() {
        // The CDN answers every site with `*`: the answer the page got is not the CDN's.
        let list: Vec<(&'static str, &'static [u16])> = vec![
            (
                "this public CDN sends `Access-Control-Allow-Origin: *` with its files to every site, so the answer the page got is not the one it sent: a browser extension (an ad, tracker or privacy blocker) blocked or rewrote it, or an antivirus or company proxy that inspects HTTPS answered in its place; open the page in a private window without extensions, or from another network, to tell",
                &[],
            ),
            (
                "the file's URL is wrong (a version, package or path the CDN does not have), and the answer to it carries no CORS header",
                &[403, 404],
            ),
        ];
        return rank(list, status);
    }
    if err.is_preflight() && open_cdn(&x.request.url).is_some() {
        // A file from a public CDN needs no preflight: the page's request asked for one.
        let list: Vec<(&'static str, &'static [u16])> = vec![(
            "a file from this public CDN needs no preflight, but the page's request asked for one: it carries a header beyond the CORS-safelisted ones (a custom header, a Content-Type other than text/plain, form-urlencoded or multipart, headers a service worker or an HTTP client adds to every request; client hints a `<meta http-equiv=\"Accept-CH\">` asks for, which old Chrome versions counted) or a method other than GET, HEAD or POST; the CDN answers OPTIONS with an error (405, 403) without CORS headers",
            &[],
        )];
        return rank(list, status);
    }
    if platform.is_none() && matches!(err, CorsError::MissingAllowOriginHeader) && is_file(x) {
        let mut list: Vec<(&'static str, &'static [u16])> = vec![
            (
                "the file's server or CDN sends no Access-Control-Allow-Origin for these files: CORS is not set up for static files (the bucket's CORS rules, the web server's location for them, the CDN's response headers)",
                &[200, 206, 304],
            ),
            (
                "a CDN or cache serves a copy stored from a request without Origin (or for another origin), without the header: purge it, and cache per Origin (Vary: Origin); the browser's own cache does the same with a copy an <img> or <link> without crossorigin loaded first (give every element of that URL the same crossorigin, or the CORS load a query string of its own)",
                &[200, 206, 304],
            ),
            (
                "the file is not there (404) or access to it is refused (403), and the error page carries no CORS headers",
                &[403, 404],
            ),
        ];
        // "CORS is configured", "it happens randomly": a cached copy before a missing rule.
        if x.cors_configured_said_on.is_some() || x.intermittent_said_on.is_some() {
            list.swap(0, 1);
        }
        return rank(list, status);
    }
    // No platform in the URL, one named in the words or code: its usual causes.
    let platform = platform.or_else(|| {
        use crate::exchange::Stack;
        x.stacks_named.iter().find_map(|s| match s {
            Stack::CloudFunctions => Some(Platform::GoogleCloudFunctions),
            Stack::Netlify => Some(Platform::Netlify),
            Stack::SupabaseFunctions => Some(Platform::SupabaseFunctions),
            Stack::LambdaUrl => Some(Platform::AwsLambdaUrl),
            _ => None,
        })
    });
    let mut list = if either_stage {
        likely_causes_either_stage(status, platform)
    } else {
        likely_causes(err, status, platform)
    };
    let local = matches!(
        crate::fetch::origin::address_space_of(&x.request.url),
        Some("loopback" | "local")
    );
    // A public site's bare domain (https://example.org/…) most often redirects to www.
    if !local && status.is_none() && platform.is_none() && bare_domain(&x.request.url) {
        if let Some(i) = list.iter().position(|c| *c == REDIRECT_WITHOUT_CORS) {
            let redirect = list.remove(i);
            list.insert(0, redirect);
        }
    }
    // It worked before and fails now: the server's side changed (a deploy, a crash, a limit
    // reached), and its error answer, a gateway's or the application's, is the likeliest.
    if x.stopped_working_said_on.is_some() && status.is_none() {
        for lead in ["the application's error path", "a gateway, CDN or proxy"] {
            if let Some(i) = list.iter().position(|c| c.starts_with(lead)) {
                let c = list.remove(i);
                list.insert(0, c);
            }
        }
        return list;
    }
    // A 401/403 from this machine or the local network: no gateway in front, the
    // application's own authentication answered.
    if local && platform.is_none() && matches!(status, Some(401 | 403)) {
        if let Some(i) = list.iter().position(|c| *c == AUTH_BEFORE_CORS) {
            let auth = list.remove(i);
            list.insert(0, auth);
        }
    }
    if local && status.is_none() && platform.is_none() {
        if let Some(i) = list
            .iter()
            .position(|c| c.starts_with("a gateway, CDN or proxy"))
        {
            let gateway = list.remove(i);
            list.push(gateway);
        }
        if let Some(i) = list
            .iter()
            .position(|c| c.starts_with("CORS is not configured"))
        {
            let not_configured = list.remove(i);
            list.insert(0, not_configured);
        }
    }
    // A page on this machine calling an API elsewhere (a deployed one): the API's list of
    // origins was written for the deployed site, not for localhost.
    let page_local = x
        .page_origin
        .as_deref()
        .and_then(crate::fetch::origin::address_space_of)
        .is_some_and(|s| s == "loopback");
    if page_local && !local && status.is_none() && platform.is_none() {
        if let Some(i) = list.iter().position(|c| *c == ORIGIN_NOT_LISTED) {
            let c = list.remove(i);
            list.insert(0, c);
        }
    }
    // The words say CORS is set up: "not configured at all" goes last.
    if x.cors_configured_said_on.is_some() {
        if let Some(i) = list
            .iter()
            .position(|c| c.starts_with("CORS is not configured"))
        {
            let c = list.remove(i);
            list.push(c);
        }
    }
    list
}

/// A URL on a registrable domain itself, no subdomain (`https://mozilla.org/…`, also
/// `example.co.uk`): the name sites most often redirect to their www. host.
fn bare_domain(url: &str) -> bool {
    let Some(host) = crate::fetch::origin::host_of(url) else {
        return false;
    };
    if host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') {
        return false;
    }
    let labels: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    let second_level = ["co", "com", "net", "org", "gov", "ac", "edu"];
    match labels.as_slice() {
        [_, _] => true,
        [_, sld, tld] => tld.len() == 2 && second_level.contains(sld),
        _ => false,
    }
}

/// A 2xx status: no error response, so no cause seen only with error statuses fits it.
fn is_success(status: Option<u16>) -> bool {
    status.is_some_and(|s| (200..300).contains(&s))
}

/// The causes whose statuses include the one the message gives first, the
/// order otherwise kept.
fn rank(list: Vec<(&'static str, &'static [u16])>, status: Option<u16>) -> Vec<&'static str> {
    let success = is_success(status);
    let (mut fits, rest): (Vec<_>, Vec<_>) = list
        .into_iter()
        .filter(|(_, codes)| !success || codes.is_empty() || codes.iter().any(|c| *c < 400))
        // A cause only one other status shows (a missing route's 404) is not this one.
        .filter(|(_, codes)| match (status, *codes) {
            (Some(s), [only]) => *only == s,
            _ => true,
        })
        .partition(|(_, codes)| status.is_some_and(|s| codes.contains(&s)));
    fits.extend(rest);
    fits.into_iter().map(|(c, _)| c).collect()
}

/// Chrome's Private / Local Network Access errors: not the usual CORS headers.
fn local_network_summary(
    err: crate::verdict::CorsError,
    space: Option<&str>,
    url: &str,
) -> Option<String> {
    use crate::verdict::CorsError::*;
    let space = space.filter(|s| !s.is_empty()).unwrap_or("local");
    // Private Network Access (Chrome 94 on) called loopback `local` and a private network
    // `private`; Local Network Access renamed them `loopback` and `local`. A `local` request
    // to this machine is the older name.
    let on_this_machine = crate::fetch::origin::address_space_of(url) == Some("loopback");
    let older_name = space == "local" && on_this_machine;
    let space = if older_name { "loopback" } else { space };
    let what = |space: &str| {
        match space {
        "loopback" => "this machine: localhost, 127.0.0.1 or ::1",
        "local" | "private" => {
            "a device on the local network: a private address such as 192.168.x.x or 10.x.x.x, or a name that resolves to one"
        }
        _ => "a more private network",
    }
    };
    if matches!(err, InvalidLocalNetworkAccess | InvalidPrivateNetworkAccess) {
        // "Request had a target IP address space of `local` yet the resource is in address
        // space `loopback`": the space the request was tagged with, and the server's.
        let (declared, actual) = space.split_once(", ").unwrap_or((space, ""));
        let server = if actual.is_empty() {
            "the server turned out to be in a different one".to_string()
        } else {
            format!(
                "the server is in the `{actual}` address space ({})",
                what(actual)
            )
        };
        let option = if actual.is_empty() {
            "`targetAddressSpace` naming the space the server is in".to_string()
        } else {
            format!("`targetAddressSpace: '{actual}'`")
        };
        let right = if actual.is_empty() {
            "the space the server is in".to_string()
        } else {
            format!("`'{actual}'`")
        };
        return Some(if declared == "unknown" {
            format!(
                "The request went out tagged with no known target address space (`unknown`), but {server}, and Chrome refuses the mismatch before sending it. Give fetch the option {option} (Chrome then asks the user for the Local Network Access permission once per site), or call the API from a page in the same address space."
            )
        } else {
            format!(
                "The request was made for the `{declared}` address space (fetch's `targetAddressSpace: '{declared}'`), but {server}: Chrome refuses the mismatch when it connects, whatever the server would answer. Declare {right} (`'loopback'` is localhost, 127.0.0.1 and ::1; `'local'` a private network address such as 192.168.x.x), or leave the option out."
            )
        });
    }
    // A name whose address the input does not show: `local` may be either meaning.
    let by_name = space == "local"
        && crate::fetch::origin::address_space_of(url).is_none()
        && crate::fetch::origin::host_of(url).is_some();
    let target = if older_name {
        format!(
            "the `local` address space (Chrome's older name for {}; it now says `loopback`)",
            what(space)
        )
    } else if by_name {
        format!(
            "the `local` address space ({} resolved to this machine, as Chrome's older Private Network Access names meant `local`, or to a device on the local network, as Local Network Access means it today)",
            crate::fetch::origin::host_of(url).unwrap_or_default()
        )
    } else {
        format!("the `{space}` address space ({})", what(space))
    };
    Some(match err {
        PreflightMissingAllowExternal | PreflightMissingAllowPrivateNetwork => format!(
            "The page calls {target} from a more public origin, so Chrome sent a Private Network Access preflight, and its response lacks `Access-Control-Allow-Private-Network: true`. Answer the OPTIONS preflight with that header, besides the usual CORS headers."
        ),
        PreflightInvalidAllowExternal | PreflightInvalidAllowPrivateNetwork => format!(
            "The page calls {target} from a more public origin; the Private Network Access preflight's `Access-Control-Allow-Private-Network` header is not exactly `true`."
        ),
        InsecureLocalNetwork | InsecurePrivateNetwork => format!(
            "The page is not a secure context (it is served over http://) and calls {target}: Chrome blocks this whatever the server answers. Serve the page over HTTPS."
        ),
        LocalNetworkAccessPermissionDenied | PrivateNetworkAccessPermissionDenied => format!(
            "The page calls {target}, and the Local Network Access permission was denied (the user's answer to the prompt, the site settings, or a policy). No server header changes this: allow the permission for the site (site settings, by the address bar), or in an iframe have the embedding page delegate it."
        ),
        PrivateNetworkAccessPermissionUnavailable => format!(
            "The page calls {target}, and the permission to do so is unavailable in this context: no server header changes this."
        ),
        UnexpectedPrivateNetworkAccess => format!(
            "The request reached {target} without declaring it (fetch's `targetAddressSpace`): Chrome blocks this."
        ),
        _ => return None,
    })
}

/// [`likely_causes`] for a missing Allow-Origin when the message does not say
/// whether the preflight or the actual response lacked it (Firefox, Safari).
fn likely_causes_either_stage(
    status: Option<u16>,
    platform: Option<Platform>,
) -> Vec<&'static str> {
    if let Some(p) = platform {
        if let (Some(pre), Some(resp)) = (platform_causes(p, true), platform_causes(p, false)) {
            // Both stages' causes, without repeats, those fitting the status first.
            // (The same cause worded for each stage — "no rule of the bucket's CORS
            // configuration …", "a CDN in front …" — once.)
            let mut list = resp;
            let head = |t: &str| t.get(..12).map(str::to_string);
            for c in pre {
                if !list
                    .iter()
                    .any(|(t, _)| *t == c.0 || (head(t).is_some() && head(t) == head(c.0)))
                {
                    list.push(c);
                }
            }
            return rank(list, status);
        }
    }
    let preflight = "if it was the preflight: nothing routes OPTIONS, or an authorizer or API key check rejects it (AWS API Gateway REST API: 403 \"Missing Authentication Token\"; elsewhere 401, 403, 404 or 405)";
    let mut out = likely_causes(
        crate::verdict::CorsError::MissingAllowOriginHeader,
        status,
        None,
    );
    if is_success(status) {
        // A preflight answered 2xx was routed and let through; a 204 is most often one, and
        // a CORS layer that refuses what a preflight asks may answer it so, without headers.
        if status == Some(204) {
            out.insert(0, "it was the preflight's 204: the server's CORS layer answered it but refused something it asks for (a request header, often a new one a client library update added; the method; the origin), and some answer that 204 or 200 without any CORS header (Go's rs/cors and go-chi/cors among them): compare the preflight's Access-Control-Request-Headers and -Method with the server's allowed lists");
        }
        return out;
    }
    let fits = status.is_some_and(|s| matches!(s, 401 | 403 | 404 | 405));
    // After the gateway-error cause when the status fits both, else last but one.
    let at = if fits { 1 } else { out.len().saturating_sub(1) };
    out.insert(at.min(out.len()), preflight);
    out
}

/// Why Access-Control-Allow-Origin held several values, from the values: the same origin
/// twice is two layers each adding it; several origins are a configured list sent as it is.
fn several_origins_note(err: CorsError, values: Option<&str>) -> Option<&'static str> {
    if !matches!(
        err,
        CorsError::MultipleAllowOriginValues | CorsError::PreflightMultipleAllowOriginValues
    ) {
        return None;
    }
    let parts: Vec<&str> = values?
        .split([',', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let first = parts.first()?;
    Some(if parts.len() > 1 && parts.iter().all(|p| p == first) {
        " The same value twice: two layers each add the header (a proxy's add_header or a gateway's CORS setting, and the application's CORS middleware, or two middlewares): let one of them do it."
    } else if parts.contains(&"*") {
        " `*` beside another value: two layers each add the header (a proxy or gateway, and the application): let one of them do it, with one value."
    } else {
        " A list of origins sent as it is: the header holds one origin. Keep the list on the server, and send back only the request's Origin when it is in the list (with Vary: Origin)."
    })
}

/// The summary of an observed-only verdict whose cause the words cannot tell.
/// "The browser reports E" in the words of the browser that did: Firefox's
/// key or Safari's sentence, with Chromium's name for it after.
fn reported(x: &Exchange, err: crate::verdict::CorsError) -> String {
    use crate::exchange::Browser;
    match x.observed.as_ref() {
        Some(o) if o.browser == Browser::Firefox => match &o.firefox_key {
            Some(k) => format!("Firefox reports {k} (Chromium: {})", err.name()),
            None => format!("Firefox reports what Chromium calls {}", err.name()),
        },
        Some(o) if o.browser == Browser::Safari => {
            format!("Safari reports what Chromium calls {}", err.name())
        }
        _ => format!("The browser reports {}", err.name()),
    }
}

fn observed_unknown_summary(
    x: &Exchange,
    err: crate::verdict::CorsError,
    status: Option<u16>,
    hint: Option<&HostHint>,
    url: &str,
) -> String {
    let status_words = status
        .map(|s| format!(" (status {})", status_phrase(s)))
        .unwrap_or_default();
    let (what, see) = if err.is_preflight() {
        (
            if err == crate::verdict::CorsError::PreflightInvalidStatus {
                format!("the preflight (OPTIONS) response{status_words} did not have a 2xx status")
            } else {
                format!("the preflight (OPTIONS) response{status_words} had no Access-Control-Allow-Origin header")
            },
            "Look at the OPTIONS request's status in DevTools' Network panel (or a HAR), or replay the preflight, to tell which.",
        )
    } else {
        (
            format!("the response{status_words} had no Access-Control-Allow-Origin header"),
            "Look at the request's real status and headers in DevTools' Network panel (or a HAR), or replay it, to tell which.",
        )
    };
    let causes: Vec<String> = causes_for(x, err, false, status, hint.map(|h| h.platform))
        .iter()
        .enumerate()
        .map(|(i, c)| format!("({}) {c}", i + 1))
        .collect();
    format!(
        "{}: {what}.{}{} The browser hides that response from the page; the usual causes{}, most likely first: {}. {see}",
        reported(x, err),
        status
            .and_then(status_says)
            .or_else(|| not_allowed_says(x, err, status))
            .unwrap_or_default(),
        hint.map(|h| where_it_runs(h, url)).unwrap_or_default(),
        if hint.is_some() { " there" } else { "" },
        causes.join("; ")
    )
}

/// What an error status the message states says by itself, with a leading space: these
/// come from a limit in front of the code (or in it) whose error response rarely carries
/// CORS headers, so the status is the problem to fix first.
fn status_says(status: u16) -> Option<String> {
    if matches!(status, 520..=527 | 530) {
        return Some(format!(
            " {status} is Cloudflare's own status, no other server sends it. {} Cloudflare's error page has no CORS headers: look at the origin server first, the CORS error goes away when it answers.",
            crate::gateway::edge::cloudflare_status_meaning(status)
        ));
    }
    Some(match status {
        413 => " 413 says the request body is over a size limit: a proxy's or gateway's (nginx client_max_body_size, 1 MB by default; AWS API Gateway 10 MB; Lambda 6 MB; Cloudflare 100 MB on most plans) or the application's body parser (Express: 100 kB by default); that error response has no CORS headers. Raise the limit where it is hit, or upload large files straight to storage (a presigned URL); then let error responses carry CORS headers too (nginx: `add_header … always`).",
        429 => " 429 says a rate limit answered (a gateway's throttling or usage plan, a WAF rate rule, the application's limiter); that error response has no CORS headers. Slow down or raise the limit, and let the limiter's responses carry CORS headers so the page can read the 429 and retry.",
        502 | 503 => " 502/503 says the server behind the gateway or proxy failed, crashed or is not running; the proxy's error page has no CORS headers. Look at the backend's logs first: the CORS error goes away when it answers.",
        504 => " 504 says the server behind the gateway or proxy did not answer in time (AWS API Gateway waits 29 s by default; load balancers and proxies have their own timeouts); the timeout response has no CORS headers. Make the call faster or asynchronous, or raise the timeout.",
        _ => return None,
    }.to_string())
}

/// A 405 on the request itself (not its preflight), with a leading space: the URL's server
/// takes no such method there, most often a static file server the call reached instead of
/// the API (VS Code's Live Server on port 5500 answers every POST so).
fn not_allowed_says(x: &Exchange, err: CorsError, status: Option<u16>) -> Option<String> {
    let method = x.request.method.to_ascii_uppercase();
    if status != Some(405)
        || err.is_preflight()
        || x.request.method_known == crate::exchange::Known::Unknown
        || matches!(method.as_str(), "GET" | "HEAD" | "OPTIONS")
    {
        return None;
    }
    let port = url::Url::parse(&x.request.url).ok().and_then(|u| u.port());
    let live_server = if port == Some(5500) {
        " Port 5500 is VS Code's Live Server, which serves files and answers every POST with 405: the call went to the server of the page's files, not to the API."
    } else {
        ""
    };
    Some(format!(
        " 405 says the server at this URL takes no {method} there: a static file server (VS Code's Live Server, `python -m http.server`, a static host or a dev server's files) or a route defined for another method answered, not the API's handler.{live_server} Check the URL's host, port and path against where the API listens; a CORS header would not make the {method} work."
    ))
}

/// " The URL's host … so the API runs on …" (with a leading space).
fn where_it_runs(h: &HostHint, url: &str) -> String {
    let what = match h.platform {
        Platform::AwsApiGateway => {
            "the API runs on AWS API Gateway (a REST or an HTTP API: the host does not say which)"
                .to_string()
        }
        Platform::Cloudfront => {
            "the API runs behind Amazon CloudFront (what runs behind it, the host does not say)"
                .to_string()
        }
        p => format!("the API runs on {}", p.in_sentence()),
    };
    let vendor = match h.platform {
        Platform::AwsApiGateway | Platform::AwsLambdaUrl | Platform::Cloudfront => "AWS",
        Platform::AzureApim | Platform::AzureAppService => "Microsoft Azure",
        Platform::CloudflareWorkers => "Cloudflare",
        Platform::GoogleCloudRun | Platform::GoogleCloudFunctions | Platform::GoogleApiGateway => {
            "Google Cloud"
        }
        Platform::Vercel => "Vercel",
        Platform::Netlify => "Netlify",
        Platform::Heroku => "Heroku",
        Platform::AwsS3 => "AWS",
        Platform::AzureStorage => "Microsoft Azure",
        Platform::GoogleCloudStorage => "Google Cloud",
        Platform::CloudflareR2 => "Cloudflare",
        Platform::BackblazeB2 => "Backblaze",
        Platform::DigitalOceanSpaces => "DigitalOcean",
        Platform::Wasabi => "Wasabi",
        Platform::SupabaseFunctions => "Supabase",
    };
    let stage = if h.platform == Platform::AwsApiGateway {
        stage_words(url)
    } else if h.host == "firebasestorage.googleapis.com" {
        " It is Firebase Storage, whose buckets are Cloud Storage buckets: their CORS configuration is set with gcloud (or gsutil), not in the Firebase console.".to_string()
    } else {
        String::new()
    };
    // The platform's local stack (`supabase start`): its port and path.
    if let Some(local) = h.pattern.strip_prefix("localhost:") {
        return format!(
            " The URL is {}:{local}, the address of {vendor}'s local stack, so {what}.{stage}",
            h.host
        );
    }
    // A path any domain of the platform serves (`/.netlify/functions/`).
    if let Some(path) = h.pattern.strip_prefix('*').filter(|p| p.starts_with('/')) {
        return format!(" The URL's path {path} is one only {vendor} serves, so {what}.{stage}");
    }
    let form = if h.pattern == h.host {
        format!(" The URL's host {} is", h.host)
    } else {
        format!(" The URL's host {} has the form {},", h.host, h.pattern)
    };
    format!("{form} a default endpoint only {vendor} serves, so {what}.{stage}")
}

/// What an execute-api URL's path says about REST vs HTTP API.
fn stage_words(url: &str) -> String {
    let first = url::Url::parse(url.trim()).ok().and_then(|u| {
        u.path_segments()
            .and_then(|mut s| s.next().map(str::to_string))
            .filter(|s| !s.is_empty())
    });
    match first {
        // Only plain segments are named back (a stage name is letters, digits, - and _).
        Some(s) if s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') => format!(
            " Its path starts with /{s}: for a REST API that is the stage (an HTTP API on its `$default` stage has none in the path, and /{s} is then part of the route)."
        ),
        Some(_) => String::new(),
        None => " Its path has no stage: that fits an HTTP API's `$default` stage; a REST API's URL always starts with its stage, and without it API Gateway answers 403 \"Missing Authentication Token\".".to_string(),
    }
}

/// Why Opaque Response Blocking withheld the captured response from a no-cors load
/// (Fetch's "opaque-response-safelist check", as Chromium's ORB v0.1 applies it): the
/// sentence's end, and the header lines that show it. `None` without a response.
fn orb_reason(x: &Exchange) -> Option<(String, Vec<String>)> {
    let r = x.response.as_ref().filter(|r| r.is_known())?;
    let ct = r.headers.get("content-type").map(|v| v.trim().to_string());
    let essence = ct
        .as_deref()
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let nosniff = r
        .headers
        .get("x-content-type-options")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("nosniff"));
    let mut lines = vec![format!("response status: {}", status_phrase(r.status))];
    if let Some(v) = &ct {
        lines.push(format!("`Content-Type: {v}`"));
    }
    if nosniff {
        lines.push("`X-Content-Type-Options: nosniff`".to_string());
    }
    let kind = match essence.as_str() {
        "text/html" => Some("an HTML page"),
        "text/plain" => Some("plain text"),
        e if e == "application/json" || e.ends_with("+json") => Some("JSON"),
        e if e.ends_with("/xml") || e.ends_with("+xml") => Some("XML"),
        _ => None,
    };
    let ct_words = ct
        .as_deref()
        .map(|v| format!("`Content-Type: {v}`"))
        .unwrap_or_else(|| "no Content-Type".to_string());
    let reason = match kind {
        _ if !(200..300).contains(&r.status) => format!(
            "its status is {} ({ct_words}): ORB gives a no-cors load an error status only with an image, audio, video, JavaScript or CSS body.",
            status_phrase(r.status)
        ),
        Some(kind) if nosniff => format!(
            "its {ct_words} with `X-Content-Type-Options: nosniff` says it is {kind}, which ORB never hands to a no-cors load (nosniff stops it from looking inside)."
        ),
        Some(kind) if kind != "plain text" => format!(
            "it is {kind} ({ct_words}): ORB withholds what looks like HTML, JSON or XML from a no-cors load."
        ),
        _ => format!(
            "its body ({ct_words}) is not one ORB lets through to a no-cors load (images, audio, video, JavaScript, CSS): ORB looked inside and found HTML, JSON or XML, or the type is one it never hands out (a PDF, a zip)."
        ),
    };
    Some((reason, lines))
}

fn status_phrase(status: u16) -> String {
    match crate::exchange::reason_phrase(status) {
        "" => format!("{status}"),
        reason => format!("{status} {reason}"),
    }
}

/// " from Apache httpd", or " from the PHP application behind Apache httpd" when the server
/// passed on the answer of an application whose headers name it (X-Powered-By: PHP/…).
fn from_words(fp: &Fingerprint, x: &Exchange) -> String {
    match crate::gateway::framework_of(x).filter(|_| !fp.generated) {
        Some(app) => format!(
            " from the {} application behind {}",
            app.name(),
            fp.gateway.name()
        ),
        None => format!(" from {}", gateway_words(fp)),
    }
}

fn gateway_words(fp: &Fingerprint) -> String {
    match &fp.error {
        Some(e) => format!(
            "{} ({e} response)",
            fp.gateway.name().replace(" (", ", ").replace(')', "")
        ),
        None => fp.gateway.name().to_string(),
    }
}

/// Name the root cause of a verdict.
///
/// When no response fingerprints a product and the URL's host is a platform's
/// default endpoint ([`hint_from_url`]), the cause names that platform as where
/// the API runs (`cause.platform`), and an evidence line says so.
pub fn determine(x: &Exchange, v: &Verdict) -> Diagnosis {
    let url = if v.cors_error.is_some_and(|e| e.is_preflight()) {
        x.request.url.clone()
    } else {
        x.final_url()
    };
    let hint = hint_from_url(&url);
    let mut d = determine_with(x, v, hint.clone());
    if let (Some(src), true) = (&x.cached_from, v.blocked) {
        cached_response(&mut d, x, src);
    }
    // An OPTIONS typed without Access-Control-Request-Method: what it got is what a browser's
    // preflight gets only if the server does not tell the two apart; the summary says so first.
    if let Some(st) = v.not_a_preflight.filter(|_| v.blocked) {
        // "Nothing handles …" goes on the sentence in lower case; "AWS …", "Chrome …" stay.
        let word = d.summary.split([' ', ':', ',']).next().unwrap_or_default();
        let mut chars = word.chars();
        let lower = chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.as_str().chars().all(|c| c.is_ascii_lowercase())
            && !chars.as_str().is_empty();
        let then = if lower {
            format!("{}{}", d.summary[..1].to_ascii_lowercase(), &d.summary[1..])
        } else {
            d.summary.clone()
        };
        d.summary = format!(
            "This OPTIONS is no preflight (it has no Access-Control-Request-Method), so its answer{} may not be what a browser's preflight gets: send it again with `-H 'Access-Control-Request-Method: POST'` (the method the page uses) to tell. If a real preflight gets the same, {then}",
            if st == 0 { String::new() } else { format!(" ({})", status_phrase(st)) },
        );
    }
    // MinIO's web console answered: the request went to the console's port, not the S3 API.
    let console = minio_console_answered(x);
    if console && v.blocked {
        d.summary = format!(
            "`Server: MinIO Console` answered: this is MinIO's web console (its own port, 9001 by default), not its S3 API, and the console sends no CORS headers for other pages. S3 requests and presigned URLs go to the API's address (the server's --address, :9000 by default, or what MINIO_SERVER_URL says), where the API's CORS setting applies (MINIO_API_CORS_ALLOW_ORIGIN, `*` by default). {}",
            d.summary
        );
    }
    let unexplained = d.fingerprint.is_none()
        && d.cause.gateway.is_none()
        && v.blocked
        && !matches!(
            d.cause.kind,
            CauseKind::NetworkError
                | CauseKind::ContentSecurityPolicy
                | CauseKind::MixedContent
                | CauseKind::SameOriginMode
                | CauseKind::WorkerScriptOrigin
                | CauseKind::ResourcePolicy
                | CauseKind::EmbedderPolicy
                | CauseKind::LocalNetworkAccess
        );
    let on_b2 = hint
        .as_ref()
        .is_some_and(|h| h.platform == Platform::BackblazeB2)
        || d.fingerprint
            .as_ref()
            .is_some_and(|f| f.gateway == Gateway::BackblazeB2);
    if let (true, Some(h)) = (unexplained, hint) {
        if h.platform == Platform::AwsS3 && s3_service_endpoint(&url) {
            d.summary = format!("The URL names no bucket: it is S3's service endpoint (ListBuckets and the other account-level calls), which answers no CORS request whatever any bucket's configuration says, so a page cannot call it; call it from a server (or list the objects of one bucket, whose CORS rules can allow the page). {}", d.summary);
        }
        d.evidence.push(h.evidence());
        d.cause.platform = Some(h);
    }
    if let Some(op) = b2_account_call(&url).filter(|_| v.blocked && on_b2) {
        d.summary = format!("{op} is a call of Backblaze B2's native account API, which answers no CORS request whatever the bucket's CORS rules say (they cover downloads and b2_upload_file / b2_upload_part only), so a page cannot call it: call it from your server, and give the page only what it needs (an upload URL and token from b2_get_upload_url, or a presigned URL of the S3-compatible API). The application key then stays on the server too.");
    }
    if v.blocked && d.cause.kind != CauseKind::MixedContent {
        if let Some(note) = x
            .page_origin
            .as_deref()
            .and_then(|o| nearly_same_origin(o, &x.request.url))
        {
            d.summary = format!("{note} {}", d.summary);
        }
    }
    if v.blocked {
        if let Some(p) = bypassed_dev_proxy(x) {
            let url = &x.request.url;
            let relative =
                url::Url::parse(url).map_or_else(|_| "/…".to_string(), |u| u.path().to_string());
            let dev_page = x
                .page_origin
                .as_deref()
                .and_then(crate::fetch::origin::address_space_of)
                .is_some_and(|s| s != "public");
            let production = if dev_page {
                "The dev server's proxy serves development only: in production, serve the API under the page's origin too (a reverse proxy, the host's rewrites), or allow the page's origin on the API."
            } else {
                "The page here is not on the dev server: its proxy serves development only, so in production serve the API under the page's origin (a reverse proxy, the host's rewrites) or allow the page's origin on the API."
            };
            d.summary = format!(
                "The pasted {} proxy (line {}) forwards `{}` to {}, but the page calls {url} itself: the request goes straight to the API, cross-origin, and the proxy plays no part. Call the path relative to the page (`{relative}`, a base URL of '' in development) so that the dev server forwards it and the browser sees a same-origin request. {production} {}",
                p.tool, p.line, p.context, p.target, d.summary
            );
        }
    }
    // 421 Misdirected Request: a connection reused for a host it does not serve, not CORS.
    if v.blocked && d.cause.status == Some(421) {
        d.summary = format!("421 Misdirected Request: the server says the request came on a connection for another host name — a browser reusing an HTTP/2 connection for a second name on the same IP address and certificate (Safari does this readily; CDNs and proxies that share certificates across sites answer 421), or a TLS SNI that does not match the Host. It is not a CORS setting, and the error page has no CORS headers: make the server or CDN accept every name its certificate covers on one connection (or give the names separate certificates or addresses); another browser, or a fresh connection, gets through. {}", d.summary);
    }
    // The server's headers are the fix, and the server may be someone else's API.
    let server_side = matches!(
        d.cause.kind,
        CauseKind::Unknown
            | CauseKind::ResponseMissingCors
            | CauseKind::PreflightMissing
            | CauseKind::PreflightFailed
            | CauseKind::HeaderMismatch
    );
    let own_product = d.cause.platform.is_some()
        || d.fingerprint.as_ref().is_some_and(|f| {
            !matches!(
                f.gateway,
                Gateway::Cloudflare
                    | Gateway::Nginx
                    | Gateway::Envoy
                    | Gateway::Akamai
                    | Gateway::Fastly
            )
        });
    let redirected = v.cors_error == Some(CorsError::PreflightDisallowedRedirect)
        || d.cause.kind == CauseKind::Redirect;
    // (Vite's dev server on localhost is meant to be: its own lead below says what to do.)
    if v.blocked && !served_by::vite_dev_server(&url) && !served_by::azure_functions_local(&url) {
        // (Said first: the likeliest reason the site's origin reached that server.)
        if let Some(note) = content_script_note(x) {
            d.summary = format!("{note} {}", d.summary);
        } else if let Some(note) = localhost_from_the_web(x) {
            d.summary.push_str(&note);
        }
    }
    // (A placeholder the message was pasted with, `https://<API-URL>`, names no host.)
    let placeholder = x.observed.as_ref().is_some_and(|o| {
        o.text.contains("://<") || o.text.contains("://{") || o.text.contains("://[")
    });
    if v.blocked && !placeholder {
        // (A CORS check ran on an answer: the name resolved for this browser.)
        // (Chrome's "blocked by CORS policy", even cut short before its reason, came with an
        // answer: the name resolved.)
        let chrome_answered = x
            .observed
            .as_ref()
            .is_some_and(|o| o.text.contains("has been blocked by CORS policy"));
        if let Some(note) = url_shape_note(&url, v.cors_error.is_none() && !chrome_answered) {
            // (Where the cause is not known, the URL's own flaw is the likeliest: said first.)
            match note.trim_start().strip_prefix("Note: the URL") {
                Some(rest) if d.cause.kind == CauseKind::Unknown => {
                    d.summary = format!("The URL{rest} {}", d.summary);
                }
                _ => d.summary.push_str(&note),
            }
        }
    }
    if let Some(line) = x
        .stopped_working_said_on
        .filter(|_| v.blocked && d.cause.status.is_none() && d.cause.kind == CauseKind::Unknown)
    {
        d.summary.push_str(&format!(" The words say it worked before (line {line}): a change on the server's side (a deploy, a crash, a memory, time or rate limit reached) is likelier than a CORS setting nobody touched."));
    }
    // (A network failure there is no header matter: its own summary says what to check.)
    if v.blocked && served_by::socket_io_polling(&url) && d.cause.kind != CauseKind::NetworkError {
        let not_found = if d.cause.status == Some(404) {
            " A 404 there means nothing serves Socket.IO at this path and port: the client's path option and the server's must agree (default /socket.io/), the client must connect to the Socket.IO server's own port, and a proxy in front must pass /socket.io/ on."
        } else {
            ""
        };
        let sid = url::Url::parse(&url).is_ok_and(|u| u.query_pairs().any(|(k, _)| k == "sid"));
        let session = if sid && matches!(d.cause.status, None | Some(400)) {
            " The URL carries a session id (sid=): a session the server no longer knows (it restarted, or several server processes serve without sticky sessions) is answered 400 \"Session ID unknown\", by older versions without CORS headers: with more than one process, route each client to one (sticky sessions) or use the websocket transport only."
        } else {
            ""
        };
        d.summary = format!("The URL is Socket.IO's (engine.io's) long-polling transport (?EIO=…&transport=polling): the Socket.IO server answers it before the web framework's routes and CORS middleware, and since Socket.IO 3 it sends CORS headers only with its own option (Node: new Server(httpServer, {{ cors: {{ origin }} }}); python-socketio: cors_allowed_origins).{not_found}{session} {}", d.summary);
    }
    if v.blocked
        && served_by::azure_functions_local(&url)
        && d.cause.kind != CauseKind::NetworkError
    {
        d.summary = format!("The URL is Azure Functions Core Tools' local host (func start, port 7071): it answers CORS itself, from the Host.CORS list in local.settings.json (or func start --cors), before the function runs; the portal's CORS setting does not apply to it, and headers the function's code sets do not reach the preflight. {}", d.summary);
    }
    if v.blocked && served_by::vite_dev_server(&url) && d.cause.kind != CauseKind::NetworkError {
        d.summary = format!("The URL is Vite's dev server (its client, a module or a source file it serves): since Vite 6.0.9 (January 2025) the dev server sends CORS headers only to pages on localhost, 127.0.0.1 or [::1] unless its server.cors option lists the page's origin, and Vite's scripts are module scripts, which a browser always fetches with CORS. List the page's origin in server.cors.origin (vite.config). {}", d.summary);
    }
    let ollama =
        served_by::ollama(&url) || x.stacks_named.contains(&crate::exchange::Stack::Ollama);
    let header_refused = v.cors_error == Some(CorsError::HeaderDisallowedByPreflightResponse);
    if v.blocked && ollama && server_side && header_refused {
        let h = v.failed_parameter.as_deref().unwrap_or("the header");
        d.summary = format!("The server is Ollama: it answers CORS itself, and besides the origins of OLLAMA_ORIGINS it allows only a fixed list of request headers, which `{h}` is not in (whatever the origin; OLLAMA_ORIGINS does not change it). Later versions added some client libraries' headers (the OpenAI SDK's x-stainless-*): upgrade Ollama, or stop sending the header (a proxy in front that answers the preflight itself is the other way). {}", d.summary);
    } else if v.blocked && ollama && server_side {
        // (`None`: no response in the input, its body unseen.)
        let body_empty = x
            .response
            .as_ref()
            .map(|r| r.body.as_deref().is_none_or(|b| b.trim().is_empty()));
        let empty_403 = d.cause.status == Some(403) && body_empty != Some(false);
        let refused = if empty_403 {
            if d.cause.kind == CauseKind::Unknown && v.cors_error.is_some_and(|e| e.is_preflight())
            {
                d.cause.kind = CauseKind::PreflightFailed;
            }
            if body_empty == Some(true) {
                " The 403 with an empty body is Ollama refusing the origin."
            } else {
                " A 403 (with an empty body) is how Ollama refuses an origin."
            }
        } else {
            ""
        };
        d.summary = format!("The server is Ollama: it answers CORS itself and allows only the origins in its OLLAMA_ORIGINS setting (besides localhost, 127.0.0.1 and 0.0.0.0 on any port; versions since spring 2024 also app://, file:// and tauri:// origins, older ones do not, and Tauri on Windows is http://tauri.localhost, which none allows); any other origin, a site's or a browser extension's, gets 403 with an empty body and no CORS headers.{refused} Set OLLAMA_ORIGINS where the Ollama server starts and restart it. {}", d.summary);
    }
    if v.blocked && served_by::netlify_background(&url) && d.cause.kind != CauseKind::NetworkError {
        d.summary = format!("The URL is a Netlify background function (its name ends in -background): Netlify answers the call itself, 202 Accepted with an empty body and no CORS headers, and runs the function afterwards, so the headers the function returns never reach the browser. Call it from the site's own origin, or from a regular function that sets the CORS headers and invokes the background one. {}", d.summary);
    }
    if v.blocked && served_by::apps_script(&url) && d.cause.kind != CauseKind::NetworkError {
        let access = if matches!(d.cause.status, Some(401 | 403)) {
            " The 401/403 says the deployment does not let this caller in: its access must be \"Anyone\" (a new version deployed after the change)."
        } else {
            ""
        };
        d.summary = format!("The URL is a Google Apps Script web app: Apps Script cannot answer a preflight (it has no doOptions) or set CORS headers; Google adds `Access-Control-Allow-Origin: *` to the answer of a deployment whose access is \"Anyone\", for a request that needs no preflight. Send GET, or POST with a text/plain body (JSON.stringify the data; no Content-Type: application/json, no custom headers, no credentials) to the deployment's /exec URL.{access} {}", d.summary);
    }
    if let Some(realm) = served_by::keycloak_realm(&url).filter(|_| v.blocked) {
        d.summary = format!("The URL is an OpenID Connect endpoint of the Keycloak realm {realm}: Keycloak sends CORS headers only for the origins listed in the Web origins of the client the page signs in with, so the page's origin must be listed there (not in the application's CORS settings). {}", d.summary);
    }
    // A request no server answered, to an analytics or ad host or with a content blocker named:
    // the blocker cancelled it.
    let tracker = (v.blocked && d.cause.kind == CauseKind::NetworkError)
        .then(|| served_by::tracker(&url))
        .flatten();
    if v.blocked
        && d.cause.kind == CauseKind::NetworkError
        && (tracker.is_some() || x.blocker_said_on.is_some())
        && !d.summary.contains("ERR_BLOCKED_BY_CLIENT")
    {
        let what = match (tracker, x.blocker_said_on) {
            (Some(h), Some(line)) => format!("The URL is {h}'s, an analytics or ad host, and the words name a content blocker (line {line})"),
            (Some(h), None) => format!("The URL is {h}'s, an analytics or ad host that content blockers (uBlock Origin, AdBlock, Privacy Badger, Brave Shields, a Pi-hole) cancel"),
            (None, Some(line)) => format!("The words name a content blocker (line {line})"),
            (None, None) => String::new(),
        };
        d.summary = format!("{what}: a blocked request never leaves the browser, which Firefox reports as \"CORS request did not succeed\" and Chrome as net::ERR_BLOCKED_BY_CLIENT. No server setting changes it: test with the extension off (or in a private window without extensions), and let the page catch the failed call so that optional telemetry fails quietly. {}", d.summary);
    }
    // Appwrite: its project's Web platforms are the allow-list.
    if v.blocked
        && x.stacks_named.first() == Some(&crate::exchange::Stack::Appwrite)
        && !matches!(d.cause.kind, CauseKind::NetworkError)
    {
        d.summary = format!("The API is Appwrite's: it sends CORS headers only for the hostnames registered as the project's Web platforms (an origin it does not know gets Access-Control-Allow-Origin `https://localhost`, or none), so add the page's hostname as a Web platform of the project (localhost for development, the deployed site's host for production). {}", d.summary);
    }
    // A hybrid app's web view: its origin is the app's, and the API must list it.
    let app_shell = x
        .page_origin
        .as_deref()
        .and_then(|o| served_by::app_shell_of(o, x.app_shell_named));
    // (An Electron window with origin `null`: the lead says it.)
    let electron_null = x.page_origin.as_deref() == Some("null");
    if let Some(shell) = app_shell.filter(|s| {
        v.blocked
            && !matches!(d.cause.kind, CauseKind::NetworkError)
            && !(*s == served_by::AppShell::Electron && electron_null)
    }) {
        use served_by::AppShell;
        let (name, origins, native) = match shell {
            AppShell::Tauri => ("a Tauri app", "tauri://localhost (macOS, Linux) and http://tauri.localhost or https://tauri.localhost (Windows)", "Tauri's HTTP plugin (@tauri-apps/plugin-http), whose requests the Rust side makes"),
            AppShell::Capacitor => ("a Capacitor app", "capacitor://localhost (iOS) and http://localhost or https://localhost (Android)", "the CapacitorHttp plugin (enabled in capacitor.config), whose requests the native side makes"),
            AppShell::Ionic => ("an Ionic (Cordova) app", "the app's origin as the message names it (ionic://localhost on iOS and http://localhost on Android with cordova-plugin-ionic-webview 2 and later; http://localhost:8080 with its first versions)", "a native HTTP plugin (cordova-plugin-advanced-http)"),
            AppShell::Electron => ("an Electron app's custom protocol", "the app's origin as the message names it", "the main process (net.fetch, or a request made there and passed by IPC)"),
            AppShell::Cordova => ("a Cordova app", "the app's origin as the message names it (on iOS, cordova-ios 6 and later: app://localhost unless config.xml's scheme and hostname preferences say otherwise; on Android, cordova-android 10 and later: https://localhost, where before it loaded from file:// and no CORS applied)", "a native HTTP plugin (cordova-plugin-advanced-http)"),
        };
        d.summary.push_str(&format!(" The page is {name}: its web view's origin is the app's, so the API must allow {origins} (in development the dev server's http://localhost:… origin works, the packaged app's does not); or make the call with {native}, outside the web view's CORS."));
    }
    if let Some(idp) = served_by::identity_provider(&url).filter(|_| {
        v.blocked
            && matches!(
                d.cause.kind,
                CauseKind::ResponseMissingCors | CauseKind::HeaderMismatch | CauseKind::Unknown
            )
    }) {
        d.summary = format!("The URL is an OpenID Connect / OAuth endpoint of {}: an identity provider answers CORS from its own list of allowed origins (for the application the page signs in with, or system-wide), so the page's origin must be listed there, not in your API's CORS settings. {}", idp.name(), d.summary);
    }
    // `Access-Control-Allow-Origin: null` for a page with a real origin.
    let null_value = matches!(
        v.cors_error,
        Some(
            CorsError::InvalidAllowOriginValue
                | CorsError::AllowOriginMismatch
                | CorsError::PreflightInvalidAllowOriginValue
                | CorsError::PreflightAllowOriginMismatch
        )
    ) && v.failed_parameter.as_deref().map(str::trim) == Some("null")
        && x.page_origin.as_deref() != Some("null");
    if v.blocked && null_value {
        d.summary.push_str(" The server sent `null`: many CORS settings answer `null` when the request's Origin is not in their allow-list (or echo the `null` Origin of a sandboxed or file:// page), so the page's origin is missing from the server's allowed origins.");
    }
    // A host without its scheme (`my-app.web.app`): no origin, never valid.
    let schemeless = matches!(
        v.cors_error,
        Some(CorsError::InvalidAllowOriginValue | CorsError::PreflightInvalidAllowOriginValue)
    )
    .then(|| v.failed_parameter.as_deref().map(str::trim))
    .flatten()
    .filter(|p| {
        !p.is_empty()
            && !p.contains("://")
            && !p.contains([',', ' '])
            && *p != "null"
            && *p != "*"
            && p.contains('.')
    });
    if let (Some(host), true) = (schemeless, v.blocked) {
        let scheme = x
            .page_origin
            .as_deref()
            .and_then(|o| o.split_once("://"))
            .map_or("https", |(s, _)| s);
        d.summary.push_str(&format!(" The value `{host}` is a host without its scheme: Access-Control-Allow-Origin takes `*`, `null` or a whole origin, scheme included, so the server's allowed-origins setting (which it echoes) must list `{scheme}://{host}`, not `{host}`."));
    }
    if let Some(note) = other_origins_copy(x, v) {
        d.summary.push(' ');
        d.summary.push_str(&note);
    }
    // Firefox sends a User-Agent the page's code sets (Chromium drops it without a word): a
    // header only Firefox's preflight asks for, the classic "works in Chrome, not in Firefox".
    let firefox = x
        .observed
        .as_ref()
        .is_some_and(|o| o.browser == crate::exchange::Browser::Firefox);
    let header = v.failed_parameter.as_deref().map(str::trim);
    let user_agent = header.is_some_and(|h| h.eq_ignore_ascii_case("user-agent"));
    if v.blocked
        && v.cors_error == Some(CorsError::HeaderDisallowedByPreflightResponse)
        && ((firefox && matches!(header, None | Some(""))) || user_agent)
    {
        let safari = x
            .observed
            .as_ref()
            .is_some_and(|o| o.browser == crate::exchange::Browser::Safari);
        d.summary.push_str(if safari {
            " Safari, like Firefox, sends a `User-Agent` header the page's code sets (Chrome drops it without a word), so its preflight asks for it where Chrome's does not; stop setting User-Agent on the request (fetch headers, axios defaults, an SDK that sets its own), or allow it in Access-Control-Allow-Headers."
        } else {
            " If it fails in Firefox or Safari only: they send a `User-Agent` header the page's code sets (Chrome drops it without a word), so only their preflight asks for it; stop setting User-Agent on the request (fetch headers, axios defaults, an SDK that sets its own), or allow it in Access-Control-Allow-Headers."
        });
    }
    let wildcard = matches!(
        v.cors_error,
        Some(CorsError::WildcardOriginNotAllowed | CorsError::PreflightWildcardOriginNotAllowed)
    );
    if v.blocked && wildcard {
        // The server admits every origin already, only not with credentials.
        let theirs = x
            .page_origin
            .as_deref()
            .and_then(|o| other_site(o, &url))
            .filter(|_| !own_product)
            .map(|h| format!(" If you do not run {h}, that is the only fix in your hands."))
            .unwrap_or_default();
        d.summary.push_str(&format!(
            " The server admits every origin (`*`), only not with credentials: if the call needs no cookies or HTTP authentication (an API key in a header or the URL is not a credential here), send it without them (fetch: no credentials: 'include'; XMLHttpRequest, axios, jQuery, Angular: no withCredentials; EventSource: no {{ withCredentials: true }}) and `*` is enough.{theirs} If it does need the cookie, the server must name the page's origin and send Access-Control-Allow-Credentials: true."
        ));
    } else if let (Some(api), true) = (
        served_by::server_only_api(&url),
        v.blocked && server_side && !redirected,
    ) {
        // A well-known API that answers no page: said first, what to do instead.
        d.summary = format!(
            "{} {} not meant to be called from a page: {}. {}",
            api.name, api.verb, api.advice, d.summary
        );
    } else if v.blocked && server_side && !own_product && !redirected {
        // A font, stylesheet, script or media file is no API to call from a server.
        let element = x.request.initiator.is_some_and(|i| {
            use crate::browser_text::Initiator as I;
            !matches!(i, I::Fetch | I::Xhr | I::Other)
        });
        let service = public_service(&url);
        if let Some((host, PublicService::CorsProxy)) = &service {
            d.summary = format!(
                "{host} is a public CORS proxy: an answer from it without CORS headers means it is down, rate-limiting or refusing that target, which no setting of yours changes. Call the API from your own server (a backend route, a serverless function, or the dev server's proxy during development), or run a proxy of your own. {}",
                d.summary
            );
        } else if let Some(host) = x
            .page_origin
            .as_deref()
            .and_then(|o| other_site(o, &url))
            .or_else(|| service.as_ref().map(|(h, _)| h.clone()))
            // A page of origin `null` (a file, a sandbox) has no site of its own: a public
            // host may well be someone else's.
            .or_else(|| {
                (x.page_origin.as_deref() == Some("null")
                    && matches!(
                        crate::fetch::origin::address_space_of(&url),
                        None | Some("public")
                    ))
                .then(|| crate::fetch::origin::host_of(&url))
                .flatten()
            })
            // The words say the server is not theirs: whatever the page's origin.
            .or_else(|| {
                x.not_theirs_said_on
                    .and_then(|_| crate::fetch::origin::host_of(&url))
            })
            .filter(|_| !element && open_cdn(&url).is_none() && !served_by::apps_script(&url))
            // Server code or config pasted with it (the stack it names): the user's server.
            .filter(|_| service.is_some() || x.stacks_named.is_empty())
            // An app's web view: its native HTTP plugin is the way around (said above).
            .filter(|_| app_shell.is_none())
        {
            // A header the service does not allow: the page is the one to change.
            let header = matches!(
                v.cors_error,
                Some(CorsError::HeaderDisallowedByPreflightResponse)
            )
            .then(|| v.failed_parameter.clone())
            .flatten()
            .filter(|h| service.is_some() && !crate::fetch::safelist::is_cors_response_header(h));
            if let Some(h) = header {
                d.summary.push_str(&format!(
                    " {host} is a public service whose CORS settings are its own: do not send `{h}` to it. An interceptor that adds the header to every call (an Authorization token, an Angular HttpInterceptor, an axios interceptor) must leave this host out; a header an SDK adds is the SDK's to drop (its middleware or options)."
                ));
            } else {
                d.summary.push_str(&format!(
                    " If you do not run {host}: only its owner can add these headers, and its API may not be meant for browsers at all; call it from your own server (a backend route, a serverless function, or the dev server's proxy during development), which also keeps its API key off the page."
                ));
            }
        } else if let Some(host) = x
            .page_origin
            .as_deref()
            .and_then(|o| other_site(o, &url))
            .filter(|_| {
                x.request.initiator == Some(crate::browser_text::Initiator::Image)
                    && open_cdn(&url).is_none()
            })
        {
            // Another site's image loaded with CORS (crossorigin, a canvas or WebGL
            // library's loader): shown without CORS, read only with it.
            d.summary.push_str(&format!(
                " If you do not run {host}: an <img> without the crossorigin attribute shows its images without CORS, but reading the pixels (a canvas's getImageData or toDataURL, a WebGL texture: three.js' TextureLoader and similar loaders ask for CORS) needs its Access-Control-Allow-Origin, which only its owner can add; serve the image from your own origin (a copy, or a route of your server that fetches it)."
            ));
        }
    }
    if v.blocked {
        what_the_surroundings_prove(x, &mut d);
        setup_mistake_lead(x, v, &mut d);
    }
    d
}

/// A mistake in the server setup pasted with the report ([`crate::input::setup`]) that
/// explains the failure: said first, and the cause it makes when nothing else named one.
/// Only when no product's answer was recognised and the status, when known, is one the
/// mistake gives.
fn setup_mistake_lead(x: &Exchange, v: &Verdict, d: &mut Diagnosis) {
    let Some(m) = fitting_setup_mistake(x, v, &d.cause, d.fingerprint.is_some()) else {
        return;
    };
    d.summary = format!("{} {}", m.sentence(), d.summary);
    if d.cause.kind == CauseKind::Unknown {
        d.cause.kind = if v.cors_error.is_some_and(CorsError::is_preflight)
            || x.observed
                .as_ref()
                .and_then(|o| o.firefox_key.as_deref())
                .is_some_and(|k| k.starts_with("CORSPreflight"))
        {
            CauseKind::PreflightFailed
        } else {
            CauseKind::ResponseMissingCors
        };
    }
}

/// The pasted setup's mistake that explains the finding (the failure it causes, at the stage
/// and status it causes it), when no product's answer was recognised.
pub(crate) fn fitting_setup_mistake<'a>(
    x: &'a Exchange,
    v: &Verdict,
    cause: &Cause,
    fingerprinted: bool,
) -> Option<&'a crate::exchange::SetupMistake> {
    use crate::exchange::Mistake as M;
    if x.setup_mistakes.is_empty() || fingerprinted || cause.gateway.is_some() {
        return None;
    }
    let firefox = x.observed.as_ref().and_then(|o| o.firefox_key.as_deref());
    let (missing, preflight, redirect) = match v.cors_error {
        Some(e) => (
            matches!(
                e,
                CorsError::MissingAllowOriginHeader
                    | CorsError::PreflightMissingAllowOriginHeader
                    | CorsError::PreflightInvalidStatus
            ),
            e.is_preflight(),
            matches!(
                e,
                CorsError::PreflightDisallowedRedirect | CorsError::RedirectContainsCredentials
            ),
        ),
        None => (
            matches!(
                firefox,
                Some(
                    "CORSMissingAllowOrigin"
                        | "CORSMissingAllowOrigin2"
                        | "CORSPreflightDidNotSucceed2"
                        | "CORSPreflightDidNotSucceed"
                )
            ),
            matches!(firefox, Some(k) if k.starts_with("CORSPreflight")),
            false,
        ),
    };
    let status = cause.status;
    let fits = |m: &crate::exchange::SetupMistake| {
        let said = match m.kind {
            M::DjangoCorsAfterCommon => missing || redirect,
            // (Whichever setting it is, it is not set: any refusal may be its.)
            M::DjangoSettingAnnotated => v.blocked,
            // (A cookie never set fails no CORS check.)
            M::ExpressSecureCookieNoProxy => false,
            // The preflight passed: the request's own answer lacks the header.
            M::PreflightOnlyCors => missing && !preflight,
            // Only for a call to the deployed app, not to the local host that reads it.
            M::AzureLocalSettingsCors => {
                missing
                    && !matches!(
                        crate::fetch::origin::address_space_of(&x.request.url),
                        Some("loopback" | "local")
                    )
                    && !x.request.url.is_empty()
            }
            _ => missing,
        };
        let stage = !m.preflight_only() || preflight;
        let status_fits = match (m.kind, status) {
            (_, None) => true,
            (
                M::CorsAfterAuth
                | M::StarletteAuthOutside
                | M::SamAuthorizerOnPreflight
                | M::SamApiKeyOnPreflight
                | M::HttpApiAnyRouteAuth,
                Some(s),
            ) => s == 401 || s == 403,
            (M::AspNetAnyOriginCredentials | M::SpringAnyOriginCredentials, Some(s)) => {
                s == 500 || is_2xx(s)
            }
            (M::SamBinaryEveryType, Some(s)) => s == 500,
            (M::StarletteDefaultLists, Some(s)) => s == 400,
            (M::PreflightOnlyCors, Some(s)) => is_2xx(s) || matches!(s, 500 | 502),
            (_, Some(s)) => s < 400 || s == 404 || s == 405,
        };
        said && stage && status_fits
    };
    x.setup_mistakes.iter().find(|m| fits(m))
}

/// Causes what was pasted with the report proves where the browser's report alone is
/// generic: Heroku's router log line, a Cloud Function called in another region than the
/// code names, a web app manifest (fetched without cookies), a sign-in endpoint (a cause of
/// its own: `sign_in_request`).
fn what_the_surroundings_prove(x: &Exchange, d: &mut Diagnosis) {
    if let Some(line) = x.service_worker_opaque_on {
        let words = crate::input::service_worker_opaque_words();
        d.summary = format!("As line {line} of the paste says, {words}. {}", d.summary);
    }
    if let Some(lead) = x
        .observed
        .as_ref()
        .and_then(|o| heroku_router_error(&o.text))
    {
        d.summary = format!("{lead} {}", d.summary);
    }
    if let Some((line, region, called)) = other_function_region(x) {
        d.summary = format!(
            "The page calls the function in {called} ({}), but the pasted code names {region} (line {line}): no such function answers at that URL, and Google's answer to it carries no CORS headers. A Firebase client calls us-central1 unless told the function's region: getFunctions(app, '{region}') (v8: firebase.app().functions('{region}')). {}",
            x.request.url, d.summary
        );
    }
    if x.request.initiator == Some(crate::browser_text::Initiator::Manifest) {
        d.summary = format!("The request is the page's web app manifest (<link rel=\"manifest\">), which the browser fetches with CORS and without cookies unless the link says crossorigin=\"use-credentials\": behind a sign-in (Cloudflare Access, an authenticating proxy, a session cookie) it goes out unauthenticated and is sent to sign in or refused. Add crossorigin=\"use-credentials\" to the manifest's link (or let the manifest's path through without sign-in). {}", d.summary);
        return;
    }
    if let Some(line) = x.html_answer_on.filter(|_| x.response.is_none()) {
        d.summary = format!("Chrome's CORB line (line {line} of the paste) shows this path answered with an HTML page (text/html): the call reached a web page, not the API — a CDN or host that routes this path to the site's files (an SPA's index.html, a bucket's error page), a sign-in page, or a wrong URL. Route the path to the API (CloudFront: a cache behavior for it with the API as its origin, listed before the default one; a host's rewrites) or call the API's own URL; its answer then carries the API's CORS headers. {}", d.summary);
    }
    if let Some(line) = upload_without_cors(x, &d.cause) {
        d.summary = format!("The request uploads a file (line {line} of the paste), and the answer has no Access-Control-Allow-Origin: a body over the size limit of a proxy or gateway in front of the application is answered 413 by that layer itself, without the application's CORS headers — the likeliest cause when small files or JSON calls to the same API work, or when it works locally and fails behind the production proxy (nginx's client_max_body_size is 1 MB by default; AWS API Gateway takes 10 MB, Lambda 6 MB; Cloudflare 100 MB on most plans). The Network panel shows the 413; raise the limit there (or upload straight to storage with a presigned URL), and let that layer's error answers carry CORS headers too (nginx: add_header … always). {}", d.summary);
    }
    if d.cause.kind != CauseKind::Unknown {
        return;
    }
    if let Some(si) = crate::gateway::sign_in::sign_in_request(&x.request.url) {
        let whose = si.whose();
        // The browser's report in its first sentence; the usual causes it lists after that
        // are not this one.
        let reported = d
            .summary
            .split_once(". ")
            .map_or(d.summary.as_str(), |(first, _)| first)
            .trim_end_matches('.');
        d.summary = format!(
            "The blocked URL is {whose} (an authorization request: the address carries its client_id, redirect_uri or response_type): the page's script was sent to sign in, by a redirect from the API it called (which found no valid session on the call) or by calling it itself. A sign-in page answers a script with no CORS headers, and a script cannot sign in through it: send the whole page there to sign in, and have the API answer calls without a valid session with 401 and its CORS headers instead of redirecting them. {reported}."
        );
        d.cause.kind = CauseKind::SignInRequest;
    }
}

/// The line showing the request uploads a file, when the answer the browser refused had no
/// Access-Control-Allow-Origin, its status unknown or 413, and no product's answer or storage
/// host explains it: the body size limit's 413 is the likeliest cause.
pub(crate) fn upload_without_cors(x: &Exchange, c: &Cause) -> Option<usize> {
    let line = x.upload_said_on?;
    let observed = x.observed.as_ref()?;
    let missing = observed.cors_error.as_deref() == Some("MissingAllowOriginHeader")
        || (observed.cors_error.is_none()
            && matches!(
                observed.firefox_key.as_deref(),
                Some("CORSMissingAllowOrigin" | "CORSMissingAllowOrigin2")
            ));
    let storage = c.platform.as_ref().is_some_and(|h| {
        matches!(
            h.platform,
            Platform::AwsS3
                | Platform::GoogleCloudStorage
                | Platform::AzureStorage
                | Platform::CloudflareR2
                | Platform::BackblazeB2
                | Platform::DigitalOceanSpaces
                | Platform::Wasabi
        )
    });
    (missing
        && matches!(c.status, None | Some(413))
        && x.response.is_none()
        && c.gateway.is_none()
        && !storage
        && matches!(c.kind, CauseKind::Unknown | CauseKind::ResponseMissingCors))
    .then_some(line)
}

/// `advice` for a page's API calls that a sign-in redirect catches; none for a web app
/// manifest, which the browser fetches itself (its own lead says what to do).
fn api_calls_advice<'a>(x: &Exchange, advice: &'a str) -> &'a str {
    if x.request.initiator == Some(crate::browser_text::Initiator::Manifest) {
        ""
    } else {
        advice
    }
}

/// Heroku's router log line beside the message (`at=error code=H10 desc="App crashed" …
/// status=503`): the router answered itself, and why.
fn heroku_router_error(text: &str) -> Option<String> {
    let line = text.lines().find(|l| l.contains("at=error code=H"))?;
    let code = line.split("code=").nth(1)?.split(' ').next()?;
    let desc = line
        .split("desc=\"")
        .nth(1)
        .and_then(|d| d.split('"').next())
        .unwrap_or("");
    let status = line
        .split(" status=")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap_or("");
    let why = match code {
        "H10" => "the app crashed or did not start (its dyno is not running): its own log (heroku logs --tail) shows the exception or the missing setting before the crash",
        "H12" => "the app took longer than Heroku's 30 s to answer: make the request faster, or move the work to a background job the page polls",
        "H13" => "the app closed the connection without answering (it crashed or ran out of memory on this request)",
        "H14" => "no web dyno is running: scale one up (heroku ps:scale web=1) and check the Procfile's web process",
        "H18" | "H27" => "the request or its answer was cut off before it completed",
        "H20" => "the app was still starting when the router gave up waiting (75 s): its boot in heroku logs --tail shows what takes so long",
        "H80" => "the app is in maintenance mode",
        _ => "the router could not get an answer from the app",
    };
    Some(format!(
        "Heroku's router log names the cause: {code}{} (status {status}) — {why}. The router's own error answer carries no CORS headers, so the browser reports CORS; nothing in the CORS settings changes it.",
        if desc.is_empty() { String::new() } else { format!(" \"{desc}\"") }
    ))
}

/// A Cloud Function called in one region while the pasted code names another: the line,
/// the region the code names and the one the URL calls.
pub(crate) fn other_function_region(x: &Exchange) -> Option<(usize, String, String)> {
    let host = crate::fetch::origin::host_of(&x.request.url)?;
    let sub = host.strip_suffix(".cloudfunctions.net")?;
    let (called, _) = crate::gateway::host::cloud_function_region_project(sub)?;
    if !crate::input::stack::is_cloud_region(&called) {
        return None;
    }
    if x.cloud_regions.is_empty() || x.cloud_regions.iter().any(|(_, r)| *r == called) {
        return None;
    }
    let (line, region) = x.cloud_regions.first()?.clone();
    Some((line, region, called))
}

/// `Server: MinIO Console` on a response: the request went to MinIO's web console.
pub(crate) fn minio_console_answered(x: &Exchange) -> bool {
    x.captured_preflight()
        .and_then(|p| p.response.as_ref())
        .into_iter()
        .chain(x.response.as_ref())
        .any(|r| {
            r.headers
                .get("server")
                .is_some_and(|s| crate::gateway::storage::is_minio_console(&s))
        })
}

/// A page of origin `null` refused: the likeliest cause, said first (few servers allow it).
fn null_origin_lead(x: &Exchange) -> Option<String> {
    if x.page_origin.as_deref() != Some("null") {
        return None;
    }
    if x.app_shell_named == Some(crate::gateway::served_by::AppShell::Electron) {
        return Some("The page's origin is `null`: it is an Electron window loading its files from disk (file://), and its renderer obeys CORS like any page, while few servers allow `null`. Make the call in the main process (net.fetch, or Node's fetch) and hand the result to the window over IPC (contextBridge and ipcRenderer.invoke), or serve the app from a privileged custom scheme (protocol.registerSchemesAsPrivileged with standard and corsEnabled, protocol.handle) and let your own API allow that origin. Do not turn off webSecurity for this: it drops the same-origin policy for everything the window loads.".to_string());
    }
    if let Some(line) = x.sandbox_said_on {
        return Some(format!("The page's origin is `null`: it runs in a sandboxed iframe (line {line}), whose origin is `null` unless its sandbox attribute has allow-same-origin, an origin few servers allow. If the frame's content is trusted, add allow-same-origin to its sandbox (it then has its own URL's origin); for public data fetched without credentials the server can answer `Access-Control-Allow-Origin: *`. Never allow `null` itself on the server: every file and sandboxed page would match it."));
    }
    Some("The page's origin is `null`: it was opened from a file (file://), runs in a sandboxed iframe, or is an app's web view loading its files from disk, an origin few servers allow. Serve the page over http(s) (a local dev server, http://localhost:…; in an app, its web view's own scheme: cordova-ios' `scheme` and `hostname` preferences, Capacitor's `capacitor://localhost`) rather than allowing `null` on the server (every file and sandboxed page would match it).".to_string())
}

/// A summary after the `null` origin's lead: what the browser reported, without the list of
/// usual causes (an origin few servers allow is the likeliest by far) unless a status says more.
fn after_null_lead(s: &str) -> &str {
    match s.find(" The browser hides that response from the page; the usual causes") {
        Some(at) => &s[..at],
        None => s,
    }
}

/// What a host the page's developer does not run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PublicService {
    /// A cloud provider's or sign-in provider's own API, a font CDN.
    Provider,
    /// A public CORS proxy (`cors-anywhere.herokuapp.com`, `https://proxy/https://target`).
    CorsProxy,
}

/// A host no page's developer runs, from the URL alone: a public CORS proxy, a cloud
/// provider's own service API (`*.amazonaws.com` but API Gateway, function URLs, buckets,
/// load balancers and hosted apps), Google's and Microsoft's sign-in and APIs, Google Fonts.
pub(crate) fn public_service(url: &str) -> Option<(String, PublicService)> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    const PROXIES: [&str; 9] = [
        "cors-anywhere.herokuapp.com",
        "crossorigin.me",
        "api.allorigins.win",
        "allorigins.win",
        "corsproxy.io",
        "thingproxy.freeboard.io",
        "cors.bridged.cc",
        "proxy.cors.sh",
        "cors.io",
    ];
    let path = u.path();
    let embedded = path.starts_with("/http://")
        || path.starts_with("/https://")
        || path.starts_with("/http:/")
        || path.starts_with("/https:/");
    if PROXIES.contains(&host.as_str()) || embedded {
        return Some((host, PublicService::CorsProxy));
    }
    const PROVIDERS: [&str; 9] = [
        "accounts.google.com",
        "oauth2.googleapis.com",
        "www.googleapis.com",
        "fonts.gstatic.com",
        "fonts.googleapis.com",
        "maps.googleapis.com",
        "login.microsoftonline.com",
        "graph.microsoft.com",
        "github.com",
    ];
    let aws_service = host.ends_with(".amazonaws.com")
        && ![
            "execute-api",
            "lambda-url",
            "s3",
            "elb.",
            "compute",
            "elasticbeanstalk",
            "awsapprunner",
            "amplifyapp",
            "es.amazonaws",
            "aoss.amazonaws",
        ]
        .iter()
        .any(|p| host.contains(p));
    (PROVIDERS.contains(&host.as_str()) || aws_service).then_some((host, PublicService::Provider))
}

/// A public CDN or file host that sends `Access-Control-Allow-Origin: *` with every file to
/// every site (Google Fonts, jsDelivr, unpkg, cdnjs, GitHub's raw files, …): its host. Not the CDNs that check the page's
/// domain (Adobe Fonts, Font Awesome kits) or were seen without the header (Font Awesome's
/// release files, ncbo/bioportal_web_ui#520).
pub(crate) fn open_cdn(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    const OPEN: [&str; 11] = [
        "raw.githubusercontent.com",
        "gist.githubusercontent.com",
        "fonts.gstatic.com",
        "fonts.googleapis.com",
        "fonts.bunny.net",
        "cdn.jsdelivr.net",
        "fastly.jsdelivr.net",
        "unpkg.com",
        "cdnjs.cloudflare.com",
        "ajax.googleapis.com",
        "code.jquery.com",
    ];
    OPEN.contains(&host.as_str()).then_some(host)
}

/// A call of Backblaze B2's native API other than the transfers its CORS rules can allow
/// (`/b2api/v2/b2_authorize_account`, `b2_get_upload_url`, `b2_list_buckets` …): its name.
pub(crate) fn b2_account_call(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let mut segs = u.path_segments()?;
    if segs.next()? != "b2api" {
        return None;
    }
    let op = segs.nth(1)?;
    let transfer = matches!(
        op,
        "b2_upload_file" | "b2_upload_part" | "b2_download_file_by_id"
    );
    (op.starts_with("b2_") && !transfer).then(|| op.to_string())
}

/// Access-Control-Allow-Origin names another real origin (another host) than the page's:
/// the server most likely reflects its allow-list and a cache handed the copy made for that
/// origin to this page (no `Vary: Origin`), the failure that comes and goes.
pub(crate) fn other_origins_copy(x: &Exchange, v: &Verdict) -> Option<String> {
    if !v.blocked {
        return None;
    }
    let subject = match v.cors_error? {
        CorsError::AllowOriginMismatch => Subject::Response,
        CorsError::PreflightAllowOriginMismatch => Subject::Preflight,
        _ => return None,
    };
    let page = x.page_origin.as_deref()?;
    let named = v.failed_parameter.as_deref()?.trim();
    let host = |o: &str| {
        url::Url::parse(o)
            .ok()
            .filter(|u| u.path() == "/" && u.query().is_none())
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
    };
    let (mine, theirs) = (host(page)?, host(named)?);
    // (Nor a value no page could have: `http:/host`, a typo.)
    if mine == theirs || named.ends_with('/') || !named.contains("://") {
        return None;
    }
    let resp = subject_response(x, v, subject).filter(|r| r.is_known());
    let varies = resp.map(|r| varies_on_origin(&r.headers));
    let age = resp
        .and_then(|r| r.headers.get("age"))
        .and_then(|a| a.trim().parse::<u64>().ok())
        .filter(|a| *a > 0)
        .map(|a| format!("age: {a}"));
    let cached = resp
        .and_then(|r| stored_copy(&r.headers))
        .or(age)
        .filter(|_| varies != Some(true));
    Some(match (cached, varies) {
        (Some(marker), _) => format!("The header names another page's origin, and the response came from a cache ({marker}): the server most likely reflects the origins it allows, and the cache stored the answer it gave {named} and served it to {page}; it works or fails depending on which page asked first. Send Vary: Origin on every response that reflects the origin (or key the CDN's cache on Origin), then purge the cache."),
        (None, Some(false)) => format!("The header names another page's origin and the response has no Vary: Origin: if the server reflects the origins it allows, any cache on the way (a CDN, a proxy, the browser's own cache) may hand the copy made for {named} to {page}, the failure that comes and goes. Send Vary: Origin with every reflected origin; if it always fails, {page} is not in the server's list."),
        (None, Some(true)) => return None,
        (None, None) => match x.intermittent_said_on {
            // The words say it comes and goes: the cache's copy first.
            Some(line) => format!("The header names another page's origin, and the failure comes and goes (line {line}): a cache (a CDN, a proxy, the browser's own) stored the answer the server gave {named} and served it to {page}, because the response does not vary on Origin. Send Vary: Origin on every response that reflects the origin (or key the cache on Origin) and purge it; a public API that needs no credentials can answer `Access-Control-Allow-Origin: *`, the same for every page."),
            None => format!("The header names another page's origin: either {page} is missing from the origins the server allows, or, when it comes and goes, a cache (CDN, proxy, the browser's) served the copy made for {named} because the response lacks Vary: Origin."),
        },
    })
}

/// `https://s3.amazonaws.com/` or `https://s3.<region>.amazonaws.com/`: no bucket in the host
/// or the path.
fn s3_service_endpoint(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| {
        u.host_str()
            .is_some_and(|h| h.starts_with("s3.") || h.starts_with("s3-"))
            && u.path().trim_matches('/').is_empty()
    })
}

/// The URL's host when it is on another site than the page (registrable domains compared
/// without a public-suffix list: the last two labels, three under a two-letter country code
/// with a common second level such as `co.uk`); `None` for the same site, or hosts that are
/// not names (localhost and IP addresses are their own sites).
pub(crate) fn other_site(page: &str, url: &str) -> Option<String> {
    let host = |u: &str| {
        url::Url::parse(u)
            .ok()?
            .host_str()
            .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
    };
    let (p, h) = (host(page)?, host(url)?);
    let site = |h: &str| -> String {
        if h.parse::<std::net::IpAddr>().is_ok() || h.starts_with('[') || !h.contains('.') {
            return h.to_string();
        }
        let labels: Vec<&str> = h.split('.').collect();
        let n = labels.len();
        let second = [
            "co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go",
        ];
        let take = if n >= 3 && labels[n - 1].len() == 2 && second.contains(&labels[n - 2]) {
            3
        } else {
            2
        };
        labels[n.saturating_sub(take)..].join(".")
    };
    // This machine, the local network, 0.0.0.0 or a name with no dot (a container's or
    // machine's): the user's own server, not another site's.
    // A name under a TLD reserved for local and test use (RFC 6761, 6762, 8375; ICANN's
    // .internal), or the common home-router .lan: a development or intranet server. (Not
    // .example: documentation, and these tests, stand any site in with it.)
    let reserved = |h: &str| {
        [
            ".test",
            ".localhost",
            ".local",
            ".internal",
            ".lan",
            ".home.arpa",
        ]
        .iter()
        .any(|t| h.ends_with(t))
    };
    let local = |h: &str| {
        h == "0.0.0.0"
            || (!h.contains('.') && !h.starts_with('['))
            || reserved(h)
            || crate::fetch::origin::address_space_of(url).is_some_and(|s| s != "public")
    };
    // The Google AMP cache serves a site's own pages from <site>.cdn.ampproject.org: a
    // call from there to the site is the site's own.
    let amp_cache = p.ends_with(".cdn.ampproject.org") || p.ends_with(".ampproject.net");
    // A page origin RFC 2606 reserves for examples: typed by hand to test the server (curl
    // -H 'Origin: https://example.com'), no real page of another site.
    let placeholder = matches!(
        site(&p).as_str(),
        "example.com" | "example.org" | "example.net"
    );
    (site(&p) != site(&h) && !local(&h) && !amp_cache && !placeholder).then_some(h)
}

/// The usual redirects of a preflight the browser's message alone reports, the one the
/// URL or the named framework points at first (with a leading space).
fn preflight_redirect_causes(x: &Exchange) -> String {
    use crate::exchange::Stack;
    let path = url::Url::parse(&x.request.url)
        .map(|u| u.path().to_string())
        .unwrap_or_default();
    let named = |s: Stack| x.stacks_named.contains(&s);
    let which = if named(Stack::NextJs) {
        "Next.js' trailingSlash redirect, a 308 sent before middleware and next.config.js headers run: set skipTrailingSlashRedirect: true, or call the URL exactly as the route is written"
    } else if named(Stack::Django) {
        "Django's APPEND_SLASH, a 301 to the URL with a final slash: call the route with its slash"
    } else if named(Stack::FastApi) {
        "FastAPI/Starlette's redirect_slashes, a 307 between `/items` and `/items/`: call the route exactly as declared"
    } else {
        "Django's APPEND_SLASH 301, FastAPI/Starlette's redirect_slashes 307, Next.js' trailingSlash 308, a web server's directory redirect: call the route exactly as it is declared"
    };
    let shown = if path.is_empty() {
        String::new()
    } else {
        format!(" ({path})")
    };
    let slash = format!(
        "a trailing-slash redirect: the URL's path{shown} and the route differ by a final slash — {which}"
    );
    // (A URL the input leaves out may be http:// too.)
    let http = x.request.url.is_empty()
        || crate::fetch::origin::scheme_of(&x.request.url).as_deref() == Some("http");
    let https = if http {
        "http:// to https:// (ASP.NET Core's UseHttpsRedirection, on localhost too), or a bare domain to www.: call the final URL"
    } else {
        "a bare domain to www. or back: call the final URL"
    }
    .to_string();
    let sign_in = "a sign-in redirect: an authenticating proxy or the application's login catches the OPTIONS request, which never carries cookies or tokens (let OPTIONS through without sign-in)".to_string();
    let lb = "a moved or renamed route (an old URL sent on to its new one), or a load balancer, gateway or CDN rule that sends the call to another host or path: call the final URL, or answer OPTIONS before the redirect"
        .to_string();
    // The browser itself, or an extension, redirecting the preflight: no server involved.
    let browser = "the browser or an extension redirected it, no server did: a privacy shield or ad blocker (Brave Shields, uBlock Origin), an extension rewriting or upgrading requests, or the browser's own HTTPS upgrade (HSTS) — DevTools then shows `307 Internal Redirect` with no response from the server; try a clean profile or with the shields off"
        .to_string();
    let mut causes = if http && named(Stack::AspNetCore) {
        vec![https, slash, sign_in, lb]
    } else if http {
        vec![slash, https, sign_in, lb]
    } else {
        // Already https: only the host name's redirect is left, the least likely.
        vec![slash, sign_in, lb, https]
    };
    // Last but the https one when it is least likely; first when the words name a shield or
    // blocker.
    let at = if x.blocker_said_on.is_some() {
        0
    } else if http {
        causes.len()
    } else {
        causes.len() - 1
    };
    causes.insert(at, browser);
    // `https://host//api`: a base URL ending in a slash joined with a path starting with one.
    if path.contains("//") {
        causes.insert(0, "a double slash in the path, a base URL that ends with / joined with a path that starts with /: servers redirect it to the single-slash path; join them without the extra slash".to_string());
    }
    let list: Vec<String> = causes
        .iter()
        .enumerate()
        .map(|(i, c)| format!("({}) {c}", i + 1))
        .collect();
    format!(
        " The preflight (OPTIONS) got a redirect (3xx), and browsers never follow a redirect for a preflight. The usual redirects, most likely first: {}. The OPTIONS request's status and Location in DevTools' Network panel (or a replay of the preflight) tell which.",
        list.join("; ")
    )
}

/// The pasted dev-server proxy rule whose target is the origin the page called directly
/// (the same origin, or the same port of another loopback name): a call that skips the
/// proxy meant to make it same-origin. The rule whose path the URL is under first.
pub(crate) fn bypassed_dev_proxy(x: &Exchange) -> Option<&crate::exchange::DevProxy> {
    use crate::fetch::origin::{address_space_of, origin_of};
    if x.dev_proxies.is_empty() {
        return None;
    }
    let called = origin_of(&x.request.url)?;
    if x.page_origin.as_deref() == Some(called.as_str()) {
        return None;
    }
    let port = |o: &str| {
        url::Url::parse(o)
            .ok()
            .and_then(|u| u.port_or_known_default())
    };
    let same = |target: &str| {
        target == called
            || (address_space_of(target) == Some("loopback")
                && address_space_of(&called) == Some("loopback")
                && port(target) == port(&called)
                && crate::fetch::origin::scheme_of(target)
                    == crate::fetch::origin::scheme_of(&called))
    };
    let path = url::Url::parse(&x.request.url).ok()?.path().to_string();
    let mut matching = x.dev_proxies.iter().filter(|p| same(&p.target));
    let first = matching.clone().next()?;
    Some(
        matching
            .find(|p| {
                let prefix = crate::input::dev_proxy::context_prefix(&p.context);
                path.starts_with(prefix) || path == prefix.trim_end_matches('/')
            })
            .unwrap_or(first),
    )
}

/// The page's origin and the URL's differ only in the scheme or in `www.`: a page calling
/// its own site by another name, which makes the call cross-origin by mistake.
fn nearly_same_origin(page: &str, url: &str) -> Option<String> {
    use crate::fetch::origin::{other_name_of_page, OtherName};
    let kind = other_name_of_page(page, url)?;
    let page = crate::fetch::origin::origin_of(page)?;
    Some(match kind {
        OtherName::Scheme { page_https: true } => format!("The page ({page}) calls its own host over http://: another scheme is another origin, so the call is cross-origin, and from an https page most browsers also block it as mixed content. An app behind a proxy that ends TLS often builds http:// URLs because it does not trust X-Forwarded-Proto (Express `app.set('trust proxy', 1)`, Laravel `URL::forceScheme('https')`, Django `SECURE_PROXY_SSL_HEADER`): call https:// or a relative URL, and no CORS is involved."),
        OtherName::Scheme { page_https: false } => format!("The page ({page}) calls its own host over https:// while it is served over http://: another scheme is another origin. Serve the page over https://, or call a relative URL, and no CORS is involved."),
        OtherName::Loopback => format!("The page ({page}) calls its own server under another name of this machine ({}): `localhost`, `127.0.0.1` and `[::1]` are different origins to the browser. Call it by the page's own name (or a relative URL), and no CORS is involved.", crate::fetch::origin::host_of(url).unwrap_or_default()),
        OtherName::Www => format!("The page ({page}) and the URL differ only in `www.`: they are different origins. Call the API on the page's own host (a relative URL), or allow both origins; a redirect between the two names on the API breaks preflights too."),
    })
}

/// The blocked fetch had no response of its own in the capture, and an earlier request for
/// the same URL without CORS stored one the HTTP cache served it (see `Exchange::cached_from`).
fn cached_response(d: &mut Diagnosis, x: &Exchange, src: &str) {
    let acao = x
        .response
        .as_ref()
        .and_then(|r| r.headers.get("access-control-allow-origin"));
    let allows = match acao {
        Some(a) => format!("allows only {}", a.trim()),
        None => "has no Access-Control-Allow-Origin".to_string(),
    };
    d.summary = format!(
        "The browser served this fetch from its HTTP cache: the capture has no response of its own, and an earlier request for the same URL made without CORS ({src}, no Origin header) stored a response that {allows} and no `Vary: Origin`. Chromium reuses that stored response for the CORS request, and it fails the check whatever the server would answer the fetch itself (inferred from the capture; the classic \"works in a private window, fails once the image has loaded\"). Send the CORS headers on every response for this URL, requests without Origin included, with `Vary: Origin`, so that caches keep the two apart; or make the earlier load a CORS one too (crossorigin=\"anonymous\" on the <img>, <script> or <link>)."
    );
    d.evidence.insert(
        0,
        format!("{src}: the same URL requested earlier without Origin; the browser's cache kept its response (no `Vary: Origin`), which this fetch got instead of its own"),
    );
}

/// Safari's "Cross-origin redirection to T denied by Cross-Origin Resource
/// Sharing policy: R": the API answered with a redirect, and WebKit refused to
/// follow it — the redirect response itself failed the CORS check (R says how),
/// or its Location has credentials or a scheme fetch does not follow.
fn safari_redirect_denied(x: &Exchange, evidence: &[String]) -> Option<Diagnosis> {
    let o = x.observed.as_ref()?;
    if o.browser != crate::exchange::Browser::Safari {
        return None;
    }
    use crate::browser_text::{parse_safari, SafariMessage};
    // The console reader's own parse of the line, not a second reading of it.
    let (line, message) = o.text.lines().find_map(|l| match parse_safari(l) {
        Some(m @ SafariMessage::RedirectDenied { .. }) => Some((l, m)),
        _ => None,
    })?;
    let SafariMessage::RedirectDenied {
        target,
        reason,
        inner,
    } = &message
    else {
        return None;
    };
    let redirect = match o.status {
        Some(s) => format!("a redirect ({})", status_phrase(s)),
        None => "a redirect".to_string(),
    };
    let summary = if message.chrome_error().map(|e| e.0)
        == Some(CorsError::RedirectContainsCredentials)
    {
        format!(
            "The API answered with {redirect} to {target}, whose URL carries a user name or password: fetch() refuses to follow such a redirect (Chromium: RedirectContainsCredentials). Redirect to a URL without credentials, or answer the request directly."
        )
    } else if reason.contains("non CORS scheme") {
        format!(
            "The API answered with {redirect} to {target}, a URL scheme fetch() follows only for http:// and https://: Safari refuses the redirect. This is not a CORS header problem: answer the request directly, or redirect to an https:// URL."
        )
    } else if matches!(
        inner.as_deref(),
        Some(SafariMessage::OriginNotAllowed { .. })
    ) {
        format!(
            "The API answered with {redirect} to {target} (often a login page when the session or token is missing), and that redirect response failed the CORS check: Safari reports that the origin is not allowed by Access-Control-Allow-Origin (the header is missing or names another origin). An API called with fetch should answer 401/403 with CORS headers instead of redirecting; a redirect that is meant to be followed needs CORS headers itself, and the response at its target must allow the origin too (`null` after a redirect to another origin)."
        )
    } else {
        format!(
            "The API answered with {redirect} to {target}, and that redirect response's CORS headers are wrong: Safari says \"{reason}\". An API called with fetch should answer 401/403 with CORS headers instead of redirecting; a redirect meant to be followed needs correct CORS headers itself."
        )
    };
    let mut evidence = evidence.to_vec();
    if !evidence.iter().any(|e| e.contains(line.trim())) {
        evidence.push(format!("the browser said: {line}"));
    }
    Some(Diagnosis {
        cause: Cause::of(CauseKind::Redirect, Some(Stage::Response), o.status),
        summary,
        evidence,
        fingerprint: None,
        hidden: None,
    })
}

/// `Cause::gateway_response` for a response a cache served from a copy stored without CORS
/// headers.
pub const CACHE_HIT: &str = "CACHE_HIT";

/// The header line saying a shared cache served `headers` from a stored copy, when the
/// copy is not kept apart by Origin (no `Vary: Origin` or `Vary: *`).
/// Does the response vary on Origin (`Vary: Origin` or `Vary: *`)?
fn varies_on_origin(headers: &crate::exchange::HeaderList) -> bool {
    headers.get_all("vary").any(|v| {
        v.split(',')
            .any(|t| t.trim().eq_ignore_ascii_case("origin") || t.trim() == "*")
    })
}

fn stored_copy(headers: &crate::exchange::HeaderList) -> Option<String> {
    if varies_on_origin(headers) {
        return None;
    }
    const HIT_HEADERS: [&str; 6] = [
        "cf-cache-status",
        "x-cache",
        "x-proxy-cache",
        "x-vercel-cache",
        "cdn-cache",
        "akamai-cache-status",
    ];
    HIT_HEADERS.iter().find_map(|name| {
        let value = headers.get(name)?;
        let first = value.split([',', ' ']).next().unwrap_or("");
        (first.eq_ignore_ascii_case("hit") || first.eq_ignore_ascii_case("tcp_hit"))
            .then(|| format!("{name}: {}", value.trim()))
    })
}

/// A page on the web calling localhost (with a leading space): it reaches an API only on the
/// machine of a user who runs one there; in a deployed site, a development default.
/// What the URL's own shape says: a container's name for a host (`http://backend:8000/…`),
/// which only Docker's network resolves; a `//` in the path (a base URL ending in `/` joined
/// with a path starting with `/`), which servers redirect or route nowhere.
fn url_shape_note(url: &str, no_answer: bool) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    if let Some(url::Host::Domain(host)) = u.host().filter(|_| no_answer) {
        if !host.contains('.') && host != "localhost" {
            return Some(format!(" Note: the URL's host `{host}` is a single name without a domain: a Docker Compose service's or a container's name resolves only inside Docker's network (or a machine's local names), not in the user's browser; the page must call an address the browser reaches (the port published on the host, or the site's own origin through its reverse proxy), usually set in the frontend's API base URL at build time."));
        }
    }
    if matches!(u.host(), Some(url::Host::Ipv4(ip)) if ip.is_unspecified()) {
        return Some(" Note: the URL's host is 0.0.0.0, a server's \"listen on every address\", not an address to call: Windows cannot connect to it, and Chrome refuses requests to it from web pages since 2024. Call localhost or 127.0.0.1 (a dev server that writes its own address into the page, such as Vite's hot file or HMR client, has a setting for the host it advertises: Vite's server.hmr.host, server.origin).".to_string());
    }
    let path = u.path();
    if path.len() > 1 && path.contains("//") {
        return Some(" Note: the URL's path has `//` (a base URL ending in `/` joined with a path starting with `/`): many servers redirect it to the single-slash path, and a redirected preflight fails, or route it nowhere (404, without CORS headers); join the two without the doubled slash.".to_string());
    }
    None
}

/// The words name an extension's content script or a userscript (with a leading space):
/// its fetch has the page's origin, so the target must allow the site the script runs on.
fn content_script_note(x: &Exchange) -> Option<String> {
    let line = x.extension_said_on?;
    let page = x
        .page_origin
        .as_deref()
        .filter(|o| o.starts_with("http://") || o.starts_with("https://"))?;
    Some(format!("The words name a content script or userscript (line {line}): since Chrome 85 an extension's content script fetches with the page's origin ({page}), not the extension's, so the target must allow {page}. Make the request from the extension's background service worker instead, with the target in the manifest's host_permissions, and hand the result to the content script with chrome.runtime.sendMessage (a userscript: GM_xmlhttpRequest with @connect for the host)."))
}

fn localhost_from_the_web(x: &Exchange) -> Option<String> {
    let page = x.page_origin.as_deref().filter(|o| *o != "null")?;
    // A name with no dot (`http://minio:9000`, a container's or machine's name) is no site on
    // the web.
    let dotted = crate::fetch::origin::host_of(page).is_some_and(|h| h.contains('.'));
    // A browser extension's or an app's origin (chrome-extension://…, app://…) is no site.
    let web = page.starts_with("http://") || page.starts_with("https://");
    let public =
        web && dotted && crate::fetch::origin::address_space_of(page).is_none_or(|s| s == "public");
    (public && crate::fetch::origin::address_space_of(&x.request.url) == Some("loopback")).then(|| {
        format!(" Note: a site on the web ({page}) calling localhost reaches an API only on the machine of a user who runs one there; if this is the deployed site, its API URL is probably a development default (an environment variable not set for the production build).")
    })
}

/// The browser's own message as evidence, once.
fn push_words(evidence: &mut Vec<String>, o: &crate::exchange::Observed) {
    // Safari's message comes in several console lines: one evidence line, " / " between.
    let words: Vec<&str> = o
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let line = format!("the browser's message: {}", words.join(" / "));
    if !evidence.contains(&line) {
        evidence.push(line);
    }
}

fn determine_with(x: &Exchange, v: &Verdict, hint: Option<HostHint>) -> Diagnosis {
    let mut evidence: Vec<String> = Vec::new();
    let mk = |kind, stage, status, fp: Option<&Fingerprint>| Cause {
        gateway: fp.map(|f| f.gateway),
        gateway_response: fp.and_then(|f| f.error.clone()),
        ..Cause::of(kind, stage, status)
    };
    // The evidence quotes the input: the reason as the verdict computed it, or as the
    // browser's message says it; a message in other words (another browser, an older
    // Chrome) quoted whole.
    let words = x.observed.as_ref().filter(|_| !v.computed);
    match (words, &v.detail) {
        (Some(o), Some(d)) if !o.text.contains(d.as_str()) => push_words(&mut evidence, o),
        (Some(o), None) if o.browser != crate::exchange::Browser::Chrome => {
            push_words(&mut evidence, o)
        }
        (_, Some(d)) => evidence.push(d.clone()),
        _ => {}
    }

    // Not CORS at all: the page refused it, or no HTTP response came.
    if let Some(b) = &x.page_block {
        return page_block_diagnosis(x, b, evidence);
    }
    if x.no_cors {
        return opaque_diagnosis(x, evidence);
    }
    if !v.computed {
        if let Some(d) = safari_redirect_denied(x, &evidence) {
            return d;
        }
    }
    if let Some(err) = &v.network_error {
        evidence.push(format!("network error: {err}"));
        // A redirect the browser would not follow: an HTTP response came, with a
        // Location the network layer refuses (observed with Chromium 156).
        let redirect_error = [
            "ERR_UNSAFE_REDIRECT",
            "ERR_INVALID_REDIRECT",
            "ERR_UNKNOWN_URL_SCHEME",
        ]
        .iter()
        .any(|e| err.ends_with(e));
        let refused = redirect_error
            .then(|| {
                x.redirects
                    .iter()
                    .map(|r| &r.response)
                    .chain(x.response.iter())
                    .rfind(|r| r.is_redirect())
                    .and_then(|r| Some((r.status, r.location()?)))
            })
            .flatten();
        let summary = match refused {
            Some((status, location)) => {
                evidence.push(format!("redirect: {status} to `{location}`"));
                let why = if err.ends_with("ERR_INVALID_REDIRECT") {
                    "its Location is not a valid URL"
                } else {
                    "fetch() follows redirects to http:// and https:// URLs only"
                };
                format!(
                    "The server answered {status} with a redirect to `{location}`, which the browser will not follow ({err}: {why}). This is not CORS, and no CORS header changes it: make the API answer the request itself, or redirect to an https:// URL."
                )
            }
            // DevTools' HAR keeps no response for an invalid redirect: the error says it.
            None if redirect_error => format!(
                "The server answered with a redirect the browser will not follow ({err}: {}). This is not CORS, and no CORS header changes it: make the API answer the request itself, or redirect to an https:// URL.",
                if err.ends_with("ERR_INVALID_REDIRECT") {
                    "its Location is not a valid URL"
                } else {
                    "fetch() follows redirects to http:// and https:// URLs only"
                }
            ),
            // Opaque Response Blocking: the response came, and Chromium withheld it from a
            // no-cors load (an <img>, <script>, <video>, a `mode: 'no-cors'` fetch).
            None if err.ends_with("ERR_BLOCKED_BY_ORB") && orb_reason(x).is_some() => {
                let (reason, lines) = orb_reason(x).unwrap_or_default();
                evidence.extend(lines);
                format!(
                    "The response came, and Chromium's Opaque Response Blocking (ORB, {err}) withheld it: the request was a no-cors load (an <img>, <script>, <audio>/<video>, CSS, or a fetch with mode: 'no-cors'), and {reason} This is not a CORS header problem, and no CORS header changes it: make the URL serve what the page loads (JavaScript with a JavaScript Content-Type for a <script>, an image for an <img>) — an HTML page there is often a wrong URL, host or port answered by the app's own page (a single-page app's fallback, a sign-in or error page) —, or, to read data, fetch it with CORS (no mode: 'no-cors'; the server then sends Access-Control-Allow-Origin)."
                )
            }
            None if err.ends_with("ERR_BLOCKED_BY_ORB") => format!(
                "The response came{}, and Chromium's Opaque Response Blocking (ORB, {err}) withheld it: the request was a no-cors load (an <img>, <script>, <audio>/<video>, CSS, or a fetch with mode: 'no-cors'), and its response is of a kind such a load may not take — JSON, HTML, XML or text, a Content-Type that does not fit the element (with X-Content-Type-Options: nosniff), or an error status with a non-media body. This is not a CORS header problem. Load it as what it is (a script URL that serves JavaScript with a JavaScript Content-Type, an image URL for <img>), or, to read data, fetch it with CORS (no mode: 'no-cors'; the server then sends Access-Control-Allow-Origin).",
                x.response
                    .as_ref()
                    .map(|r| r.status)
                    .or_else(|| x.observed.as_ref().and_then(|o| o.status))
                    .filter(|s| *s != 0)
                    .map(|s| format!(" ({})", status_phrase(s)))
                    .unwrap_or_default()
            ),
            None => format!(
                "The request never got an HTTP response ({err}): this is a network problem, not CORS{}.",
                network_hint(err)
            ),
        };
        return Diagnosis {
            cause: mk(CauseKind::NetworkError, v.stage, None, None),
            summary,
            evidence,
            fingerprint: None,
            hidden: None,
        };
    }

    if !v.blocked {
        let resp = subject_response(x, v, Subject::Response);
        let fp = resp.and_then(|r| identify(r, &x.final_url()));
        if !v.not_exposed.is_empty() {
            let names = v.not_exposed.join(", ");
            return Diagnosis {
                cause: mk(
                    CauseKind::HeaderNotExposed,
                    Some(crate::verdict::Stage::Response),
                    resp.map(|r| r.status),
                    fp.as_ref(),
                ),
                summary: format!(
                    "The browser lets the page read the response, but not the header{} {names}: the response does not list {} in Access-Control-Expose-Headers.",
                    if v.not_exposed.len() > 1 { "s" } else { "" },
                    if v.not_exposed.len() > 1 { "them" } else { "it" }
                ),
                evidence: v
                    .checks
                    .iter()
                    .filter(|c| !c.passed)
                    .map(|c| c.text.clone())
                    .collect(),
                fingerprint: fp,
                hidden: None,
            };
        }
        if !v.computed && x.observed.as_ref().is_some_and(|o| o.warns_only()) {
            return Diagnosis {
                cause: mk(CauseKind::Ok, None, None, None),
                summary: "Firefox let this request through with a warning: the preflight's `Access-Control-Allow-Headers: *` does not cover `Authorization` in the Fetch standard. Chromium lets it through too, with a deprecation warning; Safari blocks it, and so will the others. List `Authorization` in Access-Control-Allow-Headers.".to_string(),
                evidence,
                fingerprint: None,
                hidden: None,
            };
        }
        if v.computed && resp.is_some() {
            return Diagnosis {
                cause: mk(CauseKind::Ok, None, resp.map(|r| r.status), None),
                summary: if v.warnings.is_empty() {
                    "The browser allows this request: the page can read the response.".to_string()
                } else {
                    "The browser allows this request, with a warning worth fixing.".to_string()
                },
                evidence,
                fingerprint: fp,
                hidden: None,
            };
        }
        if let Some(next) = &v.ends_at_redirect {
            let st = resp.map(|r| r.status);
            let tainted = v.origin_sent.as_deref() == Some("null");
            return Diagnosis {
                cause: mk(CauseKind::Redirect, Some(crate::verdict::Stage::Response), st, None),
                summary: format!(
                    "The API answers with a redirect ({}) to {next}, which fetch follows: the page gets the response from there, not the API's.{}",
                    st.map(status_phrase).unwrap_or_default(),
                    if tainted {
                        " After this cross-origin redirect the browser sends `Origin: null`, and a login page or another site does not allow it: the request fails with a CORS error. Answer API calls with 401 (with CORS headers) instead of redirecting them."
                    } else {
                        " That response needs CORS headers too."
                    }
                ),
                evidence,
                fingerprint: fp,
                hidden: None,
            };
        }
        // A preflight that passes is worth saying: it is often what was sent to check.
        let passed = (v.computed && v.preflight == crate::verdict::PreflightOutcome::Passed)
            .then(|| x.preflight.captured())
            .flatten()
            .and_then(|p| p.response.as_ref())
            .map(|r| {
                format!(
                    "The preflight passes: its answer ({}) allows this origin and the method {}{}. ",
                    status_phrase(r.status),
                    x.request.method,
                    match crate::fetch::safelist::preflight_header_names(x).as_slice() {
                        [] => String::new(),
                        names => format!(" with the headers {}", names.join(", ")),
                    }
                )
            })
            .unwrap_or_default();
        // The pasted setup's own mistake is worth saying when the request's fate is not known.
        let mistake = x
            .setup_mistakes
            .first()
            .map(|m| format!(" In the pasted setup: {}", m.sentence()))
            .unwrap_or_default();
        return Diagnosis {
            cause: mk(CauseKind::Unknown, None, None, None),
            summary: if passed.is_empty() {
                format!(
                    "Not enough evidence to decide: missing {}.{mistake}",
                    v.missing.join("; ")
                )
            } else {
                format!(
                    "{passed}Whether the request itself gets through, the input does not show: missing {}.",
                    v.missing.join("; ")
                )
            },
            evidence,
            fingerprint: None,
            hidden: None,
        };
    }

    let Some(err) = v.cors_error else {
        // Blocked, but the input doesn't show why.
        let status = x.observed.as_ref().and_then(|o| o.status);
        // Firefox names no Chromium error for these, and does not say whether
        // the preflight or the response failed, but its reason still tells the kind.
        if let Some(o) = &x.observed {
            let key = o.firefox_key.as_deref().unwrap_or("");
            // In English whatever the language of the pasted message.
            let reason = crate::browser_text::FirefoxKey::from_name(key)
                .map(|k| crate::browser_text::firefox_reason(k, o.failed_parameter.as_deref()));
            let wrong_headers = matches!(
                key,
                "CORSNotSupportingCredentials"
                    | "CORSAllowOriginNotMatchingOrigin"
                    | "CORSMultipleAllowOriginNotAllowed"
                    | "CORSMissingAllowCredentials"
            );
            if wrong_headers {
                let param = o.failed_parameter.as_deref().unwrap_or("");
                // The value names the API's own origin (the request's): a page there would
                // make no CORS request, so it is not the page's.
                let own =
                    crate::fetch::origin::normalize_origin(param.trim().trim_end_matches('/'))
                        .is_some_and(|p| {
                            crate::fetch::origin::origin_of(&x.request.url).is_some_and(|u| u == p)
                        });
                let what = match key {
                    "CORSAllowOriginNotMatchingOrigin" if own => format!(" Access-Control-Allow-Origin says ‘{param}’, the API's own origin (the URL's{}): the page is on another origin (a page on the API's own would make no CORS request), and the header must name the page's origin (scheme, host and port, no path or trailing slash), or `*` for a request without credentials. Send back the request's Origin when it is in the server's list.", if param.trim().ends_with('/') { "; and an origin has no path, not even `/`" } else { "" }),
                    "CORSMultipleAllowOriginNotAllowed" => " Access-Control-Allow-Origin came more than once: two layers each add it (the application and a proxy, gateway or middleware in front of it); remove it from one, so that one value is sent.".to_string(),
                    "CORSAllowOriginNotMatchingOrigin" if param.trim() == "(null)" => " Firefox wrote ‘(null)’ where the header's value goes: it does not show what it got. Look at the response's Access-Control-Allow-Origin (the Network panel, or a HAR): a list of origins, two layers' values joined, or a value with a path all fail this check; it must be the page's exact origin, one value, or `*` for a request without credentials.".to_string(),
                    "CORSAllowOriginNotMatchingOrigin" if param.contains(',') => format!(" ‘{param}’ is Access-Control-Allow-Origin sent more than once, the values joined by Firefox: two layers each add it (the application and a proxy, gateway or middleware in front of it); remove it from one, so that one value is sent (Chromium calls it MultipleAllowOriginValues)."),
                    "CORSAllowOriginNotMatchingOrigin" if param.trim() == "*" => " `*` matches every origin unless the request carries credentials, so this one did (cookies: `credentials: 'include'`, `withCredentials`; Firefox before its \"Credential is not supported if … is '*'\" message said it this way): with credentials, Access-Control-Allow-Origin must name the page's origin and Access-Control-Allow-Credentials: true must be added.".to_string(),
                    "CORSAllowOriginNotMatchingOrigin" if !param.contains("://") && !param.trim().is_empty() && param.trim() != "null" => format!(" Access-Control-Allow-Origin says ‘{param}’, without a scheme, so it matches no origin at all: it must be the page's exact origin with its scheme (`https://{}` if the page is served there), one value, or `*` for a request without credentials.", param.trim().trim_end_matches('/')),
                    "CORSAllowOriginNotMatchingOrigin" if param.contains("://") && param.trim().ends_with('/') => format!(" Access-Control-Allow-Origin says ‘{param}’: an origin has no path, not even `/`: if the page is served from `{}`, send exactly that (one value), or `*` for a request without credentials.", param.trim().trim_end_matches('/')),
                    "CORSAllowOriginNotMatchingOrigin" if param.contains('*') && param.trim() != "*" => format!(" Access-Control-Allow-Origin says ‘{param}’: a pattern inside an origin is not supported, browsers compare the value with the page's origin as it is. Match the request's Origin against the pattern on the server and send that origin back (with Vary: Origin), or `*` for a request without credentials."),
                    "CORSAllowOriginNotMatchingOrigin" => format!(" Access-Control-Allow-Origin says ‘{param}’, which is not the page's origin: it must be the page's exact origin (scheme, host and port, no path or trailing slash), one value, or `*` for a request without credentials."),
                    "CORSNotSupportingCredentials" => " The request carries credentials (cookies: `credentials: 'include'`, `withCredentials`) and the answer allows `*`: with credentials it must name the page's origin and add Access-Control-Allow-Credentials: true.".to_string(),
                    "CORSMissingAllowCredentials" => " The request carries credentials (cookies: `credentials: 'include'`, `withCredentials`) and the answer lacks Access-Control-Allow-Credentials: true.".to_string(),
                    _ => String::new(),
                };
                return Diagnosis {
                    cause: mk(CauseKind::HeaderMismatch, v.stage, status, None),
                    summary: format!(
                        "The CORS headers are wrong: Firefox reports \"{}\" (on the preflight or on the response; its message does not say which).{what}",
                        reason.unwrap_or_else(|| key.to_string())
                    ),
                    evidence,
                    fingerprint: None,
                    hidden: None,
                };
            }
            if key == "CORSDidNotSucceed2" {
                push_words(&mut evidence, o);
                // `api.localhost`: Chromium answers every *.localhost name itself; a browser
                // that asks the system's resolver may not find it.
                let host = crate::fetch::origin::host_of(&x.request.url).unwrap_or_default();
                let sub_localhost = host.to_ascii_lowercase().ends_with(".localhost");
                let localhost_note = if sub_localhost {
                    format!(" The host is `{host}`: Chrome and Edge resolve every *.localhost name to this machine by themselves, while Firefox (and Safari) may ask the system's resolver, which does not know it: add `127.0.0.1 {host}` (and `::1 {host}`) to /etc/hosts (Windows: C:\\Windows\\System32\\drivers\\etc\\hosts), or call the API at localhost:PORT.")
                } else {
                    String::new()
                };
                return Diagnosis {
                    cause: mk(CauseKind::NetworkError, v.stage, status, None),
                    summary: format!(
                        "Firefox reports CORSDidNotSucceed2 (\"CORS request did not succeed\"{}): the request got no HTTP response at all, so this is not a CORS header problem.{localhost_note} Usual causes: the server is down or unreachable, a DNS or TLS certificate error, a connection reset or timeout, an http:// URL from an https:// page, or an extension blocking the request. Open the URL directly in a tab to see the network error.",
                        status.map(|s| format!(", status {s}")).unwrap_or_default()
                    ),
                    evidence,
                    fingerprint: None,
                    hidden: None,
                };
            }
            let safari_origin = o.browser == crate::exchange::Browser::Safari
                && o.text
                    .contains("is not allowed by Access-Control-Allow-Origin");
            // A 3xx without Allow-Origin: the redirect itself, which the browser checks (and a
            // preflight's it never follows).
            if let Some(st) = status.filter(|s| {
                (300..400).contains(s) && (key == "CORSMissingAllowOrigin2" || safari_origin)
            }) {
                push_words(&mut evidence, o);
                let http = x.request.url.starts_with("http://");
                return Diagnosis {
                    cause: mk(CauseKind::Redirect, v.stage, status, None),
                    summary: format!(
                        "{} with status {}: the answer was a redirect without CORS headers. The browser checks the redirect response itself (and never follows a preflight's redirect), so the page sees only a CORS error. {}",
                        if safari_origin { "Safari reports that the origin is not allowed by Access-Control-Allow-Origin" } else { "Firefox reports CORSMissingAllowOrigin2" },
                        status_phrase(st),
                        if http {
                            HTTP_TO_HTTPS
                        } else {
                            "A redirect that adds or drops a trailing slash, moves to another host name or sends to a sign-in page is the usual case: call the URL it redirects to (its Location, in the Network panel) directly, or let the redirect carry the CORS headers."
                        }
                    ),
                    evidence,
                    fingerprint: None,
                    hidden: None,
                };
            }
            if key == "CORSMissingAllowOrigin2" || safari_origin {
                // A page element (a font, a stylesheet …) is loaded without a preflight: the
                // response itself lacked the header.
                let element = is_element(x);
                let what = match (safari_origin, element) {
                    (true, false) => "Safari reports that the origin is not allowed by Access-Control-Allow-Origin: the header is missing or names another origin, on the preflight or on the response (Safari does not say which)",
                    (true, true) => "Safari reports that the origin is not allowed by Access-Control-Allow-Origin: the header is missing or names another origin (a page element's load has no preflight: it is the file's own response)",
                    (false, false) => "Firefox reports CORSMissingAllowOrigin2: a response had no Access-Control-Allow-Origin header (Firefox does not say whether the preflight's or the actual response's)",
                    (false, true) => "Firefox reports CORSMissingAllowOrigin2: the response had no Access-Control-Allow-Origin header (a page element's load has no preflight: it is the file's own response)",
                };
                let platform = hint.as_ref().map(|h| h.platform);
                let mut causes: Vec<String> = causes_for(
                    x,
                    CorsError::MissingAllowOriginHeader,
                    !element,
                    status,
                    platform,
                )
                .into_iter()
                .map(str::to_string)
                .collect();
                // Safari's words fit a header that names another origin too.
                if safari_origin {
                    let page = x.page_origin.as_deref().unwrap_or_default();
                    let page_host = crate::fetch::origin::host_of(page).unwrap_or_default();
                    let www = page_host.strip_prefix("www.").filter(|h| h.contains('.'));
                    let other = if let Some(apex) = www {
                        format!("`{page}` and `{}` are different origins: a server that allows the site's bare domain does not allow its www. host, nor the other way round; allow both", page.replacen(&page_host, apex, 1))
                    } else if crate::fetch::origin::both_loopback(page, &x.request.url) {
                        format!("`localhost`, `127.0.0.1` and `[::1]` are different origins, so a server allowing `{}` does not allow `{page}`", page.replacen(&crate::fetch::origin::host_of(page).unwrap_or_default(), &crate::fetch::origin::host_of(&x.request.url).unwrap_or_default(), 1))
                    } else {
                        "each scheme, host name and port is another origin".to_string()
                    };
                    let at = if is_success(status) || (www.is_some() && status.is_none()) {
                        0
                    } else {
                        causes.len().saturating_sub(1)
                    };
                    causes.insert(at, format!("the server's CORS configuration allows other origins but not this page's ({other})"));
                    // And a header that holds more than the one origin: Safari words that alike.
                    causes.insert(at + 1, "Access-Control-Allow-Origin is sent twice (the web server's configuration and the application each add it) or as a list of origins: it must hold the page's origin alone, once; look for the header in every layer".to_string());
                }
                let causes: Vec<String> = causes
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("({}) {c}", i + 1))
                    .collect();
                push_words(&mut evidence, o);
                if let (Some(lead), None) = (null_origin_lead(x), status) {
                    return Diagnosis {
                        cause: mk(CauseKind::Unknown, v.stage, status, None),
                        summary: format!("{lead} {what}."),
                        evidence,
                        fingerprint: None,
                        hidden: None,
                    };
                }
                return Diagnosis {
                    cause: mk(CauseKind::Unknown, v.stage, status, None),
                    summary: format!(
                        "{}{what}{}.{}{} The browser hides that response from the page; the usual causes{}, most likely first: {}. Look at the request's real status and headers in the browser's Network panel (or a HAR), or replay it, to tell which.",
                        null_origin_lead(x).map(|l| format!("{l} ")).unwrap_or_default(),
                        status
                            .map(|s| format!(", with status {}", status_phrase(s)))
                            .unwrap_or_default(),
                        status.and_then(status_says).unwrap_or_default(),
                        hint.as_ref().map(|h| where_it_runs(h, &x.request.url)).unwrap_or_default(),
                        if hint.is_some() { " there" } else { "" },
                        causes.join("; ")
                    ),
                    evidence,
                    fingerprint: None,
                    hidden: None,
                };
            }
            if o.text
                .contains(crate::browser_text::CHROME_OLD_PREFLIGHT_REDIRECT)
            {
                push_words(&mut evidence, o);
                let to = o
                    .redirected_to
                    .clone()
                    .unwrap_or_else(|| "another URL".to_string());
                let summary = match o.redirected_to.as_deref().and_then(crate::gateway::sign_in::sign_in) {
                    Some(si) => format!(
                        "The request needed a preflight, passed it, and was then redirected to {to} — {}: the call carried no valid session or token. This browser (an old Chrome or WebView) refuses any redirect after a preflight; a current one follows it to the sign-in page, which sends no CORS headers either. Send the call with its session (credentials: 'include', withCredentials) or token, and have the API answer a call without one with 401 and the CORS headers instead of redirecting it to sign in.",
                        si.name()
                    ),
                    None => format!(
                        "The request needed a preflight, passed it, and was then redirected to {to}: this browser (an old Chrome, from before the Fetch standard let such redirects through, or an old WebView) refuses any redirect after a preflight. Current browsers follow it and send a new preflight to {to}, which must then pass too. Call {to} directly, so no redirect happens."
                    ),
                };
                return Diagnosis {
                    cause: mk(
                        CauseKind::Redirect,
                        Some(crate::verdict::Stage::Response),
                        status,
                        None,
                    ),
                    summary,
                    evidence,
                    fingerprint: None,
                    hidden: None,
                };
            }
            let translated = crate::browser_text::firefox_l10n::language_of(&o.text)
                .filter(|_| o.browser == crate::exchange::Browser::Firefox);
            let said = match (&o.firefox_key, translated) {
                (Some(k), _) => format!("Firefox reports {k}"),
                (None, Some(lang)) => format!("Firefox (in {lang}) reports a blocked cross-origin request, with a reason in the words of another Firefox version that whycors does not read (the same message from Firefox in English names it)"),
                (None, None) => "The browser reports a CORS failure".to_string(),
            };
            // Safari's "… due to access control checks." names no check, and Safari prints it
            // for requests that failed otherwise too.
            let safari_vague = o.text.contains("due to access control checks");
            let said = if safari_vague {
                "Safari reports \"due to access control checks\", which names no check: it prints that sentence for a CORS refusal, and also for a request that failed otherwise — cancelled by a navigation or a reload, a dropped or reset connection, a TLS error, a server that never answered (Safari's Web Inspector then shows no response). If the page and the URL are one origin, it is not CORS; else look at the request in the Network tab".to_string()
            } else {
                said
            };
            let hint = match status {
                Some(s) if s >= 400 => format!(
                    " with status {}: an error status without CORS headers is usually the error response of a gateway, WAF or rate limiter (or an error path of the application) that carries no CORS headers, not a CORS setting. Capture a HAR or replay the request to see which.",
                    status_phrase(s)
                ),
                Some(s) => format!(" with status {s}. Capture a HAR or replay the request to see the response headers."),
                None => ". Capture a HAR or replay the request to see the response.".to_string(),
            };
            push_words(&mut evidence, o);
            return Diagnosis {
                cause: mk(CauseKind::Unknown, v.stage, status, None),
                summary: format!("{said}{hint}"),
                evidence,
                fingerprint: None,
                hidden: None,
            };
        }
        let missing = if v.missing.is_empty() {
            "the response headers".to_string()
        } else {
            v.missing.join("; ")
        };
        let platform_words = hint
            .as_ref()
            .map(|h| {
                let list = if v.preflight_reasons.is_empty() {
                    // No preflight for this request: only the response can lack the headers.
                    likely_causes(
                        CorsError::MissingAllowOriginHeader,
                        status,
                        Some(h.platform),
                    )
                } else {
                    likely_causes_either_stage(status, Some(h.platform))
                };
                let causes: Vec<String> = list
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("({}) {c}", i + 1))
                    .collect();
                format!(
                    "{} The usual causes there, most likely first: {}.",
                    where_it_runs(h, &x.request.url),
                    causes.join("; ")
                )
            })
            .unwrap_or_default();
        return Diagnosis {
            cause: mk(CauseKind::Unknown, v.stage, status, None),
            summary: format!("The browser blocked this request, but the input does not show why: missing {missing}.{platform_words}"),
            evidence,
            fingerprint: None,
            hidden: None,
        };
    };

    let subject = v.failed.unwrap_or(if err.is_preflight() {
        Subject::Preflight
    } else {
        Subject::Response
    });
    let resp = subject_response(x, v, subject);
    let status = resp
        .map(|r| r.status)
        .filter(|s| *s != 0)
        .or_else(|| x.observed.as_ref().and_then(|o| o.status));
    let final_url = x.final_url();
    let hop_target = match subject {
        Subject::RedirectPreflight(i) => x.redirects.get(i).and_then(|h| h.target()),
        _ => None,
    };
    let fp = resp.and_then(|r| {
        let url = match subject {
            Subject::Preflight => x.request.url.as_str(),
            Subject::Redirect(i) => x.redirects.get(i).map(|h| h.url.as_str()).unwrap_or(""),
            Subject::RedirectPreflight(_) => hop_target.as_deref().unwrap_or(""),
            Subject::Response => final_url.as_str(),
        };
        identify(r, url)
    });
    if let Some(f) = &fp {
        evidence.extend(f.evidence.iter().cloned());
    }
    if let Some(st) = status {
        evidence.insert(
            0,
            format!(
                "{} status: {}{}",
                match subject {
                    Subject::Preflight => "preflight (OPTIONS)",
                    Subject::Redirect(_) => "redirect",
                    Subject::RedirectPreflight(_) => "preflight (OPTIONS) to the redirect target",
                    Subject::Response => "response",
                },
                status_phrase(st),
                if v.from_replay {
                    " (seen by the replay)"
                } else {
                    ""
                }
            ),
        );
    }
    let stage = v.stage;
    let no_resp = resp.is_none();
    let missing_acao = matches!(
        err,
        CorsError::MissingAllowOriginHeader | CorsError::PreflightMissingAllowOriginHeader
    );

    // Not HTTP(S): no server header can help (a page opened from file://).
    if err == CorsError::CorsDisabledScheme {
        let scheme = crate::fetch::origin::scheme_of(&x.request.url).unwrap_or_default();
        // `api.example.com:8080/x` or `localhost:3000/x`: a host and port written without
        // `http://`, whose host the URL parser takes for a scheme.
        let after = x.request.url.get(scheme.len() + 1..).unwrap_or_default();
        let hostlike = (scheme.contains('.') || scheme.eq_ignore_ascii_case("localhost"))
            || (!after.starts_with('/') && after.starts_with(|c: char| c.is_ascii_digit()));
        if hostlike && !scheme.is_empty() {
            return Diagnosis {
                cause: mk(CauseKind::NetworkError, stage, None, None),
                summary: format!(
                    "The URL `{}` has no `http://` or `https://` in front, so the browser reads `{scheme}:` as its scheme and does not make an HTTP request at all. Write the whole URL in the code or its configuration: `http://{}` (or `https://…`).",
                    x.request.url, x.request.url
                ),
                evidence,
                fingerprint: None,
                hidden: None,
            };
        }
        // `file://api.example.com/x`: a scheme-relative URL (`//api.example.com/x`) on a page
        // opened from a file takes the page's `file:`.
        let remote_host = scheme
            .eq_ignore_ascii_case("file")
            .then(|| url::Url::parse(&x.request.url).ok())
            .flatten()
            .and_then(|u| u.host_str().map(str::to_string))
            .filter(|h| h.contains('.') && h != "localhost");
        if let Some(host) = remote_host {
            let rest = x
                .request
                .url
                .split_once(host.as_str())
                .map_or("", |(_, r)| r);
            return Diagnosis {
                cause: mk(CauseKind::NetworkError, stage, None, None),
                summary: format!(
                    "The URL `{}` names a host over `file:`: it was written without a scheme (`//{host}…`), and a page opened from a file gives it `file:`, so no HTTP request is made and no CORS header can help. Write the scheme: `https://{host}{rest}`; and serve the page from a local web server (for example `python3 -m http.server` in the folder) rather than opening the file.",
                    x.request.url
                ),
                evidence,
                fingerprint: None,
                hidden: None,
            };
        }
        // Another scheme with a user and password in it (`cloudinary://key:secret@cloud`,
        // `mongodb://user:pass@host`): an SDK's or driver's connection string, not an address
        // a page can fetch.
        let parsed = url::Url::parse(&x.request.url).ok();
        let userinfo = parsed
            .as_ref()
            .is_some_and(|u| !u.username().is_empty() || u.password().is_some());
        if userinfo && !scheme.eq_ignore_ascii_case("file") {
            return Diagnosis {
                cause: mk(CauseKind::NetworkError, stage, None, None),
                summary: format!(
                    "The request goes to a `{scheme}:` URL with a user and password in it: that is a library's connection or credentials string (for its server-side SDK), not an address a browser can fetch, and no CORS header can allow it. Call the service's HTTPS API instead (for uploads from a page, its unsigned or signed upload endpoint), and keep the secret on your server: it is in the page's code now, so replace it."
                ),
                evidence,
                fingerprint: None,
                hidden: None,
            };
        }
        // A bucket's address for the command-line tools (`s3://bucket/key`, `gs://…`).
        let bucket_https = match scheme.to_ascii_lowercase().as_str() {
            "s3" => Some("https://BUCKET.s3.REGION.amazonaws.com/KEY"),
            "gs" => Some("https://storage.googleapis.com/BUCKET/KEY"),
            _ => None,
        };
        if let Some(https) = bucket_https {
            return Diagnosis {
                cause: mk(CauseKind::NetworkError, stage, None, None),
                summary: format!(
                    "The request goes to a `{scheme}:` URL: that names a bucket for the command-line tools and SDKs, not an address a browser can fetch, and no CORS header can allow it. Fetch the object by its HTTPS address (`{https}`, or a presigned URL), with the bucket's CORS rules allowing this page's origin."
                ),
                evidence,
                fingerprint: None,
                hidden: None,
            };
        }
        return Diagnosis {
            cause: mk(CauseKind::NetworkError, stage, None, None),
            summary: format!(
                "The request goes to a `{scheme}:` URL: browsers make cross-origin requests only over HTTP(S), so no CORS header can allow it.{} Serve the page and the data from a local web server (for example `python3 -m http.server` in the folder) and fetch them over http://.",
                if x.page_origin.as_deref() == Some("null") {
                    " The page's origin is `null`: it was opened from a file, not from a server."
                } else {
                    ""
                }
            ),
            evidence,
            fingerprint: None,
            hidden: None,
        };
    }

    // Observed-only verdicts (a console message): classify from the words.
    if no_resp && !v.computed {
        // Chrome's "(redirected from '…')": the failing response is the one at
        // the redirect's target, so the redirect is what to fix.
        // A preflight error there is the new preflight the browser sent to the redirect's
        // target (the request still needed one after the redirect).
        let redirected = x
            .observed
            .as_ref()
            .is_some_and(|o| o.redirected_to.is_some());
        let kind = if redirected {
            CauseKind::Redirect
        } else if missing_acao || err == CorsError::PreflightInvalidStatus {
            CauseKind::Unknown
        } else if err == CorsError::PreflightDisallowedRedirect {
            CauseKind::PreflightFailed
        } else if matches!(err, CorsError::RedirectContainsCredentials) {
            CauseKind::Redirect
        } else if crate::verdict::never_sent(err) {
            CauseKind::LocalNetworkAccess
        } else {
            CauseKind::HeaderMismatch
        };
        let summary = match kind {
            CauseKind::Unknown => {
                let s = observed_unknown_summary(x, err, status, hint.as_ref(), &x.request.url);
                // The likeliest cause then: servers allow no such origin.
                match null_origin_lead(x) {
                    Some(lead) if status.is_none() => format!("{lead} {}", after_null_lead(&s)),
                    Some(lead) => format!("{lead} {s}"),
                    None => s,
                }
            }
            CauseKind::Redirect if redirected => {
                let to = x.observed.as_ref().and_then(|o| o.redirected_to.clone());
                let own = x.starts_on_page_origin();
                let itself = x.observed.as_ref().is_some_and(|o| o.redirect_failed);
                let there = if itself {
                    "the redirect response itself failed the CORS check"
                } else if err == CorsError::PreflightDisallowedRedirect {
                    "the request still needed a preflight after the redirect, and the new preflight the browser sent there was itself redirected (browsers never follow a preflight's redirect)"
                } else if err.is_preflight() {
                    "the request still needed a preflight after the redirect, and the new preflight the browser sent there failed"
                } else {
                    "the response there failed the CORS check"
                };
                let said = format!(
                    "{}{}",
                    err.name(),
                    status.map(|s| format!(", status {s}")).unwrap_or_default()
                );
                // The target named: a known sign-in page says so; another URL may be one.
                let what = match to.as_deref().and_then(crate::gateway::sign_in::sign_in) {
                    Some(crate::gateway::sign_in::SignIn::Other) => {
                        "a sign-in page: the session or token is missing or expired".to_string()
                    }
                    Some(si) => format!(
                        "{}'s sign-in: the session or token is missing or expired",
                        si.name()
                    ),
                    None if own => "often a sign-in page, when the session has expired".to_string(),
                    None => "often a login page when the session or token is missing".to_string(),
                };
                let mut s = if let Some((kind, advice)) =
                    to.as_deref().and_then(|t| url_only_redirect(&x.request.url, t))
                {
                    format!(
                        "The call to {} was redirected to {} — {kind} — and {there} ({said}). {advice}",
                        x.request.url,
                        to.as_deref().unwrap_or("another URL"),
                    )
                } else if let (true, Some(proxy)) = (
                    own,
                    to.as_deref()
                        .and_then(crate::gateway::sign_in::sign_in)
                        .filter(|s| s.fronts_the_app(to.as_deref().unwrap_or(""))),
                ) {
                    // The proxy in front of the app redirected: the app never saw the call.
                    let name = proxy.proxy_name();
                    format!(
                        "The page called its own origin ({}), and {name}, in front of the app, redirected the call to {} on another origin ({what}), and {there} ({said}). The app never saw the call, and a script cannot sign in: reload the page (a top-level navigation goes through sign-in and back). In the app, notice such a call (fetch(url, {{ redirect: 'manual' }}) gives a response of type 'opaqueredirect') and reload or send the page to sign in; a longer session duration in {name} makes it rarer.",
                        x.request.url,
                        to.as_deref().unwrap_or("another URL"),
                    )
                } else if let (true, Some(si)) = (
                    own,
                    to.as_deref()
                        .and_then(crate::gateway::sign_in::sign_in_request),
                ) {
                    // The app's own route starts an OAuth sign-in: a page navigation's job.
                    format!(
                        "The page's script called its own {}, which redirected the call to {} — {}, an authorization request (its client_id, redirect_uri and response_type) that starts a sign-in — and {there} ({said}). A sign-in is for the whole page, not a script: send the page there (window.location.assign('{}'), or a link or form), never fetch or XMLHttpRequest; a route the page calls with a script answers 401 when there is no session instead of redirecting.",
                        x.request.url,
                        to.as_deref().unwrap_or("another URL"),
                        si.whose(),
                        x.request.url,
                    )
                } else if own {
                    format!(
                        "The page called its own origin ({}), which redirected the call to {} on another origin ({what}), and {there} ({said}).{}",
                        x.request.url,
                        to.as_deref().unwrap_or("another URL"),
                        api_calls_advice(x, " Answer the page's API calls with 401 instead of redirecting them (on the page's own origin it needs no CORS headers), and let the page go to the sign-in page itself."),
                    )
                } else {
                    format!(
                        "The request was redirected to {} ({what}), and {there} ({said}). An API called with fetch should answer 401/403 with CORS headers instead of redirecting.",
                        to.as_deref().unwrap_or("another URL"),
                    )
                };
                if itself {
                    s.push_str(" Chrome before 73 wrote \"Redirect from … has been blocked\" about the redirect's own headers (browsers check every response on the way): to keep the redirect, run the CORS layer before whatever redirects, so that the redirect carries the headers too.");
                }
                s
            }
            _ => local_network_summary(err, v.failed_parameter.as_deref(), &x.request.url)
                .map(|mut s| {
                    let denied = matches!(
                        err,
                        CorsError::LocalNetworkAccessPermissionDenied
                            | CorsError::PrivateNetworkAccessPermissionDenied
                    );
                    let insecure = matches!(
                        err,
                        CorsError::InsecureLocalNetwork | CorsError::InsecurePrivateNetwork
                    );
                    if insecure && x.page_origin.as_deref() == Some("null") {
                        s.push_str(" The page's origin is `null`: a page opened from a data: URL (or a frame it made) is not a secure context whatever the server. Serve the page from a web server on the same machine (http://localhost:…, a secure context in the same address space) or over HTTPS.");
                    }
                    if denied && x.page_origin.as_deref() == Some("null") {
                        s.push_str(" The page's origin is `null` (opened from a file, a data: URL or a sandboxed iframe): Chrome counts it as public, and it has no site whose settings could allow the permission. Serve the page from a web server on the same machine (http://localhost:…): a page there calls localhost and the local network without this permission.");
                    }
                    s
                })
                .unwrap_or_else(|| {
                let mut s = format!(
                    "{}: {}",
                    reported(x, err),
                    v.detail
                        .clone()
                        .unwrap_or_else(|| "see the browser's message".to_string())
                );
                let platform_note = hint.as_ref().and_then(|h| platform_mismatch_note(h.platform, err));
                if let Some(note) = platform_note {
                    s.push(' ');
                    s.push_str(note);
                }
                if let Some(note) = several_origins_note(err, v.failed_parameter.as_deref()) {
                    s.push_str(note);
                }
                if err == CorsError::HeaderDisallowedByPreflightResponse
                    && v.failed_parameter.as_deref().is_some_and(|p| p.trim().eq_ignore_ascii_case("content-type"))
                {
                    s.push_str(" Content-Type needs the preflight's permission unless its value is text/plain, application/x-www-form-urlencoded or multipart/form-data (application/json does). Either the API lists Content-Type in its Access-Control-Allow-Headers (its owner's change), or the page leaves it out where it sends no body: a GET or HEAD has none, and a wrapper or interceptor that sets Content-Type on every call makes even GETs need a preflight. A JSON body to an API that is not yours: call it from your own server.");
                }
                // A redirected preflight to an http:// URL of a public host: the redirect is
                // most likely the one to https://.
                if err == CorsError::PreflightDisallowedRedirect
                    && crate::fetch::origin::scheme_of(&x.request.url).as_deref() == Some("http")
                    && !matches!(
                        crate::fetch::origin::address_space_of(&x.request.url),
                        Some("loopback" | "local" | "private")
                    )
                    // (0.0.0.0: a development server's listening address, no public host.)
                    && crate::fetch::origin::host_of(&x.request.url).as_deref() != Some("0.0.0.0")
                {
                    let https = format!("https{}", &x.request.url["http".len()..]);
                    s.push_str(&format!(" The URL is http://: a public server most often redirects that to https://, and a preflight never follows a redirect. Call {https} directly (and check, in the Network panel, the OPTIONS request's Location if it still fails: a trailing slash or another host name is the other usual redirect)."));
                } else if err == CorsError::PreflightDisallowedRedirect && platform_note.is_none() {
                    s.push_str(&preflight_redirect_causes(x));
                }
                // The message names both the allowed value and the page's origin: how they differ.
                if let (
                    CorsError::AllowOriginMismatch | CorsError::PreflightAllowOriginMismatch,
                    Some(allowed),
                    Some(origin),
                ) = (err, v.failed_parameter.as_deref(), x.page_origin.as_deref())
                {
                    if let Some((_, how)) = crate::fetch::cors_check::mismatch_detail(allowed, origin).split_once("; ") {
                        s.push_str(&format!(" `{allowed}` is not `{origin}`: {how}."));
                    }
                }
                if x.page_origin.as_deref() == Some("null") {
                    s.push_str(" The page's origin is `null`: it was opened from a file (file://), a data: URL or a sandboxed iframe");
                    if v.failed_parameter.as_deref() == Some("null") {
                        s.push_str(", and this browser did not take `Access-Control-Allow-Origin: null` as its match");
                    }
                    s.push_str(". Serve the page over http(s) — http://localhost:… during development — rather than allowing `null` on the server (every file and sandboxed page would match it).");
                }
                s
            }),
        };
        // Chrome refused to send it: no stage of the exchange failed.
        let stage = stage.filter(|_| kind != CauseKind::LocalNetworkAccess);
        return Diagnosis {
            cause: mk(kind, stage, status, None),
            summary,
            evidence,
            fingerprint: None,
            hidden: None,
        };
    }

    let generated = fp.as_ref().filter(|f| f.generated);
    // The application's own CORS layer refused the request (Spring's "Invalid CORS
    // request"): its configuration does not match the request, whichever stage.
    if let Some(f) = generated.filter(|f| {
        f.gateway.is_cors_layer()
            && !matches!(
                f.error.as_deref(),
                Some("UNHANDLED_EXCEPTION" | "CANNOT_OPTIONS")
            )
    }) {
        if matches!(subject, Subject::Preflight | Subject::Response) {
            let preflight = subject == Subject::Preflight;
            let what = CorsAsked::of(x, v);
            let summary = match f.gateway {
                crate::gateway::Gateway::Spring => spring_rejection_summary(&what, preflight),
                crate::gateway::Gateway::Starlette => starlette_rejection_summary(x, f, &what),
                _ => express_rejection_summary(&what, status),
            };
            return Diagnosis {
                cause: mk(CauseKind::HeaderMismatch, stage, status, Some(f)),
                summary,
                evidence,
                fingerprint: fp.clone(),
                hidden: Some(format!(
                    "The page only sees a CORS error; the real answer was {} from {}, which refused the request.",
                    status.map(status_phrase).unwrap_or_else(|| "an error".to_string()),
                    f.gateway.name()
                )),
            };
        }
    }
    // Object storage: CORS headers only when a rule of the bucket's CORS configuration
    // matches; a refusal (403 of its own) or a success without them says none does.
    if let Some(f) = fp.as_ref().filter(|f| f.gateway.is_storage()) {
        // A HAR keeps no body for a failed preflight: S3 and Azure answer an OPTIONS
        // (never signed, so never AccessDenied) 403 only when no CORS rule allows it.
        let refused = matches!(
            f.error.as_deref(),
            Some("CORS_RESPONSE" | "CORS_NOT_ENABLED" | "CORS_PREFLIGHT_FAILURE")
        ) || (subject == Subject::Preflight
            && f.error.as_deref() == Some("403")
            && (f.gateway.is_s3_api() || f.gateway == Gateway::AzureStorage));
        // A cache's stored copy (x-cache: Hit from cloudfront) is the cache's case first.
        let quiet = !f.generated
            && resp.is_some_and(|r| {
                is_2xx(r.status) && !has_any_cors_header(r) && stored_copy(&r.headers).is_none()
            });
        if (refused || quiet) && matches!(subject, Subject::Preflight | Subject::Response) {
            let what = CorsAsked::of(x, v);
            return Diagnosis {
                cause: mk(CauseKind::HeaderMismatch, stage, status, Some(f)),
                summary: storage_rejection_summary(f, &what, subject == Subject::Preflight, status),
                evidence,
                fingerprint: fp.clone(),
                hidden: refused.then(|| {
                    format!(
                        "The page only sees a CORS error; the real answer was {} from {}, which refused the preflight.",
                        status.map(status_phrase).unwrap_or_else(|| "an error".to_string()),
                        f.gateway.name()
                    )
                }),
            };
        }
    }
    match subject {
        Subject::Preflight => {
            let r = resp;
            let st = status.unwrap_or(0);
            // A 2xx answer without CORS headers that a CORS layer gave (its Vary says so): a
            // preflight it declined, not one nothing handles.
            let vary = r
                .filter(|r| is_2xx(st) && !has_any_cors_header(r))
                .and_then(cors_layer_vary);
            let kind = match err {
                CorsError::PreflightDisallowedRedirect => CauseKind::PreflightFailed,
                CorsError::PreflightMissingAllowOriginHeader
                | CorsError::PreflightInvalidStatus => {
                    let no_cors = r.is_some_and(|r| !has_any_cors_header(r));
                    let missing_route = generated.is_some_and(|f| {
                        matches!(
                            f.error.as_deref(),
                            Some("MISSING_AUTHENTICATION_TOKEN")
                                | Some("RESOURCE_NOT_FOUND")
                                | Some("NOT_FOUND")
                                | Some("NO_ROUTE")
                        )
                    });
                    // A status not in the input is taken as ok, as the verdict takes it.
                    let ok = is_2xx(st) || st == 0;
                    if missing_route
                        || matches!(st, 404 | 405 | 501)
                        || (ok && no_cors && vary.is_none())
                    {
                        CauseKind::PreflightMissing
                    } else if ok {
                        CauseKind::HeaderMismatch
                    } else {
                        CauseKind::PreflightFailed
                    }
                }
                _ => CauseKind::HeaderMismatch,
            };
            let fp_used = fp.as_ref();
            let got = if st == 0 {
                "an answer (its status line is not in the input)".to_string()
            } else {
                status_phrase(st)
            };
            let summary = match kind {
                CauseKind::HeaderMismatch if vary.is_some() => declined_with_vary(
                    &CorsAsked::of(x, v),
                    vary.as_deref().unwrap_or_default(),
                    &got,
                ),
                CauseKind::PreflightMissing => format!(
                    "Nothing handles the preflight: the OPTIONS request to this URL got {}{}{}, so the browser never sends the {}.{}",
                    got,
                    fp_used.map(|f| from_words(f, x)).unwrap_or_default(),
                    // Only what the input shows: a status alone says nothing of the headers.
                    match r {
                        Some(r) if has_any_cors_header(r) && !is_2xx(st) => " with CORS headers but not an ok status: a CORS layer added its headers and passed OPTIONS on to the routes, where nothing answers it (the CORS layer must answer the preflight itself, 204, before the routes)",
                        Some(r) if !r.headers.is_empty() => " without CORS headers",
                        _ => "",
                    },
                    if x.request.method_known == crate::exchange::Known::Unknown {
                        "request itself".to_string()
                    } else {
                        format!("{} request", x.request.method)
                    },
                    // IIS's own 405 says which of its parts took OPTIONS; Express's 404
                    // that no cors middleware ran.
                    fp_used
                        .filter(|f| {
                            f.generated
                                && (f.gateway == crate::gateway::Gateway::Iis
                                    || f.error.as_deref() == Some("CANNOT_OPTIONS"))
                        })
                        .and_then(|f| f.meaning.as_ref())
                        .map(|m| format!(" {m}"))
                        .or_else(|| is_2xx(st).then(|| declined_quietly(&CorsAsked::of(x, v))))
                        .or_else(|| {
                            // A plain 404 (no product's own "no route" answer): the path may
                            // be the thing that is missing, not only its OPTIONS route.
                            (st == 404 && fp_used.is_none_or(|f| !f.generated)).then(|| {
                                " A 404 may also mean the URL itself is wrong (a path the server does not have: an endpoint renamed or removed, a missing prefix or version): send the request with its own method outside the browser (the Reproduce lines) to tell the two apart.".to_string()
                            })
                        })
                        .unwrap_or_default()
                ),
                CauseKind::PreflightFailed if err == CorsError::PreflightDisallowedRedirect => {
                    let location = r.and_then(|r| r.location());
                    match location.as_deref().and_then(crate::gateway::sign_in::sign_in) {
                        Some(si) => format!(
                            "The preflight was redirected ({}) to a sign-in page ({}): the API is behind sign-in that does not let OPTIONS through, and a preflight never carries cookies or tokens, so it is redirected every time. Let OPTIONS through without sign-in — {} — and send the request itself with its session (credentials: 'include') or a token.",
                            status_phrase(st),
                            si.name(),
                            si.preflight_bypass()
                        ),
                        None => format!(
                            "The preflight was redirected{}{}; browsers never follow a redirect for a preflight. {}",
                            if st == 0 { String::new() } else { format!(" ({})", status_phrase(st)) },
                            location.as_deref().map(|l| format!(" to {l}")).unwrap_or_default(),
                            match location.as_deref().and_then(|l| url_only_redirect(&x.request.url, l)) {
                                Some((kind, advice)) => format!("It is {kind}. {advice}"),
                                None if location.is_some() => "Call the URL it redirects to directly (the API's own address), or serve OPTIONS at the exact URL the page calls without redirecting it.".to_string(),
                                None => "Serve OPTIONS at the exact URL the page calls.".to_string(),
                            }
                        ),
                    }
                }
                CauseKind::PreflightFailed => format!(
                    "Something rejects the preflight: OPTIONS got {}{}. {}",
                    got,
                    fp_used.map(|f| from_words(f, x)).unwrap_or_default(),
                    preflight_failed_hint(st, fp_used)
                ),
                _ => format!(
                    "The preflight response's CORS headers are wrong: {}.{}",
                    v.detail.as_deref().unwrap_or_default().trim_end_matches('.'),
                    several_origins_note(err, v.failed_parameter.as_deref()).unwrap_or_default()
                ),
            };
            Diagnosis {
                cause: mk(kind, stage, status, fp_used),
                summary,
                evidence,
                fingerprint: fp,
                hidden: None,
            }
        }
        Subject::Redirect(i) => {
            let hop = x.redirects.get(i);
            let location = hop.and_then(|h| h.response.location());
            let sign_in = location
                .as_deref()
                .and_then(crate::gateway::sign_in::sign_in)
                .map(|si| format!(" That is {}'s sign-in: the request carried no valid session (across origins, cookies go only with credentials: 'include'); API calls without one should get 401 with the CORS headers, not a redirect to a login page.", si.name()))
                .unwrap_or_default();
            Diagnosis {
                cause: mk(CauseKind::Redirect, stage, status, generated),
                summary: format!(
                    "The request was redirected ({}{}) and the redirect broke CORS: {}.{sign_in}",
                    status.map(status_phrase).unwrap_or_default(),
                    location.map(|l| format!(" to {l}")).unwrap_or_default(),
                    v.detail.clone().unwrap_or_default()
                ),
                evidence,
                fingerprint: fp,
                hidden: None,
            }
        }
        Subject::RedirectPreflight(i) => {
            let hop = x.redirects.get(i);
            let target = hop_target
                .clone()
                .unwrap_or_else(|| "the redirect target".to_string());
            let hop_status = hop
                .map(|h| status_phrase(h.response.status))
                .unwrap_or_default();
            let tainted = v
                .redirect_preflights
                .iter()
                .find(|p| p.hop == i)
                .is_some_and(|p| p.origin.as_deref() == Some("null"));
            let pre_status = status
                .map(|s| format!(" ({})", status_phrase(s)))
                .unwrap_or_default();
            Diagnosis {
                cause: mk(CauseKind::Redirect, stage, status, generated),
                summary: format!(
                    "The request was redirected ({hop_status}) to {target} and still needs a preflight there, so the browser sent a new preflight to the redirect target{}, and that preflight failed{pre_status}: {}. Answer OPTIONS at {target} with the CORS headers{}, or have the page call {target} directly so no redirect happens.",
                    if tainted { " with `Origin: null` (the redirect crossed origins)" } else { "" },
                    v.detail.clone().unwrap_or_default(),
                    if tainted { " (allowing the origin `null`)" } else { "" },
                ),
                evidence,
                fingerprint: fp,
                hidden: None,
            }
        }
        Subject::Response => {
            let from_own_origin = !x.redirects.is_empty() && x.starts_on_page_origin();
            if from_own_origin {
                let first = x.redirects.first().map(|h| h.response.status);
                return Diagnosis {
                    cause: mk(CauseKind::Redirect, stage, status, generated),
                    summary: format!(
                        "The page called its own origin ({}), which redirected the call ({}) to {} on another origin — often a sign-in page, when the session has expired — and the response there fails the CORS check: {}.{}",
                        x.request.url,
                        first.map(status_phrase).unwrap_or_default(),
                        x.final_url(),
                        v.detail.clone().unwrap_or_default(),
                        api_calls_advice(x, " Answer the page's API calls with 401 instead of redirecting them, and let the page go to the sign-in page itself."),
                    ),
                    evidence,
                    fingerprint: fp,
                    hidden: None,
                };
            }
            let tainted = v.origin_sent.as_deref() == Some("null") && !x.redirects.is_empty();
            if tainted {
                return Diagnosis {
                    cause: mk(CauseKind::Redirect, stage, status, generated),
                    summary: format!(
                        "A cross-origin redirect made the browser send `Origin: null`, and the final response at {} does not allow it: {}.",
                        x.final_url(),
                        v.detail.clone().unwrap_or_default()
                    ),
                    evidence,
                    fingerprint: fp,
                    hidden: None,
                };
            }
            if missing_acao {
                if let Some(f) = generated {
                    let hidden = format!(
                        "The page only sees a CORS error (fetch rejects with TypeError: Failed to fetch); the real answer was {} from {}: {}",
                        status.map(status_phrase).unwrap_or_else(|| "an error".to_string()),
                        gateway_words(f),
                        f.meaning.clone().unwrap_or_else(|| "an error generated by the gateway itself".to_string())
                    );
                    return Diagnosis {
                        cause: mk(CauseKind::GatewayError, stage, status, Some(f)),
                        summary: format!(
                            "Not a CORS setting: {} answered {} itself{}, and its error response carries no CORS headers, so the browser hides it behind a CORS error.{}",
                            f.gateway.name(),
                            status.map(status_phrase).unwrap_or_else(|| "with an error".to_string()),
                            f.error.as_ref().map(|e| format!(" ({e})")).unwrap_or_default(),
                            // Storage names its error in its body: what it means is the fix.
                            f.meaning
                                .as_deref()
                                .filter(|_| f.gateway.is_storage())
                                .map(|m| format!(" {m}"))
                                .unwrap_or_default()
                        ),
                        evidence,
                        fingerprint: fp.clone(),
                        hidden: Some(hidden),
                    };
                }
                let st = status.unwrap_or(0);
                if let Some(hit) = x
                    .response
                    .as_ref()
                    .filter(|_| st < 400)
                    .and_then(|r| stored_copy(&r.headers))
                {
                    // Storage has no cache of its own: the CDN in front kept the copy.
                    let cache = fp
                        .as_ref()
                        .filter(|f| !f.gateway.is_storage())
                        .map(|f| format!("{}'s cache", f.gateway.name()))
                        .unwrap_or_else(|| {
                            if hit.to_ascii_lowercase().contains("cloudfront") {
                                "Amazon CloudFront's cache".to_string()
                            } else {
                                "a cache".to_string()
                            }
                        });
                    return Diagnosis {
                        cause: Cause {
                            gateway_response: Some(CACHE_HIT.to_string()),
                            ..mk(CauseKind::ResponseMissingCors, stage, status, fp.as_ref())
                        },
                        summary: format!(
                            "The {} response{} came from {cache} (`{hit}`) without Access-Control-Allow-Origin and without `Vary: Origin`: a copy stored for another request — one without Origin (a page load, a script tag, curl) or from another origin — is served to this one, so the application's CORS headers may never be seen. Make every response for this URL carry the same CORS headers (requests without Origin included), or keep copies apart by Origin (`Vary: Origin`, or Origin in the cache key), then purge the cache.",
                            x.request.method,
                            if st != 0 { format!(" ({})", status_phrase(st)) } else { String::new() },
                        ),
                        evidence,
                        fingerprint: fp,
                        hidden: None,
                    };
                }
                // A redirect without Allow-Origin: the browser checks the 3xx itself before
                // following it.
                if (300..400).contains(&st) && st != 304 {
                    let location = x.response.as_ref().and_then(|r| r.location());
                    let to = location
                        .as_deref()
                        .map(|l| format!(" to {l}"))
                        .unwrap_or_default();
                    let http = x.request.url.starts_with("http://");
                    return Diagnosis {
                        cause: mk(CauseKind::Redirect, stage, status, fp.as_ref()),
                        summary: format!(
                            "The {} answer is a redirect ({}){to} without Access-Control-Allow-Origin: the browser checks the redirect response itself before following it, so the page gets a CORS error, not the redirect's target. {} Or let the redirect carry the CORS headers too (some hosts' header rules skip redirects: Netlify's _headers, for one).",
                            x.request.method,
                            status_phrase(st),
                            if location.is_some() {
                                "Call the URL it redirects to directly (the page then makes one request, with no redirect to check)."
                            } else if http {
                                HTTP_TO_HTTPS
                            } else {
                                "Call the URL it redirects to (its Location, in the Network panel) directly: a renamed path, a trailing slash added or dropped, another host name."
                            }
                        ),
                        evidence,
                        fingerprint: fp,
                        hidden: None,
                    };
                }
                let caveat = fp
                    .as_ref()
                    .filter(|_| st >= 400)
                    .and_then(|f| f.meaning.clone())
                    .map(|m| format!(" {m}"))
                    .unwrap_or_default();
                return Diagnosis {
                    cause: mk(CauseKind::ResponseMissingCors, stage, status, fp.as_ref()),
                    summary: format!(
                        "The {} response{} has no Access-Control-Allow-Origin header: the application{} must add CORS headers to this response{}.{caveat}",
                        x.request.method,
                        if st != 0 { format!(" ({})", status_phrase(st)) } else { String::new() },
                        fp.as_ref().map(|f| format!(" behind {}", f.gateway.name())).unwrap_or_default(),
                        if st >= 400 { ", error responses included" } else { "" }
                    ),
                    evidence,
                    fingerprint: fp,
                    hidden: None,
                };
            }
            Diagnosis {
                cause: mk(CauseKind::HeaderMismatch, stage, status, generated),
                summary: format!(
                    "The response's CORS headers are wrong: {}.{}",
                    v.detail
                        .as_deref()
                        .unwrap_or_default()
                        .trim_end_matches('.'),
                    several_origins_note(err, v.failed_parameter.as_deref()).unwrap_or_default()
                ),
                evidence,
                fingerprint: fp,
                hidden: None,
            }
        }
    }
}

fn is_2xx(s: u16) -> bool {
    (200..=299).contains(&s)
}

/// What the request asked a CORS layer to allow, in words: its origin, method and the
/// headers it sends (the preflight's Access-Control-Request-Headers, else the request's
/// non-safelisted ones).
struct CorsAsked {
    origin: String,
    method: String,
    headers: Vec<String>,
}

impl CorsAsked {
    fn of(x: &Exchange, v: &Verdict) -> CorsAsked {
        let origin = v
            .origin_sent
            .clone()
            .or_else(|| x.page_origin.clone())
            .map(|o| format!("the origin {o}"))
            .unwrap_or_else(|| "the page's origin".to_string());
        let method = if x.request.method_known == crate::exchange::Known::Unknown {
            "the method".to_string()
        } else {
            format!("the method {}", x.request.method)
        };
        let headers = crate::fetch::safelist::preflight_header_names(x);
        CorsAsked {
            origin,
            method,
            headers,
        }
    }

    fn headers_words(&self) -> String {
        format!("the headers {}", self.headers.join(", "))
    }
}

/// A 2xx preflight without CORS headers may also be a CORS layer that declined it without a
/// word: what its lists must allow.
fn declined_quietly(a: &CorsAsked) -> String {
    let what = if a.headers.is_empty() {
        format!("{} and {}", a.origin, a.method)
    } else {
        format!("{}, {} and {}", a.origin, a.method, a.headers_words())
    };
    format!(
        " Or a CORS layer ran and declined it: rack-cors, Flask-CORS, Corsica and Go's rs/cors and go-chi/cors answer a preflight they do not allow with a 2xx and no CORS headers at all — check that their lists allow {what}."
    )
}

/// The `Vary` value of a preflight's answer that shows a CORS layer ran on it (it names
/// `Access-Control-Request-Method` or `-Headers`, which only a CORS layer varies on).
fn cors_layer_vary(r: &crate::exchange::Response) -> Option<String> {
    r.headers
        .get_all("vary")
        .find(|v| v.to_ascii_lowercase().contains("access-control-request-"))
        .map(|v| v.trim().to_string())
}

/// A 2xx preflight answer without CORS headers whose `Vary` shows a CORS layer ran: it
/// declined the preflight.
fn declined_with_vary(a: &CorsAsked, vary: &str, got: &str) -> String {
    let what = if a.headers.is_empty() {
        format!("{} and {}", a.origin, a.method)
    } else {
        format!("{}, {} and {}", a.origin, a.method, a.headers_words())
    };
    format!(
        "A CORS layer answered the preflight and declined it: the OPTIONS request got {got} with `Vary: {vary}` (only a CORS layer varies on what the preflight asks) and no CORS headers, which is how rack-cors, Flask-CORS, Corsica and Go's rs/cors and go-chi/cors refuse a preflight they do not allow. Something the preflight asks is not in its lists: check that they allow {what}."
    )
}

/// Spring refused the request: what its configuration must allow.
fn spring_rejection_summary(a: &CorsAsked, preflight: bool) -> String {
    let what = if a.headers.is_empty() {
        format!("{} or {}", a.origin, a.method)
    } else {
        format!("{}, {} or {}", a.origin, a.method, a.headers_words())
    };
    format!(
        "Spring's CORS configuration rejected the {}: it answered 403 without CORS headers (Spring MVC's body: \"Invalid CORS request\") because it does not allow {what}{}. Add what is missing to its allowed origins (exactly, no trailing slash; allowedOriginPatterns for wildcards), methods and headers{}.",
        if preflight { "preflight" } else { "request" },
        if preflight {
            " (or no CORS configuration covers this path: Spring then rejects every preflight this way)"
        } else {
            ""
        },
        if preflight {
            "; with Spring Security, enable its CORS support (http.cors()) so the preflight is answered before authentication"
        } else {
            ""
        }
    )
}

/// A redirect that only moves the same request: to https://, to another host with the same
/// path (an application behind a proxy or CDN building its redirect from the Host it got),
/// or adding or removing a trailing slash: what it is, and what to do. `None` for any other
/// target (a sign-in page …).
fn url_only_redirect(from: &str, to: &str) -> Option<(&'static str, &'static str)> {
    let (a, b) = (url::Url::parse(from).ok()?, url::Url::parse(to).ok()?);
    let (pa, pb) = (a.path(), b.path());
    let same_path = pa == pb && a.query() == b.query();
    if same_path && a.host_str() == b.host_str() && a.scheme() == "http" && b.scheme() == "https" {
        return Some((
            "a redirect from http:// to https:// (the page's code or configuration calls the http:// URL)",
            "Call the https:// URL directly.",
        ));
    }
    if same_path && a.host_str() != b.host_str() {
        return Some((
            "the same path on another host: the application behind a proxy or CDN redirecting to its own host name (built from the Host it received: to add https://, a trailing slash, or its canonical name)",
            "Have the proxy or CDN in front pass the original Host and scheme on (keep the Host header, or send X-Forwarded-Host and X-Forwarded-Proto, and make the application trust them), so the application stops redirecting past it; or call the URL it redirects to directly.",
        ));
    }
    // A doubled slash the server collapses (`/a//b` → `/a/b`): the page built the URL wrong.
    let collapse = |p: &str| {
        let mut out = String::with_capacity(p.len());
        for c in p.chars() {
            if !(c == '/' && out.ends_with('/')) {
                out.push(c);
            }
        }
        out
    };
    if pa.contains("//")
        && collapse(pa) == pb
        && a.query() == b.query()
        && a.host_str() == b.host_str()
    {
        return Some((
            "a redirect that removes a doubled slash (`//`) from the path: the page's code joins a base URL ending in `/` with a path starting with `/`",
            "Build the URL without the doubled slash (trim the base's trailing slash or the path's leading one).",
        ));
    }
    let slash = pa.trim_end_matches('/') == pb.trim_end_matches('/') && pa != pb;
    (slash && a.host_str() == b.host_str()).then_some((
        "a redirect that only adds or removes the trailing slash (the route is declared the other way)",
        "Call the URL the server redirects to (with or without the slash) directly.",
    ))
}

/// Object storage refused (or quietly declined) the request: its CORS rules must allow it.
fn storage_rejection_summary(
    f: &Fingerprint,
    a: &CorsAsked,
    preflight: bool,
    status: Option<u16>,
) -> String {
    use crate::gateway::Gateway;
    let (rules, place) = match f.gateway {
        Gateway::AwsS3 => ("CORS configuration", "the bucket"),
        Gateway::AzureStorage => (
            "CORS rules",
            "the storage account's service (Blob, File, Queue or Table)",
        ),
        _ => ("CORS configuration", "the bucket"),
    };
    let what = if a.headers.is_empty() {
        format!("{} with {}", a.origin, a.method)
    } else {
        format!("{} with {} and {}", a.origin, a.method, a.headers_words())
    };
    let answered = match f.error.as_deref() {
        Some("CORS_NOT_ENABLED") => format!(
            "{} refused the preflight with {}: {place} has no {rules} at all.",
            f.gateway.name(),
            status.map(status_phrase).unwrap_or_else(|| "403".to_string())
        ),
        Some("403") => format!(
            "{} answered the preflight {} (the capture lacks the XML body that words the refusal; a storage service answers an unsigned OPTIONS 403 only for that): no rule of {place}'s {rules} allows {what}.",
            f.gateway.name(),
            status.map(status_phrase).unwrap_or_else(|| "403".to_string())
        ),
        Some(_) => format!(
            "{} refused the preflight with {}: no rule of {place}'s {rules} allows {what}.",
            f.gateway.name(),
            status.map(status_phrase).unwrap_or_else(|| "403".to_string())
        ),
        None => format!(
            "{} answered the {} without CORS headers: it adds them only when a rule of {place}'s {rules} matches, and none allows {what}.",
            f.gateway.name(),
            if preflight { "preflight" } else { "request" }
        ),
    };
    format!(
        "{answered} Add a rule with the page's origin exactly (scheme, host and port, no trailing slash), the method, every header the page sends (for a signed upload, Content-Type and any x-amz-*/x-goog-*/x-ms-* header it sets) and, to read them, the response headers such as ETag to expose. A CDN in front must pass the Origin header on and cache by it."
    )
}

/// Starlette said which of its checks failed: each one, with the request's value.
fn starlette_rejection_summary(x: &Exchange, f: &Fingerprint, a: &CorsAsked) -> String {
    // The fingerprint's evidence quotes the body: `body contains "Disallowed CORS …"`;
    // without the body (a HAR), what failed is read from the preflight's headers.
    let said = f.evidence.iter().find_map(|e| {
        let quoted = e.strip_prefix("body contains \"")?.strip_suffix('"')?;
        crate::gateway::starlette_failures(quoted)
    });
    let from_body = said.is_some();
    let failed = said.unwrap_or_else(|| starlette_failures_from_headers(x));
    if failed.is_empty() {
        return "FastAPI/Starlette's CORSMiddleware rejected the preflight with 400 (\"Disallowed CORS …\"): its allow_origins, allow_methods or allow_headers does not cover the request's origin, method and headers.".to_string();
    }
    let parts: Vec<String> = failed
        .iter()
        .map(|f| match *f {
            "origin" => format!(
                "allow_origins does not list {} (it must match exactly: scheme, host and port, no trailing slash; or use allow_origin_regex)",
                a.origin.trim_start_matches("the origin ")
            ),
            "method" => format!(
                "allow_methods does not list {} (its default is GET only)",
                a.method.trim_start_matches("the method ")
            ),
            "headers" if a.headers.len() == 1 => format!(
                "allow_headers does not list {} (its default allows only the CORS-safelisted ones)",
                a.headers[0]
            ),
            "headers" if !a.headers.is_empty() => format!(
                "allow_headers does not list all of {} (its default allows only the CORS-safelisted ones)",
                a.headers.join(", ")
            ),
            "headers" => "allow_headers does not list every requested header (its default allows only the CORS-safelisted ones)".to_string(),
            _ => "allow_private_network is off, and this was a Private Network Access preflight".to_string(),
        })
        .collect();
    let body = format!("\"Disallowed CORS {}\"", failed.join(", "));
    format!(
        "FastAPI/Starlette's CORSMiddleware rejected the preflight with 400 {}: {}.",
        if from_body {
            body
        } else {
            format!("({body}, as its headers show; the capture has no body)")
        },
        parts.join("; ")
    )
}

/// Starlette's checks redone from its preflight headers: Allow-Origin is there when the origin
/// passed (explicit origins), Allow-Methods lists its methods exactly, Allow-Headers its
/// headers (sorted, with the safelist).
fn starlette_failures_from_headers(x: &Exchange) -> Vec<&'static str> {
    let Some(p) = x.captured_preflight() else {
        return Vec::new();
    };
    let Some(r) = p.response.as_ref() else {
        return Vec::new();
    };
    let mut failed = Vec::new();
    if r.headers.get("access-control-allow-origin").is_none() {
        failed.push("origin");
    }
    let list = |name: &str| -> Vec<String> {
        r.headers
            .get(name)
            .map(|v| v.split(',').map(|t| t.trim().to_string()).collect())
            .unwrap_or_default()
    };
    let methods = list("access-control-allow-methods");
    let method = p
        .request_headers
        .get("access-control-request-method")
        .map(|m| m.trim().to_string())
        .unwrap_or_else(|| x.request.method.clone());
    if !methods.contains(&method) {
        failed.push("method");
    }
    let allowed: Vec<String> = list("access-control-allow-headers")
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let asked = p
        .request_headers
        .get("access-control-request-headers")
        .map(|h| h.to_ascii_lowercase())
        .unwrap_or_default();
    if asked
        .split(',')
        .map(str::trim)
        .any(|h| !h.is_empty() && !allowed.iter().any(|a| a == h))
    {
        failed.push("headers");
    }
    failed
}

/// The cors middleware's origin callback threw: the origin is not in its list.
fn express_rejection_summary(a: &CorsAsked, status: Option<u16>) -> String {
    format!(
        "The cors middleware's origin callback rejected {} by passing an Error (\"Not allowed by CORS\"), which Express answered with {} without CORS headers: add the origin to the allow-list exactly (scheme, host and port, no trailing slash), and answer an origin you refuse with callback(null, false) rather than an Error, so it is not a {}.",
        a.origin,
        status.map(status_phrase).unwrap_or_else(|| "an error".to_string()),
        status.map(|s| s.to_string()).unwrap_or_else(|| "server error".to_string())
    )
}

fn preflight_failed_hint(status: u16, fp: Option<&Fingerprint>) -> String {
    // IIS's and Apache's own error pages say exactly why OPTIONS failed.
    if let Some(m) = fp
        .filter(|f| {
            f.generated
                && matches!(
                    f.gateway,
                    crate::gateway::Gateway::Iis | crate::gateway::Gateway::Apache
                )
        })
        .and_then(|f| f.meaning.clone())
    {
        return m;
    }
    let base = match status {
        401 => "An authorizer, API key check or WAF runs on OPTIONS; preflights never carry credentials or tokens, so OPTIONS must be let through unauthenticated.",
        403 => "Either the server's own CORS layer refused the preflight (the origin, the method or a header it asks for is not in its allowed lists: Spring, Tomcat's CorsFilter and Ktor answer 403 so; add what is missing), or an authorizer, API key check or WAF runs on OPTIONS (preflights never carry credentials or tokens, so OPTIONS must be let through unauthenticated).",
        429 => "The preflight itself was throttled.",
        500..=599 => "The server failed while answering OPTIONS.",
        _ => "OPTIONS must answer 2xx with the CORS headers.",
    };
    match fp.and_then(|f| f.meaning.clone()) {
        Some(m) => format!("{base} {m}"),
        None => base.to_string(),
    }
}

/// The page refused the request itself (its CSP, mixed content, a `same-origin`
/// request mode, a worker script on another origin).
fn page_block_diagnosis(
    x: &Exchange,
    b: &crate::exchange::PageBlock,
    mut evidence: Vec<String>,
) -> Diagnosis {
    use crate::exchange::PageBlockKind;
    // (A resource-policy block named without its URL: "the resource".)
    let url = match x.request.url.as_str() {
        "" => "the resource",
        u => u,
    };
    let api = crate::fetch::origin::origin_of(url).unwrap_or_else(|| url.to_string());
    if let Some(o) = &x.observed {
        let said = o.text.lines().next().unwrap_or("").trim();
        if !evidence.iter().any(|e| e.contains(said)) {
            evidence.push(format!("the browser said: {said}"));
        }
    }
    let (kind, summary) = match b.kind {
        PageBlockKind::ContentSecurityPolicy => {
            let which = match &b.directive {
                Some(d) => format!("its directive \"{d}\" does not list {api}"),
                None => format!("it does not allow {api}"),
            };
            (
                CauseKind::ContentSecurityPolicy,
                format!(
                    "The page's own Content-Security-Policy blocked the request before it was sent ({which}): this is not CORS, and no header on the API's server can fix it. {}",
                    match b
                        .directive
                        .as_deref()
                        .and_then(|d| d.split_whitespace().next())
                    {
                        Some(n) if n.eq_ignore_ascii_case("default-src") => format!(
                            "Give the page a connect-src directive that allows {api} (it has none, so default-src applied)."
                        ),
                        Some(n) => format!("Add {api} to the page's {n} directive."),
                        None => format!("Add {api} to the page's connect-src directive."),
                    }
                ),
            )
        }
        PageBlockKind::MixedContent => {
            let page = b
                .page_url
                .as_deref()
                .map_or_else(|| "The page".to_string(), |p| format!("The page {p}"));
            (
                CauseKind::MixedContent,
                format!(
                    "{page} was loaded over HTTPS and called {url} over plain http://: the browser blocks such mixed content before sending it. This is not CORS, and no header on the API's server can fix it. Call the API over https://."
                ),
            )
        }
        PageBlockKind::SameOriginMode => {
            let page = x.page_origin.as_deref().unwrap_or("the page's origin");
            (
                CauseKind::SameOriginMode,
                format!(
                    "The code calls fetch() with mode: 'same-origin', which allows only the page's own origin ({page}), and {url} is on another one: the browser refused it before sending it. This is not CORS, and no header on the API's server can fix it. Drop the mode option (the default, 'cors', sends a CORS request the API can allow) or call the API through {page} (a proxy)."
                ),
            )
        }
        PageBlockKind::ResourcePolicy => (
            CauseKind::ResourcePolicy,
            format!(
                "The server of {url} sends Cross-Origin-Resource-Policy: same-origin (or same-site), which forbids pages of other sites to load it: the browser received the response and blocked it. This is not CORS: no Access-Control-* header changes it. Have that server send Cross-Origin-Resource-Policy: cross-origin for this resource (Helmet's default since v5 is same-origin: set crossOriginResourcePolicy to cross-origin), or serve it from the page's own site."
            ),
        ),
        PageBlockKind::EmbedderPolicy => (
            CauseKind::EmbedderPolicy,
            format!(
                "The page sends Cross-Origin-Embedder-Policy: require-corp (for SharedArrayBuffer, WebAssembly threads, ffmpeg.wasm, SQLite's OPFS), so every cross-origin resource it loads must opt in, and {url} does not: no Cross-Origin-Resource-Policy header, and not loaded with CORS. This is not a CORS error. Have the resource's server send Cross-Origin-Resource-Policy: cross-origin; or load it with CORS (crossorigin attribute on the element, and Access-Control-Allow-Origin on the response); or switch the page to Cross-Origin-Embedder-Policy: credentialless, which loads such resources without cookies instead of blocking them."
            ),
        ),
        PageBlockKind::WorkerScriptOrigin => {
            let page = x.page_origin.as_deref().unwrap_or("the page's origin");
            (
                CauseKind::WorkerScriptOrigin,
                format!(
                    "A Worker's script must come from the page's own origin ({page}) and {url} is on another one: the browser refused to start the worker. This is not CORS, and no header on the script's server allows it. Start the worker from a script on {page} that loads this one (importScripts() in a classic worker needs no CORS), or serve the script from {page}."
                ),
            )
        }
    };
    Diagnosis {
        cause: Cause::of(kind, None, None),
        summary,
        evidence,
        fingerprint: None,
        hidden: None,
    }
}

/// A `mode: 'no-cors'` fetch: the response came and the page got it opaque.
fn opaque_diagnosis(x: &Exchange, mut evidence: Vec<String>) -> Diagnosis {
    let url = x.request.url.as_str();
    let status = x.response.as_ref().map(|r| r.status).filter(|s| *s != 0);
    let captured = x.source == crate::exchange::InputKind::Har;
    let got = match status {
        Some(s) => format!(
            "The API answered ({s} {})",
            crate::exchange::reason_phrase(s)
        ),
        None => "The API answered".to_string(),
    };
    // The code alone: what its fetch() gets, whatever the answer.
    let lead = if captured || status.is_some() {
        format!("{got}, but the code called fetch() with mode: 'no-cors', so the browser ran no CORS check and handed the page")
    } else {
        "The code calls fetch() with mode: 'no-cors': whatever the API answers, the browser runs no CORS check and hands the page".to_string()
    };
    let page = x.page_origin.as_deref().unwrap_or("the page's origin");
    evidence.push(if captured {
        format!(
            "{url} was fetched with mode: 'no-cors': the capture shows its status{} but no response headers, and Chromium's net::ERR_ABORTED for the body it dropped",
            status.map(|s| format!(" ({s})")).unwrap_or_default()
        )
    } else {
        format!(
            "the code fetches {url} with mode: 'no-cors' ({}): its response.json() then fails on the empty body (\"Unexpected end of input\", \"Unexpected end of JSON input\"), and response.ok is false with status 0",
            x.location
        )
    });
    Diagnosis {
        cause: Cause::of(CauseKind::OpaqueResponse, None, status),
        summary: format!(
            "{lead} an opaque response: status 0, no headers, an empty body. Nothing was blocked and no CORS header changes that while the mode stays 'no-cors'. To read the response, drop mode: 'no-cors' and have the API answer {page} with CORS headers (Access-Control-Allow-Origin, and a preflight answer for a non-simple request)."
        ),
        evidence,
        fingerprint: None,
        hidden: None,
    }
}

fn network_hint(err: &str) -> &'static str {
    if err.contains("NAME_NOT_RESOLVED") || err.contains("resolve host") {
        ": the host name does not resolve"
    } else if err.contains("CONNECTION_REFUSED") || err.contains("Failed to connect") {
        ": nothing listens at that address"
    } else if err.contains("CERT") || err.to_ascii_lowercase().contains("certificate") {
        ": the TLS certificate is not trusted"
    } else if err.contains("SSL") {
        ": the TLS handshake failed (is the server speaking https on that port?)"
    } else if err.contains("BLOCKED_BY_CLIENT") {
        ": an extension (ad or privacy blocker) blocked it"
    } else if err.contains("TIMED_OUT") {
        ": it timed out"
    } else if err.contains("INTERNET_DISCONNECTED") {
        ": the device is offline"
    } else if err.contains("CONNECTION_RESET") || err.contains("CONNECTION_CLOSED") {
        ": the server (or a proxy) dropped the connection"
    } else if err.contains("ADDRESS_UNREACHABLE") || err.contains("NETWORK_CHANGED") {
        ": the address cannot be reached from this network"
    } else if err.contains("ERR_ABORTED") {
        ": it was cancelled (the page navigated away or aborted it, or it was a `mode: 'no-cors'` fetch whose opaque response Chromium dropped)"
    } else {
        ""
    }
}

type Ranked = Vec<(&'static str, &'static [u16])>;

/// The usual real causes on the platform the URL's host names, with the
/// statuses each shows up with (most likely first when no status fits).
/// `None` for platforms whycors knows nothing specific about.
fn platform_causes(p: Platform, preflight: bool) -> Option<Ranked> {
    Some(match (p, preflight) {
        (Platform::AwsApiGateway, true) => vec![
            (
                "REST API: no OPTIONS method on this resource (\"Enable CORS\" not done for this path, or not deployed since: changes are live only after Deploy API); API Gateway answers 403 \"Missing Authentication Token\"",
                &[403],
            ),
            (
                "REST API: the OPTIONS method inherits an authorizer or apiKeyRequired (401 Unauthorized, 403 Forbidden): preflights never carry a token or an API key",
                &[401, 403],
            ),
            (
                "HTTP API: no CORS configuration on the API, or a `$default` or `ANY` route with an authorizer catches OPTIONS (401)",
                &[401, 404],
            ),
            (
                "OPTIONS goes through to a Lambda proxy integration that does not answer it with the CORS headers, or fails on it (502 \"Internal server error\")",
                &[200, 204, 500, 502],
            ),
            (
                "API Gateway's own error on the preflight (429 throttling, 403 WAF) without CORS headers (REST API: the DEFAULT_4XX / DEFAULT_5XX Gateway Responses need them)",
                &[429, 403, 500, 504],
            ),
        ],
        (Platform::AwsApiGateway, false) => vec![
            (
                "REST API: API Gateway answered with its own error (Gateway Response: 401 UNAUTHORIZED, 403 ACCESS_DENIED or \"Missing Authentication Token\", 429 THROTTLED or QUOTA_EXCEEDED, 504 INTEGRATION_TIMEOUT …), which has no CORS headers unless the DEFAULT_4XX and DEFAULT_5XX Gateway Responses add them",
                &[401, 403, 413, 429, 504],
            ),
            (
                "HTTP API: no route matches this method and path (or the stage in the URL is not the API's): API Gateway answers 404 {\"message\":\"Not Found\"} itself, without CORS headers — define and deploy the route, or call the URL with the stage and path it has (a REST API answers a path it does not have 403 \"Missing Authentication Token\")",
                &[404],
            ),
            (
                "a Lambda proxy integration passes the function's response through unchanged: the function must return Access-Control-Allow-Origin itself, error responses included (a failed, timed-out or malformed Lambda answer becomes 502 \"Internal server error\" without it)",
                &[200, 201, 204, 400, 404, 409, 422, 500, 502],
            ),
            (
                "HTTP API: no CORS configuration on the API (with it, API Gateway adds the headers itself and ignores the backend's), or its own error: 401 from a JWT or Lambda authorizer, 429 throttling, 503 at the ~30 s integration timeout",
                &[401, 429, 503],
            ),
        ],
        (Platform::AwsLambdaUrl, true) => vec![
            (
                "the function URL's CORS configuration is missing, or does not list this origin (AllowOrigins), method (AllowMethods) or header (AllowHeaders): with it set, Lambda answers the preflight itself",
                &[200, 204],
            ),
            (
                "without a CORS configuration the preflight reaches the function, which must answer OPTIONS with the CORS headers itself (and not fail on it: 502, 500)",
                &[404, 405, 500, 502],
            ),
        ],
        (Platform::AwsLambdaUrl, false) => vec![
            (
                "the function URL has no CORS configuration (or it does not list this origin), and the function's response, or its error path, has no Access-Control-Allow-Origin",
                &[200, 201, 204, 400, 404, 409, 422],
            ),
            (
                "the function failed, timed out or was throttled: Lambda's own error response (502, 500, 429) has no CORS headers",
                &[429, 500, 502, 503],
            ),
            (
                "the function URL's auth type is AWS_IAM: the browser's unsigned request gets 403 Forbidden (use auth type NONE and check the caller in the function, or sign the request)",
                &[403],
            ),
        ],
        (Platform::AzureApim, _) => vec![
            (
                "no <cors> policy covers this API (it belongs at the global, product or API scope, first in <inbound>), so API Management passes the request on or answers it without CORS headers",
                &[200, 404],
            ),
            (
                "the origin, method or header is not in the <cors> policy's lists: API Management then answers the preflight with an empty 200 and no CORS headers",
                &[200],
            ),
            (
                "a policy before <cors> rejects the request: 401 \"Access denied due to missing subscription key\" (preflights carry no key), or validate-jwt",
                &[401, 403],
            ),
            (
                "an API Management error (429 \"Rate limit is exceeded\", 403 \"Out of call volume quota\", 5xx from the backend) without CORS headers",
                &[403, 429, 500, 502, 503, 504],
            ),
        ],
        (Platform::Cloudfront, true) => vec![
            (
                "the cache behavior does not allow OPTIONS (allowed methods GET, HEAD only): CloudFront answers the preflight 403 itself",
                &[403],
            ),
            (
                "CloudFront does not forward Origin and the Access-Control-Request-* headers to the origin (origin request policy), so the origin does not answer with CORS headers",
                &[200, 204],
            ),
            (
                "the origin behind CloudFront does not handle OPTIONS (404, 405) or fails (502, 503, 504)",
                &[404, 405, 502, 503, 504],
            ),
        ],
        (Platform::Cloudfront, false) => vec![
            (
                "a cached response without CORS headers was served: Origin is not part of the cache key (cache policy), so a copy cached for a request without Origin, or for another origin, is served",
                &[200, 304],
            ),
            (
                "the origin behind CloudFront sends no CORS headers, or never sees the Origin header (origin request policy) and so never adds them",
                &[200, 201, 204, 400, 404, 500],
            ),
            (
                "CloudFront's own error (403 \"Request blocked\" by a WAF or geo restriction, 502/503/504 when the origin fails) has no CORS headers unless a response headers policy adds them",
                &[403, 502, 503, 504],
            ),
        ],
        (Platform::AzureAppService, _) => vec![
            (
                "the App Service CORS setting (portal: API → CORS, or `az webapp cors add`) does not list this origin: once it lists any origin, App Service answers CORS itself and the app's own CORS code has no effect",
                &[200, 204],
            ),
            (
                "App Service Authentication rejects the unauthenticated request or preflight (401), or redirects it to the login page (302)",
                &[401, 302],
            ),
            (
                "the App Service CORS setting is empty and the app's own CORS handling misses OPTIONS or its error responses",
                &[400, 404, 405, 500],
            ),
            (
                "the app failed or did not start: 500, 502 or 503 from App Service's front end, without CORS headers",
                &[500, 502, 503],
            ),
        ],
        (Platform::CloudflareWorkers, _) => vec![
            (
                "the Worker does not answer OPTIONS itself: it receives every request, preflights included, and must return the CORS headers for them",
                &[200, 404, 405],
            ),
            (
                "the Worker threw an exception or hit a limit: Cloudflare's own error page (error 1101, 1102) has no CORS headers",
                &[500, 503],
            ),
            (
                "the Worker's responses, or one of its branches (errors, a response passed through from fetch()), lack Access-Control-Allow-Origin",
                &[200, 400, 401, 403, 502],
            ),
        ],
        (Platform::GoogleCloudRun | Platform::GoogleCloudFunctions, _) => vec![
            (
                "the service requires authentication (no allUsers invoker): Google's front end rejects the request, and always the preflight, which never carries a token, with 403 before your code runs",
                &[401, 403],
            ),
            (
                "the code does not answer OPTIONS with the CORS headers: the platform passes CORS to your code",
                &[200, 404, 405],
            ),
            (
                "the code failed or timed out: 500, 503 or 504 from Google's front end, without CORS headers",
                &[500, 502, 503, 504],
            ),
        ],
        (Platform::Vercel, _) => vec![
            (
                "the function does not answer OPTIONS or its responses lack the CORS headers (a `headers` entry in vercel.json can add them for a path)",
                &[200, 204, 404, 405],
            ),
            (
                "the function failed or timed out: Vercel's own error (500 FUNCTION_INVOCATION_FAILED, 504 FUNCTION_INVOCATION_TIMEOUT, 413 FUNCTION_PAYLOAD_TOO_LARGE) has no CORS headers",
                &[413, 500, 502, 504],
            ),
            (
                "Deployment Protection (preview deployments) answers 401 before the function runs",
                &[401],
            ),
        ],
        (Platform::Netlify, _) => vec![
            (
                "the function does not answer OPTIONS or its responses lack the CORS headers: the function sets them on its own responses",
                &[200, 204, 404, 405],
            ),
            (
                "the function timed out or failed: Netlify's error (502 \"Task timed out after N seconds\") has no CORS headers",
                &[500, 502],
            ),
        ],
        (Platform::SupabaseFunctions, _) => vec![
            (
                "the function does not answer the preflight: Supabase passes OPTIONS to the function, whose code must return the CORS headers for it (if (req.method === 'OPTIONS') return new Response('ok', { headers: corsHeaders }))",
                &[200, 204, 400, 404, 405, 500],
            ),
            (
                "the function failed (an exception before it returned, a boot error, 546 WORKER_LIMIT) and that error response lacks corsHeaders",
                &[500, 502, 503, 546],
            ),
            (
                "the gateway refused the call before the function ran (401: no or an invalid JWT while the function verifies JWTs), an answer without CORS headers",
                &[401],
            ),
        ],
        (Platform::Heroku, _) => vec![
            (
                "the app took over 30 s: the Heroku router answers 503 (H12 Request timeout) itself, without CORS headers",
                &[503],
            ),
            (
                "the app crashed or is not running: the router's 503 \"Application error\" page has no CORS headers",
                &[500, 503],
            ),
            (
                "the app does not answer OPTIONS with the CORS headers, or its error path lacks them",
                &[200, 204, 400, 401, 403, 404, 405],
            ),
        ],
        (
            Platform::AwsS3
            | Platform::AzureStorage
            | Platform::GoogleCloudStorage
            | Platform::CloudflareR2
            | Platform::BackblazeB2
            | Platform::DigitalOceanSpaces
            | Platform::Wasabi,
            preflight,
        ) => {
            if preflight {
                vec![
                    (
                        "no rule of the bucket's (storage account's) CORS configuration allows this origin, method and these request headers (S3 and Azure Storage answer such a preflight 403 themselves; a bucket without CORS configuration likewise)",
                        &[403, 200],
                    ),
                    (
                        "a CDN in front (CloudFront, Azure Front Door, Cloud CDN) does not pass the Origin header on, or served a copy cached for another origin",
                        &[200, 403],
                    ),
                ]
            } else {
                vec![
                    (
                        "no rule of the bucket's CORS configuration matches this origin and method: the storage then sends the object (or its error) without CORS headers",
                        &[200, 206, 304, 403, 404],
                    ),
                    (
                        "a signed URL (presigned URL, SAS) was refused: expired, or signed for another Content-Type or header set than the page sends (403 SignatureDoesNotMatch, AuthenticationFailed), and that error lacks CORS headers",
                        &[400, 403],
                    ),
                    (
                        "a CDN in front served a copy cached for another origin, or without the CORS headers (no Origin in its cache key)",
                        &[200, 304],
                    ),
                ]
            }
        }
        (Platform::GoogleApiGateway, _) => return None,
    })
}

/// What the platform the URL names adds to a wrong-headers verdict.
fn platform_mismatch_note(p: Platform, err: CorsError) -> Option<&'static str> {
    let multiple = matches!(
        err,
        CorsError::MultipleAllowOriginValues | CorsError::PreflightMultipleAllowOriginValues
    );
    match p {
        Platform::AwsLambdaUrl if multiple => Some("The API runs on an AWS Lambda function URL: with a CORS configuration on the function URL, Lambda adds Access-Control-Allow-Origin itself, so a function that adds its own as well sends two values. Set CORS in one place only: the function URL's configuration, or the function's code with no CORS configuration."),
        Platform::AwsLambdaUrl => Some("The API runs on an AWS Lambda function URL: its CORS configuration (AllowOrigins, AllowMethods, AllowHeaders, AllowCredentials, ExposeHeaders) decides these headers when set."),
        Platform::AzureApim => Some("The API runs on Azure API Management: its <cors> policy decides these headers."),
        // The URL itself is https:// without a trailing-slash question: Google answers with a
        // redirect (to its sign-in) when no function the caller may invoke is there.
        Platform::GoogleCloudFunctions if err == CorsError::PreflightDisallowedRedirect => Some("On cloudfunctions.net a redirected preflight usually means no function this caller may invoke is at this URL, and Google sends it on to its sign-in: check the region in the host (a client library calls us-central1 unless told the function's region), the function's name and project, that it is deployed, and that allUsers has the Cloud Functions Invoker role (Cloud Run Invoker for 2nd gen) for a function called from browsers."),
        _ => None,
    }
}
