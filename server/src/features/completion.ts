/**
 * Completion: `${view.field}` and `${field}` in SQL, `view.field` and `view.set*` in field
 * lists, `@{constants}`, view and explore names after `from:`, `join:`, `extends:` and
 * refinements, and the keys and values valid where the cursor is.
 */
import type { CompletionItem, CompletionItemKind, Position, Range } from "vscode-languageserver";
import type { BlockNode, SyntaxNode } from "../lookml/ast";
import type { ModelContext } from "../workspace/context";
import { ALL_TIMEFRAMES, INTERVAL_PLURALS } from "../workspace/dimensionGroups";
import type { FileInfo } from "../workspace/fileInfo";
import { contains, isBefore } from "../workspace/nodes";
import { uriToPath } from "../workspace/paths";
import type { RefScope } from "../workspace/references";
import type { ResolvedView } from "../workspace/resolve";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import { resolveRefView } from "./aliases";
import { KEYS, TYPES, VALUES, YES_NO } from "./lookmlKeys";

// CompletionItemKind values, spelled out so this module needs LSP types only.
const KIND = {
  field: 5 as CompletionItemKind,
  view: 7 as CompletionItemKind,
  key: 10 as CompletionItemKind,
  value: 12 as CompletionItemKind,
  constant: 21 as CompletionItemKind,
  explore: 9 as CompletionItemKind,
};

/** What the text before the cursor asks for. */
interface Request {
  index: WorkspaceIndex;
  info: FileInfo;
  position: Position;
  /** The line up to the cursor. */
  prefix: string;
  ctx: ModelContext | undefined;
}

/** Completion items at a position. */
export function completion(
  index: WorkspaceIndex,
  uri: string,
  position: Position,
): CompletionItem[] {
  const file = uriToPath(uri);
  const info = file === undefined ? undefined : index.file(file);
  if (info === undefined || info.kind === "dashboard") return [];
  const line = info.text.split("\n")[position.line] ?? "";
  const request: Request = {
    index,
    info,
    position,
    prefix: line.slice(0, position.character),
    ctx: index.contextsOf(info.path)[0],
  };
  return (
    substitution(request) ??
    constant(request) ??
    fieldList(request) ??
    value(request) ??
    keys(request)
  );
}

function replacing(request: Request, typed: string): Range {
  const end = request.position;
  return { start: { line: end.line, character: end.character - typed.length }, end };
}

function item(
  request: Request,
  typed: string,
  label: string,
  kind: CompletionItemKind,
  detail?: string,
): CompletionItem {
  const out: CompletionItem = {
    label,
    kind,
    textEdit: { range: replacing(request, typed), newText: label },
  };
  if (detail !== undefined) out.detail = detail;
  return out;
}

