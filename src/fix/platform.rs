//! Fixes for a platform only the URL's host names (no response fingerprint):
//! the AWS Lambda function URL's CORS configuration and Azure App Service's
//! CORS setting, which no fingerprinted product covers.

use super::common::{fill, Vals};
use super::Fix;

const LAMBDA_URL_NOTE: &str = "# With this set, Lambda answers the preflight and adds the CORS headers itself:\n# the function must NOT add its own Access-Control-Allow-Origin (two values = MultipleAllowOriginValues).";

fn creds_note(v: &Vals) -> &'static str {
    if v.credentials {
        "# Credentials: list exact origins (a wildcard with AllowCredentials is refused)."
    } else {
        ""
    }
}

/// The function URL's CORS configuration in SAM / CloudFormation.
pub(crate) fn lambda_url_sam(v: &Vals) -> Fix {
    let text = fill(
        "# AWS::Serverless::Function (SAM), under the function's Properties; in plain
# CloudFormation the same Cors block goes on the AWS::Lambda::Url resource.
@@NOTE@@
@@LAMBDA@@
@@CREDS@@
  FunctionUrlConfig:
    AuthType: NONE
    Cors:
      AllowOrigins:
        - @@ORIGIN@@
      AllowMethods: [@@METHODS@@]
      AllowHeaders: [@@HEADERS@@]
@@EXPOSE@@      AllowCredentials: @@CRED@@
      MaxAge: 600",
        &[
            ("NOTE", v.origin_note("#")),
            ("LAMBDA", LAMBDA_URL_NOTE.to_string()),
            ("CREDS", creds_note(v).to_string()),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", lambda_url_methods(v).join(", ")),
            ("HEADERS", v.headers.join(", ")),
            (
                "EXPOSE",
                if v.expose.is_empty() {
                    String::new()
                } else {
                    format!("      ExposeHeaders: [{}]\n", v.expose.join(", "))
                },
            ),
            ("CRED", v.credentials.to_string()),
        ],
    );
    Fix {
        target: "lambda-url-sam".to_string(),
        title: "Lambda function URL (SAM / CloudFormation): CORS configuration on the URL"
            .to_string(),
        text,
    }
}

/// The function URL's CORS configuration in Terraform.
pub(crate) fn lambda_url_terraform(v: &Vals) -> Fix {
    let text = fill(
        "@@NOTE@@
@@LAMBDA@@
@@CREDS@@
resource \"aws_lambda_function_url\" \"api\" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = \"NONE\"

  cors {
    allow_origins     = [\"@@ORIGIN@@\"]
    allow_methods     = [@@METHODS@@]
    allow_headers     = [@@HEADERS@@]
@@EXPOSE@@    allow_credentials = @@CRED@@
    max_age           = 600
  }
}",
        &[
            ("NOTE", v.origin_note("#")),
            ("LAMBDA", LAMBDA_URL_NOTE.to_string()),
            ("CREDS", creds_note(v).to_string()),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", Vals::dq_list(&lambda_url_methods(v))),
            ("HEADERS", Vals::dq_list(&v.headers)),
            (
                "EXPOSE",
                if v.expose.is_empty() {
                    String::new()
                } else {
                    format!("    expose_headers    = [{}]\n", Vals::dq_list(&v.expose))
                },
            ),
            ("CRED", v.credentials.to_string()),
        ],
    );
    Fix {
        target: "lambda-url-terraform".to_string(),
        title: "Lambda function URL (Terraform): cors block on aws_lambda_function_url".to_string(),
        text,
    }
}

/// The function URL's CORS configuration with the AWS CLI.
pub(crate) fn lambda_url_cli(v: &Vals) -> Fix {
    let mut cors = format!(
        "{{\"AllowOrigins\":[\"{}\"],\"AllowMethods\":[{}],\"AllowHeaders\":[{}],\"AllowCredentials\":{},\"MaxAge\":600",
        v.origin,
        Vals::dq_list(&lambda_url_methods(v)).replace(", ", ","),
        Vals::dq_list(&v.headers).replace(", ", ","),
        v.credentials
    );
    if !v.expose.is_empty() {
        cors.push_str(&format!(
            ",\"ExposeHeaders\":[{}]",
            Vals::dq_list(&v.expose).replace(", ", ",")
        ));
    }
    cors.push('}');
    let text = fill(
        "@@NOTE@@
@@LAMBDA@@
aws lambda update-function-url-config --function-name YOUR_FUNCTION \\
  --cors '@@CORS@@'
# Check what is set now:
aws lambda get-function-url-config --function-name YOUR_FUNCTION",
        &[
            ("NOTE", v.origin_note("#")),
            ("LAMBDA", LAMBDA_URL_NOTE.to_string()),
            ("CORS", cors),
        ],
    );
    Fix {
        target: "lambda-url-cli".to_string(),
        title: "Lambda function URL (AWS CLI): set the URL's CORS configuration".to_string(),
        text,
    }
}

