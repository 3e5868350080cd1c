//! DevTools' "Copy as PowerShell" through `whycors::input::read`.
//!
//! The two samples in tests/data/text/ were written for this test, after the
//! shapes the browsers' generators produce (read, not copied):
//! - copy_as_powershell_chrome.ps1: Chromium devtools-frontend,
//!   `front_end/panels/network/NetworkLogView.ts`, `generatePowerShellCommand`
//!   (a `$session` prelude with `UserAgent` and `Cookies.Add`, `-Method "PUT"` quoted,
//!   `"name"="value"` pairs one a line, HTTP/2 pseudo-headers without their colon,
//!   `$([char]N)` and `[System.Text.Encoding]::UTF8.GetBytes(…)` for non-ASCII bodies).
//! - copy_as_powershell_firefox.ps1: Firefox `devtools/client/shared/powershell.js`,
//!   `PowerShell.generateCommand` (`-Method PATCH` unquoted, `-UserAgent "…"`,
//!   `"Name" = "value"` pairs).
use whycors::exchange::{BodyKind, Credentials, Exchange, InputKind, Known, PreflightCapture};
use whycors::input::{detect, read, read_as};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/data/text/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_ok(text: &str) -> Vec<Exchange> {
    let parsed = read(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(parsed.kind, InputKind::PowerShellCommand, "{text}");
    parsed.exchanges
}

fn one(text: &str) -> Exchange {
    let mut ex = read_ok(text);
    assert_eq!(ex.len(), 1, "{text}");
    ex.remove(0)
}

fn names(ex: &Exchange) -> Vec<String> {
    ex.request.headers.iter().map(|h| h.name.clone()).collect()
}

fn curl(text: &str) -> Exchange {
    let parsed = read(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.kind, InputKind::CurlCommand);
    assert_eq!(parsed.exchanges.len(), 1);
    parsed.exchanges.into_iter().next().unwrap()
}

#[test]
fn chrome_copy_as_powershell() {
    let text = fixture("copy_as_powershell_chrome.ps1");
    assert_eq!(detect(&text), Some(InputKind::PowerShellCommand));
    let e = one(&text);
    assert_eq!(e.source, InputKind::PowerShellCommand);
    assert_eq!(e.request.method, "PUT");
    assert_eq!(e.request.method_known, Known::Stated);
    assert_eq!(
        e.request.url,
        "https://api.example.com/v1/cart/items/42?lang=fr"
    );
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    // Pseudo-headers, Origin, Referer, sec-*, priority, accept-encoding and
    // accept-language are the browser's; -ContentType comes last.
    assert_eq!(
        names(&e),
        ["accept", "authorization", "x-request-id", "Content-Type"]
    );
    assert_eq!(
        e.request.headers.get("x-request-id").as_deref(),
        Some("7f3c$e1")
    );
    assert_eq!(
        e.request.headers.get("content-type").as_deref(),
        Some("application/json")
    );
    // The session's cookies: credentials were sent.
    assert_eq!(e.request.credentials, Credentials::Include);
    assert_eq!(e.request.credentials_known, Known::Inferred);
    assert_eq!(e.request.body, BodyKind::Json);
    assert_eq!(e.preflight, PreflightCapture::NotInInput);
    assert!(e.response.is_none());
    assert_eq!(e.location, "line 4");
}

#[test]
fn firefox_copy_as_powershell() {
    let text = fixture("copy_as_powershell_firefox.ps1");
    assert_eq!(detect(&text), Some(InputKind::PowerShellCommand));
    let e = one(&text);
    assert_eq!(e.request.method, "PATCH");
    assert_eq!(
        e.request.url,
        "https://api.example.com/v1/cart/items/42?lang=fr"
    );
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(names(&e), ["Accept", "X-CSRF-Token", "Content-Type"]);
    assert_eq!(
        e.request.headers.get("x-csrf-token").as_deref(),
        Some("k9Jd2$Qa")
    );
    assert_eq!(e.request.credentials, Credentials::Include);
    assert_eq!(e.request.credentials_known, Known::Inferred);
    assert_eq!(e.request.body, BodyKind::Json);
    assert_eq!(e.location, "line 3");
}

/// The same request copied as cURL (bash): written by hand from the same request
/// the Chrome sample holds. PowerShell passes Content-Type as -ContentType, so its
/// place among the headers is lost: it is last in both.
const CHROME_AS_CURL: &str = r#"curl 'https://api.example.com/v1/cart/items/42?lang=fr' \
  -X 'PUT' \
  -H 'accept: application/json, text/plain, */*' \
  -H 'accept-language: fr-FR,fr;q=0.9,en;q=0.8' \
  -H 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl' \
  -b 'session_id=s%3Aab12cd34' \
  -H 'origin: https://app.example.com' \
  -H 'priority: u=1, i' \
  -H 'referer: https://app.example.com/' \
  -H 'sec-ch-ua: "Microsoft Edge";v="142", "Chromium";v="142", "Not_A Brand";v="99"' \
  -H 'sec-ch-ua-mobile: ?0' \
  -H 'sec-ch-ua-platform: "Windows"' \
  -H 'sec-fetch-dest: empty' \
  -H 'sec-fetch-mode: cors' \
  -H 'sec-fetch-site: same-site' \
  -H 'user-agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0' \
  -H 'x-request-id: 7f3c$e1' \
  -H 'Content-Type: application/json' \
  --data-raw '{"name":"Café crème","qty":2}'"#;

const FIREFOX_AS_CURL: &str = r#"curl 'https://api.example.com/v1/cart/items/42?lang=fr' -X PATCH -H 'User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0' -H 'Accept: application/json' -H 'Accept-Language: fr,fr-FR;q=0.8,en-US;q=0.5,en;q=0.3' -H 'Accept-Encoding: gzip, deflate, br, zstd' -H 'X-CSRF-Token: k9Jd2$Qa' -H 'Origin: https://app.example.com' -H 'Connection: keep-alive' -H 'Referer: https://app.example.com/cart' -H 'Cookie: session_id=s%3Aab12cd34' -H 'Sec-Fetch-Dest: empty' -H 'Sec-Fetch-Mode: cors' -H 'Sec-Fetch-Site: same-site' -H 'Priority: u=4' -H 'Content-Type: application/json' --data-raw '{"qty":3,"note":"gift wrap"}'"#;

#[test]
fn same_request_as_the_curl_reader() {
    for (ps, sh) in [
        ("copy_as_powershell_chrome.ps1", CHROME_AS_CURL),
        ("copy_as_powershell_firefox.ps1", FIREFOX_AS_CURL),
    ] {
        let p = one(&fixture(ps));
        let c = curl(sh);
        assert_eq!(p.request, c.request, "{ps}");
        assert_eq!(p.page_origin, c.page_origin, "{ps}");
        assert_eq!(p.preflight, c.preflight, "{ps}");
    }
    // And a request whose headers differ is not equal (the comparison can fail).
    let p = one(&fixture("copy_as_powershell_chrome.ps1"));
    let c = curl(&CHROME_AS_CURL.replace("x-request-id", "x-trace-id"));
    assert_ne!(p.request, c.request);
}

#[test]
fn the_report_names_the_reader_and_never_prints_cookies() {
    let text = fixture("copy_as_powershell_chrome.ps1");
    let opts = whycors::Options {
        redact: false,
        ..whycors::Options::default()
    };
    let report = whycors::diagnose(&text, &opts).unwrap();
    assert_eq!(report.input, "powershell_command");
    assert_eq!(report.findings.len(), 1);
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains("api.example.com/v1/cart/items/42"), "{json}");
    assert!(
        !json.contains("s%3Aab12cd34"),
        "cookie value printed: {json}"
    );
    assert!(!json.contains("session_id"), "cookie name printed: {json}");
}

