//! Object storage's own CORS configuration: Amazon S3 and the stores speaking its API
//! (Cloudflare R2, Backblaze B2, DigitalOcean Spaces, Wasabi, MinIO), Azure Storage, Google
//! Cloud Storage.
//! Each lists origins, methods and headers per rule and sends CORS headers only when a rule
//! matches; no application code runs in between, so the bucket's rules are the fix.

use super::common::{fill, Vals};
use super::Fix;
use crate::gateway::Gateway;

/// The bucket (or storage account) and object path a storage URL names.
struct Place {
    /// S3 or GCS bucket; Azure storage account.
    name: String,
    /// Azure: the service letter `az storage cors` takes (b, f, q, t).
    service: &'static str,
}

fn place(g: Gateway, url: &str) -> Place {
    let u = url::Url::parse(url).ok();
    let host = u
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default();
    let first_segment = || {
        u.as_ref()
            .and_then(|u| u.path_segments())
            .and_then(|mut p| p.next().map(str::to_string))
            .filter(|s| !s.is_empty())
    };
    let label = host.split('.').next().unwrap_or("").to_string();
    match g {
        Gateway::AzureStorage => {
            let service = match host.split('.').nth(1).unwrap_or("") {
                "file" => "f",
                "queue" => "q",
                "table" => "t",
                _ => "b",
            };
            let name = if host.ends_with(".core.windows.net") && !label.is_empty() {
                label
            } else {
                "ACCOUNT".to_string()
            };
            Place { name, service }
        }
        // Firebase Storage: `/v0/b/<bucket>/o/<object>`.
        Gateway::GoogleCloudStorage if host == "firebasestorage.googleapis.com" => {
            let name = u
                .as_ref()
                .and_then(|u| u.path_segments())
                .and_then(|mut p| match (p.next(), p.next(), p.next()) {
                    (Some("v0"), Some("b"), Some(b)) if !b.is_empty() => Some(b.to_string()),
                    _ => None,
                });
            Place {
                name: name.unwrap_or_else(|| "BUCKET".to_string()),
                service: "",
            }
        }
        Gateway::GoogleCloudStorage => {
            let name = if host == "storage.googleapis.com" {
                first_segment()
            } else {
                host.strip_suffix(".storage.googleapis.com")
                    .map(str::to_string)
            };
            Place {
                name: name.unwrap_or_else(|| "BUCKET".to_string()),
                service: "",
            }
        }
        _ => {
            // Virtual-hosted (`bucket.s3.region.amazonaws.com`, `bucket.s3.amazonaws.com`)
            // or path-style (`s3.region.amazonaws.com/bucket/key`).
            let name = match host.find(".s3.").or_else(|| host.find(".s3-")) {
                Some(i) if host.ends_with(".amazonaws.com") => Some(host[..i].to_string()),
                _ if host.starts_with("s3.") || host.starts_with("s3-") => first_segment(),
                _ => None,
            };
            Place {
                name: name.unwrap_or_else(|| "BUCKET".to_string()),
                service: "",
            }
        }
    }
}

/// Where an S3-compatible store's bucket lives: the bucket's name and the endpoint its S3
/// API takes (`--endpoint-url`), from the URL where it says them.
struct Endpoint {
    bucket: String,
    endpoint: String,
    /// Cloudflare's account id (R2's endpoint host names it).
    account: String,
}

