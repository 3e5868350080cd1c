//! Gateway fingerprints: table tests per product and per REST API Gateway
//! Response type, header-only variants, chains and negative cases.

use whycors::exchange::{HeaderList, Response};
use whycors::gateway::{identify, identify_all, lacks_cors, Fingerprint, Gateway};

fn resp(status: u16, headers: &[(&str, &str)], body: Option<&str>) -> Response {
    Response {
        status,
        status_text: String::new(),
        http_version: Some("HTTP/2".to_string()),
        headers: headers.iter().copied().collect::<HeaderList>(),
        body: body.map(str::to_string),
    }
}

struct Case {
    name: &'static str,
    url: &'static str,
    status: u16,
    headers: Vec<(&'static str, &'static str)>,
    body: Option<&'static str>,
    /// Expected slug, or None for no claim.
    gateway: Option<&'static str>,
    generated: bool,
    error: Option<&'static str>,
    /// Words the meaning must contain (ambiguous cases name every candidate).
    meaning_has: &'static [&'static str],
}

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for c in cases {
        let r = resp(c.status, &c.headers, c.body);
        let got = identify(&r, c.url);
        let ok = match (&got, c.gateway) {
            (None, None) => true,
            (Some(fp), Some(slug)) => {
                fp.gateway.slug() == slug
                    && fp.generated == c.generated
                    && fp.error.as_deref() == c.error
                    && !fp.evidence.is_empty()
                    && c.meaning_has
                        .iter()
                        .all(|w| fp.meaning.as_deref().is_some_and(|m| m.contains(w)))
            }
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{}: expected {:?} generated={} error={:?} meaning has {:?}\n   got {:?}",
                c.name, c.gateway, c.generated, c.error, c.meaning_has, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const REST_URL: &str = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/items";
const CUSTOM_URL: &str = "https://api.example.com/v1/items";

/// The headers a regional REST API puts on a Gateway Response.
fn rest_headers(error_type: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("Date", "Tue, 03 Nov 2026 10:12:01 GMT"),
        ("Content-Type", "application/json"),
        ("Connection", "keep-alive"),
        ("x-amzn-RequestId", "6f1c2a9e-1d3b-4c55-9e2a-0b7f3e8d9a10"),
        ("x-amzn-ErrorType", error_type),
        ("x-amz-apigw-id", "Qx7mJHb2IAMEdRw="),
    ]
}

/// A REST Gateway Response: once with its body, once header-only (as the
/// browser keeps a CORS-blocked response).
#[allow(clippy::too_many_arguments)]
fn rest_pair(
    name: &'static str,
    status: u16,
    error_type: &'static str,
    body: &'static str,
    with_body: Option<&'static str>,
    header_only: Option<&'static str>,
    meaning_has: &'static [&'static str],
) -> [Case; 2] {
    [
        Case {
            name,
            url: REST_URL,
            status,
            headers: rest_headers(error_type),
            body: Some(body),
            gateway: Some("aws-api-gateway-rest"),
            generated: true,
            error: with_body,
            meaning_has,
        },
        Case {
            name,
            url: CUSTOM_URL,
            status,
            headers: rest_headers(error_type),
            body: None,
            gateway: Some("aws-api-gateway-rest"),
            generated: true,
            error: header_only,
            meaning_has: &[],
        },
    ]
}

