//! A server's access log pasted with a report: the lines where it answered an OPTIONS
//! request, which give the preflight's status the browser hid. Read in the forms servers
//! print them: the common/combined log format and what uvicorn, gunicorn and Python's
//! http.server print (`"OPTIONS /path HTTP/1.1" 405`), morgan's `OPTIONS /path 204 …`, and
//! gin's `| 403 | … | OPTIONS "/path"` (Ollama's log among others).

/// One logged answer to an OPTIONS request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedOptions {
    /// The 1-based line.
    pub line: usize,
    /// The request's path as logged (its query string left on).
    pub path: String,
    pub status: u16,
}

/// Every OPTIONS answer logged in `text`, in order.
pub fn options_lines(text: &str) -> Vec<LoggedOptions> {
    if text.trim_start().starts_with('{') {
        return Vec::new();
    }
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let (path, status) = quoted_request(l).or_else(|| gin(l)).or_else(|| morgan(l))?;
            Some(LoggedOptions {
                line: i + 1,
                path,
                status,
            })
        })
        .collect()
}

/// A three-digit HTTP status at the start of `s` (then a space or the end).
fn status_at(s: &str) -> Option<u16> {
    let d = s.get(..3)?;
    let after = s.get(3..).unwrap_or("");
    let ok = d.bytes().all(|b| b.is_ascii_digit())
        && (after.is_empty() || after.starts_with([' ', '\t', ',']));
    d.parse().ok().filter(|n| ok && (100..600).contains(n))
}

/// `… "OPTIONS /path HTTP/1.1" 405 …`.
fn quoted_request(l: &str) -> Option<(String, u16)> {
    let at = l.find("\"OPTIONS ")?;
    let rest = &l[at + "\"OPTIONS ".len()..];
    let close = rest.find('"')?;
    let path = rest[..close].split(" HTTP/").next()?.trim();
    let status = status_at(rest[close + 1..].trim_start())?;
    path.starts_with('/').then(|| (path.to_string(), status))
}

/// gin's `[GIN] 2024/03/05 - 23:46:03 | 403 |  0s | 127.0.0.1 | OPTIONS  "/api/chat"`.
fn gin(l: &str) -> Option<(String, u16)> {
    if !l.contains("[GIN]") {
        return None;
    }
    let cells: Vec<&str> = l.split('|').map(str::trim).collect();
    let status = cells
        .iter()
        .find_map(|c| status_at(c).filter(|_| c.len() == 3))?;
    let call = cells.iter().find_map(|c| c.strip_prefix("OPTIONS"))?.trim();
    // The quoted path (the line may go on in a person's words).
    let path = match call.strip_prefix('"') {
        Some(q) => q.split('"').next()?,
        None => call.split_whitespace().next()?,
    };
    path.starts_with('/').then(|| (path.to_string(), status))
}

/// morgan's `OPTIONS /path 204 1.234 ms - 0` (the line may start with a time stamp).
fn morgan(l: &str) -> Option<(String, u16)> {
    let at = l.find("OPTIONS /")?;
    if at > 0 && !l[..at].ends_with([' ', '\t']) {
        return None;
    }
    let mut words = l[at + "OPTIONS ".len()..].split_whitespace();
    let path = words.next()?;
    let status = status_at(words.next()?)?;
    Some((path.to_string(), status))
}

/// The logged OPTIONS answer for a request to `url` (its path, without the query, equal to
/// the logged one's), or the only one logged when the URL is not known.
pub fn for_url<'a>(logged: &'a [LoggedOptions], url: &str) -> Option<&'a LoggedOptions> {
    let path_of = |p: &str| p.split(['?', '#']).next().unwrap_or("").to_string();
    match url::Url::parse(url) {
        Ok(u) => logged.iter().find(|l| path_of(&l.path) == u.path()),
        Err(_) if url.is_empty() && logged.len() == 1 => logged.first(),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_servers_log_options_in() {
        let got = |l: &str| options_lines(l).first().map(|o| (o.path.clone(), o.status));
        assert_eq!(
            got("2025-12-17 10:52:39 | INFO | logging:callHandlers:1706 - 127.0.0.1:59603 - \"OPTIONS /v1/chat/completions HTTP/1.1\" 405"),
            Some(("/v1/chat/completions".into(), 405))
        );
        assert_eq!(
            got("INFO:     127.0.0.1:50421 - \"OPTIONS /items HTTP/1.1\" 400 Bad Request"),
            Some(("/items".into(), 400))
        );
        assert_eq!(
            got("[GIN] 2024/03/05 - 23:46:03 | 403 |            0s |       127.0.0.1 | OPTIONS  \"/api/chat\""),
            Some(("/api/chat".into(), 403))
        );
        assert_eq!(
            got("10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] \"OPTIONS /api/x?y=1 HTTP/2.0\" 204 0 \"-\" \"Mozilla\""),
            Some(("/api/x?y=1".into(), 204))
        );
        assert_eq!(
            got("OPTIONS /api/login 404 2.113 ms - 149"),
            Some(("/api/login".into(), 404))
        );
        for none in [
            "\"GET /api/x HTTP/1.1\" 200",
            "the server answers OPTIONS /api with 200",
            "we send OPTIONS /api/x 2 times",
        ] {
            assert_eq!(got(none), None, "{none}");
        }
        let logged = options_lines("\"OPTIONS /a HTTP/1.1\" 403\n\"OPTIONS /b HTTP/1.1\" 405\n");
        assert_eq!(
            for_url(&logged, "https://x.example/b?q=1").map(|l| l.status),
            Some(405)
        );
        assert_eq!(for_url(&logged, "https://x.example/c"), None);
        assert_eq!(for_url(&logged, ""), None);
    }
}
