//! The Fetch standard's rules, each where the standard puts it: methods and
//! headers (§2.2.2), origins, the CORS check (§4.10) and the CORS-preflight
//! fetch (§4.8). The browser verdict (`crate::verdict`) runs them in order.

pub mod cors_check;
pub mod origin;
pub mod preflight;
pub mod safelist;
