//! Where the API runs, from the URL's host alone: the default endpoints of
//! hosting platforms and gateways (`<id>.execute-api.<region>.amazonaws.com`,
//! `<id>.lambda-url.<region>.on.aws` …). A custom domain says nothing, so it
//! gives no hint. Used only when no response fingerprints the product: a
//! response's own headers always win over the URL.

use super::Gateway;
use serde::Serialize;

/// A platform a default endpoint host names for certain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Platform {
    /// AWS API Gateway, REST or HTTP API: the host does not say which.
    #[serde(rename = "aws-api-gateway")]
    AwsApiGateway,
    /// An AWS Lambda function URL (its own CORS configuration, no API Gateway).
    #[serde(rename = "aws-lambda-url")]
    AwsLambdaUrl,
    /// An Amazon CloudFront distribution's default domain (the API runs behind it).
    #[serde(rename = "cloudfront")]
    Cloudfront,
    /// Azure API Management's gateway.
    #[serde(rename = "azure-apim")]
    AzureApim,
    /// Azure App Service or Azure Functions (its own CORS setting).
    #[serde(rename = "azure-app-service")]
    AzureAppService,
    /// A Cloudflare Worker on workers.dev.
    #[serde(rename = "cloudflare-workers")]
    CloudflareWorkers,
    /// A Google Cloud Run service.
    #[serde(rename = "google-cloud-run")]
    GoogleCloudRun,
    /// A Google Cloud Function (1st gen URL).
    #[serde(rename = "google-cloud-functions")]
    GoogleCloudFunctions,
    /// Google API Gateway.
    #[serde(rename = "google-api-gateway")]
    GoogleApiGateway,
    #[serde(rename = "vercel")]
    Vercel,
    #[serde(rename = "netlify")]
    Netlify,
    #[serde(rename = "heroku")]
    Heroku,
    /// Object storage: the bucket's (account's) own CORS rules answer the browser.
    #[serde(rename = "aws-s3")]
    AwsS3,
    #[serde(rename = "azure-storage")]
    AzureStorage,
    #[serde(rename = "google-cloud-storage")]
    GoogleCloudStorage,
    /// S3-compatible object storage.
    #[serde(rename = "cloudflare-r2")]
    CloudflareR2,
    #[serde(rename = "backblaze-b2")]
    BackblazeB2,
    #[serde(rename = "digitalocean-spaces")]
    DigitalOceanSpaces,
    #[serde(rename = "wasabi")]
    Wasabi,
    /// A Supabase Edge Function (`<project>.supabase.co/functions/v1/…`): its own code
    /// answers the preflight and adds the CORS headers.
    #[serde(rename = "supabase-functions")]
    SupabaseFunctions,
}

