//! Gateway fingerprints: which product generated (or passed on) a response,
//! and which of its errors it is. Never claims a product on weak evidence.

use crate::exchange::Response;
use serde::{Deserialize, Serialize};

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
}

impl Gateway {
    pub const ALL: [Gateway; 18] = [
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
        }
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
pub fn identify(_response: &Response, _url: &str) -> Option<Fingerprint> {
    None
}
