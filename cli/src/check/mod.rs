//! `whycors check`: send what a browser would send to a live API, and explain
//! what the browser would decide, error paths included.

pub mod config;
pub mod junit;
pub mod probe;

use crate::text;
use probe::{Client, LiveRequest, NetError, Sent};
use serde_json::{json, Value};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use whycors::cause::CauseKind;
use whycors::exchange::{HeaderList, InputKind};
use whycors::fetch::origin::{normalize_origin, same_origin};
use whycors::fetch::safelist::{is_forbidden_request_header, is_token, normalize_method};
use whycors::report::{Finding, Report};

#[derive(clap::Args)]
pub struct Args {
    /// The API URL to check (or give --config).
    #[arg(required_unless_present = "config")]
    url: Option<String>,
    /// The page's origin, e.g. https://app.example.com.
    #[arg(long, value_name = "ORIGIN", required_unless_present = "config")]
    origin: Option<String>,
    /// The request method as the page's script gives it (case kept, as fetch() does).
    #[arg(long, short = 'X', value_name = "METHOD", default_value = "GET")]
    method: String,
    /// A request header the script sets, 'Name: value' (repeatable).
    #[arg(long = "header", short = 'H', value_name = "'NAME: VALUE'")]
    headers: Vec<String>,
    /// The request is made with credentials: 'include' (cookies).
    #[arg(long)]
    credentials: bool,
    /// Cookie header value to send with --credentials (the browser's cookies).
    #[arg(long, value_name = "COOKIES", requires = "credentials")]
    cookie: Option<String>,
    /// A response header the page reads (repeatable), e.g. --reads ETag.
    #[arg(long = "reads", value_name = "NAME")]
    reads: Vec<String>,
    /// Request body text (only sent for a non-safe method with --allow-unsafe).
    #[arg(long, value_name = "TEXT", conflicts_with = "data_file")]
    data: Option<String>,
    /// Request body from a file.
    #[arg(long, value_name = "FILE")]
    data_file: Option<PathBuf>,
    /// What must happen: allowed (default), blocked, any, or a cause such as gateway_error.
    #[arg(long, value_name = "WHAT")]
    expect: Option<String>,
    /// Check every endpoint of a whycors.toml instead of one URL.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["url", "origin", "headers", "credentials", "reads", "data", "data_file", "expect", "cookie"])]
    config: Option<PathBuf>,
    /// Send a non-safe method (POST, PUT, PATCH, DELETE …) for real; by default only its preflight is checked.
    #[arg(long)]
    allow_unsafe: bool,
    /// Do not probe the error paths (an unknown path, the request without Authorization).
    #[arg(long)]
    no_error_paths: bool,
    /// Seconds to wait for each request.
    #[arg(long, value_name = "SECS")]
    timeout: Option<f64>,
    /// Print the versioned JSON report with the check results.
    #[arg(long)]
    json: bool,
    /// Also write a JUnit XML report to FILE.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
    /// Show secrets (Authorization, cookies, API keys, JWTs) instead of redacting them.
    #[arg(long)]
    show_secrets: bool,
    /// Print every fix in full.
    #[arg(long)]
    all_fixes: bool,
    /// Colour: auto (on a terminal), always, never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    color: String,
}

/// What a check must find.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The page can read the response (and every header it reads).
    Allowed,
    /// The browser blocks it (or hides a header the page reads).
    Blocked,
    /// Report only.
    Any,
    /// This exact cause.
    Cause(CauseKind),
}

impl Expect {
    pub fn as_str(self) -> &'static str {
        match self {
            Expect::Allowed => "allowed",
            Expect::Blocked => "blocked",
            Expect::Any => "any",
            Expect::Cause(k) => k.as_str(),
        }
    }
}

const CAUSES: [CauseKind; 10] = [
    CauseKind::Ok,
    CauseKind::GatewayError,
    CauseKind::PreflightMissing,
    CauseKind::PreflightFailed,
    CauseKind::HeaderMismatch,
    CauseKind::ResponseMissingCors,
    CauseKind::Redirect,
    CauseKind::HeaderNotExposed,
    CauseKind::NetworkError,
    CauseKind::Unknown,
];

