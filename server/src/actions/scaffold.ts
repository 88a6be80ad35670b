/**
 * "Create refinement": the text edits that add `view: +name { }` (or `explore: +name`) and,
 * on a field, a stub of the field's block, to the file where the refinement belongs. When a
 * refinement or refined field already exists, the edits go there instead of writing a second.
 */
import type { BlockNode, LookmlDocument, Position, Range } from "../lookml/ast";
import { NUMERIC_FIELD_TYPES } from "../lookml/fieldTypes";

/** A field that the refinement should hold a stub of. */
export interface FieldStub {
  kind: string;
  name: string;
  /** The base field's `type:`, so number fields get a value format line. */
  type?: string;
}

export interface ScaffoldRequest {
  /** `view` or `explore`. */
  kind: "view" | "explore";
  name: string;
  field?: FieldStub;
}

/** A text edit in LSP's shape. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface ScaffoldPlan {
  edits: TextEdit[];
  /** Where the cursor should land once the edits are applied. */
  reveal: Position;
}

/**
 * Plans the edits on one refinement file, given its current text and tree (empty text and an
 * empty tree when the file does not exist yet).
 */
export function planRefinement(
  text: string,
  doc: LookmlDocument,
  request: ScaffoldRequest,
): ScaffoldPlan {
  const existing = findRefinement(doc, request);
  if (existing === undefined) return appendRefinement(text, request);
  if (request.field === undefined) return { edits: [], reveal: existing.range.start };

  const field = findField(existing, request.field);
  if (field !== undefined) return { edits: [], reveal: field.range.start };
  return insertFieldStub(text, existing, request.field);
}

/** The first refinement of the view or explore in a file, if any. */
export function findRefinement(
  doc: LookmlDocument,
  request: ScaffoldRequest,
): BlockNode | undefined {
  return doc.children.find(
    (node): node is BlockNode =>
      node.type === "block" &&
      node.key === request.kind &&
      node.refinement &&
      node.name === request.name,
  );
}

function findField(refinement: BlockNode, field: FieldStub): BlockNode | undefined {
  return refinement.children.find(
    (node): node is BlockNode => node.type === "block" && node.name === field.name,
  );
}

function appendRefinement(text: string, request: ScaffoldRequest): ScaffoldPlan {
  const end = endPosition(text);
  const separator =
    text === "" ? "" : text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
  const body = request.field === undefined ? "" : fieldStub(request.field, "  ");
  const newText = `${separator}${request.kind}: +${request.name} {\n${body}}\n`;

  const firstLine = end.line + separator.split("\n").length - 1;
  const revealLine = request.field === undefined ? firstLine : firstLine + 1;
  return {
    edits: [{ range: { start: end, end }, newText }],
    reveal: { line: revealLine, character: 2 },
  };
}

function insertFieldStub(text: string, refinement: BlockNode, field: FieldStub): ScaffoldPlan {
  // The closing brace is the last character of the block's range; the stub goes before it,
  // at the start of its line when only indentation precedes it there.
  const close = { line: refinement.range.end.line, character: refinement.range.end.character - 1 };
  const before = (text.split("\n")[close.line] ?? "").slice(0, close.character);
  const stub = fieldStub(field, "  ");
  if (before.trim() === "") {
    const at = { line: close.line, character: 0 };
    return {
      edits: [{ range: { start: at, end: at }, newText: stub }],
      reveal: { line: close.line, character: 2 },
    };
  }
  return {
    edits: [{ range: { start: close, end: close }, newText: `\n${stub}` }],
    reveal: { line: close.line + 1, character: 2 },
  };
}

/** The stub of a refined field: its kind and name, with the usual keys ready to set. */
export function fieldStub(field: FieldStub, indent: string): string {
  const inner = `${indent}  `;
  const lines = [
    `${indent}${field.kind}: ${field.name} {`,
    `${inner}# label: ""`,
    `${inner}# description: ""`,
    `${inner}# hidden: yes`,
  ];
  if (field.type !== undefined && NUMERIC_FIELD_TYPES.includes(field.type)) {
    lines.push(`${inner}# value_format_name: decimal_2`);
  }
  lines.push(`${indent}}`, "");
  return lines.join("\n");
}

function endPosition(text: string): Position {
  const lines = text.split("\n");
  const last = lines[lines.length - 1] ?? "";
  return { line: lines.length - 1, character: last.length };
}

/**
 * The edit that adds `include: "<path>"` to a model, after its last include so that the
 * refinement is read after the views it refines; undefined when the model already has it.
 */
export function planInclude(
  text: string,
  doc: LookmlDocument,
  includePath: string,
): TextEdit | undefined {
  const pairs = doc.children.filter((node) => node.type === "pair");
  const includes = pairs.filter((pair) => pair.key === "include");
  if (includes.some((pair) => pair.value.value === includePath)) return undefined;

  const anchor = includes[includes.length - 1] ?? pairs.find((pair) => pair.key === "connection");
  const line = `include: "${includePath}"\n`;
  if (anchor === undefined) return { range: startRange(), newText: line };
  const at = { line: anchor.range.end.line + 1, character: 0 };
  const atEnd = at.line >= text.split("\n").length;
  return { range: { start: at, end: at }, newText: atEnd ? `\n${line}` : line };
}

function startRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
