//! The hosted page: paste anything, see the real cause and the fix.
//!
//! Small inputs are read on the page as you type; files and big pastes go to a Web Worker
//! (`static/worker.js`) with a progress bar. A share link carries the case, compressed and
//! redacted, in the URL fragment.

use crate::components::{CopyButton, FindingView, InputView};
use crate::share;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use whycors::exchange::Exchange;
use whycors::input::form::Form;
use whycors::report::Finding;

pub mod examples;
mod form;
pub mod rows;
pub mod worker;

use rows::{finding_for, row, PageOptions, Row};
use worker::{js_num, js_object, js_str, kind_from_str, kind_label, Bridge, Loaded};

/// Pastes longer than this go to the worker.
const BIG_PASTE: usize = 1_500_000;
/// Files up to this size go into the paste box; bigger ones stay in the worker.
const INLINE_FILE: f64 = 1_000_000.0;
/// Rows shown at once in the list.
const MAX_ROWS: usize = 300;
/// The longest share link made: Chromium opens URLs up to 2 MB (2,097,152 characters).
const MAX_LINK: usize = 2 * 1024 * 1024;

/// One explained exchange, read on the page.
#[derive(Clone, Debug)]
pub struct Item {
    pub row: Row,
    pub finding: Finding,
    pub exchange: Exchange,
}

