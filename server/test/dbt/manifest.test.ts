import * as assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import {
  ArtifactError,
  identifyArtifact,
  loadCatalog,
  loadManifest,
  parseManifest,
  type DbtManifest,
  type DbtModel,
} from "../../src/dbt";
import { catalogJson, manifestJson, modelNode, testNode } from "./builders";

function parse(json: unknown): DbtManifest {
  return parseManifest(json, "/p/target/manifest.json");
}

function only(manifest: DbtManifest): DbtModel {
  assert.equal(manifest.models.length, 1);
  const model = manifest.models[0];
  assert.ok(model !== undefined);
  return model;
}

describe("dbt manifest reader", () => {
  it("reads every schema version from v1 to v12 and v20 the same way", () => {
    for (const version of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20]) {
      const json = manifestJson({ version, nodes: [modelNode({ name: "orders" })] });
      const manifest = parse(json);
      assert.equal(manifest.schemaVersion, version);
      assert.deepEqual(manifest.warnings, [], `v${version} gives no warning`);
      assert.equal(only(manifest).relationName, "analytics.shop.orders");
    }
  });

  it("reads an unknown newer version with a warning instead of failing", () => {
    const manifest = parse(manifestJson({ version: 13, nodes: [modelNode({ name: "orders" })] }));
    assert.equal(only(manifest).name, "orders");
    assert.match(manifest.warnings.join(), /v13/);
  });

  it("reads a manifest without metadata version, as hand-written ones are", () => {
    const manifest = parse(manifestJson({ version: null, nodes: [modelNode({ name: "orders" })] }));
    assert.equal(manifest.schemaVersion, undefined);
    assert.equal(only(manifest).name, "orders");
  });

  it("tolerates meta: null and merges config.meta over meta", () => {
    const nullMeta = parse(manifestJson({ nodes: [modelNode({ name: "a", meta: null })] }));
    assert.deepEqual(only(nullMeta).meta, {});

    const merged = parse(
      manifestJson({
        nodes: [
          modelNode({
            name: "a",
            meta: { owner: "old", looker: { label: "A", hidden: true } },
            config: { meta: { owner: "new", looker: { label: "B" } } },
          }),
        ],
      }),
    );
    assert.deepEqual(only(merged).meta, { owner: "new", looker: { label: "B", hidden: true } });
  });

  it("merges column config.meta over column meta (dbt Fusion writes only config.meta)", () => {
    const json = manifestJson({
      version: 20,
      nodes: [
        modelNode({
          name: "a",
          columns: [
            {
              name: "x",
              meta: null,
              config: { meta: { dimension: { label: "X" } }, tags: ["pii"] },
            },
          ],
        }),
      ],
    });
    const column = only(parse(json)).columns[0];
    assert.ok(column !== undefined);
    assert.deepEqual(column.meta, { dimension: { label: "X" } });
    assert.deepEqual(column.tags, ["pii"]);
  });

  it("reads versioned models with their version", () => {
    const json = manifestJson({
      nodes: [modelNode({ name: "orders", version: 2 }), modelNode({ name: "orders", version: 1 })],
    });
    const models = parse(json).models;
    assert.deepEqual(
      models.map((m) => [m.uniqueId, m.name, m.version]),
      [
        ["model.shop.orders.v1", "orders", "1"],
        ["model.shop.orders.v2", "orders", "2"],
      ],
    );
  });

  it("gives ephemeral models no relation", () => {
    const json = manifestJson({
      nodes: [modelNode({ name: "int_x", materialized: "ephemeral", relation_name: null })],
    });
    assert.equal(only(parse(json)).relationName, undefined);
  });

  it("builds a null relation_name with the adapter's quoting", () => {
    const cases: [string, string][] = [
      ["postgres", '"analytics"."shop"."orders"'],
      ["redshift", '"analytics"."shop"."orders"'],
      ["duckdb", '"analytics"."shop"."orders"'],
      ["snowflake", "analytics.shop.orders"],
      ["bigquery", "`analytics`.`shop`.`orders`"],
      ["databricks", "`analytics`.`shop`.`orders`"],
      ["spark", "shop.orders"],
    ];
    for (const [adapter, expected] of cases) {
      const json = manifestJson({
        adapter,
        nodes: [modelNode({ name: "orders", relation_name: null })],
      });
      assert.equal(only(parse(json)).relationName, expected, adapter);
    }
  });

  it("honours the manifest's quoting and a model's own quoting config", () => {
    const json = manifestJson({
      adapter: "snowflake",
      metadata: { quoting: { database: false, schema: false, identifier: true } },
      nodes: [
        modelNode({ name: "a", relation_name: null }),
        modelNode({ name: "b", relation_name: null, config: { quoting: { identifier: false } } }),
      ],
    });
    const names = parse(json).models.map((m) => m.relationName);
    assert.deepEqual(names, ['analytics.shop."a"', "analytics.shop.b"]);
  });

  it("builds relations without a database when the node has none", () => {
    const json = manifestJson({
      adapter: "postgres",
      nodes: [modelNode({ name: "a", relation_name: null, database: null })],
    });
    assert.equal(only(parse(json)).relationName, '"shop"."a"');
  });

  it("reads tests, with their column and model, also before attached_node existed", () => {
    const id = "model.shop.orders";
    const json = manifestJson({
      nodes: [modelNode({ name: "orders" }), testNode(id, "id", "unique", false)],
    });
    const [test] = parse(json).tests;
    assert.ok(test !== undefined);
    assert.equal(test.testName, "unique");
    assert.equal(test.attachedNode, id);
    assert.equal(test.columnName, "id");
  });

  it("normalises Windows paths and keeps column order", () => {
    const json = manifestJson({
      nodes: [
        modelNode({
          name: "a",
          path: "models\\marts\\a.sql",
          columns: [{ name: "z" }, { name: "a" }, { name: "m" }],
        }),
      ],
    });
    const model = only(parse(json));
    assert.equal(model.originalFilePath, "models/marts/a.sql");
    assert.deepEqual(
      model.columns.map((c) => c.name),
      ["z", "a", "m"],
    );
  });

  it("reads sources with their relations", () => {
    const json = manifestJson({
      adapter: "postgres",
      nodes: [],
      sources: [
        {
          unique_id: "source.shop.raw.orders",
          resource_type: "source",
          name: "orders",
          source_name: "raw",
          database: "raw",
          schema: "public",
          identifier: "orders_tbl",
          relation_name: null,
          columns: { id: { name: "id", description: "Id" } },
        },
      ],
    });
    const [source] = parse(json).sources;
    assert.ok(source !== undefined);
    assert.equal(source.sourceName, "raw");
    assert.equal(source.relationName, '"raw"."public"."orders_tbl"');
    assert.equal(source.columns[0]?.description, "Id");
  });

  it("says what a file is when it is not a manifest", () => {
    const cases: [unknown, RegExp][] = [
      [
        { metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/catalog/v1.json" } },
        /catalog/,
      ],
      [{ metadata: {}, results: [], args: {} }, /run results/],
      [{ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object" }, /JSON Schema/],
      [{ semantic_models: [], metrics: [] }, /semantic manifest/],
      [[1, 2, 3], /not a dbt artifact/],
      [{ nodes: { x: { metadata: {}, columns: {} } } }, /catalog/],
    ];
    for (const [json, pattern] of cases) {
      assert.throws(
        () => parse(json),
        (error: unknown) =>
          error instanceof ArtifactError &&
          error.file === "/p/target/manifest.json" &&
          error.message.startsWith("/p/target/manifest.json: ") &&
          pattern.test(error.message),
      );
    }
  });

  it("identifies artifacts by declared version and by shape", () => {
    const runResults = { metadata: {}, results: [], elapsed_time: 1, args: {} };
    assert.deepEqual(identifyArtifact(runResults), { kind: "run-results" });
    assert.deepEqual(identifyArtifact({ metadata: {}, results: [], elapsed_time: 1 }), {
      kind: "sources",
    });
    const declared = {
      metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/sources/v3.json" },
    };
    assert.deepEqual(identifyArtifact(declared), { kind: "sources", version: 3 });
  });

  describe("files", () => {
    let dir = "";
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), "manifest-"));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    const failsWith = async (file: string, pattern: RegExp): Promise<void> => {
      await assert.rejects(
        loadManifest(file),
        (error: unknown) =>
          error instanceof ArtifactError &&
          error.message.includes(file) &&
          pattern.test(error.message),
      );
    };

    it("names the file when it is missing, empty or not JSON", async () => {
      const broken = path.join(dir, "broken.json");
      const empty = path.join(dir, "empty.json");
      await writeFile(broken, '{"metadata": {"dbt_schema_version": ');
      await writeFile(empty, "  \n");
      await failsWith(path.join(dir, "missing.json"), /no such file/);
      await failsWith(broken, /not valid JSON/);
      await failsWith(empty, /is empty/);
    });

    it("loads a manifest and a catalog that start with a byte-order mark", async () => {
      const file = path.join(dir, "bom-manifest.json");
      const doc = manifestJson({ nodes: [modelNode({ name: "a" })] });
      await writeFile(file, `\uFEFF${JSON.stringify(doc)}`);
      assert.equal((await loadManifest(file)).adapterType, "postgres");

      const catalogFile = path.join(dir, "bom-catalog.json");
      const catalog = catalogJson([{ uniqueId: "model.shop.a", columns: [["id", "integer"]] }]);
      await writeFile(catalogFile, `\uFEFF${JSON.stringify(catalog)}`);
      assert.deepEqual([...(await loadCatalog(catalogFile)).nodes.keys()], ["model.shop.a"]);
    });

    it("loads a manifest file", async () => {
      const file = path.join(dir, "manifest.json");
      await writeFile(file, JSON.stringify(manifestJson({ nodes: [modelNode({ name: "a" })] })));
      const manifest = await loadManifest(file);
      assert.equal(manifest.file, file);
      assert.equal(manifest.adapterType, "postgres");
    });
  });
});
