/**
 * Uptime as people read it: the hover line of a generated view and the report as a text table
 * or an HTML page. Free of editor and LSP types, so the client can show the report too.
 */
import { escapeHtml, htmlPage, textTable } from "./html";
import type { ModelUptime, SourceStatus, UptimeReport } from "./uptime";
import { ago } from "./window";

/** "96.7 %"; never rounds a failing table up to "100 %". */
export function formatPercent(share: number): string {
  const tenths = Math.min(Math.round(share * 1000), share < 1 ? 999 : 1000);
  const text = (tenths / 10).toFixed(1).replace(/\.0$/, "");
  return `${text} %`;
}

/**
 * "orders: 96.7 % uptime over 30 runs in 30 days · last success 2 h ago", for the hover of a
 * generated view and of the explores built on it.
 */
export function uptimeHoverLine(model: ModelUptime, windowLabel: string, now: Date): string {
  const head =
    model.uptime === undefined
      ? `${model.name}: no runs ${windowLabel}`
      : `${model.name}: ${formatPercent(model.uptime)} uptime ` +
        `over ${plural(model.runsCounted, "run")} ${windowLabel}`;
  const parts = [head, lastSuccessText(model, now)];
  if (isFailingNow(model) && model.lastFailure !== undefined) {
    parts.push(`last failure ${ago(model.lastFailure.at, now)}`);
  }
  if (model.freshness !== undefined && model.freshness.status !== "pass") {
    parts.push(
      `source ${shortSource(model.freshness.uniqueId)} freshness ${model.freshness.status}`,
    );
  }
  return parts.join(" · ");
}

/** Lines under the hover line: the last failure's message and the median time. */
export function uptimeHoverDetails(model: ModelUptime): string[] {
  const lines: string[] = [];
  if (model.medianSeconds !== undefined) {
    lines.push(`median execution time ${model.medianSeconds.toFixed(1)} s`);
  }
  if (model.lastFailure?.message !== undefined) {
    lines.push(
      `last failure (${isoMinute(model.lastFailure.at)}): ${firstLine(model.lastFailure.message)}`,
    );
  }
  return lines;
}

/** Finds a table by model name; a model wins over a seed or snapshot of the same name. */
export function findUptime(report: UptimeReport, name: string): ModelUptime | undefined {
  const matches = report.models.filter((model) => model.name === name);
  return matches.find((model) => model.resourceType === "model") ?? matches[0];
}

/** The report as a text table, lowest uptime first. */
export function uptimeTable(report: UptimeReport): string {
  const header = [
    "table",
    "uptime",
    "runs",
    "last success",
    "last failure",
    "median s",
    "freshness",
  ];
  const rows = report.models.map((model) => [
    displayName(model),
    model.uptime === undefined ? "-" : formatPercent(model.uptime),
    String(model.runsCounted),
    model.lastSuccess === undefined ? "never" : ago(model.lastSuccess, report.now),
    model.lastFailure === undefined ? "-" : ago(model.lastFailure.at, report.now),
    model.medianSeconds === undefined ? "-" : model.medianSeconds.toFixed(1),
    model.freshness?.status ?? "-",
  ]);
  const intro = `${summaryLine(report)}\n\n`;
  const table =
    rows.length === 0
      ? "No table was built by the archived runs.\n"
      : textTable(header, rows, [false, true, true]);
  return intro + table + sourcesText(report) + problemsText(report);
}

/** "34 runs in 30 days (2 docs generate not counted) from <folder>" */
export function summaryLine(report: UptimeReport): string {
  const ignored = report.runsNotCounted.map((c) => `${String(c.runs)} ${c.command}`).join(", ");
  const note = ignored === "" ? "" : ` (not counted, nothing executed: ${ignored})`;
  return (
    `Uptime ${windowPhrase(report)}: ${plural(report.runsInWindow, "run")}${note}, ` +
    `history in ${report.historyDir}`
  );
}

/** The report as a standalone HTML page with a bar per table. */
export function uptimeHtml(report: UptimeReport): string {
  const rows = report.models.map((model) => htmlRow(model, report.now)).join("\n");
  const table =
    report.models.length === 0
      ? "<p>No table was built by the archived runs.</p>"
      : `<table><thead><tr><th>table</th><th class="num">uptime</th><th></th>` +
        `<th class="num">runs</th><th>last success</th><th>last failure</th>` +
        `<th class="num">median s</th><th>freshness</th>` +
        `</tr></thead><tbody>\n${rows}\n</tbody></table>`;
  const body =
    `<p>${escapeHtml(summaryLine(report))}</p>\n${table}\n` +
    `${sourcesHtml(report)}${problemsHtml(report)}`;
  return htmlPage("Table uptime", body);
}