pub fn parse_expect(s: &str) -> Result<Expect, String> {
    let t = s.trim().to_ascii_lowercase();
    match t.as_str() {
        "allowed" | "allow" => return Ok(Expect::Allowed),
        "blocked" | "block" => return Ok(Expect::Blocked),
        "any" => return Ok(Expect::Any),
        _ => {}
    }
    CAUSES
        .into_iter()
        .find(|k| k.as_str() == t)
        .map(Expect::Cause)
        .ok_or_else(|| {
            format!(
                "{s:?}: expected allowed, blocked, any or a cause ({})",
                CAUSES.map(|k| k.as_str()).join(", ")
            )
        })
}

pub fn parse_url(s: &str) -> Result<String, String> {
    let t = s.trim();
    let u = url::Url::parse(t).map_err(|e| format!("{t:?} is not a URL ({e})"))?;
    if u.scheme() != "http" && u.scheme() != "https" {
        return Err(format!("{t:?}: only http and https URLs can be checked"));
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err(format!("{t:?} has no host"));
    }
    Ok(u.to_string())
}

pub fn parse_origin(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t == "null" {
        return Ok("null".to_string());
    }
    match normalize_origin(t) {
        Some(o) if o.starts_with("http://") || o.starts_with("https://") => Ok(o),
        _ => Err(format!(
            "{t:?} is not an origin: give scheme://host[:port], e.g. https://app.example.com"
        )),
    }
}

pub fn parse_method(s: &str) -> Result<String, String> {
    let t = s.trim();
    if !is_token(t) {
        return Err(format!("{t:?} is not an HTTP method"));
    }
    let up = t.to_ascii_uppercase();
    if matches!(up.as_str(), "CONNECT" | "TRACE" | "TRACK") {
        return Err(format!("{t} is a forbidden method: fetch() refuses it"));
    }
    Ok(t.to_string())
}

/// `Name: value` as a script would set it.
pub fn parse_header(s: &str) -> Result<(String, String), String> {
    let Some((name, value)) = s.split_once(':') else {
        return Err(format!("{s:?}: give 'Name: value'"));
    };
    let name = name.trim();
    if !is_token(name) {
        return Err(format!("{name:?} is not a header name"));
    }
    if value.contains(['\r', '\n', '\0']) {
        return Err(format!("the value of {name} cannot hold CR, LF or NUL"));
    }
    if is_forbidden_request_header(name) {
        let hint = if name.eq_ignore_ascii_case("cookie") {
            " (give cookies with --cookie and --credentials, or cookie = … in whycors.toml)"
        } else if name.eq_ignore_ascii_case("origin") {
            " (give the page's origin with --origin)"
        } else {
            ""
        };
        return Err(format!(
            "{name} is a forbidden request header: a page's script cannot set it{hint}"
        ));
    }
    Ok((
        name.to_string(),
        whycors::exchange::trim_http_whitespace(value).to_string(),
    ))
}

/// One endpoint to check, from the command line or a whycors.toml.
#[derive(Clone, Debug)]
pub struct Target {
    pub name: String,
    pub url: String,
    pub origins: Vec<String>,
    pub method: String,
    pub headers: HeaderList,
    pub credentials: bool,
    pub cookie: Option<String>,
    pub reads: Vec<String>,
    pub body: Option<Vec<u8>>,
    pub expect: Expect,
    pub expect_error_paths: Expect,
    pub error_paths: bool,
    pub allow_unsafe: bool,
}

/// How one check ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Passed,
    Failed(String),
    Skipped(String),
    Error(String),
}

impl Status {
    fn as_str(&self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed(_) => "failed",
            Status::Skipped(_) => "skipped",
            Status::Error(_) => "error",
        }
    }
    fn message(&self) -> Option<&str> {
        match self {
            Status::Passed => None,
            Status::Failed(m) | Status::Skipped(m) | Status::Error(m) => Some(m),
        }
    }
}

