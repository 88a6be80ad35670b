import * as assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { checkCommand } from "../../src/cli/check";
import type { CliIo } from "../../src/cli/command";
import { generateCommand } from "../../src/cli/generate";
import { identifyArtifact, loadCatalog, loadManifest } from "../../src/dbt";
import { generateFromArtifacts } from "../../src/generate";
import { corpusDir, corpusJsonFiles } from "../dbt/corpus";
import { assertParses, readFolder, tempDir } from "./helpers";

/** The catalog written with a manifest: same folder and suffix, or dbt-artifacts-parser's. */
function catalogFor(manifestFile: string): string | undefined {
  const sameFolder = path.join(
    path.dirname(manifestFile),
    path.basename(manifestFile).replace("manifest", "catalog"),
  );
  const parserLayout = sameFolder.replace("/manifest/v12/", "/catalog/v1/");
  return [sameFolder, parserLayout].find((file) => existsSync(file));
}

function quietIo(cwd: string): CliIo & { text: () => string } {
  let text = "";
  const add = (t: string): void => {
    text += t;
  };
  return { out: add, err: add, cwd, env: {}, now: () => new Date(0), text: () => text };
}

describe("generating from the corpus", function () {
  before(function () {
    if (!existsSync(corpusDir)) {
      console.log(`skipped: no corpus at ${corpusDir}`);
      this.skip();
    }
  });

  it("generates views that parse, pass check and stay stable, for every manifest", async () => {
    let manifests = 0;
    let views = 0;
    for (const file of await corpusJsonFiles()) {
      const json = JSON.parse(await readFile(file, "utf8")) as unknown;
      if (identifyArtifact(json).kind !== "manifest") continue;
      const manifest = await loadManifest(file);
      if (manifest.models.length === 0) continue;

      const catalogFile = catalogFor(file);
      const catalog = catalogFile === undefined ? undefined : await loadCatalog(catalogFile);
      const { dir: root, remove } = await tempDir("corpus-");
      // `check` looks for dbt projects beside the folder it checks: that must be our own folder.
      const lookml = path.join(root, "lookml");
      const dir = path.join(lookml, "views");
      try {
        const summary = await generateFromArtifacts({ manifest, catalog, outDir: dir });
        assert.deepEqual([summary.refused, summary.errors], [[], []], file);
        const files = await readFolder(dir);
        assert.equal(files.size, summary.written.length, file);
        for (const [name, text] of files) assertParses(text, `${file} → ${name}`);
        const check = quietIo(root);
        assert.equal(await checkCommand([lookml], check), 0, `${file}: ${check.text()}`);

        const again = await generateFromArtifacts({ manifest, catalog, outDir: dir });
        assert.equal(again.written.length, 0, `${file}: second run rewrote files`);
        manifests += 1;
        views += files.size;
      } finally {
        await remove();
      }
    }
    assert.ok(manifests >= 45, `${manifests} manifests with models`);
    assert.ok(views >= 300, `${views} views`);
  });

  it("turns the dbt2looker-bigquery fixtures' nested types into nested views", async () => {
    const folder = path.join(
      corpusDir,
      "dbt/seven-dev__dbt2looker-bigquery/tests/fixtures/standard",
    );
    const manifest = await loadManifest(path.join(folder, "manifest.json"));
    const catalog = await loadCatalog(path.join(folder, "catalog.json"));
    const { dir, remove } = await tempDir("corpus-bq-");
    try {
      await generateFromArtifacts({ manifest, catalog, outDir: dir });
      const text = (await readFolder(dir)).get(
        "example_retail_data__fact_daily_sales_v1.view.lkml",
      );
      assert.ok(text !== undefined);
      assert.match(text, /^view: example_retail_data__fact_daily_sales_v1__sales \{$/m);
      assert.match(
        text,
        /^view: example_retail_data__fact_daily_sales_v1__sales__fact_transaction_keys \{$/m,
      );
      assert.match(text, /dimension_group: md_insert_dttm \{[^}]*datatype: datetime/);
      assert.match(text, /dimension: profit_amount \{\n {4}type: number/);
    } finally {
      await remove();
    }
  });

  it(
    "makes jaffle_shop's order_date " + "(meta.dimension.type: date) a date dimension_group",
    async () => {
      const folder = path.join(
        corpusDir,
        "dbt/yu-iskw__dbt-artifacts-parser/tests/resources/manifest",
      );
      const files = [
        "v10/jaffle_shop/manifest.json",
        "v11/jaffle_shop/manifest.json",
        "v12/jaffle_shop/manifest_1.8.json",
        "v12/jaffle_shop/manifest_1.9.json",
      ];
      for (const file of files) {
        const manifest = await loadManifest(path.join(folder, file));
        const { dir, remove } = await tempDir("corpus-jaffle-");
        try {
          const summary = await generateFromArtifacts({
            manifest,
            outDir: dir,
            select: ["orders"],
          });
          const orders = (await readFolder(dir)).get("orders.view.lkml") ?? "";
          assert.match(orders, /dimension_group: order \{[^}]*datatype: date/, file);
          const typeWarnings = summary.warnings.filter((w) => w.message.includes("dimension type"));
          assert.deepEqual(typeWarnings, [], file);
        } finally {
          await remove();
        }
      }
    },
  );

  it("runs end to end on the Snowflake project: generate, then a clean check", async () => {
    const project = path.join(corpusDir, "dbt/AvinashAnalytics__shopverse-dbt-snowflake-pipeline");
    const { dir, remove } = await tempDir("corpus-snowflake-");
    try {
      const out = path.join(dir, "views", "generated");
      const generate = quietIo(dir);
      assert.equal(await generateCommand(["--project", project, "--out", out], generate), 0);
      assert.match(generate.text(), /12 model\(s\) selected: 10 written, 0 unchanged, 2 skipped/);
      // order_status is documented with `data_type: null` and is not in the catalog.
      assert.match(generate.text(), /stg_orders: 1 column\(s\) have no type .*: order_status/);
      assert.doesNotMatch(generate.text(), /typed from data_type\): [^\n]*order_status/);
      const orders = await readFile(path.join(out, "stg_orders.view.lkml"), "utf8");
      assert.match(orders, /sql_table_name: shopverse_analytics\.silver\.stg_orders ;;/);
      assert.match(
        orders,
        new RegExp(
          String.raw`dimension: order_id \{\n {4}primary_key: yes\n {4}type: string\n` +
            String.raw` {4}sql: \$\{TABLE\}\.ORDER_ID ;;`,
        ),
      );

      const check = quietIo(dir);
      const code = await checkCommand([dir, "--dbt", project], check);
      assert.equal(code, 0, check.text());

      const again = quietIo(dir);
      assert.equal(await generateCommand(["--project", project, "--out", out], again), 0);
      assert.match(again.text(), /0 written, 10 unchanged/);
    } finally {
      await remove();
    }
  });
});
