//! The lab over real sockets: every mode (preflight and actual), /custom,
//! echo, loopback-only binding and the binary's JSON line.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use whycors_cli::lab::{self, modes::MODES, LabHandle, LabOptions};

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn parse_reply(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("response has a head");
    let head = String::from_utf8(raw[..split].to_vec()).expect("utf-8 head");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let mut parts = status_line.splitn(3, ' ');
    assert_eq!(parts.next(), Some("HTTP/1.1"), "{status_line}");
    let status = parts
        .next()
        .expect("status")
        .parse()
        .expect("numeric status");
    let headers = lines
        .map(|l| {
            let (n, v) = l.split_once(": ").expect("header line");
            (n.to_string(), v.to_string())
        })
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

/// One request on a fresh connection (`Connection: close`), read to EOF.
fn send(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut req = format!(
        "{method} {target} HTTP/1.1\r\nHost: api.localhost:{}\r\n",
        addr.port()
    );
    for (n, v) in headers {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    if !body.is_empty() {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("Connection: close\r\n\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read reply");
    parse_reply(&raw)
}

fn lab() -> LabHandle {
    lab::start(LabOptions::default()).expect("lab starts on free ports")
}

const APP: &str = "http://app.localhost:5173";

fn preflight(h: &LabHandle, path: &str, method: &str, acrh: Option<&str>) -> Reply {
    let mut headers = vec![("Origin", APP), ("Access-Control-Request-Method", method)];
    if let Some(a) = acrh {
        headers.push(("Access-Control-Request-Headers", a));
    }
    send(h.api_addr, "OPTIONS", path, &headers, b"")
}

/// The demo request of a mode, as the page sends it.
fn actual(h: &LabHandle, slug: &str) -> Reply {
    let m = MODES.iter().find(|m| m.slug == slug).expect("mode");
    let path = if m.query.is_empty() {
        format!("/mode/{slug}")
    } else {
        format!("/mode/{slug}?{}", m.query)
    };
    let mut headers: Vec<(&str, &str)> = vec![("Origin", APP)];
    headers.extend_from_slice(m.headers);
    let body = m
        .body
        .map(|b| b.text.repeat(b.repeat).into_bytes())
        .unwrap_or_default();
    send(h.api_addr, m.method, &path, &headers, &body)
}

/// Preflight of a mode's demo request (names as Chromium sends them).
fn mode_preflight(h: &LabHandle, slug: &str) -> Reply {
    let m = MODES.iter().find(|m| m.slug == slug).expect("mode");
    let mut names: Vec<String> = m
        .headers
        .iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .filter(|n| n != "content-type" || m.headers.iter().any(|(_, v)| v.contains("json")))
        .collect();
    names.sort();
    let acrh = names.join(",");
    preflight(
        h,
        &format!("/mode/{slug}"),
        m.method,
        (!acrh.is_empty()).then_some(acrh.as_str()),
    )
}

struct Case {
    slug: &'static str,
    pre_status: u16,
    /// Allow-Origin on the preflight.
    pre_acao: Option<&'static str>,
    status: u16,
    /// Allow-Origin on the actual response.
    acao: Option<&'static str>,
    /// Headers that must be on the actual response (name, value or "" for any).
    has: &'static [(&'static str, &'static str)],
    /// Text the actual body contains.
    body: &'static str,
}

const REFLECT: Option<&str> = Some(APP);

const CASES: &[Case] = &[
    Case {
        slug: "rest-no-options",
        pre_status: 403,
        pre_acao: None,
        status: 200,
        acao: REFLECT,
        has: &[("x-amzn-RequestId", ""), ("x-amz-apigw-id", "")],
        body: "\"ok\":true",
    },
    Case {
        slug: "rest-throttled",
        pre_status: 200,
        pre_acao: REFLECT,
        status: 429,
        acao: None,
        has: &[
            ("x-amzn-ErrorType", "TooManyRequestsException"),
            ("x-amz-apigw-id", ""),
        ],
        body: "Too Many Requests",
    },
    Case {
        slug: "rest-quota",
        pre_status: 200,
        pre_acao: REFLECT,
        status: 429,
        acao: None,
        has: &[("x-amzn-ErrorType", "LimitExceededException")],
        body: "{\"message\":\"Limit Exceeded\"}",
    },
    Case {
        slug: "rest-waf",
        pre_status: 403,
        pre_acao: None,
        status: 403,
        acao: None,
        has: &[("x-amzn-ErrorType", "ForbiddenException")],
        body: "{\"message\":\"Forbidden\"}",
    },
    Case {
        slug: "rest-access-denied",
        pre_status: 200,
        pre_acao: REFLECT,
        status: 403,
        acao: None,
        has: &[("x-amzn-ErrorType", "AccessDeniedException")],
        body: "explicit deny",
    },
    Case {
        slug: "rest-authorizer-options",
        pre_status: 401,
        pre_acao: None,
        status: 200,
        acao: REFLECT,
        has: &[("x-amzn-RequestId", "")],
        body: "\"ok\":true",
    },
    Case {
        slug: "lambda-no-cors",
        pre_status: 200,
        pre_acao: REFLECT,
        status: 200,
        acao: None,
        has: &[("x-amzn-RequestId", ""), ("X-Amzn-Trace-Id", "")],
        body: "\"ok\":true",
    },
    Case {
        slug: "lambda-502",
        pre_status: 200,
        pre_acao: REFLECT,
        status: 502,
        acao: None,
        has: &[("x-amzn-ErrorType", "InternalServerErrorException")],
        body: "{\"message\": \"Internal server error\"}",
    },
    Case {
        slug: "rest-504",
        pre_status: 200,
        pre_acao: REFLECT,
        status: 504,
        acao: None,
        has: &[("x-amzn-RequestId", "")],
        body: "{\"message\": \"Endpoint request timed out\"}",
    },
    Case {
        slug: "http-default-route",
        pre_status: 401,
        pre_acao: None,
        status: 200,
        acao: REFLECT,
        has: &[("apigw-requestid", "")],
        body: "\"ok\":true",
    },
    Case {
        slug: "http-503",
        pre_status: 204,
        pre_acao: REFLECT,
        status: 503,
        acao: None,
        has: &[("apigw-requestid", "")],
        body: "{\"message\":\"Service Unavailable\"}",
    },
    Case {
        slug: "cloudfront-403",
        pre_status: 403,
        pre_acao: None,
        status: 403,
        acao: None,
        has: &[
            ("Server", "CloudFront"),
            ("X-Cache", "Error from cloudfront"),
            ("X-Amz-Cf-Id", ""),
            ("X-Amz-Cf-Pop", ""),
        ],
        body: "ERROR: The request could not be satisfied",
    },
    Case {
        slug: "cloudflare-1015",
        pre_status: 429,
        pre_acao: None,
        status: 429,
        acao: None,
        has: &[("Server", "cloudflare"), ("CF-RAY", "")],
        body: "1015",
    },
    Case {
        slug: "cloudflare-1020",
        pre_status: 403,
        pre_acao: None,
        status: 403,
        acao: None,
        has: &[("Server", "cloudflare"), ("CF-RAY", "")],
        body: "1020",
    },
    Case {
        slug: "nginx-413",
        pre_status: 204,
        pre_acao: REFLECT,
        status: 413,
        acao: None,
        has: &[("Server", "nginx")],
        body: "<hr><center>nginx</center>",
    },
    Case {
        slug: "kong-429",
        pre_status: 200,
        pre_acao: REFLECT,
        status: 429,
        acao: None,
        has: &[
            ("Server", "kong/3.6.1"),
            ("X-RateLimit-Remaining-Minute", "0"),
            ("RateLimit-Limit", "5"),
        ],
        body: "API rate limit exceeded",
    },
    Case {
        slug: "preflight-redirect",
        pre_status: 301,
        pre_acao: None,
        status: 200,
        acao: REFLECT,
        has: &[("Vary", "Origin")],
        body: "\"ok\":true",
    },
    Case {
        slug: "login-redirect",
        pre_status: 204,
        pre_acao: REFLECT,
        status: 302,
        acao: REFLECT,
        has: &[("Location", "")],
        body: "login",
    },
    Case {
        slug: "redirect-preflight-missing",
        pre_status: 204,
        pre_acao: REFLECT,
        status: 307,
        acao: REFLECT,
        has: &[
            ("Location", "/mode/redirect-preflight-missing/v2"),
            ("Vary", "Origin"),
        ],
        body: "Moved",
    },
    Case {
        slug: "redirect-preflight-ok",
        pre_status: 204,
        pre_acao: REFLECT,
        status: 307,
        acao: REFLECT,
        has: &[
            ("Location", "/mode/redirect-preflight-ok/v2"),
            ("Vary", "Origin"),
        ],
        body: "Moved",
    },
    Case {
        slug: "redirect-preflight-null",
        pre_status: 204,
        pre_acao: REFLECT,
        status: 307,
        acao: REFLECT,
        has: &[("Location", ""), ("Vary", "Origin")],
        body: "Moved",
    },
    Case {
        slug: "redirect-303-simple",
        pre_status: 204,
        pre_acao: REFLECT,
        status: 303,
        acao: REFLECT,
        has: &[
            ("Location", "/mode/redirect-303-simple/v2"),
            ("Vary", "Origin"),
        ],
        body: "Moved",
    },
    Case {
        slug: "origin-mismatch",
        pre_status: 204,
        pre_acao: Some("https://other.example"),
        status: 200,
        acao: Some("https://other.example"),
        has: &[],
        body: "\"ok\":true",
    },
    Case {
        slug: "wildcard-credentials",
        pre_status: 204,
        pre_acao: Some("*"),
        status: 200,
        acao: Some("*"),
        has: &[("Access-Control-Allow-Credentials", "true")],
        body: "\"ok\":true",
    },
    Case {
        slug: "authorization-wildcard",
        pre_status: 204,
        pre_acao: REFLECT,
        status: 200,
        acao: REFLECT,
        has: &[("Vary", "Origin")],
        body: "\"ok\":true",
    },
    Case {
        slug: "method-not-allowed",
        pre_status: 204,
        pre_acao: REFLECT,
        status: 405,
        acao: REFLECT,
        has: &[("Allow", "GET, HEAD, POST")],
        body: "\"ok\":false",
    },
    Case {
        slug: "etag-unexposed",
        pre_status: 204,
        pre_acao: REFLECT,
        status: 200,
        acao: REFLECT,
        has: &[("ETag", "\"lab-etag-7f3a9c\""), ("Vary", "Origin")],
        body: "\"ok\":true",
    },
    Case {
        slug: "spring-invalid-cors",
        pre_status: 403,
        pre_acao: None,
        status: 403,
        acao: None,
        has: &[("Vary", "Origin")],
        body: "Invalid CORS request",
    },
    Case {
        slug: "s3-cors-refused",
        pre_status: 403,
        pre_acao: None,
        status: 200,
        acao: None,
        has: &[("Server", "AmazonS3")],
        body: "",
    },
    Case {
        slug: "fastapi-disallowed-method",
        pre_status: 400,
        pre_acao: REFLECT,
        status: 200,
        acao: REFLECT,
        has: &[("Server", "uvicorn")],
        body: "\"ok\":true",
    },
    Case {
        slug: "iis-windows-auth",
        pre_status: 401,
        pre_acao: None,
        status: 401,
        acao: None,
        has: &[
            ("Server", "Microsoft-IIS/10.0"),
            ("WWW-Authenticate", "Negotiate"),
        ],
        body: "401 - Unauthorized",
    },
    Case {
        slug: "cloudflare-cached",
        pre_status: 200,
        pre_acao: None,
        status: 200,
        acao: None,
        has: &[("CF-Cache-Status", "HIT"), ("Vary", "Accept-Encoding")],
        body: "\"ok\":true",
    },
    Case {
        slug: "fastapi-500",
        pre_status: 200,
        pre_acao: REFLECT,
        status: 500,
        acao: None,
        has: &[("Server", "uvicorn"), ("Content-Length", "21")],
        body: "Internal Server Error",
    },
    Case {
        slug: "express-no-cors",
        pre_status: 404,
        pre_acao: None,
        status: 200,
        acao: None,
        has: &[("X-Powered-By", "Express")],
        body: "\"ok\":true",
    },
    Case {
        slug: "no-vary",
        pre_status: 204,
        pre_acao: REFLECT,
        status: 200,
        acao: REFLECT,
        has: &[("Cache-Control", "public, max-age=300")],
        body: "\"ok\":true",
    },
];

#[test]
fn every_mode_preflight_and_actual() {
    let h = lab();
    assert_eq!(
        CASES.len() + 1,
        MODES.len(),
        "every mode but control has a case"
    );
    for c in CASES {
        assert!(MODES.iter().any(|m| m.slug == c.slug), "{}", c.slug);
        let p = mode_preflight(&h, c.slug);
        assert_eq!(p.status, c.pre_status, "{} preflight status", c.slug);
        assert_eq!(
            p.get("access-control-allow-origin"),
            c.pre_acao,
            "{} preflight ACAO",
            c.slug
        );
        assert_eq!(
            p.get("x-lab-received-method"),
            Some("OPTIONS"),
            "{}",
            c.slug
        );
        let a = actual(&h, c.slug);
        assert_eq!(a.status, c.status, "{} status; body {}", c.slug, a.text());
        assert_eq!(
            a.get("access-control-allow-origin"),
            c.acao,
            "{} ACAO",
            c.slug
        );
        for (name, value) in c.has {
            let got = a.get(name);
            assert!(got.is_some(), "{}: missing {name}", c.slug);
            if !value.is_empty() {
                assert_eq!(got, Some(*value), "{}: {name}", c.slug);
            }
        }
        assert!(a.text().contains(c.body), "{}: body {:?}", c.slug, a.text());
        assert_eq!(a.get("x-lab-received-origin"), Some(APP), "{}", c.slug);
        // Gateway-generated errors never carry Expose-Headers or credentials by accident.
        if c.acao.is_none() {
            assert!(
                a.all("access-control-allow-credentials").is_empty(),
                "{}",
                c.slug
            );
        }
    }
}

#[test]
fn aws_fingerprints_are_exact() {
    let h = lab();
    let p = mode_preflight(&h, "rest-no-options");
    assert_eq!(
        p.get("x-amzn-ErrorType"),
        Some("MissingAuthenticationTokenException")
    );
    assert_eq!(p.text(), "{\"message\":\"Missing Authentication Token\"}");
    assert_eq!(p.get("content-type"), Some("application/json"));
    let rid = p.get("x-amzn-RequestId").expect("request id");
    assert_eq!(rid.len(), 36);
    assert_eq!(p.get("x-amz-apigw-id").map(str::len), Some(16));
    assert!(p.get("x-lab-received-acrm") == Some("POST"));
    assert_eq!(p.get("x-lab-received-acrh"), Some("content-type"));

    let p = mode_preflight(&h, "rest-authorizer-options");
    assert_eq!(p.get("x-amzn-ErrorType"), Some("UnauthorizedException"));
    assert_eq!(p.text(), "{\"message\":\"Unauthorized\"}");

    let p = mode_preflight(&h, "http-default-route");
    assert_eq!(p.text(), "{\"message\":\"Unauthorized\"}");
    assert_eq!(p.get("www-authenticate"), Some("Bearer"));
    assert!(p.get("apigw-requestid").is_some());
    assert!(
        p.get("x-amzn-ErrorType").is_none(),
        "HTTP APIs send no ErrorType"
    );

    let a = actual(&h, "rest-throttled");
    assert_eq!(a.text(), "{\"message\":\"Too Many Requests\"}");
    let a = actual(&h, "rest-waf");
    assert_eq!(a.get("x-amzn-ErrorType"), Some("ForbiddenException"));
    let a = actual(&h, "rest-504");
    assert_eq!(
        a.get("x-amzn-ErrorType"),
        Some("InternalServerErrorException")
    );

    // The Lambda's own response: request id, no error type, no CORS at all.
    let a = actual(&h, "lambda-no-cors");
    assert!(a.get("x-amzn-ErrorType").is_none());
    assert!(!a
        .headers
        .iter()
        .any(|(n, _)| n.to_ascii_lowercase().starts_with("access-control-")));

    // The mock preflight allows the demo headers.
    let p = mode_preflight(&h, "rest-quota");
    let allow = p.get("access-control-allow-headers").unwrap_or("");
    assert!(allow.to_ascii_lowercase().contains("x-api-key"), "{allow}");
    assert!(p
        .get("access-control-allow-methods")
        .unwrap_or("")
        .contains("POST"));
}

#[test]
fn redirect_modes() {
    let h = lab();
    let p = preflight(&h, "/mode/preflight-redirect", "POST", Some("content-type"));
    assert_eq!(p.status, 301);
    assert_eq!(p.get("location"), Some("/mode/preflight-redirect/"));
    // The redirect target itself answers the preflight properly.
    let p = preflight(
        &h,
        "/mode/preflight-redirect/",
        "POST",
        Some("content-type"),
    );
    assert_eq!(p.status, 204);
    assert_eq!(p.get("access-control-allow-origin"), Some(APP));
    assert_eq!(p.get("access-control-allow-headers"), Some("content-type"));

    let a = send(
        h.api_addr,
        "GET",
        "/mode/login-redirect?x=1",
        &[("Origin", APP)],
        b"",
    );
    assert_eq!(a.status, 302);
    let loc = a.get("location").expect("location");
    let expected = format!(
        "{}/login?next=http%3A%2F%2Fapi.localhost%3A{}%2Fmode%2Flogin-redirect%3Fx%3D1",
        h.app_url,
        h.api_addr.port()
    );
    assert_eq!(loc, expected);
    // The login page is on the app origin and has no CORS headers, also for Origin: null.
    let login = send(
        h.app_addr,
        "GET",
        &loc[h.app_url.len()..],
        &[("Origin", "null")],
        b"",
    );
    assert_eq!(login.status, 200);
    assert!(login.text().contains("Sign in"));
    assert!(login.get("access-control-allow-origin").is_none());
    // With a session, the API answers.
    let a = send(
        h.api_addr,
        "GET",
        "/mode/login-redirect",
        &[("Origin", APP), ("Cookie", "lab_session=1")],
        b"",
    );
    assert_eq!(a.status, 200);
}

#[test]
fn control_reflects_only_allowed_origins() {
    let h = lab();
    let app_origin = h.app_url.clone();
    let same_site = format!("http://app.example.localhost:{}", h.app_addr.port());
    for origin in [app_origin.as_str(), same_site.as_str()] {
        let p = send(
            h.api_addr,
            "OPTIONS",
            "/mode/control",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "PUT"),
                (
                    "Access-Control-Request-Headers",
                    "authorization,content-type",
                ),
            ],
            b"",
        );
        assert_eq!(p.status, 204);
        assert_eq!(p.get("access-control-allow-origin"), Some(origin));
        assert_eq!(p.get("access-control-allow-credentials"), Some("true"));
        assert!(p
            .get("access-control-allow-methods")
            .unwrap_or("")
            .contains("PUT"));
        assert!(p.get("vary").unwrap_or("").contains("Origin"));
        let a = send(
            h.api_addr,
            "PUT",
            "/mode/control",
            &[("Origin", origin), ("Authorization", "Bearer t")],
            b"{}",
        );
        assert_eq!(a.status, 200);
        assert_eq!(a.get("access-control-allow-origin"), Some(origin));
        assert_eq!(a.get("access-control-expose-headers"), Some("ETag"));
        assert_eq!(a.get("vary"), Some("Origin"));
        assert!(a.get("etag").is_some());
    }
    for bad in ["http://evil.example", "null", "http://app.localhost:1"] {
        let a = send(h.api_addr, "GET", "/mode/control", &[("Origin", bad)], b"");
        assert_eq!(a.status, 200);
        assert!(a.get("access-control-allow-origin").is_none(), "{bad}");
        assert_eq!(a.get("vary"), Some("Origin"));
    }
    // A small body on nginx-413 passes; only a large one gets the 413.
    let a = send(
        h.api_addr,
        "POST",
        "/mode/nginx-413",
        &[("Origin", APP)],
        b"small",
    );
    assert_eq!(a.status, 200);
    assert_eq!(a.get("access-control-allow-origin"), Some(APP));
}

#[test]
fn every_mode_answers_every_method() {
    let h = lab();
    for m in MODES {
        for method in [
            "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "patch",
        ] {
            let r = send(
                h.api_addr,
                method,
                &format!("/mode/{}", m.slug),
                &[("Origin", APP)],
                b"",
            );
            assert!((200..600).contains(&r.status), "{} {method}", m.slug);
            if m.slug == "express-no-cors" && method == "OPTIONS" {
                // The mode is Express's own 404 to a preflight.
                assert_eq!(r.status, 404);
                assert!(r.text().contains("Cannot OPTIONS /mode/express-no-cors"));
            } else {
                assert_ne!(r.status, 404, "{} {method}", m.slug);
            }
            assert_eq!(r.get("x-lab-received-method"), Some(method));
            if method == "HEAD" {
                assert!(r.body.is_empty(), "{} HEAD has no body", m.slug);
            }
        }
    }
    let r = send(h.api_addr, "GET", "/mode/no-such-mode", &[], b"");
    assert_eq!(r.status, 404);
    assert_eq!(r.get("x-lab-received-origin"), Some("(none)"));
}

#[test]
fn custom_endpoint() {
    let h = lab();
    let origin = "http://app.example.localhost:9000";
    let target = "/custom?p_status=204&p_h=Access-Control-Allow-Origin:%7Borigin%7D\
&p_h=Access-Control-Allow-Methods:PUT&p_h=Access-Control-Allow-Methods:PATCH\
&r_status=418&r_h=Access-Control-Allow-Origin:%7Borigin%7D&r_h=Access-Control-Allow-Origin:*\
&r_h=X-Thing:%20a%20b%20&r_body=hello+%7Borigin%7D";
    let p = send(
        h.api_addr,
        "OPTIONS",
        target,
        &[("Origin", origin), ("Access-Control-Request-Method", "PUT")],
        b"",
    );
    assert_eq!(p.status, 204);
    let names: Vec<&str> = p.headers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Access-Control-Allow-Origin",
            "Access-Control-Allow-Methods",
            "Access-Control-Allow-Methods",
            "X-Lab-Received-Origin",
            "X-Lab-Received-Method",
            "X-Lab-Received-Acrm",
            "X-Lab-Received-Acrh"
        ],
        "nothing else is added"
    );
    assert_eq!(p.get("access-control-allow-origin"), Some(origin));
    assert_eq!(p.all("access-control-allow-methods"), ["PUT", "PATCH"]);
    assert_eq!(p.get("x-lab-received-acrm"), Some("PUT"));
    assert_eq!(p.get("x-lab-received-acrh"), Some("(none)"));

    let a = send(h.api_addr, "PUT", target, &[("Origin", origin)], b"{}");
    assert_eq!(a.status, 418);
    assert_eq!(a.all("access-control-allow-origin"), [origin, "*"]);
    // Leading spaces after the colon are dropped; the rest is sent verbatim.
    assert_eq!(a.get("x-thing"), Some("a b "));
    assert_eq!(a.text(), format!("hello {origin}"));
    let names: Vec<String> = a
        .headers
        .iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .collect();
    assert_eq!(
        names,
        [
            "access-control-allow-origin",
            "access-control-allow-origin",
            "x-thing",
            "content-type",
            "x-lab-received-origin",
            "x-lab-received-method",
            "content-length"
        ]
    );

    // Redirects, defaults, and errors that name the parameter.
    let r = send(
        h.api_addr,
        "OPTIONS",
        "/custom/x?p_location=/custom/y",
        &[],
        b"",
    );
    assert_eq!(r.status, 302);
    assert_eq!(r.get("location"), Some("/custom/y"));
    let r = send(
        h.api_addr,
        "GET",
        "/custom?r_status=307&r_location=http://o/%7Borigin%7D",
        &[("Origin", "null")],
        b"",
    );
    assert_eq!((r.status, r.get("location")), (307, Some("http://o/null")));
    let r = send(h.api_addr, "GET", "/custom", &[], b"");
    assert_eq!(r.status, 200);
    assert!(r.get("access-control-allow-origin").is_none());
    let r = send(h.api_addr, "GET", "/custom?r_status=99", &[], b"");
    assert_eq!(r.status, 400);
    assert!(r.text().contains("r_status"), "{}", r.text());
    let r = send(h.api_addr, "GET", "/custom?r_h=NoColon", &[], b"");
    assert_eq!(r.status, 400);
    let r = send(
        h.api_addr,
        "GET",
        "/custom?r_h=X:a%0D%0AInjected:%201",
        &[],
        b"",
    );
    assert_eq!(r.status, 400);
    assert!(r.get("injected").is_none());
}