/// One check: the request itself or one error-path probe, for one origin.
#[derive(Debug)]
pub struct Outcome {
    pub endpoint: String,
    /// The endpoint has a name of its own (not "METHOD URL").
    pub named: bool,
    /// `None` for the request itself; `"unknown path"`, `"without Authorization"`.
    pub probe: Option<&'static str>,
    pub method: String,
    pub url: String,
    pub origin: String,
    pub expect: Expect,
    pub preflight_sent: bool,
    pub actual_sent: bool,
    pub not_sent: Option<String>,
    pub net_error: Option<NetError>,
    pub finding: Option<Finding>,
    pub status: Status,
    pub seconds: f64,
}

impl Outcome {
    /// `actual request` or `probe: unknown path`.
    pub fn label(&self) -> String {
        let what = match self.probe {
            None => "request".to_string(),
            Some(p) => format!("probe: {p}"),
        };
        if self.preflight_sent && !self.actual_sent && self.net_error.is_none() {
            format!("{what} (preflight only)")
        } else {
            what
        }
    }
}

/// A path under the same API that surely does not exist.
fn unknown_path_url(url: &str) -> Option<String> {
    let mut u = url::Url::parse(url).ok()?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() ^ (d.as_secs() as u32))
        .unwrap_or(0);
    let path = u.path().trim_end_matches('/').to_string();
    u.set_path(&format!(
        "{path}/whycors-probe-{:08x}",
        nanos ^ std::process::id()
    ));
    u.set_query(None);
    u.set_fragment(None);
    Some(u.to_string())
}

fn is_blocked_for_page(f: &Finding) -> bool {
    f.browser.blocked || f.cause.kind == CauseKind::HeaderNotExposed
}

/// The sentence a failure is known by: the browser's console line, and the cause.
fn failure_text(f: &Finding) -> String {
    let mut cause = f.cause.kind.as_str().to_string();
    if let Some(g) = f.cause.gateway {
        cause.push_str(&format!(" · {}", g.slug()));
        if let Some(r) = &f.cause.gateway_response {
            cause.push_str(&format!(" {r}"));
        }
    }
    match &f.browser.console {
        Some(c) => format!("{c} (cause: {cause})"),
        None => format!("{} (cause: {cause})", f.summary),
    }
}

fn judge(expect: Expect, f: &Finding) -> Status {
    let blocked = is_blocked_for_page(f);
    match expect {
        Expect::Any => Status::Passed,
        Expect::Allowed if !blocked => Status::Passed,
        Expect::Allowed => Status::Failed(failure_text(f)),
        Expect::Blocked if blocked => Status::Passed,
        Expect::Blocked => Status::Failed(format!(
            "expected the browser to block it, but the page can read the response (cause: {})",
            f.cause.kind.as_str()
        )),
        Expect::Cause(k) if k == f.cause.kind => Status::Passed,
        Expect::Cause(k) => Status::Failed(format!(
            "expected cause {}, found {}: {}",
            k.as_str(),
            f.cause.kind.as_str(),
            failure_text(f)
        )),
    }
}

struct Runner {
    clients: Vec<(bool, Client)>,
    timeout: Duration,
    redact: bool,
}