#[derive(Clone, Debug, Default)]
enum Outcome {
    #[default]
    Empty,
    Error {
        message: String,
        line: Option<usize>,
        text: Arc<String>,
    },
    Local {
        kind: String,
        items: Arc<Vec<Item>>,
        skipped: usize,
        text: Arc<String>,
        /// Lines that look like a browser's CORS message but were not read.
        unread: Arc<Vec<whycors::input::Unread>>,
    },
    Working {
        phase: String,
        done: f64,
        total: f64,
    },
    Big {
        loaded: Arc<Loaded>,
        ms: f64,
        json_ms: f64,
        bytes: f64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Paste,
    Form,
}

type OnMessage = Rc<dyn Fn(JsValue)>;

thread_local! {
    /// The worker, started on first use (the first load fetches no worker).
    static BRIDGE: RefCell<Option<Bridge>> = const { RefCell::new(None) };
    static ON_MESSAGE: RefCell<Option<OnMessage>> = const { RefCell::new(None) };
}

/// Read `text` on the page.
fn analyse(text: &str, po: &PageOptions) -> Outcome {
    if text.trim().is_empty() {
        return Outcome::Empty;
    }
    let o = po.to_options();
    match whycors::input::read(text) {
        Err(e) => Outcome::Error {
            message: e.to_string(),
            line: e.place.line,
            text: Arc::new(text.to_string()),
        },
        Ok(parsed) => {
            let mut items = Vec::new();
            let mut skipped = 0;
            for (i, x) in parsed.exchanges.into_iter().enumerate() {
                match finding_for(parsed.kind, &x, &o) {
                    Some(f) => items.push(Item {
                        row: row(i, &f),
                        finding: f,
                        exchange: x,
                    }),
                    None => skipped += 1,
                }
            }
            Outcome::Local {
                kind: parsed.kind.as_str().to_string(),
                items: Arc::new(items),
                skipped,
                text: Arc::new(text.to_string()),
                unread: Arc::new(parsed.unread),
            }
        }
    }
}

fn analyse_form(f: &Form, po: &PageOptions) -> Outcome {
    if f.url.trim().is_empty() {
        return Outcome::Empty;
    }
    match whycors::input::form::read(f) {
        Err(e) => Outcome::Error {
            message: e.to_string(),
            line: None,
            text: Arc::new(String::new()),
        },
        Ok(x) => {
            let o = po.to_options();
            let items = finding_for(x.source, &x, &o)
                .map(|f| Item {
                    row: row(0, &f),
                    finding: f,
                    exchange: x,
                })
                .into_iter()
                .collect::<Vec<_>>();
            let skipped = usize::from(items.is_empty());
            Outcome::Local {
                kind: "form".into(),
                items: Arc::new(items),
                skipped,
                text: Arc::new(String::new()),
                unread: Arc::default(),
            }
        }
    }
}

/// One request opened from a share link ("Share this request" on a row of a bigger input).
fn analyse_exchange(x: &Exchange, po: &PageOptions) -> Outcome {
    let items = finding_for(x.source, x, &po.to_options())
        .map(|f| Item {
            row: row(0, &f),
            finding: f,
            exchange: x.clone(),
        })
        .into_iter()
        .collect::<Vec<_>>();
    Outcome::Local {
        kind: x.source.as_str().to_string(),
        skipped: usize::from(items.is_empty()),
        items: Arc::new(items),
        text: Arc::new(String::new()),
        unread: Arc::default(),
    }
}

/// The page's URL with `content` in its fragment (secrets redacted unless `keep`), or why
/// there is none: a link longer than browsers open is no link.
fn share_link(content: &str, keep: bool) -> Result<String, String> {
    let frag = share::encode_fragment(content, keep);
    let loc = web_sys::window()
        .ok_or_else(|| "no window to make a link in".to_string())?
        .location();
    let url = format!(
        "{}{}#{frag}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default()
    );
    if url.len() > MAX_LINK {
        return Err(format!(
            "The link would be {:.1} MB, longer than a browser opens (2 MB). Share less: one request \
             (open it in the list and use “Share this request”), or only its headers.",
            url.len() as f64 / 1e6
        ));
    }
    Ok(url)
}

/// The versioned JSON report of what the page shows (the same as `whycors explain --json`).
fn local_report(items: &[Item], skipped: usize, unread: &[whycors::input::Unread]) -> String {
    let report = whycors::Report {
        version: whycors::report::VERSION,
        input: items
            .first()
            .map_or("http_text", |i| i.exchange.source.as_str()),
        findings: items.iter().map(|i| i.finding.clone()).collect(),
        same_origin_skipped: skipped,
        // Secrets out of the file, as the findings' are.
        unread: unread
            .iter()
            .map(|u| whycors::input::Unread {
                line: u.line,
                text: whycors::redact::text(&u.text).into_owned(),
                reason: u.reason,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

/// Save `json` as a file the browser downloads (a blob: URL, nothing leaves the page).
fn save_json(name: &str, json: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(json));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let w = web_sys::window().ok_or("no window")?;
    let doc = w.document().ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    doc.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    // The download has its own copy once started; free the blob a moment later.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}

fn post(msg: JsValue) {
    BRIDGE.with(|b| {
        if b.borrow().is_none() {
            if let Some(h) = ON_MESSAGE.with(|h| h.borrow().clone()) {
                match Bridge::start(move |d| h(d)) {
                    Ok(br) => *b.borrow_mut() = Some(br),
                    Err(e) => web_sys::console::error_2(&"whycors: no worker".into(), &e),
                }
            }
        }
        if let Some(b) = b.borrow().as_ref() {
            b.post(&msg);
        }
    });
}

fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let mode = RwSignal::new(Mode::Paste);
    let text = RwSignal::new(String::new());
    let form = RwSignal::new(Form::default());
    let popts = RwSignal::new(PageOptions::default());
    let outcome = RwSignal::new(Outcome::Empty);
    let opened = RwSignal::new(None::<usize>);
    let big_opened = RwSignal::new(None::<(usize, Exchange)>);
    let keep = RwSignal::new(false);
    let share_url = RwSignal::new(None::<String>);
    // One request restored from a share link (shown while the paste box is empty).
    let shared = RwSignal::new(None::<Exchange>);
    let notice = RwSignal::new(None::<String>);
    let example = RwSignal::new(String::new());

    // The worker's answers.
    let on_message: OnMessage =
        Rc::new(move |data: JsValue| match js_str(&data, "type").as_str() {
            "progress" => outcome.set(Outcome::Working {
                phase: js_str(&data, "phase"),
                done: js_num(&data, "done"),
                total: js_num(&data, "total"),
            }),
            "text" => {
                mode.set(Mode::Paste);
                text.set(js_str(&data, "text"));
            }
            "loaded" => {
                let loaded: Loaded =
                    serde_json::from_str(&js_str(&data, "loaded")).unwrap_or_default();
                opened.set(None);
                big_opened.set(None);
                outcome.set(match &loaded.error {
                    Some(e) => Outcome::Error {
                        message: e.clone(),
                        line: loaded.error_line,
                        text: Arc::new(String::new()),
                    },
                    None => Outcome::Big {
                        loaded: Arc::new(loaded),
                        ms: js_num(&data, "ms"),
                        json_ms: js_num(&data, "jsonMs"),
                        bytes: js_num(&data, "bytes"),
                    },
                });
            }
            "report" => {
                let json = js_str(&data, "json");
                if json.is_empty() {
                    notice.set(Some(
                        "Nothing to put in a report: read a case first.".into(),
                    ));
                } else if let Err(e) = save_json("whycors-report.json", &json) {
                    notice.set(Some(format!("The report could not be saved: {e:?}")));
                }
            }
            "exchange" => {
                let idx = js_num(&data, "idx") as usize;
                if let Ok(x) = serde_json::from_str::<Exchange>(&js_str(&data, "json")) {
                    big_opened.set(Some((idx, x)));
                }
            }
            "error" => outcome.set(Outcome::Error {
                message: format!("reading the file: {}", js_str(&data, "message")),
                line: None,
                text: Arc::new(String::new()),
            }),
            _ => {}
        });
    ON_MESSAGE.with(|h| *h.borrow_mut() = Some(on_message));

    // Restore a shared case.
    let hash = location_hash();
    if hash.len() > 1 {
        match share::decode_fragment(&hash) {
            Ok(s) => {
                let kept = share::keeps_secrets(&hash);
                let what = match share::shared_case(s) {
                    share::Shared::Form(f) => {
                        form.set(*f);
                        mode.set(Mode::Form);
                        "a share link"
                    }
                    share::Shared::Exchange(x) => {
                        shared.set(Some(*x));
                        "a share link holding one request"
                    }
                    share::Shared::Text(t) => {
                        text.set(t);
                        "a share link"
                    }
                };
                keep.set(kept);
                notice.set(Some(if kept {
                    format!("Opened from {what} (its secrets were kept).")
                } else {
                    format!("Opened from {what}; secrets were redacted before sharing.")
                }));
            }
            Err(e) => notice.set(Some(e)),
        }
    }

    // Read as you type (small inputs on the page, big ones in the worker).
    Effect::new(move |_| {
        let po = popts.get();
        let out = match mode.get() {
            Mode::Form => form.with(|f| analyse_form(f, &po)),
            Mode::Paste => {
                let big = text.with(|t| t.len() > BIG_PASTE);
                let from_link = if text.with(|t| t.trim().is_empty()) {
                    shared.get()
                } else {
                    None
                };
                if let Some(x) = from_link {
                    analyse_exchange(&x, &po)
                } else if big {
                    let t = text.get_untracked();
                    post(js_object(&[
                        ("type", "text".into()),
                        ("text", t.into()),
                        ("options", options_js(&po)),
                    ]));
                    Outcome::Working {
                        phase: "sending".into(),
                        done: 0.0,
                        total: 1.0,
                    }
                } else {
                    text.with(|t| analyse(t, &po))
                }
            }
        };
        opened.set(None);
        outcome.set(out);
    });
    // A new case invalidates the last share link.
    Effect::new(move |_| {
        text.track();
        form.track();
        shared.track();
        keep.track();
        share_url.set(None);
    });

    let on_file = move |file: web_sys::File| {
        notice.set(None);
        outcome.set(Outcome::Working {
            phase: "reading".into(),
            done: 0.0,
            total: file.size(),
        });
        post(js_object(&[
            ("type", "file".into()),
            ("file", file.into()),
            ("inline", INLINE_FILE.into()),
            ("options", options_js(&popts.get_untracked())),
        ]));
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(f) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|fl| fl.get(0))
        {
            on_file(f);
        }
    };
    let on_pick = move |ev: web_sys::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(f) = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|fl| fl.get(0))
        {
            on_file(f);
        }
        if let Some(i) = input {
            i.set_value("");
        }
    };
    let on_example = move |ev: web_sys::Event| {
        let id = event_target_value(&ev);
        if let Some(e) = examples::find(&id) {
            mode.set(Mode::Paste);
            popts.update(|p| p.reads = e.reads.to_string());
            notice.set(None);
            text.set(e.text.to_string());
        }
        example.set(String::new());
    };
    let on_share = move |_| {
        let content = match mode.get_untracked() {
            Mode::Form => form.with_untracked(share::form_case),
            Mode::Paste => {
                let t = text.get_untracked();
                match shared.get_untracked() {
                    Some(x) if t.trim().is_empty() => share::exchange_case(&x),
                    _ => t,
                }
            }
        };
        if content.trim().is_empty() {
            let big = outcome.with_untracked(|o| matches!(o, Outcome::Big { .. }));
            notice.set(Some(if big {
                "A HAR file read from disk does not go into a link whole: open one of its requests and use “Share this request”.".into()
            } else {
                "Nothing to share yet: paste a case first.".into()
            }));
            return;
        }
        match share_link(&content, keep.get_untracked()) {
            Ok(url) => {
                if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                    let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
                }
                notice.set(None);
                share_url.set(Some(url));
            }
            Err(e) => notice.set(Some(e)),
        }
    };

