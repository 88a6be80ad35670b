/**
 * Reads `catalog.json` (written by `dbt docs generate`): the warehouse's own view of each
 * relation's columns and types, which the generator prefers over types written in YAML.
 */
import { describeKind, identifyArtifact } from "./artifactKind";
import { ArtifactError } from "./errors";
import { isObject, objectOf, readJsonFile, stringOf, type JsonObject } from "./json";
import { compareText } from "./manifest";
import type { Catalog, CatalogColumn, CatalogTable } from "./types";

/** Reads and normalises a catalog file. Throws ArtifactError naming the file on any problem. */
export async function loadCatalog(file: string): Promise<Catalog> {
  const json = await readJsonFile(file, "dbt catalog");
  return parseCatalog(json, file);
}

/** Normalises an already parsed catalog; `file` is used in messages and kept on the result. */
export function parseCatalog(json: unknown, file: string): Catalog {
  const identity = identifyArtifact(json);
  if (identity.kind !== "catalog" || !isObject(json)) {
    throw new ArtifactError(file, `this is ${describeKind(identity.kind)}, not a dbt catalog`);
  }

  const dbtVersion = stringOf(objectOf(json["metadata"])["dbt_version"]);
  return {
    file,
    ...(dbtVersion === undefined ? {} : { dbtVersion }),
    nodes: readTables(json["nodes"]),
    sources: readTables(json["sources"]),
  };
}

/**
 * The catalog entry for a node: by unique id, else by relation name, because a catalog written
 * before a model was renamed or versioned still describes the same table.
 */
export function findCatalogTable(
  catalog: Catalog,
  node: { uniqueId: string; database?: string; schema?: string; identifier: string },
): CatalogTable | undefined {
  const byId = catalog.nodes.get(node.uniqueId) ?? catalog.sources.get(node.uniqueId);
  if (byId !== undefined) return byId;

  return relationIndex(catalog).get(relationKey(node.database, node.schema, node.identifier));
}

const relationIndexes = new WeakMap<Catalog, Map<string, CatalogTable>>();

function relationIndex(catalog: Catalog): Map<string, CatalogTable> {
  let index = relationIndexes.get(catalog);
  if (index !== undefined) return index;

  index = new Map();
  for (const table of catalog.nodes.values()) {
    if (table.name === undefined) continue;
    const key = relationKey(table.database, table.schema, table.name);
    if (!index.has(key)) index.set(key, table);
  }
  relationIndexes.set(catalog, index);
  return index;
}

// Warehouses differ in case folding, so relations are compared without case.
function relationKey(database: string | undefined, schema: string | undefined, name: string) {
  return [database ?? "", schema ?? "", name].join(".").toLowerCase();
}

function readTables(value: unknown): Map<string, CatalogTable> {
  const tables = new Map<string, CatalogTable>();
  for (const [key, raw] of Object.entries(objectOf(value))) {
    if (!isObject(raw)) continue;
    const table = readTable(raw, key);
    tables.set(table.uniqueId, table);
  }
  return tables;
}

function readTable(raw: JsonObject, key: string): CatalogTable {
  const metadata = objectOf(raw["metadata"]);
  const table: CatalogTable = {
    uniqueId: stringOf(raw["unique_id"]) ?? key,
    columns: readColumns(raw["columns"]),
  };
  const database = stringOf(metadata["database"]);
  const schema = stringOf(metadata["schema"]);
  const name = stringOf(metadata["name"]);
  const relationType = stringOf(metadata["type"]);
  if (database !== undefined) table.database = database;
  if (schema !== undefined) table.schema = schema;
  if (name !== undefined) table.name = name;
  if (relationType !== undefined) table.relationType = relationType;
  return table;
}

function readColumns(value: unknown): CatalogColumn[] {
  const columns: CatalogColumn[] = [];
  let position = 0;
  for (const [key, raw] of Object.entries(objectOf(value))) {
    position += 1;
    if (!isObject(raw)) continue;
    const index = typeof raw["index"] === "number" ? raw["index"] : position;
    const type = stringOf(raw["type"]) ?? stringOf(raw["data_type"]) ?? "";
    const column: CatalogColumn = { name: stringOf(raw["name"]) ?? key, type, index };
    const comment = stringOf(raw["comment"]);
    if (comment !== undefined && comment !== "") column.comment = comment;
    columns.push(column);
  }
  return columns.sort((a, b) => a.index - b.index || compareText(a.name, b.name));
}
