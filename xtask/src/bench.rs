//! `cargo xtask bench [--size MB] [--runs N]`: a generated Chrome-style HAR of about
//! 200 MB through `whycors explain --json` (release build) against
//! `jq '.log.entries|length'` on the same file. Best of N runs each; prints both
//! times, the throughput and the ratio. Figures only: nothing here asserts a time.

use std::fs::{self, File};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// Bumped whenever the generator's output changes: an old file is then rebuilt.
const GENERATOR: &str = "whycors-bench-gen 2";
const MB: u64 = 1_000_000;

/// The embed's size (xtask/src/bench_embed.rs), the HAR-vs-jq benchmark, then the hosted
/// page's (xtask/src/bench_page.rs).
pub fn run(root: &Path, args: &[String]) -> ExitCode {
    // `cargo xtask bench embed`: only the embed's size.
    if args.first().map(String::as_str) == Some("embed") {
        return super::bench_embed::run(root);
    }
    let embed = super::bench_embed::run(root);
    let har = run_har(root, args);
    if !super::bench_page::run(root) {
        return super::fail("the page benchmark failed");
    }
    if embed != ExitCode::SUCCESS {
        return embed;
    }
    har
}

fn run_har(root: &Path, args: &[String]) -> ExitCode {
    let mut size_mb: u64 = 200;
    let mut runs: usize = 3;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = |v: Option<&String>| v.and_then(|s| s.parse::<u64>().ok()).filter(|n| *n > 0);
        match a.as_str() {
            "--size" => match value(it.next()) {
                Some(n) => size_mb = n,
                None => return super::fail("--size needs a number of megabytes"),
            },
            "--runs" => match value(it.next()) {
                Some(n) => runs = usize::try_from(n).unwrap_or(3),
                None => return super::fail("--runs needs a number"),
            },
            other => {
                return super::fail(&format!(
                    "unknown bench argument {other:?} (usage: cargo xtask bench [embed] [--size MB] [--runs N])"
                ))
            }
        }
    }

    let mut build = super::cargo();
    build.current_dir(root).args([
        "build",
        "--release",
        "-p",
        "whycors-cli",
        "--bin",
        "whycors",
    ]);
    if !super::run_tee(build).ok {
        return super::fail("the release build failed");
    }
    let target = super::target_dir(root);
    let bin = target.join("release/whycors");
    let dir = target.join("bench");
    if let Err(e) = fs::create_dir_all(&dir) {
        return super::fail(&format!("cannot create {}: {e}", dir.display()));
    }
    let har = dir.join(if size_mb == 200 {
        "big.har".to_string()
    } else {
        format!("big-{size_mb}mb.har")
    });
    let want = size_mb * MB;
    if is_usable(&har, want) {
        println!("reusing {}", har.display());
    } else {
        print!("generating {} ({size_mb} MB) … ", har.display());
        let _ = std::io::stdout().flush();
        let t = Instant::now();
        match generate(&har, want) {
            Ok(stats) => println!(
                "{} entries ({} CORS candidates) in {}",
                stats.entries,
                stats.candidates,
                super::secs(t.elapsed())
            ),
            Err(e) => return super::fail(&format!("cannot write {}: {e}", har.display())),
        }
    }
    let bytes = fs::metadata(&har).map(|m| m.len()).unwrap_or(0);
    let mbytes = bytes as f64 / MB as f64;
    println!("input: {} ({mbytes:.1} MB)\n", har.display());

    // One untimed run into a file, to say what whycors found.
    let report_path = dir.join("big.report.json");
    match File::create(&report_path).and_then(|f| {
        Command::new(&bin)
            .args(["explain", "--json"])
            .arg(&har)
            .stdin(Stdio::null())
            .stdout(f)
            .status()
    }) {
        Ok(s) if s.success() => {}
        Ok(s) => return super::fail(&format!("whycors explain failed on the bench HAR ({s})")),
        Err(e) => return super::fail(&format!("cannot run {}: {e}", bin.display())),
    }
    let findings = count_findings(&report_path);

    let mut whycors_cmd = Command::new(&bin);
    whycors_cmd.args(["explain", "--json"]).arg(&har);
    let Some(w) = best_of(&mut whycors_cmd, runs) else {
        return super::fail("whycors explain failed during the timed runs");
    };
    let label_w = "whycors explain --json big.har";
    println!(
        "{label_w:<34} best {:>7} of {runs} ({})  {:>6.1} MB/s  {} findings",
        fmt(w.best),
        w.all.iter().map(|d| fmt(*d)).collect::<Vec<_>>().join(", "),
        mbytes / w.best.as_secs_f64(),
        findings.map_or("?".to_string(), |n| n.to_string()),
    );

    if !ensure_jq() {
        println!(
            "jq: not installed and cannot be installed here (not root): jq comparison skipped"
        );
        return ExitCode::SUCCESS;
    }
    let mut jq_cmd = Command::new("jq");
    jq_cmd.arg(".log.entries|length").arg(&har);
    let entries = Command::new("jq")
        .arg(".log.entries|length")
        .arg(&har)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let Some(j) = best_of(&mut jq_cmd, runs) else {
        return super::fail("jq failed on the bench HAR");
    };
    println!(
        "{:<34} best {:>7} of {runs} ({})  {:>6.1} MB/s  {} entries",
        "jq '.log.entries|length' big.har",
        fmt(j.best),
        j.all.iter().map(|d| fmt(*d)).collect::<Vec<_>>().join(", "),
        mbytes / j.best.as_secs_f64(),
        entries.unwrap_or_else(|| "?".to_string()),
    );
    let ratio = j.best.as_secs_f64() / w.best.as_secs_f64();
    if ratio >= 1.0 {
        println!("\nwhycors is {ratio:.2}× faster than jq on the same file");
    } else {
        println!(
            "\nwhycors is {:.2}× SLOWER than jq on the same file",
            1.0 / ratio
        );
    }
    ExitCode::SUCCESS
}