    let detected = move || {
        let o = outcome.get();
        let (label, count) = match &o {
            Outcome::Local {
                kind,
                items,
                skipped,
                ..
            } => (
                kind_label(kind),
                format!(
                    " · {} cross-origin request{}{}",
                    items.len(),
                    if items.len() == 1 { "" } else { "s" },
                    if *skipped > 0 {
                        format!(", {skipped} same-origin left out")
                    } else {
                        String::new()
                    }
                ),
            ),
            Outcome::Big { loaded, .. } => (
                kind_label(&loaded.kind),
                format!(
                    " · {} requests, {} cross-origin",
                    loaded.exchanges,
                    loaded.rows.len()
                ),
            ),
            _ => return None,
        };
        // What looked like a browser's message but was not read: said under the heading.
        let unread = match &o {
            Outcome::Local { unread, .. } if !unread.is_empty() => Some(view! {
                <div class="unread" role="note">
                    <p>{format!(
                        "Not read ({} line{}{}; the findings leave {} out):",
                        unread.len(),
                        if unread.len() == 1 { "" } else { "s" },
                        match (whycors::input::Unread::all_messages(unread), unread.len()) {
                            (true, 1) => " that looks like a browser's CORS message",
                            (true, _) => " that look like a browser's CORS message",
                            _ => "",
                        },
                        if unread.len() == 1 { "it" } else { "them" },
                    )}</p>
                    <ul>
                        {unread
                            .iter()
                            .map(|u| view! { <li><span class="line-no">{format!("line {}", u.line)}</span>" "<code>{u.text.clone()}</code>{u.reason.map(|r| format!(" ({r})"))}</li> })
                            .collect_view()}
                    </ul>
                </div>
            }),
            _ => None,
        };
        Some(view! {
            <h2 class="detected" data-kind=label>"Read as " <strong>{label}</strong>{count}</h2>
            {unread}
        })
    };

