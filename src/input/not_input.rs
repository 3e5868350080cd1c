//! Texts pasted as if they were CORS errors that no reader can turn into an exchange, but
//! that say something: a development server's proxy error (not CORS at all: the browser's
//! request went to the page's own origin), DevTools' Issues panel (CORS, but without the
//! request's URL or origin). [`explain`] turns them into an error that says so, at their
//! line, instead of "not a HAR file …".

/// What the text is and what to do, with the 1-based line it was found on.
pub fn explain(input: &str) -> Option<(usize, String)> {
    dev_proxy(input)
        .or_else(|| issues_panel(input))
        .or_else(|| private_network_issue(input))
        .or_else(|| corb(input))
        .or_else(|| network_status(input))
        .or_else(|| retired_microsoft(input))
        .or_else(|| spring_credentials_wildcard(input))
        .or_else(|| origin_check(input))
        .or_else(|| tainted_canvas(input))
        .or_else(|| cross_origin_frame(input))
        .or_else(|| super::cookie::explain(input))
        .or_else(|| entra_spa_redemption(input))
        .or_else(|| scheme_not_supported(input))
        .or_else(|| aiohttp_preflight(input))
        .or_else(|| service_worker_opaque(input))
        .or_else(|| no_cors_body(input))
        .or_else(|| websocket_handshake(input))
        .or_else(|| logged_preflight(input))
        .or_else(|| api_gateway_execution_log(input))
        .or_else(|| preflight_status_in_words(input))
        .or_else(|| setup_only(input))
        .or_else(|| request_status_in_words(input))
        .or_else(|| stated_headers(input))
        .or_else(|| unexposed_in_words(input))
        .or_else(|| netlify_background_named(input))
        .or_else(|| words_only(input))
}

/// A browser's own message about something that is not a CORS check (a WebSocket handshake,
/// CORB, a tainted canvas, a scheme, a dev server's proxy error …) somewhere in a paste whose
/// capture holds no cross-origin request: what it is, at its line.
pub fn browser_message(input: &str) -> Option<(usize, String)> {
    dev_proxy(input)
        .or_else(|| issues_panel(input))
        .or_else(|| private_network_issue(input))
        .or_else(|| corb(input))
        .or_else(|| network_status(input))
        .or_else(|| tainted_canvas(input))
        .or_else(|| cross_origin_frame(input))
        .or_else(|| scheme_not_supported(input))
        .or_else(|| service_worker_opaque(input))
        .or_else(|| no_cors_body(input))
        .or_else(|| websocket_handshake(input))
}

/// A Netlify background function's URL in words or code about a CORS error, without what the
/// browser said: why no header the function returns reaches the page.
fn netlify_background_named(input: &str) -> Option<(usize, String)> {
    let lower = input.to_ascii_lowercase();
    if !lower.contains("cors") {
        return None;
    }
    input.lines().enumerate().find_map(|(i, l)| {
        let url = l.match_indices("http").find_map(|(at, _)| {
            l[at..]
                .split(|c: char| c.is_whitespace() || matches!(c, '`' | '\'' | '"' | ')' | ';'))
                .next()
                .filter(|u| crate::gateway::served_by::netlify_background(u))
        })?;
        Some(
            (
                i + 1,
                format!("a Netlify background function's URL ({url}), without what the browser said: Netlify answers such a call itself, 202 Accepted with an empty body and no CORS headers, and runs the function afterwards, so the headers the function returns never reach the browser (the function still runs). Call it from the site's own origin, or from a regular function that sets the CORS headers and invokes the background one"),
            )
        )
    })
}

/// A framework's own check of the Origin header against the site's address (CSRF
/// protection), quoted from its answer or log: a refusal by the server, not the browser's
/// CORS check. Each with the setting that names the site.
fn origin_check(input: &str) -> Option<(usize, String)> {
    const PHOENIX: &str = "Phoenix refused the socket's Origin (\"Could not check origin for Phoenix.Socket transport\"): it compares Origin with the endpoint's url host unless told otherwise; set the endpoint's url: [host: \"your.host\"] to the address the browser uses, or check_origin: [\"https://app.example.com\"] (check_origin: false only in development)";
    const CHECKS: [(&str, &str); 17] = [
        (
            "CORS requests are not allowed for this Organization",
            "Anthropic's API answered 401 authentication_error, \"CORS requests are not allowed for this Organization because of its settings\": the organization's settings forbid calls from browsers. The page read that answer, so CORS itself passed, and no header of yours changes it: call the API from your server (where the key stays secret), or have the organization's admin or Anthropic's support change the setting",
        ),
        (
            "request with non matching host and origin",
            "ComfyUI refused the request (403, its log's \"request with non matching host and origin A != B, returning 403\"): without --enable-cors-header it compares the Origin's host with the Host header, and a proxy in front (RunPod's, Cloudflare, nginx) changed the Host. Have the proxy pass the browser's Host (nginx: proxy_set_header Host $host), or start ComfyUI with --enable-cors-header followed by the page's origin, which answers with CORS headers instead of that check",
        ),
        (
            "must set 'anthropic-dangerous-direct-browser-access' header",
            "Anthropic's API refused a call from a page (401 authentication_error, \"CORS requests must set 'anthropic-dangerous-direct-browser-access' header\"): it answers a browser only when the request sends `anthropic-dangerous-direct-browser-access: true` (its TypeScript SDK: new Anthropic({ dangerouslyAllowBrowser: true })). That puts the API key in the page for anyone to read: send the header only with a key the user supplies, or call the API from your server",
        ),
        (
            "has been blocked as a potential Cross-Site Request Forgery",
            "Apollo Server's CSRF prevention answered 400: a request that needs no preflight (a multipart/form-data, text/plain or form body, no custom header) is refused unless it carries a non-empty Apollo-Require-Preflight or X-Apollo-Operation-Name header. For file uploads (graphql-upload, apollo-upload-client) send `Apollo-Require-Preflight: true` (createUploadLink({ headers: { 'Apollo-Require-Preflight': 'true' } })) and, across origins, allow that header in the server's CORS settings (it makes the request preflighted, which is the point); csrfPrevention: false turns the protection off",
        ),
        (
            "Request origin not allowed:",
            "Rails' Action Cable refused the WebSocket's Origin (\"Request origin not allowed: …\"): rack-cors does not apply to WebSockets; list the page's origin in config.action_cable.allowed_request_origins (strings or regexes: [\"https://app.example.com\", \"capacitor://localhost\", /http:\\/\\/localhost:\\d+/]), or set config.action_cable.disable_request_forgery_protection = true in development",
        ),
        ("Could not check origin for Phoenix.Socket transport", PHOENIX),
        (
            "a different host than the one configured in your config",
            PHOENIX,
        ),
        (
            "request origin not allowed by Upgrader.CheckOrigin",
            "gorilla/websocket refused the handshake (\"request origin not allowed by Upgrader.CheckOrigin\"): by default it accepts only an Origin whose host equals the request's Host; give the Upgrader a CheckOrigin func that returns true for the page's origins (compare r.Header.Get(\"Origin\") with your list)",
        ),
        (
            "Cross-site POST form submissions are forbidden",
            "SvelteKit's CSRF protection answered 403: the request's Origin is not the origin SvelteKit believes it is served on. Behind a proxy or in a container, adapter-node builds that origin from the ORIGIN environment variable (ORIGIN=https://my-site.example.com, the address the browser uses, scheme and port included), or from PROTOCOL_HEADER/HOST_HEADER (X-Forwarded-Proto, X-Forwarded-Host) when the proxy sets them; another site's form needs kit.csrf.trustedOrigins (SvelteKit 2.x)",
        ),
        (
            "Origin checking failed",
            "Django's CSRF check answered 403 (\"Origin checking failed - … does not match any trusted origins\"): the page's origin must be in CSRF_TRUSTED_ORIGINS with its scheme (CSRF_TRUSTED_ORIGINS = [\"https://app.example.com\"], Django 4.0 and later), and behind a proxy that ends TLS, SECURE_PROXY_SSL_HEADER must let Django see https",
        ),
        (
            "CSRF verification failed",
            "Django's CSRF check answered 403: a cross-origin page needs its origin in CSRF_TRUSTED_ORIGINS (with its scheme, Django 4.0 and later) and must send the csrftoken cookie's value in X-CSRFToken with credentials; an API called with a token in Authorization can be exempt (csrf_exempt, or DRF's token authentication)",
        ),
        (
            "didn't match request.base_url",
            "Rails' forgery protection answered 422 (\"HTTP Origin header … didn't match request.base_url\"): Rails compares Origin with the URL it thinks it is served on; behind a proxy that ends TLS it needs X-Forwarded-Proto (and X-Forwarded-Host) from the proxy, and an API called from another origin uses protect_from_forgery with: :null_session or skips it for token-authenticated requests",
        ),
        (
            "does not match `origin` header",
            "Next.js refused a Server Action (\"x-forwarded-host header … does not match origin header\"): the action is called from another host than the one Next.js sees; list it in experimental.serverActions.allowedOrigins (next.config.js), or make the proxy forward the original Host",
        ),
        (
            "Blocked cross-origin request to Next.js dev resource",
            "Next.js' development server refused its own dev resources (/_next/webpack-hmr, /_next/static …) to a page opened on another host than it trusts (127.0.0.1 or a LAN address where it expects localhost, a tunnel's host): add that host to allowedDevOrigins in next.config.js (allowedDevOrigins: ['127.0.0.1', '*.local-origin.dev']) and restart the dev server, or open the page at http://localhost:3000. Only `next dev` does this; a deployed app does not",
        ),
        (
            "Blocked request. This host (",
            "Vite's development server refused a request whose Host it does not know (Vite 6.0.9, 5.4.12 and 4.5.6 and later check it, against DNS rebinding): add the host to server.allowedHosts in vite.config.js (allowedHosts: ['my-tunnel.example.com'], or '.example.com' for its subdomains; preview.allowedHosts for vite preview), or open the page at localhost",
        ),
        (
            "CSRF token mismatch",
            "Laravel's CSRF check answered 419: for a page on another origin with Sanctum's cookie sign-in, the page's host (with its port) goes in SANCTUM_STATEFUL_DOMAINS and SESSION_DOMAIN is the parent domain the page and the API share, with a leading dot (.example.com for app.example.com and api.example.com: the page's script must read the XSRF-TOKEN cookie to send it back, and a cookie set for another host is refused or out of its reach), the page first calls /sanctum/csrf-cookie with credentials, and sends the XSRF-TOKEN cookie back in X-XSRF-TOKEN (axios does with withCredentials and withXSRFToken)",
        ),
        (
            "invalid csrf token",
            "The server's CSRF middleware (csurf, csrf-csrf …) refused the request: it needs the token the server issued (in a header such as X-CSRF-Token) and, across origins, the cookie sent with credentials; an API authenticated by a token in Authorization usually leaves CSRF protection out",
        ),
    ];
    let lower = input.to_ascii_lowercase();
    // The most specific check first (Django's "Origin checking failed" under its "CSRF
    // verification failed").
    let (at, what) = CHECKS
        .iter()
        .find_map(|(needle, what)| lower.find(&needle.to_ascii_lowercase()).map(|i| (i, *what)))?;
    let line = input[..at].matches('\n').count() + 1;
    Some((
        line,
        format!("not a CORS refusal: {what}. This is the server's own answer, not the browser's CORS check; a CORS error, if the console shows one too, is a second problem — paste its line"),
    ))
}

