//! What the panel computes, without any UI: the diagnosis of the captured entries, the replay
//! plan of one request, and the exported (redacted) HAR. Pure functions over JSON, tested natively.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use whycors::exchange::{Exchange, HeaderList, InputKind, PreflightCapture};
use whycors::fetch::preflight::preflight_reasons;
use whycors::fetch::safelist::{access_control_request_headers, is_forbidden_request_header};
use whycors::redact;
use whycors::report::Finding;

/// What the DevTools page publishes (extension/devtools.js), plus what the bridge adds.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PanelState {
    #[serde(default)]
    pub connected: bool,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub preserve: bool,
    /// HAR entries, oldest first, each with a numeric `_whycorsId`.
    #[serde(default)]
    pub entries: Vec<Value>,
    /// Entry id (or "exact") -> a line to show ("replaying…", an error).
    #[serde(default)]
    pub notices: HashMap<String, String>,
    #[serde(default)]
    pub exact: bool,
}

/// One cross-origin request as the panel lists it.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: u64,
    /// Index of the entry the exchange starts at (the actual request, or the preflight of a
    /// request that was never sent).
    pub idx: usize,
    /// Index of the paired preflight entry, when DevTools captured one.
    pub preflight_idx: Option<usize>,
    pub exchange: Exchange,
    pub finding: Finding,
}

/// The replay the service worker performs (extension/sw.js reads this shape).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub url: String,
    pub method: String,
    pub origin: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub credentials: bool,
    pub preflight: Option<PlanPreflight>,
    pub actual: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanPreflight {
    pub acrm: String,
    pub acrh: Option<String>,
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_str()
}

pub fn entry_id(e: &Value) -> u64 {
    e.get("_whycorsId").and_then(Value::as_u64).unwrap_or(0)
}

pub fn method_of(e: &Value) -> &str {
    str_at(e, &["request", "method"]).unwrap_or("")
}

pub fn url_of(e: &Value) -> &str {
    str_at(e, &["request", "url"]).unwrap_or("")
}

fn request_header<'a>(e: &'a Value, name: &str) -> Option<&'a str> {
    e.get("request")?
        .get("headers")?
        .as_array()?
        .iter()
        .find(|h| {
            h.get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })?
        .get("value")?
        .as_str()
}

/// The captured entries as one HAR text, each entry pointing at a page named after the URL the
/// tab showed when it was captured (the core takes the page origin from there when a request
/// carries no Origin, e.g. one never sent because its preflight failed).
pub fn har_text(entries: &[&Value], creator: &str) -> String {
    let mut pages: Vec<Value> = Vec::new();
    let mut page_ids: HashMap<String, String> = HashMap::new();
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let mut e = (*e).clone();
        let page = e
            .get("_whycorsPage")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if !page.is_empty() {
            let n = page_ids.len() + 1;
            let id = page_ids
                .entry(page.clone())
                .or_insert_with(|| {
                    pages
                        .push(json!({"id": format!("page_{n}"), "title": page, "pageTimings": {}}));
                    format!("page_{n}")
                })
                .clone();
            if let Some(obj) = e.as_object_mut() {
                obj.insert("pageref".into(), Value::String(id));
            }
        }
        out.push(e);
    }
    json!({
        "log": {
            "version": "1.2",
            "creator": {"name": creator, "version": env!("CARGO_PKG_VERSION")},
            "pages": pages,
            "entries": out,
        }
    })
    .to_string()
}

fn location_index(loc: &str) -> Option<usize> {
    loc.strip_prefix("log.entries[")?
        .strip_suffix(']')?
        .parse()
        .ok()
}

/// Every cross-origin request of `entries` with its diagnosis, in entry order.
pub fn analyse(entries: &[Value]) -> Result<Vec<Row>, String> {
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let refs: Vec<&Value> = entries.iter().collect();
    let text = har_text(&refs, "whycors DevTools panel");
    let parsed = whycors::input::read_as(&text, InputKind::Har).map_err(|e| e.to_string())?;
    let options = whycors::Options::default();
    let mut rows = Vec::new();
    for x in parsed.exchanges {
        let Some(idx) = location_index(&x.location) else {
            continue;
        };
        let Some(entry) = entries.get(idx) else {
            continue;
        };
        let report = whycors::explain(InputKind::Har, vec![x.clone()], &options);
        let Some(finding) = report.findings.into_iter().next() else {
            continue;
        };
        let preflight_idx = if method_of(entry) == "OPTIONS" && finding.request.method != "OPTIONS"
        {
            Some(idx)
        } else if x.captured_preflight().is_some() {
            paired_preflight(entries, idx, &x)
        } else {
            None
        };
        rows.push(Row {
            id: entry_id(entry),
            idx,
            preflight_idx,
            exchange: x,
            finding,
        });
    }
    Ok(rows)
}

