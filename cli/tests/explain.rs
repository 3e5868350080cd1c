//! `whycors explain` end to end: the real binary, real files, real exit codes,
//! and the text report on a real pseudo-terminal.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;
use common::{data, strip_ansi, ESC};

const BIN: &str = env!("CARGO_BIN_EXE_whycors");

/// A scratch file with `bytes`, unique per test.
fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("whycors-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write scratch file");
    p
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("NO_COLOR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = cmd.spawn().expect("start whycors");
    if let Some(input) = stdin {
        let mut w = child.stdin.take().expect("stdin");
        w.write_all(input).expect("write stdin");
    }
    child.wait_with_output().expect("whycors ran")
}

fn json(args: &[&str]) -> Value {
    let out = run(args, None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// Exit status 2, exactly one line on stderr: that line. Nothing on stdout, or with
/// `--json` the same error as an object (its place in fields).
fn one_error_line(o: &Output) -> String {
    let err = String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8");
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    if !o.stdout.is_empty() {
        let v: Value = serde_json::from_slice(&o.stdout).expect("stdout is JSON");
        assert_eq!(v["version"], 1, "{v}");
        let text = v["error"]["text"].as_str().expect("error.text");
        assert_eq!(format!("whycors: {text}"), err.trim_end(), "{v}");
        let line = err.lines().next().unwrap_or("");
        if let Some(n) = v["error"]["line"].as_u64() {
            assert_eq!(number_after(line, "line"), Some(n as usize), "{v}");
        }
    }
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "expected one stderr line, got: {err:?}");
    assert!(err.ends_with('\n'));
    lines[0].to_string()
}

/// The number after `word ` in `line` (e.g. `byte 17`).
fn number_after(line: &str, word: &str) -> Option<usize> {
    let at = line.find(&format!("{word} "))? + word.len() + 1;
    let digits: String = line[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

// ---------------------------------------------------------------------------------------------
// JSON

#[test]
fn json_report_is_version_1_with_every_field() {
    let har = data("har/chrome_apigw_429.har");
    let v = json(&["explain", "--json", path_str(&har)]);
    assert_eq!(v["version"], 1);
    assert_eq!(v["input"], "har");
    assert!(v["same_origin_skipped"].is_u64());
    let findings = v["findings"].as_array().expect("findings array");
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    for key in [
        "request",
        "browser",
        "cause",
        "summary",
        "evidence",
        "warnings",
        "fixes",
        "reproduce",
        "hidden",
        "missing",
        "checks",
        "location",
    ] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
    for key in ["method", "url", "origin", "credentials"] {
        assert!(f["request"].get(key).is_some(), "request lacks {key}");
    }
    for key in [
        "blocked",
        "cors_error",
        "failed_parameter",
        "firefox",
        "console",
    ] {
        assert!(f["browser"].get(key).is_some(), "browser lacks {key}");
    }
    for key in ["kind", "stage", "status", "gateway", "gateway_response"] {
        assert!(f["cause"].get(key).is_some(), "cause lacks {key}");
    }
    assert_eq!(f["request"]["method"], "GET");
    assert_eq!(f["request"]["origin"], "https://shop.example.com");
    assert_eq!(f["browser"]["blocked"], true);
    assert_eq!(f["browser"]["cors_error"], "MissingAllowOriginHeader");
    assert_eq!(f["cause"]["kind"], "gateway_error");
    assert_eq!(f["cause"]["status"], 429);
    assert_eq!(f["cause"]["gateway"], "aws-api-gateway-rest");
    assert_eq!(f["cause"]["gateway_response"], "THROTTLED");
    assert!(f["summary"].as_str().is_some_and(|s| s.contains("429")));
    let fixes = f["fixes"].as_array().expect("fixes");
    assert!(!fixes.is_empty());
    for fix in fixes {
        for key in ["target", "title", "text"] {
            assert!(fix[key].as_str().is_some_and(|s| !s.is_empty()), "{fix}");
        }
    }
    let repro = f["reproduce"].as_array().expect("reproduce");
    assert!(repro
        .iter()
        .all(|c| c.as_str().is_some_and(|c| c.starts_with("curl "))));
}

#[test]
fn dash_and_no_file_read_standard_input() {
    let path = data("text/curl_v_missing_token.txt");
    let bytes = std::fs::read(&path).expect("fixture");
    let from_file = json(&["explain", "--json", path_str(&path)]);
    let dash = run(&["explain", "--json", "-"], Some(&bytes));
    assert_eq!(dash.status.code(), Some(0));
    let from_dash: Value = serde_json::from_slice(&dash.stdout).expect("JSON");
    assert_eq!(from_dash, from_file);
    assert_eq!(from_dash["input"], "curl_verbose");
    assert_eq!(
        from_dash["findings"][0]["cause"]["kind"],
        "preflight_missing"
    );

    let bare = run(&["explain", "--json"], Some(&bytes));
    assert_eq!(bare.status.code(), Some(0));
    let from_bare: Value = serde_json::from_slice(&bare.stdout).expect("JSON");
    assert_eq!(from_bare, from_file);
}

// ---------------------------------------------------------------------------------------------
// Unreadable input: exit 2, one line naming the place

#[test]
fn truncated_har_names_line_column_and_byte() {
    let full = std::fs::read_to_string(data("har/chrome_apigw_429.har")).expect("fixture");
    let cut = full.len() / 2;
    let cut = (0..=cut).rev().find(|&i| full.is_char_boundary(i)).unwrap();
    let p = scratch("truncated.har", &full.as_bytes()[..cut]);
    let line = one_error_line(&run(&["explain", path_str(&p)], None));
    assert!(line.starts_with("whycors: "), "{line}");
    assert!(line.contains(path_str(&p)), "names the file: {line}");
    assert!(line.contains("truncated"), "{line}");
    let byte = number_after(&line, "byte").expect("a byte offset");
    let lineno = number_after(&line, "line").expect("a line number");
    assert!(number_after(&line, "column").is_some(), "{line}");
    // The parser stops at the end of what is there.
    assert!(
        byte <= cut && byte + 2 >= cut,
        "byte {byte}, cut at {cut}: {line}"
    );
    let expected_line = full[..cut.min(byte)].matches('\n').count() + 1;
    assert_eq!(lineno, expected_line, "{line}");
}

#[test]
fn invalid_utf8_names_the_byte() {
    let mut bytes = b"HTTP/1.1 200 OK\nContent-Type: text/plain\nX-Name: caf".to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(&[0xE9, b'\n', b'\n']);
    let p = scratch("latin1.txt", &bytes);
    let line = one_error_line(&run(&["explain", path_str(&p)], None));
    assert!(line.contains("not UTF-8"), "{line}");
    assert_eq!(number_after(&line, "byte"), Some(at), "{line}");
    assert_eq!(number_after(&line, "line"), Some(3), "{line}");
}

#[test]
fn binary_file_is_not_utf8_at_its_first_bad_byte() {
    // A gzip header: 0x1f is valid UTF-8, 0x8b is not.
    let p = scratch(
        "capture.har.gz",
        &[0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03],
    );
    let o = run(&["explain", "--json", path_str(&p)], None);
    let line = one_error_line(&o);
    assert!(line.contains("not UTF-8"), "{line}");
    assert_eq!(number_after(&line, "byte"), Some(1), "{line}");
    // With --json, stdout has the error as an object: its line and byte as numbers.
    let v: Value = serde_json::from_slice(&o.stdout).expect("the error as JSON");
    assert_eq!(v["error"]["offset"], 1, "{v}");
    assert_eq!(v["error"]["line"], 1, "{v}");
    // Without it, stdout stays empty.
    assert!(run(&["explain", path_str(&p)], None).stdout.is_empty());
    // The same bytes on standard input.
    let line = one_error_line(&run(&["explain", "-"], Some(&[0x1f, 0x8b, 0x08])));
    assert!(line.contains("standard input"), "{line}");
    assert!(line.contains("not UTF-8"), "{line}");
}

#[test]
fn prose_is_refused_with_a_place_in_json_too() {
    let o = run(
        &["explain", "--json", "-"],
        Some(b"Hi, my API stopped working this morning, can you help?\n"),
    );
    let line = one_error_line(&o);
    assert!(line.contains("not a HAR file"), "{line}");
    let v: Value = serde_json::from_slice(&o.stdout).expect("the error as JSON");
    assert_eq!(v["error"]["line"], 1, "{v}");
    assert!(v["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("not a HAR file")));
}

#[test]
fn prose_is_refused_with_a_place() {
    let line = one_error_line(&run(
        &["explain", "-"],
        Some(b"Hi, my API stopped working this morning, can you help?\n"),
    ));
    assert!(line.contains("standard input"), "{line}");
    assert!(line.contains("line 1"), "{line}");
    assert!(line.contains("not a HAR file"), "{line}");
}

#[test]
fn har_with_a_wrong_field_names_the_field() {
    let p = scratch(
        "bad-headers.har",
        br#"{"log": {"entries": [{"request": {"method": "GET", "url": "https://a.example/", "headers": [{"name": "x", "value": 7}]}}]}}"#,
    );
    let line = one_error_line(&run(&["explain", path_str(&p)], None));
    assert!(
        line.contains("log.entries[0].request.headers[0]"),
        "names the field: {line}"
    );
}

#[test]
fn missing_file_exits_2_naming_it() {
    let p = std::env::temp_dir().join("whycors-no-such-file-7c1e.har");
    let line = one_error_line(&run(&["explain", path_str(&p)], None));
    assert!(line.contains("whycors-no-such-file-7c1e.har"), "{line}");
}

// ---------------------------------------------------------------------------------------------
// Options

const ETAG_CAPTURE: &str = "GET /items HTTP/1.1\r\nHost: api.example.com\r\nOrigin: https://app.example.com\r\n\r\nHTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nETag: \"v42\"\r\nContent-Type: application/json\r\n\r\n[]";

#[test]
fn reads_etag_turns_ok_into_header_not_exposed() {
    let p = scratch("etag.txt", ETAG_CAPTURE.as_bytes());
    let plain = json(&["explain", "--json", path_str(&p)]);
    assert_eq!(plain["findings"][0]["cause"]["kind"], "ok");
    assert_eq!(plain["findings"][0]["browser"]["blocked"], false);

    let reads = json(&["explain", "--json", "--reads", "ETag", path_str(&p)]);
    let f = &reads["findings"][0];
    assert_eq!(f["cause"]["kind"], "header_not_exposed");
    assert_eq!(f["browser"]["blocked"], false);
    let text = f.to_string();
    assert!(text.contains("Access-Control-Expose-Headers"), "{text}");
    assert!(text.contains("ETag"), "{text}");

    // A header that is exposed anyway (CORS-safelisted) changes nothing.
    let safe = json(&["explain", "--json", "--reads", "Content-Type", path_str(&p)]);
    assert_eq!(safe["findings"][0]["cause"]["kind"], "ok");
}

const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI4ZjE0In0.c2VjcmV0LXNpZ25hdHVyZQ";

/// A REST API that reads the Bearer token as a SigV4 header and quotes it back.
fn secret_capture() -> String {
    let body = format!(
        "{{\"message\":\"Invalid key=value pair (missing equal-sign) in Authorization header: 'Bearer {JWT}'.\"}}"
    );
    format!(
        "GET /prod/items HTTP/1.1\r\nHost: abc123.execute-api.us-east-1.amazonaws.com\r\nOrigin: https://app.example.com\r\nAuthorization: Bearer {JWT}\r\nCookie: session=s3cr3t-cookie-v4lue\r\n\r\nHTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: {}\r\nx-amzn-ErrorType: IncompleteSignatureException\r\nx-amz-apigw-id: AbCdEfGhIjKlMnO=\r\nx-amzn-RequestId: 7a2b3c4d-0000-4e5f-8a9b-0987654321ba\r\n\r\n{body}",
        body.len()
    )
}

fn joined(v: &Value) -> String {
    v.as_array()
        .expect("array")
        .iter()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn secrets_are_redacted_unless_asked() {
    let p = scratch("secret.txt", secret_capture().as_bytes());

    let out = run(&["explain", "--json", path_str(&p)], None);
    assert_eq!(out.status.code(), Some(0));
    let all = stdout(&out);
    assert!(!all.contains(JWT), "token leaked: {all}");
    assert!(!all.contains("s3cr3t-cookie-v4lue"), "cookie leaked: {all}");
    let v: Value = serde_json::from_str(&all).expect("JSON");
    let f = &v["findings"][0];
    let reproduce = joined(&f["reproduce"]);
    let evidence = joined(&f["evidence"]);
    assert!(
        reproduce.contains("Authorization: Bearer <redacted>"),
        "{reproduce}"
    );
    assert!(reproduce.contains("Cookie: <your cookies>"), "{reproduce}");
    assert!(evidence.contains("'Bearer <redacted>'"), "{evidence}");

    // The text report redacts too.
    let text = run(&["explain", path_str(&p)], None);
    assert!(!stdout(&text).contains(JWT));

    let shown = json(&["explain", "--json", "--show-secrets", path_str(&p)]);
    let f = &shown["findings"][0];
    let reproduce = joined(&f["reproduce"]);
    let evidence = joined(&f["evidence"]);
    assert!(
        reproduce.contains(&format!("Authorization: Bearer {JWT}")),
        "{reproduce}"
    );
    assert!(evidence.contains(JWT), "{evidence}");
    // Cookies are a separate file for curl, not a pasted header.
    assert!(reproduce.contains("-b cookies.txt"), "{reproduce}");
    assert!(!reproduce.contains("<redacted>"), "{reproduce}");
}

#[test]
fn secrets_in_urls_are_redacted_in_every_sentence() {
    // The request URL carries an API key: the console lines whycors writes, the
    // missing-input hints (a `whycors check` command) and the reproduce commands all
    // quote that URL, and none may show the key unless asked.
    let chrome = "Access to fetch at 'https://api.example.com/v1/items?api_key=k3y-s3cret&page=2' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let firefox = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/v2/items?token=t0k-s3cret. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 429.";
    for (name, input, secret) in [
        ("chrome-key.txt", chrome, "k3y-s3cret"),
        ("firefox-token.txt", firefox, "t0k-s3cret"),
    ] {
        let p = scratch(name, input.as_bytes());
        let all = stdout(&run(&["explain", "--json", path_str(&p)], None));
        assert!(!all.contains(secret), "{name}: secret leaked: {all}");
        let v: Value = serde_json::from_str(&all).expect("JSON");
        let f = &v["findings"][0];
        let lines = format!(
            "{} {}",
            f["browser"]["console"], f["browser"]["firefox_console"]
        );
        assert!(lines.contains("%3Credacted%3E"), "{name}: {lines}");
        assert!(joined(&f["missing"]).contains("whycors check 'https://api.example.com/"));
        let text = stdout(&run(&["explain", path_str(&p)], None));
        assert!(
            !text.contains(secret),
            "{name}: secret leaked in text: {text}"
        );
        let shown = stdout(&run(
            &["explain", "--json", "--show-secrets", path_str(&p)],
            None,
        ));
        assert!(shown.contains(secret), "{name}: --show-secrets shows it");
    }
}

#[test]
fn the_cause_line_names_the_platform_the_url_shows_when_no_response_does() {
    let console = "Access to fetch at 'https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com/prod/orders' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let p = scratch("execute-api-console.txt", console.as_bytes());
    let text = stdout(&run(&["explain", path_str(&p)], None));
    assert!(
        text.contains("cause: unknown at the response · aws-api-gateway (from the URL)"),
        "{text}"
    );
    // A response fingerprint names the product itself: no URL guess beside it.
    let p = scratch("secret-for-platform.txt", secret_capture().as_bytes());
    let text = stdout(&run(&["explain", path_str(&p)], None));
    assert!(text.contains("aws-api-gateway-rest"), "{text}");
    assert!(!text.contains("(from the URL)"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// The text report and colour

/// Run `whycors ARGS` on a terminal; what it showed.
fn on_tty(args: &[&str], no_color: bool) -> String {
    common::tty_text(BIN, args, no_color)
}

#[test]
fn text_report_is_coloured_on_a_terminal_only() {
    let har = data("har/chrome_apigw_429.har");
    let file = path_str(&har);

    let tty = on_tty(&["explain", file], false);
    assert!(tty.contains(ESC), "no colour on a terminal: {tty}");
    assert!(tty.contains("\x1b[1;31m✗ BLOCKED\x1b[0m"), "{tty}");
    assert!(tty.contains("gateway_error"), "{tty}");

    let no_color = on_tty(&["explain", file], true);
    assert!(!no_color.contains(ESC), "NO_COLOR ignored: {no_color}");
    assert!(no_color.contains("cause: gateway_error"), "{no_color}");

    let never = on_tty(&["explain", "--color", "never", file], false);
    assert!(!never.contains(ESC), "{never}");

    let piped = run(&["explain", file], None);
    assert_eq!(piped.status.code(), Some(0));
    let piped = stdout(&piped);
    assert!(!piped.contains(ESC), "colour in a pipe: {piped}");
    assert!(piped.contains("cause: gateway_error at the response"));

    let forced = stdout(&run(&["explain", "--color", "always", file], None));
    assert!(forced.contains(ESC));
    // Same words, with or without colour.
    assert_eq!(strip_ansi(&forced), piped);
    assert_eq!(strip_ansi(&tty).replace("\r\n", "\n"), piped);
}

#[test]
fn text_report_reads_in_order_and_fits_the_width() {
    for fixture in [
        "har/chrome_apigw_429.har",
        "har/chrome_redirects.har",
        "text/curl_v_missing_token.txt",
        "text/chrome_console.txt",
    ] {
        let out = run(&["explain", path_str(&data(fixture))], None);
        assert_eq!(out.status.code(), Some(0), "{fixture}");
        let text = stdout(&out);
        assert!(text.starts_with("whycors: "), "{fixture}: {text}");
        for block in text.split("\n✗ ").skip(1) {
            // Each finding: status line, origin, verdict, cause, summary … reproduce, in this order.
            let order = [
                "from ",
                "cause: ",
                "Chrome's console says",
                "Reproduce",
                "$ curl",
            ];
            let mut at = 0;
            for key in order {
                let i = block[at..].find(key).unwrap_or_else(|| {
                    panic!("{fixture}: `{key}` missing or out of order:\n{block}")
                });
                at += i;
            }
        }
        for line in text.lines() {
            // Prose wraps at 100 columns; only unbreakable words (URLs, code) may pass it.
            if line.chars().count() > 100 {
                let trimmed = line.trim_start();
                assert!(
                    !trimmed.contains(' ')
                        || trimmed.starts_with("$ ")
                        || !trimmed.starts_with(['•', '!', '#']),
                    "{fixture}: line too long: {line:?}"
                );
            }
        }
        // Long curl commands continue with a backslash, so they still paste.
        for l in text.lines().filter(|l| l.trim_end().ends_with(" \\")) {
            assert!(l.contains("curl") || l.trim_start().starts_with("-"), "{l}");
        }
    }
}

#[test]
fn exit_status_is_0_whatever_the_finding() {
    for fixture in [
        "har/chrome_cached_preflight.har",
        "har/firefox.har",
        "har/safari.har",
        "text/curl_connect_refused.txt",
        "text/copy_as_fetch.txt",
        "text/copy_as_powershell_chrome.ps1",
        "text/copy_as_powershell_firefox.ps1",
    ] {
        let out = run(&["explain", "--json", path_str(&data(fixture))], None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{fixture}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "{fixture}");
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(v["version"], 1);
    }
}

/// Firefox's "Cross-Origin Request Warning" (Authorization under `Access-Control-Allow-Headers:
/// *`) is a warning, not a block: Firefox and Chromium 156 let the request through.
#[test]
fn firefox_warning_is_not_a_block() {
    let warning = scratch(
        "firefox-deprecation.txt",
        b"Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at https://api.example.com/items soon. (Reason: When the `Access-Control-Allow-Headers` is `*`, the `Authorization` header is not covered. To include the `Authorization` header, it must be explicitly listed in CORS header `Access-Control-Allow-Headers`).\n",
    );
    let tty = strip_ansi(&on_tty(&["explain", path_str(&warning)], false));
    assert!(
        tty.contains("0 blocked") && tty.contains("! WARNING"),
        "{tty}"
    );
    assert!(
        tty.contains("Firefox let this request through with a warning"),
        "{tty}"
    );
    assert!(!tty.contains("BLOCKED"), "{tty}");
}

/// A line that looks like a browser's message but is not read, beside one that is: the text
/// report says so before the findings (its secrets redacted), and the JSON lists it.
#[test]
fn unread_lines_are_printed_not_dropped() {
    let input = b"Access to fetch at 'https://api.example.com/a' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n[BUG] Origin https://app.example.com is not allowed by Access-Control-Allow-Origin for https://api.example.com/b?token=abc\n";
    let out = stdout(&run(&["explain", "-", "--color", "never"], Some(input)));
    let at = out
        .find("Not read: 1 line that looks like a browser's CORS message")
        .unwrap_or_else(|| panic!("{out}"));
    assert!(at < out.find("BLOCKED").unwrap_or(0), "{out}");
    assert!(
        out.contains("   line 2: [BUG] Origin https://app.example.com"),
        "{out}"
    );
    assert!(!out.contains("token=abc"), "{out}");
    let p = scratch("unread.txt", input);
    let j = json(&["explain", "--json", path_str(&p)]);
    assert_eq!(j["unread"][0]["line"], 2, "{j}");
}

/// A paste cut off inside its last line: the text report lists that line as not read with
/// why, under a heading that does not call it a browser's message; the JSON carries the reason.
#[test]
fn cut_last_line_is_listed_with_why() {
    let input = b"HTTP/1.1 200 OK\nContent-Type: application/json\nAccess-Control-Allow-Origin: https://app.example.com\nVary: Origin\nHTT\n";
    let out = stdout(&run(&["explain", "-", "--color", "never"], Some(input)));
    assert!(
        out.contains("Not read: 1 line; the findings leave it out:\n   line 5: HTT (the copy ends inside this line)"),
        "{out}"
    );
    assert!(
        !out.contains("looks like a browser's CORS message"),
        "{out}"
    );
    let p = scratch("cut.txt", input);
    let j = json(&["explain", "--json", path_str(&p)]);
    assert_eq!(
        j["unread"][0]["reason"], "the copy ends inside this line",
        "{j}"
    );
}