#[test]
fn echo_of_what_the_api_received() {
    let h = lab();
    send(
        h.api_addr,
        "OPTIONS",
        "/mode/control",
        &[
            ("Origin", "http://a.localhost:1"),
            ("Access-Control-Request-Method", "PUT"),
            ("Access-Control-Request-Headers", "authorization"),
        ],
        b"",
    );
    send(
        h.api_addr,
        "patch",
        "/custom?r_status=200",
        &[("X-Custom", "1")],
        b"abc",
    );
    let r = send(h.api_addr, "GET", "/echo/last", &[], b"");
    assert_eq!(r.status, 200);
    let v: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
    let list = v.as_array().expect("array");
    assert_eq!(list.len(), 2, "/echo/last does not record itself: {v}");
    assert_eq!(list[0]["method"], "OPTIONS");
    assert_eq!(list[0]["path"], "/mode/control");
    let hdrs = list[0]["headers"].as_array().expect("headers");
    assert!(hdrs
        .iter()
        .any(|p| p[0] == "Origin" && p[1] == "http://a.localhost:1"));
    assert!(hdrs
        .iter()
        .any(|p| p[0] == "Access-Control-Request-Headers" && p[1] == "authorization"));
    assert_eq!(list[1]["method"], "patch");
    assert_eq!(list[1]["path"], "/custom?r_status=200");
    assert_eq!(list[1]["body_length"], 3);

    for i in 0..60 {
        send(h.api_addr, "GET", &format!("/custom?n={i}"), &[], b"");
    }
    let r = send(h.api_addr, "GET", "/echo/last", &[], b"");
    let v: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
    let list = v.as_array().expect("array");
    assert_eq!(list.len(), lab::ECHO_KEEP);
    assert_eq!(list[0]["path"], "/custom?n=10");
    assert_eq!(list[49]["path"], "/custom?n=59");
}

