//! Short product-specific fixes for the other gateways, CDNs and WAFs.

use super::common::{fill, Vals};
use super::{servers, Fix, FixContext};
use crate::cause::CauseKind;
use crate::gateway::Gateway;

pub(crate) fn aws_waf(v: &Vals) -> Fix {
    let text = fill(
        "# AWS WAF blocked the request (403). Find the rule: web ACL → Sampled requests / logs (terminatingRuleId).
# Then: narrow the rule, add an Allow rule for OPTIONS preflights, or exclude this API path.
@@NOTE@@
# To let the page at @@ORIGIN@@ see the block, give the Block action a custom response with CORS headers:
{
  \"Block\": {
    \"CustomResponse\": {
      \"ResponseCode\": 403,
      \"ResponseHeaders\": [
        { \"Name\": \"Access-Control-Allow-Origin\", \"Value\": \"@@ORIGIN@@\" },
        { \"Name\": \"Vary\", \"Value\": \"Origin\" }
      ]
    }
  }
}",
        &[("NOTE", v.origin_note("#")), ("ORIGIN", v.origin.clone())],
    );
    Fix {
        target: "aws-waf".to_string(),
        title: "AWS WAF: fix the rule that blocks, CORS headers on the block".to_string(),
        text,
    }
}

fn cloudflare(ctx: &FixContext, v: &Vals) -> Fix {
    let text = fill(
        "# Cloudflare answered itself (WAF custom rule / 1020, rate limiting / 1015, challenge): the request never reached your server.
# Security → Events shows the rule. Skip it for preflights and for this API, e.g. a custom rule placed first:
#   Expression: (http.host eq \"@@HOST@@\" and http.request.method eq \"OPTIONS\")
#   Action: Skip → all remaining custom rules (and rate limiting rules)
# Challenges (\"Just a moment...\") can never be passed by fetch(): skip them for API hosts.
@@NOTE@@
# CORS headers on the responses: Rules → Transform Rules → Modify Response Header
#   When: http.host eq \"@@HOST@@\"
#   Set static: Access-Control-Allow-Origin = @@ORIGIN@@
@@CREDS@@
#   Set static: Vary = Origin",
        &[
            ("HOST", v.host.clone()),
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("CREDS", cloudflare_creds(v)),
        ],
    );
    let _ = ctx;
    Fix {
        target: "cloudflare".to_string(),
        title: "Cloudflare: the WAF/rate-limit rule, CORS headers via a Transform Rule".to_string(),
        text,
    }
}

/// Envoy as Istio runs it (`server: istio-envoy`): the route's corsPolicy answers preflights
/// at the gateway, before the service.
pub(crate) fn istio(v: &Vals) -> Fix {
    istio_cors(v)
}

