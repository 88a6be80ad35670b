/**
 * Every place a file refers to a view, field, set, explore or constant: `${view.field}` in
 * SQL, `fields: [view.field, view.set*]` lists, `extends`, `from`, `view_name`, joins,
 * refinement targets, `explore_source` and `@{constant}`. Diagnostics check them; go to
 * definition and find references follow them.
 */
import type {
  BlockNode,
  ExpressionNode,
  PairNode,
  Range,
  ScalarNode,
  SyntaxNode,
} from "../lookml/ast";
import type { ExploreDecl, FieldDecl, FileDecls, JoinDecl, ViewDecl } from "./declarations";
import { rangeIn, scalarTextRange, scalarTextStart } from "./nodes";

/** Where a reference sits: inside a view (and maybe a field), an explore (and maybe a join). */
export type RefScope =
  | { kind: "view"; view: ViewDecl; field: FieldDecl | undefined; derivedTable: boolean }
  | { kind: "explore"; explore: ExploreDecl; join: JoinDecl | undefined }
  | { kind: "file" };

/** `${field}`, `${view.field}`, or `view.field` in a field list. */
export interface FieldRef {
  kind: "field";
  /** The view or alias written before the dot; undefined for `${field}`. */
  view: string | undefined;
  viewRange: Range | undefined;
  field: string;
  fieldRange: Range;
  /** The whole reference, for diagnostics. */
  range: Range;
  scope: RefScope;
  /** `sql` for `${...}`, `list` for a field list item. */
  via: "sql" | "list";
}

/**
 * A view named by `extends`, `from`, `view_name`, a join, a refinement or
 * `${view.SQL_TABLE_NAME}`.
 */
export interface ViewRef {
  kind: "view";
  name: string;
  range: Range;
  scope: RefScope;
  via: "extends" | "from" | "view_name" | "join" | "refinement" | "table" | "explore";
}

/** `view.set*` or `set*` in a field list; `ALL_FIELDS*` is a set every view has. */
export interface SetRef {
  kind: "set";
  view: string | undefined;
  viewRange: Range | undefined;
  name: string;
  nameRange: Range;
  range: Range;
  scope: RefScope;
}

/** An explore named by `extends`, a refinement or `explore_source`. */
export interface ExploreRef {
  kind: "explore";
  name: string;
  range: Range;
  scope: RefScope;
  via: "extends" | "refinement" | "explore_source";
}

/** `@{NAME}`. */
export interface ConstantRef {
  kind: "constant";
  name: string;
  range: Range;
}

/** `required_joins: [join]`: a join alias of the same explore. */
export interface JoinRef {
  kind: "join";
  name: string;
  range: Range;
  scope: RefScope;
}

export type Reference = FieldRef | ViewRef | SetRef | ExploreRef | ConstantRef | JoinRef;

/** Every reference in a file, in no particular order. */
export function referencesOf(decls: FileDecls, top: SyntaxNode[]): Reference[] {
  const refs: Reference[] = [];
  for (const view of decls.views) viewRefs(view, refs);
  for (const explore of decls.explores) exploreRefs(explore, refs);

  const scoped = new Set<SyntaxNode>([...decls.views, ...decls.explores].map((d) => d.node));
  for (const node of top) if (!scoped.has(node)) constantRefsIn(node, refs);
  return refs;
}

/** The view and explore names a file refers to, for finding what an edit affects. */
export function referencedNames(refs: readonly Reference[]): Set<string> {
  const names = new Set<string>();
  for (const ref of refs) {
    if (ref.kind === "field" || ref.kind === "set") {
      if (ref.view !== undefined) names.add(ref.view);
    } else if (ref.kind === "view" || ref.kind === "explore") {
      names.add(ref.name);
    }
  }
  return names;
}

function viewRefs(view: ViewDecl, refs: Reference[]): void {
  const scope: RefScope = { kind: "view", view, field: undefined, derivedTable: false };
  if (view.refinement)
    refs.push({ kind: "view", name: view.name, range: view.nameRange, scope, via: "refinement" });
  for (const item of view.extends) refs.push(viewRef(item, scope, "extends"));

  const fieldsByNode = new Map<SyntaxNode, FieldDecl>(view.fields.map((f) => [f.node, f]));
  for (const child of view.node.children) {
    const field = fieldsByNode.get(child);
    const derivedTable = child.type === "block" && child.key === "derived_table";
    walk(child, { kind: "view", view, field, derivedTable }, refs);
  }
}

