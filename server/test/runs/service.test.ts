/** The server's uptime service: hovers, warnings, settings, new runs and auto-archive. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { defaultUptimeSettings } from "../../../common/src/runs";
import { UptimeService } from "../../src/runs/service";
import { removeTempDirs, runResultsJson, sourcesJson, tempDir } from "./helpers";

const now = new Date("2025-05-10T12:00:00Z");
const hour = 3_600_000;
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
const silent = { info: (): void => undefined, warn: (): void => undefined };

async function project(): Promise<string> {
  const dir = await tempDir("service");
  await fs.writeFile(path.join(dir, "dbt_project.yml"), "name: shop\n");
  await fs.mkdir(path.join(dir, "target"));
  const manifest = {
    nodes: {
      "model.shop.orders": { depends_on: { nodes: ["source.shop.raw.orders", "model.shop.stg"] } },
    },
  };
  await fs.writeFile(path.join(dir, "target", "manifest.json"), JSON.stringify(manifest));
  return dir;
}

async function dbtRun(dir: string, i: number, ordersStatus: string): Promise<void> {
  const text = runResultsJson({
    generatedAt: new Date(now.getTime() - (20 - i) * hour),
    invocationId: `r${String(i)}`,
    nodes: [{ id: "model.shop.orders", status: ordersStatus, message: "relation missing" }],
  });
  await fs.writeFile(path.join(dir, "target", "run_results.json"), text);
}

describe("the uptime service", function () {
  after(removeTempDirs);

  it("archives only when auto-archive is on, then answers hovers and warnings", async function () {
    const dir = await project();
    const service = new UptimeService(silent, {});
    const on = { ...defaultUptimeSettings, autoArchive: true };
    await dbtRun(dir, 0, "success");
    assert.deepEqual(
      await service.onRunArtifactChanged({ projectDir: dir }, defaultUptimeSettings),
      [],
    );
    for (let i = 0; i < 10; i++) {
      await dbtRun(dir, i, i < 8 ? "success" : "error");
      assert.equal((await service.onRunArtifactChanged({ projectDir: dir }, on)).length, 1);
    }
    const freshness = sourcesJson({
      generatedAt: now,
      invocationId: "f1",
      sources: [{ id: "source.shop.raw.orders", status: "error" }],
    });
    await fs.writeFile(path.join(dir, "target", "sources.json"), freshness);
    assert.equal((await service.onRunArtifactChanged({ projectDir: dir }, on)).length, 1);

    const view = await service.view({ projectDir: dir }, defaultUptimeSettings, now);
    // Runs 8 and 9 (12 h and 11 h ago) failed: 8 of 10.
    assert.deepEqual(service.hover(view, "orders"), [
      "orders: 80 % uptime over 10 runs in 30 days · last success 13 h ago · " +
        "last failure 11 h ago · source raw.orders freshness error",
      "median execution time 1.0 s",
      "last failure (2025-05-10 01:00 UTC): relation missing",
    ]);
    assert.match(
      service.diagnostic(view, "orders", range)?.message ?? "",
      /^orders: 80 % uptime over 10 runs in 30 days, below 95 %/,
    );
    assert.equal(service.diagnostic(view, "orders", range)?.range, range);
    assert.deepEqual(service.hover(view, "customers"), []);
    const later = new Date(now.getTime() + 2 * hour);
    assert.match(
      service.hover(view, "orders", later)[0] ?? "",
      /last success 15 h ago · last failure 13 h ago/,
    );
    assert.equal(service.diagnostic({ ...view, warnBelowPercent: 0 }, "orders", range), undefined);
  });

  it("sees a run added since the last view", async function () {
    const dir = await project();
    const service = new UptimeService(silent, {});
    const on = { ...defaultUptimeSettings, autoArchive: true };
    await dbtRun(dir, 0, "success");
    await service.onRunArtifactChanged({ projectDir: dir }, on);
    const first = await service.view({ projectDir: dir }, on, now);
    await dbtRun(dir, 1, "error");
    await service.onRunArtifactChanged({ projectDir: dir }, on);
    const second = await service.view({ projectDir: dir }, on, now);

    assert.equal(first.report.models[0]?.runsCounted, 1);
    const [orders] = second.report.models;
    assert.equal(orders?.runsCounted, 2);
    assert.equal(orders.uptime, 0.5);
  });

  it("falls back to 30 days on a window setting it cannot read, and says so", async function () {
    const dir = await project();
    const service = new UptimeService(silent, {});
    const view = await service.view(
      { projectDir: dir },
      { ...defaultUptimeSettings, window: "a while" },
      now,
    );
    assert.equal(view.windowLabel, "in 30 days");
    assert.match(
      view.settingProblems[0] ?? "",
      /analyticsOps\.uptime\.window "a while" is not a window/,
    );
    assert.equal(view.report.models.length, 0);
  });
});
