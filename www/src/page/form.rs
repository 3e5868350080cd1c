//! The guided form: the same case as a paste, field by field.

use leptos::prelude::*;
use whycors::input::form::Form;

fn text_field(
    form: RwSignal<Form>,
    id: &'static str,
    label: &'static str,
    placeholder: &'static str,
    get: fn(&Form) -> String,
    set: fn(&mut Form, String),
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <input id=id name=id type="text" spellcheck="false" placeholder=placeholder
            prop:value=move || form.with(get)
            on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, v)); }/>
    }
}

fn area_field(
    form: RwSignal<Form>,
    id: &'static str,
    label: &'static str,
    placeholder: &'static str,
    get: fn(&Form) -> String,
    set: fn(&mut Form, String),
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <textarea id=id name=id rows="4" spellcheck="false" placeholder=placeholder
            prop:value=move || form.with(get)
            on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, v)); }></textarea>
    }
}

#[component]
pub fn GuidedForm(form: RwSignal<Form>) -> impl IntoView {
    view! {
        <form class="guided" on:submit=|ev| ev.prevent_default() aria-label="Describe the request">
            <fieldset>
                <legend>"The request"</legend>
                {text_field(form, "f-origin", "Page origin", "https://app.example.com", |f| f.origin.clone(), |f, v| f.origin = v)}
                {text_field(form, "f-url", "Request URL", "https://api.example.com/items", |f| f.url.clone(), |f, v| f.url = v)}
                {text_field(form, "f-method", "Method", "GET", |f| f.method.clone(), |f, v| f.method = v)}
                {area_field(form, "f-req-headers", "Request headers the script set (Name: value per line)", "Authorization: Bearer …\nContent-Type: application/json", |f| f.request_headers.clone(), |f, v| f.request_headers = v)}
                <label for="f-credentials">"Credentials"</label>
                <select id="f-credentials" prop:value=move || form.with(|f| f.credentials.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.credentials = v); }>
                    <option value="">"not known"</option>
                    <option value="omit">"omit"</option>
                    <option value="same-origin">"same-origin (fetch default)"</option>
                    <option value="include">"include (cookies, withCredentials)"</option>
                </select>
            </fieldset>
            <fieldset>
                <legend>"Preflight response (OPTIONS), if there was one"</legend>
                {text_field(form, "f-pre-status", "Status", "204", |f| f.preflight_status.clone(), |f, v| f.preflight_status = v)}
                {area_field(form, "f-pre-headers", "Headers", "Access-Control-Allow-Origin: https://app.example.com", |f| f.preflight_headers.clone(), |f, v| f.preflight_headers = v)}
            </fieldset>
            <fieldset>
                <legend>"Actual response"</legend>
                {text_field(form, "f-status", "Status", "200", |f| f.response_status.clone(), |f, v| f.response_status = v)}
                {area_field(form, "f-headers", "Headers", "Content-Type: application/json", |f| f.response_headers.clone(), |f, v| f.response_headers = v)}
                {area_field(form, "f-body", "Body (optional)", "{\"message\":\"…\"}", |f| f.response_body.clone(), |f, v| f.response_body = v)}
            </fieldset>
        </form>
    }
}
