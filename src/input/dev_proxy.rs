//! A development server's proxy pasted beside a capture: Angular's `proxy.conf.json`, Vite's
//! `server.proxy`, webpack's and Vue CLI's `devServer.proxy`, Create React App's `"proxy"` in
//! `package.json` and `setupProxy.js` (http-proxy-middleware), Next.js' `rewrites()`. Each
//! forwards the page's own paths to an API, so that the browser sees same-origin requests;
//! only read here, as written. Whether the page's request went through it is judged with the
//! finding ([`crate::cause`]).

use crate::exchange::DevProxy;

/// At most this many are kept (a paste is read, not a code base).
const MAX: usize = 16;

/// The dev server the paste's words or code name, for the sentence.
fn tool(text: &str) -> &'static str {
    let lower = text.to_ascii_lowercase();
    if lower.contains("proxy.conf") || lower.contains("angular.json") || lower.contains("ng serve")
    {
        "Angular dev server's"
    } else if lower.contains("vite") {
        "Vite dev server's"
    } else if lower.contains("setupproxy") || lower.contains("createproxymiddleware") {
        "setupProxy.js (http-proxy-middleware)"
    } else if lower.contains("\"proxy\": \"http") || lower.contains("package.json") {
        "Create React App's package.json"
    } else if lower.contains("rewrites") && lower.contains("destination") {
        "Next.js (rewrites)"
    } else if lower.contains("vue.config") {
        "Vue CLI dev server's"
    } else if lower.contains("devserver") {
        "webpack dev server's"
    } else {
        "dev server's"
    }
}

/// Every proxy rule of the paste, in the order written.
pub fn read(text: &str) -> Vec<DevProxy> {
    let mut out: Vec<DevProxy> = Vec::new();
    // A capture has no dev-server config: a quick test before any line is looked at.
    let lower = text.to_ascii_lowercase();
    let proxy_words =
        lower.contains("proxy") || (lower.contains("rewrites") && lower.contains("destination"));
    if !proxy_words || text.trim_start().starts_with("{\"log\"") {
        return out;
    }
    let tool = tool(text);
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if out.len() >= MAX {
            break;
        }
        let t = line.trim_start();
        // `"target": "http://…"`, `target: 'http://…'`, `destination: 'http://…/:path*'`,
        // Create React App's `"proxy": "http://…"`, Vue CLI's `proxy: 'http://…'`.
        let Some((key, value)) = key_and_literal(t) else {
            continue;
        };
        let target = match key {
            "target" | "destination" | "proxy" => match origin_of_target(value) {
                Some(o) => o,
                None => continue,
            },
            _ => continue,
        };
        // The path it forwards: the key of the object the target is in (`'/api': {`),
        // `context: ['/api']`, `createProxyMiddleware('/api'`, `app.use('/api'`, Next's
        // `source: '/api/:path*'`; Create React App's and Vue CLI's one-line proxy, every path.
        let context = if key == "proxy" {
            "/".to_string()
        } else {
            context_before(&lines, i).unwrap_or_else(|| "/".to_string())
        };
        if out
            .iter()
            .any(|p| p.target == target && p.context == context)
        {
            continue;
        }
        out.push(DevProxy {
            line: i + 1,
            tool: tool.to_string(),
            context,
            target,
        });
    }
    out
}

/// `key: 'value'` (or with double quotes, or the key quoted) at the start of a trimmed line,
/// or one object in a line (`'/api': { target: 'http://…' }`): the key and the literal.
fn key_and_literal(t: &str) -> Option<(&str, &str)> {
    for key in ["target", "destination", "proxy"] {
        let mut from = 0;
        while let Some(at) = t.get(from..).and_then(|r| r.find(key)).map(|a| from + a) {
            from = at + key.len();
            let before = t[..at].trim_end_matches(['"', '\'']);
            let starts = before.is_empty() || before.ends_with(['{', ',', ' ', '(']);
            let after = t[at + key.len()..].trim_start_matches(['"', '\'']);
            let Some(rest) = after.trim_start().strip_prefix(':') else {
                continue;
            };
            if !starts {
                continue;
            }
            let rest = rest.trim_start();
            let Some(q) = rest
                .chars()
                .next()
                .filter(|q| matches!(q, '"' | '\'' | '`'))
            else {
                continue;
            };
            let Some(end) = rest[1..].find(q) else {
                continue;
            };
            return Some((key, &rest[1..1 + end]));
        }
    }
    None
}

/// `http://localhost:8080/api` → `http://localhost:8080`; `localhost:4321` (Angular takes
/// a target without a scheme) → `http://localhost:4321`. Nothing for a path or a variable.
fn origin_of_target(value: &str) -> Option<String> {
    let v = value.trim();
    let with_scheme = if v.contains("://") {
        v.to_string()
    } else if v
        .split(['/', ':'])
        .next()
        .is_some_and(|h| h == "localhost" || h.contains('.'))
        && !v.starts_with('/')
        && !v.contains(' ')
    {
        format!("http://{v}")
    } else {
        return None;
    };
    let u = url::Url::parse(&with_scheme).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    let o = u.origin().ascii_serialization();
    (o != "null").then_some(o)
}

