/**
 * Expands a model's columns into leaves: one per field a view will show. BigQuery STRUCTs are
 * flattened into `parent__child` leaves; ARRAYs become a leaf of their own that the view turns
 * into a hidden dimension plus a nested view (see docs/generator.md for why).
 */
import type { DbtColumn } from "../dbt";
import type { ColumnInput, NestedLookup } from "./columns";
import { humanise, type ColumnName } from "./identifiers";
import { readColumnSettings, type ColumnSettings } from "./meta";
import {
  mapWarehouseType,
  type ColumnType,
  type StructField,
  type TimeDatatype,
} from "./warehouseTypes";

/** One field to generate, before it gets a LookML name. */
export interface Leaf {
  /** Column path from the root of the view the leaf belongs to; empty for an array element. */
  path: ColumnName[];
  /** Lower-case dotted path from the model's top level, for nested documentation. */
  docPath: string;
  /** Readable name for messages and default LookML names (`sales.amount`). */
  displayName: string;
  type: ColumnType;
  settings: ColumnSettings;
  description?: string;
  /** For flattened STRUCT fields: the struct's label, and the field's label inside it. */
  structLabel?: string;
  itemLabel?: string;
}

/** What expansion needs besides the columns. */
export interface ExpandContext {
  adapter: string | undefined;
  nested: NestedLookup;
  warn: (message: string) => void;
}

/** Leaves for the top-level columns of a model, skipping opted-out and unusable columns. */
export function expandColumns(columns: readonly ColumnInput[], context: ExpandContext): Leaf[] {
  const leaves: Leaf[] = [];
  for (const column of columns) {
    const root: ColumnName = { name: column.name, exact: column.exact, quote: quoteOf(column.doc) };
    const leaf = makeLeaf(context, {
      path: [root],
      docPath: column.name.toLowerCase(),
      displayName: column.name,
      doc: column.doc,
      comment: column.comment,
      type: mapWarehouseType(context.adapter, column.rawType),
    });
    if (leaf !== undefined) leaves.push(...flattenStructs(leaf, context));
  }
  return leaves;
}

/**
 * Leaves of an array's element, relative to the nested view that unnests it: the element's
 * fields when it is a STRUCT, else one leaf for the element itself.
 */
export function expandArrayElement(array: Leaf, context: ExpandContext): Leaf[] {
  if (array.type.kind !== "array") return [];
  const element = array.type.element;
  const name = array.path.at(-1)?.name ?? array.displayName;
  const base = { path: [], docPath: array.docPath, displayName: name, type: element };
  if (element.kind !== "struct") {
    const leaf: Leaf = { ...base, settings: emptySettings() };
    if (array.description !== undefined) leaf.description = array.description;
    return [leaf];
  }

  const leaves: Leaf[] = [];
  for (const field of structFields(element.fields, array.docPath, context)) {
    const leaf = childLeaf({ ...base, settings: emptySettings() }, field, context, false);
    if (leaf !== undefined) leaves.push(...flattenStructs(leaf, context));
  }
  return leaves;
}

interface LeafSource {
  path: ColumnName[];
  docPath: string;
  displayName: string;
  doc: DbtColumn | undefined;
  comment: string | undefined;
  type: ColumnType;
}

function makeLeaf(context: ExpandContext, source: LeafSource): Leaf | undefined {
  const warn = (message: string): void => {
    context.warn(`column ${source.displayName}: ${message}`);
  };
  if (/;;|\$\{/.test(source.displayName)) {
    warn('its name holds ";;" or "${", which LookML SQL cannot quote; left out');
    return undefined;
  }

  const settings = readColumnSettings(source.doc?.meta ?? {}, warn);
  if (!settings.dimension.enabled) {
    if (settings.measures.length > 0) warn("opted out (enabled: false); its measures left out");
    return undefined;
  }

  const { path, docPath, displayName } = source;
  const type = withTimeOverride(source.type, settings.dimension.time, warn);
  const leaf: Leaf = { path, docPath, displayName, type, settings };
  const description =
    firstText(settings.dimension.description, source.doc?.description) ?? firstText(source.comment);
  if (description !== undefined) leaf.description = description;
  return leaf;
}

/**
 * The column's type once meta has asked for a time (`type: date`): a time of that datatype.
 * An instant stays zoned; any other column is taken as wall-clock time, shown as stored.
 */
function withTimeOverride(
  type: ColumnType,
  time: TimeDatatype | undefined,
  warn: (message: string) => void,
): ColumnType {
  if (time === undefined) return type;
  if (type.kind === "struct" || type.kind === "array") {
    warn(`dimension type "${time}" cannot apply to a STRUCT or ARRAY; ignored`);
    return type;
  }
  const zoned = type.kind === "time" && type.zoned && time !== "date";
  return { kind: "time", datatype: time, zoned };
}

// A STRUCT (not repeated) becomes its fields, recursively, each reading `${TABLE}.s.f`.
function flattenStructs(leaf: Leaf, context: ExpandContext): Leaf[] {
  if (leaf.type.kind !== "struct") return [leaf];
  const fields = structFields(leaf.type.fields, leaf.docPath, context);
  if (fields.length === 0) {
    context.warn(`column ${leaf.displayName}: STRUCT without known fields; shown as one string`);
    return [{ ...leaf, type: { kind: "string" } }];
  }

  const leaves: Leaf[] = [];
  for (const field of fields) {
    const child = childLeaf(leaf, field, context, true);
    if (child !== undefined) leaves.push(...flattenStructs(child, context));
  }
  return leaves;
}

function childLeaf(
  parent: Leaf,
  field: StructField,
  context: ExpandContext,
  labelled: boolean,
): Leaf | undefined {
  const docPath = `${parent.docPath}.${field.name.toLowerCase()}`;
  const doc = context.nested.docs.get(docPath);
  const name: ColumnName = { name: field.name, exact: true, quote: quoteOf(doc) };
  const displayName = parent.path.length === 0 ? field.name : `${parent.displayName}.${field.name}`;
  const leaf = makeLeaf(context, {
    path: [...parent.path, name],
    docPath,
    displayName,
    doc,
    comment: undefined,
    type: field.type,
  });
  if (leaf === undefined || !labelled) return leaf;

  leaf.structLabel = humanise(parent.path.map((p) => p.name).join(" "));
  leaf.itemLabel = humanise(field.name);
  return leaf;
}

// A bare RECORD lists no fields; the catalog (or YAML) then gives them as dotted columns.
function structFields(
  fields: readonly StructField[],
  docPath: string,
  context: ExpandContext,
): StructField[] {
  if (fields.length > 0) return [...fields];
  const names = context.nested.children.get(docPath) ?? [];
  return names.map((name) => {
    const raw = context.nested.types.get(`${docPath}.${name.toLowerCase()}`);
    return { name, type: mapWarehouseType(context.adapter, raw) };
  });
}

function quoteOf(doc: DbtColumn | undefined): boolean {
  return doc?.quote ?? false;
}

function firstText(...values: (string | undefined)[]): string | undefined {
  return values.find((v) => v !== undefined && v.trim() !== "");
}

function emptySettings(): ColumnSettings {
  return { dimension: { enabled: true }, measures: [] };
}
