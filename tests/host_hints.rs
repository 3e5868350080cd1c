//! Where the API runs, from the URL's host alone: the default-endpoint table,
//! console-only inputs that get the platform's causes and fixes, and captures
//! whose response fingerprint must win over the URL.

use whycors::gateway::{hint_from_url, Certainty, Platform};
use whycors::Options;

fn platform(url: &str) -> Option<Platform> {
    hint_from_url(url).map(|h| h.platform)
}

#[test]
fn each_default_endpoint_pattern() {
    let cases = [
        (
            "https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com/prod/orders",
            Platform::AwsApiGateway,
        ),
        (
            "https://abc123.execute-api.cn-north-1.amazonaws.com.cn/prod/x",
            Platform::AwsApiGateway,
        ),
        (
            "https://K7P2X9W4D1.Execute-Api.EU-West-1.AmazonAWS.com/v1/",
            Platform::AwsApiGateway,
        ),
        (
            "https://abcdefghijklmnop.lambda-url.eu-west-1.on.aws/",
            Platform::AwsLambdaUrl,
        ),
        (
            "https://d111111abcdef8.cloudfront.net/api/items",
            Platform::Cloudfront,
        ),
        (
            "https://contoso.azure-api.net/orders/v1/list",
            Platform::AzureApim,
        ),
        (
            "https://contoso-westeurope-01.regional.azure-api.net/orders",
            Platform::AzureApim,
        ),
        (
            "https://my-api.azurewebsites.net/api/items",
            Platform::AzureAppService,
        ),
        (
            "https://my-api-a1b2c3.westeurope-01.azurewebsites.net/api",
            Platform::AzureAppService,
        ),
        (
            "https://api.my-team.workers.dev/items",
            Platform::CloudflareWorkers,
        ),
        (
            "https://orders-abc123xyz-uc.a.run.app/items",
            Platform::GoogleCloudRun,
        ),
        (
            "https://us-central1-my-project.cloudfunctions.net/orders",
            Platform::GoogleCloudFunctions,
        ),
        (
            "https://my-gw-1a2b3c4d.uc.gateway.dev/items",
            Platform::GoogleApiGateway,
        ),
        ("https://my-app.vercel.app/api/items", Platform::Vercel),
        (
            "https://my-site.netlify.app/.netlify/functions/x",
            Platform::Netlify,
        ),
        ("https://my-app-12345.herokuapp.com/api", Platform::Heroku),
        // A port and a trailing dot do not hide the host.
        (
            "https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com.:443/prod",
            Platform::AwsApiGateway,
        ),
    ];
    for (url, want) in cases {
        let h = hint_from_url(url).unwrap_or_else(|| panic!("no hint for {url}"));
        assert_eq!(h.platform, want, "{url}");
        assert_eq!(h.certainty, Certainty::Certain, "{url}");
        assert_eq!(h.basis, "url");
        assert_eq!(h.host, h.host.to_ascii_lowercase(), "{url}");
        assert!(!h.host.ends_with('.'), "{url}");
    }
}

#[test]
fn near_misses_and_custom_domains_say_nothing() {
    for url in [
        // A custom domain says nothing about where the API runs.
        "https://api.example.com/orders",
        "https://execute-api.example.com/prod/orders",
        "https://execute-api.us-east-1.amazonaws.com/prod",
        "https://x.execute-api.us-east-1.amazonaws.com.evil.example/prod",
        "https://amazonaws.com.evil.example/",
        "https://a.b.execute-api.us-east-1.amazonaws.com/",
        "https://x.execute-api.amazonaws.com/",
        // Another AWS service's endpoint (S3's is a platform of its own).
        "https://dynamodb.us-east-1.amazonaws.com/",
        "https://abc.lambda-url.eu-west-1.on.aws.evil.example/",
        "https://lambda-url.eu-west-1.on.aws/",
        "https://cloudfront.net/",
        "https://evilcloudfront.net/",
        "https://a.b.cloudfront.net/",
        "https://d111.cloudfront.net.example.org/",
        "https://azure-api.net/",
        "https://contoso.azure-api.net.example/",
        "https://myazure-api.net/",
        "https://workers.dev/",
        "https://notworkers.dev/",
        "https://run.app/",
        "https://vercel.app/",
        "https://a.b.vercel.app/",
        "https://herokuapp.com.example/",
        // Not hosts at all.
        "",
        "not a url",
        "https://",
        "file:///tmp/x.json",
        "data:text/plain,hi",
        "https://[2001:db8::1]/x",
        "https://192.0.2.1/x",
        "https://x..cloudfront.net/",
    ] {
        assert_eq!(platform(url), None, "{url:?}");
    }
}