/// The path a target's rule forwards, from the lines above it (at most 6).
fn context_before(lines: &[&str], i: usize) -> Option<String> {
    let from = i.saturating_sub(6);
    for j in (from..=i).rev() {
        let l = lines[j].trim_start();
        // `'/api': {` or `"/api/*": {`, or on the target's own line.
        if let Some(q) = l.chars().next().filter(|c| matches!(c, '"' | '\'')) {
            if let Some(end) = l[1..].find(q) {
                let key = &l[1..1 + end];
                let rest = l[1 + end + 1..].trim_start();
                // (`app.use(\n  '/api',\n  createProxyMiddleware({` has it on a line alone.)
                if key.starts_with('/') && (rest.starts_with(':') || rest == ",") {
                    return Some(key.to_string());
                }
            }
        }
        for marker in [
            "context:",
            "\"context\":",
            "source:",
            "\"source\":",
            "createProxyMiddleware(",
            "proxy(",
            ".use(",
        ] {
            if let Some(at) = l.find(marker) {
                let rest = l[at + marker.len()..].trim_start().trim_start_matches('[');
                let rest = rest.trim_start();
                if let Some(q) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
                    if let Some(end) = rest[1..].find(q) {
                        let path = &rest[1..1 + end];
                        if path.starts_with('/') {
                            return Some(path.to_string());
                        }
                    }
                }
            }
        }
        // The rule above this one's target ends a block: stop there.
        if j < i && (l.starts_with('}') || l.contains("target")) {
            return None;
        }
    }
    None
}

/// The path `context` forwards without its glob (`/api/*`, `/api/**`, `/api/:path*`).
pub fn context_prefix(context: &str) -> &str {
    let c = context
        .trim_end_matches(":path*")
        .trim_end_matches(":path+")
        .trim_end_matches("(.*)")
        .trim_end_matches('*')
        .trim_end_matches('*');
    if c.is_empty() {
        "/"
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<(usize, String, String)> {
        read(text)
            .into_iter()
            .map(|p| (p.line, p.context, p.target))
            .collect()
    }

    #[test]
    fn each_dev_server() {
        let angular = "proxy.conf.json:\n{\n  \"/api\": {\n    \"target\": \"http://localhost:8080\",\n    \"secure\": false\n  }\n}\n";
        assert_eq!(
            rules(angular),
            vec![(4, "/api".into(), "http://localhost:8080".into())]
        );
        assert_eq!(read(angular)[0].tool, "Angular dev server's");
        let vite = "export default defineConfig({\n  server: {\n    proxy: {\n      '/api': {\n        target: 'https://api.example.com/v1',\n        changeOrigin: true,\n      },\n    },\n  },\n})";
        assert_eq!(
            rules(vite),
            vec![(5, "/api".into(), "https://api.example.com".into())]
        );
        let one_line =
            "server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000' } } } // vite";
        assert_eq!(rules(one_line)[0].2, "http://127.0.0.1:4000");
        let cra = "package.json:\n  \"proxy\": \"http://localhost:5000\",\n";
        assert_eq!(
            rules(cra),
            vec![(2, "/".into(), "http://localhost:5000".into())]
        );
        let setup = "module.exports = function(app) {\n  app.use(\n    '/api',\n    createProxyMiddleware({\n      target: 'http://localhost:5000',\n      changeOrigin: true,\n    })\n  );\n};";
        assert_eq!(rules(setup)[0].1, "/api");
        let next = "async rewrites() {\n  return [\n    {\n      source: '/api/:path*',\n      destination: 'http://localhost:8000/api/:path*',\n    },\n  ]\n}";
        assert_eq!(
            rules(next),
            vec![(5, "/api/:path*".into(), "http://localhost:8000".into())]
        );
        assert_eq!(context_prefix("/api/:path*"), "/api/");
        assert_eq!(context_prefix("/api/**"), "/api/");
        // Angular takes a target without a scheme.
        let bare = "module.exports = {\n  '/api/*': {\n    target: 'localhost:4321',\n  }\n} // proxy.conf.js";
        assert_eq!(rules(bare)[0].2, "http://localhost:4321");
        // A capture's words, a variable, a path: no rule.
        assert!(rules("I use a proxy, target: process.env.API").is_empty());
        assert!(rules("proxy_pass http://backend;").is_empty());
        assert!(rules("target: 'http://localhost:8080'").is_empty());
    }

    #[test]
    fn unterminated_input_never_panics() {
        for t in [
            "proxy: { '/api': { target: 'http://",
            "proxy \"target\": \"",
            "proxy\n'/a': {\ntarget: 'é",
            "proxy target:",
        ] {
            let _ = read(t);
        }
    }
}
