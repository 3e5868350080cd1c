// The <whycors-check> widget on the example docs page (dist/web/docs-example/), in headless
// Chromium: the page loads with one script tag, the widget answers a policy question (allowed
// and blocked, checked against what the core's checkPolicy says) and explains a pasted console
// error and a copied DevTools Headers tab (checked against `whycors explain --json`).
// Screenshots: out/widget.png (docs/widget.png), out/widget-paste.png, out/widget-devtools-copy.png.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, stopAll, OUT } from './harness.mjs';
import { serveDist, cliReport, CASES } from './lib/embed.mjs';

after(stopAll);

/** The report's text as the widget shows it: the words without the backticks, each
 * `code` span a <code> element. */
async function assertProse(locator, text) {
  const parts = text.split('`');
  const spans = parts.length % 2 ? parts.filter((_, i) => i % 2) : [];
  assert.equal(await locator.textContent(), spans.length ? parts.join('') : text);
  assert.deepEqual(await locator.locator('code').allTextContents(), spans);
}

let base;
let page;
const errors = [];
before(async () => {
  base = await serveDist();
  const context = await launchChromium();
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`${base}/web/docs-example/`);
});

/** Ask the widget (through its form) and return {result, report} once it answers. */
async function submit(panel, fill) {
  await page.evaluate(() => {
    window.__report = undefined;
    document.querySelector('whycors-check').addEventListener('whycors-result', (e) => { window.__report = e.detail; }, { once: true });
  });
  await fill();
  await page.locator(`whycors-check [data-panel="${panel}"] button.go`).click();
  const report = await (await page.waitForFunction(() => window.__report, null, { timeout: 20000 })).jsonValue();
  const result = page.locator('whycors-check .result');
  return { report, result };
}

/** The core's own answer, from the same module the page loaded. */
function coreCheck(request) {
  return page.evaluate(async (req) => {
    const m = await import('/web/docs-example/whycors/index.js');
    await m.init();
    return m.checkPolicy(document.querySelector('whycors-check').policy, req);
  }, request);
}

test('the example docs page loads and embeds the widget with one script tag', async () => {
  assert.match(await page.title(), /Call the Acme API from your browser/);
  const html = readFileSync(new URL('../../www/docs-example/index.html', import.meta.url), 'utf8');
  assert.equal((html.match(/<script\b/g) ?? []).length, 1, 'one script tag');
  await page.waitForFunction(() => customElements.get('whycors-check') !== undefined);
  const title = await page.locator('whycors-check h2').textContent();
  assert.equal(title, 'Check CORS for Acme API');
  const policy = await page.locator('whycors-check .policy').textContent();
  assert.match(policy, /https:\/\/\*\.acme\.dev/);
  assert.deepEqual(errors, []);
});

test('policy question: an allowed request works', async () => {
  const ask = { origin: 'https://app.acme.dev', method: 'PUT', headers: 'Content-Type, Authorization' };
  const { report, result } = await submit('ask', async () => {
    await page.locator('whycors-check #origin').fill(ask.origin);
    await page.locator('whycors-check #method').selectOption(ask.method);
    await page.locator('whycors-check #headers').fill(ask.headers);
  });
  const core = await coreCheck({ origin: ask.origin, method: ask.method, headers: ['Content-Type', 'Authorization'], reads: [], credentials: 'same-origin' });
  assert.deepEqual(report, core, 'the widget shows what the core says');
  assert.equal(core.findings[0].browser.blocked, false);
  await assert.doesNotReject(result.locator('.verdict.ok').waitFor());
  assert.equal(await result.locator('.verdict').textContent(), 'This request works');
});

test('policy question: a blocked request is explained with the gateway\'s fix', async () => {
  const { report, result } = await submit('ask', async () => {
    await page.locator('whycors-check #origin').fill('http://localhost:3000');
    await page.locator('whycors-check #method').selectOption('POST');
    await page.locator('whycors-check #headers').fill('Content-Type, Authorization');
    await page.locator('whycors-check #credentials').check();
  });
  const core = await coreCheck({ origin: 'http://localhost:3000', method: 'POST', headers: ['Content-Type', 'Authorization'], reads: [], credentials: 'include' });
  assert.deepEqual(report, core);
  const f = core.findings[0];
  assert.equal(f.browser.blocked, true);
  const section = result.locator('section.finding');
  assert.equal(await section.getAttribute('data-blocked'), 'true');
  assert.equal(await section.getAttribute('data-cors-error'), f.browser.cors_error);
  assert.equal(await result.locator('.verdict').textContent(), `Blocked (${f.browser.cors_error})`);
  await assertProse(result.locator('.summary'), f.summary);
  assert.ok(f.fixes.length > 0);
  assert.equal(await result.locator('.fix-title').first().textContent(), f.fixes[0].title);
  assert.match(f.fixes.map((x) => x.title + x.text).join('\n'), /API Gateway|AWS::ApiGateway|x-amazon-apigateway/i);
  assert.equal(await result.locator('pre').first().textContent(), f.fixes[0].text);
  mkdirSync(OUT, { recursive: true });
  await page.locator('whycors-check').screenshot({ path: path.join(OUT, 'widget.png') });
});

test('paste-and-explain: a console error is explained as the CLI explains it', async () => {
  const file = path.join(CASES, 'rest-missing-options', 'console-chrome.txt');
  const cli = await cliReport(file);
  await page.locator('whycors-check [data-tab="paste"]').click();
  const { report, result } = await submit('paste', async () => {
    await page.locator('whycors-check textarea').fill(readFileSync(file, 'utf8'));
  });
  assert.deepEqual(report, cli);
  assert.ok(cli.findings.length > 0 && cli.findings[0].browser.blocked);
  await assertProse(result.locator('.summary').first(), cli.findings[0].summary);
  assert.equal(await result.locator('section.finding').first().getAttribute('data-cause'), cli.findings[0].cause.kind);
  mkdirSync(OUT, { recursive: true });
  await page.locator('whycors-check').screenshot({ path: path.join(OUT, 'widget-paste.png') });
  assert.deepEqual(errors, []);
});

test('paste-and-explain: a DevTools Headers tab copy (Chromium 156\'s own) is read as one and explained as the CLI explains it', async () => {
  const file = new URL('../data/devtools/chromium-156-method-not-allowed.txt', import.meta.url).pathname;
  const cli = await cliReport(file);
  assert.equal(cli.input, 'devtools_headers');
  await page.locator('whycors-check [data-tab="paste"]').click();
  const { report, result } = await submit('paste', async () => {
    await page.locator('whycors-check textarea').fill(readFileSync(file, 'utf8'));
  });
  assert.deepEqual(report, cli);
  const f = cli.findings.find((x) => x.browser.blocked);
  assert.ok(f, 'the copy shows a blocked request');
  const section = result.locator(`section.finding[data-cors-error="${f.browser.cors_error}"]`).first();
  await assertProse(section.locator('.summary'), f.summary);
  assert.equal(await section.getAttribute('data-cause'), f.cause.kind);
  await page.locator('whycors-check').screenshot({ path: path.join(OUT, 'widget-devtools-copy.png') });
  assert.deepEqual(errors, []);
});

test('dark theme by attribute', async () => {
  const bg = await page.evaluate(() => {
    const w = document.querySelector('whycors-check');
    w.setAttribute('theme', 'dark');
    return getComputedStyle(w.shadowRoot.querySelector('.box')).backgroundColor;
  });
  assert.equal(bg, 'rgb(13, 17, 23)');
});
