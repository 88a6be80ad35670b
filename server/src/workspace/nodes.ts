/** Small readers over the LookML syntax tree, shared by the index and the diagnostics. */
import type {
  BlockNode,
  ListNode,
  PairNode,
  Position,
  Range,
  ScalarNode,
  SyntaxNode,
} from "../lookml/ast";

/** The first `key: value` pair among `children`. */
export function findPair(children: SyntaxNode[], key: string): PairNode | undefined {
  for (const child of children) if (child.type === "pair" && child.key === key) return child;
  return undefined;
}

/** The first `key: [...]` list among `children`. */
export function findList(children: SyntaxNode[], key: string): ListNode | undefined {
  for (const child of children) if (child.type === "list" && child.key === key) return child;
  return undefined;
}

/** The first block with this key among `children`. */
export function findBlock(children: SyntaxNode[], key: string): BlockNode | undefined {
  for (const child of children) if (child.type === "block" && child.key === key) return child;
  return undefined;
}

/** Every block with this key among `children`. */
export function blocksOf(children: SyntaxNode[], key: string): BlockNode[] {
  return children.filter((c): c is BlockNode => c.type === "block" && c.key === key);
}

/** The text of `key: value` (scalar or expression), or undefined when absent. */
export function pairValue(children: SyntaxNode[], key: string): string | undefined {
  return findPair(children, key)?.value.value;
}

/** Whether `key: yes` is set. */
export function isYes(children: SyntaxNode[], key: string): boolean {
  return pairValue(children, key)?.toLowerCase() === "yes";
}

/**
 * The scalar items of `key: [a, b]`; a single `key: a` counts as a one-item list because
 * Looker accepts both for keys such as `extends`.
 */
export function listItems(children: SyntaxNode[], key: string): ScalarNode[] {
  for (const child of children) {
    if (child.key !== key) continue;
    if (child.type === "list")
      return child.items.filter((i): i is ScalarNode => i.type === "scalar");
    if (child.type === "pair" && child.value.type === "scalar") return [child.value];
  }
  return [];
}

/** Whether `pos` lies within `range` (ends included, so a cursor after a word still hits it). */
export function contains(range: Range, pos: Position): boolean {
  return !isBefore(pos, range.start) && !isBefore(range.end, pos);
}

/** Whether `a` comes strictly before `b`. */
export function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/**
 * The position of `offset` within `text`, where `text` starts at `start`. Used to point at
 * a `${...}` inside an expression or string.
 */
export function positionIn(start: Position, text: string, offset: number): Position {
  let line = start.line;
  let character = start.character;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      character = 0;
    } else {
      character += 1;
    }
  }
  return { line, character };
}

/** The range of `text.slice(from, to)` where `text` starts at `start`. */
export function rangeIn(start: Position, text: string, from: number, to: number): Range {
  const a = positionIn(start, text, from);
  return { start: a, end: positionIn(a, text.slice(from), to - from) };
}

/** Where the text of a scalar begins: after the opening quote or the `-` of a negation. */
export function scalarTextStart(node: ScalarNode): Position {
  const { start, end } = node.range;
  if (node.quoted && !node.negated) return { line: start.line, character: start.character + 1 };

  // An unquoted word never spans lines and ends where its range ends.
  const closing = node.quoted ? 1 : 0;
  return { line: end.line, character: Math.max(0, end.character - closing - node.value.length) };
}

/** The range of a scalar's text without quotes or negation. */
export function scalarTextRange(node: ScalarNode): Range {
  const start = scalarTextStart(node);
  return rangeIn(start, node.value, 0, node.value.length);
}
