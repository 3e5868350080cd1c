//! Snapshot tests of the fixes for the classic cases, plus assertions that
//! hold for every case.

use whycors::cause::CauseKind;
use whycors::fix::{suggest, Fix, FixContext, MAX_FIXES};
use whycors::gateway::Gateway;
use whycors::verdict::Stage;

const ORIGIN: &str = "https://app.example.com";
const REST_URL: &str = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/orders/42";

fn base(cause: CauseKind) -> FixContext {
    FixContext {
        cause: Some(cause),
        origin: Some(ORIGIN.to_string()),
        url: REST_URL.to_string(),
        method: "PUT".to_string(),
        request_headers: vec!["authorization".to_string(), "content-type".to_string()],
        ..FixContext::default()
    }
}

fn render(fixes: &[Fix]) -> String {
    let mut out = String::new();
    for (i, f) in fixes.iter().enumerate() {
        out.push_str(&format!(
            "==== {}. [{}] {} ====\n",
            i + 1,
            f.target,
            f.title
        ));
        out.push_str(&f.text);
        out.push_str("\n\n");
    }
    out
}

fn rest_throttled() -> FixContext {
    FixContext {
        gateway: Some(Gateway::AwsApiGatewayRest),
        gateway_response: Some("THROTTLED".to_string()),
        status: Some(429),
        stage: Some(Stage::Response),
        cors_error: Some("MissingAllowOriginHeader".to_string()),
        ..base(CauseKind::GatewayError)
    }
}

fn rest_missing_options() -> FixContext {
    FixContext {
        gateway: Some(Gateway::AwsApiGatewayRest),
        gateway_response: Some("MISSING_AUTHENTICATION_TOKEN".to_string()),
        status: Some(403),
        stage: Some(Stage::Preflight),
        cors_error: Some("PreflightMissingAllowOriginHeader".to_string()),
        ..base(CauseKind::PreflightMissing)
    }
}

fn rest_authorizer_options() -> FixContext {
    FixContext {
        gateway: Some(Gateway::AwsApiGatewayRest),
        gateway_response: Some("UNAUTHORIZED".to_string()),
        status: Some(401),
        stage: Some(Stage::Preflight),
        cors_error: Some("PreflightMissingAllowOriginHeader".to_string()),
        credentials: true,
        ..base(CauseKind::PreflightFailed)
    }
}

fn http_default_route_options() -> FixContext {
    FixContext {
        gateway: Some(Gateway::AwsApiGatewayHttp),
        status: Some(401),
        stage: Some(Stage::Preflight),
        url: "https://x9y8z7.execute-api.us-east-1.amazonaws.com/orders/42".to_string(),
        cors_error: Some("PreflightMissingAllowOriginHeader".to_string()),
        ..base(CauseKind::PreflightFailed)
    }
}

fn rest_lambda_without_headers() -> FixContext {
    FixContext {
        gateway: Some(Gateway::AwsApiGatewayRest),
        status: Some(200),
        stage: Some(Stage::Response),
        cors_error: Some("MissingAllowOriginHeader".to_string()),
        ..base(CauseKind::ResponseMissingCors)
    }
}

fn wildcard_credentials() -> FixContext {
    FixContext {
        stage: Some(Stage::Response),
        status: Some(200),
        method: "GET".to_string(),
        request_headers: vec![],
        credentials: true,
        url: "https://api.example.com/v1/me".to_string(),
        cors_error: Some("WildcardOriginNotAllowed".to_string()),
        ..base(CauseKind::HeaderMismatch)
    }
}

fn authorization_not_allowed() -> FixContext {
    FixContext {
        stage: Some(Stage::Preflight),
        status: Some(204),
        url: "https://api.example.com/v1/orders/42".to_string(),
        cors_error: Some("HeaderDisallowedByPreflightResponse".to_string()),
        ..base(CauseKind::HeaderMismatch)
    }
}

fn patch_not_allowed() -> FixContext {
    FixContext {
        stage: Some(Stage::Preflight),
        status: Some(204),
        method: "patch".to_string(),
        request_headers: vec!["content-type".to_string()],
        url: "https://api.example.com/v1/orders/42".to_string(),
        cors_error: Some("MethodDisallowedByPreflightResponse".to_string()),
        ..base(CauseKind::HeaderMismatch)
    }
}

