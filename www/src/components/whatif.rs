//! What if the server answered differently? Edit a response's headers and status;
//! the verdict is recomputed as you type.

use super::VerdictBadge;
use leptos::prelude::*;
use whycors::exchange::{HeaderList, InputKind, PreflightCapture};
use whycors::input::form::parse_headers;
use whycors::{Exchange, Options};

fn headers_text(h: &HeaderList) -> String {
    h.iter()
        .map(|h| format!("{}: {}", h.name, h.value))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The exchange with the edited preflight and actual responses; Err names the field.
pub fn edited(
    x: &Exchange,
    pre_status: &str,
    pre_headers: &str,
    status: &str,
    headers: &str,
) -> Result<Exchange, String> {
    let mut x = x.clone();
    if let PreflightCapture::Captured(p) = &mut x.preflight {
        if let Some(r) = &mut p.response {
            r.status = pre_status
                .trim()
                .parse()
                .map_err(|_| format!("preflight status {pre_status:?} is not a number"))?;
            r.headers =
                parse_headers("preflight headers", pre_headers).map_err(|e| e.to_string())?;
        }
    }
    if let Some(r) = &mut x.response {
        r.status = status
            .trim()
            .parse()
            .map_err(|_| format!("response status {status:?} is not a number"))?;
        r.headers = parse_headers("response headers", headers).map_err(|e| e.to_string())?;
        // The edit is the evidence now, not what a browser once printed.
        x.observed = None;
        x.network_error = None;
    }
    Ok(x)
}

/// The what-if editor for one exchange.
#[component]
pub fn WhatIf(exchange: Exchange, options: Options) -> impl IntoView {
    let pre = exchange
        .captured_preflight()
        .and_then(|p| p.response.clone());
    let resp = exchange.response.clone();
    if pre.is_none() && resp.is_none() {
        return None;
    }
    let pre_status = RwSignal::new(
        pre.as_ref()
            .map(|r| r.status.to_string())
            .unwrap_or_default(),
    );
    let pre_headers = RwSignal::new(
        pre.as_ref()
            .map(|r| headers_text(&r.headers))
            .unwrap_or_default(),
    );
    let status = RwSignal::new(
        resp.as_ref()
            .map(|r| r.status.to_string())
            .unwrap_or_default(),
    );
    let headers = RwSignal::new(
        resp.as_ref()
            .map(|r| headers_text(&r.headers))
            .unwrap_or_default(),
    );
    let x = StoredValue::new(exchange);
    let opts = StoredValue::new(options);
    let verdict = move || {
        let e = x.with_value(|x| {
            edited(
                x,
                &pre_status.get(),
                &pre_headers.get(),
                &status.get(),
                &headers.get(),
            )
        });
        match e {
            Err(msg) => view! { <p class="error" role="alert">{msg}</p> }.into_any(),
            Ok(x) => {
                let r = opts.with_value(|o| whycors::explain(InputKind::HttpText, vec![x], o));
                match r.findings.into_iter().next() {
                    None => view! { <p>"Same-origin: no CORS check."</p> }.into_any(),
                    Some(f) => {
                        let err = f.browser.cors_error.clone().unwrap_or_default();
                        let summary = f.summary.clone();
                        view! {
                            <p class="whatif-verdict"><VerdictBadge finding=f/>" "
                                <code>{err}</code>" "<span>{summary}</span></p>
                        }
                        .into_any()
                    }
                }
            }
        }
    };
    let pre_editor = pre.map(|_| {
        view! { <ResponseEditor legend="Preflight response" class="whatif-preflight" rows=5
        status=pre_status headers=pre_headers/> }
    });
    let resp_editor = resp.map(|_| {
        view! { <ResponseEditor legend="Actual response" class="whatif-response" rows=6
        status=status headers=headers/> }
    });
    Some(view! {
        <details class="whatif">
            <summary>"What if the server answered differently?"</summary>
            <p class="hint">"Edit a status or a header line; the verdict updates as you type."</p>
            <div class="whatif-grid">{pre_editor}{resp_editor}</div>
            <div aria-live="polite" class="whatif-result">{verdict}</div>
        </details>
    })
}

/// One response's status and header lines, editable.
#[component]
fn ResponseEditor(
    legend: &'static str,
    /// The textarea's class (tests and styles find the editor by it).
    class: &'static str,
    rows: u32,
    status: RwSignal<String>,
    headers: RwSignal<String>,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{legend}</legend>
            <label>"Status "<input class="status" inputmode="numeric" size="4" prop:value=move || status.get()
                on:input=move |ev| status.set(event_target_value(&ev))/></label>
            <label class="block">"Headers"
                <textarea class=class rows=rows spellcheck="false" prop:value=move || headers.get()
                    on:input=move |ev| headers.set(event_target_value(&ev))></textarea></label>
        </fieldset>
    }
}
