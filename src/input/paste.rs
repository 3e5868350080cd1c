//! What a paste picks up on its way through an issue tracker, a forum or a chat: Markdown
//! code fences around it (or on its own line), `>` quote markers, and typographic quotes a
//! forum put in Chrome's message. [`clean`] takes them off and keeps every line where it
//! was, so errors still name the user's own line numbers.

use std::borrow::Cow;

/// The paste without its Markdown wrapping, line for line; borrowed when there is none.
pub(crate) fn clean(input: &str) -> Cow<'_, str> {
    let t = input.trim_start_matches('\u{feff}').trim();
    // A HAR (big) is never scanned: only its first byte is looked at.
    if t.starts_with(['{', '[']) && !t.starts_with("[Error]") {
        return Cow::Borrowed(input);
    }
    // A browser's message with HTML's inline marks a post kept (`<span style="color:red">`),
    // or Firefox's with its first word lost ("Request Blocked: The Same Origin Policy …"):
    // the message as the browser wrote it, every line in its place.
    if let Some(fixed) = retyped_marks(input) {
        return Cow::Owned(clean_marked(&fixed).into_owned());
    }
    clean_marked(input)
}

/// [`clean`] after the message's marks are off.
fn clean_marked(input: &str) -> Cow<'_, str> {
    let t = input.trim_start_matches('\u{feff}').trim();
    let fenced = t.starts_with("```")
        || t.starts_with("~~~")
        || t.ends_with("```")
        || t.lines().any(|l| is_fence(l.trim()));
    // "...", "…", "[...]" alone on a line: where the poster cut the capture short.
    let elided = t.lines().any(|l| is_elision(l.trim()));
    let quoted = is_quoted(input);
    let curly = input.contains(['\u{2018}', '\u{2019}']) && input.contains(CHROME_MIDDLE);
    let nbsp = input.contains('\u{a0}');
    // A line in Markdown's inline code: `curl 'https://…' -X OPTIONS …`; a command in inline
    // code among words, its output under it.
    let all: Vec<&str> = input.split('\n').collect();
    let commands: Vec<Option<&str>> = if input.contains('`') {
        (0..all.len()).map(|i| inline_command(&all, i)).collect()
    } else {
        Vec::new()
    };
    let ticked =
        t.lines().any(|l| inline_code(l).is_some()) || commands.iter().any(Option::is_some);
    let indent = common_indent(input);
    let numbered = is_numbered(input);
    let bulleted = is_bulleted(input);
    // Go's `fmt.Print` of a header map, a line each: `Access-Control-Allow-Origin:[*]`.
    let go = t.lines().filter(|l| go_header(l).is_some()).take(2).count() == 2;
    // A response copied from a log or a string with its CRs written out: `Date: …\r` (two
    // lines or more end so).
    let escaped_cr = t
        .lines()
        .filter(|l| l.trim_end().ends_with("\\r"))
        .take(2)
        .count()
        == 2;
    if !fenced
        && !escaped_cr
        && !go
        && !elided
        && !quoted
        && !curly
        && !nbsp
        && !ticked
        && indent == 0
        && !numbered
        && !bulleted
    {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    // Inside a ```diff fence: the lines as they are after the change (`+` kept, `-` left out).
    let mut in_diff = false;
    for (i, line) in input.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut l = line;
        if fenced {
            let s = l.trim();
            if is_fence(s) {
                in_diff = !in_diff && s.trim_start_matches(['`', '~']).trim() == "diff";
            } else if in_diff {
                match l.chars().next() {
                    Some('-') => continue,
                    Some('+' | ' ') => l = l[1..].trim_start(),
                    _ => {}
                }
            }
        }
        if escaped_cr {
            let r = l.trim_end();
            if let Some(r) = r.strip_suffix("\\r") {
                l = r;
            }
        }
        let go_line = go.then(|| go_header(l)).flatten();
        if quoted {
            l = unquote(l);
        }
        // A Markdown code block by indentation, line numbers or list bullets a copy kept.
        if indent > 0 {
            l = l.get(indent..).unwrap_or_else(|| l.trim_start());
        }
        if numbered {
            l = unnumber(l);
        }
        if bulleted {
            l = unbullet(l);
        }
        // A quoted elision ("< ...") as well as a bare one.
        if elided
            && (is_elision(l.trim()) || is_elision(l.trim().trim_start_matches(['<', '>']).trim()))
        {
            // Between two header lines the block goes on: a mark the header reader passes
            // over ("…"); elsewhere an empty line.
            // curl's "< " / "> " prefixes count as the line's; the block's start line too.
            let bare = |t: &&str| t.trim().trim_start_matches(['<', '>']).trim().to_string();
            let header = |t: &str| super::http_text::looks_like_header_line(t);
            let before = all[..i].iter().rev().find(|t| !t.trim().is_empty());
            let after = all
                .get(i + 1..)
                .and_then(|r| r.iter().find(|t| !t.trim().is_empty()));
            let before = before
                .map(bare)
                .is_some_and(|t| header(&t) || super::http_text::is_start_line(&t));
            if before && after.map(bare).is_some_and(|t| header(&t)) {
                out.push('\u{2026}');
            }
            if l.ends_with('\r') {
                out.push('\r');
            }
            continue;
        }
        if fenced {
            let s = l.trim();
            if is_fence(s) {
                // The fence line itself ("```", "```bash", "~~~"): an empty line.
                if l.ends_with('\r') {
                    out.push('\r');
                }
                continue;
            }
            // "```Access to fetch … policy: …```": the fences on the text's own line.
            if let Some(r) = l.trim_start().strip_prefix("```") {
                l = r;
            }
            let r = l.trim_end_matches(['\r', ' ']);
            if let Some(r) = r.strip_suffix("```") {
                l = r;
            }
        }
        if let Some(inner) = inline_code(l).filter(|_| ticked) {
            l = inner;
        } else if let Some(Some(cmd)) = commands.get(i) {
            l = cmd;
        }
        if let Some((name, value)) = go_line {
            out.push_str(name);
            out.push_str(": ");
            out.push_str(value);
        } else if curly && l.contains(CHROME_MIDDLE) {
            out.push_str(&l.replace(['\u{2018}', '\u{2019}'], "'"));
        } else if nbsp {
            // A web page's non-breaking spaces, copied with the text.
            out.push_str(&l.replace('\u{a0}', " "));
        } else {
            out.push_str(l);
        }
    }
    Cow::Owned(out)
}

/// A header as Go prints an `http.Header` entry (`Name:[value]`, the value list in
/// brackets): the name and the value (several values stay as Go joined them, by spaces).
fn go_header(l: &str) -> Option<(&str, &str)> {
    let t = l.trim_end_matches('\r').trim();
    let (name, rest) = t.split_once(":[")?;
    let value = rest.strip_suffix(']')?;
    let token = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    token.then_some((name, value))
}

/// The text of a line wrapped whole in single backticks (Markdown's inline code), without
/// them; `None` for any other line, a fence among them.
fn inline_code(l: &str) -> Option<&str> {
    let t = l.trim_end_matches('\r').trim();
    if t.starts_with("``") {
        return None;
    }
    let inner = t.strip_prefix('`')?.strip_suffix('`')?;
    (!inner.trim().is_empty()).then_some(inner)
}

/// A command in inline code among a person's words, when its output follows ("then I do a
/// `curl -X OPTIONS …`", blank, "and i got :", "< HTTP/2 401"): the command alone. A command
/// only mentioned ("I tried `curl -I …` and it works") stays words.
fn inline_command<'a>(lines: &[&'a str], i: usize) -> Option<&'a str> {
    let t = lines.get(i)?.trim_end_matches('\r').trim();
    if t.starts_with('`') || t.matches('`').count() % 2 != 0 {
        return None;
    }
    let cmd = t
        .split('`')
        .skip(1)
        .step_by(2)
        .find(|x| super::command::starts_command(x) && x.split_whitespace().nth(1).is_some())?;
    // Its output within the next few lines: curl -v's or -i's first lines.
    let output = lines
        .iter()
        .skip(i + 1)
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(3)
        .any(|l| {
            l.starts_with("< ")
                || l.starts_with("> ")
                || l.starts_with("* ")
                || l.starts_with("HTTP/")
        });
    output.then_some(cmd)
}

