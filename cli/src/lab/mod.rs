//! `whycors lab`: a local gateway lab. Two loopback listeners: the APP origin
//! (`http://app.localhost:P`, the demo page) and the API origin
//! (`http://api.localhost:Q`, one path per failure mode under `/mode/<slug>`,
//! `/custom` for tests, `/echo/last`). Routing depends only on which listener
//! got the request, never on the Host header, so `app.example.localhost` /
//! `api.example.localhost` work the same.

pub mod custom;
pub mod http;
mod ids;
pub mod modes;
pub mod static_files;

use http::{Request, Response, Server};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};

/// How many requests `/echo/last` keeps.
pub const ECHO_KEEP: usize = 50;

/// Where the lab listens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabOptions {
    /// A loopback address (`127.0.0.1`, `::1`, `localhost`); anything else is refused.
    pub host: String,
    /// The APP origin's port; 0 picks a free one.
    pub port: u16,
    /// The API origin's port; `None`: free one when `port` is 0, else `port + 1`.
    pub api_port: Option<u16>,
}

impl Default for LabOptions {
    fn default() -> Self {
        LabOptions {
            host: "127.0.0.1".into(),
            port: 0,
            api_port: None,
        }
    }
}

/// A running lab. Dropping it (or [`LabHandle::stop`]) stops both listeners.
pub struct LabHandle {
    /// `http://app.localhost:P`
    pub app_url: String,
    /// `http://api.localhost:Q`
    pub api_url: String,
    pub app_addr: SocketAddr,
    pub api_addr: SocketAddr,
    /// `http://localhost:P`, when static files are served (`--web DIR`).
    pub web_url: Option<String>,
    servers: Vec<Server>,
}

impl LabHandle {
    /// The line `run` prints first: `{"app":"http://app.localhost:P","api":"http://api.localhost:Q"}`.
    pub fn json_line(&self) -> String {
        // Written by hand to keep "app" first; the URLs need no escaping.
        let web = match &self.web_url {
            Some(w) => format!(",\"web\":\"{w}\""),
            None => String::new(),
        };
        format!(
            "{{\"app\":\"{}\",\"api\":\"{}\"{web}}}",
            self.app_url, self.api_url
        )
    }

    /// Serve `dir`'s static files on a third loopback origin, `http://localhost:P`
    /// (`port` 0 picks a free one).
    pub fn serve_web(&mut self, dir: std::path::PathBuf, port: u16) -> io::Result<()> {
        if !dir.join("index.html").is_file() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!(
                    "--web {}: no index.html there (build it with `cargo xtask build`)",
                    dir.display()
                ),
            ));
        }
        let listener = TcpListener::bind(SocketAddr::new(self.app_addr.ip(), port))?;
        let addr = listener.local_addr()?;
        let server = Server::spawn(
            listener,
            Arc::new(move |r: &Request| static_files::serve(&dir, r)),
        )?;
        self.servers.push(server);
        self.web_url = Some(format!("http://localhost:{}", addr.port()));
        Ok(())
    }

    pub fn stop(mut self) {
        self.stop_all();
    }

    fn stop_all(&mut self) {
        for s in &mut self.servers {
            s.stop();
        }
    }
}

impl Drop for LabHandle {
    fn drop(&mut self) {
        self.stop_all();
    }
}

/// Resolve `host` to a loopback address or refuse.
pub fn loopback_addr(host: &str) -> io::Result<IpAddr> {
    let h = host.trim().trim_start_matches('[').trim_end_matches(']');
    let ip = if h.eq_ignore_ascii_case("localhost") {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        h.parse::<IpAddr>().map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("--host {host:?}: give a loopback IP address such as 127.0.0.1 or ::1"),
            )
        })?
    };
    if !ip.is_loopback() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("--host {host}: the lab only listens on loopback addresses (127.0.0.0/8, ::1)"),
        ));
    }
    Ok(ip)
}

/// Shared state of a running lab.
struct Lab {
    app_url: String,
    api_url: String,
    app_port: u16,
    api_port: u16,
    echo: Mutex<VecDeque<Value>>,
    seq: std::sync::atomic::AtomicU64,
}

