//! UI components shared by the hosted page and the DevTools panel.

use leptos::prelude::*;
use whycors::report::{Finding, Report};

/// Every finding of a report, blocked ones first as the report orders them.
#[component]
pub fn ReportView(report: Report) -> impl IntoView {
    let skipped = report.same_origin_skipped;
    let n = report.findings.len();
    view! {
        <section class="report" aria-label="Diagnosis">
            <p class="report-meta">
                {format!("{n} cross-origin request{}", if n == 1 { "" } else { "s" })}
                {(skipped > 0).then(|| format!(", {skipped} same-origin left out"))}
            </p>
            {report.findings.into_iter().map(|f| view! { <FindingView finding=f/> }).collect_view()}
        </section>
    }
}

/// One finding: the browser's words, the cause, the evidence, the fixes.
#[component]
pub fn FindingView(finding: Finding) -> impl IntoView {
    let blocked = finding.browser.blocked;
    let status = if blocked { "Blocked" } else { "Allowed" };
    let title = format!("{} {}", finding.request.method, finding.request.url);
    view! {
        <article class="finding" class:blocked=blocked>
            <header>
                <span class="badge" class:bad=blocked>{status}</span>
                <h2>{title}</h2>
            </header>
            <p class="summary">{finding.summary.clone()}</p>
            {finding.browser.cors_error.clone().map(|e| view! {
                <p class="browser"><code>{e}</code>
                    {finding.browser.firefox.clone().map(|k| view! { " · Firefox " <code>{k}</code> })}
                </p>
            })}
            {finding.browser.console.clone().map(|c| view! { <blockquote class="console">{c}</blockquote> })}
            <ul class="evidence">
                {finding.evidence.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
            </ul>
            {finding.fixes.iter().map(|fx| view! {
                <details class="fix"><summary>{fx.title.clone()}</summary><pre>{fx.text.clone()}</pre></details>
            }).collect_view()}
        </article>
    }
}
