//! The DevTools panel: the captured cross-origin requests, newest first, each with the core's
//! diagnosis; replay outside CORS, export, copy as curl. The browser side (capture, replay,
//! permissions) lives in `extension/*.js`; this module only computes and renders, talking to it
//! through the [`Bridge`] that `extension/panel.js` passes to [`crate::mount_panel`].

pub mod model;

use crate::components::FindingView;
use leptos::prelude::*;
use model::{PanelState, Row};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeSet;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The JS side of the panel (extension/panel.js).
    pub type Bridge;
    #[wasm_bindgen(method, js_name = onState)]
    fn on_state(this: &Bridge, cb: &js_sys::Function);
    #[wasm_bindgen(method)]
    fn send(this: &Bridge, json: &str);
    #[wasm_bindgen(method)]
    fn replay(this: &Bridge, id: f64, plan: &str);
    #[wasm_bindgen(method)]
    fn copy(this: &Bridge, text: &str) -> bool;
    #[wasm_bindgen(method)]
    fn download(this: &Bridge, name: &str, text: &str);
    #[wasm_bindgen(method, js_name = openPage)]
    fn open_page(this: &Bridge, fragment: &str);
    #[wasm_bindgen(method)]
    fn exact(this: &Bridge, on: bool);
}

thread_local! {
    static BRIDGE: RefCell<Option<Bridge>> = const { RefCell::new(None) };
}

fn with_bridge(f: impl FnOnce(&Bridge)) {
    BRIDGE.with(|b| {
        if let Some(b) = b.borrow().as_ref() {
            f(b)
        }
    });
}

/// Redact a HAR text with the core's rules (Authorization, cookies, API keys, JWTs, secret
/// query parameters). Exported for the extension's scripts and tests.
#[wasm_bindgen]
pub fn redact_har(har: &str) -> String {
    model::redact_har_text(har)
}

/// Mount the panel into `<body>`, wired to `bridge`.
pub fn mount(bridge: Bridge) {
    BRIDGE.with(|b| *b.borrow_mut() = Some(bridge));
    leptos::mount::mount_to_body(Panel);
}

#[derive(Clone, Default)]
struct Captured {
    state: PanelState,
    rows: Vec<Row>,
    error: Option<String>,
}

