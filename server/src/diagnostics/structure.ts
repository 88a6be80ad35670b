/**
 * Structural diagnostics: includes that match nothing, duplicate fields and views,
 * refinements after `final: yes`, and extends chains that come back to themselves.
 */
import * as path from "node:path";
import type { Range } from "../lookml/ast";
import type { FieldDecl, ViewDecl } from "../workspace/declarations";
import { groupFields } from "../workspace/dimensionGroups";
import { lookupConstant, visibleConstants } from "./constants";
import type { Finding } from "./finding";
import type { ModelContext } from "../workspace/context";
import type { CheckScope } from "./scope";

/** Runs every structural check on the file. */
export function checkStructure(scope: CheckScope): void {
  checkIncludes(scope);
  for (const view of scope.file.decls.views) {
    checkDuplicateFields(scope, view);
    checkDuplicateView(scope, view);
    checkFinal(scope, view.name, view, scope.ctx.viewDecls(view.name), "view");
    checkExtendsCycle(scope, view);
  }
  for (const explore of scope.file.decls.explores) {
    checkFinal(scope, explore.name, explore, scope.ctx.exploreDecls(explore.name), "explore");
  }
}

function checkIncludes(scope: CheckScope): void {
  for (const result of scope.ctx.includes.get(scope.file.path) ?? []) {
    const range = result.include.node.range;
    const pattern = result.include.pattern;
    if (result.problem === "missing-project") {
      const finding = missingProject(scope, range, pattern, result.project ?? "");
      if (finding !== undefined) scope.out.push(finding);
    } else if (result.problem === "no-match") {
      scope.out.push({
        code: "ref/include-no-match",
        range,
        message:
          `Include "${pattern}" matches no file. ` +
          "Fix the path or pattern, or remove the include.",
      });
    }
  }
}

// A project named through `@{constant}` is reported by the constant when it is not defined,
// and by the name it stands for when it is. When the project's constants are all known, the
// reference check already reports the unknown constant itself, so nothing is added here.
function missingProject(
  scope: CheckScope,
  range: Range,
  pattern: string,
  project: string,
): Finding | undefined {
  const constants = [...project.matchAll(/@\{(\w+)\}/g)].map((m) => m[1] ?? "");
  const unknown = constants.find(
    (c) => lookupConstant(scope.index, scope.project, c) === undefined,
  );
  if (unknown !== undefined) {
    if (visibleConstants(scope.index, scope.project) !== undefined) return undefined;
    return {
      code: "ref/imported-project-missing",
      range,
      message:
        `Include "${pattern}" names its project with constant \`@{${unknown}}\`, ` +
        "which no manifest.lkml in the workspace defines, so the project is unknown. " +
        `Declare \`constant: ${unknown}\` in manifest.lkml, or write the project's name.`,
    };
  }
  const name = project.replace(/@\{(\w+)\}/g, (whole, c: string) => {
    return lookupConstant(scope.index, scope.project, c)?.value ?? whole;
  });
  return {
    code: "ref/imported-project-missing",
    range,
    message:
      `Include "${pattern}" names project \`${name}\`, which is not in the workspace. ` +
      "Open it alongside (or under imported_projects/) to check what it provides.",
  };
}

// The names a declaration block makes, with the range of the field that makes each.
function namesMade(view: ViewDecl): { name: string; field: FieldDecl }[] {
  const made: { name: string; field: FieldDecl }[] = [];
  for (const field of view.fields) {
    if (field.kind !== "dimension_group") {
      made.push({ name: field.name, field });
      continue;
    }
    // A group's own name is not a field, so it only clashes with another group's name. Only
    // a base declares a group's fields; a refinement names the group to change it.
    made.push({ name: `group:${field.name}`, field });
    if (view.refinement) continue;
    const members = groupFields(field.name, field.type ?? "time", field.node.children).members;
    for (const m of members) made.push({ name: m.name, field });
  }
  return made;
}

function checkDuplicateFields(scope: CheckScope, view: ViewDecl): void {
  const seen = new Map<string, FieldDecl>();
  for (const { name, field } of namesMade(view)) {
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, field);
      continue;
    }
    if (first === field) continue;
    scope.out.push({
      code: "ref/duplicate-field",
      range: field.nameRange,
      message: duplicateMessage(view.name, name, first, field),
      related: [
        {
          file: first.file,
          range: first.nameRange,
          message: `\`${name.replace(/^group:/, "")}\` is first declared here`,
        },
      ],
    });
  }
}

