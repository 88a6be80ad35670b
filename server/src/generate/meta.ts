/**
 * LookML settings written in dbt `meta`, in the two styles teams use:
 *
 * - dbt2looker / Lightdash: `meta.dimension: {...}` and `meta.measures` (or `meta.metrics`)
 *   on a column, as a map of name → settings or a list;
 * - dbt2looker-bigquery: `meta.looker.dimension: {...}` and `meta.looker.measures: [...]` on a
 *   column, `meta.looker: {label, hidden, ...}` or `meta.looker.view: {...}` on a model.
 *
 * Both may be mixed; `meta.looker.dimension` wins over `meta.looker`, which wins over
 * `meta.dimension`. Settings that cannot be written as valid LookML are dropped with a warning.
 */
import type { DbtMeta } from "../dbt";
import { arrayOf, isObject, objectOf, type JsonObject } from "../dbt/json";
import { lookmlName } from "./identifiers";
import type { TimeDatatype } from "./warehouseTypes";

/** LookML dimension settings for one column. */
export interface DimensionSettings {
  /** False when the column opted out (`enabled: false`). */
  enabled: boolean;
  name?: string;
  label?: string;
  description?: string;
  hidden?: boolean;
  groupLabel?: string;
  groupItemLabel?: string;
  valueFormatName?: string;
  valueFormat?: string;
  /** A dimension type replacing the one from the warehouse type. */
  type?: string;
  /** A time datatype asked for (`type: date`, `timestamp`...): the column becomes a group. */
  time?: TimeDatatype;
  /** SQL replacing `${TABLE}.column`. */
  sql?: string;
  timeframes?: string[];
  convertTz?: boolean;
}

/** One measure asked for in meta. */
export interface MeasureSettings {
  name?: string;
  type: string;
  label?: string;
  description?: string;
  hidden?: boolean;
  groupLabel?: string;
  valueFormatName?: string;
  valueFormat?: string;
  sql?: string;
  /** For `percentile` and `percentile_distinct`: 1 to 99. */
  percentile?: number;
  /** `filters: [field: "value"]`. */
  filters: [string, string][];
}

/** Everything a column's meta asks for. */
export interface ColumnSettings {
  readonly dimension: Readonly<DimensionSettings>;
  readonly measures: readonly MeasureSettings[];
}

/** Everything a model's meta asks for. */
export interface ViewSettings {
  enabled: boolean;
  /** The raw view name asked for; checked by the caller, which refuses names with paths. */
  name?: string;
  label?: string;
  /** `fields_hidden_by_default: yes`. */
  hidden?: boolean;
  /** Model-level measures; each needs its own `sql`. */
  measures: MeasureSettings[];
}

type Warn = (message: string) => void;

const dimensionTypes: Readonly<Record<string, string>> = {
  string: "string",
  number: "number",
  yesno: "yesno",
  boolean: "yesno",
  zipcode: "zipcode",
};

// Time types teams write in `meta.dimension.type` (Lightdash, dbt2looker), as LookML datatypes.
const timeTypes: Readonly<Record<string, TimeDatatype>> = {
  date: "date",
  datetime: "datetime",
  timestamp: "timestamp",
  time: "timestamp",
  date_time: "timestamp",
};

const measureTypes: Readonly<Record<string, string>> = {
  count: "count",
  count_distinct: "count_distinct",
  distinct_count: "count_distinct",
  sum: "sum",
  sum_distinct: "sum_distinct",
  average: "average",
  avg: "average",
  mean: "average",
  average_distinct: "average_distinct",
  min: "min",
  max: "max",
  median: "median",
  median_distinct: "median_distinct",
  percentile: "percentile",
  percentile_distinct: "percentile_distinct",
  number: "number",
  string: "string",
  date: "date",
  yesno: "yesno",
  boolean: "yesno",
};

/** Measure types that aggregate other measures and so need explicit `sql`. */
export const nonAggregateMeasureTypes: ReadonlySet<string> = new Set([
  "number",
  "string",
  "date",
  "yesno",
]);

