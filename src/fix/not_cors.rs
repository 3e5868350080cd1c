//! Fixes for what is not CORS at all: the page's Content-Security-Policy
//! refused the request, an https page called an http:// URL (mixed content),
//! a fetch() with `mode: 'same-origin'` went to another origin, or a Worker's
//! script is on another origin. All are decided inside the page before
//! anything is sent, so no header on the API's server changes them.

use super::{Fix, FixContext};
use crate::exchange::PageBlockKind;

const NOT_SERVER: &str = "No CORS header on the API's server can fix this: the browser stopped the request inside the page, before sending it.";

/// The fixes for a page-blocked request (`content_security_policy`,
/// `mixed_content`, `same_origin_mode`, `worker_script_origin`).
pub(crate) fn fixes(ctx: &FixContext) -> Vec<Fix> {
    use crate::cause::CauseKind;
    let kind = ctx.page_block.as_ref().map(|b| b.kind).or(match ctx.cause {
        Some(CauseKind::ContentSecurityPolicy) => Some(PageBlockKind::ContentSecurityPolicy),
        Some(CauseKind::MixedContent) => Some(PageBlockKind::MixedContent),
        Some(CauseKind::SameOriginMode) => Some(PageBlockKind::SameOriginMode),
        Some(CauseKind::WorkerScriptOrigin) => Some(PageBlockKind::WorkerScriptOrigin),
        Some(CauseKind::ResourcePolicy) => Some(PageBlockKind::ResourcePolicy),
        Some(CauseKind::EmbedderPolicy) => Some(PageBlockKind::EmbedderPolicy),
        _ => None,
    });
    match kind {
        Some(PageBlockKind::ContentSecurityPolicy) => csp_fixes(ctx),
        Some(PageBlockKind::MixedContent) => mixed_content_fixes(ctx),
        Some(PageBlockKind::SameOriginMode) => same_origin_mode_fixes(ctx),
        Some(PageBlockKind::WorkerScriptOrigin) => worker_script_fixes(ctx),
        Some(PageBlockKind::ResourcePolicy) => vec![resource_policy_fix(ctx, false)],
        Some(PageBlockKind::EmbedderPolicy) => vec![
            resource_policy_fix(ctx, true),
            Fix {
                target: "coep".to_string(),
                title: "The page: Cross-Origin-Embedder-Policy: credentialless".to_string(),
                text:
                    "# The page's own headers (the server or dev server that serves the page): with
# credentialless, cross-origin resources without Cross-Origin-Resource-Policy load (without
# cookies) instead of being blocked; crossOriginIsolated stays true (Chrome 96+, Firefox 119+;
# Safari: require-corp only).
Cross-Origin-Embedder-Policy: credentialless
Cross-Origin-Opener-Policy: same-origin
# Vite: server: { headers: { 'Cross-Origin-Embedder-Policy': 'credentialless',
#                           'Cross-Origin-Opener-Policy': 'same-origin' } }
# Or load the resource with CORS: <img crossorigin src=…> / <script crossorigin src=…>, its
# server sending Access-Control-Allow-Origin."
                        .to_string(),
            },
        ],
        None => Vec::new(),
    }
}

/// The resource's server: Cross-Origin-Resource-Policy: cross-origin on it.
fn resource_policy_fix(ctx: &FixContext, coep: bool) -> Fix {
    let why = if coep {
        "# The page's Cross-Origin-Embedder-Policy: require-corp loads a cross-origin resource only if
# its response opts in: on the server of the resource, for these files:"
    } else {
        "# The resource's server sends Cross-Origin-Resource-Policy: same-origin (or same-site); let
# other sites load it, for these files:"
    };
    Fix {
        target: "corp".to_string(),
        title: "The resource's server: Cross-Origin-Resource-Policy: cross-origin".to_string(),
        text: format!(
            "{why} {url}
Cross-Origin-Resource-Policy: cross-origin
# Express with Helmet (v5+ sends same-origin by default):
app.use(helmet({{ crossOriginResourcePolicy: {{ policy: 'cross-origin' }} }}));
# nginx, in the location that serves them:
add_header Cross-Origin-Resource-Policy cross-origin always;
# S3/CloudFront: a response headers policy with that header; a CDN: its custom headers.",
            url = if ctx.url.is_empty() {
                "(the blocked URL)"
            } else {
                ctx.url.as_str()
            },
        ),
    }
}

