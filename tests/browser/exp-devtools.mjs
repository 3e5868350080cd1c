import { startLab, stopAll, launchChromium } from './harness.mjs';
import { freePort, runMode, modes, cdpConnect, cdpEval, cdpTargets } from './lib/extension.mjs';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
try {
  const lab = await startLab();
  const m = await modes(lab);
  console.log([...m.keys()].join(' '));
  const port = await freePort();
  const context = await launchChromium({ devtools: true, args: [`--remote-debugging-port=${port}`] });
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${lab.app}/`);
  let front;
  for (let i = 0; i < 50 && !front; i++) {
    const t = await cdpTargets(port);
    front = t.find((x) => x.url.startsWith('devtools://devtools/') && x.webSocketDebuggerUrl);
    if (!front) await sleep(200);
  }
  console.log('front', front.url);
  const dt = await cdpConnect(front.webSocketDebuggerUrl);
  for (let i = 0; i < 100; i++) { if (await cdpEval(dt, `typeof InspectorFrontendAPI !== 'undefined'`)) break; await sleep(200); }
  await cdpEval(dt, `(() => { InspectorFrontendAPI.showPanel('network'); return true; })()`);
  await sleep(1500);
  await runMode(page, 'rest-throttled');
  await sleep(1500);
  const r = await cdpEval(dt, `(async () => {
    const Logs = await import('./models/logs/logs.js');
    const reqs = Logs.NetworkLog.NetworkLog.instance().requests();
    return reqs.map(r => r.requestMethod + ' ' + r.url() + ' ' + r.statusCode).join('\\n');
  })()`);
  console.log(r);
  const text = await cdpEval(dt, `(async () => {
    const Logs = await import('./models/logs/logs.js');
    const Network = await import('./panels/network/network.js');
    const req = Logs.NetworkLog.NetworkLog.instance().requests().find(r => r.requestMethod === 'POST');
    const Common = await import('./core/common/common.js');
    const NF = await import('./panels/network/forward/forward.js');
    const tabs = NF.UIRequestLocation.UIRequestTabs;
    const loc = NF.UIRequestLocation.UIRequestLocation.tab(req, tabs.HEADERS_COMPONENT ?? tabs.HeadersComponent ?? 'headers-component');
    await Common.Revealer.reveal(loc);
    await new Promise(r => setTimeout(r, 1000));
    const all = [];
    const walk = (root) => { for (const el of root.querySelectorAll('*')) { all.push(el); if (el.shadowRoot) walk(el.shadowRoot); } };
    walk(document);
    const gen = all.find(el => el.tagName === 'DETAILS' && el.getAttribute('aria-label') === 'General');
    if (!gen) return 'no General; details: ' + all.filter(e=>e.tagName==='DETAILS').map(e=>e.outerHTML.slice(0,300) + ' ROOT=' + (e.getRootNode().host ? e.getRootNode().host.tagName + '.' + e.getRootNode().host.className : 'doc')).join(' #### ');
    const box = gen.parentNode;
    const range = document.createRange();
    range.selectNodeContents(box);
    const sel = (box.getRootNode().getSelection ? box.getRootNode() : window).getSelection();
    sel.removeAllRanges(); sel.addRange(range);
    return JSON.stringify({sel: sel.toString(), inner: box.host ? box.host.innerText : box.innerText});
  })()`);
  // The user's way: select all in the view, copy, read the clipboard.
  const pt = await cdpEval(dt, `(() => {
    const all = [];
    const walk = (root) => { for (const el of root.querySelectorAll('*')) { all.push(el); if (el.shadowRoot) walk(el.shadowRoot); } };
    walk(document);
    const v = all.find(el => el.id === 'request-url');
    const r = v.getBoundingClientRect();
    return {x: r.left + 5, y: r.top + r.height / 2};
  })()`);
  const end = await cdpEval(dt, `(() => {
    const all = [];
    const walk = (root) => { for (const el of root.querySelectorAll('*')) { all.push(el); if (el.shadowRoot) walk(el.shadowRoot); } };
    walk(document);
    const rows = all.filter(el => el.classList && el.classList.contains('header-value'));
    const last = rows[rows.length - 1];
    const r = last.getBoundingClientRect();
    const g = all.find(el => el.tagName === 'SUMMARY' && /General/.test(el.textContent)).getBoundingClientRect();
    return {x: r.right - 2, y: r.top + r.height / 2, n: rows.length, gx: g.left + 20, gy: g.top + g.height / 2};
  })()`);
  console.log('rows', JSON.stringify(end));
  await dt.send('Input.dispatchMouseEvent', { type: 'mousePressed', x: end.gx, y: end.gy, button: 'left', clickCount: 1 });
  await dt.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: end.x, y: end.y, button: 'left', buttons: 1 });
  await dt.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: end.x, y: end.y, button: 'left', clickCount: 1 });
  await dt.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'c', code: 'KeyC', modifiers: 2, commands: ['copy'] });
  await dt.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'c', code: 'KeyC', modifiers: 2 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: lab.app });
  await page.bringToFront();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  console.log('=== clipboard'); console.log(clip);
  const sel2 = await cdpEval(dt, `getSelection().toString()`);
  console.log('=== selection after select all'); console.log(sel2);
  const o = JSON.parse(text.startsWith('{') ? text : '{"sel":' + JSON.stringify(text) + '}');
  console.log('=== selection'); console.log(o.sel);
  console.log('=== innerText'); console.log(o.inner);
} catch (e) { console.error('ERR', e); }
await stopAll();
process.exit(0);
