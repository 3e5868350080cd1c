//! Application frameworks whose CORS layer answers a rejected request itself: Spring.

use super::signals::{ev_body, Signals};
use super::{tier, Cand, Gateway};

/// Spring MVC's `DefaultCorsProcessor` rejects a CORS request its `CorsConfiguration` does
/// not allow (the origin, the method or a requested header is not in its lists) with 403
/// and exactly this body, and no CORS headers.
const SPRING_REJECTED: &str = "Invalid CORS request";

pub(crate) fn spring(s: &Signals) -> Option<Cand> {
    if s.status != 403 || s.body.map(str::trim) != Some(SPRING_REJECTED) {
        return None;
    }
    let mut cand = Cand::new(Gateway::Spring, tier::API, vec![ev_body(SPRING_REJECTED)]).generated(
        Some("INVALID_CORS_REQUEST"),
        "Spring's CORS processor rejected the request: its CORS configuration (@CrossOrigin, addCorsMappings or a CorsConfigurationSource) does not allow this origin, this method or one of the request's headers, so it answered 403 \"Invalid CORS request\" without CORS headers.",
    );
    cand.strength = 3;
    Some(cand)
}
