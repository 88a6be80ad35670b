/**
 * What the generator would write for one dbt model today, so a generated view can be compared
 * with the current manifest and restored to its pristine text. Uses the generator's own
 * per-model steps; it writes nothing.
 */
import * as path from "node:path";
import type { Catalog, DbtManifest, DbtModel, DbtTest } from "../dbt";
import { groupTests, placeView, renderModel, skipReason } from "../generate/generate";
import { readViewSettings } from "../generate/meta";

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
  if (index === undefined) {
    index = groupTests(manifest.tests);
    testIndexes.set(manifest, index);
  }
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
  if (skipReason(model, settings) !== undefined) return undefined;
  // The output folder only matters for refusing names; any absolute folder will do here.
  const placed = placeView(model, settings, path.resolve("/generated"));
  if ("refused" in placed) return undefined;

  const input = { manifest, catalog, documentedOnly: options.documentedOnly };
  const text = renderModel(model, settings, placed.view, input, testsByModel(manifest), ignore);
  return { view: placed.view, text };
}
