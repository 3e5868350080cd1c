//! One finding: verdict → cause → fixes → report entry, for one exchange.

use crate::cause::{determine, CauseKind};
use crate::exchange::{Exchange, Known};
use crate::fetch::origin::{normalize_origin, same_origin};
use crate::fix::{suggest, suggest_for_platform, FixContext};
use crate::gateway::{Gateway, Platform};
use crate::redact;
use crate::report::{BrowserInfo, Finding, RequestInfo};
use crate::verdict::{evaluate, Verdict, VerdictOptions};
use crate::Options;
use std::borrow::Cow;

pub(crate) fn apply_options(x: &mut Exchange, o: &Options) {
    if let Some(origin) = &o.origin {
        if x.page_origin.is_none() {
            x.page_origin = normalize_origin(origin).or_else(|| Some(origin.clone()));
        }
    }
    if let Some(c) = o.credentials {
        x.request.credentials = c;
        x.request.credentials_known = Known::Stated;
    }
}

/// The request stays on the page's origin from start to end: CORS never applies. A
/// request to the page's own origin that a redirect sends elsewhere (an expired
/// session's `/api/me` → the sign-in host) is cross-origin from that hop on.
pub(crate) fn is_same_origin(x: &Exchange) -> bool {
    // Private/Local Network Access applies to same-origin requests too: a message saying
    // it blocked one is a finding ("Access to script at 'http://a.cn/x.js' from origin
    // 'http://a.cn' … more-private address space `local`").
    let network_access = x
        .observed
        .as_ref()
        .and_then(|o| o.cors_error.as_deref())
        .is_some_and(|e| e.contains("PrivateNetwork") || e.contains("LocalNetwork"));
    if network_access || x.reported_cross_origin() {
        return false;
    }
    let Some(o) = x
        .page_origin
        .as_deref()
        .filter(|_| x.starts_on_page_origin())
    else {
        return false;
    };
    let mut hops = x.redirects.iter().map(|h| h.url.as_str());
    let targets = x.redirects.iter().filter_map(|h| h.target());
    let last = x
        .response
        .as_ref()
        .filter(|r| r.is_redirect())
        .and_then(|r| r.location())
        .map(|l| {
            let base = x.final_url();
            crate::fetch::origin::resolve(&base, &l).unwrap_or(l)
        });
    // A console message names where a redirect sent the request.
    let said = x.observed.as_ref().and_then(|b| b.redirected_to.clone());
    hops.all(|u| same_origin(o, u)) && targets.chain(last).chain(said).all(|u| same_origin(o, &u))
}

/// Chromium's console line shows a header value's bytes as Latin-1 with every
/// non-ASCII byte escaped (`äpp` → `\u00C3\u00A4pp`), while its `failedParameter`
/// keeps the UTF-8 text (seen in Chromium 156, tests/browser/conformance.test.mjs
/// `acao-non-ascii`).
/// The request's URL in a browser sentence written back when the input did not name it.
const UNNAMED_URL: &str = "<the request's URL>";

fn chrome_console_escape(p: &str) -> Cow<'_, str> {
    if p.is_ascii() {
        return Cow::Borrowed(p);
    }
    let mut out = String::with_capacity(p.len() * 3);
    for b in p.bytes() {
        if b.is_ascii() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("\\u{b:04X}"));
        }
    }
    Cow::Owned(out)
}

pub(crate) fn finding(x: &Exchange, o: &Options) -> Finding {
    finding_for(x, o, None)
}

