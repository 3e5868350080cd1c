//! Application frameworks whose CORS layer answers a rejected request itself: Spring,
//! Starlette (FastAPI) and Express's `cors` middleware with an origin callback that throws;
//! and Starlette's own 500, which its CORS middleware never sees; Laravel's 419.

use super::signals::{ev, ev_body, Signals};
use super::{tier, Cand, Gateway};

/// Spring MVC's `DefaultCorsProcessor` rejects a CORS request its `CorsConfiguration` does
/// not allow (the origin, the method or a requested header is not in its lists) with 403
/// and exactly this body, and no CORS headers.
const SPRING_REJECTED: &str = "Invalid CORS request";

/// Spring's processor adds `Vary: Origin, Access-Control-Request-Method,
/// Access-Control-Request-Headers` before it decides: a 403 without Allow-Origin that carries
/// all three is its rejection even when the body was not captured (Spring WebFlux sends none).
pub(crate) fn spring(s: &Signals) -> Option<Cand> {
    if s.status != 403 || s.acao {
        return None;
    }
    let body = s.body.map(str::trim) == Some(SPRING_REJECTED);
    let vary = s.vary_cors == 7 && s.body.is_none();
    // Spring Boot's own header with a body of that sentence's length (20 bytes), not shown.
    let sized = s.body.is_none()
        && s.content_length
            .is_some_and(|h| h.value.trim() == SPRING_REJECTED.len().to_string());
    let context = s.spring_context.filter(|_| sized);
    let evidence = if body {
        ev_body(SPRING_REJECTED)
    } else if vary {
        "Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers (set by Spring's CORS processor), no body".to_string()
    } else if let Some(c) = context {
        format!(
            "{} (Spring Boot) and Content-Length: 20, the length of \"{SPRING_REJECTED}\"",
            ev(c)
        )
    } else {
        return None;
    };
    let mut cand = Cand::new(Gateway::Spring, tier::API, vec![evidence]).generated(
        Some("INVALID_CORS_REQUEST"),
        "Spring's CORS processor rejected the request: its CORS configuration (@CrossOrigin, addCorsMappings or a CorsConfigurationSource) does not allow this origin, this method or one of the request's headers (or, for a preflight, there is no CORS configuration for this path at all), so it answered 403 \"Invalid CORS request\" without CORS headers.",
    );
    cand.strength = if body { 3 } else { 2 };
    Some(cand)
}

/// Starlette's (FastAPI's) `CORSMiddleware` answers a preflight it does not allow with 400
/// and "Disallowed CORS " and what failed: `origin`, `method`, `headers`, `private-network`
/// (joined with ", "). It may carry Allow-Origin (when only the method or headers failed).
///
/// A HAR keeps no body for a failed preflight: then a 400 with Allow-Methods whose
/// Allow-Headers start with Starlette's sorted safelist ("Accept, Accept-Language,
/// Content-Language, Content-Type"), or that uvicorn served, is its refusal; what failed is
/// then read from the request against those headers (see the cause).
pub(crate) fn starlette(s: &Signals) -> Option<Cand> {
    if s.status != 400 {
        return None;
    }
    let Some(failed) = s.body.and_then(starlette_failures) else {
        let acam = s.acam?;
        let server = s.server.filter(|h| {
            ["uvicorn", "hypercorn", "daphne"]
                .iter()
                .any(|n| h.value.contains(n))
        });
        let marker = s.starlette_acah.or(server)?;
        if s.body.is_some() {
            return None;
        }
        let mut evidence = vec![ev(acam), ev(marker)];
        evidence.dedup();
        let mut cand = Cand::new(Gateway::Starlette, tier::API, evidence).generated(
            Some("DISALLOWED_CORS"),
            "Starlette's CORSMiddleware (FastAPI) refused the preflight with 400 \"Disallowed CORS …\": its allow_origins, allow_methods or allow_headers does not cover the request.",
        );
        cand.strength = 2;
        return Some(cand);
    };
    let mut cand = Cand::new(
        Gateway::Starlette,
        tier::API,
        vec![ev_body(&format!("Disallowed CORS {}", failed.join(", ")))],
    )
    .generated(
        Some("DISALLOWED_CORS"),
        format!(
            "Starlette's CORSMiddleware (FastAPI) refused the preflight: {}.",
            failed
                .iter()
                .map(|f| match *f {
                    "origin" => "allow_origins (or allow_origin_regex) does not match the origin",
                    "method" => "allow_methods does not list the method (its default is GET only)",
                    "headers" => "allow_headers does not list every requested header",
                    _ => "allow_private_network is off for a Private Network Access preflight",
                })
                .collect::<Vec<_>>()
                .join("; ")
        ),
    );
    cand.strength = 3;
    Some(cand)
}

