/**
 * Drift between generated views and the refinements written on top of them: a refinement of
 * a view that is gone, of a field that is gone (it would silently become a new dimension on
 * `${TABLE}.name`), of a field whose kind or type changed underneath, and `${TABLE}.col` for a
 * column the dbt model no longer has.
 */
import { NUMERIC_FIELD_TYPES } from "../lookml/fieldTypes";
import type { ExpressionNode, SyntaxNode } from "../lookml/ast";
import type { FieldDecl, ViewDecl } from "../workspace/declarations";
import { groupFields } from "../workspace/dimensionGroups";
import type { ModelInfo } from "../workspace/dbtProjects";
import { rangeIn } from "../workspace/nodes";
import type { ResolvedField, ResolvedView } from "../workspace/resolve";
import type { CheckScope } from "./scope";
import { closeNames, didYouMean, reportsUnknownNames } from "./scope";

/** Checks every refinement of a view in the file. */
export function checkDrift(scope: CheckScope): void {
  for (const decl of scope.file.decls.views) {
    if (!decl.refinement) continue;
    const view = scope.ctx.view(decl.name);
    if (view === undefined || view.bases.length === 0) {
      reportMissingTarget(scope, decl);
      continue;
    }
    const base = baseOf(scope, view);
    for (const field of decl.fields) checkRefinedField(scope, view, base, field);
    if (base.model !== undefined) checkColumns(scope, decl, base.model);
  }
}

/** The view's base declaration and, when generated, the dbt model it came from. */
interface Base {
  decl: ViewDecl | undefined;
  generated: boolean;
  model: ModelInfo | undefined;
}

function baseOf(scope: CheckScope, view: ResolvedView): Base {
  const decl = view.bases[0];
  const info = decl === undefined ? undefined : scope.index.file(decl.file);
  if (info?.generated === undefined) return { decl, generated: false, model: undefined };
  return { decl, generated: true, model: scope.index.modelOf(info) };
}

function reportMissingTarget(scope: CheckScope, decl: ViewDecl): void {
  const declaredSomewhere = [...scope.project.filesDeclaring(decl.name)].some((f) =>
    scope.index.file(f)?.decls.views.some((v) => v.name === decl.name && !v.refinement),
  );
  // A file no model includes is checked against the whole project instead.
  if (!reportsUnknownNames(scope) && (declaredSomewhere || !scope.ctx.complete)) return;
  const hint = didYouMean(closeNames(decl.name, scope.ctx.viewNames()));
  const where = declaredSomewhere
    ? " It is declared in the project, but this model does not include it: add an include."
    : `${hint || ""} If its dbt model was renamed, rename the refinement to match; ` +
      "if it was removed, remove the refinement.";
  scope.out.push({
    code: "drift/refinement-target-missing",
    range: decl.nameRange,
    message: `This refinement targets view \`${decl.name}\`, which does not exist.${where}`,
  });
}

function checkRefinedField(
  scope: CheckScope,
  view: ResolvedView,
  base: Base,
  field: FieldDecl,
): void {
  const resolved =
    field.kind === "dimension_group" ? view.groups.get(field.name) : view.fields.get(field.name);
  const existing = resolved ?? view.groups.get(field.name) ?? view.fields.get(field.name);
  const prior =
    existing === undefined ? [] : existing.decls.slice(0, existing.decls.indexOf(field));

  if (prior.length === 0) {
    checkNewField(scope, view, base, field);
    return;
  }
  const first = prior[0];
  if (first !== undefined && first.kind !== field.kind) {
    reportKind(scope, view, base, field, first);
    return;
  }
  if (existing !== undefined) checkTypeParams(scope, view, field, prior, existing);
}

// A field the refinement brings in. With no `sql`, Looker makes it a dimension on
// `${TABLE}.name`: intended on a hand-written view, but on a generated one it means the
// refined column has gone from the model (or was renamed).
function checkNewField(scope: CheckScope, view: ResolvedView, base: Base, field: FieldDecl): void {
  const group = memberOf(view, field.name);
  if (group !== undefined) {
    scope.out.push({
      code: "drift/refined-field-kind-changed",
      range: field.nameRange,
      message:
        `\`${field.name}\` is now a field of dimension group \`${group.name}\` ` +
        `in the base view \`${view.name}\`, so this ${field.kind} clashes with it. ` +
        `Refine \`dimension_group: ${group.name}\` instead.`,
      related: related(group.decls[0], `dimension group \`${group.name}\``),
    });
    return;
  }
  if (!base.generated || field.hasSql || (field.kind === "measure" && field.type === "count"))
    return;
  if (base.model?.columns.has(field.name.toLowerCase()) === true) return;

  const kindName = field.kind === "dimension_group" ? "dimension group" : field.kind;
  const hint = didYouMean(closeNames(field.name, [...view.fields.keys(), ...view.groups.keys()]));
  scope.out.push({
    code: "drift/refined-field-missing",
    range: field.nameRange,
    message:
      `The generated view \`${view.name}\` has no field \`${field.name}\`, so this refinement ` +
      `would silently create a new ${kindName} on \`\${TABLE}.${field.name}\`.${hint} ` +
      "Rename it to the field's new name, or remove it if the column is gone.",
  });
}

