//! Real curl (`-i`, and `-v` with its trace) and HTTPie against the lab: a terminal
//! session — the command after a `$ `
//! prompt, then what the tool printed — as a person pastes it, for the preflight a browser
//! would send and then the request. whycors must read it to the cause the lab's mode stands
//! for (its `expect`: cause, stage, Chromium's CorsError, gateway and gateway response).
//!
//! Modes that redirect are not driven here: a terminal session does not follow a redirect
//! the way a browser does (the preflight again, `Origin: null`); the browser tests cover them.

mod common;

use std::process::Command;
use whycors_cli::lab::{self, modes::MODES, LabOptions};

const BIN: &str = env!("CARGO_BIN_EXE_whycors");

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Fetch's CORS-safelisted request headers, as far as the lab's modes use them.
fn safelisted(name: &str, value: &str) -> bool {
    match name.to_ascii_lowercase().as_str() {
        "accept" | "accept-language" | "content-language" => true,
        "content-type" => {
            let v = value.to_ascii_lowercase();
            let essence = v.split(';').next().unwrap_or("").trim().to_string();
            matches!(
                essence.as_str(),
                "text/plain" | "multipart/form-data" | "application/x-www-form-urlencoded"
            )
        }
        _ => false,
    }
}

/// Run `cmd` in a shell; the session text: the prompt and command, then its output.
fn session_part(cmd: &str) -> String {
    let out = Command::new("sh")
        .args(["-c", cmd])
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    let mut text = format!("$ {cmd}\n{}", String::from_utf8_lossy(&out.stdout));
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[derive(Clone, Copy, Debug)]
enum Tool {
    /// `curl -si`
    Curl,
    /// `curl -sv … 2>&1`: the verbose trace (stderr) and the body, as a terminal shows them.
    CurlVerbose,
    Httpie,
}

/// The commands a person types to send what the browser sends for `mode`: the preflight
/// (when one is needed), then the request.
fn commands(tool: Tool, mode: &lab::modes::Mode, api: &str, origin: &str) -> Vec<String> {
    let mut url = format!("{api}/mode/{}", mode.slug);
    if !mode.query.is_empty() {
        url = format!("{url}?{}", mode.query);
    }
    let simple_method = matches!(mode.method, "GET" | "HEAD" | "POST");
    let unsafe_names: Vec<String> = {
        let mut n: Vec<String> = mode
            .headers
            .iter()
            .filter(|(n, v)| !safelisted(n, v))
            .map(|(n, _)| n.to_ascii_lowercase())
            .collect();
        n.sort();
        n
    };
    let cookie = mode.credentials == "include";
    let mut out = Vec::new();
    if !simple_method || !unsafe_names.is_empty() {
        let mut h = vec![
            ("Origin".to_string(), origin.to_string()),
            (
                "Access-Control-Request-Method".to_string(),
                mode.method.to_string(),
            ),
        ];
        if !unsafe_names.is_empty() {
            h.push((
                "Access-Control-Request-Headers".to_string(),
                unsafe_names.join(","),
            ));
        }
        out.push(command(tool, "OPTIONS", &url, &h, None));
    }
    let mut h = vec![("Origin".to_string(), origin.to_string())];
    h.extend(
        mode.headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string())),
    );
    if cookie {
        h.push(("Cookie".to_string(), "session=lab".to_string()));
    }
    // The body from a file, as one does for a big one (the 413 mode sends 1.5 MB).
    let body = mode.body.map(|b| {
        let file = std::env::temp_dir().join(format!(
            "whycors-real-clients-{}-{tool:?}-{}.txt",
            std::process::id(),
            mode.slug
        ));
        std::fs::write(&file, b.text.repeat(b.repeat)).unwrap();
        file.display().to_string()
    });
    out.push(command(tool, mode.method, &url, &h, body.as_deref()));
    out
}

