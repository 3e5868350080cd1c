//! HAR 1.2 reader (Chrome, Firefox, Safari exports; `_whycors.replay`).
//!
//! One pass of a JSON scanner ([`scan`]) that fills borrowed structs, then:
//! 1. OPTIONS entries carrying `Access-Control-Request-Method` are preflights;
//! 2. redirect hops (3xx + `redirectURL`/`Location`) are chained to the entry
//!    that requested the target URL;
//! 3. each preflight is paired with the nearest (in start time) actual request
//!    to the same URL whose method is the requested method;
//! 4. a preflight left over whose URL is a redirect hop's target (same page,
//!    after the hop) is the new preflight the browser sent there;
//! 5. every chain that looks like a CORS candidate becomes one [`Exchange`], and
//!    every preflight left unpaired becomes an exchange whose request was never sent.

mod csp;
mod model;
mod scan;
mod util;

use super::{InputError, Place};
use crate::exchange::{
    BodyKind, Credentials, Exchange, HeaderList, InputKind, Known, PageBlock, PageBlockKind,
    Preflight, PreflightCapture, Redirect, Replay, Response,
};
use model::Entry;
use std::cell::RefCell;
use std::collections::HashMap;
use util::{header_text, origin_of, parse_time_ms};

/// Read a HAR file into its CORS-candidate exchanges, in entry order.
pub fn read(input: &str) -> Result<Vec<Exchange>, InputError> {
    let (bom, body) = match input.strip_prefix('\u{feff}') {
        Some(rest) => ('\u{feff}'.len_utf8(), rest),
        None => (0, input),
    };
    // Anything but an object: say what it is.
    if let Some((off, c)) = body.char_indices().find(|(_, c)| !c.is_whitespace()) {
        if c != '{' {
            let what = match c {
                '[' => "an array",
                '"' => "a string",
                _ => "something else",
            };
            return Err(err_at(
                input,
                bom + off,
                None,
                format!("a HAR file is a JSON object with a \"log\" field; this input starts with {what}"),
            ));
        }
    }
    let har = scan::read(body)
        .map_err(|e| err_at(input, bom + e.offset, e.field(), e.message.clone()))?;
    let log = har.log.0.ok_or_else(|| missing("log"))?;
    let entries = log.entries.ok_or_else(|| missing("log.entries"))?.0;
    let pages: HashMap<&str, &str> = log
        .pages
        .0
        .iter()
        .filter_map(|p| Some((p.id.as_ref()?.as_str(), p.title.as_ref()?.as_str())))
        .collect();
    Ok(Builder::new(&entries, &pages).build())
}

fn missing(field: &str) -> InputError {
    InputError::new(
        Some(InputKind::Har),
        Place {
            field: Some(field.to_string()),
            ..Place::default()
        },
        format!("not a HAR file: `{field}` is missing"),
    )
}

/// An error at a byte offset of `input`: line, column (in characters) and offset.
fn err_at(input: &str, offset: usize, field: Option<String>, message: String) -> InputError {
    let mut offset = offset.min(input.len());
    while !input.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = input.get(..offset).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = input.get(line_start..offset).unwrap_or("").chars().count() + 1;
    InputError::new(
        Some(InputKind::Har),
        Place {
            line: Some(line),
            column: Some(column),
            offset: Some(offset),
            field,
        },
        message,
    )
}

fn is_cors_resource_type(t: &str) -> bool {
    ["fetch", "xhr", "font", "eventsource"]
        .iter()
        .any(|k| t.eq_ignore_ascii_case(k))
}

/// Resource types that are CORS requests only with a `crossorigin` attribute.
fn is_crossorigin_capable(t: &str) -> bool {
    ["script", "image", "stylesheet", "media"]
        .iter()
        .any(|k| t.eq_ignore_ascii_case(k))
}

