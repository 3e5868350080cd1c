//! CDNs, edge networks and hosting platforms: Cloudflare, Azure API Management and
//! Front Door, Google Cloud, Akamai, Fastly, Vercel, Netlify, Heroku.

use super::signals::{ci_contains, digits_after, ev, ev_body, Signals};
use super::{tier, Cand, Gateway};
use serde_json::Value;

// ---------------------------------------------------------------- Cloudflare

fn cloudflare_code_meaning(code: &str) -> &'static str {
    match code {
        "1020" => "A Cloudflare firewall rule (WAF custom rule) blocked the request (Error 1020 Access denied); the block page carries no CORS headers.",
        "1015" => "A Cloudflare rate limiting rule blocked the request (Error 1015 You are being rate limited); the block page carries no CORS headers.",
        "1010" => "Cloudflare blocked the request on the client's browser signature (Error 1010).",
        "1012" | "1006" | "1007" | "1008" => "Cloudflare blocked the client's IP address (access denied by the site owner).",
        "1009" => "Cloudflare blocked the request by country (Error 1009).",
        "1000" | "1001" | "1016" => "Cloudflare could not resolve or route to the origin (DNS error).",
        "1003" => "The request reached Cloudflare by IP address or an unknown host name (Error 1003).",
        _ => "Cloudflare generated this error page itself; it carries no CORS headers.",
    }
}

pub(crate) fn cloudflare_status_meaning(status: u16) -> &'static str {
    match status {
        520 => "The origin returned an empty, unknown or unexpected response to Cloudflare (Error 520).",
        521 => "The origin web server refused Cloudflare's connection (Error 521: web server is down).",
        522 => "Cloudflare's TCP connection to the origin timed out (Error 522).",
        523 => "Cloudflare cannot reach the origin (Error 523: origin is unreachable).",
        524 => "The origin accepted the connection but did not answer within Cloudflare's 100-second timeout (Error 524).",
        525 => "The TLS handshake between Cloudflare and the origin failed (Error 525).",
        526 => "The origin's TLS certificate is invalid for Cloudflare's Full (strict) mode (Error 526).",
        527 => "Cloudflare's Railgun connection to the origin failed (Error 527).",
        530 => "Cloudflare could not route to the origin; the page names a 1xxx error (Error 530).",
        502 | 504 => "Cloudflare could not get a valid answer from the origin in time and served its own error page.",
        _ => "Cloudflare generated this error page itself; it carries no CORS headers.",
    }
}

