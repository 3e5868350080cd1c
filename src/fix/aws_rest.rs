//! AWS API Gateway REST API (v1): console, SAM, CloudFormation, Terraform,
//! CDK and OpenAPI fixes, all rendered from one plan.

use super::common::{comment, fill, lines, Vals};
use super::{lambda, servers, Fix};
use crate::cause::CauseKind;

/// What the REST API needs.
#[derive(Default)]
pub(crate) struct Plan {
    /// Add (or fix) the OPTIONS method with a MOCK integration.
    pub options: bool,
    /// The OPTIONS method must not run an authorizer or require an API key.
    pub options_no_auth: bool,
    /// Gateway Response types that get the CORS headers.
    pub responses: Vec<String>,
    /// Show the stage throttling settings.
    pub throttle: bool,
    /// Lines saying what the real problem is, shown first.
    pub problem: Vec<String>,
}

impl Plan {
    pub(crate) fn with_responses(specific: Option<&str>) -> Plan {
        let mut responses = Vec::new();
        if let Some(t) = specific {
            if t != "DEFAULT_4XX" && t != "DEFAULT_5XX" && t != "REQUEST_TOO_LARGE" {
                responses.push(t.to_string());
            }
        }
        responses.push("DEFAULT_4XX".to_string());
        responses.push("DEFAULT_5XX".to_string());
        Plan {
            responses,
            ..Plan::default()
        }
    }
}

/// Gateway Response types a fingerprint may name.
pub(crate) fn is_rest_response_type(name: &str) -> bool {
    matches!(
        name,
        "ACCESS_DENIED"
            | "API_CONFIGURATION_ERROR"
            | "AUTHORIZER_CONFIGURATION_ERROR"
            | "AUTHORIZER_FAILURE"
            | "BAD_REQUEST_PARAMETERS"
            | "BAD_REQUEST_BODY"
            | "DEFAULT_4XX"
            | "DEFAULT_5XX"
            | "EXPIRED_TOKEN"
            | "INTEGRATION_FAILURE"
            | "INTEGRATION_TIMEOUT"
            | "INVALID_API_KEY"
            | "INVALID_SIGNATURE"
            | "MISSING_AUTHENTICATION_TOKEN"
            | "QUOTA_EXCEEDED"
            | "REQUEST_TOO_LARGE"
            | "RESOURCE_NOT_FOUND"
            | "THROTTLED"
            | "UNAUTHORIZED"
            | "UNSUPPORTED_MEDIA_TYPE"
            | "WAF_FILTERED"
    )
}

const AUTH_TYPES: [&str; 7] = [
    "UNAUTHORIZED",
    "ACCESS_DENIED",
    "INVALID_API_KEY",
    "AUTHORIZER_FAILURE",
    "AUTHORIZER_CONFIGURATION_ERROR",
    "EXPIRED_TOKEN",
    "INVALID_SIGNATURE",
];

/// What a Gateway Response type means for the user, when it is the real problem.
fn problem_for(gr: &str, v: &Vals) -> Vec<String> {
    let s = |x: &str| vec![x.to_string()];
    match gr {
        "MISSING_AUTHENTICATION_TOKEN" => vec![
            format!(
                "Real problem: MISSING_AUTHENTICATION_TOKEN means no {} method matches {} in the deployed stage.",
                v.method, v.resource
            ),
            "Check the path, the method and the stage name in the URL, deploy the API if the method is new, and sign the call if the method uses AWS_IAM.".to_string(),
        ],
        "UNAUTHORIZED" => s("Real problem: the authorizer rejected the call (401): the token is missing, expired or for another audience."),
        "ACCESS_DENIED" => s("Real problem: the authorizer or the resource policy denied the call (403)."),
        "INVALID_API_KEY" => s("Real problem: the x-api-key header is missing or not in a usage plan of this stage (403)."),
        "EXPIRED_TOKEN" | "INVALID_SIGNATURE" => s("Real problem: the SigV4 signature is expired or wrong (403)."),
        "AUTHORIZER_FAILURE" | "AUTHORIZER_CONFIGURATION_ERROR" => s("Real problem: the Lambda authorizer failed or returned a malformed policy (500): see its CloudWatch logs."),
        "WAF_FILTERED" => s("Real problem: an AWS WAF rule on the stage blocked the call (403): see the web ACL's sampled requests."),
        "BAD_REQUEST_BODY" | "BAD_REQUEST_PARAMETERS" => s("Real problem: request validation failed (400): the body or a required parameter does not match the model."),
        "UNSUPPORTED_MEDIA_TYPE" => s("Real problem: the Content-Type has no matching mapping template (415)."),
        "RESOURCE_NOT_FOUND" => s("Real problem: no resource matches the path (404)."),
        "INTEGRATION_FAILURE" | "API_CONFIGURATION_ERROR" => s("Real problem: the integration failed (5xx): a Lambda proxy must return {statusCode, headers, body}; see its CloudWatch logs."),
        _ => Vec::new(),
    }
}

