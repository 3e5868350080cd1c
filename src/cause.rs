//! The root cause: exactly one kind per finding, from the verdict, the
//! fingerprints and the replay.

use crate::gateway::Gateway;
use crate::verdict::Stage;
use serde::{Deserialize, Serialize};

/// What really went wrong (issue #2 §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    /// The page can read the response.
    Ok,
    /// A gateway, CDN, WAF or proxy generated the response that failed the CORS
    /// check, without CORS headers; the real problem is that error.
    GatewayError,
    /// Nothing handles OPTIONS for that URL.
    PreflightMissing,
    /// Something handles OPTIONS but rejects or breaks it.
    PreflightFailed,
    /// CORS headers present but wrong, on the preflight or the response.
    HeaderMismatch,
    /// The application's own actual response has no Access-Control-Allow-Origin.
    ResponseMissingCors,
    /// The actual request was redirected and the redirect broke CORS.
    Redirect,
    /// Not blocked, but a header the page reads is not exposed.
    HeaderNotExposed,
    /// No HTTP response at all: not CORS.
    NetworkError,
    /// Not enough evidence.
    Unknown,
}

impl CauseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CauseKind::Ok => "ok",
            CauseKind::GatewayError => "gateway_error",
            CauseKind::PreflightMissing => "preflight_missing",
            CauseKind::PreflightFailed => "preflight_failed",
            CauseKind::HeaderMismatch => "header_mismatch",
            CauseKind::ResponseMissingCors => "response_missing_cors",
            CauseKind::Redirect => "redirect",
            CauseKind::HeaderNotExposed => "header_not_exposed",
            CauseKind::NetworkError => "network_error",
            CauseKind::Unknown => "unknown",
        }
    }
}

/// The cause as the report shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cause {
    pub kind: CauseKind,
    pub stage: Option<Stage>,
    pub status: Option<u16>,
    pub gateway: Option<Gateway>,
    pub gateway_response: Option<String>,
}
