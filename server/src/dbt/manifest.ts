/**
 * Reads `manifest.json` of any schema version from v1 (dbt 0.19) to v12 (dbt 1.8+) and v20
 * (dbt Fusion) into the normalised shape of `types.ts`. Unknown fields are ignored, missing
 * ones get defaults, and a file that is not a manifest is rejected with a message naming it.
 */
import { describeKind, identifyArtifact } from "./artifactKind";
import { ArtifactError } from "./errors";
import {
  arrayOf,
  booleanOf,
  isObject,
  mergeObjects,
  objectOf,
  readJsonFile,
  stringOf,
  stringsOf,
  textOf,
  type JsonObject,
} from "./json";
import { buildRelationName, defaultQuoting } from "./relation";
import type {
  DbtColumn,
  DbtConstraint,
  DbtManifest,
  DbtModel,
  DbtQuoting,
  DbtSource,
  DbtTest,
} from "./types";

/** Manifest schema versions this reader was written against. */
export const knownManifestVersions: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20];

/** Reads and normalises a manifest file. Throws ArtifactError naming the file on any problem. */
export async function loadManifest(file: string): Promise<DbtManifest> {
  const json = await readJsonFile(file, "dbt manifest");
  return parseManifest(json, file);
}

/** Normalises an already parsed manifest; `file` is used in messages and kept on the result. */
export function parseManifest(json: unknown, file: string): DbtManifest {
  const identity = identifyArtifact(json);
  if (identity.kind !== "manifest" || !isObject(json)) {
    throw new ArtifactError(file, `this is ${describeKind(identity.kind)}, not a dbt manifest`);
  }

  const metadata = objectOf(json["metadata"]);
  const adapterType = stringOf(metadata["adapter_type"])?.toLowerCase();
  const quoting = quotingOf(metadata["quoting"], defaultQuoting(adapterType));
  const context: NodeContext = { adapterType, quoting };
  const warnings = versionWarnings(identity.version);

  return {
    file,
    ...optional("schemaVersion", identity.version),
    ...optional("dbtVersion", stringOf(metadata["dbt_version"])),
    ...optional("adapterType", adapterType),
    ...optional("projectName", stringOf(metadata["project_name"])),
    quoting,
    models: readNodes(json["nodes"], "model", (raw, key) => readModel(raw, key, context)),
    sources: readNodes(json["sources"], "source", (raw, key) => readSource(raw, key, context)),
    tests: readTests(json["nodes"]),
    warnings,
  };
}

interface NodeContext {
  adapterType: string | undefined;
  quoting: DbtQuoting;
}

// With exactOptionalPropertyTypes an absent field must be left out, not set to undefined.
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function versionWarnings(version: number | undefined): string[] {
  if (version === undefined || knownManifestVersions.includes(version)) return [];
  return [`manifest schema v${version} is not one this version knows; it was read like v12`];
}

function quotingOf(value: unknown, base: DbtQuoting): DbtQuoting {
  const raw = objectOf(value);
  return {
    database: booleanOf(raw["database"]) ?? base.database,
    schema: booleanOf(raw["schema"]) ?? base.schema,
    identifier: booleanOf(raw["identifier"]) ?? base.identifier,
  };
}

function readNodes<T extends { uniqueId: string }>(
  nodes: unknown,
  resourceType: string,
  read: (raw: JsonObject, key: string) => T,
): T[] {
  const result: T[] = [];
  for (const [key, raw] of Object.entries(objectOf(nodes))) {
    if (!isObject(raw)) continue;
    const type = stringOf(raw["resource_type"]) ?? key.split(".")[0];
    if (type === resourceType) result.push(read(raw, key));
  }
  return result.sort((a, b) => compareText(a.uniqueId, b.uniqueId));
}

