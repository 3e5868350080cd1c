//! Fixes for the diagnosed case, ready to paste, filled with the user's real
//! origin, methods and headers.

use crate::cause::CauseKind;
use crate::gateway::Gateway;
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
    /// Lower-cased CORS-unsafe request header names the request sends (those the
    /// preflight must allow), sorted.
    pub request_headers: Vec<String>,
    /// Response header names the page reads that must be exposed.
    pub expose_headers: Vec<String>,
    pub credentials: bool,
    /// The product in front of the API, when fingerprinted.
    pub gateway: Option<Gateway>,
    /// The gateway's own error name (`THROTTLED`, `MISSING_AUTHENTICATION_TOKEN` …).
    pub gateway_response: Option<String>,
    /// Status of the response that failed.
    pub status: Option<u16>,
}

/// The fixes for a diagnosed case, most specific first.
pub fn suggest(_ctx: &FixContext) -> Vec<Fix> {
    Vec::new()
}
