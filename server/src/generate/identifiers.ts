/**
 * Names on both sides of a generated view: LookML names made from warehouse names, and
 * warehouse names written into `${TABLE}` SQL with the quoting and case they need.
 */
import { quoteIdentifier } from "../dbt";

/**
 * A LookML name from a warehouse or dbt name: camelCase split into words, lower case, runs of
 * other characters turned into one `_` (`SupplierName` → `supplier_name`, `Order ID` →
 * `order_id`). Leading underscores and digits are kept (`_fivetran_synced`, `1d_clicks`); an
 * empty result becomes `fallback`.
 */
export function lookmlName(raw: string, fallback = "field"): string {
  // Most names are already snake_case, in one case or the other.
  if (/^[a-z0-9_]+$/.test(raw)) return raw;
  if (/^[A-Z0-9_]+$/.test(raw)) return raw.toLowerCase();

  const name = raw
    .replace(/^[^A-Za-z0-9_]+|[^A-Za-z0-9_]+$/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_");
  return name === "" ? fallback : name;
}

/** How a column name was learnt, which decides whether its case is meaningful. */
export interface ColumnName {
  name: string;
  /** From the catalog: the warehouse's exact spelling, so its case is significant. */
  exact: boolean;
  /** `quote: true` in YAML. */
  quote: boolean;
}

const plainIdentifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Adapters whose column names are case-insensitive even when quoted.
const caseInsensitive = new Set(["bigquery", "spark", "databricks"]);

/**
 * Whether a column must be quoted to be found: quoted in YAML, characters an unquoted name
 * cannot hold, or (for a catalog name) a case the warehouse would fold an unquoted name away
 * from: Snowflake folds to upper case, Postgres, Redshift and DuckDB to lower case.
 */
export function needsQuoting(adapter: string | undefined, column: ColumnName): boolean {
  if (column.quote || !plainIdentifier.test(column.name)) return true;
  if (!column.exact || (adapter !== undefined && caseInsensitive.has(adapter))) return false;
  const folded = adapter === "snowflake" ? column.name.toUpperCase() : column.name.toLowerCase();
  return folded !== column.name;
}

/** One column name as SQL: quoted when needed, its case kept either way. */
export function columnIdentifier(adapter: string | undefined, column: ColumnName): string {
  return needsQuoting(adapter, column) ? quoteIdentifier(adapter, column.name) : column.name;
}

/** `${TABLE}.a.b` for a (possibly nested) column path. */
export function tableColumnSql(adapter: string | undefined, path: readonly ColumnName[]): string {
  return ["${TABLE}", ...path.map((part) => columnIdentifier(adapter, part))].join(".");
}

/** A LookML quoted string: one line, inner quotes and backslashes escaped. */
export function lookmlString(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return `"${oneLine.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

const smallWords = new Set(["id", "url", "sku", "utc", "ip", "api"]);

/** `order_line_id` → `Order Line ID`: the label Looker would show, for struct group labels. */
export function humanise(name: string): string {
  return name
    .split(/[_\s.]+/)
    .filter((word) => word !== "")
    .map((word) => (smallWords.has(word.toLowerCase()) ? word.toUpperCase() : capitalise(word)))
    .join(" ");
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