/// Spring's own exception in the server's log: a CORS configuration with
/// `allowCredentials(true)` and `allowedOrigins("*")`, which Spring 5.3 and later refuse at
/// every cross-origin request (a 500 without CORS headers in the browser).
fn spring_credentials_wildcard(input: &str) -> Option<(usize, String)> {
    const SPRING: &str =
        "When allowCredentials is true, allowedOrigins cannot contain the special value";
    let (i, _) = input
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(SPRING))?;
    Some((
        i + 1,
        "Spring's own error, from the server's log (no browser's words): its CORS configuration has allowCredentials(true) with allowedOrigins(\"*\"), which Spring 5.3 and later refuse for every cross-origin request, answering 500 without CORS headers (the browser then reports a missing Access-Control-Allow-Origin). List the page's origins (allowedOrigins(\"https://app.example.com\")), or use allowedOriginPatterns(\"*\"), which answers with the request's own origin; for a request without cookies, drop allowCredentials(true)".to_string(),
    ))
}

/// The first line holding one of `needles` (ASCII case ignored): its 1-based number and text.
fn find_line<'a>(input: &'a str, needles: &[&str]) -> Option<(usize, &'a str)> {
    input
        .lines()
        .enumerate()
        .find(|(_, l)| {
            let lower = l.to_ascii_lowercase();
            needles
                .iter()
                .any(|n| lower.contains(&n.to_ascii_lowercase()))
        })
        .map(|(i, l)| (i + 1, l))
}

/// The 1-based number of [`find_line`]'s line.
fn line_with(input: &str, needles: &[&str]) -> Option<usize> {
    find_line(input, needles).map(|(line, _)| line)
}

/// A script reaching into a frame of another origin: Chrome's and Safari's "Blocked a frame
/// with origin … from accessing a (cross-origin) frame", Firefox's "Permission denied to access
/// property … on cross-origin object". The same-origin policy on the DOM, not CORS.
fn cross_origin_frame(input: &str) -> Option<(usize, String)> {
    let (line, _) = find_line(
        input,
        &[
            "Blocked a frame with origin",
            "on cross-origin object",
            "Permission denied to access property",
        ],
    )?;
    Some((
        line,
        "a script reaching into a frame (or window) of another origin, not a CORS check: the same-origin policy lets a page read another origin's document, location or functions only when both have the same scheme, host and port, and no server header changes that (CORS covers fetch and XMLHttpRequest, not frames). Talk across frames with window.postMessage: the sender posts to the frame (iframe.contentWindow.postMessage(data, 'https://frame.example')), the receiver listens for 'message' and checks event.origin before trusting event.data. (Setting document.domain, which once joined subdomains, does nothing by default since Chrome 115.)".to_string(),
    ))
}

/// A canvas or WebGL refusing to read pixels from another origin's image or video: Chrome's
/// "Tainted canvases may not be exported", "The canvas has been tainted by cross-origin
/// data", WebGL's "The image element contains cross-origin data"; Safari's and Firefox's
/// "SecurityError: The operation is insecure." with a canvas in sight.
fn tainted_canvas(input: &str) -> Option<(usize, String)> {
    const SAID: [&str; 7] = [
        "Tainted canvases may not be exported",
        "canvas has been tainted by cross-origin data",
        "contains cross-origin data, and may not be loaded",
        "Cross-origin image load denied by Cross-Origin Resource Sharing policy",
        "Cross-origin elements require CORS",
        "The cross-origin image at",
        "Unable to get image data from canvas",
    ];
    let insecure = line_with(input, &["The operation is insecure"]);
    let canvas_words = [
        "canvas",
        "getimagedata",
        "todataurl",
        "toblob",
        "drawimage",
        "crossorigin",
        "<img",
        "texture",
        "webgl",
        "three.js",
    ];
    let lower = input.to_ascii_lowercase();
    let canvas = canvas_words.iter().any(|w| lower.contains(w));
    let line = match line_with(input, &SAID) {
        Some(l) => l,
        None if canvas => insecure?,
        None => {
            return insecure.map(|l| {
                (
                    l,
                    "Firefox's and Safari's SecurityError, not a CORS message: \"The operation is insecure\" is thrown by a canvas read (getImageData, toDataURL, a WebGL texture) after drawing another origin's image or video without CORS, most often; also by a ws:// WebSocket opened from an https:// page (use wss://), and by storage or history calls a sandboxed or third-party frame may not make. Paste the code that threw it (its stack names the call), or the console's CORS line for the image".to_string(),
                )
            });
        }
    };
    Some((
        line,
        "a canvas (or WebGL) refusing to read pixels of an image or video from another origin, not a CORS message: drawing it is allowed, but once drawn without CORS it taints the canvas, and getImageData, toDataURL, toBlob and texImage2D throw. Load the image with CORS: img.crossOrigin = 'anonymous' set before img.src (setting src first starts the load without CORS; in JSX, put crossOrigin before src), and its server must answer with Access-Control-Allow-Origin (a bucket's CORS rule for GET, the CDN's response headers). If the same URL was loaded before without crossorigin (another <img> on the page), the browser may reuse that copy: give them the same crossorigin, or the CORS load a query string of its own. If its server will not send CORS headers, serve the image from your own origin. (For the image's own CORS error, paste the console's \"Access to image at '…'\" line.)".to_string(),
    ))
}

/// Microsoft Entra ID's AADSTS9002326: a browser (CORS) call redeemed an authorization code
/// for a client whose redirect URI is registered as "Web", not "Single-page application".
fn entra_spa_redemption(input: &str) -> Option<(usize, String)> {
    let line = line_with(input, &["AADSTS9002326"])?;
    Some((
        line,
        "Microsoft Entra ID's AADSTS9002326 (\"Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type\"): the page's script (MSAL.js) redeemed the sign-in code at the token endpoint, which Entra allows only for redirect URIs registered under the \"Single-page application\" platform; this one is under \"Web\" (a confidential client's, redeemed by a server). In the app registration's Authentication blade, move the redirect URI to \"Single-page application\" (or with Microsoft Graph: az rest --method PATCH --uri https://graph.microsoft.com/v1.0/applications/<object-id> --body '{\"spa\": {\"redirectUris\": [\"https://your-app.example\"]}}'; az ad app update --web-redirect-uris puts it under Web), or redeem the code on your server. No CORS header of yours changes it".to_string(),
    ))
}

/// Chromium's `Fetch API cannot load app://…. URL scheme "app" is not supported.`: an
/// Electron (or other embedder's) custom protocol that fetch may not use.
fn scheme_not_supported(input: &str) -> Option<(usize, String)> {
    let (line, text) = find_line(input, &["URL scheme \""])?;
    let rest = text.split("URL scheme \"").nth(1)?;
    let (scheme, tail) = rest.split_once('"')?;
    if !tail.trim_start().starts_with("is not supported") {
        return None;
    }
    Some((
        line,
        format!(
            "Chromium refused to fetch the `{scheme}:` URL (\"URL scheme \\\"{scheme}\\\" is not supported\"), not a CORS check: fetch() and XMLHttpRequest load only http(s) and the schemes the browser or app registers for them. In Electron, register the app's protocol as privileged before the app is ready: protocol.registerSchemesAsPrivileged([{{ scheme: '{scheme}', privileges: {{ standard: true, secure: true, supportFetchAPI: true, corsEnabled: true }} }}]) (vue-cli-plugin-electron-builder's createProtocol('{scheme}') registers the handler only); or load the file from the main process (fs) and pass it by IPC"
        ),
    ))
}

