//! The origins pasted server settings allow ([`crate::input::allow_list`]), judged: an entry
//! no browser's `Origin` can ever equal (a trailing slash, a path, no scheme, two origins in
//! one), and a list that does not hold the page's origin.

use crate::exchange::{AllowedOrigin, Exchange};

/// What the pasted settings say about the page's origin, one sentence each; `decisive` when
/// one alone explains an origin refusal (an entry that never matches, or a list without the
/// page's origin).
pub(crate) struct Notes {
    pub sentences: Vec<String>,
    pub decisive: Option<String>,
}

/// A value that is a pattern or a variable, not one origin: not judged.
fn is_pattern(v: &str) -> bool {
    v == "*"
        || v.starts_with(['$', '^', '/'])
        || v.contains("${")
        || v.contains("{{")
        || v.contains("\\.")
        || v.contains(".*")
        || v.contains("(?")
        || v.contains('*')
}

/// `scheme://host[:port]` of a value that has a scheme, and what follows it.
fn split(v: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = v.split_once("://")?;
    if scheme.is_empty() || !scheme.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some((&v[..scheme.len() + 3 + end], &rest[end..]))
}

/// Why no page's origin can equal `o`, and what to write instead (the origin in backticks,
/// when one is meant).
fn never_matches(o: &AllowedOrigin) -> Option<(String, Option<String>)> {
    let v = o.value.trim();
    if v.is_empty() || is_pattern(v) || v == "null" {
        return None;
    }
    if v.matches("://").count() >= 2 && !o.trims_slash {
        return Some(("holds more than one origin in one value".to_string(), None));
    }
    if v.contains(char::is_whitespace) {
        return Some(("has a space in it".to_string(), None));
    }
    match split(v) {
        Some((_, "")) => None,
        Some((_, "/")) if o.trims_slash => None,
        Some((origin, "/")) => Some(("ends with a slash".to_string(), Some(format!("`{origin}`")))),
        Some((origin, tail)) => Some((
            format!("has a path (`{tail}`)"),
            Some(format!("`{origin}`")),
        )),
        None if o.any_scheme => None,
        None => {
            // A host without a scheme ("localhost:8080/", "a.domain:3000").
            let host = v.split(['/', '?', '#']).next().unwrap_or(v);
            let looks_like_host = !host.is_empty()
                && (host.contains('.') || host.starts_with("localhost"))
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'_'));
            if !looks_like_host {
                return None;
            }
            let local = host.starts_with("localhost")
                || host.starts_with("127.")
                || host.starts_with("0.0.0.0");
            let scheme = if local { "http" } else { "https" };
            let tail = v.len() > host.len();
            // django-cors-headers before 3.0 took `host[:port]` in CORS_ORIGIN_WHITELIST;
            // 3.0 and later need the scheme.
            if o.setting == "CORS_ORIGIN_WHITELIST" {
                let why = if tail {
                    "ends with a slash or path (and django-cors-headers 3.0 and later need the scheme)"
                } else {
                    "has no scheme, which django-cors-headers 3.0 and later need"
                };
                return Some((
                    why.to_string(),
                    Some(format!(
                        "`{scheme}://{host}` (`{host}` before django-cors-headers 3.0)"
                    )),
                ));
            }
            let also = if tail {
                " and ends with a path or slash"
            } else {
                ""
            };
            Some((
                format!("has no scheme{also}"),
                Some(format!("`{scheme}://{host}`")),
            ))
        }
    }
}

/// Settings pasted alone, without what the browser said: the first entry that can never equal
/// a page's origin, at its line, with what to write.
pub(crate) fn settings_alone(list: Vec<AllowedOrigin>) -> Option<(usize, String)> {
    let line = list.iter().find(|o| never_matches(o).is_some())?.line;
    let mut x = Exchange::new(crate::exchange::InputKind::HttpText, "GET", "");
    x.allowed_origins = list;
    let first = notes(&x).sentences.into_iter().next()?;
    Some((line, first))
}