/// `input` with every paragraph of a person's words blanked out wherever it stands (a heading
/// between a command and its output: "**The current response header is**"), line for line.
/// None when there is none.
pub(crate) fn without_prose_paragraphs(input: &str) -> Option<String> {
    let lines: Vec<&str> = input.split('\n').collect();
    let mut out = lines.clone();
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !lines[i].trim().is_empty() {
            i += 1;
        }
        if lines[start..i].iter().all(|l| is_prose(l)) {
            for l in &mut out[start..i] {
                *l = "";
            }
            changed = true;
        } else if is_prose(lines[start]) && lines[start].trim_end().ends_with(':') {
            // Words that introduce what follows on the next line ("and I got :").
            out[start] = "";
            changed = true;
        }
    }
    changed.then(|| out.join("\n"))
}

/// `input` with the words a person wrote around the capture blanked out, line for line: the
/// lines before its first line that only a capture has (a status or request line, a curl
/// command or its trace, a DevTools "Request URL", a header every response or request
/// carries), and with `trailing`, the last paragraph when it reads as prose. None when
/// nothing would be blanked.
pub(crate) fn without_prose(input: &str, leading: bool, trailing: bool) -> Option<String> {
    let t = input.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with(['{', '[']) {
        return None;
    }
    let lines: Vec<&str> = input.split('\n').collect();
    let first_capture = lines.iter().position(|l| is_capture_line(l))?;
    let start = if leading { first_capture } else { 0 };
    let mut end = lines.len();
    if trailing {
        // The last paragraph: after the last empty line, every line prose.
        let last_content = lines.iter().rposition(|l| !l.trim().is_empty())?;
        let last_blank = lines[..last_content]
            .iter()
            .rposition(|l| l.trim().is_empty());
        let tail_start = match last_blank {
            Some(b) if b + 1 < lines.len() && b > start => b + 1,
            _ => lines.len(),
        };
        let tail: Vec<&&str> = lines[tail_start..]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .collect();
        if !tail.is_empty() && tail.iter().all(|l| is_prose(l)) {
            end = tail_start;
        }
    }
    let blank_before = lines[..start].iter().any(|l| !l.trim().is_empty());
    if !blank_before && end == lines.len() {
        return None;
    }
    let out: Vec<&str> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i < start || i >= end {
                if l.ends_with('\r') {
                    "\r"
                } else {
                    ""
                }
            } else {
                l
            }
        })
        .collect();
    Some(out.join("\n"))
}

/// Only words before the capture: every line before its first line that only a capture has
/// is prose (or empty) — no console message, no label a reader uses.
pub(crate) fn starts_with_prose(input: &str) -> bool {
    let t = input.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with(['{', '[']) {
        return false;
    }
    let mut any = false;
    for l in input.lines() {
        if is_capture_line(l) {
            return any;
        }
        // Empty, or a lone quote mark a paste opened the capture with.
        if l.trim().trim_matches(['`', '\'', '"']).is_empty() {
            continue;
        }
        // A label naming the request's URL ("Sample request: `https://…`").
        if labelled_url(l).is_some() {
            any = true;
            continue;
        }
        // A label over it ("Sample request:", "Response headers:").
        let t = l.trim().trim_matches(['*', '_']);
        if t.ends_with(':') && t.split_whitespace().count() <= 4 && !t.contains("://") {
            any = true;
            continue;
        }
        if !is_prose(l) || super::console::looks_like(l) || super::console::mentions_failed_fetch(l)
        {
            return false;
        }
        any = true;
    }
    false
}

/// The URL a person's label gives before a capture: "Sample request: `https://…`",
/// "Endpoint: https://…" (a label of a few words about a request, then only the URL).
pub(crate) fn labelled_url(l: &str) -> Option<&str> {
    let (label, value) = l.trim().split_once(": ")?;
    let label = label.trim().trim_matches(['*', '_']).to_ascii_lowercase();
    let words = label.split_whitespace().count();
    // About a request; or any few words with the URL set as code. A label of DevTools'
    // rows ("リクエスト URL", "URL de solicitud") is not one: those lines are the capture's.
    let about = ["request", "endpoint", "api", "call", "link"]
        .iter()
        .any(|w| label.contains(w))
        || value.trim().starts_with('`');
    if !(1..=4).contains(&words) || !about || label.contains("://") {
        return None;
    }
    let url = value
        .trim()
        .trim_matches(['`', '\'', '"', '<', '>', '*'])
        .trim_end_matches(['.', ','])
        .trim();
    (url.starts_with("http://") || url.starts_with("https://"))
        .then_some(url)
        .filter(|u| !u.contains(char::is_whitespace) && !u.contains('`'))
}

/// The URL the words before a capture give (see [`labelled_url`]), from the lines before
/// its first line that only a capture has.
pub(crate) fn leading_url(input: &str) -> Option<&str> {
    input
        .lines()
        .take_while(|l| !is_capture_line(l))
        .find_map(labelled_url)
}

/// Only words after the capture: its last paragraph is prose, after a blank line that follows
/// the end of an HTML or JSON body.
pub(crate) fn ends_with_prose(input: &str) -> bool {
    let t = input.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with(['{', '[']) {
        return false;
    }
    let lines: Vec<&str> = input.lines().collect();
    let Some(last) = lines.iter().rposition(|l| !l.trim().is_empty()) else {
        return false;
    };
    let Some(blank) = lines[..last].iter().rposition(|l| l.trim().is_empty()) else {
        return false;
    };
    let Some(before) = lines[..blank].iter().rposition(|l| !l.trim().is_empty()) else {
        return false;
    };
    let end = lines[before].trim();
    lines[blank + 1..=last]
        .iter()
        .all(|l| l.trim().is_empty() || (is_prose(l) && !super::console::looks_like(l)))
        // After headers and a blank line, text is the body; after an HTML or JSON body's
        // end, it is not.
        && end.ends_with(['>', '}', ']'])
}