/// aiohttp-cors' answer to a preflight it refuses (Home Assistant's API among others):
/// "CORS preflight request failed: headers are not allowed: AUTHORIZATION", "origin … is
/// not allowed", "request method … is not allowed".
fn aiohttp_preflight(input: &str) -> Option<(usize, String)> {
    let (line, text) = find_line(input, &["CORS preflight request failed:"])?;
    let what = text
        .split("CORS preflight request failed:")
        .nth(1)
        .unwrap_or("")
        .trim()
        .trim_end_matches(['`', '"', '\'']);
    let lower = input.to_ascii_lowercase();
    let home_assistant = lower.contains("home assistant")
        || lower.contains("hassio")
        || lower.contains("configuration.yaml")
        || lower.contains("cors_allowed_origins");
    let setting = if home_assistant {
        "Home Assistant's http: cors_allowed_origins (configuration.yaml) lists the origins; the headers it allows are its own (versions before Authorization was added refuse it: upgrade)"
    } else {
        "aiohttp-cors' ResourceOptions for the route: allow_headers (\"*\" or the names), allow_methods and the origin's entry in the defaults"
    };
    Some((
        line,
        format!(
            "the server's own CORS layer refused the preflight (aiohttp-cors: \"CORS preflight request failed: {what}\"), answering it without CORS headers, so the browser reports a CORS error: what it names is missing from its allowed lists: {setting}"
        ),
    ))
}

/// A service worker answering a CORS request with an opaque response (one it fetched with
/// mode 'no-cors' or cached from such a fetch): Chrome's "The FetchEvent for "U" resulted in a
/// network error response: an "opaque" response was used for a request whose type is not
/// no-cors", Firefox's "A ServiceWorker passed an opaque Response to FetchEvent.respondWith()
/// while handling a 'cors' FetchEvent".
fn service_worker_opaque(input: &str) -> Option<(usize, String)> {
    let line = line_with(input, &SERVICE_WORKER_OPAQUE)?;
    Some((line, service_worker_opaque_words().to_string()))
}

const SERVICE_WORKER_OPAQUE: [&str; 2] = [
    "response was used for a request whose type is not no-cors",
    "passed an opaque Response to FetchEvent.respondWith()",
];

/// The 1-based line where a service worker's opaque answer to a CORS request for `url` is
/// reported (a line naming the URL).
pub(crate) fn service_worker_opaque_at(input: &str, url: &str) -> Option<usize> {
    if url.is_empty() {
        return None;
    }
    input
        .lines()
        .position(|l| SERVICE_WORKER_OPAQUE.iter().any(|p| l.contains(p)) && l.contains(url))
        .map(|i| i + 1)
}

/// The line of Chrome's CORB message ("Cross-Origin Read Blocking (CORB) blocked cross-origin
/// response U with MIME type text/html") for the path of `url` (hosts may be masked apart):
/// that path answered with an HTML page.
pub(crate) fn html_answer_at(input: &str, url: &str) -> Option<usize> {
    let path = url::Url::parse(url).ok()?.path().to_string();
    if path.len() < 2 {
        return None;
    }
    input
        .lines()
        .position(|l| {
            l.contains("Cross-Origin Read Blocking (CORB) blocked cross-origin response")
                && l.contains("MIME type text/html")
                && l.split_whitespace().any(|w| {
                    url::Url::parse(w.trim_end_matches(['.', ','])).is_ok_and(|u| u.path() == path)
                })
        })
        .map(|i| i + 1)
}

/// What a service worker's opaque answer to a CORS request means, and what to do.
pub(crate) fn service_worker_opaque_words() -> &'static str {
    "the page's service worker answered a CORS request with an opaque response (one it fetched with mode: 'no-cors', or a copy cached from such a fetch), which the browser refuses for it: the request fails as a network error (Firefox: \"CORS request did not succeed\"), whatever the server's headers. In the service worker, fetch cross-origin requests as they come (fetch(event.request), keeping their mode), cache them only from CORS answers (Workbox: a cross-origin route's strategy fetches with the request's own mode; precache only URLs whose server sends CORS headers), or let cross-origin requests go to the network without respondWith; then clear the old caches (a new service worker version, or unregister it in DevTools' Application panel)"
}

/// `fetch(…, { mode: 'no-cors' })` whose body the code then reads: "Unexpected end of input"
/// (an opaque response's body is empty).
fn no_cors_body(input: &str) -> Option<(usize, String)> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace('"', "'");
    if !compact.contains("mode:'no-cors'") {
        return None;
    }
    let line = line_with(
        input,
        &[
            "Unexpected end of input",
            "Unexpected end of JSON input",
            "JSON.parse: unexpected end of data",
            "The string did not match the expected pattern",
        ],
    )
    .or_else(|| line_with(input, &["no-cors"]))?;
    Some((
        line,
        "the code fetches with mode: 'no-cors', so the browser runs no CORS check and hands the page an opaque response: status 0, no headers, an empty body; response.json() then fails on that empty body (\"Unexpected end of input\"), and no header of the server's changes it while the mode stays 'no-cors'. Drop mode: 'no-cors': if the browser then reports a CORS error, the server must answer the page's origin with Access-Control-Allow-Origin, or the call goes through your own server".to_string(),
    ))
}

/// A WebSocket handshake that failed: Chrome's "WebSocket connection to 'U' failed: …",
/// Firefox's "can't establish a connection to the server at wss://…". WebSockets have no
/// CORS: the server decides on the Origin itself.
fn websocket_handshake(input: &str) -> Option<(usize, String)> {
    let (line, text) = find_line(
        input,
        &[
            "WebSocket connection to '",
            "establish a connection to the server at ws",
            // Old Chrome's line without the URL.
            "Error during WebSocket handshake:",
        ],
    )?;
    let code = text
        .split("Unexpected response code: ")
        .nth(1)
        .and_then(|r| r.get(..3))
        .and_then(|c| c.parse::<u16>().ok());
    let why = match code {
        Some(401 | 403) => "the server refused the handshake (403/401): its own origin check (Socket.IO's cors option or allowRequest, ws' verifyClient, gorilla/websocket's CheckOrigin, Phoenix's check_origin, Action Cable's allowed_request_origins, Django Channels' AllowedHostsOriginValidator, Tornado's WebSocketHandler.check_origin, Spring's setAllowedOrigins on the endpoint) does not list the page's origin, or its authentication (a token in the URL or a cookie) failed",
        Some(400) => "the server answered 400: often a proxy that does not pass the upgrade (nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\"), Socket.IO's session unknown to another of several servers (sticky sessions), or Socket.IO refusing the page's origin (2.4.0 and later check it by default: list it in the server's cors.origin / origins option; its client and server major versions must match too)",
        Some(404) => "nothing answers WebSockets at that path (404): the URL's path, or a proxy's location for it",
        Some(200) => "the server answered 200 without switching protocols: no WebSocket endpoint at that URL (an app's index page, or a proxy that does not pass the upgrade)",
        Some(_) => "the server answered the handshake with an error instead of 101 Switching Protocols: its log says why",
        None => "the connection failed before or during the handshake: the server's address or port, TLS (wss:// to a plain port, a certificate the browser does not trust), a proxy that closes it, or the server's own refusal (its log says which)",
    };
    Some((
        line,
        format!(
            "a WebSocket handshake that failed, not a CORS check: WebSockets have no CORS, so no Access-Control header changes it; the browser sends the page's Origin and the server decides. Here {why}"
        ),
    ))
}

/// A server's access log showing how it answered an OPTIONS request (the preflight), without
/// what the browser said: the status says most of why.
fn logged_preflight(input: &str) -> Option<(usize, String)> {
    let l = super::server_log::options_lines(input).into_iter().next()?;
    let (status, path) = (l.status, &l.path);
    let why = match status {
        405 | 404 | 501 => "nothing in the server answers OPTIONS there: its CORS layer is not set up (or not for that route), so the router refuses the method; add the framework's CORS middleware, which answers the preflight before the routes (FastAPI: CORSMiddleware; Express: cors(); an OpenAI-compatible proxy or gateway: its CORS or allowed-origins setting)".to_string(),
        401 => "an authentication step caught it: a preflight never carries the page's credentials or API key, so the CORS layer must answer it before any authentication".to_string(),
        403 => "the server refused it: its own origin check (Ollama's OLLAMA_ORIGINS, a CORS layer whose allowed origins, methods or headers leave something out) or an authorization step; allow the page's origin there (an app's origin, such as app://obsidian.md or http://tauri.localhost, too)".to_string(),
        400 => "the server's CORS layer refused it as asked (Starlette/FastAPI answer 400 \"Disallowed CORS origin/method/headers\"): add the page's origin, method or header to its allowed lists".to_string(),
        s if (200..300).contains(&s) => "the server answered it with a success: if the browser still refused, that answer lacks the Access-Control-Allow-* headers (or has wrong ones): look at its headers (curl -i -X OPTIONS with Origin and Access-Control-Request-Method)".to_string(),
        s if (300..400).contains(&s) => "the server redirected it, and a browser never follows a preflight's redirect: call the final URL (https, the exact trailing slash)".to_string(),
        _ => "the server failed on it: its own error (the log's next lines say which), answered without CORS headers".to_string(),
    };
    Some((
        l.line,
        format!(
            "the server's access log, without what the browser said: it answered the preflight (OPTIONS {path}) with {status}: {why}. (Paste the console's message with it for the browser's verdict.)"
        ),
    ))
}