impl Runner {
    fn client(&mut self, url: &str) -> &Client {
        let local = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(probe::is_local_host))
            .unwrap_or(false);
        let idx = match self.clients.iter().position(|(l, _)| *l == local) {
            Some(i) => i,
            None => {
                self.clients.push((local, Client::new(self.timeout, local)));
                self.clients.len() - 1
            }
        };
        &self.clients[idx].1
    }

    fn one(
        &mut self,
        t: &Target,
        req: LiveRequest,
        probe: Option<&'static str>,
        expect: Expect,
    ) -> Outcome {
        let start = Instant::now();
        let mut out = Outcome {
            endpoint: t.name.clone(),
            named: t.name != format!("{} {}", t.method, t.url),
            probe,
            method: normalize_method(&req.method),
            url: if self.redact {
                whycors::redact::url(&req.url).into_owned()
            } else {
                req.url.clone()
            },
            origin: req.origin.clone(),
            expect,
            preflight_sent: false,
            actual_sent: false,
            not_sent: None,
            net_error: None,
            finding: None,
            status: Status::Passed,
            seconds: 0.0,
        };
        if same_origin(&req.origin, &req.url) {
            out.status = match expect {
                Expect::Blocked | Expect::Cause(_) => Status::Failed(
                    "the origin is the URL's own origin: CORS does not apply".to_string(),
                ),
                _ => Status::Skipped(
                    "same-origin: CORS does not apply, nothing was sent".to_string(),
                ),
            };
            return out;
        }
        let client = self.client(&req.url);
        let sent: Sent = probe::run(client, &req);
        out.preflight_sent = sent.preflight_sent;
        out.actual_sent = sent.actual_sent;
        out.not_sent = sent.not_sent.clone();
        out.net_error = sent.net_error.clone();
        out.seconds = start.elapsed().as_secs_f64();
        if let Some(e) = &sent.net_error {
            out.status = Status::Error(format!("{}: {}", e.request, e.reason));
        }
        if !sent.preflight_sent && !sent.actual_sent && sent.net_error.is_none() {
            out.status = Status::Skipped(
                sent.not_sent
                    .clone()
                    .unwrap_or_else(|| "nothing was sent".to_string()),
            );
            return out;
        }
        let options = whycors::Options {
            reads: t.reads.clone(),
            origin: None,
            credentials: None,
            redact: self.redact,
        };
        let probed = (probe == Some("unknown path")).then(|| sent.exchange.clone());
        let report = whycors::explain(InputKind::Live, vec![sent.exchange], &options);
        let Some(mut f) = report.findings.into_iter().next() else {
            return out;
        };
        if !sent.actual_sent {
            if let Some(why) = &sent.not_sent {
                // The core says "not in the input"; here it was not sent on purpose.
                f.missing.retain(|m| !m.starts_with("the actual response"));
                if !f.browser.blocked && f.cause.kind == CauseKind::Unknown {
                    f.summary = format!(
                        "The preflight passes, so a browser would go on to send the {}; it was not sent here ({why}), so its response is not checked.",
                        out.method
                    );
                }
            }
        }
        if let (Some(x), true) = (probed, f.browser.blocked) {
            // The path is made up on purpose: what matters is whether the API's answer for a
            // wrong path reaches the page, not a route for this path.
            let preflight = f.cause.stage == Some(whycors::verdict::Stage::Preflight);
            f.summary = format!(
                "Probe of a path that does not exist: a page that calls a wrong or removed path gets a CORS error instead of the API's own {} answer, because that answer carries no CORS headers. Add the CORS headers to the API's error answers (for API Gateway: the DEFAULT_4XX Gateway Response); do not add this path.{} For this path: {}",
                status_of(&f),
                if preflight {
                    " A request that needs a preflight fails at the preflight on such a path whatever the error answer carries, unless OPTIONS is answered on every path (REST API: an OPTIONS method on a greedy /{proxy+} resource; HTTP API: its CORS configuration answers preflights without an OPTIONS route)."
                } else {
                    ""
                },
                f.summary
            );
            f.fixes = whycors::error_answer_fixes(x, &options);
        }
        if out.net_error.is_none() {
            out.status = judge(expect, &f);
        }
        out.finding = Some(f);
        out
    }

    fn target(&mut self, t: &Target, error_paths: bool, allow_unsafe: bool) -> Vec<Outcome> {
        let mut outs = Vec::new();
        for origin in &t.origins {
            let base = LiveRequest {
                method: t.method.clone(),
                url: t.url.clone(),
                origin: origin.clone(),
                headers: t.headers.clone(),
                credentials: t.credentials,
                cookie: t.cookie.clone(),
                body: t.body.clone(),
                allow_unsafe: allow_unsafe || t.allow_unsafe,
                location: format!("{}: request", t.name),
            };
            let main = self.one(t, base.clone(), None, t.expect);
            let unreachable = main.net_error.is_some();
            let cross = !same_origin(origin, &t.url);
            outs.push(main);
            if !(error_paths && t.error_paths && cross) {
                continue;
            }
            if unreachable {
                // Every probe would fail the same way.
                continue;
            }
            if let Some(u) = unknown_path_url(&t.url) {
                let mut r = base.clone();
                r.url = u;
                r.location = format!("{}: probe: unknown path", t.name);
                outs.push(self.one(t, r, Some("unknown path"), t.expect_error_paths));
            }
            if t.headers.contains("authorization") {
                let mut r = base.clone();
                r.headers = HeaderList(
                    t.headers
                        .iter()
                        .filter(|h| !h.name.eq_ignore_ascii_case("authorization"))
                        .cloned()
                        .collect(),
                );
                r.location = format!("{}: probe: without Authorization", t.name);
                outs.push(self.one(t, r, Some("without Authorization"), t.expect_error_paths));
            }
        }
        outs
    }
}

