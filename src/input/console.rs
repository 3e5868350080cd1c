//! Console error text of Chrome, Firefox and Safari.
use super::InputError;
use crate::exchange::Exchange;

pub fn looks_like(t: &str) -> bool {
    t.contains("blocked by CORS policy")
        || t.contains("Cross-Origin Request Blocked")
        || t.contains("due to access control checks")
        || t.contains("is not allowed by Access-Control-Allow-")
}

pub fn read(_input: &str) -> Result<Vec<Exchange>, InputError> {
    todo!("console reader")
}