/// The URL's path and query (`/v1/items?x=1`), for a same-origin proxy path.
fn path_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        })
        .unwrap_or_else(|| "/".to_string())
}

/// The page's fix for a credentialed request refused by `Access-Control-Allow-Origin: *`:
/// send it without credentials, which `*` admits.
pub(crate) fn no_credentials_fix(ctx: &FixContext) -> Fix {
    let v = super::common::Vals::from_ctx(ctx);
    let method = v.method.to_ascii_uppercase();
    let why = if ctx
        .cors_error
        .as_deref()
        .is_some_and(|e| e.ends_with("WildcardOriginNotAllowed"))
    {
        "// The server's wildcard origin (`*`) admits every page, but only for a request without
// credentials (cookies, HTTP authentication, TLS client certificates)."
    } else {
        "// The server does not allow credentials (no `Access-Control-Allow-Credentials: true`).
// If the call needs no cookie, HTTP authentication or TLS client certificate, send it
// without: a client library may default to credentials: 'include' (or withCredentials)."
    };
    Fix {
        target: "no-credentials".to_string(),
        title: "The page: send the request without credentials".to_string(),
        text: format!(
            "{why}
// An API key or bearer token the code sets in a header or the URL is not a credential here.
{note}
// fetch(): leave credentials at its default
fetch('{url}', {{
  method: '{method}',
  // credentials: 'include',   <- remove this line (the default is 'same-origin')
}});

// XMLHttpRequest
xhr.withCredentials = false;

// axios: the call, the instance (axios.create) and axios.defaults.withCredentials
axios.get('{url}', {{ withCredentials: false }});

// jQuery: drop xhrFields: {{ withCredentials: true }}
// Angular HttpClient: drop withCredentials: true, and any interceptor that sets it

// If the call does need the cookie, the server must answer {page} by name (never `*`):
//   Access-Control-Allow-Origin: {page}
//   Access-Control-Allow-Credentials: true
//   Vary: Origin",
            url = v.url,
            page = v.origin,
            note = v.origin_note_line("//"),
        ),
    }
}

/// The page's fix for CORS response headers it sets on its own request
/// (`Access-Control-Allow-Origin: *` in fetch()'s headers): remove them.
pub(crate) fn response_header_on_request(ctx: &FixContext, names: &[String]) -> Fix {
    let v = super::common::Vals::from_ctx(ctx);
    let lines: String = names
        .iter()
        .map(|n| {
            format!("    // '{n}': …,   <- remove: the server sends it, the request does not\n")
        })
        .collect();
    let xhr: String = names
        .iter()
        .map(|n| {
            format!("// xhr.setRequestHeader('{n}', …);   <- remove\n// headers.append('{n}', …);          <- remove (a Headers object)\n")
        })
        .collect();
    Fix {
        target: "client".to_string(),
        title: "The page: remove the CORS response headers from the request".to_string(),
        text: format!(
            "// Access-Control-* response headers are the server's answer to the browser. Set on a
// request they change nothing the browser checks; they only make it need a preflight.
fetch('{url}', {{
  method: '{method}',
  headers: {{
{lines}  }},
}});

{xhr}// axios, Angular, jQuery: drop them from the call's headers, the instance's defaults and
// any interceptor that adds them.

// The server answers with them (its CORS settings), e.g. for this page:
//   Access-Control-Allow-Origin: {page}",
            url = v.url,
            method = v.method.to_ascii_uppercase(),
            page = v.origin,
        ),
    }
}

