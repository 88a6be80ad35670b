/**
 * Small read-only helpers over the LookML syntax tree: walking it, finding what sits at
 * a position, and reading a block's keys.
 */

import type { BlockNode, ListNode, PairNode, Position, Range, ScalarNode, SyntaxNode } from "./ast";

/** Anything with members: a parsed document or a block. */
export interface HasChildren {
  children: SyntaxNode[];
}

/** Calls `visit` on every node, depth first in source order, with the blocks holding it. */
export function walkNodes(
  root: HasChildren,
  visit: (node: SyntaxNode, parents: readonly BlockNode[]) => void,
): void {
  const parents: BlockNode[] = [];
  const visitAll = (nodes: SyntaxNode[]): void => {
    for (const node of nodes) {
      visit(node, parents);
      if (node.type !== "block") continue;
      parents.push(node);
      visitAll(node.children);
      parents.pop();
    }
  };
  visitAll(root.children);
}

/** What lies under a position: see {@link nodeAt}. */
export interface NodeAt {
  /** The innermost node whose range holds the position. */
  node: SyntaxNode;
  /** The blocks holding `node`, outermost first. */
  parents: BlockNode[];
  /**
   * The piece of `node` under the position, or for a list item that is a pair, the piece
   * of that pair. `other` is anything else: the colon, braces, brackets, blank space.
   */
  part: "key" | "name" | "value" | "other";
  /** For a list, the item under the position. */
  item?: ScalarNode | PairNode;
}

/**
 * The innermost node at `position` and the piece of it there, or undefined outside any
 * node. Ranges count as holding their end position, so a cursor just after a word still
 * points at it.
 */
export function nodeAt(root: HasChildren, position: Position): NodeAt | undefined {
  const parents: BlockNode[] = [];
  let nodes = root.children;
  for (;;) {
    const node = nodes.find((candidate) => contains(candidate.range, position));
    if (!node) return undefined;
    if (node.type !== "block" || !isInsideBody(node, position)) {
      return { ...pieceAt(node, position), node, parents };
    }
    const child = node.children.find((candidate) => contains(candidate.range, position));
    if (!child) return { node, parents, part: "other" };
    parents.push(node);
    nodes = node.children;
  }
}

function isInsideBody(block: BlockNode, position: Position): boolean {
  const header = block.nameRange ?? block.keyRange;
  return comparePositions(position, header.end) > 0;
}

function pieceAt(node: SyntaxNode, position: Position): Pick<NodeAt, "part" | "item"> {
  if (contains(node.keyRange, position)) return { part: "key" };
  if (node.type === "block") {
    return { part: node.nameRange && contains(node.nameRange, position) ? "name" : "other" };
  }
  if (node.type === "pair")
    return { part: contains(node.value.range, position) ? "value" : "other" };
  const item = node.items.find((candidate) => contains(candidate.range, position));
  if (!item) return { part: "other" };
  if (item.type === "scalar") return { part: "value", item };
  return { part: contains(item.keyRange, position) ? "key" : "value", item };
}

/** Whether `range` holds `position`, both ends included. */
export function contains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/** Negative when `a` comes before `b`, zero when equal, positive after. */
export function comparePositions(a: Position, b: Position): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}

/**
 * The `key: value` or `key: ... ;;` pair of a block (or document). When the key repeats,
 * the last one counts, as a later value overrides an earlier one.
 */
export function findPair(parent: HasChildren, key: string): PairNode | undefined {
  return parent.children.findLast(
    (node): node is PairNode => node.type === "pair" && node.key === key,
  );
}

/** The value of {@link findPair}: quotes removed, or an expression without its `;;`. */
export function pairValue(parent: HasChildren, key: string): string | undefined {
  return findPair(parent, key)?.value.value;
}

/** The `key: [...]` list of a block; the last one when the key repeats. */
export function findList(parent: HasChildren, key: string): ListNode | undefined {
  return parent.children.findLast(
    (node): node is ListNode => node.type === "list" && node.key === key,
  );
}

/** The child blocks with `key` (`dimension`, `join`, `link` ...), in source order. */
export function childBlocks(parent: HasChildren, key: string): BlockNode[] {
  return parent.children.filter(
    (node): node is BlockNode => node.type === "block" && node.key === key,
  );
}
