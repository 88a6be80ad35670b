import { strict as assert } from "node:assert";
import type {
  BlockNode,
  ListNode,
  LookmlDocument,
  PairNode,
  ScalarNode,
  SyntaxNode,
} from "../../src/lookml/ast";
import { parseLookml } from "../../src/lookml/parser";

function parseClean(text: string): LookmlDocument {
  const document = parseLookml(text);
  assert.deepEqual(document.errors, [], `unexpected errors in:\n${text}`);
  return document;
}

function first(text: string): SyntaxNode {
  const node = parseClean(text).children[0];
  assert.ok(node, "no node parsed");
  return node;
}

function asBlock(node: SyntaxNode | undefined): BlockNode {
  assert.equal(node?.type, "block");
  return node;
}

function asPair(node: SyntaxNode | undefined): PairNode {
  assert.equal(node?.type, "pair");
  return node;
}

function asList(node: SyntaxNode | undefined): ListNode {
  assert.equal(node?.type, "list");
  return node;
}

// The list's items as written, `-` for negation, `k=v` for pairs.
function itemsOf(list: ListNode): string[] {
  return list.items.map((item) =>
    item.type === "pair"
      ? `${item.key}=${item.value.value}`
      : (item.negated ? "-" : "") + item.value,
  );
}

describe("parseLookml: blocks", () => {
  it("reads a named block with its children", () => {
    const view = asBlock(first("view: orders {\n  dimension: id { type: number }\n}\n"));
    assert.equal(view.key, "view");
    assert.equal(view.name, "orders");
    assert.equal(view.refinement, false);
    const dimension = asBlock(view.children[0]);
    assert.equal(dimension.name, "id");
    assert.equal(asPair(dimension.children[0]).value.value, "number");
  });

  it("reads an anonymous block", () => {
    const link = asBlock(first('link: { label: "Docs" url: "https://x.test" }'));
    assert.equal(link.name, undefined);
    assert.equal(link.nameRange, undefined);
    assert.deepEqual(
      link.children.map((child) => asPair(child).key),
      ["label", "url"],
    );
  });

  it("reads refinements of views and explores", () => {
    const document = parseClean("view: +orders { }\nexplore: +orders {}\nview: orders {}\n");
    const [view, explore, plain] = document.children.map(asBlock);
    assert.deepEqual([view?.name, view?.refinement], ["orders", true]);
    assert.deepEqual([explore?.name, explore?.refinement], ["orders", true]);
    assert.deepEqual([plain?.name, plain?.refinement], ["orders", false]);
  });

  it("takes a block named sql for a block, not an expression", () => {
    const dimension = asBlock(first("dimension: sql {\n  type: string\n}\ndimension: html {}\n"));
    assert.equal(dimension.name, "sql");
    assert.equal(asPair(dimension.children[0]).value.value, "string");
  });

  it("accepts a block brace on the next line and an empty file", () => {
    assert.equal(asBlock(first("view: a\n{\n}")).name, "a");
    assert.deepEqual(parseClean(""), { children: [], comments: [], errors: [] });
  });

  it("tolerates repeated colons", () => {
    const pair = asPair(first('label:: "Orders"'));
    assert.equal(pair.value.value, "Orders");
    assert.equal(asBlock(first("view:: a { }")).name, "a");
    assert.equal(asPair(first("sql:: ${TABLE}.id ;;")).value.value, "${TABLE}.id");
  });
});

describe("parseLookml: values", () => {
  it("reads bare values, keeping dots, slashes, stars and signs", () => {
    const text = "a: yes\nb: users.id\nc: America/Los_Angeles\nd: -5\ne: users.*\nf: 0.5";
    const values = parseClean(text).children.map((node) => asPair(node).value.value);
    assert.deepEqual(values, ["yes", "users.id", "America/Los_Angeles", "-5", "users.*", "0.5"]);
  });

  it("reads quoted strings with escapes, across lines", () => {
    const pair = asPair(first('description: "say \\"hi\\"\nthen \\\\ go"'));
    const value = pair.value as ScalarNode;
    assert.equal(value.quoted, true);
    assert.equal(value.value, 'say "hi"\nthen \\ go');
  });

  it("keeps Liquid and #, { and } inside strings", () => {
    const text = 'label: "{% if x._is_filtered %}#1 {{ value }}{% endif %}"\nurl: "/a#b"';
    const values = parseClean(text).children.map((node) => asPair(node).value.value);
    assert.deepEqual(values, ["{% if x._is_filtered %}#1 {{ value }}{% endif %}", "/a#b"]);
  });

  it("reads constants, bare or quoted", () => {
    const document = parseClean('connection: "@{CONNECTION}"\nschema: @{SCHEMA}.orders\n');
    const values = document.children.map((node) => asPair(node).value.value);
    assert.deepEqual(values, ["@{CONNECTION}", "@{SCHEMA}.orders"]);
  });
});