pub(crate) fn cloudflare(s: &Signals) -> Option<Cand> {
    let server = s.server.filter(|_| s.server_starts("cloudflare"));
    let host = s.host_ends(".workers.dev") || s.host_ends(".pages.dev");
    if server.is_none()
        && s.cf_ray.is_none()
        && s.cf_cache_status.is_none()
        && s.cf_mitigated.is_none()
        && s.cf_cookie.is_none()
        && !host
    {
        return None;
    }
    let mut evidence: Vec<String> = [
        server,
        s.cf_ray,
        s.cf_mitigated,
        s.cf_cache_status,
        s.cf_cookie,
    ]
    .into_iter()
    .flatten()
    .map(ev)
    .collect();
    if host {
        evidence.push(s.host_evidence("*.workers.dev / *.pages.dev"));
    }
    let cand = Cand::new(Gateway::Cloudflare, tier::EDGE, evidence);

    // A challenge page.
    if let Some(h) = s
        .cf_mitigated
        .filter(|h| ci_contains(&h.value, "challenge"))
    {
        let _ = h;
        let mut cand = cand.generated(
            Some("CHALLENGE"),
            "Cloudflare answered with a challenge page (\"Just a moment...\") instead of the response: bot protection or a managed challenge rule; a fetch() cannot pass it and it carries no CORS headers.",
        );
        cand.strength = 3;
        return Some(cand);
    }
    if s.status >= 400 && s.body_has("<title>Just a moment...</title>") {
        let mut cand = cand.with(ev_body("<title>Just a moment...</title>")).generated(
            Some("CHALLENGE"),
            "Cloudflare answered with a challenge page instead of the response: bot protection or a managed challenge rule; a fetch() cannot pass it and it carries no CORS headers.",
        );
        cand.strength = 3;
        return Some(cand);
    }
    // An error page naming its 1xxx code.
    if let Some(body) = s.body {
        let code = digits_after(body, "error code:")
            .or_else(|| digits_after(body, "cf-error-code\">"))
            .or_else(|| digits_after(body, "<title>Error "))
            .filter(|c| c.len() == 4 && c.starts_with('1'));
        if let Some(code) = code {
            let mut cand = cand
                .with(format!("body: Cloudflare error code {code}"))
                .generated(Some(code), cloudflare_code_meaning(code));
            cand.strength = 3;
            return Some(cand);
        }
    }
    let own_status = matches!(s.status, 520..=527 | 530);
    let branded =
        s.body_has("cloudflare") && (s.body_has("Ray ID") || s.body_has("cf-error-details"));
    // The plain page Cloudflare's edge serves for some 5xx, in nginx's layout with its own
    // name in the footer.
    let plain = s.body_has("<center>cloudflare</center>");
    let own_page = s.status >= 500 && (branded || plain);
    if own_status || own_page {
        let cand = if own_page {
            cand.with(ev_body(if branded {
                "Cloudflare Ray ID"
            } else {
                "<center>cloudflare</center>"
            }))
        } else {
            cand.with(format!(
                "status {}: a Cloudflare-specific status code",
                s.status
            ))
        };
        let mut cand = cand.generated(
            Some(&s.status.to_string()),
            cloudflare_status_meaning(s.status),
        );
        cand.strength = 3;
        return Some(cand);
    }
    // Header-only: Cloudflare's block pages (1020 firewall, 1015 rate limit)
    // carry `Expires: Thu, 01 Jan 1970 00:00:01 GMT` beside server/cf-ray; an
    // origin's own 403/429 passed through Cloudflare does not.
    if s.body.is_none() && matches!(s.status, 403 | 429) && s.server.is_some() && s.cf_ray.is_some()
    {
        if let Some(h) = s.expires_epoch {
            let (code, meaning) = if s.status == 429 {
                (Some("1015"), "The headers match a Cloudflare rate-limiting block page (Error 1015, weaker evidence: the body is hidden); the block page carries no CORS headers.")
            } else {
                (None, "The headers match a Cloudflare block page (a firewall rule, Error 1020, or an IP/country block; weaker evidence: the body is hidden); the block page carries no CORS headers. Look the cf-ray up in Cloudflare's Security Events.")
            };
            let mut cand = cand
                .with(format!(
                    "{} (weaker evidence: Cloudflare block pages carry it)",
                    ev(h)
                ))
                .generated(code, meaning);
            cand.strength = 2;
            return Some(cand);
        }
    }
    let meaning = (s.body.is_none() && matches!(s.status, 403 | 429)).then(|| {
        "Cloudflare is in front: without the body whycors cannot tell a Cloudflare block (1020 firewall rule, 1015 rate limit) from the origin's own response; look the cf-ray up in Cloudflare's Security Events.".to_string()
    });
    Some(cand.passed(meaning))
}

// ---------------------------------------------------------------- Azure API Management

/// Azure API Management's own error messages: (message start, error, meaning).
const APIM_ERRORS: [(&str, &str, &str); 8] = [
    ("Access denied due to missing subscription key", "MISSING_SUBSCRIPTION_KEY", "Azure API Management requires a subscription key (Ocp-Apim-Subscription-Key) and the request had none; a preflight never carries one, so let OPTIONS through with a cors policy in the inbound section."),
    ("Access denied due to invalid subscription key", "INVALID_SUBSCRIPTION_KEY", "The subscription key sent to Azure API Management is not valid for this API."),
    ("Rate limit is exceeded", "RATE_LIMIT", "Azure API Management's rate-limit policy refused the request (see Retry-After)."),
    ("Out of call volume quota", "QUOTA_EXCEEDED", "Azure API Management's quota policy refused the request until the quota period renews."),
    ("Unauthorized. Access token is missing or invalid", "JWT_INVALID", "Azure API Management's validate-jwt policy rejected the request (token missing or invalid); on a preflight, put the cors policy before validate-jwt."),
    ("Invalid JWT", "JWT_INVALID", "Azure API Management's validate-jwt policy rejected the token."),
    ("Resource not found", "NOT_FOUND", "No API or operation in Azure API Management matches this method and URL (for a preflight: no OPTIONS operation and no cors policy)."),
    ("Internal server error", "INTERNAL_ERROR", "Azure API Management failed while processing the request (a policy error, or the backend could not be reached)."),
];

