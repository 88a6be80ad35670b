/**
 * Walks the workspace folders for LookML files and dbt projects, skipping hidden folders,
 * `node_modules`, installed dbt packages and dbt's own output.
 */
import * as path from "node:path";
import type { FileSystem } from "./fileSystem";
import { isSkippedFolder, lookmlFileKind } from "./paths";

/** What a walk found. */
export interface ScanResult {
  /** Every LookML file (views, models, manifests, dashboards ...), sorted. */
  lookmlFiles: string[];
  /** Folders holding `dbt_project.yml`, sorted. */
  dbtProjects: string[];
}

// dbt writes compiled SQL and logs here; neither holds anything the index reads.
const DBT_OUTPUT = new Set(["target", "logs", "dbt_modules"]);

/** Walks each root folder; a folder reached twice (nested roots) is read once. */
export function scanWorkspace(fs: FileSystem, roots: readonly string[]): ScanResult {
  const lookmlFiles = new Set<string>();
  const dbtProjects = new Set<string>();
  const seen = new Set<string>();
  const pending = roots.map((r) => path.resolve(r));

  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    const entries = fs.readDirectory(dir);
    const isDbt = entries.some((e) => !e.isDirectory && e.name === "dbt_project.yml");
    if (isDbt) dbtProjects.add(dir);

    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (!entry.isDirectory) {
        if (lookmlFileKind(entry.name) !== undefined) lookmlFiles.add(full);
      } else if (!isSkippedFolder(entry.name) && !(isDbt && DBT_OUTPUT.has(entry.name))) {
        pending.push(full);
      }
    }
  }
  return { lookmlFiles: [...lookmlFiles].sort(), dbtProjects: [...dbtProjects].sort() };
}
