//! AWS API Gateway HTTP API (v2): CORS configuration in SAM, Terraform and
//! CDK, and the `$default` / ANY-route authorizer pitfall.

use super::common::{comment, fill, Vals};
use super::{lambda, servers, Fix, FixContext};
use crate::cause::CauseKind;

struct Plan {
    /// Add an unauthenticated `OPTIONS /{proxy+}` route.
    options_route: bool,
    /// Show route throttling.
    throttle: bool,
    problem: Vec<String>,
}

const BACKEND_NOTE: &str = "With CORS configuration set, API Gateway answers OPTIONS itself and ignores CORS headers sent by the backend.";

pub(crate) fn fixes(ctx: &FixContext, v: &Vals, cause: CauseKind) -> Vec<Fix> {
    let status = ctx.status.unwrap_or(0);
    let mut plan = Plan {
        options_route: false,
        throttle: false,
        problem: Vec::new(),
    };
    let mut out = Vec::new();
    match cause {
        CauseKind::Redirect => return servers::generic_fixes(ctx, v),
        CauseKind::PreflightFailed if status == 401 || status == 403 => {
            plan.options_route = true;
            plan.problem = vec![
                format!("Real problem: OPTIONS {} is caught by the $default (or ANY) route and its authorizer ({status}): preflights carry no token.", v.resource),
                "Add an OPTIONS /{proxy+} route without authorization (it takes precedence over $default) and set CORS configuration on the API.".to_string(),
            ];
        }
        // The status hidden: on an HTTP API, a preflight that fails is most often caught by an
        // ANY or $default route's authorizer; else no CORS configuration answers it.
        CauseKind::PreflightFailed if status == 0 => {
            plan.options_route = true;
            plan.problem = vec![
                format!("Real problem: OPTIONS {} got no 2xx: an ANY /{{proxy+}} or $default route with an authorizer catches it (preflights carry no token), or the API has no CORS configuration to answer it.", v.resource),
                "Set CORS configuration on the API, and add an OPTIONS /{proxy+} route without authorization (it takes precedence over ANY and $default).".to_string(),
            ];
        }
        CauseKind::PreflightMissing | CauseKind::PreflightFailed => {
            plan.options_route = status == 401 || status == 403;
            plan.problem = vec![format!(
                "Real problem: nothing answers OPTIONS {} ({}): set CORS configuration on the API so API Gateway answers the preflight itself.",
                v.resource,
                if status == 0 { "no answer".to_string() } else { status.to_string() }
            )];
        }
        CauseKind::GatewayError if status == 429 => {
            plan.throttle = true;
            plan.problem = vec!["Real problem: API Gateway throttled the call (429 Too Many Requests): raise the stage/route throttling limits and retry with backoff.".to_string()];
        }
        CauseKind::GatewayError if status == 503 || status == 504 => {
            out.extend(lambda::async_job(v, "about 30 s"));
            plan.problem = vec!["Real problem: the integration ran past the HTTP API's ~30 s timeout (503 Service Unavailable): make the work asynchronous.".to_string()];
        }
        CauseKind::GatewayError if status == 401 => {
            plan.problem = vec!["Real problem: the JWT/Lambda authorizer rejected the token (401): check the token's issuer, audience and expiry.".to_string()];
        }
        CauseKind::GatewayError if status == 404 => {
            plan.problem = vec![format!("Real problem: no route matches {} {} (404 Not Found): check the path, the method and the stage.", v.method.to_ascii_uppercase(), v.resource)];
        }
        CauseKind::GatewayError => {
            plan.problem = vec!["Real problem: API Gateway generated this error itself: see the access log's $context.error.message.".to_string()];
        }
        CauseKind::ResponseMissingCors => {
            let notes = servers::cause_notes(ctx, v);
            out.push(lambda::node(v, &notes));
            out.push(lambda::python(v, &notes));
            plan.problem = vec!["Or let API Gateway add the headers to every response: CORS configuration on the API.".to_string()];
        }
        CauseKind::HeaderMismatch | CauseKind::HeaderNotExposed => {
            plan.problem = servers::cause_notes(ctx, v);
        }
        _ => return servers::generic_fixes(ctx, v),
    }
    plan.problem.push(BACKEND_NOTE.to_string());
    if v.credentials {
        plan.problem.push("allowCredentials with a wildcard origin is rejected at deploy: list the exact origins.".to_string());
    }
    let mut set = vec![sam(v, &plan), terraform(v, &plan), cdk(v, &plan)];
    set.append(&mut out);
    if cause == CauseKind::HeaderMismatch && v.method_case_differs() {
        set.insert(0, servers::client_method_case(v));
    }
    if plan.throttle {
        set.push(servers::client_retry(v));
    }
    set
}

