// End-to-end tests of the hosted page as built into dist/web/, served by `whycors lab --web`
// on its own origin and driven in headless Chromium: paste → result, located errors, examples,
// HAR upload → list with filters (on the page and in the Web Worker), what-if, share links with
// redaction, no network beyond the page's own files, 360 px and dark theme, and a screenshot.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, copyFileSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { stopAll, OUT, REPO } from './harness.mjs';
import { openPage, paste, caseFile, bigHar } from './lib/page.mjs';
import { cliReport } from './lib/embed.mjs';

after(stopAll);
mkdirSync(OUT, { recursive: true });

const THROTTLED = caseFile('rest-throttled-429', 'curl-v.txt');
const JWT = 'eyJraWQiOiJLc0l4cnJzV3R0IiwiYWxnIjoiUlMyNTYifQ';

/** Every request went to the page's own origin. */
function assertOwnFilesOnly(requests, web) {
  const foreign = requests.filter((u) => !u.startsWith(`${web}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'the page made no request beyond its own files');
  assert.ok(requests.some((u) => u.endsWith('.wasm')), `the wasm was loaded from the page's origin: ${requests.join(', ')}`);
}

test('paste → diagnosis with the browser words, evidence, fixes in tabs and curl commands', async () => {
  const { page, requests, errors, web } = await openPage();
  await page.setViewportSize({ width: 1100, height: 1400 });
  await paste(page, THROTTLED);
  const finding = page.locator('article.finding');
  await finding.waitFor({ timeout: 10000 });
  await page.screenshot({ path: path.join(OUT, 'page.png'), fullPage: false });
  copyFileSync(path.join(OUT, 'page.png'), path.join(REPO, 'docs', 'page.png'));
  assert.match(await page.locator('.detected').textContent(), /Read as curl -v output · 1 cross-origin request/);
  assert.equal(await finding.getAttribute('data-cause'), 'gateway_error');
  assert.equal(await finding.locator('header .badge').getAttribute('data-verdict'), 'blocked');
  assert.equal(await finding.locator('code.cors-error').textContent(), 'MissingAllowOriginHeader');
  assert.equal(await finding.locator('code.firefox-key').textContent(), 'CORSMissingAllowOrigin2');
  assert.match(await finding.locator('p.summary').textContent(), /API Gateway.*429/);
  assert.match(await finding.locator('.hidden-response').textContent(), /\S/);
  // The evidence is marked in the input: the 429 status line and the x-amzn-ErrorType line.
  const marked = await finding.locator('.input-view .hit').allTextContents();
  assert.ok(marked.some((l) => /HTTP\/2 429/.test(l)), `status line marked: ${marked.join(' | ')}`);
  assert.ok(marked.some((l) => /x-amzn-errortype/i.test(l)), `x-amzn-ErrorType marked: ${marked.join(' | ')}`);
  // Fixes in tabs: one panel visible at a time; clicking a tab switches; each has a copy button.
  const tabs = finding.locator('[role=tab]');
  assert.ok((await tabs.count()) >= 5, 'REST API console, SAM, CloudFormation, Terraform, CDK …');
  const targets = await tabs.evaluateAll((ts) => ts.map((t) => t.dataset.target));
  for (const t of ['rest-api-console', 'sam', 'cloudformation', 'terraform', 'cdk']) assert.ok(targets.includes(t), `${t} in ${targets}`);
  assert.equal(await finding.locator('[role=tabpanel]:visible').count(), 1);
  await finding.locator('[role=tab][data-target=terraform]').click();
  assert.match(await finding.locator('[role=tabpanel]:visible pre').textContent(), /aws_api_gateway_gateway_response/);
  // Keyboard: arrow right moves to the next tab.
  await page.keyboard.press('ArrowRight');
  assert.equal(await finding.locator('[role=tab][aria-selected=true]').getAttribute('data-target'), targets[targets.indexOf('terraform') + 1]);
  assert.equal(await finding.locator('[role=tabpanel]:visible button.copy').count(), 1);
  // Reproduce: the preflight and the actual request as curl, secrets redacted.
  const curls = await finding.locator('.reproduce pre').allTextContents();
  assert.equal(curls.length, 2);
  assert.match(curls[0], /^curl -i -X OPTIONS https:\/\/k7p2x9w4d1/);
  assert.match(curls[1], /Authorization: Bearer <redacted>/);
  assertOwnFilesOnly(requests, web);
  assert.deepEqual(errors, []);
});

test('a DevTools Headers tab copy (Chromium 156\'s own, two views) → read as such, evidence marked on its name lines', async () => {
  const { page, errors } = await openPage();
  await page.setViewportSize({ width: 1100, height: 1400 });
  await paste(page, readFileSync(path.join(REPO, 'tests/data/devtools/chromium-156-rest-throttled.txt'), 'utf8'));
  const finding = page.locator('article.finding');
  await finding.waitFor({ timeout: 10000 });
  assert.match(await page.locator('.detected').textContent(), /Read as DevTools Headers view · 1 cross-origin request/);
  assert.equal(await finding.getAttribute('data-cause'), 'gateway_error');
  assert.equal(await finding.locator('code.cors-error').textContent(), 'MissingAllowOriginHeader');
  // The copy has a header's name and its value on two lines: the name line is marked, and
  // the status row's value.
  const marked = await finding.locator('.input-view .hit mark').allTextContents();
  assert.ok(marked.includes('x-amzn-errortype'), `x-amzn-errortype marked: ${marked.join(' | ')}`);
  assert.ok(marked.includes('429 Too Many Requests'), `the 429 marked: ${marked.join(' | ')}`);
  // A value line is not taken for a header's name.
  assert.ok(!marked.includes('TooManyRequestsException'), marked.join(' | '));
  await finding.screenshot({ path: path.join(OUT, 'page-devtools-copy.png') });
  assert.deepEqual(errors, []);
});

test('a bug report pasted whole (prose, the console message, the response headers, a curl session) → one request: the browser\'s words with the real response', async () => {
  const { page, errors } = await openPage();
  await page.setViewportSize({ width: 1100, height: 1400 });
  const report = [
    'Our page gets this in Chrome:',
    '',
    "Access to fetch at 'https://k7p2x9w4d1.execute-api.eu-west-1.amazonaws.com/prod/orders' from origin 'https://shop.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.Understand this errorAI",
    '',
    'The Network tab shows this response',
    'HTTP/2 429',
    'content-type: application/json',
    'x-amzn-errortype: TooManyRequestsException',
    'x-amz-apigw-id: AbCdEfGhIjKlMnO=',
    '',
    '{"message":"Too Many Requests"}',
    '',
    'Any idea?',
  ].join('\n');
  await paste(page, report);
  const finding = page.locator('article.finding');
  await finding.waitFor({ timeout: 10000 });
  await page.screenshot({ path: path.join(OUT, 'page-bug-report.png'), fullPage: false });
  assert.match(await page.locator('.detected').textContent(), /Read as browser console message · 1 cross-origin request/);
  assert.equal(await finding.count(), 1);
  assert.equal(await finding.getAttribute('data-cause'), 'gateway_error');
  assert.equal(await finding.locator('code.cors-error').textContent(), 'MissingAllowOriginHeader');
  assert.match(await finding.locator('p.summary').textContent(), /API Gateway.*429/);
  const marked = await finding.locator('.input-view .hit').allTextContents();
  assert.ok(marked.some((l) => /HTTP\/2 429/.test(l)), `status line marked: ${marked.join(' | ')}`);
  assert.deepEqual(errors, []);
});

test('the report\'s `code` spans are set as code: a cached copy without CORS headers, named with its header line', async () => {
  const { page } = await openPage();
  await paste(page, "$ curl 'https://cdn.example.com/lib.min.js' -H 'Origin: https://www.example.org' -D- -so /dev/null\nHTTP/2 200\nvary: Accept-Encoding\ncf-cache-status: HIT\nserver: cloudflare\ncf-ray: 4c80f05aecea514c-SJC\n");
  const finding = page.locator('article.finding');
  await finding.waitFor({ timeout: 10000 });
  const summary = finding.locator('p.summary');
  assert.doesNotMatch(await summary.textContent(), /`/);
  assert.deepEqual(await summary.locator('code').allTextContents(), ['cf-cache-status: HIT', 'Vary: Origin', 'Vary: Origin']);
  assert.equal(await finding.locator('[role=tab][aria-selected=true]').getAttribute('data-target'), 'cdn-cache');
  assert.equal(await finding.locator('[role=tab][aria-selected=true]').textContent(), 'CDN cache');
});

test('unreadable input: a located error with the place highlighted; examples menu loads a sample', async () => {
  const { page } = await openPage();
  await paste(page, '{\n  "log": {\n    "entries": [\n      {"request": ]\n  }\n}');
  const err = page.locator('.read-error');
  await err.waitFor({ timeout: 10000 });
  assert.match(await err.locator('.error').textContent(), /line 4/);
  assert.equal(await err.locator('.line.err').getAttribute('data-line'), '4');
  await err.locator('button', { hasText: 'Go to line 4' }).click();
  const sel = await page.evaluate(() => {
    const ta = document.querySelector('#input');
    return ta.value.slice(ta.selectionStart, ta.selectionEnd);
  });
  assert.equal(sel, '      {"request": ]');
  await page.selectOption('#examples', 'unexposed-etag');
  await page.locator('article.finding').waitFor();
  assert.equal(await page.locator('article.finding').getAttribute('data-cause'), 'header_not_exposed');
  assert.equal(await page.inputValue('#o-reads'), 'ETag');
  await page.selectOption('#examples', 'origin-mismatch');
  await page.locator('.detected', { hasText: 'browser console message' }).waitFor();
});

test('HAR upload → list with filters; a row opens its finding', async () => {
  const { page } = await openPage();
  // One HAR holding the captures of several cases.
  const merged = JSON.parse(caseFile('rest-throttled-429', 'capture.har'));
  for (const c of ['wildcard-credentials', 'unexposed-etag', 'cloudfront-403', 'lambda-no-headers']) {
    merged.log.entries.push(...JSON.parse(caseFile(c, 'capture.har')).log.entries);
  }
  await page.setInputFiles('#file', { name: 'cases.har', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(merged, null, 2)) });
  const count = page.locator('.list-count');
  await count.waitFor({ timeout: 15000 });
  assert.match(await page.locator('.detected').textContent(), /HAR file/);
  const all = Number(await count.getAttribute('data-count'));
  assert.ok(all >= 5, `${all} findings`);
  await page.check('#filter-blocked');
  const blocked = Number(await count.getAttribute('data-count'));
  assert.ok(blocked < all && blocked >= 3, `blocked ${blocked} of ${all}`);
  assert.equal(await page.locator('li.row:not(.blocked)').count(), 0);
  await page.uncheck('#filter-blocked');
  const causes = await page.locator('#filter-cause option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(causes.includes('gateway_error') && causes.includes('header_mismatch'), causes.join());
  await page.selectOption('#filter-cause', 'gateway_error');
  const gw = Number(await count.getAttribute('data-count'));
  assert.ok(gw >= 2 && gw < all, `${gw} gateway errors`);
  assert.equal(await page.locator('li.row').evaluateAll((rs) => rs.every((r) => r.dataset.cause === 'gateway_error')), true);
  await page.selectOption('#filter-cause', '');
  await page.selectOption('#filter-host', 'k7p2x9w4d1.execute-api.us-east-1.amazonaws.com');
  const hostRows = await page.locator('li.row').evaluateAll((rs) => rs.map((r) => r.dataset.host));
  assert.ok(hostRows.length >= 1 && hostRows.every((h) => h === 'k7p2x9w4d1.execute-api.us-east-1.amazonaws.com'), hostRows.join());
  await page.locator('li.row .row-head').first().click();
  const f = page.locator('li.row article.finding');
  await f.waitFor();
  assert.equal(await f.getAttribute('data-cause'), 'gateway_error');
  assert.equal(await page.locator('li.row .row-head').first().getAttribute('aria-expanded'), 'true');
});

test('a big HAR is read in the Web Worker with progress; rows open through the worker', async () => {
  const { page, requests, web } = await openPage();
  const har = bigHar(caseFile('rest-throttled-429', 'capture.har'), 5_000_000);
  await page.setInputFiles('#file', { name: 'big.har', mimeType: 'application/json', buffer: Buffer.from(har) });
  const timings = page.locator('p.timings');
  await timings.waitFor({ timeout: 60000 });
  assert.ok(Number(await timings.getAttribute('data-bytes')) > 4_000_000);
  assert.equal(await page.inputValue('#input'), '', 'the big file stays out of the paste box');
  const count = Number(await page.locator('.list-count').getAttribute('data-count'));
  assert.ok(count > 100, `${count} rows`);
  assert.equal(await page.locator('li.row').count(), 300, 'the list shows the first 300');
  await page.locator('li.row .row-head').nth(3).click();
  const f = page.locator('li.row article.finding');
  await f.waitFor({ timeout: 10000 });
  assert.equal(await f.getAttribute('data-cause'), 'gateway_error');
  assert.ok(requests.some((u) => u === `${web}/worker.js`), 'the worker script was loaded');
  assertOwnFilesOnly(requests, web);
});

test('a second big HAR picked while the first is read: read after it, not mixed into it', async () => {
  const { page } = await openPage();
  const a = bigHar(caseFile('rest-throttled-429', 'capture.har'), 3_000_000);
  const b = bigHar(caseFile('wildcard-credentials', 'capture.har'), 2_000_000);
  // Both files go to the worker in the same task, before the first is read: without the
  // worker's one-at-a-time queue their chunks would interleave in the wasm's buffer.
  await page.evaluate(([a, b]) => {
    const input = document.querySelector('#file');
    for (const [name, text] of [['a.har', a], ['b.har', b]]) {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/json' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }, [a, b]);
  await page.waitForFunction((n) => document.querySelector('p.timings')?.dataset.bytes === String(n), Buffer.byteLength(b), { timeout: 60000 });
  const count = Number(await page.locator('.list-count').getAttribute('data-count'));
  assert.ok(count > 10, `${count} rows from b.har`);
  assert.equal(await page.locator('.error').count(), 0, 'no read error');
  await page.locator('li.row .row-head').first().click();
  const f = page.locator('li.row article.finding');
  await f.waitFor({ timeout: 10000 });
  assert.equal(await f.getAttribute('data-cause'), 'header_mismatch', 'the rows are b.har\'s (wildcard with credentials)');
});

test('share link from the guided form: restored as the form, secrets redacted', async () => {
  const { page, context, web } = await openPage();
  await page.getByLabel('Guided form').check();
  await page.fill('#f-origin', 'https://app.example.com');
  await page.fill('#f-url', 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items?api_key=zz9&page=2');
  await page.fill('#f-method', 'GET');
  await page.fill('#f-req-headers', `Authorization: Bearer ${JWT}\nAccept: application/json`);
  await page.fill('#f-status', '403');
  await page.fill('#f-headers', 'x-amzn-ErrorType: MissingAuthenticationTokenException\ncontent-type: application/json');
  await page.locator('article.finding').waitFor();
  const cause = await page.locator('article.finding').getAttribute('data-cause');
  await page.click('#share');
  const url = await page.inputValue('#share-url');
  assert.ok(url.startsWith(`${web}/#c=`), url);
  const other = await context.newPage();
  await other.goto(url);
  await other.locator('article.finding').waitFor({ timeout: 15000 });
  assert.equal(await other.getByLabel('Guided form').isChecked(), true, 'opens as the guided form');
  assert.equal(await other.inputValue('#f-origin'), 'https://app.example.com');
  assert.equal(await other.inputValue('#f-status'), '403');
  const headers = await other.inputValue('#f-req-headers');
  assert.ok(!headers.includes(JWT), headers);
  assert.match(headers, /^Authorization: Bearer <redacted>\nAccept: application\/json$/);
  assert.ok(!(await other.inputValue('#f-url')).includes('zz9'));
  assert.equal(await other.locator('article.finding').getAttribute('data-cause'), cause);
});

test('share one request of a big HAR: "Share this request" makes a link to that row alone', async () => {
  const { page, context, web } = await openPage();
  const har = bigHar(caseFile('rest-throttled-429', 'capture.har'), 3_000_000);
  await page.setInputFiles('#file', { name: 'big.har', mimeType: 'application/json', buffer: Buffer.from(har) });
  await page.locator('p.timings').waitFor({ timeout: 60000 });
  // The whole file does not go into a link; the notice says what to do instead.
  await page.click('#share');
  assert.match(await page.locator('.notice').textContent(), /Share this request/);
  await page.locator('li.row .row-head').nth(2).click();
  const row = page.locator('li.row').nth(2);
  const f = row.locator('article.finding');
  await f.waitFor({ timeout: 10000 });
  const want = { cause: await f.getAttribute('data-cause') };
  const title = await f.locator('header h3').textContent();
  await row.locator('button.share-request-go').click();
  const url = await row.locator('input.share-request-url').inputValue();
  assert.ok(url.startsWith(`${web}/#c=`), url);
  assert.ok(url.length < 20000, `one request's link is short: ${url.length} characters`);
  const other = await context.newPage();
  await other.goto(url);
  const g = other.locator('article.finding');
  await g.waitFor({ timeout: 15000 });
  assert.equal(await g.getAttribute('data-cause'), want.cause);
  assert.equal(await g.locator('header h3').textContent(), title, 'the same request');
  assert.match(await other.locator('.notice').textContent(), /one request; secrets were redacted/);
  assert.equal(await other.inputValue('#input'), '', 'the paste box stays empty');
  // Redacted: the link itself carries no JWT (the capture's Authorization header has one).
  const carried = inflateRawSync(Buffer.from(url.split('#c=')[1], 'base64url')).toString('utf8');
  assert.ok(JSON.parse(carried).whycors_exchange, 'the link holds the one request');
  assert.ok(caseFile('rest-throttled-429', 'capture.har').includes(JWT), 'the capture has the JWT');
  assert.ok(!carried.includes(JWT), 'no JWT in the link');
  assert.match(carried, /<redacted>/);
  // Sharing again from the restored page gives a link to the same request.
  await other.click('#share');
  const again = await other.inputValue('#share-url');
  const third = await context.newPage();
  await third.goto(again);
  await third.locator('article.finding').waitFor({ timeout: 15000 });
  assert.equal(await third.locator('article.finding header h3').textContent(), title);
});

/** Click "Download report (JSON)" and return the saved report, parsed. */
async function downloadReport(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-report')]);
  assert.equal(download.suggestedFilename(), 'whycors-report.json');
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

test('download report: the page\'s JSON report is what `whycors explain --json` prints, for a paste and for a big HAR', async () => {
  const { page, requests, web } = await openPage();
  const file = path.join(REPO, 'tests', 'cases', 'waf-403', 'capture.har');
  await paste(page, readFileSync(file, 'utf8'));
  await page.locator('article.finding').first().waitFor();
  assert.deepEqual(await downloadReport(page), await cliReport(file));
  // A big HAR: the report comes from the worker, every request of the file in it.
  const big = path.join(mkdtempSync(path.join(os.tmpdir(), 'whycors-page-')), 'big.har');
  writeFileSync(big, bigHar(caseFile('rest-throttled-429', 'capture.har'), 2_000_000));
  await page.setInputFiles('#file', big);
  await page.locator('p.timings').waitFor({ timeout: 60000 });
  const report = await downloadReport(page);
  const cli = await cliReport(big);
  assert.equal(report.findings.length, Number(await page.locator('.list-count').getAttribute('data-count')));
  assert.ok(report.findings.length > 50, `${report.findings.length} findings`);
  assert.deepEqual(report, cli);
  assertOwnFilesOnly(requests, web);
});

test('the page\'s script beside the message fills the request; a message line it cannot read is listed, not dropped', async () => {
  const { page, errors } = await openPage();
  await page.setViewportSize({ width: 1100, height: 1400 });
  const text = [
    "fetch('https://api.example.com/v1/orders', {",
    "  method: 'POST',",
    "  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },",
    "  credentials: 'include',",
    '});',
    '',
    "Access to fetch at 'https://api.example.com/v1/orders' from origin 'https://shop.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    '[BUG] Origin https://shop.example.com is not allowed by Access-Control-Allow-Origin for https://api.example.com/v1/items',
  ].join('\n');
  await paste(page, text);
  const finding = page.locator('article.finding');
  await finding.waitFor({ timeout: 10000 });
  const unread = page.locator('.unread');
  await unread.waitFor({ timeout: 10000 });
  await page.screenshot({ path: path.join(OUT, 'page-script-unread.png'), fullPage: false });
  assert.match(await unread.textContent(), /Not read \(1 line .*line 8.*\[BUG\] Origin/s);
  assert.match(await finding.textContent(), /POST/);
  assert.match(await finding.textContent(), /the request as the page's script makes it \(line 1\)/);
  // The downloaded report is the CLI's, the unread line in it.
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'whycors-page-')), 'script.txt');
  writeFileSync(file, text);
  const report = await downloadReport(page);
  assert.equal(report.unread?.[0]?.line, 8);
  assert.deepEqual(report, await cliReport(file));
  assert.deepEqual(errors, []);
});

test('a paste cut off inside its last line: read without it, the line listed as not read with why', async () => {
  const { page, errors } = await openPage();
  const text = ['HTTP/1.1 200 OK', 'Content-Type: application/json', 'Access-Control-Allow-Origin: https://app.example.com', 'Vary: Origin', 'HTT'].join('\n');
  await paste(page, text);
  const finding = page.locator('article.finding');
  await finding.waitFor({ timeout: 10000 });
  const unread = page.locator('.unread');
  await unread.waitFor({ timeout: 10000 });
  const said = await unread.textContent();
  assert.match(said, /Not read \(1 line; the findings leave it out\):/);
  assert.match(said, /line 5.*HTT.*\(the copy ends inside this line\)/s);
  assert.doesNotMatch(said, /browser's CORS message/);
  await unread.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, 'page-cut-line.png'), fullPage: false });
  assert.deepEqual(errors, []);
});

test('nothing names the server: the frameworks tab shows the same settings in each common framework', async () => {
  const { page, errors } = await openPage();
  await page.setViewportSize({ width: 1100, height: 1400 });
  const text = "Access to fetch at 'https://api.example.com/v1/items' from origin 'https://shop.example.com' has been blocked by CORS policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.";
  await paste(page, text);
  const finding = page.locator('article.finding');
  await finding.waitFor({ timeout: 10000 });
  const tab = finding.locator('[role=tab][data-target=frameworks]');
  assert.equal(await tab.textContent(), 'Frameworks');
  assert.equal(await finding.locator('[role=tab][data-target=express]').count(), 0, 'no Express example of its own');
  await tab.click();
  const shown = await finding.locator('[role=tabpanel]:visible pre').textContent();
  for (const needle of ["app.use(cors({", "CORS_ALLOW_HEADERS = (*default_headers, \"x-api-key\")", 'app.add_middleware(CORSMiddleware', '.allowedHeaders("x-api-key")', '.WithHeaders("x-api-key")', 'Rack::Cors do']) {
    assert.ok(shown.includes(needle), `${needle} in ${shown}`);
  }
  await finding.locator('[role=tabpanel]:visible').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, 'page-frameworks.png'), fullPage: false });
  assert.deepEqual(errors, []);
});