/// [`finding`], with the product the API is known to run behind (a docs page's policy
/// says so) aiming the fixes when no response fingerprints one.
pub(crate) fn finding_for(x: &Exchange, o: &Options, gateway: Option<Gateway>) -> Finding {
    let v = evaluate(
        x,
        &VerdictOptions {
            reads: o.reads.clone(),
        },
    );
    let d = determine(x, &v);
    let mut ctx = fix_context(x, &v, &d.cause, o);
    ctx.gateway = ctx.gateway.or(gateway);
    // Where the API runs, from the URL's host, when no response named a product.
    let platform = d.cause.platform.as_ref().map(|h| h.platform);
    let fixes = if let Some(f) = local_network_fixes(x, &v) {
        f
    } else if matches!(d.cause.kind, CauseKind::Unknown | CauseKind::SignInRequest) {
        conditional_fixes(x, &v, &ctx, platform)
    } else if d.cause.kind == CauseKind::NetworkError {
        // The one network error a fix can name from the URL: a local server's certificate,
        // unless the browser named another error (a refused connection, an unknown name).
        let other_error = x.network_error.as_deref().is_some_and(|e| {
            let e = e.to_ascii_uppercase();
            e.contains("ERR_")
                && !e.contains("CERT")
                && !e.contains("SSL")
                && e != "NET::ERR_FAILED"
        });
        if other_error {
            Vec::new()
        } else {
            crate::fix::not_cors::untrusted_local_certificate(&ctx)
                .into_iter()
                .collect()
        }
    } else if d.cause.kind == CauseKind::Ok && v.warnings.is_empty() {
        Vec::new()
    } else {
        suggest_with(&ctx, platform)
    };
    // The page calls its own site by another name: the same name first.
    let mut fixes = fixes;
    // A page opened from a file (origin `null`) fetching a file: a local web server serves both.
    if v.cors_error == Some(crate::verdict::CorsError::CorsDisabledScheme)
        && crate::fetch::origin::scheme_of(&x.request.url).as_deref() == Some("file")
    {
        fixes.insert(0, crate::fix::not_cors::local_web_server());
    }
    if let Some(kind) = x
        .page_origin
        .as_deref()
        .filter(|_| v.blocked && d.cause.kind != CauseKind::MixedContent)
        .and_then(|o| crate::fetch::origin::other_name_of_page(o, &x.request.url))
    {
        fixes.insert(0, crate::fix::not_cors::own_site_url(&ctx, kind));
        fixes.truncate(crate::fix::MAX_FIXES);
    }
    // The pasted dev-server proxy the page's call skipped: the relative URL first.
    let dev_proxy = crate::cause::bypassed_dev_proxy(x).filter(|_| v.blocked);
    if let Some(p) = dev_proxy {
        fixes.insert(0, crate::fix::not_cors::through_dev_proxy(&ctx, p));
        fixes.truncate(crate::fix::MAX_FIXES);
    }
    let (firefox, console, firefox_console) = browser_words(x, &v);
    let mut warnings = v.warnings.clone();
    // A Private Network Access preflight answered without its header: what Chrome versions
    // that sent and enforced it refused; today's Chromium asks the user's permission instead.
    if let Some(p) = x.captured_preflight() {
        let asked = p
            .request_headers
            .get("access-control-request-private-network")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        let allowed = p.response.as_ref().is_some_and(|r| {
            r.headers
                .get("access-control-allow-private-network")
                .is_some_and(|v| v.trim() == "true")
        });
        if asked && !allowed && p.response.is_some() {
            warnings.push("The preflight carries `Access-Control-Request-Private-Network: true` (Chrome's Private Network Access preflight, for a page calling a more private address, such as loopback, from a public origin) and its answer has no `Access-Control-Allow-Private-Network: true`: the Chrome versions that sent this preflight and enforced it refuse the request (PreflightMissingAllowPrivateNetwork), so answer OPTIONS with that header too. Chrome 142 and later send no such preflight and ask the user's permission instead (Local Network Access); the verdict here is today's Chromium's, which does not look for the header.".to_string());
        }
    }
    // The page sets a CORS response header on its request: the page's fix first.
    let on_request = response_headers_on_request(x, &v);
    let mut summary = d.summary;
    if !on_request.is_empty() {
        fixes.insert(
            0,
            crate::fix::not_cors::response_header_on_request(&ctx, &on_request),
        );
        fixes.truncate(crate::fix::MAX_FIXES);
        let names = on_request
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let said = if on_request.len() == 1 {
            format!("The page's script sets {names} on its request: a response header, which only the server's answer carries. On a request it means nothing, and as a header the browser does not safelist it makes the request need a preflight that must allow it. Remove it from the request's headers (the server sends the CORS headers).")
        } else {
            format!("The page's script sets {names} on its request: response headers, which only the server's answer carries. On a request they mean nothing, and as headers the browser does not safelist they make the request need a preflight that must allow them. Remove them from the request's headers (the server sends the CORS headers).")
        };
        let failed_on_it = v.cors_error
            == Some(crate::verdict::CorsError::HeaderDisallowedByPreflightResponse)
            && v.failed_parameter
                .as_deref()
                .is_some_and(crate::fetch::safelist::is_cors_response_header);
        if failed_on_it {
            // The page's own fix: not the hedge for an API the reader does not run.
            if let Some(i) = summary.find(" If you do not run ") {
                summary.truncate(i);
            }
            summary = format!("{said} {summary}");
        } else {
            warnings.push(said);
        }
    }
    // An allowed response with headers a script usually reads, not exposed: said when the
    // page did not name what it reads.
    if o.reads.is_empty() && !x.starts_on_page_origin() {
        let hidden = crate::verdict::unexposed_often_read(x, &v);
        if !hidden.is_empty() {
            let names = hidden
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let list = hidden.join(", ");
            warnings.push(format!(
                "The page's script cannot read {names} of this response: a script reads only the CORS-safelisted response headers and those Access-Control-Expose-Headers lists (response.headers.get returns null for the others, and axios leaves them out). If the page reads {}, send `Access-Control-Expose-Headers: {list}` (`whycors explain --reads {}` checks it).",
                if hidden.len() == 1 { "it" } else { "them" },
                hidden[0]
            ));
        }
    }
    crate::fix::lead(x, &v, &d.cause, &ctx, &mut fixes);
    // The pasted setup's own mistake, where it explains the finding: its correction first.
    // (Where the input does not decide the request, the setup's first mistake stands alone.)
    let undecided = !v.computed && x.observed.is_none();
    if let Some(f) = crate::cause::fitting_setup_mistake(x, &v, &d.cause, d.fingerprint.is_some())
        .or_else(|| x.setup_mistakes.first().filter(|_| undecided))
        .and_then(|m| crate::fix::setup::correction(m, &ctx))
    {
        // (A Lambda's code for the same runtime says the same: one tab of it.)
        fixes.retain(|g| {
            g.target != f.target || (g.title != f.title && !g.target.starts_with("lambda-"))
        });
        fixes.insert(0, f);
        fixes.truncate(crate::fix::MAX_FIXES);
    }
    // The server's settings pasted with the capture: an entry that never matches, or a list
    // without the page's origin, explains an origin refusal first.
    let (lead, notes) = crate::cause::allow_list_lead(x, &v);
    if let Some(first) = lead {
        summary = format!("{first} {summary}");
    }
    // A request pasted without any answer, the words giving the preflight's status: what that
    // status means, first (the headers, and so the browser's own name for it, stay unknown).
    if let (Some(w), false) = (&x.status_in_words, v.computed) {
        let what = if w.passed {
            "the preflight passed and the request itself got"
        } else {
            "the preflight (OPTIONS) got"
        };
        summary = format!(
            "The words say {what} {} (line {}): {} {summary}",
            w.status, w.line, w.meaning
        );
    }
    warnings.extend(notes);
    if v.from_replay {
        warnings.push("Part of this verdict rests on a replay of the request outside the browser, not on what the browser itself received.".to_string());
    }
    let mut f = Finding {
        request: RequestInfo {
            // Firefox's "Did not find method …" names no method, and GET never fails that
            // check: the placeholder the reproduce commands use, not "GET (method assumed)".
            method: if x.request.method_known == Known::Unknown
                && v.cors_error
                    == Some(crate::verdict::CorsError::MethodDisallowedByPreflightResponse)
            {
                "<METHOD>".to_string()
            } else {
                x.request.method.clone()
            },
            method_basis: match x.request.method_known {
                Known::Stated => "stated",
                Known::Inferred if x.method_said_on.is_some() => "described",
                Known::Inferred => "inferred",
                Known::Unknown => "assumed",
            },
            url: if o.redact {
                redact::url(&x.request.url).into_owned()
            } else {
                x.request.url.clone()
            },
            origin: x.page_origin.clone(),
            credentials: v.credentials.as_str(),
            credentials_basis: if v.credentials_inferred {
                "inferred"
            } else {
                match x.request.credentials_known {
                    Known::Stated => "stated",
                    Known::Inferred if x.credentials_said_on.is_some() => "described",
                    Known::Inferred => "inferred",
                    Known::Unknown => "assumed",
                }
            },
        },
        browser: BrowserInfo {
            blocked: v.blocked,
            cors_error: v.cors_error.map(|e| e.name().to_string()),
            failed_parameter: v.failed_parameter.clone(),
            firefox,
            console,
            firefox_console,
            basis: if v.computed {
                "computed"
            } else if x.observed.is_some() {
                "observed"
            } else {
                "incomplete"
            },
        },
        cause: d.cause,
        summary,
        evidence: {
            let mut e = d.evidence;
            e.extend(script_evidence(x));
            let status = x
                .observed
                .as_ref()
                .and_then(|o| o.status)
                .unwrap_or_default();
            e.extend(x.status_said_on.map(|l| {
                format!("the status as the words pasted with it name it (line {l}): {status}")
            }));
            e.extend(x.status_logged_on.map(|l| {
                format!("the preflight's status as the server's log pasted with it shows it (line {l}): {status}")
            }));
            e.extend(
                dev_proxy
                    .map(|p| {
                        format!(
                            "the {} proxy pasted with it (line {}): {} → {}, the origin the page called directly",
                            p.tool, p.line, p.context, p.target
                        )
                    }),
            );
            e.extend(x.status_in_words.as_ref().filter(|_| !v.computed).map(|w| {
                format!(
                    "the {} status as the words pasted with it name it (line {}): {}",
                    if w.passed { "request's" } else { "preflight's" },
                    w.line,
                    w.status
                )
            }));
            e.extend(x.credentials_said_on.map(|l| {
                format!("the credentials mode as the words or code pasted with it state it (line {l}): include")
            }));
            e.extend(x.method_said_on.map(|l| {
                format!(
                    "the method as the words pasted with it name it (line {l}): {}",
                    x.request.method
                )
            }));
            e
        },
        warnings,
        fixes,
        reproduce: reproduce(x, &v, o.redact),
        hidden: d.hidden,
        missing: v.missing.clone(),
        checks: v.checks.clone(),
        location: x.location.clone(),
    };
    if o.redact {
        redact_texts(&mut f);
    }
    f
}

