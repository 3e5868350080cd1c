//! What the browsers print for a CORS failure, as data.
//!
//! One table per browser, used both ways: the verdict fills a template to show
//! the exact console sentence, and the console reader matches pasted text
//! against the same templates to get the error (and its parameter) back.
//! Templates hold at most one `{}`: the `failedParameter` as Chromium fills it.

use crate::cors_error::CorsError;
use std::borrow::Cow;

pub mod firefox_l10n;

/// What started the request (the request's destination, as DevTools records it in a
/// HAR's `_resourceType`); Chromium words its console line after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Initiator {
    #[default]
    Fetch,
    Xhr,
    Script,
    Font,
    Image,
    Stylesheet,
    Audio,
    Video,
    /// `<link rel=preload crossorigin>` (Chromium 156: "Access to link element
    /// resource at").
    Link,
    /// `<link rel="manifest">`, a web app manifest: fetched with CORS and, unless the link
    /// says `crossorigin="use-credentials"`, without cookies ("Access to manifest at", as
    /// a real report quotes Chrome; the lab does not load manifests).
    Manifest,
    /// Anything else (EventSource, sendBeacon …): Chromium says "resource".
    Other,
}

impl Initiator {
    const ALL: [Initiator; 11] = [
        Initiator::Fetch,
        Initiator::Xhr,
        Initiator::Script,
        Initiator::Font,
        Initiator::Image,
        Initiator::Stylesheet,
        Initiator::Audio,
        Initiator::Video,
        Initiator::Link,
        Initiator::Manifest,
        Initiator::Other,
    ];

    /// A file a page element loads (a font, stylesheet, script, image or media file): a GET
    /// without headers of the page's own, so never preflighted, served by a file server or CDN.
    pub fn is_page_element(self) -> bool {
        matches!(
            self,
            Initiator::Font
                | Initiator::Stylesheet
                | Initiator::Script
                | Initiator::Image
                | Initiator::Audio
                | Initiator::Video
        )
    }

    /// The words after "Access to " in Chromium's console line (Chromium 156, checked
    /// in the lab for every one of them).
    pub fn word(self) -> &'static str {
        match self {
            Initiator::Fetch => "fetch",
            Initiator::Xhr => "XMLHttpRequest",
            Initiator::Script => "script",
            Initiator::Font => "font",
            Initiator::Image => "image",
            Initiator::Stylesheet => "CSS stylesheet",
            Initiator::Audio => "audio",
            Initiator::Video => "video",
            Initiator::Link => "link element resource",
            Initiator::Manifest => "manifest",
            Initiator::Other => "resource",
        }
    }

    /// From a HAR entry's `_resourceType` (DevTools' names); `None` for a type
    /// whose wording depends on more than the type (`media`: audio or video).
    pub fn from_resource_type(t: &str) -> Option<Initiator> {
        let t = t.trim();
        let pairs = [
            ("fetch", Initiator::Fetch),
            ("xhr", Initiator::Xhr),
            ("script", Initiator::Script),
            ("font", Initiator::Font),
            ("image", Initiator::Image),
            ("stylesheet", Initiator::Stylesheet),
            ("manifest", Initiator::Manifest),
            ("eventsource", Initiator::Other),
            // navigator.sendBeacon (Chromium 156: "Access to resource at").
            ("ping", Initiator::Other),
        ];
        pairs
            .into_iter()
            .find(|(name, _)| t.eq_ignore_ascii_case(name))
            .map(|(_, i)| i)
    }

    pub fn from_word(w: &str) -> Option<Initiator> {
        // Old Chrome capitalised it ("Access to Image at", 2017).
        Initiator::ALL
            .into_iter()
            .find(|i| i.word().eq_ignore_ascii_case(w))
    }
}

/// What Chromium's wording depends on besides the error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ChromeCtx {
    pub initiator: Initiator,
}

/// Put before the reason of a failed preflight's CORS check.
pub const CHROME_PREFLIGHT_PREFIX: &str =
    "Response to preflight request doesn't pass access control check: ";

/// What older Chromium versions appended after a missing Access-Control-Allow-Origin
/// when fetch() made the request; Chromium 156 prints the sentence alone (the
/// conformance test compares the console lines). Read in pasted messages, never printed.
pub const CHROME_FETCH_HINT: &str = " If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.";

/// Appended after a wrong Access-Control-Allow-Origin value (multiple, invalid,
/// not the origin) when fetch() made the request (Chromium 156, observed in the
/// lab; XMLHttpRequest gets no hint).
pub const CHROME_FETCH_VALUE_HINT: &str = " Have the server send the header with a valid value.";

/// A longer form of [`CHROME_FETCH_VALUE_HINT`] found in pasted messages; read,
/// never printed.
const CHROME_VALUE_HINT_LONG: &str = " Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.";

/// Appended to the credentials sentences when XMLHttpRequest made the request.
pub const CHROME_XHR_HINT: &str = " The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.";

/// The schemes Chromium lists for `CorsDisabledScheme`.
pub const CHROME_CORS_SCHEMES: &str =
    "http, data, isolated-app, chrome-extension, chrome, https, chrome-untrusted";

const WILDCARD: &str = "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.";
const MISSING_ACAO: &str =
    "No 'Access-Control-Allow-Origin' header is present on the requested resource.";
const MULTIPLE_ACAO: &str =
    "The 'Access-Control-Allow-Origin' header contains multiple values '{}', but only one is allowed.";
const INVALID_ACAO: &str =
    "The 'Access-Control-Allow-Origin' header contains the invalid value '{}'.";
const MISMATCH_ACAO: &str = "The 'Access-Control-Allow-Origin' header has a value '{}' that is not equal to the supplied origin.";
const INVALID_ACAC: &str = "The value of the 'Access-Control-Allow-Credentials' header in the response is '{}' which must be 'true' when the request's credentials mode is 'include'.";
const MISSING_PNA: &str = "No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the `{}` address space.";
const INVALID_PNA: &str = "The 'Access-Control-Allow-Private-Network' header in the preflight response for this private network request had a value of '{}', not 'true'.";
const INSECURE_LNA: &str = "The request client is not a secure context and the resource is in more-private address space `{}`.";
/// Two parameters: the space the request declared and the server's; the failed parameter
/// holds both, "local, loopback".
const INVALID_LNA: &str =
    "Request had a target IP address space of `{}` yet the resource is in address space `{}`.";