/// Start the lab in this process.
pub fn start(opts: LabOptions) -> io::Result<LabHandle> {
    let ip = loopback_addr(&opts.host)?;
    let app_listener = TcpListener::bind(SocketAddr::new(ip, opts.port))?;
    let api_port = match opts.api_port {
        Some(p) => p,
        None if opts.port == 0 => 0,
        None => opts.port.checked_add(1).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "--port 65535 leaves no port for the API: give --api-port",
            )
        })?,
    };
    let api_listener = TcpListener::bind(SocketAddr::new(ip, api_port))?;
    let app_addr = app_listener.local_addr()?;
    let api_addr = api_listener.local_addr()?;
    let lab = Arc::new(Lab {
        app_url: format!("http://app.localhost:{}", app_addr.port()),
        api_url: format!("http://api.localhost:{}", api_addr.port()),
        app_port: app_addr.port(),
        api_port: api_addr.port(),
        echo: Mutex::new(VecDeque::with_capacity(ECHO_KEEP)),
        seq: std::sync::atomic::AtomicU64::new(0),
    });
    let app_lab = Arc::clone(&lab);
    let api_lab = Arc::clone(&lab);
    let app = Server::spawn(
        app_listener,
        Arc::new(move |r: &Request| app_route(&app_lab, r)),
    )?;
    let api = Server::spawn(
        api_listener,
        Arc::new(move |r: &Request| api_route(&api_lab, r)),
    )?;
    Ok(LabHandle {
        app_url: lab.app_url.clone(),
        api_url: lab.api_url.clone(),
        app_addr,
        api_addr,
        web_url: None,
        servers: vec![app, api],
    })
}

/// Start the lab, print the JSON line and a human line, and serve until killed.
pub fn run(opts: LabOptions) -> io::Result<()> {
    run_with_web(opts, None)
}

/// [`run`], also serving a directory of static files (`--web DIR`) on a third origin:
/// a free port when `--port` is 0, else `--port + 2`.
pub fn run_with_web(opts: LabOptions, web: Option<std::path::PathBuf>) -> io::Result<()> {
    let web_port = if opts.port == 0 {
        0
    } else {
        opts.port.saturating_add(2)
    };
    let mut handle = start(opts)?;
    if let Some(dir) = web {
        handle.serve_web(dir, web_port)?;
    }
    let mut out = io::stdout().lock();
    writeln!(out, "{}", handle.json_line())?;
    writeln!(
        out,
        "whycors lab: demo page {}/ , API {}/mode/<slug> ({} modes, index at {}/modes.json); Ctrl-C stops it",
        handle.app_url,
        handle.api_url,
        modes::MODES.len(),
        handle.app_url
    )?;
    if let Some(w) = &handle.web_url {
        writeln!(out, "whycors lab: hosted page {w}/")?;
    }
    out.flush()?;
    drop(out);
    loop {
        std::thread::park();
    }
}

// ---- APP origin ---------------------------------------------------------

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("page.js");
const STYLE: &str = include_str!("page.css");

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn expect_text(e: &modes::Expect) -> String {
    let mut parts = vec![e.cause.to_string()];
    parts.extend(e.cors_error.map(str::to_string));
    match (e.gateway, e.gateway_response) {
        (Some(g), Some(r)) => parts.push(format!("{g} {r}")),
        (Some(g), None) => parts.push(g.to_string()),
        _ => {}
    }
    parts.join(" · ")
}

/// The demo page with one button per mode, grouped.
pub fn render_page(api_port: u16) -> String {
    let mut groups: Vec<(&str, String)> = Vec::new();
    for m in modes::MODES {
        let card = format!(
            "<li class=\"mode\"><button type=\"button\" data-mode=\"{slug}\" aria-describedby=\"d-{slug}\">{title}</button>\
<p class=\"desc\" id=\"d-{slug}\">{desc} <span class=\"req\">{method} /mode/{slug}</span></p>\
<p class=\"expect\">whycors should say: {expect}</p>\
<output class=\"result\" data-result=\"{slug}\" aria-live=\"polite\"></output></li>\n",
            slug = html_escape(m.slug),
            expect = html_escape(&expect_text(&m.expect)),
            title = html_escape(m.title),
            desc = html_escape(m.description),
            method = html_escape(m.method),
        );
        match groups.iter_mut().find(|(g, _)| *g == m.group) {
            Some((_, html)) => html.push_str(&card),
            None => groups.push((m.group, card)),
        }
    }
    let mut sections = String::new();
    for (g, cards) in groups {
        sections.push_str(&format!(
            "<section><h2>{}</h2>\n<ul class=\"modes\">\n{}</ul></section>\n",
            html_escape(g),
            cards
        ));
    }
    PAGE.replace("{{API_PORT}}", &api_port.to_string())
        .replace("{{MODES}}", &sections)
}

const LOGIN_PAGE: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in · whycors lab</title></head>\n<body><main><h1>Sign in</h1><p>This is the login page the API redirects to. It sends no CORS headers.</p>\n<form method=\"post\" action=\"/login\"><label>User <input name=\"user\" autocomplete=\"username\"></label> <button>Sign in</button></form></main></body></html>\n";

