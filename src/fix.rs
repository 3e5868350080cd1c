//! Fixes for the diagnosed case, ready to paste, filled with the user's real
//! origin, methods and headers.

mod aws_http;
mod aws_rest;
mod common;
mod lambda;
pub(crate) mod not_cors;
mod platform;
mod products;
mod servers;
pub(crate) mod setup;
mod storage;

use crate::cause::CauseKind;
use crate::gateway::{served_by, Gateway, Platform};
use crate::verdict::Stage;
use serde::Serialize;

/// One fix: where it applies, a title, and the text to paste.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// Stable id of the place the fix goes: `rest-api-console`, `sam`,
    /// `cloudformation`, `terraform`, `cdk`, `openapi`, `http-api-sam`,
    /// `http-api-terraform`, `http-api-cdk`, `lambda-node`, `lambda-python`,
    /// `nginx`, `generic` …
    pub target: String,
    pub title: String,
    pub text: String,
}

/// Everything the fixes are filled with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FixContext {
    pub cause: Option<CauseKind>,
    /// Which CorsError Chromium reported (its name), when blocked.
    pub cors_error: Option<String>,
    /// The page's serialized origin (`https://app.example.com`).
    pub origin: Option<String>,
    /// The request URL.
    pub url: String,
    /// The request method as sent (`PUT`, `patch` …).
    pub method: String,
    /// The input does not give the method (a console message): `method` is assumed, and a
    /// preflight's fixes allow the methods that need one.
    pub method_unknown: bool,
    /// Lower-cased CORS-unsafe request header names the request sends (those the
    /// preflight must allow), sorted.
    pub request_headers: Vec<String>,
    /// Response header names the page reads that must be exposed.
    pub expose_headers: Vec<String>,
    pub credentials: bool,
    /// The captured preflight or response allowed credentials (`Access-Control-Allow-
    /// Credentials: true`): the server's setting, kept in its fixes whatever this request sent.
    pub server_allows_credentials: bool,
    /// The request header the browser named as not allowed (HeaderDisallowedByPreflightResponse),
    /// lower-case: `request_headers` also holds its library's other headers.
    pub refused_header: Option<String>,
    /// The product in front of the API, when fingerprinted.
    pub gateway: Option<Gateway>,
    /// The gateway's own error name (`THROTTLED`, `MISSING_AUTHENTICATION_TOKEN` …).
    pub gateway_response: Option<String>,
    /// Status of the response that failed.
    pub status: Option<u16>,
    /// Where the failure happened (preflight or actual response), when known.
    pub stage: Option<Stage>,
    /// The `Location` of the redirect that broke the request, when known.
    pub redirect_location: Option<String>,
    /// The origin is reflected without `Vary: Origin` (a warning on an `ok` case).
    pub missing_vary: bool,
    /// `Authorization` got through only under `Access-Control-Allow-Headers: *` (a warning
    /// today): the fixes list it.
    pub authorization_under_wildcard: bool,
    /// The request is a simple one (no preflight): fixes leave the OPTIONS part out.
    pub simple_request: bool,
    /// The page refused the request itself (CSP, mixed content): the directive
    /// and page the fixes name.
    pub page_block: Option<crate::exchange::PageBlock>,
    /// What the server's preflight answer allows already (its Access-Control-Allow-Headers,
    /// lower-cased, and Access-Control-Allow-Methods, as sent; `*` left out): the fixes keep
    /// them, so the other pages and clients it serves keep working.
    pub allowed_headers: Vec<String>,
    pub allowed_methods: Vec<String>,
    /// What made the request, when the input says (a font, a crossorigin script …).
    pub initiator: Option<crate::browser_text::Initiator>,
    /// The web framework the response's own headers name (`Server: Werkzeug/…` is Flask's
    /// development server …): its CORS package is the fix, not another framework's.
    pub framework: Option<Framework>,
    /// The response names server software other than Node's (`Server: nginx`, `X-Powered-By:
    /// ASP.NET` …): no Node framework's fix.
    pub other_stack: bool,
    /// The server software the words around the capture name (`Spring Boot`,
    /// `app.use(cors())`), first named first.
    pub stacks_named: Vec<crate::exchange::Stack>,
    /// The infrastructure-as-code tool a pasted template is written for: its fixes first.
    pub iac_named: Option<crate::exchange::Iac>,
    /// The person's words say the server is someone else's: their own server makes the call.
    pub not_theirs: bool,
    /// Access-Control-Allow-Origin came as `*` more than once (`*, *`): two layers add it.
    pub star_twice: bool,
    /// Access-Control-Allow-Origin held several different origins, on one header line where
    /// the capture shows the lines: one layer's configured list sent as it is.
    pub origin_list: bool,
}

pub use crate::gateway::Framework;

/// At most this many fixes per case.
pub const MAX_FIXES: usize = 8;

