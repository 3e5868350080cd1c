//! Big HARs in a Web Worker. The worker (static/worker.js) loads this same wasm and calls
//! the exported `worker_*` functions; the exchanges stay in the worker and the page asks
//! for one when the user opens it. `Bridge` is the page's side.

use super::rows::{quick_row, PageOptions, Row};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use whycors::exchange::{Exchange, InputKind};

thread_local! {
    static LOADED: RefCell<(Option<InputKind>, Vec<Exchange>)> = const { RefCell::new((None, Vec::new())) };
}

/// What the worker answers after reading an input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loaded {
    pub kind: String,
    pub rows: Vec<Row>,
    pub exchanges: usize,
    pub skipped: usize,
    /// The located error, when the input could not be read.
    pub error: Option<String>,
    pub error_line: Option<usize>,
}

/// Read and explain `text` (in the worker); keep its exchanges. Returns `Loaded` as JSON.
#[wasm_bindgen]
pub fn worker_load(text: &str, options_json: &str) -> String {
    load(text, options_json)
}

/// A file arriving chunk by chunk ([`worker_begin`], [`worker_push`], [`worker_finish`]):
/// decoded as `TextDecoder` would while it is read, so that reading it needs neither a
/// second copy of the whole file nor a UTF-8 check of it afterwards.
#[derive(Default)]
struct Incoming {
    text: String,
    /// The start of a UTF-8 sequence cut by the end of the last chunk (at most 3 bytes).
    tail: Vec<u8>,
}

impl Incoming {
    /// Decode `chunk` onto `text`: invalid bytes read as U+FFFD (one per maximal invalid
    /// subpart, like `TextDecoder` and `String::from_utf8_lossy`); an unfinished sequence
    /// at the end waits for the next chunk.
    fn push(&mut self, chunk: &[u8]) {
        let joined;
        let mut rest = if self.tail.is_empty() {
            chunk
        } else {
            let mut j = std::mem::take(&mut self.tail);
            j.extend_from_slice(chunk);
            joined = j;
            &joined[..]
        };
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.text.push_str(s);
                    return;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.text
                        .push_str(std::str::from_utf8(good).unwrap_or_default());
                    match e.error_len() {
                        Some(n) => {
                            self.text.push('\u{FFFD}');
                            rest = bad.get(n..).unwrap_or_default();
                        }
                        None => {
                            self.tail = bad.to_vec();
                            return;
                        }
                    }
                }
            }
        }
    }

    /// The whole text: an unfinished sequence at the end reads as U+FFFD.
    fn finish(mut self) -> String {
        if !self.tail.is_empty() {
            self.text.push('\u{FFFD}');
        }
        self.text
    }
}

thread_local! {
    static INCOMING: RefCell<Incoming> = RefCell::new(Incoming::default());
}

/// Start receiving a file of `size` bytes through [`worker_push`].
#[wasm_bindgen]
pub fn worker_begin(size: usize) {
    // Reading a HAR allocates a few times its size in small pieces: growing the wasm memory
    // once, up front, is much cheaper than growing it page by page on the way.
    drop(Vec::<u8>::with_capacity(size.saturating_mul(3)));
    INCOMING.with(|i| {
        *i.borrow_mut() = Incoming {
            text: String::with_capacity(size),
            tail: Vec::new(),
        }
    });
}

/// The next chunk of the file announced by [`worker_begin`].
#[wasm_bindgen]
pub fn worker_push(chunk: &[u8]) {
    INCOMING.with(|i| i.borrow_mut().push(chunk));
}

/// Read and explain the file received through [`worker_push`] (a leading byte order mark
/// dropped, as `TextDecoder` does).
#[wasm_bindgen]
pub fn worker_finish(options_json: &str) -> String {
    let text = INCOMING
        .with(|i| std::mem::take(&mut *i.borrow_mut()))
        .finish();
    load(text.strip_prefix('\u{FEFF}').unwrap_or(&text), options_json)
}

fn load(text: &str, options_json: &str) -> String {
    let po: PageOptions = serde_json::from_str(options_json).unwrap_or_default();
    let o = po.to_options();
    let out = match whycors::input::read(text) {
        Err(e) => Loaded {
            error: Some(e.to_string()),
            error_line: e.place.line,
            ..Loaded::default()
        },
        Ok(parsed) => {
            let mut rows = Vec::new();
            let mut skipped = 0;
            for (i, x) in parsed.exchanges.iter().enumerate() {
                match quick_row(i, x, &o) {
                    Some(r) => rows.push(r),
                    None => skipped += 1,
                }
            }
            let n = parsed.exchanges.len();
            LOADED.with(|l| *l.borrow_mut() = (Some(parsed.kind), parsed.exchanges));
            Loaded {
                kind: parsed.kind.as_str().to_string(),
                rows,
                exchanges: n,
                skipped,
                ..Loaded::default()
            }
        }
    };
    serde_json::to_string(&out).unwrap_or_default()
}

/// The exchange at `idx` of the last loaded input, as JSON ("" when none).
#[wasm_bindgen]
pub fn worker_exchange(idx: usize) -> String {
    LOADED.with(|l| {
        l.borrow()
            .1
            .get(idx)
            .and_then(|x| serde_json::to_string(x).ok())
            .unwrap_or_default()
    })
}