#[test]
fn routing_ignores_the_host_name_and_keeps_alive() {
    let h = lab();
    // Host names of the same-site pair, and the "wrong" name on each listener.
    let mut s = TcpStream::connect(h.api_addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(b"GET /mode/etag-unexposed HTTP/1.1\r\nHost: app.example.localhost\r\nOrigin: http://x\r\n\r\n")
        .unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    let first = read_one(&mut r);
    assert_eq!(first.status, 200);
    assert_eq!(first.get("etag"), Some("\"lab-etag-7f3a9c\""));
    // Same connection, second request.
    s.write_all(b"OPTIONS /mode/rest-no-options HTTP/1.1\r\nHost: api.example.localhost\r\n\r\n")
        .unwrap();
    let second = read_one(&mut r);
    assert_eq!(second.status, 403);

    let page = send(h.app_addr, "GET", "/", &[("Host", "api.localhost")], b"");
    assert_eq!(page.status, 200);
    assert_eq!(page.get("content-type"), Some("text/html; charset=utf-8"));
    let html = page.text();
    for m in MODES {
        assert!(
            html.contains(&format!("data-mode=\"{}\"", m.slug)),
            "{}",
            m.slug
        );
        assert!(
            html.contains(&format!("data-result=\"{}\"", m.slug)),
            "{}",
            m.slug
        );
    }
    assert!(html.contains(&format!("content=\"{}\"", h.api_addr.port())));
    for asset in ["/page.js", "/page.css"] {
        let r = send(h.app_addr, "GET", asset, &[], b"");
        assert_eq!(r.status, 200, "{asset}");
        assert!(r.body.len() > 500, "{asset}");
    }
    // Malformed requests get 400, not a crash.
    let mut s = TcpStream::connect(h.api_addr).unwrap();
    s.write_all(b"BROKEN\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    assert_eq!(parse_reply(&raw).status, 400);
}

fn read_one(r: &mut BufReader<TcpStream>) -> Reply {
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        head.extend_from_slice(line.as_bytes());
        if line == "\r\n" {
            break;
        }
    }
    let mut reply = parse_reply(&[head, Vec::new()].concat());
    let n: usize = reply.get("content-length").unwrap_or("0").parse().unwrap();
    let mut body = vec![0; n];
    r.read_exact(&mut body).unwrap();
    reply.body = body;
    reply
}

#[test]
fn modes_json_matches_the_core() {
    let h = lab();
    let r = send(h.app_addr, "GET", "/modes.json", &[], b"");
    assert_eq!(r.status, 200);
    let v: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
    let list = v.as_array().expect("array");
    assert_eq!(list.len(), MODES.len());
    for m in list {
        let slug = m["slug"].as_str().expect("slug");
        for key in [
            "title",
            "method",
            "headers",
            "credentials",
            "reads",
            "expect",
            "path",
        ] {
            assert!(!m[key].is_null(), "{slug}: {key}");
        }
        assert!(["omit", "same-origin", "include"].contains(&m["credentials"].as_str().unwrap()));
        let e = &m["expect"];
        let cause: whycors::cause::CauseKind = serde_json::from_value(e["cause"].clone())
            .unwrap_or_else(|_| panic!("{slug}: cause {}", e["cause"]));
        if let Some(ce) = e["cors_error"].as_str() {
            let parsed: whycors::verdict::CorsError = serde_json::from_value(serde_json::json!(ce))
                .unwrap_or_else(|_| panic!("{slug}: cors_error {ce}"));
            assert_eq!(parsed.name(), ce);
            assert_ne!(cause, whycors::cause::CauseKind::Ok, "{slug}");
        } else {
            assert!(
                matches!(
                    cause,
                    whycors::cause::CauseKind::Ok | whycors::cause::CauseKind::HeaderNotExposed
                ),
                "{slug}"
            );
        }
        if let Some(g) = e["gateway"].as_str() {
            assert!(
                whycors::gateway::Gateway::from_slug(g).is_some(),
                "{slug}: gateway {g}"
            );
        }
        if !e["stage"].is_null() {
            assert!(
                ["preflight", "response"].contains(&e["stage"].as_str().unwrap()),
                "{slug}"
            );
        }
    }
    let wc = list
        .iter()
        .find(|m| m["slug"] == "wildcard-credentials")
        .unwrap();
    assert_eq!(wc["credentials"], "include");
    let et = list.iter().find(|m| m["slug"] == "etag-unexposed").unwrap();
    assert_eq!(et["reads"], serde_json::json!(["ETag"]));
    let aw = list
        .iter()
        .find(|m| m["slug"] == "authorization-wildcard")
        .unwrap();
    assert!(aw["headers"]["Authorization"].is_string());
    assert_eq!(aw["expect"]["cause"], "ok");
}

#[test]
fn binds_loopback_only_and_stops() {
    for host in ["0.0.0.0", "::", "192.0.2.1", "example.com"] {
        let err = lab::start(LabOptions {
            host: host.into(),
            ..LabOptions::default()
        })
        .err()
        .unwrap_or_else(|| panic!("{host} must be refused"));
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput, "{host}");
    }
    let h = lab();
    assert!(h.app_addr.ip().is_loopback() && h.api_addr.ip().is_loopback());
    assert_ne!(h.app_addr.port(), h.api_addr.port());
    assert_eq!(
        h.app_url,
        format!("http://app.localhost:{}", h.app_addr.port())
    );
    assert_eq!(
        h.api_url,
        format!("http://api.localhost:{}", h.api_addr.port())
    );
    assert_eq!(
        h.json_line(),
        format!("{{\"app\":\"{}\",\"api\":\"{}\"}}", h.app_url, h.api_url)
    );
    let (app, api) = (h.app_addr, h.api_addr);
    h.stop();
    std::thread::sleep(Duration::from_millis(100));
    assert!(TcpStream::connect(app).is_err(), "app listener closed");
    assert!(TcpStream::connect(api).is_err(), "api listener closed");
}

