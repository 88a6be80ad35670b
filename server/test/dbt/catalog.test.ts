import * as assert from "node:assert/strict";

import { ArtifactError, findCatalogTable, parseCatalog, type CatalogTable } from "../../src/dbt";
import { catalogJson } from "./builders";

describe("dbt catalog reader", () => {
  it("reads tables with columns sorted by position", () => {
    const json = catalogJson([
      {
        uniqueId: "model.shop.orders",
        columns: [
          ["ID", "NUMBER"],
          ["STATUS", "TEXT"],
        ],
      },
    ]);
    const table = parseCatalog(json, "catalog.json").nodes.get("model.shop.orders");
    assert.deepEqual(
      table?.columns.map((c) => [c.name, c.type, c.index]),
      [
        ["ID", "NUMBER", 1],
        ["STATUS", "TEXT", 2],
      ],
    );
  });

  it("orders columns by index even when the JSON lists them otherwise", () => {
    const json = {
      metadata: {},
      nodes: {
        "model.a.t": {
          metadata: { name: "t" },
          columns: { b: { type: "INT64", index: 2 }, a: { data_type: "STRING", index: 1 } },
        },
      },
    };
    const table = parseCatalog(json, "c.json").nodes.get("model.a.t");
    assert.deepEqual(
      table?.columns.map((c) => [c.name, c.type]),
      [
        ["a", "STRING"],
        ["b", "INT64"],
      ],
    );
  });

  it("finds a table by unique id, else by relation regardless of case", () => {
    const catalog = parseCatalog(
      catalogJson([
        {
          uniqueId: "model.shop.old_name",
          name: "ORDERS",
          database: "ANALYTICS",
          schema: "SHOP",
          columns: [["ID", "NUMBER"]],
        },
      ]),
      "catalog.json",
    );
    const byRelation: CatalogTable | undefined = findCatalogTable(catalog, {
      uniqueId: "model.shop.orders",
      database: "analytics",
      schema: "shop",
      identifier: "orders",
    });
    assert.equal(byRelation?.uniqueId, "model.shop.old_name");
    const none = findCatalogTable(catalog, { uniqueId: "model.shop.x", identifier: "x" });
    assert.equal(none, undefined);
  });

  it("refuses a manifest given as a catalog, naming the file", () => {
    const manifest = {
      metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json" },
      nodes: {},
    };
    assert.throws(
      () => parseCatalog(manifest, "target/catalog.json"),
      (error: unknown) =>
        error instanceof ArtifactError && /^target\/catalog\.json: .*manifest/.test(error.message),
    );
  });
});