pub(crate) fn fixes(ctx: &super::FixContext, v: &Vals, cause: CauseKind) -> Vec<Fix> {
    let gr = ctx
        .gateway_response
        .as_deref()
        .map(|s| s.trim().to_ascii_uppercase());
    let gr = gr.as_deref();
    let status = ctx.status.unwrap_or(0);
    let cors_error = ctx.cors_error.as_deref().unwrap_or("");

    if gr == Some("REQUEST_TOO_LARGE") || (cause == CauseKind::GatewayError && status == 413) {
        return lambda::too_large(v, "API Gateway's 10 MB payload limit");
    }
    if cors_error == "PreflightDisallowedRedirect" || cause == CauseKind::Redirect {
        return servers::generic_fixes(ctx, v);
    }

    let throttled =
        matches!(gr, Some("THROTTLED") | Some("QUOTA_EXCEEDED")) || (gr.is_none() && status == 429);
    if throttled {
        let name = gr.unwrap_or("THROTTLED");
        let mut plan = Plan::with_responses(Some(name));
        plan.throttle = true;
        plan.problem = vec![
            format!("Real problem: API Gateway refused the call with 429 {name}: the rate, burst or quota was exceeded."),
            "Raise the limit (usage plan or stage throttling) and retry with backoff; the CORS headers on the 429 only let the page see it.".to_string(),
        ];
        let mut out = rest_set(v, &plan);
        out.push(servers::client_retry(v));
        return out;
    }

    let timeout = gr == Some("INTEGRATION_TIMEOUT")
        || (gr.is_none() && cause == CauseKind::GatewayError && status == 504);
    if timeout {
        let mut out = lambda::async_job(v, "29 s");
        let mut plan = Plan::with_responses(Some("INTEGRATION_TIMEOUT"));
        plan.problem = vec!["Real problem: the integration ran longer than API Gateway's 29 s timeout (504 INTEGRATION_TIMEOUT): make the work asynchronous.".to_string()];
        out.extend(rest_set(v, &plan));
        return out;
    }

    if gr == Some("WAF_FILTERED") {
        let mut out = vec![super::products::aws_waf(v)];
        let mut plan = Plan::with_responses(Some("WAF_FILTERED"));
        plan.options = v.preflight;
        plan.problem = problem_for("WAF_FILTERED", v);
        out.extend(rest_set(v, &plan));
        return out;
    }

    if v.preflight
        && (cause == CauseKind::PreflightMissing || gr == Some("MISSING_AUTHENTICATION_TOKEN"))
    {
        let mut plan = Plan::with_responses(None);
        plan.options = true;
        plan.problem = vec![format!(
            "Real problem: no OPTIONS method on {} (API Gateway answers 403 Missing Authentication Token): add one with a MOCK integration, then deploy.",
            v.resource
        )];
        if gr == Some("MISSING_AUTHENTICATION_TOKEN") {
            plan.problem.push(format!(
                "API Gateway gives the same answer for a path or stage it does not have: if {} is not a resource of the API (a typo, a stage name missing from the URL), correct the URL instead.",
                v.resource
            ));
        }
        return rest_set(v, &plan);
    }

    let auth_on_preflight = v.preflight
        && (gr.is_some_and(|g| AUTH_TYPES.contains(&g))
            || (gr.is_none() && (status == 401 || status == 403)));
    if auth_on_preflight {
        let mut plan = Plan::with_responses(gr.filter(|g| *g != "ACCESS_DENIED"));
        plan.options = true;
        plan.options_no_auth = true;
        plan.problem = vec![format!(
            "Real problem: the OPTIONS method on {} runs an authorizer or requires an API key ({}): preflights never carry Authorization, cookies or x-api-key.",
            v.resource,
            gr.map(str::to_string).unwrap_or_else(|| status.to_string())
        ), "Give OPTIONS authorization NONE and apiKeyRequired false.".to_string()];
        return rest_set(v, &plan);
    }

    match cause {
        CauseKind::PreflightMissing | CauseKind::PreflightFailed => {
            let mut out = Vec::new();
            if status >= 500 {
                // OPTIONS reached the proxy integration, which failed on it.
                out.push(lambda::node(v, &[]));
                out.push(lambda::python(v, &[]));
            }
            let mut plan = Plan::with_responses(gr);
            plan.options = true;
            plan.options_no_auth = true;
            if let Some(g) = gr {
                plan.problem = problem_for(g, v);
            }
            out.extend(rest_set(v, &plan));
            out
        }
        CauseKind::HeaderMismatch => {
            let notes = servers::cause_notes(ctx, v);
            let mut out = Vec::new();
            let mut plan = Plan::with_responses(None);
            plan.problem = notes.clone();
            if v.preflight {
                plan.options = true;
                out.extend(rest_set(v, &plan));
                out.push(lambda::node(v, &notes));
            } else {
                out.push(lambda::node(v, &notes));
                out.push(lambda::python(v, &notes));
                out.extend(rest_set(v, &plan));
            }
            if v.method_case_differs() {
                out.insert(0, servers::client_method_case(v));
            }
            out
        }
        CauseKind::HeaderNotExposed => {
            let notes = servers::cause_notes(ctx, v);
            vec![
                lambda::node(v, &notes),
                lambda::python(v, &notes),
                expose_console(v),
                servers::generic_headers(ctx, v),
            ]
        }
        CauseKind::ResponseMissingCors => {
            let notes = servers::cause_notes(ctx, v);
            let mut out = vec![lambda::node(v, &notes), lambda::python(v, &notes)];
            let mut plan = Plan::with_responses(gr);
            plan.problem = vec!["A Lambda proxy integration passes its response through unchanged: the function must add the CORS headers itself (above); the Gateway Responses below cover API Gateway's own errors.".to_string()];
            out.extend(rest_set(v, &plan));
            out
        }
        CauseKind::GatewayError => {
            let mut out = Vec::new();
            let mut plan = Plan::with_responses(gr);
            if let Some(g) = gr {
                plan.problem = problem_for(g, v);
            }
            if status == 502
                || matches!(
                    gr,
                    Some("INTEGRATION_FAILURE") | Some("API_CONFIGURATION_ERROR")
                )
            {
                if plan.problem.is_empty() {
                    plan.problem = problem_for("INTEGRATION_FAILURE", v);
                }
                out.push(lambda::node(v, &plan.problem));
                out.push(lambda::python(v, &plan.problem));
            }
            out.extend(rest_set(v, &plan));
            out
        }
        _ => servers::generic_fixes(ctx, v),
    }
}

