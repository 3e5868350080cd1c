//! AWS: API Gateway REST and HTTP APIs, CloudFront, WAF, Application Load Balancer.

use super::signals::{ci_contains, error_type_base, ev, ev_body, Msg, Signals};
use super::{tier, Cand, Gateway};

/// x-amzn-ErrorType values API Gateway REST APIs use for Gateway Responses.
const REST_TYPES: [&str; 17] = [
    "MissingAuthenticationTokenException",
    "TooManyRequestsException",
    "LimitExceededException",
    "ForbiddenException",
    "AccessDeniedException",
    "UnauthorizedException",
    "BadRequestException",
    "InternalServerErrorException",
    "InvalidSignatureException",
    "IncompleteSignatureException",
    "ExpiredTokenException",
    "AuthorizerConfigurationException",
    "AuthorizerFailureException",
    "UnsupportedMediaTypeException",
    "RequestEntityTooLargeException",
    "NotFoundException",
    "ResourceNotFoundException",
];

fn is_rest_type(base: &str) -> bool {
    REST_TYPES.iter().any(|t| t.eq_ignore_ascii_case(base))
}

/// Any CloudFront header (not the host alone).
fn cloudfront_headers(s: &Signals) -> bool {
    s.cf_id.is_some()
        || s.cf_pop.is_some()
        || s.via_cloudfront.is_some()
        || s.x_cache_has("cloudfront")
        || s.server_starts("cloudfront")
}

/// AWS API Gateway REST API (v1), regional, private or edge-optimized.
pub(crate) fn rest(s: &Signals) -> Option<Cand> {
    if s.apigw_requestid.is_some() || s.host_is_other_aws_service() {
        return None;
    }
    let host_api = s.host_is_execute_api();
    let cf = cloudfront_headers(s);
    // An edge-optimized REST API's 10 MB limit, answered at its CloudFront distribution before
    // API Gateway adds any header of its own: "HTTP content length exceeded 10485760 bytes."
    let edge_limit = "HTTP content length exceeded";
    if s.status == 413 && cf && s.body_has(edge_limit) {
        let cand =
            Cand::new(Gateway::AwsApiGatewayRest, tier::API, Vec::new()).with(ev_body(edge_limit));
        let mut cand = cand.generated(
            Some("REQUEST_TOO_LARGE"),
            "The request is larger than API Gateway's 10 MB payload limit (10485760 bytes), refused at the edge-optimized API's CloudFront distribution: no CORS header can be added to that answer; send less (or upload to S3 directly).",
        );
        cand.strength = 3;
        return Some(cand);
    }
    let by_headers = s.apigw_id.is_some() || s.remapped.is_some();
    let by_type = s.error_type.is_some_and(|h| {
        let base = error_type_base(&h.value);
        is_rest_type(base) || s.amzn_request_id.is_some() || cf || host_api
    });
    let by_host = host_api && s.amzn_request_id.is_some();
    if !(by_headers || by_type || by_host) {
        return None;
    }

    let mut evidence = Vec::new();
    for h in [s.error_type, s.apigw_id, s.amzn_request_id, s.remapped]
        .into_iter()
        .flatten()
    {
        evidence.push(ev(h));
    }
    if host_api {
        evidence.push(s.host_evidence("*.execute-api.<region>.amazonaws.com"));
    }
    let mut cand = Cand::new(Gateway::AwsApiGatewayRest, tier::API, evidence);
    if s.error_type.is_some() && cf {
        if let Some(h) = s.via_cloudfront.or(s.cf_id) {
            cand = cand.with(format!(
                "{} with x-amzn-ErrorType: an edge-optimized REST API (its CloudFront distribution is API Gateway's own)",
                ev(h)
            ));
        }
    }

    let Some(et) = s.error_type else {
        let meaning = if s.status >= 400 || !s.acao {
            Some(
                "API Gateway passed on the integration's response (no x-amzn-ErrorType): with a proxy integration the backend (e.g. the Lambda function) must return the CORS headers itself, on every path including errors."
                    .to_string(),
            )
        } else {
            None
        };
        return Some(cand.passed(meaning));
    };
    let base = error_type_base(&et.value);
    let msg = s.message();
    let cand = cand.with_opt(s.body_evidence());
    let (error, meaning) = rest_error(base, s.status, msg);
    let mut cand = cand.generated(error, meaning);
    cand.strength = 3;
    Some(cand)
}

fn gr_tail(kinds: &str, family: u16) -> String {
    let default = if family >= 500 {
        "DEFAULT_5XX"
    } else {
        "DEFAULT_4XX"
    };
    format!(
        " Gateway Responses carry no CORS headers unless you add them to {kinds} or {default} (then deploy the API)."
    )
}