#[test]
fn hand_written_scripts() {
    // Invoke-RestMethod, single quotes, no -Method: GET; no cookies: credentials unknown.
    let e = one("Invoke-RestMethod -Uri 'https://api.example.com/me' -Headers @{ 'X-Api-Key' = 'k''1'; Origin = 'https://app.example.com' }");
    assert_eq!(e.request.method, "GET");
    assert_eq!(e.request.headers.get("x-api-key").as_deref(), Some("k'1"));
    assert_eq!(e.page_origin.as_deref(), Some("https://app.example.com"));
    assert_eq!(e.request.credentials_known, Known::Unknown);
    assert_eq!(e.request.body, BodyKind::None);

    // -InFile is a body; its kind comes from -ContentType.
    let e = one(
        "iwr -Method Post -Uri https://api.example.com/up -InFile .\\a.csv -ContentType 'text/csv'",
    );
    assert_eq!(e.request.method, "POST");
    assert_eq!(e.request.body, BodyKind::Text);
    assert_eq!(names(&e), ["Content-Type"]);

    // -CustomMethod keeps its case; -Method is upper-cased like fetch() does.
    assert_eq!(
        one("iwr https://x.example/a -CustomMethod 'purge'")
            .request
            .method,
        "purge"
    );
    assert_eq!(
        one("iwr https://x.example/a -Method delete").request.method,
        "DELETE"
    );

    // A Cookie header in -Headers sends credentials too.
    let e = one("Invoke-WebRequest -Uri https://x.example/a -Headers @{Cookie='a=b'}");
    assert_eq!(e.request.credentials, Credentials::Include);
    assert!(names(&e).is_empty());

    // A session without cookies sends none.
    let e = one("$s = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n$s.UserAgent = \"UA\"\nInvoke-WebRequest -Uri https://x.example/a -WebSession $s");
    assert_eq!(e.request.credentials_known, Known::Unknown);
    assert_eq!(e.location, "line 3");
}

