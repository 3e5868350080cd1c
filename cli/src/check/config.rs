//! `whycors.toml`: the endpoints, origins and expectations of a whole API.
//!
//! ```toml
//! timeout = 10                      # seconds per request (optional)
//!
//! [defaults]                        # optional: every key of an endpoint but name/url
//! origins = ["https://app.example.com"]
//!
//! [[endpoint]]
//! name = "list items"               # optional; default "METHOD URL"
//! url = "https://api.example.com/v1/items"
//! method = "GET"                    # default GET
//! headers = ["Authorization: Bearer ${API_TOKEN}"]
//! credentials = false               # fetch(..., {credentials: "include"})
//! cookie = "session=${SESSION}"     # sent with credentials = true
//! reads = ["ETag"]                  # response headers the page reads
//! data = '{"name":"x"}'             # or data_file = "body.json" (relative to this file)
//! origin = "https://app.example.com"  # or origins = [...]; overrides [defaults]
//! expect = "allowed"                # allowed | blocked | any | a cause (gateway_error …)
//! expect_error_paths = "allowed"    # the same, for the error-path probes
//! error_paths = true                # probe an unknown path and the request without Authorization
//! allow_unsafe = false              # send a non-safe method (POST, PUT …) for real
//! ```
//!
//! Unknown keys are errors; every error names its line and column. `${NAME}`
//! in url, origins, headers, cookie and data is the environment variable NAME
//! (`$$` is a literal `$`).

use super::{parse_expect, parse_header, parse_method, parse_origin, parse_url, Expect, Target};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;
use whycors::exchange::HeaderList;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
    method: Option<Spanned<String>>,
    origin: Option<Spanned<String>>,
    origins: Option<Spanned<Vec<Spanned<String>>>>,
    headers: Option<Vec<Spanned<String>>>,
    credentials: Option<bool>,
    cookie: Option<Spanned<String>>,
    reads: Option<Vec<String>>,
    data: Option<Spanned<String>>,
    data_file: Option<Spanned<String>>,
    expect: Option<Spanned<String>>,
    expect_error_paths: Option<Spanned<String>>,
    error_paths: Option<bool>,
    allow_unsafe: Option<bool>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Seconds {
    Int(u64),
    Float(f64),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    timeout: Option<Spanned<Seconds>>,
    #[serde(default)]
    defaults: Entry,
    #[serde(default)]
    endpoint: Vec<Spanned<Entry>>,
}

/// What a config file asks for.
#[derive(Debug)]
pub struct Plan {
    pub targets: Vec<Target>,
    pub timeout: Option<f64>,
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, col)
}

struct Ctx<'a> {
    name: &'a str,
    text: &'a str,
    dir: &'a Path,
}

impl Ctx<'_> {
    fn at(&self, span: std::ops::Range<usize>, msg: impl std::fmt::Display) -> String {
        let (l, c) = line_col(self.text, span.start);
        format!("{}: line {l}, column {c}: {msg}", self.name)
    }

    fn field<T>(
        &self,
        v: &Spanned<String>,
        field: &str,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<T, String> {
        let expanded =
            expand_env(v.get_ref()).map_err(|e| self.at(v.span(), format!("{field}: {e}")))?;
        f(&expanded).map_err(|e| self.at(v.span(), format!("{field}: {e}")))
    }
}

/// Replace `${NAME}` with the environment variable NAME; `$$` is `$`.
pub fn expand_env(s: &str) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('$') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + 1..).unwrap_or("");
        if let Some(r) = after.strip_prefix('$') {
            out.push('$');
            rest = r;
        } else if let Some(r) = after.strip_prefix('{') {
            let Some(end) = r.find('}') else {
                return Err("`${` without a closing `}`".to_string());
            };
            let name = r.get(..end).unwrap_or("");
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return Err(format!("`${{{name}}}` is not an environment variable name"));
            }
            match std::env::var(name) {
                Ok(v) => out.push_str(&v),
                Err(_) => return Err(format!("the environment variable {name} is not set")),
            }
            rest = r.get(end + 1..).unwrap_or("");
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Read a `whycors.toml`. `name` is how errors call the file; `dir` is where
/// `data_file` paths start.
pub fn parse(text: &str, name: &str, dir: &Path) -> Result<Plan, String> {
    let cx = Ctx { name, text, dir };
    let file: File = toml::from_str(text).map_err(|e| {
        let msg = e.message().trim().to_string();
        match e.span() {
            Some(s) => cx.at(s, msg),
            None => format!("{name}: {msg}"),
        }
    })?;
    let timeout = match &file.timeout {
        None => None,
        Some(t) => {
            let secs = match t.get_ref() {
                Seconds::Int(i) => *i as f64,
                Seconds::Float(f) => *f,
            };
            if !(secs > 0.0 && secs <= 3600.0) {
                return Err(cx.at(t.span(), "timeout: give seconds from 0 to 3600"));
            }
            Some(secs)
        }
    };
    let d = &file.defaults;
    for (v, key) in [(&d.name, "name"), (&d.url, "url")] {
        if let Some(v) = v {
            return Err(cx.at(
                v.span(),
                format!("{key}: belongs in an [[endpoint]], not in [defaults]"),
            ));
        }
    }
    if file.endpoint.is_empty() {
        return Err(format!(
            "{name}: no [[endpoint]]: add at least one with a url and an origin"
        ));
    }
    let mut targets = Vec::new();
    for ep in &file.endpoint {
        targets.push(target(&cx, ep.get_ref(), ep.span(), d)?);
    }
    Ok(Plan { targets, timeout })
}