fn entry_error(e: &Entry<'_>) -> Option<String> {
    let resp = e.response.0.as_ref();
    resp.and_then(|r| r.error.as_ref())
        .or(e.error.as_ref())
        .map(|s| s.as_str().trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn header_value<'e>(headers: &'e [model::Header<'_>], name: &str) -> Option<&'e str> {
    headers
        .iter()
        .find(|h| trim(h.name.as_str()).eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

/// `str::trim`, without decoding characters when `s` starts and ends with a visible
/// ASCII character (a header name almost always does).
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// A request header line the entry already had, name and value the same: chrome-har
/// (puppeteer-har, browsertime) writes each request header twice, from the request and
/// from its extra-info event. A browser never sends one header twice (fetch and XHR join
/// repeats into one value), so the copy is dropped; response headers are kept as they
/// are, since a repeated Access-Control-Allow-Origin is an error the verdict must see.
fn repeated<'e>(headers: &'e [model::Header<'e>], i: usize) -> bool {
    let Some(h) = headers.get(i) else {
        return false;
    };
    headers.iter().take(i).any(|e| {
        e.name.as_str().eq_ignore_ascii_case(h.name.as_str())
            && e.value.as_str() == h.value.as_str()
    })
}

fn req_headers<'e>(e: &'e Entry<'_>) -> &'e [model::Header<'e>] {
    match &e.request.0 {
        Some(r) => &r.headers.0,
        None => &[],
    }
}

fn method<'e>(e: &'e Entry<'_>) -> &'e str {
    e.request.0.as_ref().map_or("", |r| r.method.as_str())
}

fn url<'e>(e: &'e Entry<'_>) -> &'e str {
    e.request.0.as_ref().map_or("", |r| r.url.as_str())
}

/// Convert a HAR response. `with_body`: keep `content.text` when textual.
fn convert_response(r: &model::Response<'_>, with_body: bool) -> Response {
    let headers: HeaderList = r
        .headers
        .0
        .iter()
        .map(|h| {
            (
                h.name.as_str().to_string(),
                header_text(h.value.as_str()).into_owned(),
            )
        })
        .collect();
    let body = if with_body {
        r.content.0.as_ref().and_then(|c| {
            let text = c.text.as_ref()?.get();
            let text = text.as_ref();
            let is_base64 = c
                .encoding
                .as_ref()
                .is_some_and(|e| e.as_str().trim().eq_ignore_ascii_case("base64"));
            let binary_type = c.mime_type.as_ref().is_some_and(|m| {
                let m = m.as_str().trim();
                ["image/", "font/", "audio/", "video/"]
                    .iter()
                    .any(|p| super::starts_with_ignore_case(m, p))
            });
            let body = if is_base64 {
                if binary_type {
                    return None;
                }
                String::from_utf8(crate::base64::decode(text).ok()?).ok()?
            } else {
                text.to_string()
            };
            Some(body).filter(|b| !b.is_empty())
        })
    } else {
        None
    };
    Response {
        status: r.status.0,
        status_text: r
            .status_text
            .as_ref()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        http_version: r
            .http_version
            .as_ref()
            .map(|s| s.as_str().trim())
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        headers,
        body,
    }
}

/// `None` when the capture has no response (status 0 and no headers).
fn known_response(r: Option<&model::Response<'_>>, with_body: bool) -> Option<Response> {
    r.map(|r| convert_response(r, with_body))
        .filter(Response::is_known)
}

struct Builder<'e, 'a> {
    entries: &'e [Entry<'a>],
    pages: &'e HashMap<&'e str, &'e str>,
    times: Vec<Option<f64>>,
    is_preflight: Vec<bool>,
    /// Non-preflight entries by request URL.
    by_url: HashMap<&'e str, Vec<usize>>,
    /// [`origin_of`] of the strings seen so far: a big HAR repeats a handful of origins.
    origins: RefCell<HashMap<&'e str, Option<String>>>,
}

impl<'e, 'a> Builder<'e, 'a> {
    fn new(entries: &'e [Entry<'a>], pages: &'e HashMap<&'e str, &'e str>) -> Self {
        let times = entries
            .iter()
            .map(|e| e.started.as_ref().and_then(|s| parse_time_ms(s.as_str())))
            .collect();
        let is_preflight: Vec<bool> = entries
            .iter()
            .map(|e| {
                method(e).eq_ignore_ascii_case("OPTIONS")
                    && header_value(req_headers(e), "access-control-request-method").is_some()
            })
            .collect();
        let mut by_url: HashMap<&'e str, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if e.request.0.is_some() && !is_preflight.get(i).copied().unwrap_or(false) {
                by_url.entry(url(e)).or_default().push(i);
            }
        }
        Builder {
            entries,
            pages,
            times,
            is_preflight,
            by_url,
            origins: RefCell::new(HashMap::new()),
        }
    }

    fn preflight(&self, i: usize) -> bool {
        self.is_preflight.get(i).copied().unwrap_or(false)
    }

    fn time(&self, i: usize) -> Option<f64> {
        self.times.get(i).copied().flatten()
    }

    /// Entries (non-preflight) whose request URL is `u`, trying it as written
    /// first and then in the URL parser's normal form.
    fn same_url(&self, u: &str) -> Vec<usize> {
        if let Some(v) = self.by_url.get(u) {
            return v.clone();
        }
        if let Ok(parsed) = url::Url::parse(u) {
            if let Some(v) = self.by_url.get(parsed.as_str()) {
                return v.clone();
            }
        }
        Vec::new()
    }

    /// The URL a redirect hop points to, resolved against the hop's URL.
    fn redirect_target(&self, e: &Entry<'_>) -> Option<String> {
        let r = e.response.0.as_ref()?;
        if !(300..400).contains(&r.status.0) {
            return None;
        }
        let raw = r
            .redirect_url
            .as_ref()
            .map(|s| s.as_str().trim())
            .filter(|s| !s.is_empty())
            .or_else(|| header_value(&r.headers.0, "location").map(str::trim))
            .filter(|s| !s.is_empty())?;
        match url::Url::parse(url(e)).and_then(|base| base.join(raw)) {
            Ok(u) => Some(u.to_string()),
            Err(_) => Some(raw.to_string()),
        }
    }

    fn build(&self) -> Vec<Exchange> {
        let n = self.entries.len();
        // 1. Redirect chains: next[i] = the entry that fetched i's redirect target.
        let mut next: Vec<Option<usize>> = vec![None; n];
        let mut is_hop = vec![false; n];
        for (i, e) in self.entries.iter().enumerate() {
            if self.preflight(i) || e.request.0.is_none() {
                continue;
            }
            let Some(target) = self.redirect_target(e) else {
                continue;
            };
            let mut cands = self.same_url(&target);
            if cands.is_empty() {
                // A Location written differently from the next request's URL.
                if let Some(raw) = e
                    .response
                    .0
                    .as_ref()
                    .and_then(|r| r.redirect_url.as_ref())
                    .map(|s| s.as_str())
                {
                    cands = self.same_url(raw);
                }
            }
            let found = cands
                .into_iter()
                .filter(|&j| j > i && !is_hop.get(j).copied().unwrap_or(true))
                .min();
            if let Some(j) = found {
                if let (Some(slot), Some(h)) = (next.get_mut(i), is_hop.get_mut(j)) {
                    *slot = Some(j);
                    *h = true;
                }
            }
        }

        // 2. Pair preflights with chain starts.
        let mut paired_with: Vec<Option<usize>> = vec![None; n]; // start -> preflight
        let mut preflight_used = vec![false; n];
        for p in 0..n {
            if !self.preflight(p) {
                continue;
            }
            let Some(pe) = self.entries.get(p) else {
                continue;
            };
            let acrm = header_value(req_headers(pe), "access-control-request-method")
                .unwrap_or("")
                .trim();
            let cands: Vec<usize> = self
                .same_url(url(pe))
                .into_iter()
                .filter(|&c| {
                    !is_hop.get(c).copied().unwrap_or(true)
                        && paired_with.get(c).is_some_and(|x| x.is_none())
                })
                .collect();
            let exact: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|&c| {
                    self.entries
                        .get(c)
                        .is_some_and(|e| method(e).trim() == acrm)
                })
                .collect();
            let pool = if exact.is_empty() {
                cands
                    .into_iter()
                    .filter(|&c| {
                        self.entries
                            .get(c)
                            .is_some_and(|e| method(e).trim().eq_ignore_ascii_case(acrm))
                    })
                    .collect()
            } else {
                exact
            };
            let tp = self.time(p);
            let best = pool.into_iter().min_by(|&a, &b| {
                let da = match (tp, self.time(a)) {
                    (Some(x), Some(y)) => (x - y).abs(),
                    _ => f64::INFINITY,
                };
                let db = match (tp, self.time(b)) {
                    (Some(x), Some(y)) => (x - y).abs(),
                    _ => f64::INFINITY,
                };
                da.total_cmp(&db).then(a.abs_diff(p).cmp(&b.abs_diff(p)))
            });
            if let Some(c) = best {
                if let (Some(slot), Some(used)) =
                    (paired_with.get_mut(c), preflight_used.get_mut(p))
                {
                    *slot = Some(p);
                    *used = true;
                }
            }
        }

        // 2b. The new preflights browsers send to redirect targets.
        let hop_pre = self.pair_redirect_preflights(&next, &mut preflight_used);

        // 3. Exchanges, in entry order.
        let mut out = Vec::new();
        for i in 0..n {
            let Some(e) = self.entries.get(i) else {
                continue;
            };
            if e.request.0.is_none() {
                continue;
            }
            if self.preflight(i) {
                if !preflight_used.get(i).copied().unwrap_or(true) {
                    out.push(self.unsent(i, e));
                }
                continue;
            }
            if is_hop.get(i).copied().unwrap_or(true) {
                continue;
            }
            let mut chain = vec![i];
            let mut cur = i;
            while let Some(Some(j)) = next.get(cur) {
                chain.push(*j);
                cur = *j;
            }
            let pre = paired_with.get(i).copied().flatten();
            if self.is_candidate(&chain, pre.is_some()) {
                out.push(self.exchange(&chain, pre, &hop_pre));
            }
        }
        out
    }

    /// Pair each redirect hop with the OPTIONS the browser sent to its target
    /// before following it: a preflight not paired yet, to the same URL as the
    /// hop's Location, on the same page, started after the hop; the nearest in
    /// time to the target's own entry (or to the hop) wins. `hop_pre[i]` is the
    /// preflight of hop entry `i`.
    fn pair_redirect_preflights(
        &self,
        next: &[Option<usize>],
        preflight_used: &mut [bool],
    ) -> Vec<Option<usize>> {
        let n = self.entries.len();
        let mut hop_pre: Vec<Option<usize>> = vec![None; n];
        let norm = |u: &str| match url::Url::parse(u) {
            Ok(parsed) => parsed.to_string(),
            Err(_) => u.to_string(),
        };
        // Unpaired preflights by URL (in the URL parser's normal form).
        let mut by_url: HashMap<String, Vec<usize>> = HashMap::new();
        for p in 0..n {
            if self.preflight(p) && !preflight_used.get(p).copied().unwrap_or(true) {
                if let Some(pe) = self.entries.get(p) {
                    by_url.entry(norm(url(pe))).or_default().push(p);
                }
            }
        }
        if by_url.is_empty() {
            return hop_pre;
        }
        for (i, e) in self.entries.iter().enumerate() {
            if self.preflight(i) || e.request.0.is_none() {
                continue;
            }
            let Some(target) = self.redirect_target(e) else {
                continue;
            };
            let Some(cands) = by_url.get(&norm(&target)) else {
                continue;
            };
            let page = e.pageref.as_ref().map(|p| p.as_str());
            let t_hop = self.time(i);
            let anchor = next
                .get(i)
                .copied()
                .flatten()
                .and_then(|j| self.time(j))
                .or(t_hop);
            let best = cands
                .iter()
                .copied()
                .filter(|&p| !preflight_used.get(p).copied().unwrap_or(true))
                .filter(|&p| {
                    let Some(pe) = self.entries.get(p) else {
                        return false;
                    };
                    let same_page = match (page, pe.pageref.as_ref().map(|r| r.as_str())) {
                        (Some(a), Some(b)) => a == b,
                        _ => true,
                    };
                    let after = match (t_hop, self.time(p)) {
                        (Some(a), Some(b)) => b >= a,
                        _ => p > i,
                    };
                    same_page && after
                })
                .min_by(|&a, &b| {
                    let d = |p: usize| match (anchor, self.time(p)) {
                        (Some(x), Some(y)) => (x - y).abs(),
                        _ => f64::INFINITY,
                    };
                    d(a).total_cmp(&d(b)).then(a.cmp(&b))
                });
            if let Some(p) = best {
                if let (Some(slot), Some(used)) = (hop_pre.get_mut(i), preflight_used.get_mut(p)) {
                    *slot = Some(p);
                    *used = true;
                }
            }
        }
        hop_pre
    }

    fn is_candidate(&self, chain: &[usize], paired: bool) -> bool {
        if paired {
            return true;
        }
        let Some(first) = chain.first().and_then(|&i| self.entries.get(i)) else {
            return false;
        };
        if let Some(rt) = first
            .resource_type
            .as_ref()
            .map(|s| s.as_str().trim())
            .filter(|s| !s.is_empty())
        {
            // A crossorigin script, image, stylesheet or media load is a CORS
            // request too: the browser sends Origin with it (never with their
            // no-cors loads, nor does a navigation need a CORS check).
            // `Sec-Fetch-Mode: cors` says it whatever the type (a `<link
            // rel=preload as=fetch crossorigin>` is recorded as "other").
            // A no-cors load its resource policy blocked (CORP, the page's COEP) is read
            // too: people take that error for CORS.
            return is_cors_resource_type(rt)
                || (is_crossorigin_capable(rt)
                    && header_value(req_headers(first), "origin").is_some())
                || header_value(req_headers(first), "sec-fetch-mode")
                    .is_some_and(|m| m.trim().eq_ignore_ascii_case("cors"))
                || entry_error(first)
                    .as_deref()
                    .and_then(super::resource_policy_block)
                    .is_some();
        }
        if header_value(req_headers(first), "origin").is_some() {
            return true;
        }
        // A failed request no page made — the browser's own update or safe-browsing calls a
        // proxy (mitmproxy) records: no page, initiator, Referer or Sec-Fetch header — is not
        // one by its error alone.
        let hs = req_headers(first);
        let from_page = first.pageref.is_some()
            || first.initiator.is_some()
            || header_value(hs, "referer").is_some()
            || header_value(hs, "sec-fetch-mode").is_some()
            || header_value(hs, "sec-fetch-site").is_some();
        chain.iter().filter_map(|&i| self.entries.get(i)).any(|e| {
            (from_page && entry_error(e).is_some())
                || e.response.0.as_ref().is_some_and(|r| {
                    r.headers.0.iter().any(|h| {
                        h.name
                            .as_str()
                            .trim()
                            .get(..15)
                            .is_some_and(|p| p.eq_ignore_ascii_case("access-control-"))
                    })
                })
        })
    }

    /// [`origin_of`], remembered.
    fn origin(&self, s: &'e str) -> Option<String> {
        if let Some(o) = self.origins.borrow().get(s) {
            return o.clone();
        }
        let o = origin_of(s);
        self.origins.borrow_mut().insert(s, o.clone());
        o
    }

    fn page_origin(&self, e: &'e Entry<'a>, preflight: Option<&'e Entry<'a>>) -> Option<String> {
        // `Origin: null` on the first request of a chain (or on its
        // preflight) is the page's own origin: an opaque one (a sandboxed
        // iframe, a file:// or data: page). A redirect's later hops are not
        // read here, so it is never the tainted origin of a redirect.
        let from_origin_header = |e: &'e Entry<'a>| {
            header_value(req_headers(e), "origin")
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .and_then(|o| {
                    if o == "null" {
                        Some(o.to_string())
                    } else {
                        self.origin(o)
                    }
                })
        };
        from_origin_header(e)
            .or_else(|| preflight.and_then(from_origin_header))
            .or_else(|| header_value(req_headers(e), "referer").and_then(|r| self.origin(r)))
            .or_else(|| {
                e.initiator
                    .as_ref()
                    .and_then(|i| i.url.as_ref())
                    .and_then(|u| self.origin(u.as_str()))
            })
            .or_else(|| {
                let pageref = e.pageref.as_ref()?.as_str();
                self.origin(self.pages.get(pageref)?)
            })
    }

    /// The actual request of `chain`, with its preflight when one paired.
    fn exchange(&self, chain: &[usize], pre: Option<usize>, hop_pre: &[Option<usize>]) -> Exchange {
        let first_i = chain.first().copied().unwrap_or(0);
        let last_i = chain.last().copied().unwrap_or(first_i);
        let pe = pre.and_then(|p| self.entries.get(p));
        let Some(first) = self.entries.get(first_i) else {
            return Exchange::new(InputKind::Har, "", "");
        };
        let mut ex = Exchange::new(InputKind::Har, method(first), url(first));
        ex.location = format!("log.entries[{first_i}]");
        ex.page_origin = self.page_origin(first, pe);
        ex.request.initiator = first
            .resource_type
            .as_ref()
            .and_then(|t| crate::browser_text::Initiator::from_resource_type(t.as_str()));

        // Access-Control-Request-Headers names: the script set those.
        let acrh = pe.and_then(|p| header_value(req_headers(p), "access-control-request-headers"));
        let req = first.request.0.as_ref();
        let headers = req_headers(first);
        for (i, h) in headers.iter().enumerate() {
            let name = h.name.as_str();
            let value = h.value.as_str();
            let drop = super::is_browser_added(name, value, acrh) || repeated(headers, i);
            if !drop {
                ex.request.headers.push(name, header_text(value));
            }
        }
        let has_cookie = header_value(headers, "cookie").is_some()
            || req.is_some_and(|r| !r.cookies.0.is_empty());
        // navigator.sendBeacon() (DevTools' type "ping") always sends
        // credentials: its CORS check is the one of credentials mode 'include'.
        let is_beacon = first
            .resource_type
            .as_ref()
            .is_some_and(|t| t.as_str().trim().eq_ignore_ascii_case("ping"));
        if has_cookie || is_beacon {
            ex.request.credentials = Credentials::Include;
            ex.request.credentials_known = Known::Inferred;
        } else {
            ex.request.credentials = Credentials::SameOrigin;
            ex.request.credentials_known = Known::Unknown;
        }
        ex.request.body = body_kind(req.and_then(|r| r.post_data.0.as_ref()));

        ex.preflight = match (pre, pe) {
            (Some(_), Some(p)) => PreflightCapture::Captured(self.preflight_of(p)),
            _ => PreflightCapture::Absent,
        };

        for w in chain.windows(2) {
            if let Some(hop) = w.first().and_then(|&i| self.entries.get(i)) {
                let mut response = hop
                    .response
                    .0
                    .as_ref()
                    .map(|r| convert_response(r, true))
                    .unwrap_or_default();
                if response.location().is_none() {
                    if let Some(t) = self.redirect_target(hop) {
                        response.headers.push("Location", t);
                    }
                }
                let mut r = Redirect::new(url(hop), response);
                r.preflight = self.hop_preflight(w.first().copied(), hop_pre);
                ex.redirects.push(r);
            }
        }
        let last = self.entries.get(last_i).unwrap_or(first);
        ex.response = known_response(last.response.0.as_ref(), true);
        // The chain ends at a redirect whose target got a preflight but no
        // entry of its own: the redirect is a hop, the target's response unknown.
        if let (Some(p), Some(resp)) = (hop_pre.get(last_i).copied().flatten(), &ex.response) {
            if resp.is_redirect() {
                let mut response = resp.clone();
                if response.location().is_none() {
                    if let Some(t) = self.redirect_target(last) {
                        response.headers.push("Location", t);
                    }
                }
                let mut r = Redirect::new(url(last), response);
                if let Some(pe) = self.entries.get(p) {
                    r.preflight = PreflightCapture::Captured(self.preflight_of(pe));
                }
                ex.redirects.push(r);
                ex.response = None;
            }
        }
        ex.network_error = entry_error(last).or_else(|| {
            chain
                .iter()
                .rev()
                .filter_map(|&i| self.entries.get(i))
                .find_map(entry_error)
        });
        // The response came and Chrome blocked it for its resource policy (CORP, or the
        // page's COEP): not a network failure, and no CORS check.
        if let Some(kind) = ex
            .network_error
            .as_deref()
            .and_then(super::resource_policy_block)
        {
            ex.network_error = None;
            ex.page_block = Some(crate::exchange::PageBlock {
                kind,
                page_url: None,
                directive: None,
            });
        }
        // A request cancelled (`net::ERR_ABORTED`: the page or Chromium dropped
        // it, as with a `mode: 'no-cors'` fetch's opaque body) whose headers
        // DevTools never got: the status alone is not a response to check
        // (a CORS failure ends with `net::ERR_FAILED`, never this).
        if ex.network_error.as_deref() == Some("net::ERR_ABORTED")
            && ex.response.as_ref().is_some_and(|r| r.headers.is_empty())
        {
            // With an HTTP status, a fetch (never an XHR) with no preflight and no redirect:
            // a `mode: 'no-cors'` fetch whose opaque response Chromium dropped (observed with
            // Chromium 156: the page got `type: "opaque"`, status 0, not an error).
            let status = ex.response.as_ref().map_or(0, |r| r.status);
            let fetch = first
                .resource_type
                .as_ref()
                .is_none_or(|t| t.as_str().trim().eq_ignore_ascii_case("fetch"));
            let cors_mode = header_value(req_headers(first), "sec-fetch-mode")
                .is_some_and(|m| !m.trim().eq_ignore_ascii_case("no-cors"));
            if status != 0
                && fetch
                && !cors_mode
                && ex.redirects.is_empty()
                && !matches!(ex.preflight, PreflightCapture::Captured(_))
            {
                ex.no_cors = true;
                ex.network_error = None;
            } else {
                ex.response = None;
            }
        }
        // A GET blocked with no response of its own and no preflight: the browser may have
        // served it from its HTTP cache, from a response an earlier request without CORS
        // stored (an `<img>` of the same URL, with no `Vary: Origin`).
        if ex.response.is_none()
            && ex.redirects.is_empty()
            && chain.len() == 1
            && ex.network_error.as_deref() == Some("net::ERR_FAILED")
            && ex.request.method.eq_ignore_ascii_case("GET")
            && !matches!(ex.preflight, PreflightCapture::Captured(_))
        {
            if let Some((j, stored)) = self.cached_source(first_i, ex.page_origin.as_deref()) {
                ex.response = stored
                    .response
                    .0
                    .as_ref()
                    .map(|r| convert_response(r, true));
                let what = stored
                    .resource_type
                    .as_ref()
                    .map(|t| t.as_str().trim())
                    .filter(|t| !t.is_empty())
                    .map(|t| format!(" ({t})"))
                    .unwrap_or_default();
                ex.cached_from = Some(format!("log.entries[{j}]{what}"));
            }
        }
        if ex.network_error.is_none() && ex.response.is_none() && ex.redirects.is_empty() {
            // Chrome keeps a request its page refused (CSP, mixed content) as
            // status 0 with an empty `_error`: tell which, from the page.
            ex.page_block = self.page_block(first_i, first);
        }
        ex.replay = chain
            .iter()
            .filter_map(|&i| self.entries.get(i))
            .find_map(|e| e.whycors.0.as_ref().and_then(|w| w.replay.0.as_ref()))
            .map(|r| Replay {
                preflight: r.preflight.0.as_ref().map(|x| convert_response(x, true)),
                response: r.response.0.as_ref().map(|x| convert_response(x, true)),
            });
        ex
    }

    /// The latest entry before `i` for the same URL, a GET made without `Origin` (no CORS),
    /// whose response the HTTP cache keeps and would serve to this request: 2xx, fresh for a
    /// while (`max-age`, `Expires` or `Last-Modified`), not `no-store`/`no-cache`, no `Vary`
    /// naming Origin, and no Access-Control-Allow-Origin that allows `origin`.
    fn cached_source(&self, i: usize, origin: Option<&str>) -> Option<(usize, &'e Entry<'a>)> {
        let target = url(self.entries.get(i)?);
        let (j, e) = self
            .entries
            .iter()
            .enumerate()
            .take(i)
            .rev()
            .find(|(_, e)| url(e) == target && method(e).eq_ignore_ascii_case("GET"))?;
        let r = e.response.0.as_ref()?;
        let h: &[model::Header<'_>] = &r.headers.0;
        let cc = header_value(h, "cache-control")
            .unwrap_or("")
            .to_ascii_lowercase();
        let fresh = cc.contains("max-age=") && !cc.contains("max-age=0")
            || header_value(h, "expires").is_some()
            || header_value(h, "last-modified").is_some();
        let vary = header_value(h, "vary").unwrap_or("").to_ascii_lowercase();
        let acao = header_value(h, "access-control-allow-origin").map(str::trim);
        let allows = acao.is_some_and(|a| a == "*" || Some(a) == origin);
        let ok = (200..300).contains(&r.status.0)
            && entry_error(e).is_none()
            && header_value(req_headers(e), "origin").is_none()
            && fresh
            && !cc.contains("no-store")
            && !cc.contains("no-cache")
            && !vary.contains("origin")
            && !vary.contains('*')
            && !allows;
        ok.then_some((j, e))
    }

    /// Did the page itself refuse entry `i` (no response, no error)? Mixed
    /// content when an https page asks for an http:// URL that is not
    /// potentially trustworthy; CSP when the page document's
    /// Content-Security-Policy header does not allow the URL.
    fn page_block(&self, i: usize, e: &'e Entry<'a>) -> Option<PageBlock> {
        let page_url = *self.pages.get(e.pageref.as_ref()?.as_str())?;
        let target = url(e);
        if is_mixed_content(page_url, target) {
            return Some(PageBlock {
                kind: PageBlockKind::MixedContent,
                page_url: Some(page_url.to_string()),
                directive: None,
            });
        }
        // The page's own document entry: the latest one before this request.
        let doc = self
            .by_url
            .get(page_url)?
            .iter()
            .filter(|&&d| d < i)
            .filter_map(|&d| self.entries.get(d))
            .rfind(|d| d.response.0.as_ref().is_some_and(|r| r.status.0 != 0))?;
        let policy = doc
            .response
            .0
            .as_ref()?
            .headers
            .0
            .iter()
            .filter(|h| {
                h.name
                    .as_str()
                    .eq_ignore_ascii_case("content-security-policy")
            })
            .map(|h| h.value.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        if policy.trim().is_empty() {
            return None;
        }
        let directive = csp::blocking_directive(&policy, page_url, target)?;
        Some(PageBlock {
            kind: PageBlockKind::ContentSecurityPolicy,
            page_url: Some(page_url.to_string()),
            directive: Some(directive),
        })
    }

    /// What the capture shows of the preflight sent to hop `i`'s target: the
    /// paired OPTIONS entry, else none (the HAR is the network log).
    fn hop_preflight(&self, i: Option<usize>, hop_pre: &[Option<usize>]) -> PreflightCapture {
        match i
            .and_then(|i| hop_pre.get(i).copied().flatten())
            .and_then(|p| self.entries.get(p))
        {
            Some(pe) => PreflightCapture::Captured(self.preflight_of(pe)),
            None => PreflightCapture::Absent,
        }
    }

    fn preflight_of(&self, p: &Entry<'_>) -> Preflight {
        let headers = req_headers(p);
        Preflight {
            url: url(p).to_string(),
            request_headers: headers
                .iter()
                .enumerate()
                .filter(|&(i, h)| !h.name.as_str().starts_with(':') && !repeated(headers, i))
                .map(|(_, h)| h)
                .map(|h| {
                    (
                        h.name.as_str().to_string(),
                        header_text(h.value.as_str()).into_owned(),
                    )
                })
                .collect(),
            response: known_response(p.response.0.as_ref(), false),
            error: entry_error(p),
        }
    }

    /// A preflight whose actual request never went out.
    fn unsent(&self, p: usize, pe: &'e Entry<'a>) -> Exchange {
        let headers = req_headers(pe);
        let acrm = header_value(headers, "access-control-request-method")
            .unwrap_or("")
            .trim();
        let mut ex = Exchange::new(InputKind::Har, acrm, url(pe));
        ex.location = format!("log.entries[{p}]");
        ex.page_origin = self.page_origin(pe, None);
        if let Some(acrh) = header_value(headers, "access-control-request-headers") {
            for name in acrh.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                ex.request.headers.push(name, "");
            }
        }
        let pf = self.preflight_of(pe);
        // Only the preflight's own error says the request failed: a HAR that leaves an
        // actual request out (chrome-har drops failed ones, a recording can stop early)
        // is not evidence that the browser blocked it.
        ex.network_error = pf.error.clone();
        ex.preflight = PreflightCapture::Captured(pf);
        ex.replay = pe
            .whycors
            .0
            .as_ref()
            .and_then(|w| w.replay.0.as_ref())
            .map(|r| Replay {
                preflight: r.preflight.0.as_ref().map(|x| convert_response(x, true)),
                response: r.response.0.as_ref().map(|x| convert_response(x, true)),
            });
        ex
    }
}

/// An https page asking for an http:// (or ws://) URL whose host is not
/// potentially trustworthy (localhost, *.localhost, 127.0.0.0/8, ::1).
fn is_mixed_content(page: &str, target: &str) -> bool {
    let (Ok(p), Ok(t)) = (url::Url::parse(page.trim()), url::Url::parse(target.trim())) else {
        return false;
    };
    if p.scheme() != "https" || !matches!(t.scheme(), "http" | "ws") {
        return false;
    }
    let trustworthy = match t.host() {
        Some(url::Host::Domain(d)) => {
            let d = d.to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        Some(url::Host::Ipv4(a)) => a.is_loopback(),
        Some(url::Host::Ipv6(a)) => a.is_loopback(),
        None => false,
    };
    !trustworthy
}

fn body_kind(pd: Option<&model::PostData<'_>>) -> BodyKind {
    pd.and_then(|pd| pd.mime_type.as_ref())
        .and_then(|m| super::body_kind_of_mime(m.as_str()))
        .unwrap_or(BodyKind::None)
}
