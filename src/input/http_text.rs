//! Raw HTTP text (DevTools "Copy request/response headers") and `curl -v` / `curl -i` output.
//!
//! Both are first cut into request and response messages with their line
//! numbers, then paired: a request with the response(s) after it, a preflight
//! (OPTIONS with Access-Control-Request-Method) with the next request it was
//! sent for, a 3xx with the request or response that follows its Location.
pub mod devtools_view;

use super::is_browser_added;
use super::InputError;
use crate::exchange::{
    BodyKind, Credentials, Exchange, Header, HeaderList, InputKind, Known, Preflight,
    PreflightCapture, Redirect, Request, Response,
};

/// Is this line a `curl -v` request/response line, or one of curl's own
/// connection or failure lines?
fn is_curl_verbose_line(l: &str) -> bool {
    let l = l.trim_end_matches('\r');
    if let Some(r) = l.strip_prefix("> ") {
        return parse_request_line(r).is_some();
    }
    if let Some(r) = l.strip_prefix("< ") {
        return parse_status_line(r).is_some();
    }
    if let Some(r) = l.strip_prefix("curl: (") {
        return r
            .split_once(')')
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    }
    if let Some(r) = l.strip_prefix('*') {
        let r = r.trim_start();
        return r.starts_with("Trying ")
            || r.starts_with("Connected to ")
            || r.starts_with("Could not resolve host")
            || (r.starts_with("connect to ") && r.contains(" failed"))
            || r.starts_with("Failed to connect to ");
    }
    false
}

pub fn looks_like_curl_verbose(t: &str) -> bool {
    t.lines().any(is_curl_verbose_line)
        // The command, then `curl -v`'s `< ` header lines with its status line left out.
        || super::command::starts_command(after_blank_lines(t))
            && t.lines().any(|l| {
                l.strip_prefix("< ")
                    .is_some_and(|h| looks_like_header_line(h.trim_end_matches('\r')))
            })
}

pub(crate) fn looks_like_header_line(l: &str) -> bool {
    match l.split_once(':') {
        // "Name : value", retyped with a space before the colon: only for a name HTTP uses.
        Some((name, _)) if name.ends_with([' ', '\t']) && !name.trim().is_empty() => {
            let n = name.trim_end();
            !n.contains([' ', '\t']) && is_plausible_header_name(n)
        }
        Some((name, value)) => {
            // `Name:value` without the space only for a name HTTP uses (DevTools' older
            // Headers view copies them so): "key:value" in prose or JSON is not a header.
            is_token(name)
                && (value.is_empty()
                    || value.starts_with([' ', '\t'])
                    || is_plausible_header_name(name))
                || l.starts_with(':') && is_pseudo_line(l)
        }
        None => false,
    }
}

/// The first line that is not blank.
fn after_blank_lines(t: &str) -> &str {
    t.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
}

/// The text after the curl or HTTPie commands (and blank lines) it starts with: a pasted
/// `curl -i` or HTTPie output may start with the command that produced it, over several
/// lines.
fn after_commands(mut t: &str) -> &str {
    loop {
        t = t.trim_start();
        if !super::command::starts_command(t.lines().next().unwrap_or("")) {
            return t;
        }
        match super::command::read_call(t, 1) {
            Ok((_, end)) => {
                let rest = t.get(end..).unwrap_or("");
                t = rest
                    .get(super::command::piped_programs(rest)..)
                    .unwrap_or("");
            }
            // Unreadable: detection looks past its line; the reader says what is wrong.
            Err(_) => t = t.get(t.find('\n').unwrap_or(t.len())..).unwrap_or(""),
        }
        t = t.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ';' | '&'));
    }
}

/// HTTPie's and xh's line when the request failed.
const HTTPIE_ERRORS: [&str; 4] = ["http: error:", "https: error:", "xh: error:", "xhs: error:"];

