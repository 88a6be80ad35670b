/**
 * Go to definition: from a reference to the declarations of what it names (the base first,
 * then each refinement in include order), from an include to the files it matches, and from
 * a generated view to its dbt model's `.sql` and `.yml` files.
 */
import type { Location, Position } from "vscode-languageserver";
import type { FileInfo } from "../workspace/fileInfo";
import { pathToUri, uriToPath } from "../workspace/paths";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import type { Place } from "./target";
import { declarationsOf, symbolAt } from "./target";

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The definition locations for the symbol at a position. */
export function definition(index: WorkspaceIndex, uri: string, position: Position): Location[] {
  const file = uriToPath(uri);
  const info = file === undefined ? undefined : index.file(file);
  if (info === undefined) return [];
  const located = symbolAt(index, info, position);
  if (located === undefined) return [];

  const symbol = located.symbol;
  if (symbol.kind === "include") {
    const results = symbol.ctx?.includes.get(info.path) ?? [];
    const files = results.find((r) => r.include === symbol.include)?.files ?? [];
    return files.map((f) => ({ uri: pathToUri(f), range: FILE_START }));
  }

  const places = declarationsOf(index, symbol).map(toLocation);
  if (symbol.kind === "view")
    places.push(
      ...dbtLocations(
        index,
        symbol.ctx.viewDecls(symbol.name).map((d) => d.file),
      ),
    );
  return places;
}

function toLocation(place: Place): Location {
  return { uri: pathToUri(place.file), range: place.range };
}

// A generated view leads on to the dbt model it came from.
function dbtLocations(index: WorkspaceIndex, files: string[]): Location[] {
  const out: Location[] = [];
  for (const file of new Set(files)) {
    const info: FileInfo | undefined = index.file(file);
    const model = info === undefined ? undefined : index.modelOf(info);
    if (model === undefined) continue;
    for (const target of [model.sqlFile, model.ymlFile]) {
      if (target !== undefined && index.fs.stat(target) !== undefined) {
        out.push({ uri: pathToUri(target), range: dbtRange(index, target, model.model.name) });
      }
    }
  }
  return out;
}

// In the YAML, the line that names the model; in SQL, the top of the file.
function dbtRange(index: WorkspaceIndex, file: string, model: string): Location["range"] {
  if (!file.endsWith(".yml") && !file.endsWith(".yaml")) return FILE_START;
  const lines = (index.fs.readFile(file) ?? "").split("\n");
  const pattern = new RegExp(
    `^\\s*-?\\s*name:\\s*["']?${model.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*$`,
  );
  const line = lines.findIndex((l) => pattern.test(l));
  if (line === -1) return FILE_START;
  const character = (lines[line] ?? "").indexOf(model);
  return { start: { line, character }, end: { line, character: character + model.length } };
}