/// AWS API Gateway's execution log (CloudWatch: "(id) HTTP Method: OPTIONS, Resource Path:
/// /x" … "Execution failed due to configuration error: …" … "Method completed with status:
/// 500"), without what the browser said: what failed, and the setting to change.
fn api_gateway_execution_log(input: &str) -> Option<(usize, String)> {
    const FAILED: &str = "Execution failed due to configuration error:";
    let (line, reason) = input.lines().enumerate().find_map(|(i, l)| {
        let at = l.find(FAILED)?;
        Some((i + 1, l[at + FAILED.len()..].trim().to_string()))
    })?;
    let options = input.contains("HTTP Method: OPTIONS");
    let path = input
        .lines()
        .find_map(|l| {
            l.split_once("Resource Path: ")
                .map(|(_, p)| p.trim().to_string())
        })
        .unwrap_or_default();
    let status = input
        .lines()
        .find_map(|l| l.split_once("Method completed with status: "))
        .map(|(_, s)| s.trim().to_string())
        .unwrap_or_else(|| "500".to_string());
    let what = if options {
        format!("the preflight (OPTIONS {path})")
    } else {
        format!("the request ({path})")
    };
    let why = if reason.starts_with("Unable to transform request") && options {
        "the OPTIONS method's mock integration could not turn the request into its mapping template's input: with binary media types that match the request (`*/*`, or its Content-Type), API Gateway takes the body as binary and the mock's template cannot read it. Set contentHandling to CONVERT_TO_TEXT on the OPTIONS method's integration (`aws apigateway update-integration --rest-api-id … --resource-id … --http-method OPTIONS --patch-operations op=replace,path=/contentHandling,value=CONVERT_TO_TEXT`; CloudFormation: the method's Integration ContentHandling), or list only the binary types the API returns, then deploy the stage again".to_string()
    } else if reason.starts_with("Unable to transform request") {
        "the integration's request mapping template could not transform the request (a Content-Type it has no template for, or a body taken as binary): add a template for that Content-Type, or set the integration's contentHandling, then deploy the stage again".to_string()
    } else if reason.contains("Invalid permissions on Lambda function") {
        "API Gateway may not invoke the Lambda function: add a resource-based permission for apigateway.amazonaws.com on the function (aws lambda add-permission), then deploy the stage again".to_string()
    } else {
        format!("API Gateway failed it itself (\"{reason}\"): fix that setting of the method's integration, then deploy the stage again")
    };
    Some((
        line,
        format!(
            "AWS API Gateway's execution log, without what the browser said: {what} completed with {status} because {why}. API Gateway's own error has no CORS headers, so the browser reports a CORS failure in its place. (Paste the console's message with it for the browser's verdict.)"
        ),
    ))
}

/// The status the person's words give the preflight ("when API calls OPTIONS before GET, it
/// sends 405 ERROR", "OPTIONS requests get 401'ed", "I get an OPTION 403"), without what the
/// browser said: what that status means for a preflight, where the stack the paste names
/// answers it. The line and the explanation.
fn preflight_status_in_words(input: &str) -> Option<(usize, String)> {
    let w = status_in_words(input)?;
    let text = if w.passed {
        format!(
            "the words say the preflight passed and the request itself got {}, without what the browser said: {} (Paste the console's message or the request's headers for the full verdict.)",
            w.status, w.meaning
        )
    } else {
        format!(
            "the words say the preflight (OPTIONS) got {}, without what the browser said: {} (Paste the console's message or the preflight's headers for the full verdict.)",
            w.status, w.meaning
        )
    };
    Some((w.line, text))
}

use crate::exchange::StatusInWords;

/// See [`StatusInWords`].
pub(crate) fn status_in_words(input: &str) -> Option<StatusInWords> {
    // (line, status, the preflight passed and the status is the request's own)
    // (Sentence by sentence: "the function answers 401. The preflight passes" is no
    // preflight's 401.)
    let sentences = input.lines().enumerate().flat_map(|(i, l)| {
        let prose = super::paste::is_prose(l);
        l.split_inclusive([';'])
            .flat_map(|part| part.split_inclusive(". "))
            .filter(move |_| prose)
            .map(move |s| (i, s))
    });
    let (line, status, passed) = sentences.into_iter().find_map(|(i, l)| {
        let lower = l.to_ascii_lowercase();
        let about = l.contains("OPTIONS")
            || l.contains("OPTION ")
            || lower.contains("preflight")
            || lower.contains("pre-flight")
            || lower.contains("options request")
            || lower.contains("options call");
        if !about {
            return None;
        }
        let words: Vec<&str> = l.split_whitespace().collect();
        // "500 ms", "300 requests": a number of something, no status.
        let counted = |k: usize| {
            words.get(k + 1).is_some_and(|n| {
                let n = n
                    .trim_matches(|c: char| !c.is_ascii_alphabetic())
                    .to_ascii_lowercase();
                [
                    "ms",
                    "milliseconds",
                    "seconds",
                    "s",
                    "sec",
                    "kb",
                    "mb",
                    "bytes",
                    "users",
                    "requests",
                    "times",
                    "lines",
                    "rows",
                    "items",
                ]
                .contains(&n.as_str())
            })
        };
        // (Each word's byte offset in the line.)
        let offsets: Vec<usize> = words
            .iter()
            .map(|w| w.as_ptr() as usize - l.as_ptr() as usize)
            .collect();
        let statuses: Vec<(usize, u16)> = words
            .iter()
            .enumerate()
            // (Nor a path's or a host's digits: `/items/404`, `host:405`.)
            // (Nor an issue's number: `#482`.)
            .filter(|(k, w)| !counted(*k) && !w.contains(['/', ':', '#']))
            .filter_map(|(k, w)| {
                let t = w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '\'');
                let t = t
                    .strip_suffix("'ed")
                    .or_else(|| t.strip_suffix("ed"))
                    .unwrap_or(t);
                (t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| t.parse::<u16>().ok())
                    .flatten()
                    .filter(|n| {
                        matches!(n, 301..=303 | 307 | 308 | 400..=418 | 421..=429 | 431 | 451 | 500..=511)
                    })
                    .map(|n| (offsets[k], n))
            })
            .collect();
        let first_status = statuses.first().map_or(usize::MAX, |(at, _)| *at);
        // "preflight OK, then 504", "the preflight (200) followed by a POST error": the
        // preflight passed, the status is the request's.
        // "Headers are set on the preflight OPTIONS request, not on the POST that follows,
        // so the page sees no 401": the request named between is the status's.
        let named_between = ["preflight", "options"]
            .iter()
            .filter_map(|k| lower.find(k))
            .min()
            .filter(|at| *at < first_status)
            .is_some_and(|at| {
                let between = &l[at..first_status.min(l.len())];
                ["POST", "PUT", "PATCH", "DELETE", "GET "]
                    .iter()
                    .any(|m| between.contains(m))
                    || ["actual request", "subsequent", "real request", "main request"]
                        .iter()
                        .any(|w| between.to_ascii_lowercase().contains(w))
            });
        // (Said before the status: "returns 405 to every method, the preflight's OPTIONS too;
        // the old server answered OPTIONS with 204" is the preflight's 405.)
        let passed = ["preflight", "options"].iter().any(|k| {
            lower.match_indices(k).any(|(at, _)| {
                if at > first_status {
                    return false;
                }
                let after = &lower[at + k.len()..];
                let near: String = after.chars().take(24).collect();
                ["ok", "200", "204", "pass", "succe", "fine", "works"]
                    .iter()
                    .any(|w| near.contains(w))
            })
        });
        let passed = passed || named_between;
        // (Two different statuses on the line: which is the preflight's, the words do not say.)
        match statuses.as_slice() {
            [(_, n), rest @ ..] if rest.iter().all(|(_, r)| r == n) => Some((i + 1, *n, passed)),
            _ => None,
        }
    })?;
    if passed {
        return Some(StatusInWords {
            line,
            status,
            passed: true,
            meaning: request_status_meaning(status),
        });
    }
    Some(preflight_status_meaning(input, line, status))
}

/// What a request's own error status means behind a missing Allow-Origin: its error answer
/// carries no CORS headers.
fn request_status_meaning(status: u16) -> String {
    let says = match status {
        413 => "the request's body is over a size limit (a proxy's, a gateway's or the body parser's)",
        429 => "a rate limit answered",
        401 => "authentication refused the request (its token or cookie is missing or no longer valid)",
        403 => "something refused the request: authentication or authorization (its token or cookie), a WAF rule, or the server's own CORS layer refusing the page's origin (Elasticsearch, Spring's \"Invalid CORS request\" and others answer a disallowed Origin with 403)",
        404 => "nothing answers this method and path (a wrong URL, or a route for another method)",
        405 => "the route takes no such method (a route for another method, or a static file server)",
        502..=504 => "the server behind the proxy or gateway failed, crashed, timed out or is not running (its logs say which)",
        s if s >= 500 => "the application failed on the request (its logs say where)",
        _ => "the server refused the request",
    };
    format!("{says}, and that error response carries no CORS headers, so the browser reports a missing Access-Control-Allow-Origin instead of the {status}. Fix what the {status} says first; then let error responses carry the CORS headers too (nginx: `add_header … always`; an error handler that keeps them), so the page can read the status.")
}

/// Words about a CORS failure that name the request's error status ("a 413 error (payload too
/// large)", "the server returns 401"), no preflight named, without what the browser said.
fn request_status_in_words(input: &str) -> Option<(usize, String)> {
    let lower = input.to_ascii_lowercase();
    if !(lower.contains("cors") || lower.contains("access-control-allow-origin")) {
        return None;
    }
    let (line, status) = super::paste::prose_status(input).filter(|(_, s)| *s >= 400)?;
    Some((
        line,
        format!(
            "the words say the request got {status}, without what the browser said: {} (Paste the console's message or the request's headers for the full verdict.)",
            request_status_meaning(status)
        ),
    ))
}

