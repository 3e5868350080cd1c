#![no_main]
//! The whole pipeline on arbitrary input: read, verdict, gateway, cause, fixes, report (with
//! and without redaction, with the page options the faces pass), serialised to JSON as every
//! face does. Errors are fine, panics are bugs: a panic in wasm kills the page or the panel.
use libfuzzer_sys::fuzz_target;
use whycors::exchange::Credentials;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options; the rest is the input.
    let (pick, rest) = match data.split_first() {
        Some((p, r)) => (*p, r),
        None => (0, data),
    };
    let text = String::from_utf8_lossy(rest);
    let options = whycors::Options {
        reads: if pick & 1 == 1 {
            vec!["ETag".into(), "x-request-id".into()]
        } else {
            Vec::new()
        },
        origin: match (pick >> 1) & 3 {
            0 => None,
            1 => Some("https://app.example.com".into()),
            2 => Some("null".into()),
            _ => Some("http://localhost:3000/".into()),
        },
        credentials: match (pick >> 3) & 3 {
            0 => None,
            1 => Some(Credentials::Include),
            2 => Some(Credentials::Omit),
            _ => Some(Credentials::SameOrigin),
        },
        redact: pick & 0x20 == 0,
    };
    match whycors::diagnose(&text, &options) {
        Ok(report) => {
            let json = serde_json::to_string(&report).expect("a report serialises");
            assert!(json.starts_with('{'));
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
