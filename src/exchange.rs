//! The model: what one cross-origin fetch looked like, as far as a capture tells.
//!
//! Readers (`crate::input`) turn every input kind into [`Exchange`]s; everything
//! downstream (verdict, cause, fixes, report) reads only this model.
//! Headers keep their order, their case and their repeats: the CORS check needs
//! to see two `Access-Control-Allow-Origin` lines as two.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One header line as captured. The name keeps the case it had.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// An ordered header list with repeats kept (Fetch's "header list").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HeaderList(pub Vec<Header>);

impl HeaderList {
    pub fn new() -> Self {
        Self(Vec::new())
    }

    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push(Header {
            name: name.into(),
            value: value.into(),
        });
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Header> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Does the list contain a header with this name (ASCII case-insensitive)?
    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|h| h.name.eq_ignore_ascii_case(name))
    }

    /// Every value of the headers with this name, in order.
    pub fn get_all<'a: 'n, 'n>(&'a self, name: &'n str) -> impl Iterator<Item = &'a str> + 'n {
        self.0
            .iter()
            .filter(move |h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }

    /// How many lines carry this name.
    pub fn count(&self, name: &str) -> usize {
        self.get_all(name).count()
    }

    /// Fetch's "get": the values of all headers with this name, each stripped of
    /// leading and trailing HTTP whitespace, joined with ", ". `None` when absent.
    /// This is also what Chromium's `HttpResponseHeaders::GetNormalizedHeader` gives.
    /// Borrowed from the list unless several lines are joined.
    pub fn get(&self, name: &str) -> Option<Cow<'_, str>> {
        let mut out: Option<Cow<'_, str>> = None;
        for v in self.get_all(name) {
            let v = trim_http_whitespace(v);
            match &mut out {
                None => out = Some(Cow::Borrowed(v)),
                Some(s) => {
                    let s = s.to_mut();
                    s.push_str(", ");
                    s.push_str(v);
                }
            }
        }
        out
    }

    /// The first header line with this name.
    pub fn first(&self, name: &str) -> Option<&Header> {
        self.0.iter().find(|h| h.name.eq_ignore_ascii_case(name))
    }
}

impl FromIterator<(String, String)> for HeaderList {
    fn from_iter<T: IntoIterator<Item = (String, String)>>(iter: T) -> Self {
        HeaderList(
            iter.into_iter()
                .map(|(name, value)| Header { name, value })
                .collect(),
        )
    }
}

impl<'a> FromIterator<(&'a str, &'a str)> for HeaderList {
    fn from_iter<T: IntoIterator<Item = (&'a str, &'a str)>>(iter: T) -> Self {
        HeaderList(
            iter.into_iter()
                .map(|(name, value)| Header {
                    name: name.to_string(),
                    value: value.to_string(),
                })
                .collect(),
        )
    }
}

/// HTTP whitespace: tab, LF, CR, space.
pub fn is_http_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' ')
}

pub fn trim_http_whitespace(s: &str) -> &str {
    s.trim_matches(is_http_whitespace)
}

/// The standard reason phrase of a status code ("" when unknown).
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Request Entity Too Large",
        415 => "Unsupported Media Type",
        418 => "I'm a teapot",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// The request's credentials mode (Fetch: "omit", "same-origin", "include").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Credentials {
    Omit,
    SameOrigin,
    Include,
}

impl Credentials {
    pub fn as_str(self) -> &'static str {
        match self {
            Credentials::Omit => "omit",
            Credentials::SameOrigin => "same-origin",
            Credentials::Include => "include",
        }
    }

    /// For a cross-origin request only "include" sends and requires credentials.
    pub fn is_include(self) -> bool {
        self == Credentials::Include
    }
}

/// How the capture tells us the credentials mode (or the method).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Known {
    /// Stated by the input (a fetch() option, `withCredentials`, `--credentials`,
    /// a request line, the browser's own network line).
    Stated,
    /// Inferred: credentials from a header the browser only sends with them (Cookie); a
    /// method from the operation a presigned URL was signed for (`x-id=PutObject`).
    Inferred,
    /// The input does not say; the verdict may infer it from what the browser did.
    Unknown,
}

fn known_stated() -> Known {
    Known::Stated
}

/// The body the page attached, as far as known. Only informative: bodies do not
/// change the CORS verdict, except a `ReadableStream` upload, which forces a preflight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    #[default]
    None,
    Text,
    Json,
    Form,
    Multipart,
    Binary,
    Stream,
    Unknown,
}

