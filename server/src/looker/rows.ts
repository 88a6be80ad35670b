/**
 * Turns System Activity answers into usage rows: the JSON rows of `run_inline_query`, or the
 * records of a snapshot file, keyed by field name (`query.model`) or by the label a CSV export
 * uses ("Query Model", "History Query Run Count").
 */
import type { UsageRow } from "./types";

/** The row fields, each with the header spellings that name it once normalised. */
const COLUMNS = {
  model: ["querymodel", "model"],
  explore: ["queryview", "queryexplore", "explore", "view"],
  date: ["historycreateddate", "createddate", "date"],
  runs: ["historyqueryruncount", "queryruncount", "runs"],
  users: ["usercount", "users", "historyusercount"],
  averageRuntime: [
    "historyaverageruntime",
    "historyaverageruntimeinseconds",
    "averageruntime",
    "averageruntimeinseconds",
  ],
} as const;

type Column = keyof typeof COLUMNS;

/** Which record key holds each column; `undefined` when the records lack it. */
export type ColumnMap = Partial<Record<Column, string>>;

/** A record that could not be read, with the reason. */
export interface RowProblem {
  index: number;
  reason: string;
}

/** The rows read, and the records skipped. */
export interface ReadRows {
  rows: UsageRow[];
  problems: RowProblem[];
}

/** Lower-cases a header and drops everything but letters and digits. */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Finds the columns among `keys`; the first spelling that matches wins. */
export function mapColumns(keys: readonly string[]): ColumnMap {
  const byNorm = new Map(keys.map((k) => [normaliseHeader(k), k]));
  const map: ColumnMap = {};
  for (const column of Object.keys(COLUMNS) as Column[]) {
    const key = COLUMNS[column].map((n) => byNorm.get(n)).find((k) => k !== undefined);
    if (key !== undefined) map[column] = key;
  }
  return map;
}

/** The columns a usage answer must have. */
export function missingColumns(map: ColumnMap): string[] {
  const required: [Column, string][] = [
    ["model", "query.model"],
    ["explore", "query.view"],
    ["runs", "history.query_run_count"],
  ];
  return required.filter(([c]) => map[c] === undefined).map(([, name]) => name);
}

/** Reads records keyed by `map`; unreadable records are listed, never guessed. */
export function readRecords(records: readonly Record<string, unknown>[], map: ColumnMap): ReadRows {
  const rows: UsageRow[] = [];
  const problems: RowProblem[] = [];
  records.forEach((record, index) => {
    const row = readRecord(record, map);
    if (typeof row === "string") problems.push({ index, reason: row });
    else if (row !== undefined) rows.push(row);
  });
  return { rows, problems };
}

// A row, a reason it is unreadable, or undefined for a totals row with no model (skipped).
function readRecord(
  record: Record<string, unknown>,
  map: ColumnMap,
): UsageRow | string | undefined {
  const model = text(cell(record, map.model));
  const explore = text(cell(record, map.explore));
  if (model === "" && explore === "") return undefined;
  if (model === "" || explore === "") return "no model or explore name";

  const runs = num(cell(record, map.runs));
  if (runs === undefined || runs < 0) return `query run count is not a number`;

  const row: UsageRow = { model, explore, runs };
  const date = readDate(cell(record, map.date));
  if (date === null) return "created date is not a date";
  if (date !== undefined) row.date = date;

  const users = num(cell(record, map.users));
  if (users !== undefined) row.users = users;
  const runtime = num(cell(record, map.averageRuntime));
  if (runtime !== undefined) row.averageRuntime = runtime;
  return row;
}

function cell(record: Record<string, unknown>, key: string | undefined): unknown {
  if (key === undefined || !Object.hasOwn(record, key)) return undefined;
  return record[key];
}

function text(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  return "";
}

// Numbers arrive as JSON numbers, or as CSV text with thousands separators.
function num(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const cleaned = value.replace(/[,\s]/g, "");
  if (cleaned === "") return undefined;
  const parsed = Number(cleaned);
  return Number.isFinite(parsed) ? parsed : undefined;
}

// `YYYY-MM-DD`, possibly followed by a time; undefined when absent, null when unreadable.
function readDate(value: unknown): string | undefined | null {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") return null;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return match?.[1] ?? null;
}