fn etag_not_exposed() -> FixContext {
    FixContext {
        stage: Some(Stage::Response),
        status: Some(200),
        method: "GET".to_string(),
        request_headers: vec![],
        expose_headers: vec!["ETag".to_string()],
        url: "https://api.example.com/v1/orders/42".to_string(),
        ..base(CauseKind::HeaderNotExposed)
    }
}

fn nginx_413() -> FixContext {
    FixContext {
        gateway: Some(Gateway::Nginx),
        stage: Some(Stage::Response),
        status: Some(413),
        method: "POST".to_string(),
        request_headers: vec!["content-type".to_string()],
        url: "https://api.example.com/api/uploads".to_string(),
        cors_error: Some("MissingAllowOriginHeader".to_string()),
        ..base(CauseKind::GatewayError)
    }
}

fn generic_no_gateway() -> FixContext {
    FixContext {
        stage: Some(Stage::Response),
        status: Some(200),
        url: "https://api.example.com/v1/orders/42".to_string(),
        cors_error: Some("MissingAllowOriginHeader".to_string()),
        ..base(CauseKind::ResponseMissingCors)
    }
}

fn all_cases() -> Vec<(&'static str, FixContext)> {
    vec![
        ("rest_throttled", rest_throttled()),
        ("rest_missing_options", rest_missing_options()),
        ("rest_authorizer_options", rest_authorizer_options()),
        ("http_default_route_options", http_default_route_options()),
        ("rest_lambda_without_headers", rest_lambda_without_headers()),
        ("wildcard_credentials", wildcard_credentials()),
        ("authorization_not_allowed", authorization_not_allowed()),
        ("patch_not_allowed", patch_not_allowed()),
        ("etag_not_exposed", etag_not_exposed()),
        ("nginx_413", nginx_413()),
        ("generic_no_gateway", generic_no_gateway()),
    ]
}

#[test]
fn snapshot_rest_throttled() {
    insta::assert_snapshot!(render(&suggest(&rest_throttled())));
}

#[test]
fn snapshot_rest_missing_options() {
    insta::assert_snapshot!(render(&suggest(&rest_missing_options())));
}

#[test]
fn snapshot_rest_authorizer_options() {
    insta::assert_snapshot!(render(&suggest(&rest_authorizer_options())));
}

#[test]
fn snapshot_http_default_route_options() {
    insta::assert_snapshot!(render(&suggest(&http_default_route_options())));
}

#[test]
fn snapshot_rest_lambda_without_headers() {
    insta::assert_snapshot!(render(&suggest(&rest_lambda_without_headers())));
}

#[test]
fn snapshot_wildcard_credentials() {
    insta::assert_snapshot!(render(&suggest(&wildcard_credentials())));
}

#[test]
fn snapshot_authorization_not_allowed() {
    insta::assert_snapshot!(render(&suggest(&authorization_not_allowed())));
}

#[test]
fn snapshot_patch_not_allowed() {
    insta::assert_snapshot!(render(&suggest(&patch_not_allowed())));
}

#[test]
fn snapshot_etag_not_exposed() {
    insta::assert_snapshot!(render(&suggest(&etag_not_exposed())));
}

#[test]
fn snapshot_nginx_413() {
    insta::assert_snapshot!(render(&suggest(&nginx_413())));
}

#[test]
fn snapshot_generic_no_gateway() {
    insta::assert_snapshot!(render(&suggest(&generic_no_gateway())));
}

#[test]
fn every_case_has_fixes_and_the_origin_in_every_text() {
    for (name, ctx) in all_cases() {
        let fixes = suggest(&ctx);
        assert!(!fixes.is_empty(), "{name}: no fixes");
        assert!(fixes.len() <= MAX_FIXES, "{name}: {} fixes", fixes.len());
        for f in &fixes {
            assert!(
                f.text.contains(ORIGIN),
                "{name}: [{}] {} lacks the origin:\n{}",
                f.target,
                f.title,
                f.text
            );
            assert!(
                !f.title.is_empty() && !f.target.is_empty(),
                "{name}: empty title/target"
            );
        }
    }
}

fn wildcard_origin(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("access-control-allow-origin: *")
        || t.contains("access-control-allow-origin: '*'")
        || t.contains("access-control-allow-origin: \"'*'\"")
        || t.contains("alloworigin: \"'*'\"")
        || t.contains("allow_origins     = [\"*\"]")
        || t.contains("allowed_origins: ['*']")
        || t.contains("alloworigins: ['*']")
}

