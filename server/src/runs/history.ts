/**
 * Reads a history folder of archived dbt artifacts. A file that cannot be read is reported and
 * skipped; the others still count. A {@link HistoryReader} remembers what it parsed, so reading
 * the folder again after one more run parses one file.
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import {
  parseRunResults,
  parseSourcesJson,
  type FreshnessResults,
  type NodeRun,
  type RunResults,
} from "./artifacts";
import { errorCode, parseArchiveName } from "./archive";

/** Everything the history folder holds, oldest run first. */
export interface History {
  historyDir: string;
  /** False when the folder does not exist yet (nothing archived). */
  exists: boolean;
  runs: RunResults[];
  freshness: FreshnessResults[];
  /** `<file>: <why>; skipped`, one per file that could not be read. */
  problems: string[];
}

/** Node kinds that build a table or view in the warehouse; tests and operations are dropped. */
const tableKinds = ["model.", "seed.", "snapshot."];

interface Entry {
  size: number;
  mtimeMs: number;
  run?: RunResults;
  freshness?: FreshnessResults;
  problem?: string;
  /** Results inside a readable file that were left out. */
  warnings?: string[];
}

/** Reads a history folder, keeping parsed files between calls. */
export class HistoryReader {
  private readonly entries = new Map<string, Entry>();
  private readonly names = new Map<string, string>();

  constructor(readonly historyDir: string) {}

  /** The folder's current content; parses only files that are new or changed since last time. */
  async read(): Promise<History> {
    const listing = await listArchives(this.historyDir);
    if (listing === undefined) return this.emptyHistory();

    const files = listing.archives;
    const present = new Set(files);
    for (const name of this.entries.keys()) if (!present.has(name)) this.entries.delete(name);
    for (const name of files) await this.refresh(name);
    const history = this.collect(files);
    for (const name of listing.strays) {
      history.problems.push(
        `${name}: not named like an archived run (see \`runs archive\`); skipped`,
      );
    }
    return history;
  }

  private emptyHistory(): History {
    this.entries.clear();
    return { historyDir: this.historyDir, exists: false, runs: [], freshness: [], problems: [] };
  }

  private async refresh(name: string): Promise<void> {
    const file = path.join(this.historyDir, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat === undefined) return;
    const known = this.entries.get(name);
    if (known !== undefined && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return;

    const text = await fs.readFile(file, "utf8").catch((error: unknown) => {
      return new Error(`cannot be read (${errorCode(error) ?? String(error)})`);
    });
    const entry = text instanceof Error ? { problem: text.message } : this.parse(name, text);
    this.entries.set(name, { size: stat.size, mtimeMs: stat.mtimeMs, ...entry });
  }

  private parse(name: string, text: string): Omit<Entry, "size" | "mtimeMs"> {
    if (name.endsWith(".sources.json")) {
      const parsed = parseSourcesJson(text);
      if (!parsed.ok) return { problem: parsed.problem };
      return { freshness: parsed.value, warnings: parsed.warnings };
    }
    const parsed = parseRunResults(text);
    if (!parsed.ok) return { problem: parsed.problem };
    const run = { ...parsed.value, results: this.keepTables(parsed.value.results) };
    return { run, warnings: parsed.warnings };
  }

  /** Drops tests and operations, shares repeated ids, and keeps messages of failures only. */
  private keepTables(results: NodeRun[]): NodeRun[] {
    const kept: NodeRun[] = [];
    for (const node of results) {
      if (!tableKinds.some((kind) => node.uniqueId.startsWith(kind))) continue;
      kept.push({
        uniqueId: this.intern(node.uniqueId),
        status: this.intern(node.status),
        executionSeconds: node.executionSeconds,
        message: node.status === "success" ? undefined : node.message,
      });
    }
    return kept;
  }

  private intern(text: string): string {
    const known = this.names.get(text);
    if (known !== undefined) return known;
    this.names.set(text, text);
    return text;
  }

  private collect(files: string[]): History {
    const history: History = {
      historyDir: this.historyDir,
      exists: true,
      runs: [],
      freshness: [],
      problems: [],
    };
    for (const name of files) {
      const entry = this.entries.get(name);
      if (entry?.run !== undefined) history.runs.push(entry.run);
      if (entry?.freshness !== undefined) history.freshness.push(entry.freshness);
      if (entry?.problem !== undefined) history.problems.push(`${name}: ${entry.problem}; skipped`);
      for (const warning of entry?.warnings ?? []) {
        history.problems.push(`${name}: ${warning}; that result skipped`);
      }
    }
    const byTime = (a: { generatedAt: Date }, b: { generatedAt: Date }): number =>
      a.generatedAt.getTime() - b.generatedAt.getTime();
    history.runs.sort(byTime);
    history.freshness.sort(byTime);
    return history;
  }
}

/** Reads a history folder once. */
export async function readHistory(historyDir: string): Promise<History> {
  return new HistoryReader(historyDir).read();
}

/**
 * Archive file names in the folder, sorted, and other JSON files found there (probably copied
 * by hand); undefined when the folder does not exist.
 */
async function listArchives(
  historyDir: string,
): Promise<{ archives: string[]; strays: string[] } | undefined> {
  try {
    const names = (await fs.readdir(historyDir)).sort();
    const archives = names.filter((name) => parseArchiveName(name) !== undefined);
    const known = new Set(archives);
    const strays = names.filter((name) => name.endsWith(".json") && !known.has(name));
    return { archives, strays };
  } catch (error: unknown) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}
