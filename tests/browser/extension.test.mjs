// The whycors DevTools panel against the lab in headless Chromium: the built extension
// (dist/extension/chrome) is loaded, DevTools opens for every tab (its devtools page captures),
// and the panel page is driven with the real service worker doing the replays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startLab, stopAll, OUT } from './harness.mjs';
import {
  extensionCopy, launchWithExtension, openInspected, runMode, row, echo, echoHeader, modes,
} from './lib/extension.mjs';

let lab;
let expect;
let page;
let panel;

before(async () => {
  lab = await startLab();
  expect = await modes(lab);
  const dir = extensionCopy({ grant: ['http://api.localhost/*'], permissions: ['debugger'] });
  const { context, id } = await launchWithExtension(dir);
  ({ page, panel } = await openInspected(context, id, `${lab.app}/`));
  await panel.setViewportSize({ width: 1400, height: 820 });
});

after(stopAll);

/** Wait until the panel lists `slug` with a diagnosis; returns the row locator. */
async function listed(slug, { cause } = {}) {
  const r = row(panel, expect.get(slug).path);
  await r.first().waitFor({ timeout: 10000 });
  if (cause) {
    // The blocked response's status arrives with getHAR() a moment after onRequestFinished.
    await panel.waitForFunction(([id, c]) => document.querySelector(`tr[data-id="${id}"]`)?.dataset.cause === c,
      [await r.first().getAttribute('data-id'), cause], { timeout: 8000 }).catch(() => {});
  }
  return r.first();
}

const LISTED = ['rest-no-options', 'rest-throttled', 'rest-quota', 'rest-waf', 'rest-access-denied', 'origin-mismatch', 'control'];

test('the panel lists lab failures, newest first, with the cause whycors expects', async () => {
  for (const slug of LISTED) {
    assert.ok(expect.has(slug), `lab has mode ${slug}`);
    await runMode(page, slug);
  }
  for (const slug of LISTED) {
    const want = expect.get(slug).expect;
    const r = await listed(slug, { cause: want.cause });
    assert.equal(await r.getAttribute('data-cause'), want.cause, `${slug}: cause`);
    assert.equal((await r.getAttribute('data-gateway')) || null, want.gateway ?? null, `${slug}: gateway`);
    assert.equal(await r.locator('td.method').textContent(), expect.get(slug).method, `${slug}: method`);
  }
  // Newest first: the rows appear in the reverse order of the clicks.
  const urls = await panel.locator('tr[data-id] td.url').evaluateAll((tds) => tds.map((td) => td.title));
  const order = LISTED.map((slug) => urls.findIndex((u) => u.includes(`/mode/${slug}`)));
  assert.deepEqual([...order].sort((a, b) => b - a), order, `rows newest first: ${urls.join(' | ')}`);
  // A panel reload keeps the list: it lives in the DevTools page.
  const before = await panel.locator('tr[data-id]').count();
  await panel.reload();
  await panel.waitForSelector('.panel[data-connected="true"]');
  await panel.waitForFunction((n) => document.querySelectorAll('tr[data-id]').length === n, before, { timeout: 5000 });
});

