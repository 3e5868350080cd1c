//! One pass over a response: which fingerprinting headers it carries, the host
//! it came from, and cheap, allocation-free helpers to look into its body.

use crate::exchange::{trim_http_whitespace, Header, Response};
use serde_json::Value;
use std::cell::OnceCell;

/// Bodies are looked into only this far: gateway error pages are small.
const BODY_LIMIT: usize = 16 * 1024;

/// What a JSON body's `message` key (any case) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Msg<'a> {
    /// No body, not JSON, or no such key.
    Absent,
    /// `"message": null`.
    Null,
    Text(&'a str),
}

impl<'a> Msg<'a> {
    pub(crate) fn text(self) -> Option<&'a str> {
        match self {
            Msg::Text(t) => Some(t),
            _ => None,
        }
    }

    /// Does the message start with `prefix` (ASCII case-insensitive)?
    pub(crate) fn starts(self, prefix: &str) -> bool {
        self.text()
            .is_some_and(|t| ci_starts_with(t.trim(), prefix))
    }

    /// Does the message contain `needle` (ASCII case-insensitive)?
    pub(crate) fn has(self, needle: &str) -> bool {
        self.text().is_some_and(|t| ci_contains(t, needle))
    }

    /// Is the message exactly `s` (ASCII case-insensitive, trimmed)?
    pub(crate) fn is(self, s: &str) -> bool {
        self.text()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case(s))
    }
}

/// The fingerprinting headers of one response, found in one pass.
#[derive(Default)]
pub(crate) struct Signals<'a> {
    pub status: u16,
    pub host: &'a str,
    /// The body's first [`BODY_LIMIT`] bytes, trimmed; `None` when absent or blank.
    pub body: Option<&'a str>,
    json: OnceCell<Option<Value>>,

    pub acao: bool,
    pub server: Option<&'a Header>,
    pub content_length: Option<&'a Header>,
    pub content_type: Option<&'a Header>,
    pub retry_after: Option<&'a Header>,
    pub www_authenticate: Option<&'a Header>,

    // AWS API Gateway
    pub error_type: Option<&'a Header>,
    pub amzn_request_id: Option<&'a Header>,
    pub apigw_id: Option<&'a Header>,
    pub apigw_requestid: Option<&'a Header>,
    pub remapped: Option<&'a Header>,
    // CloudFront
    pub cf_id: Option<&'a Header>,
    pub cf_pop: Option<&'a Header>,
    pub via_cloudfront: Option<&'a Header>,
    pub x_cache: Option<&'a Header>,
    // AWS WAF, ALB
    pub waf_action: Option<&'a Header>,
    pub waf_cookie: Option<&'a Header>,
    pub alb_cookie: Option<&'a Header>,
    // Cloudflare
    pub cf_ray: Option<&'a Header>,
    /// `Expires: Thu, 01 Jan 1970 00:00:01 GMT`, as on Cloudflare's own block pages.
    pub expires_epoch: Option<&'a Header>,
    pub cf_cache_status: Option<&'a Header>,
    pub cf_mitigated: Option<&'a Header>,
    pub cf_cookie: Option<&'a Header>,
    // Azure
    pub azure_ref: Option<&'a Header>,
    pub apim_header: Option<&'a Header>,
    // Google
    pub via_google: Option<&'a Header>,
    pub cloud_trace: Option<&'a Header>,
    // Kong
    pub via_kong: Option<&'a Header>,
    pub kong_header: Option<&'a Header>,
    pub kong_response_latency: Option<&'a Header>,
    pub kong_upstream_latency: Option<&'a Header>,
    pub ratelimit: Option<&'a Header>,
    // Envoy
    pub envoy_upstream_time: Option<&'a Header>,
    pub envoy_header: Option<&'a Header>,
    pub envoy_ratelimited: Option<&'a Header>,
    // Traefik
    pub traefik: Option<&'a Header>,
    // Akamai
    pub akamai: Option<&'a Header>,
    // Fastly
    pub fastly_id: Option<&'a Header>,
    pub served_by: Option<&'a Header>,
    pub fastly_other: Option<&'a Header>,
    // Vercel
    pub vercel_id: Option<&'a Header>,
    pub vercel_error: Option<&'a Header>,
    pub vercel_other: Option<&'a Header>,
    /// `Set-Cookie: _vercel_sso_nonce=…`: Vercel's Deployment Protection sign-in.
    pub vercel_sso: Option<&'a Header>,
    // Netlify
    pub nf_request_id: Option<&'a Header>,
    // Heroku
    pub via_heroku: Option<&'a Header>,
    pub heroku_nel: Option<&'a Header>,
    // Spring's CORS processor: Vary lists Origin, Access-Control-Request-Method and
    // Access-Control-Request-Headers (bits 1, 2, 4), set before it accepts or rejects.
    pub vary_cors: u8,
    pub vary_acrm: Option<&'a Header>,
    // Starlette's preflight headers: Allow-Methods, and Allow-Headers that start with its
    // sorted safelist.
    pub acam: Option<&'a Header>,
    pub starlette_acah: Option<&'a Header>,
    // Express: X-Powered-By, and finalhandler's `Content-Security-Policy: default-src 'none'`
    // on its own error pages.
    pub powered_by_express: Option<&'a Header>,
    pub csp_none: Option<&'a Header>,
    // Laravel: its XSRF-TOKEN or `…_session` cookie.
    pub laravel_cookie: Option<&'a Header>,
    /// `X-Application-Context` (Spring Boot 1.x adds it to every response).
    pub spring_context: Option<&'a Header>,
    // Object storage: S3's x-amz-request-id and x-amz-id-2; Azure Storage's x-ms-request-id
    // and x-ms-error-code; Google Cloud Storage's x-guploader-uploadid and x-goog-* object
    // headers.
    pub amz_request_id: Option<&'a Header>,
    pub amz_id_2: Option<&'a Header>,
    pub ms_request_id: Option<&'a Header>,
    pub ms_error_code: Option<&'a Header>,
    pub guploader: Option<&'a Header>,
    pub goog_storage: Option<&'a Header>,
}