function exploreRefs(explore: ExploreDecl, refs: Reference[]): void {
  const scope: RefScope = { kind: "explore", explore, join: undefined };
  if (explore.refinement) {
    refs.push({
      kind: "explore",
      name: explore.name,
      range: explore.nameRange,
      scope,
      via: "refinement",
    });
  }
  for (const item of explore.extends) {
    refs.push({
      kind: "explore",
      name: item.value,
      range: scalarTextRange(item),
      scope,
      via: "extends",
    });
  }
  if (explore.from !== undefined) refs.push(viewRef(explore.from, scope, "from"));
  // With `from` set, `view_name` is only the alias the view goes by.
  if (explore.viewName !== undefined && explore.from === undefined) {
    refs.push(viewRef(explore.viewName, scope, "view_name"));
  }
  if (explore.from === undefined && explore.viewName === undefined && !explore.refinement) {
    refs.push({
      kind: "view",
      name: explore.name,
      range: explore.nameRange,
      scope,
      via: "explore",
    });
  }

  const joins = new Map<SyntaxNode, JoinDecl>(explore.joins.map((j) => [j.node, j]));
  for (const child of explore.node.children) {
    const join = joins.get(child);
    if (join === undefined) {
      walk(child, scope, refs);
      continue;
    }
    const joinScope: RefScope = { kind: "explore", explore, join };
    if (join.from !== undefined) refs.push(viewRef(join.from, joinScope, "from"));
    else
      refs.push({
        kind: "view",
        name: join.name,
        range: join.nameRange,
        scope: joinScope,
        via: "join",
      });
    for (const c of join.node.children) walk(c, joinScope, refs);
  }
}

function viewRef(item: ScalarNode, scope: RefScope, via: ViewRef["via"]): ViewRef {
  return { kind: "view", name: item.value, range: scalarTextRange(item), scope, via };
}

// Keys whose list items name fields (`view.field`) or sets (`view.set*`).
const FIELD_LIST_KEYS = new Set(["fields", "drill_fields"]);

function walk(node: SyntaxNode, scope: RefScope, refs: Reference[]): void {
  if (node.type === "block") {
    walkBlock(node, scope, refs);
  } else if (node.type === "list") {
    listRefs(node.key, node.items, scope, refs);
  } else {
    pairRefs(node, scope, refs);
  }
}

function walkBlock(node: BlockNode, scope: RefScope, refs: Reference[]): void {
  if (node.key === "explore_source" && node.name !== undefined && node.nameRange !== undefined) {
    refs.push({
      kind: "explore",
      name: node.name,
      range: node.nameRange,
      scope,
      via: "explore_source",
    });
    // Columns of a native derived table name the source explore's fields, checked elsewhere.
    for (const child of node.children) constantRefsIn(child, refs);
    return;
  }
  if (node.key === "always_filter" || node.key === "conditionally_filter") {
    for (const child of node.children) filterRefs(child, scope, refs);
    return;
  }
  for (const child of node.children) walk(child, scope, refs);
}

function pairRefs(node: PairNode, scope: RefScope, refs: Reference[]): void {
  if (node.value.type === "expression") {
    sqlRefs(node.value, scope, refs);
  } else if (node.key === "required_joins" && scope.kind === "explore") {
    refs.push({ kind: "join", name: node.value.value, range: scalarTextRange(node.value), scope });
  }
  constantRefsInValue(node.value, refs);
}

function listRefs(
  key: string,
  items: (ScalarNode | PairNode)[],
  scope: RefScope,
  refs: Reference[],
): void {
  for (const item of items) {
    if (item.type === "pair") {
      constantRefsInValue(item.value, refs);
      // `filters: [status: "completed"]` on a measure names a field of the view.
      if (key === "filters" && scope.kind === "view") {
        const ref = parseFieldToken(item.key, item.keyRange, scope);
        if (ref !== undefined) refs.push(ref);
      }
      continue;
    }
    constantRefsInValue(item, refs);
    if (FIELD_LIST_KEYS.has(key) && scope.kind !== "file") fieldListItem(item, scope, refs);
    if (key === "required_joins" && scope.kind === "explore") {
      refs.push({ kind: "join", name: item.value, range: scalarTextRange(item), scope });
    }
  }
}

function filterRefs(node: SyntaxNode, scope: RefScope, refs: Reference[]): void {
  if (node.type !== "list" || node.key !== "filters") return;
  for (const item of node.items) {
    if (item.type !== "pair") continue;
    // `filters: [view.field: "value"]`: the key names the field.
    const ref = parseFieldToken(item.key, item.keyRange, scope);
    if (ref !== undefined) refs.push(ref);
  }
}

const NAME = /^[A-Za-z0-9_]+$/;

function fieldListItem(item: ScalarNode, scope: RefScope, refs: Reference[]): void {
  const text = item.value.trim();
  const range = scalarTextRange(item);
  if (text.endsWith("*")) {
    const ref = parseSetToken(text.slice(0, -1), range, scope);
    if (ref !== undefined) refs.push(ref);
    return;
  }
  const ref = parseFieldToken(text, range, scope);
  if (ref !== undefined) refs.push(ref);
}

