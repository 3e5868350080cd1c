// Request contexts against real Chromium: requests made from an opaque origin (a sandboxed iframe,
// a data: page, a file:// page), from workers (dedicated, module, service), by sendBeacon,
// keepalive fetch, EventSource, media and CSS loads, and fetch modes ('no-cors', 'same-origin',
// redirect 'error'/'manual'). Chromium makes each request; its own verdict (CDP
// Network.loadingFailed.corsErrorStatus, also from worker and OOPIF targets), the lines it prints
// to the console (also workers' lines, read over CDP) and DevTools' own HAR go to
// `whycors explain --json`, which must agree: the same verdict on the HAR, every CORS console
// line read with the same URL, origin and verdict, and no "blocked" where Chromium did not block.
//
// Pages are served by a plain Node server on 127.0.0.1 (not Playwright routes: with routes on,
// Playwright answers workers' preflights itself). Local Network Access is turned off for them: an
// opaque origin counts as public and the lab is on loopback, so Chromium would refuse those
// requests before CORS. A second Chromium with its default LNA checks that refusal at the end.
//
//   CONTEXTS_ONLY=<regexp>  run only the matching scenarios;  CONTEXTS_SHOW=1  print every console line
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import os from 'node:os';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  startLab, launchChromium, corsVerdicts, startHarCollector, openRecordedPage, stopAll, onStop, run, whycorsBin, OUT,
} from './harness.mjs';

after(stopAll);

const OUT_DIR = path.join(OUT, 'contexts');

/** Serve `files` (path -> {type, body, headers}) on 127.0.0.1. */
async function startPages(files) {
  const server = http.createServer((req, res) => {
    const f = files.get(new URL(req.url, 'http://x').pathname);
    if (!f) { res.writeHead(404); res.end('no such file'); return; }
    res.writeHead(f.status ?? 200, { 'content-type': f.type, 'cache-control': 'no-store', ...(f.headers ?? {}) });
    res.end(f.body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  onStop(() => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }));
  return `http://127.0.0.1:${server.address().port}`;
}

/**
 * Chromium's own verdicts and console lines from the workers of a page (and of an OOPIF): CDP
 * auto-attach without flattening (Playwright's sessions cannot address flattened children), the
 * children's messages arrive as Target.receivedMessageFromTarget.
 */
async function tapChildren(cdp, sink) {
  let id = 1;
  const send = (sessionId, method) => cdp.send('Target.sendMessageToTarget', {
    sessionId, message: JSON.stringify({ id: id++, method, params: {} }),
  }).catch(() => {});
  const urls = new Map();
  const enable = async (sessionId) => {
    for (const m of ['Log.enable', 'Runtime.enable', 'Network.enable']) await send(sessionId, m);
    await send(sessionId, 'Runtime.runIfWaitingForDebugger');
  };
  cdp.on('Target.attachedToTarget', (e) => enable(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    let msg;
    try { msg = JSON.parse(e.message); } catch { return; }
    const p = msg.params ?? {};
    if (msg.method === 'Log.entryAdded' && p.entry?.level === 'error') sink.lines.push(p.entry.text);
    if (msg.method === 'Network.requestWillBeSent' && !urls.has(p.requestId)) urls.set(p.requestId, p.request.url);
    if (msg.method === 'Network.loadingFinished' && urls.has(p.requestId)) sink.finished.add(urls.get(p.requestId));
    if (msg.method === 'Network.loadingFailed' && p.type !== 'Preflight' && urls.has(p.requestId)) {
      sink.failures.set(urls.get(p.requestId), { corsError: p.corsErrorStatus?.corsError ?? null, failedParameter: p.corsErrorStatus?.failedParameter ?? '', errorText: p.errorText });
    }
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
}

async function explain(file) {
  const res = await run(whycorsBin(), ['explain', '--json', file]);
  if (res.code === 2) return { findings: [], error: res.stderr };
  try {
    return JSON.parse(res.stdout);
  } catch {
    throw new Error(`whycors explain ${file}: no JSON (exit ${res.code}): ${res.stderr}`);
  }
}

const QUOTED = /^Access to (?:[A-Za-z ]+?) at '([^']+)'(?: \(redirected from '([^']+)'\))? from origin '([^']+)' has been blocked by CORS policy: /;

