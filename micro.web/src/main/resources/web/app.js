// micro web: every page is drawn here from the dashboard's JSON. Values from the registry are put in
// with textContent or as attribute values, never as HTML, so a name like <img onerror=...> shows as text.
"use strict";

const main = document.getElementById("main");
const page = document.body.dataset.page;
const params = new URLSearchParams(location.search);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function show(...nodes) {
  main.replaceChildren(...nodes);
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ detail: response.statusText }));
  if (!response.ok) throw Object.assign(new Error(body.detail || response.statusText), { status: response.status, body });
  return body;
}

// POST /rpc; resolves to {ok, status, body, ms} whatever the status, rejects only when the dashboard is gone.
async function rpc(service, endpoint, request, address) {
  const started = performance.now();
  const response = await fetch("/rpc", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ service, endpoint, request, address }),
    signal: AbortSignal.timeout(10000),
  });
  const text = await response.text();
  let body;
  try { body = JSON.parse(text); } catch (e) { body = text; }
  return { ok: response.ok, status: response.status, body, ms: Math.round(performance.now() - started) };
}

function pretty(value) {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

// One EventSource per page; the callback gets every registry change of the last 150 ms at once
// (several nodes of a host leave together: each of them counts, not only the last).
function onRegistryChange(callback) {
  const live = document.getElementById("live");
  let timer = null;
  let events = [];
  const source = new EventSource("/registry/events");
  source.onopen = () => live.classList.add("on");
  source.onerror = () => live.classList.remove("on");
  source.onmessage = (message) => {
    try { events.push(JSON.parse(message.data)); } catch (e) { return; }
    clearTimeout(timer);
    timer = setTimeout(() => { const batch = events; events = []; callback(batch); }, 150);
  };
}

function errorCard(error) {
  return el("div", { class: "card bad", id: "error", text: (error.status ? error.status + ": " : "") + error.message });
}

// --- index: the web apps of the namespace ---------------------------------------------------------
async function indexPage() {
  const search = el("input", { type: "search", id: "search", placeholder: "Search web apps" });
  const list = el("ul", { class: "list", id: "webapps" });
  let apps = [];
  const draw = () => {
    const needle = search.value.toLowerCase();
    const shown = apps.filter((name) => name.toLowerCase().includes(needle));
    list.replaceChildren(...(shown.length ? shown.map((name) => el("li", {}, el("a", { href: "/" + encodeURIComponent(name) + "/", text: name })))
      : [el("li", { class: "muted", text: "No web services found" })]));
  };
  search.addEventListener("input", draw);
  show(el("h1", { text: "Web apps" }), el("div", { class: "card" }, search, list),
    el("p", { class: "muted" }, "Services of the system: ", el("a", { href: "/registry", text: "Registry" })));
  const load = async () => {
    try { apps = (await getJson("/")).services; draw(); } catch (error) { list.replaceChildren(el("li", { text: error.message })); }
  };
  await load();
  onRegistryChange(load);
}

// --- registry: all services, searched and paged on the server ---------------------------------------
async function registryPage() {
  const size = 100;
  let offset = 0;
  const search = el("input", { type: "search", id: "search", placeholder: "Search services", value: params.get("q") || "" });
  const list = el("ul", { class: "list", id: "services" });
  const count = el("span", { class: "muted", id: "count" });
  const prev = el("button", { id: "prev", text: "Previous", onclick: () => { offset = Math.max(0, offset - size); load(); } });
  const next = el("button", { id: "next", text: "Next", onclick: () => { offset += size; load(); } });
  show(el("h1", { text: "Registry" }), el("div", { class: "card" }, search, list, el("div", { class: "pager" }, prev, next, count)));
  let pending = null;
  search.addEventListener("input", () => { clearTimeout(pending); pending = setTimeout(() => { offset = 0; load(); }, 200); });
  async function load() {
    try {
      const query = new URLSearchParams({ q: search.value, offset, limit: size });
      const data = await getJson("/registry?" + query);
      list.replaceChildren(...(data.services.length ? data.services.map((service) => el("li", {},
        el("a", { class: "service-link", href: "/registry?service=" + encodeURIComponent(service.name), text: service.name }),
        el("span", { class: "muted", text: service.version ? "  " + service.version : "" })))
        : [el("li", { class: "muted", text: "No services found" })]));
      count.textContent = data.total ? (data.offset + 1) + "–" + (data.offset + data.services.length) + " of " + data.total : "";
      prev.disabled = data.offset === 0;
      next.disabled = data.offset + data.services.length >= data.total;
    } catch (error) {
      list.replaceChildren(el("li", { text: error.message }));
    }
  }
  await load();
  onRegistryChange(load);
}

// --- one service: nodes (with health and stats), endpoints and their schemas ---------------------------
function fieldTree(value) {
  if (!value || !value.values || !value.values.length) return null;
  return el("ul", { class: "fields" }, ...value.values.map((field) =>
    el("li", { class: "field" }, el("span", { text: field.name + " " }), el("span", { class: "muted", text: field.type }), fieldTree(field))));
}

function nodeRow(service, node) {
  const health = el("td", { class: "health muted", text: "…" });
  const stats = el("td", { class: "stats muted", text: "…" });
  const address = node.address || "";
  const colon = address.lastIndexOf(":");
  rpc(service, "Debug.Health", {}, address).then((answer) => {
    health.className = "health " + (answer.ok ? "ok" : "bad");
    health.textContent = answer.ok ? (answer.body.status || "ok") : "down (" + answer.status + ")";
  }).catch(() => { health.className = "health bad"; health.textContent = "no answer"; });
  rpc(service, "Debug.Stats", {}, address).then((answer) => {
    stats.className = "stats";
    stats.textContent = answer.ok ? Object.entries(answer.body).map(([k, v]) => k + " " + v).join(", ") : "—";
  }).catch(() => { stats.textContent = "—"; });
  return el("tr", { class: "node" }, el("td", { text: node.id }), el("td", { text: colon > 0 ? address.slice(0, colon) : address }),
    el("td", { text: colon > 0 ? address.slice(colon + 1) : "" }),
    el("td", {}, el("pre", { text: Object.entries(node.metadata || {}).map(([k, v]) => k + "=" + v).join("\n") })), health, stats);
}

async function servicePage() {
  const name = params.get("service");
  const load = async () => {
    let data;
    try { data = await getJson("/registry?service=" + encodeURIComponent(name)); } catch (error) {
      show(el("h1", { id: "service-name", text: name }), errorCard(error));
      return;
    }
    const parts = [el("h1", { id: "service-name", text: data.name })];
    for (const version of data.versions) {
      parts.push(el("h2", { text: "Version " + (version.version || "latest") }));
      parts.push(el("div", { class: "card" }, el("table", { id: "nodes" },
        el("thead", {}, el("tr", {}, ...["Id", "Address", "Port", "Metadata", "Health", "Stats"].map((h) => el("th", { text: h })))),
        el("tbody", {}, ...version.nodes.map((node) => nodeRow(data.name, node))))));
      const endpoints = version.endpoints || [];
      parts.push(el("h2", { text: "Endpoints" }));
      parts.push(el("div", { class: "card" }, ...(endpoints.length ? endpoints.map((endpoint) => el("div", { class: "endpoint" },
        el("strong", { class: "endpoint-name", text: endpoint.name }), " ",
        el("a", { href: "/query?service=" + encodeURIComponent(data.name) + "&endpoint=" + encodeURIComponent(endpoint.name), text: "query" }),
        el("pre", { class: "muted", text: Object.entries(endpoint.metadata || {}).map(([k, v]) => k + "=" + v).join("  ") }),
        el("div", { class: "muted", text: "request" }), fieldTree(endpoint.request),
        el("div", { class: "muted", text: "response" }), fieldTree(endpoint.response))) : [el("p", { class: "muted", text: "No endpoints registered" })])));
    }
    show(...parts);
  };
  await load();
  onRegistryChange((events) => {
    if (events.some((event) => !event.service || event.service.name === name || event.action === "reload")) load();
  });
}

// --- query: pick a service and an endpoint, edit the request, call it ---------------------------------
function template(value) {
  const out = {};
  for (const field of (value && value.values) || []) {
    const type = (field.type || "").toLowerCase();
    out[field.name] = field.values && field.values.length ? template(field)
      : /int|float|double|long|number/.test(type) ? 0 : type === "bool" || type === "boolean" ? false
      : type.startsWith("[]") ? [] : "";
  }
  return out;
}

async function queryPage() {
  const service = el("input", { type: "text", id: "query-service", list: "service-names", placeholder: "service, e.g. micro.srv.greeter" });
  const names = el("datalist", { id: "service-names" });
  const endpoint = el("select", { id: "query-endpoint" });
  const other = el("input", { type: "text", id: "query-other", placeholder: "endpoint, e.g. Say.Hello", style: "display:none" });
  const request = el("textarea", { id: "query-request", spellcheck: "false" });
  const run = el("button", { id: "query-run", text: "Execute" });
  const latency = el("span", { class: "muted", id: "query-latency" });
  const reply = el("pre", { id: "query-reply" });
  let endpoints = [];
  show(el("h1", { text: "Query" }), el("div", { class: "card" }, el("div", { class: "row" }, service, names, endpoint, other),
    request, el("div", { class: "row" }, run, latency)), el("div", { class: "card" }, reply));
  const fillTemplate = () => {
    const chosen = endpoints.find((e) => e.name === endpoint.value);
    other.style.display = endpoint.value === "" ? "" : "none";
    request.value = JSON.stringify(chosen ? template(chosen.request) : {}, null, 2);
  };
  const loadEndpoints = async () => {
    endpoints = [];
    try {
      const data = await getJson("/registry?service=" + encodeURIComponent(service.value));
      endpoints = data.versions.flatMap((v) => v.endpoints || []).filter((e, i, all) => all.findIndex((x) => x.name === e.name) === i);
    } catch (e) { /* unknown service: free text */ }
    endpoint.replaceChildren(...endpoints.map((e) => el("option", { value: e.name, text: e.name })), el("option", { value: "", text: "other…" }));
    const wanted = params.get("endpoint");
    if (wanted && endpoints.some((e) => e.name === wanted)) endpoint.value = wanted;
    fillTemplate();
  };
  service.addEventListener("change", loadEndpoints);
  endpoint.addEventListener("change", fillTemplate);
  run.addEventListener("click", async () => {
    let body;
    try { body = JSON.parse(request.value || "{}"); } catch (e) { reply.className = "bad"; reply.textContent = "The request is not JSON: " + e.message; return; }
    run.disabled = true;
    try {
      const answer = await rpc(service.value, endpoint.value || other.value, body);
      reply.className = answer.ok ? "" : "bad";
      reply.textContent = (answer.ok ? "" : answer.status + "\n") + pretty(answer.body);
      latency.textContent = answer.ms + " ms";
    } catch (e) {
      reply.className = "bad"; reply.textContent = "no answer: " + e.message; latency.textContent = "";
    } finally { run.disabled = false; }
  });
  getJson("/registry?limit=1000").then((data) => names.replaceChildren(...data.services.map((s) => el("option", { value: s.name })))).catch(() => {});
  if (params.get("service")) { service.value = params.get("service"); await loadEndpoints(); } else { fillTemplate(); }
}

// --- cli: a terminal in the page ------------------------------------------------------------------
// Every command but help runs on the dashboard (POST /cli), through the same command services as the
// shell and the chat bot, so the answers are the shell's.
async function runCommand(line) {
  const verb = line.trim().split(/\s+/)[0];
  if (!verb) return "";
  if (verb === "help") {
    const { commands } = await getJson("/cli");
    const width = Math.max(...commands.map((c) => c.usage.length));
    return ["help".padEnd(width) + "  this list"].concat(commands.map((c) => c.usage.padEnd(width) + "  " + c.description)).join("\n");
  }
  const response = await fetch("/cli", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ line }),
    signal: AbortSignal.timeout(60000),
  });
  const body = await response.json().catch(() => ({ detail: response.statusText }));
  return response.ok ? body.output : (response.status === 404 ? "" : "error " + response.status + ": ") + body.detail;
}

