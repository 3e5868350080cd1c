//! The failure modes: what each emulated product answers, and what the
//! demo page sends and whycors should conclude.

use super::http::{http_date, Request, Response};
use super::ids;
use serde_json::{json, Value};
use std::time::{SystemTime, UNIX_EPOCH};

/// What whycors should diagnose for a mode's demo request (`expect` in `/modes.json`).
#[derive(Clone, Copy, Debug)]
pub struct Expect {
    /// `cause.kind` (see `whycors::cause::CauseKind::as_str`).
    pub cause: &'static str,
    /// Which fetch the verdict is about (`preflight` | `response`), none when ok.
    pub stage: Option<&'static str>,
    /// Chromium's `Network.CorsError` for the demo request, none when readable.
    pub cors_error: Option<&'static str>,
    /// Gateway slug (see `whycors::gateway::Gateway::slug`).
    pub gateway: Option<&'static str>,
    /// The product's name for the error (REST Gateway Response type, Cloudflare code).
    pub gateway_response: Option<&'static str>,
}

/// A request body the demo page sends: `text` repeated `repeat` times.
#[derive(Clone, Copy, Debug)]
pub struct Body {
    pub text: &'static str,
    pub repeat: usize,
}

/// One failure mode of the lab.
#[derive(Clone, Copy, Debug)]
pub struct Mode {
    pub slug: &'static str,
    pub title: &'static str,
    /// One line for the demo page.
    pub description: &'static str,
    pub group: &'static str,
    /// Query string the demo adds to `/mode/<slug>` ("" for none).
    pub query: &'static str,
    /// The demo request.
    pub method: &'static str,
    pub headers: &'static [(&'static str, &'static str)],
    /// fetch() credentials mode: `omit`, `same-origin` or `include`.
    pub credentials: &'static str,
    /// Response headers the page's script reads.
    pub reads: &'static [&'static str],
    pub body: Option<Body>,
    pub expect: Expect,
}

const JSON: &[(&str, &str)] = &[("Content-Type", "application/json")];
const BEARER: &[(&str, &str)] = &[("Authorization", "Bearer lab-demo-token")];
const NONE: &[(&str, &str)] = &[];
const JSON_BODY: Option<Body> = Some(Body {
    text: "{\"hello\":\"from the whycors lab\"}",
    repeat: 1,
});

/// Amazon S3's answer to a preflight no rule of the bucket's CORS configuration allows (its
/// own spelling, "evalution" included).
const S3_CORS_REFUSED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.</Message><Method>PUT</Method><ResourceType>OBJECT</ResourceType></Error>";

const REST: &str = "AWS API Gateway: REST API";
const HTTP: &str = "AWS API Gateway: HTTP API";
const EDGE: &str = "CDNs, WAFs and proxies";
const CONF: &str = "CORS configuration";

const fn expect(
    cause: &'static str,
    stage: Option<&'static str>,
    cors_error: Option<&'static str>,
    gateway: Option<&'static str>,
    gateway_response: Option<&'static str>,
) -> Expect {
    Expect {
        cause,
        stage,
        cors_error,
        gateway,
        gateway_response,
    }
}

const PRE: Option<&str> = Some("preflight");
const RESP: Option<&str> = Some("response");
const AWS_REST: Option<&str> = Some("aws-api-gateway-rest");
const AWS_HTTP: Option<&str> = Some("aws-api-gateway-http");
const MISSING: Option<&str> = Some("MissingAllowOriginHeader");
const PRE_MISSING: Option<&str> = Some("PreflightMissingAllowOriginHeader");