struct Timing {
    best: Duration,
    all: Vec<Duration>,
}

/// Run `cmd` `runs` times with its output thrown away; `None` if a run fails.
fn best_of(cmd: &mut Command, runs: usize) -> Option<Timing> {
    let mut all = Vec::new();
    for _ in 0..runs.max(1) {
        let devnull = File::create("/dev/null").ok()?;
        cmd.stdin(Stdio::null())
            .stdout(devnull)
            .stderr(Stdio::null());
        let t = Instant::now();
        let ok = cmd.status().ok()?.success();
        let d = t.elapsed();
        if !ok {
            return None;
        }
        all.push(d);
    }
    let best = all.iter().min().copied()?;
    Some(Timing { best, all })
}

fn fmt(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn count_findings(report: &Path) -> Option<usize> {
    let text = fs::read_to_string(report).ok()?;
    // Each finding has exactly one `"location":` key in the pretty-printed report.
    Some(text.matches("\"location\":").count())
}

fn ensure_jq() -> bool {
    if super::on_path("jq") {
        return true;
    }
    if !super::is_root() {
        return false;
    }
    println!("jq is missing: installing the Debian package");
    let mut update = Command::new("apt-get");
    update
        .arg("update")
        .env("DEBIAN_FRONTEND", "noninteractive");
    if !super::run_tee(update).ok {
        return false;
    }
    let mut c = Command::new("apt-get");
    c.args(["install", "-y", "--no-install-recommends", "jq"])
        .env("DEBIAN_FRONTEND", "noninteractive");
    super::run_tee(c).ok && super::on_path("jq")
}

/// A file from this generator, at least `want` bytes and less than 2 MB over.
fn is_usable(path: &Path, want: u64) -> bool {
    let Ok(meta) = fs::metadata(path) else {
        return false;
    };
    if meta.len() < want || meta.len() > want + 2 * MB {
        return false;
    }
    let mut head = [0u8; 512];
    let n = File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    String::from_utf8_lossy(head.get(..n).unwrap_or(&[])).contains(GENERATOR)
}

// ---------------------------------------------------------------------------------------------
// The HAR generator

struct Stats {
    entries: usize,
    candidates: usize,
}

/// A tiny JSON tree, written pretty-printed the way DevTools' "Save all as HAR" does.
enum J {
    S(String),
    N(f64),
    I(i64),
    B(bool),
    Null,
    O(Vec<(&'static str, J)>),
    A(Vec<J>),
}

fn s(v: impl Into<String>) -> J {
    J::S(v.into())
}

fn write_str(out: &mut impl Write, v: &str) -> std::io::Result<()> {
    out.write_all(b"\"")?;
    let bytes = v.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: Option<&[u8]> = match b {
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            b'\n' => Some(b"\\n"),
            b'\r' => Some(b"\\r"),
            b'\t' => Some(b"\\t"),
            _ => None,
        };
        if let Some(e) = esc {
            out.write_all(bytes.get(start..i).unwrap_or(&[]))?;
            out.write_all(e)?;
            start = i + 1;
        }
    }
    out.write_all(bytes.get(start..).unwrap_or(&[]))?;
    out.write_all(b"\"")
}

fn write_json(out: &mut impl Write, v: &J, depth: usize) -> std::io::Result<()> {
    const PAD: &str = "                                                                ";
    let pad = |d: usize| PAD.get(..(d * 2).min(PAD.len())).unwrap_or("");
    match v {
        J::S(x) => write_str(out, x),
        J::N(x) => write!(out, "{x:.3}"),
        J::I(x) => write!(out, "{x}"),
        J::B(x) => write!(out, "{x}"),
        J::Null => out.write_all(b"null"),
        J::O(fields) if fields.is_empty() => out.write_all(b"{}"),
        J::A(items) if items.is_empty() => out.write_all(b"[]"),
        J::O(fields) => {
            out.write_all(b"{\n")?;
            for (i, (k, x)) in fields.iter().enumerate() {
                write!(out, "{}\"{k}\": ", pad(depth + 1))?;
                write_json(out, x, depth + 1)?;
                out.write_all(if i + 1 < fields.len() { b",\n" } else { b"\n" })?;
            }
            write!(out, "{}}}", pad(depth))
        }
        J::A(items) => {
            out.write_all(b"[\n")?;
            for (i, x) in items.iter().enumerate() {
                out.write_all(pad(depth + 1).as_bytes())?;
                write_json(out, x, depth + 1)?;
                out.write_all(if i + 1 < items.len() { b",\n" } else { b"\n" })?;
            }
            write!(out, "{}]", pad(depth))
        }
    }
}

/// xorshift64*: deterministic, so the same size always gives the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }
    fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from(b"0123456789abcdef"[(self.below(16)) as usize]))
            .collect()
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs.get(self.below(xs.len() as u64) as usize)
            .copied()
            .unwrap_or("")
    }
}