const LNA_DENIED: &str = "Permission was denied for this request to access the `{}` address space.";

/// Chromium's sentence for an error, `{}` standing for the failed parameter.
pub fn chrome_template(err: CorsError) -> &'static str {
    use CorsError::*;
    match err {
        DisallowedByMode => "Cross origin requests are not allowed by request mode.",
        InvalidResponse => "The response to the preflight request is invalid.",
        WildcardOriginNotAllowed | PreflightWildcardOriginNotAllowed => WILDCARD,
        MissingAllowOriginHeader | PreflightMissingAllowOriginHeader => MISSING_ACAO,
        MultipleAllowOriginValues | PreflightMultipleAllowOriginValues => MULTIPLE_ACAO,
        InvalidAllowOriginValue | PreflightInvalidAllowOriginValue => INVALID_ACAO,
        AllowOriginMismatch | PreflightAllowOriginMismatch => MISMATCH_ACAO,
        InvalidAllowCredentials | PreflightInvalidAllowCredentials => INVALID_ACAC,
        CorsDisabledScheme => "Cross origin requests are only supported for protocol schemes: {}.",
        PreflightInvalidStatus => "It does not have HTTP ok status.",
        PreflightDisallowedRedirect => "Redirect is not allowed for a preflight request.",
        PreflightMissingAllowExternal | PreflightMissingAllowPrivateNetwork => MISSING_PNA,
        PreflightInvalidAllowExternal | PreflightInvalidAllowPrivateNetwork => INVALID_PNA,
        InvalidAllowMethodsPreflightResponse => {
            "Cannot parse Access-Control-Allow-Methods response header field in preflight response."
        }
        InvalidAllowHeadersPreflightResponse => {
            "Cannot parse Access-Control-Allow-Headers response header field in preflight response."
        }
        MethodDisallowedByPreflightResponse => {
            "Method {} is not allowed by Access-Control-Allow-Methods in preflight response."
        }
        HeaderDisallowedByPreflightResponse => {
            "Request header field {} is not allowed by Access-Control-Allow-Headers in preflight response."
        }
        RedirectContainsCredentials => "Redirect location '{}' contains a username and password, which is disallowed for cross-origin requests.",
        InsecureLocalNetwork | InsecurePrivateNetwork => INSECURE_LNA,
        InvalidLocalNetworkAccess | InvalidPrivateNetworkAccess => INVALID_LNA,
        NoCorsRedirectModeNotFollow => "Redirect mode 'follow' is required for requests in 'no-cors' mode.",
        LocalNetworkAccessPermissionDenied | PrivateNetworkAccessPermissionDenied => LNA_DENIED,
        UnexpectedPrivateNetworkAccess => "Request had no target IP address space, yet the resource is in address space `{}`.",
        PreflightMissingPrivateNetworkAccessId => "No 'Private-Network-Access-ID' header was present in the preflight response for this private network request targeting the `{}` address space.",
        PreflightMissingPrivateNetworkAccessName => "No 'Private-Network-Access-Name' header was present in the preflight response for this private network request targeting the `{}` address space.",
        PrivateNetworkAccessPermissionUnavailable => {
            "Permission is unavailable for this request to access the `{}` address space."
        }
    }
}

/// What Chromium prints in place of `{}` when it has no parameter.
fn chrome_default_param(err: CorsError) -> &'static str {
    use CorsError::*;
    match err {
        CorsDisabledScheme => CHROME_CORS_SCHEMES,
        PreflightMissingAllowExternal
        | PreflightMissingAllowPrivateNetwork
        | PreflightInvalidAllowExternal
        | PreflightInvalidAllowPrivateNetwork
        | InsecureLocalNetwork
        | InsecurePrivateNetwork
        | InvalidLocalNetworkAccess
        | InvalidPrivateNetworkAccess
        | LocalNetworkAccessPermissionDenied
        | PrivateNetworkAccessPermissionDenied
        | UnexpectedPrivateNetworkAccess
        | PreflightMissingPrivateNetworkAccessId
        | PreflightMissingPrivateNetworkAccessName
        | PrivateNetworkAccessPermissionUnavailable => "local",
        _ => "",
    }
}

/// Does Chromium put "Response to preflight request doesn't pass access control
/// check: " before this error's sentence? Only the preflight's own CORS check and
/// status/redirect failures get it; the Allow-Methods/Allow-Headers sentences
/// already say "in preflight response" and are printed without it.
pub fn chrome_has_preflight_prefix(err: CorsError) -> bool {
    err.is_preflight()
        && !matches!(
            err,
            CorsError::InvalidAllowMethodsPreflightResponse
                | CorsError::InvalidAllowHeadersPreflightResponse
                | CorsError::MethodDisallowedByPreflightResponse
                | CorsError::HeaderDisallowedByPreflightResponse
        )
}

/// `template` with `param` in its `{}`; a template with two takes "first, second".
fn fill(template: &str, param: &str) -> String {
    if template.matches("{}").count() == 2 {
        let (a, b) = param.split_once(", ").unwrap_or((param, "unknown"));
        return template.replacen("{}", a, 1).replacen("{}", b, 1);
    }
    template.replacen("{}", param, 1)
}

/// The sentence Chromium prints for `err` (without the preflight prefix),
/// with the hints it appends for fetch() and XMLHttpRequest.
pub fn chrome_reason(err: CorsError, failed_parameter: Option<&str>, ctx: &ChromeCtx) -> String {
    // An empty parameter where Chromium always prints one (the scheme list, an address
    // space) is one the input did not give.
    let param = match failed_parameter {
        Some(p) if !p.is_empty() || chrome_default_param(err).is_empty() => p,
        _ => chrome_default_param(err),
    };
    let mut s = fill(chrome_template(err), param);
    use CorsError::*;
    match err {
        MultipleAllowOriginValues
        | PreflightMultipleAllowOriginValues
        | InvalidAllowOriginValue
        | PreflightInvalidAllowOriginValue
        | AllowOriginMismatch
        | PreflightAllowOriginMismatch
            if ctx.initiator == Initiator::Fetch =>
        {
            s.push_str(CHROME_FETCH_VALUE_HINT)
        }
        WildcardOriginNotAllowed
        | PreflightWildcardOriginNotAllowed
        | InvalidAllowCredentials
        | PreflightInvalidAllowCredentials
            if ctx.initiator == Initiator::Xhr =>
        {
            s.push_str(CHROME_XHR_HINT)
        }
        _ => {}
    }
    s
}

