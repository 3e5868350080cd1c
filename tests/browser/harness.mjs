// The browser harness shared by every browser test: Debian's Chromium driven by playwright-core
// (no browser download), the lab, Chromium's own CORS verdict over CDP, and the DevTools HAR
// recorder. Everything started here is registered and stopped by `stopAll()`, which tests call
// from `after`/`finally` hooks, also when they fail.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync, writeFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..');
export const OUT = path.join(HERE, 'out');
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const RECORDER_DIR = path.join(HERE, 'har-recorder');

/** Flags verified on this project's machines (see shared toolchain notes). */
export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const cleanups = [];

/** Register a cleanup; cleanups run last-in first-out in stopAll(). */
export function onStop(fn) {
  cleanups.push(fn);
}

/** Stop everything started through this module. Never throws. */
export async function stopAll() {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (e) {
      process.stderr.write(`cleanup failed: ${e?.message ?? e}\n`);
    }
  }
}

/** Kill a process group started with `detached: true` (SIGTERM, then SIGKILL). */
function killGroup(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, 2000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    try { process.kill(-child.pid, 'SIGTERM'); } catch { clearTimeout(timer); resolve(); }
  });
}

// If the test process itself is killed, take the process groups with it.
const children = new Set();
process.once('exit', () => {
  for (const c of children) {
    try { process.kill(-c.pid, 'SIGKILL'); } catch { /* gone */ }
  }
});

/** The whycors binary under test (cargo xtask test passes the debug build). */
export function whycorsBin() {
  const bin = process.env.WHYCORS_BIN ?? path.join(REPO, 'target', 'debug', 'whycors');
  if (!existsSync(bin)) throw new Error(`whycors binary not found at ${bin} (set WHYCORS_BIN or run cargo xtask test)`);
  return bin;
}

/**
 * Start `whycors lab --port 0` (or WHYCORS_LAB_CMD, a space-separated command printing the same
 * JSON line) and return `{app, api}` from its first stdout line.
 */
export async function startLab({ timeoutMs = 20000, args = [] } = {}) {
  const cmd = process.env.WHYCORS_LAB_CMD
    ? process.env.WHYCORS_LAB_CMD.split(' ').filter(Boolean)
    : [whycorsBin(), 'lab', '--port', '0'];
  cmd.push(...args); // e.g. ['--web', 'dist/web']
  const child = spawn(cmd[0], cmd.slice(1), { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  onStop(async () => { await killGroup(child); children.delete(child); });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const lines = readline.createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lab printed no JSON line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
    lines.once('line', (l) => { clearTimeout(timer); resolve(l); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`lab exited with ${code} before printing its URLs; stderr: ${stderr}`)); });
  });
  let urls;
  try {
    urls = JSON.parse(first);
  } catch (e) {
    throw new Error(`lab's first stdout line is not JSON: ${JSON.stringify(first)} (${e.message})`);
  }
  if (typeof urls.app !== 'string' || typeof urls.api !== 'string') {
    throw new Error(`lab's JSON line lacks "app"/"api": ${first}`);
  }
  return { ...urls, process: child };
}

/**
 * Start Chromium headless with a fresh temporary profile. Options:
 * - extensions: directories of unpacked extensions to load
 * - devtools: open DevTools for every tab (runs extensions' devtools_page)
 * Returns a Playwright BrowserContext (persistent: that is what allows extensions).
 */
export async function launchChromium({ extensions = [], devtools = false, args = [] } = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'whycors-chromium-'));
  onStop(() => rmSync(profile, { recursive: true, force: true }));
  const flags = [...CHROMIUM_FLAGS, ...args];
  if (extensions.length > 0) {
    flags.push(`--disable-extensions-except=${extensions.join(',')}`, `--load-extension=${extensions.join(',')}`);
  }
  if (devtools) flags.push('--auto-open-devtools-for-tabs');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // --headless=new is passed explicitly above
    ignoreDefaultArgs: ['--disable-extensions', '--headless'],
    args: flags,
    timeout: 30000,
  });
  onStop(() => context.close());
  return context;
}

/**
 * Record Chromium's own CORS verdicts for a page over CDP. Returns
 * `{ failures: Map<url, {corsError, failedParameter, type, errorText}>, finished: [{url, finalUrl, failed}],
 * issues: [...], deprecations: [{type, at}], waitFor(url, ms), issuesFor(url) }`. Preflight requests are left out (Chromium reports the
 * CORS error on the request the script made).
 */
