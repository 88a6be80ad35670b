/**
 * How a generated view differs from what the generator would write from today's manifest:
 * fields added, removed, or changed in kind or type. Formatting, labels and descriptions are
 * left out, so a newer generator's layout alone never marks a view out of date.
 */
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
}

interface FieldShape {
  kind: string;
  type: string;
  /** The field's SQL with whitespace collapsed. */
  sql: string;
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
  return { model: model.model.name, changes: describe(before, after) };
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
      map.set(`${view.name}.${f.name}`, { kind: f.kind, type: f.type ?? defaultType(f.kind), sql });
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
