// The piimask console: plain DOM code over the service's own v1 API, no framework and no build step.
// Every URL is relative to the page, so the console works wherever the service is mounted.

const KEY_STORE = "piimask.apiKey"; // sessionStorage: gone when the tab closes, never in a URL or a cookie
const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------------------------
// The API

class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
  get shown() {
    return `${this.status}${this.code ? " " + this.code : ""}: ${this.message}`;
  }
}

function apiKey() {
  return sessionStorage.getItem(KEY_STORE) || "";
}

async function api(method, path, { json, form, raw = false } = {}) {
  const headers = {};
  const key = apiKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) {
    body = form; // the browser writes the multipart boundary
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, cache: "no-store" });
  } catch {
    throw new ApiFailure(0, "unreachable", "the service did not answer");
  }
  if (response.ok && raw) return response;
  const data = (response.headers.get("content-type") || "").includes("json") ? await response.json() : null;
  if (!response.ok) {
    const error = new ApiFailure(response.status, data?.error?.code, data?.error?.message || response.statusText);
    if (response.status === 401) showKeyState(error.shown, true);
    throw error;
  }
  return data;
}

// ---------------------------------------------------------------------------------------------------------------
// The key: typed once, kept for this tab

function showKeyState(text, bad = false) {
  const status = $("key-status");
  status.textContent = text;
  status.classList.toggle("bad", bad);
  $("key").setAttribute("aria-invalid", bad ? "true" : "false");
}

async function checkKey() {
  // GET /v1/jobs costs nothing and answers 401 for a wrong key, 403 for a valid key without the tables scope
  try {
    const data = await api("GET", "v1/jobs?limit=20");
    showKeyState(apiKey() ? "Key accepted." : "No key needed: this service runs with auth off.");
    renderJobs(data.jobs);
  } catch (e) {
    if (e.status === 403) showKeyState("Key accepted (it has no tables scope: " + e.message + ").");
    else if (e.status !== 401) showKeyState(e.shown, true);
    else if (!apiKey()) showKeyState("Type the API key to start (401: " + e.message + ").", true);
  }
}

function setupKey() {
  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = $("key").value.trim();
    $("key").value = ""; // the page keeps it in sessionStorage only
    if (key) sessionStorage.setItem(KEY_STORE, key);
    else sessionStorage.removeItem(KEY_STORE);
    showKeyState("Checking the key…");
    checkKey().then(() => scheduleText(0));
  });
  $("key-forget").addEventListener("click", () => {
    sessionStorage.removeItem(KEY_STORE);
    showKeyState("Key forgotten.");
    renderJobs([]);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Tabs: arrow keys move between them, as the ARIA tabs pattern has it

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const select = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    }
    if (tab.id === "tab-status") refreshStatus();
    if (tab.id === "tab-tables") refreshJobs();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step === undefined) return;
      const next = tabs[(i + step + tabs.length) % tabs.length];
      next.focus();
      select(next);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The policy: the editor is the source of truth; the slider writes its score_threshold; the type toggles are
// applied on top when sending (a policy names the types it wants, so leaving one out lists all the others).

const PRESETS = {
  default: null,
  redact: { DEFAULT: { type: "redact" } },
  hash: Object.fromEntries(
    ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "UK_NINO", "US_PASSPORT"]
      .map((t) => [t, { type: "hash", length: 16 }])
      .concat([["DEFAULT", { type: "replace" }]]),
  ),
  tokens: { DEFAULT: { type: "encrypt" } },
  "keep-dates": { DATE_TIME: { type: "keep" }, DEFAULT: { type: "replace" } },
};

let knownTypes = [];
const leftOut = new Set(); // types the person cleared in the toggles

function pretty(value, indent = "") {
  // JSON with short objects and lists of names on one line, so a policy stays readable in the editor
  const flat = JSON.stringify(value, null, 1)?.replace(/\n\s*/g, " ").replace(/\[ /g, "[").replace(/ \]/g, "]");
  const nested = value && typeof value === "object" && Object.values(value).some((v) => v && typeof v === "object");
  if (!value || typeof value !== "object" || (!nested && flat.length <= 70) || (Array.isArray(value) && !nested)) {
    return flat.replace(/\{ /g, "{").replace(/ \}/g, "}");
  }
  const inner = indent + "  ";
  const items = Array.isArray(value)
    ? value.map((v) => inner + pretty(v, inner))
    : Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return items.length ? `${open}\n${items.join(",\n")}\n${indent}${close}` : open + close;
}

