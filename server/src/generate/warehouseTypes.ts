/**
 * Warehouse column types, as catalogs and YAML spell them, mapped to what a LookML field
 * needs: a dimension type, or a time with its datatype and whether it is zoned. BigQuery's
 * STRUCT and ARRAY types are parsed into their fields so the generator can flatten them.
 */

/** The LookML `datatype` of a dimension_group. */
export type TimeDatatype = "date" | "datetime" | "timestamp";

/** A warehouse type as the generator sees it. */
export type ColumnType =
  | { kind: "string" }
  | { kind: "number" }
  | { kind: "yesno" }
  /** `zoned`: the value is an instant (timestamptz, TIMESTAMP_LTZ, BigQuery TIMESTAMP). */
  | { kind: "time"; datatype: TimeDatatype; zoned: boolean }
  /** BigQuery STRUCT or RECORD; `fields` is empty when the type string did not list them. */
  | { kind: "struct"; fields: StructField[] }
  /** BigQuery ARRAY (a REPEATED field). */
  | { kind: "array"; element: ColumnType }
  | { kind: "unknown"; raw: string }
  /** Neither the catalog nor the YAML gives a type. */
  | { kind: "missing" };

export interface StructField {
  name: string;
  type: ColumnType;
}

const numberTypes = new Set([
  "INT", "INTEGER", "INT2", "INT4", "INT8", "INT64", "SMALLINT", "BIGINT", "TINYINT", "BYTEINT",
  "HUGEINT", "UHUGEINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT", "LONG", "SHORT", "BYTE",
  "NUMBER", "NUMERIC", "DECIMAL", "DEC", "BIGNUMERIC", "BIGDECIMAL", "FIXED", "FLOAT", "FLOAT4",
  "FLOAT8", "FLOAT64", "DOUBLE", "DOUBLE PRECISION", "REAL", "SERIAL", "BIGSERIAL", "SMALLSERIAL",
  "SERIAL4", "SERIAL8", "MONEY", "VARINT",
]); // prettier-ignore

const yesnoTypes = new Set(["BOOL", "BOOLEAN", "LOGICAL"]);

// Types Looker can only show as text: strings, but also JSON, binary, geography, intervals,
// times of day and other adapters' nested types.
const stringTypes = new Set([
  "STRING", "TEXT", "VARCHAR", "CHAR", "CHARACTER", "CHARACTER VARYING", "NVARCHAR", "NCHAR",
  "NVARCHAR2", "VARCHAR2", "BPCHAR", "NAME", "CITEXT", "UUID", "JSON", "JSONB", "VARIANT",
  "OBJECT", "ARRAY", "MAP", "STRUCT", "ROW", "LIST", "UNION", "ENUM", "USER-DEFINED", "GEOGRAPHY",
  "GEOMETRY", "BYTES", "BINARY", "VARBINARY", "BLOB", "BYTEA", "VARBYTE", "BINARY VARYING",
  "INTERVAL", "TIME", "TIMETZ", "TIME WITHOUT TIME ZONE", "TIME WITH TIME ZONE", "INET", "CIDR",
  "MACADDR", "SUPER", "HLLSKETCH", "XML", "BIT", "BIT VARYING", "VARBIT", "TSVECTOR", "RANGE",
  "VOID", "NULL", "CHARACTER LARGE OBJECT", "CLOB",
]); // prettier-ignore

const naiveTimestampTypes = new Set([
  "TIMESTAMP_NTZ", "TIMESTAMPNTZ", "TIMESTAMP WITHOUT TIME ZONE", "TIMESTAMP_S", "TIMESTAMP_MS",
  "TIMESTAMP_NS", "TIMESTAMP_US", "SMALLDATETIME", "DATETIME2",
]); // prettier-ignore

const zonedTimestampTypes = new Set([
  "TIMESTAMP_TZ", "TIMESTAMP_LTZ", "TIMESTAMPTZ", "TIMESTAMPLTZ", "TIMESTAMP WITH TIME ZONE",
  "TIMESTAMP WITH LOCAL TIME ZONE", "DATETIMEOFFSET",
]); // prettier-ignore

// Adapters whose plain TIMESTAMP is an instant; elsewhere it is a wall-clock value.
const zonedPlainTimestamp = new Set(["bigquery", "databricks", "spark"]);

// A project uses a few dozen type strings over thousands of columns; the answers are never
// mutated, so they are shared. Cleared when full, in case a long-lived server sees many.
const mapped = new Map<string, ColumnType>();
const mappedLimit = 10_000;

/** Maps a warehouse type string for an adapter (lower-case, as in the manifest metadata). */
export function mapWarehouseType(adapter: string | undefined, raw: string | undefined): ColumnType {
  if (raw === undefined || raw.trim() === "") return { kind: "missing" };
  const key = `${adapter ?? ""}\u0000${raw}`;
  const known = mapped.get(key);
  if (known !== undefined) return known;

  const type =
    adapter === "bigquery" && /^\s*(ARRAY|STRUCT|RECORD)\b/i.test(raw)
      ? (parseBigQueryType(raw) ?? { kind: "unknown", raw })
      : mapScalar(adapter, raw);
  if (mapped.size >= mappedLimit) mapped.clear();
  mapped.set(key, type);
  return type;
}

