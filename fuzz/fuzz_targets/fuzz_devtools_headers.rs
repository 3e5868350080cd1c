#![no_main]
//! The DevtoolsHeaders reader (DevTools' Headers view copied as text) on arbitrary input: errors are fine, panics are bugs.
use libfuzzer_sys::fuzz_target;
use whycors::exchange::InputKind;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = whycors::input::read_as(&text, InputKind::DevtoolsHeaders) {
        // Formatting the error must not panic either.
        let _ = e.to_string();
    }
});
