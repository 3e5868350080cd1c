//! The root cause: exactly one kind per finding, from the verdict, the
//! fingerprints and the replay.

use crate::gateway::Gateway;
use crate::verdict::Stage;
use serde::{Deserialize, Serialize};

/// What really went wrong (issue #2 §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    /// The page can read the response.
    Ok,
    /// A gateway, CDN, WAF or proxy generated the response that failed the CORS
    /// check, without CORS headers; the real problem is that error.
    GatewayError,
    /// Nothing handles OPTIONS for that URL.
    PreflightMissing,
    /// Something handles OPTIONS but rejects or breaks it.
    PreflightFailed,
    /// CORS headers present but wrong, on the preflight or the response.
    HeaderMismatch,
    /// The application's own actual response has no Access-Control-Allow-Origin.
    ResponseMissingCors,
    /// The actual request was redirected and the redirect broke CORS.
    Redirect,
    /// Not blocked, but a header the page reads is not exposed.
    HeaderNotExposed,
    /// No HTTP response at all: not CORS.
    NetworkError,
    /// Not enough evidence.
    Unknown,
}

impl CauseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CauseKind::Ok => "ok",
            CauseKind::GatewayError => "gateway_error",
            CauseKind::PreflightMissing => "preflight_missing",
            CauseKind::PreflightFailed => "preflight_failed",
            CauseKind::HeaderMismatch => "header_mismatch",
            CauseKind::ResponseMissingCors => "response_missing_cors",
            CauseKind::Redirect => "redirect",
            CauseKind::HeaderNotExposed => "header_not_exposed",
            CauseKind::NetworkError => "network_error",
            CauseKind::Unknown => "unknown",
        }
    }
}

/// The cause as the report shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cause {
    pub kind: CauseKind,
    pub stage: Option<Stage>,
    pub status: Option<u16>,
    pub gateway: Option<Gateway>,
    pub gateway_response: Option<String>,
}

use crate::exchange::{Exchange, Response};
use crate::gateway::{identify, Fingerprint};
use crate::verdict::{CorsError, Subject, Verdict};

/// The cause with its plain-language explanation and evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    pub cause: Cause,
    pub summary: String,
    pub evidence: Vec<String>,
    /// The fingerprint of the response that matters, when one was found.
    pub fingerprint: Option<Fingerprint>,
    /// What the browser hid from the page, for gateway errors.
    pub hidden: Option<String>,
}

/// The response a verdict's failure is about.
pub fn subject_response<'a>(x: &'a Exchange, v: &Verdict, s: Subject) -> Option<&'a Response> {
    match s {
        Subject::Preflight => {
            let captured = x
                .captured_preflight()
                .and_then(|p| p.response.as_ref())
                .filter(|r| r.is_known());
            captured.or_else(|| x.replay.as_ref().and_then(|r| r.preflight.as_ref()))
        }
        Subject::Redirect(i) => x.redirects.get(i).map(|r| &r.response),
        Subject::RedirectPreflight(i) => x
            .redirects
            .get(i)
            .and_then(|h| h.preflight.captured())
            .and_then(|p| p.response.as_ref())
            .filter(|r| r.is_known()),
        Subject::Response => {
            let captured = x.response.as_ref().filter(|r| r.is_known());
            if v.from_replay || captured.is_none() {
                x.replay
                    .as_ref()
                    .and_then(|r| r.response.as_ref())
                    .or(captured)
            } else {
                captured
            }
        }
    }
}

fn has_any_cors_header(r: &Response) -> bool {
    r.headers
        .iter()
        .any(|h| h.name.to_ascii_lowercase().starts_with("access-control-"))
}

fn status_phrase(status: u16) -> String {
    match crate::exchange::reason_phrase(status) {
        "" => format!("{status}"),
        reason => format!("{status} {reason}"),
    }
}

fn gateway_words(fp: &Fingerprint) -> String {
    match &fp.error {
        Some(e) => format!(
            "{} ({e} response)",
            fp.gateway.name().replace(" (", ", ").replace(')', "")
        ),
        None => fp.gateway.name().to_string(),
    }
}

