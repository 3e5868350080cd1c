//! The hosted page: paste anything, see the real cause and the fix.

use crate::components::ReportView;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let (text, set_text) = signal(String::new());
    let result = move || {
        let t = text.get();
        if t.trim().is_empty() {
            return None;
        }
        Some(whycors::diagnose(&t, &whycors::Options::default()).map_err(|e| e.to_string()))
    };
    view! {
        <main>
            <h1>"whycors"</h1>
            <label for="input">"Paste a HAR, headers, curl -v output, a Copy-as-cURL/fetch command or the console error"</label>
            <textarea id="input" rows="12" on:input=move |ev| set_text.set(event_target_value(&ev))></textarea>
            {move || match result() {
                None => None,
                Some(Ok(report)) => Some(view! { <ReportView report=report/> }.into_any()),
                Some(Err(e)) => Some(view! { <p class="error" role="alert">{e}</p> }.into_any()),
            }}
        </main>
    }
}