test("a resource-policy block (COEP): not CORS, its own cause, the resource's and the page's fixes in their tabs", async () => {
  const { page, errors } = await openPage();
  await page.setViewportSize({ width: 1100, height: 1400 });
  const text = 'GET https://img.acme-cdn.io/a.webp net::ERR_BLOCKED_BY_RESPONSE.NotSameOriginAfterDefaultedToSameOriginByCoep 200 (OK)';
  await paste(page, text);
  const finding = page.locator('article.finding');
  await finding.waitFor({ timeout: 10000 });
  const said = await finding.textContent();
  assert.match(said, /Cross-Origin-Embedder-Policy: require-corp/);
  assert.match(said, /not a CORS error/);
  const corp = finding.locator('[role=tab][data-target=corp]');
  assert.equal(await corp.textContent(), 'Resource policy');
  const coep = finding.locator('[role=tab][data-target=coep]');
  assert.equal(await coep.textContent(), 'Embedder policy');
  assert.equal(await finding.locator('[role=tab][data-target=generic]').count(), 0, 'no CORS headers to send');
  await coep.click();
  const shown = await finding.locator('[role=tabpanel]:visible pre').textContent();
  assert.ok(shown.includes('Cross-Origin-Embedder-Policy: credentialless'), shown);
  await finding.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, 'page-coep.png'), fullPage: false });
  assert.deepEqual(errors, []);
});

