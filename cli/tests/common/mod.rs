//! Helpers shared by the CLI's integration tests: running `whycors` on a real terminal.

use std::process::{Command, Output, Stdio};

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
