//! Response headers as tools other than browsers print them: Postman's headers table,
//! `wget -S`, Python `requests` (`print(r.headers)`, an interactive session), Node /
//! Axios header objects and PowerShell's `Key  Value` table.
//!
//! Each is turned into the lines of a raw header block (`HTTP/1.1 403`, `Name: value`)
//! for the [`http_text`](super::http_text) reader, every line remembering the input line
//! it came from: the exchanges and errors name the user's own lines. A request the input
//! names (the `requests.get(…)` or `Invoke-WebRequest` it was printed by) is joined to
//! the response read from the block.
//!
//! Also here: the refusal of what a script library printed of a failed request (Axios'
//! error as JSON, Angular's `HttpErrorResponse`), which does not say why it failed.

use super::command::{command_exchange, CommandBody};
use super::InputError;
use crate::exchange::{Exchange, InputKind, PreflightCapture};

const K: InputKind = InputKind::HttpText;

/// The shapes read here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// A Python dict or a Node object literal of headers.
    Object,
    /// A Python interactive session (`>>> r = requests.get(…)`).
    PythonSession,
    /// `wget -S` output.
    Wget,
    /// Postman's headers table copied: `Name<TAB>value`.
    Tabs,
    /// PowerShell's `Key  Value` / `---  -----` table.
    PsTable,
}

/// Names printed before a header object's `{` (Node's `console.log`, Python reprs).
const OBJECT_PREFIXES: [&str; 7] = [
    "AxiosHeaders",
    "[Object: null prototype]",
    "IncomingHttpHeaders",
    "CaseInsensitiveDict(",
    "HTTPHeaderDict(",
    "Headers(",
    // Node's fetch (undici): `Headers { date: '…' }`.
    "Headers",
];

fn trimmed(t: &str) -> &str {
    t.trim_start_matches('\u{feff}').trim_start()
}

/// The text after a known object prefix, and whether it opened a parenthesis.
fn strip_object_prefix(t: &str) -> (&str, bool) {
    for p in OBJECT_PREFIXES {
        if let Some(r) = t.strip_prefix(p) {
            return (r.trim_start(), p.ends_with('('));
        }
    }
    (t, false)
}

/// Does `t` start with a header object: `{` and then a single-quoted key or an unquoted
/// one (neither is JSON), or a known prefix and `{`?
fn starts_object(t: &str) -> bool {
    let t = trimmed(t);
    let (r, prefixed) = match strip_object_prefix(t) {
        (r, _) if r.len() < t.len() => (r, true),
        _ => (t, false),
    };
    let Some(r) = r.strip_prefix('{') else {
        return false;
    };
    let r = r.trim_start();
    if prefixed {
        return r.starts_with(['\'', '"', '}']) || starts_ident_key(r);
    }
    // A bare `{` with an unquoted key: a header's name (`{ date: '…' }`), not any object
    // the console printed (`{message: 'Network Error', …}`).
    let ident = r
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .next()
        .unwrap_or("");
    r.starts_with('\'')
        || (starts_ident_key(r) && super::http_text::is_plausible_header_name(ident))
}

/// `name: '…'` / `name: [` / `name: "…"`: an unquoted JavaScript key with a header value.
fn starts_ident_key(r: &str) -> bool {
    let end = r
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .unwrap_or(r.len());
    end > 0
        && !r.starts_with(|c: char| c.is_ascii_digit())
        && r.get(end..).is_some_and(|rest| {
            rest.trim_start()
                .strip_prefix(':')
                .is_some_and(|v| v.trim_start().starts_with(['\'', '"', '[']))
        })
}

/// Is `t` a header object (detected before the HAR reader: it starts with `{` too), or
/// PowerShell's header table (before DevTools' Headers view: `$r` printed has a
/// "StatusCode : 403" row)?
pub(crate) fn looks_like_early(t: &str) -> bool {
    // JSON (a HAR) is never a table: its lines are not scanned.
    starts_object(t) || (!trimmed(t).starts_with(['{', '[']) && looks_like_ps_table(t))
}

fn is_prompt_line(l: &str) -> bool {
    l.starts_with(">>> ") || l == ">>>"
}

fn is_wget_url_line(l: &str) -> Option<&str> {
    // --2026-03-03 10:12:44--  https://api.example.com/v1/items
    let r = l.strip_prefix("--")?;
    let (stamp, url) = r.split_once("--  ")?;
    let ok = stamp.len() == 19
        && stamp.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b' ',
            13 | 16 => b == b':',
            _ => b.is_ascii_digit(),
        });
    ok.then(|| url.trim())
}

fn is_indented(l: &str) -> bool {
    l.starts_with([' ', '\t'])
}

fn is_wget_status(l: &str) -> bool {
    is_indented(l) && super::http_text::is_start_line(l.trim()) && l.trim().starts_with("HTTP/")
}