test('a Markdown report (heading, prose with a semicolon) with Vercel\'s Deployment Protection answering the preflight: the protection\'s tab first', async () => {
  const { page, errors } = await openPage();
  await page.setViewportSize({ width: 1100, height: 1400 });
  const text = [
    '## Summary',
    '',
    'Preview apps at `pr-{N}-web.example.dev` cannot call `pr-{N}-api.example.dev`; the preflight never reaches the app.',
    '',
    '```',
    "$ curl -sI -X OPTIONS https://pr-7-api.example.dev/api/things -H 'Origin: https://pr-7-web.example.dev' -H 'Access-Control-Request-Method: PUT'",
    'HTTP/2 401',
    'set-cookie: _vercel_sso_nonce=abc; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax',
    'server: Vercel',
    '```',
  ].join('\n');
  await paste(page, text);
  const finding = page.locator('article.finding');
  await finding.waitFor({ timeout: 10000 });
  const said = await finding.textContent();
  assert.match(said, /PreflightMissingAllowOriginHeader/);
  assert.match(said, /Deployment Protection/);
  const tabs = finding.locator('[role=tab]');
  assert.equal(await tabs.first().getAttribute('data-target'), 'vercel-protection');
  assert.equal(await tabs.first().textContent(), 'Vercel protection');
  const shown = await finding.locator('[role=tabpanel]:visible pre').textContent();
  assert.ok(shown.includes('OPTIONS Allowlist'), shown);
  assert.ok(!shown.includes('_vercel_sso_nonce=abc'), 'the cookie stays redacted');
  await finding.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, 'page-vercel-protection.png'), fullPage: false });
  assert.deepEqual(errors, []);
});

