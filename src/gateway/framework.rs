//! The web framework a response's own headers name (its server's fingerprint): the fixes
//! give that framework's CORS package, not another one's.

use crate::exchange::{Exchange, Response};

/// A web framework a response names by its server's headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framework {
    /// `Server: Werkzeug/…` (Flask's development server).
    Flask,
    /// `Server: WSGIServer/… CPython/…` (Django's runserver).
    Django,
    /// `Server: uvicorn` or `hypercorn` (FastAPI's and Starlette's servers).
    FastApi,
    /// `X-Runtime` with `Server: Puma`/`WEBrick` or with `X-Request-Id` (Rails' middleware).
    Rails,
    /// `X-Powered-By: PHP/…`: a PHP script (the headers from PHP itself).
    Php,
    /// `X-Powered-By: Next.js`: API routes or route handlers.
    NextJs,
    /// `Server: TornadoServer/…`: a Tornado application's handlers.
    Tornado,
    /// `X-Powered-By: Express`.
    Express,
}

impl Framework {
    /// The framework's (or language's) name, as a sentence says it.
    pub fn name(self) -> &'static str {
        match self {
            Framework::Flask => "Flask",
            Framework::Django => "Django",
            Framework::FastApi => "FastAPI/Starlette",
            Framework::Rails => "Rails",
            Framework::Php => "PHP",
            Framework::NextJs => "Next.js",
            Framework::Tornado => "Tornado",
            Framework::Express => "Express",
        }
    }

    /// The framework a response's headers name, if any.
    pub fn of(r: &Response) -> Option<Framework> {
        let server = r.headers.get("server").unwrap_or_default();
        let server = server.trim();
        let starts = |p: &str| {
            server
                .get(..p.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(p))
        };
        if starts("Werkzeug/") {
            Some(Framework::Flask)
        } else if starts("TornadoServer/") {
            Some(Framework::Tornado)
        } else if starts("WSGIServer/") && server.contains("CPython/") {
            Some(Framework::Django)
        } else if starts("uvicorn") || starts("hypercorn") {
            Some(Framework::FastApi)
        } else if r.headers.contains("x-runtime")
            && (starts("Puma") || starts("WEBrick") || r.headers.contains("x-request-id"))
        {
            Some(Framework::Rails)
        } else if r
            .headers
            .get("x-powered-by")
            .is_some_and(|p| p.trim_start().starts_with("PHP/"))
        {
            Some(Framework::Php)
        } else if r
            .headers
            .get("x-powered-by")
            .is_some_and(|p| p.trim() == "Next.js")
        {
            Some(Framework::NextJs)
        } else if r
            .headers
            .get("x-powered-by")
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("Express"))
        {
            Some(Framework::Express)
        } else {
            None
        }
    }
}

/// The exchange's preflight response and its response, those the input holds.
fn responses(x: &Exchange) -> impl Iterator<Item = &Response> {
    let pre = x.captured_preflight().and_then(|p| p.response.as_ref());
    pre.into_iter()
        .chain(x.response.as_ref())
        .filter(|r| r.is_known())
}

/// Does a response (or its preflight's) name its server software, other than Node's
/// (`Server: nginx`, `X-Powered-By: ASP.NET` …)? Then a Node framework's fix is no
/// suggestion for it.
pub(crate) fn names_other_stack(x: &Exchange) -> bool {
    responses(x).any(|r| {
        ["server", "x-powered-by"].iter().any(|h| {
            r.headers.get(h).is_some_and(|v| {
                let v = v.trim().to_ascii_lowercase();
                !v.is_empty() && !v.starts_with("express") && !v.contains("node")
            })
        })
    })
}

/// The framework the exchange's failed response (or its preflight's) names.
pub(crate) fn of_exchange(x: &Exchange) -> Option<Framework> {
    responses(x).find_map(Framework::of)
}