/// The code fix for a `mode: 'no-cors'` fetch whose response the page needs.
pub(crate) fn no_cors_mode_fix(ctx: &FixContext) -> Fix {
    let page = super::common::Vals::from_ctx(ctx).origin;
    Fix {
        target: "fetch-mode".to_string(),
        title: "Drop mode: 'no-cors' from the fetch() call".to_string(),
        text: format!(
            "// mode: 'no-cors' gives the page an opaque response: status 0, no headers, an empty body.\n// It does not get around CORS; it hides the response. Remove it:\nfetch('{url}', {{\n  // mode: 'no-cors',   <- remove this line\n}});\n// The API must then answer {page} with CORS headers; check it:\n//   whycors check {quoted} --origin {page}",
            url = ctx.url,
            quoted = crate::shell::quote(&ctx.url)
        ),
    }
}

fn same_origin_mode_fixes(ctx: &FixContext) -> Vec<Fix> {
    // The page's origin as every fix writes it (cleaned; the shared placeholder when unknown).
    let page = super::common::Vals::from_ctx(ctx).origin;
    let api = api_origin(&ctx.url);
    let path = path_of(&ctx.url);
    let code = Fix {
        target: "fetch-mode".to_string(),
        title: "Drop mode: 'same-origin' from the fetch() call".to_string(),
        text: format!(
            "// {NOT_SERVER}\n// mode: 'same-origin' lets fetch() reach only the page's own origin ({page}).\n// Remove it: the default mode, 'cors', sends a CORS request the API can allow.\nfetch('{url}', {{\n  // mode: 'same-origin',   <- remove this line\n}});\n// The API must then answer with CORS headers for {page}:\n//   whycors check {quoted} --origin {page}",
            url = ctx.url,
            quoted = crate::shell::quote(&ctx.url)
        ),
    };
    let proxy = Fix {
        target: "same-origin-proxy".to_string(),
        title: format!("nginx on {page}: reach the API through the page's own origin"),
        text: format!(
            "# Keep mode: 'same-origin' by making the API same-origin: proxy it under {page}.\n# In the server block that serves {page}:\nlocation /api/ {{\n    proxy_pass {api}/;   # /api/x -> {api}/x\n    proxy_set_header Host {host};\n}}\n# Then call it by path: fetch('/api{path}', {{ mode: 'same-origin' }})",
            host = crate::fetch::origin::host_of(&ctx.url).unwrap_or_else(|| "api.example.com".to_string())
        ),
    };
    vec![code, proxy]
}

fn worker_script_fixes(ctx: &FixContext) -> Vec<Fix> {
    // The page's origin as every fix writes it (cleaned; the shared placeholder when unknown).
    let page = super::common::Vals::from_ctx(ctx).origin;
    let bootstrap = Fix {
        target: "worker-bootstrap".to_string(),
        title: "Start the worker from a same-origin script that loads it".to_string(),
        text: format!(
            "// {NOT_SERVER}\n// A Worker's script must be on the page's origin ({page}); {url} is not.\n// A blob: URL has the page's origin: start the worker there and load the script.\n// importScripts() in a classic worker fetches it without CORS.\nconst boot = new Blob([`importScripts(${{JSON.stringify('{url}')}});`], {{ type: 'text/javascript' }});\nconst worker = new Worker(URL.createObjectURL(boot));\n// A module worker: use `import '{url}';` in the blob and {{ type: 'module' }}; the\n// script's server must then send Access-Control-Allow-Origin: {page}.\n// A Content-Security-Policy on the page must allow blob: in worker-src.",
            url = ctx.url
        ),
    };
    let proxy = Fix {
        target: "same-origin-proxy".to_string(),
        title: format!("nginx on {page}: serve the worker script from the page's origin"),
        text: format!(
            "# In the server block that serves {page}:\nlocation = /vendor/worker.js {{\n    proxy_pass {url};\n}}\n# Then: new Worker('/vendor/worker.js')",
            url = ctx.url
        ),
    };
    vec![bootstrap, proxy]
}

/// The API's origin (`https://api.example.com`), else the URL as given.
fn api_origin(url: &str) -> String {
    crate::fetch::origin::origin_of(url).unwrap_or_else(|| url.to_string())
}