#[test]
fn odd_input_never_panics() {
    let long = format!(
        "https://{}.execute-api.us-east-1.amazonaws.com/",
        "a".repeat(300)
    );
    for url in [
        "https://é.execute-api.us-east-1.amazonaws.com/",
        "https://xn--.cloudfront.net/",
        "https://user:pw@d1.cloudfront.net/",
        "  https://d1.cloudfront.net/  ",
        "https://d1.cloudfront.net:99999/",
        "\u{0}",
        ".",
        "...",
        long.as_str(),
    ] {
        let _ = hint_from_url(url);
    }
    assert_eq!(
        platform("https://user:pw@d1.cloudfront.net/"),
        Some(Platform::Cloudfront)
    );
}

fn console(url: &str, reason: &str) -> String {
    format!(
        "Access to fetch at '{url}' from origin 'https://app.example.com' has been blocked by CORS policy: {reason}"
    )
}

const PREFLIGHT_NO_ACAO: &str = "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
const NO_ACAO: &str =
    "No 'Access-Control-Allow-Origin' header is present on the requested resource.";

fn explain(input: &str) -> whycors::report::Finding {
    let r = whycors::diagnose(input, &Options::default()).expect("reads");
    assert_eq!(r.findings.len(), 1);
    r.findings.into_iter().next().expect("one finding")
}

#[test]
fn execute_api_console_line_gets_api_gateway_causes_and_fixes() {
    let url = "https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com/prod/orders";
    let f = explain(&console(url, PREFLIGHT_NO_ACAO));
    let hint = f.cause.platform.as_ref().expect("a platform from the URL");
    assert_eq!(hint.platform, Platform::AwsApiGateway);
    assert_eq!(hint.host, "k7p2x9w4d1.execute-api.us-east-1.amazonaws.com");
    // REST or HTTP API: the host does not say which, so no gateway is claimed.
    assert_eq!(f.cause.gateway, None);
    assert!(
        f.summary.contains("runs on AWS API Gateway"),
        "{}",
        f.summary
    );
    assert!(
        f.summary.contains("(1) REST API: no OPTIONS method"),
        "{}",
        f.summary
    );
    assert!(f.summary.contains("Missing Authentication Token"));
    assert!(f.summary.contains("$default"));
    assert!(f.summary.contains("DEFAULT_4XX"));
    // The generic wording is gone.
    assert!(!f.summary.contains("elsewhere 404 or 405"), "{}", f.summary);
    assert!(f
        .evidence
        .iter()
        .any(|e| e.contains("*.execute-api.*.amazonaws.com")));
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(targets.first(), Some(&"rest-api-console"), "{targets:?}");
    assert!(targets.contains(&"http-api-sam"), "{targets:?}");
    assert!(
        !targets.contains(&"express") && !targets.contains(&"frameworks"),
        "{targets:?}"
    );
    assert!(f.fixes.len() <= whycors::fix::MAX_FIXES);
    for x in &f.fixes {
        // Conditional: the exact failure is unknown.
        assert!(x.title.starts_with("If "), "{}", x.title);
        assert!(
            x.title.contains("REST API — ") || x.title.contains("HTTP API — "),
            "{}",
            x.title
        );
    }
    let console_fix = f.fixes.first().map(|x| x.text.as_str()).unwrap_or("");
    assert!(console_fix.contains("OPTIONS"), "{console_fix}");
}

#[test]
fn execute_api_status_moves_the_fitting_cause_first() {
    let url = "https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com/prod/orders";
    let mut text = console(url, NO_ACAO);
    text.push_str("\nPOST https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com/prod/orders net::ERR_FAILED 502 (Bad Gateway)");
    let f = explain(&text);
    assert_eq!(f.cause.status, Some(502));
    assert!(
        f.summary.contains("(1) a Lambda proxy integration"),
        "{}",
        f.summary
    );
    assert!(
        f.fixes.iter().any(|x| x.target == "lambda-node"),
        "{:?}",
        f.fixes.iter().map(|x| &x.target).collect::<Vec<_>>()
    );
}