fn set<'a>(slot: &mut Option<&'a Header>, h: &'a Header) {
    if slot.is_none() {
        *slot = Some(h);
    }
}

impl<'a> Signals<'a> {
    pub(crate) fn new(response: &'a Response, url: &'a str) -> Self {
        let mut s = Signals {
            status: response.status,
            host: host_of(url),
            body: response.body.as_deref().and_then(body_prefix),
            ..Signals::default()
        };
        for h in response.headers.iter() {
            s.scan(h);
        }
        s
    }

    fn scan(&mut self, h: &'a Header) {
        let name = h.name.as_str();
        let value = h.value.as_str();
        let n = name.len();
        if n == 28 && name.eq_ignore_ascii_case("access-control-allow-methods") {
            set(&mut self.acam, h);
        }
        if n == 28
            && name.eq_ignore_ascii_case("access-control-allow-headers")
            && value.starts_with("Accept, Accept-Language, Content-Language, Content-Type")
        {
            set(&mut self.starlette_acah, h);
        }
        if n == 12 && name.eq_ignore_ascii_case("x-powered-by") {
            if ci_starts_with(trim_http_whitespace(value), "express") {
                set(&mut self.powered_by_express, h);
            }
            return;
        }
        if n == 23
            && name.eq_ignore_ascii_case("content-security-policy")
            && trim_http_whitespace(value) == "default-src 'none'"
        {
            set(&mut self.csp_none, h);
            return;
        }
        if n == 4 && name.eq_ignore_ascii_case("vary") {
            for v in value.split(',').map(str::trim) {
                if v.eq_ignore_ascii_case("origin") {
                    self.vary_cors |= 1;
                } else if v.eq_ignore_ascii_case("access-control-request-method") {
                    self.vary_cors |= 2;
                    set(&mut self.vary_acrm, h);
                } else if v.eq_ignore_ascii_case("access-control-request-headers") {
                    self.vary_cors |= 4;
                }
            }
            return;
        }
        // Dispatch on length first: most header names fail here at once.
        match n {
            3 if name.eq_ignore_ascii_case("via") => {
                if ci_contains(value, "cloudfront") {
                    set(&mut self.via_cloudfront, h);
                }
                if ci_contains(value, "google") {
                    set(&mut self.via_google, h);
                }
                if ci_contains(value, "kong/") {
                    set(&mut self.via_kong, h);
                }
                if ci_contains(value, "vegur") || ci_contains(value, "heroku-router") {
                    set(&mut self.via_heroku, h);
                }
                return;
            }
            3 if name.eq_ignore_ascii_case("nel") => {
                if ci_contains(value, "heroku") {
                    set(&mut self.heroku_nel, h);
                }
                return;
            }
            6 if name.eq_ignore_ascii_case("server") => {
                set(&mut self.server, h);
                return;
            }
            6 if name.eq_ignore_ascii_case("cf-ray") => {
                set(&mut self.cf_ray, h);
                return;
            }
            _ => {}
        }
        if n < 6 {
            return;
        }
        let lower_starts = |p: &str| ci_starts_with(name, p);
        if name.eq_ignore_ascii_case("access-control-allow-origin") {
            self.acao = true;
        } else if name.eq_ignore_ascii_case("content-length") {
            set(&mut self.content_length, h);
        } else if name.eq_ignore_ascii_case("content-type") {
            set(&mut self.content_type, h);
        } else if name.eq_ignore_ascii_case("expires") {
            if value.trim() == "Thu, 01 Jan 1970 00:00:01 GMT" {
                set(&mut self.expires_epoch, h);
            }
        } else if name.eq_ignore_ascii_case("retry-after") {
            set(&mut self.retry_after, h);
        } else if name.eq_ignore_ascii_case("www-authenticate") {
            set(&mut self.www_authenticate, h);
        } else if name.eq_ignore_ascii_case("set-cookie") {
            let v = value.trim_start();
            if ci_starts_with(v, "awsalb") {
                set(&mut self.alb_cookie, h);
            } else if ci_starts_with(v, "aws-waf-token") {
                set(&mut self.waf_cookie, h);
            } else if ci_starts_with(v, "__cf_bm") || ci_starts_with(v, "cf_clearance") {
                set(&mut self.cf_cookie, h);
            } else if ci_starts_with(v, "_vercel_sso_nonce") || ci_starts_with(v, "_vercel_jwt") {
                set(&mut self.vercel_sso, h);
            } else if ci_starts_with(v, "_traefik") {
                set(&mut self.traefik, h);
            } else if ci_starts_with(v, "xsrf-token=") || ci_contains(v, "_session=") {
                set(&mut self.laravel_cookie, h);
            }
        } else if name.eq_ignore_ascii_case("x-cache") {
            set(&mut self.x_cache, h);
        } else if name.eq_ignore_ascii_case("x-application-context") {
            set(&mut self.spring_context, h);
        } else if name.eq_ignore_ascii_case("report-to") {
            if ci_contains(value, "heroku") {
                set(&mut self.heroku_nel, h);
            }
        } else if lower_starts("x-amz") {
            if name.eq_ignore_ascii_case("x-amzn-errortype") {
                set(&mut self.error_type, h);
            } else if name.eq_ignore_ascii_case("x-amzn-requestid") {
                set(&mut self.amzn_request_id, h);
            } else if name.eq_ignore_ascii_case("x-amz-apigw-id") {
                set(&mut self.apigw_id, h);
            } else if name.eq_ignore_ascii_case("x-amz-cf-id") {
                set(&mut self.cf_id, h);
            } else if name.eq_ignore_ascii_case("x-amz-cf-pop") {
                set(&mut self.cf_pop, h);
            } else if name.eq_ignore_ascii_case("x-amzn-waf-action") {
                set(&mut self.waf_action, h);
            } else if lower_starts("x-amzn-remapped-") {
                set(&mut self.remapped, h);
            } else if name.eq_ignore_ascii_case("x-amz-request-id") {
                set(&mut self.amz_request_id, h);
            } else if name.eq_ignore_ascii_case("x-amz-id-2") {
                set(&mut self.amz_id_2, h);
            }
        } else if name.eq_ignore_ascii_case("apigw-requestid") {
            set(&mut self.apigw_requestid, h);
        } else if lower_starts("cf-") {
            if name.eq_ignore_ascii_case("cf-cache-status") {
                set(&mut self.cf_cache_status, h);
            } else if name.eq_ignore_ascii_case("cf-mitigated") {
                set(&mut self.cf_mitigated, h);
            }
        } else if lower_starts("x-ms-") {
            if name.eq_ignore_ascii_case("x-ms-request-id") {
                set(&mut self.ms_request_id, h);
            } else if name.eq_ignore_ascii_case("x-ms-error-code") {
                set(&mut self.ms_error_code, h);
            }
        } else if name.eq_ignore_ascii_case("x-guploader-uploadid") {
            set(&mut self.guploader, h);
        } else if lower_starts("x-goog-") {
            if [
                "x-goog-generation",
                "x-goog-metageneration",
                "x-goog-stored-content-length",
                "x-goog-stored-content-encoding",
                "x-goog-hash",
                "x-goog-storage-class",
            ]
            .iter()
            .any(|n| name.eq_ignore_ascii_case(n))
            {
                set(&mut self.goog_storage, h);
            }
        } else if lower_starts("x-azure-ref") {
            set(&mut self.azure_ref, h);
        } else if lower_starts("ocp-apim-") {
            set(&mut self.apim_header, h);
        } else if name.eq_ignore_ascii_case("x-cloud-trace-context") {
            set(&mut self.cloud_trace, h);
        } else if lower_starts("x-kong-") {
            if name.eq_ignore_ascii_case("x-kong-response-latency") {
                set(&mut self.kong_response_latency, h);
            } else if name.eq_ignore_ascii_case("x-kong-upstream-latency") {
                set(&mut self.kong_upstream_latency, h);
            }
            set(&mut self.kong_header, h);
        } else if lower_starts("x-ratelimit-") || lower_starts("ratelimit-") {
            set(&mut self.ratelimit, h);
        } else if lower_starts("x-envoy-") {
            if name.eq_ignore_ascii_case("x-envoy-upstream-service-time") {
                set(&mut self.envoy_upstream_time, h);
            } else if name.eq_ignore_ascii_case("x-envoy-ratelimited") {
                set(&mut self.envoy_ratelimited, h);
            }
            set(&mut self.envoy_header, h);
        } else if lower_starts("akamai-") || lower_starts("x-akamai-") {
            set(&mut self.akamai, h);
        } else if name.eq_ignore_ascii_case("x-fastly-request-id") {
            set(&mut self.fastly_id, h);
        } else if name.eq_ignore_ascii_case("x-served-by") {
            if ci_starts_with(value.trim_start(), "cache-") {
                set(&mut self.served_by, h);
            }
        } else if lower_starts("fastly-") {
            set(&mut self.fastly_other, h);
        } else if lower_starts("x-vercel-") {
            if name.eq_ignore_ascii_case("x-vercel-id") {
                set(&mut self.vercel_id, h);
            } else if name.eq_ignore_ascii_case("x-vercel-error") {
                set(&mut self.vercel_error, h);
            } else {
                set(&mut self.vercel_other, h);
            }
        } else if name.eq_ignore_ascii_case("x-nf-request-id") {
            set(&mut self.nf_request_id, h);
        } else if ci_contains(name, "traefik") {
            set(&mut self.traefik, h);
        }
    }