/// The status the API answered with, as the finding's evidence states it ("error").
fn status_of(f: &whycors::report::Finding) -> String {
    f.evidence
        .iter()
        .find_map(|e| e.split_once("status: ").map(|(_, s)| s.to_string()))
        .unwrap_or_else(|| "error".to_string())
}

fn usage(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("whycors check: {msg}");
    ExitCode::from(2)
}

/// The target given on the command line.
fn target_from_args(args: &Args) -> Result<Target, String> {
    let url = parse_url(args.url.as_deref().unwrap_or("")).map_err(|e| format!("URL: {e}"))?;
    let origin =
        parse_origin(args.origin.as_deref().unwrap_or("")).map_err(|e| format!("--origin: {e}"))?;
    let method = parse_method(&args.method).map_err(|e| format!("--method: {e}"))?;
    let mut headers = HeaderList::new();
    for h in &args.headers {
        let (n, v) = parse_header(h).map_err(|e| format!("--header: {e}"))?;
        headers.push(n, v);
    }
    if let Some(c) = &args.cookie {
        if c.contains(['\r', '\n']) {
            return Err("--cookie: a cookie cannot hold CR or LF".to_string());
        }
    }
    let body = match (&args.data, &args.data_file) {
        (Some(d), _) => Some(d.as_bytes().to_vec()),
        (None, Some(p)) => {
            Some(std::fs::read(p).map_err(|e| format!("--data-file: {}: {e}", p.display()))?)
        }
        (None, None) => None,
    };
    let expect = match &args.expect {
        Some(e) => parse_expect(e).map_err(|e| format!("--expect: {e}"))?,
        None => Expect::Allowed,
    };
    Ok(Target {
        name: format!("{} {url}", method),
        url,
        origins: vec![origin],
        method,
        headers,
        credentials: args.credentials,
        cookie: args.cookie.clone(),
        reads: args.reads.clone(),
        body,
        expect,
        expect_error_paths: Expect::Allowed,
        error_paths: true,
        allow_unsafe: false,
    })
}

pub fn run(args: Args) -> ExitCode {
    let (targets, file_timeout) = match &args.config {
        Some(path) => {
            let text = match std::fs::read(path) {
                Ok(b) => match crate::explain::decode(b, &path.display().to_string()) {
                    Ok(t) => t,
                    Err((e, _, _)) => return usage(e),
                },
                Err(e) => return usage(format!("{}: {e}", path.display())),
            };
            let dir = path
                .parent()
                .map(|p| p.to_path_buf())
                .unwrap_or_else(|| PathBuf::from("."));
            match config::parse(&text, &path.display().to_string(), &dir) {
                Ok(p) => (p.targets, p.timeout),
                Err(e) => return usage(e),
            }
        }
        None => match target_from_args(&args) {
            Ok(t) => (vec![t], None),
            Err(e) => return usage(e),
        },
    };
    let secs = args.timeout.or(file_timeout).unwrap_or(10.0);
    if !(secs > 0.0 && secs <= 3600.0) {
        return usage("--timeout: give seconds from 0 to 3600");
    }
    let mut runner = Runner {
        clients: Vec::new(),
        timeout: Duration::from_secs_f64(secs),
        redact: !args.show_secrets,
    };
    let started = Instant::now();
    let mut outcomes = Vec::new();
    for t in &targets {
        outcomes.extend(runner.target(t, !args.no_error_paths, args.allow_unsafe));
    }
    let total_seconds = started.elapsed().as_secs_f64();

    for o in &outcomes {
        if let Some(e) = &o.net_error {
            let context = if o.probe.is_some() || o.named {
                format!(" ({}, {})", o.endpoint, o.label())
            } else {
                String::new()
            };
            eprintln!("whycors check: {}: {}{context}", e.request, e.reason);
        }
    }
    if let Some(path) = &args.junit {
        let xml = junit::render(&outcomes, total_seconds);
        if let Err(e) = std::fs::write(path, xml) {
            eprintln!("whycors check: --junit {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = if args.json {
        serde_json::to_writer_pretty(&mut out, &json_report(&outcomes))
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out))
            .and_then(|_| out.flush())
    } else {
        let color = match args.color.as_str() {
            "always" => true,
            "never" => false,
            _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        out.write_all(render_text(&outcomes, color, args.all_fixes).as_bytes())
            .and_then(|_| out.flush())
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("whycors check: {e}");
            return ExitCode::from(2);
        }
    }
    exit_code(&outcomes)
}