/// "HTTP request sent, awaiting response... 403 Forbidden": wget without `-S`.
fn wget_status_without_s(l: &str) -> Option<&str> {
    let r = l
        .strip_prefix("HTTP request sent, awaiting response...")?
        .trim();
    let code = r.get(..3)?;
    (code.bytes().all(|b| b.is_ascii_digit())).then_some(r)
}

fn looks_like_wget(t: &str) -> bool {
    let mut intro = false;
    let mut status = false;
    for l in t.lines().map(|l| l.trim_end_matches('\r')) {
        if is_wget_url_line(l).is_some() || l.starts_with("HTTP request sent, awaiting response") {
            intro = true;
        }
        // `-S`'s indented status line, or wget's own line without `-S`.
        if intro && (is_wget_status(l) || wget_status_without_s(l).is_some()) {
            status = true;
        }
    }
    intro && status
}

fn is_table_title(l: &str) -> bool {
    let mut w = l.split_whitespace();
    matches!((w.next(), w.next(), w.next()), (Some(k), Some(v), None)
        if (k.eq_ignore_ascii_case("key") || k.eq_ignore_ascii_case("name"))
            && v.eq_ignore_ascii_case("value"))
}

/// PowerShell's title row and its underline, at index `i` of `lines`.
fn ps_table_at(lines: &[&str], i: usize) -> bool {
    let (Some(title), Some(rule)) = (lines.get(i), lines.get(i + 1)) else {
        return false;
    };
    let mut w = title.split_whitespace();
    let titled = matches!(
        (w.next(), w.next(), w.next()),
        (Some("Key"), Some("Value"), None)
    );
    let mut r = rule.split_whitespace();
    let ruled = matches!((r.next(), r.next(), r.next()), (Some(a), Some(b), None)
        if a.len() >= 3 && b.len() >= 5 && a.bytes().all(|c| c == b'-') && b.bytes().all(|c| c == b'-'));
    titled && ruled
}

fn input_lines(t: &str) -> Vec<&str> {
    t.lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim_end_matches('\r'))
        .collect()
}

fn looks_like_ps_table(t: &str) -> bool {
    // Without collecting the lines: this runs on every input, HARs of megabytes included.
    let mut prev: Option<&str> = None;
    t.lines().any(|l| {
        let l = l.trim_end_matches('\r');
        let found =
            l.trim_start().starts_with("---") && prev.is_some_and(|p| ps_table_at(&[p, l], 0));
        prev = Some(l);
        found
    })
}

fn tab_row(l: &str) -> Option<(&str, &str)> {
    let (n, v) = l.split_once('\t')?;
    let n = n.trim();
    is_token(n).then_some((n, v.trim()))
}

fn looks_like_tabs(t: &str) -> bool {
    let rows: Vec<&str> = input_lines(t)
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let body = match rows.first() {
        Some(f) if f.contains('\t') && is_table_title(f) => rows.get(1..).unwrap_or(&[]),
        _ => &rows[..],
    };
    !body.is_empty()
        && body.iter().all(|l| tab_row(l).is_some())
        && body
            .iter()
            .any(|l| tab_row(l).is_some_and(|(n, _)| super::http_text::is_plausible_header_name(n)))
}

/// The lines of a Python session, IPython's prompts (`In [3]: `, `   ...: `, `Out[3]: `)
/// written as the plain interpreter's (`>>> `, `... `, none).
fn py_lines(t: &str) -> Vec<String> {
    fn numbered<'a>(l: &'a str, word: &str) -> Option<&'a str> {
        let r = l.strip_prefix(word)?.strip_prefix('[')?;
        let (n, rest) = r.split_once("]:")?;
        (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then(|| rest.trim_start())
    }
    input_lines(t)
        .into_iter()
        .map(|l| {
            if let Some(r) = numbered(l, "In ") {
                format!(">>> {r}")
            } else if let Some(r) = numbered(l, "Out") {
                r.to_string()
            } else if let Some(r) = l.trim_start().strip_prefix("...:") {
                format!("... {}", r.trim_start())
            } else {
                l.to_string()
            }
        })
        .collect()
}

/// A Python session: a prompt line, and a dict printed (lines before the first prompt, such
/// as the interpreter's banner, are left out).
fn looks_like_python_session(t: &str) -> bool {
    if !(t.contains(">>>") || t.contains("In [")) {
        return false;
    }
    let lines = py_lines(t);
    lines.iter().any(|l| is_prompt_line(l))
        && lines
            .iter()
            .any(|l| !is_prompt_line(l) && !l.starts_with("... ") && starts_object(l))
}

/// The shape of `t`, for the shapes no other reader claims: checked after them.
fn late_shape(t: &str) -> Option<Shape> {
    let t = trimmed(t);
    if looks_like_python_session(t) {
        Some(Shape::PythonSession)
    } else if looks_like_wget(t) {
        Some(Shape::Wget)
    } else if looks_like_ps_table(t) {
        Some(Shape::PsTable)
    } else if looks_like_tabs(t) {
        Some(Shape::Tabs)
    } else {
        None
    }
}