/// Request headers a client library sends together, and the response headers it reads.
/// (lower-case; the first header names the library).
const HEADER_FAMILIES: [(&[&str], &[&str]); 7] = [
    // gRPC-Web (grpc-web, improbable-eng, protobuf-ts, Connect's gRPC-Web mode): the status
    // comes in headers the page must read.
    (
        &["x-grpc-web", "x-user-agent", "content-type", "grpc-timeout"],
        &["grpc-status", "grpc-message"],
    ),
    // Connect's own protocol.
    (
        &[
            "connect-protocol-version",
            "connect-timeout-ms",
            "content-type",
        ],
        &[],
    ),
    // Apollo Client's client awareness.
    (
        &[
            "apollographql-client-name",
            "apollographql-client-version",
            "content-type",
        ],
        &[],
    ),
    // tus resumable uploads (tus-js-client, Uppy).
    (
        &[
            "tus-resumable",
            "upload-length",
            "upload-offset",
            "upload-metadata",
            "upload-concat",
            "upload-defer-length",
            "content-type",
        ],
        &[
            "location",
            "tus-resumable",
            "tus-version",
            "tus-extension",
            "tus-max-size",
            "upload-offset",
            "upload-length",
            "upload-metadata",
        ],
    ),
    // Stainless-generated SDKs (OpenAI's and Anthropic's JavaScript SDKs).
    (
        &[
            "x-stainless-os",
            "x-stainless-lang",
            "x-stainless-arch",
            "x-stainless-runtime",
            "x-stainless-runtime-version",
            "x-stainless-package-version",
            "x-stainless-retry-count",
            "x-stainless-timeout",
            "content-type",
            "authorization",
        ],
        &[],
    ),
    // Sentry's tracing.
    (&["sentry-trace", "baggage"], &[]),
    // W3C Trace Context (OpenTelemetry, Datadog, New Relic …).
    (&["traceparent", "tracestate"], &[]),
];

/// The families of [`HEADER_FAMILIES`] one of `request_headers` belongs to: (request
/// headers, response headers to expose).
pub fn header_families(
    request_headers: &[String],
) -> Vec<(&'static [&'static str], &'static [&'static str])> {
    HEADER_FAMILIES
        .iter()
        .filter(|(family, _)| {
            // (content-type or authorization alone names no library.)
            family
                .iter()
                .filter(|h| !matches!(**h, "content-type" | "authorization"))
                .any(|h| request_headers.iter().any(|r| r.eq_ignore_ascii_case(h)))
        })
        .copied()
        .collect()
}

