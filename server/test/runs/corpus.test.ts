/**
 * Uptime over real run_results.json files (schemas v1 to v6) from the corpus. Every expected
 * figure below was counted by hand in the files named next to it.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { parseRunResults } from "../../src/runs/artifacts";
import { archiveRunArtifacts } from "../../src/runs/archive";
import { readHistory } from "../../src/runs/history";
import { computeUptime, type ModelUptime, type UptimeReport } from "../../src/runs/uptime";
import { parseWindow } from "../../src/runs/window";
import { corpusDir, removeTempDirs, runResultsDir, skipWithoutCorpus, tempDir } from "./helpers";

/** The jaffle_shop runs, one per schema version, plus two later `docs generate` files. */
const jaffleFiles = [
  "v1/jaffle_shop/run_results.json", // run, 2021-08-12, 8 models
  "v2/jaffle_shop/run_results.json", // docs generate, 2021-10-12
  "v3/jaffle_shop/run_results.json", // build, 2021-11-08, 8 models + 3 seeds
  "v4/jaffle_shop/run_results.json", // build, 2021-12-07, test_insert_overwrite fails
  "v5/jaffle_shop/run_results.json", // build, 2023-11-06, with the elementary package
  "v6/jaffle_shop/run_results.json", // build, 2024-12-16
  "v6/jaffle_shop/run_results_1.11.json", // docs generate, 2026-03-12
  "v6/jaffle_shop/run_results_1.12.json", // docs generate, 2026-08-10
];