pub(crate) fn azure_apim(s: &Signals) -> Option<Cand> {
    let host = s.host_ends(".azure-api.net");
    let key_challenge = s
        .www_authenticate
        .filter(|h| ci_contains(&h.value, "AzureApiManagementKey"));
    // {"statusCode": N, "message": ...} with N the response status.
    let shape = s.status >= 400
        && s.json_u64("statusCode") == Some(u64::from(s.status))
        && s.message().text().is_some();
    let known = if shape {
        let msg = s.message();
        APIM_ERRORS.iter().find(|e| msg.starts(e.0))
    } else {
        None
    };
    if !host && key_challenge.is_none() && s.apim_header.is_none() && known.is_none() {
        return None;
    }
    let mut evidence: Vec<String> = [key_challenge, s.apim_header]
        .into_iter()
        .flatten()
        .map(ev)
        .collect();
    if host {
        evidence.push(s.host_evidence("*.azure-api.net"));
    }
    let cand = Cand::new(Gateway::AzureApim, tier::API, evidence);
    let tail = " Azure API Management's own errors carry CORS headers only when the cors policy sits at the start of the inbound section (or in the on-error section).";
    if let Some(&(_, error, meaning)) = known {
        let mut cand = cand
            .with_opt(s.body_evidence())
            .generated(Some(error), format!("{meaning}{tail}"));
        cand.strength = 3;
        return Some(cand);
    }
    if s.status == 401 && key_challenge.is_some() {
        return Some(cand.generated(
            None,
            format!("Azure API Management refused the subscription key: missing (MISSING_SUBSCRIPTION_KEY) or invalid (INVALID_SUBSCRIPTION_KEY); without the body whycors cannot tell which.{tail}"),
        ));
    }
    if s.status == 429 && s.body.is_none() {
        if let Some(h) = s.retry_after {
            return Some(cand.with(ev(h)).generated(
                Some("RATE_LIMIT"),
                format!("Azure API Management's rate-limit policy likely refused the request (429 with Retry-After, body not captured).{tail}"),
            ));
        }
    }
    Some(cand.passed(None))
}

// ---------------------------------------------------------------- Azure Front Door

pub(crate) fn azure_front_door(s: &Signals) -> Option<Cand> {
    let host = s.host_ends(".azurefd.net") || s.host_ends(".azureedge.net");
    if s.azure_ref.is_none() && !host {
        return None;
    }
    let mut evidence: Vec<String> = s.azure_ref.into_iter().map(ev).collect();
    if host {
        evidence.push(s.host_evidence("*.azurefd.net / *.azureedge.net"));
    }
    let cand = Cand::new(Gateway::AzureFrontDoor, tier::EDGE, evidence);
    if s.status >= 500 && s.body_has("Our services aren't available right now") {
        let mut cand = cand
            .with(ev_body("Our services aren't available right now"))
            .generated(
                Some(&s.status.to_string()),
                "Azure Front Door could not get a response from the origin (unreachable, unhealthy, timed out or a TLS problem) and served its own error page, without CORS headers; X-Azure-Ref identifies the request.",
            );
        cand.strength = 3;
        return Some(cand);
    }
    if s.status == 403 && s.body_has("The request is blocked") {
        let mut cand = cand.with(ev_body("The request is blocked")).generated(
            Some("WAF_BLOCK"),
            "Azure Front Door's WAF policy blocked the request; the block page carries no CORS headers.",
        );
        cand.strength = 3;
        return Some(cand);
    }
    Some(cand.passed(None))
}

// ---------------------------------------------------------------- Google Cloud

