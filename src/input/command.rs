//! "Copy as cURL" (bash and cmd flavours) and "Copy as fetch" commands: the request side.
use super::http_text::{author_headers, body_kind_for, clip, origin_of};
use super::InputError;
use crate::exchange::{
    BodyKind, Credentials, Exchange, HeaderList, InputKind, Known, Preflight, PreflightCapture,
};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A curl command, a shell prompt allowed before it, comment lines allowed before that.
pub fn looks_like_curl(t: &str) -> bool {
    t.lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .is_some_and(starts_curl)
}

pub fn looks_like_fetch(t: &str) -> bool {
    // Also assigned or returned as code has it: `const res = await fetch(`, `return fetch(`.
    let t = t
        .strip_prefix("return ")
        .or_else(|| {
            let rest = ["const ", "let ", "var "]
                .iter()
                .find_map(|k| t.strip_prefix(k))?;
            let (name, value) = rest.split_once('=')?;
            let name = name.trim();
            (!name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$'))
            .then(|| value.trim_start())
        })
        .unwrap_or(t);
    t.starts_with("fetch(") || t.starts_with("await fetch(")
}

fn err_at(kind: InputKind, line: usize, column: usize, message: impl Into<String>) -> InputError {
    InputError::at(kind, line, column, message)
}

/// One shell word and the line it starts on.
#[derive(Debug)]
struct Word {
    text: String,
    line: usize,
}

/// POSIX-shell words: '…', "…", $'…', backslash escapes and continuations.
/// Stops at an unquoted `;`, `|` or `&` (the rest is another command).
fn bash_words(input: &str) -> Result<Vec<Word>, InputError> {
    const K: InputKind = InputKind::CurlCommand;
    let chars: Vec<char> = input.chars().collect();
    let mut words = Vec::new();
    let mut cur: Option<Word> = None;
    let (mut line, mut col) = (1usize, 1usize);
    let mut i = 0;
    // Advance over one char, keeping line/column.
    macro_rules! bump {
        () => {{
            let c = chars.get(i).copied();
            i += 1;
            if c == Some('\n') {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
            c
        }};
    }
    while let Some(&c) = chars.get(i) {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                bump!();
                if let Some(w) = cur.take() {
                    words.push(w);
                }
            }
            // An unquoted URL's query (`?a=1&b=2`) as people paste it: a shell would cut it
            // there, but the URL they ran is the whole of it.
            '&' if cur.as_ref().is_some_and(|w| w.text.contains('?'))
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric()) =>
            {
                if let Some(w) = cur.as_mut() {
                    w.text.push('&');
                }
                bump!();
            }
            ';' | '|' | '&' => break,
            '#' if cur.is_none() => {
                while let Some(&c) = chars.get(i) {
                    if c == '\n' {
                        break;
                    }
                    bump!();
                }
            }
            '\\' => {
                let w = cur.get_or_insert(Word {
                    text: String::new(),
                    line,
                });
                bump!();
                match chars.get(i).copied() {
                    Some('\n') => {
                        bump!();
                    }
                    Some('\r') if chars.get(i + 1) == Some(&'\n') => {
                        bump!();
                        bump!();
                    }
                    Some(n) => {
                        w.text.push(n);
                        bump!();
                    }
                    None => {}
                }
                // A continuation ends nothing: the word goes on only if text follows.
                if cur.as_ref().is_some_and(|w| w.text.is_empty())
                    && chars.get(i).is_some_and(|c| c.is_whitespace())
                {
                    cur = None;
                }
            }
            '\'' => {
                let (l0, c0) = (line, col);
                let w = cur.get_or_insert(Word {
                    text: String::new(),
                    line,
                });
                bump!();
                loop {
                    match bump!() {
                        Some('\'') => break,
                        Some(ch) => w.text.push(ch),
                        None => {
                            return Err(err_at(K, l0, c0, "unterminated '…' quote"));
                        }
                    }
                }
            }
            '$' if chars.get(i + 1) == Some(&'\'') => {
                let (l0, c0) = (line, col);
                let w = cur.get_or_insert(Word {
                    text: String::new(),
                    line,
                });
                bump!();
                bump!();
                loop {
                    match bump!() {
                        Some('\'') => break,
                        Some('\\') => {
                            let Some(e) = bump!() else {
                                return Err(err_at(K, l0, c0, "unterminated $'…' quote"));
                            };
                            let simple = match e {
                                'n' => Some('\n'),
                                't' => Some('\t'),
                                'r' => Some('\r'),
                                'a' => Some('\u{7}'),
                                'b' => Some('\u{8}'),
                                'e' | 'E' => Some('\u{1b}'),
                                'f' => Some('\u{c}'),
                                'v' => Some('\u{b}'),
                                '\\' | '\'' | '"' | '?' => Some(e),
                                _ => None,
                            };
                            if let Some(s) = simple {
                                w.text.push(s);
                                continue;
                            }
                            let max = match e {
                                'x' => 2,
                                'u' => 4,
                                'U' => 8,
                                _ => 0,
                            };
                            if max == 0 {
                                w.text.push('\\');
                                w.text.push(e);
                                continue;
                            }
                            let mut hex = String::new();
                            while hex.len() < max {
                                match chars.get(i) {
                                    Some(h) if h.is_ascii_hexdigit() => {
                                        hex.push(*h);
                                        bump!();
                                    }
                                    _ => break,
                                }
                            }
                            match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                                Some(ch) => w.text.push(ch),
                                None => {
                                    return Err(err_at(
                                        K,
                                        line,
                                        col,
                                        format!("invalid escape \\{e}{hex} in $'…' quote"),
                                    ))
                                }
                            }
                        }
                        Some(ch) => w.text.push(ch),
                        None => {
                            return Err(err_at(K, l0, c0, "unterminated $'…' quote"));
                        }
                    }
                }
            }
            '"' => {
                let (l0, c0) = (line, col);
                let w = cur.get_or_insert(Word {
                    text: String::new(),
                    line,
                });
                bump!();
                loop {
                    match bump!() {
                        Some('"') => break,
                        Some('\\') => match chars.get(i).copied() {
                            Some(e @ ('"' | '\\' | '$' | '`')) => {
                                w.text.push(e);
                                bump!();
                            }
                            Some('\n') => {
                                bump!();
                            }
                            _ => w.text.push('\\'),
                        },
                        Some(ch) => w.text.push(ch),
                        None => {
                            return Err(err_at(K, l0, c0, "unterminated \"…\" quote"));
                        }
                    }
                }
            }
            _ => {
                let w = cur.get_or_insert(Word {
                    text: String::new(),
                    line,
                });
                w.text.push(c);
                bump!();
            }
        }
    }
    if let Some(w) = cur.take() {
        words.push(w);
    }
    Ok(words)
}

