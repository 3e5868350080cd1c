//! A CORS policy as an API's docs state it, and a request a reader wants to make:
//! "will my request from my origin work?" answered with no network.
//!
//! [`exchange`] builds the [`Exchange`] a server configured with the policy produces (its
//! preflight answer, when the browser would send one, and its answer to the request) and
//! [`crate::check_policy`] runs the usual verdict → cause → fix path on it. The policy's gateway aims the
//! fixes at that product (the report's fixes are that API's own configuration).
//!
//! How the configured server answers, like the common CORS middlewares and gateway settings:
//! - an allowed origin (listed, matched by a `https://*.example.com` entry, or `*`) gets
//!   `Access-Control-Allow-Origin` (the origin itself with `Vary: Origin`, or `*` when the
//!   policy allows any origin), plus the listed methods, headers, exposed headers,
//!   `Access-Control-Allow-Credentials: true` when the policy allows credentials and
//!   `Access-Control-Max-Age` when set;
//! - any other origin gets the first listed origin (what a static configuration sends), so
//!   the browser reports the origin mismatch and the fixes add the reader's origin; with no
//!   concrete origin listed (only patterns) it gets no CORS headers at all.

use super::{InputError, Place};
use crate::exchange::{
    BodyKind, Credentials, Exchange, HeaderList, InputKind, Known, Preflight, PreflightCapture,
    Response,
};
use crate::fetch::origin::{normalize_origin, origin_of};
use crate::fetch::preflight::{preflight_reasons, preflight_request_headers};
use crate::gateway::Gateway;
use serde::Deserialize;

/// The URL used when neither the policy nor the request names one.
pub const DEFAULT_URL: &str = "https://api.example.com/";

/// What the API allows, as its docs state it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Policy {
    /// The API's base URL (requests without a URL go there).
    pub url: Option<String>,
    /// Allowed origins: serialized origins, `https://*.example.com` patterns, or `*`.
    pub origins: Vec<String>,
    /// Allowed methods (`Access-Control-Allow-Methods`), `*` allowed.
    pub methods: Vec<String>,
    /// Allowed request headers (`Access-Control-Allow-Headers`), `*` allowed.
    pub headers: Vec<String>,
    /// Response headers exposed to scripts (`Access-Control-Expose-Headers`).
    pub expose_headers: Vec<String>,
    /// Whether credentialed requests are allowed (`Access-Control-Allow-Credentials: true`).
    pub credentials: bool,
    /// `Access-Control-Max-Age`, seconds.
    pub max_age: Option<u32>,
    /// The product in front of the API: a gateway slug (`aws-api-gateway-rest`,
    /// `cloudflare`, `nginx` …) or the short `aws-rest` / `aws-http`.
    pub gateway: Option<String>,
}

/// The request a reader wants to make.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Ask {
    /// The page's origin (`https://app.example.com`). Required.
    pub origin: String,
    /// The method; `GET` when empty.
    pub method: String,
    /// The URL; the policy's URL, else [`DEFAULT_URL`], when absent.
    pub url: Option<String>,
    /// Request headers the script sets: `Name: value`, or a bare name (a typical value;
    /// `Content-Type` alone means `application/json`).
    pub headers: Vec<String>,
    /// The fetch credentials mode; `same-origin` (fetch's default) when absent.
    pub credentials: Option<Credentials>,
    /// Response headers the script reads.
    pub reads: Vec<String>,
}

/// Where an error in the policy or the request is.
fn bad(field: &str, message: String) -> InputError {
    InputError::new(
        None,
        Place {
            field: Some(field.to_string()),
            ..Place::default()
        },
        message,
    )
}

/// The gateway a policy names, by slug or short alias.
pub fn gateway_of(slug: &str) -> Option<Gateway> {
    let s = slug.trim().to_ascii_lowercase();
    match s.as_str() {
        "aws-rest" | "aws-api-gateway" | "api-gateway-rest" => Some(Gateway::AwsApiGatewayRest),
        "aws-http" | "api-gateway-http" => Some(Gateway::AwsApiGatewayHttp),
        _ => Gateway::from_slug(&s),
    }
}