const APP: &str = "https://shop.example.com";
const API: &str = "https://k3x9q2m1ab.execute-api.eu-west-1.amazonaws.com";
const CDN: &str = "https://cdn.shop-static.example.net";
const UA: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const JWT: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4ZjE0YjIiLCJzY29wZSI6Im9yZGVycyIsImV4cCI6MTg5MzQ1NjAwMH0.c2lnbmF0dXJlLW5vdC1yZWFs";

fn hdr(name: &str, value: impl Into<String>) -> J {
    J::O(vec![("name", s(name)), ("value", s(value))])
}

fn timings(r: &mut Rng) -> (f64, J) {
    let wait = r.range(20, 400) as f64 + r.below(1000) as f64 / 1000.0;
    let recv = r.range(0, 60) as f64 + r.below(1000) as f64 / 1000.0;
    let send = r.below(500) as f64 / 1000.0;
    (
        wait + recv + send + 1.5,
        J::O(vec![
            ("blocked", J::N(1.2)),
            ("dns", J::I(-1)),
            ("ssl", J::I(-1)),
            ("connect", J::I(-1)),
            ("send", J::N(send)),
            ("wait", J::N(wait)),
            ("receive", J::N(recv)),
            ("_blocked_queueing", J::N(0.9)),
            ("_workerStart", J::I(-1)),
            ("_workerReady", J::I(-1)),
            ("_workerFetchStart", J::I(-1)),
            ("_workerRespondWithSettled", J::I(-1)),
        ]),
    )
}

fn started(ms: u64) -> String {
    let total_s = ms / 1000;
    format!(
        "2026-11-02T{:02}:{:02}:{:02}.{:03}Z",
        (9 + total_s / 3600) % 24,
        (total_s / 60) % 60,
        total_s % 60,
        ms % 1000
    )
}

fn initiator(kind: &str, func: &str, script: &str, r: &mut Rng) -> J {
    if kind == "parser" {
        return J::O(vec![
            ("type", s("parser")),
            ("url", s(format!("{APP}/"))),
            ("lineNumber", J::I(r.range(10, 80) as i64)),
        ]);
    }
    J::O(vec![
        ("type", s("script")),
        (
            "stack",
            J::O(vec![(
                "callFrames",
                J::A(vec![
                    J::O(vec![
                        ("functionName", s(func)),
                        ("scriptId", s(r.range(10, 99).to_string())),
                        ("url", s(script)),
                        ("lineNumber", J::I(r.range(0, 5) as i64)),
                        ("columnNumber", J::I(r.range(100, 90000) as i64)),
                    ]),
                    J::O(vec![
                        ("functionName", s("")),
                        ("scriptId", s(r.range(10, 99).to_string())),
                        ("url", s(script)),
                        ("lineNumber", J::I(r.range(0, 5) as i64)),
                        ("columnNumber", J::I(r.range(100, 90000) as i64)),
                    ]),
                ]),
            )]),
        ),
    ])
}