impl Platform {
    pub const ALL: [Platform; 20] = [
        Platform::AwsApiGateway,
        Platform::AwsLambdaUrl,
        Platform::Cloudfront,
        Platform::AzureApim,
        Platform::AzureAppService,
        Platform::CloudflareWorkers,
        Platform::GoogleCloudRun,
        Platform::GoogleCloudFunctions,
        Platform::GoogleApiGateway,
        Platform::Vercel,
        Platform::Netlify,
        Platform::Heroku,
        Platform::AwsS3,
        Platform::AzureStorage,
        Platform::GoogleCloudStorage,
        Platform::CloudflareR2,
        Platform::BackblazeB2,
        Platform::DigitalOceanSpaces,
        Platform::Wasabi,
        Platform::SupabaseFunctions,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Platform::AwsApiGateway => "aws-api-gateway",
            Platform::AwsLambdaUrl => "aws-lambda-url",
            Platform::Cloudfront => "cloudfront",
            Platform::AzureApim => "azure-apim",
            Platform::AzureAppService => "azure-app-service",
            Platform::CloudflareWorkers => "cloudflare-workers",
            Platform::GoogleCloudRun => "google-cloud-run",
            Platform::GoogleCloudFunctions => "google-cloud-functions",
            Platform::GoogleApiGateway => "google-api-gateway",
            Platform::Vercel => "vercel",
            Platform::Netlify => "netlify",
            Platform::Heroku => "heroku",
            Platform::AwsS3 => "aws-s3",
            Platform::AzureStorage => "azure-storage",
            Platform::GoogleCloudStorage => "google-cloud-storage",
            Platform::CloudflareR2 => "cloudflare-r2",
            Platform::BackblazeB2 => "backblaze-b2",
            Platform::DigitalOceanSpaces => "digitalocean-spaces",
            Platform::Wasabi => "wasabi",
            Platform::SupabaseFunctions => "supabase-functions",
        }
    }

    /// The platform's name as people say it.
    pub fn name(self) -> &'static str {
        match self {
            Platform::AwsApiGateway => "AWS API Gateway",
            Platform::AwsLambdaUrl => "AWS Lambda function URL",
            Platform::Cloudfront => "Amazon CloudFront",
            Platform::AzureApim => "Azure API Management",
            Platform::AzureAppService => "Azure App Service (or Azure Functions)",
            Platform::CloudflareWorkers => "Cloudflare Workers",
            Platform::GoogleCloudRun => "Google Cloud Run",
            Platform::GoogleCloudFunctions => "Google Cloud Functions",
            Platform::GoogleApiGateway => "Google API Gateway",
            Platform::Vercel => "Vercel",
            Platform::Netlify => "Netlify",
            Platform::Heroku => "Heroku",
            Platform::AwsS3 => "Amazon S3",
            Platform::AzureStorage => "Azure Storage",
            Platform::GoogleCloudStorage => "Google Cloud Storage",
            Platform::CloudflareR2 => "Cloudflare R2",
            Platform::BackblazeB2 => "Backblaze B2",
            Platform::DigitalOceanSpaces => "DigitalOcean Spaces",
            Platform::Wasabi => "Wasabi",
            Platform::SupabaseFunctions => "Supabase Edge Functions",
        }
    }

    /// The fingerprinted product this platform is, when exactly one is.
    /// `None` for API Gateway (REST or HTTP API: the host does not tell) and
    /// for platforms whycors does not fingerprint.
    pub fn gateway(self) -> Option<Gateway> {
        match self {
            Platform::Cloudfront => Some(Gateway::Cloudfront),
            Platform::AzureApim => Some(Gateway::AzureApim),
            Platform::CloudflareWorkers => Some(Gateway::Cloudflare),
            Platform::GoogleCloudRun
            | Platform::GoogleCloudFunctions
            | Platform::GoogleApiGateway => Some(Gateway::GoogleCloud),
            Platform::Vercel => Some(Gateway::Vercel),
            Platform::Netlify => Some(Gateway::Netlify),
            Platform::Heroku => Some(Gateway::Heroku),
            Platform::AwsS3 => Some(Gateway::AwsS3),
            Platform::AzureStorage => Some(Gateway::AzureStorage),
            Platform::GoogleCloudStorage => Some(Gateway::GoogleCloudStorage),
            Platform::CloudflareR2 => Some(Gateway::CloudflareR2),
            Platform::BackblazeB2 => Some(Gateway::BackblazeB2),
            Platform::DigitalOceanSpaces => Some(Gateway::DigitalOceanSpaces),
            Platform::Wasabi => Some(Gateway::Wasabi),
            Platform::AwsApiGateway
            | Platform::AwsLambdaUrl
            | Platform::AzureAppService
            | Platform::SupabaseFunctions => None,
        }
    }

    /// The name as a sentence uses it after "runs on": "an AWS Lambda function URL".
    pub fn in_sentence(self) -> String {
        match self {
            Platform::AwsLambdaUrl => format!("an {}", self.name()),
            Platform::CloudflareWorkers => "a Cloudflare Worker".to_string(),
            Platform::SupabaseFunctions => "a Supabase Edge Function".to_string(),
            p => p.name().to_string(),
        }
    }

    /// True when the platform sits in front of an API that runs elsewhere (a CDN).
    pub fn is_in_front(self) -> bool {
        self == Platform::Cloudfront
    }
}

/// How sure the hint is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// The host is the platform's own default endpoint: only that platform
    /// serves it.
    Certain,
}

/// What the URL's host says about where the API runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HostHint {
    pub platform: Platform,
    /// The platform's name.
    pub name: &'static str,
    /// The host the hint rests on (lower case).
    pub host: String,
    /// The pattern it matched (`*.execute-api.*.amazonaws.com`).
    pub pattern: &'static str,
    pub certainty: Certainty,
    /// Always `"url"`: the hint comes from the URL, not from a response.
    pub basis: &'static str,
}

impl HostHint {
    /// One line for the evidence list.
    pub fn evidence(&self) -> String {
        format!(
            "host {} ({}): the API runs {} {}",
            self.host,
            self.pattern,
            if self.platform.is_in_front() {
                "behind"
            } else {
                "on"
            },
            self.platform.in_sentence()
        )
    }
}

