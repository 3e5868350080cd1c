// The Web Worker that reads big inputs (HAR files) off the page's thread. It loads the
// page's own wasm and keeps the exchanges; the page asks for one when the user opens it.
import init, { worker_load, worker_exchange } from './whycors_www.js';

const ready = init();

async function readFile(file) {
  // Stream the file so the page can show progress.
  const total = file.size;
  const reader = file.stream().getReader();
  const decoder = new TextDecoder();
  const parts = [];
  let done = 0;
  let lastPost = 0;
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    done += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    const now = performance.now();
    if (now - lastPost > 50) {
      lastPost = now;
      self.postMessage({ type: 'progress', phase: 'reading', done, total });
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}

function load(text, options, name) {
  self.postMessage({ type: 'progress', phase: 'diagnosing', done: text.length, total: text.length });
  // The benchmark's baseline: a bare JSON.parse of the same text, in the same place.
  let jsonMs = -1;
  if (/^\s*[[{]/.test(text.slice(0, 64))) {
    const j0 = performance.now();
    try { JSON.parse(text); } catch { /* not JSON: no baseline */ }
    jsonMs = performance.now() - j0;
  }
  const t0 = performance.now();
  const loaded = worker_load(text, JSON.stringify(options));
  const ms = performance.now() - t0;
  self.postMessage({ type: 'loaded', loaded, ms, jsonMs, bytes: text.length, name });
}

self.onmessage = async (e) => {
  const m = e.data;
  try {
    await ready;
    if (m.type === 'file') {
      const small = m.file.size <= m.inline;
      const text = await readFile(m.file);
      // A small file goes into the paste box: the page reads it itself.
      if (small) self.postMessage({ type: 'text', text, name: m.file.name });
      else load(text, m.options, m.file.name);
    } else if (m.type === 'text') {
      load(m.text, m.options, '');
    } else if (m.type === 'open') {
      self.postMessage({ type: 'exchange', idx: m.idx, json: worker_exchange(m.idx) });
    }
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err?.message ?? err) });
  }
};
