import { strict as assert } from "node:assert";
import type { BlockNode, LookmlDocument, SyntaxNode } from "../../src/lookml/ast";
import { parseLookml } from "../../src/lookml/parser";
import { textAt } from "./support";

// `key name` of every node, nested with `/`, to show what survived an error.
function outline(nodes: SyntaxNode[], prefix = ""): string[] {
  return nodes.flatMap((node) => {
    const name = node.type === "block" && node.name ? ` ${node.name}` : "";
    const label = `${prefix}${node.key}${name}`;
    return node.type === "block" ? [label, ...outline(node.children, `${label}/`)] : [label];
  });
}

// The one error of `document`, checked against a message pattern and the text it covers.
function assertOneError(text: string, document: LookmlDocument, message: RegExp, at: string): void {
  assert.equal(document.errors.length, 1, JSON.stringify(document.errors));
  const [error] = document.errors;
  assert.ok(error);
  assert.match(error.message, message);
  assert.equal(textAt(text, error.range), at);
}

describe("parseLookml: errors and recovery", () => {
  it("asks for the name of a field block written without one, and keeps anonymous blocks", () => {
    const text =
      'view: +orders {\n  dimension:  {\n    hidden: yes\n  }\n  link: { url: "x" }\n}\n';
    const document = parseLookml(text);
    assertOneError(text, document, /'dimension:' needs a name/, "dimension");
  });

  it("reports a block left open at the end of the file", () => {
    const text = "explore: unparseable {\n  join: foo {\n    sql_on: 1 = 1 ;;\n  }\n# }\n";
    const document = parseLookml(text);
    assertOneError(text, document, /'explore: unparseable'.*'}'/, "explore: unparseable {");
    assert.deepEqual(outline(document.children), [
      "explore unparseable",
      "explore unparseable/join foo",
      "explore unparseable/join foo/sql_on",
    ]);
  });

  it("blames the block whose } is missing and keeps its siblings", () => {
    const text =
      "view: v {\n  dimension: a {\n    type: string\n\n  dimension: b {}\n}\nview: w {}\n";
    const document = parseLookml(text);
    assertOneError(text, document, /'dimension: a'.*'}'/, "dimension: a {");
    assert.deepEqual(outline(document.children), [
      "view v",
      "view v/dimension a",
      "view v/dimension a/type",
      "view v/dimension b",
      "view w",
    ]);
  });

  it("ends an expression missing its ;; before the next member", () => {
    const text =
      "view: v {\n  dimension: a {\n    sql: ${TABLE}.a\n  }\n" +
      "  dimension: b {\n    sql: b ;;\n  }\n}\n";
    const document = parseLookml(text);
    assertOneError(text, document, /'sql:'.*';;'/, "sql");
    const view = document.children[0] as BlockNode;
    const a = view.children[0] as BlockNode;
    assert.deepEqual(outline(document.children).length, 5);
    assert.equal(a.children[0]?.type === "pair" && a.children[0].value.value, "${TABLE}.a");
  });

  it("ends a string missing its closing quote with its line", () => {
    const text = 'view: a {\n  label: "Orders\n  type: string\n}\nview: b { label: "B" }\n';
    const document = parseLookml(text);
    assertOneError(text, document, /closing '"'/, '"Orders');
    assert.deepEqual(outline(document.children), [
      "view a",
      "view a/label",
      "view a/type",
      "view b",
      "view b/label",
    ]);
  });

  it("reports a missing colon on the word that lacks it", () => {
    const text = "explore: ignore_me this_syntax_is_not_ok\nexplore: ok {}\n";
    const document = parseLookml(text);
    assertOneError(
      text,
      document,
      /Expected ':' after 'this_syntax_is_not_ok'/,
      "this_syntax_is_not_ok",
    );
    assert.deepEqual(outline(document.children), ["explore", "explore ok"]);
  });

  it("reports a stray } and parses what follows", () => {
    const text = "view: a {}\n}\nview: b {}\n";
    const document = parseLookml(text);
    assertOneError(text, document, /Unexpected '}'/, "}");
    assert.deepEqual(outline(document.children), ["view a", "view b"]);
  });

  it("reports a list missing its ] and closes the block around it", () => {
    const text = "set: s {\n  fields: [a, b\n}\nset: t { fields: [c] }\n";
    const document = parseLookml(text);
    assertOneError(text, document, /'fields'.*']'/, "[");
    assert.deepEqual(outline(document.children), [
      "set s",
      "set s/fields",
      "set t",
      "set t/fields",
    ]);
  });

  it("reports empty and unseparated list items", () => {
    const doubled = "fields: [id,,name]";
    assertOneError(doubled, parseLookml(doubled), /Empty item/, ",");
    const unseparated = "fields: [id name]";
    assertOneError(unseparated, parseLookml(unseparated), /Expected ','/, "n");
  });

  it("reports a quoted block name and still reads the block", () => {
    const text = 'view: "orders" {\n  label: "x"\n}\n';
    const document = parseLookml(text);
    assertOneError(text, document, /block name takes no quotes/, '"orders"');
    assert.deepEqual(outline(document.children), ["view orders", "view orders/label"]);
  });

  it("reports a key with no value", () => {
    const text = "dimension: a {\n  type:\n}\n";
    const document = parseLookml(text);
    assertOneError(text, document, /value after 'type:'/, "type");
    assert.deepEqual(outline(document.children), ["dimension a"]);
  });

  it("reports unexpected characters and a block with no key", () => {
    const text = "view: a {\n  ! type: string\n  sql: x ;;\n  { label: x }\n  label: y\n}\n";
    const document = parseLookml(text);
    assert.deepEqual(
      document.errors.map((error) => textAt(text, error.range)),
      ["!", "{"],
    );
    assert.deepEqual(outline(document.children), [
      "view a",
      "view a/type",
      "view a/sql",
      "view a/label",
    ]);
  });
});