function cliPage() {
  const output = el("pre", { id: "cli-output", text: "micro web CLI; type help\n" });
  const input = el("input", { type: "text", id: "cli-input", autocomplete: "off", spellcheck: "false" });
  show(el("h1", { text: "CLI" }), el("div", { class: "terminal", onclick: () => input.focus() }, output, el("div", { class: "prompt" }, el("span", { text: "micro>" }), input)));
  input.addEventListener("keydown", async (event) => {
    if (event.key !== "Enter") return;
    const line = input.value;
    input.value = "";
    output.append(document.createTextNode("micro> " + line + "\n"));
    let text;
    try { text = await runCommand(line); } catch (error) { text = "error: " + error.message; }
    output.append(document.createTextNode(text + "\n"));
    output.dataset.done = String(Number(output.dataset.done || 0) + 1);
  });
  input.focus();
}

// --- stats: the dashboard's own, refreshed every 5 s ---------------------------------------------------
const CLASSES = [["2xx", "#1f9d55"], ["3xx", "#6b7386"], ["4xx", "#e0a100"], ["5xx", "#d64545"], ["1xx", "#2f5bea"]];

function chart(buckets) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "chart");
  svg.setAttribute("viewBox", "0 0 600 200");
  svg.setAttribute("preserveAspectRatio", "none");
  const max = Math.max(1, ...buckets.map((b) => CLASSES.reduce((sum, [c]) => sum + b[c], 0)));
  const width = 600 / Math.max(1, buckets.length);
  buckets.forEach((bucket, i) => {
    let y = 200;
    for (const [cls, color] of CLASSES) {
      const h = (bucket[cls] / max) * 190;
      if (!h) continue;
      const rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", i * width + 1); rect.setAttribute("width", Math.max(1, width - 2));
      rect.setAttribute("y", y - h); rect.setAttribute("height", h); rect.setAttribute("fill", color);
      svg.append(rect);
      y -= h;
    }
  });
  return svg;
}