fn istio_cors(v: &Vals) -> Fix {
    let list = |items: &[String]| {
        if items.is_empty() {
            "[]".to_string()
        } else {
            format!("[{}]", items.join(", "))
        }
    };
    let text = fill(
        "# Istio: a corsPolicy on the VirtualService's route answers preflights in Envoy,
# before the service (which then needs no CORS code). Envoy's CORS filter treats only
# a request with Origin and Access-Control-Request-Method as a preflight. allowOrigins
# takes exact/prefix/regex matches; the older `allowOrigin:` list of strings is
# ignored since Istio 1.6.
@@NOTE@@
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: api
spec:
  hosts: [\"@@HOST@@\"]
  http:
    - corsPolicy:
        allowOrigins:
          - exact: \"@@ORIGIN@@\"
        allowMethods: @@METHODS@@
        allowHeaders: @@HEADERS@@
        exposeHeaders: @@EXPOSE@@
        allowCredentials: @@CREDS@@
        maxAge: \"10m\"
      route:
        - destination:
            host: api  # your service, as it is
# Plain Envoy: the envoy.filters.http.cors filter in http_filters (before the router) and a
# CorsPolicy in the route's typed_per_filter_config with the same lists.",
        &[
            ("NOTE", v.origin_note("#")),
            ("HOST", v.host.clone()),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", list(&v.methods)),
            ("HEADERS", list(&v.headers)),
            ("EXPOSE", list(&v.expose)),
            ("CREDS", v.credentials.to_string()),
        ],
    );
    Fix {
        target: "istio".to_string(),
        title: "Istio / Envoy: the route's corsPolicy".to_string(),
        text,
    }
}

/// Cloudflare's 52x: its edge could not get an answer from the origin server; the origin is
/// the fix, and no CORS header reaches the page until it answers.
fn cloudflare_origin(v: &Vals) -> Fix {
    let text = fill(
        "# Cloudflare answered 52x itself: it could not get an answer from your origin server, so no
# CORS header of yours could reach the page. Fix the origin for @@HOST@@:
#   520  the origin sent an empty or malformed response (crashed, reset the connection, headers too big)
#   521  nothing listens, or the origin's firewall refuses Cloudflare's IP ranges
#   522  connecting timed out: the origin (or its firewall) drops Cloudflare's packets
#   523  the origin's address is unreachable (a wrong DNS record in Cloudflare)
#   524  the origin took longer than 100 s: answer sooner (202 and poll), or stream
#   525/526  TLS between Cloudflare and the origin: the origin's certificate, or the SSL/TLS mode
# Check the origin directly, bypassing Cloudflare:
#   curl -v --resolve @@HOST@@:443:<ORIGIN_IP> https://@@HOST@@/ -H 'Origin: @@ORIGIN@@'
# Allow Cloudflare's ranges (https://www.cloudflare.com/ips/) in the origin's firewall; with the
# origin answering, its own CORS headers pass through Cloudflare unchanged.",
        &[("HOST", v.host.clone()), ("ORIGIN", v.origin.clone())],
    );
    Fix {
        target: "cloudflare".to_string(),
        title: "Cloudflare 52x: the origin server did not answer Cloudflare".to_string(),
        text,
    }
}

/// Cloudflare passed on the application's response: CORS headers added at the edge.
fn cloudflare_transform(v: &Vals) -> Fix {
    let text = fill(
        "# Cloudflare passed on your application's response: the application should send CORS headers
# (the fix above); Cloudflare can also add them to every response at the edge.
@@NOTE@@
# Rules → Transform Rules → Modify Response Header
#   When: http.host eq \"@@HOST@@\"
#   Set static: Access-Control-Allow-Origin = @@ORIGIN@@
@@CREDS@@
#   Set static: Vary = Origin
# A preflight still needs an OPTIONS answer with a 2xx status from the application.",
        &[
            ("HOST", v.host.clone()),
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("CREDS", cloudflare_creds(v)),
        ],
    );
    Fix {
        target: "cloudflare".to_string(),
        title: "Cloudflare: CORS headers via a Transform Rule".to_string(),
        text,
    }
}

fn cloudflare_creds(v: &Vals) -> String {
    if v.credentials {
        "#   Set static: Access-Control-Allow-Credentials = true".to_string()
    } else {
        String::new()
    }
}

/// A cache served a stored copy without CORS headers and not kept apart by Origin.
pub(crate) fn cached_copy(g: Option<Gateway>, v: &Vals) -> Fix {
    let product = match g {
        Some(Gateway::Cloudflare) => "# Cloudflare keys its cache on Vary: Origin only where a Cache Rule's Vary setting allows it.
# Simplest: the same headers on every copy — a Transform Rule runs on cached responses too:
#   Rules → Transform Rules → Modify Response Header, When: http.host eq \"@@HOST@@\"
#   Set static: Access-Control-Allow-Origin = @@ORIGIN@@
#   (one origin only; * when no credentials are sent)
# Or keep the API out of the cache: Rules → Cache Rules, When: http.host eq \"@@HOST@@\" → Bypass cache.
# Then purge the stored copy: Caching → Configuration → Purge Cache → Custom Purge → URL:
#   @@URL@@",
        Some(Gateway::Cloudfront) => "# CloudFront: put Origin in the cache key, so each origin gets its own copy (a header in the
# cache key is forwarded to the origin too):
#   a custom cache policy: Headers → Include the following headers → Origin
# Then purge the stored copy:
#   aws cloudfront create-invalidation --distribution-id <ID> --paths '@@PATH@@'",
        _ => "# The cache in front of the application (x-cache / x-proxy-cache: HIT) must keep copies apart by Origin:
# forward Origin and add it to the cache key (nginx: proxy_cache_key \"$scheme$host$request_uri$http_origin\";),
# or do not cache this URL. Then purge the stored copy.",
    };
    let text = fill(
        &format!("# The response was a stored copy (a cache HIT) without CORS headers and without Vary: Origin:
# a copy stored for a request without Origin (a page load, curl) or from another origin.
# In the application: the same CORS headers on every response for this URL, requests without
# Origin included, and Vary: Origin when the value depends on the Origin request header.
@@NOTE@@
{product}"),
        &[
            ("HOST", v.host.clone()),
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("URL", v.url.clone()),
            ("PATH", v.resource.clone()),
        ],
    );
    Fix {
        target: "cdn-cache".to_string(),
        title: format!(
            "{}: a cached copy without CORS headers — vary by Origin, then purge",
            g.map(|g| g.name()).unwrap_or("The cache")
        ),
        text,
    }
}

pub(crate) fn cloudfront(ctx: &FixContext, v: &Vals) -> Fix {
    let _ = ctx;
    let mut cors = vec![
        format!(
            "access_control_allow_origins {{ items = [\"{}\"] }}",
            v.origin
        ),
        format!(
            "access_control_allow_methods {{ items = [{}] }}",
            Vals::dq_list(&v.methods.iter().map(|m| m.to_ascii_uppercase()).fold(
                Vec::new(),
                |mut acc: Vec<String>, m| {
                    if !acc.contains(&m) {
                        acc.push(m);
                    }
                    acc
                }
            ))
        ),
        format!(
            "access_control_allow_headers {{ items = [{}] }}",
            Vals::dq_list(&v.headers)
        ),
    ];
    if !v.expose.is_empty() {
        cors.push(format!(
            "access_control_expose_headers {{ items = [{}] }}",
            Vals::dq_list(&v.expose)
        ));
    }
    cors.push(format!(
        "access_control_allow_credentials = {}",
        v.credentials
    ));
    cors.push("access_control_max_age_sec       = 600".to_string());
    cors.push(
        "origin_override                  = true   # CloudFront's values win over the origin's"
            .to_string(),
    );
    let text = fill(
        "# CloudFront: let OPTIONS through, keep answers per Origin, add the CORS headers at the edge.
@@NOTE@@
resource \"aws_cloudfront_response_headers_policy\" \"cors\" {
  name = \"api-cors\"
  cors_config {
    @@CORS@@
  }
}

# In the distribution's cache behavior for the API:
#   allowed_methods            = [\"GET\", \"HEAD\", \"OPTIONS\", \"PUT\", \"POST\", \"PATCH\", \"DELETE\"]
#   cached_methods             = [\"GET\", \"HEAD\", \"OPTIONS\"]
#   response_headers_policy_id = aws_cloudfront_response_headers_policy.cors.id
#   cache_policy_id            = a cache policy whose cache key includes the Origin header
#   origin_request_policy_id   = one that forwards Origin (and Access-Control-Request-Method/-Headers)
# Without Origin in the cache key, a response cached for one origin (or without CORS headers) is served to @@ORIGIN@@.",
        &[("NOTE", v.origin_note("#")), ("CORS", cors.join("\n")), ("ORIGIN", v.origin.clone())],
    );
    Fix {
        target: "cloudfront".to_string(),
        title: "CloudFront: Origin in the cache key + response headers policy".to_string(),
        text,
    }
}

/// Spring MVC's CORS mappings (which Spring Security's `cors()` uses too): what its
/// processor must allow so that it stops answering 403 "Invalid CORS request".
pub(crate) fn spring(v: &Vals) -> Fix {
    spring_with(v, false)
}

/// [`spring`], led by Spring Security when the preflight got its 401 (`security`): its filter
/// chain authenticated the OPTIONS request before any CORS handling.
pub(crate) fn spring_with(v: &Vals, security: bool) -> Fix {
    let mut chain = vec![
        format!(".allowedOrigins(\"{}\")", v.origin),
        format!(".allowedMethods({})", Vals::dq_list(&v.methods)),
    ];
    if !v.headers.is_empty() {
        chain.push(format!(".allowedHeaders({})", Vals::dq_list(&v.headers)));
    }
    if !v.expose.is_empty() {
        chain.push(format!(".exposedHeaders({})", Vals::dq_list(&v.expose)));
    }
    if v.credentials {
        chain.push(".allowCredentials(true)".to_string());
    }
    chain.push(".maxAge(600);".to_string());
    let lead = if security {
        "// The preflight got 401: Spring Security authenticated it before any CORS handling
// (a preflight never carries the token). Call http.cors(Customizer.withDefaults())
// in the SecurityFilterChain: its CorsFilter then answers preflights first, with the
// mappings below (or permit OPTIONS: .requestMatchers(HttpMethod.OPTIONS, \"/**\").permitAll()).
// The origin must match"
    } else {
        "// Spring answers a request its CORS configuration does not allow with 403 \"Invalid CORS request\".
// The origin must match"
    };
    let text = fill(
        &(lead.to_string()
            + " exactly (scheme, host, port; no trailing slash); for wildcards use
// allowedOriginPatterns (allowedOrigins(\"*\") cannot be combined with allowCredentials).
@@NOTE@@
@Configuration
public class CorsConfig implements WebMvcConfigurer {
    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping(\"/**\")
            @@CHAIN@@
    }
}" + if security {
            ""
        } else {
            "
// With Spring Security, also call http.cors(Customizer.withDefaults()) in the SecurityFilterChain:
// its CorsFilter then uses these mappings and answers preflights before authentication."
        }),
        &[("NOTE", v.origin_note("//")), ("CHAIN", chain.join("\n"))],
    );
    Fix {
        target: "spring".to_string(),
        title: if security {
            "Spring Security: http.cors(), so preflights are answered before authentication"
        } else {
            "Spring: allow the origin, method and headers in its CORS mappings"
        }
        .to_string(),
        text,
    }
}

