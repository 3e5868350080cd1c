//! Object storage answering the browser itself: Amazon S3 and the stores speaking its API
//! (Cloudflare R2, Backblaze B2, DigitalOcean Spaces, Wasabi, MinIO), Azure Storage and
//! Google Cloud Storage. Each sends CORS headers only when one of the bucket's (storage account's) CORS
//! rules matches the request's origin, method and headers; S3 and Azure refuse a preflight
//! no rule matches with a 403 of their own, and each names its errors in its body
//! (`<Code>SignatureDoesNotMatch</Code>`) or a header (`x-ms-error-code`).

use super::signals::{ev, ev_body, Signals};
use super::{tier, Cand, Gateway, Platform};

/// The text of the first `<tag>…</tag>` in an XML error body.
fn xml_tag<'a>(body: Option<&'a str>, tag: &str) -> Option<&'a str> {
    let body = body?;
    let open = format!("<{tag}>");
    let start = body.find(&open)? + open.len();
    let len = body.get(start..)?.find("</")?;
    body.get(start..start + len).map(str::trim)
}

/// What a storage error code means for a browser's request.
fn meaning(store: &str, code: &str, message: Option<&str>) -> String {
    let said = message
        .filter(|m| !m.is_empty())
        .map(|m| format!(" (\"{}\")", m.chars().take(160).collect::<String>()))
        .unwrap_or_default();
    let what = match code {
        "SignatureDoesNotMatch" => "the signature of the presigned (signed) URL does not match the request: most often the page sends a Content-Type, or another signed header, other than the one the URL was signed with, or the URL was changed after signing",
        "AccessDenied" | "AuthorizationFailure" | "AuthorizationPermissionMismatch" => "the request is not allowed: the bucket policy, ACL or role does not grant it, or the signed URL (or SAS token) has expired or lacks the permission",
        "AuthenticationFailed" => "the signature or SAS token did not authenticate the request (expired, wrong permissions, or a header the signature covers changed)",
        "ExpiredToken" | "TokenRefreshRequired" => "the temporary credentials that signed the URL have expired",
        "InvalidAccessKeyId" => "the access key that signed the URL does not exist",
        "RequestTimeTooSkewed" => "the signing machine's clock is too far off",
        "NoSuchKey" | "BlobNotFound" | "ResourceNotFound" => "there is no object at this key",
        "NoSuchBucket" | "ContainerNotFound" => "the bucket (container) does not exist",
        "PermanentRedirect" | "AuthorizationHeaderMalformed" | "IllegalLocationConstraintException" => "the request went to the wrong regional endpoint for this bucket",
        "EntityTooLarge" | "RequestBodyTooLarge" => "the upload is larger than the signed policy or the service allows",
        "MethodNotAllowed" | "UnsupportedHttpVerb" => "this method is not allowed on this resource",
        _ => "it refused the request",
    };
    format!("{store} answered the error {code}{said}: {what}.")
}

/// An S3-compatible store its default endpoint names (`<account>.r2.cloudflarestorage.com`,
/// `s3.<region>.backblazeb2.com`, `<region>.digitaloceanspaces.com`, `s3.wasabisys.com` …),
/// with the pattern for the evidence.
fn s3_compatible_host(s: &Signals) -> Option<(Gateway, &'static str)> {
    let (platform, pattern) = super::host::platform_of_host(s.host)?;
    let gateway = match platform {
        Platform::CloudflareR2 => Gateway::CloudflareR2,
        Platform::BackblazeB2 => Gateway::BackblazeB2,
        Platform::DigitalOceanSpaces => Gateway::DigitalOceanSpaces,
        Platform::Wasabi => Gateway::Wasabi,
        _ => return None,
    };
    Some((gateway, pattern))
}

/// Does an S3 error message say the bucket's CORS configuration refused the request?
/// Amazon S3 prefixes it "CORSResponse: "; stores copying its API (Backblaze B2, Ceph)
/// keep the sentence.
fn cors_refusal(message: Option<&str>) -> bool {
    message.is_some_and(|m| {
        m.starts_with("CORSResponse")
            || m.contains("This CORS request is not allowed")
            || m.contains("CORS is not enabled for this bucket")
    })
}

