//! A server's CORS setup pasted beside a capture (or alone): read for the mistakes each
//! framework's own documentation warns about, where the code as written decides the
//! answer before any header is compared. Each is found only in the form that framework
//! writes it, with the line it is on; whether it explains a finding is judged with the
//! finding ([`crate::cause`]).
//!
//! - the CORS middleware placed after the one that authenticates, or after the routes,
//!   so the preflight (which never carries credentials) or the routes' answers miss it:
//!   Express, NestJS, Starlette/FastAPI, ASP.NET Core, Django, gin;
//! - any origin with credentials, which ASP.NET Core and Spring refuse to build;
//! - AWS SAM putting the API's default authorizer or API key on the OPTIONS it generates;
//! - Laravel's `config/cors.php` with no paths.

use crate::exchange::{Mistake, SetupMistake};

/// The mistakes found in `text`, in the order of their lines.
pub fn read(text: &str) -> Vec<SetupMistake> {
    // A HAR (JSON) holds no code.
    if text.trim_start().starts_with('{') {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    any_origin_with_credentials(&lines, &mut found);
    express(&lines, &mut found);
    starlette(&lines, &mut found);
    aspnet_order(&lines, &mut found);
    django_order(&lines, &mut found);
    gin(&lines, &mut found);
    sam(&lines, &mut found);
    laravel_paths(&lines, &mut found);
    django_annotated(&lines, &mut found);
    express_secure_cookie(&lines, &mut found);
    any_route_with_authorizer(&lines, &mut found);
    azure_local_settings(&lines, &mut found);
    route_methods_without_options(&lines, &mut found);
    cors_middleware_not_called(&lines, &mut found);
    method_guard_before_options(&lines, &mut found);
    middleware_list_order(&lines, &mut found);
    nitro_route_rules(&lines, &mut found);
    istio_allow_origin(&lines, &mut found);
    kong_preflight_continue(&lines, &mut found);
    elasticsearch_cors(&lines, &mut found);
    // (What the CORS settings of a Lambda-backed API leave to the function: only when the
    // setup shows no mistake of its own.)
    if found.is_empty() {
        preflight_only_cors(&lines, &mut found);
    }
    // (Starlette's default lists refuse only some preflights: said when nothing else is.)
    if found.is_empty() {
        starlette_default_lists(&lines, &mut found);
    }
    found.sort_by_key(|m| m.line);
    found
}

/// A line of code, not a comment (`//`, `#`, `*`, `--`).
fn code(l: &str) -> bool {
    let t = l.trim_start();
    !(t.starts_with("//") || t.starts_with('#') || t.starts_with('*') || t.starts_with("--"))
}

/// The 0-based index of the first code line for which `f` holds.
fn find(lines: &[&str], f: impl Fn(&str) -> bool) -> Option<usize> {
    lines.iter().position(|l| code(l) && f(l))
}

/// The 0-based index of the first code line that, without its spaces, holds one of `needles`
/// (`preflight_continue: true` as `preflight_continue=true` or `…: true`).
fn find_unspaced(lines: &[&str], needles: &[&str]) -> Option<usize> {
    find(lines, |l| {
        let c: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        needles.iter().any(|n| c.contains(n))
    })
}

fn push(
    found: &mut Vec<SetupMistake>,
    line: usize,
    other: Option<usize>,
    kind: Mistake,
    what: &str,
) {
    found.push(SetupMistake {
        line: line + 1,
        other_line: other.map(|o| o + 1),
        kind,
        // (Without the inline-code marks a Markdown paste puts around a line.)
        what: what
            .trim()
            .trim_matches('`')
            .trim_end_matches(';')
            .trim_end_matches(',')
            .to_string(),
    });
}

/// ASP.NET Core's `AllowAnyOrigin()` (or `WithOrigins("*")`) with `AllowCredentials()`, and
/// Spring's `allowedOrigins("*")` (or `@CrossOrigin(origins = "*")`) with credentials.
fn any_origin_with_credentials(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let aspnet_any = find(lines, |l| {
        l.contains("AllowAnyOrigin()") || l.contains("WithOrigins(\"*\")")
    });
    let aspnet_credentials = find(lines, |l| l.contains("AllowCredentials()"));
    if let (Some(any), Some(cred)) = (aspnet_any, aspnet_credentials) {
        if any.abs_diff(cred) <= 12 {
            push(
                found,
                cred,
                Some(any),
                Mistake::AspNetAnyOriginCredentials,
                lines[any],
            );
            return;
        }
    }
    let spring_any = find(lines, |l| {
        let l = l.replace(' ', "");
        l.contains("allowedOrigins(\"*\")")
            || l.contains("addAllowedOrigin(\"*\")")
            || l.contains("setAllowedOrigins(List.of(\"*\"))")
            || l.contains("setAllowedOrigins(Arrays.asList(\"*\"))")
            || l.contains("setAllowedOrigins(Collections.singletonList(\"*\"))")
            || (l.contains("@CrossOrigin(") && l.contains("origins=\"*\""))
            || l.contains("allowed-origins:\"*\"")
            || l.contains("allowed-origins=*")
    });
    let spring_credentials = find(lines, |l| {
        let l = l.replace(' ', "");
        l.contains("allowCredentials(true)")
            || l.contains("setAllowCredentials(true)")
            || l.contains("allowCredentials=\"true\"")
            || l.contains("allow-credentials:true")
            || l.contains("allow-credentials=true")
    });
    if let (Some(any), Some(cred)) = (spring_any, spring_credentials) {
        if any.abs_diff(cred) <= 12 {
            push(
                found,
                cred,
                Some(any),
                Mistake::SpringAnyOriginCredentials,
                lines[any],
            );
        }
    }
}

/// The variable a line's call is made on: `app` in `app.use(cors())` for `call` ".use(".
fn receiver<'a>(line: &'a str, call: &str) -> Option<&'a str> {
    line.trim_start()
        .split(call)
        .next()
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
}