/// The fixes for a diagnosed case, most specific first (the product the
/// user is on), at most [`MAX_FIXES`]. No fixes for `network_error`,
/// `unknown`, or `ok` (unless `missing_vary`, or Authorization passed only under a wildcard).
pub fn suggest(ctx: &FixContext) -> Vec<Fix> {
    let Some(cause) = ctx.cause else {
        return Vec::new();
    };
    if cause == CauseKind::OpaqueResponse {
        return opaque_fixes(ctx, suggest);
    }
    let v = common::Vals::from_ctx(ctx);
    let mut fixes = match cause {
        // Chrome refused to send it: no server header changes that (the summary says what does).
        CauseKind::NetworkError
        | CauseKind::Unknown
        | CauseKind::SignInRequest
        | CauseKind::LocalNetworkAccess => Vec::new(),
        CauseKind::ContentSecurityPolicy
        | CauseKind::MixedContent
        | CauseKind::SameOriginMode
        | CauseKind::WorkerScriptOrigin
        | CauseKind::ResourcePolicy
        | CauseKind::EmbedderPolicy => not_cors::fixes(ctx),
        CauseKind::Ok if ctx.authorization_under_wildcard => {
            // The preflight's answer as a header mismatch would be fixed: the same list,
            // `authorization` in it.
            let mut c = ctx.clone();
            c.cause = Some(CauseKind::HeaderMismatch);
            c.stage = Some(crate::verdict::Stage::Preflight);
            c.authorization_under_wildcard = false;
            c.simple_request = false;
            if !c.request_headers.iter().any(|h| h == "authorization") {
                c.request_headers.push("authorization".to_string());
                c.request_headers.sort();
            }
            suggest(&c)
        }
        CauseKind::Ok => {
            if ctx.missing_vary {
                servers::vary_fixes(ctx, &v)
            } else {
                Vec::new()
            }
        }
        // The preflight went to a sign-in page: the product that enforces sign-in, not the
        // gateway's or CDN's own errors.
        _ if preflight_to_sign_in(ctx) => servers::generic_fixes(ctx, &v),
        _ => match family(ctx) {
            Family::Rest => aws_rest::fixes(ctx, &v, cause),
            Family::Http => aws_http::fixes(ctx, &v, cause),
            Family::Nginx => servers::nginx_fixes(ctx, &v),
            Family::Other(g) => products::fixes(g, ctx, &v),
            Family::NoGateway => servers::generic_fixes(ctx, &v),
        },
    };
    // A font (or another static file a page element loads with CORS): the file server's
    // headers, not an API framework's middleware.
    let file_server_cause = matches!(
        cause,
        CauseKind::ResponseMissingCors | CauseKind::HeaderMismatch | CauseKind::Unknown
    ) && ctx.gateway.is_none_or(|g| !g.is_storage());
    // (A font file fetched by a script or a font loader, "Access to fetch at '….ttf'", is served
    // as one too.)
    if (ctx.initiator == Some(crate::browser_text::Initiator::Font)
        || served_by::font_file(&ctx.url))
        && file_server_cause
    {
        fixes.retain(|f| !is_example(f));
        fixes.insert(0, servers::static_font(&v));
    }
    // A stylesheet or script loaded with `crossorigin`: the tag, or the file server's header.
    let element = match ctx.initiator {
        Some(crate::browser_text::Initiator::Stylesheet) => Some(false),
        Some(crate::browser_text::Initiator::Script) => Some(true),
        _ => None,
    };
    if let Some(script) = element.filter(|_| file_server_cause) {
        fixes.retain(|f| !is_example(f));
        fixes.insert(0, servers::element_crossorigin(&v, script));
    }
    // A Keycloak endpoint: the client's Web origins, not a framework's middleware.
    if let Some(realm) = served_by::keycloak_realm(&ctx.url).filter(|_| {
        matches!(
            cause,
            CauseKind::ResponseMissingCors | CauseKind::HeaderMismatch | CauseKind::Unknown
        )
    }) {
        fixes.retain(|f| !is_example(f));
        fixes.insert(0, servers::keycloak(&v, &realm));
    }
    // Another identity provider's OpenID Connect endpoint: its allowed origins.
    if let Some(idp) = served_by::identity_provider(&ctx.url).filter(|_| {
        matches!(
            cause,
            CauseKind::ResponseMissingCors | CauseKind::HeaderMismatch | CauseKind::Unknown
        )
    }) {
        fixes.retain(|f| !is_example(f));
        fixes.insert(0, servers::identity_provider(&v, idp));
    }
    // WordPress's REST API allows the headers its filter lists.
    if served_by::wordpress_rest(&ctx.url)
        && ctx.cors_error.as_deref() == Some("HeaderDisallowedByPreflightResponse")
    {
        fixes.retain(|f| !is_example(f));
        fixes.insert(0, servers::wordpress_headers(&v));
    }
    // Azure Functions Core Tools' local host: its own CORS list, not the function's code.
    if served_by::azure_functions_local(&ctx.url) && cause != CauseKind::NetworkError {
        fixes.retain(|f| !is_example(f));
        fixes.insert(0, servers::azure_functions_local_fix(&v));
    }
    // A cause the server's CORS settings fix (a product's own setting: Vite's, Ollama's,
    // SignalR's hub; a stack the words name).
    let server_cause = matches!(
        cause,
        CauseKind::ResponseMissingCors
            | CauseKind::HeaderMismatch
            | CauseKind::PreflightFailed
            | CauseKind::PreflightMissing
            | CauseKind::Unknown
    );
    // Vite's dev server: its server.cors, not a header of the user's own server nor the
    // element's crossorigin (Vite's module scripts are always fetched with CORS).
    if served_by::vite_dev_server(&ctx.url) && server_cause {
        fixes.retain(|f| !is_example(f) && f.target != "element-crossorigin");
        fixes.insert(0, servers::vite(&v));
    }
    // Ollama's API: its OLLAMA_ORIGINS, not another server's headers.
    if served_by::ollama(&ctx.url) && server_cause && !fixes.iter().any(|f| f.target == "ollama") {
        fixes.retain(|f| !is_example(f));
        // A request header refused: its fixed list, not the origins, is what to work around.
        match ctx.refused_header.as_deref() {
            Some(h) => fixes.insert(0, servers::ollama_header(h)),
            None => fixes.insert(0, servers::ollama(&v)),
        }
    }
    // Socket.IO's long-polling: its server's own option, not the framework's middleware.
    if served_by::socket_io_polling(&ctx.url)
        && matches!(
            cause,
            CauseKind::ResponseMissingCors
                | CauseKind::HeaderMismatch
                | CauseKind::PreflightFailed
                | CauseKind::PreflightMissing
        )
    {
        fixes.insert(0, servers::socket_io(&v));
    }
    // SignalR's negotiate: the hub's CORS policy (ASP.NET Core), not another framework's.
    // (Not for a redirected preflight, whose fix is the URL; on the Functions host, whose
    // CORS is the host's, after its fix.)
    let redirected = ctx
        .cors_error
        .as_deref()
        .is_some_and(|e| e.contains("Redirect"));
    if servers::signalr_negotiate(&ctx.url) && server_cause && !redirected {
        fixes.retain(|f| !is_example(f));
        let at = fixes
            .iter()
            .position(|f| f.target == "azure-functions-local")
            .map_or(0, |i| i + 1);
        fixes.insert(at, servers::signalr(&v));
    }
    // `*` refused only for credentials: the page can drop them; first when the API is on
    // another site (its server is not the user's to change).
    if matches!(
        ctx.cors_error.as_deref(),
        Some(
            "WildcardOriginNotAllowed"
                | "PreflightWildcardOriginNotAllowed"
                | "InvalidAllowCredentials"
                | "PreflightInvalidAllowCredentials"
        )
    ) {
        let theirs = ctx
            .origin
            .as_deref()
            .and_then(|o| crate::cause::other_site(o, &ctx.url))
            .is_some()
            && ctx.gateway.is_none();
        let at = if theirs { 0 } else { 1.min(fixes.len()) };
        fixes.insert(at, not_cors::no_credentials_fix(ctx));
    }
    // A cache served a copy stored without CORS headers: the cache first, whatever the server.
    if ctx.gateway_response.as_deref() == Some(crate::cause::CACHE_HIT)
        && !fixes.iter().any(|f| f.target == "cdn-cache")
    {
        fixes.insert(0, products::cached_copy(ctx.gateway, &v));
    }
    // A host no page's developer runs (read once for both steps below).
    let service = crate::cause::public_service(&ctx.url).map(|(_, kind)| kind);
    // A header a public service's preflight does not allow: the page stops sending it there.
    if ctx.cors_error.as_deref() == Some("HeaderDisallowedByPreflightResponse")
        && service == Some(crate::cause::PublicService::Provider)
        && !ctx.request_headers.is_empty()
        && !fixes.iter().any(|f| f.target == "client")
    {
        fixes.insert(0, not_cors::header_to_public_service(ctx));
    }
    // A header a library adds to every call (Sentry's or OpenTelemetry's trace headers, the
    // AWS SDK's): its option that keeps it to your API — first for another site's host.
    if ctx.cors_error.as_deref() == Some("HeaderDisallowedByPreflightResponse")
        && !fixes.iter().any(|f| f.target == "client")
        && !ctx.request_headers.is_empty()
        && ctx
            .request_headers
            .iter()
            .all(|h| not_cors::added_by_library(h))
    {
        let theirs = ctx
            .origin
            .as_deref()
            .and_then(|o| crate::cause::other_site(o, &ctx.url))
            .is_some();
        let at = if theirs { 0 } else { 1.min(fixes.len()) };
        fixes.insert(at, not_cors::header_to_public_service(ctx));
    }
    // The words say the API is someone else's: only its owner adds CORS headers; the page's
    // own server (or the dev server's proxy) makes the call.
    if ctx.not_theirs
        && service != Some(crate::cause::PublicService::CorsProxy)
        && (server_cause || cause == CauseKind::GatewayError)
        && !fixes.iter().any(|f| f.target == "client")
    {
        fixes.retain(|f| !is_example(f));
        fixes.insert(0, servers::through_own_server(ctx));
    }
    // A well-known API that answers no page: the page's own server calls it.
    if let (Some(api), true) = (served_by::server_only_api(&ctx.url), server_cause) {
        fixes.retain(|f| !is_example(f) && f.target != "generic");
        fixes.insert(0, server_only_api(ctx, api));
    }
    // A public CORS proxy: its settings are not the user's; their own proxy is the fix.
    if service == Some(crate::cause::PublicService::CorsProxy)
        && matches!(
            cause,
            CauseKind::ResponseMissingCors | CauseKind::HeaderMismatch | CauseKind::Unknown
        )
    {
        fixes = vec![servers::own_proxy(ctx)];
    }
    // The stack the words around the capture name: its fix first (after a fix for the page
    // or for a product the URL names), and no other framework's example.
    if (server_cause || cause == CauseKind::GatewayError)
        && !ctx.stacks_named.is_empty()
        && ctx.framework.is_none()
        && matches!(family(ctx), Family::NoGateway)
    {
        const FIRST: [&str; 10] = [
            "client",
            "keycloak",
            "socket-io",
            "signalr",
            "sign-in",
            "element-crossorigin",
            "font-files",
            "same-origin-proxy",
            "cdn-cache",
            "no-credentials",
        ];
        let express_named = ctx.stacks_named.contains(&crate::exchange::Stack::Express);
        fixes.retain(|f| f.target != "frameworks" && (express_named || f.target != "express"));
        let mut at = fixes
            .iter()
            .take_while(|f| FIRST.contains(&f.target.as_str()))
            .count();
        for s in &ctx.stacks_named {
            let f = servers::named_stack_fix(*s, ctx, &v);
            if let Some(i) = fixes.iter().position(|x| x.target == f.target) {
                // Already among the leading fixes (Socket.IO's, for its URL): where it is.
                if i < at {
                    continue;
                }
                let old = fixes.remove(i);
                fixes.insert(at, old);
            } else {
                fixes.insert(at, f);
            }
            at += 1;
        }
    }
    // A Google Apps Script web app: no header of the user's to set; its deployment and a
    // request without preflight are.
    let at_the_server =
        server_cause || matches!(cause, CauseKind::GatewayError | CauseKind::Redirect);
    if at_the_server && !fixes.is_empty() && served_by::apps_script(&ctx.url) {
        fixes = vec![servers::apps_script_fix(&v)];
    }
    // A public CDN that answers every site with `*`: nothing of the user's sends the header.
    if ctx.cors_error.as_deref() == Some("MissingAllowOriginHeader") {
        if let Some(host) = crate::cause::open_cdn(&ctx.url) {
            // The page's own `crossorigin` attribute stays: without it no CORS check runs.
            fixes.retain(|f| f.target == "element-crossorigin");
            fixes.insert(0, not_cors::open_cdn_answer(ctx, &host));
        }
    }
    // A preflight to a public CDN: the page's request should need none.
    let preflight = ctx
        .cors_error
        .as_deref()
        .is_some_and(|e| e.starts_with("Preflight"));
    if preflight {
        if let Some(host) = crate::cause::open_cdn(&ctx.url) {
            fixes.retain(|f| f.target == "element-crossorigin");
            fixes.insert(0, not_cors::open_cdn_no_preflight(ctx, &host));
        }
    }
    fixes.truncate(MAX_FIXES);
    fixes
}