/// The parts one entry varies in.
struct E<'a> {
    resource_type: &'a str,
    priority: &'a str,
    initiator: J,
    method: &'a str,
    url: String,
    req_headers: Vec<J>,
    post: Option<(&'a str, String)>,
    status: i64,
    status_text: &'a str,
    resp_headers: Vec<J>,
    mime: &'a str,
    text: Option<String>,
    base64: bool,
    error: Option<&'a str>,
    at_ms: u64,
}

fn entry(e: E<'_>, r: &mut Rng) -> J {
    let (time, t) = timings(r);
    let (authority, path) = e
        .url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('/'))
        .map(|(a, p)| (a.to_string(), format!("/{p}")))
        .unwrap_or_default();
    let mut headers = vec![
        hdr(":authority", authority),
        hdr(":method", e.method),
        hdr(":path", path),
        hdr(":scheme", "https"),
    ];
    headers.extend(e.req_headers);
    let query: Vec<J> = e
        .url
        .split_once('?')
        .map(|(_, q)| {
            q.split('&')
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| hdr(k, v))
                .collect()
        })
        .unwrap_or_default();
    let mut request = vec![
        ("method", s(e.method)),
        ("url", s(e.url.clone())),
        ("httpVersion", s("http/2.0")),
        ("headers", J::A(headers)),
        ("queryString", J::A(query)),
        ("cookies", J::A(Vec::new())),
        ("headersSize", J::I(-1)),
    ];
    let body_size = e.post.as_ref().map_or(0, |(_, b)| b.len() as i64);
    request.push(("bodySize", J::I(body_size)));
    if let Some((mime, body)) = e.post {
        request.push((
            "postData",
            J::O(vec![("mimeType", s(mime)), ("text", s(body))]),
        ));
    }
    let size = e.text.as_ref().map_or(0, |t| t.len() as i64);
    let mut content = vec![("size", J::I(size)), ("mimeType", s(e.mime))];
    if let Some(text) = e.text {
        content.push(("text", s(text)));
        if e.base64 {
            content.push(("encoding", s("base64")));
        }
    }
    let transfer = if e.status == 0 { 0 } else { size / 3 + 300 };
    let response = J::O(vec![
        ("status", J::I(e.status)),
        ("statusText", s(e.status_text)),
        (
            "httpVersion",
            s(if e.status == 0 { "" } else { "http/2.0" }),
        ),
        ("headers", J::A(e.resp_headers)),
        ("cookies", J::A(Vec::new())),
        ("content", J::O(content)),
        ("redirectURL", s("")),
        ("headersSize", J::I(-1)),
        ("bodySize", J::I(if e.status == 0 { -1 } else { transfer })),
        ("_transferSize", J::I(transfer)),
        ("_error", e.error.map_or(J::Null, s)),
        ("_fetchedViaServiceWorker", J::B(false)),
    ]);
    let mut fields = Vec::new();
    fields.push(("_connectionId", s(r.range(40000, 60000).to_string())));
    fields.push(("_initiator", e.initiator));
    fields.push(("_priority", s(e.priority)));
    fields.push(("_resourceType", s(e.resource_type)));
    fields.push(("cache", J::O(Vec::new())));
    fields.push(("connection", s("443")));
    fields.push(("pageref", s("page_1")));
    fields.push(("request", J::O(request)));
    fields.push(("response", response));
    fields.push((
        "serverIPAddress",
        s(format!(
            "18.{}.{}.{}",
            r.below(255),
            r.below(255),
            r.below(255)
        )),
    ));
    fields.push(("startedDateTime", s(started(e.at_ms))));
    fields.push(("time", J::N(time)));
    fields.push(("timings", t));
    J::O(fields)
}

