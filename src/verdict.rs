//! The browser verdict: what Chromium (and Firefox) decide for an exchange,
//! step by step as the Fetch standard says, named with Chromium's
//! `Network.CorsError`, its `failedParameter`, Firefox's `security.properties`
//! key and the console sentence each browser prints.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

pub use crate::cors_error::CorsError;

/// Which fetch the verdict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Preflight,
    Response,
}

use crate::exchange::{Credentials, Exchange, InputKind, Known, PreflightCapture, Response};
use crate::exchange::{Preflight, Redirect};
use crate::fetch::cors_check::{cors_check, is_ok_status, preflight_cors_check, CheckFailure};
use crate::fetch::origin::{has_credentials, normalize_origin, resolve, same_origin, scheme_of};
use crate::fetch::preflight::{
    gecko_methods_headers, preflight_reasons, GeckoPreflightFailure, PreflightResult,
    RedirectedRequest,
};
use crate::fetch::safelist::{
    cors_unsafe_names_in_check_order, is_cors_safelisted_response_header,
    is_forbidden_response_header,
};

/// Which response a verdict step looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "which", content = "index", rename_all = "snake_case")]
pub enum Subject {
    Preflight,
    /// The n-th redirect (0-based) of the actual request.
    Redirect(usize),
    /// The preflight the browser sent to the n-th redirect's `Location`
    /// (the rewritten request still needed one there).
    RedirectPreflight(usize),
    Response,
}

/// The preflight question at one redirect target: after fetch rewrote the
/// request for the redirect, did it need a new preflight there, and what became of it?
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HopPreflight {
    /// Which redirect (0-based) led to the target.
    pub hop: usize,
    /// The redirect target: where the new preflight goes.
    pub url: String,
    /// The request's method there, as fetch rewrote it.
    pub method: String,
    /// The serialized origin the browser sends there (`null` after a tainting hop).
    pub origin: Option<String>,
    /// The `Access-Control-Request-Headers` value the new preflight carries, if any.
    pub request_headers: Option<String>,
    pub outcome: PreflightOutcome,
    /// Why a preflight is needed there (empty when not).
    pub reasons: Vec<String>,
}

/// What happened to the preflight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PreflightOutcome {
    NotNeeded,
    Passed,
    Failed,
    /// Needed, not in the capture, and the actual request went out: the browser
    /// used its preflight cache (only successes are cached).
    Cached,
    /// Needed but not in the input.
    NotCaptured,
}

/// One step of the algorithm, with its outcome, for the evidence trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub stage: Stage,
    pub passed: bool,
    pub text: String,
}

/// The browser's verdict for one exchange.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Can the page NOT read the response?
    pub blocked: bool,
    /// Was the verdict computed from headers (true), or only taken from what the
    /// browser said (false)?
    pub computed: bool,
    pub stage: Option<Stage>,
    pub cors_error: Option<CorsError>,
    /// As Chromium fills it: empty string when Chromium gives no parameter.
    pub failed_parameter: Option<String>,
    /// One sentence naming the header and value that failed.
    pub detail: Option<String>,
    /// The response that failed the check.
    pub failed: Option<Subject>,
    /// The failed (or evaluated) response came from a replay, not the browser.
    pub from_replay: bool,
    pub preflight: PreflightOutcome,
    /// Why the request needs a preflight.
    pub preflight_reasons: Vec<String>,
    /// The preflight question at each redirect target that was reached.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub redirect_preflights: Vec<HopPreflight>,
    /// The serialized origin the final request carried (`null` after a tainting redirect).
    pub origin_sent: Option<String>,
    pub credentials: Credentials,
    /// The credentials mode was inferred from what the browser did.
    pub credentials_inferred: bool,
    /// A network error that is not CORS (refused, DNS, TLS, blocked by client …).
    pub network_error: Option<String>,
    /// Response headers the page reads that it cannot see.
    pub not_exposed: Vec<String>,
    /// The response names one origin in Access-Control-Allow-Origin without `Vary: Origin`.
    pub missing_vary: bool,
    /// `Authorization` passed under `Access-Control-Allow-Headers: *`: Chromium and Firefox
    /// warn, Safari and the Fetch standard block ([`AUTHORIZATION_UNDER_WILDCARD`]).
    ///
    /// [`AUTHORIZATION_UNDER_WILDCARD`]: crate::fetch::preflight::AUTHORIZATION_UNDER_WILDCARD
    pub authorization_under_wildcard: bool,
    /// The input ends at a redirect the browser follows: where it goes.
    pub ends_at_redirect: Option<String>,
    /// What the input lacks to be sure.
    pub missing: Vec<String>,
    pub warnings: Vec<String>,
    pub checks: Vec<Check>,
    /// Where Firefox's own check of the preflight's Allow-Methods/-Headers fails
    /// (its order and parameter differ from Chromium's): for Firefox's words.
    #[serde(skip)]
    pub gecko_preflight: Option<GeckoPreflightFailure>,
    /// The request failed at the preflight to a cross-origin redirect's target
    /// because the origin there is `null`: what Firefox does instead.
    #[serde(skip)]
    pub gecko_hop: Option<GeckoHop>,
    /// The failed OPTIONS was typed without `Access-Control-Request-Method`: no preflight to a
    /// CORS layer, so what it got may not be what a browser's preflight gets.
    #[serde(skip)]
    pub not_a_preflight: Option<u16>,
}

/// Firefox (153) sends the page's origin, not `null`, in the preflight to a
/// cross-origin redirect's target, and `Origin: null` only in the request that
/// follows (observed: tests/browser/firefox.test.mjs, lab mode
/// `redirect-preflight-null`). Where Chromium fails that preflight on the
/// `null` origin, Firefox's outcome is one of these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GeckoHop {
    /// Its preflight passes and the response allows `null`: the page reads it.
    Allowed,
    /// Its preflight passes; the input lacks the response that follows.
    ResponseUnknown,
    /// Its preflight passes; the response then fails the CORS check.
    ResponseFails(CheckFailure),
}

/// Options for the verdict.
#[derive(Clone, Debug, Default)]
pub struct VerdictOptions {
    /// Response header names the page reads (for Expose-Headers).
    pub reads: Vec<String>,
}

/// Does the browser's own record say the request failed (`Some(true)`), succeeded
/// (`Some(false)`), or not say (`None`)?
fn browser_outcome(x: &Exchange) -> Option<bool> {
    if let Some(o) = &x.observed {
        // Firefox's warning: the request went through.
        return Some(!o.warns_only());
    }
    if x.network_error.is_some() {
        return Some(true);
    }
    if x.source == crate::exchange::InputKind::Har {
        if let Some(r) = &x.response {
            if r.status != 0 {
                return Some(false);
            }
        }
    }
    None
}

/// Evaluate an exchange as the browser does.
pub fn evaluate(x: &Exchange, opts: &VerdictOptions) -> Verdict {
    if !x.unreadable_headers.is_empty() {
        return unreadable(x, opts);
    }
    if x.page_block.is_some() || x.no_cors {
        return run(x, x.request.credentials, opts);
    }
    if x.request.credentials_known != Known::Unknown {
        return run(x, x.request.credentials, opts);
    }
    let first = run(x, x.request.credentials, opts);
    let Some(outcome) = browser_outcome(x) else {
        return first;
    };
    // A verdict explains the browser's outcome when it agrees on blocked/not and,
    // when blocked, names why.
    let explains = |v: &Verdict| {
        v.blocked == outcome && (!v.blocked || v.cors_error.is_some() || v.network_error.is_some())
    };
    if explains(&first) {
        return first;
    }
    let other = if x.request.credentials.is_include() {
        Credentials::SameOrigin
    } else {
        Credentials::Include
    };
    let mut second = run(x, other, opts);
    if explains(&second) {
        second.credentials_inferred = true;
        second.warnings.insert(
            0,
            format!(
                "The capture does not record the credentials mode; the browser's outcome fits only credentials mode '{}', so whycors assumes it.",
                other.as_str()
            ),
        );
        return second;
    }
    first
}

/// The browser refused the script some response headers ("Refused to get unsafe header"):
/// with the response in the input, the headers the page reads are checked against it; without
/// it, the browser's refusal is the verdict (the request itself went through).
fn unreadable(x: &Exchange, opts: &VerdictOptions) -> Verdict {
    let mut reads = opts.reads.clone();
    for n in &x.unreadable_headers {
        if !reads.iter().any(|r| r.eq_ignore_ascii_case(n)) {
            reads.push(n.clone());
        }
    }
    let opts = VerdictOptions { reads };
    let mut unread = x.clone();
    unread.unreadable_headers.clear();
    if x.response
        .as_ref()
        .is_some_and(crate::exchange::Response::is_known)
    {
        return evaluate(&unread, &opts);
    }
    let mut v = run(&unread, x.request.credentials, &opts);
    v.blocked = false;
    v.computed = false;
    v.cors_error = None;
    v.failed_parameter = None;
    v.stage = Some(Stage::Response);
    v.checks = x
        .unreadable_headers
        .iter()
        .map(|n| Check {
            stage: Stage::Response,
            passed: false,
            text: format!("the page cannot read `{n}`: the browser refused it to the script (\"Refused to get unsafe header\"), as it is neither a CORS-safelisted response header nor listed in the response's `Access-Control-Expose-Headers`"),
        })
        .collect();
    v.not_exposed = x.unreadable_headers.clone();
    v.missing.retain(|m| m.starts_with("the page's origin"));
    v
}