/// Default endpoint patterns, label by label: `*` is one label; with `true`, the leading
/// `*` is one or more (`*.azurewebsites.net` covers `app.scm.azurewebsites.net`).
const TABLE: &[(&str, Platform, bool)] = &[
    (
        "*.execute-api.*.amazonaws.com",
        Platform::AwsApiGateway,
        false,
    ),
    (
        "*.execute-api.*.amazonaws.com.cn",
        Platform::AwsApiGateway,
        false,
    ),
    ("*.lambda-url.*.on.aws", Platform::AwsLambdaUrl, false),
    ("*.cloudfront.net", Platform::Cloudfront, false),
    ("*.azure-api.net", Platform::AzureApim, false),
    ("*.regional.azure-api.net", Platform::AzureApim, false),
    ("*.azurewebsites.net", Platform::AzureAppService, true),
    ("*.workers.dev", Platform::CloudflareWorkers, true),
    ("*.run.app", Platform::GoogleCloudRun, true),
    (
        "*.cloudfunctions.net",
        Platform::GoogleCloudFunctions,
        false,
    ),
    ("*.gateway.dev", Platform::GoogleApiGateway, true),
    ("*.vercel.app", Platform::Vercel, false),
    // Vercel's former name (ZEIT Now): deployments there still answer.
    ("*.now.sh", Platform::Vercel, true),
    ("*.netlify.app", Platform::Netlify, false),
    ("*.herokuapp.com", Platform::Heroku, false),
    ("s3.amazonaws.com", Platform::AwsS3, false),
    ("*.s3.amazonaws.com", Platform::AwsS3, true),
    ("s3.*.amazonaws.com", Platform::AwsS3, false),
    ("*.s3.*.amazonaws.com", Platform::AwsS3, true),
    ("*.s3.dualstack.*.amazonaws.com", Platform::AwsS3, true),
    ("*.s3-accelerate.amazonaws.com", Platform::AwsS3, true),
    ("*.blob.core.windows.net", Platform::AzureStorage, false),
    ("*.dfs.core.windows.net", Platform::AzureStorage, false),
    ("*.file.core.windows.net", Platform::AzureStorage, false),
    ("*.queue.core.windows.net", Platform::AzureStorage, false),
    ("*.table.core.windows.net", Platform::AzureStorage, false),
    (
        "storage.googleapis.com",
        Platform::GoogleCloudStorage,
        false,
    ),
    (
        "*.storage.googleapis.com",
        Platform::GoogleCloudStorage,
        true,
    ),
    // Firebase Storage's download and upload API: its buckets are Cloud Storage buckets.
    (
        "firebasestorage.googleapis.com",
        Platform::GoogleCloudStorage,
        false,
    ),
    ("*.r2.cloudflarestorage.com", Platform::CloudflareR2, true),
    ("*.r2.dev", Platform::CloudflareR2, false),
    ("*.backblazeb2.com", Platform::BackblazeB2, true),
    (
        "*.digitaloceanspaces.com",
        Platform::DigitalOceanSpaces,
        true,
    ),
    ("*.wasabisys.com", Platform::Wasabi, true),
];

/// A Cloud Functions host's first label, `us-central1-my-project`: its region (the first two
/// dash-separated parts) and project.
pub(crate) fn cloud_function_region_project(host: &str) -> Option<(String, String)> {
    let first = host.split('.').next()?;
    match first.splitn(3, '-').collect::<Vec<_>>().as_slice() {
        [a, b, rest] if !rest.is_empty() => Some((format!("{a}-{b}"), rest.to_string())),
        _ => None,
    }
}

/// Where the API at `url` runs, when its host is a platform's default
/// endpoint. `None` for custom domains, IP addresses, and anything that does
/// not parse.
pub fn hint_from_url(url: &str) -> Option<HostHint> {
    let host = host_from_url(url)?;
    // Supabase: its REST, Auth and Storage APIs answer CORS themselves; an Edge Function's
    // own code does.
    let supabase_functions = host
        .strip_suffix(".supabase.co")
        .is_some_and(|project| !project.is_empty() && !project.contains('.'))
        && url::Url::parse(url)
            .ok()
            .is_some_and(|u| u.path().starts_with("/functions/v1/"));
    // The local stack `supabase start` runs: its API gateway on port 54321.
    let supabase_local = url::Url::parse(url).ok().is_some_and(|u| {
        matches!(u.host_str(), Some("localhost" | "127.0.0.1"))
            && u.port() == Some(54321)
            && u.path().starts_with("/functions/v1/")
    });
    // Netlify Functions on a site's own domain: `/.netlify/functions/<name>`.
    let netlify_functions = url::Url::parse(url)
        .ok()
        .is_some_and(|u| u.path().starts_with("/.netlify/functions/"));
    let (platform, pattern) = if supabase_functions {
        (Platform::SupabaseFunctions, "*.supabase.co/functions/v1/")
    } else if supabase_local {
        (
            Platform::SupabaseFunctions,
            "localhost:54321/functions/v1/ (supabase start)",
        )
    } else if netlify_functions {
        (Platform::Netlify, "*/.netlify/functions/")
    } else {
        platform_of_host(&host)?
    };
    Some(HostHint {
        platform,
        name: platform.name(),
        host,
        pattern,
        certainty: Certainty::Certain,
        basis: "url",
    })
}