/// The request as the page's script made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// The method as it went on the wire (fetch() upper-cases only DELETE, GET,
    /// HEAD, OPTIONS, POST and PUT; `patch` stays `patch`).
    pub method: String,
    /// Whether the input gives the method (`Unknown`: a console message that
    /// does not name it; `method` then holds an assumed `GET`).
    #[serde(default = "known_stated")]
    pub method_known: Known,
    pub url: String,
    /// The headers the script set (author request headers), in order. Headers the
    /// browser adds by itself (Origin, User-Agent, Sec-*, Referer, Cookie …) are not
    /// here; readers that only see the wire strip them.
    pub headers: HeaderList,
    pub credentials: Credentials,
    pub credentials_known: Known,
    pub body: BodyKind,
    /// What made the request (fetch(), XMLHttpRequest, a font, a crossorigin
    /// script …), when the input says; Chromium's console line is worded after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<crate::browser_text::Initiator>,
}

/// One HTTP response as captured.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// 0 when the capture has no status (blocked before DevTools saw one).
    pub status: u16,
    #[serde(default)]
    pub status_text: String,
    /// "HTTP/1.1", "HTTP/2", "h2", "h3" … when known.
    #[serde(default)]
    pub http_version: Option<String>,
    #[serde(default)]
    pub headers: HeaderList,
    /// The body text, when the capture has it (browsers drop the body of a
    /// CORS-blocked response; preflight responses never carry one).
    #[serde(default)]
    pub body: Option<String>,
}

impl Response {
    /// Does the capture actually hold this response (a status or headers)?
    pub fn is_known(&self) -> bool {
        self.status != 0 || !self.headers.is_empty()
    }

    pub fn is_redirect(&self) -> bool {
        matches!(self.status, 301 | 302 | 303 | 307 | 308)
    }

    pub fn location(&self) -> Option<String> {
        self.headers.get("location").map(Cow::into_owned)
    }
}

/// What the capture says about the CORS-preflight fetch.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PreflightCapture {
    /// The input cannot show preflights at all (e.g. a single pasted response).
    #[default]
    NotInInput,
    /// The input shows the network log and no OPTIONS request went out for this
    /// request: either none was needed, or the browser used its preflight cache.
    Absent,
    /// A preflight is in the capture.
    Captured(Preflight),
}

impl PreflightCapture {
    pub fn is_not_in_input(&self) -> bool {
        matches!(self, PreflightCapture::NotInInput)
    }

    pub fn captured(&self) -> Option<&Preflight> {
        match self {
            PreflightCapture::Captured(p) => Some(p),
            _ => None,
        }
    }
}

/// A captured preflight: the OPTIONS request the browser sent and what came back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preflight {
    pub url: String,
    /// The preflight's request headers as sent (Origin, Access-Control-Request-*).
    pub request_headers: HeaderList,
    /// `None` when no response arrived (network error).
    pub response: Option<Response>,
    /// The network error DevTools recorded for the OPTIONS entry, if any
    /// (e.g. `net::ERR_INVALID_REDIRECT`).
    pub error: Option<String>,
}

/// One redirect the actual request followed: `url` answered with `response`
/// (a 3xx carrying `Location`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirect {
    pub url: String,
    pub response: Response,
    /// The CORS preflight the browser sent to this redirect's `Location` before
    /// following it, when the rewritten request still needs one (Fetch runs
    /// "main fetch" again for the new URL; Chromium's CorsURLLoader re-evaluates
    /// the preflight on every redirect, its cache keyed by URL).
    /// Not serialized while the input cannot show it.
    #[serde(default, skip_serializing_if = "PreflightCapture::is_not_in_input")]
    pub preflight: PreflightCapture,
}

impl Redirect {
    /// A hop with no preflight information.
    pub fn new(url: impl Into<String>, response: Response) -> Self {
        Redirect {
            url: url.into(),
            response,
            preflight: PreflightCapture::NotInInput,
        }
    }

    /// The hop's `Location` resolved against its URL.
    pub fn target(&self) -> Option<String> {
        let loc = self.response.location()?;
        Some(crate::fetch::origin::resolve(&self.url, &loc).unwrap_or(loc))
    }
}

/// The same request sent again outside the browser's CORS enforcement
/// (`_whycors.replay` in a HAR; the DevTools panel and `whycors check` make them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replay {
    pub preflight: Option<Response>,
    pub response: Option<Response>,
}

