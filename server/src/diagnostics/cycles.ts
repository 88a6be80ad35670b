/**
 * Circular references: a field whose SQL reaches itself through `${...}` (within a view or
 * across views), and derived tables that select from each other's `${view.SQL_TABLE_NAME}`.
 * A field that only selects from another view's table is not a cycle.
 */
import type { FieldDecl } from "../workspace/declarations";
import type { FileInfo } from "../workspace/fileInfo";
import type { FieldRef, Reference, ViewRef } from "../workspace/references";
import type { ResolvedField } from "../workspace/resolve";
import { lookupField } from "../workspace/resolve";
import type { CheckScope } from "./scope";

// Long chains are rare; the bound keeps a pathological project from stalling a check.
const MAX_STEPS = 2000;

/** Reports each `${...}` of the file that sits on a cycle. */
export function checkCycles(scope: CheckScope): void {
  for (const ref of scope.file.refs) {
    if (ref.kind === "field" && ref.via === "sql") checkFieldRef(scope, ref);
    else if (ref.kind === "view" && ref.via === "table") checkTableRef(scope, ref);
  }
}

function checkFieldRef(scope: CheckScope, ref: FieldRef): void {
  if (ref.scope.kind !== "view" || ref.scope.field === undefined) return;
  const startView = ref.scope.view.name;
  const startField = ref.scope.field.name;
  const first = nodeOf(ref.view ?? startView, ref.field);
  const start = nodeOf(startView, startField);

  const path = findPath(first, start, (node) => fieldEdges(scope, node));
  if (path === undefined) return;
  scope.out.push({
    code: "ref/circular",
    range: ref.range,
    message: `Field \`${startField}\` depends on itself: ${[start, ...path].map((n) => `\`${n}\``).join(" → ")}. Break the cycle.`,
  });
}

function checkTableRef(scope: CheckScope, ref: ViewRef): void {
  if (ref.scope.kind !== "view" || !ref.scope.derivedTable) return;
  const start = ref.scope.view.name;
  const path = findPath(ref.name, start, (view) => tableEdges(scope, view));
  if (path === undefined) return;
  scope.out.push({
    code: "ref/circular",
    range: ref.range,
    message: `The derived table of \`${start}\` selects from itself: ${[start, ...path].map((n) => `\`${n}\``).join(" → ")}. Break the cycle.`,
  });
}

function nodeOf(view: string, field: string): string {
  return `${view}.${field}`;
}

function findPath(
  from: string,
  target: string,
  edges: (node: string) => string[],
): string[] | undefined {
  const parent = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  for (let steps = 0; steps < MAX_STEPS && queue.length > 0; steps++) {
    const node = queue.shift() ?? "";
    if (node === target) return unwind(parent, node);
    for (const next of edges(node)) {
      if (parent.has(next)) continue;
      parent.set(next, node);
      queue.push(next);
    }
  }
  return undefined;
}

function unwind(parent: Map<string, string | undefined>, end: string): string[] {
  const path = [end];
  for (let p = parent.get(end); p !== undefined; p = parent.get(p)) path.unshift(p);
  return path;
}

function fieldEdges(scope: CheckScope, node: string): string[] {
  const dot = node.indexOf(".");
  const viewName = node.slice(0, dot);
  const view = scope.ctx.view(viewName);
  const field = view === undefined ? undefined : lookupField(view, node.slice(dot + 1));
  const decl = field === undefined ? undefined : sqlDecl(field);
  if (decl === undefined) return [];

  const refs = refsOf(scope, decl.file).get(decl) ?? [];
  return refs.map((r) => nodeOf(r.view ?? viewName, r.field));
}

// The declaration whose SQL the field ends up with: the last one that sets it.
function sqlDecl(field: ResolvedField): FieldDecl | undefined {
  let chosen: FieldDecl | undefined;
  for (const d of field.decls) if (d.hasSql) chosen = d;
  return chosen;
}

function tableEdges(scope: CheckScope, viewName: string): string[] {
  const edges: string[] = [];
  for (const decl of scope.ctx.viewDecls(viewName)) {
    const info = scope.index.file(decl.file);
    for (const ref of info?.refs ?? []) {
      if (ref.kind !== "view" || ref.via !== "table" || ref.scope.kind !== "view") continue;
      if (ref.scope.view === decl && ref.scope.derivedTable) edges.push(ref.name);
    }
  }
  return edges;
}

const refsByField = new WeakMap<FileInfo, Map<FieldDecl, FieldRef[]>>();

function refsOf(scope: CheckScope, file: string): Map<FieldDecl, FieldRef[]> {
  const info = scope.index.file(file);
  if (info === undefined) return new Map();
  let map = refsByField.get(info);
  if (map === undefined) {
    map = groupByField(info.refs);
    refsByField.set(info, map);
  }
  return map;
}

function groupByField(refs: readonly Reference[]): Map<FieldDecl, FieldRef[]> {
  const map = new Map<FieldDecl, FieldRef[]>();
  for (const ref of refs) {
    if (ref.kind !== "field" || ref.via !== "sql" || ref.scope.kind !== "view") continue;
    const field = ref.scope.field;
    if (field === undefined) continue;
    map.set(field, [...(map.get(field) ?? []), ref]);
  }
  return map;
}
