//! Console error text of Chrome, Firefox and Safari.
//!
//! Each message becomes one exchange carrying what the browser said
//! ([`Observed`]); the sentences are matched with the templates of
//! [`crate::browser_text`], the same ones the verdict prints.
use super::InputError;
use crate::browser_text::{
    chrome_for_firefox, chrome_for_firefox_preflight, firefox_l10n, parse_chrome_reason,
    parse_firefox_reason, parse_safari, FirefoxKey, SafariMessage, FIREFOX_BLOCKED_PREFIX,
    FIREFOX_WARNING_PREFIX,
};
use crate::cors_error::CorsError;
use crate::exchange::{
    Browser, Credentials, Exchange, InputKind, Known, Observed, PageBlock, PageBlockKind,
};

const KIND: InputKind = InputKind::ConsoleError;

pub fn looks_like(t: &str) -> bool {
    t.contains("blocked by CORS policy")
        || t.contains("Cross-Origin Request Blocked")
        || t.contains("Cross-Origin Request Warning")
        || firefox_l10n::mentions(t)
        || t.contains("due to access control checks")
        || t.contains("is not allowed by Access-Control-Allow-")
        || (t.contains(" method is not allowed by ") && t.contains("Access-Control-Allow-Methods"))
        || t.contains("'Access-Control-Allow-Origin' header contains multiple values, but only one")
        || t.contains("Preflight response is not successful")
        // Old Chrome (before 2019): "Failed to load <url>: … Origin '<o>' is
        // therefore not allowed access."
        || t.contains("is therefore not allowed access")
        // Old Chrome for a font or image: "Font from origin 'O' has been blocked from loading
        // by Cross-Origin Resource Sharing policy: …".
        || t.contains("has been blocked from loading by Cross-Origin Resource Sharing policy")
        // Chrome's reason pasted without its "Access to fetch at …" start.
        || t.contains("Response to preflight request doesn't pass access control check")
        || t.contains("Response for preflight has invalid HTTP status code")
        || t.contains("Response for preflight does not have HTTP ok status")
        || t.contains("Response for preflight is invalid (redirect)")
        || t.to_ascii_lowercase().contains(PREFLIGHT_REDIRECT)
        || t.contains("No 'Access-Control-Allow-Origin' header is present on the requested resource")
        // The same sentence quoted and cut after its verb.
        || t.contains("\"No 'Access-Control-Allow-Origin' header is present")
        || (t.contains("Request header field ") && t.contains(" is not allowed"))
        || t.contains("'Access-Control-Allow-Origin' header contains ")
        || t.contains("The 'Access-Control-Allow-Origin' header has a value '")
        || t.contains("The value of the 'Access-Control-Allow-")
        || t.contains("'Access-Control-Allow-Private-Network' header")
        || t.contains(LNA_DENIED_START)
        || t.contains(LNA_TARGET_START)
        || t.contains(OLD_WILDCARD_START)
        || t.contains(OLD_CREDENTIALS)
        || (t.contains("Failed to load ") && t.contains("Access-Control-"))
        || (t.contains("Failed to load ") && t.contains("Response for preflight"))
        || ((t.contains("XMLHttpRequest cannot load ") || t.contains("Fetch API cannot load "))
            && (t.contains("Access-Control-")
                || t.contains("Response for preflight")
                || t.contains("Cross origin requests are only supported for protocol schemes")))
        // Old Chrome: a redirect after a preflight was refused.
        || t.contains(crate::browser_text::CHROME_OLD_PREFLIGHT_REDIRECT)
        // A Chrome message cut short before "blocked by CORS policy".
        || t.starts_with("Access to fetch at '")
        || t.starts_with("Access to XMLHttpRequest at '")
        // Not CORS, but pasted as if: the page's CSP, mixed content, and
        // DevTools' network error lines.
        || t.contains(CSP_VIOLATES)
        || t.contains(CSP_FETCH_TAIL)
        || t.contains(MIXED_PREFIX)
        || (t.contains(MIXED_PREFIX.trim_end_matches([' ', '\'']))
            && t.contains("This request has been blocked"))
        || t.contains(FX_CSP)
        || t.contains(FX_MIXED)
        || t.contains("Failed to load resource: net::ERR_")
        || t.lines().any(|l| url_less_error(l).is_some())
        || t.lines().any(|l| resource_policy_name(l).is_some())
        || t.contains(SAME_ORIGIN_MODE)
        || t.lines().any(|l| parse_safari_block(0, safari_text(l)).is_some())
        || t.contains("Cross-origin redirection to ")
        || t.lines().any(|l| firefox_netmonitor_key(l).is_some())
        || (t.contains("CORS ") && t.lines().any(|l| parse_firefox_label(0, l).is_some()))
        || t.lines().any(|l| firefox_headless(l).is_some())
        || t.lines().any(|l| firefox_l10n::parse_reason(l).is_some())
        || (t.contains(WORKER_CONSTRUCT) && t.contains(WORKER_CROSS_ORIGIN))
        || t.contains("Refused to get unsafe header ")
        || t.lines().any(|l| cors_error_name_line(l).is_some())
        || t.lines().any(|l| error_code_in_words(l).is_some())
        || t.contains(WILDCARD_MIDDLE)
        || t
            .lines()
            .any(|l| parse_net_line(0, l).is_some_and(|n| n.error.is_some() || failed_preflight_line(&n)))
}

/// Chrome's error name on a line that names no URL: DevTools' Status column copied
/// ("(failed)net::ERR_BLOCKED_BY_ORB"), the console's "Failed to load resource:
/// net::ERR_…", or the name in a person's words. `net::ERR_FAILED` alone says nothing.
pub(super) fn url_less_error(line: &str) -> Option<&str> {
    if line.contains("http://") || line.contains("https://") {
        return None;
    }
    let at = line.find("net::ERR_")?;
    let rest = &line[at..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let name = rest[..end].trim_end_matches('.');
    (name.len() > "net::ERR_".len() && name != "net::ERR_FAILED").then_some(name)
}

/// Chrome's CSP sentence: "Connecting to 'U' violates the following Content
/// Security Policy directive: "D". The action has been blocked." (Chrome 156);
/// before, "Refused to connect to 'U' because it violates the following …".
const CSP_VIOLATES: &str = "violates the following Content Security Policy directive: \"";
/// Chrome's second CSP line for fetch(): "Fetch API cannot load U. Refused to
/// connect because it violates the document's Content Security Policy."
const CSP_FETCH_TAIL: &str =
    ". Refused to connect because it violates the document's Content Security Policy.";
/// "Mixed Content: The page at 'P' was loaded over HTTPS, but requested an
/// insecure resource 'U'. This request has been blocked; …" (`insecure
/// XMLHttpRequest endpoint 'U'` for XHR).
const MIXED_PREFIX: &str = "Mixed Content: The page at '";

/// Firefox's CSP message (csp.properties `CSPViolationWithURI`), after a
/// "Content-Security-Policy: " (before Firefox 131: "Content Security Policy: ")
/// prefix: "The page’s settings blocked the loading of a resource (D) at U because
/// it violates the following directive: “P”", or, in older versions, "… of a
/// resource at U (“D”)." — D the directive's name, P the whole directive.
const FX_CSP: &str = "settings blocked the loading of a resource ";
/// Firefox's mixed content message (security.properties
/// `BlockMixedActiveContent`): "Blocked loading mixed active content “U”".
const FX_MIXED: &str = "Blocked loading mixed active content ";

/// What the script sees when any fetch or XHR fails — the browsers' own words (Chrome,
/// Firefox, Safari) and the HTTP libraries' (Axios, the fetch polyfill / React Native,
/// Angular's HttpClient, status 0): it never says why, so it is never a finding of its own.
/// Each with the words the error message quotes back.
const FAILED_FETCH: [(&str, &str); 6] = [
    ("TypeError: Failed to fetch", "\"Failed to fetch\""),
    (
        "NetworkError when attempting to fetch resource",
        "Firefox's \"NetworkError when attempting to fetch resource\"",
    ),
    ("TypeError: Load failed", "Safari's \"Load failed\""),
    // AxiosError: Network Error (code ERR_NETWORK); "Error: Network Error" before Axios 1.
    ("Error: Network Error", "Axios' \"Network Error\""),
    (
        "TypeError: Network request failed",
        "\"Network request failed\" (the fetch polyfill, React Native)",
    ),
    // HttpErrorResponse: "Http failure response for U: 0 Unknown Error".
    (": 0 Unknown Error", "Angular's \"0 Unknown Error\""),
];

/// Whether `t` holds what a script saw of a failed request ([`FAILED_FETCH`]). Weaker than
/// Is this line part of a console paste (a message, its net:: line, a stack frame, the
/// script's "Failed to fetch") rather than HTTP text pasted with it?
pub(crate) fn is_console_line(line: &str) -> bool {
    let t = line.trim();
    looks_like(t)
        || parse_net_line(0, t).is_some()
        || failed_fetch(t).is_some()
        || t.contains("Failed to load resource")
        || t.starts_with("at ")
        || t.contains(" @ ")
        || t.starts_with("Uncaught")
        || t.starts_with("[Error]")
}

/// Firefox's English message with its head cut off by the copy: "https://… . (Reason: CORS
/// header ‘Access-Control-Allow-Origin’ missing)." — the URL (no space in it) and the rest
/// from "(Reason: " on.
fn firefox_headless(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    // Only Firefox's reason, its whole sentence left out ("(Reason: CORS header
    // ‘Access-Control-Allow-Origin’ missing)."): no URL.
    if let Some(rest) = t
        .strip_prefix("(Reason: ")
        .or_else(|| t.strip_prefix("Reason: "))
    {
        return parse_firefox_reason(rest.trim_end_matches(['.', ')', ' ']))
            .is_some()
            .then_some(("", rest));
    }
    // …or quoted in a sentence of words ("I get `Reason: Credential is not supported …`.",
    // "The error is \"Reason: missing token 'content-type' in CORS header\".").
    let opened = ['`', '"', '\u{201c}'].into_iter().find_map(|q| {
        let i = t
            .find(&format!("{q}Reason: "))
            .or_else(|| t.find(&format!("{q}(Reason: ")))?;
        Some((
            i + q.len_utf8(),
            if q == '\u{201c}' { '\u{201d}' } else { q },
        ))
    });
    if let Some((i, close)) = opened {
        let quoted = t.get(i..)?;
        let inner = quoted.split(close).next()?;
        let rest = inner
            .strip_prefix("(Reason: ")
            .or_else(|| inner.strip_prefix("Reason: "))?;
        return parse_firefox_reason(rest.trim_end_matches(['.', ')', ' ']))
            .is_some()
            .then_some(("", rest));
    }
    // …or Firefox's reason alone in Markdown's inline code, without "Reason:" ("it fails with
    // error `CORS header 'Access-Control-Allow-Origin' missing`").
    let mut spans = t.split('`').skip(1).step_by(2);
    if let Some(inner) = spans.find(|inner| {
        let r = inner
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(['.', ')', ' ']);
        r.len() >= 16 && r.contains("CORS") && parse_firefox_reason(r).is_some()
    }) {
        return Some(("", inner.trim().trim_start_matches('(')));
    }
    if !(t.starts_with("http://") || t.starts_with("https://")) {
        return None;
    }
    let (url, rest) = t.split_once(". (Reason: ")?;
    (!url.contains(char::is_whitespace)).then_some((url, rest))
}

/// [`looks_like`]: a response body can quote these words, so an input is taken as a console
/// paste for them only when no other reader knows it (and then says what to paste instead).
pub fn mentions_failed_fetch(t: &str) -> bool {
    failed_fetch(t).is_some()
}

/// The words of the first [`FAILED_FETCH`] line in `line`, if any.
fn failed_fetch(line: &str) -> Option<&'static str> {
    FAILED_FETCH
        .iter()
        .find(|(needle, _)| line.contains(needle))
        .map(|&(_, shown)| shown)
}

/// Chrome's own refusal of a fetch() with `mode: 'same-origin'` to another
/// origin (Chromium 156): "Fetch API cannot load U. Request mode is
/// "same-origin" but the URL's origin is not same as the request origin O."
const SAME_ORIGIN_MODE: &str =
    ". Request mode is \"same-origin\" but the URL's origin is not same as the request origin ";
/// A worker's script on another origin (Chromium 156): "SecurityError: Failed
/// to construct 'Worker': Script at 'U' cannot be accessed from origin 'O'."
/// (`'SharedWorker'` the same).
const WORKER_CONSTRUCT: &str = "Failed to construct '";
const WORKER_CROSS_ORIGIN: &str = "' cannot be accessed from origin '";

/// A line where Chrome refused a request by a rule that is not CORS and that
/// no server header changes (a `same-origin` request mode, a worker script on
/// another origin): a request the page blocked, like CSP.
fn parse_refusal(line_no: usize, line: &str) -> Option<Blocked> {
    let refused = |url: &str, origin: &str, kind, initiator, text: &str| Blocked {
        line: line_no,
        url: url.to_string(),
        block: PageBlock {
            kind,
            page_url: Some(origin.to_string()).filter(|o| !o.is_empty()),
            directive: None,
        },
        initiator,
        text: text.trim_end().to_string(),
        browser: Browser::Chrome,
    };
    if let Some(i) = line.find(SAME_ORIGIN_MODE) {
        let head = line.get(..i).unwrap_or("");
        let start = head.rfind("Fetch API cannot load ")?;
        let url = head
            .get(start + "Fetch API cannot load ".len()..)
            .map(str::trim)
            .filter(|u| !u.is_empty() && !u.contains(char::is_whitespace))?;
        let origin = line
            .get(i + SAME_ORIGIN_MODE.len()..)
            .unwrap_or("")
            .trim()
            .trim_end_matches('.');
        return Some(refused(
            url,
            origin,
            PageBlockKind::SameOriginMode,
            Some(crate::browser_text::Initiator::Fetch),
            line.get(start..).unwrap_or(line),
        ));
    }
    let i = line.find(WORKER_CONSTRUCT)?;
    let rest = line.get(i + WORKER_CONSTRUCT.len()..)?;
    let (what, rest) = rest.split_once("': Script at '")?;
    if what != "Worker" && what != "SharedWorker" {
        return None;
    }
    let (url, rest) = rest.split_once(WORKER_CROSS_ORIGIN)?;
    let origin = rest.split('\'').next().unwrap_or("");
    let start = line
        .get(..i)
        .and_then(|h| h.rfind("SecurityError"))
        .unwrap_or(i);
    Some(refused(
        url,
        origin,
        PageBlockKind::WorkerScriptOrigin,
        None,
        line.get(start..).unwrap_or(line),
    ))
}

/// WebKit's CSP sentence for a request (ContentSecurityPolicy.cpp): "Refused
/// to connect to U because it does not appear in the connect-src directive of
/// the Content Security Policy." or "… because it appears in neither the
/// connect-src directive nor the default-src directive of the Content Security
/// Policy."; "[Report Only] " before it when the policy only reports.
const WK_CSP_LEAD: &str = "Refused to connect to ";
const WK_CSP_TAILS: [&str; 2] = [
    " because it does not appear in the ",
    " because it appears in neither the ",
];
/// WebKit's mixed content sentence (MixedContentChecker.cpp): "[blocked] The
/// page at P requested insecure content from U. This content was blocked and
/// must be served over HTTPS." (without "[blocked]" when it was upgraded).
const WK_MIXED: &str = " requested insecure content from ";
/// WebKit's refusal of a `same-origin` mode request (NetworkLoadChecker.cpp):
/// "Unsafe attempt to load URL U from origin O. Domains, protocols and ports
/// must match."
const WK_SAME_ORIGIN: &str = "Unsafe attempt to load URL ";
const WK_SAME_ORIGIN_TAIL: &str = ". Domains, protocols and ports must match.";

/// A Safari line (console prefix already dropped by [`safari_text`]) where
/// WebKit refused a request by a rule that is not CORS: the page's CSP, mixed
/// content, a `same-origin` request mode. WebKit then also logs "Fetch API
/// cannot load U due to access control checks." for it, which [`read`] joins.
fn parse_safari_block(line_no: usize, st: &str) -> Option<Blocked> {
    let t = st.strip_prefix("Failed to load resource: ").unwrap_or(st);
    let block = |kind, page_url: Option<&str>| PageBlock {
        kind,
        page_url: page_url.map(str::to_string),
        directive: None,
    };
    let (url, block, initiator) = if let Some(rest) = t.strip_prefix(WK_CSP_LEAD) {
        // Only a policy that blocks: "[Report Only]" lines come before the lead.
        let (url, _) = WK_CSP_TAILS.iter().find_map(|tail| rest.split_once(tail))?;
        if !t.ends_with("of the Content Security Policy.") {
            return None;
        }
        // WebKit names the directive, not its sources: the fix starts from
        // the page's own policy.
        (url, block(PageBlockKind::ContentSecurityPolicy, None), None)
    } else if let Some(i) = t.find(WK_MIXED) {
        let head = t.get(..i)?;
        let page = head.get(head.rfind("The page at ")? + "The page at ".len()..)?;
        let rest = t.get(i + WK_MIXED.len()..)?;
        let (url, tail) = rest.split_once(". This content was ")?;
        // Upgraded to https instead ("automatically upgraded"): not blocked.
        if !(head.contains("[blocked]") || tail.starts_with("blocked")) {
            return None;
        }
        (url, block(PageBlockKind::MixedContent, Some(page)), None)
    } else if let Some(rest) = t.strip_prefix(WK_SAME_ORIGIN) {
        let rest = rest.trim_end().strip_suffix(WK_SAME_ORIGIN_TAIL)?;
        let (url, origin) = rest.rsplit_once(" from origin ")?;
        (
            url,
            block(PageBlockKind::SameOriginMode, Some(origin)),
            Some(crate::browser_text::Initiator::Fetch),
        )
    } else {
        return None;
    };
    (!url.is_empty() && !url.contains(char::is_whitespace)).then(|| Blocked {
        line: line_no,
        url: url.to_string(),
        block,
        initiator,
        text: t.trim_end().to_string(),
        browser: Browser::Safari,
    })
}

/// A request the page itself refused (CSP, mixed content), from one line.
struct Blocked {
    line: usize,
    url: String,
    block: PageBlock,
    initiator: Option<crate::browser_text::Initiator>,
    text: String,
    /// Whose words `text` is.
    browser: Browser,
}