/// A status the person's words give the preflight, or the request after a preflight that
/// passed, with what it means there (a sentence or more, ending with a period).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusInWords {
    /// The 1-based line of the words.
    pub line: usize,
    pub status: u16,
    /// The words say the preflight passed: the status is the request's own.
    pub passed: bool,
    pub meaning: String,
}

/// Which browser printed a console message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Browser {
    Chrome,
    Firefox,
    Safari,
}

/// What a browser itself said about this request (a pasted console message, or
/// Chromium's own `corsErrorStatus` from the DevTools protocol).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observed {
    pub browser: Browser,
    /// Chromium `Network.CorsError` name, when the message maps to one.
    pub cors_error: Option<String>,
    pub failed_parameter: Option<String>,
    /// Firefox `security.properties` key, when the message maps to one.
    pub firefox_key: Option<String>,
    /// A status code the message states (Firefox and Safari print one).
    pub status: Option<u16>,
    /// Where the redirects led, when the message says so (Chrome's "Access to fetch at 'T'
    /// (redirected from 'U')": T; the exchange's request URL is U).
    #[serde(default)]
    pub redirected_to: Option<String>,
    /// The redirect's own response failed (Chrome 64–72: "Redirect from 'U' to 'T' has been
    /// blocked by CORS policy: REASON" judged the 3xx from U, not T's answer).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub redirect_failed: bool,
    /// The message as pasted.
    pub text: String,
}

impl Observed {
    /// A warning, not a block: Firefox's "Cross-Origin Request Warning" (Authorization under
    /// `Access-Control-Allow-Headers: *`, which Chromium 156 lets through with a warning too).
    pub fn warns_only(&self) -> bool {
        self.firefox_key
            .as_deref()
            .and_then(crate::browser_text::FirefoxKey::from_name)
            .is_some_and(crate::browser_text::FirefoxKey::is_warning)
    }
}

/// What the page itself refused before any CORS check (not CORS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageBlockKind {
    /// The page's Content-Security-Policy (`connect-src`, or `default-src`
    /// without one) does not allow the URL.
    ContentSecurityPolicy,
    /// An https page asked for an http:// URL that is not potentially
    /// trustworthy (mixed content).
    MixedContent,
    /// `fetch(url, {mode: 'same-origin'})` to another origin: the browser
    /// refuses it itself.
    SameOriginMode,
    /// `new Worker(url)` (or SharedWorker) with a script on another origin:
    /// the browser refuses to start it.
    WorkerScriptOrigin,
    /// The response's `Cross-Origin-Resource-Policy` (same-origin, same-site) does not let
    /// the page load it (Chrome: `net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin`).
    ResourcePolicy,
    /// The page's `Cross-Origin-Embedder-Policy: require-corp` needs the response to send
    /// `Cross-Origin-Resource-Policy` (or to be loaded with CORS), and it does not (Chrome:
    /// `net::ERR_BLOCKED_BY_RESPONSE.NotSameOriginAfterDefaultedToSameOriginByCoep`).
    EmbedderPolicy,
}

impl PageBlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PageBlockKind::ContentSecurityPolicy => "content_security_policy",
            PageBlockKind::MixedContent => "mixed_content",
            PageBlockKind::SameOriginMode => "same_origin_mode",
            PageBlockKind::ResourcePolicy => "cross_origin_resource_policy",
            PageBlockKind::EmbedderPolicy => "cross_origin_embedder_policy",
            PageBlockKind::WorkerScriptOrigin => "worker_script_origin",
        }
    }
}

/// The page refused the request before it went out: its CSP, the mixed
/// content rule, a `same-origin` request mode, a worker script's origin. No
/// server CORS header can change this.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageBlock {
    pub kind: PageBlockKind,
    /// The page's URL, when the input names it (Chrome's mixed content message does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
    /// The CSP directive that blocked it, as the browser quoted it
    /// (`connect-src 'self' https://cdn.example.com`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directive: Option<String>,
}

/// Which reader produced an exchange.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Har,
    HttpText,
    CurlVerbose,
    CurlCommand,
    FetchCommand,
    /// DevTools' "Copy as PowerShell" (Chrome, Edge, Firefox) or a hand-written
    /// `Invoke-WebRequest` / `Invoke-RestMethod`.
    #[serde(rename = "powershell_command")]
    PowerShellCommand,
    /// DevTools' Headers view (General, Response Headers, Request Headers) copied as text.
    DevtoolsHeaders,
    ConsoleError,
    /// Sent and received live by `whycors check`.
    Live,
}