// `${`, `${ord`, `${orders.`, `${orders.am`.
function substitution(request: Request): CompletionItem[] | undefined {
  const match = /\$\{\s*([a-z0-9_]*)(?:\.([a-z0-9_]*))?$/i.exec(request.prefix);
  if (match === null || request.ctx === undefined) return undefined;
  const [, first = "", second] = match;
  const scope = scopeAt(request);
  if (second !== undefined) {
    const view = resolveRefView(request.ctx, scope, first);
    const extra = [{ label: "SQL_TABLE_NAME", kind: KIND.value }];
    return [
      ...fieldItems(request, second, view),
      ...extra.map((e) => item(request, second, e.label, e.kind)),
    ];
  }

  const own =
    scope.kind === "view" ? fieldItems(request, first, request.ctx.view(scope.view.name)) : [];
  const names =
    scope.kind === "explore" ? aliasNames(request.ctx, scope) : [...request.ctx.viewNames()];
  const views = names.map((n) => item(request, first, n, KIND.view, "view"));
  const special =
    scope.kind === "view" ? [item(request, first, "TABLE", KIND.value, "the view's table")] : [];
  return [...special, ...own, ...views];
}

function aliasNames(ctx: ModelContext, scope: Extract<RefScope, { kind: "explore" }>): string[] {
  return [...(ctx.explore(scope.explore.name)?.aliases.keys() ?? [])];
}

function fieldItems(
  request: Request,
  typed: string,
  view: ResolvedView | undefined,
): CompletionItem[] {
  if (view === undefined) return [];
  return [...view.fields.values()].map((f) =>
    item(
      request,
      typed,
      f.name,
      KIND.field,
      `${f.group === undefined ? f.kind : "dimension group field"} · ${f.type}`,
    ),
  );
}

function constant(request: Request): CompletionItem[] | undefined {
  const match = /@\{\s*([A-Za-z0-9_]*)$/.exec(request.prefix);
  if (match === null) return undefined;
  const typed = match[1] ?? "";
  const manifest = request.index.projectOf(request.info.path)?.manifest;
  return (manifest?.decls.constants ?? []).map((c) =>
    item(request, typed, c.name, KIND.constant, c.value),
  );
}

// Inside `fields: [...]` or `drill_fields: [...]`: `view.field`, `view.set*`, `ALL_FIELDS*`.
function fieldList(request: Request): CompletionItem[] | undefined {
  const match = /\b(?:fields|drill_fields)\s*:\s*\[[^\]]*?(-?\s*)([a-z0-9_.]*)$/i.exec(
    request.prefix,
  );
  if (match === null || request.ctx === undefined) return undefined;
  const typed = match[2] ?? "";
  const scope = scopeAt(request);
  const dot = typed.indexOf(".");
  if (dot !== -1) {
    const alias = typed.slice(0, dot);
    const view = resolveRefView(request.ctx, scope, alias);
    return listItemsOf(request, typed, alias, view);
  }
  if (scope.kind === "view")
    return listItemsOf(request, typed, undefined, request.ctx.view(scope.view.name));
  const aliases = scope.kind === "explore" ? aliasNames(request.ctx, scope) : [];
  return [
    item(request, typed, "ALL_FIELDS*", KIND.value),
    ...aliases.map((a) => item(request, typed, `${a}.`, KIND.view)),
  ];
}

function listItemsOf(
  request: Request,
  typed: string,
  alias: string | undefined,
  view: ResolvedView | undefined,
): CompletionItem[] {
  if (view === undefined) return [];
  const prefix = alias === undefined ? "" : `${alias}.`;
  const fields = [...view.fields.keys()].map((f) =>
    item(request, typed, `${prefix}${f}`, KIND.field),
  );
  const sets = [...view.sets.keys(), "ALL_FIELDS"].map((s) =>
    item(request, typed, `${prefix}${s}*`, KIND.value, "set"),
  );
  return [...fields, ...sets];
}

// `key: value` with the cursor in the value.
function value(request: Request): CompletionItem[] | undefined {
  const match = /^\s*([a-z_]+)\s*:\s*(\+?)\[?\s*(?:[a-z0-9_]+\s*,\s*)*([a-z0-9_]*)$/i.exec(
    request.prefix,
  );
  if (match === null) return undefined;
  const [, key = "", plus = "", typed = ""] = match;
  const values = valuesFor(request, key, plus === "+");
  return values?.map((v) => item(request, typed, v.label, v.kind));
}

interface Value {
  label: string;
  kind: CompletionItemKind;
}

function valuesFor(request: Request, key: string, refinement: boolean): Value[] | undefined {
  const words = (list: readonly string[], kind: CompletionItemKind = KIND.value): Value[] =>
    list.map((label) => ({ label, kind }));
  const views = (): Value[] => words([...(request.ctx?.viewNames() ?? [])], KIND.view);
  const explores = (): Value[] => words([...(request.ctx?.exploreNames() ?? [])], KIND.explore);

  if (key === "type") return words(TYPES[enclosingBlockKey(request) ?? ""] ?? []);
  if (key === "timeframes") return words(ALL_TIMEFRAMES);
  if (key === "intervals") return words(Object.keys(INTERVAL_PLURALS));
  if (YES_NO.has(key)) return words(["yes", "no"]);
  if (Object.hasOwn(VALUES, key)) return words(VALUES[key] ?? []);
  if (["from", "view_name", "join"].includes(key) || (key === "view" && refinement)) return views();
  if (key === "extends") return enclosingBlockKey(request) === "explore" ? explores() : views();
  if (key === "explore_source" || (key === "explore" && refinement)) return explores();
  return undefined;
}

// A key at the start of a line: the keys the enclosing block takes.
function keys(request: Request): CompletionItem[] {
  const match = /^\s*([a-z_]*)$/i.exec(request.prefix);
  if (match === null) return [];
  const typed = match[1] ?? "";
  const block = enclosingBlockKey(request) ?? topKey(request.info);
  return (KEYS[block] ?? []).map((k) => item(request, typed, k, KIND.key));
}

function topKey(info: FileInfo): string {
  if (info.kind === "model") return "_model";
  if (info.kind === "manifest") return "_manifest";
  return "_file";
}

/** The key of the innermost block whose braces hold the cursor. */
function enclosingBlockKey(request: Request): string | undefined {
  return innermostBlock(request.info.doc.children, request.position)?.key;
}

function innermostBlock(nodes: SyntaxNode[], pos: Position): BlockNode | undefined {
  for (const node of nodes) {
    if (node.type !== "block" || !contains(node.range, pos)) continue;
    // On the header line before the brace, the cursor is not inside the block yet.
    if (!isBefore(node.nameRange?.end ?? node.keyRange.end, pos)) continue;
    return innermostBlock(node.children, pos) ?? node;
  }
  return undefined;
}

/** The view or explore (and field or join) the cursor sits in. */
function scopeAt(request: Request): RefScope {
  const pos = request.position;
  for (const view of request.info.decls.views) {
    if (!contains(view.node.range, pos)) continue;
    const field = view.fields.find((f) => contains(f.node.range, pos));
    return { kind: "view", view, field, derivedTable: false };
  }
  for (const explore of request.info.decls.explores) {
    if (!contains(explore.node.range, pos)) continue;
    return {
      kind: "explore",
      explore,
      join: explore.joins.find((j) => contains(j.node.range, pos)),
    };
  }
  return { kind: "file" };
}