/// Windows cmd.exe words as Chrome's "Copy as cURL (cmd)" writes them: cmd's
/// `^` escapes first, then the C runtime's quoting and backslash rules.
fn cmd_words(input: &str) -> Result<Vec<Word>, InputError> {
    const K: InputKind = InputKind::CurlCommand;
    // Layer 1: cmd.exe. Keep the source line of every char we pass on.
    let mut out: Vec<(char, usize)> = Vec::new();
    let mut in_quote = false;
    let mut line = 1usize;
    let mut it = input.chars().filter(|c| *c != '\r').peekable();
    let mut quote_start = (1usize, 0usize);
    while let Some(c) = it.next() {
        match c {
            '^' if !in_quote => match it.next() {
                Some('\n') => {
                    line += 1;
                    // The first char of the next line is escaped too.
                    if let Some(n) = it.next() {
                        if n == '\n' {
                            line += 1;
                        }
                        out.push((n, line));
                    }
                }
                Some(n) => out.push((n, line)),
                None => {}
            },
            '"' => {
                in_quote = !in_quote;
                if in_quote {
                    quote_start = (line, out.len());
                }
                out.push(('"', line));
            }
            '\n' => {
                line += 1;
                out.push((' ', line));
            }
            _ => out.push((c, line)),
        }
    }
    if in_quote {
        return Err(err_at(
            K,
            quote_start.0,
            1,
            "unterminated \"…\" quote (cmd.exe)",
        ));
    }
    // Layer 2: the C runtime's argument splitting.
    let mut words = Vec::new();
    let mut cur: Option<Word> = None;
    let mut quoted = false;
    let mut i = 0;
    while let Some(&(c, l)) = out.get(i) {
        match c {
            ' ' | '\t' if !quoted => {
                if let Some(w) = cur.take() {
                    words.push(w);
                }
                i += 1;
            }
            '\\' => {
                let mut n = 0;
                while out.get(i).is_some_and(|(c, _)| *c == '\\') {
                    n += 1;
                    i += 1;
                }
                let w = cur.get_or_insert(Word {
                    text: String::new(),
                    line: l,
                });
                if out.get(i).is_some_and(|(c, _)| *c == '"') {
                    w.text.extend(std::iter::repeat_n('\\', n / 2));
                    if n % 2 == 1 {
                        w.text.push('"');
                        i += 1;
                    }
                } else {
                    w.text.extend(std::iter::repeat_n('\\', n));
                }
            }
            '"' => {
                cur.get_or_insert(Word {
                    text: String::new(),
                    line: l,
                });
                quoted = !quoted;
                i += 1;
            }
            _ => {
                cur.get_or_insert(Word {
                    text: String::new(),
                    line: l,
                })
                .text
                .push(c);
                i += 1;
            }
        }
    }
    if let Some(w) = cur.take() {
        words.push(w);
    }
    Ok(words)
}

/// curl options that take an argument (long forms).
const LONG_WITH_ARG: [&str; 48] = [
    "--request",
    "--header",
    "--data",
    "--data-raw",
    "--data-binary",
    "--data-ascii",
    "--data-urlencode",
    "--json",
    "--cookie",
    "--user",
    "--user-agent",
    "--referer",
    "--output",
    "--form",
    "--form-string",
    "--upload-file",
    "--max-time",
    "--connect-timeout",
    "--proxy",
    "--write-out",
    "--url",
    "--cacert",
    "--capath",
    "--cert",
    "--key",
    "--resolve",
    "--connect-to",
    "--range",
    "--retry",
    "--cookie-jar",
    "--config",
    "--oauth2-bearer",
    "--proxy-user",
    "--limit-rate",
    "--max-redirs",
    "--dump-header",
    "--interface",
    "--dns-servers",
    "--trace",
    "--trace-ascii",
    "--stderr",
    "--variable",
    "--cert-type",
    "--key-type",
    "--retry-delay",
    "--retry-max-time",
    "--continue-at",
    "--aws-sigv4",
];
/// Short options that take an argument.
const SHORT_WITH_ARG: &str = "XHdbuAeoFTmxwrcKUDECYyz";

/// The request a curl command line sends, as written on it.
#[derive(Clone, Debug)]
pub(super) struct CurlCall {
    pub method: String,
    pub url: String,
    /// `-H` headers in order, with `-u` / `--oauth2-bearer` as Authorization.
    pub headers: Vec<(String, String)>,
    /// `-e` / `--referer`.
    pub referer: Option<String>,
    /// Cookies sent other than in a Cookie header (`-b`).
    pub cookie: bool,
    pub body: CommandBody,
}

