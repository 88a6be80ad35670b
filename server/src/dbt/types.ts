/**
 * The dbt artifacts as the rest of Analytics Ops sees them: one normalised shape whatever the
 * manifest schema version (v1 to v12, and v20 from dbt Fusion) that wrote them. Fields dbt may
 * leave out are optional here; lists and maps are always present, possibly empty.
 */

/** `meta` of a node or column: `meta` merged with `config.meta` (config wins), never null. */
export type DbtMeta = Readonly<Record<string, unknown>>;

/** Which relation parts dbt quotes (`quoting:` in dbt_project.yml or a model's config). */
export interface DbtQuoting {
  database: boolean;
  schema: boolean;
  identifier: boolean;
}

/** A model or column constraint (`type: primary_key`, `not_null`, `unique`, `check`, ...). */
export interface DbtConstraint {
  /** Lower-case constraint type. */
  type: string;
  /** Columns named by a model-level constraint; empty for a column-level one. */
  columns: string[];
  name?: string;
  expression?: string;
}

/** A documented column of a model or source, in the order the YAML lists them. */
export interface DbtColumn {
  /** The name as written in YAML; nested BigQuery fields use dots (`sales.amount`). */
  name: string;
  description: string;
  /** `data_type` from YAML or a contract; absent when nobody wrote it. */
  dataType?: string;
  meta: DbtMeta;
  tags: string[];
  /** `quote: true` in YAML: the name must be quoted in SQL. */
  quote: boolean;
  constraints: DbtConstraint[];
}

/** What models and sources share: a named relation in the warehouse. */
export interface DbtRelationNode {
  /** `model.shop.orders`, `model.shop.orders.v2`, `source.shop.raw.orders`. */
  uniqueId: string;
  name: string;
  packageName: string;
  database?: string;
  schema?: string;
  /** Table or view name in the warehouse (a model's alias, a source's identifier). */
  identifier: string;
  /**
   * The quoted, fully qualified relation (`"db"."schema"."orders"`). Taken from the manifest,
   * or built from database, schema and identifier with the adapter's quoting when dbt left it
   * null. Absent for ephemeral models, which have no relation.
   */
  relationName?: string;
  description: string;
  meta: DbtMeta;
  tags: string[];
  columns: DbtColumn[];
  /** Path of the defining file relative to the project, with forward slashes. */
  originalFilePath: string;
}

/** A dbt model (`resource_type: model`). */
export interface DbtModel extends DbtRelationNode {
  resourceType: "model";
  fqn: string[];
  /** Model version (`2` for `model.shop.orders.v2`); absent for unversioned models. */
  version?: string;
  latestVersion?: string;
  /** `view`, `table`, `incremental`, `ephemeral`, `materialized_view`, ... */
  materialized?: string;
  /** False only when the manifest still lists a node disabled by config. */
  enabled: boolean;
  /** The model's own `primary_key` (dbt 1.9+), empty when dbt did not compute one. */
  primaryKey: string[];
  /** Model-level constraints; column-level ones live on each column. */
  constraints: DbtConstraint[];
}

/** A dbt source table (`sources:` in YAML). */
export interface DbtSource extends DbtRelationNode {
  resourceType: "source";
  /** The `name` of the source group (`raw` in `source('raw', 'orders')`). */
  sourceName: string;
}

/** A data test, reduced to what tells which column it checks. */
export interface DbtTest {
  uniqueId: string;
  /** Lower-case test name without namespace: `unique`, `not_null`, `accepted_values`, ... */
  testName: string;
  /** `dbt_utils` for `dbt_utils.unique_combination_of_columns`; absent for built-ins. */
  namespace?: string;
  /** The model or source the test belongs to (`attached_node`, or its only dependency). */
  attachedNode?: string;
  /** The tested column, when the test is on a column. */
  columnName?: string;
  /** The test's arguments (`kwargs`), unchecked. */
  kwargs: DbtMeta;
}

/** A loaded `manifest.json`. */
export interface DbtManifest {
  /** The file it was read from. */
  file: string;
  /** 1 to 12, or 20 for dbt Fusion; absent when the file carries no schema version. */
  schemaVersion?: number;
  dbtVersion?: string;
  /** Lower-case adapter (`snowflake`, `bigquery`, ...); absent in old or trimmed manifests. */
  adapterType?: string;
  projectName?: string;
  /** Project-wide quoting from the manifest metadata, or the adapter's defaults. */
  quoting: DbtQuoting;
  /** Models sorted by unique id. */
  models: DbtModel[];
  /** Sources sorted by unique id. */
  sources: DbtSource[];
  tests: DbtTest[];
  /** Things a user may want to know, such as an unknown newer schema version. */
  warnings: string[];
}

/** One column of a warehouse relation as `dbt docs generate` saw it. */
export interface CatalogColumn {
  /** Exact name in the warehouse (Snowflake upper-cases unquoted names). */
  name: string;
  /** Warehouse type as reported (`NUMBER`, `character varying(256)`, `ARRAY<STRUCT<...>>`). */
  type: string;
  /** 1-based position in the relation. */
  index: number;
  comment?: string;
}

/** One relation in `catalog.json`. */
export interface CatalogTable {
  uniqueId: string;
  database?: string;
  schema?: string;
  name?: string;
  /** `BASE TABLE`, `VIEW`, `table`, ... as the warehouse reports it. */
  relationType?: string;
  /** Sorted by `index`. BigQuery nested fields appear as dotted names after their parent. */
  columns: CatalogColumn[];
}

/** A loaded `catalog.json`. */
export interface Catalog {
  file: string;
  dbtVersion?: string;
  /** Models, seeds and snapshots by unique id. */
  nodes: ReadonlyMap<string, CatalogTable>;
  /** Sources by unique id. */
  sources: ReadonlyMap<string, CatalogTable>;
}