/// `input` from its first HTTP status or request line on, the lines before it blanked (line
/// for line). None when there is no such line, nothing before it, or a capture's line.
pub(crate) fn from_start_line(input: &str) -> Option<String> {
    let lines: Vec<&str> = input.split('\n').collect();
    let first = lines.iter().position(|l| is_start_line(l))?;
    // Something before it, none of it a capture's own (a command, headers): those are read,
    // or their mistake named.
    let before = &lines[..first];
    if !before.iter().any(|l| !l.trim().is_empty()) || before.iter().any(|l| is_capture_line(l)) {
        return None;
    }
    Some(
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i < first { "" } else { *l })
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// An HTTP/1 status line ("HTTP/1.1 413 …") or request line ("GET /x HTTP/1.1").
fn is_start_line(l: &str) -> bool {
    // Indented, it is some tool's output (wget -S), which its own reader reads.
    if l.starts_with(char::is_whitespace) {
        return false;
    }
    let mut words = l.split_whitespace();
    let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    (first.starts_with("HTTP/") && second.len() == 3 && second.bytes().all(|b| b.is_ascii_digit()))
        || (first.bytes().all(|b| b.is_ascii_uppercase())
            && !first.is_empty()
            && (second.starts_with('/') || second.starts_with("http"))
            && words.next().is_some_and(|v| v.starts_with("HTTP/")))
}

/// A line only a capture has.
fn is_capture_line(l: &str) -> bool {
    let s = l.trim();
    let s = s.strip_prefix("$ ").unwrap_or(s);
    let mut words = s.split_whitespace();
    let first = words.next().unwrap_or("");
    let second = words.next().unwrap_or("");
    if first.starts_with("HTTP/") && second.len() == 3 && second.bytes().all(|b| b.is_ascii_digit())
    {
        return true;
    }
    const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];
    if METHODS.contains(&first) && (second.starts_with('/') || second.starts_with("http")) {
        return true;
    }
    // ("curl request:" is a label: `starts_command` tells.)
    if ((first == "curl" || first == "http" || first == "https")
        && super::command::starts_command(l))
        || s.starts_with("fetch(")
        || s.starts_with("await fetch(")
        // A curl or HTTPie command after a shell prompt ("me@box:~/app$ ddev exec curl …").
        || super::command::starts_command(l)
    {
        return true;
    }
    if s.starts_with("* Trying")
        || s.starts_with("*   Trying")
        || s.starts_with("> ") && METHODS.iter().any(|m| s[2..].starts_with(m))
        || s.starts_with("< HTTP/")
    {
        return true;
    }
    // DevTools' section titles (English), and its General rows.
    if matches!(s, "General" | "Response Headers" | "Request Headers")
        || s.starts_with("Request URL")
        || s.starts_with("Invoke-WebRequest")
        || s.starts_with("Invoke-RestMethod")
    {
        return true;
    }
    // A header only HTTP text has (HTTP/2's pseudo-headers start with their own colon).
    let (colon, rest) = match s.strip_prefix(':') {
        Some(r) => (":", r),
        None => ("", s),
    };
    let Some((name, value)) = rest.split_once(':') else {
        return false;
    };
    if cors_header_in_words(name, value) {
        return false;
    }
    let name = format!("{colon}{}", name.trim().to_ascii_lowercase());
    const NAMES: [&str; 16] = [
        "access-control-allow-origin",
        "access-control-request-method",
        "content-type",
        "content-length",
        "server",
        "date",
        "vary",
        "origin",
        "host",
        "x-amzn-requestid",
        "x-amzn-errortype",
        "x-cache",
        "via",
        "cf-ray",
        ":authority",
        ":status",
    ];
    NAMES.contains(&name.as_str()) || name.starts_with("access-control-")
}

/// A line of a person's words (long enough, with spaces), not a header block, a quoted
/// curl line or a log line.
fn is_sentence(l: &str) -> bool {
    l.len() >= 20 && l.contains(' ') && !l.trim_start().starts_with(['<', '>', '{', '['])
}

/// The 1-based line of the first of the person's sentences whose lower-case text `says`.
fn sentence_line(input: &str, says: impl Fn(&str) -> bool) -> Option<usize> {
    input
        .lines()
        .enumerate()
        .find(|(_, l)| is_sentence(l) && says(&l.to_ascii_lowercase()))
        .map(|(n, _)| n + 1)
}

/// The first line (1-based) of the words or code that state the page's script sends
/// credentials: fetch's `credentials: 'include'`, `withCredentials: true` (Axios, jQuery's
/// `xhrFields`, Angular) or `xhr.withCredentials = true`. `None` when none does, or when
/// another line states a mode without credentials (`credentials: 'omit'`, `withCredentials:
/// false`): which one the failing call used, the paste does not say.
/// The first line (1-based) of the person's words (not code) that state the failing call
/// sends credentials ("Details in case of withCredentials: true is used:"): a sentence says
/// which call it was, where a library's default in the code beside it does not.
pub(crate) fn credentials_include_in_words(input: &str) -> Option<usize> {
    input
        .lines()
        .position(|l| {
            let t = l.trim_start();
            !(t.starts_with("//") || t.starts_with('#'))
                && is_sentence(l)
                && is_prose(l)
                && credentials_stated(l) == Some(true)
        })
        .map(|i| i + 1)
}

/// The credentials mode a line states: `Some(true)` for `credentials: 'include'` or
/// `withCredentials: true` (or `= true`), `Some(false)` for a mode without them.
fn credentials_stated(l: &str) -> Option<bool> {
    let compact: String = l
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | '"' | '`'))
        .flat_map(char::to_lowercase)
        .collect();
    let with = |v: &str| {
        [":", "="]
            .iter()
            .any(|sep| compact.contains(&format!("withcredentials{sep}{v}")))
    };
    if compact.contains("credentials:omit")
        || compact.contains("credentials:same-origin")
        || with("false")
    {
        Some(false)
    } else if compact.contains("credentials:include") || with("true") {
        Some(true)
    } else {
        None
    }
}

pub(crate) fn says_credentials_include(input: &str) -> Option<usize> {
    let mut found = None;
    for (i, l) in input.lines().enumerate() {
        match credentials_stated(l) {
            Some(false) => return None,
            Some(true) if found.is_none() => found = Some(i + 1),
            _ => {}
        }
    }
    found
}

/// The first line of the words or code that shows the request uploads a file: "upload a
/// file", "upload a .mp4", `new FormData()`, multipart/form-data (1-based).
pub(crate) fn says_upload(input: &str) -> Option<usize> {
    const CUES: [&str; 8] = [
        "upload",
        "new formdata(",
        "multipart/form-data",
        "large file",
        "big file",
        "bigger file",
        "larger file",
        "file size",
    ];
    // An upload straight to storage (a signed URL, a bucket's rules) meets the bucket's CORS
    // rules, not a proxy's body limit.
    let lower = input.to_ascii_lowercase();
    if [
        "presign",
        "signedurl",
        "signed url",
        "signed_url",
        "bucket",
        "gsutil",
        "gs://",
        "s3://",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return None;
    }
    input
        .lines()
        .enumerate()
        .find(|(_, l)| {
            // (A browser's message, or a URL with an "upload" path, says nothing of the body.)
            let lower: String = l
                .to_ascii_lowercase()
                .split_whitespace()
                .filter(|w| !w.contains("://"))
                .collect::<Vec<_>>()
                .join(" ");
            !lower.contains("blocked by cors policy")
                && !lower.contains("cross-origin request blocked")
                && CUES.iter().any(|c| lower.contains(c))
        })
        .map(|(n, _)| n + 1)
}

/// The first line of the person's words that says the failure comes and goes ("it works the
/// first time", "sometimes", "the API uses the origin from the last website"): 1-based.
pub(crate) fn says_intermittent(input: &str) -> Option<usize> {
    const CUES: [&str; 14] = [
        "the first time",
        "first request works",
        "works once",
        "worked once",
        "sometimes",
        "intermittent",
        "randomly",
        "comes and goes",
        "every other",
        "the second time",
        "another website",
        "other website",
        "last website",
        "works after a refresh",
    ];
    sentence_line(input, |lower| CUES.iter().any(|c| lower.contains(c)))
}

/// The 1-based line where the person's words say it worked before and fails now ("it has
/// been working fine for months", "it suddenly stopped working", "worked yesterday"): then
/// something changed on the server's side (a deploy, a crash, a limit reached), and its
/// error answer is the likeliest.
pub(crate) fn says_stopped_working(input: &str) -> Option<usize> {
    const CUES: [&str; 12] = [
        "been working fine",
        "been working well",
        "was working fine",
        "was working before",
        "were working fine",
        "worked fine until",
        "worked fine before",
        "working yesterday",
        "worked yesterday",
        "suddenly stopped",
        "stopped working",
        "suddenly started",
    ];
    // It worked elsewhere, not before: in Postman, curl, a native or server-side app ("I had
    // a server-side app that was working fine"): now the browser enforces CORS, no change
    // on the server's side is implied.
    const ELSEWHERE: [&str; 13] = [
        "server-side",
        "server side",
        "postman",
        "insomnia",
        "curl",
        "thunder client",
        "swagger",
        "desktop",
        "native",
        "mobile app",
        "android",
        "ios app",
        "from node",
    ];
    sentence_line(input, |lower| {
        CUES.iter().any(|c| lower.contains(c)) && !ELSEWHERE.iter().any(|e| lower.contains(e))
    })
}