#[test]
fn lambda_url_console_line_gets_function_url_config() {
    let url = "https://abcdefghijklmnop.lambda-url.eu-west-1.on.aws/orders";
    let f = explain(&console(url, PREFLIGHT_NO_ACAO));
    let hint = f.cause.platform.as_ref().expect("platform");
    assert_eq!(hint.platform, Platform::AwsLambdaUrl);
    assert_eq!(f.cause.gateway, None);
    assert!(
        f.summary.contains("function URL's CORS configuration"),
        "{}",
        f.summary
    );
    assert!(
        !f.summary.contains("Missing Authentication Token"),
        "{}",
        f.summary
    );
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(
        targets,
        ["lambda-url-sam", "lambda-url-terraform", "lambda-url-cli"],
        "not API Gateway's fixes"
    );
    for x in &f.fixes {
        assert!(x.title.starts_with("If OPTIONS"), "{}", x.title);
        assert!(x.text.contains("https://app.example.com"), "{}", x.text);
        assert!(x.text.contains("must NOT add its own"), "{}", x.text);
    }
    let sam = &f.fixes[0].text;
    assert!(
        sam.contains("FunctionUrlConfig:") && sam.contains("AllowOrigins:"),
        "{sam}"
    );
    assert!(
        !sam.contains("OPTIONS"),
        "Lambda answers OPTIONS itself: {sam}"
    );
}

#[test]
fn lambda_url_duplicate_allow_origin() {
    let url = "https://abcdefghijklmnop.lambda-url.eu-west-1.on.aws/orders";
    let reason = "The 'Access-Control-Allow-Origin' header contains multiple values 'https://app.example.com, https://app.example.com', but only one is allowed. Have the server send the header with a valid value.";
    let f = explain(&console(url, reason));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    assert_eq!(
        f.cause.platform.as_ref().map(|h| h.platform),
        Some(Platform::AwsLambdaUrl)
    );
    assert!(
        f.summary.contains("must not") || f.summary.contains("Set CORS in one place only"),
        "{}",
        f.summary
    );
    assert!(f.fixes.iter().any(|x| x.target == "lambda-url-cli"));
}

#[test]
fn azure_apim_console_line_gets_cors_policy() {
    let url = "https://contoso.azure-api.net/orders/v1/list";
    let mut text = console(url, PREFLIGHT_NO_ACAO);
    text.push_str(
        "\nGET https://contoso.azure-api.net/orders/v1/list net::ERR_FAILED 401 (Access Denied)",
    );
    let f = explain(&text);
    let hint = f.cause.platform.as_ref().expect("platform");
    assert_eq!(hint.platform, Platform::AzureApim);
    // Fingerprints come from responses only.
    assert_eq!(f.cause.gateway, None);
    assert!(
        f.summary.contains("runs on Azure API Management"),
        "{}",
        f.summary
    );
    assert!(
        f.summary
            .contains("(1) a policy before <cors> rejects the request: 401"),
        "{}",
        f.summary
    );
    assert_eq!(
        f.fixes.first().map(|x| x.target.as_str()),
        Some("azure-apim")
    );
    assert!(f.fixes[0].text.contains("<cors"), "{}", f.fixes[0].text);
}

#[test]
fn app_service_and_cloud_run_causes() {
    let f = explain(&console(
        "https://my-api.azurewebsites.net/api/items",
        PREFLIGHT_NO_ACAO,
    ));
    assert!(
        f.summary.contains("App Service CORS setting"),
        "{}",
        f.summary
    );
    assert_eq!(
        f.fixes.first().map(|x| x.target.as_str()),
        Some("azure-app-service")
    );
    assert!(f.fixes[0].text.contains("az webapp cors add"));
    assert!(f.fixes[0].text.contains("--name my-api "));

    let f = explain(&format!(
        "{}\nGET https://orders-abc-uc.a.run.app/items net::ERR_FAILED 403 (Forbidden)",
        console("https://orders-abc-uc.a.run.app/items", PREFLIGHT_NO_ACAO)
    ));
    assert!(
        f.summary
            .contains("(1) the service requires authentication"),
        "{}",
        f.summary
    );
}