fn parse_csp(line_no: usize, line: &str) -> Result<Option<Blocked>, InputError> {
    if let Some(i) = line.find(CSP_VIOLATES) {
        let head = line.get(..i).unwrap_or("");
        let start = ["Connecting to '", "Refused to connect to '"]
            .iter()
            .filter_map(|p| head.rfind(p).map(|s| (s, p.len())))
            .max_by_key(|(s, _)| *s);
        let column = column_at(line, i);
        let Some((s, plen)) = start else {
            // Another kind of CSP violation (a script, a frame …): not a request.
            return Ok(None);
        };
        let url = head
            .get(s + plen..)
            .unwrap_or("")
            .trim_end()
            .trim_end_matches("because it")
            .trim_end()
            .trim_end_matches('\'');
        let rest = line.get(i + CSP_VIOLATES.len()..).unwrap_or("");
        let Some((directive, _)) = rest.split_once('"') else {
            return Err(err_at(
                line_no,
                column,
                "Chrome's Content Security Policy message is incomplete: expected the directive in double quotes",
            ));
        };
        if url.is_empty() || url.contains(char::is_whitespace) {
            return Err(err_at(
                line_no,
                s + 1,
                "Chrome's Content Security Policy message is incomplete: expected \"Connecting to '<url>'\"",
            ));
        }
        let text = line.get(s..).unwrap_or(line).trim_end().to_string();
        return Ok(Some(Blocked {
            line: line_no,
            url: url.to_string(),
            block: PageBlock {
                kind: PageBlockKind::ContentSecurityPolicy,
                page_url: None,
                directive: Some(directive.trim().to_string()),
            },
            initiator: None,
            text,
            browser: Browser::Chrome,
        }));
    }
    if let Some(i) = line.find(CSP_FETCH_TAIL) {
        const LEAD: &str = "Fetch API cannot load ";
        let head = line.get(..i).unwrap_or("");
        let Some(s) = head.rfind(LEAD) else {
            return Ok(None);
        };
        let url = head.get(s + LEAD.len()..).unwrap_or("").trim();
        if url.is_empty() || url.contains(char::is_whitespace) {
            return Ok(None);
        }
        return Ok(Some(Blocked {
            line: line_no,
            url: url.to_string(),
            block: PageBlock {
                kind: PageBlockKind::ContentSecurityPolicy,
                page_url: None,
                directive: None,
            },
            initiator: Some(crate::browser_text::Initiator::Fetch),
            text: line.get(s..).unwrap_or(line).trim_end().to_string(),
            browser: Browser::Chrome,
        }));
    }
    Ok(None)
}

fn parse_mixed(line_no: usize, line: &str) -> Result<Option<Blocked>, InputError> {
    let Some(s) = line.find(MIXED_PREFIX) else {
        return Ok(None);
    };
    let column = column_at(line, s);
    let bad = |what: &str| {
        err_at(
            line_no,
            column,
            format!("Chrome's mixed content message is incomplete: {what}"),
        )
    };
    let rest = line.get(s + MIXED_PREFIX.len()..).unwrap_or("");
    let (page, rest) = rest
        .split_once("' was loaded over HTTPS, but requested an insecure ")
        .ok_or_else(|| bad("expected \"was loaded over HTTPS, but requested an insecure …\""))?;
    let (what, rest) = rest
        .split_once(" '")
        .ok_or_else(|| bad("expected the insecure URL in quotes"))?;
    let (url, _) = rest
        .split_once('\'')
        .ok_or_else(|| bad("expected the insecure URL in quotes"))?;
    if url.is_empty() || url.contains(char::is_whitespace) {
        return Err(bad("expected the insecure URL in quotes"));
    }
    // Chrome also prints mixed content it only warns about (images it
    // upgrades or lets through); only a blocked request is a finding.
    if !line.contains("This request has been blocked") {
        return Ok(None);
    }
    let initiator = if what.contains("XMLHttpRequest") {
        Some(crate::browser_text::Initiator::Xhr)
    } else {
        None
    };
    Ok(Some(Blocked {
        line: line_no,
        url: url.to_string(),
        block: PageBlock {
            kind: PageBlockKind::MixedContent,
            page_url: Some(page.to_string()),
            directive: None,
        },
        initiator,
        text: line.get(s..).unwrap_or(line).trim_end().to_string(),
        browser: Browser::Chrome,
    }))
}

/// The text in Firefox's typographic quotes “…” (or in straight ones, as a
/// copy through some tools leaves them) at the start of `s`: `(text, rest)`.
fn fx_quoted(s: &str) -> Option<(&str, &str)> {
    for (open, close) in [("\u{201c}", "\u{201d}"), ("\"", "\"")] {
        if let Some(r) = s.strip_prefix(open) {
            return r.split_once(close);
        }
    }
    None
}

fn parse_firefox_csp(line_no: usize, line: &str) -> Result<Option<Blocked>, InputError> {
    let Some(i) = line.find(FX_CSP) else {
        return Ok(localized_csp(line_no, line));
    };
    let head = line.get(..i).unwrap_or("");
    let Some(start) = head
        .rfind("Content-Security-Policy:")
        .or_else(|| head.rfind("Content Security Policy:"))
    else {
        return Ok(None);
    };
    let column = column_at(line, start);
    let bad = || {
        err_at(
            line_no,
            column,
            "Firefox's Content Security Policy message is incomplete: expected \"… blocked the loading of a resource (<directive>) at <url> because it violates the following directive: “…”\" or \"… a resource at <url> (“<directive>”)\"",
        )
    };
    let rest = line.get(i + FX_CSP.len()..).unwrap_or("");
    // Firefox 131 and later: "(D) at U because it violates the following directive: “P”".
    let (url, directive) = if let Some(r) = rest.strip_prefix('(') {
        let (_name, r) = r.split_once(") at ").ok_or_else(bad)?;
        let (url, r) = r.split_once(' ').ok_or_else(bad)?;
        let full = r
            .strip_prefix("because it violates the following directive: ")
            .and_then(fx_quoted)
            .map(|(d, _)| d.trim().to_string());
        (url, full)
    } else if let Some(r) = rest.strip_prefix("at ") {
        // Before: "at U (“D”)." names the directive only, not its sources.
        let (url, _) = r.split_once(" (").ok_or_else(bad)?;
        (url, None)
    } else {
        return Err(bad());
    };
    if url.is_empty() || url.contains(char::is_whitespace) {
        return Err(bad());
    }
    // Only a request the page makes (not "inline", "eval" …) is a finding.
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Ok(None);
    }
    Ok(Some(Blocked {
        line: line_no,
        url: url.to_string(),
        block: PageBlock {
            kind: PageBlockKind::ContentSecurityPolicy,
            page_url: None,
            directive,
        },
        initiator: None,
        text: line.get(start..).unwrap_or(line).trim_end().to_string(),
        browser: Browser::Firefox,
    }))
}

/// Firefox's Content-Security-Policy line in another language: "Content-Security-Policy" and
/// the language's separator (`CSPMessagePrefix`: ": ", French " : ", Chinese "："), then a
/// translation of the message.
fn localized_csp(line_no: usize, line: &str) -> Option<Blocked> {
    let start = line.find("Content-Security-Policy")?;
    let r = firefox_l10n::parse_csp(line).filter(|r| r.start > start)?;
    if !(r.url.starts_with("http://") || r.url.starts_with("https://")) {
        return None;
    }
    Some(Blocked {
        line: line_no,
        url: r.url,
        block: PageBlock {
            kind: PageBlockKind::ContentSecurityPolicy,
            page_url: None,
            directive: r.directive,
        },
        initiator: None,
        text: line.get(start..).unwrap_or(line).trim_end().to_string(),
        browser: Browser::Firefox,
    })
}

/// Firefox's mixed-content line in another language.
fn localized_mixed(line_no: usize, line: &str) -> Option<Blocked> {
    let r = firefox_l10n::parse_mixed(line)?;
    Some(Blocked {
        line: line_no,
        url: r.url,
        block: PageBlock {
            kind: PageBlockKind::MixedContent,
            page_url: None,
            directive: None,
        },
        initiator: None,
        text: line.get(r.start..).unwrap_or(line).trim_end().to_string(),
        browser: Browser::Firefox,
    })
}

fn parse_firefox_mixed(line_no: usize, line: &str) -> Result<Option<Blocked>, InputError> {
    let Some(i) = line.find(FX_MIXED) else {
        return Ok(localized_mixed(line_no, line));
    };
    let column = column_at(line, i);
    let rest = line.get(i + FX_MIXED.len()..).unwrap_or("");
    let url = fx_quoted(rest)
        .map(|(u, _)| u.trim())
        .filter(|u| !u.is_empty() && !u.contains(char::is_whitespace))
        .ok_or_else(|| {
            err_at(
                line_no,
                column,
                "Firefox's mixed content message is incomplete: expected the blocked URL in quotes (“http://…”)",
            )
        })?;
    Ok(Some(Blocked {
        line: line_no,
        url: url.to_string(),
        block: PageBlock {
            kind: PageBlockKind::MixedContent,
            // Firefox does not name the page; it was an https page.
            page_url: None,
            directive: None,
        },
        initiator: None,
        text: line.get(i..).unwrap_or(line).trim_end().to_string(),
        browser: Browser::Firefox,
    }))
}

/// The method an AWS SDK presigned URL was signed for, from its `x-id` operation
/// (`…&x-id=PutObject`): S3 and the stores speaking its API refuse any other.
pub(crate) fn presigned_method(url: &str) -> Option<&'static str> {
    let query = url.split_once('?')?.1.split('#').next()?;
    let op = query.split('&').find_map(|kv| kv.strip_prefix("x-id="))?;
    Some(match op {
        "PutObject" | "UploadPart" | "UploadPartCopy" | "CopyObject" => "PUT",
        "GetObject" => "GET",
        "HeadObject" => "HEAD",
        "DeleteObject" | "AbortMultipartUpload" => "DELETE",
        "CreateMultipartUpload" | "CompleteMultipartUpload" => "POST",
        _ => return None,
    })
}

fn blocked_exchange(b: Blocked, net: Option<&NetLine>) -> Exchange {
    let method = net.map(|n| n.method.clone());
    let mut ex = Exchange::new(KIND, method.as_deref().unwrap_or("GET"), &b.url);
    if method.is_none() {
        ex.request.method_known = Known::Unknown;
    }
    if let Some(p) = &b.block.page_url {
        ex.page_origin = crate::fetch::origin::origin_of(p);
    }
    ex.request.initiator = b.initiator;
    ex.page_block = Some(b.block);
    ex.location = format!("line {}", b.line);
    ex.observed = Some(Observed {
        browser: b.browser,
        cors_error: None,
        failed_parameter: None,
        firefox_key: None,
        status: None,
        redirected_to: None,
        redirect_failed: false,
        text: b.text,
    });
    ex
}

/// A DevTools network line alone ("GET U net::ERR_NAME_NOT_RESOLVED"): the
/// request got no HTTP response. `net::ERR_FAILED` alone says nothing (it is
/// also how a CORS failure ends): it needs its message.
fn net_exchange(n: &NetLine, err: &str) -> Exchange {
    let mut ex = Exchange::new(KIND, &n.method, &n.url);
    ex.network_error = Some(err.to_string());
    ex.location = format!("line {}", n.line);
    // The response came and the browser blocked it for its resource policy (CORP, or the
    // page's COEP): not a network failure.
    if let Some(kind) = super::resource_policy_block(err) {
        ex.network_error = None;
        ex.page_block = Some(PageBlock {
            kind,
            page_url: None,
            directive: None,
        });
    }
    ex.observed = Some(Observed {
        browser: Browser::Chrome,
        cors_error: None,
        failed_parameter: None,
        firefox_key: None,
        status: None,
        redirected_to: None,
        redirect_failed: false,
        text: n.text.clone(),
    });
    ex
}