impl InputKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Har => "har",
            InputKind::HttpText => "http_text",
            InputKind::CurlVerbose => "curl_verbose",
            InputKind::CurlCommand => "curl_command",
            InputKind::FetchCommand => "fetch_command",
            InputKind::PowerShellCommand => "powershell_command",
            InputKind::DevtoolsHeaders => "devtools_headers",
            InputKind::ConsoleError => "console_error",
            InputKind::Live => "live",
        }
    }
}

/// A captured cross-origin (or possibly cross-origin) exchange.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    /// The serialized origin of the page that made the request
    /// (`https://app.example.com`), when known.
    pub page_origin: Option<String>,
    pub request: Request,
    pub preflight: PreflightCapture,
    /// Redirects the actual request followed, in order.
    pub redirects: Vec<Redirect>,
    /// The final response of the actual request, when one arrived.
    pub response: Option<Response>,
    /// The browser's network error for the actual request (`net::ERR_FAILED` …).
    pub network_error: Option<String>,
    /// The page refused the request itself (CSP, mixed content): not CORS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_block: Option<PageBlock>,
    /// The request was made with `mode: 'no-cors'` (a HAR shows it as a fetch that got an
    /// HTTP status, no headers and `net::ERR_ABORTED`): no CORS check, an opaque response.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_cors: bool,
    /// The capture has no response of its own for this request, and an earlier request for
    /// the same URL made without CORS stored one the browser's HTTP cache could serve it
    /// from (no `Vary: Origin`): that entry's place and what made it (`log.entries[3]
    /// (image)`). The response above is that stored one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached_from: Option<String>,
    pub replay: Option<Replay>,
    /// What the browser said, when the input carries it.
    pub observed: Option<Observed>,
    /// Where it came from: the reader, and the place in the input
    /// (`entries[3]`, `line 12`).
    pub source: InputKind,
    pub location: String,
    /// The line of the page's script, pasted with a console message, that the request's
    /// method, headers or credentials mode were read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script_line: Option<usize>,
    /// Response headers the browser refused to give the page's script (Chrome's and
    /// Safari's "Refused to get unsafe header \"X\""): not exposed to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable_headers: Vec<String>,
    /// The server software the text pasted around the capture names (its words, code or
    /// config: "Spring Boot", `app.use(cors())`, `CORS_ALLOWED_ORIGINS`), first named first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stacks_named: Vec<Stack>,
    /// The infrastructure-as-code tool the pasted template or code is written for (an
    /// `AWS::Serverless::Api`, a `resource "aws_api_gateway_…"`): its fixes first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iac_named: Option<Iac>,
    /// The 1-based line of the person's words the method was taken from ("I make an AJAX POST
    /// call …"), when no capture or code stated it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method_said_on: Option<usize>,
    /// The 1-based line of the words or code that state the script sends credentials
    /// (`credentials: 'include'`, `withCredentials: true`), when nothing read as the request
    /// states its credentials mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials_said_on: Option<usize>,
    /// The preflight's status as the person's words give it (or the request's, after a
    /// preflight the words say passed), for a capture without any answer or browser message:
    /// a Copy-as-cURL under "the preflight returns 400".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_in_words: Option<StatusInWords>,
    /// The line of the words that named the response's status, when that is where it
    /// comes from ("the server returns a `401`").
    pub status_said_on: Option<usize>,
    /// The 1-based line of the person's words saying the failure comes and goes ("it works the
    /// first time"), when they say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermittent_said_on: Option<usize>,
    /// The 1-based line of the words or code that show the request uploads a file ("upload
    /// a file", `new FormData()`, multipart/form-data), when they do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upload_said_on: Option<usize>,
    /// The 1-based line of the person's words saying the server is not theirs ("I don't have
    /// access to the server for this API", "a third-party API"), when they say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_theirs_said_on: Option<usize>,
    /// The 1-based line of the person's words that says it worked before and fails now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_working_said_on: Option<usize>,
    /// The 1-based line of the person's words that says CORS is set up already.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cors_configured_said_on: Option<usize>,
    /// Google Cloud regions the pasted code deploys or calls a function in, with their lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cloud_regions: Vec<(usize, String)>,
    /// The origins the server's CORS settings pasted with the capture allow, as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_origins: Vec<AllowedOrigin>,
    /// Mistakes in the server's CORS setup pasted with the capture.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub setup_mistakes: Vec<SetupMistake>,
    /// The development server's proxy rules pasted with the capture.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dev_proxies: Vec<DevProxy>,
    /// The hybrid app shell (Capacitor, Cordova, Tauri …) the words or code name.
    #[serde(skip)]
    pub app_shell_named: Option<crate::gateway::served_by::AppShell>,
    /// The line of the words or code that puts the page in a sandboxed iframe (`sandbox`
    /// attribute, "sandboxed iframe"), whose origin is `null`.
    #[serde(skip)]
    pub sandbox_said_on: Option<usize>,
    /// The line of the words that name a browser extension's content script or a userscript
    /// (Tampermonkey …), whose fetch runs with the page's origin.
    #[serde(skip)]
    pub extension_said_on: Option<usize>,
    /// The line of the words that name a content blocker (uBlock Origin, AdBlock, Privacy
    /// Badger, Brave Shields …).
    #[serde(skip)]
    pub blocker_said_on: Option<usize>,
    /// The Access-Control-Allow-Methods and -Allow-Headers lists the words or code around a
    /// message state (`res.header('Access-Control-Allow-Methods', 'GET,PUT')`,
    /// "`Access-Control-Allow-Headers: X-Requested-With, Content-Type`"), in order, `*` left
    /// out: what the server allows already, for fixes that keep it.
    #[serde(skip)]
    pub allow_lists_said: (Vec<String>, Vec<String>),
    /// The line of the server's pasted access log that shows the preflight's status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_logged_on: Option<usize>,
    /// The line where the paste reports the page's service worker answering this request
    /// with an opaque response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_worker_opaque_on: Option<usize>,
    /// The line of Chrome's CORB message showing the same path answered with an HTML page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html_answer_on: Option<usize>,
}