/// Function URL CORS lists methods without OPTIONS (Lambda answers it).
fn lambda_url_methods(v: &Vals) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in &v.methods {
        let m = m.to_ascii_uppercase();
        if m != "OPTIONS" && !out.contains(&m) {
            out.push(m);
        }
    }
    out
}

/// Azure App Service's CORS setting with the Azure CLI.
pub(crate) fn app_service_cli(v: &Vals) -> Fix {
    let app = v
        .host
        .split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("YOUR_APP")
        .to_string();
    let creds = if v.credentials {
        format!("az resource update --resource-group YOUR_GROUP --name web --namespace Microsoft.Web --resource-type config --parent sites/{app} --set properties.cors.supportCredentials=true")
    } else {
        String::new()
    };
    let text = fill(
        "@@NOTE@@
# App Service's own CORS setting: once it lists any origin, App Service answers CORS
# itself and the app's own CORS code has no effect. Use this OR the app's code, not both.
az webapp cors add --resource-group YOUR_GROUP --name @@APP@@ --allowed-origins @@ORIGIN@@
@@CREDS@@
az webapp cors show --resource-group YOUR_GROUP --name @@APP@@
# Azure Functions: az functionapp cors add (same options)",
        &[
            ("NOTE", v.origin_note("#")),
            ("APP", app),
            ("ORIGIN", v.origin.clone()),
            ("CREDS", creds),
        ],
    );
    Fix {
        target: "azure-app-service".to_string(),
        title: "Azure App Service: the platform's CORS setting".to_string(),
        text,
    }
}

/// A Netlify Function: its code answers the preflight and puts the CORS headers on every
/// return (netlify.toml's `[[headers]]` apply to the site's files, not to functions).
pub(crate) fn netlify_function(v: &Vals) -> Fix {
    let headers = if v.headers.is_empty() {
        "content-type".to_string()
    } else {
        v.headers.join(", ")
    };
    let text = fill(
        "// netlify/functions/<name>.js — a function sets its own CORS headers, on the preflight
// and on every return, its errors too (netlify.toml's [[headers]] do not reach functions).
@@NOTE@@
const cors = {
  'Access-Control-Allow-Origin': '@@ORIGIN@@',
  'Access-Control-Allow-Methods': '@@METHODS@@',
  'Access-Control-Allow-Headers': '@@HEADERS@@',@@CREDS@@
  'Vary': 'Origin',
};

export const handler = async (event) => {
  if (event.httpMethod === 'OPTIONS') return { statusCode: 204, headers: cors };
  try {
    const data = { ok: true }; // your work (an upstream call that fails must not skip cors)
    return { statusCode: 200, headers: { ...cors, 'Content-Type': 'application/json' }, body: JSON.stringify(data) };
  } catch (error) {
    return { statusCode: 502, headers: cors, body: JSON.stringify({ error: String(error) }) };
  }
};
// A function that runs past its time limit (10 s by default) gets Netlify's own 502
// without these headers: make it faster, or a background function.",
        &[
            ("NOTE", v.origin_note("//")),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", v.methods.join(", ")),
            ("HEADERS", headers),
            (
                "CREDS",
                if v.credentials {
                    "\n  'Access-Control-Allow-Credentials': 'true',".to_string()
                } else {
                    String::new()
                },
            ),
        ],
    );
    Fix {
        target: "netlify-function".to_string(),
        title: "Netlify Function: answer OPTIONS and add the headers on every return".to_string(),
        text,
    }
}

