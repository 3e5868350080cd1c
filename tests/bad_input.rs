//! Bad input through `whycors::input::read` (auto-detect): every case must give
//! an error naming a place, never a panic.
//!
//! Cases named `text_*` go to the non-HAR readers.

use whycors::exchange::InputKind;
use whycors::input::{self, InputError};

fn err(input: &str) -> InputError {
    match input::read(input) {
        Ok(p) => panic!("expected an error, got {} exchanges", p.exchanges.len()),
        Err(e) => {
            assert!(!e.message.trim().is_empty(), "empty message: {e:?}");
            // Display never panics and names the place.
            let shown = e.to_string();
            assert!(shown.contains(&e.message), "{shown}");
            e
        }
    }
}

fn har_err(input: &str) -> InputError {
    let e = err(input);
    assert_eq!(e.kind, Some(InputKind::Har), "{e}");
    e
}

#[test]
fn truncated_har() {
    let full = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/har/chrome_apigw_429.har"
    ))
    .expect("fixture");
    let cut = &full[..full.len() / 2];
    let e = har_err(cut);
    let lines = cut.lines().count();
    assert_eq!(e.place.line, Some(lines), "{e}");
    assert!(e.place.column.is_some(), "{e}");
    assert!(e.message.contains("EOF"), "{e}");
    assert!(e.message.contains("truncated"), "{e}");
    // Inside the first entry's request headers.
    assert!(
        e.place
            .field
            .as_deref()
            .is_some_and(|f| f.starts_with("log.entries[0].request.headers[")),
        "{e}"
    );

    // Every prefix of a real HAR is an error, never a panic.
    for end in (1..full.len()).step_by(97) {
        if let Some(prefix) = full.get(..end) {
            let e = har_err(prefix);
            assert!(e.place.line.is_some(), "{e}");
        }
    }
}

#[test]
fn binary_garbage() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    // Only high bytes: lossy UTF-8 makes it all U+FFFD, which no reader claims.
    let high: Vec<u8> = bytes.iter().map(|b| b | 0x80).collect();
    let text = String::from_utf8_lossy(&high);
    let e = err(&text);
    assert_eq!(e.kind, None);
    assert_eq!(e.place.line, Some(1), "{e}");

    // Binary that starts like JSON goes to the HAR reader.
    let mut b = b"{\"log\":".to_vec();
    b.extend_from_slice(&bytes);
    let text = String::from_utf8_lossy(&b);
    let e = har_err(&text);
    assert_eq!(e.place.line, Some(1), "{e}");
    assert!(e.place.column.is_some(), "{e}");
    assert_eq!(e.place.field.as_deref(), Some("log"), "{e}");
}

#[test]
fn huge_header_line() {
    let value = "x".repeat(10 * 1024 * 1024);
    // Valid: a 10 MB header value reads fine.
    let ok = format!(
        r#"{{"log":{{"entries":[{{"_resourceType":"fetch","request":{{"method":"GET","url":"https://a.example/","headers":[{{"name":"x-big","value":"{value}"}}]}},"response":{{"status":200,"headers":[]}}}}]}}}}"#
    );
    let p = input::read(&ok).expect("a big header is not an error");
    assert_eq!(p.exchanges.len(), 1);
    assert_eq!(
        p.exchanges[0].request.headers.get("x-big").map(|v| v.len()),
        Some(value.len())
    );
    // The same line cut inside the value: the error points at the end of the line.
    let cut = &ok[..ok.find(&value).unwrap_or(0) + value.len() / 2];
    let e = har_err(cut);
    assert_eq!(e.place.line, Some(1), "{e}");
    assert!(e.place.column.unwrap_or(0) > value.len() / 2, "{e}");
    assert_eq!(
        e.place.field.as_deref(),
        Some("log.entries[0].request.headers[0]"),
        "{e}"
    );
}