pub(crate) fn google(s: &Signals) -> Option<Cand> {
    let gateway_host = s.host_ends(".gateway.dev");
    let host = gateway_host
        || s.host_ends(".run.app")
        || s.host_ends(".cloudfunctions.net")
        || s.host_ends(".appspot.com");
    let server = s
        .server
        .filter(|_| s.server_starts("google frontend") || s.server_starts("esf"));
    if s.via_google.is_none() && server.is_none() && s.cloud_trace.is_none() && !host {
        return None;
    }
    let mut evidence: Vec<String> = [s.via_google, server, s.cloud_trace]
        .into_iter()
        .flatten()
        .map(ev)
        .collect();
    if host {
        evidence.push(
            s.host_evidence("*.gateway.dev / *.run.app / *.cloudfunctions.net / *.appspot.com"),
        );
    }
    let cand = Cand::new(Gateway::GoogleCloud, tier::API, evidence);

    // ESPv2 / API Gateway: {"code": N, "message": "..."} with N the status.
    if s.status >= 400 && s.json_u64("code") == Some(u64::from(s.status)) {
        // Only the proxy's own messages: an application behind Google's front
        // end may use the same {code, message} shape.
        if let Some((error, meaning)) = s.message().text().and_then(google_message) {
            let mut cand = cand
                .with_opt(s.body_evidence())
                .generated(Some(&error), meaning);
            cand.strength = 3;
            return Some(cand);
        }
    }
    if s.status >= 500 && s.body_has("upstream connect error or disconnect/reset before headers") {
        let mut cand = cand
            .with(ev_body("upstream connect error or disconnect/reset before headers"))
            .generated(
                Some("UPSTREAM_CONNECT_ERROR"),
                "Google's proxy (API Gateway / ESPv2) could not connect to the backend or lost the connection before the response headers; the error carries no CORS headers.",
            );
        cand.strength = 3;
        return Some(cand);
    }
    if s.status >= 500 && s.body_has("no healthy upstream") {
        let mut cand = cand.with(ev_body("no healthy upstream")).generated(
            Some("NO_HEALTHY_UPSTREAM"),
            "Google's proxy (API Gateway / ESPv2) has no healthy backend to send the request to.",
        );
        cand.strength = 3;
        return Some(cand);
    }
    if s.status >= 400 && s.body_has(")!!1</title>") {
        let mut cand = cand.with(ev_body("!!1")).generated(
            Some(&s.status.to_string()),
            "Google's front end (GFE) served its own error page (e.g. the backend failed or timed out); it carries no CORS headers.",
        );
        cand.strength = 3;
        return Some(cand);
    }
    Some(cand.passed(None))
}

fn google_message(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    if ci_contains(t, "not defined by this API") {
        return Some((
            "NOT_DEFINED".to_string(),
            "The API config (OpenAPI) has no operation for this method and path; for a preflight add OPTIONS operations or allow CORS in the config (x-google-endpoints allowCors).".to_string(),
        ));
    }
    if t.starts_with("Jwt is missing") {
        return Some((
            "JWT_MISSING".to_string(),
            "The gateway's JWT authentication requires a token and the request had none (a preflight never has one).".to_string(),
        ));
    }
    if t.starts_with("Jwt ") {
        return Some((
            "JWT_INVALID".to_string(),
            "The gateway's JWT authentication rejected the token (expired, wrong issuer or audience, or bad signature).".to_string(),
        ));
    }
    // "UNAUTHENTICATED: ...", "PERMISSION_DENIED: API key not valid ..."
    if let Some(i) = t.find(':') {
        if let Some(word) = t.get(..i) {
            if word.len() >= 4 && word.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') {
                let meaning = match word {
                    "UNAUTHENTICATED" => "The gateway requires an API key or identity the request did not carry.",
                    "PERMISSION_DENIED" => "The gateway refused the caller (API key invalid, or not allowed for this API).",
                    "RESOURCE_EXHAUSTED" => "The gateway's quota for this API or consumer is exhausted.",
                    _ => "Google's API gateway (ESPv2) generated this error; it carries no CORS headers.",
                };
                return Some((word.to_string(), meaning.to_string()));
            }
        }
    }
    None
}

// ---------------------------------------------------------------- Akamai

