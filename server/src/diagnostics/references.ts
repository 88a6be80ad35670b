/**
 * Reference diagnostics: `${view.field}`, field lists, sets, `extends`, `from`, joins,
 * refinement targets, `explore_source`, `required_joins` and `@{constants}` that name
 * nothing the model holds.
 */
import type {
  RefScope,
  ConstantRef,
  ExploreRef,
  FieldRef,
  JoinRef,
  SetRef,
  ViewRef,
} from "../workspace/references";
import type { ResolvedView } from "../workspace/resolve";
import { lookupField } from "../workspace/resolve";
import { contains } from "../workspace/nodes";
import type { CheckScope, Target } from "./scope";
import { closeNames, didYouMean, reportsUnknownNames, resolveTarget } from "./scope";
import { visibleConstants } from "./constants";

/** Checks every reference in the file. */
export function checkReferences(scope: CheckScope): void {
  const constants = visibleConstants(scope.index, scope.project);
  for (const ref of scope.file.refs) {
    if (ref.kind !== "constant" && inAbstractExplore(scope, ref.scope)) continue;
    if (ref.kind === "field") checkField(scope, ref);
    else if (ref.kind === "view") checkView(scope, ref);
    else if (ref.kind === "set") checkSet(scope, ref);
    else if (ref.kind === "explore") checkExplore(scope, ref);
    else if (ref.kind === "join") checkJoin(scope, ref);
    else if (constants !== undefined) checkConstant(scope, ref, constants);
  }
}

// An explore with `extension: required` is a template: its base view and joins are only
// complete in the explores that extend it.
function inAbstractExplore(scope: CheckScope, ref: RefScope): boolean {
  return (
    ref.kind === "explore" && (scope.ctx.explore(ref.explore.name)?.extensionRequired ?? false)
  );
}

function checkField(scope: CheckScope, ref: FieldRef): void {
  // An abstract view may use fields that only the views extending it declare.
  if (ref.scope.kind === "view" && ref.view === undefined && isAbstract(scope, ref.scope.view.name))
    return;
  if (ref.scope.kind === "explore" && ref.view === undefined && ref.via === "sql") return;

  const target = resolveTarget(scope, ref.scope, ref.view);
  if (target.kind !== "view") {
    reportTarget(scope, target, ref.viewRange ?? ref.range);
    return;
  }
  if (lookupField(target.view, ref.field) !== undefined || !fieldsKnown(scope, target.view)) return;
  scope.out.push({
    code: "ref/unknown-field",
    range: ref.fieldRange,
    message: unknownFieldMessage(target.view, ref.field, target.alias),
  });
}

// A view seen only through refinements, or in a model missing some include, may have fields
// the index cannot see.
function fieldsKnown(scope: CheckScope, view: ResolvedView): boolean {
  return scope.ctx.complete && view.bases.length > 0;
}

function isAbstract(scope: CheckScope, view: string): boolean {
  return scope.ctx.view(view)?.extensionRequired ?? false;
}

function unknownFieldMessage(view: ResolvedView, field: string, alias: string): string {
  const shown =
    alias === view.name ? `View \`${view.name}\`` : `\`${alias}\` (view \`${view.name}\`)`;
  const group = view.groups.get(field);
  if (group !== undefined) {
    const members = [...view.fields.values()]
      .filter((f) => f.group?.name === field)
      .map((f) => f.name);
    return `${shown} has no field \`${field}\`: it is a dimension group, whose fields are ${members
      .slice(0, 4)
      .map((m) => `\`${m}\``)
      .join(", ")}. Refer to one of those instead.`;
  }
  const hint = didYouMean(closeNames(field, view.fields.keys()));
  return `${shown} has no field \`${field}\`.${hint || " Declare it, or fix the name."}`;
}

function reportTarget(scope: CheckScope, target: Target, range: FieldRef["range"]): void {
  if (target.kind === "unknown-alias") {
    if (!reportsUnknownNames(scope)) return;
    scope.out.push({
      code: "ref/unknown-view",
      range,
      message:
        `Explore \`${target.explore}\` has no view or join named \`${target.name}\`. ` +
        "Join it, or fix the name.",
    });
  } else if (target.kind === "unknown-view" && !target.viaJoin) {
    // An alias whose view is unknown is reported once, on the join or explore that made it;
    // a reference inside a refinement of a missing view, once, on the refinement.
    if (insideRefinementOf(scope, target.name, range)) return;
    reportUnknownView(scope, target.name, range, false);
  }
}

function insideRefinementOf(scope: CheckScope, view: string, range: FieldRef["range"]): boolean {
  return scope.file.decls.views.some(
    (v) => v.refinement && v.name === view && contains(v.node.range, range.start),
  );
}

/** Reports a view name the context lacks, telling "not included" from "exists nowhere". */
function reportUnknownView(
  scope: CheckScope,
  name: string,
  range: FieldRef["range"],
  joined = true,
): void {
  if (!reportsUnknownNames(scope)) return;
  const elsewhere = [...scope.project.filesDeclaring(name)].find((f) =>
    scope.index.file(f)?.decls.views.some((v) => v.name === name && !v.refinement),
  );
  // `${other.field}` in a view is checked where an explore joins both; a view the model
  // lacks but the project has is only an error where an explore joins it.
  if (elsewhere !== undefined && !joined) return;
  if (elsewhere !== undefined) {
    scope.out.push({
      code: "ref/view-not-included",
      range,
      message:
        `View \`${name}\` is declared in ${relative(scope, elsewhere)}, ` +
        `which model \`${modelName(scope)}\` does not include. Add an include for it.`,
    });
    return;
  }
  const hint = didYouMean(closeNames(name, scope.ctx.viewNames()));
  scope.out.push({
    code: "ref/unknown-view",
    range,
    message:
      `No view \`${name}\` in model \`${modelName(scope)}\`.` +
      (hint || " Include the file that declares it, or fix the name."),
  });
}