/** Reads a column's meta; `warn` receives problems prefixed by nothing (the caller adds where). */
export function readColumnSettings(meta: DbtMeta, warn: Warn): ColumnSettings {
  // Most columns have no meta; they all share one frozen answer.
  if (Object.keys(meta).length === 0) return noColumnSettings;
  const looker = objectOf(meta["looker"]);
  const sections = [objectOf(meta["dimension"]), scalarsOf(looker), objectOf(looker["dimension"])];
  const merged = Object.assign({}, ...sections) as JsonObject;

  const dimension = readDimension(merged, warn);
  if (looker["enabled"] === false) dimension.enabled = false;
  const measures = [
    ...readMeasures(meta["measures"], warn),
    ...readMeasures(meta["metrics"], warn),
    ...readMeasures(looker["measures"], warn),
    ...readMeasures(looker["metrics"], warn),
  ];
  return { dimension, measures };
}

const noColumnSettings: ColumnSettings = Object.freeze({
  dimension: Object.freeze({ enabled: true }),
  measures: Object.freeze([]),
});

/** Reads a model's meta. */
export function readViewSettings(meta: DbtMeta, warn: Warn): ViewSettings {
  if (Object.keys(meta).length === 0) return { enabled: true, measures: [] };
  const looker = objectOf(meta["looker"]);
  const merged = { ...scalarsOf(looker), ...objectOf(looker["view"]) };
  const settings: ViewSettings = {
    enabled: looker["enabled"] !== false && merged["enabled"] !== false,
    measures: [...readMeasures(looker["measures"], warn), ...readMeasures(meta["measures"], warn)],
  };
  const name = text(merged["name"])?.trim();
  assign(settings, "name", name === "" ? undefined : name);
  assign(settings, "label", text(merged["label"]));
  assign(settings, "hidden", flag(merged["hidden"]));
  return settings;
}

// `meta.looker` holds settings next to the `dimension` and `measures` sections.
function scalarsOf(section: JsonObject): JsonObject {
  const scalars: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) {
    if (!isObject(value) && !Array.isArray(value)) scalars[key] = value;
    else if (key === "timeframes") scalars[key] = value;
  }
  return scalars;
}

function readDimension(raw: JsonObject, warn: Warn): DimensionSettings {
  const settings: DimensionSettings = { enabled: raw["enabled"] !== false };
  const name = text(raw["name"]);
  assign(settings, "name", name === undefined ? undefined : lookmlName(name));
  assign(settings, "label", text(raw["label"]));
  assign(settings, "description", text(raw["description"]));
  assign(settings, "hidden", flag(raw["hidden"]));
  assign(settings, "groupLabel", text(raw["group_label"]));
  assign(settings, "groupItemLabel", text(raw["group_item_label"]));
  assign(settings, "valueFormatName", formatName(raw["value_format_name"], warn));
  assign(settings, "valueFormat", text(raw["value_format"]));
  const type = dimensionType(raw["type"], warn);
  assign(settings, "type", type?.dimension);
  assign(settings, "time", type?.time);
  assign(settings, "sql", sqlOf(raw["sql"], warn));
  assign(settings, "timeframes", timeframesOf(raw["timeframes"], warn));
  assign(settings, "convertTz", flag(raw["convert_tz"]));
  return settings;
}

function readMeasures(value: unknown, warn: Warn): MeasureSettings[] {
  const entries: [string | undefined, unknown][] = Array.isArray(value)
    ? arrayOf(value).map((item) => [undefined, item])
    : Object.entries(objectOf(value));

  const measures: MeasureSettings[] = [];
  for (const [key, item] of entries) {
    const measure = readMeasure(key, objectOf(item), warn);
    if (measure !== undefined) measures.push(measure);
  }
  return measures;
}