struct Run<'a> {
    x: &'a Exchange,
    v: Verdict,
}

impl Run<'_> {
    fn pass(&mut self, stage: Stage, text: impl Into<String>) {
        self.v.checks.push(Check {
            stage,
            passed: true,
            text: text.into(),
        });
    }

    fn fail(&mut self, stage: Stage, subject: Subject, f: CheckFailure) {
        self.v.checks.push(Check {
            stage,
            passed: false,
            text: f.detail.clone(),
        });
        self.v.blocked = true;
        self.v.computed = true;
        self.v.stage = Some(stage);
        self.v.cors_error = Some(f.error);
        self.v.failed_parameter = Some(f.failed_parameter);
        self.v.detail = Some(f.detail);
        self.v.failed = Some(subject);
    }
}

fn run(x: &Exchange, credentials: Credentials, opts: &VerdictOptions) -> Verdict {
    let mut r = Run {
        x,
        v: Verdict {
            blocked: false,
            computed: false,
            stage: None,
            cors_error: None,
            failed_parameter: None,
            detail: None,
            failed: None,
            from_replay: false,
            preflight: PreflightOutcome::NotNeeded,
            preflight_reasons: Vec::new(),
            redirect_preflights: Vec::new(),
            origin_sent: None,
            credentials,
            credentials_inferred: false,
            network_error: None,
            not_exposed: Vec::new(),
            missing_vary: false,
            authorization_under_wildcard: false,
            ends_at_redirect: None,
            missing: Vec::new(),
            warnings: Vec::new(),
            checks: Vec::new(),
            gecko_preflight: None,
            gecko_hop: None,
            not_a_preflight: None,
        },
    };
    let origin: Option<String> = x.page_origin.as_deref().and_then(normalize_origin);
    let given = x.page_origin.as_deref().map(str::trim).unwrap_or("");
    let hostless = given.ends_with("://") && x.observed.is_some();
    if origin.is_none() && hostless {
        // The browser's own message names an origin without a host ('app://'): an Android
        // WebView with a custom scheme sends it.
        r.v.warnings.push(format!(
            "The browser's message gives the page's origin as `{given}`, without a host: an Android WebView loading the app from a custom scheme sends that (Capacitor with server.androidScheme set to anything but http or https), and an allowed origin such as `{given}localhost` never equals it. Keep Capacitor's default scheme on Android (https://localhost), or let the server allow `{given}` as written."
        ));
    } else if origin.is_none() && !given.is_empty() {
        // `curl -H 'Origin: *'`: no browser sends that, so the answer is not the page's.
        r.v.missing.push(format!(
            "the page's origin: `Origin: {given}` is not one a browser sends (an origin is scheme://host[:port], or `null`), so the answer to it is not the one a page gets; send the request again with the page's origin (`-H 'Origin: https://your-app.example'`, or --origin)"
        ));
    } else if origin.is_none() {
        r.v.missing.push(
            "the page's origin (give it with --origin, or paste the request headers with Origin)"
                .to_string(),
        );
    } else if let Some(o) = origin.as_deref().filter(|o| *o != given) {
        // `curl -H 'Origin: https://app.example.com/'`: typed with a path or a trailing
        // slash, which no browser sends; a server that echoes Origin echoes that.
        r.v.warnings.push(format!(
            "`Origin: {given}` is not what a browser sends: a page at that address sends `Origin: {o}` (scheme://host[:port], no path or trailing slash). A server that echoes the Origin it gets answers the typed value, so judge the answer to `-H 'Origin: {o}'`; judged here against `{o}`."
        ));
    }
    if x.request.url.is_empty() {
        r.v.missing.push(
            "the request's URL: the input names none (DevTools' Request URL row, the console's \"GET https://… net::ERR_…\" line, the curl command, or a HAR gives it)"
                .to_string(),
        );
    }
    r.v.origin_sent = origin.clone();

    if let Some(b) = &x.page_block {
        page_blocked(&mut r, b);
        return r.v;
    }
    if let Some(err) = x
        .network_error
        .as_deref()
        .filter(|e| e.ends_with("ERR_BLOCKED_BY_ORB"))
    {
        // Opaque Response Blocking: the request was a no-cors load (an <img>, a <script>),
        // so no CORS check ran; the response came, and Chromium withheld it.
        r.v.blocked = true;
        r.v.computed = true;
        r.v.stage = Some(Stage::Response);
        r.v.preflight = PreflightOutcome::NotNeeded;
        r.v.network_error = Some(err.to_string());
        r.v.missing.retain(|m| m.starts_with("the request's URL"));
        r.v.checks.push(Check {
            stage: Stage::Response,
            passed: false,
            text: format!("a no-cors load: no CORS check; Chromium's Opaque Response Blocking withheld the response ({err})"),
        });
        return r.v;
    }
    if x.no_cors {
        // Fetch's main fetch: a 'no-cors' request takes no CORS check; its response
        // is filtered to an opaque one (status 0, no headers, no body).
        r.v.blocked = false;
        r.v.preflight = PreflightOutcome::NotNeeded;
        r.v.missing.clear();
        r.pass(
            Stage::Response,
            "the request's mode is 'no-cors': no CORS check; the page gets an opaque response (status 0, no headers, no body)".to_string(),
        );
        return r.v;
    }

    // The scheme: CORS is for HTTP(S) only — in Chromium. WebKit runs the CORS check on
    // an app's own scheme (WKURLSchemeHandler: `capacitor://`, `ionic://`) and says so.
    let webkit_checked = x.observed.as_ref().is_some_and(|o| {
        o.browser == crate::exchange::Browser::Safari
            && o.text.contains("is not allowed by Access-Control-Allow-")
    });
    if let Some(s) = scheme_of(&x.request.url).filter(|_| !webkit_checked) {
        if s != "http" && s != "https" {
            r.fail(
                Stage::Response,
                Subject::Response,
                CheckFailure {
                    error: CorsError::CorsDisabledScheme,
                    failed_parameter: String::new(),
                    detail: format!("cross-origin requests are only supported for HTTP(S); the URL's scheme is `{s}`"),
                },
            );
            return r.v;
        }
    }

    // A request to the page's own origin has no CORS flag (no Origin check, no
    // preflight) until a redirect sends it to another origin.
    let starts_same_origin = x.starts_on_page_origin();
    if starts_same_origin {
        r.v.preflight = PreflightOutcome::NotNeeded;
        r.pass(
            Stage::Preflight,
            format!(
                "{} is on the page's own origin: no CORS check and no preflight there",
                x.request.url
            ),
        );
    } else if !preflight_step(&mut r, origin.as_deref(), credentials) {
        return finish(r);
    }
    response_step(
        &mut r,
        origin.as_deref(),
        credentials,
        opts,
        !starts_same_origin,
    );
    finish(r)
}

/// The page refused the request before it went out (its CSP, or mixed
/// content): the browser ran no CORS check, so there is no CORS error.
fn page_blocked(r: &mut Run, b: &crate::exchange::PageBlock) {
    let url = r.x.request.url.as_str();
    let text = match b.kind {
        crate::exchange::PageBlockKind::ContentSecurityPolicy => match &b.directive {
            Some(d) => format!(
                "the page's Content-Security-Policy directive \"{d}\" does not allow {url}: the browser refused to send the request, before any CORS check"
            ),
            None => format!(
                "the page's Content-Security-Policy does not allow {url}: the browser refused to send the request, before any CORS check"
            ),
        },
        crate::exchange::PageBlockKind::MixedContent => {
            let page = b
                .page_url
                .as_deref()
                .map_or_else(|| "the page".to_string(), |p| format!("the page {p}"));
            format!(
                "{page} was loaded over HTTPS and {url} is plain http://: the browser blocked it as mixed content, before any CORS check"
            )
        }
        crate::exchange::PageBlockKind::SameOriginMode => format!(
            "the request's mode is 'same-origin' and {url} is on another origin: the browser refused to send it, before any CORS check"
        ),
        crate::exchange::PageBlockKind::WorkerScriptOrigin => format!(
            "a Worker's script must be on the page's origin and {url} is not: the browser refused to start the worker, before any CORS check"
        ),
        crate::exchange::PageBlockKind::ResourcePolicy => format!(
            "the response's Cross-Origin-Resource-Policy (same-origin or same-site) does not let another site load {url}: the browser blocked the response (net::ERR_BLOCKED_BY_RESPONSE); no CORS check was made"
        ),
        crate::exchange::PageBlockKind::EmbedderPolicy => format!(
            "the page's Cross-Origin-Embedder-Policy (require-corp) lets it load {url} only if the response opts in with Cross-Origin-Resource-Policy (or is loaded with CORS), and it does not: the browser blocked the response (net::ERR_BLOCKED_BY_RESPONSE)"
        ),
    };
    r.v.blocked = true;
    r.v.computed = r.x.observed.is_none();
    r.v.stage = None;
    r.v.missing.clear();
    r.v.detail = Some(text.clone());
    r.v.checks.push(Check {
        stage: Stage::Response,
        passed: false,
        text,
    });
}

