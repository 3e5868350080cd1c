// whycors service worker (Firefox: background script). Two jobs, both started by a click in the
// panel:
// - replay: send a captured request again outside CORS, exactly as the browser built it: the
//   preflight first (OPTIONS, Access-Control-Request-Method, Access-Control-Request-Headers),
//   then, when asked, the actual request. An extension's fetch sends no preflight and not the
//   page's Origin, so a declarativeNetRequest session rule, limited to requests that belong to no
//   tab (the extension's own) on that one host and method, sets those headers while it runs.
// - exact mode (exact.js, Chromium): with the optional `debugger` permission, read Chromium's
//   own corsErrorStatus.
'use strict';

const MAX_BODY = 64 * 1024;
const RULE_PREFLIGHT = 1;
const RULE_ACTUAL = 2;

const DNR_METHODS = ['connect', 'delete', 'get', 'head', 'options', 'patch', 'post', 'put'];
let queue = Promise.resolve(); // replays run one at a time: the rules are shared

function headersOf(res) {
  const out = [];
  res.headers.forEach((value, name) => out.push({ name, value }));
  return out;
}

async function record(res) {
  let text = '';
  try {
    text = await res.text();
  } catch (_) {
    text = '';
  }
  const mimeType = res.headers.get('content-type') || '';
  const content = { size: text.length, mimeType };
  if (text) content.text = text.length > MAX_BODY ? text.slice(0, MAX_BODY) : text;
  const out = {
    status: res.status,
    statusText: res.statusText,
    httpVersion: '',
    headers: headersOf(res),
    content,
  };
  if (res.type === 'opaqueredirect') {
    out.status = 0;
    out.comment = 'redirected (the browser refuses a redirected preflight)';
  }
  return out;
}

function rule(id, host, method, headers) {
  return {
    id,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: headers.map(([header, value]) => ({ header, operation: 'set', value })),
    },
    condition: {
      requestDomains: [host],
      requestMethods: [DNR_METHODS.includes(method.toLowerCase()) ? method.toLowerCase() : 'other'],
      tabIds: [-1],
      resourceTypes: ['xmlhttprequest', 'other'],
    },
  };
}

async function setRules(rules) {
  await chrome.declarativeNetRequest.updateSessionRules({
    removeRuleIds: [RULE_PREFLIGHT, RULE_ACTUAL],
    addRules: rules,
  });
}

/**
 * plan: { url, method, origin, headers: [[name, value]], body, credentials: bool,
 *         preflight: null | { acrm, acrh }, actual: bool }
 */
async function replay(plan) {
  const url = new URL(plan.url);
  const pattern = `${url.protocol}//${url.hostname}/*`;
  const granted = await chrome.permissions.contains({ origins: [pattern] });
  if (!granted) return { error: `no access to ${url.origin}: allow it when the panel asks` };
  const out = { at: new Date().toISOString() };
  try {
    if (plan.preflight) {
      const h = [['origin', plan.origin], ['access-control-request-method', plan.preflight.acrm]];
      if (plan.preflight.acrh) h.push(['access-control-request-headers', plan.preflight.acrh]);
      await setRules([rule(RULE_PREFLIGHT, url.hostname, 'options', h)]);
      const res = await fetch(plan.url, {
        method: 'OPTIONS',
        credentials: 'omit', // a preflight never carries credentials
        cache: 'no-store',
        redirect: 'manual',
      });
      out.preflight = await record(res);
    }
    if (plan.actual) {
      await setRules([rule(RULE_ACTUAL, url.hostname, plan.method, [['origin', plan.origin]])]);
      const init = {
        method: plan.method,
        headers: plan.headers,
        credentials: plan.credentials ? 'include' : 'omit',
        cache: 'no-store',
        redirect: 'follow',
      };
      if (plan.body != null && plan.method !== 'GET' && plan.method !== 'HEAD') init.body = plan.body;
      const res = await fetch(plan.url, init);
      out.response = await record(res);
      if (res.redirected) out.response.comment = `after a redirect to ${res.url}`;
    }
  } catch (e) {
    out.error = String((e && e.message) || e);
  } finally {
    await setRules([]).catch(() => {});
  }
  return out;
}

// Exact mode (Chromium only: the Firefox build leaves exact.js out).
let exact = null;
if (typeof importScripts === 'function') {
  try {
    importScripts('exact.js');
    exact = globalThis.whycorsExact;
  } catch (_) {
    exact = null;
  }
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // Only the extension's own pages talk to the worker.
  if (sender.id !== chrome.runtime.id || !msg) return false;
  if (msg.type === 'replay') {
    queue = queue.then(() => replay(msg.plan)).then(sendResponse, (e) => sendResponse({ error: String(e) }));
    return true;
  }
  if (msg.type === 'exact' && exact) {
    exact(msg.tabId, !!msg.on).then(sendResponse, (e) => sendResponse({ error: String((e && e.message) || e) }));
    return true;
  }
  return false;
});
