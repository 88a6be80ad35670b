import * as assert from "node:assert/strict";

import { UserError } from "../../src/cli/command";
import { parseManifest, type DbtModel } from "../../src/dbt";
import { selectModels } from "../../src/generate/select";
import { manifestJson, modelNode } from "../dbt/builders";

const models: DbtModel[] = parseManifest(
  manifestJson({
    nodes: [
      modelNode({ name: "stg_orders", path: "models/staging/stg_orders.sql", tags: ["staging"] }),
      modelNode({
        name: "stg_payments",
        path: "models/staging/stg_payments.sql",
        tags: ["staging"],
      }),
      modelNode({ name: "orders", path: "models/marts/sales/orders.sql", tags: ["finance"] }),
      modelNode({
        name: "payments",
        path: "models\\marts\\finance\\payments.sql",
        tags: ["finance"],
      }),
      modelNode({ name: "customers", path: "models/marts/core/customers.sql", version: 2 }),
    ],
  }),
  "manifest.json",
).models;

function names(select: string[]): string[] {
  return selectModels(models, select).selected.map((m) => m.name);
}

describe("model selection", () => {
  it("selects everything when nothing is asked", () => {
    assert.equal(names([]).length, 5);
    assert.equal(names([" "]).length, 5);
  });

  it("selects by name and name glob", () => {
    assert.deepEqual(names(["orders"]), ["orders"]);
    assert.deepEqual(names(["stg_*"]), ["stg_orders", "stg_payments"]);
    assert.deepEqual(names(["*payments"]), ["payments", "stg_payments"]);
  });

  it("selects a versioned model by its dbt and view spellings", () => {
    assert.deepEqual(names(["customers.v2"]), ["customers"]);
    assert.deepEqual(names(["customers_v2"]), ["customers"]);
    assert.deepEqual(names(["customers_v1"]), []);
  });

  it("selects by tag", () => {
    assert.deepEqual(names(["tag:finance"]), ["orders", "payments"]);
  });

  it("selects by path glob and by folder, with Windows paths too", () => {
    assert.deepEqual(names(["path:models/marts/**/*.sql"]), ["customers", "orders", "payments"]);
    assert.deepEqual(names(["path:models/marts/finance"]), ["payments"]);
    assert.deepEqual(names(["path:models/staging/"]), ["stg_orders", "stg_payments"]);
    assert.deepEqual(names(["path:models/marts/sales/orders.sql"]), ["orders"]);
  });

  it("unites space-separated and repeated selectors, and intersects comma-joined ones", () => {
    assert.deepEqual(names(["orders customers"]), ["customers", "orders"]);
    assert.deepEqual(names(["orders", "tag:staging"]), ["orders", "stg_orders", "stg_payments"]);
    assert.deepEqual(names(["tag:finance,path:models/marts/sales"]), ["orders"]);
  });

  it("reports selectors that matched nothing", () => {
    const result = selectModels(models, ["orders", "tag:nope", "missing_*"]);
    assert.deepEqual(result.unmatched, ["tag:nope", "missing_*"]);
  });

  it("refuses syntax it does not support, saying what is supported", () => {
    for (const selector of [
      "+orders",
      "orders+",
      "2+orders",
      "@orders",
      "config.materialized:view",
    ]) {
      assert.throws(
        () => names([selector]),
        (error: unknown) => error instanceof UserError && error.message.includes(selector),
      );
    }
  });
});