/// The input shows the request a person sent by hand (a curl or HTTPie command, curl -v's
/// request lines) and it carries no `Origin`: the response is not the browser's.
/// (The guided form and a docs page's policy describe what the browser got: not these.)
fn sent_without_origin(x: &Exchange) -> bool {
    sent_by_hand_from_no_page(x)
        && x.request.method_known == Known::Stated
        && x.redirects.is_empty()
        && !x.request.headers.contains("origin")
}

/// An OPTIONS typed by hand without `Access-Control-Request-Method`, failed or passed: a
/// browser's preflight always carries it, and a CORS layer answers one without it as any
/// request.
fn warn_plain_options(r: &mut Run, captured: Option<&Preflight>, resp: &Response) {
    // A browser's preflight always carries Access-Control-Request-Method: one typed
    // without it (with Origin or not) is a plain OPTIONS to them.
    let typed = matches!(r.x.source, InputKind::CurlVerbose | InputKind::HttpText)
        && !matches!(r.x.location.as_str(), "form" | "policy")
        && r.x.observed.is_none();
    let sent = captured.map(|p| &p.request_headers);
    let no_acrm = sent.is_some_and(|h| !h.contains("access-control-request-method"));
    if typed && no_acrm {
        r.v.not_a_preflight = Some(resp.status);
        let has_origin = sent.is_some_and(|h| h.contains("origin"));
        r.v.warnings.push(format!(
            "This OPTIONS was sent without {}, so it is no preflight to a CORS layer that looks for it (the Fetch standard's preflight always carries it; Envoy's and Istio's corsPolicy, Spring's, CouchDB's and most frameworks' answer a plain OPTIONS as any other request, often 401 or 405): its answer{} may not be what a browser's preflight gets. Send it again as the browser does: `curl -i -X OPTIONS {} -H 'Origin: {}' -H 'Access-Control-Request-Method: POST'`.",
            if has_origin {
                "`Access-Control-Request-Method`"
            } else {
                "`Origin` and `Access-Control-Request-Method`"
            },
            match resp.status {
                0 => String::new(),
                s => format!(" ({s})"),
            },
            crate::shell::quote(&r.x.request.url),
            r.x.page_origin
                .as_deref()
                .filter(|o| normalize_origin(o).is_some())
                .unwrap_or("https://your-app.example")
        ));
    }
}

/// A request a person sent by hand (curl, HTTPie, pasted HTTP) with no page's origin in the
/// input: the readers take a request's Origin header as the page's origin.
fn sent_by_hand_from_no_page(x: &Exchange) -> bool {
    matches!(x.source, InputKind::CurlVerbose | InputKind::HttpText)
        && !matches!(x.location.as_str(), "form" | "policy")
        && x.page_origin.is_none()
}

/// The warning for `Access-Control-Allow-Origin: null` judged without the page's origin.
const NULL_ONLY: &str = "Judged here for a page served over http(s), which `Access-Control-Allow-Origin: null` refuses (the input does not show the page's origin). A file:// page, a sandboxed iframe or a data: URL (an opaque origin) would pass, but a server should never answer `null` to allow one, since any sandboxed page can claim it.";

/// Stands for the page's origin, when it is unknown and the response allows a value
/// no origin serializes to: the check then fails as it would for every page.
const NO_ORIGIN_MATCHES: &str = "https://page-origin.invalid";

/// The origin to compare with: the page's, or — when unknown — the value the
/// response allows (so the check can still judge everything else), unless no
/// origin can ever equal that value (a list, a path or trailing slash, a wildcard
/// host, upper case, no scheme): then [`NO_ORIGIN_MATCHES`].
/// The input does not show the page's origin and the response allows `null` itself (a
/// response without Access-Control-Allow-Origin is judged against `null` too, but says
/// nothing about it).
fn answers_null_to_no_origin(origin: Option<&str>, headers: &crate::exchange::HeaderList) -> bool {
    origin.is_none()
        && headers
            .get("access-control-allow-origin")
            .is_some_and(|v| v.trim() == "null")
}

fn origin_for_check<'o>(
    origin: Option<&'o str>,
    headers: &'o crate::exchange::HeaderList,
) -> String {
    match origin {
        Some(o) => o.to_string(),
        None => match headers
            .get("access-control-allow-origin")
            .filter(|v| v != "*")
        {
            None => "null".to_string(),
            // A `*` inside a host parses, but no page is ever served from such a host.
            // `null` is judged for a page served over http(s): no such page matches it.
            Some(v)
                if v != "null"
                    && !v.contains('*')
                    && normalize_origin(&v).as_deref() == Some(v.as_ref()) =>
            {
                v.into_owned()
            }
            Some(_) => NO_ORIGIN_MATCHES.to_string(),
        },
    }
}

/// A failed origin check against [`NO_ORIGIN_MATCHES`]: say so without naming it.
fn unmatchable(mut f: CheckFailure, o: &str) -> CheckFailure {
    if o == NO_ORIGIN_MATCHES
        && matches!(
            f.error,
            CorsError::AllowOriginMismatch | CorsError::PreflightAllowOriginMismatch
        )
    {
        if f.failed_parameter.trim() == "null" {
            f.detail = "`Access-Control-Allow-Origin: null` matches only an opaque origin (a file:// page, a sandboxed iframe, a data: URL): a page served over http(s) is refused".to_string();
            return f;
        }
        f.detail = format!(
            "`Access-Control-Allow-Origin: {}` can never equal a page's origin (an origin is scheme://host[:port], lower-case, with no path and no trailing slash{}), so the browser refuses every page",
            f.failed_parameter,
            if f.failed_parameter.contains('*') {
                "; a wildcard inside an origin is not supported: list the exact origin"
            } else {
                ""
            }
        );
    }
    f
}

/// Returns false when the verdict is final (the preflight failed).
fn preflight_step(r: &mut Run, origin: Option<&str>, credentials: Credentials) -> bool {
    let x = r.x;
    let captured = x.captured_preflight();
    let method = x.request.method.as_str();
    r.v.preflight_reasons = preflight_reasons(method, &x.request.headers, x.request.body);
    let asked = asked_names(captured, &x.request.headers);
    if r.v.preflight_reasons.is_empty() && captured.is_none() {
        r.v.preflight = PreflightOutcome::NotNeeded;
        r.pass(
            Stage::Preflight,
            format!("`{method}` with these headers is a simple request: no preflight"),
        );
        return true;
    }
    if r.v.preflight_reasons.is_empty() {
        r.v.preflight_reasons
            .push("the browser sent one (the capture shows it)".to_string());
    }

    // Which preflight response to judge: the captured one, else a replayed one.
    let replayed = x.replay.as_ref().and_then(|rp| rp.preflight.as_ref());
    let (resp, from_replay): (Option<&Response>, bool) = match (&x.preflight, captured) {
        (_, Some(p)) => match &p.response {
            Some(resp) if resp.is_known() => (Some(resp), false),
            _ => {
                if let Some(err) = &p.error {
                    if !err.contains("ERR_FAILED") && !err.contains("ERR_INVALID_REDIRECT") {
                        no_response(r, Stage::Preflight, "the preflight", err);
                        r.v.preflight = PreflightOutcome::Failed;
                        return false;
                    }
                }
                (replayed, replayed.is_some())
            }
        },
        (PreflightCapture::Absent, None) => {
            let sent = x.response.as_ref().is_some_and(|r| r.is_known());
            if sent {
                r.v.preflight = PreflightOutcome::Cached;
                r.pass(
                    Stage::Preflight,
                    "a preflight is needed but none is in the capture while the request went out: the browser used its preflight cache (only passing preflights are cached)",
                );
                return true;
            }
            (replayed, replayed.is_some())
        }
        _ => (replayed, replayed.is_some()),
    };
    let Some(resp) = resp else {
        r.v.preflight = PreflightOutcome::NotCaptured;
        r.v.missing.push(if x.source == InputKind::DevtoolsHeaders {
            "the preflight (OPTIONS) response: it is not in the input; DevTools' Network panel lists the preflight as a request of its own (type \"preflight\", next to this one): copy its Headers tab too".to_string()
        } else {
            "the preflight (OPTIONS) response: it is not in the input".to_string()
        });
        return true;
    };
    r.v.from_replay |= from_replay;
    let passed = judge_preflight(
        r,
        Subject::Preflight,
        captured,
        resp,
        origin,
        credentials,
        method,
        &asked,
    );
    r.v.preflight = if passed {
        PreflightOutcome::Passed
    } else {
        PreflightOutcome::Failed
    };
    passed
}

