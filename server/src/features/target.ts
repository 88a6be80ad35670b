/**
 * What sits under the cursor and what it means: a reference or a declaration, resolved to a
 * symbol of the model (a view, a field, a set, an explore, a join, a constant) that hover, go
 * to definition and find references then work from.
 */
import type { Position, Range } from "../lookml/ast";
import type { ModelContext } from "../workspace/context";
import type {
  ConstantDecl,
  ExploreDecl,
  IncludeDecl,
  JoinDecl,
  SetDecl,
  ViewDecl,
} from "../workspace/declarations";
import type { FileInfo } from "../workspace/fileInfo";
import { contains } from "../workspace/nodes";
import type { JoinRef, Reference } from "../workspace/references";
import type { ResolvedField } from "../workspace/resolve";
import { lookupField } from "../workspace/resolve";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import { resolveRefView } from "./aliases";

/** A resolved symbol. */
export type ModelSymbol =
  | { kind: "view"; name: string; ctx: ModelContext }
  | { kind: "field"; view: string; field: ResolvedField; ctx: ModelContext }
  | { kind: "set"; view: string; name: string; ctx: ModelContext }
  | { kind: "explore"; name: string; ctx: ModelContext }
  | { kind: "join"; explore: ExploreDecl; join: JoinDecl; ctx: ModelContext }
  | { kind: "constant"; name: string; file: string }
  | { kind: "include"; include: IncludeDecl; file: string; ctx: ModelContext | undefined };

/** A symbol and the range of the text that names it at the cursor. */
export interface Located {
  symbol: ModelSymbol;
  range: Range;
}

/** The symbol at a position of a file, if any. */
export function symbolAt(
  index: WorkspaceIndex,
  info: FileInfo,
  pos: Position,
): Located | undefined {
  const ctx = index.contextsOf(info.path)[0];
  const include = info.decls.includes.find((i) => contains(i.node.range, pos));
  if (include !== undefined) {
    return {
      symbol: { kind: "include", include, file: info.path, ctx },
      range: include.node.range,
    };
  }
  const ref = info.refs.find((r) => contains(refRange(r, pos), pos));
  if (ref !== undefined)
    return ctx === undefined && ref.kind !== "constant" ? undefined : fromRef(ref, pos, info, ctx);
  return ctx === undefined ? undefined : fromDeclaration(info, pos, ctx);
}

/** The symbols a reference names: the view part (`orders` in `orders.id`) and the rest. */
export function symbolsOfRef(index: WorkspaceIndex, info: FileInfo, ref: Reference): Located[] {
  const ctx = index.contextsOf(info.path)[0];
  const positions =
    (ref.kind === "field" || ref.kind === "set") && ref.viewRange !== undefined
      ? [ref.viewRange.start, refRange(ref, ref.range.end).start]
      : [refRange(ref, ref.range.start).start];
  const out: Located[] = [];
  for (const pos of positions) {
    const located = fromRef(ref, pos, info, ctx);
    if (located !== undefined) out.push(located);
  }
  return out;
}

function refRange(ref: Reference, pos: Position): Range {
  if (ref.kind === "field" && ref.viewRange !== undefined && contains(ref.viewRange, pos))
    return ref.viewRange;
  if (ref.kind === "field") return ref.fieldRange;
  if (ref.kind === "set")
    return ref.viewRange !== undefined && contains(ref.viewRange, pos)
      ? ref.viewRange
      : ref.nameRange;
  return ref.range;
}

function fromRef(
  ref: Reference,
  pos: Position,
  info: FileInfo,
  ctx: ModelContext | undefined,
): Located | undefined {
  if (ref.kind === "constant")
    return { symbol: { kind: "constant", name: ref.name, file: info.path }, range: ref.range };
  if (ctx === undefined) return undefined;
  switch (ref.kind) {
    case "view":
      return { symbol: { kind: "view", name: ref.name, ctx }, range: ref.range };
    case "explore":
      return { symbol: { kind: "explore", name: ref.name, ctx }, range: ref.range };
    case "join":
      return joinRef(ref, ctx);
    case "set":
    case "field":
      return fieldOrSetRef(ref, pos, ctx);
  }
}

function joinRef(ref: JoinRef, ctx: ModelContext): Located | undefined {
  if (ref.scope.kind !== "explore") return undefined;
  const join = ctx.explore(ref.scope.explore.name)?.aliases.get(ref.name)?.join;
  if (join === undefined) return undefined;
  return { symbol: { kind: "join", explore: ref.scope.explore, join, ctx }, range: ref.range };
}

function fieldOrSetRef(
  ref: Extract<Reference, { kind: "field" | "set" }>,
  pos: Position,
  ctx: ModelContext,
): Located | undefined {
  const view = resolveRefView(ctx, ref.scope, ref.view);
  if (view === undefined) return undefined;
  if (ref.viewRange !== undefined && contains(ref.viewRange, pos)) {
    return { symbol: { kind: "view", name: view.name, ctx }, range: ref.viewRange };
  }
  if (ref.kind === "set")
    return { symbol: { kind: "set", view: view.name, name: ref.name, ctx }, range: ref.nameRange };
  const field = lookupField(view, ref.field);
  if (field === undefined) return undefined;
  return { symbol: { kind: "field", view: view.name, field, ctx }, range: ref.fieldRange };
}

