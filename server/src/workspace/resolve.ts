/**
 * How Looker assembles a view or explore from its declarations: the base definition, then
 * each refinement in include order (stopping at none: a refinement after `final: yes` is an
 * error the diagnostics report), then the views it `extends`, whose fields the extending view
 * overrides. Fields of dimension groups are expanded here.
 */
import type { SyntaxNode } from "../lookml/ast";
import type {
  ExploreDecl,
  FieldDecl,
  FieldKind,
  JoinDecl,
  SetDecl,
  ViewDecl,
} from "./declarations";
import { groupFields, groupType, isOpenTimeframe } from "./dimensionGroups";
import { listItems } from "./nodes";

/** Declarations by name, in the order a model applies them. */
export interface DeclTable {
  viewDecls(name: string): readonly ViewDecl[];
  exploreDecls(name: string): readonly ExploreDecl[];
}

/** A field as a view ends up with it. */
export interface ResolvedField {
  name: string;
  kind: FieldKind;
  /** The effective type: the last `type:` written, or the kind's default. */
  type: string;
  /** Every block that shaped it, in the order applied (extended views first). */
  decls: FieldDecl[];
  /** For a field made by a dimension group: the group's name and the timeframe or interval. */
  group: { name: string; part: string } | undefined;
  /** The view whose declarations define it (the extended view for an inherited field). */
  view: string;
}

/** A view as a model ends up with it. */
export interface ResolvedView {
  name: string;
  /** The non-refinement declarations (normally one). */
  bases: ViewDecl[];
  /** Refinements in the order applied. */
  refinements: ViewDecl[];
  /** Names of the views it extends, directly, in order. */
  extends: string[];
  /** Every field usable as `${view.field}`, including dimension group members. */
  fields: Map<string, ResolvedField>;
  /** Dimension groups by their own name (not usable in `${}`). */
  groups: Map<string, ResolvedField>;
  /** Time groups that list no timeframes, so any timeframe name is accepted. */
  openGroups: string[];
  sets: Map<string, SetDecl[]>;
  extensionRequired: boolean;
}

const DEFAULT_TYPES: Record<FieldKind, string> = {
  dimension: "string",
  dimension_group: "time",
  measure: "count",
  filter: "string",
  parameter: "unquoted",
};

/** Resolves a view by name, following extends (a cycle stops the walk). */
export function resolveView(
  table: DeclTable,
  name: string,
  cache: Map<string, ResolvedView | undefined>,
  visiting: Set<string> = new Set(),
): ResolvedView | undefined {
  if (cache.has(name)) return cache.get(name);
  const decls = table.viewDecls(name);
  // Refinements alone do not make a view: Looker refuses them without the view they refine.
  if (decls.every((d) => d.refinement) || visiting.has(name)) return undefined;

  const shared = sharedView(decls);
  if (shared !== undefined) {
    cache.set(name, shared);
    return shared;
  }

  visiting.add(name);
  const view = emptyView(name, decls);
  for (const parent of view.extends) {
    const resolved = resolveView(table, parent, cache, visiting);
    if (resolved !== undefined) inherit(view, resolved);
  }
  for (const decl of [...view.bases, ...view.refinements]) applyDecl(view, decl);
  finishGroups(view);
  visiting.delete(name);

  cache.set(name, view);
  if (view.extends.length === 0) rememberShared(decls, view);
  return view;
}

// Models that include the same files resolve a view without `extends` from the very same
// declarations; they share one resolution instead of building it once per model.
const declIds = new WeakMap<ViewDecl, number>();
const sharedViews = new WeakMap<ViewDecl, Map<string, ResolvedView>>();
let nextDeclId = 0;

function declKey(decls: readonly ViewDecl[]): string {
  return decls
    .map((d) => {
      let id = declIds.get(d);
      if (id === undefined) {
        id = nextDeclId++;
        declIds.set(d, id);
      }
      return id;
    })
    .join(",");
}

