//! UI components shared by the hosted page and the DevTools panel.
//!
//! `ReportView` lists findings; `FindingView` shows one: the browser's words, the cause,
//! the evidence (highlighted in the input when given), what the browser hid, the fixes in
//! tabs with copy buttons, curl commands to reproduce, and — when the exchange is given —
//! the what-if editor.

use leptos::prelude::*;
use whycors::report::{Finding, Report};
use whycors::{Exchange, Options};

mod copy;
mod evidence;
mod fixes;
mod whatif;

pub use copy::CopyButton;
pub use evidence::{evidence_terms, InputView};
pub use fixes::FixTabs;
pub use whatif::WhatIf;

/// Every finding of a report, blocked ones first as the report orders them.
#[component]
pub fn ReportView(
    report: Report,
    /// The input text, to highlight the evidence in it.
    #[prop(optional, into)]
    input: Option<String>,
) -> impl IntoView {
    let skipped = report.same_origin_skipped;
    let n = report.findings.len();
    view! {
        <section class="report" aria-label="Diagnosis">
            <p class="report-meta">
                {format!("{n} cross-origin request{}", if n == 1 { "" } else { "s" })}
                {(skipped > 0).then(|| format!(", {skipped} same-origin left out"))}
            </p>
            {report
                .findings
                .into_iter()
                .map(|f| match input.clone() {
                    Some(i) => view! { <FindingView finding=f input=i/> }.into_any(),
                    None => view! { <FindingView finding=f/> }.into_any(),
                })
                .collect_view()}
        </section>
    }
}

/// "Blocked", "Allowed", "Allowed, with a problem" or, when the input cannot tell (a
/// request without its responses), "Not enough evidence" — the CLI's "? UNKNOWN".
pub fn status_word(f: &Finding) -> &'static str {
    use whycors::cause::CauseKind;
    if f.browser.blocked {
        "Blocked"
    } else if f.cause.kind == CauseKind::Ok {
        "Allowed"
    } else if f.cause.kind == CauseKind::Unknown {
        "Not enough evidence"
    } else {
        "Allowed, with a problem"
    }
}

/// The verdict in one line, as the page's badge and the what-if editor show it.
#[component]
pub fn VerdictBadge(finding: Finding) -> impl IntoView {
    use whycors::cause::CauseKind;
    let blocked = finding.browser.blocked;
    let word = status_word(&finding);
    let unknown = !blocked && finding.cause.kind == CauseKind::Unknown;
    let warn = !blocked && finding.cause.kind != CauseKind::Ok;
    let verdict = if blocked {
        "blocked"
    } else if unknown {
        "unknown"
    } else {
        "allowed"
    };
    view! {
        <span class="badge" class:bad=blocked class:warn=warn data-verdict=verdict>{word}</span>
    }
}

