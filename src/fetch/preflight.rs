//! Fetch §4.8 "CORS-preflight fetch": when one is needed, how the browser builds
//! it, and how the response's Allow-Methods / Allow-Headers are judged
//! (Chromium's `PreflightResult`).

use super::cors_check::CheckFailure;
use super::safelist::{cors_unsafe_request_header_names, is_cors_safelisted_method, is_token};
use crate::cors_error::CorsError;
use crate::exchange::{trim_http_whitespace, BodyKind, Credentials, HeaderList};

/// Why a request needs a preflight (empty when it does not).
pub fn preflight_reasons(method: &str, headers: &HeaderList, body: BodyKind) -> Vec<String> {
    let mut reasons = Vec::new();
    if !is_cors_safelisted_method(method) {
        reasons.push(format!("the method `{method}` is not GET, HEAD or POST"));
    }
    for h in cors_unsafe_request_header_names(headers) {
        reasons.push(h.reason);
    }
    if body == BodyKind::Stream {
        reasons.push("the body is a ReadableStream upload".to_string());
    }
    reasons
}

/// Request-body-header names (Fetch): dropped with the body when a redirect
/// turns the request into a GET.
pub const REQUEST_BODY_HEADERS: &[&str] = &[
    "content-encoding",
    "content-language",
    "content-location",
    "content-type",
];

/// The request as fetch rewrites it while following redirects (Fetch
/// "HTTP-redirect fetch"): 301/302 turn a POST into a GET, 303 turns anything
/// but GET/HEAD into a GET (both drop the body and its headers), and a hop that
/// crosses origins drops `Authorization`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedirectedRequest {
    pub method: String,
    pub headers: HeaderList,
    pub body: BodyKind,
    /// What the redirects changed so far, in words (for the evidence trail).
    pub changes: Vec<String>,
}

impl RedirectedRequest {
    pub fn new(method: &str, headers: &HeaderList, body: BodyKind) -> Self {
        RedirectedRequest {
            method: method.to_string(),
            headers: headers.clone(),
            body,
            changes: Vec::new(),
        }
    }

    /// Apply one redirect with `status` from `from` to `to`.
    pub fn follow(&mut self, status: u16, from: &str, to: &str) {
        if !super::origin::same_origin(from, to) && self.headers.contains("authorization") {
            self.headers
                .0
                .retain(|h| !h.name.eq_ignore_ascii_case("authorization"));
            self.changes
                .push("`Authorization` dropped (the redirect crosses origins)".to_string());
        }
        let to_get = (matches!(status, 301 | 302) && self.method == "POST")
            || (status == 303 && self.method != "GET" && self.method != "HEAD");
        if to_get {
            self.changes.push(format!(
                "`{}` turned into `GET` by the {status}",
                self.method
            ));
            self.method = "GET".to_string();
            self.body = BodyKind::None;
            let before = self.headers.len();
            self.headers
                .0
                .retain(|h| !REQUEST_BODY_HEADERS.contains(&h.name.to_ascii_lowercase().as_str()));
            if self.headers.len() != before {
                self.changes
                    .push("the body and its Content-* headers dropped".to_string());
            }
        }
    }

    /// Why the rewritten request needs a preflight (empty when it does not).
    pub fn preflight_reasons(&self) -> Vec<String> {
        preflight_reasons(&self.method, &self.headers, self.body)
    }
}

/// The headers the browser puts on the preflight (besides Origin, User-Agent …):
/// `Accept: */*`, `Access-Control-Request-Method`, and
/// `Access-Control-Request-Headers` when there are unsafe names.
pub fn preflight_request_headers(method: &str, headers: &HeaderList, origin: &str) -> HeaderList {
    let mut out = HeaderList::new();
    out.push("Accept", "*/*");
    out.push("Access-Control-Request-Method", method);
    if let Some(v) = super::safelist::access_control_request_headers(headers) {
        out.push("Access-Control-Request-Headers", v);
    }
    out.push("Origin", origin);
    out
}

/// Parse an `Access-Control-Allow-Methods` / `-Headers` value the way Chromium
/// does (`net::HttpUtil::ValuesIterator` with empty values ignored): comma-separated,
/// each value trimmed, empty values skipped (`GET,,PUT`, `PUT,` and `,PUT` parse),
/// every other value a token. `Ok(vec![])` when the header is absent or empty.
/// On failure, returns the first offending value.
pub fn parse_allow_list(value: Option<&str>) -> Result<Vec<String>, String> {
    let Some(v) = value else {
        return Ok(Vec::new());
    };
    if trim_http_whitespace(v).is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for part in v.split(',') {
        let p = trim_http_whitespace(part);
        if p.is_empty() {
            continue;
        }
        if !is_token(p) {
            return Err(p.to_string());
        }
        out.push(p.to_string());
    }
    Ok(out)
}

