//! The fixes in tabs (one per place the fix goes), each with a copy button.

use super::CopyButton;
use leptos::prelude::*;
use whycors::fix::Fix;

/// A short tab label for a fix target.
pub fn tab_label(target: &str) -> String {
    label_of(target).map_or_else(|| fallback_label(target), str::to_string)
}

/// A target the core does not name yet: its id, readable.
fn fallback_label(target: &str) -> String {
    let mut s = target.replace('-', " ");
    if let Some(f) = s.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    s
}

/// The label written for each fix target the core gives.
fn label_of(target: &str) -> Option<&'static str> {
    Some(match target {
        "rest-api-console" => "REST API console",
        "sam" => "SAM",
        "cloudformation" => "CloudFormation",
        "terraform" => "Terraform",
        "cdk" => "CDK",
        "openapi" => "OpenAPI",
        "http-api-sam" => "HTTP API SAM",
        "http-api-terraform" => "HTTP API Terraform",
        "http-api-cdk" => "HTTP API CDK",
        "lambda-node" => "Lambda Node",
        "lambda-python" => "Lambda Python",
        "nginx" => "nginx",
        "generic" => "Generic",
        "client" => "Page",
        "aws-waf" => "AWS WAF",
        "azure-apim" => "Azure APIM",
        "azure-app-service" => "App Service",
        "cloudflare" => "Cloudflare",
        "cloudfront" => "CloudFront",
        "express" => "Express",
        "frameworks" => "Frameworks",
        "kong" => "Kong",
        "appwrite" => "Appwrite",
        "home-assistant" => "Home Assistant",
        "jupyter" => "Jupyter",
        "matomo" => "Matomo",
        "istio" => "Istio / Envoy",
        "spring" => "Spring",
        "fastapi" => "FastAPI",
        "iis" => "IIS",
        "apache" => "Apache",
        "laravel" => "Laravel",
        "go" => "Go",
        "apps-script" => "Apps Script",
        "aspnet-core" => "ASP.NET Core",
        "sign-in" => "Sign-in",
        "cdn-cache" => "CDN cache",
        "same-origin-url" => "Same-origin URL",
        "element-crossorigin" => "crossorigin attribute",
        "s3-cors" => "S3 CORS",
        "s3-region" => "S3 region",
        "body-limit" => "Body size limit",
        "s3-terraform" => "S3 Terraform",
        "s3-cdk" => "S3 CDK",
        "azure-storage-cors" => "Azure Storage CORS",
        "azure-storage-terraform" => "Azure Storage Terraform",
        "gcs-cors" => "GCS CORS",
        "gcs-terraform" => "GCS Terraform",
        "r2-cors" => "R2 CORS",
        "r2-api" => "R2 API",
        "b2-cors" => "B2 CORS (S3 API)",
        "b2-rules" => "B2 CLI rules",
        "b2-server" => "B2 from your server",
        "spaces-cors" => "Spaces CORS",
        "wasabi-cors" => "Wasabi CORS",
        "minio-cors" => "MinIO CORS",
        "lambda-url-cli" => "Function URL CLI",
        "lambda-url-sam" => "Function URL SAM",
        "lambda-url-terraform" => "Function URL Terraform",
        "csp-header" => "CSP header",
        "csp-nginx" => "nginx (CSP)",
        "csp-meta" => "CSP <meta>",
        "https-url" => "https:// URL",
        "nginx-tls-proxy" => "nginx TLS proxy",
        "fetch-mode" => "fetch() mode",
        "no-credentials" => "Without credentials",
        "socket-io" => "Socket.IO",
        "vite" => "Vite",
        "manifest" => "Manifest link",
        "traefik" => "Traefik",
        "caddy" => "Caddy",
        "haproxy" => "HAProxy",
        "minio" => "MinIO",
        "azure-functions-local" => "Functions (local)",
        "spring-cloud-gateway" => "Spring Cloud Gateway",
        "signalr" => "SignalR",
        "cloud-functions" => "Cloud Functions",
        "keycloak" => "Keycloak",
        "identity-provider" => "Identity provider",
        "wordpress" => "WordPress",
        "corp" => "Resource policy",
        "coep" => "Embedder policy",
        "font-files" => "Font files",
        "supabase-function" => "Supabase function",
        "netlify-function" => "Netlify function",
        "vercel" => "Vercel function",
        "ollama" => "Ollama",
        "directus" => "Directus",
        "quarkus" => "Quarkus",
        "vercel-protection" => "Vercel protection",
        "flask" => "Flask",
        "django" => "Django",
        "rails" => "Rails",
        "php" => "PHP",
        "nextjs" => "Next.js",
        "tornado" => "Tornado",
        "same-origin-proxy" => "nginx same-origin proxy",
        "worker-bootstrap" => "Worker bootstrap",
        "serverless" => "Serverless Framework",
        _ => return None,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The fix targets the core's sources name: each `target: "…"` field, and the
    /// S3-compatible stores' targets chosen in a tuple (`("r2-cors", …)`).
    fn core_targets() -> std::collections::BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src");
        let mut files = vec![dir.join("fix.rs")];
        for e in std::fs::read_dir(dir.join("fix")).unwrap() {
            files.push(e.unwrap().path());
        }
        let mut out = std::collections::BTreeSet::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for line in text.lines() {
                let t = line.trim();
                let lit = t
                    .strip_prefix("target: \"")
                    .or_else(|| t.strip_prefix("_ => (\""))
                    .or_else(|| t.strip_prefix('"').filter(|r| r.ends_with("-cors\",")))
                    .and_then(|r| r.split('"').next());
                if let Some(id) = lit {
                    out.insert(id.to_string());
                }
            }
        }
        out
    }

    #[test]
    fn every_core_target_has_a_written_label() {
        let targets = core_targets();
        // The scan must find the fixes it is meant to: a broken scan finds none.
        for known in ["sam", "nginx", "r2-cors", "wasabi-cors", "socket-io"] {
            assert!(targets.contains(known), "{known} not found in {targets:?}");
        }
        let missing: Vec<&String> = targets.iter().filter(|t| label_of(t).is_none()).collect();
        assert!(missing.is_empty(), "no tab label for {missing:?}");
    }

    #[test]
    fn unknown_targets_still_read() {
        assert_eq!(tab_label("some-new-target"), "Some new target");
        assert_eq!(tab_label("r2-cors"), "R2 CORS");
    }
}
