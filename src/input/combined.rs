//! A browser's console message pasted together with the HTTP text of the same request —
//! the response headers DevTools showed (as raw HTTP or as the Headers view copied), or a
//! `curl -i` / `curl -v` / HTTPie session —
//! as a bug report has them. The console reader gives what the browser said (its
//! words, the URL, the page's origin); the HTTP reader gives what the server answered.
//! Each console message takes the HTTP exchange of its URL (or, for a bare response, the
//! only one), so the verdict has both: the real response and the browser's own words.

use super::{console, http_text, InputError, Parsed};
use crate::cors_error::CorsError;
use crate::exchange::{Exchange, HeaderList, InputKind, Known, Preflight, PreflightCapture};

/// Does this line start HTTP text: a status or request line (curl's `<`/`>` ones too) or a
/// curl / HTTPie command?
fn starts_http(line: &str) -> bool {
    let t = line.trim_end_matches('\r');
    let t = t
        .strip_prefix("< ")
        .or_else(|| t.strip_prefix("> "))
        .unwrap_or(t);
    http_text::is_start_line(t) || super::command::starts_command(t)
}

/// A label a person writes above what they paste ("Response headers:").
fn is_label(line: &str) -> bool {
    let t = line.trim();
    t.ends_with(':') && t.contains(' ') && t.len() < 60
}