/// CORS response headers (`Access-Control-Allow-Origin` …) the request carries: set by the
/// script, named by its preflight, or the header Chrome says the preflight did not allow.
fn response_headers_on_request(x: &Exchange, v: &Verdict) -> Vec<String> {
    use crate::fetch::safelist::is_cors_response_header;
    let mut names: Vec<String> = Vec::new();
    let mut add = |n: &str| {
        let n = n.trim();
        if is_cors_response_header(n) && !names.iter().any(|m| m.eq_ignore_ascii_case(n)) {
            names.push(n.to_string());
        }
    };
    x.request.headers.iter().for_each(|h| add(&h.name));
    if let Some(acrh) = x
        .captured_preflight()
        .and_then(|p| p.request_headers.get("access-control-request-headers"))
    {
        acrh.split(',').for_each(&mut add);
    }
    if v.cors_error == Some(crate::verdict::CorsError::HeaderDisallowedByPreflightResponse) {
        if let Some(p) = &v.failed_parameter {
            add(p);
        }
    }
    names
}

/// What the page's script pasted with the message says of the request (the method, the
/// headers it sets, its credentials mode), once it was read from it.
fn script_evidence(x: &Exchange) -> Option<String> {
    let line = x.script_line?;
    let r = &x.request;
    let mut said = vec![r.method.clone()];
    if !r.headers.is_empty() {
        let names: Vec<&str> = r.headers.iter().map(|h| h.name.as_str()).collect();
        said.push(format!("headers {}", names.join(", ")));
    }
    if r.credentials_known == Known::Stated {
        said.push(format!("credentials {}", r.credentials.as_str()));
    }
    Some(format!(
        "the request as the page's script makes it (line {line}): {}",
        said.join("; ")
    ))
}

/// Secrets in the finding's free text: URLs quoted in console lines, sentences,
/// checks and fixes carry the same query parameters (`api_key=…`) and tokens as the
/// request, so they go through the same redaction as the request's URL.
fn redact_texts(f: &mut Finding) {
    fn one(s: &mut String) {
        if let std::borrow::Cow::Owned(r) = redact::text(s) {
            *s = r;
        }
    }
    for s in [
        &mut f.browser.console,
        &mut f.browser.firefox_console,
        &mut f.hidden,
    ]
    .into_iter()
    .flatten()
    {
        one(s);
    }
    one(&mut f.summary);
    for s in f
        .evidence
        .iter_mut()
        .chain(f.warnings.iter_mut())
        .chain(f.missing.iter_mut())
    {
        one(s);
    }
    for c in &mut f.checks {
        one(&mut c.text);
    }
    redact_fixes(&mut f.fixes);
}

/// The same redaction for fixes' titles and texts.
fn redact_fixes(fixes: &mut [crate::fix::Fix]) {
    for fix in fixes {
        for s in [&mut fix.title, &mut fix.text] {
            if let Cow::Owned(r) = redact::text(s) {
                *s = r;
            }
        }
    }
}

