//! Samples of the classic failures, embedded at compile time from the realistic
//! captures in tests/cases/.

/// One sample: menu id, title, the input text, and the header names the page reads.
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
    pub reads: &'static str,
}

macro_rules! case {
    ($dir:literal, $file:literal) => {
        include_str!(concat!("../../../tests/cases/", $dir, "/", $file))
    };
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "throttled-429",
        title: "Throttled 429 behind API Gateway (HAR)",
        text: case!("rest-throttled-429", "capture.har"),
        reads: "",
    },
    Example {
        id: "rest-missing-options",
        title: "REST API without an OPTIONS method (curl -v)",
        text: case!("rest-missing-options", "curl-v.txt"),
        reads: "",
    },
    Example {
        id: "authorizer-options",
        title: "Authorizer on OPTIONS (headers)",
        text: case!("rest-authorizer-options", "headers.txt"),
        reads: "",
    },
    Example {
        id: "lambda-no-headers",
        title: "Lambda proxy without CORS headers (curl -v)",
        text: case!("lambda-no-headers", "curl-v.txt"),
        reads: "",
    },
    Example {
        id: "wildcard-credentials",
        title: "Wildcard origin with credentials (HAR)",
        text: case!("wildcard-credentials", "capture.har"),
        reads: "",
    },
    Example {
        id: "authorization-not-allowed",
        title: "Authorization not covered by * (headers)",
        text: case!("authorization-not-allowed", "headers.txt"),
        reads: "",
    },
    Example {
        id: "unexposed-etag",
        title: "ETag not exposed (curl -v, page reads ETag)",
        text: case!("unexposed-etag", "curl-v.txt"),
        reads: "ETag",
    },
    Example {
        id: "missing-vary",
        title: "Reflected origin without Vary (headers)",
        text: case!("missing-vary", "headers.txt"),
        reads: "",
    },
    Example {
        id: "http-api-default-route",
        title: "HTTP API $default route catches OPTIONS (curl -v)",
        text: case!("http-api-default-route", "curl-v.txt"),
        reads: "",
    },
    Example {
        id: "cloudfront-403",
        title: "CloudFront 403 (curl -v)",
        text: case!("cloudfront-403", "curl-v.txt"),
        reads: "",
    },
    Example {
        id: "waf-403",
        title: "AWS WAF 403 (headers)",
        text: case!("waf-403", "headers.txt"),
        reads: "",
    },
    Example {
        id: "gateway-504",
        title: "Gateway 5xx (curl -v)",
        text: case!("gateway-5xx", "curl-v.txt"),
        reads: "",
    },
    Example {
        id: "nginx-413",
        title: "nginx 413 body too large (curl -v)",
        text: case!("nginx-413", "curl-v.txt"),
        reads: "",
    },
    Example {
        id: "login-redirect",
        title: "Redirect to a login page (HAR)",
        text: case!("login-redirect", "capture.har"),
        reads: "",
    },
    Example {
        id: "origin-mismatch",
        title: "Origin mismatch (Chrome console)",
        text: case!("origin-mismatch", "console-chrome.txt"),
        reads: "",
    },
    Example {
        id: "method-not-allowed",
        title: "Method not allowed (curl -v)",
        text: case!("method-not-allowed", "curl-v.txt"),
        reads: "",
    },
];

pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_is_read_and_diagnosed() {
        for e in EXAMPLES {
            let o = whycors::Options {
                reads: e
                    .reads
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
                ..whycors::Options::default()
            };
            let r = whycors::diagnose(e.text, &o).unwrap_or_else(|err| panic!("{}: {err}", e.id));
            assert!(!r.findings.is_empty(), "{}", e.id);
            assert!(
                r.findings.iter().any(
                    |f| f.cause.kind != whycors::cause::CauseKind::Ok || !f.warnings.is_empty()
                ),
                "{}: nothing to explain",
                e.id
            );
        }
    }
}
