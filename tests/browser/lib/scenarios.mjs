// The conformance matrix shared by the browser runs (conformance.test.mjs in Chromium,
// firefox.test.mjs in Firefox): request shapes (what the page's script does) × server answers
// (what the lab's `/custom` endpoint sends back), and the in-page function that makes a request.
// (A test file cannot be imported by another one: importing it would register its tests.)

const LONG_LANGUAGE = Array.from({ length: 20 }, (_, i) => `x${i}-y;q=0.${i % 10}`).join(',');

/** Request shapes: what the page's script does. */
export const SHAPES = [
  { id: 'get', method: 'GET' },
  { id: 'get-auth', method: 'GET', headers: { Authorization: 'Bearer conformance-token' } },
  { id: 'post-json', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"n":1}' },
  { id: 'put', method: 'PUT', body: 'x' },
  { id: 'delete', method: 'DELETE' },
  { id: 'patch', method: 'PATCH', body: 'x' },
  { id: 'patch-lower', method: 'patch', body: 'x' },
  { id: 'get-x-custom', method: 'GET', headers: { 'X-Custom': 'on' } },
  { id: 'get-long-accept-language', method: 'GET', headers: { 'Accept-Language': LONG_LANGUAGE } },
  { id: 'get-cred', method: 'GET', credentials: 'include' },
  { id: 'put-x-custom-cred', method: 'PUT', headers: { 'X-Custom': 'on' }, credentials: 'include', body: 'x' },
  { id: 'post-json-cred', method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'include', body: '{"n":1}' },
  // XMLHttpRequest (axios and older code) and crossorigin loads: Chromium words its console
  // line after what made the request ("Access to XMLHttpRequest at", "Access to font at" …).
  { id: 'xhr-put', kind: 'xhr', method: 'PUT', headers: { 'X-Custom': 'on' }, body: 'x' },
  { id: 'xhr-get-cred', kind: 'xhr', method: 'GET', credentials: 'include' },
  { id: 'font', kind: 'font', method: 'GET', answers: 'response' },
  { id: 'script', kind: 'script', method: 'GET', answers: 'response' },
  { id: 'image', kind: 'image', method: 'GET', answers: 'response' },
  { id: 'stylesheet', kind: 'stylesheet', method: 'GET', answers: 'response' },
];

const GOOD = [
  ['Access-Control-Allow-Origin', '{origin}'],
  ['Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, PATCH'],
  ['Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Custom, Accept-Language'],
  ['Access-Control-Allow-Credentials', 'true'],
  ['Vary', 'Origin'],
];
const without = (name) => GOOD.filter(([n]) => n !== name);
const replace = (name, ...values) => [...without(name), ...values.map((v) => [name, v])];

/**
 * Server answers: `pre`/`act` are the header lists of the preflight and of the actual response
 * (default: `h` for both), `preStatus` the preflight status, `preLocation` a preflight redirect.
 * `ctx` carries the page's origin parts so answers can name a near-miss origin.
 */