/// Fixes the case's surroundings put first, on top of the cause's: the cache's `Vary: Origin`
/// when the words say another origin's copy comes and goes, a 413's body limit, a bucket's
/// regional endpoint, a Cloud Function's region, signing in by navigation.
pub(crate) fn lead(
    x: &crate::exchange::Exchange,
    v: &crate::verdict::Verdict,
    cause: &crate::cause::Cause,
    ctx: &FixContext,
    fixes: &mut Vec<Fix>,
) {
    if x.intermittent_said_on.is_some() && crate::cause::other_origins_copy(x, v).is_some() {
        let mut first = vary(ctx);
        first.extend(fixes.drain(..).filter(|f| f.title != "Add Vary: Origin"));
        *fixes = first;
    }
    // A 413 without CORS headers, from the console (or an upload the words show, the status
    // hidden): the body's size limit, where it is set.
    let upload = v.blocked && crate::cause::upload_without_cors(x, cause).is_some();
    if v.blocked
        && (upload || cause.kind == CauseKind::Unknown && ctx.status == Some(413))
        && !fixes
            .iter()
            .any(|f| f.text.contains("client_max_body_size"))
    {
        fixes.insert(0, body_limit());
    }
    if v.blocked
        && cause.kind == CauseKind::NetworkError
        && (crate::gateway::served_by::tracker(&ctx.url).is_some()
            || x.blocker_said_on.is_some()
            || x.network_error.as_deref() == Some("net::ERR_BLOCKED_BY_CLIENT"))
    {
        fixes.insert(0, not_cors::blocked_by_extension(ctx));
    }
    if cause.kind == CauseKind::Redirect {
        if let Some(f) = s3_regional_endpoint(ctx) {
            fixes.insert(0, f);
        }
    }
    if v.blocked {
        if let Some((_, region, _)) = crate::cause::other_function_region(x) {
            fixes.insert(0, cloud_function_region(ctx, &region));
        }
    }
    // MinIO's console answered: the S3 API's address is the fix, not headers on the console.
    if v.blocked && crate::cause::minio_console_answered(x) {
        fixes.clear();
        fixes.push(minio_api_address(ctx));
    }
    if v.blocked && ctx.initiator == Some(crate::browser_text::Initiator::Manifest) {
        fixes.retain(|f| f.target != "sign-in" && !is_example(f) && !f.title.contains("401"));
        fixes.insert(0, not_cors::manifest_credentials(ctx));
    }
    // Content-Type refused by the preflight: the page's side too, first for a call without a
    // body (GET/HEAD as written) or to an API that is not the person's.
    if v.blocked
        && ctx.cors_error.as_deref() == Some("HeaderDisallowedByPreflightResponse")
        && v.failed_parameter
            .as_deref()
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("content-type"))
    {
        let bodyless = !ctx.method_unknown
            && matches!(ctx.method.to_ascii_uppercase().as_str(), "GET" | "HEAD");
        let at = if bodyless || ctx.not_theirs {
            0
        } else {
            fixes.len().min(1)
        };
        fixes.insert(at, not_cors::content_type_without_body(ctx));
    }
    // Two Allow-Origin values while the application's own CORS package is named or pasted:
    // the layer in front is the one to take it from.
    if v.blocked
        && ctx
            .cors_error
            .as_deref()
            .is_some_and(|e| e.ends_with("MultipleAllowOriginValues"))
    {
        use crate::exchange::Stack;
        let app = x.stacks_named.iter().find_map(|s| {
            Some(match s {
                Stack::Django => "django-cors-headers",
                Stack::Express => "Express's cors()",
                Stack::Spring => "Spring's CORS configuration",
                Stack::Laravel => "Laravel's HandleCors",
                Stack::Flask => "flask-cors",
                Stack::FastApi => "FastAPI's CORSMiddleware",
                Stack::Rails => "rack-cors",
                Stack::AspNetCore => "ASP.NET Core's UseCors",
                _ => return None,
            })
        });
        // (With the proxy named, its own fix already hides the application's copy.)
        let proxy_fixed = fixes.iter().any(|f| {
            f.text
                .contains("proxy_hide_header Access-Control-Allow-Origin")
        });
        if let (Some(app), false) = (app, proxy_fixed) {
            fixes.insert(0, servers::one_layer(ctx, app));
        }
    }
    // A template written for one tool (SAM, CloudFormation, Terraform, CDK): that tool's
    // fixes before the other tools' and the console's, in the order they came.
    if let Some(iac) = ctx.iac_named {
        const AWS: [&str; 13] = [
            "rest-api-console",
            "sam",
            "cloudformation",
            "terraform",
            "cdk",
            "openapi",
            "http-api-sam",
            "http-api-terraform",
            "http-api-cdk",
            "lambda-url-sam",
            "lambda-url-terraform",
            "lambda-url-cli",
            "lambda-node",
        ];
        if let Some(at) = fixes.iter().position(|f| AWS.contains(&f.target.as_str())) {
            let tail = fixes.split_off(at);
            let (mine, others): (Vec<Fix>, Vec<Fix>) = tail
                .into_iter()
                .partition(|f| iac.targets().contains(&f.target.as_str()));
            fixes.extend(mine);
            fixes.extend(others);
        }
    }
    if cause.kind == CauseKind::SignInRequest {
        if let Some(si) = crate::gateway::sign_in::sign_in_request(&x.request.url) {
            fixes.retain(|f| f.target != "generic" && !is_example(f));
            fixes.insert(0, sign_in_target(ctx, si));
        }
    }
    fixes.truncate(MAX_FIXES);
}

