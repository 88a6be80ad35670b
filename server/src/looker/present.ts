/**
 * What the user reads: the inline text on each `explore:` line, the hover, the diagnostics on
 * unhealthy explores, the status bar text and the report rows. Plain data, no editor API.
 */
import type { Range } from "../lookml/ast";
import { formatAge, formatCount, formatPercent, formatSeconds, formatUtc } from "./format";
import type { DiagnosticSeverityName } from "./settings";
import type { ExploreFigures, ExploreHealth, ProjectHealth } from "./types";

/** The figures with how fresh they are, as shown. */
export interface UsageView {
  health: ProjectHealth;
  /** Set when the latest refresh failed and these are the cached figures. */
  staleReason?: string;
  now: Date;
}

/** `1,234 queries · 30 days · healthy` or `12 queries · 30 days · below 50`. */
export function inlineText(explore: ExploreHealth, threshold: number, stale: boolean): string {
  const f = explore.figures;
  const noun = f.runs30 === 1 ? "query" : "queries";
  const runs = `${f.complete ? "" : "≥ "}${formatCount(f.runs30)} ${noun}`;
  const verdict = verdictText(explore, threshold);
  return [runs, "30 days", verdict, ...(stale ? ["stale"] : [])].join(" · ");
}

function verdictText(explore: ExploreHealth, threshold: number): string {
  if (explore.healthy) return "healthy";
  if (!explore.figures.complete) return "incomplete (row limit)";
  return `below ${formatCount(threshold)}`;
}

/** The hover on an `explore:` line, in Markdown. */
export function hoverMarkdown(explore: ExploreHealth, view: UsageView): string {
  const f = explore.figures;
  const { health } = view;
  const title =
    `**Explore \`${explore.explore.name}\`** (model \`${explore.explore.model}\`): ` +
    `${formatCount(f.runs30)} queries in the last 30 days, ` +
    (explore.healthy
      ? "healthy"
      : `below the healthy threshold of ${formatCount(health.threshold)}`);

  const lines = [
    `- Trend: ${trendText(f)}`,
    `- Users: ${usersText(f)}`,
    `- Last run: ${f.lastRunDate ?? "none in 60 days"}`,
    `- Average runtime: ${runtimeText(f.averageRuntimeSeconds)}`,
    `- ${fetchedText(view)}`,
  ];
  if (!f.complete)
    lines.push("- The answer reached the row limit: this explore may have more queries.");
  if (view.staleReason !== undefined) lines.push(`- Stale: ${view.staleReason}`);
  return [title, "", ...lines].join("\n");
}

function runtimeText(seconds: number | undefined): string {
  return seconds === undefined ? "unknown" : formatSeconds(seconds);
}

/** `▲ 25 % against the 30 days before (1,000)` and the like. */
export function trendText(f: ExploreFigures): string {
  const before = f.runsPrevious30;
  if (before === undefined) return "unknown (the figures have no dates)";
  if (before === 0)
    return f.runs30 === 0 ? "no queries in either period" : `new (none in the 30 days before)`;
  const change = Math.round((100 * (f.runs30 - before)) / before);
  const arrow = change > 0 ? "▲" : change < 0 ? "▼" : "=";
  const sign = change > 0 ? "+" : "";
  return `${arrow} ${sign}${change} % against the 30 days before (${formatCount(before)})`;
}

function usersText(f: ExploreFigures): string {
  if (f.users === undefined) return "unknown";
  if (f.usersBasis === "distinct") return `${formatCount(f.users)} distinct`;
  return `at least ${formatCount(f.users)} (most on one day)`;
}

function fetchedText(view: UsageView): string {
  const { fetchedAt, origin } = view.health;
  const age = formatAge(new Date(fetchedAt), view.now);
  const from = origin === "snapshot" ? "from a snapshot file" : "from Looker System Activity";
  return `Fetched ${formatUtc(fetchedAt)} (${age} ago) ${from}`;
}

/** An LSP-shaped diagnostic; `severity` uses LSP's numbers (1 error … 4 hint). */
export interface UsageDiagnostic {
  uri: string;
  range: Range;
  severity: 1 | 2 | 3 | 4;
  message: string;
  source: string;
  code: string;
}

const SEVERITY: Record<Exclude<DiagnosticSeverityName, "off">, 1 | 2 | 3 | 4> = {
  error: 1,
  warning: 2,
  information: 3,
  hint: 4,
};

/** One diagnostic per unhealthy explore whose figures are complete. */
export function usageDiagnostics(
  health: ProjectHealth,
  severity: DiagnosticSeverityName,
): UsageDiagnostic[] {
  if (severity === "off") return [];
  return health.explores
    .filter((e) => !e.healthy && e.figures.complete)
    .map((e) => ({
      uri: e.explore.uri,
      range: e.explore.range,
      severity: SEVERITY[severity],
      message:
        `Explore "${e.explore.name}" ran ${formatCount(e.figures.runs30)} ` +
        `${e.figures.runs30 === 1 ? "query" : "queries"} in the last 30 days, ` +
        `below the healthy threshold of ${formatCount(health.threshold)}.`,
      source: "Analytics Ops",
      code: "explore-usage-low",
    }));
}

/** `Explores 72 % healthy (goal 90 %)`, with the age when stale. */
export function statusText(view: UsageView): string {
  const { health } = view;
  const goal = formatPercent(health.goalPercent);
  const base = `Explores ${formatPercent(health.healthyPercent)} healthy (goal ${goal})`;
  if (view.staleReason === undefined) return base;
  return `${base} · ${formatAge(new Date(health.fetchedAt), view.now)} old`;
}

/** The status bar tooltip: counts, freshness and anything incomplete. */
export function statusTooltip(view: UsageView): string {
  const { health } = view;
  const lines = [
    `${health.healthyCount} of ${health.explores.length} explores had at least ` +
      `${formatCount(health.threshold)} queries in the last 30 days.`,
    fetchedText(view) + ".",
  ];
  if (view.staleReason !== undefined) lines.push(`Stale: ${view.staleReason}`);
  if (!health.complete) lines.push("The answer reached the row limit: some figures are unknown.");
  if (health.missingModels.length > 0) {
    lines.push(`Models not found on Looker: ${health.missingModels.join(", ")}.`);
  }
  return lines.join("\n");
}

/** One line of the report table. */
export interface ReportRow {
  model: string;
  explore: string;
  uri: string;
  line: number;
  runs30: number;
  runsPrevious30?: number;
  healthy: boolean;
  complete: boolean;
  trend: string;
}

/** The report's explores: unhealthy ones first, each group by usage, most used first. */
export function reportRows(health: ProjectHealth): ReportRow[] {
  const rows = health.explores.map((e) => toReportRow(e));
  return rows.sort(
    (a, b) =>
      Number(a.healthy) - Number(b.healthy) ||
      b.runs30 - a.runs30 ||
      a.model.localeCompare(b.model) ||
      a.explore.localeCompare(b.explore),
  );
}

function toReportRow(e: ExploreHealth): ReportRow {
  const row: ReportRow = {
    model: e.explore.model,
    explore: e.explore.name,
    uri: e.explore.uri,
    line: e.explore.range.start.line,
    runs30: e.figures.runs30,
    healthy: e.healthy,
    complete: e.figures.complete,
    trend: trendText(e.figures),
  };
  if (e.figures.runsPrevious30 !== undefined) row.runsPrevious30 = e.figures.runsPrevious30;
  return row;
}
