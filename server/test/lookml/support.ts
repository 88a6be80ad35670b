/** Helpers shared by the LookML parser tests. */

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type {
  BlockNode,
  ExpressionNode,
  LookmlDocument,
  PairNode,
  Position,
  Range,
  ScalarNode,
} from "../../src/lookml/ast";
import { walkNodes } from "../../src/lookml/query";

/** The corpus of real LookML projects, beside the repository (may be absent). */
export const corpusRoot = path.resolve(__dirname, "..", "..", "..", "..", "shared", "corpus");

/** The offsets where lines start (`\n`, `\r\n` or `\r` breaks), computed once per text. */
const lineStartsCache = new Map<string, number[]>();

function lineStarts(text: string): number[] {
  const cached = lineStartsCache.get(text);
  if (cached) return cached;
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\n" || (char === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
  }
  lineStartsCache.clear();
  lineStartsCache.set(text, starts);
  return starts;
}

/** The zero-based offset of an LSP position (UTF-16 characters). */
export function offsetAt(text: string, position: Position): number {
  const start = lineStarts(text)[position.line];
  if (start === undefined) throw new Error(`line ${position.line} is past the end of the text`);
  return start + position.character;
}

/** The source text a range covers. */
export function textAt(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** Every file under `folder` whose name passes `accept`, sorted, as paths relative to it. */
export function listFiles(folder: string, accept: (name: string) => boolean): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (accept(entry.name)) found.push(path.relative(folder, full));
    }
  };
  visit(folder);
  return found.sort();
}

/**
 * Asserts that every range in `document` covers exactly the source text it names: keys,
 * names, values (quotes and `-` included), expressions, whole nodes and comments. This
 * holds for broken files too, except that an unclosed block cannot end with its `}`.
 */
export function assertRangesMatch(text: string, document: LookmlDocument): void {
  const at = (range: Range): string => textAt(text, range);
  const clean = document.errors.length === 0;
  walkNodes(document, (node) => {
    assert.equal(at(node.keyRange), node.key);
    assert.ok(at(node.range).startsWith(node.key), `range of '${node.key}'`);
    if (node.type === "block") assertBlockRanges(text, node, clean);
    else if (node.type === "list")
      node.items.forEach((item) => {
        assertItemRanges(text, item, clean);
      });
    else assertValueRange(text, node.value, clean);
  });
  for (const comment of document.comments) assert.equal(at(comment.range), `#${comment.text}`);
}

// Only a clean parse promises that every block ends with its `}`.
function assertBlockRanges(text: string, block: BlockNode, clean: boolean): void {
  if (block.name !== undefined && block.nameRange) {
    const name = textAt(text, block.nameRange);
    // A quoted name is an error, so only a broken file has one.
    assert.ok(name === block.name || (!clean && name.startsWith('"')), `name ${block.name}`);
    const before = offsetAt(text, block.nameRange.start) - 1;
    assert.equal(text[before] === "+", block.refinement, `refinement of '${block.name}'`);
  }
  if (!clean) return;
  assert.ok(textAt(text, block.range).endsWith("}"), `end of '${block.key}: ${block.name ?? ""}'`);
}

function assertItemRanges(text: string, item: ScalarNode | PairNode, clean: boolean): void {
  if (item.type === "pair") {
    assert.equal(textAt(text, item.keyRange), item.key);
    assertValueRange(text, item.value, clean);
  } else {
    assertValueRange(text, item, clean);
  }
}

function assertValueRange(text: string, value: ScalarNode | ExpressionNode, clean: boolean): void {
  let source = textAt(text, value.range);
  if (value.type === "expression") {
    assert.equal(source, value.value);
    return;
  }
  if (value.negated) source = source.replace(/^-[ \t]*/, "");
  if (!value.quoted) {
    assert.equal(source, value.value);
    return;
  }
  assert.ok(source.startsWith('"'), `quote before ${source}`);
  const unescape = (raw: string): string => raw.replace(/\\(.)/gs, "$1");
  const closed = source.length >= 2 && source.endsWith('"');
  // A string left open (only in a broken file) runs to the end of its line, unquoted.
  if (clean || (closed && unescape(source.slice(1, -1)) === value.value)) {
    assert.ok(closed, `closing quote of ${source}`);
    assert.equal(unescape(source.slice(1, -1)), value.value);
  } else {
    assert.equal(unescape(source.slice(1)), value.value);
  }
}