fn s3_compatible_endpoint(g: Gateway, url: &str) -> Endpoint {
    let u = url::Url::parse(url).ok();
    let host = u
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default();
    let first_segment = u
        .as_ref()
        .and_then(|u| u.path_segments())
        .and_then(|mut p| p.next().map(str::to_string))
        .filter(|s| !s.is_empty());
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    let own = |s: &str| s.to_string();
    let (bucket, endpoint, account) = match g {
        // `<account>.r2.cloudflarestorage.com/<bucket>`, `<bucket>.<account>.r2…`, and the
        // jurisdictions' `<account>.eu.r2.cloudflarestorage.com`.
        Gateway::CloudflareR2 if host.ends_with(".r2.cloudflarestorage.com") => {
            let before = &labels[..n - 3];
            let (ids, zone) = match before.split_last() {
                Some((z, ids)) if matches!(*z, "eu" | "fedramp") => (ids, format!(".{z}")),
                _ => (before, String::new()),
            };
            let (bucket, account) = match ids {
                [account] => (first_segment.clone(), own(account)),
                [bucket, account] => (Some(own(bucket)), own(account)),
                _ => (None, "ACCOUNT_ID".to_string()),
            };
            let endpoint = format!("https://{account}{zone}.r2.cloudflarestorage.com");
            (bucket, endpoint, account)
        }
        Gateway::CloudflareR2 => (
            None,
            "https://ACCOUNT_ID.r2.cloudflarestorage.com".to_string(),
            "ACCOUNT_ID".to_string(),
        ),
        // `s3.<region>.backblazeb2.com/<bucket>` or `<bucket>.s3.<region>.backblazeb2.com`;
        // downloads by name: `f004.backblazeb2.com/file/<bucket>/…`.
        Gateway::BackblazeB2 => {
            let s3 = labels.iter().position(|l| *l == "s3");
            let region = s3.and_then(|i| labels.get(i + 1)).filter(|_| n >= 4);
            let bucket = match s3 {
                Some(0) => first_segment.clone(),
                Some(i) => Some(labels[..i].join(".")),
                None => u.as_ref().and_then(|u| {
                    let mut p = u.path_segments()?;
                    (p.next() == Some("file"))
                        .then(|| p.next().map(own))
                        .flatten()
                }),
            };
            let endpoint = format!(
                "https://s3.{}.backblazeb2.com",
                region.copied().unwrap_or("REGION")
            );
            (bucket, endpoint, String::new())
        }
        // `<region>.digitaloceanspaces.com/<bucket>`, `<bucket>.<region>[.cdn].digitaloceanspaces.com`.
        Gateway::DigitalOceanSpaces => {
            let before: Vec<&str> = labels[..n.saturating_sub(2)]
                .iter()
                .copied()
                .filter(|l| *l != "cdn")
                .collect();
            let (bucket, region) = match before.as_slice() {
                [region] => (first_segment.clone(), own(region)),
                [.., bucket, region] => (Some(own(bucket)), own(region)),
                [] => (None, "REGION".to_string()),
            };
            (
                bucket,
                format!("https://{region}.digitaloceanspaces.com"),
                String::new(),
            )
        }
        // `s3[.<region>].wasabisys.com/<bucket>` or `<bucket>.s3[.<region>].wasabisys.com`.
        Gateway::Wasabi => {
            let s3 = labels.iter().position(|l| *l == "s3");
            let bucket = match s3 {
                Some(0) | None => first_segment.clone(),
                Some(i) => Some(labels[..i].join(".")),
            };
            let endpoint = s3
                .map(|i| format!("https://{}", labels[i..].join(".")))
                .unwrap_or_else(|| "https://s3.wasabisys.com".to_string());
            (bucket, endpoint, String::new())
        }
        // MinIO (or another self-hosted store): the URL's own origin, path-style buckets.
        _ => (
            first_segment.clone(),
            u.as_ref()
                .map(|u| u.origin().ascii_serialization())
                .filter(|o| o != "null")
                .unwrap_or_else(|| "https://MINIO_HOST:9000".to_string()),
            String::new(),
        ),
    };
    Endpoint {
        bucket: bucket.unwrap_or_else(|| "BUCKET".to_string()),
        endpoint,
        account,
    }
}