    // The versioned JSON report of what is shown, as a file.
    let on_download = move |_| {
        outcome.with_untracked(|o| match o {
            Outcome::Local {
                items,
                skipped,
                unread,
                ..
            } => {
                if let Err(e) = save_json(
                    "whycors-report.json",
                    &local_report(items, *skipped, unread),
                ) {
                    notice.set(Some(format!("The report could not be saved: {e:?}")));
                }
            }
            Outcome::Big { .. } => post(js_object(&[
                ("type", "report".into()),
                ("options", options_js(&popts.get_untracked())),
            ])),
            _ => {}
        })
    };
    let download = move || {
        outcome
            .with(|o| matches!(o, Outcome::Local { items, .. } if !items.is_empty()) || matches!(o, Outcome::Big { .. }))
            .then(|| {
                view! {
                    <button type="button" id="download-report" on:click=on_download
                        title="The versioned JSON report, as whycors explain --json prints it (secrets redacted)">
                        "Download report (JSON)"</button>
                }
            })
    };

    let results = move || {
        match outcome.get() {
        Outcome::Empty => view! {
            <p class="empty">"Paste what DevTools showed you, drop a HAR file, or pick an example. Nothing leaves your browser."</p>
        }
        .into_any(),
        Outcome::Error { message, line, text } => {
            let goto = line.map(|l| {
                view! { <button type="button" on:click=move |_| select_line(l)>{format!("Go to line {l}")}</button> }
            });
            view! {
                <div class="read-error" role="alert">
                    <p class="error">{message}</p>
                    {goto}
                    <InputView text=(*text).clone() error_line=line.unwrap_or(0)/>
                </div>
            }
            .into_any()
        }
        Outcome::Working { phase, done, total } => {
            let pct = if total > 0.0 { (done / total * 100.0).clamp(0.0, 100.0) } else { 0.0 };
            view! {
                <div class="working" role="status">
                    <label for="progress">{format!("{} {:.1} MB", capitalise(&phase), total / 1e6)}</label>
                    <progress id="progress" max="100" value=format!("{pct:.0}")></progress>
                </div>
            }
            .into_any()
        }
        Outcome::Local { items, text, .. } => {
            let po = popts.get_untracked();
            if items.len() == 1 {
                let it = items.first().cloned();
                it.map(|it| {
                    view! { <FindingView finding=it.finding exchange=it.exchange options=po.to_options() input=(*text).clone()/> }
                })
                .into_any()
            } else {
                let rows: Vec<Row> = items.iter().map(|i| i.row.clone()).collect();
                let items2 = items.clone();
                let detail = Arc::new(move |idx: usize| {
                    items2
                        .iter()
                        .find(|i| i.row.idx == idx)
                        .map(|it| {
                            view! { <ShareRequest exchange=it.exchange.clone() keep=keep/>
                                <FindingView finding=it.finding.clone() exchange=it.exchange.clone()
                                options=po.to_options() input=(*text).clone()/> }
                        })
                        .into_any()
                });
                finding_list(Arc::new(rows), opened, detail).into_any()
            }
        }
        Outcome::Big { loaded, ms, json_ms, bytes } => {
            let kind = kind_from_str(&loaded.kind);
            let detail = Arc::new(move |idx: usize| {
                let po = popts.get_untracked();
                (move || match big_opened.get() {
                    Some((i, x)) if i == idx => finding_for(kind, &x, &po.to_options())
                        .map(|f| view! { <ShareRequest exchange=x.clone() keep=keep/>
                            <FindingView finding=f exchange=x options=po.to_options()/> }.into_any())
                        .unwrap_or_else(|| view! { <p>"Same-origin."</p> }.into_any()),
                    _ => view! { <p role="status">"Opening…"</p> }.into_any(),
                })
                .into_any()
            });
            let ratio = if json_ms > 0.0 { format!(" ({:.2}× a bare JSON.parse: {json_ms:.0} ms)", ms / json_ms) } else { String::new() };
            view! {
                <p class="timings" data-ms=format!("{ms:.1}") data-json-ms=format!("{json_ms:.1}") data-bytes=format!("{bytes}")>
                    {format!("Read and diagnosed {:.1} MB in {ms:.0} ms{ratio}, in a Web Worker.", bytes / 1e6)}
                </p>
                {finding_list(Arc::new(loaded.rows.clone()), opened, detail)}
            }
            .into_any()
        }
    }
    };
    // Opening a worker row asks the worker for its exchange.
    Effect::new(move |_| {
        if let (Some(idx), Outcome::Big { .. }) = (opened.get(), outcome.get_untracked()) {
            if big_opened.with_untracked(|b| b.as_ref().map(|(i, _)| *i)) != Some(idx) {
                post(js_object(&[
                    ("type", "open".into()),
                    ("idx", (idx as f64).into()),
                ]));
            }
        }
    });