/// Does `pattern` (an origin, `*`, or `scheme://*.suffix`) allow `origin` (serialized)?
fn origin_allowed(pattern: &str, origin: &str) -> bool {
    let p = pattern.trim();
    if p == "*" {
        return true;
    }
    if let Some((scheme, rest)) = p.split_once("://*.") {
        let Some((o_scheme, o_host)) = origin.split_once("://") else {
            return false;
        };
        let suffix = rest.trim_end_matches('/').to_ascii_lowercase();
        return o_scheme.eq_ignore_ascii_case(scheme)
            && o_host
                .to_ascii_lowercase()
                .strip_suffix(&suffix)
                .is_some_and(|head| head.ends_with('.') && head.len() > 1);
    }
    normalize_origin(p).is_some_and(|n| n == origin)
}

/// The CORS headers the configured server puts on a response to `origin`.
fn cors_headers(policy: &Policy, origin: &str, preflight: bool) -> HeaderList {
    let mut h = HeaderList::new();
    let any = policy.origins.iter().any(|o| o.trim() == "*");
    let allowed = policy.origins.iter().any(|p| origin_allowed(p, origin));
    let acao = if any {
        Some("*".to_string())
    } else if allowed {
        Some(origin.to_string())
    } else {
        // Not allowed: the first listed origin, as a static configuration (or a server
        // that answers a default) sends. The browser's verdict is then the origin mismatch
        // the reader needs to hear about, and the fixes add their origin to the list.
        policy
            .origins
            .iter()
            .map(|o| o.trim())
            .find(|o| !o.is_empty() && !o.contains('*'))
            .map(str::to_string)
    };
    let Some(acao) = acao else {
        return h;
    };
    h.push("Access-Control-Allow-Origin", acao.as_str());
    if acao != "*" {
        h.push("Vary", "Origin");
    }
    if policy.credentials {
        h.push("Access-Control-Allow-Credentials", "true");
    }
    if preflight {
        if !policy.methods.is_empty() {
            h.push("Access-Control-Allow-Methods", policy.methods.join(", "));
        }
        if !policy.headers.is_empty() {
            h.push("Access-Control-Allow-Headers", policy.headers.join(", "));
        }
        if let Some(age) = policy.max_age {
            h.push("Access-Control-Max-Age", age.to_string());
        }
    } else if !policy.expose_headers.is_empty() {
        h.push(
            "Access-Control-Expose-Headers",
            policy.expose_headers.join(", "),
        );
    }
    h
}

/// The request headers of `ask` as a header list (bare names get a typical value).
fn request_headers(ask: &Ask) -> Result<HeaderList, InputError> {
    let mut list = HeaderList::new();
    for (i, line) in ask.headers.iter().enumerate() {
        let (name, value) = match line.split_once(':') {
            Some((n, v)) => (n.trim(), v.trim().to_string()),
            None if line.trim().eq_ignore_ascii_case("content-type") => {
                (line.trim(), "application/json".to_string())
            }
            None => (line.trim(), "1".to_string()),
        };
        if name.is_empty() || !crate::fetch::safelist::is_token(name) {
            return Err(bad(
                &format!("headers[{i}]"),
                format!("not a header name: {line:?}"),
            ));
        }
        list.push(name, value);
    }
    Ok(list)
}