#[test]
fn firefox_message_on_a_platform_host() {
    let text = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com/prod/orders. (Reason: CORS header 'Access-Control-Allow-Origin' missing). Status code: 429.";
    let f = explain(text);
    assert_eq!(
        f.cause.platform.as_ref().map(|h| h.platform),
        Some(Platform::AwsApiGateway)
    );
    assert!(
        f.summary
            .contains("(1) REST API: API Gateway answered with its own error"),
        "{}",
        f.summary
    );
}

#[test]
fn custom_domain_console_line_stays_generic() {
    let f = explain(&console(
        "https://api.example.com/orders",
        PREFLIGHT_NO_ACAO,
    ));
    assert!(f.cause.platform.is_none());
    assert!(f.summary.contains("elsewhere 404 or 405"), "{}", f.summary);
    assert!(f.fixes.iter().any(|x| x.target == "frameworks"));
}

#[test]
fn json_shape_is_additive() {
    let url = "https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com/prod/orders";
    let r = whycors::diagnose(&console(url, PREFLIGHT_NO_ACAO), &Options::default()).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["version"], 1);
    let c = &v["findings"][0]["cause"];
    assert!(c["gateway"].is_null());
    assert_eq!(c["platform"]["platform"], "aws-api-gateway");
    assert_eq!(c["platform"]["basis"], "url");
    assert_eq!(c["platform"]["certainty"], "certain");
    assert_eq!(c["platform"]["pattern"], "*.execute-api.*.amazonaws.com");
    let r = whycors::diagnose(
        &console("https://api.example.com/x", NO_ACAO),
        &Options::default(),
    )
    .unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["findings"][0]["cause"]["platform"].is_null());
}