function duplicateMessage(view: string, key: string, first: FieldDecl, second: FieldDecl): string {
  const name = key.replace(/^group:/, "");
  const how =
    second.kind === "dimension_group" && second.name !== name
      ? `Dimension group \`${second.name}\` makes a field \`${name}\``
      : first.kind === "dimension_group" && first.name !== name
        ? `Field \`${name}\` clashes with a field of dimension group \`${first.name}\``
        : `Field \`${name}\` is declared twice`;
  return `${how} in view \`${view}\`. Rename one, or merge them.`;
}

function checkDuplicateView(scope: CheckScope, view: ViewDecl): void {
  // The loose context gathers files from every model, where one name may well be used twice.
  if (view.refinement || scope.ctx.model === undefined) return;
  const first = firstOtherBase(scope.ctx, view);
  if (first === undefined) return;

  // A view file is checked once per model that includes it: report once, from the first
  // model with the same clash, naming how many others share it.
  const models = scope.project
    .checkContextsOf(scope.file.path)
    .filter((ctx) => ctx.model !== undefined && firstOtherBase(ctx, view) === first);
  if (models[0] !== scope.ctx) return;

  // The message shows on a view file, so it names the model that includes both and where
  // the first declaration is: neither can be seen from the file itself.
  const shown = (file: string): string => path.relative(scope.project.root, file);
  const others = models.length > 1 ? ` (and ${plural(models.length - 1, "other model")})` : "";
  const where = `${shown(first.file)}:${first.nameRange.start.line + 1}`;
  scope.out.push({
    code: "ref/duplicate-view",
    range: view.nameRange,
    message:
      `View \`${view.name}\` is declared twice in model \`${shown(scope.ctx.model)}\`${others}: ` +
      `first in ${where}. ` +
      `Rename one, or change the second to a refinement (\`view: +${view.name}\`).`,
    related: [
      { file: first.file, range: first.nameRange, message: `\`${view.name}\` first declared here` },
    ],
  });
}

// The earlier base declaration of the view's name in a context, when this one is not first.
function firstOtherBase(ctx: ModelContext, view: ViewDecl): ViewDecl | undefined {
  const bases = ctx.viewDecls(view.name).filter((d) => !d.refinement);
  const first = bases[0];
  return bases.length < 2 || first === view ? undefined : first;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

interface Finalizable {
  file: string;
  nameRange: Range;
  refinement: boolean;
  final: boolean;
}

function checkFinal<T extends Finalizable>(
  scope: CheckScope,
  name: string,
  decl: T,
  all: readonly T[],
  kind: "view" | "explore",
): void {
  if (!decl.refinement) return;
  const ordered = [...all.filter((d) => !d.refinement), ...all.filter((d) => d.refinement)];
  const final = ordered.find((d) => d.final);
  if (final === undefined || final === decl || ordered.indexOf(decl) < ordered.indexOf(final))
    return;
  scope.out.push({
    code: "ref/refinement-after-final",
    range: decl.nameRange,
    message:
      `This refinement of ${kind} \`${name}\` comes after one marked \`final: yes\`, ` +
      "so Looker rejects it. " +
      "Move its changes into the final refinement, or remove `final: yes` there.",
    related: [{ file: final.file, range: final.nameRange, message: "`final: yes` is set here" }],
  });
}

function checkExtendsCycle(scope: CheckScope, view: ViewDecl): void {
  for (const item of view.extends) {
    const path = extendsPath(scope, item.value, view.name, new Set());
    if (path === undefined) continue;
    scope.out.push({
      code: "ref/circular",
      range: item.range,
      message:
        `View \`${view.name}\` extends itself through ` +
        `${[view.name, ...path].map((n) => `\`${n}\``).join(" → ")}. Break the cycle.`,
    });
  }
}

// The chain of extends from `from` back to `target`, or undefined when there is none.
function extendsPath(
  scope: CheckScope,
  from: string,
  target: string,
  seen: Set<string>,
): string[] | undefined {
  if (from === target) return [from];
  if (seen.has(from)) return undefined;
  seen.add(from);
  for (const decl of scope.ctx.viewDecls(from)) {
    for (const e of decl.extends) {
      const rest = extendsPath(scope, e.value, target, seen);
      if (rest !== undefined) return [from, ...rest];
    }
  }
  return undefined;
}
