/**
 * How a generated view differs from what the generator would write from today's manifest:
 * fields added, removed, or changed in kind or type. Formatting, labels and descriptions are
 * left out, so a newer generator's layout alone never marks a view out of date.
 */
import * as path from "node:path";
import { parseLookml } from "../lookml/parser";
import type { ModelInfo } from "./dbtProjects";
import type { LookmlDocument } from "../lookml/ast";
import { declarationsOf } from "./declarations";
import { pairValue } from "./nodes";
import type { FileInfo } from "./fileInfo";
import type { Regenerated } from "./regenerate";
import { regenerateView } from "./regenerate";
import type { WorkspaceIndex } from "./workspaceIndex";

/** The differences found, in words. */
export interface ViewDrift {
  model: string;
  changes: string[];
  /**
   * Set when the view was typed from a catalog that cannot be read now: only columns were
   * compared, not types or SQL, and this says why (naming the catalog file).
   */
  catalogProblem?: string;
}

interface FieldShape {
  kind: string;
  type: string;
  /** The field's SQL with whitespace collapsed. */
  sql: string;
  /** The columns its SQL reads through `${TABLE}`, as spelled there. */
  columns: string[];
}

const cache = new WeakMap<FileInfo, { model: ModelInfo; drift: ViewDrift | undefined }>();

/** The drift of a generated view; undefined when its model or manifest is not at hand. */
export function viewDrift(index: WorkspaceIndex, info: FileInfo): ViewDrift | undefined {
  const model = index.modelOf(info);
  if (model === undefined) return undefined;
  const cached = cache.get(info);
  if (cached?.model === model) return cached.drift;

  const drift = computeDrift(index, info, model);
  cache.set(info, { model, drift });
  return drift;
}

/** What the generator would write for the view's model today. */
export function regeneratedText(index: WorkspaceIndex, info: FileInfo): Regenerated | undefined {
  const model = index.modelOf(info);
  const manifest = model?.project.manifest;
  if (model === undefined || manifest === undefined) return undefined;
  return regenerateView(model.model, manifest, model.project.catalog, index.generateOptions);
}

function computeDrift(
  index: WorkspaceIndex,
  info: FileInfo,
  model: ModelInfo,
): ViewDrift | undefined {
  const regenerated = regeneratedText(index, info);
  if (regenerated === undefined) return undefined;
  if (regenerated.text === info.text) return { model: model.model.name, changes: [] };

  const before = shapes(info.path, info.doc);
  const after = shapes(info.path, parseLookml(regenerated.text));
  const problem = catalogProblemFor(model, before, after);
  if (problem === undefined) return { model: model.model.name, changes: describe(before, after) };

  const changes = describeColumns(before, after, index.generateOptions.documentedOnly);
  return { model: model.model.name, changes, catalogProblem: problem };
}

/**
 * Why the regenerated text cannot be trusted for types, or undefined when it can. Without a
 * catalog the generator types columns from YAML `data_type`, else as strings, and spells them
 * as the YAML does. Comparing a view typed from the warehouse's catalog with that fallback
 * would call every typed column changed, and regenerating would write the strings over it.
 * A catalog that is there but unreadable is never a sound base; a missing one is only when
 * the view shows it was generated from a catalog (see `typedFromCatalog`). A last good
 * catalog kept from an earlier read is still used as it is.
 */
function catalogProblemFor(
  model: ModelInfo,
  before: Map<string, FieldShape>,
  after: Map<string, FieldShape>,
): string | undefined {
  const project = model.project;
  const status = project.catalogStatus;
  if (project.catalog !== undefined || status.kind === "loaded") return undefined;
  const shown = path.relative(path.dirname(project.dir), status.file);
  if (status.kind === "unreadable") return `${shown} cannot be read: ${status.problem}`;
  if (!typedFromCatalog(model, before, after)) return undefined;
  return `${shown} is missing, and this view was typed from one`;
}

/**
 * Signs that a view was generated with a catalog, which the YAML alone cannot explain: a
 * documented column spelled otherwise than the YAML spells it (the warehouse's case), or a
 * field typed other than the fallback over columns with no `data_type`. A column the YAML
 * does not document is no sign: in a project that never had a catalog it is a column
 * dropped from the YAML, and that drift must still be reported.
 */