pub(crate) fn akamai(s: &Signals) -> Option<Cand> {
    let server = s.server.filter(|_| s.server_starts("akamai"));
    let x_cache = s.x_cache.filter(|_| s.x_cache_has("akamai"));
    // Akamai's pages escape their punctuation as HTML entities.
    let edgesuite = s.status >= 400
        && (s.body_has("errors.edgesuite.net") || s.body_has("errors&#46;edgesuite&#46;net"));
    if server.is_none() && s.akamai.is_none() && x_cache.is_none() && !edgesuite {
        return None;
    }
    let evidence: Vec<String> = [server, s.akamai, x_cache]
        .into_iter()
        .flatten()
        .map(ev)
        .collect();
    let cand = Cand::new(Gateway::Akamai, tier::EDGE, evidence);
    let denied = s.status >= 400
        && s.body_has("Access Denied")
        && (s.body_has("Reference #") || s.body_has("Reference&#32;&#35;"));
    if denied || edgesuite {
        let cand = if denied {
            cand.with(ev_body("Access Denied … Reference #"))
        } else {
            cand.with(ev_body("errors.edgesuite.net"))
        };
        let (error, meaning) = if denied || s.status == 403 {
            (
                "ACCESS_DENIED".to_string(),
                "Akamai denied the request at the edge (WAF, bot manager or an edge rule); the Reference # identifies it, and the page carries no CORS headers.",
            )
        } else {
            (
                s.status.to_string(),
                "Akamai generated this error page itself (e.g. the origin failed or timed out); the Reference # identifies it, and the page carries no CORS headers.",
            )
        };
        let mut cand = cand.generated(Some(&error), meaning);
        cand.strength = 3;
        return Some(cand);
    }
    if s.body.is_none() && s.status >= 400 && s.server_starts("AkamaiGHost") {
        let cand = cand.with(
            "Server: AkamaiGHost on an error without a body: Akamai's own response is likely (weaker evidence)"
                .to_string(),
        );
        let (error, meaning) = if s.status == 403 {
            (
                "ACCESS_DENIED".to_string(),
                "Akamai likely denied the request at the edge (WAF, bot manager or an edge rule); such responses carry no CORS headers.",
            )
        } else {
            (
                s.status.to_string(),
                "Akamai likely generated this error itself; such responses carry no CORS headers.",
            )
        };
        return Some(cand.generated(Some(&error), meaning));
    }
    Some(cand.passed(None))
}

// ---------------------------------------------------------------- Fastly

pub(crate) fn fastly(s: &Signals) -> Option<Cand> {
    let host = s.host_ends(".fastly.net") || s.host_ends(".edgecompute.app");
    let unknown_domain = s.status >= 400 && s.body_has("Fastly error: unknown domain");
    if s.fastly_id.is_none()
        && s.served_by.is_none()
        && s.fastly_other.is_none()
        && !host
        && !unknown_domain
    {
        return None;
    }
    let mut evidence: Vec<String> = [s.fastly_id, s.served_by, s.fastly_other]
        .into_iter()
        .flatten()
        .map(ev)
        .collect();
    if host {
        evidence.push(s.host_evidence("*.fastly.net / *.edgecompute.app"));
    }
    let cand = Cand::new(Gateway::Fastly, tier::EDGE, evidence);
    if unknown_domain {
        let mut cand = cand
            .with(ev_body("Fastly error: unknown domain"))
            .generated(
            Some("UNKNOWN_DOMAIN"),
            "Fastly has no service configured for this host name (Fastly error: unknown domain).",
        );
        cand.strength = 3;
        return Some(cand);
    }
    if s.status >= 400 && s.body_has("Guru Mediation") {
        let cand = cand.with(ev_body("Guru Mediation"));
        let (error, meaning) = if s.body_has("first byte timeout") {
            (
                "FIRST_BYTE_TIMEOUT".to_string(),
                "The origin did not send its first byte within Fastly's first-byte timeout; Fastly's error page carries no CORS headers.",
            )
        } else {
            (
                s.status.to_string(),
                "Fastly generated this error page (e.g. backend read error or connection failure); it carries no CORS headers.",
            )
        };
        let mut cand = cand.generated(Some(&error), meaning);
        cand.strength = 3;
        return Some(cand);
    }
    Some(cand.passed(None))
}

// ---------------------------------------------------------------- Vercel

