//! Readers: input → exchanges. Every reader is auto-detected by [`read`] and
//! reports bad input as an [`InputError`] naming the place, never a panic.

use crate::exchange::{Exchange, InputKind, Known};
use serde::Serialize;
use std::fmt;

pub mod allow_list;
pub mod combined;
pub mod command;
pub mod console;
mod cookie;
pub mod dev_proxy;
mod dumps;
pub mod form;
pub mod har;
pub mod http_text;
mod not_input;
pub(crate) use not_input::service_worker_opaque_words;
mod paste;
pub mod policy;
pub mod powershell;
mod script;
pub mod server_log;
pub mod setup;
pub mod stack;

/// Did the browser (not the page's script) add this request header? `acrh` is the
/// captured preflight's Access-Control-Request-Headers value, when there is one.
pub(crate) fn is_browser_added(name: &str, value: &str, acrh: Option<&str>) -> bool {
    let n = name.trim();
    // Lower-cased without allocating (a big HAR has hundreds of thousands of headers):
    // every name matched below is shorter than the buffer.
    let mut buf = [0u8; 32];
    let Some(lower) = buf.get_mut(..n.len()) else {
        return n.starts_with(':')
            || starts_with_ignore_case(n, "sec-")
            || starts_with_ignore_case(n, "proxy-");
    };
    lower.copy_from_slice(n.as_bytes());
    lower.make_ascii_lowercase();
    let lower: &[u8] = lower;
    if lower.first() == Some(&b':') || lower.starts_with(b"sec-") || lower.starts_with(b"proxy-") {
        return true;
    }
    match lower {
        // Headers the browser adds by itself (never author headers).
        b"origin"
        | b"referer"
        | b"user-agent"
        | b"host"
        | b"connection"
        | b"content-length"
        | b"cookie"
        | b"cookie2"
        | b"set-cookie"
        | b"accept-encoding"
        | b"priority"
        | b"upgrade-insecure-requests"
        | b"dnt"
        | b"keep-alive"
        | b"te"
        | b"trailer"
        | b"transfer-encoding"
        | b"upgrade"
        | b"via"
        | b"date"
        | b"expect"
        | b"accept-charset"
        | b"access-control-request-method"
        | b"access-control-request-headers" => true,
        // Headers a browser adds on its own that a script could also set: they count as
        // author headers only when the preflight's Access-Control-Request-Headers names them.
        b"accept-language" | b"if-none-match" | b"if-modified-since" => {
            !acrh.is_some_and(|l| l.split(',').any(|x| x.trim().eq_ignore_ascii_case(n)))
        }
        // DevTools' "Disable cache" adds these.
        b"pragma" | b"cache-control" => value.trim().eq_ignore_ascii_case("no-cache"),
        // The browser's default Accept.
        b"accept" => value.trim() == "*/*",
        // Old Chrome's Copy as cURL wrote HTTP/2's `:authority` without its colon.
        b"authority" => true,
        // Android's WebView adds `X-Requested-With: <the app's package>` itself (a script's,
        // jQuery's, is `XMLHttpRequest`), and no preflight asks for it.
        b"x-requested-with" => {
            let v = value.trim();
            !v.eq_ignore_ascii_case("XMLHttpRequest")
                && v.contains('.')
                && !v.contains(char::is_whitespace)
                && !acrh.is_some_and(|l| l.split(',').any(|x| x.trim().eq_ignore_ascii_case(n)))
        }
        _ => false,
    }
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// The body kind a request's Content-Type names; `None` for an empty value.
pub(crate) fn body_kind_of_mime(mime: &str) -> Option<crate::exchange::BodyKind> {
    use crate::exchange::BodyKind;
    let essence = mime
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    Some(if essence.is_empty() {
        return None;
    } else if essence == "application/json" || essence.ends_with("+json") {
        BodyKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if essence.starts_with("multipart/") {
        BodyKind::Multipart
    } else if essence.starts_with("text/") {
        BodyKind::Text
    } else {
        BodyKind::Binary
    })
}

/// Where in the input something is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// 0-based byte offset, when known.
    pub offset: Option<usize>,
    /// A path to the field, e.g. `log.entries[3].response.headers[2].value`.
    pub field: Option<String>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(l) = self.line {
            match self.column {
                Some(c) => parts.push(format!("line {l}, column {c}")),
                None => parts.push(format!("line {l}")),
            }
        }
        if let Some(o) = self.offset {
            parts.push(format!("byte {o}"));
        }
        if let Some(fl) = &self.field {
            parts.push(format!("field {fl}"));
        }
        if parts.is_empty() {
            f.write_str("input")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// Unreadable input: which reader, where, and why, in one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputError {
    /// The reader that tried (`None` when no reader recognised the input).
    pub kind: Option<InputKind>,
    pub place: Place,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            Some(k) => k.as_str(),
            None => "input",
        };
        write!(f, "{what}: {}: {}", self.place, self.message)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    pub fn new(kind: Option<InputKind>, place: Place, message: impl Into<String>) -> Self {
        InputError {
            kind,
            place,
            message: message.into(),
        }
    }

    /// An error at a line and column (1-based, in characters).
    pub fn at(kind: InputKind, line: usize, column: usize, message: impl Into<String>) -> Self {
        InputError::new(
            Some(kind),
            Place {
                line: Some(line),
                column: Some(column),
                ..Place::default()
            },
            message,
        )
    }

    pub fn at_line(kind: InputKind, line: usize, message: impl Into<String>) -> Self {
        InputError::new(
            Some(kind),
            Place {
                line: Some(line),
                ..Place::default()
            },
            message,
        )
    }
}

/// The exchanges an input holds, and which reader read it.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub kind: InputKind,
    pub exchanges: Vec<Exchange>,
    /// Lines that look like a browser's CORS message but that whycors could not read, while
    /// it read others of the same input: said, not dropped.
    pub unread: Vec<Unread>,
}

