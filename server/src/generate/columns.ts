/**
 * The columns of one model, joined from the two places dbt knows them: the catalog (what the
 * warehouse holds, with exact names and types) and the YAML documentation in the manifest
 * (descriptions, meta, and a `data_type` when someone wrote one).
 */
import type { CatalogColumn, CatalogTable, DbtColumn, DbtModel } from "../dbt";

/** One top-level column to generate fields for. */
export interface ColumnInput {
  /** The exact warehouse name when the catalog has it, else the name as documented. */
  name: string;
  /** True when `name` comes from the catalog, so its case is the warehouse's. */
  exact: boolean;
  /** Warehouse type from the catalog, else the documented `data_type`. */
  rawType?: string;
  /** The YAML documentation, if the column is documented. */
  doc?: DbtColumn;
  /** Catalog comment (often the description dbt persisted to the warehouse). */
  comment?: string;
}

/** Nested BigQuery fields by lower-case dotted path, with their types and documentation. */
export interface NestedLookup {
  types: ReadonlyMap<string, string>;
  docs: ReadonlyMap<string, DbtColumn>;
  /** Direct child names of each path, in catalog (else YAML) order. */
  children: ReadonlyMap<string, string[]>;
}

/** The model's columns in warehouse order, and documented columns the catalog lacks. */
export interface ModelColumns {
  columns: ColumnInput[];
  nested: NestedLookup;
  /**
   * Documented columns missing from the catalog but typed by their YAML `data_type`, reported
   * as such. Those without a `data_type` are reported with the other untyped columns.
   */
  typedFromYaml: string[];
}

/**
 * Joins catalog and documentation. Names match without case, since Snowflake's catalog
 * upper-cases what the YAML spells in lower case. Dotted names are nested fields when the
 * adapter has them (BigQuery) and their parent is a column.
 */
export function modelColumns(
  model: DbtModel,
  table: CatalogTable | undefined,
  nestedFields: boolean,
): ModelColumns {
  const docs = new Map(model.columns.map((c) => [c.name.toLowerCase(), c]));
  const catalogColumns = table?.columns ?? [];
  const topNames = nestedFields ? topLevelNames(catalogColumns, model.columns) : undefined;
  const isNested = (name: string): boolean =>
    topNames !== undefined &&
    name.includes(".") &&
    topNames.has(name.split(".")[0]?.toLowerCase() ?? "");

  const columns = catalogColumns
    .filter((c) => !isNested(c.name))
    .map((c) => fromCatalog(c, docs.get(c.name.toLowerCase())));
  const seen = new Set(columns.map((c) => c.name.toLowerCase()));
  const undocumentedInCatalog = model.columns.filter(
    (c) => !isNested(c.name) && !seen.has(c.name.toLowerCase()),
  );

  return {
    columns: [...columns, ...undocumentedInCatalog.map(fromDocs)],
    nested:
      topNames === undefined ? noNesting : nestedLookup(catalogColumns, model.columns, isNested),
    typedFromYaml:
      table === undefined
        ? []
        : undocumentedInCatalog.filter((c) => hasDataType(c)).map((c) => c.name),
  };
}

function hasDataType(column: DbtColumn): boolean {
  return column.dataType !== undefined && column.dataType.trim() !== "";
}

const noNesting: NestedLookup = { types: new Map(), docs: new Map(), children: new Map() };

function topLevelNames(
  catalogColumns: readonly CatalogColumn[],
  documented: readonly DbtColumn[],
): Set<string> {
  const names = new Set<string>();
  for (const { name } of [...catalogColumns, ...documented]) {
    if (!name.includes(".")) names.add(name.toLowerCase());
  }
  return names;
}

function fromCatalog(column: CatalogColumn, doc: DbtColumn | undefined): ColumnInput {
  const input: ColumnInput = { name: column.name, exact: true, rawType: column.type };
  if (doc !== undefined) input.doc = doc;
  if (column.comment !== undefined) input.comment = column.comment;
  return input;
}

function fromDocs(doc: DbtColumn): ColumnInput {
  const input: ColumnInput = { name: doc.name, exact: false, doc };
  if (doc.dataType !== undefined) input.rawType = doc.dataType;
  return input;
}

function nestedLookup(
  catalogColumns: readonly CatalogColumn[],
  documented: readonly DbtColumn[],
  isNested: (name: string) => boolean,
): NestedLookup {
  const types = new Map<string, string>();
  const docs = new Map<string, DbtColumn>();
  const children = new Map<string, string[]>();
  const addChild = (name: string): void => {
    const cut = name.lastIndexOf(".");
    const parent = name.slice(0, cut).toLowerCase();
    const list = children.get(parent) ?? [];
    const child = name.slice(cut + 1);
    if (!list.some((c) => c.toLowerCase() === child.toLowerCase())) list.push(child);
    children.set(parent, list);
  };

  for (const column of catalogColumns.filter((c) => isNested(c.name))) {
    types.set(column.name.toLowerCase(), column.type);
    addChild(column.name);
  }
  for (const doc of documented.filter((c) => isNested(c.name))) {
    const key = doc.name.toLowerCase();
    docs.set(key, doc);
    if (!types.has(key) && doc.dataType !== undefined) types.set(key, doc.dataType);
    addChild(doc.name);
  }
  return { types, docs, children };
}