/// FastAPI / Starlette's CORSMiddleware with what the request needs.
/// CORSMiddleware's arguments: when `full`, each list's pitfall as a comment, and the
/// exposed headers and cache time too.
fn fastapi_args(v: &Vals, full: bool) -> Vec<String> {
    let note = |n: &str| {
        if full {
            format!("  # {n}")
        } else {
            String::new()
        }
    };
    let mut args = vec![
        format!(
            "allow_origins=[\"{}\"],{}",
            v.origin,
            note("exact: scheme, host, port, no trailing slash")
        ),
        format!(
            "allow_methods=[{}],{}",
            Vals::dq_list(&v.methods),
            note("the default is GET only")
        ),
    ];
    if !v.headers.is_empty() {
        args.push(format!("allow_headers=[{}],", Vals::dq_list(&v.headers)));
    }
    if full && !v.expose.is_empty() {
        args.push(format!("expose_headers=[{}],", Vals::dq_list(&v.expose)));
    }
    if v.credentials {
        args.push("allow_credentials=True,".to_string());
    }
    if full {
        args.push("max_age=600,".to_string());
    }
    args
}

pub(crate) fn fastapi(v: &Vals) -> Fix {
    let args = fastapi_args(v, true);
    let text = fill(
        "# FastAPI / Starlette: CORSMiddleware answers preflights itself; it answers 400
# \"Disallowed CORS …\" when the origin, method or a header is not in these lists.
# Add it after every other middleware: the one added last runs first, so an
# authenticating middleware added after it sees (and refuses) the preflight.
@@NOTE@@
from fastapi.middleware.cors import CORSMiddleware

app.add_middleware(
    CORSMiddleware,
    @@ARGS@@
)",
        &[("NOTE", v.origin_note("#")), ("ARGS", args.join("\n"))],
    );
    Fix {
        target: "fastapi".to_string(),
        title: "FastAPI / Starlette: CORSMiddleware's allow lists".to_string(),
        text,
    }
}

