// Helpers for the hosted-page tests: the lab serving dist/web on its own origin, Chromium,
// a record of every request the page makes, and small page actions.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startLab, launchChromium, REPO } from '../harness.mjs';

export const WEB_DIR = path.join(REPO, 'dist', 'web');

/** Start the lab with `--web dist/web`, Chromium, and a page that records its requests. */
export async function openPage({ hash = '', viewport } = {}) {
  if (!existsSync(path.join(WEB_DIR, 'index.html'))) {
    throw new Error(`${WEB_DIR}/index.html is missing: run \`cargo xtask build\` first`);
  }
  const lab = await startLab({ args: ['--web', WEB_DIR] });
  if (typeof lab.web !== 'string') throw new Error('the lab printed no "web" URL');
  const context = await launchChromium();
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  // Requests made by the page's worker are seen by the context.
  context.on('request', (r) => { if (!requests.includes(r.url())) requests.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${lab.web}/${hash}`);
  try {
    await page.waitForSelector('#input, form.guided', { timeout: 20000 });
  } catch (e) {
    throw new Error(`the page did not mount: ${e.message}\npage errors: ${errors.join('\n')}`);
  }
  return { lab, context, page, requests, errors, web: lab.web };
}

/** Put `text` into the paste box as a paste would (one input event). */
export async function paste(page, text) {
  await page.evaluate((t) => {
    const ta = document.querySelector('#input');
    ta.value = t;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

export function caseFile(dir, file) {
  return readFileSync(path.join(REPO, 'tests', 'cases', dir, file), 'utf8');
}

/** A HAR with `n` copies of the entries of `har` (URLs made distinct), as a string. */
export function bigHar(har, targetBytes) {
  const base = JSON.parse(har);
  const entries = base.log.entries;
  const one = JSON.stringify(entries, null, 1).length;
  const copies = Math.max(1, Math.ceil(targetBytes / one));
  const out = [];
  for (let i = 0; i < copies; i++) {
    for (const e of entries) {
      const c = structuredClone(e);
      c.request.url = `${c.request.url}${c.request.url.includes('?') ? '&' : '?'}n=${i}`;
      out.push(c);
    }
  }
  base.log.entries = out;
  return JSON.stringify(base, null, 1);
}
