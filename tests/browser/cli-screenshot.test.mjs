// Screenshots for the README: the CLI's coloured report rendered as a dark terminal
// (docs/cli.png) and the lab's demo page after every mode ran (docs/lab.png).
// Each is also written to tests/browser/out/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, startLab, stopAll, run, whycorsBin, OUT, REPO } from './harness.mjs';

after(stopAll);

const DOCS = path.join(REPO, 'docs');
// Devtools "Copy request/response headers": a preflight that passes, then a PUT that
// API Gateway throttles (429) without CORS headers.
const FIXTURE = path.join(REPO, 'tests', 'data', 'text', 'devtools_h1_preflight_actual.txt');

const SGR_CLASSES = { 1: 'b', 2: 'dim', 31: 'red', 32: 'green', 33: 'yellow', 36: 'cyan' };

function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** ANSI SGR (0, 1, 2, 31, 32, 33, 36) to HTML spans; anything else is dropped. */
export function ansiToHtml(text) {
  let html = '';
  let open = new Set();
  const re = /\x1b\[([0-9;]*)m/g;
  let last = 0;
  const emit = (chunk) => {
    if (!chunk) return;
    const body = escapeHtml(chunk);
    html += open.size ? `<span class="${[...open].join(' ')}">${body}</span>` : body;
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    emit(text.slice(last, m.index));
    last = re.lastIndex;
    for (const code of (m[1] === '' ? ['0'] : m[1].split(';'))) {
      if (code === '0') open = new Set();
      else if (SGR_CLASSES[code]) open.add(SGR_CLASSES[code]);
    }
  }
  emit(text.slice(last));
  return html;
}

function terminalPage(title, body) {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  html, body { margin: 0; background: #0f1115; }
  .win { display: inline-block; margin: 0; border-radius: 0; background: #16181d; }
  .bar { height: 30px; display: flex; align-items: center; gap: 8px; padding: 0 14px;
         background: #23262d; font: 13px 'DejaVu Sans', sans-serif; color: #9aa1ad; }
  .dot { width: 12px; height: 12px; border-radius: 50%; }
  .bar .t { margin-left: 10px; }
  pre { margin: 0; padding: 16px 22px 20px; color: #d7dae0;
        font: 15px/1.45 'DejaVu Sans Mono', 'Liberation Mono', monospace; white-space: pre; }
  .b { font-weight: bold; color: #f3f4f6; }
  .dim { color: #7d8590; }
  .red { color: #ff6b6b; }
  .green { color: #5fd38d; }
  .yellow { color: #e5c07b; }
  .cyan { color: #56c8d8; }
  .prompt { color: #5fd38d; }
  </style></head><body><div class="win" id="term">
  <div class="bar"><span class="dot" style="background:#ff5f57"></span><span class="dot" style="background:#febc2e"></span><span class="dot" style="background:#28c840"></span><span class="t">${escapeHtml(title)}</span></div>
  <pre>${body}</pre></div></body></html>`;
}

test('ANSI converter: colours, bold, reset, escaping', () => {
  const html = ansiToHtml('\x1b[1;31m✗ <x>\x1b[0m a \x1b[2mdim\x1b[0m \x1b[36m▸\x1b[0m\x1b[9m');
  assert.equal(html, '<span class="b red">✗ &lt;x&gt;</span> a <span class="dim">dim</span> <span class="cyan">▸</span>');
});

test('CLI report screenshot (docs/cli.png)', async () => {
  const bin = whycorsBin();
  const out = await run(bin, ['explain', '--color', 'always', FIXTURE]);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /\x1b\[/, 'coloured output');
  const shown = 'whycors explain devtools_h1_preflight_actual.txt';
  const body = `<span class="prompt">$</span> ${escapeHtml(shown)}\n\n${ansiToHtml(out.stdout.trimEnd())}`;

  const context = await launchChromium();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.setContent(terminalPage('whycors — terminal', body));
  const text = await page.locator('pre').innerText();
  assert.match(text, /cause: gateway_error at the response · aws-api-gateway-rest THROTTLED/);
  assert.match(text, /MissingAllowOriginHeader/);
  assert.match(text, /429 Too Many Requests/);
  // The colours made it through: the verdict is red, the cause bold.
  assert.equal(await page.locator('span.red', { hasText: 'BLOCKED' }).count(), 1);
  assert.equal(await page.locator('span.b', { hasText: 'gateway_error' }).count(), 1);
  const box = await page.locator('#term').boundingBox();
  assert.ok(box.width > 700 && box.width < 1100, `terminal width ${box.width}`);

  mkdirSync(OUT, { recursive: true });
  mkdirSync(DOCS, { recursive: true });
  const shot = path.join(OUT, 'cli.png');
  await page.locator('#term').screenshot({ path: shot });
  copyFileSync(shot, path.join(DOCS, 'cli.png'));
});

test('lab demo page after every mode ran (docs/lab.png)', async () => {
  const lab = await startLab();
  const context = await launchChromium();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(`${lab.app}/?run=all`);
  await page.waitForFunction(() => document.body.dataset.run === 'done', null, { timeout: 60000 });
  const results = await page.locator('[data-result]').allTextContents();
  assert.ok(results.length > 3, `results shown: ${results.length}`);
  assert.ok(results.every((r) => r.trim().length > 0), 'every mode shows a result');
  mkdirSync(OUT, { recursive: true });
  mkdirSync(DOCS, { recursive: true });
  // The lab picks free ports: show fixed ones so the committed picture does not change per run.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('[data-api]')) el.textContent = 'http://api.localhost:8002';
  });
  await page.screenshot({ path: path.join(OUT, 'lab-full.png'), fullPage: true });
  // For the README: the header and the first group (AWS API Gateway REST), cut above the next group.
  const sections = page.locator('main section');
  assert.ok((await sections.count()) > 1, 'modes are grouped in sections');
  const first = await sections.nth(0).boundingBox();
  const second = await sections.nth(1).boundingBox();
  const height = Math.round((first.y + first.height + second.y) / 2);
  const shot = path.join(OUT, 'lab.png');
  await page.screenshot({ path: shot, fullPage: true, clip: { x: 0, y: 0, width: 1000, height } });
  copyFileSync(shot, path.join(DOCS, 'lab.png'));
});