describe("parseLookml: lists", () => {
  it("reads empty lists", () => {
    assert.deepEqual(asList(first("fields: []")).items, []);
    assert.deepEqual(asList(first("fields: [\n  # none\n]")).items, []);
  });

  it("accepts leading, trailing and newline-first commas", () => {
    const lists = [
      "fields: [a, b]",
      "fields: [,a, b]",
      "fields: [a, b,]",
      "fields: [,a,b,]",
      "fields: [\n  a\n  ,b\n]",
      "fields: [\n  ,a\n  ,b\n  ,\n]",
      "fields: [a,\n b,]",
    ];
    for (const text of lists) assert.deepEqual(itemsOf(asList(first(text))), ["a", "b"], text);
  });

  it("reads negations with and without a space", () => {
    const list = asList(first('fields: [ALL_FIELDS*, -users.pii, - users.ssn, "x"]'));
    assert.deepEqual(itemsOf(list), ["ALL_FIELDS*", "-users.pii", "-users.ssn", "x"]);
    const negated = list.items[2] as ScalarNode;
    assert.equal(negated.value, "users.ssn");
  });

  it("keeps negative numbers as numbers", () => {
    assert.deepEqual(itemsOf(asList(first("tiers: [-10, 0, 10]"))), ["-10", "0", "10"]);
  });

  it("reads pairs inside lists", () => {
    const list = asList(first('filters: [orders.status: "complete", users.age: ">5",]'));
    assert.deepEqual(itemsOf(list), ["orders.status=complete", "users.age=>5"]);
    const pair = list.items[0] as PairNode;
    assert.equal((pair.value as ScalarNode).quoted, true);
  });

  it("keeps comments inside lists", () => {
    const document = parseClean("fields: [\n  a, # first\n  b\n]");
    assert.deepEqual(itemsOf(asList(document.children[0])), ["a", "b"]);
    assert.deepEqual(
      document.comments.map((comment) => comment.text),
      [" first"],
    );
  });
});

describe("parseLookml: expressions", () => {
  const keys = [
    "sql",
    "sql_on",
    "sql_table_name",
    "sql_trigger_value",
    "sql_where",
    "sql_always_where",
    "sql_distinct_key",
    "html",
    "expression",
    "expression_custom_filter",
  ];

  it("runs every sql*, html and expression* key to ;;", () => {
    for (const key of keys) {
      const pair = asPair(first(`${key}: a: [b] { c } # d ;;`));
      assert.equal(pair.value.type, "expression", key);
      assert.equal(pair.value.value, "a: [b] { c } # d", key);
    }
  });

  it("keeps multi-line SQL with Liquid, semicolons and quotes", () => {
    const sql = 'SELECT 1; -- "x\n  {% if a._in_query %} {{ b._value }} {% endif %}\n  FROM t';
    const document = parseClean(`view: v {\n  derived_table: {\n    sql: ${sql}\n    ;;\n  }\n}`);
    const derived = asBlock(asBlock(document.children[0]).children[0]);
    assert.equal(asPair(derived.children[0]).value.value, sql);
  });

  it("reads an empty expression and # inside one without a comment", () => {
    const document = parseClean('sql: ;;\nhtml: <b style="color: #fff">{{ value }}</b> ;;');
    assert.deepEqual(
      document.children.map((node) => asPair(node).value.value),
      ["", '<b style="color: #fff">{{ value }}</b>'],
    );
    assert.deepEqual(document.comments, []);
  });
});

describe("parseLookml: comments", () => {
  it("keeps comments outside strings and expressions, with their text", () => {
    const text =
      '# top\nview: a { # after brace\n  label: "#no" # trailing\n  sql: x # no ;;\n}\n#end';
    const document = parseClean(text);
    assert.deepEqual(
      document.comments.map((comment) => comment.text),
      [" top", " after brace", " trailing", "end"],
    );
  });

  it("parses a file that is only comments", () => {
    const document = parseClean("# view: a {\n#   dimension: b {}\n# }\n");
    assert.equal(document.children.length, 0);
    assert.equal(document.comments.length, 3);
  });
});
