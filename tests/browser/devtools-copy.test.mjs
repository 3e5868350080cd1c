// What users paste most: the Headers tab of DevTools' Network panel, selected with the mouse and
// copied. For every lab mode, this test makes the mode's request in a page of headless Chromium,
// opens DevTools' own Network panel (the real front-end, reached over the remote-debugging port),
// and for each request the mode made, in the order DevTools logged them (preflights, redirect
// hops and the preflights sent to their Location are requests of their own there), shows it in
// the Headers tab, selects it with the mouse (a click before "Request URL", a Shift+click after
// the last header), presses Ctrl+C and reads the system clipboard. The copies, one after the
// other, go to `whycors explain --json`. whycors must read it as a
// DevTools Headers copy and reach Chromium's own verdict (Network.loadingFailed.corsErrorStatus),
// and the root cause the lab mode states. The copies are saved to out/devtools-copy/<mode>.txt.
//
// What the Headers tab cannot show is given as the CLI's options, as a user would: the
// credentials mode (wildcard-credentials: the page sent no cookie) and the header the page
// reads (etag-unexposed).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startLab, stopAll, launchChromium, corsVerdicts, run, whycorsBin, OUT } from './harness.mjs';
import { freePort, runMode, modes, cdpConnect, cdpEval, cdpTargets, poll } from './lib/extension.mjs';
import { whycorsVerdict, show, same } from './lib/compare.mjs';

after(stopAll);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// DevTools in another language (its Language setting), for a few modes: Chromium 156 ships its
// DevTools in English and Chinese (zh). DEVTOOLS_LANG=zh runs every mode in it.
const LANG = process.env.DEVTOOLS_LANG;
const TRANSLATED = { lang: 'zh', modes: ['rest-throttled', 'rest-no-options', 'method-not-allowed', 'wildcard-credentials', 'redirect-preflight-missing'] };
const OPTIONS = {
  'wildcard-credentials': ['--credentials', 'include'],
  'etag-unexposed': ['--reads', 'ETag'],
};

// Every element of the front-end, through its shadow roots.
const ALL = `(() => { const all = []; const walk = (root) => { for (const el of root.querySelectorAll('*')) { all.push(el); if (el.shadowRoot) walk(el.shadowRoot); } }; walk(document); return all; })()`;

/** Every request DevTools logged so far: index, URL, method, status, preflight or not. */
function logged(dt) {
  return cdpEval(dt, `(async () => {
    const Logs = await import('./models/logs/logs.js');
    return Logs.NetworkLog.NetworkLog.instance().requests()
      .map((r, i) => ({ i, url: r.url(), method: r.requestMethod, status: r.statusCode, preflight: r.isPreflightRequest?.() ?? r.requestMethod === 'OPTIONS' }));
  })()`);
}