/// Chrome's Private / Local Network Access errors: the generic CORS headers do
/// not fix them. `None` for every other error.
fn local_network_fixes(x: &Exchange, v: &Verdict) -> Option<Vec<crate::fix::Fix>> {
    use crate::verdict::CorsError::*;
    let err = v.cors_error?;
    let origin = x
        .page_origin
        .clone()
        .filter(|o| o != "null")
        .unwrap_or_else(|| "https://your-app.example".to_string());
    match err {
        PreflightMissingAllowExternal
        | PreflightMissingAllowPrivateNetwork
        | PreflightInvalidAllowExternal
        | PreflightInvalidAllowPrivateNetwork => Some(vec![crate::fix::Fix {
            target: "generic".to_string(),
            title: "Answer the private-network preflight with Access-Control-Allow-Private-Network: true".to_string(),
            text: format!(
                "# The preflight (OPTIONS) carries Access-Control-Request-Private-Network: true;\n# answer it with status 204 and:\nAccess-Control-Allow-Origin: {origin}\nAccess-Control-Allow-Methods: GET,POST,OPTIONS\nAccess-Control-Allow-Headers: content-type\nAccess-Control-Allow-Private-Network: true\nVary: Origin\n\n# Every actual response\nAccess-Control-Allow-Origin: {origin}\nVary: Origin"
            ),
        }]),
        InsecureLocalNetwork | InsecurePrivateNetwork => Some(vec![crate::fix::Fix {
            target: "client".to_string(),
            title: "Serve the page over HTTPS (a secure context)".to_string(),
            text: format!(
                "# Chrome lets only a secure context call a more private network: serve the page
# ({origin}) over https:// (a certificate from Let's Encrypt, or your host's).
# The local server then answers the preflight it asks for (Access-Control-Allow-Origin and,
# for older Chrome, Access-Control-Allow-Private-Network: true).
# http://localhost pages are secure contexts already: a page served from
# http://<an IP or a name> is not.
# Testing only: chrome://flags, \"Block insecure private network requests\" → Disabled
# (an enterprise policy can also allow it for named origins)."
            ),
        }]),
        LocalNetworkAccessPermissionDenied
        | PrivateNetworkAccessPermissionDenied
        | PrivateNetworkAccessPermissionUnavailable => Some(vec![crate::fix::Fix {
            target: "client".to_string(),
            title: "Allow Local Network Access for the site".to_string(),
            text: format!(
                "# The user (or a policy) must allow it; no header does. In Chrome: the icon left of
# the address bar on {origin} → Site settings → Local network access → Allow, then reload.
# An iframe needs the embedding page to delegate it:
<iframe src=\"…\" allow=\"local-network-access\"></iframe>
# Managed browsers: the LocalNetworkAccessAllowedForUrls policy can allow the origin.
# The page can name the target space so Chrome asks before sending:
fetch(url, {{ targetAddressSpace: 'loopback' }})   // or 'local' for the LAN"
            ),
        }]),
        InvalidLocalNetworkAccess
        | InvalidPrivateNetworkAccess
        | UnexpectedPrivateNetworkAccess
        | PreflightMissingPrivateNetworkAccessId
        | PreflightMissingPrivateNetworkAccessName => Some(Vec::new()),
        _ => None,
    }
}

/// The browser's words alone ("no Access-Control-Allow-Origin", "not an ok
/// status") do not tell the cause; the generic fixes for the likely causes
/// still apply, each titled with the condition it rests on.
fn conditional_fixes(
    x: &Exchange,
    v: &Verdict,
    ctx: &FixContext,
    platform: Option<Platform>,
) -> Vec<crate::fix::Fix> {
    use crate::verdict::CorsError;
    if v.computed {
        return Vec::new();
    }
    if x.observed.is_none() {
        // A blocked capture without the response (a HAR whose response Chrome
        // dropped): only the platform the URL names aims fixes at anything.
        let Some(p) = platform.filter(|_| v.blocked) else {
            return Vec::new();
        };
        let mut c = ctx.clone();
        let (cause, condition) = if v.preflight_reasons.is_empty() {
            (
                CauseKind::ResponseMissingCors,
                "If the response lacks CORS headers",
            )
        } else {
            (
                CauseKind::PreflightFailed,
                "If the preflight (OPTIONS) is not routed, is rejected or lacks CORS headers",
            )
        };
        c.cause = Some(cause);
        return suggest_for_platform(&c, p)
            .into_iter()
            .map(|mut f| {
                f.title = format!("{condition}: {}", f.title);
                f
            })
            .collect();
    }
    let obs = x.observed.as_ref();
    // Firefox's "CORS header 'Access-Control-Allow-Origin' missing" and Safari's
    // "Origin … is not allowed by Access-Control-Allow-Origin" do not say which
    // fetch failed: the fixes cover both.
    let unnamed_acao = v.cors_error.is_none()
        && obs.is_some_and(|o| {
            o.firefox_key.as_deref() == Some("CORSMissingAllowOrigin2")
                || (o.browser == crate::exchange::Browser::Safari
                    && o.text
                        .contains("is not allowed by Access-Control-Allow-Origin"))
        });
    // (A 204 without the header is most often the preflight's, as the summary ranks it.)
    let error = if unnamed_acao && ctx.status == Some(204) {
        Some(CorsError::PreflightMissingAllowOriginHeader)
    } else if unnamed_acao {
        Some(CorsError::MissingAllowOriginHeader)
    } else {
        v.cors_error
    };
    let (cause, condition) = match error {
        // A server error or a limit at the preflight: what answered it failed, not its routing.
        Some(CorsError::PreflightMissingAllowOriginHeader | CorsError::PreflightInvalidStatus)
            if ctx
                .status
                .is_some_and(|s| matches!(s, 429 | 500 | 502 | 503 | 504)) =>
        {
            (
                CauseKind::GatewayError,
                "If a gateway, proxy or the server failed the OPTIONS request with an error without CORS headers",
            )
        }
        Some(CorsError::PreflightMissingAllowOriginHeader) if ctx.status == Some(204) => (
            CauseKind::PreflightFailed,
            "If the preflight (OPTIONS) got that 204 without CORS headers",
        ),
        Some(CorsError::PreflightMissingAllowOriginHeader | CorsError::PreflightInvalidStatus) => (
            CauseKind::PreflightFailed,
            "If OPTIONS is not routed or is rejected (401/403/404)",
        ),
        Some(CorsError::MissingAllowOriginHeader)
            if ctx
                .status
                .is_some_and(|s| matches!(s, 401 | 403 | 413 | 429 | 502 | 503 | 504)) =>
        {
            (
                CauseKind::GatewayError,
                "If a gateway or proxy generated this error without CORS headers",
            )
        }
        // (A 2xx is no error response.)
        Some(CorsError::MissingAllowOriginHeader)
            if ctx.status.is_some_and(|s| (200..300).contains(&s)) =>
        {
            (
                CauseKind::ResponseMissingCors,
                "If the response lacks CORS headers",
            )
        }
        Some(CorsError::MissingAllowOriginHeader) => (
            CauseKind::ResponseMissingCors,
            "If the error response (or every response) lacks CORS headers",
        ),
        // A message without its reason (cut short) about a server whose stack the words or
        // the URL name: that stack's own CORS setting.
        None if v.blocked
            && (!ctx.stacks_named.is_empty()
                || crate::gateway::served_by::ollama(&x.request.url)) =>
        {
            (
                CauseKind::ResponseMissingCors,
                "If the server's CORS settings refuse this origin",
            )
        }
        _ => return Vec::new(),
    };
    // A well-known API that answers no page: whatever its answer was, the page's server calls
    // it (no condition to put before that).
    if let Some(api) = crate::gateway::served_by::server_only_api(&x.request.url) {
        return vec![crate::fix::server_only_api(ctx, api)];
    }
    // Backblaze B2's account API answers no CORS request: the server must call it.
    if platform == Some(Platform::BackblazeB2)
        && crate::cause::b2_account_call(&x.request.url).is_some()
    {
        return vec![crate::fix::storage_b2_server_side(ctx)];
    }
    // Object storage has no routes or error paths to fix: its CORS rules decide.
    let condition = if platform
        .and_then(Platform::gateway)
        .is_some_and(crate::gateway::Gateway::is_storage)
    {
        "If no CORS rule of the bucket matches the request"
    } else {
        condition
    };
    let mut c = ctx.clone();
    c.cause = Some(cause);
    // The message does not show the headers the code sets: whether the request needs a
    // preflight is unknown. A failed preflight's fix covers both; an actual response's needs
    // none (a preflight, if one was sent, passed).
    let at_preflight = error.is_some_and(CorsError::is_preflight);
    if x.source == crate::exchange::InputKind::ConsoleError && at_preflight {
        c.simple_request = false;
    }
    // A public CDN's fixes are the page's whatever answered: no condition on them.
    let open_cdn = crate::cause::open_cdn(&x.request.url).is_some();
    let mut fixes = suggest_with(&c, platform);
    // API Gateway with the status hidden: its own errors (a throttle's 429, an authorizer's
    // 401) are the likeliest, as the summary ranks them: the REST API's Gateway Responses
    // before the Lambda function's headers.
    if platform == Some(Platform::AwsApiGateway)
        && cause == CauseKind::ResponseMissingCors
        && ctx.status.is_none()
    {
        let (lambda, rest): (Vec<_>, Vec<_>) = fixes
            .into_iter()
            .partition(|f| f.target.starts_with("lambda-"));
        let at = rest
            .iter()
            .take_while(|f| f.title.starts_with("REST API"))
            .count();
        let mut rest = rest;
        let tail = rest.split_off(at);
        fixes = rest.into_iter().chain(lambda).chain(tail).collect();
    }
    fixes
        .into_iter()
        .map(|mut f| {
            if !(open_cdn && f.target == "client") {
                f.title = format!("{condition}: {}", f.title);
            }
            f
        })
        .collect()
}