/// FastAPI's 500 from ServerErrorMiddleware: the exception first; CORS headers on such errors
/// need CORSMiddleware around the whole application.
fn fastapi_500(v: &Vals) -> Fix {
    let args = fastapi_args(v, false);
    let text = fill(
        "# FastAPI / Starlette: the 500 is an unhandled exception in your code; its traceback
# is in the server's log (uvicorn's output). Fix that first.
# The 500 comes from ServerErrorMiddleware, which runs outside every middleware added
# with app.add_middleware, CORSMiddleware included: it has no CORS headers, so the page
# only sees a CORS error. To let the page read such errors, wrap the whole application
# in CORSMiddleware (and serve this `app`):
@@NOTE@@
from starlette.middleware.cors import CORSMiddleware

app = FastAPI()
# … routes …
app = CORSMiddleware(
    app=app,
    @@ARGS@@
)",
        &[("NOTE", v.origin_note("#")), ("ARGS", args.join("\n"))],
    );
    Fix {
        target: "fastapi".to_string(),
        title: "FastAPI: fix the exception; CORS headers on its 500s".to_string(),
        text,
    }
}

/// Express's cors middleware with an origin callback that allows the page's origin and
/// refuses others without throwing.
fn express_origin_callback(v: &Vals) -> Fix {
    let mut opts = vec![
        "origin(origin, callback) {".to_string(),
        "  // No Origin (same-origin, curl) or a listed one: allowed. Another one: answered"
            .to_string(),
        "  // without CORS headers; an Error here becomes a 500 the page never sees.".to_string(),
        "  callback(null, !origin || allowed.includes(origin));".to_string(),
        "},".to_string(),
    ];
    opts.extend(servers::express_options(v));
    let text = fill(
        "// Express (cors middleware): the origin callback refused the page's origin with
// new Error('Not allowed by CORS'). List the origin exactly (scheme, host, port; no
// trailing slash) and refuse others with callback(null, false).
@@NOTE@@
import cors from 'cors';

const allowed = ['@@ORIGIN@@'];
app.use(cors({
  @@OPTS@@
})); // register first: before auth, routers and error handlers",
        &[
            ("NOTE", v.origin_note("//")),
            ("ORIGIN", v.origin.clone()),
            ("OPTS", opts.join("\n")),
        ],
    );
    Fix {
        target: "express".to_string(),
        title: "Express: list the origin in the cors origin callback, refuse without an Error"
            .to_string(),
        text,
    }
}

