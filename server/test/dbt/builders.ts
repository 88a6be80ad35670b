/**
 * Small dbt artifacts for tests, shaped like what dbt writes (v12 unless told otherwise), so
 * each test states only the fields it is about.
 */

export type Json = Record<string, unknown>;

export interface ColumnSpec {
  name: string;
  description?: string;
  data_type?: string | null;
  meta?: unknown;
  quote?: boolean | null;
  constraints?: Json[];
  config?: Json;
}

export interface ModelSpec {
  name: string;
  package?: string;
  columns?: ColumnSpec[];
  meta?: unknown;
  config?: Json;
  relation_name?: string | null;
  database?: string | null;
  schema?: string;
  alias?: string;
  version?: string | number;
  materialized?: string;
  tags?: string[];
  primary_key?: string[];
  constraints?: Json[];
  path?: string;
  description?: string;
}

/** A model node as dbt 1.8+ writes it. */
export function modelNode(spec: ModelSpec): Json {
  const pkg = spec.package ?? "shop";
  const version = spec.version === undefined ? "" : `.v${spec.version}`;
  const uniqueId = `model.${pkg}.${spec.name}${version}`;
  const columns: Json = {};
  for (const column of spec.columns ?? []) {
    columns[column.name] = {
      description: "",
      meta: {},
      data_type: null,
      constraints: [],
      quote: null,
      tags: [],
      ...column,
    };
  }
  const database = spec.database === undefined ? "analytics" : spec.database;
  const schema = spec.schema ?? "shop";
  const alias = spec.alias ?? spec.name;
  return {
    database,
    schema,
    name: spec.name,
    resource_type: "model",
    package_name: pkg,
    path: `${spec.name}.sql`,
    original_file_path: spec.path ?? `models/${spec.name}.sql`,
    unique_id: uniqueId,
    fqn: [pkg, spec.name],
    alias,
    config: {
      enabled: true,
      materialized: spec.materialized ?? "table",
      tags: [],
      meta: {},
      ...spec.config,
    },
    tags: spec.tags ?? [],
    description: spec.description ?? "",
    columns,
    meta: spec.meta === undefined ? {} : spec.meta,
    relation_name:
      spec.relation_name === undefined
        ? `${database ?? ""}.${schema}.${alias}`
        : spec.relation_name,
    version: spec.version ?? null,
    latest_version: spec.version ?? null,
    constraints: spec.constraints ?? [],
    primary_key: spec.primary_key ?? [],
    some_future_field: { nested: [1, 2, 3] },
  };
}

/** A generic data test (`unique`, `not_null`...) on one column of a model. */
export function testNode(modelId: string, column: string, testName: string, attached = true): Json {
  const name = `${testName}_${column}`;
  return {
    resource_type: "test",
    unique_id: `test.shop.${name}.${modelId.length}${column.length}`,
    name,
    column_name: column,
    attached_node: attached ? modelId : null,
    depends_on: { nodes: [modelId], macros: [] },
    test_metadata: { name: testName, kwargs: { column_name: column }, namespace: null },
  };
}

export interface ManifestSpec {
  adapter?: string;
  version?: number | null;
  nodes: Json[];
  sources?: Json[];
  metadata?: Json;
}

/** A whole manifest document. `version: null` leaves out the schema version. */
export function manifestJson(spec: ManifestSpec): Json {
  const version = spec.version === undefined ? 12 : spec.version;
  const nodes: Json = {};
  for (const node of spec.nodes) nodes[String(node["unique_id"])] = node;
  const sources: Json = {};
  for (const source of spec.sources ?? []) sources[String(source["unique_id"])] = source;
  return {
    metadata: {
      ...(version === null
        ? {}
        : { dbt_schema_version: `https://schemas.getdbt.com/dbt/manifest/v${version}.json` }),
      dbt_version: "1.10.13",
      adapter_type: spec.adapter ?? "postgres",
      ...spec.metadata,
    },
    nodes,
    sources,
    macros: {},
    parent_map: {},
  };
}

export interface TableSpec {
  uniqueId: string;
  name?: string;
  database?: string;
  schema?: string;
  /** `[name, type]` in table order. */
  columns: [string, string][];
}

/** A catalog document. */
export function catalogJson(tables: TableSpec[]): Json {
  const nodes: Json = {};
  for (const table of tables) {
    const columns: Json = {};
    table.columns.forEach(([name, type], i) => {
      columns[name] = { type, index: i + 1, name, comment: null };
    });
    nodes[table.uniqueId] = {
      unique_id: table.uniqueId,
      metadata: {
        type: "BASE TABLE",
        database: table.database ?? "analytics",
        schema: table.schema ?? "shop",
        name: table.name ?? table.uniqueId.split(".").at(-1),
      },
      columns,
      stats: {},
    };
  }
  return {
    metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/catalog/v1.json" },
    nodes,
    sources: {},
  };
}