test('a pasted server setup with a mistake its framework warns about: said first beside the message, and alone the located error', async () => {
  const { page, errors } = await openPage();
  await page.setViewportSize({ width: 1100, height: 1400 });
  const code = [
    'My FastAPI app:',
    '',
    'app = FastAPI()',
    'app.add_middleware(',
    '    CORSMiddleware,',
    '    allow_origins=["http://localhost:3000"],',
    ')',
    'app.add_middleware(JWTAuthMiddleware)',
  ].join('\n');
  const message = "Access to fetch at 'http://localhost:8000/items' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
  await paste(page, `${code}\n\n${message}`);
  const finding = page.locator('article.finding');
  await finding.waitFor({ timeout: 10000 });
  assert.equal(await finding.getAttribute('data-cause'), 'preflight_failed');
  const said = await finding.textContent();
  assert.match(said, /In Starlette and FastAPI the middleware added last runs first/);
  assert.match(said, /\(line 8\)/);
  assert.equal(await finding.locator('[role=tab]').first().getAttribute('data-target'), 'fastapi');
  await finding.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, 'page-setup-mistake.png'), fullPage: false });
  // The code alone: no request to judge, the mistake at its line.
  await paste(page, code);
  const err = page.locator('.read-error');
  await err.waitFor({ timeout: 10000 });
  assert.match(await err.locator('.error').textContent(), /server code or configuration/);
  assert.equal(await err.locator('.line.err').getAttribute('data-line'), '5');
  assert.deepEqual(errors, []);
});