/// Chromium's whole console line.
pub fn chrome_console(
    err: CorsError,
    failed_parameter: Option<&str>,
    url: &str,
    origin: &str,
    redirected_from: Option<&str>,
    initiator: Initiator,
) -> String {
    let mut s = format!("Access to {} at '{url}' ", initiator.word());
    if let Some(from) = redirected_from {
        s.push_str(&format!("(redirected from '{from}') "));
    }
    s.push_str(&format!(
        "from origin '{origin}' has been blocked by CORS policy: "
    ));
    if chrome_has_preflight_prefix(err) {
        s.push_str(CHROME_PREFLIGHT_PREFIX);
    }
    s.push_str(&chrome_reason(
        err,
        failed_parameter,
        &ChromeCtx { initiator },
    ));
    s
}

/// Match `text` against a template with at most one `{}`; returns the parameter
/// (`Some("")` for a template without one).
fn match_template<'a>(template: &str, text: &'a str) -> Option<Cow<'a, str>> {
    match template.split_once("{}") {
        None => (template == text).then_some(Cow::Borrowed("")),
        Some((pre, post)) => {
            let rest = text.strip_prefix(pre)?;
            match post.split_once("{}") {
                // Two parameters, given back as "first, second".
                Some((mid, end)) => {
                    let rest = rest.strip_suffix(end)?;
                    let (a, b) = rest.split_once(mid)?;
                    Some(Cow::Owned(format!("{a}, {b}")))
                }
                None => rest.strip_suffix(post).map(Cow::Borrowed),
            }
        }
    }
}

/// A Chromium reason parsed back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChromeReason {
    pub error: CorsError,
    pub failed_parameter: Option<String>,
}

/// Parse the text after "has been blocked by CORS policy: " back into the error
/// and its failed parameter, using the same templates as [`chrome_reason`].
pub fn parse_chrome_reason(reason: &str) -> Option<ChromeReason> {
    // A header's name retyped with spaces ("No 'Access Control Allow Origin' header …").
    if reason.contains("Access Control ") {
        let mut fixed = reason.to_string();
        for name in [
            "Access Control Allow Origin",
            "Access Control Allow Credentials",
            "Access Control Allow Methods",
            "Access Control Allow Headers",
            "Access Control Allow Private Network",
        ] {
            fixed = fixed.replace(name, &name.replace(' ', "-"));
        }
        if fixed != reason {
            return parse_chrome_reason(&fixed);
        }
    }
    // Retyped in lower case at its start ("response to preflight request doesn't pass …"),
    // or a header's name without Chromium's quotes ("No Access-Control-Allow-Origin header
    // is present …", "The value of the Access-Control-Allow-Credentials header …"). (Chrome's
    // "… is not allowed by Access-Control-Allow-Headers in preflight response." has none.)
    {
        let mut fixed = reason.trim_start().to_string();
        for start in [
            "response to preflight ",
            "no '",
            "request header field ",
            "method ",
        ] {
            if fixed.starts_with(start) {
                fixed[..1].make_ascii_uppercase();
            }
        }
        for name in [
            "Origin",
            "Credentials",
            "Methods",
            "Headers",
            "Private-Network",
        ] {
            for before in ["No ", "the ", "The "] {
                fixed = fixed.replace(
                    &format!("{before}Access-Control-Allow-{name} header"),
                    &format!("{before}'Access-Control-Allow-{name}' header"),
                );
            }
        }
        if fixed != reason.trim_start() {
            return parse_chrome_reason(&fixed);
        }
    }
    // An address space retyped without Chromium's backticks, or in quotes ("… targeting the
    // local address space.", "… in address space 'private'.").
    if reason.contains("address space") && !reason.contains("address space `") {
        let mut fixed = reason.to_string();
        for space in ["local", "private", "public", "loopback", "unknown"] {
            for q in ["", "'", "\u{2018}", "\u{2019}", "\""] {
                let close = if q == "\u{2018}" { "\u{2019}" } else { q };
                for (from, to) in [
                    (
                        format!("the {q}{space}{close} address space"),
                        format!("the `{space}` address space"),
                    ),
                    (
                        format!("address space {q}{space}{close}"),
                        format!("address space `{space}`"),
                    ),
                    (
                        format!("address space of {q}{space}{close}"),
                        format!("address space of `{space}`"),
                    ),
                ] {
                    fixed = fixed.replace(&from, &to);
                }
            }
        }
        if fixed != reason {
            return parse_chrome_reason(&fixed);
        }
    }
    // As pasted in issues and chats: wrapped in quotes or backticks, or without its last
    // period; the sentence is still Chromium's.
    // Markdown's bold, italics (`_…_`) or code marks and double quotes first; a single quote last, as the
    // sentence may end with one of its own ("… credentials mode is 'include'").
    let wrapped = reason
        .trim()
        .trim_start_matches(['*', '_', '`', '"', '\u{201c}', ' '])
        .trim_end_matches(['"', '`', '\u{201d}', '*', '_', ' ']);
    let unquoted = wrapped.trim_end_matches(['\'', '\u{2019}', ' ']);
    // DevTools' source link copied with the line: after spaces (`  dashboard:1`), in
    // brackets (`[http://localhost:3000/]`), or glued to the last period (`….localhost/:1`).
    let unlinked = without_source_link(wrapped);
    for reason in [wrapped, unquoted, unlinked] {
        if !reason.ends_with('.') && !reason.is_empty() {
            let mut with_period = reason.to_string();
            with_period.push('.');
            if let Some(r) = parse_chrome_reason_exact(&with_period) {
                return Some(r);
            }
        }
        if let Some(r) = parse_chrome_reason_exact(reason) {
            return Some(r);
        }
    }
    // A whole sentence of Chromium's with one's own words after a comma ("… on the requested
    // resource., despite CORS being configured"): the sentence.
    for (i, _) in unlinked.match_indices("., ") {
        if let Some(r) = parse_chrome_reason_exact(&unlinked[..=i]) {
            return Some(r);
        }
    }
    // A whole sentence of Chromium's followed by a hint in other words (another version's,
    // or retyped: "… but only one is allowed. Have the server send the header with a valid
    // value, or, if an opaque response is sufficient, …"): the first sentence is the reason.
    for (i, _) in unlinked.match_indices(". ") {
        let tail = unlinked[i + 2..].trim_start();
        // A new sentence, or a hint retyped in lower case ("if an opaque response …"); not
        // old Chrome's tail ("Origin '…' is therefore not allowed access. The response had
        // HTTP status code 404."), which carries the status its own reader takes.
        let hint = ["if an opaque", "have the server", "the credentials mode"]
            .iter()
            .any(|h| tail.starts_with(h));
        if !(tail.starts_with(char::is_uppercase) || hint)
            || tail.starts_with("Origin ")
            || tail.contains("status code")
        {
            continue;
        }
        if let Some(r) = parse_chrome_reason_exact(&unlinked[..=i]) {
            return Some(r);
        }
    }
    // The most pasted sentence cut short ("No 'Access-Control-Allow-Origin' header is
    // present."): still Chromium's.
    let cut = unlinked.trim_end_matches(['.', ' ']);
    if let Some(at) = cut.find("No 'Access-Control-Allow-Origin' header") {
        let (head, sentence) = cut.split_at(at);
        return (MISSING_ACAO.starts_with(sentence) && sentence.len() < MISSING_ACAO.len() - 1)
            .then(|| parse_chrome_reason_exact(&format!("{head}{MISSING_ACAO}")))
            .flatten();
    }
    // The Private Network Access sentence cut before its address space ("… for this private
    // network request targeting"): the error is certain, the space unknown.
    if let Some(at) = cut.find("No 'Access-Control-Allow-Private-Network' header was present") {
        if MISSING_PNA.starts_with(&cut[at..]) {
            return Some(ChromeReason {
                error: CorsError::PreflightMissingAllowPrivateNetwork,
                failed_parameter: None,
            });
        }
    }
    // Cut inside the hint Chromium appends ("… but only one is allowed. Have the server
    // send the header with a v"): the sentence before it is whole.
    for hint in [
        CHROME_VALUE_HINT_LONG,
        CHROME_FETCH_HINT,
        CHROME_FETCH_VALUE_HINT,
        CHROME_XHR_HINT,
    ] {
        let hint = hint.trim_start();
        let Some(at) = cut.rfind(&hint[..hint.len().min(12)]) else {
            continue;
        };
        if hint.starts_with(&cut[at..]) {
            if let Some(r) = parse_chrome_reason_exact(cut[..at].trim_end()) {
                return Some(r);
            }
        }
    }
    completed_cut(cut)
}