/// Every mode, in the order of the demo page.
pub const MODES: &[Mode] = &[
    Mode {
        slug: "rest-no-options",
        title: "REST API without an OPTIONS method",
        description: "No OPTIONS method on the resource: the preflight gets 403 Missing Authentication Token.",
        group: REST,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: JSON_BODY,
        expect: expect("preflight_missing", PRE, PRE_MISSING, AWS_REST, Some("MISSING_AUTHENTICATION_TOKEN")),
    },
    Mode {
        slug: "rest-throttled",
        title: "Throttled (429 THROTTLED)",
        description: "Preflight passes; the POST is throttled by the stage and the 429 has no CORS headers.",
        group: REST,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: JSON_BODY,
        expect: expect("gateway_error", RESP, MISSING, AWS_REST, Some("THROTTLED")),
    },
    Mode {
        slug: "rest-quota",
        title: "Usage plan quota exceeded (429 QUOTA_EXCEEDED)",
        description: "The API key's daily quota is used up: 429 Limit Exceeded without CORS headers.",
        group: REST,
        query: "",
        method: "GET",
        headers: &[("X-Api-Key", "lab-demo-key")],
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("gateway_error", RESP, MISSING, AWS_REST, Some("QUOTA_EXCEEDED")),
    },
    Mode {
        slug: "rest-waf",
        title: "Blocked by AWS WAF (403 WAF_FILTERED)",
        description: "A WAF rule blocks the request before it reaches the API: 403 Forbidden without CORS headers.",
        group: REST,
        query: "q=%27%20OR%201%3D1--",
        method: "GET",
        headers: NONE,
        credentials: "same-origin",
        reads: &[],
        body: None,
        // 403 ForbiddenException "Forbidden" is also INVALID_API_KEY's answer:
        // whycors names both and cannot pick one from the response.
        expect: expect("gateway_error", RESP, MISSING, AWS_REST, None),
    },
    Mode {
        slug: "rest-access-denied",
        title: "Authorizer denies (403 ACCESS_DENIED)",
        description: "The Lambda authorizer returns Deny: 403 AccessDeniedException without CORS headers.",
        group: REST,
        query: "",
        method: "GET",
        headers: BEARER,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("gateway_error", RESP, MISSING, AWS_REST, Some("ACCESS_DENIED")),
    },
    Mode {
        slug: "rest-authorizer-options",
        title: "Authorizer on the OPTIONS method (401)",
        description: "The default authorizer also guards OPTIONS, and a preflight never carries a token: 401.",
        group: REST,
        query: "",
        method: "GET",
        headers: BEARER,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("preflight_failed", PRE, PRE_MISSING, AWS_REST, Some("UNAUTHORIZED")),
    },
    Mode {
        slug: "lambda-no-cors",
        title: "Lambda proxy forgets the CORS headers",
        description: "The OPTIONS mock has CORS headers, but the Lambda's own 200 response has none.",
        group: REST,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: JSON_BODY,
        expect: expect("response_missing_cors", RESP, MISSING, AWS_REST, None),
    },
    Mode {
        slug: "lambda-502",
        title: "Malformed Lambda proxy response (502)",
        description: "The Lambda crashed or returned the wrong shape: 502 Internal server error, no CORS headers.",
        group: REST,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: JSON_BODY,
        expect: expect("gateway_error", RESP, MISSING, AWS_REST, None),
    },
    Mode {
        slug: "rest-504",
        title: "Integration timeout (504 INTEGRATION_TIMEOUT)",
        description: "The backend took longer than 29 s: 504 Endpoint request timed out (answered at once here).",
        group: REST,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: JSON_BODY,
        expect: expect("gateway_error", RESP, MISSING, AWS_REST, Some("INTEGRATION_TIMEOUT")),
    },
    Mode {
        slug: "http-default-route",
        title: "$default route with a JWT authorizer catches OPTIONS",
        description: "An HTTP API's $default route runs the JWT authorizer on the preflight: 401 Unauthorized.",
        group: HTTP,
        query: "",
        method: "GET",
        headers: BEARER,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("preflight_failed", PRE, PRE_MISSING, AWS_HTTP, None),
    },
    Mode {
        slug: "http-503",
        title: "HTTP API 503 Service Unavailable",
        description: "The integration did not answer in time: the HTTP API returns 503 without CORS headers.",
        group: HTTP,
        query: "",
        method: "GET",
        headers: NONE,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("gateway_error", RESP, MISSING, AWS_HTTP, None),
    },
    Mode {
        slug: "cloudfront-403",
        title: "CloudFront 403 Request blocked",
        description: "CloudFront blocks the request and serves its own HTML error page.",
        group: EDGE,
        query: "",
        method: "GET",
        headers: NONE,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("gateway_error", RESP, MISSING, Some("cloudfront"), None),
    },
    Mode {
        slug: "cloudflare-1015",
        title: "Cloudflare 1015 rate limited",
        description: "A Cloudflare rate-limiting rule answers 429 with its error page.",
        group: EDGE,
        query: "",
        method: "GET",
        headers: NONE,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("gateway_error", RESP, MISSING, Some("cloudflare"), Some("1015")),
    },
    Mode {
        slug: "cloudflare-1020",
        title: "Cloudflare 1020 access denied",
        description: "A Cloudflare firewall rule answers 403 Access denied.",
        group: EDGE,
        query: "",
        method: "GET",
        headers: NONE,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("gateway_error", RESP, MISSING, Some("cloudflare"), Some("1020")),
    },
    Mode {
        slug: "cloudflare-cached",
        title: "Cloudflare cache HIT without CORS headers",
        description: "Cloudflare serves a copy it stored for a request without Origin (cf-cache-status: HIT, Vary: Accept-Encoding only): no Access-Control-Allow-Origin, whatever the application would send.",
        group: EDGE,
        query: "",
        method: "GET",
        headers: NONE,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect(
            "response_missing_cors",
            RESP,
            MISSING,
            Some("cloudflare"),
            Some("CACHE_HIT"),
        ),
    },
    Mode {
        slug: "nginx-413",
        title: "nginx 413 Request Entity Too Large",
        description: "A 2 MiB upload exceeds client_max_body_size; nginx's error page has no CORS headers.",
        group: EDGE,
        query: "",
        method: "POST",
        headers: &[("Content-Type", "text/plain")],
        credentials: "same-origin",
        reads: &[],
        body: Some(Body {
            text: "x",
            repeat: 2 * 1024 * 1024,
        }),
        expect: expect("gateway_error", RESP, MISSING, Some("nginx"), None),
    },
    Mode {
        slug: "kong-429",
        title: "Kong rate limiting (429)",
        description: "Kong's rate-limiting plugin answers 429 API rate limit exceeded before the CORS plugin runs.",
        group: EDGE,
        query: "",
        method: "GET",
        headers: NONE,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("gateway_error", RESP, MISSING, Some("kong"), None),
    },
    Mode {
        slug: "preflight-redirect",
        title: "Redirect on the preflight",
        description: "The server adds a trailing slash with a 301, also for OPTIONS: preflights may not redirect.",
        group: CONF,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: JSON_BODY,
        expect: expect("preflight_failed", PRE, Some("PreflightDisallowedRedirect"), None, None),
    },
    Mode {
        slug: "login-redirect",
        title: "Redirect to a login page",
        description: "No session: the API redirects to the login page on another origin, which has no CORS headers.",
        group: CONF,
        query: "",
        method: "GET",
        headers: NONE,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("redirect", RESP, MISSING, None, None),
    },
    Mode {
        slug: "redirect-preflight-missing",
        title: "Redirect to a path without OPTIONS",
        description: "The POST passes its preflight, then gets a 307 to /v2, where OPTIONS is not handled: the browser's new preflight to the redirect target fails.",
        group: CONF,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: JSON_BODY,
        expect: expect("redirect", PRE, PRE_MISSING, None, None),
    },
    Mode {
        slug: "redirect-preflight-ok",
        title: "Redirect to a path that answers its preflight (control)",
        description: "The same 307 to /v2, where OPTIONS is answered with the CORS headers: the new preflight passes and the POST reaches /v2.",
        group: CONF,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: JSON_BODY,
        expect: expect("ok", None, None, None, None),
    },
    Mode {
        slug: "redirect-preflight-null",
        title: "Cross-origin redirect: the new preflight carries Origin: null",
        description: "A 307 to another origin, which allows the page's origin: after the cross-origin hop the browser sends Origin: null, so its new preflight there fails.",
        group: CONF,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: JSON_BODY,
        expect: expect("redirect", PRE, Some("PreflightAllowOriginMismatch"), None, None),
    },
    Mode {
        slug: "redirect-303-simple",
        title: "303 after a POST: no new preflight",
        description: "A 303 to /v2 turns the POST into a GET without Content-Type: a simple request, so no preflight goes to /v2 (whose OPTIONS is not handled) and the GET passes.",
        group: CONF,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: JSON_BODY,
        expect: expect("ok", None, None, None, None),
    },
    Mode {
        slug: "origin-mismatch",
        title: "Allow-Origin names another origin",
        description: "Access-Control-Allow-Origin is https://other.example, not the page's origin.",
        group: CONF,
        query: "",
        method: "GET",
        headers: NONE,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("header_mismatch", RESP, Some("AllowOriginMismatch"), None, None),
    },
    Mode {
        slug: "spring-invalid-cors",
        title: "Spring rejects the preflight (403 Invalid CORS request)",
        description: "A Spring Boot API whose CORS configuration allows only https://admin.example: its CORS processor answers the page's preflight 403 \"Invalid CORS request\" without CORS headers.",
        group: CONF,
        query: "",
        method: "PUT",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect(
            "header_mismatch",
            PRE,
            Some("PreflightMissingAllowOriginHeader"),
            Some("spring"),
            Some("INVALID_CORS_REQUEST"),
        ),
    },
    Mode {
        slug: "s3-cors-refused",
        title: "Amazon S3 refuses the upload's preflight (403 CORSResponse)",
        description: "A direct upload to an S3 bucket (a presigned PUT with Content-Type: image/png) whose CORS configuration does not allow the page's origin: S3 answers the preflight 403 AccessForbidden \"CORSResponse: This CORS request is not allowed\" without CORS headers.",
        group: CONF,
        query: "",
        method: "PUT",
        headers: &[("Content-Type", "image/png")],
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect(
            "header_mismatch",
            PRE,
            Some("PreflightMissingAllowOriginHeader"),
            Some("aws-s3"),
            Some("CORS_RESPONSE"),
        ),
    },
    Mode {
        slug: "fastapi-disallowed-method",
        title: "FastAPI rejects the preflight (400 Disallowed CORS method)",
        description: "A FastAPI app whose CORSMiddleware allows the page's origin but only GET and POST: the PUT's preflight gets 400 \"Disallowed CORS method\".",
        group: CONF,
        query: "",
        method: "PUT",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect(
            "header_mismatch",
            PRE,
            Some("PreflightInvalidStatus"),
            Some("starlette"),
            Some("DISALLOWED_CORS"),
        ),
    },
    Mode {
        slug: "iis-windows-auth",
        title: "IIS Windows Authentication on the preflight (401)",
        description: "An intranet API on IIS with Windows Authentication and anonymous access off: the preflight carries no credentials, so IIS answers 401 WWW-Authenticate: Negotiate, NTLM.",
        group: EDGE,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "include",
        reads: &[],
        body: None,
        expect: expect(
            "preflight_failed",
            PRE,
            Some("PreflightMissingAllowOriginHeader"),
            Some("iis"),
            Some("WINDOWS_AUTH"),
        ),
    },
    Mode {
        slug: "fastapi-500",
        title: "FastAPI unhandled exception (500 without CORS headers)",
        description: "A FastAPI app with CORSMiddleware answers the preflight, then the endpoint raises: Starlette's ServerErrorMiddleware, outside CORSMiddleware, answers 500 \"Internal Server Error\" without CORS headers.",
        group: CONF,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: Some(Body {
            text: "{}",
            repeat: 1,
        }),
        expect: expect(
            "gateway_error",
            RESP,
            MISSING,
            Some("starlette"),
            Some("UNHANDLED_EXCEPTION"),
        ),
    },
    Mode {
        slug: "express-no-cors",
        title: "Express without the cors middleware (404 to the preflight)",
        description: "An Express app with a POST route and no cors middleware: the preflight gets Express's own 404 \"Cannot OPTIONS /…\".",
        group: CONF,
        query: "",
        method: "POST",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: Some(Body {
            text: "{}",
            repeat: 1,
        }),
        expect: expect(
            "preflight_missing",
            PRE,
            Some("PreflightMissingAllowOriginHeader"),
            Some("express"),
            Some("CANNOT_OPTIONS"),
        ),
    },
    Mode {
        slug: "wildcard-credentials",
        title: "Allow-Origin * with credentials",
        description: "The request sends cookies (credentials: include) and the answer is Allow-Origin: *.",
        group: CONF,
        query: "",
        method: "GET",
        headers: NONE,
        credentials: "include",
        reads: &[],
        body: None,
        expect: expect("header_mismatch", RESP, Some("WildcardOriginNotAllowed"), None, None),
    },
    Mode {
        slug: "authorization-wildcard",
        title: "Authorization under Allow-Headers: *",
        description: "The spec says * never covers Authorization; Chromium still lets it through, with a warning.",
        group: CONF,
        query: "",
        method: "GET",
        headers: BEARER,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("ok", None, None, None, None),
    },
    Mode {
        slug: "method-not-allowed",
        title: "PUT not in Allow-Methods",
        description: "The preflight allows GET, POST only; the page sends PUT.",
        group: CONF,
        query: "",
        method: "PUT",
        headers: JSON,
        credentials: "same-origin",
        reads: &[],
        body: JSON_BODY,
        expect: expect("header_mismatch", PRE, Some("MethodDisallowedByPreflightResponse"), None, None),
    },
    Mode {
        slug: "etag-unexposed",
        title: "ETag not exposed",
        description: "The response has an ETag but no Access-Control-Expose-Headers: the script reads null.",
        group: CONF,
        query: "",
        method: "GET",
        headers: NONE,
        credentials: "same-origin",
        reads: &["ETag"],
        body: None,
        expect: expect("header_not_exposed", RESP, None, None, None),
    },
    Mode {
        slug: "no-vary",
        title: "Reflected origin without Vary: Origin",
        description: "Works, but a shared cache can serve one origin's Allow-Origin to another.",
        group: CONF,
        query: "",
        method: "GET",
        headers: NONE,
        credentials: "same-origin",
        reads: &[],
        body: None,
        expect: expect("ok", None, None, None, None),
    },
    Mode {
        slug: "control",
        title: "Control: everything right",
        description: "Allowed origins reflected with Vary: Origin, credentials, PUT with Authorization, ETag exposed.",
        group: "Control",
        query: "",
        method: "PUT",
        headers: &[
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer lab-demo-token"),
        ],
        credentials: "include",
        reads: &["ETag"],
        body: JSON_BODY,
        expect: expect("ok", None, None, None, None),
    },
];