    view! {
        <header class="top">
            <h1>"whycors"</h1>
            <p class="tagline">"Why, really, was it blocked by CORS? Paste what DevTools showed you: the real cause and the fix. Everything runs in your browser."</p>
        </header>
        <main>
            <section class="input" aria-label="Your case">
                <div class="toolbar">
                    <div role="radiogroup" aria-label="How to enter the case" class="modes">
                        <label><input type="radio" name="mode" checked=move || mode.get() == Mode::Paste
                            on:change=move |_| mode.set(Mode::Paste)/>" Paste"</label>
                        <label><input type="radio" name="mode" checked=move || mode.get() == Mode::Form
                            on:change=move |_| mode.set(Mode::Form)/>" Guided form"</label>
                    </div>
                    <label for="examples" class="sr-only">"Load an example"</label>
                    <select id="examples" on:change=on_example prop:value=move || example.get()>
                        <option value="">"Examples…"</option>
                        {examples::EXAMPLES.iter().map(|e| view! { <option value=e.id>{e.title}</option> }).collect_view()}
                    </select>
                    <label class="file">"Open a HAR file…"
                        <input type="file" id="file" accept=".har,.json,.txt,application/json" on:change=on_pick/></label>
                </div>
                {move || (mode.get() == Mode::Paste).then(|| view! {
                    <div class="drop" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
                        <label for="input">"Paste a HAR, response headers (or the whole Headers tab), " <code>"curl -v"</code>
                            " output, a Copy-as-cURL/fetch/PowerShell command or the console error — or drop a HAR file here"</label>
                        <textarea id="input" rows="12" spellcheck="false" autocomplete="off"
                            prop:value=move || text.with(|t| if t.len() > BIG_PASTE { String::new() } else { t.clone() })
                            on:input=move |ev| { notice.set(None); shared.set(None); text.set(event_target_value(&ev)); }></textarea>
                    </div>
                })}
                {move || (mode.get() == Mode::Form).then(|| view! { <form::GuidedForm form=form/> })}
                <details class="options">
                    <summary>"Options"</summary>
                    <label for="o-origin">"Page origin (when the input does not say)"</label>
                    <input id="o-origin" type="text" placeholder="https://app.example.com" prop:value=move || popts.with(|p| p.origin.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); popts.update(|p| p.origin = v); }/>
                    <label for="o-reads">"Response headers the page reads (comma-separated)"</label>
                    <input id="o-reads" type="text" placeholder="ETag, X-Request-Id" prop:value=move || popts.with(|p| p.reads.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); popts.update(|p| p.reads = v); }/>
                    <label for="o-cred">"Credentials mode (when the input does not say)"</label>
                    <select id="o-cred" prop:value=move || popts.with(|p| p.credentials.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); popts.update(|p| p.credentials = v); }>
                        <option value="">"not known"</option>
                        <option value="omit">"omit"</option>
                        <option value="same-origin">"same-origin"</option>
                        <option value="include">"include"</option>
                    </select>
                </details>
                <div class="share">
                    <button type="button" id="share" on:click=on_share>"Share link"</button>
                    <label><input type="checkbox" id="keep-secrets" prop:checked=move || keep.get()
                        on:change=move |ev| keep.set(event_target_checked(&ev))/>
                        " Keep secrets in the link (Authorization, cookies, API keys, tokens)"</label>
                    {move || share_url.get().map(|u| {
                        let note = if keep.get_untracked() { "Secrets kept: share with care." } else { "Secrets redacted." };
                        let len = u.len();
                        view! {
                            <div class="share-out">
                                <label for="share-url">{format!("Link ({len} characters). {note}")}</label>
                                <input id="share-url" type="text" readonly prop:value=u.clone()/>
                                <CopyButton text=u label="Copy link"/>
                            </div>
                        }
                    })}
                </div>
                {move || notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            </section>
            <section class="result" aria-label="Diagnosis" aria-live="polite">
                {detected}
                {download}
                {results}
            </section>
        </main>
        <footer><p>"whycors computes the browser's verdict as Chromium does and names the real cause. No request leaves this page."</p></footer>
    }
}

