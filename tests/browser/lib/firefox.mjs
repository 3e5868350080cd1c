// Real Firefox (Debian's firefox-esr, headless) driven over WebDriver BiDi by a small client of
// our own on `ws`. BiDi is what Firefox speaks without geckodriver, and its raw events keep what
// the verdict needs: every header in order with its repeats, the CORS preflight as its own
// request, and the console lines Firefox writes for a blocked request (`log.entryAdded`).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import WebSocket from 'ws';
import { onStop } from '../harness.mjs';

export const FIREFOX = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';

/** Profile preferences: no first-run pages, no update or telemetry traffic, English messages
 * (`launchFirefox({ locale })` asks for another language: its Debian langpack, firefox-esr-l10n-*,
 * must be installed). */
const PREFS = {
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.disabledForTesting': true,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'extensions.update.enabled': false,
  'intl.locale.requested': 'en-US',
  'remote.prefs.recommended': true,
};

/** A connected BiDi session: `send(method, params)`, `on(event, fn)`. */
class Bidi {
  constructor(ws) {
    this.ws = ws;
    this.nextId = 1;
    this.pending = new Map();
    this.handlers = new Map();
    ws.on('message', (data) => {
      let msg;
      try { msg = JSON.parse(String(data)); } catch { return; }
      if (msg.type === 'event') {
        for (const fn of this.handlers.get(msg.method) ?? []) fn(msg.params);
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.type === 'success') p.resolve(msg.result);
      else p.reject(new Error(`${p.method}: ${msg.error}: ${msg.message}`));
    });
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`${p.method}: the BiDi connection closed`));
      this.pending.clear();
    });
  }

  send(method, params = {}, timeoutMs = 30000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => { this.pending.delete(id); reject(new Error(`${method}: no answer within ${timeoutMs} ms`)); }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (r) => { clearTimeout(t); resolve(r); },
        reject: (e) => { clearTimeout(t); reject(e); },
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  on(event, fn) {
    if (!this.handlers.has(event)) this.handlers.set(event, []);
    this.handlers.get(event).push(fn);
  }
}

/** BiDi's header list as HAR headers: `[{name, value}]`, in order, repeats kept. */
const harHeaders = (hs) => (hs ?? []).map((h) => ({ name: h.name, value: h.value?.type === 'base64' ? Buffer.from(h.value.value, 'base64').toString('latin1') : h.value?.value ?? '' }));

/**
 * Start Firefox headless with a fresh profile (its messages in `locale`) and a BiDi session
 * subscribed to the network and log events. Returns `{ version, bidi, newTab(url), setCookie(cookie) }`; every tab records its
 * requests (`tab.requests`, one record per request and redirect hop) and its console lines
 * (`tab.logs`: `{at, level, text}`, `at` being when the line reached us).
 */
