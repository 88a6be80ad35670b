/**
 * Where a dbt project keeps the files uptime needs: its target folder (where dbt writes
 * run_results.json) and the history folder the archive fills.
 *
 * The history defaults to `<project>/.analytics-ops/run-history/`. dbt reads only the folders
 * its `*-paths` settings name (models, seeds, macros, ...), so it never parses this one, and
 * `dbt clean` (which empties `target/` and `dbt_packages/`) does not delete it.
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { UserError } from "../cli/command";
import { findDbtProjectUp, readDbtProject, resolveTargetDir } from "../dbt";

/** The history folder, relative to the dbt project, when no setting or flag names another. */
export const defaultHistoryFolder = path.join(".analytics-ops", "run-history");

/** The folders of one dbt project, all absolute. */
export interface RunsPaths {
  projectDir: string;
  targetDir: string;
  historyDir: string;
}

/** What the caller knows; relative folders are taken from the dbt project. */
export interface RunsPathOptions {
  projectDir: string;
  targetDir?: string | undefined;
  historyDir?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

/**
 * Resolves the target folder the way dbt does (flag, then `DBT_TARGET_PATH`, then
 * `target-path` in dbt_project.yml, then `target`) and the history folder.
 */
export async function resolveRunsPaths(options: RunsPathOptions): Promise<RunsPaths> {
  const projectDir = path.resolve(options.projectDir);
  const project = await readDbtProject(projectDir);
  const target = resolveTargetDir(projectDir, {
    explicit: options.targetDir,
    env: options.env,
    project,
  });
  const history = nonEmpty(options.historyDir) ?? defaultHistoryFolder;
  return { projectDir, targetDir: target.dir, historyDir: path.resolve(projectDir, history) };
}

/**
 * The dbt project folder: `--project` resolved from `cwd` when given (a UserError if it is
 * not an existing folder), else the nearest folder at or above `cwd` holding dbt_project.yml.
 */
export async function projectFolder(given: string | undefined, cwd: string): Promise<string> {
  if (given === undefined) return findDbtProject(cwd);
  const dir = path.resolve(cwd, given);
  const stat = await fs.stat(dir).catch(() => undefined);
  if (stat === undefined) throw new UserError(`project folder ${dir} does not exist`);
  if (!stat.isDirectory()) throw new UserError(`project folder ${dir} is not a folder`);
  return dir;
}

/** The nearest folder at or above `start` holding dbt_project.yml; a UserError if none. */
export async function findDbtProject(start: string): Promise<string> {
  const dir = await findDbtProjectUp(start);
  if (dir === undefined) {
    throw new UserError(`no dbt_project.yml in ${start} or above; pass --project DIR`);
  }
  return dir;
}

/**
 * Each model's upstream sources, from `manifest.json` in the target folder, so a model's row can
 * show the freshness of what it reads. Empty when there is no manifest or it cannot be read.
 */
export async function readUpstreamSources(targetDir: string): Promise<Map<string, string[]>> {
  const upstream = new Map<string, string[]>();
  const text = await fs.readFile(path.join(targetDir, "manifest.json"), "utf8").catch(() => "");
  const nodes = parseNodes(text);
  for (const [id, node] of Object.entries(nodes)) {
    const sources = dependsOn(node).filter((dep) => dep.startsWith("source."));
    if (sources.length > 0) upstream.set(id, sources);
  }
  return upstream;
}

function parseNodes(text: string): Record<string, unknown> {
  if (text === "") return {};
  try {
    const manifest: unknown = JSON.parse(text);
    if (!isObject(manifest)) return {};
    const nodes = manifest["nodes"];
    return isObject(nodes) ? nodes : {};
  } catch {
    // A manifest being rewritten by dbt; freshness per model is left out this time.
    return {};
  }
}

function dependsOn(node: unknown): string[] {
  if (!isObject(node)) return [];
  const deps = node["depends_on"];
  if (!isObject(deps)) return [];
  const list = deps["nodes"];
  return Array.isArray(list) ? list.filter((dep): dep is string => typeof dep === "string") : [];
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