/// A shell prompt the line may start with (`$ `, `% `, `me@box:~/app$ `, `PS C:\> `): the
/// line after it; the line itself when it has none.
fn after_prompt(line: &str) -> &str {
    let t = line.trim_start();
    // zsh themes' arrows and chevrons (oh-my-zsh's `➜  app git:(main) `, starship's `❯ `) too.
    for marker in ["$ ", "% ", "> ", "# ", "❯ ", "➜ ", "λ ", "→ ", "» "] {
        if let Some(i) = t.find(marker) {
            let prefix = t.get(..i).unwrap_or("");
            let rest = t.get(i + marker.len()..).unwrap_or("").trim_start();
            // "# curl …" alone is a comment; "root@box:~# curl …" a prompt.
            let comment = marker == "# " && prefix.is_empty();
            let glyph = matches!(marker, "❯ " | "➜ " | "λ " | "→ " | "» ");
            let prompt = !comment && !prefix.contains(char::is_whitespace)
                || prefix.starts_with("PS ")
                || glyph;
            let rest = after_wrappers(rest);
            if prompt && (is_curl_start(rest) || is_httpie_start(rest)) {
                return rest;
            }
            // A theme's prompt goes on after its glyph (`➜  app git:(main) ✗ curl …`).
            if glyph && prefix.is_empty() {
                for program in [" curl ", " http ", " https ", " xh "] {
                    if let Some(j) = rest.find(program) {
                        let cmd = &rest[j + 1..];
                        if !rest[..j].contains(['\'', '"']) {
                            return cmd;
                        }
                    }
                }
            }
        }
    }
    let w = after_wrappers(t);
    if is_curl_start(w) || is_httpie_start(w) {
        return w;
    }
    t
}

/// The command a wrapper runs: `sudo`, `time`, `ddev exec`, `docker exec [-it] NAME`,
/// `docker compose exec NAME`, `kubectl exec [-it] POD --` before `curl …`. `t` itself when
/// no wrapper starts it.
fn after_wrappers(t: &str) -> &str {
    let mut cur = t;
    loop {
        let before = cur;
        for w in ["sudo ", "time ", "ddev exec ", "lando "] {
            if let Some(r) = cur.strip_prefix(w) {
                cur = r.trim_start();
            }
        }
        for w in [
            "docker exec ",
            "docker compose exec ",
            "docker-compose exec ",
            "podman exec ",
        ] {
            if let Some(r) = cur.strip_prefix(w) {
                // Options, then the container's name.
                let mut words = r.split_whitespace();
                let mut rest = r;
                for word in words.by_ref() {
                    let at = rest.find(word).unwrap_or(0) + word.len();
                    rest = rest.get(at..).unwrap_or("");
                    if !word.starts_with('-') {
                        break;
                    }
                }
                cur = rest.trim_start();
            }
        }
        if let Some(r) = cur.strip_prefix("kubectl exec ") {
            if let Some(i) = r.find(" -- ") {
                cur = r.get(i + 4..).unwrap_or("").trim_start();
            }
        }
        if cur.len() == before.len() {
            break;
        }
    }
    cur
}

/// Does `t` start with one of `programs` followed by its arguments?
fn runs(t: &str, programs: &[&str]) -> bool {
    programs.iter().any(|p| {
        t.strip_prefix(p).is_some_and(|r| {
            // A label before a fence ("curl request:", "http response:") names a command, it
            // runs none: words ending in a colon, no option, no URL.
            let label = r.trim_end().ends_with(':')
                && !r.contains("://")
                && !r.trim_start().starts_with('-')
                && r.split_whitespace().count() <= 3;
            r.starts_with([' ', '\t']) && !label
        })
    })
}

fn is_curl_start(t: &str) -> bool {
    runs(t, &["curl", "curl.exe"])
}

/// HTTPie (`http`, `https`) and xh (`xh`, `xhs`), which take HTTPie's arguments.
fn is_httpie_start(t: &str) -> bool {
    runs(t, &["http", "https", "xh", "xhs"])
}

/// Does this line start a curl command (after an optional shell prompt)?
/// Is the `&` at `i` inside an unquoted URL's query: a `?` earlier in the same word and a
/// letter or digit right after it?
fn in_query(b: &[u8], i: usize) -> bool {
    let start = b
        .get(..i)
        .and_then(|h| h.iter().rposition(|c| c.is_ascii_whitespace()))
        .map_or(0, |p| p + 1);
    b.get(start..i).is_some_and(|w| w.contains(&b'?'))
        && b.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric())
}

pub(super) fn starts_curl(line: &str) -> bool {
    is_curl_start(after_prompt(line))
}

/// Does this line start a curl or HTTPie command (after an optional shell prompt)?
pub(super) fn starts_command(line: &str) -> bool {
    let t = after_prompt(line);
    is_curl_start(t) || is_httpie_start(t)
}

/// Does this line start with a shell prompt?
pub(super) fn has_prompt(line: &str) -> bool {
    after_prompt(line).len() < line.trim_start().len()
}

/// Where the command at the start of `text` ends, as a byte offset, and what ended it: an
/// unquoted, unescaped newline (unless the next line goes on with an option, `-…`, as a
/// command wrapped without backslashes does), or `;`, `&`, `|` (another command, or a
/// pipe). Quotes and escapes follow the shell the command was written for.
fn command_end(text: &str, cmd_style: bool) -> (usize, Option<char>) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut word_start = true;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' if !cmd_style => i += 2,
            b'^' if cmd_style => i += 2,
            b'\'' if !cmd_style => {
                let dollar = i > 0 && b.get(i - 1) == Some(&b'$');
                i += 1;
                while let Some(&q) = b.get(i) {
                    i += 1;
                    if dollar && q == b'\\' {
                        i += 1;
                    } else if q == b'\'' {
                        break;
                    }
                }
            }
            b'"' => {
                i += 1;
                while let Some(&q) = b.get(i) {
                    i += 1;
                    if q == b'\\' && !cmd_style {
                        i += 1;
                    } else if q == b'"' {
                        break;
                    }
                }
            }
            b'#' if word_start && !cmd_style => {
                while b.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
            }
            b';' | b'|' if !cmd_style => return (i, Some(c as char)),
            // A redirection (`2>&1`, `&>file`, `>&2`) is part of the command.
            b'&' if i > 0 && b.get(i - 1) == Some(&b'>') || b.get(i + 1) == Some(&b'>') => i += 1,
            // `?a=1&b=2` in an unquoted URL: the words tokenizer keeps it whole too.
            b'&' if in_query(b, i) => i += 1,
            b'&' => return (i, Some('&')),
            b'\n' => {
                let next = text.get(i + 1..).unwrap_or("");
                let goes_on = next
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .is_some_and(|l| l.trim_start().starts_with('-'));
                if !goes_on {
                    return (i, Some('\n'));
                }
                i += 1;
            }
            _ => i += 1,
        }
        word_start = b
            .get(i.wrapping_sub(1))
            .is_some_and(|c| c.is_ascii_whitespace());
    }
    (text.len(), None)
}