/// The 1-based line where the person's words say CORS is set up already ("I have enabled
/// CORS", "CORS is already configured", "my function contains the Access-Control-Allow-Origin
/// header"): then "CORS is not configured at all" is the least likely cause.
/// The line of pasted code that applies a CORS layer (`CORS(app)`, `app.use(cors(…))`,
/// `add_middleware(CORSMiddleware`, `'corsheaders.middleware.CorsMiddleware'`, `app.UseCors(`,
/// `@CrossOrigin`, `Rack::Cors`): CORS is set up, whatever else is wrong.
pub(crate) fn code_applies_cors(input: &str) -> Option<usize> {
    const CUES: [&str; 9] = [
        "CORS(app",
        "app.use(cors(",
        "add_middleware(CORSMiddleware",
        "corsheaders.middleware.CorsMiddleware",
        ".UseCors(",
        "@CrossOrigin",
        "Rack::Cors",
        "app.register(cors",
        "app.enableCors(",
    ];
    input
        .lines()
        .position(|l| {
            let t = l.trim_start();
            !(t.starts_with("//") || t.starts_with('#')) && CUES.iter().any(|c| l.contains(c))
        })
        .map(|i| i + 1)
}

pub(crate) fn says_cors_configured(input: &str) -> Option<usize> {
    const CUES: [&str; 23] = [
        "cors has been configured",
        "cors have been configured",
        "cors has been enabled",
        "cors have been enabled",
        "cors has been set",
        "cors configured",
        "cors is set up",
        "set up cors",
        "already allowed",
        "enabled cors",
        "cors enabled",
        "cors is enabled",
        "cors is already",
        "already enabled",
        "already configured",
        "already set up cors",
        "configured cors",
        "cors is configured",
        "added cors",
        "already added",
        "contains the access-control-allow-origin",
        "already intended",
        "i have set the access-control",
    ];
    sentence_line(input, |lower| {
        // "CORS is not enabled" says the opposite.
        !lower.contains(" not ") && !lower.contains("n't") && CUES.iter().any(|c| lower.contains(c))
    })
}

