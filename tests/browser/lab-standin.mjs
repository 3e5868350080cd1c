// A stand-in for `whycors lab --port 0`, implementing only the parts of the lab contract the
// browser harness relies on: the JSON line on stdout, the generic `/custom` endpoint on the API
// origin, `X-Lab-Received-Origin`/`-Method`, and on the app origin a demo page with a `control`
// button plus `/modes.json`. Used when WHYCORS_LAB_CMD="node tests/browser/lab-standin.mjs" to
// check the harness itself independently of the real lab. Loopback only.
import http from 'node:http';
import net from 'node:net';

function customAnswer(req, url) {
  const q = url.searchParams;
  const origin = req.headers.origin ?? '';
  const fill = (v) => v.split('{origin}').join(origin);
  const pre = req.method === 'OPTIONS';
  const status = Number(q.get(pre ? 'p_status' : 'r_status') ?? (pre ? 204 : 200));
  const headers = [];
  for (const h of q.getAll(pre ? 'p_h' : 'r_h')) {
    const i = h.indexOf(':');
    if (i > 0) headers.push([h.slice(0, i), fill(h.slice(i + 1))]);
  }
  const loc = q.get(pre ? 'p_location' : 'r_location');
  if (loc !== null) headers.push(['Location', fill(loc)]);
  const body = pre ? '' : fill(q.get('r_body') ?? '{"ok":true}');
  return { status, headers, body };
}

const CONTROL = '/custom?p_status=204&p_h=Access-Control-Allow-Origin:{origin}&r_h=Access-Control-Allow-Origin:{origin}&r_h=Vary:Origin';

function appPage(apiBase) {
  return `<!doctype html><meta charset="utf-8"><title>lab stand-in</title>
<button data-mode="control">control</button><pre data-result></pre>
<script>
document.querySelector('[data-mode="control"]').onclick = async () => {
  const out = document.querySelector('[data-result]');
  try { const r = await fetch(${JSON.stringify(apiBase + CONTROL)}); out.textContent = 'status ' + r.status + ': ' + await r.text(); }
  catch (e) { out.textContent = 'TypeError: ' + e.message; }
};
</script>`;
}

function listen(handler) {
  return new Promise((resolve) => {
    const s = http.createServer(handler);
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

// The API origin is a raw HTTP/1.1 server on `net` so that it accepts any method token (Node's
// http parser rejects a lower-case `patch`, which the conformance matrix sends on purpose).
const api = net.createServer((sock) => {
  let buf = Buffer.alloc(0);
  sock.on('error', () => {});
  sock.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1').split('\r\n');
      const headers = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const len = Number(headers['content-length'] ?? 0);
      if (buf.length < end + 4 + len) return;
      buf = buf.subarray(end + 4 + len);
      const [method = '', target = '/'] = head[0].split(' ');
      const req = { method, headers };
      const url = new URL(target, 'http://x');
      const base = [['X-Lab-Received-Origin', headers.origin ?? ''], ['X-Lab-Received-Method', method]];
      const a = url.pathname === '/custom' ? customAnswer(req, url) : { status: 404, headers: [], body: 'not found' };
      const body = Buffer.from(a.body, 'utf8');
      const lines = [`HTTP/1.1 ${a.status} X`, ...[...base, ...a.headers].map(([n, v]) => `${n}: ${v}`),
        `Content-Length: ${body.length}`, 'Connection: keep-alive'];
      sock.write(lines.join('\r\n') + '\r\n\r\n');
      sock.write(body);
    }
  });
});
await new Promise((r) => api.listen(0, '127.0.0.1', r));
const apiPort = api.address().port;
const app = await listen((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(appPage(`http://api.localhost:${apiPort}`));
  } else if (url.pathname === '/modes.json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify([{ slug: 'control', expect: null }]));
  } else {
    res.writeHead(404);
    res.end();
  }
});
process.stdout.write(JSON.stringify({ app: `http://app.localhost:${app.address().port}`, api: `http://api.localhost:${apiPort}` }) + '\n');