/// `Server: MinIO Console`: MinIO's web console (its own port, 9001 by default).
pub(crate) fn is_minio_console(server: &str) -> bool {
    server.trim().eq_ignore_ascii_case("MinIO Console")
}

/// Amazon S3 (`Server: AmazonS3`, or S3's own `x-amz-request-id` with `x-amz-id-2`), or a
/// store speaking its API (its endpoint's host, or `Server: MinIO`). A preflight no CORS
/// rule matches gets 403 `AccessForbidden` "CORSResponse: This CORS request is not
/// allowed…" (or "CORSResponse: CORS is not enabled for this bucket.").
pub(crate) fn s3(s: &Signals) -> Option<Cand> {
    let aws_server = s
        .server
        .filter(|h| h.value.trim().eq_ignore_ascii_case("AmazonS3"));
    // `Server: MinIO Console` is MinIO's web console, not its S3 API (see `minio_console`).
    let minio = s.server.filter(|h| {
        h.value
            .trim()
            .get(..5)
            .is_some_and(|v| v.eq_ignore_ascii_case("MinIO"))
            && !is_minio_console(&h.value)
    });
    let ids = s.amz_request_id.zip(s.amz_id_2);
    let by_host = s3_compatible_host(s);
    let gateway = match (by_host, minio, aws_server, ids) {
        (Some((g, _)), ..) => g,
        (None, Some(_), ..) => Gateway::Minio,
        (None, None, Some(_), _) | (None, None, None, Some(_)) => Gateway::AwsS3,
        (None, None, None, None) => return None,
    };
    let mut evidence: Vec<String> = Vec::new();
    if let Some((_, pattern)) = by_host {
        evidence.push(s.host_evidence(pattern));
    }
    evidence.extend(minio.or(aws_server).map(ev));
    if let Some((_, id2)) = ids {
        evidence.push(ev(id2));
    }
    let store = gateway.name();
    let cand = Cand::new(gateway, tier::API, evidence);
    let code = xml_tag(s.body, "Code");
    let message = xml_tag(s.body, "Message");
    Some(match code {
        Some(c) if cors_refusal(message) => {
            let not_enabled = message.is_some_and(|m| m.contains("not enabled"));
            cand.with(ev_body(message.unwrap_or(c))).generated(
                Some(if not_enabled { "CORS_NOT_ENABLED" } else { "CORS_RESPONSE" }),
                if not_enabled {
                    format!("{store} refused the preflight: the bucket has no CORS configuration at all.")
                } else {
                    format!("{store} refused the preflight: no rule of the bucket's CORS configuration allows this origin, this method (Access-Control-Request-Method) and all these headers (Access-Control-Request-Headers).")
                },
            )
        }
        Some(c) if s.status >= 300 => cand
            .with(ev_body(&format!("<Code>{c}</Code>")))
            .generated(Some(c), meaning(store, c, message)),
        // B2's native API answers JSON: {"code": "unauthorized", "message": "…", "status": 401}.
        None if gateway == Gateway::BackblazeB2 && s.status >= 400 => {
            match json_string(s.body, "code") {
                Some(c) => {
                    let said = json_string(s.body, "message")
                        .filter(|m| !m.is_empty())
                        .map(|m| format!(" (\"{}\")", m.chars().take(160).collect::<String>()))
                        .unwrap_or_default();
                    cand.with(ev_body(&format!("\"code\": \"{c}\""))).generated(
                        Some(c),
                        format!("Backblaze B2's native API answered {} {c}{said}: its own error, without CORS headers.", s.status),
                    )
                }
                None => status_only(cand, store, s.status),
            }
        }
        _ => status_only(cand, store, s.status),
    })
}

/// The string value of `"key": "…"` in a small JSON body (no escapes inside).
fn json_string<'a>(body: Option<&'a str>, key: &str) -> Option<&'a str> {
    let body = body?;
    let at = body.find(&format!("\"{key}\""))? + key.len() + 2;
    let rest = body.get(at..)?.trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    rest.get(..end).filter(|v| !v.contains('\\'))
}