/// Words that name an authentication, API-key or rate-limit step.
fn authenticates(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    [
        "auth",
        "jwt",
        "passport",
        "token",
        "apikey",
        "api_key",
        "api-key",
        "login",
        "protect",
        "guard",
        "permission",
        "ratelimit",
        "rate_limit",
        "limiter",
        "firewall",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// Express: `app.use(cors(…))` after an authenticating `app.use(…)` or after the routes;
/// NestJS: `app.enableCors()` after `app.listen()`.
fn express(lines: &[&str], found: &mut Vec<SetupMistake>) {
    if let (Some(listen), Some(enable)) = (
        find(lines, |l| l.contains("app.listen(")),
        find(lines, |l| l.contains(".enableCors(")),
    ) {
        if listen < enable {
            push(
                found,
                enable,
                Some(listen),
                Mistake::NestCorsAfterListen,
                lines[listen],
            );
        }
    }
    let Some(at) = find(lines, |l| {
        l.contains(".use(cors(") || l.contains(".use(cors)") || l.contains(".use( cors(")
    }) else {
        return;
    };
    // The object whose middleware it is: `app` in `app.use(cors())`.
    let Some(var) = receiver(lines[at], ".use(") else {
        return;
    };
    // `app.use('/api', cors(), router)`: CORS on that path only, before its router.
    let before = lines[..at].iter().enumerate().filter(|(_, l)| code(l));
    for (i, l) in before {
        let t = l.trim_start();
        let Some(rest) = t.strip_prefix(var).and_then(|r| r.strip_prefix('.')) else {
            continue;
        };
        if let Some(args) = rest.strip_prefix("use(") {
            // `app.use('/api/auth', authRouter)`: routes mounted before CORS (static files'
            // are no API's).
            if args.trim_start().starts_with(['\'', '"', '`']) && !args.contains("static(") {
                push(found, at, Some(i), Mistake::CorsAfterRoutes, l);
                return;
            }
            if authenticates(args) {
                push(found, at, Some(i), Mistake::CorsAfterAuth, l);
                return;
            }
            continue;
        }
        let route = [
            "get(", "post(", "put(", "patch(", "delete(", "all(", "route(",
        ]
        .iter()
        .any(|m| rest.starts_with(m))
            && rest.contains(['\'', '"', '`']);
        if route {
            push(found, at, Some(i), Mistake::CorsAfterRoutes, l);
            return;
        }
    }
}

/// Starlette and FastAPI: a middleware added after `CORSMiddleware` wraps it, so it sees
/// every request (the preflight too) first, and its own answers go out without CORS headers.
fn starlette(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let Some(cors) = find(lines, |l| {
        l.contains("add_middleware(") && l.contains("CORSMiddleware")
            || l.trim() == "CORSMiddleware,"
    }) else {
        return;
    };
    for (i, l) in lines.iter().enumerate().skip(cors + 1) {
        if !code(l) {
            continue;
        }
        if let Some(rest) = l.split("add_middleware(").nth(1) {
            let name = rest.split([',', ')']).next().unwrap_or_default().trim();
            if !name.contains("CORSMiddleware") && authenticates(name) {
                push(found, cors, Some(i), Mistake::StarletteAuthOutside, l);
                return;
            }
        }
        // `@app.middleware("http")` whose body answers 401 or 403.
        if l.trim_start().starts_with('@') && l.contains(".middleware(\"http\")") {
            let refuses = lines.iter().skip(i + 1).take(20).any(|b| {
                b.contains("401")
                    || b.contains("403")
                    || b.contains("HTTP_401")
                    || b.contains("HTTP_403")
            });
            if refuses {
                push(found, cors, Some(i), Mistake::StarletteAuthOutside, l);
                return;
            }
        }
    }
}

/// A middleware list written in the order the middleware run (Laravel's route groups,
/// `'middleware' => ['auth.basic', 'cors']`, `->middleware(['auth:api', 'cors'])`) with the
/// CORS one after an authenticating one.
fn middleware_list_order(lines: &[&str], found: &mut Vec<SetupMistake>) {
    for (i, l) in lines.iter().enumerate() {
        let Some(named) = l.to_ascii_lowercase().rfind("middleware") else {
            continue;
        };
        // The list after the word (`'middleware' => [`, `->middleware([`).
        let Some(list) = l[named..]
            .split_once('[')
            .map(|(_, r)| r.split(']').next().unwrap_or(r))
        else {
            continue;
        };
        if !code(l) {
            continue;
        }
        // The quoted items, in order.
        let items: Vec<&str> = list
            .split(',')
            .map(|p| p.trim())
            .filter_map(|p| {
                p.strip_prefix(['\'', '"'])
                    .and_then(|r| r.strip_suffix(['\'', '"']))
            })
            .collect();
        let Some(cors) = items
            .iter()
            .position(|it| it.to_ascii_lowercase().contains("cors"))
        else {
            continue;
        };
        if let Some(auth) = items[..cors].iter().find(|it| authenticates(it)) {
            push(found, i, Some(i), Mistake::CorsAfterAuth, auth);
            return;
        }
    }
}

/// Nitro's (Nuxt's server's) `routeRules` with `cors: true` or Access-Control-* headers: they
/// decorate the responses its handlers give; a preflight no handler takes still gets 404/405.
fn nitro_route_rules(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let Some(at) = find(lines, |l| l.trim_start().starts_with("routeRules")) else {
        return;
    };
    let cors = lines.iter().skip(at).take(20).any(|l| {
        let t = l.trim_start();
        t.contains("cors: true")
            || t.to_ascii_lowercase()
                .contains("access-control-allow-origin")
    });
    // (A handler answering OPTIONS pasted too: no mistake.)
    let answered = lines.iter().any(|l| {
        code(l)
            && (l.contains("handleCors")
                || l.contains("'OPTIONS'")
                || l.contains("\"OPTIONS\"")
                || l.contains("isPreflightRequest"))
    });
    if cors && !answered {
        push(
            found,
            at,
            None,
            Mistake::NitroRouteRulesCors,
            lines[at].trim(),
        );
    }
}

/// Elasticsearch's `http.cors.enabled: true` without `http.cors.allow-origin`, whose default
/// allows no origin.
fn elasticsearch_cors(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let Some(at) = find_unspaced(lines, &["http.cors.enabled:true", "http.cors.enabled=true"])
    else {
        return;
    };
    if lines.iter().any(|l| l.contains("http.cors.allow-origin")) {
        return;
    }
    push(
        found,
        at,
        None,
        Mistake::ElasticsearchNoAllowOrigin,
        "http.cors.enabled: true",
    );
}

/// Kong's cors plugin told to pass the preflight on (`config.preflight_continue=true` through
/// the Admin API, `preflight_continue: true` in declarative configuration or a KongPlugin).
fn kong_preflight_continue(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let Some(at) = find_unspaced(
        lines,
        &["preflight_continue=true", "preflight_continue:true"],
    ) else {
        return;
    };
    push(
        found,
        at,
        None,
        Mistake::KongPreflightContinue,
        "preflight_continue",
    );
}

/// Istio's VirtualService `corsPolicy` with the old `allowOrigin:` field (a list of strings),
/// which Istio 1.6 and later ignore: the policy then allows no origin.
fn istio_allow_origin(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let Some(at) = find(lines, |l| {
        l.trim_start()
            .trim_start_matches("- ")
            .starts_with("corsPolicy:")
    }) else {
        return;
    };
    fn field(l: &str) -> Option<&str> {
        l.trim_start()
            .trim_start_matches("- ")
            .split(':')
            .next()
            .map(str::trim)
    }
    let Some(i) = lines
        .iter()
        .enumerate()
        .skip(at + 1)
        .take(12)
        .find(|(_, l)| code(l) && field(l) == Some("allowOrigin"))
        .map(|(i, _)| i)
    else {
        return;
    };
    // (The new field beside it: Istio reads that one.)
    if lines
        .iter()
        .skip(at)
        .take(20)
        .any(|l| field(l) == Some("allowOrigins"))
    {
        return;
    }
    push(
        found,
        i,
        Some(at),
        Mistake::IstioAllowOriginIgnored,
        lines[i].trim(),
    );
}

/// Starlette and FastAPI: CORSMiddleware added without `allow_methods` or `allow_headers`,
/// whose defaults (GET; no header) refuse the preflight of any other method or of a header
/// beyond the safelisted ones (`Content-Type: application/json`, `Authorization`).
fn starlette_default_lists(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let Some(at) = find(lines, |l| {
        (l.contains("add_middleware(") || l.contains("Middleware(")) && l.contains("CORSMiddleware")
            || l.trim_end().ends_with("add_middleware(")
                && lines.iter().any(|n| n.trim() == "CORSMiddleware,")
    }) else {
        return;
    };
    // The call's text, to its closing parenthesis.
    let mut depth = 0i32;
    let mut call = String::new();
    'lines: for l in lines.iter().skip(at).take(30) {
        for c in l.chars() {
            call.push(c);
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth <= 0 {
                        break 'lines;
                    }
                }
                _ => {}
            }
        }
        call.push('\n');
    }
    if depth > 0 {
        return;
    }
    let unset: Vec<&str> = ["allow_methods", "allow_headers"]
        .into_iter()
        .filter(|k| !call.contains(k))
        .collect();
    if !unset.is_empty() {
        push(
            found,
            at,
            None,
            Mistake::StarletteDefaultLists,
            &unset.join(" and "),
        );
    }
}

/// ASP.NET Core: `app.UseCors(…)` after `UseAuthorization()`, or after the endpoints are
/// mapped (`MapControllers()`, `UseEndpoints(…)`), where it never runs for them.
fn aspnet_order(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let Some(cors) = find(lines, |l| l.contains(".UseCors(")) else {
        return;
    };
    let earlier = |needle: &str| find(&lines[..cors], |l| l.contains(needle));
    if let Some(i) = earlier(".UseAuthorization()") {
        push(found, cors, Some(i), Mistake::CorsAfterAuth, lines[i]);
    } else if let Some(i) = earlier(".MapControllers(").or_else(|| earlier(".UseEndpoints(")) {
        push(found, cors, Some(i), Mistake::CorsAfterRoutes, lines[i]);
    }
}