/// Name the root cause of a verdict.
pub fn determine(x: &Exchange, v: &Verdict) -> Diagnosis {
    let mut evidence: Vec<String> = Vec::new();
    let mk = |kind, stage, status, fp: Option<&Fingerprint>| Cause {
        kind,
        stage,
        status,
        gateway: fp.map(|f| f.gateway),
        gateway_response: fp.and_then(|f| f.error.clone()),
    };
    if let Some(d) = &v.detail {
        evidence.push(d.clone());
    }

    // Not CORS at all.
    if let Some(err) = &v.network_error {
        evidence.push(format!("network error: {err}"));
        return Diagnosis {
            cause: mk(CauseKind::NetworkError, v.stage, None, None),
            summary: format!(
                "The request never got an HTTP response ({err}): this is a network problem, not CORS{}.",
                network_hint(err)
            ),
            evidence,
            fingerprint: None,
            hidden: None,
        };
    }

    if !v.blocked {
        let resp = subject_response(x, v, Subject::Response);
        let fp = resp.and_then(|r| identify(r, &x.final_url()));
        if !v.not_exposed.is_empty() {
            let names = v.not_exposed.join(", ");
            return Diagnosis {
                cause: mk(
                    CauseKind::HeaderNotExposed,
                    Some(crate::verdict::Stage::Response),
                    resp.map(|r| r.status),
                    fp.as_ref(),
                ),
                summary: format!(
                    "The browser lets the page read the response, but not the header{} {names}: the response does not list {} in Access-Control-Expose-Headers.",
                    if v.not_exposed.len() > 1 { "s" } else { "" },
                    if v.not_exposed.len() > 1 { "them" } else { "it" }
                ),
                evidence: v
                    .checks
                    .iter()
                    .filter(|c| !c.passed)
                    .map(|c| c.text.clone())
                    .collect(),
                fingerprint: fp,
                hidden: None,
            };
        }
        if v.computed && resp.is_some() {
            return Diagnosis {
                cause: mk(CauseKind::Ok, None, resp.map(|r| r.status), None),
                summary: if v.warnings.is_empty() {
                    "The browser allows this request: the page can read the response.".to_string()
                } else {
                    "The browser allows this request, with a warning worth fixing.".to_string()
                },
                evidence,
                fingerprint: fp,
                hidden: None,
            };
        }
        if let Some(next) = &v.ends_at_redirect {
            let st = resp.map(|r| r.status);
            let tainted = v.origin_sent.as_deref() == Some("null");
            return Diagnosis {
                cause: mk(CauseKind::Redirect, Some(crate::verdict::Stage::Response), st, None),
                summary: format!(
                    "The API answers with a redirect ({}) to {next}, which fetch follows: the page gets the response from there, not the API's.{}",
                    st.map(status_phrase).unwrap_or_default(),
                    if tainted {
                        " After this cross-origin redirect the browser sends `Origin: null`, and a login page or another site does not allow it: the request fails with a CORS error. Answer API calls with 401 (with CORS headers) instead of redirecting them."
                    } else {
                        " That response needs CORS headers too."
                    }
                ),
                evidence,
                fingerprint: fp,
                hidden: None,
            };
        }
        return Diagnosis {
            cause: mk(CauseKind::Unknown, None, None, None),
            summary: format!(
                "Not enough evidence to decide: missing {}.",
                v.missing.join("; ")
            ),
            evidence,
            fingerprint: None,
            hidden: None,
        };
    }

    let Some(err) = v.cors_error else {
        // Blocked, but the input doesn't show why.
        let status = x.observed.as_ref().and_then(|o| o.status);
        // Firefox names no Chromium error for these, and does not say whether
        // the preflight or the response failed, but its reason still tells the kind.
        if let Some(o) = &x.observed {
            let reason = o
                .text
                .split_once("(Reason: ")
                .map(|(_, r)| r.split_once(')').map_or(r, |(r, _)| r).trim().to_string());
            let key = o.firefox_key.as_deref().unwrap_or("");
            let wrong_headers = matches!(
                key,
                "CORSNotSupportingCredentials"
                    | "CORSAllowOriginNotMatchingOrigin"
                    | "CORSMultipleAllowOriginNotAllowed"
                    | "CORSMissingAllowCredentials"
            );
            if wrong_headers {
                return Diagnosis {
                    cause: mk(CauseKind::HeaderMismatch, v.stage, status, None),
                    summary: format!(
                        "The CORS headers are wrong: Firefox reports \"{}\" (on the preflight or on the response; its message does not say which).",
                        reason.unwrap_or_else(|| key.to_string())
                    ),
                    evidence,
                    fingerprint: None,
                    hidden: None,
                };
            }
            let said = o
                .firefox_key
                .clone()
                .map(|k| format!("Firefox reports {k}"))
                .unwrap_or_else(|| "The browser reports a CORS failure".to_string());
            let hint = match status {
                Some(s) if s >= 400 => format!(
                    " with status {}: an error status without CORS headers is usually the error response of a gateway, WAF or rate limiter (or an error path of the application) that carries no CORS headers, not a CORS setting. Capture a HAR or replay the request to see which.",
                    status_phrase(s)
                ),
                Some(s) => format!(" with status {s}. Capture a HAR or replay the request to see the response headers."),
                None => ". Capture a HAR or replay the request to see the response.".to_string(),
            };
            evidence.push(format!("the browser's message: {}", o.text.trim()));
            return Diagnosis {
                cause: mk(CauseKind::Unknown, v.stage, status, None),
                summary: format!("{said}{hint}"),
                evidence,
                fingerprint: None,
                hidden: None,
            };
        }
        let missing = if v.missing.is_empty() {
            "the response headers".to_string()
        } else {
            v.missing.join("; ")
        };
        return Diagnosis {
            cause: mk(CauseKind::Unknown, v.stage, status, None),
            summary: format!("The browser blocked this request, but the input does not show why: missing {missing}."),
            evidence,
            fingerprint: None,
            hidden: None,
        };
    };

    let subject = v.failed.unwrap_or(if err.is_preflight() {
        Subject::Preflight
    } else {
        Subject::Response
    });
    let resp = subject_response(x, v, subject);
    let status = resp
        .map(|r| r.status)
        .filter(|s| *s != 0)
        .or_else(|| x.observed.as_ref().and_then(|o| o.status));
    let final_url = x.final_url();
    let hop_target = match subject {
        Subject::RedirectPreflight(i) => x.redirects.get(i).and_then(|h| h.target()),
        _ => None,
    };
    let fp = resp.and_then(|r| {
        let url = match subject {
            Subject::Preflight => x.request.url.as_str(),
            Subject::Redirect(i) => x.redirects.get(i).map(|h| h.url.as_str()).unwrap_or(""),
            Subject::RedirectPreflight(_) => hop_target.as_deref().unwrap_or(""),
            Subject::Response => final_url.as_str(),
        };
        identify(r, url)
    });
    if let Some(f) = &fp {
        evidence.extend(f.evidence.iter().cloned());
    }
    if let Some(st) = status {
        evidence.insert(
            0,
            format!(
                "{} status: {}{}",
                match subject {
                    Subject::Preflight => "preflight (OPTIONS)",
                    Subject::Redirect(_) => "redirect",
                    Subject::RedirectPreflight(_) => "preflight (OPTIONS) to the redirect target",
                    Subject::Response => "response",
                },
                status_phrase(st),
                if v.from_replay {
                    " (seen by the replay)"
                } else {
                    ""
                }
            ),
        );
    }
    let stage = v.stage;
    let no_resp = resp.is_none();
    let missing_acao = matches!(
        err,
        CorsError::MissingAllowOriginHeader | CorsError::PreflightMissingAllowOriginHeader
    );

    // Observed-only verdicts (a console message): classify from the words.
    if no_resp && !v.computed {
        // Chrome's "(redirected from '…')": the failing response is the one at
        // the redirect's target, so the redirect is what to fix.
        let redirected = !err.is_preflight()
            && x.observed
                .as_ref()
                .is_some_and(|o| o.text.contains("' (redirected from '"));
        let kind = if redirected {
            CauseKind::Redirect
        } else if missing_acao || err == CorsError::PreflightInvalidStatus {
            CauseKind::Unknown
        } else if err == CorsError::PreflightDisallowedRedirect {
            CauseKind::PreflightFailed
        } else if matches!(err, CorsError::RedirectContainsCredentials) {
            CauseKind::Redirect
        } else {
            CauseKind::HeaderMismatch
        };
        let summary = match kind {
            CauseKind::Unknown => format!(
                "The browser reports {}{}. The response's status and headers are hidden from the page, so this may be a gateway error (throttling, auth, WAF, timeout) rather than a CORS setting: capture a HAR or replay the request to see the real response.",
                err.name(),
                status.map(|s| format!(" with status {s}")).unwrap_or_default()
            ),
            CauseKind::Redirect if redirected => format!(
                "The request was redirected to another URL (often a login page when the session or token is missing), and the response there failed the CORS check ({}{}). An API called with fetch should answer 401/403 with CORS headers instead of redirecting.",
                err.name(),
                status.map(|s| format!(", status {s}")).unwrap_or_default()
            ),
            _ => format!("The browser reports {}: {}", err.name(), v.detail.clone().unwrap_or_else(|| "see the browser's message".to_string())),
        };
        return Diagnosis {
            cause: mk(kind, stage, status, None),
            summary,
            evidence,
            fingerprint: None,
            hidden: None,
        };
    }

    let generated = fp.as_ref().filter(|f| f.generated);
    match subject {
        Subject::Preflight => {
            let r = resp;
            let st = status.unwrap_or(0);
            let kind = match err {
                CorsError::PreflightDisallowedRedirect => CauseKind::PreflightFailed,
                CorsError::PreflightMissingAllowOriginHeader
                | CorsError::PreflightInvalidStatus => {
                    let no_cors = r.is_some_and(|r| !has_any_cors_header(r));
                    let missing_route = generated.is_some_and(|f| {
                        matches!(
                            f.error.as_deref(),
                            Some("MISSING_AUTHENTICATION_TOKEN")
                                | Some("RESOURCE_NOT_FOUND")
                                | Some("NOT_FOUND")
                                | Some("NO_ROUTE")
                        )
                    });
                    if missing_route || matches!(st, 404 | 405 | 501) || (is_2xx(st) && no_cors) {
                        CauseKind::PreflightMissing
                    } else if is_2xx(st) {
                        CauseKind::HeaderMismatch
                    } else {
                        CauseKind::PreflightFailed
                    }
                }
                _ => CauseKind::HeaderMismatch,
            };
            let fp_used = fp.as_ref();
            let summary = match kind {
                CauseKind::PreflightMissing => format!(
                    "Nothing handles the preflight: the OPTIONS request to this URL got {}{} without CORS headers, so the browser never sends the {} request.",
                    status_phrase(st),
                    fp_used.map(|f| format!(" from {}", gateway_words(f))).unwrap_or_default(),
                    x.request.method
                ),
                CauseKind::PreflightFailed if err == CorsError::PreflightDisallowedRedirect => format!(
                    "The preflight was redirected ({}); browsers never follow a redirect for a preflight. Serve OPTIONS at the exact URL the page calls.",
                    status_phrase(st)
                ),
                CauseKind::PreflightFailed => format!(
                    "Something rejects the preflight: OPTIONS got {}{}. {}",
                    status_phrase(st),
                    fp_used.map(|f| format!(" from {}", gateway_words(f))).unwrap_or_default(),
                    preflight_failed_hint(st, fp_used)
                ),
                _ => format!(
                    "The preflight response's CORS headers are wrong: {}.",
                    v.detail.clone().unwrap_or_default()
                ),
            };
            Diagnosis {
                cause: mk(kind, stage, status, fp_used),
                summary,
                evidence,
                fingerprint: fp,
                hidden: None,
            }
        }
        Subject::Redirect(i) => {
            let hop = x.redirects.get(i);
            Diagnosis {
                cause: mk(CauseKind::Redirect, stage, status, generated),
                summary: format!(
                    "The request was redirected ({}{}) and the redirect broke CORS: {}.",
                    status.map(status_phrase).unwrap_or_default(),
                    hop.and_then(|h| h.response.location())
                        .map(|l| format!(" to {l}"))
                        .unwrap_or_default(),
                    v.detail.clone().unwrap_or_default()
                ),
                evidence,
                fingerprint: fp,
                hidden: None,
            }
        }
        Subject::RedirectPreflight(i) => {
            let hop = x.redirects.get(i);
            let target = hop_target
                .clone()
                .unwrap_or_else(|| "the redirect target".to_string());
            let hop_status = hop
                .map(|h| status_phrase(h.response.status))
                .unwrap_or_default();
            let tainted = v
                .redirect_preflights
                .iter()
                .find(|p| p.hop == i)
                .is_some_and(|p| p.origin.as_deref() == Some("null"));
            let pre_status = status
                .map(|s| format!(" ({})", status_phrase(s)))
                .unwrap_or_default();
            Diagnosis {
                cause: mk(CauseKind::Redirect, stage, status, generated),
                summary: format!(
                    "The request was redirected ({hop_status}) to {target} and still needs a preflight there, so the browser sent a new preflight to the redirect target{}, and that preflight failed{pre_status}: {}. Answer OPTIONS at {target} with the CORS headers{}, or have the page call {target} directly so no redirect happens.",
                    if tainted { " with `Origin: null` (the redirect crossed origins)" } else { "" },
                    v.detail.clone().unwrap_or_default(),
                    if tainted { " (allowing the origin `null`)" } else { "" },
                ),
                evidence,
                fingerprint: fp,
                hidden: None,
            }
        }
        Subject::Response => {
            let tainted = v.origin_sent.as_deref() == Some("null") && !x.redirects.is_empty();
            if tainted {
                return Diagnosis {
                    cause: mk(CauseKind::Redirect, stage, status, generated),
                    summary: format!(
                        "A cross-origin redirect made the browser send `Origin: null`, and the final response at {} does not allow it: {}.",
                        x.final_url(),
                        v.detail.clone().unwrap_or_default()
                    ),
                    evidence,
                    fingerprint: fp,
                    hidden: None,
                };
            }
            if missing_acao {
                if let Some(f) = generated {
                    let hidden = format!(
                        "The page only sees a CORS error (fetch rejects with TypeError: Failed to fetch); the real answer was {} from {}: {}",
                        status.map(status_phrase).unwrap_or_else(|| "an error".to_string()),
                        gateway_words(f),
                        f.meaning.clone().unwrap_or_else(|| "an error generated by the gateway itself".to_string())
                    );
                    return Diagnosis {
                        cause: mk(CauseKind::GatewayError, stage, status, Some(f)),
                        summary: format!(
                            "Not a CORS setting: {} answered {} itself{}, and its error response carries no CORS headers, so the browser hides it behind a CORS error.",
                            f.gateway.name(),
                            status.map(status_phrase).unwrap_or_else(|| "with an error".to_string()),
                            f.error.as_ref().map(|e| format!(" ({e})")).unwrap_or_default()
                        ),
                        evidence,
                        fingerprint: fp.clone(),
                        hidden: Some(hidden),
                    };
                }
                let st = status.unwrap_or(0);
                let caveat = fp
                    .as_ref()
                    .filter(|_| st >= 400)
                    .and_then(|f| f.meaning.clone())
                    .map(|m| format!(" {m}"))
                    .unwrap_or_default();
                return Diagnosis {
                    cause: mk(CauseKind::ResponseMissingCors, stage, status, fp.as_ref()),
                    summary: format!(
                        "The {} response{} has no Access-Control-Allow-Origin header: the application{} must add CORS headers to this response{}.{caveat}",
                        x.request.method,
                        if st != 0 { format!(" ({})", status_phrase(st)) } else { String::new() },
                        fp.as_ref().map(|f| format!(" behind {}", f.gateway.name())).unwrap_or_default(),
                        if st >= 400 { ", error responses included" } else { "" }
                    ),
                    evidence,
                    fingerprint: fp,
                    hidden: None,
                };
            }
            Diagnosis {
                cause: mk(CauseKind::HeaderMismatch, stage, status, generated),
                summary: format!(
                    "The response's CORS headers are wrong: {}.",
                    v.detail.clone().unwrap_or_default()
                ),
                evidence,
                fingerprint: fp,
                hidden: None,
            }
        }
    }
}

