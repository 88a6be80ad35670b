/**
 * The on-disk cache of the last good answer, with its fetch time, so figures survive a
 * restart and stay on screen (marked stale) while Looker cannot be reached.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { UsageData } from "./types";

const VERSION = 1;

/** A cached answer and what it was asked with; another key means another question. */
export interface CacheEntry {
  version: number;
  key: string;
  data: UsageData;
}

/** The cache key: the Looker URL and the sources counted. */
export function cacheKey(baseUrl: string, sources: readonly string[]): string {
  return `${baseUrl}|${[...sources].sort().join(",")}`;
}

/** Reads the cached answer for `key`; undefined when absent, unreadable or for another key. */
export async function readCache(file: string, key: string): Promise<UsageData | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    return undefined;
  }
  const entry = parseEntry(text);
  return entry?.key === key ? entry.data : undefined;
}

/** Writes the answer atomically: a half-written cache never replaces a good one. */
export async function writeCache(file: string, key: string, data: UsageData): Promise<void> {
  const entry: CacheEntry = { version: VERSION, key, data };
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, JSON.stringify(entry), "utf8");
  await fs.rename(temp, file);
}

function parseEntry(text: string): CacheEntry | undefined {
  try {
    const value = JSON.parse(text) as Partial<CacheEntry>;
    const data = value.data;
    if (value.version !== VERSION || typeof value.key !== "string" || data === undefined)
      return undefined;
    if (!Array.isArray(data.rows) || typeof data.fetchedAt !== "string") return undefined;
    return value as CacheEntry;
  } catch {
    return undefined;
  }
}
