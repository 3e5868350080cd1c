// whycors exact mode (Chromium only; imported by sw.js): with the optional `debugger`
// permission, attach to the inspected tab, follow Network.loadingFailed and hand Chromium's own
// corsErrorStatus to the tab's DevTools page, which stores it beside the captured entry.
'use strict';

const attached = new Set();
const requests = new Map(); // `${tabId}:${requestId}` -> {url, method, type}

let listening = false;

globalThis.whycorsExact = async function exact(tabId, on) {
  // chrome.debugger exists only once the optional permission is granted.
  if (!chrome.debugger) throw new Error('the debugger permission is not granted');
  listen();
  const target = { tabId };
  if (!on) {
    if (attached.has(tabId)) await chrome.debugger.detach(target).catch(() => {});
    attached.delete(tabId);
    return { exact: false };
  }
  if (!attached.has(tabId)) {
    await chrome.debugger.attach(target, '1.3');
    attached.add(tabId);
  }
  await chrome.debugger.sendCommand(target, 'Network.enable', {});
  return { exact: true };
};

function listen() {
  if (listening) return;
  listening = true;
  chrome.debugger.onEvent.addListener((source, method, params) => {
    const tabId = source.tabId;
    if (tabId == null || !params) return;
    if (method === 'Network.requestWillBeSent') {
      const key = `${tabId}:${params.requestId}`;
      if (!requests.has(key)) {
        requests.set(key, { url: params.request.url, method: params.request.method, type: params.type, wallTime: params.wallTime });
      }
      if (requests.size > 2000) requests.delete(requests.keys().next().value);
    } else if (method === 'Network.loadingFailed') {
      const req = requests.get(`${tabId}:${params.requestId}`);
      if (!req || req.type === 'Preflight' || params.type === 'Preflight' || !params.corsErrorStatus) return;
      new BroadcastChannel(`whycors:tab:${tabId}`).postMessage({
        type: 'chromium',
        url: req.url,
        method: req.method,
        started: req.wallTime * 1000, // ms since the epoch, as the HAR entry's startedDateTime
        corsError: params.corsErrorStatus.corsError,
        failedParameter: params.corsErrorStatus.failedParameter,
      });
    }
  });
  chrome.debugger.onDetach.addListener((source) => attached.delete(source.tabId));
}

