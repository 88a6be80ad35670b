/** What kind of file a path names, and the conversion between paths and `file:` URIs. */
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The kinds of file the index tells apart. */
export type LookmlFileKind = "manifest" | "model" | "dashboard" | "lookml";

/** The LookML kind of a file name, or undefined when it is not a LookML file. */
export function lookmlFileKind(filePath: string): LookmlFileKind | undefined {
  const name = path.basename(filePath).toLowerCase();
  if (name.endsWith(".dashboard.lookml") || name.endsWith(".dashboard.lkml")) return "dashboard";
  if (name === "manifest.lkml") return "manifest";
  if (name.endsWith(".model.lkml")) return "model";
  if (name.endsWith(".lkml") || name.endsWith(".lookml")) return "lookml";
  return undefined;
}

/** Folders never searched: dependencies and hidden folders. */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith(".") || name === "node_modules" || name === "dbt_packages";
}

/** The `file:` URI of an absolute path. */
export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** The absolute path of a `file:` URI, or undefined for any other scheme. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Whether `child` lies inside (or is) `dir`. */
export function isInside(dir: string, child: string): boolean {
  // Absolute, normalised paths: a prefix test answers most calls without path.relative.
  if (child === dir || child.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep)) return true;
  if (path.isAbsolute(dir) && path.isAbsolute(child) && path.normalize(dir) === dir) return false;
  const rel = path.relative(dir, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** A path relative to `dir`, with forward slashes, as Looker writes include paths. */
export function slashRelative(dir: string, filePath: string): string {
  return path.relative(dir, filePath).split(path.sep).join("/");
}