/// The OPTIONS entry for the same URL asking for this method, nearest to the request.
fn paired_preflight(entries: &[Value], idx: usize, x: &Exchange) -> Option<usize> {
    let url = x.captured_preflight().map(|p| p.url.as_str())?;
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            method_of(e) == "OPTIONS"
                && url_of(e) == url
                && request_header(e, "access-control-request-method")
                    .is_some_and(|m| m.trim() == x.request.method)
        })
        .min_by_key(|(i, _)| i.abs_diff(idx))
        .map(|(i, _)| i)
}

/// GET and HEAD replay on one click; anything else only after a confirmation.
pub fn is_safe_method(method: &str) -> bool {
    method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("HEAD")
}

/// How to send this request again. `actual`: send the actual request too (not only the preflight).
pub fn plan(row: &Row, entries: &[Value], actual: bool) -> Result<Plan, String> {
    let x = &row.exchange;
    let origin = x
        .page_origin
        .clone()
        .or_else(|| row.finding.request.origin.clone())
        .ok_or("the page's origin is unknown, so the replay could not send it")?;
    let mut headers = HeaderList::new();
    for h in x.request.headers.iter() {
        if !h.name.starts_with(':') && !is_forbidden_request_header(&h.name) {
            headers.push(h.name.clone(), h.value.clone());
        }
    }
    let entry = entries.get(row.idx);
    let body = entry
        .filter(|e| method_of(e) == x.request.method)
        .and_then(|e| str_at(e, &["request", "postData", "text"]))
        .map(str::to_string);
    let preflight = match &x.preflight {
        PreflightCapture::Captured(p) => Some(PlanPreflight {
            acrm: p
                .request_headers
                .get_all("access-control-request-method")
                .next()
                .map(|s| s.trim().to_string())
                .unwrap_or_else(|| x.request.method.clone()),
            acrh: p
                .request_headers
                .get_all("access-control-request-headers")
                .next()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        }),
        _ if !preflight_reasons(&x.request.method, &headers, x.request.body).is_empty() => {
            Some(PlanPreflight {
                acrm: x.request.method.clone(),
                acrh: access_control_request_headers(&headers),
            })
        }
        _ => None,
    };
    Ok(Plan {
        url: x.request.url.clone(),
        method: x.request.method.clone(),
        origin,
        headers: headers
            .iter()
            .map(|h| (h.name.clone(), h.value.clone()))
            .collect(),
        body,
        credentials: row.finding.request.credentials == "include",
        actual: actual || (preflight.is_none() && is_safe_method(&x.request.method)),
        preflight,
    })
}

/// The entries of the given rows (each request with its preflight), as a HAR; secrets redacted
/// unless `keep_secrets`.
pub fn export(entries: &[Value], rows: &[&Row], keep_secrets: bool) -> String {
    let mut idx: Vec<usize> = rows
        .iter()
        .flat_map(|r| std::iter::once(r.idx).chain(r.preflight_idx))
        .collect();
    idx.sort_unstable();
    idx.dedup();
    let picked: Vec<Value> = idx
        .iter()
        .filter_map(|&i| entries.get(i))
        .map(|e| {
            let mut e = e.clone();
            if let Some(o) = e.as_object_mut() {
                o.remove("_whycorsId");
            }
            e
        })
        .collect();
    let refs: Vec<&Value> = picked.iter().collect();
    let text = har_text(&refs, "whycors DevTools panel");
    let mut har: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if let Some(entries) = har
        .pointer_mut("/log/entries")
        .and_then(Value::as_array_mut)
    {
        for e in entries.iter_mut() {
            if let Some(o) = e.as_object_mut() {
                o.remove("_whycorsPage");
            }
        }
    }
    if !keep_secrets {
        redact_value(&mut har);
    }
    serde_json::to_string_pretty(&har).unwrap_or_default()
}

/// Redact a HAR text with the core's rules; the input back unchanged when it is not JSON.
pub fn redact_har_text(har: &str) -> String {
    match serde_json::from_str::<Value>(har) {
        Ok(mut v) => {
            redact_value(&mut v);
            serde_json::to_string_pretty(&v).unwrap_or_else(|_| har.to_string())
        }
        Err(_) => har.to_string(),
    }
}

