/**
 * Uptime over a generated history of 400 runs, one every 3 hours, each model following a known
 * pattern; every expected figure is worked out by arithmetic in the comments.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { archiveRunArtifacts } from "../../src/runs/archive";
import { readHistory, type History } from "../../src/runs/history";
import { computeUptime, type ModelUptime, type UptimeReport } from "../../src/runs/uptime";
import { parseWindow } from "../../src/runs/window";
import { removeTempDirs, runResultsJson, tempDir, type FakeNode } from "./helpers";

const hour = 3_600_000;
const start = Date.parse("2025-03-01T00:00:00Z");
const runs = 400;

/** Run i finishes at start + 3 h × i. */
function runTime(i: number): Date {
  return new Date(start + 3 * hour * i);
}

/** The nodes of run i; see each model's figures in the tests. */
function nodesOf(i: number): FakeNode[] {
  const id = (name: string): string => `model.shop.${name}`;
  const nodes: FakeNode[] = [
    { id: id("steady"), status: "success", seconds: (i % 5) + 1 },
    { id: id("every_10th_fails"), status: i % 10 === 0 ? "error" : "success" },
    { id: id("every_7th_fails"), status: i % 7 === 0 ? "error" : "success" },
    { id: id("every_40th_fails"), status: i % 40 === 0 ? "error" : "success" },
    { id: id("skipped_often"), status: i % 4 === 1 ? "skipped" : "success" },
    {
      id: id("broken_lately"),
      status: i >= 380 ? "error" : "success",
      message: i >= 380 ? `relation does not exist (run ${String(i)})` : null,
    },
    { id: id("microbatch"), status: i % 8 === 0 ? "partial success" : "success" },
  ];
  if (i >= 300) nodes.push({ id: id("new_model"), status: "success" });
  if (i < 100) nodes.push({ id: id("retired_model"), status: "success" });
  return nodes;
}

/** Runs i = 200, 250, 300, 350 and 390 are followed an hour later by a docs generate. */
const docsRuns = [200, 250, 300, 350, 390];

async function writeHistory(): Promise<string> {
  const project = await tempDir("synthetic");
  const targetDir = path.join(project, "target");
  const historyDir = path.join(project, "history");
  await fs.mkdir(targetDir);
  const archive = async (text: string): Promise<void> => {
    await fs.writeFile(path.join(targetDir, "run_results.json"), text);
    const outcome = await archiveRunArtifacts({ targetDir, historyDir });
    assert.deepEqual(outcome.problems, []);
  };

  for (let i = 0; i < runs; i++) {
    await archive(
      runResultsJson({
        generatedAt: runTime(i),
        invocationId: `run-${String(i)}`,
        nodes: nodesOf(i),
      }),
    );
    if (!docsRuns.includes(i)) continue;
    // docs generate says "success" for every node, even the broken one: it must not count.
    const compiled = nodesOf(i).map((node) => ({ ...node, status: "success" }));
    const at = new Date(runTime(i).getTime() + hour);
    await archive(
      runResultsJson({
        generatedAt: at,
        invocationId: `docs-${String(i)}`,
        which: "generate",
        nodes: compiled,
      }),
    );
  }
  return historyDir;
}