    // ---- host ----

    /// Does the host end with `suffix` (which starts with a dot)?
    pub(crate) fn host_ends(&self, suffix: &str) -> bool {
        ci_ends_with(self.host, suffix)
    }

    pub(crate) fn host_is_execute_api(&self) -> bool {
        self.host_ends(".amazonaws.com") && ci_contains(self.host, ".execute-api.")
    }

    pub(crate) fn host_is_lambda_url(&self) -> bool {
        self.host_ends(".on.aws") && ci_contains(self.host, ".lambda-url.")
    }

    /// A host of an AWS service other than API Gateway (AppSync, Cognito,
    /// Lambda function URLs …): its x-amzn-ErrorType is not API Gateway's.
    pub(crate) fn host_is_other_aws_service(&self) -> bool {
        self.host_is_lambda_url()
            || (self.host_ends(".amazonaws.com") && !self.host_is_execute_api())
    }

    pub(crate) fn host_evidence(&self, pattern: &str) -> String {
        format!("host {} ({})", self.host, pattern)
    }

    // ---- headers ----

    pub(crate) fn server_starts(&self, prefix: &str) -> bool {
        self.server
            .is_some_and(|h| ci_starts_with(trim_http_whitespace(&h.value), prefix))
    }

    pub(crate) fn server_has(&self, needle: &str) -> bool {
        self.server.is_some_and(|h| ci_contains(&h.value, needle))
    }