fn redact_value(har: &mut Value) {
    if let Some(pages) = har.pointer_mut("/log/pages").and_then(Value::as_array_mut) {
        for p in pages {
            redact_string(p.get_mut("title"), |s| redact::url(s).into_owned());
        }
    }
    let Some(entries) = har
        .pointer_mut("/log/entries")
        .and_then(Value::as_array_mut)
    else {
        return;
    };
    for e in entries {
        if let Some(req) = e.get_mut("request").and_then(Value::as_object_mut) {
            redact_message(req);
            redact_string(req.get_mut("url"), |s| redact::url(s).into_owned());
            if let Some(qs) = req.get_mut("queryString").and_then(Value::as_array_mut) {
                for q in qs {
                    let secret = q
                        .get("name")
                        .and_then(Value::as_str)
                        .is_some_and(redact::is_secret_param)
                        || q.get("value")
                            .and_then(Value::as_str)
                            .is_some_and(redact::looks_like_jwt);
                    if secret {
                        if let Some(o) = q.as_object_mut() {
                            o.insert("value".into(), Value::String(redact::REDACTED.into()));
                        }
                    }
                }
            }
            if let Some(pd) = req.get_mut("postData").and_then(Value::as_object_mut) {
                redact_string(pd.get_mut("text"), |s| redact::redact_jwts(s).into_owned());
            }
        }
        if let Some(resp) = e.get_mut("response").and_then(Value::as_object_mut) {
            redact_message(resp);
            redact_string(resp.get_mut("redirectURL"), |s| redact::url(s).into_owned());
        }
        if let Some(replay) = e
            .pointer_mut("/_whycors/replay")
            .and_then(Value::as_object_mut)
        {
            for key in ["preflight", "response"] {
                if let Some(r) = replay.get_mut(key).and_then(Value::as_object_mut) {
                    redact_message(r);
                }
            }
        }
        for key in ["_initiator"] {
            if let Some(o) = e.as_object_mut() {
                if o.get(key).is_some_and(Value::is_string) {
                    redact_string(o.get_mut(key), |s| redact::url(s).into_owned());
                }
            }
        }
    }
}

/// Headers, cookies and body text of one request or response.
fn redact_message(m: &mut Map<String, Value>) {
    if let Some(hs) = m.get_mut("headers").and_then(Value::as_array_mut) {
        for h in hs {
            let name = h
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let lower = name.to_ascii_lowercase();
            let is_url = matches!(lower.as_str(), "referer" | "location" | "content-location");
            redact_string(h.get_mut("value"), |v| {
                if is_url {
                    redact::url(v).into_owned()
                } else {
                    redact::header_value(&name, v).into_owned()
                }
            });
        }
    }
    if let Some(cs) = m.get_mut("cookies").and_then(Value::as_array_mut) {
        for c in cs {
            if let Some(o) = c.as_object_mut() {
                o.insert("value".into(), Value::String(redact::REDACTED.into()));
            }
        }
    }
    if let Some(content) = m.get_mut("content").and_then(Value::as_object_mut) {
        redact_string(content.get_mut("text"), |s| {
            redact::redact_jwts(s).into_owned()
        });
    }
}

fn redact_string(v: Option<&mut Value>, f: impl FnOnce(&str) -> String) {
    if let Some(v) = v {
        if let Some(s) = v.as_str() {
            let new = f(s);
            *v = Value::String(new);
        }
    }
}

/// "429 Too Many Requests", "(blocked: net::ERR_FAILED)", "(pending)".
pub fn status_text(e: &Value) -> String {
    let status = e
        .pointer("/response/status")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    if status > 0 {
        return status.to_string();
    }
    match e.pointer("/response/_error").and_then(Value::as_str) {
        Some(err) if !err.is_empty() => format!("(failed) {err}"),
        _ => "(failed)".to_string(),
    }
}

