//! DevTools' "Copy as PowerShell" (Chrome/Edge and Firefox) and hand-written
//! `Invoke-WebRequest` / `Invoke-RestMethod` scripts: the request side.
//!
//! What the browsers write (read from their generators, not copied):
//! - Chromium (`NetworkLogView`): an optional prelude
//!   `$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession`,
//!   `$session.UserAgent = "…"` and one `$session.Cookies.Add((New-Object
//!   System.Net.Cookie("name", "value", "/", "domain")))` per cookie, then
//!   `Invoke-WebRequest -UseBasicParsing -Uri "…"` with `` ` ``-continued lines
//!   `-Method "POST"`, `-WebSession $session`, `-Headers @{` one `"name"="value"` a
//!   line `}`, `-ContentType "…"`, `-Body "…"` (or
//!   `-Body ([System.Text.Encoding]::UTF8.GetBytes("…"))` for non-ASCII). Pseudo-headers
//!   of an HTTP/2 capture lose their colon (`"authority"=…`). "Copy all" joins commands
//!   with `;`.
//! - Firefox (netmonitor): the same prelude without `UserAgent`, `-Method POST`
//!   unquoted, `-UserAgent "…"`, `"name" = "value"` pairs.
//!
//! Both escape `` ` ``, `$` and `"` with a backtick and write other characters
//! outside printable ASCII as `$([char]N)`. This reader knows the rest of the
//! quoting a hand-written script uses too: `'…'` with `''`, `""` inside `"…"`,
//! here-strings, `$variables` holding strings or hashtables, `@splatting`.

use super::command::{command_exchange, normalize_fetch_method, CommandBody};
use super::InputError;
use crate::exchange::{Exchange, InputKind};
use std::collections::HashMap;

const K: InputKind = InputKind::PowerShellCommand;

/// The commands that send a request.
const INVOKE: [&str; 4] = ["invoke-webrequest", "invoke-restmethod", "iwr", "irm"];

fn err_at(line: usize, column: usize, message: impl Into<String>) -> InputError {
    InputError::at(K, line, column, message)
}

/// Does this look like a PowerShell request script? Leading blank and `#` lines are skipped.
pub fn looks_like_powershell(t: &str) -> bool {
    let first = t
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let word = first
        .split(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if INVOKE.iter().any(|w| word.eq_ignore_ascii_case(w)) {
        return true;
    }
    // `$session = New-Object …`, `$headers = @{…}`, `$r = Invoke-RestMethod …`:
    // a script that assigns variables and then sends a request.
    let assigns = first.strip_prefix('$').is_some_and(|r| {
        let name_end = r
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | ':' | '.')))
            .unwrap_or(r.len());
        name_end > 0
            && r.get(name_end..)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
    });
    assigns && {
        let lower = t.to_ascii_lowercase();
        lower.contains("invoke-webrequest") || lower.contains("invoke-restmethod")
    }
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// A bareword: a command name, `POST`, an unquoted URL, `[Type]::Member`.
    Word(String),
    /// A quoted string, unescaped.
    Str(String),
    /// `-Name` (without the dash).
    Param(String),
    /// `$name` or `$name.Member.Chain` (without the `$`).
    Var(String),
    /// `@name`.
    Splat(String),
    HashOpen,
    Open(char),
    Close(char),
    Eq,
    Semi,
    Comma,
    Pipe,
    Newline,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    line: usize,
    col: usize,
}

fn is_dq(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\u{201e}')
}

fn is_sq(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}')
}