/// A sentence cut short after its value, its last clause left out ("… header in the
/// response is '' which must be 'true'"): the one reason it can be the start of, completed.
/// At least a dozen characters past the value must match, and the cut must keep a third of
/// the sentence; a start two reasons share reads as neither.
fn completed_cut(cut: &str) -> Option<ChromeReason> {
    let cut = cut.trim_end_matches(['\'', '\u{2019}']);
    let mut found: Option<ChromeReason> = None;
    for err in CorsError::ALL {
        let template = chrome_template(err).trim_end_matches('.');
        // What follows the value (the whole sentence when it has none).
        let tail = template.split_once("{}").map_or(template, |(_, t)| t);
        for (j, _) in tail.char_indices().skip(12) {
            // Left out: from `j` on (a quote closing the cut text counted as the cut's).
            let kept = tail[..j].trim_end_matches('\'');
            if !cut.ends_with(kept) {
                continue;
            }
            let whole = format!("{cut}{}.", &tail[kept.len()..]);
            let Some(r) = parse_chrome_reason_exact(&whole) else {
                continue;
            };
            // A third of the sentence or more was pasted (the start two reasons share is
            // refused below).
            if cut.len() * 3 < whole.len() {
                continue;
            }
            match &found {
                Some(f)
                    if chrome_template(f.error) != chrome_template(r.error)
                        || chrome_has_preflight_prefix(f.error)
                            != chrome_has_preflight_prefix(r.error) =>
                {
                    return None
                }
                _ => found = Some(r),
            }
        }
    }
    found
}

/// `text` without a console source link at its end (`app.js:45`, `localhost/:1`,
/// `(index):1`, `VM12:3:7`, `[http://localhost:3000/app.js:45]`); `text` itself when none.
fn without_source_link(text: &str) -> &str {
    let t = text.trim_end();
    if let Some(open) = t.rfind(" [").filter(|_| t.ends_with(']')) {
        return t[..open].trim_end();
    }
    // A link ends in `:line` or `:line:column`, after a name that is not a number.
    let is_link = |tok: &str| {
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        let mut parts = tok.rsplit(':');
        let (Some(last), Some(mut name)) = (parts.next(), parts.next()) else {
            return false;
        };
        if digits(name) {
            name = parts.next().unwrap_or("");
        }
        digits(last) && !name.is_empty() && !digits(name)
    };
    let (head, word) = t.rsplit_once(char::is_whitespace).unwrap_or(("", t));
    // After whitespace: the last word.
    if head.trim_end().ends_with('.') && is_link(word) {
        return head.trim_end();
    }
    // Glued to the sentence's last period: the first period of the last word after which
    // the rest is a link.
    let start = t.len() - word.len();
    for (i, _) in word.match_indices('.') {
        let rest = &word[i + 1..];
        if is_link(rest) {
            return &t[..start + i + 1];
        }
    }
    text
}