#[test]
fn never_wildcard_with_credentials() {
    for (name, mut ctx) in all_cases() {
        ctx.credentials = true;
        for f in suggest(&ctx) {
            let creds = f.text.to_ascii_lowercase().contains("allow-credentials")
                || f.text.contains("AllowCredentials: true")
                || f.text.contains("allowCredentials: true")
                || f.text.contains("credentials: true");
            assert!(
                !(creds && wildcard_origin(&f.text)),
                "{name}: [{}] proposes a wildcard origin with credentials:\n{}",
                f.target,
                f.text
            );
        }
        // Reflecting code always varies on Origin.
        for f in suggest(&ctx) {
            if f.text.contains("ALLOWED_ORIGINS") || f.text.contains("$http_origin") {
                assert!(
                    f.text.contains("Vary"),
                    "{name}: [{}] reflects without Vary",
                    f.target
                );
            }
        }
    }
}

#[test]
fn rest_fixes_mention_deploying() {
    for (name, ctx) in [
        ("rest_throttled", rest_throttled()),
        ("rest_missing_options", rest_missing_options()),
        ("rest_authorizer_options", rest_authorizer_options()),
        ("rest_lambda_without_headers", rest_lambda_without_headers()),
    ] {
        let fixes = suggest(&ctx);
        let rest: Vec<&Fix> = fixes
            .iter()
            .filter(|f| {
                [
                    "rest-api-console",
                    "sam",
                    "cloudformation",
                    "terraform",
                    "cdk",
                    "openapi",
                ]
                .contains(&f.target.as_str())
            })
            .collect();
        assert_eq!(rest.len(), 6, "{name}: the six REST targets");
        for f in rest {
            let t = f.text.to_ascii_lowercase();
            assert!(
                t.contains("deploy"),
                "{name}: [{}] does not mention deploying:\n{}",
                f.target,
                f.text
            );
        }
    }
}

#[test]
fn targets_and_order_per_case() {
    let targets =
        |ctx: &FixContext| -> Vec<String> { suggest(ctx).into_iter().map(|f| f.target).collect() };
    assert_eq!(
        targets(&rest_throttled()),
        [
            "rest-api-console",
            "sam",
            "cloudformation",
            "terraform",
            "cdk",
            "openapi",
            "client"
        ]
    );
    assert_eq!(
        targets(&rest_lambda_without_headers())[..2],
        ["lambda-node", "lambda-python"]
    );
    assert_eq!(
        targets(&http_default_route_options()),
        ["http-api-sam", "http-api-terraform", "http-api-cdk"]
    );
    assert_eq!(targets(&nginx_413())[0], "nginx");
    assert_eq!(targets(&patch_not_allowed())[0], "client");
    assert_eq!(targets(&generic_no_gateway()), ["generic", "frameworks"]);
}

#[test]
fn specifics_are_present() {
    let text = |ctx: &FixContext| render(&suggest(ctx));
    let t = text(&rest_throttled());
    assert!(t.contains("THROTTLED") && t.contains("Usage plans") && t.contains("backoff"));
    assert!(t.contains(
        "gatewayresponse.header.Access-Control-Allow-Origin: \"'https://app.example.com'\""
    ));
    assert!(t.contains("AlwaysDeploy: true"));

    let t = text(&rest_missing_options());
    assert!(t.contains("type: mock") && t.contains("Type: MOCK") && t.contains("\"MOCK\""));
    assert!(t.contains("not recursive"));
    assert!(t.contains("/orders/42"));

    let t = text(&rest_authorizer_options());
    assert!(t.contains("AddDefaultAuthorizerToCorsPreflight: false"));
    assert!(t.contains("authorization    = \"NONE\"") && t.contains("api_key_required = false"));
    assert!(t.contains("security: []"));
    assert!(t.contains("Access-Control-Allow-Credentials"));

    let t = text(&http_default_route_options());
    assert!(t.contains("OPTIONS /{proxy+}") && t.contains("Authorizer: NONE"));
    assert!(t.contains("ignores CORS headers sent by the backend"));

    let t = text(&wildcard_credentials());
    assert!(t.contains("Access-Control-Allow-Credentials: true") && t.contains("Vary: Origin"));
    assert!(t.contains("credentials: true"));

    let t = text(&authorization_not_allowed());
    assert!(t.contains("Access-Control-Allow-Headers: authorization,content-type"));
    assert!(t.contains("Authorization must be named explicitly"));

    let t = text(&patch_not_allowed());
    assert!(t.contains("method: 'PATCH'") && t.contains("case-sensitive"));
    assert!(t.contains("Access-Control-Allow-Methods: GET,POST,PATCH,patch,OPTIONS"));

    let t = text(&etag_not_exposed());
    assert!(t.contains("Access-Control-Expose-Headers: ETag"));
    assert!(t.contains("exposedHeaders: ['ETag']"));

    let t = text(&nginx_413());
    assert!(t.contains("client_max_body_size") && t.contains(" always;"));
    assert!(t.contains("map $http_origin $cors_origin") && t.contains("return 204;"));
}

