//! Fetch §4.10 "CORS check", in the order Chromium performs it
//! (`network::cors::CheckAccess`), so that the error named is the one Chromium names.

use super::origin::is_valid_url_for_allow_origin;
use crate::cors_error::CorsError;
use crate::exchange::{Credentials, HeaderList};

/// A failed check: Chromium's error and `failedParameter` as Chromium fills it
/// (empty when Chromium gives none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckFailure {
    pub error: CorsError,
    pub failed_parameter: String,
    /// One sentence naming the exact header and value that failed.
    pub detail: String,
}

impl CheckFailure {
    fn new(error: CorsError, failed_parameter: impl Into<String>, detail: String) -> Self {
        CheckFailure {
            error,
            failed_parameter: failed_parameter.into(),
            detail,
        }
    }
}

/// The CORS check of one response (actual response, redirect, or preflight before
/// mapping to the `Preflight*` names) against the request's serialized origin.
///
/// `origin` is the serialized origin the request carried (`"null"` after a
/// cross-origin redirect taints it).
pub fn cors_check(
    headers: &HeaderList,
    origin: &str,
    credentials: Credentials,
) -> Result<(), CheckFailure> {
    let allow_origin = headers.get("access-control-allow-origin");
    match allow_origin.as_deref() {
        Some("*") => {
            if credentials.is_include() {
                return Err(CheckFailure::new(
                    CorsError::WildcardOriginNotAllowed,
                    "",
                    "`Access-Control-Allow-Origin: *` cannot be used when the request's credentials mode is 'include'".to_string(),
                ));
            }
            return Ok(());
        }
        None => {
            return Err(CheckFailure::new(
                CorsError::MissingAllowOriginHeader,
                "",
                "the response has no `Access-Control-Allow-Origin` header".to_string(),
            ))
        }
        Some(v) if v == origin => {}
        Some(v) => {
            let lines = headers.count("access-control-allow-origin");
            if v.contains([' ', ',']) {
                let detail = if lines > 1 {
                    format!("`Access-Control-Allow-Origin` appears {lines} times (`{v}`); exactly one value is allowed")
                } else {
                    format!("`Access-Control-Allow-Origin: {v}` lists several values; exactly one is allowed")
                };
                return Err(CheckFailure::new(
                    CorsError::MultipleAllowOriginValues,
                    v,
                    detail,
                ));
            }
            if v == "null" {
                return Err(CheckFailure::new(
                    CorsError::AllowOriginMismatch,
                    v,
                    format!(
                        "`Access-Control-Allow-Origin: null` does not match the origin `{origin}`"
                    ),
                ));
            }
            if !is_valid_url_for_allow_origin(v) {
                return Err(CheckFailure::new(
                    CorsError::InvalidAllowOriginValue,
                    v,
                    format!("`Access-Control-Allow-Origin: {v}` is not a valid origin"),
                ));
            }
            return Err(CheckFailure::new(
                CorsError::AllowOriginMismatch,
                v,
                mismatch_detail(v, origin),
            ));
        }
    }
    if credentials.is_include() {
        let allow_credentials = headers.get("access-control-allow-credentials");
        if allow_credentials.as_deref() != Some("true") {
            let value = allow_credentials.unwrap_or_default();
            let detail = if headers.contains("access-control-allow-credentials") {
                format!("`Access-Control-Allow-Credentials: {value}` must be exactly `true` (lower-case) for a request with credentials")
            } else {
                "the request has credentials and the response has no `Access-Control-Allow-Credentials: true`".to_string()
            };
            return Err(CheckFailure::new(
                CorsError::InvalidAllowCredentials,
                value,
                detail,
            ));
        }
    }
    Ok(())
}

