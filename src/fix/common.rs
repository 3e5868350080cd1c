//! Values every fix is filled with, and the tiny template filler.

use super::FixContext;
use crate::verdict::Stage;

/// Shown (and said) when the capture did not carry the page's origin.
pub(crate) const PLACEHOLDER_ORIGIN: &str = "https://your-app.example";

/// The user's real values, cleaned so they can be pasted into any config.
pub(crate) struct Vals {
    pub origin: String,
    pub origin_known: bool,
    /// The page's origin is `null` (a file or a sandboxed page): the placeholder stands for
    /// the origin it gets once served over http(s).
    pub origin_null: bool,
    /// The method exactly as the page sends it.
    pub method: String,
    /// Methods to allow, exact strings, OPTIONS last.
    pub methods: Vec<String>,
    /// Request header names to allow (lower-case): those the page sends, and those the
    /// server's preflight answer allows already.
    pub headers: Vec<String>,
    /// The request header names the page sends (lower-case).
    pub sent_headers: Vec<String>,
    /// Those the server allows already that the page does not send: kept in the fixes.
    pub kept_headers: Vec<String>,
    /// Response header names to expose.
    pub expose: Vec<String>,
    pub credentials: bool,
    /// Host of the API URL, `api.example.com` when unknown.
    pub host: String,
    /// The execute-api stage when the URL is an `execute-api` URL.
    pub stage: Option<String>,
    /// The path inside the stage (or the URL path).
    pub resource: String,
    /// The full request URL (or a placeholder).
    pub url: String,
    /// The input named the URL (`url` is not the placeholder).
    pub url_known: bool,
    /// The failure happened on the preflight.
    pub preflight: bool,
}

fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_tchar) && !s.contains('\'')
}

/// A serialized origin we can paste safely: `scheme://host[:port]`.
fn clean_origin(raw: &str) -> Option<String> {
    let o = raw.trim().trim_end_matches('/');
    let (scheme, rest) = o.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return None;
    }
    if rest.is_empty()
        || rest.contains('/')
        || !rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.:[]_".contains(c))
    {
        return None;
    }
    Some(o.to_string())
}