/// One finding: the browser's words, the cause, the evidence, the fixes.
#[component]
pub fn FindingView(
    finding: Finding,
    /// The exchange the finding is about: enables the what-if editor.
    #[prop(optional)]
    exchange: Option<Exchange>,
    /// The options the finding was computed with (the what-if editor re-uses them).
    #[prop(optional)]
    options: Option<Options>,
    /// The input text, to highlight the evidence in it.
    #[prop(optional, into)]
    input: Option<String>,
) -> impl IntoView {
    let blocked = finding.browser.blocked;
    // The console text alone does not name the method: say so rather than state one.
    let url = if finding.request.url.is_empty() {
        "(URL not in the input)"
    } else {
        finding.request.url.as_str()
    };
    let title = match finding.request.method_basis {
        "assumed" if finding.request.method.starts_with('<') => format!(
            "{} (the message names no method) {url}",
            finding.request.method
        ),
        "assumed" => format!("{} (method assumed) {url}", finding.request.method),
        "described" => format!("{} (method from your words) {url}", finding.request.method),
        "inferred" => format!(
            "{} (method from the signed URL) {url}",
            finding.request.method
        ),
        _ => format!("{} {url}", finding.request.method),
    };
    let b = finding.browser.clone();
    let chrome = (b.console.is_some() || b.cors_error.is_some()).then(|| {
        let param = b
            .failed_parameter
            .clone()
            .filter(|p| !p.is_empty())
            .map(|p| view! { " · failedParameter " <code>{p}</code> });
        view! {
            <div class="words">
                <h4>"Chrome"</h4>
                {b.console.clone().map(|c| view! { <blockquote class="console">{c}</blockquote> })}
                {b.cors_error.clone().map(|e| view! { <p>"CorsError " <code class="cors-error">{e}</code> {param}</p> })}
            </div>
        }
    });
    let firefox = (b.firefox.is_some() || b.firefox_console.is_some()).then(|| {
        view! {
            <div class="words">
                <h4>"Firefox"</h4>
                {b.firefox_console.clone().map(|c| view! { <blockquote class="console">{c}</blockquote> })}
                {b.firefox.clone().map(|k| view! { <p>"Key " <code class="firefox-key">{k}</code></p> })}
            </div>
        }
    });
    let basis = match b.basis {
        "computed" => "Verdict computed from the captured headers.",
        _ => "Verdict taken from the browser's message; the headers were not in the input.",
    };
    let terms = evidence_terms(&finding.evidence);
    let input_view = input
        .filter(|i| !i.is_empty())
        .map(|i| view! { <InputView text=i terms=terms.clone()/> });
    let hidden = finding.hidden.clone().map(|h| {
        view! {
            <section class="hidden-response" aria-label="What the browser hid">
                <h4>"What the browser hid from the page"</h4>
                <p>{prose(&h)}</p>
            </section>
        }
    });
    let warnings = (!finding.warnings.is_empty()).then(|| {
        view! {
            <ul class="warnings" aria-label="Warnings">
                {finding.warnings.iter().map(|w| view! { <li>{prose(w)}</li> }).collect_view()}
            </ul>
        }
    });
    let missing = (!finding.missing.is_empty()).then(|| {
        view! {
            <p class="missing">"To be sure, the input lacks: "
                {prose(&finding.missing.join("; "))}</p>
        }
    });
    let fixes = (!finding.fixes.is_empty()).then(|| {
        let fx = finding.fixes.clone();
        view! { <section class="fixes" aria-label="Fixes"><h4>"Fix it"</h4><FixTabs fixes=fx/></section> }
    });
    let reproduce = (!finding.reproduce.is_empty()).then(|| {
        view! {
            <section class="reproduce" aria-label="Reproduce">
                <h4>"Reproduce with curl"</h4>
                {finding.reproduce.iter().map(|c| {
                    let c2 = c.clone();
                    view! { <div class="code"><pre tabindex="0">{c.clone()}</pre><CopyButton text=c2 label="Copy command"/></div> }
                }).collect_view()}
            </section>
        }
    });
    let checks = finding.checks.clone();
    let steps = (!checks.is_empty()).then(|| {
        view! {
            <details class="checks">
                <summary>"The browser's steps"</summary>
                <ol>
                    {checks.into_iter().map(|c| view! {
                        <li class:fail=!c.passed>{if c.passed { "✓ " } else { "✗ " }}{c.text}</li>
                    }).collect_view()}
                </ol>
            </details>
        }
    });
    let whatif =
        exchange.map(|x| view! { <WhatIf exchange=x options=options.unwrap_or_default()/> });
    // The card's edge in the badge's colour: red blocked, amber a problem or not enough
    // evidence, green allowed.
    let warn = !blocked && finding.cause.kind != whycors::cause::CauseKind::Ok;
    let badge = finding.clone();
    view! {
        <article class="finding" class:blocked=blocked class:warn=warn data-cause=finding.cause.kind.as_str()>
            <header>
                <VerdictBadge finding=badge/>
                <h3>{title}</h3>
            </header>
            <p class="summary">{prose(&finding.summary)}</p>
            <details class="browser-words" open=blocked>
                <summary>"In the browser's words"</summary>
                {chrome}
                {firefox}
                <p class="basis">{basis}</p>
            </details>
            {hidden}
            <section class="evidence-box" aria-label="Evidence">
                <h4>"Evidence"</h4>
                <ul class="evidence">
                    {finding.evidence.iter().map(|e| view! { <li>{prose(e)}</li> }).collect_view()}
                </ul>
                {input_view}
            </section>
            {warnings}
            {missing}
            {fixes}
            {reproduce}
            {whatif}
            {steps}
        </article>
    }
}

/// Report text with its `code` spans set as code: the report writes header lines, values
/// and commands between backticks. Text with an odd number of backticks stays as it is.
pub fn prose(text: &str) -> AnyView {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return text.to_string().into_any();
    }
    parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            if i % 2 == 1 {
                view! { <code>{p.to_string()}</code> }.into_any()
            } else {
                p.to_string().into_any()
            }
        })
        .collect_view()
        .into_any()
}