#[test]
fn no_fixes_for_network_error_unknown_and_plain_ok() {
    for cause in [CauseKind::NetworkError, CauseKind::Unknown, CauseKind::Ok] {
        assert!(suggest(&base(cause)).is_empty(), "{cause:?}");
    }
    assert!(suggest(&FixContext::default()).is_empty());
    let ok_vary = FixContext {
        missing_vary: true,
        gateway: Some(Gateway::Nginx),
        ..base(CauseKind::Ok)
    };
    let fixes = suggest(&ok_vary);
    assert_eq!(fixes.first().map(|f| f.target.as_str()), Some("nginx"));
    assert!(fixes.iter().all(|f| f.text.contains("Vary")));
}

#[test]
fn unknown_origin_uses_the_placeholder_and_says_so() {
    for (name, mut ctx) in all_cases() {
        ctx.origin = None;
        for f in suggest(&ctx) {
            assert!(
                f.text.contains("https://your-app.example") && f.text.contains("placeholder"),
                "{name}: [{}] without placeholder note:\n{}",
                f.target,
                f.text
            );
        }
    }
}

#[test]
fn trailing_slash_origin_is_fixed_and_hostile_values_are_dropped() {
    let ctx = FixContext {
        origin: Some("https://app.example.com/".to_string()),
        cors_error: Some("AllowOriginMismatch".to_string()),
        request_headers: vec!["x-ok".to_string(), "bad\"header".to_string()],
        method: "DEL\nETE".to_string(),
        ..generic_no_gateway()
    };
    let t = render(&suggest(&ctx));
    assert!(t.contains("Access-Control-Allow-Origin: https://app.example.com\n"));
    assert!(!t.contains("https://app.example.com/\n"));
    assert!(t.contains("no trailing slash"));
    assert!(!t.contains("bad\"header") && t.contains("x-ok"));
    assert!(!t.contains("DEL\nETE"));
}

#[test]
fn every_gateway_and_cause_gives_sane_output() {
    let causes = [
        CauseKind::GatewayError,
        CauseKind::PreflightMissing,
        CauseKind::PreflightFailed,
        CauseKind::HeaderMismatch,
        CauseKind::ResponseMissingCors,
        CauseKind::Redirect,
        CauseKind::HeaderNotExposed,
    ];
    let responses = [
        None,
        Some("THROTTLED"),
        Some("QUOTA_EXCEEDED"),
        Some("REQUEST_TOO_LARGE"),
        Some("INTEGRATION_TIMEOUT"),
        Some("WAF_FILTERED"),
        Some("ACCESS_DENIED"),
        Some("INVALID_API_KEY"),
        Some("MISSING_AUTHENTICATION_TOKEN"),
        Some("garbage"),
    ];
    for g in Gateway::ALL.into_iter().map(Some).chain([None]) {
        for cause in causes {
            for gr in responses {
                for status in [None, Some(401), Some(413), Some(429), Some(502), Some(504)] {
                    let ctx = FixContext {
                        gateway: g,
                        gateway_response: gr.map(str::to_string),
                        status,
                        credentials: true,
                        expose_headers: vec!["ETag".to_string()],
                        ..base(cause)
                    };
                    let fixes = suggest(&ctx);
                    assert!(!fixes.is_empty(), "{g:?} {cause:?} {gr:?} {status:?}");
                    assert!(fixes.len() <= MAX_FIXES);
                    for f in fixes {
                        assert!(
                            f.text.contains(ORIGIN),
                            "{g:?} {cause:?} {gr:?} [{}]",
                            f.target
                        );
                        assert!(
                            !f.text.contains("@@"),
                            "unfilled placeholder in [{}]",
                            f.target
                        );
                        assert!(!wildcard_origin(&f.text));
                    }
                }
            }
        }
    }
}