/// Which REST Gateway Response this is, from x-amzn-ErrorType, status and message.
/// `None` when the response does not say which of several types it is.
fn rest_error(base: &str, status: u16, msg: Msg) -> (Option<&'static str>, String) {
    let is = |t: &str| base.eq_ignore_ascii_case(t);
    let one = |t: &'static str, what: &str, family: u16| {
        (Some(t), format!("{what}.{}", gr_tail(t, family)))
    };
    if is("MissingAuthenticationTokenException") {
        return one(
            "MISSING_AUTHENTICATION_TOKEN",
            "API Gateway matched no resource and method for this request (wrong path, method or stage, a change not deployed, or no OPTIONS method for the preflight), or the route uses IAM auth and the call was not signed",
            400,
        );
    }
    if is("TooManyRequestsException") {
        return one(
            "THROTTLED",
            "API Gateway throttled the request (account, stage or method rate limit)",
            400,
        );
    }
    if is("LimitExceededException") {
        return one(
            "QUOTA_EXCEEDED",
            "The usage plan's request quota for this API key is used up",
            400,
        );
    }
    if is("UnauthorizedException") {
        return one(
            "UNAUTHORIZED",
            "The Lambda or Cognito authorizer rejected the request (token missing or invalid); on a preflight it means OPTIONS inherited the authorizer",
            400,
        );
    }
    if is("AccessDeniedException") {
        return one(
            "ACCESS_DENIED",
            "The authorizer's policy or the API's resource policy denied the request",
            400,
        );
    }
    if is("ForbiddenException") {
        if msg.has("not authorized") {
            return one("ACCESS_DENIED", "A policy denied the request", 400);
        }
        return (
            None,
            format!(
                "API Gateway refused the request with 403 Forbidden: either the API key is missing or invalid (INVALID_API_KEY; on a preflight, OPTIONS requires an API key) or AWS WAF blocked it (WAF_FILTERED); the response does not say which.{}",
                gr_tail("INVALID_API_KEY, WAF_FILTERED", 400)
            ),
        );
    }
    if is("ExpiredTokenException") || (is("InvalidSignatureException") && msg.has("expired")) {
        return one(
            "EXPIRED_TOKEN",
            "The request's AWS SigV4 signature or security token has expired",
            400,
        );
    }
    if is("InvalidSignatureException") {
        if msg.has("signature we calculated does not match") {
            return one(
                "INVALID_SIGNATURE",
                "The request's AWS SigV4 signature does not match (wrong key or region, or the request changed after signing)",
                400,
            );
        }
        return (
            None,
            format!(
                "API Gateway refused the request's AWS SigV4 signature: expired (EXPIRED_TOKEN) or not matching (INVALID_SIGNATURE); the response does not say which.{}",
                gr_tail("EXPIRED_TOKEN, INVALID_SIGNATURE", 400)
            ),
        );
    }
    if is("IncompleteSignatureException") {
        return (
            None,
            format!(
                "API Gateway read the Authorization header (e.g. a Bearer token) as an AWS SigV4 signature: this happens when no resource and method match (wrong path or stage, no OPTIONS method) or the route uses IAM auth, not when a token authorizer runs.{}",
                gr_tail("the matching type", 400)
            ),
        );
    }
    if is("AuthorizerConfigurationException") {
        return one(
            "AUTHORIZER_CONFIGURATION_ERROR",
            "API Gateway could not use the authorizer (wrong function, missing invoke permission, or an invalid authorizer response)",
            500,
        );
    }
    if is("AuthorizerFailureException") {
        return one(
            "AUTHORIZER_FAILURE",
            "The authorizer failed to authenticate the caller",
            500,
        );
    }
    if is("BadRequestException") {
        if msg.starts("Missing required request parameters") {
            return one(
                "BAD_REQUEST_PARAMETERS",
                "A request parameter the method requires (header, query string or path) is missing",
                400,
            );
        }
        if msg.has("Invalid request body") {
            return one(
                "BAD_REQUEST_BODY",
                "The request body failed the method's request validation (model)",
                400,
            );
        }
        if status == 400 {
            return (
                None,
                format!(
                    "API Gateway rejected the request as malformed (BAD_REQUEST_PARAMETERS or BAD_REQUEST_BODY from request validation, or another 400); the response does not say which.{}",
                    gr_tail("BAD_REQUEST_PARAMETERS, BAD_REQUEST_BODY", 400)
                ),
            );
        }
    }
    if is("UnsupportedMediaTypeException") || status == 415 {
        return one(
            "UNSUPPORTED_MEDIA_TYPE",
            "No mapping template matches the request's Content-Type and passthrough is disabled",
            400,
        );
    }
    // "Request Too Long" as a BadRequestException (not API Gateway's own
    // RequestEntityTooLargeException): the body is over the 6 MB a Lambda function can be
    // invoked with, under API Gateway's 10 MB.
    if status == 413 && is("BadRequestException") && msg.has("request too long") {
        return (
            Some("REQUEST_TOO_LARGE"),
            "The request is larger than the 6 MB a Lambda function can be invoked with (API Gateway's own limit is 10 MB); this answer never carries CORS headers: send less (or upload to S3 directly)."
                .to_string(),
        );
    }
    if is("RequestEntityTooLargeException") || status == 413 {
        return (
            Some("REQUEST_TOO_LARGE"),
            "The request is larger than API Gateway's 10 MB payload limit; this Gateway Response cannot be customized, so it never carries CORS headers: send less (or upload to S3 directly)."
                .to_string(),
        );
    }
    if is("NotFoundException") || is("ResourceNotFoundException") || status == 404 {
        return one(
            "RESOURCE_NOT_FOUND",
            "API Gateway could not find the requested resource after authentication and authorization",
            400,
        );
    }
    if is("InternalServerErrorException") {
        match status {
            502 => {
                return (
                    None,
                    format!(
                        "The Lambda proxy integration failed: the function threw or timed out, or returned something other than {{statusCode, headers, body}} (\"Malformed Lambda proxy response\"), so the function's own CORS headers never reached the browser.{}",
                        gr_tail("the matching type", 500)
                    ),
                )
            }
            504 if msg.has("Endpoint request timed out") => {
                return one(
                    "INTEGRATION_TIMEOUT",
                    "The integration did not answer within API Gateway's 29-second integration timeout",
                    500,
                );
            }
            504 => {
                return (
                    None,
                    format!(
                        "The integration failed or timed out (INTEGRATION_FAILURE or INTEGRATION_TIMEOUT); the response does not say which.{}",
                        gr_tail("INTEGRATION_FAILURE, INTEGRATION_TIMEOUT", 500)
                    ),
                )
            }
            500 if msg == Msg::Null => {
                return (
                    None,
                    format!(
                        "The authorizer failed or is misconfigured (AUTHORIZER_FAILURE or AUTHORIZER_CONFIGURATION_ERROR: the message is null); the response does not say which.{}",
                        gr_tail("AUTHORIZER_FAILURE, AUTHORIZER_CONFIGURATION_ERROR", 500)
                    ),
                )
            }
            500 if msg.is("Internal server error") => {
                return one(
                    "API_CONFIGURATION_ERROR",
                    "API Gateway failed on its own configuration (e.g. no permission to invoke the Lambda function, an invalid endpoint, no matching integration response template)",
                    500,
                );
            }
            500 => {
                return (
                    None,
                    format!(
                        "API Gateway failed with 500: a configuration error (API_CONFIGURATION_ERROR) or a failed authorizer (AUTHORIZER_FAILURE, AUTHORIZER_CONFIGURATION_ERROR); without the body whycors cannot tell which.{}",
                        gr_tail("those types", 500)
                    ),
                )
            }
            _ => {}
        }
    }
    if status >= 500 {
        return (
            Some("DEFAULT_5XX"),
            format!(
                "API Gateway generated a {status} Gateway Response (x-amzn-ErrorType: {base}) of a type whycors does not name; DEFAULT_5XX applies unless its own type is customized, and it carries no CORS headers unless you add them there (then deploy the API)."
            ),
        );
    }
    (
        Some("DEFAULT_4XX"),
        format!(
            "API Gateway generated a {status} Gateway Response (x-amzn-ErrorType: {base}) of a type whycors does not name; DEFAULT_4XX applies unless its own type is customized, and it carries no CORS headers unless you add them there (then deploy the API)."
        ),
    )
}