    pub(crate) fn x_cache_has(&self, needle: &str) -> bool {
        self.x_cache.is_some_and(|h| ci_contains(&h.value, needle))
    }

    /// The Content-Length value, when it parses.
    pub(crate) fn content_length(&self) -> Option<usize> {
        self.content_length
            .and_then(|h| trim_http_whitespace(&h.value).parse().ok())
    }

    // ---- body ----

    pub(crate) fn body_has(&self, needle: &str) -> bool {
        self.body.is_some_and(|b| ci_contains(b, needle))
    }

    /// The body parsed as a JSON object, parsed at most once.
    pub(crate) fn json(&self) -> Option<&Value> {
        self.json
            .get_or_init(|| {
                let b = self.body?;
                if !b.starts_with('{') {
                    return None;
                }
                serde_json::from_str::<Value>(b)
                    .ok()
                    .filter(|v| v.is_object())
            })
            .as_ref()
    }

    /// The value of the JSON body's key `key`, matched ASCII case-insensitively.
    pub(crate) fn json_key(&self, key: &str) -> Option<&Value> {
        let obj = self.json()?.as_object()?;
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    }

    /// The JSON body's `message` (any case).
    pub(crate) fn message(&self) -> Msg<'_> {
        match self.json_key("message") {
            Some(Value::String(s)) => Msg::Text(s),
            Some(Value::Null) => Msg::Null,
            _ => Msg::Absent,
        }
    }

    /// A JSON number field as an integer.
    pub(crate) fn json_u64(&self, key: &str) -> Option<u64> {
        match self.json_key(key)? {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// `body: <first 160 characters>` for the evidence list.
    pub(crate) fn body_evidence(&self) -> Option<String> {
        let b = self.body?;
        let mut out = String::from("body: ");
        let mut last_space = false;
        for (taken, c) in b.chars().enumerate() {
            if taken >= 160 {
                out.push('…');
                break;
            }
            // Collapse runs of whitespace so HTML pages read on one line.
            if c.is_whitespace() {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
            } else {
                out.push(c);
                last_space = false;
            }
        }
        Some(out)
    }
}

/// `name: value` for the evidence list, values cut at 120 characters.
pub(crate) fn ev(h: &Header) -> String {
    let v = trim_http_whitespace(&h.value);
    let mut out = String::with_capacity(h.name.len() + 2 + v.len().min(124));
    out.push_str(&h.name);
    out.push_str(": ");
    for (i, c) in v.chars().enumerate() {
        if i >= 120 {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}

/// `body contains "marker"` for the evidence list.
pub(crate) fn ev_body(marker: &str) -> String {
    format!("body contains \"{marker}\"")
}

/// The host of a URL, without userinfo and port; "" when there is none.
pub(crate) fn host_of(url: &str) -> &str {
    let url = url.trim();
    let rest = match url.find("://") {
        Some(i) => url.get(i + 3..).unwrap_or(""),
        None if url.starts_with("//") => url.get(2..).unwrap_or(""),
        None => url,
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or("");
    let host_port = match authority.rfind('@') {
        Some(i) => authority.get(i + 1..).unwrap_or(""),
        None => authority,
    };
    if host_port.starts_with('[') {
        // IPv6 literal: never a gateway host name.
        return "";
    }
    let host = match host_port.find(':') {
        Some(i) => host_port.get(..i).unwrap_or(""),
        None => host_port,
    };
    host.trim_end_matches('.')
}

fn body_prefix(body: &str) -> Option<&str> {
    let mut end = body.len().min(BODY_LIMIT);
    while end > 0 && !body.is_char_boundary(end) {
        end -= 1;
    }
    let b = body.get(..end)?.trim();
    if b.is_empty() {
        None
    } else {
        Some(b)
    }
}

/// ASCII case-insensitive substring test, without allocating.
pub(crate) fn ci_contains(hay: &str, needle: &str) -> bool {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() {
        return true;
    }
    if n.len() > h.len() {
        return false;
    }
    h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

pub(crate) fn ci_starts_with(hay: &str, prefix: &str) -> bool {
    hay.as_bytes()
        .get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
}

pub(crate) fn ci_ends_with(hay: &str, suffix: &str) -> bool {
    let h = hay.as_bytes();
    h.len() >= suffix.len()
        && h.get(h.len() - suffix.len()..)
            .is_some_and(|s| s.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// The run of ASCII digits right after the first `marker` in `hay` (ASCII
/// case-insensitive), skipping spaces and `#`.
pub(crate) fn digits_after<'h>(hay: &'h str, marker: &str) -> Option<&'h str> {
    let h = hay.as_bytes();
    let m = marker.as_bytes();
    if m.is_empty() || m.len() > h.len() {
        return None;
    }
    let pos = h.windows(m.len()).position(|w| w.eq_ignore_ascii_case(m))?;
    let mut start = pos + m.len();
    while h.get(start).is_some_and(|b| *b == b' ' || *b == b'#') {
        start += 1;
    }
    let mut end = start;
    while h.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    if end == start {
        None
    } else {
        hay.get(start..end)
    }
}

/// The part of an x-amzn-ErrorType value before any `:` (some AWS services
/// append a namespace URL).
pub(crate) fn error_type_base(v: &str) -> &str {
    let v = trim_http_whitespace(v);
    match v.find(':') {
        Some(i) => v.get(..i).unwrap_or(v),
        None => v,
    }
}
