import * as assert from "node:assert/strict";

import { mapWarehouseType, parseBigQueryType, type ColumnType } from "../../src/generate";

const number: ColumnType = { kind: "number" };
const string: ColumnType = { kind: "string" };
const yesno: ColumnType = { kind: "yesno" };
const date: ColumnType = { kind: "time", datatype: "date", zoned: false };
const naive: ColumnType = { kind: "time", datatype: "timestamp", zoned: false };
const zoned: ColumnType = { kind: "time", datatype: "timestamp", zoned: true };

function check(adapter: string, cases: [string, ColumnType][]): void {
  for (const [raw, expected] of cases) {
    assert.deepEqual(mapWarehouseType(adapter, raw), expected, `${adapter} ${raw}`);
  }
}

describe("warehouse types", () => {
  it("maps Snowflake types, including NTZ, TZ and LTZ timestamps", () => {
    check("snowflake", [
      ["NUMBER", number],
      ["NUMBER(38,0)", number],
      ["FLOAT", number],
      ["TEXT", string],
      ["VARCHAR(16777216)", string],
      ["BOOLEAN", yesno],
      ["DATE", date],
      ["TIMESTAMP_NTZ", naive],
      ["TIMESTAMP_NTZ(9)", naive],
      ["TIMESTAMP", naive],
      ["DATETIME", naive],
      ["TIMESTAMP_TZ", zoned],
      ["TIMESTAMP_LTZ(9)", zoned],
      ["VARIANT", string],
      ["ARRAY", string],
      ["GEOGRAPHY", string],
    ]);
  });

  it("maps Postgres and Redshift types, parameterised and with time zones", () => {
    for (const adapter of ["postgres", "redshift"]) {
      check(adapter, [
        ["integer", number],
        ["numeric(18,2)", number],
        ["double precision", number],
        ["character varying(256)", string],
        ["character(2)", string],
        ["boolean", yesno],
        ["date", date],
        ["timestamp without time zone", naive],
        ["timestamp(6) without time zone", naive],
        ["timestamp", naive],
        ["timestamp with time zone", zoned],
        ["timestamptz", zoned],
        ["jsonb", string],
        ["integer[]", string],
        ["super", string],
        ["time without time zone", string],
      ]);
    }
  });

  it("maps BigQuery types, where TIMESTAMP is an instant and DATETIME is not", () => {
    check("bigquery", [
      ["INT64", number],
      ["NUMERIC(31, 2)", number],
      ["BIGNUMERIC", number],
      ["FLOAT64", number],
      ["BOOL", yesno],
      ["STRING", string],
      ["BYTES", string],
      ["DATE", date],
      ["TIMESTAMP", zoned],
      ["DATETIME", { kind: "time", datatype: "datetime", zoned: false }],
      ["GEOGRAPHY", string],
      ["JSON", string],
    ]);
  });

  it("maps Databricks, Spark and DuckDB types", () => {
    const sparkCases: [string, ColumnType][] = [
      ["long", number],
      ["double", number],
      ["decimal(10,2)", number],
      ["string", string],
      ["boolean", yesno],
      ["timestamp", zoned],
      ["timestamp_ntz", naive],
      ["array<string>", string],
      ["map<string,int>", string],
      ["struct<a:int,b:string>", string],
    ];
    check("spark", sparkCases);
    check("databricks", sparkCases);
    check("duckdb", [
      ["HUGEINT", number],
      ["DECIMAL(16,2)", number],
      ["DOUBLE", number],
      ["VARCHAR", string],
      ["TIMESTAMP", naive],
      ["TIMESTAMP WITH TIME ZONE", zoned],
      ["INTEGER[]", string],
      ["STRUCT(a INTEGER, b VARCHAR)", string],
      ["UUID", string],
    ]);
  });

  it("marks unknown and missing types instead of guessing", () => {
    assert.deepEqual(mapWarehouseType("snowflake", "FLUX_CAPACITOR"), {
      kind: "unknown",
      raw: "FLUX_CAPACITOR",
    });
    assert.deepEqual(mapWarehouseType("postgres", undefined), { kind: "missing" });
    assert.deepEqual(mapWarehouseType("postgres", "  "), { kind: "missing" });
    assert.deepEqual(mapWarehouseType(undefined, "TIMESTAMP"), naive);
  });

  it("parses nested BigQuery STRUCT and ARRAY types", () => {
    const type = parseBigQueryType(
      "ARRAY<STRUCT<`id` INT64, amount NUMERIC(31, 2), tags ARRAY<STRING>, " +
        "inner STRUCT<at TIMESTAMP, ok BOOL NOT NULL>>>",
    );
    assert.deepEqual(type, {
      kind: "array",
      element: {
        kind: "struct",
        fields: [
          { name: "id", type: number },
          { name: "amount", type: number },
          { name: "tags", type: { kind: "array", element: string } },
          {
            name: "inner",
            type: {
              kind: "struct",
              fields: [
                { name: "at", type: zoned },
                { name: "ok", type: yesno },
              ],
            },
          },
        ],
      },
    });
    assert.deepEqual(parseBigQueryType("RECORD"), { kind: "struct", fields: [] });
    assert.equal(parseBigQueryType("ARRAY<STRUCT<a INT64"), undefined);
    assert.deepEqual(mapWarehouseType("bigquery", "STRUCT<a INT64"), {
      kind: "unknown",
      raw: "STRUCT<a INT64",
    });
  });
});
