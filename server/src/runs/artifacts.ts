/**
 * Reads dbt's `run_results.json` (schemas v1 to v6) and `sources.json` (v1 to v3) into small
 * records. Fields we do not use are ignored, so newer dbt releases that add fields still load;
 * a file that is not one of these artifacts, or is cut short, gives a problem instead.
 */

/** One node's result in one dbt invocation. */
export interface NodeRun {
  /** `model.jaffle_shop.orders`, `seed.jaffle_shop.raw_orders`, ... */
  uniqueId: string;
  /** dbt's status as written: success, error, skipped, partial success, no-op, reused, ... */
  status: string;
  executionSeconds: number;
  message: string | undefined;
}

/** The parts of one `run_results.json` that uptime needs. */
export interface RunResults {
  invocationId: string;
  generatedAt: Date;
  /** 1 to 6 for the schemas we know; a later number is read the same way. */
  schemaVersion: number;
  dbtVersion: string | undefined;
  /** `args.which`: run, build, seed, snapshot, test, generate (docs), compile, ... */
  command: string | undefined;
  results: NodeRun[];
}

/** The freshness of one source table when `dbt source freshness` ran. */
export interface SourceFreshness {
  /** `source.jaffle_shop.raw.orders` */
  uniqueId: string;
  /** pass, warn, error or runtime error. */
  status: string;
  maxLoadedAt: Date | undefined;
  snapshottedAt: Date | undefined;
  ageSeconds: number | undefined;
  /** The runtime error, when dbt could not check the source. */
  error: string | undefined;
}

/** The parts of one `sources.json` that uptime needs. */
export interface FreshnessResults {
  invocationId: string;
  generatedAt: Date;
  schemaVersion: number;
  sources: SourceFreshness[];
}

/** Either the artifact, or why it cannot be read (said in words a user can act on). */
export type Parsed<T> = { ok: true; value: T; warnings: string[] } | { ok: false; problem: string };

type Json = Record<string, unknown>;

interface Header {
  schemaVersion: number;
  generatedAt: Date;
  invocationId: string | undefined;
  dbtVersion: string | undefined;
}

/** Parses the text of a `run_results.json`. */
export function parseRunResults(text: string): Parsed<RunResults> {
  const root = parseObject(text);
  if (typeof root === "string") return { ok: false, problem: root };
  const header = readHeader(root, "run-results");
  if (typeof header === "string") return { ok: false, problem: header };

  const list = root["results"];
  if (!Array.isArray(list)) return { ok: false, problem: "it has no results list" };
  const warnings: string[] = [];
  const results = list.flatMap((item: unknown, index) => {
    const node = readNodeRun(item);
    if (node === undefined) warnings.push(`result ${index + 1} has no unique_id or status`);
    return node === undefined ? [] : [node];
  });

  const value: RunResults = {
    invocationId: header.invocationId ?? "",
    generatedAt: header.generatedAt,
    schemaVersion: header.schemaVersion,
    dbtVersion: header.dbtVersion,
    command: readCommand(root["args"]),
    results,
  };
  return { ok: true, value, warnings };
}

/** Parses the text of a `sources.json` (the output of `dbt source freshness`). */
export function parseSourcesJson(text: string): Parsed<FreshnessResults> {
  const root = parseObject(text);
  if (typeof root === "string") return { ok: false, problem: root };
  const header = readHeader(root, "sources");
  if (typeof header === "string") return { ok: false, problem: header };

  const list = root["results"];
  if (!Array.isArray(list)) return { ok: false, problem: "it has no results list" };
  const warnings: string[] = [];
  const sources = list.flatMap((item: unknown, index) => {
    const source = readSourceFreshness(item);
    if (source === undefined) warnings.push(`result ${index + 1} has no unique_id or status`);
    return source === undefined ? [] : [source];
  });

  const value: FreshnessResults = {
    invocationId: header.invocationId ?? "",
    generatedAt: header.generatedAt,
    schemaVersion: header.schemaVersion,
    sources,
  };
  return { ok: true, value, warnings };
}

/** Which artifact a file holds, from `metadata.dbt_schema_version`; undefined if neither. */
export function artifactKind(text: string): "run-results" | "sources" | undefined {
  const match = /"dbt_schema_version"\s*:\s*"[^"]*\/(run-results|sources)\/v\d+\.json"/.exec(text);
  const kind = match?.[1];
  return kind === "run-results" || kind === "sources" ? kind : undefined;
}

function parseObject(text: string): Json | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    return `it is not valid JSON (cut short while dbt was writing it?): ${reason}`;
  }
  return isObject(value) ? value : "it is not a JSON object";
}

function readHeader(root: Json, expected: string): Header | string {
  const metadata = root["metadata"];
  if (!isObject(metadata)) return "it has no metadata";

  const schema = text(metadata["dbt_schema_version"]) ?? "";
  const match = /\/([a-z-]+)\/v(\d+)\.json$/.exec(schema);
  if (match === null) return `its dbt_schema_version "${schema}" is not a dbt artifact schema`;
  if (match[1] !== expected) return `it is a ${match[1] ?? "?"} artifact, not ${expected}`;

  const generatedAt = parseDate(metadata["generated_at"]);
  if (generatedAt === undefined) return "its metadata.generated_at is missing or not a date";
  return {
    schemaVersion: Number(match[2]),
    generatedAt,
    invocationId: text(metadata["invocation_id"]),
    dbtVersion: text(metadata["dbt_version"]),
  };
}

function readNodeRun(item: unknown): NodeRun | undefined {
  if (!isObject(item)) return undefined;
  const uniqueId = text(item["unique_id"]);
  const status = text(item["status"]);
  if (uniqueId === undefined || status === undefined) return undefined;

  const seconds = item["execution_time"];
  const message = item["message"];
  return {
    uniqueId,
    status,
    executionSeconds: typeof seconds === "number" && Number.isFinite(seconds) ? seconds : 0,
    // v1 allowed an integer message (a row count); keep it as text.
    message: typeof message === "number" ? String(message) : text(message),
  };
}

function readSourceFreshness(item: unknown): SourceFreshness | undefined {
  if (!isObject(item)) return undefined;
  const uniqueId = text(item["unique_id"]);
  const status = text(item["status"]);
  if (uniqueId === undefined || status === undefined) return undefined;

  const age = item["max_loaded_at_time_ago_in_s"];
  return {
    uniqueId,
    status,
    maxLoadedAt: parseDate(item["max_loaded_at"]),
    snapshottedAt: parseDate(item["snapshotted_at"]),
    ageSeconds: typeof age === "number" && Number.isFinite(age) ? age : undefined,
    error: text(item["error"]),
  };
}

/** `args.which` names the dbt command; schema v1 files carry it too. */
function readCommand(args: unknown): string | undefined {
  if (!isObject(args)) return undefined;
  return text(args["which"]);
}

function parseDate(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