/// A line of the input whycors did not read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unread {
    /// 1-based.
    pub line: usize,
    pub text: String,
    /// Why it was not read, when it is not a browser's message whycors does not know ("the
    /// copy ends inside this line").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

impl Unread {
    /// Every line is a browser's message whycors does not know: the heading says so.
    pub fn all_messages(unread: &[Unread]) -> bool {
        unread.iter().all(|u| u.reason.is_none())
    }
}

/// Which reader an input looks like, without parsing it fully.
/// A log line's time in brackets (`[16:30:39.905] …`, old Firefox's console): not JSON.
fn log_time_prefix(t: &str) -> bool {
    let Some(r) = t.strip_prefix('[') else {
        return false;
    };
    let digits = r.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && r.as_bytes().get(digits) == Some(&b':')
}

pub fn detect(input: &str) -> Option<InputKind> {
    let t = input.trim_start_matches('\u{feff}').trim_start();
    // JSON (HAR); Safari's "[Error] …" console lines also start with '['.
    let json_array = t.strip_prefix('[').is_some_and(|r| {
        r.trim_start()
            .starts_with(|c: char| matches!(c, '{' | '[' | ']' | '"') || c.is_ascii_digit())
    }) && console::chromium_log_prefix(t).is_none()
        && !log_time_prefix(t);
    // Firefox's "Copy All" of a Headers section is JSON too, keyed by the section's title.
    if http_text::devtools_view::looks_like_firefox_json(t) {
        return Some(InputKind::DevtoolsHeaders);
    }
    // What Axios or Angular printed of a failed request: the console reader's refusal.
    if dumps::library_error(t).is_some() {
        return Some(InputKind::ConsoleError);
    }
    // A Python dict or a Node object of response headers (`{'Date': …}`): not JSON.
    // PowerShell's header table.
    if dumps::looks_like_early(t) {
        return Some(InputKind::HttpText);
    }
    if t.starts_with('{') || json_array {
        return Some(InputKind::Har);
    }
    if console::looks_like(t) {
        return Some(InputKind::ConsoleError);
    }
    // DevTools' Headers view: its rows can look like bare header lines, its titles and
    // General rows cannot.
    if http_text::devtools_view::looks_like(t) {
        return Some(InputKind::DevtoolsHeaders);
    }
    // curl's output can start with the command that produced it: look at the
    // output first.
    if http_text::looks_like_curl_verbose(t) {
        return Some(InputKind::CurlVerbose);
    }
    if http_text::looks_like_http(t) {
        return Some(InputKind::HttpText);
    }
    // Response headers as Postman, wget -S, Python or PowerShell print them.
    if dumps::looks_like_late(t) {
        return Some(InputKind::HttpText);
    }
    if command::looks_like_curl(t) {
        return Some(InputKind::CurlCommand);
    }
    if command::looks_like_fetch(t) {
        return Some(InputKind::FetchCommand);
    }
    if powershell::looks_like_powershell(t) {
        return Some(InputKind::PowerShellCommand);
    }
    // "Failed to fetch", Axios' "Network Error" …: the console reader says what to paste.
    if console::mentions_failed_fetch(t) {
        return Some(InputKind::ConsoleError);
    }
    None
}