/// A `Name: value` header line (`Name:value` as DevTools' old view copies it).
fn is_header_line(line: &str) -> bool {
    let t = line.trim();
    t.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.len() < 60
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// The header lines of a bare block pasted beside the message, without a status line
/// ("this is the preflight response:" and its `Access-Control-…` lines), the rest blanked
/// (line numbers kept); `None` unless one of them is a CORS header.
fn header_block(lines: &[&str]) -> Option<String> {
    // curl -v's response lines (`< server: nginx`) with their marker off; its request lines
    // (`> `) are no response's.
    // Without a request line among them, `> ` lines are a Markdown quote of the response's
    // headers ("Following are my response headers." and `> Access-Control-…` lines).
    let curl_request = lines.iter().any(|l| {
        l.trim_start()
            .strip_prefix("> ")
            .is_some_and(http_text::is_start_line)
    });
    let unmarked: Vec<&str> = lines
        .iter()
        .map(|l| {
            let t = l.trim_start();
            t.strip_prefix("< ")
                .or_else(|| (t == "<").then_some(""))
                .or_else(|| t.strip_prefix("> ").filter(|_| !curl_request))
                .unwrap_or(l)
        })
        .collect();
    let lines = unmarked.as_slice();
    let cors = |l: &&str| {
        let t = l.trim_start();
        is_header_line(t)
            && t.get(..15)
                .is_some_and(|p| p.eq_ignore_ascii_case("access-control-"))
    };
    // …or a response's headers without any CORS header (the point of pasting them): three
    // header lines or more, one only a response carries, none only a request carries.
    let name_of = |l: &&str| {
        l.trim_start()
            .split(':')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    };
    let headers: Vec<String> = lines
        .iter()
        .filter(|l| is_header_line(l.trim_start()) && !console::is_console_line(l))
        .map(name_of)
        .collect();
    const RESPONSE_ONLY: [&str; 10] = [
        "server",
        "age",
        "via",
        "x-cache",
        "etag",
        "last-modified",
        "expires",
        "set-cookie",
        "x-amz-cf-id",
        "cf-ray",
    ];
    const REQUEST_ONLY: [&str; 7] = [
        "user-agent",
        "accept",
        "origin",
        "host",
        "referer",
        "cookie",
        "access-control-request-method",
    ];
    let response_block = headers.len() >= 3
        && headers.iter().any(|h| RESPONSE_ONLY.contains(&h.as_str()))
        && !headers
            .iter()
            .any(|h| REQUEST_ONLY.contains(&h.as_str()) || h.starts_with("sec-fetch-"));
    if !lines.iter().any(cors) && !response_block {
        return None;
    }
    let mut out = String::new();
    for l in lines {
        if is_header_line(l) && !console::is_console_line(l) {
            out.push_str(l.trim());
        }
        out.push('\n');
    }
    Some(out)
}

/// The input with everything but the HTTP text blanked (line numbers kept), when it has
/// HTTP text after or between its console lines.
fn http_part(input: &str) -> Option<String> {
    let lines: Vec<&str> = input.lines().collect();
    let Some(first) = lines.iter().position(|l| starts_http(l)) else {
        return header_block(&lines);
    };
    let mut out = String::with_capacity(input.len());
    for (i, l) in lines.iter().enumerate() {
        if i >= first && !console::is_console_line(l) && !is_label(l) {
            out.push_str(l);
        }
        out.push('\n');
    }
    Some(out)
}

/// The input with its console lines blanked (line numbers kept), when what is left is a
/// copy of DevTools' Headers view.
fn devtools_part(input: &str) -> Option<String> {
    let mut out = String::with_capacity(input.len());
    for l in input.lines() {
        if !console::is_console_line(l) {
            out.push_str(l);
        }
        out.push('\n');
    }
    http_text::devtools_view::looks_like(&out).then_some(out)
}

fn same_url(a: &str, b: &str) -> bool {
    let norm = |u: &str| {
        url::Url::parse(u).map_or_else(
            |_| u.to_string(),
            |mut p| {
                p.set_fragment(None);
                p.to_string()
            },
        )
    };
    !a.is_empty() && norm(a) == norm(b)
}

/// `c` (from a console message) with what `h` (from HTTP text of the same request) shows.
fn merge(c: Exchange, mut h: Exchange) -> Exchange {
    let preflight_error = c
        .observed
        .as_ref()
        .and_then(|o| o.cors_error.as_deref())
        .and_then(CorsError::from_name)
        .is_some_and(CorsError::is_preflight);
    if h.request.url.is_empty() {
        // A bare response: the request is the one the message names. When the message is
        // about the preflight, the pasted response is the preflight's. No request was sent
        // by hand: the request is the browser's, as the message tells it.
        // The preflight's request headers pasted with it (as a block of their own, or in the
        // response's when the "Request Headers:" / "Response Headers:" titles ran together):
        // its Access-Control-Request-Method states the request's method.
        let asked = |name: &str| {
            h.captured_preflight()
                .and_then(|p| p.request_headers.get(name))
                .or_else(|| h.request.headers.get(name))
                .or_else(|| h.response.as_ref().and_then(|r| r.headers.get(name)))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let acrm = asked("access-control-request-method");
        let acrh = asked("access-control-request-headers");
        h.request = c.request.clone();
        h.source = c.source;
        if let (Some(m), Known::Unknown, true) = (&acrm, c.request.method_known, preflight_error) {
            h.request.method = m.to_ascii_uppercase();
            h.request.method_known = Known::Stated;
        }
        if preflight_error && h.preflight.is_not_in_input() {
            let mut request_headers = HeaderList::new();
            if let Some(o) = &c.page_origin {
                request_headers.push("Origin", o.clone());
            }
            if h.request.method_known != Known::Unknown {
                request_headers.push("Access-Control-Request-Method", h.request.method.clone());
            }
            if let Some(list) = &acrh {
                request_headers.push("Access-Control-Request-Headers", list.clone());
            }
            h.preflight = PreflightCapture::Captured(Preflight {
                url: c.request.url.clone(),
                request_headers,
                response: h.response.take(),
                error: None,
            });
        }
    } else if h.request.initiator.is_none() {
        h.request.initiator = c.request.initiator;
    }
    if h.page_origin.is_none() {
        h.page_origin = c.page_origin.clone();
    }
    if h.request.credentials_known == Known::Unknown
        && c.request.credentials_known != Known::Unknown
    {
        h.request.credentials = c.request.credentials;
        h.request.credentials_known = c.request.credentials_known;
    }
    if h.response.is_none() && h.network_error.is_none() {
        h.network_error = c.network_error.clone();
    }
    h.observed = c.observed;
    // A reason quoted on its own, without "Access to … at" or "Response to preflight request"
    // ("the browser then reports *No 'Access-Control-Allow-Origin' header is present*"),
    // beside a preflight's answer and no request's: the preflight's failure, as Chrome names it.
    let preflight_only =
        h.captured_preflight().is_some_and(|p| p.response.is_some()) && h.response.is_none();
    if let (Some(o), true, true) = (
        h.observed.as_mut(),
        c.request.url.is_empty(),
        preflight_only,
    ) {
        let named = o.cors_error.as_deref().and_then(CorsError::from_name);
        if let (Some(e), false) = (named, o.text.to_ascii_lowercase().contains("preflight")) {
            o.cors_error = Some(e.at_preflight().name().to_string());
        }
    }
    if h.unreadable_headers.is_empty() {
        h.unreadable_headers = c.unreadable_headers;
    }
    h.location = c.location;
    h
}

/// Most prose lines left out of the HTTP text between its messages.
const MAX_PROSE_LINES: usize = 16;

/// Read the HTTP text; a line of prose between its messages ("Then I tried with curl:"),
/// which the HTTP reader refuses, is left out and the text read again.
fn read_http(mut text: String) -> Result<Vec<Exchange>, InputError> {
    let kind = if http_text::looks_like_curl_verbose(&text) {
        InputKind::CurlVerbose
    } else {
        InputKind::HttpText
    };
    let mut left_out = 0;
    loop {
        match http_text::read(&text, kind) {
            Err(e)
                if left_out < MAX_PROSE_LINES
                    && e.message.starts_with("expected a request line") =>
            {
                let Some(line) = e.place.line else {
                    return Err(e);
                };
                left_out += 1;
                text = text
                    .lines()
                    .enumerate()
                    .map(|(i, l)| if i + 1 == line { "" } else { l })
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            other => return other,
        }
    }
}

/// Read a console paste that also carries HTTP text: `None` when it has none, or when that
/// text cannot be read (the console message alone is then read as before).
pub(super) fn read(input: &str) -> Result<Option<Parsed>, InputError> {
    let read = if let Some(text) = http_part(input) {
        read_http(text)
    } else if let Some(text) = devtools_part(input) {
        http_text::devtools_view::read(&text)
    } else {
        return Ok(None);
    };
    let Ok(mut http) = read else {
        return Ok(None);
    };
    // An OPTIONS sent by hand (`curl -v -X OPTIONS …`) stands for the preflight, as it does
    // pasted alone: the message's failed preflight is its answer.
    http.iter_mut().for_each(super::options_as_preflight);
    let (messages, unread) = match console::read_lines(input) {
        Ok((m, u)) => (Ok(m), u),
        Err(e) => (Err(e), Vec::new()),
    };
    let url_less = |m: &Vec<Exchange>| {
        m.iter()
            .all(|x| x.request.url.is_empty() && x.network_error.is_some())
    };
    if messages.as_ref().map_or(true, url_less) {
        // No message, but the browser's error name without its URL ("(failed)
        // net::ERR_BLOCKED_BY_ORB" from DevTools' Status column) over the one request's
        // HTTP text: that request's failure, with the response the server sent.
        let mut names = input.lines().filter_map(console::url_less_error);
        if let (Some(name), [h]) = (names.next(), http.as_mut_slice()) {
            if names.all(|n| n == name) && h.network_error.is_none() {
                h.network_error = Some(name.to_string());
                return Ok(Some(Parsed {
                    kind: InputKind::ConsoleError,
                    exchanges: http,
                    unread: Vec::new(),
                }));
            }
        }
    }
    let messages = messages?;
    let mut out = Vec::with_capacity(messages.len() + http.len());
    let single = messages.len() == 1;
    for c in messages {
        let at = http
            .iter()
            .position(|h| same_url(&h.request.url, &c.request.url))
            .or_else(|| {
                // A bare response (no request line, no command) belongs to the message
                // when there is only one of each.
                let mut bare = http
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| h.request.url.is_empty());
                match (bare.next(), bare.next()) {
                    (Some((i, _)), None) if single => Some(i),
                    _ => None,
                }
            })
            .or_else(|| {
                // A message that names no URL (Safari's "Failed to load resource: Origin … is
                // not allowed …") and the one request the HTTP text shows: that request.
                (single && c.request.url.is_empty() && http.len() == 1).then_some(0)
            });
        match at {
            Some(i) => out.push(merge(c, http.remove(i))),
            None => out.push(c),
        }
    }
    // HTTP text no message names stays: it is what the server answered.
    out.extend(http.into_iter().filter(|h| !h.request.url.is_empty()));
    Ok(Some(Parsed {
        kind: InputKind::ConsoleError,
        exchanges: out,
        unread,
    }))
}
