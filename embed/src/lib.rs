//! The ES-module face: `diagnose(input, options)` → the versioned report.
//!
//! Translation only. JSON crosses the boundary as text both ways (options in, the core's
//! [`whycors::Report`] out, exactly the bytes `whycors explain --json` writes); the JS
//! wrapper (`embed/js/index.js`) does `JSON.stringify`/`JSON.parse`. One serialiser
//! (serde_json, which the HAR reader needs anyway) is much smaller in wasm than a second one
//! that builds JS objects value by value. Errors are JS `Error`s carrying the core's located
//! place.

use serde::Deserialize;
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

// The two JS built-ins the module touches, declared here rather than through js-sys: js-sys
// brings wasm-bindgen closure shims into the module's function table (measured: 5.6 KB raw).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Error)]
    type JsError;
    #[wasm_bindgen(constructor, js_class = "Error")]
    fn new(message: &str) -> JsError;
    #[wasm_bindgen(method, setter = name)]
    fn set_name(this: &JsError, name: &str);
    #[wasm_bindgen(method, setter = kind)]
    fn set_kind(this: &JsError, kind: &JsValue);
    #[wasm_bindgen(method, setter = line)]
    fn set_line(this: &JsError, line: &JsValue);
    #[wasm_bindgen(method, setter = column)]
    fn set_column(this: &JsError, column: &JsValue);
    #[wasm_bindgen(method, setter = offset)]
    fn set_offset(this: &JsError, offset: &JsValue);
    #[wasm_bindgen(method, setter = field)]
    fn set_field(this: &JsError, field: &JsValue);
}

fn error(msg: &str) -> JsValue {
    JsError::new(msg).into()
}

fn read_json<'a, T: Deserialize<'a> + Default>(what: &str, json: &'a str) -> Result<T, JsValue> {
    if json.is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(json).map_err(|e| error(&format!("whycors: {what}: {e}")))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, JsValue> {
    serde_json::to_string(value)
        .map_err(|e| error(&format!("whycors: cannot serialise the report: {e}")))
}

/// A JS `Error` whose message is the core's located message, with `kind`, `line`,
/// `column`, `offset` and `field` properties for callers that point at the place.
fn input_error(e: &whycors::InputError) -> JsValue {
    let err = JsError::new(&e.to_string());
    err.set_name("WhycorsInputError");
    err.set_kind(
        &e.kind
            .map_or(JsValue::NULL, |k| JsValue::from_str(k.as_str())),
    );
    let num = |n: Option<usize>| n.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64));
    err.set_line(&num(e.place.line));
    err.set_column(&num(e.place.column));
    err.set_offset(&num(e.place.offset));
    err.set_field(
        &e.place
            .field
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    err.into()
}

/// Read any input whycors reads (HAR, raw headers, curl -v, Copy as cURL/fetch/PowerShell, console
/// text) and return the report as JSON text. `options_json` is `JsOptions` as JSON ("" for
/// none). Throws `WhycorsInputError` (located) on unreadable input.
#[wasm_bindgen(js_name = diagnoseJson)]
pub fn diagnose_json(input: &str, options_json: &str) -> Result<String, JsValue> {
    let opts: JsOptions = read_json("options", options_json)?;
    match whycors::diagnose(input, &opts.to_core()) {
        Ok(report) => to_json(&report),
        Err(e) => Err(input_error(&e)),
    }
}

/// Answer "will this request work against this policy?": both arguments are JSON
/// (`whycors::input::policy::Policy` and `Ask`); returns the report as JSON text, one
/// finding, with fixes aimed at the policy's gateway. Throws on an unreadable policy.
#[wasm_bindgen(js_name = checkPolicyJson)]
pub fn check_policy_json(policy_json: &str, ask_json: &str) -> Result<String, JsValue> {
    let policy: whycors::input::policy::Policy = read_json("policy", policy_json)?;
    let ask: whycors::input::policy::Ask = read_json("request", ask_json)?;
    match whycors::check_policy(&policy, &ask) {
        Ok(report) => to_json(&report),
        Err(e) => Err(input_error(&e)),
    }
}

/// The report format version this build writes.
#[wasm_bindgen(js_name = reportVersion)]
pub fn report_version() -> u32 {
    whycors::report::VERSION
}