/// An origin a pasted server setting allows ("CORS_ALLOWED_ORIGINS = ['http://localhost:8080/']").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowedOrigin {
    /// The 1-based line of the input it is written on.
    pub line: usize,
    /// The setting as written (`CORS_ALLOWED_ORIGINS`, `WithOrigins`, `origin`, or
    /// `Access-Control-Allow-Origin` for a header the config or code sets).
    pub setting: String,
    /// The value as written, without its quotes.
    pub value: String,
    /// rack-cors: a value without a scheme matches the host with any scheme.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub any_scheme: bool,
    /// The value is the header's itself (nginx, Apache, PHP, Node), not an allow-list entry.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub header: bool,
    /// Spring's CorsConfiguration: a trailing slash is dropped, a comma splits the value.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub trims_slash: bool,
}

/// A development server's proxy rule pasted with the capture ([`crate::input::dev_proxy`]):
/// `'/api': { target: 'http://localhost:8080' }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevProxy {
    /// The 1-based line of the input its target is on.
    pub line: usize,
    /// The dev server, as the sentence names it ("Vite dev server's").
    pub tool: String,
    /// The path it forwards, as written (`/api`, `/api/**`, `/api/:path*`; `/` for all).
    pub context: String,
    /// The origin it forwards to.
    pub target: String,
}

/// A mistake in a server's CORS setup pasted with the capture ([`crate::input::setup`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupMistake {
    /// The 1-based line of the input it is on (the CORS call or the setting).
    pub line: usize,
    /// The line of what it conflicts with (the authenticating middleware, a route …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_line: Option<usize>,
    pub kind: Mistake,
    /// The code of the line it conflicts with (or its own), as written.
    pub what: String,
}