/// A framework's example the fixes give where nothing names the server (the frameworks'
/// card, or Express's middleware): dropped when the case names where the fix goes.
fn is_example(f: &Fix) -> bool {
    matches!(f.target.as_str(), "express" | "frameworks")
}

/// A well-known API that answers no page (Notion's, GitHub's token endpoint, Google Maps' web
/// services): what to do instead, then the page's own server in its place.
pub(crate) fn server_only_api(ctx: &FixContext, api: served_by::ServerOnlyApi) -> Fix {
    let own = servers::through_own_server(ctx);
    Fix {
        target: own.target,
        title: format!("Call {} from your server, not from the page", api.name),
        text: format!("# {}: {}.\n{}", api.name, api.advice, own.text),
    }
}

/// The request reached MinIO's web console: call the S3 API's address instead.
fn minio_api_address(ctx: &FixContext) -> Fix {
    let api = url::Url::parse(&ctx.url)
        .ok()
        .map(|mut u| {
            if u.port() == Some(9001) {
                let _ = u.set_port(Some(9000));
            }
            u.to_string()
        })
        .unwrap_or_else(|| "http://minio.example.com:9000/bucket/key".to_string());
    Fix {
        target: "minio".to_string(),
        title: "Call MinIO's S3 API, not its console".to_string(),
        text: format!(
            "# The console (9001 by default) is MinIO's web UI; S3 requests and presigned URLs go to
# the API's address (9000 by default), which answers CORS itself:
#   {api}
# Presigned URLs are signed for the host they name: create the client with the API's
# endpoint (endPoint/port, or MINIO_SERVER_URL behind a proxy), not the console's.
# The API's allowed origins (all by default):
mc admin config set myminio api cors_allow_origin=\"{}\"
# or the environment: MINIO_API_CORS_ALLOW_ORIGIN={}",
            ctx.origin.as_deref().unwrap_or("https://your-app.example"),
            ctx.origin.as_deref().unwrap_or("https://your-app.example"),
        ),
    }
}

