// Rebound's dashboard: reads /api/dashboard every 10 seconds and draws it; looks addresses up in /api/addresses.
// Every value from the server is written as text (textContent), never as HTML.
"use strict";

const TYPES = ["hard", "soft", "none"];
const COLOURS = {hard: "#b00", soft: "#e90", none: "#68a"};
let chart = null;

function text(id, value) {
  document.getElementById(id).textContent = String(value);
}

function percent(rate) {
  return (rate * 100).toFixed(2) + " %";
}

function rows(tableId, items, cells) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren();
  for (const item of items) {
    const tr = document.createElement("tr");
    for (const cell of cells(item, tr)) {
      const td = document.createElement("td");
      td.textContent = String(cell.value);
      if (cell.className) td.className = cell.className;
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
}

function level(rate, warning, critical) {
  return rate >= critical ? "critical" : rate >= warning ? "warning" : "";
}

function drawChart(timeline) {
  const data = [timeline.starts].concat(TYPES.map(t => timeline.byType[t] || timeline.starts.map(() => 0)));
  const target = document.getElementById("events-chart");
  const width = Math.max(300, target.clientWidth || 800);
  if (chart) {
    chart.setData(data);
    return;
  }
  chart = new uPlot({
    width: width, height: 220,
    series: [{}].concat(TYPES.map(t => ({label: t, stroke: COLOURS[t], width: 2}))),
    axes: [{}, {label: "events per hour"}],
  }, data, target);
}

function show(d) {
  text("status", "updated " + d.generatedAt);
  drawChart(d.eventsOverTime);
  let total = 0;
  for (const t of TYPES) {
    const n = d.byType[t] || 0;
    total += n;
    text("type-" + t, n);
  }
  text("total-events", total);
  rows("reasons", Object.entries(d.byReason), ([reason, n]) => [{value: reason}, {value: n, className: "n"}]);
  rows("providers", Object.entries(d.topProviders), ([p, n]) => [{value: p}, {value: n, className: "n"}]);
  const th = d.thresholds;
  text("window", th.window);
  rows("campaigns", d.campaigns, (c, tr) => {
    tr.dataset.campaign = c.deliveryId;
    return [
      {value: c.deliveryId}, {value: c.sent, className: "n"}, {value: c.hardBounces, className: "n"},
      {value: c.complaints, className: "n"},
      {value: percent(c.bounceRate), className: "n " + level(c.bounceRate, th.bounceWarning, th.bounceCritical)},
      {value: percent(c.complaintRate),
       className: "n " + level(c.complaintRate, th.complaintWarning, th.complaintCritical)},
      {value: c.alerts.length ? c.alerts.join(", ") : "none",
       className: c.alerts.some(a => a.startsWith("critical")) ? "critical" : c.alerts.length ? "warning" : ""},
    ];
  });
  const backlog = Object.values(d.pipeline.mailboxBacklog).reduce((a, b) => a + b, 0);
  text("backlog", backlog);
  text("outbox-unsent", d.pipeline.outboxUnsent);
  text("outbox-lag", d.pipeline.outboxLagSeconds);
  text("dead-letters", d.pipeline.deadLetters);
  rows("latest-dead-letters", d.latestDeadLetters, l => [{value: l.time}, {value: l.reason}, {value: l.file}]);
}

async function refresh() {
  try {
    const answer = await fetch("/api/dashboard");
    if (!answer.ok) throw new Error("HTTP " + answer.status);
    show(await answer.json());
  } catch (e) {
    text("status", "cannot read /api/dashboard: " + e.message);
  }
}

async function lookUp(event) {
  event.preventDefault();
  const address = document.getElementById("address").value.trim();
  const answer = await fetch("/api/addresses/" + encodeURIComponent(address));
  const body = await answer.json();
  if (!answer.ok) {
    text("address-state", body.error || ("HTTP " + answer.status));
    rows("address-history", [], () => []);
    return;
  }
  text("address-state", body.state);
  rows("address-history", body.history, h => [
    {value: h.at}, {value: h.from}, {value: h.to}, {value: h.rule}, {value: h.note || h.reason}]);
}

document.getElementById("lookup-form").addEventListener("submit", lookUp);
refresh();
setInterval(refresh, 10000);
