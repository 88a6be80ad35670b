/**
 * Uptime of each table built by dbt: among the archived runs in a window that executed a model
 * (or seed, or snapshot), the share in which it succeeded. A pure function of the history and
 * the clock, so tests and the bench call it directly.
 */
import type { FreshnessResults, RunResults, SourceFreshness } from "./artifacts";
import type { History } from "./history";
import { median, type TimeWindow } from "./window";

/** How the figures are taken. */
export interface UptimeOptions {
  now: Date;
  window: TimeWindow;
  /** A model's upstream sources (from the manifest), to report their freshness with it. */
  upstreamSources?: (uniqueId: string) => readonly string[];
}

/** The latest freshness check of one source. */
export interface SourceStatus {
  uniqueId: string;
  /** pass, warn, error or runtime error. */
  status: string;
  checkedAt: Date;
  maxLoadedAt: Date | undefined;
  ageSeconds: number | undefined;
  error: string | undefined;
}

/** One table's figures. */
export interface ModelUptime {
  uniqueId: string;
  resourceType: string;
  /** The model's name (`orders`), without package or version. */
  name: string;
  /** The version of a versioned model (`v2`), if any. */
  version: string | undefined;
  /** Runs in the window that executed the table (skipped, no-op and reused do not count). */
  runsCounted: number;
  successes: number;
  /** successes / runsCounted, from 0 to 1; undefined when no run in the window executed it. */
  uptime: number | undefined;
  /** Over the whole history, not only the window. */
  lastSuccess: Date | undefined;
  lastFailure: { at: Date; status: string; message: string | undefined } | undefined;
  /** Median execution time over the counted runs. */
  medianSeconds: number | undefined;
  /** The worst latest freshness among the model's upstream sources. */
  freshness: SourceStatus | undefined;
}

/** The uptime of every table seen in the history. */
export interface UptimeReport {
  historyDir: string;
  now: Date;
  windowText: string;
  windowStart: Date;
  /** Runs in the window whose command executes nodes (run, build, seed, snapshot, ...). */
  runsInWindow: number;
  /** Runs in the window that only compiled (docs generate, compile, ...), by command. */
  runsNotCounted: { command: string; runs: number }[];
  /** Lowest uptime first; tables with no run in the window last. */
  models: ModelUptime[];
  /** Latest freshness of every source, worst first. */
  sources: SourceStatus[];
  /** Files that could not be read, each naming the file. */
  problems: string[];
}

/**
 * dbt commands whose run results mean the node was executed. `docs generate`, `compile`, `show`
 * and the like also write run_results.json with "success" for every node they compiled; counting
 * those would hide failures.
 */
const executingCommands = new Set([
  "run",
  "build",
  "seed",
  "snapshot",
  "test",
  "retry",
  "clone",
  "run-operation",
]);

/** Whether a run's command executes nodes; files without `args.which` are taken as runs. */
export function isExecutingCommand(command: string | undefined): boolean {
  return command === undefined || executingCommands.has(command);
}

/**
 * What a node status means for uptime. `partial success` (a microbatch model with failed
 * batches) leaves the table incomplete, so it counts as a failure; `no-op` and `reused` did not
 * execute anything, like `skipped`.
 */
export function outcomeOf(status: string): "success" | "failure" | "not-executed" {
  switch (status) {
    case "success":
    case "pass":
    case "warn":
      return "success";
    case "error":
    case "fail":
    case "runtime error":
    case "partial success":
      return "failure";
    default:
      return "not-executed";
  }
}

interface Tally {
  uniqueId: string;
  runsCounted: number;
  successes: number;
  seconds: number[];
  lastSuccess: Date | undefined;
  lastFailure: ModelUptime["lastFailure"];
}

/** Computes every table's uptime from a history read by `readHistory`. */
export function computeUptime(history: History, options: UptimeOptions): UptimeReport {
  const windowStart = options.window.start(options.now);
  const tallies = new Map<string, Tally>();
  const notCounted = new Map<string, number>();
  let runsInWindow = 0;

  for (const run of history.runs) {
    if (run.generatedAt > options.now || !isExecutingCommand(run.command)) {
      countSkippedCommand(run, windowStart, options.now, notCounted);
      continue;
    }
    const inWindow = run.generatedAt > windowStart;
    if (inWindow) runsInWindow += 1;
    addRun(run, inWindow, tallies);
  }

  const sources = latestFreshness(history.freshness, options.now);
  const byId = new Map(sources.map((source) => [source.uniqueId, source]));
  const models = [...tallies.values()].map((tally) => finish(tally, options, byId));
  return {
    historyDir: history.historyDir,
    now: options.now,
    windowText: options.window.text,
    windowStart,
    runsInWindow,
    runsNotCounted: [...notCounted].map(([command, runs]) => ({ command, runs })),
    models: models.sort(byUptime),
    sources: sources.sort((a, b) => severity(b.status) - severity(a.status) || compare(a, b)),
    problems: history.problems,
  };
}

