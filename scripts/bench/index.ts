/**
 * Workspace index benchmark: a cold index (and every file's diagnostics) of the whole LookML
 * corpus, and a synthetic project of 5,000 generated views, each with a refinement, under a
 * model with explores and a matching dbt manifest. On the synthetic project, edits to single
 * files measure the time from the change to that file's refreshed diagnostics (and those of
 * every file it affects). Each run happens in a fresh child process, bundled as the server
 * is, so its time and peak memory are its own.
 * Targets: p95 of an edit under 50 ms; peak memory under 500 MB.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { loadCatalog, loadManifest } from "../../server/src/dbt";
import { generateFromArtifacts } from "../../server/src/generate";
import { writeSyntheticProject } from "./generate";
import type { Measure } from "./indexWorker";
import { bundleWorker } from "./bundle";

const root = path.resolve(__dirname, "..", "..");
const corpusLookml = path.resolve(root, "..", "shared", "corpus", "lookml");
const views = 5000;
const targetP95Ms = 50;
const targetPeakMb = 500;

/** Runs the benchmark, printing one line per measurement. */
export async function run(log: (line: string) => void): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), "bench-index-"));
  try {
    const worker = await bundleWorker(path.join(__dirname, "indexWorker.ts"), work, "index-worker");
    if (existsSync(corpusLookml)) {
      const m = measure(worker, ["corpus", corpusLookml]);
      log(
        `corpus lookml, cold: ${m.files} files indexed in ${m.indexMs} ms, diagnostics of ` +
          `every file in ${m.checkMs} ms (${m.findings} findings), peak RSS ${m.maxRssMb} MB`,
      );
    } else {
      log("corpus lookml: skipped (no corpus beside the repository)");
    }

    const project = await writeSyntheticWorkspace(path.join(work, "synthetic"));
    const m = measure(worker, ["edits", project]);
    reportEdits(log, m);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function reportEdits(log: (line: string) => void, m: Measure): void {
  const sorted = [...m.editMs].sort((a, b) => a - b);
  const pick = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const p95 = pick(0.95);
  const meanAffected = m.affected.reduce((a, b) => a + b, 0) / Math.max(1, m.affected.length);
  log(
    `synthetic ${views} views + ${views} refinements: ` +
      `${m.files} files indexed in ${m.indexMs} ms, ` +
      `diagnostics of every file in ${m.checkMs} ms (${m.findings} findings)`,
  );
  log(
    `edit to refreshed diagnostics over ${m.editMs.length} edits: ` +
      `p50 ${pick(0.5).toFixed(1)} ms, ` +
      `p95 ${p95.toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms ` +
      `(${meanAffected.toFixed(1)} files re-checked per edit on average)`,
  );
  const latency = p95 < targetP95Ms ? "met" : "MISSED";
  log(`target: p95 under ${targetP95Ms} ms: ${latency} (${p95.toFixed(1)} ms)`);
  const memory = m.maxRssMb < targetPeakMb ? "met" : "MISSED";
  log(`target: peak memory under ${targetPeakMb} MB: ${memory} (peak RSS ${m.maxRssMb} MB)`);
}

function measure(worker: string, args: string[]): Measure {
  const output = execFileSync(process.execPath, [worker, "--worker", ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = output.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(last) as Measure;
}

/**
 * A dbt project with the generator's synthetic manifest, its 5,000 generated views, one
 * refinement file per view (labels, a value format, a new measure, `${TABLE}` columns), and a
 * model including them all with an explore per 10 views. Returns `dir`.
 */
export async function writeSyntheticWorkspace(dir: string): Promise<string> {
  const manifestFile = await writeSyntheticProject(path.join(dir, "dbt"), views);
  await writeFile(path.join(dir, "dbt", "dbt_project.yml"), "name: bench\nprofile: bench\n");
  const lookml = path.join(dir, "lookml");
  const manifest = await loadManifest(manifestFile);
  const catalog = await loadCatalog(path.join(path.dirname(manifestFile), "catalog.json"));
  await generateFromArtifacts({
    manifest,
    catalog,
    outDir: path.join(lookml, "views", "generated"),
  });

  const refinements = path.join(lookml, "refinements");
  await mkdir(refinements, { recursive: true });
  const names = manifest.models.map((m) => m.name);
  for (const name of names)
    await writeFile(path.join(refinements, `${name}.refinement.lkml`), refinement(name));
  await writeFile(path.join(lookml, "manifest.lkml"), 'project_name: "bench"\n');
  await writeFile(path.join(lookml, "bench.model.lkml"), model(names));
  return dir;
}

function refinement(name: string): string {
  return [
    `view: +${name} {`,
    `  label: "${name.replaceAll("_", " ")}"`,
    "  dimension: amount {",
    "    value_format_name: usd",
    "  }",
    "  dimension: status {",
    '    label: "Status"',
    "  }",
    "  dimension: region_upper {",
    "    sql: UPPER(${TABLE}.REGION) ;;",
    "  }",
    "  measure: total_amount {",
    "    type: sum",
    "    sql: ${amount} ;;",
    "  }",
    "}",
    "",
  ].join("\n");
}

function model(names: string[]): string {
  const lines = [
    'connection: "bench"',
    'include: "/views/generated/*.view"',
    'include: "/refinements/*.lkml"',
    "",
  ];
  for (let i = 0; i + 1 < names.length; i += 10) {
    const base = names[i] ?? "";
    const other = names[i + 1] ?? "";
    lines.push(
      `explore: ${base} {`,
      `  join: ${other} {`,
      `    sql_on: \${${base}.customer_id} = \${${other}.id} ;;`,
      "    relationship: many_to_one",
      "  }",
      "}",
      "",
    );
  }
  return lines.join("\n");
}