/// Is `t` one of the shapes read here that other readers do not claim (checked after them)?
pub(crate) fn looks_like_late(t: &str) -> bool {
    late_shape(t).is_some()
}

fn shape(t: &str) -> Option<Shape> {
    if starts_object(t) {
        Some(Shape::Object)
    } else {
        late_shape(t)
    }
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

// ---------------------------------------------------------------------------
// Python / JavaScript object literals

fn err_at(line: usize, column: usize, message: impl Into<String>) -> InputError {
    InputError::at(K, line, column, message)
}

struct Cursor<'a> {
    s: &'a str,
    /// Byte offset.
    i: usize,
    line: usize,
    col: usize,
}

/// One `key: value` of an object, with the line of its key.
struct Entry {
    line: usize,
    name: String,
    values: Vec<String>,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str, line: usize) -> Self {
        Cursor {
            s,
            i: 0,
            line,
            col: 1,
        }
    }

    fn peek(&self) -> Option<char> {
        self.s.get(self.i..).and_then(|r| r.chars().next())
    }

    fn rest(&self) -> &'a str {
        self.s.get(self.i..).unwrap_or("")
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            for _ in s.chars() {
                self.bump();
            }
            true
        } else {
            false
        }
    }

    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the input".to_string(),
            Some(_) => {
                let word: String = self
                    .rest()
                    .lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(20)
                    .collect();
                format!("{word:?}")
            }
        }
    }

    fn expected(&self, what: &str) -> InputError {
        err_at(
            self.line,
            self.col,
            format!("expected {what}, found {}", self.found()),
        )
    }

    /// A quoted string (`'…'` or `"…"`), unescaped.
    fn string(&mut self) -> Result<String, InputError> {
        let (line, col) = (self.line, self.col);
        let Some(q) = self.bump().filter(|c| matches!(c, '\'' | '"')) else {
            return Err(self.expected("a quoted string"));
        };
        let unterminated = || {
            err_at(
                line,
                col,
                format!("this string has no closing {q} on its line"),
            )
        };
        let mut out = String::new();
        loop {
            match self.bump() {
                None | Some('\n') => return Err(unterminated()),
                Some(c) if c == q => return Ok(out),
                Some('\\') => match self.bump() {
                    None | Some('\n') => return Err(unterminated()),
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('r') => out.push('\r'),
                    Some(c @ ('x' | 'u')) => {
                        let n = if c == 'x' { 2 } else { 4 };
                        let hex: String = self.rest().chars().take(n).collect();
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(ch) if hex.len() == n => {
                                for _ in 0..n {
                                    self.bump();
                                }
                                out.push(ch);
                            }
                            _ => {
                                out.push('\\');
                                out.push(c);
                            }
                        }
                    }
                    Some(c) => out.push(c),
                },
                Some(c) => out.push(c),
            }
        }
    }

    /// Strings joined by `+` (Node cuts long strings so: `'abc' +\n  'def'`).
    fn joined_string(&mut self) -> Result<String, InputError> {
        let mut s = self.string()?;
        loop {
            let save = (self.i, self.line, self.col);
            self.skip_ws();
            if self.eat("+") {
                self.skip_ws();
                s.push_str(&self.string()?);
            } else {
                (self.i, self.line, self.col) = save;
                return Ok(s);
            }
        }
    }

    fn ident(&mut self) -> String {
        let mut out = String::new();
        while let Some(c) = self
            .peek()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '-'))
        {
            out.push(c);
            self.bump();
        }
        out
    }

    /// A header value: a string, a list of strings (repeated header), a number; `None`,
    /// `null` and `undefined` give no value.
    fn value(&mut self) -> Result<Vec<String>, InputError> {
        match self.peek() {
            Some('\'' | '"') => Ok(vec![self.joined_string()?]),
            Some('[' | '(') => {
                let close = if self.peek() == Some('[') { ']' } else { ')' };
                self.bump();
                let mut out = Vec::new();
                loop {
                    self.skip_ws();
                    if self.eat(&close.to_string()) {
                        return Ok(out);
                    }
                    match self.peek() {
                        Some('\'' | '"') => out.push(self.joined_string()?),
                        _ => return Err(self.expected(&format!("a quoted string or '{close}'"))),
                    }
                    self.skip_ws();
                    if !self.eat(",") && self.peek() != Some(close) {
                        return Err(self.expected(&format!("',' or '{close}'")));
                    }
                }
            }
            Some(c) if c.is_ascii_digit() || c == '-' => {
                let n = self.ident();
                Ok(vec![n])
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (line, col) = (self.line, self.col);
                let w = self.ident();
                match w.as_str() {
                    "None" | "null" | "undefined" => Ok(Vec::new()),
                    "true" | "false" | "True" | "False" => Ok(vec![w.to_ascii_lowercase()]),
                    _ => Err(err_at(
                        line,
                        col,
                        format!("expected a quoted header value, found {w:?}"),
                    )),
                }
            }
            _ => Err(self.expected("a quoted header value")),
        }
    }

    /// A header object: an optional prefix (`AxiosHeaders`, `CaseInsensitiveDict(`), `{`,
    /// entries, `}`. `open_line` names where it started for an object cut short.
    fn object(&mut self) -> Result<Vec<Entry>, InputError> {
        self.skip_ws();
        let (open_line, open_col) = (self.line, self.col);
        let (after, paren) = strip_object_prefix(self.rest());
        let skip = self.rest().len() - after.len();
        let target = self.i + skip;
        while self.i < target && self.bump().is_some() {}
        if !self.eat("{") {
            return Err(self.expected("'{'"));
        }
        let cut_short = |c: &Cursor| {
            if c.peek().is_none() {
                err_at(
                    open_line,
                    open_col,
                    "this object has no closing '}': it was cut short (copy it whole)",
                )
            } else {
                c.expected("',' or '}'")
            }
        };
        let mut entries = Vec::new();
        loop {
            self.skip_ws();
            if self.eat("}") {
                break;
            }
            if self.peek().is_none() {
                return Err(cut_short(self));
            }
            let (line, col) = (self.line, self.col);
            let name = match self.peek() {
                Some('\'' | '"') => self.string()?,
                Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$' => self.ident(),
                _ => return Err(self.expected("a header name")),
            };
            if !is_token(&name) {
                return Err(err_at(
                    line,
                    col,
                    format!("{:?} is not a header name", super::http_text::clip(&name)),
                ));
            }
            self.skip_ws();
            if !self.eat(":") {
                return Err(self.expected("':' after the header name"));
            }
            self.skip_ws();
            let values = self.value()?;
            entries.push(Entry { line, name, values });
            self.skip_ws();
            if !self.eat(",") && self.peek() != Some('}') {
                return Err(cut_short(self));
            }
        }
        if paren {
            self.skip_ws();
            if !self.eat(")") {
                return Err(self.expected("')'"));
            }
        }
        Ok(entries)
    }
}

