/**
 * `analytics-ops check DIR`: the language server's diagnostics over a LookML folder (and the
 * dbt project beside it, if one is found), printed as `file:line:col severity message [code]`.
 * Exits 0 when no error is found, 1 when one is, 2 when the check could not be made.
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
drift checks; --dbt names one explicitly, --target its target folder (relative to the dbt
project). --severity changes a code's level (error, warning, information, hint, off) and may
be repeated.

Exit codes: 0 no errors found, 1 errors found, 2 could not check (a --target folder that does
not exist, or a dbt manifest that exists but cannot be read).
`;

/** Exit code when the check could not be made as asked. */
const COULD_NOT_CHECK = 2;

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

  const targetProblem = missingTarget(index.dbtProjects(), options.target);
  if (targetProblem !== undefined) {
    io.err(`error: ${targetProblem}\n`);
    return COULD_NOT_CHECK;
  }

  const unread = reportDbt(index.dbtProjects(), io);
  reportCatalogs(index, io);
  const code = printFindings(index, options, unread, io);
  return unread.length > 0 ? COULD_NOT_CHECK : code;
};

// An explicit --target that is not there is a mistake in the command, not a project that
// has not been built yet: checking without it would pass CI without any drift check.
function missingTarget(
  states: readonly DbtProjectState[],
  target: string | undefined,
): string | undefined {
  if (target === undefined) return undefined;
  if (states.length === 0) return `--target ${target} was given, but no dbt project was found`;
  for (const state of states) {
    const dir = path.dirname(state.manifestFile);
    if (!fs.existsSync(dir)) return `--target ${target}: the folder ${dir} does not exist`;
  }
  return undefined;
}

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

/**
 * Notes a manifest not written yet; reports a manifest that is there but unreadable as an
 * error, since drift was then not checked. Returns those unreadable manifests.
 */
function reportDbt(states: readonly DbtProjectState[], io: CliIo): string[] {
  const unread: string[] = [];
  for (const state of states) {
    const status = state.status;
    if (status.kind === "loaded") continue;
    if (status.kind === "missing") {
      io.err(
        `note: dbt project ${state.dir}: no manifest at ${status.manifest} yet; ` +
          "drift checks against dbt are skipped. Run `dbt parse` to write it.\n",
      );
      continue;
    }
    const reason = status.kind === "error" ? status.message : status.reason;
    const problem = reason.startsWith(`${status.manifest}: `)
      ? reason.slice(status.manifest.length + 2)
      : reason;
    io.err(
      `error: dbt project ${state.dir}: cannot read ${status.manifest}: ${problem}. ` +
        "Drift against dbt was not checked; run `dbt parse` to write it again.\n",
    );
    unread.push(status.manifest);
  }
  return unread;
}

// Once per catalog, rather than on every view whose types went unchecked.
function reportCatalogs(index: WorkspaceIndex, io: CliIo): void {
  for (const [file, problem] of catalogProblems(index)) {
    io.err(
      `note: ${file} ${problem}; column types of generated views are not compared, ` +
        "only columns added or removed. Run `dbt docs generate` to write it.\n",
    );
  }
}

function printFindings(
  index: WorkspaceIndex,
  options: CheckOptions,
  unread: readonly string[],
  io: CliIo,
): number {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  let files = 0;
  for (const file of index.filePaths()) {
    const lines = findingsOf(index, file).flatMap((f) => formatFinding(file, f, options, counts));
    if (lines.length > 0) files += 1;
    for (const line of lines) io.out(`${line}\n`);
  }

  io.out(`${summaryOf(counts, files, index.filePaths().length, unread)}\n`);
  return counts.error > 0 ? 1 : 0;
}

// Never "No problems" when a manifest could not be read: drift was not checked at all.
function summaryOf(
  counts: Record<Exclude<SeverityName, "off">, number>,
  files: number,
  lookmlFiles: number,
  unread: readonly string[],
): string {
  const notes = counts.information + counts.hint;
  const total = counts.error + counts.warning + notes;
  const skipped =
    unread.length === 0
      ? ""
      : `Drift against dbt was not checked: cannot read ${unread.join(", ")}. `;
  if (total === 0) {
    return unread.length === 0
      ? `No problems in ${lookmlFiles} LookML files.`
      : `${skipped}The ${lookmlFiles} LookML files have no other problems.`;
  }
  return (
    `${skipped}${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ` +
    `${plural(notes, "note")} in ${plural(files, "file")}.`
  );
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
  const start = f.range.start;
  const where = `${path.relative(options.cwd, file)}:${start.line + 1}:${start.character + 1}`;
  return [`${where} ${severity} ${f.message} [${f.code}]`];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
