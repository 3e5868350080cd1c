//! The evidence, highlighted in the input: header lines, status lines, hosts, bodies.

use leptos::prelude::*;

/// What to look for in the input, from the finding's evidence lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// A header name (lower-case): lines naming it.
    Header(String),
    /// A status code: status lines carrying it.
    Status(String),
    /// Plain text (a host, the start of a body).
    Text(String),
}

/// The terms a finding's evidence names.
pub fn evidence_terms(evidence: &[String]) -> Vec<Term> {
    let mut terms = Vec::new();
    for e in evidence {
        let e = e.trim();
        if let Some(rest) = e
            .strip_prefix("response status: ")
            .or_else(|| e.strip_prefix("preflight status: "))
            .or_else(|| e.strip_prefix("status: "))
        {
            let code: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if code.len() == 3 {
                terms.push(Term::Status(code));
            }
        } else if e.starts_with("host ") {
            // The host is on every line of a capture: nothing to single out.
        } else if let Some(rest) = e.strip_prefix("body: ") {
            let start: String = rest.chars().take(24).collect();
            if !start.trim().is_empty() {
                terms.push(Term::Text(start.to_ascii_lowercase()));
            }
        } else if let Some((name, _)) = e.split_once(": ") {
            let name = name.trim();
            if !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                terms.push(Term::Header(name.to_ascii_lowercase()));
            }
        }
    }
    terms
}

/// Does this input line show one of the terms?
pub fn line_matches(line: &str, terms: &[Term]) -> bool {
    let l = line.to_ascii_lowercase();
    terms.iter().any(|t| match t {
        Term::Header(h) => {
            let t = l.trim();
            l.contains(&format!("{h}:"))
                || l.contains(&format!("\"{h}\""))
                || l.contains(&format!("'{h}'"))
                // DevTools' Headers view: the name alone on its line, or before a tab.
                || t.trim_end_matches(':').trim_end() == h
                || t.starts_with(&format!("{h}\t"))
        }
        Term::Status(s) => {
            let t = l.trim();
            (l.contains("http/") && l.contains(&format!(" {s}")))
                || (l.contains("\"status\"") && l.contains(s.as_str()))
                // DevTools' "Status Code: 403 Forbidden" row, or its value on its own line.
                || (t.starts_with("status") && t.contains(s.as_str()))
                || t == s.as_str()
                || t.starts_with(&format!("{s} "))
        }
        Term::Text(t) => l.contains(t.as_str()),
    })
}

/// Lines shown around a highlighted line in a long input.
const CONTEXT: usize = 2;
/// Inputs up to this many lines are shown whole.
const WHOLE: usize = 60;
/// Inputs longer than this are not shown at all.
const MAX_CHARS: usize = 400_000;

/// The input with the evidence lines (or one error line) highlighted. Long inputs show
/// only the highlighted lines with a little context.
#[component]
pub fn InputView(
    #[prop(into)] text: String,
    #[prop(optional)] terms: Vec<Term>,
    /// A 1-based line to mark as the place of an error.
    #[prop(optional)]
    error_line: Option<usize>,
) -> impl IntoView {
    if text.len() > MAX_CHARS {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let hit: Vec<bool> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| error_line == Some(i + 1) || (!terms.is_empty() && line_matches(l, &terms)))
        .collect();
    if !hit.iter().any(|&h| h) {
        return None;
    }
    let show: Vec<bool> = if lines.len() <= WHOLE {
        vec![true; lines.len()]
    } else {
        (0..lines.len())
            .map(|i| {
                let lo = i.saturating_sub(CONTEXT);
                let hi = (i + CONTEXT).min(lines.len().saturating_sub(1));
                hit.get(lo..=hi).is_some_and(|w| w.iter().any(|&h| h))
            })
            .collect()
    };
    let mut rows = Vec::new();
    let mut gap = false;
    for (i, line) in lines.iter().enumerate() {
        if !show.get(i).copied().unwrap_or(false) {
            gap = true;
            continue;
        }
        if gap {
            rows.push(view! { <span class="gap">"…\n"</span> }.into_any());
            gap = false;
        }
        let is_hit = hit.get(i).copied().unwrap_or(false);
        let is_err = error_line == Some(i + 1);
        let text: String = line.chars().take(400).collect();
        rows.push(
            view! {
                <span class="line" class:hit=is_hit && !is_err class:err=is_err data-line=i + 1>
                    <span class="ln" aria-hidden="true">{format!("{:>4} ", i + 1)}</span>
                    {if is_hit { view! { <mark>{text}</mark> }.into_any() } else { text.into_any() }}
                    "\n"
                </span>
            }
            .into_any(),
        );
    }
    let label = if error_line.is_some() {
        "The input, where it could not be read"
    } else {
        "The input, evidence highlighted"
    };
    Some(view! { <pre class="input-view" aria-label=label tabindex="0">{rows}</pre> })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_and_matching() {
        let ev = vec![
            "response status: 429 Too Many Requests".to_string(),
            "the response has no `Access-Control-Allow-Origin` header".to_string(),
            "x-amzn-errortype: TooManyRequestsException".to_string(),
            "host abc.execute-api.us-east-1.amazonaws.com (*.execute-api.<region>.amazonaws.com)"
                .to_string(),
        ];
        let t = evidence_terms(&ev);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(line_matches("< HTTP/2 429 ", &t));
        assert!(line_matches(
            "< x-amzn-ErrorType: TooManyRequestsException",
            &t
        ));
        assert!(line_matches("  \"name\": \"x-amzn-errortype\",", &t));
        assert!(!line_matches("< content-type: application/json", &t));
        assert!(!line_matches("> Content-Length: 429", &t));
        // DevTools' Headers view: "Status Code: 429 …", a name line, a tab row.
        assert!(line_matches("Status Code: 429 Too Many Requests", &t));
        assert!(line_matches("429 Too Many Requests", &t));
        assert!(line_matches("X-Amzn-ErrorType", &t));
        assert!(line_matches(
            "x-amzn-errortype\tTooManyRequestsException",
            &t
        ));
        assert!(!line_matches("x-amzn-requestid", &t));
        assert!(!line_matches("Status Code: 200 OK", &t));
        assert!(!line_matches("content-length\t429", &t));
    }
}
