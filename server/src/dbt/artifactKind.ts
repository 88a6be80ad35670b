/**
 * Tells what a dbt JSON file is before reading it as one: a manifest, a catalog, run results,
 * a JSON Schema... so a wrong file gets a message saying what it is instead of a crash later.
 */
import { isObject, objectOf, stringOf } from "./json";

/** The artifact kinds this reader can tell apart. */
export type ArtifactKind =
  | "manifest"
  | "catalog"
  | "run-results"
  | "sources"
  | "semantic-manifest"
  | "json-schema"
  | "unknown";

/** What a file declares or looks like, and the schema version it declares (if any). */
export interface ArtifactIdentity {
  kind: ArtifactKind;
  version?: number;
}

const versionPattern = /\/dbt\/([a-z-]+)\/v(\d+)(?:\.json)?/i;

const declaredKinds: Readonly<Record<string, ArtifactKind>> = {
  manifest: "manifest",
  catalog: "catalog",
  "run-results": "run-results",
  sources: "sources",
};

/** Identifies a parsed JSON document from its declared schema version, else from its shape. */
export function identifyArtifact(json: unknown): ArtifactIdentity {
  if (!isObject(json)) return { kind: "unknown" };
  if (looksLikeJsonSchema(json)) return { kind: "json-schema" };

  const declared = stringOf(objectOf(json["metadata"])["dbt_schema_version"]);
  const match = declared === undefined ? null : versionPattern.exec(declared);
  if (match !== null) {
    const name = (match[1] ?? "").toLowerCase();
    const kind = Object.hasOwn(declaredKinds, name) ? declaredKinds[name] : undefined;
    return { kind: kind ?? "unknown", version: Number(match[2]) };
  }
  return { kind: kindFromShape(json) };
}

function looksLikeJsonSchema(json: Readonly<Record<string, unknown>>): boolean {
  if (typeof json["$schema"] === "string" || typeof json["$ref"] === "string") return true;
  if (isObject(json["$defs"]) || isObject(json["definitions"])) return true;
  return json["type"] === "object" && isObject(json["properties"]);
}

// Hand-written and trimmed artifacts often lack metadata; their shape still tells them apart.
function kindFromShape(json: Readonly<Record<string, unknown>>): ArtifactKind {
  if (Array.isArray(json["results"])) {
    return "elapsed_time" in json && !("args" in json) ? "sources" : "run-results";
  }
  const nodes = json["nodes"];
  if (isObject(nodes)) return nodesKind(nodes, json);
  if ("semantic_models" in json || "project_configuration" in json) return "semantic-manifest";
  return "unknown";
}

function nodesKind(
  nodes: Readonly<Record<string, unknown>>,
  json: Readonly<Record<string, unknown>>,
): ArtifactKind {
  const first = Object.values(nodes).find(isObject);
  if (first === undefined) {
    return "macros" in json || "parent_map" in json || "sources" in json ? "manifest" : "unknown";
  }
  if ("resource_type" in first || "unique_id" in first) return "manifest";
  if (isObject(first["metadata"]) && isObject(first["columns"])) return "catalog";
  return "unknown";
}

/** How to name a kind in a message ("a dbt catalog (catalog.json)"). */
export function describeKind(kind: ArtifactKind): string {
  switch (kind) {
    case "manifest":
      return "a dbt manifest (manifest.json)";
    case "catalog":
      return "a dbt catalog (catalog.json)";
    case "run-results":
      return "dbt run results (run_results.json)";
    case "sources":
      return "dbt source freshness results (sources.json)";
    case "semantic-manifest":
      return "a MetricFlow semantic manifest (semantic_manifest.json)";
    case "json-schema":
      return "a JSON Schema";
    case "unknown":
      return "not a dbt artifact this reader recognises";
  }
}
