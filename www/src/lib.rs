//! The hosted page and the DevTools panel: Leptos (CSR) over the pure core.
//!
//! `components` holds what both faces show (a report, a finding); `page` is the hosted
//! page; `share` encodes a case into a URL fragment. Each face is mounted by one exported
//! function its HTML calls.

use wasm_bindgen::prelude::*;

pub mod components;
pub mod page;
#[cfg(feature = "panel")]
pub mod panel;
pub mod share;

/// Mount the hosted page into `<body>`.
#[wasm_bindgen]
pub fn mount_page() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(page::App);
}

/// Mount the DevTools panel into `<body>`; `bridge` is the object extension/panel.js builds.
/// Only in the extension's build (feature `panel`, on by default).
#[cfg(feature = "panel")]
#[wasm_bindgen]
pub fn mount_panel(bridge: panel::Bridge) {
    console_error_panic_hook::set_once();
    panel::mount(bridge);
}