function fromDeclaration(info: FileInfo, pos: Position, ctx: ModelContext): Located | undefined {
  for (const view of info.decls.views) {
    if (contains(view.nameRange, pos))
      return { symbol: { kind: "view", name: view.name, ctx }, range: view.nameRange };
    if (!contains(view.node.range, pos)) continue;
    return fieldDeclaration(view, pos, ctx) ?? setDeclaration(view.sets, view.name, pos, ctx);
  }
  for (const explore of info.decls.explores) {
    if (contains(explore.nameRange, pos))
      return { symbol: { kind: "explore", name: explore.name, ctx }, range: explore.nameRange };
    const join = explore.joins.find((j) => contains(j.nameRange, pos));
    if (join !== undefined)
      return { symbol: { kind: "join", explore, join, ctx }, range: join.nameRange };
  }
  const constant = info.decls.constants.find((c) => contains(c.nameRange, pos));
  if (constant !== undefined)
    return {
      symbol: { kind: "constant", name: constant.name, file: info.path },
      range: constant.nameRange,
    };
  return undefined;
}

function fieldDeclaration(view: ViewDecl, pos: Position, ctx: ModelContext): Located | undefined {
  const decl = view.fields.find((f) => contains(f.nameRange, pos));
  const resolved = decl === undefined ? undefined : ctx.view(view.name);
  if (decl === undefined || resolved === undefined) return undefined;
  const field =
    decl.kind === "dimension_group"
      ? resolved.groups.get(decl.name)
      : resolved.fields.get(decl.name);
  const chosen = field ?? resolved.groups.get(decl.name) ?? resolved.fields.get(decl.name);
  if (chosen === undefined) return undefined;
  return { symbol: { kind: "field", view: view.name, field: chosen, ctx }, range: decl.nameRange };
}

function setDeclaration(
  sets: SetDecl[],
  view: string,
  pos: Position,
  ctx: ModelContext,
): Located | undefined {
  const set = sets.find((s) => contains(s.nameRange, pos));
  return set === undefined
    ? undefined
    : { symbol: { kind: "set", view, name: set.name, ctx }, range: set.nameRange };
}

/** A stable key for comparing symbols across files: same key, same thing. */
export function symbolKey(symbol: ModelSymbol): string {
  switch (symbol.kind) {
    case "view":
    case "explore":
      return `${symbol.kind}:${symbol.name}`;
    case "field": {
      // Every field of a dimension group counts as the group.
      const name = symbol.field.group?.name ?? symbol.field.name;
      return `field:${symbol.field.view}.${name}`;
    }
    case "set":
      return `set:${symbol.view}.${symbol.name}`;
    case "join":
      return `join:${symbol.explore.name}.${symbol.join.name}`;
    case "constant":
      return `constant:${symbol.name}`;
    case "include":
      return `include:${symbol.file}:${symbol.include.pattern}`;
  }
}

/** Where a declaration's name is, with its file. */
export interface Place {
  file: string;
  range: Range;
}

/** The declarations of a symbol: bases first, then refinements in include order. */
export function declarationsOf(index: WorkspaceIndex, symbol: ModelSymbol): Place[] {
  switch (symbol.kind) {
    case "view":
      return orderedDecls(symbol.ctx.viewDecls(symbol.name));
    case "explore":
      return orderedDecls(symbol.ctx.exploreDecls(symbol.name));
    case "field":
      return symbol.field.decls.map(placeOf);
    case "set":
      return (symbol.ctx.view(symbol.view)?.sets.get(symbol.name) ?? []).map(placeOf);
    case "join":
      return [{ file: symbol.explore.file, range: symbol.join.nameRange }];
    case "constant":
      return constantDecls(index, symbol.file, symbol.name).map(placeOf);
    case "include":
      return [];
  }
}

function orderedDecls(decls: readonly (ViewDecl | ExploreDecl)[]): Place[] {
  const sorted = [...decls.filter((d) => !d.refinement), ...decls.filter((d) => d.refinement)];
  return sorted.map(placeOf);
}

function placeOf(decl: { file: string; nameRange: Range }): Place {
  return { file: decl.file, range: decl.nameRange };
}

/** The constant's declaration in the project's manifest or an imported one, and overrides. */
export function constantDecls(index: WorkspaceIndex, file: string, name: string): ConstantDecl[] {
  const project = index.projectOf(file);
  const manifest = project?.manifest;
  if (project === undefined || manifest === undefined) return [];
  const own = manifest.decls.constants.filter((c) => c.name === name);
  const imported = manifest.decls.dependencies.flatMap((dep) => {
    const other = index.projectNamed(dep.project, project.root)?.manifest?.decls.constants ?? [];
    return [
      ...other.filter((c) => c.name === name),
      ...dep.overrides.filter((o) => o.name === name),
    ];
  });
  return [...own, ...imported];
}