/// IIS: the IIS CORS Module in web.config (it answers preflights before authentication and
/// the handlers), and WebDAV out of the way of OPTIONS, PUT and DELETE.
pub(crate) fn iis(v: &Vals) -> Fix {
    let mut attrs = format!("origin=\"{}\"", v.origin);
    if v.credentials {
        attrs.push_str(" allowCredentials=\"true\"");
    }
    attrs.push_str(" maxAge=\"600\"");
    let mut inner = Vec::new();
    if !v.headers.is_empty() {
        inner.push("<allowHeaders allowAllRequestedHeaders=\"false\">".to_string());
        inner.extend(
            v.headers
                .iter()
                .map(|h| format!("  <add header=\"{h}\" />")),
        );
        inner.push("</allowHeaders>".to_string());
    }
    inner.push("<allowMethods>".to_string());
    inner.extend(
        v.methods_but_options()
            .iter()
            .map(|m| format!("  <add method=\"{m}\" />")),
    );
    inner.push("</allowMethods>".to_string());
    if !v.expose.is_empty() {
        inner.push("<exposeHeaders>".to_string());
        inner.extend(v.expose.iter().map(|h| format!("  <add header=\"{h}\" />")));
        inner.push("</exposeHeaders>".to_string());
    }
    let text = fill(
        "<!-- web.config. The IIS CORS Module (install it on the server) answers preflights before
     authentication (Windows Authentication included) and before the handlers, and adds the
     headers to every response, errors included. -->
@@NOTE@@
<configuration>
  <system.webServer>
    <cors enabled=\"true\" failUnlistedOrigins=\"true\">
      <add @@ATTRS@@>
        @@INNER@@
      </add>
    </cors>
    <!-- WebDAV answers OPTIONS, PUT and DELETE with 405 before the application. -->
    <modules>
      <remove name=\"WebDAVModule\" />
    </modules>
    <handlers>
      <remove name=\"WebDAV\" />
    </handlers>
  </system.webServer>
</configuration>",
        &[
            (
                "NOTE",
                v.origin_note("<!--").replace(
                    "put yours (scheme://host[:port], no trailing slash).",
                    "put yours (scheme://host[:port], no trailing slash). -->",
                ),
            ),
            ("ATTRS", attrs),
            ("INNER", inner.join("\n")),
        ],
    );
    Fix {
        target: "iis".to_string(),
        title: "IIS: the CORS Module in web.config, WebDAV removed".to_string(),
        text,
    }
}