/// The whole report of the last loaded input, as `whycors explain --json` prints it
/// (`""` when nothing is loaded).
#[wasm_bindgen]
pub fn worker_report(options_json: &str) -> String {
    let po: PageOptions = serde_json::from_str(options_json).unwrap_or_default();
    LOADED.with(|l| {
        let l = l.borrow();
        match l.0 {
            Some(kind) => {
                let report = whycors::explain(kind, l.1.clone(), &po.to_options());
                serde_json::to_string_pretty(&report).unwrap_or_default()
            }
            None => String::new(),
        }
    })
}

/// The reader kind of the last loaded input ("" when none).
#[wasm_bindgen]
pub fn worker_kind() -> String {
    LOADED.with(|l| {
        l.borrow()
            .0
            .map(|k| k.as_str().to_string())
            .unwrap_or_default()
    })
}

pub fn kind_from_str(s: &str) -> InputKind {
    match s {
        "har" => InputKind::Har,
        "curl_verbose" => InputKind::CurlVerbose,
        "curl_command" => InputKind::CurlCommand,
        "fetch_command" => InputKind::FetchCommand,
        "powershell_command" => InputKind::PowerShellCommand,
        "devtools_headers" => InputKind::DevtoolsHeaders,
        "console_error" => InputKind::ConsoleError,
        _ => InputKind::HttpText,
    }
}

/// Human name of a reader kind.
pub fn kind_label(s: &str) -> &'static str {
    match s {
        "har" => "HAR file",
        "http_text" => "HTTP headers",
        "curl_verbose" => "curl -v output",
        "curl_command" => "Copy-as-cURL command",
        "fetch_command" => "Copy-as-fetch command",
        "powershell_command" => "Copy-as-PowerShell command",
        "devtools_headers" => "DevTools Headers view",
        "console_error" => "browser console message",
        "form" => "guided form",
        _ => "input",
    }
}

/// The page's handle on the worker.
pub struct Bridge {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Bridge {
    /// Start `worker.js` (a module worker); `on_message` gets every message's data.
    pub fn start(mut on_message: impl FnMut(JsValue) + 'static) -> Result<Bridge, JsValue> {
        let opts = web_sys::WorkerOptions::new();
        opts.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options("worker.js", &opts)?;
        let cb =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                on_message(ev.data())
            });
        worker.set_onmessage(Some(cb.as_ref().unchecked_ref()));
        Ok(Bridge {
            worker,
            _on_message: cb,
        })
    }

    pub fn post(&self, msg: &JsValue) {
        if let Err(e) = self.worker.post_message(msg) {
            web_sys::console::error_2(&"whycors: worker post failed".into(), &e);
        }
    }
}

/// A plain JS object from key/value pairs.
pub fn js_object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// A field of a JS object as a string ("" when absent).
pub fn js_str(v: &JsValue, key: &str) -> String {
    js_sys::Reflect::get(v, &JsValue::from_str(key))
        .ok()
        .and_then(|x| x.as_string())
        .unwrap_or_default()
}

/// A field of a JS object as a number (0 when absent).
pub fn js_num(v: &JsValue, key: &str) -> f64 {
    js_sys::Reflect::get(v, &JsValue::from_str(key))
        .ok()
        .and_then(|x| x.as_f64())
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_read_like_the_decoded_text() {
        let har = include_str!("../../../tests/cases/rest-throttled-429/capture.har");
        let from_text = worker_load(har, "{}");
        let loaded: Loaded = serde_json::from_str(&from_text).unwrap();
        assert_eq!(loaded.kind, "har");
        assert!(!loaded.rows.is_empty());
        assert_eq!(chunked(har.as_bytes(), har.len()), from_text);
        // TextDecoder drops a leading byte order mark.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(har.as_bytes());
        assert_eq!(chunked(&bom, 5), from_text);
        // ... and reads invalid UTF-8 as U+FFFD: the error names the same place.
        let bad = b"{\"log\": \xFF}";
        assert_eq!(chunked(bad, 3), worker_load("{\"log\": \u{FFFD}}", "{}"));
        let err: Loaded = serde_json::from_str(&chunked(bad, 1)).unwrap();
        assert_eq!(err.error_line, Some(1));
    }

    /// The file as `worker_push` gets it: in chunks of `size` bytes.
    fn chunked(bytes: &[u8], size: usize) -> String {
        worker_begin(bytes.len());
        for c in bytes.chunks(size) {
            worker_push(c);
        }
        worker_finish("{}")
    }

    #[test]
    fn chunks_read_like_the_whole_file() {
        let har = include_str!("../../../tests/cases/rest-throttled-429/capture.har");
        let whole = worker_load(har, "{}");
        for size in [1, 2, 3, 7, 4096, har.len()] {
            assert_eq!(chunked(har.as_bytes(), size), whole, "chunks of {size}");
        }
        // Multi-byte characters cut anywhere, invalid bytes, a sequence cut by the end of the
        // file and a byte order mark decode as TextDecoder (and from_utf8_lossy) would.
        let mut tricky =
            b"\xEF\xBB\xBF{\"log\": \"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xFF\xC3 x\xE2\x82"
                .to_vec();
        for size in 1..=9 {
            let got = chunked(&tricky, size);
            assert_eq!(got, chunked(&tricky, tricky.len()), "chunks of {size}");
        }
        let lossy = String::from_utf8_lossy(&tricky[3..]).into_owned();
        assert!(lossy.ends_with('\u{FFFD}'));
        let mut inc = Incoming::default();
        for c in tricky.chunks(2) {
            inc.push(c);
        }
        assert_eq!(inc.finish(), String::from_utf8_lossy(&tricky));
        tricky.clear();
        assert_eq!(chunked(&tricky, 4), worker_load("", "{}"));
    }
}