/// A resource-policy block named anywhere in a line (a person's words keep it, with or
/// without `net::`): `net::ERR_BLOCKED_BY_RESPONSE.<reason>`.
fn resource_policy_name(line: &str) -> Option<String> {
    const NAME: &str = "ERR_BLOCKED_BY_RESPONSE.";
    let at = line.find(NAME)?;
    let rest = &line[at..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(rest.len());
    let name = format!("net::{}", rest[..end].trim_end_matches('.'));
    super::resource_policy_block(&name).map(|_| name)
}

/// One parsed browser message, before it becomes an exchange.
struct Message {
    line: usize,
    browser: Browser,
    url: String,
    /// Chrome's "(redirected from 'U0')".
    redirected_from: Option<String>,
    /// Chrome 64–72's "Redirect from 'U0' to 'U' has been blocked": the redirect itself failed.
    redirect_failed: bool,
    origin: Option<String>,
    cors_error: Option<CorsError>,
    failed_parameter: Option<String>,
    firefox_key: Option<String>,
    status: Option<u16>,
    text: String,
    /// Safari's reason text, to drop its "Failed to load resource:" repeat.
    safari_reason: Option<String>,
    /// Chrome's "Access to <what> at": fetch, XMLHttpRequest, font …
    initiator: Option<crate::browser_text::Initiator>,
}

impl Message {
    fn new(line: usize, browser: Browser, text: &str) -> Self {
        Message {
            line,
            browser,
            url: String::new(),
            redirected_from: None,
            redirect_failed: false,
            origin: None,
            cors_error: None,
            failed_parameter: None,
            firefox_key: None,
            initiator: None,
            status: None,
            text: text.to_string(),
            safari_reason: None,
        }
    }
}

/// A "GET https://… net::ERR_FAILED 429 (Too Many Requests)" line.
struct NetLine {
    line: usize,
    method: String,
    url: String,
    status: Option<u16>,
    /// Chrome's `net::ERR_…` name.
    error: Option<String>,
    text: String,
}

/// A method DevTools prints before a URL: the standard ones and WebDAV's (a paste that cut
/// a letter off, "OST https://…", is not a method).
fn is_method_token(t: &str) -> bool {
    const METHODS: [&str; 21] = [
        "GET",
        "HEAD",
        "POST",
        "PUT",
        "DELETE",
        "OPTIONS",
        "PATCH",
        "CONNECT",
        "TRACE",
        "QUERY",
        "PROPFIND",
        "PROPPATCH",
        "MKCOL",
        "COPY",
        "MOVE",
        "LOCK",
        "UNLOCK",
        "REPORT",
        "SEARCH",
        "PURGE",
        "MERGE",
    ];
    METHODS.contains(&t)
}

fn parse_net_line(line_no: usize, line: &str) -> Option<NetLine> {
    // Chrome before 2020 logged a failed request's status alone: "POST U 413",
    // "OPTIONS U 403 (Forbidden)".
    let bare_status = || {
        let t: Vec<&str> = line.split_whitespace().collect();
        t.windows(3).any(|w| {
            is_method_token(w[0])
                && (w[1].starts_with("http://") || w[1].starts_with("https://"))
                && w[2].len() == 3
                && w[2].parse::<u16>().is_ok_and(|n| (100..600).contains(&n))
        })
    };
    if !(line.contains("net::ERR_") || line.contains("[HTTP/") || bare_status()) {
        return None;
    }
    let toks: Vec<&str> = line.split_whitespace().collect();
    let mut i = 0;
    while i + 1 < toks.len() {
        let (m, u) = (toks.get(i)?, toks.get(i + 1)?);
        // A quote or backtick the paste put before it.
        let m = m.trim_start_matches(['"', '\'', '`']);
        // Firefox's console glues the request kind to the method: "XHRGET".
        let m = m
            .strip_prefix("XHR")
            .filter(|r| is_method_token(r))
            .unwrap_or(m);
        if is_method_token(m) && (u.starts_with("http://") || u.starts_with("https://")) {
            let rest = toks.get(i + 2..).unwrap_or(&[]);
            let mut status = rest
                .first()
                .filter(|t| t.len() == 3)
                .and_then(|t| t.parse::<u16>().ok())
                .filter(|n| (100..600).contains(n));
            let mut error = None;
            let mut it = rest.iter();
            while let Some(t) = it.next() {
                if t.starts_with("net::ERR_") || t.starts_with("[HTTP/") {
                    if t.starts_with("net::ERR_") {
                        error = Some(t.to_string());
                    }
                    if let Some(n) = it.next() {
                        if n.len() == 3 {
                            status = n.parse::<u16>().ok();
                        }
                    }
                    break;
                }
            }
            return Some(NetLine {
                line: line_no,
                method: m.to_string(),
                url: u.to_string(),
                status,
                error,
                text: toks.get(i..).unwrap_or(&[]).join(" "),
            });
        }
        i += 1;
    }
    None
}

/// The 1-based column (in characters) of byte `i` of `line`.
fn column_at(line: &str, i: usize) -> usize {
    line.get(..i).map_or(1, |p| p.chars().count() + 1)
}

fn err_at(line: usize, column: usize, message: impl Into<String>) -> InputError {
    InputError::at(KIND, line, column, message)
}

/// Chrome: "Access to fetch at 'U' [(redirected from 'U0') ]from origin 'O' has
/// been blocked by CORS policy: REASON".
fn parse_chrome(line_no: usize, line: &str) -> Result<Option<Message>, InputError> {
    if let Some(fixed) = retyped_chrome_head(line) {
        return parse_chrome(line_no, &fixed);
    }
    let Some(start) = line.find("Access to ") else {
        // Its head cut off in the copy ("https://…' from origin 'https://…' has been blocked by
        // CORS policy: …"): read as the fetch() it most often is.
        return Ok(chrome_without_head(line).and_then(|l| parse_chrome(line_no, &l).ok().flatten()));
    };
    if !line.contains("has been blocked by CORS policy") {
        return Ok(None);
    }
    let column = column_at(line, start);
    let text = quoted(line, start).unwrap_or(line).trim_end();
    let as_pasted = text;
    // Retyped with typographic quotes ("at ’https://…’ from origin ’https://…’"): Chrome's
    // are straight. A message that ends at "blocked by CORS policy" names no reason.
    let straight;
    let text = if text.contains(['\u{2018}', '\u{2019}']) && !text.contains("' from origin '") {
        straight = text.replace(['\u{2018}', '\u{2019}'], "'");
        straight.as_str()
    } else {
        text
    };
    let ended;
    let text = match text
        .trim_end_matches(['.', ' '])
        .strip_suffix("has been blocked by CORS policy")
    {
        Some(head) if !head.is_empty() => {
            ended = format!("{head}has been blocked by CORS policy:");
            ended.as_str()
        }
        _ => text,
    };
    let bad = |what: &str| {
        err_at(
            line_no,
            column,
            format!("Chrome's CORS message is incomplete: {what}"),
        )
    };
    let rest = text.get("Access to ".len()..).unwrap_or("");
    // A URL the user replaced by a placeholder may have lost its opening quote
    // ("at <my function's URL>' from origin …").
    let (initiator, rest) = rest
        .split_once(" at '")
        .or_else(|| {
            rest.split_once(" at ")
                .filter(|(_, r)| r.contains("' from origin '"))
        })
        .ok_or_else(|| bad("expected \"Access to fetch at '<url>'\""))?;
    let (urls, rest) = rest
        .split_once(" from origin '")
        .ok_or_else(|| bad("expected \"from origin '<origin>'\""))?;
    let (origin, reason) = rest
        .split_once("' has been blocked by CORS policy:")
        .ok_or_else(|| bad("expected \"has been blocked by CORS policy:\" after the origin"))?;
    // (Retyped with two spaces before "from origin": the URL ends at its quote.)
    let urls = urls.trim_end();
    let (url, redirected_from) = match urls.split_once("' (redirected from '") {
        Some((u, from)) => (u, Some(from.strip_suffix("')").unwrap_or(from).to_string())),
        None => (urls.strip_suffix('\'').unwrap_or(urls), None),
    };
    let mut m = Message::new(line_no, Browser::Chrome, as_pasted);
    // Chrome prints absolute URLs: anything else is a placeholder the user wrote
    // ("<my API>", "xyz"), so the URL is not given. A key the user hid in the query
    // ("?api_key=${API Key}") leaves the URL as it is.
    let spaced_query = ["https://", "http://"].iter().any(|p| {
        url.strip_prefix(p).is_some_and(|r| {
            let host_end = r.find(['/', '?', '#']).unwrap_or(r.len());
            host_end > 0
                && !r[..host_end].contains(char::is_whitespace)
                && r[host_end..].starts_with(['/', '?'])
        })
    });
    m.url = if url.contains(':') && (spaced_query || !url.contains(char::is_whitespace)) {
        url.to_string()
    } else {
        String::new()
    };
    m.redirected_from = redirected_from;
    m.origin = Some(origin.to_string());
    m.initiator = crate::browser_text::Initiator::from_word(initiator.trim());
    if let Some(r) = parse_chrome_reason(reason) {
        m.cors_error = Some(r.error);
        m.failed_parameter = r.failed_parameter;
    } else if reason.contains("is therefore not allowed access")
        || reason.contains("The response had HTTP status code ")
    {
        // Chrome 66–72 wrote today's head with the old tail ("… present on the requested
        // resource. Origin 'O' is therefore not allowed access. The response had HTTP status
        // code 404."): the reason, its origin and status as old messages give them.
        let mut old = Message::new(line_no, Browser::Chrome, text);
        if legacy_body(&mut old, reason) {
            m.cors_error = old.cors_error;
            m.failed_parameter = old.failed_parameter;
            m.status = old.status;
        }
    }
    Ok(Some(m))
}

/// Old Chrome wording (Chrome 60–72, still pasted from old Electron apps and
/// posts): "Failed to load U: REASON Origin 'O' is therefore not allowed
/// access. The response had HTTP status code N." (also "XMLHttpRequest cannot
/// load U. REASON …" and "Fetch API cannot load U. REASON …", before Chrome
/// 60). The reason's sentences are today's; the old preflight status ("has
/// invalid HTTP status code N", "does not have HTTP ok status.") and redirect
/// sentences are read too.
const OLD_PREFLIGHT_REDIRECT: &str = "The request was redirected to '";

fn parse_chrome_legacy(line_no: usize, line: &str) -> Option<Message> {
    let (start, prefix, sep) = if let Some(i) = line.find("Failed to load ") {
        (i, "Failed to load ", ": ")
    } else if let Some(i) = line.find("XMLHttpRequest cannot load ") {
        (i, "XMLHttpRequest cannot load ", ". ")
    } else if let Some(i) = line.find("Fetch API cannot load ") {
        (i, "Fetch API cannot load ", ". ")
    } else {
        let at = line.len() - line.trim_start().len();
        if let Some((prefix, sep, left)) = cut_legacy_prefix(line) {
            return parse_legacy_at(line_no, line, at, prefix, sep, left);
        }
        // The whole prefix left out: the line starts with the URL ("U. REASON" or "U: REASON");
        // only a reason Chrome wrote makes it a message.
        let t = line.trim_start();
        if !(t.starts_with("http://") || t.starts_with("https://")) {
            return None;
        }
        return [
            ("XMLHttpRequest cannot load ", ". "),
            ("Failed to load ", ": "),
        ]
        .into_iter()
        .find_map(|(prefix, sep)| parse_legacy_at(line_no, line, at, prefix, sep, 0));
    };
    parse_legacy_at(line_no, line, start, prefix, sep, prefix.len())
}

/// An old Chrome line whose first letters the copy cut off ("ailed to load U: …",
/// "tpRequest cannot load U. …"): which prefix it was, when at least "to load " /
/// "cannot load " and the URL after it are left; with how many of its bytes are left.
fn cut_legacy_prefix(line: &str) -> Option<(&'static str, &'static str, usize)> {
    let t = line.trim_start();
    [
        ("Failed to load ", ": ", "to load http"),
        ("XMLHttpRequest cannot load ", ". ", "cannot load http"),
        ("Fetch API cannot load ", ". ", "cannot load http"),
    ]
    .into_iter()
    .find_map(|(prefix, sep, least)| {
        let tail = (1..prefix.len())
            .filter_map(|k| prefix.get(k..))
            .find(|tail| t.starts_with(tail) && format!("{tail}http").contains(least))?;
        Some((prefix, sep, tail.len()))
    })
}

/// [`parse_chrome_legacy`] from `start`, where the prefix (`prefix_len` bytes of it left)
/// begins.
fn parse_legacy_at(
    line_no: usize,
    line: &str,
    start: usize,
    prefix: &'static str,
    sep: &str,
    prefix_len: usize,
) -> Option<Message> {
    let text = quoted(line, start)?.trim_end();
    let rest = text.get(prefix_len..)?;
    // Any scheme: a file:// page's URLs are named as such ("cannot load file://host/x. Cross
    // origin requests are only supported for protocol schemes: …").
    let schemed = rest.split_once("://").is_some_and(|(s, _)| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    let (url, body) = if schemed {
        let (url, body) = rest.split_once(sep)?;
        if url.contains(char::is_whitespace) && super::placeholder_url(url).is_none() {
            return None;
        }
        (url, body)
    } else {
        // The URL replaced by a placeholder ("(the url)", "<url>", "..."): the reason is
        // still Chrome's; the URL is not given.
        let (placeholder, body) = rest.split_once(sep)?;
        // Safari's "Failed to load resource: …" is no placeholder.
        if placeholder.len() > 40 || placeholder.contains("://") || placeholder == "resource" {
            return None;
        }
        ("", body)
    };
    if body.contains(" due to access control checks") {
        return None;
    }
    let mut m = Message::new(line_no, Browser::Chrome, text);
    if prefix.starts_with("XMLHttpRequest") {
        m.initiator = Some(crate::browser_text::Initiator::Xhr);
    } else if prefix.starts_with("Fetch API") {
        m.initiator = Some(crate::browser_text::Initiator::Fetch);
    }
    m.url = url.to_string();
    // Chrome 64–72 for a redirect: "Redirect from 'U0' to 'U' has been blocked by CORS
    // policy: REASON".
    let mut body = body.trim();
    if let Some(r) = body.strip_prefix("Redirect from '") {
        let (from, r) = r.split_once("' to '")?;
        let (to, r) = r.split_once("' has been blocked by CORS policy: ")?;
        m.redirected_from = Some(from.to_string());
        m.url = to.to_string();
        m.redirect_failed = true;
        body = r;
    }
    // Chrome before the Fetch standard let a request that needed a preflight follow a
    // redirect (2017): "The request was redirected to 'U2', which is disallowed for
    // cross-origin requests that require preflight." No error name today: the redirect.
    if let Some(r) = body.strip_prefix(OLD_PREFLIGHT_REDIRECT) {
        let (to, r) = r.split_once("', ")?;
        r.trim_start()
            .starts_with(crate::browser_text::CHROME_OLD_PREFLIGHT_REDIRECT)
            .then_some(())?;
        m.redirected_from = Some(m.url.clone()).filter(|u| !u.is_empty());
        m.url = to.to_string();
        return Some(m);
    }
    legacy_body(&mut m, body).then_some(m)
}

/// A Chrome reason as old messages write it, with "Origin 'O' is therefore not allowed
/// access." and "The response had HTTP status code N." inside it: sets `m`'s error,
/// origin and status; false when the reason is not one Chrome wrote.
fn legacy_body(m: &mut Message, body: &str) -> bool {
    let mut body = body.trim().to_string();
    if let Some(i) = body.find("Origin '") {
        let after = body.get(i + "Origin '".len()..).unwrap_or("");
        const ACCESS: &str = " is therefore not allowed access";
        // A copy cut inside that sentence ("… is therefore not") ends the message all the same.
        let split = after.split_once('\'').and_then(|(o, t)| {
            let cut = t.trim_end();
            match t.strip_prefix(ACCESS) {
                Some(rest) => Some((o, rest)),
                None if cut.len() >= 3 && ACCESS.starts_with(cut) => Some((o, "")),
                None => None,
            }
        });
        if let Some((o, tail)) = split {
            m.origin = Some(o.to_string());
            let tail = tail.strip_prefix('.').unwrap_or(tail);
            body = format!(
                "{} {}",
                body.get(..i).unwrap_or("").trim_end(),
                tail.trim_start()
            );
        }
    }
    const STATUS: &str = "The response had HTTP status code ";
    if let Some(i) = body.find(STATUS) {
        let after = body.get(i + STATUS.len()..).unwrap_or("");
        let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
        m.status = digits.parse::<u16>().ok();
        let tail = after
            .get(digits.len()..)
            .unwrap_or("")
            .trim_start_matches('.')
            .to_string();
        body = format!(
            "{} {}",
            body.get(..i).unwrap_or("").trim_end(),
            tail.trim_start()
        );
    }
    let body = body.trim();
    const OLD_PREFLIGHT_STATUS: &str = "Response for preflight has invalid HTTP status code ";
    // Chrome before 60: "A wildcard '*' cannot be used in the 'Access-Control-Allow-Origin'
    // header when the credentials flag is true."
    const OLD_WILDCARD: &str = "A wildcard '*' cannot be used in the 'Access-Control-Allow-Origin' header when the credentials flag is true";
    if let Some(r) = parse_chrome_reason(body) {
        m.cors_error = Some(r.error);
        m.failed_parameter = r.failed_parameter;
    } else if let Some(after) = body
        .find(OLD_PREFLIGHT_STATUS)
        .and_then(|i| body.get(i + OLD_PREFLIGHT_STATUS.len()..))
    {
        let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
        m.cors_error = Some(CorsError::PreflightInvalidStatus);
        m.status = digits.parse::<u16>().ok().or(m.status);
    } else if body.contains("Response for preflight does not have HTTP ok status") {
        m.cors_error = Some(CorsError::PreflightInvalidStatus);
    } else if body.contains("Response for preflight is invalid (redirect)")
        || body.to_ascii_lowercase().starts_with(PREFLIGHT_REDIRECT)
    {
        m.cors_error = Some(CorsError::PreflightDisallowedRedirect);
    } else if let Some(after) = body
        .find(OLD_CREDENTIALS)
        .and_then(|i| body.get(i + OLD_CREDENTIALS.len()..))
    {
        let value = after.split_once("'.").map_or("", |(v, _)| v);
        m.failed_parameter = Some(value.to_string());
        m.cors_error = Some(
            if body.starts_with(crate::browser_text::CHROME_PREFLIGHT_PREFIX) {
                CorsError::PreflightInvalidAllowCredentials
            } else {
                CorsError::InvalidAllowCredentials
            },
        );
    } else if let Some(values) = body
        .find(MULTIPLE_VALUES)
        .and_then(|i| body.get(i + MULTIPLE_VALUES.len()..))
        .and_then(|r| r.split_once('\''))
        .map(|(v, _)| v)
        .filter(|v| !v.is_empty())
    {
        // The sentence's end rewritten by its poster ("… multiple values '*, *', on NGINX
        // server"): the values are what it rests on.
        m.failed_parameter = Some(values.to_string());
        m.cors_error = Some(
            if body.starts_with(crate::browser_text::CHROME_PREFLIGHT_PREFIX) {
                CorsError::PreflightMultipleAllowOriginValues
            } else {
                CorsError::MultipleAllowOriginValues
            },
        );
    } else if body.contains(OLD_WILDCARD) {
        m.cors_error = Some(
            if body.starts_with(crate::browser_text::CHROME_PREFLIGHT_PREFIX) {
                CorsError::PreflightWildcardOriginNotAllowed
            } else {
                CorsError::WildcardOriginNotAllowed
            },
        );
    } else if let Some((error, param)) =
        // Chrome before 2015 shared WebKit's words ("Request header field X is not allowed
        // by Access-Control-Allow-Headers."), which Safari still prints.
        crate::browser_text::parse_safari(body).and_then(|s| s.chrome_error())
    {
        m.cors_error = Some(error);
        m.failed_parameter = param;
    } else {
        return false;
    }
    true
}

const MULTIPLE_VALUES: &str = "The 'Access-Control-Allow-Origin' header contains multiple values '";

/// Older Chrome for credentials that Access-Control-Allow-Credentials does not allow:
/// "Credentials flag is 'true', but the 'Access-Control-Allow-Credentials' header is ''. It
/// must be 'true' to allow credentials." (today's `InvalidAllowCredentials`).
const OLD_CREDENTIALS: &str =
    "Credentials flag is 'true', but the 'Access-Control-Allow-Credentials' header is '";

/// The text of a sentence starting at byte `start` of `line`: up to its closing mark when a
/// backtick or a double quote opens it (a sentence quoted in prose: "… rejects all calls with
/// `Request header field … in preflight response.`."), else the rest of the line.
fn quoted(line: &str, start: usize) -> Option<&str> {
    let text = line.get(start..)?;
    let before = line.get(..start)?;
    // Markdown's bold right before it ("**Response for preflight has invalid HTTP status code
    // 401** error."): to the closing stars.
    if before.ends_with("**") && !before.ends_with("***") {
        return Some(text.find("**").map_or(text, |e| &text[..e]));
    }
    // An odd number of stars before it: a Markdown emphasis is open ("*has been blocked by
    // CORS policy: Request header field …*").
    let italic = before.matches('*').count() % 2 == 1;
    let before = before.trim_end_matches('*');
    let close = match before.chars().next_back() {
        Some('`') => '`',
        Some('"') => '"',
        Some('\u{201c}') => '\u{201d}',
        // In parentheses inside words of one's own ("the CORS error (The value of …).").
        Some('(') => ')',
        // In Markdown's italics or bold ("*Response to preflight … response*."): to the
        // closing star (a quoted `'*'` in the sentence is no star of Markdown's).
        _ if italic => {
            let b = text.as_bytes();
            let end = (0..b.len()).find(|&i| {
                b[i] == b'*' && (i == 0 || b[i - 1] != b'\'') && b.get(i + 1) != Some(&b'\'')
            });
            return Some(end.map_or(text, |e| &text[..e]));
        }
        _ => return Some(text),
    };
    // Chrome's address-space sentences quote their spaces in backticks ("… address space
    // `local`."): in backticks, such a pair is the sentence's own, not the closing mark.
    if close == '`' {
        let mut from = 0;
        while let Some(i) = text.get(from..).and_then(|r| r.find('`')).map(|i| from + i) {
            let own = text[..i].ends_with("address space ")
                || text[..i].ends_with("address spaces ")
                || text[..i].ends_with("space of ");
            match own.then(|| text[i + 1..].find('`')).flatten() {
                Some(j) => from = i + 1 + j + 1,
                None => return Some(&text[..i]),
            }
        }
        return Some(text);
    }
    Some(text.find(close).map_or(text, |end| &text[..end]))
}

/// Chrome's head as people retype it: "Acess to …" / "Acces to …", or the URL and origin in
/// Markdown's backticks ("at `https://…` from origin`https://…`"): the head as Chrome prints
/// it, the reason untouched (its own backticks, `local`, stay). `None` when nothing to mend.
fn retyped_chrome_head(line: &str) -> Option<String> {
    const BLOCKED: &str = " has been blocked by CORS policy";
    let end = line.find(BLOCKED)?;
    let (head, tail) = line.split_at(end);
    let mut h = head.to_string();
    // A URL or origin cut short and closed with the wrong quote ("at 'https://pipe.exam..."
    // from origin 'https://run.exam..." has been blocked"): closed with Chrome's.
    for cut in ["...\"", "\u{2026}\""] {
        let fixed = cut.replace('"', "'");
        h = h.replace(
            &format!("{cut} from origin"),
            &format!("{fixed} from origin"),
        );
        if h.ends_with(cut) {
            h.truncate(h.len() - 1);
            h.push('\'');
        }
    }
    // ("ccess to image at …": the copy lost its first letter.)
    for typo in [
        "Acess to ",
        "Acces to ",
        "Accesss to ",
        "access to ",
        "ccess to ",
    ] {
        if let Some(i) = h.find(typo) {
            let word_start = !h[..i].ends_with(|c: char| c.is_alphabetic());
            if !h.contains("Access to ") && word_start {
                h.replace_range(i..i + typo.len(), "Access to ");
            }
        }
    }
    // Retyped without its URL and origin ("Access to image: has been blocked …", "Access to
    // XMLHttpRequest has been blocked …"): the initiator's word, the two unknown.
    if let Some(i) = h.find("Access to ") {
        let word = h[i + "Access to ".len()..].trim_end().trim_end_matches(':');
        if !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic()) {
            h = format!(
                "{}Access to {word} at '<url>' from origin '<origin>'",
                &h[..i]
            );
        }
    }
    // A stray quote typed after "Access to " ("Access to \"XMLHttpRequest at 'U' …").
    for stray in ["Access to \"", "Access to '"] {
        if let Some(i) = h.find(stray) {
            let after = &h[i + stray.len()..];
            if after.starts_with(|c: char| c.is_ascii_alphabetic()) && after.contains(" at ") {
                h.replace_range(i..i + stray.len(), "Access to ");
            }
        }
    }
    // The URL and origin in double quotes, straight or typographic ("at \"U\" from origin
    // \"O\"", "at “U” from origin “O”"): Chrome's head quotes them with '.
    for (open, close) in [('"', '"'), ('\u{201c}', '\u{201d}')] {
        let at = format!(" at {open}");
        let from = format!("{close} from origin {open}");
        if let (Some(a), Some(f)) = (h.find(&at), h.find(&from)) {
            let origin = &h[f + from.len()..];
            if a < f && origin.trim_end().ends_with(close) && !h.contains("' from origin '") {
                let origin = origin.trim_end().strip_suffix(close).unwrap_or(origin);
                let url = &h[a + at.len()..f];
                h = format!("{} at '{url}' from origin '{origin}'", &h[..a]);
            }
        }
    }
    // A URL masked or typed without quotes ("at XX from origin '…'"): quoted, so the head
    // reads; a URL that is no URL stays unknown.
    let base = h.find("Access to ").unwrap_or(0);
    if let (Some(a), Some(o)) = (
        h[base..].find(" at ").map(|i| base + i),
        h[base..].find(" from origin ").map(|i| base + i),
    ) {
        let url = h.get(a + 4..o).unwrap_or("");
        if a < o && !url.is_empty() && !url.contains(['\'', '`', '"', ' ']) {
            h = format!("{} at '{url}'{}", &h[..a], &h[o..]);
        }
    }
    // The origin typed without quotes ("from origin http://localhost:5173 has been
    // blocked"): quoted as Chrome prints it.
    if let Some(o) = h.rfind(" from origin ") {
        let origin = h[o + " from origin ".len()..].trim_end();
        if origin.contains("://") && !origin.contains(['\'', '`', '"', ' ', '\u{201c}', '\u{2019}'])
        {
            h = format!("{} from origin '{origin}'", &h[..o]);
        }
    }
    let start = h.find("Access to ")?;
    // "at `U` from origin`O`" (a space before the origin's backtick may be missing).
    let body = &h[start..];
    if let (Some(a), Some(o)) = (body.find(" at `"), body.find(" from origin")) {
        if a < o {
            let url = body[a + " at `".len()..o].trim().trim_end_matches('`');
            let origin = body[o + " from origin".len()..]
                .trim()
                .trim_matches(['`', '\'']);
            if !url.contains('`') && !origin.contains('`') && !url.is_empty() {
                let fixed = format!("{} at '{url}' from origin '{origin}'", &body[..a]);
                h = format!("{}{fixed}", &h[..start]);
            }
        }
    }
    // A header name in the reason in backticks ("No `Access-Control-Allow-Private-Network`
    // header"): Chrome quotes header names with '.
    let mut t = tail.to_string();
    while let Some(i) = t.find("`Access-Control-") {
        let Some(len) = t[i + 1..].find('`') else {
            break;
        };
        let name = t[i + 1..i + 1 + len].to_string();
        t.replace_range(i..i + len + 2, &format!("'{name}'"));
    }
    (h != head || t != tail).then(|| format!("{h}{t}"))
}

/// Chrome's message with its "Access to fetch at '" cut off: rebuilt with it, when the URL
/// before "' from origin '" is a whole http(s) URL.
fn chrome_without_head(line: &str) -> Option<String> {
    let fo = line.find("' from origin '")?;
    if !line[fo..].contains("' has been blocked by CORS policy") {
        return None;
    }
    let head = &line[..fo];
    let Some(us) = head.rfind("http://").max(head.rfind("https://")) else {
        // Cut inside the scheme ("ps://www.example.com/api' from origin '…"): the scheme
        // whose end it is.
        let word = head.rsplit(char::is_whitespace).next()?;
        let (scheme_tail, rest) = word.split_once("://")?;
        let scheme = if !scheme_tail.is_empty() && "https".ends_with(scheme_tail) {
            "https"
        } else if "http".ends_with(scheme_tail) {
            "http"
        } else {
            return None;
        };
        if rest.is_empty() || rest.contains('\'') {
            return None;
        }
        return Some(format!(
            "Access to fetch at '{scheme}://{rest}{}",
            &line[fo..]
        ));
    };
    let url = &head[us..];
    if url.contains(char::is_whitespace) || url.contains('\'') {
        return None;
    }
    Some(format!("Access to fetch at '{url}{}", &line[fo..]))
}

/// Chrome's CorsError name as DevTools shows it for the request ("Cross-Origin Resource
/// Sharing error: PreflightMissingAllowOriginHeader" in its Headers view, the name alone
/// copied from its Status column or Issues panel): the error, without the URL.
fn cors_error_name_line(line: &str) -> Option<CorsError> {
    let t = line
        .trim()
        .trim_start_matches(['-', '*', '•', '>', ' '])
        .trim_matches(['`', '"', '\'', ' ', '.']);
    let name = ["Cross-Origin Resource Sharing error:", "CORS error:"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
        .trim()
        .trim_matches(['`', '"', '\'']);
    if let Some(e) = CorsError::from_name(name).filter(|_| name.len() > 12) {
        return Some(e);
    }
    // DevTools' own words inside a sentence ("I get the error `Cross-Origin Resource Sharing
    // error: MissingAllowOriginHeader`."): the name after them.
    const DEVTOOLS: &str = "Cross-Origin Resource Sharing error:";
    let i = line.find(DEVTOOLS)?;
    let name: String = line[i + DEVTOOLS.len()..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    CorsError::from_name(&name).filter(|_| name.len() > 12)
}

fn parse_cors_error_name(line_no: usize, line: &str) -> Option<Message> {
    if let Some(e) = cors_error_name_line(line) {
        let mut m = Message::new(line_no, Browser::Chrome, line.trim());
        m.cors_error = Some(e);
        return Some(m);
    }
    let (code, firefox) = error_code_in_words(line)?;
    let mut m = Message::new(line_no, Browser::Chrome, code);
    match firefox {
        Some(key) => {
            m.browser = Browser::Firefox;
            set_firefox_key(&mut m, key, None);
        }
        None => m.cors_error = CorsError::from_name(code),
    }
    Some(m)
}

/// Chromium's `CorsError` name or Firefox's error key inside a person's words, as DevTools'
/// Network panel or MDN's page for it names it: quoted ("a `CORS error` with code
/// `WildcardOriginNotAllowed`"), after a word that says it happened ("Firefox warned
/// CORSMultipleAllowOriginNotAllowed"), or as the MDN link the words carry
/// (`…/CORS/Errors/CORSMultipleAllowOriginNotAllowed`). The name, and Firefox's key.
fn error_code_in_words(line: &str) -> Option<(&str, Option<FirefoxKey>)> {
    const SAID: [&str; 16] = [
        "code", "error", "error:", "warned", "warns", "get", "got", "getting", "gets", "shows",
        "says", "throws", "reports", "returns", "fails", "with",
    ];
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let word = &line[start..i];
        let before = line[..start].chars().next_back();
        let after = line[i..].chars().next();
        let quoted = matches!(before, Some('`' | '"' | '\'' | '\u{201c}'))
            && matches!(after, Some('`' | '"' | '\'' | '\u{201d}'));
        let mdn = line[..start].ends_with("/CORS/Errors/");
        // After a word that says it happened ("I get MissingAllowOriginHeader"), not
        // words about it ("the list has MissingAllowOriginHeader").
        let said = line[..start]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| SAID.contains(&w.to_ascii_lowercase().as_str()));
        if !(quoted || mdn || said) {
            continue;
        }
        if word.len() > 16 && !word.starts_with("CORS") {
            if CorsError::from_name(word).is_some() {
                return Some((word, None));
            }
        } else if word.len() > 10 && word.starts_with("CORS") {
            if let Some(k) = FirefoxKey::from_name(word) {
                return Some((word, Some(k)));
            }
        }
    }
    None
}

/// Chrome's reason pasted without the "Access to fetch at 'U' from origin 'O' has been
/// blocked by CORS policy:" before it ("Response to preflight request doesn't pass access
/// control check: …", in a chat or an issue): the error, without the URL.
/// The middle of Chrome's wildcard-with-credentials reason, from which people quote it.
const WILDCARD_MIDDLE: &str =
    "header in the response must not be the wildcard '*' when the request's credentials mode is";

fn parse_chrome_bare_reason(line_no: usize, line: &str) -> Option<Message> {
    const STARTS: [&str; 13] = [
        crate::browser_text::CHROME_PREFLIGHT_PREFIX,
        // Local Network Access, whose sentences quote the address spaces in backticks.
        LNA_DENIED_START,
        LNA_TARGET_START,
        OLD_WILDCARD_START,
        // Chrome before 2018: "Response for preflight has invalid HTTP status code 401".
        "Response for preflight ",
        "No 'Access-Control-Allow-Origin' header is present",
        "The 'Access-Control-Allow-Origin' header",
        "The value of the 'Access-Control-Allow-",
        "Request header field ",
        "Method ",
        "No 'Access-Control-Allow-Private-Network' header",
        "The 'Access-Control-Allow-Private-Network' header",
        OLD_CREDENTIALS,
    ];
    // The wildcard reason quoted from its middle ("`header in the response must not be the
    // wildcard '*' when the request's credentials mode is 'include`"): its head put back.
    let headed;
    let line = match line.find(WILDCARD_MIDDLE) {
        Some(i) if !line.contains("'Access-Control-Allow-Origin' header in the response") => {
            // Up to the quote that opened it, else to the mode's name.
            let open = line[..i].trim_end().chars().next_back();
            let tail = &line[i..];
            let tail = match open.filter(|c| matches!(c, '`' | '"')) {
                Some(q) => tail.split(q).next().unwrap_or(tail),
                None => tail
                    .find("'include")
                    .map_or(tail, |e| &tail[..e + "'include".len()]),
            };
            let tail = tail.trim_end_matches(['`', '"', '.', ' ']);
            let tail = if tail.ends_with("'include") {
                format!("{tail}'.")
            } else {
                tail.to_string()
            };
            headed = format!("The value of the 'Access-Control-Allow-Origin' {tail}");
            headed.as_str()
        }
        _ => line,
    };
    // The multiple values' reason with its values left out ("… header contains multiple
    // values, but only one is allowed."): Chrome's sentence, the values unknown.
    let valueless;
    let line = match line.find("header contains multiple values, but only one is allowed") {
        Some(i) if line[..i].contains("'Access-Control-Allow-Origin'") => {
            valueless = line.replacen(
                "header contains multiple values, but",
                "header contains multiple values '', but",
                1,
            );
            valueless.as_str()
        }
        _ => line,
    };
    // The method's reason retyped in another order ("`PATCH` method is not allowed by
    // `Access-Control-Allow-Methods`"): as Chrome words it.
    let reordered;
    let line = match line.find(" method is not allowed by ") {
        Some(i) if line.contains("Access-Control-Allow-Methods") && !line.contains("Method ") => {
            let method = line[..i]
                .split_whitespace()
                .next_back()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_ascii_alphabetic());
            if method.len() >= 3 && method.bytes().all(|b| b.is_ascii_uppercase()) {
                reordered = format!(
                    "Method {method} is not allowed by Access-Control-Allow-Methods in preflight response."
                );
                reordered.as_str()
            } else {
                line
            }
        }
        _ => line,
    };
    // A reason retyped after a colon with its first word in lower case ("… this error:
    // request header field X is not allowed …"): its opening words as Chrome writes them.
    let recased;
    let line = if STARTS.iter().any(|s| line.contains(s)) {
        line
    } else {
        const LONG: [&str; 5] = [
            "Request header field ",
            "No 'Access-Control-Allow-Origin' header is present",
            "The 'Access-Control-Allow-Origin' header",
            "The value of the 'Access-Control-Allow-",
            "Response for preflight ",
        ];
        let lower = line.to_ascii_lowercase();
        match LONG
            .iter()
            .find_map(|s| lower.find(&s.to_ascii_lowercase()).map(|i| (i, *s)))
        {
            Some((i, s)) => {
                recased = format!("{}{s}{}", &line[..i], &line[i + s.len()..]);
                recased.as_str()
            }
            None => line,
        }
    };
    // Chrome's preflight redirect reason alone, as people retype it (often in lower case).
    let redirect = line
        .to_ascii_lowercase()
        .find(PREFLIGHT_REDIRECT)
        .filter(|&i| line.is_char_boundary(i));
    let start = STARTS
        .iter()
        .filter_map(|s| line.find(s))
        .chain(redirect)
        .min()?;
    // Safari's "… cannot load U due to access control checks." lines are Safari's (its
    // inline reasons are no Chrome sentence, so they never match below).
    if line.contains("due to access control checks") {
        return None;
    }
    // Safari's own sentences, which old Chrome shared, on their own line: Safari's.
    if crate::browser_text::parse_safari(safari_text(line)).is_some() {
        return None;
    }
    let text = match lna_sentence(&line[start..]) {
        Some(t) => t,
        None => quoted(line, start)?.trim_end(),
    };
    let mut m = Message::new(line_no, Browser::Chrome, text);
    if legacy_body(&mut m, text) {
        return Some(m);
    }
    // A sentence quoted and cut short after its value ("Request header field content-profile
    // is not allowed"): the one Chromium reason it starts.
    let quoted_in_words = start > 0
        && matches!(
            line[..start].chars().next_back(),
            Some('"' | '`' | '\u{201c}')
        );
    if quoted_in_words {
        if let Some(r) = crate::browser_text::parse_chrome_reason(text) {
            m.cors_error = Some(r.error);
            m.failed_parameter = r.failed_parameter;
            return Some(m);
        }
    }
    // The most pasted sentence inside words of one's own ("the client will get No
    // 'Access-Control-Allow-Origin' header is present on the requested resource error."):
    // Chrome's sentence up to its last word.
    const MISSING: &str =
        "No 'Access-Control-Allow-Origin' header is present on the requested resource";
    let Some(i) = text.find(MISSING) else {
        // Quoted and cut short after its verb ("throws \"No 'Access-Control-Allow-Origin'
        // header is present\" error"): still the sentence.
        let cut = text.trim_end_matches(['.', ' ']);
        let whole = format!("{MISSING}.");
        let read = cut.len() >= MISSING.find(" on the").unwrap_or(MISSING.len())
            && MISSING.starts_with(cut);
        let mut m = Message::new(line_no, Browser::Chrome, cut);
        return (read && legacy_body(&mut m, &whole)).then_some(m);
    };
    let sentence = &text[i..i + MISSING.len()];
    let mut m = Message::new(line_no, Browser::Chrome, sentence);
    legacy_body(&mut m, sentence).then_some(m)
}

