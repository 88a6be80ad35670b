/**
 * Diagnostics on a generated view file itself: edited by hand since it was generated, or out
 * of date against the dbt manifest.
 */
import type { FileInfo } from "../workspace/fileInfo";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import type { Finding } from "./finding";

/** Checks a generated view against its hash and its dbt model. */
export function checkGenerated(_index: WorkspaceIndex, info: FileInfo, out: Finding[]): void {
  const header = info.generated;
  if (header === undefined) return;
  if (header.edited) {
    out.push({
      code: "drift/generated-file-edited",
      range: header.range,
      message:
        "This generated view was edited by hand, so the generator will no longer update it. Use the quick fix to move the edit into a refinement.",
      data: { fix: "move-edit-to-refinement", file: info.path, modelId: header.modelId },
    });
  }
}