function sharedView(decls: readonly ViewDecl[]): ResolvedView | undefined {
  const first = decls[0];
  if (first === undefined || decls.some((d) => d.extends.length > 0)) return undefined;
  return sharedViews.get(first)?.get(declKey(decls));
}

function rememberShared(decls: readonly ViewDecl[], view: ResolvedView): void {
  const first = decls[0];
  if (first === undefined) return;
  let byKey = sharedViews.get(first);
  if (byKey === undefined) {
    byKey = new Map();
    sharedViews.set(first, byKey);
  }
  byKey.set(declKey(decls), view);
}

function emptyView(name: string, decls: readonly ViewDecl[]): ResolvedView {
  const bases = decls.filter((d) => !d.refinement);
  const refinements = decls.filter((d) => d.refinement);
  const own = [...bases, ...refinements];
  const extended = own.flatMap((d) => d.extends.map((s) => s.value));

  return {
    name,
    bases,
    refinements,
    extends: [...new Set(extended)],
    fields: new Map(),
    groups: new Map(),
    openGroups: [],
    sets: new Map(),
    extensionRequired: own.some((d) => d.extensionRequired),
  };
}

// An extending view starts with the extended view's fields; its own declarations then
// override them. `extension: required` is not inherited.
function inherit(view: ResolvedView, parent: ResolvedView): void {
  for (const [name, field] of parent.groups)
    view.groups.set(name, { ...field, decls: [...field.decls] });
  for (const [name, field] of parent.fields) {
    if (field.group === undefined) view.fields.set(name, { ...field, decls: [...field.decls] });
  }
  for (const [name, sets] of parent.sets) view.sets.set(name, [...sets]);
}

function applyDecl(view: ResolvedView, decl: ViewDecl): void {
  for (const field of decl.fields) {
    const map = field.kind === "dimension_group" ? view.groups : view.fields;
    const existing =
      map.get(field.name) ?? view.fields.get(field.name) ?? view.groups.get(field.name);
    if (existing === undefined) {
      map.set(field.name, newField(field, view.name));
      continue;
    }
    existing.decls.push(field);
    if (field.type !== undefined) existing.type = field.type;
  }
  for (const set of decl.sets) view.sets.set(set.name, [...(view.sets.get(set.name) ?? []), set]);
}

function newField(decl: FieldDecl, view: string): ResolvedField {
  return {
    name: decl.name,
    kind: decl.kind,
    type: decl.type ?? DEFAULT_TYPES[decl.kind],
    decls: [decl],
    group: undefined,
    view,
  };
}

// Group members come from the last declaration listing timeframes or intervals, so a
// refinement that narrows the timeframes changes the fields.
function finishGroups(view: ResolvedView): void {
  for (const group of view.groups.values()) {
    const type = group.decls.reduce<string>((t, d) => d.type ?? t, groupType([]));
    const body = mergedBody(group.decls, type === "duration" ? "intervals" : "timeframes");
    const made = groupFields(group.name, type, body);
    if (made.open) view.openGroups.push(group.name);
    for (const member of made.members) {
      if (view.fields.has(member.name)) continue;
      view.fields.set(member.name, {
        name: member.name,
        kind: "dimension",
        type: type === "duration" ? "number" : "time",
        decls: group.decls,
        group: { name: group.name, part: member.part },
        view: group.view,
      });
    }
  }
}

function mergedBody(decls: FieldDecl[], key: string): SyntaxNode[] {
  let chosen: SyntaxNode[] = [];
  for (const d of decls) if (listItems(d.node.children, key).length > 0) chosen = d.node.children;
  return chosen;
}

