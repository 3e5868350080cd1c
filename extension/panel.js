// whycors panel bootstrap: connects the Leptos panel (wasm) to the browser. The panel itself only
// computes (diagnosis, replay plan, redaction); this bridge talks to the DevTools page that holds
// the captured requests, to the service worker that replays, and to the browser for clipboard,
// downloads and tabs. Inside DevTools the inspected tab is known; opened as a normal page (tests,
// a detached window) the panel finds the tab through `?tab=<id>` or `?inspect=<url prefix>`.
import init, { mount_panel } from './page/whycors_www.js';

const params = new URLSearchParams(location.search);
const listeners = [];
let state = { connected: false, url: '', preserve: false, entries: [] };
const notices = {}; // entry id -> text ("replaying…", an error)
let exactOn = false;
let channel = null;
let tabId = null;

function emit() {
  const json = JSON.stringify({ ...state, notices, exact: exactOn, tab: tabId });
  for (const cb of listeners) cb(json);
}

function connect(id) {
  tabId = id;
  channel = new BroadcastChannel(`whycors:tab:${id}`);
  channel.onmessage = (ev) => {
    const msg = ev.data || {};
    if (msg.type === 'state') {
      state = { connected: true, url: msg.url, preserve: msg.preserve, entries: msg.entries };
      emit();
    }
  };
  channel.postMessage({ type: 'hello' });
}

function findTab(prefix) {
  const hub = new BroadcastChannel('whycors:hub');
  hub.onmessage = (ev) => {
    const m = ev.data || {};
    if (m.type === 'here' && tabId === null && typeof m.url === 'string' && m.url.startsWith(prefix)) {
      hub.close();
      connect(m.tabId);
    }
  };
  const ask = () => {
    if (tabId !== null) return;
    hub.postMessage({ type: 'who' });
    setTimeout(ask, 250);
  };
  ask();
}

function permissionPattern(url) {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

const bridge = {
  onState(cb) {
    listeners.push(cb);
    emit();
  },
  /** Messages for the DevTools page: {type: 'preserve', value} | {type: 'clear'}. */
  send(json) {
    if (channel) channel.postMessage(JSON.parse(json));
  },
  /** Replay one entry. Called synchronously from the click, so permission prompts may show. */
  replay(id, planJson) {
    const plan = JSON.parse(planJson);
    notices[id] = `asking for access to ${new URL(plan.url).origin}…`;
    emit();
    chrome.permissions.request({ origins: [permissionPattern(plan.url)] }).then((ok) => {
      if (!ok) throw new Error(`access to ${new URL(plan.url).origin} was not granted`);
      notices[id] = plan.actual ? `replaying ${plan.method}…` : 'replaying the preflight…';
      emit();
      return chrome.runtime.sendMessage({ type: 'replay', plan });
    }).then((result) => {
      if (!result) throw new Error('the service worker did not answer');
      if (result.error && !result.preflight && !result.response) throw new Error(result.error);
      delete notices[id];
      if (result.error) notices[id] = `replay stopped: ${result.error}`;
      if (channel) channel.postMessage({ type: 'replay', id, replay: result });
      emit();
    }).catch((e) => {
      notices[id] = `replay failed: ${e.message || e}`;
      emit();
    });
  },
  copy(text) {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (_) {
      ok = false;
    }
    area.remove();
    globalThis.__whycorsLastCopy = text; // what the tests read back
    return ok;
  },
  download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    globalThis.__whycorsLastExport = text;
  },
  openPage(fragment) {
    chrome.tabs.create({ url: chrome.runtime.getURL(`page/index.html${fragment}`) });
  },
  exact(on) {
    const ask = on ? chrome.permissions.request({ permissions: ['debugger'] }) : Promise.resolve(true);
    ask.then((ok) => {
      if (!ok) throw new Error('the debugger permission was not granted');
      return chrome.runtime.sendMessage({ type: 'exact', tabId, on });
    }).then((r) => {
      if (r && r.error) throw new Error(r.error);
      exactOn = !!(r && r.exact);
      delete notices.exact;
      emit();
    }).catch((e) => {
      notices.exact = `exact mode: ${e.message || e}`;
      emit();
    });
  },
};

const fromDevtools = chrome.devtools && chrome.devtools.inspectedWindow;
if (fromDevtools) connect(chrome.devtools.inspectedWindow.tabId);
else if (params.has('tab')) connect(Number(params.get('tab')));
else findTab(params.get('inspect') || 'http');

await init();
mount_panel(bridge);
