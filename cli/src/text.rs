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
    for f in &report.findings {
        out.push('\n');
        finding(&mut out, f, &st, all_fixes);
    }
    if n == 0 {
        out.push_str("\nNo cross-origin request in the input.\n");
    }
    out
}

fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
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
    out.push_str(&format!(
        "{mark}  {} {}\n",
        st.bold(&f.request.method),
        f.request.url
    ));
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
    out.push_str(&cause);
    out.push('\n');
    out.push('\n');
    out.push_str(&wrap(&f.summary, "   ", 96));
    if let Some(h) = &f.hidden {
        out.push('\n');
        out.push_str(&wrap(
            &format!("{} {h}", st.bold("Hidden from the page:")),
            "   ",
            96,
        ));
    }
    if !f.evidence.is_empty() {
        out.push_str(&format!("\n   {}\n", st.bold("Evidence")));
        for e in &f.evidence {
            out.push_str(&format!("   • {e}\n"));
        }
    }
    if !f.missing.is_empty() {
        out.push_str(&format!("\n   {}\n", st.bold("Missing from the input")));
        for m in &f.missing {
            out.push_str(&wrap(m, "   • ", 92));
        }
    }
    if !f.warnings.is_empty() {
        out.push_str(&format!("\n   {}\n", st.yellow("Warnings")));
        for w in &f.warnings {
            out.push_str(&wrap(w, "   ! ", 92));
        }
    }
    if let Some(c) = &f.browser.console {
        out.push_str(&format!("\n   {}\n", st.bold("Chrome's console says")));
        out.push_str(&wrap(c, "   ", 96));
    }
    if !f.fixes.is_empty() {
        out.push_str(&format!("\n   {}\n", st.bold("Fix")));
        for (i, fix) in f.fixes.iter().enumerate() {
            if i == 0 || all_fixes {
                out.push_str(&format!("   {} {}\n", st.cyan("▸"), st.bold(&fix.title)));
                for l in fix.text.lines() {
                    out.push_str(&format!("     {l}\n"));
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
            out.push_str(&format!("   $ {c}\n"));
        }
    }
}
