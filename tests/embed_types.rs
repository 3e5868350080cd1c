//! The ES module's TypeScript types (embed/js/index.d.ts) name exactly the values the report
//! can carry: every gateway, platform and Chromium error name, and none the core lacks.

use whycors::gateway::{Gateway, Platform};
use whycors::verdict::CorsError;

/// The quoted members of `export type NAME = | "a" | "b" …;` in the .d.ts.
fn union(name: &str) -> Vec<String> {
    let p = format!("{}/embed/js/index.d.ts", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
    let head = format!("export type {name} =");
    let start = text
        .find(&head)
        .unwrap_or_else(|| panic!("{head} is not in {p}"));
    let body = &text[start + head.len()..];
    let body = &body[..body.find(';').expect("the union ends with ';'")];
    let mut out: Vec<String> = body
        .split('|')
        .map(|m| m.trim().trim_matches('"').to_string())
        .filter(|m| !m.is_empty())
        .collect();
    out.sort();
    out
}

fn sorted(v: impl IntoIterator<Item = &'static str>) -> Vec<String> {
    let mut v: Vec<String> = v.into_iter().map(str::to_string).collect();
    v.sort();
    v
}

#[test]
fn gateway_slugs() {
    assert_eq!(
        union("GatewaySlug"),
        sorted(Gateway::ALL.iter().map(|g| g.slug()))
    );
}

#[test]
fn platform_slugs() {
    assert_eq!(
        union("PlatformSlug"),
        sorted(Platform::ALL.iter().map(|p| p.slug()))
    );
}

#[test]
fn cors_error_names() {
    assert_eq!(
        union("CorsErrorName"),
        sorted(CorsError::ALL.iter().map(|e| e.name()))
    );
}

#[test]
fn cause_kinds() {
    assert_eq!(
        union("CauseKind"),
        sorted(whycors::cause::CauseKind::ALL.iter().map(|k| k.as_str()))
    );
}