/** The scenarios: `script` runs in the page on click; `files` are served next to the page. */

/** Problems with whycors' reading of a console refusal that is not CORS: it must be one finding
 * of cause `kind`, blocked, with no CorsError (Chromium ran no CORS check). */
function notCorsFinding(fromConsole, kind) {
  if (fromConsole.error) return [`whycors could not read it: ${fromConsole.error}`];
  const f = fromConsole.findings ?? [];
  if (f.length !== 1) return [`whycors: ${f.length} findings, expected 1`];
  const [x] = f;
  return [
    ...(x.cause?.kind === kind ? [] : [`whycors: cause ${x.cause?.kind}, expected ${kind}`]),
    ...(x.browser?.blocked === true ? [] : ['whycors: not blocked']),
    ...(x.browser?.cors_error == null ? [] : [`whycors: CorsError ${x.browser.cors_error} for a request no CORS check saw`]),
  ];
}
function scenarios(api, ACAO, lab) {
  const js = (body) => ({ type: 'text/javascript', body });
  const q = JSON.stringify;
  // A sandboxed srcdoc iframe (its origin is opaque); the fetch waits for DevTools to attach to
  // the iframe's process (sandboxed frames are isolated), else the HAR misses its first request.
  const sandboxed = (code) => `const f = document.createElement('iframe'); f.sandbox = 'allow-scripts';
    f.srcdoc = ${q(`<script>setTimeout(() => { ${code} }, 900)</` + 'script>').replace(/<\//g, '<\\/')};
    document.body.appendChild(f);`;
  const quiet = (p) => `${p}.then((r) => r.text()).catch(() => {})`;
  return [
    // 1. Opaque origins.
    { id: 'sandbox-no-acao', wait: 2200, script: sandboxed(quiet(`fetch(${q(api([]))})`)) },
    { id: 'sandbox-acao-null', wait: 2200, script: sandboxed(quiet(`fetch(${q(api(ACAO))})`)) },
    { id: 'sandbox-acao-app', wait: 2200, script: sandboxed(quiet(`fetch(${q(api([['Access-Control-Allow-Origin', 'http://127.0.0.1']]))})`)) },
    { id: 'sandbox-put-preflight', wait: 2200, script: sandboxed(quiet(`fetch(${q(api(ACAO, []))}, { method: 'PUT', headers: { 'X-Custom': '1' } })`)) },
    { id: 'sandbox-xhr-star-cred', wait: 2200, script: sandboxed(`const x = new XMLHttpRequest(); x.open('GET', ${q(api([['Access-Control-Allow-Origin', '*']]))}); x.withCredentials = true; x.send();`) },
    { id: 'data-no-acao', page: 'data', script: quiet(`fetch(${q(api([]))})`) },
    { id: 'data-acao-null', page: 'data', script: quiet(`fetch(${q(api(ACAO))})`) },
    { id: 'file-no-acao', page: 'file', script: quiet(`fetch(${q(api([]))})`) },
    // 2. Workers (the fetch waits for DevTools to attach to the worker).
    { id: 'worker-no-acao', script: `new Worker('w.js')`, files: { 'w.js': js(`setTimeout(() => ${quiet(`fetch(${q(api([]))})`)}, 300)`) } },
    { id: 'worker-put-preflight', script: `new Worker('w.js')`, files: { 'w.js': js(`setTimeout(() => ${quiet(`fetch(${q(api(ACAO, []))}, { method: 'PUT', headers: { 'X-Custom': '1' } })`)}, 300)`) } },
    { id: 'worker-xhr-star-cred', script: `new Worker('w.js')`, files: { 'w.js': js(`setTimeout(() => { const x = new XMLHttpRequest(); x.open('GET', ${q(api([['Access-Control-Allow-Origin', '*']]))}); x.withCredentials = true; x.send(); }, 300)`) } },
    // (A static cross-origin import in a module worker is fetched before CDP can attach to the
    // worker, at random: not reliably observable, so the dynamic import stands for both.)
    { id: 'module-worker-dynamic-import', script: `new Worker('m.js', { type: 'module' })`, files: { 'm.js': js(`setTimeout(() => import(${q(api([], null, { body: 'export default 1', type: 'text/javascript' }))}).catch(() => {}), 300);`) } },
    // 3. Other request makers.
    { id: 'beacon-json-no-acao', script: `navigator.sendBeacon(${q(api([], []))}, new Blob(['{}'], { type: 'application/json' }))` },
    { id: 'beacon-json-acao-no-acac', script: `navigator.sendBeacon(${q(api(ACAO))}, new Blob(['{}'], { type: 'application/json' }))` },
    { id: 'keepalive-json-no-acao', script: quiet(`fetch(${q(api([], []))}, { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' }, body: '{}' })`) },
    { id: 'eventsource-no-acao', script: `const e = new EventSource(${q(api([], null, { type: 'text/event-stream', body: 'data: 1' }))}); e.onerror = () => e.close();` },
    { id: 'eventsource-cred-star', script: `const e = new EventSource(${q(api([['Access-Control-Allow-Origin', '*']], null, { type: 'text/event-stream', body: 'data: 1' }))}, { withCredentials: true }); e.onerror = () => e.close();` },
    { id: 'video-crossorigin-no-acao', script: `const v = document.createElement('video'); v.crossOrigin = 'anonymous'; v.preload = 'auto'; v.src = ${q(api([], null, { type: 'video/mp4', body: 'x' }))}; document.body.appendChild(v);` },
    { id: 'audio-crossorigin-cred-star', script: `const a = document.createElement('audio'); a.crossOrigin = 'use-credentials'; a.preload = 'auto'; a.src = ${q(api([['Access-Control-Allow-Origin', '*']], null, { type: 'audio/mpeg', body: 'x' }))}; document.body.appendChild(a);` },
    { id: 'font-face-from-stylesheet', script: `const l = document.createElement('link'); l.rel = 'stylesheet'; l.href = 'f.css'; document.head.appendChild(l); const p = document.createElement('p'); p.style.fontFamily = 'ctx'; p.textContent = 'x'; document.body.appendChild(p);`,
      files: { 'f.css': { type: 'text/css', body: `@font-face { font-family: ctx; src: url(${q(api([], null, { type: 'font/woff2', body: 'x' }))}); }` } } },
    { id: 'dynamic-import-no-acao', script: `import(${q(api([], null, { type: 'text/javascript', body: 'export default 1' }))}).catch(() => {})` },
    { id: 'preload-fetch-no-acao', script: `const l = document.createElement('link'); l.rel = 'preload'; l.as = 'fetch'; l.crossOrigin = 'anonymous'; l.href = ${q(api([]))}; document.head.appendChild(l);` },
    // An <img> stores a cacheable response without CORS headers and without Vary: Origin; the
    // fetch of the same URL gets it from the HTTP cache and fails (MissingAllowOriginHeader).
    // DevTools' HAR has no response for the fetch: whycors must name the stored one.
    { id: 'cached-image-then-fetch', wait: 1500,
      script: `const u = ${q(api([['Cache-Control', 'public, max-age=3600']], null, { type: 'image/gif', body: 'GIF89a' }))};
        const i = new Image(); i.onload = i.onerror = () => ${quiet('fetch(u)')}; i.src = u;`,
      expect: ({ fromHar }) => {
        const f = (fromHar?.findings ?? []).find((x) => x.request.url.includes('image%2Fgif'));
        if (!f) return [`whycors (HAR): no finding for the fetch (${fromHar?.error ?? ''})`];
        return f.summary.includes('HTTP cache') && f.evidence[0]?.includes('(image)') ? [] : [`whycors (HAR) does not name the cached image response: ${f.summary}`];
      } },
    // 4. Fetch modes and redirect modes.
    // No CORS check: the page gets an opaque response; DevTools' HAR keeps the status, no
    // headers and net::ERR_ABORTED. whycors must say so (opaque_response), not blocked.
    { id: 'no-cors-no-acao', script: quiet(`fetch(${q(api([]))}, { mode: 'no-cors' })`),
      expect: ({ fromHar }) => {
        const all = fromHar?.findings ?? [];
        const ok = all.filter((x) => x.cause?.kind === 'opaque_response' && x.browser?.blocked === false && x.browser?.cors_error == null);
        return ok.length === 1 && all.length === 1 ? [] : [`whycors (HAR): ${all.map((x) => `${x.cause?.kind}, blocked ${x.browser?.blocked}`).join('; ') || fromHar?.error || 'no finding'}; expected one opaque_response, not blocked`];
      } },
    // Chromium refuses it itself ("Request mode is "same-origin" but the URL's origin is not same
    // as the request origin"): no CORS error, and whycors must not make one of it — it says what
    // it is (cause same_origin_mode, no CorsError).
    { id: 'same-origin-mode', expect: ({ fromConsole }) => notCorsFinding(fromConsole, 'same_origin_mode'), script: `fetch(${q(api(ACAO))}, { mode: 'same-origin' }).catch((e) => console.error(String(e)))` },
    { id: 'redirect-error', script: `fetch(${q(api(ACAO, null, { location: `${lab.api}/custom?r_h=Access-Control-Allow-Origin:*` }))}, { redirect: 'error' }).catch((e) => console.error(String(e)))` },
    { id: 'redirect-manual-acao', script: `fetch(${q(api(ACAO, null, { location: `${lab.api}/custom?r_h=Access-Control-Allow-Origin:*` }))}, { redirect: 'manual' }).then((r) => console.log(r.type)).catch((e) => console.error(String(e)))` },
    { id: 'redirect-manual-no-acao', script: `fetch(${q(api([], null, { location: `${lab.api}/custom?r_h=Access-Control-Allow-Origin:*` }))}, { redirect: 'manual' }).then((r) => console.log(r.type)).catch((e) => console.error(String(e)))` },
    // A worker script on another origin: Chromium refuses it by the same-origin rule, not CORS.
    { id: 'worker-cross-origin-script', script: `try { new Worker(${q(api(ACAO, null, { type: 'text/javascript', body: '1' }))}); } catch (e) { console.error(String(e)); }`,
      expect: ({ consoleLines, fromConsole }) => [
        ...(consoleLines.some((l) => l.includes("Failed to construct 'Worker': Script at")) ? [] : ['Chromium printed no SecurityError line']),
        ...notCorsFinding(fromConsole, 'worker_script_origin'),
      ] },
    // The service worker fetches when told (after CDP attached to it), not at install.
    { id: 'service-worker-no-acao', wait: 2500, script: `navigator.serviceWorker.register('sw.js'); navigator.serviceWorker.ready.then((r) => setTimeout(() => r.active.postMessage('go'), 300));`,
      files: { 'sw.js': js(`self.addEventListener('message', (e) => e.waitUntil(${quiet(`fetch(${q(api([]))})`)}));`) } },
  ];
}

