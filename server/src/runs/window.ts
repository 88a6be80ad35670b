/**
 * Time windows written the way people type them on a command line or in a setting: `24h`,
 * `30d`, `12w`, `3m` (calendar months), `1y`, or a start date `2025-01-31`.
 */

const dayMs = 86_400_000;

/** A parsed window: the instant it starts, given the instant it ends. */
export interface TimeWindow {
  /** What the user wrote, for messages and reports. */
  text: string;
  /** "in 30 days", "in 3 months", "since 2025-01-31": how a sentence names the window. */
  label: string;
  start: (end: Date) => Date;
}

/**
 * Parses a window such as `24h`, `30d`, `12w`, `3m`, `1y` or `2025-01-31`; undefined when the text
 * is none of these, so the caller can name the setting or flag that holds it.
 */
export function parseWindow(text: string): TimeWindow | undefined {
  const trimmed = text.trim();
  const relative = /^(\d+)\s*(h|d|w|m|mo|y)$/i.exec(trimmed);
  if (relative !== null) return relativeWindow(trimmed, Number(relative[1]), relative[2] ?? "");

  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.exec(trimmed);
  if (date === null) return undefined;
  const at = new Date(trimmed.length === 10 ? `${trimmed}T00:00:00Z` : trimmed);
  // Date rolls a day past the month's end into the next month (2020-02-30 is March 1st).
  if (Number.isNaN(at.getTime()) || !realDay(trimmed)) return undefined;
  return { text: trimmed, label: `since ${trimmed}`, start: () => at };
}

/** Whether the text's `YYYY-MM-DD` names a day that exists in the calendar. */
function realDay(text: string): boolean {
  const [year = 0, month = 0, day = 0] = text.slice(0, 10).split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function relativeWindow(text: string, count: number, unit: string): TimeWindow {
  switch (unit.toLowerCase()) {
    case "h":
      return { text, label: inUnits(count, "hour"), start: (end) => minusDays(end, count / 24) };
    case "d":
      return { text, label: inUnits(count, "day"), start: (end) => minusDays(end, count) };
    case "w":
      return { text, label: inUnits(count, "week"), start: (end) => minusDays(end, 7 * count) };
    case "y":
      return {
        text,
        label: inUnits(count, "year"),
        start: (end) => addUtcMonths(end, -12 * count),
      };
    default:
      return { text, label: inUnits(count, "month"), start: (end) => addUtcMonths(end, -count) };
  }
}

function inUnits(count: number, unit: string): string {
  return `in ${String(count)} ${unit}${count === 1 ? "" : "s"}`;
}

function minusDays(end: Date, days: number): Date {
  return new Date(end.getTime() - days * dayMs);
}

/** Calendar months in UTC; the 31st of a shorter month clamps to its last day. */
export function addUtcMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** Whole and fractional days between two instants. */
export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / dayMs;
}

/** The median of a list of numbers; undefined for an empty list. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/**
 * "2 h ago", "3 days ago", "on 2024-11-02": how long before `now` an instant was, for hovers
 * and tables.
 */
export function ago(at: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (seconds < 90) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days > 45) return `on ${at.toISOString().slice(0, 10)}`;
  return days === 1 ? "1 day ago" : `${days} days ago`;
}