/// The HTTP API's own error bodies: (status, message, error name, meaning).
const HTTP_ERRORS: [(u16, &str, &str, &str); 7] = [
    (404, "Not Found", "NOT_FOUND", "The HTTP API has no route for this method and path (for a preflight: no OPTIONS route and no CORS configuration on the API)."),
    (401, "Unauthorized", "UNAUTHORIZED", "The HTTP API's JWT or Lambda authorizer rejected the request; on a preflight it means a $default or ANY route with an authorizer caught OPTIONS (configure CORS on the API or add an unauthenticated OPTIONS route)."),
    (403, "Forbidden", "FORBIDDEN", "The HTTP API's authorizer (Lambda or IAM) denied the request."),
    (429, "Too Many Requests", "THROTTLED", "The HTTP API throttled the request (account, stage or route rate limit)."),
    (500, "Internal Server Error", "INTERNAL_SERVER_ERROR", "The HTTP API's integration failed (Lambda error, invalid Lambda response, or a permission problem)."),
    (503, "Service Unavailable", "SERVICE_UNAVAILABLE", "The integration did not answer within the HTTP API's 30-second timeout (or was unreachable)."),
    (413, "Request Entity Too Large", "REQUEST_TOO_LARGE", "The request is larger than the HTTP API's 10 MB payload limit."),
];