fn options_js(po: &PageOptions) -> JsValue {
    js_sys::JSON::parse(&serde_json::to_string(po).unwrap_or_else(|_| "{}".into()))
        .unwrap_or(JsValue::NULL)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Put the caret on a 1-based line of the paste box.
fn select_line(line: usize) {
    let Some(ta) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("input"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let v = ta.value();
    // Offsets in UTF-16 code units, as the DOM counts.
    let mut start = 0u32;
    let mut end = 0u32;
    let mut l = 1usize;
    for c in v.chars() {
        let n = c.len_utf16() as u32;
        if c == '\n' {
            if l == line {
                break;
            }
            l += 1;
            start = end + n;
        }
        end += n;
    }
    let _ = ta.focus();
    let _ = ta.set_selection_range(start, end);
}

/// The list of findings with filters (blocked only, cause, host); a row opens its finding.
fn finding_list(
    rows: Arc<Vec<Row>>,
    opened: RwSignal<Option<usize>>,
    detail: Arc<dyn Fn(usize) -> AnyView + Send + Sync>,
) -> impl IntoView {
    let blocked_only = RwSignal::new(false);
    let cause = RwSignal::new(String::new());
    let host = RwSignal::new(String::new());
    let mut causes: Vec<String> = rows.iter().map(|r| r.cause.clone()).collect();
    causes.sort();
    causes.dedup();
    let mut hosts: Vec<String> = rows.iter().map(|r| r.host.clone()).collect();
    hosts.sort();
    hosts.dedup();
    let total = rows.len();
    let blocked_n = rows.iter().filter(|r| r.blocked).count();
    let list = move || {
        let c = cause.get();
        let h = host.get();
        let b = blocked_only.get();
        let shown: Vec<Row> = rows
            .iter()
            .filter(|r| {
                (!b || r.blocked) && (c.is_empty() || r.cause == c) && (h.is_empty() || r.host == h)
            })
            .cloned()
            .collect();
        let n = shown.len();
        let more = n.saturating_sub(MAX_ROWS);
        let detail = detail.clone();
        view! {
            <p class="list-count" role="status" data-count=n>{format!("{n} of {total} shown")}
                {(more > 0).then(|| format!(" (first {MAX_ROWS}; narrow the filters to see the rest)"))}</p>
            <ul class="findings">
                {shown.into_iter().take(MAX_ROWS).map(|r| {
                    let idx = r.idx;
                    let detail = detail.clone();
                    let is_open = move || opened.get() == Some(idx);
                    view! {
                        <li class="row" class:blocked=r.blocked data-cause=r.cause.clone() data-host=r.host.clone()>
                            <button type="button" class="row-head" aria-expanded=move || is_open().to_string()
                                on:click=move |_| opened.update(|o| *o = if *o == Some(idx) { None } else { Some(idx) })>
                                <span class="badge" class:bad=r.blocked>{if r.blocked { "Blocked" } else { "Allowed" }}</span>
                                <span class="row-cause">{r.cause.replace('_', " ")}</span>
                                <span class="row-url">{format!("{} {}", r.method, r.url)}</span>
                            </button>
                            {move || is_open().then(|| detail(idx))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    };
    view! {
        <div class="list">
            <fieldset class="filters">
                <legend>{format!("{total} cross-origin requests, {blocked_n} blocked")}</legend>
                <label><input type="checkbox" id="filter-blocked" on:change=move |ev| blocked_only.set(event_target_checked(&ev))/>" Blocked only"</label>
                <label for="filter-cause">"Cause"</label>
                <select id="filter-cause" on:change=move |ev| cause.set(event_target_value(&ev))>
                    <option value="">"any"</option>
                    {causes.into_iter().map(|c| { let label = c.replace('_', " "); view! { <option value=c>{label}</option> } }).collect_view()}
                </select>
                <label for="filter-host">"Host"</label>
                <select id="filter-host" on:change=move |ev| host.set(event_target_value(&ev))>
                    <option value="">"any"</option>
                    {hosts.into_iter().map(|h| { let v = h.clone(); view! { <option value=v>{h}</option> } }).collect_view()}
                </select>
            </fieldset>
            {list}
        </div>
    }
}

/// "Share this request": a link holding one request of a bigger input (a HAR's row), redacted
/// unless the page's keep-secrets box is ticked.
#[component]
fn ShareRequest(exchange: Exchange, keep: RwSignal<bool>) -> impl IntoView {
    let link = RwSignal::new(None::<Result<String, String>>);
    let case = Arc::new(share::exchange_case(&exchange));
    let on_click = move |_| link.set(Some(share_link(&case, keep.get_untracked())));
    view! {
        <div class="share-request">
            <button type="button" class="share-request-go" on:click=on_click>"Share this request"</button>
            {move || link.get().map(|r| match r {
                Ok(u) => {
                    let note = if keep.get_untracked() { "secrets kept" } else { "secrets redacted" };
                    view! {
                        <input class="share-request-url" type="text" readonly prop:value=u.clone()
                            aria-label=format!("Link to this request ({} characters, {note})", u.len())/>
                        <CopyButton text=u label="Copy link"/>
                    }
                    .into_any()
                }
                Err(e) => view! { <p class="notice" role="status">{e}</p> }.into_any(),
            })}
        </div>
    }
}