/// The length of the programs a command's output is piped to (`| jq . | head`), when
/// `rest` (the text right after the command) starts with a pipe.
pub(super) fn piped_programs(rest: &str) -> usize {
    let mut at = 0;
    while let Some(r) = rest
        .get(at..)
        .filter(|r| r.starts_with('|') && !r.starts_with("||"))
    {
        let r = r.get(1..).unwrap_or("");
        at += 1 + command_end(r, false).0;
    }
    at
}

/// Read the curl command at the start of `text` (a shell prompt allowed before it), whose
/// first line is line `line0` of the input: the call and the byte offset where it ends.
pub(super) fn read_call(text: &str, line0: usize) -> Result<(CurlCall, usize), InputError> {
    let first_line = text.lines().next().unwrap_or("");
    let skip = first_line.len() - after_prompt(first_line).len();
    let text = text.get(skip..).unwrap_or("");
    let cmd_style = text.contains("^\"") || text.lines().any(|l| l.trim_end().ends_with(" ^"));
    let (end, _) = command_end(text, cmd_style);
    let cmd = text.get(..end).unwrap_or(text);
    let shift = |mut e: InputError| {
        e.place.line = e.place.line.map(|l| l + line0 - 1);
        e
    };
    let mut words = if cmd_style {
        cmd_words(cmd)
    } else {
        bash_words(cmd)
    }
    .map_err(shift)?;
    for w in &mut words {
        w.line += line0 - 1;
    }
    let call = if is_httpie_start(text) {
        parse_httpie(words, line0)?
    } else {
        parse_call(words, line0)?
    };
    Ok((call, skip + end))
}

/// HTTPie's options that take an argument (`--auth user:pass`, `-o file` …).
const HTTPIE_WITH_ARG: &[&str] = &[
    "--auth",
    "-a",
    "--auth-type",
    "-A",
    "--session",
    "--session-read-only",
    "--output",
    "-o",
    "--verify",
    "--cert",
    "--cert-key",
    "--cert-key-pass",
    "--proxy",
    "--timeout",
    "--print",
    "-p",
    "--pretty",
    "--style",
    "-s",
    "--format-options",
    "--max-redirects",
    "--boundary",
    "--raw",
    "--default-scheme",
    "--ssl",
    "--ciphers",
    "--response-charset",
    "--response-mime",
    "--bearer",
];

/// An HTTPie request item: `Header:value`, `Header;` (empty), `query==v`, `field=v`,
/// `field:=json`, `field@file`, `field=@file`, `field:=@file` — split at its first
/// separator (the longest one at that place), backslash-escaped separators kept.
fn httpie_item(arg: &str) -> Option<(String, &'static str, String)> {
    const SEPS: [&str; 8] = [":=@", "=@", "==", ":=", "=", "@", ":", ";"];
    let mut key = String::new();
    let mut chars = arg.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            if let Some((_, n)) = chars.next() {
                key.push(n);
                continue;
            }
        }
        let rest = arg.get(i..)?;
        if let Some(sep) = SEPS.iter().find(|s| rest.starts_with(**s)) {
            if key.is_empty() {
                return None;
            }
            return Some((key, sep, rest.get(sep.len()..)?.to_string()));
        }
        key.push(c);
    }
    None
}