pub fn find(slug: &str) -> Option<&'static Mode> {
    MODES.iter().find(|m| m.slug == slug)
}

/// `/modes.json` on the app origin.
pub fn index_json() -> Value {
    Value::Array(
        MODES
            .iter()
            .map(|m| {
                let headers: serde_json::Map<String, Value> = m
                    .headers
                    .iter()
                    .map(|(n, v)| (n.to_string(), Value::String(v.to_string())))
                    .collect();
                let path = if m.query.is_empty() {
                    format!("/mode/{}", m.slug)
                } else {
                    format!("/mode/{}?{}", m.slug, m.query)
                };
                json!({
                    "slug": m.slug,
                    "title": m.title,
                    "description": m.description,
                    "group": m.group,
                    "path": path,
                    "method": m.method,
                    "headers": headers,
                    "credentials": m.credentials,
                    "reads": m.reads,
                    "body": m.body.map(|b| json!({"text": b.text, "repeat": b.repeat})),
                    "expect": {
                        "cause": m.expect.cause,
                        "stage": m.expect.stage,
                        "cors_error": m.expect.cors_error,
                        "gateway": m.expect.gateway,
                        "gateway_response": m.expect.gateway_response,
                    }
                })
            })
            .collect(),
    )
}

/// What a mode handler needs to know about the running lab.
pub struct Ctx<'a> {
    /// `http://app.localhost:P`
    pub app_url: &'a str,
    /// `http://api.localhost:Q`
    pub api_url: &'a str,
    /// The app listener's port: origins on it count as "allowed" for `control`.
    pub app_port: u16,
}

fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    http_date(secs)
}

fn origin(req: &Request) -> Option<&str> {
    req.header("origin")
}

/// Add `Access-Control-Allow-Origin: <the request's Origin>` when it has one.
fn reflect(resp: &mut Response, req: &Request) {
    if let Some(o) = origin(req) {
        resp.push("Access-Control-Allow-Origin", o);
    }
}

fn json_body(v: &Value) -> Vec<u8> {
    v.to_string().into_bytes()
}

// ---- AWS API Gateway REST API -------------------------------------------

/// Headers on every REST API response, before the body-specific ones.
fn rest(status: u16) -> Response {
    Response::new(status)
        .header("Date", &now())
        .header("Content-Type", "application/json")
        .header("x-amzn-RequestId", &ids::uuid())
}

/// A Gateway Response: `{"message": ...}` and `x-amzn-ErrorType`.
fn rest_error(status: u16, error_type: &str, body: &str) -> Response {
    rest(status)
        .header("x-amzn-ErrorType", error_type)
        .header("x-amz-apigw-id", &ids::apigw_id())
        .body(body.as_bytes().to_vec())
}

/// The OPTIONS mock integration "Enable CORS" creates.
fn rest_mock_preflight(req: &Request) -> Response {
    let mut r = rest(200);
    reflect(&mut r, req);
    r.push(
        "Access-Control-Allow-Headers",
        "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token",
    );
    r.push("x-amz-apigw-id", &ids::apigw_id());
    r.push(
        "Access-Control-Allow-Methods",
        "DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT",
    );
    r
}

/// A Lambda proxy response passed through the REST API.
fn lambda_ok(req: &Request, slug: &str, cors: bool) -> Response {
    let mut r = rest(200);
    if cors {
        reflect(&mut r, req);
    }
    r.push("x-amz-apigw-id", &ids::apigw_id());
    r.push("X-Amzn-Trace-Id", &ids::trace_id());
    r.body(json_body(&json!({
        "ok": true,
        "mode": slug,
        "method": req.method,
        "message": "Hello from the lab's Lambda function",
    })))
}

// ---- AWS API Gateway HTTP API -------------------------------------------

fn http_api(status: u16) -> Response {
    Response::new(status)
        .header("date", &now())
        .header("content-type", "application/json")
        .header("apigw-requestid", &ids::apigw_id())
}

/// The preflight answer of an HTTP API's CORS configuration.
fn http_api_preflight(req: &Request) -> Response {
    let mut r = Response::new(204)
        .header("date", &now())
        .header("apigw-requestid", &ids::apigw_id());
    if let Some(o) = origin(req) {
        r.push("access-control-allow-origin", o);
    }
    r.push("access-control-allow-methods", "DELETE,GET,PATCH,POST,PUT");
    r.push("access-control-allow-headers", "authorization,content-type");
    r.push("access-control-max-age", "300");
    r
}

fn http_api_ok(req: &Request, slug: &str) -> Response {
    let mut r = http_api(200);
    reflect(&mut r, req);
    r.body(json_body(
        &json!({"ok": true, "mode": slug, "method": req.method}),
    ))
}

// ---- generic servers ----------------------------------------------------

/// A correct preflight answer from an application server.
fn app_preflight(req: &Request, methods: &str, headers: Option<&str>, vary: bool) -> Response {
    let mut r = Response::new(204).header("Date", &now());
    reflect(&mut r, req);
    r.push("Access-Control-Allow-Methods", methods);
    let allow_headers = headers.map(str::to_string).or_else(|| {
        req.header("access-control-request-headers")
            .map(str::to_string)
    });
    if let Some(h) = allow_headers {
        r.push("Access-Control-Allow-Headers", &h);
    }
    r.push("Access-Control-Max-Age", "600");
    if vary {
        r.push(
            "Vary",
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
        );
    }
    r
}

fn app_json(status: u16, req: &Request, slug: &str) -> Response {
    Response::new(status)
        .header("Date", &now())
        .header("Content-Type", "application/json; charset=utf-8")
        .body(json_body(
            &json!({"ok": status < 400, "mode": slug, "method": req.method}),
        ))
}

fn cloudfront_403() -> Response {
    let cf_id = ids::cf_id();
    let body = format!(
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">\n\
<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">\n\
<TITLE>ERROR: The request could not be satisfied</TITLE>\n\
</HEAD><BODY>\n\
<H1>403 ERROR</H1>\n\
<H2>The request could not be satisfied.</H2>\n\
<HR noshade size=\"1px\">\n\
Request blocked.\n\
We can't connect to the server for this app or website at this time. There might be too much traffic or a configuration error. Try again later, or contact the app or website owner.\n\
<BR clear=\"all\">\n\
If you provide content to customers through CloudFront, you can find steps to troubleshoot and help prevent this error by reviewing the CloudFront documentation.\n\
<BR clear=\"all\">\n\
<HR noshade size=\"1px\">\n\
<PRE>\n\
Generated by cloudfront (CloudFront)\n\
Request ID: {cf_id}\n\
</PRE>\n\
<ADDRESS>\n\
</ADDRESS>\n\
</BODY></HTML>"
    );
    Response::new(403)
        .header("Server", "CloudFront")
        .header("Date", &now())
        .header("Content-Type", "text/html")
        .header("X-Cache", "Error from cloudfront")
        .header(
            "Via",
            &format!("1.1 {}.cloudfront.net (CloudFront)", ids::hex(32)),
        )
        .header("X-Amz-Cf-Pop", "FRA56-P5")
        .header("X-Amz-Cf-Id", &cf_id)
        .body(body)
}