impl Vals {
    pub(crate) fn from_ctx(ctx: &FixContext) -> Vals {
        let cleaned = ctx.origin.as_deref().and_then(clean_origin);
        let origin_known = cleaned.is_some();
        let origin = cleaned.unwrap_or_else(|| PLACEHOLDER_ORIGIN.to_string());

        let method = {
            let m = ctx.method.trim();
            if is_token(m) {
                m.to_string()
            } else {
                "GET".to_string()
            }
        };
        let mut methods: Vec<String> = Vec::new();
        let mut push = |m: &str| {
            if !methods.iter().any(|x| x == m) {
                methods.push(m.to_string());
            }
        };
        // A page element's load (an image, font, media file, stylesheet): a GET with no
        // header of the page's, never a preflight: GET and HEAD only.
        let element = ctx
            .initiator
            .is_some_and(crate::browser_text::Initiator::is_page_element)
            && method.eq_ignore_ascii_case("GET");
        push("GET");
        push(if element { "HEAD" } else { "POST" });
        let upper = method.to_ascii_uppercase();
        if upper != "HEAD" && upper != "OPTIONS" {
            push(&upper);
            push(&method);
        }
        // The method is not known and a preflight was sent: the methods that need one.
        if ctx.method_unknown && !ctx.simple_request {
            for m in ["PUT", "PATCH", "DELETE"] {
                push(m);
            }
        }
        // fetch() upper-cases six methods before the check, which compares bytes: a server's
        // `put` never matches a request and is not kept.
        for m in &ctx.allowed_methods {
            let never_matches = crate::input::command::normalize_fetch_method(m) != *m;
            if is_token(m) && m != "OPTIONS" && !never_matches {
                push(m);
            }
        }
        push("OPTIONS");

        let mut headers: Vec<String> = ctx
            .request_headers
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .filter(|h| is_token(h))
            .collect();
        if headers.is_empty() && !element {
            headers.push("content-type".to_string());
        }
        headers.sort();
        headers.dedup();
        let sent_headers = headers.clone();
        let mut kept_headers: Vec<String> = ctx
            .allowed_headers
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .filter(|h| is_token(h) && !sent_headers.contains(h))
            .collect();
        kept_headers.dedup();
        headers.extend(kept_headers.iter().cloned());
        headers.sort();
        headers.dedup();

        let mut expose: Vec<String> = Vec::new();
        for h in &ctx.expose_headers {
            let h = h.trim();
            if is_token(h) && !expose.iter().any(|x: &String| x.eq_ignore_ascii_case(h)) {
                expose.push(h.to_string());
            }
        }

        let (host, path) = match url::Url::parse(ctx.url.trim()) {
            Ok(u) => (
                u.host_str().unwrap_or("api.example.com").to_string(),
                u.path().to_string(),
            ),
            Err(_) => ("api.example.com".to_string(), "/".to_string()),
        };
        let path: String = path
            .chars()
            .filter(|c| c.is_ascii_graphic() && !"'\"`<>\\".contains(*c))
            .collect();
        // REST API URLs carry the stage first; HTTP APIs often use `$default` without it.
        let rest_url = host.contains(".execute-api.")
            && ctx.gateway != Some(crate::gateway::Gateway::AwsApiGatewayHttp);
        let (stage, resource) = if rest_url {
            let trimmed = path.trim_start_matches('/');
            match trimmed.split_once('/') {
                Some((s, rest)) if !s.is_empty() => (Some(s.to_string()), format!("/{rest}")),
                _ if !trimmed.is_empty() => (Some(trimmed.to_string()), "/".to_string()),
                _ => (None, "/".to_string()),
            }
        } else {
            (
                None,
                if path.is_empty() {
                    "/".to_string()
                } else {
                    path
                },
            )
        };
        let url = if ctx.url.trim().is_empty() {
            format!("https://{host}{resource}")
        } else {
            ctx.url
                .trim()
                .chars()
                .filter(|c| c.is_ascii_graphic() && !"'\"`<>\\".contains(*c))
                .collect()
        };

        let preflight = ctx.stage == Some(Stage::Preflight)
            || matches!(
                ctx.cause,
                Some(crate::cause::CauseKind::PreflightMissing)
                    | Some(crate::cause::CauseKind::PreflightFailed)
            )
            || ctx.cors_error.as_deref().is_some_and(is_preflight_error);

        Vals {
            origin,
            origin_known,
            origin_null: ctx.origin.as_deref().map(str::trim) == Some("null"),
            method,
            methods,
            headers,
            sent_headers,
            kept_headers,
            expose,
            // (A server that allows credentials keeps doing so in the fix: its other calls
            // may send them.)
            credentials: ctx.credentials || ctx.server_allows_credentials,
            host,
            stage,
            resource,
            url,
            url_known: !ctx.url.trim().is_empty(),
            preflight,
        }
    }

    /// The methods to allow without OPTIONS, for settings that answer the preflight
    /// themselves and list only the actual request's methods.
    pub fn methods_but_options(&self) -> Vec<String> {
        self.methods
            .iter()
            .filter(|m| m.as_str() != "OPTIONS")
            .cloned()
            .collect()
    }

    /// The first segment of the request URL's path (`api` of `/api/things`; empty for `/`),
    /// when the input named the URL.
    pub fn first_path_segment(&self) -> Option<String> {
        let u = url::Url::parse(&self.url).ok().filter(|_| self.url_known)?;
        let first = u.path().trim_start_matches('/').split('/').next()?;
        Some(first.to_string())
    }

    pub fn methods_csv(&self) -> String {
        self.methods.join(",")
    }
    pub fn headers_csv(&self) -> String {
        self.headers.join(",")
    }
    pub fn expose_csv(&self) -> String {
        self.expose.join(",")
    }
    pub fn stage_name(&self) -> String {
        self.stage.clone().unwrap_or_else(|| "prod".to_string())
    }
    /// The method was sent in a case the server probably does not list (`patch`).
    pub fn method_case_differs(&self) -> bool {
        self.method != self.method.to_ascii_uppercase()
    }