/// The platform whose default endpoint `host` is, with the pattern it matched; the one
/// table for the URL's hint and the response's fingerprints. Allocates nothing: it runs
/// for every response of a HAR.
pub(crate) fn platform_of_host(host: &str) -> Option<(Platform, &'static str)> {
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.is_empty() || host.split('.').any(str::is_empty) {
        return None;
    }
    let mut rev = host.rsplit('.');
    let (last, second, third) = (rev.next(), rev.next(), rev.next());
    // S3's older regional names put the region in the same label: `s3-ap-south-1`,
    // `bucket.s3-eu-west-1.amazonaws.com`.
    if let (Some(com), Some(amazonaws), Some(s3)) = (last, second, third) {
        if com.eq_ignore_ascii_case("com")
            && amazonaws.eq_ignore_ascii_case("amazonaws")
            && s3.len() > 3
            && s3[..3].eq_ignore_ascii_case("s3-")
        {
            return Some((Platform::AwsS3, "*.s3-<region>.amazonaws.com"));
        }
    }
    // Backblaze B2's upload URLs (b2_get_upload_url) are on pods: `pod-000-1139-09.backblaze.com`.
    if let (Some(com), Some(backblaze), Some(pod), None) = (last, second, third, rev.next()) {
        if com.eq_ignore_ascii_case("com")
            && backblaze.eq_ignore_ascii_case("backblaze")
            && pod.len() > 4
            && pod[..4].eq_ignore_ascii_case("pod-")
        {
            return Some((Platform::BackblazeB2, "pod-*.backblaze.com"));
        }
    }
    TABLE
        .iter()
        .find(|(pattern, _, many)| matches(pattern, *many, host))
        .map(|&(pattern, platform, _)| (platform, pattern))
}