function checkView(scope: CheckScope, ref: ViewRef): void {
  if (ref.via === "refinement") return; // drift/refinement-target-missing covers it.
  const view = scope.ctx.view(ref.name);
  if (view === undefined && ref.via === "explore" && ref.scope.kind === "explore") {
    reportExploreBase(
      scope,
      ref,
      ref.scope.explore.extends.map((e) => e.value),
    );
    return;
  }
  if (view === undefined) {
    reportUnknownView(scope, ref.name, ref.range, ref.scope.kind === "explore");
    return;
  }
  const direct =
    ref.via === "join" || ref.via === "from" || ref.via === "view_name" || ref.via === "explore";
  if (direct && ref.scope.kind === "explore" && view.extensionRequired) {
    scope.out.push({
      code: "ref/extension-required",
      range: ref.range,
      message:
        `View \`${ref.name}\` has \`extension: required\`: it can only be extended. ` +
        "Use a view that extends it.",
    });
  }
}

// An explore with no `from` or `view_name` is based on the view of its own name, even when
// it extends an explore that has a base view: Looker copies only a base view named explicitly.
function reportExploreBase(scope: CheckScope, ref: ViewRef, parents: string[]): void {
  const explore = scope.ctx.explore(ref.name);
  const parent = parents[0];
  if (explore !== undefined && explore.explicitBase !== undefined) {
    if (scope.ctx.view(explore.baseView) === undefined)
      reportUnknownView(scope, explore.baseView, ref.range);
    return;
  }
  if (parent === undefined) {
    reportUnknownView(scope, ref.name, ref.range);
    return;
  }
  if (!reportsUnknownNames(scope)) return;
  scope.out.push({
    code: "ref/unknown-view",
    range: ref.range,
    message:
      `Explore \`${ref.name}\` extends \`${parent}\`, which sets no \`view_name\`, ` +
      `so it is based on a view \`${ref.name}\` that does not exist. ` +
      `Add \`view_name: ${parent}\` to explore \`${parent}\` (or \`from:\` here).`,
  });
}

function checkSet(scope: CheckScope, ref: SetRef): void {
  const target = resolveTarget(scope, ref.scope, ref.view);
  if (target.kind !== "view") {
    reportTarget(scope, target, ref.viewRange ?? ref.range);
    return;
  }
  if (ref.name === "ALL_FIELDS" || target.view.sets.has(ref.name)) return;
  if (!fieldsKnown(scope, target.view)) return;
  const hint = didYouMean(closeNames(ref.name, target.view.sets.keys()), (n) => `\`${n}*\``);
  scope.out.push({
    code: "ref/unknown-set",
    range: ref.nameRange,
    message:
      `View \`${target.view.name}\` has no set \`${ref.name}\`.` +
      (hint || " Declare the set, or use ALL_FIELDS*."),
  });
}

function checkExplore(scope: CheckScope, ref: ExploreRef): void {
  if (ref.via === "refinement" && scope.ctx.exploreDecls(ref.name).some((d) => !d.refinement))
    return;
  if (ref.via !== "refinement" && scope.ctx.explore(ref.name) !== undefined) return;
  if (ref.via === "explore_source" && scope.project.filesDeclaring(ref.name).size > 0) return;
  if (!reportsUnknownNames(scope)) return;

  const what = ref.via === "refinement" ? "This refinement targets" : "This refers to";
  const hint = didYouMean(closeNames(ref.name, scope.ctx.exploreNames()));
  scope.out.push({
    code: "ref/unknown-explore",
    range: ref.range,
    message:
      `${what} explore \`${ref.name}\`, which model \`${modelName(scope)}\` does not have.` +
      (hint || " Include the file that declares it, or fix the name."),
  });
}

function checkJoin(scope: CheckScope, ref: JoinRef): void {
  if (ref.scope.kind !== "explore") return;
  const explore = scope.ctx.explore(ref.scope.explore.name);
  if (explore === undefined || explore.aliases.has(ref.name)) return;
  scope.out.push({
    code: "ref/unknown-join",
    range: ref.range,
    message:
      `Explore \`${explore.name}\` has no join \`${ref.name}\`. ` +
      "Add the join, or remove it from required_joins.",
  });
}

function checkConstant(scope: CheckScope, ref: ConstantRef, constants: ReadonlySet<string>): void {
  if (constants.has(ref.name)) return;
  const hint = didYouMean(closeNames(ref.name, constants));
  scope.out.push({
    code: "ref/unknown-constant",
    range: ref.range,
    message:
      `No constant \`${ref.name}\` in manifest.lkml.` +
      (hint || ` Declare it there: constant: ${ref.name} { value: "..." }.`),
  });
}

function modelName(scope: CheckScope): string {
  const model = scope.ctx.model;
  if (model === undefined) return "(none)";
  const base = model.split(/[\\/]/).pop() ?? model;
  return base.replace(/\.model\.lkml$/i, "");
}

function relative(scope: CheckScope, file: string): string {
  const root = scope.project.root;
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}