    /// A one-line comment saying the origin is a placeholder, or nothing.
    pub fn origin_note(&self, comment: &str) -> String {
        if self.origin_known {
            String::new()
        } else if self.origin_null {
            format!(
                "{comment} {PLACEHOLDER_ORIGIN} is a placeholder for the page's origin once it is served over http(s): `null` (a file or sandboxed page) is no origin to allow."
            )
        } else {
            format!(
                "{comment} {PLACEHOLDER_ORIGIN} is a placeholder: the capture did not show the page's origin; put yours (scheme://host[:port], no trailing slash)."
            )
        }
    }

    /// [`Vals::origin_note`] as a line of its own (ending in a newline), or nothing.
    pub fn origin_note_line(&self, comment: &str) -> String {
        let mut n = self.origin_note(comment);
        if !n.is_empty() {
            n.push('\n');
        }
        n
    }

    /// `items` quoted for a JS/TS array: `'a', 'b'`.
    pub fn js_list(items: &[String]) -> String {
        items
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(", ")
    }
    /// `items` quoted for a JSON/HCL/Python list: `"a", "b"`.
    pub fn dq_list(items: &[String]) -> String {
        items
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Chromium CorsError names that fail on the preflight.
pub(crate) fn is_preflight_error(name: &str) -> bool {
    name.starts_with("Preflight")
        || matches!(
            name,
            "InvalidAllowMethodsPreflightResponse"
                | "InvalidAllowHeadersPreflightResponse"
                | "MethodDisallowedByPreflightResponse"
                | "HeaderDisallowedByPreflightResponse"
        )
}

/// Fill `@@NAME@@` placeholders. A line holding only `@@NAME@@` is replaced
/// by the value's lines, each indented like the placeholder, and disappears
/// when the value is empty. Values are inserted once (never re-scanned).
pub(crate) fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let lookup = |name: &str| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
    let mut out = String::new();
    for line in template.lines() {
        let trimmed = line.trim();
        let whole = trimmed
            .strip_prefix("@@")
            .and_then(|s| s.strip_suffix("@@"))
            .filter(|n| !n.contains("@@"))
            .and_then(lookup);
        if let Some(value) = whole {
            // The placeholder's own indentation (spaces or a Caddyfile's tabs) goes before
            // each line of its value.
            let indent: String = line
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            for l in value.lines() {
                if !l.is_empty() {
                    out.push_str(&indent);
                    out.push_str(l);
                }
                out.push('\n');
            }
            continue;
        }
        let mut rest = line;
        while let Some(start) = rest.find("@@") {
            let after = rest.get(start + 2..).unwrap_or("");
            match after.find("@@") {
                Some(end) => {
                    let name = after.get(..end).unwrap_or("");
                    match lookup(name) {
                        Some(v) => {
                            out.push_str(rest.get(..start).unwrap_or(""));
                            out.push_str(v);
                            rest = after.get(end + 2..).unwrap_or("");
                        }
                        None => {
                            out.push_str(rest.get(..start + 2).unwrap_or(""));
                            rest = after;
                        }
                    }
                }
                None => break,
            }
        }
        out.push_str(rest);
        out.push('\n');
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

/// Join the non-empty blocks with newlines.
pub(crate) fn lines(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every item as a comment line: `# item`, `// item`.
pub(crate) fn comment(prefix: &str, items: &[String]) -> String {
    items
        .iter()
        .map(|l| format!("{prefix} {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_inline_block_and_empty() {
        let t = "a @@X@@ b\n  @@BLOCK@@\n  @@EMPTY@@\nend @@NOPE@@";
        let got = fill(
            t,
            &[
                ("X", "@@BLOCK@@".to_string()),
                ("BLOCK", "one\ntwo".to_string()),
                ("EMPTY", String::new()),
            ],
        );
        assert_eq!(got, "a @@BLOCK@@ b\n  one\n  two\nend @@NOPE@@");
    }

    #[test]
    fn origin_cleaning() {
        assert_eq!(
            clean_origin("https://a.example/").as_deref(),
            Some("https://a.example")
        );
        assert_eq!(
            clean_origin("https://a.example:8443").as_deref(),
            Some("https://a.example:8443")
        );
        assert_eq!(clean_origin("null"), None);
        assert_eq!(clean_origin("https://a.example/x"), None);
        assert_eq!(clean_origin("https://a'b"), None);
    }
}