/// Chrome's reason for a redirected preflight without its "Response to preflight request
/// doesn't pass access control check:" ("Redirect is not allowed for a preflight request."),
/// in lower case.
const PREFLIGHT_REDIRECT: &str = "redirect is not allowed for a preflight request";

const LNA_DENIED_START: &str = "Permission was denied for this request to access the `";
const LNA_TARGET_START: &str = "Request had a target IP address space of `";
/// Chrome before 60 (and old WebViews): "A wildcard '*' cannot be used in the
/// 'Access-Control-Allow-Origin' header when the credentials flag is true."
const OLD_WILDCARD_START: &str =
    "A wildcard '*' cannot be used in the 'Access-Control-Allow-Origin' header";

/// A Local Network Access sentence at the start of `text`, to its end: its address spaces
/// are in backticks, so quoting it in backticks does not delimit it.
fn lna_sentence(text: &str) -> Option<&str> {
    let end = if text.starts_with(LNA_DENIED_START) {
        text.find("` address space.")? + "` address space.".len()
    } else if text.starts_with(LNA_TARGET_START) {
        const YET: &str = "yet the resource is in address space `";
        let i = text.find(YET)? + YET.len();
        let close = i + text.get(i..)?.find('`')? + 1;
        close + usize::from(text.get(close..)?.starts_with('.'))
    } else {
        return None;
    };
    text.get(..end)
}

/// Chrome before 2017 for a font, image or script a page element loaded with CORS: "Font from
/// origin 'O' has been blocked from loading by Cross-Origin Resource Sharing policy: REASON" —
/// O the file's origin (its path not said), REASON as old messages word it.
fn parse_chrome_old_element(line_no: usize, line: &str) -> Option<Message> {
    const MIDDLE: &str =
        "' has been blocked from loading by Cross-Origin Resource Sharing policy: ";
    let (head, body) = line.split_once(MIDDLE)?;
    let (kind, origin) = head.rsplit_once(" from origin '")?;
    let kind = kind.rsplit(|c: char| !c.is_ascii_alphabetic()).next()?;
    let initiator = match kind {
        "Font" => crate::browser_text::Initiator::Font,
        "Image" => crate::browser_text::Initiator::Image,
        "Script" => crate::browser_text::Initiator::Script,
        "Stylesheet" => crate::browser_text::Initiator::Stylesheet,
        _ => return None,
    };
    if origin.contains(char::is_whitespace) || !origin.contains("://") {
        return None;
    }
    // `head` ends with "KIND from origin 'O": the message starts at KIND.
    let start = head
        .len()
        .checked_sub(kind.len() + " from origin '".len() + origin.len())?;
    let text = quoted(line, start)?.trim_end();
    let mut m = Message::new(line_no, Browser::Chrome, text);
    m.initiator = Some(initiator);
    m.url = origin.trim_end_matches('/').to_string() + "/";
    let body = text.split_once(MIDDLE).map_or(body, |(_, b)| b);
    legacy_body(&mut m, body).then_some(m)
}

/// Chrome's Allow-Origin sentence with its first word cut off in the copy ("'Access-Control-
/// Allow-Origin' header contains multiple values '*, *', but only one is allowed."): read as
/// the whole sentence.
fn parse_chrome_headless_reason(line_no: usize, line: &str) -> Option<Message> {
    const CUT: &str = "'Access-Control-Allow-Origin' header ";
    let start = line.find(CUT)?;
    if line[..start].trim_end().ends_with("The") {
        return None;
    }
    let text = quoted(line, start)?.trim_end();
    let whole = format!("The {text}");
    let mut m = Message::new(line_no, Browser::Chrome, text);
    legacy_body(&mut m, &whole).then_some(m)
}