/// A server that already allows some headers and methods, refusing one more header: the
/// fixes add the page's header and keep what the server lists now (replacing the list with
/// the page's alone would break the other pages and clients it serves), and say so.
#[test]
fn fixes_keep_what_the_server_allows_already() {
    let r = whycors::diagnose(
        "curl -v -X OPTIONS 'https://api.example.com/v1/items' -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type,x-api-key'
< HTTP/1.1 204 No Content
< Server: nginx/1.24.0
< Access-Control-Allow-Origin: https://app.example.com
< Access-Control-Allow-Methods: GET, POST, PUT, DELETE, OPTIONS
< Access-Control-Allow-Headers: Content-Type, Authorization, X-Requested-With
< Access-Control-Allow-Headers: X-Tenant-Id
",
        &whycors::Options::default(),
    )
    .unwrap();
    let f = &r.findings[0];
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );
    let nginx = &f.fixes[0].text;
    assert!(
        nginx.contains(
            "Access-Control-Allow-Headers \"authorization,content-type,x-api-key,x-requested-with,x-tenant-id\""
        ),
        "{nginx}"
    );
    assert!(
        nginx.contains("Access-Control-Allow-Methods \"GET,POST,PUT,DELETE,OPTIONS\""),
        "{nginx}"
    );
    assert!(
        nginx.contains("every header the page sets: content-type, x-api-key.")
            && nginx.contains(
                "Keep the ones it lists now (authorization, x-requested-with, x-tenant-id)"
            ),
        "{nginx}"
    );
}

/// A credentialed call refused by another site's `*`: the page can only drop the
/// credentials, so that fix comes first and the summary says it; on the page's own site the
/// server's fix stays first and the page's second.
#[test]
fn wildcard_with_credentials_on_another_site_drops_them_first() {
    let r = whycors::diagnose(
        "Access to XMLHttpRequest at 'https://api.weather.example/data/2.5/weather?q=London' from origin 'http://localhost:4200' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.",
        &whycors::Options::default(),
    )
    .unwrap();
    let f = &r.findings[0];
    assert_eq!(f.fixes[0].target, "no-credentials");
    assert!(f.fixes[0].text.contains("xhr.withCredentials = false;"));
    assert!(
        f.summary.contains("send it without them")
            && f.summary
                .contains("If you do not run api.weather.example, that is the only fix"),
        "{}",
        f.summary
    );
    let own = suggest(&wildcard_credentials());
    assert_eq!(own[1].target, "no-credentials", "{:?}", own[0].target);
    assert_ne!(own[0].target, "no-credentials");
}

/// The response's own server names the framework (Werkzeug: Flask; WSGIServer … CPython:
/// Django's runserver; uvicorn: FastAPI; X-Runtime with Puma: Rails): its CORS package is the
/// first fix, and Express's middleware is not offered.
#[test]
fn the_framework_the_server_names_gets_its_own_fix() {
    let pre = "curl -i -X OPTIONS http://localhost:5000/api/items -H 'Origin: http://localhost:3000' -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type,x-api-key'\nHTTP/1.1 200 OK\n";
    for (headers, target, needle) in [
        (
            "Server: Werkzeug/3.0.1 Python/3.11.4\nAllow: OPTIONS, POST\n",
            "flask",
            "CORS(\n    app,\n    origins=[\"http://localhost:3000\"],",
        ),
        (
            "Server: WSGIServer/0.2 CPython/3.11.4\nVary: Accept, Cookie\n",
            "django",
            "CORS_ALLOW_HEADERS = (*default_headers, \"x-api-key\")",
        ),
        (
            "server: uvicorn\nallow: POST\n",
            "fastapi",
            "allow_origins=[\"http://localhost:3000\"]",
        ),
        (
            "Server: Puma 6.4\nX-Runtime: 0.002\nX-Request-Id: 1f2e\n",
            "rails",
            "origins \"http://localhost:3000\"",
        ),
        (
            "X-Powered-By: PHP/8.2.12\n",
            "php",
            "if (in_array($origin, $allowed, true)) {",
        ),
        (
            "X-Powered-By: Next.js\n",
            "nextjs",
            "export const config = { matcher: '/api/:path*' };",
        ),
    ] {
        let r = whycors::diagnose(
            &format!("{pre}{headers}Content-Length: 0\n"),
            &whycors::Options::default(),
        )
        .unwrap();
        let f = &r.findings[0];
        assert_eq!(f.fixes[0].target, target, "{headers}");
        assert!(f.fixes[0].text.contains(needle), "{}", f.fixes[0].text);
        assert!(
            f.fixes
                .iter()
                .all(|x| x.target != "express" && x.target != "frameworks"),
            "{headers}"
        );
    }
    // An unnamed server gets the common frameworks' settings, none of them singled out.
    let r = whycors::diagnose(
        &format!("{pre}Content-Length: 0\n"),
        &whycors::Options::default(),
    )
    .unwrap();
    let fixes = &r.findings[0].fixes;
    assert!(fixes.iter().all(|x| x.target != "express"), "{fixes:?}");
    let card = fixes.iter().find(|x| x.target == "frameworks").unwrap();
    for needle in [
        "app.use(cors({",
        "CORS_ALLOWED_ORIGINS = [",
        "app.add_middleware(CORSMiddleware",
        "CORS(app,",
        ".allowedOrigins(",
        ".WithOrigins(",
        "'allowed_origins' => [",
        "cors.New(cors.Options{",
        "Rack::Cors do",
    ] {
        assert!(card.text.contains(needle), "{needle}: {}", card.text);
    }
}

