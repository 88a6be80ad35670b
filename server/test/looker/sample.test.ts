import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { projectHealth } from "../../src/looker/health";
import { statusText } from "../../src/looker/present";
import { readSnapshot } from "../../src/looker/snapshot";
import type { LookmlExplore } from "../../src/looker/types";

const FILE = path.resolve(__dirname, "../../../test-fixtures/sample/usage/usage.json");
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } };
const NAMES = ["orders", "customers", "order_items", "payments", "products"];

describe("the sample's usage snapshot", () => {
  it("gives the README demo its figures without Looker", () => {
    const data = readSnapshot(FILE, fs.readFileSync(FILE, "utf8"), new Date());
    const explores: LookmlExplore[] = NAMES.map((name) => ({
      model: "shop",
      name,
      uri: "file:///shop.model.lkml",
      range,
    }));
    const health = projectHealth(explores, data, { threshold: 50, goalPercent: 90 });
    const runs = Object.fromEntries(health.explores.map((e) => [e.explore.name, e.figures.runs30]));
    // Hand sums of the file's rows dated 2025-03-02 … 2025-03-31.
    assert.deepEqual(runs, {
      orders: 600 + 400 + 234,
      customers: 200 + 110,
      order_items: 52,
      payments: 12,
      products: 0,
    });
    assert.deepEqual(health.orphans, [{ model: "shop", explore: "legacy_orders", runs30: 4 }]);
    assert.equal(
      statusText({ health, now: new Date(data.fetchedAt) }),
      "Explores 60 % healthy (goal 90 %)",
    );
  });
});
