/**
 * Broken files in the history or the target folder: each is reported by name and skipped, and
 * the good runs around it still count.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { archiveName, archiveRunArtifacts } from "../../src/runs/archive";
import { readHistory } from "../../src/runs/history";
import { computeUptime } from "../../src/runs/uptime";
import { parseWindow } from "../../src/runs/window";
import { removeTempDirs, runResultsJson, tempDir } from "./helpers";

const day = 86_400_000;
const now = new Date("2025-06-30T12:00:00Z");

function goodRun(daysAgo: number, status: string): string {
  return runResultsJson({
    generatedAt: new Date(now.getTime() - daysAgo * day),
    invocationId: `good-${String(daysAgo)}`,
    nodes: [{ id: "model.shop.orders", status }],
  });
}

/** Writes a file into the history under a proper archive name. */
async function put(historyDir: string, daysAgo: number, id: string, text: string): Promise<string> {
  const at = new Date(now.getTime() - daysAgo * day);
  const name = archiveName("run_results", at, id, Buffer.from(text));
  await fs.writeFile(path.join(historyDir, name), text);
  return name;
}

describe("corrupt and partial run files", function () {
  after(removeTempDirs);

  it(
    "skips each broken history file with its " + "name and a reason, and counts the rest",
    async function () {
      const historyDir = await tempDir("corrupt");
      await put(historyDir, 3, "good-3", goodRun(3, "success"));
      await put(historyDir, 2, "good-2", goodRun(2, "error"));
      await put(historyDir, 1, "good-1", goodRun(1, "success"));
      const full = goodRun(4, "success");
      const cut = await put(historyDir, 4, "cut", full.slice(0, Math.floor(full.length / 2)));
      const empty = await put(historyDir, 5, "empty", "");
      const manifest = await put(
        historyDir,
        6,
        "manifest",
        JSON.stringify({
          metadata: {
            dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json",
            generated_at: now.toISOString(),
          },
          nodes: {},
        }),
      );
      const noDate = await put(
        historyDir,
        7,
        "nodate",
        JSON.stringify({
          metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/run-results/v6.json" },
          results: [],
        }),
      );
      await fs.writeFile(path.join(historyDir, "run_results.json"), goodRun(0, "success"));

      const history = await readHistory(historyDir);
      const report = computeUptime(history, { now, window: parseWindow("30d") ?? assert.fail() });

      assert.equal(history.runs.length, 3);
      assert.equal(report.problems.length, 5);
      const problemFor = (name: string): string =>
        report.problems.find((p) => p.startsWith(name)) ?? "";
      assert.match(problemFor(cut), /not valid JSON/);
      assert.match(problemFor(empty), /not valid JSON/);
      assert.match(problemFor(manifest), /manifest artifact, not run-results/);
      assert.match(problemFor(noDate), /generated_at is missing/);
      assert.match(problemFor("run_results.json"), /not named like an archived run/);

      const orders = report.models[0];
      assert.equal(orders?.runsCounted, 3);
      assert.equal(orders.successes, 2);
    },
  );

  it("keeps the results that have an id and a status, and names the others", async function () {
    const historyDir = await tempDir("partial");
    const text = JSON.stringify({
      metadata: {
        dbt_schema_version: "https://schemas.getdbt.com/dbt/run-results/v4.json",
        generated_at: now.toISOString(),
        invocation_id: "x",
      },
      results: [
        { unique_id: "model.shop.orders", status: "success" },
        { status: "error" },
        "nonsense",
        { unique_id: "model.shop.items" },
      ],
      some_future_field: { anything: true },
    });
    const name = await put(historyDir, 0, "x", text);
    const history = await readHistory(historyDir);
    assert.deepEqual(history.problems, [
      `${name}: result 2 has no unique_id or status; that result skipped`,
      `${name}: result 3 has no unique_id or status; that result skipped`,
      `${name}: result 4 has no unique_id or status; that result skipped`,
    ]);
    assert.deepEqual(
      history.runs[0]?.results.map((r) => r.uniqueId),
      ["model.shop.orders"],
    );
  });

  it("says the history is missing instead of failing", async function () {
    const history = await readHistory(path.join(await tempDir("missing"), "nothing-here"));
    assert.equal(history.exists, false);
    assert.deepEqual(history.runs, []);
  });

  it("does not archive a run_results.json that dbt is still writing", async function () {
    const project = await tempDir("writing");
    const targetDir = path.join(project, "target");
    const historyDir = path.join(project, "history");
    await fs.mkdir(targetDir);
    const full = goodRun(0, "success");
    await fs.writeFile(path.join(targetDir, "run_results.json"), full.slice(0, 40));

    const outcome = await archiveRunArtifacts({ targetDir, historyDir });
    assert.deepEqual(outcome.archived, []);
    assert.equal(outcome.problems.length, 1);
    assert.match(
      outcome.problems[0] ?? "",
      /run_results\.json: it is not valid JSON .*; not archived/,
    );
    await assert.rejects(fs.readdir(historyDir), { code: "ENOENT" });
  });
});