// `name` or `view.name` with the range of each part; undefined when it is neither.
function splitDotted(
  text: string,
  range: Range,
):
  | { view: string | undefined; viewRange: Range | undefined; name: string; nameRange: Range }
  | undefined {
  const parts = text.split(".");
  if (parts.length > 2 || !parts.every((p) => NAME.test(p))) return undefined;
  const [first = "", second] = parts;
  const start = range.start;
  if (second === undefined) {
    return {
      view: undefined,
      viewRange: undefined,
      name: first,
      nameRange: shift(start, 0, first.length),
    };
  }
  return {
    view: first,
    viewRange: shift(start, 0, first.length),
    name: second,
    nameRange: shift(start, first.length + 1, second.length),
  };
}

function parseSetToken(text: string, range: Range, scope: RefScope): SetRef | undefined {
  const parts = splitDotted(text, range);
  return parts === undefined ? undefined : { kind: "set", ...parts, range, scope };
}

function parseFieldToken(text: string, range: Range, scope: RefScope): FieldRef | undefined {
  const parts = splitDotted(text, range);
  if (parts === undefined) return undefined;
  const { view, viewRange, name, nameRange } = parts;
  return {
    kind: "field",
    view,
    viewRange,
    field: name,
    fieldRange: nameRange,
    range,
    scope,
    via: "list",
  };
}

function shift(start: Range["start"], from: number, length: number): Range {
  return {
    start: { line: start.line, character: start.character + from },
    end: { line: start.line, character: start.character + from + length },
  };
}

const SUBSTITUTION = /\$\{([^{}]*)\}/g;
const FIELD_NAME = /^[a-z0-9_]+$/;

/** The `${...}` references of one SQL expression. */
function sqlRefs(expr: ExpressionNode, scope: RefScope, refs: Reference[]): void {
  for (const match of expr.value.matchAll(SUBSTITUTION)) {
    const inner = match[1] ?? "";
    const at = match.index + 2 + (inner.length - inner.trimStart().length);
    const whole = rangeIn(expr.range.start, expr.value, match.index, match.index + match[0].length);
    const ref = sqlRef(inner.trim(), expr, at, whole, scope);
    if (ref !== undefined) refs.push(ref);
  }
}

function sqlRef(
  inner: string,
  expr: ExpressionNode,
  at: number,
  whole: Range,
  scope: RefScope,
): Reference | undefined {
  const text = expr.value;
  const parts = inner.split(".");
  const [first = "", second] = parts;
  if (parts.length === 1) {
    // `${TABLE}`, `${EXTENDED}` and other upper-case words are Looker's own substitutions.
    if (!FIELD_NAME.test(first)) return undefined;
    const fieldRange = rangeIn(expr.range.start, text, at, at + first.length);
    return {
      kind: "field",
      view: undefined,
      viewRange: undefined,
      field: first,
      fieldRange,
      range: whole,
      scope,
      via: "sql",
    };
  }
  if (parts.length !== 2 || second === undefined || !NAME.test(first)) return undefined;

  const viewRange = rangeIn(expr.range.start, text, at, at + first.length);
  if (second === "SQL_TABLE_NAME")
    return { kind: "view", name: first, range: viewRange, scope, via: "table" };
  if (!FIELD_NAME.test(second)) return undefined;

  const fieldAt = at + first.length + 1;
  const fieldRange = rangeIn(expr.range.start, text, fieldAt, fieldAt + second.length);
  return {
    kind: "field",
    view: first,
    viewRange,
    field: second,
    fieldRange,
    range: whole,
    scope,
    via: "sql",
  };
}

const CONSTANT = /@\{\s*([A-Za-z0-9_]+)\s*\}/g;

function constantRefsIn(node: SyntaxNode, refs: Reference[]): void {
  if (node.type === "block") for (const child of node.children) constantRefsIn(child, refs);
  else if (node.type === "list") {
    for (const item of node.items)
      constantRefsInValue(item.type === "pair" ? item.value : item, refs);
  } else constantRefsInValue(node.value, refs);
}

function constantRefsInValue(value: ScalarNode | ExpressionNode, refs: Reference[]): void {
  if (!value.value.includes("@{")) return;
  const start = value.type === "scalar" ? scalarTextStart(value) : value.range.start;
  for (const match of value.value.matchAll(CONSTANT)) {
    const name = match[1] ?? "";
    refs.push({
      kind: "constant",
      name,
      range: rangeIn(start, value.value, match.index, match.index + match[0].length),
    });
  }
}
