//! whycors: why, really, did the browser say "blocked by CORS policy"?
//!
//! Pure core: no I/O, no network, no clock. Data flows one way:
//! input → [`exchange`]s → browser [`verdict`] → [`cause`] → [`fix`]es → [`report`].
//!
//! ```
//! let input = "Access to fetch at 'https://api.example.com/items' from origin \
//!   'https://app.example.com' has been blocked by CORS policy: No \
//!   'Access-Control-Allow-Origin' header is present on the requested resource.";
//! let report = whycors::diagnose(input, &whycors::Options::default()).unwrap();
//! assert_eq!(report.findings[0].browser.cors_error.as_deref(), Some("MissingAllowOriginHeader"));
//! ```

pub mod base64;
pub mod browser_text;
pub mod cause;
pub mod cors_error;
pub mod exchange;
pub mod fetch;
pub mod fix;
pub mod gateway;
pub mod input;
pub mod redact;
pub mod report;
mod shell;
pub mod verdict;

mod finding;

pub use exchange::Exchange;
pub use input::InputError;
pub use report::Report;

use exchange::Credentials;

/// What the caller knows beyond the input.
#[derive(Clone, Debug)]
pub struct Options {
    /// Response header names the page reads (`--reads ETag`).
    pub reads: Vec<String>,
    /// The page's origin, for inputs that don't carry it (`--origin`).
    pub origin: Option<String>,
    /// The credentials mode, for inputs that don't say (`--credentials`).
    pub credentials: Option<Credentials>,
    /// Redact secrets (Authorization, cookies, API keys, JWTs) in the report.
    pub redact: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            reads: Vec::new(),
            origin: None,
            credentials: None,
            redact: true,
        }
    }
}

/// Read any supported input (auto-detected) and explain every cross-origin request in it.
pub fn diagnose(input: &str, options: &Options) -> Result<Report, InputError> {
    let parsed = input::read(input).map_err(|e| cause::settings_refusal(input, e))?;
    let mut report = explain(parsed.kind, parsed.exchanges, options);
    // No cross-origin request in the capture, and the browser's message about something else
    // beside it (a WebSocket's refused handshake beside the same-origin headers): that message.
    if report.findings.is_empty() {
        if let Some(e) = input::browser_message_error(input) {
            return Err(e);
        }
    }
    report.unread = parsed.unread;
    if options.redact {
        for u in &mut report.unread {
            if let std::borrow::Cow::Owned(t) = redact::text(&u.text) {
                u.text = t;
            }
        }
    }
    Ok(report)
}

/// Will the request `ask` describes work against an API's stated CORS `policy`? The
/// report has one finding (none when the request is same-origin); `input` is `"policy"`.
pub fn check_policy(
    policy: &input::policy::Policy,
    ask: &input::policy::Ask,
) -> Result<Report, InputError> {
    let case = input::policy::read(policy, ask)?;
    let x = case.exchange;
    let options = Options {
        reads: case.reads,
        ..Options::default()
    };
    let same = x
        .page_origin
        .as_deref()
        .is_some_and(|o| fetch::origin::same_origin(o, &x.request.url));
    Ok(Report {
        version: report::VERSION,
        input: "policy",
        findings: if same {
            Vec::new()
        } else {
            vec![finding::finding_for(&x, &options, case.gateway)]
        },
        same_origin_skipped: usize::from(same),
        unread: Vec::new(),
    })
}

/// The fixes that let the API's own error answer to this request reach the page (CORS
/// headers on the gateway's or server's error responses) rather than a route for its URL:
/// for a request sent on purpose to a path the API does not have, such as `whycors
/// check`'s probe, whose finding's own fixes would add that path.
pub fn error_answer_fixes(mut x: Exchange, options: &Options) -> Vec<fix::Fix> {
    finding::apply_options(&mut x, options);
    finding::error_answer_fixes(&x, options)
}

/// Explain exchanges that were already read.
pub fn explain(kind: exchange::InputKind, exchanges: Vec<Exchange>, options: &Options) -> Report {
    let mut findings = Vec::new();
    let mut skipped = 0;
    for mut x in exchanges {
        finding::apply_options(&mut x, options);
        if finding::is_same_origin(&x) {
            skipped += 1;
            continue;
        }
        findings.push(finding::finding(&x, options));
    }
    Report {
        version: report::VERSION,
        input: kind.as_str(),
        findings,
        same_origin_skipped: skipped,
        unread: Vec::new(),
    }
}