/// Firefox: "Cross-Origin Request Blocked: The Same Origin Policy disallows
/// reading the remote resource at U. (Reason: R). Status code: N."
fn parse_firefox(line_no: usize, line: &str) -> Result<Option<Message>, InputError> {
    let (start, prefix, url_end) = if let Some(s) = line.find(FIREFOX_BLOCKED_PREFIX) {
        (s, FIREFOX_BLOCKED_PREFIX, ". (Reason: ")
    } else if let Some(s) = line.find(FIREFOX_WARNING_PREFIX) {
        (s, FIREFOX_WARNING_PREFIX, " soon. (Reason: ")
    } else {
        if let Some(s) = line.find("Cross-Origin Request Blocked") {
            let text = line.get(s..).unwrap_or(line).trim_end();
            // The URL replaced by a placeholder ("… the remote resource ... (Reason: …)"):
            // the reason is still Firefox's; the URL is not given.
            if let Some((head, rest)) = text.split_once("(Reason: ") {
                if head.contains("disallows reading the remote resource") {
                    let mut m = Message::new(line_no, Browser::Firefox, text);
                    firefox_reason_and_status(&mut m, rest);
                    return Ok(Some(m));
                }
            }
            let column = column_at(line, s);
            return Err(err_at(
                line_no,
                column,
                "Firefox's CORS message is incomplete: expected \"The Same Origin Policy disallows reading the remote resource at <url>. (Reason: …)\"",
            ));
        }
        // Firefox in another language.
        if let Some(l) = firefox_l10n::parse(line) {
            let mut m = Message::new(
                line_no,
                Browser::Firefox,
                line.get(l.start..).unwrap_or(line).trim_end(),
            );
            m.url = l.url;
            m.status = l.status;
            set_firefox_key(&mut m, l.key, l.param);
            return Ok(Some(m));
        }
        // The message's head cut off by the copy: "https://… . (Reason: CORS header
        // ‘Access-Control-Allow-Origin’ missing)." — Firefox's reason after its URL.
        if let Some((url, rest)) = firefox_headless(line) {
            let mut m = Message::new(line_no, Browser::Firefox, line.trim());
            m.url = url.to_string();
            firefox_reason_and_status(&mut m, rest);
            if m.firefox_key.is_some() {
                return Ok(Some(m));
            }
        }
        // A translated reason alone ("(Grund: CORS-Kopfzeile 'Access-Control-Allow-Origin'
        // fehlt)."), its message's head left out: no URL.
        if let Some(l) = firefox_l10n::parse_reason(line) {
            let mut m = Message::new(
                line_no,
                Browser::Firefox,
                line.get(l.start..).unwrap_or(line).trim_end(),
            );
            set_firefox_key(&mut m, l.key, l.param);
            return Ok(Some(m));
        }
        // Firefox's words in a language it knows, with a reason of another version (or
        // none, as before Firefox 52): a CORS failure at that URL, its reason not read.
        if firefox_l10n::language_of(line).is_some() {
            let url = line
                .find("https://")
                .or_else(|| line.find("http://"))
                .and_then(|i| line.get(i..))
                .and_then(|u| u.split([' ', '\t', '»', '’', '"', '\'']).next())
                .map(|u| u.trim_end_matches(['.', ',', ')']))
                .filter(|u| u.len() > "https://".len());
            if let Some(url) = url {
                let mut m = Message::new(line_no, Browser::Firefox, line.trim());
                m.url = url.to_string();
                return Ok(Some(m));
            }
        }
        return Ok(None);
    };
    let column = column_at(line, start);
    // In backticks or quotes in a sentence: to the closing one.
    let mut text = quoted(line, start).unwrap_or(line).trim_end();
    if let Some(t) = text.strip_suffix("[Learn More]") {
        text = t.trim_end();
    }
    let rest = text.get(prefix.len()..).unwrap_or("");
    // Firefox before 52 gave no reason: "… at U. This can be fixed by moving the resource
    // to the same domain or enabling CORS."
    const OLD_FIREFOX: &str =
        ". This can be fixed by moving the resource to the same domain or enabling CORS.";
    if let Some((url, _)) = rest.split_once(OLD_FIREFOX) {
        let mut m = Message::new(line_no, Browser::Firefox, text);
        m.url = url.trim().to_string();
        return Ok(Some(m));
    }
    // The URL edited by hand loses the period before "(Reason:" ("… at https://…/ (Reason: …").
    // The URL cut out ("… the remote resource at (Reason: …)"): no URL.
    let split = rest
        .split_once(url_end)
        .or_else(|| {
            rest.split_once(" (Reason: ")
                .filter(|(u, _)| !u.trim().contains(char::is_whitespace))
        })
        .or_else(|| rest.trim_start().strip_prefix("(Reason: ").map(|r| ("", r)));
    let Some((url, rest)) = split else {
        // Cut in or after its URL (a copy, a screenshot's text): a CORS failure at that URL,
        // its reason not known.
        let url = rest
            .split_whitespace()
            .next()
            .map(|u| u.trim_end_matches(['.', ',', '`', '"']))
            .filter(|u| u.contains("://") && rest.split_whitespace().count() == 1);
        return match url {
            Some(u) => {
                let mut m = Message::new(line_no, Browser::Firefox, text);
                m.url = u.to_string();
                Ok(Some(m))
            }
            None => Err(err_at(
                line_no,
                column,
                "Firefox's CORS message is incomplete: expected \"(Reason: …)\" after the URL",
            )),
        };
    };
    let mut m = Message::new(line_no, Browser::Firefox, text);
    // One message quotes its URL (CORSNotSupportingCredentials: "at ‘U’.").
    let url = url.trim();
    m.url = url
        .strip_prefix(['‘', '\''])
        .and_then(|u| u.strip_suffix(['’', '\'']))
        .unwrap_or(url)
        .to_string();
    firefox_reason_and_status(&mut m, rest);
    Ok(Some(m))
}

/// Firefox's "REASON). Status code: N." (the status from Firefox 68): sets `m`'s key,
/// parameter, error and status.
fn firefox_reason_and_status(m: &mut Message, rest: &str) {
    let (reason, status) = match rest.find("). Status code: ") {
        Some(i) => {
            let tail = rest.get(i + "). Status code: ".len()..).unwrap_or("");
            let digits: String = tail.chars().take_while(|c| c.is_ascii_digit()).collect();
            (rest.get(..i).unwrap_or(""), digits.parse::<u16>().ok())
        }
        None => {
            let end = rest.rfind(')').unwrap_or(rest.len());
            (rest.get(..end).unwrap_or(rest), None)
        }
    };
    m.status = status;
    if let Some((key, param)) = parse_firefox_reason(reason) {
        set_firefox_key(m, key, param);
    }
}

/// Firefox before its "Credential is not supported if … is '*'" message (bug 1210985)
/// reported `*` with credentials as "does not match '*'": `*` matches any origin for a
/// request without credentials, so the request carried them.
pub(crate) fn firefox_wildcard_with_credentials(key: Option<&str>, param: Option<&str>) -> bool {
    key == Some("CORSAllowOriginNotMatchingOrigin") && param.map(str::trim) == Some("*")
}

/// The Firefox key a message names, its parameter, and the Chromium error it stands for.
/// What Firefox's Network panel shows in a blocked request's Transferred column (its
/// netmonitor's `BLOCKED_REASON_MESSAGES`, one per Gecko CORS blocking reason), and the
/// console key each stands for.
const FIREFOX_NETMONITOR: [(&str, FirefoxKey); 15] = [
    ("CORS disabled", FirefoxKey::CORSDisabled),
    ("CORS Failed", FirefoxKey::CORSDidNotSucceed2),
    ("CORS Not HTTP", FirefoxKey::CORSRequestNotHttp),
    (
        "CORS Multiple Origin Not Allowed",
        FirefoxKey::CORSMultipleAllowOriginNotAllowed,
    ),
    (
        "CORS Missing Allow Origin",
        FirefoxKey::CORSMissingAllowOrigin2,
    ),
    (
        "CORS No Allow Credentials",
        FirefoxKey::CORSNotSupportingCredentials,
    ),
    (
        "CORS Allow Origin Not Matching Origin",
        FirefoxKey::CORSAllowOriginNotMatchingOrigin,
    ),
    (
        "CORS Missing Allow Credentials",
        FirefoxKey::CORSMissingAllowCredentials,
    ),
    (
        "CORS Origin Header Missing",
        FirefoxKey::CORSOriginHeaderNotAdded,
    ),
    (
        "CORS External Redirect Not Allowed",
        FirefoxKey::CORSExternalRedirectNotAllowed,
    ),
    (
        "CORS Preflight Did Not Succeed",
        FirefoxKey::CORSPreflightDidNotSucceed3,
    ),
    (
        "CORS Invalid Allow Method",
        FirefoxKey::CORSInvalidAllowMethod,
    ),
    ("CORS Method Not Found", FirefoxKey::CORSMethodNotFound),
    (
        "CORS Invalid Allow Header",
        FirefoxKey::CORSInvalidAllowHeader,
    ),
    (
        "CORS Missing Allow Header",
        FirefoxKey::CORSMissingAllowHeaderFromPreflight2,
    ),
];

/// The Network panel's label on its own line (a row copied cell by cell: "XHRGET", the URL,
/// "CORS Missing Allow Origin"), with the URL and method from the lines just before it.
fn firefox_netmonitor_key(line: &str) -> Option<FirefoxKey> {
    let t = line.trim();
    FIREFOX_NETMONITOR
        .iter()
        .find(|(label, _)| t.eq_ignore_ascii_case(label))
        .map(|(_, k)| *k)
}

/// Firefox's Network-panel label quoted inside words ("the console reveals the error to be
/// `CORS Missing Allow Headers`", a plural typed or not), or alone on a line with no URL
/// above it: the error, without the URL.
fn parse_firefox_label(line_no: usize, line: &str) -> Option<Message> {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    let (i, label, key) = FIREFOX_NETMONITOR.iter().find_map(|(label, key)| {
        let i = lower.find(&label.to_ascii_lowercase())?;
        Some((i, *label, *key))
    })?;
    let before = lower[..i].chars().next_back();
    let rest = &lower[i + label.len()..];
    let rest = rest.strip_prefix('s').unwrap_or(rest);
    let next = rest.chars().next();
    let open = matches!(before, Some('`' | '"' | '\'' | '\u{201c}'));
    let close = matches!(next, Some('`' | '"' | '\'' | '\u{201d}'));
    // ("CORS disabled." alone is the end of Chrome's hint wrapped onto a line of its own: "…
    // set the request's mode to 'no-cors' to fetch the resource with" / "CORS disabled.")
    let chrome_tail = label == "CORS disabled" && rest.starts_with('.');
    let alone = before.is_none() && rest.trim_end_matches('.').is_empty() && !chrome_tail;
    // Unquoted in words, written as Firefox writes it ("I'm getting CORS Missing Allow
    // Origin when navigating"): its own capitals, a word of its own.
    // After a word that says it happened ("getting", "returns", "shows"), not one that
    // talks about it ("I read about CORS Missing Allow Origin errors").
    let said = lower[..i]
        .split_whitespace()
        .next_back()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .is_some_and(|w| {
            [
                "getting",
                "get",
                "got",
                "gets",
                "returns",
                "returned",
                "returning",
                "shows",
                "showing",
                "shown",
                "says",
                "see",
                "seeing",
                "receive",
                "receiving",
                "received",
                "throws",
                "error",
                "status",
            ]
            .contains(&w)
        });
    let exact = said
        && t[i..].starts_with(label)
        && !before.is_some_and(char::is_alphanumeric)
        && !next.is_some_and(char::is_alphanumeric);
    if !(alone || (open && close) || exact) {
        return None;
    }
    let mut m = Message::new(line_no, Browser::Firefox, &t[i..i + label.len()]);
    set_firefox_key(&mut m, key, None);
    Some(m)
}

fn parse_firefox_netmonitor(
    line_no: usize,
    lines: &[String],
    idx: usize,
) -> Option<(Message, Option<String>)> {
    let key = firefox_netmonitor_key(lines.get(idx)?)?;
    // The URL: the closest line before it (at most three up) that is one.
    let (url_idx, url) = (idx.saturating_sub(3)..idx).rev().find_map(|i| {
        let t = lines.get(i)?.trim();
        (t.starts_with("http://") || t.starts_with("https://"))
            .then(|| (i, t.split_whitespace().next().unwrap_or(t).to_string()))
    })?;
    let mut m = Message::new(line_no, Browser::Firefox, lines.get(idx)?.trim());
    m.url = url;
    set_firefox_key(&mut m, key, None);
    // The method: the row's Type and Method cells run together ("XHRGET", "fetchPOST").
    let method = url_idx
        .checked_sub(1)
        .and_then(|i| lines.get(i))
        .and_then(|prev| {
            let t = prev.trim();
            ["OPTIONS", "DELETE", "PATCH", "POST", "HEAD", "GET", "PUT"]
                .into_iter()
                .find(|m| t.ends_with(m) && t.len() <= m.len() + 12 && !t.contains(' '))
        })
        .map(str::to_string);
    Some((m, method))
}

fn set_firefox_key(m: &mut Message, key: FirefoxKey, param: Option<String>) {
    m.firefox_key = Some(key.name().to_string());
    m.failed_parameter = param;
    m.cors_error = chrome_for_firefox(key);
    if key.is_warning() {
        // Firefox only warns (Authorization under `Access-Control-Allow-Headers: *`), and so
        // does Chromium 156 (its AuthorizationCoveredByWildcard deprecation): no CORS error.
        m.cors_error = None;
        m.failed_parameter = None;
    }
}

/// A Safari reason line as a message waiting for its URL. `status_line`: the status of the
/// "the server responded with a status of N" line before it, which a "Preflight response is
/// not successful" that names none takes (the preflight's).
fn safari_reason_message(
    line_no: usize,
    reason: &str,
    other: &SafariMessage,
    status_line: &mut Option<u16>,
) -> Message {
    let mut m = Message::new(line_no, Browser::Safari, reason);
    m.safari_reason = Some(reason.to_string());
    m.status = other.status();
    if matches!(
        other,
        SafariMessage::PreflightNotSuccessful { status: None }
    ) {
        m.status = status_line.take();
    }
    let named = match other {
        SafariMessage::RedirectDenied { inner, .. } => inner.as_deref(),
        o => Some(o),
    };
    if let Some(SafariMessage::OriginNotAllowed { origin, .. }) = named {
        m.origin = Some(origin.clone());
    }
    if let Some((e, p)) = other.chrome_error() {
        m.cors_error = Some(e);
        m.failed_parameter = p;
    } else if matches!(other, SafariMessage::PreflightNotSuccessful { .. }) {
        // WebKit checks the preflight's status first: a non-2xx
        // preflight, named as Firefox's key is.
        m.cors_error = Some(CorsError::PreflightInvalidStatus);
        m.failed_parameter = None;
    }
    m
}

/// Safari before 13: "XMLHttpRequest cannot load U. REASON" (also "Fetch API"), the
/// reason one of WebKit's phrases; (api, URL, reason).
fn safari_inline(st: &str) -> Option<(&'static str, &str, &str)> {
    for api in ["XMLHttpRequest", "Fetch API", "EventSource"] {
        let Some(rest) = st
            .strip_prefix(api)
            .and_then(|r| r.strip_prefix(" cannot load "))
        else {
            continue;
        };
        let (url, reason) = rest.split_once(". ")?;
        let spaced = url.contains(char::is_whitespace) && super::placeholder_url(url).is_none();
        if spaced || !url.contains("://") {
            return None;
        }
        return Some((api, url, reason.trim()));
    }
    None
}

/// Safari's two lines pasted as one ("Origin O is not allowed by Access-Control-Allow-Origin.
/// XMLHttpRequest cannot load U due to access control checks."): split in two, both keeping
/// the pasted line's number. Returns the lines and each one's line number.
/// Browser messages a copy ran together on one line ("… Status code: (null).Cross-Origin
/// Request Blocked: …", a translated Firefox's "…状态码：(null)。已拦截跨源请求：…", Chrome's
/// "… CORS disabled.Access to fetch at '…"): one line each, keeping the line's number.
fn split_run_together(lines: Vec<String>, nos: Vec<usize>) -> (Vec<String>, Vec<usize>) {
    const OPENINGS: [&str; 5] = [
        "Cross-Origin Request Blocked: ",
        "Cross-Origin Request Warning: ",
        "Access to fetch at '",
        "Access to XMLHttpRequest at '",
        "Access to script at '",
    ];
    let mut out = Vec::with_capacity(lines.len());
    let mut out_nos = Vec::with_capacity(nos.len());
    for (line, no) in lines.into_iter().zip(nos) {
        let mut found: Vec<(usize, usize)> = OPENINGS
            .iter()
            .flat_map(|o| line.match_indices(o).map(|(i, m)| (i, i + m.len())))
            .chain(firefox_l10n::message_starts(&line))
            .collect();
        found.sort_unstable();
        // An opening inside another (a language's shorter variant of the same words) is not
        // a second message.
        let mut starts: Vec<usize> = Vec::new();
        let mut covered = 0;
        for (s, e) in found {
            if starts.is_empty() || s >= covered {
                starts.push(s);
            }
            covered = covered.max(e);
        }
        if starts.len() < 2 {
            out.push(line);
            out_nos.push(no);
            continue;
        }
        let mut from = 0;
        for &s in &starts[1..] {
            out.push(line[from..s].trim_end().to_string());
            out_nos.push(no);
            from = s;
        }
        out.push(line[from..].to_string());
        out_nos.push(no);
    }
    (out, out_nos)
}

fn split_safari_pairs(lines: Vec<String>) -> (Vec<String>, Vec<usize>) {
    let mut out = Vec::with_capacity(lines.len());
    let mut nos = Vec::with_capacity(lines.len());
    for (idx, line) in lines.into_iter().enumerate() {
        let split = line.contains(" due to access control checks").then(|| {
            let st = safari_text(&line);
            [
                "XMLHttpRequest cannot load ",
                "Fetch API cannot load ",
                "EventSource cannot load ",
            ]
            .iter()
            .filter_map(|api| st.find(api))
            .min()
            .filter(|&i| i > 0)
            .and_then(|i| {
                let (head, tail) = (st.get(..i)?.trim(), st.get(i..)?.trim());
                parse_safari(head)
                    .is_some()
                    .then(|| (head.to_string(), tail.to_string()))
            })
        });
        match split.flatten() {
            Some((head, tail)) => {
                out.push(head);
                out.push(tail);
                nos.extend([idx + 1, idx + 1]);
            }
            None => {
                out.push(line);
                nos.push(idx + 1);
            }
        }
    }
    (out, nos)
}