/// The directive that blocked the request with the API's origin added:
/// `(old, new)`. A `default-src` fallback becomes its own `connect-src` (so
/// scripts, images … keep the stricter default).
fn new_directive(ctx: &FixContext) -> (Option<String>, String) {
    let api = api_origin(&ctx.url);
    let old = ctx
        .page_block
        .as_ref()
        .and_then(|b| b.directive.clone())
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|d| !d.is_empty());
    let new = match &old {
        Some(d) => {
            let mut parts = d.split_whitespace();
            let name = parts.next().unwrap_or("connect-src").to_ascii_lowercase();
            let name = if name == "default-src" {
                "connect-src".to_string()
            } else {
                name
            };
            // `'none'` cannot be combined with other sources.
            let mut sources: Vec<&str> = parts
                .filter(|s| !s.eq_ignore_ascii_case("'none'"))
                .collect();
            if !sources.iter().any(|s| s.eq_ignore_ascii_case(&api)) {
                sources.push(&api);
            }
            format!("{name} {}", sources.join(" "))
        }
        None => format!("connect-src 'self' {api}"),
    };
    (old, new)
}

fn csp_note(old: Option<&str>) -> Vec<String> {
    let mut n = vec![NOT_SERVER.to_string()];
    match old {
        Some(o) if o.to_ascii_lowercase().starts_with("default-src") => n.push(format!(
            "The page has no connect-src, so \"{o}\" applied; a connect-src of its own opens only fetch/XHR/WebSocket/EventSource, not scripts or images."
        )),
        Some(o) => n.push(format!("The directive that blocked it: \"{o}\".")),
        None => n.push(
            "The message did not quote the directive: start from the page's current connect-src (or default-src)."
                .to_string(),
        ),
    }
    n.push("Keep the policy's other directives as they are. If the page has several policies (a header and a <meta> tag), each must allow the API.".to_string());
    n
}

fn comment_lines(prefix: &str, lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| format!("{prefix} {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn csp_fixes(ctx: &FixContext) -> Vec<Fix> {
    let (old, new) = new_directive(ctx);
    let notes = csp_note(old.as_deref());
    let header = Fix {
        target: "csp-header".to_string(),
        title: "Page's Content-Security-Policy header: allow the API in connect-src".to_string(),
        text: format!(
            "{}\n# Wherever the page's HTML is served from (not the API):\nContent-Security-Policy: {new}",
            comment_lines("#", &notes)
        ),
    };
    let nginx = Fix {
        target: "csp-nginx".to_string(),
        title: "nginx serving the page: add_header Content-Security-Policy".to_string(),
        text: format!(
            "{}\n# In the server/location block that serves the page's HTML:\nadd_header Content-Security-Policy \"{new}\" always;",
            comment_lines("#", &notes)
        ),
    };
    let meta = Fix {
        target: "csp-meta".to_string(),
        title: "Page's <meta> Content-Security-Policy tag: allow the API".to_string(),
        text: format!(
            "<!--\n{}\n-->\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
            notes.join("\n"),
            new.replace('"', "&quot;")
        ),
    };
    vec![header, nginx, meta]
}

fn mixed_content_fixes(ctx: &FixContext) -> Vec<Fix> {
    // The https address: the default port (the proxy below listens on 443).
    let https_url = url::Url::parse(&ctx.url)
        .ok()
        .filter(|u| u.scheme() == "http")
        .and_then(|mut u| {
            u.set_scheme("https").ok()?;
            u.set_port(None).ok()?;
            Some(u.to_string())
        })
        .unwrap_or_else(|| ctx.url.clone());
    let host =
        crate::fetch::origin::host_of(&ctx.url).unwrap_or_else(|| "api.example.com".to_string());
    let upstream = api_origin(&ctx.url);
    let client = Fix {
        target: "https-url".to_string(),
        title: "Call the API over https://".to_string(),
        text: format!(
            "// {NOT_SERVER}\n// An https page may only call https:// APIs (http://localhost excepted).\n// Change the URL (or the base URL in the app's config / environment):\n// before: {}\n// after:  {https_url}\nfetch('{https_url}')\n// The API must then answer over TLS: use the platform's https endpoint, or put a\n// TLS-terminating reverse proxy in front of it (next fix).",
            ctx.url
        ),
    };
    let proxy = Fix {
        target: "nginx-tls-proxy".to_string(),
        title: "nginx: serve the API over https (TLS reverse proxy)".to_string(),
        text: format!(
            "# The API only speaks http: terminate TLS in front of it and proxy to it.\n# The certificate must be valid for {host} (e.g. from Let's Encrypt).\nserver {{\n    listen 443 ssl;\n    server_name {host};\n    ssl_certificate     /etc/ssl/{host}/fullchain.pem;\n    ssl_certificate_key /etc/ssl/{host}/privkey.pem;\n\n    location / {{\n        proxy_pass {upstream};  # the API's current http:// address\n        proxy_set_header Host $host;\n        proxy_set_header X-Forwarded-Proto https;\n    }}\n}}"
        ),
    };
    vec![client, proxy]
}

/// `url`'s path and query, as the page would write it relative to its own origin.
fn relative_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let mut r = u.path().to_string();
    if let Some(q) = u.query() {
        r.push('?');
        r.push_str(q);
    }
    Some(r)
}

