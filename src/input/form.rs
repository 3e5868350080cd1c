//! The guided form: structured fields (page origin, URL, method, request headers,
//! credentials, preflight response, actual response) → one [`Exchange`].
//!
//! Header fields are `Name: value` lines; a status field may hold the bare code
//! (`403`) or a status line (`HTTP/1.1 403 Forbidden`). Errors name the field and line.

use super::{InputError, Place};
use crate::exchange::{
    BodyKind, Credentials, Exchange, HeaderList, InputKind, Known, Preflight, PreflightCapture,
    Response,
};
use serde::{Deserialize, Serialize};

/// What the user typed into the form. Empty fields mean "not known".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Form {
    /// The page's origin (`https://app.example.com`).
    pub origin: String,
    pub url: String,
    /// Empty: GET.
    pub method: String,
    /// `Name: value` lines the script set.
    pub request_headers: String,
    /// `omit`, `same-origin`, `include`, or empty (unknown).
    pub credentials: String,
    /// The preflight's status; empty when no preflight was seen.
    pub preflight_status: String,
    pub preflight_headers: String,
    /// The actual response's status; empty when none arrived.
    pub response_status: String,
    pub response_headers: String,
    pub response_body: String,
}

fn err(field: &str, line: Option<usize>, message: impl Into<String>) -> InputError {
    InputError {
        kind: None,
        place: Place {
            line,
            field: Some(field.to_string()),
            ..Place::default()
        },
        message: message.into(),
    }
}

/// `Name: value` lines → a header list; blank lines are skipped.
pub fn parse_headers(field: &str, text: &str) -> Result<HeaderList, InputError> {
    let mut list = HeaderList::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(err(
                field,
                Some(i + 1),
                format!("{line:?} is not a `Name: value` header line"),
            ));
        };
        let name = name.trim();
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        {
            return Err(err(
                field,
                Some(i + 1),
                format!("{name:?} is not a valid header name"),
            ));
        }
        list.push(name, value.trim());
    }
    Ok(list)
}

/// `403`, `403 Forbidden` or `HTTP/1.1 403 Forbidden` → (status, reason, version).
fn parse_status(
    field: &str,
    text: &str,
) -> Result<Option<(u16, String, Option<String>)>, InputError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let mut words = t.split_whitespace();
    let mut first = words.next().unwrap_or("");
    let mut version = None;
    if first.to_ascii_uppercase().starts_with("HTTP/") {
        version = Some(first.to_string());
        first = words.next().unwrap_or("");
    }
    let code: u16 = first
        .parse()
        .ok()
        .filter(|c| (100..=599).contains(c))
        .ok_or_else(|| {
            err(
                field,
                None,
                format!("{t:?}: give a status code from 100 to 599"),
            )
        })?;
    let reason: Vec<&str> = words.collect();
    Ok(Some((code, reason.join(" "), version)))
}