/// Kills the child process when the test ends, also on failure.
struct Kill(Child);
impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn binary_prints_the_json_line() {
    let child = Command::new(env!("CARGO_BIN_EXE_whycors"))
        .args(["lab", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn whycors lab");
    let mut child = Kill(child);
    let mut out = BufReader::new(child.0.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("first line");
    let mut human = String::new();
    out.read_line(&mut human).expect("second line");
    assert!(human.contains("whycors lab"), "{human}");
    let line = line.trim_end();
    assert!(
        line.starts_with("{\"app\":\"http://app.localhost:"),
        "{line}"
    );
    let v: serde_json::Value = serde_json::from_str(line).expect("json line");
    let obj = v.as_object().expect("object");
    assert_eq!(obj.len(), 2);
    let port = |k: &str| -> u16 {
        let url = v[k].as_str().expect(k);
        let prefix = format!("http://{k}.localhost:");
        url.strip_prefix(&prefix).expect(k).parse().expect("port")
    };
    let (app, api) = (port("app"), port("api"));
    assert!(app != 0 && api != 0 && app != api);
    let page = send(
        SocketAddr::from(([127, 0, 0, 1], app)),
        "GET",
        "/modes.json",
        &[],
        b"",
    );
    assert_eq!(page.status, 200);
    let r = send(
        SocketAddr::from(([127, 0, 0, 1], api)),
        "GET",
        "/mode/control",
        &[],
        b"",
    );
    assert_eq!(r.status, 200);

    let refused = Command::new(env!("CARGO_BIN_EXE_whycors"))
        .args(["lab", "--host", "0.0.0.0"])
        .output()
        .expect("run");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("loopback"));
    assert!(refused.stdout.is_empty());
}
