/**
 * Find references: every place in the project that names the same view, field, set, explore,
 * join or constant as the symbol at the cursor, across refinements, extends and `${}`.
 */
import type { Location, Position } from "vscode-languageserver";
import type { FileInfo } from "../workspace/fileInfo";
import { pathToUri, uriToPath } from "../workspace/paths";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import type { Located } from "./target";
import { declarationsOf, symbolAt, symbolKey, symbolsOfRef } from "./target";

/** Every reference to the symbol at a position, with its declarations when asked. */
export function references(
  index: WorkspaceIndex,
  uri: string,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const file = uriToPath(uri);
  const info = file === undefined ? undefined : index.file(file);
  const located = info === undefined ? undefined : symbolAt(index, info, position);
  if (info === undefined || located === undefined || located.symbol.kind === "include") return [];

  const key = symbolKey(located.symbol);
  const out = new Map<string, Location>();
  const add = (file: string, range: Location["range"]): void => {
    out.set(`${file}:${range.start.line}:${range.start.character}`, {
      uri: pathToUri(file),
      range,
    });
  };
  for (const other of filesToSearch(index, info)) {
    for (const hit of usesIn(index, other, key)) add(other.path, hit.range);
  }
  if (includeDeclaration)
    for (const place of declarationsOf(index, located.symbol)) add(place.file, place.range);
  else
    for (const place of declarationsOf(index, located.symbol))
      out.delete(`${place.file}:${place.range.start.line}:${place.range.start.character}`);
  return [...out.values()];
}

function filesToSearch(index: WorkspaceIndex, info: FileInfo): FileInfo[] {
  const project = index.projectOf(info.path);
  const files = project === undefined ? [info.path] : [...project.files];
  return files.map((f) => index.file(f)).filter((f) => f !== undefined);
}

// Each reference of the file, resolved where it sits, that names the symbol.
function usesIn(index: WorkspaceIndex, info: FileInfo, key: string): Located[] {
  const hits: Located[] = [];
  for (const ref of info.refs) {
    for (const located of symbolsOfRef(index, info, ref)) {
      if (symbolKey(located.symbol) === key) hits.push(located);
    }
  }
  return hits;
}
