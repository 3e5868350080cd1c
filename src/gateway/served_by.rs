//! What serves a URL, by its path and port rather than its host: a development server
//! (Vite's, Azure Functions Core Tools'), a product that answers CORS itself before the
//! application (Socket.IO's long-polling, Keycloak's OpenID Connect endpoints) or a
//! platform that cannot be told to (Google Apps Script). The cause names it, the fixes
//! write its own setting.

/// The extension of the file a URL's path names (`png` in `…/logo.png?v=3`), as written.
pub fn file_extension(url: &str) -> Option<&str> {
    let path = url.split(['?', '#']).next()?;
    let (_, ext) = path.rsplit('/').next()?.rsplit_once('.')?;
    Some(ext)
}

/// A URL whose path names a web font file (`.woff2`, `.woff`, `.ttf`, `.otf`, `.eot`).
pub fn font_file(url: &str) -> bool {
    let Some(ext) = file_extension(url) else {
        return false;
    };
    ["woff2", "woff", "ttf", "otf", "eot"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
        && url.contains("://")
}

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

/// A Netlify background function (`/.netlify/functions/<name>-background`): Netlify answers
/// the call itself (202, empty) and runs the function after; its return value never reaches
/// the caller.
pub fn netlify_background(url: &str) -> bool {
    url.contains("/.netlify/functions/")
        && url::Url::parse(url).is_ok_and(|u| {
            u.path()
                .strip_prefix("/.netlify/functions/")
                .is_some_and(|name| name.trim_end_matches('/').ends_with("-background"))
        })
}

/// An analytics, tag or ad host that content blockers (uBlock Origin, AdBlock, Privacy Badger,
/// Brave Shields …) cancel before the request leaves the browser: its registrable name.
pub fn tracker(url: &str) -> Option<&'static str> {
    const HOSTS: [&str; 18] = [
        "google-analytics.com",
        "googletagmanager.com",
        "doubleclick.net",
        "googlesyndication.com",
        "googleadservices.com",
        "adservice.google.com",
        "connect.facebook.net",
        "analytics.tiktok.com",
        "hotjar.com",
        "segment.io",
        "cdn.segment.com",
        "mixpanel.com",
        "amplitude.com",
        "plausible.io",
        "clarity.ms",
        "bat.bing.com",
        "scorecardresearch.com",
        "adsrvr.org",
    ];
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    HOSTS
        .iter()
        .copied()
        .find(|h| crate::fetch::origin::host_within(&host, h))
}

/// Ollama's API on its default port 11434 (any host: a LAN machine or a container too).
pub fn ollama(url: &str) -> bool {
    url.contains(":11434") && url::Url::parse(url).is_ok_and(|u| u.port() == Some(11434))
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
/// `/node_modules/.vite/`), a source file (`.ts`, `.tsx`, `.vue` …) served on its default
/// ports 5173/5174, or one under `/src/` on any host.
pub fn vite_dev_server(url: &str) -> bool {
    // (Asked of every blocked request of a HAR: the URL is parsed only when it may be one.)
    (url.contains("/@")
        || url.contains("/.vite/")
        || url.contains(":5173/")
        || url.contains(":5174/")
        || url.contains("/src/"))
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
            // A source file under /src/ on any host (a tunnel or a LAN address to the dev
            // server): built sites serve bundles, not TypeScript or single-file components.
            let src_tree = p.starts_with("/src/")
                && [".ts", ".tsx", ".vue", ".svelte", ".mts"]
                    .iter()
                    .any(|x| p.ends_with(x));
            own || src_tree || (source && matches!(u.port(), Some(5173 | 5174)))
        })
}

/// An identity provider whose OpenID Connect / OAuth endpoints a page calls (discovery,
/// token, userinfo): it answers CORS from its own settings for the application the page
/// signs in with, never from the API's. (Keycloak's realms: [`keycloak_realm`].)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityProvider {
    Auth0,
    Okta,
    /// Microsoft Entra ID (Azure AD) and Azure AD B2C.
    EntraId,
    FusionAuth,
    /// Duende IdentityServer (`/connect/token`, `/connect/userinfo`).
    IdentityServer,
    /// An OpenID Connect provider the URL does not name.
    Other,
}