/// The six REST renderings of a plan.
pub(crate) fn rest_set(v: &Vals, plan: &Plan) -> Vec<Fix> {
    vec![
        console(v, plan),
        sam(v, plan),
        cloudformation(v, plan),
        terraform(v, plan),
        cdk(v, plan),
        openapi(v, plan),
    ]
}

/// Header name → static value (already single-quoted for API Gateway).
fn gateway_headers(v: &Vals) -> Vec<(String, String)> {
    let mut h = vec![(
        "Access-Control-Allow-Origin".to_string(),
        format!("'{}'", v.origin),
    )];
    if v.credentials {
        h.push((
            "Access-Control-Allow-Credentials".to_string(),
            "'true'".to_string(),
        ));
    }
    if !v.expose.is_empty() {
        h.push((
            "Access-Control-Expose-Headers".to_string(),
            format!("'{}'", v.expose_csv()),
        ));
    }
    h
}

/// Headers of the OPTIONS mock response.
fn preflight_headers(v: &Vals) -> Vec<(String, String)> {
    let mut h = vec![
        (
            "Access-Control-Allow-Origin".to_string(),
            format!("'{}'", v.origin),
        ),
        (
            "Access-Control-Allow-Methods".to_string(),
            format!("'{}'", v.methods_csv()),
        ),
        (
            "Access-Control-Allow-Headers".to_string(),
            format!("'{}'", v.headers_csv()),
        ),
    ];
    if v.credentials {
        h.push((
            "Access-Control-Allow-Credentials".to_string(),
            "'true'".to_string(),
        ));
    }
    h.push(("Access-Control-Max-Age".to_string(), "'600'".to_string()));
    h
}

