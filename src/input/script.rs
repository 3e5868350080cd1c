//! The page's script pasted beside a console message: the `fetch()`, Axios, Angular
//! `HttpClient`, jQuery or `XMLHttpRequest` call that made the request. The browser's
//! message names the URL and what failed, never the method, the headers the script set or
//! its credentials mode; the call states them. A bug report usually has both.
//!
//! The call is read as JavaScript source, leniently: object literals with unquoted keys,
//! single-quoted and template strings, trailing commas and comments; any other expression
//! (a variable, `JSON.stringify(…)`) is kept as written and counts as "not known".

use crate::exchange::{BodyKind, Credentials, Exchange, Known};

/// A JavaScript value as written in the source.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Js {
    /// A string literal ('…', "…", or `…` without `${}`), unescaped.
    Str(String),
    /// A template literal with substitutions, as written between the backticks.
    Template(String),
    Num(String),
    Bool(bool),
    /// `null` or `undefined`.
    Null,
    /// An object literal's own properties in order (spreads left out).
    Obj(Vec<(String, Js)>),
    Arr(Vec<Js>),
    /// Any other expression, as written.
    Expr(String),
}

impl Js {
    pub(crate) fn get(&self, key: &str) -> Option<&Js> {
        match self {
            Js::Obj(props) => props.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A string the source states (a literal, not an expression).
    pub(crate) fn str(&self) -> Option<&str> {
        match self {
            Js::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value as a header value: a literal as is; a template or an expression as
    /// written, so that `Bearer ${token}` reads as such.
    fn header_value(&self) -> String {
        match self {
            Js::Str(s) | Js::Num(s) => s.clone(),
            Js::Template(t) => t.clone(),
            Js::Bool(b) => b.to_string(),
            Js::Null => "null".to_string(),
            Js::Expr(e) => format!("<{e}>"),
            Js::Obj(_) | Js::Arr(_) => "<value>".to_string(),
        }
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// Skip whitespace and comments from byte `at`.
pub(crate) fn skip_space(s: &str, mut at: usize) -> usize {
    loop {
        let Some(rest) = s.get(at..) else {
            return at;
        };
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if let Some(r) = trimmed.strip_prefix("//") {
            at += 2 + r.find('\n').unwrap_or(r.len());
        } else if let Some(r) = trimmed.strip_prefix("/*") {
            match r.find("*/") {
                Some(i) => at += 2 + i + 2,
                None => return s.len(),
            }
        } else {
            return at;
        }
    }
}

/// The string literal at `at` (its quote first): its value (a template's raw text) and
/// whether it is a template with substitutions, and the offset after it.
fn string_at(s: &str, at: usize) -> Option<(String, bool, usize)> {
    let rest = s.get(at..)?;
    let q = rest.chars().next()?;
    if !matches!(q, '"' | '\'' | '`') {
        return None;
    }
    let mut out = String::new();
    let mut escaped = false;
    let mut chars = rest.char_indices().skip(1).peekable();
    let mut substitution = false;
    while let Some((i, c)) = chars.next() {
        if escaped {
            out.push(match c {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                other => other,
            });
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == q {
            return Some((out, substitution, at + i + 1));
        } else if q == '`' && c == '$' && chars.peek().is_some_and(|(_, n)| *n == '{') {
            // `${…}`: kept as written, to its closing brace.
            substitution = true;
            let start = at + i;
            let end = bracket_end(s, start + 1)?;
            out.push_str(s.get(start..end)?);
            while chars.peek().is_some_and(|(j, _)| at + j < end) {
                chars.next();
            }
        } else if q != '`' && c == '\n' {
            return None;
        } else {
            out.push(c);
        }
    }
    None
}

/// The end (exclusive) of the bracketed group opening at `at` (`{`, `[` or `(`), strings
/// and comments skipped.
fn bracket_end(s: &str, at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    while let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
        match c {
            '"' | '\'' | '`' => {
                i = string_at(s, i)?.2;
                continue;
            }
            '/' if matches!(s.get(i + 1..i + 2), Some("/" | "*")) => {
                i = skip_space(s, i);
                continue;
            }
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    None
}

/// The expression at `at`, to the first `,` `;` or unmatched closing bracket at its own
/// depth: its text and the offset after it.
fn expr_at(s: &str, at: usize) -> (String, usize) {
    let mut i = at;
    while let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
        match c {
            ',' | ';' | ')' | ']' | '}' => break,
            '"' | '\'' | '`' => match string_at(s, i) {
                Some((_, _, end)) => {
                    i = end;
                    continue;
                }
                None => break,
            },
            '{' | '[' | '(' => match bracket_end(s, i) {
                Some(end) => {
                    i = end;
                    continue;
                }
                None => break,
            },
            '/' if matches!(s.get(i + 1..i + 2), Some("/" | "*")) => {
                let next = skip_space(s, i);
                // A comment ending the expression's line ends it only if a terminator follows.
                i = next;
                continue;
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    (s.get(at..i).unwrap_or("").trim().to_string(), i)
}

fn ends_value(s: &str, at: usize) -> bool {
    let at = skip_space(s, at);
    s.get(at..)
        .and_then(|r| r.chars().next())
        .is_none_or(|c| matches!(c, ',' | ';' | ')' | ']' | '}'))
}

/// The JavaScript value at byte `at`, and the offset after it.
pub(crate) fn value_at(s: &str, at: usize) -> Option<(Js, usize)> {
    let at = skip_space(s, at);
    let c = s.get(at..)?.chars().next()?;
    // An object, an array or a string that does not read is not JavaScript: no value.
    let literal = match c {
        '{' => Some(object_at(s, at)?),
        '[' => Some(array_at(s, at)?),
        '"' | '\'' | '`' => string_at(s, at)
            .map(|(v, sub, end)| (if sub { Js::Template(v) } else { Js::Str(v) }, end)),
        _ => None,
    };
    if let Some((v, end)) = literal {
        // `'https://api' + path`: an expression that starts with a literal.
        if ends_value(s, end) {
            return Some((v, end));
        }
    }
    let (text, end) = expr_at(s, at);
    if text.is_empty() {
        return None;
    }
    // `new Headers({…})`, `new HttpHeaders({…})`: the object they are made from.
    for wrapper in ["new Headers(", "new HttpHeaders(", "new window.Headers("] {
        if text.starts_with(wrapper) {
            if let Some((v @ (Js::Obj(_) | Js::Arr(_)), _)) = value_at(s, at + wrapper.len()) {
                return Some((v, end));
            }
        }
    }
    let v = match text.as_str() {
        "true" => Js::Bool(true),
        "false" => Js::Bool(false),
        "null" | "undefined" => Js::Null,
        t if t.parse::<f64>().is_ok() => Js::Num(t.to_string()),
        _ => Js::Expr(text),
    };
    Some((v, end))
}

fn object_at(s: &str, at: usize) -> Option<(Js, usize)> {
    let mut props = Vec::new();
    let mut i = skip_space(s, at + 1);
    loop {
        let c = s.get(i..)?.chars().next()?;
        if c == '}' {
            return Some((Js::Obj(props), i + 1));
        }
        if s.get(i..)?.starts_with("...") {
            let (_, end) = expr_at(s, i + 3);
            i = end;
        } else {
            let (key, after_key) = match c {
                '"' | '\'' => {
                    let (k, _, end) = string_at(s, i)?;
                    (k, end)
                }
                '[' => {
                    let end = bracket_end(s, i)?;
                    (s.get(i..end)?.to_string(), end)
                }
                c if is_ident_char(c) => {
                    let len = s.get(i..)?.find(|c: char| !is_ident_char(c))?;
                    (s.get(i..i + len)?.to_string(), i + len)
                }
                _ => return None,
            };
            let j = skip_space(s, after_key);
            match s.get(j..)?.chars().next()? {
                ':' => {
                    let (v, end) = value_at(s, j + 1)?;
                    props.push((key, v));
                    i = end;
                }
                // Shorthand `{ method, headers }`: the variable's value is not in the source.
                ',' | '}' => {
                    props.push((key.clone(), Js::Expr(key)));
                    i = j;
                }
                // A method `name() { … }`: not a value the request takes.
                '(' => {
                    let params = bracket_end(s, j)?;
                    let body = skip_space(s, params);
                    i = bracket_end(s, body)?;
                }
                _ => return None,
            }
        }
        i = skip_space(s, i);
        match s.get(i..)?.chars().next()? {
            ',' => i = skip_space(s, i + 1),
            '}' => {}
            _ => return None,
        }
    }
}

fn array_at(s: &str, at: usize) -> Option<(Js, usize)> {
    let mut items = Vec::new();
    let mut i = skip_space(s, at + 1);
    loop {
        if s.get(i..)?.starts_with(']') {
            return Some((Js::Arr(items), i + 1));
        }
        let (v, end) = value_at(s, i)?;
        items.push(v);
        i = skip_space(s, end);
        match s.get(i..)?.chars().next()? {
            ',' => i = skip_space(s, i + 1),
            ']' => {}
            _ => return None,
        }
    }
}

/// The arguments of the call whose `(` is at `open`.
fn args_at(s: &str, open: usize) -> Option<Vec<Js>> {
    let mut args = Vec::new();
    let mut i = skip_space(s, open + 1);
    loop {
        if s.get(i..)?.starts_with(')') {
            return Some(args);
        }
        let (v, end) = value_at(s, i)?;
        args.push(v);
        i = skip_space(s, end);
        match s.get(i..)?.chars().next()? {
            ',' => i = skip_space(s, i + 1),
            ')' => {}
            _ => return None,
        }
    }
}

/// Headers from an object literal or an array of `[name, value]` pairs; `None` when the
/// source does not state them (a variable).
pub(crate) fn headers_of(v: &Js) -> Option<Vec<(String, String)>> {
    match v {
        Js::Obj(props) => Some(
            props
                .iter()
                .filter(|(k, _)| !k.starts_with('['))
                .filter(|(_, v)| *v != Js::Null)
                .map(|(k, v)| (k.clone(), v.header_value()))
                .collect(),
        ),
        Js::Arr(pairs) => pairs
            .iter()
            .map(|p| match p {
                Js::Arr(nv) => match nv.as_slice() {
                    [Js::Str(n), v] => Some((n.clone(), v.header_value())),
                    _ => None,
                },
                _ => None,
            })
            .collect(),
        Js::Null => Some(Vec::new()),
        _ => None,
    }
}

/// Which call made the request (the console line's wording and the library's defaults).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Api {
    Fetch,
    Axios,
    Angular,
    JQuery,
    Xhr,
    /// `navigator.sendBeacon(url, data)`: a POST with credentials, always.
    Beacon,
}

/// A request as the page's script makes it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ScriptRequest {
    pub api: Api,
    /// 1-based line of the call.
    pub line: usize,
    pub url: Js,
    /// `None`: the source does not state it (a variable).
    pub method: Option<String>,
    pub headers: Option<Vec<(String, String)>>,
    /// The credentials mode, and whether the call states it (`Known::Inferred` when it is
    /// the API's default, which code elsewhere may change).
    pub credentials: Option<(Credentials, Known)>,
    pub body: Option<BodyKind>,
}

fn line_of(s: &str, at: usize) -> usize {
    s.get(..at).map_or(1, |b| b.matches('\n').count() + 1)
}

/// The receiver and method before the `(` at `open`: `axios.post(` → ("axios", "post").
fn callee(s: &str, open: usize) -> (&str, &str) {
    // Where the identifier ending at `end` starts.
    let start_of = |t: &str| {
        t.char_indices()
            .rev()
            .find(|(_, c)| !is_ident_char(*c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let before = s.get(..open).unwrap_or("");
    let name_start = start_of(before);
    let name = before.get(name_start..).unwrap_or("");
    let rest = before.get(..name_start).unwrap_or("");
    let Some(rest) = rest.strip_suffix('.') else {
        return ("", name);
    };
    // (A chain broken over lines, "axios\n  .post(": the receiver before the line break.)
    let trimmed = rest.trim_end();
    let rest = if rest[trimmed.len()..].contains('\n') {
        trimmed
    } else {
        rest
    };
    (rest.get(start_of(rest)..).unwrap_or(""), name)
}

/// Brackets nested deeper than this are no page script a person pastes (and would cost the
/// recursive reader its stack): such a text is not read as one.
const MAX_DEPTH: usize = 64;

/// At most this many calls are read (each reads to its closing parenthesis).
const MAX_CALLS: usize = 64;

fn too_deep(s: &str) -> bool {
    let mut depth = 0usize;
    for b in s.bytes() {
        match b {
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Do the words before byte `at` end with "Failed to " (Chrome's "TypeError: Failed to
/// fetch", which old consoles printed as "Failed to fetch(…)")?
pub(crate) fn after_failed_to(s: &str, at: usize) -> bool {
    s.get(..at).is_some_and(|h| {
        let h = h.trim_end();
        h.len() >= 9
            && h.get(h.len() - 9..)
                .is_some_and(|t| t.eq_ignore_ascii_case("failed to"))
    })
}

/// The calls whose arguments say something about a request.
fn is_request_call(recv: &str, name: &str) -> bool {
    matches!(
        (recv, name),
        ("" | "window" | "globalThis" | "self", "fetch")
            | (
                "axios" | "$axios" | "api" | "instance" | "client" | "HTTP",
                _
            )
            | ("", "axios")
            | ("http" | "httpClient" | "_http" | "$http", _)
            | ("$" | "jQuery", _)
            | (_, "open" | "setRequestHeader")
    ) || (name == "invoke" && recv.ends_with("functions"))
        || name == "httpsCallable"
        || name == "sendBeacon"
        || is_graphql_client(recv, name)
        || (recv.is_empty() && matches!(name, "$fetch" | "ofetch"))
}

/// A GraphQL client made with its endpoint: graphql.js' `graphql(url, { headers })`,
/// graphql-request's `new GraphQLClient(url, { headers })`, Apollo's
/// `createHttpLink({ uri, headers, credentials })` / `new HttpLink({ … })`.
fn is_graphql_client(recv: &str, name: &str) -> bool {
    recv.is_empty()
        && matches!(
            name,
            "graphql" | "GraphQLClient" | "createHttpLink" | "HttpLink"
        )
}

/// A GraphQL client's requests: POSTs of JSON to its endpoint, with the headers and
/// credentials it was made with.
fn graphql_client(line: usize, args: &[Js]) -> Option<ScriptRequest> {
    let (url, options) = match args {
        [o @ Js::Obj(_), ..] => (o.get("uri").or_else(|| o.get("url"))?.clone(), o.clone()),
        [u, rest @ ..] => (
            u.clone(),
            rest.first().cloned().unwrap_or(Js::Obj(Vec::new())),
        ),
        [] => return None,
    };
    let mut headers = match options.get("headers") {
        None => Some(Vec::new()),
        Some(h) => headers_of(h),
    };
    if let Some(h) = headers.as_mut() {
        if !h
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        {
            h.push(("Content-Type".to_string(), "application/json".to_string()));
        }
    }
    // (A client's own default, not fetch's as written: inferred.)
    let credentials = fetch_credentials(options.get("credentials"), Known::Inferred);
    Some(ScriptRequest {
        api: Api::Fetch,
        line,
        url,
        method: Some("POST".to_string()),
        headers,
        credentials,
        body: Some(BodyKind::Json),
    })
}

fn method_of(v: Option<&Js>, upper_all: bool) -> Option<String> {
    let m = v?.str()?.trim();
    if m.is_empty() || !m.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    Some(if upper_all {
        m.to_ascii_uppercase()
    } else {
        super::command::normalize_fetch_method(m)
    })
}

/// `withCredentials: true` (Axios, Angular, jQuery's `xhrFields`).
fn with_credentials(v: Option<&Js>, everywhere: bool) -> Option<(Credentials, Known)> {
    match v {
        Some(Js::Bool(true)) => Some((Credentials::Include, Known::Stated)),
        Some(Js::Bool(false)) => Some((Credentials::SameOrigin, Known::Stated)),
        Some(_) => None,
        None if everywhere => Some((Credentials::Include, Known::Stated)),
        None => Some((Credentials::SameOrigin, Known::Inferred)),
    }
}

/// The Content-Type a library sets for a body it serializes itself (an object literal).
fn json_body_header(headers: &mut Option<Vec<(String, String)>>, body: Option<&Js>) {
    if let (Some(h), Some(Js::Obj(_))) = (headers.as_mut(), body) {
        if !h
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        {
            h.push(("Content-Type".to_string(), "application/json".to_string()));
        }
    }
}

fn body_kind(body: Option<&Js>, headers: Option<&Vec<(String, String)>>) -> Option<BodyKind> {
    match body {
        None | Some(Js::Null) => Some(BodyKind::None),
        Some(_) => {
            let ct = headers?
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
                .map(|(_, v)| v.as_str());
            Some(super::http_text::body_kind_for(ct))
        }
    }
}

/// `s` with its comments blanked out (each byte a space, line breaks kept, so offsets and
/// line numbers stay): a commented-out call or setting is not the page's. Quotes are followed
/// so that `//` in a string stays; `'` and `"` end at a line break (prose has apostrophes), a
/// `//` after `:` (a URL in prose) and a `/*` after `*` (`Accept: */*`) start no comment.
fn blank_comments(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("//") && !s.contains("/*") {
        return std::borrow::Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = b.to_vec();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            match c {
                b'\\' => i += 1,
                b'\n' if q != b'`' => quote = None,
                _ if c == q => quote = None,
                _ => {}
            }
            i += 1;
            continue;
        }
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        match (c, b.get(i + 1)) {
            (b'"' | b'\'' | b'`', _) => quote = Some(c),
            (b'/', Some(b'/')) if prev != b':' => {
                while i < b.len() && b[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
                continue;
            }
            (b'/', Some(b'*')) if prev != b'*' => {
                let end = s
                    .get(i + 2..)
                    .and_then(|r| r.find("*/"))
                    .map_or(b.len(), |e| i + 2 + e + 2);
                for o in &mut out[i..end] {
                    if *o != b'\n' {
                        *o = b' ';
                    }
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    // Only whole characters were blanked (a comment ends at an ASCII byte or the end).
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| s.to_string()))
}

/// `withCredentials: true` in the configuration of an Axios instance
/// (`axios.create({… withCredentials: true …})`).
fn axios_instance_credentials(s: &str) -> bool {
    let mut from = 0;
    while let Some(i) = s.get(from..).and_then(|r| r.find("axios.create")) {
        let at = skip_space(s, from + i + "axios.create".len());
        from = from + i + 1;
        if !s.get(at..).is_some_and(|r| r.starts_with('(')) {
            continue;
        }
        if let Some(args) = args_at(s, at) {
            if matches!(
                args.first().and_then(|c| c.get("withCredentials")),
                Some(Js::Bool(true))
            ) {
                return true;
            }
        }
    }
    false
}

/// Every request call in `s`, in the order written (comments left out).
pub(crate) fn requests(s: &str) -> Vec<ScriptRequest> {
    let code = blank_comments(s);
    let s = code.as_ref();
    if too_deep(s) {
        return Vec::new();
    }
    // Settings that change every call of a library (`axios.defaults.withCredentials = true`,
    // `axios.create({withCredentials: true})`, `$.ajaxSetup({xhrFields: {withCredentials: true}})`).
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let axios_credentials =
        compact.contains("defaults.withCredentials=true") || axios_instance_credentials(s);
    let jquery_credentials =
        compact.contains("ajaxSetup(") && compact.contains("withCredentials:true");
    // The region a Firebase client is told to call (getFunctions(app, 'europe-west1')).
    let regions = super::stack::cloud_regions(s);
    let mut out = Vec::new();
    // The XMLHttpRequest being set up: the request, its variable and where its setup began
    // (after the previous one's `open(`).
    let mut xhr: Option<(ScriptRequest, &str)> = None;
    let mut xhr_from = 0;
    // `xhr.withCredentials = true` between `from` and `to`, on the variable `recv`.
    let xhr_credentials = |recv: &str, from: usize, to: usize| {
        let part: String = s
            .get(from..to)
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let needle = format!("{recv}.withCredentials=true");
        if recv.is_empty() {
            part.contains(".withCredentials=true")
        } else {
            part.contains(&needle)
        }
    };
    let mut from = 0;
    let mut read = 0;
    while let Some(i) = s.get(from..).and_then(|r| r.find('(')) {
        let open = from + i;
        from = open + 1;
        let (recv, name) = callee(s, open);
        if name.is_empty() || !is_request_call(recv, name) {
            continue;
        }
        // The browser's "TypeError: Failed to fetch(…)" is no call.
        if name == "fetch" && after_failed_to(s, open - name.len()) {
            continue;
        }
        read += 1;
        if read > MAX_CALLS {
            break;
        }
        // A definition, no call: a Worker's `async fetch(request, env) {`, a `function
        // fetch(…) {`: its parameter list is followed by the body.
        if recv.is_empty()
            && bracket_end(s, open).is_some_and(|end| {
                s.get(skip_space(s, end)..)
                    .is_some_and(|r| r.starts_with('{'))
            })
        {
            continue;
        }
        let line = line_of(s, open);
        let Some(args) = args_at(s, open) else {
            continue;
        };
        let request = match (recv, name) {
            ("" | "window" | "globalThis" | "self", "fetch") => fetch_call(line, &args),
            ("axios" | "$axios" | "api" | "instance" | "client" | "HTTP", _) | ("", "axios") => {
                axios_call(line, name, &args, axios_credentials)
            }
            ("http" | "httpClient" | "_http" | "$http", _) => angular_call(line, name, &args),
            ("$" | "jQuery", _) => jquery_call(line, name, &args, jquery_credentials),
            (r, "invoke") if r.ends_with("functions") => functions_invoke(line, &args),
            (_, "httpsCallable") => https_callable(line, &args, &regions),
            (_, "sendBeacon") => beacon_call(s, line, &args),
            (r, n) if is_graphql_client(r, n) => graphql_client(line, &args),
            ("", "$fetch" | "ofetch") => fetch_call(line, &args),
            (_, "open") => {
                if let Some((mut x, var)) = xhr.take() {
                    if xhr_credentials(var, xhr_from, open) {
                        x.credentials = Some((Credentials::Include, Known::Stated));
                    }
                    out.push(x);
                    xhr_from = open;
                }
                xhr = xhr_open(line, &args).map(|x| (x, recv));
                continue;
            }
            (_, "setRequestHeader") => {
                if let [Js::Str(n), v, ..] = args.as_slice() {
                    // Without its open() in the paste (a `beforeSend` hook): a request whose
                    // URL and method the source does not state.
                    let (x, _) = xhr.get_or_insert_with(|| {
                        (
                            ScriptRequest {
                                api: Api::Xhr,
                                line,
                                url: Js::Null,
                                method: None,
                                headers: Some(Vec::new()),
                                credentials: None,
                                body: None,
                            },
                            recv,
                        )
                    });
                    x.headers
                        .get_or_insert_with(Vec::new)
                        .push((n.clone(), v.header_value()));
                }
                continue;
            }
            _ => None,
        };
        if let Some(r) = request {
            out.push(r);
        }
    }
    if let Some((mut x, var)) = xhr {
        if xhr_credentials(var, xhr_from, s.len()) {
            x.credentials = Some((Credentials::Include, Known::Stated));
        }
        out.push(x);
    }
    out
}

/// `navigator.sendBeacon(url, data)`: always a POST, always with credentials (the Beacon
/// standard's credentials mode is 'include'); its Content-Type is the data's: a string's
/// text/plain, URLSearchParams' form-urlencoded, FormData's multipart, a Blob's own `type`
/// (a `new Blob([…], { type: '…' })` in the source; `application/json` asks for a preflight).
fn beacon_call(s: &str, line: usize, args: &[Js]) -> Option<ScriptRequest> {
    let url = args.first()?.clone();
    let data = args.get(1);
    // The type of a Blob built in the source (the one the call sends, when it is the only one).
    let blob_type = || {
        let at = s.find("new Blob(")?;
        // The Blob's options, within its call's next few hundred bytes.
        let rest = s.get(at..).unwrap_or("");
        let call = rest.get(..rest.len().min(300)).unwrap_or(rest);
        let t = call.split("type").nth(1)?;
        let t = t.trim_start().strip_prefix(':')?.trim_start();
        let q = t.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
        let inner = &t[1..];
        Some(inner[..inner.find(q)?].to_string())
    };
    let content_type = match data {
        None => None,
        Some(Js::Str(_) | Js::Template(_)) => Some("text/plain;charset=UTF-8".to_string()),
        Some(Js::Expr(e)) if e.contains("URLSearchParams") => {
            Some("application/x-www-form-urlencoded;charset=UTF-8".to_string())
        }
        Some(Js::Expr(e)) if e.contains("FormData") => Some("multipart/form-data".to_string()),
        Some(_) => blob_type(),
    };
    let body = match content_type.as_deref() {
        Some(ct) => super::http_text::body_kind_for(Some(ct)),
        None if data.is_some() => BodyKind::Unknown,
        None => BodyKind::None,
    };
    Some(ScriptRequest {
        api: Api::Beacon,
        line,
        url,
        method: Some("POST".to_string()),
        headers: content_type.map(|ct| vec![("Content-Type".to_string(), ct)]),
        credentials: Some((Credentials::Include, Known::Stated)),
        body: Some(body),
    })
}

/// Firebase's callable function, `httpsCallable(functions, 'name')` (v9) or
/// `functions.httpsCallable('name')` (v8): a POST of JSON to the URL the SDK builds,
/// `https://REGION-PROJECT.cloudfunctions.net/NAME` (the region the pasted code names, else
/// the SDK's us-central1; the project a placeholder).
fn https_callable(line: usize, args: &[Js], regions: &[(usize, String)]) -> Option<ScriptRequest> {
    let name = args.iter().take(2).find_map(|a| match a {
        Js::Str(n) => Some(n.as_str()),
        _ => None,
    })?;
    let ok = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if name.is_empty() || !name.chars().all(ok) {
        return None;
    }
    let region = regions.first().map_or("us-central1", |(_, r)| r.as_str());
    Some(ScriptRequest {
        api: Api::Fetch,
        line,
        url: Js::Str(format!(
            "https://{region}-<project>.cloudfunctions.net/{name}"
        )),
        method: Some("POST".to_string()),
        body: None,
        headers: Some(vec![(
            "Content-Type".to_string(),
            "application/json".to_string(),
        )]),
        credentials: None,
    })
}

/// supabase-js' `supabase.functions.invoke('name', { body, method, headers })`: a fetch() to
/// the function's URL (not in the call), POST unless `method` says otherwise. The headers it
/// adds itself (the project's key, its client info) are not the call's to state.
fn functions_invoke(line: usize, args: &[Js]) -> Option<ScriptRequest> {
    if !matches!(args.first()?, Js::Str(_)) {
        return None;
    }
    let opts = args.get(1).cloned().unwrap_or(Js::Obj(Vec::new()));
    let method = match opts.get("method") {
        None => Some("POST".to_string()),
        m => method_of(m, true),
    };
    let body = opts.get("body");
    Some(ScriptRequest {
        api: Api::Fetch,
        line,
        url: Js::Null,
        method,
        body: body_kind(body, None),
        headers: None,
        credentials: None,
    })
}

/// fetch's `credentials` option (and the clients that pass it on): its mode as written; left
/// out, fetch's default `same-origin`, known as `absent` says.
fn fetch_credentials(v: Option<&Js>, absent: Known) -> Option<(Credentials, Known)> {
    match v {
        None => Some((Credentials::SameOrigin, absent)),
        Some(Js::Str(c)) => match c.as_str() {
            "include" => Some((Credentials::Include, Known::Stated)),
            "omit" => Some((Credentials::Omit, Known::Stated)),
            "same-origin" => Some((Credentials::SameOrigin, Known::Stated)),
            _ => None,
        },
        Some(_) => None,
    }
}

fn fetch_call(line: usize, args: &[Js]) -> Option<ScriptRequest> {
    let url = args.first()?.clone();
    let init = args.get(1).cloned().unwrap_or(Js::Obj(Vec::new()));
    let method = match init.get("method") {
        None => Some("GET".to_string()),
        m => method_of(m, false),
    };
    let headers = match init.get("headers") {
        None => Some(Vec::new()),
        Some(h) => headers_of(h),
    };
    let credentials = fetch_credentials(init.get("credentials"), Known::Stated);
    let body = body_kind(init.get("body"), headers.as_ref());
    Some(ScriptRequest {
        api: Api::Fetch,
        line,
        url,
        method,
        headers,
        credentials,
        body,
    })
}

fn axios_call(line: usize, name: &str, args: &[Js], everywhere: bool) -> Option<ScriptRequest> {
    let (url, data, config) = match name {
        "get" | "delete" | "head" | "options" => (args.first()?.clone(), None, args.get(1)),
        "post" | "put" | "patch" => (args.first()?.clone(), args.get(1), args.get(2)),
        "request" | "axios" => match args {
            [c @ Js::Obj(_), ..] => (c.get("url").cloned().unwrap_or(Js::Null), None, Some(c)),
            [u, rest @ ..] => (u.clone(), None, rest.first()),
            [] => return None,
        },
        _ => return None,
    };
    let config = config.cloned().unwrap_or(Js::Obj(Vec::new()));
    let data = data.or_else(|| config.get("data"));
    let method = match name {
        "request" | "axios" => match config.get("method") {
            None => Some("GET".to_string()),
            m => method_of(m, true),
        },
        m => Some(m.to_ascii_uppercase()),
    };
    let mut headers = match config.get("headers") {
        None => Some(Vec::new()),
        Some(h) => headers_of(h),
    };
    json_body_header(&mut headers, data);
    // `auth: {username, password}`: Axios sends it as Basic authorization.
    if let (Some(h), Some(Js::Obj(_))) = (headers.as_mut(), config.get("auth")) {
        if !h
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("authorization"))
        {
            h.push(("Authorization".to_string(), "Basic …".to_string()));
        }
    }
    Some(ScriptRequest {
        api: Api::Axios,
        line,
        url: joined_url(config.get("baseURL"), url),
        method,
        body: body_kind(data, headers.as_ref()),
        headers,
        credentials: with_credentials(config.get("withCredentials"), everywhere),
    })
}

fn angular_call(line: usize, name: &str, args: &[Js]) -> Option<ScriptRequest> {
    let (url, data, options) = match name {
        "get" | "delete" | "head" | "options" | "jsonp" => (args.first()?, None, args.get(1)),
        "post" | "put" | "patch" => (args.first()?, args.get(1), args.get(2)),
        _ => return None,
    };
    if name == "jsonp" {
        return None;
    }
    let options = options.cloned().unwrap_or(Js::Obj(Vec::new()));
    let mut headers = match options.get("headers") {
        None => Some(Vec::new()),
        Some(h) => headers_of(h),
    };
    json_body_header(&mut headers, data);
    Some(ScriptRequest {
        api: Api::Angular,
        line,
        url: url.clone(),
        method: Some(name.to_ascii_uppercase()),
        body: body_kind(data, headers.as_ref()),
        headers,
        credentials: with_credentials(options.get("withCredentials"), false),
    })
}

fn jquery_call(line: usize, name: &str, args: &[Js], everywhere: bool) -> Option<ScriptRequest> {
    let (url, settings, method) = match (name, args) {
        ("ajax", [s @ Js::Obj(_), ..]) => (s.get("url").cloned()?, s.clone(), None),
        ("ajax", [u, rest @ ..]) => (
            u.clone(),
            rest.first().cloned().unwrap_or(Js::Obj(Vec::new())),
            None,
        ),
        ("get" | "getJSON", [u, ..]) => (u.clone(), Js::Obj(Vec::new()), Some("GET")),
        ("post", [u, ..]) => (u.clone(), Js::Obj(Vec::new()), Some("POST")),
        _ => return None,
    };
    // JSONP is a script element, not CORS.
    if settings.get("dataType").and_then(Js::str) == Some("jsonp") {
        return None;
    }
    let method = match method {
        Some(m) => Some(m.to_string()),
        None => match settings.get("type").or_else(|| settings.get("method")) {
            None => Some("GET".to_string()),
            m => method_of(m, true),
        },
    };
    let mut headers = match settings.get("headers") {
        None => Some(Vec::new()),
        Some(h) => headers_of(h),
    };
    match (headers.as_mut(), settings.get("contentType")) {
        (Some(h), Some(Js::Str(ct))) => h.push(("Content-Type".to_string(), ct.clone())),
        (_, None | Some(Js::Bool(false))) => {}
        // A content type from a variable: the request's headers are not all known.
        (_, Some(_)) => headers = None,
    }
    let credentials = match settings.get("xhrFields") {
        Some(x @ Js::Obj(_)) => with_credentials(x.get("withCredentials"), everywhere),
        Some(_) => None,
        None => with_credentials(None, everywhere),
    };
    let data = settings.get("data");
    Some(ScriptRequest {
        api: Api::JQuery,
        line,
        url,
        method,
        body: body_kind(data, headers.as_ref()),
        headers,
        credentials,
    })
}

fn xhr_open(line: usize, args: &[Js]) -> Option<ScriptRequest> {
    let [m @ Js::Str(_), url, ..] = args else {
        return None;
    };
    // `window.open(url, '_blank')` is no request.
    let method = method_of(Some(m), false)?;
    Some(ScriptRequest {
        api: Api::Xhr,
        line,
        url: url.clone(),
        method: Some(method),
        headers: Some(Vec::new()),
        credentials: Some((Credentials::SameOrigin, Known::Inferred)),
        body: None,
    })
}

/// A hand-written `fetch(url, {…})` call at byte `call` of `s`, its options object at byte
/// `options`, as the fetch reader's exchange; `None` when the options do not read as an
/// object literal.
pub(crate) fn fetch_exchange(s: &str, call: usize, url: &str, options: usize) -> Option<Exchange> {
    if too_deep(s) {
        return None;
    }
    let (init @ Js::Obj(_), _) = value_at(s, options)? else {
        return None;
    };
    let line = line_of(s, call);
    // `mode: 'no-cors'`: no CORS check, an opaque response.
    let no_cors = init.get("mode").and_then(Js::str) == Some("no-cors");
    let r = fetch_call(line, &[Js::Str(url.to_string()), init])?;
    let url = url::Url::parse(url).map_or_else(|_| url.to_string(), |u| u.to_string());
    let mut x = Exchange::new(
        crate::exchange::InputKind::FetchCommand,
        r.method.as_deref().unwrap_or("GET"),
        &url,
    );
    if r.method.is_none() {
        x.request.method_known = Known::Unknown;
    }
    x.location = format!("line {line}");
    if let Some(h) = &r.headers {
        x.request.headers = super::http_text::author_headers(h, None);
    }
    if let Some((mode, known)) = r.credentials {
        x.request.credentials = mode;
        x.request.credentials_known = known;
    }
    x.request.body = r.body.unwrap_or(BodyKind::Unknown);
    x.no_cors = no_cors;
    Some(x)
}

/// Axios' `baseURL` before a relative URL.
fn joined_url(base: Option<&Js>, url: Js) -> Js {
    match (base.and_then(Js::str), &url) {
        (Some(b), Js::Str(u)) if !u.contains("://") => Js::Str(format!(
            "{}/{}",
            b.trim_end_matches('/'),
            u.trim_start_matches('/')
        )),
        _ => url,
    }
}

/// The URL's path as the source states it, for matching a message's URL: an absolute URL's
/// path, or the literal text after a template's last substitution or a concatenation's
/// last `+` (`${API}/v1/orders` → `/v1/orders`).
fn stated_path(url: &Js) -> Option<String> {
    let text = match url {
        Js::Str(s) => s.clone(),
        Js::Template(t) => t.rsplit('}').next().unwrap_or("").to_string(),
        Js::Expr(e) => {
            let last = e.rsplit('+').next()?.trim();
            match string_at(last, 0) {
                Some((v, false, end)) if end == last.len() => v,
                _ => return None,
            }
        }
        _ => return None,
    };
    let text = text.split(['?', '#']).next().unwrap_or("");
    let path = match url::Url::parse(text) {
        Ok(u) => u.path().to_string(),
        Err(_) => text.to_string(),
    };
    let path = path.trim_end_matches('/');
    (path.len() > 1).then(|| path.to_string())
}

/// Does the call's URL stand for `target` (a message's URL)?
fn matches(url: &Js, target: &str) -> Option<bool> {
    let Ok(t) = url::Url::parse(target) else {
        return Some(false);
    };
    if let Js::Str(s) = url {
        // A URL a library builds around the project it does not know (`httpsCallable`).
        if let Some((head, tail)) = s.split_once("<project>") {
            let plain = target.split(['?', '#']).next().unwrap_or(target);
            return Some(
                plain.starts_with(head) && plain.ends_with(tail) && plain.len() > s.len() - 9,
            );
        }
        if let Ok(u) = url::Url::parse(s) {
            return Some(
                u.origin() == t.origin()
                    && u.path().trim_end_matches('/') == t.path().trim_end_matches('/'),
            );
        }
    }
    let path = stated_path(url)?;
    let target_path = t.path().trim_end_matches('/');
    Some(
        target_path.ends_with(&path)
            && (path.starts_with('/')
                || target_path.len() == path.len()
                || target_path[..target_path.len() - path.len()].ends_with('/')),
    )
}

/// Fill what console messages leave out (method, headers, credentials mode, body) from the
/// calls in the page's script pasted with them: a call whose URL stands for the message's,
/// or, with one message and one call, a call whose URL the source does not state.
pub(crate) fn fill(text: &str, exchanges: &mut [Exchange]) {
    if !text.contains('(') {
        return;
    }
    let mut calls = requests(text);
    if calls.is_empty() {
        return;
    }
    // axios' defaults set elsewhere in the code (`axios.defaults.headers.common['Authorization']
    // = token`): headers of every call it makes, for the call's method or all.
    let defaults = axios_default_headers(text);
    for c in calls.iter_mut().filter(|c| c.api == Api::Axios) {
        let method = c.method.clone().unwrap_or_default().to_ascii_lowercase();
        let mut h = c.headers.clone().unwrap_or_default();
        for (scope, name, value) in &defaults {
            if (scope == "common" || *scope == method)
                && !h.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                h.push((name.clone(), value.clone()));
            }
        }
        if !h.is_empty() {
            c.headers = Some(h);
        }
    }
    let single = exchanges.len() == 1 && calls.len() == 1;
    let exchanges_len = exchanges.len();
    for x in exchanges.iter_mut() {
        if x.observed.is_none() {
            continue;
        }
        // A message whose URL was cut out: the one call beside it is its request, or the
        // one of several whose credentials mode fits a message about credentials.
        if x.request.url.is_empty() {
            let credentialed = x.observed.as_ref().is_some_and(|o| {
                o.cors_error.as_deref().is_some_and(|e| {
                    e.contains("AllowCredentials") || e.contains("WildcardOriginNotAllowed")
                })
            });
            let fits: Vec<&ScriptRequest> = calls
                .iter()
                .filter(|c| {
                    c.credentials
                        .is_some_and(|(m, _)| m == Credentials::Include)
                })
                .collect();
            // (Several of one API, a call named in the words too: the one that says most.)
            let one_api = fits.windows(2).all(|w| w[0].api == w[1].api);
            let chosen = if single {
                calls.first()
            } else if credentialed && exchanges_len == 1 && one_api {
                fits.iter()
                    .copied()
                    .max_by_key(|c| (c.headers.is_some(), std::cmp::Reverse(c.line)))
            } else {
                None
            };
            if let Some(c) = chosen {
                apply(c, x);
                // The call's own absolute URL is the request's.
                if let Js::Str(u) = &c.url {
                    let u = super::placeholder_url(u).unwrap_or_else(|| u.clone());
                    if let Ok(parsed) = url::Url::parse(&u) {
                        if matches!(parsed.scheme(), "http" | "https") {
                            x.request.url = parsed.to_string();
                        }
                    }
                }
            }
            continue;
        }
        let call = calls
            .iter()
            .find(|c| matches(&c.url, &x.request.url) == Some(true))
            .or_else(|| {
                calls
                    .first()
                    .filter(|c| single && matches(&c.url, &x.request.url).is_none())
            });
        if let Some(c) = call {
            apply(c, x);
        }
    }
}

/// `axios.defaults.headers.<scope>['Name'] = value` (or `.Name = value`) in the code: (scope,
/// name, value), the scope `common` or a method in lower case, the value as written (a
/// string's text, or the expression).
fn axios_default_headers(text: &str) -> Vec<(String, String, String)> {
    const AT: &str = "defaults.headers.";
    let mut out = Vec::new();
    for l in text.lines().take(2000) {
        let Some(at) = l.find(AT) else {
            continue;
        };
        let rest = &l[at + AT.len()..];
        let scope: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if !matches!(
            scope.as_str(),
            "common" | "get" | "post" | "put" | "patch" | "delete"
        ) {
            continue;
        }
        let rest = &rest[scope.len()..];
        let (name, rest) = if let Some(r) = rest.strip_prefix('[') {
            let r = r.trim_start_matches(['\'', '"']);
            let end = r.find(['\'', '"', ']']).unwrap_or(r.len());
            (&r[..end], r[end..].trim_start_matches(['\'', '"', ']']))
        } else if let Some(r) = rest.strip_prefix('.') {
            let end = r
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(r.len());
            (&r[..end], &r[end..])
        } else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value
            .trim()
            .trim_end_matches(';')
            .trim()
            .trim_matches(['\'', '"', '`']);
        let token = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if token && !value.is_empty() {
            out.push((scope, name.to_string(), value.to_string()));
        }
    }
    out
}

fn apply(c: &ScriptRequest, x: &mut Exchange) {
    let mut used = false;
    if x.request.method_known == Known::Unknown {
        if let Some(m) = &c.method {
            x.request.method = m.clone();
            x.request.method_known = Known::Stated;
            used = true;
        }
    }
    // The message's own header names (the one a preflight did not allow, no value) stay
    // beside the call's.
    let named_only = x.request.headers.iter().all(|h| h.value.is_empty());
    if named_only {
        if let Some(h) = &c.headers {
            let mut headers = super::http_text::author_headers(h, None);
            for named in x.request.headers.iter() {
                if !headers.contains(&named.name) {
                    headers.push(named.name.clone(), "");
                }
            }
            x.request.headers = headers;
            used |= !h.is_empty();
        }
    }
    if x.request.credentials_known == Known::Unknown {
        if let Some((mode, known)) = c.credentials {
            x.request.credentials = mode;
            x.request.credentials_known = known;
            used = true;
        }
    }
    if x.request.body == BodyKind::None {
        if let Some(b) = c.body {
            x.request.body = b;
        }
    }
    if x.request.initiator.is_none() {
        use crate::browser_text::Initiator;
        x.request.initiator = Some(match c.api {
            Api::Fetch => Initiator::Fetch,
            Api::Axios | Api::Angular | Api::JQuery | Api::Xhr => Initiator::Xhr,
            Api::Beacon => Initiator::Other,
        });
    }
    if used {
        x.script_line = Some(c.line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> Js {
        value_at(s, 0).expect("a value").0
    }

    #[test]
    fn callee_of_a_chain_broken_over_lines() {
        let s = "axios\n    .post(endpoint, data)";
        let open = s.find('(').unwrap();
        assert_eq!(callee(s, open), ("axios", "post"));
        let s = "axios.post(endpoint)";
        assert_eq!(callee(s, s.find('(').unwrap()), ("axios", "post"));
        // A sentence's period before a call is no receiver.
        let s = "I call it. fetch(url)";
        assert_eq!(callee(s, s.find('(').unwrap()), ("", "fetch"));
        // Spaces without a line break before the dot: as written.
        let s = "it .post(x)";
        assert_eq!(callee(s, s.find('(').unwrap()).1, "post");
    }

    #[test]
    fn object_literals_read_as_written() {
        let v = value("{ method: 'POST', 'Content-Type': \"a\", n: 1, ok: true, x: undefined, }");
        assert_eq!(v.get("method"), Some(&Js::Str("POST".into())));
        assert_eq!(v.get("Content-Type"), Some(&Js::Str("a".into())));
        assert_eq!(v.get("n"), Some(&Js::Num("1".into())));
        assert_eq!(v.get("ok"), Some(&Js::Bool(true)));
        assert_eq!(v.get("x"), Some(&Js::Null));
    }

    #[test]
    fn expressions_are_kept_as_written() {
        let v = value("{ body: JSON.stringify({a: 1}), headers, ...rest, auth: `Bearer ${t}` }");
        assert_eq!(
            v.get("body"),
            Some(&Js::Expr("JSON.stringify({a: 1})".into()))
        );
        assert_eq!(v.get("headers"), Some(&Js::Expr("headers".into())));
        assert_eq!(v.get("auth"), Some(&Js::Template("Bearer ${t}".into())));
        assert_eq!(v.get("rest"), None);
        let v = value("'https://a.example' + path, x");
        assert_eq!(v, Js::Expr("'https://a.example' + path".into()));
    }

    #[test]
    fn comments_and_new_headers() {
        let v = value("{ // the options\n headers: new Headers({ /* json */ 'Accept': 'a' }) }");
        assert_eq!(
            v.get("headers").and_then(headers_of),
            Some(vec![("Accept".to_string(), "a".to_string())])
        );
    }

    #[test]
    fn deep_or_long_input_is_refused_quickly() {
        let deep = format!("fetch('https://a.example/x', {}", "{a: ".repeat(100_000));
        assert!(requests(&deep).is_empty());
        assert!(fetch_exchange(&deep, 0, "https://a.example/x", 28).is_none());
        let many = "fetch(".repeat(20_000);
        assert!(requests(&many).is_empty());
    }

    #[test]
    fn unclosed_input_is_none_not_a_panic() {
        for s in [
            "{ a: 'b",
            "{ a: ",
            "[1, 2",
            "`x ${y",
            "{ 'a': 1 ",
            "(",
            "{ a: b(c }",
        ] {
            let _ = value_at(s, 0);
            let _ = requests(s);
        }
    }

    #[test]
    fn the_paths_a_source_states() {
        let p = |s: &str| stated_path(&value(s));
        assert_eq!(p("`${API}/v1/orders?x=1`").as_deref(), Some("/v1/orders"));
        assert_eq!(
            p("'https://api.example.com/v1/x/'").as_deref(),
            Some("/v1/x")
        );
        assert_eq!(p("BASE + '/login'").as_deref(), Some("/login"));
        assert_eq!(p("url"), None);
        assert_eq!(p("'/'"), None);
    }

    fn creds(s: &str) -> Vec<Option<Credentials>> {
        requests(s)
            .iter()
            .map(|r| r.credentials.map(|c| c.0))
            .collect()
    }

    #[test]
    fn commented_out_calls_and_settings_are_not_the_pages() {
        let s = "// axios.defaults.withCredentials = true;\n/* fetch('https://a.example/old', {method: 'PUT'}) */\naxios.get('https://a.example/x'); // the call: 'quoted'\n";
        let r = requests(s);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].line, 3);
        assert_eq!(r[0].credentials.map(|c| c.0), Some(Credentials::SameOrigin));
        // `//` in a string, in a URL of prose, and `*/*` are no comments.
        let s = "Accept: */*\nsee https://a.example/docs\nfetch('https://a.example/x', { headers: { Accept: '*/*' }, credentials: 'include' })";
        let r = requests(s);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].url, Js::Str("https://a.example/x".into()));
        assert_eq!(r[0].credentials.map(|c| c.0), Some(Credentials::Include));
    }

    #[test]
    fn axios_instance_with_credentials() {
        for create in [
            "axios.create({ baseURL: 'https://a.example', withCredentials: true })",
            "axios.create({\n  withCredentials: true\n})",
            "axios.create ({ withCredentials: true, timeout: 5000 })",
        ] {
            let s = format!("const api = {create};\napi.get('/x');");
            assert_eq!(creds(&s), vec![Some(Credentials::Include)], "{s}");
        }
        let s = "const api = axios.create({ withCredentials: false, headers: { withCredentials: true } });\napi.get('/x');";
        assert_eq!(creds(s), vec![Some(Credentials::SameOrigin)]);
    }

    #[test]
    fn with_credentials_belongs_to_its_request() {
        let s = "const a = new XMLHttpRequest();\na.withCredentials = true;\na.open('GET', 'https://a.example/one');\na.send();\nconst b = new XMLHttpRequest();\nb.open('POST', 'https://a.example/two');\nb.send();";
        assert_eq!(
            creds(s),
            vec![Some(Credentials::Include), Some(Credentials::SameOrigin)]
        );
        let s = "const b = new XMLHttpRequest();\nb.open('POST', 'https://a.example/two');\nconst a = new XMLHttpRequest();\na.open('GET', 'https://a.example/one');\na.withCredentials = true;\na.send();";
        assert_eq!(
            creds(s),
            vec![Some(Credentials::SameOrigin), Some(Credentials::Include)]
        );
    }
}