/// Safari prints a reason line, "Fetch API cannot load U due to access control
/// checks." and "Failed to load resource: <reason> (name, line 0)".
fn safari_text(line: &str) -> &str {
    let mut t = line.trim();
    // fetch()'s rejection as Safari words it, logged by the page: "TypeError: Origin O is not
    // allowed by Access-Control-Allow-Origin." (the reason as its own message).
    for p in ["Unhandled Promise Rejection: ", "TypeError: "] {
        if let Some(r) = t.strip_prefix(p) {
            t = r.trim_start();
        }
    }
    for p in ["[Error]", "[Warning]", "[Log]"] {
        if let Some(r) = t.strip_prefix(p) {
            t = r.trim_start();
        }
    }
    // A service worker passing the failure on: "FetchEvent.respondWith received an error:
    // TypeError: REASON".
    if let Some(r) = t.strip_prefix("FetchEvent.respondWith received an error: ") {
        t = r.strip_prefix("TypeError: ").unwrap_or(r).trim_start();
    }
    // Drop Safari's " (items, line 0)" source suffix.
    if t.ends_with(')') {
        if let Some(i) = t.rfind(" (") {
            if t.get(i..).is_some_and(|s| s.contains(", line ")) {
                t = t.get(..i).unwrap_or(t);
            }
        }
    }
    // Safari's sentence quoted in the poster's own ("I get a "Origin O is not allowed by
    // Access-Control-Allow-Origin." warning"): the quoted sentence.
    if crate::browser_text::parse_safari(t).is_none() {
        if let Some(q) = quoted_safari(t) {
            return q;
        }
    }
    t
}

/// A Safari sentence between quotes (`"…"`, `` `…` ``, `“…”`) inside a line of prose.
fn quoted_safari(line: &str) -> Option<&str> {
    const STARTS: [&str; 7] = [
        "Failed to load resource: ",
        "Origin ",
        "Preflight response is not successful",
        "Request header field ",
        "XMLHttpRequest cannot load ",
        "Fetch API cannot load ",
        "Cannot load ",
    ];
    line.char_indices().find_map(|(i, open)| {
        let close = match open {
            '"' => '"',
            '`' => '`',
            '\u{201c}' => '\u{201d}',
            _ => return None,
        };
        let inner = &line[i + open.len_utf8()..];
        // The script's error around it ("`TypeError: Origin X is not allowed by …`").
        let inner = inner.strip_prefix("TypeError: ").unwrap_or(inner);
        if !STARTS.iter().any(|s| inner.starts_with(s)) {
            return None;
        }
        let text = &inner[..inner.find(close)?];
        let sentence = text
            .strip_prefix("Failed to load resource: ")
            .unwrap_or(text);
        crate::browser_text::parse_safari(sentence)
            .is_some()
            .then_some(text)
    })
}

fn to_exchange(mut m: Message, net: Option<&NetLine>) -> Exchange {
    let url = m.redirected_from.clone().unwrap_or_else(|| m.url.clone());
    // A placeholder for the host ("https://<function-name>.azurewebsites.net/"): a name.
    let url = super::placeholder_url(&url).unwrap_or(url);
    // Firefox's "CORS preflight response did not succeed" and Safari's "Preflight response
    // is not successful" with a 3xx: a redirected preflight, which Chromium names as such.
    let said_status = m.status.or(net.and_then(|n| n.status));
    if m.cors_error == Some(CorsError::PreflightInvalidStatus)
        && said_status.is_some_and(|s| matches!(s, 301 | 302 | 303 | 307 | 308))
    {
        m.cors_error = Some(CorsError::PreflightDisallowedRedirect);
        m.failed_parameter = None;
    }
    // Firefox logs the preflight itself ("XHROPTIONS U [HTTP/2 403]"): its
    // method is not the request's, and its status is the preflight's.
    let preflight_line = net.is_some_and(|n| n.method == "OPTIONS");
    let net = net.filter(|_| !preflight_line || m.cors_error.is_none_or(|e| e.is_preflight()));
    let mut method = net.filter(|_| !preflight_line).map(|n| n.method.clone());
    if method.is_none() && m.cors_error == Some(CorsError::MethodDisallowedByPreflightResponse) {
        method = m.failed_parameter.clone();
    }
    // A presigned URL of the AWS SDK names the operation it was signed for (`x-id=PutObject`).
    let signed_for = method.is_none().then(|| presigned_method(&url)).flatten();
    let mut ex = Exchange::new(
        KIND,
        method.as_deref().or(signed_for).unwrap_or("GET"),
        &url,
    );
    if signed_for.is_some() {
        ex.request.method_known = Known::Inferred;
    } else if method.is_none() {
        // The message does not name the method: GET is only a placeholder.
        ex.request.method_known = Known::Unknown;
    }
    // As a report may show it: a trailing slash a person typed or a redaction left
    // ('https://app.example/'), or old Chrome's 'file://' for a file page (today `null`).
    // An app's own scheme ('vscode-webview://1a2b', 'chrome-extension://id') is kept as
    // Chrome printed it; a placeholder a redaction left ('XXXXX') is no origin: unknown.
    ex.page_origin = m.origin.as_deref().and_then(|o| {
        if o.starts_with("file:") {
            Some("null".to_string())
        } else {
            // A placeholder for the host ('https://<fqdn>'), as the URL's is read.
            let placeholder = super::placeholder_url(o);
            let o = placeholder.as_deref().unwrap_or(o);
            crate::fetch::origin::normalize_origin(o).or_else(|| {
                // ('app://' without a host stays as the browser printed it.)
                let trimmed = o.trim_end_matches('/');
                let kept = if trimmed.ends_with(':') { o } else { trimmed };
                (o.contains("://") && !o.contains(char::is_whitespace)).then(|| kept.to_string())
            })
        }
    });
    // Chrome's hint for XMLHttpRequest's withCredentials names the API when the message's own
    // start does not ("Failed to load U: …").
    ex.request.initiator = m.initiator.or_else(|| {
        (m.text.contains("initiated by the XMLHttpRequest")
            || m.text
                .contains("of an XMLHttpRequest is controlled by the withCredentials"))
        .then_some(crate::browser_text::Initiator::Xhr)
    });
    // A message that does not name what loaded the URL (Firefox's, Safari's): a font file's
    // URL is an @font-face load.
    if ex.request.initiator.is_none() && crate::gateway::served_by::font_file(&ex.request.url) {
        ex.request.initiator = Some(crate::browser_text::Initiator::Font);
    }
    // A font, stylesheet, script, image or media file a page element loads is a GET without
    // headers of the page's own: the message's "Access to font at …" says so.
    let element = ex
        .request
        .initiator
        .is_some_and(crate::browser_text::Initiator::is_page_element);
    let manifest = ex.request.initiator == Some(crate::browser_text::Initiator::Manifest);
    if (element || manifest) && ex.request.method_known == Known::Unknown {
        ex.request.method = "GET".to_string();
        ex.request.method_known = Known::Stated;
    }
    // A manifest is fetched without cookies unless its link says use-credentials.
    if manifest && ex.request.credentials_known == Known::Unknown {
        ex.request.credentials = Credentials::Omit;
        ex.request.credentials_known = Known::Inferred;
    }
    if m.cors_error == Some(CorsError::HeaderDisallowedByPreflightResponse) {
        if let Some(h) = &m.failed_parameter {
            ex.request.headers.push(h.clone(), "");
        }
    }
    if matches!(
        m.cors_error,
        Some(
            CorsError::WildcardOriginNotAllowed
                | CorsError::PreflightWildcardOriginNotAllowed
                | CorsError::InvalidAllowCredentials
                | CorsError::PreflightInvalidAllowCredentials
        )
    ) || matches!(
        m.firefox_key.as_deref(),
        Some("CORSNotSupportingCredentials" | "CORSMissingAllowCredentials")
    ) || firefox_wildcard_with_credentials(
        m.firefox_key.as_deref(),
        m.failed_parameter.as_deref(),
    ) {
        ex.request.credentials = Credentials::Include;
        ex.request.credentials_known = Known::Inferred;
    }
    ex.location = format!("line {}", m.line);
    ex.observed = Some(Observed {
        browser: m.browser,
        cors_error: m.cors_error.map(|e| e.name().to_string()),
        failed_parameter: m.failed_parameter,
        firefox_key: m.firefox_key,
        status: m.status.or(net.and_then(|n| n.status)),
        redirected_to: m.redirected_from.is_some().then_some(m.url),
        redirect_failed: m.redirect_failed,
        text: m.text,
    });
    ex
}

/// Chrome's message with DevTools' source link copied into it where the console wrapped
/// the line: "… has been blocked by CORS policy: app.js:12" and the reason on the next
/// line. The link comes out and the reason joins its message (the next line left empty, so
/// every line keeps its number).
fn join_link_split_chrome(lines: &mut [String]) {
    const POLICY: &str = "has been blocked by CORS policy:";
    for i in 0..lines.len() {
        let Some(at) = lines[i].find(POLICY) else {
            continue;
        };
        let after = lines[i][at + POLICY.len()..].trim();
        let link =
            after.is_empty() || (!after.contains(char::is_whitespace) && after.contains(':'));
        if !link {
            continue;
        }
        let Some(j) = (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty()) else {
            continue;
        };
        if parse_chrome_bare_reason(0, lines[j].trim()).is_none() {
            continue;
        }
        let mut joined = format!("{} {}", &lines[i][..at + POLICY.len()], lines[j].trim());
        let mut last = j;
        // The reason itself wrapped ("… multiple values 'a, b'," / "but only one is
        // allowed. …"): its next lines too, as long as they make it Chromium's sentence.
        let reads = |t: &str| {
            parse_chrome(0, t)
                .ok()
                .flatten()
                .is_some_and(|m| m.cors_error.is_some())
        };
        if !reads(&joined) {
            let mut longer = joined.clone();
            for (k, line) in lines.iter().enumerate().take(j + MAX_WRAPPED).skip(j + 1) {
                let next = line.trim();
                if next.is_empty() || next.contains("Access to ") {
                    break;
                }
                longer.push(' ');
                longer.push_str(next);
                if reads(&longer) {
                    joined = longer;
                    last = k;
                    break;
                }
            }
        }
        lines[i] = joined;
        for line in &mut lines[j..=last] {
            *line = String::new();
        }
    }
}

/// Chrome's reason pasted without its head and wrapped over lines ("Response to preflight
/// request doesn't pass access control check:" / "The value of the '…' header in the
/// response" / "is '' which must be 'true' when …"): its lines joined into the first (the
/// others left empty, so every line keeps its number), as far as they make one sentence of
/// Chromium's; the longest such join.
fn join_wrapped_bare_reason(lines: &mut [String]) {
    let reads = |t: &str| {
        !t.contains("has been blocked by CORS policy")
            && parse_chrome_bare_reason(0, t).is_some_and(|m| m.cors_error.is_some())
    };
    for i in 0..lines.len() {
        let first = lines[i].trim();
        let starts = [
            crate::browser_text::CHROME_PREFLIGHT_PREFIX,
            "The value of the 'Access-Control-",
            "The 'Access-Control-Allow-Origin' header",
            "No 'Access-Control-Allow-Origin' header",
            "Request header field ",
        ];
        // (A whole reason without its last period reads alone: nothing to join.)
        if first.is_empty()
            || first.ends_with('.')
            || !starts.iter().any(|s| first.starts_with(s.trim_end()))
            || reads(first)
        {
            continue;
        }
        let mut joined = first.to_string();
        let mut best: Option<(String, usize)> = None;
        for (k, line) in lines
            .iter()
            .enumerate()
            .take(i + 1 + MAX_WRAPPED)
            .skip(i + 1)
        {
            let next = line.trim();
            if next.is_empty() || next.starts_with("```") || next.contains("Access to ") {
                break;
            }
            joined.push(' ');
            joined.push_str(next);
            if reads(&joined) {
                best = Some((joined.clone(), k));
            }
            if next.ends_with('.') {
                break;
            }
        }
        if let Some((text, last)) = best {
            lines[i] = text;
            for line in &mut lines[i + 1..=last] {
                *line = String::new();
            }
        }
    }
}

/// Chrome's mixed content message a post wrapped over lines, its URLs cut anywhere ("… The
/// page at " / "'https://…' was loaded over HTTPS, " / "but requested … '…/?" /
/// "limit=10'. This request has been blocked; …"): joined into its first line (the others left
/// empty, so every line keeps its number). Inside a quoted URL a line joins without a space.
fn join_wrapped_mixed(lines: &mut [String]) {
    const HEAD: &str = "Mixed Content: The page at";
    for i in 0..lines.len() {
        if !lines[i].contains(HEAD) || lines[i].contains("This request has been blocked") {
            continue;
        }
        let mut joined = lines[i].trim_end().to_string();
        // The head's own words run on ("…The page at" then the quote): a space is kept.
        let mut trailing_space = lines[i].ends_with(' ');
        for k in i + 1..lines.len().min(i + 1 + MAX_WRAPPED) {
            let next = lines[k].trim();
            if next.is_empty() {
                break;
            }
            let quote_open = joined[joined.find(HEAD).unwrap_or(0)..]
                .matches('\'')
                .count()
                % 2
                == 1;
            if !quote_open || trailing_space {
                joined.push(' ');
            }
            joined.push_str(next);
            trailing_space = lines[k].ends_with(' ');
            if joined.contains("This request has been blocked") {
                if matches!(parse_mixed(i + 1, &joined), Ok(Some(_))) {
                    lines[i] = joined;
                    for l in &mut lines[i + 1..=k] {
                        l.clear();
                    }
                }
                break;
            }
        }
    }
}

/// An old Chrome (or Safari) message a post wrapped after its URL: "XMLHttpRequest cannot
/// load U." or "Failed to load U:" alone on its line, the reason on the next ("Origin O is
/// not allowed by Access-Control-Allow-Origin.", "Redirect from 'A' to 'B' has been blocked by
/// CORS policy:" then "No 'Access-Control-Allow-Origin' header …"). The reason's lines are
/// joined into the first (left empty, so every line keeps its number).
/// How the sentences of Chrome's old message after its reason's first begin, each on a line of
/// its own when a post wrapped it ("Response to preflight request doesn't pass access control
/// check:" / "No 'Access-Control-Allow-Origin' header is present …" / "Origin '…' is therefore
/// not allowed access." / "The response had HTTP status code 503.").
const LEGACY_CONTINUED: [&str; 9] = [
    "Origin '",
    "The response had HTTP status code",
    "No 'Access-Control-Allow-Origin'",
    "The 'Access-Control-Allow-",
    "The value of the 'Access-Control-Allow-",
    "Request header field ",
    "Method ",
    "Redirect from ",
    "It does not have HTTP ok status",
];

fn join_dangling_legacy(lines: &mut [String]) {
    for i in 0..lines.len() {
        let t = lines[i].trim();
        let dangling = [
            "XMLHttpRequest cannot load ",
            "Fetch API cannot load ",
            "Failed to load ",
        ]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .is_some_and(|rest| {
            let rest = rest.trim_end_matches(['.', ':']);
            !rest.is_empty() && !rest.contains(char::is_whitespace) && rest.contains("://")
        });
        if !dangling {
            continue;
        }
        let mut joined = t.to_string();
        for j in i + 1..lines.len().min(i + 4) {
            let next = lines[j].trim();
            if next.is_empty()
                || next.contains(" cannot load ")
                || next.starts_with("Failed to load ")
                || next.contains("Access to ")
                || parse_net_line(j + 1, next).is_some()
            {
                break;
            }
            joined.push(' ');
            joined.push_str(next);
            // Joined only when the whole reads as one message.
            let safari = safari_inline(&joined).is_some_and(|(_, _, r)| parse_safari(r).is_some());
            if safari || parse_chrome_legacy(i + 1, &joined).is_some() {
                // The message's last sentences wrapped too ("Origin '…' is therefore not
                // allowed access." / "The response had HTTP status code 500.").
                // (Over lines an earlier join emptied: "Origin '…'" and "The response had …"
                // never stand alone.)
                let mut last = j;
                while let Some(next) =
                    (last + 1..lines.len()).find(|&k| !lines[k].trim().is_empty())
                {
                    let more = lines[next].trim();
                    let continued = if next == last + 1 {
                        LEGACY_CONTINUED.iter().any(|c| more.starts_with(c))
                    } else {
                        LEGACY_CONTINUED[..2].iter().any(|c| more.starts_with(c))
                    };
                    if !continued {
                        break;
                    }
                    let longer = format!("{joined} {more}");
                    if parse_chrome_legacy(i + 1, &longer).is_none() {
                        break;
                    }
                    joined = longer;
                    last = next;
                }
                lines[i] = joined;
                for l in &mut lines[i + 1..=last] {
                    l.clear();
                }
                break;
            }
        }
    }
}

