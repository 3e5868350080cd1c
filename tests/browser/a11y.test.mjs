// Accessibility audit of every face a person sees — the hosted page, the <whycors-check> widget
// on the example docs page, the DevTools panel — with axe-core (WCAG 2.0/2.1/2.2 A and AA rules
// and axe's best practices) in headless Chromium, light and dark, in the states a user reaches:
// empty, a diagnosis open, a HAR's list, the guided form, the widget's answers, the panel's list
// with a finding open. Any violation fails the test and prints what axe found and where.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stopAll, launchChromium, startLab } from './harness.mjs';
import { openPage, paste, caseFile } from './lib/page.mjs';
import { serveDist } from './lib/embed.mjs';
import { extensionCopy, launchWithExtension, openInspected, runMode } from './lib/extension.mjs';

after(stopAll);

const require = createRequire(import.meta.url);
// Evaluated over CDP, which the pages' Content-Security-Policy does not restrict.
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe's violations on `page` now, one line per failing node. */
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const r = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${JSON.stringify(n.target)}: ${n.failureSummary.replace(/\s*\n\s*/g, ' ')}`));
}

async function assertClean(page, where, checked) {
  const found = await violations(page);
  checked.push(where);
  assert.deepEqual(found, [], `${where}: axe found\n${found.join('\n')}`);
}

test('the hosted page passes axe in light and dark, in every state', async () => {
  const checked = [];
  for (const scheme of ['light', 'dark']) {
    const { page } = await openPage();
    await page.emulateMedia({ colorScheme: scheme });
    await assertClean(page, `page ${scheme}: empty`, checked);
    await paste(page, caseFile('rest-throttled-429', 'curl-v.txt'));
    const finding = page.locator('article.finding');
    await finding.waitFor({ timeout: 10000 });
    // Every tab of the fixes, as a user clicking through them would see it.
    await assertClean(page, `page ${scheme}: diagnosis`, checked);
    const tabs = finding.locator('[role=tab]');
    assert.ok(await tabs.count() > 3, 'the diagnosis has fix tabs');
    await tabs.nth(2).click();
    await assertClean(page, `page ${scheme}: diagnosis, third fix tab`, checked);
    await page.setViewportSize({ width: 360, height: 800 });
    await assertClean(page, `page ${scheme}: diagnosis at 360 px`, checked);
    await page.setViewportSize({ width: 1100, height: 900 });
    const merged = JSON.parse(caseFile('rest-throttled-429', 'capture.har'));
    merged.log.entries.push(...JSON.parse(caseFile('wildcard-credentials', 'capture.har')).log.entries);
    await page.setInputFiles('#file', { name: 'cases.har', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(merged, null, 2)) });
    await page.locator('.list-count').waitFor({ timeout: 15000 });
    await page.locator('li.row .row-head').first().click();
    await page.locator('li.row article.finding').waitFor();
    await assertClean(page, `page ${scheme}: HAR list, a row open`, checked);
    await page.locator('input[type=radio]').nth(1).check();
    await page.locator('form.guided').waitFor();
    await assertClean(page, `page ${scheme}: guided form`, checked);
    await page.close();
  }
  assert.equal(checked.length, 12);
});

/** A bare page with the widget in its default theme (no provider colours). */
async function bareWidget(page, base) {
  await page.goto(`${base}/blank.html`);
  await page.evaluate(async () => {
    await import('/embed/widget.js');
    document.documentElement.lang = 'en';
    document.body.innerHTML = '<main><h1>API docs</h1><whycors-check api="Test API" url="https://api.test.dev/v1/items" '
      + 'origins="https://app.test.dev" methods="GET, POST" headers="Content-Type" gateway="aws-rest"></whycors-check></main>';
  });
}

test('the widget passes axe in light and dark, on the example docs page and in its default theme, with its answers shown', async () => {
  const base = await serveDist();
  const context = await launchChromium();
  const checked = [];
  for (const [where, scheme] of [['docs', 'light'], ['docs', 'dark'], ['bare', 'light'], ['bare', 'dark']]) {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    if (where === 'docs') await page.goto(`${base}/web/docs-example/`);
    else await bareWidget(page, base);
    const w = page.locator('whycors-check');
    await w.locator('button.go').first().waitFor({ timeout: 20000 });
    await assertClean(page, `${where} ${scheme}: widget ready`, checked);
    // A policy question that fails (an origin the API does not allow) …
    await w.locator('#origin').fill('http://localhost:3000');
    await w.locator('#method').selectOption('POST');
    await w.locator('#headers').fill('Content-Type, Authorization');
    await w.locator('[data-panel="ask"] button.go').click();
    await w.locator('.result section.finding[data-blocked="true"]').waitFor({ timeout: 20000 });
    await assertClean(page, `${where} ${scheme}: policy answer`, checked);
    // … and a pasted console error.
    await w.locator('[data-tab="paste"]').click();
    await w.locator('textarea').fill(caseFile('rest-missing-options', 'console-chrome.txt'));
    await w.locator('[data-panel="paste"] button.go').click();
    await w.locator('.result section.finding').first().waitFor({ timeout: 20000 });
    await assertClean(page, `${where} ${scheme}: pasted error explained`, checked);
    await page.close();
  }
  assert.equal(checked.length, 12);
});

test('the DevTools panel passes axe in light and dark, empty and with a finding open', async () => {
  const lab = await startLab();
  const dir = extensionCopy({ grant: ['http://api.localhost/*'] });
  const { context, id } = await launchWithExtension(dir);
  const { page, panel } = await openInspected(context, id, `${lab.app}/`);
  await panel.setViewportSize({ width: 1400, height: 820 });
  const checked = [];
  await panel.locator('.panel[data-connected="true"]').waitFor({ timeout: 15000 });
  await assertClean(panel, 'panel light: empty', checked);
  await runMode(page, 'rest-throttled');
  const row = panel.locator('tr[data-id]').first();
  await row.waitFor({ timeout: 10000 });
  await row.click();
  await panel.locator('.detail article.finding').waitFor({ timeout: 10000 });
  for (const scheme of ['light', 'dark']) {
    await panel.emulateMedia({ colorScheme: scheme });
    await assertClean(panel, `panel ${scheme}: a finding open`, checked);
  }
  assert.equal(checked.length, 3);
});
