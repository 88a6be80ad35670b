/**
 * Bug metrics over a hand-written ledger with a fixed clock. Every expected figure is worked
 * out by hand in the comments from the dates below.
 */
import * as assert from "node:assert/strict";
import { foldLedger } from "../../src/bugs/ledger";
import { computeBugMetrics, type BugMetrics } from "../../src/bugs/metrics";
import { bugMetricsHtml, bugMetricsTable } from "../../src/bugs/report";
import { parseWindow } from "../../src/runs/window";

function opened(
  id: string,
  at: string,
  cause: string,
  category: string,
  explore?: string,
  view?: string,
): string {
  return JSON.stringify({
    event: "opened",
    id,
    openedAt: at,
    by: "Ada <ada@example.com>",
    title: `bug ${id}`,
    category,
    rootCause: cause,
    explore,
    view,
  });
}
function closed(id: string, at: string): string {
  return JSON.stringify({ event: "closed", id, closedAt: at, by: "Ada <ada@example.com>" });
}

const P = "own-predictable-error";
const U = "own-unpredictable-error";
const C = "process-concept-change";

// now = 2025-06-30; the window "3m" starts 2025-03-30.
const ledger = [
  // Closed before the window.
  opened("A", "2025-01-10T00:00:00Z", P, "Wrong data", "orders", "orders"),
  closed("A", "2025-02-01T00:00:00Z"),
  // 40 days, closed in the window.
  opened("B", "2025-03-01T00:00:00Z", P, "Wrong data", "orders", "orders"),
  opened("C", "2025-03-20T00:00:00Z", C, "Wrong data", "orders", "order_items"), // open: 102 days
  opened("D", "2025-04-01T00:00:00Z", P, "Performance", "customers", "customers"), // 2.5 days
  closed("B", "2025-04-10T00:00:00Z"),
  closed("D", "2025-04-03T12:00:00Z"),
  opened("E", "2025-05-01T00:00:00Z", U, "Wrong data", "orders", "orders"), // 10 days
  closed("E", "2025-05-11T00:00:00Z"),
  opened("F", "2025-06-20T00:00:00Z", P, "Access", undefined, "orders"), // open: 10 days
  opened(
    "G",
    "2025-06-29T12:00:00Z",
    U,
    "Problem/Help with curated dashboard",
    "customers",
    "customers",
  ), // open: 0.5 days
  opened("H", "2025-07-05T00:00:00Z", P, "Wrong data", "orders", "orders"), // after now: left out
  // Closed after now: open, 29 days.
  opened("I", "2025-06-01T00:00:00Z", C, "Wrong data", "inventory", "stock"),
  closed("I", "2025-07-01T00:00:00Z"),
].join("\n");

describe("bug metrics with a fixed clock", function () {
  let metrics: BugMetrics;
  before(function () {
    const { bugs, problems } = foldLedger(ledger, "bugs.jsonl");
    assert.deepEqual(problems, []);
    const window = parseWindow("3m");
    assert.ok(window !== undefined);
    metrics = computeBugMetrics(bugs, { now: new Date("2025-06-30T00:00:00Z"), window });
  });

  it("starts the 3-month window on 2025-03-30", function () {
    assert.equal(metrics.windowStart.toISOString(), "2025-03-30T00:00:00.000Z");
  });

  it("counts the bugs in attention, opened, closed and still open", function () {
    // In attention: B C D E F G I. Opened in the window: D E F G I. Closed in it: B D E.
    // Open now: C F G I.
    const { total } = metrics;
    assert.equal(total.bugs, 7);
    assert.equal(total.opened, 5);
    assert.equal(total.closed, 3);
    assert.equal(total.open, 4);
  });

  it("takes mean and median days in attention, to now for open bugs", function () {
    // 40 + 102 + 2.5 + 10 + 10 + 0.5 + 29 = 194 over 7; sorted, the 4th is 10.
    assert.ok(Math.abs((metrics.total.meanDays ?? 0) - 194 / 7) < 1e-9);
    assert.equal(metrics.total.medianDays, 10);
  });

  it("splits by root cause, listing all three", function () {
    const rows = metrics.byRootCause.map((g) => [
      g.key,
      g.bugs,
      g.opened,
      g.closed,
      g.open,
      g.meanDays,
      g.medianDays,
    ]);
    assert.deepEqual(rows, [
      // B D F: 40, 2.5, 10.
      [P, 3, 2, 2, 1, 17.5, 10],
      // E G: 10, 0.5.
      [U, 2, 2, 1, 1, 5.25, 5.25],
      // C I: 102, 29.
      [C, 2, 1, 0, 2, 65.5, 65.5],
    ]);
  });

  it("splits by category, most bugs first, then by name", function () {
    const rows = metrics.byCategory.map((g) => [g.key, g.bugs, g.meanDays, g.medianDays]);
    assert.deepEqual(rows, [
      // B C E I: 40, 102, 10, 29.
      ["Wrong data", 4, 45.25, 34.5],
      ["Access", 1, 10, 10],
      ["Performance", 1, 2.5, 2.5],
      ["Problem/Help with curated dashboard", 1, 0.5, 0.5],
    ]);
  });

  it("lists the explores and views with most bugs", function () {
    assert.deepEqual(metrics.topExplores, [
      { name: "orders", bugs: 3 },
      { name: "customers", bugs: 2 },
      { name: "inventory", bugs: 1 },
    ]);
    assert.deepEqual(metrics.topViews, [
      { name: "orders", bugs: 3 },
      { name: "customers", bugs: 2 },
      { name: "order_items", bugs: 1 },
      { name: "stock", bugs: 1 },
    ]);
  });

  it("prints the same figures in the table", function () {
    const text = bugMetricsTable(metrics, "bugs.jsonl");
    assert.match(
      text,
      /^Bugs from 2025-03-30 to 2025-06-30 \(3m\): 5 opened, 3 closed, 4 open now/,
    );
    assert.match(text, /\nall bugs\s+7\s+5\s+3\s+4\s+27\.7\s+10\.0\n/);
    assert.match(text, /\nown predictable error\s+3\s+2\s+2\s+1\s+17\.5\s+10\.0\n/);
    assert.match(text, /\nprocess concept change\s+2\s+1\s+0\s+2\s+65\.5\s+65\.5\n/);
    assert.match(text, /\nWrong data\s+4\s+2\s+2\s+2\s+45\.3\s+34\.5\n/);
    assert.match(text, /\norders\s+3\n/);
  });

  it("draws one bar per root cause and per category in the page", function () {
    const html = bugMetricsHtml(metrics, "bugs.jsonl");
    assert.equal((html.match(/<rect /g) ?? []).length, 3 + 4);
    assert.ok(html.includes(">own unpredictable error</text>"));
    assert.ok(html.includes("Problem/Help with curated dashboard"));
  });

  it("gives empty figures for an empty ledger", function () {
    const window = parseWindow("90d");
    assert.ok(window !== undefined);
    const empty = computeBugMetrics([], { now: new Date("2025-06-30T00:00:00Z"), window });
    assert.equal(empty.total.bugs, 0);
    assert.equal(empty.total.meanDays, undefined);
    assert.deepEqual(empty.byCategory, []);
    assert.match(bugMetricsTable(empty, "x"), /all bugs\s+0\s+0\s+0\s+0\s+-\s+-/);
  });
});