/// The header object starting at line `line` of `text` (the whole of `text`): its entries;
/// anything after it is an error.
fn whole_object(text: &str, line: usize) -> Result<Vec<Entry>, InputError> {
    let mut c = Cursor::new(text, line);
    let entries = c.object()?;
    c.skip_ws();
    if c.peek().is_some() {
        return Err(c.expected("nothing after the object's closing '}'"));
    }
    Ok(entries)
}

// ---------------------------------------------------------------------------
// Conversion

/// The header block for the http_text reader, line by line with each line's input line,
/// and the request the input names.
#[derive(Default)]
struct Dump {
    lines: Vec<(usize, String)>,
    request: Option<Exchange>,
    /// A status line was made up from a status printed apart (`r.status_code`): it
    /// states no HTTP version.
    made_up_status: bool,
}

impl Dump {
    fn push(&mut self, line: usize, text: impl Into<String>) {
        self.lines.push((line, text.into()));
    }

    fn header(&mut self, line: usize, name: &str, value: &str) {
        let v: String = value
            .chars()
            .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
            .collect();
        self.push(line, format!("{name}: {}", v.trim()));
    }

    fn entries(&mut self, entries: Vec<Entry>) {
        for e in entries {
            for v in &e.values {
                self.header(e.line, &e.name, v);
            }
        }
    }

    fn status(&mut self, line: usize, status: u16) {
        self.push(line, format!("HTTP/1.1 {status}"));
        self.made_up_status = true;
    }
}

fn convert(input: &str, shape: Shape) -> Result<Dump, InputError> {
    match shape {
        Shape::Object => {
            let mut d = Dump::default();
            // Leading blank lines keep their numbers.
            let start = input.len() - trimmed(input).len();
            let line = 1 + input.get(..start).unwrap_or("").matches('\n').count();
            d.entries(whole_object(trimmed(input), line)?);
            Ok(d)
        }
        Shape::Tabs => Ok(tabs(input)),
        Shape::Wget => wget(input),
        Shape::PsTable => Ok(ps_table(input)),
        Shape::PythonSession => python_session(input),
    }
}

fn tabs(input: &str) -> Dump {
    let mut d = Dump::default();
    let mut first = true;
    for (i, l) in input_lines(input).into_iter().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        if std::mem::take(&mut first) && is_table_title(l) {
            continue;
        }
        if let Some((n, v)) = tab_row(l) {
            d.header(i + 1, n, v);
        }
    }
    d
}