/// A URL a poster wrote with a placeholder in it (`https://<function-name>.azurewebsites.net/x`,
/// `http://<api url>:4567/clients`, `https://${HOST}/v1`, `https://[APP].herokuapp.com/`),
/// which does not parse: each
/// placeholder's words as a name (`function-name`, `api-url`), so that the URL parses and
/// a known host suffix still counts. `None` when the URL parses as it is, or still does not.
pub(crate) fn placeholder_url(u: &str) -> Option<String> {
    if url::Url::parse(u).is_ok() || !u.contains(['<', '{', '[']) {
        return None;
    }
    let mut out = String::with_capacity(u.len());
    let mut rest = u;
    while let Some(i) = rest.find(['<', '{', '[']) {
        let close = match rest.as_bytes()[i] {
            b'<' => '>',
            b'[' => ']',
            _ => '}',
        };
        let j = i + rest[i..].find(close)?;
        // `[::1]` is an IPv6 address; `[APP]`, `[CLIENT_ID]` are placeholders.
        let ipv6 = close == ']'
            && rest[i + 1..j]
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        if ipv6 {
            out.push_str(&rest[..=j]);
            rest = &rest[j + 1..];
            continue;
        }
        let before = &rest[..i];
        out.push_str(if close == '}' {
            before.strip_suffix('$').unwrap_or(before)
        } else {
            before
        });
        let name: String = rest[i + 1..j]
            .trim()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let name = name.trim_matches('-');
        if name.is_empty() || name.len() > 40 {
            return None;
        }
        out.push_str(name);
        rest = &rest[j + 1..];
        // A placeholder for the first labels of a host, glued to the rest of it
        // (`https://<hidden>azurewebsites.net`): a label of its own.
        let in_host = !out.contains("://") || !out[out.find("://")? + 3..].contains('/');
        if in_host
            && rest.starts_with(|c: char| c.is_ascii_alphanumeric())
            && rest.split('/').next().is_some_and(|h| h.contains('.'))
        {
            out.push('.');
        }
    }
    out.push_str(rest);
    let p = url::Url::parse(&out).ok()?;
    matches!(p.scheme(), "http" | "https").then_some(out)
}

