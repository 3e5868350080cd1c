//! HAR 1.2 reader (Chrome, Firefox, Safari exports; `_whycors.replay`).
use super::InputError;
use crate::exchange::Exchange;

pub fn read(_input: &str) -> Result<Vec<Exchange>, InputError> {
    todo!("HAR reader")
}