export async function corsVerdicts(page) {
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map(); // requestId -> {url, type}
  const failures = new Map();
  const issues = [];
  const deprecations = []; // {type, at: Date.now() when it arrived}
  const waiters = new Map();
  const finished = []; // {url, finalUrl, failed} of every non-preflight request, in order
  cdp.on('Network.requestWillBeSent', (e) => {
    // Keep the first URL of a redirect chain: that is the URL the script fetched.
    const known = requests.get(e.requestId);
    if (known) known.finalUrl = e.request.url;
    else requests.set(e.requestId, { url: e.request.url, finalUrl: e.request.url, type: e.type });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const req = requests.get(e.requestId);
    if (req && req.type !== 'Preflight') finished.push({ url: req.url, finalUrl: req.finalUrl, failed: false });
  });
  cdp.on('Network.loadingFailed', (e) => {
    const req = requests.get(e.requestId);
    if (!req || req.type === 'Preflight' || e.type === 'Preflight') return;
    const status = e.corsErrorStatus ?? null;
    const record = {
      corsError: status ? status.corsError : null,
      failedParameter: status ? status.failedParameter : null,
      type: e.type,
      errorText: e.errorText,
    };
    finished.push({ url: req.url, finalUrl: req.finalUrl, failed: true });
    for (const url of new Set([req.url, req.finalUrl])) {
      if (!failures.has(url)) failures.set(url, record);
      const w = waiters.get(url);
      if (w) { waiters.delete(url); w(record); }
    }
  });
  cdp.on('Audits.issueAdded', (e) => {
    const issue = e.issue;
    if (issue.code === 'CorsIssue') issues.push(issue.details.corsIssueDetails);
    // Chromium 156 reports "Authorization covered by `*`" as a deprecation, without a request URL.
    if (issue.code === 'DeprecationIssue') deprecations.push({ type: issue.details.deprecationIssueDetails?.type, at: Date.now() });
  });
  await cdp.send('Network.enable');
  await cdp.send('Audits.enable');
  return {
    failures,
    issues,
    deprecations,
    finished,
    /** The loadingFailed record for `url`, waiting up to `ms` for it; null if none came. */
    waitFor(url, ms = 2000) {
      if (failures.has(url)) return Promise.resolve(failures.get(url));
      return new Promise((resolve) => {
        const t = setTimeout(() => { waiters.delete(url); resolve(null); }, ms);
        waiters.set(url, (r) => { clearTimeout(t); resolve(r); });
      });
    },
    /** CORS issues reported for `url`. */
    issuesFor(url) {
      return issues.filter((i) => i.request?.url === url);
    },
  };
}

/**
 * Start the HAR collector on 127.0.0.1 and prepare a copy of the recorder extension pointing at
 * it. Returns `{ extensionDir, har(urlPrefix, ms) }`: `har()` asks the DevTools page of the tab
 * whose URL starts with `urlPrefix` for `chrome.devtools.network.getHAR()` and resolves to it.
 */
export async function startHarCollector() {
  let cmd = {};
  let nextId = 1;
  const pending = new Map();
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/cmd') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(cmd));
      return;
    }
    if (req.method === 'POST' && req.url === '/har') {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(204);
        res.end();
        try {
          const msg = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          const p = pending.get(msg.id);
          if (p && msg.url.startsWith(p.urlPrefix)) {
            pending.delete(msg.id);
            p.resolve(msg.har);
          }
        } catch { /* ignore malformed posts */ }
      });
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  onStop(() => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }));
  const collector = `http://127.0.0.1:${server.address().port}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'whycors-recorder-'));
  onStop(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(RECORDER_DIR, dir, { recursive: true });
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ collector }));
  return {
    extensionDir: dir,
    har(urlPrefix, ms = 15000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`no HAR from the DevTools page of ${urlPrefix} within ${ms} ms`));
        }, ms);
        pending.set(id, { urlPrefix, resolve: (h) => { clearTimeout(t); resolve(h); } });
        cmd = { id, urlPrefix };
      });
    },
  };
}

/** Run a command, resolve `{code, stdout, stderr}`. */
export function run(cmd, args, { timeoutMs = 30000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const t = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${cmd} timed out`)); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(t); reject(e); });
    child.on('close', (code) => { clearTimeout(t); resolve({ code, stdout, stderr }); });
  });
}

/**
 * Open `url` in a new tab whose DevTools page (the HAR recorder) is confirmed to be recording:
 * the HAR it returns must contain the document request itself; otherwise reload and ask again.
 */
export async function openRecordedPage(context, recorder, url, { attempts = 5 } = {}) {
  const page = await context.newPage();
  await page.goto(url);
  for (let i = 0; i < attempts; i++) {
    try {
      const har = await recorder.har(url, 3000);
      if (har.log.entries.some((e) => e.request.url === page.url())) return page;
    } catch { /* DevTools page not attached yet */ }
    await page.reload();
  }
  throw new Error(`the HAR recorder never recorded ${url} (is --auto-open-devtools-for-tabs working?)`);
}