test('a dev server proxy pasted with a call straight to its target: the relative URL first; a cookie rule said at its line', async () => {
  const { page, errors } = await openPage();
  const text = [
    'proxy.conf.json:',
    '{',
    '  "/api": {',
    '    "target": "http://localhost:8080",',
    '    "secure": false',
    '  }',
    '}',
    "Access to XMLHttpRequest at 'http://localhost:8080/api/users' from origin 'http://localhost:4200' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
  ].join('\n');
  await paste(page, text);
  const finding = page.locator('article.finding');
  await finding.waitFor({ timeout: 10000 });
  const said = await finding.textContent();
  assert.match(said, /The pasted Angular dev server's proxy \(line 4\) forwards `?\/api`? to http:\/\/localhost:8080/);
  assert.match(said, /\/api → http:\/\/localhost:8080, the origin the page called directly/);
  const tab = finding.locator('[role=tab]').first();
  assert.equal(await tab.getAttribute('data-target'), 'same-origin-url');
  assert.match(await finding.locator('[role=tabpanel]:visible').first().textContent(), /fetch\('\/api\/users'\)/);
  await finding.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, 'page-dev-proxy.png'), fullPage: false });
  // Chrome's Set-Cookie tooltip: a cookie rule at its line, not a verdict.
  await paste(page, [
    'set-cookie: _app_session=abc; path=/; HttpOnly',
    '',
    'This Set-Cookie didn\'t specify a "SameSite" attribute, was defaulted to "SameSite=Lax", and was blocked because it came from a cross-site response which was not the response to a top-level navigation.',
  ].join('\n'));
  const err = page.locator('.read-error');
  await err.waitFor({ timeout: 10000 });
  assert.match(await err.locator('.error').textContent(), /a cookie rule, the browser refused to store the cookie/);
  assert.equal(await err.locator('.line.err').getAttribute('data-line'), '3');
  await page.screenshot({ path: path.join(OUT, 'page-cookie-rule.png'), fullPage: false });
  assert.deepEqual(errors, []);
});