fn wget(input: &str) -> Result<Dump, InputError> {
    let mut d = Dump::default();
    let mut in_response = false;
    let mut any_status = false;
    let mut without_s: Option<usize> = None;
    for (i, l) in input_lines(input).into_iter().enumerate() {
        let line = i + 1;
        if wget_status_without_s(l).is_some() && without_s.is_none() {
            without_s = Some(line);
        }
        if let Some(url) = is_wget_url_line(l) {
            in_response = false;
            let ok = url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            if ok && !url.contains(char::is_whitespace) {
                d.push(line, "");
                d.push(line, format!("GET {url} HTTP/1.1"));
            }
        } else if is_wget_status(l) {
            in_response = true;
            any_status = true;
            d.push(line, "");
            d.push(line, l.trim());
        } else if in_response && is_indented(l) && !l.trim().is_empty() {
            d.push(line, l.trim());
        } else {
            in_response = false;
        }
    }
    if !any_status {
        return Err(InputError::at_line(
            K,
            without_s.unwrap_or(1),
            "wget prints the response's headers only with -S (--server-response): run it again with -S",
        ));
    }
    Ok(d)
}

/// The text after a PowerShell prompt (`PS C:\> `), if the line has one.
fn after_ps_prompt(l: &str) -> Option<&str> {
    let r = l.strip_prefix("PS ")?;
    let i = r.find("> ")?;
    r.get(i + 2..)
}

fn ps_table(input: &str) -> Dump {
    let lines = input_lines(input);
    let mut d = Dump::default();
    let mut status: Option<(usize, u16)> = None;
    let mut i = 0;
    while let Some(l) = lines.get(i) {
        if ps_table_at(&lines, i) {
            break;
        }
        if let Some(cmd) = after_ps_prompt(l) {
            if let Ok(mut ex) = super::powershell::read(cmd) {
                if !ex.is_empty() {
                    let mut e = ex.remove(0);
                    e.source = K;
                    e.location = format!("line {}", i + 1);
                    d.request = Some(e);
                }
            }
        }
        // `$r` printed ("StatusCode        : 403"), or `$r.StatusCode` and the number.
        let printed = match l.split_once(':') {
            Some((k, v)) if k.trim() == "StatusCode" => Some((i + 1, v.trim())),
            _ => after_ps_prompt(l)
                .filter(|c| c.trim().to_ascii_lowercase().ends_with(".statuscode"))
                .and_then(|_| lines.get(i + 1).map(|n| (i + 2, n.trim()))),
        };
        if let Some((line, v)) = printed {
            if let Ok(n) = v.parse::<u16>() {
                if (100..=999).contains(&n) {
                    status = Some((line, n));
                }
            }
        }
        i += 1;
    }
    if let Some((line, s)) = status {
        d.status(line, s);
    }
    for (j, l) in lines.iter().enumerate().skip(i + 2) {
        if l.trim().is_empty() {
            break;
        }
        let l = l.trim();
        let (n, v) = l
            .split_once(char::is_whitespace)
            .map_or((l, ""), |(n, v)| (n, v.trim()));
        // PowerShell 7 shows each value list in braces: "{application/json}".
        let v = v
            .strip_prefix('{')
            .and_then(|v| v.strip_suffix('}'))
            .unwrap_or(v);
        if is_token(n) {
            d.header(j + 1, n, v);
        } else {
            // The header reader names the line.
            d.push(j + 1, l);
        }
    }
    d
}

/// A Python call's arguments: positional strings and keyword values we read.
#[derive(Default)]
struct PyCall {
    method: Option<String>,
    url: Option<String>,
    headers: Vec<(String, String)>,
    body: bool,
    json: bool,
}

/// `requests.get("URL", headers={…})` (also `requests.request("POST", url=…)`, `httpx`,
/// a `Session` named `s` or `session`).
fn python_call(cmd: &str, line: usize) -> Option<PyCall> {
    const METHODS: [&str; 8] = [
        "get", "post", "put", "patch", "delete", "head", "options", "request",
    ];
    let (mut call, start) = METHODS.iter().find_map(|m| {
        let needle = format!(".{m}(");
        let at = cmd.find(&needle)?;
        let owner = cmd.get(..at)?;
        let owner = owner
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .next()?;
        let known = ["requests", "httpx", "session", "s", "client"];
        known.contains(&owner).then(|| {
            let call = PyCall {
                method: (*m != "request").then(|| m.to_ascii_uppercase()),
                ..PyCall::default()
            };
            (call, at + needle.len())
        })
    })?;
    let mut c = Cursor::new(cmd.get(start..)?, line);
    let mut positional = 0;
    loop {
        c.skip_ws();
        if c.peek().is_none() || c.eat(")") {
            break;
        }
        let save = (c.i, c.line, c.col);
        let word = c.ident();
        c.skip_ws();
        let keyword = (!word.is_empty() && c.peek() == Some('=') && !c.rest().starts_with("=="))
            .then(|| {
                c.bump();
                c.skip_ws();
                word.clone()
            });
        if keyword.is_none() {
            (c.i, c.line, c.col) = save;
        }
        match (keyword.as_deref(), c.peek()) {
            (None | Some("url" | "method"), Some('\'' | '"')) => {
                let s = c.string().ok()?;
                let is_method = keyword.as_deref() == Some("method")
                    || (keyword.is_none() && call.method.is_none() && positional == 0);
                if is_method {
                    call.method = Some(s.to_ascii_uppercase());
                } else {
                    call.url = Some(s);
                }
                positional += usize::from(keyword.is_none());
            }
            (Some("headers"), Some('{')) => {
                for e in c.object().ok()? {
                    if let Some(v) = e.values.into_iter().next() {
                        call.headers.push((e.name, v));
                    }
                }
            }
            (k, _) => {
                if matches!(k, Some("data" | "files")) {
                    call.body = true;
                }
                if k == Some("json") {
                    call.json = true;
                }
                // Skip the argument: up to the ',' or ')' at its depth.
                let mut depth = 0usize;
                loop {
                    match c.peek() {
                        None => break,
                        Some('\'' | '"') => {
                            c.string().ok()?;
                            continue;
                        }
                        Some('(' | '[' | '{') => depth += 1,
                        Some(')' | ']' | '}') if depth > 0 => depth -= 1,
                        Some(',' | ')') if depth == 0 => break,
                        _ => {}
                    }
                    c.bump();
                }
                if k.is_none() {
                    positional += 1;
                }
            }
        }
        c.skip_ws();
        c.eat(",");
    }
    Some(call)
}

