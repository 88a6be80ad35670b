/**
 * `analytics-ops uptime`: each table's uptime over the archived dbt runs, lowest first, as a
 * table, JSON or HTML; with `--fail-under` it exits non-zero when a table is below that share.
 */
import { parseCommandArgs, stringFlag } from "../runs/cliArgs";
import { uptimeHtml, uptimeJson, uptimeTable, formatPercent } from "../runs/format";
import { readHistory } from "../runs/history";
import {
  projectFolder,
  readUpstreamSources,
  resolveRunsPaths,
  type RunsPaths,
} from "../runs/project";
import { computeUptime, type UptimeReport } from "../runs/uptime";
import { parseWindow, type TimeWindow } from "../runs/window";
import type { CliCommand, CliIo } from "./command";
import { UserError } from "./command";

const usage = `Usage: analytics-ops uptime [--project DIR] [--json | --html] [--window 30d]
                            [--fail-under PCT] [--target DIR] [--history DIR]
  --window W        30d, 12w, 3m, 1y or a start date 2025-01-31 (default 30d)
  --fail-under PCT  exit 1 when a table's uptime is below PCT percent (e.g. 95)
Exits 2 for a bad argument or when there is no run history to report on.
  --json, --html    print the report as JSON or as an HTML page instead of a table
`;

const options = {
  project: { type: "string" },
  target: { type: "string" },
  history: { type: "string" },
  window: { type: "string" },
  "fail-under": { type: "string" },
  json: { type: "boolean" },
  html: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = Record<string, string | boolean | undefined>;

/** What the command line asks for, every argument checked. */
interface UptimeRequest {
  window: TimeWindow;
  /** Percent, 0 to 100; undefined without `--fail-under`. */
  threshold: number | undefined;
  paths: RunsPaths;
}

/**
 * The `uptime` subcommand. Exits 0, 1 when a table is below `--fail-under`, and 2 for a bad
 * argument or a report that cannot be made; arguments are all checked before any work.
 */
export const uptimeCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, options, usage);
  if (values["help"] === true) {
    io.out(usage);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UserError(`unexpected "${positionals.join(" ")}"\n${usage}`);
  }

  const request = await readRequest(values, io);
  const report = await buildReport(request, io);
  io.out(format(report, values));
  return checkThreshold(report, request.threshold, io);
};

async function readRequest(values: Values, io: CliIo): Promise<UptimeRequest> {
  const window = readWindow(stringFlag(values, "window") ?? "30d", io.now());
  const threshold = readThreshold(stringFlag(values, "fail-under"));
  const projectDir = await projectFolder(stringFlag(values, "project"), io.cwd);
  const paths = await resolveRunsPaths({
    projectDir,
    targetDir: stringFlag(values, "target"),
    historyDir: stringFlag(values, "history"),
    env: io.env,
  });
  return { window, threshold, paths };
}

function readWindow(text: string, now: Date): TimeWindow {
  const window = parseWindow(text);
  if (window === undefined) {
    throw new UserError(`--window "${text}" is not a window such as 30d, 12w, 3m or 2025-01-31`);
  }
  if (window.start(now) > now) throw new UserError(`--window "${text}" starts in the future`);
  return window;
}

function readThreshold(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const threshold = Number(text.replace(/%$/, ""));
  if (text.trim() === "" || !Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
    throw new UserError(`--fail-under "${text}" is not a percentage between 0 and 100`);
  }
  return threshold;
}

async function buildReport(request: UptimeRequest, io: CliIo): Promise<UptimeReport> {
  const { historyDir, targetDir } = request.paths;
  const history = await readHistory(historyDir);
  if (!history.exists) {
    throw new UserError(
      `no run history in ${historyDir} yet; run \`analytics-ops runs archive\` after each dbt run`,
    );
  }
  const upstream = await readUpstreamSources(targetDir);
  return computeUptime(history, {
    now: io.now(),
    window: request.window,
    upstreamSources: (id) => upstream.get(id) ?? [],
  });
}

function format(report: UptimeReport, values: Values): string {
  if (values["json"] === true) return uptimeJson(report);
  return values["html"] === true ? uptimeHtml(report) : uptimeTable(report);
}

function checkThreshold(report: UptimeReport, threshold: number | undefined, io: CliIo): number {
  if (threshold === undefined) return 0;
  const below = report.models.filter((m) => m.uptime !== undefined && m.uptime * 100 < threshold);
  for (const model of below) {
    io.err(
      `${model.name}: ${formatPercent(model.uptime ?? 0)} uptime is below ${String(threshold)} %\n`,
    );
  }
  return below.length > 0 ? 1 : 0;
}