/** Looks a field up, accepting any timeframe of a time group that lists none. */
export function lookupField(view: ResolvedView, name: string): ResolvedField | undefined {
  const field = view.fields.get(name);
  if (field !== undefined) return field;

  const group = view.openGroups.find((g) => isOpenTimeframe(g, name));
  const resolved = group === undefined ? undefined : view.groups.get(group);
  if (resolved === undefined || group === undefined) return undefined;
  return {
    ...resolved,
    name,
    kind: "dimension",
    group: { name: group, part: name.slice(group.length + 1) },
  };
}

/** One name usable as `${alias.field}` in an explore, and the view behind it. */
export interface ExploreAlias {
  alias: string;
  view: string;
  /** The join that made the alias; undefined for the explore's own base view. */
  join: JoinDecl | undefined;
}

/** An explore as a model ends up with it. */
export interface ResolvedExplore {
  name: string;
  bases: ExploreDecl[];
  refinements: ExploreDecl[];
  extends: string[];
  /** The view the explore starts from (`from`, `view_name`, or its own name). */
  baseView: string;
  /** The alias of the base view: the explore's name, or `view_name` when that is set. */
  baseAlias: string;
  /** Which key names the base view; undefined when it is the explore's own name. */
  explicitBase: "from" | "view_name" | undefined;
  aliases: Map<string, ExploreAlias>;
  extensionRequired: boolean;
}

/** Resolves an explore by name, following extends (a cycle stops the walk). */
export function resolveExplore(
  table: DeclTable,
  name: string,
  visiting: Set<string> = new Set(),
): ResolvedExplore | undefined {
  const decls = table.exploreDecls(name);
  if (decls.length === 0 || visiting.has(name)) return undefined;
  visiting.add(name);

  const bases = decls.filter((d) => !d.refinement);
  const refinements = decls.filter((d) => d.refinement);
  const own = [...bases, ...refinements];
  const explore: ResolvedExplore = {
    name,
    bases,
    refinements,
    extends: [...new Set(own.flatMap((d) => d.extends.map((s) => s.value)))],
    baseView: name,
    baseAlias: name,
    explicitBase: undefined,
    aliases: new Map(),
    extensionRequired: own.some((d) => d.extensionRequired),
  };

  for (const parent of explore.extends)
    inheritExplore(explore, resolveExplore(table, parent, visiting));
  for (const decl of own) applyExploreDecl(explore, decl);
  explore.aliases.set(explore.baseAlias, {
    alias: explore.baseAlias,
    view: explore.baseView,
    join: undefined,
  });
  visiting.delete(name);
  return explore;
}

function inheritExplore(explore: ResolvedExplore, parent: ResolvedExplore | undefined): void {
  if (parent === undefined) return;
  // Only a base view the parent names with `from` or `view_name` carries over; otherwise the
  // extending explore is based on a view of its own name, as Looker's docs warn.
  if (parent.explicitBase !== undefined) {
    explore.baseView = parent.baseView;
    // `from` aliases the view as the explore itself; `view_name` keeps the view's name.
    explore.baseAlias = parent.explicitBase === "from" ? explore.name : parent.baseAlias;
    explore.explicitBase = parent.explicitBase;
  }
  for (const [alias, a] of parent.aliases) if (a.join !== undefined) explore.aliases.set(alias, a);
}

function applyExploreDecl(explore: ResolvedExplore, decl: ExploreDecl): void {
  if (decl.from !== undefined) {
    explore.baseView = decl.from.value;
    explore.baseAlias = explore.name;
    explore.explicitBase = "from";
  }
  // With both, `from` names the view and `view_name` the alias it goes by.
  if (decl.viewName !== undefined && decl.from !== undefined) {
    explore.baseAlias = decl.viewName.value;
  } else if (decl.viewName !== undefined) {
    explore.baseView = decl.viewName.value;
    explore.baseAlias = decl.viewName.value;
    explore.explicitBase = "view_name";
  }
  for (const join of decl.joins) {
    const view = join.from?.value ?? explore.aliases.get(join.name)?.view ?? join.name;
    explore.aliases.set(join.name, { alias: join.name, view, join });
  }
}
