// whycors DevTools page: alive as long as DevTools is open for one tab. It captures that tab's
// cross-origin requests (HAR entries, exactly as DevTools' Network panel has them), keeps them in
// bounded memory and hands them to the panel over a BroadcastChannel named after the tab, so the
// list survives a reload of the panel. The panel (Leptos/wasm) pairs and diagnoses them.
'use strict';

const MAX_ENTRIES = 300; // oldest dropped first
const MAX_BODY = 64 * 1024; // characters of a response body kept per entry
const REREAD_MS = [300, 1200, 3000]; // getHAR() again for responses DevTools had not filled in yet

const devtools = chrome.devtools;
const tabId = devtools.inspectedWindow.tabId;
const channel = new BroadcastChannel(`whycors:tab:${tabId}`);
const hub = new BroadcastChannel('whycors:hub');

let pageUrl = '';
let preserve = false;
let entries = []; // HAR entries, oldest first, each with `_whycorsId`
let nextId = 1;
let publishTimer = null;

if (devtools.panels && devtools.panels.create) {
  devtools.panels.create('whycors', 'icons/icon-32.png', 'panel.html', () => {});
}

function originOf(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch (_) {
    return null;
  }
}

function header(list, name) {
  const h = (list || []).find((x) => String(x.name).toLowerCase() === name);
  return h ? String(h.value) : null;
}

/** A request the panel cares about: cross-origin to the page, made by a script or a preflight. */
function wanted(e) {
  const req = e && e.request;
  if (!req || typeof req.url !== 'string') return false;
  const origin = originOf(req.url);
  if (!origin) return false;
  const page = originOf(pageUrl);
  if (page && origin === page) return false;
  const type = e._resourceType;
  return type === 'fetch' || type === 'xhr' || type === 'preflight' || req.method === 'OPTIONS'
    || header(req.headers, 'origin') !== null;
}

/** A plain JSON copy (drops getContent()) with big bodies cut. */
function plain(e) {
  const copy = JSON.parse(JSON.stringify(e));
  const content = copy.response && copy.response.content;
  if (content && typeof content.text === 'string' && content.text.length > MAX_BODY) {
    content.text = content.text.slice(0, MAX_BODY);
    content.comment = 'cut by whycors';
  }
  return copy;
}

function sameRequest(a, b) {
  return a.request.url === b.request.url && a.request.method === b.request.method
    && a.startedDateTime === b.startedDateTime;
}

function responseKnown(e) {
  return e.response && e.response.status > 0 && (e.response.headers || []).length > 0;
}

function publish() {
  if (publishTimer) return;
  publishTimer = setTimeout(() => {
    publishTimer = null;
    channel.postMessage({ type: 'state', tabId, url: pageUrl, preserve, entries });
  }, 50);
}

function add(e) {
  if (!wanted(e)) return;
  const entry = plain(e);
  entry._whycorsId = nextId++;
  entry._whycorsPage = pageUrl;
  entries.push(entry);
  if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
  if (pendingVerdicts.length > 0) applyVerdicts();
  publish();
  if (!responseKnown(entry)) reread(entry._whycorsId, 0);
}

const pendingVerdicts = [];

function applyVerdicts() {
  const now = Date.now();
  for (let i = pendingVerdicts.length - 1; i >= 0; i--) {
    const v = pendingVerdicts[i];
    // The entry of that very request: same URL and method, started at the same moment.
    let e = null;
    let best = 1000;
    for (const x of entries) {
      if (x.request.url !== v.url || x.request.method !== v.method || (x._whycors && x._whycors.chromium)) continue;
      const d = Math.abs(Date.parse(x.startedDateTime) - v.started);
      if (d < best) {
        best = d;
        e = x;
      }
    }
    if (e) {
      e._whycors = Object.assign({}, e._whycors, {
        chromium: { corsError: v.corsError, failedParameter: v.failedParameter },
      });
      pendingVerdicts.splice(i, 1);
      publish();
    } else if (now - v.at > 10000) {
      pendingVerdicts.splice(i, 1);
    }
  }
}

function getHar() {
  if (globalThis.browser && browser.devtools) return browser.devtools.network.getHAR();
  return new Promise((resolve) => devtools.network.getHAR(resolve));
}

/** The copy onRequestFinished hands over can predate a blocked response's status and headers. */
function reread(id, attempt) {
  if (attempt >= REREAD_MS.length) return;
  setTimeout(async () => {
    const mine = entries.find((x) => x._whycorsId === id);
    if (!mine || responseKnown(mine)) return;
    let har;
    try {
      har = await getHar();
    } catch (_) {
      return;
    }
    const fresh = ((har && har.entries) || []).find((x) => sameRequest(x, mine));
    if (fresh && fresh.response && fresh.response.status > 0) {
      const copy = plain(fresh);
      mine.response = copy.response;
      if (copy.timings) mine.timings = copy.timings;
      publish();
    }
    if (!responseKnown(mine)) reread(id, attempt + 1);
  }, REREAD_MS[attempt]);
}

devtools.network.onRequestFinished.addListener((e) => {
  try {
    add(e);
  } catch (err) {
    console.error('whycors: could not keep a request', err);
  }
});

devtools.network.onNavigated.addListener((url) => {
  pageUrl = url;
  if (!preserve) entries = [];
  publish();
});

devtools.inspectedWindow.eval('location.href', (value, err) => {
  if (!err && typeof value === 'string' && !pageUrl) {
    pageUrl = value;
    publish();
  }
});

channel.onmessage = (ev) => {
  const msg = ev.data || {};
  switch (msg.type) {
    case 'hello':
      publish();
      break;
    case 'preserve':
      preserve = !!msg.value;
      publish();
      break;
    case 'clear':
      entries = [];
      publish();
      break;
    case 'replay': {
      // The service worker's replay result for one entry: stored the core's way.
      const e = entries.find((x) => x._whycorsId === msg.id);
      if (e) {
        e._whycors = Object.assign({}, e._whycors, { replay: msg.replay });
        publish();
      }
      break;
    }
    case 'chromium':
      // Exact mode: Chromium's own corsErrorStatus. It can come before DevTools hands over the
      // entry, so it waits (briefly) for the entry when none matches yet.
      pendingVerdicts.push({ ...msg, at: Date.now() });
      applyVerdicts();
      break;
    default:
      break;
  }
};

// Lets a panel opened outside DevTools (tests, a detached window) find this tab.
hub.onmessage = (ev) => {
  if (ev.data && ev.data.type === 'who') hub.postMessage({ type: 'here', tabId, url: pageUrl });
};