/// 2 when something got no response, else 1 when something failed, else 0.
pub fn exit_code(outcomes: &[Outcome]) -> ExitCode {
    if outcomes
        .iter()
        .any(|o| matches!(o.status, Status::Error(_)))
    {
        ExitCode::from(2)
    } else if outcomes
        .iter()
        .any(|o| matches!(o.status, Status::Failed(_)))
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The report `explain --json` prints (input `live`), plus `check`: one result
/// per check, each pointing at its finding by index.
pub fn json_report(outcomes: &[Outcome]) -> Value {
    let mut findings = Vec::new();
    let mut results = Vec::new();
    for o in outcomes {
        let index = o.finding.as_ref().map(|f| {
            findings.push(f.clone());
            findings.len() - 1
        });
        results.push(json!({
            "endpoint": o.endpoint,
            "probe": o.probe,
            "method": o.method,
            "url": o.url,
            "origin": o.origin,
            "expect": o.expect.as_str(),
            "status": o.status.as_str(),
            "message": o.status.message(),
            "finding": index,
            "preflight_sent": o.preflight_sent,
            "actual_sent": o.actual_sent,
            "not_sent": o.not_sent,
            "network_error": o.net_error.as_ref().map(|e| json!({
                "request": e.request,
                "reason": e.reason,
                "chromium": e.chromium,
            })),
            "seconds": (o.seconds * 1000.0).round() / 1000.0,
        }));
    }
    let count = |s: &str| outcomes.iter().filter(|o| o.status.as_str() == s).count();
    let report = Report {
        version: whycors::report::VERSION,
        input: InputKind::Live.as_str(),
        findings,
        same_origin_skipped: outcomes
            .iter()
            .filter(|o| o.finding.is_none() && o.net_error.is_none() && o.not_sent.is_none())
            .count(),
        unread: Vec::new(),
    };
    let mut v = serde_json::to_value(&report).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert(
            "check".to_string(),
            json!({
                "passed": count("failed") == 0 && count("error") == 0,
                "counts": {
                    "passed": count("passed"),
                    "failed": count("failed"),
                    "skipped": count("skipped"),
                    "error": count("error"),
                },
                "results": results,
            }),
        );
    }
    v
}