/// What a preflight's status the words give (at `line`) means, in the stack the paste names.
pub(crate) fn preflight_status_meaning(input: &str, line: usize, status: u16) -> StatusInWords {
    use crate::exchange::Stack;
    let stacks = super::stack::named(input);
    let has = |s: Stack| stacks.contains(&s);
    let iac = super::stack::iac_named(input);
    let auth_where = if iac == Some(crate::exchange::Iac::Sam) {
        " SAM: with an Auth DefaultAuthorizer (or ApiKeyRequired), SAM puts it on the OPTIONS methods it makes for Cors too; set `AddDefaultAuthorizerToCorsPreflight: false` under the API's Auth (and deploy again)."
    } else if iac == Some(crate::exchange::Iac::Cdk) {
        " CDK: a resource's defaultMethodOptions apply to every method added under it, an OPTIONS method too (aws-cdk#21419): give the authorizer to each method (addMethod(…, { authorizer })) instead, and check in the console that the OPTIONS method has Authorization NONE."
    } else if has(Stack::Iis) && input.contains("indows auth") {
        " With Windows authentication, IIS answers the preflight 401 before the application runs (a preflight never negotiates): install the IIS CORS module and enable it in web.config (<cors enabled=\"true\"> with the origin), which answers preflights before authentication, or allow anonymous access for OPTIONS."
    } else if has(Stack::AspNetCore) {
        " ASP.NET Core: app.UseCors() after UseRouting and before UseAuthentication/UseAuthorization; behind IIS with Windows authentication, IIS itself answers the preflight 401 before ASP.NET Core runs: install the IIS CORS module (<cors enabled=\"true\"> in web.config) or allow anonymous access for OPTIONS."
    } else if has(Stack::Spring) {
        " Spring Security: http.cors() (with a CorsConfigurationSource bean) lets its CORS filter answer the preflight before authentication; or permit HttpMethod.OPTIONS."
    } else if has(Stack::Express) {
        " Express: app.use(cors()) before the authentication middleware, so cors answers the preflight first."
    } else if has(Stack::ApiGateway) {
        " AWS API Gateway: an authorizer or API key requirement on the OPTIONS method, or a REST API path with no OPTIONS method (403 \"Missing Authentication Token\"): enable CORS on the resource, whose OPTIONS method needs no authorization."
    } else if has(Stack::Php) || has(Stack::Laravel) {
        " PHP: answer OPTIONS at the top of the script or in the first middleware (the CORS headers and an empty 204, then exit), before the authentication middleware."
    } else {
        ""
    };
    let route_mistake = super::setup::read(input)
        .into_iter()
        .find(|m| m.kind == crate::exchange::Mistake::RouteMethodsWithoutOptions)
        .map(|m| format!(" {}", m.sentence()));
    // A proxy's CORS settings the words name (an ingress controller's annotations, Traefik's
    // middleware, Kong's plugin): meant to answer the preflight before the service.
    let proxy = [
        (Stack::Haproxy, "HAProxy"),
        (Stack::Traefik, "Traefik"),
        (Stack::Istio, "Istio"),
        (Stack::Kong, "Kong"),
    ]
    .iter()
    .find(|(s, _)| has(*s))
    .map(|(_, n)| *n)
    .or_else(|| {
        let lower = input.to_ascii_lowercase();
        (lower.contains("ingress")
            && (lower.contains("annotation") || lower.contains("enable-cors")))
        .then_some("the ingress controller")
    });
    let route_where = if input.contains("$app->")
        && (input.contains("$group->") || input.contains("Slim"))
    {
        " Slim: a catch-all `$app->options('/{routes:.+}', fn ($req, $res) => $res);` route plus a middleware that adds the CORS headers (the skeleton's own route answers only where it is registered, not inside a group its authentication middleware wraps)."
    } else if has(Stack::Express) {
        " Express: app.use(cors()) (it answers OPTIONS for every route), or app.options('*', cors())."
    } else if has(Stack::FastApi) {
        " FastAPI: app.add_middleware(CORSMiddleware, …), which answers the preflight before the routes."
    } else if has(Stack::Flask) {
        " Flask: CORS(app) from flask-cors."
    } else if has(Stack::Spring) {
        " Spring: a CorsConfigurationSource (or @CrossOrigin / WebMvcConfigurer.addCorsMappings) covering the path; with Spring Security, http.cors()."
    } else if has(Stack::Django) {
        " Django: django-cors-headers' CorsMiddleware, placed above CommonMiddleware."
    } else if has(Stack::AspNetCore) {
        " ASP.NET Core: app.UseCors() with a policy (after UseRouting), or [EnableCors] on the endpoint."
    } else {
        ""
    };
    // A CORS layer's own refusal logged beside the words: what it did not allow.
    const REFUSALS: [(&str, &str); 5] = [
        (
            "Headers are not allowed",
            "a request header the preflight asks for",
        ),
        (
            "Invalid CORS request",
            "the origin, method or a header the preflight asks for",
        ),
        ("Origin is not allowed", "the page's origin"),
        ("Method is not allowed", "the method"),
        (
            "Disallowed CORS",
            "the origin, method or a header the preflight asks for",
        ),
    ];
    let refused = REFUSALS
        .iter()
        .find(|(said, _)| input.contains(said))
        .filter(|_| matches!(status, 400 | 403));
    let why = match status {
        _ if refused.is_some() => {
            let (said, what) = refused.copied().unwrap_or_default();
            format!("the server's CORS layer refused the preflight (its log says \"{said}\"): it does not allow {what}. Every header the call sets that is not CORS-safelisted is asked for (Authorization, Content-Type: application/json, a custom X- header): add the one missing to the layer's allowed headers (rocket_cors: allowed_headers; Spring: allowedHeaders), or the origin or method to its lists")
        }
        403 => format!("an authentication or authorization step caught it (a preflight never carries the page's token, cookie or API key, so whatever checks them answers before any CORS layer does), or a CORS layer refused what the preflight asks (its origin, method or headers: Spring answers 403 \"Invalid CORS request\"). Let the CORS layer answer OPTIONS before authentication, and check its lists against what the preflight asks.{auth_where}"),
        401 => format!("an authentication or authorization step caught it: a preflight never carries the page's token, cookie or API key, so whatever checks them answers {status} before any CORS layer does; the CORS layer must answer OPTIONS before authentication.{auth_where}"),
        404 | 405 | 501 => match &route_mistake {
            Some(m) => format!("no route matches the OPTIONS request.{m}"),
            None => match proxy {
                Some(proxy) => format!("nothing answers OPTIONS there: the CORS settings of {proxy} are meant to answer the preflight in the proxy, yet OPTIONS reached the service, which has no such route: they do not apply to this route (an annotation on another Ingress object, a middleware or plugin not attached to this router or service), or the proxy passes preflights on (an option like Kong's preflight_continue, a version that does not answer them). Check which in the proxy's configuration and its version's documentation, or let the service answer OPTIONS itself."),
                None => format!("nothing in the server answers OPTIONS there: no CORS layer handles the preflight for this route, so the router refuses the method; add the framework's CORS layer, which answers the preflight before the routes.{route_where}"),
            },
        },
        s if (300..400).contains(&s) => "the server redirected it, and a browser never follows a preflight's redirect: call the final URL (https://, the exact host and trailing slash)".to_string(),
        s if s >= 500 => "the server failed on it: the OPTIONS request reached code that expects the real request (a body, a token, a user) and crashed, or the server behind a proxy is down; that error has no CORS headers. Answer OPTIONS in the CORS layer before that code, and look at the server's log for the error".to_string(),
        _ => "the server refused it as asked: its CORS layer did not allow the origin, method or headers the preflight names; add them to its lists".to_string(),
    };
    let why = if why.ends_with('.') {
        why
    } else {
        format!("{why}.")
    };
    StatusInWords {
        line,
        status,
        passed: false,
        meaning: format!("a preflight needs an ok status (2xx), so the browser blocks the request whatever headers come with it. {status} here means {why}"),
    }
}

