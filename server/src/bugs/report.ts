/**
 * The bug report as people read it: a text table for the terminal and an HTML page with a bar
 * chart for the editor. Both show the same figures from {@link computeBugMetrics}.
 */
import { escapeHtml, htmlPage, textTable } from "../runs/html";
import type { Bug } from "./ledger";
import type { BugMetrics, GroupFigures } from "./metrics";
import { parseRootCause, rootCauseLabel } from "./record";

const groupHeader = ["", "bugs", "opened", "closed", "open", "mean days", "median days"];
const rightAligned = [false, true, true, true, true, true, true];

/** The report as text: totals, the splits, and the explores and views with most bugs. */
export function bugMetricsTable(metrics: BugMetrics, ledgerFile: string): string {
  const rows = [
    groupRow(metrics.total, "all bugs"),
    ...metrics.byRootCause.map((g) => groupRow(g, causeLabel(g.key))),
  ];
  const parts = [
    `${intro(metrics)}, ledger ${ledgerFile}\n`,
    textTable(["root cause", ...groupHeader.slice(1)], rows, rightAligned),
    metrics.byCategory.length === 0
      ? ""
      : textTable(
          ["category", ...groupHeader.slice(1)],
          metrics.byCategory.map((g) => groupRow(g, g.key)),
          rightAligned,
        ),
    topText("explore", metrics.topExplores),
    topText("view", metrics.topViews),
  ];
  return parts.filter((part) => part !== "").join("\n");
}

/** The report as a page, with a bar chart of bugs by root cause and by category. */
export function bugMetricsHtml(
  metrics: BugMetrics,
  ledgerFile: string,
  openBugs: readonly Bug[] = [],
): string {
  const causes = metrics.byRootCause.map((g) => ({ label: causeLabel(g.key), value: g.bugs }));
  const categories = metrics.byCategory.map((g) => ({ label: g.key, value: g.bugs }));
  const body = [
    `<p>${escapeHtml(intro(metrics))}. Ledger: <code>${escapeHtml(ledgerFile)}</code></p>`,
    "<h2>By root cause</h2>",
    barChart(causes, "Bugs in attention by root cause"),
    groupTableHtml("root cause", [metrics.total, ...metrics.byRootCause], (key) =>
      key === "all" ? "all bugs" : causeLabel(key),
    ),
    "<h2>By category</h2>",
    categories.length === 0
      ? "<p>No bug in this window.</p>"
      : barChart(categories, "Bugs in attention by category"),
    categories.length === 0 ? "" : groupTableHtml("category", metrics.byCategory, (key) => key),
    topHtml("Explores with most bugs", metrics.topExplores),
    topHtml("Views with most bugs", metrics.topViews),
    openBugsHtml(openBugs, metrics.now),
  ];
  return htmlPage("Bug report", body.filter((part) => part !== "").join("\n"));
}

/** The figures for `--json`. */
export function bugMetricsJson(metrics: BugMetrics): string {
  return `${JSON.stringify(metrics, null, 2)}\n`;
}

/**
 * A horizontal bar chart as inline SVG: one bar per item, its value at the end. No script and
 * no external file, so it shows in a locked-down webview and in a saved page.
 */
export function barChart(
  items: readonly { label: string; value: number }[],
  title: string,
): string {
  const labelWidth = 260;
  const barWidth = 300;
  const rowHeight = 22;
  const max = Math.max(1, ...items.map((item) => item.value));
  const rows = items.map((item, index) => {
    const y = index * rowHeight;
    const width = (item.value / max) * barWidth;
    return (
      `<text x="${String(labelWidth - 8)}" y="${String(y + 15)}" text-anchor="end">` +
      `${escapeHtml(item.label)}</text>` +
      `<rect x="${String(labelWidth)}" y="${String(y + 4)}" width="${width.toFixed(1)}" ` +
      `height="14" fill="currentColor" opacity="0.6"/>` +
      `<text x="${(labelWidth + width + 6).toFixed(1)}" y="${String(y + 15)}">` +
      `${String(item.value)}</text>`
    );
  });
  const height = items.length * rowHeight + 4;
  return (
    `<svg role="img" aria-label="${escapeHtml(title)}" ` +
    `width="${String(labelWidth + barWidth + 50)}" height="${String(height)}">` +
    `<title>${escapeHtml(title)}</title>${rows.join("")}</svg>`
  );
}

function intro(metrics: BugMetrics): string {
  const from = metrics.windowStart.toISOString().slice(0, 10);
  const to = metrics.now.toISOString().slice(0, 10);
  const t = metrics.total;
  return (
    `Bugs from ${from} to ${to} (${metrics.windowText}): ` +
    `${String(t.opened)} opened, ${String(t.closed)} closed, ${String(t.open)} open now`
  );
}

function groupRow(group: GroupFigures, label: string): string[] {
  return [
    label,
    String(group.bugs),
    String(group.opened),
    String(group.closed),
    String(group.open),
    days(group.meanDays),
    days(group.medianDays),
  ];
}

function groupTableHtml(
  first: string,
  groups: readonly GroupFigures[],
  label: (key: string) => string,
): string {
  const head = [first, ...groupHeader.slice(1)]
    .map(
      (cell, i) => `<th${rightAligned[i] === true ? ' class="num"' : ""}>${escapeHtml(cell)}</th>`,
    )
    .join("");
  const rows = groups.map((group) => {
    const cells = groupRow(group, label(group.key));
    const tds = cells.map(
      (cell, i) => `<td${i > 0 ? ' class="num"' : ""}>${escapeHtml(cell)}</td>`,
    );
    return `<tr>${tds.join("")}</tr>`;
  });
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function topText(what: string, top: readonly { name: string; bugs: number }[]): string {
  if (top.length === 0) return "";
  return textTable(
    [`${what} with most bugs`, "bugs"],
    top.map((t) => [t.name, String(t.bugs)]),
    [false, true],
  );
}

function topHtml(title: string, top: readonly { name: string; bugs: number }[]): string {
  if (top.length === 0) return "";
  const rows = top.map(
    (t) => `<tr><td>${escapeHtml(t.name)}</td><td class="num">${String(t.bugs)}</td></tr>`,
  );
  return `<h2>${escapeHtml(title)}</h2>\n<table><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function openBugsHtml(bugs: readonly Bug[], now: Date): string {
  if (bugs.length === 0) return "";
  const rows = bugs.map((bug) => {
    const where = [bug.explore, bug.view, bug.model].filter((x) => x !== undefined).join(" / ");
    const daysOpen = (now.getTime() - bug.openedAt.getTime()) / 86_400_000;
    return (
      `<tr><td><code>${escapeHtml(bug.id)}</code></td><td>${escapeHtml(bug.title)}</td>` +
      `<td>${escapeHtml(bug.category)}</td><td>${escapeHtml(rootCauseLabel(bug.rootCause))}</td>` +
      `<td>${escapeHtml(where)}</td><td class="num">${days(daysOpen)}</td></tr>`
    );
  });
  return (
    `<h2>Open bugs</h2>\n<table><thead><tr><th>id</th><th>title</th><th>category</th>` +
    `<th>root cause</th>` +
    `<th>explore / view / model</th><th class="num">days open</th></tr></thead>` +
    `<tbody>\n${rows.join("\n")}\n</tbody></table>`
  );
}

function causeLabel(key: string): string {
  const cause = parseRootCause(key);
  return cause === undefined ? key : rootCauseLabel(cause);
}

function days(value: number | undefined): string {
  return value === undefined ? "-" : value.toFixed(1);
}