/// Django: `corsheaders.middleware.CorsMiddleware` below `CommonMiddleware` in MIDDLEWARE
/// (which answers APPEND_SLASH's redirects and other responses before it).
fn django_order(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let cors = find(lines, |l| {
        l.contains("corsheaders.middleware.CorsMiddleware")
    });
    let common = find(lines, |l| {
        l.contains("django.middleware.common.CommonMiddleware")
    });
    if let (Some(cors), Some(common)) = (cors, common) {
        if common < cors {
            push(
                found,
                cors,
                Some(common),
                Mistake::DjangoCorsAfterCommon,
                lines[common],
            );
        }
    }
}

/// gin: `r.Use(cors…)` after routes on `r` (gin joins a route's handlers when it is added),
/// or on a route group, whose middleware never runs for the OPTIONS no route of it handles.
fn gin(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let Some(at) = find(lines, |l| {
        l.contains(".Use(cors.") || l.contains(".Use(CORS") || l.contains(".Use(Cors")
    }) else {
        return;
    };
    let Some(var) = receiver(lines[at], ".Use(") else {
        return;
    };
    let assigned = |l: &str| {
        let l = l.trim_start();
        l.starts_with(&format!("{var} :=")) || l.starts_with(&format!("{var} ="))
    };
    if let Some(g) = find(&lines[..at], |l| assigned(l) && l.contains(".Group(")) {
        push(found, at, Some(g), Mistake::GinGroupCors, lines[g]);
        return;
    }
    let route = find(&lines[..at], |l| {
        let t = l.trim_start();
        ["GET(", "POST(", "PUT(", "PATCH(", "DELETE(", "Any("]
            .iter()
            .any(|m| t.starts_with(&format!("{var}.{m}")))
    });
    if let Some(r) = route {
        push(found, at, Some(r), Mistake::CorsAfterRoutes, lines[r]);
    }
}

/// The indentation of a YAML line.
fn indent(l: &str) -> usize {
    l.len() - l.trim_start().len()
}

/// The 0-based index of the nearest line above `i` less indented than it.
fn parent(lines: &[&str], i: usize) -> Option<usize> {
    let own = indent(lines[i]);
    (0..i)
        .rev()
        .find(|&j| !lines[j].trim().is_empty() && indent(lines[j]) < own)
}

/// The value of `key:` among the lines indented as `lines[i]` in its block.
fn sibling_value<'a>(lines: &[&'a str], i: usize, key: &str) -> Option<&'a str> {
    let own = indent(lines[i]);
    let start = parent(lines, i).map_or(0, |p| p + 1);
    lines[start..]
        .iter()
        .take_while(|l| l.trim().is_empty() || indent(l) >= own)
        .filter(|l| indent(l) == own)
        .find_map(|l| l.trim().strip_prefix(key))
        .map(str::trim)
}

/// AWS SAM: with `Cors` set on an `AWS::Serverless::Api`, the OPTIONS methods SAM generates
/// get the API's `DefaultAuthorizer` and its `ApiKeyRequired` unless
/// `AddDefaultAuthorizerToCorsPreflight: false` / `AddApiKeyRequiredToCorsPreflight: false`.
fn sam(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let text_has = |s: &str| lines.iter().any(|l| code(l) && l.contains(s));
    let has_cors = lines.iter().any(|l| {
        let t = l.trim_start();
        code(l) && (t.starts_with("Cors:") || t.starts_with("Cors :"))
    });
    if !has_cors || !(text_has("AWS::Serverless::Api") || text_has("Globals:")) {
        return;
    }
    // The Auth block of the API (under the Api resource's Properties, or Globals' Api).
    let api_level = |i: usize| {
        let Some(auth) = parent(lines, i).filter(|&a| lines[a].trim() == "Auth:") else {
            return false;
        };
        let Some(props) = parent(lines, auth) else {
            return false;
        };
        match lines[props].trim() {
            "Api:" => true,
            "Properties:" => sibling_value(lines, props, "Type:")
                .is_some_and(|t| t.contains("AWS::Serverless::Api")),
            _ => false,
        }
    };
    // A YAML value without the comment after it (`false # tried without that`).
    let value = |v: &str| v.split(" #").next().unwrap_or(v).trim().to_string();
    let off = |key: &str| {
        lines.iter().any(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|v| value(v).eq_ignore_ascii_case("false"))
        })
    };
    if !off("AddDefaultAuthorizerToCorsPreflight:") {
        if let Some(i) = find(lines, |l| l.trim_start().starts_with("DefaultAuthorizer:")) {
            if api_level(i) && !lines[i].contains("NONE") {
                push(found, i, None, Mistake::SamAuthorizerOnPreflight, lines[i]);
            }
        }
    }
    // BinaryMediaTypes for every type: the OPTIONS request is taken as binary too, and the
    // MOCK integration SAM generates for Cors cannot apply its JSON template to it.
    let every = find(lines, |l| {
        let t = l
            .trim()
            .trim_start_matches('-')
            .trim()
            .trim_matches(['\'', '"']);
        t == "*~1*"
            || t == "*/*"
            || l.contains("BinaryMediaTypes: ['*~1*']")
            || l.contains("BinaryMediaTypes: [\"*~1*\"]")
    });
    if let Some(i) = every.filter(|_| text_has("BinaryMediaTypes")) {
        let what = lines[i].trim().trim_start_matches('-').trim();
        push(found, i, None, Mistake::SamBinaryEveryType, what);
    }
    if !off("AddApiKeyRequiredToCorsPreflight:") {
        let key = find(lines, |l| {
            l.trim_start()
                .strip_prefix("ApiKeyRequired:")
                .is_some_and(|v| value(v).eq_ignore_ascii_case("true"))
        });
        if let Some(i) = key.filter(|&i| api_level(i)) {
            push(found, i, None, Mistake::SamApiKeyOnPreflight, lines[i]);
        }
    }
}

/// Laravel's `config/cors.php` with `'paths' => []`: its HandleCors middleware adds CORS
/// headers to no path.
fn laravel_paths(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let at = find(lines, |l| {
        let l = l.replace(' ', "");
        l.contains("'paths'=>[]") || l.contains("\"paths\"=>[]")
    });
    if let Some(i) = at {
        push(found, i, None, Mistake::LaravelNoPaths, lines[i]);
    }
}

/// Django's settings.py with a CORS setting written `CORS_ALLOW_CREDENTIALS: True`: Python
/// reads a colon there as a type annotation, and the setting stays at its default. Only at the
/// start of a line, in a paste that is Python settings (another setting assigned with `=`, or
/// MIDDLEWARE / INSTALLED_APPS), not YAML.
fn django_annotated(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let python = lines.iter().any(|l| {
        let t = l.trim_start();
        t.starts_with("MIDDLEWARE = [")
            || t.starts_with("INSTALLED_APPS = [")
            || (t.starts_with("CORS_") && t.contains(" = "))
            || l.contains("settings.py")
    });
    if !python {
        return;
    }
    let at = find(lines, |l| {
        let Some((name, value)) = l.split_once(':') else {
            return false;
        };
        let name = name.trim_end();
        name.starts_with("CORS_")
            && name.len() > 6
            && name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
            && !value.trim().is_empty()
            && !value.trim_start().starts_with('=')
    });
    if let Some(i) = at {
        push(found, i, None, Mistake::DjangoSettingAnnotated, lines[i]);
    }
}

/// express-session (or cookie-session) with `secure: true` in its cookie, and nothing that
/// trusts the proxy in front: behind one that ends TLS, Express sees http and express-session
/// sends no Secure cookie at all.
fn express_secure_cookie(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let session = find(lines, |l| {
        l.contains("session({") || l.contains("session ({")
    })
    .or_else(|| find(lines, |l| l.contains("cookieSession(")));
    let Some(start) = session else {
        return;
    };
    let secure = lines[start..]
        .iter()
        .take(15)
        .position(|l| code(l) && l.replace(' ', "").contains("secure:true"))
        .map(|i| start + i);
    let trusted = lines.iter().any(|l| {
        let l = l.replace(' ', "");
        l.contains("trustproxy") || l.contains("'trustproxy'") || l.contains("proxy:true")
    }) || lines.iter().any(|l| l.contains("trust proxy"));
    if let (Some(i), false) = (secure, trusted) {
        push(
            found,
            i,
            Some(start),
            Mistake::ExpressSecureCookieNoProxy,
            lines[i],
        );
    }
}

