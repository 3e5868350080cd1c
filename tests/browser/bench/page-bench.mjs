// The hosted page's benchmark (figures printed, nothing asserted on time): first-load transfer
// size gzip, paste → rendered diagnosis for one exchange, and a 50 MB HAR read by whycors in
// wasm (in the page's Web Worker) vs a bare JSON.parse of the same text in the same worker.
// Run by `cargo xtask bench` after `cargo xtask build`; needs WHYCORS_BIN (the lab).
import { gzipSync } from 'node:zlib';
import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopAll, OUT } from '../harness.mjs';
import { openPage, paste, caseFile, bigHar } from '../lib/page.mjs';

const HAR_MB = Number(process.env.PAGE_BENCH_HAR_MB ?? 50);
const RUNS = 40;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

try {
  const { page, web } = await openPage({ viewport: { width: 1280, height: 900 } });
  // 1. First load: every file the page fetched, gzip -9 as a static host would serve it.
  const files = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
  files.unshift(`${web}/`);
  let raw = 0;
  let gz = 0;
  const rows = [];
  for (const url of files) {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    const z = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gz += z;
    rows.push(`  ${url.replace(web, '').padEnd(26)} ${String(body.length).padStart(9)} B  gzip ${String(z).padStart(8)} B`);
  }
  console.log(`first load: ${files.length} files, ${(raw / 1024).toFixed(0)} KB raw, ${(gz / 1024).toFixed(0)} KB gzip (goal ≤ 300 KB)`);
  console.log(rows.join('\n'));

  // 2. Paste → rendered diagnosis, one exchange: time from the input event until the finding
  // for the new case is in the DOM.
  const a = caseFile('rest-throttled-429', 'curl-v.txt');
  const b = caseFile('lambda-no-headers', 'curl-v.txt');
  await paste(page, a);
  await page.locator('article.finding').waitFor();
  const times = await page.evaluate(async ({ a, b, runs }) => {
    const ta = document.querySelector('#input');
    const out = [];
    for (let i = 0; i < runs; i++) {
      // The two cases have different causes: done when the finding shows the new one.
      const [text, cause] = i % 2 ? [a, 'gateway_error'] : [b, 'response_missing_cors'];
      const t0 = performance.now();
      await new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          const f = document.querySelector('article.finding');
          if (f && f.dataset.cause === cause && f.querySelector('.reproduce')) { obs.disconnect(); resolve(); }
        });
        obs.observe(document.body, { childList: true, subtree: true, attributes: true });
        ta.value = text;
        ta.dispatchEvent(new Event('input', { bubbles: true }));
      });
      out.push(performance.now() - t0);
    }
    return out;
  }, { a, b, runs: RUNS });
  const med = median(times);
  console.log(`paste → rendered diagnosis (1 exchange, curl -v): median ${med.toFixed(1)} ms, best ${Math.min(...times).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms over ${RUNS} (goal ≤ 16 ms)`);

  // 3. A big HAR in the worker: whycors (read + verdict + cause + fixes for every entry) vs JSON.parse.
  const har = bigHar(caseFile('rest-throttled-429', 'capture.har'), HAR_MB * 1e6);
  const t0 = Date.now();
  // Playwright refuses buffers over 50 MB: hand it a file.
  const file = path.join(os.tmpdir(), `whycors-bench-${process.pid}.har`);
  writeFileSync(file, har);
  const timings = page.locator('p.timings');
  try {
    await page.setInputFiles('#file', file);
    await timings.waitFor({ timeout: 600000 });
  } finally {
    rmSync(file, { force: true });
  }
  const ms = Number(await timings.getAttribute('data-ms'));
  const jsonMs = Number(await timings.getAttribute('data-json-ms'));
  const count = await page.locator('.list-count').getAttribute('data-count');
  console.log(`${(har.length / 1e6).toFixed(1)} MB HAR in the Web Worker: whycors ${ms.toFixed(0)} ms, JSON.parse ${jsonMs.toFixed(0)} ms → ${(ms / jsonMs).toFixed(2)}× (goal ≤ 1.0×); ${count} findings; file picked → list ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'page-bench.json'), JSON.stringify({ files: files.length, raw, gzip: gz, paste_median_ms: med, har_bytes: har.length, whycors_ms: ms, json_parse_ms: jsonMs }, null, 2));
} catch (e) {
  console.error(`page benchmark failed: ${e.stack ?? e}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