fn target(cx: &Ctx, e: &Entry, span: std::ops::Range<usize>, d: &Entry) -> Result<Target, String> {
    let Some(url) = &e.url else {
        return Err(cx.at(span, "[[endpoint]] without a url"));
    };
    let url = cx.field(url, "url", parse_url)?;
    let method = match e.method.as_ref().or(d.method.as_ref()) {
        Some(m) => cx.field(m, "method", parse_method)?,
        None => "GET".to_string(),
    };
    let mut origins = Vec::new();
    let (origin, list) = if e.origin.is_some() || e.origins.is_some() {
        (&e.origin, &e.origins)
    } else {
        (&d.origin, &d.origins)
    };
    if let Some(o) = origin {
        origins.push(cx.field(o, "origin", parse_origin)?);
    }
    if let Some(l) = list {
        if l.get_ref().is_empty() {
            return Err(cx.at(l.span(), "origins: the list is empty"));
        }
        for o in l.get_ref() {
            let o = cx.field(o, "origins", parse_origin)?;
            if !origins.contains(&o) {
                origins.push(o);
            }
        }
    }
    if origins.is_empty() {
        return Err(cx.at(
            span,
            "no origin: give origin = \"https://app.example.com\" here or origins in [defaults]",
        ));
    }
    let mut headers = HeaderList::new();
    for h in d.headers.iter().chain(e.headers.iter()).flatten() {
        let (n, v) = cx.field(h, "headers", parse_header)?;
        headers.push(n, v);
    }
    let cookie = match e.cookie.as_ref().or(d.cookie.as_ref()) {
        Some(c) => Some(cx.field(c, "cookie", |s| {
            if s.contains(['\r', '\n']) {
                Err("a cookie cannot hold CR or LF".to_string())
            } else {
                Ok(s.to_string())
            }
        })?),
        None => None,
    };
    let body = match (
        e.data.as_ref().or(d.data.as_ref()),
        e.data_file.as_ref().or(d.data_file.as_ref()),
    ) {
        (Some(_), Some(f)) => {
            return Err(cx.at(f.span(), "data_file: give data or data_file, not both"))
        }
        (Some(s), None) => Some(cx.field(s, "data", |s| Ok(s.as_bytes().to_vec()))?),
        (None, Some(f)) => {
            let p = cx.dir.join(f.get_ref());
            Some(
                std::fs::read(&p)
                    .map_err(|err| cx.at(f.span(), format!("data_file: {}: {err}", p.display())))?,
            )
        }
        (None, None) => None,
    };
    let expect = match e.expect.as_ref().or(d.expect.as_ref()) {
        Some(x) => cx.field(x, "expect", parse_expect)?,
        None => Expect::Allowed,
    };
    let expect_error_paths = match e
        .expect_error_paths
        .as_ref()
        .or(d.expect_error_paths.as_ref())
    {
        Some(x) => cx.field(x, "expect_error_paths", parse_expect)?,
        None => Expect::Allowed,
    };
    let name = match &e.name {
        Some(n) => n.get_ref().clone(),
        None => format!("{method} {url}"),
    };
    Ok(Target {
        name,
        url,
        origins,
        method,
        headers,
        credentials: e.credentials.or(d.credentials).unwrap_or(false),
        cookie,
        reads: e
            .reads
            .clone()
            .or_else(|| d.reads.clone())
            .unwrap_or_default(),
        body,
        expect,
        expect_error_paths,
        error_paths: e.error_paths.or(d.error_paths).unwrap_or(true),
        allow_unsafe: e.allow_unsafe.or(d.allow_unsafe).unwrap_or(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Plan, String> {
        parse(s, "whycors.toml", Path::new("."))
    }

    #[test]
    fn a_full_file() {
        let p = parse_str(
            r#"timeout = 3
[defaults]
origins = ["https://app.example.com", "https://admin.example.com/"]
headers = ["X-Client: web"]

[[endpoint]]
url = "https://api.example.com/items"

[[endpoint]]
name = "create"
url = "https://api.example.com/items"
method = "post"
headers = ["Content-Type: application/json"]
data = '{"a":1}'
origin = "https://app.example.com"
credentials = true
reads = ["ETag"]
expect = "gateway_error"
expect_error_paths = "any"
error_paths = false
allow_unsafe = true
"#,
        )
        .expect("parses");
        assert_eq!(p.timeout, Some(3.0));
        assert_eq!(p.targets.len(), 2);
        let a = &p.targets[0];
        assert_eq!(a.name, "GET https://api.example.com/items");
        assert_eq!(
            a.origins,
            vec!["https://app.example.com", "https://admin.example.com"]
        );
        assert_eq!(a.expect, Expect::Allowed);
        assert!(a.error_paths && !a.allow_unsafe && !a.credentials);
        let b = &p.targets[1];
        assert_eq!(b.method, "post");
        assert_eq!(b.origins, vec!["https://app.example.com"]);
        assert_eq!(b.headers.len(), 2);
        assert_eq!(b.body.as_deref(), Some(&b"{\"a\":1}"[..]));
        assert_eq!(
            b.expect,
            Expect::Cause(whycors::cause::CauseKind::GatewayError)
        );
        assert_eq!(b.expect_error_paths, Expect::Any);
        assert!(!b.error_paths && b.allow_unsafe && b.credentials);
    }

    #[test]
    fn errors_name_line_and_field() {
        let cases = [
            (
                "[[endpoint]]\nurl = \"https://a.example/\"\norigin = \"https://b.example\"\nmethd = \"GET\"\n",
                "whycors.toml: line 4, column 1: unknown field `methd`",
            ),
            (
                "[[endpoint]]\nurl = \"ftp://a.example/\"\norigin = \"https://b.example\"\n",
                "whycors.toml: line 2, column 7: url:",
            ),
            (
                "[[endpoint]]\nurl = \"https://a.example/\"\norigin = \"https://b.example\"\nheaders = [\"Authorization Bearer\"]\n",
                "whycors.toml: line 4, column 12: headers:",
            ),
            (
                "[[endpoint]]\nurl = \"https://a.example/\"\norigin = \"https://b.example\"\nexpect = \"maybe\"\n",
                "whycors.toml: line 4, column 10: expect:",
            ),
            (
                "[[endpoint]]\nurl = \"https://a.example/\"\n",
                "whycors.toml: line 1, column 1: no origin",
            ),
            (
                "[defaults]\nurl = \"https://a.example/\"\n[[endpoint]]\nurl = \"https://a.example/\"\norigin = \"https://b.example\"\n",
                "whycors.toml: line 2, column 7: url: belongs in an [[endpoint]]",
            ),
            (
                "[[endpoint]]\nurl = \"https://a.example/${WHYCORS_SURELY_UNSET_VAR}\"\norigin = \"https://b.example\"\n",
                "whycors.toml: line 2, column 7: url: the environment variable WHYCORS_SURELY_UNSET_VAR is not set",
            ),
            (
                "timeout = \"ten\"\n[[endpoint]]\nurl = \"https://a.example/\"\norigin = \"https://b.example\"\n",
                "whycors.toml: line 1, column 11:",
            ),
            ("[[endpoint]\n", "whycors.toml: line 1, column "),
            ("", "whycors.toml: no [[endpoint]]"),
        ];
        for (text, want) in cases {
            match parse_str(text) {
                Ok(_) => panic!("should fail: {text}"),
                Err(e) => {
                    assert!(e.starts_with(want), "{e}\n  wanted: {want}");
                    assert!(!e.contains('\n'), "one line: {e}");
                }
            }
        }
    }

    #[test]
    fn env_expansion() {
        std::env::set_var("WHYCORS_TEST_TOKEN", "abc");
        assert_eq!(
            expand_env("Bearer ${WHYCORS_TEST_TOKEN} $$5 $x").as_deref(),
            Ok("Bearer abc $5 $x")
        );
        assert!(expand_env("${").is_err());
        assert!(expand_env("${A-B}").is_err());
    }
}