/// The Lambda-backed REST API's CORS settings that answer only the preflight: SAM's `Cors`
/// (its Api events are proxy integrations), CDK's `defaultCorsPreflightOptions`,
/// serverless.yml's `cors: true` on an `http` event (lambda-proxy by default). And
/// serverless.yml's `cors` on an `httpApi` event, which is not read at all.
fn preflight_only_cors(lines: &[&str], found: &mut Vec<SetupMistake>) {
    // serverless.yml: the event a `cors:` line belongs to (`- http:` / `- httpApi:` above it).
    // (Only a list item is an event: `provider: httpApi: cors: true` is the right place.)
    let event_of = |i: usize| {
        (i.saturating_sub(8)..i).rev().find_map(|j| {
            let t = lines[j].trim_start().strip_prefix("- ")?.trim();
            if t.starts_with("httpApi:") {
                Some("httpApi")
            } else if t.starts_with("http:") {
                Some("http")
            } else {
                None
            }
        })
    };
    if let Some(i) = find(lines, |l| {
        let t = l.trim_start();
        t.starts_with("cors:") || t.starts_with("cors :")
    }) {
        match event_of(i) {
            Some("httpApi") => {
                push(
                    found,
                    i,
                    None,
                    Mistake::ServerlessHttpApiEventCors,
                    lines[i],
                );
                return;
            }
            Some(_) if !lines[i].contains("false") => {
                let lambda_integration = lines.iter().any(|l| {
                    let t = l.trim();
                    t == "integration: lambda" || t == "integration: LAMBDA"
                });
                if !lambda_integration {
                    push(
                        found,
                        i,
                        None,
                        Mistake::PreflightOnlyCors,
                        "serverless.yml's cors: true on an http event",
                    );
                }
                return;
            }
            _ => {}
        }
    }
    if let Some(i) = find(lines, |l| l.contains("defaultCorsPreflightOptions")) {
        push(
            found,
            i,
            None,
            Mistake::PreflightOnlyCors,
            "CDK's defaultCorsPreflightOptions",
        );
        return;
    }
    let sam_rest = lines.iter().any(|l| l.contains("AWS::Serverless::Api"))
        || lines
            .iter()
            .any(|l| l.trim() == "Type: Api" || l.trim() == "Type: 'Api'");
    // With an authorizer or an API key, API Gateway's own 401/403 (no CORS headers without
    // Gateway Responses) is as likely: the cause's own list says both.
    let guarded = lines.iter().any(|l| {
        let t = l.trim_start();
        t.starts_with("DefaultAuthorizer:") || t.starts_with("ApiKeyRequired: true")
    });
    if sam_rest && !guarded {
        if let Some(i) = find(lines, |l| {
            let t = l.trim_start();
            (t.starts_with("Cors:") || t.starts_with("Cors :")) && indent(l) > 0
        }) {
            push(found, i, None, Mistake::PreflightOnlyCors, "SAM's Cors");
        }
        return;
    }
    // The words: CORS enabled in API Gateway's console, with the Lambda proxy integration.
    let proxy = lines.iter().any(|l| {
        let lower = l.to_ascii_lowercase();
        lower.contains("proxy integration")
            || lower.contains("lambda proxy")
            || l.contains("AWS_PROXY")
    });
    if !proxy || guarded {
        return;
    }
    if let Some(i) = find(lines, |l| {
        let lower = l.to_ascii_lowercase();
        super::paste::is_prose(l)
            && [
                "enable cors",
                "enabled cors",
                "enabling cors",
                "cors enabled",
            ]
            .iter()
            .any(|w| lower.contains(w))
            && (lower.contains("api gateway") || lower.contains("apigateway"))
    }) {
        push(
            found,
            i,
            None,
            Mistake::PreflightOnlyCors,
            WORDS_ENABLE_CORS,
        );
    }
}

/// [`Mistake::PreflightOnlyCors`]'s setting when the words describe it, not a template.
const WORDS_ENABLE_CORS: &str = "API Gateway console's Enable CORS, as the words describe it";

/// An HTTP API route for every method (`"ANY /user"` in SST's or CDK's route, Terraform's
/// `route_key = "ANY /{proxy+}"`, `$default`) with an authorizer on it (within a few lines):
/// API Gateway routes the preflight's OPTIONS there, and the authorizer refuses it.
fn any_route_with_authorizer(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let any = |l: &str| {
        l.contains("\"ANY /")
            || l.contains("'ANY /")
            || l.contains("`ANY /")
            || l.contains("\"$default\"")
            || l.contains("HttpMethod.ANY")
    };
    for (i, l) in lines.iter().enumerate() {
        if !code(l) || !any(l) {
            continue;
        }
        let near = &lines[i..(i + 10).min(lines.len())];
        let auth = near.iter().any(|n| {
            let t = n.trim_start();
            t.starts_with("auth:")
                || t.starts_with("authorizer:")
                || t.starts_with("authorizer =")
                || t.starts_with("authorizer_id")
                || t.starts_with("authorizationType")
                || t.starts_with("authorization_type")
                || t.starts_with("Auth:")
        }) && !near
            .iter()
            .any(|n| n.contains("\"NONE\"") || n.contains("none:"));
        if auth {
            let what = l
                .trim()
                .trim_end_matches(',')
                .trim_matches(['"', '\'', '`']);
            push(found, i, None, Mistake::HttpApiAnyRouteAuth, what);
            return;
        }
    }
}

/// `cors({…})` called as a statement of its own, indented inside another function (a Hono or
/// Express middleware written around it): what it returns, the middleware, is never run.
fn cors_middleware_not_called(lines: &[&str], found: &mut Vec<SetupMistake>) {
    // (Only where a CORS package is imported: `hono/cors`, `require('cors')`, `from 'cors'`.)
    let imported = lines.iter().any(|l| {
        l.contains("hono/cors")
            || l.contains("require('cors')")
            || l.contains("require(\"cors\")")
            || l.contains("from 'cors'")
            || l.contains("from \"cors\"")
    });
    if !imported {
        return;
    }
    // Run at once (`cors(options)(req, res, next)`): the call's closing parenthesis followed by
    // another opening one.
    let invoked = |i: usize| {
        let text = lines[i..(i + 20).min(lines.len())].join("\n");
        let Some(open) = text.find('(') else {
            return false;
        };
        let mut depth = 0usize;
        for (k, c) in text[open..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return text[open + k + 1..].trim_start().starts_with('(');
                    }
                }
                _ => {}
            }
        }
        false
    };
    if let Some(i) = find(lines, |l| {
        let indented = l.starts_with([' ', '\t']);
        let t = l.trim_start();
        indented && (t.starts_with("cors(") || t.starts_with("cors ("))
    }) {
        if !invoked(i) {
            push(
                found,
                i,
                None,
                Mistake::CorsMiddlewareNotCalled,
                lines[i].trim(),
            );
        }
    }
}