const VERCEL_CODES: [(&str, &str); 18] = [
    (
        "NO_STATUS_CODE_FROM_FUNCTION",
        "The serverless function ended or crashed without setting a status code (502).",
    ),
    (
        "FUNCTION_INVOCATION_TIMEOUT",
        "The serverless function ran past its maximum duration and Vercel ended it (504).",
    ),
    (
        "FUNCTION_INVOCATION_FAILED",
        "The serverless function crashed or threw before answering (500).",
    ),
    (
        "FUNCTION_PAYLOAD_TOO_LARGE",
        "The request body is over the serverless function's 4.5 MB limit (413).",
    ),
    (
        "FUNCTION_RESPONSE_PAYLOAD_TOO_LARGE",
        "The function's response is over Vercel's size limit (500).",
    ),
    (
        "FUNCTION_THROTTLED",
        "Vercel throttled the serverless function (concurrency limit) (503).",
    ),
    (
        "NO_RESPONSE_FROM_FUNCTION",
        "The serverless function ended without sending a response (502).",
    ),
    (
        "EDGE_FUNCTION_INVOCATION_TIMEOUT",
        "The edge function did not start its response in time (504).",
    ),
    (
        "EDGE_FUNCTION_INVOCATION_FAILED",
        "The edge function crashed or threw (500).",
    ),
    (
        "MIDDLEWARE_INVOCATION_TIMEOUT",
        "The middleware did not answer in time (504); it runs on preflights too.",
    ),
    (
        "MIDDLEWARE_INVOCATION_FAILED",
        "The middleware crashed or threw (500); it runs on preflights too.",
    ),
    (
        "NOT_FOUND",
        "Vercel found no file, route or function for this path (404).",
    ),
    (
        "DEPLOYMENT_NOT_FOUND",
        "No Vercel deployment exists for this URL (404).",
    ),
    (
        "DEPLOYMENT_DISABLED",
        "The Vercel deployment is disabled (402).",
    ),
    (
        "DEPLOYMENT_PAUSED",
        "The Vercel deployment is paused (503).",
    ),
    (
        "ROUTER_CANNOT_MATCH",
        "Vercel's router could not match the request to a route (502).",
    ),
    (
        "REQUEST_HEADER_TOO_LARGE",
        "The request headers are over Vercel's limit (431).",
    ),
    (
        "URL_TOO_LONG",
        "The URL is over Vercel's length limit (414).",
    ),
];

/// The status Vercel answers with for one of its error codes (`NO_STATUS_CODE_FROM_FUNCTION`:
/// 502), as its error page prints the code on a line of its own.
pub(crate) fn vercel_code_status(code: &str) -> Option<u16> {
    let (_, meaning) = VERCEL_CODES.iter().find(|c| c.0 == code)?;
    let at = meaning.rfind('(')?;
    meaning.get(at + 1..at + 4)?.parse().ok()
}

pub(crate) fn vercel(s: &Signals) -> Option<Cand> {
    let server = s.server.filter(|_| s.server_starts("vercel"));
    let host = s.host_ends(".vercel.app") || s.host_ends(".now.sh");
    if s.vercel_id.is_none()
        && s.vercel_error.is_none()
        && s.vercel_other.is_none()
        && s.vercel_sso.is_none()
        && server.is_none()
        && !host
    {
        return None;
    }
    let mut evidence: Vec<String> = [s.vercel_id, server, s.vercel_other]
        .into_iter()
        .flatten()
        .map(ev)
        .collect();
    if host {
        evidence.push(s.host_evidence("*.vercel.app"));
    }
    let cand = Cand::new(Gateway::Vercel, tier::API, evidence);
    let tail = " Vercel's own error responses carry no CORS headers (headers from vercel.json or the function do not apply).";
    if let Some(h) = s.vercel_error {
        let code = h.value.trim();
        let meaning = VERCEL_CODES
            .iter()
            .find(|c| c.0.eq_ignore_ascii_case(code))
            .map(|c| c.1)
            .unwrap_or("Vercel generated this error response itself.");
        let mut cand = cand
            .with(ev(h))
            .generated(Some(code), format!("{meaning}{tail}"));
        cand.strength = 3;
        return Some(cand);
    }
    // Deployment Protection (Vercel Authentication, Password Protection) answers 401 and
    // sets its sign-in cookie before the deployment's code runs: on a preflight too, which
    // never carries the cookie it asks for.
    if s.status == 401 {
        if let Some(cookie) = s.vercel_sso {
            let mut cand = cand.with(ev(cookie)).generated(
                Some("DEPLOYMENT_PROTECTION"),
                "Vercel's Deployment Protection answered 401 before the deployment's code ran (its `_vercel_sso_nonce` sign-in cookie): the browser's requests from another origin, preflights first, carry no Vercel sign-in, and this 401 has no CORS headers. Turn protection off for the API's environment, or list the API's paths in Deployment Protection's OPTIONS Allowlist so preflights reach the code.",
            );
            cand.strength = 3;
            return Some(cand);
        }
    }
    // Vercel's plain-text error bodies name the code on a line of its own.
    if s.status >= 400 {
        if let Some(body) = s.body {
            let found = body
                .lines()
                .take(8)
                .map(str::trim)
                .find_map(|l| VERCEL_CODES.iter().find(|c| c.0 == l));
            if let Some(&(code, meaning)) = found {
                let mut cand = cand
                    .with(ev_body(code))
                    .generated(Some(code), format!("{meaning}{tail}"));
                cand.strength = 3;
                return Some(cand);
            }
        }
    }
    Some(cand.passed(None))
}

