// The embed's JS API in headless Chromium: called from a <script type="module">, diagnose()
// returns exactly the CLI's `whycors explain --json` for the same inputs; errors are located;
// checkPolicy answers; and the hand-written TypeScript types accept real reports (tsc).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, stopAll, run, HERE, REPO } from './harness.mjs';
import { serveDist, cliReport, caseInputs, DIST } from './lib/embed.mjs';

after(stopAll);

let base;
let page;
before(async () => {
  base = await serveDist();
  const context = await launchChromium();
  page = await context.newPage();
  await page.goto(`${base}/blank.html`);
});

/** Run `body` (an async function `(m, arg)` of the module) inside a <script type="module">. */
async function call(body, arg) {
  await page.evaluate((a) => { document.body.dataset.arg = a; window.__done = undefined; }, JSON.stringify(arg ?? null));
  await page.addScriptTag({
    type: 'module',
    content: `
      import * as m from '${base}/embed/index.js';
      const arg = JSON.parse(document.body.dataset.arg);
      try { await m.init(); window.__done = { ok: await (${body})(m, arg) }; }
      catch (e) { window.__done = { err: { name: e.name, message: e.message, kind: e.kind, line: e.line, field: e.field } }; }`,
  });
  const done = await page.waitForFunction(() => window.__done, null, { timeout: 20000 });
  return done.jsonValue();
}

const CASE_NAMES = ['rest-missing-options', 'origin-mismatch', 'unexposed-etag', 'wildcard-credentials', 'login-redirect', 'cloudfront-403'];

test('diagnose() from a module script equals `whycors explain --json` for the same inputs', async () => {
  const inputs = await caseInputs(CASE_NAMES);
  assert.ok(inputs.length >= 30, `only ${inputs.length} inputs`);
  const payload = inputs.map((i) => ({ name: i.name, text: readFileSync(i.file, 'utf8'), options: i.options }));
  const got = await call(`(m, items) => items.map((i) => {
      try { return { name: i.name, report: m.diagnose(i.text, i.options) }; }
      catch (e) { return { name: i.name, error: e.message }; } })`, payload);
  assert.ok(got.ok, JSON.stringify(got.err));
  let findings = 0;
  for (const [k, input] of inputs.entries()) {
    const cli = await cliReport(input.file, input.options);
    const mine = got.ok[k];
    assert.equal(mine.name, input.name);
    assert.equal(mine.error, undefined, `${input.name}: ${mine.error}`);
    assert.deepEqual(mine.report, cli, `${input.name}: the embed's report differs from the CLI's`);
    findings += cli.findings.length;
  }
  assert.ok(findings >= inputs.length, 'the compared reports carry findings');
});

test('unreadable input throws a located WhycorsInputError; bad options are named', async () => {
  const got = await call(`(m) => m.diagnose('{"log": {"entries": [ }')`);
  assert.equal(got.err?.name, 'WhycorsInputError', JSON.stringify(got));
  assert.equal(got.err.kind, 'har');
  assert.equal(got.err.line, 1);
  assert.match(got.err.message, /^har: line 1/);
  const bad = await call(`(m) => m.diagnose('x', { origni: 'https://a.example' })`);
  assert.match(bad.err?.message ?? '', /options: unknown field `origni`/);
});

test('reportVersion() and init() before use', async () => {
  const v = await call('(m) => m.reportVersion()');
  assert.equal(v.ok, 1);
  const fresh = await page.context().newPage();
  await fresh.goto(`${base}/blank.html`);
  const msg = await fresh.evaluate(async (b) => {
    const m = await import(`${b}/embed/index.js`);
    try { m.diagnose('x'); return 'no error'; } catch (e) { return e.message; }
  }, base);
  assert.match(msg, /call `await init\(\)`/);
  await fresh.close();
});