/// The notes for `x`'s pasted settings.
pub(crate) fn notes(x: &Exchange) -> Notes {
    let mut sentences = Vec::new();
    let mut decisive = None;
    let list = &x.allowed_origins;
    if list.is_empty() {
        return Notes {
            sentences,
            decisive,
        };
    }
    // (The entry meant for the page's origin, written without what it needs, is the one to say
    // first.)
    let mut for_page = None;
    for o in list {
        let Some((why, instead)) = never_matches(o) else {
            continue;
        };
        let meant = instead.as_deref().is_some_and(|i| {
            x.page_origin
                .as_deref()
                .is_some_and(|p| i.starts_with(&format!("`{p}`")))
        });
        let write = instead.map(|i| format!(" Write {i}.")).unwrap_or_else(|| {
            if o.header {
                " Answer one origin: the request's Origin when it is on your list.".to_string()
            } else {
                " Give each origin as an entry of its own.".to_string()
            }
        });
        let s = if o.header {
            format!(
                "The pasted settings set `Access-Control-Allow-Origin: {}` (line {}), which {why}: the browser compares it byte for byte with the page's origin (scheme://host[:port], no path, no slash), so it never matches.{write}",
                o.value, o.line
            )
        } else {
            format!(
                "The pasted `{}` (line {}) lists `{}`, which {why}: a browser's Origin is scheme://host[:port], with no path and no slash, and the entry is compared with it exactly, so it never matches.{write}",
                o.setting, o.line, o.value
            )
        };
        if meant && for_page.is_none() {
            for_page = Some(s.clone());
        }
        decisive.get_or_insert_with(|| s.clone());
        sentences.push(s);
    }
    if for_page.is_some() {
        decisive = for_page;
    }
    // The page's origin against the lists that are all plain origins.
    if let Some(page) = x.page_origin.as_deref().filter(|p| split(p).is_some()) {
        let mut settings: Vec<&str> = list.iter().map(|o| o.setting.as_str()).collect();
        settings.dedup();
        for setting in settings {
            let entries: Vec<&AllowedOrigin> =
                list.iter().filter(|o| o.setting == setting).collect();
            let plain = entries.iter().all(|o| {
                let v = o.value.trim();
                !is_pattern(v) && !o.any_scheme && split(v).is_some()
            });
            fn as_compared(o: &AllowedOrigin) -> &str {
                let v = o.value.trim();
                if o.trims_slash {
                    v.trim_end_matches('/')
                } else {
                    v
                }
            }
            if !plain || entries.iter().any(|o| as_compared(o) == page) {
                continue;
            }
            // One that a slash, the scheme, the port or `www.` keeps from being the page's.
            let near = entries.iter().find_map(|o| {
                let v = o.value.trim();
                let (origin, _) = split(v)?;
                let host = |s: &str| {
                    crate::fetch::origin::host_of(s)
                        .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
                };
                (origin == page || host(origin) == host(page)).then_some(v)
            });
            let line = entries[0].line;
            let s = match near {
                Some(v) if never_matches_value(entries.as_slice(), v) => continue,
                Some(v) => format!(
                    "The pasted `{setting}` (line {line}) does not list the page's origin `{page}`: {}.",
                    crate::fetch::cors_check::mismatch_detail(v, page)
                        .replace("`Access-Control-Allow-Origin: ", "`")
                ),
                None => format!(
                    "The pasted `{setting}` (line {line}) does not list the page's origin `{page}` ({}): add it exactly.",
                    entries
                        .iter()
                        .map(|o| format!("`{}`", o.value.trim()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            decisive.get_or_insert_with(|| s.clone());
            sentences.push(s);
        }
    }
    Notes {
        sentences,
        decisive,
    }
}

/// Was the entry `v` of `entries` already said to never match?
fn never_matches_value(entries: &[&AllowedOrigin], v: &str) -> bool {
    entries
        .iter()
        .any(|o| o.value.trim() == v && never_matches(o).is_some())
}

/// The pasted settings' lead for the summary (when the browser refused the origin and one
/// note alone explains it) and the other notes, for the warnings.
pub(crate) fn allow_list_lead(
    x: &Exchange,
    v: &crate::verdict::Verdict,
) -> (Option<String>, Vec<String>) {
    use crate::verdict::CorsError as E;
    // A header the pasted config sets to the page's origin, while the browser got another
    // value: the answer did not come from that line.
    if let (Some(page), Some(E::AllowOriginMismatch | E::PreflightAllowOriginMismatch), Some(got)) = (
        x.page_origin.as_deref(),
        v.cors_error.filter(|_| v.blocked),
        v.failed_parameter.as_deref().map(str::trim),
    ) {
        if let Some(o) = x
            .allowed_origins
            .iter()
            .find(|o| o.header && o.value.trim() == page && got != page)
        {
            let lead = format!(
                "The pasted config sets `Access-Control-Allow-Origin: {page}` (line {}), the page's origin, but the browser got `{got}` alone: that line did not apply to this answer, and the application behind the proxy sent its own value ({}). nginx's add_header applies only to 2xx/3xx answers unless it ends with `always`, and one in a location drops those of its server block; once it applies, hide the application's copy (nginx: proxy_hide_header Access-Control-Allow-Origin; Apache: Header unset before Header set), or the browser gets two values; or set the application's own allowed origin instead.",
                o.line,
                if crate::fetch::origin::address_space_of(got) == Some("loopback") {
                    "a development default, here"
                } else {
                    "its own setting"
                }
            );
            let rest = notes(x).sentences;
            return (Some(lead), rest);
        }
    }
    // Settings that list origins, none of them `*`, and the browser got `*`: the answer
    // did not come from them.
    if let (Some(E::WildcardOriginNotAllowed | E::PreflightWildcardOriginNotAllowed), true) = (
        v.cors_error.filter(|_| v.blocked),
        !x.allowed_origins.is_empty(),
    ) {
        let listed: Vec<&AllowedOrigin> = x.allowed_origins.iter().filter(|o| !o.header).collect();
        let star = x.allowed_origins.iter().any(|o| o.value.contains('*'));
        if let (Some(first), false) = (listed.first(), star) {
            // (A placeholder among them, "your white list origin", is left out.)
            let origins: Vec<&&AllowedOrigin> = listed
                .iter()
                .filter(|o| o.setting == first.setting && o.value.contains("://"))
                .collect();
            let shown: Vec<&&AllowedOrigin> = if origins.is_empty() {
                listed
                    .iter()
                    .filter(|o| o.setting == first.setting)
                    .collect()
            } else {
                origins
            };
            let values = shown
                .iter()
                .map(|o| format!("`{}`", o.value.trim()))
                .collect::<Vec<_>>()
                .join(", ");
            // A local AWS emulator's URL: the emulator answered, not what these settings set
            // up where the API is deployed.
            if let Some(emulator) = local_aws_emulator(&x.request.url) {
                let lead = format!(
                    "The pasted `{}` (line {}) lists {values}, not `*`, yet the browser got `Access-Control-Allow-Origin: *`: that answer did not come from these settings. The URL is {emulator}, and the emulator answers the preflight with CORS headers of its own instead of the ones configured: the settings are not what is wrong. Try the call against the deployed API, where they apply; locally, update the emulator (its CORS support changes between releases) or call it without credentials.",
                    first.setting, first.line
                );
                return (Some(lead), notes(x).sentences);
            }
            let lead = format!(
                "The pasted `{}` (line {}) lists {values}, not `*`, yet the browser got `Access-Control-Allow-Origin: *`: that answer did not come from these settings. Another layer sends `*` (a proxy or gateway, a second CORS middleware, a plugin's or server's own default), or the settings never reach the CORS code (an option given where this version does not read it, a newer or older release that ignores it). Look at the response's headers (the Network panel, or curl -i with an Origin header) to find what sends `*`, and let these settings apply.",
                first.setting, first.line
            );
            return (Some(lead), notes(x).sentences);
        }
    }
    let notes = notes(x);
    if notes.sentences.is_empty() {
        return (None, Vec::new());
    }
    let origin_refused = v.blocked
        && match v.cors_error {
            Some(e) => matches!(
                e,
                E::MissingAllowOriginHeader
                    | E::PreflightMissingAllowOriginHeader
                    | E::AllowOriginMismatch
                    | E::PreflightAllowOriginMismatch
                    | E::InvalidAllowOriginValue
                    | E::PreflightInvalidAllowOriginValue
                    | E::MultipleAllowOriginValues
                    | E::PreflightMultipleAllowOriginValues
            ),
            None => x.observed.as_ref().is_some_and(|o| {
                matches!(
                    o.firefox_key.as_deref(),
                    Some("CORSMissingAllowOrigin2" | "CORSAllowOriginNotMatchingOrigin")
                ) || o
                    .text
                    .contains("is not allowed by Access-Control-Allow-Origin")
            }),
        };
    match notes.decisive.filter(|_| origin_refused) {
        Some(first) => {
            let rest = notes
                .sentences
                .into_iter()
                .filter(|s| *s != first)
                .collect();
            (Some(first), rest)
        }
        None => (None, notes.sentences),
    }
}

/// The local AWS emulator a URL points at, in words: LocalStack (and MiniStack, which mimics it) serves
/// API Gateway on port 4566, at `<id>.execute-api.localhost.localstack.cloud` or
/// `<id>.execute-api.localhost`.
fn local_aws_emulator(url: &str) -> Option<&'static str> {
    // (By hand: a URL written with a placeholder, `http://<api-id>.execute-api.localhost:4566`,
    // is no URL to the url crate.)
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
        _ => (authority.as_str(), None),
    };
    let local = host.ends_with(".localstack.cloud")
        || host.contains(".execute-api.localhost")
        || (port == Some("4566")
            && (host == "localhost" || host == "127.0.0.1" || host.ends_with(".localhost")));
    local.then_some(
        "a local emulator of AWS (LocalStack's port 4566 and host names, which MiniStack shares)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(value: &str) -> AllowedOrigin {
        AllowedOrigin {
            line: 3,
            setting: "CORS_ALLOWED_ORIGINS".to_string(),
            value: value.to_string(),
            any_scheme: false,
            header: false,
            trims_slash: false,
        }
    }

    #[test]
    fn entries_no_origin_equals() {
        let said = |v: &str| never_matches(&entry(v)).map(|(w, i)| (w, i.unwrap_or_default()));
        assert_eq!(
            said("http://localhost:4200/"),
            Some(("ends with a slash".into(), "`http://localhost:4200`".into()))
        );
        assert_eq!(
            said("https://app.example.com/login"),
            Some((
                "has a path (`/login`)".into(),
                "`https://app.example.com`".into()
            ))
        );
        assert_eq!(
            said("localhost:8080/"),
            Some((
                "has no scheme and ends with a path or slash".into(),
                "`http://localhost:8080`".into()
            ))
        );
        assert_eq!(
            said("a.domain:3000"),
            Some(("has no scheme".into(), "`https://a.domain:3000`".into()))
        );
        assert_eq!(
            said("https://a.example,https://b.example").map(|s| s.0),
            Some("holds more than one origin in one value".into())
        );
        for fine in [
            "https://app.example.com",
            "http://localhost:3000",
            "*",
            "null",
            "https://*.example.com",
            "^https://.*\\.example\\.com$",
            "${FRONTEND_URL}",
            "true",
        ] {
            assert_eq!(said(fine), None, "{fine}");
        }
        // Spring drops the slash (a path still never matches).
        let mut spring = entry("http://localhost:4200/");
        spring.trims_slash = true;
        assert!(never_matches(&spring).is_none());
        spring.value = "http://localhost:4200/app".into();
        assert!(never_matches(&spring).is_some());
        // rack-cors matches a host without a scheme.
        let mut rails = entry("localhost:3000");
        rails.any_scheme = true;
        assert!(never_matches(&rails).is_none());
    }
}
