/**
 * Generator benchmark: views for the largest corpus manifest and for a synthetic 5,000-model
 * project, each run in a fresh child process so its time and peak memory are its own. The
 * child runs this file bundled by esbuild, as the shipped CLI is, so the figures are a user's.
 * Target: 5,000 models in under 2 s.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { loadCatalog, loadManifest } from "../../server/src/dbt";
import { generateFromArtifacts } from "../../server/src/generate";
import { bundleWorker } from "./bundle";

const root = path.resolve(__dirname, "..", "..");
const corpus = path.resolve(root, "..", "shared", "corpus");
const syntheticModels = 5000;
const targetMs = 2000;

/** One timed generation, as the child process reports it. */
interface Measure {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  written: number;
  unchanged: number;
}

/** Runs the benchmark, printing one line per measurement. */
export async function run(log: (line: string) => void): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), "bench-generate-"));
  try {
    const worker = await bundleWorker(__filename, work, "generate-worker");
    const largest = await largestCorpusManifest();
    if (largest === undefined) log("corpus manifest: skipped (no corpus beside the repository)");
    else
      report(log, `largest corpus manifest (${path.relative(corpus, largest)})`, largest, worker);

    const synthetic = await writeSyntheticProject(path.join(work, "synthetic"), syntheticModels);
    const first = report(log, `synthetic ${syntheticModels} models`, synthetic, worker);
    const verdict = first.ms < targetMs ? "met" : "MISSED";
    log(`target: ${syntheticModels} models in under ${targetMs} ms: ${verdict} (${first.ms} ms)`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// A first run writes every file; a second finds them all unchanged (reads and compares).
function report(log: (line: string) => void, label: string, manifest: string, worker: string) {
  const out = path.join(path.dirname(worker), `out-${String(Date.now())}`);
  const first = measure(worker, manifest, out);
  const second = measure(worker, manifest, out);
  log(
    `${label}: ${first.written} views written in ${first.ms} ms (${first.cpuMs} ms CPU, ` +
      `peak RSS ${first.maxRssMb} MB); re-run: ${second.unchanged} unchanged in ${second.ms} ms ` +
      `(${second.cpuMs} ms CPU, peak RSS ${second.maxRssMb} MB)`,
  );
  return first;
}

function measure(worker: string, manifest: string, out: string): Measure {
  const output = execFileSync(process.execPath, [worker, "--worker", manifest, out], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = output.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(last) as Measure;
}

async function largestCorpusManifest(): Promise<string | undefined> {
  if (!existsSync(corpus)) return undefined;
  const files = await findFiles(corpus, (name) => /^manifest.*\.json$/.test(name));
  let best: { file: string; size: number } | undefined;
  for (const file of files) {
    if (file.includes("/dbt_artifacts_parser/resources/")) continue;
    const { size } = await stat(file);
    if (best === undefined || size > best.size) best = { file, size };
  }
  return best?.file;
}

async function findFiles(dir: string, wanted: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await findFiles(full, wanted)));
    else if (wanted(entry.name)) found.push(full);
  }
  return found;
}

const columnKinds: [string, string][] = [
  ["id", "NUMBER"],
  ["customer_id", "NUMBER"],
  ["status", "TEXT"],
  ["amount", "NUMBER"],
  ["is_active", "BOOLEAN"],
  ["created_at", "TIMESTAMP_NTZ"],
  ["updated_at", "TIMESTAMP_LTZ"],
  ["created_date", "DATE"],
  ["region", "TEXT"],
  ["notes", "VARIANT"],
  ["score", "FLOAT"],
  ["MixedCase", "TEXT"],
];