/// The fixes that let the API's own error answer to `x` reach the page: CORS headers on
/// the gateway's or server's error responses, as for a gateway error, not a route or an
/// `OPTIONS` method for this URL. For a request sent on purpose to a path the API does not
/// have (`whycors check`'s probe), where the finding's own fixes would add one.
pub(crate) fn error_answer_fixes(x: &Exchange, o: &Options) -> Vec<crate::fix::Fix> {
    let v = evaluate(
        x,
        &VerdictOptions {
            reads: o.reads.clone(),
        },
    );
    let d = determine(x, &v);
    let mut ctx = fix_context(x, &v, &d.cause, o);
    ctx.cause = Some(CauseKind::GatewayError);
    ctx.stage = Some(crate::verdict::Stage::Response);
    ctx.cors_error = None;
    let platform = d.cause.platform.as_ref().map(|h| h.platform);
    let mut fixes = suggest_with(&ctx, platform);
    if o.redact {
        redact_fixes(&mut fixes);
    }
    fixes
}

/// The fixes, aimed at the platform the URL's host names when there is one.
fn suggest_with(ctx: &FixContext, platform: Option<Platform>) -> Vec<crate::fix::Fix> {
    match platform {
        Some(p) => suggest_for_platform(ctx, p),
        None => suggest(ctx),
    }
}

/// What a Firefox message that names no stage says is wrong, as the Chromium error whose
/// fixes answer it (the response's form: the fixes are the same for the preflight).
/// Firefox joins a repeated Access-Control-Allow-Origin with ", " and may report it as not
/// matching ("does not match '*, *'").
fn firefox_fix_error(x: &Exchange) -> Option<String> {
    let o = x.observed.as_ref()?;
    let param = o.failed_parameter.as_deref().unwrap_or("");
    Some(
        match o.firefox_key.as_deref()? {
            "CORSMultipleAllowOriginNotAllowed" => "MultipleAllowOriginValues",
            "CORSAllowOriginNotMatchingOrigin" if param.contains(',') => {
                "MultipleAllowOriginValues"
            }
            "CORSAllowOriginNotMatchingOrigin" if param.trim() == "*" => "WildcardOriginNotAllowed",
            "CORSAllowOriginNotMatchingOrigin" => "AllowOriginMismatch",
            "CORSNotSupportingCredentials" => "WildcardOriginNotAllowed",
            "CORSMissingAllowCredentials" => "InvalidAllowCredentials",
            _ => return None,
        }
        .to_string(),
    )
}

