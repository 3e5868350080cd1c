//! The origins a server's CORS settings pasted beside a capture allow: Django's
//! `CORS_ALLOWED_ORIGINS = ('localhost:8080/',)`, ASP.NET's `WithOrigins("http://localhost:4200/")`,
//! Express's `cors({ origin: [...] })`, nginx's `add_header Access-Control-Allow-Origin …`.
//! Only read here, as written; whether each can ever equal a page's origin is judged with the
//! finding ([`crate::cause::allow_list_notes`]).

use crate::exchange::AllowedOrigin;

/// How a setting holds its origins.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The string literals of the value after the name: one, a list, a call's arguments.
    Literals,
    /// rack-cors' `origins 'localhost:3000', …`: a string without a scheme matches any scheme.
    RackCors,
    /// `NAME=https://a.example,https://b.example` on a line of its own (an env file).
    Env,
    /// A header set in a server's config or code: the next value on the line is the header's.
    Header,
    /// A YAML key whose values are its list's items (`- a.example`), unquoted or quoted, on the
    /// lines under it, or a flow list on its line (`[a, b]`): Traefik's headers middleware.
    YamlList,
}

/// The settings' names as written (case counts), and their form.
const SETTINGS: &[(&str, Form)] = &[
    ("CORS_ORIGIN_WHITELIST", Form::Literals),
    ("CORS_ALLOWED_ORIGINS", Form::Literals),
    ("allow_origins", Form::Literals),
    ("WithOrigins(", Form::Literals),
    ("allowedOrigins", Form::Literals),
    ("setAllowedOrigins(", Form::Literals),
    ("addAllowedOrigin(", Form::Literals),
    ("origins = ", Form::Literals),
    ("AllowedOrigins:", Form::Literals),
    ("AllowOrigins:", Form::Literals),
    ("AllowOrigin:", Form::Literals),
    ("allowOrigins:", Form::Literals),
    ("'allowed_origins'", Form::Literals),
    ("\"allowed_origins\"", Form::Literals),
    ("origins=", Form::Literals),
    ("\"origins\":", Form::Literals),
    ("'origins':", Form::Literals),
    ("origin:", Form::Literals),
    ("origins ", Form::RackCors),
    ("ALLOWED_ORIGINS=", Form::Env),
    ("CORS_ORIGINS=", Form::Env),
    ("CORS_ORIGIN=", Form::Env),
    ("CORS_ALLOWED_ORIGINS=", Form::Env),
    ("Access-Control-Allow-Origin", Form::Header),
    ("accessControlAllowOriginList:", Form::YamlList),
];

/// At most this many values are kept (a paste is read, not a code base).
const MAX: usize = 64;