struct Lexer {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.get(self.i).copied();
        if let Some(c) = c {
            self.i += 1;
            if c == '\n' {
                self.line += 1;
                self.col = 1;
            } else {
                self.col += 1;
            }
        }
        c
    }

    /// After a backtick: is the rest of the line blank (a line continuation)?
    /// Returns how many chars up to and including the newline.
    fn continuation_len(&self) -> Option<usize> {
        let mut n = 0;
        loop {
            match self.peek(n) {
                Some(' ' | '\t' | '\r') => n += 1,
                Some('\n') => return Some(n + 1),
                None => return Some(n),
                _ => return None,
            }
        }
    }

    /// The body of a `"…"` string (the opening quote already taken), unescaped.
    fn double_quoted(&mut self, l0: usize, c0: usize) -> Result<String, InputError> {
        let mut out = String::new();
        loop {
            let Some(c) = self.bump() else {
                return Err(err_at(l0, c0, "unterminated \"…\" string"));
            };
            match c {
                '`' => match self.bump() {
                    Some(e) => self.push_escape(&mut out, e)?,
                    None => return Err(err_at(l0, c0, "unterminated \"…\" string")),
                },
                c if is_dq(c) => {
                    // `""` inside a "…" string is one quote.
                    if self.peek(0).is_some_and(is_dq) {
                        self.bump();
                        out.push('"');
                    } else {
                        return Ok(out);
                    }
                }
                '$' if self.peek(0) == Some('(') => self.subexpression(&mut out, l0, c0)?,
                c => out.push(c),
            }
        }
    }

    /// A backtick escape inside "…" (and @"…"@).
    fn push_escape(&mut self, out: &mut String, e: char) -> Result<(), InputError> {
        let simple = match e {
            '0' => '\0',
            'a' => '\u{7}',
            'b' => '\u{8}',
            'e' => '\u{1b}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            'u' if self.peek(0) == Some('{') => {
                let (l, c) = (self.line, self.col);
                self.bump();
                let mut hex = String::new();
                while let Some(h) = self.peek(0) {
                    if h == '}' || hex.len() > 6 {
                        break;
                    }
                    hex.push(h);
                    self.bump();
                }
                if self.bump() != Some('}') {
                    return Err(err_at(l, c, "unterminated `u{…} escape"));
                }
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => ch,
                    None => return Err(err_at(l, c, format!("invalid escape `u{{{hex}}}"))),
                }
            }
            other => other,
        };
        out.push(simple);
        Ok(())
    }

    /// `$(…)` inside "…": `$([char]N)` is the character N (what DevTools writes for
    /// non-printable and non-ASCII characters); anything else stays as written.
    fn subexpression(&mut self, out: &mut String, l0: usize, c0: usize) -> Result<(), InputError> {
        let mut raw = String::from("$");
        let mut depth = 0usize;
        loop {
            let Some(c) = self.bump() else {
                return Err(err_at(l0, c0, "unterminated $(…) in a \"…\" string"));
            };
            raw.push(c);
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        let inner: String = raw
            .get(2..raw.len().saturating_sub(1))
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let code = inner
            .get(..6)
            .filter(|p| p.eq_ignore_ascii_case("[char]"))
            .and_then(|_| inner.get(6..))
            .and_then(|n| n.parse::<u32>().ok())
            .and_then(char::from_u32);
        match code {
            Some(ch) => out.push(ch),
            None => out.push_str(&raw),
        }
        Ok(())
    }

    /// `'…'` (the opening quote already taken): `''` is one quote.
    fn single_quoted(&mut self, l0: usize, c0: usize) -> Result<String, InputError> {
        let mut out = String::new();
        loop {
            let Some(c) = self.bump() else {
                return Err(err_at(l0, c0, "unterminated '…' string"));
            };
            if is_sq(c) {
                if self.peek(0).is_some_and(is_sq) {
                    self.bump();
                    out.push('\'');
                } else {
                    return Ok(out);
                }
            } else {
                out.push(c);
            }
        }
    }

    /// `@"…"@` / `@'…'@` (the `@` and quote taken, the rest of the opening line
    /// is blank): lines up to one starting with the closing quote and `@`.
    fn here_string(&mut self, expand: bool, l0: usize, c0: usize) -> Result<String, InputError> {
        while self.peek(0).is_some_and(|c| c != '\n') {
            self.bump();
        }
        self.bump();
        let mut out = String::new();
        let mut at_line_start = true;
        loop {
            let Some(c) = self.peek(0) else {
                return Err(err_at(l0, c0, "unterminated here-string (no closing line)"));
            };
            if at_line_start
                && (if expand { is_dq(c) } else { is_sq(c) })
                && self.peek(1) == Some('@')
            {
                self.bump();
                self.bump();
                // The newline before the closing line is not part of the string.
                if out.ends_with('\n') {
                    out.pop();
                    if out.ends_with('\r') {
                        out.pop();
                    }
                }
                return Ok(out);
            }
            self.bump();
            at_line_start = c == '\n';
            match c {
                '`' if expand => match self.bump() {
                    Some(e) => self.push_escape(&mut out, e)?,
                    None => {
                        return Err(err_at(l0, c0, "unterminated here-string (no closing line)"))
                    }
                },
                '$' if expand && self.peek(0) == Some('(') => {
                    self.subexpression(&mut out, l0, c0)?
                }
                c => out.push(c),
            }
        }
    }

    fn tokens(mut self) -> Result<Vec<Token>, InputError> {
        let mut out = Vec::new();
        // What encloses the current token: 'h' for @{…}, '(' and '{'.
        let mut nesting: Vec<char> = Vec::new();
        while let Some(c) = self.peek(0) {
            let (line, col) = (self.line, self.col);
            let mut push = |tok: Tok| out.push(Token { tok, line, col });
            match c {
                ' ' | '\t' | '\r' | '\u{a0}' | '\u{feff}' => {
                    self.bump();
                }
                '\n' => {
                    self.bump();
                    push(Tok::Newline);
                }
                '`' if self.peek(1).is_none_or(|n| n.is_whitespace()) => {
                    self.bump();
                    if let Some(n) = self.continuation_len() {
                        for _ in 0..n {
                            self.bump();
                        }
                    }
                }
                '#' => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                '<' if self.peek(1) == Some('#') => {
                    self.bump();
                    self.bump();
                    loop {
                        match self.bump() {
                            Some('#') if self.peek(0) == Some('>') => {
                                self.bump();
                                break;
                            }
                            Some(_) => {}
                            None => return Err(err_at(line, col, "unterminated <# … #> comment")),
                        }
                    }
                }
                c if is_dq(c) => {
                    self.bump();
                    let s = self.double_quoted(line, col)?;
                    push(Tok::Str(s));
                }
                c if is_sq(c) => {
                    self.bump();
                    let s = self.single_quoted(line, col)?;
                    push(Tok::Str(s));
                }
                '@' => {
                    self.bump();
                    match self.peek(0) {
                        Some('{') => {
                            self.bump();
                            nesting.push('h');
                            push(Tok::HashOpen);
                        }
                        Some('(') => {
                            self.bump();
                            nesting.push('(');
                            push(Tok::Open('('));
                        }
                        Some(q) if is_dq(q) || is_sq(q) => {
                            self.bump();
                            let s = self.here_string(is_dq(q), line, col)?;
                            push(Tok::Str(s));
                        }
                        Some(n) if n.is_alphanumeric() || n == '_' => {
                            let name = self.name();
                            push(Tok::Splat(name));
                        }
                        _ => push(Tok::Word("@".into())),
                    }
                }
                '$' => {
                    self.bump();
                    match self.peek(0) {
                        Some('(') => {
                            self.bump();
                            nesting.push('(');
                            push(Tok::Open('('));
                        }
                        Some('{') => {
                            self.bump();
                            let mut name = String::new();
                            loop {
                                match self.bump() {
                                    Some('}') => break,
                                    Some(ch) => name.push(ch),
                                    None => {
                                        return Err(err_at(line, col, "unterminated ${…} variable"))
                                    }
                                }
                            }
                            push(Tok::Var(name));
                        }
                        Some(n) if n.is_alphanumeric() || matches!(n, '_' | '?' | '^' | '$') => {
                            let name = self.name();
                            push(Tok::Var(name));
                        }
                        _ => push(Tok::Word("$".into())),
                    }
                }
                '(' | '{' => {
                    self.bump();
                    nesting.push(c);
                    push(Tok::Open(c));
                }
                ')' | '}' => {
                    self.bump();
                    nesting.pop();
                    push(Tok::Close(c));
                }
                '=' => {
                    self.bump();
                    push(Tok::Eq);
                }
                ';' => {
                    self.bump();
                    push(Tok::Semi);
                }
                ',' => {
                    self.bump();
                    push(Tok::Comma);
                }
                '|' => {
                    self.bump();
                    push(Tok::Pipe);
                }
                '-' if self.peek(1).is_some_and(|n| n.is_ascii_alphabetic()) => {
                    self.bump();
                    let mut name = String::new();
                    while let Some(n) = self.peek(0) {
                        if n.is_ascii_alphanumeric() || n == '_' {
                            name.push(n);
                            self.bump();
                        } else {
                            break;
                        }
                    }
                    if self.peek(0) == Some(':') {
                        self.bump();
                    }
                    push(Tok::Param(name));
                }
                _ => {
                    let in_hash = nesting.last() == Some(&'h');
                    let w = self.word(in_hash);
                    push(Tok::Word(w));
                }
            }
        }
        Ok(out)
    }

    /// A variable name after `$` or `@`: letters, digits, `_`, `:` (scopes) and
    /// `.Member` chains.
    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(n) = self.peek(0) {
            let member = n == '.' && self.peek(1).is_some_and(|m| m.is_alphabetic());
            if n.is_alphanumeric() || matches!(n, '_' | ':' | '?' | '^') || member {
                name.push(n);
                self.bump();
            } else if n == '$' && name.is_empty() {
                // `$$`
                name.push(n);
                self.bump();
                break;
            } else {
                break;
            }
        }
        name
    }

    /// A bareword; `[…]` type literals are part of it. In a hashtable `=` and `;`
    /// end it.
    fn word(&mut self, in_hash: bool) -> String {
        let mut w = String::new();
        let mut brackets = 0usize;
        while let Some(c) = self.peek(0) {
            match c {
                '[' => brackets += 1,
                ']' => brackets = brackets.saturating_sub(1),
                _ if brackets > 0 => {}
                '`' => {
                    // A continuation or an escaped blank: the main loop takes it.
                    if self.peek(1).is_some_and(|n| n.is_whitespace()) {
                        break;
                    }
                    self.bump();
                    if let Some(n) = self.bump() {
                        w.push(n);
                    }
                    continue;
                }
                c if c.is_whitespace() || is_dq(c) || is_sq(c) => break,
                '(' | ')' | '{' | '}' | ';' | ',' | '|' => break,
                '=' if in_hash || w.is_empty() => break,
                _ => {}
            }
            w.push(c);
            self.bump();
        }
        if w.is_empty() {
            // Never loop on a char no rule takes.
            if let Some(c) = self.bump() {
                w.push(c);
            }
        }
        w
    }
}