/// The exchange the form describes.
pub fn read(form: &Form) -> Result<Exchange, InputError> {
    let url_text = form.url.trim();
    if url_text.is_empty() {
        return Err(err("url", None, "the request URL is empty"));
    }
    let url = url::Url::parse(url_text).map_err(|e| {
        err(
            "url",
            None,
            format!("{url_text:?} is not an absolute URL: {e}"),
        )
    })?;
    let method = match form.method.trim() {
        "" => "GET".to_string(),
        m if m.bytes().all(|b| b.is_ascii_alphabetic()) => m.to_string(),
        m => return Err(err("method", None, format!("{m:?} is not an HTTP method"))),
    };
    let mut x = Exchange::new(InputKind::HttpText, &method, url.as_str());
    x.location = "form".to_string();
    let origin = form.origin.trim().trim_end_matches('/');
    if !origin.is_empty() {
        let o = url::Url::parse(origin)
            .map_err(|e| err("origin", None, format!("{origin:?} is not an origin: {e}")))?;
        x.page_origin = Some(o.origin().ascii_serialization());
    }
    x.request.headers = parse_headers("request_headers", &form.request_headers)?;
    if let Some(ct) = x.request.headers.get("content-type") {
        x.request.body = super::body_kind_of_mime(&ct).unwrap_or(BodyKind::Unknown);
    }
    match form.credentials.trim() {
        "" => {}
        c => {
            x.request.credentials = match c {
                "omit" => Credentials::Omit,
                "same-origin" => Credentials::SameOrigin,
                "include" => Credentials::Include,
                other => {
                    return Err(err(
                        "credentials",
                        None,
                        format!("{other:?}: choose omit, same-origin or include"),
                    ))
                }
            };
            x.request.credentials_known = Known::Stated;
        }
    }
    if let Some((status, reason, version)) =
        parse_status("preflight_status", &form.preflight_status)?
    {
        let mut req = HeaderList::new();
        if let Some(o) = &x.page_origin {
            req.push("Origin", o.clone());
        }
        req.push("Access-Control-Request-Method", method.clone());
        x.preflight = PreflightCapture::Captured(Preflight {
            url: x.request.url.clone(),
            request_headers: req,
            response: Some(Response {
                status,
                status_text: reason,
                http_version: version,
                headers: parse_headers("preflight_headers", &form.preflight_headers)?,
                body: None,
            }),
            error: None,
        });
    } else if !form.preflight_headers.trim().is_empty() {
        return Err(err(
            "preflight_status",
            None,
            "the preflight has headers but no status",
        ));
    }
    if let Some((status, reason, version)) = parse_status("response_status", &form.response_status)?
    {
        let body = form.response_body.trim();
        x.response = Some(Response {
            status,
            status_text: reason,
            http_version: version,
            headers: parse_headers("response_headers", &form.response_headers)?,
            body: (!body.is_empty()).then(|| body.to_string()),
        });
    } else if !form.response_headers.trim().is_empty() {
        return Err(err(
            "response_status",
            None,
            "the response has headers but no status",
        ));
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttled() -> Form {
        Form {
            origin: "https://app.example.com/".into(),
            url: "https://abc123.execute-api.us-east-1.amazonaws.com/prod/orders".into(),
            method: "POST".into(),
            request_headers: "Content-Type: application/json\nAuthorization: Bearer x".into(),
            preflight_status: "200".into(),
            preflight_headers: "Access-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Methods: POST\nAccess-Control-Allow-Headers: content-type,authorization".into(),
            response_status: "HTTP/2 429".into(),
            response_headers: "x-amzn-ErrorType: ThrottlingException\nx-amz-apigw-id: abc=\nx-amzn-RequestId: 1-2-3".into(),
            response_body: "{\"message\":\"Too Many Requests\"}".into(),
            ..Form::default()
        }
    }

    #[test]
    fn form_to_exchange() {
        let x = read(&throttled()).unwrap();
        assert_eq!(x.page_origin.as_deref(), Some("https://app.example.com"));
        assert_eq!(x.request.method, "POST");
        assert_eq!(x.request.headers.len(), 2);
        assert_eq!(x.request.body, BodyKind::Json);
        assert_eq!(x.response.as_ref().map(|r| r.status), Some(429));
        let p = x.captured_preflight().unwrap();
        assert_eq!(p.response.as_ref().map(|r| r.status), Some(200));
    }

    #[test]
    fn form_diagnosis_names_the_gateway_error() {
        let x = read(&throttled()).unwrap();
        let r = crate::explain(InputKind::HttpText, vec![x], &crate::Options::default());
        let f = &r.findings[0];
        assert!(f.browser.blocked);
        assert_eq!(f.cause.kind, crate::cause::CauseKind::GatewayError);
        assert_eq!(
            f.browser.cors_error.as_deref(),
            Some("MissingAllowOriginHeader")
        );
    }

    #[test]
    fn errors_name_the_field_and_line() {
        let mut f = throttled();
        f.response_headers = "x-ok: 1\nnot a header".into();
        let e = read(&f).unwrap_err();
        assert_eq!(e.place.field.as_deref(), Some("response_headers"));
        assert_eq!(e.place.line, Some(2));
        let mut f = throttled();
        f.url = "api/orders".into();
        assert_eq!(read(&f).unwrap_err().place.field.as_deref(), Some("url"));
        let mut f = throttled();
        f.response_status = "42".into();
        assert_eq!(
            read(&f).unwrap_err().place.field.as_deref(),
            Some("response_status")
        );
        let mut f = throttled();
        f.credentials = "sometimes".into();
        assert!(read(&f).is_err());
    }
}
