/**
 * Reads `run_results.json` (v1 to v6): which nodes the last dbt command ran, with what status
 * and how long each took.
 */
import { describeKind, identifyArtifact } from "./artifactKind";
import { ArtifactError } from "./errors";
import { arrayOf, isObject, objectOf, readJsonFile, stringOf } from "./json";

/** One node's outcome in the last run. */
export interface DbtRunResult {
  uniqueId: string;
  /** `success`, `error`, `skipped`, `pass`, `fail`, `warn`, `runtime error`... */
  status: string;
  /** Seconds. */
  executionTime: number;
  message?: string;
  /** Failing rows of a test, when dbt counted them. */
  failures?: number;
}

/** A loaded `run_results.json`. */
export interface DbtRunResults {
  file: string;
  schemaVersion?: number;
  dbtVersion?: string;
  /** ISO time the run finished writing results. */
  generatedAt?: string;
  /** Seconds the whole command took. */
  elapsedTime?: number;
  results: DbtRunResult[];
}

/** Reads and normalises a run results file. Throws ArtifactError naming the file. */
export async function loadRunResults(file: string): Promise<DbtRunResults> {
  return parseRunResults(await readJsonFile(file, "dbt run results"), file);
}

/** Normalises already parsed run results. */
export function parseRunResults(json: unknown, file: string): DbtRunResults {
  const identity = identifyArtifact(json);
  if (identity.kind !== "run-results" || !isObject(json)) {
    throw new ArtifactError(file, `this is ${describeKind(identity.kind)}, not dbt run results`);
  }

  const metadata = objectOf(json["metadata"]);
  const runResults: DbtRunResults = { file, results: arrayOf(json["results"]).map(readResult) };
  const dbtVersion = stringOf(metadata["dbt_version"]);
  const generatedAt = stringOf(metadata["generated_at"]);
  if (identity.version !== undefined) runResults.schemaVersion = identity.version;
  if (dbtVersion !== undefined) runResults.dbtVersion = dbtVersion;
  if (generatedAt !== undefined) runResults.generatedAt = generatedAt;
  if (typeof json["elapsed_time"] === "number") runResults.elapsedTime = json["elapsed_time"];
  return runResults;
}

function readResult(value: unknown): DbtRunResult {
  const raw = objectOf(value);
  const result: DbtRunResult = {
    uniqueId: stringOf(raw["unique_id"]) ?? "",
    status: (stringOf(raw["status"]) ?? "").toLowerCase(),
    executionTime: typeof raw["execution_time"] === "number" ? raw["execution_time"] : 0,
  };
  const message = stringOf(raw["message"]);
  if (message !== undefined) result.message = message;
  if (typeof raw["failures"] === "number") result.failures = raw["failures"];
  return result;
}