export async function launchFirefox({ locale = 'en-US', extraPrefs = {}, profileDir = null } = {}) {
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX} (set FIREFOX_BIN or run cargo xtask test, which installs firefox-esr)`);
  const profile = profileDir ?? mkdtempSync(path.join(os.tmpdir(), 'whycors-firefox-'));
  if (!profileDir) onStop(() => rmSync(profile, { recursive: true, force: true }));
  writeFileSync(path.join(profile, 'user.js'), Object.entries({ ...PREFS, 'intl.locale.requested': locale, ...extraPrefs }).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});\n`).join(''));
  const child = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
  });
  const exited = new Promise((r) => child.once('exit', r));
  onStop(async () => {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
    await exited;
    clearTimeout(t);
  });
  const killOnExit = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
  process.once('exit', killOnExit);
  let closed = false;
  let stderr = '';
  const wsUrl = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`Firefox did not open its BiDi port within 30 s; stderr: ${stderr.slice(-2000)}`)), 30000);
    readline.createInterface({ input: child.stderr }).on('line', (l) => {
      stderr += `${l}\n`;
      const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(l);
      if (m) { clearTimeout(t); resolve(m[1]); }
    });
    child.once('exit', (code) => { clearTimeout(t); reject(new Error(`Firefox exited with ${code}; stderr: ${stderr.slice(-2000)}`)); });
  });
  const ws = new WebSocket(`${wsUrl}/session`);
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  onStop(() => ws.close());
  const bidi = new Bidi(ws);
  const session = await bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
  onStop(() => (closed ? undefined : bidi.send('browser.close', {}, 5000).catch(() => {})));
  await bidi.send('session.subscribe', {
    events: ['network.beforeRequestSent', 'network.responseStarted', 'network.responseCompleted', 'network.fetchError', 'log.entryAdded'],
  });

  const tabs = new Map(); // BiDi context id -> tab
  const hop = (p) => `${p.request.request}#${p.redirectCount ?? 0}`;
  bidi.on('network.beforeRequestSent', (p) => {
    const tab = tabs.get(p.context);
    if (!tab) return;
    const rec = {
      key: hop(p),
      at: Date.now(),
      started: p.timestamp,
      method: p.request.method,
      url: p.request.url,
      requestHeaders: harHeaders(p.request.headers),
      response: null,
      error: null,
    };
    tab.requests.push(rec);
    tab.byKey.set(rec.key, rec);
  });
  // A response the CORS check refuses gets responseStarted (with its headers), then fetchError.
  const response = (p) => {
    const rec = tabs.get(p.context)?.byKey.get(hop(p));
    if (rec) rec.response = { status: p.response.status, statusText: p.response.statusText ?? '', protocol: p.response.protocol ?? '', headers: harHeaders(p.response.headers) };
  };
  bidi.on('network.responseStarted', response);
  bidi.on('network.responseCompleted', response);
  bidi.on('network.fetchError', (p) => {
    const rec = tabs.get(p.context)?.byKey.get(hop(p));
    if (rec) rec.error = p.errorText ?? 'fetch error';
  });
  bidi.on('log.entryAdded', (p) => {
    const tab = tabs.get(p.source?.context);
    if (tab) tab.logs.push({ at: Date.now(), level: p.level, text: p.text ?? '' });
  });

  const version = session.capabilities?.browserVersion ?? 'unknown';
  return {
    version,
    bidi,
    /** Close Firefox and wait for its process to end (the profile is free for another start). */
    async close() {
      closed = true;
      process.off('exit', killOnExit);
      await bidi.send('browser.close', {}, 10000).catch(() => {});
      const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10000);
      await exited;
      clearTimeout(t);
    },
    /** A cookie in the profile (BiDi storage.setCookie): `{name, value, domain}`. */
    async setCookie({ name, value, domain }) {
      await bidi.send('storage.setCookie', { cookie: { name, value: { type: 'string', value }, domain, path: '/', sameSite: 'lax' } });
    },
    /** A new tab showing `url` (loaded), recording its requests and console lines. */
    async newTab(url) {
      const { context } = await bidi.send('browsingContext.create', { type: 'tab' });
      const tab = {
        context,
        requests: [],
        byKey: new Map(),
        logs: [],
        async goto(u) {
          await bidi.send('browsingContext.navigate', { context, url: u, wait: 'complete' });
        },
        /** Run `fn(arg)` in the page (awaited); its JSON-able result comes back. */
        async evaluate(fn, arg) {
          const res = await bidi.send('script.callFunction', {
            functionDeclaration: `async (json) => JSON.stringify(await (${fn.toString()})(JSON.parse(json)) ?? null)`,
            arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
            target: { context },
            awaitPromise: true,
          });
          if (res.type === 'exception') throw new Error(`in the page: ${res.exceptionDetails?.text ?? 'exception'}`);
          return JSON.parse(res.result.value);
        },
      };
      tabs.set(context, tab);
      await tab.goto(url);
      return tab;
    },
  };
}

/**
 * The requests a tab made inside [t0, t1] as a HAR, the way Firefox's DevTools would list them:
 * each redirect hop and each CORS preflight an entry of its own, a response Firefox received but
 * refused to the script kept with its headers, a request that got no response `status: 0`.
 */
export function harOf(tab, t0, t1, { version, pageUrl }) {
  const entries = tab.requests
    .filter((r) => r.at >= t0 && r.at <= t1 && r.url !== pageUrl && !r.url.endsWith('/favicon.ico'))
    .map((r) => {
      const res = r.response;
      const location = res?.headers.find((h) => h.name.toLowerCase() === 'location')?.value ?? '';
      return {
        startedDateTime: new Date(r.started).toISOString(),
        time: 0,
        request: {
          method: r.method,
          url: r.url,
          httpVersion: 'HTTP/1.1',
          headers: r.requestHeaders,
          queryString: [],
          cookies: [],
          headersSize: -1,
          bodySize: -1,
        },
        response: res
          ? { status: res.status, statusText: res.statusText, httpVersion: 'HTTP/1.1', headers: res.headers, cookies: [], content: { size: 0, mimeType: '' }, redirectURL: location, headersSize: -1, bodySize: -1 }
          : { status: 0, statusText: '', httpVersion: '', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: -1 },
        cache: {},
        timings: { send: 0, wait: 0, receive: 0 },
      };
    });
  return { log: { version: '1.2', creator: { name: 'Firefox', version }, browser: { name: 'Firefox', version }, pages: [], entries } };
}