impl IdentityProvider {
    pub fn name(self) -> &'static str {
        match self {
            IdentityProvider::Auth0 => "Auth0",
            IdentityProvider::Okta => "Okta",
            IdentityProvider::EntraId => "Microsoft Entra ID",
            IdentityProvider::FusionAuth => "FusionAuth",
            IdentityProvider::IdentityServer => "IdentityServer",
            IdentityProvider::Other => "the identity provider",
        }
    }
}

/// The identity provider a URL's host or OpenID Connect path names; `None` for Keycloak's
/// realms (their own lead) and for any other URL.
pub fn identity_provider(url: &str) -> Option<IdentityProvider> {
    use IdentityProvider as P;
    // (Asked of every blocked request of a HAR: parsed only when it may be one.)
    let lower = url.to_ascii_lowercase();
    let maybe = [
        "/.well-known/openid-configuration",
        "/oauth",
        "/connect/",
        "auth0.com",
        "okta",
        "microsoftonline.com",
        "b2clogin.com",
        "fusionauth",
    ]
    .iter()
    .any(|m| lower.contains(m));
    if !maybe || keycloak_realm(url).is_some() || lower.contains("/realms/") {
        return None;
    }
    let u = url::Url::parse(url).ok();
    let host = u.as_ref().and_then(|u| u.host_str()).unwrap_or("");
    // A placeholder host ("http://{fusionauth}/…") keeps its name in the text.
    let named = |s: &str| host.contains(s) || (host.is_empty() && lower.contains(s));
    let path = u.as_ref().map_or(lower.as_str(), |u| u.path());
    let oidc_path = path.ends_with("/.well-known/openid-configuration")
        || [
            "/oauth2/",
            "/oauth/token",
            "/oauth/userinfo",
            "/oauth/revoke",
        ]
        .iter()
        .any(|p| path.contains(p));
    if host.ends_with(".auth0.com") {
        Some(P::Auth0)
    } else if host.ends_with(".okta.com")
        || host.ends_with(".oktapreview.com")
        || host.ends_with(".okta-emea.com")
    {
        Some(P::Okta)
    } else if host == "login.microsoftonline.com"
        || host == "login.microsoft.com"
        || host.ends_with(".b2clogin.com")
    {
        Some(P::EntraId)
    } else if named("fusionauth") {
        Some(P::FusionAuth)
    } else if ["/connect/token", "/connect/userinfo", "/connect/revocation"]
        .iter()
        .any(|p| path.ends_with(p))
    {
        Some(P::IdentityServer)
    } else {
        oidc_path.then_some(P::Other)
    }
}

/// A well-known API that is not meant to be called from a page: it sends no CORS headers
/// (or sends them only on a condition), by design.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServerOnlyApi {
    /// "Notion's API", as a sentence names it.
    pub name: &'static str,
    /// "is", or "are" for a name in the plural.
    pub verb: &'static str,
    /// What to do instead, as a clause.
    pub advice: &'static str,
}

/// The API a URL calls, when it is one of the well-known APIs that do not answer pages
/// with CORS headers (their documentation says to call them from a server).
pub fn server_only_api(url: &str) -> Option<ServerOnlyApi> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    let path = u.path();
    let api = |name, advice| {
        Some(ServerOnlyApi {
            name,
            verb: "is",
            advice,
        })
    };
    match host.as_str() {
        "api.notion.com" => api(
            "Notion's API",
            "it sends no CORS headers to any page, by design: call it from your server (a backend route or a serverless function), where the integration token stays secret",
        ),
        "github.com" if path.starts_with("/login/oauth/access_token") => api(
            "GitHub's OAuth token endpoint",
            "it sends no CORS headers, by design: exchange the code for the token on your server (a backend route or a serverless function that keeps the OAuth app's credentials), then give the page its session",
        ),
        "maps.googleapis.com"
            if ["/maps/api/place/", "/maps/api/directions/", "/maps/api/distancematrix/"]
                .iter()
                .any(|p| path.starts_with(p)) =>
        {
            Some(ServerOnlyApi {
                name: "Google Maps' web services (Places, Directions, Distance Matrix)",
                verb: "are",
                advice: "they are for servers and send no CORS headers: in the page, use the Maps JavaScript API's own services (google.maps.places.PlacesService or the Place class, DirectionsService, DistanceMatrixService), or call the web service from your server",
            })
        }
        "api.twitter.com" | "api.x.com" => api(
            "X's (Twitter's) API",
            "it sends no CORS headers to pages: call it from your server, where the bearer token stays secret",
        ),
        "api.cloudflare.com" if path.starts_with("/client/v4") => api(
            "Cloudflare's API",
            "it sends no CORS headers to pages: call it from your server or a Cloudflare Worker, where the API token stays secret",
        ),
        "api.anthropic.com" => api(
            "Anthropic's API",
            "it answers a page only when the request sends `anthropic-dangerous-direct-browser-access: true` (its SDK: dangerouslyAllowBrowser: true), which puts the API key in the page for anyone to read: call it from your server, or send that header only with a key the user supplies",
        ),
        _ => None,
    }
}

