/**
 * What every check of one file in one model sees, and the lookups they share: which view a
 * `${view.field}` names from where it is written, and whether an unknown name is worth
 * reporting (not when the model misses an include, where the name may well live).
 */
import type { ModelContext } from "../workspace/context";
import type { FileInfo } from "../workspace/fileInfo";
import type { LookmlProject } from "../workspace/lookmlProject";
import type { RefScope } from "../workspace/references";
import type { ResolvedView } from "../workspace/resolve";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import type { Finding } from "./finding";

/** One file checked in one context. */
export interface CheckScope {
  index: WorkspaceIndex;
  project: LookmlProject;
  ctx: ModelContext;
  file: FileInfo;
  out: Finding[];
}

/**
 * Whether names missing from the context are reported: only in a model whose includes all
 * resolve. Files no model includes are not validated by Looker either.
 */
export function reportsUnknownNames(scope: CheckScope): boolean {
  return scope.ctx.model !== undefined && scope.ctx.complete;
}

/** The view a reference's scope sits in (the refined view for a refinement). */
export function scopeView(scope: CheckScope, ref: RefScope): ResolvedView | undefined {
  return ref.kind === "view" ? scope.ctx.view(ref.view.name) : undefined;
}

/** What an alias or view name in a reference stands for, seen from where it is written. */
export type Target =
  | { kind: "view"; view: ResolvedView; alias: string }
  | { kind: "unknown-view"; name: string; viaJoin: boolean }
  | { kind: "unknown-alias"; name: string; explore: string }
  | { kind: "skip" };

/**
 * Resolves the `view` part of `${view.field}`: a view name inside a view, a join alias (or the
 * explore's own alias) inside an explore.
 */
export function resolveTarget(scope: CheckScope, ref: RefScope, name: string | undefined): Target {
  if (ref.kind === "view") {
    const viewName = name ?? ref.view.name;
    const view = scope.ctx.view(viewName);
    if (view !== undefined) return { kind: "view", view, alias: viewName };
    return joinAliasTarget(scope, viewName);
  }
  if (ref.kind !== "explore") return { kind: "skip" };

  const explore = scope.ctx.explore(ref.explore.name);
  if (explore === undefined) return { kind: "skip" };
  const alias = name ?? ref.join?.name ?? explore.baseAlias;
  const target = explore.aliases.get(alias);
  if (target === undefined) return { kind: "unknown-alias", name: alias, explore: explore.name };
  const view = scope.ctx.view(target.view);
  if (view === undefined) return { kind: "unknown-view", name: target.view, viaJoin: true };
  return { kind: "view", view, alias };
}

// Inside a view, `${buyer.name}` may name a join alias (`join: buyer { from: users }`) of
// the explores that use the view. One view behind the alias is checked; several are left be.
function joinAliasTarget(scope: CheckScope, alias: string): Target {
  const views = scope.ctx.aliasViews(alias);
  const only = views.length === 1 ? views[0] : undefined;
  if (views.length > 1) return { kind: "skip" };
  const view = only === undefined ? undefined : scope.ctx.view(only);
  if (view === undefined) return { kind: "unknown-view", name: alias, viaJoin: only !== undefined };
  return { kind: "view", view, alias };
}

/** Up to three names close to `name`, for "did you mean" hints. */
export function closeNames(name: string, candidates: Iterable<string>): string[] {
  const scored: [number, string][] = [];
  for (const c of candidates) {
    if (c === name) continue;
    const d = distance(name, c);
    const shared = c.startsWith(`${name}_`) || c.endsWith(`_${name}`);
    if (d <= Math.max(2, Math.floor(name.length / 3)) || shared) scored.push([shared ? 0 : d, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  return scored.slice(0, 3).map(([, c]) => c);
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 99;
}

/** ` Did you mean a, b?` or nothing. */
export function didYouMean(
  names: string[],
  format: (n: string) => string = (n) => `\`${n}\``,
): string {
  return names.length === 0 ? "" : ` Did you mean ${names.map(format).join(", ")}?`;
}
