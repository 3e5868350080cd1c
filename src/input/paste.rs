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
    let fenced = t.starts_with("```") || t.starts_with("~~~") || t.ends_with("```");
    let quoted = is_quoted(input);
    let curly = input.contains(['\u{2018}', '\u{2019}']) && input.contains(CHROME_MIDDLE);
    if !fenced && !quoted && !curly {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    for (i, line) in input.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut l = line;
        if quoted {
            l = unquote(l);
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
        if curly && l.contains(CHROME_MIDDLE) {
            out.push_str(&l.replace(['\u{2018}', '\u{2019}'], "'"));
        } else {
            out.push_str(l);
        }
    }
    Cow::Owned(out)
}

/// Chrome's message as a forum quotes it: "from origin ‘O’ has been blocked by CORS policy".
const CHROME_MIDDLE: &str = "has been blocked by CORS policy";

/// A Markdown fence line: three backticks or tildes, then at most a language name.
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
    }) && !input.lines().any(|l| l.trim_start().starts_with("> <"));
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
    fn unquotes_and_straightens_chrome_quotes() {
        assert_eq!(clean("> A: b\n>\n> C: d"), "A: b\n\nC: d");
        assert_eq!(
            clean("Access to fetch at \u{2018}https://a/\u{2019} from origin \u{2018}https://b\u{2019} has been blocked by CORS policy: x"),
            "Access to fetch at 'https://a/' from origin 'https://b' has been blocked by CORS policy: x"
        );
        assert_eq!(clean("```Access … policy: y.```"), "Access … policy: y.");
    }
}