/// AWS API Gateway HTTP API (v2).
pub(crate) fn http(s: &Signals) -> Option<Cand> {
    let id = s.apigw_requestid?;
    let mut cand = Cand::new(Gateway::AwsApiGatewayHttp, tier::API, vec![ev(id)]);
    if s.host_is_execute_api() {
        cand = cand.with(s.host_evidence("*.execute-api.<region>.amazonaws.com"));
    }
    cand.strength = 3;
    let tail = " The HTTP API adds CORS headers to its own errors only when CORS is configured on the API, and then ignores the backend's.";
    let row = HTTP_ERRORS.iter().find(|r| r.0 == s.status);
    if let Some(&(_, text, error, meaning)) = row {
        // The body, when captured, decides.
        if s.body.is_some() {
            if s.message().is(text) {
                let cand = cand.with_opt(s.body_evidence());
                return Some(cand.generated(Some(error), format!("{meaning}{tail}")));
            }
            return Some(cand.passed(None));
        }
        // Header-only.
        if s.status == 401 {
            if let Some(h) = s
                .www_authenticate
                .filter(|h| ci_contains(&h.value, "bearer"))
            {
                let cand = cand.with(ev(h));
                return Some(cand.generated(Some(error), format!("{meaning}{tail}")));
            }
        }
        let canonical = 14 + text.len(); // {"message":"<text>"}
        if s.content_length() == Some(canonical) {
            let cand = cand.with(format!(
                "content-length: {canonical} = the length of {{\"message\":\"{text}\"}} (body not captured)"
            ));
            return Some(cand.generated(Some(error), format!("{meaning}{tail}")));
        }
        if matches!(s.status, 429 | 503) {
            let cand = cand.with(format!(
                "status {} without a body: the HTTP API's own {text} is likely (weaker evidence)",
                s.status
            ));
            return Some(cand.generated(Some(error), format!("{meaning}{tail}")));
        }
    }
    Some(cand.passed(None))
}

/// Amazon CloudFront.
pub(crate) fn cloudfront(s: &Signals) -> Option<Cand> {
    let headers = cloudfront_headers(s);
    let host = s.host_ends(".cloudfront.net");
    if !headers && !host {
        return None;
    }
    let mut evidence = Vec::new();
    for h in [s.via_cloudfront, s.cf_id, s.cf_pop].into_iter().flatten() {
        evidence.push(ev(h));
    }
    if let Some(h) = s.x_cache.filter(|_| s.x_cache_has("cloudfront")) {
        evidence.push(ev(h));
    }
    if let Some(h) = s.server.filter(|_| s.server_starts("cloudfront")) {
        evidence.push(ev(h));
    }
    if host {
        evidence.push(s.host_evidence("*.cloudfront.net"));
    }
    let cand = Cand::new(Gateway::Cloudfront, tier::EDGE, evidence);

    // An edge-optimized REST API: API Gateway generated it, CloudFront passed it
    // on. Likewise an AWS WAF challenge or CAPTCHA at the distribution.
    if s.error_type.is_some() || s.waf_action.is_some() {
        return Some(cand.passed(None));
    }
    let page = [
        "Generated by cloudfront",
        "The request could not be satisfied",
    ]
    .into_iter()
    .find(|m| s.status >= 400 && s.body_has(m));
    let header_only = s.body.is_none()
        && s.status >= 400
        && s.server_starts("cloudfront")
        && s.x_cache_has("error from cloudfront");
    if page.is_some() || header_only {
        let mut cand = match page {
            Some(m) => cand.with(ev_body(m)),
            None => cand.with(
                "Server: CloudFront with X-Cache: Error from cloudfront and no body: CloudFront's own error (weaker evidence)"
                    .to_string(),
            ),
        };
        cand.strength = 3;
        let blocked = s.body_has("Request blocked");
        let meaning = match s.status {
            403 if blocked || s.body.is_none() => "CloudFront refused the request itself (\"Request blocked\"): AWS WAF on the distribution, geo restriction, or a method the cache behavior does not allow (OPTIONS needs GET, HEAD, OPTIONS); the error page has no CORS headers.",
            403 => "CloudFront refused the request itself with 403; the error page has no CORS headers.",
            400 => "CloudFront rejected the request as malformed (e.g. an alternate domain name not configured on the distribution).",
            494 => "The request headers are larger than CloudFront allows.",
            502 => "CloudFront could not connect to the origin or got an invalid response (DNS, TLS certificate or protocol mismatch).",
            503 => "CloudFront could not serve the request (origin capacity, or a Lambda@Edge or CloudFront Functions error or limit).",
            504 => "The origin did not answer within CloudFront's origin response timeout.",
            _ => "CloudFront generated this error response; it carries no CORS headers.",
        };
        let error = s.status.to_string();
        return Some(cand.generated(Some(&error), meaning));
    }
    let hit = s.x_cache_has("hit from cloudfront") || s.x_cache_has("refreshhit");
    let meaning = (hit && !s.acao).then(|| {
        "CloudFront served a cached copy without Access-Control-Allow-Origin: include Origin in the cache key (or forward it with an origin request policy) so responses for CORS requests are cached separately."
            .to_string()
    });
    Some(cand.passed(meaning))
}

