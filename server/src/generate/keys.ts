/**
 * Which columns identify a row of a model, so the generated view can declare a primary key
 * (Looker needs one for correct symmetric aggregates in joins).
 */
import type { DbtModel, DbtTest } from "../dbt";

/** The chosen key and where it came from, for messages. */
export interface PrimaryKeyChoice {
  columns: string[];
  source: "primary_key" | "constraint" | "tests";
}

/**
 * The model's key, taken in this order: its own `primary_key` (dbt 1.9+), a `primary_key`
 * constraint (model-level, else the column-level ones together), else the first column, in
 * the model's column order, that has both a `unique` and a `not_null` test.
 */
export function choosePrimaryKey(
  model: DbtModel,
  tests: readonly DbtTest[],
): PrimaryKeyChoice | undefined {
  if (model.primaryKey.length > 0) return { columns: model.primaryKey, source: "primary_key" };

  const constrained = constraintKey(model);
  if (constrained.length > 0) return { columns: constrained, source: "constraint" };

  const tested = testedKey(model, tests);
  return tested === undefined ? undefined : { columns: [tested], source: "tests" };
}

function constraintKey(model: DbtModel): string[] {
  const modelLevel = model.constraints.find(
    (c) => c.type === "primary_key" && c.columns.length > 0,
  );
  if (modelLevel !== undefined) return modelLevel.columns;

  return model.columns
    .filter((column) => column.constraints.some((c) => c.type === "primary_key"))
    .map((column) => column.name);
}

function testedKey(model: DbtModel, tests: readonly DbtTest[]): string | undefined {
  const unique = new Set<string>();
  const notNull = new Set<string>();
  for (const test of tests) {
    if (test.attachedNode !== model.uniqueId || test.columnName === undefined) continue;
    if (test.namespace !== undefined && test.namespace !== "dbt") continue;
    const column = test.columnName.toLowerCase();
    if (test.testName === "unique") unique.add(column);
    if (test.testName === "not_null") notNull.add(column);
  }

  const candidates = [...unique].filter((column) => notNull.has(column));
  if (candidates.length === 0) return undefined;
  const documented = model.columns.find((c) => candidates.includes(c.name.toLowerCase()));
  return documented?.name ?? candidates.sort()[0];
}