fn python_session(input: &str) -> Result<Dump, InputError> {
    let lines = py_lines(input);
    let mut d = Dump::default();
    let mut status: Option<(usize, u16)> = None;
    let mut headers: Option<Vec<Entry>> = None;
    let mut i = 0;
    while let Some(l) = lines.get(i) {
        let Some(cmd) = l.strip_prefix(">>>") else {
            i += 1;
            continue;
        };
        let cmd_line = i + 1;
        let mut cmd = cmd.trim().to_string();
        i += 1;
        while let Some(c) = lines.get(i).and_then(|l| l.strip_prefix("...")) {
            cmd.push(' ');
            cmd.push_str(c.trim());
            i += 1;
        }
        // Its output: the lines up to the next prompt.
        let out_start = i;
        while lines.get(i).is_some_and(|l| !l.starts_with(">>>")) {
            i += 1;
        }
        let output = lines.get(out_start..i).unwrap_or(&[]);
        let first_out = output.iter().position(|l| !l.trim().is_empty());
        if let Some(call) = python_call(&cmd, cmd_line) {
            let url_ok = call.url.as_deref().is_some_and(|u| {
                url::Url::parse(u).is_ok_and(|x| matches!(x.scheme(), "http" | "https"))
            });
            if url_ok {
                let url = call.url.as_deref().unwrap_or("");
                let url = url::Url::parse(url).map_or(url.to_string(), |u| u.to_string());
                let mut hs = call.headers;
                if call.json
                    && !hs
                        .iter()
                        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
                {
                    hs.push(("Content-Type".to_string(), "application/json".to_string()));
                }
                let body = if call.body || call.json {
                    CommandBody::Data
                } else {
                    CommandBody::None
                };
                let method = call.method.unwrap_or_else(|| "GET".to_string());
                let mut e = command_exchange(K, &method, &url, &hs, None, false, body);
                e.location = format!("line {cmd_line}");
                d.request = Some(e);
            }
        } else if cmd.contains("status_code") {
            if let Some(k) = first_out {
                let s = output.get(k).map_or("", |s| s.trim());
                if let Ok(n) = s.parse::<u16>() {
                    if (100..=999).contains(&n) {
                        status = Some((out_start + k + 1, n));
                    }
                }
            }
        } else if cmd.contains("headers") && !cmd.contains("request.headers") {
            if let Some(k) = first_out {
                let text = output.get(k..).unwrap_or(&[]).join("\n");
                if starts_object(&text) {
                    headers = Some(whole_object(&text, out_start + k + 1)?);
                }
            }
        }
    }
    // A dict printed by another command (or none named `headers`): the last dict output.
    let headers = match headers {
        Some(h) => h,
        None => {
            let at = lines
                .iter()
                .rposition(|l| !l.starts_with(">>>") && !l.starts_with("...") && starts_object(l));
            let Some(at) = at else {
                return Err(InputError::at_line(
                    K,
                    1,
                    "no response headers printed in this Python session (print(r.headers))",
                ));
            };
            let end = lines
                .iter()
                .skip(at)
                .position(|l| l.starts_with(">>>"))
                .map_or(lines.len(), |p| at + p);
            let text = lines.get(at..end).unwrap_or(&[]).join("\n");
            whole_object(&text, at + 1)?
        }
    };
    if let Some((line, s)) = status {
        d.status(line, s);
    }
    d.entries(headers);
    Ok(d)
}

