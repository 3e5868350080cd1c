//! A copy-to-clipboard button (falls back to selecting nothing but saying so).

use leptos::prelude::*;

/// Copies `text` to the clipboard and says so for a moment.
#[component]
pub fn CopyButton(
    #[prop(into)] text: String,
    #[prop(optional, into)] label: Option<String>,
) -> impl IntoView {
    let label = label.unwrap_or_else(|| "Copy".to_string());
    let (state, set_state) = signal(0u8);
    let shown = label.clone();
    let on_click = move |_| {
        let ok = web_sys::window()
            .map(|w| {
                let _ = w.navigator().clipboard().write_text(&text);
            })
            .is_some();
        set_state.set(if ok { 1 } else { 2 });
    };
    view! {
        <button type="button" class="copy" aria-label=label.clone() on:click=on_click>
            {move || match state.get() {
                1 => "Copied".to_string(),
                2 => "Copy failed".to_string(),
                _ => shown.clone(),
            }}
        </button>
    }
}