/// The call an HTTPie / xh command's words make: `http [METHOD] URL [ITEM …]`.
fn parse_httpie(words: Vec<Word>, line0: usize) -> Result<CurlCall, InputError> {
    const K: InputKind = InputKind::HttpText;
    let mut it = words.into_iter();
    let prog = it
        .next()
        .ok_or_else(|| InputError::at_line(K, line0, "empty command"))?;
    let mut scheme = if prog.text.ends_with('s') {
        "https"
    } else {
        "http"
    }
    .to_string();
    let mut positional: Vec<Word> = Vec::new();
    let (mut auth, mut auth_type, mut form, mut multipart) = (None, None, false, false);
    // A body given whole: `--raw TEXT`, or `@path` (the file's content).
    let mut raw_body = false;
    let mut only_args = false;
    while let Some(w) = it.next() {
        let t = w.text.as_str();
        if only_args || !t.starts_with('-') || t == "-" {
            positional.push(w);
            continue;
        }
        if t == "--" {
            only_args = true;
            continue;
        }
        let (name, inline) = match t.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (t.to_string(), None),
        };
        let arg = if HTTPIE_WITH_ARG.contains(&name.as_str()) {
            match inline {
                Some(v) => Some(v),
                None => Some(
                    it.next()
                        .ok_or_else(|| {
                            InputError::at_line(K, w.line, format!("{name} needs an argument"))
                        })?
                        .text,
                ),
            }
        } else {
            None
        };
        match name.as_str() {
            "--auth" | "-a" => auth = arg,
            "--auth-type" | "-A" => auth_type = arg,
            "--bearer" => {
                auth = arg;
                auth_type = Some("bearer".into());
            }
            "--raw" => raw_body = true,
            "--form" | "-f" => form = true,
            "--multipart" => multipart = true,
            "--default-scheme" => scheme = arg.unwrap_or(scheme),
            _ => {}
        }
    }
    // [METHOD] URL: as HTTPie decides, the first word is the method when it is all
    // letters and more words follow (so `http localhost a:b` takes "localhost" for one).
    let mut pos = positional.into_iter().peekable();
    let first = pos
        .next()
        .ok_or_else(|| InputError::at_line(K, line0, "no URL in the command"))?;
    let method_given = first.text.bytes().all(|c| c.is_ascii_alphabetic()) && pos.peek().is_some();
    let (method, url_word) = if method_given {
        let url = pos
            .next()
            .ok_or_else(|| InputError::at_line(K, first.line, "no URL in the command"))?;
        (Some(first.text.to_ascii_uppercase()), url)
    } else {
        (None, first)
    };
    let raw = url_word.text.as_str();
    let full = if let Some(rest) = raw.strip_prefix(':') {
        // `:3000/path`, `:/path`, `:3000`: localhost.
        let colon = if rest.is_empty() || rest.starts_with('/') {
            ""
        } else {
            ":"
        };
        format!("{scheme}://localhost{colon}{rest}")
    } else if raw.contains("://") {
        raw.to_string()
    } else {
        format!("{scheme}://{raw}")
    };
    let mut url = url::Url::parse(&full)
        .map_err(|e| InputError::at_line(K, url_word.line, format!("{raw:?} is not a URL: {e}")))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    let (mut data, mut files) = (false, false);
    for w in pos {
        if w.text.len() > 1 && w.text.starts_with('@') {
            raw_body = true;
            continue;
        }
        let Some((key, sep, value)) = httpie_item(&w.text) else {
            return Err(InputError::at_line(
                K,
                w.line,
                format!(
                    "expected an HTTPie item (Header:value, name==query, field=value, field:=json), found {:?}",
                    super::http_text::clip(&w.text)
                ),
            ));
        };
        match sep {
            ":" if !value.is_empty() => headers.push((key, value)),
            // `Header:` removes a default header; `Header;` sends it empty.
            ":" => {}
            ";" => headers.push((key, String::new())),
            "==" => {
                url.query_pairs_mut().append_pair(&key, &value);
            }
            "@" => files = true,
            _ => data = true,
        }
    }
    let body = if files || multipart {
        CommandBody::Multipart
    } else if data || raw_body {
        CommandBody::Data
    } else {
        CommandBody::None
    };
    let has = |h: &[(String, String)], n: &str| h.iter().any(|(k, _)| k.eq_ignore_ascii_case(n));
    if body == CommandBody::Data && !has(&headers, "content-type") {
        let ct = if form {
            "application/x-www-form-urlencoded; charset=utf-8"
        } else {
            "application/json"
        };
        headers.push(("Content-Type".into(), ct.into()));
    }
    if let Some(a) = auth {
        if !has(&headers, "authorization") {
            let value = match auth_type.as_deref() {
                Some("bearer") => format!("Bearer {a}"),
                _ => format!(
                    "Basic {}",
                    crate::base64::encode(a.as_bytes(), crate::base64::Alphabet::Standard)
                ),
            };
            headers.push(("Authorization".into(), value));
        }
    }
    let method = method.unwrap_or_else(|| {
        if body == CommandBody::None {
            "GET"
        } else {
            "POST"
        }
        .into()
    });
    Ok(CurlCall {
        method,
        url: url.to_string(),
        headers,
        referer: None,
        cookie: false,
        body,
    })
}

/// One or more curl commands (Copy as cURL, "Copy all as cURL", commands joined with `;`,
/// `&&` or newlines): one exchange each.
pub fn read_curl(input: &str) -> Result<Vec<Exchange>, InputError> {
    const K: InputKind = InputKind::CurlCommand;
    let text = input.trim_start_matches('\u{feff}');
    let mut out = Vec::new();
    let mut at = 0;
    loop {
        // Separators, blank lines and comment lines between commands.
        let rest = text.get(at..).unwrap_or("");
        let trimmed =
            rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ';' | '&'));
        at += rest.len() - trimmed.len();
        if trimmed.starts_with('#') {
            at += trimmed.find('\n').unwrap_or(trimmed.len());
            continue;
        }
        if trimmed.is_empty() {
            break;
        }
        let line = text.get(..at).unwrap_or("").matches('\n').count() + 1;
        let first = trimmed.lines().next().unwrap_or("");
        if !starts_curl(first) {
            let message = if out.is_empty() {
                format!("expected a curl command, found {:?}", clip(first))
            } else {
                format!(
                    "after the curl command, expected another one or its output with the status and headers (curl -i or curl -v), found {:?}",
                    clip(first)
                )
            };
            return Err(InputError::at_line(K, line, message));
        }
        let (call, end) = read_call(trimmed, line)?;
        // A gateway's configuration through its admin API (Kong's `/services`, `/routes`,
        // `/plugins` on port 8001 or under /admin/): no request of the page's.
        if admin_call(&call) {
            at += end + piped_programs(text.get(at + end..).unwrap_or(""));
            continue;
        }
        let mut ex = command_exchange(
            K,
            &call.method,
            &call.url,
            &call.headers,
            call.referer.as_deref(),
            call.cookie,
            call.body,
        );
        ex.location = format!("line {line}");
        out.push(ex);
        at += end + piped_programs(text.get(at + end..).unwrap_or(""));
    }
    if out.is_empty() {
        return Err(InputError::at_line(K, 1, "empty command"));
    }
    Ok(out)
}