fn title(plan: &Plan, tool: &str) -> String {
    let what = match (plan.options, plan.options_no_auth, plan.throttle) {
        (true, true, _) => "OPTIONS method without auth + CORS on gateway errors",
        (true, false, _) => "OPTIONS mock method + CORS on gateway errors",
        (false, _, true) => "raise throttling + CORS on the 429",
        _ => "CORS headers on API Gateway's own errors",
    };
    format!("{tool}: {what}")
}

fn console(v: &Vals, plan: &Plan) -> Fix {
    let mut steps: Vec<String> = Vec::new();
    if plan.throttle {
        steps.push(format!(
            "Raise the limit that fired. Usage plans → the plan of this API key → Edit: Throttling (rate, burst) and Quota. Or Stages → {} → Edit → Throttling: raise Rate and Burst (Method overrides for one method). The account limit (10,000 requests/s per Region by default) is raised in Service Quotas.",
            v.stage_name()
        ));
    }
    if plan.options {
        steps.push(format!(
            "Resources → select {} → Enable CORS: tick DEFAULT 4XX and DEFAULT 5XX; Access-Control-Allow-Methods: {}; Access-Control-Allow-Headers: {}; Access-Control-Allow-Origin: {} → Save. This adds OPTIONS with a MOCK integration on this resource only: it is not recursive, repeat it on every resource the page calls.",
            v.resource,
            v.methods.join(", "),
            v.headers_csv(),
            v.origin
        ));
        if v.credentials {
            steps.push("OPTIONS → Method response 200 → add header Access-Control-Allow-Credentials; Integration response 200 → Header mappings: Access-Control-Allow-Credentials = 'true' → Save.".to_string());
        }
    }
    if plan.options_no_auth {
        steps.push(format!(
            "Resources → {} → OPTIONS → Method request → Edit: Authorization NONE, API key required off → Save.",
            v.resource
        ));
    }
    let hdrs = gateway_headers(v)
        .iter()
        .map(|(n, val)| format!("{n} = {val}"))
        .collect::<Vec<_>>()
        .join(", ");
    steps.push(format!(
        "Gateway responses → {} (each) → Edit → Response headers: {} (single quotes included) → Save.",
        plan.responses.join(", "),
        hdrs
    ));
    steps.push(format!(
        "Resources → Deploy API → Stage: {} → Deploy. Nothing above is live until the API is deployed to the stage.",
        v.stage_name()
    ));
    let numbered = steps
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {}", i + 1, s))
        .collect::<Vec<_>>()
        .join("\n");
    let text = lines(&[
        comment("#", &plan.problem),
        v.origin_note("#"),
        format!(
            "API Gateway console → APIs → the REST API serving {}",
            v.host
        ),
        numbered,
    ]);
    Fix {
        target: "rest-api-console".to_string(),
        title: title(plan, "Console"),
        text,
    }
}