fn browser_headers(r: &mut Rng, accept: &str, dest: &str, mode: &str, cross: bool) -> Vec<J> {
    let mut h = vec![
        hdr("accept", accept),
        hdr("accept-encoding", "gzip, deflate, br, zstd"),
        hdr("accept-language", "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7"),
        hdr("priority", "u=1, i"),
        hdr("referer", format!("{APP}/")),
        hdr(
            "sec-ch-ua",
            "\"Chromium\";v=\"156\", \"Not-A.Brand\";v=\"24\"",
        ),
        hdr("sec-ch-ua-mobile", "?0"),
        hdr("sec-ch-ua-platform", "\"Linux\""),
        hdr("sec-fetch-dest", dest),
        hdr("sec-fetch-mode", mode),
        hdr(
            "sec-fetch-site",
            if cross { "cross-site" } else { "same-origin" },
        ),
        hdr("user-agent", UA),
    ];
    if r.below(4) == 0 {
        h.push(hdr("cache-control", "no-cache"));
        h.push(hdr("pragma", "no-cache"));
    }
    h
}

fn apigw_headers(r: &mut Rng, len: usize, mime: &str) -> Vec<J> {
    vec![
        hdr("content-length", len.to_string()),
        hdr("content-type", mime),
        hdr("date", "Mon, 02 Nov 2026 09:14:03 GMT"),
        hdr("x-amz-apigw-id", format!("{}=", r.hex(14))),
        hdr(
            "x-amzn-requestid",
            format!(
                "{}-{}-{}-{}-{}",
                r.hex(8),
                r.hex(4),
                r.hex(4),
                r.hex(4),
                r.hex(12)
            ),
        ),
        hdr(
            "x-amzn-trace-id",
            format!("Root=1-{}-{}", r.hex(8), r.hex(24)),
        ),
    ]
}

fn cors_ok(headers: &mut Vec<J>) {
    headers.push(hdr("access-control-allow-origin", APP));
    headers.push(hdr("access-control-allow-credentials", "true"));
    headers.push(hdr("access-control-expose-headers", "x-request-id"));
    headers.push(hdr("vary", "Origin"));
}

/// A JSON API body: an array of orders, with nested escaped JSON in `meta`.
fn json_body(r: &mut Rng, (lo, hi): (u64, u64)) -> String {
    let target = r.range(lo, hi) as usize;
    let mut out = String::from("{\"items\":[");
    let mut i = 0;
    while out.len() < target {
        if i > 0 {
            out.push(',');
        }
        let status = r.pick(&["paid", "shipped", "open", "cancelled"]);
        out.push_str(&format!(
            "{{\"id\":\"ord_{}\",\"customer\":{{\"name\":\"Kundin {}\",\"email\":\"k{}@example.org\"}},\"total\":{}.{:02},\"currency\":\"EUR\",\"status\":\"{status}\",\"lines\":[{{\"sku\":\"SKU-{}\",\"qty\":{},\"title\":\"Wollsocken \\\"Winter\\\" Größe {}\"}}],\"meta\":\"{{\\\"source\\\":\\\"web\\\",\\\"ab\\\":\\\"{}\\\"}}\"}}",
            r.hex(10),
            r.below(10000),
            r.below(100000),
            r.range(5, 900),
            r.below(100),
            r.hex(6),
            r.range(1, 5),
            r.range(36, 46),
            r.pick(&["a", "b", "control"]),
        ));
        i += 1;
    }
    out.push_str(&format!(
        "],\"next\":\"/prod/orders?cursor={}\"}}",
        r.hex(16)
    ));
    out
}

fn js_body(r: &mut Rng, (lo, hi): (u64, u64)) -> String {
    let target = r.range(lo, hi) as usize;
    let mut out = String::from("\"use strict\";\n");
    while out.len() < target {
        let f = r.hex(3);
        out.push_str(&format!(
            "function c_{f}(e,t){{const n=e.querySelector(\"[data-id='\"+t+\"']\");if(!n)return null;n.classList.toggle(\"is-open\");\n\treturn fetch(`/api/${{t}}`,{{headers:{{\"x-trace\":\"{}\"}}}}).then(r=>r.json());}}\n",
            r.hex(8)
        ));
    }
    out
}

fn base64_body(r: &mut Rng, (lo, hi): (u64, u64)) -> String {
    let target = r.range(lo, hi) as usize;
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(target + 4);
    while out.len() < target {
        let x = r.next();
        for k in 0..8 {
            out.push(char::from(B64[((x >> (k * 6)) & 63) as usize]));
        }
    }
    out.push_str("==");
    out
}