/// Starlette's `ServerErrorMiddleware` answers an unhandled exception with 500 and the plain
/// text "Internal Server Error" (21 bytes); it wraps every other middleware, CORSMiddleware
/// included, so that 500 never carries CORS headers. A HAR keeps no body for a blocked
/// response: then uvicorn (or another ASGI server) and a 21-byte text/plain body say it.
pub(crate) fn starlette_500(s: &Signals) -> Option<Cand> {
    const TEXT: &str = "Internal Server Error";
    if s.status != 500 || s.acao {
        return None;
    }
    let server = s.server.filter(|h| {
        ["uvicorn", "hypercorn", "daphne", "granian"]
            .iter()
            .any(|n| h.value.contains(n))
    })?;
    let plain = s
        .content_type
        .is_some_and(|h| h.value.trim().starts_with("text/plain"));
    let length = s
        .content_length
        .is_some_and(|h| h.value.trim() == TEXT.len().to_string());
    let body = match s.body {
        Some(b) if b.trim() == TEXT => ev_body(TEXT),
        None if plain && length => {
            "a 21-byte text/plain body: \"Internal Server Error\"".to_string()
        }
        _ => return None,
    };
    let mut cand = Cand::new(Gateway::Starlette, tier::API, vec![ev(server), body]).generated(
        Some("UNHANDLED_EXCEPTION"),
        "An unhandled exception in the application: Starlette's ServerErrorMiddleware (FastAPI) answered 500 \"Internal Server Error\". It runs outside CORSMiddleware, so this 500 never carries CORS headers; the server's log has the exception.",
    );
    cand.strength = 3;
    Some(cand)
}

/// What Starlette's "Disallowed CORS …" body says failed; `None` for any other body.
pub(crate) fn starlette_failures(body: &str) -> Option<Vec<&str>> {
    let rest = body.trim().strip_prefix("Disallowed CORS ")?;
    let failed: Vec<&str> = rest.split(", ").collect();
    failed
        .iter()
        .all(|f| matches!(*f, "origin" | "method" | "headers" | "private-network"))
        .then_some(failed)
}

/// Express's own 404 for a preflight: no route and no cors middleware answered OPTIONS, so
/// finalhandler wrote "Cannot OPTIONS /path" (with `Content-Security-Policy: default-src
/// 'none'` and X-Powered-By: Express, which a HAR keeps when it drops the body).
pub(crate) fn express_no_options(s: &Signals) -> Option<Cand> {
    if s.status != 404 || s.acao {
        return None;
    }
    let said = s.body.filter(|b| b.contains("Cannot OPTIONS /"));
    let evidence = match (said, s.powered_by_express, s.csp_none) {
        (Some(_), _, _) => vec![ev_body("Cannot OPTIONS /")],
        (None, Some(p), Some(c)) if s.body.is_none() => vec![ev(p), ev(c)],
        _ => return None,
    };
    let mut cand = Cand::new(Gateway::Express, tier::API, evidence).generated(
        Some("CANNOT_OPTIONS"),
        "Express answered the preflight with its own 404 (\"Cannot OPTIONS /…\"): no route handles OPTIONS for this path and no cors middleware ran before the routes.",
    );
    cand.strength = if said.is_some() { 3 } else { 2 };
    Some(cand)
}

/// The `cors` package's dynamic-origin example throws `new Error('Not allowed by CORS')`;
/// Express turns it into a 500 (its page shows the message and stack in development)
/// without CORS headers.
pub(crate) fn express_cors(s: &Signals) -> Option<Cand> {
    const MESSAGE: &str = "Not allowed by CORS";
    if s.status < 400 || s.acao {
        return None;
    }
    let body = s.body?;
    body.to_ascii_lowercase()
        .contains(&MESSAGE.to_ascii_lowercase())
        .then_some(())?;
    let mut cand = Cand::new(Gateway::Express, tier::API, vec![ev_body(MESSAGE)]).generated(
        Some("NOT_ALLOWED_BY_CORS"),
        "The cors middleware's origin callback refused this origin by passing an Error (\"Not allowed by CORS\"): the origin is not in its allow-list, and Express answered the error without CORS headers.",
    );
    cand.strength = 3;
    Some(cand)
}

/// Laravel answers a request without a valid CSRF token with its own status 419 ("CSRF token
/// mismatch." in JSON, "Page Expired" in HTML): a cross-origin SPA that did not get the
/// XSRF-TOKEN cookie first or did not send it back. No other product uses 419.
pub(crate) fn laravel_419(s: &Signals) -> Option<Cand> {
    if s.status != 419 {
        return None;
    }
    let said = ["CSRF token mismatch", "Page Expired"]
        .into_iter()
        .find(|m| s.body_has(m));
    let mut evidence = vec!["status 419 (Laravel's own: a CSRF token mismatch)".to_string()];
    evidence.extend(said.map(ev_body));
    evidence.extend(s.laravel_cookie.map(ev));
    let strength = if said.is_some() || s.laravel_cookie.is_some() {
        3
    } else {
        2
    };
    let mut cand = Cand::new(Gateway::Laravel, tier::API, evidence).generated(
        Some("CSRF_TOKEN_MISMATCH"),
        "Laravel refused the request for a missing or stale CSRF token (419). A cross-origin SPA must fetch the XSRF-TOKEN cookie first (Sanctum: GET /sanctum/csrf-cookie) and send every request with credentials and the X-XSRF-TOKEN header; the page's domain must be in SANCTUM_STATEFUL_DOMAINS.",
    );
    cand.strength = strength;
    Some(cand)
}
