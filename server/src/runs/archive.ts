/**
 * Keeps dbt's run history. Every dbt command overwrites `target/run_results.json` (and `dbt
 * source freshness` overwrites `target/sources.json`), so each one is copied into a history
 * folder under a name made of its `generated_at` and invocation id. The same run archived twice
 * is kept once; a file that is cut short or is not a dbt artifact is reported and not copied.
 */
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { parseRunResults, parseSourcesJson } from "./artifacts";

/** Where to copy from and to; both absolute. */
export interface ArchiveOptions {
  targetDir: string;
  historyDir: string;
}

/** What one archive call did, file by file. */
export interface ArchiveOutcome {
  /** Archive names written by this call. */
  archived: string[];
  /** Archive names that were already in the history (nothing written). */
  alreadyArchived: string[];
  /** Why a file was not archived, naming the file. */
  problems: string[];
}

type Kind = "run_results" | "sources";

const artifacts: { kind: Kind; file: string; required: boolean }[] = [
  { kind: "run_results", file: "run_results.json", required: true },
  { kind: "sources", file: "sources.json", required: false },
];

/** Copies the target folder's `run_results.json` and `sources.json` into the history. */
export async function archiveRunArtifacts(options: ArchiveOptions): Promise<ArchiveOutcome> {
  const outcome: ArchiveOutcome = { archived: [], alreadyArchived: [], problems: [] };
  for (const artifact of artifacts) {
    const source = path.join(options.targetDir, artifact.file);
    const bytes = await readIfPresent(source);
    if (bytes === undefined) {
      if (artifact.required) outcome.problems.push(`${source}: not found (has dbt run yet?)`);
      continue;
    }
    await archiveOne(artifact.kind, source, bytes, options.historyDir, outcome);
  }
  return outcome;
}

async function archiveOne(
  kind: Kind,
  source: string,
  bytes: Buffer,
  historyDir: string,
  outcome: ArchiveOutcome,
): Promise<void> {
  const text = bytes.toString("utf8");
  const parsed = kind === "run_results" ? parseRunResults(text) : parseSourcesJson(text);
  if (!parsed.ok) {
    outcome.problems.push(`${source}: ${parsed.problem}; not archived`);
    return;
  }

  const { generatedAt, invocationId } = parsed.value;
  const name = archiveName(kind, generatedAt, invocationId, bytes);
  const result = await writeOnce(path.join(historyDir, name), bytes);
  if (result === "written") outcome.archived.push(name);
  else if (result === "same") outcome.alreadyArchived.push(name);
  else outcome.problems.push(`${name}: already archived with other content; kept the archived one`);
}

/**
 * `2024-12-16T07-45-32.505Z_cfbc1db9-….run_results.json`: sorts by time, is valid on every
 * file system (no colons), and differs between two runs that finish in the same millisecond.
 */
export function archiveName(
  kind: Kind,
  generatedAt: Date,
  invocationId: string,
  bytes: Buffer,
): string {
  const stamp = generatedAt.toISOString().replace(/:/g, "-");
  const cleaned = invocationId.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 64);
  // Old or hand-made artifacts may lack an invocation id; the content then names the run.
  const id =
    cleaned === "" ? createHash("sha256").update(bytes).digest("hex").slice(0, 12) : cleaned;
  return `${stamp}_${id}.${kind}.json`;
}

/** Parses an archive name back into its kind and time; undefined for any other file. */
export function parseArchiveName(name: string): { kind: Kind; generatedAt: Date } | undefined {
  const match =
    /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:\.\d+)?Z)_.+\.(run_results|sources)\.json$/.exec(name);
  if (match === null) return undefined;
  const iso = (match[1] ?? "").replace(/T(\d{2})-(\d{2})-(\d{2})/, "T$1:$2:$3");
  const generatedAt = new Date(iso);
  if (Number.isNaN(generatedAt.getTime())) return undefined;
  return { kind: match[2] === "sources" ? "sources" : "run_results", generatedAt };
}

/**
 * Writes through a temporary file and a hard link, so a reader never sees half a file and two
 * archivers racing on the same run keep one copy.
 */
async function writeOnce(file: string, bytes: Buffer): Promise<"written" | "same" | "different"> {
  const existing = await readIfPresent(file);
  if (existing !== undefined) return existing.equals(bytes) ? "same" : "different";

  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${String(process.pid)}-${randomBytes(4).toString("hex")}.tmp`;
  await fs.writeFile(temporary, bytes, { flag: "wx" });
  try {
    if (await linkOrRename(temporary, file)) return "written";
    const other = await fs.readFile(file);
    return other.equals(bytes) ? "same" : "different";
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

/** False when the file appeared meanwhile. */
async function linkOrRename(temporary: string, file: string): Promise<boolean> {
  try {
    await fs.link(temporary, file);
    return true;
  } catch (error: unknown) {
    const code = errorCode(error);
    if (code === "EEXIST") return false;
    // Some file systems (FAT, a few network shares) have no hard links; a rename still never
    // exposes half a file, it only loses the race guard.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
    await fs.rename(temporary, file);
    return true;
  }
}

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error: unknown) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

/** The `code` of a Node system error (ENOENT, EACCES, ...). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}