/// Read one of the shapes here as response headers; `None` when the input is none of them.
pub(crate) fn read(input: &str) -> Option<Result<Vec<Exchange>, InputError>> {
    let shape = shape(input)?;
    Some(convert(input, shape).and_then(read_dump))
}

fn read_dump(d: Dump) -> Result<Vec<Exchange>, InputError> {
    let text: String = d.lines.iter().fold(String::new(), |mut s, (_, l)| {
        s.push_str(l);
        s.push('\n');
        s
    });
    let original = |n: usize| {
        n.checked_sub(1)
            .and_then(|i| d.lines.get(i))
            .map_or(n, |(l, _)| *l)
    };
    let mut ex = super::http_text::read(&text, K).map_err(|mut e| {
        e.place.line = e.place.line.map(original);
        e.place.column = None;
        e.place.offset = None;
        e
    })?;
    for e in &mut ex {
        if let Some(n) = e
            .location
            .strip_prefix("line ")
            .and_then(|n| n.parse::<usize>().ok())
        {
            e.location = format!("line {}", original(n));
        }
        if d.made_up_status {
            if let Some(r) = e.response.as_mut() {
                r.http_version = None;
            }
        }
    }
    // The request the input names, answered by the response read from the block.
    if let Some(mut req) = d.request {
        if let Some(resp) = ex.iter_mut().find(|e| e.response.is_some()) {
            match &mut req.preflight {
                // A hand-made preflight (OPTIONS with Access-Control-Request-Method): the
                // response is the preflight's.
                PreflightCapture::Captured(p) if p.response.is_none() => {
                    p.response = resp.response.take();
                }
                _ => {
                    req.response = resp.response.take();
                    req.redirects = std::mem::take(&mut resp.redirects);
                }
            }
            return Ok(vec![req]);
        }
    }
    Ok(ex)
}

// ---------------------------------------------------------------------------
// What a script library printed of a failed request

/// The 1-based line of the first line of `t` containing `needle`.
fn line_of(t: &str, needle: &str) -> Option<usize> {
    t.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

/// The text after each `key: ` / `"key": ` of an object dump (not inside a longer key), the
/// unquoted form's first.
fn field_values<'t>(t: &'t str, key: &str) -> Vec<&'t str> {
    let mut out = Vec::new();
    for pat in [format!("{key}: "), format!("\"{key}\": ")] {
        for (at, _) in t.match_indices(&pat) {
            let before = t.get(..at).and_then(|b| b.chars().last());
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(r) = t.get(at + pat.len()..) {
                out.push(r);
            }
        }
    }
    out
}

/// `key: 'value'` / `key: "value"` / `"key": "value"` on a line of an object dump: the first
/// such field decides.
fn quoted_field(t: &str, key: &str) -> Option<String> {
    let r = *field_values(t, key).first()?;
    let q = r.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
    let v = r.get(1..)?.split(q).next()?;
    Some(v.to_string())
}

