// <whycors-check>: a compact CORS checker for an API's docs. One script tag:
//   <script type="module" src="https://…/whycors/widget.js"></script>
//   <whycors-check api="Acme API" url="https://api.acme.dev/v1/orders"
//     origins="https://app.acme.dev, https://*.acme.dev" methods="GET, POST, PUT"
//     headers="Content-Type, Authorization" expose-headers="X-Request-Id"
//     credentials gateway="aws-rest"></whycors-check>
// Tab 1 "Will my request work?" checks a request against that policy; tab 2 explains a
// pasted console error, HAR or curl output. Everything runs locally (WebAssembly), no network.
// Theme: CSS custom properties --whycors-* (see README), `theme="light|dark"` or the
// reader's prefers-color-scheme. Fires `whycors-result` (detail: the report) after each answer.
import { init, diagnose, checkPolicy } from './index.js';

const list = (v) => (v ?? '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
const lines = (v) => (v ?? '').split('\n').map((s) => s.trim()).filter(Boolean);

const CSS = `
:host { display: block; color-scheme: light dark;
  --_bg: var(--whycors-bg, #ffffff); --_fg: var(--whycors-fg, #1b1f24);
  --_muted: var(--whycors-muted, #59636e); --_border: var(--whycors-border, #d1d9e0);
  --_accent: var(--whycors-accent, #0969da); --_on-accent: var(--whycors-on-accent, #ffffff); --_ok: var(--whycors-ok, #1a7f37);
  --_bad: var(--whycors-bad, #cf222e); --_code-bg: var(--whycors-code-bg, #f6f8fa);
  --_radius: var(--whycors-radius, 8px);
  font: var(--whycors-font, 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif); }
@media (prefers-color-scheme: dark) { :host(:not([theme="light"])) {
  --_bg: var(--whycors-bg, #0d1117); --_fg: var(--whycors-fg, #e6edf3);
  --_muted: var(--whycors-muted, #9198a1); --_border: var(--whycors-border, #3d444d);
  --_accent: var(--whycors-accent, #4493f8); --_on-accent: var(--whycors-on-accent, #0d1117); --_ok: var(--whycors-ok, #3fb950);
  --_bad: var(--whycors-bad, #f85149); --_code-bg: var(--whycors-code-bg, #161b22); } }
:host([theme="dark"]) {
  --_bg: var(--whycors-bg, #0d1117); --_fg: var(--whycors-fg, #e6edf3);
  --_muted: var(--whycors-muted, #9198a1); --_border: var(--whycors-border, #3d444d);
  --_accent: var(--whycors-accent, #4493f8); --_on-accent: var(--whycors-on-accent, #0d1117); --_ok: var(--whycors-ok, #3fb950);
  --_bad: var(--whycors-bad, #f85149); --_code-bg: var(--whycors-code-bg, #161b22); }
.box { background: var(--_bg); color: var(--_fg); border: 1px solid var(--_border);
  border-radius: var(--_radius); padding: 14px 16px; }
h2 { font-size: 1.05em; margin: 0 0 8px; }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--_border); margin-bottom: 12px; }
.tabs button { background: none; border: 0; border-bottom: 2px solid transparent; color: var(--_muted);
  padding: 6px 10px; font: inherit; cursor: pointer; }
.tabs button[aria-selected="true"] { color: var(--_fg); border-bottom-color: var(--_accent); font-weight: 600; }
.grid { display: grid; grid-template-columns: max-content 1fr; gap: 8px 10px; align-items: center; }
label { color: var(--_muted); }
input, select, textarea { font: inherit; color: var(--_fg); background: var(--_bg);
  border: 1px solid var(--_border); border-radius: 6px; padding: 5px 8px; min-width: 0; }
textarea { width: 100%; box-sizing: border-box; font-family: var(--whycors-mono, ui-monospace, monospace); font-size: .9em; }
.go { margin-top: 10px; background: var(--_accent); color: var(--_on-accent); border: 0; border-radius: 6px;
  padding: 7px 14px; font: inherit; font-weight: 600; cursor: pointer; }
.policy { color: var(--_muted); font-size: .9em; margin: 0 0 10px; }
.result { margin-top: 14px; }
.verdict { font-weight: 700; margin: 0 0 4px; }
.verdict.ok { color: var(--_ok); } .verdict.bad { color: var(--_bad); }
.console { font-family: var(--whycors-mono, ui-monospace, monospace); font-size: .85em; color: var(--_bad);
  background: var(--_code-bg); padding: 6px 8px; border-radius: 6px; white-space: pre-wrap; }
ul { margin: 6px 0; padding-left: 20px; }
code { font-family: var(--whycors-mono, ui-monospace, monospace); font-size: .9em; background: var(--_code-bg);
  padding: 0 3px; border-radius: 4px; overflow-wrap: anywhere; }
pre { background: var(--_code-bg); border: 1px solid var(--_border); border-radius: 6px; padding: 8px 10px;
  overflow: auto; font-size: .85em; margin: 4px 0 8px; }
details summary { cursor: pointer; color: var(--_accent); margin: 4px 0; }
.fix-title { font-weight: 600; margin-top: 8px; }
.error { color: var(--_bad); }
[hidden] { display: none !important; }
`;

const HTML = `
<div class="box" part="box">
  <h2 part="title"></h2>
  <div class="tabs" role="tablist">
    <button role="tab" data-tab="ask" aria-selected="true">Will my request work?</button>
    <button role="tab" data-tab="paste" aria-selected="false">Explain an error</button>
  </div>
  <form data-panel="ask">
    <p class="policy"></p>
    <div class="grid">
      <label for="origin">Your page's origin</label><input id="origin" name="origin" placeholder="https://app.example.com" required>
      <label for="method">Method</label><select id="method" name="method"></select>
      <label for="headers">Request headers</label><input id="headers" name="headers" placeholder="Content-Type, Authorization">
      <label for="reads">Response headers you read</label><input id="reads" name="reads" placeholder="ETag">
      <label for="credentials">Send cookies</label><span><input type="checkbox" id="credentials" name="credentials"> credentials: "include"</span>
    </div>
    <button class="go" type="submit">Check</button>
  </form>
  <form data-panel="paste" hidden>
    <textarea name="input" rows="6" placeholder="Paste the browser's CORS console error, a HAR file, curl -v output or raw headers"></textarea>
    <button class="go" type="submit">Explain</button>
  </form>
  <div class="result" aria-live="polite"></div>
</div>`;

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** Report text with its `code` spans as <code> (odd backticks: the text as it is). */
function prose(tag, props, text) {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return el(tag, { ...props, textContent: text });
  return el(tag, props, ...parts.map((p, i) => (i % 2 ? el('code', { textContent: p }) : p)));
}

export class WhycorsCheck extends HTMLElement {
  static get observedAttributes() {
    return ['api', 'url', 'origins', 'methods', 'headers', 'expose-headers', 'credentials', 'max-age', 'gateway'];
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${CSS}</style>${HTML}`;
    this.$ = (s) => root.querySelector(s);
    root.querySelectorAll('[role="tab"]').forEach((b) => b.addEventListener('click', () => this.tab(b.dataset.tab)));
    this.$('[data-panel="ask"]').addEventListener('submit', (e) => { e.preventDefault(); this.ask(); });
    this.$('[data-panel="paste"]').addEventListener('submit', (e) => { e.preventDefault(); this.explain(); });
  }

  connectedCallback() {
    this.render();
    // No policy stated: the checker has nothing to check against; start on paste-and-explain.
    if (!this.hasAttribute('origins') && !this.tabName) this.tab('paste');
    init(this.getAttribute('wasm') ?? undefined).catch((e) => this.fail(e));
  }

  attributeChangedCallback() {
    if (this.isConnected) this.render();
  }

  /** The policy the attributes state. */
  get policy() {
    const p = {
      origins: list(this.getAttribute('origins')),
      methods: list(this.getAttribute('methods')),
      headers: list(this.getAttribute('headers')),
      exposeHeaders: list(this.getAttribute('expose-headers')),
      credentials: this.hasAttribute('credentials') && this.getAttribute('credentials') !== 'false',
    };
    const url = this.getAttribute('url');
    if (url) p.url = url;
    const age = Number.parseInt(this.getAttribute('max-age') ?? '', 10);
    if (Number.isFinite(age) && age >= 0) p.maxAge = age;
    const gw = this.getAttribute('gateway');
    if (gw) p.gateway = gw;
    return p;
  }

  render() {
    const api = this.getAttribute('api') || 'this API';
    this.$('h2').textContent = `Check CORS for ${api}`;
    const p = this.policy;
    const parts = [];
    if (p.origins.length) parts.push(`origins ${p.origins.join(', ')}`);
    if (p.methods.length) parts.push(`methods ${p.methods.join(', ')}`);
    if (p.headers.length) parts.push(`headers ${p.headers.join(', ')}`);
    parts.push(p.credentials ? 'credentials allowed' : 'no credentials');
    this.$('.policy').textContent = `${api} allows ${parts.join('; ')}.`;
    const method = this.$('#method');
    const current = method.value;
    method.replaceChildren(...[...new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', ...p.methods.filter((m) => m !== '*').map((m) => m.toUpperCase())])]
      .map((m) => el('option', { value: m, textContent: m })));
    if (current) method.value = current;
    const origin = this.$('#origin');
    if (!origin.value && /^https?:$/.test(location.protocol)) origin.value = location.origin;
  }

  tab(name) {
    this.tabName = name;
    this.shadowRoot.querySelectorAll('[role="tab"]').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === name)));
    this.$('[data-panel="ask"]').hidden = name !== 'ask';
    this.$('[data-panel="paste"]').hidden = name !== 'paste';
    this.$('.result').replaceChildren();
  }

  async ask() {
    const f = this.$('[data-panel="ask"]');
    const request = {
      origin: f.origin.value.trim(),
      method: f.method.value,
      headers: list(f.headers.value),
      reads: list(f.reads.value),
      credentials: f.credentials.checked ? 'include' : 'same-origin',
    };
    await this.answer(() => checkPolicy(this.policy, request));
  }

  async explain() {
    const input = this.$('[data-panel="paste"]').input.value;
    if (!input.trim()) return;
    await this.answer(() => diagnose(input));
  }

  async answer(compute) {
    try {
      await init(this.getAttribute('wasm') ?? undefined);
      const report = compute();
      this.show(report);
      this.dispatchEvent(new CustomEvent('whycors-result', { detail: report, bubbles: true, composed: true }));
    } catch (e) {
      this.fail(e);
    }
  }

  fail(e) {
    this.$('.result').replaceChildren(el('p', { className: 'error', textContent: String(e?.message ?? e) }));
    this.dispatchEvent(new CustomEvent('whycors-error', { detail: e, bubbles: true, composed: true }));
  }

  show(report) {
    const out = this.$('.result');
    if (!report.findings.length) {
      out.replaceChildren(el('p', { className: 'verdict ok', textContent: 'Same origin: CORS does not apply.' }));
      return;
    }
    out.replaceChildren(...report.findings.map((f) => this.finding(f)));
  }

  finding(f) {
    const blocked = f.browser.blocked;
    const node = el('section', { className: 'finding' });
    node.dataset.blocked = String(blocked);
    node.dataset.corsError = f.browser.cors_error ?? '';
    node.dataset.cause = f.cause.kind;
    const head = blocked
      ? `Blocked${f.browser.cors_error ? ` (${f.browser.cors_error})` : ''}`
      : f.cause.kind === 'ok' ? 'This request works' : 'Works, with a catch';
    node.append(el('p', { className: `verdict ${blocked ? 'bad' : 'ok'}`, textContent: head }));
    node.append(prose('p', { className: 'summary' }, f.summary));
    if (blocked && f.browser.console) node.append(el('div', { className: 'console', textContent: f.browser.console }));
    const notes = [...f.evidence, ...f.warnings];
    if (notes.length) node.append(el('ul', {}, ...notes.map((t) => prose('li', {}, t))));
    f.fixes.forEach((fix, i) => {
      const body = [el('div', { className: 'fix-title', textContent: fix.title }), el('pre', { textContent: fix.text, tabIndex: 0 })];
      if (i === 0) node.append(...body);
      else node.append(el('details', {}, el('summary', { textContent: fix.title }), body[1]));
    });
    return node;
  }
}

if (!customElements.get('whycors-check')) customElements.define('whycors-check', WhycorsCheck);
