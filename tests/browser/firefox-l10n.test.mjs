// whycors reads Firefox's CORS messages in every language it has a translation for
// (src/browser_text/firefox_l10n/<lang>.properties), as real Firefox writes them. Firefox runs
// headless in English, then in each language (its Debian language pack, firefox-esr-l10n-<lang>,
// which `cargo xtask test` installs), over the same scenarios: one per message Firefox has for a
// blocked request. For every console error Firefox prints in a language, `whycors explain` on that
// line alone must write back, word for word, the English line Firefox printed in the same place:
// the same key, URL, header, origin or token, and status code. A page whose own
// Content-Security-Policy refuses a fetch (not CORS) prints a translated line too: whycors must
// make of it what it makes of the English one (cause, URL, directive, summary).
//
//   node --test tests/browser/firefox-l10n.test.mjs      (WHYCORS_BIN; LANGS=de,ja to pick)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLab, stopAll, run, whycorsBin, onStop, OUT, REPO } from './harness.mjs';
import { launchFirefox } from './lib/firefox.mjs';
import { SHAPES, ANSWERS, customUrl, fetchInPage } from './lib/scenarios.mjs';
import { sameSite } from './lib/compare.mjs';

const OUT_DIR = path.join(OUT, 'firefox-l10n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

after(stopAll);

/** The languages whycors has Firefox's messages in. */
const ALL_LANGS = readdirSync(path.join(REPO, 'src/browser_text/firefox_l10n'))
  .filter((f) => f.endsWith('.properties'))
  .map((f) => f.slice(0, -'.properties'.length))
  .sort();
const LANGS = process.env.LANGS ? process.env.LANGS.split(',') : ALL_LANGS;

/**
 * One scenario per message Firefox prints for a blocked request (in the English run of
 * firefox.test.mjs, the first scenario that makes Firefox print it), and which one it is.
 */
const PICKS = [
  ['delete', 'no-acao', 'CORSMissingAllowOrigin2'],
  ['delete', 'acao-https', 'CORSAllowOriginNotMatchingOrigin'],
  ['delete', 'acao-duplicate', 'CORSMultipleAllowOriginNotAllowed'],
  ['delete', 'no-allow-methods', 'CORSMethodNotFound'],
  ['delete', 'methods-invalid', 'CORSInvalidAllowMethod'],
  ['delete', 'headers-invalid', 'CORSInvalidAllowHeader'],
  ['delete', 'preflight-401-acao', 'CORSPreflightDidNotSucceed3'],
  ['delete', 'preflight-redirect', 'CORSExternalRedirectNotAllowed'],
  ['delete', 'redirect-userinfo', 'CORSDidNotSucceed2'],
  ['get-auth', 'no-allow-headers', 'CORSMissingAllowHeaderFromPreflight2'],
  ['get-cred', 'acac-True', 'CORSMissingAllowCredentials'],
  ['get-cred', 'star-origin', 'CORSNotSupportingCredentials'],
];

/** The key of the Content-Security-Policy run among a language's lines. */
const CSP = 'csp__connect-src-self';

/** The scenarios, each with a fixed URL-building number so that every language asks the same. */
function scenarios() {
  return PICKS.map(([shapeId, answerId, key], i) => {
    const shape = SHAPES.find((s) => s.id === shapeId);
    const answer = ANSWERS.find((a) => a.id === answerId);
    assert.ok(shape && answer, `scenario ${shapeId}__${answerId} exists in lib/scenarios.mjs`);
    return { id: `${shapeId}__${answerId}`, shape, answer, key, sid: 9000 + i };
  });
}

/**
 * Run every scenario in a Firefox speaking `locale`; returns, per scenario id, the console errors
 * Firefox printed for it (and under `CSP`, its Content-Security-Policy line). A language pack is
 * only taken up at the second start of a profile, so a language other than English starts Firefox
 * twice.
 */
async function runIn(locale, lab, list) {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), `whycors-firefox-${locale}-`));
  onStop(() => rmSync(profileDir, { recursive: true, force: true }));
  if (locale !== 'en-US') {
    const warm = await launchFirefox({ locale, profileDir });
    await warm.close();
  }
  const firefox = await launchFirefox({ locale, profileDir });
  const apiSame = sameSite(lab.api);
  await firefox.setCookie({ name: 'session', value: 'firefox', domain: new URL(apiSame).hostname });
  const cross = await firefox.newTab(`${lab.app}/`);
  const same = await firefox.newTab(`${sameSite(lab.app)}/`);
  const out = new Map();
  for (const s of list) {
    const cred = s.shape.credentials === 'include';
    const tab = cred ? same : cross;
    const app = new URL(cred ? sameSite(lab.app) : lab.app);
    const url = customUrl(cred ? apiSame : lab.api, s.answer, { host: app.hostname, port: Number(app.port), api: cred ? apiSame : lab.api }, s.sid);
    const t0 = Date.now();
    await tab.evaluate(fetchInPage, { url, shape: s.shape });
    // Firefox's console lines come after the script's promise settles.
    const by = Date.now() + 1500;
    while (Date.now() < by && !tab.logs.some((l) => l.at >= t0 && l.level === 'error')) await sleep(25);
    await sleep(150);
    out.set(s.id, tab.logs.filter((l) => l.at >= t0 && l.level === 'error').map((l) => l.text));
  }
  // Not CORS: the page's own Content-Security-Policy (a <meta> added to a page of its own)
  // refuses a fetch before it is sent.
  const cspTab = await firefox.newTab(`${lab.app}/`);
  await cspTab.evaluate(async () => {
    document.head.insertAdjacentHTML('beforeend', `<meta http-equiv="Content-Security-Policy" content="connect-src 'self'">`);
    return 1;
  });
  await cspTab.evaluate(async (u) => { try { await fetch(u); } catch { /* refused */ } return 1; }, `${lab.api}/mode/rest-no-options`);
  const by = Date.now() + 1500;
  // "Content-Security-Policy: …", "Content-Security-Policy : …" (French), "Content-Security-Policy：…" (Chinese).
  while (Date.now() < by && !cspTab.logs.some((l) => l.text.startsWith('Content-Security-Policy'))) await sleep(25);
  out.set(CSP, cspTab.logs.filter((l) => l.text.startsWith('Content-Security-Policy')).map((l) => l.text));
  await firefox.close();
  rmSync(profileDir, { recursive: true, force: true });
  return { version: firefox.version, lines: out };
}