fn app_route(lab: &Lab, req: &Request) -> Response {
    let get = req.is("GET") || req.is("HEAD");
    match req.path.as_str() {
        "/login" => Response::new(200)
            .header("Content-Type", "text/html; charset=utf-8")
            .header("Cache-Control", "no-store")
            .body(LOGIN_PAGE),
        "/" | "/index.html" if get => Response::new(200)
            .header("Content-Type", "text/html; charset=utf-8")
            .header("Cache-Control", "no-store")
            .body(render_page(lab.api_port)),
        "/page.js" if get => Response::new(200)
            .header("Content-Type", "text/javascript; charset=utf-8")
            .header("Cache-Control", "no-store")
            .body(SCRIPT),
        "/page.css" if get => Response::new(200)
            .header("Content-Type", "text/css; charset=utf-8")
            .header("Cache-Control", "no-store")
            .body(STYLE),
        "/modes.json" if get => Response::new(200)
            .header("Content-Type", "application/json")
            .header("Cache-Control", "no-store")
            .header("Access-Control-Allow-Origin", "*")
            .body(modes::index_json().to_string()),
        "/lab.json" if get => Response::new(200)
            .header("Content-Type", "application/json")
            .header("Access-Control-Allow-Origin", "*")
            .body(json!({"app": lab.app_url, "api": lab.api_url}).to_string()),
        "/favicon.ico" => Response::new(204),
        // The same answers as the API's, on the page's own origin: a call that starts
        // same-origin and a redirect sends elsewhere (tests/browser/differential.test.mjs).
        p if p == "/custom" || p.starts_with("/custom/") => custom::handle(req),
        _ => Response::new(404)
            .header("Content-Type", "text/plain; charset=utf-8")
            .body(format!("whycors lab: no page {}\n", req.path)),
    }
}

// ---- API origin ---------------------------------------------------------

fn record(lab: &Lab, req: &Request) {
    let seq = lab.seq.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
    let entry = json!({
        "seq": seq,
        "method": req.method,
        "path": req.target,
        "headers": req.headers.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
        "body_length": req.body_len,
    });
    if let Ok(mut log) = lab.echo.lock() {
        while log.len() >= ECHO_KEEP {
            log.pop_front();
        }
        log.push_back(entry);
    }
}

fn api_route(lab: &Lab, req: &Request) -> Response {
    let mut resp = if req.path == "/echo/last" {
        let entries: Vec<Value> = lab
            .echo
            .lock()
            .map(|l| l.iter().cloned().collect())
            .unwrap_or_default();
        Response::new(200)
            .header("Content-Type", "application/json")
            .header("Cache-Control", "no-store")
            .header("Access-Control-Allow-Origin", "*")
            .body(Value::Array(entries).to_string())
    } else {
        record(lab, req);
        let ctx = modes::Ctx {
            app_url: &lab.app_url,
            api_url: &lab.api_url,
            app_port: lab.app_port,
        };
        if req.path == "/custom" || req.path.starts_with("/custom/") {
            custom::handle(req)
        } else if let Some(rest) = req.path.strip_prefix("/mode/") {
            let (slug, sub) = match rest.split_once('/') {
                Some((s, sub)) => (s, Some(sub)),
                None => (rest, None),
            };
            modes::handle(slug, sub, req, &ctx).unwrap_or_else(|| not_found(req))
        } else {
            not_found(req)
        }
    };
    let origin = req.header("origin").unwrap_or("(none)").to_string();
    resp.push("X-Lab-Received-Origin", &origin);
    resp.push("X-Lab-Received-Method", &req.method);
    if req.is("OPTIONS") {
        let acrm = req
            .header("access-control-request-method")
            .unwrap_or("(none)")
            .to_string();
        let acrh = req
            .header("access-control-request-headers")
            .unwrap_or("(none)")
            .to_string();
        resp.push("X-Lab-Received-Acrm", &acrm);
        resp.push("X-Lab-Received-Acrh", &acrh);
    }
    resp
}

fn not_found(req: &Request) -> Response {
    Response::new(404)
        .header("Content-Type", "application/json")
        .body(
            json!({
                "message": "whycors lab: no such path",
                "path": req.path,
                "modes": modes::MODES.iter().map(|m| format!("/mode/{}", m.slug)).collect::<Vec<_>>(),
            })
            .to_string(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_non_loopback() {
        assert!(loopback_addr("127.0.0.1").is_ok());
        assert!(loopback_addr("127.1.2.3").is_ok());
        assert!(loopback_addr("::1").is_ok());
        assert!(loopback_addr("[::1]").is_ok());
        assert!(loopback_addr("localhost").is_ok());
        for bad in ["0.0.0.0", "::", "192.168.1.2", "example.com", ""] {
            assert!(loopback_addr(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn page_has_every_mode() {
        let page = render_page(4321);
        for m in modes::MODES {
            assert!(
                page.contains(&format!("data-mode=\"{}\"", m.slug)),
                "{}",
                m.slug
            );
            assert!(
                page.contains(&format!("data-result=\"{}\"", m.slug)),
                "{}",
                m.slug
            );
        }
        assert!(page.contains("content=\"4321\""));
        assert!(!page.contains("{{"));
    }
}