/// The URL's host, lower case, through the crate's origin serialization
/// (which parses the URL, IDNA included). `None` for opaque origins and IP
/// literals.
fn host_from_url(url: &str) -> Option<String> {
    let origin = crate::fetch::origin::origin_of(url)?;
    let (_, rest) = origin.split_once("://")?;
    if rest.starts_with('[') {
        return None;
    }
    let host = match rest.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => rest,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

fn matches(pattern: &str, many: bool, host: &str) -> bool {
    // A leading `*` takes exactly one label (one or more with `many`); without it, the
    // pattern names the whole host (its other `*` labels still one label each). Compared
    // from the right, label by label.
    let (lead, fixed) = match pattern.strip_prefix("*.") {
        Some(p) => (true, p),
        None => (false, pattern),
    };
    let mut labels = host.rsplit('.');
    let fixed_ok = fixed.rsplit('.').all(|p| {
        labels
            .next()
            .is_some_and(|l| p == "*" || p.eq_ignore_ascii_case(l))
    });
    if !fixed_ok {
        return false;
    }
    match (lead, many) {
        (false, _) => labels.next().is_none(),
        (true, false) => labels.next().is_some() && labels.next().is_none(),
        (true, true) => labels.next().is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_hosts() {
        let p = |u: &str| hint_from_url(u).map(|h| h.platform);
        let s3 = Some(Platform::AwsS3);
        assert_eq!(p("https://s3.amazonaws.com/b/k"), s3);
        assert_eq!(p("https://s3.ap-south-1.amazonaws.com/"), s3);
        assert_eq!(p("https://my.bucket.s3.us-east-1.amazonaws.com/k"), s3);
        assert_eq!(p("https://b.s3.amazonaws.com/k"), s3);
        assert_eq!(p("https://b.s3-accelerate.amazonaws.com/k"), s3);
        assert_eq!(p("https://up.s3-ap-south-1.amazonaws.com/"), s3);
        assert_eq!(p("https://s3-eu-west-1.amazonaws.com/b/k"), s3);
        assert_eq!(p("https://x.s3.amazonaws.com.evil.example/k"), None);
        assert_eq!(p("https://s3.x.y.amazonaws.com/"), None);
        assert_eq!(
            p("https://acct.blob.core.windows.net/c/b"),
            Some(Platform::AzureStorage)
        );
        assert_eq!(p("https://blob.core.windows.net/c/b"), None);
        assert_eq!(
            p("https://storage.googleapis.com/b/o"),
            Some(Platform::GoogleCloudStorage)
        );
        assert_eq!(
            p("https://b.storage.googleapis.com/o"),
            Some(Platform::GoogleCloudStorage)
        );
        assert_eq!(p("https://www.googleapis.com/storage/v1/b"), None);
        assert_eq!(
            p("https://firebasestorage.googleapis.com/v0/b/app-1.appspot.com/o/a.png?alt=media"),
            Some(Platform::GoogleCloudStorage)
        );
        let r2 = Some(Platform::CloudflareR2);
        assert_eq!(p("https://0123abcd.r2.cloudflarestorage.com/bucket/k"), r2);
        assert_eq!(p("https://b.0123abcd.eu.r2.cloudflarestorage.com/k"), r2);
        assert_eq!(p("https://pub-5f1e.r2.dev/k.png"), r2);
        assert_eq!(p("https://r2.dev/k"), None);
        let b2 = Some(Platform::BackblazeB2);
        assert_eq!(p("https://s3.us-west-004.backblazeb2.com/b/k"), b2);
        assert_eq!(
            p("https://api.backblazeb2.com/b2api/v2/b2_authorize_account"),
            b2
        );
        assert_eq!(
            p("https://pod-000-1139-09.backblaze.com/b2api/v2/b2_upload_file/x"),
            b2
        );
        assert_eq!(p("https://www.backblaze.com/cloud-storage"), None);
        assert_eq!(
            p("https://b.nyc3.cdn.digitaloceanspaces.com/k"),
            Some(Platform::DigitalOceanSpaces)
        );
        assert_eq!(
            p("https://s3.eu-central-1.wasabisys.com/b/k"),
            Some(Platform::Wasabi)
        );
    }

    /// The host-only matcher the response fingerprints use: any case, a trailing dot,
    /// `*` one label and `+` one or more, empty labels refused.
    #[test]
    fn host_only() {
        let p = |h: &str| platform_of_host(h).map(|(p, _)| p);
        assert_eq!(
            platform_of_host("Pub-5F1E.R2.dev"),
            Some((Platform::CloudflareR2, "*.r2.dev"))
        );
        assert_eq!(p("a.b.r2.dev"), None);
        assert_eq!(
            p("a.b.r2.cloudflarestorage.com."),
            Some(Platform::CloudflareR2)
        );
        assert_eq!(p("a..r2.cloudflarestorage.com"), None);
        assert_eq!(p("s3.amazonaws.com"), Some(Platform::AwsS3));
        assert_eq!(p("x.s3.amazonaws.com"), Some(Platform::AwsS3));
        assert_eq!(p("S3-EU-WEST-1.amazonaws.com"), Some(Platform::AwsS3));
        assert_eq!(p("s3-.amazonaws.com"), None);
        assert_eq!(p("pod-1.backblaze.com"), Some(Platform::BackblazeB2));
        assert_eq!(p("x.pod-1.backblaze.com"), None);
        assert_eq!(p("pod-.backblaze.com"), None);
        assert_eq!(
            p("storage.googleapis.com"),
            Some(Platform::GoogleCloudStorage)
        );
        assert_eq!(p("x.storage.googleapis.com.example"), None);
        assert_eq!(p("d1.cloudfront.net"), Some(Platform::Cloudfront));
        assert_eq!(p("cloudfront.net"), None);
        assert_eq!(p(""), None);
        assert_eq!(p("."), None);
    }

    #[test]
    fn hosts() {
        let p = |u: &str| hint_from_url(u).map(|h| h.platform);
        assert_eq!(
            p("https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com/prod/orders"),
            Some(Platform::AwsApiGateway)
        );
        assert_eq!(p("https://execute-api.example.com/x"), None);
        assert_eq!(
            p("https://a.execute-api.us-east-1.amazonaws.com.evil.example/"),
            None
        );
        assert_eq!(
            p("https://d1.cloudfront.net:8443/"),
            Some(Platform::Cloudfront)
        );
        assert_eq!(p("https://[::1]/"), None);
        assert_eq!(p("not a url"), None);
        assert_eq!(p(""), None);
    }
}