fn fix_context(x: &Exchange, v: &Verdict, c: &crate::cause::Cause, o: &Options) -> FixContext {
    // A CORS response header set on the request is removed from the page, not allowed.
    let mut request_headers = crate::fetch::safelist::preflight_header_names(x);
    request_headers.retain(|h| !crate::fetch::safelist::is_cors_response_header(h));
    // The header the browser named as not allowed, when the input shows no request headers
    // (Safari's message names it, nothing else does).
    if let (Some(crate::verdict::CorsError::HeaderDisallowedByPreflightResponse), Some(h)) =
        (v.cors_error, v.failed_parameter.as_deref().map(str::trim))
    {
        let h = h.to_ascii_lowercase();
        if !h.is_empty()
            && !crate::fetch::safelist::is_cors_response_header(&h)
            && !request_headers.iter().any(|r| r.eq_ignore_ascii_case(&h))
        {
            request_headers.push(h);
            request_headers.sort();
        }
    }
    // A client library's headers come together, and the browser names only the first it
    // refused: allowing that one alone makes the next preflight fail on the next.
    let mut expose: Vec<String> = v.not_exposed.clone();
    for (family, read) in crate::fix::header_families(&request_headers) {
        for h in family {
            if !request_headers.iter().any(|r| r == h) {
                request_headers.push((*h).to_string());
            }
        }
        for h in read {
            if !expose.iter().any(|e| e.eq_ignore_ascii_case(h)) {
                expose.push((*h).to_string());
            }
        }
        request_headers.sort();
    }
    for r in &o.reads {
        if !expose.iter().any(|e| e.eq_ignore_ascii_case(r)) {
            expose.push(r.clone());
        }
    }
    FixContext {
        cause: Some(c.kind),
        cors_error: v
            .cors_error
            .map(|e| e.name().to_string())
            .or_else(|| firefox_fix_error(x)),
        origin: x.page_origin.clone().or_else(|| listed_origin(v)),
        url: x.request.url.clone(),
        method: x.request.method.clone(),
        method_unknown: x.request.method_known == Known::Unknown,
        request_headers,
        expose_headers: expose,
        credentials: v.credentials.is_include(),
        refused_header: (v.cors_error
            == Some(crate::verdict::CorsError::HeaderDisallowedByPreflightResponse))
        .then(|| {
            v.failed_parameter
                .as_deref()
                .map(|h| h.trim().to_ascii_lowercase())
        })
        .flatten()
        .filter(|h| !h.is_empty()),
        server_allows_credentials: {
            let allows = |r: &crate::exchange::Response| {
                r.headers
                    .get("access-control-allow-credentials")
                    .is_some_and(|v| v.trim() == "true")
            };
            x.response.as_ref().is_some_and(allows)
                || x.captured_preflight()
                    .and_then(|p| p.response.as_ref())
                    .is_some_and(allows)
        },
        gateway: c.gateway,
        gateway_response: c.gateway_response.clone(),
        status: c.status,
        stage: c.stage,
        redirect_location: match v.failed {
            // The new preflight to a redirect target failed: name that target.
            Some(crate::verdict::Subject::RedirectPreflight(i)) => {
                x.redirects.get(i).and_then(|r| r.target())
            }
            // The preflight itself was redirected: where to.
            Some(crate::verdict::Subject::Preflight)
                if v.cors_error == Some(crate::verdict::CorsError::PreflightDisallowedRedirect) =>
            {
                x.captured_preflight()
                    .and_then(|p| p.response.as_ref())
                    .and_then(|r| r.location())
                    .or_else(|| x.observed.as_ref().and_then(|o| o.redirected_to.clone()))
            }
            _ => x
                .redirects
                .last()
                .and_then(|r| r.response.location())
                .or_else(|| x.observed.as_ref().and_then(|o| o.redirected_to.clone())),
        },
        missing_vary: v.missing_vary,
        authorization_under_wildcard: v.authorization_under_wildcard,
        simple_request: v.preflight_reasons.is_empty(),
        page_block: x.page_block.clone(),
        allowed_headers: preflight_allows(x, "access-control-allow-headers")
            .chain(x.allow_lists_said.1.iter().map(String::as_str))
            .map(|h| h.to_ascii_lowercase())
            .collect(),
        allowed_methods: preflight_allows(x, "access-control-allow-methods")
            .chain(x.allow_lists_said.0.iter().map(String::as_str))
            .map(str::to_string)
            .collect(),
        initiator: x.request.initiator,
        framework: crate::gateway::framework_of(x),
        other_stack: crate::gateway::names_other_stack(x),
        stacks_named: x.stacks_named.clone(),
        iac_named: x.iac_named,
        not_theirs: x.not_theirs_said_on.is_some(),
        star_twice: v
            .cors_error
            .is_some_and(|e| e.name().ends_with("MultipleAllowOriginValues"))
            && v.failed_parameter
                .as_deref()
                .is_some_and(|p| p.split(',').count() > 1 && p.split(',').all(|s| s.trim() == "*")),
        origin_list: origin_list(x, v),
    }
}

/// Several different origins in Access-Control-Allow-Origin, none `*`, and no captured answer
/// with the header on two lines: one layer's list, not two layers each adding the header.
fn origin_list(x: &Exchange, v: &Verdict) -> bool {
    if !v
        .cors_error
        .is_some_and(|e| e.name().ends_with("MultipleAllowOriginValues"))
    {
        return false;
    }
    let Some(values) = v.failed_parameter.as_deref() else {
        return false;
    };
    let parts: Vec<&str> = values
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let different = parts.len() > 1 && parts.iter().any(|p| *p != parts[0]);
    let two_lines = x
        .captured_preflight()
        .and_then(|p| p.response.as_ref())
        .into_iter()
        .chain(x.response.as_ref())
        .any(|r| r.headers.count("access-control-allow-origin") > 1);
    different && !parts.contains(&"*") && !two_lines
}

/// The items of one of the preflight answer's allow lists, every line of it, `*` left out.
fn preflight_allows<'a>(x: &'a Exchange, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    x.captured_preflight()
        .and_then(|p| p.response.as_ref())
        .into_iter()
        .flat_map(move |r| r.headers.get_all(name))
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|i| !i.is_empty() && *i != "*")
}

/// With the page's origin not known: the one origin an Allow-Origin sent twice or as a list
/// names beside `*` (`'https://app.example, *'`): the page's, which one layer allows and the
/// other's `*` spoils.
fn listed_origin(v: &Verdict) -> Option<String> {
    use crate::verdict::CorsError as E;
    if !matches!(
        v.cors_error,
        Some(E::MultipleAllowOriginValues | E::PreflightMultipleAllowOriginValues)
    ) {
        return None;
    }
    let mut named = v
        .failed_parameter
        .as_deref()?
        .split(',')
        .map(str::trim)
        .filter(|o| *o != "*" && !o.is_empty());
    let first = named.next()?;
    (named.all(|o| o == first) && first.contains("://")).then(|| first.to_string())
}