fn parse_chrome_reason_exact(reason: &str) -> Option<ChromeReason> {
    let reason = reason.trim();
    let (preflight, body) = match reason.strip_prefix(CHROME_PREFLIGHT_PREFIX) {
        Some(b) => (true, b.trim()),
        None => (false, reason),
    };
    let mut body = body;
    for hint in [
        CHROME_FETCH_HINT,
        CHROME_VALUE_HINT_LONG,
        CHROME_FETCH_VALUE_HINT,
        CHROME_XHR_HINT,
    ] {
        if let Some(b) = body.strip_suffix(hint.trim_start()) {
            body = b.trim_end();
        }
    }
    // A sentence only a preflight can fail with (Private Network Access) is the preflight's
    // even when the paste left out "Response to preflight request doesn't pass …".
    let preflight_only = |err: CorsError| {
        !preflight
            && chrome_has_preflight_prefix(err)
            && !CorsError::ALL.into_iter().any(|other| {
                !chrome_has_preflight_prefix(other)
                    && chrome_template(other) == chrome_template(err)
            })
    };
    for err in CorsError::ALL {
        if chrome_has_preflight_prefix(err) != preflight && !preflight_only(err) {
            continue;
        }
        // (The sentence naming Access-Control-Allow-Private-Network and the target's address
        // space is Chromium's PreflightMissing/InvalidAllowPrivateNetwork; the *AllowExternal
        // names are the older check of an `Access-Control-Allow-External` header.)
        if matches!(
            err,
            CorsError::PreflightMissingAllowExternal | CorsError::PreflightInvalidAllowExternal
        ) {
            continue;
        }
        if let Some(param) = match_template(chrome_template(err), body) {
            let failed_parameter = if err == CorsError::CorsDisabledScheme {
                None
            } else if chrome_template(err).contains("{}") {
                Some(param.to_string())
            } else {
                None
            };
            return Some(ChromeReason {
                error: err,
                failed_parameter,
            });
        }
    }
    None
}

/// Firefox's `security.properties` keys for CORS failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FirefoxKey {
    CORSDisabled,
    CORSDidNotSucceed2,
    CORSOriginHeaderNotAdded,
    CORSExternalRedirectNotAllowed,
    CORSRequestNotHttp,
    CORSMissingAllowOrigin2,
    CORSMultipleAllowOriginNotAllowed,
    CORSAllowOriginNotMatchingOrigin,
    CORSNotSupportingCredentials,
    CORSMethodNotFound,
    CORSMissingAllowCredentials,
    CORSPreflightDidNotSucceed3,
    CORSInvalidAllowMethod,
    CORSInvalidAllowHeader,
    CORSMissingAllowHeaderFromPreflight2,
    CORSAllowHeaderFromPreflightDeprecation,
}

impl FirefoxKey {
    pub const ALL: [FirefoxKey; 16] = [
        FirefoxKey::CORSDisabled,
        FirefoxKey::CORSDidNotSucceed2,
        FirefoxKey::CORSOriginHeaderNotAdded,
        FirefoxKey::CORSExternalRedirectNotAllowed,
        FirefoxKey::CORSRequestNotHttp,
        FirefoxKey::CORSMissingAllowOrigin2,
        FirefoxKey::CORSMultipleAllowOriginNotAllowed,
        FirefoxKey::CORSAllowOriginNotMatchingOrigin,
        FirefoxKey::CORSNotSupportingCredentials,
        FirefoxKey::CORSMethodNotFound,
        FirefoxKey::CORSMissingAllowCredentials,
        FirefoxKey::CORSPreflightDidNotSucceed3,
        FirefoxKey::CORSInvalidAllowMethod,
        FirefoxKey::CORSInvalidAllowHeader,
        FirefoxKey::CORSMissingAllowHeaderFromPreflight2,
        FirefoxKey::CORSAllowHeaderFromPreflightDeprecation,
    ];

    pub fn name(self) -> &'static str {
        use FirefoxKey::*;
        match self {
            CORSDisabled => "CORSDisabled",
            CORSDidNotSucceed2 => "CORSDidNotSucceed2",
            CORSOriginHeaderNotAdded => "CORSOriginHeaderNotAdded",
            CORSExternalRedirectNotAllowed => "CORSExternalRedirectNotAllowed",
            CORSRequestNotHttp => "CORSRequestNotHttp",
            CORSMissingAllowOrigin2 => "CORSMissingAllowOrigin2",
            CORSMultipleAllowOriginNotAllowed => "CORSMultipleAllowOriginNotAllowed",
            CORSAllowOriginNotMatchingOrigin => "CORSAllowOriginNotMatchingOrigin",
            CORSNotSupportingCredentials => "CORSNotSupportingCredentials",
            CORSMethodNotFound => "CORSMethodNotFound",
            CORSMissingAllowCredentials => "CORSMissingAllowCredentials",
            CORSPreflightDidNotSucceed3 => "CORSPreflightDidNotSucceed3",
            CORSInvalidAllowMethod => "CORSInvalidAllowMethod",
            CORSInvalidAllowHeader => "CORSInvalidAllowHeader",
            CORSMissingAllowHeaderFromPreflight2 => "CORSMissingAllowHeaderFromPreflight2",
            CORSAllowHeaderFromPreflightDeprecation => "CORSAllowHeaderFromPreflightDeprecation",
        }
    }

    pub fn from_name(s: &str) -> Option<FirefoxKey> {
        FirefoxKey::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The text inside "(Reason: …)", `{}` standing for the parameter.
    pub fn reason_template(self) -> &'static str {
        use FirefoxKey::*;
        match self {
            CORSDisabled => "CORS disabled",
            CORSDidNotSucceed2 => "CORS request did not succeed",
            CORSOriginHeaderNotAdded => "CORS header ‘Origin’ cannot be added",
            CORSExternalRedirectNotAllowed => "CORS request external redirect not allowed",
            CORSRequestNotHttp => "CORS request not HTTP",
            CORSMissingAllowOrigin2 => "CORS header ‘Access-Control-Allow-Origin’ missing",
            CORSMultipleAllowOriginNotAllowed => {
                "Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed"
            }
            CORSAllowOriginNotMatchingOrigin => {
                "CORS header ‘Access-Control-Allow-Origin’ does not match ‘{}’"
            }
            CORSNotSupportingCredentials => {
                "Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’"
            }
            CORSMethodNotFound => {
                "Did not find method in CORS header ‘Access-Control-Allow-Methods’"
            }
            CORSMissingAllowCredentials => {
                "expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’"
            }
            CORSPreflightDidNotSucceed3 => "CORS preflight response did not succeed",
            CORSInvalidAllowMethod => {
                "invalid token ‘{}’ in CORS header ‘Access-Control-Allow-Methods’"
            }
            CORSInvalidAllowHeader => {
                "invalid token ‘{}’ in CORS header ‘Access-Control-Allow-Headers’"
            }
            CORSMissingAllowHeaderFromPreflight2 => "header ‘{}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response",
            CORSAllowHeaderFromPreflightDeprecation => "When the `Access-Control-Allow-Headers` is `*`, the `Authorization` header is not covered. To include the `Authorization` header, it must be explicitly listed in CORS header `Access-Control-Allow-Headers`",
        }
    }

    /// Does Firefox append "Status code: N." to this message?
    pub fn has_status(self) -> bool {
        matches!(
            self,
            FirefoxKey::CORSDidNotSucceed2
                | FirefoxKey::CORSMissingAllowOrigin2
                | FirefoxKey::CORSPreflightDidNotSucceed3
        )
    }

    /// A warning, not a block.
    pub fn is_warning(self) -> bool {
        self == FirefoxKey::CORSAllowHeaderFromPreflightDeprecation
    }
}

