import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Position } from "vscode-languageserver";
import { completion } from "../../src/features/completion";
import { definition } from "../../src/features/definition";
import { hover } from "../../src/features/hover";
import { references } from "../../src/features/references";
import { documentSymbols, foldingRanges, workspaceSymbols } from "../../src/features/symbols";
import { nodeFileSystem } from "../../src/workspace/fileSystem";
import { pathToUri } from "../../src/workspace/paths";
import { WorkspaceIndex } from "../../src/workspace/workspaceIndex";

const SAMPLE = path.resolve(__dirname, "../../../test-fixtures/sample");
const LOOKML = path.join(SAMPLE, "lookml");
const index = new WorkspaceIndex({ fs: nodeFileSystem, roots: [SAMPLE], target: { env: {} } });
index.load();

const files = {
  model: path.join(LOOKML, "shop.model.lkml"),
  orders: path.join(LOOKML, "views/generated/orders.view.lkml"),
  ordersRefinement: path.join(LOOKML, "refinements/orders.refinements.lkml"),
  customerFacts: path.join(LOOKML, "views/customer_facts.view.lkml"),
};

/** The position of `needle` in a file, plus `shift` characters. */
function at(file: string, needle: string, shift = 0): Position {
  const text = index.file(file)?.text ?? "";
  const offset = text.indexOf(needle);
  assert.notEqual(offset, -1, `${needle} is in ${file}`);
  const before = text.slice(0, offset + shift).split("\n");
  return { line: before.length - 1, character: (before[before.length - 1] ?? "").length };
}

function rel(uri: string): string {
  return path.relative(SAMPLE, new URL(uri).pathname);
}

describe("editor features", () => {
  it("goes from ${view.field} to the field's declaration and its refinements", () => {
    const pos = at(files.model, "${orders.customer_id}", "${orders.".length);
    const targets = definition(index, pathToUri(files.model), pos).map(
      (l) => `${rel(l.uri)}:${l.range.start.line + 1}`,
    );
    assert.equal(targets.length, 1);
    assert.match(targets[0] ?? "", /^lookml\/views\/generated\/orders.view.lkml:\d+$/);
  });

  it("goes from a refined field to the generated one, then the refinement", () => {
    const pos = at(files.ordersRefinement, "dimension: order_status", "dimension: ".length);
    const targets = definition(index, pathToUri(files.ordersRefinement), pos).map((l) =>
      rel(l.uri),
    );
    assert.deepEqual(targets, [
      "lookml/views/generated/orders.view.lkml",
      "lookml/refinements/orders.refinements.lkml",
    ]);
  });

  it("goes from a generated view to its dbt model's SQL and YAML", () => {
    const pos = at(files.orders, "view: orders", "view: ".length);
    const targets = definition(index, pathToUri(files.orders), pos).map((l) => rel(l.uri));
    assert.ok(targets.includes("dbt/models/sales/orders.sql"), targets.join(", "));
    assert.ok(targets.includes("dbt/models/sales/sales.yml"), targets.join(", "));
  });

  it("finds references across refinements, explores and ${} in other views", () => {
    const pos = at(files.orders, "dimension: order_status", "dimension: ".length);
    const found = references(index, pathToUri(files.orders), pos, false).map((l) => rel(l.uri));
    assert.ok(found.includes("lookml/refinements/orders.refinements.lkml"), found.join(", "));
    assert.ok(
      found.includes("lookml/views/generated/orders.view.lkml"),
      "the measure filter in the view",
    );
  });

  it("finds the uses of every field of a dimension group from the group", () => {
    const pos = at(files.orders, "dimension_group: ordered", "dimension_group: ".length);
    const found = references(index, pathToUri(files.orders), pos, false);
    assert.ok(found.some((l) => rel(l.uri) === "lookml/refinements/orders.refinements.lkml"));
  });

  it("hovers a field with its chain and its dbt column", () => {
    const pos = at(files.model, "${orders.order_id}", "${orders.".length);
    const text = JSON.stringify(hover(index, pathToUri(files.model), pos)?.contents ?? "");
    assert.match(text, /dimension\*\* `orders.order_id`/);
    assert.match(text, /dbt column `order_id` · `NUMBER`/i);
  });

  it("hovers a refined view with its refinements and dbt model", () => {
    const pos = at(files.ordersRefinement, "view: +orders", "view: +".length);
    const text = JSON.stringify(
      hover(index, pathToUri(files.ordersRefinement), pos)?.contents ?? "",
    );
    assert.match(text, /Refined in `refinements\/orders.refinements.lkml:3`/);
    assert.match(text, /model.shop.orders/);
  });

  it("hovers a constant with its value", () => {
    const pos = at(files.customerFacts, "@{SCHEMA}", 2);
    const text = JSON.stringify(hover(index, pathToUri(files.customerFacts), pos)?.contents ?? "");
    assert.match(text, /ANALYTICS.SHOP/);
  });

  it("completes ${view. with the view's fields, group fields included", () => {
    const pos = at(files.model, "${orders.customer_id}", "${orders.".length);
    const labels = completion(index, pathToUri(files.model), pos).map((c) => c.label);
    assert.ok(labels.includes("order_total"));
    assert.ok(labels.includes("ordered_date"));
    assert.ok(!labels.includes("ordered"), "a group's own name is not a field");
  });

  it("completes the keys of the enclosing block and the types of its kind", () => {
    const keyPos = at(files.ordersRefinement, '    label: "Status"', 4);
    const keys = completion(index, pathToUri(files.ordersRefinement), keyPos).map((c) => c.label);
    assert.ok(keys.includes("value_format_name") && keys.includes("primary_key"));
    assert.ok(!keys.includes("relationship"));

    const typePos = at(files.ordersRefinement, "type: average", "type: ".length);
    const types = completion(index, pathToUri(files.ordersRefinement), typePos).map((c) => c.label);
    assert.ok(
      types.includes("sum") && types.includes("percentile") && !types.includes("yesno_dimension"),
    );
  });

  it("lists document symbols, workspace symbols and folding ranges", () => {
    const outline = documentSymbols(index, pathToUri(files.orders));
    const orders = outline.find((s) => s.name === "orders");
    assert.ok(orders !== undefined);
    const fields = (orders.children ?? []).map((c) => c.name);
    assert.ok(fields.includes("order_total"));

    const symbols = workspaceSymbols(index, "customer_fa").map((s) => s.name);
    assert.ok(symbols.includes("customer_facts"));

    const folds = foldingRanges(index, pathToUri(files.orders));
    assert.ok(folds.some((f) => f.kind === "comment" && f.startLine === 0));
    assert.ok(folds.length > 5);
  });
});
