import * as assert from "node:assert/strict";
import { figuresByExplore, exploreKey } from "../../src/looker/figures";
import { projectHealth } from "../../src/looker/health";
import type { LookmlExplore, UsageData, UsageRow } from "../../src/looker/types";

const AS_OF = new Date("2025-06-30T08:00:00Z");
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } };

function explore(model: string, name: string): LookmlExplore {
  return { model, name, uri: `file:///${model}.model.lkml`, range };
}

function data(rows: UsageRow[], extra: Partial<UsageData> = {}): UsageData {
  return {
    origin: "looker",
    fetchedAt: AS_OF.toISOString(),
    rows,
    missingModels: [],
    source: "x",
    ...extra,
  };
}

describe("usage figures", () => {
  it("splits days into the last 30 (age 0-29) and the 30 before (age 30-59)", () => {
    const rows: UsageRow[] = [
      { model: "m", explore: "e", date: "2025-06-30", runs: 1 }, // age 0
      { model: "m", explore: "e", date: "2025-06-01", runs: 2 }, // age 29
      { model: "m", explore: "e", date: "2025-05-31", runs: 4 }, // age 30
      { model: "m", explore: "e", date: "2025-05-02", runs: 8 }, // age 59
      { model: "m", explore: "e", date: "2025-05-01", runs: 16 }, // age 60: outside both
    ];
    const f = figuresByExplore(rows, AS_OF).get(exploreKey("m", "e"))!;
    assert.equal(f.runs30, 1 + 2);
    assert.equal(f.runsPrevious30, 4 + 8);
    assert.equal(f.lastRunDate, "2025-06-30");
  });

  it("weighs each day's average runtime by its runs", () => {
    const rows: UsageRow[] = [
      { model: "m", explore: "e", date: "2025-06-29", runs: 3, averageRuntime: 2 },
      { model: "m", explore: "e", date: "2025-06-28", runs: 1, averageRuntime: 10 },
    ];
    // (3 × 2 + 1 × 10) / 4 = 4
    assert.equal(figuresByExplore(rows, AS_OF).get(exploreKey("m", "e"))?.averageRuntimeSeconds, 4);
  });

  it("takes undated rows (a snapshot of totals) as the last 30 days, with no trend", () => {
    const rows: UsageRow[] = [{ model: "m", explore: "e", runs: 120, users: 9 }];
    const f = figuresByExplore(rows, AS_OF).get(exploreKey("m", "e"))!;
    assert.equal(f.runs30, 120);
    assert.equal(f.runsPrevious30, undefined);
    assert.equal(f.users, 9);
    assert.equal(f.usersBasis, "distinct");
  });
});

describe("explore health", () => {
  const rows: UsageRow[] = [
    { model: "m", explore: "busy", date: "2025-06-20", runs: 50 },
    { model: "m", explore: "quiet", date: "2025-06-20", runs: 49 },
    { model: "m", explore: "gone", date: "2025-06-20", runs: 7 },
  ];
  const explores = [
    explore("m", "busy"),
    explore("m", "quiet"),
    explore("m", "unused"),
    explore("m", "busy"),
  ];

  it("counts LookML explores without rows as 0, each explore once, and orphans apart", () => {
    const health = projectHealth(explores, data(rows), { threshold: 50, goalPercent: 90 });
    assert.deepEqual(
      health.explores.map((e) => [e.explore.name, e.figures.runs30, e.healthy]),
      [
        ["busy", 50, true],
        ["quiet", 49, false],
        ["unused", 0, false],
      ],
    );
    // 1 of 3 healthy = 33.3 %.
    assert.equal(health.healthyPercent, 33.3);
    assert.equal(health.meetsGoal, false);
    assert.deepEqual(health.orphans, [{ model: "m", explore: "gone", runs30: 7 }]);
  });

  it("meets a goal the healthy share reaches exactly", () => {
    const health = projectHealth([explore("m", "busy"), explore("m", "quiet")], data(rows), {
      threshold: 49,
      goalPercent: 100,
    });
    assert.equal(health.healthyPercent, 100);
    assert.equal(health.meetsGoal, true);
  });

  it("calls a project without explores 100 % healthy", () => {
    const health = projectHealth([], data(rows), { threshold: 50, goalPercent: 90 });
    assert.equal(health.healthyPercent, 100);
  });
});
