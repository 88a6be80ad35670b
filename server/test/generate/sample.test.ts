import * as assert from "node:assert/strict";
import path from "node:path";

import { generate, isHandEdited, readGeneratedHeader } from "../../src/generate";
import { readFolder } from "./helpers";

const sample = path.resolve(__dirname, "..", "..", "..", "test-fixtures", "sample");
const generated = path.join(sample, "lookml", "views", "generated");

describe("the sample project's generated views", () => {
  it("are what the generator writes today, so the demo's re-run says unchanged", async () => {
    const summary = await generate({
      dbtProjectDir: path.join(sample, "dbt"),
      outDir: generated,
      dryRun: true,
      env: {},
    });
    assert.deepEqual(summary.written, [], "regenerate the sample views: the generator changed");
    assert.deepEqual(summary.refused, []);
    assert.equal(summary.unchanged.length, 5);
    assert.deepEqual(summary.warnings, []);
  });

  it("carry an intact header naming their model", async () => {
    for (const [name, text] of await readFolder(generated)) {
      assert.equal(
        readGeneratedHeader(text)?.modelId,
        `model.shop.${name.replace(".view.lkml", "")}`,
      );
      assert.equal(isHandEdited(text), false, name);
    }
  });

  it("show the sample's features: keys, time zones, meta measures and quoting", async () => {
    const files = await readFolder(generated);
    const text = (name: string): string => files.get(`${name}.view.lkml`) ?? "";
    assert.match(
      text("order_items"),
      /dimension: primary_key \{\n {4}primary_key: yes\n {4}hidden: yes/,
    );
    assert.match(text("orders"), /dimension_group: ordered \{[^}]*convert_tz: yes/);
    assert.match(text("customers"), /dimension_group: created \{[^}]*convert_tz: no/);
    assert.match(text("customers"), /dimension_group: _loaded \{/);
    assert.match(
      text("payments"),
      /measure: amount_p90 \{\n {4}type: percentile\n {4}percentile: 90/,
    );
    assert.match(text("orders"), /filters: \[order_status: "completed"\]/);
    assert.match(text("products"), /sql: \$\{TABLE\}\."SupplierName" ;;/);
  });
});
