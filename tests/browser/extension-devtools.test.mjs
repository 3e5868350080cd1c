// Smoke test of the real panel inside DevTools: DevTools opens for the inspected tab, the
// front-end is told to show the whycors panel (InspectorFrontendAPI.showPanel, an internal API
// reached over the remote-debugging port), and the panel iframe, which has chrome.devtools,
// lists the lab failure the page just made with its cause.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startLab, stopAll, OUT } from './harness.mjs';
import {
  extensionCopy, freePort, launchWithExtension, runMode, modes, cdpConnect, cdpEval, cdpTargets, poll,
} from './lib/extension.mjs';

after(stopAll);

test('the whycors panel inside DevTools lists a lab failure with its cause', async () => {
  const lab = await startLab();
  const expect = await modes(lab);
  const port = await freePort();
  const { context, id } = await launchWithExtension(extensionCopy(), { args: [`--remote-debugging-port=${port}`] });
  // Use the one tab the browser opened, so there is one DevTools front-end.
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${lab.app}/`);
  const front = await poll('the DevTools front-end target', async () => {
    const targets = await cdpTargets(port);
    return targets.find((t) => t.url.startsWith('devtools://devtools/') && t.webSocketDebuggerUrl);
  });
  const devtools = await cdpConnect(front.webSocketDebuggerUrl);
  const panelUrl = `chrome-extension://${id}/panel.html`;
  const panelTarget = await poll('the panel iframe', async () => {
    await cdpEval(devtools, `(() => { InspectorFrontendAPI.showPanel(${JSON.stringify(`chrome-extension://${id}whycors`)}); return true; })()`);
    const targets = await cdpTargets(port);
    return targets.find((t) => t.url.startsWith(panelUrl) && t.webSocketDebuggerUrl);
  });
  const panel = await cdpConnect(panelTarget.webSocketDebuggerUrl);
  assert.equal(await poll('the panel to connect', () => cdpEval(panel,
    `document.querySelector('.panel')?.dataset.connected === 'true' && typeof chrome.devtools?.inspectedWindow?.tabId === 'number'`)), true);
  await runMode(page, 'rest-waf');
  const mode = expect.get('rest-waf');
  const cause = await poll('the rest-waf row', () => cdpEval(panel, `(() => {
    const td = [...document.querySelectorAll('tr[data-id] td.url')].find((td) => td.title.endsWith(${JSON.stringify(mode.path)}));
    const tr = td && td.closest('tr');
    return tr && tr.dataset.cause === ${JSON.stringify(mode.expect.cause)} ? tr.dataset.cause + ' ' + tr.dataset.gateway : null;
  })()`));
  assert.equal(cause, `${mode.expect.cause} ${mode.expect.gateway}`);
  // The DevTools window itself, showing the panel.
  const shot = await devtools.send('Page.captureScreenshot', { format: 'png' });
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'panel-devtools.png'), Buffer.from(shot.data, 'base64'));
});
