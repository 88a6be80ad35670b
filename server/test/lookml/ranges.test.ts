import { strict as assert } from "node:assert";
import type { BlockNode, ListNode, PairNode } from "../../src/lookml/ast";
import { parseLookml } from "../../src/lookml/parser";
import { assertRangesMatch, textAt } from "./support";

// Modelled on real views: every kind of node, comments, Liquid, constants, a refinement.
const VIEW = `# Orders, refined
include: "/views/*.view.lkml"

view: +orders {
  sql_table_name: @{SCHEMA}.orders ;;
  label:: "Orders \\"all\\" 🚀"   # emoji: two UTF-16 units

  dimension: status {
\ttype: string
    sql: {% if orders.x._in_query %}
      \${TABLE}.status   # not a comment
    {% endif %} ;;
    html: <p style="color: #000">{{ rendered_value }}</p> ;;
    link: { label: "Docs" url: "https://docs.test/{{ value }}" }
  }

  set: detail {
    fields: [
      ,id
      ,- users.pii
      ,-users.ssn
      ,"quoted"
    ]
  }

  measure: completed {
    type: count
    filters: [status: "complete", created_date: "7 days"]
  }
  dimension: sql { type: yesno }
}
`;

describe("parseLookml: ranges", () => {
  it("point at the text of every key, name, value and comment", () => {
    const document = parseLookml(VIEW);
    assert.deepEqual(document.errors, []);
    assertRangesMatch(VIEW, document);
  });

  it("point at the right text with CRLF line breaks", () => {
    const text = VIEW.replace(/\n/g, "\r\n");
    const document = parseLookml(text);
    assert.deepEqual(document.errors, []);
    assertRangesMatch(text, document);
  });

  it("use zero-based lines and UTF-16 characters", () => {
    const document = parseLookml(VIEW);
    const view = document.children[1] as BlockNode;
    assert.deepEqual(view.nameRange, {
      start: { line: 3, character: 7 },
      end: { line: 3, character: 13 },
    });
    const label = view.children[1] as PairNode;
    assert.equal(label.value.range.end.character - label.value.range.start.character, 19);
    const comment = document.comments[1];
    assert.ok(comment);
    assert.equal(comment.range.start.line, 5);
    assert.equal(comment.range.start.character, 32);
  });

  it("cover a whole negation, a list and a list pair", () => {
    const view = parseLookml(VIEW).children[1] as BlockNode;
    const set = view.children[3] as BlockNode;
    const fields = set.children[0] as ListNode;
    assert.equal(textAt(VIEW, fields.items[1]?.range ?? fields.range), "- users.pii");
    assert.ok(textAt(VIEW, fields.range).startsWith("fields: ["));
    const measure = view.children[4] as BlockNode;
    const filters = measure.children[1] as ListNode;
    assert.equal(textAt(VIEW, filters.items[0]?.range ?? filters.range), 'status: "complete"');
  });

  it("end an expression pair at its ;;", () => {
    const view = parseLookml(VIEW).children[1] as BlockNode;
    const table = view.children[0] as PairNode;
    assert.equal(textAt(VIEW, table.range), "sql_table_name: @{SCHEMA}.orders ;;");
  });
});