/// A bucket's global S3 endpoint redirected to its regional one (a bucket outside us-east-1,
/// whose name the global endpoint does not yet route): call the regional endpoint.
pub(crate) fn s3_regional_endpoint(ctx: &FixContext) -> Option<Fix> {
    let to = ctx.redirect_location.as_deref()?;
    let host = crate::fetch::origin::host_of(to)?;
    let from = crate::fetch::origin::host_of(&ctx.url)?;
    // bucket.s3-us-west-2.amazonaws.com, bucket.s3.us-west-2.amazonaws.com
    let rest = host.strip_suffix(".amazonaws.com")?;
    let region = rest
        .rsplit_once(".s3-")
        .or_else(|| rest.rsplit_once(".s3."))
        .map(|(_, r)| r)?;
    let bucket = rest.split(".s3").next()?;
    let global = from.ends_with(".s3.amazonaws.com") || from == "s3.amazonaws.com";
    if !global || region.is_empty() || region.contains('.') {
        return None;
    }
    Some(Fix {
        target: "s3-region".to_string(),
        title: format!("Call the bucket in {region}"),
        text: format!(
            "// The bucket is in {region}: the global endpoint answers with a redirect to the
// regional one, and a browser does not follow a redirect after a preflight (a current
// one sends a new preflight there). Call the regional endpoint:
//   https://{bucket}.s3.{region}.amazonaws.com/
// AWS SDK v3: the client's region builds that URL
const s3 = new S3Client({{ region: '{region}' }});
// AWS SDK v2:
AWS.config.update({{ region: '{region}' }});
// Presigned URLs: sign them with a client of that region."
        ),
    })
}

