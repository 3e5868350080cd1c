// What conformance.test.mjs and differential.test.mjs share: reading whycors' verdict out of an
// `explain --json` report, comparing it with Chromium's, and cutting a tab's HAR per scenario.
// (A test file cannot be imported by another one: importing it would register its tests.)
import { startLab, launchChromium, corsVerdicts, startHarCollector, openRecordedPage } from '../harness.mjs';

/**
 * The lab, Chromium with the HAR recorder, a `session` cookie (value `cookie`) on the same-site
 * API host, and two recorded tabs: `cross` (app.localhost; requests without credentials) and
 * `same` (app.example.localhost, same-site with api.example.localhost: credentials `include`).
 * Each tab records Chromium's CORS verdicts and the console's error lines.
 */
export async function twoSiteTabs(cookie) {
  const lab = await startLab();
  const recorder = await startHarCollector();
  const context = await launchChromium({ extensions: [recorder.extensionDir], devtools: true });
  const apiSame = sameSite(lab.api);
  await context.addCookies([{ name: 'session', value: cookie, url: `${apiSame}/`, sameSite: 'Lax' }]);
  const tabs = {};
  for (const [key, appUrl] of [['cross', `${lab.app}/`], ['same', `${sameSite(lab.app)}/`]]) {
    const page = await openRecordedPage(context, recorder, appUrl);
    const consoleLines = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleLines.push(m.text()); });
    tabs[key] = { page, appUrl, verdicts: await corsVerdicts(page), runs: [], consoleLines };
  }
  return { lab, recorder, context, apiSame, tabs };
}

/** whycors' verdict for one scenario: the blocked finding for `url` (else the first blocked one), or null. */
export function whycorsVerdict(report, url) {
  if (report?.version !== 1 || !Array.isArray(report.findings)) {
    throw new Error('not a whycors explain --json report (expected {"version":1,"findings":[...]})');
  }
  const findings = report.findings;
  const blocked = findings.filter((f) => f?.browser?.blocked === true);
  if (blocked.length === 0) return null;
  const f = blocked.find((x) => x?.request?.url === url) ?? blocked[0];
  if (!f.browser.cors_error && f.cause?.kind === 'network_error') {
    // Not a CORS error: Chromium's loadingFailed carries only its net error (see chromiumVerdict).
    const said = (f.evidence ?? []).find((e) => typeof e === 'string' && e.startsWith('network error: '));
    if (said) return { corsError: `network:${said.slice('network error: '.length)}`, failedParameter: '' };
  }
  return { corsError: f.browser.cors_error ?? null, failedParameter: f.browser.failed_parameter ?? null };
}

/** `corsError(failedParameter)`, `corsError`, or `none`. */
export const show = (v) => (v === null ? 'none' : v.failedParameter ? `${v.corsError}(${v.failedParameter})` : v.corsError);

/** Same verdict: both allowed, or the same corsError and failedParameter (absent = ''). */
export const same = (a, b) => (a === null || b === null
  ? a === b
  : a.corsError === b.corsError && (a.failedParameter || '') === (b.failedParameter || ''));

/** HAR entries that started inside [t0, t1], without the page's own loads. */
export function entriesIn(har, t0, t1, pageUrl) {
  return har.log.entries.filter((e) => {
    const t = Date.parse(e.startedDateTime);
    return t >= t0 && t <= t1 && e.request.url !== pageUrl && !e.request.url.endsWith('/favicon.ico');
  });
}

/** The same-site pair used for credentialed requests (app.localhost and api.localhost are cross-site). */
export const sameSite = (u) => u.replace('//app.localhost', '//app.example.localhost').replace('//api.localhost', '//api.example.localhost');

/** Chromium's verdict from a corsVerdicts() failure record (null: the request was not blocked). */
export const chromiumVerdict = (failure) => (failure && failure.corsError
  ? { corsError: failure.corsError, failedParameter: failure.failedParameter ?? '' }
  : failure ? { corsError: `network:${failure.errorText}`, failedParameter: '' } : null);
