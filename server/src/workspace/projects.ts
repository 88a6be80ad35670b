/**
 * Where LookML projects start. A folder holding `manifest.lkml` is a project root. Without a
 * manifest, Looker's root is the repository's root, which a workspace may not show; the root
 * is then taken as the folder, from the models' own folder upwards, from which the models'
 * `/...` includes match the most files (the nearest such folder on a tie).
 */
import * as path from "node:path";
import type { FileInfo } from "./fileInfo";
import type { FileCatalog } from "./includes";
import { matchInclude } from "./includes";
import { isInside } from "./paths";

/** The project roots among `files`, sorted. */
export function findProjectRoots(
  files: ReadonlyMap<string, FileInfo>,
  scanRoots: readonly string[],
  catalog: FileCatalog,
): string[] {
  const roots = new Set<string>();
  for (const info of files.values())
    if (info.kind === "manifest") roots.add(path.dirname(info.path));

  const modelDirs = new Map<string, FileInfo[]>();
  for (const info of files.values()) {
    if (info.kind !== "model" || [...roots].some((r) => isInside(r, info.path))) continue;
    const dir = path.dirname(info.path);
    modelDirs.set(dir, [...(modelDirs.get(dir) ?? []), info]);
  }

  for (const [dir, models] of modelDirs) roots.add(inferRoot(dir, models, scanRoots, catalog));
  return [...roots].sort();
}

function inferRoot(
  dir: string,
  models: FileInfo[],
  scanRoots: readonly string[],
  catalog: FileCatalog,
): string {
  const patterns = models.flatMap((m) =>
    m.decls.includes
      .map((i) => i.pattern.trim())
      .filter((p) => p.startsWith("/") && !p.startsWith("//"))
      .map((p) => ({ pattern: p, self: m.path })),
  );
  if (patterns.length === 0) return dir;

  const top = scanRoots.find((r) => isInside(r, dir)) ?? dir;
  let best = dir;
  let bestScore = -1;
  for (let candidate = dir; isInside(top, candidate); candidate = path.dirname(candidate)) {
    const score = patterns.filter(
      (p) =>
        matchInclude(path.posix.normalize(`${candidate}${p.pattern}`), catalog, p.self).length > 0,
    ).length;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
    if (score === patterns.length || candidate === path.dirname(candidate)) break;
  }
  return best;
}

/** The root a file belongs to: the nearest root above it, else the scan root holding it. */
export function rootOf(
  filePath: string,
  roots: readonly string[],
  scanRoots: readonly string[],
): string {
  let best: string | undefined;
  for (const root of roots) {
    if (isInside(root, filePath) && (best === undefined || root.length > best.length)) best = root;
  }
  if (best !== undefined) return best;
  return scanRoots.find((r) => isInside(r, filePath)) ?? path.dirname(filePath);
}