/// Reasons older Firefox versions printed, for reading pasted text.
const FIREFOX_LEGACY: [(&str, FirefoxKey); 4] = [
    // Before Firefox 68 (github.com/xtv-online/live-tools/issues/6).
    ("CORS request failed", FirefoxKey::CORSDidNotSucceed2),
    (
        "CORS preflight channel did not succeed",
        FirefoxKey::CORSPreflightDidNotSucceed3,
    ),
    (
        "missing token ‘{}’ in CORS header ‘Access-Control-Allow-Headers’ from CORS preflight channel",
        FirefoxKey::CORSMissingAllowHeaderFromPreflight2,
    ),
    (
        "CORS header ‘Access-Control-Allow-Origin’ does not match ‘{}’",
        FirefoxKey::CORSAllowOriginNotMatchingOrigin,
    ),
];

/// The key Firefox logs where Chromium reports `err` (Firefox does not say
/// whether the preflight or the response failed the origin checks; a failed
/// preflight without Access-Control-Allow-Origin is `CORSMissingAllowOrigin2`, a
/// non-2xx preflight that passes the origin check is `CORSPreflightDidNotSucceed3`).
pub fn firefox_for(err: CorsError) -> Option<FirefoxKey> {
    use CorsError::*;
    use FirefoxKey as F;
    Some(match err {
        InvalidResponse => F::CORSDidNotSucceed2,
        WildcardOriginNotAllowed | PreflightWildcardOriginNotAllowed => {
            F::CORSNotSupportingCredentials
        }
        MissingAllowOriginHeader | PreflightMissingAllowOriginHeader => F::CORSMissingAllowOrigin2,
        MultipleAllowOriginValues | PreflightMultipleAllowOriginValues => {
            F::CORSMultipleAllowOriginNotAllowed
        }
        InvalidAllowOriginValue
        | PreflightInvalidAllowOriginValue
        | AllowOriginMismatch
        | PreflightAllowOriginMismatch => F::CORSAllowOriginNotMatchingOrigin,
        InvalidAllowCredentials | PreflightInvalidAllowCredentials => {
            F::CORSMissingAllowCredentials
        }
        CorsDisabledScheme => F::CORSRequestNotHttp,
        PreflightInvalidStatus => F::CORSPreflightDidNotSucceed3,
        PreflightDisallowedRedirect => F::CORSExternalRedirectNotAllowed,
        InvalidAllowMethodsPreflightResponse => F::CORSInvalidAllowMethod,
        InvalidAllowHeadersPreflightResponse => F::CORSInvalidAllowHeader,
        MethodDisallowedByPreflightResponse => F::CORSMethodNotFound,
        HeaderDisallowedByPreflightResponse => F::CORSMissingAllowHeaderFromPreflight2,
        _ => return None,
    })
}

/// The Chromium error a Firefox key names without ambiguity (`None` when
/// Firefox uses one key for the preflight's and the response's check).
pub fn chrome_for_firefox(key: FirefoxKey) -> Option<CorsError> {
    use CorsError::*;
    use FirefoxKey as F;
    Some(match key {
        F::CORSRequestNotHttp => CorsDisabledScheme,
        F::CORSPreflightDidNotSucceed3 => PreflightInvalidStatus,
        F::CORSInvalidAllowMethod => InvalidAllowMethodsPreflightResponse,
        F::CORSInvalidAllowHeader => InvalidAllowHeadersPreflightResponse,
        F::CORSMethodNotFound => MethodDisallowedByPreflightResponse,
        F::CORSMissingAllowHeaderFromPreflight2 => HeaderDisallowedByPreflightResponse,
        _ => return None,
    })
}

/// The Chromium error for a Firefox key known to be about the preflight (Gecko
/// followed it with "CORS request did not succeed" for the request it then
/// never sent): the keys that name no stage get their preflight form.
pub fn chrome_for_firefox_preflight(key: FirefoxKey) -> Option<CorsError> {
    use CorsError::*;
    use FirefoxKey as F;
    match key {
        F::CORSMissingAllowOrigin2 => Some(PreflightMissingAllowOriginHeader),
        F::CORSAllowOriginNotMatchingOrigin => Some(PreflightAllowOriginMismatch),
        F::CORSNotSupportingCredentials => Some(PreflightWildcardOriginNotAllowed),
        F::CORSMissingAllowCredentials => Some(PreflightInvalidAllowCredentials),
        other => chrome_for_firefox(other),
    }
}