/// The unsafe names the browser asked about: the captured preflight's
/// Access-Control-Request-Headers is authoritative, else the request's own. They
/// come in the order Chromium checks them (the request's header order, not the
/// sorted order of Access-Control-Request-Headers), so the first one the preflight
/// does not allow is the one Chromium names.
fn asked_names(captured: Option<&Preflight>, headers: &crate::exchange::HeaderList) -> Vec<String> {
    match captured.and_then(|p| p.request_headers.get("access-control-request-headers")) {
        Some(v) => {
            let mut names: Vec<String> = v
                .split(',')
                .map(|s| crate::exchange::trim_http_whitespace(s).to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect();
            // The order only matters with two names or more (most requests have one).
            if names.len() > 1 {
                let in_order = cors_unsafe_names_in_check_order(headers);
                // Stable: names the request does not show keep their place, after the others.
                names.sort_by_key(|n| in_order.iter().position(|m| m == n).unwrap_or(usize::MAX));
            }
            names
        }
        None => cors_unsafe_names_in_check_order(headers),
    }
}

/// `what` got no HTTP response at all (DNS, TLS, connection refused …): the
/// browser's network error is the verdict, at `stage`.
fn no_response(r: &mut Run, stage: Stage, what: &str, err: &str) {
    r.v.blocked = true;
    r.v.computed = true;
    r.v.stage = Some(stage);
    r.v.network_error = Some(err.to_string());
    r.v.checks.push(Check {
        stage,
        passed: false,
        text: format!("{what} got no HTTP response: {err}"),
    });
}

/// Judge one preflight response as Chromium does (redirect, Allow-Origin and
/// credentials, status, Allow-Methods/-Headers parse, method, headers).
/// Returns whether it passed; on failure the verdict names it on `subject`.
#[allow(clippy::too_many_arguments)]
fn judge_preflight(
    r: &mut Run,
    subject: Subject,
    captured: Option<&Preflight>,
    resp: &Response,
    origin: Option<&str>,
    credentials: Credentials,
    method: &str,
    asked: &[String],
) -> bool {
    let stage = Stage::Preflight;
    let redirect_error = captured
        .and_then(|p| p.error.as_deref())
        .is_some_and(|e| e.contains("ERR_INVALID_REDIRECT"));
    // Headers pasted without their status line that carry a Location: a redirect all the same
    // (only 201 and 3xx send one, and a preflight's answer is never a 201).
    let unstated_redirect =
        resp.status == 0 && r.x.source != InputKind::Har && resp.location().is_some();
    if resp.is_redirect() || redirect_error || unstated_redirect {
        if resp.is_redirect() || unstated_redirect {
            let o = origin_for_check(origin, &resp.headers);
            r.v.gecko_preflight = preflight_cors_check(&resp.headers, &o, credentials)
                .err()
                .map(GeckoPreflightFailure::RedirectFailsOrigin);
        }
        r.fail(
            stage,
            subject,
            CheckFailure {
                error: CorsError::PreflightDisallowedRedirect,
                failed_parameter: String::new(),
                detail: format!(
                    "the preflight was answered with a redirect ({}{}); browsers never follow redirects for a preflight",
                    if unstated_redirect {
                        "its status line is not in the input, its Location header is".to_string()
                    } else {
                        format!("HTTP {}", resp.status)
                    },
                    resp.location().map(|l| format!(" to {l}")).unwrap_or_default()
                ),
            },
        );
        return false;
    }
    let o = origin_for_check(origin, &resp.headers);
    if answers_null_to_no_origin(origin, &resp.headers) {
        r.v.warnings.push(NULL_ONLY.to_string());
    }
    if let Err(f) = preflight_cors_check(&resp.headers, &o, credentials) {
        // A preflight sent by hand without Origin (`curl -X OPTIONS URL`) that got a 2xx
        // without CORS headers: a server that echoes allowed origins sends none then.
        let by_hand = sent_by_hand_from_no_page(r.x)
            && captured.is_some_and(|p| !p.request_headers.contains("origin"));
        if by_hand
            && f.error == CorsError::PreflightMissingAllowOriginHeader
            && (200..300).contains(&resp.status)
        {
            r.v.missing.push(format!(
                "the preflight's answer to the request as a browser sends it: this OPTIONS was sent without `Origin` and `Access-Control-Request-Method`, and a server that allows a list of origins sends no CORS headers without them; send it again as the browser does (`curl -i -X OPTIONS {} -H 'Origin: https://your-app.example' -H 'Access-Control-Request-Method: POST'`)",
                crate::shell::quote(&r.x.request.url)
            ));
            return true;
        }
        // Typed without Access-Control-Request-Method, it is no preflight to most CORS layers:
        // its error may not be what a browser's preflight gets.
        warn_plain_options(r, captured, resp);
        r.fail(stage, subject, unmatchable(f, &o));
        return false;
    }
    r.pass(stage, "the preflight response allows the origin");
    // Headers pasted without their status line (a PowerShell table, a header dump): the
    // status is not known, not bad; the rest of the preflight is still judged.
    let status_not_given = resp.status == 0 && r.x.source != InputKind::Har;
    if status_not_given {
        r.pass(
            stage,
            "the preflight's status is not in the input: taken as ok (200-299) to judge the rest",
        );
        r.v.missing.push(
            "the preflight's status line (the headers came without it; a non-2xx status fails the preflight whatever its headers)"
                .to_string(),
        );
    } else if !is_ok_status(resp.status) {
        warn_plain_options(r, captured, resp);
        r.fail(
            stage,
            subject,
            CheckFailure {
                error: CorsError::PreflightInvalidStatus,
                failed_parameter: String::new(),
                detail: format!(
                    "the preflight response has status {}; it needs an ok status (200-299)",
                    resp.status
                ),
            },
        );
        return false;
    }
    if !status_not_given {
        r.pass(stage, format!("the preflight status {} is ok", resp.status));
    }
    let method_to_check = captured
        .and_then(|p| p.request_headers.get("access-control-request-method"))
        .unwrap_or(Cow::Borrowed(method));
    r.v.gecko_preflight =
        gecko_methods_headers(&resp.headers, &method_to_check, asked, credentials).err();
    let result = match PreflightResult::parse(&resp.headers, credentials) {
        Ok(res) => res,
        Err(f) => {
            r.fail(stage, subject, f);
            return false;
        }
    };
    if let Err(f) = result.check_method(&method_to_check) {
        r.fail(stage, subject, f);
        return false;
    }
    r.pass(stage, format!("the method `{method_to_check}` is allowed"));
    match result.check_headers(asked) {
        Ok(w) => {
            if !asked.is_empty() {
                r.pass(
                    stage,
                    format!("the request headers {} are allowed", asked.join(", ")),
                );
            }
            r.v.warnings.extend(w);
        }
        Err(f) => {
            r.fail(stage, subject, f);
            return false;
        }
    }
    // Passed, but typed without Access-Control-Request-Method: a CORS layer may answer a
    // browser's preflight otherwise (its Allow-Methods and -Headers come only with it).
    warn_plain_options(r, captured, resp);
    r.v.computed = true;
    true
}

/// A Location that does not parse: Chromium's network layer fails the request with
/// `net::ERR_INVALID_REDIRECT` before any CORS check of the redirect response (only
/// said when the base URL itself parses: otherwise the capture is too broken to tell).
fn invalid_redirect(from: &str, location: &str) -> bool {
    resolve(from, location).is_none() && url::Url::parse(from.trim()).is_ok()
}

/// What Chromium's network layer answers, after the redirect response passed the
/// CORS check, for a Location with a scheme it will not follow (observed with
/// Chromium 156, tests/browser/differential.test.mjs): schemes the browser serves
/// itself are unsafe targets; `ws:`/`wss:` are unknown to the loader that follows
/// the redirect, but when Chromium starts a new request at the new URL instead
/// (`restarted`: a preflight is needed there, the redirect changed the method or
/// left the page's origin) its scheme check is the CORS one (`None`). Other
/// non-HTTP(S) schemes (`ftp:`, `javascript:` …) reach the CORS code too:
/// `CorsDisabledScheme`.
fn redirect_scheme_error(scheme: &str, restarted: bool) -> Option<&'static str> {
    match scheme {
        "data" | "about" | "file" | "blob" | "filesystem" | "chrome" => {
            Some("net::ERR_UNSAFE_REDIRECT")
        }
        "ws" | "wss" if !restarted => Some("net::ERR_UNKNOWN_URL_SCHEME"),
        _ => None,
    }
}

/// A redirect the network layer refused: a network error, not a CORS error.
fn refused_redirect(r: &mut Run, from: &str, err: &str) {
    r.v.blocked = true;
    r.v.computed = true;
    r.v.stage = Some(Stage::Response);
    r.v.network_error = Some(err.to_string());
    r.v.checks.push(Check {
        stage: Stage::Response,
        passed: false,
        text: if err.ends_with("INVALID_REDIRECT") {
            format!("the browser refuses the redirect from {from} ({err}): its Location is not a valid URL")
        } else {
            format!("the browser refuses the redirect from {from} ({err}): a redirect may only go to an HTTP(S) URL")
        },
    });
}

