import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The file system path of a `file:` URI; undefined for other schemes (untitled, git...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  return path.resolve(fileURLToPath(uri));
}

/** The `file:` URI of an absolute path. */
export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}