/// Every origin the pasted settings allow, in the order written.
pub fn read(text: &str) -> Vec<AllowedOrigin> {
    let mut out: Vec<AllowedOrigin> = Vec::new();
    // A capture or a log has no settings: a quick test before any line is looked at.
    if !text.contains("ORIGIN") && !SETTINGS.iter().any(|(name, _)| text.contains(name)) {
        return out;
    }
    let mut offset = 0;
    let lines: Vec<&str> = text.split('\n').collect();
    let starts: Vec<usize> = lines
        .iter()
        .map(|l| {
            let s = offset;
            offset += l.len() + 1;
            s
        })
        .collect();
    let line_at = |byte: usize| starts.partition_point(|&s| s <= byte);
    for (name, form) in SETTINGS {
        let mut from = 0;
        while let Some(i) = text
            .get(from..)
            .and_then(|r| r.find(name))
            .map(|i| from + i)
        {
            from = i + name.len();
            if out.len() >= MAX {
                return out;
            }
            // A name inside a longer one (`CORS_ALLOWED_ORIGINS` in `CORS_ALLOWED_ORIGINS=`
            // is the same setting, read once by whichever form fits).
            let before = text[..i].chars().next_back();
            let word_start = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
            if !word_start && !name.starts_with(['\'', '"', '@']) {
                continue;
            }
            // `headers: { origin: '…' }` sets a request header, allows nothing.
            if *name == "origin:" {
                let open = text[..i].rfind('{').unwrap_or(0);
                let before = text[..open].trim_end().to_ascii_lowercase();
                if before.ends_with("headers:")
                    || before.ends_with("headers =")
                    || before.ends_with("headers(")
                {
                    continue;
                }
            }
            // A quoted key (PHP's `'allowedOrigins' => ['*']`, JSON's "allowedOrigins": …):
            // its closing quote is no literal's start.
            if let (Some(q @ ('\'' | '"')), true) = (before, text[from..].starts_with(['\'', '"']))
            {
                if text[from..].starts_with(q) {
                    from += 1;
                }
            }
            let line_no = line_at(i);
            let setting = name
                .trim_end_matches(['(', ':', '=', ' '])
                .trim_matches(['\'', '"']);
            let found = match form {
                Form::Literals => literals_after(text, from),
                Form::RackCors => {
                    // Ruby: `origins 'a', 'b'` at the start of a statement (not Python's
                    // `origins = [...]`).
                    let line = lines.get(line_no - 1).copied().unwrap_or("");
                    let args = text[from..].trim_start_matches(' ');
                    if !line.trim_start().starts_with("origins ") || !args.starts_with(['\'', '"'])
                    {
                        continue;
                    }
                    literals_after(text, from)
                }
                Form::Env => {
                    let line = lines.get(line_no - 1).copied().unwrap_or("");
                    let t = line.trim_start().trim_start_matches("export ");
                    if !t.starts_with(name) {
                        continue;
                    }
                    let value = t[name.len()..].trim();
                    // A list in brackets is code, read as literals.
                    if value.starts_with(['[', '(', '{']) {
                        continue;
                    }
                    value
                        .trim_matches(['"', '\''])
                        .split(',')
                        .map(|v| (v.trim().to_string(), i))
                        .filter(|(v, _)| !v.is_empty())
                        .collect()
                }
                Form::Header => header_value(text, i, name.len()),
                Form::YamlList => yaml_list(text, from),
            };
            // Spring's CorsConfiguration drops a trailing slash from the origins it is given
            // (and addAllowedOrigin splits a comma-separated list).
            let line = lines.get(line_no - 1).copied().unwrap_or("");
            let spring = matches!(*name, "setAllowedOrigins(" | "addAllowedOrigin(")
                || (*name == "allowedOrigins" && text[from..].trim_start().starts_with('('))
                || (*name == "origins = " && line.contains("@CrossOrigin"));
            for (value, at) in found {
                if out.iter().any(|o| o.value == value && o.setting == setting) {
                    continue;
                }
                out.push(AllowedOrigin {
                    line: line_at(at),
                    setting: setting.to_string(),
                    value,
                    any_scheme: *form == Form::RackCors,
                    header: *form == Form::Header,
                    trims_slash: spring,
                });
            }
        }
    }
    for (setting, value, at) in named_in_capitals(text) {
        if out.len() >= MAX {
            break;
        }
        if out.iter().any(|o| o.value == value) {
            continue;
        }
        out.push(AllowedOrigin {
            line: line_at(at),
            setting,
            value,
            any_scheme: false,
            header: false,
            trims_slash: false,
        });
    }
    out.sort_by_key(|o| o.line);
    out
}

/// The items of the YAML list after a key (its text from `from`, the key's colon read): a flow
/// list on the key's line, or the `- item` lines under it; each with its byte offset.
fn yaml_list(text: &str, from: usize) -> Vec<(String, usize)> {
    let unquote = |v: &str| v.trim().trim_matches(['"', '\'']).trim().to_string();
    let rest = &text[from..];
    let (first, _) = rest.split_once('\n').unwrap_or((rest, ""));
    let inline = first.trim();
    if let Some(list) = inline.strip_prefix('[') {
        let list = list.split(']').next().unwrap_or("");
        let start = from + first.find('[').unwrap_or(0) + 1;
        return list
            .split(',')
            .map(unquote)
            .filter(|v| !v.is_empty())
            .map(|v| (v, start))
            .collect();
    }
    if !inline.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = from + first.len() + 1;
    for line in text.get(at..).unwrap_or("").split('\n') {
        let t = line.trim_start();
        match t.strip_prefix("- ") {
            Some(item) => {
                let v = unquote(item.split(" #").next().unwrap_or(item));
                if !v.is_empty() {
                    out.push((v, at));
                }
            }
            None if t.is_empty() => {}
            None => break,
        }
        at += line.len() + 1;
    }
    out
}