/// A store speaking S3's API: its CORS configuration through `put-bucket-cors` at its
/// endpoint, with what its own console or server adds.
fn s3_compatible(g: Gateway, v: &Vals) -> Fix {
    let e = s3_compatible_endpoint(g, &v.url);
    let (target, tail) = match g {
        Gateway::CloudflareR2 => (
            "r2-cors",
            "# Dashboard: R2 → the bucket → Settings → CORS Policy → Add CORS policy (the rule above,
# without the \"CORSRules\" wrapper). Name each request header: do not count on \"*\".
# A custom domain or r2.dev URL answers with the same rules.".to_string(),
        ),
        Gateway::BackblazeB2 => (
            "b2-cors",
            "# Backblaze keeps one set of rules per bucket: rules set here replace the ones the web
# console or `b2 bucket update --cors-rules` set (see the B2 rules tab for those).".to_string(),
        ),
        Gateway::DigitalOceanSpaces => (
            "spaces-cors",
            "# Control panel: Spaces Object Storage → the bucket → Settings → CORS Configurations → Add
# (the same origin, methods and headers). A CDN endpoint (…cdn.digitaloceanspaces.com) keeps
# copies: purge it after the change.".to_string(),
        ),
        Gateway::Minio => (
            "minio-cors",
            "# MinIO's client takes the same rules as S3's XML (mc cors set ALIAS/@@BUCKET@@ cors.xml)
# where the server accepts per-bucket rules. Where it does not, the server's global list
# answers every bucket: MINIO_API_CORS_ALLOW_ORIGIN=\"@@ORIGIN@@\" (default \"*\"), then
# restart the server.".to_string(),
        ),
        _ => ("wasabi-cors", String::new()),
    };
    let text = fill(
        &format!(
            "# {name} speaks S3's API: the bucket's CORS configuration is the fix.
# {name} answers the preflight from these rules and adds CORS headers
# only when one matches (AllowedMethods: GET, PUT, POST, DELETE, HEAD; never OPTIONS).
@@NOTE@@
cat > cors.json <<'JSON'
{{
  \"CORSRules\": [
    {{
@@RULE@@
    }}
  ]
}}
JSON
aws s3api put-bucket-cors --bucket @@BUCKET@@ --cors-configuration file://cors.json \\
  --endpoint-url @@ENDPOINT@@
# Check: curl -i -X OPTIONS '@@URL@@' -H 'Origin: @@ORIGIN@@' -H 'Access-Control-Request-Method: @@METHOD@@'
{tail}",
            name = g.name()
        ),
        &[
            ("NOTE", v.origin_note("#")),
            ("RULE", s3_rule_json(v, "      ")),
            ("BUCKET", e.bucket),
            ("ENDPOINT", e.endpoint),
            ("URL", v.url.clone()),
            ("ORIGIN", v.origin.clone()),
            ("METHOD", v.method.to_ascii_uppercase()),
        ],
    );
    Fix {
        target: target.to_string(),
        title: format!("{}: the bucket's CORS configuration (S3 API)", g.name()),
        text: text.trim_end().to_string(),
    }
}

/// Cloudflare R2 through Cloudflare's own API (its rule shape: `allowed.origins` …).
fn r2_api(v: &Vals) -> Fix {
    let e = s3_compatible_endpoint(Gateway::CloudflareR2, &v.url);
    let text = fill(
        "# Cloudflare's API sets the same rules in R2's own shape (a token with R2 edit rights).
@@NOTE@@
curl -X PUT \"https://api.cloudflare.com/client/v4/accounts/@@ACCOUNT@@/r2/buckets/@@BUCKET@@/cors\" \\
  -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" -H 'Content-Type: application/json' \\
  --data '{\"rules\": [{
    \"allowed\": {\"origins\": [\"@@ORIGIN@@\"], \"methods\": [@@METHODS@@], \"headers\": [@@HEADERS@@]},
    \"exposeHeaders\": [@@EXPOSE@@],
    \"maxAgeSeconds\": 3600
  }]}'",
        &[
            ("NOTE", v.origin_note("#")),
            ("ACCOUNT", e.account),
            ("BUCKET", e.bucket),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", Vals::dq_list(&methods(v))),
            ("HEADERS", Vals::dq_list(&v.headers)),
            ("EXPOSE", Vals::dq_list(&expose(v))),
        ],
    );
    Fix {
        target: "r2-api".to_string(),
        title: "Cloudflare R2 — Cloudflare API (bucket CORS policy)".to_string(),
        text,
    }
}

