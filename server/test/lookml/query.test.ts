import { strict as assert } from "node:assert";
import type { Position } from "../../src/lookml/ast";
import { parseLookml } from "../../src/lookml/parser";
import {
  childBlocks,
  findList,
  findPair,
  nodeAt,
  pairValue,
  walkNodes,
  type NodeAt,
} from "../../src/lookml/query";

const VIEW = `view: orders {
  label: "Old"
  label: "Orders"
  dimension: id {
    sql: \${TABLE}.id ;;
  }
  dimension: status { type: string }
  set: detail { fields: [id, -status] }
  measure: done { filters: [status: "done"] }
}
`;

const document = parseLookml(VIEW);

// The position of the first `needle` in VIEW, plus `shift` characters.
function positionOf(needle: string, shift = 0): Position {
  const offset = VIEW.indexOf(needle) + shift;
  const before = VIEW.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

// A compact view of a hit: node key, part, item value, parent names.
function summary(hit: NodeAt | undefined): string {
  if (!hit) return "nothing";
  const item = hit.item ? ` item=${hit.item.type === "pair" ? hit.item.key : hit.item.value}` : "";
  const parents = hit.parents.map((parent) => parent.name ?? parent.key).join("/");
  return `${hit.node.key} ${hit.part}${item} in ${parents || "file"}`;
}

describe("query helpers", () => {
  it("walk every node in source order with its parent chain", () => {
    const seen: string[] = [];
    walkNodes(document, (node, parents) => {
      seen.push([...parents.map((parent) => parent.name ?? ""), node.key].join("/"));
    });
    assert.deepEqual(seen, [
      "view",
      "orders/label",
      "orders/label",
      "orders/dimension",
      "orders/id/sql",
      "orders/dimension",
      "orders/status/type",
      "orders/set",
      "orders/detail/fields",
      "orders/measure",
      "orders/done/filters",
    ]);
  });

  it("find the key, name or value under a position", () => {
    assert.equal(summary(nodeAt(document, positionOf("view"))), "view key in file");
    assert.equal(summary(nodeAt(document, positionOf("orders", 3))), "view name in file");
    assert.equal(summary(nodeAt(document, positionOf("id {", 1))), "dimension name in orders");
    assert.equal(summary(nodeAt(document, positionOf("TABLE"))), "sql value in orders/id");
    assert.equal(summary(nodeAt(document, positionOf("type:"))), "type key in orders/status");
  });

  it("find the list item under a position, and the piece of a list pair", () => {
    const negated = nodeAt(document, positionOf("-status", 2));
    assert.equal(summary(negated), "fields value item=status in orders/detail");
    const pairKey = nodeAt(document, positionOf('status: "done"', 1));
    assert.equal(summary(pairKey), "filters key item=status in orders/done");
    const doneValue = nodeAt(document, positionOf('"done"', 2));
    assert.equal(summary(doneValue), "filters value item=status in orders/done");
  });

  it("count a position just after a word as on it, and blank space as other", () => {
    assert.equal(summary(nodeAt(document, positionOf("view", 4))), "view key in file");
    assert.equal(summary(nodeAt(document, positionOf("  label", 1))), "view other in file");
    assert.equal(summary(nodeAt(document, { line: 99, character: 0 })), "nothing");
  });

  it("read a block's pairs, lists and child blocks by key", () => {
    const view = childBlocks(document, "view")[0];
    assert.ok(view);
    assert.equal(pairValue(view, "label"), "Orders");
    assert.equal(findPair(view, "missing"), undefined);
    assert.deepEqual(
      childBlocks(view, "dimension").map((block) => block.name),
      ["id", "status"],
    );
    const id = childBlocks(view, "dimension")[0];
    assert.ok(id);
    assert.equal(pairValue(id, "sql"), "${TABLE}.id");
    const detail = childBlocks(view, "set")[0];
    assert.ok(detail);
    assert.equal(findList(detail, "fields")?.items.length, 2);
  });
});
