//! The readable report for a terminal.

use whycors::cause::CauseKind;
use whycors::report::{Finding, Report};

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn red(&self, s: &str) -> String {
        self.paint("1;31", s)
    }
    fn green(&self, s: &str) -> String {
        self.paint("1;32", s)
    }
    fn yellow(&self, s: &str) -> String {
        self.paint("33", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    fn cyan(&self, s: &str) -> String {
        self.paint("36", s)
    }
}

/// Render the whole report.
pub fn render(report: &Report, color: bool, all_fixes: bool) -> String {
    let st = Style { on: color };
    let mut out = String::new();
    let n = report.findings.len();
    out.push_str(&format!(
        "{} {} cross-origin request{} read as {}, {} blocked{}\n",
        st.bold("whycors:"),
        n,
        if n == 1 { "" } else { "s" },
        report.input,
        report.blocked_count(),
        if report.same_origin_skipped > 0 {
            format!(" ({} same-origin left out)", report.same_origin_skipped)
        } else {
            String::new()
        }
    ));
    // What looked like a browser's message but was not read: said before the findings.
    if !report.unread.is_empty() {
        let k = report.unread.len();
        let what = if whycors::input::Unread::all_messages(&report.unread) {
            if k == 1 {
                " that looks like a browser's CORS message"
            } else {
                " that look like a browser's CORS message"
            }
        } else {
            ""
        };
        out.push_str(&format!(
            "\n{} {k} line{}{what}; the findings leave {} out:\n",
            st.bold("Not read:"),
            if k == 1 { "" } else { "s" },
            if k == 1 { "it" } else { "them" },
        ));
        for u in &report.unread {
            let text: String = u.text.chars().take(160).collect();
            let cut = if u.text.chars().count() > 160 {
                "…"
            } else {
                ""
            };
            let why = u.reason.map(|r| format!(" ({r})")).unwrap_or_default();
            out.push_str(&format!("   line {}: {text}{cut}{why}\n", u.line));
        }
    }
    for f in &report.findings {
        out.push('\n');
        finding(&mut out, f, &st, all_fixes);
    }
    if n == 0 {
        out.push_str("\nNo cross-origin request in the input.\n");
    }
    out
}

/// One finding alone, as `render` shows it.
pub fn render_finding(f: &Finding, color: bool, all_fixes: bool) -> String {
    let mut out = String::new();
    finding(&mut out, f, &Style { on: color }, all_fixes);
    out
}

/// Width on screen: characters, not counting ANSI escape sequences.
fn visible_len(s: &str) -> usize {
    let mut n = 0;
    let mut in_escape = false;
    for c in s.chars() {
        if in_escape {
            if c.is_ascii_alphabetic() {
                in_escape = false;
            }
        } else if c == '\x1b' {
            in_escape = true;
        } else {
            n += 1;
        }
    }
    n
}

/// Word-wrap `text` to `width` columns (prefix included): the first line starts with
/// `first`, the others with `rest` (a hanging indent).
pub fn wrap_hanging(text: &str, first: &str, rest: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let mut prefix = first;
    for word in text.split(' ') {
        if !line.is_empty()
            && visible_len(prefix) + visible_len(&line) + 1 + visible_len(word) > width
        {
            out.push_str(prefix);
            out.push_str(&line);
            out.push('\n');
            line.clear();
            prefix = rest;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(prefix);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn wrap(text: &str, indent: &str, width: usize) -> String {
    wrap_hanging(text, indent, indent, width)
}

/// The total width of the report's text.
pub const WIDTH: usize = 100;

/// One line of a fix, indented by `indent`. Long comment lines (`# …`, `// …`) and
/// numbered steps (`1. …`) are wrapped; code is left as written, ready to paste.
fn fix_line(line: &str, indent: &str) -> String {
    if line.trim().is_empty() {
        return "\n".to_string();
    }
    if visible_len(indent) + visible_len(line) <= WIDTH {
        return format!("{indent}{line}\n");
    }
    let body = line.trim_start();
    let lead = line.get(..line.len() - body.len()).unwrap_or("");
    for marker in ["# ", "// "] {
        if let Some(text) = body.strip_prefix(marker) {
            let p = format!("{indent}{lead}{marker}");
            return wrap_hanging(text, &p, &p, WIDTH);
        }
    }
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && lead.is_empty() && body.get(digits..digits + 2) == Some(". ") {
        let hang = format!("{indent}{}", " ".repeat(digits + 2));
        return wrap_hanging(body, indent, &hang, WIDTH);
    }
    format!("{indent}{line}\n")
}

/// Split a shell command into words, keeping single-quoted parts whole.
fn shell_words(cmd: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in cmd.char_indices() {
        match c {
            '\'' => {
                quoted = !quoted;
                start.get_or_insert(i);
            }
            ' ' if !quoted => {
                if let Some(s) = start.take() {
                    words.extend(cmd.get(s..i));
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(s) = start {
        words.extend(cmd.get(s..));
    }
    words
}

/// A curl command, one option per line with `\` continuations when it is long, so
/// it still pastes into a shell.
fn command_lines(cmd: &str, indent: &str) -> String {
    if visible_len(indent) + 2 + cmd.chars().count() <= WIDTH {
        return format!("{indent}$ {cmd}\n");
    }
    let words = shell_words(cmd);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut seen_url = false;
    let mut it = words.iter().peekable();
    while let Some(w) = it.next() {
        // After the URL, every option starts a line; an option keeps its argument.
        if seen_url && w.starts_with('-') && !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
        if w.contains("://") {
            seen_url = true;
        } else if seen_url && w.starts_with('-') {
            if let Some(arg) = it.next_if(|a| !a.starts_with('-')) {
                cur.push(' ');
                cur.push_str(arg);
            }
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    let mut out = String::new();
    let last = lines.len().saturating_sub(1);
    for (i, l) in lines.iter().enumerate() {
        let lead = if i == 0 { "$ " } else { "    " };
        let cont = if i < last { " \\" } else { "" };
        out.push_str(&format!("{indent}{lead}{l}{cont}\n"));
    }
    out
}

fn finding(out: &mut String, f: &Finding, st: &Style, all_fixes: bool) {
    let mark = if f.browser.blocked {
        st.red("✗ BLOCKED")
    } else if f.cause.kind == CauseKind::Ok && f.warnings.is_empty() {
        st.green("✓ OK")
    } else if f.cause.kind == CauseKind::Unknown {
        st.yellow("? UNKNOWN")
    } else {
        st.yellow("! WARNING")
    };
    let method = if f.request.method_basis == "assumed" {
        format!(
            "{} {}",
            st.bold(&f.request.method),
            st.dim(if f.request.method.starts_with('<') {
                "(the message names no method)"
            } else {
                "(method assumed)"
            })
        )
    } else if f.request.method_basis == "described" {
        format!(
            "{} {}",
            st.bold(&f.request.method),
            st.dim("(method from your words)")
        )
    } else if f.request.method_basis == "inferred" {
        format!(
            "{} {}",
            st.bold(&f.request.method),
            st.dim("(method from the signed URL)")
        )
    } else {
        st.bold(&f.request.method)
    };
    let url = if f.request.url.is_empty() {
        st.dim("(URL not in the input)")
    } else {
        f.request.url.clone()
    };
    out.push_str(&format!("{mark}  {method} {url}\n"));
    out.push_str(&format!(
        "   {} {}   {} {} ({})\n",
        st.dim("from"),
        f.request.origin.as_deref().unwrap_or("(unknown origin)"),
        st.dim("credentials"),
        f.request.credentials,
        f.request.credentials_basis
    ));
    if let Some(e) = &f.browser.cors_error {
        let param = f
            .browser
            .failed_parameter
            .as_deref()
            .filter(|p| !p.is_empty())
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        out.push_str(&format!("   {} {e}{param}", st.dim("Chrome:")));
        if let Some(k) = &f.browser.firefox {
            out.push_str(&format!("   {} {k}", st.dim("Firefox:")));
        }
        out.push('\n');
    } else if let Some(k) = &f.browser.firefox {
        out.push_str(&format!("   {} {k}\n", st.dim("Firefox:")));
    }
    let mut cause = format!("   {} {}", st.dim("cause:"), st.bold(f.cause.kind.as_str()));
    if let Some(s) = &f.cause.stage {
        cause.push_str(&format!(
            " at the {}",
            match s {
                whycors::verdict::Stage::Preflight => "preflight",
                whycors::verdict::Stage::Response => "response",
            }
        ));
    }
    if let Some(g) = f.cause.gateway {
        cause.push_str(&format!(" · {}", g.slug()));
        if let Some(r) = &f.cause.gateway_response {
            cause.push_str(&format!(" {r}"));
        }
    }
    if f.cause.gateway.is_none() {
        if let Some(p) = &f.cause.platform {
            // No response named the product; the URL's host says where the API runs.
            cause.push_str(&format!(
                " · {} {}",
                p.platform.slug(),
                st.dim("(from the URL)")
            ));
        }
    }
    out.push_str(&cause);
    out.push('\n');
    out.push('\n');
    out.push_str(&wrap(&f.summary, "   ", WIDTH));
    if let Some(h) = &f.hidden {
        out.push('\n');
        out.push_str(&wrap(
            &format!("{} {h}", st.bold("Hidden from the page:")),
            "   ",
            WIDTH,
        ));
    }
    if !f.evidence.is_empty() {
        out.push_str(&format!("\n   {}\n", st.bold("Evidence")));
        for e in &f.evidence {
            out.push_str(&wrap_hanging(e, "   • ", "     ", WIDTH));
        }
    }
    if !f.missing.is_empty() {
        out.push_str(&format!("\n   {}\n", st.bold("Missing from the input")));
        for m in &f.missing {
            out.push_str(&wrap_hanging(m, "   • ", "     ", WIDTH));
        }
    }
    if !f.warnings.is_empty() {
        out.push_str(&format!("\n   {}\n", st.yellow("Warnings")));
        for w in &f.warnings {
            out.push_str(&wrap_hanging(w, "   ! ", "     ", WIDTH));
        }
    }
    if let Some(c) = &f.browser.console {
        out.push_str(&format!("\n   {}\n", st.bold("Chrome's console says")));
        out.push_str(&wrap(c, "   ", WIDTH));
    }
    if !f.fixes.is_empty() {
        out.push_str(&format!("\n   {}\n", st.bold("Fix")));
        for (i, fix) in f.fixes.iter().enumerate() {
            if i == 0 || all_fixes {
                out.push_str(&format!("   {} {}\n", st.cyan("▸"), st.bold(&fix.title)));
                for l in fix.text.lines() {
                    out.push_str(&fix_line(l, "     "));
                }
            } else {
                out.push_str(&format!(
                    "   {} {} {}\n",
                    st.cyan("▸"),
                    fix.title,
                    st.dim(&format!("[{}]", fix.target))
                ));
            }
        }
        if !all_fixes && f.fixes.len() > 1 {
            out.push_str(&format!(
                "   {}\n",
                st.dim("(--all-fixes prints every fix in full; --json gives them all)")
            ));
        }
    }
    if !f.reproduce.is_empty() {
        out.push_str(&format!("\n   {}\n", st.bold("Reproduce")));
        for c in &f.reproduce {
            out.push_str(&command_lines(c, "   "));
        }
    }
}
