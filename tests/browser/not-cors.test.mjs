// "This is not CORS", against real Chromium: a page whose Content-Security-Policy refuses the
// API, an https page calling an http:// API (mixed content), and a host that does not resolve.
// Chromium makes the requests; what it prints in the console and what DevTools' own HAR records
// go to `whycors explain --json`, which must name the real cause (not a CORS error), quote the
// CSP directive Chromium quoted, and write a fix that allows the API in that directive.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, startHarCollector, openRecordedPage, stopAll, run, whycorsBin, OUT } from './harness.mjs';

after(stopAll);

const DIRECTIVE = "connect-src 'self' https://cdn.example.com";
const PAGES = {
  // The page's own policy refuses https://api.test: fetch() and XHR.
  'https://app.test/csp': {
    headers: { 'content-security-policy': DIRECTIVE },
    script: `fetch('https://api.test/items').catch(() => {});
      const x = new XMLHttpRequest(); x.open('GET', 'https://api.test/xhr'); x.send();`,
  },
  // An https page calling an http:// API.
  'https://app.test/mixed': {
    headers: {},
    script: `fetch('http://api.test/items').catch(() => {});
      const x = new XMLHttpRequest(); x.open('GET', 'http://api.test/xhr'); x.send();`,
  },
  // A host that does not resolve (.invalid never does).
  'https://app.test/dns': {
    headers: {},
    script: `fetch('https://nothing.invalid/items').catch(() => {});`,
  },
};

async function explain(name, text) {
  mkdirSync(path.join(OUT, 'not-cors'), { recursive: true });
  const file = path.join(OUT, 'not-cors', name);
  writeFileSync(file, text);
  const res = await run(whycorsBin(), ['explain', '--json', file]);
  try {
    return JSON.parse(res.stdout);
  } catch {
    throw new Error(`whycors explain ${name}: no JSON (exit ${res.code}): ${res.stderr}`);
  }
}

function findingFor(report, url) {
  const f = report.findings.find((x) => x.request.url === url);
  assert.ok(f, `a finding for ${url}; got ${report.findings.map((x) => `${x.request.url} ${x.cause.kind}`).join(', ')}`);
  return f;
}

test('CSP, mixed content and DNS failures in real Chromium: whycors says what they really are', { timeout: 180000 }, async () => {
  const recorder = await startHarCollector();
  const context = await launchChromium({ extensions: [recorder.extensionDir], devtools: true });
  // No server: the pages are fulfilled by the test, the API hosts never answer (nothing reaches them).
  await context.route('https://app.test/**', (route) => {
    const url = new URL(route.request().url());
    const p = PAGES[`${url.origin}${url.pathname}`];
    if (!p) return route.fulfill({ status: 404, body: 'no such page' });
    return route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', ...p.headers },
      body: `<!doctype html><title>${url.pathname}</title><button id="go">go</button><script>
        document.getElementById('go').onclick = () => { ${p.script} };</script>`,
    });
  });

  for (const [pageUrl, kind] of [['https://app.test/csp', 'csp'], ['https://app.test/mixed', 'mixed'], ['https://app.test/dns', 'dns']]) {
    const page = await openRecordedPage(context, recorder, pageUrl);
    const lines = [];
    page.on('console', (m) => { if (m.type() === 'error') lines.push(m.text()); });
    await page.click('#go');
    const want = kind === 'dns' ? 1 : 2;
    const deadline = Date.now() + 10000;
    while (lines.length < want && Date.now() < deadline) await page.waitForTimeout(100);
    await page.waitForTimeout(300);
    const consoleText = lines.join('\n');

    if (kind === 'csp') {
      // Chromium's words, then whycors' reading of them.
      assert.match(consoleText, /violates the following Content Security Policy directive: "connect-src 'self' https:\/\/cdn\.example\.com"/);
      const r = await explain('csp-console.txt', consoleText);
      for (const url of ['https://api.test/items', 'https://api.test/xhr']) {
        const f = findingFor(r, url);
        assert.equal(f.cause.kind, 'content_security_policy', `${url}: ${f.summary}`);
        assert.equal(f.browser.blocked, true);
        assert.equal(f.browser.cors_error ?? null, null, 'no CORS error: the request was never sent');
        assert.ok(f.summary.includes(DIRECTIVE), f.summary);
        assert.ok(f.fixes.some((x) => x.text.includes(`${DIRECTIVE} https://api.test`)), 'a fix adds the API to connect-src');
        assert.deepEqual(f.reproduce, []);
      }
    } else if (kind === 'mixed') {
      assert.match(consoleText, /Mixed Content: The page at 'https:\/\/app\.test\/mixed' was loaded over HTTPS/);
      const r = await explain('mixed-console.txt', consoleText);
      for (const url of ['http://api.test/items', 'http://api.test/xhr']) {
        const f = findingFor(r, url);
        assert.equal(f.cause.kind, 'mixed_content', `${url}: ${f.summary}`);
        assert.equal(f.request.origin, 'https://app.test');
        assert.ok(f.fixes.some((x) => x.text.includes(url.replace('http:', 'https:'))), 'a fix calls the API over https://');
      }
    } else {
      // Chromium's console event says "Failed to load resource: net::ERR_NAME_NOT_RESOLVED" (the
      // URL is the event's location); DevTools shows it as "GET <url> net::ERR_…".
      assert.match(consoleText, /net::ERR_NAME_NOT_RESOLVED/);
    }

    // DevTools' own HAR of the same page.
    const har = await recorder.har(pageUrl);
    const r = await explain(`${kind}.har`, JSON.stringify(har));
    if (kind === 'csp') {
      // A refused fetch() never reaches the Network panel; the refused XHR does.
      const f = findingFor(r, 'https://api.test/xhr');
      assert.equal(f.cause.kind, 'content_security_policy', f.summary);
      assert.ok(f.summary.includes('connect-src'), f.summary);
    } else if (kind === 'mixed') {
      for (const url of ['http://api.test/items', 'http://api.test/xhr']) {
        assert.equal(findingFor(r, url).cause.kind, 'mixed_content');
      }
    } else {
      const f = findingFor(r, 'https://nothing.invalid/items');
      assert.equal(f.cause.kind, 'network_error', f.summary);
      assert.ok(f.summary.includes('ERR_NAME_NOT_RESOLVED'), f.summary);
      assert.ok(/not CORS/.test(f.summary), f.summary);
    }
    await page.close();
  }
});
