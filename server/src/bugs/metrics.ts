/**
 * Bug figures for a window of time, from the ledger: how many bugs were opened and closed, how
 * long they held the team's attention, and where they came from. A pure function of the bugs
 * and the clock.
 *
 * A bug is "in attention" during the window when it was opened before the window's end and was
 * still open at its start. Its days in attention run from opening to closing, or to now while it
 * is open, whole (not cut at the window's start).
 */
import type { Bug } from "./ledger";
import { rootCauses } from "./record";
import { daysBetween, median, type TimeWindow } from "../runs/window";

/** The clock, the window, and how many explores and views to list. */
export interface BugMetricsOptions {
  now: Date;
  window: TimeWindow;
  top?: number;
}

/** Figures for one group of bugs (one root cause, one category, or all). */
export interface GroupFigures {
  key: string;
  /** Bugs in attention during the window. */
  bugs: number;
  /** Opened within the window. */
  opened: number;
  /** Closed within the window. */
  closed: number;
  /** Still open now. */
  open: number;
  meanDays: number | undefined;
  medianDays: number | undefined;
}

/** The bug report. */
export interface BugMetrics {
  now: Date;
  windowStart: Date;
  windowText: string;
  total: GroupFigures;
  /** Every root cause, in their fixed order, even those with no bug. */
  byRootCause: GroupFigures[];
  /** Categories with at least one bug, most bugs first. */
  byCategory: GroupFigures[];
  topExplores: { name: string; bugs: number }[];
  topViews: { name: string; bugs: number }[];
}

/** Computes the figures for the bugs in attention during the window. */
export function computeBugMetrics(bugs: readonly Bug[], options: BugMetricsOptions): BugMetrics {
  const { now } = options;
  const windowStart = options.window.start(now);
  const inAttention = bugs.filter(
    (bug) => bug.openedAt <= now && (bug.closedAt === undefined || bug.closedAt > windowStart),
  );
  const figures = (key: string, group: readonly Bug[]): GroupFigures =>
    groupFigures(key, group, windowStart, now);

  const categories = [...new Set(inAttention.map((bug) => bug.category))];
  const top = options.top ?? 5;
  return {
    now,
    windowStart,
    windowText: options.window.text,
    total: figures("all", inAttention),
    byRootCause: rootCauses.map((cause) =>
      figures(
        cause,
        inAttention.filter((bug) => bug.rootCause === cause),
      ),
    ),
    byCategory: categories
      .map((category) =>
        figures(
          category,
          inAttention.filter((bug) => bug.category === category),
        ),
      )
      .sort((a, b) => b.bugs - a.bugs || compareText(a.key, b.key)),
    topExplores: mostBugs(inAttention, (bug) => bug.explore, top),
    topViews: mostBugs(inAttention, (bug) => bug.view, top),
  };
}

function groupFigures(key: string, bugs: readonly Bug[], start: Date, now: Date): GroupFigures {
  const within = (at: Date | undefined): boolean => at !== undefined && at > start && at <= now;
  const days = bugs.map((bug) => daysBetween(bug.openedAt, closedOrNow(bug, now)));
  return {
    key,
    bugs: bugs.length,
    opened: bugs.filter((bug) => within(bug.openedAt)).length,
    closed: bugs.filter((bug) => within(bug.closedAt)).length,
    open: bugs.filter((bug) => bug.closedAt === undefined || bug.closedAt > now).length,
    meanDays: days.length === 0 ? undefined : days.reduce((sum, d) => sum + d, 0) / days.length,
    medianDays: median(days),
  };
}

/** A bug closed after `now` (a clock set in the past) was still open then. */
function closedOrNow(bug: Bug, now: Date): Date {
  return bug.closedAt === undefined || bug.closedAt > now ? now : bug.closedAt;
}

function mostBugs(
  bugs: readonly Bug[],
  key: (bug: Bug) => string | undefined,
  top: number,
): { name: string; bugs: number }[] {
  const counts = new Map<string, number>();
  for (const bug of bugs) {
    const name = key(bug);
    if (name !== undefined && name !== "") counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, count]) => ({ name, bugs: count }))
    .sort((a, b) => b.bugs - a.bugs || compareText(a.name, b.name))
    .slice(0, top);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