test('requests from opaque origins, workers and other contexts: whycors reads them as Chromium does', { timeout: 240000 }, async () => {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const lab = await startLab();
  const recorder = await startHarCollector();
  const context = await launchChromium({
    extensions: [recorder.extensionDir], devtools: true, args: ['--disable-features=LocalNetworkAccessChecks'],
  });
  const files = new Map();
  const pages = await startPages(files);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'whycors-contexts-'));
  onStop(() => rmSync(tmp, { recursive: true, force: true }));

  let sid = 0;
  const api = (act = [], pre = null, extra = {}) => {
    const s = new URLSearchParams();
    s.append('p_status', String(extra.pStatus ?? 204));
    for (const [n, v] of pre ?? act) s.append('p_h', `${n}:${v}`);
    s.append('r_status', String(extra.rStatus ?? 200));
    for (const [n, v] of act) s.append('r_h', `${n}:${v}`);
    if (extra.type) s.append('r_h', `Content-Type:${extra.type}`);
    if (extra.location) s.append('r_location', extra.location);
    s.append('r_body', extra.body ?? '{"ok":true}');
    s.append('sid', String(++sid));
    return `${lab.api}/custom?${s}`;
  };
  const ACAO = [['Access-Control-Allow-Origin', '{origin}']];

  const problems = [];
  const allLines = [];
  const table = [];
  for (const s of scenarios(api, ACAO, lab).filter((x) => !process.env.CONTEXTS_ONLY || new RegExp(process.env.CONTEXTS_ONLY).test(x.id))) {
    const html = `<!doctype html><title>${s.id}</title><button id="go">go</button><script>
      document.getElementById('go').onclick = () => { ${s.script} };</script>`;
    let pageUrl;
    if (s.page === 'data') pageUrl = `data:text/html,${encodeURIComponent(html)}`;
    else if (s.page === 'file') {
      const f = path.join(tmp, `${s.id}.html`);
      writeFileSync(f, html);
      pageUrl = `file://${f}`;
    } else {
      pageUrl = `${pages}/${s.id}/`;
      files.set(`/${s.id}/`, { type: 'text/html; charset=utf-8', body: html });
      for (const [p, f] of Object.entries(s.files ?? {})) files.set(`/${s.id}/${p}`, f);
    }
    // DevTools' extension API cannot inspect data: and file:// pages: those have no HAR.
    const recorded = !s.page;
    let page;
    if (recorded) page = await openRecordedPage(context, recorder, pageUrl);
    else { page = await context.newPage(); await page.goto(pageUrl); }

    const verdicts = await corsVerdicts(page);
    const sink = { lines: [], failures: new Map(), finished: new Set() };
    const cdp = await context.newCDPSession(page);
    await tapChildren(cdp, sink);
    const tapped = new Set();
    page.on('framenavigated', async (frame) => {
      if (frame === page.mainFrame() || tapped.has(frame)) return;
      tapped.add(frame);
      try {
        const c = await context.newCDPSession(frame); // an OOPIF (sandboxed frames are isolated)
        const urls = new Map();
        c.on('Network.requestWillBeSent', (e) => { if (!urls.has(e.requestId)) urls.set(e.requestId, e.request.url); });
        c.on('Network.loadingFinished', (e) => { if (urls.has(e.requestId)) sink.finished.add(urls.get(e.requestId)); });
        c.on('Network.loadingFailed', (e) => {
          if (e.type === 'Preflight' || !urls.has(e.requestId)) return;
          sink.failures.set(urls.get(e.requestId), { corsError: e.corsErrorStatus?.corsError ?? null, failedParameter: e.corsErrorStatus?.failedParameter ?? '', errorText: e.errorText });
        });
        await c.send('Network.enable');
      } catch { /* part of the page's own session */ }
    });
    const lines = [];
    page.on('console', (m) => { if (m.type() === 'error') lines.push(m.text()); });

    await page.click('#go');
    await page.waitForTimeout(s.wait ?? 1500);

    // Chromium's verdict per URL of the API (the page's own files are not under test).
    const chromium = new Map();
    for (const [u, f] of verdicts.failures) chromium.set(u, { corsError: f.corsError, failedParameter: f.failedParameter ?? '', errorText: f.errorText });
    for (const [u, f] of sink.failures) chromium.set(u, f);
    const allowed = new Set([...verdicts.finished.filter((f) => !f.failed).map((f) => f.url), ...sink.finished]);
    const consoleLines = [...lines, ...sink.lines].filter((l) => !l.startsWith('Failed to load resource'));
    const consoleText = consoleLines.join('\n');
    allLines.push({ id: s.id, lines: [...lines, ...sink.lines] });
    writeFileSync(path.join(OUT_DIR, `${s.id}.console.txt`), consoleText);
    const fromConsole = consoleText ? await explain(path.join(OUT_DIR, `${s.id}.console.txt`)) : { findings: [] };
    let fromHar = null;
    let harEntries = [];
    if (recorded) {
      const har = await recorder.har(pageUrl);
      har.log.entries = har.log.entries.filter((e) => e.request.url.startsWith(lab.api));
      harEntries = har.log.entries;
      writeFileSync(path.join(OUT_DIR, `${s.id}.har`), JSON.stringify(har, null, 1));
      fromHar = await explain(path.join(OUT_DIR, `${s.id}.har`));
    }

    const apiUrls = new Set([...chromium.keys(), ...allowed].filter((u) => u.startsWith(lab.api)));
    if (apiUrls.size === 0 && !s.expect) problems.push(`${s.id}: no request to the API seen over CDP (nothing compared)`);
    for (const u of apiUrls) {
      const c = chromium.get(u) ?? null;
      const cShow = c ? (c.corsError ? `${c.corsError}(${c.failedParameter})` : `network:${c.errorText}`) : 'allowed';
      let hShow = '-';
      const entry = harEntries.find((e) => e.request.url === u && e.request.method !== 'OPTIONS');
      if (fromHar && !entry) hShow = 'not in the HAR';
      else if (fromHar && entry.response.status === 0 && entry.response.headers.length === 0 && c) {
        // DevTools records no response for a dedicated worker's blocked request (no extra-info
        // events from worker targets): whycors must say blocked without inventing why.
        const f = fromHar.findings.find((x) => x.request.url === u);
        hShow = !f ? 'no finding' : f.browser.blocked ? `blocked, ${f.browser.cors_error ?? 'cause unknown'}` : 'allowed';
        if (!f || !f.browser.blocked || (f.browser.cors_error !== null && f.browser.cors_error !== c.corsError)) {
          problems.push(`${s.id}: HAR without a response: Chromium ${cShow}, whycors ${hShow}`);
        }
      } else if (fromHar) {
        const f = fromHar.findings.find((x) => x.request.url === u);
        hShow = !f ? 'no finding' : f.browser.blocked ? `${f.browser.cors_error}(${f.browser.failed_parameter ?? ''})` : 'allowed';
        if (c?.corsError) {
          if (!f || !f.browser.blocked || f.browser.cors_error !== c.corsError || (f.browser.failed_parameter ?? '') !== c.failedParameter) {
            problems.push(`${s.id}: HAR: Chromium ${cShow}, whycors ${hShow}`);
          }
        } else if (c && f?.browser.cors_error) {
          // Chromium's failure is not CORS (a cancelled no-cors fetch): whycors names no CORS error.
          problems.push(`${s.id}: HAR: Chromium ${cShow}, whycors says CORS ${hShow}`);
        } else if (!c && f?.browser.blocked) {
          problems.push(`${s.id}: HAR: Chromium allowed ${u}, whycors says blocked (${hShow})`);
        }
      }
      table.push([s.id, cShow, hShow]);
    }
    // Every CORS line Chromium printed: whycors reads the same URL, origin and verdict.
    for (const line of consoleLines) {
      const m = QUOTED.exec(line);
      if (!m) continue;
      const [, url, from, origin] = m;
      const f = fromConsole.findings.find((x) => x.request.url === (from ?? url) || x.request.url === url);
      const c = chromium.get(from ?? url) ?? chromium.get(url);
      if (!f) { problems.push(`${s.id}: console: no finding for ${url}`); continue; }
      if (f.request.origin !== origin) problems.push(`${s.id}: console: origin ${f.request.origin}, Chromium said '${origin}'`);
      if (!f.browser.blocked) problems.push(`${s.id}: console: not blocked`);
      if (c?.corsError && f.browser.cors_error !== c.corsError) problems.push(`${s.id}: console: ${f.browser.cors_error}, Chromium ${c.corsError}`);
      if (f.browser.console !== line) problems.push(`${s.id}: console: whycors' line differs:\n  ${f.browser.console}\n  ${line}`);
    }
    for (const f of fromConsole.findings) {
      if (f.browser.blocked && allowed.has(f.request.url) && !chromium.has(f.request.url)) problems.push(`${s.id}: console: ${f.request.url} allowed by Chromium, whycors says blocked`);
    }
    if (s.expect) problems.push(...s.expect({ chromium, allowed, consoleLines, fromConsole, fromHar }).map((p) => `${s.id}: ${p}`));
    await page.close();
  }
  // Chromium's default (Local Network Access on): an opaque origin counts as public, so its
  // request to the loopback lab is refused before CORS. No DevTools here (no HAR of a data: page).
  if (!process.env.CONTEXTS_ONLY || new RegExp(process.env.CONTEXTS_ONLY).test('lna')) {
    const plain = await launchChromium();
    // A data: page is not a secure context (InsecureLocalNetwork); a sandboxed iframe in a
    // secure page needs the permission, which headless Chromium denies. That page is fulfilled
    // by Playwright: a response without an IP address counts as public (a real page would be).
    await plain.route(`${lab.app}/lna/`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>lna</title>' }));
    for (const [id, pageUrl, inFrame] of [
      ['lna-data-page', `data:text/html,${encodeURIComponent('<!doctype html><title>lna</title>')}`, false],
      ['lna-sandboxed-iframe', `${lab.app}/lna/`, true],
    ]) {
      const page = await plain.newPage();
      const lines = [];
      page.on('console', (m) => { if (m.type() === 'error') lines.push(m.text()); });
      const url = api(ACAO);
      await page.goto(pageUrl);
      const verdicts = await corsVerdicts(page);
      await page.evaluate(({ u, inFrame }) => {
        if (!inFrame) { fetch(u).catch(() => {}); return; }
        const f = document.createElement('iframe');
        f.sandbox = 'allow-scripts';
        f.srcdoc = `<script>fetch(${JSON.stringify(u)}).catch(() => {})</` + 'script>';
        document.body.appendChild(f);
      }, { u: url, inFrame });
      const c = inFrame ? null : await verdicts.waitFor(url, 5000);
      for (let i = 0; i < 50 && !lines.some((l) => QUOTED.test(l)); i++) await page.waitForTimeout(100);
      const line = lines.find((l) => QUOTED.test(l)) ?? '';
      writeFileSync(path.join(OUT_DIR, `${id}.console.txt`), line);
      const r = line ? await explain(path.join(OUT_DIR, `${id}.console.txt`)) : { findings: [] };
      const f = r.findings.find((x) => x.request.url === url);
      const said = /: Permission was denied for this request to access the `loopback` address space\.$/.test(line)
        ? 'LocalNetworkAccessPermissionDenied' : /from a less secure context/.test(line) || /insecure/i.test(line) ? 'InsecureLocalNetwork' : null;
      const want = c?.corsError ?? said;
      table.push([id, want ?? `none: ${line}`, f ? `${f.browser.cors_error}(${f.browser.failed_parameter})` : 'no finding']);
      if (!line || !want) problems.push(`${id}: Chromium printed no Local Network Access line (${line})`);
      else if (!f || f.browser.cors_error !== want || f.request.origin !== 'null' || f.browser.console !== line
        || (want === 'LocalNetworkAccessPermissionDenied' && !f.summary.includes('origin is `null`'))) {
        problems.push(`${id}: Chromium ${want}, whycors ${f ? `${f.browser.cors_error}(${f.browser.failed_parameter}) from ${f.request.origin}: ${f.summary}` : 'no finding'}`);
      }
      await page.close();
    }
  }
  for (const r of table) console.log(r.join(' | '));
  if (process.env.CONTEXTS_SHOW) console.log(JSON.stringify(allLines, null, 1));
  assert.deepEqual(problems, []);
});
