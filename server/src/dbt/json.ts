/**
 * Small readers for untrusted JSON: dbt artifacts change shape between versions, so every
 * field is read as `unknown` and narrowed here rather than trusted.
 */
import { readFile } from "node:fs/promises";

import { ArtifactError } from "./errors";

/** A parsed JSON object whose fields have not been checked yet. */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value if it is an object, else an empty object (`null`, missing and lists included). */
export function objectOf(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Strings and numbers as text (dbt writes model versions as either). */
export function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

export function booleanOf(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

/** The string items of a list; anything else gives an empty list. */
export function stringsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === "string");
}

export function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Deep merge of two meta objects; `over` wins on conflicts. dbt keeps `meta` both on a node
 * and in its `config`, and newer versions (and Fusion) put it only in `config`.
 */
export function mergeObjects(base: JsonObject, over: JsonObject): JsonObject {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key];
    merged[key] = isObject(current) && isObject(value) ? mergeObjects(current, value) : value;
  }
  return merged;
}

/** Reads and parses a JSON file; every failure becomes an ArtifactError naming the file. */
export async function readJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error: unknown) {
    throw new ArtifactError(file, `cannot read the ${what}: ${describeFsError(error)}`);
  }
  return parseJsonText(text, file, what);
}

/**
 * Parses JSON text read from `file`; an empty or malformed file becomes an ArtifactError. A
 * leading byte-order mark is skipped.
 */
export function parseJsonText(text: string, file: string, what: string): unknown {
  const json = withoutByteOrderMark(text);
  if (json.trim() === "") throw new ArtifactError(file, `the ${what} is empty`);
  try {
    return JSON.parse(json) as unknown;
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArtifactError(file, `the ${what} is not valid JSON (${reason})`);
  }
}

/**
 * `text` without a leading UTF-8 byte-order mark. Windows tools (PowerShell's `Out-File`, some
 * editors) write one; `JSON.parse` rejects it although the JSON is fine.
 */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/** `ENOENT` and friends in words a user understands. */
export function describeFsError(error: unknown): string {
  const code = isObject(error) ? stringOf(error["code"]) : undefined;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder, not a file";
    case "EEXIST":
      return "a file with that name is in the way";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
      return "no space left on the device";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
