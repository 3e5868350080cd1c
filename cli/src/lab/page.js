// whycors lab demo page: run each mode's real request and show what the script sees.
"use strict";
(() => {
  const port = document.querySelector('meta[name="whycors-api-port"]').content;
  const host = location.hostname.startsWith("app.")
    ? "api." + location.hostname.slice(4)
    : "api.localhost";
  const api = `${location.protocol}//${host}:${port}`;
  document.querySelectorAll("[data-api]").forEach((el) => (el.textContent = api));

  const modes = fetch("/modes.json", { cache: "no-store" }).then((r) => r.json());

  function show(out, result) {
    out.dataset.state = result.error ? "blocked" : "readable";
    out.dataset.json = JSON.stringify(result);
    if (result.error) {
      out.textContent = `${result.error}\n(the script gets no status, no headers, no body)`;
      return;
    }
    const lines = [`status ${result.status}${result.redirected ? " (after a redirect)" : ""}`];
    for (const [name, value] of result.reads) lines.push(`reads ${name}: ${JSON.stringify(value)}`);
    lines.push("readable headers: " + (result.headers.map(([k]) => k).join(", ") || "(none)"));
    if (result.body) lines.push("body: " + result.body);
    out.textContent = lines.join("\n");
  }

  async function run(slug) {
    const mode = (await modes).find((m) => m.slug === slug);
    const out = document.querySelector(`[data-result="${slug}"]`);
    if (!mode || !out) return null;
    out.dataset.state = "running";
    out.textContent = "sending…";
    const init = {
      method: mode.method,
      headers: mode.headers,
      credentials: mode.credentials,
      cache: "no-store",
    };
    if (mode.body) init.body = mode.body.text.repeat(mode.body.repeat);
    let result;
    try {
      const res = await fetch(api + mode.path, init);
      let body = "";
      try {
        body = (await res.text()).slice(0, 200);
      } catch (_) {}
      result = {
        status: res.status,
        redirected: res.redirected,
        headers: [...res.headers],
        reads: mode.reads.map((h) => [h, res.headers.get(h)]),
        body,
      };
    } catch (e) {
      result = { error: `${e.name}: ${e.message}` };
    }
    show(out, result);
    return result;
  }

  document.querySelectorAll("button[data-mode]").forEach((b) =>
    b.addEventListener("click", () => run(b.dataset.mode)),
  );
  document.getElementById("run-all").addEventListener("click", () => runAll());
  async function runAll() {
    document.body.dataset.run = "running";
    for (const b of document.querySelectorAll("button[data-mode]")) await run(b.dataset.mode);
    document.body.dataset.run = "done";
  }
  window.whycorsLab = { api, modes, run, runAll };
  // `?run=all` runs every mode on load (smoke tests: chromium --headless --dump-dom).
  if (new URLSearchParams(location.search).get("run") === "all") runAll();
})();