fn html_body(r: &mut Rng, (lo, hi): (u64, u64)) -> String {
    let target = r.range(lo, hi) as usize;
    let mut out = String::from("<!doctype html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>Shop</title></head><body>\n");
    while out.len() < target {
        out.push_str(&format!(
            "<div class=\"card\" data-id=\"{}\"><a href=\"/p/{}\">Produkt</a><img src=\"{CDN}/img/{}.webp\" alt=\"\"></div>\n",
            r.hex(6),
            r.hex(8),
            r.hex(10)
        ));
    }
    out.push_str("</body></html>\n");
    out
}

fn preflight_entry(
    r: &mut Rng,
    url: &str,
    method: &str,
    req_hdrs: &str,
    at: u64,
    fails: bool,
) -> J {
    let h = vec![
        hdr("accept", "*/*"),
        hdr("accept-encoding", "gzip, deflate, br, zstd"),
        hdr("accept-language", "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7"),
        hdr("access-control-request-headers", req_hdrs),
        hdr("access-control-request-method", method),
        hdr("origin", APP),
        hdr("priority", "u=1, i"),
        hdr("referer", format!("{APP}/")),
        hdr("sec-fetch-dest", "empty"),
        hdr("sec-fetch-mode", "cors"),
        hdr("sec-fetch-site", "cross-site"),
        hdr("user-agent", UA),
    ];
    let (status, text, resp) = if fails {
        let body = "{\"message\":\"Missing Authentication Token\"}";
        let mut resp = apigw_headers(r, body.len(), "application/json");
        resp.push(hdr(
            "x-amzn-errortype",
            "MissingAuthenticationTokenException",
        ));
        (403, "", resp)
    } else {
        let mut resp = apigw_headers(r, 0, "application/json");
        resp.push(hdr(
            "access-control-allow-headers",
            "authorization,content-type,x-request-id",
        ));
        resp.push(hdr(
            "access-control-allow-methods",
            "GET,POST,PUT,DELETE,OPTIONS",
        ));
        resp.push(hdr("access-control-allow-origin", APP));
        resp.push(hdr("access-control-allow-credentials", "true"));
        resp.push(hdr("access-control-max-age", "600"));
        (204, "", resp)
    };
    entry(
        E {
            resource_type: "preflight",
            priority: "High",
            initiator: J::O(vec![("type", s("preflight")), ("url", s(url))]),
            method: "OPTIONS",
            url: url.to_string(),
            req_headers: h,
            post: None,
            status,
            status_text: text,
            resp_headers: resp,
            mime: "application/json",
            text: None,
            base64: false,
            error: fails.then_some("net::ERR_FAILED"),
            at_ms: at,
        },
        r,
    )
}