/// The exchange a server configured with `policy` produces for `ask`.
pub fn exchange(policy: &Policy, ask: &Ask) -> Result<Exchange, InputError> {
    let origin = normalize_origin(&ask.origin)
        .filter(|o| o != "null")
        .ok_or_else(|| {
            bad(
                "origin",
                format!(
                    "not an origin (like https://app.example.com): {:?}",
                    ask.origin
                ),
            )
        })?;
    let url = ask
        .url
        .clone()
        .or_else(|| policy.url.clone())
        .unwrap_or_else(|| DEFAULT_URL.to_string());
    if origin_of(&url).is_none() {
        return Err(bad("url", format!("not an absolute URL: {url:?}")));
    }
    let method = match ask.method.trim() {
        "" => "GET".to_string(),
        m if crate::fetch::safelist::is_token(m) => m.to_string(),
        m => return Err(bad("method", format!("not a method: {m:?}"))),
    };
    let headers = request_headers(ask)?;
    let body = headers
        .get("content-type")
        .and_then(|ct| super::body_kind_of_mime(&ct))
        .unwrap_or(BodyKind::None);

    let mut x = Exchange::new(InputKind::HttpText, &method, &url);
    x.location = "policy".to_string();
    x.page_origin = Some(origin.clone());
    x.request.headers = headers;
    x.request.body = body;
    x.request.credentials = ask.credentials.unwrap_or(Credentials::SameOrigin);
    x.request.credentials_known = Known::Stated;

    if preflight_reasons(&method, &x.request.headers, body).is_empty() {
        x.preflight = PreflightCapture::Absent;
    } else {
        x.preflight = PreflightCapture::Captured(Preflight {
            url: url.clone(),
            request_headers: preflight_request_headers(&method, &x.request.headers, &origin),
            response: Some(Response {
                status: 204,
                status_text: "No Content".to_string(),
                http_version: None,
                headers: cors_headers(policy, &origin, true),
                body: None,
            }),
            error: None,
        });
    }
    let mut headers = HeaderList::new();
    headers.push("Content-Type", "application/json");
    for (name, value) in cors_headers(policy, &origin, false)
        .0
        .into_iter()
        .map(|h| (h.name, h.value))
    {
        headers.push(name, value);
    }
    for r in &ask.reads {
        let r = r.trim();
        if !r.is_empty() && !headers.contains(r) {
            headers.push(r, "1");
        }
    }
    x.response = Some(Response {
        status: 200,
        status_text: "OK".to_string(),
        http_version: None,
        headers,
        body: None,
    });
    Ok(x)
}

/// The case a policy question is: the exchange a server configured with the policy produces
/// for the request, the gateway the policy names (the fixes are its configuration) and the
/// response headers the page reads. [`crate::check_policy`] explains it.
pub struct Case {
    pub exchange: Exchange,
    pub gateway: Option<Gateway>,
    pub reads: Vec<String>,
}

