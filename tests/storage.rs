//! Object storage answering the browser itself (Amazon S3, Azure Storage, Google Cloud
//! Storage): the bucket's CORS rules decide, and the fixes are those rules, filled with the
//! request's origin, method and headers. Response shapes as the services send them (S3's
//! `AccessForbidden` "CORSResponse: …" and its XML error codes, Azure's `x-ms-error-code`,
//! GCS's `x-guploader-uploadid`), as real reports paste them.

use whycors::report::Finding;

mod common;
use common::{only, report};

fn targets(f: &Finding) -> Vec<&str> {
    f.fixes.iter().map(|x| x.target.as_str()).collect()
}

const S3_REFUSED: &str = "< HTTP/1.1 403 Forbidden
< x-amz-request-id: 7Q1B2C3D4E5F6G7H
< x-amz-id-2: abcdEFGHijklMNOPqrstUVWXyz0123456789abcdEF=
< Content-Type: application/xml
< Server: AmazonS3
<
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.</Message><Method>PUT</Method><ResourceType>OBJECT</ResourceType></Error>
";

/// `curl -v -X OPTIONS` of a presigned upload URL, pasted with the command and curl's `<`
/// lines only: S3 refused the preflight; the fixes are the bucket's CORS rules, named for
/// the bucket, with the page's method and header, and never OPTIONS (S3 refuses it there).
#[test]
fn s3_refuses_the_preflight() {
    let r = report(&format!("curl -v -X OPTIONS 'https://my-uploads.s3.us-east-1.amazonaws.com/u/42/a.png?X-Amz-Signature=abc' -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type'\n{S3_REFUSED}"));
    let f = only(&r);
    assert_eq!(f.request.method, "PUT");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert_eq!(f.cause.kind.as_str(), "header_mismatch");
    assert_eq!(f.cause.gateway.map(|g| g.slug()), Some("aws-s3"));
    assert_eq!(f.cause.gateway_response.as_deref(), Some("CORS_RESPONSE"));
    assert!(
        f.summary.contains("https://app.example.com")
            && f.summary.contains("PUT")
            && f.summary.contains("content-type"),
        "{}",
        f.summary
    );
    assert_eq!(targets(f), ["s3-cors", "s3-terraform", "s3-cdk"]);
    let console = &f.fixes[0].text;
    assert!(console.contains("--bucket my-uploads"), "{console}");
    assert!(
        console.contains("\"AllowedHeaders\": [\"content-type\"]"),
        "{console}"
    );
    assert!(console.contains("\"PUT\""), "{console}");
    assert!(!console.contains("\"OPTIONS\""), "{console}");
    assert!(f.fixes[1].text.contains("bucket = \"my-uploads\""));
}

