import { strict as assert } from "node:assert";
import type { LookmlDocument } from "../../src/lookml/ast";
import { parseLookml } from "../../src/lookml/parser";
import { offsetAt } from "./support";

// A small deterministic generator, so a failure can be replayed from its seed.
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

// Characters that matter to the parser, weighted towards its punctuation.
const ALPHABET = 'abc_xyz019 \t\n\r{}[]:;,"\\#-+@$.*/!é🚀\u00a0';

function garbage(random: () => number, length: number): string {
  let text = "";
  while (text.length < length) text += ALPHABET[Math.floor(random() * ALPHABET.length)] ?? "";
  return text;
}

const SAMPLE = `view: +orders {
  sql_table_name: @{SCHEMA}.orders ;;
  dimension: id { primary_key: yes type: number sql: \${TABLE}.id ;; }
  set: s { fields: [,id, - users.pii, "x",] }
  measure: n { type: count filters: [status: "done"] html: <b>{{ value }}</b> ;; }
  # comment
  link: { label: "a \\"b\\"" url: "/x?{{ value }}" }
}
`;

// Every error and node range must lie inside the text: nothing points past its end.
function assertInside(text: string, document: LookmlDocument): void {
  const ranges = [
    ...document.errors.map((error) => error.range),
    ...document.children.map((node) => node.range),
    ...document.comments.map((comment) => comment.range),
  ];
  for (const range of ranges) {
    assert.ok(offsetAt(text, range.start) <= offsetAt(text, range.end));
    assert.ok(offsetAt(text, range.end) <= text.length);
  }
}

describe("parseLookml: never throws, never loops", () => {
  it("survives random text", () => {
    const random = randomSource(7);
    for (let round = 0; round < 2000; round++) {
      const text = garbage(random, Math.floor(random() * 200));
      assertInside(text, parseLookml(text));
    }
  });

  it("survives a view with random bytes spliced in or cut out", () => {
    const random = randomSource(11);
    for (let round = 0; round < 2000; round++) {
      const at = Math.floor(random() * SAMPLE.length);
      const cut = Math.floor(random() * 20);
      const text =
        SAMPLE.slice(0, at) + garbage(random, Math.floor(random() * 4)) + SAMPLE.slice(at + cut);
      assertInside(text, parseLookml(text));
    }
  });

  it("survives every prefix of a view", () => {
    for (let end = 0; end <= SAMPLE.length; end++) {
      const text = SAMPLE.slice(0, end);
      assertInside(text, parseLookml(text));
    }
  });

  it("reports an error for every prefix that stops inside a block", () => {
    const open = SAMPLE.indexOf("{") + 1;
    const close = SAMPLE.lastIndexOf("}");
    for (let end = open; end < close; end++) {
      assert.ok(parseLookml(SAMPLE.slice(0, end)).errors.length > 0, `prefix of ${end}`);
    }
  });

  // Each of these would take minutes, not milliseconds, if a scan were repeated from
  // every problem to the end of the text.
  it("stays linear on many unterminated expressions and strings", () => {
    const lines = 100_000;
    const inputs = [
      "sql: ${TABLE}.a\n  x\n".repeat(lines),
      "sql: a\n}\n".repeat(lines / 2) + "x\n".repeat(lines),
      'label: "a\n'.repeat(lines),
      '"a \\" '.repeat(lines),
      "a: [b, ".repeat(lines),
      "# c\n".repeat(lines) + "x".repeat(lines * 10),
    ];
    for (const text of inputs) assert.ok(parseLookml(text).errors.length > 0);
  });

  it("stops listing errors after a thousand", () => {
    const errors = parseLookml("x\n".repeat(5000)).errors;
    assert.equal(errors.length, 1001);
    assert.match(errors.at(-1)?.message ?? "", /Too many syntax errors/);
  });

  it("parses nesting as deep as real files go", () => {
    const text = "a: { b: {".repeat(20) + "}}".repeat(20);
    assert.deepEqual(parseLookml(text).errors, []);
  });

  it("skips absurdly deep nesting instead of running out of stack", () => {
    const depth = 100_000;
    const blocks = "a: { b: {".repeat(depth) + "}}".repeat(depth) + "\nview: after {}";
    const document = parseLookml(blocks);
    assert.match(document.errors[0]?.message ?? "", /Nested more than/);
    assert.equal(document.children.at(-1)?.key, "view");
    for (const stray of ["{".repeat(depth), "[".repeat(depth), "a: [{[{".repeat(depth)]) {
      assert.ok(parseLookml(stray).errors.length > 0);
    }
  });
});