function typedFromCatalog(
  model: ModelInfo,
  before: Map<string, FieldShape>,
  after: Map<string, FieldShape>,
): boolean {
  const documented = new Map(model.model.columns.map((c) => [c.name.toLowerCase(), c]));
  for (const shape of before.values()) {
    for (const column of shape.columns) {
      const doc = documented.get(column.toLowerCase());
      if (doc !== undefined && doc.name !== column) return true;
    }
  }
  for (const [key, shape] of after) {
    const old = before.get(key);
    if (old === undefined || (old.kind === shape.kind && old.type === shape.type)) continue;
    const untyped = shape.columns.every(
      (c) => documented.get(c.toLowerCase())?.dataType === undefined,
    );
    if (shape.columns.length > 0 && untyped) return true;
  }
  return false;
}

// Without the catalog, what stays sound is the YAML's columns: a documented column the view
// does not read is new whatever the types. A column the view reads that the YAML lacks may
// be one only the catalog lists, so it counts as gone only when views hold documented
// columns alone.
function describeColumns(
  before: Map<string, FieldShape>,
  after: Map<string, FieldShape>,
  documentedOnly: boolean,
): string[] {
  const had = columnsOf(before);
  const now = columnsOf(after);
  const added = [...now].filter((c) => !had.has(c));
  const removed = documentedOnly ? [...had].filter((c) => !now.has(c)) : [];

  const out: string[] = [];
  if (added.length > 0) out.push(`new column ${added.map((c) => `\`${c}\``).join(", ")}`);
  if (removed.length > 0) out.push(`gone column ${removed.map((c) => `\`${c}\``).join(", ")}`);
  return out;
}

function columnsOf(fields: Map<string, FieldShape>): Set<string> {
  return new Set([...fields.values()].flatMap((f) => f.columns.map((c) => c.toLowerCase())));
}

const TABLE_COLUMN = /\$\{TABLE\}\.(?:"([^"]+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][A-Za-z0-9_$]*))/g;

function tableColumns(sql: string): string[] {
  return [...sql.matchAll(TABLE_COLUMN)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? "");
}

function shapes(file: string, doc: LookmlDocument): Map<string, FieldShape> {
  const map = new Map<string, FieldShape>();
  for (const view of declarationsOf(file, doc).views) {
    for (const f of view.fields) {
      const sql = ["sql", "sql_start", "sql_end"]
        .map((key) => pairValue(f.node.children, key) ?? "")
        .join(" ")
        .replace(/\s+/g, " ")
        .trim();
      const type = f.type ?? defaultType(f.kind);
      map.set(`${view.name}.${f.name}`, { kind: f.kind, type, sql, columns: tableColumns(sql) });
    }
  }
  return map;
}

function defaultType(kind: string): string {
  return kind === "dimension_group" ? "time" : kind === "measure" ? "count" : "string";
}

function describe(before: Map<string, FieldShape>, after: Map<string, FieldShape>): string[] {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed: string[] = [];
  for (const [key, shape] of after) {
    const old = before.get(key);
    if (old === undefined) continue;
    if (old.kind !== shape.kind || old.type !== shape.type) {
      changed.push(`\`${shortName(key)}\` ${describeShape(old)} → ${describeShape(shape)}`);
    } else if (old.sql !== shape.sql) {
      changed.push(`\`${shortName(key)}\` now reads \`${shape.sql}\``);
    }
  }

  const out: string[] = [];
  if (added.length > 0) out.push(`new ${listNames(added)}`);
  if (removed.length > 0) out.push(`gone ${listNames(removed)}`);
  if (changed.length > 0) out.push(`changed ${changed.join(", ")}`);
  return out;
}

function listNames(keys: string[]): string {
  return keys.map((k) => `\`${shortName(k)}\``).join(", ");
}

// `orders.amount` reads as `amount` for the main view; nested views keep their prefix.
function shortName(key: string): string {
  return key.slice(key.indexOf(".") + 1);
}

function describeShape(s: FieldShape): string {
  const kind = s.kind === "dimension_group" ? "dimension group" : s.kind;
  return `${kind} (${s.type})`;
}

/**
 * Why column types of generated views could not be compared, once per catalog file (an
 * absolute path): a catalog that cannot be read, or one that is missing while views were
 * typed from it.
 */
export function catalogProblems(index: WorkspaceIndex): Map<string, string> {
  const problems = new Map<string, string>();
  for (const file of index.filePaths()) {
    const info = index.file(file);
    const drift = info?.generated === undefined ? undefined : viewDrift(index, info);
    const model = info === undefined ? undefined : index.modelOf(info);
    if (drift?.catalogProblem === undefined || model === undefined) continue;
    problems.set(model.project.catalogFile, "is missing, but generated views were typed from it");
  }
  for (const state of index.dbtProjects()) {
    const status = state.catalogStatus;
    if (state.catalog === undefined && status.kind === "unreadable") {
      problems.set(status.file, `cannot be read: ${status.problem}`);
    }
  }
  return problems;
}