test('a method named only in the words around the message: shown as "method from your words", the line given as evidence', async () => {
  const { page, errors } = await openPage();
  const text = [
    'I make an AJAX POST call to our API and Chrome says:',
    '',
    "Access to XMLHttpRequest at 'https://api.example.com/v1/orders' from origin 'https://shop.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
  ].join('\n');
  await paste(page, text);
  const finding = page.locator('article.finding');
  await finding.waitFor({ timeout: 10000 });
  const said = await finding.textContent();
  assert.match(said, /POST \(method from your words\) https:\/\/api\.example\.com\/v1\/orders/);
  assert.match(said, /the method as the words pasted with it name it \(line 1\)/);
  assert.doesNotMatch(said, /method assumed/);
  await page.screenshot({ path: path.join(OUT, 'page-method-described.png'), fullPage: false });
  // Without the words, the method is assumed.
  await paste(page, text.split('\n')[2]);
  await page.locator('article.finding', { hasText: 'method assumed' }).waitFor({ timeout: 10000 });
  assert.deepEqual(errors, []);
});

test('what-if: editing a response header re-runs the verdict as you type', async () => {
  const { page } = await openPage();
  await paste(page, THROTTLED);
  const finding = page.locator('article.finding');
  await finding.waitFor();
  await finding.locator('details.whatif > summary').click();
  const verdict = finding.locator('.whatif-result .badge');
  assert.equal(await verdict.getAttribute('data-verdict'), 'blocked');
  const ta = finding.locator('textarea.whatif-response');
  await ta.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nAccess-Control-Allow-Origin: https://app.example.co');
  assert.equal(await verdict.getAttribute('data-verdict'), 'blocked', 'a wrong origin is still blocked');
  assert.equal(await finding.locator('.whatif-result code').textContent(), 'AllowOriginMismatch');
  await page.keyboard.type('m');
  await page.waitForFunction(() => document.querySelector('.whatif-result .badge')?.dataset.verdict === 'allowed');
  assert.equal(await finding.locator('header .badge').getAttribute('data-verdict'), 'blocked', 'the original finding is unchanged');
  await page.keyboard.type('\nbroken header line');
  await finding.locator('.whatif-result .error').waitFor();
});

