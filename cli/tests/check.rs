//! `whycors check` against a real `whycors lab` over loopback: every lab mode,
//! the error-path probes, the safety rule for non-safe methods, redirects, exit
//! codes, JUnit XML, whycors.toml and the text output on a terminal.

use serde_json::Value;
use std::io::Read;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::Duration;
use whycors_cli::lab::{self, modes::MODES, LabHandle, LabOptions};

mod common;
use common::{strip_ansi, ESC};

const BIN: &str = env!("CARGO_BIN_EXE_whycors");

fn lab() -> LabHandle {
    lab::start(LabOptions::default()).expect("lab starts on free ports")
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("check")
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("run whycors")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", stdout(o), stderr(o)))
}

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("whycors-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write scratch file");
    p
}

/// The requests the lab's API received, oldest first (`/echo/last`).
fn echo(h: &LabHandle) -> Vec<Value> {
    let mut s = std::net::TcpStream::connect(h.api_addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    use std::io::Write;
    s.write_all(b"GET /echo/last HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).expect("utf-8");
    let body = text.split_once("\r\n\r\n").expect("head").1;
    match serde_json::from_str(body).expect("echo is JSON") {
        Value::Array(a) => a,
        other => panic!("echo: {other}"),
    }
}

fn header<'a>(entry: &'a Value, name: &str) -> Option<&'a str> {
    entry["headers"]
        .as_array()?
        .iter()
        .find(|h| h[0].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .and_then(|h| h[1].as_str())
}

fn received(h: &LabHandle, target: &str) -> Vec<Value> {
    echo(h)
        .into_iter()
        .filter(|e| e["path"].as_str() == Some(target))
        .collect()
}

fn nonce(tag: &str) -> String {
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{tag}-{n:x}")
}

/// Arguments that make a mode's demo request, as the lab's page sends it.
fn mode_args(h: &LabHandle, slug: &str) -> Vec<String> {
    let m = MODES.iter().find(|m| m.slug == slug).expect("mode");
    let mut url = format!("{}/mode/{}", h.api_url, m.slug);
    if !m.query.is_empty() {
        url = format!("{url}?{}", m.query);
    }
    let mut a = vec![
        url,
        "--origin".to_string(),
        h.app_url.clone(),
        "--method".to_string(),
        m.method.to_string(),
    ];
    for (n, v) in m.headers {
        a.push("-H".into());
        a.push(format!("{n}: {v}"));
    }
    if m.credentials == "include" {
        a.push("--credentials".into());
    }
    for r in m.reads {
        a.push("--reads".into());
        a.push(r.to_string());
    }
    if let Some(b) = m.body {
        let p = scratch(&format!("{slug}.body"), b.text.repeat(b.repeat).as_bytes());
        a.push("--data-file".into());
        a.push(p.display().to_string());
    }
    a
}

fn with(mut base: Vec<String>, extra: &[&str]) -> Vec<String> {
    base.extend(extra.iter().map(|s| s.to_string()));
    base
}

fn run_owned(args: &[String]) -> Output {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&refs)
}

#[test]
fn every_lab_mode_gets_the_expected_verdict() {
    let h = lab();
    let mut table = Vec::new();
    let mut bad = 0;
    for m in MODES {
        let args = with(
            mode_args(&h, m.slug),
            &["--allow-unsafe", "--no-error-paths", "--json"],
        );
        let out = run_owned(&args);
        let v = json_of(&out);
        assert_eq!(v["version"], 1, "{}", m.slug);
        assert_eq!(v["input"], "live", "{}", m.slug);
        let results = v["check"]["results"].as_array().expect("results");
        assert_eq!(results.len(), 1, "{}: {v}", m.slug);
        let f = &v["findings"][0];
        let (got, want) = common::lab_verdict(f, &m.expect);
        let e = &m.expect;
        // A browser allows only `ok` (with or without warnings).
        let want_code = if e.cause == "ok" { 0 } else { 1 };
        let code = out.status.code();
        let ok = got == want && code == Some(want_code);
        if !ok {
            bad += 1;
        }
        table.push(format!(
            "{:<24} {:<5} want {:?} exit {want_code}, got {:?} exit {code:?}",
            m.slug,
            if ok { "ok" } else { "WRONG" },
            want,
            got
        ));
        assert!(
            stderr(&out).is_empty(),
            "{}: stderr {}",
            m.slug,
            stderr(&out)
        );
        assert_eq!(
            f["location"].as_str(),
            Some(format!("{} {}: request", normalize(m.method), args[0]).as_str()),
            "{}",
            m.slug
        );
    }
    println!("{}", table.join("\n"));
    assert_eq!(bad, 0, "modes with a wrong verdict:\n{}", table.join("\n"));
    assert_eq!(table.len(), MODES.len());
}

