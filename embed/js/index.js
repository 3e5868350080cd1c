// whycors for docs sites: the ES module. `await init()` once, then `diagnose()` and
// `checkPolicy()` answer synchronously, offline. Works from a plain
// <script type="module"> and from bundlers (the .wasm is found with
// `new URL('./whycors_bg.wasm', import.meta.url)`).
import initWasm, { diagnoseJson, checkPolicyJson, reportVersion as wasmReportVersion } from './whycors.js';

let ready = null;
let loaded = false;

/**
 * Load the WebAssembly module (once; later calls return the same promise).
 * `wasm` may be a URL, a Response, bytes or a WebAssembly.Module; by default the
 * `whycors_bg.wasm` next to this file is fetched.
 */
export function init(wasm) {
  if (ready === null) {
    const source = wasm === undefined ? new URL('./whycors_bg.wasm', import.meta.url) : wasm;
    ready = initWasm({ module_or_path: source }).then(() => {
      loaded = true;
    });
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

function need() {
  if (!loaded) throw new Error('whycors: call `await init()` before diagnose()/checkPolicy()');
}

function optionsJson(value, what) {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`whycors: ${what} must be an object`);
  }
  return JSON.stringify(value);
}

/**
 * Explain a capture (HAR, raw headers, `curl -v`, Copy as cURL/fetch/PowerShell, a console message).
 * Returns the same versioned report as `whycors explain --json`.
 * Throws a `WhycorsInputError` (with kind, line, column, offset, field) on unreadable input.
 */
export function diagnose(input, options) {
  need();
  if (typeof input !== 'string') throw new TypeError('whycors: input must be a string');
  return JSON.parse(diagnoseJson(input, optionsJson(options, 'options')));
}

/**
 * Will `request` work against the API's `policy`? No network: the answer of a server
 * configured with the policy is computed, then judged as the browser would.
 * Returns a report whose `input` is "policy" (one finding; none if same-origin).
 */
export function checkPolicy(policy, request) {
  need();
  return JSON.parse(
    checkPolicyJson(optionsJson(policy, 'policy'), optionsJson(request, 'request') || '{}'),
  );
}

/** The report format version this build writes. */
export function reportVersion() {
  need();
  return wasmReportVersion();
}

export default init;
