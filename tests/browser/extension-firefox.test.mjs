// The Firefox variant of the extension passes `web-ext lint` (Mozilla's add-on linter; no
// Firefox is needed), and both builds keep the promised manifest: CSP with 'wasm-unsafe-eval'
// only, minimal permissions, host access optional.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HERE, run } from './harness.mjs';
import { BUILD, extensionBuild } from './lib/extension.mjs';

const manifest = (variant) => JSON.parse(readFileSync(path.join(extensionBuild(variant), 'manifest.json'), 'utf8'));

// The one warning accepted: wasm-bindgen's generated glue binds Element.innerHTML (Leptos's
// `inner_html`, used for its static templates); the strings come from the bundled wasm, never
// from a page or the network. Anything else, in any file, fails.
const ACCEPTED = (m) => m.code === 'UNSAFE_VAR_ASSIGNMENT' && m.file === 'page/whycors_www.js';

test('web-ext lint: the Firefox build has no errors and no warnings but the generated glue\'s', async () => {
  const bin = path.join(HERE, 'node_modules', '.bin', 'web-ext');
  assert.ok(existsSync(bin), `${bin} missing: npm install in tests/browser`);
  const { code, stdout, stderr } = await run(bin, [
    'lint', '--source-dir', extensionBuild('firefox'), '--output', 'json', '--no-config-discovery',
  ], { timeoutMs: 120000 });
  let report;
  try {
    report = JSON.parse(stdout.slice(stdout.indexOf('{')));
  } catch (e) {
    assert.fail(`web-ext lint printed no JSON (exit ${code}): ${stdout}\n${stderr}`);
  }
  const show = (list) => list.map((m) => `${m.code}: ${m.message} (${m.file ?? ''})`).join('\n');
  assert.deepEqual(report.errors, [], show(report.errors));
  const warnings = report.warnings.filter((m) => !ACCEPTED(m));
  assert.deepEqual(warnings, [], show(warnings));
  assert.equal(code, 0);
});

test('manifests: background per browser, CSP, minimal permissions, zips built', () => {
  const chrome = manifest('chrome');
  const firefox = manifest('firefox');
  assert.equal(chrome.background.service_worker, 'sw.js');
  assert.deepEqual(firefox.background, { scripts: ['sw.js'] });
  assert.ok(firefox.browser_specific_settings.gecko.id);
  for (const m of [chrome, firefox]) {
    assert.equal(m.manifest_version, 3);
    assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    assert.deepEqual(m.permissions, ['declarativeNetRequestWithHostAccess']);
    assert.equal(m.host_permissions, undefined, 'no host access up front');
    assert.deepEqual(m.optional_host_permissions, ['http://*/*', 'https://*/*']);
    assert.ok(existsSync(path.join(extensionBuild(m === chrome ? 'chrome' : 'firefox'), 'page', 'whycors_www_bg.wasm')));
  }
  assert.deepEqual(chrome.optional_permissions, ['debugger']);
  assert.equal(firefox.optional_permissions, undefined);
  for (const v of ['chrome', 'firefox']) {
    assert.ok(existsSync(path.join(BUILD, `whycors-${v}-${chrome.version}.zip`)), `${v} zip`);
  }
});