#[component]
fn Panel() -> impl IntoView {
    let data = RwSignal::new(Captured::default());
    let selected = RwSignal::new(None::<u64>);
    let checked = RwSignal::new(BTreeSet::<u64>::new());
    let keep_secrets = RwSignal::new(false);
    let flash = RwSignal::new(String::new());

    let cb = Closure::<dyn FnMut(String)>::new(move |json: String| {
        let state: PanelState = serde_json::from_str(&json).unwrap_or_default();
        let (rows, error) = match model::analyse(&state.entries) {
            Ok(r) => (r, None),
            Err(e) => (Vec::new(), Some(e)),
        };
        let ids: BTreeSet<u64> = rows.iter().map(|r| r.id).collect();
        checked.update(|c| c.retain(|id| ids.contains(id)));
        if selected.get_untracked().is_some_and(|s| !ids.contains(&s)) {
            selected.set(None);
        }
        data.set(Captured { state, rows, error });
    });
    with_bridge(|b| b.on_state(cb.as_ref().unchecked_ref()));
    cb.forget();

    let export = move |_| {
        let ids = checked.get_untracked();
        let text = data.with_untracked(|d| {
            let rows: Vec<&Row> = d.rows.iter().filter(|r| ids.contains(&r.id)).collect();
            model::export(&d.state.entries, &rows, keep_secrets.get_untracked())
        });
        let name = format!("whycors-{}-requests.har", ids.len());
        with_bridge(|b| b.download(&name, &text));
        flash.set(format!(
            "exported {} request{}{}",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            if keep_secrets.get_untracked() {
                " with secrets"
            } else {
                ", secrets redacted"
            }
        ));
    };

    view! {
        <main class="panel" data-connected=move || data.with(|d| d.state.connected.to_string())
            data-rows=move || data.with(|d| d.rows.len().to_string())>
            <header class="toolbar">
                <h1 class="brand">"whycors"</h1>
                <label title="Keep the list when the page navigates">
                    <input type="checkbox" data-action="preserve"
                        prop:checked=move || data.with(|d| d.state.preserve)
                        on:change=move |ev| {
                            let v = event_target_checked(&ev);
                            with_bridge(|b| b.send(&serde_json::json!({"type": "preserve", "value": v}).to_string()));
                        }/>
                    " Preserve log"
                </label>
                <button type="button" data-action="clear" on:click=move |_| {
                    with_bridge(|b| b.send(r#"{"type":"clear"}"#));
                }>"Clear"</button>
                <span class="sep"></span>
                <button type="button" data-action="select-all" on:click=move |_| {
                    let all: BTreeSet<u64> = data.with_untracked(|d| d.rows.iter().map(|r| r.id).collect());
                    checked.update(|c| if c.len() == all.len() { c.clear() } else { *c = all });
                }>"Select all"</button>
                <button type="button" data-action="export" on:click=export
                    prop:disabled=move || checked.with(BTreeSet::is_empty)>
                    {move || format!("Export HAR ({})", checked.with(BTreeSet::len))}
                </button>
                <label title="Off: Authorization, cookies, API keys and tokens are replaced by <redacted>">
                    <input type="checkbox" data-action="keep-secrets"
                        prop:checked=move || keep_secrets.get()
                        on:change=move |ev| keep_secrets.set(event_target_checked(&ev))/>
                    " Keep secrets"
                </label>
                <span class="sep"></span>
                <button type="button" data-action="exact"
                    title="Read Chromium's own CORS verdict (asks for the debugger permission)"
                    on:click=move |_| {
                        let on = !data.with_untracked(|d| d.state.exact);
                        with_bridge(|b| b.exact(on));
                    }>
                    {move || if data.with(|d| d.state.exact) { "Exact mode: on" } else { "Exact mode" }}
                </button>
                <span class="flash" role="status">{move || flash.get()}</span>
            </header>
            {move || data.with(|d| d.state.notices.get("exact").cloned()).map(|n| view! { <p class="notice">{n}</p> })}
            {move || data.with(|d| d.error.clone()).map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="split">
                <div class="list-wrap">
                    <h2 class="sr-only">"Requests"</h2>
                    <table class="list" aria-label="Cross-origin requests, newest first">
                        <thead><tr><th><span class="sr-only">"Select"</span></th><th>"Method"</th><th>"URL"</th><th>"Status"</th><th>"Cause"</th></tr></thead>
                        <tbody>
                            {move || data.with(|d| {
                                d.rows.iter().rev().map(|r| row_view(r, &d.state.entries, selected, checked)).collect_view()
                            })}
                        </tbody>
                    </table>
                    {move || data.with(|d| d.rows.is_empty()).then(|| view! {
                        <p class="empty">{move || if data.with(|d| d.state.connected) {
                            "No cross-origin request yet. Use the page: every fetch/XHR to another origin shows up here."
                        } else {
                            "Connecting to the inspected tab…"
                        }}</p>
                    })}
                </div>
                <section class="detail" aria-label="Details">
                    <h2 class="sr-only">"Details"</h2>
                    {move || selected.get().is_none().then(|| view! {
                        <p class="empty">"Select a request: why it failed, the fix, replay it outside CORS."</p>
                    })}
                    {move || {
                        let id = selected.get()?;
                        data.with(|d| {
                            let row = d.rows.iter().find(|r| r.id == id)?;
                            Some(detail_view(row, &d.state, flash))
                        })
                    }}
                </section>
            </div>
        </main>
    }
}

fn cause_label(r: &Row) -> String {
    let c = &r.finding.cause;
    let mut s = c.kind.as_str().replace('_', " ");
    if let Some(g) = c.gateway {
        s.push_str(" · ");
        s.push_str(g.name());
    }
    s
}

fn row_view(
    r: &Row,
    entries: &[Value],
    selected: RwSignal<Option<u64>>,
    checked: RwSignal<BTreeSet<u64>>,
) -> impl IntoView {
    let id = r.id;
    let entry = entries.get(r.idx);
    let status = entry.map(model::status_text).unwrap_or_default();
    let replayed = entry.and_then(model::replay_status);
    let blocked = r.finding.browser.blocked;
    let kind = r.finding.cause.kind.as_str();
    let gateway = r.finding.cause.gateway.map(|g| g.slug()).unwrap_or("");
    view! {
        <tr data-id=id.to_string() data-cause=kind data-gateway=gateway class:blocked=blocked
            class:selected=move || selected.get() == Some(id)
            on:click=move |_| selected.set(Some(id))>
            <td><input type="checkbox" aria-label="Select for export"
                prop:checked=move || checked.with(|c| c.contains(&id))
                on:click=move |ev| ev.stop_propagation()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    checked.update(|c| { if on { c.insert(id); } else { c.remove(&id); } });
                }/></td>
            <td class="method">{r.finding.request.method.clone()}</td>
            <td class="url" title=r.finding.request.url.clone()>{url_cell(&r.finding.request.url)}</td>
            <td class="status" title=status.clone()>{status.clone()}{replayed.map(|s| view! { <span class="real" title="status the replay got">{format!(" → {s}")}</span> })}</td>
            <td class="cause" title=cause_label(r)>
                <span class="badge" class:bad=blocked>{kind.replace('_', " ")}</span>
                {r.finding.cause.gateway.map(|g| view! { " " <span class="gw">{g.name()}</span> })}
            </td>
        </tr>
    }
}

/// Path and query first (what differs between rows), then the host, muted.
fn url_cell(url: &str) -> impl IntoView {
    let (host, path) = match url.split_once("://") {
        Some((_, rest)) => match rest.find('/') {
            Some(i) => (rest.get(..i).unwrap_or(""), rest.get(i..).unwrap_or("")),
            None => (rest, "/"),
        },
        None => ("", url),
    };
    view! { {path.to_string()} " " <span class="host">{host.to_string()}</span> }
}

fn detail_view(r: &Row, state: &PanelState, flash: RwSignal<String>) -> impl IntoView {
    let id = r.id;
    let method = r.finding.request.method.clone();
    let url = r.finding.request.url.clone();
    let safe = model::is_safe_method(&method);
    let entries = state.entries.clone();
    let plan_pre = model::plan(r, &entries, false);
    let plan_full = model::plan(r, &entries, true);
    let has_preflight = plan_pre.as_ref().is_ok_and(|p| p.preflight.is_some());
    let credentials = r.finding.request.credentials == "include";
    let confirm = RwSignal::new(false);
    let notice = state.notices.get(&id.to_string()).cloned();
    let entry = entries.get(r.idx).cloned();
    let replay = entry
        .as_ref()
        .and_then(|e| e.pointer("/_whycors/replay").cloned());
    let chromium = entry
        .as_ref()
        .and_then(|e| e.pointer("/_whycors/chromium").cloned());
    let curl = r
        .finding
        .reproduce
        .iter()
        .find(|c| c.contains("OPTIONS"))
        .cloned();
    let send = move |p: Result<model::Plan, String>| match p {
        Ok(p) => {
            let json = serde_json::to_string(&p).unwrap_or_default();
            with_bridge(|b| b.replay(id as f64, &json));
        }
        Err(e) => flash.set(e),
    };
    let (pre_for_click, full_for_click, full_for_confirm) =
        (plan_pre.clone(), plan_full.clone(), plan_full.clone());
    let share_input = model::har_text(
        &[
            entries.get(r.preflight_idx.unwrap_or(r.idx)),
            entries.get(r.idx),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .into_iter()
        .fold(Vec::new(), |mut acc: Vec<&Value>, e| {
            if !acc.iter().any(|a| std::ptr::eq(*a, e)) {
                acc.push(e);
            }
            acc
        }),
        "whycors DevTools panel",
    );
    let chromium_view = chromium.map(|c| {
        let theirs = c
            .get("corsError")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let ours = r
            .finding
            .browser
            .cors_error
            .clone()
            .unwrap_or_else(|| "(readable)".into());
        let agree = theirs == ours;
        view! {
            <p class="exact" class:agree=agree data-agree=agree.to_string()>
                "Chromium: " <code>{theirs}</code> " · whycors: " <code>{ours}</code>
                {if agree { " — they agree" } else { " — they differ" }}
            </p>
        }
    });
    let m1 = method.clone();
    let m2 = method.clone();
    let u2 = url.clone();
    view! {
        <div class="detail-inner" data-id=id.to_string()>
            <div class="actions">
                {if safe {
                    view! {
                        <button type="button" data-action="replay" on:click=move |_| send(full_for_click.clone())>
                            {if has_preflight { "Replay (preflight + request)" } else { "Replay" }}
                        </button>
                    }.into_any()
                } else {
                    view! {
                        {has_preflight.then(|| view! {
                            <button type="button" data-action="replay" on:click=move |_| send(pre_for_click.clone())>"Replay preflight"</button>
                        })}
                        <button type="button" data-action="replay-actual" on:click=move |_| confirm.set(true)>
                            {format!("Replay {m1} too…")}
                        </button>
                    }.into_any()
                }}
                {curl.map(|c| view! {
                    <button type="button" data-action="copy-curl" on:click=move |_| {
                        let ok = BRIDGE.with(|b| b.borrow().as_ref().map(|b| b.copy(&c)).unwrap_or(false));
                        flash.set(if ok { "preflight copied as curl".into() } else { "copy failed".into() });
                    }>"Copy preflight as curl"</button>
                })}
                <button type="button" data-action="open-page" on:click=move |_| {
                    let fragment = share_fragment(&share_input);
                    with_bridge(|b| b.open_page(&fragment));
                }>"Open in whycors page"</button>
            </div>
            <p class="creds">{if credentials {
                "Cookies: the replay sends them, as the original request used credentials."
            } else {
                "Cookies: not sent; the original request did not use credentials."
            }}</p>
            {move || confirm.get().then(|| {
                let p = full_for_confirm.clone();
                view! {
                    <div class="confirm" role="alertdialog" aria-label="Confirm the replay">
                        <p>{format!("Send {m2} {u2} again? It may repeat a side effect (create an order, send a message, charge a card).")}</p>
                        <button type="button" data-action="confirm-send" on:click=move |_| { confirm.set(false); send(p.clone()); }>
                            {format!("Send {}", m2)}
                        </button>
                        <button type="button" data-action="cancel" autofocus on:click=move |_| confirm.set(false)>"Cancel"</button>
                    </div>
                }
            })}
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {r.finding.hidden.clone().map(|h| view! { <p class="hidden-resp"><strong>"Hidden from the page: "</strong>{h}</p> })}
            {chromium_view}
            {replay.map(replay_view)}
            <FindingView finding=r.finding.clone()/>
        </div>
    }
}

fn replay_view(r: Value) -> impl IntoView {
    let part = |label: &'static str, v: Option<&Value>| {
        v.map(|v| {
            let status = v.get("status").and_then(Value::as_u64).unwrap_or(0);
            let text = v.get("statusText").and_then(Value::as_str).unwrap_or("").to_string();
            let headers: Vec<String> = v
                .get("headers")
                .and_then(Value::as_array)
                .map(|hs| {
                    hs.iter()
                        .map(|h| {
                            format!(
                                "{}: {}",
                                h.get("name").and_then(Value::as_str).unwrap_or(""),
                                h.get("value").and_then(Value::as_str).unwrap_or("")
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let body = v.pointer("/content/text").and_then(Value::as_str).unwrap_or("").to_string();
            view! {
                <details class="replay-part" data-part=label open=true>
                    <summary>{format!("{label}: {status} {text}")}</summary>
                    <pre tabindex="0">{headers.join("\n")}{(!body.is_empty()).then(|| format!("\n\n{body}"))}</pre>
                </details>
            }
        })
    };
    let at = r
        .get("at")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    view! {
        <section class="replay" aria-label="Replay">
            <h3>{format!("Replayed outside CORS {at}")}</h3>
            {part("preflight", r.get("preflight"))}
            {part("response", r.get("response"))}
            {r.get("error").and_then(Value::as_str).map(|e| view! { <p class="error">{e.to_string()}</p> })}
        </section>
    }
}

/// The `#…` fragment the hosted page reads (with the leading `#`): the request's HAR with
/// secrets redacted (the core's HAR-aware redaction, then the share link's own).
pub fn share_fragment(input: &str) -> String {
    let har = model::redact_har_text(input);
    format!("#{}", crate::share::encode_fragment(&har, false))
}