/// The page calls the API a pasted dev-server proxy forwards to, directly: the path
/// relative to the page, through the proxy.
pub(crate) fn through_dev_proxy(ctx: &FixContext, p: &crate::exchange::DevProxy) -> Fix {
    let relative = relative_of(&ctx.url).unwrap_or_else(|| "/api/…".to_string());
    let page = ctx
        .origin
        .clone()
        .unwrap_or_else(|| "the page's origin".to_string());
    Fix {
        target: "same-origin-url".to_string(),
        title: "Call the API through the dev server's proxy: a relative URL".to_string(),
        text: format!(
            "// The {tool} proxy (line {line}) forwards {context} to {target}; the page called it directly.\n// before: {url}\n// after:  {relative}   (relative: sent to the dev server at {page}, which forwards it)\nfetch('{relative}')\n// With a base URL (axios.create({{ baseURL }}), an environment variable, Angular's\n// environment.ts): '' or the proxied path in development, not {target}.\n// Restart the dev server after changing its proxy (Angular: ng serve --proxy-config\n// proxy.conf.json, or \"proxyConfig\" in angular.json).",
            tool = p.tool,
            line = p.line,
            context = p.context,
            target = p.target,
            url = ctx.url,
        ),
    }
}

/// The page calls its own site by another name (another scheme, or with or without
/// `www.`): the same name as the page, and no CORS is involved.
pub(crate) fn own_site_url(ctx: &FixContext, kind: crate::fetch::origin::OtherName) -> Fix {
    use crate::fetch::origin::OtherName;
    let page = ctx
        .origin
        .clone()
        .unwrap_or_else(|| "the page's origin".to_string());
    let relative = relative_of(&ctx.url).unwrap_or_else(|| "/path".to_string());
    let (title, why, more) = match kind {
        OtherName::Scheme { page_https: true } => (
            "Call the page's own origin: https:// or a relative URL",
            "calls its own host over http://",
            "// An app behind a proxy that ends TLS builds http:// URLs when it does not trust the
// proxy's X-Forwarded-Proto: make it trust it, and the URLs it builds are https://.
//   Express:  app.set('trust proxy', 1)
//   Laravel:  URL::forceScheme('https') in AppServiceProvider::boot() (or TrustProxies)
//   Django:   SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')
//   Rails:    config.assume_ssl = true
//   Spring:   server.forward-headers-strategy=framework",
        ),
        OtherName::Scheme { page_https: false } => (
            "Serve the page over https://, or call a relative URL",
            "is served over http:// and calls its own host over https://",
            "// Better: serve the page over https:// too (and redirect http:// to it).",
        ),
        OtherName::Loopback => (
            "Call the page's own host name: a relative URL",
            "calls its own server under another name of this machine",
            "// localhost, 127.0.0.1 and [::1] are three origins to the browser: keep to one name\n// (the page's), in the code and in the server's list of allowed origins.",
        ),
        OtherName::Www => (
            "Call the page's own host: a relative URL",
            "calls its own site under the other name (with or without www.)",
            "// Or settle on one name for the site: redirect page loads from the other name (never\n// the API's calls: a redirect breaks a preflight), or allow both origins on the API.",
        ),
    };
    Fix {
        target: "same-origin-url".to_string(),
        title: title.to_string(),
        text: format!(
            "// The page ({page}) {why}:\n// another origin, so the call is cross-origin. On the page's own origin no CORS is involved.\n// before: {}\n// after:  {relative}   (relative: the page's scheme and host)\nfetch('{relative}')\n{more}",
            ctx.url
        ),
    }
}

