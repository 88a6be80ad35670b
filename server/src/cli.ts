/**
 * The `analytics-ops` command line: the same code the language server runs, for CI and
 * terminals. Each subcommand lives in `cli/<name>.ts`; this file only dispatches.
 */
import type { CliCommand, CliIo } from "./cli/command";
import { UserError } from "./cli/command";
import { bugsCommand } from "./cli/bugs";
import { checkCommand } from "./cli/check";
import { generateCommand } from "./cli/generate";
import { lspCommand } from "./cli/lsp";
import { runsCommand } from "./cli/runs";
import { uptimeCommand } from "./cli/uptime";
import { usageCommand } from "./cli/usage";

interface Subcommand {
  summary: string;
  command: CliCommand;
}

const subcommands: Record<string, Subcommand> = {
  generate: {
    summary: "generate --project DIR [--target DIR] [--out DIR] [--select ...] [--dry-run]",
    command: generateCommand,
  },
  check: {
    summary: "check DIR                   diagnostics over a LookML folder",
    command: checkCommand,
  },
  usage: {
    summary: "usage [--json]              explore query counts and health",
    command: usageCommand,
  },
  bugs: {
    summary: "bugs [--json] [--since 90d] bug metrics from the team's ledger",
    command: bugsCommand,
  },
  runs: {
    summary: "runs archive [--project DIR] keep the current dbt run results",
    command: runsCommand,
  },
  uptime: {
    summary: "uptime [--project DIR] [--json] [--window 30d] [--fail-under PCT]",
    command: uptimeCommand,
  },
  lsp: {
    summary: "lsp --stdio                 run the language server over stdio",
    command: lspCommand,
  },
};

/**
 * Exit codes of every subcommand: 0 all is well; 1 the run found what it checks for (errors,
 * a failed gate, refused files); 2 it could not run (bad arguments, unreadable input); 3 a
 * fault of ours.
 */
const EXIT_CANNOT_RUN = 2;
const EXIT_INTERNAL = 3;

function usage(): string {
  const lines = Object.values(subcommands).map((s) => `  analytics-ops ${s.summary}`);
  return [
    "Usage:",
    ...lines,
    "",
    "Run a subcommand with --help for its options. Exit codes: 0 all is well, 1 problems found",
    "(errors, a failed gate, refused files), 2 could not run (bad arguments or input).",
    "",
  ].join("\n");
}

/** Runs one command line and returns the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }

  const sub = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (sub === undefined) {
    io.err(`analytics-ops: unknown command "${name}".\n${usage()}`);
    return 2;
  }

  try {
    return await sub.command(rest, io);
  } catch (error: unknown) {
    io.err(`analytics-ops ${name}: ${describeError(error)}\n`);
    return error instanceof UserError ? EXIT_CANNOT_RUN : EXIT_INTERNAL;
  }
}

function describeError(error: unknown): string {
  if (error instanceof UserError) return error.message;
  if (error instanceof Error) return `unexpected error: ${error.message}`;
  return `unexpected error: ${String(error)}`;
}

function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
  };
}

/** Entry point of the bundled CLI (`dist/cli.js`). */
export function main(): void {
  void runCli(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
