// Helpers for the embed tests: a static server for dist/ (correct MIME types, so the .wasm
// streams), and the CLI's `explain --json` for the same inputs.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO, onStop, run, whycorsBin } from '../harness.mjs';

export const DIST = path.join(REPO, 'dist');
export const CASES = path.join(REPO, 'tests', 'cases');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css',
  '.ts': 'text/plain',
  '.md': 'text/plain',
};

/** Fail early with a useful message when the faces were not built. */
export function requireDist() {
  for (const f of ['embed/index.js', 'embed/whycors_bg.wasm', 'web/docs-example/index.html']) {
    if (!existsSync(path.join(DIST, f))) {
      throw new Error(`dist/${f} is missing: run \`cargo xtask build\` first`);
    }
  }
}

/** Serve dist/ on 127.0.0.1 (random port); `/blank.html` is an empty page. Stopped by stopAll(). */
export async function serveDist() {
  requireDist();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/blank.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      return res.end('<!doctype html><meta charset="utf-8"><title>blank</title><body></body>');
    }
    let file = path.normalize(path.join(DIST, decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST)) {
      res.writeHead(403);
      return res.end();
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  onStop(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}`;
}

/** `whycors explain --json FILE [--reads …] [--origin …]` parsed. */
export async function cliReport(file, options = {}) {
  const args = ['explain', '--json', file, '--color', 'never'];
  for (const r of options.reads ?? []) args.push('--reads', r);
  if (options.origin) args.push('--origin', options.origin);
  if (options.credentials) args.push('--credentials', options.credentials);
  const out = await run(whycorsBin(), args);
  try {
    return JSON.parse(out.stdout);
  } catch (e) {
    throw new Error(`whycors ${args.join(' ')} did not print JSON (${e.message}): ${out.stdout}${out.stderr}`);
  }
}

/** Case inputs with their options from expect.json: [{name, file, options}]. */
export async function caseInputs(names) {
  const out = [];
  for (const name of names) {
    const expect = JSON.parse(await readFile(path.join(CASES, name, 'expect.json'), 'utf8'));
    for (const [input, spec] of Object.entries(expect.inputs)) {
      out.push({ name: `${name}/${input}`, file: path.join(CASES, name, input), options: spec.options ?? {} });
    }
  }
  return out;
}
