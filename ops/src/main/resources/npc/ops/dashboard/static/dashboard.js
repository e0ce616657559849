// The regulators' dashboard: reads /api/v1/dashboard/summary, /api/v1/findings and /api/v1/signals with the token
// typed once (kept in this tab's sessionStorage only, never in a cookie or on disk), every REFRESH_MS. The service
// leaves empty lists and maps and absent figures out of its JSON: every field read here may be missing.
"use strict";

const TOKEN_KEY = "npc.token";
const REFRESH_MS = 5000;
const charts = {};
let timer = null;

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function setStatus(text, error) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.classList.toggle("error", Boolean(error));
}

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: "Bearer " + token() } });
  if (response.status === 401 || response.status === 403) {
    throw Object.assign(new Error("the token was refused (" + response.status + "): enter a regulator or operator "
      + "token"), { refused: true });
  }
  if (!response.ok) {
    let detail = "";
    try { detail = (await response.json()).detail || ""; } catch (e) { /* not a problem document */ }
    throw new Error(path + " answered " + response.status + (detail ? ": " + detail : ""));
  }
  return response.json();
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function emptyRow(body, text, columns) {
  const tr = document.createElement("tr");
  cell(tr, text).colSpan = columns;
  body.appendChild(tr);
}

function ms(value) {
  return value === null || value === undefined ? "-" : (value < 10 ? value.toFixed(1) : Math.round(value)) + " ms";
}

function percent(value) {
  return value === null || value === undefined ? "-" : (100 * value).toFixed(1) + " %";
}

function reasons(byReason) {
  const parts = Object.entries(byReason || {}).map(([reason, n]) => reason + ": " + n);
  return parts.length ? parts.join(", ") : "none";
}

function renderLive(live) {
  document.getElementById("live-requests").textContent = live.requests.toLocaleString();
  document.getElementById("live-ports-open").textContent = live.portsOpen.toLocaleString();
  const connected = live.connectedCarriers || [];
  document.getElementById("live-connected").textContent = connected.length;
  document.getElementById("live-connected-list").textContent = connected.join(", ")
    + " (" + live.sessions + " sessions)";
}

function renderCarriers(rows) {
  const body = document.querySelector("#carriers tbody");
  body.replaceChildren();
  for (const c of rows) {
    const tr = document.createElement("tr");
    tr.dataset.carrier = c.carrier;
    cell(tr, c.carrier + " (" + c.name + ")");
    cell(tr, c.portsRequested, "num");
    cell(tr, c.portsEnded, "num");
    cell(tr, c.portsCompleted, "num");
    cell(tr, percent(c.successRate), "num");
    cell(tr, c.answers, "num");
    cell(tr, ms(c.answerP50Ms), "num");
    cell(tr, ms(c.answerP99Ms), "num");
    cell(tr, c.deemedAcceptances, "num");
    cell(tr, reasons(c.rejectionsByReason));
    body.appendChild(tr);
  }
}

function chart(id) {
  if (!charts[id]) {
    // SVG: crisp when printed, and each chart is a document element a test can find.
    charts[id] = echarts.init(document.getElementById(id), null, { renderer: "svg" });
  }
  return charts[id];
}

function renderRejections(summary) {
  const from = Date.parse(summary.rejectionsFrom);
  const rejections = summary.rejections || [];
  const minutes = rejections.length ? rejections[0].perMinute.length : 60;
  const labels = [];
  for (let i = 0; i < minutes; i++) {
    labels.push(new Date(from + i * 60000).toISOString().substring(11, 16));
  }
  chart("rejections-chart").setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", top: 0 },
    grid: { top: 40, left: 40, right: 20, bottom: 30 },
    xAxis: { type: "category", data: labels, name: "UTC" },
    yAxis: { type: "value", minInterval: 1 },
    series: rejections.map(s => ({
      name: s.carrier + " " + s.reason, type: "bar", stack: s.carrier, data: s.perMinute
    }))
  }, true);
}

