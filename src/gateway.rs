//! Gateway fingerprints: which product generated (or passed on) a response,
//! and which of its errors it is. Never claims a product on weak evidence.

use crate::exchange::Response;
use serde::{Deserialize, Serialize};

mod app;
pub(crate) use app::starlette_failures;
mod aws;
pub(crate) mod edge;
mod framework;
pub(crate) use edge::vercel_code_status;
pub(crate) use framework::names_other_stack;
pub(crate) use framework::of_exchange as framework_of;
pub use framework::Framework;
pub mod host;
mod proxy;
pub mod served_by;
pub mod sign_in;
mod signals;
pub(crate) mod storage;

pub use host::{hint_from_url, Certainty, HostHint, Platform};

use signals::Signals;

/// The products whycors recognises, with their stable slugs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gateway {
    #[serde(rename = "aws-api-gateway-rest")]
    AwsApiGatewayRest,
    #[serde(rename = "aws-api-gateway-http")]
    AwsApiGatewayHttp,
    #[serde(rename = "cloudfront")]
    Cloudfront,
    #[serde(rename = "aws-waf")]
    AwsWaf,
    #[serde(rename = "aws-alb")]
    AwsAlb,
    #[serde(rename = "cloudflare")]
    Cloudflare,
    #[serde(rename = "azure-apim")]
    AzureApim,
    #[serde(rename = "azure-front-door")]
    AzureFrontDoor,
    #[serde(rename = "google-cloud")]
    GoogleCloud,
    #[serde(rename = "kong")]
    Kong,
    #[serde(rename = "nginx")]
    Nginx,
    #[serde(rename = "envoy")]
    Envoy,
    #[serde(rename = "traefik")]
    Traefik,
    #[serde(rename = "akamai")]
    Akamai,
    #[serde(rename = "fastly")]
    Fastly,
    #[serde(rename = "vercel")]
    Vercel,
    #[serde(rename = "netlify")]
    Netlify,
    #[serde(rename = "heroku")]
    Heroku,
    #[serde(rename = "iis")]
    Iis,
    #[serde(rename = "kestrel")]
    Kestrel,
    #[serde(rename = "apache")]
    Apache,
    /// Not a gateway: Spring's own CORS processor, which answers a request its
    /// configuration does not allow with 403 "Invalid CORS request".
    #[serde(rename = "spring")]
    Spring,
    /// Starlette's (FastAPI's) CORSMiddleware, which answers a preflight it does not allow
    /// with 400 "Disallowed CORS …".
    #[serde(rename = "starlette")]
    Starlette,
    /// Express with the `cors` middleware whose origin callback throws "Not allowed by CORS".
    #[serde(rename = "express")]
    Express,
    /// Laravel's own 419 (CSRF token mismatch).
    #[serde(rename = "laravel")]
    Laravel,
    /// Object storage: the bucket's own CORS configuration answers (or declines) the
    /// browser; its errors (signatures, permissions) carry its own XML codes.
    #[serde(rename = "aws-s3")]
    AwsS3,
    #[serde(rename = "azure-storage")]
    AzureStorage,
    #[serde(rename = "google-cloud-storage")]
    GoogleCloudStorage,
    /// S3-compatible object storage: the S3 API's CORS configuration (PutBucketCors),
    /// each with its own endpoints and consoles.
    #[serde(rename = "cloudflare-r2")]
    CloudflareR2,
    #[serde(rename = "backblaze-b2")]
    BackblazeB2,
    #[serde(rename = "digitalocean-spaces")]
    DigitalOceanSpaces,
    #[serde(rename = "wasabi")]
    Wasabi,
    #[serde(rename = "minio")]
    Minio,
}