/// One "page cycle": a document, its scripts and images, and API calls.
fn cycle(r: &mut Rng, n: u64, at: &mut u64, out: &mut Vec<J>, candidates: &mut usize) {
    let script = format!("{CDN}/assets/index-{}.js", r.hex(6));
    let mut tick = |r: &mut Rng| {
        *at += r.range(1, 40);
        *at
    };
    // The document (a single-page app navigates now and then).
    if n.is_multiple_of(8) {
        let html = html_body(r, (8_000, 40_000));
        let t = tick(r);
        out.push(entry(
            E {
                resource_type: "document",
                priority: "VeryHigh",
                initiator: J::O(vec![("type", s("other"))]),
                method: "GET",
                url: format!("{APP}/kategorie/{}", r.hex(5)),
                req_headers: browser_headers(
                    r,
                    "text/html,application/xhtml+xml",
                    "document",
                    "navigate",
                    false,
                ),
                post: None,
                status: 200,
                status_text: "",
                resp_headers: vec![
                    hdr("content-type", "text/html; charset=utf-8"),
                    hdr("cache-control", "no-cache"),
                ],
                mime: "text/html",
                text: Some(html),
                base64: false,
                error: None,
                at_ms: t,
            },
            r,
        ));
    }
    // Scripts and images from the CDN: not CORS candidates.
    for _ in 0..r.range(0, 2) {
        let js = js_body(r, (5_000, 60_000));
        let t = tick(r);
        out.push(entry(
            E {
                resource_type: "script",
                priority: "High",
                initiator: initiator("parser", "", "", r),
                method: "GET",
                url: format!("{CDN}/assets/chunk-{}.js", r.hex(8)),
                req_headers: browser_headers(r, "*/*", "script", "no-cors", true),
                post: None,
                status: 200,
                status_text: "",
                resp_headers: vec![
                    hdr("content-type", "application/javascript"),
                    hdr("cache-control", "public, max-age=31536000, immutable"),
                    hdr("x-cache", "Hit from cloudfront"),
                ],
                mime: "application/javascript",
                text: Some(js),
                base64: false,
                error: None,
                at_ms: t,
            },
            r,
        ));
    }
    for _ in 0..r.range(1, 5) {
        let img = base64_body(r, (1_000, 16_000));
        let t = tick(r);
        out.push(entry(
            E {
                resource_type: "image",
                priority: "Low",
                initiator: initiator("parser", "", "", r),
                method: "GET",
                url: format!("{CDN}/img/{}.webp", r.hex(10)),
                req_headers: browser_headers(
                    r,
                    "image/avif,image/webp,image/apng,*/*;q=0.8",
                    "image",
                    "no-cors",
                    true,
                ),
                post: None,
                status: 200,
                status_text: "",
                resp_headers: vec![
                    hdr("content-type", "image/webp"),
                    hdr("cache-control", "public, max-age=86400"),
                ],
                mime: "image/webp",
                text: Some(img),
                base64: true,
                error: None,
                at_ms: t,
            },
            r,
        ));
    }
    // API calls: each cycle picks a few of the shapes seen in real captures.
    for _ in 0..r.range(4, 10) {
        let shape = r.below(10);
        let id = r.hex(8);
        match shape {
            // fetch GET with Authorization: preflight + 200 with a JSON body.
            0..=3 => {
                let url = format!("{API}/prod/orders?page={}&cursor={id}", r.below(50));
                let t = tick(r);
                out.push(preflight_entry(r, &url, "GET", "authorization", t, false));
                let body = json_body(r, (500, 20_000));
                let mut resp = apigw_headers(r, body.len(), "application/json");
                cors_ok(&mut resp);
                let mut req = browser_headers(r, "application/json", "empty", "cors", true);
                req.push(hdr("authorization", format!("Bearer {JWT}")));
                req.push(hdr("origin", APP));
                let t = tick(r);
                out.push(entry(
                    E {
                        resource_type: "fetch",
                        priority: "High",
                        initiator: initiator("script", "loadOrders", &script, r),
                        method: "GET",
                        url,
                        req_headers: req,
                        post: None,
                        status: 200,
                        status_text: "",
                        resp_headers: resp,
                        mime: "application/json",
                        text: Some(body),
                        base64: false,
                        error: None,
                        at_ms: t,
                    },
                    r,
                ));
                *candidates += 1;
            }
            // xhr POST: preflight passes, the gateway throttles the POST (429, no CORS headers).
            4 | 5 => {
                let url = format!("{API}/prod/orders");
                let t = tick(r);
                out.push(preflight_entry(
                    r,
                    &url,
                    "POST",
                    "authorization,content-type",
                    t,
                    false,
                ));
                let body = "{\"message\":\"Too Many Requests\"}";
                let mut resp = apigw_headers(r, body.len(), "application/json");
                resp.push(hdr("x-amzn-errortype", "TooManyRequestsException"));
                let mut req = browser_headers(
                    r,
                    "application/json, text/plain, */*",
                    "empty",
                    "cors",
                    true,
                );
                req.push(hdr("authorization", format!("Bearer {JWT}")));
                req.push(hdr("content-type", "application/json"));
                req.push(hdr("cookie", format!("session={}", r.hex(24))));
                req.push(hdr("origin", APP));
                let post = json_body(r, (300, 2_000));
                let t = tick(r);
                out.push(entry(
                    E {
                        resource_type: "xhr",
                        priority: "High",
                        initiator: initiator("script", "submitOrder", &script, r),
                        method: "POST",
                        url,
                        req_headers: req,
                        post: Some(("application/json", post)),
                        status: 429,
                        status_text: "",
                        resp_headers: resp,
                        mime: "application/json",
                        text: None,
                        base64: false,
                        error: Some("net::ERR_FAILED"),
                        at_ms: t,
                    },
                    r,
                ));
                *candidates += 1;
            }
            // fetch PUT to a path without OPTIONS: the preflight gets 403, the PUT is never sent.
            6 => {
                let url = format!("{API}/prod/profile/{id}");
                let t = tick(r);
                out.push(preflight_entry(
                    r,
                    &url,
                    "PUT",
                    "content-type,x-request-id",
                    t,
                    true,
                ));
                let t = tick(r);
                out.push(entry(
                    E {
                        resource_type: "fetch",
                        priority: "High",
                        initiator: initiator("script", "saveProfile", &script, r),
                        method: "PUT",
                        url,
                        req_headers: vec![
                            hdr("content-type", "application/json"),
                            hdr("referer", format!("{APP}/")),
                            hdr("x-request-id", r.hex(16)),
                        ],
                        post: Some(("application/json", "{\"newsletter\":true}".to_string())),
                        status: 0,
                        status_text: "",
                        resp_headers: Vec::new(),
                        mime: "x-unknown",
                        text: None,
                        base64: false,
                        error: Some("net::ERR_FAILED"),
                        at_ms: t,
                    },
                    r,
                ));
                *candidates += 1;
            }
            // A simple cross-origin GET (no preflight) that reads ETag, allowed by `*`.
            7 => {
                let body = json_body(r, (500, 5_000));
                let mut resp = apigw_headers(r, body.len(), "application/json");
                resp.push(hdr("access-control-allow-origin", "*"));
                resp.push(hdr("etag", format!("W/\"{}\"", r.hex(12))));
                let mut req = browser_headers(r, "*/*", "empty", "cors", true);
                req.push(hdr("origin", APP));
                let t = tick(r);
                out.push(entry(
                    E {
                        resource_type: "fetch",
                        priority: "High",
                        initiator: initiator("script", "loadCatalog", &script, r),
                        method: "GET",
                        url: format!("{API}/prod/catalog/{id}"),
                        req_headers: req,
                        post: None,
                        status: 200,
                        status_text: "",
                        resp_headers: resp,
                        mime: "application/json",
                        text: Some(body),
                        base64: false,
                        error: None,
                        at_ms: t,
                    },
                    r,
                ));
                *candidates += 1;
            }
            // Same-origin API calls: read, then left out of the report.
            _ => {
                let body = json_body(r, (500, 8_000));
                let t = tick(r);
                out.push(entry(
                    E {
                        resource_type: "xhr",
                        priority: "High",
                        initiator: initiator("script", "session", &script, r),
                        method: "GET",
                        url: format!("{APP}/api/session?n={n}"),
                        req_headers: browser_headers(r, "application/json", "empty", "cors", false),
                        post: None,
                        status: 200,
                        status_text: "OK",
                        resp_headers: vec![hdr("content-type", "application/json")],
                        mime: "application/json",
                        text: Some(body),
                        base64: false,
                        error: None,
                        at_ms: t,
                    },
                    r,
                ));
            }
        }
    }
}