// ---------------------------------------------------------------------------
// Values and statements

#[derive(Clone, Debug)]
enum Val {
    Str(String),
    Hash(Vec<(String, Val)>),
    /// A `WebRequestSession`, by variable name (lower case).
    Session(String),
    /// Something this reader does not evaluate, as written.
    Other(String),
}

impl Val {
    fn text(&self) -> String {
        match self {
            Val::Str(s) | Val::Other(s) => s.clone(),
            Val::Hash(_) => "@{…}".into(),
            Val::Session(n) => format!("${n}"),
        }
    }
}

/// Parameters of Invoke-WebRequest / Invoke-RestMethod that take no value.
const SWITCHES: [&str; 16] = [
    "usebasicparsing",
    "usedefaultcredentials",
    "disablekeepalive",
    "skipcertificatecheck",
    "skipheadervalidation",
    "allowunencryptedauthentication",
    "passthru",
    "resume",
    "skiphttperrorcheck",
    "preserveauthorizationonredirect",
    "noproxy",
    "proxyusedefaultcredentials",
    "allowinsecureredirect",
    "preservehttpmethodonredirect",
    "followrellink",
    "verbose",
];

/// One request command as written.
struct Invocation {
    uri: Option<String>,
    method: Option<String>,
    headers: Vec<(String, String)>,
    content_type: Option<String>,
    body: CommandBody,
    cookies: bool,
}