fn yaml_map(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(n, val)| format!("{n}: \"{val}\""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn sam(v: &Vals, plan: &Plan) -> Fix {
    let mut cors = vec![
        format!("AllowOrigin: \"'{}'\"", v.origin),
        format!("AllowMethods: \"'{}'\"", v.methods_csv()),
        format!("AllowHeaders: \"'{}'\"", v.headers_csv()),
    ];
    if v.credentials {
        cors.push("AllowCredentials: true".to_string());
    }
    cors.push("MaxAge: \"'600'\"".to_string());
    let auth = if plan.options_no_auth {
        "Auth:\n  DefaultAuthorizer: MyAuthorizer          # your existing authorizer\n  AddDefaultAuthorizerToCorsPreflight: false\n  AddApiKeyRequiredToCorsPreflight: false".to_string()
    } else {
        String::new()
    };
    let responses = plan
        .responses
        .iter()
        .map(|t| {
            format!(
                "{t}:\n  ResponseParameters:\n    Headers:\n{}",
                indent(&yaml_map(&gateway_headers(v)), 6)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let throttle = if plan.throttle {
        "MethodSettings:\n  - ResourcePath: \"/*\"\n    HttpMethod: \"*\"\n    ThrottlingRateLimit: 500      # requests per second: size to your real traffic\n    ThrottlingBurstLimit: 1000".to_string()
    } else {
        String::new()
    };
    let text = fill(
        "# template.yaml (AWS SAM)
@@PROBLEM@@
@@NOTE@@
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: @@STAGE@@
      AlwaysDeploy: true          # redeploy the stage on every sam deploy
      Cors:                       # SAM adds OPTIONS (MOCK) to every path of the API's events
        @@CORS@@
      @@AUTH@@
      GatewayResponses:           # API Gateway's own errors carry CORS headers too
        @@RESPONSES@@
      @@THROTTLE@@",
        &[
            ("PROBLEM", comment("#", &plan.problem)),
            ("NOTE", v.origin_note("#")),
            ("STAGE", v.stage_name()),
            ("CORS", cors.join("\n")),
            ("AUTH", auth),
            ("RESPONSES", responses),
            ("THROTTLE", throttle),
        ],
    );
    Fix {
        target: "sam".to_string(),
        title: title(plan, "SAM"),
        text,
    }
}

fn indent(s: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    s.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn cfn_id(t: &str) -> String {
    t.split('_')
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<String>()
}

fn cloudformation(v: &Vals, plan: &Plan) -> Fix {
    let mut parts: Vec<String> = Vec::new();
    for t in &plan.responses {
        parts.push(format!(
            "GatewayResponse{id}:\n  Type: AWS::ApiGateway::GatewayResponse\n  Properties:\n    RestApiId: !Ref Api\n    ResponseType: {t}\n    ResponseParameters:\n{hdrs}",
            id = cfn_id(t),
            hdrs = indent(
                &gateway_headers(v)
                    .iter()
                    .map(|(n, val)| format!("gatewayresponse.header.{n}: \"{val}\""))
                    .collect::<Vec<_>>()
                    .join("\n"),
                6
            )
        ));
    }
    let mut depends = Vec::new();
    if plan.options {
        let ph = preflight_headers(v);
        let mapped = ph
            .iter()
            .map(|(n, val)| format!("method.response.header.{n}: \"{val}\""))
            .collect::<Vec<_>>()
            .join("\n");
        let declared = ph
            .iter()
            .map(|(n, _)| format!("method.response.header.{n}: true"))
            .collect::<Vec<_>>()
            .join("\n");
        parts.push(fill(
            "OptionsMethod:                      # OPTIONS on @@RESOURCE@@ (one per resource: not recursive)
  Type: AWS::ApiGateway::Method
  Properties:
    RestApiId: !Ref Api
    ResourceId: !Ref Resource           # the AWS::ApiGateway::Resource of @@RESOURCE@@
    HttpMethod: OPTIONS
    AuthorizationType: NONE
    ApiKeyRequired: false
    Integration:
      Type: MOCK
      RequestTemplates:
        application/json: '{\"statusCode\": 200}'
      IntegrationResponses:
        - StatusCode: \"200\"
          ResponseParameters:
            @@MAPPED@@
          ResponseTemplates:
            application/json: ''
    MethodResponses:
      - StatusCode: \"200\"
        ResponseParameters:
          @@DECLARED@@",
            &[
                ("RESOURCE", v.resource.clone()),
                ("MAPPED", mapped),
                ("DECLARED", declared),
            ],
        ));
        depends.push("OptionsMethod".to_string());
    }
    for t in &plan.responses {
        depends.push(format!("GatewayResponse{}", cfn_id(t)));
    }
    let throttle = if plan.throttle {
        "\n    StageDescription:\n      ThrottlingRateLimit: 500        # requests per second: size to your real traffic\n      ThrottlingBurstLimit: 1000"
    } else {
        ""
    };
    parts.push(format!(
        "# CloudFormation redeploys only when the Deployment's logical id changes: rename it (e.g. a date suffix) on every change.\nApiDeployment20250101:\n  Type: AWS::ApiGateway::Deployment\n  DependsOn: [{}]\n  Properties:\n    RestApiId: !Ref Api\n    StageName: {}{}",
        depends.join(", "),
        v.stage_name(),
        throttle
    ));
    let text = lines(&[
        "# CloudFormation: under Resources:".to_string(),
        comment("#", &plan.problem),
        v.origin_note("#"),
        parts.join("\n\n"),
    ]);
    Fix {
        target: "cloudformation".to_string(),
        title: title(plan, "CloudFormation"),
        text,
    }
}

fn hcl_map(pairs: &[(String, String)], prefix: &str) -> String {
    pairs
        .iter()
        .map(|(n, val)| format!("\"{prefix}{n}\" = \"{val}\""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn terraform(v: &Vals, plan: &Plan) -> Fix {
    let mut parts: Vec<String> = Vec::new();
    let mut triggers: Vec<String> = Vec::new();
    for t in &plan.responses {
        let id = t.to_ascii_lowercase();
        parts.push(format!(
            "resource \"aws_api_gateway_gateway_response\" \"{id}\" {{\n  rest_api_id   = aws_api_gateway_rest_api.api.id\n  response_type = \"{t}\"\n  response_parameters = {{\n{}\n  }}\n}}",
            indent(&hcl_map(&gateway_headers(v), "gatewayresponse.header."), 4)
        ));
        triggers.push(format!("aws_api_gateway_gateway_response.{id}"));
    }
    if plan.options {
        let ph = preflight_headers(v);
        let declared = ph
            .iter()
            .map(|(n, _)| format!("\"method.response.header.{n}\" = true"))
            .collect::<Vec<_>>()
            .join("\n");
        parts.push(fill(
            "# OPTIONS on @@RESOURCE@@ (one per resource: not recursive)
resource \"aws_api_gateway_method\" \"options\" {
  rest_api_id      = aws_api_gateway_rest_api.api.id
  resource_id      = aws_api_gateway_resource.this.id   # the resource of @@RESOURCE@@
  http_method      = \"OPTIONS\"
  authorization    = \"NONE\"
  api_key_required = false
}

resource \"aws_api_gateway_integration\" \"options\" {
  rest_api_id       = aws_api_gateway_rest_api.api.id
  resource_id       = aws_api_gateway_method.options.resource_id
  http_method       = aws_api_gateway_method.options.http_method
  type              = \"MOCK\"
  request_templates = { \"application/json\" = jsonencode({ statusCode = 200 }) }
}

resource \"aws_api_gateway_method_response\" \"options_200\" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_method.options.resource_id
  http_method = aws_api_gateway_method.options.http_method
  status_code = \"200\"
  response_parameters = {
    @@DECLARED@@
  }
}

resource \"aws_api_gateway_integration_response\" \"options_200\" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_method.options.resource_id
  http_method = aws_api_gateway_method.options.http_method
  status_code = aws_api_gateway_method_response.options_200.status_code
  response_parameters = {
    @@MAPPED@@
  }
  depends_on = [aws_api_gateway_integration.options]
}",
            &[
                ("RESOURCE", v.resource.clone()),
                ("DECLARED", declared),
                ("MAPPED", hcl_map(&ph, "method.response.header.")),
            ],
        ));
        triggers.push("aws_api_gateway_method.options".to_string());
        triggers.push("aws_api_gateway_integration.options".to_string());
        triggers.push("aws_api_gateway_integration_response.options_200".to_string());
    }
    parts.push(format!(
        "# Changes are live only after a new deployment: redeploy whenever these change.\nresource \"aws_api_gateway_deployment\" \"api\" {{\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  triggers = {{\n    redeployment = sha1(jsonencode([\n{}\n    ]))\n  }}\n  lifecycle {{\n    create_before_destroy = true\n  }}\n}}",
        triggers
            .iter()
            .map(|t| format!("      {t},"))
            .collect::<Vec<_>>()
            .join("\n")
    ));
    if plan.throttle {
        parts.push(format!(
            "resource \"aws_api_gateway_method_settings\" \"all\" {{\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = \"{}\"\n  method_path = \"*/*\"\n  settings {{\n    throttling_rate_limit  = 500    # requests per second: size to your real traffic\n    throttling_burst_limit = 1000\n  }}\n}}",
            v.stage_name()
        ));
    }
    let text = lines(&[
        comment("#", &plan.problem),
        v.origin_note("#"),
        parts.join("\n\n"),
    ]);
    Fix {
        target: "terraform".to_string(),
        title: title(plan, "Terraform"),
        text,
    }
}

fn cdk(v: &Vals, plan: &Plan) -> Fix {
    let mut opts = vec![
        format!("allowOrigins: ['{}'],", v.origin),
        format!("allowMethods: [{}],", Vals::js_list(&v.methods)),
        format!("allowHeaders: [{}],", Vals::js_list(&v.headers)),
    ];
    if v.credentials {
        opts.push("allowCredentials: true,".to_string());
    }
    opts.push("maxAge: Duration.minutes(10),".to_string());
    let cors = if plan.options {
        fill(
            "defaultCorsPreflightOptions: {   // OPTIONS (MOCK) on every resource of the API
  @@OPTS@@
},",
            &[("OPTS", opts.join("\n"))],
        )
    } else {
        String::new()
    };
    let noauth = if plan.options_no_auth {
        "// aws-cdk-lib (since Oct 2022) creates these OPTIONS methods with AuthorizationType.NONE even with\n// defaultMethodOptions; an OPTIONS method you add yourself needs\n// { authorizationType: apigateway.AuthorizationType.NONE, apiKeyRequired: false }.".to_string()
    } else {
        String::new()
    };
    let deploy = if plan.throttle {
        format!(
            "deployOptions: {{\n  stageName: '{}',\n  throttlingRateLimit: 500,    // requests per second: size to your real traffic\n  throttlingBurstLimit: 1000,\n}},",
            v.stage_name()
        )
    } else {
        String::new()
    };
    let hdrs = gateway_headers(v)
        .iter()
        .map(|(n, val)| format!("'{n}': \"{val}\","))
        .collect::<Vec<_>>()
        .join("\n");
    let responses = plan
        .responses
        .iter()
        .map(|t| {
            format!(
                "api.addGatewayResponse('{}', {{\n  type: apigateway.ResponseType.{t},\n  responseHeaders: {{\n{}\n  }},\n}});",
                cfn_id(t),
                indent(&hdrs, 4)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let text = fill(
        "// CDK (TypeScript)
@@PROBLEM@@
@@NOTE@@
import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

const api = new apigateway.RestApi(this, 'Api', {
  @@CORS@@
  @@DEPLOY@@
});
@@NOAUTH@@

// API Gateway's own errors carry CORS headers too
@@RESPONSES@@
// cdk deploy creates a new deployment of the stage when the API changes.",
        &[
            ("PROBLEM", comment("//", &plan.problem)),
            ("NOTE", v.origin_note("//")),
            ("CORS", cors),
            ("DEPLOY", deploy),
            ("NOAUTH", noauth),
            ("RESPONSES", responses),
        ],
    );
    Fix {
        target: "cdk".to_string(),
        title: title(plan, "CDK"),
        text,
    }
}

fn openapi(v: &Vals, plan: &Plan) -> Fix {
    let hdrs = gateway_headers(v)
        .iter()
        .map(|(n, val)| format!("gatewayresponse.header.{n}: \"{val}\""))
        .collect::<Vec<_>>()
        .join("\n");
    let responses = plan
        .responses
        .iter()
        .map(|t| format!("{t}:\n  responseParameters:\n{}", indent(&hdrs, 4)))
        .collect::<Vec<_>>()
        .join("\n");
    let options = if plan.options {
        let ph = preflight_headers(v);
        let declared = ph
            .iter()
            .map(|(n, _)| format!("{n}:\n  schema:\n    type: string"))
            .collect::<Vec<_>>()
            .join("\n");
        let mapped = ph
            .iter()
            .map(|(n, val)| format!("method.response.header.{n}: \"{val}\""))
            .collect::<Vec<_>>()
            .join("\n");
        fill(
            "paths:
  @@RESOURCE@@:
    options:
      summary: CORS preflight
      security: []                # no authorizer, no API key on the preflight
      responses:
        \"200\":
          description: CORS preflight
          headers:
            @@DECLARED@@
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{\"statusCode\": 200}'
        responses:
          default:
            statusCode: \"200\"
            responseParameters:
              @@MAPPED@@",
            &[
                ("RESOURCE", v.resource.clone()),
                ("DECLARED", declared),
                ("MAPPED", mapped),
            ],
        )
    } else {
        String::new()
    };
    let text = fill(
        "# OpenAPI 3 definition imported into API Gateway
@@PROBLEM@@
@@NOTE@@
x-amazon-apigateway-gateway-responses:
  @@RESPONSES@@
@@OPTIONS@@
# Import with mode overwrite, then deploy the stage @@STAGE@@: changes are live only after deployment.",
        &[
            ("PROBLEM", comment("#", &plan.problem)),
            ("NOTE", v.origin_note("#")),
            ("RESPONSES", responses),
            ("OPTIONS", options),
            ("STAGE", v.stage_name()),
        ],
    );
    Fix {
        target: "openapi".to_string(),
        title: title(plan, "OpenAPI"),
        text,
    }
}

/// Expose headers for a non-proxy integration.
fn expose_console(v: &Vals) -> Fix {
    let text = lines(&[
        v.origin_note("#"),
        format!(
            "# Non-proxy integration: the page at {} reads {} from {} {}.",
            v.origin,
            v.expose.join(", "),
            v.method.to_ascii_uppercase(),
            v.resource
        ),
        format!(
            "1. Resources → {} → {} → Method response → 200 → add header Access-Control-Expose-Headers → Save.",
            v.resource,
            v.method.to_ascii_uppercase()
        ),
        format!(
            "2. Integration response → 200 → Header mappings: Access-Control-Expose-Headers = '{}' → Save.",
            v.expose_csv()
        ),
        format!(
            "3. Deploy API → Stage: {} → Deploy. Nothing is live until the API is deployed.",
            v.stage_name()
        ),
    ]);
    Fix {
        target: "rest-api-console".to_string(),
        title: "Console: expose the headers the page reads".to_string(),
        text,
    }
}