/** The report for `--json`: dates as ISO strings, nothing else changed. */
export function uptimeJson(report: UptimeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function htmlRow(model: ModelUptime, now: Date): string {
  const share = model.uptime ?? 0;
  const css = model.uptime === undefined ? "muted" : share < 0.95 ? "bad" : "";
  const bar =
    model.uptime === undefined
      ? ""
      : `<svg width="120" height="10" role="img" aria-label="${formatPercent(share)}">` +
        `<rect width="120" height="10" fill="rgba(128,128,128,0.25)"/>` +
        `<rect width="${(share * 120).toFixed(1)}" height="10" fill="currentColor"/></svg>`;
  const failure =
    model.lastFailure === undefined
      ? "-"
      : `<span title="${escapeHtml(model.lastFailure.message ?? "")}">` +
        `${escapeHtml(ago(model.lastFailure.at, now))}</span>`;
  const success =
    model.lastSuccess === undefined ? "never" : escapeHtml(ago(model.lastSuccess, now));
  const median = model.medianSeconds === undefined ? "-" : model.medianSeconds.toFixed(1);
  const cells = [
    `<td>${escapeHtml(displayName(model))}</td>`,
    `<td class="num ${css}">${model.uptime === undefined ? "-" : formatPercent(share)}</td>`,
    `<td class="${css}">${bar}</td>`,
    `<td class="num">${String(model.runsCounted)}</td>`,
    `<td>${success}</td>`,
    `<td>${failure}</td>`,
    `<td class="num">${median}</td>`,
    `<td>${escapeHtml(model.freshness?.status ?? "-")}</td>`,
  ];
  return `<tr>${cells.join("")}</tr>`;
}

function sourcesText(report: UptimeReport): string {
  if (report.sources.length === 0) return "";
  const rows = report.sources.map((s) => [
    s.uniqueId,
    s.status,
    ago(s.checkedAt, report.now),
    loadedText(s),
  ]);
  const table = textTable(["source", "status", "checked", "max loaded at"], rows);
  return `\nSource freshness (latest check)\n${table}`;
}

function sourcesHtml(report: UptimeReport): string {
  if (report.sources.length === 0) return "";
  const rows = report.sources.map((s) => {
    const css = s.status === "pass" ? "" : s.status === "warn" ? "warn" : "bad";
    return (
      `<tr><td>${escapeHtml(s.uniqueId)}</td><td class="${css}">${escapeHtml(s.status)}</td>` +
      `<td>${escapeHtml(ago(s.checkedAt, report.now))}</td>` +
      `<td>${escapeHtml(loadedText(s))}</td></tr>`
    );
  });
  return (
    `<h2>Source freshness (latest check)</h2>\n<table><thead><tr><th>source</th><th>status</th>` +
    `<th>checked</th><th>max loaded at</th></tr></thead>` +
    `<tbody>\n${rows.join("\n")}\n</tbody></table>\n`
  );
}

function problemsText(report: UptimeReport): string {
  if (report.problems.length === 0) return "";
  return `\nSkipped files\n${report.problems.map((p) => `  ${p}`).join("\n")}\n`;
}

function problemsHtml(report: UptimeReport): string {
  if (report.problems.length === 0) return "";
  const items = report.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join("\n");
  return `<h2>Skipped files</h2>\n<ul>\n${items}\n</ul>\n`;
}

function loadedText(source: SourceStatus): string {
  if (source.error !== undefined) return firstLine(source.error);
  return source.maxLoadedAt === undefined ? "-" : isoMinute(source.maxLoadedAt);
}

function windowPhrase(report: UptimeReport): string {
  return `${isoMinute(report.windowStart)} to ${isoMinute(report.now)} (${report.windowText})`;
}

function lastSuccessText(model: ModelUptime, now: Date): string {
  return model.lastSuccess === undefined
    ? "never succeeded"
    : `last success ${ago(model.lastSuccess, now)}`;
}

/** The newest outcome is a failure. */
function isFailingNow(model: ModelUptime): boolean {
  if (model.lastFailure === undefined) return false;
  return model.lastSuccess === undefined || model.lastFailure.at > model.lastSuccess;
}

function displayName(model: ModelUptime): string {
  const kind = model.resourceType === "model" ? "" : ` (${model.resourceType})`;
  return `${model.name}${model.version === undefined ? "" : `.${model.version}`}${kind}`;
}

/** `source.shop.raw.orders` → `raw.orders` */
function shortSource(uniqueId: string): string {
  return uniqueId.split(".").slice(-2).join(".");
}

/** "1 run", "30 runs". */
export function plural(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? "" : "s"}`;
}

/** The first line of a message, cut at 200 characters. */
export function firstLine(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** "2025-05-10 12:00 UTC" */
export function isoMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