/// A 413 without CORS headers: the layer that refused the body's size answered, before the
/// application's CORS code ran. Its limit, where each usual layer sets it.
pub(crate) fn body_limit() -> Fix {
    Fix {
        target: "body-limit".to_string(),
        title: "Raise the body size limit where the 413 comes from".to_string(),
        text:
            "# 413: a layer in front of your CORS code refused the body's size and answered itself,
# without CORS headers (setting Access-Control-Allow-Origin in the app cannot reach it).
# Raise the limit in the layer that answered (its Server header, or the 413 page, names it),
# or send big files another way (a presigned upload straight to storage, chunks).
client_max_body_size 50m;                       # nginx (default 1m), http/server/location
app.use(express.json({ limit: '50mb' }));       # Express / body-parser (default 100kb)
<requestLimits maxAllowedContentLength=\"52428800\" />   # IIS (web.config, default 30 MB)
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 52_428_800); // ASP.NET Core
DATA_UPLOAD_MAX_MEMORY_SIZE = 52428800          # Django (default 2.5 MB)
spring.servlet.multipart.max-file-size=50MB     # Spring Boot (and max-request-size)
LimitRequestBody 52428800                       # Apache
# AWS API Gateway (10 MB) and Lambda (6 MB) cannot be raised: upload to S3 with a presigned URL.
# nginx can also keep its CORS headers on the 413 it makes: add_header … always;"
                .to_string(),
    }
}

/// Vary: Origin, in the language of the server in front when known.
pub(crate) fn vary(ctx: &FixContext) -> Vec<Fix> {
    servers::vary_fixes(ctx, &common::Vals::from_ctx(ctx))
}

/// A Cloud Function called in another region than the one it runs in: the client's region.
pub(crate) fn cloud_function_region(ctx: &FixContext, region: &str) -> Fix {
    let name = url::Url::parse(&ctx.url)
        .ok()
        .and_then(|u| u.path_segments()?.next().map(str::to_string))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "FUNCTION".to_string());
    Fix {
        target: "cloud-functions".to_string(),
        title: format!("Call the function in {region}"),
        text: format!(
            "// The function runs in {region}: call it there (the client's default is us-central1).
import {{ getFunctions, httpsCallable }} from 'firebase/functions';
const functions = getFunctions(app, '{region}');
const {name} = httpsCallable(functions, '{name}');
// Firebase v8 / namespaced: firebase.app().functions('{region}').httpsCallable('{name}')
// FlutterFire: FirebaseFunctions.instanceFor(region: '{region}').httpsCallable('{name}')
// A plain fetch(): https://{region}-PROJECT.cloudfunctions.net/{name}"
        ),
    }
}

/// The blocked URL is a sign-in endpoint: sign in by navigating, and a 401 from the API.
pub(crate) fn sign_in_target(ctx: &FixContext, si: crate::gateway::sign_in::SignIn) -> Fix {
    servers::sign_in_target_fix(&common::Vals::from_ctx(ctx), si)
}

/// A `mode: 'no-cors'` fetch: drop the mode first, then the API needs the CORS headers
/// a response without them lacks (the capture has none to tell).
fn opaque_fixes(ctx: &FixContext, server: impl Fn(&FixContext) -> Vec<Fix>) -> Vec<Fix> {
    let mut c = ctx.clone();
    c.cause = Some(CauseKind::ResponseMissingCors);
    let mut fixes = vec![not_cors::no_cors_mode_fix(ctx)];
    fixes.extend(server(&c));
    fixes.truncate(MAX_FIXES);
    fixes
}

fn preflight_to_sign_in(ctx: &FixContext) -> bool {
    ctx.cors_error.as_deref() == Some("PreflightDisallowedRedirect")
        && ctx.cause != Some(CauseKind::Redirect)
        && ctx
            .redirect_location
            .as_deref()
            .and_then(crate::gateway::sign_in::sign_in)
            .is_some()
}

enum Family {
    Rest,
    Http,
    Nginx,
    Other(Gateway),
    NoGateway,
}