/// An error status without the body that names it (a HAR keeps none for many errors): the
/// storage answered it; its code is in the body the capture lacks.
fn status_only(cand: Cand, store: &str, status: u16) -> Cand {
    if status < 400 {
        return cand.passed(None);
    }
    let code = status.to_string();
    cand.generated(
        Some(&code),
        format!("{store} answered {status} itself; the XML body it sends names the error (for a signed URL most often AccessDenied, an expired signature, or SignatureDoesNotMatch: signed for another Content-Type or header set than the page sends)."),
    )
}

/// Azure Storage (`Server: Windows-Azure-Blob/1.0 …`, File, Queue, Table, or the Azurite
/// emulator). A preflight no CORS rule matches gets 403 with `x-ms-error-code:
/// CorsPreflightFailure` ("CORS not enabled or no matching rule found for this request.").
pub(crate) fn azure(s: &Signals) -> Option<Cand> {
    let server = s.server.filter(|h| {
        let v = h.value.trim_start();
        v.starts_with("Windows-Azure-") || v.starts_with("Azurite-")
    });
    let code = s.ms_error_code.map(|h| h.value.trim());
    if server.is_none() && code != Some("CorsPreflightFailure") {
        return None;
    }
    let mut evidence: Vec<String> = server.map(ev).into_iter().collect();
    if let Some(h) = s.ms_error_code {
        evidence.push(ev(h));
    }
    let cand = Cand::new(Gateway::AzureStorage, tier::API, evidence);
    let code = code.or_else(|| xml_tag(s.body, "Code"));
    let message = xml_tag(s.body, "Message").map(|m| m.lines().next().unwrap_or(m));
    Some(match code {
        Some("CorsPreflightFailure") => cand.generated(
            Some("CORS_PREFLIGHT_FAILURE"),
            "Azure Storage refused the preflight (\"CORS not enabled or no matching rule found for this request\"): no CORS rule of the storage account's service (Blob, File, Queue or Table) allows this origin, method and these headers.",
        ),
        Some(c) if s.status >= 300 => cand.generated(Some(c), meaning("Azure Storage", c, message)),
        _ => status_only(cand, "Azure Storage", s.status),
    })
}

/// Google Cloud Storage (`x-guploader-uploadid` with its object headers, its host, or its
/// XML error). No CORS rule matched: no CORS headers, on the preflight too.
pub(crate) fn gcs(s: &Signals) -> Option<Cand> {
    let up = s.guploader?;
    let host = s.host.to_ascii_lowercase();
    let on_host = host == "storage.googleapis.com" || host.ends_with(".storage.googleapis.com");
    let code = xml_tag(s.body, "Code");
    if s.goog_storage.is_none() && !on_host && code.is_none() {
        return None;
    }
    let mut evidence = vec![ev(up)];
    if let Some(h) = s.goog_storage {
        evidence.push(ev(h));
    }
    let cand = Cand::new(Gateway::GoogleCloudStorage, tier::API, evidence);
    let message = xml_tag(s.body, "Message");
    Some(match code {
        Some(c) if s.status >= 300 => cand
            .with(ev_body(&format!("<Code>{c}</Code>")))
            .generated(Some(c), meaning("Google Cloud Storage", c, message)),
        _ => status_only(cand, "Google Cloud Storage", s.status),
    })
}

#[cfg(test)]
mod tests {
    use super::xml_tag;

    #[test]
    fn xml_tags() {
        let b = Some("<?xml version=\"1.0\"?><Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed.</Message></Error>");
        assert_eq!(xml_tag(b, "Code"), Some("AccessForbidden"));
        assert_eq!(
            xml_tag(b, "Message"),
            Some("CORSResponse: This CORS request is not allowed.")
        );
        assert_eq!(xml_tag(b, "Key"), None);
        assert_eq!(xml_tag(Some("<Code>x"), "Code"), None);
        assert_eq!(xml_tag(None, "Code"), None);
    }
}