/// Azure Storage's refusal (the Azurite emulator's log, as a report pasted it) and a SAS
/// upload refused for its signature: the first is the account's CORS rules, the second the
/// storage's own error without CORS headers.
#[test]
fn azure_storage_refusal_and_error() {
    let r = report("curl -i -X OPTIONS 'https://acct1.blob.core.windows.net/photos/a.jpg' -H 'Origin: http://localhost:5173' -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: x-ms-blob-type'\nHTTP/1.1 403 CORS not enabled or no matching rule found for this request.\nServer: Azurite-Blob/3.31.0\nx-ms-error-code: CorsPreflightFailure\nx-ms-request-id: a8c47cbe-7a43-49d5-92fc-7364a8a999d6\ncontent-type: application/xml\n");
    let f = only(&r);
    assert_eq!(f.cause.gateway.map(|g| g.slug()), Some("azure-storage"));
    assert_eq!(
        f.cause.gateway_response.as_deref(),
        Some("CORS_PREFLIGHT_FAILURE")
    );
    assert_eq!(f.cause.kind.as_str(), "header_mismatch");
    assert_eq!(
        targets(f),
        ["azure-storage-cors", "azure-storage-terraform"]
    );
    let cli = &f.fixes[0].text;
    assert!(cli.contains("--account-name acct1 --services b"), "{cli}");
    assert!(cli.contains("x-ms-blob-type"), "{cli}");
    assert!(
        cli.contains("--methods PUT OPTIONS") || cli.contains("PUT"),
        "{cli}"
    );

    let r = report("HTTP/1.1 403 Server failed to authenticate the request.\nServer: Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0\nx-ms-request-id: 1b2c\nx-ms-error-code: AuthenticationFailed\nContent-Type: application/xml\n\n<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.</Message></Error>\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "gateway_error");
    assert_eq!(
        f.cause.gateway_response.as_deref(),
        Some("AuthenticationFailed")
    );
    assert!(f.summary.contains("SAS token"), "{}", f.summary);
}

/// GCS sends an object without CORS headers when no rule matches: the bucket's CORS
/// configuration, not the application, is the fix; an S3 signature error is named.
#[test]
fn gcs_quiet_and_s3_signature_error() {
    let r = report("GET /my-bucket/report.json HTTP/1.1\nHost: storage.googleapis.com\nOrigin: https://app.example.com\n\nHTTP/1.1 200 OK\nX-GUploader-UploadID: ABPtcPp1\nx-goog-generation: 1700000000000000\nx-goog-storage-class: STANDARD\nContent-Type: application/json\n");
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(
        f.cause.gateway.map(|g| g.slug()),
        Some("google-cloud-storage")
    );
    assert_eq!(f.cause.kind.as_str(), "header_mismatch");
    assert_eq!(targets(f), ["gcs-cors", "gcs-terraform"]);
    assert!(
        f.fixes[0].text.contains("gs://my-bucket"),
        "{}",
        f.fixes[0].text
    );

    let r = report("PUT /u/1.png?X-Amz-Signature=abc HTTP/1.1\nHost: my-up.s3.eu-west-1.amazonaws.com\nOrigin: https://app.example.com\nContent-Type: image/png\n\nHTTP/1.1 403 Forbidden\nServer: AmazonS3\nx-amz-request-id: 1\nx-amz-id-2: 2\nContent-Type: application/xml\n\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message></Error>\n");
    let f = r
        .findings
        .iter()
        .find(|f| f.request.method == "PUT")
        .unwrap_or_else(|| panic!("{:#?}", r.findings));
    assert_eq!(f.cause.kind.as_str(), "gateway_error");
    assert_eq!(
        f.cause.gateway_response.as_deref(),
        Some("SignatureDoesNotMatch")
    );
    assert!(f.summary.contains("Content-Type"), "{}", f.summary);
}

/// The console alone, with an S3 URL: the causes and fixes are the bucket's, titled with
/// the condition they rest on.
#[test]
fn console_message_for_a_bucket_url() {
    let r = report("Access to fetch at 'https://my-uploads.s3.amazonaws.com/a.png' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    let f = only(&r);
    assert_eq!(
        f.cause.platform.as_ref().map(|p| p.platform.slug()),
        Some("aws-s3")
    );
    assert!(f.summary.contains("CORS configuration"), "{}", f.summary);
    assert_eq!(targets(f), ["s3-cors", "s3-terraform", "s3-cdk"]);
    assert!(f.fixes[0]
        .title
        .starts_with("If no CORS rule of the bucket"));
}

/// An S3 object served from CloudFront's cache without CORS headers: the stored copy is the
/// cause (CloudFront's cache key first), then the bucket's rules; a copy that is not a HIT
/// is S3's own answer without CORS headers.
#[test]
fn s3_behind_cloudfront_cache_hit() {
    let curl = "> GET /keys/a.bin HTTP/2\n> Host: d1234abcd.cloudfront.net\n> Origin: https://player.example.com\n>\n< HTTP/2 200\n< content-type: binary/octet-stream\n< etag: \"59493f9fbd62894c3a89cccfee7457c7\"\n< server: AmazonS3\n< x-cache: Hit from cloudfront\n< via: 1.1 abc.cloudfront.net (CloudFront)\n< x-amz-cf-id: 1bUFpFNb\n";
    let r = report(curl);
    let f = only(&r);
    assert_eq!(f.cause.gateway_response.as_deref(), Some("CACHE_HIT"));
    assert!(
        f.summary.contains("Amazon CloudFront's cache"),
        "{}",
        f.summary
    );
    assert_eq!(
        targets(f),
        ["cdn-cache", "s3-cors", "s3-terraform", "s3-cdk"]
    );
    assert!(
        f.fixes[0].text.contains("cache policy"),
        "{}",
        f.fixes[0].text
    );

    let r = report(&curl.replace("Hit from cloudfront", "Miss from cloudfront"));
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "header_mismatch");
    assert_eq!(f.cause.gateway.map(|g| g.slug()), Some("aws-s3"));
    assert!(
        f.summary
            .contains("https://player.example.com with the method GET"),
        "{}",
        f.summary
    );
}

/// S3's service endpoint (no bucket: ListBuckets) answers no CORS request at all: said first,
/// with a server as the way; a bucket URL gets no such words.
#[test]
fn s3_service_endpoint_has_no_cors() {
    let msg = |url: &str| {
        format!("Access to fetch at '{url}' from origin 'http://localhost:8080' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.")
    };
    let r = report(&msg("https://s3.ap-south-1.amazonaws.com/"));
    assert!(
        only(&r).summary.starts_with("The URL names no bucket"),
        "{}",
        only(&r).summary
    );
    let r = report(&msg("https://s3.ap-south-1.amazonaws.com/my-bucket/a.png"));
    assert!(!only(&r).summary.contains("names no bucket"));
}

/// Backblaze B2's S3-compatible API refusing a presigned upload's preflight: S3's sentence
/// without S3's "CORSResponse:" prefix, S3's request-id headers, B2's host. B2 is named (not
/// Amazon S3), and the fixes go to B2's endpoint and bucket.
#[test]
fn backblaze_b2_refuses_the_preflight() {
    let r = report("curl -v -X OPTIONS 'https://s3.us-west-004.backblazeb2.com/my-bucket/u/a.png?X-Amz-Signature=abc' -H 'Origin: http://localhost:3000' -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type'
< HTTP/1.1 403
< x-amz-request-id: 4a6c1b0e2e8d2c1f
< x-amz-id-2: aMdI1OGNDOXBvZ0xqY2c=
< Cache-Control: max-age=0, no-cache, no-store
< Content-Type: application/xml
<
<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>
<Error>
    <Code>AccessForbidden</Code>
    <Message>This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.</Message>
</Error>
");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "header_mismatch");
    assert_eq!(f.cause.gateway.map(|g| g.slug()), Some("backblaze-b2"));
    assert_eq!(f.cause.gateway_response.as_deref(), Some("CORS_RESPONSE"));
    assert!(
        f.summary.starts_with("Backblaze B2 refused"),
        "{}",
        f.summary
    );
    assert_eq!(targets(f), ["b2-cors", "b2-rules"]);
    let cli = &f.fixes[0].text;
    assert!(
        cli.contains("--bucket my-bucket")
            && cli.contains("--endpoint-url https://s3.us-west-004.backblazeb2.com")
            && cli.contains("\"PUT\"]")
            && !cli.contains("\"OPTIONS\""),
        "{cli}"
    );
    let rules = &f.fixes[1].text;
    let ops = rules
        .lines()
        .find(|l| l.contains("\"allowedOperations\""))
        .unwrap_or_default();
    assert!(
        ops.contains("\"s3_put\"")
            && ops.contains("\"s3_head\"")
            && !ops.contains("b2_")
            && rules.contains("\"allowedOrigins\": [\"http://localhost:3000\"]"),
        "{rules}"
    );
}

/// Console messages alone for buckets of S3-compatible stores: the host names the store,
/// and the fixes are its bucket rules at its endpoint (bucket and account from the host).
#[test]
fn s3_compatible_hosts_from_the_console() {
    let msg = |url: &str| {
        format!("Access to fetch at '{url}' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.")
    };
    let r = report(&msg(
        "https://photos.0123abcd.r2.cloudflarestorage.com/a.png?X-Amz-Algorithm=AWS4-HMAC-SHA256",
    ));
    let f = only(&r);
    assert_eq!(
        f.cause.platform.as_ref().map(|p| p.platform.slug()),
        Some("cloudflare-r2")
    );
    assert_eq!(targets(f), ["r2-cors", "r2-api"]);
    assert!(
        f.fixes[0].text.contains("--bucket photos")
            && f.fixes[0]
                .text
                .contains("--endpoint-url https://0123abcd.r2.cloudflarestorage.com"),
        "{}",
        f.fixes[0].text
    );
    assert!(
        f.fixes[1]
            .text
            .contains("/accounts/0123abcd/r2/buckets/photos/cors")
            && f.fixes[1]
                .text
                .contains("\"allowed\": {\"origins\": [\"https://app.example.com\"]"),
        "{}",
        f.fixes[1].text
    );

    let r = report(&msg("https://media.fra1.cdn.digitaloceanspaces.com/v.mp4"));
    let f = only(&r);
    assert_eq!(targets(f), ["spaces-cors"]);
    assert!(
        f.fixes[0].text.contains("--bucket media")
            && f.fixes[0]
                .text
                .contains("--endpoint-url https://fra1.digitaloceanspaces.com"),
        "{}",
        f.fixes[0].text
    );

    let r = report(&msg("https://s3.eu-central-1.wasabisys.com/archive/k.json"));
    let f = only(&r);
    assert_eq!(targets(f), ["wasabi-cors"]);
    assert!(
        f.fixes[0].text.contains("--bucket archive")
            && f.fixes[0]
                .text
                .contains("--endpoint-url https://s3.eu-central-1.wasabisys.com"),
        "{}",
        f.fixes[0].text
    );
}

/// B2's native account API (b2_authorize_account) answers no CORS request at all: no bucket
/// rule helps, the call belongs on the server.
#[test]
fn backblaze_b2_account_api_from_a_page() {
    let r = report("Access to XMLHttpRequest at 'https://api.backblazeb2.com/b2api/v2/b2_authorize_account' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("b2_authorize_account is a call of Backblaze B2's native account API"),
        "{}",
        f.summary
    );
    assert_eq!(targets(f), ["b2-server"]);
    // An upload to the URL b2_get_upload_url gave is a transfer its rules can allow.
    let r = report("Access to XMLHttpRequest at 'https://pod-000-1139-09.backblaze.com/b2api/v2/b2_upload_file/2a43/c002_v0001139_t0038' from origin 'http://localhost:3001' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.");
    let f = only(&r);
    assert!(!f.summary.contains("account API"), "{}", f.summary);
    assert_eq!(
        f.cause.platform.as_ref().map(|p| p.platform.slug()),
        Some("backblaze-b2")
    );
    assert!(targets(f).contains(&"b2-rules"), "{:?}", targets(f));
}

/// MinIO (`Server: MinIO`) answering a preflight 403 without a body: its refusal, and the
/// fix at the URL's own endpoint with MinIO's server-wide fallback.
#[test]
fn minio_refuses_the_preflight() {
    let r = report("curl -v -X OPTIONS 'http://localhost:9000/uploads/a.txt' -H 'Origin: http://localhost:5173' -H 'Access-Control-Request-Method: PUT'
< HTTP/1.1 403 Forbidden
< Content-Length: 0
< Server: MinIO
< Vary: Origin
< X-Amz-Id-2: dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8
< X-Amz-Request-Id: 17F0B2C3A4D5E6F7
");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "header_mismatch");
    assert_eq!(f.cause.gateway.map(|g| g.slug()), Some("minio"));
    assert_eq!(targets(f), ["minio-cors"]);
    let t = &f.fixes[0].text;
    assert!(
        t.contains("--bucket uploads")
            && t.contains("--endpoint-url http://localhost:9000")
            && t.contains("MINIO_API_CORS_ALLOW_ORIGIN=\"http://localhost:5173\""),
        "{t}"
    );
}

/// An AWS SDK presigned URL names the operation it was signed for (`x-id=PutObject`): the
/// console message's request is that method (basis "inferred"), and the bucket rule allows it.
#[test]
fn presigned_urls_name_their_method() {
    let r = report("Access to fetch at 'https://bucket-redacted.account_id.r2.cloudflarestorage.com/shot.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&X-Amz-Credential=92dfe65c%2F20240907%2Fauto%2Fs3%2Faws4_request&X-Amz-Date=20240907T212213Z&X-Amz-Expires=600&X-Amz-Signature=a796&X-Amz-SignedHeaders=host&x-id=PutObject' from origin 'http://localhost:3001' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.");
    let f = only(&r);
    assert_eq!(f.request.method, "PUT");
    assert_eq!(f.request.method_basis, "inferred");
    assert!(
        f.fixes[0].text.contains("\"PUT\"]")
            && f.fixes[0].text.contains("--bucket bucket-redacted"),
        "{}",
        f.fixes[0].text
    );
    // Without x-id the method stays an assumption.
    let r = report("Access to fetch at 'https://b.s3.amazonaws.com/k.png?X-Amz-Signature=a' from origin 'http://localhost:3001' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert_eq!(only(&r).request.method_basis, "assumed");
    let r = report("Access to fetch at 'https://b.s3.amazonaws.com/k.png?uploadId=1&x-id=CompleteMultipartUpload' from origin 'http://localhost:3001' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert_eq!(only(&r).request.method, "POST");
}

/// B2's native API names its errors in JSON (`"code": "bad_auth_token"`): the finding names it,
/// and the account call is still said to belong on the server.
#[test]
fn backblaze_b2_native_json_error() {
    let r = report("curl -i -X POST https://api005.backblazeb2.com/b2api/v2/b2_get_upload_url -H 'Origin: http://localhost:3000'\nHTTP/1.1 401 Unauthorized\nContent-Type: application/json;charset=utf-8\n\n{\n  \"code\": \"bad_auth_token\",\n  \"message\": \"Invalid authorization token\",\n  \"status\": 401\n}\n");
    let f = only(&r);
    assert_eq!(f.cause.gateway.map(|g| g.slug()), Some("backblaze-b2"));
    assert_eq!(f.cause.gateway_response.as_deref(), Some("bad_auth_token"));
    assert!(f
        .summary
        .starts_with("b2_get_upload_url is a call of Backblaze B2's native account API"));
    assert_eq!(targets(f), ["b2-server"]);
}