/** Show request `i` of DevTools' log in the Headers tab, select it all with the mouse, copy. */
async function copyHeadersView(dt, page, i, url, raw = false) {
  await cdpEval(dt, `(async () => {
    const Logs = await import('./models/logs/logs.js');
    const Common = await import('./core/common/common.js');
    const NF = await import('./panels/network/forward/forward.js');
    const req = Logs.NetworkLog.NetworkLog.instance().requests()[${i}];
    const tabs = NF.UIRequestLocation.UIRequestTabs;
    await Common.Revealer.reveal(NF.UIRequestLocation.UIRequestLocation.tab(req, tabs.HEADERS_COMPONENT ?? 'headers-component'));
    return true;
  })()`);
  await sleep(700);
  // The sections' "Raw" boxes as asked (DevTools remembers them from view to view), found by
  // what they do (their jslog context), not by their label, which DevTools translates.
  const flipped = await cdpEval(dt, `(() => {
    const all = ${ALL};
    const boxes = all.filter((el) => el.tagName === 'DEVTOOLS-CHECKBOX' && el.getBoundingClientRect().width > 0
      && (el.getAttribute('jslog') ?? '').includes('raw-headers'));
    let n = 0;
    for (const b of boxes) if (b.checked !== ${raw}) { b.click(); n += 1; }
    return n;
  })()`);
  if (flipped) await sleep(400);
  // Where a user starts and ends the selection, each scrolled into view in turn: a click
  // before the first row's label, then a Shift+click after the last header's value. Only once
  // the view shows this request (not still the one before) with its Raw boxes as asked.
  const point = (which) => poll(`the Headers view of ${url}${raw ? ' (raw)' : ''}`, () => cdpEval(dt, `(() => {
    const all = ${ALL};
    const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const url = all.find((el) => el.id === 'request-url' && shown(el));
    const values = all.filter((el) => (el.classList?.contains('header-value') || el.classList?.contains('raw-headers')) && shown(el));
    if (!url || values.length === 0 || url.textContent.trim() !== ${JSON.stringify(url)}) return null;
    const boxes = all.filter((el) => el.tagName === 'DEVTOOLS-CHECKBOX' && shown(el)
      && (el.getAttribute('jslog') ?? '').includes('raw-headers'));
    if (boxes.some((b) => b.checked !== ${raw})) return null;
    if (${JSON.stringify(which)} === 'start') {
      const row = url.parentElement;
      row.scrollIntoView({ block: 'center' });
      const n = row.querySelector('.header-name').getBoundingClientRect();
      return { x: n.left + 1, y: n.top + 2, h: innerHeight };
    }
    const last = values.reduce((a, b) => (b.getBoundingClientRect().bottom > a.getBoundingClientRect().bottom ? b : a));
    last.scrollIntoView({ block: 'end' });
    const r = last.getBoundingClientRect();
    return { x: r.right - 1, y: r.bottom - 2, h: innerHeight };
  })()`));
  const click = async (p, modifiers = 0) => {
    assert.ok(p.y >= 0 && p.y < p.h, `the point (y ${p.y}) is inside the DevTools window (height ${p.h})`);
    await dt.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: p.x, y: p.y, modifiers });
    await dt.send('Input.dispatchMouseEvent', { type: 'mousePressed', x: p.x, y: p.y, button: 'left', clickCount: 1, modifiers });
    await dt.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: p.x, y: p.y, button: 'left', clickCount: 1, modifiers });
  };
  const at = await point('start');
  // The clipboard emptied (from the page, which has to be in front for that), then DevTools'
  // window in front for the mouse and Ctrl+C.
  // Bringing a tab to the front is not instant: the page may not have the focus yet.
  await poll('the clipboard emptied', async () => {
    await page.bringToFront();
    await page.evaluate(() => navigator.clipboard.writeText(''));
    return true;
  }, 5000);
  await dt.send('Page.bringToFront');
  await click(at);
  await click(await point('end'), 8);
  await dt.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'c', code: 'KeyC', modifiers: 2, commands: ['copy'] });
  await dt.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'c', code: 'KeyC', modifiers: 2 });
  // The page in front to read the clipboard (the API wants a focused document).
  await page.bringToFront();
  const copy = await poll('the copy on the clipboard', () => page.evaluate(() => navigator.clipboard.readText()), 5000);
  assert.ok(copy.split('\n').slice(0, 3).some((l) => l.includes(url)), `the copy starts with the Request URL row: ${copy.slice(0, 120)}`);
  return copy;
}

