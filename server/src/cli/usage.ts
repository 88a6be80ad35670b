/**
 * `analytics-ops usage`: prints each explore's queries in the last 30 days with its health
 * and the project figure, from Looker System Activity or a snapshot file. Exits 0 when the
 * project meets its goal, 1 when it is under it (so CI can gate on it), 2 when the figures
 * could not be had.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { findExplores } from "../looker/explores";
import { formatCount, formatPercent, formatUtc } from "../looker/format";
import { reportRows } from "../looker/present";
import { UsageService } from "../looker/service";
import { DEFAULT_SOURCES, readLookerSettings, readUsageSettings } from "../looker/settings";
import { snapshotAgeNote } from "../looker/snapshot";
import type { ProjectHealth } from "../looker/types";
import type { CliCommand, CliIo } from "./command";

const HELP = `Usage: analytics-ops usage [options]

Explore query counts over the last 30 days and their health, from Looker System Activity.

  --lookml DIR        LookML project folder (default: the current folder)
  --snapshot FILE     read a usage snapshot (JSON or System Activity CSV) instead of Looker
  --json              print JSON
  --threshold N       queries in 30 days for an explore to be healthy (default 50)
  --goal G            per cent of explores that should be healthy (default 90)
  --base-url URL      Looker URL (default: LOOKERSDK_BASE_URL or looker.ini)
  --ini FILE          looker.ini to read (default: DIR/looker.ini)
  --section NAME      section of looker.ini (default: the first)
  --ca-file FILE      extra certificate authority (PEM) to trust
  --timeout S         seconds to wait for each Looker answer (default 60)
  --sources LIST      history.source values counted, comma-separated
  --row-limit N       row limit of the System Activity query (default 50000)

The API key comes from LOOKERSDK_CLIENT_ID and LOOKERSDK_CLIENT_SECRET, or client_id and
client_secret in looker.ini. Exit status: 0 goal met, 1 under the goal, 2 no figures.
`;

const OPTIONS = {
  lookml: { type: "string" },
  snapshot: { type: "string" },
  json: { type: "boolean" },
  threshold: { type: "string" },
  goal: { type: "string" },
  "base-url": { type: "string" },
  ini: { type: "string" },
  section: { type: "string" },
  "ca-file": { type: "string" },
  timeout: { type: "string" },
  sources: { type: "string" },
  "row-limit": { type: "string" },
  help: { type: "boolean" },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>["values"];

/** The `usage` subcommand. */
export const usageCommand: CliCommand = async (args, io) => {
  let values: Values;
  try {
    values = parseArgs({ args, options: OPTIONS, allowPositionals: false }).values;
    if (values.help === true) {
      io.out(HELP);
      return 0;
    }
    checkNumbers(values);
  } catch (error: unknown) {
    io.err(`analytics-ops usage: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  return run(values, io);
};

async function run(values: Values, io: CliIo): Promise<number> {
  const dir = path.resolve(io.cwd, values.lookml ?? ".");
  if (!fs.existsSync(dir)) {
    io.err(`analytics-ops usage: the LookML folder ${dir} does not exist.\n`);
    return 2;
  }
  const service = makeService(values, io, dir);
  service.setExplores(await findExplores(dir));

  const status = await service.refresh();
  const view = service.view();
  await service.dispose();
  if (status.kind === "failed" || view === undefined) {
    io.err(
      `analytics-ops usage: ${status.kind === "failed" ? status.fault.message : "no figures"}\n`,
    );
    return 2;
  }
  io.out(
    values.json === true
      ? `${JSON.stringify(toJson(view.health), null, 2)}\n`
      : toText(view.health),
  );
  noteSnapshotAge(values, view.health, io);
  return view.health.meetsGoal ? 0 : 1;
}

function noteSnapshotAge(values: Values, health: ProjectHealth, io: CliIo): void {
  if (values.snapshot === undefined || health.origin !== "snapshot") return;
  const file = path.resolve(io.cwd, values.snapshot);
  const note = snapshotAgeNote(file, health.fetchedAt, io.now());
  if (note !== undefined) io.err(`${note}\n`);
}

function makeService(values: Values, io: CliIo, dir: string): UsageService {
  const service = new UsageService({
    log: () => undefined,
    now: io.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    env: io.env,
    readText: (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined),
    modified: (file) => (fs.existsSync(file) ? fs.statSync(file).mtime : undefined),
    keyFromEnvironment: true,
  });
  const usage = readUsageSettings({
    healthyThreshold: numberOf(values.threshold),
    goalPercent: numberOf(values.goal),
    sources: values.sources?.split(",") ?? [...DEFAULT_SOURCES],
    rowLimit: numberOf(values["row-limit"]),
    snapshotFile: values.snapshot === undefined ? "" : path.resolve(io.cwd, values.snapshot),
  });
  const looker = readLookerSettings({
    baseUrl: values["base-url"],
    iniFile: values.ini === undefined ? "" : path.resolve(io.cwd, values.ini),
    iniSection: values.section,
    caFile: values["ca-file"] === undefined ? "" : path.resolve(io.cwd, values["ca-file"]),
    timeoutSeconds: numberOf(values.timeout ?? io.env["LOOKERSDK_TIMEOUT"]),
  });
  service.configure(usage, looker, dir);
  return service;
}

function checkNumbers(values: Values): void {
  const numeric = ["threshold", "goal", "timeout", "row-limit"] as const;
  for (const name of numeric) {
    const raw = values[name];
    if (raw !== undefined && !(Number(raw) >= 0))
      throw new Error(`--${name} must be a number, not "${raw}"`);
  }
}

function numberOf(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : Number(raw);
}

function toText(health: ProjectHealth): string {
  const rows = reportRows(health);
  const width = Math.max(10, ...rows.map((r) => r.model.length + r.explore.length + 1));
  const lines = rows.map((r) => {
    const count = `${r.complete ? "" : "≥ "}${formatCount(r.runs30)}`.padStart(9);
    const verdict = r.healthy
      ? "healthy"
      : r.complete
        ? `below ${formatCount(health.threshold)}`
        : "incomplete";
    return `  ${`${r.model}.${r.explore}`.padEnd(width)} ${count}  ${verdict}`;
  });
  const from = health.origin === "snapshot" ? "a snapshot file" : "Looker System Activity";
  const out = [
    `Explore queries in the last 30 days (${from}, fetched ${formatUtc(health.fetchedAt)}):`,
    ...lines,
  ];
  if (health.orphans.length > 0) {
    const list = health.orphans
      .map((o) => `${o.model}.${o.explore} (${formatCount(o.runs30)})`)
      .join(", ");
    out.push(`Queried but not in the LookML, not counted: ${list}`);
  }
  if (!health.complete)
    out.push("The answer reached the row limit: some figures are unknown (raise --row-limit).");
  if (health.missingModels.length > 0)
    out.push(`Models not found on Looker: ${health.missingModels.join(", ")}`);
  const verdict = health.meetsGoal ? "meets the goal" : "under the goal";
  const goal = formatPercent(health.goalPercent);
  out.push(
    `Explores ${formatPercent(health.healthyPercent)} healthy (goal ${goal}): ` +
      `${health.healthyCount} of ${health.explores.length}, ${verdict}.`,
  );
  return `${out.join("\n")}\n`;
}

function toJson(health: ProjectHealth): unknown {
  return {
    fetchedAt: health.fetchedAt,
    origin: health.origin,
    threshold: health.threshold,
    goalPercent: health.goalPercent,
    healthyCount: health.healthyCount,
    exploreCount: health.explores.length,
    healthyPercent: health.healthyPercent,
    meetsGoal: health.meetsGoal,
    complete: health.complete,
    missingModels: health.missingModels,
    explores: health.explores.map((e) => ({
      model: e.explore.model,
      explore: e.explore.name,
      uri: e.explore.uri,
      line: e.explore.range.start.line + 1,
      healthy: e.healthy,
      ...e.figures,
    })),
    orphans: health.orphans,
  };
}