/// The kinds of [`SetupMistake`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mistake {
    /// ASP.NET Core: `AllowAnyOrigin()` with `AllowCredentials()`.
    AspNetAnyOriginCredentials,
    /// Spring: the origin `*` with credentials.
    SpringAnyOriginCredentials,
    /// The CORS middleware runs after an authenticating one.
    CorsAfterAuth,
    /// Starlette/FastAPI: an authenticating middleware added after CORSMiddleware (so
    /// outside it).
    StarletteAuthOutside,
    /// The CORS middleware is added after the routes.
    CorsAfterRoutes,
    /// NestJS: `app.enableCors()` after `app.listen()`.
    NestCorsAfterListen,
    /// Django: CorsMiddleware below CommonMiddleware.
    DjangoCorsAfterCommon,
    /// gin: the CORS middleware on a route group.
    GinGroupCors,
    /// AWS SAM: the DefaultAuthorizer on the generated OPTIONS.
    SamAuthorizerOnPreflight,
    /// AWS SAM: ApiKeyRequired on the generated OPTIONS.
    SamApiKeyOnPreflight,
    /// Laravel: `'paths' => []`.
    LaravelNoPaths,
    /// Django: `CORS_…: value` in settings.py, a type annotation that sets nothing.
    DjangoSettingAnnotated,
    /// AWS SAM: BinaryMediaTypes `*~1*` (every type) with Cors: the generated OPTIONS MOCK
    /// integration answers 500.
    SamBinaryEveryType,
    /// express-session: `cookie: { secure: true }` without trusting the proxy that ends TLS,
    /// so no Set-Cookie is sent.
    ExpressSecureCookieNoProxy,
    /// SAM's `Cors`, CDK's `defaultCorsPreflightOptions`, serverless.yml's `cors: true` on an
    /// `http` event: an OPTIONS answer only; a Lambda proxy integration's responses need the
    /// headers from the function.
    PreflightOnlyCors,
    /// serverless.yml: `cors` on an `httpApi` event, which the framework does not read (HTTP
    /// APIs take `provider.httpApi.cors`).
    ServerlessHttpApiEventCors,
    /// An HTTP API's `ANY` route (or `$default`) with an authorizer: it catches the preflight
    /// before API Gateway's own CORS answer.
    HttpApiAnyRouteAuth,
    /// Azure Functions: `Host.CORS` in local.settings.json, which only the local host reads.
    AzureLocalSettingsCors,
    /// A Kubernetes gateway's route (Gateway API HTTPRoute, Gloo, Istio, Ambassador) that
    /// matches only some methods, OPTIONS not among them: the preflight matches no route.
    RouteMethodsWithoutOptions,
    /// `cors({…});` as a statement inside another middleware (Hono, Express): the middleware it
    /// returns is built and never run.
    CorsMiddlewareNotCalled,
    /// A handler that answers every method but the one it serves with 405, before anything
    /// answers OPTIONS (`if (req.method !== 'POST') return res.status(405)…`, PHP's
    /// `$_SERVER['REQUEST_METHOD']`, Go's `r.Method != http.MethodPost`): the preflight gets
    /// that 405.
    MethodGuardBeforeOptions,
    /// Starlette/FastAPI: CORSMiddleware without `allow_methods` (GET only by default) or
    /// `allow_headers` (none by default): a preflight asking for more gets 400.
    StarletteDefaultLists,
    /// Nitro/Nuxt `routeRules` with `cors: true` (or Access-Control-* headers): headers added
    /// to the responses, no answer to the preflight, which no handler takes (404 or 405).
    NitroRouteRulesCors,
    /// Istio's VirtualService `corsPolicy` with `allowOrigin:` (a list of strings): ignored
    /// since Istio 1.6, so the policy allows no origin and answers no preflight.
    IstioAllowOriginIgnored,
    /// Kong's cors plugin with `preflight_continue` true: it passes the preflight on to the
    /// upstream service instead of answering it.
    KongPreflightContinue,
    /// Elasticsearch's `http.cors.enabled: true` without `http.cors.allow-origin`: no origin is
    /// allowed, and a request with Origin gets 403.
    ElasticsearchNoAllowOrigin,
}

/// An infrastructure-as-code tool a pasted template or program is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Iac {
    Sam,
    CloudFormation,
    Terraform,
    Cdk,
}

impl Iac {
    /// The fix targets written for this tool, in the order the fixes list them.
    pub fn targets(self) -> &'static [&'static str] {
        match self {
            Iac::Sam => &["sam", "http-api-sam", "lambda-url-sam"],
            Iac::CloudFormation => &["cloudformation"],
            Iac::Terraform => &["terraform", "http-api-terraform", "lambda-url-terraform"],
            Iac::Cdk => &["cdk", "http-api-cdk"],
        }
    }
}

