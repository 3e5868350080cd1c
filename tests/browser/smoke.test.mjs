// Smoke test of the harness and the lab: the demo page's `control` button makes a real
// cross-origin request that a correctly configured API answers, so the page sees the body and
// Chromium reports no CORS failure.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startLab, launchChromium, corsVerdicts, stopAll, OUT } from './harness.mjs';

after(stopAll);

test('lab demo page: control request succeeds in headless Chromium', async () => {
  const lab = await startLab();
  assert.match(lab.app, /^http:\/\/app\.localhost:\d+$/);
  assert.match(lab.api, /^http:\/\/api\.localhost:\d+$/);
  const context = await launchChromium();
  const page = await context.newPage();
  const verdicts = await corsVerdicts(page);
  await page.goto(`${lab.app}/`);
  await page.click('[data-mode="control"]');
  const result = page.locator('[data-result="control"]');
  await result.waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-result="control"]');
    return el && el.dataset.state && el.dataset.state !== 'running';
  }, null, { timeout: 10000 });
  const state = await result.getAttribute('data-state');
  const text = (await result.textContent()).trim();
  assert.equal(state, 'readable', `the page could read the control response; it shows: ${text}`);
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, 'smoke-control.png'), fullPage: true });
  assert.doesNotMatch(text, /TypeError|Failed to fetch|blocked/i, `page shows: ${text}`);
  const failedApi = [...verdicts.failures.entries()].filter(([url]) => url.startsWith(lab.api));
  assert.deepEqual(failedApi, [], 'Chromium reported no failed request to the API origin');
  assert.deepEqual(verdicts.issues, [], 'Chromium raised no CORS issue');
});