/** `whycors explain --json` on one console line: what it makes of a page's own refusal. */
async function readRefusal(bin, line, file) {
  writeFileSync(file, `${line}\n`);
  const res = await run(bin, ['explain', '--json', file]);
  try {
    const f = JSON.parse(res.stdout).findings[0];
    return `${f.cause.kind} | ${f.request.url} | ${f.summary}`;
  } catch {
    return `error: exit ${res.code}, ${res.stderr.trim().split('\n')[0]}`;
  }
}

/** `whycors explain --json` on one console line: the English line it writes for what it read. */
async function readBack(bin, line, file) {
  writeFileSync(file, `${line}\n`);
  const res = await run(bin, ['explain', '--json', file]);
  try {
    const f = JSON.parse(res.stdout).findings.find((x) => x?.browser?.blocked);
    return { key: f?.browser?.firefox ?? null, english: f?.browser?.firefox_console ?? '(not read as a Firefox message)' };
  } catch {
    return { key: null, english: `error: exit ${res.code}, ${res.stderr.trim().split('\n')[0]}` };
  }
}

test('whycors reads Firefox\'s CORS messages in every language it has, as Firefox prints them', { timeout: 30 * 60 * 1000 }, async () => {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const lab = await startLab();
  const list = scenarios();
  const bin = whycorsBin();

  const english = await runIn('en-US', lab, list);
  for (const s of list) {
    const lines = english.lines.get(s.id) ?? [];
    assert.ok(lines.length > 0, `${s.id}: English Firefox printed a CORS error`);
    assert.ok(lines.every((l) => l.startsWith('Cross-Origin Request Blocked:')), `${s.id}: English lines: ${lines.join(' | ')}`);
  }
  // Every message the picks stand for is among what English Firefox printed, and whycors reads it.
  const keysSeen = new Set();
  for (const s of list) {
    for (const [i, line] of english.lines.get(s.id).entries()) {
      const got = await readBack(bin, line, path.join(OUT_DIR, `en-US__${s.id}__${i}.txt`));
      keysSeen.add(got.key);
      assert.equal(got.english, line, `whycors writes English Firefox's line back as it read it (${s.id})`);
    }
  }
  for (const s of list) assert.ok(keysSeen.has(s.key), `English Firefox printed ${s.key} (${s.id}); keys seen: ${[...keysSeen].join(', ')}`);
  const cspEnglish = english.lines.get(CSP) ?? [];
  assert.equal(cspEnglish.length, 1, `English Firefox printed one CSP line: ${cspEnglish.join(' | ')}`);
  const cspWant = await readRefusal(bin, cspEnglish[0], path.join(OUT_DIR, 'en-US__csp.txt'));
  assert.match(cspWant, /^content_security_policy \| /, 'whycors reads English Firefox\'s CSP line');

  const rows = [];
  for (const lang of LANGS) {
    const got = await runIn(lang, lab, list);
    let english0 = 0;
    for (const s of list) {
      const theirs = got.lines.get(s.id) ?? [];
      const ours = english.lines.get(s.id);
      writeFileSync(path.join(OUT_DIR, `${lang}__${s.id}.console.txt`), theirs.join('\n') + '\n');
      if (theirs.length !== ours.length) {
        rows.push({ lang, id: s.id, ok: false, line: theirs.join(' | '), expected: ours.join(' | '), got: `${theirs.length} lines, English has ${ours.length}` });
        continue;
      }
      for (const [i, line] of theirs.entries()) {
        if (line.startsWith('Cross-Origin Request')) english0 += 1;
        const back = await readBack(bin, line, path.join(OUT_DIR, `${lang}__${s.id}__${i}.txt`));
        rows.push({ lang, id: s.id, ok: back.english === ours[i], line, expected: ours[i], got: back.english });
      }
    }
    const cspTheirs = got.lines.get(CSP) ?? [];
    writeFileSync(path.join(OUT_DIR, `${lang}__csp.console.txt`), cspTheirs.join('\n') + '\n');
    const cspGot = cspTheirs.length === 1 ? await readRefusal(bin, cspTheirs[0], path.join(OUT_DIR, `${lang}__csp.txt`)) : `${cspTheirs.length} CSP lines`;
    if (cspTheirs[0]?.includes('The page’s settings')) english0 += 1;
    rows.push({ lang, id: CSP, ok: cspGot === cspWant, line: cspTheirs.join(' | '), expected: cspWant, got: cspGot });
    // The language pack was in use: Firefox did not print English.
    assert.equal(english0, 0, `Firefox ${got.version} printed English lines with intl.locale.requested=${lang}: is firefox-esr-l10n-${lang.toLowerCase()} installed?`);
  }

  const ok = rows.filter((r) => r.ok).length;
  for (const lang of LANGS) {
    const mine = rows.filter((r) => r.lang === lang);
    console.log(`${lang}: ${mine.filter((r) => r.ok).length}/${mine.length} lines read back to Firefox's English line`);
  }
  console.log(`firefox ${english.version}: ${ok}/${rows.length} translated lines in ${LANGS.length} languages read back word for word`);
  const bad = rows.filter((r) => !r.ok);
  const first = bad.slice(0, 8).map((r) => `\n  ${r.lang} ${r.id}\n    firefox:  ${r.line}\n    expected: ${r.expected}\n    whycors:  ${r.got}`).join('');
  assert.equal(ok, rows.length, `${bad.length} translated line(s) not read back to Firefox's English line:${first}`);
});