test('share link: compressed, secrets redacted by default, restored on open; keep-secrets keeps them', async () => {
  const { page, context, web } = await openPage();
  await paste(page, THROTTLED);
  await page.locator('article.finding').waitFor();
  await page.click('#share');
  const url = await page.inputValue('#share-url');
  assert.ok(url.startsWith(`${web}/#c=`), url);
  assert.ok(!url.includes('curl'), 'the case is compressed, not plain');
  assert.ok(url.length < THROTTLED.length, `link ${url.length} chars < input ${THROTTLED.length}`);
  assert.equal(page.url(), url, 'the address bar carries the link');
  const other = await context.newPage();
  await other.goto(url);
  await other.locator('article.finding').waitFor({ timeout: 15000 });
  const restored = await other.inputValue('#input');
  assert.ok(!restored.includes(JWT), 'the JWT is not in the shared case');
  assert.match(restored, /Authorization: Bearer <redacted>/);
  assert.equal(restored.split('\n').length, THROTTLED.split('\n').length, 'same lines');
  assert.equal(await other.locator('article.finding').getAttribute('data-cause'), 'gateway_error');
  assert.match(await other.locator('.notice').textContent(), /redacted/);
  // Keep secrets: a visible choice, off by default.
  assert.equal(await page.isChecked('#keep-secrets'), false);
  await page.check('#keep-secrets');
  await page.click('#share');
  const kept = await page.inputValue('#share-url');
  assert.ok(kept.startsWith(`${web}/#k=`), kept);
  await other.goto('about:blank');
  await other.goto(kept);
  await other.locator('article.finding').waitFor({ timeout: 15000 });
  assert.equal(await other.inputValue('#input'), THROTTLED, 'kept: the exact case');
});

