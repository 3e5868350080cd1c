// whycors against real Firefox. The conformance matrix (lib/scenarios.mjs: request shapes ×
// server answers through the lab's `/custom` endpoint) and every lab mode run in headless Firefox
// (Debian's firefox-esr over WebDriver BiDi, lib/firefox.mjs). For each scenario the test keeps the
// exchange as Firefox made it (its BiDi network events written out as a HAR, preflight included)
// and the console lines Firefox printed, then requires of `whycors explain --json` on that HAR:
//   - blocked exactly when Firefox printed a "Cross-Origin Request Blocked" line, and
//   - its `firefox_console` line word for word the line Firefox printed first;
// and of `whycors explain` on Firefox's own console lines: the key whycors predicted, and the
// same line when it writes it again from what it read.
//
//   node --test tests/browser/firefox.test.mjs      (WHYCORS_BIN; ONLY=<substring of a scenario id>)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startLab, stopAll, run, whycorsBin, OUT } from './harness.mjs';
import { launchFirefox, harOf } from './lib/firefox.mjs';
import { SHAPES, ANSWERS, customUrl, fetchInPage } from './lib/scenarios.mjs';
import { sameSite } from './lib/compare.mjs';

const OUT_DIR = path.join(OUT, 'firefox');
const ONLY = process.env.ONLY ?? '';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

after(stopAll);

/**
 * The credentials mode the script used, which a HAR does not record (whycors is told it, as a
 * user would with --credentials): fetch() as called by fetchInPage, XHR by withCredentials, a
 * crossorigin="anonymous" element `same-origin`.
 */
const credentialsOf = (shape) => {
  const kind = shape.kind ?? 'fetch';
  if (kind === 'fetch') return shape.credentials ?? 'omit';
  if (kind === 'xhr') return shape.credentials === 'include' ? 'include' : 'same-origin';
  return 'same-origin';
};

/**
 * Firefox's BiDi events give a header the server sent twice as one header, its values joined with
 * ", " (Gecko's channel merges them before BiDi sees them); its own CORS check still sees two
 * (CORSMultipleAllowOriginNotAllowed). The lab's `/custom` endpoint sends exactly the headers its
 * URL lists (`p_h` for the preflight, `r_h` otherwise), so where a name is listed twice and BiDi's
 * one value is those values joined, the entry gets the separate header lines back.
 */
function restoreRepeats(har) {
  for (const e of har.log.entries) {
    let listed;
    try {
      const u = new URL(e.request.url);
      if (!u.pathname.endsWith('/custom')) continue;
      listed = u.searchParams.getAll(e.request.method === 'OPTIONS' ? 'p_h' : 'r_h');
    } catch { continue; }
    const byName = new Map();
    for (const h of listed) {
      const i = h.indexOf(':');
      const name = h.slice(0, i).toLowerCase();
      if (!byName.has(name)) byName.set(name, []);
      byName.get(name).push(h.slice(i + 1));
    }
    for (const [name, values] of byName) {
      if (values.length < 2) continue;
      const at = e.response.headers.findIndex((h) => h.name.toLowerCase() === name);
      if (at < 0) continue;
      const merged = e.response.headers[at];
      // The lab fills {origin} in: compare the shape, not the placeholder.
      if (merged.value.split(', ').length !== values.length) continue;
      const parts = merged.value.split(', ');
      e.response.headers.splice(at, 1, ...parts.map((v) => ({ name: merged.name, value: v })));
    }
  }
  return har;
}

/** Firefox's CORS console lines (blocked, and the warnings it also prints) among `logs`. */
const corsLines = (logs) => logs.map((l) => l.text).filter((t) => /^Cross-Origin Request (Blocked|Warning):/.test(t));