fn family(ctx: &FixContext) -> Family {
    let rest_type = ctx
        .gateway_response
        .as_deref()
        .is_some_and(|g| aws_rest::is_rest_response_type(&g.trim().to_ascii_uppercase()));
    match ctx.gateway {
        Some(Gateway::AwsApiGatewayRest) => Family::Rest,
        // An edge-optimized REST API answers through CloudFront; a WAF on a
        // REST stage answers WAF_FILTERED.
        Some(Gateway::Cloudfront) | Some(Gateway::AwsWaf) if rest_type => Family::Rest,
        Some(Gateway::AwsApiGatewayHttp) => Family::Http,
        Some(Gateway::Nginx) => Family::Nginx,
        Some(g) => Family::Other(g),
        None => Family::NoGateway,
    }
}

/// [`suggest`] when only the URL's host names where the API runs (a report's
/// `cause.platform`): that platform's fixes. A product already in
/// `ctx.gateway` (a response fingerprint, or a docs page's policy) wins.
///
/// AWS API Gateway's host does not tell a REST API from an HTTP API: the REST
/// API fixes come first (each titled "REST API — …"), then the HTTP API ones.
/// A Lambda function URL gets its own CORS configuration.
pub fn suggest_for_platform(ctx: &FixContext, platform: Platform) -> Vec<Fix> {
    let Some(cause) = ctx.cause else {
        return Vec::new();
    };
    if cause == CauseKind::OpaqueResponse {
        return opaque_fixes(ctx, |c| suggest_for_platform(c, platform));
    }
    if ctx.gateway.is_some()
        || matches!(
            cause,
            CauseKind::NetworkError
                | CauseKind::Unknown
                | CauseKind::LocalNetworkAccess
                | CauseKind::Ok
                | CauseKind::ContentSecurityPolicy
                | CauseKind::MixedContent
                | CauseKind::SameOriginMode
                | CauseKind::WorkerScriptOrigin
                | CauseKind::ResourcePolicy
                | CauseKind::EmbedderPolicy
        )
    {
        return suggest(ctx);
    }
    let v = common::Vals::from_ctx(ctx);
    let mut fixes = match platform {
        Platform::AwsApiGateway => {
            let with = |g: Gateway, label: &str, n: usize| -> Vec<Fix> {
                let mut c = ctx.clone();
                c.gateway = Some(g);
                suggest(&c)
                    .into_iter()
                    .take(n)
                    .map(|mut f| {
                        f.title = format!("{label} — {}", f.title);
                        f
                    })
                    .collect()
            };
            let mut out = with(Gateway::AwsApiGatewayRest, "REST API", 5);
            let http = with(Gateway::AwsApiGatewayHttp, "HTTP API", 3);
            // Fixes that are the same either way (a Lambda handler) once only.
            for f in http {
                let dup = out.iter().any(|o| o.target == f.target && o.text == f.text);
                if !dup {
                    out.push(f);
                }
            }
            out
        }
        Platform::AwsLambdaUrl => {
            let mut out = vec![
                platform::lambda_url_sam(&v),
                platform::lambda_url_terraform(&v),
                platform::lambda_url_cli(&v),
            ];
            if matches!(
                cause,
                CauseKind::ResponseMissingCors | CauseKind::GatewayError
            ) {
                let note = vec!["Only when the function URL has NO CORS configuration: then the function itself adds the headers, on every return path.".to_string()];
                out.push(lambda::node(&v, &note));
                out.push(lambda::python(&v, &note));
            }
            out
        }
        Platform::AzureAppService => {
            let mut out = vec![platform::app_service_cli(&v)];
            out.extend(servers::generic_fixes(ctx, &v));
            out
        }
        // A Worker's own code answers (or fails to answer) CORS: Cloudflare's
        // WAF and Transform Rules fix does not apply.
        Platform::CloudflareWorkers => servers::generic_fixes(ctx, &v),
        Platform::SupabaseFunctions => vec![platform::supabase_function(&v)],
        // A function's own code answers CORS (not the site's netlify.toml headers).
        Platform::Netlify
            if url::Url::parse(&ctx.url)
                .is_ok_and(|u| u.path().starts_with("/.netlify/functions/")) =>
        {
            let mut out = Vec::new();
            if served_by::netlify_background(&ctx.url) {
                out.push(platform::netlify_background(&v));
            }
            out.push(platform::netlify_function(&v));
            out.push(servers::generic_headers(ctx, &v));
            out
        }
        Platform::GoogleCloudFunctions
            if ctx.cors_error.as_deref() == Some("PreflightDisallowedRedirect") =>
        {
            let mut out = vec![platform::cloud_functions_redirect(&v)];
            out.extend(suggest(ctx));
            out
        }
        p => match p.gateway() {
            Some(g) => {
                let mut c = ctx.clone();
                c.gateway = Some(g);
                return suggest(&c);
            }
            None => return suggest(ctx),
        },
    };
    fixes.truncate(MAX_FIXES);
    fixes
}

/// Backblaze B2's account API called from a page: the server-side call that replaces it.
pub(crate) fn storage_b2_server_side(ctx: &FixContext) -> Fix {
    storage::b2_server_side(&common::Vals::from_ctx(ctx))
}
