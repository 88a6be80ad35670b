/**
 * `analytics-ops uptime`: each table's uptime over the archived dbt runs, lowest first, as a
 * table, JSON or HTML; with `--fail-under` it exits non-zero when a table is below that share.
 */
import { parseCommandArgs, stringFlag } from "../runs/cliArgs";
import { uptimeHtml, uptimeJson, uptimeTable, formatPercent } from "../runs/format";
import { readHistory } from "../runs/history";
import { findDbtProject, readUpstreamSources, resolveRunsPaths } from "../runs/project";
import { computeUptime, type UptimeReport } from "../runs/uptime";
import { parseWindow } from "../runs/window";
import type { CliCommand, CliIo } from "./command";
import { UserError } from "./command";

const usage = `Usage: analytics-ops uptime [--project DIR] [--json | --html] [--window 30d]
                            [--fail-under PCT] [--target DIR] [--history DIR]
  --window W        30d, 12w, 3m, 1y or a start date 2025-01-31 (default 30d)
  --fail-under PCT  exit 1 when a table's uptime is below PCT percent (e.g. 95)
  --json, --html    print the report as JSON or as an HTML page instead of a table
`;

/** The `uptime` subcommand. */
export const uptimeCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      project: { type: "string" },
      target: { type: "string" },
      history: { type: "string" },
      window: { type: "string" },
      "fail-under": { type: "string" },
      json: { type: "boolean" },
      html: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    usage,
  );
  if (values["help"] === true) {
    io.out(usage);
    return 0;
  }
  if (positionals.length > 0)
    throw new UserError(`unexpected "${positionals.join(" ")}"\n${usage}`);

  const report = await buildReport(values, io);
  io.out(
    values["json"] === true
      ? uptimeJson(report)
      : values["html"] === true
        ? uptimeHtml(report)
        : uptimeTable(report),
  );
  return checkThreshold(report, stringFlag(values, "fail-under"), io);
};

async function buildReport(values: Record<string, unknown>, io: CliIo): Promise<UptimeReport> {
  const windowText = stringFlag(values, "window") ?? "30d";
  const window = parseWindow(windowText);
  if (window === undefined) {
    throw new UserError(
      `--window "${windowText}" is not a window such as 30d, 12w, 3m or 2025-01-31`,
    );
  }
  const projectDir = stringFlag(values, "project") ?? (await findDbtProject(io.cwd));
  const paths = await resolveRunsPaths({
    projectDir,
    targetDir: stringFlag(values, "target"),
    historyDir: stringFlag(values, "history"),
    env: io.env,
  });

  const history = await readHistory(paths.historyDir);
  if (!history.exists) {
    throw new UserError(
      `no run history in ${paths.historyDir} yet; run \`analytics-ops runs archive\` after each dbt run`,
    );
  }
  const upstream = await readUpstreamSources(paths.targetDir);
  return computeUptime(history, {
    now: io.now(),
    window,
    upstreamSources: (id) => upstream.get(id) ?? [],
  });
}

function checkThreshold(report: UptimeReport, text: string | undefined, io: CliIo): number {
  if (text === undefined) return 0;
  const threshold = Number(text.replace(/%$/, ""));
  if (text.trim() === "" || !Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
    throw new UserError(`--fail-under "${text}" is not a percentage between 0 and 100`);
  }
  const below = report.models.filter((m) => m.uptime !== undefined && m.uptime * 100 < threshold);
  for (const model of below) {
    io.err(
      `${model.name}: ${formatPercent(model.uptime ?? 0)} uptime is below ${String(threshold)} %\n`,
    );
  }
  return below.length > 0 ? 1 : 0;
}