/// A handler's method check that answers 405 to every method but the one it serves, with
/// nothing before it (no OPTIONS branch, no CORS middleware) to answer the preflight:
/// `if (req.method !== 'POST') return res.status(405)…` (Node, Vercel, Netlify, Cloud
/// Functions), `if ($_SERVER['REQUEST_METHOD'] !== 'POST') { http_response_code(405); … }`,
/// `if r.Method != http.MethodPost { http.Error(w, …, http.StatusMethodNotAllowed) }`,
/// `if request.method != 'POST': return …, 405`.
fn method_guard_before_options(lines: &[&str], found: &mut Vec<SetupMistake>) {
    const SERVED: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    // The request's method compared as different from a method the handler serves.
    let guard = |l: &str| {
        let t = l.trim_start();
        let lower = t.to_ascii_lowercase();
        let compares = lower.contains("method") && (t.contains("!=") || lower.contains(" not in "));
        let names = SERVED.iter().any(|m| {
            [
                format!("'{m}'"),
                format!("\"{m}\""),
                format!("http.Method{}{}", &m[..1], m[1..].to_ascii_lowercase()),
            ]
            .iter()
            .any(|q| t.contains(q.as_str()))
        });
        (t.starts_with("if") || t.starts_with("} else if") || t.starts_with("elif"))
            && compares
            && names
    };
    // Its answer, on its line or the few under it: 405.
    let answers_405 = |i: usize| {
        lines[i..(i + 5).min(lines.len())].iter().any(|l| {
            let lower = l.to_ascii_lowercase();
            l.contains("405")
                || lower.contains("methodnotallowed")
                || lower.contains("method not allowed")
        })
    };
    let Some(at) = (0..lines.len()).find(|&i| code(lines[i]) && guard(lines[i]) && answers_405(i))
    else {
        return;
    };
    // Anything that answers OPTIONS, anywhere in the paste: a branch or route for it, or a CORS
    // package or middleware (which answers the preflight before the handler runs); Flask's
    // routes answer OPTIONS themselves.
    let answered = lines.iter().any(|l| {
        let lower = l.to_ascii_lowercase();
        code(l)
            && ([
                "'OPTIONS'",
                "\"OPTIONS\"",
                "`OPTIONS`",
                "MethodOptions",
                "function OPTIONS",
                "HttpOptions",
            ]
            .iter()
            .any(|k| l.contains(k))
                || [
                    ".options(",
                    "def options",
                    "@options",
                    "cors(",
                    "cors)",
                    "cors,",
                    "corsmiddleware",
                    "enablecors",
                    "corsheaders",
                    "cors.default",
                    "cors.new",
                    "cors.allowall",
                    "corsfilter",
                    "crossorigin",
                    ".route(",
                ]
                .iter()
                .any(|k| lower.contains(k)))
    });
    if answered {
        return;
    }
    push(
        found,
        at,
        None,
        Mistake::MethodGuardBeforeOptions,
        lines[at].trim(),
    );
}

/// A Kubernetes manifest's route that matches by method (Gateway API HTTPRoute's `method: GET`,
/// Gloo's `methods: [GET, POST]`, Istio's `method: exact: GET`, Ambassador's `method: GET`)
/// without OPTIONS, beside CORS settings: the preflight matches no route.
fn route_methods_without_options(lines: &[&str], found: &mut Vec<SetupMistake>) {
    const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
    // A manifest, or YAML with a CORS block of its own (Gloo's `cors:`, Istio's `corsPolicy:`).
    let manifest = lines
        .iter()
        .any(|l| l.trim_start().starts_with("apiVersion:"));
    let yaml_cors = lines.iter().any(|l| {
        let t = l.trim_start();
        ["cors:", "corsPolicy:", "cors_policy:"]
            .iter()
            .any(|k| t.starts_with(k))
    });
    let cors = lines
        .iter()
        .any(|l| l.to_ascii_lowercase().contains("cors"));
    if !(manifest && cors || yaml_cors) {
        return;
    }
    // The methods a matcher line names: on its line (`method: GET`, `methods: [GET, POST]`)
    // or on the lines under it (`- GET`, `exact: GET`).
    let named = |i: usize| -> Vec<&'static str> {
        let mut text = lines[i].to_string();
        for l in lines.iter().skip(i + 1).take(4) {
            let t = l.trim_start();
            if t.starts_with("- ") || t.starts_with("exact:") || t.starts_with("regex:") {
                text.push(' ');
                text.push_str(t);
            } else {
                break;
            }
        }
        METHODS
            .iter()
            .copied()
            .filter(|m| {
                text.split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w == *m)
            })
            .collect()
    };
    let matchers: Vec<(usize, Vec<&'static str>)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start().trim_start_matches("- ");
            // (Not a script's object: `methods: ['GET', 'POST'],` is cors()'s own option.)
            let script = t.contains('\'') || t.trim_end().ends_with([',', '{']);
            code(l) && !script && (t.starts_with("method:") || t.starts_with("methods:"))
        })
        .map(|(i, _)| (i, named(i)))
        .filter(|(_, m)| !m.is_empty())
        .collect();
    if matchers.is_empty() || matchers.iter().any(|(_, m)| m.contains(&"OPTIONS")) {
        return;
    }
    let (i, methods) = &matchers[0];
    push(
        found,
        *i,
        None,
        Mistake::RouteMethodsWithoutOptions,
        &methods.join(", "),
    );
}

/// Azure Functions' local.settings.json with `"Host": { "CORS": … }`: read by the local
/// Functions host only (`func start`), never deployed; whether the call went to Azure is
/// judged with the finding.
fn azure_local_settings(lines: &[&str], found: &mut Vec<SetupMistake>) {
    let at = find(lines, |l| {
        let c = l.replace(' ', "");
        c.contains("\"CORS\":")
            && (c.contains("\"Host\":{") || lines.iter().any(|h| h.contains("\"Host\"")))
    });
    if let Some(i) = at {
        let what = lines[i].trim().trim_end_matches(',');
        push(found, i, None, Mistake::AzureLocalSettingsCors, what);
    }
}

impl SetupMistake {
    /// Whether the mistake breaks only the preflight (the OPTIONS request), not the
    /// request's own answer.
    pub fn preflight_only(&self) -> bool {
        matches!(
            self.kind,
            Mistake::SamAuthorizerOnPreflight
                | Mistake::SamApiKeyOnPreflight
                | Mistake::SamBinaryEveryType
                | Mistake::HttpApiAnyRouteAuth
                | Mistake::RouteMethodsWithoutOptions
                | Mistake::MethodGuardBeforeOptions
                | Mistake::StarletteDefaultLists
                | Mistake::NitroRouteRulesCors
                | Mistake::KongPreflightContinue
        )
    }