/// `key: 404` / `"key": 404`: the first such field holding a number.
fn number_field(t: &str, key: &str) -> Option<u16> {
    field_values(t, key).into_iter().find_map(|r| {
        let digits: String = r.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

const WITHHELD: &str = "the browser keeps the reason from the page's script. Paste the browser console's own line about this request (the CORS message, or the Content Security Policy, Mixed Content or \"GET https://… net::ERR_…\" line) or export a HAR";

/// Axios' error as JSON (`JSON.stringify(error)`, `error.toJSON()`) or Angular's
/// `HttpErrorResponse` printed by the console: the request it names and that the reason
/// is not in it. `None` for anything else, and for a paste that also holds the browser's
/// own CORS message (the console reader reads that).
pub(crate) fn library_error(t: &str) -> Option<InputError> {
    let named = t.contains("AxiosError") || t.contains("HttpErrorResponse {");
    if !named || super::console::looks_like(t) {
        return None;
    }
    let s = trimmed(t);
    let json = if s.starts_with('{') {
        serde_json::from_str::<serde_json::Value>(s).ok()
    } else {
        None
    };
    if let Some(v) = json {
        let o = v.as_object()?;
        let name = o.get("name").and_then(|n| n.as_str());
        let axios = name == Some("AxiosError")
            || o.get("isAxiosError").and_then(|b| b.as_bool()) == Some(true);
        if !axios {
            return None;
        }
        let config = o.get("config").and_then(|c| c.as_object());
        let field = |k: &str| config.and_then(|c| c.get(k)).and_then(|x| x.as_str());
        let method = field("method").unwrap_or("get").to_ascii_uppercase();
        let url = match (field("baseURL"), field("url")) {
            (Some(b), Some(u)) if !u.starts_with("http://") && !u.starts_with("https://") => {
                format!("{}/{}", b.trim_end_matches('/'), u.trim_start_matches('/'))
            }
            (_, Some(u)) => u.to_string(),
            (Some(b), None) => b.to_string(),
            (None, None) => String::new(),
        };
        let request = if url.is_empty() {
            String::new()
        } else {
            format!(" for {method} {url}")
        };
        let message = o.get("message").and_then(|m| m.as_str()).unwrap_or("");
        let status = o
            .get("status")
            .and_then(|s| s.as_u64())
            .or_else(|| {
                o.get("response")
                    .and_then(|r| r.get("status"))
                    .and_then(|s| s.as_u64())
            })
            .unwrap_or(0);
        let line = line_of(t, "\"message\"").unwrap_or(1);
        let code = o
            .get("code")
            .and_then(|c| c.as_str())
            .map_or(String::new(), |c| format!(" ({c})"));
        let msg = if status == 0 {
            format!("Axios' error \"{message}\"{code}{request} alone does not say why the request failed: {WITHHELD}")
        } else {
            format!("Axios' error \"{message}\"{request} carries status {status}: the script read the server's response, so the browser did not block it; paste the response's headers (or export a HAR) to see what the server sent")
        };
        return Some(InputError::at_line(InputKind::ConsoleError, line, msg));
    }
    // The console's view of an AxiosError: `AxiosError {message: 'Network Error', …}`,
    // its expanded fields below (`config` expanded names the URL).
    let axios_object = line_of(t, "AxiosError {")
        .or_else(|| line_of(t, "name: 'AxiosError'"))
        .or_else(|| line_of(t, "name: \"AxiosError\""));
    if let Some(line) = axios_object {
        let message = quoted_field(t, "message").unwrap_or_default();
        let request = match (quoted_field(t, "method"), quoted_field(t, "url")) {
            (m, Some(u)) => format!(
                " for {} {u}",
                m.unwrap_or_else(|| "get".to_string()).to_ascii_uppercase()
            ),
            _ => String::new(),
        };
        let msg = match number_field(t, "status").filter(|s| *s != 0) {
            None => format!("Axios' error \"{message}\"{request} alone does not say why the request failed: {WITHHELD}"),
            Some(status) => format!("Axios' error \"{message}\"{request} carries status {status}: the script read the server's response, so the browser did not block it; paste the response's headers (or export a HAR) to see what the server sent"),
        };
        return Some(InputError::at_line(InputKind::ConsoleError, line, msg));
    }
    let line = line_of(t, "HttpErrorResponse {")?;
    let status = number_field(t, "status")?;
    let url = quoted_field(t, "url");
    let request = url.map_or(String::new(), |u| format!(" for {u}"));
    let text = quoted_field(t, "statusText").unwrap_or_default();
    let msg = if status == 0 {
        format!("Angular's HttpErrorResponse with status 0 (\"{text}\"){request} alone does not say why the request failed: {WITHHELD}")
    } else {
        format!("Angular's HttpErrorResponse{request} carries status {status}: the script read the server's response, so the browser did not block it; paste the response's headers (or export a HAR) to see what the server sent")
    };
    Some(InputError::at_line(InputKind::ConsoleError, line, msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_recognised_and_json_is_not() {
        assert!(starts_object("{'Date': 'x'}"));
        assert!(starts_object("{\n  date: 'x'\n}"));
        assert!(starts_object("AxiosHeaders {\n  'a-b': 'x'\n}"));
        assert!(starts_object("[Object: null prototype] { 'a': 'b' }"));
        assert!(starts_object("CaseInsensitiveDict({'a': 'b'})"));
        assert!(!starts_object("{\"log\": {}}"));
        assert!(!starts_object("{}"));
        assert!(!starts_object("{ log: { version: 1 } }"));
    }

    #[test]
    fn strings_and_arrays() {
        let e = whole_object(
            "{ 'a': 'it\\'s', b: \"x\" +\n 'y', 'set-cookie': [ 'a=1', 'b=2' ], c: None, }",
            3,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let got: Vec<(usize, &str, Vec<String>)> = e
            .iter()
            .map(|e| (e.line, e.name.as_str(), e.values.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (3, "a", vec!["it's".to_string()]),
                (3, "b", vec!["xy".to_string()]),
                (4, "set-cookie", vec!["a=1".to_string(), "b=2".to_string()]),
                (4, "c", vec![]),
            ]
        );
    }

    #[test]
    fn never_panics_on_cut_inputs() {
        let s = "AxiosHeaders {\n  'content-type': 'application/json',\n  date: [ 'a', \"b\\u00e9\" ],\n  x: 1\n}";
        for (i, _) in s.char_indices() {
            let _ = read(s.get(..i).unwrap_or(""));
        }
        let p = ">>> r = requests.get(\"https://a.example/x\", headers={'Origin': 'https://b.example'}, json={'a': [1, (2)]})\n>>> r.status_code\n200\n>>> r.headers\n{'Date': 'x', 'Vary': 'Origin'}\n";
        for (i, _) in p.char_indices() {
            let _ = read(p.get(..i).unwrap_or(""));
        }
    }
}
