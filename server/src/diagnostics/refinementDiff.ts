/**
 * The refinement that carries a hand edit of a generated view: comparing the edited file with
 * the text the generator wrote (which its header's hash confirms), every added or changed
 * parameter, field and set is copied into `view: +name { ... }`. What a refinement cannot
 * express (a removed field or parameter) is written as a comment, so nothing is lost.
 */
import type { BlockNode, LookmlDocument, Range, SyntaxNode } from "../lookml/ast";

/** The refinement text (without trailing newline) for each edited view, plus any new views. */
export interface EditDiff {
  /** Blocks to append to the refinement file, in order. */
  blocks: string[];
  /** Whether anything differs at all. */
  changed: boolean;
}

/** Compares an edited generated file with its pristine text. */
export function diffGenerated(
  editedText: string,
  edited: LookmlDocument,
  pristineText: string,
  pristine: LookmlDocument,
): EditDiff {
  const pristineViews = viewsByName(pristine);
  const blocks: string[] = [];
  for (const view of viewsByName(edited).values()) {
    const original = pristineViews.get(view.name ?? "");
    if (original === undefined) {
      blocks.push(reindent(textOf(editedText, view.range), view.range.start.character, ""));
      continue;
    }
    const body = diffChildren(editedText, view.children, pristineText, original.children, "  ");
    if (body.length > 0) blocks.push([`view: +${view.name ?? ""} {`, ...body, "}"].join("\n"));
  }
  for (const name of pristineViews.keys()) {
    if (!viewsByName(edited).has(name))
      blocks.push(
        `# view ${name} was removed from the generated file by hand; ` +
          "a refinement cannot remove it.",
      );
  }

  const comments = newComments(editedText, edited, pristine);
  if (comments.length > 0) blocks.unshift(comments.join("\n"));
  return { blocks, changed: blocks.length > 0 };
}

function viewsByName(doc: LookmlDocument): Map<string, BlockNode> {
  const map = new Map<string, BlockNode>();
  for (const node of doc.children) {
    if (node.type === "block" && node.key === "view" && node.name !== undefined)
      map.set(node.name, node);
  }
  return map;
}

// Children are matched by key, and blocks also by name: `dimension: amount` with
// `dimension: amount`, `sql_table_name` with `sql_table_name`.
function identity(node: SyntaxNode): string {
  return node.type === "block" ? `${node.key}:${node.name ?? ""}` : node.key;
}

const FIELD_KEYS = new Set(["dimension", "dimension_group", "measure", "filter", "parameter"]);

function diffChildren(
  editedText: string,
  edited: SyntaxNode[],
  pristineText: string,
  pristine: SyntaxNode[],
  indent: string,
): string[] {
  const before = new Map(pristine.map((n) => [identity(n), n]));
  const after = new Set(edited.map(identity));
  const lines: string[] = [];

  for (const node of edited) {
    const old = before.get(identity(node));
    const text = textOf(editedText, node.range);
    if (old !== undefined && normalise(text) === normalise(textOf(pristineText, old.range)))
      continue;
    const child = changedChild(editedText, node, pristineText, old, indent);
    // Blocks inside the refinement are set apart by a blank line, as the generator writes them.
    if (lines.length > 0 && (child.length > 1 || (lines.at(-1) ?? "").trim() === "}"))
      lines.push("");
    lines.push(...child);
  }
  for (const node of pristine) {
    if (!after.has(identity(node)))
      lines.push(
        `${indent}# removed by hand (a refinement cannot remove it): ` +
          firstLine(textOf(pristineText, node.range)),
      );
  }
  return lines;
}

function changedChild(
  editedText: string,
  node: SyntaxNode,
  pristineText: string,
  old: SyntaxNode | undefined,
  indent: string,
): string[] {
  // A changed field carries only its changed parameters; anything else is copied whole.
  if (old?.type === "block" && node.type === "block" && FIELD_KEYS.has(node.key)) {
    const inner = diffChildren(
      editedText,
      node.children,
      pristineText,
      old.children,
      `${indent}  `,
    );
    return [`${indent}${node.key}: ${node.name ?? ""} {`, ...inner, `${indent}}`];
  }
  return reindent(textOf(editedText, node.range), node.range.start.character, indent).split("\n");
}

function newComments(
  editedText: string,
  edited: LookmlDocument,
  pristine: LookmlDocument,
): string[] {
  const known = new Set(pristine.comments.map((c) => c.text.trim()));
  return edited.comments
    .filter((c) => !known.has(c.text.trim()))
    .map((c) => `# ${textOf(editedText, c.range).replace(/^#\s?/, "")}`);
}

function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").trim();
}

/** The text a range covers. */
export function textOf(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** The offset of a line and character in a text. */
export function offsetAt(text: string, pos: Range["start"]): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + pos.character, text.length);
}

// The first line of a node starts at its column; later lines keep their indentation beyond
// that column, under the new indent.
function reindent(text: string, column: number, indent: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  return lines
    .map((line, i) => {
      if (i === 0) return `${indent}${line}`;
      const strip = Math.min(column, line.length - line.trimStart().length);
      const rest = line.slice(strip);
      return rest === "" ? "" : `${indent}${rest}`;
    })
    .join("\n");
}