/// The page sends a header a public service's preflight does not allow (an interceptor's
/// Authorization to Google's discovery document, an SDK's own header): leave it out there.
/// The library that adds a request header on its own to every call, with its option that
/// keeps the header to the page's own API: tracing (Sentry, OpenTelemetry, Datadog RUM,
/// Application Insights) and the AWS SDK's retry headers.
pub(crate) fn added_by_library(h: &str) -> bool {
    header_adder(h).is_some()
}

fn header_adder(h: &str) -> Option<&'static str> {
    let h = h.to_ascii_lowercase();
    Some(match h.as_str() {
        "sentry-trace" | "baggage" => "// Sentry: trace headers go only to the URLs tracePropagationTargets lists (your API):
Sentry.init({ dsn, tracePropagationTargets: ['localhost', /^https:\\/\\/api\\.your-app\\.example/] });",
        "traceparent" | "tracestate" => "// W3C trace context (OpenTelemetry, Datadog RUM, Application Insights): only your API's URLs.
// OpenTelemetry: new FetchInstrumentation({ propagateTraceHeaderCorsUrls: [/api\\.your-app\\.example/] })
// Datadog RUM: datadogRum.init({ allowedTracingUrls: ['https://api.your-app.example'] })
// Application Insights: { enableCorsCorrelation: true, correlationHeaderExcludedDomains: ['*.the-service.example'] }",
        "request-id" | "request-context" => "// Application Insights: correlation headers only to your API:
// { enableCorsCorrelation: true, correlationHeaderExcludedDomains: ['*.the-service.example'] }",
        h if h.starts_with("x-datadog-") => "// Datadog RUM: trace headers only to your API:
datadogRum.init({ allowedTracingUrls: ['https://api.your-app.example'] });",
        "amz-sdk-invocation-id" | "amz-sdk-request" | "x-amz-user-agent" => "// AWS SDK for JavaScript v3 adds amz-sdk-invocation-id / amz-sdk-request on every call
// (its retry middleware): a service whose CORS does not allow them fails in the browser.
// Use an SDK version whose calls that service accepts (the last one that worked), report
// it to AWS, or make the call from your own server.",
        _ => return None,
    })
}

pub(crate) fn header_to_public_service(ctx: &FixContext) -> Fix {
    let host = url::Url::parse(&ctx.url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "the service".to_string());
    let names = ctx.request_headers.join(", ");
    let added_by = |h: &String| header_adder(h);
    let adders: Vec<&str> = ctx.request_headers.iter().filter_map(added_by).collect();
    let text = if !adders.is_empty() && adders.len() == ctx.request_headers.len() {
        // Every such header is a library's: its own option keeps it off other hosts.
        let mut seen = Vec::new();
        for a in adders {
            if !seen.contains(&a) {
                seen.push(a);
            }
        }
        format!(
            "// {host}'s CORS settings allow no {names}, which a library of the page's adds
// to every call, not your code: keep it off calls there (or allow it, if {host} is yours).
{}",
            seen.join("\n")
        )
    } else {
        format!(
            "// {host} is a public service: its CORS settings are its own. Do not send {names} to it.
// An interceptor that adds a header to every call must leave this host out. Angular:
intercept(req: HttpRequest<unknown>, next: HttpHandler) {{
  if (new URL(req.url, location.href).host === '{host}') return next.handle(req);
  return next.handle(req.clone({{ setHeaders: {{ Authorization: `Bearer ${{token}}` }} }}));
}}
// axios: set it on your own API's instance (axios.create({{ baseURL, headers }})), not on
// axios.defaults.headers.common, so calls to other hosts go without it.
// A header an SDK adds itself (amz-sdk-invocation-id, x-client-*): drop it with the SDK's
// middleware or options, or make the call from your own server."
        )
    };
    Fix {
        target: "client".to_string(),
        title: format!("The page: do not send {names} to {host}"),
        text,
    }
}

