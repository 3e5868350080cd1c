//! The ES-module face: `diagnose(input, options)` → the versioned report, as plain JS objects.
//!
//! Translation only: options in, the core's [`whycors::Report`] out (same JSON as
//! `whycors explain --json`), errors as a JS `Error` carrying the core's located place.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use whycors::exchange::Credentials;

/// Options as JS passes them; every field optional, unknown fields rejected by name.
#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct JsOptions {
    pub origin: Option<String>,
    pub credentials: Option<Credentials>,
    pub reads: Vec<String>,
    pub redact: Option<bool>,
}

impl JsOptions {
    pub fn to_core(&self) -> whycors::Options {
        whycors::Options {
            reads: self.reads.clone(),
            origin: self.origin.clone(),
            credentials: self.credentials,
            redact: self.redact.unwrap_or(true),
        }
    }
}

/// Serialise like `serde_json` would: maps as plain objects, `None` as `null`.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            js_sys::Error::new(&format!("whycors: cannot serialise the report: {e}")).into()
        })
}

fn read_options(options: JsValue) -> Result<JsOptions, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(JsOptions::default());
    }
    serde_wasm_bindgen::from_value(options)
        .map_err(|e| js_sys::Error::new(&format!("whycors: options: {e}")).into())
}

/// A JS `Error` whose message is the core's located message, with `kind`, `line`,
/// `column`, `offset` and `field` properties for callers that point at the place.
fn input_error(e: &whycors::InputError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("WhycorsInputError");
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    };
    set(
        "kind",
        e.kind
            .map_or(JsValue::NULL, |k| JsValue::from_str(k.as_str())),
    );
    let num = |n: Option<usize>| n.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64));
    set("line", num(e.place.line));
    set("column", num(e.place.column));
    set("offset", num(e.place.offset));
    set(
        "field",
        e.place
            .field
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    err.into()
}

/// Read any input whycors reads (HAR, raw headers, curl -v, Copy as cURL/fetch, console
/// text) and return the report. Throws `WhycorsInputError` (located) on unreadable input.
#[wasm_bindgen]
pub fn diagnose(input: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let opts = read_options(options)?.to_core();
    match whycors::diagnose(input, &opts) {
        Ok(report) => to_js(&report),
        Err(e) => Err(input_error(&e)),
    }
}

/// The report format version this build writes.
#[wasm_bindgen(js_name = reportVersion)]
pub fn report_version() -> u32 {
    whycors::report::VERSION
}