    /// What the pasted setup does, and what to write instead.
    pub fn sentence(&self) -> String {
        let line = self.line;
        let other = self.other_line.unwrap_or(line);
        let what = &self.what;
        match self.kind {
            Mistake::AspNetAnyOriginCredentials => format!(
                "The pasted policy allows any origin (`{what}`, line {other}) with AllowCredentials() (line {line}): ASP.NET Core refuses that policy (since 3.0 building it throws InvalidOperationException \"The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time\", so requests get a 500 without CORS headers; 2.2 logged it and sent none). List the page's origins (WithOrigins(\"https://app.example.com\")), or drop AllowCredentials() if the page sends no cookies."
            ),
            Mistake::SpringAnyOriginCredentials => format!(
                "The pasted configuration allows the origin `*` (`{what}`, line {other}) with credentials (line {line}): Spring 5.3 and later refuse that for every cross-origin request (\"When allowCredentials is true, allowedOrigins cannot contain the special value \\\"*\\\"\"), answering 500 without CORS headers. List the page's origins, or use allowedOriginPatterns(\"*\"), which answers with the request's own origin; without cookies, drop the credentials."
            ),
            Mistake::CorsAfterAuth => format!(
                "{}, which then runs first: it answers the preflight, which never carries the page's credentials or API key, with 401 or 403, and its refusals, without CORS headers, reach the browser as a CORS error. {}",
                if line == other {
                    format!("In the pasted middleware list (line {line}) the CORS middleware comes after `{what}`")
                } else {
                    format!("In the pasted code the CORS setup (line {line}) comes after `{what}` (line {other})")
                },
                // ASP.NET Core's endpoint routing wants UseCors after UseRouting.
                if what.contains(".UseAuth") {
                    "Call app.UseCors(…) after app.UseRouting() and before app.UseAuthentication() and app.UseAuthorization()."
                } else {
                    "Put the CORS middleware before it (first of all middleware)."
                }
            ),
            Mistake::StarletteAuthOutside => format!(
                "In Starlette and FastAPI the middleware added last runs first: `{what}` (line {other}), added after CORSMiddleware (line {line}), wraps it, so it sees the preflight first, which never carries the page's credentials or API key, answers it 401 or 403, and its refusals go out without CORS headers (the browser reports a CORS error). Add CORSMiddleware last (after every other add_middleware and @app.middleware), so that it is the outermost."
            ),
            Mistake::CorsAfterRoutes => format!(
                "In the pasted code the CORS setup (line {line}) comes after the routes (`{what}`, line {other}): those routes answer before it runs, so their answers, and the OPTIONS preflight sent to them, carry no CORS headers. Register the CORS middleware first, before any route."
            ),
            Mistake::NestCorsAfterListen => format!(
                "In the pasted code app.enableCors() (line {line}) comes after `{what}` (line {other}): the server is already answering without it. Call app.enableCors(…) before app.listen(), or pass {{ cors: … }} to NestFactory.create()."
            ),
            Mistake::DjangoCorsAfterCommon => format!(
                "In the pasted MIDDLEWARE, CorsMiddleware (line {line}) comes after CommonMiddleware (line {other}): django-cors-headers must be as high as possible, before any middleware that answers on its own (CommonMiddleware's APPEND_SLASH redirect, a 404), whose answers otherwise carry no CORS headers. Move 'corsheaders.middleware.CorsMiddleware' above it."
            ),
            Mistake::GinGroupCors => format!(
                "In the pasted code the CORS middleware (line {line}) is on a route group (`{what}`, line {other}): gin runs a group's middleware only for the routes it matches, and the preflight's OPTIONS matches none, so gin answers it 404 (or 405) without CORS headers. Put the CORS middleware on the engine (r.Use(cors.New(…)) before any route), or add OPTIONS routes to the group."
            ),
            Mistake::SamAuthorizerOnPreflight => format!(
                "The pasted SAM template sets a DefaultAuthorizer (line {line}) and Cors: SAM puts that authorizer on the OPTIONS methods it generates for Cors too (AddDefaultAuthorizerToCorsPreflight is true by default), and the preflight, which never carries the token, gets its 401 or 403 without CORS headers. Add `AddDefaultAuthorizerToCorsPreflight: false` to the API's Auth."
            ),
            Mistake::SamApiKeyOnPreflight => format!(
                "The pasted SAM template sets ApiKeyRequired: true on the API (line {line}) and Cors: SAM requires the key on the OPTIONS methods it generates too (AddApiKeyRequiredToCorsPreflight is true by default), and the preflight, which never carries x-api-key, gets 403 Forbidden without CORS headers. Add `AddApiKeyRequiredToCorsPreflight: false` to the API's Auth."
            ),
            Mistake::DjangoSettingAnnotated => {
                let (name, value) = what.split_once(':').unwrap_or((what.as_str(), ""));
                format!(
                    "The pasted settings write `{what}` (line {line}) with a colon: Python reads that as a type annotation, which sets nothing, so django-cors-headers keeps the setting's default. Write `{} = {}`.",
                    name.trim(),
                    value.trim()
                )
            }
            Mistake::SamBinaryEveryType => format!(
                "The pasted SAM template sets BinaryMediaTypes to every type (`{what}`, line {line}) with Cors: API Gateway then takes every request as binary, the OPTIONS preflight included, and the MOCK integration SAM generates for Cors cannot apply its JSON request template to it, so the preflight gets 500 without CORS headers. List only the binary types the API really sends or receives (image/png, application/pdf, multipart/form-data …), or give the OPTIONS integration `contentHandling: CONVERT_TO_TEXT` (in an OpenAPI DefinitionBody's x-amazon-apigateway-integration, or a CloudFormation method's Integration.ContentHandling)."
            ),
            Mistake::ExpressSecureCookieNoProxy => format!(
                "The pasted session setup sets the cookie Secure (`{what}`, line {line}) and nothing tells Express to trust the proxy in front: behind one that ends TLS (Heroku, Render, Railway, nginx, a load balancer) the app itself sees http, and express-session then sends no Set-Cookie at all, so there is no cookie to send back, whatever the CORS headers. Add app.set('trust proxy', 1) before the session middleware (or session({{ proxy: true, … }})); a cross-site page also needs sameSite: 'none' and its calls credentials: 'include'."
            ),
            Mistake::PreflightOnlyCors => format!(
                "The {}{what} (line {line}) makes API Gateway answer the preflight (an OPTIONS method of its own) and nothing more: with the Lambda proxy integration, the function's response goes to the browser as the function returns it, so the function itself must return Access-Control-Allow-Origin (on its errors too), and API Gateway's own 4xx/5xx answers need it in their Gateway Responses. The preflight passing and the request failing is this.",
                if what == WORDS_ENABLE_CORS { "" } else { "pasted " }
            ),
            Mistake::ServerlessHttpApiEventCors => format!(
                "The pasted serverless.yml sets `{what}` (line {line}) on an httpApi event, where the Serverless Framework does not read it: an HTTP API's CORS is set once for the API, under provider.httpApi.cors (true, or allowedOrigins, allowedHeaders, allowedMethods, allowCredentials), and API Gateway then answers the preflights and adds the headers itself."
            ),
            Mistake::HttpApiAnyRouteAuth => {
                // The route's path, for the methods to declare in its place.
                let path = what
                    .split("ANY ")
                    .nth(1)
                    .and_then(|r| r.split(['"', '\'', '`', ' ', ',']).next())
                    .filter(|p| p.starts_with('/'))
                    .unwrap_or("/path");
                format!(
                    "The pasted route `{what}` (line {line}) takes every method with an authorizer on it: API Gateway's HTTP API sends the preflight's OPTIONS to that route, where the authorizer refuses it (a preflight never carries the token), so the API's own CORS answer never comes. Declare the methods the route serves (GET {path}, POST {path} …), or add an `OPTIONS /{{proxy+}}` route without authorization; API Gateway then answers the preflights from the API's CORS settings."
                )
            }
            Mistake::CorsMiddlewareNotCalled => format!(
                "The pasted `{what}` (line {line}) builds the CORS middleware and throws it away: called as a statement inside another middleware, what it returns is never run on the request, so no CORS header is added (and no preflight answered). Run it — Hono: `return cors({{ … }})(c, next)`; Express: `cors({{ … }})(req, res, next)` — or register it directly: `app.use('*', cors({{ … }}))`."
            ),
            Mistake::RouteMethodsWithoutOptions => format!(
                "The pasted route matches only {what} (line {line}): the preflight's OPTIONS matches no route, so the gateway answers it itself (404, or a default route's answer) without CORS headers, before the route's CORS policy can answer it. Add OPTIONS to the route's methods (or a route for OPTIONS on the same path), so its CORS policy answers the preflight."
            ),
            Mistake::MethodGuardBeforeOptions => {
                // The branch to put first, in the guard's own language.
                let first = if what.contains("$_SERVER") {
                    "`if ($_SERVER['REQUEST_METHOD'] === 'OPTIONS') { /* the CORS headers */ http_response_code(204); exit; }`"
                } else if what.contains("r.Method") || what.contains("http.Method") {
                    "`if r.Method == http.MethodOptions { /* the CORS headers */ w.WriteHeader(http.StatusNoContent); return }`"
                } else if what.trim_end().ends_with(':') {
                    "`if request.method == 'OPTIONS': return ('', 204, cors_headers)`"
                } else if what.contains("httpMethod") {
                    "`if (event.httpMethod === 'OPTIONS') return { statusCode: 204, headers: corsHeaders };`"
                } else if what.contains("request.method") {
                    "`if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: corsHeaders });`"
                } else {
                    "`if (req.method === 'OPTIONS') { /* the CORS headers */ return res.status(204).end(); }`"
                };
                format!(
                    "The pasted handler answers 405 to every method but the one it serves (`{what}`, line {line}) and nothing answers OPTIONS before it: the browser's preflight is an OPTIONS request, so it gets that 405 and the browser blocks the request itself, whatever headers come with it. Answer OPTIONS first, with the CORS headers and a 204: {first}, before the method check (or let a CORS middleware run before the handler)."
                )
            }
            Mistake::NitroRouteRulesCors => format!(
                "The pasted routeRules (line {line}) add CORS headers to the responses Nitro's handlers give (Nuxt's server, Analog, SolidStart …), and no more: they do not answer the preflight, so an OPTIONS request that no handler takes gets Nitro's 404 or 405 and the browser blocks the request. Answer OPTIONS in a server middleware (server/middleware/cors.ts: when event.method is OPTIONS, setResponseHeaders(event, {{ the CORS headers }}), setResponseStatus(event, 204) and return ''; or h3's handleCors), or give the route a handler for every method (server/api/name.ts, without a .get or .post suffix)."
            ),
            Mistake::ElasticsearchNoAllowOrigin => format!(
                "The pasted elasticsearch.yml turns CORS on (`{what}`, line {line}) without http.cors.allow-origin, whose default allows no origin: Elasticsearch answers every request that carries an Origin with 403 and no CORS headers. Add the page's origin: `http.cors.allow-origin: \"https://app.example.com\"` (or a /regex/), with http.cors.allow-headers for Authorization and Content-Type if the page sends them, and restart the node."
            ),
            Mistake::KongPreflightContinue => format!(
                "The pasted cors plugin configuration sets preflight_continue to true (line {line}): Kong then passes every preflight on to the upstream service instead of answering it, and the service, which has no CORS of its own, answers OPTIONS without the headers (or with 404/405), so the browser blocks the request. Set preflight_continue to false (its default): the plugin answers the preflight itself."
            ),
            Mistake::IstioAllowOriginIgnored => format!(
                "The pasted VirtualService's corsPolicy (line {other}) lists its origins under `allowOrigin:` (line {line}), the old field of plain strings that Istio 1.6 and later ignore: the policy then allows no origin, so Envoy adds no CORS headers and the preflight goes on to the service (which answers it 403, 404 or 405). List them under `allowOrigins:` as matches (`- exact: https://app.example.com`, or `prefix:`/`regex:`)."
            ),
            Mistake::StarletteDefaultLists => {
                let (defaults, fix) = match what.as_str() {
                    "allow_methods" => ("allow_methods (GET only by default)", "allow_methods=[\"*\"] (or the methods the page sends)"),
                    "allow_headers" => ("allow_headers (no header by default)", "allow_headers=[\"*\"] (or the headers the page sets)"),
                    _ => ("allow_methods (GET only by default) and allow_headers (no header by default)", "allow_methods=[\"*\"] and allow_headers=[\"*\"] (or the methods and headers the page sends)"),
                };
                format!(
                    "The pasted CORSMiddleware (line {line}) leaves {defaults} unset: Starlette and FastAPI then answer a preflight asking for another method, or for a header beyond the few every request may send (Content-Type: application/json and Authorization included), with 400 \"Disallowed CORS method\" or \"Disallowed CORS headers\", and the browser blocks the request. Add {fix}."
                )
            }
            Mistake::AzureLocalSettingsCors => format!(
                "The pasted `{what}` (line {line}) is local.settings.json's Host.CORS, which only the local Functions host reads (func start): it is never deployed, and the Function App in Azure answers with its platform CORS setting, empty unless set (Azure portal: the Function App's API → CORS; az functionapp cors add --allowed-origins https://app.example.com; Bicep/ARM: siteConfig.cors.allowedOrigins)."
            ),
            Mistake::LaravelNoPaths => format!(
                "The pasted config/cors.php has `{what}` (line {line}): Laravel's HandleCors adds CORS headers only to the paths listed there, so no path gets them. List the API's paths: 'paths' => ['api/*', 'sanctum/csrf-cookie']."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(usize, Mistake)> {
        read(text).into_iter().map(|m| (m.line, m.kind)).collect()
    }

    #[test]
    fn each_mistake_is_found_where_it_is_written() {
        let aspnet = "builder.Services.AddCors(o => o.AddPolicy(\"all\", p =>\n    p.AllowAnyOrigin()\n     .AllowAnyHeader()\n     .AllowCredentials()));\n";
        assert_eq!(kinds(aspnet), [(4, Mistake::AspNetAnyOriginCredentials)]);
        let order = "app.UseRouting();\napp.UseAuthentication();\napp.UseAuthorization();\napp.UseCors(\"page\");\napp.MapControllers();\n";
        assert_eq!(kinds(order), [(4, Mistake::CorsAfterAuth)]);
        let express = "app.use(express.json());\napp.use(authenticateJWT);\napp.use(cors({ origin: 'http://localhost:3000' }));\n";
        assert_eq!(kinds(express), [(3, Mistake::CorsAfterAuth)]);
        let routes = "app.get('/api/items', list);\napp.use(cors());\n";
        assert_eq!(kinds(routes), [(2, Mistake::CorsAfterRoutes)]);
        let fastapi = "app = FastAPI()\napp.add_middleware(\n    CORSMiddleware,\n    allow_origins=[\"*\"],\n)\napp.add_middleware(AuthMiddleware)\n";
        assert_eq!(kinds(fastapi), [(3, Mistake::StarletteAuthOutside)]);
        let django = "MIDDLEWARE = [\n    'django.middleware.common.CommonMiddleware',\n    'corsheaders.middleware.CorsMiddleware',\n]\n";
        assert_eq!(kinds(django), [(3, Mistake::DjangoCorsAfterCommon)]);
        let gin = "r := gin.Default()\napi := r.Group(\"/api\")\napi.Use(cors.Default())\n";
        assert_eq!(kinds(gin), [(3, Mistake::GinGroupCors)]);
        let gin_late = "r := gin.Default()\nr.GET(\"/ping\", ping)\nr.Use(cors.Default())\n";
        assert_eq!(kinds(gin_late), [(3, Mistake::CorsAfterRoutes)]);
        let annotated = "MIDDLEWARE = [\n    'corsheaders.middleware.CorsMiddleware',\n]\n\nCORS_ALLOW_CREDENTIALS: True\n";
        assert_eq!(kinds(annotated), [(5, Mistake::DjangoSettingAnnotated)]);
        let session = "app.use(session({\n    secret: 'x',\n    cookie : { sameSite: 'none' , secure: true }\n}));\n";
        assert_eq!(kinds(session), [(3, Mistake::ExpressSecureCookieNoProxy)]);
        assert!(kinds(&format!("app.set('trust proxy', 1);\n{session}")).is_empty());
        // A comment after the value is no part of it.
        let commented = "Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      Cors: \"'*'\"\n      Auth:\n        DefaultAuthorizer: Cognito\n        AddDefaultAuthorizerToCorsPreflight: false # tried without\n";
        assert!(kinds(commented).is_empty(), "{:?}", kinds(commented));
        let sls = "functions:\n  hello:\n    handler: handler.hello\n    events:\n      - httpApi:\n          path: /hello\n          method: post\n          cors: true\n";
        assert_eq!(kinds(sls), [(8, Mistake::ServerlessHttpApiEventCors)]);
        // The provider's httpApi.cors is where it belongs.
        let provider = "provider:\n  name: aws\n  httpApi:\n    cors: true\nfunctions:\n  hello:\n    events:\n      - httpApi:\n          path: /hello\n          method: post\n";
        assert!(kinds(provider).is_empty(), "{:?}", kinds(provider));
        let sls_rest = sls.replace("httpApi", "http");
        assert_eq!(kinds(&sls_rest), [(8, Mistake::PreflightOnlyCors)]);
        let cdk = "const api = new apigw.LambdaRestApi(this, 'Api', {\n  handler: fn,\n  defaultCorsPreflightOptions: { allowOrigins: ['https://app.example.com'] },\n});\n";
        assert_eq!(kinds(cdk), [(3, Mistake::PreflightOnlyCors)]);
        let sst = "webAppApi.route(\n  \"ANY /user\",\n  { handler: \"src/user.main\" },\n {\n    auth: jwtAuth,\n  }\n);\n";
        assert_eq!(kinds(sst), [(2, Mistake::HttpApiAnyRouteAuth)]);
        assert!(kinds(&sst.replace("ANY /user", "GET /user")).is_empty());
        let local = "```json\n\"Host\": { \"CORS\": \"*\", \"CORSCredentials\": false }\n```\n";
        assert_eq!(kinds(local), [(2, Mistake::AzureLocalSettingsCors)]);
        let binary = "Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      BinaryMediaTypes:\n        - '*~1*'\n      Cors:\n        AllowOrigin: \"'*'\"\n";
        assert_eq!(kinds(binary), [(6, Mistake::SamBinaryEveryType)]);
        // One binary type is fine.
        assert_eq!(
            kinds(&binary.replace("*~1*", "image~1png")),
            [(7, Mistake::PreflightOnlyCors)]
        );
        assert!(read(annotated)[0]
            .sentence()
            .contains("Write `CORS_ALLOW_CREDENTIALS = True`"));
        // YAML (a compose file's environment) is no Python.
        assert!(kinds("environment:\nCORS_ALLOWED_ORIGINS: http://localhost:3000\n").is_empty());
        let nest = "await app.listen(3000);\napp.enableCors();\n";
        assert_eq!(kinds(nest), [(2, Mistake::NestCorsAfterListen)]);
        let laravel = "return [\n    'paths' => [],\n    'allowed_origins' => ['*'],\n];\n";
        assert_eq!(kinds(laravel), [(2, Mistake::LaravelNoPaths)]);
        let spring = "config.setAllowCredentials(true);\nconfig.addAllowedOrigin(\"*\");\n";
        assert_eq!(kinds(spring), [(1, Mistake::SpringAnyOriginCredentials)]);
    }

    #[test]
    fn sam_auth_on_the_api_not_on_an_event() {
        let api = "Resources:\n  MyApi:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      Cors:\n        AllowOrigin: \"'*'\"\n      Auth:\n        DefaultAuthorizer: MyCognito\n        ApiKeyRequired: true\n";
        assert_eq!(
            kinds(api),
            [
                (9, Mistake::SamAuthorizerOnPreflight),
                (10, Mistake::SamApiKeyOnPreflight)
            ]
        );
        let off = api.replace(
            "ApiKeyRequired: true\n",
            "ApiKeyRequired: true\n        AddDefaultAuthorizerToCorsPreflight: false\n        AddApiKeyRequiredToCorsPreflight: false\n",
        );
        // (With the authorizer, what the Cors leaves to the function is not said either.)
        assert!(kinds(&off).is_empty());
        // An event's own ApiKeyRequired is that method's only.
        let event = "Globals:\n  Api:\n    Cors: \"'*'\"\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        Get:\n          Type: Api\n          Properties:\n            Path: /items\n            Method: get\n            Auth:\n              ApiKeyRequired: true\n";
        assert!(kinds(event).is_empty());
    }

    #[test]
    fn the_right_order_and_comments_are_no_mistake() {
        for fine in [
            "app.UseRouting();\napp.UseCors(\"page\");\napp.UseAuthentication();\napp.UseAuthorization();\n",
            "app.use(cors());\napp.use(authenticateJWT);\napp.get('/api', h);\n",
            "app.use(express.json({ verify: keepRawBody }));\napp.use('/static', express.static('public'));\napp.use(cors());\n",
            "app.add_middleware(AuthMiddleware)\napp.add_middleware(CORSMiddleware, allow_origins=[\"*\"], allow_methods=[\"*\"], allow_headers=[\"*\"])\n",
            "MIDDLEWARE = [\n    'corsheaders.middleware.CorsMiddleware',\n    'django.middleware.common.CommonMiddleware',\n]\n",
            "r := gin.Default()\nr.Use(cors.Default())\nr.GET(\"/ping\", ping)\n",
            "// p.AllowAnyOrigin()\np.WithOrigins(\"https://a.example\").AllowCredentials();\n",
            "app.enableCors();\nawait app.listen(3000);\n",
            "'paths' => ['api/*'],\n",
            "{\"log\": {\"entries\": []}}",
        ] {
            assert!(kinds(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn a_method_check_before_any_options_answer() {
        // Each stack's form, the line it is on, and the branch to put first in its language.
        for (text, line, first) in [
            ("export default async function handler(req, res) {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  if (req.method !== 'POST') {\n    return res.status(405).json({ error: 'Method not allowed' });\n  }\n}\n", 3, "res.status(204)"),
            ("<?php\nheader('Access-Control-Allow-Origin: *');\nif ($_SERVER['REQUEST_METHOD'] !== 'POST') {\n    http_response_code(405);\n    exit;\n}\n", 3, "http_response_code(204)"),
            ("func upload(w http.ResponseWriter, r *http.Request) {\n\tif r.Method != http.MethodPost {\n\t\thttp.Error(w, \"method not allowed\", http.StatusMethodNotAllowed)\n\t\treturn\n\t}\n}\n", 2, "http.MethodOptions"),
            ("exports.handler = async (event) => {\n  if (event.httpMethod !== \"POST\") {\n    return { statusCode: 405, body: \"Method Not Allowed\" };\n  }\n};\n", 2, "statusCode: 204"),
            ("@functions_framework.http\ndef hello(request):\n    if request.method != 'POST':\n        return 'Method not allowed', 405\n", 3, "request.method == 'OPTIONS'"),
        ] {
            let found = read(text);
            assert_eq!(kinds(text), [(line, Mistake::MethodGuardBeforeOptions)], "{text}");
            assert!(found[0].sentence().contains(first), "{}", found[0].sentence());
            assert!(found[0].preflight_only());
        }
        // An OPTIONS branch (before or in the check), a CORS middleware, Flask's routes (which
        // answer OPTIONS themselves), a check answering something else than 405: no mistake.
        for fine in [
            "if (req.method === 'OPTIONS') return res.status(204).end();\nif (req.method !== 'POST') {\n  return res.status(405).end();\n}\n",
            "if (req.method !== 'POST' && req.method !== 'OPTIONS') {\n  return res.status(405).end();\n}\n",
            "await runMiddleware(req, res, cors);\nif (req.method !== 'POST') {\n  return res.status(405).end();\n}\n",
            "export default withCors(async (req, res) => {\n  if (req.method !== 'POST') return res.status(405).end();\n});\n",
            "@app.route('/upload', methods=['GET', 'POST'])\ndef upload():\n    if request.method != 'POST':\n        abort(405)\n",
            "if (req.method !== 'POST') {\n  return res.status(400).json({ error: 'bad' });\n}\n",
            "// if (req.method !== 'POST') return res.status(405).end();\n",
        ] {
            assert!(kinds(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn a_middleware_list_in_running_order() {
        let laravel = "Route::group(['prefix' => 'api', 'middleware' => ['auth:api', 'cors']], function () {\n    Route::get('user', 'UserController@show');\n});\n";
        let found = read(laravel);
        assert_eq!(kinds(laravel), [(1, Mistake::CorsAfterAuth)]);
        assert!(found[0].sentence().starts_with(
            "In the pasted middleware list (line 1) the CORS middleware comes after `auth:api`"
        ));
        for fine in [
            "Route::group(['middleware' => ['cors', 'auth:api']], function () {});\n",
            "Route::middleware(['throttle:60,1', 'cors'])->group(function () {});\n",
            "Route::group(['prefix' => 'auth', 'middleware' => ['cors']], function () {});\n",
        ] {
            assert!(kinds(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn starlette_lists_left_to_their_defaults() {
        let both = "app = FastAPI()\napp.add_middleware(\n    CORSMiddleware,\n    allow_origins=[\"http://localhost:3000\"],\n    allow_credentials=True,\n)\n";
        let found = read(both);
        assert_eq!(kinds(both), [(2, Mistake::StarletteDefaultLists)]);
        let s = found[0].sentence();
        assert!(s.contains("leaves allow_methods (GET only by default) and allow_headers (no header by default) unset"), "{s}");
        let headers_only = both.replace(
            "    allow_credentials=True,\n",
            "    allow_methods=[\"*\"],\n",
        );
        assert!(read(&headers_only)[0]
            .sentence()
            .contains("leaves allow_headers (no header by default) unset"));
        let starlette = "middleware = [\n    Middleware(CORSMiddleware, allow_origins=['*'], allow_methods=['*'], allow_headers=['*'])\n]\n";
        assert!(kinds(starlette).is_empty());
        // An unclosed call is not judged.
        assert!(kinds("app.add_middleware(CORSMiddleware, allow_origins=['*'],\n").is_empty());
    }

    #[test]
    fn nitro_route_rules_answer_no_preflight() {
        let rules = "export default defineNitroConfig({\n  routeRules: {\n    '/api/**': { cors: true },\n  },\n});\n";
        // (On one line or the next.)
        let split = "routeRules: {\n    '/**': {\n      cors: true,\n    },\n},\n";
        assert_eq!(kinds(rules), [(2, Mistake::NitroRouteRulesCors)]);
        assert_eq!(kinds(split), [(1, Mistake::NitroRouteRulesCors)]);
        assert!(read(split)[0].preflight_only());
        let handled = format!("{split}\nexport default defineEventHandler((event) => {{\n  if (handleCors(event, {{ origin: '*' }})) return;\n}});\n");
        assert!(kinds(&handled).is_empty());
        assert!(kinds("routeRules: {\n  '/blog/**': { swr: 600 },\n},\n").is_empty());
    }
}
