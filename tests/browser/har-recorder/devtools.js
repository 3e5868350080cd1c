// Test-only DevTools page: runs once per inspected tab (the harness starts Chromium with
// --auto-open-devtools-for-tabs). It polls the harness's collector on 127.0.0.1 for a
// "send your HAR" command and answers with chrome.devtools.network.getHAR(), i.e. the very
// HAR DevTools would export, together with the inspected tab's URL so the harness can tell
// the tabs apart. config.json (written by the harness next to this file) names the collector.
'use strict';

let collector = null;
let lastHandled = 0;

function inspectedUrl() {
  return new Promise((resolve) => {
    chrome.devtools.inspectedWindow.eval('location.href', (value, err) => {
      resolve(err ? '' : String(value));
    });
  });
}

function currentHar() {
  return new Promise((resolve) => chrome.devtools.network.getHAR((har) => resolve(har)));
}

async function tick() {
  try {
    const res = await fetch(`${collector}/cmd`, { cache: 'no-store' });
    const cmd = await res.json();
    if (cmd && typeof cmd.id === 'number' && cmd.id > lastHandled) {
      const url = await inspectedUrl();
      if (url.startsWith(cmd.urlPrefix)) {
        lastHandled = cmd.id;
        const har = await currentHar();
        await fetch(`${collector}/har`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: cmd.id, url, har: { log: har } }),
        });
      }
    }
  } catch (_) {
    // The collector is gone (test finished) or not up yet: keep polling quietly.
  }
  setTimeout(tick, 100);
}

fetch(chrome.runtime.getURL('config.json'))
  .then((r) => r.json())
  .then((cfg) => {
    collector = cfg.collector;
    tick();
  })
  .catch(() => {});
