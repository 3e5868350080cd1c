//! Helpers shared by the CLI's integration tests: running `whycors` on a real terminal.
// Each test file uses its own subset of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A file under the repository's tests/data.
pub fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data")
        .join(rel)
}

/// Colour escapes start with this.
pub const ESC: &str = "\x1b[";

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Run `bin ARGS` under a pseudo-terminal (util-linux `script`), with `NO_COLOR=1` or without
/// it; what the terminal showed is the output's stdout.
pub fn on_tty(bin: &str, args: &[&str], no_color: bool) -> Output {
    let mut line = shell_quote(bin);
    for a in args {
        line.push(' ');
        line.push_str(&shell_quote(a));
    }
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &line, "/dev/null"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    cmd.output().expect(
        "util-linux `script` is needed to run the CLI on a terminal (apt-get install bsdutils)",
    )
}

/// [`on_tty`] for a run that must succeed: what the terminal showed.
pub fn tty_text(bin: &str, args: &[&str], no_color: bool) -> String {
    let out = on_tty(bin, args, no_color);
    assert!(
        out.status.success(),
        "script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// `s` without its ANSI escape sequences.
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut esc = false;
    for c in s.chars() {
        if esc {
            if c.is_ascii_alphabetic() {
                esc = false;
            }
        } else if c == '\x1b' {
            esc = true;
        } else {
            out.push(c);
        }
    }
    out
}

/// The lab's expectation for a mode and what a report's finding `f` says, in one shape:
/// (cause, stage, Chromium's CorsError, gateway, gateway response). The lab states a
/// gateway response name only when one is certain: when it states none, the finding's is
/// not compared.
pub type LabVerdict = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

pub fn lab_verdict(
    f: &serde_json::Value,
    e: &whycors_cli::lab::modes::Expect,
) -> (LabVerdict, LabVerdict) {
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let want = (
        e.cause.to_string(),
        e.stage.map(str::to_string),
        e.cors_error.map(str::to_string),
        e.gateway.map(str::to_string),
        e.gateway_response.map(str::to_string),
    );
    let got = (
        f["cause"]["kind"].as_str().unwrap_or("-").to_string(),
        s(&f["cause"]["stage"]),
        s(&f["browser"]["cors_error"]),
        s(&f["cause"]["gateway"]),
        if want.4.is_none() {
            None
        } else {
            s(&f["cause"]["gateway_response"])
        },
    );
    (got, want)
}
