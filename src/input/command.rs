//! "Copy as cURL" (bash and cmd flavours) and "Copy as fetch" commands: the request side.
use super::InputError;
use crate::exchange::Exchange;

pub fn looks_like_curl(t: &str) -> bool {
    t.starts_with("curl ") || t.starts_with("curl.exe ") || t.starts_with("curl\t")
}

pub fn looks_like_fetch(t: &str) -> bool {
    t.starts_with("fetch(") || t.starts_with("await fetch(")
}

pub fn read_curl(_input: &str) -> Result<Vec<Exchange>, InputError> {
    todo!("curl command reader")
}

pub fn read_fetch(_input: &str) -> Result<Vec<Exchange>, InputError> {
    todo!("fetch command reader")
}
