/**
 * Finding a dbt project and its artifacts: `dbt_project.yml`, its name and `target-path`, and
 * the target folder dbt writes `manifest.json` and `catalog.json` into.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

import { parse as parseYaml } from "yaml";

import { ArtifactError } from "./errors";
import { describeFsError, objectOf, stringOf, stringsOf } from "./json";

/** The file that marks a dbt project's root. */
export const projectFileName = "dbt_project.yml";

/** What the lookups here need from `dbt_project.yml`. */
export interface DbtProject {
  /** Absolute folder holding `dbt_project.yml`. */
  dir: string;
  file: string;
  name?: string;
  /** `target-path` as written, when it is a plain path (not Jinja). */
  targetPath?: string;
  /** `model-paths` (or the old `source-paths`); `["models"]` when not set. */
  modelPaths: string[];
}

/**
 * Reads `dbt_project.yml` in `dir`. Returns undefined when the folder has none (artifacts may
 * still be there); throws ArtifactError when the file exists but cannot be read or parsed.
 */
export async function readDbtProject(dir: string): Promise<DbtProject | undefined> {
  const file = path.join(dir, projectFileName);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error: unknown) {
    if (isMissing(error)) return undefined;
    throw new ArtifactError(file, `cannot read the dbt project file: ${describeFsError(error)}`);
  }
  return parseDbtProject(text, dir, file);
}

/** Parses the text of a `dbt_project.yml`; bad YAML becomes an ArtifactError naming the file. */
export function parseDbtProject(text: string, dir: string, file: string): DbtProject {
  let raw: unknown;
  try {
    raw = parseYaml(text) as unknown;
  } catch (error: unknown) {
    const reason = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    throw new ArtifactError(file, `the dbt project file is not valid YAML (${reason})`);
  }

  const yaml = objectOf(raw);
  const project: DbtProject = { dir: path.resolve(dir), file, modelPaths: modelPathsOf(yaml) };
  const name = stringOf(yaml["name"]);
  const targetPath = stringOf(yaml["target-path"]);
  if (name !== undefined) project.name = name;
  if (targetPath !== undefined && !targetPath.includes("{{")) project.targetPath = targetPath;
  return project;
}

function modelPathsOf(yaml: Readonly<Record<string, unknown>>): string[] {
  const paths = stringsOf(yaml["model-paths"] ?? yaml["source-paths"]);
  return paths.length > 0 ? paths : ["models"];
}

/** Where a target folder setting came from, for messages. */
export type TargetSource = "explicit" | "DBT_TARGET_PATH" | "dbt_project.yml" | "default";

/** Inputs to the target folder choice; all optional. */
export interface TargetOptions {
  /** A folder the user named (`--target`, a setting); relative to the project. */
  explicit?: string | undefined;
  /** The environment to read `DBT_TARGET_PATH` from. */
  env?: NodeJS.ProcessEnv | undefined;
  project?: DbtProject | undefined;
}

/**
 * The folder dbt writes artifacts into, with dbt's precedence: an explicit folder, then
 * `DBT_TARGET_PATH`, then `target-path` from `dbt_project.yml`, then `target`. Relative paths
 * are taken from the project folder, as dbt does.
 */
export function resolveTargetDir(
  projectDir: string,
  options: TargetOptions = {},
): { dir: string; source: TargetSource } {
  const fromEnv = options.env?.["DBT_TARGET_PATH"];
  const candidates: [string | undefined, TargetSource][] = [
    [options.explicit, "explicit"],
    [fromEnv, "DBT_TARGET_PATH"],
    [options.project?.targetPath, "dbt_project.yml"],
  ];
  for (const [value, source] of candidates) {
    if (value !== undefined && value.trim() !== "") {
      return { dir: path.resolve(projectDir, value), source };
    }
  }
  return { dir: path.resolve(projectDir, "target"), source: "default" };
}

/** The nearest folder at or above `start` that holds `dbt_project.yml`. */
export async function findDbtProjectUp(start: string): Promise<string | undefined> {
  let dir = path.resolve(start);
  for (;;) {
    if (await isFile(path.join(dir, projectFileName))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

// Installed packages and build output hold dbt_project.yml files that are not the user's.
const skippedFolders = new Set(["dbt_packages", "dbt_modules", "node_modules", "target", "logs"]);

/**
 * Folders under `root` holding `dbt_project.yml`, sorted, down to `maxDepth` levels. Skips
 * hidden folders, installed dbt packages, `target` and `node_modules`.
 */
export async function findDbtProjects(root: string, maxDepth = 4): Promise<string[]> {
  const found: string[] = [];
  await walk(path.resolve(root), maxDepth, found);
  return found.sort();
}

async function walk(dir: string, depth: number, found: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    // An unreadable folder holds no project we could use; the search goes on elsewhere.
    return;
  }

  if (entries.some((e) => e.isFile() && e.name === projectFileName)) found.push(dir);
  if (depth <= 0) return;
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    if (skippedFolders.has(entry.name)) continue;
    await walk(path.join(dir, entry.name), depth - 1, found);
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