pub fn looks_like_http(t: &str) -> bool {
    let rest = after_commands(t);
    let after_command = rest.len() < t.trim_start().len();
    let mut lines = rest
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .skip_while(|l| l.trim().is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    if after_command && HTTPIE_ERRORS.iter().any(|p| first.starts_with(p)) {
        return true;
    }
    if parse_request_line(first).is_some() || parse_status_line(first).is_some() {
        return true;
    }
    if is_pseudo_line(first) {
        return true;
    }
    // A block of bare header lines: every line up to the first blank one must
    // be a header, and one of them a recognisable HTTP header.
    // (After a command, the output may come indented as a block: `curl -D -` pasted so.)
    let block: Vec<&str> = std::iter::once(first)
        .chain(lines.take_while(|l| !l.trim().is_empty()))
        .map(|l| if after_command { l.trim_start() } else { l })
        .collect();
    // One response header alone that has nothing to do with CORS is no response
    // (`set-cookie: …` pasted above a cookie warning).
    let lone = block.len() == 1
        && !after_command
        && block[0].split_once(':').is_some_and(|(n, _)| {
            matches!(
                n.trim().to_ascii_lowercase().as_str(),
                "set-cookie" | "etag" | "last-modified" | "server" | "age" | "x-cache" | "cf-ray"
            )
        });
    block.iter().all(|l| looks_like_header_line(l))
        && !lone
        && block.iter().any(|l| {
            l.split_once(':')
                .is_some_and(|(n, _)| is_known_header_name(n))
        })
}

/// A field name HTTP messages carry (IANA's registry, the CORS and fetch-metadata families,
/// the CDNs' and clouds' own prefixes, `X-` ones), not any word with a hyphen
/// (`keycloak-angular: "^7.2.0",` is a dependency list).
pub(crate) fn is_known_header_name(n: &str) -> bool {
    const PREFIXES: [&str; 24] = [
        "access-control-",
        "content-",
        "accept",
        "x-",
        "sec-",
        "cf-",
        "cache-",
        "if-",
        "cross-origin-",
        "proxy-",
        "strict-transport",
        "www-authenticate",
        "alt-svc",
        "transfer-encoding",
        "keep-alive",
        "last-modified",
        "set-cookie",
        "user-agent",
        "referrer-policy",
        "permissions-policy",
        "retry-after",
        "ratelimit",
        "apigw-",
        "fly-",
    ];
    const NAMES: [&str; 14] = [
        "upgrade-insecure-requests",
        "timing-allow-origin",
        "server-timing",
        "report-to",
        "reporting-endpoints",
        "nel",
        "forwarded",
        "traceparent",
        "tracestate",
        "request-id",
        "feature-policy",
        "expect-ct",
        "document-policy",
        "origin-agent-cluster",
    ];
    let n = n.trim().to_ascii_lowercase();
    let n = n.as_str();
    is_token(n)
        && (PREFIXES.iter().any(|p| n.starts_with(p))
            || NAMES.contains(&n)
            || (is_plausible_header_name(n) && !n.contains('-')))
}

/// A request line ("GET /path HTTP/1.1") or a status line ("HTTP/2 403").
pub(crate) fn is_start_line(l: &str) -> bool {
    parse_request_line(l).is_some() || parse_status_line(l).is_some_and(|(_, s, _)| s.is_some())
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A header name that is very likely HTTP, not a word followed by a colon in prose.
pub(crate) fn is_plausible_header_name(n: &str) -> bool {
    const COMMON: [&str; 24] = [
        "host",
        "origin",
        "accept",
        "date",
        "server",
        "vary",
        "cookie",
        "referer",
        "connection",
        "location",
        "etag",
        "via",
        "authorization",
        "pragma",
        "expires",
        "age",
        "allow",
        "range",
        "te",
        "dnt",
        "priority",
        "link",
        "upgrade",
        "warning",
    ];
    let n = n.trim_end_matches([' ', '\t']);
    is_token(n) && (n.contains('-') || COMMON.iter().any(|c| c.eq_ignore_ascii_case(n)))
}

/// "METHOD target HTTP/x" → (method, target, version). Without the version only with an
/// absolute URL and an upper-case method ("OPTIONS https://api.example.com/x", as a proxy's
/// log or a post writes it); the version is then "".
fn parse_request_line(l: &str) -> Option<(&str, &str, &str)> {
    let mut it = l.trim().split(' ').filter(|s| !s.is_empty());
    let (m, t) = (it.next()?, it.next()?);
    let Some(v) = it.next() else {
        let absolute = t.starts_with("http://") || t.starts_with("https://");
        let upper = (3..=7).contains(&m.len()) && m.bytes().all(|b| b.is_ascii_uppercase());
        return (absolute && upper && t.len() > "https://".len()).then_some((m, t, ""));
    };
    if it.next().is_some() || !is_token(m) || !v.starts_with("HTTP/") {
        return None;
    }
    if !m.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    Some((m, t, v))
}

/// "HTTP/1.1 403 Forbidden" / "HTTP/2 403" → (version, status, text). A
/// malformed status is `Some` with `None` status so the caller can name the line.
fn parse_status_line(l: &str) -> Option<(&str, Option<u16>, &str)> {
    let l = l.trim();
    if !l.starts_with("HTTP/") {
        return None;
    }
    let (version, rest) = l.split_once(' ').unwrap_or((l, ""));
    let rest = rest.trim_start();
    let (code, text) = rest.split_once(' ').unwrap_or((rest, ""));
    let status = if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) {
        code.parse().ok()
    } else {
        None
    };
    Some((version, status, text.trim()))
}

const REQUEST_PSEUDO: [&str; 4] = [":authority", ":method", ":path", ":scheme"];

fn is_pseudo_line(l: &str) -> bool {
    pseudo_name(l).is_some()
}

fn pseudo_name(l: &str) -> Option<&'static str> {
    let l = l.trim_start();
    REQUEST_PSEUDO
        .into_iter()
        .chain([":status"])
        .find(|p| l.strip_prefix(p).is_some_and(|r| r.starts_with(':')))
}

/// A log line's level in capitals ("WARNING: request with non matching host …", Python's
/// "INFO:     127.0.0.1 - …"): no header, though it looks like one (`Warning` is one).
pub(crate) fn is_log_level(name: &str) -> bool {
    matches!(
        name,
        "WARNING" | "WARN" | "INFO" | "ERROR" | "DEBUG" | "TRACE" | "FATAL" | "CRITICAL" | "NOTICE"
    )
}

/// Split "Name: value" (also ":status: 200"). `None` without a colon.
fn split_header(l: &str) -> Option<(String, String)> {
    let (name, v) = if let Some(rest) = l.strip_prefix(':') {
        let (n, v) = rest.split_once(':')?;
        (format!(":{n}"), v)
    } else {
        // A full-width colon (an input method's, in Chinese or Japanese text) separates as
        // well when it comes first: `Access-Control-Allow-Origin： *`.
        let at = match (l.find(':'), l.find('\u{ff1a}')) {
            (Some(a), Some(w)) if w < a => w,
            (None, Some(w)) => w,
            (a, _) => a?,
        };
        let sep = l[at..].chars().next().map_or(1, char::len_utf8);
        (l[..at].to_string(), &l[at + sep..])
    };
    let name = name.trim().to_string();
    if name.is_empty() || name.contains(' ') || is_log_level(&name) {
        return None;
    }
    Some((name, crate::exchange::trim_http_whitespace(v).to_string()))
}

// ---------------------------------------------------------------------------
// Messages

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlockKind {
    Request,
    Response,
    /// Bare headers without a start line: decided by the header names.
    Unknown,
}

#[derive(Debug)]
struct Block {
    line: usize,
    kind: BlockKind,
    method: Option<String>,
    target: Option<String>,
    version: Option<String>,
    status: Option<u16>,
    status_text: String,
    headers: Vec<(String, String)>,
    body: Vec<String>,
    /// Hints from curl's info lines: TLS used / the full URL.
    tls: Option<bool>,
    full_url: Option<String>,
    /// A request read from a command line (curl, HTTPie): it sends a body / cookies
    /// (`-d`, `-b`, data items).
    sends_body: bool,
    sends_cookies: bool,
    from_command: bool,
}

impl Block {
    fn new(line: usize, kind: BlockKind) -> Self {
        Block {
            line,
            kind,
            method: None,
            target: None,
            version: None,
            status: None,
            status_text: String::new(),
            headers: Vec::new(),
            body: Vec::new(),
            tls: None,
            full_url: None,
            sends_body: false,
            sends_cookies: false,
            from_command: false,
        }
    }