/// Authorization under `Access-Control-Allow-Headers: *` (no credentials): what each browser
/// does today (Chromium 156's AuthorizationCoveredByWildcard, Firefox's
/// CORSAllowHeaderFromPreflightDeprecation warning).
pub(crate) const AUTHORIZATION_UNDER_WILDCARD: &str = "`Access-Control-Allow-Headers: *` does not cover `Authorization` in the Fetch standard: Safari blocks this request, Chromium and Firefox let it through with a deprecation warning and will block it too. List `Authorization` explicitly.";

/// What a passing preflight response allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreflightResult {
    /// Methods, case kept (matching is case-sensitive).
    pub methods: Vec<String>,
    /// Header names, lower-cased.
    pub headers: Vec<String>,
    pub credentials: bool,
}

impl PreflightResult {
    /// Parse Allow-Methods then Allow-Headers, as Chromium does.
    pub fn parse(
        response_headers: &HeaderList,
        credentials: Credentials,
    ) -> Result<Self, CheckFailure> {
        let m = response_headers.get("access-control-allow-methods");
        let methods = parse_allow_list(m.as_deref()).map_err(|bad| CheckFailure {
            error: CorsError::InvalidAllowMethodsPreflightResponse,
            failed_parameter: String::new(),
            detail: format!(
                "`Access-Control-Allow-Methods: {}` does not parse: `{bad}` is not a method token (use commas between methods)",
                m.as_deref().unwrap_or("")
            ),
        })?;
        let hv = response_headers.get("access-control-allow-headers");
        let headers = parse_allow_list(hv.as_deref())
            .map_err(|bad| CheckFailure {
                error: CorsError::InvalidAllowHeadersPreflightResponse,
                failed_parameter: String::new(),
                detail: format!(
                    "`Access-Control-Allow-Headers: {}` does not parse: `{bad}` is not a header name (use commas between names)",
                    hv.as_deref().unwrap_or("")
                ),
            })?
            .into_iter()
            .map(|h| h.to_ascii_lowercase())
            .collect();
        Ok(PreflightResult {
            methods,
            headers,
            credentials: credentials.is_include(),
        })
    }

    /// Is `method` allowed? Case-sensitive; safelisted methods always are; `*`
    /// only without credentials.
    pub fn check_method(&self, method: &str) -> Result<(), CheckFailure> {
        if self.methods.iter().any(|m| m == method) || is_cors_safelisted_method(method) {
            return Ok(());
        }
        if !self.credentials && self.methods.iter().any(|m| m == "*") {
            return Ok(());
        }
        let case_hint = if self.methods.iter().any(|m| m.eq_ignore_ascii_case(method)) {
            format!(" (it lists `{}`: method matching is case-sensitive, and fetch() leaves `{method}` as written)", method.to_ascii_uppercase())
        } else if self.credentials && self.methods.iter().any(|m| m == "*") {
            " (`*` is not a wildcard for a request with credentials)".to_string()
        } else {
            String::new()
        };
        Err(CheckFailure {
            error: CorsError::MethodDisallowedByPreflightResponse,
            failed_parameter: method.to_string(),
            detail: format!(
                "the preflight response does not allow the method `{method}` in `Access-Control-Allow-Methods`{}{case_hint}",
                if case_hint.is_empty() { listed(&self.methods) } else { String::new() }
            ),
        })
    }

    /// Are these CORS-unsafe request-header names (lower-cased, sorted) allowed?
    /// Returns warnings for what Chromium lets through but the standard does not.
    pub fn check_headers(&self, unsafe_names: &[String]) -> Result<Vec<String>, CheckFailure> {
        let mut warnings = Vec::new();
        let wildcard = !self.credentials && self.headers.iter().any(|h| h == "*");
        if wildcard {
            if unsafe_names.iter().any(|n| n == "authorization")
                && !self.headers.iter().any(|h| h == "authorization")
            {
                warnings.push(AUTHORIZATION_UNDER_WILDCARD.to_string());
            }
            return Ok(warnings);
        }
        for name in unsafe_names {
            if !self.headers.iter().any(|h| h == name) {
                let hint = if self.credentials && self.headers.iter().any(|h| h == "*") {
                    " (`*` is not a wildcard for a request with credentials)"
                } else {
                    ""
                };
                return Err(CheckFailure {
                    error: CorsError::HeaderDisallowedByPreflightResponse,
                    failed_parameter: name.clone(),
                    detail: format!(
                        "the request header `{name}` is not listed in the preflight's `Access-Control-Allow-Headers`{}{hint}",
                        if hint.is_empty() { listed(&self.headers) } else { String::new() }
                    ),
                });
            }
        }
        Ok(warnings)
    }
}

/// What an allow list holds, for the check's words: ` (it lists GET, POST)`, or ` (the
/// response has none)`.
fn listed(values: &[String]) -> String {
    if values.is_empty() {
        " (the response has none)".to_string()
    } else {
        format!(" (it lists {})", values.join(", "))
    }
}

