/**
 * What the generator would write for one dbt model today, so a generated view can be compared
 * with the current manifest and restored to its pristine text. Mirrors the generator's
 * per-model steps; it writes nothing.
 */
import * as path from "node:path";
import type { Catalog, DbtManifest, DbtModel, DbtTest } from "../dbt";
import { findCatalogTable } from "../dbt/catalog";
import { modelColumns } from "../generate/columns";
import { placeView } from "../generate/generate";
import { withGeneratedHeader } from "../generate/header";
import { choosePrimaryKey } from "../generate/keys";
import { renderViews } from "../generate/lookml";
import { readViewSettings } from "../generate/meta";
import { buildViews } from "../generate/view";

/** How the views were generated: the same setting the generate command reads. */
export interface RegenerateOptions {
  documentedOnly: boolean;
}

/** The view name and full file text the generator would write for a model. */
export interface Regenerated {
  view: string;
  text: string;
}

const ignore = (): void => undefined;

const testIndexes = new WeakMap<DbtManifest, Map<string, DbtTest[]>>();

// Tests grouped by the model they check, once per manifest rather than once per view.
function testsByModel(manifest: DbtManifest): Map<string, DbtTest[]> {
  let index = testIndexes.get(manifest);
  if (index !== undefined) return index;
  index = new Map();
  for (const test of manifest.tests) {
    if (test.attachedNode === undefined) continue;
    index.set(test.attachedNode, [...(index.get(test.attachedNode) ?? []), test]);
  }
  testIndexes.set(manifest, index);
  return index;
}

/** Renders one model as the generator does; undefined when the generator would skip it. */
export function regenerateView(
  model: DbtModel,
  manifest: DbtManifest,
  catalog: Catalog | undefined,
  options: RegenerateOptions,
): Regenerated | undefined {
  const settings = readViewSettings(model.meta, ignore);
  if (!model.enabled || model.relationName === undefined || !settings.enabled) return undefined;
  // The output folder only matters for refusing names; any absolute folder will do here.
  const placed = placeView(model, settings, path.resolve("/generated"));
  if ("refused" in placed) return undefined;

  const adapter = manifest.adapterType;
  const table = catalog === undefined ? undefined : findCatalogTable(catalog, model);
  const columns = modelColumns(model, table, adapter === "bigquery");
  if (options.documentedOnly) columns.columns = columns.columns.filter((c) => c.doc !== undefined);

  const tests = testsByModel(manifest).get(model.uniqueId) ?? [];
  const primaryKey = choosePrimaryKey(model, tests);
  const views = buildViews(
    { model, viewName: placed.view, adapter, columns, settings, primaryKey },
    ignore,
  );
  return {
    view: placed.view,
    text: withGeneratedHeader(model.uniqueId, placed.view, renderViews(views)),
  };
}
