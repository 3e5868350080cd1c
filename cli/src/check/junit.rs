//! JUnit XML for CI: one `<testsuite>` per endpoint, one `<testcase>` per check
//! (the request and each error-path probe, per origin). A failure's message is
//! the browser's console sentence and the cause.

use super::{Outcome, Status};

/// Escape for XML 1.0 text and attribute values; characters XML 1.0 cannot hold
/// (most C0 controls) are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn secs(s: f64) -> String {
    format!("{s:.3}")
}

/// The details under a failure: what was sent and the finding's evidence.
fn details(o: &Outcome) -> String {
    let mut t = format!("{} {} from {}\n", o.method, o.url, o.origin);
    if let Some(f) = &o.finding {
        t.push_str(&format!(
            "cause: {}\n{}\n",
            f.cause.kind.as_str(),
            f.summary
        ));
        for e in &f.evidence {
            t.push_str(&format!("- {e}\n"));
        }
        if let Some(fix) = f.fixes.first() {
            t.push_str(&format!("fix: {}\n", fix.title));
        }
    }
    if let Some(n) = &o.not_sent {
        t.push_str(&format!("not sent: {n}\n"));
    }
    t
}

pub fn render(outcomes: &[Outcome], total_seconds: f64) -> String {
    let count = |s: &str| outcomes.iter().filter(|o| o.status.as_str() == s).count();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<testsuites name=\"whycors check\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{}\">\n",
        outcomes.len(),
        count("failed"),
        count("error"),
        count("skipped"),
        secs(total_seconds)
    ));
    // Endpoints in first-seen order.
    let mut names: Vec<&str> = Vec::new();
    for o in outcomes {
        if !names.contains(&o.endpoint.as_str()) {
            names.push(&o.endpoint);
        }
    }
    for name in names {
        let group: Vec<&Outcome> = outcomes.iter().filter(|o| o.endpoint == name).collect();
        let c = |s: &str| group.iter().filter(|o| o.status.as_str() == s).count();
        xml.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{}\">\n",
            escape(name),
            group.len(),
            c("failed"),
            c("error"),
            c("skipped"),
            secs(group.iter().map(|o| o.seconds).sum())
        ));
        for o in group {
            let case = format!("{} from {}", o.label(), o.origin);
            let open = format!(
                "    <testcase classname=\"{}\" name=\"{}\" time=\"{}\"",
                escape(name),
                escape(&case),
                secs(o.seconds)
            );
            match &o.status {
                Status::Passed => xml.push_str(&format!("{open}/>\n")),
                Status::Failed(m) => {
                    let kind = o
                        .finding
                        .as_ref()
                        .map(|f| f.cause.kind.as_str())
                        .unwrap_or("failed");
                    xml.push_str(&format!(
                        "{open}>\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                        escape(m),
                        escape(kind),
                        escape(&details(o))
                    ));
                }
                Status::Skipped(m) => xml.push_str(&format!(
                    "{open}>\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                    escape(m)
                )),
                Status::Error(m) => {
                    let kind = o.net_error.as_ref().map(|e| e.chromium).unwrap_or("error");
                    xml.push_str(&format!(
                        "{open}>\n      <error message=\"{}\" type=\"{}\">{}</error>\n    </testcase>\n",
                        escape(m),
                        escape(kind),
                        escape(&details(o))
                    ));
                }
            }
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(
            escape("a<b>&\"c\"'\u{1}\u{7}\n"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;\n"
        );
    }
}
