// Conformance against real Chromium (issue #3 §6). For every scenario (a generated matrix of
// request shapes × server answers through the lab's `/custom` endpoint, plus every lab mode from
// /modes.json) it runs the request in a page of headless Chromium, records Chromium's own verdict
// (CDP Network.loadingFailed.corsErrorStatus) and the HAR DevTools produced (the har-recorder
// extension's chrome.devtools.network.getHAR()), saves the HAR to out/conformance/<scenario>.har,
// runs `whycors explain --json` on it and requires the same (corsError, failedParameter).
//
//   node --test tests/browser/conformance.test.mjs          full run (needs WHYCORS_BIN with `lab` and `explain`)
//   node tests/browser/conformance.test.mjs --record-only   only record Chromium (or CONFORMANCE_RECORD_ONLY=1);
//                                                         writes tests/browser/chromium-observed.json
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  stopAll, run, whycorsBin, OUT, HERE,
} from './harness.mjs';
import { whycorsVerdict, show, same, entriesIn, chromiumVerdict, twoSiteTabs } from './lib/compare.mjs';
import { SHAPES, ANSWERS, customUrl, fetchInPage } from './lib/scenarios.mjs';

export { whycorsVerdict };

const RECORD_ONLY = process.argv.includes('--record-only') || process.env.CONFORMANCE_RECORD_ONLY === '1';
const OUT_DIR = path.join(OUT, 'conformance');
const OBSERVED = path.join(HERE, 'chromium-observed.json');

after(stopAll);

// ---- running ----------------------------------------------------------------------------------

const pageFetch = (page, url, shape) => page.evaluate(fetchInPage, { url, shape });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The CORS line Chromium printed to the page's console for `url` (as requested or redirected from), if any. */
export function chromeConsoleLine(lines, url) {
  const q = (u) => `'${u}'`;
  return lines.find((l) => l.includes('has been blocked by CORS policy')
    && ((l.startsWith('Access to ') && l.includes(` at ${q(url)} `)) || l.includes(`(redirected from ${q(url)})`))) ?? null;
}

