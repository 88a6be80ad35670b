/**
 * The one System Activity query a refresh runs: query runs per model, explore and day over
 * the last 60 days, production runs only, from the counted sources, for the project's models.
 */
import type { IWriteQuery } from "@looker/sdk";

/** The System Activity model and explore the figures come from. */
export const ACTIVITY_MODEL = "system__activity";
export const ACTIVITY_EXPLORE = "history";

/** The System Activity fields read, by their LookML names. */
export const FIELDS = {
  model: "query.model",
  explore: "query.view",
  date: "history.created_date",
  runs: "history.query_run_count",
  users: "user.count",
  averageRuntime: "history.average_runtime",
  source: "history.source",
  workspace: "history.workspace_id",
} as const;

/** Days covered: the last 30 for the figures and the 30 before for the trend. */
export const WINDOW_DAYS = 30;

/** What the query depends on, besides the day it runs. */
export interface QueryOptions {
  models: string[];
  sources: string[];
  rowLimit: number;
}

/** The WriteQuery body of `run_inline_query`. */
export function usageQuery(options: QueryOptions): IWriteQuery {
  const filters: Record<string, string> = {
    [FIELDS.date]: `${2 * WINDOW_DAYS} days`,
    // Development-mode runs test uncommitted LookML; only production use counts.
    [FIELDS.workspace]: "production",
    [FIELDS.source]: anyOf(options.sources),
  };
  if (options.models.length > 0) filters[FIELDS.model] = anyOf(options.models);

  return {
    model: ACTIVITY_MODEL,
    view: ACTIVITY_EXPLORE,
    fields: [
      FIELDS.model,
      FIELDS.explore,
      FIELDS.date,
      FIELDS.runs,
      FIELDS.users,
      FIELDS.averageRuntime,
    ],
    filters,
    // Sorted by explore so a row limit cuts whole explores, and the cut is detectable.
    sorts: [FIELDS.model, FIELDS.explore, `${FIELDS.date} desc`],
    limit: String(options.rowLimit),
    query_timezone: "UTC",
  };
}

/** A Looker string filter matching any of `values` exactly. */
export function anyOf(values: readonly string[]): string {
  return [...new Set(values)].map(escapeFilterValue).join(",");
}

/**
 * Escapes one value of a Looker string filter, where `_` and `%` are wildcards, `,` separates
 * values, a leading `-` negates and `^` escapes the next character.
 */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\^_%,"]/g, (c) => `^${c}`).replace(/^-/, "^-");
}