function mapScalar(adapter: string | undefined, raw: string): ColumnType {
  const trimmed = raw.trim();
  // Postgres and DuckDB arrays (`integer[]`) and generic types (`array<string>`).
  if (trimmed.endsWith("]")) return { kind: "string" };
  const base = baseTypeName(trimmed.split("<")[0] ?? trimmed);

  const mapped = mapBase(adapter, base) ?? mapBase(adapter, base.split(" ")[0] ?? base);
  return mapped ?? { kind: "unknown", raw: trimmed };
}

/** Without parameters, upper case: `timestamp(6) with time zone` → `TIMESTAMP WITH TIME ZONE`. */
export function baseTypeName(raw: string): string {
  return raw
    .replace(/\([^)]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toUpperCase();
}

function mapBase(adapter: string | undefined, base: string): ColumnType | undefined {
  if (numberTypes.has(base)) return { kind: "number" };
  if (yesnoTypes.has(base)) return { kind: "yesno" };
  if (base === "DATE") return { kind: "time", datatype: "date", zoned: false };
  if (base === "DATETIME") {
    const datatype = adapter === "bigquery" ? "datetime" : "timestamp";
    return { kind: "time", datatype, zoned: false };
  }
  if (base === "TIMESTAMP") {
    const zoned = adapter !== undefined && zonedPlainTimestamp.has(adapter);
    return { kind: "time", datatype: "timestamp", zoned };
  }
  if (naiveTimestampTypes.has(base)) return { kind: "time", datatype: "timestamp", zoned: false };
  if (zonedTimestampTypes.has(base)) return { kind: "time", datatype: "timestamp", zoned: true };
  if (stringTypes.has(base)) return { kind: "string" };
  return undefined;
}

/**
 * Parses a BigQuery type such as `ARRAY<STRUCT<id INT64, tags ARRAY<STRING>>>`. Bare `RECORD`
 * and `STRUCT` give a struct without fields. Returns undefined when the text is malformed.
 */
export function parseBigQueryType(raw: string): ColumnType | undefined {
  const reader = new TypeReader(raw);
  const type = reader.readType();
  return type !== undefined && reader.atEnd() ? type : undefined;
}

class TypeReader {
  private at = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    this.skipSpace();
    return this.at >= this.text.length;
  }

  readType(): ColumnType | undefined {
    this.skipSpace();
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.at))?.[0];
    if (word === undefined) return undefined;
    const upper = word.toUpperCase();

    if (upper === "ARRAY" && this.peekAfter(word) === "<") return this.readArray(word);
    if ((upper === "STRUCT" || upper === "RECORD") && this.peekAfter(word) === "<") {
      return this.readStruct(word);
    }
    if (upper === "STRUCT" || upper === "RECORD") {
      this.at += word.length;
      return { kind: "struct", fields: [] };
    }
    return this.readScalar();
  }

  private readArray(word: string): ColumnType | undefined {
    this.at += word.length;
    this.expect("<");
    const element = this.readType();
    if (element === undefined || !this.expect(">")) return undefined;
    return { kind: "array", element };
  }

  private readStruct(word: string): ColumnType | undefined {
    this.at += word.length;
    this.expect("<");
    const fields: StructField[] = [];
    for (;;) {
      const name = this.readFieldName();
      const type = name === undefined ? undefined : this.readType();
      if (name === undefined || type === undefined) return undefined;
      fields.push({ name, type });
      if (this.expect(",")) continue;
      return this.expect(">") ? { kind: "struct", fields } : undefined;
    }
  }

  private readFieldName(): string | undefined {
    this.skipSpace();
    const quoted = /^`((?:[^`\\]|\\.)+)`/.exec(this.text.slice(this.at));
    const plain = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.at));
    const match = quoted ?? plain;
    if (match === null) return undefined;
    this.at += match[0].length;
    return quoted === null ? match[0] : (quoted[1] ?? "").replace(/\\(.)/g, "$1");
  }

  // A scalar runs to the next `,` or `>` outside parentheses: `NUMERIC(31, 2)`, `INT64 NOT NULL`.
  private readScalar(): ColumnType {
    let depth = 0;
    const start = this.at;
    while (this.at < this.text.length) {
      const char = this.text[this.at];
      if (char === "(") depth += 1;
      if (char === ")") depth -= 1;
      if (depth === 0 && (char === "," || char === ">")) break;
      this.at += 1;
    }
    const raw = this.text.slice(start, this.at).trim();
    return mapScalar("bigquery", raw);
  }

  private peekAfter(word: string): string | undefined {
    const rest = this.text.slice(this.at + word.length).trimStart();
    return rest[0];
  }

  private expect(char: string): boolean {
    this.skipSpace();
    if (this.text[this.at] !== char) return false;
    this.at += 1;
    return true;
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at] ?? "")) this.at += 1;
  }
}