impl Gateway {
    pub const ALL: [Gateway; 33] = [
        Gateway::AwsApiGatewayRest,
        Gateway::AwsApiGatewayHttp,
        Gateway::Cloudfront,
        Gateway::AwsWaf,
        Gateway::AwsAlb,
        Gateway::Cloudflare,
        Gateway::AzureApim,
        Gateway::AzureFrontDoor,
        Gateway::GoogleCloud,
        Gateway::Kong,
        Gateway::Nginx,
        Gateway::Envoy,
        Gateway::Traefik,
        Gateway::Akamai,
        Gateway::Fastly,
        Gateway::Vercel,
        Gateway::Netlify,
        Gateway::Heroku,
        Gateway::Iis,
        Gateway::Kestrel,
        Gateway::Apache,
        Gateway::Spring,
        Gateway::Starlette,
        Gateway::Express,
        Gateway::Laravel,
        Gateway::AwsS3,
        Gateway::AzureStorage,
        Gateway::GoogleCloudStorage,
        Gateway::CloudflareR2,
        Gateway::BackblazeB2,
        Gateway::DigitalOceanSpaces,
        Gateway::Wasabi,
        Gateway::Minio,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Gateway::AwsApiGatewayRest => "aws-api-gateway-rest",
            Gateway::AwsApiGatewayHttp => "aws-api-gateway-http",
            Gateway::Cloudfront => "cloudfront",
            Gateway::AwsWaf => "aws-waf",
            Gateway::AwsAlb => "aws-alb",
            Gateway::Cloudflare => "cloudflare",
            Gateway::AzureApim => "azure-apim",
            Gateway::AzureFrontDoor => "azure-front-door",
            Gateway::GoogleCloud => "google-cloud",
            Gateway::Kong => "kong",
            Gateway::Nginx => "nginx",
            Gateway::Envoy => "envoy",
            Gateway::Traefik => "traefik",
            Gateway::Akamai => "akamai",
            Gateway::Fastly => "fastly",
            Gateway::Vercel => "vercel",
            Gateway::Netlify => "netlify",
            Gateway::Heroku => "heroku",
            Gateway::Iis => "iis",
            Gateway::Kestrel => "kestrel",
            Gateway::Apache => "apache",
            Gateway::Spring => "spring",
            Gateway::Starlette => "starlette",
            Gateway::Express => "express",
            Gateway::Laravel => "laravel",
            Gateway::AwsS3 => "aws-s3",
            Gateway::AzureStorage => "azure-storage",
            Gateway::GoogleCloudStorage => "google-cloud-storage",
            Gateway::CloudflareR2 => "cloudflare-r2",
            Gateway::BackblazeB2 => "backblaze-b2",
            Gateway::DigitalOceanSpaces => "digitalocean-spaces",
            Gateway::Wasabi => "wasabi",
            Gateway::Minio => "minio",
        }
    }

    /// The product's name as people say it.
    pub fn name(self) -> &'static str {
        match self {
            Gateway::AwsApiGatewayRest => "AWS API Gateway (REST API)",
            Gateway::AwsApiGatewayHttp => "AWS API Gateway (HTTP API)",
            Gateway::Cloudfront => "Amazon CloudFront",
            Gateway::AwsWaf => "AWS WAF",
            Gateway::AwsAlb => "AWS Application Load Balancer",
            Gateway::Cloudflare => "Cloudflare",
            Gateway::AzureApim => "Azure API Management",
            Gateway::AzureFrontDoor => "Azure Front Door",
            Gateway::GoogleCloud => "Google Cloud (API Gateway / ESPv2 / GFE)",
            Gateway::Kong => "Kong",
            Gateway::Nginx => "nginx",
            Gateway::Envoy => "Envoy",
            Gateway::Traefik => "Traefik",
            Gateway::Akamai => "Akamai",
            Gateway::Fastly => "Fastly",
            Gateway::Vercel => "Vercel",
            Gateway::Netlify => "Netlify",
            Gateway::Heroku => "Heroku",
            Gateway::Iis => "Microsoft IIS",
            Gateway::Kestrel => "ASP.NET Core (Kestrel)",
            Gateway::Apache => "Apache httpd",
            Gateway::Spring => "Spring (its CORS processor)",
            Gateway::Starlette => "Starlette / FastAPI",
            Gateway::Express => "Express",
            Gateway::Laravel => "Laravel",
            Gateway::AwsS3 => "Amazon S3",
            Gateway::AzureStorage => "Azure Storage",
            Gateway::GoogleCloudStorage => "Google Cloud Storage",
            Gateway::CloudflareR2 => "Cloudflare R2",
            Gateway::BackblazeB2 => "Backblaze B2",
            Gateway::DigitalOceanSpaces => "DigitalOcean Spaces",
            Gateway::Wasabi => "Wasabi",
            Gateway::Minio => "MinIO",
        }
    }

    /// An application's own CORS layer (not a gateway) that answers a request it does not
    /// allow itself: the cause is then its configuration, not an error hiding behind CORS.
    pub fn is_cors_layer(self) -> bool {
        matches!(
            self,
            Gateway::Spring | Gateway::Starlette | Gateway::Express
        )
    }

    /// Object storage: CORS headers only when one of the bucket's (account's) CORS rules
    /// matches the request's origin, method and headers; nothing else adds them.
    pub fn is_storage(self) -> bool {
        self.is_s3_api() || matches!(self, Gateway::AzureStorage | Gateway::GoogleCloudStorage)
    }

    /// Amazon S3 or a store speaking its API: one CORS configuration per bucket
    /// (PutBucketCors), a preflight no rule matches refused with 403.
    pub fn is_s3_api(self) -> bool {
        matches!(
            self,
            Gateway::AwsS3
                | Gateway::CloudflareR2
                | Gateway::BackblazeB2
                | Gateway::DigitalOceanSpaces
                | Gateway::Wasabi
                | Gateway::Minio
        )
    }

    pub fn from_slug(s: &str) -> Option<Gateway> {
        Gateway::ALL.into_iter().find(|g| g.slug() == s)
    }
}