/// Read a policy question: every field checked, a bad one named.
pub fn read(policy: &Policy, ask: &Ask) -> Result<Case, InputError> {
    let gateway = match policy.gateway.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(g) => Some(gateway_of(g).ok_or_else(|| {
            bad("gateway", format!("unknown gateway {g:?} (use a slug such as aws-rest, aws-http, cloudflare, nginx)"))
        })?),
    };
    Ok(Case {
        exchange: exchange(policy, ask)?,
        gateway,
        reads: ask.reads.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check_policy as check;
    use crate::report::Report;

    fn policy() -> Policy {
        Policy {
            url: Some("https://api.acme.dev/v1/orders".into()),
            origins: vec![
                "https://app.acme.dev".into(),
                "https://*.acme-docs.dev".into(),
            ],
            methods: vec!["GET".into(), "POST".into(), "PUT".into()],
            headers: vec!["Content-Type".into(), "Authorization".into()],
            expose_headers: vec!["X-Request-Id".into()],
            credentials: false,
            max_age: Some(600),
            gateway: Some("aws-rest".into()),
        }
    }

    fn ask(origin: &str, method: &str, headers: &[&str]) -> Ask {
        Ask {
            origin: origin.into(),
            method: method.into(),
            headers: headers.iter().map(|s| s.to_string()).collect(),
            ..Ask::default()
        }
    }

    fn blocked(r: &Report) -> Option<String> {
        let f = r.findings.first()?;
        f.browser
            .blocked
            .then(|| f.browser.cors_error.clone().unwrap_or_default())
    }

    #[test]
    fn allowed_origin_method_and_headers_work() {
        let r = check(
            &policy(),
            &ask(
                "https://app.acme.dev",
                "PUT",
                &["Content-Type", "Authorization: Bearer x"],
            ),
        )
        .unwrap();
        assert_eq!(r.input, "policy");
        assert_eq!(r.findings.len(), 1);
        assert_eq!(blocked(&r), None, "{:#?}", r.findings[0].checks);
        assert!(r.findings[0].fixes.is_empty());
    }

    #[test]
    fn wildcard_subdomain_pattern_matches_only_subdomains() {
        assert!(origin_allowed(
            "https://*.acme-docs.dev",
            "https://try.acme-docs.dev"
        ));
        assert!(!origin_allowed(
            "https://*.acme-docs.dev",
            "https://acme-docs.dev"
        ));
        assert!(!origin_allowed(
            "https://*.acme-docs.dev",
            "http://try.acme-docs.dev"
        ));
        assert!(!origin_allowed(
            "https://*.acme-docs.dev",
            "https://evilacme-docs.dev"
        ));
        let r = check(&policy(), &ask("https://try.acme-docs.dev", "GET", &[])).unwrap();
        assert_eq!(blocked(&r), None);
    }

    #[test]
    fn other_origin_is_blocked_and_fixed_in_the_gateway_terms() {
        let r = check(
            &policy(),
            &ask("https://evil.example", "PUT", &["Content-Type"]),
        )
        .unwrap();
        assert_eq!(blocked(&r).as_deref(), Some("PreflightAllowOriginMismatch"));
        let f = &r.findings[0];
        assert!(!f.fixes.is_empty());
        // The policy says AWS API Gateway (REST): the first fix is that product's.
        assert!(
            !f.fixes[0].target.starts_with("express") && !f.fixes[0].target.starts_with("generic"),
            "{:?}",
            f.fixes.iter().map(|x| &x.target).collect::<Vec<_>>()
        );
        assert!(f
            .fixes
            .iter()
            .any(|x| x.text.contains("https://evil.example")));
    }

    #[test]
    fn single_static_origin_is_a_mismatch() {
        let mut p = policy();
        p.origins = vec!["https://app.acme.dev".into()];
        let r = check(&p, &ask("https://other.example", "GET", &[])).unwrap();
        assert_eq!(blocked(&r).as_deref(), Some("AllowOriginMismatch"));
    }

    #[test]
    fn method_header_credentials_and_exposure_failures() {
        let r = check(&policy(), &ask("https://app.acme.dev", "DELETE", &[])).unwrap();
        assert_eq!(
            blocked(&r).as_deref(),
            Some("MethodDisallowedByPreflightResponse")
        );
        let r = check(
            &policy(),
            &ask("https://app.acme.dev", "GET", &["X-Api-Key: k"]),
        )
        .unwrap();
        assert_eq!(
            blocked(&r).as_deref(),
            Some("HeaderDisallowedByPreflightResponse")
        );
        let mut a = ask("https://app.acme.dev", "GET", &[]);
        a.credentials = Some(Credentials::Include);
        let r = check(&policy(), &a).unwrap();
        assert_eq!(blocked(&r).as_deref(), Some("InvalidAllowCredentials"));
        let mut a = ask("https://app.acme.dev", "GET", &[]);
        a.reads = vec!["ETag".into()];
        let r = check(&policy(), &a).unwrap();
        assert_eq!(blocked(&r), None);
        assert!(!r.findings[0].warnings.is_empty() || !r.findings[0].fixes.is_empty());
    }

    #[test]
    fn wildcard_origin_with_credentials_is_the_classic_error() {
        let mut p = policy();
        p.origins = vec!["*".into()];
        p.credentials = true;
        let mut a = ask("https://app.acme.dev", "GET", &[]);
        a.credentials = Some(Credentials::Include);
        let r = check(&p, &a).unwrap();
        assert_eq!(blocked(&r).as_deref(), Some("WildcardOriginNotAllowed"));
    }

    #[test]
    fn bad_fields_are_named() {
        let e = check(&policy(), &ask("not an origin", "GET", &[])).unwrap_err();
        assert_eq!(e.place.field.as_deref(), Some("origin"));
        let e = check(
            &policy(),
            &ask("https://a.example", "GET", &["bad name: x"]),
        )
        .unwrap_err();
        assert_eq!(e.place.field.as_deref(), Some("headers[0]"));
        let mut p = policy();
        p.gateway = Some("nope".into());
        let e = check(&p, &ask("https://a.example", "GET", &[])).unwrap_err();
        assert_eq!(e.place.field.as_deref(), Some("gateway"));
    }

    #[test]
    fn same_origin_request_is_skipped() {
        let r = check(&policy(), &ask("https://api.acme.dev", "GET", &[])).unwrap();
        assert!(r.findings.is_empty());
        assert_eq!(r.same_origin_skipped, 1);
    }
}