/// Follow one redirect that passed the CORS check: the Location must not carry
/// credentials, and a cross-origin hop from a URL that is already cross-origin
/// to the page taints the origin (`Origin: null` from then on). Returns the next
/// URL, or `None` when the redirect failed the request.
fn follow_redirect(
    r: &mut Run,
    subject: Subject,
    from: &str,
    location: String,
    current_origin: &mut Option<String>,
    redirect: (&RedirectedRequest, u16, &mut bool),
) -> Option<String> {
    let next = resolve(from, &location).unwrap_or(location);
    let (request, status, cors_flag) = redirect;
    let was_cors = *cors_flag;
    // Fetch sets the CORS flag once the request's URL is not on the request's origin
    // (the page's; the flag is never unset).
    let page = r.x.page_origin.as_deref().and_then(normalize_origin);
    *cors_flag |= page.as_deref().is_none_or(|o| !same_origin(o, &next));
    // The network layer's refusal first, then Chromium's CheckRedirectLocation:
    // the scheme, then credentials.
    if let Some(s) = scheme_of(&next) {
        let mut after = request.clone();
        after.follow(status, from, &next);
        // Chromium's CorsURLLoader starts a new request at the target, instead of
        // letting the network layer follow the redirect, when the CORS flag is set
        // and the request needs a preflight there, when the redirect set the flag,
        // or when it changed the method.
        let restarted = *cors_flag
            && (!after.preflight_reasons().is_empty()
                || !was_cors
                || after.method != request.method);
        if let Some(err) = redirect_scheme_error(&s, restarted) {
            refused_redirect(r, from, err);
            return None;
        }
        if s != "http" && s != "https" {
            r.fail(
                Stage::Response,
                subject,
                CheckFailure {
                    error: CorsError::CorsDisabledScheme,
                    failed_parameter: String::new(),
                    detail: format!("the redirect goes to {next}: cross-origin requests are only supported for HTTP(S), and its scheme is `{s}`"),
                },
            );
            return None;
        }
    }
    if has_credentials(&next) {
        // Chromium leaves failedParameter empty here (its console line reads
        // "Redirect location '' contains a username and password").
        r.fail(
            Stage::Response,
            subject,
            CheckFailure {
                error: CorsError::RedirectContainsCredentials,
                failed_parameter: String::new(),
                detail: format!("the redirect location {next} contains a username or password"),
            },
        );
        return None;
    }
    r.pass(
        Stage::Response,
        format!("the redirect from {from} to {next} passes the CORS check"),
    );
    if let Some(o) = current_origin.as_deref() {
        if !same_origin(from, &next) && !same_origin(o, from) && o != "null" {
            r.v.warnings.push(format!(
                "The redirect from {from} to {next} crosses origins, so the browser sends `Origin: null` from there on (and drops Authorization): the response there must allow `null`, which a login page never does."
            ));
            *current_origin = Some("null".to_string());
        }
    }
    Some(next)
}

/// One redirect target reached by the actual request.
struct HopCtx<'a> {
    index: usize,
    hop: &'a Redirect,
    target: &'a str,
    request: &'a RedirectedRequest,
    /// The serialized origin sent to the target (`null` once tainted).
    origin: Option<&'a str>,
    /// The request went on past this target (another hop or a final response).
    went_on: bool,
}

/// Fetch runs "main fetch" again for each redirect target: when the request,
/// as the redirect rewrote it, still needs a CORS preflight, the browser sends a
/// new one to the target (Chromium: CorsURLLoader on redirect). Returns false
/// when the verdict is final there.
fn redirect_preflight_step(r: &mut Run, h: &HopCtx, credentials: Credentials) -> bool {
    let x = r.x;
    let stage = Stage::Preflight;
    let subject = Subject::RedirectPreflight(h.index);
    let method = h.request.method.as_str();
    let target = h.target;
    let captured = h.hop.preflight.captured();
    let mut reasons = h.request.preflight_reasons();
    let changed = if h.request.changes.is_empty() {
        String::new()
    } else {
        format!(" ({})", h.request.changes.join(", "))
    };
    let mut entry = HopPreflight {
        hop: h.index,
        url: target.to_string(),
        method: method.to_string(),
        origin: h.origin.map(str::to_string),
        request_headers: crate::fetch::safelist::access_control_request_headers(&h.request.headers),
        outcome: PreflightOutcome::NotNeeded,
        reasons: reasons.clone(),
    };
    if reasons.is_empty() && captured.is_none() {
        r.pass(
            stage,
            format!(
                "after the redirect to {target} the request is `{method}`{changed} with only CORS-safelisted headers: no new preflight"
            ),
        );
        r.v.redirect_preflights.push(entry);
        return true;
    }
    if reasons.is_empty() {
        reasons.push("the browser sent one (the capture shows it)".to_string());
        entry.reasons = reasons.clone();
    }
    let origin_words = h
        .origin
        .map(|o| format!(" with `Origin: {o}`"))
        .unwrap_or_default();
    r.pass(
        stage,
        format!(
            "after the redirect to {target} the request `{method}`{changed} still needs a preflight ({}): the browser sends a new one there{origin_words}",
            reasons.join("; ")
        ),
    );
    let resp = captured
        .and_then(|p| p.response.as_ref())
        .filter(|resp| resp.is_known());
    let Some(resp) = resp else {
        if let Some(err) = captured
            .and_then(|p| p.error.as_ref())
            .filter(|e| !e.contains("ERR_FAILED") && !e.contains("ERR_INVALID_REDIRECT"))
        {
            no_response(
                r,
                stage,
                &format!("the preflight to the redirect target {target}"),
                err,
            );
            entry.outcome = PreflightOutcome::Failed;
            r.v.redirect_preflights.push(entry);
            return false;
        }
        if h.went_on {
            // The request reached the target, so the browser had a passing
            // preflight for it (in the capture's blind spot, or its cache).
            let (outcome, why) = match &h.hop.preflight {
                PreflightCapture::Absent => (
                    PreflightOutcome::Cached,
                    "none is in the capture while the request went on: the browser used its preflight cache (only passing preflights are cached)",
                ),
                _ => (
                    PreflightOutcome::NotCaptured,
                    "the input does not show it, but the request went on, so it passed",
                ),
            };
            r.pass(stage, format!("the preflight to {target}: {why}"));
            entry.outcome = outcome;
            r.v.redirect_preflights.push(entry);
            return true;
        }
        entry.outcome = PreflightOutcome::NotCaptured;
        r.v.redirect_preflights.push(entry);
        r.v.missing.push(format!(
            "the preflight (OPTIONS) the browser sends to the redirect target {target}: it is not in the input"
        ));
        let failed = x.observed.is_some()
            || x.network_error
                .as_deref()
                .is_some_and(|e| e.contains("ERR_FAILED"));
        if failed {
            // The browser failed the request and the input cannot show whether
            // the preflight at the target or the response was to blame.
            r.v.blocked = true;
            r.v.stage = Some(stage);
            return false;
        }
        return true;
    };
    let asked = asked_names(captured, &h.request.headers);
    let passed = judge_preflight(
        r,
        subject,
        captured,
        resp,
        h.origin,
        credentials,
        method,
        &asked,
    );
    entry.outcome = if passed {
        PreflightOutcome::Passed
    } else {
        PreflightOutcome::Failed
    };
    r.v.redirect_preflights.push(entry);
    if !passed {
        let prefix = format!(
            "the new preflight to the redirect target {target} (after the {} from {}{origin_words})",
            h.hop.response.status, h.hop.url
        );
        if h.origin == Some("null") {
            r.v.gecko_hop = gecko_after_tainting_redirect(x, h, resp, credentials, &asked);
            match &r.v.gecko_hop {
                Some(GeckoHop::Allowed) => r.v.warnings.push(format!(
                    "Firefox lets this request through: it sends the page's origin, not `null`, in its preflight to {target} (Chromium and the Fetch standard send `null`), and the response there allows `Origin: null`."
                )),
                Some(_) => r.v.warnings.push(format!(
                    "Firefox sends the page's origin, not `null`, in its preflight to {target}, so its preflight passes there; the request that follows carries `Origin: null`."
                )),
                None => {}
            }
            // After a tainting hop the origin compared is the `null` the browser sent.
            if let Some(d) = r.v.detail.as_mut() {
                *d = d.replace(
                    "the page's origin `null`",
                    "the origin the browser sent there, `null`",
                );
            }
        }
        if let Some(c) = r.v.checks.last_mut() {
            c.text = format!("{prefix}: {}", c.text);
        }
    }
    passed
}

/// What Firefox does where Chromium failed the preflight to a redirect target on
/// its `null` origin (see [`GeckoHop`]); `None` when Firefox's preflight, sent
/// with the page's origin, fails too.
fn gecko_after_tainting_redirect(
    x: &Exchange,
    h: &HopCtx,
    preflight: &Response,
    credentials: Credentials,
    asked: &[String],
) -> Option<GeckoHop> {
    let page = x.page_origin.as_deref().and_then(normalize_origin)?;
    let passes = preflight_cors_check(&preflight.headers, &page, credentials).is_ok()
        && is_ok_status(preflight.status)
        && gecko_methods_headers(&preflight.headers, &h.request.method, asked, credentials).is_ok();
    if !passes {
        return None;
    }
    // The response that follows is the exchange's own only after the last hop.
    let response = x
        .response
        .as_ref()
        .filter(|resp| resp.is_known() && h.index + 1 == x.redirects.len());
    Some(match response {
        None => GeckoHop::ResponseUnknown,
        Some(resp) => match cors_check(&resp.headers, "null", credentials) {
            Ok(()) => GeckoHop::Allowed,
            Err(f) => GeckoHop::ResponseFails(f),
        },
    })
}