/// A response header the words say the browser shows but the page's script cannot read
/// ("`Content-Disposition` is not accessible via `response.headers` despite being present in
/// the browser's Network tab", an SDK's `ETag` missing from UploadPart's answer "though it's
/// included in the HTTP response"): a header not exposed to cross-origin scripts, and the
/// setting that exposes it in the stack the paste names.
fn unexposed_in_words(input: &str) -> Option<(usize, String)> {
    const HEADERS: [&str; 12] = [
        "Content-Disposition",
        "ETag",
        "Content-Range",
        "Accept-Ranges",
        "Content-Encoding",
        "Location",
        "Link",
        "X-Total-Count",
        "Authorization",
        "Set-Cookie",
        "Retry-After",
        "Date",
    ];
    const UNREAD: [&str; 16] = [
        "undefined",
        "returns null",
        "is null",
        "not accessible",
        "not available",
        "can't read",
        "cannot read",
        "can't access",
        "cannot access",
        "does not include",
        "doesn't include",
        "not included",
        "is missing",
        "missing from",
        "not present in",
        "empty",
    ];
    const SEEN: [&str; 9] = [
        "network tab",
        "network panel",
        "devtools",
        "dev tools",
        "in the http response",
        "in the response",
        "present",
        "browser shows",
        "postman",
    ];
    let lower = input.to_ascii_lowercase();
    if !SEEN.iter().any(|s| lower.contains(s)) || !UNREAD.iter().any(|u| lower.contains(u)) {
        return None;
    }
    // The header: a known one named in the words, or an `X-…` name in inline code.
    let named = |l: &str| -> Option<String> {
        let ll = l.to_ascii_lowercase();
        HEADERS
            .iter()
            .find(|h| {
                let h = h.to_ascii_lowercase();
                ll.match_indices(&h).any(|(i, _)| {
                    let before = ll[..i].chars().next_back();
                    let after = ll[i + h.len()..].chars().next();
                    !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
                        && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
                })
            })
            .map(|h| h.to_string())
            .or_else(|| {
                l.split('`')
                    .skip(1)
                    .step_by(2)
                    .find(|s| {
                        s.len() > 3
                            && s[..2].eq_ignore_ascii_case("x-")
                            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    })
                    .map(str::to_string)
            })
    };
    let (line, header) = input.lines().enumerate().find_map(|(i, l)| {
        let ll = l.to_ascii_lowercase();
        let unread = UNREAD.iter().any(|u| ll.contains(u));
        let seen = SEEN.iter().any(|s| ll.contains(s));
        (unread || seen)
            .then(|| named(l))
            .flatten()
            .map(|h| (i + 1, h))
    })?;
    // "Date: …" as a word of a form is no header; Date and Link only with header words.
    if matches!(header.as_str(), "Date" | "Link" | "Location") && !lower.contains("header") {
        return None;
    }
    if header == "Set-Cookie" {
        return Some((
            line,
            "a response header no script can read, not a CORS failure: Set-Cookie is a forbidden response header name, left out of response.headers on every origin and never exposed by Access-Control-Expose-Headers. The browser still stores the cookie when the call sends credentials (fetch: credentials: 'include'; axios: withCredentials: true) and the API allows them (Access-Control-Allow-Credentials: true with the page's exact origin); read the session another way (an endpoint that returns it, a non-HttpOnly cookie through document.cookie)".to_string(),
        ));
    }
    let stacks = super::stack::named(input);
    let storage = [
        "s3client",
        "bucket",
        "storage.googleapis",
        "supabase.co/storage",
        "r2.cloudflarestorage",
        "blob.core.windows",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let setting = if storage {
        format!("a bucket\'s CORS rules: S3, R2, Supabase Storage, MinIO: \"ExposeHeaders\": [\"{header}\"]; Google Cloud Storage: \"responseHeader\": [\"{header}\"]; Azure Blob: ExposedHeaders")
    } else {
        use crate::exchange::Stack;
        stacks
            .iter()
            .find_map(|s| {
                Some(match s {
                    Stack::Django => format!(
                        "Django (django-cors-headers): CORS_EXPOSE_HEADERS = [\"{header}\"]"
                    ),
                    Stack::Express => {
                        format!("Express (cors): cors({{ exposedHeaders: ['{header}'] }})")
                    }
                    Stack::Spring => format!("Spring: .exposedHeaders(\"{header}\")"),
                    Stack::AspNetCore => {
                        format!("ASP.NET Core: policy.WithExposedHeaders(\"{header}\")")
                    }
                    Stack::FastApi => {
                        format!("FastAPI: CORSMiddleware(..., expose_headers=[\"{header}\"])")
                    }
                    Stack::Flask => format!("Flask: CORS(app, expose_headers=[\"{header}\"])"),
                    Stack::Laravel => {
                        format!("Laravel: 'exposed_headers' => ['{header}'] in config/cors.php")
                    }
                    Stack::Rails => {
                        format!("Rails (rack-cors): resource '*', expose: ['{header}']")
                    }
                    Stack::Nginx => format!(
                        "nginx: add_header Access-Control-Expose-Headers \"{header}\" always;"
                    ),
                    _ => return None,
                })
            })
            .unwrap_or_else(|| {
                format!("`Access-Control-Expose-Headers: {header}` on the API's responses")
            })
    };
    let etag = if header == "ETag" && lower.contains("upload") {
        " A multipart upload needs each part's ETag to complete, so the SDK fails without it."
    } else {
        ""
    };
    Some((
        line,
        format!(
            "a response header the page's script cannot read, not a blocked request: `{header}` is in the response (the Network tab shows it), but a script on another origin reads only the CORS-safelisted response headers (Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma) and those Access-Control-Expose-Headers lists; response.headers.get returns null for the others, and axios and SDKs leave them out. Expose it: {setting}.{etag} (On the page's own origin every header is readable: a call through a same-origin proxy needs no exposing.)"
        ),
    ))
}

/// CORS headers a person's words state in inline code (``the request has
/// `Access-Control-Request-Headers: authorization` but the response only
/// `access-control-allow-headers: X-Requested-With,Origin` ``), without a capture: what the
/// stated values mean for the browser's check, where they decide it.
fn stated_headers(input: &str) -> Option<(usize, String)> {
    // (name lower-cased, value, line)
    let mut stated: Vec<(String, String, usize)> = Vec::new();
    for (i, l) in input.lines().enumerate() {
        for (k, span) in l.split('`').enumerate() {
            if k % 2 == 0 {
                continue;
            }
            let Some((n, v)) = span.split_once(':') else {
                continue;
            };
            let n = n.trim().to_ascii_lowercase();
            if n.starts_with("access-control-") && !v.trim().is_empty() {
                stated.push((n, v.trim().to_string(), i + 1));
            }
        }
    }
    let get = |name: &str| stated.iter().find(|(n, _, _)| n == name);
    let list = |v: &str| -> Vec<String> {
        v.split(',')
            .map(|x| x.trim().to_ascii_lowercase())
            .filter(|x| !x.is_empty())
            .collect()
    };
    if let (Some((_, asked, _)), Some((_, allowed, line))) = (
        get("access-control-request-headers"),
        get("access-control-allow-headers"),
    ) {
        let allowed_list = list(allowed);
        let star = allowed_list.iter().any(|a| a == "*");
        let missing: Vec<String> = list(asked)
            .into_iter()
            // (`*` covers every name but Authorization.)
            .filter(|h| !(allowed_list.contains(h) || (star && h != "authorization")))
            .collect();
        if !missing.is_empty() {
            let names = missing.join(", ");
            let auth = if missing.iter().any(|h| h == "authorization") {
                " (a `*` never covers Authorization: it must be named)"
            } else {
                ""
            };
            return Some((
                *line,
                format!(
                    "CORS headers stated in words, without the browser's message or a capture: the preflight asks for `{names}`, which the stated Access-Control-Allow-Headers (`{allowed}`) does not list{auth}, so the browser refuses the preflight (Chrome: HeaderDisallowedByPreflightResponse; Firefox: CORSMissingAllowHeaderFromPreflight2). The server's preflight answer must list it: `Access-Control-Allow-Headers: {}, {names}`. (Paste the console's message or the request's Headers tab for the whole verdict.)",
                    allowed.trim()
                ),
            ));
        }
    }
    if let (Some((_, asked, _)), Some((_, allowed, line))) = (
        get("access-control-request-method"),
        get("access-control-allow-methods"),
    ) {
        let allowed_list: Vec<String> = allowed.split(',').map(|m| m.trim().to_string()).collect();
        let m = asked.trim();
        if !allowed_list.iter().any(|a| a == m || a == "*") {
            return Some((
                *line,
                format!(
                    "CORS headers stated in words, without the browser's message or a capture: the preflight asks for the method `{m}`, which the stated Access-Control-Allow-Methods (`{allowed}`) does not list (compared case-sensitively), so the browser refuses the preflight (Chrome: MethodDisallowedByPreflightResponse). The server's preflight answer must list `{m}`. (Paste the console's message or the request's Headers tab for the whole verdict.)"
                ),
            ));
        }
    }
    let origins: Vec<&(String, String, usize)> = stated
        .iter()
        .filter(|(n, _, _)| n == "access-control-allow-origin")
        .collect();
    if let Some((_, v, line)) = origins.iter().find(|(_, v, _)| v.contains(',')) {
        return Some((
            *line,
            format!(
                "CORS headers stated in words, without the browser's message or a capture: `Access-Control-Allow-Origin: {v}` holds more than one value (two layers each adding it, or a list), and the browser accepts exactly one origin or `*`, once (Chrome: MultipleAllowOriginValues). Let one layer send it: the proxy's (nginx: proxy_hide_header Access-Control-Allow-Origin for the application's copy) or the application's. (Paste the console's message or the request's Headers tab for the whole verdict.)"
            ),
        ));
    }
    // The header stated twice with different values ("both the `…: *` and the `…: https://x`
    // headers"): two layers.
    let mut values: Vec<&str> = origins.iter().map(|(_, v, _)| v.as_str()).collect();
    values.dedup();
    if let (Some((_, _, line)), true) = (origins.first(), values.len() > 1) {
        let quoted = values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        // (An origin is scheme, host and port: a path, even `/`, never equals one.)
        let pathed = values
            .iter()
            .filter(|v| {
                v.split_once("://")
                    .is_some_and(|(_, rest)| rest.contains('/'))
            })
            .map(|v| format!(" `{v}` also has a path: an origin never ends in `/`, so it would not match the page's Origin even alone (write `{}`).", v.trim_end_matches('/')))
            .collect::<String>();
        return Some((
            *line,
            format!(
                "CORS headers stated in words, without the browser's message or a capture: the response carries Access-Control-Allow-Origin twice ({quoted}), and the browser accepts the header once, with one origin or `*` (Chrome: MultipleAllowOriginValues, \"contains multiple values\"; Firefox: CORSMultipleAllowOriginNotAllowed). Two layers each add it (the web server or proxy and the application, or two middlewares): let one send it and remove the other's.{pathed} (Paste the console's message or the request's Headers tab for the whole verdict.)"
            ),
        ));
    }
    None
}

/// A server's CORS setup pasted without what the browser said, with a mistake its
/// framework's documentation warns about ([`super::setup`]): the first one, at its line.
fn setup_only(input: &str) -> Option<(usize, String)> {
    let m = super::setup::read(input).into_iter().next()?;
    Some((
        m.line,
        format!(
            "server code or configuration, without what the browser said; in it: {} (For the browser's verdict on a request, paste its console message, the request's headers or a HAR with the code.)",
            m.sentence()
        ),
    ))
}

/// A person's words about a CORS failure, without what the browser said ("I receive a no
/// access-control-allow-origin error"): the line that names it, and what to paste.
fn words_only(input: &str) -> Option<(usize, String)> {
    let lines: Vec<&str> = input.lines().filter(|l| !l.trim().is_empty()).collect();
    let sentences = lines
        .iter()
        .filter(|l| l.split_whitespace().count() >= 6)
        .count();
    // Mostly sentences: a capture or code would be read, or refused by its own reader.
    if lines.is_empty() || sentences * 2 < lines.len() {
        return None;
    }
    let (i, _) = input.lines().enumerate().find(|(_, l)| {
        let lower = l.to_ascii_lowercase();
        lower.contains("cors") || lower.contains("access-control") || lower.contains("cross-origin")
    })?;
    Some((
        i + 1,
        "words about a CORS failure, without what the browser said. whycors reads the browser's own message (the console's \"Access to fetch at '…' from origin '…' has been blocked by CORS policy: …\"), the failing request's headers (DevTools' Headers tab, curl -v) or a HAR: paste one of them, with your words if you like".to_string(),
    ))
}

/// Internet Explorer's and the old EdgeHTML Edge's console codes: "SEC7120: [CORS] The origin
/// 'U' did not find 'U' in the Access-Control-Allow-Origin response header …", "SEC7123:
/// Request header x was not present in the Access-Control-Allow-Headers list.", "SCRIPT7002:
/// XMLHttpRequest: Network Error 0x80070005, Access is denied." Both browsers are retired and
/// checked CORS their own way; what they print is not what today's browsers decide.
fn retired_microsoft(input: &str) -> Option<(usize, String)> {
    input.lines().enumerate().find_map(|(i, l)| {
        let t = l.trim_start();
        let code = t.get(..8).filter(|c| {
            c.starts_with("SEC71") && c[5..7].bytes().all(|b| b.is_ascii_digit()) && c.ends_with(':')
        });
        let network = t.starts_with("SCRIPT7002:") && t.contains("Network Error 0x");
        if code.is_none() && !network {
            return None;
        }
        let what = code.map_or("SCRIPT7002", |c| c.trim_end_matches(':'));
        Some((
            i + 1,
            format!("Internet Explorer's or the old (EdgeHTML) Edge's {what}: these browsers are retired and checked CORS their own way, so their words say little about today's browsers. Open the page in Chrome, Edge, Firefox or Safari and paste that console message, or paste the request's and response's headers (DevTools' Headers tab, curl -v) or a HAR"),
        ))
    })
}

/// DevTools' Network panel's Status column, copied alone or in its row: "CORS error",
/// "(blocked:csp)", "(blocked:mixed-content)", "(canceled)" … It names the outcome, not why.
fn network_status(input: &str) -> Option<(usize, String)> {
    input.lines().enumerate().find_map(|(i, l)| {
        let cells: Vec<&str> = l
            .split(['\t', '|'])
            .map(|c| c.trim().trim_start_matches("Status:").trim())
            .collect();
        let said = |s: &str| cells.iter().any(|c| c.eq_ignore_ascii_case(s));
        let message = if said("CORS error") {
            "DevTools' Network panel says only \"CORS error\" (its Status column): the reason is in the console's message about the request, and the real answer in the request's Headers tab (and its preflight's). Paste the console line, the Headers tab, or a HAR (the Network panel's export button)"
        } else if said("(blocked:csp)") {
            "DevTools' \"(blocked:csp)\": the page's own Content-Security-Policy refused the request before it was sent (not CORS). Paste the console's \"Connecting to '…' violates the following Content Security Policy directive\" line for the directive and the fix"
        } else if said("(blocked:mixed-content)") {
            "DevTools' \"(blocked:mixed-content)\": an https:// page called an http:// URL, which the browser refuses before sending (not CORS). Call the https:// URL; the console's \"Mixed Content: …\" line names it"
        } else if said("(blocked:other)") || said("(blocked:devtools)") {
            "DevTools' \"(blocked:…)\": the browser or DevTools' own request blocking stopped the request before it was sent (not CORS): an extension, a policy, or a blocking rule in DevTools' Network request blocking"
        } else if l.contains("Cannot make any requests from null") {
            "Safari's \"Cannot make any requests from null\": the page's origin is `null` — it was opened from a file:// URL (or a data: URL, or runs in a sandboxed iframe) — and Safari lets such a page make no cross-origin request. Not a server setting: serve the page from a web server (http://localhost:… during development)"
        } else if l.contains("not available to scripts (Reason: CORS")
            || [
                "CORS Missing Allow Origin",
                "CORS Failed",
                "CORS Preflight Did Not Succeed",
                "CORS Allow Origin Not Matching Origin",
                "CORS Missing Allow Credentials",
                "CORS Missing Allow Header",
            ]
            .iter()
            .any(|s| said(s))
        {
            "Firefox's Network panel says the response was blocked by CORS (its Transferred column, or the Response tab's \"Response body is not available to scripts (Reason: CORS …)\"): the console's \"Cross-Origin Request Blocked: …\" line for the request says why, with its URL; the request's Headers tab shows the real answer. Paste either, or a HAR (the Network panel's ⚙ menu: Save All As HAR)"
        } else if l.contains("was not allowed to run insecure content from")
            || l.contains("was not allowed to display insecure content from")
        {
            "Safari's mixed-content block, not CORS: an https:// page loaded an http:// URL, which Safari refuses before sending it — http://localhost and http://127.0.0.1 too, which Chrome and Firefox allow as secure. Serve the local server over https (a certificate the system trusts: mkcert), or open the page itself over http:// while developing"
        } else if said("(canceled)") || said("(pending)") {
            "DevTools' \"(canceled)\" / \"(pending)\": the request was dropped by the page (a navigation, an AbortController) or never finished; that is not CORS. Paste the console's message or a HAR if a CORS error came with it"
        } else {
            return None;
        };
        Some((i + 1, message.to_string()))
    })
}

/// Node's error codes a proxy prints when it cannot reach its target.
const CODES: [&str; 12] = [
    "ECONNREFUSED",
    "ECONNRESET",
    "ETIMEDOUT",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "EPROTO",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "CERT_HAS_EXPIRED",
];

/// A development server's proxy error: Vite ("[vite] http proxy error: /api/x" then
/// "Error: connect ECONNREFUSED 127.0.0.1:8080"), http-proxy-middleware as webpack-dev-server
/// and the Angular CLI print it ("[HPM] Error occurred while proxying request
/// localhost:3000/api to http://localhost:8080/ [ECONNREFUSED] (…)"), Create React App
/// ("Proxy error: Could not proxy request /api from localhost:3000 to http://localhost:8080/.
/// … (ECONNREFUSED)."), Next.js rewrites ("Failed to proxy http://localhost:8000/api Error:
/// connect ECONNREFUSED ::1:8000").
fn dev_proxy(input: &str) -> Option<(usize, String)> {
    let (line_no, server) = input.lines().enumerate().find_map(|(i, l)| {
        let server = if l.contains("[vite] http proxy error") {
            "Vite"
        } else if l.contains("[HPM] Error occurred while proxying request") {
            "the dev server (http-proxy-middleware)"
        } else if l.contains("Proxy error: Could not proxy request") {
            "Create React App's dev server"
        } else if l.trim_start().starts_with("Failed to proxy http") {
            "Next.js"
        } else {
            return None;
        };
        Some((i + 1, server))
    })?;
    // The code and address: on the line or in the lines after it (the stack, the error object).
    let after: Vec<&str> = input.lines().skip(line_no - 1).take(12).collect();
    let code = CODES
        .iter()
        .find(|c| after.iter().any(|l| l.contains(*c)))
        .copied();
    let address = after.iter().find_map(|l| {
        let i = l.find("connect ")?;
        let rest = l.get(i + "connect ".len()..)?;
        let mut words = rest.split_whitespace();
        let _code = words.next()?;
        let addr = words.next()?.trim_end_matches(['.', ',', ')']);
        (addr.contains(':') && addr.rsplit(':').next()?.parse::<u16>().is_ok())
            .then(|| addr.to_string())
    });
    let target = after.iter().find_map(|l| {
        let i = l.find(" to http")?;
        let t = l.get(i + " to ".len()..)?.split_whitespace().next()?;
        Some(t.trim_end_matches(['.', ',']).to_string())
    });
    let to = match (&address, &target) {
        (Some(a), _) => a.clone(),
        (None, Some(t)) => t.clone(),
        (None, None) => "its proxy target".to_string(),
    };
    let why = match code {
        Some("ECONNREFUSED") => {
            let mut s = format!("nothing accepts connections at {to}: start the backend, or point the proxy at the port it listens on");
            if let Some(port) = address.as_deref().and_then(|a| a.strip_prefix("::1:")) {
                s.push_str(&format!(". Node 17 and later no longer prefer IPv4 for \"localhost\": it went to ::1 (IPv6), which a backend listening on 127.0.0.1 only refuses; set the proxy target to http://127.0.0.1:{port}, or make the backend listen on ::1 too"));
            }
            s
        }
        Some("ECONNRESET") => format!("the backend at {to} closed the connection (it crashed or restarted, or it speaks HTTPS and the proxy target says http:, or the reverse)"),
        Some("ETIMEDOUT") | Some("EHOSTUNREACH") | Some("ENETUNREACH") => format!("{to} cannot be reached from the dev server's machine (a wrong host, a firewall or a VPN)"),
        Some("ENOTFOUND") | Some("EAI_AGAIN") => "the proxy target's host name does not resolve on the dev server's machine".to_string(),
        Some("EPROTO") => format!("TLS failed with {to}: the proxy target says https: for a plain HTTP port, or the reverse"),
        Some(_) => format!("the backend's TLS certificate at {to} is not trusted by Node (self-signed or expired): set the proxy's `secure: false` for local development"),
        None => format!("it could not get an answer from {to}"),
    };
    let code_words = code.map(|c| format!(" ({c})")).unwrap_or_default();
    Some((
        line_no,
        format!(
            "this is {server}'s proxy error, not a CORS error: the dev server could not reach the backend{code_words}: {why}. The browser sent its request to the dev server, on the page's own origin, so no CORS rule was involved; the browser got the dev server's error answer (500, 502 or 504)"
        ),
    ))
}

/// SvelteKit's server-side `fetch` (in a load function during server rendering) imitates the
/// browser's CORS check and throws "Error: CORS error: No 'Access-Control-Allow-Origin' …"
/// from its own `runtime/server/page/fetch.js`: a Node error, not a browser's message.
pub fn server_side_check(input: &str) -> Option<(usize, String)> {
    // A HAR (JSON) is no log: not searched. Other text is searched once before line by line.
    if input.trim_start().starts_with('{') || !input.contains("@sveltejs/kit/") {
        return None;
    }
    let mut lines = input.lines().enumerate();
    let (i, _) = lines.find(|(_, l)| l.contains("CORS error: "))?;
    let sveltekit = input.lines().skip(i).take(12).any(|l| {
        l.trim_start().starts_with("at ") && l.contains("@sveltejs/kit/") && l.contains("/server/")
    });
    sveltekit.then(|| {
        (
            i + 1,
            "this is SvelteKit's server-side fetch, not a browser: during server rendering, `fetch` in a load function imitates the browser's CORS check for another origin, and the API's answer had no Access-Control-Allow-Origin for it (older SvelteKit versions sent that request without an Origin header, which such an API then does not answer with one). Upgrade SvelteKit, or fetch that URL in a server-only load (+page.server.js, +layout.server.js), which makes no CORS check; in the browser the same call is checked by the browser as usual".to_string(),
        )
    })
}

/// Chrome's Cross-Origin Read Blocking line (Chrome 67 to 2023; Opaque Response Blocking
/// since): "Cross-Origin Read Blocking (CORB) blocked cross-origin response U with MIME type
/// text/html. See … for more details."
fn corb(input: &str) -> Option<(usize, String)> {
    const LEAD: &str = "Cross-Origin Read Blocking (CORB) blocked cross-origin response ";
    let Some((i, line)) = input.lines().enumerate().find(|(_, l)| l.contains(LEAD)) else {
        return orb(input);
    };
    let rest = &line[line.find(LEAD)? + LEAD.len()..];
    let (url, after) = rest.split_once(" with MIME type ")?;
    let mime = after
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    let lower = input.to_ascii_lowercase();
    let extension = [
        "extension",
        "content script",
        "content_script",
        "chrome-extension://",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if extension {
        return Some((
            i + 1,
            format!(
                "this is Chrome's Cross-Origin Read Blocking (CORB), not a CORS check: since Chrome 73 (and for all extensions since 85) an extension's content script fetches with the page's origin, so its request for {url} was a cross-origin load the site never allowed, and Chrome handed it an empty response ({mime}). Make the request from the extension's background service worker (MV3; the background page in MV2), with host permission for the site in the manifest (\"host_permissions\"), and pass the result to the content script with chrome.runtime.sendMessage; the site's own CORS headers are not yours to change"
            ),
        ));
    }
    Some((
        i + 1,
        format!(
            "this is Chrome's Cross-Origin Read Blocking (CORB), not a CORS check: a load without CORS (an <img>, a <script>, or since Chrome 73 a fetch from an extension's content script) got {url} as {mime}, and Chrome handed the page an empty response. No CORS header of the server's changes a no-cors load: to read that data, fetch it with CORS (the server then sends Access-Control-Allow-Origin for the page's origin), or in an extension make the request from its background service worker (with host permission for the site); if the element was meant to load a script or image, its URL answered with {mime} instead (an error, sign-in or app page): fix the URL"
        ),
    ))
}

/// Opaque Response Blocking, CORB's successor: Firefox's "A resource is blocked by
/// OpaqueResponseBlocking", Chrome's net::ERR_BLOCKED_BY_ORB. Not a CORS check.
fn orb(input: &str) -> Option<(usize, String)> {
    let (line, _) = find_line(
        input,
        &[
            "blocked by OpaqueResponseBlocking",
            "NS_BINDING_ABORTED (OpaqueResponseBlocking",
            "net::ERR_BLOCKED_BY_ORB",
        ],
    )?;
    Some((
        line,
        "the browser's Opaque Response Blocking (ORB), not a CORS check: a load without CORS (an <img>, <video>, <script> or <link>, or fetch with mode 'no-cors') got a response whose type such an element cannot use — most often an HTML or JSON page (an error, a sign-in, a web console or a directory listing) where an image, a script or media was expected, or a JSON API called with no-cors — and the browser handed the page an empty response. Open the URL in a tab to see what it answers: fix the URL (a bucket's object URL rather than a console's page, for example MinIO's S3 API port rather than its Console's), or its Content-Type; to read data of another origin, fetch it with CORS, whose server then sends Access-Control-Allow-Origin".to_string(),
    ))
}

/// DevTools' Issues panel's Private Network Access issues: "A site requested a resource from a
/// network that it could only access because of its users' privileged network position. …",
/// then one "To fix this issue, …" sentence per kind: the preflight's missing
/// `Access-Control-Allow-Private-Network`, a page that is not a secure context, or a secure page
/// reaching a plain-http private address (the `targetAddressSpace` permission).
fn private_network_issue(input: &str) -> Option<(usize, String)> {
    let lower = input.to_ascii_lowercase();
    if !lower.contains("privileged network position") {
        return None;
    }
    let line_of = |needle: &str| {
        input
            .lines()
            .position(|l| l.to_ascii_lowercase().contains(needle))
            .map(|i| i + 1)
    };
    let title = input
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|t| t.starts_with("Ensure ") && t.len() < 140);
    let line = title
        .and_then(|t| line_of(&t.to_ascii_lowercase()))
        .or_else(|| line_of("privileged network position"))
        .unwrap_or(1);
    let what = if lower.contains("targetaddressspace") {
        "a page served over HTTPS requested a private or local address over plain http. Chrome lets that through only with the user's permission, and asks only when the request says where it goes: `fetch(url, { targetAddressSpace: 'private' })` (or `'local'` for this machine). Add that option, or serve the private resource over HTTPS"
    } else if lower.contains("access-control-allow-private-network") {
        "Chrome sent a preflight carrying `Access-Control-Request-Private-Network: true` before a request from a public page to a private or local address, and the preflight's answer did not carry `Access-Control-Allow-Private-Network: true`. The fix is on the server at that private address: answer OPTIONS with `Access-Control-Allow-Private-Network: true` beside its CORS headers (`Access-Control-Allow-Origin` for the page's origin, the methods and headers the request needs)"
    } else if lower.contains("secure context") || lower.contains("to https") {
        "a page that is not a secure context (served over plain http from a public address) requested a private or local address, which Chrome refuses whatever the server answers. Serve the page over HTTPS (or from localhost); the private resource must be on HTTPS too unless it is on localhost"
    } else {
        "a page requested a private or local address (Private Network Access)"
    };
    let title = title.map(|t| format!(" (\"{t}\")")).unwrap_or_default();
    Some((
        line,
        format!(
            "this is a Private Network Access issue from DevTools' Issues panel{title}: {what}. The Issues panel does not show the request's URL or the page's origin: for the whole diagnosis copy the request's line from the Console (\"Access to fetch at …\"), or save the Network panel as a HAR file"
        ),
    ))
}

/// DevTools' Issues panel ("Ensure CORS response header values are valid", …): a table of
/// affected requests named by their last path segment only.
fn issues_panel(input: &str) -> Option<(usize, String)> {
    // Every CORS issue's description says "A cross-origin resource sharing (CORS) request
    // was blocked …" (or "… request …" for the warnings) under its "Ensure …" title.
    if !input.contains("cross-origin resource sharing (CORS)") {
        return None;
    }
    let (line_no, title) = input.lines().enumerate().find_map(|(i, l)| {
        let t = l.trim();
        (t.starts_with("Ensure ") && t.len() < 120).then_some((i + 1, t))
    })?;
    // The table's rows after its "Request\tStatus\t…" heading: what is wrong, if it says.
    let mut said = Vec::new();
    let mut heading: Option<Vec<&str>> = None;
    for l in input.lines().skip(line_no) {
        let cells: Vec<&str> = l.split('\t').map(str::trim).collect();
        if cells.first() == Some(&"Request") && cells.len() > 2 {
            heading = Some(cells);
            continue;
        }
        let Some(h) = &heading else { continue };
        if cells.len() < 2 {
            continue;
        }
        let cell = |name: &str| {
            h.iter()
                .position(|c| c.starts_with(name))
                .and_then(|i| cells.get(i))
                .filter(|v| !v.is_empty())
                .copied()
        };
        let mut s = String::new();
        if let Some(r) = cell("Request") {
            s.push_str(&format!("\"{r}\""));
        }
        if let (Some(hd), Some(p)) = (cell("Header"), cell("Problem")) {
            s.push_str(&format!(": {hd}: {p}"));
        } else if let Some(p) = cell("Problem") {
            s.push_str(&format!(": {p}"));
        }
        if !s.is_empty() {
            said.push(s);
        }
    }
    let said = if said.is_empty() {
        String::new()
    } else {
        format!(" It lists {}.", said.join("; "))
    };
    Some((
        line_no,
        format!(
            "this is DevTools' Issues panel (\"{title}\"): it names each request by the last part of its path only, without its URL, origin or the responses.{said} Copy that request's line from the Console (\"Access to fetch at …\"), or its Headers tab in the Network panel, or save the Network panel as a HAR file"
        ),
    ))
}