    fn pseudo(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn add_header(&mut self, kind: InputKind, line_no: usize, l: &str) -> Result<(), InputError> {
        if l.starts_with([' ', '\t']) {
            // Obsolete line folding: continues the previous value.
            if let Some((_, v)) = self.headers.last_mut() {
                v.push(' ');
                v.push_str(l.trim());
                return Ok(());
            }
        }
        // A person's note between the header lines ("# no Access-Control-Allow-… here",
        // "// added by nginx"): no header starts so.
        let t = l.trim_start();
        if t.starts_with("# ") || t.starts_with("// ") || t == "#" {
            return Ok(());
        }
        match split_header(l) {
            Some(h) => {
                self.headers.push(h);
                Ok(())
            }
            None if l.split_once(':').is_some_and(|(n, _)| is_log_level(n.trim())) => {
                Err(InputError::at_line(
                    kind,
                    line_no,
                    format!(
                        "a server's log line, not a header: {:?}. A log tells what the server did, not what the browser saw: paste the browser's console message, the response's headers (DevTools' Headers tab, curl -v) or a HAR, with the log if you like",
                        clip(l)
                    ),
                ))
            }
            None => Err(InputError::at_line(
                kind,
                line_no,
                format!(
                    "expected a header line \"Name: value\", found {:?}",
                    clip(l)
                ),
            )),
        }
    }

    fn resolved_kind(&self) -> BlockKind {
        if self.kind != BlockKind::Unknown {
            return self.kind;
        }
        let names: Vec<String> = self
            .headers
            .iter()
            .map(|(n, _)| n.to_ascii_lowercase())
            .collect();
        let response_like = names.iter().any(|n| {
            (n.starts_with("access-control-") && !n.starts_with("access-control-request-"))
                || matches!(
                    n.as_str(),
                    "server"
                        | "set-cookie"
                        | "etag"
                        | "last-modified"
                        | "vary"
                        | "x-cache"
                        | "cf-ray"
                        | "age"
                        | "location"
                        | ":status"
                )
                || n.starts_with("x-amzn-")
                || n.starts_with("x-amz-")
        });
        let request_like = names.iter().any(|n| request_only(n));
        if !response_like && request_like {
            BlockKind::Request
        } else {
            BlockKind::Response
        }
    }
}

/// Headers only a request carries (RFC 9110, Fetch's request headers): a block of bare header
/// lines with one of them and no response header is a request's, and in a DevTools copy
/// without section titles the rows switch there from the response's headers (shown first) to
/// the request's.
fn request_only(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    if n.starts_with(':') {
        return n != ":status";
    }
    // Sec-WebSocket-Accept is a response's; -Extensions and -Protocol go both ways.
    if n.starts_with("sec-websocket-") {
        return matches!(n.as_str(), "sec-websocket-key" | "sec-websocket-version");
    }
    n.starts_with("sec-")
        || n.starts_with("access-control-request-")
        || matches!(
            n.as_str(),
            "origin"
                | "host"
                | "user-agent"
                | "referer"
                | "cookie"
                | "accept"
                | "accept-language"
                | "accept-encoding"
                | "authorization"
                | "proxy-authorization"
                | "if-none-match"
                | "if-modified-since"
                | "if-match"
                | "if-unmodified-since"
                | "if-range"
                | "range"
                | "upgrade-insecure-requests"
                | "x-requested-with"
                | "dnt"
                | "expect"
                | "te"
        )
}

pub(crate) fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

#[derive(Debug)]
enum Msg {
    Block(Block),
    NetError { line: usize, text: String },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Idle,
    Headers,
    Body,
}

/// Plain text: DevTools copies and `curl -i` output.
fn split_plain(input: &str, kind: InputKind) -> Result<Vec<Msg>, InputError> {
    let mut msgs: Vec<Msg> = Vec::new();
    let mut cur: Option<Block> = None;
    let mut section = Section::Idle;
    let mut skip_to = 0;
    // A command's output pasted as an indented block (`curl -D -` in a post): the
    // indentation of its first line comes off its lines.
    let mut after_command = false;
    let mut indent = 0;
    let mut prev_blank = false;
    for (idx, raw) in input.lines().enumerate() {
        let line_no = idx + 1;
        if line_no <= skip_to {
            continue;
        }
        let mut l = raw.trim_start_matches('\u{feff}').trim_end_matches('\r');
        let blank = l.trim().is_empty();
        if after_command && !blank {
            after_command = false;
            let t = l.trim_start();
            if t.len() < l.len() && (looks_like_header_line(t) || is_start_line(t)) {
                indent = l.len() - t.len();
            }
        }
        if indent > 0 && !blank {
            match l.get(..indent) {
                Some(lead) if lead.trim().is_empty() => l = &l[indent..],
                _ => indent = 0,
            }
        }
        // The command that printed what follows (`curl -i`, HTTPie): the request it sent.
        let command = if command_starts(section, l, prev_blank) {
            command_in(section, input, raw, line_no)?
        } else {
            None
        };
        prev_blank = blank;
        if let Some((b, last)) = command {
            if let Some(prev) = cur.take() {
                msgs.push(Msg::Block(prev));
            }
            msgs.push(Msg::Block(b));
            section = Section::Idle;
            skip_to = last;
            after_command = true;
            indent = 0;
            continue;
        }
        // HTTPie's / xh's failure line ("http: error: ConnectionError: …"), as curl's.
        if section != Section::Headers && HTTPIE_ERRORS.iter().any(|p| l.starts_with(p)) {
            if let Some(prev) = cur.take() {
                msgs.push(Msg::Block(prev));
            }
            msgs.push(Msg::NetError {
                line: line_no,
                text: l.trim().to_string(),
            });
            section = Section::Idle;
            continue;
        }
        // A cut marked inside a header block ("<...>", kept as "…" by the paste's cleaning):
        // the headers go on after it.
        if section == Section::Headers && l.trim() == "\u{2026}" {
            continue;
        }
        if blank {
            if section == Section::Headers {
                section = Section::Body;
            } else if section == Section::Body {
                if let Some(b) = cur.as_mut() {
                    b.body.push(String::new());
                }
            }
            continue;
        }
        // A new block?
        let start: Option<Block> = if let Some((m, t, v)) = parse_request_line(l) {
            let mut b = Block::new(line_no, BlockKind::Request);
            b.method = Some(m.to_string());
            b.target = Some(t.to_string());
            b.version = Some(v.to_string());
            Some(b)
        } else if let Some((v, status, text)) = parse_status_line(l) {
            let Some(status) = status else {
                return Err(InputError::at_line(
                    kind,
                    line_no,
                    format!("expected a 3-digit status code after {v:?}"),
                ));
            };
            let mut b = Block::new(line_no, BlockKind::Response);
            b.version = Some(v.to_string());
            b.status = Some(status);
            b.status_text = text.to_string();
            Some(b)
        } else if let Some(p) = pseudo_name(l) {
            let continues = section == Section::Headers
                && cur.as_ref().is_some_and(|b| {
                    let same_kind = if p == ":status" {
                        b.kind == BlockKind::Response
                    } else {
                        b.kind == BlockKind::Request
                    };
                    same_kind && b.pseudo(p).is_none() && (p != ":status" || b.status.is_none())
                });
            if continues {
                None
            } else {
                let k = if p == ":status" {
                    BlockKind::Response
                } else {
                    BlockKind::Request
                };
                Some(Block::new(line_no, k))
            }
        } else if section == Section::Idle
            || (section == Section::Body
                && cur
                    .as_ref()
                    .is_some_and(|b| b.body.iter().all(|x| x.is_empty()))
                && looks_like_header_line(l)
                && l.split_once(':')
                    .is_some_and(|(n, _)| is_plausible_header_name(n)))
        {
            if section == Section::Idle && !looks_like_header_line(l) {
                return Err(InputError::at_line(
                    kind,
                    line_no,
                    format!(
                        "expected a request line (\"GET /path HTTP/1.1\"), a status line (\"HTTP/1.1 403 Forbidden\") or a header line, found {:?}",
                        clip(l)
                    ),
                ));
            }
            Some(Block::new(line_no, BlockKind::Unknown))
        } else {
            None
        };
        if let Some(mut b) = start {
            if let Some(prev) = cur.take() {
                msgs.push(Msg::Block(prev));
            }
            // The request a command printed (`http -v`) right after the command: the
            // printed one is what went on the wire; the command's URL is the full one.
            if b.kind == BlockKind::Request {
                if let Some(Msg::Block(c)) = msgs.last() {
                    if c.from_command && c.kind == BlockKind::Request {
                        b.full_url = c.target.clone();
                        msgs.pop();
                    }
                }
            }
            let has_start_line = b.method.is_some() || b.status.is_some();
            cur = Some(b);
            section = Section::Headers;
            if has_start_line {
                continue;
            }
        }
        let Some(b) = cur.as_mut() else {
            continue;
        };
        match section {
            // A response's body right under its headers, the blank line lost in the paste:
            // XML (`<?xml …`, `<Error>`), HTML or JSON start the body, never a header.
            Section::Headers
                if b.kind == BlockKind::Response
                    && l.starts_with(['<', '{', '['])
                    && split_header(l).is_none() =>
            {
                section = Section::Body;
                b.body.push(l.to_string());
            }
            Section::Headers => {
                b.add_header(kind, line_no, l)?;
                if b.kind == BlockKind::Response && b.status.is_none() {
                    if let Some(s) = b.pseudo(":status") {
                        match s.parse::<u16>() {
                            Ok(n) if (100..=999).contains(&n) => b.status = Some(n),
                            _ => {
                                return Err(InputError::at_line(
                                    kind,
                                    line_no,
                                    format!("expected a 3-digit status code, found {:?}", clip(s)),
                                ))
                            }
                        }
                    }
                }
            }
            Section::Body => b.body.push(l.to_string()),
            Section::Idle => {}
        }
    }
    if let Some(prev) = cur.take() {
        msgs.push(Msg::Block(prev));
    }
    Ok(msgs)
}

/// Does a curl or HTTPie command start on line `l`, read in `section`? Between messages
/// any command line does; in a body, only one with a shell prompt.
fn command_starts(section: Section, l: &str, after_blank: bool) -> bool {
    match section {
        Section::Idle => super::command::starts_command(l),
        Section::Body => {
            super::command::starts_command(l)
                && (super::command::has_prompt(l) || (after_blank && at_column_one(l)))
        }
        Section::Headers => false,
    }
}

/// A line that starts at its first column (a command typed again, not a body's indented text).
fn at_column_one(l: &str) -> bool {
    !l.starts_with(char::is_whitespace)
}

/// The command starting at line `line_no`, as [`command_block`]; in a response's body, a
/// line that only looks like a command (no prompt, and it does not read as one) stays body.
fn command_in(
    section: Section,
    input: &str,
    raw: &str,
    line_no: usize,
) -> Result<Option<(Block, usize)>, InputError> {
    let r = command_block(input, raw, line_no);
    match r {
        Ok(b) => Ok(Some(b)),
        Err(_) if section == Section::Body && !super::command::has_prompt(raw) => {
            // Typed again in a post with a stray quote at its end (`…/endpoint'`): the
            // command without it.
            let line = raw.trim_end();
            let stray = line.ends_with('\'') && line.matches('\'').count() % 2 == 1;
            Ok(stray
                .then(|| command_block_at(&line[..line.len() - 1], line_no).ok())
                .flatten())
        }
        Err(e) => Err(e),
    }
}

/// The request of the curl or HTTPie command starting at `line` (line `line_no` of
/// `input`) as a block, and the command's last line.
fn command_block(input: &str, line: &str, line_no: usize) -> Result<(Block, usize), InputError> {
    let start = (line.as_ptr() as usize).saturating_sub(input.as_ptr() as usize);
    command_block_at(input.get(start..).unwrap_or(""), line_no)
}

/// [`command_block`] of the command at the start of `text`.
fn command_block_at(text: &str, line_no: usize) -> Result<(Block, usize), InputError> {
    let (call, end) = super::command::read_call(text, line_no)?;
    let end = end + super::command::piped_programs(text.get(end..).unwrap_or(""));
    let last = line_no
        + text
            .get(..end)
            .unwrap_or("")
            .trim_end()
            .matches('\n')
            .count();
    let mut b = Block::new(line_no, BlockKind::Request);
    b.method = Some(call.method);
    b.target = Some(call.url);
    b.headers = call.headers;
    if let Some(r) = call.referer {
        if b.header("referer").is_none() {
            b.headers.push(("Referer".to_string(), r));
        }
    }
    b.sends_body = call.body != super::command::CommandBody::None;
    b.sends_cookies = call.cookie;
    b.from_command = true;
    Ok((b, last))
}

fn is_progress_line(l: &str) -> bool {
    let t = l.trim();
    if t.starts_with("% Total") || t.starts_with("Dload") {
        return true;
    }
    let toks: Vec<&str> = t.split_whitespace().collect();
    toks.len() >= 10
        && toks.iter().all(|x| {
            x.bytes()
                .all(|b| b.is_ascii_digit() || b".:-kMG".contains(&b))
        })
}

/// `curl -v` output: "> " request, "< " response, "* " info, "{ "/"} " data.
fn split_curl(input: &str, kind: InputKind) -> Result<Vec<Msg>, InputError> {
    let mut msgs: Vec<Msg> = Vec::new();
    let mut cur: Option<Block> = None;
    let mut section = Section::Idle;
    let mut tls = false;
    let mut port: Option<u16> = None;
    let mut next_url: Option<String> = None;
    // The command itself, for output that prints no request (`curl -i`, or a copy that
    // left curl -v's `> ` lines out): its method, URL and headers are the request's.
    let mut next_cmd: Option<Block> = None;
    let mut info_error: Option<(usize, String)> = None;
    let mut skip_to = 0;
    let mut prev_blank = false;
    for (idx, raw) in input.lines().enumerate() {
        let line_no = idx + 1;
        if line_no <= skip_to {
            continue;
        }
        let l = raw.trim_start_matches('\u{feff}').trim_end_matches('\r');
        // The command that printed what follows: its URL is the full one (curl -v prints
        // only the path and Host).
        let command = if command_starts(section, l, prev_blank) {
            command_in(section, input, raw, line_no)?
        } else {
            None
        };
        prev_blank = l.trim().is_empty() || l == "<";
        if let Some((b, last)) = command {
            if section == Section::Body {
                if let Some(prev) = cur.take() {
                    msgs.push(Msg::Block(prev));
                }
                section = Section::Idle;
            }
            next_url.clone_from(&b.target);
            next_cmd = Some(b);
            skip_to = last;
            continue;
        }
        if let Some(rest) = l.strip_prefix("> ").or((l == ">").then_some("")) {
            let in_request = section == Section::Headers
                && cur.as_ref().is_some_and(|b| b.kind == BlockKind::Request);
            if rest.trim().is_empty() {
                if in_request {
                    section = Section::Body;
                }
                continue;
            }
            if !in_request {
                let Some((m, t, v)) = parse_request_line(rest) else {
                    return Err(InputError::at_line(
                        kind,
                        line_no,
                        format!(
                            "expected curl's request line \"> METHOD /path HTTP/1.1\", found {:?}",
                            clip(l)
                        ),
                    ));
                };
                if let Some(prev) = cur.take() {
                    msgs.push(Msg::Block(prev));
                }
                let mut b = Block::new(line_no, BlockKind::Request);
                b.method = Some(m.to_string());
                b.target = Some(t.to_string());
                b.version = Some(v.to_string());
                // curl prints its TLS handshake for https: a connection without one is http.
                b.tls = port.map(|p| tls || p == 443);
                b.full_url = next_url.take();
                next_cmd = None;
                cur = Some(b);
                section = Section::Headers;
                continue;
            }
            if let Some(b) = cur.as_mut() {
                b.add_header(kind, line_no, rest)?;
            }
            continue;
        }
        if let Some(rest) = l.strip_prefix("< ").or((l == "<").then_some("")) {
            let in_response = section == Section::Headers
                && cur.as_ref().is_some_and(|b| b.kind == BlockKind::Response);
            if rest.trim().is_empty() {
                if in_response {
                    section = Section::Body;
                }
                continue;
            }
            if let Some((v, status, text)) = parse_status_line(rest) {
                let Some(status) = status else {
                    return Err(InputError::at_line(
                        kind,
                        line_no,
                        format!("expected a 3-digit status code after {v:?}"),
                    ));
                };
                if let Some(prev) = cur.take() {
                    msgs.push(Msg::Block(prev));
                }
                // A response with no printed request before it: the command's.
                let requested =
                    matches!(msgs.last(), Some(Msg::Block(r)) if r.kind == BlockKind::Request);
                if let Some(c) = next_cmd.take().filter(|_| !requested) {
                    msgs.push(Msg::Block(c));
                    next_url = None;
                }
                let mut b = Block::new(line_no, BlockKind::Response);
                b.version = Some(v.to_string());
                b.status = Some(status);
                b.status_text = text.to_string();
                cur = Some(b);
                section = Section::Headers;
                continue;
            }
            if !in_response {
                return Err(InputError::at_line(
                    kind,
                    line_no,
                    format!(
                        "expected curl's status line \"< HTTP/1.1 403 Forbidden\", found {:?}",
                        clip(l)
                    ),
                ));
            }
            if let Some(b) = cur.as_mut() {
                b.add_header(kind, line_no, rest)?;
            }
            continue;
        }
        if let Some(info) = l.strip_prefix("* ").or_else(|| l.strip_prefix('*')) {
            let info = info.trim();
            if info.starts_with("SSL connection")
                || info.starts_with("ALPN")
                || info.starts_with("TLS")
                || info.starts_with("Server certificate")
            {
                tls = true;
            }
            if let Some(r) = info.strip_prefix("Connected to ") {
                tls = false;
                port = Some(0);
                if let Some((_, p)) = r.rsplit_once(" port ") {
                    let digits: String = p.chars().take_while(|c| c.is_ascii_digit()).collect();
                    port = digits.parse().ok().or(Some(0));
                }
            }
            // Insomnia's timeline (libcurl's verbose output) names the full URL first.
            if let Some(r) = info.strip_prefix("Preparing request to ") {
                next_url = Some(r.trim().to_string());
            }
            if let Some(r) = info.strip_prefix("Issue another request to this URL: ") {
                next_url = Some(r.trim_matches(['\'', '"']).to_string());
            }
            if let Some(i) = info.find("OPENED stream for ") {
                let u = info
                    .get(i + "OPENED stream for ".len()..)
                    .unwrap_or("")
                    .trim();
                next_url = Some(u.to_string());
            }
            let failure = info.starts_with("Could not resolve host")
                || (info.starts_with("connect to ") && info.contains(" failed"))
                || info.starts_with("Failed to connect to ")
                || info.starts_with("Operation timed out")
                || info.starts_with("SSL certificate problem");
            if failure && info_error.is_none() {
                info_error = Some((line_no, info.to_string()));
            }
            continue;
        }
        if l.starts_with("{ [") || l.starts_with("} [") {
            continue;
        }
        if let Some(rest) = l.strip_prefix("curl: (") {
            if rest
                .split_once(')')
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            {
                if let Some(prev) = cur.take() {
                    msgs.push(Msg::Block(prev));
                }
                section = Section::Idle;
                info_error = None;
                msgs.push(Msg::NetError {
                    line: line_no,
                    text: l.trim().to_string(),
                });
                continue;
            }
        }
        if is_progress_line(l) {
            continue;
        }
        // Unprefixed: the body of the response being read.
        if section == Section::Body {
            if let Some(b) = cur.as_mut().filter(|b| b.kind == BlockKind::Response) {
                let mut text = l;
                for marker in ["* Connection #", "* Closing connection"] {
                    if let Some(i) = text.find(marker) {
                        text = text.get(..i).unwrap_or(text);
                    }
                }
                if !text.is_empty() {
                    b.body.push(text.to_string());
                }
            }
        }
    }
    if let Some(prev) = cur.take() {
        msgs.push(Msg::Block(prev));
    }
    if let Some((line, text)) = info_error {
        if !msgs.iter().any(|m| matches!(m, Msg::NetError { .. })) {
            let answered = msgs
                .iter()
                .any(|m| matches!(m, Msg::Block(b) if b.kind == BlockKind::Response));
            if !answered {
                msgs.push(Msg::NetError { line, text });
            }
        }
    }
    Ok(msgs)
}

// ---------------------------------------------------------------------------
// Shared request helpers (also used by the command reader)

/// The author request headers among `headers` (browser-added ones removed).
pub(crate) fn author_headers<'a>(
    headers: impl IntoIterator<Item = &'a (String, String)>,
    acrh: Option<&str>,
) -> HeaderList {
    HeaderList(
        headers
            .into_iter()
            .filter(|(n, v)| !is_browser_added(n, v, acrh))
            .map(|(n, v)| Header {
                name: n.clone(),
                value: v.clone(),
            })
            .collect(),
    )
}