/** Writes a Snowflake project's target/manifest.json and catalog.json; returns the manifest. */
export async function writeSyntheticProject(dir: string, models: number): Promise<string> {
  const nodes: Record<string, unknown> = {};
  const catalogNodes: Record<string, unknown> = {};
  for (let i = 0; i < models; i += 1) {
    const name = `model_${String(i).padStart(5, "0")}`;
    const id = `model.bench.${name}`;
    nodes[id] = syntheticModel(id, name, i);
    nodes[`test.bench.unique_${name}_id`] = syntheticTest(id, "unique");
    nodes[`test.bench.not_null_${name}_id`] = syntheticTest(id, "not_null");
    catalogNodes[id] = {
      unique_id: id,
      metadata: {
        type: "BASE TABLE",
        database: "ANALYTICS",
        schema: "BENCH",
        name: name.toUpperCase(),
      },
      columns: Object.fromEntries(
        columnKinds.map(([column, type], index) => {
          const exact = column === "MixedCase" ? column : column.toUpperCase();
          return [exact, { type, index: index + 1, name: exact, comment: null }];
        }),
      ),
    };
  }

  const target = path.join(dir, "target");
  await mkdir(target, { recursive: true });
  const manifest = path.join(target, "manifest.json");
  const metadata = {
    dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json",
    adapter_type: "snowflake",
  };
  await writeFile(manifest, JSON.stringify({ metadata, nodes, sources: {} }));
  await writeFile(
    path.join(target, "catalog.json"),
    JSON.stringify({
      metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/catalog/v1.json" },
      nodes: catalogNodes,
      sources: {},
    }),
  );
  return manifest;
}

function syntheticModel(id: string, name: string, i: number): Record<string, unknown> {
  const documented = columnKinds.slice(0, 8).map(([column]) => [
    column,
    {
      name: column,
      description: `The ${column.replaceAll("_", " ")} of ${name}.`,
      meta:
        column === "amount"
          ? {
              dimension: { value_format_name: "usd" },
              measures: { [`total_${i}`]: { type: "sum" } },
            }
          : {},
      data_type: null,
    },
  ]);
  return {
    unique_id: id,
    resource_type: "model",
    name,
    package_name: "bench",
    database: "ANALYTICS",
    schema: "BENCH",
    alias: name,
    relation_name: `ANALYTICS.BENCH.${name}`,
    original_file_path: `models/area_${i % 50}/${name}.sql`,
    config: { materialized: "table", meta: {}, tags: i % 3 === 0 ? ["finance"] : [] },
    tags: [],
    meta: i % 10 === 0 ? { looker: { label: `Model ${i}` } } : {},
    description: `Synthetic model ${i}.`,
    columns: Object.fromEntries(documented),
    constraints: [],
    primary_key: [],
  };
}

function syntheticTest(modelId: string, test: string): Record<string, unknown> {
  return {
    unique_id: `test.bench.${test}_${modelId}`,
    resource_type: "test",
    attached_node: modelId,
    column_name: "id",
    test_metadata: { name: test, kwargs: { column_name: "id" }, namespace: null },
  };
}

// In the child: load, generate and write, then report time and peak memory as one JSON line.
async function worker(manifestFile: string, outDir: string): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const manifest = await loadManifest(manifestFile);
  const catalogFile = path.join(path.dirname(manifestFile), "catalog.json");
  const catalog = existsSync(catalogFile) ? await loadCatalog(catalogFile) : undefined;
  const summary = await generateFromArtifacts({ manifest, catalog, outDir });
  const used = process.cpuUsage(cpu);
  const result: Measure = {
    ms: Math.round(performance.now() - started),
    cpuMs: Math.round((used.user + used.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    written: summary.written.length,
    unchanged: summary.unchanged.length,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module && process.argv[2] === "--worker") {
  const [, , , manifestFile, outDir] = process.argv;
  if (manifestFile === undefined || outDir === undefined) throw new Error("worker needs two paths");
  worker(manifestFile, outDir).catch((error: unknown) => {
    process.stderr.write(`bench worker failed: ${String(error)}\n`);
    process.exitCode = 1;
  });
}