/// Backblaze B2's own rules: operations instead of methods, `s3_*` for its S3 API,
/// `b2_*` for its native API.
fn b2_rules(v: &Vals) -> Fix {
    let e = s3_compatible_endpoint(Gateway::BackblazeB2, &v.url);
    let native = v.url.contains("/b2api/") || v.url.contains("/file/");
    let ops: Vec<String> = if native {
        let upload = methods(v).iter().any(|m| m == "POST" || m == "PUT");
        if upload {
            vec!["b2_upload_file".into(), "b2_upload_part".into()]
        } else {
            vec![
                "b2_download_file_by_name".into(),
                "b2_download_file_by_id".into(),
            ]
        }
    } else {
        let mut o: Vec<String> = methods(v)
            .iter()
            .map(|m| format!("s3_{}", m.to_ascii_lowercase()))
            .collect();
        if !o.iter().any(|x| x == "s3_head") {
            o.push("s3_head".into());
        }
        o
    };
    let text = fill(
        "# Backblaze B2's CLI: the bucket's CORS rules name operations, not methods
# (s3_get, s3_put … for the S3-compatible API; b2_download_file_by_name, b2_upload_file … for
# the native one). The rules replace the bucket's current ones.
@@NOTE@@
b2 bucket update --cors-rules '[
  {
    \"corsRuleName\": \"fromTheSite\",
    \"allowedOrigins\": [\"@@ORIGIN@@\"],
    \"allowedOperations\": [@@OPS@@],
    \"allowedHeaders\": [@@HEADERS@@],
    \"exposeHeaders\": [@@EXPOSE@@],
    \"maxAgeSeconds\": 3600
  }
]' @@BUCKET@@
# (Older CLIs: b2 update-bucket --corsRules '…' @@BUCKET@@ allPublic|allPrivate: give the
# bucket's current type.) The web console: Buckets → the bucket → CORS Rules → custom rules.",
        &[
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("OPS", Vals::dq_list(&ops)),
            ("HEADERS", Vals::dq_list(&v.headers)),
            ("EXPOSE", Vals::dq_list(&expose(v))),
            ("BUCKET", e.bucket),
        ],
    );
    Fix {
        target: "b2-rules".to_string(),
        title: "Backblaze B2 — b2 CLI (bucket CORS rules)".to_string(),
        text,
    }
}

/// Backblaze B2's account API from the server: the page gets an upload URL and its token.
pub(crate) fn b2_server_side(v: &Vals) -> Fix {
    let text = fill(
        "// Node (Express): B2's account API (b2_authorize_account, b2_get_upload_url …) answers no
// CORS request. Call it here; the page gets only an upload URL and its token, and the
// application key never reaches the browser.
app.post('/api/b2-upload-url', async (req, res) => {
  const key = Buffer.from(`${process.env.B2_KEY_ID}:${process.env.B2_APP_KEY}`).toString('base64');
  const auth = await fetch('https://api.backblazeb2.com/b2api/v2/b2_authorize_account', {
    headers: { Authorization: `Basic ${key}` },
  }).then((r) => r.json());
  const up = await fetch(`${auth.apiUrl}/b2api/v2/b2_get_upload_url`, {
    method: 'POST',
    headers: { Authorization: auth.authorizationToken },
    body: JSON.stringify({ bucketId: process.env.B2_BUCKET_ID }),
  }).then((r) => r.json());
  res.json({ uploadUrl: up.uploadUrl, authorizationToken: up.authorizationToken });
});
// The page then POSTs the file to uploadUrl (b2_upload_file); the bucket's CORS rules
// must list its origin (@@ORIGIN@@) and the b2_upload_file operation.",
        &[("ORIGIN", v.origin.clone())],
    );
    Fix {
        target: "b2-server".to_string(),
        title: "Backblaze B2: call the account API from your server".to_string(),
        text,
    }
}

/// The methods a storage rule may list: the page's, without OPTIONS (the preflight is
/// answered by the rules themselves; S3 refuses OPTIONS in AllowedMethods).
fn methods(v: &Vals) -> Vec<String> {
    // (S3's AllowedMethods, and CDK's HttpMethods, take these five only: a rule with PATCH
    // is refused as malformed.)
    let mut m: Vec<String> = v
        .methods
        .iter()
        .map(|m| m.to_ascii_uppercase())
        .filter(|m| matches!(m.as_str(), "GET" | "PUT" | "HEAD" | "POST" | "DELETE"))
        .collect();
    if m.is_empty() {
        m.push("GET".to_string());
    }
    m.dedup();
    m
}

/// ETag (multipart uploads read it) and what the page reads.
fn expose(v: &Vals) -> Vec<String> {
    let mut e = v.expose.clone();
    if !e.iter().any(|h| h.eq_ignore_ascii_case("etag")) {
        e.push("ETag".to_string());
    }
    e
}

/// Azure's rules: the page's methods plus OPTIONS (a method Azure's rules accept, unlike S3's).
fn azure_methods(v: &Vals) -> Vec<String> {
    let mut m = methods(v);
    m.push("OPTIONS".to_string());
    m
}

