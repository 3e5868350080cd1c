//! The server software the words, code or config pasted around a capture name: "Spring
//! Boot", `app.use(cors())`, `CORS_ALLOWED_ORIGINS = [...]`, "on NGINX server". The fixes
//! then speak that stack's language instead of one framework's example.

use crate::exchange::Stack;

/// How a stack is recognised: a marker and whether it must stand as a word of its own
/// (not inside a longer name) and match case exactly.
struct Marker {
    text: &'static str,
    stack: Stack,
    /// Compared with the text's case (`IIS`, `Kong`, `Express`), else case-insensitive.
    exact_case: bool,
}

const fn m(text: &'static str, stack: Stack, exact_case: bool) -> Marker {
    Marker {
        text,
        stack,
        exact_case,
    }
}

const MARKERS: &[Marker] = &[
    m("Spring Boot", Stack::Spring, false),
    m("Spring Security", Stack::Spring, false),
    m("spring-boot", Stack::Spring, false),
    m("springframework", Stack::Spring, false),
    m("@CrossOrigin", Stack::Spring, true),
    m("WebMvcConfigurer", Stack::Spring, true),
    m("CorsRegistry", Stack::Spring, true),
    m("CorsConfigurationSource", Stack::Spring, true),
    m("<mvc:cors", Stack::Spring, false),
    m(
        "Full authentication is required to access this resource",
        Stack::Spring,
        false,
    ),
    m("JHipster", Stack::Spring, false),
    m("ASP.NET", Stack::AspNetCore, false),
    m("AspNetCore", Stack::AspNetCore, false),
    m(".NET Core", Stack::AspNetCore, false),
    m("UseCors(", Stack::AspNetCore, true),
    m("AddCors(", Stack::AspNetCore, true),
    m("EnableCors", Stack::AspNetCore, true),
    m("IdentityServer", Stack::AspNetCore, false),
    m("Startup.cs", Stack::AspNetCore, true),
    m("IIS", Stack::Iis, true),
    m("web.config", Stack::Iis, false),
    m("Django", Stack::Django, false),
    m("CORS_ORIGIN_WHITELIST", Stack::Django, true),
    m("CORS_ALLOWED_ORIGINS", Stack::Django, true),
    m("CORS_ORIGIN_ALLOW_ALL", Stack::Django, true),
    m("CORS_ALLOW_HEADERS", Stack::Django, true),
    // (Exact case: Supabase's `corsHeaders` object is no Django module.)
    m("corsheaders", Stack::Django, true),
    m("flask_cors", Stack::Flask, false),
    m("flask-cors", Stack::Flask, false),
    m("from flask", Stack::Flask, false),
    m("Flask", Stack::Flask, true),
    m("FastAPI", Stack::FastApi, false),
    m("Starlette", Stack::FastApi, false),
    m("CORSMiddleware", Stack::FastApi, true),
    m("Rails", Stack::Rails, true),
    m("rack-cors", Stack::Rails, false),
    m("Rack::Cors", Stack::Rails, false),
    m("Laravel", Stack::Laravel, false),
    m("config/cors.php", Stack::Laravel, false),
    m("laravel-cors", Stack::Laravel, false),
    m("HandleCors", Stack::Laravel, true),
    m("<?php", Stack::Php, false),
    m("PHP", Stack::Php, true),
    m("app.use(cors", Stack::Express, false),
    m("require('express')", Stack::Express, false),
    m("require(\"express\")", Stack::Express, false),
    m("from 'express'", Stack::Express, false),
    m("from \"express\"", Stack::Express, false),
    m("Express", Stack::Express, true),
    m("ExpressJS", Stack::Express, false),
    m("Express.js", Stack::Express, false),
    m("Next.js", Stack::NextJs, false),
    m("NextJS", Stack::NextJs, false),
    m("next.config", Stack::NextJs, false),
    m("NextResponse", Stack::NextJs, true),
    m("gin-contrib/cors", Stack::Go, false),
    m("gin-gonic", Stack::Go, false),
    m("labstack/echo", Stack::Go, false),
    m("middleware.CORSWithConfig", Stack::Go, true),
    m("middleware.CORS(", Stack::Go, true),
    m("rs/cors", Stack::Go, false),
    m("go-chi/cors", Stack::Go, false),
    m("gorilla/handlers", Stack::Go, false),
    m("Golang", Stack::Go, false),
    m("w.Header().Set(", Stack::Go, true),
    m("nginx", Stack::Nginx, false),
    m("add_header", Stack::Nginx, true),
    m(".htaccess", Stack::Apache, false),
    m("mod_headers", Stack::Apache, false),
    m("Header set Access-Control", Stack::Apache, false),
    m("Header always set", Stack::Apache, false),
    m("httpd.conf", Stack::Apache, false),
    m("Socket.IO", Stack::SocketIo, false),
    m("socketio", Stack::SocketIo, false),
    m("Spring Cloud Gateway", Stack::SpringCloudGateway, false),
    m("spring-cloud-gateway", Stack::SpringCloudGateway, false),
    m("spring.cloud.gateway", Stack::SpringCloudGateway, false),
    m("globalcors", Stack::SpringCloudGateway, false),
    m("DedupeResponseHeader", Stack::SpringCloudGateway, true),
    m("Finchley", Stack::SpringCloudGateway, true),
    m("VirtualService", Stack::Istio, true),
    m("corsPolicy", Stack::Istio, true),
    m("istio", Stack::Istio, false),
    m("Traefik", Stack::Traefik, false),
    m("accessControlAllowOriginList", Stack::Traefik, false),
    m("Caddyfile", Stack::Caddy, false),
    m("Caddy", Stack::Caddy, true),
    m("reverse_proxy", Stack::Caddy, true),
    m("HAProxy", Stack::Haproxy, false),
    m("http-response set-header", Stack::Haproxy, false),
    m("<CORSConfiguration", Stack::S3, false),
    m("<CORSRule>", Stack::S3, false),
    m("put-bucket-cors", Stack::S3, false),
    m("S3 bucket", Stack::S3, false),
    m("Cloudflare R2", Stack::R2, false),
    m("Appwrite", Stack::Appwrite, false),
    m("Home Assistant", Stack::HomeAssistant, false),
    m("cors_allowed_origins:", Stack::HomeAssistant, true),
    m("Jupyter", Stack::Jupyter, false),
    m("NotebookApp.allow_origin", Stack::Jupyter, false),
    m("ServerApp.allow_origin", Stack::Jupyter, false),
    m("Matomo", Stack::Matomo, false),
    m("cors_domains[]", Stack::Matomo, true),
    m("R2 bucket", Stack::R2, false),
    m("\"CORSRules\"", Stack::S3, false),
    // (Netlify alone is most often where the page is hosted: only its functions count.)
    m("Netlify Function", Stack::Netlify, false),
    m("Netlify Functions", Stack::Netlify, false),
    m("netlify/functions", Stack::Netlify, false),
    m("netlify-lambda", Stack::Netlify, false),
    m("netlify-backend", Stack::Netlify, false),
    m("netlify backend", Stack::Netlify, false),
    m("Cloud Functions", Stack::CloudFunctions, false),
    m("Cloud Function", Stack::CloudFunctions, false),
    m("firebase functions", Stack::CloudFunctions, false),
    m("firebase-functions", Stack::CloudFunctions, false),
    m("functions.https", Stack::CloudFunctions, false),
    m("FunctionUrlConfig", Stack::LambdaUrl, true),
    m("function URL", Stack::LambdaUrl, false),
    m("API Gateway", Stack::ApiGateway, false),
    m("API-Gateway", Stack::ApiGateway, false),
    m("AWS::Serverless::HttpApi", Stack::HttpApi, true),
    m("aws_apigatewayv2", Stack::HttpApi, true),
    m("Gateway Responses", Stack::ApiGateway, false),
    m("Cognito Authorizer", Stack::ApiGateway, false),
    m("Lambda Authorizer", Stack::ApiGateway, false),
    m("_shared/cors.ts", Stack::SupabaseFunctions, false),
    m("supabase/functions", Stack::SupabaseFunctions, false),
    m("supabase functions", Stack::SupabaseFunctions, false),
    m("Supabase Edge Function", Stack::SupabaseFunctions, false),
    m("functions.invoke(", Stack::SupabaseFunctions, true),
    m("Directus", Stack::Directus, false),
    m("Quarkus", Stack::Quarkus, false),
    m("quarkus.http.cors", Stack::Quarkus, false),
    m("QUARKUS_HTTP_CORS", Stack::Quarkus, true),
    m("CORS(app", Stack::Flask, true),
    m("Ollama", Stack::Ollama, false),
    m("OLLAMA_ORIGINS", Stack::Ollama, true),
    m("Kong", Stack::Kong, true),
    m("Key-Auth", Stack::Kong, false),
];