/// `cors_flag`: Fetch's CORS flag for the request's URL (unset while the request
/// is on the page's own origin; set from the first hop to another origin on).
fn response_step(
    r: &mut Run,
    origin: Option<&str>,
    credentials: Credentials,
    opts: &VerdictOptions,
    mut cors_flag: bool,
) {
    let x = r.x;
    let stage = Stage::Response;
    let mut current_origin: Option<String> = origin.map(str::to_string);
    let mut rewritten =
        RedirectedRequest::new(&x.request.method, &x.request.headers, x.request.body);
    let final_known = x.response.as_ref().is_some_and(|resp| resp.is_known());
    for (i, hop) in x.redirects.iter().enumerate() {
        if hop
            .response
            .location()
            .is_some_and(|l| invalid_redirect(&hop.url, &l))
        {
            refused_redirect(r, &hop.url, "net::ERR_INVALID_REDIRECT");
            return;
        }
        if cors_flag {
            let o = origin_for_check(current_origin.as_deref(), &hop.response.headers);
            if let Err(f) = cors_check(&hop.response.headers, &o, credentials) {
                let mut f = unmatchable(f, &o);
                f.detail = format!(
                    "the redirect from {} (HTTP {}): {}",
                    hop.url, hop.response.status, f.detail
                );
                r.fail(stage, Subject::Redirect(i), f);
                return;
            }
        } else {
            r.pass(
                stage,
                format!(
                    "the redirect from {} (HTTP {}) is on the page's own origin: no CORS check",
                    hop.url, hop.response.status
                ),
            );
        }
        let Some(loc) = hop.response.location() else {
            break;
        };
        let Some(next) = follow_redirect(
            r,
            Subject::Redirect(i),
            &hop.url,
            loc,
            &mut current_origin,
            (&rewritten, hop.response.status, &mut cors_flag),
        ) else {
            return;
        };
        rewritten.follow(hop.response.status, &hop.url, &next);
        if !cors_flag {
            // Still on the page's own origin: nothing to check at the target.
            continue;
        }
        // Did the request go on to the target (a later hop, or a final response)?
        let went_on = i + 1 < x.redirects.len() || final_known;
        let hop_ctx = HopCtx {
            index: i,
            hop,
            target: &next,
            request: &rewritten,
            origin: current_origin.as_deref(),
            went_on,
        };
        if !redirect_preflight_step(r, &hop_ctx, credentials) {
            return;
        }
    }
    r.v.origin_sent = current_origin.clone();

    let captured = x.response.as_ref().filter(|resp| resp.is_known());
    let replayed = x.replay.as_ref().and_then(|rp| rp.response.as_ref());
    let (resp, from_replay) = match (captured, replayed) {
        (Some(c), _) => (c, false),
        (None, Some(rp)) => (rp, true),
        (None, None) => {
            if let Some(err) = &x.network_error {
                if !err.contains("ERR_FAILED") {
                    no_response(r, stage, "the request", err);
                    return;
                }
                r.v.blocked = true;
                r.v.stage = Some(stage);
                r.v.missing.push(
                    "the real response: the browser blocked it and the capture has no status or headers; replay the request outside the browser (whycors check, or the DevTools panel's Replay) to reveal it".to_string(),
                );
            } else if x.source == InputKind::DevtoolsHeaders {
                // Chrome's Headers tab has no Status code row for a request that got no
                // response (its preflight failed, or the connection did); a copy of the
                // request's headers alone shows none either.
                r.v.missing.push(
                    "the actual response: it is not in the copy (when the General section has no Status code row, none came: its preflight failed, or the connection did; the preflight's Headers tab or the console's error line tells which)".to_string(),
                );
            } else {
                r.v.missing
                    .push("the actual response: it is not in the input".to_string());
            }
            return;
        }
    };
    r.v.from_replay |= from_replay;
    if resp.is_redirect() {
        let base = x.final_url();
        if resp.location().is_some_and(|l| invalid_redirect(&base, &l)) {
            refused_redirect(r, &base, "net::ERR_INVALID_REDIRECT");
            return;
        }
    }
    if cors_flag {
        let o = origin_for_check(current_origin.as_deref(), &resp.headers);
        if answers_null_to_no_origin(current_origin.as_deref(), &resp.headers) {
            r.v.warnings.push(NULL_ONLY.to_string());
        }
        if let Err(f) = cors_check(&resp.headers, &o, credentials) {
            // A success (or a status the paste leaves out) without CORS headers, to a request
            // without Origin (an error answer without them is judged: a gateway's own errors
            // never carry them).
            if f.error == CorsError::MissingAllowOriginHeader
                && (resp.status == 0 || (200..300).contains(&resp.status))
                && sent_without_origin(x)
            {
                // Not what the browser gets: it always sends Origin on a CORS request.
                r.v.missing.push(format!(
                    "the response to the request as a browser sends it: this one was sent without an `Origin` header, and a server that allows a list of origins (it echoes the request's Origin) sends no CORS headers without one; send it again with the page's origin (`curl -i {} -H 'Origin: https://your-app.example'`)",
                    crate::shell::quote(&x.request.url)
                ));
                return;
            }
            r.fail(stage, Subject::Response, unmatchable(f, &o));
            return;
        }
    }
    // The capture ends at a redirect: fetch follows it, so the page never sees
    // this response; what it sees comes from the Location.
    if let (true, Some(loc)) = (resp.is_redirect(), resp.location()) {
        let base = x.final_url();
        let Some(next) = follow_redirect(
            r,
            Subject::Response,
            &base,
            loc,
            &mut current_origin,
            (&rewritten, resp.status, &mut cors_flag),
        ) else {
            return;
        };
        r.v.origin_sent = current_origin.clone();
        rewritten.follow(resp.status, &base, &next);
        let reasons = rewritten.preflight_reasons();
        let also = if reasons.is_empty() {
            String::new()
        } else {
            format!(
                " (the browser first sends a new preflight there, because {})",
                reasons.join("; ")
            )
        };
        r.v.missing.push(format!(
            "the response from {next}: the input ends at the redirect, and fetch follows it{also}"
        ));
        r.v.ends_at_redirect = Some(next);
        return;
    }
    r.v.computed = true;
    r.pass(stage, "the response allows the origin");
    if current_origin.as_deref() == Some("null") {
        // The target allowed the `null` a cross-origin redirect made the browser send
        // (`*` or `null`): say so, not that it must.
        for w in r.v.warnings.iter_mut() {
            if let Some(head) = w.strip_suffix(
                ": the response there must allow `null`, which a login page never does.",
            ) {
                *w = format!("{head}; the response there allows it.");
            }
        }
    }

    // Reflected origin without Vary: Origin.
    if let Some(acao) = resp.headers.get("access-control-allow-origin") {
        if acao != "*" && acao != "null" {
            let vary_ok = resp.headers.get_all("vary").any(|v| {
                v.split(',')
                    .map(crate::exchange::trim_http_whitespace)
                    .any(|t| t.eq_ignore_ascii_case("origin") || t == "*")
            });
            if !vary_ok {
                r.v.missing_vary = true;
                r.v.warnings.push(format!(
                    "`Access-Control-Allow-Origin: {acao}` names one origin but the response has no `Vary: Origin`: a cache or CDN can serve this response to another origin, which then fails. Add `Vary: Origin` when the value depends on the request's Origin."
                ));
            }
        }
    }

    // Expose-Headers for what the page reads.
    if !opts.reads.is_empty() {
        let exposed = exposed_names(&resp.headers);
        let wildcard = !credentials.is_include() && exposed.iter().any(|e| e == "*");
        for name in &opts.reads {
            let lower = name.to_ascii_lowercase();
            let readable = !is_forbidden_response_header(&lower)
                && (is_cors_safelisted_response_header(&lower)
                    || wildcard
                    || exposed.contains(&lower));
            if readable {
                r.pass(stage, format!("the page can read `{name}`"));
            } else {
                let why = if is_forbidden_response_header(&lower) {
                    "Set-Cookie is never readable by a script".to_string()
                } else if credentials.is_include() && exposed.iter().any(|e| e == "*") {
                    "`Access-Control-Expose-Headers: *` is not a wildcard for a request with credentials".to_string()
                } else {
                    format!(
                        "it is not listed in `Access-Control-Expose-Headers`{}",
                        if resp.headers.contains(name) {
                            ""
                        } else {
                            " (and the response does not carry it)"
                        }
                    )
                };
                r.v.checks.push(Check {
                    stage,
                    passed: false,
                    text: format!("the page cannot read `{name}`: {why}"),
                });
                r.v.not_exposed.push(name.clone());
            }
        }
    }
}

/// Response headers a page's script reads when they are sent (a download's file name, a
/// total for paging, a token): lower case, a `*` ending a prefix. Headers servers send
/// whether or not a script wants them (ETag, Link, rate limits) are left to `--reads`.
const OFTEN_READ: &[&str] = &[
    "content-disposition",
    "x-total-count",
    "x-pagination-*",
    "authorization",
    "x-auth-token",
    "x-access-token",
    "x-refresh-token",
    "x-csrf-token",
    "x-xsrf-token",
];