/// Say precisely how an allowed origin differs from the request's origin.
pub(crate) fn mismatch_detail(allowed: &str, origin: &str) -> String {
    let base =
        format!("`Access-Control-Allow-Origin: {allowed}` is not the page's origin `{origin}`");
    let hint = if allowed.trim_end_matches('/') == origin {
        Some("remove the trailing slash: an origin has no path".to_string())
    } else if allowed.eq_ignore_ascii_case(origin) {
        Some("the comparison is byte-exact: the case differs".to_string())
    } else if allowed.contains('*') {
        Some("wildcards inside an origin are not supported: list the exact origin".to_string())
    } else if allowed.contains(":/") && !allowed.contains("://") {
        // (A URL parser reads `http:/host` as `http://host`; no origin is written so.)
        Some("it has one slash after the scheme, so it is no origin any page has: a typo where the value is set (or copied)".to_string())
    } else {
        match (split_origin(allowed), split_origin(origin)) {
            (Some((s1, h1, p1)), Some((s2, h2, p2))) => {
                if h1 == h2 && s1 != s2 {
                    Some(format!("the scheme differs ({s1} vs {s2})"))
                } else if h1 == h2 && s1 == s2 && p1 != p2 {
                    Some("the port differs".to_string())
                } else if h1 != h2 {
                    Some("the host differs".to_string())
                } else {
                    None
                }
            }
            _ => None,
        }
    };
    match hint {
        Some(h) => format!("{base}; {h}"),
        None => base,
    }
}

fn split_origin(s: &str) -> Option<(String, String, Option<u16>)> {
    let u = url::Url::parse(s).ok()?;
    Some((
        u.scheme().to_string(),
        u.host_str().unwrap_or("").to_string(),
        u.port_or_known_default(),
    ))
}

/// The same check on a preflight response, under Chromium's `Preflight*` names.
pub fn preflight_cors_check(
    headers: &HeaderList,
    origin: &str,
    credentials: Credentials,
) -> Result<(), CheckFailure> {
    cors_check(headers, origin, credentials).map_err(|mut f| {
        f.error = f.error.at_preflight();
        f
    })
}

/// An ok status: 200–299.
pub fn is_ok_status(status: u16) -> bool {
    (200..=299).contains(&status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> HeaderList {
        pairs.iter().copied().collect()
    }

    const O: &str = "https://app.example.com";

    #[test]
    fn order_matches_chromium() {
        let e = |hs: &[(&str, &str)], c| {
            cors_check(&h(hs), O, c)
                .err()
                .map(|f| (f.error, f.failed_parameter))
        };
        assert_eq!(
            e(&[], Credentials::Omit),
            Some((CorsError::MissingAllowOriginHeader, String::new()))
        );
        assert_eq!(
            e(&[("access-control-allow-origin", "*")], Credentials::Omit),
            None
        );
        assert_eq!(
            e(
                &[("Access-Control-Allow-Origin", "*")],
                Credentials::Include
            ),
            Some((CorsError::WildcardOriginNotAllowed, String::new()))
        );
        assert_eq!(
            e(
                &[
                    ("access-control-allow-origin", O),
                    ("access-control-allow-origin", O)
                ],
                Credentials::Omit
            ),
            Some((CorsError::MultipleAllowOriginValues, format!("{O}, {O}")))
        );
        assert_eq!(
            e(
                &[("access-control-allow-origin", "https://app.example.com/")],
                Credentials::Omit
            ),
            Some((
                CorsError::AllowOriginMismatch,
                "https://app.example.com/".into()
            ))
        );
        assert_eq!(
            e(
                &[("access-control-allow-origin", "app.example.com")],
                Credentials::Omit
            ),
            Some((CorsError::InvalidAllowOriginValue, "app.example.com".into()))
        );
        assert_eq!(
            e(
                &[
                    ("access-control-allow-origin", O),
                    ("access-control-allow-credentials", "True")
                ],
                Credentials::Include
            ),
            Some((CorsError::InvalidAllowCredentials, "True".into()))
        );
        assert_eq!(
            e(&[("access-control-allow-origin", O)], Credentials::Include),
            Some((CorsError::InvalidAllowCredentials, String::new()))
        );
        assert_eq!(
            e(
                &[
                    ("access-control-allow-origin", O),
                    ("access-control-allow-credentials", "true")
                ],
                Credentials::Include
            ),
            None
        );
        assert_eq!(
            e(
                &[("access-control-allow-origin", " https://app.example.com ")],
                Credentials::Omit
            ),
            None
        );
    }
}