test('checkPolicy(): allowed and blocked requests, fixes aimed at the gateway', async () => {
  const policy = {
    url: 'https://api.acme.dev/v1/orders',
    origins: ['https://app.acme.dev'],
    methods: ['GET', 'POST'],
    headers: ['Content-Type', 'Authorization'],
    gateway: 'aws-rest',
  };
  const got = await call(`(m, p) => [
      m.checkPolicy(p, { origin: 'https://app.acme.dev', method: 'POST', headers: ['Content-Type', 'Authorization: Bearer t'] }),
      m.checkPolicy(p, { origin: 'http://localhost:3000', method: 'POST', headers: ['Content-Type'] }),
      m.checkPolicy({ ...p, gateway: undefined }, { origin: 'http://localhost:3000', method: 'POST', headers: ['Content-Type'] }),
    ]`, policy);
  assert.ok(got.ok, JSON.stringify(got.err));
  const [ok, blocked, generic] = got.ok;
  assert.equal(ok.input, 'policy');
  assert.equal(ok.findings[0].browser.blocked, false);
  assert.equal(blocked.findings[0].browser.blocked, true);
  assert.equal(blocked.findings[0].browser.cors_error, 'PreflightAllowOriginMismatch');
  const targets = (r) => r.findings[0].fixes.map((f) => f.target);
  assert.notDeepEqual(targets(blocked), targets(generic), 'the gateway changes the fixes');
  assert.ok(blocked.findings[0].fixes.some((f) => /API Gateway|x-amazon-apigateway|AWS::ApiGateway/i.test(f.title + f.text)),
    `AWS API Gateway fixes: ${targets(blocked)}`);
  assert.ok(blocked.findings[0].fixes[0].text.includes('http://localhost:3000'));
});

test('TypeScript: tsc accepts real reports against index.d.ts', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'whycors-tsc-'));
  try {
    const reports = [];
    for (const input of await caseInputs(['rest-missing-options', 'unexposed-etag', 'login-redirect'])) {
      reports.push(await cliReport(input.file, input.options));
    }
    // A report that lists a line it did not read (the optional `unread`).
    const unreadFile = path.join(dir, 'unread.txt');
    writeFileSync(unreadFile, "Access to fetch at 'https://api.example.com/a' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n[BUG] Origin https://app.example.com is not allowed by Access-Control-Allow-Origin for https://api.example.com/b\n");
    const withUnread = await cliReport(unreadFile);
    assert.equal(withUnread.unread?.[0]?.line, 2, JSON.stringify(withUnread.unread));
    reports.push(withUnread);
    const policy = await call(`(m) => m.checkPolicy({ origins: ['*'], credentials: true }, { origin: 'https://a.example', credentials: 'include' })`);
    assert.ok(policy.ok, JSON.stringify(policy.err));
    reports.push(policy.ok);
    // Object literals get excess-property checks: a field the types lack fails too.
    const usage = `import init, { diagnose, checkPolicy, type Report, type Finding, type WhycorsInputError } from ${JSON.stringify(path.join(DIST, 'embed', 'index.js'))};
import type { WhycorsCheck } from ${JSON.stringify(path.join(DIST, 'embed', 'widget.js'))};
const real: Report[] = ${JSON.stringify(reports, null, 1)};
async function use(text: string): Promise<string | null> {
  await init();
  const r: Report = diagnose(text, { origin: 'https://app.example.com', reads: ['ETag'], credentials: 'include' });
  const f: Finding | undefined = r.findings[0];
  const p = checkPolicy({ origins: ['https://a.example'], gateway: 'aws-rest' }, { origin: 'https://a.example', method: 'PUT' });
  const el: WhycorsCheck | null = document.querySelector('whycors-check');
  try { diagnose(''); } catch (e) { const err = e as WhycorsInputError; return err.field ?? String(err.line); }
  return (f?.fixes[0]?.text ?? '') + p.findings.length + real.length + (el?.policy.origins?.length ?? 0);
}
void use;
`;
    writeFileSync(path.join(dir, 'usage.ts'), usage);
    const tsc = path.join(HERE, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
      '--lib', 'es2022,dom', '--allowJs', 'false', '--skipLibCheck', 'false', path.join(dir, 'usage.ts')];
    const out = await run(process.execPath, args, { timeoutMs: 120000 });
    assert.equal(out.code, 0, `tsc failed:\n${out.stdout}${out.stderr}`);
    // And the check can fail: a report with a field the types do not have is rejected.
    writeFileSync(path.join(dir, 'bad.ts'), `import type { Report } from ${JSON.stringify(path.join(DIST, 'embed', 'index.js'))};
const r: Report = { version: 1, input: 'har', findings: [], same_origin_skipped: 0, extra: true };
void r;`);
    const bad = await run(process.execPath, [...args.slice(0, -1), path.join(dir, 'bad.ts')], { timeoutMs: 120000 });
    assert.notEqual(bad.code, 0, 'tsc must reject a field the types lack');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(REPO);
});