#[test]
fn deep_nesting() {
    let e = har_err(&"[".repeat(100_000));
    assert_eq!(e.place.line, Some(1));
    assert_eq!(e.place.column, Some(1));
    assert!(e.message.contains("array"), "{e}");

    // Nested arrays where entries are expected: an error at the second level
    // (the typed model never recurses with the input's depth).
    let deep = format!(r#"{{"log":{{"entries":{}"#, "[".repeat(100_000));
    let e = har_err(&deep);
    assert_eq!(e.place.line, Some(1), "{e}");
    assert!(
        e.place
            .field
            .as_deref()
            .is_some_and(|f| f.starts_with("log.entries")),
        "{e}"
    );

    let deep_obj = format!(
        r#"{{"log":{{"entries":[{{"request":{{"method":"GET","url":"u","headers":[]}},"_initiator":{}"#,
        r#"{"stack":"#.repeat(100_000)
    );
    let e = har_err(&deep_obj);
    assert_eq!(e.place.line, Some(1), "{e}");

    // Deep nesting inside a field we ignore is skipped without recursion.
    let ignored = format!(
        r#"{{"log":{{"entries":[],"x":{}1{}}}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let p = input::read(&ignored).expect("ignored fields may nest");
    assert!(p.exchanges.is_empty());
}

#[test]
fn log_without_entries() {
    let e = har_err(r#"{"log":{}}"#);
    assert_eq!(e.place.field.as_deref(), Some("log.entries"), "{e}");
    assert!(e.message.contains("log.entries"), "{e}");

    let e = har_err(r#"{"version":"1.2"}"#);
    assert_eq!(e.place.field.as_deref(), Some("log"), "{e}");
    assert!(e.message.contains("log"), "{e}");

    let e = har_err(r#"{"log":null}"#);
    assert_eq!(e.place.field.as_deref(), Some("log"), "{e}");
}

#[test]
fn entries_not_an_array() {
    let e = har_err("{\"log\": {\n  \"entries\": {\"0\": {}}\n}}");
    assert_eq!(e.place.field.as_deref(), Some("log.entries"), "{e}");
    assert_eq!(e.place.line, Some(2), "{e}");
    assert!(e.message.contains("expected an array"), "{e}");

    let e = har_err(r#"{"log":{"entries":"none"}}"#);
    assert_eq!(e.place.field.as_deref(), Some("log.entries"), "{e}");
}

#[test]
fn header_value_is_a_number() {
    let text = "{\"log\":{\"entries\":[\n{\"request\":{\"method\":\"GET\",\"url\":\"https://a.example/\",\"headers\":[]},\"response\":{\"status\":200,\"headers\":[]}},\n{\"request\":{\"method\":\"GET\",\"url\":\"https://a.example/\",\n\"headers\":[{\"name\":\"x\",\"value\":\"1\"},{\"name\":\"content-length\",\"value\":42}]}}\n]}}";
    let e = har_err(text);
    assert_eq!(
        e.place.field.as_deref(),
        Some("log.entries[1].request.headers[1]"),
        "{e}"
    );
    assert_eq!(e.place.line, Some(4), "{e}");
    // serde points just after the number `42`.
    let line4 = text.lines().nth(3).expect("line 4");
    let col42 = line4.find("42").expect("42") + 1;
    let col = e.place.column.expect("column");
    assert!(col >= col42 && col <= col42 + 2, "{e}");
    assert!(e.message.contains("integer `42`"), "{e}");
    assert!(e.message.contains("expected a string"), "{e}");
}

#[test]
fn empty_input() {
    let e = err("");
    assert_eq!(e.kind, None);
    assert_eq!(e.place.line, Some(1));
}

#[test]
fn whitespace_only() {
    let e = err(" \n\t\r\n   \n");
    assert_eq!(e.kind, None);
    assert_eq!(e.place.line, Some(1));
}

#[test]
fn not_json_but_braced() {
    let e = har_err("{log: entries}");
    assert_eq!(e.place.line, Some(1));
    assert_eq!(e.place.column, Some(2), "{e}");
}

#[test]
fn har_with_bom_positions() {
    let e = har_err("\u{feff}{\"log\":{}}");
    assert_eq!(e.place.field.as_deref(), Some("log.entries"));
    let e = har_err("\u{feff}{\"log\":7}");
    assert_eq!(e.place.line, Some(1));
    assert_eq!(e.place.field.as_deref(), Some("log"));
}

// ---- Non-HAR cases: the text readers. ----

#[test]
fn text_binary_garbage() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    let e = err(&text);
    assert!(e.place.line.is_some() || e.place.offset.is_some(), "{e}");
}

#[test]
fn text_curl_command_unterminated_quote() {
    let e = err("curl 'https://api.example.com/x -H 'Origin: https://a.example'\n -H \"X: y");
    assert_eq!(e.kind, Some(InputKind::CurlCommand));
    assert!(e.place.line.is_some() || e.place.offset.is_some(), "{e}");
}

#[test]
fn text_fetch_command_truncated() {
    let e = err("fetch(\"https://api.example.com/x\", {\n  \"headers\": {\"x-a\": ");
    assert_eq!(e.kind, Some(InputKind::FetchCommand));
    assert!(e.place.line.is_some() || e.place.offset.is_some(), "{e}");
}

#[test]
fn text_http_huge_header_line() {
    let text = format!("HTTP/1.1 200 OK\r\nX-Big: {}", "y".repeat(10 * 1024 * 1024));
    match input::read(&text) {
        Ok(_) => {}
        Err(e) => assert!(e.place.line.is_some(), "{e}"),
    }
}

#[test]
fn text_http_status_line_garbage() {
    let e = err("HTTP/1.1 abc\r\nContent-Type: text/plain\r\n");
    assert_eq!(e.kind, Some(InputKind::HttpText));
    assert_eq!(e.place.line, Some(1), "{e}");
}

#[test]
fn text_curl_verbose_binary_after_marker() {
    let bytes: Vec<u8> = (0..2048u32).map(|i| (i * 131 % 251) as u8).collect();
    let mut b = b"< HTTP/2 403\n< ".to_vec();
    b.extend_from_slice(&bytes);
    let text = String::from_utf8_lossy(&b);
    match input::read(&text) {
        Ok(_) => {}
        Err(e) => assert!(e.place.line.is_some(), "{e}"),
    }
}

#[test]
fn text_console_message_cut() {
    let e = err("Access to fetch at 'https://api.example.com/x' from origin");
    assert_eq!(e.kind, Some(InputKind::ConsoleError));
    assert!(e.place.line.is_some(), "{e}");
}

#[test]
fn text_powershell_unterminated_string() {
    let e = err(
        "Invoke-WebRequest -UseBasicParsing `\n-Uri \"https://api.example.com/x `\n-Method PUT\n",
    );
    assert_eq!(e.kind, Some(InputKind::PowerShellCommand));
    assert_eq!((e.place.line, e.place.column), (Some(2), Some(6)), "{e}");
    assert!(e.message.contains("unterminated"), "{e}");
    let e = err("$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\nInvoke-WebRequest -Uri 'https://x.example/a");
    assert_eq!(e.kind, Some(InputKind::PowerShellCommand));
    assert_eq!((e.place.line, e.place.column), (Some(2), Some(24)), "{e}");
}

#[test]
fn text_powershell_headers_not_closed() {
    let e = err("Invoke-WebRequest -Uri \"https://api.example.com/x\" `\n-Headers @{\n\"origin\"=\"https://app.example.com\"\n  \"x-a\"=\"b\"\n");
    assert_eq!(e.kind, Some(InputKind::PowerShellCommand));
    assert_eq!((e.place.line, e.place.column), (Some(2), Some(10)), "{e}");
    assert!(e.message.contains("@{"), "{e}");
    // A key without `=`.
    let e = err("Invoke-WebRequest -Uri https://x.example/ -Headers @{ \"x-a\" \"b\" }");
    assert_eq!((e.place.line, e.place.column), (Some(1), Some(55)), "{e}");
}

#[test]
fn text_powershell_no_uri() {
    let e = err("$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\nInvoke-WebRequest -UseBasicParsing `\n-Method \"POST\" -WebSession $session -Body \"{}\"");
    assert_eq!(e.kind, Some(InputKind::PowerShellCommand));
    assert_eq!((e.place.line, e.place.column), (Some(2), Some(1)), "{e}");
    assert!(e.message.contains("-Uri"), "{e}");
    // A value-less -Uri.
    let e = err("Invoke-RestMethod -Uri -Method Get");
    assert_eq!((e.place.line, e.place.column), (Some(1), Some(19)), "{e}");
    // Unbalanced brackets and stray garbage never panic.
    for s in [
        "Invoke-WebRequest -Uri x -Body ([System.Text.Encoding]::UTF8.GetBytes(\"a\"",
        "Invoke-WebRequest -Uri x -Body \"$(\"",
        "Invoke-WebRequest -Uri x -Headers @{a=}",
        "Invoke-WebRequest -Uri \"`u{110000}\"",
        "Invoke-WebRequest -Uri @\"\nnever closed",
        "Invoke-WebRequest -Uri x <# open",
        "Invoke-WebRequest `",
        "iwr ${",
    ] {
        let e = err(s);
        assert_eq!(e.kind, Some(InputKind::PowerShellCommand), "{s}");
        assert!(e.place.line.is_some(), "{s}: {e}");
    }
}