fn sam(v: &Vals, plan: &Plan) -> Fix {
    let mut cors = vec![
        format!("AllowOrigins:\n  - \"{}\"", v.origin),
        format!(
            "AllowMethods:\n{}",
            v.methods
                .iter()
                .map(|m| format!("  - {m}"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        format!(
            "AllowHeaders:\n{}",
            v.headers
                .iter()
                .map(|m| format!("  - {m}"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    ];
    if !v.expose.is_empty() {
        cors.push(format!(
            "ExposeHeaders:\n{}",
            v.expose
                .iter()
                .map(|m| format!("  - {m}"))
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    if v.credentials {
        cors.push("AllowCredentials: true".to_string());
    }
    cors.push("MaxAge: 600".to_string());
    let throttle = if plan.throttle {
        "DefaultRouteSettings:\n  ThrottlingRateLimit: 500     # requests per second: size to your real traffic\n  ThrottlingBurstLimit: 1000".to_string()
    } else {
        String::new()
    };
    let route = if plan.options_route {
        "\n  ApiFunction:                     # the function behind $default\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        Preflight:\n          Type: HttpApi\n          Properties:\n            ApiId: !Ref HttpApi\n            Path: /{proxy+}\n            Method: OPTIONS\n            Auth:\n              Authorizer: NONE      # no authorizer on the preflight".to_string()
    } else {
        String::new()
    };
    let text = fill(
        "# template.yaml (AWS SAM, HTTP API)
@@PROBLEM@@
@@NOTE@@
Resources:
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration:
        @@CORS@@
      @@THROTTLE@@
@@ROUTE@@",
        &[
            ("PROBLEM", comment("#", &plan.problem)),
            ("NOTE", v.origin_note("#")),
            ("CORS", cors.join("\n")),
            ("THROTTLE", throttle),
            ("ROUTE", route),
        ],
    );
    Fix {
        target: "http-api-sam".to_string(),
        title: if plan.options_route {
            "SAM: CorsConfiguration + unauthenticated OPTIONS /{proxy+}".to_string()
        } else {
            "SAM: CorsConfiguration on the HTTP API".to_string()
        },
        text,
    }
}

fn terraform(v: &Vals, plan: &Plan) -> Fix {
    let mut cors = vec![
        format!("allow_origins     = [\"{}\"]", v.origin),
        format!("allow_methods     = [{}]", Vals::dq_list(&v.methods)),
        format!("allow_headers     = [{}]", Vals::dq_list(&v.headers)),
    ];
    if !v.expose.is_empty() {
        cors.push(format!(
            "expose_headers    = [{}]",
            Vals::dq_list(&v.expose)
        ));
    }
    if v.credentials {
        cors.push("allow_credentials = true".to_string());
    }
    cors.push("max_age           = 600".to_string());
    let route = if plan.options_route {
        "\n# Takes precedence over $default, so its authorizer never sees the preflight.\nresource \"aws_apigatewayv2_route\" \"preflight\" {\n  api_id             = aws_apigatewayv2_api.api.id\n  route_key          = \"OPTIONS /{proxy+}\"\n  authorization_type = \"NONE\"\n  target             = \"integrations/${aws_apigatewayv2_integration.app.id}\"\n}".to_string()
    } else {
        String::new()
    };
    let throttle = if plan.throttle {
        "\nresource \"aws_apigatewayv2_stage\" \"default\" {\n  api_id      = aws_apigatewayv2_api.api.id\n  name        = \"$default\"\n  auto_deploy = true\n  default_route_settings {\n    throttling_rate_limit  = 500    # requests per second: size to your real traffic\n    throttling_burst_limit = 1000\n  }\n}".to_string()
    } else {
        String::new()
    };
    let text = fill(
        "@@PROBLEM@@
@@NOTE@@
resource \"aws_apigatewayv2_api\" \"api\" {
  name          = \"api\"
  protocol_type = \"HTTP\"
  cors_configuration {
    @@CORS@@
  }
}
@@ROUTE@@
@@THROTTLE@@",
        &[
            ("PROBLEM", comment("#", &plan.problem)),
            ("NOTE", v.origin_note("#")),
            ("CORS", cors.join("\n")),
            ("ROUTE", route),
            ("THROTTLE", throttle),
        ],
    );
    Fix {
        target: "http-api-terraform".to_string(),
        title: if plan.options_route {
            "Terraform: cors_configuration + unauthenticated OPTIONS /{proxy+}".to_string()
        } else {
            "Terraform: cors_configuration on aws_apigatewayv2_api".to_string()
        },
        text,
    }
}

fn cdk_method(m: &str) -> String {
    match m {
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" => {
            format!("apigwv2.CorsHttpMethod.{m}")
        }
        // CorsHttpMethod has only upper-case members: send the upper-case method from the page.
        other => format!("apigwv2.CorsHttpMethod.{}", other.to_ascii_uppercase()),
    }
}

fn cdk(v: &Vals, plan: &Plan) -> Fix {
    let mut methods: Vec<String> = Vec::new();
    for m in &v.methods {
        let c = cdk_method(m);
        if !methods.contains(&c) {
            methods.push(c);
        }
    }
    let mut cors = vec![
        format!("allowOrigins: ['{}'],", v.origin),
        format!("allowMethods: [{}],", methods.join(", ")),
        format!("allowHeaders: [{}],", Vals::js_list(&v.headers)),
    ];
    if !v.expose.is_empty() {
        cors.push(format!("exposeHeaders: [{}],", Vals::js_list(&v.expose)));
    }
    if v.credentials {
        cors.push("allowCredentials: true,".to_string());
    }
    cors.push("maxAge: Duration.minutes(10),".to_string());
    let route = if plan.options_route {
        "\n// Takes precedence over $default, so its authorizer never sees the preflight.\nhttpApi.addRoutes({\n  path: '/{proxy+}',\n  methods: [apigwv2.HttpMethod.OPTIONS],\n  integration: new HttpLambdaIntegration('Preflight', fn),   // your function\n  authorizer: new apigwv2.HttpNoneAuthorizer(),\n});".to_string()
    } else {
        String::new()
    };
    let import = if plan.options_route {
        "import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';"
            .to_string()
    } else {
        String::new()
    };
    let text = fill(
        "// CDK (TypeScript)
@@PROBLEM@@
@@NOTE@@
import { Duration } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
@@IMPORT@@

const httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
  corsPreflight: {
    @@CORS@@
  },
});
@@ROUTE@@",
        &[
            ("PROBLEM", comment("//", &plan.problem)),
            ("NOTE", v.origin_note("//")),
            ("IMPORT", import),
            ("CORS", cors.join("\n")),
            ("ROUTE", route),
        ],
    );
    Fix {
        target: "http-api-cdk".to_string(),
        title: if plan.options_route {
            "CDK: corsPreflight + unauthenticated OPTIONS /{proxy+}".to_string()
        } else {
            "CDK: corsPreflight on the HttpApi".to_string()
        },
        text,
    }
}