test('replay of a GET: the preflight as the browser builds it, the page Origin, the real 429 and gateway', async () => {
  const slug = 'rest-quota'; // GET with X-Api-Key: preflighted; the GET gets 429 QUOTA_EXCEEDED
  const r = await listed(slug);
  const last = Math.max(0, ...(await echo(lab)).map((e) => e.seq));
  await r.click();
  await panel.click('.detail [data-action="replay"]');
  const section = panel.locator('.detail .replay');
  await section.waitFor({ timeout: 15000 });
  await panel.waitForSelector('.detail .replay-part[data-part="response"]', { timeout: 15000 });
  const text = await section.textContent();
  assert.match(text, /response: 429/, text);
  assert.match(text, /preflight: 2\d\d/, text);
  // The row now shows the real status and the gateway diagnosis.
  assert.match(await r.locator('td.status').textContent(), /→ 429/);
  assert.equal(await r.getAttribute('data-gateway'), 'aws-api-gateway-rest');
  const detail = await panel.locator('.detail').textContent();
  assert.match(detail, /QUOTA|quota|Limit Exceeded/, detail);
  // What the lab received from the replay: OPTIONS then GET, both with the page's Origin.
  const got = (await echo(lab)).filter((e) => e.seq > last && e.path.startsWith(`/mode/${slug}`));
  const pre = got.find((e) => e.method === 'OPTIONS');
  const get = got.find((e) => e.method === 'GET');
  assert.ok(pre, `the replay sent a preflight: ${JSON.stringify(got)}`);
  assert.ok(get, `the replay sent the GET: ${JSON.stringify(got)}`);
  assert.equal(echoHeader(pre, 'origin'), lab.app);
  assert.equal(echoHeader(pre, 'access-control-request-method'), 'GET');
  assert.equal(echoHeader(pre, 'access-control-request-headers'), 'x-api-key');
  assert.equal(echoHeader(get, 'origin'), lab.app);
  assert.equal(echoHeader(get, 'x-api-key'), 'lab-demo-key');
  assert.equal(echoHeader(get, 'cookie'), null, 'no cookies: the original did not use credentials');
  assert.ok(pre.seq < get.seq, 'preflight first');
  mkdirSync(OUT, { recursive: true });
  await panel.screenshot({ path: path.join(OUT, 'panel.png') });
});

test('a POST is never re-sent without the confirmation', async () => {
  const slug = 'rest-throttled';
  const r = await listed(slug);
  await r.click();
  const posts = async (since) => (await echo(lab)).filter((e) => e.seq > since && e.path.startsWith(`/mode/${slug}`));
  let last = Math.max(0, ...(await echo(lab)).map((e) => e.seq));
  // The one-click button replays the preflight only.
  await panel.click('.detail [data-action="replay"]');
  await panel.waitForSelector('.detail .replay-part[data-part="preflight"]', { timeout: 15000 });
  let got = await posts(last);
  assert.deepEqual(got.map((e) => e.method), ['OPTIONS'], JSON.stringify(got));
  assert.equal(echoHeader(got[0], 'access-control-request-method'), 'POST');
  assert.equal(echoHeader(got[0], 'access-control-request-headers'), 'content-type');
  // "Replay POST too…" asks first, naming the method and URL; cancel sends nothing.
  last = Math.max(last, ...got.map((e) => e.seq));
  await panel.click('.detail [data-action="replay-actual"]');
  const confirm = panel.locator('.detail .confirm');
  await confirm.waitFor();
  const question = await confirm.textContent();
  assert.match(question, /POST/);
  assert.ok(question.includes(`${lab.api}/mode/${slug}`), question);
  assert.match(question, /side effect/);
  await new Promise((res) => setTimeout(res, 800));
  assert.deepEqual(await posts(last), [], 'nothing sent while the confirmation is open');
  await panel.click('.detail [data-action="cancel"]');
  await new Promise((res) => setTimeout(res, 500));
  assert.deepEqual(await posts(last), [], 'nothing sent after cancel');
  // Confirmed: preflight then POST, with the page's Origin and the original body.
  await panel.click('.detail [data-action="replay-actual"]');
  await panel.click('.detail [data-action="confirm-send"]');
  await panel.waitForSelector('.detail .replay-part[data-part="response"]', { timeout: 15000 });
  got = await posts(last);
  const post = got.find((e) => e.method === 'POST');
  assert.ok(post, JSON.stringify(got));
  assert.equal(echoHeader(post, 'origin'), lab.app);
  assert.ok(post.body_length > 0, 'the body was sent');
  assert.match(await panel.locator('.detail .replay').textContent(), /response: 429/);
});