/// A call to a gateway's admin API that configures it (Kong's Admin API: `/services`,
/// `/routes`, `/plugins`, `/consumers` on its port 8001/8444 or under an `/admin/` prefix).
fn admin_call(call: &CurlCall) -> bool {
    if matches!(call.method.as_str(), "GET" | "HEAD" | "OPTIONS") {
        return false;
    }
    let Some((_, rest)) = call.url.split_once("://") else {
        return false;
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let admin_port = authority.ends_with(":8001") || authority.ends_with(":8444");
    let path = if admin_port {
        path
    } else if let Some(p) = path.strip_prefix("/admin") {
        p
    } else {
        return false;
    };
    [
        "/services",
        "/routes",
        "/plugins",
        "/consumers",
        "/upstreams",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

/// The call a curl command's words make (`line0`: the command's first line, for errors).
fn parse_call(words: Vec<Word>, line0: usize) -> Result<CurlCall, InputError> {
    const K: InputKind = InputKind::CurlCommand;
    let mut it = words.into_iter().peekable();
    let first = it
        .next()
        .ok_or_else(|| InputError::at_line(K, line0, "empty command"))?;
    let prog = first.text.rsplit(['/', '\\']).next().unwrap_or("");
    if !(prog == "curl" || prog.eq_ignore_ascii_case("curl.exe")) {
        return Err(InputError::at_line(
            K,
            first.line,
            format!("expected a curl command, found {:?}", first.text),
        ));
    }
    let mut url: Option<String> = None;
    let mut method: Option<String> = None;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut data = false;
    let mut form = false;
    let mut head = false;
    let mut get = false;
    let mut upload = false;
    let mut cookie = false;
    let mut referer: Option<String> = None;
    let mut last_line = first.line;
    let mut only_urls = false;

    // (option, its argument, line) for every option.
    let mut opts: Vec<(String, Option<String>, usize)> = Vec::new();
    while let Some(w) = it.next() {
        last_line = w.line;
        let t = w.text;
        if only_urls || !t.starts_with('-') || t == "-" {
            if url.is_none() {
                url = Some(t);
            }
            continue;
        }
        if t == "--" {
            only_urls = true;
            continue;
        }
        if let Some(long) = t.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) if LONG_WITH_ARG.contains(&format!("--{n}").as_str()) => {
                    (format!("--{n}"), Some(v.to_string()))
                }
                _ => (t.clone(), None),
            };
            if inline.is_some() {
                opts.push((name, inline, w.line));
            } else if LONG_WITH_ARG.contains(&name.as_str()) {
                let arg = it.next().ok_or_else(|| {
                    InputError::at_line(K, w.line, format!("{name} needs an argument"))
                })?;
                opts.push((name, Some(arg.text), w.line));
            } else {
                opts.push((name, None, w.line));
            }
            continue;
        }
        // Short options, possibly bundled: -sSL, -XPUT.
        let mut chars = t.chars().skip(1);
        while let Some(c) = chars.next() {
            if SHORT_WITH_ARG.contains(c) {
                let rest: String = chars.by_ref().collect();
                let arg = if rest.is_empty() {
                    it.next()
                        .ok_or_else(|| {
                            InputError::at_line(K, w.line, format!("-{c} needs an argument"))
                        })?
                        .text
                } else {
                    rest
                };
                opts.push((format!("-{c}"), Some(arg), w.line));
                break;
            }
            opts.push((format!("-{c}"), None, w.line));
        }
    }
    for (name, arg, line) in opts {
        let arg = arg.unwrap_or_default();
        match name.as_str() {
            "-X" | "--request" => method = Some(arg),
            "-H" | "--header" => {
                if let Some((n, v)) = arg.split_once(':') {
                    let v = crate::exchange::trim_http_whitespace(v);
                    if !v.is_empty() {
                        headers.push((n.trim().to_string(), v.to_string()));
                    }
                } else if let Some(n) = arg.strip_suffix(';') {
                    headers.push((n.trim().to_string(), String::new()));
                } else {
                    return Err(InputError::at_line(
                        K,
                        line,
                        format!("expected -H 'Name: value', found {:?}", arg),
                    ));
                }
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-ascii"
            | "--data-urlencode" => data = true,
            "--json" => {
                data = true;
                if !headers
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
                {
                    headers.push(("Content-Type".into(), "application/json".into()));
                }
                if !headers
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case("accept"))
                {
                    headers.push(("Accept".into(), "application/json".into()));
                }
            }
            "-F" | "--form" | "--form-string" => form = true,
            "-T" | "--upload-file" => upload = true,
            "-I" | "--head" => head = true,
            "-G" | "--get" => get = true,
            "-b" | "--cookie" => cookie = true,
            "-u" | "--user" => {
                headers.push((
                    "Authorization".into(),
                    format!(
                        "Basic {}",
                        crate::base64::encode(arg.as_bytes(), crate::base64::Alphabet::Standard)
                    ),
                ));
            }
            "--oauth2-bearer" => headers.push(("Authorization".into(), format!("Bearer {arg}"))),
            "-e" | "--referer" => referer = Some(arg),
            "--url" if url.is_none() => url = Some(arg),
            _ => {}
        }
    }
    let Some(raw_url) = url else {
        return Err(InputError::at_line(
            K,
            last_line,
            "no URL in the curl command",
        ));
    };
    // curl takes a URL without "://" as http:// (`localhost:8080/x` is no URL of scheme
    // "localhost" to it).
    let url = if raw_url.contains("://") {
        url::Url::parse(&raw_url).map_or(raw_url, |u| u.to_string())
    } else {
        url::Url::parse(&format!("http://{raw_url}")).map_or(raw_url, |u| u.to_string())
    };
    let method = method.unwrap_or_else(|| {
        if head {
            "HEAD"
        } else if get {
            "GET"
        } else if data || form {
            "POST"
        } else if upload {
            "PUT"
        } else {
            "GET"
        }
        .to_string()
    });
    let body = if form {
        CommandBody::Multipart
    } else if data || upload {
        CommandBody::Data
    } else {
        CommandBody::None
    };
    Ok(CurlCall {
        method,
        url,
        headers,
        referer,
        cookie,
        body,
    })
}