/// Write a HAR of at least `want` bytes to `path` (through a temporary file).
fn generate(path: &Path, want: u64) -> std::io::Result<Stats> {
    let tmp: PathBuf = path.with_extension("har.part");
    let file = File::create(&tmp)?;
    let mut w = CountingWriter {
        inner: BufWriter::with_capacity(1 << 20, file),
        written: 0,
    };
    write!(
        w,
        "{{\n  \"log\": {{\n    \"version\": \"1.2\",\n    \"creator\": {{\n      \"name\": \"WebInspector\",\n      \"version\": \"537.36\",\n      \"comment\": \"{GENERATOR}\"\n    }},\n    \"pages\": [\n      {{\n        \"startedDateTime\": \"2026-11-02T09:00:00.000Z\",\n        \"id\": \"page_1\",\n        \"title\": \"{APP}/\",\n        \"pageTimings\": {{ \"onContentLoad\": 412.5, \"onLoad\": 980.1 }}\n      }}\n    ],\n    \"entries\": ["
    )?;
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut at = 0u64;
    let mut stats = Stats {
        entries: 0,
        candidates: 0,
    };
    let mut n = 0u64;
    // Leave room for the closing brackets.
    while w.written + 16 < want {
        let mut batch = Vec::new();
        cycle(&mut r, n, &mut at, &mut batch, &mut stats.candidates);
        n += 1;
        for e in batch {
            w.write_all(if stats.entries == 0 {
                b"\n      "
            } else {
                b",\n      "
            })?;
            write_json(&mut w, &e, 3)?;
            stats.entries += 1;
        }
    }
    w.write_all(b"\n    ]\n  }\n}\n")?;
    w.inner.flush()?;
    drop(w);
    fs::rename(&tmp, path)?;
    Ok(stats)
}

struct CountingWriter<W: Write> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