function countSkippedCommand(
  run: RunResults,
  windowStart: Date,
  now: Date,
  notCounted: Map<string, number>,
): void {
  if (run.generatedAt <= windowStart || run.generatedAt > now) return;
  const command = run.command ?? "unknown";
  notCounted.set(command, (notCounted.get(command) ?? 0) + 1);
}

function addRun(run: RunResults, inWindow: boolean, tallies: Map<string, Tally>): void {
  for (const node of run.results) {
    const outcome = outcomeOf(node.status);
    let tally = tallies.get(node.uniqueId);
    if (tally === undefined) {
      tally = newTally(node.uniqueId);
      tallies.set(node.uniqueId, tally);
    }
    if (outcome === "not-executed") continue;

    // Runs arrive oldest first, so the last one written wins.
    if (outcome === "success") tally.lastSuccess = run.generatedAt;
    else tally.lastFailure = { at: run.generatedAt, status: node.status, message: node.message };
    if (!inWindow) continue;
    tally.runsCounted += 1;
    if (outcome === "success") tally.successes += 1;
    tally.seconds.push(node.executionSeconds);
  }
}

function newTally(uniqueId: string): Tally {
  return {
    uniqueId,
    runsCounted: 0,
    successes: 0,
    seconds: [],
    lastSuccess: undefined,
    lastFailure: undefined,
  };
}

function finish(
  tally: Tally,
  options: UptimeOptions,
  sources: Map<string, SourceStatus>,
): ModelUptime {
  const [resourceType = "", , name = tally.uniqueId, version] = tally.uniqueId.split(".");
  const upstream = options.upstreamSources?.(tally.uniqueId) ?? [];
  return {
    uniqueId: tally.uniqueId,
    resourceType,
    name,
    version,
    runsCounted: tally.runsCounted,
    successes: tally.successes,
    uptime: tally.runsCounted === 0 ? undefined : tally.successes / tally.runsCounted,
    lastSuccess: tally.lastSuccess,
    lastFailure: tally.lastFailure,
    medianSeconds: median(tally.seconds),
    freshness: worstOf(upstream.flatMap((id) => sources.get(id) ?? [])),
  };
}

/** The latest check of each source at or before `now`. */
function latestFreshness(checks: FreshnessResults[], now: Date): SourceStatus[] {
  const latest = new Map<string, SourceStatus>();
  for (const check of checks) {
    if (check.generatedAt > now) continue;
    for (const source of check.sources) latest.set(source.uniqueId, toStatus(source, check));
  }
  return [...latest.values()];
}

function toStatus(source: SourceFreshness, check: FreshnessResults): SourceStatus {
  return {
    uniqueId: source.uniqueId,
    status: source.status,
    checkedAt: check.generatedAt,
    maxLoadedAt: source.maxLoadedAt,
    ageSeconds: source.ageSeconds,
    error: source.error,
  };
}

function worstOf(statuses: SourceStatus[]): SourceStatus | undefined {
  let worst: SourceStatus | undefined;
  for (const status of statuses) {
    if (worst === undefined || severity(status.status) > severity(worst.status)) worst = status;
  }
  return worst;
}

/** Freshness statuses from fine to worst. */
function severity(status: string): number {
  return ["pass", "warn", "error", "runtime error"].indexOf(status);
}

function byUptime(a: ModelUptime, b: ModelUptime): number {
  const left = a.uptime ?? Number.POSITIVE_INFINITY;
  const right = b.uptime ?? Number.POSITIVE_INFINITY;
  if (left !== right) return left < right ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return compare(a, b);
}

function compare(a: { uniqueId: string }, b: { uniqueId: string }): number {
  return a.uniqueId < b.uniqueId ? -1 : a.uniqueId > b.uniqueId ? 1 : 0;
}