/// The body kind a Content-Type announces.
pub(crate) fn body_kind_for(content_type: Option<&str>) -> BodyKind {
    match content_type {
        None => BodyKind::Text,
        Some(ct) => super::body_kind_of_mime(ct).unwrap_or(BodyKind::Unknown),
    }
}

/// The serialized origin of a URL (`https://app.example.com`), or the value
/// itself when it is already an origin such as `null`.
pub(crate) fn origin_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url.trim()).ok()?;
    let o = u.origin();
    o.is_tuple().then(|| o.ascii_serialization())
}

fn normalize_url(s: &str) -> String {
    match url::Url::parse(s) {
        Ok(u) => u.to_string(),
        Err(_) => s.to_string(),
    }
}

fn host_is_local(host: &str) -> bool {
    let h = host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host);
    let h = h.trim_matches(['[', ']']);
    h == "localhost"
        || h.ends_with(".localhost")
        || h.parse::<std::net::IpAddr>().is_ok()
        || host.starts_with('[')
}

/// Guess the scheme for `host` when the capture does not state it.
pub(crate) fn guess_scheme(host: &str, origin: Option<&str>, tls: Option<bool>) -> &'static str {
    if let Some(t) = tls {
        return if t { "https" } else { "http" };
    }
    let port = host
        .rsplit_once(':')
        .filter(|(h, _)| !h.ends_with(']') || h.starts_with('['))
        .and_then(|(_, p)| p.parse::<u16>().ok());
    match port {
        Some(80) => return "http",
        Some(443) => return "https",
        _ => {}
    }
    if let Some(o) = origin {
        if o.starts_with("http://") && (host_is_local(host) || port.is_some()) {
            return "http";
        }
    }
    "https"
}