/// Firefox's start of a blocked request's console line.
/// Chrome before the Fetch standard allowed redirects after a preflight (2017): "The
/// request was redirected to 'U', which is disallowed for cross-origin requests that
/// require preflight."
pub const CHROME_OLD_PREFLIGHT_REDIRECT: &str =
    "which is disallowed for cross-origin requests that require preflight";
pub const FIREFOX_BLOCKED_PREFIX: &str =
    "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ";
/// Firefox's start of a warning's console line.
pub const FIREFOX_WARNING_PREFIX: &str =
    "Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at ";

/// The text Firefox puts inside "(Reason: …)" for `key`, its parameter filled in.
pub fn firefox_reason(key: FirefoxKey, param: Option<&str>) -> String {
    fill(key.reason_template(), param.unwrap_or(""))
}

/// Firefox's whole console line.
pub fn firefox_console(
    key: FirefoxKey,
    url: &str,
    param: Option<&str>,
    status: Option<u16>,
) -> String {
    let reason = firefox_reason(key, param);
    let mut s = if key.is_warning() {
        format!("{FIREFOX_WARNING_PREFIX}{url} soon. (Reason: {reason}).")
    } else if key == FirefoxKey::CORSNotSupportingCredentials {
        // The one message whose English text quotes the URL.
        format!("{FIREFOX_BLOCKED_PREFIX}‘{url}’. (Reason: {reason}).")
    } else {
        format!("{FIREFOX_BLOCKED_PREFIX}{url}. (Reason: {reason}).")
    };
    match status {
        Some(code) if key.has_status() => s.push_str(&format!(" Status code: {code}.")),
        // A request that got no response at all: Gecko prints a null status.
        None if key == FirefoxKey::CORSDidNotSucceed2 => s.push_str(" Status code: (null)."),
        _ => {}
    }
    s
}

/// Pasted text may have lost Firefox's curly quotes: Firefox quotes with ‘ ’; a copy through a
/// word processor or a forum gives “ ” or ASCII double quotes instead (a value's own `"` stays
/// when ‘ ’ are there).
fn straighten(s: &str) -> String {
    if s.contains(['‘', '’']) {
        s.replace(['‘', '’'], "'")
    } else {
        s.replace(['‘', '’', '“', '”', '"'], "'")
    }
}

/// Parse the text inside "(Reason: …)" back into its key and parameter.
pub fn parse_firefox_reason(reason: &str) -> Option<(FirefoxKey, Option<String>)> {
    let text = straighten(reason.trim());
    let table = FirefoxKey::ALL
        .into_iter()
        .map(|k| (k.reason_template(), k))
        .chain(FIREFOX_LEGACY);
    for (template, key) in table.clone() {
        if let Some(param) = match_template(&straighten(template), &text) {
            let p = template.contains("{}").then(|| param.to_string());
            return Some((key, p));
        }
    }
    // A reason cut short as a person retypes it ("missing token 'content-type' in CORS
    // header"): the one reason it starts, when it keeps a dozen characters past the
    // parameter (half of a reason without one).
    let text = text.trim_end_matches(['.', ')', ' ']);
    let mut found: Option<(FirefoxKey, Option<String>)> = None;
    for (template, key) in table {
        let template = straighten(template);
        let least = template
            .find("{}")
            .map_or(template.len() / 2, |i| i + 2 + 12);
        let Some(cut) = (least..template.len())
            .filter(|&k| template.is_char_boundary(k))
            .find_map(|k| match_template(&template[..k], text).map(|p| (k, p)))
        else {
            continue;
        };
        let (_, param) = cut;
        let p = template.contains("{}").then(|| param.to_string());
        match &found {
            Some((k, _)) if *k != key => return None,
            _ => found = Some((key, p)),
        }
    }
    found
}

/// What Safari's console says, parsed. Safari words few failures precisely.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SafariMessage {
    /// "Origin O is not allowed by Access-Control-Allow-Origin. Status code: N"
    /// (missing or mismatching Access-Control-Allow-Origin alike).
    OriginNotAllowed { origin: String, status: Option<u16> },
    /// "Preflight response is not successful. Status code: N"
    PreflightNotSuccessful { status: Option<u16> },
    /// "Request header field X is not allowed by Access-Control-Allow-Headers."
    HeaderNotAllowed { header: String },
    /// "Method X is not allowed by Access-Control-Allow-Methods."
    MethodNotAllowed { method: String },
    /// "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true."
    WildcardWithCredentials,
    /// "Access-Control-Allow-Origin cannot contain more than one origin."
    MultipleOrigins,
    /// "Credentials flag is true, but Access-Control-Allow-Credentials is not "true"."
    CredentialsNotTrue,
    /// "Header Access-Control-Allow-Methods has an invalid value: V" (and
    /// -Headers): the preflight's list does not parse.
    InvalidAllowList { header: String, value: String },
    /// "Cross-origin redirection to T denied by Cross-Origin Resource Sharing
    /// policy: R": the redirect response failed the CORS check (R one of the
    /// other messages), or its Location is not one fetch follows.
    RedirectDenied {
        target: String,
        reason: String,
        inner: Option<Box<SafariMessage>>,
    },
    /// "Fetch API cannot load U due to access control checks." (also
    /// XMLHttpRequest, EventSource, and "Cannot load U …" for other loads)
    CannotLoad { url: String, api: String },
}

impl SafariMessage {
    /// The Chromium error this names without ambiguity, and its parameter.
    pub fn chrome_error(&self) -> Option<(CorsError, Option<String>)> {
        match self {
            SafariMessage::HeaderNotAllowed { header } => Some((
                CorsError::HeaderDisallowedByPreflightResponse,
                Some(header.clone()),
            )),
            SafariMessage::MethodNotAllowed { method } => Some((
                CorsError::MethodDisallowedByPreflightResponse,
                Some(method.clone()),
            )),
            SafariMessage::WildcardWithCredentials => {
                Some((CorsError::WildcardOriginNotAllowed, None))
            }
            SafariMessage::MultipleOrigins => Some((CorsError::MultipleAllowOriginValues, None)),
            SafariMessage::CredentialsNotTrue => Some((CorsError::InvalidAllowCredentials, None)),
            SafariMessage::InvalidAllowList { header, value } => Some((
                if header.eq_ignore_ascii_case("Access-Control-Allow-Methods") {
                    CorsError::InvalidAllowMethodsPreflightResponse
                } else {
                    CorsError::InvalidAllowHeadersPreflightResponse
                },
                Some(value.clone()),
            )),
            SafariMessage::RedirectDenied { reason, inner, .. } => {
                if reason.starts_with("redirection URL ") && reason.ends_with(" has credentials") {
                    // Chromium names no parameter for it.
                    return Some((CorsError::RedirectContainsCredentials, Some(String::new())));
                }
                inner.as_ref().and_then(|m| m.chrome_error())
            }
            _ => None,
        }
    }