/// `input` without the inline HTML tags around a browser's message, and with Firefox's
/// "Cross-Origin" back before "Request Blocked: The Same Origin Policy"; `None` when neither
/// is there.
fn retyped_marks(input: &str) -> Option<String> {
    const FIREFOX: &str = "Request Blocked: The Same Origin Policy";
    let browser = input.contains("blocked by CORS policy")
        || input.contains("The Same Origin Policy disallows");
    if !browser {
        return None;
    }
    const TAGS: [&str; 12] = [
        "span", "font", "b", "i", "u", "em", "strong", "code", "mark", "small", "kbd", "br",
    ];
    let tagged = input.contains('<')
        && TAGS.iter().any(|t| {
            input.contains(&format!("<{t}>"))
                || input.contains(&format!("<{t} "))
                || input.contains(&format!("</{t}>"))
        });
    let headless = input.contains(FIREFOX) && !input.contains(&format!("Cross-Origin {FIREFOX}"));
    // A Markdown renderer's link around the message's URL: `'[https://a.example/x'](https://a.example/x)`.
    let linked = input.contains("](http");
    if !tagged && !headless && !linked {
        return None;
    }
    // Only on the message's own lines: a response's HTML body (an error page a gateway
    // fingerprints) stays as it is.
    let message_line = |l: &str| {
        l.contains("blocked by CORS policy") || l.contains("The Same Origin Policy disallows")
    };
    let untag = |line: &str, out: &mut String| {
        let mut rest = line;
        while let Some(i) = rest.find('<') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let name = after.trim_start_matches('/');
            let tag_len = name
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(name.len());
            let is_tag = TAGS.iter().any(|t| name[..tag_len].eq_ignore_ascii_case(t))
                && name[tag_len..].starts_with(['>', ' ', '/']);
            match after.find('>').filter(|_| is_tag) {
                Some(close) => rest = &after[close + 1..],
                None => {
                    out.push('<');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
    };
    let mut out = String::with_capacity(input.len());
    for (i, line) in input.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let unlinked;
        let line = if linked && message_line(line) {
            unlinked = without_links(line);
            unlinked.as_str()
        } else {
            line
        };
        if tagged && message_line(line) {
            untag(line, &mut out);
        } else {
            out.push_str(line);
        }
    }
    if headless {
        out = out.replace(FIREFOX, &format!("Cross-Origin {FIREFOX}"));
        // (Not twice where a line had it whole.)
        out = out.replace(
            &format!("Cross-Origin Cross-Origin {FIREFOX}"),
            &format!("Cross-Origin {FIREFOX}"),
        );
    }
    Some(out)
}

/// `line` with each Markdown link `[TEXT](URL)` whose text is that URL (a quote or period
/// after it allowed) written as its text.
fn without_links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find("[http") {
        let after = &rest[open + 1..];
        let link = after.split_once("](").and_then(|(text, tail)| {
            let close = tail.find(')')?;
            let url = &tail[..close];
            let bare = text.trim_end_matches(['\'', '"', '.', ',']);
            (bare == url && !text.contains(char::is_whitespace)).then(|| (text, &tail[close + 1..]))
        });
        match link {
            Some((text, tail)) => {
                out.push_str(&rest[..open]);
                out.push_str(text);
                rest = tail;
            }
            None => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The 1-based line where the person's words say the server is someone else's ("I don't
/// have access to the server for this API", "it's a third-party API"): then only its
/// owner can add CORS headers, and the page's own server must make the call.
pub(crate) fn says_not_theirs(input: &str) -> Option<usize> {
    const CUES: [&str; 16] = [
        "have access to the server",
        "have access to the api",
        "have access to the backend",
        "no access to the server",
        "no access to the api",
        "no access to the backend",
        "no control over the server",
        "no control over the api",
        "control the server",
        "control the api",
        "not my server",
        "not my api",
        "third-party api",
        "third party api",
        "3rd party api",
        "someone else's api",
    ];
    sentence_line(input, |lower| {
        let lower = lower.replace('\u{2019}', "'");
        // "have access" / "control" only when denied ("don't", "do not", "no", "can't").
        let denied = |c: &str| {
            let Some(i) = lower.find(c) else {
                return false;
            };
            if c.starts_with("no ")
                || c.contains("party")
                || c.starts_with("not ")
                || c.contains("else's")
            {
                return true;
            }
            let before = &lower[..i];
            let tail = before
                .get(before.len().saturating_sub(40)..)
                .unwrap_or(before);
            [
                "don't", "do not", "dont", "can't", "cannot", "doesn't", "does not", "have no",
            ]
            .iter()
            .any(|n| tail.contains(n))
        };
        CUES.iter().any(|c| denied(c))
    })
}

/// The one method other than GET the person's words name in capitals ("I make an AJAX POST
/// call from another domain"), with its 1-based line; `None` when they name none, or two
/// (GET among them: "neither GET nor POST works").
pub(crate) fn prose_method(input: &str) -> Option<(usize, &'static str)> {
    const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    // The one method the sentences for which `keep` holds name, with its line.
    let one = |keep: &dyn Fn(&str) -> bool| -> Option<(usize, &'static str)> {
        let mut found: Option<(usize, &'static str)> = None;
        for (i, l) in input.lines().enumerate() {
            if !is_prose(l) {
                continue;
            }
            for sentence in l.split(". ").filter(|s| keep(s)) {
                for w in sentence.split_whitespace() {
                    let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
                    if let Some(m) = METHODS.iter().find(|m| **m == w) {
                        match found {
                            Some((_, f)) if f != *m => return None,
                            Some(_) => {}
                            None => found = Some((i + 1, m)),
                        }
                    }
                }
            }
        }
        found
    };
    // Several methods named ("a POST fails; GET requests work"): the one the sentences about
    // the failure name.
    let failing = |s: &str| {
        let s = s.to_ascii_lowercase();
        ["error", "cors", "fail", "blocked"]
            .iter()
            .any(|w| s.contains(w))
    };
    let found = match one(&|_| true) {
        Some(f) => Some(f),
        None => one(&failing),
    };
    found.filter(|(_, m)| *m != "GET")
}

/// The one HTTP status a person's words name for the failing request ("the server returns
/// a `401`", "I get 403 Forbidden", "status code 502"): a 4xx or 5xx with its reason phrase,
/// or after "status", "HTTP", "returns", "got" and the like, or alone in backticks. The line
/// and the status; `None` when the words name none, or two different ones.
pub(crate) fn prose_status(input: &str) -> Option<(usize, u16)> {
    const REASONS: [(u16, &str); 17] = [
        (301, "moved permanently"),
        (302, "found"),
        (303, "see other"),
        (307, "temporary redirect"),
        (308, "permanent redirect"),
        (400, "bad request"),
        (401, "unauthorized"),
        (403, "forbidden"),
        (404, "not found"),
        (405, "method not allowed"),
        (413, "payload too large"),
        (429, "too many requests"),
        (500, "internal server error"),
        (502, "bad gateway"),
        (503, "service unavailable"),
        (504, "gateway timeout"),
        (413, "request entity too large"),
    ];
    const BEFORE: [&str; 26] = [
        "status",
        "shows",
        "showed",
        "showing",
        "show",
        "received",
        "receive",
        "receiving",
        "responds",
        "responded",
        "threw",
        "code",
        "http",
        "returns",
        "returned",
        "return",
        "returning",
        "got",
        "get",
        "gets",
        "getting",
        "gives",
        "gave",
        "displays",
        "with",
        "throws",
    ];
    let mut found: Option<(usize, u16)> = None;
    // Under an issue template's "Expected result" heading, a status is the one wanted.
    let mut expected = false;
    for (i, l) in input.lines().enumerate() {
        let t = l.trim();
        // A platform's error page copied with the message: Vercel prints its code alone on a
        // line (`NO_STATUS_CODE_FROM_FUNCTION`).
        if t.len() > 8 && t.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') {
            if let Some(n) = crate::gateway::vercel_code_status(t) {
                match found {
                    Some((_, f)) if f != n => return None,
                    Some(_) => {}
                    None => found = Some((i + 1, n)),
                }
                continue;
            }
        }
        if t.starts_with('#') || (t.starts_with("**") && t.ends_with("**")) {
            expected = t.to_ascii_lowercase().contains("expect");
            continue;
        }
        if expected || !is_prose(l) {
            continue;
        }
        let lower = l.to_ascii_lowercase();
        // "I expected a 401", "it should return 401", "401 instead of …": not what came back.
        if ["expect", "should", "instead of", "supposed to"]
            .iter()
            .any(|w| lower.contains(w))
        {
            continue;
        }
        let words: Vec<&str> = lower.split_whitespace().collect();
        for (k, w) in words.iter().enumerate() {
            let ticked = w.starts_with('`') && w.trim_end_matches(['.', ',', ')']).ends_with('`');
            let digits = w.trim_matches(|c: char| !c.is_ascii_digit());
            if digits.len() != 3 || w.trim_matches(|c: char| !c.is_ascii_alphanumeric()) != digits {
                continue;
            }
            let Ok(n) = digits.parse::<u16>() else {
                continue;
            };
            // (A redirect's status only with its reason phrase or after a verb: "a 301 Moved
            // Permanently", "returns 307".)
            let redirect = matches!(n, 301 | 302 | 303 | 307 | 308);
            if !(400..=599).contains(&n) && !redirect {
                continue;
            }
            let rest = words[k + 1..].join(" ");
            let phrase = REASONS
                .iter()
                .any(|(c, r)| *c == n && rest.trim_start_matches(['(', '"', '`']).starts_with(r));
            let prev = k
                .checked_sub(1)
                .map(|p| words[p].trim_matches(|c: char| !c.is_ascii_alphanumeric()));
            let article = matches!(prev, Some("a" | "an" | "the"));
            let prev = if article {
                k.checked_sub(2)
                    .map(|p| words[p].trim_matches(|c: char| !c.is_ascii_alphanumeric()))
            } else {
                prev
            };
            // "with a 403" is a status; "with 500 users" is not.
            let after_verb = prev.is_some_and(|p| BEFORE.contains(&p) && (article || p != "with"));
            // "502 error", "a 404 error page", "a CORS-related 502 response".
            let error_after = !redirect
                && words.get(k + 1).is_some_and(|w| {
                    matches!(
                        w.trim_matches(|c: char| !c.is_ascii_alphanumeric()),
                        "error" | "errors" | "response" | "responses"
                    )
                });
            if !(phrase || after_verb || (ticked && !redirect) || error_after) {
                continue;
            }
            match found {
                Some((_, f)) if f != n => return None,
                Some(_) => {}
                None => found = Some((i + 1, n)),
            }
        }
    }
    found
}

/// The items of the `name` list (lower-case, `access-control-allow-methods`) the paste
/// states, in words, a header line or code (`res.header('Access-Control-Allow-Methods',
/// 'GET,PUT,POST,DELETE')`, `Access-Control-Allow-Headers:X-Requested-With, Content-Type`),
/// every statement's items once, in order, `*` left out.
pub(crate) fn allow_list_said(input: &str, name: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for l in input.lines() {
        let lower = l.to_ascii_lowercase();
        for (at, _) in lower.match_indices(name) {
            let rest = &l[at + name.len()..];
            // The name's own closing quote, then `:` or `,` or `=>`, then the value.
            let rest = rest.trim_start_matches(['\'', '"', '`']).trim_start();
            let Some(rest) = rest
                .strip_prefix(':')
                .or_else(|| rest.strip_prefix(','))
                .or_else(|| rest.strip_prefix("=>"))
            else {
                continue;
            };
            let rest = rest.trim_start();
            let value = match rest.chars().next() {
                Some(q @ ('\'' | '"' | '`')) => rest[1..].split(q).next().unwrap_or_default(),
                _ => rest.split(['`', ';', ')']).next().unwrap_or_default(),
            };
            for item in value.split(',') {
                let item = item.trim().trim_matches('*').trim();
                let token = !item.is_empty()
                    && item
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                if token && !items.iter().any(|i| i.eq_ignore_ascii_case(item)) {
                    items.push(item.to_string());
                }
            }
        }
    }
    items
}

/// `input` with a browser's CORS message that a copy wrapped over several lines (a commit
/// message, an e-mail: "… disallows reading\nthe remote resource at\nhttps://…\n(Reason: …).
/// Status\ncode: 200.") joined on its first line; the lines it took are left empty, so the
/// others keep their numbers. None when no message is wrapped.
pub(crate) fn join_wrapped_messages(input: &str) -> Option<String> {
    if !(input.contains("Cross-Origin Request Blocked:")
        || input.contains("Access to ")
        || input.contains("Failed to load "))
    {
        return None;
    }
    let mut lines: Vec<String> = input.split('\n').map(str::to_string).collect();
    // A message quoted in Markdown or an e-mail ("> Access to fetch at …" over several "> "
    // lines): its quote marks out, so the lines join (not curl's "> " request lines).
    let mut changed = unquote_quoted_messages(&mut lines);
    let mut i = 0;
    while i < lines.len() {
        // Chrome's older "Failed to load U: REASON Origin 'O' is therefore not allowed
        // access. The response had HTTP status code N." wrapped over lines: joined while a
        // line goes on with the sentence (cut mid-sentence, or the origin's and status'
        // sentences that follow).
        if lines[i].contains("Failed to load http") && lines[i].contains(": ") {
            let mut joined = lines[i].trim_end().to_string();
            let mut end = None;
            for (k, line) in lines.iter().enumerate().take(i + 5).skip(i + 1) {
                let t = line.trim();
                let goes_on = t.starts_with("Origin '")
                    || t.starts_with("The response had")
                    || (!joined.ends_with('.')
                        && (t.starts_with(|c: char| c.is_ascii_lowercase())
                            || t.starts_with("HTTP status code")
                            || t.starts_with("'Access-Control-")));
                if t.is_empty() || !goes_on {
                    break;
                }
                joined.push(' ');
                joined.push_str(t);
                end = Some(k);
            }
            match end {
                Some(k) => {
                    join_lines(&mut lines, i, k, joined);
                    changed = true;
                    i = k + 1;
                }
                None => i += 1,
            }
            continue;
        }
        let firefox = lines[i].contains("Cross-Origin Request Blocked:");
        // (Chrome's message cut before its "CORS policy:"; one cut after it, a source link
        // between, the console reader joins itself.)
        let chrome = [
            "Access to XMLHttpRequest",
            "Access to fetch",
            "Access to font",
            "Access to image",
            "Access to script",
        ]
        .iter()
        .any(|w| lines[i].contains(w))
            && !lines[i].contains("CORS policy:");
        let done = |t: &str| {
            if firefox {
                t.find("(Reason:").is_some_and(|at| {
                    let rest = &t[at..];
                    rest.contains(')') && !rest.trim_end().ends_with("Status")
                })
            } else {
                t.find("CORS policy:").is_some_and(|at| {
                    let end = t.trim_end().trim_end_matches(['"', '\'', '`']);
                    at < end.len() && end.ends_with('.')
                })
            }
        };
        if !(firefox || chrome) || done(&lines[i]) {
            i += 1;
            continue;
        }
        let mut joined = lines[i].trim_end().to_string();
        let mut end = None;
        for (k, line) in lines.iter().enumerate().take(i + 7).skip(i + 1) {
            let t = line.trim();
            if t.is_empty() {
                break;
            }
            joined.push(' ');
            joined.push_str(t);
            if done(&joined) {
                end = Some(k);
                break;
            }
        }
        match end {
            Some(k) => {
                join_lines(&mut lines, i, k, joined);
                changed = true;
                i = k + 1;
            }
            None => i += 1,
        }
    }
    changed.then(|| lines.join("\n"))
}

/// Lines `i..=k` as one: `joined` on line `i`, the others left empty (every line keeps its
/// number).
fn join_lines(lines: &mut [String], i: usize, k: usize, joined: String) {
    lines[i] = joined;
    for l in lines.iter_mut().take(k + 1).skip(i + 1) {
        l.clear();
    }
}

/// Runs of lines quoted with `>` that hold a browser's CORS message: the marks removed in
/// place. `true` when one was.
fn unquote_quoted_messages(lines: &mut [String]) -> bool {
    let quoted = |l: &str| l.trim_start().starts_with('>');
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        if !quoted(&lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && quoted(&lines[i]) {
            i += 1;
        }
        let run = &lines[start..i];
        let unmarked = |l: &str| {
            let t = l.trim_start();
            let t = t.strip_prefix('>').unwrap_or(t);
            t.strip_prefix(' ').unwrap_or(t).to_string()
        };
        let text: String = run
            .iter()
            .map(|l| unmarked(l))
            .collect::<Vec<_>>()
            .join(" ");
        let message = text.contains("blocked by CORS policy")
            || text.contains("Cross-Origin Request Blocked");
        // curl -v's request lines ("> GET / HTTP/1.1", "> Host: …") are no quote.
        let curl = run.iter().any(|l| {
            let u = unmarked(l);
            u.starts_with("Host:")
                || u.split_whitespace()
                    .nth(2)
                    .is_some_and(|w| w.starts_with("HTTP/"))
        });
        if run.len() >= 2 && message && !curl {
            for l in &mut lines[start..i] {
                *l = unmarked(l);
            }
            changed = true;
        }
    }
    changed
}

/// `input` with its documentation blocks blanked (lines kept, so numbers hold): a fenced block,
/// or a run of non-blank lines, holding a header line whose value is a placeholder in angle
/// brackets (`Access-Control-Allow-Origin: <origin>`, `Access-Control-Allow-Methods: <method>,
/// <method>`). None when there is none.
pub(crate) fn without_syntax_blocks(input: &str) -> Option<String> {
    let lines: Vec<&str> = input.split('\n').collect();
    let placeholder = |l: &str| {
        let Some((name, value)) = l.trim().split_once(':') else {
            return false;
        };
        let value = value.trim();
        !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && value.starts_with('<')
            && value.ends_with('>')
            && !value.contains("://")
            && value
                .split(',')
                .all(|v| v.trim().starts_with('<') && v.trim().ends_with('>'))
    };
    let marked: Vec<usize> = (0..lines.len())
        .filter(|&i| placeholder(lines[i]))
        .collect();
    if marked.is_empty() {
        return None;
    }
    let fences = fenced_blocks(input);
    let mut blank = vec![false; lines.len()];
    for &i in &marked {
        let (a, b) = fences
            .iter()
            .copied()
            .find(|(a, b)| (*a..*b).contains(&i))
            .unwrap_or_else(|| {
                let a = (0..=i)
                    .rev()
                    .find(|&k| lines[k].trim().is_empty())
                    .map_or(0, |k| k + 1);
                let b = (i..lines.len())
                    .find(|&k| lines[k].trim().is_empty())
                    .unwrap_or(lines.len());
                (a, b)
            });
        for flag in blank.iter_mut().take(b).skip(a) {
            *flag = true;
        }
    }
    Some(
        lines
            .iter()
            .zip(&blank)
            .map(|(l, b)| if *b { "" } else { *l })
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The line (1-based) of words that name a content blocker: uBlock Origin, AdBlock, AdGuard,
/// Ghostery, Privacy Badger, Brave Shields, DuckDuckGo's Privacy Essentials, "ad blocker".
pub(crate) fn blocker_said(input: &str) -> Option<usize> {
    const NAMES: [&str; 12] = [
        "ublock",
        "adblock",
        "ad blocker",
        "ad-blocker",
        "adguard",
        "ghostery",
        "privacy badger",
        "brave shields",
        "privacy essentials",
        "content blocker",
        "tracking protection",
        "pi-hole",
    ];
    first_line_naming(input, &NAMES)
}

/// The first line (1-based) whose lower-case text holds one of `names` (lower-case).
fn first_line_naming(input: &str, names: &[&str]) -> Option<usize> {
    input
        .lines()
        .position(|l| {
            let l = l.to_ascii_lowercase();
            names.iter().any(|n| l.contains(n))
        })
        .map(|i| i + 1)
}

/// The line (1-based) of words or links that name an extension's content script or a
/// userscript manager: their fetch runs with the page's origin, not the extension's.
pub(crate) fn extension_said(input: &str) -> Option<usize> {
    const NAMES: [&str; 8] = [
        "content script",
        "content-script",
        "content_script",
        "userscript",
        "tampermonkey",
        "greasemonkey",
        "violentmonkey",
        "gm_xmlhttprequest",
    ];
    first_line_naming(input, &NAMES)
}

/// The line (1-based) of words or markup that put the page in a sandboxed iframe: "sandboxed
/// iframe", `<iframe sandbox…>`, `srcdoc` with sandbox.
pub(crate) fn sandbox_said(input: &str) -> Option<usize> {
    input
        .lines()
        .position(|l| {
            let l = l.to_ascii_lowercase();
            l.contains("sandboxed iframe")
                || l.contains("sandboxed frame")
                || l.contains("iframe sandbox")
                || (l.contains("<iframe") && l.contains("sandbox"))
                || l.contains("sandboxed page")
        })
        .map(|i| i + 1)
}

/// The response headers among `names` the person's words say the page cannot read ("the
/// ETag header is not exposed", "response.headers.get('X-Total-Count') returns null"): a
/// line of words naming the header with a verb of not reading it.
pub(crate) fn unreadable_said<'a>(input: &str, names: &[&'a str]) -> Vec<&'a str> {
    const SAYS: [&str; 19] = [
        "not exposed",
        "expose",
        "can't read",
        "cannot read",
        "can not read",
        "unable to read",
        "can't access",
        "cannot access",
        "not accessible",
        "returns null",
        "return null",
        "is null",
        "undefined",
        "not available",
        "can't get",
        "cannot get",
        "unable to get",
        "refused to get",
        "not readable",
    ];
    let lines: Vec<String> = input
        .lines()
        .filter(|l| is_prose(l) || l.contains("headers.get("))
        .map(|l| l.to_ascii_lowercase().replace('\u{2019}', "'"))
        .filter(|l| SAYS.iter().any(|w| l.contains(w)))
        .collect();
    names
        .iter()
        .copied()
        .filter(|n| {
            let n = n.to_ascii_lowercase();
            lines.iter().any(|l| {
                l.match_indices(n.as_str()).any(|(at, _)| {
                    let before = l[..at].chars().next_back();
                    let after = l[at + n.len()..].chars().next();
                    let edge = |c: Option<char>| {
                        c.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-'))
                    };
                    // (Not the name inside Access-Control-Expose-Headers itself.)
                    edge(before) && edge(after) && !l[..at].ends_with("access-control-")
                })
            })
        })
        .collect()
}

/// A CORS header's name opening a sentence ("Access-Control-Request-Method: GET is a culprit
/// here, as soon as I mention it, I get 500"): its value is no method, origin or list of
/// tokens, but words.
fn cors_header_in_words(label: &str, value: &str) -> bool {
    let name = label.trim().to_ascii_lowercase();
    let value = value.trim();
    let token_list = |v: &str| {
        v.split(',').all(|item| {
            let item = item.trim();
            !item.is_empty()
                && item
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_*.!#$%&'+^`|~".contains(&b))
        })
    };
    let words = value.split_whitespace().count();
    match name.as_str() {
        "access-control-request-method" => words > 2,
        "access-control-request-headers"
        | "access-control-allow-methods"
        | "access-control-allow-headers"
        | "access-control-expose-headers" => words > 3 && !token_list(value),
        "access-control-allow-origin" => words > 3,
        _ => false,
    }
}

/// `s` without a response body the words quote at their end ("… and the response is
/// {"message": "Endpoint request timed out"}"): a JSON object from `{"` to the line's last `}`,
/// after some words.
fn without_quoted_body(s: &str) -> std::borrow::Cow<'_, str> {
    let t = s.trim_end().trim_end_matches(['.', ')']);
    match t.find("{\"") {
        Some(at) if at > 0 && t.ends_with('}') && s[..at].split_whitespace().count() >= 3 => {
            std::borrow::Cow::Owned(format!("{}x", &s[..at]))
        }
        _ => std::borrow::Cow::Borrowed(s),
    }
}

/// `s` without its Markdown inline-code spans (a backtick to the next one on the line); `s`
/// itself when a backtick is left open.
fn without_inline_code(s: &str) -> std::borrow::Cow<'_, str> {
    if s.matches('`').count() < 2 || s.matches('`').count() % 2 != 0 {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
        } else {
            out.push('x');
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A line of a person's words: several words, and nothing a capture's lines start with.
pub(crate) fn is_prose(l: &str) -> bool {
    let s = l.trim();
    // "Name: value" (a header) and "Label of a few words: value" (DevTools' rows, in any
    // language: "Request Method: POST", "リクエスト URL: https://…") are fields, not words.
    // (A URL's scheme is no label: "opening https://… in the browser returns a 502"; a
    // label in a full-width colon before it is, "リクエスト URL： https://…".)
    let field = s.split_once(':').is_some_and(|(label, value)| {
        let before_url = label
            .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            .trim_end();
        let url_in_words =
            value.starts_with("//") && !before_url.is_empty() && !before_url.ends_with(['：', ':']);
        !label.trim().is_empty()
            && !url_in_words
            && (!label.trim().contains(' ')
                || (!value.trim().is_empty() && label.split_whitespace().count() <= 3))
            && !cors_header_in_words(label, value)
    });
    // Code is no prose either: assignments, variables, blocks, statements.
    // A semicolon between clauses ("No PR will fix this; it needs …") is punctuation; one
    // that ends a statement, or glued to what follows, is code.
    // Markdown's inline code among words (`pr-{N}-api.example`) is named, not run: looked at
    // without it.
    let outside = without_inline_code(s);
    let outside = without_quoted_body(&outside);
    let o = outside.trim();
    let code = o.contains(['=', '$', '{', '}', '\\', '|'])
        || o.ends_with(';')
        || o.match_indices(';')
            .any(|(i, _)| !o[i + 1..].starts_with(' '));
    // A browser's error name in the words ("… in the network tab: net::ERR_BLOCKED_BY_ORB")
    // is evidence: never left out.
    let evidence = s.contains("net::ERR_") || s.contains("CORS policy");
    // Mostly words of letters ("calling", "API:", "thanks!").
    // (A hyphenated word is a word, "CORS-preflight"; a status among words, "404 on …", is
    // neither a word nor code.)
    let words: Vec<&str> = s.split_whitespace().collect();
    let status = |w: &&&str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.len() == 3 && w.bytes().all(|b| b.is_ascii_digit())
    };
    let counted = words.iter().filter(|w| !status(w)).count();
    let wordy = words
        .iter()
        .filter(|w| !status(w))
        .filter(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && !w.starts_with('-')
        })
        .count()
        * 10
        >= counted * 6;
    // A Markdown heading of a few words ("## Summary", "### Steps to reproduce").
    let heading = s
        .strip_prefix("##")
        .map(|r| r.trim_start_matches('#'))
        .is_some_and(|r| {
            r.starts_with(' ')
                && !r.trim().is_empty()
                && r.trim()
                    .chars()
                    .all(|c| c.is_alphanumeric() || " -'()/.,?!".contains(c))
        });
    if heading {
        return true;
    }
    // One word that names what follows ("Response", "Output:"), no header's name.
    const ONE_WORD: [&str; 12] = [
        "response",
        "responses",
        "request",
        "output",
        "result",
        "results",
        "returns",
        "console",
        "log",
        "logs",
        "error",
        "errors",
    ];
    if words.len() == 1 && ONE_WORD.contains(&s.trim_end_matches(':').to_ascii_lowercase().as_str())
    {
        return true;
    }
    // A label of two words or more before what it introduces ("which returns:", "Ollama
    // server log:"); one word ("Response:") may be a header with an empty value.
    let label = s.ends_with(':')
        && words.len() >= 2
        && words.iter().all(|w| {
            w.trim_end_matches(':')
                .chars()
                .all(|c| c.is_alphabetic() || c == '\'')
        });
    (words.len() >= 3 || label)
        && wordy
        && !field
        && !code
        && !evidence
        && !is_capture_line(s)
        && !s.starts_with(['<', '{', '[', '}', ']', '"', '>'])
        // curl -v's "* Connected to …"; Markdown's bold ("**The response:**") is words.
        && (!s.starts_with('*') || s.starts_with("**"))
}

/// The indentation every non-empty line has, when it is a Markdown code block's (four
/// spaces or more; a tab counts as four): 0 otherwise.
fn common_indent(input: &str) -> usize {
    let mut min = usize::MAX;
    for l in input.lines() {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() {
            continue;
        }
        if l.starts_with('\t') {
            min = min.min(1);
            continue;
        }
        min = min.min(l.len() - l.trim_start_matches(' ').len());
    }
    match min {
        usize::MAX | 0..=3 => 0,
        n => n,
    }
}

/// The line's number and what follows it ("12. ", "12 ", "12|", "12)"), when it has one.
fn line_number(l: &str) -> Option<(usize, &str)> {
    let s = l.trim_start();
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 5 {
        return None;
    }
    let n = s[..digits].parse().ok()?;
    let rest = &s[digits..];
    let spaced = rest.trim_start_matches([' ', '\t']);
    let rest = match spaced.strip_prefix(['.', '|', ')', ':']) {
        Some(r) => r,
        None if spaced.len() < rest.len() => spaced,
        None => return None,
    };
    Some((n, rest.strip_prefix([' ', '\t']).unwrap_or(rest)))
}

/// Every non-empty line starts with its own line number, counted from the first (an editor's
/// or a paste site's numbering, copied with the text).
fn is_numbered(input: &str) -> bool {
    let mut first: Option<(usize, usize)> = None;
    let mut count = 0;
    for (i, l) in input.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        let Some((n, _)) = line_number(l) else {
            return false;
        };
        let (i0, n0) = *first.get_or_insert((i, n));
        if n != n0 + (i - i0) {
            return false;
        }
        count += 1;
    }
    count >= 2
}

