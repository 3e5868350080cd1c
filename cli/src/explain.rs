//! `whycors explain`: read a capture, print the report.

use crate::text;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use whycors::exchange::Credentials;

#[derive(clap::Args)]
pub struct Args {
    /// The capture to read; `-` or nothing reads standard input.
    file: Option<PathBuf>,
    /// Print the versioned JSON report.
    #[arg(long)]
    json: bool,
    /// A response header the page reads (repeatable), e.g. --reads ETag.
    #[arg(long = "reads", value_name = "NAME")]
    reads: Vec<String>,
    /// The page's origin, for inputs that don't carry it.
    #[arg(long, value_name = "ORIGIN")]
    origin: Option<String>,
    /// The request's credentials mode, for inputs that don't say.
    #[arg(long, value_name = "MODE", value_parser = ["include", "omit", "same-origin"])]
    credentials: Option<String>,
    /// Show secrets (Authorization, cookies, API keys, JWTs) instead of redacting them.
    #[arg(long)]
    show_secrets: bool,
    /// Print every fix in full (text output shows the first in full).
    #[arg(long)]
    all_fixes: bool,
    /// Colour: auto (on a terminal), always, never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    color: String,
}

/// Read bytes as UTF-8 or say exactly where they stop being UTF-8: the message, its line
/// and byte.
pub fn decode(bytes: Vec<u8>, name: &str) -> Result<String, (String, usize, usize)> {
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let raw = e.as_bytes();
        let line = raw[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        (
            format!(
                "{name}: line {line}, byte {at}: not UTF-8 text (is it a binary or compressed file?)"
            ),
            line,
            at,
        )
    })
}

/// Unreadable input under `--json`: the error as an object on stdout (a program reads
/// that), beside the report's version; the line on stderr stays.
fn print_json_error(kind: Option<&str>, place: &whycors::input::Place, message: &str, text: &str) {
    let obj = serde_json::json!({
        "version": whycors::report::VERSION,
        "error": {
            "kind": kind,
            "line": place.line,
            "column": place.column,
            "offset": place.offset,
            "field": place.field,
            "message": message,
            "text": text,
        }
    });
    if let Ok(s) = serde_json::to_string_pretty(&obj) {
        println!("{s}");
    }
}

pub fn run(args: Args) -> ExitCode {
    let (name, bytes) = match &args.file {
        Some(p) if p.as_os_str() != "-" => match std::fs::read(p) {
            Ok(b) => (p.display().to_string(), b),
            Err(e) => {
                eprintln!("whycors: {}: {e}", p.display());
                return ExitCode::from(2);
            }
        },
        _ => {
            let mut b = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut b) {
                eprintln!("whycors: standard input: {e}");
                return ExitCode::from(2);
            }
            ("standard input".to_string(), b)
        }
    };
    let input = match decode(bytes, &name) {
        Ok(s) => s,
        Err((e, line, byte)) => {
            eprintln!("whycors: {e}");
            if args.json {
                let place = whycors::input::Place {
                    line: Some(line),
                    offset: Some(byte),
                    ..Default::default()
                };
                print_json_error(
                    None,
                    &place,
                    "not UTF-8 text (is it a binary or compressed file?)",
                    &e,
                );
            }
            return ExitCode::from(2);
        }
    };
    let options = whycors::Options {
        reads: args.reads.clone(),
        origin: args.origin.clone(),
        credentials: args.credentials.as_deref().map(|c| match c {
            "include" => Credentials::Include,
            "omit" => Credentials::Omit,
            _ => Credentials::SameOrigin,
        }),
        redact: !args.show_secrets,
    };
    let report = match whycors::diagnose(&input, &options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("whycors: {name}: {e}");
            // With --json, a program reads stdout: the same error as an object there too.
            if args.json {
                let redact = |t: &str| {
                    if options.redact {
                        whycors::redact::text(t).into_owned()
                    } else {
                        t.to_string()
                    }
                };
                print_json_error(
                    e.kind.map(|k| k.as_str()),
                    &e.place,
                    &redact(&e.message),
                    &redact(&format!("{name}: {e}")),
                );
            }
            return ExitCode::from(2);
        }
    };
    // Stdout is line-buffered: a big JSON report would cost one write per line.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = if args.json {
        serde_json::to_writer_pretty(&mut out, &report)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out))
            .and_then(|_| out.flush())
    } else {
        let color = match args.color.as_str() {
            "always" => true,
            "never" => false,
            _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        out.write_all(text::render(&report, color, args.all_fixes).as_bytes())
            .and_then(|_| out.flush())
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("whycors: {e}");
            ExitCode::from(2)
        }
    }
}
