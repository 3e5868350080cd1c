//! What serves a URL, by its path and port rather than its host: a development server
//! (Vite's, Azure Functions Core Tools'), a product that answers CORS itself before the
//! application (Socket.IO's long-polling, Keycloak's OpenID Connect endpoints) or a
//! platform that cannot be told to (Google Apps Script). The cause names it, the fixes
//! write its own setting.

/// A Keycloak realm's OpenID Connect endpoint (`/realms/<realm>/protocol/openid-connect/…`,
/// `/auth/realms/…` before Keycloak 17): the realm's name.
pub fn keycloak_realm(url: &str) -> Option<String> {
    // The path as written (a pasted URL's host may be redacted past parsing).
    let path = url.split(['?', '#']).next()?;
    let (_, after) = path.split_once("/realms/")?;
    let (realm, rest) = after.split_once('/')?;
    (!realm.is_empty() && rest.starts_with("protocol/openid-connect/")).then(|| realm.to_string())
}

/// A Google Apps Script web app's URL (`script.google.com/macros/s/ID/exec`, also under
/// `/a/DOMAIN/`, and its redirect target `script.googleusercontent.com/macros/echo`).
pub fn apps_script(url: &str) -> bool {
    let Ok(u) = url::Url::parse(url) else {
        return false;
    };
    match u.host_str() {
        Some("script.google.com") => u.path().contains("/macros/"),
        Some("script.googleusercontent.com") => u.path().starts_with("/macros/"),
        _ => false,
    }
}

/// Socket.IO's HTTP long-polling request (`/socket.io/?EIO=4&transport=polling…`): the
/// Socket.IO server answers it before the web framework's routes and middleware.
pub fn socket_io_polling(url: &str) -> bool {
    // Socket.IO's default path, engine.io's, or any path with the transport's query.
    url::Url::parse(url).is_ok_and(|u| {
        let eio = u.query_pairs().any(|(k, _)| k == "EIO");
        let polling = u
            .query_pairs()
            .any(|(k, v)| k == "transport" && v == "polling");
        eio && (u.path().contains("/socket.io/") || u.path().contains("/engine.io/") || polling)
    })
}

/// Azure Functions Core Tools' local host (`func start`): localhost on its default port 7071,
/// functions under `/api/`.
pub fn azure_functions_local(url: &str) -> bool {
    // (Asked of every blocked request of a HAR: the URL is parsed only when it may be one.)
    url.contains(":7071/api/")
        && url::Url::parse(url).is_ok_and(|u| {
            matches!(u.host_str(), Some("localhost" | "127.0.0.1"))
                && u.port() == Some(7071)
                && u.path().starts_with("/api/")
        })
}

/// Vite's dev server: its own paths (`/@vite/client`, `/@fs/`, `/@id/`, `/@react-refresh`,
/// `/node_modules/.vite/`), or a source file (`.ts`, `.tsx`, `.vue` …) served on its default
/// ports 5173/5174.
pub fn vite_dev_server(url: &str) -> bool {
    // (Asked of every blocked request of a HAR: the URL is parsed only when it may be one.)
    (url.contains("/@")
        || url.contains("/.vite/")
        || url.contains(":5173/")
        || url.contains(":5174/"))
        && url::Url::parse(url).is_ok_and(|u| {
            let p = u.path();
            let own = [
                "/@vite/",
                "/@fs/",
                "/@id/",
                "/@react-refresh",
                "/node_modules/.vite/",
            ]
            .iter()
            .any(|x| p.starts_with(x));
            let source = [".ts", ".tsx", ".jsx", ".vue", ".svelte", ".mts"]
                .iter()
                .any(|x| p.ends_with(x));
            own || (source && matches!(u.port(), Some(5173 | 5174)))
        })
}
