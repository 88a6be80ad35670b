/**
 * Sums usage rows into the figures of each explore: runs in the last 30 days (today and the
 * 29 days before, as Looker's "30 days" filter means), runs in the 30 days before those,
 * users, the last day with runs and the average runtime.
 */
import { WINDOW_DAYS } from "./query";
import type { ExploreFigures, UsageRow } from "./types";

const DAY_MS = 86_400_000;

/** The key an explore's figures are filed under. */
export function exploreKey(model: string, explore: string): string {
  return `${model}\u0000${explore}`;
}

/** Figures per `exploreKey`, counted as of the UTC day of `asOf`. */
export function figuresByExplore(
  rows: readonly UsageRow[],
  asOf: Date,
): Map<string, ExploreFigures> {
  const groups = new Map<string, UsageRow[]>();
  for (const row of rows) {
    const key = exploreKey(row.model, row.explore);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }

  const today = utcDay(asOf);
  const result = new Map<string, ExploreFigures>();
  for (const [key, group] of groups) result.set(key, sumRows(group, today));
  return result;
}

/** The figures of an explore with no rows at all. */
export function noFigures(complete: boolean): ExploreFigures {
  return { runs30: 0, runsPrevious30: 0, usersBasis: "distinct", users: 0, complete };
}

function sumRows(rows: readonly UsageRow[], today: number): ExploreFigures {
  const dated = rows.every((r) => r.date !== undefined);
  const current = rows.filter((r) => inWindow(r, today, 0));
  const previous = rows.filter((r) => inWindow(r, today, 1));

  const figures: ExploreFigures = {
    runs30: sum(current.map((r) => r.runs)),
    usersBasis: dated || rows.length > 1 ? "busiest-day" : "distinct",
    complete: true,
  };
  if (dated) figures.runsPrevious30 = sum(previous.map((r) => r.runs));

  const users = current.map((r) => r.users).filter((u) => u !== undefined);
  if (users.length > 0) figures.users = Math.max(...users);
  const last = lastRunDate(rows);
  if (last !== undefined) figures.lastRunDate = last;
  const runtime = averageRuntime(current);
  if (runtime !== undefined) figures.averageRuntimeSeconds = runtime;
  return figures;
}

// Undated rows (a snapshot of totals) all belong to the current window.
function inWindow(row: UsageRow, today: number, window: 0 | 1): boolean {
  if (row.date === undefined) return window === 0;
  const age = Math.round((today - Date.parse(`${row.date}T00:00:00Z`)) / DAY_MS);
  return age >= window * WINDOW_DAYS && age < (window + 1) * WINDOW_DAYS;
}

function lastRunDate(rows: readonly UsageRow[]): string | undefined {
  const dates = rows.filter((r) => r.runs > 0 && r.date !== undefined).map((r) => r.date ?? "");
  return dates.length > 0 ? dates.reduce((a, b) => (a > b ? a : b)) : undefined;
}

// Each day's average weighs by that day's runs, so the result is the average per run.
function averageRuntime(rows: readonly UsageRow[]): number | undefined {
  const timed = rows.filter((r) => r.averageRuntime !== undefined && r.runs > 0);
  const runs = sum(timed.map((r) => r.runs));
  if (runs === 0) return undefined;
  return sum(timed.map((r) => (r.averageRuntime ?? 0) * r.runs)) / runs;
}

function utcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