/// Read any supported input, auto-detected.
pub fn read(input: &str) -> Result<Parsed, InputError> {
    // A server's imitation of the browser's check (SvelteKit's server-side fetch): no
    // browser was involved, whatever the message's words.
    if let Some((line, message)) = not_input::server_side_check(input) {
        return Err(InputError::new(
            None,
            Place {
                line: Some(line),
                ..Place::default()
            },
            message,
        ));
    }
    let mut read = read_capture(input);
    if let Ok(p) = &mut read {
        // (A HAR has no words and no script beside it: never cleaned.)
        let cleaned = (p.kind != InputKind::Har).then(|| paste::clean(input));
        // The page's script pasted with a console message: what the message leaves out.
        if let (InputKind::ConsoleError, Some(c)) = (p.kind, &cleaned) {
            script::fill(c, &mut p.exchanges);
        }
        // The server software the words around the capture name (a HAR has no words), and
        // the method and status they name when nothing else states them.
        if let Some(c) = &cleaned {
            let stacks = stack::named(input);
            let iac = stack::iac_named(input);
            let said = paste::prose_method(c);
            // (With several requests, a status the words name is no one's in particular.)
            let status_said = paste::prose_status(c).filter(|_| p.exchanges.len() == 1);
            let allowed = allow_list::read(input);
            let mistakes = setup::read(input);
            let dev_proxies = dev_proxy::read(input);
            let logged = server_log::options_lines(input);
            let shell = crate::gateway::served_by::app_shell_named(c);
            let sandbox = paste::sandbox_said(c);
            let extension = paste::extension_said(c);
            let blocker = paste::blocker_said(c);
            let allow_lists = (
                paste::allow_list_said(c, "access-control-allow-methods"),
                paste::allow_list_said(c, "access-control-allow-headers"),
            );
            let regions = stack::cloud_regions(input);
            let intermittent = paste::says_intermittent(input);
            let upload = paste::says_upload(input);
            let not_theirs = paste::says_not_theirs(input);
            let stopped = paste::says_stopped_working(input);
            let configured =
                paste::says_cors_configured(input).or_else(|| paste::code_applies_cors(input));
            // (Code with calls the script reader reads is its to decide: a call to another
            // URL says nothing of this request's mode.)
            let said_include = paste::says_credentials_include(c);
            // (The calls read only when some line says so.)
            let calls = said_include
                .map(|_| script::requests(c))
                .unwrap_or_default();
            let credentials = said_include.filter(|_| calls.is_empty());
            // The words state it for the failing call, and no call in the code states a mode
            // (a library's default is no statement): the words' mode, over that default too.
            let credentials_in_words = said_include
                .and_then(|_| paste::credentials_include_in_words(c))
                .filter(|_| {
                    calls
                        .iter()
                        .all(|r| r.credentials.is_none_or(|(_, k)| k != Known::Stated))
                });
            // (Asked only when a request came without any answer or browser message.)
            let answerless = |x: &Exchange| {
                x.response.is_none()
                    && x.observed.is_none()
                    && x.network_error.is_none()
                    && x.captured_preflight().is_none_or(|p| p.response.is_none())
            };
            // A pasted preflight (a Copy-as-cURL of the OPTIONS): the one status the words
            // name is its own, whatever the sentence calls it ("The server responded with a
            // 400 code").
            let in_words = (p.exchanges.len() == 1 && p.exchanges.iter().all(answerless))
                .then(|| {
                    not_input::status_in_words(c).or_else(|| {
                        // (A page's fetch() call is no OPTIONS pasted: its preflight is the
                        // one it would need, not what the words' status answered.)
                        let pasted_preflight = p.exchanges.iter().any(|x| {
                            x.captured_preflight().is_some()
                                && x.source != crate::exchange::InputKind::FetchCommand
                        });
                        paste::prose_status(c)
                            .filter(|(_, n)| pasted_preflight && !(200..300).contains(n))
                            .map(|(line, n)| not_input::preflight_status_meaning(c, line, n))
                    })
                })
                .flatten();
            for x in &mut p.exchanges {
                x.intermittent_said_on = intermittent;
                x.status_in_words.clone_from(&in_words);
                x.upload_said_on = upload;
                x.not_theirs_said_on = not_theirs;
                x.stopped_working_said_on = stopped;
                x.cors_configured_said_on = configured;
                x.stacks_named.clone_from(&stacks);
                // Appwrite Cloud's API by its host.
                if crate::fetch::origin::host_of(&x.request.url)
                    .is_some_and(|h| h == "appwrite.io" || h.ends_with(".appwrite.io"))
                    && !x.stacks_named.contains(&crate::exchange::Stack::Appwrite)
                {
                    x.stacks_named.insert(0, crate::exchange::Stack::Appwrite);
                }
                x.iac_named = iac;
                x.allowed_origins.clone_from(&allowed);
                x.setup_mistakes.clone_from(&mistakes);
                x.dev_proxies.clone_from(&dev_proxies);
                x.app_shell_named = shell;
                x.sandbox_said_on = sandbox;
                x.extension_said_on = extension;
                // A placeholder the message was written with (`https://<server-url>/x`,
                // `((url))`): no URL the request went to.
                // (A page's origin with the same placeholder names the same host: kept, so
                // the two compare.)
                let placeholder = x.request.url.contains("((")
                    || url::Url::parse(&x.request.url)
                        .ok()
                        .and_then(|u| u.host_str().map(|h| format!("<{h}>")))
                        .is_some_and(|h| {
                            x.observed.as_ref().is_some_and(|o| {
                                o.text.contains(&format!("://{h}"))
                                    && !x
                                        .page_origin
                                        .as_deref()
                                        .is_some_and(|p| p.contains(h.trim_matches(['<', '>'])))
                            })
                        });
                if placeholder && x.response.is_none() {
                    x.request.url.clear();
                }
                x.blocker_said_on = blocker;
                if x.captured_preflight().is_none() {
                    x.allow_lists_said.clone_from(&allow_lists);
                }
                x.service_worker_opaque_on =
                    not_input::service_worker_opaque_at(input, &x.request.url);
                x.html_answer_on = not_input::html_answer_at(input, &x.request.url);
                x.cloud_regions.clone_from(&regions);
                // Response headers the words say the page cannot read: read by the page.
                if let Some(r) = x.response.as_ref() {
                    let names: Vec<&str> = r
                        .headers
                        .iter()
                        .map(|h| h.name.as_str())
                        .filter(|n| {
                            !n.to_ascii_lowercase().starts_with("access-control-")
                                && !crate::fetch::safelist::is_cors_safelisted_response_header(n)
                        })
                        .collect();
                    for n in paste::unreadable_said(c, &names) {
                        if !x
                            .unreadable_headers
                            .iter()
                            .any(|u| u.eq_ignore_ascii_case(n))
                        {
                            x.unreadable_headers.push(n.to_string());
                        }
                    }
                }
                // A console message's request, whose status the browser hid: the one the
                // words name.
                let hidden = x.response.is_none() && x.captured_preflight().is_none();
                // (A preflight's method or header list is checked only after its status was
                // 2xx: a words' 401 beside such a message is another request's.)
                let after_status = x.observed.as_ref().is_some_and(|o| {
                    o.cors_error.as_deref().is_some_and(|e| {
                        e.contains("DisallowedByPreflightResponse")
                            || e.starts_with("InvalidAllow")
                            || e.contains("AllowPrivateNetwork")
                            || e.contains("AllowExternal")
                    }) || o.firefox_key.as_deref().is_some_and(|k| {
                        k.starts_with("CORSMissingAllowHeaderFromPreflight")
                            || k.starts_with("CORSMethodNotFound")
                            || k.starts_with("CORSInvalidAllow")
                    })
                });
                if let (Some((line, n)), Some(o), true) =
                    (status_said, x.observed.as_mut(), hidden && !after_status)
                {
                    if o.status.is_none() {
                        o.status = Some(n);
                        x.status_said_on = Some(line);
                    }
                }
                // A preflight the browser refused, whose status the server's pasted log
                // shows (its OPTIONS line for the URL's path).
                let preflight_refused = x.observed.as_ref().is_some_and(|o| {
                    o.cors_error
                        .as_deref()
                        .is_some_and(|e| e.starts_with("Preflight"))
                        || o.firefox_key.as_deref() == Some("CORSPreflightDidNotSucceed2")
                });
                if let (Some(l), Some(o), true) = (
                    server_log::for_url(&logged, &x.request.url),
                    x.observed.as_mut(),
                    hidden && preflight_refused,
                ) {
                    if o.status.is_none() {
                        o.status = Some(l.status);
                        x.status_logged_on = Some(l.line);
                    }
                }
                // `credentials: 'include'` in the words or the code beside a capture that
                // does not state the mode (a curl command, a response's headers).
                if let (Some(line), Known::Unknown) = (credentials, x.request.credentials_known) {
                    x.request.credentials = crate::exchange::Credentials::Include;
                    x.request.credentials_known = Known::Inferred;
                    x.credentials_said_on = Some(line);
                }
                if let (Some(line), Known::Unknown | Known::Inferred) =
                    (credentials_in_words, x.request.credentials_known)
                {
                    x.request.credentials = crate::exchange::Credentials::Include;
                    x.request.credentials_known = Known::Inferred;
                    x.credentials_said_on = Some(line);
                }
                if let Some((line, m)) = said {
                    if x.request.method_known == Known::Unknown {
                        x.request.method = m.to_string();
                        x.request.method_known = Known::Inferred;
                        x.method_said_on = Some(line);
                    }
                }
            }
        }
    }
    read
}