/// WordPress's REST API (`/wp-json/…`, or `?rest_route=/…` without pretty permalinks): it
/// answers preflights itself and allows the request headers a filter lists.
pub fn wordpress_rest(url: &str) -> bool {
    url.contains("/wp-json/") || url.contains("rest_route=")
}

/// A hybrid app's web view, by the origin its pages get: the API must allow that origin
/// (or the app make its calls natively, outside the web view's CORS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppShell {
    /// Tauri: `tauri://localhost` (macOS, Linux), `http(s)://tauri.localhost` (Windows).
    Tauri,
    /// Capacitor: `capacitor://localhost` (iOS), `http(s)://localhost` (Android).
    Capacitor,
    /// Ionic with Cordova: `ionic://localhost` (iOS).
    Ionic,
    /// Electron loading its files from a custom protocol (`app://…`, `vector://…`).
    Electron,
    /// Cordova: `app://localhost` (cordova-ios 6+), `https://localhost` (cordova-android 10+).
    Cordova,
}

/// The app shell the words or code around a report name (Capacitor's config, Cordova's
/// `config.xml`, "Tauri" …), the first named; a page origin alone tells only some.
pub fn app_shell_named(text: &str) -> Option<AppShell> {
    let lower = text.to_ascii_lowercase();
    let at = |w: &str| lower.find(w);
    [
        (at("capacitor"), AppShell::Capacitor),
        (at("cordova").or_else(|| at("<widget ")), AppShell::Cordova),
        (at("tauri"), AppShell::Tauri),
        (
            [
                "electron",
                "browserwindow",
                "browser-window",
                "webpreferences",
                "web-preferences",
                "websecurity",
                "web-security",
                "ipcrenderer",
            ]
            .iter()
            .filter_map(|w| at(w))
            .min(),
            AppShell::Electron,
        ),
        (at("ionic"), AppShell::Ionic),
    ]
    .into_iter()
    .filter_map(|(i, s)| i.map(|i| (i, s)))
    .min_by_key(|(i, _)| *i)
    .map(|(_, s)| s)
}

/// The app shell of a page at `origin`, with the one the words name: an origin only an app
/// has (`capacitor://localhost`), or one a web page may have too (`https://localhost`,
/// `app://…`) when the words name the app.
pub fn app_shell_of(origin: &str, named: Option<AppShell>) -> Option<AppShell> {
    let o = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    let from_origin = app_shell(&o);
    let plain_localhost = o == "https://localhost" || o == "http://localhost";
    match (from_origin, named) {
        // `app://localhost` is Cordova's on iOS as much as an Electron app's.
        (Some(AppShell::Electron), Some(n)) => Some(n),
        (Some(s), _) => Some(s),
        (None, Some(n @ (AppShell::Capacitor | AppShell::Cordova | AppShell::Ionic)))
            if plain_localhost =>
        {
            Some(n)
        }
        // cordova-plugin-ionic-webview's local server (Ionic 3/4 on WKWebView).
        (None, Some(AppShell::Ionic)) if o == "http://localhost:8080" => Some(AppShell::Ionic),
        // An Electron window loading its files from disk: origin `null` (`file://` in older
        // messages).
        (None, Some(AppShell::Electron)) if o == "null" || o.starts_with("file:") => {
            Some(AppShell::Electron)
        }
        _ => None,
    }
}

/// The app shell a page origin names; `None` for a web page's.
pub fn app_shell(origin: &str) -> Option<AppShell> {
    let o = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    if o == "tauri://localhost" || o == "https://tauri.localhost" || o == "http://tauri.localhost" {
        Some(AppShell::Tauri)
    } else if o == "capacitor://localhost" {
        Some(AppShell::Capacitor)
    } else if o == "ionic://localhost" {
        Some(AppShell::Ionic)
    } else if o.starts_with("app://") {
        Some(AppShell::Electron)
    } else {
        None
    }
}
