/** Small text formatters shared by the inline figures, hovers, status and report. */

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** `1234` → `1,234`. */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** `72` → `72 %`, `66.7` → `66.7 %`. */
export function formatPercent(value: number): string {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} %`;
}

/** Seconds as `850 ms`, `2.4 s` or `3 min 5 s`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** How long ago `then` was, in the largest whole unit: `5 minutes`, `3 hours`, `2 days`. */
export function formatAge(then: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 60_000));
  if (minutes < 1) return "less than a minute";
  if (minutes < 60) return plural(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, "hour");
  return plural(Math.floor(hours / 24), "day");
}

/** An ISO time as `2025-03-31 10:00 UTC`. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}