function readEditor() {
  const text = $("policy").value.trim();
  if (!text) return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error("not valid JSON: " + e.message);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("a policy is a JSON object");
  return value;
}

function writeEditor(policy) {
  $("policy").value = pretty(policy);
  syncFromEditor();
}

function policyToSend() {
  const policy = readEditor();
  if (leftOut.size) {
    const base = policy.entities ?? knownTypes;
    policy.entities = base.filter((t) => !leftOut.has(t));
  }
  $("policy-sent").textContent = pretty(policy);
  return policy;
}

function syncFromEditor() {
  let policy;
  try {
    policy = readEditor();
  } catch {
    return;
  }
  const threshold = typeof policy.score_threshold === "number" ? policy.score_threshold : 0.5;
  $("threshold").value = String(threshold);
  $("threshold-value").textContent = threshold.toFixed(2);
  const preset = Object.entries(PRESETS).find(([, ops]) => JSON.stringify(ops) === JSON.stringify(policy.operators ?? null));
  $("preset").value = preset ? preset[0] : "custom";
}

function setupPolicy() {
  $("preset").addEventListener("change", () => {
    let policy;
    try {
      policy = readEditor();
    } catch {
      policy = {};
    }
    const operators = PRESETS[$("preset").value];
    if (operators) policy.operators = structuredClone(operators);
    else delete policy.operators;
    writeEditor(policy);
    scheduleText(0);
  });
  $("threshold").addEventListener("input", () => {
    const value = Number($("threshold").value);
    $("threshold-value").textContent = value.toFixed(2);
    let policy;
    try {
      policy = readEditor();
    } catch (e) {
      showFieldError("policy", e.message);
      return;
    }
    policy.score_threshold = value;
    $("policy").value = pretty(policy);
    scheduleText();
  });
  $("policy").addEventListener("input", () => {
    syncFromEditor();
    scheduleText(700);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Text: mask once, show the entities in place and the masked text beside them

const SOURCES = { model: "the model", pattern: "a pattern recognizer", deny_list: "the deny list", ad_hoc: "an ad-hoc recognizer" };
const PALETTE = 10; // colour classes c0…c9 in console.css
let textTimer = 0;
let textRun = 0;
let lastResult = null;

function colourOf(type) {
  let h = 0;
  for (const ch of type) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return "c" + (h % PALETTE);
}

function scheduleText(delay = 350) {
  clearTimeout(textTimer);
  textTimer = setTimeout(runText, delay);
}

function showFieldError(field, message) {
  const where = { text: "text", policy: "policy" }[field] || "text";
  $(`${where}-error`).textContent = message;
  $(where).setAttribute("aria-invalid", message ? "true" : "false");
}

function clearErrors() {
  showFieldError("text", "");
  showFieldError("policy", "");
}

function showApiError(error) {
  // a 422 names its fields ("policy.operators.X: …; text: …"): each part goes next to the field it names, and a
  // part that names neither continues the one before it (a message may itself hold "; ")
  const byField = { text: [], policy: [] };
  let field = "text";
  for (const part of error.status === 422 ? error.message.split("; ") : [error.message]) {
    const named = /^(policy|texts?|offsets)\b/.exec(part)?.[1];
    if (named) field = named === "policy" ? "policy" : "text";
    byField[field].push(part);
  }
  const head = `${error.status}${error.code ? " " + error.code : ""}: `;
  if (byField.policy.length) showFieldError("policy", head + byField.policy.join("; "));
  if (byField.text.length) showFieldError("text", head + byField.text.join("; "));
}

async function runText() {
  const text = $("text").value;
  const run = ++textRun;
  clearErrors();
  if (!text.trim()) {
    lastResult = null;
    renderText("", { masked_text: "", entities: [] });
    $("summary").textContent = "";
    return;
  }
  let policy;
  try {
    policy = policyToSend();
  } catch (e) {
    showFieldError("policy", e.message);
    return;
  }
  $("summary").textContent = "Analysing…";
  try {
    // UTF-16 offsets: the API counts as JavaScript strings do, so the offsets index `text` directly
    const result = await api("POST", "v1/text/mask", { json: { text, policy, offsets: "utf16" } });
    if (run !== textRun) return; // a newer run has started
    lastResult = { text, policy, ...result };
    renderText(text, result);
  } catch (e) {
    if (run !== textRun) return;
    $("summary").textContent = "";
    showApiError(e);
  }
}

function entityElement(content, entity, tipLines) {
  const mark = document.createElement("mark");
  mark.className = `ent ${colourOf(entity.type)}`;
  mark.dataset.type = entity.type;
  mark.tabIndex = 0;
  mark.append(content);
  const tag = document.createElement("span");
  tag.className = "tag";
  tag.textContent = entity.type; // the type is always written out: colour is never the only signal
  const tip = document.createElement("span");
  tip.className = "tip";
  tip.setAttribute("role", "tooltip");
  for (const line of tipLines) {
    const row = document.createElement("span");
    row.textContent = line;
    tip.append(row);
  }
  mark.append(tag, tip);
  return mark;
}

function tipFor(entity) {
  const replacement = entity.replacement === "" ? "(removed)" : entity.replacement;
  const lines = [
    entity.type,
    `score ${entity.score.toFixed(2)}`,
    `found by ${SOURCES[entity.source] || entity.source}`,
    `operator ${entity.operator} → ${replacement}`,
  ];
  if (entity.key_id) lines.push(`key ${entity.key_id}`);
  return lines;
}

function renderSpans(container, text, spans) {
  container.replaceChildren();
  let cursor = 0;
  for (const { start, end, entity } of spans) {
    container.append(text.slice(cursor, start), entityElement(text.slice(start, end), entity, tipFor(entity)));
    cursor = end;
  }
  container.append(text.slice(cursor));
}

function renderText(text, result) {
  const entities = [...result.entities].sort((a, b) => a.start - b.start);
  renderSpans($("found"), text, entities.map((e) => ({ start: e.start, end: e.end, entity: e })));
  // where each replacement lands in the masked text: the masked text is the original with each span replaced
  let shift = 0;
  const moved = entities.map((e) => {
    const start = e.start + shift;
    shift += e.replacement.length - (e.end - e.start);
    return { start, end: start + e.replacement.length, entity: e };
  });
  renderSpans($("masked"), result.masked_text, moved);
  const counts = {};
  for (const e of entities) counts[e.type] = (counts[e.type] || 0) + 1;
  const names = Object.entries(counts).map(([t, n]) => (n > 1 ? `${t} ×${n}` : t));
  $("summary").textContent = text
    ? `${entities.length} ${entities.length === 1 ? "entity" : "entities"}${names.length ? ": " + names.join(", ") : ""}`
    : "";
  renderTypeToggles(Object.keys(counts));
  const reversible = entities.some((e) => e.operator === "encrypt" || e.operator === "fpe");
  $("unmask").disabled = !reversible;
  $("unmasked").hidden = true;
  $("unmask-status").textContent = "";
}

function renderTypeToggles(found) {
  const list = $("type-list");
  list.replaceChildren();
  const types = [...new Set([...found, ...leftOut])].sort();
  $("types-hint").hidden = types.length > 0;
  for (const type of types) {
    const label = document.createElement("label");
    label.className = "check";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = !leftOut.has(type);
    box.dataset.type = type;
    box.addEventListener("change", () => {
      if (box.checked) leftOut.delete(type);
      else leftOut.add(type);
      scheduleText(0);
    });
    const swatch = document.createElement("span");
    swatch.className = `swatch ${colourOf(type)}`;
    swatch.setAttribute("aria-hidden", "true");
    label.append(box, swatch, " " + type);
    list.append(label);
  }
}

function fpeLuhn(policy, type) {
  const op = policy.operators?.[type] ?? policy.operators?.DEFAULT;
  return Boolean(op && op.type === "fpe" && op.luhn);
}

async function unmask() {
  if (!lastResult) return;
  const { policy } = lastResult;
  const fpe = lastResult.entities
    .filter((e) => e.operator === "fpe" && e.replacement)
    .map((e) => ({ value: e.replacement, type: e.type, key_id: e.key_id, luhn: fpeLuhn(policy, e.type) }));
  try {
    const result = await api("POST", "v1/text/unmask", { json: { text: lastResult.masked_text, fpe } });
    $("unmask-status").textContent = `${result.restored} value${result.restored === 1 ? "" : "s"} restored:`;
    $("unmasked").textContent = result.text;
    $("unmasked").hidden = false;
  } catch (e) {
    $("unmask-status").textContent = e.shown; // a key without the unmask scope gets the API's 403 message
    $("unmasked").hidden = true;
  }
}

const EXAMPLE =
  "Hi, I'm Maria Gonzalez. Write to maria.gonzalez@example.org or call +1 415-555-0132; " +
  "I paid with the card 4111 1111 1111 1111 on 2024-03-12 from 192.168.10.24.";

function setupText() {
  $("text").addEventListener("input", () => scheduleText());
  $("text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      scheduleText(0);
    }
  });
  $("run").addEventListener("click", () => scheduleText(0));
  $("example").addEventListener("click", () => {
    $("text").value = EXAMPLE;
    scheduleText(0);
  });
  $("unmask").addEventListener("click", unmask);
}

// ---------------------------------------------------------------------------------------------------------------
// Tables: upload, follow the job, download; this key's recent jobs

let chosen = null;
let followed = null; // the job id the panel follows
let pollTimer = 0;
const ENDED = new Set(["finished", "failed", "canceled"]);

function choose(file) {
  chosen = file || null;
  $("file-name").textContent = chosen ? `${chosen.name} (${formatBytes(chosen.size)})` : "";
  $("submit-table").disabled = !chosen;
  $("table-error").textContent = "";
}

function formatBytes(n) {
  return n < 1024 ? `${n} bytes` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`;
}

async function submitTable() {
  if (!chosen) return;
  $("table-error").textContent = "";
  const form = new FormData();
  form.append("file", chosen, chosen.name);
  if ($("use-policy").checked) {
    let policy;
    try {
      policy = policyToSend();
    } catch (e) {
      $("table-error").textContent = "policy (Text tab): " + e.message;
      return;
    }
    if (Object.keys(policy).length) form.append("policy", JSON.stringify(policy));
  }
  $("submit-table").disabled = true;
  try {
    const accepted = await api("POST", "v1/tables", { form });
    follow(accepted.job_id);
  } catch (e) {
    $("table-error").textContent = e.shown;
  } finally {
    $("submit-table").disabled = !chosen;
  }
}

function follow(jobId) {
  followed = jobId;
  clearTimeout(pollTimer);
  $("job").hidden = false;
  $("job-id").textContent = jobId;
  $("job-status").textContent = "submitted";
  $("job-error").textContent = "";
  $("job-download").disabled = true;
  $("job-cancel").disabled = false;
  $("plan").hidden = true;
  $("job-rows").textContent = "";
  $("job-progress").removeAttribute("value");
  poll();
}

async function poll() {
  const jobId = followed;
  let state;
  try {
    state = await api("GET", `v1/jobs/${encodeURIComponent(jobId)}`);
  } catch (e) {
    if (jobId === followed) $("job-error").textContent = e.shown;
    return;
  }
  if (jobId !== followed) return;
  renderJob(state);
  if (ENDED.has(state.status)) refreshJobs();
  else pollTimer = setTimeout(poll, 400);
}

function rowsText(progress) {
  const total = progress.rows_total;
  return total == null ? `${progress.rows_done} rows` : `${progress.rows_done} / ${total} rows`;
}

function renderJob(state) {
  $("job-status").textContent = state.status;
  const bar = $("job-progress");
  const { rows_done: done, rows_total: total } = state.progress;
  if (total) {
    bar.max = total;
    bar.value = done;
  } else if (state.status === "finished") {
    bar.max = 1;
    bar.value = 1;
  } else {
    bar.removeAttribute("value"); // indeterminate until the worker knows the row count
  }
  $("job-rows").textContent = rowsText(state.progress);
  $("job-cancel").disabled = ENDED.has(state.status);
  $("job-download").disabled = state.status !== "finished";
  $("job-error").textContent = state.error ? "failed: " + state.error : "";
  renderPlan(state.report);
}

function renderPlan(report) {
  const table = $("plan");
  const body = table.tBodies[0];
  body.replaceChildren();
  table.hidden = !report?.columns;
  for (const column of report?.columns || []) {
    const row = body.insertRow();
    const cells = [column.name, column.mode, column.entity || "—", column.reason, column.values_masked, column.entities_found];
    for (const value of cells) row.insertCell().textContent = String(value ?? "");
    if (column.entity) row.cells[2].prepend(swatchFor(column.entity));
  }
}

function swatchFor(type) {
  const swatch = document.createElement("span");
  swatch.className = `swatch ${colourOf(type)}`;
  swatch.setAttribute("aria-hidden", "true");
  return swatch;
}

async function cancelJob() {
  try {
    await api("DELETE", `v1/jobs/${encodeURIComponent(followed)}`);
    $("job-status").textContent = "canceling";
  } catch (e) {
    $("job-error").textContent = e.shown;
  }
}

async function download(jobId) {
  try {
    const response = await api("GET", `v1/jobs/${encodeURIComponent(jobId)}/result`, { raw: true });
    const disposition = response.headers.get("content-disposition") || "";
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] || `masked-${jobId}`;
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    (jobId === followed ? $("job-error") : $("jobs-status")).textContent = e.shown;
  }
}

async function refreshJobs() {
  try {
    const data = await api("GET", "v1/jobs?limit=20");
    renderJobs(data.jobs);
    $("jobs-status").textContent = data.jobs.length ? "" : "No jobs yet.";
  } catch (e) {
    $("jobs-status").textContent = e.shown;
  }
}

function button(text, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

function renderJobs(jobs) {
  const body = $("jobs").tBodies[0];
  body.replaceChildren();
  for (const job of jobs) {
    const row = body.insertRow();
    const id = document.createElement("code");
    id.textContent = job.job_id.slice(0, 12);
    id.title = job.job_id;
    row.insertCell().append(id);
    row.insertCell().textContent = new Date(job.submitted_at * 1000).toLocaleString();
    row.insertCell().textContent = job.status;
    row.insertCell().textContent = rowsText(job.progress);
    const actions = row.insertCell();
    actions.append(button("Show", () => follow(job.job_id)));
    if (job.status === "finished") actions.append(" ", button("Download", () => download(job.job_id)));
  }
}

function setupTables() {
  const drop = $("drop");
  $("file").addEventListener("change", () => choose($("file").files[0]));
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    choose(event.dataTransfer.files[0]);
  });
  $("submit-table").addEventListener("click", submitTable);
  $("job-cancel").addEventListener("click", cancelJob);
  $("job-download").addEventListener("click", () => download(followed));
  $("jobs-refresh").addEventListener("click", refreshJobs);
}

// ---------------------------------------------------------------------------------------------------------------
// Status: /readyz (the models each process holds, the workers) and /metrics (queue figures); neither needs a key

function facts(list, pairs) {
  list.replaceChildren();
  for (const [name, value] of pairs) {
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.textContent = value ?? "—";
    list.append(dt, dd);
  }
}

function modelText(model) {
  return model ? `${model.checkpoint} (${model.dtype}${model.compiled ? ", compiled" : ""})` : "none";
}

function parseMetrics(text) {
  const out = {};
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+)(\{[^}]*\})?\s+([-+\d.eE]+|NaN)$/.exec(line.trim());
    if (m) out[m[1] + (m[2] || "")] = Number(m[3]);
  }
  return out;
}

async function refreshStatus() {
  $("status-note").textContent = "Loading…";
  try {
    const [ready, metricsText] = await Promise.all([
      fetch("readyz", { cache: "no-store" }).then((r) => r.json()),
      fetch("metrics", { cache: "no-store" }).then((r) => (r.ok ? r.text() : "")),
    ]);
    const model = ready.models?.text_masking;
    facts($("service-info"), [
      ["State", ready.status],
      ["Redis", ready.redis],
      ["Model", modelText(model)],
      ["Device", model?.device],
      ["Model entity types", model ? model.entity_types.join(", ") : null],
      ["Active key id", ready.crypto?.active_key_id],
    ]);
    const body = $("workers").tBodies[0];
    body.replaceChildren();
    for (const w of ready.workers || []) {
      const m = w.models?.table_masking;
      const row = body.insertRow();
      for (const value of [w.name, `${w.hostname}, ${w.pid}`, modelText(m), m?.device, w.model_loads]) {
        row.insertCell().textContent = String(value ?? "—");
      }
    }
    const figures = parseMetrics(metricsText);
    const state = (s) => figures[`piimask_table_jobs{state="${s}"}`];
    facts($("queue-info"), [
      ["Queue depth", figures.piimask_queue_depth],
      ["Workers registered", figures.piimask_workers],
      ["Jobs running", state("started")],
      ["Jobs finished / failed / canceled", `${state("finished")} / ${state("failed")} / ${state("canceled")}`],
      ["Rows masked (all workers)", figures.piimask_rows_masked_total ?? figures.piimask_rows_masked],
    ]);
    $("status-note").textContent = `Updated ${new Date().toLocaleTimeString()}.`;
  } catch {
    $("status-note").textContent = "The service did not answer.";
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function start() {
  setupKey();
  setupTabs();
  setupPolicy();
  setupText();
  setupTables();
  $("status-refresh").addEventListener("click", refreshStatus);
  syncFromEditor();
  try {
    knownTypes = (await fetch("console/assets/entity-types.json").then((r) => r.json())).entity_types;
  } catch {
    knownTypes = [];
  }
  await checkKey();
  document.body.dataset.ready = "true"; // for the browser test: the handlers are in place
}

start();
