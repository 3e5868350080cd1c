//! The fixes in tabs (one per place the fix goes), each with a copy button.

use super::CopyButton;
use leptos::prelude::*;
use whycors::fix::Fix;

/// A short tab label for a fix target.
pub fn tab_label(target: &str) -> String {
    match target {
        "rest-api-console" => "REST API console".into(),
        "sam" => "SAM".into(),
        "cloudformation" => "CloudFormation".into(),
        "terraform" => "Terraform".into(),
        "cdk" => "CDK".into(),
        "openapi" => "OpenAPI".into(),
        "http-api-console" => "HTTP API console".into(),
        "http-api-sam" => "HTTP API SAM".into(),
        "http-api-terraform" => "HTTP API Terraform".into(),
        "http-api-cdk" => "HTTP API CDK".into(),
        "lambda-node" => "Lambda Node".into(),
        "lambda-python" => "Lambda Python".into(),
        "nginx" => "nginx".into(),
        "generic" => "Generic".into(),
        "client" => "Page".into(),
        "aws-waf" => "AWS WAF".into(),
        "azure-apim" => "Azure APIM".into(),
        "azure-app-service" => "App Service".into(),
        "cloudflare" => "Cloudflare".into(),
        "cloudfront" => "CloudFront".into(),
        "express" => "Express".into(),
        "kong" => "Kong".into(),
        "istio" => "Istio / Envoy".into(),
        "spring" => "Spring".into(),
        "fastapi" => "FastAPI".into(),
        "iis" => "IIS".into(),
        "apache" => "Apache".into(),
        "laravel" => "Laravel".into(),
        "aspnet-core" => "ASP.NET Core".into(),
        "sign-in" => "Sign-in".into(),
        "cdn-cache" => "CDN cache".into(),
        "same-origin-url" => "Same-origin URL".into(),
        "s3-cors" => "S3 CORS".into(),
        "s3-terraform" => "S3 Terraform".into(),
        "s3-cdk" => "S3 CDK".into(),
        "azure-storage-cors" => "Azure Storage CORS".into(),
        "azure-storage-terraform" => "Azure Storage Terraform".into(),
        "gcs-cors" => "GCS CORS".into(),
        "gcs-terraform" => "GCS Terraform".into(),
        "r2-cors" => "R2 CORS".into(),
        "r2-api" => "R2 API".into(),
        "b2-cors" => "B2 CORS (S3 API)".into(),
        "b2-rules" => "B2 CLI rules".into(),
        "b2-server" => "B2 from your server".into(),
        "spaces-cors" => "Spaces CORS".into(),
        "wasabi-cors" => "Wasabi CORS".into(),
        "minio-cors" => "MinIO CORS".into(),
        "lambda-url-cli" => "Function URL CLI".into(),
        "lambda-url-sam" => "Function URL SAM".into(),
        "lambda-url-terraform" => "Function URL Terraform".into(),
        "csp-header" => "CSP header".into(),
        "csp-nginx" => "nginx (CSP)".into(),
        "csp-meta" => "CSP <meta>".into(),
        "https-url" => "https:// URL".into(),
        "nginx-tls-proxy" => "nginx TLS proxy".into(),
        "fetch-mode" => "fetch() mode".into(),
        "no-credentials" => "Without credentials".into(),
        "socket-io" => "Socket.IO".into(),
        "font-files" => "Font files".into(),
        "supabase-function" => "Supabase function".into(),
        "flask" => "Flask".into(),
        "django" => "Django".into(),
        "rails" => "Rails".into(),
        "php" => "PHP".into(),
        "nextjs" => "Next.js".into(),
        "same-origin-proxy" => "nginx same-origin proxy".into(),
        "worker-bootstrap" => "Worker bootstrap".into(),
        other => {
            let mut s = other.replace('-', " ");
            if let Some(f) = s.get_mut(0..1) {
                f.make_ascii_uppercase();
            }
            s
        }
    }
}

static NEXT_ID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Tabs over the fixes: arrow keys move between tabs (WAI-ARIA tabs pattern).
#[component]
pub fn FixTabs(fixes: Vec<Fix>) -> impl IntoView {
    let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let n = fixes.len();
    let (sel, set_sel) = signal(0usize);
    let tabs = fixes
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let label = tab_label(&f.target);
            let title = f.title.clone();
            view! {
                <button type="button" role="tab" id=format!("fx{id}-t{i}")
                    aria-controls=format!("fx{id}-p{i}")
                    aria-selected=move || (sel.get() == i).to_string()
                    tabindex=move || if sel.get() == i { "0" } else { "-1" }
                    title=title
                    data-target=f.target.clone()
                    on:click=move |_| set_sel.set(i)
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        let next = match ev.key().as_str() {
                            "ArrowRight" => Some((i + 1) % n),
                            "ArrowLeft" => Some((i + n - 1) % n),
                            "Home" => Some(0),
                            "End" => Some(n - 1),
                            _ => None,
                        };
                        if let Some(j) = next {
                            ev.prevent_default();
                            set_sel.set(j);
                            if let Some(el) = web_sys::window()
                                .and_then(|w| w.document())
                                .and_then(|d| d.get_element_by_id(&format!("fx{id}-t{j}")))
                            {
                                use wasm_bindgen::JsCast;
                                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                                    let _ = el.focus();
                                }
                            }
                        }
                    }>{label}</button>
            }
        })
        .collect_view();
    let panels = fixes
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let text = f.text.clone();
            view! {
                <div role="tabpanel" class="fix-panel" id=format!("fx{id}-p{i}")
                    aria-labelledby=format!("fx{id}-t{i}") hidden=move || sel.get() != i>
                    <p class="fix-title">{f.title}</p>
                    <div class="code"><pre tabindex="0">{f.text}</pre><CopyButton text=text label="Copy fix"/></div>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="tabs">
            <div role="tablist" aria-label="Where to fix it">{tabs}</div>
            {panels}
        </div>
    }
}