// ---------------------------------------------------------------- Netlify

pub(crate) fn netlify(s: &Signals) -> Option<Cand> {
    let server = s.server.filter(|_| s.server_starts("netlify"));
    let host = s.host_ends(".netlify.app") || s.host_ends(".netlify.com");
    if s.nf_request_id.is_none() && server.is_none() && !host {
        return None;
    }
    let mut evidence: Vec<String> = [s.nf_request_id, server]
        .into_iter()
        .flatten()
        .map(ev)
        .collect();
    if host {
        evidence.push(s.host_evidence("*.netlify.app"));
    }
    let cand = Cand::new(Gateway::Netlify, tier::API, evidence);
    if s.status >= 500 {
        if let Some(Value::String(m)) = s.json_key("errorMessage") {
            let timeout = ci_contains(m, "Task timed out");
            let cand = cand.with_opt(s.body_evidence());
            let (error, meaning) = if timeout {
                ("FUNCTION_TIMEOUT", "The Netlify Function ran past its time limit (\"Task timed out\") and Netlify answered for it, without the function's CORS headers.")
            } else {
                ("FUNCTION_ERROR", "The Netlify Function threw or crashed and Netlify answered for it, without the function's CORS headers.")
            };
            let mut cand = cand.generated(Some(error), meaning);
            cand.strength = 3;
            return Some(cand);
        }
    }
    if s.status == 404 && s.body_has("Looks like you've followed a broken link") {
        let mut cand = cand.with(ev_body("Page not found")).generated(
            Some("NOT_FOUND"),
            "Netlify found no file, redirect or function for this path and served its 404 page, without CORS headers.",
        );
        cand.strength = 3;
        return Some(cand);
    }
    Some(cand.passed(None))
}

// ---------------------------------------------------------------- Heroku

pub(crate) fn heroku(s: &Signals) -> Option<Cand> {
    let host = s.host_ends(".herokuapp.com");
    let server = s.server.filter(|_| s.server_starts("heroku"));
    if s.via_heroku.is_none() && s.heroku_nel.is_none() && server.is_none() && !host {
        return None;
    }
    let mut evidence: Vec<String> = [s.via_heroku, server, s.heroku_nel]
        .into_iter()
        .flatten()
        .map(ev)
        .collect();
    if host {
        evidence.push(s.host_evidence("*.herokuapp.com"));
    }
    let cand = Cand::new(Gateway::Heroku, tier::API, evidence);
    let router = " Heroku's router errors carry no CORS headers; `heroku logs` shows the H code.";
    if s.status >= 400 && s.body_has("herokucdn.com/error-pages/no-such-app") {
        let mut cand = cand
            .with(ev_body("herokucdn.com/error-pages/no-such-app"))
            .generated(
                Some("NO_SUCH_APP"),
                "No Heroku app answers to this host name.",
            );
        cand.strength = 3;
        return Some(cand);
    }
    if (s.status >= 400 && s.body_has("herokucdn.com/error-pages"))
        || (s.status == 503 && s.body_has("Application Error"))
    {
        let mut cand = cand.with(ev_body("Application Error")).generated(
            Some("APPLICATION_ERROR"),
            format!("Heroku's router answered for the app: H12 request timeout (30 s), H10 app crashed, H13/H14 connection closed or no web dynos …{router}"),
        );
        cand.strength = 3;
        return Some(cand);
    }
    if s.status == 503 && s.body.is_none() {
        let cand = cand.with(
            "status 503 without a body: Heroku's router error page is likely (weaker evidence)"
                .to_string(),
        );
        return Some(cand.generated(
            None,
            format!("Heroku's router likely answered for the app with 503 (H12 request timeout after 30 s, H10 app crashed, H14 no web dynos …).{router}"),
        ));
    }
    Some(cand.passed(None))
}
