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
  const edges = (node: string): string[] => fieldEdges(scope, node);
  if (!sameComponent(scope, "fields", edges, start, first)) return;

  const path = findPath(first, start, edges);
  if (path === undefined) return;
  scope.out.push({
    code: "ref/circular",
    range: ref.range,
    message:
      `Field \`${startField}\` depends on itself: ${chain([start, ...path])}. ` +
      "Break the cycle.",
  });
}

function checkTableRef(scope: CheckScope, ref: ViewRef): void {
  if (ref.scope.kind !== "view" || !ref.scope.derivedTable) return;
  const start = ref.scope.view.name;
  const edges = (view: string): string[] => tableEdges(scope, view);
  if (!sameComponent(scope, "tables", edges, start, ref.name)) return;
  const path = findPath(ref.name, start, edges);
  if (path === undefined) return;
  scope.out.push({
    code: "ref/circular",
    range: ref.range,
    message:
      `The derived table of \`${start}\` selects from itself: ${chain([start, ...path])}. ` +
      "Break the cycle.",
  });
}

/** `a` → `b` → `a`: the names along a cycle, each in backticks. */
function chain(names: readonly string[]): string {
  return names.map((n) => `\`${n}\``).join(" → ");
}

/** Strongly connected components found so far, per context and graph. */
interface Components {
  index: Map<string, number>;
  low: Map<string, number>;
  component: Map<string, number>;
  next: number;
}

// Two nodes joined by an edge lie on a cycle exactly when they share a strongly connected
// component. Components are found once per model (Tarjan's algorithm, run lazily from each
// new node) instead of a search per reference.
function sameComponent(
  scope: CheckScope,
  graph: string,
  edges: (node: string) => string[],
  a: string,
  b: string,
): boolean {
  if (a === b) return true;
  const found = scope.ctx.memo(`cycles:${graph}`, (): Components => ({
    index: new Map(),
    low: new Map(),
    component: new Map(),
    next: 0,
  }));
  const ca = componentOf(found, edges, a);
  return ca === componentOf(found, edges, b);
}

function componentOf(c: Components, edges: (node: string) => string[], node: string): number {
  if (!c.component.has(node)) tarjan(c, edges, node);
  return c.component.get(node) ?? -1;
}

function tarjan(c: Components, edges: (node: string) => string[], root: string): void {
  const stack: string[] = [];
  const onStack = new Set<string>();
  const work: { node: string; next: string[]; i: number }[] = [];
  const open = (node: string): void => {
    c.index.set(node, c.next);
    c.low.set(node, c.next);
    c.next += 1;
    stack.push(node);
    onStack.add(node);
    work.push({ node, next: edges(node), i: 0 });
  };
  open(root);
  while (work.length > 0) {
    const frame = work[work.length - 1];
    if (frame === undefined) break;
    const target = frame.next[frame.i];
    frame.i += 1;
    if (target !== undefined) {
      if (!c.index.has(target)) open(target);
      else if (onStack.has(target)) lower(c, frame.node, c.index.get(target) ?? 0);
      continue;
    }
    work.pop();
    const parent = work[work.length - 1];
    if (parent !== undefined) lower(c, parent.node, c.low.get(frame.node) ?? 0);
    if (c.low.get(frame.node) === c.index.get(frame.node))
      closeComponent(c, stack, onStack, frame.node);
  }
}

function lower(c: Components, node: string, value: number): void {
  c.low.set(node, Math.min(c.low.get(node) ?? value, value));
}

function closeComponent(c: Components, stack: string[], onStack: Set<string>, root: string): void {
  const id = c.index.get(root) ?? -1;
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    onStack.delete(node);
    c.component.set(node, id);
    if (node === root) break;
  }
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