/// Headers of an allowed response that a page's script usually reads and cannot read here
/// (not safelisted, not exposed), as the response names them: said when the page did not
/// say what it reads (`--reads` checks those).
pub fn unexposed_often_read(x: &Exchange, v: &Verdict) -> Vec<String> {
    if v.blocked || x.no_cors {
        return Vec::new();
    }
    let Some(resp) = x.response.as_ref() else {
        return Vec::new();
    };
    // Runs for every response of a HAR: the names are compared without allocating, and the
    // exposed list is read only when a header that is often read is there.
    let often = |name: &str| {
        OFTEN_READ.iter().any(|o| match o.strip_suffix('*') {
            Some(prefix) => name
                .get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix)),
            None => name.eq_ignore_ascii_case(o),
        })
    };
    if !resp.headers.iter().any(|h| often(h.name.trim())) {
        return Vec::new();
    }
    let exposed = exposed_names(&resp.headers);
    if !x.request.credentials.is_include() && exposed.iter().any(|e| e == "*") {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for h in resp.headers.iter() {
        let name = h.name.trim();
        let lower = name.to_ascii_lowercase();
        if often(name)
            && !is_cors_safelisted_response_header(&lower)
            && !exposed.contains(&lower)
            && !out.iter().any(|n| n.eq_ignore_ascii_case(&lower))
        {
            out.push(name.to_string());
        }
    }
    out
}

