//! Raw HTTP text (DevTools "Copy request/response headers") and `curl -v` / `curl -i` output.
use super::InputError;
use crate::exchange::{Exchange, InputKind};

pub fn looks_like_curl_verbose(t: &str) -> bool {
    t.lines()
        .any(|l| l.starts_with("> ") || l.starts_with("< ") || l.starts_with("* "))
}

pub fn looks_like_http(t: &str) -> bool {
    let first = t.lines().next().unwrap_or("");
    first.starts_with("HTTP/") || first.contains(" HTTP/") || first.contains(':')
}

pub fn read(_input: &str, _kind: InputKind) -> Result<Vec<Exchange>, InputError> {
    todo!("http text reader")
}
