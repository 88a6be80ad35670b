import * as assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { ArtifactError, identifyArtifact, loadCatalog, loadManifest } from "../../src/dbt";
import { corpusDir, corpusJsonFiles } from "./corpus";

describe("dbt reader on the corpus", function () {
  before(function () {
    if (!existsSync(corpusDir)) {
      console.log(`skipped: no corpus at ${corpusDir}`);
      this.skip();
    }
  });

  it("loads every manifest, and rejects every other file with a message naming it", async () => {
    const versions = new Set<number>();
    let manifests = 0;
    let rejected = 0;

    for (const file of await corpusJsonFiles()) {
      const identity = identifyArtifact(JSON.parse(await readFile(file, "utf8")) as unknown);
      try {
        const manifest = await loadManifest(file);
        assert.equal(identity.kind, "manifest", `${file} loaded as a manifest`);
        if (manifest.schemaVersion !== undefined) versions.add(manifest.schemaVersion);
        for (const model of manifest.models) {
          assert.ok(model.name !== "" && model.identifier !== "", `${model.uniqueId} has a name`);
          const ephemeral = model.materialized === "ephemeral";
          assert.equal(model.relationName === undefined, ephemeral, `${model.uniqueId} relation`);
        }
        manifests += 1;
      } catch (error: unknown) {
        assert.ok(error instanceof ArtifactError, `${file}: ${String(error)}`);
        assert.ok(error.message.startsWith(`${file}: this is `), error.message);
        assert.notEqual(identity.kind, "manifest", `${file} is a manifest but failed`);
        rejected += 1;
      }
    }

    assert.deepEqual(
      [...versions].sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    );
    assert.ok(manifests >= 50, `${manifests} manifests`);
    assert.ok(rejected >= 50, `${rejected} other files`);
  });

  it("loads every catalog", async () => {
    // dbt-artifacts-parser's `resources/` folder holds JSON Schemas, not catalogs.
    const catalogs = (await corpusJsonFiles()).filter(
      (f) => path.basename(f).startsWith("catalog") && !f.includes("/dbt_artifacts_parser/"),
    );
    for (const file of catalogs) {
      const catalog = await loadCatalog(file);
      for (const table of catalog.nodes.values()) {
        const indexes = table.columns.map((c) => c.index);
        assert.deepEqual(
          indexes,
          [...indexes].sort((a, b) => a - b),
          `${file} ${table.uniqueId}`,
        );
      }
    }
    assert.ok(catalogs.length >= 10);
  });

  it("reads the Snowflake project's models, keys and tests", async () => {
    const file = path.join(
      corpusDir,
      "dbt/AvinashAnalytics__shopverse-dbt-snowflake-pipeline/target/manifest.json",
    );
    const manifest = await loadManifest(file);
    assert.equal(manifest.adapterType, "snowflake");
    const orders = manifest.models.find((m) => m.name === "stg_orders");
    assert.ok(orders !== undefined);
    assert.equal(orders.relationName, "shopverse_analytics.silver.stg_orders");
    assert.deepEqual(orders.primaryKey, ["order_id"]);
    assert.equal(orders.originalFilePath.includes("\\"), false);
    const ephemeral = manifest.models.filter((m) => m.materialized === "ephemeral");
    assert.equal(ephemeral.length, 2);
    assert.ok(
      manifest.tests.some((t) => t.testName === "unique" && t.attachedNode === orders.uniqueId),
    );
  });
});
