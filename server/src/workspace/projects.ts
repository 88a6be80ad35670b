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

  const modelDirs = new Set<string>();
  for (const info of files.values()) {
    if (info.kind !== "model" || [...roots].some((r) => isInside(r, info.path))) continue;
    modelDirs.add(path.dirname(info.path));
  }

  for (const dir of modelDirs) {
    roots.add(inferRoot(dir, files, scanRoots, catalog));
  }
  return [...roots].sort();
}

function inferRoot(
  dir: string,
  files: ReadonlyMap<string, FileInfo>,
  scanRoots: readonly string[],
  catalog: FileCatalog,
): string {
  // Absolute includes of the models and of the files beside and below them.
  const sources = [...files.values()].filter((f) => isInside(dir, f.path));
  const unique = new Map<string, { pattern: string; self: string }>();
  for (const source of sources) {
    for (const include of source.decls.includes) {
      const p = include.pattern.trim();
      if (p.startsWith("/") && !p.startsWith("//"))
        unique.set(p, { pattern: p, self: source.path });
    }
  }
  const patterns = [...unique.values()];
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