/// Azure's allowed headers: the page's, plus `x-ms-*` (the SDKs send their own), once.
fn azure_headers(v: &Vals) -> Vec<String> {
    let mut h = v.headers.clone();
    if !h.iter().any(|x| x.eq_ignore_ascii_case("x-ms-*")) {
        h.push("x-ms-*".to_string());
    }
    h
}

/// The storage's fixes, most direct first.
pub(crate) fn fixes(g: Gateway, v: &Vals) -> Vec<Fix> {
    match g {
        Gateway::AwsS3 => vec![s3_console(v), s3_terraform(v), s3_cdk(v)],
        Gateway::AzureStorage => vec![azure_cli(v), azure_terraform(v)],
        Gateway::GoogleCloudStorage => vec![gcs_cli(v), gcs_terraform(v)],
        Gateway::CloudflareR2 => vec![s3_compatible(g, v), r2_api(v)],
        Gateway::BackblazeB2 if crate::cause::b2_account_call(&v.url).is_some() => {
            vec![b2_server_side(v)]
        }
        Gateway::BackblazeB2 => vec![s3_compatible(g, v), b2_rules(v)],
        Gateway::DigitalOceanSpaces | Gateway::Wasabi | Gateway::Minio => {
            vec![s3_compatible(g, v)]
        }
        _ => Vec::new(),
    }
}

fn s3_rule_json(v: &Vals, indent: &str) -> String {
    let fields = [
        format!("\"AllowedOrigins\": [\"{}\"]", v.origin),
        format!("\"AllowedMethods\": [{}]", Vals::dq_list(&methods(v))),
        format!("\"AllowedHeaders\": [{}]", Vals::dq_list(&v.headers)),
        format!("\"ExposeHeaders\": [{}]", Vals::dq_list(&expose(v))),
        "\"MaxAgeSeconds\": 3000".to_string(),
    ];
    fields
        .iter()
        .map(|f| format!("{indent}{f}"))
        .collect::<Vec<_>>()
        .join(",\n")
}

/// S3's CORS rules, named by the words (`<CORSConfiguration>`, put-bucket-cors).
pub(crate) fn s3_fix(v: &Vals) -> Fix {
    s3_console(v)
}

fn s3_console(v: &Vals) -> Fix {
    let p = place(Gateway::AwsS3, &v.url);
    let rule = s3_rule_json(v, "    ");
    let text = fill(
        "# S3 console: the bucket → Permissions → Cross-origin resource sharing (CORS) → Edit, and paste
# (S3 answers the preflight from these rules; AllowedMethods takes GET, PUT, POST, DELETE, HEAD).
@@NOTE@@
[
  {
@@RULE@@
  }
]

# The same with the AWS CLI (it wraps the rules in \"CORSRules\"):
aws s3api put-bucket-cors --bucket @@BUCKET@@ --cors-configuration '{
  \"CORSRules\": [
    {
@@RULE2@@
    }
  ]
}'
# Check: curl -i -X OPTIONS '@@URL@@' -H 'Origin: @@ORIGIN@@' -H 'Access-Control-Request-Method: @@METHOD@@'
# Behind CloudFront, also attach the managed origin request policy CORS-S3Origin and a cache
# policy that keys on Origin, so each origin gets its own copy.",
        &[
            ("NOTE", v.origin_note("#")),
            ("RULE", rule),
            ("RULE2", s3_rule_json(v, "      ")),
            ("BUCKET", p.name),
            ("URL", v.url.clone()),
            ("ORIGIN", v.origin.clone()),
            ("METHOD", v.method.to_ascii_uppercase()),
        ],
    );
    Fix {
        target: "s3-cors".to_string(),
        title: "Amazon S3: the bucket's CORS configuration (console or AWS CLI)".to_string(),
        text,
    }
}

fn s3_terraform(v: &Vals) -> Fix {
    let p = place(Gateway::AwsS3, &v.url);
    let text = fill(
        "# Terraform (AWS provider v4+): the bucket's CORS rules as their own resource.
@@NOTE@@
resource \"aws_s3_bucket_cors_configuration\" \"@@ID@@\" {
  bucket = \"@@BUCKET@@\"

  cors_rule {
    allowed_origins = [\"@@ORIGIN@@\"]
    allowed_methods = [@@METHODS@@]
    allowed_headers = [@@HEADERS@@]
    expose_headers  = [@@EXPOSE@@]
    max_age_seconds = 3000
  }
}",
        &[
            ("NOTE", v.origin_note("#")),
            ("ID", tf_id(&p.name)),
            ("BUCKET", p.name),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", Vals::dq_list(&methods(v))),
            ("HEADERS", Vals::dq_list(&v.headers)),
            ("EXPOSE", Vals::dq_list(&expose(v))),
        ],
    );
    Fix {
        target: "s3-terraform".to_string(),
        title: "Amazon S3 — Terraform (aws_s3_bucket_cors_configuration)".to_string(),
        text,
    }
}