function memberOf(view: ResolvedView, name: string): ResolvedField | undefined {
  for (const group of view.groups.values()) {
    const first = group.decls[0];
    if (first === undefined) continue;
    const made = groupFields(group.name, group.type, first.node.children);
    if (made.members.some((m) => m.name === name)) return group;
  }
  return undefined;
}

function reportKind(
  scope: CheckScope,
  view: ResolvedView,
  base: Base,
  field: FieldDecl,
  first: FieldDecl,
): void {
  const groupSwap = new Set([field.kind, first.kind]);
  const timeDrift = groupSwap.has("dimension") && groupSwap.has("dimension_group");
  if (timeDrift) {
    scope.out.push({
      code: "drift/refined-field-kind-changed",
      range: field.nameRange,
      message:
        `\`${field.name}\` is a ${label(first.kind)} in the base view \`${view.name}\` now, ` +
        `but this refinement treats it as a ${label(field.kind)}. ` +
        `Change this block to \`${first.kind}: ${field.name}\`.`,
      related: related(first, `the base ${label(first.kind)}`),
    });
    return;
  }
  const source = base.generated ? "generated" : "base";
  scope.out.push({
    code: "drift/refinement-redefines-kind",
    range: field.nameRange,
    message:
      `This refinement declares \`${field.name}\` as a ${label(field.kind)}, ` +
      `but the ${source} view \`${view.name}\` has it as a ${label(first.kind)}. ` +
      `Use \`${first.kind}: ${field.name}\` to refine it, or give the new field another name.`,
    related: related(first, `the ${source} ${label(first.kind)}`),
  });
}

function label(kind: string): string {
  return kind === "dimension_group" ? "dimension group" : kind;
}

function related(
  decl: FieldDecl | undefined,
  what: string,
): { file: string; range: FieldDecl["nameRange"]; message: string }[] {
  return decl === undefined
    ? []
    : [{ file: decl.file, range: decl.nameRange, message: `${what} is declared here` }];
}

// Parameters that only some field types take: set on a field of another type they do
// nothing, which after a type change in the base means the refinement's intent is lost.
const TYPED_PARAMS: Readonly<Record<string, { types: readonly string[]; what: string }>> = {
  value_format_name: { types: NUMERIC_FIELD_TYPES, what: "numbers" },
  value_format: { types: NUMERIC_FIELD_TYPES, what: "numbers" },
  tiers: { types: ["tier"], what: "`type: tier` dimensions" },
  style: { types: ["tier"], what: "`type: tier` dimensions" },
  timeframes: { types: ["time"], what: "`type: time` dimension groups" },
  convert_tz: { types: ["time", "date", "date_time", "date_raw"], what: "time fields" },
  intervals: { types: ["duration"], what: "`type: duration` dimension groups" },
};

function checkTypeParams(
  scope: CheckScope,
  view: ResolvedView,
  field: FieldDecl,
  prior: FieldDecl[],
  existing: ResolvedField,
): void {
  if (field.type !== undefined) return;
  const baseType = prior.reduce<string>((t, d) => d.type ?? t, defaultType(field.kind));
  for (const child of field.node.children) {
    const rule = Object.hasOwn(TYPED_PARAMS, child.key) ? TYPED_PARAMS[child.key] : undefined;
    if (rule === undefined || rule.types.includes(baseType)) continue;
    scope.out.push({
      code: "drift/refined-field-type-changed",
      range: child.keyRange,
      message:
        `\`${child.key}\` applies to ${rule.what}, but \`${field.name}\` in view ` +
        `\`${view.name}\` is \`type: ${baseType}\` now. ` +
        "Remove it, or set the type this refinement expects.",
      related: related(existing.decls[0], "the base field"),
    });
  }
}

function defaultType(kind: FieldDecl["kind"]): string {
  if (kind === "dimension_group") return "time";
  return kind === "measure" ? "count" : "string";
}

const TABLE_COLUMN = /\$\{TABLE\}\.(?:"([^"]+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][A-Za-z0-9_$]*))/g;

// `${TABLE}.col` in a refinement must name a column of the dbt model; nested BigQuery
// fields (`${TABLE}.address.city`) are checked by their first part.
function checkColumns(scope: CheckScope, decl: ViewDecl, model: ModelInfo): void {
  if (model.columns.size === 0) return;
  const known = new Set([...model.columns.keys()].map((c) => c.split(".")[0] ?? c));
  for (const expr of expressionsIn(decl.node.children)) {
    for (const match of expr.value.matchAll(TABLE_COLUMN)) {
      const column = match[1] ?? match[2] ?? match[3] ?? match[4] ?? "";
      if (known.has(column.toLowerCase())) continue;
      const from = match.index + "${TABLE}.".length;
      const hint = didYouMean(closeNames(column.toLowerCase(), known));
      scope.out.push({
        code: "drift/unknown-column",
        range: rangeIn(expr.range.start, expr.value, from, match.index + match[0].length),
        message:
          `dbt model \`${model.model.name}\` has no column \`${column}\`.${hint} ` +
          "Use one of its columns, or add the column to the model and run dbt.",
      });
    }
  }
}

function expressionsIn(nodes: SyntaxNode[]): ExpressionNode[] {
  const out: ExpressionNode[] = [];
  for (const node of nodes) {
    if (node.type === "block") out.push(...expressionsIn(node.children));
    else if (node.type === "pair" && node.value.type === "expression") out.push(node.value);
  }
  return out;
}