fn block_url(b: &Block) -> String {
    let target = b.target.as_deref().or(b.pseudo(":path")).unwrap_or("");
    if target.starts_with("http://") || target.starts_with("https://") {
        return normalize_url(target);
    }
    if let Some(full) = &b.full_url {
        if let Ok(u) = url::Url::parse(full) {
            // (A target that is no path, "OPTIONS redacted1url HTTP/1.1", is a redaction:
            // the Request URL stands.)
            let path_matches = target.is_empty() || !target.starts_with('/') || {
                let mut p = u.path().to_string();
                if let Some(q) = u.query() {
                    p.push('?');
                    p.push_str(q);
                }
                p == target
            };
            if path_matches {
                return u.to_string();
            }
        }
    }
    let host = b.pseudo(":authority").or_else(|| b.header("host"));
    let Some(host) = host.filter(|h| !h.is_empty()) else {
        return target.to_string();
    };
    let scheme = match b.pseudo(":scheme") {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => guess_scheme(host, b.header("origin"), b.tls).to_string(),
    };
    let path = if target.is_empty() { "/" } else { target };
    // A target that is no path ("redacted1url"): the URL is not in the input; glued to the
    // host it would be a made-up one.
    if !path.starts_with('/') && path != "*" {
        return format!("{scheme}://{host}/{path}");
    }
    normalize_url(&format!("{scheme}://{host}{path}"))
}

