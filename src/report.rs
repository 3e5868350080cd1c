//! The report: one versioned JSON shape for the CLI, the page, the panel and the widget.

use crate::cause::{Cause, CauseKind};
use crate::fix::Fix;
use crate::verdict::Check;
use serde::Serialize;

/// The report format version. Bump on any incompatible change.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub version: u32,
    /// Which reader read the input (`har`, `http_text`, `curl_verbose`,
    /// `curl_command`, `fetch_command`, `powershell_command`, `devtools_headers`,
    /// `console_error`).
    pub input: &'static str,
    pub findings: Vec<Finding>,
    /// How many requests in the input were same-origin and left out.
    pub same_origin_skipped: usize,
    /// Lines that look like a browser's CORS message but were not read (others were): what
    /// the findings leave out. Absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<crate::input::Unread>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub request: RequestInfo,
    pub browser: BrowserInfo,
    pub cause: Cause,
    /// One plain sentence.
    pub summary: String,
    pub evidence: Vec<String>,
    pub warnings: Vec<String>,
    pub fixes: Vec<Fix>,
    /// curl commands that reproduce the preflight (when one is needed) and the
    /// actual request, secrets redacted unless asked otherwise.
    pub reproduce: Vec<String>,
    /// What the browser hid from the page (gateway errors).
    pub hidden: Option<String>,
    /// What the input lacks to be sure.
    pub missing: Vec<String>,
    /// The verdict's steps, in order.
    pub checks: Vec<Check>,
    /// Where in the input this request is (`log.entries[3]`, `line 12`).
    pub location: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RequestInfo {
    pub method: String,
    /// Whether the input gives the method ("stated"), whycors read it from the URL
    /// ("inferred": the operation a presigned URL was signed for, `x-id=PutObject`), from the
    /// words pasted with the capture ("described": "I make an AJAX POST call"), or assumed it
    /// ("assumed": a console message that does not name it).
    pub method_basis: &'static str,
    pub url: String,
    pub origin: Option<String>,
    /// "omit" | "same-origin" | "include"
    pub credentials: &'static str,
    /// Whether the credentials mode was stated, inferred or assumed.
    pub credentials_basis: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct BrowserInfo {
    pub blocked: bool,
    /// Chromium's `Network.CorsError` name.
    pub cors_error: Option<String>,
    /// Chromium's `failedParameter` as Chromium fills it ("" when none).
    pub failed_parameter: Option<String>,
    /// Firefox's `security.properties` key.
    pub firefox: Option<String>,
    /// The console message Chrome prints.
    pub console: Option<String>,
    /// The console message Firefox prints.
    pub firefox_console: Option<String>,
    /// Whether the verdict was computed from headers or taken from the browser's words.
    pub basis: &'static str,
}

impl Report {
    pub fn blocked_count(&self) -> usize {
        self.findings.iter().filter(|f| f.browser.blocked).count()
    }

    pub fn count(&self, kind: CauseKind) -> usize {
        self.findings
            .iter()
            .filter(|f| f.cause.kind == kind)
            .count()
    }
}