/** Copy every view of each mode's requests (all modes, or `only`) in DevTools set to `lang`. */
async function copyModes(lang, only) {
  const DIR = path.join(OUT, lang ? `devtools-copy-${lang}` : 'devtools-copy');
  const lab = await startLab();
  const all = await modes(lab);
  const port = await freePort();
  const context = await launchChromium({ devtools: true, args: [`--remote-debugging-port=${port}`] });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: lab.app });
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${lab.app}/`);
  const verdicts = await corsVerdicts(page);
  const front = await poll('the DevTools front-end target', async () => {
    const targets = await cdpTargets(port);
    return targets.find((t) => t.url.startsWith('devtools://devtools/') && t.webSocketDebuggerUrl);
  });
  const dt = await cdpConnect(front.webSocketDebuggerUrl);
  await poll('the front-end', () => cdpEval(dt, `typeof InspectorFrontendAPI !== 'undefined'`));
  if (lang) {
    // DevTools' own language setting (Settings > Preferences > Language), as a user sets it;
    // it takes effect when DevTools reloads.
    await cdpEval(dt, `(async () => {
      const Common = await import('./core/common/common.js');
      Common.Settings.Settings.instance().moduleSetting('language').set(${JSON.stringify(lang)});
      return true;
    })()`);
    await cdpEval(dt, `(() => { setTimeout(() => location.reload(), 0); return true; })()`);
    await sleep(1500);
    await poll('the front-end in its new language', () => cdpEval(dt, `typeof InspectorFrontendAPI !== 'undefined' && document.documentElement.lang`));
  }
  await cdpEval(dt, `(() => { InspectorFrontendAPI.showPanel('network'); return true; })()`);
  await sleep(1000);
  mkdirSync(DIR, { recursive: true });

  const bin = whycorsBin();
  const rows = [];
  for (const [slug, mode] of all) {
    if (only && !only.includes(slug)) continue;
    const url = `${lab.api}${mode.path}`;
    const before = (await logged(dt)).length;
    await runMode(page, slug);
    const chromium = await verdicts.waitFor(url, 1500);
    // What the mode made: every request logged since it ran (a
    // redirect's hops and their preflights are requests of their own in DevTools).
    await poll(`DevTools' log of ${slug}`, async () => (await logged(dt)).slice(before)
      .some((r) => !r.preflight && r.url.startsWith(`${lab.api}/mode/${slug}`)));
    await sleep(300);
    const made = (await logged(dt)).slice(before).filter((r) => !r.url.endsWith('/favicon.ico'));
    const chrome = chromium && chromium.corsError ? { corsError: chromium.corsError, failedParameter: chromium.failedParameter } : null;
    // Each view as shown by default, then with its sections' "Raw" boxes ticked.
    for (const raw of [false, true]) {
      const copies = [];
      for (const r of made) copies.push(await copyHeadersView(dt, page, r.i, r.url, raw));
      const id = raw ? `${slug} (raw)` : slug;
      const text = copies.map((c) => c.trimEnd()).join('\n\n') + '\n';
      // The language took: no English General label in the copy.
      if (lang) assert.ok(!/^Request URL\b/m.test(text), `DevTools shows its labels in ${lang}: ${text.slice(0, 60)}`);
      const file = path.join(DIR, `${slug}${raw ? '.raw' : ''}.txt`);
      writeFileSync(file, text);
      const res = await run(bin, ['explain', '--json', ...(OPTIONS[slug] ?? []), file]);
      let report;
      try {
        report = JSON.parse(res.stdout);
      } catch {
        rows.push({ slug: id, chromium: show(chrome), whycors: `error: ${res.stderr.trim().split('\n')[0]}`, ok: false, causeOk: false, want: '', got: '', input: '' });
        continue;
      }
      const mine = whycorsVerdict(report, url);
      const f = report.findings.find((x) => x?.request?.url === url) ?? report.findings.at(-1);
      const want = `${mode.expect.cause}${mode.expect.gateway ? `/${mode.expect.gateway}` : ''}`;
      const got = f ? `${f.cause.kind}${f.cause.gateway ? `/${f.cause.gateway}` : ''}` : 'no finding';
      rows.push({ slug: id, chromium: show(chrome), whycors: show(mine), ok: same(chrome, mine), causeOk: got === want, want, got, input: report.input, n: copies.length });
    }
  }
  await context.close();
  return rows;
}

/** The table, then every copy must give Chromium's verdict and the lab's cause. */
function report(rows, minimum) {
  const w = Math.max(...rows.map((r) => r.slug.length));
  console.log(`${'mode'.padEnd(w)} | views | read as          | chromium | whycors | agree | cause (lab → whycors)`);
  for (const r of rows) {
    console.log(`${r.slug.padEnd(w)} | ${String(r.n ?? '-').padEnd(5)} | ${String(r.input).padEnd(16)} | ${r.chromium} | ${r.whycors} | ${r.ok ? 'yes' : 'NO'} | ${r.want} → ${r.got}${r.causeOk ? '' : '  NO'}`);
  }
  const agree = rows.filter((r) => r.ok && r.causeOk && r.input === 'devtools_headers').length;
  console.log(`devtools copy agreement: ${agree}/${rows.length}`);
  assert.ok(rows.length >= minimum, `modes covered: ${rows.length}`);
  const bad = rows.filter((r) => !(r.ok && r.causeOk && r.input === 'devtools_headers'));
  assert.equal(agree, rows.length, `every copied Headers tab gives Chromium's verdict and the lab's cause; not these (mode | read as | chromium | whycors | cause lab → whycors):${bad.slice(0, 8).map((r) => `\n  ${r.slug} | ${r.input} | ${r.chromium} | ${r.whycors} | ${r.want} → ${r.got}`).join('')}`);
}

const ONLY = process.env.ONLY?.split(','); // ONLY=mode,mode

test('a Headers tab copied from DevTools reaches Chromium\'s verdict and the mode\'s cause', async () => {
  const rows = await copyModes(LANG, ONLY);
  report(rows, ONLY ? 1 : 58);
});

// Run by default (not when DEVTOOLS_LANG or ONLY ask for one run by hand).
if (LANG === undefined && ONLY === undefined) {
  test(`the same in DevTools translated (${TRANSLATED.lang}): its General labels are read`, async () => {
    const rows = await copyModes(TRANSLATED.lang, TRANSLATED.modes);
    report(rows, TRANSLATED.modes.length * 2);
  });
}