export const ANSWERS = [
  { id: 'correct', h: () => GOOD },
  { id: 'no-acao', h: () => without('Access-Control-Allow-Origin') },
  { id: 'acao-trailing-slash', h: () => replace('Access-Control-Allow-Origin', '{origin}/') },
  { id: 'acao-https', h: (c) => replace('Access-Control-Allow-Origin', `https://${c.host}:${c.port}`) },
  { id: 'acao-other-port', h: (c) => replace('Access-Control-Allow-Origin', `http://${c.host}:${c.port + 1}`) },
  { id: 'acao-null', h: () => replace('Access-Control-Allow-Origin', 'null') },
  { id: 'acao-duplicate', h: () => replace('Access-Control-Allow-Origin', '{origin}', '{origin}') },
  { id: 'acao-list', h: () => replace('Access-Control-Allow-Origin', '{origin}, http://other.localhost') },
  { id: 'acac-True', h: () => replace('Access-Control-Allow-Credentials', 'True') },
  { id: 'acac-missing', h: () => without('Access-Control-Allow-Credentials') },
  { id: 'star-origin', h: () => replace('Access-Control-Allow-Origin', '*') },
  { id: 'star-methods', h: () => replace('Access-Control-Allow-Methods', '*') },
  { id: 'star-headers', h: () => replace('Access-Control-Allow-Headers', '*') },
  { id: 'no-allow-methods', h: () => without('Access-Control-Allow-Methods') },
  { id: 'no-allow-headers', h: () => without('Access-Control-Allow-Headers') },
  { id: 'methods-invalid', h: () => replace('Access-Control-Allow-Methods', 'GET POST') },
  { id: 'headers-invalid', h: () => replace('Access-Control-Allow-Headers', 'x-a;b') },
  ...[404, 401, 500].flatMap((s) => [
    { id: `preflight-${s}-no-acao`, preStatus: s, pre: () => [], act: () => GOOD },
    { id: `preflight-${s}-acao`, preStatus: s, h: () => GOOD },
  ]),
  { id: 'preflight-redirect', preStatus: 307, preLocation: (c) => `${c.api}/custom?redirected=1`, h: () => GOOD },
  // Found by differential.test.mjs: Chromium skips empty list elements; non-ASCII bytes in a
  // value (DevTools' HAR holds them as Latin-1); redirects the network layer or CORS refuses.
  { id: 'methods-empty-elements', h: () => replace('Access-Control-Allow-Methods', 'GET, POST,, PUT, DELETE, PATCH,') },
  { id: 'headers-empty-elements', h: () => replace('Access-Control-Allow-Headers', ',Authorization,, Content-Type, X-Custom, Accept-Language,') },
  { id: 'acao-non-ascii', h: (c) => replace('Access-Control-Allow-Origin', `http://\u00e4pp.localhost:${c.port}`) },
  { id: 'redirect-userinfo', actStatus: 302, actLocation: (c) => `${c.api.replace('//', '//user:pw@')}/custom?r_status=200`, h: () => GOOD },
  { id: 'redirect-data', actStatus: 307, actLocation: () => 'data:text/plain,redirected', h: () => GOOD },
  { id: 'redirect-invalid', actStatus: 302, actLocation: () => 'http://[::1', h: () => GOOD },
];

export function customUrl(api, answer, ctx, sid) {
  const q = new URLSearchParams();
  const pre = (answer.pre ?? answer.h)(ctx);
  const act = (answer.act ?? answer.h)(ctx);
  q.append('p_status', String(answer.preStatus ?? 204));
  for (const [n, v] of pre) q.append('p_h', `${n}:${v}`);
  if (answer.preLocation) q.append('p_location', answer.preLocation(ctx));
  q.append('r_status', String(answer.actStatus ?? 200));
  for (const [n, v] of act) q.append('r_h', `${n}:${v}`);
  if (answer.actLocation) q.append('r_location', answer.actLocation(ctx));
  q.append('r_body', '{"ok":true}');
  q.append('sid', String(sid));
  return `${api}/custom?${q}`;
}

/** Make the request `shape` to `url` in a page (pass to the page's evaluate with `{ url, shape }`). */
export async function fetchInPage({ url, shape }) {
  const kind = shape.kind ?? 'fetch';
  if (kind === 'xhr') {
    return new Promise((resolve) => {
      const x = new XMLHttpRequest();
      x.open(shape.method, url);
      x.withCredentials = shape.credentials === 'include';
      for (const [n, v] of Object.entries(shape.headers ?? {})) x.setRequestHeader(n, v);
      x.onloadend = () => resolve(x.status === 0 ? { ok: false, error: 'xhr error' } : { ok: true, status: x.status });
      x.send(shape.body ?? null);
    });
  }
  if (kind === 'font') {
    try { await new FontFace(`f${Math.random()}`.replace('.', ''), `url(${url})`).load(); return { ok: true }; }
    catch (e) { return { ok: false, error: String(e) }; }
  }
  if (kind !== 'fetch') {
    // A crossorigin element; a decode error after a passing CORS check also fires `error`.
    const el = document.createElement({ script: 'script', image: 'img', stylesheet: 'link' }[kind]);
    el.crossOrigin = 'anonymous';
    if (kind === 'stylesheet') { el.rel = 'stylesheet'; el.href = url; } else el.src = url;
    const done = new Promise((resolve) => { el.onload = () => resolve({ ok: true }); el.onerror = () => resolve({ ok: false, error: 'error event' }); });
    if (kind !== 'image') document.head.appendChild(el);
    const r = await done;
    el.remove();
    return r;
  }
  const init = { method: shape.method, headers: shape.headers ?? {}, credentials: shape.credentials ?? 'omit' };
  if (shape.body !== undefined) init.body = shape.body;
  try {
    const r = await fetch(url, init);
    await r.text();
    return { ok: true, status: r.status };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}