/// Firefox's key and the console lines of Chrome and Firefox.
fn browser_words(x: &Exchange, v: &Verdict) -> (Option<String>, Option<String>, Option<String>) {
    use crate::browser_text::{
        chrome_console, firefox_console, firefox_for, FirefoxKey, Initiator,
    };
    let observed_key = x
        .observed
        .as_ref()
        .and_then(|o| o.firefox_key.as_deref())
        .and_then(FirefoxKey::from_name);
    let failed_status = v
        .failed
        .and_then(|s| crate::cause::subject_response(x, v, s))
        .map(|r| r.status)
        .filter(|s| *s != 0);
    // Gecko checks a preflight response like any CORS response first
    // (nsCORSListenerProxy: Allow-Origin, then Allow-Credentials), then its
    // status (nsCORSPreflightListener: "CORS preflight response did not
    // succeed"), then the methods and headers: a non-2xx preflight whose
    // Allow-Origin passed is that, whatever Chromium names after it.
    let hop_target = match v.failed {
        Some(crate::verdict::Subject::RedirectPreflight(i)) => {
            x.redirects.get(i).and_then(|h| h.target())
        }
        _ => None,
    };
    let origin_check = matches!(
        v.cors_error,
        Some(
            crate::verdict::CorsError::PreflightMissingAllowOriginHeader
                | crate::verdict::CorsError::PreflightMultipleAllowOriginValues
                | crate::verdict::CorsError::PreflightInvalidAllowOriginValue
                | crate::verdict::CorsError::PreflightAllowOriginMismatch
                | crate::verdict::CorsError::PreflightWildcardOriginNotAllowed
                | crate::verdict::CorsError::PreflightInvalidAllowCredentials
        )
    );
    let preflight_bad_status = (v.failed == Some(crate::verdict::Subject::Preflight)
        || hop_target.is_some())
        && !origin_check
        && failed_status.is_some_and(|s| !(200..=299).contains(&s) && !(300..=399).contains(&s));
    let firefox_said = x
        .observed
        .as_ref()
        .is_some_and(|o| o.browser == crate::exchange::Browser::Firefox);
    // Firefox's own parameter, where it names something other than Chromium's.
    let mut firefox_param: Option<String> = v.failed_parameter.clone();
    // A redirect the browser refused (credentials in its Location, a non-HTTP(S)
    // or invalid one): Firefox says its request "did not succeed", no status,
    // at the URL that answered with the redirect.
    let refused_redirect = v.cors_error
        == Some(crate::verdict::CorsError::RedirectContainsCredentials)
        || v.network_error.as_deref().is_some_and(|e| {
            e.ends_with("ERR_UNSAFE_REDIRECT") || e.ends_with("ERR_INVALID_REDIRECT")
        });
    let mut gecko_status = None;
    let key = if preflight_bad_status {
        Some(FirefoxKey::CORSPreflightDidNotSucceed3)
    } else if firefox_said && observed_key.is_some() {
        // Firefox's own words, when it is the browser that printed them.
        if let Some(p) = x.observed.as_ref().and_then(|o| o.failed_parameter.clone()) {
            firefox_param = Some(p);
        }
        observed_key
    } else if refused_redirect {
        Some(FirefoxKey::CORSDidNotSucceed2)
    } else if let Some(g) = &v.gecko_hop {
        // Firefox's preflight at the redirect target passed (see GeckoHop).
        match g {
            crate::verdict::GeckoHop::ResponseFails(f) => {
                firefox_param = Some(f.failed_parameter.clone());
                gecko_status = x.response.as_ref().map(|r| r.status).filter(|s| *s != 0);
                firefox_for(f.error)
            }
            _ => None,
        }
    } else if let Some((k, p)) = gecko_preflight_words(v) {
        firefox_param = p;
        k
    } else if single_acao_list(x, v) {
        // Gecko's "multiple" is about the header appearing twice; one header
        // listing two origins simply does not match (its whole value quoted).
        Some(FirefoxKey::CORSAllowOriginNotMatchingOrigin)
    } else {
        v.cors_error.and_then(firefox_for).or(observed_key)
    };
    if !v.blocked && key.is_none() {
        return (None, None, None);
    }
    // Chrome's own "Access to fetch at 'T' (redirected from 'U')" pasted: the
    // input has no redirect hop, but the message names where it ended.
    let said_target = x
        .observed
        .as_ref()
        .filter(|o| x.redirects.is_empty() && !o.redirect_failed)
        .and_then(|o| o.redirected_to.as_deref())
        .filter(|t| !t.is_empty());
    let final_url = said_target.map_or_else(|| x.final_url(), str::to_string);
    // Chrome's message for the new preflight to a redirect's target, pasted alone, names
    // that target.
    let said_preflight_target =
        said_target.filter(|_| v.cors_error.is_some_and(|e| e.is_preflight()));
    let redirected_from =
        (!x.redirects.is_empty() || said_target.is_some()).then_some(x.request.url.as_str());
    let origin = v
        .origin_sent
        .clone()
        .or_else(|| x.page_origin.clone())
        .unwrap_or_else(|| "<your page's origin>".to_string());
    let chrome = v.cors_error.map(|e| {
        // A preflight to a redirect target is named at that target, redirected
        // from the URL the page called.
        let (url, redirected_from) = match (&hop_target, e.is_preflight()) {
            (Some(t), _) => (t.as_str(), Some(x.request.url.as_str())),
            (None, true) => match said_preflight_target {
                Some(t) => (t, Some(x.request.url.as_str())),
                None => (x.request.url.as_str(), None),
            },
            (None, false) => (final_url.as_str(), redirected_from),
        };
        // Chromium names the page's origin, not the tainted `null`.
        let page = x.page_origin.clone().unwrap_or_else(|| origin.clone());
        // A message that did not name the method or header (Firefox's "Did not find
        // method …") gets the verdict's placeholder, not an empty name.
        let param = v
            .failed_parameter
            .as_deref()
            .filter(|p| !p.is_empty())
            .or(crate::verdict::unnamed_parameter(e))
            .or(v.failed_parameter.as_deref());
        chrome_console(
            e,
            param.map(chrome_console_escape).as_deref(),
            if url.is_empty() { UNNAMED_URL } else { url },
            &page,
            redirected_from,
            x.request.initiator.unwrap_or(Initiator::Fetch),
        )
    });
    let status = failed_status.or_else(|| x.observed.as_ref().and_then(|o| o.status));
    let firefox_line = key.map(|k| {
        let url = if refused_redirect && !firefox_said {
            refused_redirect_from(x)
        } else if let Some(t) = &hop_target {
            t.clone()
        } else if let Some(t) = said_preflight_target {
            t.to_string()
        } else if v.cors_error.is_some_and(|e| e.is_preflight()) {
            x.request.url.clone()
        } else {
            final_url.clone()
        };
        let url = if url.is_empty() {
            UNNAMED_URL.to_string()
        } else {
            url
        };
        let status = if refused_redirect && !firefox_said {
            None
        } else if v.gecko_hop.is_some() {
            gecko_status
        } else {
            status
        };
        firefox_console(k, &url, firefox_param.as_deref(), status)
    });
    (key.map(|k| k.name().to_string()), chrome, firefox_line)
}

