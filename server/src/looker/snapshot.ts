/**
 * Usage snapshot files, used instead of a connection: the JSON this project writes
 * (`{ "fetchedAt": ..., "rows": [...] }`), a bare JSON array of System Activity rows, or the
 * CSV a System Activity explore exports. Rows are keyed by field names or export labels.
 */
import { parseCsv } from "./csv";
import { UsageFault } from "./faults";
import { formatAge, formatUtc } from "./format";
import type { ColumnMap } from "./rows";
import { mapColumns, missingColumns, readRecords } from "./rows";
import type { UsageData } from "./types";

/** A snapshot older than this gets a note: a daily export that runs a day late still passes. */
export const SNAPSHOT_NOTE_AFTER_MS = 2 * 86_400_000;

/**
 * A note when a snapshot is older than {@link SNAPSHOT_NOTE_AFTER_MS}, or a warning when it is
 * dated after `now` (a wrong `fetchedAt` or clock); undefined for a recent one.
 */
export function snapshotAgeNote(file: string, fetchedAt: string, now: Date): string | undefined {
  const at = new Date(fetchedAt);
  const age = now.getTime() - at.getTime();
  if (Number.isNaN(age)) return undefined;
  if (age < 0) {
    return (
      `warning: the snapshot ${file} is dated ${formatUtc(fetchedAt)}, in the future; ` +
      "check its fetchedAt and this machine's clock."
    );
  }
  if (age <= SNAPSHOT_NOTE_AFTER_MS) return undefined;
  return (
    `note: the snapshot ${file} was fetched ${formatAge(at, now)} ago (${formatUtc(fetchedAt)}); ` +
    "its figures are the 30 days before then."
  );
}

/** Reads a snapshot; `modified` stands in for the fetch time when the file does not say. */
export function readSnapshot(file: string, text: string, modified: Date): UsageData {
  const trimmed = text.trimStart();
  const parsed =
    trimmed.startsWith("{") || trimmed.startsWith("[") ? fromJson(file, text) : fromCsv(file, text);
  const map = mapColumns(parsed.keys);
  const missing = missingColumns(map);
  if (missing.length > 0) {
    throw new UsageFault("snapshot", `${file}: no column for ${missing.join(", ")}.`);
  }
  return toData(file, parsed, map, modified);
}

interface Parsed {
  records: Record<string, unknown>[];
  keys: string[];
  fetchedAt?: string;
  /** How record `i` is named in messages (a CSV line or an array index). */
  where: (index: number) => string;
}

function toData(file: string, parsed: Parsed, map: ColumnMap, modified: Date): UsageData {
  const { rows, problems } = readRecords(parsed.records, map);
  const first = problems[0];
  if (first !== undefined) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    throw new UsageFault(
      "snapshot",
      `${file}: ${parsed.where(first.index)}: ${first.reason}${more}.`,
    );
  }
  return {
    origin: "snapshot",
    fetchedAt: parsed.fetchedAt ?? modified.toISOString(),
    rows,
    missingModels: [],
    source: file,
  };
}

function fromJson(file: string, text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UsageFault("snapshot", `${file}: not valid JSON (${why}).`);
  }
  const { records, fetchedAt } = jsonRecords(file, value);
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const parsed: Parsed = { records, keys, where: (i) => `row ${i + 1}` };
  if (fetchedAt !== undefined) parsed.fetchedAt = fetchedAt;
  return parsed;
}

function jsonRecords(
  file: string,
  value: unknown,
): { records: Record<string, unknown>[]; fetchedAt?: string } {
  const holder = isRecord(value) ? value : undefined;
  const list: unknown = holder === undefined ? value : holder["rows"];
  if (!Array.isArray(list) || !list.every(isRecord)) {
    throw new UsageFault(
      "snapshot",
      `${file}: expected an array of rows, or an object with "rows".`,
    );
  }
  const at = holder?.["fetchedAt"];
  if (at === undefined) return { records: list };
  if (typeof at !== "string" || Number.isNaN(Date.parse(at))) {
    throw new UsageFault("snapshot", `${file}: "fetchedAt" is not an ISO date and time.`);
  }
  return { records: list, fetchedAt: new Date(at).toISOString() };
}

function fromCsv(file: string, text: string): Parsed {
  const { rows, error } = parseCsv(text);
  if (error !== undefined) throw new UsageFault("snapshot", `${file}: ${error}.`);
  const [header, ...body] = rows;
  if (header === undefined) throw new UsageFault("snapshot", `${file}: the file is empty.`);
  const records = body.map((cells) =>
    Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""])),
  );
  return { records, keys: header, where: (i) => `data row ${i + 1}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON snapshot this project writes, e.g. to commit a demo. */
export function writeSnapshotJson(data: UsageData): string {
  const rows = data.rows.map((r) => ({
    "query.model": r.model,
    "query.view": r.explore,
    ...(r.date === undefined ? {} : { "history.created_date": r.date }),
    "history.query_run_count": r.runs,
    ...(r.users === undefined ? {} : { "user.count": r.users }),
    ...(r.averageRuntime === undefined ? {} : { "history.average_runtime": r.averageRuntime }),
  }));
  return `${JSON.stringify({ fetchedAt: data.fetchedAt, rows }, null, 2)}\n`;
}