fn cloudflare(status: u16, code: &str, title: &str, text: &str, detail: &str) -> Response {
    let host = "api.localhost";
    let ray = ids::cf_ray();
    let ray_id = ray.split('-').next().unwrap_or("");
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<title>{title} | {host} | Cloudflare</title>\n\
<meta charset=\"UTF-8\" />\n<meta name=\"robots\" content=\"noindex, nofollow\" />\n</head>\n<body>\n\
<div id=\"cf-wrapper\">\n<div id=\"cf-error-details\" class=\"cf-error-details-wrapper\">\n\
<h1><span class=\"cf-error-type\">Error</span> <span class=\"cf-error-code\">{code}</span></h1>\n\
<h2 class=\"cf-subheadline\">{text}</h2>\n\
<p>{detail}</p>\n\
<div class=\"cf-error-footer\">Cloudflare Ray ID: <strong>{ray_id}</strong> &bull; Performance &amp; security by Cloudflare</div>\n\
</div>\n</div>\n</body>\n</html>\n"
    );
    Response::new(status)
        .header("Date", &now())
        .header("Content-Type", "text/html; charset=UTF-8")
        .header(
            "Cache-Control",
            "private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0",
        )
        .header("Expires", "Thu, 01 Jan 1970 00:00:01 GMT")
        .header("Referrer-Policy", "same-origin")
        .header("X-Frame-Options", "SAMEORIGIN")
        .header("Server", "cloudflare")
        .header("CF-RAY", &ray)
        .body(body)
}

/// IIS's detailed 401.2 page, shortened.
const IIS_401: &str = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\r\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\r\n<head>\r\n<title>401 - Unauthorized: Access is denied due to invalid credentials.</title>\r\n</head>\r\n<body>\r\n<div id=\"header\"><h1>Server Error</h1></div>\r\n<div id=\"content\">\r\n <div class=\"content-container\"><fieldset>\r\n  <h2>401 - Unauthorized: Access is denied due to invalid credentials.</h2>\r\n  <h3>You do not have permission to view this directory or page using the credentials that you supplied.</h3>\r\n </fieldset></div>\r\n</div>\r\n</body>\r\n</html>\r\n";

const NGINX_413: &str = "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// nginx's default `client_max_body_size`.
const NGINX_MAX_BODY: usize = 1024 * 1024;

fn kong_429() -> Response {
    Response::new(429)
        .header("Date", &now())
        .header("Content-Type", "application/json; charset=utf-8")
        .header("X-RateLimit-Limit-Minute", "5")
        .header("X-RateLimit-Remaining-Minute", "0")
        .header("RateLimit-Limit", "5")
        .header("RateLimit-Remaining", "0")
        .header("RateLimit-Reset", "37")
        .header("Retry-After", "37")
        .header("X-Kong-Response-Latency", "0")
        .header("Server", "kong/3.6.1")
        .header("X-Kong-Request-Id", &ids::hex(32))
        .body(&b"{\n  \"message\":\"API rate limit exceeded\"\n}"[..])
}

/// Kong's CORS plugin answering a preflight (it runs before rate limiting).
fn kong_preflight(req: &Request) -> Response {
    let mut r = Response::new(200)
        .header("Date", &now())
        .header("Content-Length", "0");
    reflect(&mut r, req);
    r.push("Vary", "Origin");
    r.push(
        "Access-Control-Allow-Methods",
        "GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT",
    );
    if let Some(h) = req.header("access-control-request-headers") {
        r.push("Access-Control-Allow-Headers", h);
    }
    r.push("Server", "kong/3.6.1");
    r.push("X-Kong-Response-Latency", "0");
    r
}

/// Is `origin` one of the lab's app origins (any host name, the app port)?
fn allowed_origin(origin: &str, app_port: u16) -> bool {
    let Some(rest) = origin.strip_prefix("http://") else {
        return false;
    };
    let Some((host, port)) = rest.rsplit_once(':') else {
        return false;
    };
    let host_ok = host == "localhost"
        || host.ends_with(".localhost")
        || host == "127.0.0.1"
        || host == "[::1]";
    host_ok && port.parse::<u16>().ok() == Some(app_port)
}

/// Another origin on the API listener (`http://edge.localhost:Q`): a
/// cross-origin redirect target without a second server.
fn edge_origin(ctx: &Ctx) -> String {
    let port = ctx.api_url.rsplit_once(':').map_or("80", |(_, p)| p);
    format!("http://edge.localhost:{port}")
}