/// A Supabase Edge Function (Deno): it answers the preflight itself and puts the CORS
/// headers on every response, its errors included.
pub(crate) fn supabase_function(v: &Vals) -> Fix {
    // supabase-js's functions.invoke() sends these; the page's own headers join them.
    let mut headers: Vec<String> = ["authorization", "x-client-info", "apikey", "content-type"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    for h in &v.headers {
        if !headers.contains(h) {
            headers.push(h.clone());
        }
    }
    let origin = if v.credentials {
        v.origin.clone()
    } else {
        "*".to_string()
    };
    let text = fill(
        "// supabase/functions/<name>/index.ts — Supabase passes the preflight (OPTIONS) to the
// function: its code answers it, and every response (errors too) carries the headers.
@@NOTE@@
const corsHeaders = {
  'Access-Control-Allow-Origin': '@@ORIGIN@@',
  'Access-Control-Allow-Headers': '@@HEADERS@@',
  'Access-Control-Allow-Methods': '@@METHODS@@',@@CREDS@@
};

Deno.serve(async (req) => {
  if (req.method === 'OPTIONS') {
    return new Response('ok', { headers: corsHeaders });
  }
  try {
    const data = { ok: true }; // your work
    return new Response(JSON.stringify(data), {
      headers: { ...corsHeaders, 'Content-Type': 'application/json' },
    });
  } catch (error) {
    return new Response(JSON.stringify({ error: String(error) }), {
      status: 400,
      headers: { ...corsHeaders, 'Content-Type': 'application/json' },
    });
  }
});
// Deploy again (supabase functions deploy <name>). A 401 before the function runs is the
// JWT check: call it through supabase.functions.invoke() (it sends the user's token), or
// deploy with --no-verify-jwt for a public function.",
        &[
            (
                "NOTE",
                if v.credentials {
                    v.origin_note("//")
                } else {
                    String::new()
                },
            ),
            ("ORIGIN", origin),
            ("HEADERS", headers.join(", ")),
            ("METHODS", v.methods.join(", ")),
            (
                "CREDS",
                if v.credentials {
                    "\n  'Access-Control-Allow-Credentials': 'true',\n  'Vary': 'Origin',"
                        .to_string()
                } else {
                    String::new()
                },
            ),
        ],
    );
    Fix {
        target: "supabase-function".to_string(),
        title: "Supabase Edge Function: answer OPTIONS and add corsHeaders".to_string(),
        text,
    }
}

/// A preflight to `REGION-PROJECT.cloudfunctions.net/NAME` redirected: Google sends a request
/// for a function the caller may not invoke (none there, or not public) on to its sign-in.
pub(crate) fn cloud_functions_redirect(v: &Vals) -> Fix {
    cloud_functions_access(v, true)
}

/// A Cloud Function the words name (its URL hidden or elsewhere): the same checks, for a
/// preflight Google's front end answered without CORS headers (403 to a caller it does not
/// let invoke the function) or redirected.
pub(crate) fn cloud_functions_access(v: &Vals, redirected: bool) -> Fix {
    let parsed = url::Url::parse(&v.url).ok();
    let host = parsed
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    let (region, project) = crate::gateway::host::cloud_function_region_project(&host)
        .unwrap_or_else(|| (String::from("REGION"), String::from("PROJECT")));
    let name = parsed
        .as_ref()
        .and_then(|u| u.path_segments()?.next().map(str::to_string))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "FUNCTION".to_string());
    Fix {
        target: "cloud-functions".to_string(),
        title: "Cloud Functions: the function at this URL, invocable by allUsers".to_string(),
        text: format!(
            "# The preflight from {origin} to {url} {what}.
# Google answers a request for a function the caller may not invoke (none at this region
# and name, or not public) itself: a redirect to its sign-in, or 403, without CORS headers.
# 1. Is {name} deployed in {region} of project {project}?
gcloud functions list --project {project} --format='table(name, state, environment)'
gcloud functions describe {name} --region {region} --project {project}
# A Firebase callable function in another region: tell the web client its region
#   const functions = getFunctions(app, 'europe-west3');   // not the us-central1 default
# 2. Called from browsers without Google sign-in: allow unauthenticated invocation
gcloud functions add-invoker-policy-binding {name} --region {region} --project {project} --member allUsers
# (1st gen: gcloud functions add-iam-policy-binding {name} --region {region} --member allUsers --role roles/cloudfunctions.invoker)
# 3. Then the function answers OPTIONS itself (functions-framework: the cors package, or
#    res.set('Access-Control-Allow-Origin', '{origin}') and 204 for OPTIONS).",
            origin = v.origin,
            url = v.url,
            what = if redirected {
                "was redirected"
            } else {
                "got no CORS headers"
            },
        ),
    }
}

