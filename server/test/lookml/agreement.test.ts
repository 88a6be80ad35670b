import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type { PairNode, SyntaxNode } from "../../src/lookml/ast";
import { isDashboardFile } from "../../src/lookml/dashboard";
import { parseLookml } from "../../src/lookml/parser";
import { corpusRoot, listFiles } from "./support";

// The shape `lookml-parser` gives a file: named blocks by type then name, refinements as
// arrays under `+name`, a repeated key as an array, `yes`/`no` as booleans.
type Value = string | boolean | Value[] | { [key: string]: Value };
type Collection = Record<string, Value>;

interface LookmlParserModule {
  parse: (text: string) => unknown;
}

// `lookml-parser` prefixes these so they cannot clash with JavaScript object keys.
function encode(name: string): string {
  const reserved = name.startsWith("$") || ["__proto__", "prototype", "constructor"].includes(name);
  return reserved ? `$${name}` : name;
}

function scalar(value: string, quoted: boolean): Value {
  if (!quoted && value === "yes") return true;
  if (!quoted && value === "no") return false;
  return value;
}

function valueOf(node: SyntaxNode): Value {
  if (node.type === "block") return toCollection(node.children);
  if (node.type === "pair") return pairValue(node);
  const map: Collection = {};
  const list: Value[] = [];
  for (const item of node.items) {
    if (item.type === "pair") map[item.key] = pairValue(item);
    else list.push((item.negated ? "-" : "") + item.value);
  }
  return node.items.some((item) => item.type === "pair") ? map : list;
}

function pairValue(pair: PairNode): Value {
  const { value } = pair;
  return value.type === "expression" ? value.value : scalar(value.value, value.quoted);
}

// Our tree in `lookml-parser`'s shape.
function toCollection(nodes: SyntaxNode[]): Collection {
  const unnamed = new Map<string, number>();
  for (const node of nodes) {
    if (node.type !== "block" || node.name === undefined) {
      unnamed.set(node.key, (unnamed.get(node.key) ?? 0) + 1);
    }
  }
  const out: Collection = {};
  for (const node of nodes) {
    const key = encode(node.key);
    const value = valueOf(node);
    if (node.type === "block" && node.name !== undefined) {
      const byName = (out[key] ??= {}) as Collection;
      if (!node.refinement) byName[encode(node.name)] = value;
      else ((byName[`+${node.name}`] ??= []) as Value[]).push(value);
    } else if (unnamed.get(node.key) === 1) {
      out[key] = value;
    } else {
      ((out[key] ??= []) as Value[]).push(value);
    }
  }
  return out;
}

// Drops `lookml-parser`'s bookkeeping and trims text, which it keeps with its blanks.
// Its expressions also turn `;x` into `;,x` (an array joined by a comma): undone here.
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "string") return value.trim().replace(/;,/g, ";");
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(
    ([key]) => !["$strings", "$type", "$name"].includes(key),
  );
  return Object.fromEntries(entries.map(([key, inner]) => [key, normalise(inner)]));
}

describe("parseLookml: agreement with lookml-parser", function () {
  before(function () {
    if (fs.existsSync(corpusRoot)) return;
    console.log(`skipped: no LookML corpus at ${corpusRoot}`);
    this.skip();
  });

  it("reads every corpus file both parsers accept into the same structure", () => {
    const theirs = createRequire(__filename)("lookml-parser") as LookmlParserModule;
    const folder = path.join(corpusRoot, "lookml");
    const files = listFiles(folder, (name) => name.endsWith(".lkml") && !isDashboardFile(name));
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(path.join(folder, file), "utf8");
      let expected: unknown;
      try {
        expected = normalise(theirs.parse(text));
      } catch {
        continue;
      }
      assert.deepEqual(normalise(toCollection(parseLookml(text).children)), expected, file);
      compared++;
    }
    assert.ok(compared > 1000, `only ${String(compared)} files compared`);
  });
});