test('whycors says what Firefox says, on every conformance scenario and lab mode', { timeout: 15 * 60 * 1000 }, async () => {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const lab = await startLab();
  const firefox = await launchFirefox();
  const apiSame = sameSite(lab.api);
  await firefox.setCookie({ name: 'session', value: 'firefox', domain: new URL(apiSame).hostname });
  const tabs = {
    cross: { appUrl: `${lab.app}/`, runs: [] },
    same: { appUrl: `${sameSite(lab.app)}/`, runs: [] },
  };
  for (const t of Object.values(tabs)) t.tab = await firefox.newTab(t.appUrl);

  /** Run one scenario in a tab; keep its window, the page's own outcome and what whycors is told. */
  const runOne = async (t, id, url, act, told) => {
    const t0 = Date.now();
    const outcome = await act();
    // Firefox's console lines and failed-request events come after the script's promise settles.
    const settleBy = Date.now() + (outcome.ok ? 150 : 1000);
    while (Date.now() < settleBy) {
      const lines = corsLines(t.tab.logs.filter((l) => l.at >= t0));
      if (!outcome.ok && lines.some((l) => l.startsWith('Cross-Origin Request Blocked:'))) break;
      await sleep(25);
    }
    await sleep(60);
    t.runs.push({ id, url, t0, t1: Date.now(), outcome, told });
  };

  let sid = 0;
  for (const shape of SHAPES) {
    const answers = shape.answers === 'response' ? ANSWERS.filter((a) => !a.id.startsWith('preflight-') && !/^star-(methods|headers)$|^no-allow-|invalid$/.test(a.id)) : ANSWERS;
    for (const answer of answers) {
      sid += 1;
      const id = `${shape.id}__${answer.id}`;
      if (ONLY && !id.includes(ONLY)) continue;
      const cred = shape.credentials === 'include';
      const t = cred ? tabs.same : tabs.cross;
      const app = new URL(t.appUrl);
      const api = cred ? apiSame : lab.api;
      const url = customUrl(api, answer, { host: app.hostname, port: Number(app.port), api }, sid);
      await runOne(t, id, url, () => t.tab.evaluate(fetchInPage, { url, shape }), ['--credentials', credentialsOf(shape)]);
    }
  }

  // Every lab mode, by clicking its button on the lab's demo page.
  const demo = tabs.cross;
  const modesRes = await demo.tab.evaluate(async (u) => (await fetch(u)).json(), `${lab.app}/modes.json`);
  const modes = Array.isArray(modesRes) ? modesRes : modesRes.modes ?? [];
  assert.ok(modes.length > 0, '/modes.json lists modes');
  for (const mode of modes) {
    const slug = mode.slug ?? mode.id ?? mode.name;
    const id = `mode__${slug}`;
    if (ONLY && !id.includes(ONLY)) continue;
    await runOne(demo, id, `${lab.api}${mode.path}`, () => demo.tab.evaluate(async (s) => {
      document.querySelector(`[data-mode="${s}"]`).click();
      const el = () => document.querySelector(`[data-result="${s}"]`);
      for (let i = 0; i < 400; i++) {
        const state = el()?.dataset.state;
        if (state && state !== 'running') return { ok: state !== 'blocked', state };
        await new Promise((r) => setTimeout(r, 25));
      }
      return { ok: false, state: 'timeout' };
    }, slug), [...(mode.credentials ? ['--credentials', mode.credentials] : []), ...(mode.reads ?? []).flatMap((h) => ['--reads', h])]);
  }

  // Compare with whycors.
  const bin = whycorsBin();
  const rows = [];
  const readBack = new Map(); // Firefox's line -> the key whycors predicted for it
  for (const t of Object.values(tabs)) {
    for (const r of t.runs) {
      const logs = t.tab.logs.filter((l) => l.at >= r.t0 && l.at <= r.t1);
      const lines = corsLines(logs);
      const blockedLines = lines.filter((l) => l.startsWith('Cross-Origin Request Blocked:'));
      const har = restoreRepeats(harOf(t.tab, r.t0, r.t1, { version: firefox.version, pageUrl: t.appUrl }));
      const file = path.join(OUT_DIR, `${r.id}.har`);
      writeFileSync(file, JSON.stringify(har, null, 1));
      writeFileSync(path.join(OUT_DIR, `${r.id}.console.txt`), lines.join('\n') + (lines.length ? '\n' : ''));
      const res = await run(bin, ['explain', '--json', ...(r.told ?? []), file]);
      let said = '(no report)';
      let key = null;
      try {
        const report = JSON.parse(res.stdout);
        const blocked = report.findings.filter((f) => f?.browser?.blocked === true);
        const f = blocked.find((x) => x?.request?.url === r.url) ?? blocked[0];
        // Blocked for Chromium but with no Firefox line: whycors says Firefox lets it through.
        said = f?.browser?.firefox_console ?? '(not blocked)';
        key = f?.browser?.firefox ?? null;
      } catch (e) {
        said = `error: exit ${res.code}, ${(res.stderr || e.message).trim().split('\n')[0]}`;
      }
      const firefoxSaid = blockedLines[0] ?? '(not blocked)';
      if (blockedLines[0] && key) readBack.set(blockedLines[0], key);
      rows.push({ id: r.id, ok: said === firefoxSaid, firefox: firefoxSaid, whycors: said, entries: har.log.entries.length, outcome: r.outcome });
    }
  }
  assert.ok(rows.length > 0, 'scenarios ran');
  for (const r of rows) assert.ok(r.entries > 0, `${r.id}: Firefox's network events hold the scenario's requests`);

  // whycors reads Firefox's own line back to the key it predicted.
  const readLines = [];
  let n = 0;
  for (const [line, key] of readBack) {
    const file = path.join(OUT_DIR, `read-back-${(n += 1)}.txt`);
    writeFileSync(file, `${line}\n`);
    const res = await run(bin, ['explain', '--json', file]);
    let got = null;
    let again = null;
    try {
      const b = JSON.parse(res.stdout).findings.find((f) => f?.browser?.blocked)?.browser;
      got = b?.firefox ?? null;
      again = b?.firefox_console ?? null;
    } catch { got = `error: exit ${res.code}, ${res.stderr.trim().split('\n')[0]}`; }
    // The key, and the line written again from what was read (URL, parameter, status) word for word.
    readLines.push({ line, key, got: again === line ? got : `${got}, written again as: ${again}`, ok: got === key && again === line });
  }

  const agree = rows.filter((r) => r.ok).length;
  for (const r of rows) console.log(`${r.ok ? 'yes' : 'NO '} ${r.id}${r.ok ? '' : `\n    firefox: ${r.firefox}\n    whycors: ${r.whycors}`}`);
  console.log(`firefox ${firefox.version}: ${agree}/${rows.length} scenarios, whycors' Firefox line is Firefox's (${rows.filter((r) => r.firefox !== '(not blocked)').length} blocked by Firefox)`);
  const readAgree = readLines.filter((l) => l.ok).length;
  for (const l of readLines.filter((x) => !x.ok)) console.log(`read back differs: ${l.line}\n    expected ${l.key}, got ${l.got}`);
  console.log(`Firefox's lines read back to their key: ${readAgree}/${readLines.length}`);
  const first = (xs) => xs.slice(0, 6).map((x) => `\n  ${x}`).join('') + (xs.length > 6 ? `\n  … ${xs.length - 6} more above` : '');
  assert.equal(agree, rows.length, `whycors' Firefox line differs from Firefox's for ${rows.length - agree} scenario(s):${first(rows.filter((r) => !r.ok).map((r) => `${r.id}\n    firefox: ${r.firefox}\n    whycors: ${r.whycors}`))}`);
  assert.equal(readAgree, readLines.length, `whycors reads ${readLines.length - readAgree} of Firefox's lines to another key:${first(readLines.filter((l) => !l.ok).map((l) => `${l.line} -> ${l.got} (expected ${l.key})`))}`);
});
