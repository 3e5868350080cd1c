//! `whycors lab --web DIR`: DIR's static files (the built hosted page, dist/web) on a third
//! loopback origin, `http://localhost:P/`, with the MIME types browsers insist on
//! (`application/wasm` for streaming compilation, `text/javascript` for modules).

use super::http::{Request, Response};
use std::path::{Component, Path, PathBuf};

/// The Content-Type for a file name.
pub fn mime(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        "har" => "application/json",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The file under `root` a request path names, or `None` for anything that would leave it
/// (`..`, absolute parts, backslashes, NUL, percent-escapes of those).
pub fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let rel = decoded.trim_start_matches('/');
    let mut out = root.to_path_buf();
    for c in Path::new(rel).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Answer one request from `root`.
pub fn serve(root: &Path, req: &Request) -> Response {
    if !(req.is("GET") || req.is("HEAD")) {
        return Response::new(405)
            .header("Allow", "GET, HEAD")
            .header("Content-Type", "text/plain; charset=utf-8")
            .body("whycors lab: the page's files are read-only\n");
    }
    let Some(file) = resolve(root, &req.path) else {
        return Response::new(400)
            .header("Content-Type", "text/plain; charset=utf-8")
            .body("whycors lab: bad path\n");
    };
    match std::fs::read(&file) {
        Ok(body) => Response::new(200)
            .header("Content-Type", mime(&file))
            .header("Cache-Control", "no-cache")
            .header("X-Content-Type-Options", "nosniff")
            .body(body),
        Err(_) => Response::new(404)
            .header("Content-Type", "text/plain; charset=utf-8")
            .body(format!("whycors lab: no file {}\n", req.path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types() {
        assert_eq!(mime(Path::new("a/whycors_www_bg.wasm")), "application/wasm");
        assert_eq!(mime(Path::new("boot.js")), "text/javascript; charset=utf-8");
        assert_eq!(mime(Path::new("index.html")), "text/html; charset=utf-8");
    }

    #[test]
    fn paths_stay_inside_the_root() {
        let root = Path::new("/srv/web");
        assert_eq!(
            resolve(root, "/boot.js"),
            Some(PathBuf::from("/srv/web/boot.js"))
        );
        assert_eq!(
            resolve(root, "/a/./b.css"),
            Some(PathBuf::from("/srv/web/a/b.css"))
        );
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/a%5cb",
            "/%zz",
            "/a%00",
        ] {
            assert_eq!(resolve(root, bad), None, "{bad}");
        }
    }
}