/// The status the replay got for the actual request (or the preflight), if a replay ran.
pub fn replay_status(e: &Value) -> Option<String> {
    let r = e.pointer("/_whycors/replay")?;
    let pick = |k: &str| {
        r.get(k)
            .and_then(|x| x.get("status"))
            .and_then(Value::as_u64)
    };
    match (pick("preflight"), pick("response")) {
        (_, Some(s)) => Some(s.to_string()),
        (Some(p), None) => Some(format!("{p} (preflight)")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: u64, method: &str, url: &str, headers: Value, status: u64) -> Value {
        json!({
            "_whycorsId": id,
            "_whycorsPage": "http://app.localhost:8000/",
            "_resourceType": if method == "OPTIONS" { "preflight" } else { "fetch" },
            "startedDateTime": format!("2026-11-21T10:00:0{id}.000Z"),
            "time": 1.0,
            "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1", "headers": headers,
                        "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
            "response": {"status": status, "statusText": "", "httpVersion": "HTTP/1.1", "headers": [],
                         "cookies": [], "content": {"size": 0, "mimeType": ""}, "redirectURL": "",
                         "headersSize": -1, "bodySize": -1, "_error": if status == 0 { "net::ERR_FAILED" } else { "" }},
            "timings": {"send": 0, "wait": 0, "receive": 0}
        })
    }

    fn put_with_preflight() -> Vec<Value> {
        let url = "http://api.localhost:9000/mode/x";
        vec![
            entry(
                1,
                "OPTIONS",
                url,
                json!([
                    {"name": "Origin", "value": "http://app.localhost:8000"},
                    {"name": "Access-Control-Request-Method", "value": "PUT"},
                    {"name": "Access-Control-Request-Headers", "value": "authorization,x-trace"}
                ]),
                200,
            ),
            entry(
                2,
                "PUT",
                url,
                json!([
                    {"name": "Origin", "value": "http://app.localhost:8000"},
                    {"name": "X-Trace", "value": "1"},
                    {"name": "Authorization", "value": "Bearer s3cret-token"}
                ]),
                0,
            ),
        ]
    }

    #[test]
    fn pairs_and_plans_a_preflighted_put() {
        let entries = put_with_preflight();
        let rows = analyse(&entries).unwrap();
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.id, 2);
        assert_eq!(row.preflight_idx, Some(0));
        let p = plan(row, &entries, false).unwrap();
        assert_eq!(p.origin, "http://app.localhost:8000");
        assert!(!p.actual, "a PUT is not sent without asking");
        let pf = p.preflight.unwrap();
        assert_eq!(pf.acrm, "PUT");
        assert_eq!(pf.acrh.as_deref(), Some("authorization,x-trace"));
        assert!(plan(row, &entries, true).unwrap().actual);
    }

    #[test]
    fn computes_the_preflight_when_none_was_captured() {
        let url = "http://api.localhost:9000/a";
        let entries = vec![entry(
            7,
            "GET",
            url,
            json!([
                {"name": "Origin", "value": "http://app.localhost:8000"},
                {"name": "X-Zeta", "value": "1"},
                {"name": "Authorization", "value": "Bearer t"}
            ]),
            0,
        )];
        let rows = analyse(&entries).unwrap();
        assert!(!plan(&rows[0], &entries, false).unwrap().actual);
        let p = plan(&rows[0], &entries, true).unwrap();
        assert!(p.actual);
        let pf = p.preflight.unwrap();
        assert_eq!(pf.acrm, "GET");
        assert_eq!(pf.acrh.as_deref(), Some("authorization,x-zeta"));
    }

    #[test]
    fn export_redacts_by_default() {
        let entries = put_with_preflight();
        let rows = analyse(&entries).unwrap();
        let refs: Vec<&Row> = rows.iter().collect();
        let har = export(&entries, &refs, false);
        assert!(!har.contains("s3cret-token"), "{har}");
        assert!(har.contains("Bearer <redacted>"));
        assert!(!har.contains("_whycorsId"));
        let v: Value = serde_json::from_str(&har).unwrap();
        assert_eq!(v["log"]["entries"].as_array().unwrap().len(), 2);
        let kept = export(&entries, &refs, true);
        assert!(kept.contains("s3cret-token"));
        // The export reads back as the same diagnosis.
        assert_eq!(
            whycors::diagnose(&har, &whycors::Options::default())
                .unwrap()
                .findings
                .len(),
            1
        );
    }

    #[test]
    fn replay_result_changes_the_diagnosis() {
        let mut entries = vec![entry(
            3,
            "GET",
            "http://api.localhost:9000/mode/rest-waf",
            json!([{"name": "Origin", "value": "http://app.localhost:8000"}]),
            0,
        )];
        entries[0]["_whycors"] = json!({"replay": {"response": {"status": 403, "statusText": "Forbidden",
            "headers": [{"name": "x-amzn-ErrorType", "value": "ForbiddenException"},
                        {"name": "x-amz-apigw-id", "value": "abc="},
                        {"name": "x-amzn-RequestId", "value": "1"},
                        {"name": "Content-Type", "value": "application/json"}],
            "content": {"size": 24, "mimeType": "application/json", "text": "{\"message\":\"Forbidden\"}"}}}});
        let rows = analyse(&entries).unwrap();
        assert_eq!(rows[0].finding.cause.status, Some(403));
        assert!(rows[0].finding.cause.gateway.is_some());
        assert_eq!(replay_status(&entries[0]).as_deref(), Some("403"));
    }
}