/// A console message about the actual response (biowasm/biowasm#76): the preflight, if the
/// request needed one, passed, so the headers to send have no preflight block; a failed
/// preflight's message keeps it.
#[test]
fn a_response_message_gets_no_preflight_block() {
    let generic = |text: &str| {
        let r = whycors::diagnose(text, &whycors::Options::default()).unwrap();
        let f = &r.findings[0];
        f.fixes
            .iter()
            .find(|x| x.target == "generic")
            .map(|x| x.text.clone())
            .unwrap_or_default()
    };
    let actual = generic("Access to fetch at 'http://localhost:8080/build/tn93.js' from origin 'http://localhost:5173' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(
        actual.contains("Access-Control-Allow-Origin: http://localhost:5173"),
        "{actual}"
    );
    assert!(!actual.contains("# Preflight: OPTIONS"), "{actual}");
    assert!(actual.contains("the preflight, if any, passed"), "{actual}");
    let preflight = generic("Access to fetch at 'http://localhost:8080/api' from origin 'http://localhost:5173' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(preflight.contains("# Preflight: OPTIONS"), "{preflight}");
}

/// A multi-line value put in a template keeps the placeholder's indentation on every line,
/// tabs included (caddymanager/caddymanager#53): Traefik's YAML stays valid, Caddy's block
/// stays tabbed, Flask's arguments stay aligned.
#[test]
fn multi_line_values_keep_their_indentation() {
    let fix = |text: &str, target: &str| {
        let r = whycors::diagnose(text, &whycors::Options::default()).unwrap();
        r.findings[0]
            .fixes
            .iter()
            .find(|f| f.target == target)
            .unwrap_or_else(|| panic!("no {target} fix: {:?}", r.findings[0].fixes))
            .text
            .clone()
    };
    let msg = "Access to fetch at 'https://api.acme.io/v1' from origin 'https://app.acme.io' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    let traefik = fix(
        &format!("We use Traefik in front of the API.\n{msg}"),
        "traefik",
    );
    let under: Vec<&str> = traefik
        .lines()
        .skip_while(|l| l.trim() != "headers:")
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with("routers:"))
        .collect();
    assert!(under.len() >= 4, "{traefik}");
    assert!(
        under
            .iter()
            .all(|l| l.starts_with("        ") && !l.starts_with("         ")),
        "{traefik}"
    );
    let caddy = fix(
        &format!("Caddyfile:\n\nreverse_proxy backend:3000\n\n{msg}"),
        "caddy",
    );
    assert!(
        caddy
            .lines()
            .filter(|l| l.trim_start().starts_with("Access-Control-"))
            .all(|l| l.starts_with("\t\t")),
        "{caddy}"
    );
    let flask = fix(&format!("My Flask app uses flask_cors.\n{msg}"), "flask");
    let args: Vec<&str> = flask
        .lines()
        .skip_while(|l| !l.starts_with("CORS("))
        .skip(1)
        .take_while(|l| *l != ")")
        .collect();
    assert!(args.len() >= 2, "{flask}");
    assert!(
        args.iter()
            .all(|l| l.starts_with("    ") && !l.starts_with("     ")),
        "{flask}"
    );
}

