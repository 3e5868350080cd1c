//! The finding list's rows: one short line per cross-origin request, built where the
//! input was read (on the page, or in the Web Worker for big HARs).

use serde::{Deserialize, Serialize};
use whycors::exchange::{Exchange, InputKind};
use whycors::report::Finding;
use whycors::Options;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// Index of the exchange in the input.
    pub idx: usize,
    pub method: String,
    pub url: String,
    pub host: String,
    pub blocked: bool,
    pub cause: String,
    pub cors_error: Option<String>,
    pub summary: String,
    pub location: String,
}

/// The options the page's fields describe, as JSON for the worker.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageOptions {
    pub origin: String,
    pub reads: String,
    pub credentials: String,
}

impl PageOptions {
    pub fn to_options(&self) -> Options {
        let mut o = Options::default();
        let origin = self.origin.trim();
        if !origin.is_empty() {
            o.origin = Some(origin.trim_end_matches('/').to_string());
        }
        o.reads = self
            .reads
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        o.credentials = match self.credentials.as_str() {
            "omit" => Some(whycors::exchange::Credentials::Omit),
            "same-origin" => Some(whycors::exchange::Credentials::SameOrigin),
            "include" => Some(whycors::exchange::Credentials::Include),
            _ => None,
        };
        o
    }
}

pub fn host_of(url: &str) -> String {
    whycors::fetch::origin::host_of(url).unwrap_or_default()
}

/// The finding for one exchange (`None`: same-origin).
pub fn finding_for(kind: InputKind, x: &Exchange, o: &Options) -> Option<Finding> {
    whycors::explain(kind, vec![x.clone()], o)
        .findings
        .into_iter()
        .next()
}

pub fn row(idx: usize, f: &Finding) -> Row {
    Row {
        idx,
        method: f.request.method.clone(),
        url: f.request.url.clone(),
        host: host_of(&f.request.url),
        blocked: f.browser.blocked,
        cause: f.cause.kind.as_str().to_string(),
        cors_error: f.browser.cors_error.clone(),
        summary: f.summary.clone(),
        location: f.location.clone(),
    }
}

/// The row for one exchange without writing its fixes and browser sentences (what a
/// list of thousands needs); `None`: same-origin. The same verdict and cause as
/// [`finding_for`], which the opened row then computes in full.
pub fn quick_row(idx: usize, x: &Exchange, o: &Options) -> Option<Row> {
    use whycors::exchange::Known;
    use whycors::fetch::origin::{normalize_origin, same_origin};
    // Copy the exchange only when the page's options change it (a big HAR has thousands).
    let mut x = std::borrow::Cow::Borrowed(x);
    if let Some(origin) = &o.origin {
        if x.page_origin.is_none() {
            x.to_mut().page_origin = normalize_origin(origin).or_else(|| Some(origin.clone()));
        }
    }
    if let Some(c) = o.credentials {
        let x = x.to_mut();
        x.request.credentials = c;
        x.request.credentials_known = Known::Stated;
    }
    if let Some(po) = &x.page_origin {
        if !x.request.url.is_empty() && same_origin(po, &x.request.url) {
            return None;
        }
    }
    let v = whycors::verdict::evaluate(
        &x,
        &whycors::verdict::VerdictOptions {
            reads: o.reads.clone(),
        },
    );
    let d = whycors::cause::determine(&x, &v);
    Some(Row {
        idx,
        method: x.request.method.clone(),
        host: host_of(&x.request.url),
        url: x.request.url.clone(),
        blocked: v.blocked,
        cause: d.cause.kind.as_str().to_string(),
        cors_error: v.cors_error.map(|e| e.name().to_string()),
        summary: d.summary,
        location: x.location.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_rows_agree_with_full_findings() {
        let har = include_str!("../../../tests/cases/rest-throttled-429/capture.har");
        let parsed = whycors::input::read(har).unwrap();
        let o = Options::default();
        let mut n = 0;
        for (i, x) in parsed.exchanges.iter().enumerate() {
            let full = finding_for(parsed.kind, x, &o).map(|f| row(i, &f));
            assert_eq!(quick_row(i, x, &o), full);
            n += usize::from(full.is_some());
        }
        assert!(n > 0);
    }
}