fn unnumber(l: &str) -> &str {
    line_number(l).map_or(l, |(_, rest)| rest)
}

/// Every non-empty line is a Markdown list item ("- ", "* ", "• "), and not curl -v's
/// output, whose "* " lines come with "> " and "< " ones.
fn is_bulleted(input: &str) -> bool {
    let mut count = 0;
    for l in input.lines() {
        let s = l.trim_start();
        if s.is_empty() {
            continue;
        }
        if !(s.starts_with("- ") || s.starts_with("* ") || s.starts_with("• ")) {
            return false;
        }
        count += 1;
    }
    count >= 2
}

fn unbullet(l: &str) -> &str {
    let s = l.trim_start();
    s.strip_prefix("- ")
        .or_else(|| s.strip_prefix("* "))
        .or_else(|| s.strip_prefix("• "))
        .unwrap_or(l)
}

/// Chrome's message as a forum quotes it: "from origin ‘O’ has been blocked by CORS policy".
const CHROME_MIDDLE: &str = "has been blocked by CORS policy";

/// A Markdown fence line: three backticks or tildes, then at most a language name.
/// A line that only marks a cut: "...", "…", "[...]", "(...)", "[…]", "<...>".
fn is_elision(s: &str) -> bool {
    let inner = s
        .strip_prefix(['[', '(', '<'])
        .and_then(|r| r.strip_suffix([']', ')', '>']))
        .unwrap_or(s);
    // "snip", "... snip", "[snipped]", "…truncated…": a cut named in words.
    let words = inner
        .trim_matches(|c: char| {
            c == '.' || c == '…' || c == ' ' || c == '-' || c == '8' || c == '<' || c == '>'
        })
        .to_ascii_lowercase();
    if matches!(
        words.as_str(),
        "snip" | "snipped" | "truncated" | "cut" | "omitted" | "redacted"
    ) {
        return true;
    }
    !inner.is_empty()
        && inner.chars().all(|c| c == '.' || c == '…')
        && (inner.contains('…') || inner.len() >= 3)
}