function renderAnswers(rows) {
  const answered = rows.filter(c => c.answers > 0);
  chart("answers-chart").setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { top: 40, left: 50, right: 20, bottom: 30 },
    xAxis: { type: "category", data: answered.map(c => c.carrier) },
    yAxis: { type: "value", name: "ms" },
    series: [
      { name: "p50", type: "bar", data: answered.map(c => c.answerP50Ms) },
      { name: "p99", type: "bar", data: answered.map(c => c.answerP99Ms) }
    ]
  }, true);
}

function renderFindings(findings) {
  const body = document.querySelector("#findings tbody");
  body.replaceChildren();
  if (!findings.length) {
    emptyRow(body, "No finding in the last day.", 6);
  }
  findings.forEach((f, i) => {
    const tr = document.createElement("tr");
    tr.id = "finding-" + i;
    cell(tr, f.carrier);
    cell(tr, f.rule);
    cell(tr, f.severity, "severity-" + String(f.severity).toLowerCase());
    cell(tr, f.from.substring(0, 16).replace("T", " ") + " to " + f.to.substring(0, 16).replace("T", " "));
    cell(tr, f.summary);
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    const evidence = f.evidence || [];
    const subjects = f.subjects || [];
    summary.textContent = evidence.length + " entries, " + subjects.length + " subjects";
    details.appendChild(summary);
    const list = document.createElement("ul");
    for (const e of evidence) {
      const li = document.createElement("li");
      li.textContent = "entry " + e.chain + " #" + e.position;
      list.appendChild(li);
    }
    for (const s of subjects) {
      const li = document.createElement("li");
      li.textContent = "subject " + s;
      list.appendChild(li);
    }
    details.appendChild(list);
    cell(tr, "").appendChild(details);
    body.appendChild(tr);
  });
}

function renderSignals(signals) {
  const body = document.querySelector("#signals tbody");
  body.replaceChildren();
  if (!signals.length) {
    emptyRow(body, "No signal in the last day.", 2);
  }
  for (const s of signals) {
    const tr = document.createElement("tr");
    cell(tr, s.carrier);
    cell(tr, s.summary);
    body.appendChild(tr);
  }
}

async function refresh() {
  try {
    const [summary, findings, signals] = await Promise.all([
      api("/api/v1/dashboard/summary"), api("/api/v1/findings"), api("/api/v1/signals")]);
    document.getElementById("content").hidden = false;
    renderLive(summary.live);
    renderCarriers(summary.carriers || []);
    renderRejections(summary);
    renderAnswers(summary.carriers || []);
    renderFindings(findings);
    renderSignals(signals);
    document.getElementById("footnote").textContent = "Counted by this instance since " + summary.since
      + "; generated " + summary.generatedAt + ".";
    setStatus("Updated " + new Date().toLocaleTimeString() + "; refreshes every " + REFRESH_MS / 1000 + " s.");
    document.body.dataset.loaded = "true";
  } catch (e) {
    setStatus(e.message, true);
    if (e.refused) {
      stop();
      sessionStorage.removeItem(TOKEN_KEY);
    }
  }
}

function start() {
  stop();
  refresh();
  timer = setInterval(refresh, REFRESH_MS);
}

function stop() {
  if (timer) {
    clearInterval(timer);
    timer = null;
  }
}

document.getElementById("token-form").addEventListener("submit", event => {
  event.preventDefault();
  const typed = document.getElementById("token").value.trim();
  if (!typed) {
    setStatus("Type a token first.", true);
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, typed);
  document.getElementById("token").value = "";
  start();
});

document.getElementById("forget").addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  stop();
  document.getElementById("content").hidden = true;
  setStatus("Token forgotten. Enter a regulator or operator token to load the figures.");
});

window.addEventListener("resize", () => Object.values(charts).forEach(c => c.resize()));
// Printed, the page is the report: every finding's evidence shows, and the charts fit the paper.
window.addEventListener("beforeprint", () => {
  stop();
  document.querySelectorAll("#findings details").forEach(d => { d.open = true; });
  Object.values(charts).forEach(c => c.resize());
});
window.addEventListener("afterprint", () => {
  Object.values(charts).forEach(c => c.resize());
  if (token()) {
    timer = setInterval(refresh, REFRESH_MS);
  }
});

if (token()) {
  start();
}