/// The stacks the text names, first named first, at most two. URLs are left out (a host
/// `django.example.com` or a link to a framework's docs names no server of the user's).
pub fn named(text: &str) -> Vec<Stack> {
    let mut found: Vec<(usize, Stack)> = Vec::new();
    for (offset, line) in line_offsets(text) {
        let line = without_urls(line);
        let lower = line.to_ascii_lowercase();
        for mk in MARKERS {
            let at = if mk.exact_case {
                find_word(&line, mk.text)
            } else {
                find_word(&lower, &mk.text.to_ascii_lowercase())
            };
            // "Hong Kong" (an AWS or Azure region) names no gateway.
            let region = mk.stack == Stack::Kong
                && at.is_some_and(|i| line[..i].trim_end().ends_with("Hong"));
            if let Some(i) = at.filter(|_| !region) {
                found.push((offset + i, mk.stack));
            }
        }
    }
    found.sort_by_key(|(i, _)| *i);
    // API Gateway's HTTP API has its own CORS setting: the REST API's fixes are not its.
    if text.contains("HTTP API") || text.contains("HttpApi") || text.contains("apigatewayv2") {
        for (_, s) in &mut found {
            if *s == Stack::ApiGateway {
                *s = Stack::HttpApi;
            }
        }
    }
    // Spring Cloud Gateway runs on Spring Boot: the gateway is the stack meant.
    if found.iter().any(|(_, s)| *s == Stack::SpringCloudGateway) {
        found.retain(|(_, s)| *s != Stack::Spring);
    }
    let mut out: Vec<Stack> = Vec::new();
    for (_, s) in found {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out.truncate(2);
    out
}

fn line_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |at, l| {
        let start = *at;
        *at += l.len();
        Some((start, l))
    })
}

