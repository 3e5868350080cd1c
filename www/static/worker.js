// The Web Worker that reads big inputs (HAR files) off the page's thread. It loads the
// page's own wasm and keeps the exchanges; the page asks for one when the user opens it.
import init, { worker_load, worker_begin, worker_push, worker_finish, worker_exchange, worker_report } from './whycors_www.js';

const ready = init();

// Stream the file so the page can show progress. With `toWasm`, every chunk also goes to the
// wasm as it arrives (worker_push decodes it there, as TextDecoder would): the file is in the
// wasm, as text, when the last chunk is read — no UTF-16 string to encode back to UTF-8, no
// second pass over the whole file.
async function readFile(file, toWasm) {
  const total = file.size;
  if (toWasm) worker_begin(total);
  const reader = file.stream().getReader();
  let bytes = new Uint8Array(total);
  let done = 0;
  let lastPost = 0;
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    if (done + value.byteLength > bytes.length) {
      // The file grew while being read.
      const bigger = new Uint8Array(Math.max(bytes.length * 2, done + value.byteLength));
      bigger.set(bytes.subarray(0, done));
      bytes = bigger;
    }
    bytes.set(value, done);
    if (toWasm) worker_push(value);
    done += value.byteLength;
    const now = performance.now();
    if (now - lastPost > 50) {
      lastPost = now;
      self.postMessage({ type: 'progress', phase: 'reading', done, total });
    }
  }
  return bytes.subarray(0, done);
}

// The benchmark's baseline: a bare JSON.parse of the same text, in the same place.
function jsonParseMs(text) {
  if (!/^\s*[[{]/.test(text.slice(0, 64))) return -1;
  const j0 = performance.now();
  try { JSON.parse(text); } catch { /* not JSON: no baseline */ }
  return performance.now() - j0;
}

function post(loaded, ms, jsonMs, bytes, name) {
  self.postMessage({ type: 'loaded', loaded, ms, jsonMs, bytes, name });
}

// The file is already in the wasm (readFile with `toWasm`); `bytes` is for the baseline.
function loadReceived(bytes, options, name) {
  self.postMessage({ type: 'progress', phase: 'diagnosing', done: bytes.length, total: bytes.length });
  const jsonMs = jsonParseMs(new TextDecoder().decode(bytes));
  const t0 = performance.now();
  const loaded = worker_finish(JSON.stringify(options));
  post(loaded, performance.now() - t0, jsonMs, bytes.length, name);
}

function loadText(text, options, name) {
  self.postMessage({ type: 'progress', phase: 'diagnosing', done: text.length, total: text.length });
  const jsonMs = jsonParseMs(text);
  const t0 = performance.now();
  const loaded = worker_load(text, JSON.stringify(options));
  post(loaded, performance.now() - t0, jsonMs, text.length, name);
}

// One message at a time: a file being read fills the wasm's one incoming buffer, so a second
// file dropped meanwhile waits for the first to be done.
let queue = Promise.resolve();
self.onmessage = (e) => {
  queue = queue.then(() => handle(e.data));
};

async function handle(m) {
  try {
    await ready;
    if (m.type === 'file') {
      const small = m.file.size <= m.inline;
      const bytes = await readFile(m.file, !small);
      // A small file goes into the paste box: the page reads it itself.
      if (small) self.postMessage({ type: 'text', text: new TextDecoder().decode(bytes), name: m.file.name });
      else loadReceived(bytes, m.options, m.file.name);
    } else if (m.type === 'text') {
      loadText(m.text, m.options, '');
    } else if (m.type === 'open') {
      self.postMessage({ type: 'exchange', idx: m.idx, json: worker_exchange(m.idx) });
    } else if (m.type === 'report') {
      self.postMessage({ type: 'report', json: worker_report(JSON.stringify(m.options)) });
    }
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err?.message ?? err) });
  }
}
