/**
 * `analytics-ops bugs`: the bug report over the team's ledger for a window (default the last
 * 3 months), and `bugs list`, `bugs open`, `bugs close` to keep the ledger from a terminal.
 */
import * as path from "node:path";
import { closeBug, defaultLedgerPath, openBug, readLedger, type Ledger } from "../bugs/ledger";
import { resolveLedgerPath } from "../bugs/location";
import { computeBugMetrics } from "../bugs/metrics";
import { defaultCategories, parseRootCause, rootCauseLabel, rootCauses } from "../bugs/record";
import { bugMetricsHtml, bugMetricsJson, bugMetricsTable } from "../bugs/report";
import { currentUser } from "../bugs/who";
import { parseCommandArgs, stringFlag } from "../runs/cliArgs";
import { parseWindow } from "../runs/window";
import type { CliCommand, CliIo } from "./command";
import { UserError } from "./command";

const usage = `Usage:
  analytics-ops bugs [--json | --html] [--since 3m]   the report (windows: 90d, 12w, 3m, 2025-01-31)
  analytics-ops bugs list [--all]                     open bugs (--all: closed ones too)
  analytics-ops bugs open --title T --category C --root-cause R
                          [--file F] [--line N] [--explore E] [--view V] [--model M]
  analytics-ops bugs close ID
Categories: ${defaultCategories.join(", ")}, or the team's own (filed with a note).
Every form takes --ledger FILE (default: ${defaultLedgerPath} in the repository root).
Root causes: ${rootCauses.map((c) => rootCauseLabel(c)).join(", ")}.
`;

const options = {
  ledger: { type: "string" },
  since: { type: "string" },
  json: { type: "boolean" },
  html: { type: "boolean" },
  all: { type: "boolean" },
  title: { type: "string" },
  category: { type: "string" },
  "root-cause": { type: "string" },
  file: { type: "string" },
  line: { type: "string" },
  explore: { type: "string" },
  view: { type: "string" },
  model: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = Record<string, string | boolean | undefined>;

/** The `bugs` subcommand. */
export const bugsCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, options, usage);
  if (values["help"] === true) {
    io.out(usage);
    return 0;
  }
  const file = await ledgerPath(values, io.cwd);
  const [action, ...rest] = positionals;
  switch (action) {
    case undefined:
      return report(file, values, io);
    case "list":
      return list(file, values, io);
    case "open":
      return open(file, values, io);
    case "close":
      return close(file, rest, io);
    default:
      throw new UserError(`unknown action "${action}"\n${usage}`);
  }
};

async function report(file: string, values: Values, io: CliIo): Promise<number> {
  const sinceText = stringFlag(values, "since") ?? "3m";
  const window = parseWindow(sinceText);
  if (window === undefined) {
    throw new UserError(
      `--since "${sinceText}" is not a window such as 90d, 12w, 3m or 2025-01-31`,
    );
  }
  const ledger = await readAndWarn(file, io);
  const now = io.now();
  const metrics = computeBugMetrics(ledger.bugs, { now, window });
  const open = ledger.bugs.filter((bug) => bug.closedAt === undefined);
  if (values["json"] === true) io.out(bugMetricsJson(metrics));
  else if (values["html"] === true) io.out(bugMetricsHtml(metrics, file, open));
  else io.out(bugMetricsTable(metrics, file));
  return 0;
}

async function list(file: string, values: Values, io: CliIo): Promise<number> {
  const ledger = await readAndWarn(file, io);
  const shown =
    values["all"] === true ? ledger.bugs : ledger.bugs.filter((b) => b.closedAt === undefined);
  for (const bug of shown) {
    const state =
      bug.closedAt === undefined ? "open" : `closed ${bug.closedAt.toISOString().slice(0, 10)}`;
    const where = [bug.explore, bug.view, bug.model].filter((x) => x !== undefined).join("/");
    const suffix = where === "" ? "" : `  [${where}]`;
    io.out(
      `${bug.id}  ${state}  ${rootCauseLabel(bug.rootCause)}  ${bug.category}  ` +
        `${bug.title}${suffix}\n`,
    );
  }
  if (shown.length === 0) io.out(values["all"] === true ? "No bugs.\n" : "No open bugs.\n");
  return 0;
}

async function open(file: string, values: Values, io: CliIo): Promise<number> {
  const title = required(values, "title");
  const category = required(values, "category");
  const causeText = required(values, "root-cause");
  const rootCause = parseRootCause(causeText);
  if (rootCause === undefined) {
    const known = rootCauses.map((c) => rootCauseLabel(c)).join(", ");
    throw new UserError(`--root-cause "${causeText}" is not one of: ${known}`);
  }
  const bug = await openBug(
    file,
    { title, category, rootCause, ...context(values) },
    await currentUser(io.cwd),
    io.now(),
  );
  io.out(`opened ${bug.id} in ${file}\n`);
  io.err(categoryNote(category));
  return 0;
}

/** Teams keep their own category lists: another category is filed, noted in case of a typo. */
function categoryNote(category: string): string {
  if (defaultCategories.includes(category)) return "";
  const known = defaultCategories.map((c) => `"${c}"`).join(", ");
  return (
    `note: category "${category}" is not one of the default categories (${known}); ` +
    "filed as given\n"
  );
}

async function close(file: string, ids: string[], io: CliIo): Promise<number> {
  const [id] = ids;
  if (id === undefined || ids.length > 1) throw new UserError(`name one bug id to close\n${usage}`);
  const bug = await closeBug(file, id, await currentUser(io.cwd), io.now());
  io.out(`closed ${bug.id} (${bug.title})\n`);
  return 0;
}

function context(values: Values): {
  file?: string;
  line?: number;
  explore?: string;
  view?: string;
  model?: string;
} {
  const found: { file?: string; line?: number; explore?: string; view?: string; model?: string } =
    {};
  for (const key of ["file", "explore", "view", "model"] as const) {
    const value = stringFlag(values, key);
    if (value !== undefined) found[key] = key === "file" ? value.replace(/\\/g, "/") : value;
  }
  const line = stringFlag(values, "line");
  if (line !== undefined) {
    if (!/^[1-9]\d*$/.test(line)) throw new UserError(`--line "${line}" is not a line number`);
    found.line = Number(line);
  }
  return found;
}

function required(values: Values, name: string): string {
  const value = stringFlag(values, name)?.trim();
  if (value === undefined || value === "") throw new UserError(`--${name} is required\n${usage}`);
  return value;
}

async function readAndWarn(file: string, io: CliIo): Promise<Ledger> {
  const ledger = await readLedger(file);
  if (!ledger.exists) io.err(`No bug ledger at ${file} yet: no bug has been filed.\n`);
  for (const problem of ledger.problems) io.err(`${problem}\n`);
  return ledger;
}

/** `--ledger`, else the default path under the repository root (the folder holding .git). */
async function ledgerPath(values: Values, cwd: string): Promise<string> {
  const given = stringFlag(values, "ledger");
  if (given !== undefined) return path.resolve(cwd, given);
  return (await resolveLedgerPath(cwd)).file;
}