#[test]
fn copy_all_gives_one_exchange_per_command() {
    // "Copy all as PowerShell" joins commands with ";\r\n"; each has its own session.
    let text = "$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\r\n$session.Cookies.Add((New-Object System.Net.Cookie(\"a\", \"1\", \"/\", \"api.example.com\")))\r\nInvoke-WebRequest -UseBasicParsing -Uri \"https://api.example.com/one\" `\r\n-WebSession $session;\r\nInvoke-WebRequest -UseBasicParsing -Uri \"https://api.example.com/two\" -Method \"DELETE\" -Headers @{\r\n\"origin\"=\"https://app.example.com\"\r\n}";
    let ex = read_ok(text);
    assert_eq!(ex.len(), 2);
    assert_eq!(ex[0].request.url, "https://api.example.com/one");
    assert_eq!(ex[0].request.credentials, Credentials::Include);
    assert_eq!(ex[1].request.url, "https://api.example.com/two");
    assert_eq!(ex[1].request.method, "DELETE");
    assert_eq!(ex[1].request.credentials_known, Known::Unknown);
    assert_eq!(
        ex[1].page_origin.as_deref(),
        Some("https://app.example.com")
    );
    assert_eq!(ex[1].location, "line 5");
}

#[test]
fn hand_made_preflight_like_curl() {
    let ps = "Invoke-WebRequest -Uri https://api.example.com/upload -Method Options -Headers @{\"Origin\"=\"https://app.example.com\"; \"Access-Control-Request-Method\"=\"PUT\"; \"Access-Control-Request-Headers\"=\"content-type,x-request-id\"}";
    let sh = "curl -X OPTIONS https://api.example.com/upload -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type,x-request-id'";
    let p = one(ps);
    let c = curl(sh);
    assert_eq!(p.request.method, "PUT");
    assert_eq!(p.request, c.request);
    assert_eq!(p.preflight, c.preflight);
    assert!(p.captured_preflight().is_some());
}

#[test]
fn other_kinds_are_not_taken() {
    for (name, kind) in [
        ("copy_as_curl_bash.txt", InputKind::CurlCommand),
        ("copy_as_curl_cmd.txt", InputKind::CurlCommand),
        ("copy_as_fetch.txt", InputKind::FetchCommand),
        ("curl_v_redirect.txt", InputKind::CurlVerbose),
        ("chrome_console.txt", InputKind::ConsoleError),
        ("devtools_h2_preflight_actual.txt", InputKind::HttpText),
    ] {
        assert_eq!(detect(&fixture(name)), Some(kind), "{name}");
    }
    // A PowerShell prompt line is not a script.
    assert_eq!(detect("$ Invoke-WebRequest is a cmdlet"), None);
    // read_as with the PowerShell reader on something else: an error, no panic.
    let e = read_as("curl https://x.example/", InputKind::PowerShellCommand).unwrap_err();
    assert_eq!(e.kind, Some(InputKind::PowerShellCommand));
    assert_eq!(e.place.line, Some(1));
}

#[test]
fn truncations_of_the_samples_never_panic() {
    for name in [
        "copy_as_powershell_chrome.ps1",
        "copy_as_powershell_firefox.ps1",
    ] {
        let text = fixture(name);
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &cut in &cuts {
            let part = text.get(..cut).unwrap_or("");
            match read_as(part, InputKind::PowerShellCommand) {
                Ok(p) => assert!(!p.exchanges.is_empty()),
                Err(e) => {
                    assert!(e.place.line.is_some(), "{name} cut at {cut}: {e}");
                    let _ = e.to_string();
                }
            }
        }
    }
}
