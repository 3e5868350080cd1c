//! whycors: why, really, did the browser say "blocked by CORS policy"?
//!
//! Pure core: no I/O, no network, no clock. Data flows one way:
//! input → [`exchange`]s → browser [`verdict`] → [`cause`] → [`fix`]es → [`report`].

pub mod browser_text;
pub mod cause;
pub mod exchange;
pub mod fix;
pub mod gateway;
pub mod input;
pub mod verdict;