/// Vercel's Deployment Protection answered a preflight 401: its OPTIONS Allowlist (or no
/// protection on the API's deployments), then the deployment's own CORS answer.
pub(crate) fn vercel_protection(v: &Vals) -> Fix {
    // The path's first segment (`/api`): the allowlist matches paths that start with an entry.
    let path = v
        .first_path_segment()
        .map_or_else(|| "/api".to_string(), |first| format!("/{first}"));
    let text = fill(
        "# Vercel → the API's project → Settings → Deployment Protection.
# Protection (Vercel Authentication, Password Protection, Trusted IPs) answers 401 before the
# deployment's code runs, to every request without Vercel's sign-in cookie: a preflight never
# carries one, and a page on another origin does not send it either.
#
# 1. OPTIONS Allowlist → add @@PATH@@ — preflights to paths that start with it skip protection
#    and reach your code, which answers them with the CORS headers (next fix).
# 2. The actual requests are protected too: for an API that pages on other origins call, set
#    the protection of the API's environment (Preview, or Production's custom domains) to
#    none, or keep its deployments public and check the caller yourself (a token).
# 3. Scripts and CI (not browsers): Protection Bypass for Automation, the
#    x-vercel-protection-bypass header with the project's secret.",
        &[("PATH", path)],
    );
    Fix {
        target: "vercel-protection".to_string(),
        title: "Vercel: Deployment Protection's OPTIONS Allowlist".to_string(),
        text,
    }
}

/// A Vercel Function's own CORS answer: the preflight and every return path.
pub(crate) fn vercel_function(v: &Vals) -> Fix {
    let headers = if v.headers.is_empty() {
        "content-type".to_string()
    } else {
        v.headers.join(", ")
    };
    let mut lines = vec![
        format!(
            "    res.setHeader('Access-Control-Allow-Origin', '{}');",
            v.origin
        ),
        "    res.setHeader('Vary', 'Origin');".to_string(),
    ];
    if v.credentials {
        lines.push("    res.setHeader('Access-Control-Allow-Credentials', 'true');".to_string());
    }
    if !v.expose.is_empty() {
        lines.push(format!(
            "    res.setHeader('Access-Control-Expose-Headers', '{}');",
            v.expose.join(", ")
        ));
    }
    let text = fill(
        "// api/_cors.js — Vercel Functions get no CORS headers from Vercel: the function answers
// the preflight and puts them on every return, its errors too.
@@NOTE@@
export function withCors(handler) {
  return async (req, res) => {
@@SET@@
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', '@@METHODS@@');
      res.setHeader('Access-Control-Allow-Headers', '@@HEADERS@@');
      res.setHeader('Access-Control-Max-Age', '600');
      return res.status(204).end();
    }
    try {
      return await handler(req, res);
    } catch (error) {
      return res.status(500).json({ error: String(error) });
    }
  };
}
// api/items.js: export default withCors(async (req, res) => { … });
// Without code: vercel.json's \"headers\" for \"/api/(.*)\" add the same headers to the
// functions' responses (Next.js: next.config.js headers(); its route handlers answer OPTIONS
// themselves). Neither reaches Vercel's own error responses (FUNCTION_INVOCATION_TIMEOUT,
// FUNCTION_INVOCATION_FAILED…): those need the function fixed.",
        &[
            ("NOTE", v.origin_note("//")),
            ("SET", lines.join("\n")),
            ("METHODS", v.methods.join(", ")),
            ("HEADERS", headers),
        ],
    );
    Fix {
        target: "vercel".to_string(),
        title: "Vercel Function: answer OPTIONS and add the headers on every return".to_string(),
        text,
    }
}

/// A Netlify background function called from another origin: a regular function relays the
/// call and answers CORS (Netlify's own 202 carries no headers).
pub(crate) fn netlify_background(v: &Vals) -> Fix {
    let name = url::Url::parse(&v.url)
        .ok()
        .and_then(|u| {
            u.path()
                .strip_prefix("/.netlify/functions/")
                .map(|n| n.trim_end_matches('/').to_string())
        })
        .unwrap_or_else(|| "job-background".to_string());
    let text = fill(
        "// netlify/functions/start-job.js — a regular function the page calls: it answers CORS and
// starts the background function, whose own answer (Netlify's 202) has no CORS headers.
@@NOTE@@
const cors = {
  'Access-Control-Allow-Origin': '@@ORIGIN@@',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'content-type',
  'Vary': 'Origin',
};

export const handler = async (event) => {
  if (event.httpMethod === 'OPTIONS') return { statusCode: 204, headers: cors };
  const site = new URL(event.rawUrl).origin; // this site's own origin
  const res = await fetch(`${site}/.netlify/functions/@@NAME@@`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: event.body,
  });
  return { statusCode: res.status, headers: cors, body: '' }; // 202: started
};
// Or call @@NAME@@ from a page on the site's own origin: no CORS then.",
        &[
            ("NOTE", v.origin_note("//")),
            ("ORIGIN", v.origin.clone()),
            ("NAME", name),
        ],
    );
    Fix {
        target: "netlify-function".to_string(),
        title: "Netlify background function: start it from a regular function that answers CORS"
            .to_string(),
        text,
    }
}