describe("uptime over a synthetic history of 400 runs", function () {
  let history: History;
  // One minute after the last run (i = 399).
  const now = new Date(runTime(399).getTime() + 60_000);

  before(async function () {
    history = await readHistory(await writeHistory());
  });
  after(removeTempDirs);

  function uptimeOver(windowText: string): UptimeReport {
    const window = parseWindow(windowText);
    assert.ok(window !== undefined);
    return computeUptime(history, { now, window });
  }

  function model(report: UptimeReport, name: string): ModelUptime {
    const found = report.models.find((m) => m.name === name);
    assert.ok(found !== undefined, name);
    return found;
  }

  it("reads all 405 files", function () {
    assert.equal(history.runs.length, 405);
    assert.deepEqual(history.problems, []);
  });

  describe("over 30 days", function () {
    // The window starts 720 h before now = start + 3 h × 399 + 1 min, i.e. at
    // start + 3 h × 159 + 1 min: runs 160 to 399 are in it, 240 runs.
    let report: UptimeReport;
    before(function () {
      report = uptimeOver("30d");
    });

    it("counts 240 runs and 5 docs generate runs that are not counted", function () {
      assert.equal(report.runsInWindow, 240);
      assert.deepEqual(report.runsNotCounted, [{ command: "generate", runs: 5 }]);
    });

    it("gives a model failing every 10th run 216 of 240", function () {
      // Multiples of 10 in 160..399: 160, 170, ..., 390 = 24.
      const m = model(report, "every_10th_fails");
      assert.equal(m.runsCounted, 240);
      assert.equal(m.successes, 216);
      assert.equal(m.uptime, 0.9);
    });

    it("gives a model failing every 7th run 205 of 240", function () {
      // Multiples of 7 in 160..399: floor(399 / 7) - floor(159 / 7) = 57 - 22 = 35.
      assert.equal(model(report, "every_7th_fails").successes, 205);
    });

    it("gives a model failing every 40th run 97.5 %", function () {
      // 160, 200, 240, 280, 320, 360 = 6 failures.
      assert.equal(model(report, "every_40th_fails").uptime, 234 / 240);
    });

    it("does not count skipped runs", function () {
      // i % 4 = 1 for 60 of the 240 runs.
      const m = model(report, "skipped_often");
      assert.equal(m.runsCounted, 180);
      assert.equal(m.uptime, 1);
    });

    it("counts a partial success as a failure", function () {
      // Multiples of 8 in 160..399: 160, 168, ..., 392 = 30.
      assert.equal(model(report, "microbatch").successes, 210);
    });

    it("reports when a broken model last succeeded and why it fails", function () {
      // Runs 380 to 399 fail: 20 of 240.
      const m = model(report, "broken_lately");
      assert.equal(m.successes, 220);
      assert.equal(m.lastSuccess?.getTime(), runTime(379).getTime());
      assert.equal(m.lastFailure?.at.getTime(), runTime(399).getTime());
      assert.equal(m.lastFailure.message, "relation does not exist (run 399)");
    });

    it("counts a new model from its first run and keeps a retired one with no runs", function () {
      assert.equal(model(report, "new_model").runsCounted, 100);
      const retired = model(report, "retired_model");
      assert.equal(retired.runsCounted, 0);
      assert.equal(retired.uptime, undefined);
      assert.equal(retired.lastSuccess?.getTime(), runTime(99).getTime());
    });

    it("takes the median execution time", function () {
      // Times 1 to 5 s, each 48 times in 240 runs; the 120th and 121st are both 3 s.
      assert.equal(model(report, "steady").medianSeconds, 3);
    });

    it("sorts by uptime, lowest first, with no-run tables last", function () {
      const names = report.models.map((m) => m.name);
      assert.deepEqual(names, [
        "every_7th_fails", // 205 / 240
        "microbatch", // 210 / 240
        "every_10th_fails", // 216 / 240
        "broken_lately", // 220 / 240
        "every_40th_fails", // 234 / 240
        "new_model",
        "skipped_often",
        "steady",
        "retired_model",
      ]);
    });
  });

  it("narrows to the last 56 runs over 7 days", function () {
    // 168 h before now is start + 3 h × 343 + 1 min: runs 344 to 399.
    const report = uptimeOver("7d");
    assert.equal(report.runsInWindow, 56);
    // Runs 380 to 399 fail: 36 of 56.
    assert.equal(model(report, "broken_lately").successes, 36);
    // 350 and 390 are followed by docs generate in the window.
    assert.deepEqual(report.runsNotCounted, [{ command: "generate", runs: 2 }]);
  });
});