#[test]
fn rest_api_gateway_response_types() {
    let mut cases: Vec<Case> = Vec::new();
    let m = Some("MISSING_AUTHENTICATION_TOKEN");
    cases.extend(rest_pair(
        "MISSING_AUTHENTICATION_TOKEN",
        403,
        "MissingAuthenticationTokenException",
        r#"{"message":"Missing Authentication Token"}"#,
        m,
        m,
        &["OPTIONS", "deploy"],
    ));
    let t = Some("THROTTLED");
    cases.extend(rest_pair(
        "THROTTLED",
        429,
        "TooManyRequestsException",
        r#"{"message":"Too Many Requests"}"#,
        t,
        t,
        &["throttled", "THROTTLED or DEFAULT_4XX"],
    ));
    let q = Some("QUOTA_EXCEEDED");
    cases.extend(rest_pair(
        "QUOTA_EXCEEDED",
        429,
        "LimitExceededException",
        r#"{"message":"Limit Exceeded"}"#,
        q,
        q,
        &["quota"],
    ));
    let u = Some("UNAUTHORIZED");
    cases.extend(rest_pair(
        "UNAUTHORIZED",
        401,
        "UnauthorizedException",
        r#"{"message":"Unauthorized"}"#,
        u,
        u,
        &["authorizer"],
    ));
    let a = Some("ACCESS_DENIED");
    cases.extend(rest_pair(
        "ACCESS_DENIED explicit deny",
        403,
        "AccessDeniedException",
        r#"{"Message":"User is not authorized to access this resource with an explicit deny"}"#,
        a,
        a,
        &["denied"],
    ));
    cases.extend(rest_pair("ACCESS_DENIED resource policy", 403, "AccessDeniedException",
        r#"{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********1234:a1b2c3d4e5/prod/GET/items"}"#, a, a, &[]));
    cases.extend(rest_pair(
        "INVALID_API_KEY / WAF_FILTERED",
        403,
        "ForbiddenException",
        r#"{"message":"Forbidden"}"#,
        None,
        None,
        &["INVALID_API_KEY", "WAF_FILTERED"],
    ));
    let e = Some("EXPIRED_TOKEN");
    cases.extend(rest_pair("EXPIRED_TOKEN", 403, "InvalidSignatureException",
        r#"{"message":"Signature expired: 20261103T100000Z is now earlier than 20261103T100501Z (20261103T101001Z - 5 min.)"}"#, e, None, &["expired"]));
    cases.extend(rest_pair("INVALID_SIGNATURE", 403, "InvalidSignatureException",
        r#"{"message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}"#,
        Some("INVALID_SIGNATURE"), None, &["SigV4"]));
    cases.extend(rest_pair(
        "BAD_REQUEST_PARAMETERS",
        400,
        "BadRequestException",
        r#"{"message": "Missing required request parameters: [x-api-version]"}"#,
        Some("BAD_REQUEST_PARAMETERS"),
        None,
        &[],
    ));
    cases.extend(rest_pair(
        "BAD_REQUEST_BODY",
        400,
        "BadRequestException",
        r#"{"message": "Invalid request body"}"#,
        Some("BAD_REQUEST_BODY"),
        None,
        &[],
    ));
    let r = Some("RESOURCE_NOT_FOUND");
    cases.extend(rest_pair(
        "RESOURCE_NOT_FOUND",
        404,
        "NotFoundException",
        r#"{"message":"Not Found"}"#,
        r,
        r,
        &[],
    ));
    let ut = Some("UNSUPPORTED_MEDIA_TYPE");
    cases.extend(rest_pair(
        "UNSUPPORTED_MEDIA_TYPE",
        415,
        "UnsupportedMediaTypeException",
        r#"{"message":"Unsupported Media Type"}"#,
        ut,
        ut,
        &["Content-Type"],
    ));
    let tl = Some("REQUEST_TOO_LARGE");
    cases.extend(rest_pair(
        "REQUEST_TOO_LARGE",
        413,
        "RequestEntityTooLargeException",
        r#"{"message":"Request Too Long"}"#,
        tl,
        tl,
        &["cannot be customized"],
    ));
    cases.extend(rest_pair(
        "API_CONFIGURATION_ERROR",
        500,
        "InternalServerErrorException",
        r#"{"message": "Internal server error"}"#,
        Some("API_CONFIGURATION_ERROR"),
        None,
        &["configuration"],
    ));
    let ac = Some("AUTHORIZER_CONFIGURATION_ERROR");
    cases.extend(rest_pair(
        "AUTHORIZER_CONFIGURATION_ERROR",
        500,
        "AuthorizerConfigurationException",
        r#"{"message":null}"#,
        ac,
        ac,
        &["authorizer"],
    ));
    let af = Some("AUTHORIZER_FAILURE");
    cases.extend(rest_pair(
        "AUTHORIZER_FAILURE",
        500,
        "AuthorizerFailureException",
        r#"{"message":null}"#,
        af,
        af,
        &[],
    ));
    cases.extend(rest_pair(
        "authorizer 500 with null message",
        500,
        "InternalServerErrorException",
        r#"{"message":null}"#,
        None,
        None,
        &["AUTHORIZER_FAILURE", "AUTHORIZER_CONFIGURATION_ERROR"],
    ));
    cases.extend(rest_pair(
        "INTEGRATION_TIMEOUT",
        504,
        "InternalServerErrorException",
        r#"{"message": "Endpoint request timed out"}"#,
        Some("INTEGRATION_TIMEOUT"),
        None,
        &["29-second"],
    ));
    cases.extend(rest_pair(
        "INTEGRATION_FAILURE / INTEGRATION_TIMEOUT",
        504,
        "InternalServerErrorException",
        r#"{"message": "Network error communicating with endpoint"}"#,
        None,
        None,
        &["INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT"],
    ));
    let d4 = Some("DEFAULT_4XX");
    cases.extend(rest_pair(
        "DEFAULT_4XX",
        409,
        "ConflictException",
        r#"{"message":"Conflict"}"#,
        d4,
        d4,
        &["DEFAULT_4XX"],
    ));
    let d5 = Some("DEFAULT_5XX");
    cases.extend(rest_pair(
        "DEFAULT_5XX",
        503,
        "ServiceUnavailableException",
        r#"{"message":"Service Unavailable"}"#,
        d5,
        d5,
        &["DEFAULT_5XX"],
    ));
    cases.extend(rest_pair(
        "Lambda proxy 502",
        502,
        "InternalServerErrorException",
        r#"{"message": "Internal server error"}"#,
        None,
        None,
        &["Malformed Lambda proxy response", "DEFAULT_5XX"],
    ));
    cases.extend(rest_pair("IncompleteSignatureException (Bearer token)", 403, "IncompleteSignatureException",
        r#"{"message":"Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): 'Zm9vYmFy'."}"#,
        None, None, &["Bearer", "SigV4"]));
    // A custom WAF_FILTERED/INVALID_API_KEY status does not change the reading.
    cases.push(Case {
        name: "ForbiddenException header-only, lower-case HAR names",
        url: REST_URL,
        status: 403,
        headers: vec![
            ("content-length", "23"),
            ("content-type", "application/json"),
            ("date", "Tue, 03 Nov 2026 10:12:01 GMT"),
            ("x-amz-apigw-id", "Qx7mJHb2IAMEdRw="),
            ("x-amzn-errortype", "ForbiddenException"),
            ("x-amzn-requestid", "6f1c2a9e-1d3b-4c55-9e2a-0b7f3e8d9a10"),
        ],
        body: None,
        gateway: Some("aws-api-gateway-rest"),
        generated: true,
        error: None,
        meaning_has: &["INVALID_API_KEY", "WAF_FILTERED"],
    });
    // x-amzn-ErrorType alone, as pasted from a console: still API Gateway's.
    cases.push(Case {
        name: "x-amzn-ErrorType only",
        url: CUSTOM_URL,
        status: 429,
        headers: vec![("x-amzn-ErrorType", "TooManyRequestsException")],
        body: None,
        gateway: Some("aws-api-gateway-rest"),
        generated: true,
        error: Some("THROTTLED"),
        meaning_has: &[],
    });
    // Some services append a namespace after a colon.
    cases.push(Case {
        name: "x-amzn-ErrorType with namespace suffix",
        url: REST_URL,
        status: 403,
        headers: rest_headers("MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/"),
        body: None,
        gateway: Some("aws-api-gateway-rest"),
        generated: true,
        error: Some("MISSING_AUTHENTICATION_TOKEN"),
        meaning_has: &[],
    });
    check(&cases);
}

#[test]
fn rest_api_passes_on_application_responses() {
    check(&[
        Case {
            name: "Lambda proxy 200 through REST API",
            url: REST_URL,
            status: 200,
            headers: vec![
                ("Content-Type", "application/json"),
                ("x-amzn-RequestId", "0a4b6c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d"),
                ("x-amz-apigw-id", "Qx9aKHc3oAMEbXg="),
                (
                    "X-Amzn-Trace-Id",
                    "Root=1-6543a1b2-0c1d2e3f4a5b6c7d8e9f0a1b;Sampled=0",
                ),
                ("Access-Control-Allow-Origin", "https://app.example.com"),
            ],
            body: Some(r#"{"items":[{"id":1}]}"#),
            gateway: Some("aws-api-gateway-rest"),
            generated: false,
            error: None,
            meaning_has: &[],
        },
        Case {
            name: "Lambda's own 500 through REST API (no x-amzn-ErrorType)",
            url: REST_URL,
            status: 500,
            headers: vec![
                ("content-type", "application/json"),
                ("x-amzn-requestid", "0a4b6c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d"),
                ("x-amz-apigw-id", "Qx9aKHc3oAMEbXg="),
            ],
            body: Some(r#"{"error":"database unavailable"}"#),
            gateway: Some("aws-api-gateway-rest"),
            generated: false,
            error: None,
            meaning_has: &["must return the CORS headers itself"],
        },
        Case {
            name: "HTTP integration with remapped headers",
            url: CUSTOM_URL,
            status: 200,
            headers: vec![
                ("x-amzn-RequestId", "0a4b6c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d"),
                ("x-amzn-Remapped-Server", "gunicorn"),
                ("x-amzn-Remapped-Date", "Tue, 03 Nov 2026 10:12:01 GMT"),
            ],
            body: None,
            gateway: Some("aws-api-gateway-rest"),
            generated: false,
            error: None,
            meaning_has: &[],
        },
        Case {
            name: "Lambda function URL error is not API Gateway",
            url: "https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws/",
            status: 403,
            headers: vec![
                ("x-amzn-RequestId", "0a4b6c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d"),
                ("x-amzn-ErrorType", "AccessDeniedException"),
                ("Content-Type", "application/json"),
            ],
            body: Some(
                r#"{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}"#,
            ),
            gateway: None,
            generated: false,
            error: None,
            meaning_has: &[],
        },
    ]);
}

fn cf_edge_headers(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut h = vec![
        ("Content-Type", "application/json"),
        ("X-Cache", "Error from cloudfront"),
        (
            "Via",
            "1.1 5d8f0e3a1b2c4d6e8f0a1b2c3d4e5f6a.cloudfront.net (CloudFront)",
        ),
        ("X-Amz-Cf-Pop", "FRA56-P4"),
        (
            "X-Amz-Cf-Id",
            "Jm7hQ2o9mYp0v1Rk3sT5uW7xY9zA1bC3dE5fG7hI9jK1lM3nO5pQ7==",
        ),
    ];
    h.extend_from_slice(extra);
    h
}

#[test]
fn edge_optimized_rest_versus_cloudfront() {
    check(&[
        Case {
            name: "edge-optimized REST: CloudFront headers + x-amzn-ErrorType",
            url: "https://d111111abcdef8.cloudfront.net/prod/items",
            status: 403,
            headers: cf_edge_headers(&[
                ("x-amzn-RequestId", "6f1c2a9e-1d3b-4c55-9e2a-0b7f3e8d9a10"),
                ("x-amzn-ErrorType", "MissingAuthenticationTokenException"),
            ]),
            body: None,
            gateway: Some("aws-api-gateway-rest"),
            generated: true,
            error: Some("MISSING_AUTHENTICATION_TOKEN"),
            meaning_has: &[],
        },
        Case {
            name: "edge-optimized REST throttled with body",
            url: CUSTOM_URL,
            status: 429,
            headers: cf_edge_headers(&[
                ("x-amzn-RequestId", "6f1c2a9e-1d3b-4c55-9e2a-0b7f3e8d9a10"),
                ("x-amzn-ErrorType", "TooManyRequestsException"),
                ("x-amz-apigw-id", "Qx7mJHb2IAMEdRw="),
            ]),
            body: Some(r#"{"message":"Too Many Requests"}"#),
            gateway: Some("aws-api-gateway-rest"),
            generated: true,
            error: Some("THROTTLED"),
            meaning_has: &[],
        },
        Case {
            name: "plain CloudFront 403 Request blocked page",
            url: "https://d111111abcdef8.cloudfront.net/api/items",
            status: 403,
            headers: vec![
                ("Server", "CloudFront"),
                ("Content-Type", "text/html"),
                ("X-Cache", "Error from cloudfront"),
                ("Via", "1.1 5d8f0e3a1b2c4d6e8f0a1b2c3d4e5f6a.cloudfront.net (CloudFront)"),
                ("X-Amz-Cf-Pop", "IAD89-C1"),
                ("X-Amz-Cf-Id", "nq1eJ8yQ0rS2tU4vW6xY8zA0bC2dE4fG6hI8jK0lM2nO4pQ6=="),
            ],
            body: Some("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">\n<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>403 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size=\"1px\">\nRequest blocked.\n<BR clear=\"all\">\n<HR noshade size=\"1px\">\n<PRE>\nGenerated by cloudfront (CloudFront)\nRequest ID: nq1eJ8yQ0rS2tU4vW6xY8zA0bC2dE4fG6hI8jK0lM2nO4pQ6==\n</PRE>\n</BODY></HTML>"),
            gateway: Some("cloudfront"),
            generated: true,
            error: Some("403"),
            meaning_has: &["OPTIONS", "WAF"],
        },
        Case {
            name: "plain CloudFront 403 header-only",
            url: "https://d111111abcdef8.cloudfront.net/api/items",
            status: 403,
            headers: vec![
                ("server", "CloudFront"),
                ("x-cache", "Error from cloudfront"),
                ("x-amz-cf-pop", "IAD89-C1"),
                ("x-amz-cf-id", "nq1eJ8yQ0rS2tU4vW6xY8zA0bC2dE4fG6hI8jK0lM2nO4pQ6=="),
            ],
            body: None,
            gateway: Some("cloudfront"),
            generated: true,
            error: Some("403"),
            meaning_has: &[],
        },
        Case {
            name: "CloudFront 504 origin timeout page",
            url: "https://cdn.example.com/api/report",
            status: 504,
            headers: cf_edge_headers(&[("Server", "CloudFront")]),
            body: Some("<HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>504 Gateway Timeout ERROR</H1><H2>The request could not be satisfied.</H2>CloudFront attempted to establish a connection with the origin, but either the attempt failed or the origin closed the connection.<PRE>Generated by cloudfront (CloudFront)</PRE></BODY></HTML>"),
            gateway: Some("cloudfront"),
            generated: true,
            error: Some("504"),
            meaning_has: &["timeout"],
        },
        Case {
            // CloudFront passed on S3's own 403 (the origin, named by its Server header):
            // S3 answered it, and the body it lacks here would name the code.
            name: "S3 403 behind CloudFront: S3's own error",
            url: "https://d111111abcdef8.cloudfront.net/assets/app.js",
            status: 403,
            headers: vec![
                ("Content-Type", "application/xml"),
                ("Server", "AmazonS3"),
                ("X-Cache", "Error from cloudfront"),
                ("Via", "1.1 5d8f0e3a1b2c4d6e8f0a1b2c3d4e5f6a.cloudfront.net (CloudFront)"),
                ("X-Amz-Cf-Id", "Jm7hQ2o9mYp0v1Rk3sT5uW7xY9zA1bC3dE5fG7hI9jK1lM3nO5pQ7=="),
            ],
            body: None,
            gateway: Some("aws-s3"),
            generated: true,
            error: Some("403"),
            meaning_has: &["SignatureDoesNotMatch"],
        },
        Case {
            name: "CloudFront cache hit without CORS headers",
            url: "https://cdn.example.com/fonts/inter.woff2",
            status: 200,
            headers: vec![
                ("Content-Type", "font/woff2"),
                ("X-Cache", "Hit from cloudfront"),
                ("Via", "1.1 5d8f0e3a1b2c4d6e8f0a1b2c3d4e5f6a.cloudfront.net (CloudFront)"),
                ("X-Amz-Cf-Pop", "FRA56-P4"),
                ("X-Amz-Cf-Id", "Jm7hQ2o9mYp0v1Rk3sT5uW7xY9zA1bC3dE5fG7hI9jK1lM3nO5pQ7=="),
                ("Age", "3412"),
            ],
            body: None,
            gateway: Some("cloudfront"),
            generated: false,
            error: None,
            meaning_has: &["cache key"],
        },
    ]);
}

#[test]
fn edge_optimized_identify_all_lists_both() {
    let r = resp(
        429,
        &cf_edge_headers(&[
            ("x-amzn-RequestId", "6f1c2a9e-1d3b-4c55-9e2a-0b7f3e8d9a10"),
            ("x-amzn-ErrorType", "TooManyRequestsException"),
        ]),
        None,
    );
    let all = identify_all(&r, CUSTOM_URL);
    let slugs: Vec<(&str, bool)> = all
        .iter()
        .map(|f| (f.gateway.slug(), f.generated))
        .collect();
    assert_eq!(
        slugs,
        vec![("aws-api-gateway-rest", true), ("cloudfront", false)]
    );
    let rest = &all[0];
    assert!(rest
        .evidence
        .contains(&"x-amzn-ErrorType: TooManyRequestsException".to_string()));
    assert!(rest.evidence.iter().any(|e| e.contains("edge-optimized")));
}

fn http_headers(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut h = vec![
        ("date", "Tue, 03 Nov 2026 10:12:01 GMT"),
        ("content-type", "application/json"),
        ("apigw-requestid", "NvzYbjm4oAMEVhQ="),
    ];
    h.extend_from_slice(extra);
    h
}

const HTTP_URL: &str = "https://k3x9q2w8e7.execute-api.eu-central-1.amazonaws.com/orders";

#[test]
fn http_api() {
    let c = |name, status, extra: &[(&'static str, &'static str)], body, generated, error| Case {
        name,
        url: HTTP_URL,
        status,
        headers: http_headers(extra),
        body,
        gateway: Some("aws-api-gateway-http"),
        generated,
        error,
        meaning_has: &[],
    };
    check(&[
        c("no route", 404, &[], Some(r#"{"message":"Not Found"}"#), true, Some("NOT_FOUND")),
        c("no route, header-only with content-length", 404, &[("content-length", "23")], None, true, Some("NOT_FOUND")),
        c("404 header-only, nothing else: unknown, passed on", 404, &[], None, false, None),
        c("app's own 404", 404, &[], Some(r#"{"error":"order 42 not found"}"#), false, None),
        c("JWT authorizer 401 header-only", 401,
          &[("www-authenticate", "Bearer scope=\"\" error=\"invalid_token\" error_description=\"the token has expired\"")],
          None, true, Some("UNAUTHORIZED")),
        c("JWT authorizer 401 with body", 401, &[], Some(r#"{"message":"Unauthorized"}"#), true, Some("UNAUTHORIZED")),
        c("Lambda error", 500, &[], Some(r#"{"message":"Internal Server Error"}"#), true, Some("INTERNAL_SERVER_ERROR")),
        c("integration timeout", 503, &[], Some(r#"{"message":"Service Unavailable"}"#), true, Some("SERVICE_UNAVAILABLE")),
        c("integration timeout header-only", 503, &[], None, true, Some("SERVICE_UNAVAILABLE")),
        c("throttled", 429, &[], Some(r#"{"message":"Too Many Requests"}"#), true, Some("THROTTLED")),
        c("throttled header-only", 429, &[], None, true, Some("THROTTLED")),
        c("app 200", 200, &[("access-control-allow-origin", "*")], Some(r#"{"orders":[]}"#), false, None),
    ]);
}

#[test]
fn aws_waf_and_alb() {
    check(&[
        Case {
            name: "WAF challenge",
            url: CUSTOM_URL,
            status: 202,
            headers: vec![
                ("content-type", "text/html; charset=UTF-8"),
                ("x-amzn-waf-action", "challenge"),
                ("cache-control", "no-store, max-age=0"),
            ],
            body: None,
            gateway: Some("aws-waf"),
            generated: true,
            error: Some("CHALLENGE"),
            meaning_has: &[],
        },
        Case {
            name: "WAF captcha at a CloudFront distribution",
            url: CUSTOM_URL,
            status: 405,
            headers: cf_edge_headers(&[("x-amzn-waf-action", "captcha"), ("Server", "CloudFront")]),
            body: None,
            gateway: Some("aws-waf"),
            generated: true,
            error: Some("CAPTCHA"),
            meaning_has: &[],
        },
        Case {
            name: "ALB 502 page",
            url: "https://internal-api-123456789.us-east-1.elb.amazonaws.com/x",
            status: 502,
            headers: vec![
                ("Server", "awselb/2.0"),
                ("Date", "Tue, 03 Nov 2026 10:12:01 GMT"),
                ("Content-Type", "text/html"),
                ("Content-Length", "122"),
            ],
            body: Some("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"),
            gateway: Some("aws-alb"),
            generated: true,
            error: Some("502"),
            meaning_has: &[],
        },
        Case {
            name: "ALB 503 header-only",
            url: CUSTOM_URL,
            status: 503,
            headers: vec![("server", "awselb/2.0"), ("content-type", "text/html")],
            body: None,
            gateway: Some("aws-alb"),
            generated: true,
            error: Some("503"),
            meaning_has: &["healthy targets"],
        },
        Case {
            name: "app behind ALB (stickiness cookie)",
            url: CUSTOM_URL,
            status: 200,
            headers: vec![
                ("content-type", "application/json"),
                ("set-cookie", "AWSALB=Zm9vYmFyYmF6; Expires=Tue, 10 Nov 2026 10:12:01 GMT; Path=/"),
                ("set-cookie", "AWSALBCORS=Zm9vYmFyYmF6; Expires=Tue, 10 Nov 2026 10:12:01 GMT; Path=/; SameSite=None; Secure"),
            ],
            body: Some("{}"),
            gateway: Some("aws-alb"),
            generated: false,
            error: None,
            meaning_has: &[],
        },
    ]);
}

fn cf_headers(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut h = vec![
        ("date", "Tue, 03 Nov 2026 10:12:01 GMT"),
        ("server", "cloudflare"),
        ("cf-ray", "8d3f2a1b9c4e5f60-FRA"),
    ];
    h.extend_from_slice(extra);
    h
}

#[test]
fn cloudflare() {
    let c = |name, status, extra: &[(&'static str, &'static str)], body, generated, error| Case {
        name,
        url: "https://api.example.com/v2/search",
        status,
        headers: cf_headers(extra),
        body,
        gateway: Some("cloudflare"),
        generated,
        error,
        meaning_has: &[],
    };
    check(&[
        c("1020 plain text", 403, &[("content-type", "text/plain; charset=UTF-8")], Some("error code: 1020"), true, Some("1020")),
        c("1015 HTML page", 429, &[("content-type", "text/html; charset=UTF-8")],
          Some("<!DOCTYPE html><html><head><title>Access denied | api.example.com used Cloudflare to restrict access</title></head><body><div id=\"cf-wrapper\"><h1><span class=\"cf-error-type\">Error</span> <span class=\"cf-error-code\">1015</span></h1><h2>You are being rate limited</h2><p>Cloudflare Ray ID: <strong>8d3f2a1b9c4e5f60</strong></p></div></body></html>"),
          true, Some("1015")),
        c("524 header-only", 524, &[("content-type", "text/html; charset=UTF-8")], None, true, Some("524")),
        c("522 page", 522, &[], Some("<html><title>api.example.com | 522: Connection timed out</title>... Cloudflare Ray ID: 8d3f2a1b9c4e5f60 ...</html>"), true, Some("522")),
        // The plain 5xx page of Cloudflare's edge, nginx's layout with its name in the footer.
        c("plain 502 page", 502, &[("content-type", "text/html")], Some("<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>cloudflare</center>\n</body>\n</html>"), true, Some("502")),
        c("plain 504 page", 504, &[("content-type", "text/html")], Some("<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center><hr><center>cloudflare</center></body></html>"), true, Some("504")),
        c("managed challenge", 403, &[("cf-mitigated", "challenge"), ("content-type", "text/html; charset=UTF-8")], None, true, Some("CHALLENGE")),
        c("challenge page body", 403, &[], Some("<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head><body></body></html>"), true, Some("CHALLENGE")),
        c("bare 403 header-only: origin or Cloudflare, unknown", 403, &[], None, false, None),
        c("app 200 through Cloudflare", 200, &[("cf-cache-status", "DYNAMIC"), ("content-type", "application/json")], Some(r#"{"hits":[]}"#), false, None),
    ]);
}

#[test]
fn cloudflare_in_front_of_nginx() {
    let nginx_502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let r = resp(
        502,
        &cf_headers(&[("content-type", "text/html")]),
        Some(nginx_502),
    );
    let fp = identify(&r, "https://api.example.com/").expect("a fingerprint");
    assert_eq!(fp.gateway, Gateway::Nginx);
    assert!(fp.generated);
    assert_eq!(fp.error.as_deref(), Some("502"));
    let all = identify_all(&r, "https://api.example.com/");
    let slugs: Vec<(&str, bool)> = all
        .iter()
        .map(|f| (f.gateway.slug(), f.generated))
        .collect();
    assert_eq!(slugs, vec![("nginx", true), ("cloudflare", false)]);
}

#[test]
fn azure() {
    check(&[
        Case {
            name: "APIM missing subscription key",
            url: "https://contoso.azure-api.net/orders/v1/list",
            status: 401,
            headers: vec![
                ("Content-Type", "application/json"),
                ("WWW-Authenticate", "AzureApiManagementKey realm=\"https://contoso.azure-api.net/orders/v1\",name=\"Ocp-Apim-Subscription-Key\",type=\"header\""),
            ],
            body: Some(r#"{ "statusCode": 401, "message": "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API." }"#),
            gateway: Some("azure-apim"),
            generated: true,
            error: Some("MISSING_SUBSCRIPTION_KEY"),
            meaning_has: &["preflight"],
        },
        Case {
            name: "APIM subscription key header-only",
            url: "https://api.contoso.com/orders",
            status: 401,
            headers: vec![
                ("www-authenticate", "AzureApiManagementKey realm=\"https://api.contoso.com/orders\",name=\"Ocp-Apim-Subscription-Key\",type=\"header\""),
            ],
            body: None,
            gateway: Some("azure-apim"),
            generated: true,
            error: None,
            meaning_has: &["MISSING_SUBSCRIPTION_KEY", "INVALID_SUBSCRIPTION_KEY"],
        },
        Case {
            name: "APIM rate limit (custom domain, body shape + message)",
            url: "https://api.contoso.com/orders",
            status: 429,
            headers: vec![("Content-Type", "application/json"), ("Retry-After", "12")],
            body: Some(r#"{ "statusCode": 429, "message": "Rate limit is exceeded. Try again in 12 seconds." }"#),
            gateway: Some("azure-apim"),
            generated: true,
            error: Some("RATE_LIMIT"),
            meaning_has: &[],
        },
        Case {
            name: "APIM quota",
            url: "https://contoso.azure-api.net/orders",
            status: 403,
            headers: vec![("Content-Type", "application/json")],
            body: Some(r#"{ "statusCode": 403, "message": "Out of call volume quota. Quota will be replenished in 02:13:44." }"#),
            gateway: Some("azure-apim"),
            generated: true,
            error: Some("QUOTA_EXCEEDED"),
            meaning_has: &[],
        },
        Case {
            name: "NestJS error shape is not APIM",
            url: "https://api.example.com/users/9",
            status: 404,
            headers: vec![("Content-Type", "application/json; charset=utf-8"), ("X-Powered-By", "Express")],
            body: Some(r#"{"statusCode":404,"message":"Cannot GET /users/9","error":"Not Found"}"#),
            gateway: None,
            generated: false,
            error: None,
            meaning_has: &[],
        },
        Case {
            name: "NestJS error passed on by APIM",
            url: "https://contoso.azure-api.net/users/9",
            status: 404,
            headers: vec![("Content-Type", "application/json; charset=utf-8")],
            body: Some(r#"{"statusCode":404,"message":"User 9 does not exist","error":"Not Found"}"#),
            gateway: Some("azure-apim"),
            generated: false,
            error: None,
            meaning_has: &[],
        },
        Case {
            name: "Front Door 503",
            url: "https://contoso-a1b2c3.z01.azurefd.net/api",
            status: 503,
            headers: vec![
                ("Content-Type", "text/html"),
                ("X-Azure-Ref", "20261103T101201Z-17f6c8b9d4c5xyzabc0000000000000000000000000000"),
                ("X-Cache", "CONFIG_NOCACHE"),
            ],
            body: Some("<!DOCTYPE html><html><head><title>Service unavailable</title></head><body><h2>Our services aren't available right now</h2><p>We're working to restore all services as soon as possible. Please check back soon.</p>20261103T101201Z-17f6c8b9d4c5xyzabc</body></html>"),
            gateway: Some("azure-front-door"),
            generated: true,
            error: Some("503"),
            meaning_has: &[],
        },
        Case {
            name: "app through Front Door",
            url: "https://www.contoso.com/api",
            status: 200,
            headers: vec![
                ("Content-Type", "application/json"),
                ("x-azure-ref", "20261103T101201Z-17f6c8b9d4c5xyzabc0000000000000000000000000000"),
            ],
            body: Some("[]"),
            gateway: Some("azure-front-door"),
            generated: false,
            error: None,
            meaning_has: &[],
        },
    ]);
}

#[test]
fn google_cloud() {
    let gw = "https://orders-gw-7h2k9x1q.uc.gateway.dev/v1/orders";
    let c =
        |name, url, status, headers: Vec<(&'static str, &'static str)>, body, generated, error| {
            Case {
                name,
                url,
                status,
                headers,
                body,
                gateway: Some("google-cloud"),
                generated,
                error,
                meaning_has: &[],
            }
        };
    check(&[
        c("ESPv2 path not in the API config", gw, 404,
          vec![("content-type", "application/json"), ("via", "1.1 google")],
          Some(r#"{"message":"The current request is not defined by this API.","code":404}"#), true, Some("NOT_DEFINED")),
        c("ESPv2 JWT missing", gw, 401,
          vec![("content-type", "application/json"), ("www-authenticate", "Bearer realm=\"https://orders-gw-7h2k9x1q.uc.gateway.dev/v1/orders\""), ("via", "1.1 google")],
          Some(r#"{"code":401,"message":"Jwt is missing"}"#), true, Some("JWT_MISSING")),
        c("API key not valid", "https://api.example.com/v1", 400,
          vec![("content-type", "application/json"), ("via", "1.1 google")],
          Some(r#"{"code":400,"message":"INVALID_ARGUMENT: API key not valid. Please pass a valid API key."}"#), true, Some("INVALID_ARGUMENT")),
        c("upstream connect error", gw, 503,
          vec![("content-type", "text/plain"), ("via", "1.1 google")],
          Some("upstream connect error or disconnect/reset before headers. reset reason: connection failure"), true, Some("UPSTREAM_CONNECT_ERROR")),
        c("GFE 502 page", "https://orders-abc123-uc.a.run.app/", 502,
          vec![("content-type", "text/html; charset=UTF-8"), ("server", "Google Frontend")],
          Some("<!DOCTYPE html>\n<html lang=en>\n<meta charset=utf-8>\n<title>Error 502 (Server Error)!!1</title>\n<p><b>502.</b> <ins>That’s an error.</ins>"), true, Some("502")),
        c("app's own {code, message} error behind Google's front end", "https://orders-abc123-uc.a.run.app/users/9", 404,
          vec![("content-type", "application/json"), ("server", "Google Frontend")],
          Some(r#"{"code":404,"message":"jwt expired"}"#), false, None),
        c("app response via 1.1 google", "https://api.example.com/v1/orders", 200,
          vec![("content-type", "application/json"), ("via", "1.1 google"), ("x-cloud-trace-context", "105445aa7843bc8bf206b12000100000/1;o=1")],
          Some("[]"), false, None),
    ]);
}

#[test]
fn kong() {
    let c =
        |name, status, headers: Vec<(&'static str, &'static str)>, body, generated, error| Case {
            name,
            url: "https://gateway.example.com/orders",
            status,
            headers,
            body,
            gateway: Some("kong"),
            generated,
            error,
            meaning_has: &[],
        };
    let own = |extra: &[(&'static str, &'static str)]| {
        let mut h = vec![
            ("Content-Type", "application/json; charset=utf-8"),
            ("Server", "kong/3.7.1"),
            ("X-Kong-Response-Latency", "1"),
            ("X-Kong-Request-Id", "5f0a7c1b2d3e4f5a6b7c8d9e0f1a2b3c"),
        ];
        h.extend_from_slice(extra);
        h
    };
    check(&[
        c("rate limit", 429, own(&[("X-RateLimit-Limit-Minute", "60"), ("X-RateLimit-Remaining-Minute", "0"), ("RateLimit-Reset", "31"), ("Retry-After", "31")]),
          Some("{\n  \"message\":\"API rate limit exceeded\"\n}"), true, Some("RATE_LIMIT")),
        c("rate limit header-only", 429, own(&[("RateLimit-Remaining", "0")]), None, true, Some("RATE_LIMIT")),
        c("no route", 404, own(&[]), Some("{\n  \"message\":\"no Route matched with those values\",\n  \"request_id\":\"5f0a7c1b2d3e4f5a6b7c8d9e0f1a2b3c\"\n}"), true, Some("NO_ROUTE")),
        c("key-auth on the preflight", 401, own(&[("WWW-Authenticate", "Key realm=\"kong\"")]),
          Some("{\n  \"message\":\"No API key found in request\",\n  \"request_id\":\"5f0a7c1b2d3e4f5a6b7c8d9e0f1a2b3c\"\n}"), true, Some("NO_API_KEY")),
        c("request size", 413, own(&[]), Some(r#"{"message":"Request size limit exceeded"}"#), true, Some("REQUEST_SIZE_LIMIT")),
        c("401 header-only: which plugin unknown", 401, own(&[]), None, true, None),
        c("app's own Unauthorized proxied by Kong", 401, vec![
            ("Content-Type", "application/json"),
            ("Via", "1.1 kong/3.7.1"),
            ("X-Kong-Upstream-Latency", "4"),
            ("X-Kong-Proxy-Latency", "1"),
        ], Some(r#"{"message":"Unauthorized"}"#), false, None),
        c("proxied app response", 200, vec![
            ("Content-Type", "application/json"),
            ("Via", "1.1 kong/3.7.1"),
            ("X-Kong-Upstream-Latency", "12"),
            ("X-Kong-Proxy-Latency", "0"),
        ], Some("[]"), false, None),
    ]);
}

#[test]
fn nginx() {
    let c =
        |name, status, headers: Vec<(&'static str, &'static str)>, body, generated, error| Case {
            name,
            url: "https://api.example.com/upload",
            status,
            headers,
            body,
            gateway: Some("nginx"),
            generated,
            error,
            meaning_has: &[],
        };
    check(&[
        c("413 page", 413, vec![("Server", "nginx/1.24.0"), ("Content-Type", "text/html"), ("Connection", "close")],
          Some("<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n"),
          true, Some("413")),
        c("502 header-only", 502, vec![("server", "nginx"), ("content-type", "text/html")], None, true, Some("502")),
        c("openresty 504 page", 504, vec![("Server", "openresty"), ("Content-Type", "text/html")],
          Some("<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n"),
          true, Some("504")),
        c("generic nginx 200", 200, vec![("Server", "nginx"), ("Content-Type", "application/json")], Some(r#"{"ok":true}"#), false, None),
        c("app's JSON 502 through nginx", 502, vec![("Server", "nginx"), ("Content-Type", "application/json")], Some(r#"{"error":"upstream payment provider failed"}"#), false, None),
        c("app 404 header-only", 404, vec![("Server", "nginx/1.24.0")], None, false, None),
    ]);
}

#[test]
fn envoy_traefik() {
    let c =
        |name, status, headers: Vec<(&'static str, &'static str)>, body, gw, generated, error| {
            Case {
                name,
                url: "https://api.example.com/svc",
                status,
                headers,
                body,
                gateway: gw,
                generated,
                error,
                meaning_has: &[],
            }
        };
    let e = Some("envoy");
    check(&[
        c(
            "no healthy upstream",
            503,
            vec![("content-type", "text/plain"), ("server", "envoy")],
            Some("no healthy upstream"),
            e,
            true,
            Some("NO_HEALTHY_UPSTREAM"),
        ),
        c(
            "upstream timeout",
            504,
            vec![("content-type", "text/plain"), ("server", "istio-envoy")],
            Some("upstream request timeout"),
            e,
            true,
            Some("UPSTREAM_TIMEOUT"),
        ),
        c(
            "istio RBAC",
            403,
            vec![
                ("content-type", "text/plain"),
                ("server", "istio-envoy"),
                (
                    "x-envoy-decorator-operation",
                    "orders.default.svc.cluster.local:80/*",
                ),
            ],
            Some("RBAC: access denied"),
            e,
            true,
            Some("RBAC_DENIED"),
        ),
        c(
            "header-only 504 without upstream time",
            504,
            vec![("server", "envoy")],
            None,
            e,
            true,
            Some("UPSTREAM_TIMEOUT"),
        ),
        c(
            "app response through envoy",
            200,
            vec![("server", "envoy"), ("x-envoy-upstream-service-time", "23")],
            Some("{}"),
            e,
            false,
            None,
        ),
        c(
            "app 500 through envoy",
            500,
            vec![("server", "envoy"), ("x-envoy-upstream-service-time", "23")],
            None,
            e,
            false,
            None,
        ),
        c(
            "bare Go/Traefik 404 text: no claim",
            404,
            vec![
                ("content-type", "text/plain; charset=utf-8"),
                ("x-content-type-options", "nosniff"),
            ],
            Some("404 page not found\n"),
            None,
            false,
            None,
        ),
        c(
            "Traefik named by its sticky cookie",
            404,
            vec![
                ("content-type", "text/plain; charset=utf-8"),
                (
                    "set-cookie",
                    "_TRAEFIK_BACKEND=http://10.0.0.7:8080; Path=/",
                ),
            ],
            Some("404 page not found\n"),
            Some("traefik"),
            true,
            Some("NO_ROUTE"),
        ),
    ]);
}

#[test]
fn akamai_fastly() {
    let c =
        |name, status, headers: Vec<(&'static str, &'static str)>, body, gw, generated, error| {
            Case {
                name,
                url: "https://www.example.com/api/cart",
                status,
                headers,
                body,
                gateway: Some(gw),
                generated,
                error,
                meaning_has: &[],
            }
        };
    check(&[
        c("Akamai access denied", 403, vec![("Server", "AkamaiGHost"), ("Mime-Version", "1.0"), ("Content-Type", "text/html")],
          Some("<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n \nYou don't have permission to access \"http&#58;&#47;&#47;www&#46;example&#46;com&#47;api&#47;cart\" on this server.<P>\nReference&#32;&#35;18&#46;6a2f1002&#46;1762164721&#46;2c1d3e4f\n<P>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;18&#46;6a2f1002\n</BODY>\n</HTML>\n"),
          "akamai", true, Some("ACCESS_DENIED")),
        c("Akamai 403 header-only", 403, vec![("server", "AkamaiGHost"), ("content-type", "text/html")], None, "akamai", true, Some("ACCESS_DENIED")),
        c("through Akamai", 200, vec![("Content-Type", "application/json"), ("Akamai-Cache-Status", "Miss from child, Miss from parent"), ("Akamai-GRN", "0.6a2f1002.1762164721.2c1d3e4f")], Some("{}"), "akamai", false, None),
        c("Fastly first byte timeout", 503, vec![("Content-Type", "text/html; charset=utf-8"), ("X-Served-By", "cache-fra-eddf8230089-FRA"), ("X-Cache", "MISS"), ("X-Timer", "S1762164721.123456,VS0,VE15001")],
          Some("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html><head><title>503 first byte timeout</title></head><body><h1>Error 503 first byte timeout</h1><p>first byte timeout</p><h3>Guru Mediation:</h3><p>Details: cache-fra-eddf8230089-FRA 1762164721 123456789</p><hr><p>Varnish cache server</p></body></html>"),
          "fastly", true, Some("FIRST_BYTE_TIMEOUT")),
        c("Fastly unknown domain", 500, vec![("Content-Type", "text/plain"), ("X-Served-By", "cache-iad-kiad7000112-IAD")], Some("Fastly error: unknown domain: www.example.com. Please check that this domain has been added to a service."), "fastly", true, Some("UNKNOWN_DOMAIN")),
        c("through Fastly", 200, vec![("X-Served-By", "cache-iad-kiad7000112-IAD"), ("X-Fastly-Request-ID", "2b9c5d1e8f0a3b6c7d4e1f2a9b8c7d6e5f4a3b2c")], Some("{}"), "fastly", false, None),
    ]);
}

#[test]
fn vercel_netlify_heroku() {
    let c = |name,
             url,
             status,
             headers: Vec<(&'static str, &'static str)>,
             body,
             gw,
             generated,
             error| Case {
        name,
        url,
        status,
        headers,
        body,
        gateway: Some(gw),
        generated,
        error,
        meaning_has: &[],
    };
    let v = "https://my-app-git-main-acme.vercel.app/api/export";
    check(&[
        c("Vercel timeout", v, 504, vec![("content-type", "text/plain; charset=utf-8"), ("server", "Vercel"), ("x-vercel-error", "FUNCTION_INVOCATION_TIMEOUT"), ("x-vercel-id", "fra1::iad1::8x2kq-1762164721123-0a1b2c3d4e5f")],
          Some("An error occurred with your deployment\n\nFUNCTION_INVOCATION_TIMEOUT\n\nfra1::8x2kq-1762164721123-0a1b2c3d4e5f\n"), "vercel", true, Some("FUNCTION_INVOCATION_TIMEOUT")),
        c("Vercel payload too large header-only", "https://app.example.com/api/upload", 413, vec![("x-vercel-error", "FUNCTION_PAYLOAD_TOO_LARGE"), ("x-vercel-id", "fra1::8x2kq-1762164721123-0a1b2c3d4e5f")], None, "vercel", true, Some("FUNCTION_PAYLOAD_TOO_LARGE")),
        c("Vercel crash", v, 500, vec![("x-vercel-error", "FUNCTION_INVOCATION_FAILED"), ("x-vercel-id", "fra1::8x2kq-1762164721123-0a1b2c3d4e5f")], None, "vercel", true, Some("FUNCTION_INVOCATION_FAILED")),
        c("Vercel app 200", v, 200, vec![("x-vercel-id", "fra1::8x2kq-1762164721123-0a1b2c3d4e5f"), ("x-vercel-cache", "MISS"), ("server", "Vercel")], Some("{}"), "vercel", false, None),
        c("Netlify function timeout", "https://acme.netlify.app/.netlify/functions/report", 502, vec![("content-type", "application/json"), ("server", "Netlify"), ("x-nf-request-id", "01JBXYZ8Q2W3E4R5T6Y7U8I9O0")],
          Some(r#"{"errorMessage":"2026-11-03T10:12:11.001Z 6f1c2a9e-1d3b-4c55-9e2a-0b7f3e8d9a10 Task timed out after 10.00 seconds","errorType":"Runtime.ExitError"}"#), "netlify", true, Some("FUNCTION_TIMEOUT")),
        c("Netlify app 200", "https://acme.netlify.app/api", 200, vec![("x-nf-request-id", "01JBXYZ8Q2W3E4R5T6Y7U8I9O0")], Some("{}"), "netlify", false, None),
        c("Heroku application error", "https://acme-api-4f2a9c.herokuapp.com/orders", 503, vec![("Server", "Cowboy"), ("Connection", "keep-alive"), ("Content-Type", "text/html; charset=utf-8"), ("Via", "1.1 vegur")],
          Some("<!DOCTYPE html>\n<html><head><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Application Error</title></head><body><iframe src=\"//www.herokucdn.com/error-pages/application-error.html\"></iframe></body></html>"),
          "heroku", true, Some("APPLICATION_ERROR")),
        c("Heroku 503 header-only", "https://api.acme.com/orders", 503, vec![("via", "1.1 heroku-router"), ("content-type", "text/html; charset=utf-8")], None, "heroku", true, None),
        c("Heroku app 200", "https://acme-api-4f2a9c.herokuapp.com/orders", 200, vec![("Via", "1.1 vegur"), ("Content-Type", "application/json")], Some("[]"), "heroku", false, None),
    ]);
}

#[test]
fn negative_cases() {
    let none = |name, status, headers: Vec<(&'static str, &'static str)>, body| Case {
        name,
        url: "https://api.example.com/items",
        status,
        headers,
        body,
        gateway: None,
        generated: false,
        error: None,
        meaning_has: &[],
    };
    check(&[
        none(
            "bare 403, no fingerprint",
            403,
            vec![("Content-Type", "text/plain"), ("Content-Length", "9")],
            None,
        ),
        none(
            "generic Forbidden JSON",
            403,
            vec![("Content-Type", "application/json")],
            Some(r#"{"message":"Forbidden"}"#),
        ),
        none(
            "lone generic Via",
            502,
            vec![
                ("Via", "1.1 proxy.corp.example"),
                ("Content-Type", "text/html"),
            ],
            None,
        ),
        none("nothing at all", 0, vec![], None),
        none(
            "Express app 429",
            429,
            vec![
                ("X-Powered-By", "Express"),
                ("RateLimit-Limit", "100"),
                ("RateLimit-Remaining", "0"),
                ("Retry-After", "60"),
            ],
            Some("Too many requests, please try again later."),
        ),
        none(
            "execute-api host without any header: REST or HTTP unknown",
            403,
            vec![],
            None,
        ),
    ]);
}

#[test]
fn lacks_cors_detects_missing_allow_origin() {
    let with = resp(200, &[("access-control-allow-origin", "*")], None);
    let with_case = resp(
        200,
        &[("Access-Control-Allow-Origin", "https://a.example")],
        None,
    );
    let without = resp(429, &rest_headers("TooManyRequestsException"), None);
    let only_credentials = resp(200, &[("Access-Control-Allow-Credentials", "true")], None);
    assert!(!lacks_cors(&with));
    assert!(!lacks_cors(&with_case));
    assert!(lacks_cors(&without));
    assert!(lacks_cors(&only_credentials));
}

#[test]
fn evidence_is_readable() {
    let r = resp(
        429,
        &rest_headers("TooManyRequestsException"),
        Some(r#"{"message":"Too Many Requests"}"#),
    );
    let fp: Fingerprint = identify(&r, REST_URL).expect("REST API");
    assert!(fp
        .evidence
        .contains(&"x-amzn-ErrorType: TooManyRequestsException".to_string()));
    assert!(fp
        .evidence
        .contains(&"body: {\"message\":\"Too Many Requests\"}".to_string()));
    assert!(fp
        .evidence
        .iter()
        .any(|e| e.starts_with("host a1b2c3d4e5.execute-api.us-east-1.amazonaws.com")));
    assert!(fp
        .evidence
        .iter()
        .any(|e| e.starts_with("x-amz-apigw-id: ")));
    let meaning = fp.meaning.expect("a meaning");
    assert!(meaning.contains("THROTTLED or DEFAULT_4XX"), "{meaning}");
}

#[test]
fn odd_input_never_panics() {
    let long = "x".repeat(100_000);
    let multibyte = "é".repeat(20_000);
    let urls = [
        "",
        "not a url",
        "https://",
        "https://user:pw@[::1]:8080/x",
        "//a1b2.execute-api.us-east-1.amazonaws.com",
        "https://ÄPI.vercel.app./",
    ];
    let bodies = [
        None,
        Some(""),
        Some("{"),
        Some("{\"message\":"),
        Some(long.as_str()),
        Some(multibyte.as_str()),
        Some("error code: "),
        Some("<center>nginx"),
    ];
    for url in urls {
        for body in bodies {
            for status in [0, 200, 403, 429, 502, 524] {
                let r = resp(
                    status,
                    &[
                        ("server", "nginx"),
                        ("cf-ray", ""),
                        ("x-amzn-ErrorType", ":"),
                        ("x-vercel-error", ""),
                        ("via", "1.1 google, 1.1 vegur"),
                        ("", ""),
                    ],
                    body,
                );
                let _ = identify_all(&r, url);
            }
        }
    }
}

#[test]
fn slugs_round_trip() {
    for g in Gateway::ALL {
        assert_eq!(Gateway::from_slug(g.slug()), Some(g));
    }
}

#[test]
fn cloudflare_block_page_headers_without_body() {
    use whycors::exchange::Response;
    use whycors::gateway::{identify, Gateway};
    let headers = |expires: &str| {
        [
            ("CF-RAY", "f73fce4f57f73425-FRA"),
            ("Cache-Control", "private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0"),
            ("Content-Type", "text/html; charset=UTF-8"),
            ("Expires", expires),
            ("Server", "cloudflare"),
        ]
        .into_iter()
        .collect()
    };
    let r429 = Response {
        status: 429,
        headers: headers("Thu, 01 Jan 1970 00:00:01 GMT"),
        ..Response::default()
    };
    let fp = identify(&r429, "https://api.example.com/x").expect("cloudflare");
    assert_eq!(fp.gateway, Gateway::Cloudflare);
    assert!(fp.generated);
    assert_eq!(fp.error.as_deref(), Some("1015"));
    let r403 = Response {
        status: 403,
        headers: headers("Thu, 01 Jan 1970 00:00:01 GMT"),
        ..Response::default()
    };
    let fp = identify(&r403, "https://api.example.com/x").expect("cloudflare");
    assert!(fp.generated);
    assert_eq!(fp.error, None);
    // The origin's own 403 passed through Cloudflare: no block-page Expires.
    let origin = Response {
        status: 403,
        headers: headers("Sat, 21 Nov 2026 10:00:00 GMT"),
        ..Response::default()
    };
    let fp = identify(&origin, "https://api.example.com/x").expect("cloudflare");
    assert!(!fp.generated);
}

/// Spring's CORS processor: 403 with exactly "Invalid CORS request", alone or passed on by
/// nginx; the same words with another status, or inside a longer body, are no claim.
#[test]
fn spring_cors_processor() {
    let c = |name, status, headers: Vec<(&'static str, &'static str)>, body, gw| Case {
        name,
        url: "https://api.example.com/api/users",
        status,
        headers,
        body,
        gateway: gw,
        generated: gw.is_some(),
        error: gw.map(|_| "INVALID_CORS_REQUEST"),
        meaning_has: if gw.is_some() {
            &["CORS configuration"]
        } else {
            &[]
        },
    };
    check(&[
        c(
            "Spring alone",
            403,
            vec![
                ("vary", "Origin"),
                ("vary", "Access-Control-Request-Method"),
            ],
            Some("Invalid CORS request"),
            Some("spring"),
        ),
        c(
            "Spring behind nginx",
            403,
            vec![("server", "nginx/1.24.0")],
            Some("Invalid CORS request\n"),
            Some("spring"),
        ),
        c(
            "another status",
            400,
            vec![],
            Some("Invalid CORS request"),
            None,
        ),
        c(
            "a longer body",
            403,
            vec![],
            Some("{\"error\":\"Invalid CORS request for /x\"}"),
            None,
        ),
    ]);
}

/// Spring's Vary triple on a 403 without Allow-Origin and without a body (WebFlux, or the
/// body not captured) is its processor's rejection; with Allow-Origin, or with another body,
/// it is not.
#[test]
fn spring_vary_triple() {
    let triple = vec![
        ("vary", "Origin"),
        ("vary", "Access-Control-Request-Method"),
        ("vary", "Access-Control-Request-Headers"),
    ];
    let fp = identify(&resp(403, &triple, None), "https://api.example.com/x").expect("spring");
    assert_eq!(fp.gateway, Gateway::Spring);
    assert!(fp.generated);
    let mut with_acao = triple.clone();
    with_acao.push(("access-control-allow-origin", "https://a.example"));
    assert!(identify(&resp(403, &with_acao, None), "https://api.example.com/x").is_none());
    assert!(identify(
        &resp(403, &triple, Some("{\"error\":\"Forbidden\"}")),
        "https://api.example.com/x"
    )
    .is_none());
    assert!(identify(&resp(403, &triple[..2], None), "https://api.example.com/x").is_none());
    assert!(identify(&resp(401, &triple, None), "https://api.example.com/x").is_none());
}

/// Starlette's "Disallowed CORS <what failed>" (400 only, known words only) and Express's
/// "Not allowed by CORS" error page (an error status without Allow-Origin).
#[test]
fn starlette_and_express_cors_layers() {
    let url = "https://api.example.com/items";
    let fp = identify(
        &resp(
            400,
            &[
                ("server", "uvicorn"),
                ("access-control-allow-origin", "http://localhost:3000"),
            ],
            Some("Disallowed CORS method, headers"),
        ),
        url,
    )
    .expect("starlette");
    assert_eq!(fp.gateway, Gateway::Starlette);
    assert!(fp.generated);
    assert_eq!(fp.error.as_deref(), Some("DISALLOWED_CORS"));
    let meaning = fp.meaning.clone().unwrap_or_default();
    assert!(
        meaning.contains("allow_methods") && meaning.contains("allow_headers"),
        "{meaning}"
    );
    assert!(!meaning.contains("allow_origins"), "{meaning}");
    for body in [
        "Disallowed CORS",
        "Disallowed CORS verbs",
        "Disallowed CORS origin; method",
    ] {
        assert!(
            identify(&resp(400, &[], Some(body)), url).is_none(),
            "{body}"
        );
    }
    assert!(identify(&resp(403, &[], Some("Disallowed CORS origin")), url).is_none());

    let page = "<!DOCTYPE html><html><body><pre>Error: Not allowed by CORS<br> &nbsp; &nbsp;at origin (/app/server.js:14:16)</pre></body></html>";
    let fp =
        identify(&resp(500, &[("x-powered-by", "Express")], Some(page)), url).expect("express");
    assert_eq!(fp.gateway, Gateway::Express);
    assert_eq!(fp.error.as_deref(), Some("NOT_ALLOWED_BY_CORS"));
    assert!(identify(&resp(200, &[], Some(page)), url).is_none());
    assert!(identify(
        &resp(500, &[("access-control-allow-origin", "*")], Some(page)),
        url
    )
    .is_none());
}

/// Starlette without its body (a HAR keeps none for a failed preflight): its sorted safelist
/// in Allow-Headers, or uvicorn, with Allow-Methods on a 400; not without Allow-Methods.
#[test]
fn starlette_from_headers_alone() {
    let url = "https://api.example.com/items";
    let acah = (
        "access-control-allow-headers",
        "Accept, Accept-Language, Content-Language, Content-Type",
    );
    let acam = ("access-control-allow-methods", "GET, POST");
    for headers in [vec![acam, acah], vec![acam, ("server", "uvicorn")]] {
        let fp = identify(&resp(400, &headers, None), url).expect("starlette");
        assert_eq!(fp.gateway, Gateway::Starlette);
        assert!(fp.generated);
    }
    assert!(identify(&resp(400, &[acah], None), url).is_none());
    assert!(identify(&resp(400, &[acam], None), url).is_none());
    assert!(identify(&resp(404, &[acam, acah], None), url).is_none());
}

/// IIS: its 405 page and Windows Authentication's 401 are its own; anything else it serves
/// is passed on; no claim without its Server header.
#[test]
fn iis_own_answers() {
    let url = "https://intranet.example.com/api";
    let server = ("server", "Microsoft-IIS/10.0");
    let page = "<h3>The page you are looking for cannot be displayed because an invalid method (HTTP verb) is being used.</h3>";
    let fp = identify(&resp(405, &[server], Some(page)), url).expect("iis 405");
    assert_eq!(
        (fp.gateway, fp.generated, fp.error.as_deref()),
        (Gateway::Iis, true, Some("405.0"))
    );
    let fp = identify(
        &resp(
            401,
            &[
                server,
                ("www-authenticate", "Negotiate"),
                ("www-authenticate", "NTLM"),
            ],
            None,
        ),
        url,
    )
    .expect("iis 401");
    assert_eq!(
        (fp.gateway, fp.generated, fp.error.as_deref()),
        (Gateway::Iis, true, Some("WINDOWS_AUTH"))
    );
    let fp = identify(
        &resp(401, &[server, ("www-authenticate", "Bearer")], None),
        url,
    )
    .expect("iis passed");
    assert!(!fp.generated);
    assert!(identify(&resp(405, &[], Some(page)), url).is_none());
}

/// Starlette's own 500 ("Internal Server Error", 21 bytes of text/plain) behind an ASGI
/// server; not another server's 500, nor one with Allow-Origin.
#[test]
fn starlette_unhandled_exception() {
    let url = "https://api.example.com/items";
    let uv = ("server", "uvicorn");
    let fp = identify(
        &resp(
            500,
            &[uv, ("content-type", "text/plain; charset=utf-8")],
            Some("Internal Server Error"),
        ),
        url,
    )
    .expect("body");
    assert_eq!(
        (fp.gateway, fp.error.as_deref()),
        (Gateway::Starlette, Some("UNHANDLED_EXCEPTION"))
    );
    let fp = identify(
        &resp(
            500,
            &[
                uv,
                ("content-length", "21"),
                ("content-type", "text/plain; charset=utf-8"),
            ],
            None,
        ),
        url,
    )
    .expect("headers");
    assert_eq!(fp.error.as_deref(), Some("UNHANDLED_EXCEPTION"));
    assert!(identify(
        &resp(
            500,
            &[("server", "gunicorn")],
            Some("Internal Server Error")
        ),
        url
    )
    .is_none_or(|f| f.gateway != Gateway::Starlette));
    assert!(identify(
        &resp(
            500,
            &[
                uv,
                ("content-length", "1234"),
                ("content-type", "text/html")
            ],
            None
        ),
        url
    )
    .is_none_or(|f| f.gateway != Gateway::Starlette));
    assert!(identify(
        &resp(
            500,
            &[uv, ("access-control-allow-origin", "*")],
            Some("Internal Server Error")
        ),
        url
    )
    .is_none_or(|f| f.gateway != Gateway::Starlette));
}

/// Kestrel's empty 500 (an unhandled exception) and the ASP.NET Core Module's start-up
/// failure pages under IIS; Kestrel's other answers are passed on.
#[test]
fn aspnet_core_unhandled_exception_and_start_failure() {
    let url = "https://api.example.com/api/orders";
    let k = ("server", "Kestrel");
    let fp = identify(&resp(500, &[k, ("content-length", "0")], None), url).expect("kestrel 500");
    assert_eq!(
        (fp.gateway, fp.generated, fp.error.as_deref()),
        (Gateway::Kestrel, true, Some("UNHANDLED_EXCEPTION"))
    );
    let fp =
        identify(&resp(500, &[k], Some("{\"title\":\"Error\"}")), url).expect("kestrel passed");
    assert!(!fp.generated);
    assert!(
        !identify(&resp(404, &[k], None), url)
            .expect("kestrel")
            .generated
    );
    let page = "<title>HTTP Error 500.30 - ASP.NET Core app failed to start</title>";
    let fp = identify(
        &resp(500, &[("server", "Microsoft-IIS/10.0")], Some(page)),
        url,
    )
    .expect("ancm");
    assert_eq!(
        (fp.gateway, fp.error.as_deref()),
        (Gateway::Iis, Some("ANCM_APP_FAILED"))
    );
}

/// Express's own 404 for a preflight: its "Cannot OPTIONS /path" page, or, without the body
/// (a HAR), X-Powered-By: Express with finalhandler's `default-src 'none'` policy.
#[test]
fn express_cannot_options() {
    let url = "http://localhost:5000/api/items";
    let fp = identify(
        &resp(
            404,
            &[("content-type", "text/html")],
            Some("<pre>Cannot OPTIONS /api/items</pre>"),
        ),
        url,
    )
    .expect("body");
    assert_eq!(
        (fp.gateway, fp.error.as_deref()),
        (Gateway::Express, Some("CANNOT_OPTIONS"))
    );
    let headers = [
        ("x-powered-by", "Express"),
        ("content-security-policy", "default-src 'none'"),
    ];
    let fp = identify(&resp(404, &headers, None), url).expect("headers");
    assert_eq!(fp.error.as_deref(), Some("CANNOT_OPTIONS"));
    assert!(identify(&resp(404, &headers[..1], None), url).is_none());
    assert!(identify(&resp(404, &headers, Some("{\"error\":\"not found\"}")), url).is_none());
}

/// Apache httpd: its own error page (the `<address>Apache` footer), its Basic challenge
/// without the page, and what it passes on; Tomcat's Apache-Coyote is not Apache httpd.
#[test]
fn apache_httpd() {
    let url = "https://api.example.org/api/report";
    let server = ("server", "Apache/2.4.57 (Debian)");
    let page = "<title>405 Method Not Allowed</title>\n<hr>\n<address>Apache/2.4.57 (Debian) Server at api.example.org Port 443</address>";
    let fp = identify(&resp(405, &[server], Some(page)), url).expect("page");
    assert_eq!(
        (fp.gateway, fp.generated, fp.error.as_deref()),
        (Gateway::Apache, true, Some("405"))
    );
    let fp = identify(
        &resp(
            401,
            &[server, ("www-authenticate", "Basic realm=\"x\"")],
            None,
        ),
        url,
    )
    .expect("basic");
    assert_eq!((fp.generated, fp.error.as_deref()), (true, Some("401")));
    let fp = identify(&resp(500, &[server], Some("{\"error\":1}")), url).expect("passed");
    assert!(!fp.generated);
    assert!(fp.meaning.unwrap_or_default().contains("Header always set"));
    assert!(
        identify(&resp(500, &[("server", "Apache-Coyote/1.1")], None), url)
            .is_none_or(|f| f.gateway != Gateway::Apache)
    );
}

/// Apache httpd's own 403 document (the HTML 2.0 doctype, no address footer) with its Server
/// header is Apache's; the same page with no Server header is no claim.
#[test]
fn apache_error_document_without_footer() {
    let url = "https://api.example.org/x";
    let page = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>403 Forbidden</title>\n</head><body>\n<h1>Forbidden</h1>\n<p>You don't have permission to access this resource.</p>\n</body></html>\n";
    let fp = identify(
        &resp(403, &[("Server", "Apache/2.4.58 (Ubuntu)")], Some(page)),
        url,
    )
    .expect("apache");
    assert_eq!(
        (fp.gateway, fp.generated, fp.error.as_deref()),
        (Gateway::Apache, true, Some("403"))
    );
    assert!(identify(&resp(403, &[], Some(page)), url).is_none());
}

/// Laravel's 419 (no other product uses it): its JSON or HTML words, or its cookies, make it
/// strong; the status alone still names it.
#[test]
fn laravel_csrf_419() {
    let url = "https://api.example.com/api/posts";
    let fp = identify(
        &resp(
            419,
            &[("content-type", "application/json")],
            Some("{\"message\": \"CSRF token mismatch.\"}"),
        ),
        url,
    )
    .expect("json");
    assert_eq!(
        (fp.gateway, fp.generated, fp.error.as_deref()),
        (Gateway::Laravel, true, Some("CSRF_TOKEN_MISMATCH"))
    );
    let fp = identify(&resp(419, &[("server", "nginx")], None), url).expect("bare 419");
    assert_eq!(fp.gateway, Gateway::Laravel);
    assert!(identify(&resp(418, &[], Some("CSRF token mismatch")), url).is_none());
}

/// Evidence that quotes a cookie is redacted like the cookie itself.
#[test]
fn cookie_evidence_is_redacted_in_reports() {
    let text = "POST /api/posts HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\nContent-Type: application/json\n\nHTTP/1.1 419 unknown status\nContent-Type: application/json\nSet-Cookie: laravel_session=eyJpdiI6secret; path=/; httponly\n\n{\"message\": \"CSRF token mismatch.\"}\n";
    let r = whycors::diagnose(text, &whycors::Options::default()).expect("report");
    let f = &r.findings[0];
    assert!(
        f.evidence.iter().any(|e| e == "Set-Cookie: <redacted>"),
        "{:?}",
        f.evidence
    );
    assert!(!serde_json::to_string(&r)
        .unwrap_or_default()
        .contains("eyJpdiI6secret"));
}