impl Default for Invocation {
    fn default() -> Self {
        Invocation {
            uri: None,
            method: None,
            headers: Vec::new(),
            content_type: None,
            body: CommandBody::None,
            cookies: false,
        }
    }
}

/// One `-Name value` of a request command.
fn apply(inv: &mut Invocation, sessions: &HashMap<String, bool>, param: &str, v: Val) {
    match param {
        "uri" | "url" => inv.uri = Some(v.text()),
        "method" => inv.method = Some(normalize_fetch_method(v.text().trim())),
        "custommethod" => inv.method = Some(v.text().trim().to_string()),
        // `-Headers $h` where $h is not known here adds nothing.
        "headers" => {
            if let Val::Hash(h) = v {
                inv.headers
                    .extend(h.into_iter().map(|(k, v)| (k, v.text())));
            }
        }
        "contenttype" => inv.content_type = Some(v.text()),
        "body" | "infile" => inv.body = CommandBody::Data,
        "form" => inv.body = CommandBody::Multipart,
        "websession" => {
            if let Val::Session(s) = v {
                inv.cookies |= sessions.get(&s).copied().unwrap_or(false);
            }
        }
        _ => {}
    }
}

struct Parser {
    toks: Vec<Token>,
    i: usize,
    vars: HashMap<String, Val>,
    /// Sessions by variable name (lower case): do they hold cookies?
    sessions: HashMap<String, bool>,
    last_line: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|t| &t.tok)
    }

    fn peek_at(&self, n: usize) -> Option<&Tok> {
        self.toks.get(self.i + n).map(|t| &t.tok)
    }

    fn pos(&self) -> (usize, usize) {
        match self.toks.get(self.i) {
            Some(t) => (t.line, t.col),
            None => (self.last_line, 1),
        }
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.toks.get(self.i).cloned();
        if t.is_some() {
            self.i += 1;
        }
        t
    }

    /// Skip to just after the `)` or `}` matching an opener already taken.
    fn skip_group(&mut self, line: usize, col: usize, what: &str) -> Result<(), InputError> {
        let mut depth = 1usize;
        while let Some(t) = self.next() {
            match t.tok {
                Tok::Open(_) | Tok::HashOpen => depth += 1,
                Tok::Close(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err(err_at(line, col, format!("{what} is not closed")))
    }

    fn lookup(&self, name: &str) -> Val {
        let key = name.to_ascii_lowercase();
        if self.sessions.contains_key(&key) {
            return Val::Session(key);
        }
        self.vars
            .get(&key)
            .cloned()
            .unwrap_or_else(|| Val::Other(format!("${name}")))
    }

    /// One value: a string, a bareword, a variable, a hashtable, `(…)` or a
    /// method call such as `[System.Text.Encoding]::UTF8.GetBytes("…")`.
    /// `None` when the next token is no value (a parameter, the end of the statement).
    fn value(&mut self) -> Result<Option<Val>, InputError> {
        let (line, col) = self.pos();
        let v = match self.peek().cloned() {
            Some(Tok::Str(s)) => {
                self.i += 1;
                Val::Str(s)
            }
            Some(Tok::Var(n)) => {
                self.i += 1;
                self.lookup(&n)
            }
            Some(Tok::HashOpen) => {
                self.i += 1;
                Val::Hash(self.hash(line, col)?)
            }
            Some(Tok::Open('(')) => {
                self.i += 1;
                let inner = self.value()?;
                self.skip_group(line, col, "(")?;
                inner.unwrap_or_else(|| Val::Other("()".into()))
            }
            Some(Tok::Word(w)) => {
                self.i += 1;
                let call = w.starts_with('[') || w.contains('.');
                if call && self.peek() == Some(&Tok::Open('(')) {
                    let (l, c) = self.pos();
                    self.i += 1;
                    let first = self.value()?;
                    self.skip_group(l, c, "(")?;
                    match first {
                        Some(Val::Str(s)) if w.to_ascii_lowercase().ends_with("getbytes") => {
                            Val::Str(s)
                        }
                        _ => Val::Other(w),
                    }
                } else if INVOKE.iter().any(|n| w.eq_ignore_ascii_case(n))
                    || w.eq_ignore_ascii_case("new-object")
                {
                    // A command as a value: handled by the statement reader.
                    self.i -= 1;
                    return Ok(None);
                } else {
                    Val::Str(w)
                }
            }
            _ => return Ok(None),
        };
        // `"a" + "b"`
        if matches!(self.peek(), Some(Tok::Word(p)) if p == "+") {
            if let Val::Str(mut s) = v.clone() {
                self.i += 1;
                if let Some(rhs) = self.value()? {
                    s.push_str(&rhs.text());
                    return Ok(Some(Val::Str(s)));
                }
            }
        }
        Ok(Some(v))
    }

    /// The entries of `@{…}` (the `@{` taken).
    fn hash(&mut self, line: usize, col: usize) -> Result<Vec<(String, Val)>, InputError> {
        let mut out = Vec::new();
        loop {
            match self.peek().cloned() {
                None => {
                    return Err(err_at(line, col, "@{ is not closed with }"));
                }
                Some(Tok::Newline | Tok::Semi) => self.i += 1,
                Some(Tok::Close('}')) => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(Tok::Str(k) | Tok::Word(k)) => {
                    let (kl, kc) = self.pos();
                    self.i += 1;
                    if self.peek() != Some(&Tok::Eq) {
                        return Err(err_at(
                            kl,
                            kc,
                            format!("expected = after the key {k:?} in @{{…}}"),
                        ));
                    }
                    self.i += 1;
                    let Some(v) = self.value()? else {
                        return match self.peek() {
                            None => Err(err_at(line, col, "@{ is not closed with }")),
                            _ => {
                                let (vl, vc) = self.pos();
                                Err(err_at(
                                    vl,
                                    vc,
                                    format!("no value for the key {k:?} in @{{…}}"),
                                ))
                            }
                        };
                    };
                    out.push((k, v));
                }
                Some(other) => {
                    let (l, c) = self.pos();
                    return Err(err_at(
                        l,
                        c,
                        format!("unexpected {} in @{{…}}", describe(&other)),
                    ));
                }
            }
        }
    }

    fn at_statement_end(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(Tok::Newline | Tok::Semi | Tok::Pipe | Tok::Close(_))
        )
    }

    /// Skip the rest of a pipeline after `|`.
    fn skip_pipeline(&mut self) -> Result<(), InputError> {
        while self.peek() == Some(&Tok::Pipe) {
            self.i += 1;
            while !matches!(
                self.peek(),
                None | Some(Tok::Newline | Tok::Semi | Tok::Close(_))
            ) {
                let (l, c) = self.pos();
                match self.next().map(|t| t.tok) {
                    Some(Tok::Open(_)) => self.skip_group(l, c, "(")?,
                    Some(Tok::HashOpen) => self.skip_group(l, c, "@{")?,
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// The arguments of Invoke-WebRequest (the command name taken).
    fn invocation(
        &mut self,
        cmd_line: usize,
        cmd_col: usize,
        name: &str,
    ) -> Result<Invocation, InputError> {
        let mut inv = Invocation::default();
        while !self.at_statement_end() {
            let (line, col) = self.pos();
            match self.peek().cloned() {
                Some(Tok::Param(p)) => {
                    self.i += 1;
                    let key = p.to_ascii_lowercase();
                    if SWITCHES.contains(&key.as_str()) {
                        continue;
                    }
                    let Some(v) = self.value()? else {
                        if self.at_statement_end() || matches!(self.peek(), Some(Tok::Param(_))) {
                            // An unknown switch, or a value-less parameter.
                            if ["uri", "method", "headers", "body", "contenttype"]
                                .contains(&key.as_str())
                            {
                                return Err(err_at(line, col, format!("-{p} needs a value")));
                            }
                            continue;
                        }
                        let (l, c) = self.pos();
                        let t = self.next().map(|t| t.tok);
                        return Err(err_at(
                            l,
                            c,
                            format!(
                                "unexpected {} after -{p}",
                                t.as_ref().map(describe).unwrap_or("end")
                            ),
                        ));
                    };
                    apply(&mut inv, &self.sessions, &key, v);
                }
                Some(Tok::Splat(n)) => {
                    self.i += 1;
                    if let Val::Hash(h) = self.lookup(&n) {
                        for (k, v) in h {
                            apply(&mut inv, &self.sessions, &k.to_ascii_lowercase(), v);
                        }
                    }
                }
                _ => match self.value()? {
                    Some(v) => {
                        if inv.uri.is_none() {
                            inv.uri = Some(v.text());
                        }
                    }
                    None => {
                        let t = self.next().map(|t| t.tok);
                        return Err(err_at(
                            line,
                            col,
                            format!(
                                "unexpected {} in {name}",
                                t.as_ref().map(describe).unwrap_or("end")
                            ),
                        ));
                    }
                },
            }
        }
        self.skip_pipeline()?;
        match inv.uri.as_deref().map(str::trim) {
            None => return Err(err_at(cmd_line, cmd_col, format!("{name} has no -Uri"))),
            Some("") => {
                return Err(err_at(
                    cmd_line,
                    cmd_col,
                    format!("{name} has an empty -Uri"),
                ))
            }
            Some(_) => {}
        }
        Ok(inv)
    }
}

fn describe(t: &Tok) -> &'static str {
    match t {
        Tok::Word(_) => "a word",
        Tok::Str(_) => "a string",
        Tok::Param(_) => "a parameter",
        Tok::Var(_) => "a variable",
        Tok::Splat(_) => "@splatting",
        Tok::HashOpen => "@{",
        Tok::Open(_) => "an opening bracket",
        Tok::Close(_) => "a closing bracket",
        Tok::Eq => "=",
        Tok::Semi => ";",
        Tok::Comma => ",",
        Tok::Pipe => "|",
        Tok::Newline => "the end of the line",
    }
}

/// HTTP/2 pseudo-headers Chromium writes without their colon (`"authority"=…`),
/// recognised by matching the request itself.
fn is_pseudo_header(name: &str, value: &str, method: &str, url: &str) -> bool {
    let Ok(u) = url::Url::parse(url) else {
        return false;
    };
    match name {
        "method" => value == method,
        "scheme" => value == u.scheme(),
        "authority" => {
            let host = u.host_str().unwrap_or("");
            match u.port() {
                Some(p) => value == format!("{host}:{p}"),
                None => value == host,
            }
        }
        "path" => {
            let mut p = u.path().to_string();
            if let Some(q) = u.query() {
                p.push('?');
                p.push_str(q);
            }
            value == p
        }
        _ => false,
    }
}

pub fn read(input: &str) -> Result<Vec<Exchange>, InputError> {
    let lexer = Lexer {
        chars: input.chars().collect(),
        i: 0,
        line: 1,
        col: 1,
    };
    let toks = lexer.tokens()?;
    let last_line = toks.last().map(|t| t.line).unwrap_or(1);
    let mut p = Parser {
        toks,
        i: 0,
        vars: HashMap::new(),
        sessions: HashMap::new(),
        last_line,
    };
    let mut out = Vec::new();
    while let Some(t) = p.next() {
        match t.tok {
            Tok::Var(name) if p.peek() == Some(&Tok::Eq) => {
                p.i += 1;
                let lower = name.to_ascii_lowercase();
                match lower.split_once('.') {
                    // `$session.Cookies = $jar`: the session sends cookies.
                    Some((base, member)) => {
                        if member.starts_with("cookies") {
                            if let Some(c) = p.sessions.get_mut(base) {
                                *c = true;
                            }
                        }
                        p.value()?;
                    }
                    None => {
                        p.sessions.remove(&lower);
                        p.vars.remove(&lower);
                        if matches!(p.peek(), Some(Tok::Word(w)) if w.eq_ignore_ascii_case("new-object"))
                            && matches!(p.peek_at(1), Some(Tok::Word(ty)) if ty.to_ascii_lowercase().ends_with("webrequestsession"))
                        {
                            p.i += 2;
                            p.sessions.insert(lower, false);
                        } else if let Some(v) = p.value()? {
                            p.vars.insert(lower, v);
                        }
                    }
                }
            }
            Tok::Var(name) if p.peek() == Some(&Tok::Open('(')) => {
                // `$session.Cookies.Add(…)`, `$session.Cookies.SetCookies(…)`.
                let lower = name.to_ascii_lowercase();
                if let Some((base, member)) = lower.split_once('.') {
                    if member.starts_with("cookies.") {
                        if let Some(c) = p.sessions.get_mut(base) {
                            *c = true;
                        }
                    }
                }
                let (l, c) = p.pos();
                p.i += 1;
                p.skip_group(l, c, "(")?;
            }
            Tok::Word(w) if INVOKE.iter().any(|n| w.eq_ignore_ascii_case(n)) => {
                let inv = p.invocation(t.line, t.col, &w)?;
                out.push(exchange(inv, t.line));
            }
            _ => {}
        }
    }
    if out.is_empty() {
        return Err(err_at(
            1,
            1,
            "no Invoke-WebRequest or Invoke-RestMethod command in the script",
        ));
    }
    Ok(out)
}

fn exchange(inv: Invocation, line: usize) -> Exchange {
    let raw_url = inv.uri.unwrap_or_default();
    let url = url::Url::parse(raw_url.trim())
        .map(|u| u.to_string())
        .unwrap_or(raw_url);
    let method = inv.method.unwrap_or_else(|| "GET".to_string());
    let mut headers: Vec<(String, String)> = inv
        .headers
        .into_iter()
        .filter(|(n, v)| !is_pseudo_header(n, v, &method, &url))
        .collect();
    if let Some(ct) = inv.content_type {
        // -ContentType wins over a Content-Type in -Headers.
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case("content-type"));
        headers.push(("Content-Type".to_string(), ct));
    }
    let mut ex = command_exchange(K, &method, &url, &headers, None, inv.cookies, inv.body);
    ex.location = format!("line {line}");
    ex
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Exchange {
        let mut v = read(s).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.len(), 1);
        v.remove(0)
    }

    #[test]
    fn strings_unescape_like_powershell() {
        let ex = one(
            "Invoke-WebRequest -Uri \"https://api.example.com/a?q=`$x&r=$([char]233)\" -Headers @{\"X-A\"=\"say `\"hi`\"\"; 'X-B'='it''s'; X-C=\"a\"\"b\"} -Method 'put'",
        );
        assert_eq!(ex.request.url, "https://api.example.com/a?q=$x&r=%C3%A9");
        assert_eq!(ex.request.method, "PUT");
        let h: Vec<(String, String)> = ex
            .request
            .headers
            .iter()
            .map(|h| (h.name.clone(), h.value.clone()))
            .collect();
        assert_eq!(
            h,
            [
                ("X-A".to_string(), "say \"hi\"".to_string()),
                ("X-B".to_string(), "it's".to_string()),
                ("X-C".to_string(), "a\"b".to_string()),
            ]
        );
    }

    #[test]
    fn variables_splatting_and_here_strings() {
        let s = "$h = @{ Authorization = 'Bearer t' }\n$params = @{\n  Uri = 'https://api.example.com/x'\n  Method = 'Patch'\n  Headers = $h\n  ContentType = 'application/json'\n}\n$r = Invoke-RestMethod @params -Body @\"\n{\"a\": 1}\n\"@\n";
        let ex = one(s);
        assert_eq!(ex.request.method, "Patch");
        assert_eq!(ex.request.url, "https://api.example.com/x");
        assert!(ex.request.headers.contains("authorization"));
        assert_eq!(ex.request.body, crate::exchange::BodyKind::Json);
        assert_eq!(ex.location, "line 8");
    }

    #[test]
    fn positional_uri_and_pipeline() {
        let ex =
            one("iwr https://api.example.com/y?a=b -Method Delete | Select-Object -Expand Content");
        assert_eq!(ex.request.url, "https://api.example.com/y?a=b");
        assert_eq!(ex.request.method, "DELETE");
    }

    #[test]
    fn looks_like() {
        assert!(looks_like_powershell("# copied\nInvoke-WebRequest -Uri x"));
        assert!(looks_like_powershell("$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\nInvoke-WebRequest -Uri x"));
        assert!(!looks_like_powershell("$ curl -v https://x"));
        assert!(!looks_like_powershell("$ Invoke-WebRequest -Uri x"));
        assert!(looks_like_powershell(
            "$h=@{}\nInvoke-RestMethod -Uri x -Headers $h"
        ));
        assert!(!looks_like_powershell("HTTP/1.1 200 OK"));
    }
}
