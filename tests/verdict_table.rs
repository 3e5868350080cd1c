//! Table tests for the browser verdict, derived from the web-platform-tests CORS
//! suites (each case names the WPT file it follows), written as our own data in
//! tests/data/verdict_cases.json.

use serde::Deserialize;
use whycors::exchange::{
    Credentials, Exchange, HeaderList, InputKind, Known, Preflight, PreflightCapture, Response,
};
use whycors::verdict::{evaluate, PreflightOutcome, VerdictOptions};

#[derive(Deserialize)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct Expect {
    blocked: bool,
    cors_error: Option<String>,
    failed_parameter: Option<String>,
    #[serde(default)]
    warnings: Option<usize>,
    #[serde(default)]
    preflight: Option<String>,
    #[serde(default)]
    not_exposed: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    wpt: String,
    method: String,
    headers: Vec<(String, String)>,
    credentials: String,
    preflight: Option<Resp>,
    response: Option<Resp>,
    reads: Vec<String>,
    expect: Expect,
}

const ORIGIN: &str = "http://app.example";
const URL: &str = "http://api.example/resource";

fn response(r: &Resp) -> Response {
    Response {
        status: r.status,
        headers: r.headers.iter().cloned().collect(),
        ..Response::default()
    }
}

fn exchange(c: &Case) -> Exchange {
    let mut x = Exchange::new(InputKind::Har, &c.method, URL);
    x.page_origin = Some(ORIGIN.to_string());
    x.request.headers = c.headers.iter().cloned().collect::<HeaderList>();
    x.request.credentials = match c.credentials.as_str() {
        "include" => Credentials::Include,
        _ => Credentials::Omit,
    };
    x.request.credentials_known = Known::Stated;
    x.preflight = match &c.preflight {
        Some(p) => PreflightCapture::Captured(Preflight {
            url: URL.to_string(),
            request_headers: whycors::fetch::preflight::preflight_request_headers(
                &c.method,
                &x.request.headers,
                ORIGIN,
            ),
            response: Some(response(p)),
            error: None,
        }),
        None => PreflightCapture::Absent,
    };
    x.response = c.response.as_ref().map(response);
    x
}

#[test]
fn wpt_derived_verdicts() {
    let data = include_str!("data/verdict_cases.json");
    let cases: Vec<Case> = serde_json::from_str(data).expect("verdict_cases.json parses");
    assert!(cases.len() >= 50);
    let mut failures = Vec::new();
    for c in &cases {
        let x = exchange(c);
        let v = evaluate(
            &x,
            &VerdictOptions {
                reads: c.reads.clone(),
            },
        );
        let got_err = v.cors_error.map(|e| e.name().to_string());
        let mut problems = Vec::new();
        if v.blocked != c.expect.blocked {
            problems.push(format!("blocked {} != {}", v.blocked, c.expect.blocked));
        }
        if got_err != c.expect.cors_error {
            problems.push(format!(
                "cors_error {got_err:?} != {:?}",
                c.expect.cors_error
            ));
        }
        if v.failed_parameter != c.expect.failed_parameter {
            problems.push(format!(
                "failed_parameter {:?} != {:?}",
                v.failed_parameter, c.expect.failed_parameter
            ));
        }
        if let Some(n) = c.expect.warnings {
            if v.warnings.len() != n {
                problems.push(format!("warnings {:?}, expected {n}", v.warnings));
            }
        }
        if let Some(p) = &c.expect.preflight {
            let want = match p.as_str() {
                "not_needed" => PreflightOutcome::NotNeeded,
                "passed" => PreflightOutcome::Passed,
                other => panic!("bad expectation {other}"),
            };
            if v.preflight != want {
                problems.push(format!("preflight {:?} != {want:?}", v.preflight));
            }
        }
        if let Some(ne) = &c.expect.not_exposed {
            if &v.not_exposed != ne {
                problems.push(format!("not_exposed {:?} != {ne:?}", v.not_exposed));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{} ({}): {}", c.name, c.wpt, problems.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases disagree:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
