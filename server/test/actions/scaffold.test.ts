import * as assert from "node:assert/strict";
import { planInclude, planRefinement, type TextEdit } from "../../src/actions/scaffold";
import { parseLookml } from "../../src/lookml/parser";

/** Applies LSP text edits to a text, last first so earlier offsets stay valid. */
function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split("\n");
  const offset = (p: { line: number; character: number }): number =>
    lines.slice(0, p.line).reduce((sum, l) => sum + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  return sorted.reduce(
    (acc, e) => acc.slice(0, offset(e.range.start)) + e.newText + acc.slice(offset(e.range.end)),
    text,
  );
}

function plan(text: string, request: Parameters<typeof planRefinement>[2]): string {
  const result = planRefinement(text, parseLookml(text), request);
  const out = apply(text, result.edits);
  assert.deepEqual(parseLookml(out).errors, [], `the result parses:\n${out}`);
  return out;
}

describe("create refinement", () => {
  it("writes a new refinement into an empty file", () => {
    assert.equal(plan("", { kind: "view", name: "orders" }), "view: +orders {\n}\n");
  });

  it("adds a field stub of the same kind and name", () => {
    const out = plan("", {
      kind: "view",
      name: "orders",
      field: { kind: "measure", name: "total", type: "sum" },
    });
    assert.match(out, /^view: \+orders \{\n {2}measure: total \{\n/);
    assert.match(out, /# value_format_name/);
  });

  it("leaves out the value format for fields that are not numbers", () => {
    const out = plan("", {
      kind: "view",
      name: "orders",
      field: { kind: "dimension", name: "status", type: "string" },
    });
    assert.doesNotMatch(out, /value_format/);
  });

  it("goes into the existing refinement instead of writing a second", () => {
    const text = "view: +orders {\n  dimension: id { hidden: yes }\n}\n";
    const out = plan(text, {
      kind: "view",
      name: "orders",
      field: { kind: "dimension", name: "status" },
    });
    assert.equal(out.match(/view: \+orders/g)?.length, 1);
    assert.match(out, /hidden: yes \}\n {2}dimension: status \{/);
  });

  it("fills a refinement written on one line", () => {
    const out = plan("view: +orders {}\n", {
      kind: "view",
      name: "orders",
      field: { kind: "dimension", name: "status" },
    });
    assert.match(out, /^view: \+orders \{\n {2}dimension: status \{/);
  });

  it("writes nothing when the refined field already exists, and points at it", () => {
    const text = 'view: +orders {\n  dimension: status {\n    label: "State"\n  }\n}\n';
    const result = planRefinement(text, parseLookml(text), {
      kind: "view",
      name: "orders",
      field: { kind: "dimension", name: "status" },
    });
    assert.deepEqual(result.edits, []);
    assert.deepEqual(result.reveal, { line: 1, character: 2 });
  });

  it("keeps other views' refinements and appends after them", () => {
    const text = "view: +users {\n}";
    const out = plan(text, { kind: "explore", name: "orders" });
    assert.equal(out, "view: +users {\n}\n\nexplore: +orders {\n}\n");
  });
});

describe("include for a refinement file", () => {
  it("goes after the last include, so refinements come after their views", () => {
    const text = 'connection: "wh"\ninclude: "/views/**/*.view.lkml"\n\nexplore: orders {}\n';
    const edit = planInclude(text, parseLookml(text), "/refinements/orders.refinement.lkml");
    assert.ok(edit !== undefined);
    assert.equal(
      apply(text, [edit]),
      'connection: "wh"\ninclude: "/views/**/*.view.lkml"\n' +
        'include: "/refinements/orders.refinement.lkml"\n\nexplore: orders {}\n',
    );
  });

  it("is not added twice", () => {
    const text = 'include: "/refinements/orders.refinement.lkml"\n';
    assert.equal(
      planInclude(text, parseLookml(text), "/refinements/orders.refinement.lkml"),
      undefined,
    );
  });

  it("goes first in a model without includes", () => {
    const text = "explore: orders {}\n";
    const edit = planInclude(text, parseLookml(text), "/r.lkml");
    assert.ok(edit !== undefined);
    assert.equal(apply(text, [edit]), 'include: "/r.lkml"\nexplore: orders {}\n');
  });
});
