//! Every capture in tests/cases, pasted the ways issues, forums and editors carry text —
//! Markdown fences, a `>` quote, a person's words before it, line numbers, list bullets, a
//! code block by indentation, non-breaking spaces, CRLF — reads to the same findings as the
//! bare capture.

use whycors::{diagnose, Options};

fn findings(text: &str) -> Result<Vec<String>, String> {
    let r = diagnose(text, &Options::default()).map_err(|e| e.to_string())?;
    Ok(r.findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {}/{}/{:?}",
                f.request.method,
                f.request.url,
                f.cause.kind.as_str(),
                f.browser.cors_error.as_deref().unwrap_or("-"),
                f.cause.gateway_response
            )
        })
        .collect())
}

fn each_line(t: &str, f: impl Fn(usize, &str) -> String) -> String {
    t.split('\n')
        .enumerate()
        .map(|(i, l)| {
            if l.trim().is_empty() {
                l.to_string()
            } else {
                f(i, l)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A way of pasting: its name and what it does to the text.
type Wrapping = (&'static str, fn(&str) -> String);

#[test]
fn every_capture_reads_the_same_however_it_was_pasted() {
    let wrappings: [Wrapping; 8] = [
        ("fenced", |t| format!("```\n{t}\n```\n")),
        ("quoted", |t| each_line(t, |_, l| format!("> {l}"))),
        ("words before", |t| {
            format!("I get this error when I call our API from the app:\n\n{t}")
        }),
        ("numbered", |t| {
            each_line(t, |i, l| format!("{}. {l}", i + 1))
        }),
        ("bullets", |t| each_line(t, |_, l| format!("- {l}"))),
        ("indented", |t| each_line(t, |_, l| format!("    {l}"))),
        ("nbsp", |t| t.replacen(' ', "\u{a0}", 5)),
        ("crlf", |t| t.replace('\n', "\r\n")),
    ];
    let dir = format!("{}/tests/cases", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .flat_map(|d| {
            std::fs::read_dir(d.expect("entry").path())
                .into_iter()
                .flatten()
        })
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() > 100, "{} captures", files.len());
    let mut differ = Vec::new();
    for p in &files {
        let text = std::fs::read_to_string(p).expect("capture");
        let bare = findings(&text);
        for (name, wrap) in &wrappings {
            let got = findings(&wrap(&text));
            if got != bare {
                differ.push(format!(
                    "{} [{name}]\n  bare: {bare:?}\n  got:  {got:?}",
                    p.display()
                ));
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