describe("uptime over the corpus run results", function () {
  before(function () {
    skipWithoutCorpus(this);
  });
  after(removeTempDirs);

  it("reads each schema version with its command and node count", async function () {
    const expected: [string, number, string, number][] = [
      ["v1/jaffle_shop/run_results.json", 1, "run", 8],
      ["v2/jaffle_shop/run_results.json", 2, "generate", 32],
      ["v3/jaffle_shop/run_results.json", 3, "build", 31],
      ["v4/jaffle_shop/run_results.json", 4, "build", 29],
      ["v5/jaffle_shop/run_results.json", 5, "build", 58],
      ["v6/jaffle_shop/run_results.json", 6, "build", 61],
    ];
    for (const [file, version, command, nodes] of expected) {
      const parsed = parseRunResults(await fs.readFile(path.join(runResultsDir, file), "utf8"));
      assert.ok(parsed.ok, file);
      assert.equal(parsed.value.schemaVersion, version, file);
      assert.equal(parsed.value.command, command, file);
      assert.equal(parsed.value.results.length, nodes, file);
      assert.deepEqual(parsed.warnings, [], file);
    }
  });

  describe("a history of jaffle_shop runs from dbt 0.19 to 1.12", function () {
    let report: UptimeReport;

    before(async function () {
      const project = await tempDir("corpus");
      const targetDir = path.join(project, "target");
      const historyDir = path.join(project, "history");
      await fs.mkdir(targetDir);
      for (const file of jaffleFiles) {
        // The corpus files are read-only, and so is their copy: replace it rather than overwrite.
        await fs.rm(path.join(targetDir, "run_results.json"), { force: true });
        await fs.copyFile(path.join(runResultsDir, file), path.join(targetDir, "run_results.json"));
        const outcome = await archiveRunArtifacts({ targetDir, historyDir });
        assert.deepEqual(outcome.problems, [], file);
        assert.equal(outcome.archived.length, 1, file);
      }
      const window = parseWindow("10y");
      assert.ok(window !== undefined);
      const history = await readHistory(historyDir);
      report = computeUptime(history, { now: new Date("2026-12-01T00:00:00Z"), window });
    });

    function model(uniqueId: string): ModelUptime {
      const found = report.models.find((m) => m.uniqueId === uniqueId);
      assert.ok(found !== undefined, `${uniqueId} is in the report`);
      return found;
    }

    it("counts the five executing runs and leaves the three docs generate runs out", function () {
      assert.equal(report.runsInWindow, 5);
      assert.deepEqual(report.runsNotCounted, [{ command: "generate", runs: 3 }]);
      assert.deepEqual(report.problems, []);
    });

    it(
      "lists the 47 tables those runs built, " + "and none only compiled by docs generate",
      function () {
        // 12 jaffle_shop models, 32 elementary models, 3 seeds.
        assert.equal(report.models.length, 47);
        assert.equal(report.models.filter((m) => m.resourceType === "seed").length, 3);
        assert.equal(
          report.models.find((m) => m.uniqueId === "model.jaffle_shop.stg_supplies"),
          undefined,
        );
      },
    );

    it("gives stg_customers 5 successes in 5 runs and the median of its five times", function () {
      const stg = model("model.jaffle_shop.stg_customers");
      assert.equal(stg.runsCounted, 5);
      assert.equal(stg.successes, 5);
      assert.equal(stg.uptime, 1);
      // 0.556, 0.704, 0.906, 0.958, 6.316 seconds: the middle one.
      assert.equal(stg.medianSeconds, 0.9059498310089111);
      assert.equal(stg.lastSuccess?.toISOString(), "2024-12-16T07:45:32.505Z");
      assert.equal(stg.lastFailure, undefined);
    });

    it("puts test_insert_overwrite first, failed in its only run, with dbt's message", function () {
      const first = report.models[0];
      assert.equal(first?.uniqueId, "model.jaffle_shop.test_insert_overwrite");
      assert.equal(first.runsCounted, 1);
      assert.equal(first.uptime, 0);
      assert.equal(first.lastSuccess, undefined);
      assert.equal(first.lastFailure?.at.toISOString(), "2021-12-07T10:49:34.224Z");
      assert.equal(first.lastFailure.status, "error");
      assert.match(
        first.lastFailure.message ?? "",
        /^Database Error in model test_insert_overwrite/,
      );
      assert.equal(first.medianSeconds, 9.394618034362793);
    });

    it("counts customers and orders from v4 on, and dim_customers until v3", function () {
      const customers = model("model.jaffle_shop.customers");
      assert.equal(customers.runsCounted, 3);
      assert.equal(customers.medianSeconds, 2.7333171367645264);
      const orders = model("model.jaffle_shop.orders");
      assert.equal(orders.runsCounted, 3);
      assert.equal(orders.medianSeconds, 3.476526975631714);
      const dim = model("model.jaffle_shop.dim_customers");
      assert.equal(dim.runsCounted, 2);
      assert.equal(dim.lastSuccess?.toISOString(), "2021-11-08T09:34:50.678Z");
    });

    it("takes the mean of the two middle times of the raw_orders seed", function () {
      const seed = model("seed.jaffle_shop.raw_orders");
      assert.equal(seed.runsCounted, 4);
      // 3.156, 3.237, 3.316, 4.176 seconds.
      assert.ok(
        Math.abs((seed.medianSeconds ?? 0) - (3.236814022064209 + 3.3155219554901123) / 2) < 1e-12,
      );
    });
  });

  it(
    "does not count a skipped model and keeps " + "the error message (OpenLineage fail run)",
    async function () {
      const project = await tempDir("fail");
      const historyDir = path.join(project, "history");
      const targetDir = path.join(corpusDir, "dbt/OpenLineage__OpenLineage/fail/target");
      assert.deepEqual((await archiveRunArtifacts({ targetDir, historyDir })).problems, []);

      const window = parseWindow("2021-01-01");
      assert.ok(window !== undefined);
      const report = computeUptime(await readHistory(historyDir), {
        now: new Date("2021-08-01T00:00:00Z"),
        window,
      });
      const byName = new Map(report.models.map((m) => [m.name, m]));
      assert.equal(byName.get("test_third_dbt_model")?.runsCounted, 0);
      assert.equal(byName.get("test_third_dbt_model")?.uptime, undefined);
      assert.equal(byName.get("test_second_parallel_dbt_model")?.uptime, 0);
      assert.match(
        byName.get("test_second_parallel_dbt_model")?.lastFailure?.message ?? "",
        /bork/,
      );
      assert.equal(byName.get("test_first_dbt_model")?.uptime, 1);
      assert.equal(byName.get("test_second_dbt_model")?.uptime, 1);
      assert.equal(report.models.at(-1)?.name, "test_third_dbt_model");
    },
  );

  it("archives sources.json beside run_results.json and reports its freshness", async function () {
    const historyDir = path.join(await tempDir("sources"), "history");
    const targetDir = path.join(corpusDir, "dbt/TicketSwap__tap-dbt-artifacts/target");
    const outcome = await archiveRunArtifacts({ targetDir, historyDir });
    assert.deepEqual(outcome.problems, []);
    assert.deepEqual(
      outcome.archived.map((name) => name.split(".").at(-2)),
      ["run_results", "sources"],
    );

    const window = parseWindow("30d");
    assert.ok(window !== undefined);
    const report = computeUptime(await readHistory(historyDir), {
      now: new Date("2025-01-02T00:00:00Z"),
      window,
      upstreamSources: () => ["sample_source"],
    });
    // The file holds one run of two nodes (neither a model) and one fresh source.
    assert.equal(report.runsInWindow, 1);
    assert.deepEqual(report.models, []);
    assert.equal(report.sources.length, 1);
    const [source] = report.sources;
    assert.equal(source?.uniqueId, "sample_source");
    assert.equal(source.status, "pass");
    assert.equal(source.checkedAt.toISOString(), "2025-01-01T11:22:45.555Z");
  });
});