/// A HAR or other JSON, by its first character: `{`, or `[` opening an array (not Safari's
/// `[Error]` console prefix).
fn json_like(input: &str) -> bool {
    let t = input.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('{')
        || t.strip_prefix('[').is_some_and(|r| {
            r.trim_start()
                .starts_with(|c: char| matches!(c, '{' | '[' | '"' | ']') || c.is_ascii_digit())
        })
}

fn read_capture(input: &str) -> Result<Parsed, InputError> {
    // (A HAR or any JSON has no words and no documentation: read as it is, with no pass over
    // its lines.)
    if json_like(input) {
        return read_capture_fenced(input);
    }
    // A console message wrapped over several lines (a commit message, an e-mail): joined.
    if let Some(joined) = paste::join_wrapped_messages(input) {
        if let Ok(p) = read_capture_documented(&joined) {
            return Ok(p);
        }
    }
    read_capture_documented(input)
}

fn read_capture_documented(input: &str) -> Result<Parsed, InputError> {
    // A documentation block pasted beside the capture (MDN's syntax: `Access-Control-Allow-
    // Origin: <origin>`): its lines are no headers anyone received; read without it.
    if let Some(without) = paste::without_syntax_blocks(input) {
        if let Ok(p) = read_capture_fenced(&without) {
            return Ok(p);
        }
    }
    read_capture_fenced(input)
}

fn read_capture_fenced(input: &str) -> Result<Parsed, InputError> {
    // A block the words introduce as what was expected ("I expected to see this happen:",
    // "It should return:") beside another block: no capture; read without it.
    // (Not looked for in a HAR or any JSON: no words there.)
    let blocks = if input.trim_start().starts_with(['{', '[']) {
        Vec::new()
    } else {
        paste::fenced_blocks(input)
    };
    if blocks.len() < 2 {
        return read_capture_blocks(input);
    }
    let lines: Vec<&str> = input.split('\n').collect();
    let hoped: Vec<(usize, usize)> = blocks
        .iter()
        .copied()
        .filter(|&(start, _)| {
            // The last line with words before the block's opening fence.
            let intro = lines[..start.saturating_sub(1)]
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty())
                .map(|l| l.to_ascii_lowercase())
                .unwrap_or_default();
            paste::is_prose(&intro)
                && [
                    "expected",
                    "i expect",
                    "should be",
                    "should see",
                    "should get",
                    "should return",
                    "should look like",
                ]
                .iter()
                .any(|w| intro.contains(w))
                && !intro.contains("instead")
                && !intro.contains("but ")
        })
        .collect();
    if !hoped.is_empty() && hoped.len() < blocks.len() {
        let without: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if hoped.iter().any(|(a, b)| (*a..*b).contains(&i)) {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        if let Ok(p) = read_capture_blocks(&without) {
            return Ok(p);
        }
    }
    read_capture_blocks(input)
}