/// An application's own setting in capitals (`WHITELISTED_ORIGINS=…`, `- CORS_ORIGINS=…` in a
/// compose file, `APP_CORS_ORIGINS: "…"`, or named in prose: ``WHITELISTED_ORIGINS `app://x` ``),
/// with the values written after it on its line that are URLs or `*`. The names the table
/// above knows are read there.
fn named_in_capitals(text: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text
        .get(from..)
        .and_then(|r| r.find("ORIGIN"))
        .map(|i| from + i)
    {
        from = i + 6;
        let is_name = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_';
        let mut start = i;
        while start > 0 && is_name(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = i + 6;
        while end < bytes.len() && is_name(bytes[end]) {
            end += 1;
        }
        from = from.max(end);
        let name = &text[start..end];
        let word = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        let after_ok = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
        if !word || !after_ok || !name.contains('_') || !name.ends_with(['N', 'S']) {
            continue;
        }
        if SETTINGS
            .iter()
            .any(|(n, _)| n.trim_end_matches(['=', ':', '(', ' ']) == name)
        {
            continue;
        }
        let line_end = text[end..].find('\n').map_or(text.len(), |j| end + j);
        let rest = &text[end..line_end];
        let lead = rest.trim_start_matches(['`', '"', '\'', ' ', '\t']);
        let skip = rest.len() - lead.len();
        let (values, unquoted): (Vec<(&str, usize)>, bool) =
            match lead.strip_prefix('=').or_else(|| lead.strip_prefix(':')) {
                Some(v) if !v.trim_start().starts_with(['"', '\'', '`', '[', '(', '{']) => {
                    let at = end + skip + 1 + (v.len() - v.trim_start().len());
                    let v = v.trim();
                    let mut parts = Vec::new();
                    let mut off = 0;
                    for p in v.split([',', ' ']) {
                        parts.push((p, at + off));
                        off += p.len() + 1;
                    }
                    (parts, true)
                }
                _ => {
                    let mut parts = Vec::new();
                    let mut k = 0;
                    let r = rest.as_bytes();
                    while k < r.len() {
                        if matches!(r[k], b'"' | b'\'' | b'`') {
                            let q = r[k] as char;
                            if let Some(len) = rest[k + 1..].find(q) {
                                parts.push((&rest[k + 1..k + 1 + len], end + k + 1));
                                k += len + 2;
                                continue;
                            }
                            break;
                        }
                        k += 1;
                    }
                    (parts, false)
                }
            };
        for (v, at) in values {
            let v = v.trim().trim_end_matches(['.', ';']);
            let v = if unquoted {
                v.trim_matches(['"', '\''])
            } else {
                v
            };
            if v == "*" || (v.contains("://") && !v.contains(char::is_whitespace)) {
                out.push((name.to_string(), v.to_string(), at));
            }
        }
    }
    out
}

/// The string literals of the value that starts at byte `at` (after the setting's name):
/// up to the end of its brackets, or of its line when it opens none. With the byte each
/// starts at.
fn literals_after(text: &str, at: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = at;
    // Past `=`, `:`, `=>`, spaces: the value must start within the line.
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'=' | b':' | b'>') {
        i += 1;
    }
    let mut depth = 0usize;
    let mut opened = false;
    let mut limit = (at + 4000).min(bytes.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    while i < limit {
        let b = bytes[i];
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                opened = true;
            }
            b')' | b']' | b'}' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                if depth == 0 && opened {
                    break;
                }
            }
            b'\n' | b';' if depth == 0 => break,
            // A comment to the end of the line.
            b'#' if depth > 0 || !out.is_empty() => {
                while i < limit && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < limit && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\'' | b'"' | b'`' => {
                let close = b;
                let start = i + 1;
                let Some(len) = text[start..limit].find(close as char) else {
                    break;
                };
                let v = &text[start..start + len];
                if !v.contains('\n') {
                    out.push((v.to_string(), start));
                }
                i = start + len + 1;
                continue;
            }
            // A call or a typed list around the literals (`Arrays.asList(`, `List.of(`,
            // `new[] {`, `[]string{`): on to its bracket. Any other value (`true`, a
            // function, a variable) is no list.
            _ if depth == 0 && !b.is_ascii_whitespace() && b != b',' => {
                if !out.is_empty() {
                    i += 1;
                    continue;
                }
                let mut j = i;
                while j < limit
                    && (bytes[j].is_ascii_alphanumeric()
                        || matches!(bytes[j], b'_' | b'.' | b'<' | b'>' | b' '))
                {
                    j += 1;
                }
                if j < limit && matches!(bytes[j], b'(' | b'[' | b'{') && j > i {
                    i = j;
                    continue;
                }
                break;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The value a header line of a server's config or code gives Access-Control-Allow-Origin
/// (`name_at` where the name starts): nginx's `add_header NAME "V" always;`, Apache's
/// `Header set NAME "V"`, PHP's `header('NAME: V')`, Node's `res.setHeader('NAME', 'V')`.
/// Nothing for a header block (`NAME: V` on its own is a response, read elsewhere).
fn header_value(text: &str, name_at: usize, name_len: usize) -> Vec<(String, usize)> {
    let line_start = text[..name_at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[name_at..]
        .find('\n')
        .map_or(text.len(), |i| name_at + i);
    let head = text[line_start..name_at].trim_start();
    let after = &text[name_at + name_len..line_end];
    let at = name_at + name_len;
    let set_by = |h: &str| {
        h.starts_with("add_header")
            || h.starts_with("more_set_headers")
            || h.starts_with("Header ")
            || h.contains("header(")
            || h.contains("Header(")
            || h.contains("setHeader(")
            || h.contains(".set(")
            || h.contains(".header(")
            || h.contains("headers[")
    };
    if !set_by(head) {
        return Vec::new();
    }
    // PHP's one string: `header('Access-Control-Allow-Origin: V')`.
    if let Some(rest) = after.strip_prefix(':') {
        let v = rest.trim_start();
        let end = v.find(['\'', '"']).unwrap_or(v.len());
        let value = v[..end].trim();
        let start = at + 1 + (rest.len() - v.len());
        if value.is_empty() {
            return Vec::new();
        }
        return vec![(value.to_string(), start)];
    }
    // The name's own closing quote, then a comma, `]` or `=`: then the value.
    let rest = after.strip_prefix(['\'', '"']).unwrap_or(after);
    let rest = rest.trim_start_matches([',', ']', ' ', '\t', '=']);
    let start = at + (after.len() - rest.len());
    let (value, skip) = match rest.chars().next() {
        Some(q @ ('\'' | '"' | '`')) => {
            let inner = &rest[1..];
            match inner.find(q) {
                Some(e) => (&inner[..e], 1),
                None => return Vec::new(),
            }
        }
        Some(_) => {
            let end = rest.find([' ', '\t', ';']).unwrap_or(rest.len());
            (&rest[..end], 0)
        }
        None => return Vec::new(),
    };
    let value = value.trim();
    if value.is_empty() {
        return Vec::new();
    }
    vec![(value.to_string(), start + skip)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(usize, String, String)> {
        read(text)
            .into_iter()
            .map(|o| (o.line, o.setting, o.value))
            .collect()
    }

    #[test]
    fn settings_of_each_stack() {
        let django =
            "CORS_ORIGIN_WHITELIST = (\n\t'localhost:8080/', \t# dev\n\t'a.domain:3000/'\n)\n";
        assert_eq!(
            values(django),
            vec![
                (2, "CORS_ORIGIN_WHITELIST".into(), "localhost:8080/".into()),
                (3, "CORS_ORIGIN_WHITELIST".into(), "a.domain:3000/".into()),
            ]
        );
        let aspnet = "services.AddCors(o => o.AddPolicy(\"x\", b => b.WithOrigins(\"http://localhost:4200/\", \"https://app.example.com\").AllowAnyHeader()));";
        assert_eq!(
            values(aspnet).into_iter().map(|v| v.2).collect::<Vec<_>>(),
            ["http://localhost:4200/", "https://app.example.com"]
        );
        let express = "app.use(cors({\n  origin: ['https://app.example.com/', \"http://localhost:3000\"],\n  credentials: true,\n}));";
        assert_eq!(values(express).len(), 2);
        // A request's headers object sets Origin, it allows nothing.
        assert!(values("fetch(url, { headers: { origin: 'https://evil.example' } })").is_empty());
        // `origin: true` or a function is no list.
        assert!(values("app.use(cors({ origin: true, credentials: true }))").is_empty());
        let nginx = "location / {\n    add_header Access-Control-Allow-Origin \"https://app.example.com/\" always;\n}";
        assert_eq!(
            values(nginx),
            vec![(
                2,
                "Access-Control-Allow-Origin".into(),
                "https://app.example.com/".into()
            )]
        );
        let php = "<?php\nheader('Access-Control-Allow-Origin: http://localhost:3000/');";
        assert_eq!(values(php)[0].2, "http://localhost:3000/");
        let node = "res.setHeader('Access-Control-Allow-Origin', 'http://localhost:3000');";
        assert_eq!(values(node)[0].2, "http://localhost:3000");
        // A quoted key: the value after `=>`, not the key's closing quote.
        assert_eq!(
            values("'allowedOrigins' => ['*'],\n'allowedHeaders' => ['Authorization'],\n"),
            vec![(1, "allowedOrigins".into(), "*".into())]
        );
        let env = "PORT=8080\nALLOWED_ORIGINS=https://a.example.com/,http://localhost:5173\n";
        assert_eq!(values(env).len(), 2);
        // An application's own setting in capitals: in an env file, a compose file, prose.
        assert_eq!(
            values("- WHITELISTED_ORIGINS=app://a_b,http://localhost:3000\n"),
            vec![
                (1, "WHITELISTED_ORIGINS".into(), "app://a_b".into()),
                (
                    1,
                    "WHITELISTED_ORIGINS".into(),
                    "http://localhost:3000".into()
                ),
            ]
        );
        assert_eq!(
            values("I wonder WHITELISTED_ORIGINS `app://x_y` fails with:")[0].2,
            "app://x_y"
        );
        assert_eq!(
            values("  APP_CORS_ORIGINS: \"https://a.example\"  # prod")[0].2,
            "https://a.example"
        );
        // A name without a value on its line, or words, allow nothing.
        assert!(values("I set CORS_ORIGINS in the env file but it fails").is_empty());
        assert!(values("ORIGIN_URL=https://a.example").is_empty());
        // Spring trims the slash: the entry says so.
        let spring = read("config.setAllowedOrigins(Arrays.asList(\"http://localhost:4200/\"));\n@CrossOrigin(origins = \"http://localhost:3000/\")");
        assert_eq!(spring.len(), 2);
        assert!(spring.iter().all(|o| o.trims_slash), "{spring:?}");
        let python = read("origins = [\"http://localhost:3000/\"]\napp.add_middleware(CORSMiddleware, allow_origins=origins)");
        assert_eq!(python.len(), 1);
        assert!(!python[0].trims_slash);
        let rails = "allow do\n  origins 'localhost:3000', '127.0.0.1:3000'\n  resource '*'\nend";
        let r = read(rails);
        assert_eq!(r.len(), 2);
        assert!(r[0].any_scheme);
        // A response's header block is the response's, not a setting.
        assert!(
            values("HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://a.example/\n").is_empty()
        );
        // A message naming the header is no setting either.
        assert!(values(
            "No 'Access-Control-Allow-Origin' header is present on the requested resource."
        )
        .is_empty());
    }

    #[test]
    fn unterminated_or_huge_input_never_panics() {
        for t in [
            "CORS_ALLOWED_ORIGINS = ['http://a",
            "WithOrigins(\"",
            "add_header Access-Control-Allow-Origin",
            "header('Access-Control-Allow-Origin:",
            "origin: [",
            "é CORS_ORIGIN_WHITELIST=é",
        ] {
            let _ = read(t);
        }
        // The value's end falls inside a character: still no panic.
        for pad in 0..4 {
            let t = format!(
                "CORS_ALLOWED_ORIGINS = ['{}{}",
                "a".repeat(3990 + pad),
                "é".repeat(10)
            );
            let _ = read(&t);
        }
        let many = "CORS_ALLOWED_ORIGINS = ['http://a.example/']\n".repeat(500);
        assert!(read(&many).len() <= MAX);
    }
}