test('whycors agrees with Chromium on every conformance scenario', { timeout: 15 * 60 * 1000 }, async () => {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  // Two tabs: cross-site (omit) and same-site (credentials include).
  const { lab, recorder, context, apiSame, tabs } = await twoSiteTabs('conformance');

  // Generated matrix.
  let sid = 0;
  for (const shape of SHAPES) {
    // A crossorigin load is never preflighted: only the answers that differ on the response.
    const answers = shape.answers === 'response' ? ANSWERS.filter((a) => !a.id.startsWith('preflight-') && !/^star-(methods|headers)$|^no-allow-|invalid$/.test(a.id)) : ANSWERS;
    for (const answer of answers) {
      sid += 1;
      const cred = shape.credentials === 'include';
      const tab = cred ? tabs.same : tabs.cross;
      const app = new URL(tab.appUrl);
      const api = cred ? apiSame : lab.api;
      const ctx = { host: app.hostname, port: Number(app.port), api };
      const url = customUrl(api, answer, ctx, sid);
      const t0 = Date.now();
      const outcome = await pageFetch(tab.page, url, shape);
      const failure = outcome.ok
        ? tab.verdicts.failures.get(url) ?? null
        : await tab.verdicts.waitFor(url, shape.kind && shape.kind !== 'xhr' ? 300 : 2000);
      await sleep(40); // late Audits issues (deprecations) land inside this scenario's window
      tab.runs.push({ id: `${shape.id}__${answer.id}`, url, t0, t1: Date.now(), outcome, failure, tab });
    }
  }

  // Every lab mode, by clicking its button on the lab's demo page.
  const modesRes = await tabs.cross.page.evaluate(async (u) => (await fetch(u)).json(), `${lab.app}/modes.json`);
  const modes = Array.isArray(modesRes) ? modesRes : modesRes.modes ?? [];
  assert.ok(modes.length > 0, '/modes.json lists modes');
  const demo = tabs.cross;
  for (const mode of modes) {
    const slug = mode.slug ?? mode.id ?? mode.name;
    const t0 = Date.now();
    await demo.page.click(`[data-mode="${slug}"]`);
    // The page's own verdict: its result element leaves "running" when the fetch settles.
    await demo.page.waitForFunction(
      (s) => { const el = document.querySelector(`[data-result="${s}"]`); return el && el.dataset.state && el.dataset.state !== 'running'; },
      slug,
      { timeout: 10000 },
    );
    const state = await demo.page.$eval(`[data-result="${slug}"]`, (el) => el.dataset.state);
    const url = `${lab.api}${mode.path}`;
    const failure = state === 'blocked' ? await demo.verdicts.waitFor(url) : null;
    await sleep(300); // let redirects and late events land
    const done = { url };
    demo.runs.push({ id: `mode__${slug}`, url: done.url, t0, t1: Date.now(), outcome: { ok: state !== 'blocked' }, failure, tab: demo, expect: mode.expect, reads: mode.reads ?? [] });
  }

  // Collect each tab's HAR once, a moment after the last request (blocked responses' headers land late).
  await sleep(500);
  const rows = [];
  for (const tab of Object.values(tabs)) {
    const har = await recorder.har(tab.appUrl);
    for (const r of tab.runs) {
      const entries = entriesIn(har, r.t0, r.t1, tab.appUrl);
      const file = path.join(OUT_DIR, `${r.id}.har`);
      writeFileSync(file, JSON.stringify({ log: { ...har.log, entries } }, null, 1));
      const chromium = chromiumVerdict(r.failure);
      const warnings = [
        ...tab.verdicts.issuesFor(r.url).filter((i) => i.isWarning).map((i) => i.corsErrorStatus.corsError),
        ...tab.verdicts.deprecations.filter((d) => d.at >= r.t0 && d.at <= r.t1).map((d) => d.type),
      ];
      rows.push({ id: r.id, url: r.url, file, chromium, warnings, entries: entries.length, expect: r.expect, reads: r.reads ?? [], console: chromeConsoleLine(tab.consoleLines, r.url) });
    }
  }

  // Observed Chromium table (ports replaced by placeholders so it is stable across runs).
  const ports = [[new URL(lab.app).port, '{APP_PORT}'], [new URL(lab.api).port, '{API_PORT}'], [String(Number(new URL(lab.app).port) + 1), '{APP_PORT+1}']];
  const stable = (s) => ports.reduce((acc, [p, name]) => acc.split(`:${p}`).join(`:${name}`), s);
  const observed = {
    chromium: (await context.browser()?.version()) ?? 'unknown',
    note: 'Recorded by tests/browser/conformance.test.mjs; failedParameter with ports replaced by placeholders.',
    scenarios: Object.fromEntries(rows.map((r) => [r.id, r.chromium
      ? { corsError: r.chromium.corsError, failedParameter: stable(r.chromium.failedParameter), warnings: r.warnings }
      : { corsError: null, failedParameter: null, warnings: r.warnings }])),
  };
  writeFileSync(path.join(OUT_DIR, 'chromium.json'), JSON.stringify(observed, null, 2) + '\n');
  for (const r of rows) assert.ok(r.entries > 0, `${r.id}: DevTools' HAR has entries for the scenario`);

  if (RECORD_ONLY) {
    writeFileSync(OBSERVED, JSON.stringify(observed, null, 2) + '\n');
    const w = Math.max(...rows.map((r) => r.id.length));
    console.log(`${'scenario'.padEnd(w)} | chromium`);
    for (const r of rows) console.log(`${r.id.padEnd(w)} | ${show(r.chromium)}${r.warnings.length ? `  [warning: ${r.warnings.join(',')}]` : ''}`);
    console.log(`recorded ${rows.length} scenarios (record-only: whycors not consulted) -> ${OBSERVED}`);
    return;
  }

  // Compare with whycors.
  const bin = whycorsBin();
  let agree = 0;
  const lines = [];
  const causeLines = [];
  const textLines = [];
  for (const r of rows) {
    const res = await run(bin, ['explain', '--json', ...r.reads.flatMap((h) => ['--reads', h]), r.file]);
    let mine;
    let text;
    try {
      const report = JSON.parse(res.stdout);
      mine = whycorsVerdict(report, r.url);
      if (r.expect) {
        // Lab modes also state the root cause whycors must name from DevTools' HAR.
        const f = report.findings.find((x) => x?.request?.url === r.url) ?? report.findings.at(-1);
        const got = f ? `${f.cause.kind}${f.cause.gateway ? `/${f.cause.gateway}` : ''}` : 'no finding';
        const want = `${r.expect.cause}${r.expect.gateway ? `/${r.expect.gateway}` : ''}`;
        causeLines.push([r.id, want, got, got === want ? 'yes' : 'NO']);
      }
      text = show(mine);
      if (r.console) {
        // Chromium's own console line must be whycors' `browser.console`, word for word.
        const blocked = report.findings.filter((x) => x?.browser?.blocked === true);
        const f = blocked.find((x) => x?.request?.url === r.url) ?? blocked[0];
        const said = f?.browser?.console ?? '(no console line)';
        textLines.push({ id: r.id, ok: said === r.console, chromium: r.console, whycors: said });
      }
    } catch (e) {
      mine = undefined;
      text = `error: exit ${res.code}, ${(res.stderr || e.message).trim().split('\n')[0]}`;
    }
    const ok = mine !== undefined && same(r.chromium, mine);
    if (ok) agree += 1;
    lines.push([r.id, show(r.chromium), text, ok ? 'yes' : 'NO']);
  }
  const widths = [0, 1, 2].map((i) => Math.max(...lines.map((l) => l[i].length), 8));
  console.log(`${'scenario'.padEnd(widths[0])} | ${'chromium'.padEnd(widths[1])} | ${'whycors'.padEnd(widths[2])} | agree`);
  for (const l of lines) console.log(`${l[0].padEnd(widths[0])} | ${l[1].padEnd(widths[1])} | ${l[2].padEnd(widths[2])} | ${l[3]}`);
  console.log(`agreement: ${agree}/${rows.length}`);
  console.log('lab mode | expected cause/gateway | whycors | agree');
  for (const l of causeLines) console.log(l.join(' | '));
  const causeAgree = causeLines.filter((l) => l[3] === 'yes').length;
  console.log(`cause agreement: ${causeAgree}/${causeLines.length}`);
  const textAgree = textLines.filter((l) => l.ok).length;
  for (const l of textLines.filter((x) => !x.ok)) console.log(`console text differs: ${l.id}\n  chromium: ${l.chromium}\n  whycors:  ${l.whycors}`);
  console.log(`console text agreement: ${textAgree}/${textLines.length}`);
  assert.ok(textLines.length > 0, 'Chromium printed CORS console lines for the blocked scenarios');
  // The messages name the first disagreements, so the test's own failure report shows them.
  const first = (xs) => xs.slice(0, 8).map((x) => `\n  ${x}`).join('') + (xs.length > 8 ? `\n  … ${xs.length - 8} more above` : '');
  assert.equal(causeAgree, causeLines.length, `whycors names a different root cause for some lab modes (lab mode | expected | whycors):${first(causeLines.filter((l) => l[3] !== 'yes').map((l) => l.slice(0, 3).join(' | ')))}`);
  assert.equal(agree, rows.length, `whycors disagrees with Chromium on ${rows.length - agree} scenario(s) (scenario | chromium | whycors):${first(lines.filter((l) => l[3] !== 'yes').map((l) => l.slice(0, 3).join(' | ')))}`);
  assert.equal(textAgree, textLines.length, `whycors' console line differs from Chromium's for ${textLines.length - textAgree} scenario(s):${first(textLines.filter((l) => !l.ok).map((l) => `${l.id}\n    chromium: ${l.chromium}\n    whycors:  ${l.whycors}`))}`);
});