/// AWS WAF (challenge and CAPTCHA actions announce themselves).
pub(crate) fn waf(s: &Signals) -> Option<Cand> {
    if let Some(h) = s.waf_action {
        let v = h.value.trim();
        let cand = Cand::new(Gateway::AwsWaf, tier::EDGE, vec![ev(h)]);
        let (error, meaning) = if v.eq_ignore_ascii_case("challenge") {
            ("CHALLENGE", "AWS WAF answered with a silent browser challenge (202) instead of the response; a fetch() cannot solve it, and it carries no CORS headers.")
        } else if v.eq_ignore_ascii_case("captcha") {
            ("CAPTCHA", "AWS WAF answered with a CAPTCHA page (405) instead of the response; a fetch() cannot solve it, and it carries no CORS headers.")
        } else {
            ("BLOCK", "AWS WAF blocked the request; the block response carries no CORS headers unless a custom response adds them.")
        };
        let mut cand = cand.generated(Some(error), meaning);
        cand.strength = 3;
        return Some(cand);
    }
    let h = s.waf_cookie?;
    Some(Cand::new(Gateway::AwsWaf, tier::EDGE, vec![ev(h)]).passed(None))
}

/// AWS Application Load Balancer.
pub(crate) fn alb(s: &Signals) -> Option<Cand> {
    let server = s.server.filter(|_| s.server_starts("awselb"));
    if server.is_none() && s.alb_cookie.is_none() {
        return None;
    }
    let evidence: Vec<String> = [server, s.alb_cookie]
        .into_iter()
        .flatten()
        .map(ev)
        .collect();
    let cand = Cand::new(Gateway::AwsAlb, tier::PROXY, evidence);
    if server.is_none() || s.status < 400 {
        return Some(cand.passed(None));
    }
    let mut cand = cand.with_opt(s.body_evidence());
    cand.strength = 3;
    let meaning = match s.status {
        400 => "The load balancer rejected the request as malformed (e.g. headers too large).",
        401 => "The load balancer's authenticate action (OIDC or Cognito) refused the request.",
        403 => "The load balancer refused the request: AWS WAF on the ALB or a listener rule denied it.",
        413 => "The request body is over the 1 MB a Lambda target can receive through the load balancer.",
        460 => "The client closed the connection before the load balancer answered.",
        463 => "The X-Forwarded-For header has too many IP addresses.",
        464 => "The request protocol does not match the target group's protocol version.",
        500 => "The load balancer failed on its own (e.g. an authenticate action could not reach the IdP, or a rule misconfiguration).",
        502 => "The target closed the connection, sent a malformed response, or (Lambda target) returned an invalid or over-1 MB response.",
        503 => "The target group has no registered healthy targets.",
        504 => "The target did not answer within the load balancer's idle timeout.",
        561 => "The identity provider refused the authenticate action.",
        _ => "The load balancer generated this error response itself (or a fixed-response rule did).",
    };
    let error = s.status.to_string();
    Some(cand.generated(
        Some(&error),
        format!("{meaning} Responses the load balancer generates carry no CORS headers."),
    ))
}