/** Code-point order, independent of locale, so output is the same on every machine. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function readModel(raw: JsonObject, key: string, context: NodeContext): DbtModel {
  const config = objectOf(raw["config"]);
  const uniqueId = stringOf(raw["unique_id"]) ?? key;
  const name = stringOf(raw["name"]) ?? nameFromId(uniqueId);
  const materialized = stringOf(config["materialized"]);
  const identifier = stringOf(raw["alias"]) ?? stringOf(config["alias"]) ?? name;
  const quoting = quotingOf(config["quoting"], context.quoting);
  const parts = { database: nonEmpty(raw["database"]), schema: nonEmpty(raw["schema"]) };
  const relationName =
    materialized === "ephemeral"
      ? undefined
      : (stringOf(raw["relation_name"]) ??
        buildRelationName(context.adapterType, quoting, { ...parts, identifier }));

  return {
    resourceType: "model",
    uniqueId,
    name,
    packageName: stringOf(raw["package_name"]) ?? uniqueId.split(".")[1] ?? "",
    ...optional("database", parts.database),
    ...optional("schema", parts.schema),
    identifier,
    ...optional("relationName", relationName),
    description: stringOf(raw["description"]) ?? "",
    meta: mergeObjects(objectOf(raw["meta"]), objectOf(config["meta"])),
    tags: unique([...stringsOf(raw["tags"]), ...stringsOf(config["tags"])]),
    columns: readColumns(raw["columns"]),
    originalFilePath: filePathOf(raw),
    fqn: stringsOf(raw["fqn"]),
    ...optional("version", textOf(raw["version"])),
    ...optional("latestVersion", textOf(raw["latest_version"])),
    ...optional("materialized", materialized),
    enabled: booleanOf(config["enabled"]) ?? true,
    primaryKey: stringsOf(raw["primary_key"]),
    constraints: arrayOf(raw["constraints"]).map(readConstraint),
  };
}

function readSource(raw: JsonObject, key: string, context: NodeContext): DbtSource {
  const config = objectOf(raw["config"]);
  const uniqueId = stringOf(raw["unique_id"]) ?? key;
  const name = stringOf(raw["name"]) ?? nameFromId(uniqueId);
  const identifier = stringOf(raw["identifier"]) ?? name;
  const quoting = quotingOf(raw["quoting"], context.quoting);
  const parts = { database: nonEmpty(raw["database"]), schema: nonEmpty(raw["schema"]) };
  const relationName =
    stringOf(raw["relation_name"]) ??
    buildRelationName(context.adapterType, quoting, { ...parts, identifier });

  return {
    resourceType: "source",
    uniqueId,
    name,
    sourceName: stringOf(raw["source_name"]) ?? uniqueId.split(".")[2] ?? "",
    packageName: stringOf(raw["package_name"]) ?? uniqueId.split(".")[1] ?? "",
    ...optional("database", parts.database),
    ...optional("schema", parts.schema),
    identifier,
    relationName,
    description: stringOf(raw["description"]) ?? "",
    meta: mergeObjects(objectOf(raw["meta"]), objectOf(config["meta"])),
    tags: unique([...stringsOf(raw["tags"]), ...stringsOf(config["tags"])]),
    columns: readColumns(raw["columns"]),
    originalFilePath: filePathOf(raw),
  };
}

function readColumns(columns: unknown): DbtColumn[] {
  const result: DbtColumn[] = [];
  for (const [key, raw] of Object.entries(objectOf(columns))) {
    if (!isObject(raw)) continue;
    const config = objectOf(raw["config"]);
    result.push({
      name: stringOf(raw["name"]) ?? key,
      description: stringOf(raw["description"]) ?? "",
      ...optional("dataType", nonEmpty(raw["data_type"])),
      meta: mergeObjects(objectOf(raw["meta"]), objectOf(config["meta"])),
      tags: unique([...stringsOf(raw["tags"]), ...stringsOf(config["tags"])]),
      quote: raw["quote"] === true,
      constraints: arrayOf(raw["constraints"]).map(readConstraint),
    });
  }
  return result;
}

function readConstraint(value: unknown): DbtConstraint {
  const raw = objectOf(value);
  return {
    type: (stringOf(raw["type"]) ?? "").toLowerCase(),
    columns: stringsOf(raw["columns"]),
    ...optional("name", stringOf(raw["name"])),
    ...optional("expression", stringOf(raw["expression"])),
  };
}

function readTests(nodes: unknown): DbtTest[] {
  const tests: DbtTest[] = [];
  for (const [key, raw] of Object.entries(objectOf(nodes))) {
    if (!isObject(raw) || stringOf(raw["resource_type"]) !== "test") continue;
    const test = readTest(raw, key);
    if (test !== undefined) tests.push(test);
  }
  return tests.sort((a, b) => compareText(a.uniqueId, b.uniqueId));
}

// Singular tests (a SQL file) have no test_metadata and say nothing about one column.
function readTest(raw: JsonObject, key: string): DbtTest | undefined {
  const metadata = objectOf(raw["test_metadata"]);
  const testName = stringOf(metadata["name"]);
  if (testName === undefined) return undefined;

  const kwargs = objectOf(metadata["kwargs"]);
  const attachedNode = stringOf(raw["attached_node"]) ?? onlyRelationDependency(raw);
  const columnName = stringOf(raw["column_name"]) ?? stringOf(kwargs["column_name"]);
  return {
    uniqueId: stringOf(raw["unique_id"]) ?? key,
    testName: testName.toLowerCase(),
    ...optional("namespace", stringOf(metadata["namespace"])),
    ...optional("attachedNode", attachedNode),
    ...optional("columnName", columnName),
    kwargs,
  };
}

// Before dbt 1.5 tests had no attached_node; a generic test depends on exactly its relation.
function onlyRelationDependency(raw: JsonObject): string | undefined {
  const dependsOn = stringsOf(objectOf(raw["depends_on"])["nodes"]);
  const relations = dependsOn.filter((id) => /^(model|source|seed|snapshot)\./.test(id));
  return relations.length === 1 ? relations[0] : undefined;
}

function filePathOf(raw: JsonObject): string {
  const file = stringOf(raw["original_file_path"]) ?? stringOf(raw["path"]) ?? "";
  return file.replaceAll("\\", "/");
}

function nameFromId(uniqueId: string): string {
  const parts = uniqueId.split(".");
  const last = parts.at(-1) ?? uniqueId;
  // `model.shop.orders.v2`: the name is the part before the version.
  return /^v\d+$/.test(last) && parts.length > 3 ? (parts.at(-2) ?? last) : last;
}

function nonEmpty(value: unknown): string | undefined {
  const text = stringOf(value);
  return text === undefined || text === "" ? undefined : text;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