fn normalize(m: &str) -> String {
    match m.to_ascii_uppercase().as_str() {
        u @ ("DELETE" | "GET" | "HEAD" | "OPTIONS" | "POST" | "PUT") => u.to_string(),
        _ => m.to_string(),
    }
}

#[test]
fn a_non_safe_method_is_never_sent_without_allow_unsafe() {
    let h = lab();
    let tag = nonce("unsafe");
    let url = format!("{}/mode/control?{tag}", h.api_url);
    let target = format!("/mode/control?{tag}");
    let out = run(&[
        &url,
        "--origin",
        &h.app_url,
        "-X",
        "PUT",
        "-H",
        "Content-Type: application/json",
        "-H",
        "Authorization: Bearer secret-token",
        "--credentials",
        "--cookie",
        "sid=abc",
        "--data",
        "{\"a\":1}",
        "--no-error-paths",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v = json_of(&out);
    let r = &v["check"]["results"][0];
    assert_eq!(r["preflight_sent"], true);
    assert_eq!(r["actual_sent"], false);
    assert!(
        r["not_sent"].as_str().unwrap().contains("--allow-unsafe"),
        "{r}"
    );
    let seen = received(&h, &target);
    assert_eq!(seen.len(), 1, "only the preflight: {seen:?}");
    let pf = &seen[0];
    assert_eq!(pf["method"], "OPTIONS");
    // Exactly what a browser puts on a preflight.
    assert_eq!(header(pf, "origin"), Some(h.app_url.as_str()));
    assert_eq!(header(pf, "accept"), Some("*/*"));
    assert_eq!(header(pf, "access-control-request-method"), Some("PUT"));
    assert_eq!(
        header(pf, "access-control-request-headers"),
        Some("authorization,content-type")
    );
    assert_eq!(header(pf, "authorization"), None);
    assert_eq!(header(pf, "cookie"), None);
    assert_eq!(header(pf, "content-type"), None);
    assert_eq!(pf["body_length"], 0);
    // The text output says so.
    let text = run(&[
        &url,
        "--origin",
        &h.app_url,
        "-X",
        "PUT",
        "-H",
        "Content-Type: application/json",
        "--no-error-paths",
    ]);
    let t = stdout(&text);
    assert!(t.contains("request (preflight only)"), "{t}");
    assert!(t.contains("Not sent: PUT is not a safe method"), "{t}");

    // With --allow-unsafe it goes out, with Origin, Authorization, cookie and body.
    let tag2 = nonce("unsafe2");
    let url2 = format!("{}/mode/control?{tag2}", h.api_url);
    let out = run(&[
        &url2,
        "--origin",
        &h.app_url,
        "-X",
        "PUT",
        "-H",
        "Content-Type: application/json",
        "-H",
        "Authorization: Bearer secret-token",
        "--credentials",
        "--cookie",
        "sid=abc",
        "--data",
        "{\"a\":1}",
        "--reads",
        "ETag",
        "--no-error-paths",
        "--allow-unsafe",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let seen = received(&h, &format!("/mode/control?{tag2}"));
    let methods: Vec<&str> = seen.iter().map(|e| e["method"].as_str().unwrap()).collect();
    assert_eq!(methods, ["OPTIONS", "PUT"]);
    let put = &seen[1];
    assert_eq!(header(put, "origin"), Some(h.app_url.as_str()));
    assert_eq!(header(put, "authorization"), Some("Bearer secret-token"));
    assert_eq!(header(put, "cookie"), Some("sid=abc"));
    assert_eq!(put["body_length"], 7);
    // Secrets are redacted in the report unless asked.
    assert!(!stdout(&out).contains("secret-token"));
}

#[test]
fn method_case_is_kept_as_fetch_keeps_it() {
    let h = lab();
    let tag = nonce("patch");
    let url = format!("{}/mode/control?{tag}", h.api_url);
    let out = run(&[
        &url,
        "--origin",
        &h.app_url,
        "-X",
        "patch",
        "--no-error-paths",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let v = json_of(&out);
    assert_eq!(
        v["findings"][0]["browser"]["cors_error"],
        "MethodDisallowedByPreflightResponse"
    );
    let seen = received(&h, &format!("/mode/control?{tag}"));
    assert_eq!(
        header(&seen[0], "access-control-request-method"),
        Some("patch")
    );
    // `put` is upper-cased by fetch(), and PUT is allowed.
    let out = run(&[
        &url,
        "--origin",
        &h.app_url,
        "-X",
        "put",
        "--no-error-paths",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_simple_get_sends_no_preflight() {
    let h = lab();
    let tag = nonce("simple");
    let url = format!("{}/mode/no-vary?{tag}", h.api_url);
    let out = run(&[&url, "--origin", &h.app_url, "--no-error-paths", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let seen = received(&h, &format!("/mode/no-vary?{tag}"));
    let methods: Vec<&str> = seen.iter().map(|e| e["method"].as_str().unwrap()).collect();
    assert_eq!(methods, ["GET"]);
    let v = json_of(&out);
    assert_eq!(v["check"]["results"][0]["preflight_sent"], false);
    // Allowed, with the missing Vary reported as a warning.
    let w = v["findings"][0]["warnings"].to_string();
    assert!(w.contains("Vary: Origin"), "{w}");
}

#[test]
fn error_path_probes_are_findings_of_their_own() {
    let h = lab();
    // A correct API: its 404 and its anonymous answer carry CORS headers.
    let url = format!("{}/mode/control", h.api_url);
    let out = run(&[
        &url,
        "--origin",
        &h.app_url,
        "-H",
        "Authorization: Bearer t",
        "--json",
    ]);
    let v = json_of(&out);
    let results = v["check"]["results"].as_array().unwrap();
    let probes: Vec<&str> = results
        .iter()
        .map(|r| r["probe"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        probes,
        ["-", "unknown path", "without Authorization"],
        "{v}"
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let probe_url = results[1]["url"].as_str().unwrap();
    assert!(
        probe_url.starts_with(&format!("{url}/whycors-probe-")),
        "{probe_url}"
    );
    let locations: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"].as_str().unwrap())
        .collect();
    assert!(
        locations[1].ends_with("probe: unknown path"),
        "{locations:?}"
    );
    assert!(
        locations[2].ends_with("probe: without Authorization"),
        "{locations:?}"
    );
    // The probe without Authorization really went out without it.
    let without = received(&h, "/mode/control")
        .into_iter()
        .filter(|e| e["method"] == "GET")
        .collect::<Vec<_>>();
    assert!(without.iter().any(|e| header(e, "authorization").is_none()));
    assert!(without
        .iter()
        .any(|e| header(e, "authorization") == Some("Bearer t")));

    // A REST API behind an authorizer: the request is denied (403 ACCESS_DENIED),
    // an unknown path gets 403 Missing Authentication Token on the preflight,
    // and the anonymous request also gets a gateway error without CORS headers.
    let url = format!("{}/mode/rest-access-denied", h.api_url);
    let out = run(&[
        &url,
        "--origin",
        &h.app_url,
        "-H",
        "Authorization: Bearer t",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    let results = v["check"]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let kinds: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["cause"]["kind"].as_str().unwrap(),
                f["cause"]["gateway_response"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("gateway_error", "ACCESS_DENIED"),
            ("preflight_missing", "MISSING_AUTHENTICATION_TOKEN"),
            ("gateway_error", "ACCESS_DENIED"),
        ],
        "{v}"
    );
    for r in results {
        assert_eq!(r["status"], "failed", "{r}");
    }
    // The unknown path is made up: its fixes put CORS headers on API Gateway's error
    // answers and never add an OPTIONS method (or anything) for the probe's path.
    let probe = &v["findings"][1];
    let probe_path = results[1]["url"].as_str().unwrap().replace(&h.api_url, "");
    let fixes = probe["fixes"].as_array().unwrap();
    assert!(!fixes.is_empty(), "{probe}");
    let probe_resource = probe_path.rsplit('/').next().unwrap();
    for fix in fixes {
        assert!(!fix["title"].as_str().unwrap().contains("OPTIONS"), "{fix}");
        // The path appears only in the comment saying what API Gateway's answer means.
        for line in fix["text"].as_str().unwrap().lines() {
            let l = line.trim_start();
            assert!(
                !line.contains(probe_resource) || l.starts_with('#') || l.starts_with("//"),
                "{line}\n{fix}"
            );
        }
    }
    let console = fixes
        .iter()
        .find(|f| f["target"] == "rest-api-console")
        .expect("the console fix");
    assert!(
        console["text"].as_str().unwrap().contains("DEFAULT_4XX"),
        "{console}"
    );
    // A probe that needs a preflight says why the preflight fails on any unknown path.
    assert!(
        probe["summary"]
            .as_str()
            .unwrap()
            .contains("greedy /{proxy+}"),
        "{probe}"
    );

    // --no-error-paths: the request alone.
    let out = run(&[
        &url,
        "--origin",
        &h.app_url,
        "-H",
        "Authorization: Bearer t",
        "--json",
        "--no-error-paths",
    ]);
    assert_eq!(
        json_of(&out)["check"]["results"].as_array().unwrap().len(),
        1
    );

    // An HTTP API whose unknown path is a 404 without CORS headers.
    let url = format!("{}/mode/http-503", h.api_url);
    let out = run(&[
        &url, "--origin", &h.app_url, "--json", "--expect", "blocked",
    ]);
    let v = json_of(&out);
    let f = &v["findings"][1];
    assert_eq!(f["browser"]["blocked"], true);
    assert!(f["evidence"].to_string().contains("404"), "{f}");
    // The request was expected blocked (503) but the unknown-path probe must be allowed.
    assert_eq!(v["check"]["results"][0]["status"], "passed");
    assert_eq!(v["check"]["results"][1]["status"], "failed");
    assert_eq!(out.status.code(), Some(1));
}

fn custom(h: &LabHandle, query: &str) -> String {
    format!("{}/custom?{query}", h.api_url)
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[test]
fn redirects_are_followed_as_fetch_follows_them() {
    let h = lab();
    // The lab's login redirect: the hop to the login page (another origin) is
    // sent with Origin: null and fails there.
    let url = format!("{}/mode/login-redirect", h.api_url);
    let out = run(&[&url, "--origin", &h.app_url, "--json", "--no-error-paths"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    let f = &v["findings"][0];
    assert_eq!(f["cause"]["kind"], "redirect");
    assert!(
        f["browser"]["console"]
            .as_str()
            .unwrap()
            .contains("redirected from"),
        "{f}"
    );

    // A cross-origin hop (api.localhost → 127.0.0.1): Origin becomes null and
    // Authorization is dropped; the final answer allows `null`.
    let tag = nonce("hop");
    let port = h.api_addr.port();
    let second = format!(
        "http://127.0.0.1:{port}/custom?{tag}&r_h={}",
        enc("Access-Control-Allow-Origin:{origin}")
    );
    let first = custom(
        &h,
        &format!(
            "p_h={}&p_h={}&r_h={}&r_location={}",
            enc("Access-Control-Allow-Origin:{origin}"),
            enc("Access-Control-Allow-Headers:authorization"),
            enc("Access-Control-Allow-Origin:{origin}"),
            enc(&second)
        ),
    );
    let out = run(&[
        &first,
        "--origin",
        &h.app_url,
        "-H",
        "Authorization: Bearer t",
        "--json",
        "--no-error-paths",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let hop: Vec<Value> = echo(&h)
        .into_iter()
        .filter(|e| e["path"].as_str().is_some_and(|p| p.contains(&tag)) && e["method"] == "GET")
        .collect();
    assert_eq!(hop.len(), 2, "the redirect was followed once: {hop:?}");
    let last = &hop[1];
    assert_eq!(header(last, "origin"), Some("null"));
    assert_eq!(header(last, "authorization"), None);
    assert_eq!(header(&hop[0], "authorization"), Some("Bearer t"));
    let v = json_of(&out);
    assert!(v["findings"][0]["warnings"]
        .to_string()
        .contains("Origin: null"));

    // A redirect without CORS headers on the hop itself stops there.
    let tag = nonce("nocors");
    let out = run(&[
        &custom(&h, &format!("{tag}&r_location=%2Fcustom%3Fnever-{tag}")),
        "--origin",
        &h.app_url,
        "--json",
        "--no-error-paths",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !echo(&h).iter().any(|e| e["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("/custom?never-"))),
        "followed a redirect that failed the CORS check"
    );

    // A redirect loop ends after 20 redirects, as in Chromium.
    let tag = nonce("loop");
    let out = run(&[
        &custom(
            &h,
            &format!(
                "{tag}&r_h={}&r_location=",
                enc("Access-Control-Allow-Origin:{origin}")
            ),
        ),
        "--origin",
        &h.app_url,
        "--json",
        "--no-error-paths",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let v = json_of(&out);
    assert!(
        v["findings"][0]
            .to_string()
            .contains("ERR_TOO_MANY_REDIRECTS"),
        "{v}"
    );
    let n = echo(&h)
        .iter()
        .filter(|e| e["path"].as_str().is_some_and(|p| p.contains(&tag)))
        .count();
    assert_eq!(n, 21, "the first request and 20 redirects");

    // The preflight is never redirected.
    let url = format!("{}/mode/preflight-redirect", h.api_url);
    let out = run(&[
        &url,
        "--origin",
        &h.app_url,
        "-X",
        "POST",
        "-H",
        "Content-Type: application/json",
        "--json",
        "--no-error-paths",
    ]);
    let v = json_of(&out);
    assert_eq!(
        v["findings"][0]["browser"]["cors_error"],
        "PreflightDisallowedRedirect"
    );
}

/// The requests the lab received for `path` (query ignored), oldest first.
fn received_at(h: &LabHandle, path: &str) -> Vec<Value> {
    echo(h)
        .into_iter()
        .filter(|e| {
            e["path"]
                .as_str()
                .is_some_and(|p| p.split('?').next() == Some(path))
        })
        .collect()
}

#[test]
fn a_new_preflight_goes_to_the_redirect_target() {
    let h = lab();
    let run_mode = |slug: &str| {
        run_owned(&with(
            mode_args(&h, slug),
            &["--allow-unsafe", "--no-error-paths", "--json"],
        ))
    };

    // 307 to /v2, which does not answer OPTIONS: the second preflight is sent
    // exactly as a browser builds it, fails, and the POST never reaches /v2.
    let out = run_mode("redirect-preflight-missing");
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let v = json_of(&out);
    let f = &v["findings"][0];
    assert_eq!(
        f["browser"]["cors_error"],
        "PreflightMissingAllowOriginHeader"
    );
    assert_eq!(f["cause"]["kind"], "redirect");
    assert_eq!(f["cause"]["stage"], "preflight");
    assert!(
        f["summary"]
            .as_str()
            .unwrap()
            .contains("new preflight to the redirect target"),
        "{f}"
    );
    let target = "/mode/redirect-preflight-missing/v2";
    let at_target = received_at(&h, target);
    assert_eq!(
        at_target.len(),
        1,
        "only the preflight reached /v2: {at_target:?}"
    );
    let pre = &at_target[0];
    assert_eq!(pre["method"], "OPTIONS");
    assert_eq!(header(pre, "origin"), Some(h.app_url.as_str()));
    assert_eq!(header(pre, "access-control-request-method"), Some("POST"));
    assert_eq!(
        header(pre, "access-control-request-headers"),
        Some("content-type")
    );
    assert_eq!(header(pre, "content-type"), None);
    let r = &v["check"]["results"][0];
    assert!(
        r["not_sent"]
            .as_str()
            .is_some_and(|s| s.contains("redirect target")),
        "{r}"
    );

    // The same redirect to a /v2 that answers its preflight: allowed, exit 0,
    // and the POST (with its body headers) reaches /v2 after the preflight.
    let out = run_mode("redirect-preflight-ok");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let at_target = received_at(&h, "/mode/redirect-preflight-ok/v2");
    let methods: Vec<&str> = at_target
        .iter()
        .filter_map(|e| e["method"].as_str())
        .collect();
    assert_eq!(methods, ["OPTIONS", "POST"]);
    assert_eq!(
        header(&at_target[1], "content-type"),
        Some("application/json")
    );
    assert_eq!(header(&at_target[1], "origin"), Some(h.app_url.as_str()));

    // A cross-origin 307: the new preflight carries Origin: null.
    let out = run_mode("redirect-preflight-null");
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let v = json_of(&out);
    let f = &v["findings"][0];
    assert_eq!(f["browser"]["cors_error"], "PreflightAllowOriginMismatch");
    assert_eq!(f["browser"]["failed_parameter"], h.app_url.as_str());
    let at_target = received_at(&h, "/mode/redirect-preflight-null/v2");
    assert_eq!(at_target.len(), 1, "{at_target:?}");
    assert_eq!(at_target[0]["method"], "OPTIONS");
    assert_eq!(header(&at_target[0], "origin"), Some("null"));

    // A 303 makes the POST a simple GET: no preflight goes to /v2.
    let out = run_mode("redirect-303-simple");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let at_target = received_at(&h, "/mode/redirect-303-simple/v2");
    let methods: Vec<&str> = at_target
        .iter()
        .filter_map(|e| e["method"].as_str())
        .collect();
    assert_eq!(methods, ["GET"]);
    assert_eq!(header(&at_target[0], "content-type"), None);
    assert_eq!(at_target[0]["body_length"], 0);

    // Without --allow-unsafe the POST is never sent, so neither is anything at /v2.
    let before = received_at(&h, target).len();
    let out = run_owned(&with(
        mode_args(&h, "redirect-preflight-missing"),
        &["--no-error-paths", "--json"],
    ));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(received_at(&h, target).len(), before);
}

fn one_line_reason(o: &Output) -> String {
    let e = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stdout {} stderr {e}", stdout(o));
    assert_eq!(e.trim_end().lines().count(), 1, "one line: {e}");
    assert!(e.starts_with("whycors check: "), "{e}");
    e
}

#[test]
fn exit_codes_and_one_line_reasons() {
    let h = lab();
    let ok = run(&[
        &format!("{}/mode/control", h.api_url),
        "--origin",
        &h.app_url,
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let blocked = run(&[
        &format!("{}/mode/cloudfront-403", h.api_url),
        "--origin",
        &h.app_url,
    ]);
    assert_eq!(blocked.status.code(), Some(1));
    assert!(stderr(&blocked).is_empty());
    // An expectation turns a block into a pass.
    let expected = run(&[
        &format!("{}/mode/cloudfront-403", h.api_url),
        "--origin",
        &h.app_url,
        "--expect",
        "gateway_error",
        "--no-error-paths",
    ]);
    assert_eq!(expected.status.code(), Some(0), "{}", stdout(&expected));

    // Connection refused.
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let e = one_line_reason(&run(&[
        &format!("http://127.0.0.1:{port}/x"),
        "--origin",
        "https://a.example",
    ]));
    assert!(e.contains("connection refused"), "{e}");

    // DNS failure (.invalid never resolves).
    let e = one_line_reason(&run(&[
        "http://whycors-check.invalid/",
        "--origin",
        "https://a.example",
    ]));
    assert!(e.contains("DNS lookup failed"), "{e}");

    // TLS to a plain-HTTP port.
    let e = one_line_reason(&run(&[
        &format!("https://api.localhost:{}/mode/control", h.api_addr.port()),
        "--origin",
        &h.app_url,
    ]));
    assert!(e.contains("TLS"), "{e}");

    // A server that accepts and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = silent.local_addr().unwrap();
    let holder = std::thread::spawn(move || {
        let c = silent.accept();
        std::thread::sleep(Duration::from_secs(3));
        drop(c);
    });
    let started = std::time::Instant::now();
    let e = one_line_reason(&run(&[
        &format!("http://{addr}/slow"),
        "--origin",
        "https://a.example",
        "--timeout",
        "1",
    ]));
    assert!(e.contains("timed out after 1 s"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(3));
    holder.join().unwrap();

    // Usage errors.
    let e = one_line_reason(&run(&[
        "http://a.example/",
        "--origin",
        "https://b.example",
        "-H",
        "Cookie: x=1",
    ]));
    assert!(e.contains("forbidden request header"), "{e}");
    let e = one_line_reason(&run(&["ftp://a.example/", "--origin", "https://b.example"]));
    assert!(e.contains("only http and https"), "{e}");
    let e = one_line_reason(&run(&["http://a.example/", "--origin", "b.example"]));
    assert!(e.contains("--origin"), "{e}");
    let e = one_line_reason(&run(&[
        "http://a.example/",
        "--origin",
        "https://b.example",
        "--expect",
        "fine",
    ]));
    assert!(e.contains("--expect"), "{e}");
    let missing = run(&["http://a.example/"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("--origin"));
}

#[test]
fn same_origin_is_not_cors() {
    let h = lab();
    let url = format!("{}/mode/cloudfront-403", h.api_url);
    let out = run(&[&url, "--origin", &h.api_url, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out);
    assert_eq!(v["check"]["results"][0]["status"], "skipped");
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
}

fn config_for(h: &LabHandle) -> String {
    format!(
        r#"timeout = 5

[defaults]
origins = ["{app}"]

[[endpoint]]
name = "control"
url = "{api}/mode/control"
headers = ["Authorization: Bearer ${{WHYCORS_CHECK_TEST_TOKEN}}"]
credentials = true
reads = ["ETag"]

[[endpoint]]
name = "throttled"
url = "{api}/mode/rest-throttled"
method = "POST"
headers = ["Content-Type: application/json"]
data = '{{"x":1}}'
allow_unsafe = true
expect = "gateway_error"
expect_error_paths = "any"

[[endpoint]]
name = "edge <&> \"quoted\""
url = "{api}/mode/cloudflare-1020"
error_paths = false
"#,
        app = h.app_url,
        api = h.api_url
    )
}

#[test]
fn a_config_file_checks_every_endpoint_and_writes_junit() {
    let h = lab();
    let cfg = scratch("whycors.toml", config_for(&h).as_bytes());
    let junit = scratch("junit.xml", b"");
    let out = Command::new(BIN)
        .args(["check", "--config"])
        .arg(&cfg)
        .arg("--junit")
        .arg(&junit)
        .arg("--json")
        .env("WHYCORS_CHECK_TEST_TOKEN", "tok-123")
        .output()
        .unwrap();
    // control: 3 passes; throttled: 1 pass + 1 report-only probe; cloudflare: 1 failure.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    let v = json_of(&out);
    let results = v["check"]["results"].as_array().unwrap();
    let summary: Vec<(String, String)> = results
        .iter()
        .map(|r| {
            (
                format!(
                    "{} {}",
                    r["endpoint"].as_str().unwrap(),
                    r["probe"].as_str().unwrap_or("")
                ),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("control ", "passed"),
        ("control unknown path", "passed"),
        ("control without Authorization", "passed"),
        ("throttled ", "passed"),
        ("throttled unknown path", "passed"),
        ("edge <&> \"quoted\" ", "failed"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(summary, want);
    // The environment variable went out.
    let got_token = received(&h, "/mode/control")
        .iter()
        .any(|e| header(e, "authorization") == Some("Bearer tok-123"));
    assert!(got_token);

    let xml = std::fs::read_to_string(&junit).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("6"));
    assert_eq!(root.attribute("failures"), Some("1"));
    assert_eq!(root.attribute("errors"), Some("0"));
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 3);
    assert_eq!(suites[2].attribute("name"), Some("edge <&> \"quoted\""));
    let cases: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), results.len());
    let failures: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 1);
    let msg = failures[0].attribute("message").unwrap();
    assert!(msg.contains("has been blocked by CORS policy"), "{msg}");
    assert!(
        msg.contains("cause: gateway_error · cloudflare 1020"),
        "{msg}"
    );
    assert_eq!(failures[0].attribute("type"), Some("gateway_error"));
    assert!(failures[0].text().unwrap_or("").contains("403"));

    // --timeout on the command line wins over the file, and the text output
    // ends with the tally.
    let out = Command::new(BIN)
        .args(["check", "--no-error-paths", "--config"])
        .arg(&cfg)
        .env("WHYCORS_CHECK_TEST_TOKEN", "tok-123")
        .output()
        .unwrap();
    let t = stdout(&out);
    assert!(
        t.trim_end()
            .ends_with("3 checks: 2 passed, 1 failed, 0 skipped, 0 without a response"),
        "{t}"
    );
}

#[test]
fn config_errors_name_the_line() {
    let cases = [
        (
            "[[endpoint]]\nurl = \"http://a.example/\"\norigin = \"https://b.example\"\nmethd = \"GET\"\n",
            "line 4, column 1: unknown field `methd`",
        ),
        (
            "[[endpoint]]\nurl = \"http://a.example/\"\norigins = [\"https://b.example\", \"nope\"]\n",
            "line 3, column 33: origins:",
        ),
        (
            "[[endpoint]]\nurl = \"http://a.example/\"\norigin = \"https://b.example\"\nexpect = \"sometimes\"\n",
            "line 4, column 10: expect:",
        ),
        (
            "[[endpoint]]\nurl = \"http://a.example/\"\norigin = \"https://b.example\"\nheaders = [\"Host: x\"]\n",
            "line 4, column 12: headers: Host is a forbidden request header",
        ),
        (
            "[[endpoint]]\nurl = \"http://a.example/\"\norigin = \"https://b.example\"\ndata_file = \"does-not-exist.json\"\n",
            "line 4, column 13: data_file:",
        ),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        let p = scratch(&format!("bad{i}.toml"), text.as_bytes());
        let out = run(&["--config", p.to_str().unwrap()]);
        let e = one_line_reason(&out);
        assert!(
            e.contains(&format!("{}: {want}", p.display())),
            "{e}\nwanted: {want}"
        );
        assert!(out.stdout.is_empty());
    }
    // --config with a URL is a usage error.
    let p = scratch(
        "ok.toml",
        b"[[endpoint]]\nurl = \"http://a.example/\"\norigin = \"https://b.example\"\n",
    );
    let out = run(&["http://a.example/", "--config", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------------
// The text output on a real terminal

/// Run `whycors check ARGS` on a terminal: the exit code and what the terminal showed.
fn on_tty(args: &[&str], no_color: bool) -> (Option<i32>, String) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let out = common::on_tty(BIN, &all, no_color);
    (
        out.status.code(),
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .replace("\r\n", "\n"),
    )
}

#[test]
fn text_output_is_coloured_on_a_terminal_only() {
    let h = lab();
    let url = format!("{}/mode/rest-quota", h.api_url);
    let args = [
        url.as_str(),
        "--origin",
        &h.app_url,
        "-H",
        "X-Api-Key: lab-demo-key",
    ];
    let (code, tty) = on_tty(&args, false);
    assert_eq!(code, Some(1), "{tty}");
    assert!(tty.contains("\x1b[1;31mFAIL\x1b[0m"), "{tty}");
    assert!(tty.contains("\x1b[1;31m✗ BLOCKED\x1b[0m"), "{tty}");
    let plain = strip_ansi(&tty);
    assert!(
        plain
            .contains("cause: gateway_error at the response · aws-api-gateway-rest QUOTA_EXCEEDED"),
        "{plain}"
    );
    assert!(plain.contains("probe: unknown path"), "{plain}");
    assert!(
        plain
            .contains("Failed: expected allowed, but the browser blocks it (cause: gateway_error)"),
        "{plain}"
    );
    // 100 columns, as explain; only a URL cannot be broken.
    for l in plain.lines() {
        assert!(
            l.chars().count() <= 100 || l.contains("http://"),
            "too wide: {l}"
        );
    }
    assert!(
        plain.contains("[1/2] FAIL  request · expect allowed"),
        "{plain}"
    );
    assert!(
        plain.contains("[2/2] FAIL  probe: unknown path (preflight only) · expect allowed"),
        "{plain}"
    );

    let (_, no_color) = on_tty(&args, true);
    assert!(!no_color.contains(ESC), "NO_COLOR ignored: {no_color}");

    let piped = run(&args);
    assert_eq!(piped.status.code(), Some(1));
    let p = stdout(&piped);
    assert!(!p.contains(ESC), "colour in a pipe");
    // Same words on the terminal and in the pipe (the probe name has a random part).
    let mask = |s: &str| {
        s.lines()
            .map(|l| match l.find("whycors-probe-") {
                Some(i) => l[..i].to_string(),
                None => l.to_string(),
            })
            .filter(|l| {
                !l.contains("x-amzn-requestid")
                    && !l.contains("x-amz-apigw-id")
                    && !l.contains("seconds")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(mask(&plain), mask(&p));
}
