// Helpers for the extension tests: a copy of the built extension (dist/extension/chrome) with
// host access to the lab's API granted up front, Chromium with DevTools opened for every tab,
// the panel page connected to an inspected tab, the lab's echo log, and a tiny CDP client for
// driving the real panel inside DevTools.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import crypto from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO, launchChromium, onStop } from '../harness.mjs';

export const BUILD = path.join(REPO, 'dist', 'extension');

export function extensionBuild(variant = 'chrome') {
  const dir = path.join(BUILD, variant);
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`${dir} is not built: run cargo xtask build`);
  }
  return dir;
}

/**
 * A temporary copy of the Chrome build. `grant`: host patterns added to `host_permissions`, as
 * if the user had already allowed them: headless Chromium cannot show the permission prompt,
 * and `permissions.request` for an origin already granted resolves true without one, so the
 * panel's real request-then-replay path still runs. `permissions`: API permissions granted the
 * same way.
 */
export function extensionCopy({ grant = [], permissions = [] } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'whycors-ext-'));
  onStop(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(extensionBuild('chrome'), dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  if (grant.length > 0) manifest.host_permissions = grant;
  // Likewise for optional API permissions (e.g. `debugger` for exact mode).
  if (permissions.length > 0) manifest.permissions = [...manifest.permissions, ...permissions];
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return dir;
}

/** A free loopback TCP port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Chromium with the extension in `dir` and DevTools opened for every tab; `{context, id}`. */
export async function launchWithExtension(dir, { args = [] } = {}) {
  const context = await launchChromium({ extensions: [dir], devtools: true, args });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15000 });
  const id = new URL(worker.url()).host;
  return { context, id, worker };
}

/**
 * Open `url` (the inspected page) and the panel page connected to its DevTools page. Resolves
 * once the panel reports a connection, i.e. the tab's DevTools page is capturing.
 */
export async function openInspected(context, id, url) {
  const page = await context.newPage();
  await page.goto(url);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${id}/panel.html?inspect=${encodeURIComponent(url)}`);
  await panel.waitForSelector('.panel[data-connected="true"]', { timeout: 20000 });
  return { page, panel };
}

/** Click a lab mode's button and wait until the demo page shows its outcome. */
export async function runMode(page, slug) {
  await page.click(`[data-mode="${slug}"]`);
  await page.waitForFunction((s) => {
    const el = document.querySelector(`[data-result="${s}"]`);
    return el && el.dataset.state && el.dataset.state !== 'running';
  }, slug, { timeout: 10000 });
}

/** The panel's row for a request URL ending with `suffix` (a Playwright locator). */
export function row(panel, suffix) {
  return panel.locator('tr[data-id]').filter({ has: panel.locator(`td.url[title$="${suffix}"]`) });
}

/** What the lab's API received lately: [{seq, method, path, headers: [[n, v]]}]. */
export async function echo(lab) {
  const res = await fetch(`${lab.api.replace('api.localhost', '127.0.0.1')}/echo/last`);
  return res.json();
}

export function echoHeader(entry, name) {
  const h = entry.headers.find(([n]) => n.toLowerCase() === name);
  return h ? h[1] : null;
}

/** The lab's /modes.json by slug. */
export async function modes(lab) {
  const res = await fetch(`${lab.app.replace('app.localhost', '127.0.0.1')}/modes.json`);
  const list = await res.json();
  return new Map(list.map((m) => [m.slug, m]));
}

// ---- a minimal CDP client over WebSocket (Node 20 has no global WebSocket) -------------------

/** Connect to a DevTools-protocol WebSocket URL; returns `{send(method, params), close()}`. */
export function cdpConnect(wsUrl) {
  const u = new URL(wsUrl);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname);
    const key = crypto.randomBytes(16).toString('base64');
    let buf = Buffer.alloc(0);
    let open = false;
    let nextId = 1;
    const pending = new Map();
    sock.once('error', reject);
    sock.on('connect', () => {
      sock.write(`GET ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`
        + `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    const client = {
      send(method, params = {}) {
        const id = nextId++;
        const payload = Buffer.from(JSON.stringify({ id, method, params }));
        let header;
        if (payload.length < 126) header = Buffer.from([0x81, 0x80 | payload.length]);
        else if (payload.length < 65536) {
          header = Buffer.alloc(4);
          header[0] = 0x81; header[1] = 0x80 | 126; header.writeUInt16BE(payload.length, 2);
        } else {
          header = Buffer.alloc(10);
          header[0] = 0x81; header[1] = 0x80 | 127; header.writeBigUInt64BE(BigInt(payload.length), 2);
        }
        const mask = crypto.randomBytes(4);
        const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
        sock.write(Buffer.concat([header, mask, masked]));
        return new Promise((res, rej) => pending.set(id, { res, rej }));
      },
      close() { sock.destroy(); },
    };
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (!open) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString();
        if (!/^HTTP\/1\.1 101/.test(head)) return reject(new Error(`CDP handshake failed: ${head}`));
        open = true;
        buf = buf.subarray(end + 4);
        resolve(client);
      }
      for (;;) {
        if (buf.length < 2) return;
        let len = buf[1] & 0x7f;
        let off = 2;
        if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); off = 4; }
        else if (len === 127) { if (buf.length < 10) return; len = Number(buf.readBigUInt64BE(2)); off = 10; }
        if (buf.length < off + len) return;
        const opcode = buf[0] & 0x0f;
        const data = buf.subarray(off, off + len);
        buf = buf.subarray(off + len);
        if (opcode !== 1) continue;
        const msg = JSON.parse(data.toString());
        const p = pending.get(msg.id);
        if (p) {
          pending.delete(msg.id);
          if (msg.error) p.rej(new Error(JSON.stringify(msg.error)));
          else p.res(msg.result);
        }
      }
    });
    onStop(() => sock.destroy());
  });
}

/** Evaluate `expression` (awaiting promises) in a CDP target; resolves to its JSON value. */
export async function cdpEval(client, expression) {
  const r = await client.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (r.exceptionDetails) throw new Error(`evaluation failed: ${JSON.stringify(r.exceptionDetails)}`);
  return r.result.value;
}

/** `fn()`'s first truthy result, polled every 200 ms for up to `ms`; a clear error naming `what` after. */
export async function poll(what, fn, ms = 15000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last?.message ?? JSON.stringify(last)})`);
}

/** The targets Chromium lists on its remote-debugging port. */
export async function cdpTargets(port) {
  const res = await fetch(`http://127.0.0.1:${port}/json/list`);
  return res.json();
}
