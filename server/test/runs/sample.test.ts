/**
 * The sample history in test-fixtures/sample/run-history: 30 daily builds of the shop project
 * (2026-10-31 to 2026-11-29, 05:00 UTC), one docs generate and one source freshness check.
 * orders failed on days 12 and 26, when order_items was skipped; payments failed on day 20.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { uptimeHoverLine } from "../../src/runs/format";
import { readHistory } from "../../src/runs/history";
import { computeUptime, type UptimeReport } from "../../src/runs/uptime";
import { parseWindow } from "../../src/runs/window";

const historyDir = path.resolve(__dirname, "../../../test-fixtures/sample/run-history");
const now = new Date("2026-11-30T00:00:00Z");

describe("uptime of the sample run history", function () {
  let report: UptimeReport;
  before(async function () {
    const window = parseWindow("30d");
    assert.ok(window !== undefined);
    const history = await readHistory(historyDir);
    report = computeUptime(history, {
      now,
      window,
      upstreamSources: (id) => [`source.shop.raw.${id.split(".")[2] ?? ""}`],
    });
  });

  it("counts the 30 builds, not the docs generate", function () {
    assert.deepEqual(report.problems, []);
    assert.equal(report.runsInWindow, 30);
    assert.deepEqual(report.runsNotCounted, [{ command: "generate", runs: 1 }]);
  });

  it("lists orders (28 of 30) and payments (29 of 30) first", function () {
    const rows = report.models.map((m) => [m.name, m.successes, m.runsCounted]);
    assert.deepEqual(rows, [
      ["orders", 28, 30],
      ["payments", 29, 30],
      ["customers", 30, 30],
      ["order_items", 28, 28],
      ["products", 30, 30],
    ]);
  });

  it("writes the payments hover with its stale source", function () {
    const payments = report.models[1];
    assert.ok(payments !== undefined);
    assert.equal(
      uptimeHoverLine(payments, "in 30 days", now),
      "payments: 96.7 % uptime over 30 runs in 30 days · last success 19 h ago · " +
        "source raw.payments freshness warn",
    );
  });
});
