/**
 * Diagnostics on a generated view file itself: edited by hand since it was generated, or out
 * of date against the dbt manifest (columns added, removed or retyped since generation).
 */
import type { FileInfo } from "../workspace/fileInfo";
import { viewDrift } from "../workspace/viewDrift";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import type { Finding } from "./finding";

// Only a manifest that was read can say a model is gone; none loaded means no verdict.
function modelIsGone(index: WorkspaceIndex, info: FileInfo): boolean {
  const loaded = index.dbtProjects().some((p) => p.manifest !== undefined);
  return loaded && index.modelOf(info) === undefined;
}

/** Checks a generated view against its hash and its dbt model. */
export function checkGenerated(index: WorkspaceIndex, info: FileInfo, out: Finding[]): void {
  const header = info.generated;
  if (header === undefined) return;

  if (header.edited) {
    out.push({
      code: "drift/generated-file-edited",
      range: header.range,
      message:
        "This generated view was edited by hand, so regenerating will leave it alone and it " +
        "will drift from dbt. Move the edit into a refinement (a quick fix does it when the " +
        "file parses and the generator's own text is known), then regenerate.",
      data: { fix: "move-edit-to-refinement", file: info.path, modelId: header.modelId },
    });
    return;
  }

  if (modelIsGone(index, info)) {
    out.push({
      code: "drift/model-missing",
      range: info.decls.views[0]?.nameRange ?? header.range,
      message:
        `The dbt model ${header.modelId} is no longer in the manifest: ` +
        "delete this view or restore the model.",
    });
    return;
  }

  const drift = viewDrift(index, info);
  if (drift === undefined || drift.changes.length === 0) return;
  if (drift.catalogProblem !== undefined) {
    // Regenerating now would write YAML's fallback types over the catalog's, so no quick fix.
    out.push({
      code: "drift/view-out-of-date",
      range: header.range,
      message:
        `This view is out of date with dbt model \`${drift.model}\`: ` +
        `${drift.changes.join("; ")}. Column types were not compared: ${drift.catalogProblem}. ` +
        "Run `dbt docs generate` to write the catalog, then regenerate this view.",
    });
    return;
  }
  out.push({
    code: "drift/view-out-of-date",
    range: header.range,
    message:
      `This view is out of date with dbt model \`${drift.model}\`: ${drift.changes.join("; ")}. ` +
      'Regenerate this view (quick fix, or the "Generate LookML from dbt" command).',
    data: { fix: "regenerate-view", file: info.path, modelId: header.modelId },
  });
}