test('guided form: structured fields give the same diagnosis', async () => {
  const { page } = await openPage();
  await page.getByLabel('Guided form').check();
  await page.fill('#f-origin', 'https://app.example.com');
  await page.fill('#f-url', 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items');
  await page.fill('#f-method', 'GET');
  await page.fill('#f-status', '403');
  await page.fill('#f-headers', 'x-amzn-ErrorType: MissingAuthenticationTokenException\nx-amz-apigw-id: abc=\ncontent-type: application/json');
  await page.fill('#f-body', '{"message":"Missing Authentication Token"}');
  const f = page.locator('article.finding');
  await f.waitFor();
  assert.equal(await f.locator('header .badge').getAttribute('data-verdict'), 'blocked');
  assert.match(await page.locator('.detected').textContent(), /guided form/);
  await page.fill('#f-headers', 'bad line');
  await page.locator('.read-error', { hasText: 'response_headers' }).waitFor();
});

test('360 px wide and dark theme: readable, no horizontal scroll', async () => {
  const { page } = await openPage({ viewport: { width: 360, height: 800 } });
  await paste(page, THROTTLED);
  await page.locator('article.finding').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `page is ${overflow} px wide at 360`);
  await page.screenshot({ path: path.join(OUT, 'page-360.png'), fullPage: false });
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(dark, light, 'prefers-color-scheme: dark changes the theme');
  await page.screenshot({ path: path.join(OUT, 'page-dark-360.png'), fullPage: false });
  // Every form control has a label.
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select')]
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
    .map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, []);
});