/// A minimal Chrome-style HAR: one GET from https://app.example.com.
fn har(url: &str, status: u16, headers: &[(&str, &str)], body: &str) -> String {
    let hs: Vec<String> = headers
        .iter()
        .map(|(n, v)| format!("{{\"name\":{},\"value\":{}}}", json(n), json(v)))
        .collect();
    format!(
        r#"{{"log":{{"version":"1.2","creator":{{"name":"WebInspector","version":"537.36"}},"entries":[{{
  "request":{{"method":"GET","url":{url},"httpVersion":"h2","headers":[{{"name":"origin","value":"https://app.example.com"}},{{"name":"sec-fetch-mode","value":"cors"}}],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0}},
  "response":{{"status":{status},"statusText":"","httpVersion":"h2","headers":[{hs}],"cookies":[],"content":{{"size":{len},"mimeType":"text/html","text":{body}}},"redirectURL":"","headersSize":-1,"bodySize":-1{err}}},
  "cache":{{}},"timings":{{"send":0,"wait":1,"receive":0}},"startedDateTime":"2026-11-17T14:02:01.102Z","time":1}}]}}}}"#,
        url = json(url),
        hs = hs.join(","),
        len = body.len(),
        body = json(body),
        err = if status == 0 {
            ",\"_error\":\"net::ERR_FAILED\""
        } else {
            ""
        },
    )
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[test]
fn response_fingerprint_wins_over_the_url() {
    // A Lambda function URL behind CloudFront's own 403: the response names
    // CloudFront, the URL a function URL; the response wins.
    let url = "https://abcdefghijklmnop.lambda-url.eu-west-1.on.aws/orders";
    let text = har(
        url,
        403,
        &[
            ("server", "CloudFront"),
            ("x-cache", "Error from cloudfront"),
            ("via", "1.1 0123456789abcdef0123456789abcdef.cloudfront.net (CloudFront)"),
            ("x-amz-cf-pop", "FRA56-P1"),
            ("x-amz-cf-id", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQR=="),
            ("content-type", "text/html"),
        ],
        "<HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1><H2>The request could not be satisfied.</H2>Request blocked.</BODY></HTML>",
    );
    let f = explain(&text);
    assert!(f.browser.blocked);
    assert_eq!(f.cause.gateway, Some(whycors::gateway::Gateway::Cloudfront));
    assert!(f.cause.platform.is_none(), "{:?}", f.cause.platform);
    assert!(!f.summary.contains("function URL"), "{}", f.summary);
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert!(targets.contains(&"cloudfront"), "{targets:?}");
    assert!(
        !targets.iter().any(|t| t.starts_with("lambda-url")),
        "{targets:?}"
    );
}

#[test]
fn rest_fingerprint_on_execute_api_keeps_its_gateway_response() {
    let url = "https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com/prod/orders";
    let text = har(
        url,
        429,
        &[
            ("content-type", "application/json"),
            ("x-amzn-requestid", "3f1c2a9e-1b7d-4c5e-9a0f-2d6b8e4c1a77"),
            ("x-amzn-errortype", "TooManyRequestsException"),
            ("x-amz-apigw-id", "Qk1XyGkUoAMEb3Q="),
        ],
        "{\"message\":\"Too Many Requests\"}",
    );
    let f = explain(&text);
    assert_eq!(
        f.cause.gateway,
        Some(whycors::gateway::Gateway::AwsApiGatewayRest)
    );
    assert_eq!(f.cause.gateway_response.as_deref(), Some("THROTTLED"));
    assert!(f.cause.platform.is_none());
    assert!(f.fixes.iter().all(|x| !x.title.contains("HTTP API — ")));
}

#[test]
fn blocked_har_entry_without_a_response_uses_the_url() {
    // Chrome drops a blocked response: status 0, no headers.
    let url = "https://abcdefghijklmnop.lambda-url.eu-west-1.on.aws/orders";
    let f = explain(&har(url, 0, &[], ""));
    assert!(f.browser.blocked);
    assert_eq!(
        f.cause.platform.as_ref().map(|h| h.platform),
        Some(Platform::AwsLambdaUrl),
        "{}",
        f.summary
    );
    assert!(
        f.summary.contains("runs on an AWS Lambda function URL"),
        "{}",
        f.summary
    );
    // A simple GET: no preflight causes.
    assert!(!f.summary.contains("preflight"), "{}", f.summary);
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(
        targets.first().copied(),
        Some("lambda-url-sam"),
        "{targets:?}"
    );
    assert!(f.fixes.iter().all(|x| x.title.starts_with("If ")));

    // The same on a custom domain: no platform, no fixes to aim.
    let f = explain(&har("https://api.example.com/orders", 0, &[], ""));
    assert!(f.browser.blocked);
    assert!(f.cause.platform.is_none());
    assert!(f.fixes.is_empty());
}

#[test]
fn workers_dev_gets_code_fixes_not_cloudflare_waf_rules() {
    let f = explain(&console(
        "https://api.my-team.workers.dev/items",
        PREFLIGHT_NO_ACAO,
    ));
    assert_eq!(
        f.cause.platform.as_ref().map(|h| h.platform),
        Some(Platform::CloudflareWorkers)
    );
    assert!(
        f.summary.contains("the Worker does not answer OPTIONS"),
        "{}",
        f.summary
    );
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert!(!targets.contains(&"cloudflare"), "{targets:?}");
    assert!(targets.contains(&"generic"), "{targets:?}");
}

#[test]
fn cloudfront_host_gets_cloudfront_fixes() {
    let f = explain(&console(
        "https://d111111abcdef8.cloudfront.net/api/items",
        PREFLIGHT_NO_ACAO,
    ));
    assert_eq!(
        f.cause.platform.as_ref().map(|h| h.platform),
        Some(Platform::Cloudfront)
    );
    assert!(
        f.summary.contains("runs behind Amazon CloudFront"),
        "{}",
        f.summary
    );
    assert_eq!(
        f.fixes.first().map(|x| x.target.as_str()),
        Some("cloudfront")
    );
}

#[test]
fn execute_api_path_says_what_it_can_about_rest_vs_http() {
    let f = explain(&console(
        "https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com/prod/orders",
        PREFLIGHT_NO_ACAO,
    ));
    assert!(
        f.summary
            .contains("Its path starts with /prod: for a REST API that is the stage"),
        "{}",
        f.summary
    );
    let f = explain(&console(
        "https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com/",
        PREFLIGHT_NO_ACAO,
    ));
    assert!(
        f.summary
            .contains("Its path has no stage: that fits an HTTP API's `$default` stage"),
        "{}",
        f.summary
    );
    // Only API Gateway gets stage words.
    let f = explain(&console(
        "https://abcdefghijklmnop.lambda-url.eu-west-1.on.aws/prod",
        PREFLIGHT_NO_ACAO,
    ));
    assert!(!f.summary.contains("stage"), "{}", f.summary);
}