/// The redirect modes: `/mode/<slug>` answers the first preflight and sends the
/// actual request on with a redirect (to `/mode/<slug>/v2`, on the edge origin
/// for `redirect-preflight-null`); how `/v2` answers OPTIONS decides.
/// `None` for other modes and other paths.
fn redirect_mode(m: &Mode, rest: Option<&str>, req: &Request, ctx: &Ctx) -> Option<Response> {
    let slug = m.slug;
    if !matches!(
        slug,
        "redirect-preflight-missing"
            | "redirect-preflight-ok"
            | "redirect-preflight-null"
            | "redirect-303-simple"
    ) {
        return None;
    }
    let options = req.is("OPTIONS");
    match rest.filter(|p| !p.is_empty()) {
        None => {
            if options {
                return Some(app_preflight(req, "GET, POST, PUT", None, true));
            }
            let (status, location) = match slug {
                "redirect-303-simple" => (303, format!("/mode/{slug}/v2")),
                "redirect-preflight-null" => (307, format!("{}/mode/{slug}/v2", edge_origin(ctx))),
                _ => (307, format!("/mode/{slug}/v2")),
            };
            let mut r = Response::new(status)
                .header("Date", &now())
                .header("Location", &location)
                .header("Content-Type", "text/html; charset=utf-8");
            reflect(&mut r, req);
            r.push("Vary", "Origin");
            Some(r.body(format!(
                "<p>Moved. Redirecting to <a href=\"{location}\">{location}</a></p>"
            )))
        }
        Some("v2") => {
            if !options {
                let mut r = app_json(200, req, slug);
                reflect(&mut r, req);
                r.push("Vary", "Origin");
                return Some(r);
            }
            Some(match slug {
                "redirect-preflight-ok" => app_preflight(req, "GET, POST, PUT", None, true),
                // Allows exactly the page's origin, which a redirected request no
                // longer carries.
                "redirect-preflight-null" => {
                    let mut r = Response::new(204)
                        .header("Date", &now())
                        .header("Access-Control-Allow-Origin", ctx.app_url);
                    r.push("Access-Control-Allow-Methods", "GET, POST, PUT");
                    r.push("Access-Control-Allow-Headers", "Content-Type");
                    r.push("Vary", "Origin");
                    r
                }
                // No OPTIONS route at the new path: 405 without CORS headers.
                _ => Response::new(405)
                    .header("Date", &now())
                    .header("Allow", "GET, POST")
                    .header("Content-Type", "application/json; charset=utf-8")
                    .body(json_body(
                        &json!({"error": "method not allowed", "path": req.path}),
                    )),
            })
        }
        Some(_) => None,
    }
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Answer a request to `/mode/<slug>[/<rest>]`; `None` when the slug is unknown.
pub fn handle(slug: &str, rest_path: Option<&str>, req: &Request, ctx: &Ctx) -> Option<Response> {
    let m = find(slug)?;
    if let Some(r) = redirect_mode(m, rest_path, req, ctx) {
        return Some(r);
    }
    if rest_path.is_some_and(|p| !p.is_empty()) {
        return Some(unknown_route(m, req, ctx));
    }
    let options = req.is("OPTIONS");
    let has_auth = req.header("authorization").is_some();
    let resp = match m.slug {
        "rest-no-options" => {
            if options {
                rest_error(
                    403,
                    "MissingAuthenticationTokenException",
                    "{\"message\":\"Missing Authentication Token\"}",
                )
            } else {
                lambda_ok(req, slug, true)
            }
        }
        "rest-throttled" => {
            if options {
                rest_mock_preflight(req)
            } else {
                rest_error(
                    429,
                    "TooManyRequestsException",
                    "{\"message\":\"Too Many Requests\"}",
                )
            }
        }
        "rest-quota" => {
            if options {
                rest_mock_preflight(req)
            } else {
                rest_error(
                    429,
                    "LimitExceededException",
                    "{\"message\":\"Limit Exceeded\"}",
                )
            }
        }
        "rest-waf" => rest_error(403, "ForbiddenException", "{\"message\":\"Forbidden\"}"),
        "rest-access-denied" => {
            if options {
                rest_mock_preflight(req)
            } else {
                rest_error(
                    403,
                    "AccessDeniedException",
                    "{\"Message\":\"User is not authorized to access this resource with an explicit deny\"}",
                )
            }
        }
        "rest-authorizer-options" => {
            if options || !has_auth {
                rest_error(
                    401,
                    "UnauthorizedException",
                    "{\"message\":\"Unauthorized\"}",
                )
            } else {
                lambda_ok(req, slug, true)
            }
        }
        "lambda-no-cors" => {
            if options {
                rest_mock_preflight(req)
            } else {
                lambda_ok(req, slug, false)
            }
        }
        "lambda-502" => {
            if options {
                rest_mock_preflight(req)
            } else {
                rest_error(
                    502,
                    "InternalServerErrorException",
                    "{\"message\": \"Internal server error\"}",
                )
            }
        }
        "rest-504" => {
            if options {
                rest_mock_preflight(req)
            } else {
                rest_error(
                    504,
                    "InternalServerErrorException",
                    "{\"message\": \"Endpoint request timed out\"}",
                )
            }
        }
        "http-default-route" => {
            if options || !has_auth {
                http_api(401)
                    .header("www-authenticate", "Bearer")
                    .body(&b"{\"message\":\"Unauthorized\"}"[..])
            } else {
                http_api_ok(req, slug)
            }
        }
        "http-503" => {
            if options {
                http_api_preflight(req)
            } else {
                http_api(503).body(&b"{\"message\":\"Service Unavailable\"}"[..])
            }
        }
        "cloudfront-403" => cloudfront_403(),
        "cloudflare-1015" => cloudflare(
            429,
            "1015",
            "Rate limited",
            "You are being rate limited",
            "The owner of this website has banned you temporarily from accessing this website.",
        ),
        "cloudflare-1020" => cloudflare(
            403,
            "1020",
            "Access denied",
            "Access denied",
            "This website is using a security service to protect itself from online attacks. The request matched a firewall rule.",
        ),
        // A copy Cloudflare stored from an earlier request without Origin, served as is.
        "cloudflare-cached" => app_json(200, req, slug)
            .header("Cache-Control", "public, max-age=14400")
            .header("Age", "1377")
            .header("Vary", "Accept-Encoding")
            .header("CF-Cache-Status", "HIT")
            .header("Server", "cloudflare")
            .header("CF-RAY", &ids::cf_ray()),
        "nginx-413" => {
            if req.body_len > NGINX_MAX_BODY {
                Response::new(413)
                    .header("Server", "nginx")
                    .header("Date", &now())
                    .header("Content-Type", "text/html")
                    .header("Connection", "close")
                    .body(NGINX_413)
            } else if options {
                let mut r = app_preflight(req, "GET, POST, PUT", None, true);
                r.headers.insert(0, ("Server".into(), "nginx".into()));
                r
            } else {
                let mut r = app_json(200, req, slug);
                r.headers.insert(0, ("Server".into(), "nginx".into()));
                reflect(&mut r, req);
                r.push("Vary", "Origin");
                r
            }
        }
        "kong-429" => {
            if options {
                kong_preflight(req)
            } else {
                kong_429()
            }
        }
        "preflight-redirect" => {
            if options && rest_path.is_none() {
                Response::new(301)
                    .header("Date", &now())
                    .header("Location", &format!("/mode/{slug}/"))
                    .header("Content-Type", "text/html; charset=utf-8")
                    .body(format!(
                        "<p>Moved Permanently. Redirecting to <a href=\"/mode/{slug}/\">/mode/{slug}/</a></p>"
                    ))
            } else if options {
                app_preflight(req, "GET, POST", None, true)
            } else {
                let mut r = app_json(200, req, slug);
                reflect(&mut r, req);
                r.push("Vary", "Origin");
                r
            }
        }
        "login-redirect" => {
            if options {
                app_preflight(req, "GET, POST", None, true)
            } else if req
                .header("cookie")
                .is_some_and(|c| c.contains("lab_session="))
            {
                let mut r = app_json(200, req, slug);
                reflect(&mut r, req);
                r.push("Vary", "Origin");
                r
            } else {
                let next = format!("{}{}", ctx.api_url, req.target);
                let location = format!("{}/login?next={}", ctx.app_url, percent_encode(&next));
                let mut r = Response::new(302)
                    .header("Date", &now())
                    .header("Location", &location)
                    .header("Content-Type", "text/html; charset=utf-8");
                reflect(&mut r, req);
                r.push("Vary", "Origin");
                r.body(format!(
                    "<p>Found. Redirecting to <a href=\"{location}\">the login page</a></p>"
                ))
            }
        }
        "origin-mismatch" => {
            if options {
                Response::new(204)
                    .header("Date", &now())
                    .header("Access-Control-Allow-Origin", "https://other.example")
                    .header("Access-Control-Allow-Methods", "GET, POST, PUT")
                    .header(
                        "Access-Control-Allow-Headers",
                        "Content-Type, Authorization",
                    )
            } else {
                app_json(200, req, slug)
                    .header("Access-Control-Allow-Origin", "https://other.example")
            }
        }
        // Spring MVC's DefaultCorsProcessor: the Vary lines first, then, for an origin its
        // configuration does not list, 403 with this body and no Content-Type.
        "spring-invalid-cors" => {
            if origin(req).is_some_and(|o| o != "https://admin.example") {
                Response::new(403)
                    .header("Vary", "Origin")
                    .header("Vary", "Access-Control-Request-Method")
                    .header("Vary", "Access-Control-Request-Headers")
                    .header("Date", &now())
                    .body(&b"Invalid CORS request"[..])
            } else {
                app_json(200, req, slug)
                    .header("Vary", "Origin")
                    .header("Vary", "Access-Control-Request-Method")
                    .header("Vary", "Access-Control-Request-Headers")
            }
        }
        // Amazon S3 with no CORS rule for the page's origin: its own 403 on the preflight,
        // the object stored (200, ETag) for a PUT sent without one.
        "s3-cors-refused" => {
            let s3 = |status: u16| {
                Response::new(status)
                    .header("x-amz-id-2", &ids::hex(76))
                    .header("x-amz-request-id", &ids::hex(16).to_ascii_uppercase())
                    .header("Date", &now())
                    .header("Server", "AmazonS3")
            };
            if options {
                s3(403)
                    .header("Content-Type", "application/xml")
                    .body(S3_CORS_REFUSED.as_bytes())
            } else {
                s3(200)
                    .header("ETag", &format!("\"{}\"", ids::hex(32)))
                    .header("Content-Length", "0")
            }
        }
        // IIS with Windows Authentication only: a request without credentials (every
        // preflight) gets IIS's 401 page and the two challenges.
        "iis-windows-auth" => {
            if options || req.header("authorization").is_none() {
                Response::new(401)
                    .header("Content-Type", "text/html")
                    .header("Server", "Microsoft-IIS/10.0")
                    .header("WWW-Authenticate", "Negotiate")
                    .header("WWW-Authenticate", "NTLM")
                    .header("X-Powered-By", "ASP.NET")
                    .header("Date", &now())
                    .body(IIS_401)
            } else {
                let mut r = app_json(200, req, slug).header("Server", "Microsoft-IIS/10.0");
                reflect(&mut r, req);
                r.push("Access-Control-Allow-Credentials", "true");
                r.push("Vary", "Origin");
                r
            }
        }
        // Express without cors(): finalhandler's 404 page for OPTIONS, the route's JSON
        // (without CORS headers) for the request itself.
        "express-no-cors" => {
            if options {
                let page = format!("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot OPTIONS {}</pre>\n</body>\n</html>\n", req.path);
                Response::new(404)
                    .header("X-Powered-By", "Express")
                    .header("Content-Security-Policy", "default-src 'none'")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Type", "text/html; charset=utf-8")
                    .header("Date", &now())
                    .body(page.into_bytes())
            } else {
                app_json(200, req, slug).header("X-Powered-By", "Express")
            }
        }
        // FastAPI behind uvicorn: CORSMiddleware answers the preflight; the endpoint raises,
        // and ServerErrorMiddleware (outside CORSMiddleware) writes the 500.
        "fastapi-500" => {
            if options {
                let mut r = Response::new(200)
                    .header("Date", &now())
                    .header("Server", "uvicorn")
                    .header("Vary", "Origin")
                    .header("Access-Control-Allow-Methods", "GET, POST")
                    .header("Access-Control-Max-Age", "600")
                    .header("Access-Control-Allow-Headers", "content-type")
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .body(&b"OK"[..]);
                if let Some(o) = origin(req) {
                    r.push("Access-Control-Allow-Origin", o);
                }
                r
            } else {
                Response::new(500)
                    .header("Date", &now())
                    .header("Server", "uvicorn")
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .body(&b"Internal Server Error"[..])
            }
        }
        // Starlette's CORSMiddleware (allow_origins=[the page], allow_methods=["GET", "POST"],
        // allow_headers=["content-type"]) behind uvicorn: a preflight for another method is
        // refused with 400 and the failed checks named, with its preflight headers.
        "fastapi-disallowed-method" => {
            if options {
                let method = req.header("access-control-request-method").unwrap_or("");
                let status = if matches!(method, "GET" | "POST") { 200 } else { 400 };
                let body = if status == 200 { "OK" } else { "Disallowed CORS method" };
                let mut r = Response::new(status)
                    .header("Date", &now())
                    .header("Server", "uvicorn")
                    .header("Vary", "Origin")
                    .header("Access-Control-Allow-Methods", "GET, POST")
                    .header("Access-Control-Max-Age", "600")
                    .header(
                        "Access-Control-Allow-Headers",
                        "Accept, Accept-Language, Content-Language, Content-Type",
                    )
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .body(body.as_bytes());
                if let Some(o) = origin(req) {
                    r.push("Access-Control-Allow-Origin", o);
                }
                r
            } else {
                let mut r = app_json(200, req, slug).header("Server", "uvicorn");
                reflect(&mut r, req);
                r.push("Vary", "Origin");
                r
            }
        }
        "wildcard-credentials" => {
            if options {
                Response::new(204)
                    .header("Date", &now())
                    .header("Access-Control-Allow-Origin", "*")
                    .header("Access-Control-Allow-Credentials", "true")
                    .header("Access-Control-Allow-Methods", "*")
                    .header("Access-Control-Allow-Headers", "*")
            } else {
                app_json(200, req, slug)
                    .header("Access-Control-Allow-Origin", "*")
                    .header("Access-Control-Allow-Credentials", "true")
            }
        }
        "authorization-wildcard" => {
            if options {
                app_preflight(req, "GET, POST", Some("*"), true)
            } else {
                let mut r = app_json(200, req, slug);
                reflect(&mut r, req);
                r.push("Vary", "Origin");
                r
            }
        }
        "method-not-allowed" => {
            if options {
                app_preflight(req, "GET, POST", Some("Content-Type"), true)
            } else {
                let allowed = req.is("GET") || req.is("POST") || req.is("HEAD");
                let mut r = app_json(if allowed { 200 } else { 405 }, req, slug);
                if !allowed {
                    r.push("Allow", "GET, HEAD, POST");
                }
                reflect(&mut r, req);
                r.push("Vary", "Origin");
                r
            }
        }
        "etag-unexposed" => {
            if options {
                app_preflight(req, "GET, POST, PUT", None, true)
            } else {
                let mut r = app_json(200, req, slug);
                reflect(&mut r, req);
                r.push("Vary", "Origin");
                r.push("ETag", "\"lab-etag-7f3a9c\"");
                r.push("Cache-Control", "no-cache");
                r
            }
        }
        "no-vary" => {
            if options {
                app_preflight(req, "GET, POST", None, false)
            } else {
                let mut r = app_json(200, req, slug);
                reflect(&mut r, req);
                r.push("Cache-Control", "public, max-age=300");
                r
            }
        }
        "control" => control(req, slug, ctx),
        _ => return None,
    };
    Some(resp)
}

const NGINX_404: &str = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// A path under a mode that the emulated API has no route for
/// (`/mode/<slug>/<anything>`): what each product answers for an unknown path.
fn unknown_route(m: &Mode, req: &Request, ctx: &Ctx) -> Response {
    let options = req.is("OPTIONS");
    if m.group == REST {
        // No resource matches: the MISSING_AUTHENTICATION_TOKEN Gateway Response,
        // for OPTIONS too, without CORS headers unless DEFAULT_4XX has them.
        return rest_error(
            403,
            "MissingAuthenticationTokenException",
            "{\"message\":\"Missing Authentication Token\"}",
        );
    }
    let same = |req: &Request| handle(m.slug, None, req, ctx).unwrap_or_else(|| Response::new(404));
    match m.slug {
        // HTTP API: CORS configuration answers every preflight; no route is 404.
        "http-503" if options => http_api_preflight(req),
        "http-503" => http_api(404).body(&b"{\"message\":\"Not Found\"}"[..]),
        "nginx-413" => Response::new(404)
            .header("Server", "nginx")
            .header("Date", &now())
            .header("Content-Type", "text/html")
            .body(NGINX_404),
        "kong-429" => Response::new(404)
            .header("Date", &now())
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Server", "kong/3.6.1")
            .header("X-Kong-Response-Latency", "0")
            .body(&b"{\n  \"message\":\"no Route matched with those values\"\n}"[..]),
        // A catch-all route, an edge in front of everything, a redirect before routing.
        "http-default-route" | "cloudfront-403" | "cloudflare-1015" | "cloudflare-1020"
        | "login-redirect" => same(req),
        // Application servers: the CORS middleware runs before routing, so the
        // 404 carries the same CORS headers as the mode's own answers.
        _ => {
            let mut r = same(req);
            if !options && (200..300).contains(&r.status) {
                r.status = 404;
                r.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("etag"));
                r.body = json_body(&json!({"error": "not found", "path": req.path}));
            }
            r
        }
    }
}