/// Firefox's message as a web page quotes it: its bold title (`<strong>`), a line break
/// before and after the URL, a `<a …>[Learn More]</a>` link. The message's lines are joined
/// into its first (the others left empty, so every line keeps its number).
fn join_wrapped_firefox(lines: &mut [String]) {
    fn untag(l: &str) -> String {
        let mut out = String::with_capacity(l.len());
        let mut rest = l;
        while let Some(i) = rest.find('<') {
            out.push_str(&rest[..i]);
            let after = &rest[i..];
            let tag = after.find('>').filter(|&j| {
                let t = &after[1..j];
                let name = t.trim_start_matches('/');
                name.starts_with("strong") || name.starts_with("a ") || name == "a" || name == "b"
            });
            match tag {
                Some(j) => rest = &after[j + 1..],
                None => {
                    out.push('<');
                    rest = &after[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }
    let mut i = 0;
    while i < lines.len() {
        let starts = lines[i].contains("Cross-Origin Request Blocked")
            || lines[i].contains("Cross-Origin Request Warning");
        // Firefox before 52 gave no reason ("This can be fixed by moving …"): nothing to join.
        let old_wording = lines[i].contains("This can be fixed by moving");
        if starts && !old_wording && !lines[i].contains("(Reason:") {
            // At most four more lines, up to the one with the reason, and not into the next
            // message.
            let end = (i + 1..lines.len().min(i + 5))
                .take_while(|&k| !lines[k].contains("Cross-Origin Request"))
                .find(|&k| lines[k].contains("(Reason:"));
            if let Some(end) = end {
                let joined = (i..=end)
                    .map(|k| untag(lines[k].trim()))
                    .collect::<Vec<_>>()
                    .join(" ");
                lines[i] = joined
                    .trim_start_matches(['⚠', '\u{fe0f}', ' '])
                    .to_string();
                for l in lines.iter_mut().take(end + 1).skip(i + 1) {
                    l.clear();
                }
                i = end;
            }
        } else if starts && lines[i].contains('<') {
            lines[i] = untag(&lines[i]);
        }
        // Its status wrapped onto the next line ("… missing). Status" / "code: 200.").
        if lines[i].contains("(Reason:") {
            let t = lines[i].trim_end();
            let next = lines.get(i + 1).map(|n| n.trim().to_string());
            let wrapped = match next.as_deref() {
                Some(n) if t.ends_with("). Status") && n.starts_with("code: ") => {
                    Some(n.to_string())
                }
                Some(n)
                    if t.ends_with("). Status code:")
                        && n.starts_with(|c: char| c.is_ascii_digit()) =>
                {
                    Some(n.to_string())
                }
                _ => None,
            };
            if let Some(n) = wrapped {
                lines[i] = format!("{t} {n}");
                if let Some(l) = lines.get_mut(i + 1) {
                    l.clear();
                }
                i += 1;
            }
        }
        i += 1;
    }
}

/// One pasted line without what copying adds: a BOM, CR, the U+FFFC
/// placeholders some consoles put for icons and links, and the label of
/// Chrome's console-insights button glued to the end of an entry
/// ("…with CORS disabled.Understand this errorAI").
fn clean_line(raw: &str) -> String {
    let mut l = raw.trim_start_matches('\u{feff}').trim_end_matches('\r');
    // A Markdown quote on the message's line alone (the words around it are not quoted).
    if let Some(rest) = l.trim_start().strip_prefix("> ") {
        if looks_like(rest) {
            l = rest;
        }
    }
    // Chromium's log of a page's console (Electron, VS Code webviews, --enable-logging):
    // `[pid:MMDD/HHMMSS.mmm:INFO:CONSOLE(0)] "<message>", source: <url> (0)`.
    if let Some(rest) = chromium_log_prefix(l) {
        l = rest;
    }
    if let Some(inner) = l
        .strip_prefix('"')
        .and_then(|r| r.rfind("\", source: ").map(|i| &r[..i]))
    {
        l = inner;
    }
    // Firefox's console copies the message's source column after it: "(unknown)" when
    // the request has no script location.
    if l.contains("Cross-Origin Request") || l.contains("(Reason:") {
        if let Some(rest) = l.trim_end().strip_suffix("(unknown)") {
            if rest.ends_with([' ', '\t']) {
                l = rest.trim_end();
            }
        }
    }
    for label in ["Understand this error", "Understand this warning"] {
        let t = l.trim_end();
        let t = t.strip_suffix("AI").unwrap_or(t);
        if let Some(rest) = t.strip_suffix(label) {
            l = rest;
            break;
        }
    }
    let mut l = l.replace('\u{fffc}', "");
    // A header name broken where a forum wrapped it ("'Access-Control- Allow-Origin'").
    if l.contains("'Access-Control- ") {
        l = l.replace("'Access-Control- ", "'Access-Control-");
    }
    // A message put in quotes by its poster: `Access to "XMLHttpRequest at '…' … resource".`
    if let Some(rest) = l.trim_start().strip_prefix("Access to \"") {
        let rest = rest.trim_end();
        if let Some(body) = rest.strip_suffix("\".").or_else(|| rest.strip_suffix('"')) {
            l = format!("Access to {body}.");
        }
    }
    // Chrome's older wordings retyped with typographic quotes ("the ‘Access-Control-Allow-Origin’
    // header … Origin ‘x’"): Chrome prints straight ones. Firefox's own quotes stay.
    if (l.contains("cannot load ") || l.contains("Access to ") || l.contains("Failed to load "))
        && !l.contains("Cross-Origin Request")
        && l.contains(['‘', '’'])
    {
        l = l.replace(['‘', '’'], "'");
    }
    // A message re-wrapped inside a quote: the quote mark of its next line is left in the
    // sentence ("… has been blocked >by CORS policy: …").
    if l.contains("Access to ") && l.contains(" >") {
        let mut out = String::with_capacity(l.len());
        let mut rest = l.as_str();
        while let Some(i) = rest.find(" >") {
            out.push_str(&rest[..i + 1]);
            let after = &rest[i + 2..];
            if !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
                out.push('>');
            }
            rest = after;
        }
        out.push_str(rest);
        return out;
    }
    l
}

/// The rest of a line after Chromium's log prefix `[…:CONSOLE(N)] `, when it has one.
/// Android's logcat puts its own fields before it and leaves out the process fields:
/// `2019-01-11 10:03:13.128 16854-16854/? I/chromium: [INFO:CONSOLE(0)] "<message>", …`.
pub(crate) fn chromium_log_prefix(l: &str) -> Option<&str> {
    let t = l.trim_start();
    if let Some(inner) = t.strip_prefix('[') {
        let end = inner.find("] ")?;
        let head = &inner[..end];
        return (head.contains(":CONSOLE(") && head.starts_with(|c: char| c.is_ascii_digit()))
            .then(|| &inner[end + 2..]);
    }
    let tag = t.find("/chromium: [")?;
    let inner = &t[tag + "/chromium: [".len()..];
    let end = inner.find("] ")?;
    inner[..end]
        .contains(":CONSOLE(")
        .then(|| &inner[end + 2..])
}

/// Most lines a Chrome message wrapped by hand (or by a chat client) spans.
const MAX_WRAPPED: usize = 8;

/// A Chrome message broken over several lines: its start on line `idx`
/// without a complete, known sentence, joined with the next lines until it
/// reads as one. Returns the message and how many lines it used.
fn parse_wrapped_chrome(line_no: usize, lines: &[String], idx: usize) -> Option<(Message, usize)> {
    let first = lines.get(idx)?;
    if first.contains("XMLHttpRequest cannot load ") || first.contains("Fetch API cannot load ") {
        return parse_wrapped_chrome_legacy(line_no, lines, idx);
    }
    if !first.contains("Access to ") {
        return None;
    }
    if let Ok(Some(m)) = parse_chrome(line_no, first) {
        if m.cors_error.is_some() {
            return None;
        }
    }
    let mut joined = first.trim_end().to_string();
    for used in 2..=MAX_WRAPPED {
        let next = lines.get(idx + used - 1)?.trim();
        if next.is_empty()
            || next.contains("Access to ")
            || parse_net_line(line_no, next).is_some()
            || next.contains("Failed to load resource")
        {
            return None;
        }
        joined.push(' ');
        joined.push_str(next);
        if let Ok(Some(m)) = parse_chrome(line_no, &joined) {
            if m.cors_error.is_some() {
                return Some((m, used));
            }
        }
    }
    None
}

/// An old Chrome message ("XMLHttpRequest cannot load U. REASON") wrapped over lines as
/// posts quote it: the lines joined until the reason reads.
fn parse_wrapped_chrome_legacy(
    line_no: usize,
    lines: &[String],
    idx: usize,
) -> Option<(Message, usize)> {
    let first = lines.get(idx)?;
    if first.contains(" due to access control checks")
        || parse_chrome_legacy(line_no, first).is_some()
    {
        return None;
    }
    let mut joined = first.trim_end().to_string();
    for used in 2..=MAX_WRAPPED {
        let next = lines.get(idx + used - 1)?.trim();
        if next.is_empty()
            || next.contains(" cannot load ")
            || parse_net_line(line_no, next).is_some()
        {
            return None;
        }
        joined.push(' ');
        joined.push_str(next);
        if let Some(m) = parse_chrome_legacy(line_no, &joined) {
            return Some((m, used));
        }
    }
    None
}

/// Gecko ends a failed preflight with two lines for the same URL: the
/// preflight's reason, then "CORS request did not succeed" with "Status code:
/// (null)" for the request it cancelled unsent (nsCORSListenerProxy logs
/// CORSDidNotSucceed2 for any channel that failed). One failure, at the
/// preflight: the second line joins the first, whose stage it settles.
fn pair_firefox_preflight(messages: &mut Vec<Message>) {
    const DID_NOT_SUCCEED: &str = "CORSDidNotSucceed2";
    let mut i = 1;
    while i < messages.len() {
        let pair = match (messages.get(i - 1), messages.get(i)) {
            (Some(a), Some(b)) => {
                a.browser == Browser::Firefox
                    && b.browser == Browser::Firefox
                    && b.firefox_key.as_deref() == Some(DID_NOT_SUCCEED)
                    && b.status.is_none()
                    && a.firefox_key
                        .as_deref()
                        .is_some_and(|k| k != DID_NOT_SUCCEED)
                    && a.url == b.url
                    && !a.text.contains('\n')
            }
            _ => false,
        };
        if !pair {
            i += 1;
            continue;
        }
        let b = messages.remove(i);
        if let Some(a) = messages.get_mut(i - 1) {
            a.text = format!("{}\n{}", a.text, b.text);
            if let Some(key) = a.firefox_key.as_deref().and_then(FirefoxKey::from_name) {
                a.cors_error = a
                    .cors_error
                    .filter(|e| e.is_preflight())
                    .or_else(|| chrome_for_firefox_preflight(key));
            }
        }
    }
}

/// A request in a server's or proxy's access log (the common log format nginx, Apache,
/// Envoy, gunicorn and most others write): `"OPTIONS /v1/x HTTP/1.1" 403 …`.
#[derive(Debug)]
struct AccessLine {
    method: String,
    /// The request target as logged (a path, with its query).
    target: String,
    status: u16,
    text: String,
}

fn access_log_line(line: &str) -> Option<AccessLine> {
    if let Some(a) = heroku_router_line(line) {
        return Some(a);
    }
    let mut from = 0;
    while let Some(i) = line.get(from..)?.find('"') {
        let start = from + i + 1;
        from = start;
        let rest = line.get(start..)?;
        let close = rest.find('"')?;
        let mut words = rest[..close].split(' ');
        let (Some(method), Some(target), Some(version), None) =
            (words.next(), words.next(), words.next(), words.next())
        else {
            continue;
        };
        if !is_method_token(method)
            || !version.starts_with("HTTP/")
            || !(target.starts_with('/') || target.starts_with("http"))
        {
            continue;
        }
        let after = rest[close + 1..].trim_start();
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let status = digits
            .parse::<u16>()
            .ok()
            .filter(|s| (100..=599).contains(s))?;
        if digits.len() != 3 {
            return None;
        }
        return Some(AccessLine {
            method: method.to_string(),
            target: target.to_string(),
            status,
            text: line.trim().to_string(),
        });
    }
    None
}

/// Heroku's router log line (`at=error code=H10 desc="App crashed" method=GET path="/x"
/// host=… status=503 …`): the request it logged and the status the router answered.
fn heroku_router_line(line: &str) -> Option<AccessLine> {
    if !line.contains("code=H") || !line.contains(" status=") {
        return None;
    }
    let value = |key: &str| -> Option<&str> {
        let at = line
            .find(&format!(" {key}="))
            .map(|i| i + 1)
            .or_else(|| line.starts_with(&format!("{key}=")).then_some(0))?;
        let rest = &line[at + key.len() + 1..];
        Some(match rest.strip_prefix('"') {
            Some(q) => &q[..q.find('"')?],
            None => rest.split(' ').next().unwrap_or(""),
        })
    };
    let method = value("method")?;
    let path = value("path")?;
    let status = value("status")?
        .parse::<u16>()
        .ok()
        .filter(|s| (100..=599).contains(s))?;
    if !is_method_token(method) || !path.starts_with('/') {
        return None;
    }
    Some(AccessLine {
        method: method.to_string(),
        target: path.to_string(),
        status,
        text: line.trim().to_string(),
    })
}

/// The statuses an access log pasted beside the messages gives: an OPTIONS line is the
/// preflight's (for a message about the preflight), another method's line the request's.
/// Matched by path, or as the one message beside the one logged request of that kind.
fn statuses_from_access_log(messages: &mut [Message], access: &[(usize, AccessLine)]) {
    if access.is_empty() {
        return;
    }
    let path_of =
        |u: &str| -> Option<String> { url::Url::parse(u).ok().map(|p| p.path().to_string()) };
    let single = messages.len() == 1;
    for m in messages.iter_mut() {
        if m.status.is_some() {
            continue;
        }
        let preflight = m.cors_error.is_some_and(|e| e.is_preflight());
        let kind: Vec<&(usize, AccessLine)> = access
            .iter()
            .filter(|(_, a)| (a.method == "OPTIONS") == preflight)
            .collect();
        let want = path_of(&m.url);
        let found = kind.iter().find(|(_, a)| {
            let logged = a.target.split('?').next().unwrap_or("");
            let logged = path_of(logged).unwrap_or_else(|| logged.to_string());
            want.as_deref().is_some_and(|w| w == logged)
        });
        // The one logged request beside the one message: its status when the message names
        // no path, or a path on the same route (`/authenticate/[CLIENT_ID]` and
        // `/authenticate/8017e6…`).
        let first_segment = |p: &str| {
            p.trim_start_matches('/')
                .split('/')
                .next()
                .map(str::to_string)
        };
        let found = found.or_else(|| {
            kind.first().filter(|(_, a)| {
                single
                    && kind.len() == 1
                    && want.as_deref().is_none_or(|w| {
                        first_segment(w).is_some_and(|s| !s.is_empty())
                            && first_segment(w) == first_segment(&a.target)
                    })
            })
        });
        if let Some((_, a)) = found {
            m.status = Some(a.status);
            m.text = format!("{}\n{}", m.text, a.text);
        }
    }
}

/// Chrome's network line for a preflight that got a status other than ok ("OPTIONS U 403
/// (Forbidden)"), without a network error of its own.
fn failed_preflight_line(n: &NetLine) -> bool {
    n.method == "OPTIONS"
        && !n.text.contains("[HTTP/")
        && n.error.as_deref().is_none_or(|e| e == "net::ERR_FAILED")
        && n.status.is_some_and(|s| !(200..300).contains(&s))
}

/// A reason quoted on its own ("`Response to preflight request doesn't pass …`") next to the
/// whole message it comes from, or again word for word: one failure, said once.
fn drop_repeated_fragments(messages: &mut Vec<Message>) {
    let whole: Vec<(Option<CorsError>, Option<String>)> = messages
        .iter()
        .filter(|m| !m.url.is_empty())
        .map(|m| (m.cors_error, m.failed_parameter.clone()))
        .collect();
    // (Firefox's key alone, as its MDN link names it, without the value the message quotes:
    // the same failure as a whole message with that key.)
    let keys: Vec<&str> = messages
        .iter()
        .filter(|m| !m.url.is_empty())
        .filter_map(|m| m.firefox_key.as_deref())
        .collect();
    let key_only: Vec<bool> = messages
        .iter()
        .map(|m| {
            m.url.is_empty()
                && m.origin.is_none()
                && m.failed_parameter.as_deref().is_none_or(str::is_empty)
                && m.firefox_key.as_deref().is_some_and(|k| keys.contains(&k))
        })
        .collect();
    let mut keep = key_only.iter().map(|k| !k);
    messages.retain(|_| keep.next().unwrap_or(true));
    messages.retain(|m| {
        !(m.url.is_empty()
            && m.origin.is_none()
            && m.cors_error.is_some()
            && whole.contains(&(m.cors_error, m.failed_parameter.clone())))
    });
    // The same reason, word for word and without a URL, twice (an issue's title and its
    // text): one failure said twice, not two requests.
    let mut seen: Vec<String> = Vec::new();
    messages.retain(|m| {
        if !m.url.is_empty() {
            return true;
        }
        let key = m.text.trim().trim_end_matches('.').to_string();
        if seen.contains(&key) {
            return false;
        }
        seen.push(key);
        true
    });
}

/// Chrome's message and Firefox's for the same URL, with the same reason (a report that
/// tried both browsers): one request, not two. Chrome's stays (its reason is the exact
/// name); Firefox's adds its key and the status Chrome hides ("Status code: 502").
fn merge_two_browsers(messages: &mut Vec<Message>) {
    let mut i = 0;
    while i < messages.len() {
        let a = &messages[i];
        let other = messages.iter().enumerate().skip(i + 1).find(|(_, b)| {
            let browsers = matches!(
                (a.browser, b.browser),
                (Browser::Chrome, Browser::Firefox) | (Browser::Firefox, Browser::Chrome)
            );
            let (c, f): (&Message, &Message) = if a.browser == Browser::Chrome {
                (a, b)
            } else {
                (b, a)
            };
            // (Firefox's key often leaves the preflight-or-not open: Chrome's says it.)
            let same_reason = c.cors_error.is_some()
                && (f.cors_error == c.cors_error
                    || f.cors_error.is_none()
                        && c.cors_error
                            .and_then(crate::browser_text::firefox_for)
                            .is_some_and(|k| f.firefox_key.as_deref() == Some(k.name())));
            browsers
                && !a.url.is_empty()
                && a.url == b.url
                && a.redirected_from == b.redirected_from
                && same_reason
                && (a.origin.is_none() || b.origin.is_none() || a.origin == b.origin)
                && (a.status.is_none() || b.status.is_none() || a.status == b.status)
        });
        let Some((j, _)) = other else {
            i += 1;
            continue;
        };
        let b = messages.remove(j);
        let a = messages.remove(i);
        let (chrome, firefox) = if a.browser == Browser::Chrome {
            (a, b)
        } else {
            (b, a)
        };
        let mut merged = chrome;
        merged.line = merged.line.min(firefox.line);
        merged.status = merged.status.or(firefox.status);
        merged.firefox_key = merged.firefox_key.or(firefox.firefox_key);
        merged.origin = merged.origin.or(firefox.origin);
        merged.text = format!("{}\n{}", merged.text, firefox.text);
        messages.insert(i, merged);
        i += 1;
    }
}

/// The header Chrome's or Safari's XMLHttpRequest refused the script
/// (`Refused to get unsafe header "ETag"`, after `getResponseHeader('ETag')`).
fn refused_unsafe_header(line: &str) -> Option<String> {
    let t = line.trim();
    let i = t.find("Refused to get unsafe header ")?;
    let rest = t.get(i + "Refused to get unsafe header ".len()..)?;
    let name = rest
        .trim_start_matches(['"', '“', '\''])
        .split(['"', '”', '\''])
        .next()?
        .trim();
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic() && b != b':'))
        .then(|| name.to_string())
}

/// One exchange for the "Refused to get unsafe header" lines: a request that went through,
/// with headers the page could not read.
fn unreadable_exchange(lines: &[(usize, String)]) -> Option<Exchange> {
    let (first, _) = lines.first()?;
    let mut x = Exchange::new(KIND, "GET", "");
    x.request.method_known = Known::Unknown;
    x.request.initiator = Some(crate::browser_text::Initiator::Xhr);
    x.location = format!("line {first}");
    for (_, name) in lines {
        if !x
            .unreadable_headers
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name))
        {
            x.unreadable_headers.push(name.clone());
        }
    }
    Some(x)
}

pub fn read(input: &str) -> Result<Vec<Exchange>, InputError> {
    read_lines(input).map(|(x, _)| x)
}

