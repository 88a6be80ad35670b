import * as assert from "node:assert/strict";
import { projectHealth } from "../../src/looker/health";
import type { UsageView } from "../../src/looker/present";
import {
  hoverMarkdown,
  inlineText,
  reportRows,
  statusText,
  trendText,
  usageDiagnostics,
} from "../../src/looker/present";
import { reportHtml } from "../../src/looker/reportHtml";
import type { ExploreHealth, LookmlExplore, UsageData } from "../../src/looker/types";

const range = { start: { line: 4, character: 0 }, end: { line: 4, character: 15 } };
const NOW = new Date("2025-06-30T12:00:00Z");

function explore(name: string): LookmlExplore {
  return { model: "shop", name, uri: "file:///shop.model.lkml", range };
}

function health(runs: Record<string, number>, goal = 90): UsageView {
  const data: UsageData = {
    origin: "looker",
    fetchedAt: "2025-06-30T09:00:00Z",
    rows: Object.entries(runs).map(([e, n]) => ({
      model: "shop",
      explore: e,
      date: "2025-06-29",
      runs: n,
    })),
    missingModels: [],
    source: "https://looker.example",
  };
  const explores = Object.keys(runs).map(explore);
  return { health: projectHealth(explores, data, { threshold: 50, goalPercent: goal }), now: NOW };
}

function one(view: UsageView, name: string): ExploreHealth {
  const found = view.health.explores.find((e) => e.explore.name === name);
  assert.ok(found);
  return found;
}

describe("usage presentation", () => {
  it("writes the inline text of healthy and unhealthy explores", () => {
    const view = health({ orders: 1234, returns: 12 });
    assert.equal(inlineText(one(view, "orders"), 50, false), "1,234 queries · 30 days · healthy");
    assert.equal(inlineText(one(view, "returns"), 50, false), "12 queries · 30 days · below 50");
    assert.equal(
      inlineText(one(view, "returns"), 50, true),
      "12 queries · 30 days · below 50 · stale",
    );
  });

  it("writes the status as a share of healthy explores against the goal", () => {
    // 18 healthy of 25 = 72 %.
    const runs: Record<string, number> = {};
    for (let i = 0; i < 25; i++) runs[`e${i}`] = i < 18 ? 60 : 3;
    assert.equal(statusText(health(runs)), "Explores 72 % healthy (goal 90 %)");
    const stale = { ...health(runs), staleReason: "Looker could not be reached." };
    assert.equal(statusText(stale), "Explores 72 % healthy (goal 90 %) · 3 hours old");
  });

  it("describes the trend against the 30 days before", () => {
    assert.equal(
      trendText({ runs30: 150, runsPrevious30: 100, usersBasis: "distinct", complete: true }),
      "▲ +50 % against the 30 days before (100)",
    );
    assert.equal(
      trendText({ runs30: 50, runsPrevious30: 100, usersBasis: "distinct", complete: true }),
      "▼ -50 % against the 30 days before (100)",
    );
    assert.equal(
      trendText({ runs30: 5, runsPrevious30: 0, usersBasis: "distinct", complete: true }),
      "new (none in the 30 days before)",
    );
  });

  it("puts count, trend, users, last run, runtime and fetch time in the hover", () => {
    const view = health({ orders: 1234 });
    const md = hoverMarkdown(one(view, "orders"), view);
    assert.match(md, /1,234 queries in the last 30 days, healthy/);
    assert.match(md, /Trend: new/);
    assert.match(md, /Last run: 2025-06-29/);
    assert.match(md, /Fetched 2025-06-30 09:00 UTC \(3 hours ago\)/);
  });

  it("reports unhealthy explores with the configured severity, or not at all", () => {
    const view = health({ orders: 1234, returns: 12 });
    const diagnostics = usageDiagnostics(view.health, "information");
    assert.equal(diagnostics.length, 1);
    const first = diagnostics[0]!;
    assert.equal(first.severity, 3);
    assert.equal(
      first.message,
      'Explore "returns" ran 12 queries in the last 30 days, below the healthy threshold of 50.',
    );
    assert.deepEqual(first.range, range);
    assert.equal(usageDiagnostics(view.health, "warning")[0]?.severity, 2);
    assert.deepEqual(usageDiagnostics(view.health, "off"), []);
  });

  it("sorts the report unhealthy first, each group by usage", () => {
    const view = health({ a: 60, b: 5, c: 500, d: 20 });
    assert.deepEqual(
      reportRows(view.health).map((r) => r.explore),
      ["d", "b", "c", "a"],
    );
  });

  it("renders a self-contained report with an inline SVG chart", () => {
    const view = health({ "<img src=x>": 5, orders: 70 });
    const html = reportHtml(view);
    assert.match(html, /<svg [^>]*role="img"/);
    assert.equal((html.match(/<rect /g) ?? []).length, 2);
    assert.ok(!html.includes("<img"), "names are escaped");
    assert.ok(
      !/<script|src=["']?https?:|href=["']?https?:/i.test(html),
      "no scripts or outside assets",
    );
  });
});
