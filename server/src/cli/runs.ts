/**
 * `analytics-ops runs archive`: copies dbt's latest run_results.json (and sources.json) into the
 * project's run history, so uptime can be computed over many runs. Run it after each dbt command.
 */
import { archiveRunArtifacts } from "../runs/archive";
import { parseCommandArgs, stringFlag } from "../runs/cliArgs";
import { projectFolder, resolveRunsPaths } from "../runs/project";
import type { CliCommand, CliIo } from "./command";
import { UserError } from "./command";

const usage = `Usage: analytics-ops runs archive [--project DIR] [--target DIR] [--history DIR]
  --project DIR   the dbt project (default: the folder holding dbt_project.yml, from here up)
  --target DIR    dbt's target folder (default: DBT_TARGET_PATH, target-path, or target)
  --history DIR   where runs are kept (default: <project>/.analytics-ops/run-history)
Exits 1 when there is no readable run_results.json, 2 for a bad argument.
`;

/** The `runs` subcommand. */
export const runsCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      project: { type: "string" },
      target: { type: "string" },
      history: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    usage,
  );
  if (values["help"] === true) {
    io.out(usage);
    return 0;
  }
  if (positionals[0] !== "archive" || positionals.length > 1) {
    throw new UserError(`expected "archive"\n${usage}`);
  }
  return archive(values, io);
};

async function archive(values: Record<string, unknown>, io: CliIo): Promise<number> {
  const projectDir = await projectFolder(stringFlag(values, "project"), io.cwd);
  const paths = await resolveRunsPaths({
    projectDir,
    targetDir: stringFlag(values, "target"),
    historyDir: stringFlag(values, "history"),
    env: io.env,
  });

  const outcome = await archiveRunArtifacts(paths);
  for (const name of outcome.archived) io.out(`archived ${name}\n`);
  for (const name of outcome.alreadyArchived) io.out(`already archived ${name}\n`);
  for (const problem of outcome.problems) io.err(`${problem}\n`);
  io.out(`history: ${paths.historyDir}\n`);

  // sources.json is optional and may be old; only a missing or broken run_results.json fails.
  const kept = [...outcome.archived, ...outcome.alreadyArchived];
  return kept.some((name) => name.endsWith(".run_results.json")) ? 0 : 1;
}
