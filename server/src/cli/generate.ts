/**
 * `analytics-ops generate`: the "Generate LookML from dbt" command for terminals and CI.
 */
import path from "node:path";
import { parseArgs } from "node:util";

import { formatSummary, generate, summaryFailed } from "../generate";
import { UserError, type CliCommand } from "./command";

const usage = `Usage: analytics-ops generate [--project DIR] [--target DIR] [--out DIR]
                              [--select SELECTOR ...] [--documented-only] [--dry-run]

Writes one LookML view per dbt model from the project's manifest.json (and catalog.json).

  --project DIR      dbt project folder (default: the current folder)
  --target DIR       folder holding manifest.json, relative to the project (default:
                     DBT_TARGET_PATH, the project's target-path, or target)
  --out DIR          output folder for the views (default: views/generated)
  --select, -s SEL   models to generate: names, globs, tag:<tag>, path:<glob>; repeat it or
                     list several after one --select, as with dbt
  --documented-only  only columns documented in YAML
  --dry-run          report what would be written; write nothing
  --verbose          print progress while working
`;

/** Runs `generate`; exit code 1 when a file was refused or could not be written. */
export const generateCommand: CliCommand = async (args, io) => {
  const { values } = parseOptions(spreadSelect(args));
  if (values.help === true) {
    io.out(usage);
    return 0;
  }

  const resolve = (dir: string): string => path.resolve(io.cwd, dir);
  const summary = await generate({
    dbtProjectDir: resolve(values.project ?? "."),
    // Passed as typed: `generate` takes a relative target from the project, as check does.
    ...(values.target === undefined ? {} : { targetDir: values.target }),
    outDir: resolve(values.out ?? path.join("views", "generated")),
    select: values.select ?? [],
    documentedOnly: values["documented-only"] === true,
    dryRun: values["dry-run"] === true,
    env: io.env,
    ...(values.verbose === true
      ? {
          log: (line: string) => {
            io.err(`${line}\n`);
          },
        }
      : {}),
  });

  io.out(formatSummary(summary, io.cwd));
  return summaryFailed(summary) ? 1 : 0;
};

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        project: { type: "string" },
        target: { type: "string" },
        out: { type: "string" },
        select: { type: "string", short: "s", multiple: true },
        "documented-only": { type: "boolean" },
        "dry-run": { type: "boolean" },
        verbose: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`${message}; run \`analytics-ops generate --help\` for the options`);
  }
}

/**
 * dbt takes `--select a b c`; node's parser takes one value per flag. Words after `--select`
 * up to the next option become one `--select=word` each.
 */
export function spreadSelect(args: readonly string[]): string[] {
  const result: string[] = [];
  let selecting = false;
  for (const arg of args) {
    if (arg === "--select" || arg === "-s") {
      selecting = true;
      continue;
    }
    if (selecting && !arg.startsWith("-")) {
      result.push(`--select=${arg}`);
      continue;
    }
    selecting = false;
    result.push(arg);
  }
  return result;
}