/// Server software a paste names in its words, code or config.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stack {
    Spring,
    AspNetCore,
    Iis,
    Django,
    Flask,
    FastApi,
    Rails,
    Laravel,
    Php,
    Express,
    NextJs,
    Go,
    Nginx,
    Apache,
    Kong,
    SocketIo,
    SpringCloudGateway,
    Istio,
    Traefik,
    Caddy,
    Haproxy,
    S3,
    /// Amazon API Gateway's REST API (its Gateway Responses, authorizers).
    ApiGateway,
    /// An AWS Lambda function URL (its own CORS configuration).
    LambdaUrl,
    /// Netlify Functions (`/.netlify/functions/<name>`, their own CORS code).
    Netlify,
    /// Google Cloud Functions / Firebase's HTTP functions (invoker permission, own CORS).
    CloudFunctions,
    /// Ollama's local API (its OLLAMA_ORIGINS allow-list).
    Ollama,
    /// A Supabase Edge Function (its own code answers CORS).
    SupabaseFunctions,
    /// Directus (its CORS_* environment variables).
    Directus,
    /// Amazon API Gateway's HTTP API (its CORS configuration, routes and authorizers).
    HttpApi,
    /// Quarkus (its `quarkus.http.cors` filter).
    Quarkus,
    /// Cloudflare R2's buckets (named in words: "Cloudflare R2", "R2 bucket").
    R2,
    /// Appwrite (Cloud or self-hosted): CORS for the hostnames of the project's Web platforms.
    Appwrite,
    /// Home Assistant (its `http: cors_allowed_origins` list).
    HomeAssistant,
    /// Jupyter Server or Notebook (its `allow_origin` setting).
    Jupyter,
    /// Matomo (its `cors_domains[]` setting).
    Matomo,
}

impl Exchange {
    /// A new exchange for `method url` with nothing captured yet.
    pub fn new(source: InputKind, method: &str, url: &str) -> Self {
        Exchange {
            page_origin: None,
            request: Request {
                method: method.to_string(),
                method_known: Known::Stated,
                url: url.to_string(),
                headers: HeaderList::new(),
                credentials: Credentials::SameOrigin,
                credentials_known: Known::Unknown,
                body: BodyKind::None,
                initiator: None,
            },
            preflight: PreflightCapture::NotInInput,
            redirects: Vec::new(),
            response: None,
            network_error: None,
            page_block: None,
            no_cors: false,
            cached_from: None,
            replay: None,
            observed: None,
            source,
            location: String::new(),
            script_line: None,
            unreadable_headers: Vec::new(),
            stacks_named: Vec::new(),
            iac_named: None,
            method_said_on: None,
            credentials_said_on: None,
            status_in_words: None,
            status_said_on: None,
            allowed_origins: Vec::new(),
            setup_mistakes: Vec::new(),
            dev_proxies: Vec::new(),
            service_worker_opaque_on: None,
            html_answer_on: None,
            status_logged_on: None,
            app_shell_named: None,
            sandbox_said_on: None,
            extension_said_on: None,
            blocker_said_on: None,
            allow_lists_said: (Vec::new(), Vec::new()),
            cloud_regions: Vec::new(),
            intermittent_said_on: None,
            upload_said_on: None,
            not_theirs_said_on: None,
            stopped_working_said_on: None,
            cors_configured_said_on: None,
        }
    }

    /// The request's URL is on the page's own origin (no CORS there; a redirect may
    /// still send it to another origin).
    pub fn starts_on_page_origin(&self) -> bool {
        self.page_origin.as_deref().is_some_and(|o| {
            !self.request.url.is_empty() && crate::fetch::origin::same_origin(o, &self.request.url)
        })
    }

    /// The browser's own message reports a CORS failure for this request: browsers check CORS
    /// only for a cross-origin request, whatever origins the pasted text shows.
    pub fn reported_cross_origin(&self) -> bool {
        // (Safari's "Origin O is not allowed by Access-Control-Allow-Origin." too: with
        // placeholders for both hosts, "https://<mydomain>", the two only look the same.)
        self.observed.as_ref().is_some_and(|o| {
            o.cors_error.is_some()
                || o.firefox_key.is_some()
                || (o.browser == Browser::Safari
                    && o.text.contains(" is not allowed by Access-Control-Allow-"))
        })
    }

    pub fn captured_preflight(&self) -> Option<&Preflight> {
        match &self.preflight {
            PreflightCapture::Captured(p) => Some(p),
            _ => None,
        }
    }

    /// The URL the final response came from (after redirects, relative
    /// `Location`s resolved).
    pub fn final_url(&self) -> String {
        let mut url = self.request.url.clone();
        for hop in &self.redirects {
            if let Some(loc) = hop.response.location() {
                url = crate::fetch::origin::resolve(&hop.url, &loc).unwrap_or(loc);
            }
        }
        url
    }
}