/// Laravel's 419: the SPA's CSRF cookie dance with Sanctum, and CORS with credentials.
fn laravel_sanctum(v: &Vals) -> Fix {
    let host = v
        .origin
        .split_once("://")
        .map(|(_, h)| h.to_string())
        .unwrap_or_else(|| v.origin.clone());
    let text = fill(
        "# Laravel answered 419: the request had no valid CSRF token. With Sanctum (SPA auth):
@@NOTE@@
# 1. Page (@@ORIGIN@@): get the cookie first, then send every request with credentials.
# Axios then copies the XSRF-TOKEN cookie into the X-XSRF-TOKEN header:
#   axios.defaults.withCredentials = true;
#   axios.defaults.withXSRFToken = true;
#   await axios.get('/sanctum/csrf-cookie');
# 2. config/cors.php:
'paths' => ['api/*', 'sanctum/csrf-cookie', 'login', 'logout'],
'allowed_origins' => ['@@ORIGIN@@'],
'supports_credentials' => true,
# 3. .env (the page's host, and a cookie domain both hosts share):
SANCTUM_STATEFUL_DOMAINS=@@HOST@@
SESSION_DOMAIN=.example.com   # your parent domain",
        &[
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("HOST", host),
        ],
    );
    Fix {
        target: "laravel".to_string(),
        title: "Laravel Sanctum: the CSRF cookie first, credentials, CORS with credentials"
            .to_string(),
        text,
    }
}

/// Apache httpd: CORS headers on every status (`always`), OPTIONS answered before
/// authentication, the origin reflected only when it is allowed.
pub(crate) fn apache(v: &Vals) -> Fix {
    let escaped = v.origin.replace('.', "\\.");
    let mut lines = vec![
        format!("SetEnvIf Origin \"^({escaped})$\" CORS_ORIGIN=$1"),
        "Header always set Access-Control-Allow-Origin \"%{CORS_ORIGIN}e\" env=CORS_ORIGIN"
            .to_string(),
        format!(
            "Header always set Access-Control-Allow-Methods \"{}\"",
            v.methods_csv()
        ),
    ];
    if !v.headers.is_empty() {
        lines.push(format!(
            "Header always set Access-Control-Allow-Headers \"{}\"",
            v.headers_csv()
        ));
    }
    if !v.expose.is_empty() {
        lines.push(format!(
            "Header always set Access-Control-Expose-Headers \"{}\"",
            v.expose.join(",")
        ));
    }
    if v.credentials {
        lines.push("Header always set Access-Control-Allow-Credentials \"true\"".to_string());
    }
    lines.push("Header always merge Vary Origin".to_string());
    let text = fill(
        "# Apache httpd (mod_headers, mod_setenvif, mod_rewrite), in the vhost or .htaccess.
# `always`: without it, Header set adds nothing to 4xx/5xx responses.
# The allowed origin, @@ORIGIN@@, is reflected only when the request's Origin is exactly it.
@@NOTE@@
@@LINES@@

# Answer preflights with 204 before anything else runs
RewriteEngine On
RewriteCond %{REQUEST_METHOD} OPTIONS
RewriteRule ^ - [R=204,L]

# Authentication: preflights carry no credentials
<LimitExcept OPTIONS>
    Require valid-user
</LimitExcept>",
        &[
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("LINES", lines.join("\n")),
        ],
    );
    Fix {
        target: "apache".to_string(),
        title: "Apache: Header always set, OPTIONS answered before auth".to_string(),
        text,
    }
}

