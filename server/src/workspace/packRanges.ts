/**
 * Packs the ranges of a syntax tree into compact objects. A parsed file keeps a range for
 * every key, name and value, each made of two position objects; for the thousands of files
 * of a large project that is the index's largest cost in memory. A packed range holds its four
 * numbers in one object and makes its positions when asked. It serialises to the usual
 * `{ start, end }` shape, so ranges can go to the editor as they are.
 */
import type {
  LookmlDocument,
  Position,
  Range,
  ScalarNode,
  PairNode,
  SyntaxNode,
} from "../lookml/ast";

class PackedRange implements Range {
  constructor(
    private readonly sl: number,
    private readonly sc: number,
    private readonly el: number,
    private readonly ec: number,
  ) {}

  get start(): Position {
    return { line: this.sl, character: this.sc };
  }

  get end(): Position {
    return { line: this.el, character: this.ec };
  }

  toJSON(): Range {
    return { start: this.start, end: this.end };
  }
}

function pack(range: Range): Range {
  if (range instanceof PackedRange) return range;
  return new PackedRange(
    range.start.line,
    range.start.character,
    range.end.line,
    range.end.character,
  );
}

/** Replaces every range of a parsed file by a packed one, in place. */
export function packRanges(doc: LookmlDocument): void {
  for (const node of doc.children) packNode(node);
  for (const comment of doc.comments) comment.range = pack(comment.range);
}

function packNode(node: SyntaxNode): void {
  node.range = pack(node.range);
  node.keyRange = pack(node.keyRange);
  if (node.type === "block") {
    if (node.nameRange !== undefined) node.nameRange = pack(node.nameRange);
    for (const child of node.children) packNode(child);
  } else if (node.type === "list") {
    for (const item of node.items) packItem(item);
  } else {
    node.value.range = pack(node.value.range);
  }
}

function packItem(item: ScalarNode | PairNode): void {
  item.range = pack(item.range);
  if (item.type === "pair") {
    item.keyRange = pack(item.keyRange);
    item.value.range = pack(item.value.range);
  }
}