/// The names `Access-Control-Expose-Headers` lists, lower-cased (`*` among them as it is).
fn exposed_names(headers: &crate::exchange::HeaderList) -> Vec<String> {
    headers
        .get("access-control-expose-headers")
        .map(|v| {
            v.split(',')
                .map(|s| crate::exchange::trim_http_whitespace(s).to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// What stands for the method or header a browser's message did not name (Firefox's
/// "Did not find method …"), where Chromium's sentence names one.
pub(crate) fn unnamed_parameter(e: CorsError) -> Option<&'static str> {
    match e {
        CorsError::MethodDisallowedByPreflightResponse => Some("<the request's method>"),
        CorsError::HeaderDisallowedByPreflightResponse => Some("<a header the code sets>"),
        _ => None,
    }
}

/// Errors for a request Chrome refused to send for its address space (an insecure page
/// calling a more private network, a denied or unavailable permission, a connection to
/// another address space than the request was tagged for): no server answer plays a part.
/// Does the browser's `stated` error come from a check Chromium makes only after
/// Access-Control-Allow-Origin passed, where the headers in the input gave `computed`, its
/// absence? (On the preflight: its status, methods, headers, credentials; any error on the
/// actual response means the preflight passed whole.)
fn allow_origin_passed_before(stated: CorsError, computed: Option<CorsError>) -> bool {
    use CorsError::*;
    let after_preflight_origin = matches!(
        stated,
        PreflightInvalidStatus
            | PreflightInvalidAllowCredentials
            | MethodDisallowedByPreflightResponse
            | HeaderDisallowedByPreflightResponse
            | InvalidAllowMethodsPreflightResponse
            | InvalidAllowHeadersPreflightResponse
    );
    // The actual response's CORS check: made only after the whole preflight passed.
    let on_the_response = matches!(
        stated,
        WildcardOriginNotAllowed
            | MissingAllowOriginHeader
            | MultipleAllowOriginValues
            | InvalidAllowOriginValue
            | AllowOriginMismatch
            | InvalidAllowCredentials
    );
    // (A check on the header's value: the browser saw the header.)
    let preflight_value = matches!(
        stated,
        PreflightWildcardOriginNotAllowed
            | PreflightMultipleAllowOriginValues
            | PreflightInvalidAllowOriginValue
            | PreflightAllowOriginMismatch
    );
    match computed {
        Some(PreflightMissingAllowOriginHeader) => {
            after_preflight_origin || on_the_response || preflight_value
        }
        Some(MissingAllowOriginHeader) => on_the_response && stated != MissingAllowOriginHeader,
        _ => false,
    }
}

pub(crate) fn never_sent(e: CorsError) -> bool {
    matches!(
        e,
        CorsError::InsecureLocalNetwork
            | CorsError::InsecurePrivateNetwork
            | CorsError::InvalidLocalNetworkAccess
            | CorsError::InvalidPrivateNetworkAccess
            | CorsError::UnexpectedPrivateNetworkAccess
            | CorsError::LocalNetworkAccessPermissionDenied
            | CorsError::PrivateNetworkAccessPermissionDenied
            | CorsError::PrivateNetworkAccessPermissionUnavailable
    )
}

/// The evidence trail of a verdict taken from the browser's words: no step
/// computed from an assumed method may contradict them, and `missing` says what
/// to capture to see the hidden response.
fn observed_trail(r: &mut Run) {
    let x = r.x;
    let method_unknown = x.request.method_known == Known::Unknown;
    let url = if x.request.url.is_empty() {
        "URL".to_string()
    } else {
        crate::shell::quote(&x.request.url)
    };
    let check_cmd = format!(
        "whycors check {url} --origin {} --method {}",
        x.page_origin.as_deref().unwrap_or("ORIGIN"),
        if method_unknown {
            "METHOD"
        } else {
            x.request.method.as_str()
        }
    );
    let at_preflight = r.v.stage == Some(Stage::Preflight);
    if at_preflight {
        if r.v.preflight == PreflightOutcome::NotNeeded {
            // The browser's words say it sent a preflight: the request was not
            // a simple one, whatever the input let whycors assume.
            r.v.checks
                .retain(|c| !(c.stage == Stage::Preflight && c.passed));
            r.v.preflight_reasons.push(
                "the browser sent one (its message is about the preflight response): the method or a header the code sets is not CORS-safelisted".to_string(),
            );
        }
        r.v.preflight = PreflightOutcome::Failed;
    } else if method_unknown || x.source == crate::exchange::InputKind::ConsoleError {
        // Steps computed from an assumed method, or without the headers the
        // code sets (a console message never shows them), say nothing about
        // the real request's preflight.
        r.v.checks
            .retain(|c| !(c.stage == Stage::Preflight && c.passed));
    }
    if let (Some(stage), Some(detail)) = (r.v.stage, r.v.detail.clone()) {
        let what = match stage {
            Stage::Preflight => "the preflight (OPTIONS) response failed",
            Stage::Response => "the response failed",
        };
        r.v.checks.push(Check {
            stage,
            passed: false,
            text: format!("the browser reports that {what}: {detail}"),
        });
    }
    // Chrome refused to send it (an insecure page calling a more private network, a denied
    // permission): no response to see, and the method and headers do not matter.
    if r.v.cors_error.is_some_and(never_sent) {
        // Nothing the server sent matters: no response, nor a preflight's status, is missing.
        r.v.missing.retain(|m| {
            !m.starts_with("the actual response")
                && !m.starts_with("the real response")
                && !m.starts_with("the preflight")
        });
        return;
    }
    if x.request.url.is_empty() {
        let line = match x.observed.as_ref().map(|o| o.browser) {
            Some(crate::exchange::Browser::Firefox) => "\"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at <URL>. (Reason: …)\"",
            Some(crate::exchange::Browser::Safari) => "\"Fetch API cannot load <URL> due to access control checks.\" and the line before it",
            _ => "\"Access to fetch at '<URL>' from origin '<origin>' has been blocked …\"",
        };
        // In the console's words: what to paste, instead of the general line.
        r.v.missing.retain(|m| !m.starts_with("the request's URL"));
        r.v.missing.push(format!(
            "the request's URL: the pasted text does not name it (paste the whole console line, {line})"
        ));
    }
    if method_unknown {
        r.v.missing.push(
            "the request's method and the headers the code sets: the browser's message does not name them (DevTools' Network panel shows them, or paste a HAR or the fetch() call)".to_string(),
        );
    }
    // The status the message states is known; only the headers are hidden then.
    let what = if x.observed.as_ref().and_then(|o| o.status).is_some() {
        "headers"
    } else {
        "real status and headers"
    };
    let hidden = if at_preflight {
        r.v.missing
            .retain(|m| !m.starts_with("the preflight (OPTIONS) response"));
        format!("the preflight's {what}: the browser hides them from the page (see the OPTIONS request in DevTools' Network panel, or export a HAR)")
    } else {
        r.v.missing.retain(|m| {
            !m.starts_with("the actual response") && !m.starts_with("the real response")
        });
        format!("the response's {what}: the browser hides them from the page (see the request in DevTools' Network panel, or export a HAR)")
    };
    r.v.missing.push(format!(
        "{hidden}, or send the request again outside the browser: `{check_cmd}` or the DevTools panel's Replay"
    ));
}

/// The page's origin or an Access-Control-Allow-Origin value masked before pasting, quoted.
fn masked_value(x: &Exchange) -> Option<String> {
    if let Some(o) = x
        .page_origin
        .as_deref()
        .filter(|o| crate::redact::looks_masked(o))
    {
        return Some(format!("The page's origin `{o}`"));
    }
    let preflight = match &x.preflight {
        PreflightCapture::Captured(p) => p.response.as_ref(),
        _ => None,
    };
    preflight
        .into_iter()
        .chain(x.response.as_ref())
        .flat_map(|resp| resp.headers.get_all("access-control-allow-origin"))
        .find(|v| crate::redact::looks_masked(v))
        .map(|v| format!("`Access-Control-Allow-Origin: {}`", v.trim()))
}

/// A response pasted alone that carries what only a preflight's answer uses
/// (Access-Control-Max-Age, or Allow-Methods/Allow-Headers on an empty 2xx): judged as the
/// actual response, it may be the preflight's; the warning says what Chrome would say then.
fn warn_preflight_shaped(r: &mut Run) {
    let x = r.x;
    let Some(resp) = x.response.as_ref() else {
        return;
    };
    let alone = x.request.method_known == Known::Unknown
        && x.preflight.is_not_in_input()
        && x.observed.is_none()
        && r.v.stage == Some(Stage::Response);
    let h = &resp.headers;
    let empty = resp.status == 204 || h.get("content-length").is_some_and(|l| l.trim() == "0");
    let preflight_only: Vec<&str> = [
        "Access-Control-Max-Age",
        "Access-Control-Allow-Methods",
        "Access-Control-Allow-Headers",
    ]
    .into_iter()
    .filter(|n| h.contains(n))
    .collect();
    let shaped = h.contains("access-control-max-age") || (empty && !preflight_only.is_empty());
    if !(alone && shaped && r.v.blocked) {
        return;
    }
    let Some(at_preflight) =
        r.v.cors_error
            .map(CorsError::at_preflight)
            .filter(|e| Some(*e) != r.v.cors_error)
    else {
        return;
    };
    let names: Vec<String> = preflight_only.iter().map(|n| format!("`{n}`")).collect();
    let names = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    };
    r.v.warnings.push(format!(
        "This response carries {names}, which only the answer to a preflight uses: if it answered the OPTIONS preflight, the failure is at the preflight (Chrome: {}, \"Response to preflight request doesn't pass access control check: …\") and the request itself was never sent. Paste the request line or DevTools' General section with it to tell.",
        at_preflight.name()
    ));
}

/// A response header whose name misspells a CORS header (`Access-Control-Expose-Header`):
/// judged as absent, as browsers do, and said, since the fix is its name.
fn warn_misspelled_names(r: &mut Run) {
    let x = r.x;
    let pre = x.captured_preflight().and_then(|p| p.response.as_ref());
    let responses = pre
        .into_iter()
        .chain(x.redirects.iter().map(|h| &h.response))
        .chain(x.response.as_ref());
    let mut said: Vec<String> = Vec::new();
    for resp in responses {
        for h in resp.headers.iter() {
            let Some(right) = crate::fetch::safelist::misspelled_cors_response_header(&h.name)
            else {
                continue;
            };
            if said.iter().any(|s| s.eq_ignore_ascii_case(&h.name)) {
                continue;
            }
            said.push(h.name.clone());
            let right: Vec<String> = right
                .split('-')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect();
            let right = right.join("-");
            r.v.warnings.push(format!(
                "The response sends `{}`, a name no browser reads: it is `{right}`. Browsers ignore it, and so does this verdict: correct the name where it is set.",
                h.name.trim()
            ));
        }
    }
}

fn finish(mut r: Run) -> Verdict {
    warn_preflight_shaped(&mut r);
    warn_misspelled_names(&mut r);
    let x = r.x;
    // `Access-Control-Request-Method: OPTIONS` typed into a preflight by hand asks about an
    // OPTIONS request, which pages seldom make.
    let asks_options = x
        .preflight
        .captured()
        .and_then(|p| p.request_headers.get("access-control-request-method"))
        .is_some_and(|m| m.trim() == "OPTIONS");
    if asks_options && x.request.method == "OPTIONS" {
        r.v.warnings.push("`Access-Control-Request-Method: OPTIONS` asks about a request whose own method is OPTIONS (a page's fetch(…, { method: 'OPTIONS' })): a preflight names the method of the request it precedes (GET, POST, PUT …). If you typed this preflight by hand, send the method your page uses there.".to_string());
    }
    // (A same-origin request the message says was redirected elsewhere is cross-origin there.)
    let said_redirected = x
        .observed
        .as_ref()
        .is_some_and(|o| o.redirected_to.is_some() || o.redirect_failed);
    if x.reported_cross_origin()
        && x.starts_on_page_origin()
        && x.redirects.is_empty()
        && !said_redirected
    {
        r.v.warnings.push(format!(
            "The message names the same origin for the page and the URL ({}), yet browsers check CORS only for a cross-origin request: one of the two was edited or masked in the paste (a different host, scheme or port).",
            x.page_origin.as_deref().unwrap_or_default()
        ));
    }
    // A warning, not a block (Firefox's "Cross-Origin Request Warning": Authorization under
    // `Access-Control-Allow-Headers: *`; Chromium 156 warns too): nothing was blocked.
    let warned = x.observed.as_ref().filter(|o| o.warns_only());
    if warned.is_some() {
        let w = crate::fetch::preflight::AUTHORIZATION_UNDER_WILDCARD;
        if !r.v.warnings.iter().any(|have| have == w) {
            r.v.warnings.push(w.to_string());
        }
        if !r.v.computed {
            r.v.blocked = false;
            r.v.cors_error = None;
            r.v.failed_parameter = None;
        }
    }
    r.v.authorization_under_wildcard =
        r.v.warnings
            .iter()
            .any(|w| w == crate::fetch::preflight::AUTHORIZATION_UNDER_WILDCARD);
    if let Some(obs) = x.observed.as_ref().filter(|_| warned.is_none()) {
        let stated = obs.cors_error.as_deref().and_then(CorsError::from_name);
        // The headers disagree with the browser and a value they were judged on was masked
        // before pasting: what the server sent is not in the input, the browser saw it.
        let masked = stated
            .filter(|s| r.v.computed && r.v.blocked && Some(*s) != r.v.cors_error)
            .and_then(|_| masked_value(x));
        if let Some(m) = &masked {
            r.v.warnings.push(format!(
                "{m} looks masked, so the headers in the input cannot be judged: the browser's own words are the verdict."
            ));
            // The steps computed from the masked value say nothing about what the browser saw.
            r.v.checks.retain(|c| c.passed);
        }
        // The headers lack Access-Control-Allow-Origin, yet the browser failed a check it
        // makes only after that header passed: the copy is short of it (cut, or another
        // response's), so it cannot overrule what the browser saw.
        let short = masked.is_none()
            && r.v.computed
            && r.v.blocked
            && stated.is_some_and(|s| allow_origin_passed_before(s, r.v.cors_error));
        if let (true, Some(s)) = (short, stated) {
            r.v.warnings.push(format!(
                "The headers in the input have no `Access-Control-Allow-Origin`, yet the browser reported {}, a check it makes only after that header passed: the copy is incomplete (cut short, or another response's), so the browser's own words are the verdict.",
                s.name()
            ));
            r.v.checks.retain(|c| c.passed);
        }
        if masked.is_some()
            || short
            || !r.v.computed
            || (!r.v.blocked && r.v.network_error.is_none())
        {
            // Nothing to compute from (or headers say fine while the browser says
            // blocked): the browser's own words are the verdict.
            // (A page and URL of one origin are not checked at all: the warning on the
            // masked origin says that.)
            let unchecked_same_origin = x.reported_cross_origin() && x.starts_on_page_origin();
            if r.v.computed
                && !r.v.blocked
                && !stated.is_some_and(never_sent)
                && !unchecked_same_origin
            {
                r.v.warnings.push(
                    "The headers in the input pass every check, yet the browser reported an error: the input may not be from the same request.".to_string(),
                );
            }
            r.v.blocked = true;
            r.v.computed = false;
            r.v.cors_error = stated;
            r.v.failed_parameter = stated.map(|_| obs.failed_parameter.clone().unwrap_or_default());
            r.v.stage = match stated {
                Some(e) if e.is_preflight() => Some(Stage::Preflight),
                Some(_) => Some(Stage::Response),
                None => r.v.stage,
            };
            // A message that does not name the method or header (Firefox's
            // "Did not find method …") gets a placeholder, not an empty name.
            let placeholder = stated.and_then(unnamed_parameter);
            r.v.detail = stated.map(|e| {
                crate::browser_text::chrome_reason(
                    e,
                    r.v.failed_parameter
                        .as_deref()
                        .filter(|p| !p.is_empty())
                        .or(placeholder),
                    // The hint Chrome adds for the initiator it named; none when the
                    // message does not say (Firefox, Safari).
                    &crate::browser_text::ChromeCtx {
                        initiator: x
                            .request
                            .initiator
                            .unwrap_or(crate::browser_text::Initiator::Other),
                    },
                )
            });
            if r.v.stage == Some(Stage::Preflight) {
                // The actual request never went out: its response is not missing.
                r.v.missing
                    .retain(|m| !m.starts_with("the actual response"));
            }
            observed_trail(&mut r);
        } else if let Some(s) = stated {
            if Some(s) != r.v.cors_error {
                r.v.warnings.push(format!(
                    "The browser reported {} but the headers in the input give {}: the input may not be from the same request.",
                    s.name(),
                    r.v.cors_error.map(|e| e.name()).unwrap_or("no error")
                ));
            }
        }
    } else if !r.v.blocked && x.network_error.is_some() && r.v.computed {
        // The browser recorded a failure the headers don't explain.
        let err = x.network_error.clone().unwrap_or_default();
        if err.contains("ERR_FAILED") {
            r.v.warnings.push(format!(
                "The capture records {err}, but the headers pass the CORS check: another cause (an extension, a CSP connect-src rule, an aborted request, or a credentials mode the capture doesn't show) may have failed it."
            ));
        } else {
            r.v.blocked = true;
            r.v.network_error = Some(err);
        }
    }
    r.v
}