/// A stack the words name whose fix already leads (Socket.IO's, for its polling URL) stays
/// first (socketio/socket.io#3755): naming it again moved it behind the generic headers.
#[test]
fn a_named_stack_that_already_leads_stays_first() {
    let r = whycors::diagnose("\"Access to XMLHttpRequest at 'http://localhost:9091/socket.io/?EIO=3&transport=polling&t=NS0JxCX' from origin 'http://localhost:8080' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\"\n\nSocket.IO server version: `3.0.5`\n\n```js\nconst app = require('express')();\napp.use(cors());\nconst io = require(\"socket.io\")(http, { origins: [\"*\"] });\n```\n", &whycors::Options::default()).unwrap();
    let targets: Vec<&str> = r.findings[0]
        .fixes
        .iter()
        .map(|f| f.target.as_str())
        .collect();
    assert_eq!(targets.first(), Some(&"socket-io"), "{targets:?}");
    assert!(targets.contains(&"express"), "{targets:?}");
}

/// WordPress's REST API refusing a header (woocommerce/woocommerce#29116): the
/// `rest_allowed_cors_headers` filter with that header first, not WordPress's own list.
#[test]
fn wordpress_rest_api_header_gets_its_filter() {
    let r = whycors::diagnose("Access to XMLHttpRequest at 'https://shop.acme.io/wp-json/wc/store/cart/add-item' from origin 'http://localhost:3000' has been blocked by CORS policy: Request header field x-wc-store-api-nonce is not allowed by Access-Control-Allow-Headers in preflight response.\n", &whycors::Options::default()).unwrap();
    let f = &r.findings[0].fixes[0];
    assert_eq!(f.target, "wordpress");
    assert!(
        f.text.contains("add_filter( 'rest_allowed_cors_headers'"),
        "{}",
        f.text
    );
    assert!(
        f.text.contains("$headers[] = 'x-wc-store-api-nonce';"),
        "{}",
        f.text
    );
    assert!(!f.text.contains("$headers[] = 'x-wp-nonce';"), "{}", f.text);
    // Another API's refused header: no WordPress filter.
    let r = whycors::diagnose("Access to XMLHttpRequest at 'https://api.acme.io/cart' from origin 'http://localhost:3000' has been blocked by CORS policy: Request header field x-token is not allowed by Access-Control-Allow-Headers in preflight response.\n", &whycors::Options::default()).unwrap();
    assert!(r.findings[0].fixes.iter().all(|f| f.target != "wordpress"));
}

/// A header a library adds to every call (aws/aws-sdk-js-v3#1590's amz-sdk-invocation-id,
/// Sentry's sentry-trace): that library's option is the fix, first for another site's host,
/// after the headers to allow for one's own API; no Angular interceptor.
#[test]
fn a_library_added_header_gets_the_librarys_option() {
    let fixes = |text: &str| {
        whycors::diagnose(text, &whycors::Options::default())
            .unwrap()
            .findings[0]
            .fixes
            .clone()
    };
    let f = fixes("Access to fetch at 'https://connect.us-east-1.amazonaws.com/contact/attributes' from origin 'http://localhost:3000' has been blocked by CORS policy: Request header field amz-sdk-invocation-id is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    assert_eq!(f[0].target, "client");
    assert!(
        f[0].text.contains("AWS SDK for JavaScript v3"),
        "{}",
        f[0].text
    );
    assert!(!f[0].text.contains("HttpInterceptor"), "{}", f[0].text);
    let f = fixes("Access to fetch at 'https://api.weather.io/v1/now' from origin 'https://shop.acme.io' has been blocked by CORS policy: Request header field sentry-trace is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    assert_eq!(f[0].target, "client");
    assert!(
        f[0].text.contains("tracePropagationTargets"),
        "{}",
        f[0].text
    );
    let own = fixes("Access to fetch at 'https://api.acme.io/v1/now' from origin 'https://shop.acme.io' has been blocked by CORS policy: Request header field sentry-trace is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    assert_ne!(own[0].target, "client");
    assert_eq!(own[1].target, "client");
    // An ordinary header to one's own API: no library's option.
    let plain = fixes("Access to fetch at 'https://api.acme.io/v1/now' from origin 'https://shop.acme.io' has been blocked by CORS policy: Request header field x-tenant is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    assert!(plain.iter().all(|f| f.target != "client"), "{plain:?}");
}