/// The body a command attaches, as far as the command tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CommandBody {
    None,
    /// Data whose kind the Content-Type header tells.
    Data,
    Multipart,
}

/// The request a command-line client (Copy as cURL, Copy as PowerShell) sends, as an
/// exchange: `headers` as written (browser-added ones are dropped here), `cookie`
/// when cookies go out other than in a Cookie header (`-b`, a web session's cookies).
pub(super) fn command_exchange(
    k: InputKind,
    method: &str,
    url: &str,
    headers: &[(String, String)],
    referer: Option<&str>,
    cookie: bool,
    body: CommandBody,
) -> Exchange {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let origin = header("origin");
    let page_origin = origin.or_else(|| {
        header("referer")
            .or(referer.map(str::to_string))
            .and_then(|r| origin_of(&r))
    });
    let has_cookie = cookie || header("cookie").is_some();
    let acrm = header("access-control-request-method");
    let mut ex = Exchange::new(k, method, url);
    ex.page_origin = page_origin;
    if has_cookie {
        ex.request.credentials = Credentials::Include;
        ex.request.credentials_known = Known::Inferred;
    }
    if method.eq_ignore_ascii_case("OPTIONS") {
        if let Some(acrm) = acrm {
            // A hand-made preflight: the request it stands for is ACRM + ACRH.
            ex.request.method = acrm.trim().to_string();
            let mut list = HeaderList::new();
            if let Some(acrh) = header("access-control-request-headers") {
                for n in acrh.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    list.push(n, "");
                }
            }
            ex.request.headers = list;
            ex.preflight = PreflightCapture::Captured(Preflight {
                url: url.to_string(),
                request_headers: headers
                    .iter()
                    .map(|(n, v)| (n.clone(), v.clone()))
                    .collect(),
                response: None,
                error: None,
            });
            return ex;
        }
    }
    ex.request.headers = author_headers(headers, None);
    ex.request.body = match body {
        CommandBody::Multipart => BodyKind::Multipart,
        CommandBody::Data => body_kind_for(header("content-type").as_deref()),
        CommandBody::None => BodyKind::None,
    };
    ex
}

// ---------------------------------------------------------------------------
// Copy as fetch

/// Headers in the order written (an object or an array of pairs).
#[derive(Debug, Default)]
struct OrderedHeaders(Vec<(String, String)>);

fn value_text(v: serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }
}