/// Where Gecko's check of a preflight's Allow-Methods and Allow-Headers fails
/// (Firefox's `nsCORSPreflightListener`, observed with Firefox 153 in
/// tests/browser/firefox.test.mjs). Its order differs from Chromium's: the
/// methods are parsed and the method looked up before the headers are parsed,
/// so a request whose method is missing is told so even when Allow-Headers
/// does not parse; and it names the offending token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GeckoPreflightFailure {
    /// A value of Access-Control-Allow-Methods that is not a token.
    InvalidMethodToken(String),
    MethodNotFound,
    /// A value of Access-Control-Allow-Headers that is not a token.
    InvalidHeaderToken(String),
    /// The first requested header the response does not allow.
    HeaderNotAllowed(String),
    /// A redirect answered the preflight: Gecko checks it as a CORS response
    /// first (Allow-Origin, Allow-Credentials), and names that failure if any.
    RedirectFailsOrigin(CheckFailure),
}

/// Gecko's Allow-Methods then Allow-Headers check of a preflight response whose
/// origin and status passed. `asked`: the CORS-unsafe header names requested.
pub fn gecko_methods_headers(
    response_headers: &HeaderList,
    method: &str,
    asked: &[String],
    credentials: Credentials,
) -> Result<(), GeckoPreflightFailure> {
    let with_credentials = credentials.is_include();
    let methods = parse_allow_list(
        response_headers
            .get("access-control-allow-methods")
            .as_deref(),
    )
    .map_err(GeckoPreflightFailure::InvalidMethodToken)?;
    let found = matches!(method, "GET" | "HEAD" | "POST")
        || methods
            .iter()
            .any(|m| m == method || (m == "*" && !with_credentials));
    if !found {
        return Err(GeckoPreflightFailure::MethodNotFound);
    }
    let headers = parse_allow_list(
        response_headers
            .get("access-control-allow-headers")
            .as_deref(),
    )
    .map_err(GeckoPreflightFailure::InvalidHeaderToken)?;
    let all = !with_credentials && headers.iter().any(|h| h == "*");
    let mut names: Vec<String> = asked.iter().map(|n| n.to_ascii_lowercase()).collect();
    names.sort();
    for name in names {
        let listed = headers.iter().any(|h| h.eq_ignore_ascii_case(&name));
        // Firefox 153 still lets `*` cover Authorization (with a deprecation warning).
        if !listed && !all {
            return Err(GeckoPreflightFailure::HeaderNotAllowed(name));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_lists() {
        assert_eq!(parse_allow_list(None), Ok(vec![]));
        assert_eq!(parse_allow_list(Some("  ")), Ok(vec![]));
        assert_eq!(
            parse_allow_list(Some("GET, POST ,PUT")),
            Ok(vec!["GET".into(), "POST".into(), "PUT".into()])
        );
        assert_eq!(parse_allow_list(Some("GET POST")), Err("GET POST".into()));
        assert_eq!(parse_allow_list(Some("x-a;b")), Err("x-a;b".into()));
        // Chromium skips empty values (seen in Chromium 156: `PUT,` lets a POST with
        // an unlisted header through `*`; tests/browser/differential.test.mjs).
        assert_eq!(
            parse_allow_list(Some("GET,,POST")),
            Ok(vec!["GET".into(), "POST".into()])
        );
        assert_eq!(parse_allow_list(Some(" ,PUT,\t, ")), Ok(vec!["PUT".into()]));
        assert_eq!(parse_allow_list(Some(",")), Ok(vec![]));
    }

    #[test]
    fn method_case_and_wildcard() {
        let hs: HeaderList = [("Access-Control-Allow-Methods", "PATCH, *")]
            .into_iter()
            .collect();
        let r = PreflightResult::parse(&hs, Credentials::Omit).unwrap();
        assert!(r.check_method("PATCH").is_ok());
        assert!(r.check_method("patch").is_ok()); // via `*`
        let r = PreflightResult::parse(&hs, Credentials::Include).unwrap();
        assert_eq!(
            r.check_method("patch").unwrap_err().error,
            CorsError::MethodDisallowedByPreflightResponse
        );
        assert!(r.check_method("GET").is_ok());
    }

    #[test]
    fn authorization_and_wildcard() {
        let hs: HeaderList = [("Access-Control-Allow-Headers", "*")]
            .into_iter()
            .collect();
        let r = PreflightResult::parse(&hs, Credentials::Omit).unwrap();
        let w = r
            .check_headers(&["authorization".into(), "x-a".into()])
            .unwrap();
        assert_eq!(w.len(), 1);
        let r = PreflightResult::parse(&hs, Credentials::Include).unwrap();
        let e = r.check_headers(&["authorization".into()]).unwrap_err();
        assert_eq!(e.failed_parameter, "authorization");
    }
}
