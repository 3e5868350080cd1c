//! Captures as real reports paste them (headers, curl output, console lines in other
//! languages), reduced to what each case rests on; each is a case whycors misread once.

use whycors::report::Report;
use whycors::{diagnose, Options};

mod common;
use common::{only, report};

/// A DevTools copy without Origin and a response without Access-Control-Allow-Origin: no
/// warning about `Access-Control-Allow-Origin: null`, which the response never sent; a
/// response behind Cloudflare that is the application's own gets the application's fix first.
#[test]
fn devtools_copy_without_origin_behind_cloudflare() {
    let r = report("Request URL: https://api.example.com/edge/rest/player\nRequest Method: POST\nStatus Code: 400\n\ncf-ray: 4978ff1c1cfb6a3d-LHR\ncontent-length: 0\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "response_missing_cors");
    assert_eq!(f.cause.gateway.map(|g| g.slug()), Some("cloudflare"));
    assert!(
        f.warnings.iter().all(|w| !w.contains("Allow-Origin: null")),
        "{:?}",
        f.warnings
    );
    assert_eq!(f.fixes[0].target, "generic");
    assert!(
        f.fixes
            .iter()
            .all(|x| !x.text.contains("Cloudflare answered itself")),
        "{:?}",
        f.fixes
    );
    // A response that does answer `null` still gets the warning.
    let r = report("Request URL: https://api.example.com/x\nRequest Method: GET\nStatus Code: 200\n\naccess-control-allow-origin: null\n");
    assert!(
        only(&r)
            .warnings
            .iter()
            .any(|w| w.contains("Allow-Origin: null")),
        "{:?}",
        only(&r).warnings
    );
    // Cloudflare's own block page is still Cloudflare's rule.
    let r = report("Request URL: https://api.example.com/x\nRequest Method: GET\nStatus Code: 403\n\nserver: cloudflare\ncf-ray: 4978ff1c1cfb6a3d-LHR\ncf-mitigated: challenge\ncontent-type: text/html\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "gateway_error");
    assert_eq!(f.fixes[0].target, "cloudflare");
}

/// `curl -H "Origin: *"`: no browser sends that; the report says so instead of judging
/// against it as the page's origin.
#[test]
fn origin_star_is_no_page_origin() {
    let r = report("curl 'https://api.example.com/latest' -X OPTIONS -H \"ORIGIN: *\" -H 'access-control-request-method: GET' -v\nHTTP/1.1 200 OK\nServer: nginx/1.9.15\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Methods: GET\n");
    let f = only(&r);
    assert!(
        f.missing
            .iter()
            .any(|m| m.contains("`Origin: *` is not one a browser sends")),
        "{:?}",
        f.missing
    );
}

/// A cache served a stored copy without CORS headers and without `Vary: Origin`: the cache
/// is named, and its fix comes first.
#[test]
fn cached_copy_without_cors_headers() {
    let hit = "$ curl 'https://cdn.example.com/lib.min.js' -H 'Origin: https://www.example.org' -D- -so /dev/null\nHTTP/2 200\ncontent-type: application/javascript\ncache-control: public, max-age=30672000\nvary: Accept-Encoding\ncf-cache-status: HIT\nserver: cloudflare\ncf-ray: 4c80f05aecea514c-SJC\n";
    let r = report(hit);
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "response_missing_cors");
    assert_eq!(f.cause.gateway_response.as_deref(), Some("CACHE_HIT"));
    assert!(f.summary.contains("cf-cache-status: HIT"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "cdn-cache");
    assert!(f.fixes[0].text.contains("Purge"), "{}", f.fixes[0].text);
    // Kept apart by Origin, or a miss: not the cache.
    for other in [
        hit.replace("vary: Accept-Encoding", "vary: Accept-Encoding, Origin"),
        hit.replace("cf-cache-status: HIT", "cf-cache-status: MISS"),
    ] {
        let r = report(&other);
        assert_eq!(only(&r).cause.gateway_response, None, "{other}");
    }
    // CloudFront's hit, without a product in front of it known otherwise.
    let r = report("HTTP/1.1 200 OK\nContent-Type: application/json\nX-Cache: Hit from cloudfront\nVia: 1.1 abc.cloudfront.net (CloudFront)\nX-Amz-Cf-Id: abc\n\n");
    let f = only(&r);
    assert_eq!(f.cause.gateway_response.as_deref(), Some("CACHE_HIT"));
    assert!(
        f.fixes[0].text.contains("create-invalidation"),
        "{}",
        f.fixes[0].text
    );
}

/// The page calls its own host with another scheme, or with(out) `www.`: said first.
#[test]
fn own_host_by_another_name() {
    let r = report("Access to XMLHttpRequest at 'http://www.example.xyz/admin/editNode' from origin 'https://www.example.xyz' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource");
    let s = &only(&r).summary;
    assert!(
        s.starts_with("The page (https://www.example.xyz) calls its own host over http://"),
        "{s}"
    );
    let r = report("Access to fetch at 'https://www.example.com/api' from origin 'https://example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert!(
        only(&r).summary.contains("differ only in `www.`"),
        "{}",
        only(&r).summary
    );
    // Another port is another service, not the same site over another scheme.
    let r = report("XMLHttpRequest cannot load https://localhost:8443/srv/cors?url=x. No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:8000' is therefore not allowed access.");
    assert!(
        !only(&r).summary.contains("own host"),
        "{}",
        only(&r).summary
    );
    assert!(only(&r).fixes.iter().all(|x| x.target != "same-origin-url"));
    // Another host altogether: no such note.
    let r = report("Access to fetch at 'https://api.example.com/x' from origin 'https://example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert!(
        !only(&r).summary.contains("own host"),
        "{}",
        only(&r).summary
    );
    assert!(!only(&r).summary.contains("www."), "{}", only(&r).summary);
}

/// An older French Firefox wording ("multi-origines", no status code).
#[test]
fn older_french_firefox_wording() {
    let r = report("01:39:10,774 Blocage d'une requête multi-origines (Cross-Origin Request) : la politique « Same Origin » ne permet pas de consulter la ressource distante située sur https://ws.example.fr/setuser. Raison : échec de la requête CORS.1 <inconnu>\n");
    let f = only(&r);
    assert_eq!(f.browser.firefox.as_deref(), Some("CORSDidNotSucceed2"));
    assert_eq!(f.request.url, "https://ws.example.fr/setuser");
}

/// The page calling its own site by another name gets the same-name fix first.
#[test]
fn own_host_by_another_name_fix_comes_first() {
    let r = report("Access to XMLHttpRequest at 'http://www.example.xyz/admin/editNode?id=3' from origin 'https://www.example.xyz' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource");
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "same-origin-url");
    assert!(
        f.fixes[0].text.contains("fetch('/admin/editNode?id=3')"),
        "{}",
        f.fixes[0].text
    );
    assert!(
        f.fixes[0].text.contains("X-Forwarded-Proto"),
        "{}",
        f.fixes[0].text
    );
    let r = report("Access to fetch at 'https://www.example.com/api' from origin 'https://example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert_eq!(only(&r).fixes[0].target, "same-origin-url");
    let r = report("Access to fetch at 'https://api.example.com/x' from origin 'https://example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert!(only(&r).fixes.iter().all(|x| x.target != "same-origin-url"));
}

/// What a paste carries along from an issue, a forum or an editor: a person's words before
/// and after the capture, line numbers, list bullets, a Markdown code block by indentation,
/// a web page's non-breaking spaces. Each variant reads as the bare capture does.
#[test]
fn paste_wrappings_read_as_the_capture() {
    let headers = "HTTP/1.1 403 Forbidden\nContent-Type: application/json\nx-amzn-ErrorType: MissingAuthenticationTokenException\nx-amzn-RequestId: 1b2c\n\n{\"message\":\"Missing Authentication Token\"}\n";
    let bare = report(headers);
    let cause = |r: &Report| {
        r.findings
            .iter()
            .map(|f| {
                format!(
                    "{}/{}/{:?}",
                    f.cause.kind.as_str(),
                    f.browser.cors_error.as_deref().unwrap_or("-"),
                    f.cause.gateway_response
                )
            })
            .collect::<Vec<_>>()
    };
    let want = cause(&bare);
    assert_eq!(want.len(), 1);
    let number = |t: &str| {
        t.lines()
            .enumerate()
            .map(|(i, l)| format!("{}. {l}", i + 1))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let variants = [
        format!("I get this error when I call my API from the page:\n\n{headers}\nAny idea what is wrong here? Thanks!\n"),
        number(headers),
        headers
            .lines()
            .map(|l| if l.is_empty() { String::new() } else { format!("- {l}") })
            .collect::<Vec<_>>()
            .join("\n"),
        headers
            .lines()
            .map(|l| if l.is_empty() { String::new() } else { format!("    {l}") })
            .collect::<Vec<_>>()
            .join("\n"),
        headers.replace("403 Forbidden", "403\u{a0}Forbidden"),
    ];
    for v in &variants {
        let r = diagnose(v, &Options::default()).unwrap_or_else(|e| panic!("{e}\n{v}"));
        assert_eq!(cause(&r), want, "{v}");
    }
    // A curl command with words before and after it.
    let r = report("Here is the request, copied from DevTools:\n\ncurl 'https://api.example.com/v1/items' -X PUT -H 'Origin: https://app.example.com' -H 'content-type: application/json' --data-raw '{}'\n\nIt works in Postman but not in the browser.\n");
    let f = only(&r);
    assert_eq!(f.request.method, "PUT");
    assert_eq!(f.request.url, "https://api.example.com/v1/items");
    // Words that name the browser's error are evidence: the capture is not read as if they
    // were not there (the response is the one the browser withheld).
    let r = report(
        "It fails in the network tab with net::ERR_BLOCKED_BY_ORB and nothing else\n\nHTTP/2 200\ncontent-type: text/html\n",
    );
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "network_error");
    assert!(f.summary.contains("an HTML page"), "{}", f.summary);
}

/// Chrome's failed-preflight message with a `curl -v -X OPTIONS` session of the same URL:
/// the session is the preflight (its 401 the status the message hid), not a request whose
/// method is OPTIONS.
#[test]
fn console_message_with_an_options_session_by_hand() {
    let r = report("Access to fetch at 'https://hs.example.com/api/v1/apikey' from origin 'https://ui.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.\n\nheadscale replies a 401 to `OPTIONS /api/v1/apikey`:\n```\n> OPTIONS /api/v1/apikey HTTP/1.1\n> Host: hs.example.com\n> User-Agent: curl/8.4.0\n> Accept: */*\n>\n< HTTP/1.1 401 Unauthorized\n< Server: openresty\n< Content-Type: text/plain; charset=utf-8\n< Access-Control-Allow-Origin: *\n<\nUnauthorized\n```\n");
    let f = only(&r);
    assert_ne!(f.request.method, "OPTIONS");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert_eq!(f.cause.status, Some(401));
    assert_eq!(f.cause.kind.as_str(), "preflight_failed");
}

/// Two more pastes from public threads: Chrome's sentence with its first word cut off, and an
/// old DevTools copy ("Status Code:522", no space) after a person's words and a lone
/// backtick.
#[test]
fn cut_sentence_old_devtools_status_and_words_before_a_copy() {
    let r = report("'Access-Control-Allow-Origin' header contains multiple values '*, *', but only one is allowed. Origin 'https://a.example' is therefore not allowed access.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    assert_eq!(f.request.origin.as_deref(), Some("https://a.example"));

    let copy = "General\nRequest URL:https://proxy.example.com/api?method=News\nRequest Method:GET\nStatus Code:522 \nRemote Address:104.31.64.208:443\n\nResponse Headers\ncf-ray:3154e8e72ff156d5-IAD\ncontent-type:text/html; charset=UTF-8\nserver:cloudflare-nginx\n\nRequest Headers\n:authority:proxy.example.com\n:method:GET\n";
    for text in [
        copy.to_string(),
        format!("Sure thing...here is one example:\n`\n{copy}`\n"),
    ] {
        let r = report(&text);
        let f = only(&r);
        assert_eq!(f.cause.status, Some(522), "{text}");
        assert_eq!(f.cause.kind.as_str(), "gateway_error", "{text}");
        assert_eq!(f.request.url, "https://proxy.example.com/api?method=News");
    }
}

/// A request and a response under labels of their own ("Sample request:"), as an issue
/// shows them; a 200 preflight without any CORS header may be a CORS layer that declined it
/// quietly: the summary says so, with what its lists must allow.
#[test]
fn labelled_request_and_response_and_a_quiet_refusal() {
    let r = report("Sample request:\n\n```\nOPTIONS /api/urls HTTP/1.1\nHost: localhost:4000\nAccess-Control-Request-Headers: content-type\nAccess-Control-Request-Method: POST\nOrigin: http://foo.example\n```\n\nSample response: \n\n```\nHTTP/1.1 200 OK\nserver: Cowboy\ncontent-length: 0\n```\n");
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.cause.kind.as_str(), "preflight_missing");
    assert!(
        f.summary.contains("declined it")
            && f.summary.contains("the origin http://foo.example")
            && f.summary.contains("the headers content-type"),
        "{}",
        f.summary
    );
}

/// DevTools' Status column ("(failed)net::ERR_BLOCKED_BY_ORB") in a person's words over
/// `curl -I` of the same URL: Opaque Response Blocking of a no-cors load, named with the
/// response's own Content-Type and nosniff, not a missing Allow-Origin (the request was a
/// `<script>`, which takes no CORS check). Alone, the line says it names no URL.
#[test]
fn orb_status_column_over_curl_head() {
    let curl = "user@host:~/code$ ddev exec curl -I -H \"Origin: https://shop.ddev.site\" -X GET https://shop.ddev.site:9090/theme/all.js\nHTTP/2 200 \ncache-control: no-cache, private\ncontent-type: text/html; charset=UTF-8\nserver: Apache/2.4.57 (Debian)\nx-content-type-options: nosniff\n";
    let r = report(&format!(
        "Seems like a CORS issue as I get this status in the network tab: `(failed)net::ERR_BLOCKED_BY_ORB`\n\n{curl}"
    ));
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(f.browser.cors_error, None);
    assert_eq!(f.cause.kind.as_str(), "network_error");
    assert!(
        f.summary.contains("Opaque Response Blocking"),
        "{}",
        f.summary
    );
    assert!(f.summary.contains("nosniff"), "{}", f.summary);
    assert!(f.summary.contains("an HTML page"), "{}", f.summary);
    assert!(
        f.evidence.iter().any(|e| e.contains("text/html")),
        "{:?}",
        f.evidence
    );
    // Without nosniff, an error status: the status is the reason.
    let r = report(&format!(
        "(failed) net::ERR_BLOCKED_BY_ORB\n{}",
        curl.replace("HTTP/2 200", "HTTP/2 404")
            .replace("x-content-type-options: nosniff\n", "")
    ));
    let f = only(&r);
    assert!(f.summary.contains("its status is 404"), "{}", f.summary);
    // The same curl without the line: a CORS request judged by its headers.
    let r = report(curl);
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    // The line alone: ORB, and the URL named missing.
    let r = report("(failed)net::ERR_BLOCKED_BY_ORB\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "network_error");
    assert!(
        f.summary.contains("Opaque Response Blocking"),
        "{}",
        f.summary
    );
    assert!(
        f.missing.iter().any(|m| m.starts_with("the request's URL")),
        "{:?}",
        f.missing
    );
}

/// Chrome's Local Network Access mismatch as Chromium words it (two spaces: the one the
/// request was made for, the server's), wrapped over lines by the reporter; a site on the
/// web calling localhost gets the note that its API URL is likely a development default.
#[test]
fn local_network_access_mismatch_names_both_spaces() {
    let r = report("GET http://127.0.0.1:1920/api/health net::ERR_FAILED\n\nAccess to fetch at 'http://127.0.0.1:1920/api/health'\nfrom origin 'https://studio.example.dev'\nhas been blocked by CORS policy:\nRequest had a target IP address space of `local`\nyet the resource is in address space `loopback`.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("InvalidLocalNetworkAccess")
    );
    assert_eq!(
        f.browser.failed_parameter.as_deref(),
        Some("local, loopback")
    );
    assert_eq!(f.cause.kind.as_str(), "local_network_access");
    assert!(
        f.summary.contains("`targetAddressSpace: 'local'`") && f.summary.contains("`'loopback'`"),
        "{}",
        f.summary
    );
    assert!(f.summary.contains("development default"), "{}", f.summary);
    assert!(
        f.browser.console.as_deref().is_some_and(|c| c.contains(
            "Request had a target IP address space of `local` yet the resource is in address space `loopback`."
        )),
        "{:?}",
        f.browser.console
    );
    // `unknown`: no space declared; the option to give is named.
    let r = report("Access to fetch at 'http://localhost:3000/teas' from origin 'https://tea.example.app' has been blocked by CORS policy: Request had a target IP address space of `unknown` yet the resource is in address space `loopback`.");
    let f = only(&r);
    assert!(
        f.summary.contains("`targetAddressSpace: 'loopback'`"),
        "{}",
        f.summary
    );
    // A page on this machine calling localhost: no note about a deployed site.
    let r = report("Access to fetch at 'http://localhost:8080/x' from origin 'http://localhost:3000' has been blocked by CORS policy: Request had a target IP address space of `local` yet the resource is in address space `loopback`.");
    assert!(
        !only(&r).summary.contains("development default"),
        "{}",
        only(&r).summary
    );
}

/// Chrome's "(redirected from …)" where the redirect only moved the request — the same path
/// on the backend's own host (an app behind Azure Front Door), http:// to https://, or a
/// trailing slash: said as such, with the fix for that, not as a sign-in page.
#[test]
fn redirect_that_only_moves_the_request() {
    let msg = |to: &str, from: &str| {
        format!("Access to XMLHttpRequest at '{to}' (redirected from '{from}') from origin 'https://app.example.net' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.")
    };
    let r = report(&msg(
        "https://app.azurewebsites.net/api/drafts",
        "https://app.example.net/api/drafts",
    ));
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "redirect");
    assert!(
        f.summary.contains("the same path on another host"),
        "{}",
        f.summary
    );
    assert!(f.summary.contains("X-Forwarded-Host"), "{}", f.summary);
    assert!(!f.summary.contains("sign-in"), "{}", f.summary);
    let r = report(&msg(
        "https://api.example.com/v1/items",
        "http://api.example.com/v1/items",
    ));
    assert!(
        only(&r).summary.contains("Call the https:// URL directly"),
        "{}",
        only(&r).summary
    );
    let r = report(&msg(
        "https://api.example.com/v1/items/",
        "https://api.example.com/v1/items",
    ));
    assert!(
        only(&r).summary.contains("trailing slash"),
        "{}",
        only(&r).summary
    );
    // A redirect to another path on another host is still the sign-in guess.
    let r = report(&msg(
        "https://login.example.com/authorize?x=1",
        "https://app.example.net/api/drafts",
    ));
    assert!(only(&r).summary.contains("sign-in"), "{}", only(&r).summary);
}

/// A page calling another site's API (an AI provider's, from a blog's script): the headers
/// are its owner's to add, so the summary says to call it from the page's own server; a
/// DevTools line that lost its first letter ("OST https://…") names no method. A call within
/// one site (app. to api. of the same domain) or to an API Gateway URL gets no such note.
#[test]
fn another_sites_api_and_a_cut_method() {
    let r = report("Access to fetch at 'https://api.llm-provider.example/' from origin 'https://www.blog.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\nOST https://api.llm-provider.example/ net::ERR_FAILED\n");
    let f = only(&r);
    assert_eq!(f.request.method_basis, "assumed");
    assert_ne!(f.request.method, "OST");
    assert!(
        f.summary
            .contains("If you do not run api.llm-provider.example"),
        "{}",
        f.summary
    );
    for (url, origin) in [
        ("https://api.shop.co.uk/x", "https://www.shop.co.uk"),
        ("https://api.example.com/x", "https://app.example.com"),
        (
            "https://abc123defg.execute-api.us-east-1.amazonaws.com/prod/x",
            "https://app.example.com",
        ),
        ("http://localhost:8080/x", "http://localhost:3000"),
    ] {
        let r = report(&format!("Access to fetch at '{url}' from origin '{origin}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource."));
        assert!(
            !only(&r).summary.contains("If you do not run"),
            "{url}: {}",
            only(&r).summary
        );
    }
}

/// DevTools' General rows without the Request URL row ("Request Method: OPTIONS", "Status
/// Code: 502") over the response headers: the preflight's answer, not a GET's.
#[test]
fn general_rows_without_the_url_keep_the_method() {
    let r = report("Request Method: OPTIONS\nStatus Code: 502\n\ncf-ray: 6fde367d7834781c-VIE\ncontent-type: text/html; charset=UTF-8\nexpires: Thu, 01 Jan 1970 00:00:01 GMT\nserver: cloudflare\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert_eq!(f.cause.stage, Some(whycors::verdict::Stage::Preflight));
}

/// "Sample request: `URL`" and "Response headers:" over a fenced header dump without a
/// status line: the headers are read, and the label's URL is the request's.
#[test]
fn labelled_url_over_a_bare_header_dump() {
    let r = report("Sample request: `https://stats.example.net/api/v3/u/player-1/blob`\n\nResponse headers: \n```\nDate: Mon, 22 May 2017 13:22:52 GMT\nContent-Type: application/json\nContent-Length: 42\nServer: cloudflare-nginx\ncf-ray: 363016318e87267e-FRA\n```\n");
    let f = only(&r);
    assert_eq!(
        f.request.url,
        "https://stats.example.net/api/v3/u/player-1/blob"
    );
    assert_eq!(f.cause.kind.as_str(), "response_missing_cors");
    // Words that mention some other URL give none.
    let r = report("I followed the guide at https://docs.example.net/guide and then got this\n\nHTTP/1.1 403 Forbidden\nContent-Type: application/json\n");
    assert_eq!(only(&r).request.url, "");
}

/// Third round of real reports: a zsh theme's prompt before curl; Cloudflare's 52x is the
/// origin's failure (not a WAF rule); Safari's 421 is a reused connection, not CORS; an
/// OPTIONS sent by hand without Origin and Access-Control-Request-Method is said to be no
/// preflight to Envoy's CORS filter, whose corsPolicy is the fix; S3's older regional host.
#[test]
fn third_round_prompt_cloudflare_52x_421_bare_options() {
    let r = report("❯ curl -I https://food.example.org/api/v3/product/1\nHTTP/2 429\nserver: nginx/1.18.0\ncontent-type: text/html\n");
    assert_eq!(
        only(&r).request.url,
        "https://food.example.org/api/v3/product/1"
    );
    let r = report("➜  app git:(main) ✗ curl -i https://api.example.com/x -H 'Origin: https://a.example'\nHTTP/1.1 429 Too Many Requests\nserver: nginx\n");
    assert_eq!(only(&r).request.url, "https://api.example.com/x");

    let r = report("Request URL: https://proxy.example.me/?url=https://x.example\nRequest Method: GET\nStatus Code:522\n\nserver:cloudflare-nginx\ncf-ray:2f2e1d6c5b4a3f21-LHR\ncontent-type:text/html\n");
    let f = only(&r);
    assert_eq!(f.cause.gateway_response.as_deref(), Some("522"));
    assert!(f.fixes[0].title.contains("52x"), "{:?}", f.fixes[0].title);
    assert!(!f.fixes[0].text.contains("Skip"), "{}", f.fixes[0].text);

    let r = report("Failed to load resource: Origin https://site.example.io is not allowed by Access-Control-Allow-Origin. Status code: 421");
    assert!(
        only(&r).summary.starts_with("421 Misdirected Request"),
        "{}",
        only(&r).summary
    );

    let r = report("$ curl -X OPTIONS https://svc.example.com -IL\nHTTP/1.1 405 Method Not Allowed\nserver: istio-envoy\ncontent-type: text/html; charset=utf-8\nx-envoy-upstream-service-time: 19\n");
    let f = only(&r);
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("no preflight to a CORS layer")),
        "{:?}",
        f.warnings
    );
    assert_eq!(f.fixes[0].target, "istio");

    let r = report("Access to fetch at 'https://up.s3-ap-south-1.amazonaws.com/' from origin 'http://localhost:3005' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert_eq!(only(&r).fixes[0].target, "s3-cors");
}

/// Firefox's old request and response header lists without status lines: a preflight answer
/// with a Location is a redirect (PreflightDisallowedRedirect), and the fix is to call where
/// it points; Safari's "Cannot make any requests from null" is a page opened from a file.
#[test]
fn unstated_redirect_and_safari_null_page() {
    let r = report("Host: api-old.example.com\nOrigin: http://app.example.net\nAccess-Control-Request-Method: GET\nAccess-Control-Request-Headers: apikey\n\nConnection: keep-alive\nContent-Length: 0\nLocation: http://api.example.net/api/v1/events\nServer: Cowboy\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightDisallowedRedirect")
    );
    assert!(
        f.summary
            .contains("to http://api.example.net/api/v1/events")
            && f.summary.contains("Call the URL it redirects to directly"),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("(0)"), "{}", f.summary);
    let e = diagnose(
        "Failed to load resource: Cannot make any requests from null.",
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(e.place.line, Some(1));
    assert!(e.message.contains("file://"), "{e}");
}

/// Old Chrome refusing `Access-Control-Allow-Origin: null` for a page whose origin is `null`:
/// the page was opened from a file; serving it over http(s) is the fix.
#[test]
fn null_origin_page_refused_allow_origin_null() {
    let r = report("Failed to load http://localhost:3000/users: The 'Access-Control-Allow-Origin' header has a value 'null' that is not equal to the supplied origin. Origin 'null' is therefore not allowed access. Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.");
    let f = only(&r);
    assert!(f.summary.contains("opened from a file"), "{}", f.summary);
    assert!(
        f.summary
            .contains("did not take `Access-Control-Allow-Origin: null`"),
        "{}",
        f.summary
    );
}

/// A row of Firefox's Network panel copied cell by cell: "XHRGET", the URL, and its
/// Transferred column's "CORS Missing Allow Origin" — Firefox's key, the URL and the method.
#[test]
fn firefox_network_panel_row() {
    let r = report("XHRGET\nhttps://ai5fg19zme.execute-api.us-east-1.amazonaws.com/prod/user?id=1\nCORS Missing Allow Origin\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
    assert_eq!(f.request.method, "GET");
    assert_eq!(f.request.method_basis, "stated");
    assert_eq!(
        f.cause.platform.as_ref().map(|p| p.platform.slug()),
        Some("aws-api-gateway")
    );
    let r = report("fetchPOST\nhttps://api.example.com/v1/items\nCORS Preflight Did Not Succeed\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSPreflightDidNotSucceed3")
    );
    assert_eq!(f.request.method, "POST");
}

/// The evidence quotes what the input says: another browser's message, or an older Chrome's
/// words, not today's Chrome sentence the verdict is named after.
#[test]
fn evidence_quotes_the_pasted_message() {
    let de = "Quellübergreifende (Cross-Origin) Anfrage blockiert: Die Gleiche-Quelle-Regel verbietet das Lesen der externen Ressource auf https://api.example.com/ws/v2/account. (Grund: CORS-Preflight-Kanal war nicht erfolgreich).";
    let old = "OPTIONS http://localhost:8080/login 401 ()\nFailed to load http://localhost:8080/login: Response for preflight has invalid HTTP status code 401.";
    for text in [de, old] {
        let r = report(text);
        let ev = &only(&r).evidence;
        assert!(
            ev.iter()
                .all(|e| !e.contains("It does not have HTTP ok status")),
            "{ev:?}"
        );
        let said = text.lines().last().unwrap();
        assert!(
            ev.iter().any(|e| e.contains(said.trim())),
            "{said} not in {ev:?}"
        );
    }
    // Today's Chrome: its reason, once.
    let chrome = "Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.";
    let r = report(chrome);
    let ev = &only(&r).evidence;
    assert_eq!(
        ev.iter()
            .filter(|e| e.contains("It does not have HTTP ok status"))
            .count(),
        1,
        "{ev:?}"
    );
}

/// Response headers pasted beside the browser's message without their status line (as a
/// question quotes them): they are that request's, read and kept by the fixes; a message
/// without its URL asks for it once.
#[test]
fn bare_header_block_beside_the_message() {
    let text = "Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header contains multiple values '*, *', but only one is allowed.\n\nActually, all my response headers contain the values twice:\n\nAccess-Control-Allow-Headers: Content-Type, X-Auth-Token, Authorization, Content-Type, X-Auth-Token, Authorization\nAccess-Control-Allow-Methods: POST, GET, OPTIONS, PUT, DELETE, POST, GET, OPTIONS, PUT, PATCH, DELETE\nAccess-Control-Allow-Origin: *, *\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMultipleAllowOriginValues")
    );
    assert!(
        f.warnings
            .iter()
            .all(|w| !w.contains("sent without `Origin`")),
        "{:?}",
        f.warnings
    );
    let fix = &f.fixes[0].text;
    assert!(
        fix.contains("x-auth-token") && fix.contains("PATCH"),
        "{fix}"
    );
    let asks_url = f
        .missing
        .iter()
        .filter(|m| m.starts_with("the request's URL"))
        .count();
    assert_eq!(asks_url, 1, "{:?}", f.missing);
    // `Name:value` lines as DevTools' old view copied them, after the message.
    let text = "Failed to load http://api.example.com/jobs/195: Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response.\n\nthe preflight response:\nAccess-Control-Allow-Headers:authorization,content-type\nAccess-Control-Allow-Methods:GET,HEAD,PUT,POST,DELETE\nAccess-Control-Allow-Origin:*\nServer:Tengine\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MethodDisallowedByPreflightResponse")
    );
    assert!(
        f.evidence
            .iter()
            .any(|e| e.contains("it lists GET, HEAD, PUT, POST, DELETE")),
        "{:?}",
        f.evidence
    );
    // The same block pasted alone is read, not refused; prose with "key:value" still is.
    let r = report(
        "Access-Control-Allow-Methods:GET,HEAD,PUT,POST,DELETE\nAccess-Control-Allow-Origin:*\n",
    );
    assert_eq!(r.input, "http_text");
    assert!(diagnose("note:this is prose\nsee:below\n", &Options::default()).is_err());
}

/// A preflight answered 405 with CORS headers: a CORS layer passed OPTIONS on to routes
/// where nothing answers it; the summary does not say the headers were missing, nor claim
/// anything of headers a paste does not show.
#[test]
fn preflight_405_with_cors_headers() {
    let text = "Request URL:http://118.25.33.81:8002/\nRequest Method:OPTIONS\nStatus Code:405 Method Not Allowed\nResponse Headers\nAccess-Control-Allow-Headers:*\nAccess-Control-Allow-Methods:POST, GET, OPTIONS\nAccess-Control-Allow-Origin:*\nContent-Type:application/json\nServer:TornadoServer/5.0.1\nRequest Headers\nAccess-Control-Request-Headers:x-csrftoken\nAccess-Control-Request-Method:POST\nOrigin:http://118.25.33.81:8001\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "preflight_missing");
    assert!(!f.summary.contains("without CORS headers"), "{}", f.summary);
    assert!(f.summary.contains("with CORS headers"), "{}", f.summary);
    // Tornado named by its server: its handler's options() method first, no Express.
    assert_eq!(f.fixes[0].target, "tornado");
    assert!(
        f.fixes[0].text.contains("def options("),
        "{}",
        f.fixes[0].text
    );
    assert!(f
        .fixes
        .iter()
        .all(|x| x.target != "express" && x.target != "frameworks"));
    let general_only = "Request URL: http://api.example.com/api/auth/login\nRequest Method: OPTIONS\nStatus Code: 405 Method Not Allowed\n";
    let r = report(general_only);
    let s = &only(&r).summary;
    assert!(!s.contains("CORS headers"), "{s}");
}

/// An OPTIONS typed without Access-Control-Request-Method is no preflight to most CORS
/// layers (CouchDB answered it 401, a real preflight 204); an Origin typed with a trailing
/// slash is none a browser sends, and an echoing server echoes it.
#[test]
fn typed_options_that_are_no_preflight() {
    let couch = "$ curl -i -H'Origin: http://10.23.5.1:8080' -XOPTIONS http://10.7.7.31:5984/_session\nHTTP/1.1 401 Unauthorized\nAccess-Control-Allow-Credentials: true\nAccess-Control-Allow-Origin: http://10.23.5.1:8080\nContent-Type: application/json\nServer: CouchDB/3.1.0 (Erlang OTP/22)\n\n{\"error\":\"unauthorized\",\"reason\":\"Authentication required.\"}\n";
    let r = report(couch);
    let w = &only(&r).warnings;
    assert!(
        w.iter().any(
            |w| w.contains("sent without `Access-Control-Request-Method`")
                && w.contains(
                    "-H 'Origin: http://10.23.5.1:8080' -H 'Access-Control-Request-Method"
                )
        ),
        "{w:?}"
    );
    // With it, no such warning.
    let real = couch.replace(
        "-XOPTIONS",
        "-H 'Access-Control-Request-Method: POST' -XOPTIONS",
    );
    let r = report(&real);
    assert!(
        only(&r)
            .warnings
            .iter()
            .all(|w| !w.contains("Access-Control-Request-Method`,")),
        "{:?}",
        only(&r).warnings
    );
    let slash = "$ curl http://127.0.0.1:8880/healthcheck -X OPTIONS -H 'Origin: https://something.example.com/' -i -H 'Access-Control-Request-Method: GET'\nHTTP/1.1 200 OK\nServer: nginx\nAccess-Control-Allow-Origin: https://something.example.com/\n";
    let r = report(slash);
    let w = &only(&r).warnings;
    assert!(
        w.iter().any(|w| w.contains("is not what a browser sends")
            && w.contains("`Origin: https://something.example.com`")),
        "{w:?}"
    );
}

/// A console message whose net line states 413: the size limit is named first, the status
/// being the problem; a status that says nothing by itself adds nothing.
#[test]
fn stated_status_says_what_failed() {
    let text = "POST https://api.my-app.tld/ 413\nAccess to XMLHttpRequest at 'https://api.my-app.tld/' from origin 'https://my-app.tld' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let r = report(text);
    let s = &only(&r).summary;
    assert!(
        s.contains("413 says the request body is over a size limit"),
        "{s}"
    );
    let r = report(&text.replace(" 413", " 504"));
    assert!(only(&r).summary.contains("did not answer in time"));
    let r = report(&text.replace(" 413", " 404"));
    assert!(!only(&r).summary.contains(" says "), "{}", only(&r).summary);
}

/// A Keycloak realm's token endpoint (its host redacted in the paste): the client's Web
/// origins, first, with the realm; a path that only looks alike gets none.
#[test]
fn keycloak_token_endpoint() {
    let text = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://[redacted]:8443/auth/realms/shop/protocol/openid-connect/token. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing).";
    let r = report(text);
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "keycloak");
    assert!(f.fixes[0].text.contains("-r shop"), "{}", f.fixes[0].text);
    assert!(f
        .fixes
        .iter()
        .all(|x| x.target != "express" && x.target != "frameworks"));
    assert!(f.summary.contains("Keycloak realm shop"), "{}", f.summary);
    let r = report("Access to fetch at 'https://id.example.com/realms/main/protocol/openid-connect/userinfo' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert_eq!(only(&r).fixes[0].target, "keycloak");
    let r = report(&text.replace("protocol/openid-connect", "docs/openid-connect"));
    assert!(only(&r).fixes.iter().all(|x| x.target != "keycloak"));
}

/// Spring Boot behind nginx: its `X-Application-Context` and a 20-byte body ("Invalid CORS
/// request"'s length) make the 403 Spring's CORS refusal, not nginx's nor an authorizer's.
#[test]
fn spring_boot_refusal_by_its_context_header() {
    let text = "OPTIONS https://api.example.com/rest/users\nHost: api.example.com\nAccess-Control-Request-Method: POST\nAccess-Control-Request-Headers: authorization,content-type\nOrigin: http://localhost:8080\n\nHTTP/1.1 403\nServer: nginx/1.10.3 (Ubuntu)\nContent-Length: 20\nX-Application-Context: application:prod\nAllow: GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(f.cause.gateway.map(|g| g.slug()), Some("spring"));
    // Another length is no such evidence.
    let r = report(&text.replace("Content-Length: 20", "Content-Length: 153"));
    assert_ne!(only(&r).cause.gateway.map(|g| g.slug()), Some("spring"));
}

/// Chrome's older Private Network Access called loopback `local`: a `local` request to
/// localhost is this machine, not a device on the network; to a private address it is one.
#[test]
fn older_local_address_space_name() {
    let text = "Access to XMLHttpRequest at 'http://localhost:8000/api/v1/task' from origin 'http://203.0.113.7:8080' has been blocked by CORS policy: The request client is not a secure context and the resource is in more-private address space `local`.";
    let r = report(text);
    let s = &only(&r).summary;
    assert!(s.contains("older name for this machine"), "{s}");
    assert!(!s.contains("192.168"), "{s}");
    let lan = text.replace("localhost:8000", "192.168.1.20:8000");
    let r = report(&lan);
    let s = &only(&r).summary;
    assert!(s.contains("a device on the local network"), "{s}");
}

/// Old Chrome lines a copy cut at either end: the prefix left out (the line starts with the
/// URL), or the last sentence cut ("… is therefore not"); the host pattern is shown as
/// written (`*.azurewebsites.net`), not in the matcher's notation.
#[test]
fn old_chrome_lines_cut_at_either_end() {
    let text = "https://fn1.scm.azurewebsites.net/api/vfs/host.json. Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'https://functions.azure.com' is therefore not allowed access. The response had HTTP status code 404.";
    let r = report(text);
    let f = only(&r);
    assert_eq!(
        f.request.url,
        "https://fn1.scm.azurewebsites.net/api/vfs/host.json"
    );
    assert_eq!(
        f.request.origin.as_deref(),
        Some("https://functions.azure.com")
    );
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert!(f.summary.contains("*.azurewebsites.net"), "{}", f.summary);
    assert!(!f.summary.contains("+."), "{}", f.summary);
    let cut = "XMLHttpRequest cannot load http://example.com/api. The 'Access-Control-Allow-Origin' header contains multiple values 'http://localhost, *', but only one is allowed. Origin 'http://localhost' is therefore not";
    let r = report(cut);
    let f = only(&r);
    assert_eq!(f.request.origin.as_deref(), Some("http://localhost"));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    // A URL followed by prose is no message.
    assert!(diagnose(
        "https://example.com/docs. Read this first: it explains things.",
        &Options::default()
    )
    .is_err());
}

/// A URL the user replaced by a placeholder in Chrome's message, its opening quote lost, or
/// a word for it: the message is read and the URL said to be missing, not invented.
#[test]
fn chrome_message_with_a_placeholder_url() {
    let text = "Access to XMLHttpRequest at <Cloud function host from google cloud>' from origin 'http://localhost:8000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let r = report(text);
    let f = only(&r);
    assert_eq!(f.request.url, "");
    assert_eq!(f.request.origin.as_deref(), Some("http://localhost:8000"));
    assert!(
        f.reproduce.iter().all(|c| !c.contains("<Cloud")),
        "{:?}",
        f.reproduce
    );
    let r = report("Access to fetch at 'xyz' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    let f = only(&r);
    assert_eq!(f.request.url, "");
    assert!(f.missing.iter().any(|m| m.starts_with("the request's URL")));
}

/// Safari's message in several console lines is one evidence line, without raw line breaks
/// (they broke the text output's indentation).
#[test]
fn safari_lines_are_one_evidence_line() {
    let text = "[Error] Failed to load resource: the server responded with a status of 403 (Forbidden) (chunk, line 0)\n[Error] Failed to load resource: Origin http://example.co.uk is not allowed by Access-Control-Allow-Origin. (chunk, line 0)\n[Error] XMLHttpRequest cannot load http://example.co.uk:23333/chunk. Origin http://example.co.uk is not allowed by Access-Control-Allow-Origin. (mapviewer, line 0)";
    let r = report(text);
    let f = only(&r);
    assert!(
        f.evidence.iter().all(|e| !e.contains('\n')),
        "{:?}",
        f.evidence
    );
    assert!(
        f.evidence
            .iter()
            .any(|e| e.contains(" / ") && e.contains("403 (Forbidden)")),
        "{:?}",
        f.evidence
    );
}

/// `curl -D -` output pasted as an indented block without its status line: read (the status
/// taken as not given, never "got 0"), and the typed OPTIONS without
/// Access-Control-Request-Method warned about.
#[test]
fn indented_curl_output_without_status() {
    let text = "curl -D - -X OPTIONS -H 'Origin: http://www.app.local.com:8080' http://www.app.local.com:4000/api/auth/get-user\n\n    Vary: Origin\n    Vary: Access-Control-Request-Method\n    Vary: Access-Control-Request-Headers\n    Content-Length: 0\n    Content-Type: text/plain; charset=utf-8\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(
        f.request.url,
        "http://www.app.local.com:4000/api/auth/get-user"
    );
    assert!(!f.summary.contains("got 0"), "{}", f.summary);
    assert!(
        f.summary.contains("status line is not in the input"),
        "{}",
        f.summary
    );
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("without `Access-Control-Request-Method`")),
        "{:?}",
        f.warnings
    );
}

/// The reproduce command for a HEAD request uses `curl -I` (`-X HEAD` waits for a body).
#[test]
fn head_is_reproduced_with_dash_i() {
    let r = report("curl -i -X HEAD 'https://api.example.com/f.mp4' -H 'Origin: https://app.example.com'\nHTTP/2 200\ncontent-type: video/mp4\n");
    let cmds = &only(&r).reproduce;
    assert!(cmds.iter().any(|c| c.starts_with("curl -I ")), "{cmds:?}");
    assert!(cmds.iter().all(|c| !c.contains("-X HEAD")), "{cmds:?}");
}

/// DevTools' source link copied where the console wrapped Chrome's message, the reason on
/// the next line: one message, not two findings.
#[test]
fn chrome_message_split_by_a_source_link() {
    let text = "Access to XMLHttpRequest at 'https://api.example.sk/fulltext' from origin 'https://www.example.sk' has been blocked by CORS policy: hladaj?q=datas:1 \nRequest header field x-firelogger is not allowed by Access-Control-Allow-Headers in preflight response. \n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.sk/fulltext");
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("x-firelogger"));
    // Prose after the colon is no link: nothing is joined.
    let prose = text.replace("hladaj?q=datas:1", "see the notes below");
    let joined = |r: &Report| {
        r.findings.iter().any(|f| {
            !f.request.url.is_empty()
                && f.browser.failed_parameter.as_deref() == Some("x-firelogger")
        })
    };
    assert!(joined(&r));
    assert!(!diagnose(&prose, &Options::default()).is_ok_and(|r| joined(&r)));
}

/// A message without its URL: the redirect fix does not name a made-up URL as the one that
/// was redirected.
#[test]
fn fix_names_no_made_up_url() {
    let r = report(
        "XMLHttpRequest cannot load (the url). Response for preflight is invalid (redirect)",
    );
    let f = only(&r);
    assert!(
        f.fixes
            .iter()
            .all(|x| !x.text.contains("OPTIONS https://api.example.com")),
        "{:?}",
        f.fixes
    );
}

/// Socket.IO's polling URL: EIO=3 (a Socket.IO 2 client) gets the v2 server's `origins`
/// option besides v3's `cors`; a 404 there says nothing serves Socket.IO at that path.
#[test]
fn socket_io_versions_and_404() {
    let msg = |eio: &str| {
        format!("Access to XMLHttpRequest at 'http://192.168.10.69:8082/socket.io/?EIO={eio}&transport=polling&t=MljDYfK' from origin 'http://192.168.10.69:8081' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.")
    };
    let r = report(&msg("3"));
    let fix = &only(&r).fixes[0];
    assert_eq!(fix.target, "socket-io");
    assert!(
        fix.text.contains("origins: ['192.168.10.69:*']"),
        "{}",
        fix.text
    );
    let r = report(&msg("4"));
    assert!(!only(&r).fixes[0].text.contains("origins:"));
    let r = report(&format!(
        "GET http://192.168.10.69:8082/socket.io/?EIO=4&transport=polling&t=MljDYfK 404 (Not Found)\n{}",
        msg("4")
    ));
    let s = &only(&r).summary;
    assert!(s.contains("nothing serves Socket.IO at this path"), "{s}");
}

/// A site on the web calling localhost, whatever the browser's words (here Firefox's
/// "CORS request did not succeed"): the note that its API URL is a development default.
#[test]
fn web_site_calling_localhost_is_noted() {
    let text = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://localhost:8000/api/survey/01. (Reason: CORS request did not succeed). Status code: (null).";
    let o = Options {
        origin: Some("https://example.org".to_string()),
        ..Options::default()
    };
    let r = diagnose(text, &o).unwrap();
    assert!(
        r.findings[0].summary.contains("development default"),
        "{}",
        r.findings[0].summary
    );
    let o = Options {
        origin: Some("http://localhost:3000".to_string()),
        ..Options::default()
    };
    let r = diagnose(text, &o).unwrap();
    assert!(!r.findings[0].summary.contains("development default"));
}

/// A preflight response pasted with its Access-Control-Allow-Origin masked (`https//***.***`)
/// beside Chrome's "Method PATCH is not allowed": the masked value is not what the server sent,
/// so the browser's words are the verdict, not an invalid Allow-Origin computed from the mask.
#[test]
fn masked_allow_origin_leaves_the_verdict_to_the_browser() {
    let headers = "Access-Control-Allow-Credentials:true\nAccess-Control-Allow-Headers:authorization,content-type\nAccess-Control-Allow-Methods:GET,HEAD,PUT,POST,DELETE\nAccess-Control-Allow-Origin:  https//***.***\nServer:Tengine\n\n";
    let line = "Failed to load http://api.example.dev/job-categories/195: Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response";
    let r = report(&format!("{headers}{line}\n"));
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MethodDisallowedByPreflightResponse")
    );
    assert!(
        f.warnings.iter().any(|w| w.contains("looks masked")),
        "{:?}",
        f.warnings
    );
    assert!(!f.summary.contains(".."), "{}", f.summary);
    assert!(
        f.checks
            .iter()
            .all(|c| !c.text.contains("not a valid origin")),
        "{:?}",
        f.checks
    );
    // Unmasked, the same disagreement is only a warning: the headers are what was sent.
    let r = report(&format!(
        "{}{line}\n",
        headers.replace("https//***.***", "https//app.example.dev")
    ));
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidAllowOriginValue")
    );
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("may not be from the same request")),
        "{:?}",
        f.warnings
    );
}

/// Headings retyped by hand ("request header:", "response header") over DevTools' `Name:value`
/// rows: the response's CORS headers are read, so a 405 preflight with them is Chrome's
/// PreflightInvalidStatus, not a missing Allow-Origin (Lumen, fruitcake/laravel-cors#258).
#[test]
fn hand_typed_section_headings_are_read() {
    let r = report("request header:\nAccept:*/*\nAccess-Control-Request-Headers:authorization\nAccess-Control-Request-Method:PUT\n\nresponse header\nAccess-Control-Allow-Headers:Authorization\nAccess-Control-Allow-Methods:GET, POST, PUT, DELETE\nAccess-Control-Allow-Origin:*\nAllow:POST, PUT, DELETE, PUT\n\nRequest Method:OPTIONS\nStatus Code:405 Method Not Allowed\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert!(f.summary.contains("with CORS headers"), "{}", f.summary);
}

/// A 405 to OPTIONS from PHP behind Apache (`X-Powered-By: PHP/…`; Lumen, fruitcake/laravel-cors
/// #535): the application answered, Apache passed it on; the PHP fix comes first. Behind nginx,
/// the PHP fix follows nginx's.
#[test]
fn php_behind_apache_or_nginx_answers_the_preflight() {
    let text = "HTTP/1.0 405 Method Not Allowed\nServer: Apache/2.4.41 (Win64) PHP/7.4.0\nX-Powered-By: PHP/7.4.0\nAllow: GET\nContent-Type: text/html; charset=UTF-8\n";
    let r = report(&format!("curl -X OPTIONS -i http://api.example.local/items -H 'Origin: http://localhost:3000' -H 'Access-Control-Request-Method: POST'\n\n{text}"));
    let f = only(&r);
    assert!(
        f.summary
            .contains("the PHP application behind Apache httpd"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "php");
    assert!(
        f.fixes.iter().any(|x| x.target == "apache"),
        "{:?}",
        f.fixes.iter().map(|x| &x.target).collect::<Vec<_>>()
    );
    let r = report(&format!("curl -X OPTIONS -i http://api.example.local/items -H 'Origin: http://localhost:3000' -H 'Access-Control-Request-Method: POST'\n\n{}", text.replace("Apache/2.4.41 (Win64) PHP/7.4.0", "nginx/1.18.0")));
    let f = only(&r);
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(&targets[..2], ["nginx", "php"]);
    // Apache's own error page (no X-Powered-By) stays Apache's.
    let r = report("curl -X OPTIONS -i http://api.example.local/items -H 'Origin: http://localhost:3000' -H 'Access-Control-Request-Method: POST'\n\nHTTP/1.1 405 Method Not Allowed\nServer: Apache/2.4.41\nAllow: GET\nContent-Type: text/html\n");
    let f = only(&r);
    assert!(f.summary.contains("from Apache httpd"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "apache");
}

/// Chrome's message with both hosts masked to the same word (envoyproxy/envoy#10128): the
/// browser reported a CORS failure, so the request was cross-origin; it is explained, with a
/// warning that the paste was edited, not left out as same-origin.
#[test]
fn masked_hosts_in_a_cors_message_are_not_same_origin() {
    for host in ["REDACTED", "xxx.com"] {
        let r = report(&format!("Access to fetch at 'https://{host}/api/items' from origin 'https://{host}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n"));
        assert_eq!(r.same_origin_skipped, 0, "{host}");
        let f = only(&r);
        assert_eq!(
            f.browser.cors_error.as_deref(),
            Some("MissingAllowOriginHeader")
        );
        assert!(
            f.warnings.iter().any(|w| w.contains("edited or masked")),
            "{:?}",
            f.warnings
        );
    }
    // A same-origin request in a HAR-like capture is still left out.
    let r = report("curl -v https://app.example.com/api -H 'Origin: https://app.example.com'\n< HTTP/1.1 200 OK\n< Content-Type: application/json\n");
    assert_eq!(r.same_origin_skipped, 1);
}

/// A URL written without `http://` (`domain.com:7777/…`, grpc/grpc-go#2436): Chrome reads the
/// host as a scheme; the summary says the URL lacks its scheme, not to serve a file:// page, and
/// the rebuilt Chrome line lists the schemes rather than none.
#[test]
fn url_without_scheme_is_named_as_such() {
    for (url, want) in [
        (
            "domain.com:7777/data_grpc.DataHandler/Get",
            "http://domain.com:7777/data_grpc.DataHandler/Get",
        ),
        (
            "localhost:3000/api/items",
            "http://localhost:3000/api/items",
        ),
    ] {
        let r = report(&format!("Access to XMLHttpRequest at '{url}' from origin 'http://domain.com' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: http, data, chrome, chrome-extension, https.\n"));
        let f = only(&r);
        assert_eq!(f.browser.cors_error.as_deref(), Some("CorsDisabledScheme"));
        assert!(f.summary.contains("has no `http://`"), "{}", f.summary);
        assert!(f.summary.contains(want), "{}", f.summary);
        assert!(!f.summary.contains("python3"), "{}", f.summary);
        let chrome = f.browser.console.as_deref().unwrap_or_default();
        assert!(chrome.contains("protocol schemes: http, "), "{chrome}");
    }
    // A file:// page's request keeps the local-server advice.
    let r = report("Access to XMLHttpRequest at 'file:///C:/site/data.json' from origin 'null' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: http, data, chrome, chrome-extension, https.\n");
    assert!(
        only(&r).summary.contains("local web server"),
        "{}",
        only(&r).summary
    );
}

/// Chrome's message names the allowed value and the page's origin (hasura/graphql-engine#3854):
/// the summary says how they differ, as it does when the headers are pasted.
#[test]
fn console_origin_mismatch_says_how_they_differ() {
    for (value, how) in [
        (
            "https://localhost:9695",
            "the scheme differs (https vs http)",
        ),
        ("http://localhost:9695/", "remove the trailing slash"),
        ("http://localhost:9696", "the port differs"),
    ] {
        let r = report(&format!("Access to fetch at 'https://api.example.com/v1/query' from origin 'http://localhost:9695' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header has a value '{value}' that is not equal to the supplied origin. Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.\n"));
        let f = only(&r);
        assert_eq!(
            f.browser.cors_error.as_deref(),
            Some("PreflightAllowOriginMismatch")
        );
        assert!(f.summary.contains(how), "{value}: {}", f.summary);
    }
}

/// Several Access-Control-Allow-Origin values (RubaXa/nginx-cors#7, cloudendpoints/
/// endpoints-tools#58): the same origin twice is two layers each adding the header; several
/// origins are a list sent as it is; from the headers or from Chrome's words alike.
#[test]
fn several_allow_origin_values_say_why() {
    let twice = "The same value twice";
    let list = "A list of origins sent as it is";
    let chrome = |v: &str| {
        format!("Access to fetch at 'https://api.example.com/x' from origin 'http://front.com' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header contains multiple values '{v}', but only one is allowed. Have the server send the header with a valid value.\n")
    };
    for (text, want) in [
        (chrome("http://front.com, http://front.com"), twice),
        (chrome("http://localhost:3000 http://localhost:3001"), list),
        ("curl -v https://api.example.com/x -H 'Origin: http://front.com'\n< HTTP/1.1 200 OK\n< Access-Control-Allow-Origin: http://front.com\n< Access-Control-Allow-Origin: http://front.com\n".to_string(), twice),
        ("curl -v https://api.example.com/x -H 'Origin: http://front.com'\n< HTTP/1.1 200 OK\n< Access-Control-Allow-Origin: http://a.com, http://front.com\n".to_string(), list),
    ] {
        let r = report(&text);
        let f = only(&r);
        assert!(f.summary.contains(want), "{text}\n{}", f.summary);
    }
}

/// Chrome 64–72's "Redirect from 'A' to 'B' has been blocked by CORS policy: No
/// 'Access-Control-Allow-Origin' …" judged the redirect's own response (gothinkster/
/// slim-php-realworld-example-app#7): the summary says the redirect itself failed, and the
/// rebuilt Chrome line names A without "(redirected from …)". Wrapped over three lines as a
/// post quotes it (adamchainz/django-cors-headers#267), it reads the same.
#[test]
fn old_chrome_redirect_blocked_is_the_redirect_itself() {
    let one = "Failed to load http://localhost:8080/api/tags/: Redirect from 'http://localhost:8080/api/tags/' to 'http://localhost:8080/api/tags' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:4200' is therefore not allowed access.\n";
    let wrapped = "Failed to load http://localhost:8080/api/tags/: \nRedirect from 'http://localhost:8080/api/tags/' to 'http://localhost:8080/api/tags' has been blocked by CORS policy:\n No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:4200' is therefore not allowed access.\n";
    for text in [one, wrapped] {
        let r = report(text);
        let f = only(&r);
        assert_eq!(f.request.url, "http://localhost:8080/api/tags/", "{text}");
        assert_eq!(f.cause.kind.as_str(), "redirect");
        assert!(
            f.summary.contains("the redirect response itself failed"),
            "{}",
            f.summary
        );
        let chrome = f.browser.console.as_deref().unwrap_or_default();
        assert!(
            chrome.contains("at 'http://localhost:8080/api/tags/' from"),
            "{chrome}"
        );
        assert!(!chrome.contains("redirected from"), "{chrome}");
    }
    // Today's "(redirected from …)": the response at the target failed, as before.
    let r = report("Access to fetch at 'https://login.example.com/auth' (redirected from 'https://api.example.com/me') from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(
        only(&r).summary.contains("the response there failed"),
        "{}",
        only(&r).summary
    );
}

/// Messages as posts reshape them: an old "XMLHttpRequest cannot load U." with its reason on
/// the next line (socialcast/devise_oauth2_providable#40); Chrome's message put in double quotes
/// (dotnet/aspnetcore#11737); fetch's Safari rejection logged as "TypeError: …"
/// (hunt); an old Chrome line retyped with typographic quotes.
#[test]
fn reshaped_console_messages_read() {
    let r = report("XMLHttpRequest cannot load http://api.mydomain.dev/projects.\nOrigin http://app.mydomain.dev is not allowed by Access-Control-Allow-Origin.\n");
    let f = only(&r);
    assert_eq!(f.request.url, "http://api.mydomain.dev/projects");
    assert_eq!(f.request.origin.as_deref(), Some("http://app.mydomain.dev"));
    let r = report("Access to \"XMLHttpRequest at 'http://localhost:7500/hub/chat/negotiate' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource\".\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    let r = report("TypeError: Origin https://app.example.com is not allowed by Access-Control-Allow-Origin.\n");
    assert!(
        only(&r).summary.contains("Safari reports"),
        "{}",
        only(&r).summary
    );
    let r = report("XMLHttpRequest cannot load https://cdn.example.com/591/hls/manifest.m3u8. A wildcard '*' cannot be used in the ‘Access-Control-Allow-Origin’ header when the credentials flag is true. Origin ‘https://vod.example.com’ is therefore not allowed access. The credentials mode of an XMLHttpRequest is controlled by the withCredentials attribute.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("WildcardOriginNotAllowed")
    );
    assert_eq!(f.request.origin.as_deref(), Some("https://vod.example.com"));
}

/// A response pasted alone with what only a preflight's answer uses (minio/minio#17317:
/// Allow-Methods, Max-Age, an empty body, no Allow-Origin): a warning gives the preflight's
/// Chrome name; a GET's answer with Allow-Methods and a body gets none.
#[test]
fn preflight_shaped_response_alone_is_warned_about() {
    let r = report("Access-Control-Allow-Methods: GET,OPTIONS,PUT\nAccess-Control-Max-Age: 100\nContent-Length: 0\n");
    let f = only(&r);
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("PreflightMissingAllowOriginHeader")),
        "{:?}",
        f.warnings
    );
    let r = report("HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 120\nAccess-Control-Allow-Methods: GET, POST\n");
    assert!(
        only(&r)
            .warnings
            .iter()
            .all(|w| !w.contains("only the answer to a preflight")),
        "{:?}",
        only(&r).warnings
    );
}

/// SignalR's negotiate request (dotnet/aspnetcore#4457, latelierco/vue-signalr#17): the hub's
/// CORS policy with exact origins and AllowCredentials first, no Express middleware.
#[test]
fn signalr_negotiate_gets_the_hub_policy() {
    for text in [
        "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘https://localhost:44333/ChatHub/negotiate’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).\n",
        "Access to XMLHttpRequest at 'http://localhost:5000/jobhub/negotiate?negotiateVersion=1' from origin 'http://localhost:9527' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.\n",
    ] {
        let r = report(text);
        let f = only(&r);
        assert_eq!(f.fixes[0].target, "signalr", "{text}");
        assert!(f.fixes[0].text.contains(".AllowCredentials()"), "{}", f.fixes[0].text);
        assert!(f.fixes.iter().all(|x| x.target != "express" && x.target != "frameworks"), "{text}");
    }
    // Another API's /negotiate-less path keeps its fixes.
    let r = report("Access to fetch at 'https://api.example.com/v1/items' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(only(&r).fixes.iter().all(|x| x.target != "signalr"));
}

/// Firefox's "Access-Control-Allow-Origin missing … Status code: 301" (madbob/gtt-pirate-api#6):
/// the redirect itself had no CORS headers; for an http:// URL the https:// one is the fix,
/// not a login redirect.
#[test]
fn firefox_missing_allow_origin_on_a_redirect_status() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://api.example.org/query.php?stop=452. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 301.\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "redirect");
    assert!(
        f.summary.contains("redirect without CORS headers"),
        "{}",
        f.summary
    );
    assert_eq!(
        f.fixes[0].title,
        "Call the URL the redirect leads to directly"
    );
    assert!(
        f.fixes[0]
            .text
            .contains("after:  https://api.example.org/query.php?stop=452"),
        "{}",
        f.fixes[0].text
    );
    // A 403 keeps the usual list of causes.
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.org/x. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 403.\n");
    assert_eq!(only(&r).cause.kind.as_str(), "unknown");
}

/// An OPTIONS typed without Access-Control-Request-Method that got 404 (hasura/graphql-engine
/// #8371: a browser's preflight from that origin passes): the summary opens by saying it is no
/// preflight, before what follows if a real one gets the same.
#[test]
fn typed_options_without_request_method_is_said_first() {
    let r = report("curl -i -X OPTIONS https://api.example.app/v1/graphql -H 'Origin: https://foo.example.dev'\nHTTP/2 404\naccess-control-allow-origin: https://foo.example.dev\naccess-control-allow-credentials: true\naccess-control-allow-methods: GET,POST,PUT,PATCH,DELETE,OPTIONS\ncontent-length: 0\n");
    let f = only(&r);
    assert!(
        f.summary.starts_with("This OPTIONS is no preflight"),
        "{}",
        f.summary
    );
    assert!(
        f.summary
            .contains("If a real preflight gets the same, nothing handles"),
        "{}",
        f.summary
    );
    // With the header, a 404 is the preflight's own answer.
    let r = report("curl -i -X OPTIONS https://api.example.app/v1/graphql -H 'Origin: https://foo.example.dev' -H 'Access-Control-Request-Method: POST'\nHTTP/2 404\ncontent-length: 0\n");
    assert!(
        only(&r)
            .summary
            .starts_with("Nothing handles the preflight"),
        "{}",
        only(&r).summary
    );
}

/// `Server: MinIO Console` (minio/minio#20379): the console's port answered, not the S3 API; no
/// bucket CORS diagnosis, and a compose service name (`http://minio:9000`) is no site on the web.
#[test]
fn minio_console_is_not_the_s3_api() {
    let r = report("curl -v -X OPTIONS http://127.0.0.1:9001/testbucket -H 'Origin: http://minio:9000' -H 'Access-Control-Request-Method: PUT'\n> OPTIONS /testbucket HTTP/1.1\n> Host: 127.0.0.1:9001\n> Origin: http://minio:9000\n> Access-Control-Request-Method: PUT\n>\n< HTTP/1.1 200 OK\n< Content-Length: 1310\n< Content-Type: text/html\n< Server: MinIO Console\n<\n");
    let f = only(&r);
    assert!(
        f.summary.starts_with("`Server: MinIO Console` answered"),
        "{}",
        f.summary
    );
    assert_ne!(f.cause.gateway.map(|g| g.slug()), Some("minio"));
    assert!(!f.summary.contains("a site on the web"), "{}", f.summary);
    assert!(!f.summary.contains("If you do not run"), "{}", f.summary);
    // MinIO's API itself is still MinIO.
    let r = report("curl -v -X OPTIONS http://127.0.0.1:9000/testbucket -H 'Origin: http://localhost:3000' -H 'Access-Control-Request-Method: PUT'\n> OPTIONS /testbucket HTTP/1.1\n> Origin: http://localhost:3000\n> Access-Control-Request-Method: PUT\n>\n< HTTP/1.1 403 Forbidden\n< Server: MinIO\n< Content-Length: 0\n<\n");
    assert_eq!(only(&r).cause.gateway.map(|g| g.slug()), Some("minio"));
}

/// A redirected preflight to `REGION-PROJECT.cloudfunctions.net/NAME` (firebase/flutterfire
/// #7318: the callable ran in europe-west3, the client called us-central1): the summary and
/// the first fix say what a redirect there means, with the region, project and name filled in.
#[test]
fn cloud_functions_redirected_preflight_names_region_and_invoker() {
    let r = report("Access to fetch at 'https://us-central1-my-project.cloudfunctions.net/listFruit' from origin 'http://localhost:8000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.\n");
    let f = only(&r);
    assert!(
        f.summary.contains("check the region in the host"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "cloud-functions");
    let t = &f.fixes[0].text;
    assert!(
        t.contains("describe listFruit --region us-central1 --project my-project"),
        "{t}"
    );
    assert!(t.contains("--member allUsers"), "{t}");
    // Another host's redirected preflight keeps the generic advice first.
    let r = report("Access to fetch at 'https://api.example.com/listFruit' from origin 'http://localhost:8000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.\n");
    assert_ne!(only(&r).fixes[0].target, "cloud-functions");
}

/// A curl trace posted with Markdown fences between command and output and "..." where the
/// poster cut it (hasura/graphql-engine#8371); a status line with its XML body right under it,
/// the blank line lost (floci-io/floci#2412): both read.
#[test]
fn fences_elisions_and_a_body_without_its_blank_line_read() {
    let r = report("curl -v --request OPTIONS 'https://api.example.app/v1/graphql' \\\n--header 'Origin: https://foo.example.dev'\n```\n```\n...\n< HTTP/2 404\n...\n< content-length: 9\n<\n...\nNot Found\n");
    let f = only(&r);
    assert_eq!(f.cause.status, Some(404));
    assert_eq!(f.request.url, "https://api.example.app/v1/graphql");
    let r = report("HTTP/1.1 403 Forbidden\n<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SignatureDoesNotMatch</Code></Error>\n");
    assert_eq!(only(&r).cause.status, Some(403));
}

/// An old "Failed to load U: …" message with Chrome's withCredentials hint (hapijs/hapi#3799):
/// the request was an XMLHttpRequest, so the rebuilt line says so; a server at 0.0.0.0 is the
/// user's own (no "if you do not run …").
#[test]
fn xhr_hint_names_the_initiator_and_0000_is_own() {
    let r = report("Failed to load http://0.0.0.0:8082/api/items: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. Origin 'http://localhost:8080' is therefore not allowed access. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.\n");
    let f = only(&r);
    let chrome = f.browser.console.as_deref().unwrap_or_default();
    assert!(
        chrome.starts_with("Access to XMLHttpRequest at"),
        "{chrome}"
    );
    assert!(!f.summary.contains("If you do not run"), "{}", f.summary);
}

/// Chrome's `local` address space for a host named by DNS (electron/electron#36785, Chromium
/// 102): the name's address is not in the input, so both meanings are given; for localhost the
/// older name is still read as this machine.
#[test]
fn local_address_space_for_a_dns_name_gives_both_meanings() {
    let r = report("Access to fetch at 'http://intranet.example.cn/api' from origin 'http://www.example.com' has been blocked by CORS policy: The request client is not a secure context and the resource is in more-private address space `local`.\n");
    let s = &only(&r).summary;
    assert!(
        s.contains("intranet.example.cn resolved to this machine"),
        "{s}"
    );
    assert!(s.contains("a device on the local network"), "{s}");
    let r = report("Access to fetch at 'http://localhost:3000/api' from origin 'http://www.example.com' has been blocked by CORS policy: The request client is not a secure context and the resource is in more-private address space `local`.\n");
    assert!(
        only(&r)
            .summary
            .contains("Chrome's older name for this machine"),
        "{}",
        only(&r).summary
    );
}

/// Firefox's message with its head cut off by the copy (nrobinson2000/donate-bitcoin#3): the
/// URL and the reason are still Firefox's.
#[test]
fn firefox_message_without_its_head_reads() {
    let r = report("https://blockchain.info/ticker?cors=true. (Reason: CORS header 'Access-Control-Allow-Origin' missing).\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://blockchain.info/ticker?cors=true");
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
}

/// Firefox's reason with “curly” double quotes (TeamNewPipe/website#129) reads; a value
/// without a scheme is named as such, a value with a trailing slash too.
#[test]
fn firefox_curly_quotes_and_a_value_without_scheme() {
    let r = report("`Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://newpipe.schabi.org/api/data.json?json. (Reason: CORS header “Access-Control-Allow-Origin” does not match “newpipe.schabi.org”).`\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSAllowOriginNotMatchingOrigin")
    );
    assert_eq!(f.cause.kind.as_str(), "header_mismatch");
    assert!(
        f.summary
            .contains("without a scheme, so it matches no origin"),
        "{}",
        f.summary
    );
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://a.example/x. (Reason: CORS header \"Access-Control-Allow-Origin\" does not match \"https://b.example/\").\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSAllowOriginNotMatchingOrigin")
    );
    assert!(f.summary.contains("an origin has no path"), "{}", f.summary);
    assert!(!f.summary.contains("without a scheme"), "{}", f.summary);
}

/// curl takes a URL without "://" as http:// (Lissy93/who-dat#37): not a URL of scheme
/// "localhost" that the browser refuses.
#[test]
fn curl_url_without_scheme_is_http() {
    let r = report("curl -si -X OPTIONS localhost:8080/example.com -H 'Origin: https://app.example' \\\n  -H 'Access-Control-Request-Method: GET' -H 'Access-Control-Request-Headers: x-api-key'\n");
    let f = only(&r);
    assert_eq!(f.request.url, "http://localhost:8080/example.com");
    assert_ne!(f.browser.cors_error.as_deref(), Some("CorsDisabledScheme"));
    assert!(!f.browser.blocked);
}

/// Safari's origin message with status 200 (EvanBacon/serve-sim#6): no gateway-error causes
/// for a success; the page on localhost calling 127.0.0.1 is named.
#[test]
fn safari_origin_with_status_200_and_two_loopback_names() {
    let r = report("[Error] Origin http://localhost:3200 is not allowed by Access-Control-Allow-Origin. Status code: 200\n[Error] Fetch API cannot load http://127.0.0.1:3101/config due to access control checks.\n");
    let f = only(&r);
    assert!(f.browser.blocked);
    assert!(
        f.summary.contains(
            "a server allowing `http://127.0.0.1:3200` does not allow `http://localhost:3200`"
        ),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("429 throttling"), "{}", f.summary);
    assert!(
        !f.summary.contains("nothing routes OPTIONS"),
        "{}",
        f.summary
    );
    // With an error status the gateway causes stay.
    let r = report("[Error] Origin http://localhost:3200 is not allowed by Access-Control-Allow-Origin. Status code: 429\n[Error] Fetch API cannot load https://api.example.com/config due to access control checks.\n");
    let f = only(&r);
    assert!(f.summary.contains("429 throttling"), "{}", f.summary);
    assert!(
        f.summary
            .contains("each scheme, host name and port is another origin"),
        "{}",
        f.summary
    );
}

/// A Cloudflare 52x status in Firefox's message (PastVu/pastvu#709): what it means.
#[test]
fn firefox_status_524_is_cloudflare_s() {
    let r = report("Запрос из постороннего источника заблокирован: Политика одного источника запрещает чтение удаленного ресурса на https://pastvu.com/api2?method=photo. (Причина: отсутствует заголовок CORS «Access-Control-Allow-Origin»). Код состояния: 524.\n");
    let f = only(&r);
    assert!(
        f.summary.contains("524 is Cloudflare's own status"),
        "{}",
        f.summary
    );
    assert!(f.summary.contains("100-second timeout"), "{}", f.summary);
}

/// The page calling its own server by another loopback name, same port: named first.
#[test]
fn own_server_under_another_loopback_name() {
    let r = report("Access to fetch at 'http://127.0.0.1:3000/api' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert!(f.summary.starts_with("The page (http://localhost:3000) calls its own server under another name of this machine (127.0.0.1)"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "same-origin-url");
    // Another port is another server: no such note.
    let r = report("Access to fetch at 'http://127.0.0.1:8000/api' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(
        !only(&r).summary.contains("calls its own server"),
        "{}",
        only(&r).summary
    );
}

/// A Copy-as-cURL command in Markdown's inline code, one backtick each side
/// (jhipster/generator-jhipster#3237).
#[test]
fn curl_command_in_inline_code_reads() {
    let r = report("`curl 'http://localhost:8080/oauth/token?grant_type=password&scope=read' -X OPTIONS -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: authorization' -H 'origin: http://localhost:9090'`\n");
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.request.origin.as_deref(), Some("http://localhost:9090"));
}

/// Old Chrome's "Response for preflight has invalid HTTP status code 401" alone, in bold
/// (isopropylcyanide/Jwt-Spring-Security-JPA#1).
#[test]
fn old_chrome_preflight_status_alone_reads() {
    let r = report("For /api/user/admins URI, I am getting **Response for preflight has invalid HTTP status code 401** error.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert_eq!(f.cause.status, Some(401));
    assert!(f.summary.contains("an authorizer"), "{}", f.summary);
}

/// Old Chrome's words, which WebKit's were ("Request header field X is not allowed by
/// Access-Control-Allow-Headers"), in double quotes inside a sentence
/// (VladimirRybalko/angular-applicationinsights#22).
#[test]
fn old_chrome_webkit_words_in_double_quotes_read() {
    let r = report("I get \"XMLHttpRequest cannot load https://dc.services.visualstudio.com/v2/track. Request header field Authorization is not allowed by Access-Control-Allow-Headers\" error whenever I try to use applicationInsightsService. What am I missing?");
    let f = only(&r);
    assert_eq!(
        f.request.url,
        "https://dc.services.visualstudio.com/v2/track"
    );
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("Authorization"));
}

/// Safari's origin message with the origin left out (disease-sh/API#1060): read, the origin
/// unknown, the status kept.
#[test]
fn safari_origin_message_without_its_origin_reads() {
    let r =
        report("[Error] Origin is not allowed by Access-Control-Allow-Origin. Status code: 504\n");
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(f.request.origin, None);
    assert_eq!(f.cause.status, Some(504));
    assert!(
        f.summary.contains("504 says the server behind the gateway"),
        "{}",
        f.summary
    );
}

/// A curl command with its URL unquoted (`?a=1&b=2`), a Markdown heading between it and its
/// output (minio/minio#3985): read whole; the command suggested back quotes the URL.
#[test]
fn unquoted_query_and_a_heading_between_command_and_output() {
    let r = report("Sample Request URL\n```\n$ curl http://mydomain:9000/media/test.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20170327T202940Z&X-Amz-Expires=604800\n```\n\n**The current response header is**\n```\nHTTP/1.1 200 OK\nAccept-Ranges: bytes\nContent-Type: video/mp4\nServer: Minio/RELEASE.2017-03-16T21-50-32Z (linux; amd64)\nVary: Origin\n```\n");
    let f = only(&r);
    assert_eq!(
        f.request.url,
        "http://mydomain:9000/media/test.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20170327T202940Z&X-Amz-Expires=604800"
    );
    assert!(
        f.missing.iter().any(|m| m.contains("`curl -i 'http://mydomain:9000/media/test.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20170327T202940Z&X-Amz-Expires=604800' -H 'Origin:")),
        "{:?}",
        f.missing
    );
}

/// curl -v of a preflight that passes, alone (mobz/elasticsearch-head#308): said, before what
/// is missing.
#[test]
fn a_preflight_that_passes_is_said() {
    let r = report("> OPTIONS / HTTP/1.1\n> Host: localhost:9201\n> Access-Control-Request-Method: GET\n> Origin: http://localhost:9100\n> \n< HTTP/1.1 200 OK\n< access-control-allow-origin: *\n< access-control-allow-methods: HEAD,DELETE,POST,GET,OPTIONS,PUT\n< content-length: 0\n< \n");
    let f = only(&r);
    assert!(!f.browser.blocked);
    assert!(f.summary.starts_with("The preflight passes: its answer (200 OK) allows this origin and the method GET. Whether the request itself gets through"), "{}", f.summary);
    // A preflight that fails says nothing of the kind.
    let r = report("> OPTIONS / HTTP/1.1\n> Host: localhost:9201\n> Access-Control-Request-Method: PUT\n> Origin: http://localhost:9100\n> \n< HTTP/1.1 200 OK\n< access-control-allow-origin: *\n< access-control-allow-methods: GET\n< content-length: 0\n< \n");
    assert!(
        !only(&r).summary.contains("The preflight passes"),
        "{}",
        only(&r).summary
    );
}

/// A curl -v trace whose copy stops inside a header line (mozilla-services/autopush#431):
/// read up to it.
#[test]
fn curl_verbose_cut_inside_a_header_line_reads() {
    let r = report("* Connected to updates.push.services.mozilla.com (52.0.0.1) port 443 (#0)\n> OPTIONS /push/v1/abc HTTP/1.1\n> User-Agent: curl/7.30.0\n> Host: updates.push.services.mozilla.com\n> Accep\n");
    let f = only(&r);
    assert_eq!(
        f.request.url,
        "https://updates.push.services.mozilla.com/push/v1/abc"
    );
    // Not at the end, the same line is still a mistake to name.
    let e = whycors::diagnose(
        "> OPTIONS /x HTTP/1.1\n> Host: a.example\n> Accep\n> Origin: https://b.example\n",
        &whycors::Options::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("line 3"), "{e}");
}

/// `Access-Control-Request-Method: OPTIONS` typed into a preflight (fruitcake/laravel-cors#129):
/// warned.
#[test]
fn preflight_asking_about_options_is_warned() {
    let r = report("curl 'http://test.com/api' -X OPTIONS -H 'Access-Control-Request-Method: OPTIONS' -H 'Origin: https://www.test.com' -I\n\nHTTP/1.1 200 OK\nServer: Apache/2.2.29\nContent-Type: text/html; charset=UTF-8\n");
    let f = only(&r);
    assert!(
        f.warnings
            .iter()
            .any(|w| w.starts_with("`Access-Control-Request-Method: OPTIONS` asks about")),
        "{:?}",
        f.warnings
    );
    let r = report("curl 'http://test.com/api' -X OPTIONS -H 'Access-Control-Request-Method: GET' -H 'Origin: https://www.test.com' -I\n\nHTTP/1.1 200 OK\nServer: Apache/2.2.29\nContent-Type: text/html; charset=UTF-8\n");
    assert!(!only(&r)
        .warnings
        .iter()
        .any(|w| w.contains("asks about a request whose own method")));
}

/// A preflight answered 502 (jublo/codebird-js#146): the fixes speak of the failing server, not
/// of OPTIONS routing.
#[test]
fn preflight_502_fixes_name_the_failure() {
    let r = report("Failed to load https://api.jublo.net/codebird/oauth2/token: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://my-domain.es' is therefore not allowed access. The response had HTTP status code 502.\n");
    let f = only(&r);
    assert!(!f.fixes.is_empty());
    assert!(
        f.fixes.iter().all(|x| !x.title.contains("not routed")),
        "{:?}",
        f.fixes.iter().map(|x| &x.title).collect::<Vec<_>>()
    );
    assert!(f.fixes[0].text.contains("(502)"), "{}", f.fixes[0].text);
    // 403 keeps the routing and rejection case.
    let r = report("Failed to load https://api.jublo.net/codebird/oauth2/token: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://my-domain.es' is therefore not allowed access. The response had HTTP status code 403.\n");
    assert!(
        only(&r).fixes[0].title.contains("not routed"),
        "{}",
        only(&r).fixes[0].title
    );
}

/// The command that printed a response and a client library's log line before it
/// (remotestorage/spec#106): read from the status line.
#[test]
fn lines_of_another_kind_before_a_status_line() {
    let r = report("```\n$ remote-storage-uploader data.bin \nClient error response [url] https://storage.5apps.com/fkooman/public/upload/data.bin [status code] 413 [reason phrase] Request Entity Too Large\nHTTP/1.1 413 Request Entity Too Large\nServer: openresty\nContent-Type: text/html\nContent-Length: 192\nConnection: close\n\n<html>\n<head><title>413 Request Entity Too Large</title></head>\n<body>\n<center><h1>413 Request Entity Too Large</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n```\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "gateway_error");
    assert_eq!(f.cause.status, Some(413));
}

/// Old Chrome's "Font from origin 'O' has been blocked from loading by Cross-Origin Resource
/// Sharing policy: …" (ionic-team/ionicons#225): the font's origin and initiator are kept.
#[test]
fn old_chrome_font_message_keeps_its_origin() {
    let r = report("> Font from origin 'http://code.ionicframework.com' has been blocked from loading by Cross-Origin Resource Sharing policy: The 'Access-Control-Allow-Origin' header contains multiple values '*, *', but only one is allowed.\n");
    let f = only(&r);
    assert_eq!(f.request.url, "http://code.ionicframework.com/");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    assert!(
        f.browser
            .console
            .as_deref()
            .is_some_and(|c| c.starts_with("Access to font at 'http://code.ionicframework.com/'")),
        "{:?}",
        f.browser.console
    );
    let r = report("Font from origin 'https://cdn.example.com' has been blocked from loading by Cross-Origin Resource Sharing policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'https://app.example.com' is therefore not allowed access.\n");
    let f = only(&r);
    assert_eq!(f.request.origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
}

/// `Access-Control-Allow-Origin: null` for a page with a real origin
/// (spalger/elasticsearch-angular-example#2): what `null` means, said.
#[test]
fn allow_origin_null_is_explained() {
    let r = report("``XMLHttpRequest cannot load http://localhost:9200/. The 'Access-Control-Allow-Origin' header contains the invalid value 'null'. Origin 'http://elasticsearch-angular-example.dev' is therefore not allowed access.``\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("InvalidAllowOriginValue")
    );
    assert!(
        f.summary.contains("The server sent `null`"),
        "{}",
        f.summary
    );
    let r = report("Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://other.example.com' that is not equal to the supplied origin.\n");
    assert!(!only(&r).summary.contains("The server sent `null`"));
}

/// With Firefox's own ‘ ’ in the line, an Allow-Origin value sent in double quotes (a real
/// misconfiguration) keeps them.
#[test]
fn firefox_value_s_own_double_quotes_stay() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://a.example/x. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘\"https://b.example\"’).\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSAllowOriginNotMatchingOrigin")
    );
    assert!(
        f.summary.contains("says ‘\"https://b.example\"’"),
        "{}",
        f.summary
    );
}

/// The page set `Access-Control-Allow-Origin` on its own request (serverless/serverless#4037):
/// the page's fix first (remove it), not an Allow-Headers entry for it; a fetch() command that
/// sets one is warned even with no response to judge.
#[test]
fn response_header_set_on_the_request() {
    let r = report("myHeader.append('Access-Control-Allow-Origin', '*');\nAccess to fetch at 'https://api.example.com/x' from origin 'http://localhost:3001' has been blocked by CORS policy: Request header field access-control-allow-origin is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("The page's script sets `access-control-allow-origin`"),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("If you do not run"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "client");
    assert!(f.fixes[0].text.contains("<- remove"), "{}", f.fixes[0].text);
    assert!(
        f.fixes.iter().all(|x| x
            .text
            .lines()
            .filter(|l| l.contains("Access-Control-Allow-Headers:"))
            .all(|l| !l.contains("access-control-allow-origin"))),
        "{:#?}",
        f.fixes
    );
    let r = report("fetch(\"https://api.example.com/x\", {\"method\":\"POST\",\"headers\":{\"content-type\":\"application/json\",\"access-control-allow-origin\":\"*\"}})");
    assert!(
        only(&r)
            .warnings
            .iter()
            .any(|w| w.contains("`access-control-allow-origin` on its request")),
        "{:?}",
        only(&r).warnings
    );
}

/// Chrome's "Refused to get unsafe header" (vitvad/Access-Control-Allow-Origin#15): the
/// request went through and the page may not read those headers; the fix exposes them.
#[test]
fn refused_to_get_unsafe_header() {
    let r = report(
        "Refused to get unsafe header \"Date\"\nRefused to get unsafe header \"X-Some-Header\"\n",
    );
    let f = only(&r);
    assert!(!f.browser.blocked);
    assert_eq!(f.cause.kind.as_str(), "header_not_exposed");
    assert!(
        f.fixes[0]
            .text
            .contains("Access-Control-Expose-Headers: Date,X-Some-Header"),
        "{}",
        f.fixes[0].text
    );
    // With the response pasted, its Expose-Headers is judged: ETag listed, Date not.
    let r = report("Refused to get unsafe header \"Date\"\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *\nAccess-Control-Expose-Headers: ETag\nDate: Sun, 06 Dec 2026 06:00:00 GMT\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "header_not_exposed");
    assert!(
        f.evidence.iter().any(|e| e.contains("`Date`")),
        "{:?}",
        f.evidence
    );
}

/// A server's lower-case `put` in Allow-Methods never matches (fetch() upper-cases PUT
/// before the byte comparison): the suggested header does not keep it (gravitee-io/issues#474).
/// A preflight for a method the input does not give allows the methods that need one.
#[test]
fn lower_case_methods_are_not_kept_and_unknown_methods_are_listed() {
    let r = report("curl -v -X OPTIONS http://h.example/x -H 'Origin: https://o.example' -H 'Access-Control-Request-Method: PUT'\n> OPTIONS /x HTTP/1.1\n> Host: h.example\n> Origin: https://o.example\n> Access-Control-Request-Method: PUT\n>\n< HTTP/1.1 400 Bad Request\n< Access-Control-Allow-Methods: get, put, patch\n< Access-Control-Allow-Origin: https://o.example\n");
    let f = only(&r);
    let allow = f
        .fixes
        .iter()
        .flat_map(|x| x.text.lines())
        .find(|l| l.trim_start().starts_with("Access-Control-Allow-Methods:"))
        .unwrap_or_else(|| panic!("{:#?}", f.fixes));
    assert!(allow.contains("PUT"), "{allow}");
    assert!(!allow.contains("put") && !allow.contains("get"), "{allow}");
    // `patch` stays: fetch() sends `patch` as written, and it matches.
    assert!(allow.contains("patch"), "{allow}");
    let r = report("Fetch API cannot load http://127.0.0.1:8090/blabla. Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:3000' is therefore not allowed access. The response had HTTP status code 404.\n");
    let f = only(&r);
    assert_eq!(f.request.method_basis, "assumed");
    let allow = f.fixes[0]
        .text
        .lines()
        .find(|l| l.trim_start().starts_with("Access-Control-Allow-Methods:"))
        .unwrap_or_else(|| panic!("{}", f.fixes[0].text));
    for m in ["PUT", "PATCH", "DELETE"] {
        assert!(allow.contains(m), "{allow}");
    }
}

/// Firefox's and Chrome's messages as the seventh round's reports pasted them: the URL edited
/// without its period before "(Reason:" (nelmio/NelmioCorsBundle#68); Firefox's reason alone
/// (GoogleChromeLabs/quicklink#244); old Firefox's `[16:30:39.905]` time before the message
/// (jsdelivr/bootstrapcdn#196); Safari's line quoted with "> " below a line of words
/// (ichard26/next-pr-number#7); Firefox's status wrapped onto the next line
/// (vmiklos/osm-gimmisn#4992); Chrome's sentence cut after "is present", wrapped.
#[test]
fn seventh_round_message_shapes() {
    let ff = |s: &str| only(&report(s)).browser.firefox.clone();
    let missing = Some("CORSMissingAllowOrigin2".to_string());
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://a.example/x.json (Reason: CORS header ‘Access-Control-Allow-Origin’ missing).\n");
    assert_eq!(only(&r).request.url, "https://a.example/x.json");
    assert_eq!(only(&r).browser.firefox, missing);
    assert_eq!(
        ff("(Reason: CORS header ‘Access-Control-Allow-Origin’ missing).\n"),
        missing
    );
    let r = report("Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’\n");
    assert_eq!(
        only(&r).browser.firefox.as_deref(),
        Some("CORSNotSupportingCredentials")
    );
    assert_eq!(only(&r).request.credentials, "include");
    let r = report("[16:30:39.905] Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/x. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing).\n");
    assert_eq!(only(&r).request.url, "https://api.example.com/x");
    let r = report("Opening the dev console shows:\n> Failed to load resource: Origin https://a.example is not allowed by Access-Control-Allow-Origin. Status code: 421\n");
    assert!(
        only(&r).summary.starts_with("421 Misdirected Request"),
        "{}",
        only(&r).summary
    );
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://a.example/x.json. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status\ncode: 200.\n");
    assert_eq!(only(&r).cause.status, Some(200));
    let r = report("Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com'\nhas been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present.\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
}

/// The seventh round's misreadings: a same-origin call redirected to a sign-in is no masked
/// paste (AzureADQuickStarts/WebApp-OpenIDConnect-NodeJS#29); a placeholder URL equal to the
/// origin does not make the headers "pass every check" (expressjs/cors#119); old Chrome's
/// file:// message reads, and a host under file: is a URL written without its scheme
/// (evancz/elm-architecture-tutorial#93); Go's `Name:[value]` header print
/// (pagekit/vue-resource#638); Safari's URL-less message takes the one request its Network
/// copy shows (ichard26/next-pr-number#7); a fix does not invent the path `/`.
#[test]
fn seventh_round_misreadings() {
    let r = report("Access to XMLHttpRequest at 'https://login.microsoftonline.com/x' (redirected from 'https://localhost:3000/m') from origin 'https://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(
        only(&r)
            .warnings
            .iter()
            .all(|w| !w.contains("edited or masked")),
        "{:?}",
        only(&r).warnings
    );
    let r = report("Origin: http://foo/bar\n\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Credentials: true\n\nCross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘http://foo/bar’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).\n");
    assert!(
        only(&r)
            .warnings
            .iter()
            .all(|w| !w.contains("pass every check")),
        "{:?}",
        only(&r).warnings
    );
    let r = report("5-http.elm.html:8390 XMLHttpRequest cannot load file://api.giphy.com/v1/gifs/random?tag=cats. Cross origin requests are only supported for protocol schemes: http, data, chrome, chrome-extension, https, chrome-extension-resource.\n");
    let f = only(&r);
    assert_eq!(f.browser.cors_error.as_deref(), Some("CorsDisabledScheme"));
    assert!(
        f.summary
            .contains("`https://api.giphy.com/v1/gifs/random?tag=cats`"),
        "{}",
        f.summary
    );
    let r = report("Vary:[Origin]\nAccess-Control-Allow-Origin:[*]\nContent-Disposition:[attachment; filename=100percent.png]\n");
    assert!(!only(&r).browser.blocked, "{}", only(&r).summary);
    let r = report("Opening the dev console shows:\n> Failed to load resource: Origin https://a.example is not allowed by Access-Control-Allow-Origin. Status code: 421\n\nSummary\nURL: https://api.example.com/v1/n?x=1\nStatus: 421\nSource: Network\n\nRequest\n:method: GET\n:scheme: https\n:authority: api.example.com\n:path: /v1/n?x=1\nAccept: */*\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/v1/n?x=1");
    assert_eq!(f.request.origin.as_deref(), Some("https://a.example"));
    let r = report("Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(
        only(&r)
            .fixes
            .iter()
            .all(|x| !x.text.contains("OPTIONS /,")),
        "{:#?}",
        only(&r).fixes
    );
}

/// A stylesheet from a CDN blocked (ncbo/bioportal_web_ui#520): its `crossorigin` attribute is
/// why it was fetched with CORS; the tag's fix comes first, and no "call it from your own
/// server" hedge for a file a page element loads.
#[test]
fn stylesheet_with_crossorigin() {
    let r = report("Access to CSS stylesheet at 'https://use.fontawesome.com/releases/v5.2.0/css/all.css' from origin 'https://bioportal.bioontology.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nGET https://use.fontawesome.com/releases/v5.2.0/css/all.css net::ERR_FAILED\n");
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "element-crossorigin");
    assert!(
        f.fixes[0].text.contains("crossorigin"),
        "{}",
        f.fixes[0].text
    );
    assert!(
        f.fixes
            .iter()
            .all(|x| x.target != "express" && x.target != "frameworks"),
        "{:#?}",
        f.fixes
    );
    assert!(!f.summary.contains("If you do not run"), "{}", f.summary);
}

/// Firefox's missing Allow-Origin at a storage URL, the stage not said
/// (leerob/nextjs-gcp-storage#8): each storage cause once, not worded once per stage.
#[test]
fn storage_causes_once_when_the_stage_is_unknown() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://storage.googleapis.com/b/. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 400.\n");
    let s = &only(&r).summary;
    assert_eq!(s.matches("no rule of the bucket").count(), 1, "{s}");
    assert_eq!(s.matches("a CDN in front").count(), 1, "{s}");
}

/// A font, stylesheet or script a page element loads is a GET with no headers of the page's
/// own: the method is not "assumed" nor asked for.
#[test]
fn page_elements_are_gets() {
    let r = report("Access to font at 'https://cdn.example.net/f.woff2' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.request.method, "GET");
    assert_eq!(f.request.method_basis, "stated");
    assert!(
        f.missing
            .iter()
            .all(|m| !m.contains("the request's method")),
        "{:?}",
        f.missing
    );
}

/// A 404 from an execute-api host (aws-samples/aws-mcp-servers-samples#17): no route for the
/// method and path is the first cause, before the Lambda's own 404.
#[test]
fn api_gateway_404_is_a_missing_route_first() {
    let r = report("Access to fetch at 'https://3cncgd7ya0.execute-api.us-east-2.amazonaws.com/login' from origin 'http://b.s3-website.us-east-2.amazonaws.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nPOST https://3cncgd7ya0.execute-api.us-east-2.amazonaws.com/login net::ERR_FAILED 404\n");
    let s = &only(&r).summary;
    assert!(s.contains("(1) HTTP API: no route matches"), "{s}");
}

/// `curl -v`'s response header lines under the command with the status line trimmed away
/// (jsdelivr/bootstrapcdn#474): read, and as the command sent no `Origin`, a missing
/// Allow-Origin is not the browser's answer (the same as with the status line).
#[test]
fn curl_verbose_lines_without_their_status_line() {
    let trimmed = "curl -v http://cdn.example.net/f.woff?v=1\n\n< Content-Length: 10\n< Content-Type: application/font-woff\n";
    let with_status = "curl -v http://cdn.example.net/f.woff?v=1\n\n< HTTP/1.1 200 OK\n< Content-Length: 10\n< Content-Type: application/font-woff\n";
    for input in [trimmed, with_status] {
        let r = report(input);
        let f = only(&r);
        assert_eq!(r.input, "curl_verbose");
        assert_eq!(f.request.url, "http://cdn.example.net/f.woff?v=1");
        assert!(!f.browser.blocked, "{input}\n{:?}", f.browser);
        assert!(
            f.missing
                .iter()
                .any(|m| m.contains("without an `Origin` header")),
            "{:?}",
            f.missing
        );
    }
    // With the page's Origin sent, the same trimmed answer is judged.
    let r = report("curl -v http://cdn.example.net/f.woff -H 'Origin: https://app.example.com'\n\n< Content-Type: application/font-woff\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
}

/// A call redirected to a sign-in page after its preflight (openedx frontend-app-payment#656,
/// IdentityServer3#2011): the fix is the session on the call and a 401 from the API, never
/// "call the sign-in page directly".
#[test]
fn redirected_to_sign_in_after_the_preflight() {
    let r = report("Access to XMLHttpRequest at 'https://api.example.com/login/?next=/checkout' (redirected from 'https://api.example.com/checkout') from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.\n");
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "sign-in", "{:#?}", f.fixes);
    assert!(
        f.fixes[0].text.contains("HTTP/1.1 401"),
        "{}",
        f.fixes[0].text
    );
    for x in &f.fixes {
        assert!(
            !x.text.contains("login/?next=/checkout directly"),
            "{}",
            x.text
        );
    }
    let r = report("XMLHttpRequest cannot load https://api.example.com/x. The request was redirected to 'https://sso.example.com/connect/authorize?client_id=a', which is disallowed for cross-origin requests that require preflight.\n");
    let s = &only(&r).summary;
    assert!(s.contains("no valid session"), "{s}");
    assert!(!s.contains("directly"), "{s}");
    // A redirect elsewhere (a trailing slash) keeps "call it directly".
    let r = report("XMLHttpRequest cannot load https://api.example.com/x. The request was redirected to 'https://api.example.com/x/', which is disallowed for cross-origin requests that require preflight.\n");
    assert!(only(&r).summary.contains("directly"));
}

/// The curl command in inline code among the words, its output under "and i got :"
/// (istio/istio#57104): read as when the command stands on its own line — an OPTIONS without
/// Access-Control-Request-Method, sent with an origin no browser sends.
#[test]
fn curl_command_in_inline_code_among_words() {
    let r = report("then i do a `curl -XOPTIONS 'https://api.example.com/test' -v -H 'Origin: foobar.com'`\n\nand i got :\n< HTTP/2 401\n< access-control-allow-origin: foobar.com\n< access-control-allow-credentials: true\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/test");
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("without `Access-Control-Request-Method`")
                && w.contains("-H 'Origin: https://your-app.example'")),
        "{:?}",
        f.warnings
    );
    assert!(
        f.missing
            .iter()
            .any(|m| m.contains("is not one a browser sends")),
        "{:?}",
        f.missing
    );
    // A command only mentioned, with no output under it, stays words: the message's request
    // is not the hand-sent HEAD.
    let r = report("Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\nI tried `curl -I https://api.example.com/x` and it works fine.\n");
    assert_ne!(only(&r).request.method, "HEAD");
}

/// Old Chrome's message wrapped over four lines (openfisca-web-api#84): the origin and status
/// sentences belong to it, none is left unread.
#[test]
fn old_chrome_message_wrapped_with_origin_and_status() {
    let r = report("XMLHttpRequest cannot load https://api.example.com/calc. \nNo 'Access-Control-Allow-Origin' header is present on the requested resource.\nOrigin 'https://app.example.com' is therefore not allowed access.\n The response had HTTP status code 500.\n");
    let f = only(&r);
    assert!(r.unread.is_empty(), "{:?}", r.unread);
    assert_eq!(f.request.origin.as_deref(), Some("https://app.example.com"));
    assert!(f.summary.contains("500"), "{}", f.summary);
}

/// A key the user hid in the query with words (`${API Key}`, developer.nlr.gov#190): the URL
/// is still the one Chrome named.
#[test]
fn chrome_url_with_a_placeholder_in_its_query() {
    let r = report("Access to fetch at 'https://a.example/x?k=${API Key}&b=1' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_eq!(only(&r).request.url, "https://a.example/x?k=${API Key}&b=1");
    // A placeholder for the whole URL is still no URL.
    let r = report("Access to fetch at 'https://<my api> /x' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_eq!(only(&r).request.url, "");
}

/// Firefox's console copy with the source column "(unknown)" after the message
/// (addons-server#4595), for a font file: the key is read, the load is a GET without a
/// preflight, and the causes are a file server's.
#[test]
fn firefox_font_line_with_its_source_column() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://cdn.example/a.woff2. (Reason: CORS header 'Access-Control-Allow-Origin' missing).  (unknown)\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
    assert_eq!(f.request.method, "GET");
    assert_eq!(f.request.method_basis, "stated");
    assert!(
        f.summary.contains("(1) the file's server or CDN"),
        "{}",
        f.summary
    );
    assert!(
        !f.summary.contains("if it was the preflight"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "font-files", "{:?}", f.fixes);
}

/// A call to this machine (a dev server): "not configured" comes before a gateway's error
/// when no status tells (TropicalHazards-BI#137); elsewhere the gateway stays first.
#[test]
fn local_dev_server_causes_start_with_not_configured() {
    let msg = |url: &str| {
        format!("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing).\n")
    };
    let r = report(&msg("http://localhost:8000/users/26"));
    let s = &only(&r).summary;
    assert!(s.contains("(1) CORS is not configured"), "{s}");
    let r = report(&msg("https://api.example.com/users/26"));
    let s = &only(&r).summary;
    assert!(s.contains("(1) a gateway, CDN or proxy"), "{s}");
}

/// A pattern in Allow-Origin (`https://*.example.io`, textpattern.github.io#106): said to be
/// unsupported, with the server-side match as the way.
#[test]
fn firefox_allow_origin_pattern_is_named() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://example.com/f.woff2. (Reason: CORS header 'Access-Control-Allow-Origin' does not match 'https://*.example.io').\n");
    let s = &only(&r).summary;
    assert!(
        s.contains("a pattern inside an origin is not supported"),
        "{s}"
    );
}

/// Chrome's Local Network Access reasons pasted alone, quoted in double backticks as a
/// bullet list (gptme#2623): read, with their names.
#[test]
fn bare_local_network_access_reasons() {
    let r = report("The errors:\n- ``Permission was denied for this request to access the `loopback` address space.``\n- ``Request had a target IP address space of `local` yet the resource is in address space `loopback`.``\n");
    let names: Vec<_> = r
        .findings
        .iter()
        .map(|f| f.browser.cors_error.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        [
            "LocalNetworkAccessPermissionDenied",
            "InvalidLocalNetworkAccess"
        ]
    );
}

/// Chrome before 60's wildcard-with-credentials sentence alone, and with the URL and origin
/// hidden as '....' and the header name broken by a wrap (cornice#319).
#[test]
fn old_chrome_wildcard_with_credentials_bare_and_hidden() {
    for input in [
        "A wildcard '*' cannot be used in the 'Access-Control-Allow-Origin' header when the credentials flag is true.\n",
        "> XMLHttpRequest cannot load '....' A wildcard '*' cannot be used in the 'Access-Control- Allow-Origin' header when the credentials flag is true. Origin '....' is therefore not allowed access.\n",
    ] {
        let r = report(input);
        let f = only(&r);
        assert_eq!(
            f.browser.cors_error.as_deref(),
            Some("WildcardOriginNotAllowed"),
            "{input}"
        );
        assert_eq!(f.request.origin, None, "{input}");
    }
}

/// Safari's "cannot load" line first, then the reason's "Failed to load resource:" repeat
/// (generator-jhipster-ionic#872; the first reason line not copied): one request, with its
/// URL, origin and status.
#[test]
fn safari_cannot_load_then_the_reason_repeat() {
    let r = report("[Error] XMLHttpRequest cannot load http://localhost:8080/api/account due to access control checks.\n[Error] Failed to load resource: Origin http://localhost:8100 is not allowed by Access-Control-Allow-Origin. Status code: 401 (account, line 0)\n");
    let f = only(&r);
    assert_eq!(f.request.url, "http://localhost:8080/api/account");
    assert_eq!(f.request.origin.as_deref(), Some("http://localhost:8100"));
    assert!(f.summary.contains("401"), "{}", f.summary);
}

/// Header lines retyped with a space before the colon (nginx-wiki#539).
#[test]
fn header_lines_with_a_space_before_the_colon() {
    let r = report("Access-Control-Allow-Origin : *\nAccess-Control-Allow-Origin : example.com\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    // Words with a colon after a space are still no header.
    assert!(whycors::diagnose("Note : this is my config\n", &Options::default()).is_err());
}

/// fetch() with its URL from a variable (supabase#9373): the options are read, the URL is
/// missing, not a refusal.
#[test]
fn fetch_with_its_url_in_a_variable() {
    let r = report("fetch(\n    import.meta.env.SUPABASE_FUNCTION_URL,\n  {\n    method: \"POST\",\n    headers: {\n      Authorization: \"Bearer bad-token\",\n      \"Content-Type\": \"application/json\",\n    },\n  }\n)\n");
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.request.url, "");
    assert!(
        f.missing.iter().any(|m| m.starts_with("the request's URL")),
        "{:?}",
        f.missing
    );
}

/// An app's own scheme as the page's origin (Obsidian's `app://obsidian.md`,
/// obsidian-hoarder#12; extensions, Capacitor, Tauri): Chromium sends it as it is, so it is
/// the page's origin, not "one no browser sends".
#[test]
fn app_scheme_origins_are_page_origins() {
    for origin in [
        "app://obsidian.md",
        "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
        "capacitor://localhost",
    ] {
        let r = report(&format!("Access to fetch at 'https://api.example.com/v1/x' from origin '{origin}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.\n"));
        let f = only(&r);
        assert_eq!(f.request.origin.as_deref(), Some(origin));
        assert!(
            f.missing
                .iter()
                .all(|m| !m.contains("not one a browser sends")),
            "{:?}",
            f.missing
        );
        assert!(
            f.fixes[0]
                .text
                .contains(&format!("Access-Control-Allow-Origin: {origin}")),
            "{}",
            f.fixes[0].text
        );
    }
    // A host alone is still no origin.
    let r = report("curl -i -X OPTIONS https://api.example.com/x -H 'Origin: foobar.com' -H 'Access-Control-Request-Method: POST'\nHTTP/1.1 204 No Content\n\n");
    assert!(
        only(&r)
            .missing
            .iter()
            .any(|m| m.contains("not one a browser sends")),
        "{:?}",
        only(&r).missing
    );
}

/// The Express fix: first when the response says Express, left out when it names another
/// server, an example beside the headers when nothing names the server.
#[test]
fn express_fix_only_where_express_may_run() {
    let with = |server: &str| {
        format!("curl -i https://api.example.com/x -H 'Origin: https://app.example.com'\nHTTP/1.1 200 OK\n{server}Content-Type: application/json\n\n")
    };
    let targets = |input: &str| -> Vec<String> {
        only(&report(input))
            .fixes
            .iter()
            .map(|f| f.target.clone())
            .collect()
    };
    let t = targets(&with("X-Powered-By: Express\n"));
    assert_eq!(t.first().map(String::as_str), Some("express"), "{t:?}");
    let t = targets(&with("Server: gunicorn/20.1.0\n"));
    assert!(
        !t.iter().any(|x| x == "express" || x == "frameworks"),
        "{t:?}"
    );
    // Nothing names the server: the common frameworks' card, not Express alone.
    let t = targets(&with(""));
    assert!(!t.iter().any(|x| x == "express"), "{t:?}");
    assert!(t.iter().any(|x| x == "frameworks"), "{t:?}");
}

/// A header a public service's preflight does not allow (Google's discovery document,
/// angular-oauth2-oidc#1202; an AWS SDK header, aws-sdk-js-v3#2080): the page stops sending
/// it there, first; its owner's CORS settings are not the user's.
#[test]
fn header_refused_by_a_public_service() {
    let r = report("Access to XMLHttpRequest at 'https://accounts.google.com/.well-known/openid-configuration' from origin 'http://localhost:4200' has been blocked by CORS policy: Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "client", "{:?}", f.fixes);
    assert!(
        f.summary.contains("do not send `authorization`"),
        "{}",
        f.summary
    );
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://kinesisvideo.us-west-2.amazonaws.com/v1/x. (Reason: header ‘amz-sdk-invocation-id’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).\n");
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "client", "{:?}", f.fixes);
    // An API Gateway URL is the user's own API: its preflight is theirs to fix.
    let r = report("Access to fetch at 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/x' from origin 'http://localhost:4200' has been blocked by CORS policy: Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    assert_ne!(only(&r).fixes[0].target, "client");
}

/// A public CORS proxy in the URL (crossorigin.me, getsy#3): said first, and the fix is a
/// proxy of the user's own, not server headers for `OPTIONS /http://…`.
#[test]
fn public_cors_proxy() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://crossorigin.me/http://example.com/a. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing).\n");
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("crossorigin.me is a public CORS proxy"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes.len(), 1, "{:?}", f.fixes);
    assert!(
        f.fixes[0].text.contains("proxy_pass http://example.com/;"),
        "{}",
        f.fixes[0].text
    );
}

/// engine.io's own path with a session id (engine.io#211): the transport is named and the
/// unknown-session answer explained; a network failure there gets no Socket.IO header talk.
#[test]
fn engine_io_polling_and_its_session() {
    let r = report("Access to XMLHttpRequest at 'https://b.example.com/engine.io/?EIO=3&transport=polling&sid=abc' from origin 'https://a.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let s = &only(&r).summary;
    assert!(s.contains("long-polling transport"), "{s}");
    assert!(s.contains("Session ID unknown"), "{s}");
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://localhost/socket.io/?EIO=3&transport=polling&t=1. (Reason: CORS request did not succeed).\n");
    let s = &only(&r).summary;
    assert!(!s.contains("long-polling transport"), "{s}");
}

/// A server's access log line beside the message (istio#24145's Envoy log): the OPTIONS
/// line's status is the preflight's; a POST line's is the request's.
#[test]
fn access_log_lines_give_the_status() {
    let r = report("Access to XMLHttpRequest at 'https://api.example.com/svc/x' from origin 'https://ui.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\"OPTIONS /svc/x HTTP/1.1\" 403 - \"-\" \"-\" 0 19 0 - \"10.0.0.1\" \"Mozilla/5.0\" \"id\" \"api.example.com\" \"-\"\n");
    let f = only(&r);
    assert!(f.summary.contains("status 403"), "{}", f.summary);
    assert!(
        f.evidence
            .iter()
            .any(|e| e.contains("preflight (OPTIONS) status: 403")),
        "{:?}",
        f.evidence
    );
    // Another path's line is left alone; a request line gives the response's status.
    let r = report("Access to fetch at 'https://api.example.com/upload' from origin 'https://ui.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n10.0.0.1 - - [06/Dec/2026:10:00:00 +0000] \"OPTIONS /upload HTTP/1.1\" 204 0\n10.0.0.1 - - [06/Dec/2026:10:00:00 +0000] \"POST /other HTTP/1.1\" 500 0\n10.0.0.1 - - [06/Dec/2026:10:00:01 +0000] \"POST /upload HTTP/1.1\" 413 0\n");
    let s = &only(&r).summary;
    assert!(s.contains("413"), "{s}");
    assert!(!s.contains("500"), "{s}");
}

/// The page's origin `null` (openaq-api#1): the likeliest cause first, and the fix's
/// placeholder says what it stands for (not "the capture did not show the origin").
#[test]
fn null_page_origin_comes_first() {
    let r = report("Access to fetch at 'https://api.example.com/t.pbf' from origin 'null' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert!(
        f.summary.starts_with("The page's origin is `null`"),
        "{}",
        f.summary
    );
    assert!(
        f.fixes
            .iter()
            .all(|x| !x.text.contains("did not show the page's origin")),
        "{:?}",
        f.fixes
    );
}

/// A redirect that collapses a doubled slash (mozilla/addons#10001): the page built the URL.
#[test]
fn doubled_slash_redirect() {
    let r = report("Fetch API cannot load http://api.example.com/a//?x=1. Redirect from 'http://api.example.com/a//?x=1' to 'http://api.example.com/a/?x=1' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:3000' is therefore not allowed access.\n");
    let s = &only(&r).summary;
    assert!(s.contains("doubled slash"), "{s}");
    assert!(!s.contains("declared the other way"), "{s}");
}

/// A font from Google Fonts refused without Allow-Origin (lnug/community#49, an ad blocker):
/// the CDN answers every site with `*`, so the causes are what stood in its place, and the
/// fix is not an nginx or Apache block for a server the user does not run. A file server of
/// the user's own keeps the file server's causes and fix.
#[test]
fn an_open_cdn_without_allow_origin_is_something_in_between() {
    let r = report("Font from origin 'http://fonts.gstatic.com' has been blocked from loading by Cross-Origin Resource Sharing policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://lnug.org' is therefore not allowed access.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert!(
        f.summary
            .contains("(1) this public CDN sends `Access-Control-Allow-Origin: *`"),
        "{}",
        f.summary
    );
    assert!(f.summary.contains("browser extension"), "{}", f.summary);
    assert_eq!(f.fixes.len(), 1, "{:?}", f.fixes);
    assert_eq!(f.fixes[0].target, "client");
    assert!(
        f.fixes[0].text.contains("private window"),
        "{}",
        f.fixes[0].text
    );
    assert!(!f.fixes[0].text.contains("nginx"), "{}", f.fixes[0].text);
    // A fetch() to jsDelivr: no "If you do not run cdn.jsdelivr.net … call it from your own server".
    let r = report("Access to fetch at 'https://cdn.jsdelivr.net/npm/foo@1/dist/x.json' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert!(!f.summary.contains("If you do not run"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "client");
    // The user's own font server: the file server's causes and its nginx block.
    let r = report("Font from origin 'https://static.example.com' has been blocked from loading by Cross-Origin Resource Sharing policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'https://www.example.com' is therefore not allowed access.\n");
    let f = only(&r);
    assert!(
        f.summary.contains("(1) the file's server or CDN sends no"),
        "{}",
        f.summary
    );
    assert!(
        f.fixes.iter().any(|x| x.text.contains("nginx")),
        "{:?}",
        f.fixes
    );
}

/// The stack the words around a message name gets its fix first, and no Express example
/// beside it (ninth round: Spring Security, Django's settings, Echo's middleware, Kong's
/// Key-Auth, nginx, IdentityServer4). Express named keeps Express.
#[test]
fn the_stack_the_paste_names_gets_its_fix() {
    let cases = [
        ("I make an AJAX POST call\nRequest URL:http://localhost:8080/rest/client/user\nRequest Method:OPTIONS\nStatus Code:401 Full authentication is required to access this resource\n", "spring"),
        ("Access to fetch at 'http://localhost:8000/api/' from origin 'http://localhost:8080' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\nCORS_ALLOWED_ORIGINS = [\n    'http://localhost:8080/',\n]\n", "django"),
        ("The 'Access-Control-Allow-Origin' header contains multiple values 'http://a.example,https://b.example', but only one is allowed. Origin 'http://a.example' is therefore not allowed access.\ne.Use(middleware.CORSWithConfig(middleware.CORSConfig{\n  AllowOrigins: []string{\"http://a.example\", \"https://b.example\"},\n}))\n", "go"),
        ("The Key-Auth plugin is expecting the api-key header on OPTIONS requests.\nResponse to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:8100' is therefore not allowed access. The response had HTTP status code 401.\n", "kong"),
        ("Access to fetch at 'https://id.example.com/.well-known/openid-configuration' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nThe server is IdentityServer4.\n", "aspnet-core"),
    ];
    for (text, target) in cases {
        let r = report(text);
        let f = only(&r);
        assert_eq!(f.fixes[0].target, target, "{text}\n{:#?}", f.fixes);
        assert!(
            f.fixes
                .iter()
                .all(|x| x.target != "express" && x.target != "frameworks"),
            "{text}\n{:#?}",
            f.fixes
        );
    }
    // nginx and Express both named for a doubled header: both fixes, nginx's hiding the
    // upstream's copy.
    let r = report("The 'Access-Control-Allow-Origin' header contains multiple values '*, *', but only one is allowed.\nNode Express APP behind NGINX\napp.use(cors());\n");
    let f = only(&r);
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(&targets[..2], ["express", "nginx"], "{targets:?}");
    let nginx = f.fixes.iter().find(|x| x.target == "nginx").unwrap();
    assert!(
        nginx
            .text
            .contains("proxy_hide_header Access-Control-Allow-Origin"),
        "{}",
        nginx.text
    );
    // A framework's name in a link is no stack of the user's.
    let r = report("Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nI read https://docs.djangoproject.com/en/4.2/ already\n");
    assert!(
        only(&r).fixes.iter().all(|x| x.target != "django"),
        "{:#?}",
        only(&r).fixes
    );
}

/// A host replaced by a placeholder (`<api url>`, `<function-name>`): the message is still
/// read, and a known host suffix (Azure App Service) still names the platform.
#[test]
fn a_placeholder_in_the_host_is_a_name() {
    let r = report("XMLHttpRequest cannot load http://<api url>:4567/clients. Origin http://127.0.0.1:9000 is not allowed by Access-Control-Allow-Origin.\n");
    let f = only(&r);
    assert_eq!(f.request.url, "http://api-url:4567/clients");
    assert_eq!(f.request.origin.as_deref(), Some("http://127.0.0.1:9000"));
    let r = report("Response to preflight request doesn't pass access control check: Credentials flag is 'true', but the 'Access-Control-Allow-Credentials' header is ''. It must be 'true' to allow credentials. Origin 'http://localhost' is therefore not allowed access.\n\nfetch('https://<function-name>.azurewebsites.net/.auth/me', {credentials: 'include'})\n");
    let f = only(&r);
    assert_eq!(
        f.request.url,
        "https://function-name.azurewebsites.net/.auth/me"
    );
    assert!(
        f.fixes.iter().any(|x| x.target == "azure-app-service"),
        "{:#?}",
        f.fixes
    );
}

/// Messages a poster quoted or rewrote inside a sentence: Safari's in double quotes or
/// backticks, Chrome's reason in Markdown italics, the multiple-values sentence with its end
/// rewritten. A Safari refusal for `null` leads with the null origin (an app's web view).
#[test]
fn messages_quoted_or_rewritten_in_prose() {
    let r = report("My server allows calls from other domains. I get a \"Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin.\" warning.\n");
    let f = only(&r);
    assert_eq!(f.request.origin.as_deref(), Some("http://localhost:3000"));
    assert!(f.summary.contains("sent twice"), "{}", f.summary);
    let r = report("Browser reports `Failed to load resource: Origin null is not allowed by Access-Control-Allow-Origin.`\nApache Cordova on iOS\n");
    let f = only(&r);
    assert!(
        f.summary.starts_with("The page's origin is `null`"),
        "{}",
        f.summary
    );
    assert!(f.summary.contains("cordova-ios"), "{}", f.summary);
    let r = report("the preflight is broken with *has been blocked by CORS policy: Request header field apollographql-client-version is not allowed by Access-Control-Allow-Headers in preflight response*.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );
    let r = report("The 'Access-Control-Allow-Origin' header contains multiple values '*, *', on NGINX server\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    assert_eq!(f.fixes[0].target, "nginx");
}

/// The method the words pasted with a capture name in capitals ("I make an AJAX POST call"),
/// when no capture or code states it: taken, said so ("described") with its line; not when
/// the words name GET too ("neither GET nor POST works").
#[test]
fn the_method_the_words_name() {
    let r = report("I make an AJAX POST call from different domain\nRequest URL:http://localhost:8080/rest/client/user\nRequest Method:OPTIONS\nStatus Code:401 Full authentication is required to access this resource\n");
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.request.method_basis, "described");
    assert!(
        f.evidence.iter().any(|e| e.contains("(line 1): POST")),
        "{:?}",
        f.evidence
    );
    let r = report("my request sends one OPTIONS and neither GET nor POST request works.\nRequest header field Content-Type is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    assert_eq!(only(&r).request.method_basis, "assumed");
}

/// A CORS header name misspelled by the server (axios/axios#71: `Access-Control-Expose-Header`)
/// is as if not sent, as browsers treat it, and the warning names the right spelling; a
/// misspelled one the page's script sets is a response header on a request all the same.
#[test]
fn a_misspelled_cors_header_name_is_named() {
    let r = report("HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *\nAccess-Control-Expose-Header: Etag\nEtag: W/\"3-x\"\n");
    let f = only(&r);
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("`Access-Control-Expose-Header`")
                && w.contains("`Access-Control-Expose-Headers`")),
        "{:?}",
        f.warnings
    );
    let r = report("HTTP/1.1 200 OK\nAccess-Control-Allow-Origins: https://app.example.com\n");
    let f = only(&r);
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("it is `Access-Control-Allow-Origin`")),
        "{:?}",
        f.warnings
    );
    // Right names draw no such warning.
    let r = report("HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *\nAccess-Control-Expose-Headers: Etag\nAccess-Control-Max-Age: 600\n");
    assert!(
        only(&r)
            .warnings
            .iter()
            .all(|w| !w.contains("no browser reads")),
        "{:?}",
        only(&r).warnings
    );
    let r = report("fetch('https://api.example.com/x', {headers: {'acces-control-allow-origin': '*'}})\nAccess to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: Request header field acces-control-allow-origin is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    assert!(
        only(&r)
            .summary
            .contains("a response header, which only the server"),
        "{}",
        only(&r).summary
    );
}

/// Headers pasted in the order the browsers' Headers views show them, the response above its
/// request, pair after pair (flask-cors#154): each response is its request's. Before, the
/// POST's 500 was read as the preflight's answer.
#[test]
fn responses_pasted_above_their_requests() {
    let r = report("HTTP/1.0 200 OK\nAccess-Control-Allow-Origin: http://localhost:7000\nAccess-Control-Allow-Methods: POST, OPTIONS\nAccess-Control-Allow-Headers: accept, content-type\n\nOPTIONS /testPost HTTP/1.1\nHost: localhost:5000\nAccess-Control-Request-Method: POST\nAccess-Control-Request-Headers: content-type\nOrigin: http://localhost:7000\n\nHTTP/1.0 500 INTERNAL SERVER ERROR\nContent-Type: text/html; charset=utf-8\n\nPOST /testPost HTTP/1.1\nHost: localhost:5000\nOrigin: http://localhost:7000\nContent-Type: application/json\n");
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.cause.kind.as_str(), "response_missing_cors");
    assert!(f.summary.contains("500"), "{}", f.summary);
}

/// A preflight answered 403 by a server with no gateway named (RADAR-base/RADAR-Docker#65,
/// a JHipster server; modelix#981, Ktor): the server's own CORS layer refusing what the
/// preflight asks for comes first; without a status, routing still leads.
#[test]
fn a_preflight_403_is_first_the_cors_layers_refusal() {
    let r = report("OPTIONS https://radar.example.org/managementportal/oauth/token 403 (Forbidden)\nFailed to load https://radar.example.org/managementportal/oauth/token: Response for preflight has invalid HTTP status code 403\n");
    let f = only(&r);
    assert!(
        f.summary
            .contains("(1) the server's own CORS layer refuses the preflight"),
        "{}",
        f.summary
    );
    let r = report("Failed to load https://radar.example.org/x: Response for preflight has invalid HTTP status code 404\n");
    assert!(
        only(&r).summary.contains("(1) nothing routes OPTIONS"),
        "{}",
        only(&r).summary
    );
    let r = report("HTTP/1.1 403 Forbidden\nContent-Length: 0\n\nOPTIONS /v2/id HTTP/1.1\nHost: localhost:28101\nOrigin: http://localhost:5173\nAccess-Control-Request-Method: POST\nAccess-Control-Request-Headers: authorization\n");
    let f = only(&r);
    assert!(
        f.summary.contains("CORS layer refused the preflight"),
        "{}",
        f.summary
    );
}

/// A Google Apps Script web app (form-to-google-sheets#14): its deployment's access and a
/// request without preflight are the fix, not CORS headers the script cannot set; the 401
/// of a retyped "status of of 401" line is read.
#[test]
fn an_apps_script_web_app() {
    let r = report("Failed to load resource: the server responded with a status of of 401 ()\n\nAccess to fetch at 'https://script.google.com/a/example.com/macros/s/AKfy/exec' from origin 'http://example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.cause.status, Some(401));
    assert!(
        f.summary
            .starts_with("The URL is a Google Apps Script web app"),
        "{}",
        f.summary
    );
    assert!(
        f.summary.contains("its access must be \"Anyone\""),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("If you do not run"), "{}", f.summary);
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(targets, ["apps-script"]);
}

/// Credentials refused by a server that does not allow them (beyonk/http#3, a client library
/// defaulting to credentials: 'include'): the page's fix — no credentials — is offered
/// beside the server's.
#[test]
fn credentials_refused_offers_sending_none() {
    let r = report("Access to fetch at 'http://localhost:3001/api' from origin 'http://localhost:3000' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.\n");
    let f = only(&r);
    let fix = f
        .fixes
        .iter()
        .find(|x| x.target == "no-credentials")
        .expect("no-credentials fix");
    assert!(
        fix.text.contains("does not allow credentials"),
        "{}",
        fix.text
    );
    assert!(!fix.text.contains("wildcard origin"), "{}", fix.text);
}

/// A jQuery call pasted above DevTools' General rows (microsoft/fhir-server#215): its object
/// literal's `url: "…",`, `type: "GET",` and `headers: {` lines are code, not rows of a
/// second request with headers named `type` and `dataType`.
#[test]
fn a_script_object_literal_is_no_devtools_row() {
    let r = report("$.ajax({\n\turl: \"http://fhir.example.net/Schedule?date=2018-11-21\",\n\ttype: \"GET\",\n\tdataType: \"json\",\n\theaders: {\n\t\t\"Accept\" : \"application/fhir+json\",\n\t\t\"cache-control\": \"private, max-age=0, no-cache\"\n\t},\n});\n\nRequest URL: https://fhir.example.net/Schedule?date=2018-11-21\nRequest Method: OPTIONS\nStatus Code: 404 Not Found\nRemote Address: 13.70.147.206:443\n");
    let f = only(&r);
    assert_eq!(
        f.request.url,
        "https://fhir.example.net/Schedule?date=2018-11-21"
    );
    assert_eq!(f.cause.status, Some(404));
}

/// Chrome 66–72 wrote today's head with the old tail: "Access to Font at 'U' from origin 'O'
/// has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header … Origin 'O' is
/// therefore not allowed access. The response had HTTP status code 404." The reason and the
/// status are read, not lost to the tail.
#[test]
fn todays_head_with_the_old_tail() {
    let r = report("> (index):1 Access to Font at 'https://media.example.org/fonts/fontawesome-webfont.woff2?v=4.6.3' from origin 'http://docs.example.io' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://docs.example.io' is therefore not allowed access. The response had HTTP status code 404.");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.cause.status, Some(404));
    assert_eq!(f.request.origin.as_deref(), Some("http://docs.example.io"));
    assert!(f.summary.contains("(status 404"), "{}", f.summary);
}

/// Firefox's reason in double quotes inside a sentence, retyped shorter than Firefox wrote
/// it ("missing token 'content-type' in CORS header"): the one reason it starts.
#[test]
fn firefox_reason_quoted_and_cut_short() {
    let r = report(
        "Ok, found it. The error is \"Reason: missing token 'content-type' in CORS header\".\n",
    );
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowHeaderFromPreflight2")
    );
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("content-type"));
    // A start two reasons share ("invalid token" / "missing token" both go on) stays unread.
    assert!(whycors::browser_text::parse_firefox_reason("CORS header").is_none());
}

/// Safari's sentence with the script's "TypeError: " in backticks inside a sentence, its
/// origin a placeholder: read as Safari's, not refused.
#[test]
fn safari_type_error_in_backticks() {
    let r = report("if calling endpoint lead to any unexpected error, the response sent would not hold proper headers leading to the classic `TypeError: Origin XXX is not allowed by Access-Control-Allow-Origin.` error message from browser.\n\n```python\napp.add_middleware(CORSMiddleware, allow_origins=['*'])\n```\n");
    let f = only(&r);
    assert!(f.browser.blocked);
    assert!(f.summary.starts_with("Safari reports"), "{}", f.summary);
}

/// A console's "Uncaught (in promise) TypeError: Failed to fetch(…)" is no fetch() call: the
/// method stays assumed. A GET of a public CDN's file that was preflighted is the page's
/// request asking for a preflight: the fix is the page's, with no condition on it.
#[test]
fn failed_to_fetch_is_no_call_and_a_cdn_preflight_is_the_pages() {
    let text = "Fetch API cannot load https://cdnjs.cloudflare.com/ajax/libs/hammer.js/2.0.6/hammer.min.js. Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'https://example.com' is therefore not allowed access. The response had HTTP status code 405. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.\n\nundefined:1 Uncaught (in promise) TypeError: Failed to fetch(…)\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(f.request.method_basis, "assumed");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert!(f.summary.contains("needs no preflight"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "client");
    assert!(
        f.fixes[0]
            .title
            .starts_with("Load cdnjs.cloudflare.com's files without a preflight"),
        "{}",
        f.fixes[0].title
    );
    // GitHub's raw files answer every site with `*` and no preflight: Safari's words too.
    let r = report("[Error] Preflight response is not successful. Status code: 403\n[Error] Fetch API cannot load https://raw.githubusercontent.com/org/repo/main/page.html due to access control checks.\n");
    let f = only(&r);
    assert!(f.summary.contains("needs no preflight"), "{}", f.summary);
    assert_eq!(
        f.fixes[0].title,
        "Load raw.githubusercontent.com's files without a preflight"
    );
    // A fetch() call after "failed to" in words is still no call; a real one is.
    let r = report(&format!("{text}\nfetch('https://cdnjs.cloudflare.com/ajax/libs/hammer.js/2.0.6/hammer.min.js', {{ headers: {{ 'X-Requested-With': 'XMLHttpRequest' }} }})\n"));
    assert_eq!(only(&r).request.method_basis, "stated");
}

/// A message retyped with typographic quotes and ending at "blocked by CORS policy" (a blog's
/// words) is read (its URL and origin, no reason) instead of refusing the whole paste; the
/// reason quoted later on is its own finding.
#[test]
fn reasonless_message_with_typographic_quotes() {
    let r = report("Initially, you’re likely to receive an error such as:\n\nAccess to XMLHttpRequest at ’https://wp.example.com/wp-admin/admin-ajax.php’ from origin ’https://www.example.com’ has been blocked by CORS policy\n\nadding the following line to the .htaccess file:\n\nHeader add Access-Control-Allow-Origin \"https://www.example.com\"\n\nyou’ll be presented with a new error:\n\n'Access-Control-Allow-Origin' header contains multiple values 'https://www.example.com, *', but only one is allowed\n");
    assert_eq!(
        r.findings.len(),
        2,
        "{:?}",
        r.findings.iter().map(|f| &f.summary).collect::<Vec<_>>()
    );
    let first = &r.findings[0];
    assert_eq!(
        first.request.url,
        "https://wp.example.com/wp-admin/admin-ajax.php"
    );
    assert_eq!(
        first.request.origin.as_deref(),
        Some("https://www.example.com")
    );
    assert_eq!(first.browser.cors_error, None);
    assert_eq!(
        r.findings[1].browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
}

/// A server's CORS settings pasted beside the message are judged: an entry no browser's
/// Origin can equal (a trailing slash, no scheme) explains the refusal first, with the value
/// to write; a list without the page's origin says which entry comes closest and how it
/// differs. Spring's CorsConfiguration drops a trailing slash, so there it is no fault.
#[test]
fn pasted_allow_lists_are_judged() {
    // django-cors-headers, the error retyped inside a sentence.
    let r = report("When adding a new domain into the CORS_ORIGIN_WHITELIST the client will get  No 'Access-Control-Allow-Origin' header is present on the requested resource error.\n\n```\nCORS_ORIGIN_WHITELIST = (\n\t'localhost:8080/',\n\t'a.domain:3000/'\n)\n```\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert!(f.summary.starts_with("The pasted `CORS_ORIGIN_WHITELIST` (line 5) lists `localhost:8080/`, which ends with a slash or path"), "{}", f.summary);
    assert!(
        f.summary.contains(
            "Write `http://localhost:8080` (`localhost:8080` before django-cors-headers 3.0)."
        ),
        "{}",
        f.summary
    );
    assert!(
        f.warnings.iter().any(|w| w.contains("`a.domain:3000/`")),
        "{:?}",
        f.warnings
    );
    assert_eq!(f.fixes[0].target, "django");
    // ASP.NET Core keeps the slash WithOrigins is given (it only lower-cases).
    let r = report("Access to XMLHttpRequest at 'https://localhost:5001/api/values' from origin 'http://localhost:4200' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\nservices.AddCors(o => o.AddPolicy(\"AllowAngular\", b => b.WithOrigins(\"http://localhost:4200/\").AllowAnyHeader().AllowAnyMethod()));\n");
    let f = only(&r);
    assert!(f.summary.starts_with("The pasted `WithOrigins` (line 3) lists `http://localhost:4200/`, which ends with a slash"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "aspnet-core");
    // An Express list without the page's origin: the closest entry and how it differs.
    let r = report("Access to fetch at 'https://api.example.com/items' from origin 'https://www.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\napp.use(cors({ origin: ['https://example.com', 'http://localhost:3000'], credentials: true }));\n");
    let f = only(&r);
    assert!(f.summary.starts_with("The pasted `origin` (line 3) does not list the page's origin `https://www.example.com`: `https://example.com` is not"), "{}", f.summary);
    // With the page's origin on the list, nothing is said.
    let r = report("Access to fetch at 'https://api.example.com/items' from origin 'https://example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\napp.use(cors({ origin: ['https://example.com', 'http://localhost:3000'] }));\n");
    let f = only(&r);
    assert!(!f.summary.contains("The pasted"), "{}", f.summary);
    assert!(
        f.warnings.iter().all(|w| !w.contains("The pasted")),
        "{:?}",
        f.warnings
    );
    // nginx setting the header itself with a slash.
    let r = report("Access to fetch at 'https://api.example.com/items' from origin 'https://app.example.com' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com/' that is not equal to the supplied origin.\n\nlocation /items {\n    add_header Access-Control-Allow-Origin \"https://app.example.com/\" always;\n}\n");
    let f = only(&r);
    assert!(f.summary.starts_with("The pasted settings set `Access-Control-Allow-Origin: https://app.example.com/` (line 4), which ends with a slash"), "{}", f.summary);
    // Spring drops the slash: no fault found in it.
    let r = report("Access to fetch at 'https://api.example.com/items' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\n@CrossOrigin(origins = \"http://localhost:4200/\")\n@RestController\n");
    let f = only(&r);
    assert!(!f.summary.contains("The pasted"), "{}", f.summary);
}

/// Firefox's "CORS request did not succeed" for an https:// server on this machine: the
/// development certificate is the fix named (the message in backticks ends at its closing
/// one); a network error the browser names otherwise (a refused connection) gets none.
#[test]
fn local_https_without_answer_names_the_certificate() {
    let r = report("npm debug console: `System.IO.IOException: The decryption operation failed, see inner exception.`\n\nFirefox console: `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://localhost:5001/v1/users/authenticate. (Reason: CORS request did not succeed).`\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "network_error");
    assert_eq!(f.fixes.len(), 1, "{:?}", f.fixes);
    assert_eq!(
        f.fixes[0].title,
        "Trust https://localhost:5001's certificate"
    );
    assert!(f.fixes[0].text.contains("dotnet dev-certs https --trust"));
    assert!(
        f.evidence.iter().all(|e| !e.ends_with('`')),
        "{:?}",
        f.evidence
    );
    // Another host, or another error: no certificate fix.
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/v1/users. (Reason: CORS request did not succeed). Status code: (null).");
    assert!(only(&r).fixes.is_empty(), "{:?}", only(&r).fixes);
    let r = report("GET https://localhost:5001/api/users net::ERR_CONNECTION_REFUSED");
    assert!(only(&r).fixes.is_empty(), "{:?}", only(&r).fixes);
}

/// The blocked URL is an OAuth authorization request (its client_id, redirect_uri,
/// response_type): the script was sent to sign in. Said first, with the sign-in fix, not
/// "CORS is not configured" on the identity provider; a plain API URL with `/login` in its
/// path and no authorization parameters is no such case.
#[test]
fn blocked_url_that_is_an_authorization_request() {
    let r = report("XMLHttpRequest cannot load http://localhost:9999/uaa/oauth/authorize?client_id=acme&redirect_uri=http://localhost:8080/login&response_type=code&state=9EMa0U. No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:8080' is therefore not allowed access.");
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("The blocked URL is a sign-in endpoint (an authorization request"),
        "{}",
        f.summary
    );
    assert!(
        !f.summary.contains("CORS is not configured"),
        "{}",
        f.summary
    );
    assert_eq!(f.cause.kind.as_str(), "sign_in_request");
    assert_eq!(f.fixes[0].target, "sign-in");
    assert!(
        f.fixes
            .iter()
            .all(|x| x.target != "express" && x.target != "frameworks"),
        "{:?}",
        f.fixes
    );
    // A redirect that shows where it came from keeps the redirect's own cause (it names the
    // product, from the redirect target's host).
    let r = report("Access to fetch at 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc&response_type=code&redirect_uri=https%3A%2F%2Fapp.example.com' (redirected from 'https://app.example.com/.auth/me') from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "redirect");
    assert!(
        f.summary.contains("Microsoft Entra ID's sign-in"),
        "{}",
        f.summary
    );
    let r = report("Access to fetch at 'https://api.example.com/login/status' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    assert!(
        !only(&r).summary.contains("sign-in endpoint"),
        "{}",
        only(&r).summary
    );
    assert_eq!(only(&r).cause.kind.as_str(), "unknown");
}

/// A preflight redirected on an http:// URL of a public host: the redirect to https:// is
/// named with the URL to call; on localhost it is not.
#[test]
fn preflight_redirect_on_plain_http() {
    let r = report("Access to XMLHttpRequest at 'http://registry-api.example.org/dataset/6663' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.");
    let f = only(&r);
    assert!(
        f.summary
            .contains("The URL is http://: a public server most often redirects that to https://"),
        "{}",
        f.summary
    );
    assert!(
        f.summary
            .contains("Call https://registry-api.example.org/dataset/6663 directly"),
        "{}",
        f.summary
    );
    let r = report("Access to XMLHttpRequest at 'http://localhost:8000/dataset' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.");
    assert!(
        !only(&r).summary.contains("The URL is http://"),
        "{}",
        only(&r).summary
    );
}

/// Chrome's sentence in Markdown's bold inside words of one's own: the evidence is the
/// sentence, without the stars.
#[test]
fn bold_sentence_in_words() {
    let r = report("For /api/user/admins URI, I am getting **Response for preflight has invalid HTTP status code 401** error.");
    let f = only(&r);
    assert_eq!(f.cause.status, Some(401));
    assert!(
        f.evidence
            .iter()
            .any(|e| e.ends_with("Response for preflight has invalid HTTP status code 401")),
        "{:?}",
        f.evidence
    );
    assert!(
        f.evidence.iter().all(|e| !e.contains("**")),
        "{:?}",
        f.evidence
    );
}

/// Go's print of an `http.Header` (`Access-Control-Allow-Origin:[*]`) is read as the headers
/// it holds, not as the value `[*]`; an allowed response with a header a script reads when it
/// is sent (Content-Disposition) that is not exposed gets a warning saying so, which exposing
/// it, or naming what the page reads with `--reads`, replaces.
#[test]
fn go_header_print_and_an_unexposed_download_name() {
    let text = "Headers logs from my simple go-router:\n```\nVary:[Origin]\nAccess-Control-Allow-Origin:[*]\nContent-Type:[image/png]\nContent-Length:[8891]\nContent-Disposition:[attachment; filename=100percent.png]\n```\n";
    let r = report(text);
    let f = only(&r);
    assert!(!f.browser.blocked, "{}", f.summary);
    assert!(
        f.warnings.iter().any(|w| w
            .starts_with("The page's script cannot read `Content-Disposition`")
            && w.contains("Access-Control-Expose-Headers: Content-Disposition")),
        "{:?}",
        f.warnings
    );
    let exposed = text.replace(
        "Content-Length:[8891]",
        "Access-Control-Expose-Headers:[Content-Disposition]",
    );
    assert!(only(&report(&exposed))
        .warnings
        .iter()
        .all(|w| !w.contains("cannot read")));
    let o = Options {
        reads: vec!["Content-Type".to_string()],
        ..Options::default()
    };
    let r = diagnose(text, &o).unwrap();
    assert!(
        r.findings[0]
            .warnings
            .iter()
            .all(|w| !w.contains("cannot read")),
        "{:?}",
        r.findings[0].warnings
    );
    // An ETag alone is left to --reads: servers send it whether or not a script reads it.
    let etag = "HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *\nETag: \"abc\"\n";
    assert!(only(&report(etag))
        .warnings
        .iter()
        .all(|w| !w.contains("cannot read")));
}

/// Header lines in a ```diff fence are read as they are after the change: `+` lines kept,
/// `-` lines left out.
#[test]
fn header_lines_in_a_diff_fence() {
    let r = report("when an Origin header is present, two new response headers are added:\n\n```diff\n  access-control-allow-origin: *\n+ Access-Control-Allow-Origin: *\n+ Vary: Origin, accept-encoding\n```\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    let r = report("```diff\n- access-control-allow-origin: *\n+ access-control-allow-origin: https://app.example.com\n+ vary: Origin\n```\n");
    let f = only(&r);
    assert_ne!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues"),
        "{}",
        f.summary
    );
}

/// Socket.IO named in the words: its own cors option first (Express' middleware never
/// reaches its polling requests). Spring Cloud Gateway named (with Spring Boot): a doubled
/// Allow-Origin gets DedupeResponseHeader, not one more Spring CORS layer.
#[test]
fn socket_io_and_spring_cloud_gateway_named() {
    let r = report("When I deploy sockets to heroku then I am getting error.\n\nI am getting this error\nThe value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'\n\nSocket.io not working in heroku. its always using polling instead of webs sockets.\n");
    let f = only(&r);
    assert_eq!(
        f.fixes[0].target,
        "socket-io",
        "{:?}",
        f.fixes.iter().map(|x| &x.target).collect::<Vec<_>>()
    );
    let r = report("Some of the legacy back ends behind our gateway have their own CORS filters. With Finchley train, the gateway's CORS processor would not duplicate these response headers. After upgrade to Greenwich BUILD-SNAPSHOT and Spring Boot 2.1.1.Release, these response headers are in two copies each:\n\n> Access to XMLHttpRequest at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header contains multiple values 'https://app.example.com, https://app.example.com', but only one is allowed.\n");
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "spring-cloud-gateway");
    assert!(
        f.fixes[0]
            .text
            .contains("DedupeResponseHeader=Access-Control-Allow-Origin"),
        "{}",
        f.fixes[0].text
    );
    assert!(
        f.fixes.iter().all(|x| x.target != "spring"),
        "{:?}",
        f.fixes.iter().map(|x| &x.target).collect::<Vec<_>>()
    );
    // Without a doubled header: its globalcors.
    let r = report("Spring Cloud Gateway in front of our services.\n\nAccess to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    let t = f
        .fixes
        .iter()
        .find(|x| x.target == "spring-cloud-gateway")
        .expect("gateway fix");
    assert!(
        t.text.contains("globalcors:")
            && t.text
                .contains("allowedOrigins: \"https://app.example.com\""),
        "{}",
        t.text
    );
}

/// A Cloud Function called in us-central1 (the client's default) while the pasted code
/// deploys it in another region: said first, with the client's region fix; Chrome's sentence
/// cut after "header is" still reads as the preflight's missing header.
#[test]
fn cloud_function_in_another_region() {
    let text = "exports.test = functions.region('australia-southeast1').https.onCall((data, context) => data);\n\nAccess to fetch at 'https://us-central1-proj.cloudfunctions.net/test' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is";
    let f = only(&report(text)).clone();
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert!(
        f.summary
            .starts_with("The page calls the function in us-central1"),
        "{}",
        f.summary
    );
    assert!(
        f.summary.contains("names australia-southeast1 (line 1)"),
        "{}",
        f.summary
    );
    assert_eq!(
        f.fixes[0].title,
        "Call the function in australia-southeast1"
    );
    assert!(f.fixes[0]
        .text
        .contains("getFunctions(app, 'australia-southeast1')"));
    // The same region in the code: nothing said.
    let same = text.replace("australia-southeast1", "us-central1");
    assert!(!only(&report(&same))
        .summary
        .contains("The page calls the function in"));
    assert!(whycors::input::stack::is_cloud_region("europe-west3"));
    assert!(!whycors::input::stack::is_cloud_region("eu-west"));
    assert!(!whycors::input::stack::is_cloud_region("us-east-1"));
}

/// A bucket's global S3 endpoint redirected to its regional one: calling the regional endpoint
/// (the SDK's region) is the first fix, before the bucket's CORS rules.
#[test]
fn s3_global_endpoint_redirect() {
    let r = report("XMLHttpRequest cannot load https://images.s3.amazonaws.com/. The request was redirected to 'https://images.s3-us-west-2.amazonaws.com/', which is disallowed for cross-origin requests that require preflight.");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "redirect");
    assert_eq!(f.fixes[0].target, "s3-region");
    assert!(
        f.fixes[0]
            .text
            .contains("https://images.s3.us-west-2.amazonaws.com/"),
        "{}",
        f.fixes[0].text
    );
    assert!(f.fixes[0]
        .text
        .contains("new S3Client({ region: 'us-west-2' })"));
    // Another redirect on S3 (to a sign-in page, say) gets no region fix.
    let r = report("XMLHttpRequest cannot load https://images.s3.amazonaws.com/. The request was redirected to 'https://login.example.com/sso', which is disallowed for cross-origin requests that require preflight.");
    assert!(only(&r).fixes.iter().all(|x| x.target != "s3-region"));
}

/// Allow-Origin names another site's origin and the words say the failure comes and goes
/// ("the first time … another website"): the cache's copy is the explanation, with `*` for a
/// public API; without such words both readings stay.
#[test]
fn another_origins_copy_when_the_words_say_it_comes_and_goes() {
    let msg = "XMLHttpRequest cannot load https://developer.example.gov/api/stations.json. The 'Access-Control-Allow-Origin' header has a value 'https://www.first-url.com' that is not equal to the supplied origin. Origin 'https://second-url.com' is therefore not allowed access.";
    let r = report(&format!("I can get the data with no problem the first time. However, if I go to another website that pulls the same API, the API uses the origin from the last website used.\n\n{msg}\n"));
    let f = only(&r);
    assert!(
        f.summary
            .contains("the failure comes and goes (line 1): a cache"),
        "{}",
        f.summary
    );
    assert!(
        f.summary
            .contains("can answer `Access-Control-Allow-Origin: *`"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].title, "Add Vary: Origin");
    let r = report(msg);
    let f = only(&r);
    assert!(
        f.summary.contains(
            "either https://second-url.com is missing from the origins the server allows"
        ),
        "{}",
        f.summary
    );
}

/// A 413 with Chrome's missing-header sentence: the body's size limit, where each usual layer
/// sets it, is the first fix (the app's CORS headers cannot reach a 413 made in front of it).
#[test]
fn a_413_gets_the_body_limit_first() {
    let r = report("POST https://api.example.tld/ 413\nAccess to XMLHttpRequest at 'https://api.example.tld/' from origin 'https://example.tld' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.cause.status, Some(413));
    assert_eq!(f.fixes[0].target, "body-limit");
    assert!(f.fixes[0].text.contains("client_max_body_size 50m;"));
    // Another status: no body-size fix.
    let r = report("POST https://api.example.tld/ 500\nAccess to XMLHttpRequest at 'https://api.example.tld/' from origin 'https://example.tld' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(only(&r).fixes.iter().all(|x| x.target != "body-limit"));
}

/// "<...>" alone on a line inside a pasted header block marks a cut, as "..." does.
#[test]
fn angle_bracket_elision_in_a_header_block() {
    let r = report("OPTIONS /items HTTP/1.1\nHost: api.example.com\n<...>\nAccess-Control-Request-Method: GET\nOrigin: http://localhost\n\nHTTP/1.1 200 OK\ncontent-length: 0\n");
    let f = &r.findings[0];
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader"),
        "{}",
        f.summary
    );
}

/// `curl -X OPTIONS URL -i` without Origin or Access-Control-Request-Method that got an
/// allowing answer: it passes, with the warning that a browser's preflight may be answered
/// otherwise (its Allow-Methods and -Headers come only with it).
#[test]
fn a_passing_options_typed_without_the_preflight_headers_is_warned_about() {
    let r = report("$ curl -X OPTIONS http://localhost:5000/api/workplace -i\nHTTP/1.0 200 OK\nContent-Type: text/html; charset=utf-8\nAllow: HEAD, OPTIONS, GET\nAccess-Control-Allow-Origin: *\nContent-Length: 0\n");
    let f = &r.findings[0];
    assert!(
        f.warnings.iter().any(|w| w.starts_with(
            "This OPTIONS was sent without `Origin` and `Access-Control-Request-Method`"
        )),
        "{:?}",
        f.warnings
    );
    // With both, no such warning.
    let r = report("$ curl -X OPTIONS http://localhost:5000/api/workplace -i -H 'Origin: http://localhost:3000' -H 'Access-Control-Request-Method: GET'\nHTTP/1.0 200 OK\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Methods: GET\nContent-Length: 0\n");
    assert!(
        r.findings[0]
            .warnings
            .iter()
            .all(|w| !w.starts_with("This OPTIONS was sent without")),
        "{:?}",
        r.findings[0].warnings
    );
}

/// `/.netlify/functions/` on a site's own domain is Netlify Functions: the platform named from
/// the path, and the function's own code as the fix (netlify.toml's headers do not reach it).
#[test]
fn netlify_functions_from_the_path() {
    let r = report("> Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://accounts.example.tech/.netlify/functions/get-prices?ids=1,2. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing).\n");
    let f = only(&r);
    assert_eq!(
        f.cause.platform.as_ref().map(|p| p.platform.slug()),
        Some("netlify"),
        "{:?}",
        f.cause.platform
    );
    assert!(
        f.summary
            .contains("The URL's path /.netlify/functions/ is one only Netlify serves"),
        "{}",
        f.summary
    );
    assert!(
        f.fixes[0]
            .title
            .ends_with("Netlify Function: answer OPTIONS and add the headers on every return"),
        "{}",
        f.fixes[0].title
    );
    assert!(f
        .fixes
        .iter()
        .all(|x| x.target != "express" && x.target != "frameworks"));
}

/// Firefox's reason alone in Markdown's inline code, without "Reason:", inside a sentence:
/// read as Firefox's; code spans that are no reason stay words.
#[test]
fn firefox_reason_in_inline_code_without_its_word() {
    let r = report("For me, on Firefox it fails with error `CORS header 'Access-Control-Allow-Origin' missing` (tested on a local server)\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
    assert!(whycors::diagnose(
        "I set `CORS_ALLOW_ALL = True` and nothing changed in the app at all\n",
        &Options::default()
    )
    .is_err());
}

/// Chrome's sentence in Markdown's italics (`_Access to … response._`) is Chrome's.
#[test]
fn chrome_sentence_in_markdown_italics() {
    let r = report("In my REACT project I have a GET request with axios but this request generates this error: \n\n_Access to XMLHttpRequest at 'http://localhost:1337/contents?kind=Resource' from origin 'http://localhost:8089' has been blocked by CORS policy: Request header field access-control-allow-origin is not allowed by Access-Control-Allow-Headers in preflight response._\n\nIn the Strapi project I created the middleware.js file.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );
    assert_eq!(
        f.browser.failed_parameter.as_deref(),
        Some("access-control-allow-origin")
    );
    assert!(
        f.summary
            .starts_with("The page's script sets `access-control-allow-origin`"),
        "{}",
        f.summary
    );
}

/// Chrome's preflight redirect reason alone, retyped in a sentence (in lower case too):
/// read as PreflightDisallowedRedirect; words about redirects are not.
#[test]
fn preflight_redirect_reason_alone() {
    for text in [
        "The browser reports:\n\nRedirect is not allowed for a preflight request\n",
        "when I used .httpsCallable(\"createPortalLink\"); it gave me a \"redirect is not allowed for a preflight request\" error.\n",
    ] {
        let r = report(text);
        let f = only(&r);
        assert_eq!(
            f.browser.cors_error.as_deref(),
            Some("PreflightDisallowedRedirect"),
            "{text}"
        );
        assert_eq!(f.cause.kind.as_str(), "preflight_failed", "{text}");
    }
    assert!(diagnose(
        "Is a redirect allowed for a preflight request at all, or only for the actual request?\n",
        &Options::default()
    )
    .is_err());
}

/// Firebase's `httpsCallable('name')` beside the message: a POST of JSON to the URL the SDK
/// builds (us-central1 unless the code names the region), so the Cloud Functions lead and fix.
#[test]
fn firebase_https_callable_is_the_request() {
    let r = report("when I used .httpsCallable(\"ext-firestore-stripe-subscriptions-createPortalLink\"); it gave me a \"redirect is not allowed for a preflight request\" error.\n");
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(
        f.request.url,
        "https://us-central1-project.cloudfunctions.net/ext-firestore-stripe-subscriptions-createPortalLink"
    );
    assert!(f.summary.contains("the function's name"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "cloud-functions");
    // The region the code gives the client is the one called.
    let r = report("const functions = getFunctions(app, 'europe-west1');\nconst pay = httpsCallable(functions, 'pay');\nAccess to fetch at 'https://europe-west1-shop.cloudfunctions.net/pay' from origin 'https://shop.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(
        f.request.url,
        "https://europe-west1-shop.cloudfunctions.net/pay"
    );
    assert!(!f.summary.contains("pasted code names"), "{}", f.summary);
}

/// Heroku's router log line beside the message: its status is the response's, its code the
/// lead; a placeholder in square brackets (`[APP]`) is a name, an IPv6 address is not.
#[test]
fn heroku_router_log_beside_the_message() {
    let r = report("```\nAccess to fetch at 'https://[APP].herokuapp.com/authenticate/[CLIENT_ID]' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n```\nWhen requesting the token from the Heroku app, it crashes with:\n```\nat=error code=H10 desc=\"App crashed\" method=GET path=\"/authenticate/8017e66b224ec9949727\" host=rocky-stream-75830.herokuapp.com request_id=572fdfe1 fwd=\"213.127.31.163\" dyno= connect= service= status=503 bytes= protocol=https\n```\n");
    let f = only(&r);
    assert_eq!(f.cause.status, Some(503));
    assert_eq!(
        f.cause.platform.as_ref().map(|p| p.platform.slug()),
        Some("heroku")
    );
    assert!(
        f.summary
            .starts_with("Heroku's router log names the cause: H10 \"App crashed\" (status 503)"),
        "{}",
        f.summary
    );
    // Another route's log line is not this request's.
    let r = report("Access to fetch at 'https://shop.herokuapp.com/orders/1' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nat=error code=H12 desc=\"Request timeout\" method=GET path=\"/reports/big\" host=shop.herokuapp.com status=503 bytes=0\n");
    assert_eq!(only(&r).cause.status, None);
    let r = report("Access to fetch at 'http://[::1]:8080/api' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_eq!(only(&r).request.url, "http://[::1]:8080/api");
}

/// Vite's dev server refusing a page on another origin (its 6.0.9 default): Vite's server.cors
/// first, no crossorigin advice (module scripts), no "development default" note.
#[test]
fn vite_dev_server_for_a_page_on_another_origin() {
    let r = report("Access to script at 'http://localhost:5173/@vite/client' from origin 'https://music.youtube.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert!(
        f.summary.starts_with("The URL is Vite's dev server"),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("development default"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "vite");
    assert!(
        f.fixes[0]
            .text
            .contains("cors: { origin: ['https://music.youtube.com'] }"),
        "{}",
        f.fixes[0].text
    );
    assert!(f.fixes.iter().all(|x| x.target != "element-crossorigin"));
    // A script on another dev server's port is no Vite's.
    let r = report("Access to script at 'http://localhost:8080/app.js' from origin 'https://music.youtube.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_ne!(only(&r).fixes[0].target, "vite");
}

/// A response's headers without a status line and without any CORS header, pasted beside the
/// console message: that request's response (here a CDN's cached copy).
#[test]
fn bare_response_headers_without_cors_beside_the_message() {
    let r = report("Looking at the responses for the CSS there's no CORS headers in the response:\n\n```\nAge: 583098\nCache-Control: max-age=315360000, immutable\nServer: AmazonS3\nVary: Accept-Encoding\nVia: 1.1 c31d49af55fff364fbd11e21a32f7fcb.cloudfront.net (CloudFront)\nX-Cache: Hit from cloudfront\n```\n\nI also see the following in the console:\n\n```\nAccess to CSS stylesheet at 'https://cdn.example.net/app.css' from origin 'https://www.example.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n```\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "response_missing_cors");
    assert_eq!(f.fixes[0].target, "cdn-cache");
    // Request headers are no response.
    let r = report("Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\nAccept: */*\nOrigin: https://app.example.com\nUser-Agent: Mozilla/5.0\nServer: whatever\n");
    assert_eq!(only(&r).cause.kind.as_str(), "unknown");
}

/// Chrome's "Access to manifest at …" redirected to a sign-in: the manifest is fetched
/// without cookies unless its link says use-credentials; that link first, no 401 advice.
#[test]
fn manifest_redirected_to_sign_in() {
    let r = report("(index):1 Access to manifest at 'https://slug.cloudflareaccess.com/cdn-cgi/access/login/chamber.example.com?kid=1&redirect_url=%2Fmanifest.webmanifest' (redirected from 'https://chamber.example.com/manifest.webmanifest') from origin 'https://chamber.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.request.method, "GET");
    assert_eq!(f.request.credentials, "omit");
    assert!(
        f.summary
            .starts_with("The request is the page's web app manifest"),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("with 401"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "manifest");
    assert!(f.fixes[0].text.contains(
        "<link rel=\"manifest\" href=\"/manifest.webmanifest\" crossorigin=\"use-credentials\">"
    ));
    assert!(f
        .fixes
        .iter()
        .all(|x| x.target != "sign-in" && !x.title.contains("401")));
}

/// Istio, Traefik, Caddy, HAProxy and S3's rules named by the pasted config or words: that
/// product's fix first, in its own syntax.
#[test]
fn proxies_and_s3_named_by_the_paste() {
    let msg = "Access to fetch at 'https://api.example.com/v1/items' from origin 'https://ui.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    for (words, target, needle) in [
        ("kind: VirtualService\nspec:\n  http:\n  - corsPolicy:\n      allowOrigin:\n      - ui.example.com\n", "istio", "- exact: \"https://ui.example.com\""),
        ("We run everything behind Traefik 2.4 with docker labels.\n", "traefik", "accessControlAllowOriginList: [\"https://ui.example.com\"]"),
        ("My Caddyfile has a reverse_proxy to the app.\n", "caddy", "respond 204"),
        ("The API sits behind HAProxy 2.4.\n", "haproxy", "http-request return status 204"),
        ("<CORSConfiguration>\n  <CORSRule>\n    <AllowedOrigin>*</AllowedOrigin>\n  </CORSRule>\n</CORSConfiguration>\n", "s3-cors", "AllowedOrigins"),
    ] {
        let r = report(&format!("{words}\n{msg}"));
        let f = only(&r);
        assert_eq!(f.fixes[0].target, target, "{words}");
        assert!(f.fixes[0].text.contains(needle), "{}", f.fixes[0].text);
    }
    // Caddy and the backend both adding the header: keep one copy.
    let r = report("Caddyfile:\n  reverse_proxy influxdb:8086\n\nAccess to fetch at 'https://influx.example.com/query' from origin 'https://influx.example.com:3000' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header contains multiple values 'https://influx.example.com:3000, https://influx.example.com:3000', but only one is allowed. Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.\n");
    let f = only(&r);
    assert_eq!(f.fixes[0].title, "Caddy: keep one copy of the CORS headers");
}

/// API Gateway named in the words (a Cognito authorizer's 401): its Gateway Responses first;
/// an HTTP API named with it is not the REST API.
#[test]
fn api_gateway_named_in_the_words() {
    let text = "When using Cognito Authorizer, I'm hitting an endpoint being Unauthorized, browser throws the following error:\n\n\"No 'Access-Control-Allow-Origin' header is present on the requested resource\"\n";
    let f = only(&report(text)).clone();
    assert_eq!(f.fixes[0].target, "rest-api-console", "{:?}", f.fixes);
    assert!(
        f.fixes[0].text.contains("Gateway responses → DEFAULT_4XX"),
        "{}",
        f.fixes[0].text
    );
    let r = report(&format!(
        "Our HTTP API on API Gateway uses a Lambda Authorizer.\n{text}"
    ));
    assert_ne!(only(&r).fixes[0].target, "rest-api-console");
}

/// MinIO's console answered (`Server: MinIO Console`): the one fix is the S3 API's address
/// (the console's port 9001 → 9000), not headers on the console.
#[test]
fn minio_console_fix_is_the_api_address() {
    let r = report("curl -H \"Origin: http://app.example.com\" -X OPTIONS http://127.0.0.1:9001/testbucket -v\n> OPTIONS /testbucket HTTP/1.1\n> Host: 127.0.0.1:9001\n> Origin: http://app.example.com\n>\n< HTTP/1.1 405 Method Not Allowed\n< Server: MinIO Console\n< Content-Length: 0\n<\n");
    let f = only(&r);
    assert_eq!(f.fixes.len(), 1, "{:?}", f.fixes);
    assert_eq!(f.fixes[0].target, "minio");
    assert!(
        f.fixes[0].text.contains("http://127.0.0.1:9000/testbucket"),
        "{}",
        f.fixes[0].text
    );
}

/// The status the words name for a console message's request ("displays a `401`", "I get
/// 403 Forbidden"): the response's status, with the line as evidence; numbers that are no
/// status ("500 times", two different statuses) are not.
#[test]
fn status_named_in_the_words() {
    let msg = "Access to fetch at 'https://api.example.com/items' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    for (words, status) in [
        (
            "In the network view the request displays a `401` when the token is invalid.\n",
            Some(401),
        ),
        (
            "The server returns 403 Forbidden for this call every time.\n",
            Some(403),
        ),
        (
            "When I check the network tab, it shows status code 502 for it.\n",
            Some(502),
        ),
        (
            "I tried it 500 times with different settings and nothing works.\n",
            None,
        ),
        (
            "It returns 401 sometimes and returns 403 other times for me.\n",
            None,
        ),
    ] {
        let r = report(&format!("{words}{msg}"));
        let f = only(&r);
        assert_eq!(f.cause.status, status, "{words}");
        assert_eq!(
            f.evidence
                .iter()
                .any(|e| e.starts_with("the status as the words")),
            status.is_some(),
            "{words}"
        );
    }
}

/// Chrome's message with its head cut off ("…URL' from origin 'O' has been blocked by CORS
/// policy: …"): read with its URL and origin. DevTools' CorsError name alone, or after
/// "Cross-Origin Resource Sharing error:", is Chrome's error without the URL.
#[test]
fn headless_chrome_message_and_bare_cors_error_name() {
    let r = report("the request to Backblaze fails with CORS error:\n\n\"https://s3.eu-central-003.backblazeb2.com/bucket/key' from origin 'https://share.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\"\n");
    let f = only(&r);
    assert_eq!(
        f.request.url,
        "https://s3.eu-central-003.backblazeb2.com/bucket/key"
    );
    assert_eq!(
        f.request.origin.as_deref(),
        Some("https://share.example.com")
    );
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    for text in [
        "TypeError: Failed to fetch\n\nIn the developer console, the \"Status\" column shows:\nPreflightMissingAllowOriginHeader\n",
        "Cross-Origin Resource Sharing error: PreflightMissingAllowOriginHeader\n",
    ] {
        let f = only(&report(text)).clone();
        assert_eq!(
            f.browser.cors_error.as_deref(),
            Some("PreflightMissingAllowOriginHeader"),
            "{text}"
        );
    }
    // A CamelCase word that is no CorsError name stays words.
    assert!(diagnose("MissingHeaderSomething\n", &Options::default()).is_err());
}

/// A placeholder glued to the rest of a host (`https://<hidden>azurewebsites.net`) is a
/// label of its own: the platform the host names still counts.
#[test]
fn placeholder_glued_to_the_host_suffix() {
    let r = report("Access to XMLHttpRequest at 'https://<hidden>azurewebsites.net/api/items' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://hidden.azurewebsites.net/api/items");
    assert_eq!(
        f.cause.platform.as_ref().map(|p| p.platform.slug()),
        Some("azure-app-service")
    );
}

/// Azure Functions Core Tools' local host (localhost:7071/api/…): its own CORS list in
/// local.settings.json first, no "development default" note for a hosted page calling it.
#[test]
fn azure_functions_core_tools_local_host() {
    let r = report("Access to XMLHttpRequest at 'http://localhost:7071/api/negotiate' from origin 'https://azure-samples.github.io' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.\n");
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("The URL is Azure Functions Core Tools' local host"),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("development default"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "azure-functions-local");
    assert!(
        f.fixes[0]
            .text
            .contains("\"CORS\": \"https://azure-samples.github.io\""),
        "{}",
        f.fixes[0].text
    );
    assert!(
        f.fixes[0].text.contains("\"CORSCredentials\": true"),
        "{}",
        f.fixes[0].text
    );
    // Another local port is no Functions host.
    let r = report("Access to fetch at 'http://localhost:8080/api/items' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(only(&r)
        .fixes
        .iter()
        .all(|x| x.target != "azure-functions-local"));
}

/// A Lambda function URL named by the pasted template, the header sent twice: keep the URL's
/// CORS configuration, drop the function's own.
#[test]
fn lambda_function_url_named_by_the_template() {
    let r = report("test.html:1  Access to fetch at 'https://abc.example.com/health' from origin 'http://127.0.0.1:5500' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header contains multiple values 'http://127.0.0.1:5500, http://127.0.0.1:5500', but only one is allowed. Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.\n\ntemplate.yml\n\n    FunctionUrlConfig:\n      AuthType: NONE\n      Cors:\n        AllowOrigins:\n          - http://127.0.0.1:5500\n");
    let f = only(&r);
    assert_eq!(
        f.fixes[0].title,
        "Lambda function URL: keep one copy of the CORS headers"
    );
    let r = report("We call our Lambda function URL from the page.\nAccess to fetch at 'https://abc.example.com/health' from origin 'http://127.0.0.1:5500' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_eq!(only(&r).fixes[0].target, "lambda-url-sam");
}

/// Netlify's functions and Google's Cloud Functions named in the words (the URL hidden):
/// their fixes first; Netlify as where the page is hosted names no server.
#[test]
fn netlify_functions_and_cloud_functions_named_in_the_words() {
    let msg = "Access to XMLHttpRequest at '<backend>' from origin 'https://blog.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    let r = report(&format!(
        "My comments plugin talks to its Netlify Functions backend.\n{msg}"
    ));
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "netlify-function");
    assert!(
        f.fixes[0].text.contains("/.netlify/functions/<name>"),
        "{}",
        f.fixes[0].text
    );
    let r = report(&format!(
        "The API is a Cloud Function written with firebase-functions.\n{msg}"
    ));
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "cloud-functions");
    assert!(
        f.fixes[0].text.contains("add-invoker-policy-binding"),
        "{}",
        f.fixes[0].text
    );
    let r = report(&format!(
        "The blog itself is deployed on Netlify and the API runs elsewhere.\n{msg}"
    ));
    assert!(only(&r)
        .fixes
        .iter()
        .all(|x| x.target != "netlify-function"));
}

/// A response header dump cut short (woocommerce/woocommerce#29116): it has no
/// Access-Control-Allow-Origin, yet Chrome failed Access-Control-Allow-Headers, a check it
/// makes only after that header passed. The copy is incomplete: Chrome's words are the
/// verdict, with a warning saying why; a server under `.test` is the user's own.
#[test]
fn a_cut_header_dump_does_not_overrule_the_browser() {
    let r = report("Access to XMLHttpRequest at 'https://lemon-wp.test/wp-json/wc/store/cart/add-item' from origin 'http://localhost:3000' has been blocked by CORS policy: Request header field x-wc-store-api-nonce is not allowed by Access-Control-Allow-Headers in preflight response.\n\n```\naccess-control-allow-credentials: true\naccess-control-allow-headers: Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type\naccess-control-allow-methods: OPTIONS, GET, POST, P");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("the copy is incomplete")),
        "{:?}",
        f.warnings
    );
    assert!(!f.summary.contains("If you do not run"), "{}", f.summary);
    // The same dump with the header the browser's message needs: the headers are judged.
    let r = report("Access to XMLHttpRequest at 'https://lemon-wp.test/wp-json/wc/store/cart/add-item' from origin 'http://localhost:3000' has been blocked by CORS policy: Request header field x-wc-store-api-nonce is not allowed by Access-Control-Allow-Headers in preflight response.\n\n```\naccess-control-allow-origin: http://localhost:3000\naccess-control-allow-headers: Authorization, X-WP-Nonce\n```\n");
    let f = only(&r);
    assert!(f
        .warnings
        .iter()
        .all(|w| !w.contains("the copy is incomplete")));
}

/// Chrome of 2017 capitalised the element: "Access to Image at" is an image, not a fetch
/// (WorldWindEarth/explorer#60).
#[test]
fn access_to_image_capitalised_is_an_image() {
    let r = report("Access to Image at 'https://maps.example.gov/WMSServer?request=GetMap' from origin 'http://localhost:8383' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:8383' is therefore not allowed access. The response had HTTP status code 502.\n");
    let console = only(&r).browser.console.clone().unwrap_or_default();
    assert!(console.starts_with("Access to image at"), "{console}");
}

/// "If you do not run HOST, call it from your own server" only where another site's server
/// is likely: not for an origin typed by hand to test one's server (example.com), not for a
/// site's own AMP pages on the AMP cache, not when the paste names the server's own stack.
#[test]
fn not_your_server_only_where_it_may_be_another_sites() {
    let note = |text: &str| only(&report(text)).summary.contains("If you do not run");
    assert!(note("Access to fetch at 'https://api.weather.io/v1/now' from origin 'https://shop.acme.io' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n"));
    assert!(!note("curl -v -H \"Origin: https://example.com\" -H \"Access-Control-Request-Method: GET\" -X OPTIONS https://0l0.lol/\n> OPTIONS / HTTP/2\n> Host: 0l0.lol\n> origin: https://example.com\n> access-control-request-method: GET\n>\n< HTTP/2 404\n"));
    assert!(!note("Access to fetch at 'https://www.acme.io/amp-form/submit' from origin 'https://www-acme-io.cdn.ampproject.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n"));
    assert!(!note("Access to fetch at 'https://api.weather.io/v1/now' from origin 'https://shop.acme.io' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\nMy server:\n\n```js\nconst app = express();\napp.use(cors({ origin: 'https://shop.acme.io' }));\n```\n"));
}

/// Chrome's reason in parentheses inside one's own words (strapi/strapi#20971): read.
#[test]
fn a_reason_in_parentheses_is_read() {
    let r = report("I was facing the CORS error (The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.) because origin was set to \"*\", ignoring the CORS configuration made in src/middleware.ts\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("WildcardOriginNotAllowed")
    );
}

/// Two old Chrome lines of one page (hypothesis/h#3868): the one whose wording has no
/// origin takes the other's; the 404 the second line states is not the first's; a dev
/// server on 0.0.0.0 gets no "call https://" guess.
#[test]
fn two_messages_of_one_page_share_its_origin_not_their_status() {
    let r = report("`XMLHttpRequest cannot load http://0.0.0.0:5000/api/. Response for preflight is invalid (redirect)`\n`XMLHttpRequest cannot load http://0.0.0.0:5000/api/annotation. Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://0.0.0.0:8080' is therefore not allowed access. The response had HTTP status code 404.`\n");
    assert_eq!(r.findings.len(), 2);
    let first = &r.findings[0];
    assert_eq!(first.request.origin.as_deref(), Some("http://0.0.0.0:8080"));
    assert!(
        first.evidence.iter().all(|e| !e.contains("404")),
        "{:?}",
        first.evidence
    );
    assert!(
        !first.summary.contains("Call https://"),
        "{}",
        first.summary
    );
    assert_eq!(r.findings[1].cause.status, Some(404));
}

/// Firefox's Network-panel label quoted in words, beside "NetworkError when attempting to
/// fetch resource." (Aathish04/moodlearchiver#4): read as Firefox's blocking reason; a
/// header refused in Firefox with no name given may be the User-Agent the page sets.
#[test]
fn firefox_label_in_words_is_read() {
    let r = report("Whenever I try logging in, I get an error stating `NetworkError when attempting to fetch resource.`\n\nGetting into the developer console reveals the error message to be `CORS Missing Allow Headers`. Here is a screenshot.\n\nThis tool works perfectly in a chromium browser.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowHeaderFromPreflight2")
    );
    assert!(f.summary.contains("`User-Agent`"), "{}", f.summary);
    // The label alone, no URL above it.
    let r = report("CORS Missing Allow Origin\n");
    assert_eq!(
        only(&r).browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
    // Inside words without quotes it is no label.
    assert!(whycors::diagnose(
        "I read about CORS Missing Allow Origin errors in a blog post.\n",
        &Options::default()
    )
    .is_err());
}

/// An identity provider's OpenID Connect endpoint called from the page (FusionAuth/fusionauth-issues#1508):
/// its own allowed origins are the fix, not the API's CORS headers nor a framework's.
#[test]
fn an_identity_providers_endpoint_gets_its_allowed_origins() {
    let first = |text: &str| {
        let r = report(text);
        let f = only(&r);
        (
            f.fixes[0].target.clone(),
            f.fixes[0].title.clone(),
            f.summary.clone(),
        )
    };
    let (target, title, summary) = first("Access to XMLHttpRequest at 'http://{fusionauth}/.well-known/openid-configuration' from origin 'https://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_eq!(target, "identity-provider");
    assert!(title.contains("FusionAuth: allow"), "{title}");
    assert!(summary.contains("OpenID Connect"), "{summary}");
    let (target, title, _) = first("Access to fetch at 'https://login.microsoftonline.com/common/oauth2/v2.0/token' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_eq!(target, "identity-provider");
    assert!(title.contains("Microsoft Entra ID: allow"), "{title}");
    let (_, title, _) = first("Access to fetch at 'https://dev-123.okta.com/oauth2/default/v1/token' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(title.contains("Okta: allow"), "{title}");
    // Keycloak keeps its own lead; an ordinary API path is no identity provider.
    let (target, _, _) = first("Access to fetch at 'https://sso.acme.io/realms/main/protocol/openid-connect/token' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_eq!(target, "keycloak");
    let (target, _, summary) = first("Access to fetch at 'https://api.acme.io/v1/orders' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_ne!(target, "identity-provider");
    assert!(!summary.contains("OpenID Connect"), "{summary}");
}

/// A bare domain failing without a status (element-hq/element-web#12311: mozilla.org's 302
/// to www without CORS headers): the redirect is the likeliest cause, since the browser
/// checks the 3xx itself and its message does not say it redirected.
#[test]
fn a_bare_domain_may_be_a_redirect() {
    let summary = |text: &str| only(&report(text)).summary.clone();
    let s = summary("Access to XMLHttpRequest at 'https://mozilla.org/.well-known/matrix/client' from origin 'vector://vector' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(s.contains("(1) the URL redirects"), "{s}");
    // A subdomain: listed, not first.
    let s = summary("Access to XMLHttpRequest at 'https://api.mozilla.org/v1/x' from origin 'https://app.acme.io' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(
        s.contains("the URL redirects") && !s.contains("(1) the URL redirects"),
        "{s}"
    );
}

/// The words say the API is someone else's (Nexuist/CoinMarketCapAPI#16: "I obviously don't
/// really have access to the server for this API"): calling it through one's own server is
/// the first fix, and the summary says only its owner can add the headers.
#[test]
fn not_your_server_in_words_leads_to_your_own_server() {
    let r = report("I've done a bit of research into this, and most things I've found say that you have to change settings in the API server to enable CORS, but I obviously don't really have access to the server for this API.\n\n\"No 'Access-Control-Allow-Origin' header is present on the requested resource.\"\n\n $.ajax({\n     type: 'GET',\n     url: \"http://coinmarketcap-nexuist.rhcloud.com/api/all\",\n     dataType: \"json\"\n });\n");
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "same-origin-proxy", "{:?}", f.fixes);
    assert!(
        f.summary
            .contains("If you do not run coinmarketcap-nexuist.rhcloud.com"),
        "{}",
        f.summary
    );
    // "I have access to the server" is no such statement.
    let r = report("I have access to the server and CORS is enabled there.\nAccess to fetch at 'https://api.acme.io/x' from origin 'https://acme.io' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_ne!(only(&r).fixes[0].target, "same-origin-proxy");
}

/// Chrome's message retyped: its URL, origin and header name in Markdown's backticks, no
/// space before the origin's (qzind/tray#1236); "Acess to" for "Access to"
/// (canove/whaticket-community#539). Read as Chrome prints them.
#[test]
fn retyped_chrome_heads_are_read() {
    let r = report("> Access to fetch at `https://localhost:8181/json` from origin`https://demo.qz.io` has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No `Access-Control-Allow-Private-Network` header was present in the preflight response for this private network request targeting the `local` address space.\n");
    let f = only(&r);
    assert_eq!(f.request.origin.as_deref(), Some("https://demo.qz.io"));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowPrivateNetwork")
    );
    // The URL in backticks, the origin in Chrome's quotes.
    let r = report("Access to fetch at `https://api.acme.io/x` from origin 'https://app.acme.io' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_eq!(
        only(&r).request.origin.as_deref(),
        Some("https://app.acme.io")
    );
    assert_eq!(only(&r).request.url, "https://api.acme.io/x");
    let r = report("\"Acess to XMLHttpRequest at 'http://localhost:8080/socket.io/?EIO=4&transport=polling&t=OUhMhK9' from origin 'http://localhost:3000' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://localhost:3000' that is not equal to the supplied origin.\"\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("AllowOriginMismatch")
    );
}

/// Chrome's resource-policy blocks, which people take for CORS: the response's
/// Cross-Origin-Resource-Policy (helmetjs/helmet#343, Helmet 5's default same-origin) and
/// the page's Cross-Origin-Embedder-Policy (DallasHoff/sqlocal#44), with or without the
/// URL, with or without `net::`. Not CORS: their own causes and fixes, no CORS headers.
#[test]
fn resource_and_embedder_policy_blocks_are_not_cors() {
    let first = |text: &str| {
        let r = report(text);
        let f = only(&r);
        (
            f.cause.kind.as_str(),
            f.fixes.first().map(|x| x.target.clone()),
            f.fixes.clone(),
        )
    };
    let (kind, target, fixes) = first("GET https://img.acme-cdn.io/a.webp net::ERR_BLOCKED_BY_RESPONSE.NotSameOriginAfterDefaultedToSameOriginByCoep 200 (OK)\n");
    assert_eq!(kind, "cross_origin_embedder_policy");
    assert_eq!(target.as_deref(), Some("corp"));
    assert!(fixes.iter().any(|f| f.target == "coep"));
    assert!(fixes.iter().all(|f| f.target != "generic"), "{fixes:?}");
    let (kind, target, _) = first("After upgrading to helmet 5, we are now getting this error `Failed to load resource: net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin` on https://app.acme.io\n");
    assert_eq!(kind, "cross_origin_resource_policy");
    assert_eq!(target.as_deref(), Some("corp"));
    let (kind, _, _) = first("the browser might block loading the script with: `ERR_BLOCKED_BY_RESPONSE.NotSameOriginAfterDefaultedToSameOriginByCoep (200).`\n");
    assert_eq!(kind, "cross_origin_embedder_policy");
    // A frame's plain ERR_BLOCKED_BY_RESPONSE (X-Frame-Options) is no resource policy.
    let r = whycors::diagnose(
        "GET https://acme.io/embed net::ERR_BLOCKED_BY_RESPONSE 200 (OK)\n",
        &Options::default(),
    );
    assert!(r.map_or(true, |r| r.findings.iter().all(|f| !f
        .cause
        .kind
        .as_str()
        .starts_with("cross_origin_"))));
}

/// A HAR's no-cors image load that Chrome blocked for its Cross-Origin-Resource-Policy
/// (`_error` net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin): read, and not CORS.
#[test]
fn a_hars_resource_policy_block_is_read() {
    let r = report("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"WebInspector\",\"version\":\"537.36\"},\"pages\":[{\"startedDateTime\":\"2026-01-01T00:00:00.000Z\",\"id\":\"page_1\",\"title\":\"https://app.acme.io/\",\"pageTimings\":{}}],\"entries\":[{\"_initiator\":{\"type\":\"parser\"},\"_resourceType\":\"image\",\"pageref\":\"page_1\",\"startedDateTime\":\"2026-01-01T00:00:01.000Z\",\"time\":10,\"request\":{\"method\":\"GET\",\"url\":\"https://img.acme-cdn.io/a.webp\",\"httpVersion\":\"http/2.0\",\"headers\":[{\"name\":\"referer\",\"value\":\"https://app.acme.io/\"},{\"name\":\"sec-fetch-mode\",\"value\":\"no-cors\"}],\"queryString\":[],\"cookies\":[],\"headersSize\":-1,\"bodySize\":0},\"response\":{\"status\":200,\"statusText\":\"\",\"httpVersion\":\"http/2.0\",\"headers\":[{\"name\":\"cross-origin-resource-policy\",\"value\":\"same-origin\"},{\"name\":\"content-type\",\"value\":\"image/webp\"}],\"cookies\":[],\"content\":{\"size\":0,\"mimeType\":\"image/webp\"},\"redirectURL\":\"\",\"headersSize\":-1,\"bodySize\":0,\"_error\":\"net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin\"},\"cache\":{},\"timings\":{\"send\":0,\"wait\":1,\"receive\":0},\"_error\":\"net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin\"}]}}");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "cross_origin_resource_policy");
    assert_eq!(f.request.url, "https://img.acme-cdn.io/a.webp");
}

/// A packaged Tauri app's message with its head cut inside the scheme
/// (tauri-apps/tauri#7298: "ps://www…' from origin 'https://tauri.localhost'"): the URL and
/// origin read, and the app shell named: its origins to allow, or its HTTP plugin.
#[test]
fn an_app_shells_origin_is_named() {
    let r = report("ps://www.dataco.com/api/v1/home/homeData?type=5' from origin 'https://tauri.localhost' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(
        f.request.url,
        "https://www.dataco.com/api/v1/home/homeData?type=5"
    );
    assert_eq!(f.request.origin.as_deref(), Some("https://tauri.localhost"));
    assert!(f.summary.contains("a Tauri app"), "{}", f.summary);
    assert!(!f.summary.contains("If you do not run"), "{}", f.summary);
    let r = report("Access to fetch at 'https://api.acme.io/x' from origin 'capacitor://localhost' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(
        only(&r).summary.contains("CapacitorHttp"),
        "{}",
        only(&r).summary
    );
    let r = report("Access to fetch at 'https://api.acme.io/x' from origin 'https://app.acme.io' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(
        !only(&r).summary.contains("web view"),
        "{}",
        only(&r).summary
    );
}

/// A full-width colon after a header's name (typed with a Chinese or Japanese input method)
/// separates name and value as the ASCII one does; a colon later in the value (a URL's) does not
/// move it.
#[test]
fn a_full_width_colon_separates_a_header() {
    let r = report("Access to fetch at 'https://api.example.cn/v1/list' from origin 'http://localhost:8080' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\n响应头：\nHTTP/1.1 502 Bad Gateway\nServer： nginx/1.20.1\nContent-Type： text/html\n");
    let f = only(&r);
    assert_eq!(f.cause.status, Some(502));
    assert_eq!(f.cause.gateway.map(|g| g.slug()), Some("nginx"), "{f:#?}");
    let r = report("GET /v1/list HTTP/1.1\nHost： api.example.cn\nOrigin： http://localhost:8080\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin： https://app.example.cn\n\n");
    let f = only(&r);
    assert!(f.browser.blocked, "{f:#?}");
    assert_eq!(f.browser.cors_error.as_deref(), Some("AllowOriginMismatch"));
    assert_eq!(
        f.browser.failed_parameter.as_deref(),
        Some("https://app.example.cn")
    );
}

/// A report in Markdown: a heading, prose with a semicolon and inline code holding braces,
/// then the `curl -sI` preflight that Vercel's Deployment Protection answered 401 (its sign-in
/// cookie): the prose is words, the capture is read, and the fix is the protection's OPTIONS
/// Allowlist, then the function's own CORS answer.
#[test]
fn vercel_deployment_protection_on_a_preflight() {
    let text = "## Summary\n\nPreview apps at `pr-{N}-web.example.dev` cannot call `pr-{N}-api.example.dev`; the preflight never reaches the app.\n\n## Evidence\n\n```\n$ curl -sI -X OPTIONS https://pr-7-api.example.dev/api/things \\\n    -H 'Origin: https://pr-7-web.example.dev' \\\n    -H 'Access-Control-Request-Method: PUT'\nHTTP/2 401\nset-cookie: _vercel_sso_nonce=abc; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax\nserver: Vercel\n```\n";
    let r = report(text);
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert_eq!(f.cause.gateway.map(|g| g.slug()), Some("vercel"));
    assert_eq!(
        f.cause.gateway_response.as_deref(),
        Some("DEPLOYMENT_PROTECTION")
    );
    assert!(f.summary.contains("Deployment Protection"), "{}", f.summary);
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(targets.first(), Some(&"vercel-protection"), "{targets:?}");
    assert_eq!(targets.get(1), Some(&"vercel"), "{targets:?}");
    assert!(f.fixes[0].text.contains("OPTIONS Allowlist → add /api"));
    // The methods the preflight asked for are in the function's answer.
    assert!(f.fixes[1].text.contains("PUT"), "{}", f.fixes[1].text);
    // A 401 from Vercel without its sign-in cookie is no protection.
    let plain = text.replace(
        "set-cookie: _vercel_sso_nonce=abc; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax\n",
        "",
    );
    let r = report(&plain);
    let f = only(&r);
    assert_ne!(
        f.cause.gateway_response.as_deref(),
        Some("DEPLOYMENT_PROTECTION")
    );
    assert!(f.fixes.iter().all(|x| x.target != "vercel-protection"));
}

/// Chrome's multiple-values reason wrapped by hand after "blocked by CORS policy:" and again
/// inside its values' sentence: the lines join until the sentence is Chromium's.
#[test]
fn a_reason_wrapped_over_several_lines_after_the_head() {
    let r = report("Access to fetch at 'https://db.example.net/notes/_changes' from origin 'app://obsidian.md' has been blocked by CORS policy:\nThe 'Access-Control-Allow-Origin' header contains multiple values 'capacitor://localhost, app://obsidian.md',\nbut only one is allowed. Have the server send the header with a valid value, or,\nif an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    assert_eq!(
        f.browser.failed_parameter.as_deref(),
        Some("capacitor://localhost, app://obsidian.md")
    );
    // Two origins as a list: keep the list on the server and send back the request's Origin.
    assert!(f.summary.contains("A list of origins"), "{}", f.summary);
}

/// A server's log line ("WARNING: request with non matching host and origin …") is no header:
/// alone it is refused at its line with what to paste, never judged as a response without
/// Access-Control-Allow-Origin.
#[test]
fn a_log_line_is_no_header() {
    let e = whycors::diagnose(
        "WARNING: request from origin https://a.example refused, returning 403\n",
        &whycors::Options::default(),
    )
    .expect_err("a log line alone is no capture");
    assert_eq!(e.place.line, Some(1));
    assert!(e.message.contains("log line"), "{}", e.message);
    // A log line whose server is known (ComfyUI's Host/Origin check): what it means.
    let e = whycors::diagnose(
        "WARNING: request with non matching host and origin 10.0.0.7 != box-8188.proxy.example.net, returning 403\n",
        &whycors::Options::default(),
    )
    .expect_err("a log line alone is no capture");
    assert_eq!(e.place.line, Some(1));
    assert!(e.message.contains("ComfyUI"), "{}", e.message);
    // The `Warning` header itself is still a header.
    let r = report("HTTP/1.1 200 OK\nWarning: 199 - \"stale\"\nAccess-Control-Allow-Origin: *\n\n");
    let f = only(&r);
    assert!(!f.browser.blocked);
}

/// A curl command, a label of two words ("which returns:"), the response copied with its CRs
/// written out (`\r`) and a server log named in the words: read as one request; Ollama's
/// empty 403 to a browser extension's origin gets its OLLAMA_ORIGINS, with the extension's
/// scheme wildcarded, and no "site on the web calling localhost" note.
#[test]
fn ollama_refuses_an_extensions_origin() {
    let text = "Calling the local model from my extension fails:\n\n```\ncurl http://localhost:5310/v1/chat/completions \\\n    -H \"Content-Type: application/json\" \\\n    -H \"Origin: chrome-extension://abcdefghijklmnop\" \\\n    -d '{\"model\":\"llama3\"}'\n```\n\nwhich returns:\n\n```\nHTTP/1.1 403 Forbidden\\r\nDate: Fri, 09 Feb 2024 09:15:22 GMT\\r\nContent-Length: 0\\r\n\\r\n```\n\nOllama server log:\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.cause.status, Some(403));
    assert!(
        f.summary.starts_with("The server is Ollama"),
        "{}",
        f.summary
    );
    assert!(
        f.summary.contains("empty body is Ollama refusing"),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("a site on the web"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "ollama");
    assert!(
        f.fixes[0]
            .text
            .contains("OLLAMA_ORIGINS=chrome-extension://*"),
        "{}",
        f.fixes[0].text
    );
    // Its default port names it without words; a page's origin goes in as it is.
    let r = report("Access to fetch at 'http://192.168.1.20:11434/api/generate' from origin 'https://chat.example.org' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert!(
        f.summary.starts_with("The server is Ollama"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "ollama");
    assert!(f.fixes[0]
        .text
        .contains("OLLAMA_ORIGINS=https://chat.example.org"));
}

/// A SAM template pasted with Chrome's message: SAM's fixes lead; a status under the issue
/// template's "Expected result" heading is the one wanted, not the one that came back.
#[test]
fn a_sam_template_puts_sams_fixes_first() {
    let text = "### Steps to reproduce\n```\nRestApi:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: Prod\n      Cors: \"'*'\"\n      Auth:\n        DefaultAuthorizer: MyCognitoAuthorizer\n```\n\n### Observed result\nAccess to XMLHttpRequest at 'https://abc123.execute-api.us-east-1.amazonaws.com/Prod/items' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\n### Expected result\nTo return 401\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(f.cause.status, None, "{}", f.summary);
    assert_eq!(
        f.fixes[0].target,
        "sam",
        "{:?}",
        f.fixes.iter().map(|x| &x.target).collect::<Vec<_>>()
    );
    // Without the template, the console's fix comes first as before.
    let r = report(&text.replace("AWS::Serverless::Api", "Api"));
    assert_ne!(only(&r).fixes[0].target, "sam");
    // "It should return 401" is no status either; "it returns 401" is.
    let msg = "Access to fetch at 'https://api.example.org/v1/x' from origin 'https://app.example.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    let r = report(&format!("{msg}\nThe API should return 401 here.\n"));
    assert_eq!(only(&r).cause.status, None);
    let r = report(&format!("{msg}\nThe API returns 401 here.\n"));
    assert_eq!(only(&r).cause.status, Some(401));
}

/// API Gateway with the status hidden (Firefox's Network-panel label): its own errors are the
/// likeliest, so the Gateway Responses lead the Lambda function's headers.
#[test]
fn api_gateway_with_a_hidden_status_leads_with_gateway_responses() {
    let r = report("XHRGET\nhttps://ai5fg19zme.execute-api.us-east-1.amazonaws.com/prod/user?id=1\nCORS Missing Allow Origin\n");
    let f = only(&r);
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(targets.first(), Some(&"rest-api-console"), "{targets:?}");
    let lambda = targets.iter().position(|t| *t == "lambda-node").unwrap();
    let sam = targets.iter().position(|t| *t == "sam").unwrap();
    assert!(sam < lambda, "{targets:?}");
}

/// Chrome's message retyped in a post: in double quotes, "access" in lower case, both URLs
/// cut short and closed with `..."`, the header's name with spaces, the hint in lower case;
/// the words say it worked for months: a server-side error leads the usual causes.
#[test]
fn a_retyped_message_with_cut_urls_and_it_worked_before() {
    let text = "It has been working fine for the past couple of months.\n\nBut recently, I'm consistently getting the following CORS policy error :\n\n\"access to fetch at 'https://pipe.example..\" from origin 'https://run.example...\" has been blocked by CORS policy: No 'Access Control Allow Origin' header is present on the requested resource. if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled\"\n".replace("example..\"", "example...\"");
    let r = report(&text);
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    let first = first_cause(&f.summary);
    assert!(
        first.starts_with("(1) a gateway, CDN or proxy"),
        "{}",
        f.summary
    );
    assert!(
        f.summary.contains("worked before (line 1)"),
        "{}",
        f.summary
    );
    // Without those words the order stays the usual one.
    let r = report(&text.replace(
        "It has been working fine for the past couple of months.",
        "Hello.",
    ));
    let f = only(&r);
    assert!(!f.summary.contains("worked before"), "{}", f.summary);
}

/// Chrome's sentence quoted in a bug report and cut after its verb, a "502 error" in the same
/// words and a Supabase Edge Function's code (its `_shared/cors.ts`, whose `corsHeaders` is no
/// Django module): read as the message, the 502 as its status, the Edge Function's fix.
#[test]
fn a_quoted_cut_sentence_with_a_502_from_an_edge_function() {
    let text = "## Describe the bug\n\nWhen I import web3 in the edge function it throws \"No 'Access-Control-Allow-Origin' header is present\" error in developer console, 502 error in invocations tab and no logs at all.\n\n```ts\nimport { serve } from \"https://deno.land/std@0.131.0/http/server.ts\";\nimport { corsHeaders } from \"../_shared/cors.ts\";\n```\n";
    let r = report(text);
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert_eq!(f.cause.status, Some(502));
    let targets: Vec<&str> = f.fixes.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(targets.first(), Some(&"supabase-function"), "{targets:?}");
    assert!(!targets.contains(&"django"), "{targets:?}");
    // A number before "users" is no status.
    let r = report("Access to fetch at 'https://api.example.org/x' from origin 'https://app.example.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\nIt fails with 500 users online.\n");
    assert_eq!(only(&r).cause.status, None);
}

/// Firefox's Network-panel label in a person's words, unquoted but in Firefox's own capitals,
/// named twice: one finding; Directus named gets its CORS_ENABLED / CORS_ORIGIN.
#[test]
fn firefox_label_in_words_and_directus() {
    let r = report("I've freshly installed Directus and I'm getting CORS Missing Allow Origin when navigating through the pages.\n\nIf I reload the page then it loads, but when navigating it returns CORS Missing Allow Origin.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
    assert_eq!(f.fixes[0].target, "directus");
    assert!(f.fixes[0].text.contains("CORS_ENABLED=true"));
    // Lower case in words is a person's description, not Firefox's label.
    assert!(whycors::diagnose(
        "I think there is a cors missing allow origin problem somewhere.\n",
        &whycors::Options::default()
    )
    .is_err());
}

/// nginx's add_header set to the page's origin, while Chrome names another value (an
/// application's development default): that line did not apply; the summary leads with it.
#[test]
fn a_proxy_header_that_did_not_apply() {
    let r = report("`Access to XMLHttpRequest at 'https://box.example.net:8007/auth/register' from origin 'https://box.example.net:8009' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'http://localhost:5173' that is not equal to the supplied origin.`\n\nnginx config\n```\nadd_header Access-Control-Allow-Origin 'https://box.example.net:8009';\nadd_header Access-Control-Allow-Credentials \"true\";\n```\n");
    let f = only(&r);
    assert_eq!(f.browser.cors_error.as_deref(), Some("AllowOriginMismatch"));
    assert!(
        f.summary.starts_with("The pasted config sets `Access-Control-Allow-Origin: https://box.example.net:8009` (line 5)"),
        "{}",
        f.summary
    );
    assert!(f.summary.contains("development default"), "{}", f.summary);
    // The config naming another origin than the page's is no such contradiction.
    let r = report("`Access to XMLHttpRequest at 'https://box.example.net:8007/auth/register' from origin 'https://box.example.net:8009' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'http://localhost:5173' that is not equal to the supplied origin.`\n\nnginx config\n```\nadd_header Access-Control-Allow-Origin 'http://localhost:5173';\n```\n");
    assert!(!only(&r).summary.contains("did not apply"));
}

/// Safari's "Origin https://www.… is not allowed" with no status: the site's www. host and
/// its bare domain are two origins, the likeliest cause first.
#[test]
fn safari_www_origin_puts_www_and_bare_domain_first() {
    let r = report("[Error] Origin https://www.shop.example is not allowed by Access-Control-Allow-Origin.\n[Error] Fetch API cannot load https://api.shop.example/v1/search?q=1 due to access control checks.\n");
    let f = only(&r);
    let first = first_cause(&f.summary);
    assert!(
        first.starts_with("(1) the server's CORS configuration allows other origins but not this page's (`https://www.shop.example` and `https://shop.example` are different origins"),
        "{}",
        f.summary
    );
    let r = report("[Error] Origin https://shop.example is not allowed by Access-Control-Allow-Origin.\n[Error] Fetch API cannot load https://api.shop.example/v1/search?q=1 due to access control checks.\n");
    assert!(!only(&r).summary.contains("www."), "{}", only(&r).summary);
}

/// A Netlify background function called from another origin: Netlify's own 202 carries no
/// CORS headers, whatever the function returns; the fix relays the call.
#[test]
fn a_netlify_background_function() {
    let r = report("Access to fetch at 'https://site.example/.netlify/functions/hello-background' from origin 'https://other.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("The URL is a Netlify background function"),
        "{}",
        f.summary
    );
    assert!(
        f.fixes[0].title.contains("Netlify background function"),
        "{:?}",
        f.fixes[0].title
    );
    assert!(f.fixes[0]
        .text
        .contains("/.netlify/functions/hello-background"));
    // A regular function is no background one.
    let r = report("Access to fetch at 'https://site.example/.netlify/functions/hello' from origin 'https://other.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(!only(&r).summary.contains("background"));
}

/// Vercel's error page pasted above the message (its code alone on a line) and a deployment on
/// Vercel's former `*.now.sh` domain: Vercel, status 502, the function's failure first.
#[test]
fn vercels_error_code_line_and_now_sh() {
    let r = report("502 - bad gateway\n\nAn error occurred with this application.\n\nNO_STATUS_CODE_FROM_FUNCTION\n\nAccess to fetch at 'https://covid-api.someone.now.sh/api/v1/reports' from origin 'https://app.example.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.cause.status, Some(502));
    assert_eq!(
        f.cause.platform.as_ref().map(|p| p.platform.slug()),
        Some("vercel")
    );
    let first = first_cause(&f.summary);
    assert!(
        first.starts_with("(1) the function failed"),
        "{}",
        f.summary
    );
}

/// The words name API Gateway's HTTP API (an ANY /{proxy+} route with an authorizer) and the
/// preflight failed with its status hidden: the HTTP API's fix (CORS configuration and an
/// unauthenticated OPTIONS route), not the REST API's nor a framework's.
#[test]
fn http_api_named_in_words_with_a_failed_preflight() {
    let r = report("Alice built a service on an HTTP API Gateway. All went well until she added the ANY /{proxy+} route with an authorizer:\n\nAccess to XMLHttpRequest at 'https://api.example.org/todos' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidStatus")
    );
    assert_eq!(
        f.fixes[0].target,
        "http-api-sam",
        "{:?}",
        f.fixes.iter().map(|x| &x.target).collect::<Vec<_>>()
    );
    assert!(f.fixes[0].text.contains("OPTIONS /{proxy+}"));
    assert!(f.fixes.iter().all(|x| x.target != "frameworks"));
}

/// Cloud Functions named only in the words and code (no cloudfunctions.net URL): its usual
/// causes, the invoker permission first, rank the failed preflight.
#[test]
fn cloud_functions_named_in_words_rank_the_causes() {
    let r = report("My Cloud Function answers OPTIONS with 204 and Access-Control-Allow-Origin *, yet:\n\nAccess to fetch at 'https://api.example.org/corsEnabledFunction' from origin 'https://app.example.org' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    let first = first_cause(&f.summary);
    assert!(
        first.starts_with("(1) the service requires authentication"),
        "{}",
        f.summary
    );
    // Without a platform named, the general list.
    let r = report("Access to fetch at 'https://api.example.org/corsEnabledFunction' from origin 'https://app.example.org' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(!only(&r)
        .summary
        .contains("(1) the service requires authentication"));
}

/// curl -v's `< ` response lines pasted under the console message are that request's
/// response; `*` sent twice to a credential-less image gets "one `*`", not an allow-list.
#[test]
fn curl_response_lines_beside_the_message_and_a_doubled_star() {
    let r = report("> Access to image at 'https://tiles.example.org/aerial/15/1/2.jpg' from origin 'https://editor.example.org' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header contains multiple values '*, *', but only one is allowed.\n\nTo replicate ``curl -v https://tiles.example.org/aerial/20/5/6.jpg --output t.jpeg`` and note the duplicate headers\n```\n< server: nginx\n< content-type: image/jpeg\n< access-control-allow-origin: *\n< x-cache-status: HIT\n< access-control-allow-origin: *\n```\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    assert!(
        f.evidence.iter().any(|e| e.contains("appears 2 times")),
        "{:#?}",
        f.evidence
    );
    assert!(
        f.missing
            .iter()
            .all(|m| !m.contains("real status and headers")),
        "{:#?}",
        f.missing
    );
    assert_eq!(
        f.fixes[0].title,
        "nginx: one Access-Control-Allow-Origin: *"
    );
    assert!(f.fixes[0].text.contains("location /aerial/ {"));
}

/// Chrome's words as people retype them: a stray quote after "Access to", a masked URL
/// without quotes, DevTools' "Cross-Origin Resource Sharing error: NAME" inside a sentence,
/// and a reason quoted and cut after its value.
#[test]
fn chrome_words_retyped_four_ways() {
    let error = |text: &str| {
        let r = report(text);
        let f = only(&r);
        (
            f.browser.cors_error.clone(),
            f.browser.failed_parameter.clone(),
            f.request.url.clone(),
        )
    };
    let (e, _, url) = error("The server always responds \"Access to \"XMLHttpRequest at 'http://localhost:7500/hub/chat/negotiate' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource\".\n");
    assert_eq!(e.as_deref(), Some("PreflightMissingAllowOriginHeader"));
    assert_eq!(url, "http://localhost:7500/hub/chat/negotiate");
    let (e, _, url) = error("Access to XMLHttpRequest at XX from origin 'https://mydomain.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_eq!(e.as_deref(), Some("PreflightMissingAllowOriginHeader"));
    assert_eq!(url, "");
    let (e, _, _) =
        error("I get the error `Cross-Origin Resource Sharing error: MissingAllowOriginHeader`.\n");
    assert_eq!(e.as_deref(), Some("MissingAllowOriginHeader"));
    let (e, p, _) = error("- Browser blocked the preflight → \"Request header field content-profile is not allowed\"\n");
    assert_eq!(e.as_deref(), Some("HeaderDisallowedByPreflightResponse"));
    assert_eq!(p.as_deref(), Some("content-profile"));
}

/// The URL's own shape: a container's name for a host when no answer came back (Safari's
/// "access control checks"), a `//` in the path before a redirected preflight.
#[test]
fn a_container_name_and_a_doubled_slash_in_the_url() {
    let r = report("[Error] Fetch API cannot load http://backend:8000/api/login due to access control checks.\n");
    assert!(
        only(&r).summary.contains("`backend` is a single name"),
        "{}",
        only(&r).summary
    );
    // An answer came back (Chrome checked its headers): the name resolved there.
    let r = report("Access to fetch at 'http://backend:8000/api/login' from origin 'https://app.example.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(!only(&r).summary.contains("single name"));
    let r = report("Access to fetch at 'https://api.example.org//api/bookmarks' from origin 'https://app.example.org' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.\n");
    assert!(
        only(&r).summary.contains("path has `//`"),
        "{}",
        only(&r).summary
    );
    let r = report("Access to fetch at 'https://api.example.org/api/bookmarks' from origin 'https://app.example.org' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.\n");
    assert!(!only(&r).summary.contains("`//`"));
}

/// Quarkus named: its CORS filter's properties, enabled and with the page's origin.
#[test]
fn quarkus_named_gets_its_cors_filter() {
    let r = report("Our Quarkus API on Kubernetes:\n\nAccess to XMLHttpRequest at 'https://api.example.org/designs' from origin 'https://studio.example.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "quarkus");
    assert!(
        f.fixes[0].text.contains(
            "quarkus.http.cors.enabled=true\nquarkus.http.cors.origins=https://studio.example.org"
        ),
        "{}",
        f.fixes[0].text
    );
}

/// Words saying CORS is set up already put "not configured at all" last, even for a local
/// server (where it otherwise comes first); words saying it is not leave the order alone.
#[test]
fn words_saying_cors_is_configured_demote_not_configured() {
    let msg = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://localhost:8000/v1/images?q=birds. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing).\n";
    let r = report(&format!(
        "{msg}\nI have already enabled CORS in the settings for every origin.\n"
    ));
    let f = only(&r);
    let first = first_cause(&f.summary);
    assert!(
        !first.starts_with("(1) CORS is not configured"),
        "{}",
        f.summary
    );
    let last = f.summary.rfind(") CORS is not configured");
    let others = f.summary.rfind(") the application's error path");
    assert!(last > others, "{}", f.summary);
    let r = report(&format!(
        "{msg}\nCORS is not enabled on the server, I think.\n"
    ));
    let first = first_cause(&only(&r).summary);
    assert!(first.starts_with("(1) CORS is not configured"), "{first}");
}

/// A Vite source file under /src/ through a tunnel (no Vite port in the URL) is Vite's dev
/// server; a built bundle on a site is not.
#[test]
fn vite_source_through_a_tunnel() {
    let r = report("Access to script at 'https://kim-together.trycloudflare.com/src/entrypoints/main.ts' from origin 'https://shop.example.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert!(
        f.summary.starts_with("The URL is Vite's dev server"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "vite");
    let r = report("Access to script at 'https://cdn.example.org/src/assets/main-4f3a.js' from origin 'https://shop.example.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(!only(&r).summary.contains("Vite"));
}

/// "curl request:" above a fence is a label, not a curl command whose URL is "request:".
#[test]
fn a_label_naming_curl_runs_no_command() {
    let r = report("curl request:\n```bash\ncurl -I -X OPTIONS http://localhost:3000/test\n```\n### Wrong Response\n```bash\nHTTP/1.1 204 No Content\nAccess-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE\nAccess-Control-Allow-Origin: *\nConnection: keep-alive\n```\n");
    assert!(
        r.findings
            .iter()
            .all(|f| !f.request.url.contains("request")),
        "{:#?}",
        r.findings
            .iter()
            .map(|f| &f.request.url)
            .collect::<Vec<_>>()
    );
    assert!(r
        .findings
        .iter()
        .all(|f| f.request.url == "http://localhost:3000/test"));
}

/// A summary's ranked causes from the first on ("(1) …"); empty when it ranks none.
fn first_cause(summary: &str) -> &str {
    summary.find("(1) ").map_or("", |i| &summary[i..])
}

/// FastAPI with an authenticating middleware added after CORSMiddleware (so it runs first and
/// refuses the preflight): the pasted code's order is the cause, said with its lines.
#[test]
fn starlette_middleware_added_after_cors_catches_the_preflight() {
    let code = "My FastAPI app:\n\napp = FastAPI()\napp.add_middleware(\n    CORSMiddleware,\n    allow_origins=[\"http://localhost:3000\"],\n    allow_credentials=True,\n)\napp.add_middleware(JWTAuthMiddleware)\n";
    let console = "Access to fetch at 'http://localhost:8000/items' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    let r = report(&format!("{code}\nIn the browser:\n{console}"));
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "preflight_failed");
    assert!(
        f.summary.starts_with("In Starlette and FastAPI the middleware added last runs first: `app.add_middleware(JWTAuthMiddleware)` (line 9), added after CORSMiddleware (line 5)"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "fastapi");
    assert!(
        f.fixes[0].text.contains("added last is the outermost")
            && f.fixes[0].text.ends_with("app.add_middleware(JWTAuthMiddleware)\napp.add_middleware(\n    CORSMiddleware,\n    allow_origins=[\"http://localhost:3000\"],\n    allow_methods=[\"*\"],\n    allow_headers=[\"*\"],\n)"),
        "{}",
        f.fixes[0].text
    );
    // In the right order nothing is said about it.
    let fine = code.replace("app.add_middleware(JWTAuthMiddleware)\n", "");
    let fine = format!("app.add_middleware(JWTAuthMiddleware)\n{fine}\n{console}");
    let r = report(&fine);
    assert!(
        !only(&r).summary.contains("runs first"),
        "{}",
        only(&r).summary
    );
    // The code pasted alone: the same, at its line, instead of a verdict.
    let e = diagnose(code, &Options::default()).unwrap_err();
    assert_eq!(e.place.line, Some(5));
    assert!(e.message.contains("server code or configuration"), "{e}");
}

/// ASP.NET Core's policy with AllowAnyOrigin() and AllowCredentials(), pasted alone: no
/// capture to judge, but the policy is one ASP.NET Core refuses to build (located).
#[test]
fn aspnet_any_origin_with_credentials_pasted_alone() {
    let code = "builder.Services.AddCors(options =>\n{\n    options.AddPolicy(\"AllowAll\", policy =>\n    {\n        policy.AllowAnyOrigin()\n              .AllowAnyHeader()\n              .AllowAnyMethod()\n              .AllowCredentials();\n    });\n});\napp.UseCors(\"AllowAll\");\n";
    let e = diagnose(code, &Options::default()).unwrap_err();
    assert_eq!(e.place.line, Some(8));
    assert!(
        e.message.contains("ASP.NET Core refuses that policy") && e.message.contains("line 5"),
        "{e}"
    );
    // With the browser's message for a response whose status is hidden: said first.
    let r = report(&format!("{code}\nAccess to XMLHttpRequest at 'https://localhost:7001/api/orders' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n"));
    let f = only(&r);
    assert!(
        f.summary.starts_with("The pasted policy allows any origin"),
        "{}",
        f.summary
    );
    assert_eq!(f.cause.kind.as_str(), "response_missing_cors");
    // A policy that lists its origins is fine.
    let listed = code.replace(
        "policy.AllowAnyOrigin()",
        "policy.WithOrigins(\"http://localhost:4200\")",
    );
    assert!(diagnose(&listed, &Options::default())
        .unwrap_err()
        .message
        .contains("not a HAR file"));
}

/// A SAM template whose API has a DefaultAuthorizer and Cors: SAM puts the authorizer on the
/// OPTIONS it generates, and a preflight answered 401 is what the browser hid.
#[test]
fn sam_default_authorizer_on_the_generated_preflight() {
    let template = "Resources:\n  OrdersApi:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: dev\n      Cors:\n        AllowMethods: \"'GET,POST,OPTIONS'\"\n        AllowHeaders: \"'Content-Type,Authorization'\"\n        AllowOrigin: \"'*'\"\n      Auth:\n        DefaultAuthorizer: CognitoAuth\n        Authorizers:\n          CognitoAuth:\n            UserPoolArn: !GetAtt UserPool.Arn\n";
    let r = report(&format!("{template}\nAccess to fetch at 'https://abc123.execute-api.eu-west-1.amazonaws.com/dev/orders' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.\n"));
    let f = only(&r);
    assert!(
        f.summary
            .contains("AddDefaultAuthorizerToCorsPreflight: false")
            && f.summary.contains("(line 11)"),
        "{}",
        f.summary
    );
    assert!(
        f.fixes.iter().take(2).any(|x| x.target == "sam"),
        "{:?}",
        f.fixes.iter().map(|x| &x.target).collect::<Vec<_>>()
    );
    // The same message about the actual response (not the preflight) is not this.
    let r = report(&format!("{template}\nAccess to fetch at 'https://abc123.execute-api.eu-west-1.amazonaws.com/dev/orders' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n"));
    assert!(
        !only(&r)
            .summary
            .contains("AddDefaultAuthorizerToCorsPreflight"),
        "{}",
        only(&r).summary
    );
}

/// A canvas refusing to read another origin's image: Chrome's words, Safari's and Firefox's
/// "The operation is insecure" beside an <img crossorigin>, and that SecurityError alone.
#[test]
fn tainted_canvas_messages_are_explained_at_their_line() {
    let err = |t: &str| diagnose(t, &Options::default()).unwrap_err();
    let e = err("Export failed\nUncaught DOMException: Failed to execute 'toDataURL' on 'HTMLCanvasElement': Tainted canvases may not be exported.\n    at save (editor.js:88)\n");
    assert_eq!(e.place.line, Some(2));
    assert!(
        e.message.contains("taints the canvas")
            && e.message
                .contains("crossOrigin = 'anonymous' set before img.src"),
        "{e}"
    );
    let e = err("I load the photo with\n<img id=\"p\" src=\"https://files.example.net/p.jpg\" crossorigin=\"anonymous\">\nand then ctx.getImageData gives\nSecurityError: The operation is insecure.\n");
    assert_eq!(e.place.line, Some(4));
    assert!(e.message.contains("taints the canvas"), "{e}");
    let e = err("Unhandled Rejection (SecurityError): The operation is insecure.\n");
    assert!(
        e.message.contains("ws:// WebSocket") && !e.message.contains("taints"),
        "{e}"
    );
}

/// WebSockets have no CORS: a failed handshake is the server's origin check, a proxy or the
/// path; the servers' own log lines name the setting.
#[test]
fn websocket_handshakes_and_socket_origin_checks() {
    let err = |t: &str| diagnose(t, &Options::default()).unwrap_err();
    let e = err("WebSocket connection to 'wss://chat.example.org/socket/websocket?vsn=2.0.0' failed: Error during WebSocket handshake: Unexpected response code: 403\n");
    assert_eq!(e.place.line, Some(1));
    assert!(
        e.message.contains("WebSockets have no CORS") && e.message.contains("origin check"),
        "{e}"
    );
    let e = err("main.js:40 WebSocket connection to 'ws://localhost:8080/ws' failed: Error during WebSocket handshake: Unexpected response code: 400\n");
    assert!(e.message.contains("proxy_set_header Upgrade"), "{e}");
    let e = err("Started GET \"/cable\" for 10.0.0.4\nRequest origin not allowed: capacitor://localhost\nFailed to upgrade to WebSocket\n");
    assert_eq!(e.place.line, Some(2));
    assert!(e.message.contains("allowed_request_origins"), "{e}");
    let e = err("[error] Could not check origin for Phoenix.Socket transport.\n\nOrigin of the request: https://chat.example.org\n");
    assert!(e.message.contains("check_origin"), "{e}");
    let e =
        err("2026/01/04 10:11:12 websocket: request origin not allowed by Upgrader.CheckOrigin\n");
    assert!(e.message.contains("CheckOrigin func"), "{e}");
}

/// A service worker answering a CORS request with an opaque response: alone, the error says
/// so; beside Firefox's "CORS request did not succeed" for the same URL, the finding says it
/// first.
#[test]
fn service_worker_opaque_answer_to_a_cors_request() {
    let chrome = "The FetchEvent for \"https://cdn.example.net/lib/reset.css\" resulted in a network error response: an \"opaque\" response was used for a request whose type is not no-cors\n";
    let e = diagnose(chrome, &Options::default()).unwrap_err();
    assert_eq!(e.place.line, Some(1));
    assert!(e.message.contains("fetch(event.request)"), "{e}");
    let both = format!("{chrome}\nCross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://cdn.example.net/lib/reset.css. (Reason: CORS request did not succeed).\n");
    let r = report(&both);
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("As line 1 of the paste says, the page's service worker"),
        "{}",
        f.summary
    );
    // Another URL's failure is not this one's.
    let other = both.replace(
        "at https://cdn.example.net/lib/reset.css.",
        "at https://cdn.example.net/lib/grid.css.",
    );
    assert!(!only(&report(&other)).summary.contains("service worker"));
}

/// fetch with mode 'no-cors' in the code: an opaque response (what "Unexpected end of input"
/// from response.json() means), read from code written as people write it.
#[test]
fn no_cors_fetch_in_code_is_an_opaque_response() {
    let code = "const w = fetch(\"http://weather.example.com/?format=j1\", { mode: \"no-cors\" })\n      .then(r => r.json())\n      .then(data => console.log(data));\n";
    let r = report(code);
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "opaque_response");
    assert!(!f.browser.blocked);
    assert!(
        f.evidence
            .iter()
            .any(|e| e.contains("Unexpected end of input") && e.contains("line 1")),
        "{:?}",
        f.evidence
    );
    assert!(!f.evidence.iter().any(|e| e.contains("ERR_ABORTED")));
    // With the person's words and the error in fenced blocks around it: the code's block is
    // read, its lines keep their numbers in the whole paste.
    let r = report(&format!("My page shows\n```\nUncaught (in promise) SyntaxError: Unexpected end of input\n```\ncode:\n```javascript\n{code}```\nWhat is wrong?\n"));
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "opaque_response");
    assert!(
        f.evidence.iter().any(|e| e.contains("(line 7)")),
        "{:?}",
        f.evidence
    );
    // Words and the error alone (no code to read): the error explains it.
    let e = diagnose(
        "My page shows\n```\nUncaught (in promise) SyntaxError: Unexpected end of input\n```\nwith fetch and mode: 'no-cors'. What is wrong?\n",
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(e.place.line, Some(3));
    assert!(
        e.message.contains("mode: 'no-cors'") && e.message.contains("empty body"),
        "{e}"
    );
    // Without no-cors, the same code is a plain request.
    let r = report(&code.replace(", { mode: \"no-cors\" }", ""));
    assert_ne!(only(&r).cause.kind.as_str(), "opaque_response");
}

/// Safari's sentence retyped in lower case after a colon: read, and the header it names is the
/// one the fixes allow (not a default content-type).
#[test]
fn safari_reason_in_lower_case_names_the_header_to_allow() {
    let r = report("In Safari the chat fails with: failed to load resource: request header field User-Agent is not allowed by Access-Control-Allow-Headers.\nChrome is fine.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );
    assert!(f.summary.contains("Firefox or Safari"), "{}", f.summary);
    assert!(
        f.fixes[0].text.contains("user-agent"),
        "{}",
        f.fixes[0].text
    );
}

/// A script's object literal under a `url:` line is no Headers view: its properties are not
/// request headers.
#[test]
fn object_literal_under_a_url_line_is_no_headers_view() {
    let r = report("error: ccess to image at 'https://img.example.cn/p/9.png' from origin 'http://localhost:8081' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\n`url:https://img.example.cn/p/9.png`\n\n```\nvar material = new MeshBasicMaterial({\n\tmap: loader.load(path),\n\tside: DoubleSide,\n\ttransparent: false,\n\topacity: 1,\n\tdepthWrite: false\n});\n```\n");
    let f = only(&r);
    let all = format!("{:?}", f.fixes);
    assert!(
        !all.contains("depthwrite") && !all.contains("side: DoubleSide"),
        "{all}"
    );
    // The lost first letter: Chrome's sentence for an image, kept as an image's.
    assert!(
        f.browser
            .console
            .as_deref()
            .is_some_and(|c| c.starts_with("Access to image at")),
        "{:?}",
        f.browser.console
    );
    assert!(
        f.summary.contains(
            "If you do not run img.example.cn: an <img> without the crossorigin attribute"
        ),
        "{}",
        f.summary
    );
}

/// "Access to image: has been blocked …" retyped without URL or origin, the sentence followed
/// by one's own words after a comma, and "CORS has been configured": read, with a cached copy
/// first among the causes.
#[test]
fn image_message_without_url_and_cors_said_configured() {
    let r = report("When I load pictures from our bucket I get Access to image: has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource., although CORS has been configured on it.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    assert!(
        first_cause(&f.summary).starts_with("(1) a CDN or cache serves a copy"),
        "{}",
        f.summary
    );
    // A static file's URL under Firefox's message: the file server's causes, not an API's.
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://assets.example.com/logo.png?v=3. (Reason: CORS header 'Access-Control-Allow-Origin' missing).\n");
    assert!(
        first_cause(&only(&r).summary).starts_with("(1) the file's server or CDN"),
        "{}",
        only(&r).summary
    );
}

/// An image's load from a bucket: the bucket's rule allows GET and HEAD, with no header of
/// the page's to allow (an image sends none); a fetch() of the same file keeps POST and its
/// Content-Type.
#[test]
fn an_image_loads_rule_allows_get_and_head_only() {
    let msg = |kind: &str| {
        format!("Access to {kind} at 'https://photos-bucket.s3.eu-west-1.amazonaws.com/beach.jpeg' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n")
    };
    let r = report(&msg("image"));
    let s3 = only(&r)
        .fixes
        .iter()
        .find(|f| f.target == "s3-cors")
        .expect("the bucket's rule");
    assert!(
        s3.text.contains("\"AllowedMethods\": [\"GET\", \"HEAD\"]"),
        "{}",
        s3.text
    );
    assert!(s3.text.contains("\"AllowedHeaders\": []"), "{}", s3.text);
    let r = report(&msg("fetch"));
    let s3 = only(&r)
        .fixes
        .iter()
        .find(|f| f.target == "s3-cors")
        .expect("the bucket's rule");
    assert!(
        s3.text.contains("\"AllowedMethods\": [\"GET\", \"POST\"]")
            && s3.text.contains("\"AllowedHeaders\": [\"content-type\"]"),
        "{}",
        s3.text
    );
}

/// Safari 12's lines: its reason passed on by the page's service worker, then "Fetch API
/// cannot load U." without "due to access control checks": one finding, with its URL.
#[test]
fn safari_12_service_worker_lines_give_one_finding_with_its_url() {
    let r = report("[Error] FetchEvent.respondWith received an error: TypeError: Request header field Pragma is not allowed by Access-Control-Allow-Headers.\n[Error] Fetch API cannot load https://cdn.example.io/config/v2.json.\n[Error] Failed to load resource: FetchEvent.respondWith received an error: TypeError: Request header field Pragma is not allowed by Access-Control-Allow-Headers. (v2.json, line 0)\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://cdn.example.io/config/v2.json");
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("Pragma"));
    assert!(f.summary.starts_with("Safari reports"), "{}", f.summary);
}

/// Firefox's "CORS request did not succeed" for an `api.localhost` host: Chrome resolves
/// *.localhost itself, Firefox may not.
#[test]
fn sub_localhost_host_in_firefox_network_failure() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://api.localhost/v1/ping. (Reason: CORS request did not succeed).\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "network_error");
    assert!(
        f.summary.contains("`127.0.0.1 api.localhost`"),
        "{}",
        f.summary
    );
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://localhost:8000/v1/ping. (Reason: CORS request did not succeed).\n");
    assert!(!only(&r).summary.contains("/etc/hosts"));
}

/// A call to the page's own origin redirected by Cloudflare Access in front of the app: the
/// app cannot answer 401 for the proxy, and no one answers the sign-in page's preflight;
/// the page notices and reloads.
#[test]
fn front_proxy_sign_in_redirect_on_the_pages_own_origin() {
    let r = report("Access to fetch at 'https://team.cloudflareaccess.com/cdn-cgi/access/login/notes.example.org?kid=abc&redirect_url=%2Fpage.md' (redirected from 'https://notes.example.org/page.md') from origin 'https://notes.example.org' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert!(
        f.summary.contains("Cloudflare Access, in front of the app")
            && f.summary.contains("reload the page"),
        "{}",
        f.summary
    );
    assert_eq!(
        f.fixes.len(),
        1,
        "{:?}",
        f.fixes.iter().map(|x| &x.title).collect::<Vec<_>>()
    );
    assert_eq!(f.fixes[0].target, "client");
    assert!(f.fixes[0].text.contains("opaqueredirect"));
    // The app's own redirect to its login page is still the app's to change.
    let r = report("Access to fetch at 'https://login.example.org/login?next=%2Fapi%2Fme' (redirected from 'https://app.example.org/api/me') from origin 'https://app.example.org' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(
        only(&r)
            .summary
            .contains("Answer the page's API calls with 401"),
        "{}",
        only(&r).summary
    );
}

/// Chrome's reason without its head, wrapped over three lines in a fence, beside two calls:
/// a fetch without credentials and a sendBeacon (always with credentials, its Blob's type the
/// Content-Type): the reason is read whole, and the beacon is the request it is about.
#[test]
fn wrapped_reason_beside_a_beacon_and_a_fetch() {
    let r = report("Reports work with\n```ts\nfetch(url, { mode: \"cors\", credentials: \"omit\" });\n```\nbut on unload we use\n```ts\nconst blob = new Blob([payload], { type: \"application/json\" });\nnavigator.sendBeacon(url, blob);\n```\n```text\nResponse to preflight request doesn't pass access control check:\nThe value of the 'Access-Control-Allow-Credentials' header in the response\nis '' which must be 'true' when the request's credentials mode is 'include'.\n```\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightInvalidAllowCredentials")
    );
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.request.credentials, "include");
    // Without the beacon, the message about credentials is not the fetch's (it sends none).
    let r = report("```ts\nfetch(url, { mode: \"cors\", credentials: \"omit\" });\nfetch(other, { method: \"PUT\", credentials: \"omit\" });\n```\nResponse to preflight request doesn't pass access control check:\nThe value of the 'Access-Control-Allow-Credentials' header in the response\nis '' which must be 'true' when the request's credentials mode is 'include'.\n");
    assert_ne!(only(&r).request.method, "PUT");
    // A whole reason without its period, then the person's words: nothing joined to it.
    let r = report("After updating I got this error:\nResponse to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource\nEven after following the upgrade guide it stayed.\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
}

/// CORB about an extension's content script: the background service worker first.
#[test]
fn corb_for_an_extension_leads_with_its_background_worker() {
    let e = diagnose("My extension's content script fetches the docket PDF and gets nothing:\nCross-Origin Read Blocking (CORB) blocked cross-origin response https://records.example.gov/doc/1.pdf with MIME type application/pdf. See https://www.chromestatus.com/feature/5629709824032768 for more details.\n", &Options::default()).unwrap_err();
    assert_eq!(e.place.line, Some(2));
    assert!(
        e.message.contains("background service worker")
            && e.message.contains("host_permissions")
            && !e.message.contains("an <img>"),
        "{e}"
    );
}

/// A server's access log: alone, the OPTIONS line's status explains; beside the browser's
/// message for that path, it is the preflight's status (said as the log's).
#[test]
fn access_log_gives_the_preflights_status() {
    let e = diagnose("Testing from a desktop plugin, the gateway logs:\n2025-12-17 10:52:39 | INFO | 127.0.0.1:59603 - \"OPTIONS /v1/chat/completions HTTP/1.1\" 405\n2025-12-17 10:52:40 | INFO | 127.0.0.1:59603 - \"OPTIONS /v1/chat/completions HTTP/1.1\" 405\n", &Options::default()).unwrap_err();
    assert_eq!(e.place.line, Some(2));
    assert!(
        e.message.contains("with 405") && e.message.contains("CORS layer is not set up"),
        "{e}"
    );
    let r = report("Console: `Access to fetch at 'http://127.0.0.1:11434/api/chat' from origin 'app://notes.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.` and the server shows `[GIN] 2024/03/05 - 23:46:03 | 403 |            0s |       127.0.0.1 | OPTIONS  \"/api/chat\"` each time.\n");
    let f = only(&r);
    assert_eq!(f.cause.status, Some(403));
    assert_eq!(f.cause.kind.as_str(), "preflight_failed");
    assert!(
        f.evidence
            .iter()
            .any(|e| e.contains("the server's log pasted with it shows it (line 1): 403")),
        "{:?}",
        f.evidence
    );
    assert!(
        f.summary.contains("how Ollama refuses an origin"),
        "{}",
        f.summary
    );
    // Another path's log line is not this request's.
    let r = report("Access to fetch at 'http://localhost:8000/items' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nINFO:     127.0.0.1:50421 - \"OPTIONS /users HTTP/1.1\" 400 Bad Request\n");
    assert_eq!(only(&r).cause.status, None);
}

/// nginx in front of an app that sends its own development origin: the snippet hides the
/// app's copy, as the summary says.
#[test]
fn nginx_snippet_hides_the_apps_own_allow_origin() {
    let r = report("`Access to XMLHttpRequest at 'https://api.example.org:8007/auth/register' from origin 'https://app.example.org:8009' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'http://localhost:5173' that is not equal to the supplied origin.`\n\nnginx config\n```\nadd_header Access-Control-Allow-Origin 'https://app.example.org:8009';\nadd_header Access-Control-Allow-Methods 'GET, POST, OPTIONS';\n```\n");
    let f = only(&r);
    let nginx = f
        .fixes
        .iter()
        .find(|x| x.target == "nginx")
        .expect("nginx fix");
    assert!(
        nginx
            .text
            .contains("proxy_hide_header Access-Control-Allow-Origin;"),
        "{}",
        nginx.text
    );
}

/// A message pasted with HTML's colour marks, and Firefox's with its first word lost: read as
/// the browsers wrote them; a response's HTML body beside a message keeps its tags.
#[test]
fn html_marks_and_firefoxs_lost_first_word() {
    let r = report("<span style=\"color:red\">Access to XMLHttpRequest at</span> 'https://api.example.net/v1/me' <span style=\"color:red\">from origin</span> 'http://localhost:3000' <span style=\"color:red\">has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.</span>\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.net/v1/me");
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    let r = report("`Request Blocked: The Same Origin Policy disallows reading the remote resource at http://localhost:9999/token?grant_type=refresh_token. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 204` in the browser\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
    // A 204 without CORS headers is most often the preflight's, a CORS layer's refusal.
    assert!(
        first_cause(&f.summary).starts_with("(1) it was the preflight's 204"),
        "{}",
        f.summary
    );
    // Cut in its URL, without its reason: a failure at that URL (the container's host name
    // then explains it).
    let r = report("```\nCross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://kong:8000/rest/v1/?apikey=<ANON_KEY>\n```\n");
    let f = only(&r);
    assert!(f.browser.blocked);
    assert!(
        f.summary.contains("`kong` is a single name"),
        "{}",
        f.summary
    );
}

/// Sign-in and scheme errors people file as CORS: Entra's AADSTS9002326, Chromium's
/// unsupported URL scheme, aiohttp-cors' refusal body.
#[test]
fn sign_in_scheme_and_cors_layer_errors_filed_as_cors() {
    let err = |t: &str| diagnose(t, &Options::default()).unwrap_err();
    let e = err("After signing in it returns and reports\n`AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type`\n");
    assert_eq!(e.place.line, Some(2));
    assert!(
        e.message.contains("\"Single-page application\" platform"),
        "{e}"
    );
    let e = err("d3.csv fails in the packaged app:\n\nFetch API cannot load app://./data.csv. URL scheme \"app\" is not supported.\n");
    assert_eq!(e.place.line, Some(3));
    assert!(e.message.contains("supportFetchAPI: true"), "{e}");
    let e = err("On the preflight (OPTIONS) I get:\n```\nCORS preflight request failed: headers are not allowed: AUTHORIZATION\n```\nconfiguration.yaml:\n```yaml\nhttp:\n  cors_allowed_origins:\n    - http://localhost:3001\n```\n");
    assert_eq!(e.place.line, Some(3));
    assert!(
        e.message.contains("headers are not allowed: AUTHORIZATION")
            && e.message.contains("Home Assistant"),
        "{e}"
    );
}

/// The page's own route that starts Google's OAuth sign-in, called with XHR: navigate the
/// page there; Google's sign-in page alone is no proxy in front of the app.
#[test]
fn own_route_starting_an_oauth_sign_in() {
    let r = report("Access to XMLHttpRequest at 'https://accounts.google.com/o/oauth2/auth?response_type=code&client_id=123.apps.googleusercontent.com&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Femail&scope=email' (redirected from 'http://localhost:3000/api/gmail/login') from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert!(
        f.summary
            .contains("window.location.assign('http://localhost:3000/api/gmail/login')"),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("in front of the app"), "{}", f.summary);
}

/// An Android WebView's message from a custom scheme: a Markdown link around the URL is the
/// URL, and the host-less origin `app://` is what the browser sent (not a typo of one).
#[test]
fn hostless_app_origin_and_a_linked_url() {
    let r = report("2023-09-25 21:21:15.678 13472-13472 Capacitor/Console com.example E  File: app://localhost/#/ - Line 0 - Msg: Access to XMLHttpRequest at '[https://api.example.com/v1'](https://api.example.com/v1) from origin 'app://' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/v1");
    assert_eq!(f.request.origin.as_deref(), Some("app://"));
    assert!(
        f.warnings.iter().any(|w| w.contains("androidScheme")),
        "{:?}",
        f.warnings
    );
    assert!(
        !f.missing
            .iter()
            .any(|m| m.contains("not one a browser sends")),
        "{:?}",
        f.missing
    );
}

/// Copy as cURL from a WebView: `authority:` (HTTP/2's pseudo-header as old Chrome wrote it)
/// and the WebView's own `x-requested-with: <package>` are not the script's headers.
#[test]
fn webview_copy_as_curl_headers_the_script_did_not_set() {
    let r = report("curl 'https://api.example.com/items' \\\n  -H 'authority: api.example.com' \\\n  -H 'accept: */*' \\\n  -H 'x-requested-with: com.example.hello' \\\n  -H 'origin: https://localhost' \\\n  --compressed\n");
    let f = only(&r);
    let sent = f.reproduce.join("\n");
    assert!(
        !sent.contains("authority") && !sent.contains("com.example.hello"),
        "{sent}"
    );
    // jQuery's own X-Requested-With is the script's.
    let r = report("curl 'https://api.example.com/items' -H 'x-requested-with: XMLHttpRequest' -H 'origin: https://app.example.org'\n");
    assert!(only(&r)
        .reproduce
        .join("\n")
        .contains("x-requested-with: XMLHttpRequest"));
}

/// Cordova named in the words: `app://www` is its iOS web view's origin (not an Electron
/// app's), and `https://localhost` its Android one's since cordova-android 10.
#[test]
fn cordova_origins_named_in_the_words() {
    let r = report("I updated to Cordova 10 and cordova-ios 6 with\n<preference name=\"scheme\" value=\"app\" />\n<preference name=\"hostname\" value=\"www\" />\nand the console says\n\nOrigin app://www is not allowed by Access-Control-Allow-Origin.\n");
    let f = only(&r);
    assert!(
        f.summary.contains("The page is a Cordova app") && !f.summary.contains("Electron"),
        "{}",
        f.summary
    );
    let r = report("cordova-android 10: Access to XMLHttpRequest at 'https://api.example.com/' from origin 'https://localhost' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(
        only(&r).summary.contains("The page is a Cordova app"),
        "{}",
        only(&r).summary
    );
    // https://localhost alone is a developer's page, no app's.
    let r = report("Access to XMLHttpRequest at 'https://api.example.com/' from origin 'https://localhost' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(
        !only(&r).summary.contains("The page is a"),
        "{}",
        only(&r).summary
    );
}

/// CORS headers stated in a person's words (inline code), without a capture: what they decide.
#[test]
fn cors_headers_stated_in_words() {
    let err = |t: &str| diagnose(t, &Options::default()).unwrap_err();
    let e = err("After signing in, the OPTIONS request to https://id.example.org/oauth/userinfo fails:\nthe request contains a `Access-Control-Request-Headers: authorization` header but the response has only `access-control-allow-headers: X-Requested-With,Origin,Content-Type` - authorization is missing.\n");
    assert_eq!(e.place.line, Some(2));
    assert!(
        e.message.contains("asks for `authorization`")
            && e.message.contains("never covers Authorization"),
        "{e}"
    );
    let e = err("Our proxy answers with `Access-Control-Allow-Origin: *, *` and every call from the app fails with a CORS error.\n");
    assert!(e.message.contains("more than one value"), "{e}");
    // Allowed as stated: nothing decided, the words are only words.
    let e = err("The preflight has `Access-Control-Request-Headers: content-type` and the answer `Access-Control-Allow-Headers: Content-Type, Authorization` but I still get a CORS error somewhere.\n");
    assert!(!e.message.contains("asks for"), "{e}");
}

/// A curl session with a person's `#` note among the headers, and a Private Network Access
/// preflight answered without its header: read, and warned about for the Chrome versions that
/// enforced it.
#[test]
fn noted_curl_session_of_a_private_network_preflight() {
    let r = report("```\n$ curl -i -X OPTIONS http://127.0.0.1:1738/api/version \\\n    -H 'Origin: https://studio.example.com' \\\n    -H 'Access-Control-Request-Private-Network: true'\nHTTP/1.1 204 No Content\nAccess-Control-Allow-Origin: https://studio.example.com\n# no Access-Control-Allow-Private-Network\n```\n");
    let f = only(&r);
    assert!(
        f.warnings
            .iter()
            .any(|w| w.contains("PreflightMissingAllowPrivateNetwork") && w.contains("Chrome 142")),
        "{:?}",
        f.warnings
    );
    let r = report("$ curl -i -X OPTIONS http://127.0.0.1:1738/api/version -H 'Origin: https://studio.example.com' -H 'Access-Control-Request-Private-Network: true' -H 'Access-Control-Request-Method: GET'\nHTTP/1.1 204 No Content\nAccess-Control-Allow-Origin: https://studio.example.com\nAccess-Control-Allow-Private-Network: true\n");
    assert!(!only(&r)
        .warnings
        .iter()
        .any(|w| w.contains("Private-Network")));
}

/// "Response" alone on a line between a curl command and its output: a label.
#[test]
fn one_word_label_between_a_command_and_its_output() {
    let r = report("Try with curl.\n```\ncurl 'https://gw.example.com/t/info' -X OPTIONS \\\n    -H 'Access-Control-Request-Method: GET' \\\n    -H 'Origin: https://portal.example.com' -ki\n```\n\nResponse\n```\nHTTP/1.1 404 Not Found\ncontent-type: application/json\nserver: envoy\n\n{\"message\":\"Not Found\"}\n```\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "preflight_missing");
    assert_eq!(f.cause.status, Some(404));
}

/// Firefox's Network panel's words, Safari's mixed-content block, a 0.0.0.0 host: each said
/// for what it is.
#[test]
fn network_panel_mixed_content_and_the_unspecified_address() {
    let err = |t: &str| diagnose(t, &Options::default()).unwrap_err();
    let e = err("Firefox devtools, Response tab:\n\nResponse body is not available to scripts (Reason: CORS Failed)\n");
    assert!(e.message.contains("Firefox's Network panel"), "{e}");
    let e = err("[blocked] The page at https://studio.example.org/ was not allowed to run insecure content from http://localhost:8000/ext.js.\n");
    assert!(
        e.message.contains("Safari's mixed-content block") && e.message.contains("mkcert"),
        "{e}"
    );
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://0.0.0.0:5173/resources/js/app.js. (Reason: CORS request did not succeed). Status code: (null).\n");
    assert!(
        only(&r).summary.contains("the URL's host is 0.0.0.0"),
        "{}",
        only(&r).summary
    );
}

/// SignalR's negotiate: a redirected preflight's fix is the URL, and on the Functions host the
/// host's CORS first.
#[test]
fn signalr_negotiate_fix_order() {
    let r = report("Access to fetch at 'http://chat.example.com/hubs/chat/negotiate?negotiateVersion=1' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.\n");
    assert!(only(&r).fixes.iter().all(|f| f.target != "signalr"));
    let r = report("In local.settings.json:\n```\n{\n  \"Host\": {\n    \"CORS\": \"*\",\n    \"CORSCredentials\": false\n  }\n}\n```\nAccess to fetch at 'http://localhost:7071/api/negotiate?negotiateVersion=1' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.\n");
    let f = only(&r);
    assert_eq!(
        f.fixes[0].target,
        "azure-functions-local",
        "{:?}",
        f.fixes.iter().map(|x| &x.target).collect::<Vec<_>>()
    );
}

/// A curl command in one fence and curl -v's response lines (its `> ` lines left out) in the
/// next: the command is the request.
#[test]
fn command_and_its_response_lines_in_separate_fences() {
    let r = report("### Steps to Reproduce\n\n```\ncurl -X OPTIONS https://abc.elb.amazonaws.com -H \"origin: http://example.com\"\n```\n\n```\n... snip\n< HTTP/2 204\n< server: awselb/2.0\n< access-control-allow-methods: GET,HEAD,OPTIONS\n```\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://abc.elb.amazonaws.com/");
    assert_eq!(f.request.origin.as_deref(), Some("http://example.com"));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
}

/// An application's own allowed-origins setting in capitals, named in prose with its value, or
/// in an env or compose file: the page's origin is not on it (Hoppscotch's WHITELISTED_ORIGINS).
#[test]
fn allowed_origins_setting_in_capitals() {
    let msg = "Access to fetch at 'https://backend.hs.example.com/graphql' from origin 'http://app.hs_example_com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    for setting in [
        "I wonder WHITELISTED_ORIGINS `app://hs_example_com` fails with:\n",
        "environment:\n  - WHITELISTED_ORIGINS=app://hs_example_com,http://localhost:3000\n",
    ] {
        let r = report(&format!("{setting}{msg}"));
        let s = &only(&r).summary;
        assert!(
            s.starts_with("The pasted `WHITELISTED_ORIGINS` (line ")
                && s.contains("does not list the page's origin `http://app.hs_example_com`"),
            "{s}"
        );
    }
    // Listed: no such sentence.
    let r = report(&format!(
        "WHITELISTED_ORIGINS=http://app.hs_example_com\n{msg}"
    ));
    assert!(!only(&r).summary.contains("WHITELISTED_ORIGINS"));
}

/// A dev server's proxy pasted with the message, and the page calling the proxy's target
/// itself: the relative URL through the proxy, said first and fixed first.
#[test]
fn dev_server_proxy_skipped_by_the_call() {
    let angular = "proxy.conf.json:\n```\n{\n  \"/api\": {\n    \"target\": \"http://localhost:8080\",\n    \"secure\": false\n  }\n}\n```\nAccess to XMLHttpRequest at 'http://localhost:8080/api/users' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    let r = report(angular);
    let f = only(&r);
    assert!(
        f.summary.starts_with("The pasted Angular dev server's proxy (line 5) forwards `/api` to http://localhost:8080, but the page calls http://localhost:8080/api/users itself"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "same-origin-url");
    assert!(
        f.fixes[0].text.contains("fetch('/api/users')"),
        "{}",
        f.fixes[0].text
    );
    // Vite's rule to localhost, the call to 127.0.0.1 on the same port: the same server.
    let vite = "vite.config.js\n```js\nexport default defineConfig({\n  server: {\n    proxy: {\n      '/graphql': { target: 'http://localhost:4000', changeOrigin: true },\n    },\n  },\n})\n```\nAccess to fetch at 'http://127.0.0.1:4000/graphql' from origin 'http://localhost:5173' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    let r = report(vite);
    assert!(
        only(&r)
            .summary
            .starts_with("The pasted Vite dev server's proxy (line 6) forwards `/graphql`"),
        "{}",
        only(&r).summary
    );
    // The page calls another API than the proxy's: nothing said about the proxy.
    let other = vite.replace(
        "http://127.0.0.1:4000/graphql",
        "https://api.other.example/graphql",
    );
    let r = report(&other);
    assert!(
        !only(&r).summary.contains("proxy (line"),
        "{}",
        only(&r).summary
    );
    assert_ne!(only(&r).fixes[0].target, "same-origin-url");
}

/// A redirected preflight the console alone reports: the usual redirects, the one the URL
/// or the named framework points at first (Next.js' trailing-slash 308, a double slash).
#[test]
fn redirected_preflight_usual_redirects() {
    let msg = |url: &str| {
        format!("Access to fetch at '{url}' from origin 'http://localhost:3004' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.\n")
    };
    let r = report(&format!(
        "My next.config.js rewrites /api to the other app.\n{}",
        msg("http://localhost:3001/api/proxy/users/")
    ));
    let s = &only(&r).summary;
    assert!(
        s.contains(
            "most likely first: (1) a trailing-slash redirect: the URL's path (/api/proxy/users/)"
        ) && s.contains("skipTrailingSlashRedirect: true"),
        "{s}"
    );
    let r = report(&msg("https://sub.example.org//api/trpc/keys"));
    let s = &only(&r).summary;
    assert!(s.contains("(1) a double slash in the path"), "{s}");
    // An https URL: no scheme redirect to suggest.
    assert!(!s.contains("http:// to https://"), "{s}");
    // ASP.NET Core named and an http URL: UseHttpsRedirection first.
    let r = report(&format!(
        "ASP.NET Core 8 Web API\n{}",
        msg("http://localhost:5000/api/items")
    ));
    let s = &only(&r).summary;
    assert!(
        s.contains("(1) http:// to https:// (ASP.NET Core's UseHttpsRedirection"),
        "{s}"
    );
}

/// Settings that list origins (none `*`) pasted with the browser's report of `*` with
/// credentials: the answer did not come from those settings (graphql-yoga 2.1.0's regression).
#[test]
fn wildcard_answer_despite_listed_origins() {
    let r = report("I have `CORS error` in the browser with code `WildcardOriginNotAllowed`:\nI have the following settings of my graphql server:\n```js\ncors: {\n  origin: [\"http://localhost:3000\"],\n  credentials: true,\n}\n```\n");
    let s = &only(&r).summary;
    assert!(
        s.starts_with("The pasted `origin` (line 5) lists `http://localhost:3000`, not `*`, yet the browser got"),
        "{s}"
    );
    // Settings that say `*` themselves: no such sentence.
    let r = report("I have `CORS error` with code `WildcardOriginNotAllowed`:\n```js\ncors: {\n  origin: '*',\n  credentials: true,\n}\n```\n");
    assert!(!only(&r)
        .summary
        .contains("did not come from these settings"));
}

/// Chrome's Set-Cookie tooltip pasted under its header line: a cookie rule, said at the
/// tooltip's line, never a response judged without CORS headers.
#[test]
fn cookie_tooltip_is_a_cookie_rule() {
    let e = whycors::diagnose("Error for cookie is the following:\n\n```\nset-cookie: _awb_session=[cookie_details]; path=/; HttpOnly\n\nThis Set-Cookie didn't specify a \"SameSite\" attribute, was defaulted to \"SameSite=Lax\", and was blocked because it\ncame from a cross-site response which was not the response to a top-level navigation.\n```\nWe run Rails 6.\n", &Options::default()).expect_err("a cookie rule, no capture");
    assert_eq!(e.place.line, Some(6));
    assert!(
        e.message.contains("a cookie rule") && e.message.contains("same_site: :none"),
        "{}",
        e.message
    );
}

/// Safari's report with placeholders for both hosts ("https://<mydomain>"): Safari checks CORS
/// only across origins, so the request stays a finding.
#[test]
fn safari_report_with_one_placeholder_for_both_hosts() {
    let r = report("[Error] Origin https://<mydomain> is not allowed by Access-Control-Allow-Origin.\n[Error] Fetch API cannot load https://<mydomain>/_gcp_iap/gcip_authenticate due to access control checks.\n");
    assert_eq!(r.findings.len(), 1);
    assert!(r.findings[0].browser.blocked);
}

/// Words saying a response header is in the Network tab but undefined to the script: a header
/// not exposed to cross-origin scripts, with the named stack's setting; Set-Cookie is never
/// readable.
#[test]
fn header_seen_in_devtools_but_not_by_the_script() {
    let e = whycors::diagnose("### Describe the issue\n\n`Content-Disposition` header is not accessible via `response.headers` despite being present in the browser's Network tab.\n\n```python\n# Django view\nresponse['Content-Disposition'] = 'attachment; filename=\"example.pdf\"'\n```\n", &Options::default()).expect_err("words, no capture");
    assert_eq!(e.place.line, Some(3));
    assert!(
        e.message
            .contains("`Content-Disposition` is in the response")
            && e.message
                .contains("CORS_EXPOSE_HEADERS = [\"Content-Disposition\"]"),
        "{}",
        e.message
    );
    let e = whycors::diagnose("The Set-Cookie header is present in the Network tab but response.headers does not include it.\n", &Options::default()).expect_err("words");
    assert!(
        e.message.contains("forbidden response header name"),
        "{}",
        e.message
    );
    // A question without the symptom: not this.
    let e = whycors::diagnose(
        "How do I add the ETag header to my CORS configuration for the upload?\n",
        &Options::default(),
    )
    .expect_err("words");
    assert!(!e.message.contains("cannot read"), "{}", e.message);
}

/// Apollo Server's CSRF prevention refusing a multipart upload: the server's own answer, with
/// the Apollo-Require-Preflight header, not a CORS refusal.
#[test]
fn apollo_csrf_prevention() {
    let e = whycors::diagnose("When I try to upload a file it throws this error\n```\nThis operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type'\nheader (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a\nnon-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight\n```\n", &Options::default()).expect_err("the server's answer, no capture");
    assert_eq!(e.place.line, Some(3));
    assert!(
        e.message
            .contains("not a CORS refusal: Apollo Server's CSRF prevention")
            && e.message.contains("Apollo-Require-Preflight: true"),
        "{}",
        e.message
    );
}

/// SAM's BinaryMediaTypes for every type with Cors: the OPTIONS MOCK integration's 500, said
/// first, and the template's correction as the first fix.
#[test]
fn sam_binary_media_types_every_type() {
    let r = report("We cannot get CORS to work with BinaryMediaTypes\n\nOPTIONS https://abc123.execute-api.eu-west-1.amazonaws.com/development/items 500\nAccess to XMLHttpRequest at 'https://abc123.execute-api.eu-west-1.amazonaws.com/development/items' from origin 'http://localhost:8000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\nResources:\n  ApiName:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: development\n      BinaryMediaTypes:\n        - '*~1*'\n      Cors:\n        AllowOrigin: \"'*'\"\n");
    let f = only(&r);
    assert!(
        f.summary
            .contains("The pasted SAM template sets BinaryMediaTypes to every type"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "sam");
    assert!(
        f.fixes[0].text.contains("- image~1png"),
        "{}",
        f.fixes[0].text
    );
    // Django's settings with a colon: the assignment as the first fix.
    let r = report("settings.py:\nMIDDLEWARE = [\n    'corsheaders.middleware.CorsMiddleware',\n]\nCORS_ALLOW_CREDENTIALS: True\n\nAccess to fetch at 'http://localhost:8000/sign-up' from origin 'http://localhost:3000' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.\n");
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "django");
    assert!(
        f.fixes[0].text.contains("CORS_ALLOW_CREDENTIALS = True"),
        "{}",
        f.fixes[0].text
    );
}

/// An upload the words or code show, refused for a missing Access-Control-Allow-Origin with the
/// status hidden: a proxy's body-size 413 first, and its limit as the first fix; not for an
/// upload straight to a bucket with a signed URL.
#[test]
fn upload_refused_without_cors_headers() {
    let msg = "Access to XMLHttpRequest at 'https://api.example.com/post' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    let r = report(&format!("Everything works fine on localhost but when pushed live on the server getting CORS error\n\n{msg}\nSimple axios post with multipart/form-data\nlet data = new FormData()\n"));
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("The request uploads a file (line 5 of the paste)"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "body-limit");
    let firefox = "If I try to upload a file (a `.mp4`) to https://pod.example.org/me/ with a POST request, it says:\n\n> Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://pod.example.org/me/. (Reason: CORS header 'Access-Control-Allow-Origin' missing).\n";
    let r = report(firefox);
    assert!(
        only(&r)
            .summary
            .starts_with("The request uploads a file (line 1"),
        "{}",
        only(&r).summary
    );
    // A signed URL's upload meets the bucket's rules: not this.
    let r = report(&format!(
        "I upload with a v4 signed URL from generateV4UploadSignedUrl\n{msg}"
    ));
    assert!(
        !only(&r).summary.contains("uploads a file"),
        "{}",
        only(&r).summary
    );
}

/// GraphQL clients made with their endpoint (graphql.js, graphql-request, Apollo's link): a
/// POST of JSON with the headers they were given; a CORS response header among them is the
/// page's first fix.
#[test]
fn graphql_clients_are_read_as_the_request() {
    let r = report("```js\nlet client = graphql(\"http://localhost:5000/graphql\", {\n  headers: {\n    \"Access-Control-Allow-Origin\": \"*\"\n  }\n})\n```\nAccess to XMLHttpRequest at 'http://localhost:5000/graphql' from origin 'http://localhost:8080' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.fixes[0].target, "client");
    let r = report("const link = createHttpLink({\n  uri: 'https://api.example.com/graphql',\n  credentials: 'include',\n});\nAccess to fetch at 'https://api.example.com/graphql' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.request.credentials, "include");
}

/// A SAM template's GatewayResponses (`StatusCode: 401`, `Access-Control-Allow-Origin: "'*'"`)
/// is no DevTools Headers copy: never a 401 response judged, never a header set on a request.
#[test]
fn sam_template_keys_are_no_devtools_rows() {
    let e = whycors::diagnose("Resources:\n  MyGatewayApi:\n    Type: AWS::Serverless::Api\n    Properties:\n      GatewayResponses:\n        UNAUTHORIZED:\n          StatusCode: 401\n          ResponseParameters:\n            Headers:\n              Access-Control-Allow-Origin: \"'*'\"\n      Cors: \"'*'\"\n", &Options::default());
    assert!(e.is_err(), "{:?}", e.map(|r| r.findings.len()));
}

/// Response headers quoted with Markdown's `> ` under Firefox's message (no request line among
/// them: no curl session) are read as the response's; Firefox's ‘(null)’ is no value.
#[test]
fn markdown_quoted_response_headers_and_firefox_null() {
    let fx = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://localhost:63744/api/test. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘(null)’).\n";
    let r = report(&format!("Here is the message i get\n\n{fx}\nFollowing are my reponse headers.\n> Access-Control-Allow-Credentials: true\n> Access-Control-Allow-Origin: http://localhost:3000, *\n"));
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
    let r = report(fx);
    let s = &only(&r).summary;
    assert!(
        s.contains("Firefox wrote ‘(null)’ where the header's value goes"),
        "{s}"
    );
    assert!(!s.contains("https://(null)"), "{s}");
}

/// A Lambda-backed REST API whose CORS settings answer only the preflight (SAM's Cors, CDK's
/// defaultCorsPreflightOptions, serverless.yml's cors on an http event), and the request's own
/// answer without the header: the function's headers first. serverless.yml's cors on an
/// httpApi event is not read at all: the provider's httpApi.cors.
#[test]
fn cors_settings_that_answer_only_the_preflight() {
    let msg = "Access to fetch at 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    let sam = "Resources:\n  MyApi:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      Cors:\n        AllowOrigin: \"'https://app.example.com'\"\n";
    let r = report(&format!("{sam}\n{msg}"));
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("The pasted SAM's Cors (line 6) makes API Gateway answer the preflight"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "lambda-node");
    let cdk = "const api = new apigw.LambdaRestApi(this, 'Api', {\n  handler: fn,\n  defaultCorsPreflightOptions: { allowOrigins: ['https://app.example.com'] },\n});\n";
    let r = report(&format!("{cdk}\n{msg}"));
    assert!(only(&r)
        .summary
        .starts_with("The pasted CDK's defaultCorsPreflightOptions (line 3)"));
    // The preflight refused: not this.
    let pre = msg.replace(
        "policy: No",
        "policy: Response to preflight request doesn't pass access control check: No",
    );
    let r = report(&format!("{cdk}\n{pre}"));
    assert!(!only(&r).summary.contains("defaultCorsPreflightOptions"));
    let sls = "functions:\n  hello:\n    handler: handler.hello\n    events:\n      - httpApi:\n          path: /items\n          method: post\n          cors: true\n";
    let r = report(&format!("{sls}\n{pre}"));
    let f = only(&r);
    assert!(
        f.summary
            .contains("on an httpApi event, where the Serverless Framework does not read it"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "serverless");
}

/// Old Chrome's "Error during WebSocket handshake: Unexpected response code: 400" alone: a
/// WebSocket handshake, not CORS, with Socket.IO 2.4.0's origin check among the 400's causes.
#[test]
fn websocket_handshake_line_without_its_url() {
    let e = whycors::diagnose("Why error after migrate from v2.2.0 to v2.4.0 ???\n`Error during WebSocket handshake: Unexpected response code: 400`\n", &Options::default()).expect_err("no capture");
    assert_eq!(e.place.line, Some(2));
    assert!(
        e.message.contains("a WebSocket handshake that failed") && e.message.contains("2.4.0"),
        "{}",
        e.message
    );
}

/// Old Chrome's preflight message with the OPTIONS request's and response's headers under their
/// titles: the request's method is the preflight's Access-Control-Request-Method.
#[test]
fn preflight_request_headers_state_the_method() {
    let r = report("XMLHttpRequest cannot load http://myserver.com:9000/api/v1/login/. Request header field content-type is not allowed by Access-Control-Allow-Headers in preflight response\n\nthis is the error from OPTIONS request.\n\nRequest Headers:\nAccess-Control-Request-Headers:content-type\nAccess-Control-Request-Method:POST\n\nResponse Headers:\nAccess-Control-Allow-Credentials:true\nAccess-Control-Allow-Origin:*\nContent-Length:0\n");
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert_eq!(f.request.method_basis, "stated");
}

/// Two Allow-Origin values ('*, *') with django-cors-headers pasted: the server's or proxy's
/// copy is the one to remove, first; not a fresh django-cors-headers setup.
#[test]
fn doubled_allow_origin_with_the_app_package_in_place() {
    let r = report("'Access-Control-Allow-Origin' header contains multiple values '*, *', but only one is allowed\n\nI am using django-cors-headers and I have deployed my application on server. My settings:\n\n```\nINSTALLED_APPS = ['corsheaders']\nCORS_ORIGIN_ALLOW_ALL = True\n```\n");
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "nginx");
    assert!(
        f.fixes[0].title.contains("django-cors-headers"),
        "{}",
        f.fixes[0].title
    );
    assert!(f.fixes[0]
        .text
        .contains("proxy_hide_header Access-Control-Allow-Origin;"));
}

/// A 401 from this machine (no gateway in front): the application's own authentication
/// answering before its CORS layer comes first; on a public host a gateway's stays first.
#[test]
fn local_401_is_the_applications_authentication_first() {
    let r = report("> Failed to load http://localhost:8080/api/user: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:4100' is therefore not allowed access. The response had HTTP status code 401.\n");
    let s = &only(&r).summary;
    assert!(
        first_cause(s).starts_with("(1) the application's own authentication"),
        "{s}"
    );
    let r = report("Failed to load https://api.example.com/api/user: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'https://app.example.com' is therefore not allowed access. The response had HTTP status code 401.\n");
    let s = &only(&r).summary;
    assert!(
        first_cause(s).starts_with("(1) a gateway, CDN or proxy"),
        "{s}"
    );
}

/// Content-Type refused by the preflight: the page's side is said (no Content-Type without a
/// body) and its fix offered, first for a GET as written.
#[test]
fn content_type_refused_by_the_preflight() {
    let r = report("Request header field Content-Type is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    let f = only(&r);
    assert!(
        f.summary.contains("a GET or HEAD has none"),
        "{}",
        f.summary
    );
    assert!(f
        .fixes
        .iter()
        .any(|x| x.title == "The page: no Content-Type on a call without a body"));
    let r = report("fetch('https://api.example.com/v3/teams', { method: 'GET', headers: { 'Content-Type': 'application/json' } })\nAccess to fetch at 'https://api.example.com/v3/teams' from origin 'https://app.example.com' has been blocked by CORS policy: Request header field content-type is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    assert_eq!(only(&r).fixes[0].target, "client");
}

/// An HTTP API route for every method with an authorizer (SST's `"ANY /user"` with `auth:`): the
/// preflight goes to that route and its authorizer refuses it, said first.
#[test]
fn any_route_with_an_authorizer_catches_the_preflight() {
    let r = report("THROWS CORS ERROR:\n```\nwebAppApi.route(\n  \"ANY /user\",\n  {\n    handler: \"./packages/functions/src/user/userHandler.main\"\n  },\n {\n    auth: jwtAuth,\n  }\n);\n```\n\nThe error itself:\n\n`request blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.`\n");
    let f = only(&r);
    assert!(
        f.summary.starts_with(
            "The pasted route `ANY /user` (line 4) takes every method with an authorizer on it"
        ),
        "{}",
        f.summary
    );
}

/// local.settings.json's Host.CORS pasted with a call to the deployed Function App: never
/// deployed, the platform's CORS is the fix; a call to the local host is not this.
#[test]
fn azure_local_settings_cors_is_not_deployed() {
    let cfg = "```json\n\"Host\": { \"CORS\": \"*\", \"CORSCredentials\": false }\n```\n";
    let msg = |url: &str| {
        format!("Access to fetch at '{url}' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n")
    };
    let r = report(&format!(
        "{}{cfg}",
        msg("https://func-inspections.azurewebsites.net/api/inspections")
    ));
    let f = only(&r);
    assert!(
        f.summary
            .contains("local.settings.json's Host.CORS, which only the local Functions host reads"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "azure-app-service");
    let r = report(&format!(
        "{}{cfg}",
        msg("http://localhost:7071/api/inspections")
    ));
    assert!(!only(&r)
        .summary
        .contains("only the local Functions host reads"));
}

/// Chrome's CORB line for the same path with text/html beside the CORS message (hosts masked
/// apart): the path answered with an HTML page, routed to the site's files, said first.
#[test]
fn corb_html_line_beside_the_cors_message() {
    let r = report("```Access to fetch at 'https://xxxxxxxxxx.cloudfront.net/api/settings' from origin 'https://admin.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.```\n\nChrome additionally gives:\n```app.js:9 Cross-Origin Read Blocking (CORB) blocked cross-origin response https://d1nr3v26vodwhc.cloudfront.net/api/settings with MIME type text/html. See https://www.chromestatus.com/feature/5629709824032768 for more details.```\n");
    let s = &only(&r).summary;
    assert!(
        s.starts_with(
            "Chrome's CORB line (line 4 of the paste) shows this path answered with an HTML page"
        ),
        "{s}"
    );
}

/// An issue's Markdown: words, the Terraform that set CORS up in one fenced block, a `curl -i`
/// session cut off in another. The session is read (the other block is no capture), the words'
/// `credentials: "include"` is the request's mode, and the `*` the emulator sent is said to be
/// the emulator's, not the configuration's.
#[test]
fn curl_session_among_fenced_blocks_with_credentials_in_words() {
    let paste = "## Summary\n\nOn an HTTP API, the `cors_configuration` set at creation has no effect: every OPTIONS preflight gets a wildcard. Browsers sending `credentials: \"include\"` reject the `*` origin.\n\n```hcl\nresource \"aws_apigatewayv2_api\" \"demo\" {\n  protocol_type = \"HTTP\"\n  cors_configuration {\n    allow_origins     = [\"http://localhost:3000\"]\n    allow_credentials = true\n  }\n}\n```\n\nApply and send a preflight:\n\n```sh\n$ curl -i -X OPTIONS \"http://<api-id>.execute-api.localhost:4566/live/api/hello\" \\\n    -H 'Origin: http://localhost:3000' \\\n    -H 'Access-Control-Request-Method: GET'\nHTTP/1.1 200\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Methods: GET, POST, OPTIONS\nAccess-Control-Expose-Heade\n";
    let r = report(paste);
    let f = only(&r);
    assert_eq!(f.request.credentials, "include");
    assert_eq!(f.request.credentials_basis, "described");
    assert!(
        f.evidence.iter().any(|e| e.contains("(line 3): include")),
        "{:?}",
        f.evidence
    );
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightWildcardOriginNotAllowed")
    );
    assert!(
        f.summary.contains("a local emulator of AWS"),
        "{}",
        f.summary
    );
    // The unread cut line keeps its number in the whole paste.
    assert_eq!(r.unread.first().map(|u| u.line), Some(24), "{:?}", r.unread);
    // Deployed (no emulator's URL): the other layers, not an emulator.
    let r = report(&paste.replace(
        "<api-id>.execute-api.localhost:4566",
        "abc123.execute-api.eu-west-1.amazonaws.com",
    ));
    let s = &only(&r).summary;
    assert!(
        !s.contains("emulator") && s.contains("Another layer sends"),
        "{s}"
    );
    // A mode without credentials elsewhere in the paste: the words no longer decide it.
    let r = report(&paste.replace(
        "```\n\nApply",
        "```\nfetch(url, { credentials: 'omit' })\n\nApply",
    ));
    assert_eq!(only(&r).request.credentials_basis, "assumed");
}

/// A pull request's words quote Chrome's reason alone ("the browser then reports *No
/// 'Access-Control-Allow-Origin' header is present*") above a `curl -i` of the preflight: the
/// reason is the preflight's, as Chrome names it there. The words' reason is no response's.
#[test]
fn quoted_reason_beside_a_preflight_is_the_preflights() {
    let paste = "A preflight requesting a disallowed header is answered **without any CORS headers** (HTTP 200) — the browser then reports *\"No 'Access-Control-Allow-Origin' header is present\"*. Reproduced:\n\n```\ncurl -i -X OPTIONS 'http://blocky:4000/api/blocking/disable?duration=5m' \\\n  -H 'Origin: https://grafana.example.com' \\\n  -H 'Access-Control-Request-Method: GET' \\\n  -H 'Access-Control-Request-Headers: content-type,x-grafana-action'\nHTTP/1.1 200 OK\n```\n";
    let r = report(paste);
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert!(
        f.warnings
            .iter()
            .all(|w| !w.contains("a check it makes only after")),
        "{:?}",
        f.warnings
    );
    // The whole message, about the request's response, is kept as Chrome printed it.
    let r = report("Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\ncurl -i -X OPTIONS https://api.example.com/x -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: GET'\nHTTP/1.1 204 No Content\nAccess-Control-Allow-Origin: https://app.example.com\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
}

/// A 2xx preflight answer without CORS headers whose Vary names what the preflight asks
/// (rs/cors, go-chi/cors): a CORS layer declined it; without that Vary, nothing may handle it.
#[test]
fn preflight_declined_by_a_cors_layer_shows_in_vary() {
    let paste = "curl -i -X OPTIONS https://api.example.com/x -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: GET' -H 'Access-Control-Request-Headers: x-grafana-action'\nHTTP/1.1 204 No Content\nVary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers\n";
    let r = report(paste);
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "header_mismatch");
    assert!(
        f.summary
            .starts_with("A CORS layer answered the preflight and declined it")
            && f.summary.contains("the headers x-grafana-action"),
        "{}",
        f.summary
    );
    let r = report(&paste.replace(
        "Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
        "Vary: Accept-Encoding",
    ));
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "preflight_missing");
    assert!(
        f.summary.starts_with("Nothing handles the preflight"),
        "{}",
        f.summary
    );
}

/// Statuses the words name as people write them: "a CORS-related 502 response" (the status
/// the message hid), "the app returns a 301 Moved Permanently" beside old Chrome's preflight
/// redirect line without its URL, whose scheme is then unknown: http:// to https:// is among
/// the likely redirects, not last.
#[test]
fn statuses_the_words_name_beside_a_message() {
    let r = report("all requests to the API have resulted in a CORS-related 502 response.\n```\nAccess to XMLHttpRequest at 'https://nav.example.org/api/v1/latest/meta' from origin 'https://nav.example.net' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n```\n");
    let f = only(&r);
    assert_eq!(f.cause.status, Some(502));
    assert!(
        f.summary.contains("502/503 says the server behind"),
        "{}",
        f.summary
    );
    let r = report("What I'm getting is `XMLHttpRequest cannot load (the url). Response for preflight is invalid (redirect)`. Inspecting the request in chrome's dev. tools shows me that the app returns a 301 Moved Permanently.\n");
    let f = only(&r);
    assert_eq!(f.cause.status, Some(301));
    assert!(
        f.summary.contains("(2) http:// to https://"),
        "{}",
        f.summary
    );
    // A 3xx number alone in the words is no status ("we moved 301 users").
    let r = report("We moved 301 users to the new API.\nAccess to XMLHttpRequest at 'https://nav.example.org/x' from origin 'https://nav.example.net' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_eq!(only(&r).cause.status, None);
}

/// The words give the preflight's status and nothing the browser said: what that status means
/// for a preflight, at its line, in the stack the paste names; a number of something else on
/// such a line is no status.
#[test]
fn preflight_status_in_words_without_the_browsers_message() {
    let err = |s: &str| diagnose(s, &Options::default()).unwrap_err();
    let e = err("I cloned this skeleton which already has CORS.\nBut when the API calls OPTIONS before GET, it sends 405 ERROR \"Method not allowed. Must be one of: GET\"\n\n```\n$app->group('', function (Group $group) {\n    $group->get('/users', ListUsersAction::class);\n})->add(AuthenticationMiddleware::class);\n```\n");
    assert_eq!(e.place.line, Some(2));
    assert!(
        e.message.contains("got 405") && e.message.contains("Slim: a catch-all"),
        "{e}"
    );
    let e = err("It seems that with windows authentication enabled OPTIONS http requests get 401'ed by the browser, which results in the CORS request failing. This is ASP.NET Core 3.0.\n");
    assert!(
        e.message.contains("got 401") && e.message.contains("IIS CORS module"),
        "{e}"
    );
    let e = err("When I make a PATCH call from my webapp I get an OPTION 403. What do I miss here?\n\nRocket with log = \"debug\" says:\n```\n   >> CORS Error: Headers are not allowed\n```\n");
    assert!(
        e.message.contains("got 403")
            && e.message.contains(
                "CORS layer refused the preflight (its log says \"Headers are not allowed\")"
            ),
        "{e}"
    );
    // The preflight passed: the status is the request's own.
    let e = err("preflight OK, then 504 status - No Access Cntrl Allow on requested resource\n\nI have an express app on Heroku and the POST fails after a while, every time I send it.\n");
    assert!(
        e.message
            .contains("the preflight passed and the request itself got 504")
            && e.message.contains("timed out"),
        "{e}"
    );
    // "500 ms" is a time, not a status.
    let e = err("The OPTIONS request takes 500 ms and then the CORS request fails in the browser every time I try it.\n");
    assert!(!e.message.contains("got 500"), "{e}");
}

/// Well-known APIs that answer no page (Notion's, GitHub's OAuth token endpoint, Google Maps'
/// web services): said first, and the page's own server is the first fix, not headers the
/// reader cannot add; another path of the same host is not said so.
#[test]
fn server_only_apis_are_called_from_a_server() {
    let msg = |url: &str| {
        format!("Access to fetch at '{url}' from origin 'https://site.example.app' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n")
    };
    let r = report(&msg("https://api.notion.com/v1/databases/285e68/query"));
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("Notion's API is not meant to be called from a page"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "same-origin-proxy");
    assert_eq!(
        f.fixes[0].title,
        "Call Notion's API from your server, not from the page"
    );
    assert_eq!(f.fixes.len(), 1, "{:?}", f.fixes);
    // The summary is a sentence: no header-line redaction eats it.
    let r = report(&msg(
        "https://github.com/login/oauth/access_token?client_id=abc&code=xyz",
    ));
    let f = only(&r);
    assert!(
        f.summary
            .contains("exchange the code for the token on your server"),
        "{}",
        f.summary
    );
    let r = report(&msg(
        "https://maps.googleapis.com/maps/api/place/details/json?placeid=ChIJ&key=k",
    ));
    assert!(only(&r).summary.starts_with(
        "Google Maps' web services (Places, Directions, Distance Matrix) are not meant"
    ));
    let r = report(&msg("https://maps.googleapis.com/maps/api/js?key=k"));
    assert!(!only(&r)
        .summary
        .contains("not meant to be called from a page"));
}

/// Anthropic's own refusal of a page's call, its JSON error pasted alone: what it asks for.
#[test]
fn anthropic_browser_access_header() {
    let e = diagnose("Changes to Anthropic API now responds:\n```\n{\n  \"type\": \"error\",\n  \"error\": {\n    \"type\": \"authentication_error\",\n    \"message\": \"CORS requests must set 'anthropic-dangerous-direct-browser-access' header\"\n  }\n}\n```\n", &Options::default()).unwrap_err();
    assert_eq!(e.place.line, Some(7));
    assert!(
        e.message
            .contains("anthropic-dangerous-direct-browser-access: true")
            && e.message.contains("dangerouslyAllowBrowser"),
        "{e}"
    );
}

/// "I enabled CORS in the API Gateway console … the Lambda uses proxy integration": the
/// words describe the setup that answers only the preflight; with the browser's message, it
/// explains the finding and its correction is the one Lambda (Node.js) fix; alone, it is
/// explained at its line. A Lambda's `statusCode: 201,` is no row of German DevTools.
#[test]
fn enable_cors_in_the_console_with_a_proxy_integration_in_words() {
    let words = "I enabled CORS in the API Gateway console for my POST method, but it still fails. The Lambda uses proxy integration.\n";
    let r = report(&format!("{words}\nAccess to fetch at 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/rides' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n"));
    let f = only(&r);
    assert!(
        f.summary.starts_with(
            "The API Gateway console's Enable CORS, as the words describe it (line 1)"
        ),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "lambda-node");
    assert_eq!(
        f.fixes.iter().filter(|x| x.target == "lambda-node").count(),
        1,
        "{:?}",
        f.fixes.iter().map(|x| &x.title).collect::<Vec<_>>()
    );
    let e = diagnose(&format!("{words}\n```\n        callback(null, {{\n            statusCode: 201,\n            body: JSON.stringify({{ RideId: rideId }}),\n            headers: {{\n                'Access-Control-Allow-Origin': '*',\n            }},\n        }});\n```\n"), &Options::default()).unwrap_err();
    assert_eq!(e.place.line, Some(1));
    assert!(
        e.message
            .contains("the function itself must return Access-Control-Allow-Origin"),
        "{e}"
    );
    // Without the proxy integration named, the words alone are no such setup.
    let r = report("I enabled CORS in the API Gateway console for my POST method.\n\nAccess to fetch at 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/rides' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(!only(&r).summary.contains("as the words describe it"));
}

/// A forum post about a Netlify background function, its URL in the code and no browser's
/// message (a Lambda's `statusCode: 202,` in it is no DevTools row): explained at the URL's line.
#[test]
fn netlify_background_function_in_words_and_code() {
    let e = diagnose("I'm getting a CORS error in the browser when I ping a Netlify function, even though my function contains the Access-Control-Allow-Origin header.\n\nreturn {\n            statusCode: 202,\n            headers: {\n                'Access-Control-Allow-Origin': 'https://example.com',\n\nconst url = `https://example.com/.netlify/functions/hello-background`;\n\nawait fetch(url);\n", &Options::default()).unwrap_err();
    assert_eq!(e.place.line, Some(8));
    assert!(e.message.contains("202 Accepted with an empty body"), "{e}");
}

/// Round 25: a redirect captured without Allow-Origin is the redirect's case (its target to
/// call); a value of Allow-Origin that is a host without its scheme is said so; the method's
/// reason retyped in another order is read; one fenced block of httpie output under words is
/// read; API Gateway's execution log is explained alone.
#[test]
fn round_25_redirects_values_and_logs() {
    let r = report("Calling https://endoflife.date/api/springboot.json behaves differently CORS wise.\n\n```\n$ http -h https://endoflife.date/api/springboot.json\nHTTP/1.1 301 Moved Permanently\nAge: 0\nLocation: /api/spring-boot.json\n```\n");
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "redirect");
    assert!(
        f.summary
            .contains("a redirect (301 Moved Permanently) to /api/spring-boot.json"),
        "{}",
        f.summary
    );
    let r = report("Access to fetch at 'https://us-central1-p.cloudfunctions.net/ok' from origin 'https://p.web.app' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header contains the invalid value 'p.web.app'. Have the server send the header with a valid value.\n");
    assert!(
        only(&r)
            .summary
            .contains("must list `https://p.web.app`, not `p.web.app`"),
        "{}",
        only(&r).summary
    );
    let r = report("For enable/disable actions, CORS policy blocked because `PATCH` method is not allowed by `Access-Control-Allow-Methods`. Fix by updating the template.\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MethodDisallowedByPreflightResponse")
    );
    assert_eq!(f.request.method, "PATCH");
    let e = diagnose("CloudWatch logs for one request:\n\n```\n(8d41) Starting execution for request: 8d41\n(8d41) HTTP Method: OPTIONS, Resource Path: /bff\n(8d41) Method request body before transformations: [Binary Data]\n(8d41) Execution failed due to configuration error: Unable to transform request\n(8d41) Method completed with status: 500\n```\n", &Options::default()).unwrap_err();
    assert_eq!(e.place.line, Some(7));
    assert!(
        e.message
            .contains("the preflight (OPTIONS /bff) completed with 500")
            && e.message.contains("CONVERT_TO_TEXT"),
        "{e}"
    );
}

/// A font file fetched by a script or a font loader ("Access to fetch at '….ttf'"): the font
/// files' server rule is the first fix, as for Chrome's "Access to font at"; another file not.
#[test]
fn font_file_fetched_gets_the_font_files_fix() {
    let msg = |file: &str| {
        format!("Access to fetch at 'https://a.example.news/{file}' from origin 'https://example.news' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n")
    };
    let r = report(&msg("Lightningvolt-xoqm.ttf"));
    assert_eq!(only(&r).fixes[0].target, "font-files");
    let r = report(&msg("inter.woff2?v=3"));
    assert_eq!(only(&r).fixes[0].target, "font-files");
    let r = report(&msg("api/items.json"));
    assert_ne!(only(&r).fixes[0].target, "font-files");
}

/// Round 26: a Copy-as-cURL of the preflight with the words' status ("The server responded with
/// a 400 code", "it returns `404`"): what that status means for a preflight leads, with its line
/// as evidence; the headers stay unknown, so the verdict does too. Traefik's YAML list of
/// origins is read (an entry without its scheme, the one meant for the page's origin, said
/// first); Chrome's multiple-values reason without its values is read.
#[test]
fn round_26_words_status_beside_a_pasted_preflight_and_lists() {
    let curl = "curl 'https://www.example.com/graphql' \\\n  -X 'OPTIONS' \\\n  -H 'access-control-request-headers: content-type' \\\n  -H 'access-control-request-method: POST' \\\n  -H 'origin: https://app.example.net' \\\n  --compressed\n";
    let r = report(&format!(
        "Here's the request as Copy as cURL:\n\n{curl}\nThe server responded with a 400 code.\n"
    ));
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("The words say the preflight (OPTIONS) got 400 (line 10)"),
        "{}",
        f.summary
    );
    assert!(
        f.evidence.iter().any(|e| e.contains("(line 10): 400")),
        "{:?}",
        f.evidence
    );
    assert_eq!(f.browser.basis, "incomplete");
    // A GET pasted (no preflight): the words' number is not taken for a preflight's.
    let r = report("Here's the request as Copy as cURL:\n\ncurl 'https://www.example.com/graphql' -H 'origin: https://app.example.net'\n\nThe server responded with a 400 code.\n");
    assert!(!only(&r).summary.contains("The words say"));
    let r = report("Access to XMLHttpRequest at 'https://m8.example/api' from origin 'https://m8.example:1717' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\n```yaml\nhttp:\n  middlewares:\n    restrict_access:\n      headers:\n        accessControlAllowOriginList:\n          - m8.example\n          - m8.example:1717\n```\n");
    let s = &only(&r).summary;
    assert!(
        s.starts_with("The pasted `accessControlAllowOriginList` (line 10) lists `m8.example:1717`, which has no scheme")
            && s.contains("Write `https://m8.example:1717`"),
        "{s}"
    );
    let r = report("The 'Access-Control-Allow-Origin' header contains multiple values, but only one is allowed.\n\nThe cors plugin still adds the headers with no-op.\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
}

/// The preflight's 401 in the words beside a SAM template with a DefaultAuthorizer: SAM's own
/// switch for the OPTIONS methods it makes.
#[test]
fn sam_default_authorizer_on_the_preflight_in_words() {
    let e = diagnose("With Cognito as the DefaultAuthorizer the OPTIONS method is still returning a 401.\n\n```yaml\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      Cors: \"'*'\"\n      Auth:\n        DefaultAuthorizer: MyCognito\n```\n", &Options::default()).unwrap_err();
    assert!(
        e.message.contains("got 401")
            && e.message
                .contains("AddDefaultAuthorizerToCorsPreflight: false"),
        "{e}"
    );
}

/// A gateway's route that matches only some methods (Gloo's `methods:` under a matcher, the
/// Gateway API's `method: GET`) beside its CORS block: the preflight matches no route; said
/// with the words' 404, and as the setup's mistake with the browser's message. A cors() call's
/// own `methods: ['GET', 'POST'],` is no route.
#[test]
fn route_matching_methods_without_options() {
    let yaml = "```yaml\n  virtualHost:\n    options:\n      cors:\n        allowOrigin:\n        - https://app.example.dev\n        allowMethods:\n        - GET\n  routes:\n  - matchers:\n    - methods:\n      - GET\n      - POST\n      prefix: /httpbin\n```\n";
    let e = diagnose(&format!("When path matchers include method matching, OPTIONS pre flight requests fail with 404.\n\n{yaml}"), &Options::default()).unwrap_err();
    assert!(
        e.message.contains("404 here means no route matches the OPTIONS request. The pasted route matches only GET, POST (line 13)"),
        "{e}"
    );
    let r = report(&format!("Access to fetch at 'https://gw.example.dev/httpbin/get' from origin 'https://app.example.dev' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\n{yaml}"));
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("The pasted route matches only GET, POST"),
        "{}",
        f.summary
    );
    // With OPTIONS among the route's methods, or in a script's cors() options, nothing is said.
    let r = report(&format!("Access to fetch at 'https://gw.example.dev/httpbin/get' from origin 'https://app.example.dev' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\n{}", yaml.replace("      - POST\n", "      - POST\n      - OPTIONS\n")));
    assert!(!only(&r).summary.contains("The pasted route matches only"));
    let r = report("Access to fetch at 'https://api.example.dev/x' from origin 'https://app.example.dev' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\napp.use(cors({\n  origin: 'https://app.example.dev',\n  methods: ['GET', 'POST'],\n}));\n");
    assert!(!only(&r).summary.contains("The pasted route matches only"));
}

/// `cors({…});` as a statement inside another middleware (Hono's, Express's): the middleware it
/// returns is never run, said first with the browser's message; run at once
/// (`cors(options)(req, res, next)`) or registered (`app.use('*', cors(…))`), it is no mistake.
#[test]
fn cors_middleware_built_and_never_run() {
    let msg = "> Access to XMLHttpRequest at 'http://localhost:8000/test' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    let dropped = "```javascript\nimport { Hono } from 'hono';\nimport { cors } from 'hono/cors';\n\nconst app = new Hono();\n\napp.use('*', async (c, next) => {\n    cors({\n        origin: c.env.APP_URL,\n        credentials: true\n    });\n    await next();\n});\n```\n";
    let r = report(&format!("{dropped}\n{msg}"));
    let f = only(&r);
    assert!(
        f.summary.starts_with(
            "The pasted `cors({` (line 8) builds the CORS middleware and throws it away"
        ),
        "{}",
        f.summary
    );
    let run = dropped.replace("    });\n    await next();", "    })(c, next);");
    let r = report(&format!("{run}\n{msg}"));
    assert!(!only(&r).summary.contains("throws it away"));
    let registered = "```javascript\nconst cors = require('cors');\napp.use('*', cors({\n    origin: 'http://localhost:3000',\n}));\n```\n";
    let r = report(&format!("{registered}\n{msg}"));
    assert!(!only(&r).summary.contains("throws it away"));
}

/// A handler that answers 405 to every method but the one it serves, with nothing answering
/// OPTIONS before it (a Worker's `request.method !== "POST"`): said first, with the branch to
/// put before it in the handler's own form; the Worker's `async fetch(request, env) {` is its
/// definition, not the page's call.
#[test]
fn method_check_answers_the_preflight_405() {
    let worker = "export default {\n  async fetch(request, env) {\n    if (request.method !== \"POST\") {\n      return new Response(\"Only POST\", { status: 405 });\n    }\n    return Response.json(await request.json(), { headers: { \"Access-Control-Allow-Origin\": \"*\" } });\n  },\n};\n";
    let msg = "Access to fetch at 'https://echo.demo.workers.dev/' from origin 'http://localhost:5173' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n";
    let r = report(&format!("{worker}\n{msg}"));
    let f = only(&r);
    assert!(
        f.summary.starts_with("The pasted handler answers 405 to every method but the one it serves (`if (request.method !== \"POST\") {`, line 3)"),
        "{}",
        f.summary
    );
    assert!(
        f.summary.contains("new Response(null, { status: 204"),
        "{}",
        f.summary
    );
    // (The Worker's own fetch() is no request the page makes: the method stays unknown.)
    assert!(
        f.evidence
            .iter()
            .all(|e| !e.contains("as the page's script makes it")),
        "{:?}",
        f.evidence
    );
    // An OPTIONS branch first: no such mistake.
    let answered = worker.replace(
        "    if (request.method !== \"POST\") {",
        "    if (request.method === \"OPTIONS\") return new Response(null, { status: 204 });\n    if (request.method !== \"POST\") {",
    );
    let r = report(&format!("{answered}\n{msg}"));
    assert!(!only(&r).summary.contains("answers 405 to every method"));
}

/// A status the words give with the preflight named before it is the preflight's, even when a
/// passing answer ("the old server answered OPTIONS with 204") comes later on the line.
#[test]
fn words_status_before_a_passing_answer_is_the_preflights() {
    let e = diagnose(
        "The CDN serves GET and HEAD only and answers 405 to anything else, the preflight OPTIONS included; our old origin answered OPTIONS with 204.\n",
        &Options::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("the words say the preflight (OPTIONS) got 405"),
        "{e}"
    );
    let e = diagnose(
        "The preflight passes with 204, then the POST itself gets 405 from the CDN.\n",
        &Options::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("the words say the preflight passed and the request itself got 405"),
        "{e}"
    );
}

/// Safari's message copied without its full stop is read like the whole one.
#[test]
fn safari_origin_message_without_its_full_stop() {
    let r = report(
        "[Error] Origin http://shop.example.org is not allowed by Access-Control-Allow-Origin\n",
    );
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(f.request.origin.as_deref(), Some("http://shop.example.org"));
}

/// Several different origins in one Access-Control-Allow-Origin: one layer's list, and the
/// fix says so instead of blaming two layers; the same origin twice still names two layers.
#[test]
fn an_origin_list_is_one_layers_not_two() {
    let list = "Access to fetch at 'http://localhost:9000/' from origin 'http://localhost:4200' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header contains multiple values 'http://localhost:4200, http://localhost:8100', but only one is allowed. Have the server send the header with a valid value.\n";
    let r = report(list);
    let text = &only(&r).fixes[0].text;
    assert!(
        text.contains("sent with the whole list of allowed origins"),
        "{text}"
    );
    let twice = list.replace("http://localhost:8100", "http://localhost:4200");
    let r = report(&twice);
    let text = &only(&r).fixes[0].text;
    assert!(text.contains("was sent twice (or as a list)"), "{text}");
}

/// A block the words introduce as what was expected is no capture beside the one that
/// happened: one finding, from the block that happened.
#[test]
fn an_expected_block_is_no_capture() {
    let r = report("What I expected to see:\n```http\naccess-control-allow-origin: http://localhost:3000\n```\n\nWhat I got instead:\n```http\naccess-control-allow-origin: http://localhost:3000,http://10.0.0.5:3000\n```\n");
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
}

/// Firefox's missing Allow-Origin with status 204: the preflight's answer most likely, and the
/// fixes answer the preflight (not "the preflight, if any, passed").
#[test]
fn firefox_missing_allow_origin_with_204_fixes_the_preflight() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://stats.example.net/api. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 204.\n");
    let f = only(&r);
    assert!(
        f.fixes[0]
            .title
            .starts_with("If the preflight (OPTIONS) got that 204 without CORS headers"),
        "{}",
        f.fixes[0].title
    );
    assert!(
        f.fixes[0].text.contains("Preflight: OPTIONS /api"),
        "{}",
        f.fixes[0].text
    );
    assert!(!f.fixes[0].text.contains("the preflight, if any, passed"));
    assert!(!f.fixes[0].text.contains("OPTIONS is rejected"));
}

/// A preflight's 401 with Spring named: Spring Security's http.cors() leads its fix.
#[test]
fn spring_preflight_401_leads_with_spring_security() {
    let r = report("My Angular app calls the Spring Boot backend and I get: Response for preflight has invalid HTTP status code 401\n");
    let f = only(&r);
    let spring = f
        .fixes
        .iter()
        .find(|x| x.target == "spring")
        .expect("a Spring fix");
    assert!(
        spring.title.contains(": Spring Security: http.cors()"),
        "{}",
        spring.title
    );
    assert!(
        spring.text.starts_with("// The preflight got 401"),
        "{}",
        spring.text
    );
}

/// Next.js' and Vite's development servers refusing a host: no CORS refusal, with the setting.
#[test]
fn dev_server_host_checks_are_no_cors_refusal() {
    let e = diagnose("⚠ Blocked cross-origin request to Next.js dev resource /_next/webpack-hmr from \"192.168.1.20\".\n", &Options::default()).unwrap_err().to_string();
    assert!(
        e.contains("not a CORS refusal") && e.contains("allowedDevOrigins"),
        "{e}"
    );
    let e = diagnose("Blocked request. This host (\"demo.trycloudflare.com\") is not allowed.\nTo allow this host, add \"demo.trycloudflare.com\" to `server.allowedHosts` in vite.config.js.\n", &Options::default()).unwrap_err().to_string();
    assert!(
        e.contains("not a CORS refusal") && e.contains("server.allowedHosts"),
        "{e}"
    );
}

/// An Allow-Origin value with one slash after the scheme is no origin any page has: a typo,
/// said so, and no cache story about another page's copy.
#[test]
fn an_allow_origin_with_one_slash_is_a_typo() {
    let r = report("XMLHttpRequest cannot load http://localhost:3000/items.json. The 'Access-Control-Allow-Origin' header has a value 'http:/localhost:8000' that is not equal to the supplied origin. Origin 'http://localhost:8000' is therefore not allowed access.\n");
    let f = only(&r);
    assert!(
        f.summary.contains("one slash after the scheme"),
        "{}",
        f.summary
    );
    assert!(
        !f.summary.contains("another page's origin"),
        "{}",
        f.summary
    );
}

/// Several methods in the words: the one the sentence about the failure names.
#[test]
fn the_method_the_failing_sentence_names() {
    let r = report("I get a CORS error when sending a PUT request to my function. GET requests work fine.\n\nResponse to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_eq!(only(&r).request.method, "PUT");
    // Both in the failing sentence: unknown.
    let r = report("GET works but PUT fails with a CORS error.\n\nResponse to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert_ne!(only(&r).request.method, "PUT");
}

/// A status named beside a preflight that passed and the request that followed: the request's
/// own, not the preflight's; a page's fetch() beside the words is no pasted preflight.
#[test]
fn the_status_of_the_request_after_a_passing_preflight() {
    let r = report("With an expired token the function answers 401. The CORS headers are there on the preflight OPTIONS request but not on the POST that follows, so the page sees a failed fetch instead of the 401.\n\n```js\nfetch(url, { method: 'POST', headers: { Authorization: 'Bearer old', 'Content-Type': 'application/json' } });\n```\n");
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("The words say the preflight passed and the request itself got 401"),
        "{}",
        f.summary
    );
}

/// Words about a CORS error naming the request's status, no browser message: what the status
/// means, not the bare words refusal.
#[test]
fn a_request_status_in_words_is_explained() {
    let e = diagnose("Uploading a big file gives a 413 error (payload too large) and the browser says there is no access-control-allow-origin header.\n", &Options::default()).unwrap_err().to_string();
    assert!(e.contains("the words say the request got 413"), "{e}");
    assert!(e.contains("size limit"), "{e}");
}

/// A placeholder for the host in the pasted message names no host: no note about a
/// container's single-label name.
#[test]
fn a_placeholder_host_gets_no_container_note() {
    let r = report("Access to XMLHttpRequest at 'https://<MY-FUNCTION-URL>' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No\n");
    assert!(
        !only(&r).summary.contains("single name without a domain"),
        "{}",
        only(&r).summary
    );
    // A real single-label host that got no answer still gets it ...
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://backend:8000/api. (Reason: CORS request did not succeed). Status code: (null).\n");
    assert!(
        only(&r).summary.contains("single name without a domain"),
        "{}",
        only(&r).summary
    );
    // ... but not with Chrome's "blocked by CORS policy", even cut short: an answer came, so
    // the name resolved for that browser.
    let r = report("Access to fetch at 'http://backend:8000/api' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No\n");
    assert!(
        !only(&r).summary.contains("single name without a domain"),
        "{}",
        only(&r).summary
    );
}

/// Fix comments as certain as the evidence: "If OPTIONS is rejected" when the status is not
/// known; no "error response" for a 2xx.
#[test]
fn fix_conditions_as_certain_as_the_evidence() {
    let r = report("Access to fetch at 'https://api.example.org/v1/items' from origin 'https://app.example.org' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let generic = only(&r)
        .fixes
        .iter()
        .find(|f| f.target == "generic")
        .expect("generic");
    assert!(
        generic.text.contains("If OPTIONS is rejected (401/403)"),
        "{}",
        generic.text
    );
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.org/v1/items. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.\n");
    let f = only(&r);
    assert!(
        f.fixes[0]
            .title
            .starts_with("If the response lacks CORS headers"),
        "{}",
        f.fixes[0].title
    );
}

/// API Gateway's two 413s behind its CloudFront: the edge's "HTTP content length exceeded
/// 10485760 bytes." is API Gateway's 10 MB limit (not the application's missing headers), and
/// "Request Too Long" the 6 MB a Lambda function can be invoked with.
#[test]
fn api_gateway_size_limits_behind_cloudfront() {
    let edge = "HTTP/2 413\ncontent-type: text; charset=utf-8\ncontent-length: 44\nx-cache: Error from cloudfront\nvia: 1.1 0a1b2c3d4e5f.cloudfront.net (CloudFront)\nx-amz-cf-pop: FRA56-P1\nx-amz-cf-id: abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ==\n\nHTTP content length exceeded 10485760 bytes.\n";
    let r = report(edge);
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "gateway_error");
    assert_eq!(
        f.cause.gateway.map(|g| g.slug()),
        Some("aws-api-gateway-rest")
    );
    assert!(f.summary.contains("REQUEST_TOO_LARGE"), "{}", f.summary);
    let lambda = "HTTP/2 413\ncontent-type: application/json\nx-amzn-requestid: 0f0e0d0c-0b0a-0908-0706-050403020100\nx-amzn-errortype: BadRequestException\nx-amz-apigw-id: AbCdEfGhIjKlMnO=\nx-cache: Error from cloudfront\nvia: 1.1 0a1b2c3d4e5f.cloudfront.net (CloudFront)\n\n{\"message\": \"Request Too Long\"}\n";
    let r = report(lambda);
    let hidden = only(&r)
        .hidden
        .as_ref()
        .map(|h| h.to_string())
        .unwrap_or_default();
    let all = format!("{} {hidden}", only(&r).summary);
    assert!(
        all.contains("6 MB a Lambda function can be invoked with"),
        "{all}"
    );
}

/// A function of the local Supabase stack (`supabase start`, port 54321) is a Supabase Edge
/// Function, as on supabase.co: its own code answers the preflight.
#[test]
fn local_supabase_functions_are_edge_functions() {
    let r = report("Access to fetch at 'http://127.0.0.1:54321/functions/v1/hello' from origin 'http://localhost:5173' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert!(
        f.summary.contains("the address of Supabase's local stack"),
        "{}",
        f.summary
    );
    assert!(
        f.summary.contains("Supabase Edge Function"),
        "{}",
        f.summary
    );
    // Another local port is no Supabase.
    let r = report("Access to fetch at 'http://127.0.0.1:8000/functions/v1/hello' from origin 'http://localhost:5173' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    assert!(
        !only(&r).summary.contains("Supabase"),
        "{}",
        only(&r).summary
    );
}

/// The URL's own flaw (a `//` in its path) leads where the cause is not known, instead of a note
/// after seven generic causes.
#[test]
fn a_doubled_slash_leads_an_unknown_cause() {
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://203.0.113.7:30180//store/items. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing)\n");
    let f = only(&r);
    assert!(
        f.summary.starts_with("The URL's path has `//`"),
        "{}",
        f.summary
    );
}

/// A status the words give beside a preflight's header or method refusal is another request's:
/// the browser checks a preflight's lists only after its status was 2xx (round 29).
#[test]
fn a_words_status_is_no_preflight_status_behind_a_list_refusal() {
    let r = report("Request header field Authorization is not allowed by Access-Control-Allow-Headers in preflight response.\n\nThe list of acceptable headers returned is `Access-Control-Allow-Headers:X-Requested-With, Content-Type, X-Access-Token`\n\nIf I instead use `X-Access-Token` and pass the token, then the call fails with HTTP 401 Unauthorized.\n");
    let f = only(&r);
    assert_eq!(f.cause.status, None, "{:?}", f.cause);
    assert!(
        f.evidence.iter().all(|e| !e.contains("401")),
        "{:?}",
        f.evidence
    );
    // The list the words state is kept in the fix, with the header added.
    assert!(
        f.fixes[0]
            .text
            .contains("Access-Control-Allow-Headers: authorization,content-type,x-access-token,x-requested-with"),
        "{}",
        f.fixes[0].text
    );
    // Beside a refusal that comes before the status check, the status is the preflight's.
    let r = report("Access to fetch at 'https://api.acme.dev/x' from origin 'https://app.acme.dev' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\nThe Network tab shows the OPTIONS request gets 401 Unauthorized.\n");
    assert_eq!(only(&r).cause.status, Some(401));
}

/// The code's own Allow-Methods list, pasted with the message, is kept in the fix (round 29:
/// apimocker's `'GET,PUT,POST,DELETE'` lost PUT and DELETE).
#[test]
fn a_pasted_allow_methods_list_is_kept() {
    let r = report("XMLHttpRequest cannot load http://localhost:7879/api/account. Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response.\n\nThe mock server does res.header('Access-Control-Allow-Methods', 'GET,PUT,POST,DELETE');\n");
    let f = only(&r);
    let line = f.fixes[0]
        .text
        .lines()
        .find(|l| l.starts_with("Access-Control-Allow-Methods:"))
        .unwrap_or_default()
        .to_string();
    for m in ["GET", "PUT", "POST", "DELETE", "PATCH"] {
        assert!(line.contains(m), "{m}: {line}");
    }
}

/// The words saying a response header is not exposed: the page reads it, and the response's
/// Expose-Headers without it is the finding (round 29: cliquet's ETag).
#[test]
fn words_naming_an_unexposed_header_make_it_read() {
    let capture = "HTTP/1.1 304 Not Modified\nAccess-Control-Allow-Origin: http://localhost:8007\nAccess-Control-Expose-Headers: Backoff,Retry-After,Alert,Content-Length\nETag: \"1453892512932\"\nLast-Modified: Wed, 27 Jan 2016 11:01:52 GMT\n";
    let r = report(&format!(
        "It seems the ETag header is not exposed. Confirmed this on dev:\n\n{capture}"
    ));
    let f = only(&r);
    assert_eq!(f.cause.kind.as_str(), "header_not_exposed");
    assert!(f.summary.contains("ETag"), "{}", f.summary);
    assert!(!f.summary.contains("Last-Modified"), "{}", f.summary);
    // Without the words, no header is taken for read.
    let r = report(capture);
    assert_eq!(only(&r).cause.kind.as_str(), "ok");
}

/// Chromium names the Private Network Access sentence (`targeting the `local` address space`)
/// PreflightMissingAllowPrivateNetwork; *AllowExternal was the older header's check.
#[test]
fn private_network_sentence_is_allow_private_network() {
    let r = report("Access to fetch at 'http://192.168.1.10/api' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the `local` address space.\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("PreflightMissingAllowPrivateNetwork")
    );
}

/// Istio's VirtualService with the old `allowOrigin:` list: ignored since 1.6, said first with
/// its correction (round 29: istio#24145).
#[test]
fn istio_allow_origin_is_ignored() {
    let r = report("Access to XMLHttpRequest at 'https://api.example.com/svc/x' from origin 'https://ui.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\napiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nspec:\n  http:\n    - corsPolicy:\n        allowOrigin:\n          - https://ui.example.com\n        allowMethods:\n          - GET\n      route:\n        - destination:\n            host: svc\n");
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("The pasted VirtualService's corsPolicy"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "istio");
    assert!(
        f.fixes[0]
            .text
            .contains("- exact: \"https://ui.example.com\""),
        "{}",
        f.fixes[0].text
    );
    // With allowOrigins, no such mistake.
    let r = report("Access to XMLHttpRequest at 'https://api.example.com/svc/x' from origin 'https://ui.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\napiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nspec:\n  http:\n    - corsPolicy:\n        allowOrigins:\n          - exact: https://ui.example.com\n      route:\n        - destination:\n            host: svc\n");
    assert!(
        !only(&r).summary.contains("allowOrigin:"),
        "{}",
        only(&r).summary
    );
}

/// A `null` origin from a sandboxed iframe the words name: that lead, and no list of generic
/// causes after it (round 29: pmrpc#18).
#[test]
fn sandboxed_iframe_null_origin() {
    let r = report("RPC calls initiated from a sandboxed iframe fail with message:\n\n> No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'null' is therefore not allowed access.\n");
    let f = only(&r);
    assert!(
        f.summary.contains("runs in a sandboxed iframe (line 1)"),
        "{}",
        f.summary
    );
    assert!(f.summary.contains("allow-same-origin"), "{}", f.summary);
    assert!(!f.summary.contains("usual causes"), "{}", f.summary);
}

/// Access-Control-Allow-Origin quoted twice in the words, one with a trailing slash: two layers,
/// and the slash never matches (round 29: rack-cors#55).
#[test]
fn two_allow_origin_values_stated_in_words() {
    let e = diagnose(
        "When making a request, rack-cors is adding both the `Access-Control-Allow-Origin: *` and `Access-Control-Allow-Origin: http://calling-server.example.com/` headers.\n",
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(e.place.line, Some(1));
    assert!(e.message.contains("MultipleAllowOriginValues"), "{e}");
    assert!(
        e.message
            .contains("write `http://calling-server.example.com`"),
        "{e}"
    );
}

/// Allow-Origin with one origin beside `*`: the fix names that origin, not a placeholder
/// (round 29: silex-cors-provider#13).
#[test]
fn an_origin_beside_a_star_is_the_fix_origin() {
    let r = report("`The 'Access-Control-Allow-Origin' header contains multiple values 'http://manager-spa.inbep.com.br, *', but only one is allowed.`\n");
    let f = only(&r);
    assert!(
        f.fixes[0]
            .text
            .contains("Access-Control-Allow-Origin: http://manager-spa.inbep.com.br"),
        "{}",
        f.fixes[0].text
    );
}

/// A status after "shows" in the words, and a line quoting the response's JSON body, are words
/// (round 29).
#[test]
fn a_status_the_network_tab_shows() {
    let r = report("Access to XMLHttpRequest at 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/report' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\nIn the network tab the request shows 504 and the response is {\"message\": \"Endpoint request timed out\"}.\n");
    assert_eq!(only(&r).cause.status, Some(504));
}

/// "API-Gateway" names AWS API Gateway too: a credentials refusal gets the Lambda's fix first
/// (round 29: localstack#4689).
#[test]
fn hyphenated_api_gateway_is_named() {
    let r = report("Allow credentials for API-Gateway integrations.\n\nThe value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.\n");
    assert!(
        only(&r).fixes[0].target.starts_with("lambda-"),
        "{:?}",
        only(&r).fixes[0].title
    );
}

/// A documentation block pasted beside the message (MDN's syntax lines, `<origin>`) is no
/// response: the browser's own message is the verdict (round 30: expressjs/cors#232).
#[test]
fn documentation_syntax_lines_are_no_capture() {
    let r = report("Access to XMLHttpRequest at '****' from origin '***' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header contains the invalid value 'false'.\n\nhttps://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Access-Control-Allow-Origin\n\n```\nSyntax\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Origin: <origin>\nAccess-Control-Allow-Origin: null\n```\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("PreflightInvalidAllowOriginValue")
    );
}

/// Firefox's message wrapped over lines (a commit message) keeps its URL and status (round 30:
/// osm-gimmisn#4992).
#[test]
fn a_wrapped_firefox_message_is_joined() {
    let r = report("Fixes:\n\"Cross-Origin Request Blocked: The Same Origin Policy disallows reading\nthe remote resource at\nhttps://osm.example.hu/osm/geojson.json.\n(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status\ncode: 200.\"\nin the Firefox devtools console.\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://osm.example.hu/osm/geojson.json");
    assert_eq!(f.cause.status, Some(200));
}

/// A WebSocket's refused handshake beside a same-origin header block: the browser's message is
/// explained, not "no cross-origin request" (round 30: flower#660).
#[test]
fn a_browser_message_beside_same_origin_headers() {
    let e = diagnose("```\nGET /api/events/ HTTP/1.1\nUpgrade: websocket\nConnection: Upgrade\nHost: 192.168.1.193:9100\nOrigin: http://192.168.1.193:9100\n```\n\n`VM792:35 WebSocket connection to 'ws://192.168.1.193:9100/api/events/' failed: Error during WebSocket handshake: Unexpected response code: 403`\n", &Options::default()).unwrap_err();
    assert!(e.message.contains("WebSocket handshake"), "{e}");
    assert!(e.message.contains("check_origin"), "{e}");
}

/// A frame reached from another origin's script: the same-origin policy, postMessage (round
/// 30: Browser-Phone#510).
#[test]
fn a_cross_origin_frame_is_no_cors_check() {
    let e = diagnose(
        "Blocked a frame with origin * from accessing a cross-origin frame.\n\nI've embedded the iframe in a web site. How to resolve this?\n",
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(e.place.line, Some(1));
    assert!(e.message.contains("postMessage"), "{e}");
}

/// An Electron window's `file://` origin: the main process makes the call (round 30:
/// electron#1990).
#[test]
fn electron_file_origin() {
    let r = report("Fetch API cannot load https://foobar.com/YadaYada. No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'file://' is therefore not allowed access.\n\nI have also set the following as my browser-window options:\n\n    'web-preferences': {\n      'web-security': false\n    }\n");
    let f = only(&r);
    assert!(
        f.summary
            .starts_with("The page's origin is `null`: it is an Electron window"),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("cordova"), "{}", f.summary);
}

/// An analytics host or a named content blocker behind Firefox's "CORS request did not
/// succeed": the blocker, and the page's fix (round 30: FirefoxColor#256).
#[test]
fn a_content_blocker_cancels_an_analytics_call() {
    let r = report("Noticed with uBlock Origin and DDG Privacy Essentials add-on:\n\nCross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://www.google-analytics.com/collect. (Reason: CORS request did not succeed).\n");
    let f = only(&r);
    assert!(
        f.summary.starts_with("The URL is google-analytics.com's"),
        "{}",
        f.summary
    );
    assert_eq!(f.fixes[0].target, "client");
    // Another host and no blocker named: no such lead.
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.acme.dev/x. (Reason: CORS request did not succeed).\n");
    assert!(
        !only(&r).summary.contains("content blocker"),
        "{}",
        only(&r).summary
    );
}

/// Cloudflare R2 named in the words: the bucket's CORS rules, with S3's five methods only
/// (round 30: notifuse#9).
#[test]
fn r2_named_gets_the_bucket_rules() {
    let r = report("When trying to configure file storage with Cloudflare R2 (using its S3-compatible endpoint) I get TypeError: Failed to fetch.\n\nIn the developer console, the \"Status\" column shows:\nPreflightMissingAllowOriginHeader\n");
    let f = only(&r);
    assert_eq!(f.fixes[0].target, "r2-cors", "{:?}", f.fixes[0].title);
    assert!(!f.fixes[0].text.contains("PATCH"), "{}", f.fixes[0].text);
}

/// Kong's Admin API calls are configuration, not the page's requests; preflight_continue=true
/// is said, with its correction (round 29: kong#3735).
#[test]
fn kong_admin_calls_and_preflight_continue() {
    let r = report("```\ncurl -i -X POST --url http://kong:8001/services --data 'name=api' --data 'url=http://api:8092'\n\ncurl -X GET --url http://kong:8000/api --header 'Host: dev.example.com'\n```\n\nWe used following curl command to enable cors:\n\n`curl -i -X POST --url http://kong:8001/services/api/plugins --data \"name=cors\" --data \"config.origins=*\" --data \"config.preflight_continue=true\"`\n");
    let f = only(&r);
    assert_eq!(f.request.url, "http://kong:8000/api");
    assert!(f.summary.contains("preflight_continue"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "kong");
}

/// A sentence that opens with a CORS header's name is words, not a header of a request
/// (round 31: inthe.am#276 had become a request with the method "GET is a culprit here …").
#[test]
fn a_cors_header_name_opening_a_sentence_is_words() {
    let r = report("Access-Control-Request-Method: GET is a culprit here, as soon as I mention it, I get 500\n\n```\nOPTIONS /api/v2/tasks/ HTTP/1.1\nAccess-Control-Request-Method: GET\nHost: inthe.am\n\nHTTP/1.1 500 INTERNAL SERVER ERROR\nContent-Type: text/html\nServer: nginx/1.8.1\n\n<h1>Server Error (500)</h1>\n```\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://inthe.am/api/v2/tasks/");
    assert_eq!(f.cause.status, Some(500));
}

/// A placeholder in the message's URL (`https://<server-url>/…`, `((url))`) names no host
/// (round 31).
#[test]
fn a_placeholder_url_is_no_url() {
    let r = report("Access to XMLHttpRequest at 'https://<server-url>/api/token/' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.\n");
    assert_eq!(only(&r).request.url, "");
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ((url)). (Reason: CORS preflight response did not succeed)\n");
    assert_eq!(only(&r).request.url, "");
}

/// The browser saw Access-Control-Allow-Origin twice: lines beside its message without that
/// header (a dev server's proxy settings read as headers) cannot overrule it (round 31:
/// arco-work#4).
#[test]
fn a_value_check_is_not_overruled_by_headers_without_the_header() {
    let r = report("server: {\n    proxy: {\n      target: 'http://jsonplaceholder.typicode.com',\n      changeOrigin: true,\n    },\n  },\nAccess to XMLHttpRequest at 'http://192.168.2.103:8080/api/rpc/sp_login' from origin 'http://127.0.0.1:5173' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header contains multiple values 'http://127.0.0.1:5173, http://127.0.0.1:5173', but only one is allowed.\nxhr.js:210          POST http://192.168.2.103:8080/api/rpc/sp_login net::ERR_FAILED 200\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("MultipleAllowOriginValues")
    );
}

/// Elasticsearch's CORS turned on without an allowed origin: every request with Origin gets 403
/// (round 31: elasticsearch#22326); a 403 in words is not said to be authentication alone.
#[test]
fn elasticsearch_cors_without_allow_origin() {
    let e = diagnose(
        "As soon as the line `http.cors.enabled: true` is added to elasticsearch.yml and the server restarted, queries begin to return 403.\n",
        &Options::default(),
    )
    .unwrap_err();
    assert!(e.message.contains("http.cors.allow-origin"), "{e}");
    let e = diagnose(
        "The CORS error again: the request gets a 403 error from the server.\n",
        &Options::default(),
    )
    .unwrap_err();
    assert!(e.message.contains("CORS layer refusing"), "{e}");
}

/// Firefox's Opaque Response Blocking is not a CORS check (round 31: minio#21004).
#[test]
fn opaque_response_blocking_is_no_cors_check() {
    let e = diagnose(
        "I load the image from http://localhost:9001/browser/bucket/image.jpeg\n\ncode 200 but \"A resource is blocked by OpaqueResponseBlocking, please check browser console for details.\" error message.\n",
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(e.place.line, Some(3));
    assert!(e.message.contains("Opaque Response Blocking"), "{e}");
}

/// Safari's "due to access control checks" names no check: said so (round 31:
/// communities#178).
#[test]
fn safari_access_control_checks_is_vague() {
    let r = report(
        "> Fetch API cannot load https://localhost:3000/api/users due to access control checks.\n",
    );
    let f = only(&r);
    assert!(f.summary.contains("names no check"), "{}", f.summary);
}

/// Appwrite's API: the project's Web platforms are its allow-list, not "only its owner can add
/// these headers" (round 31: appwrite#7508).
#[test]
fn appwrite_platforms_are_the_allow_list() {
    let r = report("sign-up:1 Access to XMLHttpRequest at 'https://cloud.appwrite.io/v1/account/sessions/email' from origin 'http://localhost:5173' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert!(
        f.summary.starts_with("The API is Appwrite's"),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("only its owner"), "{}", f.summary);
    assert_eq!(f.fixes[0].target, "appwrite");
    assert!(
        f.fixes[0].text.contains("Hostname: localhost"),
        "{}",
        f.fixes[0].text
    );
}

/// Settings pasted alone with an origin that never matches: that entry, at its line, instead
/// of "not a HAR file" (round 31: django-todo-react#9).
#[test]
fn settings_alone_with_an_entry_that_never_matches() {
    let e = diagnose(
        "    CORS_ORIGIN_WHITELIST = (\n         'localhost:3000/'\n     )\n",
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(e.place.line, Some(2));
    assert!(e.message.contains("Write `http://localhost:3000`"), "{e}");
    // Settings whose entries all match: the refusal as it was.
    let e = diagnose(
        "CORS_ORIGIN_WHITELIST = [\n'http://localhost:3000',\n]\n",
        &Options::default(),
    )
    .unwrap_err();
    assert!(!e.message.contains("never matches"), "{e}");
}

/// axios' defaults set in the pasted code are headers of its calls: the fix's Allow-Headers
/// names Authorization (round 31: axios#262).
#[test]
fn axios_default_headers_are_the_calls() {
    let r = report("\"XMLHttpRequest cannot load http://localhost:3002/api/users. Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:3005' is therefore not allowed access. The response had HTTP status code 404.\"\n\naxios.defaults.baseURL = ROOT_URL;\naxios.defaults.headers.common['Authorization'] = AUTH_TOKEN;\naxios.defaults.headers.post['Content-Type'] = 'application/json;charset=utf-8';\n\n  axios.get('/api/users').then(function(response) {\n    console.log(response.data);\n  });\n");
    let f = only(&r);
    let allow = f.fixes[0]
        .text
        .lines()
        .find(|l| l.starts_with("Access-Control-Allow-Headers:"))
        .unwrap_or_default()
        .to_string();
    assert!(allow.contains("authorization"), "{allow}");
    // The POST default is not the GET's.
    assert!(!allow.contains("content-type"), "{allow}");
}

/// Chrome's message retyped with the URL and origin in double quotes, straight or typographic
/// (and the reason's header name in typographic single quotes): read as Chrome's, with its
/// reason, instead of refused as an incomplete message.
#[test]
fn message_retyped_with_double_quotes() {
    for (text, error) in [
        (
            "I get this error: \"Access to fetch at \"https://api.acme.dev/c\" from origin \"http://localhost:3000\" has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\"\n",
            "MissingAllowOriginHeader",
        ),
        (
            "Access to XMLHttpRequest at \u{201c}https://api.acme.dev/c\u{201d} from origin \u{201c}http://localhost:3000\u{201d} has been blocked by CORS policy: Response to preflight request doesn\u{2019}t pass access control check: No \u{2018}Access-Control-Allow-Origin\u{2019} header is present on the requested resource.\n",
            "PreflightMissingAllowOriginHeader",
        ),
    ] {
        let r = report(text);
        let f = only(&r);
        assert_eq!(f.request.url, "https://api.acme.dev/c", "{text}");
        assert_eq!(f.request.origin.as_deref(), Some("http://localhost:3000"));
        assert_eq!(f.browser.cors_error.as_deref(), Some(error), "{text}");
    }
}

/// Chrome's and Firefox's messages for the same request (a report that tried both browsers)
/// are one finding: Chrome's reason, Firefox's status (which Chrome hides). Two URLs stay two.
#[test]
fn chrome_and_firefox_messages_for_one_request() {
    let chrome = "Access to fetch at 'https://api.acme.dev/v1/items' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let firefox = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.acme.dev/v1/items. (Reason: CORS header \u{2018}Access-Control-Allow-Origin\u{2019} missing). Status code: 502.";
    for text in [
        format!("Chrome:\n{chrome}\n\nFirefox:\n{firefox}\n"),
        format!("Firefox:\n{firefox}\n\nChrome:\n{chrome}\n"),
    ] {
        let r = report(&text);
        let f = only(&r);
        assert_eq!(
            f.browser.cors_error.as_deref(),
            Some("MissingAllowOriginHeader")
        );
        assert_eq!(
            f.browser.firefox.as_deref(),
            Some("CORSMissingAllowOrigin2")
        );
        assert_eq!(f.cause.status, Some(502), "{text}");
    }
    let other = firefox.replace("/v1/items", "/v1/users");
    let r = report(&format!("{chrome}\n{other}\n"));
    assert_eq!(r.findings.len(), 2);
}

/// Chrome's Private Network Access sentence retyped without its backticks ("… targeting the
/// local address space.") is still PreflightMissingAllowPrivateNetwork.
#[test]
fn private_network_sentence_without_backticks() {
    let r = report("The error typically appears as:\n```\nAccess to fetch at 'http://localhost:8888/api/kernels' from origin 'https://notebooks.example.org' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the local address space.\n```\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowPrivateNetwork")
    );
    assert_eq!(f.browser.failed_parameter.as_deref(), Some("local"));
}

/// Chrome's message retyped by hand: the URL and origin without quotes, the reason in lower
/// case and the header's name unquoted. Read as Chrome's, reason included.
#[test]
fn message_retyped_without_quotes_in_lower_case() {
    let r = report("I get\n```\nAccess to fetch at http://127.0.0.1:3000/rpc.Service/Func from origin http://localhost:5173 has been blocked by CORS policy: response to preflight request doesn't pass access control check: No Access-Control-Allow-Origin header is present on the requested resource. If an opaque response serve your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disable\n```\n");
    let f = only(&r);
    assert_eq!(f.request.url, "http://127.0.0.1:3000/rpc.Service/Func");
    assert_eq!(f.request.origin.as_deref(), Some("http://localhost:5173"));
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
}

/// A sentence with a URL in it is words ("opening https://… in the browser returns a 502 bad
/// gateway"): its status is read (the scheme's colon made it a "label: value" field).
#[test]
fn status_in_a_sentence_holding_a_url() {
    let r = report("opening https://beta.api.example.org/graphql/v1beta in the browser returns a 502 bad gateway\n\nAccess to fetch at 'https://beta.api.example.org/graphql/v1beta' from origin 'http://localhost:8080' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n");
    let f = only(&r);
    assert_eq!(f.cause.status, Some(502));
    assert!(f.summary.contains("502"), "{}", f.summary);
}

/// A non-HTTP URL with a user and password (an SDK's credentials string) is said as such,
/// not as a page opened from a file, and its secret is redacted everywhere, the rebuilt
/// console lines included; `s3://` is a bucket's CLI address.
#[test]
fn credentials_url_and_bucket_scheme() {
    let r = report("student-register:1 Access to XMLHttpRequest at 'cloudinary://8395584448:qj8cuTFpXSv9qo2g@pharmacy' from origin 'http://localhost:3000' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: http, data, isolated-app, chrome-extension, chrome, https, chrome-untrusted.\n");
    let f = only(&r);
    assert_eq!(f.browser.cors_error.as_deref(), Some("CorsDisabledScheme"));
    assert!(f.summary.contains("credentials string"), "{}", f.summary);
    assert!(!f.summary.contains("local web server"), "{}", f.summary);
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("qj8cuTFpXSv9qo2g"), "{json}");
    let r = report("Access to fetch at 's3://my-bucket/data.json' from origin 'https://app.acme.dev' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: http, data, isolated-app, chrome-extension, chrome, https, chrome-untrusted.\n");
    assert!(only(&r).summary.contains("s3.REGION.amazonaws.com"));
}

/// The browser names only the first header it refused; a client library's headers come
/// together (gRPC-Web: x-grpc-web, x-user-agent, content-type, grpc-timeout; its status read
/// from grpc-status/grpc-message): the fix allows and exposes the family, not one header.
#[test]
fn refused_library_header_brings_its_family() {
    let r = report("Access to fetch at 'http://localhost:9091/cosmos.bank.v1beta1.Query/Params' from origin 'http://localhost:8081' has been blocked by CORS policy: Request header field x-grpc-web is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    let f = only(&r);
    let headers_fix = f
        .fixes
        .iter()
        .find(|x| x.text.contains("Access-Control-Allow-Headers:"))
        .expect("the headers fix");
    assert!(
        headers_fix.text.contains(
            "Access-Control-Allow-Headers: content-type,grpc-timeout,x-grpc-web,x-user-agent"
        ),
        "{}",
        headers_fix.text
    );
    assert!(
        headers_fix
            .text
            .contains("Access-Control-Expose-Headers: grpc-status,grpc-message"),
        "{}",
        headers_fix.text
    );
    // A header of no known library stays alone.
    let r = report("Access to fetch at 'https://api.acme.dev/x' from origin 'http://localhost:8081' has been blocked by CORS policy: Request header field x-tenant is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    let f = only(&r);
    assert!(f
        .fixes
        .iter()
        .any(|x| x.text.contains("Access-Control-Allow-Headers: x-tenant\n")));
}

/// "It was working fine" said of a server-side app, Postman or curl is no change over time:
/// now the browser enforces CORS (no "a change on the server's side is likelier" sentence).
#[test]
fn worked_elsewhere_is_not_worked_before() {
    let msg = "Access to fetch at 'https://auth.example.org/auth/token' from origin 'https://localhost:44327' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let r = report(&format!("I had a server-side app that was working fine. Turning it into a client-side Blazor app, nothing worked.\n\n{msg}\n"));
    assert!(
        !only(&r).summary.contains("worked before"),
        "{}",
        only(&r).summary
    );
    let r = report(&format!(
        "It was working fine yesterday and suddenly stopped.\n\n{msg}\n"
    ));
    assert!(
        only(&r).summary.contains("worked before"),
        "{}",
        only(&r).summary
    );
}

/// A page of origin `null` calling a public host: besides the null lead, the host may be
/// someone else's ("If you do not run …"); Cloudflare's API answers no page at all.
#[test]
fn null_origin_keeps_the_third_party_hint() {
    let msg = |url: &str| {
        format!("Access to fetch at '{url}' from origin 'null' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n")
    };
    let r = report(&msg("https://api.acme-data.io/v2/graphql"));
    let s = &only(&r).summary;
    assert!(s.contains("origin is `null`"), "{s}");
    assert!(s.contains("If you do not run api.acme-data.io"), "{s}");
    let r = report(&msg("http://localhost:4000/graphql"));
    assert!(!only(&r).summary.contains("If you do not run"));
    let r = report(&msg("https://api.cloudflare.com/client/v4/graphql"));
    assert!(
        only(&r)
            .summary
            .starts_with("Cloudflare's API is not meant to be called from a page"),
        "{}",
        only(&r).summary
    );
}

/// Words naming a content script or userscript: its fetch has the page's origin (a site the
/// user does not run), so that is said first, with the background service worker's way, and
/// not the "deployed site calling localhost" note.
#[test]
fn content_script_fetch_is_said_first() {
    let r = report("Access to fetch at 'http://127.0.0.1:3030/server_info' from origin 'https://www.google.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\nMy extension's content script makes this call.\nhttps://www.chromium.org/Home/chromium-security/extension-content-script-fetches/\n");
    let s = &only(&r).summary;
    assert!(s.starts_with("The words name a content script"), "{s}");
    assert!(s.contains("host_permissions"), "{s}");
    assert!(!s.contains("development default"), "{s}");
}

/// Chrome's older "Failed to load U: …" message wrapped over indented lines (mid-sentence,
/// then "Origin '…' is therefore not allowed access. The response had HTTP status code 401.")
/// is read whole: the preflight's 401 and the origin, not a response's 401 from nowhere.
#[test]
fn old_chrome_message_wrapped_over_lines() {
    let r = report("So when I try to access it I get a CORS error:\n\n    Failed to load http://192.168.10.10/server/remote.php/webdav/: Response to preflight request doesn't \n    pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. \n    Origin 'http://localhost:1337' is therefore not allowed access. The response had HTTP status code 401.\n\nWhat's the appropriate way to solve this?\n");
    let f = only(&r);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("PreflightMissingAllowOriginHeader")
    );
    assert_eq!(f.request.origin.as_deref(), Some("http://localhost:1337"));
    assert_eq!(f.cause.status, Some(401));
    assert_eq!(f.cause.stage, Some(whycors::verdict::Stage::Preflight));
}

/// Ollama refusing the OpenAI SDK's x-stainless-* header: its header list is fixed, so the
/// lead and first fix say that (not OLLAMA_ORIGINS, which changes nothing here); the fix
/// allows the SDK's whole family where a server can be changed.
#[test]
fn ollama_refusing_a_header_is_not_an_origin_setting() {
    let r = report("Access to fetch at 'http://localhost:11434/v1/chat/completions' from origin 'http://localhost' has been blocked by CORS policy: Request header field x-stainless-os is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    let f = only(&r);
    assert!(
        f.summary.contains("fixed list of request headers"),
        "{}",
        f.summary
    );
    assert!(!f.summary.contains("Set OLLAMA_ORIGINS"), "{}", f.summary);
    assert!(
        f.fixes[0].title.contains("do not send x-stainless-*"),
        "{}",
        f.fixes[0].title
    );
    assert!(
        !f.fixes[0].text.contains("<redacted>"),
        "{}",
        f.fixes[0].text
    );
    // Another library's header: the one refused is named, not one of its family's.
    let r = report("Access to fetch at 'http://localhost:11434/api/chat' from origin 'http://localhost' has been blocked by CORS policy: Request header field x-grpc-web is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    let f = only(&r);
    assert!(
        f.fixes[0].title.ends_with("do not send x-grpc-web"),
        "{}",
        f.fixes[0].title
    );
    // Another server: the SDK's family allowed together.
    let r = report("Access to fetch at 'https://llm.acme.dev/v1/chat/completions' from origin 'app://obsidian.md' has been blocked by CORS policy: Request header field x-stainless-os is not allowed by Access-Control-Allow-Headers in preflight response.\n");
    let f = only(&r);
    assert!(
        f.fixes
            .iter()
            .any(|x| x.text.contains("x-stainless-retry-count")),
        "{:?}",
        f.fixes.iter().map(|x| &x.title).collect::<Vec<_>>()
    );
}

/// A message cut short before its reason, about Ollama (its URL or the words): Ollama's own
/// setting is the fix (no fix had been given), and no "a container's name does not resolve"
/// note when Chrome's "blocked by CORS policy" shows an answer came.
#[test]
fn reasonless_message_about_ollama_gets_its_fix() {
    let r = report("We run a remote Ollama server.\nAccess to fetch at 'https://ollama-1/api/tags' from origin 'chrome-extension://gfnkjppnnkcicmmnfpmhmcjplpfdecfn' has been blocked by CORS policy\n");
    let f = only(&r);
    assert!(
        f.fixes
            .first()
            .is_some_and(|x| x.text.contains("OLLAMA_ORIGINS=chrome-extension://*")),
        "{:?}",
        f.fixes.iter().map(|x| &x.title).collect::<Vec<_>>()
    );
    assert!(!f.summary.contains("Docker"), "{}", f.summary);
}

/// The Private Network Access sentence cut before its address space is still that error.
#[test]
fn private_network_sentence_cut_short() {
    let r = report("Access to fetch at 'http://localhost:1234/v1/models' from origin 'https://chat.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting\n");
    assert_eq!(
        only(&r).browser.cors_error.as_deref(),
        Some("PreflightMissingAllowPrivateNetwork")
    );
}

/// Servers' own refusals quoted alone: Anthropic's organization setting (the page read the
/// 401, so CORS passed) and ComfyUI's Host/Origin check behind a proxy.
#[test]
fn anthropic_organization_and_comfyui_host_check() {
    let e = whycors::diagnose("### Error Message\n```json\n{\n  \"type\": \"error\",\n  \"error\": {\n    \"type\": \"authentication_error\",\n    \"message\": \"CORS requests are not allowed for this Organization because of its settings. If you believe this in error, contact support at https://support.anthropic.com/.\"\n  }\n}\n```\n", &whycors::Options::default()).unwrap_err();
    assert!(
        e.message
            .contains("organization's settings forbid calls from browsers"),
        "{e}"
    );
    assert!(!e.message.contains("token or cookie"), "{e}");
    let e = whycors::diagnose("WARNING: request with non matching host and origin 100.65.18.228 != abc-8188.proxy.runpod.net, returning 403\n", &whycors::Options::default()).unwrap_err();
    assert!(e.message.contains("proxy_set_header Host $host"), "{e}");
}

/// Self-hosted servers named in the words or their settings get their own setting first:
/// Home Assistant's cors_allowed_origins, Jupyter's allow_origin, Matomo's cors_domains[].
#[test]
fn self_hosted_servers_named_get_their_setting() {
    let msg = "Access to fetch at 'https://box.example.net:8123/api/states' from origin 'https://dash.example.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    for (words, target, setting) in [
        ("My Home Assistant config:\nhttp:\n  cors_allowed_origins:\n    - https://dash.example.org/\n", "home-assistant", "cors_allowed_origins:\n    - https://dash.example.org"),
        ("I started Jupyter with --NotebookApp.allow_origin='*' but still:\n", "jupyter", "--ServerApp.allow_origin='https://dash.example.org'"),
        ("Our Matomo tracker fails:\n", "matomo", "cors_domains[] = \"https://dash.example.org\""),
    ] {
        let r = report(&format!("{words}\n{msg}\n"));
        let f = only(&r);
        assert_eq!(f.fixes[0].target, target, "{words}");
        assert!(f.fixes[0].text.contains(setting), "{}", f.fixes[0].text);
    }
}

/// An axios call chained over lines ("axios\n  .post(endpoint, data, { headers })") with its
/// URL in a variable: its method and headers are the request's.
#[test]
fn axios_chain_over_lines_is_read() {
    let r = report("http://localhost:8069/api/project.budget/ 405 (METHOD NOT ALLOWED)\nAccess to XMLHttpRequest at 'http://localhost:8069/api/project.budget/' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\n    createProject() {\n      const endpoint = 'http://localhost:8069/api/project.budget/'\n      axios\n        .post(endpoint, this.project, {\n          headers: {\n            session_id: 'abc'\n          }\n        })\n    }\n");
    let f = only(&r);
    assert_eq!(f.request.method, "POST");
    assert!(
        f.fixes
            .iter()
            .any(|x| x.text.contains("Access-Control-Allow-Headers: session_id")),
        "{:?}",
        f.fixes.iter().map(|x| &x.text).collect::<Vec<_>>()
    );
}

/// The words say which call the capture is ("Details in case of withCredentials: true is
/// used:"), while the code beside it has the option commented out: the capture is the
/// credentialed call, so `*` fails it (a wrong "allowed" had been given).
#[test]
fn credentials_stated_in_words_beside_code_without_them() {
    let r = report("I get a cross-site error if the property is set to true.\n\n```\naxios({\n    baseURL: 'http://time.example.com/',\n    url: '',\n    //withCredentials: true, <- this makes CORS error!\n    method: 'get'\n})\n```\n\nDetails in case of withCredentials: true is used:\n\n**Request Headers**\nGET / HTTP/1.1\nHost: time.example.com\nAccept: application/json, text/plain, */*\norigin: http://localhost:8080\n\n**Response Headers**\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *\nContent-Type: application/json\n");
    let f = only(&r);
    assert!(f.browser.blocked);
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("WildcardOriginNotAllowed")
    );
}

/// MDN's link for Firefox's error beside the whole message is the same failure, not a second
/// request with an empty value ("Access-Control-Allow-Origin says ‘’" had been said).
#[test]
fn mdn_link_beside_the_message_is_no_second_request() {
    let r = report("This is the linked article: https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS/Errors/CORSAllowOriginNotMatchingOrigin?utm_source=devtools\n\nFull error:\n`Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.org/data.json?json. (Reason: CORS header \u{201c}Access-Control-Allow-Origin\u{201d} does not match \u{201c}api.example.org\u{201d}).`\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.org/data.json?json");
}

/// Another Firefox version's translation spacing its words otherwise (Turkish "üstbilgisi"
/// for today's "üst bilgisi"), with straight quotes: still that reason.
#[test]
fn older_translation_spaced_otherwise() {
    let r = report("Çapraz köken isteği engellendi: Aynı Köken İlkesi, https://il-api.example.com/v1/cities üzerindeki uzak kaynağın okunmasına izin vermiyor. (Sebep: CORS üstbilgisi 'Access-Control-Allow-Origin' eksik.)\n");
    let f = only(&r);
    assert_eq!(
        f.browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
    assert_eq!(f.request.url, "https://il-api.example.com/v1/cities");
}

/// Chrome's message quoted with "> " on each line (Markdown, e-mail): read whole, its URL
/// without the next line's quote mark (it had become `…/language_list' >`).
#[test]
fn message_quoted_over_lines() {
    let r = report("上記のようなスクリプトを実行すると、次のようなエラーが出て\n\n> Access to fetch at 'https://api.example.com/v3/language_list'\n> from origin 'https://contest.example.jp' has been blocked by CORS policy:\n> No 'Access-Control-Allow-Origin' header is present on the requested resource.\n> If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.\n");
    let f = only(&r);
    assert_eq!(f.request.url, "https://api.example.com/v3/language_list");
    assert_eq!(
        f.request.origin.as_deref(),
        Some("https://contest.example.jp")
    );
    assert_eq!(
        f.browser.cors_error.as_deref(),
        Some("MissingAllowOriginHeader")
    );
    // curl -v's "> " request lines stay as they are.
    let r = report("> GET /v1/items HTTP/1.1\n> Host: api.example.com\n> Origin: https://app.example.com\n>\n< HTTP/1.1 200 OK\n< Content-Type: application/json\n<\n");
    assert!(only(&r).browser.blocked);
}

/// Firefox's "does not match" with the API's own origin as the value: the header must name
/// the page's origin, which is another one (no "if the page is served from <the API>").
#[test]
fn allow_origin_naming_the_apis_own_origin() {
    let r = report("Запрос из постороннего источника заблокирован: Политика одного источника запрещает чтение удаленного ресурса на http://localhost:8888/. (Причина: заголовок CORS 'Access-Control-Allow-Origin' не совпадает с 'http://localhost:8888/').\n");
    let s = &only(&r).summary;
    assert!(s.contains("the API's own origin"), "{s}");
    assert!(!s.contains("if the page is served from"), "{s}");
}

/// A request line whose target is no path ("OPTIONS redacted1url HTTP/1.1", a redaction) is
/// not glued to its Host into a made-up URL, nor judged as a redirect "to another host".
#[test]
fn redacted_request_target_makes_no_url() {
    let r = report("Chrome developer tools console shows this error:\nAccess to XMLHttpRequest at 'http://redacted1' from origin 'http://redacted2' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.\nHeader info in dev tools:\nGeneral:\nRequest URL: http://redacted1\nRequest Method: OPTIONS\nStatus Code: 302 Redirect\nResponse Headers:\nHTTP/1.1 302 Redirect\nContent-Type: text/html; charset=UTF-8\nLocation: https://redacted1\nServer: Microsoft-IIS/8.5\nRequest Headers:\nOPTIONS redacted1url HTTP/1.1\nHost: redacted1host\nConnection: keep-alive\nAccess-Control-Request-Method: GET\nOrigin: http://redacted2\n");
    for f in &r.findings {
        assert!(
            !f.request.url.contains("redacted1hostredacted1url"),
            "{}",
            f.request.url
        );
        assert!(
            !f.summary.contains("same path on another host"),
            "{}",
            f.summary
        );
    }
}

/// A preflight redirected with no server capture: the browser or an extension (Brave
/// Shields, an ad blocker, HSTS' internal redirect) is among the causes, first when the words
/// name a shield or blocker.
#[test]
fn preflight_redirect_by_the_browser_or_a_shield() {
    let msg = "Access to fetch at 'https://api.example.net/v1/items' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.";
    let r = report(&format!("{msg}\n"));
    assert!(
        only(&r).summary.contains("307 Internal Redirect"),
        "{}",
        only(&r).summary
    );
    let r = report(&format!("It works once I turn Brave Shields off.\n{msg}\n"));
    assert!(
        only(&r)
            .summary
            .contains("most likely first: (1) the browser or an extension redirected it"),
        "{}",
        only(&r).summary
    );
}

/// A captured preflight that allowed credentials keeps Access-Control-Allow-Credentials in
/// the fix for its refused method: copied as written, the fix must not break the calls that
/// send cookies.
#[test]
fn fix_keeps_the_servers_allow_credentials() {
    let text = "Access-Control-Allow-Credentials:true\nAccess-Control-Allow-Headers:authorization,content-type\nAccess-Control-Allow-Methods:GET,HEAD,PUT,POST,DELETE\nAccess-Control-Allow-Origin:https://app.example.com\nAccess-Control-Max-Age:2592000\n\nAccess to XMLHttpRequest at 'https://mock.example.com/api/v1/items/1' from origin 'https://app.example.com' has been blocked by CORS policy: Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response.\n";
    let r = report(text);
    let f = only(&r);
    let headers_fix = f
        .fixes
        .iter()
        .find(|x| x.text.contains("Access-Control-Allow-Methods:"))
        .expect("a headers fix");
    assert!(headers_fix.text.contains("PATCH"), "{}", headers_fix.text);
    assert!(
        headers_fix
            .text
            .contains("Access-Control-Allow-Credentials: true"),
        "{}",
        headers_fix.text
    );
    // Without it in the capture, none is added.
    let r = report(&text.replacen("Access-Control-Allow-Credentials:true\n", "", 1));
    assert!(only(&r)
        .fixes
        .iter()
        .all(|x| !x.text.contains("Access-Control-Allow-Credentials: true")));
}