/// The line with every URL (a token with `://`) blanked to spaces, offsets kept.
fn without_urls(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for piece in line.split_inclusive(|c: char| c.is_whitespace()) {
        let token = piece.trim_end();
        if token.contains("://") {
            out.extend(std::iter::repeat_n(' ', piece.len()));
        } else {
            out.push_str(piece);
        }
    }
    out
}

/// The first place `needle` stands in `hay` as a word: not inside a longer name (a letter,
/// digit or `_` before it, a letter or `_` after it, where that end of it is a letter or
/// digit itself).
fn find_word(hay: &str, needle: &str) -> Option<usize> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(i) = hay.get(from..)?.find(needle) {
        let at = from + i;
        let end = at + needle.len();
        let before_ok = !needle.starts_with(word) || !hay[..at].ends_with(word);
        // A version may follow a name (`IdentityServer4`, `Apache2`).
        let after_ok = !needle.ends_with(word)
            || !hay[end..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + needle.len().max(1);
    }
    None
}

/// Google Cloud regions the pasted code deploys or calls a function in
/// (`functions.region('australia-southeast1')`, `region: "europe-west3"`,
/// `getFunctions(app, 'asia-northeast1')`), with their 1-based lines.
pub fn cloud_regions(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    if !text.contains("region") && !text.contains("getFunctions(") {
        return out;
    }
    for (n, line) in text.lines().enumerate() {
        for key in ["region(", "region:", "region =", "region=", "getFunctions("] {
            let mut from = 0;
            while let Some(i) = line.get(from..).and_then(|r| r.find(key)).map(|i| from + i) {
                from = i + key.len();
                // The first quoted value after it (getFunctions' second argument).
                let rest = &line[from..];
                let Some(q) = rest.find(['\'', '"']) else {
                    continue;
                };
                let quote = rest.as_bytes()[q] as char;
                let inner = &rest[q + 1..];
                let Some(end) = inner.find(quote) else {
                    continue;
                };
                let value = &inner[..end];
                if is_cloud_region(value) && !out.iter().any(|(_, r)| r == value) {
                    out.push((n + 1, value.to_string()));
                }
            }
        }
    }
    out
}

