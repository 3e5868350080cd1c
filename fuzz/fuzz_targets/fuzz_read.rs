#![no_main]
//! Auto-detection plus whichever reader it picks, on arbitrary input.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match whycors::input::read(&text) {
        Ok(parsed) => {
            let _ = parsed.exchanges.len();
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