/// The request's URL for the page's code, `URL` where the input has none.
fn call_url(ctx: &FixContext) -> &str {
    if ctx.url.is_empty() {
        "URL"
    } else {
        &ctx.url
    }
}

/// A content blocker cancelled the call (an analytics or ad host, a blocker named, Chrome's
/// net::ERR_BLOCKED_BY_CLIENT): the page's side, as nothing on a server changes it.
pub(crate) fn blocked_by_extension(ctx: &FixContext) -> Fix {
    let url = call_url(ctx);
    Fix {
        target: "client".to_string(),
        title: "The page: a call a content blocker cancels fails quietly".to_string(),
        text: format!(
            "// A content blocker cancels the call before it leaves the browser: no server setting
// changes that. Check: the call goes through with the extension off (or in a private window
// without extensions); Chrome's Network panel shows it as (blocked:other).
// Optional calls (analytics, ads, telemetry) should fail without breaking the page:
fetch('{url}', {{ method: 'POST', keepalive: true }})
  .catch(() => {{ /* blocked or offline: ignore */ }});
// A call the page needs goes to your own origin instead (a first-party path, proxied on
// your server), which blockers do not list."
        ),
    }
}

/// Content-Type refused by the preflight: the page's side, where the call has no body.
pub(crate) fn content_type_without_body(ctx: &FixContext) -> Fix {
    let url = call_url(ctx);
    Fix {
        target: "client".to_string(),
        title: "The page: no Content-Type on a call without a body".to_string(),
        text: format!(
            "// Content-Type is a header of the body. A GET or HEAD has none: do not set it there, and
// the request needs no preflight at all (nothing for the API's owner to change).
fetch('{url}', {{ headers: {{ Accept: 'application/json' }} }});   // no Content-Type
// A wrapper or interceptor that sets it on every call: only when there is a body.
//   axios: axios.defaults.headers.common['Content-Type'] → set it per call with data instead
//   Angular: in the interceptor, if (req.body != null) add Content-Type
// A JSON body (POST/PUT) needs the preflight: the API must list content-type in
// Access-Control-Allow-Headers, or send text/plain if the API accepts it, or call it from your server."
        ),
    }
}

/// A page opened from a file: serve its folder over http:// instead.
pub(crate) fn local_web_server() -> Fix {
    Fix {
        target: "client".to_string(),
        title: "Open the page from a local web server, not from a file".to_string(),
        text:
            "# A page opened as file:// has the origin `null`, and browsers fetch no file: URL from
# script. Serve the folder over http:// and open the page from there:
python3 -m http.server 8000        # then http://localhost:8000/
npx serve .                        # or any static server (VS Code: Live Server)
# In the code, fetch the data by a relative URL ('data.json'), not file:///…"
                .to_string(),
    }
}

/// An https:// URL on this machine that got no HTTP response: most often the development
/// server's certificate, which the browser does not trust (it drops the connection before
/// any HTTP and reports a CORS failure: Firefox's "CORS request did not succeed", Chrome's
/// net::ERR_CERT_AUTHORITY_INVALID).
pub(crate) fn untrusted_local_certificate(ctx: &FixContext) -> Option<Fix> {
    let url = &ctx.url;
    if crate::fetch::origin::scheme_of(url).as_deref() != Some("https")
        || crate::fetch::origin::address_space_of(url) != Some("loopback")
    {
        return None;
    }
    let origin = crate::fetch::origin::origin_of(url)?;
    let host = crate::fetch::origin::host_of(url).unwrap_or_else(|| "localhost".to_string());
    let text = format!(
        "# {origin} sent no HTTP answer. With the server up, the usual cause
# is its certificate: a development certificate the browser does not trust.
# The browser drops the connection before any HTTP and reports a CORS failure.
# 1. Open {origin}/ in a tab: a certificate warning shows. Accept it (Firefox:
#    \"Accept the Risk and Continue\") and reload the page.
# 2. Or trust the development certificate for good:
dotnet dev-certs https --trust      # ASP.NET Core's development certificate
mkcert -install && mkcert {host}    # any other server: serve with the files it writes
# 3. Or, in development, call the server over http:// from an http:// page."
    );
    Some(Fix {
        target: "client".to_string(),
        title: format!("Trust {origin}'s certificate"),
        text,
    })
}