/// [`read`], with the lines that look like a browser's CORS message but did not read.
pub fn read_lines(input: &str) -> Result<(Vec<Exchange>, Vec<super::Unread>), InputError> {
    let mut unread: Vec<super::Unread> = Vec::new();
    let mut messages: Vec<Message> = Vec::new();
    let mut nets: Vec<NetLine> = Vec::new();
    // A server's or proxy's access log lines (`"OPTIONS /x HTTP/1.1" 403 …`).
    let mut access: Vec<(usize, AccessLine)> = Vec::new();
    // Safari: the reason waiting for its "cannot load" line.
    let mut pending: Option<Message> = None;
    // Safari's "Failed to load resource: the server responded with a status of 403
    // (Forbidden)" just before "Preflight response is not successful": the preflight's.
    let mut safari_status: Option<u16> = None;
    let mut first_candidate: Option<usize> = None;
    let mut blocked: Vec<Blocked> = Vec::new();
    // "Failed to load resource: net::ERR_…": Chrome's console event text,
    // without the URL DevTools shows next to it.
    let mut resource_line: Option<(usize, String)> = None;
    let mut failed_fetch_line: Option<(usize, &str)> = None;
    // "Failed to load resource: the server responded with a status of 500 ()": a status
    // without its URL (DevTools shows the URL beside it, and a copy leaves it out).
    let mut status_lines: Vec<(u16, String)> = Vec::new();
    // Chrome's and Safari's "Refused to get unsafe header \"ETag\"": the line and the name.
    let mut unsafe_headers: Vec<(usize, String)> = Vec::new();

    let mut lines: Vec<String> = input.lines().map(clean_line).collect();
    join_wrapped_firefox(&mut lines);
    join_link_split_chrome(&mut lines);
    join_wrapped_bare_reason(&mut lines);
    join_dangling_legacy(&mut lines);
    join_wrapped_mixed(&mut lines);
    let (lines, line_nos) = split_safari_pairs(lines);
    let (lines, line_nos) = split_run_together(lines, line_nos);
    let mut skip_to = 0;
    for (idx, line) in lines.iter().enumerate() {
        if idx < skip_to {
            continue;
        }
        let line_no = line_nos.get(idx).copied().unwrap_or(idx + 1);
        let line = line.as_str();
        if let Some((m, used)) = parse_wrapped_chrome(line_no, &lines, idx) {
            messages.push(m);
            skip_to = idx + used;
            continue;
        }
        if let Some((m, method)) = parse_firefox_netmonitor(line_no, &lines, idx) {
            if let Some(method) = method {
                // The row's method, as a network line for the message's URL gives it.
                nets.push(NetLine {
                    // Just after the message: the network line given to the message before it.
                    line: line_no + 1,
                    method,
                    url: m.url.clone(),
                    status: None,
                    error: None,
                    text: m.text.clone(),
                });
            }
            messages.push(m);
            continue;
        }
        if let Some(b) = parse_csp(line_no, line)? {
            // Chrome prints "Fetch API cannot load U. Refused to connect …"
            // after the directive line of the same request: one finding.
            let same = blocked.last_mut().filter(|l| {
                l.url == b.url
                    && l.block.kind == PageBlockKind::ContentSecurityPolicy
                    && l.initiator.is_none()
                    && b.block.directive.is_none()
                    && l.block.directive.is_some()
            });
            match same {
                Some(l) => {
                    l.initiator = b.initiator;
                    l.text = format!("{}\n{}", l.text, b.text);
                }
                None => blocked.push(b),
            }
            continue;
        }
        if let Some(b) = parse_mixed(line_no, line)? {
            blocked.push(b);
            continue;
        }
        if let Some(b) = parse_firefox_csp(line_no, line)? {
            blocked.push(b);
            continue;
        }
        if let Some(b) = parse_firefox_mixed(line_no, line)? {
            blocked.push(b);
            continue;
        }
        if let Some(b) = parse_refusal(line_no, line) {
            blocked.push(b);
            continue;
        }
        if resource_line.is_none() {
            // (A "GET U net::ERR_… 200 (OK)" line is read below, with its URL.)
            if let Some(name) =
                resource_policy_name(line).filter(|_| parse_net_line(line_no, line).is_none())
            {
                resource_line = Some((line_no, name));
            }
        }
        if resource_line.is_none()
            && (line.contains("Failed to load resource: net::ERR_")
                || url_less_error(line).is_some())
        {
            let name = url_less_error(line).unwrap_or("net::ERR_…");
            resource_line = Some((line_no, name.to_string()));
        }
        if failed_fetch_line.is_none() {
            failed_fetch_line = failed_fetch(line).map(|words| (line_no, words));
        }
        if let Some(name) = refused_unsafe_header(line) {
            unsafe_headers.push((line_no, name));
            continue;
        }
        if let Some(m) = parse_chrome(line_no, line)? {
            messages.push(m);
            continue;
        }
        if let Some(m) =
            parse_chrome_legacy(line_no, line).or_else(|| parse_chrome_old_element(line_no, line))
        {
            messages.push(m);
            continue;
        }
        if let Some(m) = parse_chrome_bare_reason(line_no, line)
            .or_else(|| parse_chrome_headless_reason(line_no, line))
            .or_else(|| parse_cors_error_name(line_no, line))
        {
            messages.push(m);
            continue;
        }
        if let Some(m) = parse_firefox(line_no, line)? {
            messages.push(m);
            continue;
        }
        if let Some(m) = parse_firefox_label(line_no, line) {
            // The label named again in the words ("… it returns CORS Missing Allow Origin"),
            // with no URL to tell two requests apart: the same one.
            let again = messages.iter().any(|p| {
                p.url.is_empty()
                    && m.url.is_empty()
                    && p.firefox_key == m.firefox_key
                    && p.text == m.text
            });
            if !again {
                messages.push(m);
            }
            continue;
        }
        let st = safari_text(line);
        const SAFARI_STATUS: &str = "the server responded with a status of ";
        if let Some(i) = st.find(SAFARI_STATUS) {
            // "… a status of of 401 ()": a word typed twice in a retyped title.
            let after = &st[i + SAFARI_STATUS.len()..];
            let digits: String = after
                .strip_prefix("of ")
                .unwrap_or(after)
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            safari_status = digits.parse().ok();
            if let Some(n) = safari_status {
                status_lines.push((n, st.trim().to_string()));
            }
            continue;
        }
        if let Some(b) = parse_safari_block(line_no, st) {
            // WebKit repeats the reason as "Failed to load resource: <reason>".
            let repeat = st.starts_with("Failed to load resource: ")
                && blocked.iter().any(|l| {
                    l.browser == Browser::Safari && l.url == b.url && l.block.kind == b.block.kind
                });
            if !repeat {
                blocked.push(b);
            }
            continue;
        }
        if let Some(sm) = parse_safari(st) {
            let initiator = sm.initiator();
            match sm {
                SafariMessage::CannotLoad { url, .. } => {
                    // "Fetch API cannot load U due to access control checks."
                    // after WebKit's CSP, mixed content or same-origin line: the
                    // same request, which was not CORS.
                    let refused = blocked.iter_mut().rev().find(|l| {
                        l.browser == Browser::Safari && l.url == url && !l.text.contains('\n')
                    });
                    if let (None, Some(l)) = (&pending, refused) {
                        l.initiator = l.initiator.or(initiator);
                        l.text = format!("{}\n{}", l.text, st);
                        continue;
                    }
                    let mut m = pending
                        .take()
                        .unwrap_or_else(|| Message::new(line_no, Browser::Safari, ""));
                    m.url = url;
                    m.initiator = m.initiator.or(initiator);
                    if m.text.is_empty() {
                        m.text = st.to_string();
                    } else {
                        m.text = format!("{}\n{}", m.text, st);
                    }
                    messages.push(m);
                }
                other => {
                    let reason = st.strip_prefix("Failed to load resource: ").unwrap_or(st);
                    // WebKit repeats a reason as "Failed to load resource: <reason>", after
                    // the reason line (waiting for its "cannot load" line) or after both.
                    let same = |l: &Message| {
                        l.browser == Browser::Safari && l.safari_reason.as_deref() == Some(reason)
                    };
                    let repeat = st.starts_with("Failed to load resource: ")
                        && (messages.last().is_some_and(same)
                            || pending.as_ref().is_some_and(same));
                    if repeat {
                        continue;
                    }
                    // The repeat under a "cannot load" line whose reason line the copy left
                    // out: the reason of that request.
                    if pending.is_none() && st.starts_with("Failed to load resource: ") {
                        if let Some(last) = messages.last_mut().filter(|l| {
                            l.browser == Browser::Safari
                                && l.safari_reason.is_none()
                                && l.cors_error.is_none()
                                && !l.url.is_empty()
                                && !l.text.contains('\n')
                        }) {
                            let mut m = safari_reason_message(
                                last.line,
                                reason,
                                &other,
                                &mut safari_status,
                            );
                            m.url = std::mem::take(&mut last.url);
                            m.initiator = last.initiator.or(initiator);
                            m.text = format!("{}\n{}", last.text, st);
                            *last = m;
                            continue;
                        }
                    }
                    if let Some(p) = pending.take() {
                        messages.push(p);
                    }
                    pending = Some(safari_reason_message(
                        line_no,
                        reason,
                        &other,
                        &mut safari_status,
                    ));
                }
            }
            continue;
        }
        // Safari before 13 wrote the reason on the "cannot load" line: "XMLHttpRequest
        // cannot load U. REASON".
        if let Some((api, url, reason)) = safari_inline(st) {
            if let Some(other) = parse_safari(reason) {
                let same = pending
                    .as_ref()
                    .is_some_and(|l| l.safari_reason.as_deref() == Some(reason));
                let mut m = match pending.take() {
                    Some(p) if same => p,
                    p => {
                        if let Some(p) = p {
                            messages.push(p);
                        }
                        safari_reason_message(line_no, reason, &other, &mut safari_status)
                    }
                };
                m.url = url.to_string();
                m.initiator = m.initiator.or(match api {
                    "XMLHttpRequest" => Some(crate::browser_text::Initiator::Xhr),
                    "Fetch API" => Some(crate::browser_text::Initiator::Fetch),
                    _ => None,
                });
                m.text = if m.line == line_no {
                    st.to_string()
                } else {
                    format!("{}\n{}", m.text, st)
                };
                messages.push(m);
                continue;
            }
        }
        if let Some(n) = parse_net_line(line_no, line) {
            nets.push(n);
            continue;
        }
        if let Some(a) = access_log_line(line) {
            access.push((line_no, a));
            continue;
        }
        if looks_like(line) && failed_fetch(line).is_none() {
            first_candidate = first_candidate.or(Some(line_no));
            // (Chrome's "Failed to load resource: net::ERR_FAILED" beside a message says
            // nothing more; it is read when alone.)
            if line.contains("Failed to load resource: net::ERR_")
                || url_less_error(line).is_some()
                || resource_policy_name(line).is_some()
            {
                continue;
            }
            unread.push(super::Unread {
                line: line_no,
                text: line.trim().chars().take(400).collect(),
                reason: None,
            });
        }
    }
    if let Some(p) = pending.take() {
        messages.push(p);
    }
    pair_firefox_preflight(&mut messages);
    drop_repeated_fragments(&mut messages);
    merge_two_browsers(&mut messages);
    statuses_from_access_log(&mut messages, &access);
    // One message, and one status line without a URL: the message's request's status.
    if let ([m], [(status, text)]) = (messages.as_mut_slice(), status_lines.as_slice()) {
        if m.status.is_none() && !nets.iter().any(|n| n.url == m.url) {
            m.status = Some(*status);
            m.text = format!("{}\n{}", m.text, text);
        }
    }
    let standalone_net = nets.iter().any(|n| {
        n.error.as_deref().is_some_and(|e| e != "net::ERR_FAILED") || failed_preflight_line(n)
    });
    let unreadable = unreadable_exchange(&unsafe_headers);
    if messages.is_empty() && blocked.is_empty() && !standalone_net {
        if let Some(x) = unreadable {
            return Ok((vec![x], unread));
        }
        if let Some((line, name)) = resource_line.clone().filter(|(_, n)| n != "net::ERR_…") {
            // The error alone, without its URL: what it says does not depend on the URL
            // (an extension blocked it, the name did not resolve, ORB withheld it).
            let n = NetLine {
                line,
                method: "GET".to_string(),
                url: String::new(),
                status: None,
                error: Some(name.clone()),
                text: lines
                    .get(line.saturating_sub(1))
                    .cloned()
                    .unwrap_or(name.clone()),
            };
            let mut ex = net_exchange(&n, &name);
            ex.request.method_known = Known::Unknown;
            return Ok((vec![ex], unread));
        }
        // A resource-policy block named without its URL: the cause does not need it.
        if let Some((line, name)) = resource_line
            .as_ref()
            .filter(|(_, name)| super::resource_policy_block(name).is_some())
        {
            let n = NetLine {
                line: *line,
                method: "GET".to_string(),
                url: String::new(),
                status: None,
                error: Some(name.clone()),
                text: lines.get(line - 1).cloned().unwrap_or_default(),
            };
            let mut ex = net_exchange(&n, name);
            ex.request.method_known = Known::Unknown;
            return Ok((vec![ex], unread));
        }
        if let Some((line, name)) = resource_line {
            return Err(InputError::at_line(
                KIND,
                line,
                format!("Chrome's `{name}` here does not name the URL: copy the line DevTools' console shows for the request (\"GET https://… {name}\"), paste the response's headers with it (curl -i with the page's Origin), or export a HAR"),
            ));
        }
        if let (None, Some((line, words))) = (first_candidate, failed_fetch_line) {
            return Err(InputError::at_line(
                KIND,
                line,
                format!("{words} alone does not say why the request failed (the browser keeps the reason from the page's script): paste the browser's own line about the request next to it (the CORS, Content Security Policy, Mixed Content or \"GET https://… net::ERR_…\" line) or export a HAR"),
            ));
        }
        let line = first_candidate.unwrap_or(1);
        let lang = first_candidate
            .and_then(|n| lines.get(n.saturating_sub(1)))
            .and_then(|l| firefox_l10n::language_of(l));
        if let Some(lang) = lang {
            return Err(InputError::at_line(
                KIND,
                line,
                format!("this Firefox message (in {lang}) gives a reason whycors does not know: it reads the wordings of Firefox 153's language packs. Paste the line whole, as the console shows it, or the same message from Firefox in English, or export a HAR"),
            ));
        }
        return Err(InputError::at_line(
            KIND,
            line,
            "no complete Chrome, Firefox or Safari CORS message found (expected e.g. \"Access to fetch at '<url>' from origin '<origin>' has been blocked by CORS policy: …\")",
        ));
    }

    // One reason without its URL ("Has been blocked by CORS policy: No …") and one network
    // line ("app.js:20 POST http://… 405 (Method Not Allowed)"): the line's URL is the
    // message's request's.
    if let ([m], [n]) = (messages.as_mut_slice(), nets.as_slice()) {
        if m.url.is_empty() && !n.url.is_empty() {
            m.url = n.url.clone();
        }
    }
    // Give each network line to the message about its URL: the closest one
    // printed before it, else the closest after it.
    let mut assigned: Vec<Option<usize>> = vec![None; messages.len()];
    for (ni, n) in nets.iter().enumerate() {
        let matches_url =
            |m: &Message| m.url == n.url || m.redirected_from.as_deref() == Some(n.url.as_str());
        let before = messages
            .iter()
            .enumerate()
            .filter(|(mi, m)| {
                m.line < n.line && matches_url(m) && assigned.get(*mi).is_some_and(|a| a.is_none())
            })
            .map(|(mi, _)| mi)
            .next_back();
        let chosen = before.or_else(|| {
            messages
                .iter()
                .enumerate()
                .find(|(mi, m)| {
                    m.line > n.line
                        && matches_url(m)
                        && assigned.get(*mi).is_some_and(|a| a.is_none())
                })
                .map(|(mi, _)| mi)
        });
        if let Some(mi) = chosen {
            if let Some(slot) = assigned.get_mut(mi) {
                *slot = Some(ni);
            }
        }
    }
    // The rest of the network lines: the method of a blocked request with the
    // same URL, else a network error of their own.
    let mut blocked_net: Vec<Option<usize>> = vec![None; blocked.len()];
    let mut out: Vec<(usize, Exchange)> = Vec::new();
    for (ni, n) in nets.iter().enumerate() {
        if assigned.contains(&Some(ni)) {
            continue;
        }
        let free = blocked
            .iter()
            .enumerate()
            .find(|(bi, b)| b.url == n.url && blocked_net.get(*bi).is_some_and(|a| a.is_none()));
        if let Some((bi, _)) = free {
            if let Some(slot) = blocked_net.get_mut(bi) {
                *slot = Some(ni);
            }
            continue;
        }
        if let Some(err) = n.error.as_deref().filter(|e| *e != "net::ERR_FAILED") {
            out.push((n.line, net_exchange(n, err)));
        } else if failed_preflight_line(n) {
            // "OPTIONS U 403 (Forbidden)" alone: a preflight whose status is not ok, which
            // fails whatever its headers (Fetch's CORS-preflight fetch passes only an ok
            // status); Chrome names that PreflightInvalidStatus.
            let mut m = Message::new(n.line, Browser::Chrome, &n.text);
            m.url = n.url.clone();
            m.cors_error = Some(CorsError::PreflightInvalidStatus);
            out.push((n.line, to_exchange(m, Some(n))));
        }
    }
    for (b, a) in blocked.into_iter().zip(blocked_net) {
        out.push((b.line, blocked_exchange(b, a.and_then(|ni| nets.get(ni)))));
    }
    for (m, a) in messages.into_iter().zip(assigned) {
        out.push((m.line, to_exchange(m, a.and_then(|ni| nets.get(ni)))));
    }
    if let (Some(x), Some((line, _))) = (unreadable, unsafe_headers.first()) {
        out.push((*line, x));
    }
    // One page's messages: one whose wording leaves the origin out (old Chrome's
    // "XMLHttpRequest cannot load U. Response for preflight is invalid (redirect)") is from
    // the page the others name, when they all name the same.
    let mut named = out.iter().filter_map(|(_, x)| x.page_origin.clone());
    if let Some(o) = named.next() {
        if named.all(|n| n == o) {
            for (_, x) in out.iter_mut().filter(|(_, x)| x.page_origin.is_none()) {
                x.page_origin = Some(o.clone());
            }
        }
    }
    out.sort_by_key(|(line, _)| *line);
    Ok((out.into_iter().map(|(_, x)| x).collect(), unread))
}