/// Firefox's key and parameter where its preflight check fails otherwise than
/// Chromium's (see [`crate::fetch::preflight::GeckoPreflightFailure`]).
#[allow(clippy::type_complexity)]
fn gecko_preflight_words(
    v: &Verdict,
) -> Option<(Option<crate::browser_text::FirefoxKey>, Option<String>)> {
    use crate::browser_text::{firefox_for, FirefoxKey as K};
    use crate::fetch::preflight::GeckoPreflightFailure as G;
    use crate::verdict::CorsError::*;
    let lists_failed = matches!(
        v.cors_error,
        Some(
            InvalidAllowMethodsPreflightResponse
                | InvalidAllowHeadersPreflightResponse
                | MethodDisallowedByPreflightResponse
                | HeaderDisallowedByPreflightResponse
        )
    );
    let redirected = v.cors_error == Some(PreflightDisallowedRedirect);
    Some(match v.gecko_preflight.as_ref()? {
        G::InvalidMethodToken(t) if lists_failed => {
            (Some(K::CORSInvalidAllowMethod), Some(t.clone()))
        }
        G::MethodNotFound if lists_failed => (Some(K::CORSMethodNotFound), None),
        G::InvalidHeaderToken(t) if lists_failed => {
            (Some(K::CORSInvalidAllowHeader), Some(t.clone()))
        }
        G::HeaderNotAllowed(h) if lists_failed => (
            Some(K::CORSMissingAllowHeaderFromPreflight2),
            Some(h.clone()),
        ),
        G::RedirectFailsOrigin(f) if redirected => {
            (firefox_for(f.error), Some(f.failed_parameter.clone()))
        }
        _ => return None,
    })
}

/// Chromium's "multiple values" from one Access-Control-Allow-Origin header
/// that lists several origins (not from the header repeated).
fn single_acao_list(x: &Exchange, v: &Verdict) -> bool {
    use crate::verdict::CorsError::*;
    matches!(
        v.cors_error,
        Some(MultipleAllowOriginValues | PreflightMultipleAllowOriginValues)
    ) && v
        .failed
        .and_then(|s| crate::cause::subject_response(x, v, s))
        .is_some_and(|r| r.headers.get_all("access-control-allow-origin").count() == 1)
}

/// The URL whose redirect the browser refused: the last response in the chain
/// that names a Location.
fn refused_redirect_from(x: &Exchange) -> String {
    if x.response.as_ref().is_some_and(|r| r.location().is_some()) {
        return x.final_url();
    }
    x.redirects
        .iter()
        .rev()
        .find(|h| h.response.location().is_some())
        .map_or_else(|| x.request.url.clone(), |h| h.url.clone())
}

/// curl commands for the preflight the browser sends and the actual request.
fn reproduce(x: &Exchange, v: &Verdict, redact_secrets: bool) -> Vec<String> {
    // curl cannot show a browser's view of file: or data: URLs.
    let not_http = crate::fetch::origin::scheme_of(&x.request.url)
        .is_some_and(|s| s != "http" && s != "https");
    // The page itself refused to send it (CSP, mixed content): the server's answer is not
    // the question, and a curl command would suggest it is.
    // Chrome refused it for its address space before sending it (an insecure page calling a
    // more private network): no server answer to see either.
    let never_sent = v.cors_error.is_some_and(crate::verdict::never_sent);
    if x.request.url.is_empty() || not_http || x.page_block.is_some() || never_sent {
        return Vec::new();
    }
    let url = if redact_secrets {
        redact::url(&x.request.url).into_owned()
    } else {
        x.request.url.clone()
    };
    let origin = x
        .page_origin
        .clone()
        .unwrap_or_else(|| "https://your-app.example".to_string());
    // A console message that does not name the method: a placeholder, not a
    // guess that looks like a fact.
    let method = if x.request.method_known == Known::Unknown {
        "<METHOD>"
    } else {
        x.request.method.as_str()
    };
    let mut out = Vec::new();
    if !v.preflight_reasons.is_empty() {
        let mut c = format!(
            "curl -i -X OPTIONS {} -H {} -H {}",
            crate::shell::quote(&url),
            crate::shell::quote(&format!("Origin: {origin}")),
            crate::shell::quote(&format!("Access-Control-Request-Method: {method}"))
        );
        if let Some(acrh) =
            crate::fetch::safelist::access_control_request_headers(&x.request.headers)
        {
            c.push_str(&format!(
                " -H {}",
                crate::shell::quote(&format!("Access-Control-Request-Headers: {acrh}"))
            ));
        }
        out.push(c);
    }
    let mut c = String::from("curl -i");
    if method.eq_ignore_ascii_case("HEAD") {
        // `-X HEAD` makes curl wait for a body that never comes: `-I` sends HEAD.
        c = String::from("curl -I");
    } else if method != "GET" {
        c.push_str(&format!(" -X {}", crate::shell::quote(method)));
    }
    c.push(' ');
    c.push_str(&crate::shell::quote(&url));
    c.push_str(&format!(
        " -H {}",
        crate::shell::quote(&format!("Origin: {origin}"))
    ));
    for h in x.request.headers.iter() {
        let value = if h.value.is_empty() {
            // Only the name is known (from Access-Control-Request-Headers).
            "<value>".to_string()
        } else if redact_secrets {
            redact::header_value(&h.name, &h.value).into_owned()
        } else {
            h.value.clone()
        };
        c.push_str(&format!(
            " -H {}",
            crate::shell::quote(&format!("{}: {value}", h.name))
        ));
    }
    if v.credentials.is_include() {
        c.push_str(if redact_secrets {
            " -H 'Cookie: <your cookies>'"
        } else {
            " -b cookies.txt"
        });
    }
    out.push(c);
    // The new preflights the browser sends to redirect targets.
    for hp in v
        .redirect_preflights
        .iter()
        .filter(|p| !p.reasons.is_empty())
    {
        let target = if redact_secrets {
            redact::url(&hp.url).into_owned()
        } else {
            hp.url.clone()
        };
        let sent_origin = hp.origin.clone().unwrap_or_else(|| origin.clone());
        let mut c = format!(
            "curl -i -X OPTIONS {} -H {} -H {}",
            crate::shell::quote(&target),
            crate::shell::quote(&format!("Origin: {sent_origin}")),
            crate::shell::quote(&format!("Access-Control-Request-Method: {}", hp.method))
        );
        let acrh = x
            .redirects
            .get(hp.hop)
            .and_then(|h| h.preflight.captured())
            .and_then(|p| p.request_headers.get("access-control-request-headers"))
            .or_else(|| hp.request_headers.as_deref().map(Cow::Borrowed));
        if let Some(acrh) = acrh {
            c.push_str(&format!(
                " -H {}",
                crate::shell::quote(&format!("Access-Control-Request-Headers: {acrh}"))
            ));
        }
        out.push(c);
    }
    out
}
