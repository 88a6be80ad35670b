/** Shared by the uptime tests: the corpus location, temporary folders and small artifacts. */
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";

/** `shared/corpus` beside the repository root. */
export const corpusDir = path.resolve(__dirname, "../../..", "../shared/corpus");

/** The folder of dbt-artifacts-parser's run_results test files (one per schema version). */
export const runResultsDir = path.join(
  corpusDir,
  "dbt/yu-iskw__dbt-artifacts-parser/tests/resources/run_results",
);

/** Skips the calling suite or test, visibly, when the corpus is not beside the repository. */
export function skipWithoutCorpus(context: Mocha.Context): void {
  if (!existsSync(corpusDir)) {
    console.log(`skipped: no corpus at ${corpusDir}`);
    context.skip();
  }
}

const made: string[] = [];

/** A fresh temporary folder, removed by {@link removeTempDirs}. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `analytics-ops-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes the folders made by {@link tempDir}; for `after` hooks. */
export async function removeTempDirs(): Promise<void> {
  for (const dir of made.splice(0)) await fs.rm(dir, { recursive: true, force: true });
}

/** One node of a hand-made run_results.json. */
export interface FakeNode {
  id: string;
  status: string;
  seconds?: number;
  message?: string | null;
}

/** A run_results.json (schema v6) as dbt writes it, with only the fields that matter here. */
export function runResultsJson(options: {
  generatedAt: Date;
  invocationId: string;
  which?: string;
  nodes: FakeNode[];
}): string {
  const results = options.nodes.map((node) => ({
    status: node.status,
    timing: [],
    thread_id: "Thread-1",
    execution_time: node.seconds ?? 1,
    adapter_response: {},
    message: node.message ?? null,
    failures: null,
    unique_id: node.id,
    compiled: true,
    relation_name: null,
  }));
  return JSON.stringify({
    metadata: {
      dbt_schema_version: "https://schemas.getdbt.com/dbt/run-results/v6.json",
      dbt_version: "1.9.0",
      generated_at: options.generatedAt.toISOString(),
      invocation_id: options.invocationId,
      env: {},
    },
    results,
    elapsed_time: 1,
    args: { which: options.which ?? "build" },
  });
}

/** A sources.json (schema v3) with one result per entry. */
export function sourcesJson(options: {
  generatedAt: Date;
  invocationId: string;
  sources: { id: string; status: string; maxLoadedAt?: string; error?: string }[];
}): string {
  const results = options.sources.map((source) =>
    source.error === undefined
      ? {
          unique_id: source.id,
          max_loaded_at: source.maxLoadedAt ?? options.generatedAt.toISOString(),
          snapshotted_at: options.generatedAt.toISOString(),
          max_loaded_at_time_ago_in_s: 60,
          status: source.status,
          criteria: {},
          adapter_response: {},
          timing: [],
          thread_id: "Thread-1",
          execution_time: 0.1,
        }
      : { unique_id: source.id, error: source.error, status: source.status },
  );
  return JSON.stringify({
    metadata: {
      dbt_schema_version: "https://schemas.getdbt.com/dbt/sources/v3.json",
      dbt_version: "1.9.0",
      generated_at: options.generatedAt.toISOString(),
      invocation_id: options.invocationId,
      env: {},
    },
    results,
    elapsed_time: 1,
  });
}