/// The 0-based line ranges (start inclusive, end exclusive) of the text inside each closed
/// Markdown fenced block (``` or ~~~), fences left out.
pub(crate) fn fenced_blocks(input: &str) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut open: Option<usize> = None;
    for (i, l) in input.split('\n').enumerate() {
        let t = l.trim();
        match open {
            None if is_fence(t) => open = Some(i + 1),
            Some(start) if t.starts_with("```") || t.starts_with("~~~") => {
                if i > start {
                    blocks.push((start, i));
                }
                open = None;
            }
            _ => {}
        }
    }
    // A last block the copy left open runs to the end.
    if let Some(start) = open {
        let n = input.split('\n').count();
        if n > start {
            blocks.push((start, n));
        }
    }
    blocks
}

fn is_fence(s: &str) -> bool {
    let rest = s
        .strip_prefix("```")
        .or_else(|| s.strip_prefix("~~~"))
        .map(|r| r.trim_start_matches(['`', '~']));
    rest.is_some_and(|r| {
        r.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '_' | '.'))
    })
}

/// Every non-empty line starts with `>` (a Markdown quote), and the text is not curl -v's
/// output, whose request lines start with "> " and whose response lines start with "< ".
fn is_quoted(input: &str) -> bool {
    let mut any = false;
    for l in input.lines() {
        let s = l.trim_start();
        if s.is_empty() {
            continue;
        }
        if !s.starts_with('>') {
            return false;
        }
        any = true;
    }
    // A quoted curl -v has "> < HTTP/1.1 …" lines; curl -v's own request lines alone
    // ("> GET / HTTP/1.1", "> Host: …") are not a quote.
    let curl_request = input.lines().any(|l| {
        let s = l.trim_start().trim_start_matches('>').trim_start();
        s.split_whitespace()
            .nth(2)
            .is_some_and(|v| v.starts_with("HTTP/"))
            && l.trim_start().starts_with("> ")
            && !l.trim_start().starts_with("> >")
    }) && !input.lines().any(|l| l.trim_start().starts_with("> <"))
        // A status line behind ">": curl writes "< HTTP/…", a quote of raw HTTP "> HTTP/…".
        && !input.lines().any(|l| l.trim_start().starts_with("> HTTP/"));
    any && !curl_request
}