    /// What made the request, from a "… cannot load U" line.
    pub fn initiator(&self) -> Option<Initiator> {
        match self {
            SafariMessage::CannotLoad { api, .. } => match api.as_str() {
                "Fetch API" => Some(Initiator::Fetch),
                "XMLHttpRequest" => Some(Initiator::Xhr),
                "EventSource" => Some(Initiator::Other),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            SafariMessage::OriginNotAllowed { status, .. }
            | SafariMessage::PreflightNotSuccessful { status } => *status,
            SafariMessage::RedirectDenied { inner, .. } => inner.as_ref().and_then(|m| m.status()),
            _ => None,
        }
    }
}

/// Split "…. Status code: 429" (optionally followed by more text) off a message.
fn split_status(s: &str) -> (&str, Option<u16>) {
    match s.find("Status code: ") {
        Some(i) => {
            let head = s.get(..i).unwrap_or(s).trim_end();
            let tail = s.get(i + "Status code: ".len()..).unwrap_or("");
            let digits: String = tail.chars().take_while(|c| c.is_ascii_digit()).collect();
            (head, digits.parse().ok())
        }
        None => (s, None),
    }
}

/// Parse one of Safari's CORS phrases (without the "[Error] " console prefix).
pub fn parse_safari(text: &str) -> Option<SafariMessage> {
    let t = text.trim();
    let t = t.strip_prefix("Failed to load resource: ").unwrap_or(t);
    // The page's service worker passed the failure on: "FetchEvent.respondWith received an
    // error: TypeError: REASON".
    let t = t
        .strip_prefix("FetchEvent.respondWith received an error: ")
        .map_or(t, |r| r.strip_prefix("TypeError: ").unwrap_or(r));
    if let Some(rest) = t.strip_prefix("Origin ") {
        let (head, status) = split_status(rest);
        // The origin cut out of the paste ("Origin is not allowed by …"): unknown.
        let head = format!(" {head}");
        let origin = head
            .strip_suffix(" is not allowed by Access-Control-Allow-Origin.")
            // (Copied without its full stop.)
            .or_else(|| head.strip_suffix(" is not allowed by Access-Control-Allow-Origin"))?
            .trim();
        return Some(SafariMessage::OriginNotAllowed {
            origin: origin.to_string(),
            status,
        });
    }
    if t.starts_with("Preflight response is not successful") {
        let (_, status) = split_status(t);
        return Some(SafariMessage::PreflightNotSuccessful { status });
    }
    if let Some(rest) = t.strip_prefix("Request header field ") {
        let header = rest
            .strip_suffix(" is not allowed by Access-Control-Allow-Headers.")
            .or_else(|| rest.strip_suffix(" is not allowed by Access-Control-Allow-Headers"))?;
        return Some(SafariMessage::HeaderNotAllowed {
            header: header.to_string(),
        });
    }
    if let Some(rest) = t.strip_prefix("Method ") {
        let method = rest
            .strip_suffix(" is not allowed by Access-Control-Allow-Methods.")
            .or_else(|| rest.strip_suffix(" is not allowed by Access-Control-Allow-Methods"))?;
        return Some(SafariMessage::MethodNotAllowed {
            method: method.to_string(),
        });
    }
    if t.starts_with(
        "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true",
    ) {
        return Some(SafariMessage::WildcardWithCredentials);
    }
    if t.starts_with("Access-Control-Allow-Origin cannot contain more than one origin") {
        return Some(SafariMessage::MultipleOrigins);
    }
    if t.starts_with("Credentials flag is true, but Access-Control-Allow-Credentials is not") {
        return Some(SafariMessage::CredentialsNotTrue);
    }
    for header in [
        "Access-Control-Allow-Methods",
        "Access-Control-Allow-Headers",
    ] {
        let lead = format!("Header {header} has an invalid value: ");
        if let Some(value) = t.strip_prefix(lead.as_str()) {
            return Some(SafariMessage::InvalidAllowList {
                header: header.to_string(),
                value: value.to_string(),
            });
        }
    }
    if let Some(rest) = t.strip_prefix("Cross-origin redirection to ") {
        let (target, reason) =
            rest.split_once(" denied by Cross-Origin Resource Sharing policy: ")?;
        let inner = parse_safari(reason)
            .filter(|m| !matches!(m, SafariMessage::RedirectDenied { .. }))
            .map(Box::new);
        return Some(SafariMessage::RedirectDenied {
            target: target.to_string(),
            reason: reason.trim().to_string(),
            inner,
        });
    }
    // WebKit's ThreadableLoader::logError: "Fetch API", "XMLHttpRequest",
    // "EventSource" or, for other loads, "Cannot load U …".
    for api in ["Fetch API", "XMLHttpRequest", "EventSource", ""] {
        let lead = if api.is_empty() {
            "Cannot load ".to_string()
        } else {
            format!("{api} cannot load ")
        };
        if let Some(rest) = t.strip_prefix(lead.as_str()) {
            // Safari 12 and older: "Fetch API cannot load U." after its reason line.
            let older = rest
                .strip_suffix('.')
                .filter(|u| u.contains("://") && !u.contains(char::is_whitespace));
            let url = rest
                .strip_suffix(" due to access control checks.")
                .or(older)?;
            return Some(SafariMessage::CannotLoad {
                url: url.to_string(),
                api: api.to_string(),
            });
        }
    }
    None
}
