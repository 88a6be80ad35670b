/**
 * Bench: table uptime over 1,000 archived dbt runs of 500 models each, generated into a
 * temporary folder (v6 run_results with the fields dbt writes, compiled SQL included). Measures
 * the first read of the whole history, the re-read after one more run (what the language
 * server does after each dbt command), and the figures alone, against fixed targets.
 */
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { archiveName } from "../../server/src/runs/archive";
import { HistoryReader } from "../../server/src/runs/history";
import { computeUptime } from "../../server/src/runs/uptime";
import { parseWindow } from "../../server/src/runs/window";

const runs = 1000;
const models = 500;
const hourMs = 3_600_000;
const start = Date.parse("2025-01-01T00:00:00Z");

/** What a developer would not want to wait for: targets the figures are compared with. */
const targets = { coldMs: 10_000, newRunMs: 500, figuresMs: 250, peakHeapMb: 400 };

/** Runs the section; `log` prints one line of the bench output. */
export async function run(log: (line: string) => void): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "analytics-ops-bench-uptime-"));
  try {
    const bytes = await generate(dir);
    log(`history: ${String(runs)} runs × ${String(models)} models, ${mb(bytes)} MB in ${dir}`);
    await measure(dir, log);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function measure(dir: string, log: (line: string) => void): Promise<void> {
  const window = parseWindow("30d");
  if (window === undefined) throw new Error("30d does not parse");
  const now = new Date(start + runs * 2 * hourMs);
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const sampler = startHeapSampler();

  const reader = new HistoryReader(dir);
  const cold = await timed(async () => computeUptime(await reader.read(), { now, window }));
  const peakHeap = sampler.stop() - heapBefore;
  log(row("first read + figures", cold.ms, targets.coldMs));
  log(
    `  ${String(cold.value.models.length)} tables, ` +
      `${String(cold.value.runsInWindow)} runs in 30 days, ` +
      `lowest ${cold.value.models[0]?.name ?? "-"}`,
  );

  await writeRun(dir, runs);
  const warm = await timed(async () => computeUptime(await reader.read(), { now, window }));
  log(row("one more run: re-read + figures", warm.ms, targets.newRunMs));

  const history = await reader.read();
  const figures = await timed(() => Promise.resolve(computeUptime(history, { now, window })));
  log(row("figures only", figures.ms, targets.figuresMs));

  collectGarbage();
  const retained = process.memoryUsage().heapUsed - heapBefore;
  const over = peakHeap / 2 ** 20 <= targets.peakHeapMb ? "" : "  OVER TARGET";
  log(
    `peak heap during the first read: ${mb(peakHeap)} MB ` +
      `(target ≤ ${String(targets.peakHeapMb)} MB)${over}`,
  );
  const peakRss = mb(process.resourceUsage().maxRSS * 1024);
  log(
    `heap kept by the reader's cache: ${mb(retained)} MB; peak RSS of the process: ${peakRss} MB`,
  );
}

/** Writes the runs: every 2 h; model k fails when (run + k) % (k % 50 + 7) is 0, skipped after. */
async function generate(dir: string): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < runs; i++) bytes += await writeRun(dir, i);
  return bytes;
}

async function writeRun(dir: string, i: number): Promise<number> {
  const generatedAt = new Date(start + i * 2 * hourMs);
  const results = Array.from({ length: models }, (_, k) => result(i, k, generatedAt));
  const text = JSON.stringify({
    metadata: {
      dbt_schema_version: "https://schemas.getdbt.com/dbt/run-results/v6.json",
      dbt_version: "1.9.1",
      generated_at: generatedAt.toISOString(),
      invocation_id: `bench-${String(i)}`,
      env: {},
    },
    results,
    elapsed_time: 300,
    args: { which: "build", select: [], exclude: [], threads: 8 },
  });
  const buffer = Buffer.from(text);
  await fs.writeFile(
    path.join(dir, archiveName("run_results", generatedAt, `bench-${String(i)}`, buffer)),
    buffer,
  );
  return buffer.length;
}

function result(i: number, k: number, at: Date): Record<string, unknown> {
  const failed = (i + k) % ((k % 50) + 7) === 0;
  const skipped = !failed && (i + k - 1) % ((k % 50) + 7) === 0 && k % 3 === 0;
  const status = failed ? "error" : skipped ? "skipped" : "success";
  const name = `model_${String(k).padStart(3, "0")}`;
  const iso = at.toISOString();
  return {
    status,
    timing: [
      { name: "compile", started_at: iso, completed_at: iso },
      { name: "execute", started_at: iso, completed_at: iso },
    ],
    thread_id: `Thread-${String(k % 8)}`,
    execution_time: 0.5 + ((i * 7 + k * 13) % 100) / 10,
    adapter_response: failed ? {} : { _message: "SUCCESS 1", code: "SUCCESS", rows_affected: 1 },
    message: failed
      ? `Database Error in model ${name} (models/${name}.sql)\n  division by zero`
      : "SUCCESS 1",
    failures: null,
    unique_id: `model.bench.${name}`,
    compiled: true,
    compiled_code:
      `select id, amount, created_at from analytics.stg_${name} ` + "where amount is not null",
    relation_name: `"analytics"."marts"."${name}"`,
    batch_results: null,
  };
}

function row(what: string, ms: number, target: number): string {
  const verdict = ms <= target ? "within" : "OVER";
  const time = `${ms.toFixed(0).padStart(6)} ms`;
  return `${what.padEnd(34)} ${time}   target ≤ ${String(target)} ms (${verdict})`;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const begin = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - begin) / 1e6, value };
}

/** Samples heapUsed while files are read (reads are asynchronous, so the timer gets turns). */
function startHeapSampler(): { stop: () => number } {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().heapUsed);
    },
  };
}

function collectGarbage(): void {
  // `npm run bench` passes --expose-gc; without it the figures include garbage not yet collected.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}

function mb(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