/// A quoted line without its first `>` and the space after it.
fn unquote(l: &str) -> &str {
    let s = l.trim_start();
    match s.strip_prefix('>') {
        Some(r) => r.strip_prefix(' ').unwrap_or(r),
        None => l,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_lines_in_place() {
        let s = "```bash\nHTTP/1.1 403 Forbidden\nServer: x\n```\n";
        let c = clean(s);
        assert_eq!(c, "\nHTTP/1.1 403 Forbidden\nServer: x\n\n");
        assert_eq!(c.lines().count(), s.lines().count());
    }

    #[test]
    fn leaves_plain_text_and_curl_alone() {
        for s in [
            "HTTP/1.1 200 OK\nA: b\n",
            "> GET / HTTP/1.1\n> Host: a\n>\n",
            "{\"log\":{}}",
            "* Trying\n> GET / HTTP/1.1\n< HTTP/1.1 200 OK\n",
        ] {
            assert!(matches!(clean(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn line_numbers_bullets_and_indentation_come_off_only_when_every_line_has_them() {
        assert_eq!(
            clean("1.Failed to load\n2.Access to"),
            "Failed to load\nAccess to"
        );
        assert_eq!(clean("3 | A: b\n4 | C: d"), "A: b\nC: d");
        assert_eq!(clean("- A: b\n- C: d"), "A: b\nC: d");
        assert_eq!(clean("    A: b\n\n      C: d"), "A: b\n\n  C: d");
        // Not every line, or not counting up: left alone.
        for s in [
            "1. A: b\nC: d",
            "1. A: b\n3. C: d",
            "- A: b\nC: d",
            "    A: b\nC: d",
            "HTTP/1.1 200 OK\n200 OK\n",
        ] {
            assert!(matches!(clean(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn words_around_a_capture() {
        let s = "I get this error when I call the API:\n\nHTTP/1.1 403 Forbidden\nServer: x\n";
        assert!(starts_with_prose(s));
        assert_eq!(
            without_prose(s, true, false).as_deref(),
            Some("\n\nHTTP/1.1 403 Forbidden\nServer: x\n")
        );
        // DevTools' rows, in any language, code and a console message are no words.
        for s in [
            "リクエスト URL: https://a.example/x\nHTTP/1.1 200 OK\n",
            "$session.UserAgent = \"Mozilla/5.0 (X11)\"\nInvoke-WebRequest -Uri \"https://a\"\n",
            "Access to fetch at 'https://a/' from origin 'https://b' has been blocked by CORS policy: x\nHTTP/1.1 200 OK\n",
        ] {
            assert!(!starts_with_prose(s), "{s}");
        }
        let s = "HTTP/1.1 502 Bad Gateway\n\n<html><body>bad</body></html>\n\nAny idea what is wrong here?\n";
        assert!(ends_with_prose(s));
        // A text body after headers is the body.
        assert!(!ends_with_prose(
            "HTTP/1.1 403\nContent-Length: 20\n\nInvalid CORS request\n"
        ));
    }

    #[test]
    fn unquotes_and_straightens_chrome_quotes() {
        assert_eq!(clean("> A: b\n>\n> C: d"), "A: b\n\nC: d");
        assert_eq!(
            clean("Access to fetch at \u{2018}https://a/\u{2019} from origin \u{2018}https://b\u{2019} has been blocked by CORS policy: x"),
            "Access to fetch at 'https://a/' from origin 'https://b' has been blocked by CORS policy: x"
        );
        assert_eq!(clean("```Access … policy: y.```"), "Access … policy: y.");
    }
}