async function statsPage() {
  const load = async () => {
    let stats;
    try { stats = await getJson("/stats"); } catch (error) { show(el("h1", { text: "Stats" }), errorCard(error)); return; }
    const total = stats.requests.total;
    show(el("h1", { text: "Stats" }),
      el("div", { class: "card" }, el("table", { id: "stats-table" }, el("tbody", {},
        el("tr", {}, el("th", { text: "started" }), el("td", { text: stats.started })),
        el("tr", {}, el("th", { text: "uptime" }), el("td", { text: stats.uptime_seconds + " s" })),
        el("tr", {}, el("th", { text: "heap" }), el("td", { text: Math.round(stats.memory.heap_used_bytes / 1048576) + " MiB used of " + Math.round(stats.memory.heap_max_bytes / 1048576) })),
        el("tr", {}, el("th", { text: "threads" }), el("td", { text: String(stats.threads) })),
        el("tr", {}, el("th", { text: "gc" }), el("td", { text: stats.gc.map((g) => g.name + " " + g.count + "× " + g.time_ms + " ms").join(", ") })),
        ...CLASSES.map(([cls]) => el("tr", {}, el("th", { text: cls }), el("td", { id: "stats-" + cls, text: String(total[cls]) })))))),
      el("div", { class: "card" }, el("div", { class: "legend" }, ...CLASSES.map(([cls, color]) => el("span", { style: "color:" + color, text: "■ " + cls }))),
        chart(stats.requests.buckets), el("p", { class: "muted", text: "requests per " + stats.requests.bucket_seconds + " s, last 2 minutes" })));
  };
  await load();
  setInterval(load, 5000);
}

function errorPage() {
  show(el("h1", { text: "Not found" }), el("p", { class: "muted", text: "Nothing is served at " + location.pathname + "." }),
    el("p", {}, el("a", { href: "/registry", text: "Registry" })));
}

for (const link of document.querySelectorAll("nav a")) if (link.dataset.nav === page || (page === "service" && link.dataset.nav === "registry")) link.classList.add("active");
({ index: indexPage, registry: registryPage, service: servicePage, query: queryPage, cli: cliPage, stats: statsPage, error: errorPage }[page] || errorPage)();
