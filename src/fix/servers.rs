//! Servers without a named gateway (the headers, Express), nginx, and the
//! page-side fixes.

use super::common::{comment, fill, lines, Vals};
use super::{Fix, FixContext};
use crate::cause::CauseKind;
use crate::exchange::Stack;
use crate::gateway::served_by;

/// Plain lines saying exactly what must change for this cause.
pub(crate) fn cause_notes(ctx: &FixContext, v: &Vals) -> Vec<String> {
    let e = ctx.cors_error.as_deref().unwrap_or("");
    let bare = e.strip_prefix("Preflight").unwrap_or(e);
    let mut n: Vec<String> = Vec::new();
    match bare {
        "AllowOriginMismatch" => n.push(format!(
            "Access-Control-Allow-Origin must be byte-for-byte the page's origin {}: same scheme, host and port, no trailing slash, no path.",
            v.origin
        )),
        "WildcardOriginNotAllowed" => n.push(format!(
            "The request carries credentials, so the browser refuses the wildcard origin: reflect the exact origin {}, send Access-Control-Allow-Credentials: true and Vary: Origin.",
            v.origin
        )),
        "InvalidAllowCredentials" => n.push(
            "With credentials, Access-Control-Allow-Credentials must be exactly `true` (lower-case, one value).".to_string(),
        ),
        "MultipleAllowOriginValues" if ctx.origin_list => n.push(
            "Access-Control-Allow-Origin was sent with the whole list of allowed origins: it holds one origin. Keep the list on the server and send back only the request's Origin when it is in the list (a CORS library's list option does that; a header written by hand with the list does not).".to_string(),
        ),
        "MultipleAllowOriginValues" => n.push(
            "Access-Control-Allow-Origin was sent twice (or as a list): only one layer may add it, with one origin. Remove it from either the proxy/gateway or the application.".to_string(),
        ),
        "InvalidAllowOriginValue" => n.push(
            "Access-Control-Allow-Origin must hold one serialized origin (scheme://host[:port]): not a list, a pattern or `null`.".to_string(),
        ),
        "MethodDisallowedByPreflightResponse" => {
            if v.method_case_differs() {
                n.push(format!(
                    "Access-Control-Allow-Methods is matched case-sensitively: the page sends `{}`, which `{}` does not allow.",
                    v.method,
                    v.method.to_ascii_uppercase()
                ));
                n.push(format!(
                    "Best: send `{}` from the page (fetch upper-cases only DELETE, GET, HEAD, OPTIONS, POST, PUT); until then list both spellings.",
                    v.method.to_ascii_uppercase()
                ));
            } else {
                n.push(format!(
                    "Access-Control-Allow-Methods must list {} exactly (case-sensitive).",
                    v.method
                ));
            }
        }
        "HeaderDisallowedByPreflightResponse" => {
            n.push(format!(
                "Access-Control-Allow-Headers must list every header the page sets: {}.",
                v.sent_headers.join(", ")
            ));
            if !v.kept_headers.is_empty() {
                n.push(format!(
                    "Keep the ones it lists now ({}): other pages or clients may send them.",
                    v.kept_headers.join(", ")
                ));
            }
            if v.sent_headers.iter().any(|h| h == "authorization") {
                n.push("Authorization must be named explicitly: a wildcard in Access-Control-Allow-Headers never covers it.".to_string());
            }
        }
        "InvalidAllowMethodsPreflightResponse" | "InvalidAllowHeadersPreflightResponse" => n.push(
            "Access-Control-Allow-Methods / -Headers must be comma-separated tokens only (no quotes, no semicolons, no empty items).".to_string(),
        ),
        "DisallowedRedirect" => n.push(
            "The preflight was redirected: browsers never follow a redirect on a preflight. Call the final URL directly (https, exact trailing slash) and answer OPTIONS there with 204.".to_string(),
        ),
        "InvalidStatus" => n.push(
            "The preflight must get a 2xx status: answer OPTIONS with 204 before authentication, routing or validation.".to_string(),
        ),
        _ => {}
    }
    if n.is_empty() {
        match ctx.cause {
            Some(CauseKind::PreflightMissing) => n.push(format!(
                "Nothing answers OPTIONS {}: answer it with 204 and the preflight headers.",
                v.resource
            )),
            // Answered 2xx without the headers: the CORS layer did not take it (not set up for
            // this path, or it refused what the preflight asks).
            Some(CauseKind::PreflightFailed) if ctx.status.is_some_and(|s| (200..300).contains(&s)) => n.push(format!(
                "The preflight was answered {} without CORS headers: the CORS layer did not answer it (not set up for this path, or it refused the origin, the method or a header the preflight asks for). Answer it with the headers below.",
                ctx.status.unwrap_or(204)
            )),
            // (Said as what it is when the status is not known: one cause among others.)
            Some(CauseKind::PreflightFailed) if ctx.status.is_none() => n.push(
                "If OPTIONS is rejected (401/403): preflights carry no credentials, cookies or API keys. Let OPTIONS through unauthenticated and answer 204.".to_string(),
            ),
            Some(CauseKind::PreflightFailed) => n.push(
                "OPTIONS is rejected: preflights carry no credentials, cookies or API keys. Let OPTIONS through unauthenticated and answer 204.".to_string(),
            ),
            Some(CauseKind::ResponseMissingCors) => n.push(
                "The actual response has no Access-Control-Allow-Origin: every response, 4xx and 5xx included, needs it.".to_string(),
            ),
            Some(CauseKind::GatewayError) if ctx.gateway.is_some() => n.push(format!(
                "The proxy in front of the app generated this error{} itself, without CORS headers: fix that error; the headers only let the page see it.",
                ctx.status.map(|s| format!(" ({s})")).unwrap_or_default()
            )),
            // Nothing names what answered: a proxy, or the app's own auth or error layer.
            Some(CauseKind::GatewayError) => n.push(format!(
                "A proxy in front, or the app's own auth or error layer before its CORS middleware, answered with this error{} without CORS headers: fix that error, and let it carry the headers; they only let the page see it.",
                ctx.status.map(|s| format!(" ({s})")).unwrap_or_default()
            )),
            Some(CauseKind::HeaderNotExposed) => n.push(format!(
                "The page reads {}: list {} in Access-Control-Expose-Headers on the actual response.",
                v.expose.join(", "),
                if v.expose.len() > 1 { "them" } else { "it" }
            )),
            _ => {}
        }
    }
    n
}

/// The headers to send, for any server.
pub(crate) fn generic_headers(ctx: &FixContext, v: &Vals) -> Fix {
    let mut pre = vec![
        format!("Access-Control-Allow-Origin: {}", v.origin),
        format!("Access-Control-Allow-Methods: {}", v.methods_csv()),
        format!("Access-Control-Allow-Headers: {}", v.headers_csv()),
    ];
    let mut act = vec![format!("Access-Control-Allow-Origin: {}", v.origin)];
    if v.credentials {
        pre.push("Access-Control-Allow-Credentials: true".to_string());
        act.push("Access-Control-Allow-Credentials: true".to_string());
    }
    pre.push("Access-Control-Max-Age: 600".to_string());
    pre.push("Vary: Origin".to_string());
    if !v.expose.is_empty() {
        act.push(format!("Access-Control-Expose-Headers: {}", v.expose_csv()));
    }
    act.push("Vary: Origin".to_string());
    let mut parts = vec![
        comment("#", &cause_notes(ctx, v)),
        v.origin_note("#"),
        "# Reflect the Origin request header only when it is in your allow-list; Vary: Origin keeps caches apart.".to_string(),
    ];
    if !ctx.simple_request {
        parts.push(format!(
            "# Preflight: OPTIONS {}, status 204, answered before auth and without redirect",
            if url::Url::parse(ctx.url.trim()).is_ok() {
                v.resource.as_str()
            } else {
                "<the request's path>"
            }
        ));
        parts.push(pre.join("\n"));
        parts.push("\n# Every actual response, 4xx and 5xx included".to_string());
    } else {
        parts.push(if ctx.method_unknown {
            // (A console message's request: its method and headers are not known, and the
            // response failed, so a preflight, if one was sent, passed.)
            "# Every response, 4xx and 5xx included (the preflight, if any, passed)".to_string()
        } else {
            "# Every response, 4xx and 5xx included (this request needs no preflight)".to_string()
        });
    }
    parts.push(act.join("\n"));
    let text = lines(&parts);
    Fix {
        target: "generic".to_string(),
        title: "The CORS headers to send".to_string(),
        text,
    }
}

/// Express with the `cors` middleware.
/// The cors package's options after `origin`: the methods, the request headers (left out
/// when the request sends none: the package then allows what a preflight asks for), the
/// exposed headers, credentials and the preflight's cache time.
pub(crate) fn express_options(v: &Vals) -> Vec<String> {
    let mut opts = vec![format!("methods: [{}],", Vals::js_list(&v.methods))];
    if !v.headers.is_empty() {
        opts.push(format!("allowedHeaders: [{}],", Vals::js_list(&v.headers)));
    }
    if !v.expose.is_empty() {
        opts.push(format!("exposedHeaders: [{}],", Vals::js_list(&v.expose)));
    }
    if v.credentials {
        opts.push("credentials: true,".to_string());
    }
    opts.push("maxAge: 600,".to_string());
    opts
}

pub(crate) fn express(v: &Vals) -> Fix {
    let mut opts = vec![format!(
        "origin: ['{}'], // exact origins: the matching one is reflected, with Vary: Origin",
        v.origin
    )];
    opts.extend(express_options(v));
    let text = fill(
        "// Express (npm install cors)
@@NOTE@@
import cors from 'cors';

app.use(cors({
  @@OPTS@@
})); // register first: before auth, routers and error handlers, so OPTIONS and errors get the headers",
        &[("NOTE", v.origin_note("//")), ("OPTS", opts.join("\n"))],
    );
    Fix {
        target: "express".to_string(),
        title: "Express: the cors middleware, registered first".to_string(),
        text,
    }
}

fn nginx_location(v: &Vals) -> String {
    let trimmed = v.resource.trim_start_matches('/');
    match trimmed.split_once('/') {
        Some((first, _)) if !first.is_empty() => format!("/{first}/"),
        _ => "/".to_string(),
    }
}

/// nginx: `add_header … always`, OPTIONS answered with 204, a `map` of allowed origins.
pub(crate) fn nginx(
    ctx: &FixContext,
    v: &Vals,
    extra_server: &[String],
    extra_location: &[String],
) -> Fix {
    let mut pre = vec![
        "add_header Access-Control-Allow-Origin $cors_origin always;".to_string(),
        format!(
            "add_header Access-Control-Allow-Methods \"{}\" always;",
            v.methods_csv()
        ),
        format!(
            "add_header Access-Control-Allow-Headers \"{}\" always;",
            v.headers_csv()
        ),
    ];
    let mut act = vec!["add_header Access-Control-Allow-Origin $cors_origin always;".to_string()];
    if v.credentials {
        pre.push("add_header Access-Control-Allow-Credentials \"true\" always;".to_string());
        act.push("add_header Access-Control-Allow-Credentials \"true\" always;".to_string());
    }
    pre.push("add_header Access-Control-Max-Age 600 always;".to_string());
    pre.push("add_header Vary Origin always;".to_string());
    pre.push("return 204;".to_string());
    if !v.expose.is_empty() {
        act.push(format!(
            "add_header Access-Control-Expose-Headers \"{}\" always;",
            v.expose_csv()
        ));
    }
    act.push("add_header Vary Origin always;".to_string());
    let text = fill(
        "# nginx
@@NOTES@@
@@NOTE@@
# `always` puts the headers on every status: without it add_header applies only to 2xx/3xx,
# so nginx's own 4xx/5xx (and the app's errors) reach the page without CORS headers.
# add_header in a location replaces every add_header inherited from server/http.

# http { } context: reflect only the allowed origins (add more lines for more origins)
map $http_origin $cors_origin {
    default \"\";
    \"@@ORIGIN@@\" $http_origin;
}

server {
    @@SERVER@@
    location @@LOCATION@@ {
        @@LOCEXTRA@@
        if ($request_method = OPTIONS) {
            @@PRE@@
        }
        @@ACT@@
        proxy_pass http://backend;   # your upstream
    }
}",
        &[
            ("NOTES", comment("#", &cause_notes(ctx, v))),
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("SERVER", extra_server.join("\n")),
            ("LOCATION", nginx_location(v)),
            ("LOCEXTRA", extra_location.join("\n")),
            ("PRE", pre.join("\n")),
            ("ACT", act.join("\n")),
        ],
    );
    Fix {
        target: "nginx".to_string(),
        title: "nginx: add_header … always, OPTIONS answered with 204".to_string(),
        text,
    }
}

