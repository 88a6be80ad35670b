/**
 * `analytics-ops check DIR`: the language server's diagnostics over a LookML folder (and the
 * dbt project beside it, if one is found), printed as `file:line:col severity message [code]`.
 * Exits 1 when any error is found, 0 otherwise.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { findDbtProjects } from "../dbt";
import type { SeverityName, SeverityOverrides } from "../diagnostics/codes";
import { isDiagnosticCode, severityOf } from "../diagnostics/codes";
import { findingsOf } from "../diagnostics/engine";
import type { Finding } from "../diagnostics/finding";
import type { DbtProjectState } from "../workspace/dbtProjects";
import { nodeFileSystem } from "../workspace/fileSystem";
import { catalogProblems } from "../workspace/viewDrift";
import { WorkspaceIndex } from "../workspace/workspaceIndex";
import type { CliCommand, CliIo } from "./command";
import { UserError } from "./command";

const USAGE = `Usage: analytics-ops check DIR [--dbt DIR] [--target DIR] [--severity CODE=LEVEL]

Checks the LookML project(s) under DIR as the language server does and prints each problem as
file:line:col severity message [code]. The dbt project under DIR, or beside it, is used for
drift checks; --dbt names one explicitly. --severity changes a code's level (error, warning,
information, hint, off) and may be repeated. Exits 1 when an error is found.
`;

/** The `check` subcommand. */
export const checkCommand: CliCommand = async (args, io) => {
  const options = parseOptions(args, io);
  if (options === undefined) {
    io.out(USAGE);
    return 0;
  }

  const dbtDirs = options.dbt.length > 0 ? options.dbt : await nearbyDbtProjects(options.dir);
  const index = new WorkspaceIndex({
    fs: nodeFileSystem,
    roots: [options.dir],
    dbtProjects: dbtDirs,
    target: { env: io.env, targetPath: () => options.target },
  });
  index.load();
  if (index.filePaths().length === 0) throw new UserError(`no LookML files under ${options.dir}`);

  reportDbt(index.dbtProjects(), io);
  reportCatalogs(index, io);
  return printFindings(index, options, io);
};

interface CheckOptions {
  cwd: string;
  dir: string;
  dbt: string[];
  target: string | undefined;
  severities: SeverityOverrides;
}

function parseOptions(args: string[], io: CliIo): CheckOptions | undefined {
  const { values, positionals } = parseArgsOrThrow(args);
  if (values.help === true) return undefined;
  if (positionals.length > 1)
    throw new UserError(`check takes one folder, got ${positionals.length}.\n${USAGE}`);

  const dir = path.resolve(io.cwd, positionals[0] ?? ".");
  requireFolder(dir, "LookML folder");
  const dbt = (values.dbt ?? []).map((d) => path.resolve(io.cwd, d));
  for (const d of dbt) requireFolder(d, "dbt project folder");
  return {
    cwd: io.cwd,
    dir,
    dbt,
    target: values.target,
    severities: parseSeverities(values.severity ?? []),
  };
}

function parseArgsOrThrow(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        dbt: { type: "string", multiple: true },
        target: { type: "string" },
        severity: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error: unknown) {
    throw new UserError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

function requireFolder(dir: string, what: string): void {
  let isDir = false;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    throw new UserError(`${what} ${dir} does not exist`);
  }
  if (!isDir) throw new UserError(`${what} ${dir} is not a folder`);
}

const LEVELS = new Set<SeverityName>(["error", "warning", "information", "hint", "off"]);

function parseSeverities(items: string[]): SeverityOverrides {
  const overrides: Record<string, SeverityName> = {};
  for (const item of items) {
    const [code = "", level = ""] = item.split("=");
    if (!isDiagnosticCode(code)) throw new UserError(`--severity ${item}: unknown code "${code}"`);
    if (!LEVELS.has(level as SeverityName)) {
      throw new UserError(
        `--severity ${item}: level must be error, warning, information, hint or off`,
      );
    }
    overrides[code] = level as SeverityName;
  }
  return overrides;
}

// The dbt project inside the LookML folder, or else in a folder beside it (a repository with
// `dbt/` and `lookml/` side by side).
async function nearbyDbtProjects(dir: string): Promise<string[]> {
  const inside = await findDbtProjects(dir);
  if (inside.length > 0) return [];
  return findDbtProjects(path.dirname(dir), 1);
}

function reportDbt(states: readonly DbtProjectState[], io: CliIo): void {
  for (const state of states) {
    const status = state.status;
    if (status.kind === "loaded") continue;
    const reason =
      status.kind === "error"
        ? status.message
        : status.kind === "waiting"
          ? status.reason
          : "it is missing";
    io.err(
      `note: dbt project ${state.dir}: cannot read ${status.manifest} (${reason}); drift checks against dbt are skipped. Run \`dbt parse\` to write it.\n`,
    );
  }
}

// Once per catalog, rather than on every view whose types went unchecked.
function reportCatalogs(index: WorkspaceIndex, io: CliIo): void {
  for (const [file, problem] of catalogProblems(index)) {
    io.err(
      `note: ${file} ${problem}; column types of generated views are not compared, only columns added or removed. Run \`dbt docs generate\` to write it.\n`,
    );
  }
}

function printFindings(index: WorkspaceIndex, options: CheckOptions, io: CliIo): number {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  let files = 0;
  for (const file of index.filePaths()) {
    const lines = findingsOf(index, file).flatMap((f) => formatFinding(file, f, options, counts));
    if (lines.length > 0) files += 1;
    for (const line of lines) io.out(`${line}\n`);
  }

  const total = counts.error + counts.warning + counts.information + counts.hint;
  const summary =
    total === 0
      ? `No problems in ${index.filePaths().length} LookML files.`
      : `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.information + counts.hint, "note")} in ${plural(files, "file")}.`;
  io.out(`${summary}\n`);
  return counts.error > 0 ? 1 : 0;
}

function formatFinding(
  file: string,
  f: Finding,
  options: CheckOptions,
  counts: Record<Exclude<SeverityName, "off">, number>,
): string[] {
  const severity = severityOf(f.code, options.severities);
  if (severity === "off") return [];
  counts[severity] += 1;
  const where = `${path.relative(options.cwd, file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
  return [`${where} ${severity} ${f.message} [${f.code}]`];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
