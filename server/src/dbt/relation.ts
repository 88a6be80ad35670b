/**
 * How each dbt adapter quotes identifiers, and relation names built the way dbt builds them,
 * for manifests that leave `relation_name` null (old versions, failed or partial runs).
 */
import type { DbtQuoting } from "./types";

interface AdapterQuoting {
  /** Character that opens and closes a quoted identifier. */
  quote: string;
  /** dbt's default quote policy for the adapter. */
  defaults: DbtQuoting;
  /** Spark has no database level: relations are `schema.identifier`. */
  includesDatabase: boolean;
}

const allQuoted: DbtQuoting = { database: true, schema: true, identifier: true };
const noneQuoted: DbtQuoting = { database: false, schema: false, identifier: false };

const adapters: Readonly<Record<string, AdapterQuoting>> = {
  bigquery: { quote: "`", defaults: allQuoted, includesDatabase: true },
  snowflake: { quote: '"', defaults: noneQuoted, includesDatabase: true },
  databricks: { quote: "`", defaults: allQuoted, includesDatabase: true },
  spark: { quote: "`", defaults: noneQuoted, includesDatabase: false },
};

// Postgres, Redshift, DuckDB and most community adapters quote everything with `"`.
const standard: AdapterQuoting = { quote: '"', defaults: allQuoted, includesDatabase: true };

function adapterQuoting(adapter: string | undefined): AdapterQuoting {
  if (adapter === undefined) return standard;
  return Object.hasOwn(adapters, adapter) ? (adapters[adapter] ?? standard) : standard;
}

/** dbt's default quote policy for an adapter (all quoted, except Snowflake and Spark). */
export function defaultQuoting(adapter: string | undefined): DbtQuoting {
  return { ...adapterQuoting(adapter).defaults };
}

/** Wraps one identifier in the adapter's quotes, doubling any quote inside it. */
export function quoteIdentifier(adapter: string | undefined, identifier: string): string {
  const { quote } = adapterQuoting(adapter);
  return `${quote}${identifier.split(quote).join(quote + quote)}${quote}`;
}

/** The parts of a relation, as a manifest node gives them. */
export interface RelationParts {
  database?: string | undefined;
  schema?: string | undefined;
  identifier: string;
}

/**
 * `database.schema.identifier` quoted per `quoting`, as dbt renders `{{ this }}`. Missing parts
 * are left out; Spark never includes the database.
 */
export function buildRelationName(
  adapter: string | undefined,
  quoting: DbtQuoting,
  parts: RelationParts,
): string {
  const { includesDatabase } = adapterQuoting(adapter);
  const rendered: string[] = [];
  const add = (value: string | undefined, quoted: boolean): void => {
    if (value === undefined || value === "") return;
    rendered.push(quoted ? quoteIdentifier(adapter, value) : value);
  };

  if (includesDatabase) add(parts.database, quoting.database);
  add(parts.schema, quoting.schema);
  add(parts.identifier, quoting.identifier);
  return rendered.join(".");
}
