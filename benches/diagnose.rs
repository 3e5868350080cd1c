//! `cargo bench --bench diagnose`: `whycors::diagnose` on one small exchange in each
//! kind of input, and on a HAR of about 1 MB. Figures only: nothing here asserts a time.
//! (`cargo xtask bench` runs the 200 MB comparison with jq.)

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::Value;
use std::hint::black_box;
use whycors::{diagnose, Options};

const HAR_429: &str = include_str!("../tests/data/har/chrome_apigw_429.har");
const HAR_PREFLIGHT: &str = include_str!("../tests/data/har/chrome_preflight_blocked.har");
const HAR_REDIRECTS: &str = include_str!("../tests/data/har/chrome_redirects.har");
const HEADERS: &str = include_str!("../tests/data/text/devtools_h1_preflight_actual.txt");
const CURL_V: &str = include_str!("../tests/data/text/curl_v_missing_token.txt");
const CONSOLE: &str = "Access to fetch at 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.\nGET https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items net::ERR_FAILED 429 (Too Many Requests)";

/// A HAR of at least `min_bytes`: the fixtures' entries over and over, each copy
/// on its own URL (`/c{n}/…`) so preflights pair as in a real session.
fn big_har(min_bytes: usize) -> String {
    let sources: Vec<Value> = [HAR_429, HAR_PREFLIGHT, HAR_REDIRECTS]
        .iter()
        .map(|s| serde_json::from_str(s).expect("fixture HAR"))
        .collect();
    let mut har = sources[0].clone();
    let mut entries = Vec::new();
    let mut size = 0;
    let mut copy = 0;
    while size < min_bytes {
        for src in &sources {
            let list = src["log"]["entries"].as_array().expect("entries");
            for e in list {
                let mut e = e.clone();
                for part in ["request", "response"] {
                    if let Some(u) = e[part]["url"].as_str() {
                        e[part]["url"] = Value::from(with_copy(u, copy));
                    }
                }
                if let Some(u) = e["response"]["redirectURL"]
                    .as_str()
                    .filter(|u| !u.is_empty())
                {
                    e["response"]["redirectURL"] = Value::from(with_copy(u, copy));
                }
                size += e.to_string().len();
                entries.push(e);
            }
        }
        copy += 1;
    }
    har["log"]["entries"] = Value::Array(entries);
    // Compact, so the size is what was counted.
    serde_json::to_string(&har).expect("serialise")
}

/// `https://host/path` → `https://host/c{n}/path`.
fn with_copy(url: &str, n: usize) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('/') {
            Some((host, path)) => format!("{scheme}://{host}/c{n}/{path}"),
            None => format!("{scheme}://{rest}/c{n}/"),
        },
        None => url.to_string(),
    }
}

fn small(c: &mut Criterion) {
    let options = Options::default();
    let mut g = c.benchmark_group("diagnose/small");
    for (name, input) in [
        ("har_429", HAR_429),
        ("har_preflight_blocked", HAR_PREFLIGHT),
        ("http_headers", HEADERS),
        ("curl_verbose", CURL_V),
        ("console", CONSOLE),
    ] {
        let findings = diagnose(input, &options).map_or(0, |r| r.findings.len());
        println!("{name}: {} bytes, {findings} finding(s)", input.len());
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), input, |b, input| {
            b.iter(|| diagnose(black_box(input), &options))
        });
    }
    g.finish();
}

fn one_megabyte(c: &mut Criterion) {
    let options = Options::default();
    let har = big_har(1_000_000);
    let report = diagnose(&har, &options).expect("the generated HAR reads");
    println!(
        "har_1mb: {} bytes, {} finding(s), {} blocked",
        har.len(),
        report.findings.len(),
        report.blocked_count()
    );
    let mut g = c.benchmark_group("diagnose/large");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(har.len() as u64));
    g.bench_function("har_1mb", |b| {
        b.iter(|| diagnose(black_box(&har), &options))
    });
    g.bench_function("har_1mb_to_json", |b| {
        b.iter(|| {
            let r = diagnose(black_box(&har), &options).expect("reads");
            serde_json::to_vec(&r).map(|v| v.len())
        })
    });
    g.finish();
}

criterion_group!(benches, small, one_megabyte);
criterion_main!(benches);