/// The command for one request; `body_file`: a file with the body to send.
fn command(
    tool: Tool,
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body_file: Option<&str>,
) -> String {
    match tool {
        Tool::Curl | Tool::CurlVerbose => {
            let flags = if matches!(tool, Tool::Curl) {
                "-si"
            } else {
                "-sv"
            };
            let mut c = format!("curl {flags} -X {method} {}", quote(url));
            for (n, v) in headers {
                c.push_str(&format!(" -H {}", quote(&format!("{n}: {v}"))));
            }
            if let Some(f) = body_file {
                c.push_str(&format!(" --data-binary @{f}"));
            }
            if matches!(tool, Tool::CurlVerbose) {
                c.push_str(" 2>&1");
            }
            c
        }
        Tool::Httpie => {
            // --print=hb: what HTTPie prints on a terminal (headers and body) also when
            // its output is a pipe.
            let mut c = format!(
                "http --ignore-stdin --print=hb --pretty=none {method} {}",
                quote(url)
            );
            for (n, v) in headers {
                c.push_str(&format!(" {}", quote(&format!("{n}:{v}"))));
            }
            if let Some(f) = body_file {
                c.push_str(&format!(" @{f}"));
            }
            c
        }
    }
}

fn explain(session: &str, reads: &[&str]) -> serde_json::Value {
    // One file per call: the two tests run at once in this process.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("whycors-real-clients-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("session-{n}.txt"));
    std::fs::write(&file, session).unwrap();
    let mut cmd = Command::new(BIN);
    cmd.args(["explain", "--json"]);
    for r in reads {
        cmd.args(["--reads", r]);
    }
    let out = cmd.arg(&file).output().unwrap();
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.success(),
        "whycors explain failed on\n{session}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn drive(tool: Tool) {
    let handle = lab::start(LabOptions::default()).expect("lab starts");
    // HTTPie resolves no *.localhost name: it calls the API by its address (the page's
    // origin, in the Origin header, stays app.localhost).
    let api = match tool {
        Tool::Curl | Tool::CurlVerbose => handle.api_url.clone(),
        Tool::Httpie => format!("http://{}", handle.api_addr),
    };
    let mut failures = Vec::new();
    let mut driven = 0;
    let mut with_console_driven = 0;
    for mode in MODES.iter().filter(|m| !m.slug.contains("redirect")) {
        driven += 1;
        let session: String = commands(tool, mode, &api, &handle.app_url)
            .iter()
            .map(|c| session_part(c))
            .collect();
        let report = explain(&session, mode.reads);
        let f = &report["findings"][0];
        let (got, want) = common::lab_verdict(f, &mode.expect);
        // A bug report's paste: Chrome's console line for the failure (whycors' wording of
        // it, checked word for word against Chromium elsewhere) above the same session. Read
        // as one request, it must come to the same cause, with the browser's words attached
        // and no "not from the same request" warning.
        if let Some(line) = f["browser"]["console"].as_str() {
            with_console_driven += 1;
            let with_console = explain(&format!("{line}\n{session}"), mode.reads);
            let g = &with_console["findings"][0];
            let warned = g["warnings"].as_array().is_some_and(|w| {
                w.iter()
                    .any(|w| w.as_str().is_some_and(|w| w.contains("same request")))
            });
            if with_console["findings"].as_array().map(|a| a.len()) != Some(1)
                || g["cause"] != f["cause"]
                || g["browser"]["cors_error"] != f["browser"]["cors_error"]
                || with_console["input"] != "console_error"
                || warned
            {
                failures.push(format!(
                    "{}: with Chrome's console line above the session: {}",
                    mode.slug,
                    serde_json::to_string(&with_console["findings"]).unwrap_or_default()
                ));
            }
        }
        if got != want || report["findings"].as_array().map(|a| a.len()) != Some(1) {
            let shown: String = session.chars().take(3000).collect();
            failures.push(format!(
                "{}: got {got:?}, want {want:?}\n{shown}",
                mode.slug
            ));
        }
    }
    assert!(driven >= 20, "{driven} modes driven");
    assert!(
        with_console_driven >= 15,
        "{with_console_driven} sessions driven with a console line"
    );
    assert!(
        failures.is_empty(),
        "{tool:?}: {} of {driven} modes read wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn curl_sessions_read_to_the_labs_causes() {
    drive(Tool::Curl);
}

#[test]
fn curl_verbose_sessions_read_to_the_labs_causes() {
    drive(Tool::CurlVerbose);
}

#[test]
fn httpie_sessions_read_to_the_labs_causes() {
    let found = Command::new("http").arg("--version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "HTTPie's `http` is not installed (`cargo xtask test` installs Debian's httpie)"
    );
    drive(Tool::Httpie);
}
