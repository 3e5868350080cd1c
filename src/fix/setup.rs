//! The pasted setup's own mistake, corrected where it is written: the lines to change in the
//! SAM template, Django's settings, FastAPI's app or Laravel's config/cors.php
//! ([`crate::input::setup`] finds them; the cause says why they break CORS).

use super::{Fix, FixContext};
use crate::exchange::{Mistake, SetupMistake};

/// The correction of `m`, for the kinds whose fix is a few lines of the same file.
pub(crate) fn correction(m: &SetupMistake, ctx: &FixContext) -> Option<Fix> {
    let origin = ctx
        .origin
        .clone()
        .filter(|o| o != "null")
        .unwrap_or_else(|| "https://app.example.com".to_string());
    let line = m.line;
    let (target, title, text) = match m.kind {
        Mistake::SamBinaryEveryType => (
            "sam",
            "SAM: BinaryMediaTypes without */* (the OPTIONS MOCK integration answers again)",
            format!(
                "# template.yaml, the API's Properties (line {line} of the paste): every type as binary
# makes the preflight's MOCK integration answer 500. List only the binary types the API
# really sends or receives (\"/\" is written \"~1\"):
      BinaryMediaTypes:
        - image~1png
        - application~1pdf
        - multipart~1form-data
      Cors:
        AllowOrigin: \"'{origin}'\"
        AllowMethods: \"'GET,POST,PUT,DELETE,OPTIONS'\"
        AllowHeaders: \"'content-type,authorization'\"
# To keep */*: an OpenAPI DefinitionBody whose OPTIONS integration (type: mock) has
#   contentHandling: CONVERT_TO_TEXT"
            ),
        ),
        Mistake::SamAuthorizerOnPreflight => (
            "sam",
            "SAM: keep the default authorizer off the preflight",
            format!(
                "# template.yaml, the API's Auth (line {line} of the paste):
      Auth:
        {}
        AddDefaultAuthorizerToCorsPreflight: false",
                m.what.trim()
            ),
        ),
        Mistake::SamApiKeyOnPreflight => (
            "sam",
            "SAM: keep the API key off the preflight",
            format!(
                "# template.yaml, the API's Auth (line {line} of the paste):
      Auth:
        ApiKeyRequired: true
        AddApiKeyRequiredToCorsPreflight: false"
            ),
        ),
        Mistake::DjangoSettingAnnotated => {
            let (name, value) = m.what.split_once(':')?;
            (
                "django",
                "Django: assign the setting (=, not :)",
                format!(
                    "# settings.py, line {line} of the paste: a colon annotates, = assigns.\n{} = {}",
                    name.trim(),
                    value.trim()
                ),
            )
        }
        Mistake::DjangoCorsAfterCommon => (
            "django",
            "Django: CorsMiddleware above CommonMiddleware",
            "# settings.py: as high as possible, before any middleware that can answer on its own.
MIDDLEWARE = [
    'corsheaders.middleware.CorsMiddleware',
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    # … the others as before
]"
            .to_string(),
        ),
        Mistake::StarletteAuthOutside => (
            "fastapi",
            "FastAPI: add CORSMiddleware last, so that it runs first",
            format!(
                "# The middleware added last is the outermost: CORSMiddleware after the others
# (here after `{}`, line {}).
app.add_middleware({})
app.add_middleware(
    CORSMiddleware,
    allow_origins=[\"{origin}\"],
    allow_methods=[\"*\"],
    allow_headers=[\"*\"],
)",
                m.what.trim(),
                m.other_line.unwrap_or(line),
                m.what
                    .trim()
                    .trim_start_matches("app.add_middleware(")
                    .trim_end_matches(')')
                    .trim()
            ),
        ),
        Mistake::LaravelNoPaths => (
            "laravel",
            "Laravel: the paths that get CORS headers",
            "// config/cors.php: HandleCors adds headers only to these paths.
'paths' => ['api/*', 'sanctum/csrf-cookie'],"
                .to_string(),
        ),
        Mistake::PreflightOnlyCors => (
            "lambda-node",
            "Lambda (Node.js): the headers from the function, its errors too",
            format!(
                "// {} answers the preflight only (line {line} of the paste); a Lambda proxy
// integration passes the function's response on as it is: the function sends the headers.
const headers = {{
  'Access-Control-Allow-Origin': '{origin}',
  'Vary': 'Origin',
}};

export const handler = async (event) => {{
  try {{
    const result = {{ ok: true }}; // your work
    return {{ statusCode: 200, headers, body: JSON.stringify(result) }};
  }} catch (err) {{
    return {{ statusCode: 500, headers, body: JSON.stringify({{ message: 'Internal error' }}) }};
  }}
}};
// Python: return {{\"statusCode\": 200, \"headers\": {{\"Access-Control-Allow-Origin\": \"{origin}\"}}, \"body\": …}}",
                m.what
            ),
        ),
        Mistake::ServerlessHttpApiEventCors => (
            "serverless",
            "Serverless Framework: CORS once for the HTTP API (provider.httpApi.cors)",
            format!(
                "# serverless.yml: an httpApi event takes no cors (line {line} of the paste);
# the HTTP API's CORS is the provider's:
provider:
  httpApi:
    cors:
      allowedOrigins:
        - {origin}
      allowedHeaders:
        - Content-Type
        - Authorization
      allowedMethods:
        - GET
        - POST
        - OPTIONS
    # or cors: true (any origin, no credentials)"
            ),
        ),
        Mistake::AzureLocalSettingsCors => (
            "azure-app-service",
            "Azure Functions: the Function App's own CORS (local.settings.json is not deployed)",
            format!(
                "# local.settings.json's Host.CORS (line {line} of the paste) is read by `func start` only.
# The Function App in Azure takes the platform setting:
az functionapp cors add -g RESOURCE_GROUP -n FUNCTION_APP --allowed-origins {origin}
# Bicep (Microsoft.Web/sites, kind functionapp):
#   properties: {{ siteConfig: {{ cors: {{ allowedOrigins: [ '{origin}' ], supportCredentials: false }} }} }}
# Terraform (azurerm_linux_function_app): site_config {{ cors {{ allowed_origins = [\"{origin}\"] }} }}"
            ),
        ),
        Mistake::KongPreflightContinue => (
            "kong",
            "Kong: preflight_continue false (the cors plugin answers the preflight)",
            format!(
                "# The cors plugin (line {line} of the paste) passes preflights on with preflight_continue=true.
# Admin API: update the plugin (its id from GET /plugins)
curl -i -X PATCH http://localhost:8001/plugins/PLUGIN_ID \\
  --data config.preflight_continue=false \\
  --data 'config.origins={origin}'
# declarative (kong.yml) or a KongPlugin resource:
#   - name: cors
#     config:
#       origins: [\"{origin}\"]
#       preflight_continue: false"
            ),
        ),
        Mistake::IstioAllowOriginIgnored => (
            "istio",
            "Istio: allowOrigins (allowOrigin is ignored since Istio 1.6)",
            format!(
                "# The VirtualService's corsPolicy (line {line} of the paste): `allowOrigin:` is a list of
# strings Istio 1.6 and later ignore. Write the origins as matches under allowOrigins:
    corsPolicy:
      allowOrigins:
        - exact: \"{origin}\"        # or prefix: / regex:
      allowMethods: [GET, POST, PUT, DELETE, OPTIONS]
      allowHeaders: [content-type, authorization]
      maxAge: \"24h\"
# kubectl apply -f the file, then check: istioctl proxy-config route … -o json | grep -A8 cors"
            ),
        ),
        _ => return None,
    };
    Some(Fix {
        target: target.to_string(),
        title: title.to_string(),
        text,
    })
}