function readMeasure(
  key: string | undefined,
  raw: JsonObject,
  warn: Warn,
): MeasureSettings | undefined {
  const name = text(raw["name"]) ?? key;
  const label = name ?? "measure";
  const given = (text(raw["type"]) ?? "").toLowerCase();
  const type = Object.hasOwn(measureTypes, given) ? measureTypes[given] : undefined;
  if (type === undefined) {
    warn(`measure ${label}: type "${given}" is not a LookML measure type; measure left out`);
    return undefined;
  }

  const measure: MeasureSettings = { type, filters: filtersOf(raw["filters"], label, warn) };
  assign(measure, "name", name === undefined ? undefined : lookmlName(name));
  assign(measure, "label", text(raw["label"]));
  assign(measure, "description", text(raw["description"]));
  assign(measure, "hidden", flag(raw["hidden"]));
  assign(measure, "groupLabel", text(raw["group_label"]));
  assign(measure, "valueFormatName", formatName(raw["value_format_name"], warn));
  assign(measure, "valueFormat", text(raw["value_format"]));
  assign(measure, "sql", sqlOf(raw["sql"], warn));
  return withPercentile(measure, raw, label, warn);
}

function withPercentile(
  measure: MeasureSettings,
  raw: JsonObject,
  label: string,
  warn: Warn,
): MeasureSettings | undefined {
  if (!measure.type.startsWith("percentile")) return measure;
  const percentile = Number(raw["percentile"]);
  if (!Number.isInteger(percentile) || percentile < 1 || percentile > 99) {
    warn(`measure ${label}: a percentile measure needs "percentile" from 1 to 99; left out`);
    return undefined;
  }
  measure.percentile = percentile;
  return measure;
}

// `[{path: "/blog%"}]` (dbt2looker), `[{filter_dimension, filter_expression}]`
// (dbt2looker-bigquery) or `{path: "/blog%"}`.
function filtersOf(value: unknown, label: string, warn: Warn): [string, string][] {
  const items = Array.isArray(value) ? value : isObject(value) ? [value] : [];
  const filters: [string, string][] = [];
  for (const item of items) {
    const raw = objectOf(item);
    const dimension = text(raw["filter_dimension"]);
    const pairs: [string, unknown][] =
      dimension === undefined ? Object.entries(raw) : [[dimension, raw["filter_expression"]]];
    for (const [field, expression] of pairs) {
      if (/^[A-Za-z0-9_.]+$/.test(field) && text(expression) !== undefined) {
        filters.push([field, text(expression) ?? ""]);
      } else {
        warn(`measure ${label}: filter on "${field}" cannot be written in LookML; left out`);
      }
    }
  }
  return filters;
}

// A dimension type, or a time datatype that turns the column into a dimension_group.
function dimensionType(
  value: unknown,
  warn: Warn,
): { dimension: string; time?: never } | { time: TimeDatatype; dimension?: never } | undefined {
  const given = text(value)?.trim().toLowerCase();
  if (given === undefined) return undefined;
  const dimension = Object.hasOwn(dimensionTypes, given) ? dimensionTypes[given] : undefined;
  if (dimension !== undefined) return { dimension };
  const time = Object.hasOwn(timeTypes, given) ? timeTypes[given] : undefined;
  if (time !== undefined) return { time };
  warn(`dimension type "${given}" is not supported here; ignored`);
  return undefined;
}

function formatName(value: unknown, warn: Warn): string | undefined {
  const name = text(value);
  if (name === undefined || /^[A-Za-z0-9_]+$/.test(name)) return name;
  warn(`value_format_name "${name}" is not a format name; ignored`);
  return undefined;
}

// A `;;` would end the SQL block early and break the file.
function sqlOf(value: unknown, warn: Warn): string | undefined {
  const sql = text(value)?.trim();
  if (sql === undefined || sql === "") return undefined;
  if (!sql.includes(";;")) return sql;
  warn(`sql "${sql}" contains ";;", which would end the LookML expression; ignored`);
  return undefined;
}

function timeframesOf(value: unknown, warn: Warn): string[] | undefined {
  if (value === undefined) return undefined;
  const items = arrayOf(value).filter((item): item is string => typeof item === "string");
  const valid = items.filter((item) => /^[a-z_0-9]+$/.test(item));
  if (valid.length === 0 || valid.length !== arrayOf(value).length) {
    warn("timeframes must be a list of timeframe names; ignored");
    return undefined;
  }
  return valid;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function flag(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "yes" || value === "true") return true;
  if (value === "no" || value === "false") return false;
  return undefined;
}

function assign<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
