/** How uptime reads: the hover line, the warning, the tables. */
import * as assert from "node:assert/strict";
import {
  findUptime,
  formatPercent,
  uptimeHoverDetails,
  uptimeHoverLine,
  uptimeHtml,
  uptimeTable,
} from "../../src/runs/format";
import { uptimeDiagnostic } from "../../src/runs/diagnostic";
import type { ModelUptime, UptimeReport } from "../../src/runs/uptime";
import { ago, parseWindow } from "../../src/runs/window";

const now = new Date("2025-05-10T12:00:00Z");
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };

function orders(overrides: Partial<ModelUptime> = {}): ModelUptime {
  return {
    uniqueId: "model.shop.orders",
    resourceType: "model",
    name: "orders",
    version: undefined,
    runsCounted: 30,
    successes: 29,
    uptime: 29 / 30,
    lastSuccess: new Date("2025-05-10T10:00:00Z"),
    lastFailure: {
      at: new Date("2025-05-08T06:30:00Z"),
      status: "error",
      message: "Database Error in model orders\n  column x does not exist",
    },
    medianSeconds: 2.25,
    freshness: undefined,
    ...overrides,
  };
}

describe("uptime formatting", function () {
  it("writes the hover line of a generated view", function () {
    assert.equal(
      uptimeHoverLine(orders(), "in 30 days", now),
      "orders: 96.7 % uptime over 30 runs in 30 days · last success 2 h ago",
    );
  });

  it("adds the last failure to the hover when the table fails now, and stale sources", function () {
    const failing = orders({
      lastFailure: { at: new Date("2025-05-10T11:00:00Z"), status: "error", message: "boom" },
      freshness: {
        uniqueId: "source.shop.raw.orders",
        status: "warn",
        checkedAt: now,
        maxLoadedAt: undefined,
        ageSeconds: undefined,
        error: undefined,
      },
    });
    assert.equal(
      uptimeHoverLine(failing, "in 30 days", now),
      "orders: 96.7 % uptime over 30 runs in 30 days · last success 2 h ago · " +
        "last failure 1 h ago · source raw.orders freshness warn",
    );
    assert.deepEqual(uptimeHoverDetails(failing), [
      "median execution time 2.3 s",
      "last failure (2025-05-10 11:00 UTC): boom",
    ]);
  });

  it("says when no run executed the table and when it never succeeded", function () {
    const idle = orders({
      runsCounted: 0,
      successes: 0,
      uptime: undefined,
      lastSuccess: undefined,
    });
    assert.equal(
      uptimeHoverLine(idle, "in 7 days", now),
      "orders: no runs in 7 days · never succeeded · last failure 2 days ago",
    );
  });

  it("never rounds a failing table up to 100 %", function () {
    assert.equal(formatPercent(2999 / 3000), "99.9 %");
    assert.equal(formatPercent(1), "100 %");
    assert.equal(formatPercent(0.95), "95 %");
    assert.equal(formatPercent(0), "0 %");
  });

  it("warns below the threshold only, without relative times", function () {
    assert.equal(uptimeDiagnostic(orders(), "in 30 days", 95, range), undefined);
    const low = orders({ successes: 27, uptime: 0.9 });
    const diagnostic = uptimeDiagnostic(low, "in 30 days", 95, range);
    assert.equal(diagnostic?.severity, 2);
    assert.equal(diagnostic.code, "uptime-below-threshold");
    assert.equal(
      diagnostic.message,
      "orders: 90 % uptime over 30 runs in 30 days, below 95 %. " +
        "Last failure 2025-05-08 06:30 UTC: Database Error in model orders",
    );
    assert.equal(
      uptimeDiagnostic(orders({ uptime: undefined }), "in 30 days", 95, range),
      undefined,
    );
  });

  it("says how long ago in words a person would use", function () {
    const before = (ms: number): Date => new Date(now.getTime() - ms);
    assert.equal(ago(before(30_000), now), "just now");
    assert.equal(ago(before(45 * 60_000), now), "45 min ago");
    assert.equal(ago(before(2 * 3_600_000), now), "2 h ago");
    assert.equal(ago(before(3 * 86_400_000), now), "3 days ago");
    assert.equal(ago(new Date("2024-01-02T00:00:00Z"), now), "on 2024-01-02");
  });

  it("reads windows in days, weeks, months, years and from a date", function () {
    assert.equal(parseWindow("30d")?.start(now).toISOString(), "2025-04-10T12:00:00.000Z");
    assert.equal(parseWindow("2w")?.label, "in 2 weeks");
    assert.equal(
      parseWindow("3m")?.start(new Date("2025-05-31T00:00:00Z")).toISOString(),
      "2025-02-28T00:00:00.000Z",
    );
    assert.equal(parseWindow("1y")?.start(now).toISOString(), "2024-05-10T12:00:00.000Z");
    assert.equal(parseWindow("2025-01-31")?.label, "since 2025-01-31");
    assert.equal(parseWindow("soon"), undefined);
  });

  describe("the report", function () {
    const report: UptimeReport = {
      historyDir: "/p/.analytics-ops/run-history",
      now,
      windowText: "30d",
      windowStart: new Date("2025-04-10T12:00:00Z"),
      runsInWindow: 30,
      runsNotCounted: [{ command: "generate", runs: 2 }],
      models: [
        orders(),
        orders({ uniqueId: "seed.shop.orders", resourceType: "seed", uptime: 1, successes: 30 }),
      ],
      sources: [],
      problems: ["bad.run_results.json: it is not valid JSON; skipped"],
    };

    it("prints a text table with the skipped files", function () {
      const text = uptimeTable(report);
      assert.match(
        text,
        new RegExp(
          String.raw`^Uptime 2025-04-10 12:00 UTC to 2025-05-10 12:00 UTC \(30d\): ` +
            String.raw`30 runs \(not counted, nothing executed: 2 generate\)`,
        ),
      );
      assert.match(text, /\norders\s+96\.7 %\s+30\s+2 h ago\s+2 days ago\s+2\.3\s+-\n/);
      assert.match(text, /\norders \(seed\)\s+100 %/);
      assert.match(text, /Skipped files\n {2}bad\.run_results\.json/);
    });

    it("escapes names and messages in the HTML page", function () {
      const html = uptimeHtml({
        ...report,
        models: [
          orders({
            name: "<b>x</b>",
            lastFailure: { at: now, status: "error", message: 'a "quoted" <tag>' },
          }),
        ],
      });
      assert.ok(html.includes("&lt;b&gt;x&lt;/b&gt;"));
      assert.ok(html.includes("a &quot;quoted&quot; &lt;tag&gt;"));
      assert.ok(!html.includes("<b>x</b>"));
      assert.ok(html.includes("default-src 'none'"));
    });

    it("finds a model before a seed of the same name", function () {
      assert.equal(findUptime(report, "orders")?.resourceType, "model");
      assert.equal(findUptime(report, "nothing"), undefined);
    });
  });
});
