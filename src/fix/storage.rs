//! Object storage's own CORS configuration: Amazon S3, Azure Storage, Google Cloud Storage.
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

/// The methods a storage rule may list: the page's, without OPTIONS (the preflight is
/// answered by the rules themselves; S3 refuses OPTIONS in AllowedMethods).
fn methods(v: &Vals) -> Vec<String> {
    let mut m: Vec<String> = v
        .methods
        .iter()
        .map(|m| m.to_ascii_uppercase())
        .filter(|m| m != "OPTIONS")
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

fn note(v: &Vals, comment: &str) -> String {
    v.origin_note(comment)
}

/// The storage's fixes, most direct first.
pub(crate) fn fixes(g: Gateway, v: &Vals) -> Vec<Fix> {
    match g {
        Gateway::AwsS3 => vec![s3_console(v), s3_terraform(v), s3_cdk(v)],
        Gateway::AzureStorage => vec![azure_cli(v), azure_terraform(v)],
        Gateway::GoogleCloudStorage => vec![gcs_cli(v), gcs_terraform(v)],
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
            ("NOTE", note(v, "#")),
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
            ("NOTE", note(v, "#")),
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
            ("NOTE", note(v, "//")),
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
    let mut m = methods(v);
    m.push("OPTIONS".to_string());
    let headers = if v.headers.is_empty() {
        "x-ms-*".to_string()
    } else {
        let mut h = v.headers.clone();
        if !h.iter().any(|x| x == "x-ms-*") {
            h.push("x-ms-*".to_string());
        }
        h.join(" ")
    };
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
            ("NOTE", note(v, "#")),
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
    let mut m = methods(v);
    m.push("OPTIONS".to_string());
    let mut headers = v.headers.clone();
    headers.push("x-ms-*".to_string());
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
            ("NOTE", note(v, "#")),
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
            ("NOTE", note(v, "#")),
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
            ("NOTE", note(v, "#")),
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
