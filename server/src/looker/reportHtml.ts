/**
 * The explore usage report as one self-contained HTML page: the project figure, a bar chart
 * of counts in inline SVG and the table. No scripts and no outside assets, so a webview can
 * show it under a strict content security policy.
 */
import { formatAge, formatCount, formatUtc } from "./format";
import type { ReportRow, UsageView } from "./present";
import { reportRows, statusText } from "./present";

const BAR_HEIGHT = 18;
const CHART_WIDTH = 640;
const LABEL_WIDTH = 220;

/** The whole report page. */
export function reportHtml(view: UsageView): string {
  const rows = reportRows(view.health);
  const body = [
    `<h1>${escapeHtml(statusText(view))}</h1>`,
    `<p>${escapeHtml(summaryLine(view))}</p>`,
    ...warnings(view).map((w) => `<p class="warn">${escapeHtml(w)}</p>`),
    chartSvg(rows, view.health.threshold),
    table(rows),
    orphansSection(view),
  ];
  return page(body.join("\n"));
}

function summaryLine(view: UsageView): string {
  const { health } = view;
  const from = health.origin === "snapshot" ? "a snapshot file" : "Looker System Activity";
  return (
    `${health.healthyCount} of ${health.explores.length} explores had at least ` +
    `${formatCount(health.threshold)} queries in the last 30 days. Figures from ${from}, ` +
    `fetched ${formatUtc(health.fetchedAt)} ` +
    `(${formatAge(new Date(health.fetchedAt), view.now)} ago).`
  );
}

function warnings(view: UsageView): string[] {
  const result: string[] = [];
  if (view.staleReason !== undefined) result.push(`Stale: ${view.staleReason}`);
  if (!view.health.complete)
    result.push("The answer reached the row limit: some figures are unknown.");
  if (view.health.missingModels.length > 0) {
    result.push(`Models not found on Looker: ${view.health.missingModels.join(", ")}.`);
  }
  return result;
}

/** Horizontal bars, one per explore, with the healthy threshold as a dashed line. */
export function chartSvg(rows: readonly ReportRow[], threshold: number): string {
  const max = Math.max(threshold, ...rows.map((r) => r.runs30), 1);
  const scale = (v: number): number => ((CHART_WIDTH - LABEL_WIDTH - 60) * v) / max;
  const height = rows.length * (BAR_HEIGHT + 4) + 24;
  const bars = rows.map((r, i) => bar(r, i, scale));
  const x = LABEL_WIDTH + scale(threshold);
  const line =
    `<line x1="${x.toFixed(1)}" y1="0" x2="${x.toFixed(1)}" y2="${height - 16}" ` +
    `class="threshold"/>` +
    `<text x="${x.toFixed(1)}" y="${height - 4}" class="axis">${formatCount(threshold)}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" ` +
    `role="img" aria-label="Queries per explore in the last 30 days">${bars.join("")}${line}</svg>`
  );
}

function bar(row: ReportRow, index: number, scale: (v: number) => number): string {
  const y = index * (BAR_HEIGHT + 4);
  const width = Math.max(1, scale(row.runs30)).toFixed(1);
  const label = escapeHtml(`${row.model}.${row.explore}`);
  const cls = row.healthy ? "healthy" : "unhealthy";
  return (
    `<text x="${LABEL_WIDTH - 6}" y="${y + 13}" text-anchor="end" class="label">${label}</text>` +
    `<rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}" class="${cls}"/>` +
    `<text x="${LABEL_WIDTH + Number(width) + 4}" y="${y + 13}" class="value">` +
    `${formatCount(row.runs30)}</text>`
  );
}

function table(rows: readonly ReportRow[]): string {
  const head =
    "<tr><th>Model</th><th>Explore</th><th>Queries (30 days)</th>" +
    "<th>Health</th><th>Trend</th></tr>";
  const body = rows.map(
    (r) =>
      `<tr class="${r.healthy ? "healthy" : "unhealthy"}"><td>${escapeHtml(r.model)}</td>` +
      `<td>${escapeHtml(r.explore)}</td>` +
      `<td class="num">${r.complete ? "" : "≥ "}${formatCount(r.runs30)}</td>` +
      `<td>${r.healthy ? "healthy" : r.complete ? "unhealthy" : "incomplete"}</td>` +
      `<td>${escapeHtml(r.trend)}</td></tr>`,
  );
  return `<table>${head}${body.join("")}</table>`;
}

function orphansSection(view: UsageView): string {
  const { orphans } = view.health;
  if (orphans.length === 0) return "";
  const items = orphans.map(
    (o) => `<li>${escapeHtml(`${o.model}.${o.explore}`)}: ${formatCount(o.runs30)} queries</li>`,
  );
  return `<h2>Queried explores not in the LookML (not counted)</h2><ul>${items.join("")}</ul>`;
}

// Kept apart so the style sheet's lines stay under 100 columns.
const CELL_STYLE = "td, th { padding: 2px 10px; text-align: left; }";

function page(body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<title>Explore usage</title>
<style>
body { font-family: var(--vscode-font-family, sans-serif); color: var(--vscode-foreground, #222); }
h1 { font-size: 1.3em; } .warn { color: var(--vscode-editorWarning-foreground, #a60); }
table { border-collapse: collapse; margin-top: 1em; } ${CELL_STYLE}
td.num { text-align: right; } tr.unhealthy td { color: var(--vscode-errorForeground, #b00); }
rect.healthy { fill: #3a8; } rect.unhealthy { fill: #d64; }
.label, .value, .axis { font-size: 11px; fill: currentColor; }
line.threshold { stroke: currentColor; stroke-dasharray: 4 3; }
</style></head><body>
${body}
</body></html>
`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