/// ASP.NET Core's unhandled exception: the exception first; an exception handler that the
/// CORS middleware runs inside of keeps the headers on error responses.
fn aspnet_core_exception(v: &Vals) -> Fix {
    let text = fill(
        "// ASP.NET Core: the 500 is an unhandled exception; the app's log has it. Fix that first.
// Kestrel clears the response headers when an exception escapes, CORS headers included.
// To give errors a body the page can read, handle them in the pipeline: the handler
// re-runs the pipeline for /error, and UseCors, placed after it, adds the headers again.
@@NOTE@@
app.UseExceptionHandler(\"/error\");   // first
app.UseRouting();
app.UseCors(\"page\");                 // the policy for @@ORIGIN@@
app.UseAuthentication();
app.UseAuthorization();
app.Map(\"/error\", () => Results.Problem());",
        &[("NOTE", v.origin_note("//")), ("ORIGIN", v.origin.clone())],
    );
    Fix {
        target: "aspnet-core".to_string(),
        title: "ASP.NET Core: fix the exception; an exception handler inside CORS".to_string(),
        text,
    }
}

/// ASP.NET Core's CORS middleware, ordered before authentication.
pub(crate) fn aspnet_core(v: &Vals) -> Fix {
    let mut chain = vec![
        format!(".WithOrigins(\"{}\")", v.origin),
        format!(".WithMethods({})", Vals::dq_list(&v.methods_but_options())),
    ];
    if !v.headers.is_empty() {
        chain.push(format!(".WithHeaders({})", Vals::dq_list(&v.headers)));
    }
    if !v.expose.is_empty() {
        chain.push(format!(".WithExposedHeaders({})", Vals::dq_list(&v.expose)));
    }
    if v.credentials {
        chain.push(".AllowCredentials()".to_string());
    }
    chain.push(".SetPreflightMaxAge(TimeSpan.FromMinutes(10))));".to_string());
    let text = fill(
        "// ASP.NET Core (Program.cs): the CORS middleware before authentication, so preflights
// are answered. Under IIS with Windows Authentication the preflight never reaches the app:
// use the IIS CORS Module, or allow anonymous access in IIS and require sign-in in the app.
@@NOTE@@
builder.Services.AddCors(o => o.AddPolicy(\"page\", p => p
    @@CHAIN@@

app.UseRouting();
app.UseCors(\"page\");      // after UseRouting, before UseAuthentication and UseAuthorization
app.UseAuthentication();
app.UseAuthorization();",
        &[("NOTE", v.origin_note("//")), ("CHAIN", chain.join("\n"))],
    );
    Fix {
        target: "aspnet-core".to_string(),
        title: "ASP.NET Core: UseCors before authentication".to_string(),
        text,
    }
}

pub(crate) fn kong(v: &Vals) -> Fix {
    let mut cfg = vec![
        format!("origins: [\"{}\"]", v.origin),
        format!("methods: [{}]", Vals::dq_list(&v.methods)),
        format!("headers: [{}]", Vals::dq_list(&v.headers)),
    ];
    if !v.expose.is_empty() {
        cfg.push(format!("exposed_headers: [{}]", Vals::dq_list(&v.expose)));
    }
    cfg.push(format!("credentials: {}", v.credentials));
    cfg.push("max_age: 600".to_string());
    let text = fill(
        "# Kong (decK): the cors plugin on the same route/service as the auth plugin.
# key-auth / jwt run on preflights by default: OPTIONS then gets 401 \"No API key found in request\".
@@NOTE@@
plugins:
  - name: cors
    route: api                   # your route
    config:
      @@CFG@@
  - name: key-auth
    route: api
    config:
      run_on_preflight: false    # preflights carry no key",
        &[("NOTE", v.origin_note("#")), ("CFG", cfg.join("\n"))],
    );
    Fix {
        target: "kong".to_string(),
        title: "Kong: cors plugin + run_on_preflight=false on the auth plugin".to_string(),
        text,
    }
}

fn azure_apim(v: &Vals) -> Fix {
    let methods = v
        .methods
        .iter()
        .map(|m| format!("<method>{m}</method>"))
        .collect::<Vec<_>>()
        .join("\n");
    let headers = v
        .headers
        .iter()
        .map(|h| format!("<header>{h}</header>"))
        .collect::<Vec<_>>()
        .join("\n");
    let expose = if v.expose.is_empty() {
        String::new()
    } else {
        format!(
            "<expose-headers>\n{}\n</expose-headers>",
            v.expose
                .iter()
                .map(|h| format!("  <header>{h}</header>"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    };
    let text = fill(
        "<!-- Azure API Management: one <cors> policy, at the scope that covers this API (All APIs or the API),
     first in <inbound>, before validate-jwt, rate-limit and check-header, so preflights are answered there.
     A preflight from an origin not listed gets an empty 200 without CORS headers. -->
@@NOTE@@
<policies>
  <inbound>
    <cors allow-credentials=\"@@CREDS@@\">
      <allowed-origins>
        <origin>@@ORIGIN@@</origin>
      </allowed-origins>
      <allowed-methods preflight-result-max-age=\"600\">
        @@METHODS@@
      </allowed-methods>
      <allowed-headers>
        @@HEADERS@@
      </allowed-headers>
      @@EXPOSE@@
    </cors>
    <base />
  </inbound>
</policies>",
        &[
            (
                "NOTE",
                if v.origin_known {
                    String::new()
                } else {
                    format!("<!-- {} -->", v.origin_note("").trim())
                },
            ),
            ("CREDS", v.credentials.to_string()),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", methods),
            ("HEADERS", headers),
            ("EXPOSE", expose),
        ],
    );
    Fix {
        target: "azure-apim".to_string(),
        title: "Azure API Management: <cors> policy first in <inbound>".to_string(),
        text,
    }
}

/// Product fix first, then the generic ones.
pub(crate) fn fixes(g: Gateway, ctx: &FixContext, v: &Vals) -> Vec<Fix> {
    if ctx.gateway_response.as_deref() == Some(crate::cause::CACHE_HIT) {
        if g.is_storage() {
            // Storage keeps no copies: the CDN in front does (for S3, CloudFront), and the
            // bucket's rules make the headers it should have stored.
            let cdn = (g == Gateway::AwsS3).then_some(Gateway::Cloudfront);
            let mut out = vec![cached_copy(cdn, v)];
            out.extend(super::storage::fixes(g, v));
            return out;
        }
        let mut out = vec![cached_copy(Some(g), v)];
        out.extend(servers::generic_fixes(ctx, v));
        return out;
    }
    // Object storage: its own CORS rules are the whole fix (no server code to add headers).
    if g.is_storage() {
        return super::storage::fixes(g, v);
    }
    let first = match g {
        // Cloudflare passed on the application's response: the application's fix first.
        Gateway::Cloudflare if ctx.cause != Some(CauseKind::GatewayError) => {
            let mut out = servers::generic_fixes(ctx, v);
            out.insert(1.min(out.len()), cloudflare_transform(v));
            return out;
        }
        // 520–527, 530: Cloudflare could not get an answer from the origin server.
        Gateway::Cloudflare
            if ctx
                .gateway_response
                .as_deref()
                .and_then(|c| c.parse::<u16>().ok())
                .is_some_and(|c| matches!(c, 520..=527 | 530)) =>
        {
            Some(cloudflare_origin(v))
        }
        Gateway::Cloudflare => Some(cloudflare(ctx, v)),
        Gateway::Envoy => Some(istio_cors(v)),
        Gateway::Cloudfront => Some(cloudfront(ctx, v)),
        Gateway::Kong => Some(kong(v)),
        Gateway::Vercel if ctx.gateway_response.as_deref() == Some("DEPLOYMENT_PROTECTION") => {
            let mut out = vec![
                super::platform::vercel_protection(v),
                super::platform::vercel_function(v),
            ];
            out.extend(servers::generic_fixes(ctx, v));
            out.retain(|f| !super::is_example(f));
            return out;
        }
        Gateway::Vercel if ctx.cause != Some(CauseKind::GatewayError) => {
            Some(super::platform::vercel_function(v))
        }
        Gateway::AzureApim => Some(azure_apim(v)),
        Gateway::AwsWaf => Some(aws_waf(v)),
        Gateway::Spring => Some(spring(v)),
        Gateway::Starlette if ctx.gateway_response.as_deref() == Some("UNHANDLED_EXCEPTION") => {
            Some(fastapi_500(v))
        }
        Gateway::Starlette => Some(fastapi(v)),
        Gateway::Express if ctx.gateway_response.as_deref() == Some("CANNOT_OPTIONS") => {
            Some(servers::express(v))
        }
        Gateway::Express => Some(express_origin_callback(v)),
        Gateway::Apache => Some(apache(v)),
        Gateway::Laravel => Some(laravel_sanctum(v)),
        Gateway::Iis if ctx.gateway_response.as_deref() == Some("ANCM_APP_FAILED") => None,
        Gateway::Iis => Some(iis(v)),
        Gateway::Kestrel if ctx.gateway_response.as_deref() == Some("UNHANDLED_EXCEPTION") => {
            Some(aspnet_core_exception(v))
        }
        _ => None,
    };
    let mut generic = servers::generic_fixes(ctx, v);
    // The server or framework is known: another framework's middleware is no fix for it
    // (Express's own comes first, written for its origin callback).
    if g.is_cors_layer()
        || matches!(
            g,
            Gateway::Apache | Gateway::Laravel | Gateway::Kestrel | Gateway::Iis
        )
    {
        generic.retain(|f| !super::is_example(f));
    }
    // IIS and Kestrel run ASP.NET Core: its CORS middleware.
    if matches!(g, Gateway::Kestrel | Gateway::Iis) {
        generic.insert(0, aspnet_core(v));
    }
    // Apache passed on the answer of an application its headers name (X-Powered-By: PHP/…):
    // the application answers OPTIONS, so its fix comes first.
    if g == Gateway::Apache && ctx.framework.is_some() && ctx.gateway_response.is_none() {
        generic.extend(first);
        return generic;
    }
    let mut out: Vec<Fix> = first.into_iter().collect();
    out.extend(generic);
    out
}