fn block_method(b: &Block) -> String {
    if let Some(m) = b.method.as_deref().or(b.pseudo(":method")) {
        return m.to_string();
    }
    if b.header("access-control-request-method").is_some() {
        "OPTIONS".to_string()
    } else {
        "GET".to_string()
    }
}

fn block_body(b: &Block) -> Option<String> {
    let mut lines: &[String] = &b.body;
    while let Some((last, rest)) = lines.split_last() {
        if last.trim().is_empty() {
            lines = rest;
        } else {
            break;
        }
    }
    while let Some((first, rest)) = lines.split_first() {
        if first.trim().is_empty() {
            lines = rest;
        } else {
            break;
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn to_response(b: &Block) -> Response {
    let version = b
        .version
        .clone()
        .or_else(|| b.pseudo(":status").map(|_| "HTTP/2".to_string()));
    Response {
        status: b.status.unwrap_or(0),
        status_text: b.status_text.clone(),
        http_version: version,
        headers: plain_headers(b),
        body: block_body(b),
    }
}

/// A block's header lines without HTTP/2 pseudo-headers (`:status`, `:path` …).
fn plain_headers(b: &Block) -> HeaderList {
    HeaderList(
        b.headers
            .iter()
            .filter(|(n, _)| !n.starts_with(':'))
            .map(|(n, v)| Header {
                name: n.clone(),
                value: v.clone(),
            })
            .collect(),
    )
}

fn is_preflight(b: &Block) -> bool {
    block_method(b).eq_ignore_ascii_case("OPTIONS")
        && b.header("access-control-request-method").is_some()
}

struct PreflightPair {
    line: usize,
    method: String,
    url: String,
    origin: Option<String>,
    acrh: Option<String>,
    preflight: Preflight,
    used: bool,
}

fn preflight_pair(req: &Block, resp: Option<&Block>) -> PreflightPair {
    let url = block_url(req);
    PreflightPair {
        line: req.line,
        method: req
            .header("access-control-request-method")
            .unwrap_or("")
            .trim()
            .to_string(),
        url: url.clone(),
        origin: req.header("origin").map(str::to_string),
        acrh: req
            .header("access-control-request-headers")
            .map(str::to_string),
        preflight: Preflight {
            url,
            request_headers: plain_headers(req),
            response: resp.map(to_response),
            error: None,
        },
        used: false,
    }
}

fn new_exchange(kind: InputKind, req: &Block, acrh: Option<&str>) -> Exchange {
    let method = block_method(req);
    let url = block_url(req);
    let mut ex = Exchange::new(kind, &method, &url);
    // Without Origin (a simple GET, provisional headers), the Referer: across origins the
    // default referrer policy sends the page's origin, and a longer one starts with it.
    ex.page_origin = req
        .header("origin")
        .map(|o| o.trim().to_string())
        .or_else(|| req.header("referer").and_then(origin_of));
    let has_cookie = req.sends_cookies || req.header("cookie").is_some();
    ex.request = Request {
        method,
        method_known: Known::Stated,
        url,
        headers: {
            let mut h = author_headers(&req.headers, acrh);
            // An OPTIONS typed by hand without Access-Control-Request-Method (no preflight a
            // browser sends) keeps the headers it asks about: it stands for a preflight later.
            if block_method(req).eq_ignore_ascii_case("OPTIONS") && !is_preflight(req) {
                if let Some(v) = req.header("access-control-request-headers") {
                    h.push("Access-Control-Request-Headers", v);
                }
            }
            h
        },
        credentials: if has_cookie {
            Credentials::Include
        } else {
            Credentials::SameOrigin
        },
        credentials_known: if has_cookie {
            Known::Inferred
        } else {
            Known::Unknown
        },
        body: if req.sends_body
            || block_body(req).is_some()
            || req
                .header("content-length")
                .is_some_and(|l| l.trim() != "0")
        {
            body_kind_for(req.header("content-type"))
        } else {
            BodyKind::None
        },
        initiator: None,
    };
    ex.location = format!("line {}", req.line);
    ex
}

/// Where the current response redirects to, resolved against `base`.
fn redirect_target(base: &str, resp: &Response) -> Option<String> {
    if !resp.is_redirect() {
        return None;
    }
    let loc = resp.location()?;
    match url::Url::parse(base) {
        Ok(b) => b.join(&loc).ok().map(|u| u.to_string()),
        Err(_) => url::Url::parse(&loc).ok().map(|u| u.to_string()),
    }
}

/// Move the exchange's current response (a 3xx) into its redirects.
fn response_to_hop(ex: &mut Exchange) {
    if let Some(prev) = ex.response.take() {
        let hop_url = match ex.redirects.last() {
            Some(r) => redirect_target(&r.url, &r.response).unwrap_or_default(),
            None => ex.request.url.clone(),
        };
        ex.redirects.push(Redirect::new(hop_url, prev));
    }
}

/// Record `resp` as the exchange's response, moving a previous 3xx into the redirects.
fn push_response(ex: &mut Exchange, resp: Response) {
    response_to_hop(ex);
    ex.response = Some(resp);
}

/// The preflight the browser sent to a redirect's Location before following it: the 3xx
/// becomes a hop carrying it, whatever came after (the request again, or nothing when the
/// preflight failed).
fn attach_hop_preflight(ex: &mut Exchange, preflight: Preflight) {
    if ex.response.as_ref().is_some_and(|r| r.is_redirect()) {
        response_to_hop(ex);
    }
    if let Some(hop) = ex.redirects.last_mut() {
        hop.preflight = PreflightCapture::Captured(preflight);
    }
}

/// The URL the exchange's current (3xx) response points to, if it is a redirect.
fn pending_redirect(ex: &Exchange) -> Option<Option<String>> {
    let resp = ex.response.as_ref()?;
    if !resp.is_redirect() || resp.location().is_none() {
        return None;
    }
    let base = match ex.redirects.last() {
        Some(r) => redirect_target(&r.url, &r.response).unwrap_or_default(),
        None => ex.request.url.clone(),
    };
    Some(redirect_target(&base, resp))
}

fn assemble(msgs: Vec<Msg>, kind: InputKind) -> Vec<Exchange> {
    let mut out: Vec<(usize, Exchange)> = Vec::new();
    let mut preflights: Vec<PreflightPair> = Vec::new();
    // Index in `out` of the exchange the next response belongs to.
    let mut open: Option<usize> = None;
    // A preflight sent to the open exchange's redirect target (DevTools lists it between the
    // 3xx and the request sent again).
    let mut hop_preflight: Option<Preflight> = None;
    let mut i = 0;
    while let Some(m) = msgs.get(i) {
        match m {
            Msg::NetError { line, text } => {
                let target = open
                    .and_then(|k| out.get_mut(k))
                    .filter(|(_, e)| e.response.is_none() && e.network_error.is_none());
                match target {
                    Some((_, e)) => e.network_error = Some(text.clone()),
                    None => {
                        let mut e = Exchange::new(kind, "GET", "");
                        e.request.method_known = Known::Unknown;
                        e.network_error = Some(text.clone());
                        e.location = format!("line {line}");
                        out.push((*line, e));
                    }
                }
                open = None;
                i += 1;
            }
            Msg::Block(b) if b.resolved_kind() == BlockKind::Request => {
                // Its responses: every response block up to the next request.
                let mut j = i + 1;
                let mut resps: Vec<&Block> = Vec::new();
                while let Some(Msg::Block(r)) = msgs.get(j) {
                    // After a final answer that is no redirect, a response is another run's
                    // (the same command sent again, its own request lines left out).
                    let answered = resps
                        .last()
                        .is_some_and(|p| !matches!(p.status, Some(301 | 302 | 303 | 307 | 308)));
                    if r.resolved_kind() != BlockKind::Response || answered {
                        break;
                    }
                    if !(100..200).contains(&r.status.unwrap_or(0)) {
                        resps.push(r);
                    }
                    j += 1;
                }
                if is_preflight(b) {
                    let pair = preflight_pair(b, resps.first().copied());
                    let for_hop = open.and_then(|k| out.get(k)).is_some_and(|(_, e)| {
                        pending_redirect(e)
                            .flatten()
                            .is_some_and(|t| normalize_url(&t) == pair.url)
                    });
                    // DevTools logs a request before its preflight: in a copy of its views,
                    // the open exchange's own.
                    let own = open.and_then(|k| out.get_mut(k)).filter(|(_, e)| {
                        kind == InputKind::DevtoolsHeaders
                            && e.request.url == pair.url
                            && e.request.method == pair.method
                            && e.preflight == PreflightCapture::NotInInput
                            && e.redirects.is_empty()
                    });
                    if let Some((_, e)) = own {
                        if e.page_origin.is_none() {
                            e.page_origin = pair.origin.clone();
                        }
                        e.preflight = PreflightCapture::Captured(pair.preflight);
                    } else if for_hop && hop_preflight.is_none() {
                        hop_preflight = Some(pair.preflight);
                    } else {
                        preflights.push(pair);
                        open = None;
                    }
                    i = j;
                    continue;
                }
                let url = block_url(b);
                let method = block_method(b);
                // A request for the Location of the open exchange's 3xx: a redirect hop.
                let follows = open.and_then(|k| out.get(k)).and_then(|(_, e)| {
                    pending_redirect(e).map(|target| {
                        kind == InputKind::CurlVerbose
                            || target.is_some_and(|t| normalize_url(&t) == url)
                    })
                });
                if follows == Some(true) {
                    if let Some((_, e)) = open.and_then(|k| out.get_mut(k)) {
                        // (DevTools may list the preflight to the redirect's target before the
                        // 3xx that led there: a copy's order follows its log.)
                        let listed_before = || {
                            preflights
                                .iter_mut()
                                .rev()
                                .find(|p| !p.used && p.method == method && p.url == url)
                                .map(|p| {
                                    p.used = true;
                                    p.preflight.clone()
                                })
                        };
                        if let Some(p) = hop_preflight.take().or_else(listed_before) {
                            attach_hop_preflight(e, p);
                        }
                        for r in &resps {
                            push_response(e, to_response(r));
                        }
                    }
                } else {
                    if let Some(p) = hop_preflight.take() {
                        if let Some((_, e)) = open.and_then(|k| out.get_mut(k)) {
                            attach_hop_preflight(e, p);
                        }
                    }
                    let pf = preflights
                        .iter_mut()
                        .rev()
                        .find(|p| !p.used && p.method == method && p.url == url);
                    let acrh = pf.as_ref().and_then(|p| p.acrh.clone());
                    let mut e = new_exchange(kind, b, acrh.as_deref());
                    if let Some(p) = pf {
                        p.used = true;
                        e.preflight = PreflightCapture::Captured(p.preflight.clone());
                        if e.page_origin.is_none() {
                            e.page_origin = p.origin.clone();
                        }
                    }
                    for r in &resps {
                        push_response(&mut e, to_response(r));
                    }
                    out.push((b.line, e));
                    open = Some(out.len() - 1);
                }
                i = j;
            }
            Msg::Block(b) => {
                if (100..200).contains(&b.status.unwrap_or(0)) {
                    i += 1;
                    continue;
                }
                let resp = to_response(b);
                let continues = open
                    .and_then(|k| out.get(k))
                    .is_some_and(|(_, e)| pending_redirect(e).is_some());
                if continues {
                    if let Some((_, e)) = open.and_then(|k| out.get_mut(k)) {
                        push_response(e, resp);
                    }
                } else {
                    // A response pasted without its request: the method is not known.
                    let mut e = Exchange::new(kind, "GET", "");
                    e.request.method_known = Known::Unknown;
                    e.location = format!("line {}", b.line);
                    e.response = Some(resp);
                    out.push((b.line, e));
                    open = Some(out.len() - 1);
                }
                i += 1;
            }
        }
    }
    if let Some(p) = hop_preflight.take() {
        if let Some((_, e)) = open.and_then(|k| out.get_mut(k)) {
            attach_hop_preflight(e, p);
        }
    }
    // Preflights whose request came before them, or never came.
    for p in preflights.into_iter().filter(|p| !p.used) {
        // One sent to a redirect's target the copy listed before the 3xx: that hop's.
        let hop = out.iter_mut().find(|(_, e)| {
            e.request.method == p.method
                && pending_redirect(e)
                    .flatten()
                    .is_some_and(|t| normalize_url(&t) == p.url)
        });
        if let Some((_, e)) = hop {
            attach_hop_preflight(e, p.preflight);
            continue;
        }
        let late = out.iter_mut().find(|(_, e)| {
            e.request.method == p.method
                && e.request.url == p.url
                && e.preflight == PreflightCapture::NotInInput
        });
        match late {
            Some((_, e)) => e.preflight = PreflightCapture::Captured(p.preflight),
            None => {
                let mut e = Exchange::new(kind, &p.method, &p.url);
                if let Some(list) = &p.acrh {
                    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                        e.request.headers.push(name, "");
                    }
                }
                e.page_origin = p.origin.clone();
                e.location = format!("line {}", p.line);
                e.preflight = PreflightCapture::Captured(p.preflight);
                out.push((p.line, e));
            }
        }
    }
    out.sort_by_key(|(line, _)| *line);
    out.into_iter().map(|(_, e)| e).collect()
}

/// A curl -v trace whose copy stopped inside a header line ("> Accep"): the input without
/// that last line (line numbers kept). None for any other input.
fn cut_off_last_line(input: &str) -> Option<String> {
    let lines: Vec<&str> = input.split('\n').collect();
    let last = lines.iter().rposition(|l| !l.trim().is_empty())?;
    let l = lines[last].trim_end();
    let rest = l.strip_prefix("> ").or_else(|| l.strip_prefix("< "))?;
    let start_line = rest.starts_with("HTTP/") || rest.contains(" HTTP/");
    if rest.contains(':') || start_line || last == 0 {
        return None;
    }
    // Only after a header of the same message.
    let prev = lines[last - 1].trim_end();
    (prev.get(..2) == l.get(..2) && prev.contains(':')).then(|| lines[..last].join("\n"))
}

/// Headers as Go prints an `http.Header` entry (`Access-Control-Allow-Origin:[*]`, the value
/// list in brackets), every header line so: the lines with their values (line numbers kept).
fn go_header_lines(input: &str) -> Option<String> {
    let mut any = false;
    let mut out = String::with_capacity(input.len());
    for l in input.lines() {
        let t = l.trim();
        if !t.is_empty() && !is_start_line(t) {
            let (name, value) = t.split_once(':')?;
            let inner = value.trim().strip_prefix('[')?.strip_suffix(']')?;
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                return None;
            }
            out.push_str(&format!("{name}: {inner}"));
            any = true;
        } else {
            out.push_str(t);
        }
        out.push('\n');
    }
    any.then_some(out)
}

pub fn read(input: &str, kind: InputKind) -> Result<Vec<Exchange>, InputError> {
    if kind == InputKind::HttpText {
        if let Some(plain) = go_header_lines(input) {
            return read(&plain, kind);
        }
    }
    // `curl -v`'s response lines under the command, its own request lines (`> `) left out
    // of the paste: read as the command with `curl -i` output (line numbers kept).
    if kind == InputKind::CurlVerbose
        && !input.lines().any(|l| l.starts_with("> "))
        && input.lines().any(|l| l.starts_with("< "))
        && super::command::starts_command(after_blank_lines(input))
    {
        let plain: Vec<&str> = input
            .lines()
            .map(|l| {
                if l == "<" || l.starts_with("* ") || l.starts_with("{ ") || l.starts_with("} ") {
                    ""
                } else {
                    l.strip_prefix("< ").unwrap_or(l)
                }
            })
            .collect();
        let mut out = read(&plain.join("\n"), InputKind::HttpText)?;
        out.iter_mut().for_each(|x| x.source = kind);
        return Ok(out);
    }
    let cut;
    let input = match (kind == InputKind::CurlVerbose)
        .then(|| cut_off_last_line(input))
        .flatten()
    {
        Some(c) => {
            cut = c;
            cut.as_str()
        }
        None => input,
    };
    let msgs = if kind == InputKind::CurlVerbose && looks_like_curl_verbose(input) {
        split_curl(input, kind)?
    } else {
        split_plain(input, kind)?
    };
    if msgs.is_empty() {
        return Err(InputError::at_line(
            kind,
            1,
            "no HTTP request or response found",
        ));
    }
    Ok(assemble(responses_first(msgs), kind))
}

/// Blocks pasted response first, then its request, pair after pair (the order Firefox's and
/// Chrome's Headers views show them: "Response Headers" above "Request Headers"): each
/// request put before its response. Only when every block alternates so, from a response.
fn responses_first(mut msgs: Vec<Msg>) -> Vec<Msg> {
    let kinds: Vec<Option<BlockKind>> = msgs
        .iter()
        .map(|m| match m {
            Msg::Block(b) => Some(b.resolved_kind()),
            Msg::NetError { .. } => None,
        })
        .collect();
    let alternates = kinds.len() >= 2
        && kinds.len() % 2 == 0
        && kinds
            .chunks(2)
            .all(|p| p == [Some(BlockKind::Response), Some(BlockKind::Request)]);
    // A status line on each response: a real response block, not a headers fragment.
    let stated = msgs.iter().all(|m| match m {
        Msg::Block(b) if b.resolved_kind() == BlockKind::Response => b.status.is_some(),
        _ => true,
    });
    if alternates && stated {
        for pair in msgs.chunks_mut(2) {
            pair.swap(0, 1);
        }
    }
    msgs
}