test('export: the selected requests as HAR, Authorization redacted unless asked', async () => {
  const slug = 'rest-access-denied'; // GET with Authorization: Bearer lab-demo-token
  const r = await listed(slug);
  await r.locator('input[type="checkbox"]').check();
  assert.match(await panel.locator('[data-action="export"]').textContent(), /\(1\)/);
  await panel.click('[data-action="export"]');
  const har = JSON.parse(await panel.evaluate(() => globalThis.__whycorsLastExport));
  const text = JSON.stringify(har);
  assert.ok(har.log.entries.length >= 1);
  assert.ok(har.log.entries.every((e) => e.request.url.includes(`/mode/${slug}`)), 'only the selected request (and its preflight)');
  assert.ok(!text.includes('lab-demo-token'), 'the token is not in the export');
  const auth = har.log.entries.flatMap((e) => e.request.headers).find((h) => h.name.toLowerCase() === 'authorization');
  assert.equal(auth?.value, 'Bearer <redacted>');
  await panel.locator('[data-action="keep-secrets"]').check();
  await panel.click('[data-action="export"]');
  assert.ok((await panel.evaluate(() => globalThis.__whycorsLastExport)).includes('lab-demo-token'), 'kept when asked');
  await panel.locator('[data-action="keep-secrets"]').uncheck();
});

test('copy preflight as curl, and the list clears on navigation unless "preserve log"', async () => {
  const r = await listed('rest-quota');
  await r.click();
  await panel.click('.detail [data-action="copy-curl"]');
  const curl = await panel.evaluate(() => globalThis.__whycorsLastCopy);
  assert.match(curl, /curl/);
  assert.match(curl, /OPTIONS/);
  assert.match(curl, /Access-Control-Request-Method: GET/i);
  // "Open in whycors page": the hosted page shipped in the extension, with this request.
  const opened = panel.context().waitForEvent('page');
  await panel.click('.detail [data-action="open-page"]');
  const hosted = await opened;
  await hosted.waitForLoadState();
  assert.match(hosted.url(), /^chrome-extension:\/\/[a-p]{32}\/page\/index\.html/);
  // The share link carries the request, redacted (`#c=`), and the page explains it at once.
  assert.match(hosted.url(), /#c=/);
  await hosted.waitForFunction(() => [...document.querySelectorAll('.finding')]
    .some((f) => f.textContent.includes('/mode/rest-quota') && f.textContent.includes('QUOTA_EXCEEDED')), null, { timeout: 10000 });
  await hosted.close();
  await panel.locator('[data-action="preserve"]').check();
  await page.reload();
  await new Promise((res) => setTimeout(res, 800));
  assert.ok(await panel.locator('tr[data-id]').count() > 0, 'preserved across navigation');
  await panel.locator('[data-action="preserve"]').uncheck();
  await page.reload();
  await panel.waitForFunction(() => document.querySelectorAll('tr[data-id]').length === 0, null, { timeout: 5000 });
});

test('exact mode: Chromium\'s own corsErrorStatus beside whycors\' verdict', async () => {
  await panel.click('[data-action="exact"]');
  await panel.waitForFunction(() => document.querySelector('[data-action="exact"]').textContent.includes('on'), null, { timeout: 10000 });
  for (const slug of ['origin-mismatch', 'rest-no-options']) {
    const rows = row(panel, expect.get(slug).path);
    const n = await rows.count();
    await runMode(page, slug);
    await panel.waitForFunction(([sel, m]) => [...document.querySelectorAll('tr[data-id] td.url')]
      .filter((td) => td.title.endsWith(sel)).length > m, [expect.get(slug).path, n], { timeout: 10000 });
    // The newest row for this URL (listed first) is the request made with exact mode on.
    const r = await listed(slug);
    await r.click();
    const line = panel.locator(`.detail[aria-label="Details"] .exact`);
    await line.waitFor({ timeout: 10000 });
    const text = await line.textContent();
    assert.ok(text.includes(expect.get(slug).expect.cors_error), `${slug}: ${text}`);
    assert.equal(await line.getAttribute('data-agree'), 'true', `${slug}: ${text}`);
  }
  await panel.click('[data-action="exact"]');
});