fn s3_cdk(v: &Vals) -> Fix {
    let m: Vec<String> = methods(v)
        .iter()
        .map(|m| format!("s3.HttpMethods.{m}"))
        .collect();
    let text = fill(
        "// AWS CDK (TypeScript): the bucket's `cors` rules.
@@NOTE@@
new s3.Bucket(this, 'Uploads', {
  cors: [
    {
      allowedOrigins: ['@@ORIGIN@@'],
      allowedMethods: [@@METHODS@@],
      allowedHeaders: [@@HEADERS@@],
      exposedHeaders: [@@EXPOSE@@],
      maxAge: 3000,
    },
  ],
});
// An existing bucket: add the rule with bucket.addCorsRule({ … }).",
        &[
            ("NOTE", v.origin_note("//")),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", m.join(", ")),
            ("HEADERS", Vals::js_list(&v.headers)),
            ("EXPOSE", Vals::js_list(&expose(v))),
        ],
    );
    Fix {
        target: "s3-cdk".to_string(),
        title: "Amazon S3 — AWS CDK (bucket cors)".to_string(),
        text,
    }
}

fn azure_cli(v: &Vals) -> Fix {
    let p = place(Gateway::AzureStorage, &v.url);
    let m = azure_methods(v);
    let headers = azure_headers(v).join(" ");
    let text = fill(
        "# Azure Storage: the account's CORS rules, per service (here @@SERVICE_NAME@@). Up to five rules;
# Storage answers the preflight from them (403 CorsPreflightFailure when none matches).
@@NOTE@@
az storage cors add --account-name @@ACCOUNT@@ --services @@SERVICE@@ \\
  --origins @@ORIGIN@@ \\
  --methods @@METHODS@@ \\
  --allowed-headers '@@HEADERS@@' \\
  --exposed-headers '@@EXPOSE@@' \\
  --max-age 3600
# Portal: the storage account → Settings → Resource sharing (CORS) → the @@SERVICE_NAME@@ tab.",
        &[
            ("NOTE", v.origin_note("#")),
            ("ACCOUNT", p.name),
            ("SERVICE", p.service.to_string()),
            (
                "SERVICE_NAME",
                match p.service {
                    "f" => "File service",
                    "q" => "Queue service",
                    "t" => "Table service",
                    _ => "Blob service",
                }
                .to_string(),
            ),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", m.join(" ")),
            ("HEADERS", headers),
            ("EXPOSE", {
                let mut e = expose(v);
                e.push("x-ms-*".to_string());
                e.join(" ")
            }),
        ],
    );
    Fix {
        target: "azure-storage-cors".to_string(),
        title: "Azure Storage: the account's CORS rules (az CLI or portal)".to_string(),
        text,
    }
}

fn azure_terraform(v: &Vals) -> Fix {
    let p = place(Gateway::AzureStorage, &v.url);
    let m = azure_methods(v);
    let headers = azure_headers(v);
    let text = fill(
        "# Terraform (azurerm): the Blob service's CORS rules, inside the storage account.
@@NOTE@@
resource \"azurerm_storage_account\" \"@@ID@@\" {
  # … name, resource_group_name, location, tiers as they are …
  blob_properties {
    cors_rule {
      allowed_origins    = [\"@@ORIGIN@@\"]
      allowed_methods    = [@@METHODS@@]
      allowed_headers    = [@@HEADERS@@]
      exposed_headers    = [@@EXPOSE@@]
      max_age_in_seconds = 3600
    }
  }
}",
        &[
            ("NOTE", v.origin_note("#")),
            ("ID", tf_id(&p.name)),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", Vals::dq_list(&m)),
            ("HEADERS", Vals::dq_list(&headers)),
            ("EXPOSE", Vals::dq_list(&expose(v))),
        ],
    );
    Fix {
        target: "azure-storage-terraform".to_string(),
        title: "Azure Storage — Terraform (blob_properties cors_rule)".to_string(),
        text,
    }
}

