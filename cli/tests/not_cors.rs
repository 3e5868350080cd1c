//! `whycors explain` on what is not CORS (the page's CSP, mixed content, a
//! network error), on a real pseudo-terminal: the recorded Chromium 156
//! console lines and DevTools HAR in tests/data.

mod common;
use common::{data, strip_ansi, ESC};

const BIN: &str = env!("CARGO_BIN_EXE_whycors");

fn on_tty(args: &[&str]) -> String {
    common::tty_text(BIN, args, false)
}

#[test]
fn console_lines_that_are_not_cors_on_a_terminal() {
    for (fixture, cause, words) in [
        (
            "console/chrome-csp-connect-src.txt",
            "cause: content_security_policy",
            "Content-Security-Policy: connect-src 'self' https://cdn.example.com https://api.test",
        ),
        (
            "console/chrome-mixed-content-fetch.txt",
            "cause: mixed_content",
            "fetch('https://api.test/items')",
        ),
        (
            "console/chrome-name-not-resolved.txt",
            "cause: network_error",
            "the host name does not resolve",
        ),
    ] {
        let p = data(fixture);
        let tty = on_tty(&["explain", p.to_str().expect("UTF-8 path")]);
        assert!(tty.contains(ESC), "{fixture}: no colour on a terminal");
        let text = strip_ansi(&tty).replace("\r\n", "\n");
        assert!(
            text.starts_with("whycors: 1 cross-origin request read as console_error, 1 blocked"),
            "{fixture}: {text}"
        );
        assert!(text.contains("✗ BLOCKED"), "{fixture}: {text}");
        assert!(text.contains(cause), "{fixture}: {text}");
        assert!(text.contains("not CORS"), "{fixture}: {text}");
        // The words may wrap: compare without line breaks and indentation.
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(words), "{fixture}: {text}");
        // No CORS sentence is invented for a request the browser never checked.
        assert!(!text.contains("Chrome's console says"), "{fixture}: {text}");
        assert!(
            !text.contains("blocked by CORS policy"),
            "{fixture}: {text}"
        );
    }
}

#[test]
fn har_of_what_is_not_cors_on_a_terminal() {
    let p = data("har/chrome_not_cors.har");
    let text =
        strip_ansi(&on_tty(&["explain", p.to_str().expect("UTF-8 path")])).replace("\r\n", "\n");
    assert!(
        text.starts_with("whycors: 7 cross-origin requests read as har, 7 blocked"),
        "{text}"
    );
    assert_eq!(
        text.matches("cause: content_security_policy").count(),
        1,
        "{text}"
    );
    assert_eq!(text.matches("cause: mixed_content").count(), 2, "{text}");
    assert_eq!(text.matches("cause: network_error").count(), 4, "{text}");
}