fn read_capture_blocks(input: &str) -> Result<Parsed, InputError> {
    let whole = read_capture_whole(input);
    if whole.is_ok() {
        return whole;
    }
    // A post whose capture sits in one of its fenced blocks, among words and other blocks that
    // are no capture (the Terraform or YAML that set CORS up, a shell session's other
    // commands): the blocks that read alone, together when they read so, else the first of
    // them. Every other line is blanked, so lines keep their numbers.
    let blocks = paste::fenced_blocks(input);
    if blocks.is_empty() {
        return whole;
    }
    let only = |keep: &[(usize, usize)]| -> String {
        input
            .split('\n')
            .enumerate()
            .map(|(i, l)| {
                if keep.iter().any(|(a, b)| (*a..*b).contains(&i)) {
                    l
                } else {
                    ""
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let readable: Vec<(usize, usize)> = blocks
        .into_iter()
        .filter(|b| read_capture_whole(&only(&[*b])).is_ok())
        .collect();
    match readable.as_slice() {
        [] => whole,
        [one] => read_capture_whole(&only(&[*one])),
        several => {
            read_capture_whole(&only(several)).or_else(|_| read_capture_whole(&only(&several[..1])))
        }
    }
}

fn read_capture_whole(input: &str) -> Result<Parsed, InputError> {
    // Markdown fences, `>` quotes and a forum's curly quotes off, line for line.
    let cleaned = paste::clean(input);
    let mut input = cleaned.as_ref();
    // A person's words before the capture ("I get this when calling my API:") and after a
    // capture that has visibly ended ("… </html>", a header line, then "Any idea?"): left
    // out, line for line.
    let (before, after) = (
        paste::starts_with_prose(input),
        paste::ends_with_prose(input),
    );
    let unworded = (before || after)
        .then(|| paste::without_prose(input, before, after))
        .flatten();
    if let Some(u) = &unworded {
        input = u;
    }
    let first = read_clean(input).map(|mut p| {
        // "Sample request: `https://…`" over a bare response: that response's URL.
        // (Looked for only after words before a capture: never over a HAR.)
        if let [x] = p.exchanges.as_mut_slice() {
            if before && x.request.url.is_empty() {
                if let Some(url) = paste::leading_url(&cleaned) {
                    x.request.url = url.to_string();
                }
            }
        }
        p
    });
    if first.is_ok() {
        return first;
    }
    // A last paragraph of words after a capture that may end anywhere (a curl command, a
    // body): read again without it; the first error stands when that does not read either.
    if let Some(without) = paste::without_prose(input, before, true) {
        if let Ok(p) = read_clean(&without) {
            return Ok(p);
        }
    }
    // Words between the parts of a capture ("**The response:**" between a command and its
    // output): read again without every such paragraph.
    if let Some(without) = paste::without_prose_paragraphs(input) {
        if let Ok(p) = read_clean(&without) {
            return Ok(p);
        }
    }
    // Lines of another kind before a status or request line (the command that printed the
    // response, a client library's log line): read again from that line.
    if let Some(without) = paste::from_start_line(input) {
        if let Ok(p) = read_clean(&without) {
            return Ok(p);
        }
    }
    // The copy cut off inside its last line ("< HTT"): read without that line, which is
    // listed as not read.
    if let Some((line, text)) = first
        .as_ref()
        .err()
        .and_then(|e| e.place.line)
        .and_then(|l| cut_last_line(input, l))
    {
        let mut lines: Vec<&str> = input.split('\n').collect();
        lines[line - 1] = "";
        if let Ok(mut p) = read_clean(&lines.join("\n")) {
            p.unread.push(Unread {
                line,
                text,
                reason: Some("the copy ends inside this line"),
            });
            return Ok(p);
        }
    }
    first
}

/// Line `line` (1-based), when it is the input's last line with text and reads as a line cut
/// off by the copy: one word cut short, no `Name: value` in it. Its text, to list as not read.
fn cut_last_line(input: &str, line: usize) -> Option<(usize, String)> {
    let last = input
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .last()?;
    let t = last.1.trim().trim_start_matches(['<', '>', ' ']);
    // A word cut short ("HTT", "Content-Ty"): no space, no colon.
    (last.0 + 1 == line && t.len() < 40 && !t.contains(':') && !t.contains(char::is_whitespace))
        .then(|| (line, last.1.trim().to_string()))
}

/// A browser's message about something other than a CORS check in `input` (see
/// [`not_input::browser_message`]), as the error that says what it is; for a paste whose
/// capture holds no cross-origin request.
pub fn browser_message_error(input: &str) -> Option<InputError> {
    if json_like(input) {
        return None;
    }
    let (line, message) = not_input::browser_message(input)?;
    Some(InputError::new(
        None,
        Place {
            line: Some(line),
            ..Place::default()
        },
        message,
    ))
}

fn read_clean(input: &str) -> Result<Parsed, InputError> {
    let kind = detect(input).ok_or_else(|| {
        // A dev server's proxy error or DevTools' Issues panel: say what it is.
        let (line, message) = not_input::explain(input).unwrap_or((1, "not a HAR file, HTTP headers (raw, or as Postman, wget -S, Python, Node or PowerShell print them), a copy of DevTools' Headers view, curl output, a Copy-as-cURL/fetch/PowerShell command or a browser's CORS console message".to_string()));
        InputError::new(
            None,
            Place {
                line: Some(line),
                ..Place::default()
            },
            message,
        )
    })?;
    if kind == InputKind::ConsoleError {
        if let Some(e) = dumps::library_error(input) {
            return Err(e);
        }
        // The console message with the headers or curl output of the same request.
        if let Some(p) = combined::read(input)? {
            return Ok(p);
        }
    }
    match read_as(input, kind) {
        // A server's log line taken for headers: what the log says, when it is known (a
        // framework's own origin check), rather than "not a header".
        Err(e) if kind == InputKind::HttpText && e.message.contains("a server's log line") => {
            match not_input::explain(input) {
                Some((line, message)) => Err(InputError::new(
                    None,
                    Place {
                        line: Some(line),
                        ..Place::default()
                    },
                    message,
                )),
                None => Err(e),
            }
        }
        r => r,
    }
}

/// Read an input with a given reader.
pub fn read_as(input: &str, kind: InputKind) -> Result<Parsed, InputError> {
    let mut unread = Vec::new();
    let mut exchanges = match kind {
        InputKind::Har => har::read(input)?,
        InputKind::HttpText => match dumps::read(input) {
            Some(r) => r?,
            None => http_text::read(input, InputKind::HttpText)?,
        },
        InputKind::CurlVerbose => http_text::read(input, InputKind::CurlVerbose)?,
        InputKind::CurlCommand => command::read_curl(input)?,
        InputKind::FetchCommand => command::read_fetch(input)?,
        InputKind::PowerShellCommand => powershell::read(input)?,
        InputKind::DevtoolsHeaders => http_text::devtools_view::read(input)?,
        InputKind::ConsoleError => match dumps::library_error(input) {
            Some(e) => return Err(e),
            None => {
                let (exchanges, lines) = console::read_lines(input)?;
                unread = lines;
                exchanges
            }
        },
        InputKind::Live => {
            return Err(InputError::new(
                Some(kind),
                Place::default(),
                "live exchanges come from `whycors check`, not from text",
            ))
        }
    };
    if kind != InputKind::Har {
        exchanges.iter_mut().for_each(options_as_preflight);
    }
    Ok(Parsed {
        kind,
        exchanges,
        unread,
    })
}

/// An OPTIONS request sent by hand or copied from DevTools without
/// Access-Control-Request-Method (`curl -v -X OPTIONS URL -H 'Origin: …'`, a preflight's
/// Headers tab where the copy left it out) stands for a preflight, not for a page's
/// request whose method is OPTIONS: the answer is judged as the preflight's — its status,
/// its redirect, its Allow-Origin — for a request whose method the input does not give.
pub(super) fn options_as_preflight(x: &mut Exchange) {
    use crate::exchange::{Preflight, PreflightCapture};
    if !x.request.method.eq_ignore_ascii_case("OPTIONS")
        || x.captured_preflight().is_some()
        || x.observed.is_some()
    {
        return;
    }
    // Browsers never follow a preflight's redirect: its first answer is the one.
    let response = match x.redirects.first() {
        Some(r) => Some(r.response.clone()),
        None => x.response.take(),
    };
    let mut request_headers = crate::exchange::HeaderList::new();
    if let Some(o) = &x.page_origin {
        request_headers.push("Origin", o.as_str());
    }
    for h in x.request.headers.iter() {
        request_headers.push(h.name.as_str(), h.value.as_str());
    }
    x.preflight = PreflightCapture::Captured(Preflight {
        url: x.request.url.clone(),
        request_headers,
        response,
        error: x.network_error.take(),
    });
    x.redirects.clear();
    x.response = None;
    // The request it stands for: the method and the headers the OPTIONS asks about (a
    // browser's preflight always names the method; one typed by hand may not).
    let asked = |name: &str| {
        x.request
            .headers
            .get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let method = asked("access-control-request-method");
    let names = asked("access-control-request-headers");
    let mut headers = crate::exchange::HeaderList::new();
    for n in names.iter().flat_map(|l| l.split(',')) {
        let n = n.trim();
        if !n.is_empty() {
            headers.push(n, "");
        }
    }
    match method {
        Some(m) => {
            x.request.method = m.to_ascii_uppercase();
            x.request.method_known = Known::Stated;
        }
        None => {
            x.request.method = "GET".to_string();
            x.request.method_known = Known::Unknown;
        }
    }
    x.request.headers = headers;
}

/// Chrome's `net::ERR_BLOCKED_BY_RESPONSE.<reason>` for a response its
/// Cross-Origin-Resource-Policy (`NotSameOrigin`, `NotSameSite`) or the page's
/// Cross-Origin-Embedder-Policy (`…ByCoep…`) forbids the page to load. (The bare
/// `ERR_BLOCKED_BY_RESPONSE` is a frame's X-Frame-Options or frame-ancestors: not this.)
pub(crate) fn resource_policy_block(err: &str) -> Option<crate::exchange::PageBlockKind> {
    use crate::exchange::PageBlockKind;
    let reason = err.strip_prefix("net::ERR_BLOCKED_BY_RESPONSE.")?;
    if reason.contains("Coep") {
        Some(PageBlockKind::EmbedderPolicy)
    } else if reason.starts_with("NotSame") || reason.starts_with("CorpNotSame") {
        Some(PageBlockKind::ResourcePolicy)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::is_browser_added;

    /// The rule as lists, written the plain way: the allocation-free `match` must agree.
    fn by_lists(name: &str, value: &str, acrh: Option<&str>) -> bool {
        const ALWAYS: &[&str] = &[
            "origin",
            "referer",
            "user-agent",
            "host",
            "connection",
            "content-length",
            "cookie",
            "cookie2",
            "set-cookie",
            "accept-encoding",
            "priority",
            "upgrade-insecure-requests",
            "dnt",
            "keep-alive",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "via",
            "date",
            "expect",
            "accept-charset",
            "access-control-request-method",
            "access-control-request-headers",
        ];
        const MAYBE: &[&str] = &["accept-language", "if-none-match", "if-modified-since"];
        let n = name.trim().to_ascii_lowercase();
        if n.starts_with(':') || n.starts_with("sec-") || n.starts_with("proxy-") {
            return true;
        }
        if ALWAYS.contains(&n.as_str()) {
            return true;
        }
        if MAYBE.contains(&n.as_str()) {
            return !acrh.is_some_and(|l| l.split(',').any(|x| x.trim().to_ascii_lowercase() == n));
        }
        if n == "pragma" || n == "cache-control" {
            return value.trim().eq_ignore_ascii_case("no-cache");
        }
        n == "accept" && value.trim() == "*/*"
    }

    #[test]
    fn browser_added_headers() {
        let names = [
            "Origin",
            "origin",
            " Referer ",
            "USER-AGENT",
            "Host",
            "Cookie",
            "cookie2",
            "TE",
            "te",
            "Via",
            "Date",
            "Expect",
            "Accept-Charset",
            "Access-Control-Request-Method",
            "access-control-request-headers",
            "Accept-Language",
            "If-None-Match",
            "if-modified-since",
            "Pragma",
            "Cache-Control",
            "Accept",
            "accept",
            ":authority",
            ":path",
            "Sec-Fetch-Mode",
            "sec-ch-ua-platform",
            "Proxy-Authorization",
            "sec-this-is-a-very-long-header-name-beyond-the-buffer",
            "x-a-very-long-custom-header-name-of-forty",
            "Authorization",
            "Content-Type",
            "X-Api-Key",
            "",
            " ",
            "s",
            "sec",
            "proxy",
            "accepts",
            "origins",
            "Ürigin",
            "x-requested-with",
            "upgrade",
            "Upgrade-Insecure-Requests",
        ];
        let values = [
            "*/*",
            " */* ",
            "no-cache",
            "No-Cache",
            "application/json",
            "",
        ];
        let acrhs = [
            None,
            Some("accept-language, x-a"),
            Some("If-None-Match"),
            Some(""),
        ];
        let mut browser = 0;
        for n in names {
            for v in values {
                for a in acrhs {
                    let want = by_lists(n, v, a);
                    assert_eq!(is_browser_added(n, v, a), want, "{n:?} {v:?} {a:?}");
                    browser += usize::from(want);
                }
            }
        }
        // Both outcomes are exercised.
        assert!(browser > 100 && browser < names.len() * values.len() * acrhs.len());
    }
}