fn is_2xx(s: u16) -> bool {
    (200..=299).contains(&s)
}

fn preflight_failed_hint(status: u16, fp: Option<&Fingerprint>) -> String {
    let base = match status {
        401 | 403 => "An authorizer, API key check or WAF runs on OPTIONS; preflights never carry credentials or tokens, so OPTIONS must be let through unauthenticated.",
        429 => "The preflight itself was throttled.",
        500..=599 => "The server failed while answering OPTIONS.",
        _ => "OPTIONS must answer 2xx with the CORS headers.",
    };
    match fp.and_then(|f| f.meaning.clone()) {
        Some(m) => format!("{base} {m}"),
        None => base.to_string(),
    }
}

fn network_hint(err: &str) -> &'static str {
    if err.contains("NAME_NOT_RESOLVED") || err.contains("resolve host") {
        ": the host name does not resolve"
    } else if err.contains("CONNECTION_REFUSED") || err.contains("Failed to connect") {
        ": nothing listens at that address"
    } else if err.contains("CERT") || err.contains("SSL") {
        ": the TLS certificate is not trusted"
    } else if err.contains("BLOCKED_BY_CLIENT") {
        ": an extension (ad or privacy blocker) blocked it"
    } else if err.contains("TIMED_OUT") {
        ": it timed out"
    } else {
        ""
    }
}