fn control(req: &Request, slug: &str, ctx: &Ctx) -> Response {
    let allowed = origin(req).filter(|o| allowed_origin(o, ctx.app_port));
    if req.is("OPTIONS") {
        let mut r = Response::new(204).header("Date", &now());
        if let Some(o) = allowed {
            r.push("Access-Control-Allow-Origin", o);
            r.push("Access-Control-Allow-Credentials", "true");
            r.push(
                "Access-Control-Allow-Methods",
                "GET, POST, PUT, PATCH, DELETE",
            );
            r.push(
                "Access-Control-Allow-Headers",
                "Authorization, Content-Type, X-Api-Key",
            );
            r.push("Access-Control-Max-Age", "600");
        }
        r.push(
            "Vary",
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
        );
        return r;
    }
    let mut r = app_json(200, req, slug);
    if let Some(o) = allowed {
        r.push("Access-Control-Allow-Origin", o);
        r.push("Access-Control-Allow-Credentials", "true");
        r.push("Access-Control-Expose-Headers", "ETag");
    }
    r.push("Vary", "Origin");
    r.push("ETag", "\"lab-control-1\"");
    r.push("Cache-Control", "no-cache");
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_unique_and_routed() {
        for (i, m) in MODES.iter().enumerate() {
            assert!(
                MODES.iter().skip(i + 1).all(|o| o.slug != m.slug),
                "{}",
                m.slug
            );
        }
        assert_eq!(MODES.len(), 36);
    }

    #[test]
    fn allowed_origins() {
        assert!(allowed_origin("http://app.localhost:8080", 8080));
        assert!(allowed_origin("http://app.example.localhost:8080", 8080));
        assert!(!allowed_origin("http://app.localhost:8081", 8080));
        assert!(!allowed_origin("https://app.localhost:8080", 8080));
        assert!(!allowed_origin("http://evil.example:8080", 8080));
        assert!(!allowed_origin("null", 8080));
    }
}