impl<'de> Deserialize<'de> for OrderedHeaders {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OrderedHeaders;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "an object of header names to values, or an array of [name, value] pairs",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, serde_json::Value>()? {
                    out.push((k, value_text(v)));
                }
                Ok(OrderedHeaders(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(pair) = s.next_element::<Vec<serde_json::Value>>()? {
                    let mut p = pair.into_iter();
                    match (p.next(), p.next()) {
                        (Some(n), Some(v)) => out.push((value_text(n), value_text(v))),
                        _ => {
                            return Err(de::Error::custom("a header pair needs a name and a value"))
                        }
                    }
                }
                Ok(OrderedHeaders(out))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(OrderedHeaders::default())
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FetchInit {
    headers: OrderedHeaders,
    body: Option<serde_json::Value>,
    method: Option<String>,
    credentials: Option<String>,
    referrer: Option<String>,
    mode: Option<String>,
}

/// Line and column (1-based) of a byte offset.
fn line_col(s: &str, offset: usize) -> (usize, usize) {
    let before = s.get(..offset).unwrap_or(s);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Read a JS string literal at `start` ("…", '…' or `…`); returns it and the offset after it.
fn js_string(s: &str, start: usize) -> Option<(String, usize)> {
    let rest = s.get(start..)?;
    let q = rest.chars().next()?;
    if !matches!(q, '"' | '\'' | '`') {
        return None;
    }
    if q == '"' {
        // JSON-compatible: let serde_json unescape it.
        let mut escaped = false;
        for (i, c) in rest.char_indices().skip(1) {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                let lit = rest.get(..=i)?;
                let v: String = serde_json::from_str(lit).ok()?;
                return Some((v, start + i + 1));
            }
        }
        return None;
    }
    let mut out = String::new();
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        if escaped {
            out.push(match c {
                'n' => '\n',
                't' => '\t',
                other => other,
            });
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == q {
            return Some((out, start + i + 1));
        } else {
            out.push(c);
        }
    }
    None
}

/// The end (exclusive) of the `{…}` starting at `start`, skipping strings.
fn object_end(s: &str, start: usize) -> Option<usize> {
    let rest = s.get(start..)?;
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(start + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn skip_ws(s: &str, mut at: usize) -> usize {
    while let Some(c) = s.get(at..).and_then(|r| r.chars().next()) {
        if c.is_whitespace() {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at
}

/// fetch() upper-cases these methods only (case-insensitively); others stay as written.
pub(crate) fn normalize_fetch_method(m: &str) -> String {
    const NORMALIZED: [&str; 6] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
    match NORMALIZED.iter().find(|n| n.eq_ignore_ascii_case(m)) {
        Some(n) => n.to_string(),
        None => m.to_string(),
    }
}

/// One or more `fetch()` calls (Copy as fetch, "Copy all as fetch" joins them with
/// " ;\n"): one exchange each. Code around a call (`.then(…)`) is left alone.
pub fn read_fetch(input: &str) -> Result<Vec<Exchange>, InputError> {
    const K: InputKind = InputKind::FetchCommand;
    let s = input.trim_start_matches('\u{feff}');
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(call) = next_fetch_call(s, from) {
        let (ex, end) = read_fetch_call(s, call)?;
        out.push(ex);
        from = end.max(call + 1);
    }
    if out.is_empty() {
        return Err(InputError::at_line(K, 1, "expected fetch(\"<url>\", {…})"));
    }
    Ok(out)
}

/// The next `fetch(` from `from` on that is a call of fetch (not of `prefetch(`).
fn next_fetch_call(s: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let i = at + s.get(at..)?.find("fetch(")?;
        let before = s.get(..i)?.chars().next_back();
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
            && !super::script::after_failed_to(s, i)
        {
            return Some(i);
        }
        at = i + 1;
    }
}

/// A fetch() whose URL (at byte `at`) is not a string literal, with its options object: its
/// exchange, the URL unknown, and the offset after the options.
fn fetch_with_unstated_url(s: &str, call: usize, at: usize) -> Option<(Exchange, usize)> {
    let (_, after) = super::script::value_at(s, at)?;
    let comma = super::script::skip_space(s, after);
    if !s.get(comma..)?.starts_with(',') {
        return None;
    }
    let obj = super::script::skip_space(s, comma + 1);
    let (_, end) = super::script::value_at(s, obj)?;
    let ex = super::script::fetch_exchange(s, call, "", obj)?;
    Some((ex, end))
}

/// The fetch() call at byte `call` of `s`: its exchange and the offset after it.
fn read_fetch_call(s: &str, call: usize) -> Result<(Exchange, usize), InputError> {
    const K: InputKind = InputKind::FetchCommand;
    let at = skip_ws(s, call + "fetch(".len());
    let place = |off: usize, msg: String| {
        let (l, c) = line_col(s, off);
        err_at(K, l, c, msg)
    };
    let Some((raw_url, after)) = js_string(s, at) else {
        // A URL from a variable or an expression (`fetch(url, {…})`, `fetch(`${API}/x`, …)`):
        // the options still say the method, the headers and the credentials mode.
        if let Some(found) = fetch_with_unstated_url(s, call, at) {
            return Ok(found);
        }
        return Err(place(
            at,
            "expected the URL as a string literal after fetch(".into(),
        ));
    };
    let at = skip_ws(s, after);
    let mut call_end = at + 1;
    let init: FetchInit = match s.get(at..).and_then(|r| r.chars().next()) {
        Some(')') => FetchInit::default(),
        Some(',') => {
            let obj = skip_ws(s, at + 1);
            call_end = obj + 1;
            match s.get(obj..).and_then(|r| r.chars().next()) {
                Some(')') => FetchInit::default(),
                Some('{') => {
                    let end = object_end(s, obj)
                        .ok_or_else(|| place(obj, "the options object {…} is not closed".into()))?;
                    call_end = end;
                    let text = s.get(obj..end).unwrap_or("");
                    let json = serde_json::from_str(text);
                    if json.is_err() {
                        // Options as a person writes them (unquoted keys, single quotes,
                        // variables): read as JavaScript.
                        if let Some(ex) = super::script::fetch_exchange(s, call, &raw_url, obj) {
                            return Ok((ex, end));
                        }
                    }
                    json.map_err(|e: serde_json::Error| {
                        let (l0, c0) = line_col(s, obj);
                        let line = l0 + e.line().saturating_sub(1);
                        let col = if e.line() <= 1 {
                            c0 + e.column().saturating_sub(1)
                        } else {
                            e.column()
                        };
                        err_at(
                            K,
                            line,
                            col,
                            format!("the options are not JSON as Chrome's \"Copy as fetch\" writes them: {e}"),
                        )
                    })?
                }
                _ => {
                    return Err(place(
                        obj,
                        "expected the options object {…} after the URL".into(),
                    ))
                }
            }
        }
        _ => return Err(place(at, "expected ',' or ')' after the URL".into())),
    };
    let url = url::Url::parse(&raw_url)
        .map(|u| u.to_string())
        .unwrap_or(raw_url);
    let method = normalize_fetch_method(init.method.as_deref().unwrap_or("GET"));
    let headers = init.headers.0;
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let mut ex = Exchange::new(K, &method, &url);
    ex.location = format!("line {}", line_col(s, call).0);
    ex.page_origin = header("origin").or_else(|| {
        init.referrer
            .as_deref()
            .filter(|r| !r.is_empty() && *r != "about:client")
            .and_then(origin_of)
            .or_else(|| header("referer").and_then(|r| origin_of(&r)))
    });
    // DevTools' "Copy as fetch" (it always writes `referrerPolicy`) derives
    // `credentials` from whether the request carried cookies, not from the page's
    // code: inferred. A hand-written fetch() states it.
    let stated = if s
        .get(call..call_end)
        .is_some_and(|c| c.contains("\"referrerPolicy\""))
    {
        Known::Inferred
    } else {
        Known::Stated
    };
    let (cred, known) = match init.credentials.as_deref() {
        Some("include") => (Credentials::Include, stated),
        Some("omit") => (Credentials::Omit, stated),
        Some("same-origin") | None => (Credentials::SameOrigin, stated),
        Some(other) => {
            let off = s
                .get(call..)
                .and_then(|c| c.find("\"credentials\""))
                .map_or(call, |o| call + o);
            return Err(place(
                off,
                format!(
                    "credentials must be \"omit\", \"same-origin\" or \"include\", found {other:?}"
                ),
            ));
        }
    };
    ex.request.credentials = cred;
    ex.request.credentials_known = known;
    // `mode: "no-cors"`: no CORS check, an opaque response (status 0, no body to read).
    ex.no_cors = init.mode.as_deref() == Some("no-cors");
    if header("cookie").is_some() && cred != Credentials::Include {
        // "Copy as fetch (Node.js)" writes the cookie as a header.
        ex.request.credentials = Credentials::Include;
        ex.request.credentials_known = Known::Inferred;
    }
    ex.request.headers = author_headers(&headers, None);
    ex.request.body = match init.body {
        None | Some(serde_json::Value::Null) => BodyKind::None,
        Some(_) => body_kind_for(header("content-type").as_deref()),
    };
    Ok((ex, call_end))
}