/// The page sends a method in lower case.
pub(crate) fn client_method_case(v: &Vals) -> Fix {
    let upper = v.method.to_ascii_uppercase();
    let text = fill(
        "// fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT: '@@METHOD@@' goes out as-is,
// and Access-Control-Allow-Methods is matched case-sensitively, so '@@UPPER@@' does not allow it.
// Page origin: @@ORIGIN@@
@@NOTE@@
const res = await fetch('@@URL@@', {
  method: '@@UPPER@@', // not '@@METHOD@@'
  // ...the rest of your options unchanged
});",
        &[
            ("METHOD", v.method.clone()),
            ("UPPER", upper),
            ("ORIGIN", v.origin.clone()),
            ("NOTE", v.origin_note("//")),
            ("URL", v.url.clone()),
        ],
    );
    Fix {
        target: "client".to_string(),
        title: format!("Page: send the method as {}", v.method.to_ascii_uppercase()),
        text,
    }
}

/// Retry a 429 with backoff, honouring Retry-After.
pub(crate) fn client_retry(v: &Vals) -> Fix {
    let exposed = if v
        .expose
        .iter()
        .any(|h| h.eq_ignore_ascii_case("retry-after"))
    {
        String::new()
    } else {
        "// To read Retry-After cross-origin, the 429 must also send Access-Control-Expose-Headers: Retry-After.".to_string()
    };
    let text = fill(
        "// Page (@@ORIGIN@@): retry 429 with exponential backoff and jitter, honouring Retry-After.
@@NOTE@@
@@EXPOSED@@
async function fetchWithRetry(url, options = {}, attempts = 5) {
  for (let i = 0; ; i++) {
    const res = await fetch(url, options);
    if (res.status !== 429 || i >= attempts - 1) return res;
    const retryAfter = Number(res.headers.get('Retry-After'));
    const delay = retryAfter > 0 ? retryAfter * 1000 : Math.min(30000, 2 ** i * 500) * (0.5 + Math.random());
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

const res = await fetchWithRetry('@@URL@@', { method: '@@METHOD@@' });",
        &[
            ("ORIGIN", v.origin.clone()),
            ("EXPOSED", exposed),
            ("NOTE", v.origin_note("//")),
            ("URL", v.url.clone()),
            ("METHOD", v.method.clone()),
        ],
    );
    Fix {
        target: "client".to_string(),
        title: "Page: retry 429 with backoff".to_string(),
        text,
    }
}

/// A redirect broke the request: stop redirecting API calls.
fn redirect_fixes(ctx: &FixContext, v: &Vals) -> Vec<Fix> {
    // The preflight itself was redirected — unless the request was redirected first and
    // the new preflight at the redirect's target was (cause `redirect`).
    let preflight = ctx.cors_error.as_deref() == Some("PreflightDisallowedRedirect")
        && ctx.cause != Some(CauseKind::Redirect);
    let location = ctx
        .redirect_location
        .as_deref()
        .map(|l| {
            l.chars()
                .filter(|c| c.is_ascii_graphic() && !"'\"`<>\\".contains(*c))
                .collect::<String>()
        })
        .filter(|l| !l.is_empty());
    let mut out = Vec::new();
    // The actual request's redirect passed, but the new preflight the browser
    // sent to the redirect target failed.
    let hop_preflight = !preflight && ctx.stage == Some(crate::verdict::Stage::Preflight);
    // The page's own origin redirected the call away: usually to a sign-in page.
    let own_origin = crate::fetch::origin::same_origin(&v.origin, &v.url);
    if hop_preflight && own_origin {
        out.extend(own_origin_fixes(v, location.clone()));
        // A sign-in page: no one calls it directly or answers its preflights.
        if location
            .as_deref()
            .and_then(crate::gateway::sign_in::sign_in)
            .is_some()
        {
            return out;
        }
    }
    if hop_preflight && !own_origin {
        if let Some(si) = location
            .as_deref()
            .and_then(crate::gateway::sign_in::sign_in)
        {
            out.push(sign_in_hop_fix(
                v,
                ctx,
                location.as_deref().unwrap_or(""),
                si,
            ));
            return out;
        }
    }
    if hop_preflight {
        let to = location.unwrap_or_else(|| "the redirect target".to_string());
        // Fetch taints the origin (Origin: null) on a hop across origins from a URL that
        // is not on the page's origin.
        let tainted = !crate::fetch::origin::same_origin(&v.url, &to) && !own_origin;
        let text = fill(
            "# The @@METHOD@@ from @@ORIGIN@@ to @@URL@@ was redirected to @@TO@@, and it still needs a preflight there:
# the browser sent a new OPTIONS to @@TO@@ (with Origin: @@SENT@@), and that preflight failed.
# 1. Page: call @@TO@@ directly, so no redirect (and no second preflight) happens.
# 2. Server at @@TO@@: answer OPTIONS before any auth or routing, with:
@@NOTE@@
HTTP/1.1 204 No Content
Access-Control-Allow-Origin: @@SENT@@
Access-Control-Allow-Methods: @@METHODS@@
Access-Control-Allow-Headers: @@HEADERS@@
Vary: Origin
@@NULLNOTE@@",
            &[
                ("METHOD", ctx.method.clone()),
                ("ORIGIN", v.origin.clone()),
                ("URL", v.url.clone()),
                ("TO", to),
                (
                    "SENT",
                    if tainted {
                        "null".to_string()
                    } else {
                        v.origin.clone()
                    },
                ),
                ("NOTE", v.origin_note("#")),
                ("METHODS", v.methods_csv()),
                ("HEADERS", v.headers_csv()),
                (
                    "NULLNOTE",
                    if tainted {
                        "# The redirect crosses origins, so the browser sends `Origin: null` there; allowing `null` also\n# lets sandboxed documents in: prefer option 1.".to_string()
                    } else {
                        String::new()
                    },
                ),
            ],
        );
        out.push(Fix {
            target: "generic".to_string(),
            title: "Call the redirect target directly, or answer the preflight there".to_string(),
            text,
        });
        return out;
    }
    if preflight {
        if let Some(si) = location
            .as_deref()
            .and_then(crate::gateway::sign_in::sign_in)
        {
            out.push(sign_in_preflight_fix(v, si));
            return out;
        }
        let fin = location
            .clone()
            .unwrap_or_else(|| "the final URL".to_string());
        let text = fill(
            "# The preflight OPTIONS @@URL@@ was redirected (to @@FINAL@@): browsers never follow a redirect on a preflight.
# 1. Page (@@ORIGIN@@): call the final URL directly (https://, the exact trailing slash), so no redirect happens.
# 2. Server: never redirect OPTIONS; answer it at the URL the page calls. nginx, before the redirect:
@@NOTE@@
if ($request_method = OPTIONS) {
    add_header Access-Control-Allow-Origin $cors_origin always;   # map $http_origin $cors_origin, see the nginx fix
    add_header Access-Control-Allow-Methods \"@@METHODS@@\" always;
    add_header Access-Control-Allow-Headers \"@@HEADERS@@\" always;
    add_header Vary Origin always;
    return 204;
}",
            &[
                (
                    "URL",
                    if v.url_known {
                        v.url.clone()
                    } else {
                        "to your API's URL".to_string()
                    },
                ),
                ("FINAL", fin),
                ("ORIGIN", v.origin.clone()),
                ("NOTE", v.origin_note("#")),
                ("METHODS", v.methods_csv()),
                ("HEADERS", v.headers_csv()),
            ],
        );
        out.push(Fix {
            target: "generic".to_string(),
            title: "Do not redirect the preflight (http→https, trailing slash)".to_string(),
            text,
        });
    } else if own_origin {
        out.extend(own_origin_fixes(v, location));
    } else if let Some(to) = location
        .clone()
        .filter(|l| crate::gateway::sign_in::sign_in(l).is_none())
    {
        // A redirect that is no sign-in (a moved URL, a trailing slash, http → https).
        let text = fill(
            "# The @@METHOD@@ from @@ORIGIN@@ to @@URL@@ was redirected to @@TO@@.
# 1. Page: call @@TO@@ directly (its exact scheme, host, path and trailing slash), so no redirect happens.
# 2. Or make the redirect pass: the 3xx response itself needs the CORS headers, and so does the response at @@TO@@ (after a redirect to another origin the browser sends Origin: null).
@@NOTE@@",
            &[
                ("METHOD", ctx.method.clone()),
                ("ORIGIN", v.origin.clone()),
                ("URL", v.url.clone()),
                ("TO", to),
                ("NOTE", v.origin_note("#")),
            ],
        );
        out.push(Fix {
            target: "client".to_string(),
            title: "Call the redirect's target directly".to_string(),
            text,
        });
    } else {
        if location.is_none() {
            // Where it led is not in the input: http:// to https:// is the usual redirect.
            let https = url::Url::parse(&v.url)
                .ok()
                .filter(|u| u.scheme() == "http" && v.url_known)
                .and_then(|mut u| {
                    u.set_scheme("https").ok()?;
                    Some(u.to_string())
                });
            let text = match https {
                Some(h) => format!(
                    "# The call from {} to {} was answered with a redirect, without CORS headers.\n# An http:// URL is most often redirected to https://: call that directly (in the code,\n# or its base URL in the configuration), so no redirect happens.\n# before: {}\n# after:  {h}\n# Check where it leads: curl -sI '{}' | grep -i '^location'",
                    v.origin, v.url, v.url, v.url
                ),
                None => format!(
                    "# The call from {} to {} was answered with a redirect, without CORS headers.\n# 1. Page: call the URL it redirects to directly (its Location: DevTools' Network panel shows\n#    it, or curl -sI '{}' | grep -i '^location'), so no redirect happens.\n# 2. Or make the redirect pass: the 3xx response itself needs the CORS headers (and a\n#    preflight's redirect is never followed: answer OPTIONS without redirecting).",
                    v.origin,
                    if v.url_known { v.url.as_str() } else { "the API" },
                    if v.url_known { v.url.as_str() } else { "URL" },
                ),
            };
            let text = format!("{text}{}", v.origin_note("\n#"));
            out.push(Fix {
                target: "client".to_string(),
                title: "Call the URL the redirect leads to directly".to_string(),
                text,
            });
        }
        let to = location.unwrap_or_else(|| "another URL".to_string());
        let text = fill(
            "# The API call from @@ORIGIN@@ to @@URL@@ was redirected to @@TO@@.
# After a cross-origin redirect the request carries Origin: null and the login page sends no CORS headers.
# Do not redirect API calls to a login page: answer 401 with the CORS headers and let the page navigate.
@@NOTE@@
HTTP/1.1 401 Unauthorized
Access-Control-Allow-Origin: @@ORIGIN@@
@@CREDS@@
Vary: Origin
Content-Type: application/json

{\"error\": \"login_required\"}",
            &[
                ("ORIGIN", v.origin.clone()),
                ("URL", v.url.clone()),
                ("TO", to),
                ("NOTE", v.origin_note("#")),
                (
                    "CREDS",
                    if v.credentials {
                        "Access-Control-Allow-Credentials: true".to_string()
                    } else {
                        String::new()
                    },
                ),
            ],
        );
        out.push(Fix {
            target: "generic".to_string(),
            title: "Answer 401 with CORS headers instead of redirecting to the login".to_string(),
            text,
        });
        let text = fill(
            "// Express: API routes answer 401 instead of redirecting (cors() is registered before this)
@@NOTE@@
app.use('/api', (req, res, next) => {
  if (!req.user) return res.status(401).json({ error: 'login_required' }); // was: res.redirect('/login')
  next();
});

// Page (@@ORIGIN@@): go to the login page yourself
const res = await fetch('@@URL@@', { credentials: 'include' });
if (res.status === 401) window.location.assign('/login?next=' + encodeURIComponent(window.location.href));",
            &[
                ("NOTE", v.origin_note("//")),
                ("ORIGIN", v.origin.clone()),
                ("URL", v.url.clone()),
            ],
        );
        out.push(Fix {
            target: "express".to_string(),
            title: "Express + page: 401 for API calls, the page navigates to the login".to_string(),
            text,
        });
    }
    out
}

/// The preflight went to a sign-in page: let OPTIONS through the product that enforces
/// sign-in, and send the session with the request itself.
fn sign_in_preflight_fix(v: &Vals, si: crate::gateway::sign_in::SignIn) -> Fix {
    use crate::gateway::sign_in::SignIn;
    let product = match si {
        SignIn::CloudflareAccess => "# Cloudflare Zero Trust → Access → Applications → (this API) → Settings → CORS:
# turn on \"Bypass OPTIONS requests to origin\" (the origin answers with the headers below),
# or set the Access-Control-Allow-* values there.
# The page must then send the CF_Authorization cookie: fetch(url, { credentials: 'include' }),
# and the response must allow credentials for the exact origin.",
        SignIn::Oauth2Proxy => "# oauth2-proxy: let preflights through unauthenticated
oauth2-proxy --skip-auth-preflight=true …     # or OAUTH2_PROXY_SKIP_AUTH_PREFLIGHT=true
# The upstream then answers OPTIONS with the headers below; the page sends the _oauth2_proxy
# cookie with fetch(url, { credentials: 'include' }).",
        SignIn::GoogleIap => "# Identity-Aware Proxy: let OPTIONS through to the app
# settings.yaml:
#   access_settings:
#     cors_settings:
#       allow_http_options: true
gcloud iap settings set settings.yaml --project=PROJECT --resource-type=backend-services --service=SERVICE",
        SignIn::AwsCognito => "# Application Load Balancer: a listener rule, with a higher priority than the authenticating
# one, that forwards preflights without the authenticate-cognito/oidc action:
aws elbv2 create-rule --listener-arn LISTENER_ARN --priority 1 \
  --conditions Field=http-request-method,HttpRequestMethodConfig={Values=[OPTIONS]} \
  --actions Type=forward,TargetGroupArn=TARGET_GROUP_ARN",
        SignIn::AzureAppServiceAuth => "# Azure App Service Authentication redirects every unauthenticated request, preflights included.
# Authentication → (provider) → Unauthenticated requests: HTTP 401 (or allow them) for the API,
# enable CORS on the app (API → CORS) so preflights are answered, and let the app check sign-in.",
        _ => "# Whatever enforces sign-in (reverse proxy, gateway, the app's auth middleware) must let OPTIONS
# through without it and answer it with the headers below; API calls without a session get 401,
# not a redirect.",
    };
    let text = fill(
        "# The preflight OPTIONS @@URL@@ was redirected to @@NAME@@'s sign-in.
# A preflight never carries cookies or tokens, so it is redirected every time.
@@PRODUCT@@
@@NOTE@@
HTTP/1.1 204 No Content
Access-Control-Allow-Origin: @@ORIGIN@@
Access-Control-Allow-Methods: @@METHODS@@
Access-Control-Allow-Headers: @@HEADERS@@
Access-Control-Allow-Credentials: true
Vary: Origin",
        &[
            ("URL", v.url.clone()),
            ("NAME", si.name().to_string()),
            ("PRODUCT", product.to_string()),
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", v.methods_csv()),
            ("HEADERS", v.headers_csv()),
        ],
    );
    Fix {
        target: "sign-in".to_string(),
        title: format!("{}: let preflights through sign-in", si.name()),
        text,
    }
}

/// The request passed its preflight and was then redirected to a sign-in page: it carried no
/// valid session. The sign-in page is for people, not for the page's fetch: the call needs its
/// session, and the API a 401 in place of the redirect.
fn sign_in_hop_fix(
    v: &Vals,
    ctx: &FixContext,
    to: &str,
    si: crate::gateway::sign_in::SignIn,
) -> Fix {
    let text = fill(
        "# The @@METHOD@@ from @@ORIGIN@@ to @@URL@@
# passed its preflight and was redirected to @@TO@@
# (@@NAME@@): the API found no valid session or token on the call. Calling the sign-in
# page directly is no fix: it is a page for people, and sends no CORS headers.
# 1. Page: send the call with its session: fetch(url, { credentials: 'include' })
#    (XMLHttpRequest, axios: withCredentials = true), or the Authorization header the API
#    expects; when the session has expired, send the person to sign in (navigate, not fetch).
# 2. Server: answer an API call without a valid session with 401 and the CORS headers,
#    not with a redirect to sign in:
@@NOTE@@
HTTP/1.1 401 Unauthorized
Access-Control-Allow-Origin: @@ORIGIN@@
Access-Control-Allow-Credentials: true
Vary: Origin",
        &[
            ("METHOD", ctx.method.clone()),
            ("ORIGIN", v.origin.clone()),
            ("URL", v.url.clone()),
            ("TO", to.to_string()),
            ("NAME", si.name().to_string()),
            ("NOTE", v.origin_note("#")),
        ],
    );
    Fix {
        target: "sign-in".to_string(),
        title: "Send the session with the call, and answer 401 instead of redirecting to sign in"
            .to_string(),
        text,
    }
}

/// The blocked URL is itself a sign-in endpoint (an OAuth `authorize` URL): the page's
/// script was sent to sign in, which it cannot do through CORS.
pub(crate) fn sign_in_target_fix(v: &Vals, si: crate::gateway::sign_in::SignIn) -> Fix {
    let text = fill(
        "# The page's call ended at @@URL@@:
# @@NAME@@. A sign-in page is for people: it answers a script with no
# CORS headers, and a script cannot sign in through it.
# 1. Page: sign in by sending the whole page there (window.location.assign(url)), or with
#    the identity provider's JavaScript library (redirect or popup flow with PKCE), never
#    with fetch() or XMLHttpRequest.
# 2. API: when a call without a valid session is redirected there, answer it with 401 and
#    the CORS headers instead, and let the page start the sign-in:
@@NOTE@@
HTTP/1.1 401 Unauthorized
Access-Control-Allow-Origin: @@ORIGIN@@
Access-Control-Allow-Credentials: true
Vary: Origin",
        &[
            ("URL", v.url.clone()),
            ("NAME", si.whose()),
            ("ORIGIN", v.origin.clone()),
            ("NOTE", v.origin_note("#")),
        ],
    );
    Fix {
        target: "sign-in".to_string(),
        title: "Sign in by navigating the page, and answer API calls with 401".to_string(),
        text,
    }
}

/// The page's own API redirected the call to another origin: a 401 from the page's own
/// origin needs no CORS headers, and the page goes to the sign-in page itself.
fn own_origin_fixes(v: &Vals, location: Option<String>) -> Vec<Fix> {
    let mut out = Vec::new();
    // An authenticating proxy in front of the app (Cloudflare Access, oauth2-proxy, IAP …)
    // redirected: the app cannot answer 401 for it; the page notices and signs in again.
    if let Some(proxy) = location
        .as_deref()
        .and_then(crate::gateway::sign_in::sign_in)
        .filter(|s| s.fronts_the_app(location.as_deref().unwrap_or("")))
    {
        let text = fill(
            "// @@NAME@@ sits in front of the app: when its session expires, it redirects
// the page's calls to its sign-in page, which a script cannot follow (a CORS error).
// Notice that and let the whole page go through sign-in again:
const res = await fetch('@@URL@@', { credentials: 'include', redirect: 'manual' });
if (res.type === 'opaqueredirect' || res.status === 401) {
  window.location.reload(); // a top-level navigation: sign-in, then back to the page
}
// (A service worker that serves the page from its cache can keep the page from reaching
// sign-in: let navigations go to the network.) A longer session duration in @@NAME@@'s
// settings makes this rarer.",
            &[
                ("NAME", proxy.proxy_name().to_string()),
                ("URL", v.url.clone()),
            ],
        );
        out.push(Fix {
            target: "client".to_string(),
            title: format!(
                "The page: sign in again through {} (reload)",
                proxy.proxy_name()
            ),
            text,
        });
        return out;
    }
    let to = location.unwrap_or_else(|| "another URL".to_string());
    let text = fill(
        "# The page's call to its own @@URL@@ was redirected to @@TO@@, on another origin:
# from there the call is cross-origin, and a sign-in page sends no CORS headers.
# Do not redirect API calls to the sign-in page: answer 401 (the page's own origin: no CORS
# headers needed) and let the page navigate there.
HTTP/1.1 401 Unauthorized
Content-Type: application/json

{\"error\": \"login_required\"}",
        &[("URL", v.url.clone()), ("TO", to)],
    );
    out.push(Fix {
        target: "generic".to_string(),
        title: "Answer 401 instead of redirecting to the sign-in page".to_string(),
        text,
    });
    let text = fill(
        "// Express: API routes answer 401 instead of redirecting
app.use('/api', (req, res, next) => {
  if (!req.user) return res.status(401).json({ error: 'login_required' }); // was: res.redirect('/login')
  next();
});

// Page: go to the sign-in page yourself
const res = await fetch('@@URL@@', { credentials: 'include' });
if (res.status === 401) window.location.assign('/login?next=' + encodeURIComponent(window.location.href));",
        &[("URL", v.url.clone())],
    );
    out.push(Fix {
        target: "express".to_string(),
        title: "Express + page: 401 for API calls, the page navigates to the sign-in page"
            .to_string(),
        text,
    });
    out
}

fn is_redirect(ctx: &FixContext) -> bool {
    ctx.cause == Some(CauseKind::Redirect)
        || ctx.cors_error.as_deref() == Some("PreflightDisallowedRedirect")
}

/// No gateway named: the headers and Express.
/// A web font: the file server's header for font files (fonts are public: `*`).
pub(crate) fn static_font(v: &Vals) -> Fix {
    Fix {
        target: "font-files".to_string(),
        title: "Font files: the file server's Access-Control-Allow-Origin".to_string(),
        text: format!(
            "# A web font (@font-face) is always fetched in CORS mode: the server of the font file
# must send Access-Control-Allow-Origin. A font is public and sent without credentials,
# so `*` is safe (or name the page's origin, {origin}).
{note}
# nginx
location ~* \\.(woff2?|ttf|otf|eot)$ {{
    add_header Access-Control-Allow-Origin \"*\" always;
}}

# Apache (.htaccess or the vhost; mod_headers)
<FilesMatch \"\\.(woff2?|ttf|otf|eot)$\">
    Header set Access-Control-Allow-Origin \"*\"
</FilesMatch>

# A CDN keeps copies: purge the font files after the change (a copy stored without the header
# is served without it), or key the cache on Origin.
# Or serve the font from the page's own origin: a same-origin font needs no CORS.",
            origin = v.origin,
            note = v.origin_note("#"),
        ),
    }
}

/// A stylesheet or script a page element loads with CORS: its `crossorigin` attribute is
/// why, and the file server's header (or no attribute) is the fix.
pub(crate) fn element_crossorigin(v: &Vals, script: bool) -> Fix {
    let (what, tag, example) = if script {
        (
            "script",
            "<script>",
            "<script src=\"@@URL@@\" integrity=\"sha384-…\" crossorigin=\"anonymous\"></script>",
        )
    } else {
        (
            "stylesheet",
            "<link rel=\"stylesheet\">",
            "<link rel=\"stylesheet\" href=\"@@URL@@\" integrity=\"sha384-…\" crossorigin=\"anonymous\">",
        )
    };
    Fix {
        target: "element-crossorigin".to_string(),
        title: format!("The page's {tag}: its crossorigin attribute, or the file server's header"),
        text: format!(
            "<!-- A {what} from another origin is fetched with CORS only because its tag asks for it:
     a crossorigin attribute (which Subresource Integrity, integrity=\"…\", needs). -->
{example}

<!-- Either the file server answers it (the file is public: `*` is safe):
       Access-Control-Allow-Origin: *
     (a CDN keeps copies: purge them after the change),
     or, if the tag needs no integrity check, drop crossorigin and integrity: the browser then
     loads the {what} without CORS. Or serve the file from the page's own origin. -->",
        )
        .replace("@@URL@@", &v.url),
    }
}

/// Apps Script: a deployment open to anyone, called with a request that needs no preflight.
pub(crate) fn apps_script_fix(v: &Vals) -> Fix {
    Fix {
        target: "apps-script".to_string(),
        title: "Apps Script: deploy for Anyone, send a simple request".to_string(),
        text: format!(
            "// Apps Script cannot answer a preflight (there is no doOptions) or set CORS headers;
// Google adds Access-Control-Allow-Origin: * to a web app's answer when its deployment's
// access is \"Anyone\" and the request needs no preflight.
// 1. Deploy → Manage deployments → edit → new version, Execute as: Me, Who has access: Anyone.
//    (Otherwise the caller gets a 401/403 or a sign-in page, without CORS headers.)
// 2. From the page: GET, or POST with a text/plain body; no custom headers, no credentials.
fetch('{url}', {{
  method: 'POST',
  body: JSON.stringify(data),   // read it in doPost(e) with JSON.parse(e.postData.contents)
  // no headers: {{ 'Content-Type': 'application/json' }}: that would need a preflight
}}).then(r => r.json());
// 3. The script answers with ContentService:
// return ContentService.createTextOutput(JSON.stringify(result))
//   .setMimeType(ContentService.MimeType.JSON);",
            url = v.url,
        ),
    }
}

/// Keycloak: the client's Web origins, which decide whether its endpoints answer with CORS
/// headers.
pub(crate) fn keycloak(v: &Vals, realm: &str) -> Fix {
    Fix {
        target: "keycloak".to_string(),
        title: "Keycloak: the client's Web origins".to_string(),
        text: format!(
            "# Keycloak answers its OpenID Connect endpoints (token, userinfo, logout …) with CORS
# headers only for an origin in the Web origins of the client the page signs in with
# (keycloak-js: its clientId): the page's origin must be listed there.
{note}# Admin console: realm {realm} → Clients → <your client> → Settings → Access settings →
#   Web origins: {origin}
#   (or `+`: every origin of the client's Valid redirect URIs)
# Or with the admin CLI:
kcadm.sh update clients/<client-uuid> -r {realm} -s 'webOrigins=[\"{origin}\"]'
# A proxy in front of Keycloak must pass OPTIONS and the Origin header through, and must
# not add CORS headers of its own (two Access-Control-Allow-Origin values fail too).
# Check: curl -i '{url}' -H 'Origin: {origin}'",
            note = v.origin_note_line("#"),
            origin = v.origin,
            url = v.url,
        ),
    }
}

/// An identity provider's OpenID Connect endpoint: the page's origin in its allowed origins.
pub(crate) fn identity_provider(v: &Vals, idp: served_by::IdentityProvider) -> Fix {
    use served_by::IdentityProvider as P;
    let where_ = match idp {
        P::Auth0 => {
            "# Auth0 Dashboard → Applications → <your single-page application> → Settings:
#   Allowed Web Origins:        @@O@@
#   Allowed Origins (CORS):     @@O@@
#   (and Allowed Callback URLs / Logout URLs for the page's sign-in)"
        }
        P::Okta => {
            "# Okta Admin Console → Security → API → Trusted Origins → Add Origin:
#   Origin URL: @@O@@   Type: CORS (and Redirect, for the page's sign-in)"
        }
        P::EntraId => {
            "# Microsoft Entra ID → App registrations → <your app> → Authentication:
#   add the page's redirect URI under the \"Single-page application\" platform (not \"Web\"):
#   the token endpoint answers a browser's cross-origin request only for an SPA redirect URI
#   (AADSTS9002326 otherwise). A call to your own API from there needs your API's CORS."
        }
        P::FusionAuth => {
            "# FusionAuth admin → Settings → System → CORS: Enabled, and
#   Allowed origins: @@O@@
#   Allowed methods: GET, POST, OPTIONS (add PUT/DELETE if the page calls them)
#   Allowed headers: Accept, Authorization, Content-Type (and the ones the page sends)"
        }
        P::IdentityServer => {
            "// IdentityServer (Duende): the client the page signs in with
new Client
{
    ClientId = \"spa\",
    AllowedCorsOrigins = { \"@@O@@\" },   // no trailing slash
    // …
}"
        }
        P::Other => {
            "# The identity provider's settings for the application (client) the page signs in with:
# add the page's origin to its allowed / trusted / web origins (the name varies: Keycloak's
# Web origins, Auth0's Allowed Web Origins, Okta's Trusted Origins, FusionAuth's CORS
# settings, IdentityServer's AllowedCorsOrigins):
#   @@O@@"
        }
    };
    let text = format!(
        "# The page calls {name}'s OpenID Connect / OAuth endpoint itself: {name} answers CORS
# from its own list of allowed origins (for the application the page signs in with, or
# system-wide); your API's CORS settings do not apply to it.
{note}{body}
# A proxy in front of it must pass OPTIONS and the Origin header through and add no CORS
# headers of its own. Check: curl -i '{url}' -H 'Origin: {origin}'",
        name = idp.name(),
        note = v.origin_note_line("#"),
        body = where_.replace("@@O@@", &v.origin),
        url = v.url,
        origin = v.origin,
    );
    Fix {
        target: "identity-provider".to_string(),
        title: format!("{}: allow the page's origin", capitalised(idp.name())),
        text,
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// WordPress's REST API: the request header the preflight refused, added with the
/// `rest_allowed_cors_headers` filter (WordPress 5.5+).
pub(crate) fn wordpress_headers(v: &Vals) -> Fix {
    // WordPress's own list is there already.
    const OWN: [&str; 5] = [
        "authorization",
        "x-wp-nonce",
        "content-disposition",
        "content-md5",
        "content-type",
    ];
    let mut names: Vec<String> = v
        .headers
        .iter()
        .filter(|h| !OWN.contains(&h.to_ascii_lowercase().as_str()))
        .cloned()
        .collect();
    if names.is_empty() {
        names.push("X-My-Header".to_string());
    }
    let adds: Vec<String> = names
        .iter()
        .map(|h| format!("    $headers[] = '{h}';"))
        .collect();
    Fix {
        target: "wordpress".to_string(),
        title: "WordPress: allow the header with rest_allowed_cors_headers".to_string(),
        text: format!(
            "<?php
// WordPress's REST API answers the preflight itself (rest_send_cors_headers) and allows
// Authorization, X-WP-Nonce, Content-Disposition, Content-MD5 and Content-Type: any other
// header the page sends goes in this filter (WordPress 5.5+), in a small plugin or the
// theme's functions.php.
add_filter( 'rest_allowed_cors_headers', function ( $headers ) {{
{}
    return $headers;
}} );
// A security or CORS plugin, or the web server, answering OPTIONS before WordPress replaces
// this list: change the header list there instead.",
            adds.join("\n")
        ),
    }
}

/// The local Functions host's own CORS list: local.settings.json or `func start --cors`.
pub(crate) fn azure_functions_local_fix(v: &Vals) -> Fix {
    let creds = if v.credentials {
        ",\n    \"CORSCredentials\": true"
    } else {
        ""
    };
    let flag = if v.credentials {
        " --cors-credentials"
    } else {
        ""
    };
    let text = format!(
        "// local.settings.json, beside host.json: the local Functions host (func start) answers
// CORS from its own list; the portal's CORS setting is Azure's and does not apply here,
// and headers set in the function's code do not reach a preflight the host answers.{}
// Add \"Host\" beside its \"Values\" (which stay as they are):
  \"Host\": {{
    \"CORS\": \"{}\"{creds}
  }}
// or on the command line: func start --cors {}{flag}",
        if v.origin_known {
            String::new()
        } else {
            format!("\n{}", v.origin_note("//"))
        },
        v.origin,
        v.origin
    );
    Fix {
        target: "azure-functions-local".to_string(),
        title: "Azure Functions Core Tools: the local host's CORS".to_string(),
        text,
    }
}

/// Vite's dev server: its `server.cors` (since 6.0.9, localhost origins only by default).
pub(crate) fn vite(v: &Vals) -> Fix {
    let text = fill(
        "// vite.config.js (or .ts): the dev server's CORS. Since Vite 6.0.9 (January 2025) it
// answers only pages on localhost, 127.0.0.1 and [::1] by default; a page on another
// origin (a site an extension or Electron injects the dev client into, a backend's page on
// its own host) must be listed. Module scripts are always fetched with CORS: dropping a
// crossorigin attribute changes nothing for them.
@@NOTE@@
import { defineConfig } from 'vite';

export default defineConfig({
  server: {
    cors: { origin: ['@@ORIGIN@@'] }, // a RegExp works too: /^https:\\/\\/([a-z0-9-]+\\.)?example\\.com$/
  },
});",
        &[("NOTE", v.origin_note("//")), ("ORIGIN", v.origin.clone())],
    );
    Fix {
        target: "vite".to_string(),
        title: "Vite dev server: list the page's origin in server.cors".to_string(),
        text,
    }
}

/// ASP.NET Core SignalR's negotiate request (`POST …/negotiate?negotiateVersion=1`), the
/// first request a SignalR client makes, with credentials unless told otherwise.
pub(crate) fn signalr_negotiate(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| {
        u.path().trim_end_matches('/').ends_with("/negotiate")
            && (u.query_pairs().any(|(k, _)| k == "negotiateVersion")
                || u.path().to_ascii_lowercase().contains("hub"))
    })
}

/// SignalR: the hub's CORS policy with exact origins and credentials, before the hub.
pub(crate) fn signalr(v: &Vals) -> Fix {
    let hub = url::Url::parse(&v.url)
        .ok()
        .map(|u| {
            u.path()
                .trim_end_matches('/')
                .trim_end_matches("/negotiate")
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "/hub".to_string());
    Fix {
        target: "signalr".to_string(),
        title: "SignalR: the hub's CORS policy, exact origins with credentials".to_string(),
        text: format!(
            "// ASP.NET Core SignalR: the JavaScript client's negotiate request (POST {hub}/negotiate)
// is a cross-origin fetch sent with credentials (withCredentials defaults to true), so the
// policy needs exact origins and AllowCredentials(): AllowAnyOrigin() with AllowCredentials()
// is refused since ASP.NET Core 2.2 (and \"*\" never passes with credentials).
{note}builder.Services.AddCors(o => o.AddPolicy(\"signalr\", p => p
    .WithOrigins(\"{origin}\")   // no trailing slash
    .AllowAnyHeader()
    .WithMethods(\"GET\", \"POST\")
    .AllowCredentials()));

app.UseRouting();
app.UseCors(\"signalr\");         // after UseRouting, before UseAuthorization and the hub
app.UseAuthorization();
app.MapHub<Hub>(\"{hub}\").RequireCors(\"signalr\");

// Azure SignalR Service: the same policy on the app that serves {hub}/negotiate.
// No cookies needed? The client can drop credentials instead:
// new signalR.HubConnectionBuilder().withUrl(\"{url}\", {{ withCredentials: false }})",
            note = v.origin_note_line("//"),
            origin = v.origin,
            url = v.url.split('?').next().unwrap_or(&v.url).trim_end_matches("/negotiate"),
        ),
    }
}

/// Socket.IO's own `cors` option (Node) and `cors_allowed_origins` (Python).
pub(crate) fn socket_io(v: &Vals) -> Fix {
    let credentials = if v.credentials {
        "\n    credentials: true,           // the client connects with withCredentials: true"
    } else {
        ""
    };
    let parsed = url::Url::parse(&v.url);
    let eio3 = parsed
        .as_ref()
        .is_ok_and(|u| u.query_pairs().any(|(k, val)| k == "EIO" && val == "3"));
    let server = parsed
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_else(|_| "https://api.example.com".to_string());
    Fix {
        target: "socket-io".to_string(),
        title: "Socket.IO: the server's own cors option".to_string(),
        text: format!(
            "// Socket.IO answers its HTTP long-polling requests (/socket.io/?EIO=…) itself, before
// Express or any other framework sees them: app.use(cors()) never reaches them. Since
// Socket.IO 3 the server sends CORS headers only with its own cors option.
{note}const {{ Server }} = require('socket.io');
const io = new Server(httpServer, {{
  cors: {{
    origin: ['{origin}'],{credentials}
  }},
}});

# python-socketio / Flask-SocketIO
sio = socketio.AsyncServer(async_mode='asgi', cors_allowed_origins=['{origin}'])
socketio = SocketIO(app, cors_allowed_origins=['{origin}'])

{v2}// Or connect over WebSocket only (no long-polling, so no CORS check; the server may still
// check the Origin):
const socket = io('{server}', {{ transports: ['websocket'] }});",
            v2 = if eio3 {
                let host = url::Url::parse(&v.origin)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_string))
                    .unwrap_or_else(|| "your-app.example".to_string());
                format!(
                    "// EIO=3 in the URL: a Socket.IO 2 client. A Socket.IO 2 server has no cors option: it
// echoes the page's origin (with credentials) for the origins its origins option allows,
// every one by default; a `*` or a missing header then comes from what runs in front of it.
const io = require('socket.io')(httpServer, {{ origins: ['{host}:*'] }});
// A Socket.IO 3 or 4 server answers EIO=3 clients only with allowEIO3: true (and the cors
// option above).

"
                )
            } else {
                String::new()
            },
            origin = v.origin,
            note = v.origin_note_line("//"),
        ),
    }
}

pub(crate) fn generic_fixes(ctx: &FixContext, v: &Vals) -> Vec<Fix> {
    if is_redirect(ctx) {
        return redirect_fixes(ctx, v);
    }
    let mut out = Vec::new();
    if ctx.cause == Some(CauseKind::HeaderMismatch) && v.method_case_differs() {
        out.push(client_method_case(v));
    }
    match ctx.framework {
        // The framework is known: its CORS package first, and no other framework's.
        Some(f) => {
            out.push(framework_fix(f, v));
            out.push(generic_headers(ctx, v));
        }
        None => {
            out.push(generic_headers(ctx, v));
            // Nothing names the server: the same settings in the common frameworks, unless
            // the response names another stack.
            if !ctx.other_stack {
                out.push(frameworks(v));
            }
        }
    }
    out
}

/// Nothing names the server: the case's settings in the common frameworks' CORS packages,
/// one or two lines each, so that the reader finds theirs without a guess of ours.
pub(crate) fn frameworks(v: &Vals) -> Fix {
    let o = &v.origin;
    let mut out: Vec<String> = vec![
        "// Nothing names your server: the same settings in the common frameworks' CORS packages.
// Each answers OPTIONS, puts the headers on every response (errors included) when it runs
// before authentication and the routes, and sends the matching origin with Vary: Origin."
            .to_string(),
    ];
    let note = v.origin_note("//");
    if !note.is_empty() {
        out.push(note);
    }
    let colon = |k: &str, l: String| format!("{k}: [{l}]");
    let equals = |k: &str, l: String| format!("{k}=[{l}]");
    let method = |k: &str, l: String| format!(".{k}({l})");
    let ex = options(
        v,
        Vals::js_list,
        colon,
        ["origin", "methods", "allowedHeaders", "exposedHeaders"],
        "credentials: true",
    );
    out.push(format!(
        "\n// Express (npm install cors), before the routes\n{}",
        call("app.use(cors({ ", &ex, " }));")
    ));
    let mut dj = vec![format!("CORS_ALLOWED_ORIGINS = [\"{o}\"]")];
    let extra = django_extra_headers(v);
    if !extra.is_empty() {
        dj.push(format!(
            "CORS_ALLOW_HEADERS = (*default_headers, {})  # from corsheaders.defaults",
            Vals::dq_list(&extra)
        ));
    }
    if !v.expose.is_empty() {
        dj.push(format!(
            "CORS_EXPOSE_HEADERS = [{}]",
            Vals::dq_list(&v.expose)
        ));
    }
    if v.credentials {
        dj.push("CORS_ALLOW_CREDENTIALS = True".to_string());
    }
    out.push(format!(
        "\n# Django (pip install django-cors-headers; its CorsMiddleware first in MIDDLEWARE)\n{}",
        dj.join("\n")
    ));
    let fa = options(
        v,
        Vals::dq_list,
        equals,
        [
            "allow_origins",
            "allow_methods",
            "allow_headers",
            "expose_headers",
        ],
        "allow_credentials=True",
    );
    out.push(format!(
        "\n# FastAPI / Starlette\n{}",
        call("app.add_middleware(CORSMiddleware, ", &fa, ")")
    ));
    let fl = options(
        v,
        Vals::dq_list,
        equals,
        ["origins", "methods", "allow_headers", "expose_headers"],
        "supports_credentials=True",
    );
    out.push(format!(
        "\n# Flask (pip install flask-cors)\n{}",
        call("CORS(app, ", &fl, ")")
    ));
    let sp = options(
        v,
        Vals::dq_list,
        method,
        [
            "allowedOrigins",
            "allowedMethods",
            "allowedHeaders",
            "exposedHeaders",
        ],
        ".allowCredentials(true)",
    );
    out.push(format!(
        "\n// Spring Boot (a WebMvcConfigurer's addCorsMappings; with Spring Security, http.cors() too)\nregistry.addMapping(\"/**\")\n    {};",
        sp.join("\n    ")
    ));
    let asp = options(
        v,
        Vals::dq_list,
        method,
        [
            "WithOrigins",
            "WithMethods",
            "WithHeaders",
            "WithExposedHeaders",
        ],
        ".AllowCredentials()",
    );
    out.push(format!(
        "\n// ASP.NET Core (Program.cs; app.UseCors() after UseRouting, before UseAuthentication)\nbuilder.Services.AddCors(o => o.AddDefaultPolicy(p => p\n    {}));",
        asp.join("\n    ")
    ));
    let la = options(
        v,
        Vals::js_list,
        |k: &str, l: String| format!("'{k}' => [{l}]"),
        [
            "allowed_origins",
            "allowed_methods",
            "allowed_headers",
            "exposed_headers",
        ],
        "'supports_credentials' => true",
    );
    out.push(format!(
        "\n// Laravel (config/cors.php; 'paths' must cover the route, e.g. ['api/*'])\n{},",
        la.join(",\n")
    ));
    let go = options(
        v,
        Vals::dq_list,
        |k: &str, l: String| format!("{k}: []string{{{l}}}"),
        [
            "AllowedOrigins",
            "AllowedMethods",
            "AllowedHeaders",
            "ExposedHeaders",
        ],
        "AllowCredentials: true",
    );
    out.push(format!(
        "\n// Go (github.com/rs/cors), around the router\n{}",
        call("handler := cors.New(cors.Options{", &go, "}).Handler(mux)")
    ));
    let mut ra = vec![
        "headers: :any".to_string(),
        format!("methods: [{}]", rails_methods(v).join(", ")),
    ];
    if !v.expose.is_empty() {
        ra.push(format!("expose: [{}]", Vals::dq_list(&v.expose)));
    }
    if v.credentials {
        ra.push("credentials: true".to_string());
    }
    out.push(format!(
        "\n# Rails (gem \"rack-cors\", config/initializers/cors.rb)\nRails.application.config.middleware.insert_before 0, Rack::Cors do\n  allow do\n    origins \"{o}\"\n    resource \"*\", {}\n  end\nend",
        ra.join(", ")
    ));
    Fix {
        target: "frameworks".to_string(),
        title: "Your framework's CORS package: Express, Django, FastAPI, Flask, Spring, ASP.NET Core, Laravel, Go, Rails".to_string(),
        text: out.join("\n"),
    }
}

/// One framework's CORS options for the case: the origin and the methods, then the request
/// headers, the exposed headers and credentials when the case has them — `keys` their names
/// in that framework, `list` its quoting, `entry` how it writes a key and its list.
fn options(
    v: &Vals,
    list: fn(&[String]) -> String,
    entry: impl Fn(&str, String) -> String,
    keys: [&str; 4],
    credentials: &str,
) -> Vec<String> {
    let mut out = vec![
        entry(keys[0], list(std::slice::from_ref(&v.origin))),
        entry(keys[1], list(&v.methods)),
    ];
    if !v.headers.is_empty() {
        out.push(entry(keys[2], list(&v.headers)));
    }
    if !v.expose.is_empty() {
        out.push(entry(keys[3], list(&v.expose)));
    }
    if v.credentials {
        out.push(credentials.to_string());
    }
    out
}

/// The request headers django-cors-headers does not allow by default (its `default_headers`).
fn django_extra_headers(v: &Vals) -> Vec<String> {
    const DEFAULTS: [&str; 6] = [
        "accept",
        "authorization",
        "content-type",
        "user-agent",
        "x-csrftoken",
        "x-requested-with",
    ];
    v.headers
        .iter()
        .filter(|h| !DEFAULTS.contains(&h.as_str()))
        .cloned()
        .collect()
}

/// The methods as rack-cors lists them: `:get, :post`, sorted, once each.
fn rails_methods(v: &Vals) -> Vec<String> {
    v.methods
        .iter()
        .map(|m| format!(":{}", m.to_ascii_lowercase()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// A call with its arguments on one line when it fits in 100 characters, else one argument
/// per line.
fn call(open: &str, args: &[String], close: &str) -> String {
    let one = format!("{open}{}{close}", args.join(", "));
    if one.len() <= 100 {
        return one;
    }
    format!(
        "{}\n    {},\n{}",
        open.trim_end(),
        args.join(",\n    "),
        close.trim_start()
    )
}

/// The CORS package (or code) of a framework a response's headers name.
fn framework_fix(f: super::Framework, v: &Vals) -> Fix {
    use super::Framework;
    match f {
        Framework::Flask => flask(v),
        Framework::Django => django(v),
        Framework::FastApi => super::products::fastapi(v),
        Framework::Rails => rails(v),
        Framework::Php => php(v),
        Framework::NextJs => nextjs(v),
        Framework::Tornado => tornado(v),
        Framework::Express => express(v),
    }
}

/// The fix in the language of a stack the words around the capture name.
pub(crate) fn named_stack_fix(stack: Stack, ctx: &FixContext, v: &Vals) -> Fix {
    use super::products;
    match stack {
        Stack::Spring => products::spring_with(
            v,
            ctx.status == Some(401) && ctx.stage == Some(crate::verdict::Stage::Preflight),
        ),
        Stack::AspNetCore => products::aspnet_core(v),
        Stack::Iis => products::iis(v),
        Stack::Django => django(v),
        Stack::Flask => flask(v),
        Stack::FastApi => products::fastapi(v),
        Stack::Rails => rails(v),
        Stack::Laravel => laravel(v),
        Stack::Php => php(v),
        Stack::Express => express(v),
        Stack::NextJs => nextjs(v),
        Stack::Go => go(ctx, v),
        Stack::Nginx => nginx_fixes(ctx, v)
            .into_iter()
            .find(|f| f.target == "nginx")
            .unwrap_or_else(|| nginx(ctx, v, &[], &[])),
        Stack::Apache => products::apache(v),
        Stack::Kong => products::kong(v),
        Stack::SocketIo => socket_io(v),
        Stack::SpringCloudGateway => spring_cloud_gateway(ctx, v),
        Stack::Istio => products::istio(v),
        Stack::Traefik => traefik(v),
        Stack::Caddy => caddy(ctx, v),
        Stack::Haproxy => haproxy(v),
        Stack::S3 => super::storage::s3_fix(v),
        Stack::R2 => super::storage::fixes(crate::gateway::Gateway::CloudflareR2, v)
            .into_iter()
            .next()
            .unwrap_or_else(|| generic_headers(ctx, v)),
        Stack::LambdaUrl => {
            let doubled = allow_origin_doubled(ctx);
            if doubled {
                Fix {
                    target: "lambda-url-sam".to_string(),
                    title: "Lambda function URL: keep one copy of the CORS headers".to_string(),
                    text: "# The function URL's Cors configuration answers the preflight and adds the CORS
# headers to every response, and the function adds them too: the browser takes the two
# copies as one list and refuses it. Keep the URL's (FunctionUrlConfig.Cors) and drop the
# function's own: no cors=CORSConfig(...) in Powertools' resolver, no Access-Control-*
# headers in the handler's return (or remove FunctionUrlConfig.Cors and keep the code's)."
                        .to_string(),
                }
            } else {
                super::platform::lambda_url_sam(v)
            }
        }
        Stack::Netlify => {
            let mut f = super::platform::netlify_function(v);
            if !v.url.contains("/.netlify/functions/") {
                f.text = format!(
                    "// The function's URL is https://<site>.netlify.app/.netlify/functions/<name>
// (or a redirect to it in netlify.toml): the site's own paths serve its files, which
// answer no preflight.
{}",
                    f.text
                );
            }
            f
        }
        Stack::Ollama => ollama(v),
        Stack::Directus => directus(v),
        Stack::Appwrite => appwrite(v),
        Stack::HomeAssistant => home_assistant(v),
        Stack::Jupyter => jupyter(v),
        Stack::Matomo => matomo(v),
        Stack::Quarkus => quarkus(v),
        Stack::SupabaseFunctions => super::platform::supabase_function(v),
        Stack::CloudFunctions => super::platform::cloud_functions_access(
            v,
            ctx.cors_error.as_deref() == Some("PreflightDisallowedRedirect"),
        ),
        Stack::HttpApi => {
            super::aws_http::fixes(ctx, v, ctx.cause.unwrap_or(CauseKind::GatewayError))
                .into_iter()
                .next()
                .unwrap_or_else(|| generic_headers(ctx, v))
        }
        Stack::ApiGateway => {
            // A response without CORS headers: API Gateway's own error answers (an
            // authorizer's 401, a throttle's 429) carry them only through Gateway Responses;
            // the preflight's own problems are the REST API's fixes for them.
            let own_error = matches!(
                ctx.cause,
                None | Some(
                    CauseKind::Unknown | CauseKind::GatewayError | CauseKind::ResponseMissingCors
                )
            ) && !v.preflight;
            let fixes = if own_error {
                let mut plan = super::aws_rest::Plan::with_responses(None);
                plan.problem = vec!["API Gateway answers its own errors (an authorizer's 401 or 403, a throttle's 429, a missing route's 403) before the integration runs: they carry CORS headers only through its Gateway Responses.".to_string()];
                super::aws_rest::rest_set(v, &plan)
            } else {
                super::aws_rest::fixes(ctx, v, ctx.cause.unwrap_or(CauseKind::GatewayError))
            };
            fixes
                .into_iter()
                .next()
                .unwrap_or_else(|| generic_headers(ctx, v))
        }
    }
}

/// Access-Control-Allow-Origin added twice while the application's own CORS package is in
/// place (`app`): the server or proxy in front is the layer to take it from.
pub(crate) fn one_layer(ctx: &FixContext, app: &str) -> Fix {
    let origin = ctx
        .origin
        .clone()
        .unwrap_or_else(|| "https://app.example.com".to_string());
    Fix {
        target: "nginx".to_string(),
        title: format!("One layer adds the CORS headers: {app}; remove the server's or proxy's"),
        text: format!(
            "# {app} already answers with Access-Control-Allow-Origin; the web server or proxy in
# front adds it again, and the browser gets two values. Keep the application's (it answers
# the preflight and knows the allowed origins) and remove the other layer's:
# nginx: delete the add_header Access-Control-* lines of this server/location, or keep them
#        and hide the application's copy instead:
proxy_hide_header Access-Control-Allow-Origin;
# Apache: delete `Header set Access-Control-Allow-Origin …` (or `Header always unset` the
#         application's before setting one value: {origin})
# IIS: delete <add name=\"Access-Control-Allow-Origin\" …/> from web.config's <customHeaders>
# Cloudflare / a CDN: a Transform Rule, Worker or response-headers policy that adds it
# Check with: curl -si -H 'Origin: {origin}' URL | grep -i access-control-allow-origin"
        ),
    }
}

/// The browser refused Allow-Origin for holding more than one value (two layers adding it,
/// or a list joined into one value), on the preflight or the response.
fn allow_origin_doubled(ctx: &FixContext) -> bool {
    ctx.cors_error
        .as_deref()
        .is_some_and(|e| e.ends_with("MultipleAllowOriginValues"))
}

/// Traefik: the headers middleware's CORS options on the router (Traefik answers the
/// preflight itself then).
fn traefik(v: &Vals) -> Fix {
    let mut opts = vec![
        format!("accessControlAllowOriginList: [\"{}\"]", v.origin),
        format!("accessControlAllowMethods: [{}]", Vals::dq_list(&v.methods)),
    ];
    if !v.headers.is_empty() {
        opts.push(format!(
            "accessControlAllowHeaders: [{}]",
            Vals::dq_list(&v.headers)
        ));
    }
    if !v.expose.is_empty() {
        opts.push(format!(
            "accessControlExposeHeaders: [{}]",
            Vals::dq_list(&v.expose)
        ));
    }
    if v.credentials {
        opts.push("accessControlAllowCredentials: true".to_string());
    }
    opts.push("accessControlMaxAge: 600".to_string());
    opts.push("addVaryHeader: true".to_string());
    let text = fill(
        "# Traefik (v2/v3), dynamic configuration: a headers middleware with CORS options, on the
# router of the API. Traefik then answers the preflight itself and adds the headers to every
# response; the service behind it should not add its own (two copies are refused).
@@NOTE@@
http:
  middlewares:
    cors:
      headers:
        @@OPTS@@
  routers:
    api:
      middlewares: [cors]   # with the router's other middlewares (auth after it)
# Docker labels: traefik.http.middlewares.cors.headers.accesscontrolalloworiginlist=@@ORIGIN@@
#                traefik.http.routers.api.middlewares=cors",
        &[
            ("NOTE", v.origin_note("#")),
            ("OPTS", opts.join("\n")),
            ("ORIGIN", v.origin.clone()),
        ],
    );
    Fix {
        target: "traefik".to_string(),
        title: "Traefik: a headers middleware with the CORS options".to_string(),
        text,
    }
}

/// Caddy 2: answer the preflight in the Caddyfile and add the headers to every response.
fn caddy(ctx: &FixContext, v: &Vals) -> Fix {
    let doubled = allow_origin_doubled(ctx);
    if doubled {
        return Fix {
            target: "caddy".to_string(),
            title: "Caddy: keep one copy of the CORS headers".to_string(),
            text: "# Caddy adds the CORS headers (a header block or a cors snippet) and the backend adds them
# too: the browser takes the two copies as one list and refuses it. Keep Caddy's, drop the
# backend's in the proxy (or turn the backend's CORS off and keep its):
reverse_proxy localhost:8080 {   # your backend, as it is
	header_down -Access-Control-Allow-Origin
	header_down -Access-Control-Allow-Credentials
	header_down -Access-Control-Allow-Methods
	header_down -Access-Control-Allow-Headers
	header_down -Access-Control-Expose-Headers
}"
            .to_string(),
        };
    }
    let mut always = vec![
        format!("Access-Control-Allow-Origin \"{}\"", v.origin),
        "Vary Origin".to_string(),
    ];
    if v.credentials {
        always.push("Access-Control-Allow-Credentials \"true\"".to_string());
    }
    if !v.expose.is_empty() {
        always.push(format!(
            "Access-Control-Expose-Headers \"{}\"",
            v.expose_csv()
        ));
    }
    let mut pre = vec![format!(
        "Access-Control-Allow-Methods \"{}\"",
        v.methods_csv()
    )];
    if !v.headers.is_empty() {
        pre.push(format!(
            "Access-Control-Allow-Headers \"{}\"",
            v.headers_csv()
        ));
    }
    pre.push("Access-Control-Max-Age \"600\"".to_string());
    let text = fill(
        "# Caddy 2 (Caddyfile): the headers on every response (defer: after the backend's answer,
# errors included), and OPTIONS answered here. If the app behind also sends CORS headers,
# keep one of the two (reverse_proxy … { header_down -Access-Control-Allow-Origin }).
@@NOTE@@
@@HOST@@ {
	header {
		@@ALWAYS@@
		defer
	}
	@preflight method OPTIONS
	handle @preflight {
		header {
			@@PRE@@
		}
		respond 204
	}
	reverse_proxy localhost:8080   # your backend, as it is
}",
        &[
            ("NOTE", v.origin_note("#")),
            ("HOST", v.host.clone()),
            ("ALWAYS", always.join("\n")),
            ("PRE", pre.join("\n")),
        ],
    );
    Fix {
        target: "caddy".to_string(),
        title: "Caddy: the CORS headers in the Caddyfile, OPTIONS answered".to_string(),
        text,
    }
}

/// HAProxy 2.2 and later: answer the preflight with `http-request return`, add the headers
/// to the responses for the allowed origin.
fn haproxy(v: &Vals) -> Fix {
    let mut pre = vec![
        format!("hdr Access-Control-Allow-Origin \"{}\"", v.origin),
        format!("hdr Access-Control-Allow-Methods \"{}\"", v.methods_csv()),
    ];
    if !v.headers.is_empty() {
        pre.push(format!(
            "hdr Access-Control-Allow-Headers \"{}\"",
            v.headers_csv()
        ));
    }
    if v.credentials {
        pre.push("hdr Access-Control-Allow-Credentials true".to_string());
    }
    pre.push("hdr Access-Control-Max-Age 600 hdr Vary Origin".to_string());
    let mut resp = vec![format!(
        "http-response set-header Access-Control-Allow-Origin %[var(txn.origin)] if allowed_origin"
    )];
    if v.credentials {
        resp.push(
            "http-response set-header Access-Control-Allow-Credentials true if allowed_origin"
                .to_string(),
        );
    }
    if !v.expose.is_empty() {
        resp.push(format!(
            "http-response set-header Access-Control-Expose-Headers \"{}\" if allowed_origin",
            v.expose_csv()
        ));
    }
    resp.push("http-response add-header Vary Origin".to_string());
    let text = fill(
        "# HAProxy 2.2+ (frontend or backend section). A preflight is answered here, before the
# backend; the other responses get the headers for the allowed origin. A Lua CORS module
# (haproxy-lua-cors) answers preflights itself: use it or these lines, not both.
@@NOTE@@
    http-request set-var(txn.origin) req.hdr(origin)
    acl allowed_origin var(txn.origin) -m str @@ORIGIN@@
    acl preflight method OPTIONS
    acl preflight_acrm req.hdr(access-control-request-method) -m found
    http-request return status 204 @@PRE@@ if preflight preflight_acrm allowed_origin
    @@RESP@@",
        &[
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("PRE", pre.join(" ")),
            ("RESP", resp.join("\n")),
        ],
    );
    Fix {
        target: "haproxy".to_string(),
        title: "HAProxy: answer the preflight, add the headers for the allowed origin".to_string(),
        text,
    }
}

/// Spring Cloud Gateway: its globalcors, and for a header the services behind it add too,
/// DedupeResponseHeader.
fn spring_cloud_gateway(ctx: &FixContext, v: &Vals) -> Fix {
    let doubled = allow_origin_doubled(ctx);
    if doubled {
        return Fix {
            target: "spring-cloud-gateway".to_string(),
            title: "Spring Cloud Gateway: keep one copy of the CORS headers".to_string(),
            text: "# The gateway adds the CORS headers and the service behind it adds them too: the
# browser takes the two copies as one list and refuses it. Keep the gateway's:
spring:
  cloud:
    gateway:
      default-filters:
        - DedupeResponseHeader=Access-Control-Allow-Origin Access-Control-Allow-Credentials, RETAIN_FIRST
# Or take CORS out of the services behind the gateway (or out of the gateway's globalcors):
# one layer answers it. Spring Cloud Gateway 4.3 and later read these keys under
# spring.cloud.gateway.server.webflux."
                .to_string(),
        };
    }
    let mut lines = vec![
        format!("            allowedOrigins: \"{}\"", v.origin),
        format!(
            "            allowedMethods: [{}]",
            Vals::dq_list(&v.methods)
        ),
    ];
    if !v.headers.is_empty() {
        lines.push(format!(
            "            allowedHeaders: [{}]",
            Vals::dq_list(&v.headers)
        ));
    }
    if !v.expose.is_empty() {
        lines.push(format!(
            "            exposedHeaders: [{}]",
            Vals::dq_list(&v.expose)
        ));
    }
    if v.credentials {
        lines.push("            allowCredentials: true".to_string());
    }
    let text = fill(
        "# Spring Cloud Gateway (application.yml): the gateway answers CORS for every route,
# preflights included (add-to-simple-url-handler-mapping: OPTIONS reaches no route).
# The services behind it then must not add the headers too.
@@NOTE@@
spring:
  cloud:
    gateway:
      globalcors:
        add-to-simple-url-handler-mapping: true
        cors-configurations:
          '[/**]':
@@LINES@@
# Spring Cloud Gateway 4.3 and later read these keys under spring.cloud.gateway.server.webflux.",
        &[("NOTE", v.origin_note("#")), ("LINES", lines.join("\n"))],
    );
    Fix {
        target: "spring-cloud-gateway".to_string(),
        title: "Spring Cloud Gateway: globalcors".to_string(),
        text,
    }
}

/// Go: rs/cors around the router (net/http, chi, gorilla/mux), with Gin's and Echo's own.
fn go(ctx: &FixContext, v: &Vals) -> Fix {
    let mut opts = vec![
        format!("AllowedOrigins:   []string{{\"{}\"}},", v.origin),
        format!(
            "AllowedMethods:   []string{{{}}},",
            Vals::dq_list(&v.methods)
        ),
    ];
    if !v.headers.is_empty() {
        opts.push(format!(
            "AllowedHeaders:   []string{{{}}},",
            Vals::dq_list(&v.headers)
        ));
    }
    if !v.expose.is_empty() {
        opts.push(format!(
            "ExposedHeaders:   []string{{{}}},",
            Vals::dq_list(&v.expose)
        ));
    }
    if v.credentials {
        opts.push("AllowCredentials: true,".to_string());
    }
    opts.push("MaxAge:           600,".to_string());
    let many = allow_origin_doubled(ctx);
    let note = if many {
        "// The header carried the whole list: it must carry only the request's Origin. A middleware\n// that joins AllowOrigins into one value is an old version or set by hand: use one that\n// reflects the matching origin (these do), and no second layer adding it too.\n"
    } else {
        ""
    };
    let text = fill(
        "// Go (go get github.com/rs/cors): wraps the router (net/http, chi, gorilla/mux), answers
// OPTIONS and puts the headers on every response. Register it outside auth middleware:
// a preflight carries no credentials.
@@NOTE@@
@@MANY@@c := cors.New(cors.Options{
    @@OPTS@@
})
log.Fatal(http.ListenAndServe(\":8080\", c.Handler(mux)))
// Gin: r.Use(cors.New(cors.Config{AllowOrigins: …, AllowMethods: …})) (github.com/gin-contrib/cors)
// Echo: e.Use(middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: …, AllowHeaders: …}))",
        &[
            ("NOTE", v.origin_note("//")),
            ("MANY", note.to_string()),
            ("OPTS", opts.join("\n")),
        ],
    );
    Fix {
        target: "go".to_string(),
        title: "Go: rs/cors (or Gin's, Echo's CORS middleware)".to_string(),
        text,
    }
}

/// Laravel: config/cors.php, read by its HandleCors middleware.
fn laravel(v: &Vals) -> Fix {
    let text = fill(
        "<?php
// Laravel: config/cors.php, applied by the HandleCors middleware (built in since Laravel 9;
// before it, the fruitcake/laravel-cors package). Run `php artisan config:clear` after the
// change; a dd(), exit or a crash before the middleware leaves the headers out.
@@NOTE@@
return [
    'paths' => ['api/*', 'sanctum/csrf-cookie'],   // every path the page calls
    'allowed_methods' => [@@METHODS@@],
    'allowed_origins' => ['@@ORIGIN@@'],
    'allowed_headers' => [@@HEADERS@@],
    'exposed_headers' => [@@EXPOSE@@],
    'max_age' => 600,
    'supports_credentials' => @@CREDS@@,
];",
        &[
            ("NOTE", v.origin_note("//")),
            ("METHODS", Vals::js_list(&v.methods)),
            ("ORIGIN", v.origin.clone()),
            ("HEADERS", Vals::js_list(&v.headers)),
            ("EXPOSE", Vals::js_list(&v.expose)),
            ("CREDS", v.credentials.to_string()),
        ],
    );
    Fix {
        target: "laravel".to_string(),
        title: "Laravel: config/cors.php".to_string(),
        text,
    }
}

/// Someone else's API: the page's own server calls it (a route of its backend, a serverless
/// function, the dev server's proxy), since only the API's owner can add CORS headers.
pub(crate) fn through_own_server(ctx: &FixContext) -> Fix {
    let u = url::Url::parse(&ctx.url).ok();
    let host = u
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "api.example.com".to_string());
    let upstream = u
        .as_ref()
        .map(|u| format!("{}://{host}/", u.scheme()))
        .unwrap_or_else(|| "https://api.example.com/".to_string());
    let path = u.as_ref().map_or("/", |u| u.path()).to_string();
    let text = fill(
        "# Only @@HOST@@'s owner can add CORS headers to its answers. Call it from a server of
# yours instead: same origin for the page, no CORS (and an API key stays off the page).
# nginx on the page's own origin (the page then calls /upstream@@PATH@@):
location /upstream/ {
    proxy_pass @@UPSTREAM@@;
    proxy_set_header Host @@HOST@@;
    proxy_ssl_server_name on;
}
# During development, the dev server's proxy does the same (Vite: server.proxy; webpack:
# devServer.proxy; Angular: proxy.conf.json); in production, a backend route or a
# serverless function (Netlify/Vercel/Cloudflare) that fetches @@UPSTREAM@@ for the page.
# Or ask the API's owner whether another endpoint or a JSONP/CORS-enabled variant exists.",
        &[("HOST", host), ("UPSTREAM", upstream), ("PATH", path)],
    );
    Fix {
        target: "same-origin-proxy".to_string(),
        title: "Call the API through your own server".to_string(),
        text,
    }
}

/// A public CORS proxy in the URL: the page's own server in its place.
pub(crate) fn own_proxy(ctx: &FixContext) -> Fix {
    let u = url::Url::parse(&ctx.url).ok();
    let proxy = u
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "the proxy".to_string());
    // The target the proxy was asked for (`https://proxy/https://target/…`).
    let target = u
        .as_ref()
        .map(|u| u.path().trim_start_matches('/').to_string())
        .and_then(|p| {
            let p = p.replacen(":/", "://", 1).replace(":///", "://");
            url::Url::parse(&p).ok()
        });
    let (upstream, host) = match &target {
        Some(t) => (
            format!(
                "{}://{}/",
                t.scheme(),
                t.host_str().unwrap_or("api.example.com")
            ),
            t.host_str().unwrap_or("api.example.com").to_string(),
        ),
        None => (
            "https://api.example.com/".to_string(),
            "api.example.com".to_string(),
        ),
    };
    let text = fill(
        "# @@PROXY@@ is a public CORS proxy: not yours to configure, and it may be down,
# rate-limited or refusing this target. Call the API through your own server instead.
# nginx on the page's own origin (the page then calls /upstream/…; same origin, no CORS):
location /upstream/ {
    proxy_pass @@UPSTREAM@@;
    proxy_set_header Host @@HOST@@;
    proxy_ssl_server_name on;
}
# During development, the dev server's proxy does the same (Vite: server.proxy; webpack:
# devServer.proxy; Angular: proxy.conf.json).",
        &[("PROXY", proxy), ("UPSTREAM", upstream), ("HOST", host)],
    );
    Fix {
        target: "same-origin-proxy".to_string(),
        title: "Your own proxy in place of the public one".to_string(),
        text,
    }
}

/// Flask with flask-cors: OPTIONS answered, the headers on every response.
fn flask(v: &Vals) -> Fix {
    let mut args = vec![
        format!("origins=[\"{}\"],", v.origin),
        format!("methods=[{}],", Vals::dq_list(&v.methods)),
    ];
    if !v.headers.is_empty() {
        args.push(format!("allow_headers=[{}],", Vals::dq_list(&v.headers)));
    }
    if !v.expose.is_empty() {
        args.push(format!("expose_headers=[{}],", Vals::dq_list(&v.expose)));
    }
    if v.credentials {
        args.push("supports_credentials=True,".to_string());
    }
    args.push("max_age=600,".to_string());
    let text = fill(
        "# Flask (pip install flask-cors): answers OPTIONS and puts the headers on every response,
# errors included.
@@NOTE@@
from flask_cors import CORS

CORS(
    app,
    @@ARGS@@
)",
        &[("NOTE", v.origin_note("#")), ("ARGS", args.join("\n"))],
    );
    Fix {
        target: "flask".to_string(),
        title: "Flask: flask-cors".to_string(),
        text,
    }
}

/// Django with django-cors-headers.
fn django(v: &Vals) -> Fix {
    // django-cors-headers allows some by default; the page's others are added to them.
    let extra = django_extra_headers(v);
    let mut settings = vec![format!("CORS_ALLOWED_ORIGINS = [\"{}\"]", v.origin)];
    if !extra.is_empty() {
        settings.push(format!(
            "CORS_ALLOW_HEADERS = (*default_headers, {})",
            Vals::dq_list(&extra)
        ));
    }
    if !v.expose.is_empty() {
        settings.push(format!(
            "CORS_EXPOSE_HEADERS = [{}]",
            Vals::dq_list(&v.expose)
        ));
    }
    if v.credentials {
        settings.push("CORS_ALLOW_CREDENTIALS = True".to_string());
    }
    let text = fill(
        "# Django (pip install django-cors-headers), settings.py.
@@NOTE@@
@@IMPORT@@INSTALLED_APPS = [
    # …
    \"corsheaders\",
]
MIDDLEWARE = [
    \"corsheaders.middleware.CorsMiddleware\",  # as high as possible: before CommonMiddleware
    \"django.middleware.common.CommonMiddleware\",
    # …
]
@@SETTINGS@@",
        &[
            ("NOTE", v.origin_note("#")),
            (
                "IMPORT",
                if extra.is_empty() {
                    String::new()
                } else {
                    "from corsheaders.defaults import default_headers\n\n".to_string()
                },
            ),
            ("SETTINGS", settings.join("\n")),
        ],
    );
    Fix {
        target: "django".to_string(),
        title: "Django: django-cors-headers".to_string(),
        text,
    }
}

/// Next.js: middleware answers OPTIONS and adds the headers to every /api response.
fn nextjs(v: &Vals) -> Fix {
    let mut always = vec![
        "'Access-Control-Allow-Origin': origin".to_string(),
        "'Vary': 'Origin'".to_string(),
    ];
    if v.credentials {
        always.push("'Access-Control-Allow-Credentials': 'true'".to_string());
    }
    if !v.expose.is_empty() {
        always.push(format!(
            "'Access-Control-Expose-Headers': '{}'",
            v.expose.join(", ")
        ));
    }
    let text = fill(
        "// Next.js (X-Powered-By names it): middleware.ts at the project root runs before every
// matching route, OPTIONS included; route handlers and API routes need no CORS code then.
@@NOTE@@
import { NextResponse, type NextRequest } from 'next/server';

const allowed = ['@@ORIGIN@@'];

export function middleware(req: NextRequest) {
  const origin = req.headers.get('origin') ?? '';
  const cors: Record<string, string> = allowed.includes(origin)
    ? { @@ALWAYS@@ }
    : {};
  if (req.method === 'OPTIONS') {
    return new NextResponse(null, {
      status: 204,
      headers: {
        ...cors,
        'Access-Control-Allow-Methods': '@@METHODS@@',
        'Access-Control-Allow-Headers': '@@HEADERS@@',
        'Access-Control-Max-Age': '600',
      },
    });
  }
  const res = NextResponse.next();
  for (const [k, val] of Object.entries(cors)) res.headers.set(k, val);
  return res;
}

export const config = { matcher: '@@MATCHER@@' };",
        &[
            ("NOTE", v.origin_note("//")),
            ("ORIGIN", v.origin.clone()),
            ("ALWAYS", always.join(", ")),
            ("METHODS", v.methods.join(", ")),
            ("HEADERS", v.headers.join(", ")),
            ("MATCHER", format!("{}:path*", nginx_location(v))),
        ],
    );
    Fix {
        target: "nextjs".to_string(),
        title: "Next.js: middleware that answers OPTIONS and adds the headers".to_string(),
        text,
    }
}

/// Plain PHP: the headers before any output, OPTIONS answered at once.
fn php(v: &Vals) -> Fix {
    let mut lines = vec![
        format!("$allowed = ['{}'];", v.origin),
        "$origin = $_SERVER['HTTP_ORIGIN'] ?? '';".to_string(),
        "if (in_array($origin, $allowed, true)) {".to_string(),
        "    header(\"Access-Control-Allow-Origin: $origin\");".to_string(),
        "    header('Vary: Origin');".to_string(),
    ];
    if v.credentials {
        lines.push("    header('Access-Control-Allow-Credentials: true');".to_string());
    }
    if !v.expose.is_empty() {
        lines.push(format!(
            "    header('Access-Control-Expose-Headers: {}');",
            v.expose.join(", ")
        ));
    }
    lines.push("}".to_string());
    let text = fill(
        "<?php
// PHP: first thing in the script (or its front controller), before any output, so every
// response — errors too — carries the headers.
@@NOTE@@
@@LINES@@
if ($_SERVER['REQUEST_METHOD'] === 'OPTIONS') {
    header('Access-Control-Allow-Methods: @@METHODS@@');
    header('Access-Control-Allow-Headers: @@HEADERS@@');
    header('Access-Control-Max-Age: 600');
    http_response_code(204);
    exit;
}",
        &[
            ("NOTE", v.origin_note("//")),
            ("LINES", lines.join("\n")),
            ("METHODS", v.methods.join(", ")),
            ("HEADERS", v.headers.join(", ")),
        ],
    );
    Fix {
        target: "php".to_string(),
        title: "PHP: the headers first, OPTIONS answered with 204".to_string(),
        text,
    }
}

/// Tornado: the headers in the handler's `set_default_headers`, and an `options` method (a
/// handler without one answers OPTIONS 405, CORS headers or not).
fn tornado(v: &Vals) -> Fix {
    let mut lines = vec![
        "        origin = self.request.headers.get('Origin')".to_string(),
        "        if origin in ALLOWED_ORIGINS:".to_string(),
        "            self.set_header('Access-Control-Allow-Origin', origin)".to_string(),
        "            self.set_header('Vary', 'Origin')".to_string(),
    ];
    if v.credentials {
        lines.push(
            "            self.set_header('Access-Control-Allow-Credentials', 'true')".to_string(),
        );
    }
    if !v.expose.is_empty() {
        lines.push(format!(
            "            self.set_header('Access-Control-Expose-Headers', '{}')",
            v.expose.join(", ")
        ));
    }
    let text = fill(
        "# Tornado (Server: TornadoServer): a handler without an options() method answers the
# preflight 405 whatever headers it sets; give every API handler a base class that adds the
# headers to each response (errors too: set_default_headers runs for them) and answers OPTIONS.
@@NOTE@@
ALLOWED_ORIGINS = {'@@ORIGIN@@'}

class CorsHandler(tornado.web.RequestHandler):
    def set_default_headers(self):
@@LINES@@

    def options(self, *args, **kwargs):
        self.set_header('Access-Control-Allow-Methods', '@@METHODS@@')
        self.set_header('Access-Control-Allow-Headers', '@@HEADERS@@')
        self.set_header('Access-Control-Max-Age', '600')
        self.set_status(204)
        self.finish()

class ItemsHandler(CorsHandler):   # your handlers derive from it
    ...",
        &[
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("LINES", lines.join("\n")),
            ("METHODS", v.methods.join(", ")),
            ("HEADERS", v.headers.join(", ")),
        ],
    );
    Fix {
        target: "tornado".to_string(),
        title: "Tornado: set_default_headers and an options() method".to_string(),
        text,
    }
}

/// Rails with rack-cors.
fn rails(v: &Vals) -> Fix {
    let methods = rails_methods(v);
    let mut opts = vec![
        "headers: :any".to_string(),
        format!("methods: [{}]", methods.join(", ")),
    ];
    if !v.expose.is_empty() {
        opts.push(format!("expose: [{}]", Vals::dq_list(&v.expose)));
    }
    if v.credentials {
        opts.push("credentials: true".to_string());
    }
    let text = fill(
        "# Rails (gem \"rack-cors\"), config/initializers/cors.rb: first in the middleware stack,
# so OPTIONS and error responses get the headers too.
@@NOTE@@
Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    origins \"@@ORIGIN@@\"
    resource \"*\", @@OPTS@@
  end
end",
        &[
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("OPTS", opts.join(", ")),
        ],
    );
    Fix {
        target: "rails".to_string(),
        title: "Rails: rack-cors".to_string(),
        text,
    }
}

/// nginx in front (or the server itself).
pub(crate) fn nginx_fixes(ctx: &FixContext, v: &Vals) -> Vec<Fix> {
    if is_redirect(ctx) {
        return redirect_fixes(ctx, v);
    }
    let status = ctx.status.unwrap_or(0);
    let gateway_error = ctx.cause == Some(CauseKind::GatewayError);
    let mut server = Vec::new();
    let mut location = Vec::new();
    let mut out = Vec::new();
    if gateway_error && status == 413 {
        server.push("client_max_body_size 20m;          # nginx answered 413: the body is over the limit (default 1m)".to_string());
    }
    if gateway_error && (status == 504 || status == 502) {
        location.push("proxy_read_timeout 60s;            # 504: the upstream answered too slowly; 502: it failed or closed the connection".to_string());
    }
    if allow_origin_doubled(ctx) {
        location.push("proxy_hide_header Access-Control-Allow-Origin;        # the upstream sends it too: keep one".to_string());
        location.push("proxy_hide_header Access-Control-Allow-Credentials;".to_string());
    } else if ctx
        .cors_error
        .as_deref()
        .is_some_and(|e| e.ends_with("AllowOriginMismatch"))
    {
        // The value the browser got may be the upstream's own (a development default): with
        // nginx's added, the browser would get two.
        location.push("proxy_hide_header Access-Control-Allow-Origin;        # the upstream's own value (if it sends one): nginx's alone".to_string());
        if v.credentials {
            location.push("proxy_hide_header Access-Control-Allow-Credentials;".to_string());
        }
    }
    if ctx.cause == Some(CauseKind::HeaderMismatch) && v.method_case_differs() {
        out.push(client_method_case(v));
    }
    out.insert(0, nginx(ctx, v, &server, &location));
    // `*` twice on a request without credentials: one `*` is the whole fix.
    if ctx.star_twice && !v.credentials {
        out.insert(0, nginx_one_star(v));
    }
    // nginx passed on the answer of an application its headers name (php-fpm's X-Powered-By):
    // the application's own fix is the other way.
    if let Some(f) = ctx.framework.filter(|_| ctx.gateway_response.is_none()) {
        out.push(framework_fix(f, v));
    }
    out.push(generic_headers(ctx, v));
    out
}

/// Not blocked, but the origin is reflected without `Vary: Origin`.
pub(crate) fn vary_fixes(ctx: &FixContext, v: &Vals) -> Vec<Fix> {
    let text = fill(
        "# Access-Control-Allow-Origin is chosen from the Origin request header, so add to every response
# (2xx, 3xx, 4xx, 5xx and the preflight):
Vary: Origin
# Without it a cache (browser, CDN, proxy) can replay the answer made for one origin to another origin:
# the page at @@ORIGIN@@ then fails intermittently.
@@NOTE@@",
        &[("ORIGIN", v.origin.clone()), ("NOTE", v.origin_note("#"))],
    );
    let generic = Fix {
        target: "generic".to_string(),
        title: "Add Vary: Origin".to_string(),
        text,
    };
    match ctx.gateway {
        Some(crate::gateway::Gateway::Nginx) => {
            let text = fill(
                "# nginx: next to the add_header Access-Control-Allow-Origin lines (page origin @@ORIGIN@@)
@@NOTE@@
add_header Vary Origin always;",
                &[("ORIGIN", v.origin.clone()), ("NOTE", v.origin_note("#"))],
            );
            vec![
                Fix {
                    target: "nginx".to_string(),
                    title: "nginx: add Vary: Origin".to_string(),
                    text,
                },
                generic,
            ]
        }
        Some(crate::gateway::Gateway::Cloudfront) => {
            vec![super::products::cloudfront(ctx, v), generic]
        }
        _ => vec![generic],
    }
}

/// Ollama refusing a request header: its list is fixed (OLLAMA_ORIGINS does not change it).
pub(crate) fn ollama_header(header: &str) -> Fix {
    let stainless = header.starts_with("x-stainless-");
    let sdk = if stainless {
        "
// The OpenAI SDK sends its x-stainless-* headers on every call: drop them in its fetch.
const client = new OpenAI({
  baseURL: 'http://localhost:11434/v1', apiKey: 'ollama', dangerouslyAllowBrowser: true,
  fetch: (url, init) => {
    const headers = new Headers(init?.headers);
    for (const name of [...headers.keys()]) {
      if (name.startsWith('x-stainless-')) headers.delete(name);
    }
    return fetch(url, { ...init, headers });
  },
});"
    } else {
        ""
    };
    let header = if stainless { "x-stainless-*" } else { header };
    Fix {
        target: "ollama".to_string(),
        title: format!("Ollama: its request headers are fixed, so do not send {header}"),
        text: format!(
            "// Ollama allows a fixed list of request headers, whatever OLLAMA_ORIGINS says, and
// `{header}` is not in it. Upgrade Ollama (later versions added some client libraries'
// headers, the OpenAI SDK's x-stainless-* among them), or stop sending the header from the
// page (or put a proxy in front that answers the preflight itself).{sdk}"
        ),
    }
}

/// Ollama: the origins its OLLAMA_ORIGINS lists (it answers every other one 403, empty).
pub(crate) fn ollama(v: &Vals) -> Fix {
    // A browser extension's id changes between installs: its scheme with a wildcard.
    let origin = [
        "chrome-extension://",
        "moz-extension://",
        "safari-web-extension://",
    ]
    .iter()
    .find(|p| v.origin.starts_with(**p))
    .map_or_else(|| v.origin.clone(), |p| format!("{p}*"));
    let text = fill(
        "# Ollama answers CORS itself, from OLLAMA_ORIGINS: besides localhost, 127.0.0.1 and
# 0.0.0.0 (any port) and, in versions since spring 2024, app://, file://, tauri://, every
# other origin (a site, a browser extension, http://tauri.localhost) gets 403 with an
# empty body. Set it where the Ollama server starts, then
# restart the server (a comma-separated list; `*` allows every origin).
@@NOTE@@
# Linux (systemd): sudo systemctl edit ollama.service, then restart
[Service]
Environment=\"OLLAMA_ORIGINS=@@ORIGIN@@\"
# sudo systemctl daemon-reload && sudo systemctl restart ollama

# macOS: launchctl setenv OLLAMA_ORIGINS \"@@ORIGIN@@\"   (then quit and reopen Ollama)
# Windows: setx OLLAMA_ORIGINS \"@@ORIGIN@@\"             (then quit and reopen Ollama)
# Docker:  docker run -e OLLAMA_ORIGINS=\"@@ORIGIN@@\" … ollama/ollama
# By hand: OLLAMA_ORIGINS=\"@@ORIGIN@@\" ollama serve
#
# A request header Ollama's fixed list does not allow (a client library's own, such as
# the OpenAI SDK's x-stainless-*) fails the preflight whatever the origin: upgrade Ollama,
# or stop sending it.",
        &[("NOTE", v.origin_note("#")), ("ORIGIN", origin)],
    );
    Fix {
        target: "ollama".to_string(),
        title: "Ollama: allow the page's origin in OLLAMA_ORIGINS".to_string(),
        text,
    }
}

/// Appwrite: the project's Web platforms are its CORS allow-list.
pub(crate) fn appwrite(v: &Vals) -> Fix {
    let host = crate::fetch::origin::host_of(&v.origin)
        .filter(|_| v.origin_known)
        .unwrap_or_else(|| "your-site.example".to_string());
    Fix {
        target: "appwrite".to_string(),
        title: "Appwrite: the page's hostname as a Web platform of the project".to_string(),
        text: format!(
            "# Appwrite sends CORS headers only for the hostnames registered as the project's
# platforms (an unknown origin gets Access-Control-Allow-Origin: https://localhost, or none).
# Console → the project → Overview → Platforms → Add platform → Web:
#   Hostname: {host}
# (no scheme, no port; one platform per hostname: localhost for development, the deployed
# site's own host for production)
# The SDK's client must use that project: new Client().setEndpoint(…).setProject('PROJECT_ID')."
        ),
    }
}

/// Home Assistant: its `http:` integration's `cors_allowed_origins`.
pub(crate) fn home_assistant(v: &Vals) -> Fix {
    Fix {
        target: "home-assistant".to_string(),
        title: "Home Assistant: the page's origin in http: cors_allowed_origins".to_string(),
        text: format!(
            "# configuration.yaml: Home Assistant answers CORS only for the origins listed here
# (exact: scheme, host and port, no trailing slash); restart Home Assistant after the edit.
http:
  cors_allowed_origins:
    - {}
# The page sends a long-lived access token: Authorization: Bearer <token> (allowed).
# A reverse proxy in front (nginx, Caddy, Cloudflare) must pass OPTIONS and the headers on.",
            v.origin
        ),
    }
}

/// Jupyter Server (JupyterLab, Notebook 7) or the classic Notebook: `allow_origin`.
pub(crate) fn jupyter(v: &Vals) -> Fix {
    let origin = &v.origin;
    Fix {
        target: "jupyter".to_string(),
        title: "Jupyter: the page's origin in allow_origin".to_string(),
        text: format!(
            "# Jupyter answers CORS from its allow_origin setting (none by default); restart after.
jupyter lab --ServerApp.allow_origin='{origin}'
# or in ~/.jupyter/jupyter_server_config.py:
c.ServerApp.allow_origin = '{origin}'      # or allow_origin_pat = r'https://.*\\.example\\.com'
c.ServerApp.allow_credentials = True        # only if the page sends cookies
# The classic Notebook (6 and older): --NotebookApp.allow_origin='{origin}'
# (jupyter_notebook_config.py: c.NotebookApp.allow_origin)."
        ),
    }
}

/// Matomo: the origins its tracker and API accept in `cors_domains[]`.
pub(crate) fn matomo(v: &Vals) -> Fix {
    Fix {
        target: "matomo".to_string(),
        title: "Matomo: the page's origin in cors_domains[]".to_string(),
        text: format!(
            "; config/config.ini.php: Matomo answers CORS for the domains listed here (one line
; each; `*` allows every origin). Keep the [General] section's other lines.
[General]
cors_domains[] = \"{}\"",
            v.origin
        ),
    }
}

/// Directus: CORS from its environment, off until CORS_ENABLED is true.
pub(crate) fn directus(v: &Vals) -> Fix {
    let methods = v.methods_but_options();
    let mut headers = vec!["Content-Type".to_string(), "Authorization".to_string()];
    for h in &v.headers {
        if !headers.iter().any(|x| x.eq_ignore_ascii_case(h)) {
            headers.push(h.clone());
        }
    }
    let creds = if v.credentials {
        "\n# The page sends cookies (session mode):\nCORS_CREDENTIALS=true"
    } else {
        ""
    };
    let text = fill(
        "# Directus answers CORS from its environment (.env, or docker-compose's environment:),
# and sends no CORS headers at all until CORS_ENABLED is true. Restart Directus after.
@@NOTE@@
# CORS_ORIGIN: a comma-separated list of origins (true reflects any origin).
CORS_ENABLED=true
CORS_ORIGIN=@@ORIGIN@@
CORS_METHODS=@@METHODS@@
CORS_ALLOWED_HEADERS=@@HEADERS@@@@CREDS@@
# A site that renders its first page on the server and fetches in the browser after
# (Nuxt, Next.js): the reload works (the server called Directus), the navigation does not
# (the browser did) until the site's origin is listed here.",
        &[
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", methods.join(",")),
            ("HEADERS", headers.join(",")),
            ("CREDS", creds.to_string()),
        ],
    );
    Fix {
        target: "directus".to_string(),
        title: "Directus: CORS_ENABLED and CORS_ORIGIN".to_string(),
        text,
    }
}

/// nginx: `Access-Control-Allow-Origin: *` sent twice; one layer keeps it.
fn nginx_one_star(v: &Vals) -> Fix {
    let path = v
        .first_path_segment()
        .filter(|first| !first.is_empty())
        .map_or_else(|| "/".to_string(), |first| format!("/{first}/"));
    let text = fill(
        "# nginx
# Access-Control-Allow-Origin: * came twice (`*, *`): two layers add it (this nginx and the
# server or cache behind it, or two add_header lines that both apply). A resource any site may
# read, without credentials, needs `*` once: keep one layer's.
location @@PATH@@ {
    proxy_hide_header Access-Control-Allow-Origin;   # the copy the upstream adds
    add_header Access-Control-Allow-Origin * always;
    # proxy_pass …;                                  # as before
}
# Or drop this nginx's add_header and keep the upstream's. With `*`, an
# Access-Control-Allow-Credentials: true is of no use: drop it too.",
        &[("PATH", path)],
    );
    Fix {
        target: "nginx".to_string(),
        title: "nginx: one Access-Control-Allow-Origin: *".to_string(),
        text,
    }
}

/// Quarkus: its CORS filter, off until enabled; with no origins listed it allows only the
/// application's own.
pub(crate) fn quarkus(v: &Vals) -> Fix {
    let methods = v.methods_but_options();
    let creds = if v.credentials {
        "\nquarkus.http.cors.access-control-allow-credentials=true"
    } else {
        ""
    };
    let text = fill(
        "# src/main/resources/application.properties (Quarkus): the CORS filter is off until
# enabled, and answers preflights itself once it is; list the page's origin (with none
# listed, recent versions allow only the application's own origin).
@@NOTE@@
quarkus.http.cors.enabled=true
quarkus.http.cors.origins=@@ORIGIN@@
quarkus.http.cors.methods=@@METHODS@@
quarkus.http.cors.headers=@@HEADERS@@@@CREDS@@
# Quarkus before 3.17 names the first property quarkus.http.cors=true. As environment
# variables (a container, Kubernetes): QUARKUS_HTTP_CORS_ENABLED=true,
# QUARKUS_HTTP_CORS_ORIGINS=@@ORIGIN@@.",
        &[
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", methods.join(",")),
            ("HEADERS", v.headers.join(",")),
            ("CREDS", creds.to_string()),
        ],
    );
    Fix {
        target: "quarkus".to_string(),
        title: "Quarkus: quarkus.http.cors.enabled and its origins".to_string(),
        text,
    }
}