/// A preflight to a public CDN, which answers OPTIONS with an error: the request should need
/// none (a plain GET of a file does not).
pub(crate) fn open_cdn_no_preflight(ctx: &FixContext, host: &str) -> Fix {
    let url = &ctx.url;
    let text = format!(
        "# {host} serves files to every site with `Access-Control-Allow-Origin: *`,
# but it does not answer preflights: load its files with a request that needs none.
# 1. Load the file with a plain tag, or a fetch() without extra headers:
#      <script src=\"{url}\" crossorigin=\"anonymous\"></script>
#      fetch('{url}')            // GET, no custom header, no Content-Type
# 2. Look for what adds a header to every request: an HTTP client's default headers
#    (axios.defaults.headers.common, an interceptor), a service worker that copies
#    the page's headers into its fetch(), a `<meta http-equiv=\"Accept-CH\">` (old
#    Chrome versions sent the client hints it asks for and preflighted them).
#    Leave the CDN's URLs out of it.
# 3. Check: the CDN answers a plain GET with the header.
curl -sI '{url}' -H 'Origin: https://your-app.example' | grep -i '^access-control-allow-origin'"
    );
    Fix {
        target: "client".to_string(),
        title: format!("Load {host}'s files without a preflight"),
        text,
    }
}

/// A public CDN that sends `Access-Control-Allow-Origin: *` to every site answered without it:
/// something between the browser and the CDN answered or rewrote it.
pub(crate) fn open_cdn_answer(ctx: &FixContext, host: &str) -> Fix {
    let url = &ctx.url;
    let origin = ctx.origin.as_deref().unwrap_or("https://your-app.example");
    let text = format!(
        "# {host} sends `Access-Control-Allow-Origin: *` to every site:
# no CORS setting of yours can change this. Something else answered:
# 1. Open the page in a private window with extensions off. If it loads, an
#    extension (an ad, tracker or privacy blocker) blocks or rewrites the file.
# 2. Try another network, or the antivirus' HTTPS scanning off: a company proxy
#    or an antivirus that inspects HTTPS may answer in the CDN's place.
# 3. Check the URL: for a version or file it does not have, the CDN answers an error.
curl -sI '{url}' -H 'Origin: {origin}' | grep -i -E '^(HTTP|access-control)'
# 4. Or serve the file from the page's own origin (download it, or bundle the
#    package): a same-origin file needs no CORS and no third party."
    );
    Fix {
        target: "client".to_string(),
        title: format!("Find what answered in {host}'s place"),
        text,
    }
}

/// A web app manifest fetched without cookies behind a sign-in: the link sends them.
pub(crate) fn manifest_credentials(ctx: &FixContext) -> Fix {
    let path = url::Url::parse(&ctx.url)
        .ok()
        .map(|u| u.path().to_string())
        .filter(|p| p.len() > 1)
        .unwrap_or_else(|| "/manifest.webmanifest".to_string());
    Fix {
        target: "manifest".to_string(),
        title: "Send the cookies with the manifest's request".to_string(),
        text: format!(
            "<!-- The browser fetches the manifest without cookies unless the link asks for them;
     behind a sign-in (Cloudflare Access, an auth proxy) it is then sent to sign in. -->
<link rel=\"manifest\" href=\"{path}\" crossorigin=\"use-credentials\">
<!-- Or let the manifest's path through the sign-in (a Cloudflare Access bypass policy
     for {path}): it holds nothing secret. -->"
        ),
    }
}
