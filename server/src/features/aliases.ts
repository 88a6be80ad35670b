/** Which view a `${name.field}` or `name.field` names, seen from where it is written. */
import type { ModelContext } from "../workspace/context";
import type { RefScope } from "../workspace/references";
import type { ResolvedView } from "../workspace/resolve";

/**
 * The view behind the part before the dot: a view name inside a view (or a join alias of the
 * model's explores), a join alias or the explore's own alias inside an explore. Without a
 * dot, the view the reference sits in, or the join whose `fields` list it is in.
 */
export function resolveRefView(
  ctx: ModelContext,
  scope: RefScope,
  name: string | undefined,
): ResolvedView | undefined {
  if (scope.kind === "view") {
    const viewName = name ?? scope.view.name;
    const view = ctx.view(viewName);
    if (view !== undefined) return view;
    const behind = ctx.aliasViews(viewName);
    return behind.length === 1 && behind[0] !== undefined ? ctx.view(behind[0]) : undefined;
  }
  if (scope.kind !== "explore") return undefined;

  const explore = ctx.explore(scope.explore.name);
  const alias = name ?? scope.join?.name ?? explore?.baseAlias;
  const target = alias === undefined ? undefined : explore?.aliases.get(alias);
  return target === undefined ? undefined : ctx.view(target.view);
}