fn paint(on: bool, code: &str, s: &str) -> String {
    if on {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// The text output: per check a head line with its result, then the same
/// finding text as `explain`.
pub fn render_text(outcomes: &[Outcome], color: bool, all_fixes: bool) -> String {
    let mut out = String::new();
    let n = outcomes.len();
    for (i, o) in outcomes.iter().enumerate() {
        let result = match &o.status {
            Status::Passed => paint(color, "1;32", "PASS"),
            Status::Failed(_) => paint(color, "1;31", "FAIL"),
            Status::Skipped(_) => paint(color, "33", "SKIP"),
            Status::Error(_) => paint(color, "1;31", "ERROR"),
        };
        // The finding below names the method, URL and origin; a config's own
        // endpoint name goes on the head line.
        let named = o.named;
        out.push_str(&format!(
            "{} {result}  {}{} {}\n",
            paint(color, "1", &format!("[{}/{n}]", i + 1)),
            if named {
                format!("{} › ", o.endpoint)
            } else {
                String::new()
            },
            o.label(),
            paint(color, "2", &format!("· expect {}", o.expect.as_str())),
        ));
        if o.finding.is_none() {
            out.push_str(&format!("   {} {} from {}\n", o.method, o.url, o.origin));
        }
        if let Some(f) = &o.finding {
            out.push_str(&text::render_finding(f, color, all_fixes));
        }
        if let Some(why) = &o.not_sent {
            if o.net_error.is_none() {
                out.push_str(&format!("\n   {} {why}\n", paint(color, "33", "Not sent:")));
            }
        }
        match &o.status {
            Status::Failed(m) => {
                // The console sentence is already above: say only what was expected.
                let short = match (&o.finding, o.expect) {
                    (Some(f), Expect::Allowed) => format!(
                        "expected allowed, but {} (cause: {})",
                        if f.browser.blocked {
                            "the browser blocks it"
                        } else {
                            "the page cannot read a header it reads"
                        },
                        f.cause.kind.as_str()
                    ),
                    (Some(f), Expect::Cause(k)) => format!(
                        "expected cause {}, found {}",
                        k.as_str(),
                        f.cause.kind.as_str()
                    ),
                    _ => m.clone(),
                };
                out.push('\n');
                out.push_str(&text::wrap_hanging(
                    &format!("{} {short}", paint(color, "1;31", "Failed:")),
                    "   ",
                    "     ",
                    text::WIDTH,
                ));
            }
            Status::Skipped(m) => {
                out.push_str(&format!("\n   {} {m}\n", paint(color, "33", "Skipped:")))
            }
            Status::Error(m) => out.push_str(&format!(
                "\n   {} {m}\n",
                paint(color, "1;31", "No response:")
            )),
            Status::Passed => {}
        }
        out.push('\n');
    }
    let count = |s: &str| outcomes.iter().filter(|o| o.status.as_str() == s).count();
    out.push_str(&format!(
        "{} {n} check{}: {} passed, {} failed, {} skipped, {} without a response\n",
        paint(color, "1", "whycors check:"),
        if n == 1 { "" } else { "s" },
        count("passed"),
        count("failed"),
        count("skipped"),
        count("error"),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_as_a_script_sets_them() {
        assert_eq!(
            parse_header("Authorization:  Bearer x "),
            Ok(("Authorization".to_string(), "Bearer x".to_string()))
        );
        assert!(parse_header("no colon").is_err());
        assert!(parse_header("Bad Name: x").is_err());
        let e = parse_header("Cookie: a=b").unwrap_err();
        assert!(e.contains("forbidden") && e.contains("--cookie"), "{e}");
        assert!(parse_header("Origin: https://x").is_err());
    }

    #[test]
    fn urls_origins_methods_expectations() {
        assert_eq!(
            parse_url("https://a.example").as_deref(),
            Ok("https://a.example/")
        );
        assert!(parse_url("ftp://a.example/").is_err());
        assert!(parse_url("a.example").is_err());
        assert_eq!(
            parse_origin("https://App.example:443/").as_deref(),
            Ok("https://app.example")
        );
        assert_eq!(parse_origin("null").as_deref(), Ok("null"));
        assert!(parse_origin("app.example").is_err());
        assert_eq!(parse_method("patch").as_deref(), Ok("patch"));
        assert!(parse_method("GE T").is_err());
        assert!(parse_method("TRACE").is_err());
        assert_eq!(parse_expect("Blocked"), Ok(Expect::Blocked));
        assert_eq!(
            parse_expect("gateway_error"),
            Ok(Expect::Cause(CauseKind::GatewayError))
        );
        assert!(parse_expect("fine").is_err());
    }

    #[test]
    fn unknown_path_stays_under_the_api() {
        let u = unknown_path_url("https://api.example/prod/items?x=1").unwrap();
        assert!(
            u.starts_with("https://api.example/prod/items/whycors-probe-"),
            "{u}"
        );
        assert!(!u.contains('?'));
        let u = unknown_path_url("https://api.example/").unwrap();
        assert!(u.starts_with("https://api.example/whycors-probe-"), "{u}");
    }
}