/// GCS's `responseHeader` lists both the request headers a preflight may ask for and the
/// response headers the page may read.
fn gcs_headers(v: &Vals) -> Vec<String> {
    let mut h: Vec<String> = v.headers.clone();
    for e in expose(v) {
        if !h.iter().any(|x| x.eq_ignore_ascii_case(&e)) {
            h.push(e);
        }
    }
    if !h.iter().any(|x| x.eq_ignore_ascii_case("content-type")) {
        h.insert(0, "Content-Type".to_string());
    }
    h
}

fn gcs_cli(v: &Vals) -> Fix {
    let p = place(Gateway::GoogleCloudStorage, &v.url);
    let text = fill(
        "# Google Cloud Storage: the bucket's CORS configuration, in a file (cors.json):
@@NOTE@@
[
  {
    \"origin\": [\"@@ORIGIN@@\"],
    \"method\": [@@METHODS@@],
    \"responseHeader\": [@@HEADERS@@],
    \"maxAgeSeconds\": 3600
  }
]
# … then set it (responseHeader lists both the headers the page sends and those it reads):
gcloud storage buckets update gs://@@BUCKET@@ --cors-file=cors.json
# Check: gcloud storage buckets describe gs://@@BUCKET@@ --format=\"default(cors_config)\"",
        &[
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", Vals::dq_list(&methods(v))),
            ("HEADERS", Vals::dq_list(&gcs_headers(v))),
            ("BUCKET", p.name),
        ],
    );
    Fix {
        target: "gcs-cors".to_string(),
        title: "Google Cloud Storage: the bucket's CORS configuration (gcloud)".to_string(),
        text,
    }
}

fn gcs_terraform(v: &Vals) -> Fix {
    let p = place(Gateway::GoogleCloudStorage, &v.url);
    let text = fill(
        "# Terraform (google provider): the bucket's cors block.
@@NOTE@@
resource \"google_storage_bucket\" \"@@ID@@\" {
  name     = \"@@BUCKET@@\"
  location = \"…\" # as it is

  cors {
    origin          = [\"@@ORIGIN@@\"]
    method          = [@@METHODS@@]
    response_header = [@@HEADERS@@]
    max_age_seconds = 3600
  }
}",
        &[
            ("NOTE", v.origin_note("#")),
            ("ID", tf_id(&p.name)),
            ("BUCKET", p.name),
            ("ORIGIN", v.origin.clone()),
            ("METHODS", Vals::dq_list(&methods(v))),
            ("HEADERS", Vals::dq_list(&gcs_headers(v))),
        ],
    );
    Fix {
        target: "gcs-terraform".to_string(),
        title: "Google Cloud Storage — Terraform (google_storage_bucket cors)".to_string(),
        text,
    }
}

/// A Terraform resource name from a bucket name: letters, digits and underscores.
fn tf_id(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    match id.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => id,
        _ => format!("bucket_{id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_and_account_from_urls() {
        let s3 = |u: &str| place(Gateway::AwsS3, u).name;
        assert_eq!(
            s3("https://my-up.s3.us-east-1.amazonaws.com/a/b.png"),
            "my-up"
        );
        assert_eq!(s3("https://my-up.s3.amazonaws.com/a"), "my-up");
        assert_eq!(s3("https://my-up.s3-eu-west-1.amazonaws.com/a"), "my-up");
        assert_eq!(s3("https://s3.us-west-2.amazonaws.com/my-up/a"), "my-up");
        assert_eq!(s3("https://cdn.example.com/a"), "BUCKET");
        let az = place(
            Gateway::AzureStorage,
            "https://acct1.file.core.windows.net/share/x",
        );
        assert_eq!((az.name.as_str(), az.service), ("acct1", "f"));
        let gcs = |u: &str| place(Gateway::GoogleCloudStorage, u).name;
        assert_eq!(gcs("https://storage.googleapis.com/my-b/o.txt"), "my-b");
        assert_eq!(gcs("https://my-b.storage.googleapis.com/o.txt"), "my-b");
        assert_eq!(tf_id("my-up.b"), "my_up_b");
        assert_eq!(tf_id("9x"), "bucket_9x");
    }
}