/// What the fingerprint says about one response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fingerprint {
    pub gateway: Gateway,
    /// True when the product itself generated this response (an error page, a
    /// Gateway Response), false when it only passed on the application's response.
    pub generated: bool,
    /// The product's name for this error, e.g. `THROTTLED`,
    /// `MISSING_AUTHENTICATION_TOKEN` (REST API Gateway Response types),
    /// `1020` (Cloudflare), `FUNCTION_INVOCATION_TIMEOUT` (Vercel).
    pub error: Option<String>,
    /// One plain sentence on what that error means.
    pub meaning: Option<String>,
    /// The header lines and body snippets the claim rests on.
    pub evidence: Vec<String>,
}

/// Identify the product that generated or passed on `response`, fetched from `url`.
///
/// When several products are in the chain, the one that generated the response
/// wins when known; otherwise the most specific one (an API gateway or hosting
/// platform before a CDN, a CDN before a plain proxy). `None` when no product
/// shows strong enough evidence.
pub fn identify(response: &Response, url: &str) -> Option<Fingerprint> {
    identify_all(response, url).into_iter().next()
}

/// Every product seen in `response`, strongest first: those that generated it
/// before those that passed it on, then the more specific before the less.
pub fn identify_all(response: &Response, url: &str) -> Vec<Fingerprint> {
    let s = Signals::new(response, url);
    let mut found: Vec<Cand> = Vec::new();
    let detectors: [fn(&Signals) -> Option<Cand>; 30] = [
        app::spring,
        app::starlette,
        app::starlette_500,
        app::express_cors,
        app::express_no_options,
        app::laravel_419,
        storage::s3,
        storage::azure,
        storage::gcs,
        aws::rest,
        aws::http,
        aws::cloudfront,
        aws::waf,
        aws::alb,
        edge::cloudflare,
        edge::azure_apim,
        edge::azure_front_door,
        edge::google,
        edge::akamai,
        edge::fastly,
        edge::vercel,
        edge::netlify,
        edge::heroku,
        proxy::kong,
        proxy::nginx,
        proxy::envoy,
        proxy::traefik,
        proxy::iis,
        proxy::kestrel,
        proxy::apache,
    ];
    for d in detectors {
        if let Some(c) = d(&s) {
            found.push(c);
        }
    }
    // Stable sort: ties keep the detector order above.
    found.sort_by(|a, b| {
        b.fp.generated
            .cmp(&a.fp.generated)
            .then(b.tier.cmp(&a.tier))
            .then(b.strength.cmp(&a.strength))
    });
    found.into_iter().map(|c| c.fp).collect()
}

/// Does the response lack `Access-Control-Allow-Origin` altogether?
pub fn lacks_cors(response: &Response) -> bool {
    !response.headers.contains("access-control-allow-origin")
}

/// How specific a product is when several are in the chain.
pub(crate) mod tier {
    /// API gateways and hosting platforms: closest to the application.
    pub const API: u8 = 3;
    /// CDNs, edge networks and WAFs.
    pub const EDGE: u8 = 2;
    /// Generic load balancers and reverse proxies.
    pub const PROXY: u8 = 1;
}

/// A product seen in the response, with how to rank it.
pub(crate) struct Cand {
    pub fp: Fingerprint,
    pub tier: u8,
    /// 1: a host name or one weak-ish header; 2: a product header; 3: several,
    /// or an error the product names itself.
    pub strength: u8,
}

impl Cand {
    pub(crate) fn new(gateway: Gateway, tier: u8, evidence: Vec<String>) -> Cand {
        let strength = match evidence.len() {
            0 | 1 => 1,
            2 => 2,
            _ => 3,
        };
        Cand {
            fp: Fingerprint {
                gateway,
                generated: false,
                error: None,
                meaning: None,
                evidence,
            },
            tier,
            strength,
        }
    }

    /// Mark as generated by the product, with its error name and meaning.
    pub(crate) fn generated(mut self, error: Option<&str>, meaning: impl Into<String>) -> Cand {
        self.fp.generated = true;
        self.fp.error = error.map(str::to_string);
        self.fp.meaning = Some(meaning.into());
        self
    }

    /// Passed on, with a note on what that means.
    pub(crate) fn passed(mut self, meaning: Option<String>) -> Cand {
        self.fp.generated = false;
        self.fp.meaning = meaning;
        self
    }

    pub(crate) fn with(mut self, evidence: String) -> Cand {
        self.fp.evidence.push(evidence);
        self
    }

    pub(crate) fn with_opt(self, evidence: Option<String>) -> Cand {
        match evidence {
            Some(e) => self.with(e),
            None => self,
        }
    }
}