/// `us-central1`, `australia-southeast1`, `europe-west3`: a Google Cloud region's shape.
pub fn is_cloud_region(s: &str) -> bool {
    let mut parts = s.split('-');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let digits = b.trim_start_matches(|c: char| c.is_ascii_lowercase());
    !a.is_empty()
        && a.bytes().all(|c| c.is_ascii_lowercase())
        && digits.len() < b.len()
        && !digits.is_empty()
        && digits.bytes().all(|c| c.is_ascii_digit())
}

/// The infrastructure-as-code tool a pasted template or program is written for, by the
/// words only its files have; SAM before CloudFormation (a SAM template holds
/// CloudFormation's resources too).
pub fn iac_named(text: &str) -> Option<crate::exchange::Iac> {
    use crate::exchange::Iac;
    const MARKS: [(&str, Iac); 16] = [
        ("AWS::Serverless::", Iac::Sam),
        ("Transform: AWS::Serverless", Iac::Sam),
        ("sam deploy", Iac::Sam),
        ("SAM CLI", Iac::Sam),
        ("AWSTemplateFormatVersion", Iac::CloudFormation),
        ("AWS::ApiGateway::", Iac::CloudFormation),
        ("AWS::ApiGatewayV2::", Iac::CloudFormation),
        ("resource \"aws_api_gateway", Iac::Terraform),
        ("resource \"aws_apigatewayv2", Iac::Terraform),
        ("resource \"aws_lambda_function_url", Iac::Terraform),
        ("aws-cdk-lib", Iac::Cdk),
        ("aws_cdk", Iac::Cdk),
        ("@aws-cdk/", Iac::Cdk),
        ("defaultCorsPreflightOptions", Iac::Cdk),
        ("LambdaRestApi(", Iac::Cdk),
        ("cdk deploy", Iac::Cdk),
    ];
    MARKS
        .iter()
        .filter(|(m, _)| text.contains(m))
        .map(|(_, t)| *t)
        .min_by_key(|t| match t {
            Iac::Sam => 0,
            _ => 1,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_words_code_and_config() {
        assert_eq!(
            named("I use Spring Boot 2 with Spring Security"),
            vec![Stack::Spring]
        );
        assert_eq!(named("an IdentityServer4 host"), vec![Stack::AspNetCore]);
        assert_eq!(
            named("'*, *', on NGINX server\nNode Express APP\napp.use(cors());"),
            vec![Stack::Nginx, Stack::Express]
        );
        assert_eq!(
            named("CORS_ALLOWED_ORIGINS = [\n    'http://localhost:8080/',\n]"),
            vec![Stack::Django]
        );
        // Home Assistant's YAML key, lower case with its colon: not Django's setting.
        assert_eq!(
            named("http:\n  cors_allowed_origins:\n    - https://a.example"),
            vec![Stack::HomeAssistant]
        );
        assert_eq!(
            named("e.Use(middleware.CORSWithConfig(middleware.CORSConfig{"),
            vec![Stack::Go]
        );
    }

    #[test]
    fn not_inside_other_words_or_urls() {
        // "express" as a verb, IIS inside a word, a framework's name in a URL.
        assert!(named("I want to express my thanks; DAVIISON").is_empty());
        assert!(named("see https://docs.djangoproject.com/ and https://nginx.org/x").is_empty());
        assert!(
            named("Access to fetch at 'https://api.example.com/x' has been blocked").is_empty()
        );
        // PHP inside a path is not PHP named; Hong Kong is a region.
        assert!(named("GET /index.phpx").is_empty());
        assert!(named("deployed in Asia Pacific (Hong Kong) ap-east-1").is_empty());
    }
}
