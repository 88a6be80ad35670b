/**
 * Shared steps of the generator tests: generating from in-memory artifacts into a temporary
 * folder, reading the files back, and checking them with the LookML parser.
 */
import * as assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { parseCatalog, parseManifest } from "../../src/dbt";
import { generateFromArtifacts, type GenerateSummary } from "../../src/generate";
import { parseLookml } from "../../src/lookml/parser";
import type { Json } from "../dbt/builders";

/** A fresh temporary folder, removed by the returned function. */
export async function tempDir(
  prefix: string,
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface Generated {
  summary: GenerateSummary;
  /** File name → content, for every file in the output folder. */
  files: Map<string, string>;
  /** Warnings as `model: message` lines, for readable assertions. */
  warnings: string[];
}

/** Generates from in-memory artifacts into a temporary folder and reads the result back. */
export async function generateInMemory(
  manifest: Json,
  catalog?: Json,
  options: { select?: string[]; documentedOnly?: boolean } = {},
): Promise<Generated> {
  const { dir, remove } = await tempDir("generate-");
  try {
    const summary = await generateFromArtifacts({
      manifest: parseManifest(manifest, "manifest.json"),
      catalog: catalog === undefined ? undefined : parseCatalog(catalog, "catalog.json"),
      outDir: dir,
      select: options.select,
      documentedOnly: options.documentedOnly,
    });
    const files = await readFolder(dir);
    for (const text of files.values()) assertParses(text);
    const warnings = summary.warnings.map((w) => `${w.model ?? "-"}: ${w.message}`);
    return { summary, files, warnings };
  } finally {
    await remove();
  }
}

/** Every file in a folder (not recursive), by name. */
export async function readFolder(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of (await readdir(dir)).sort()) {
    files.set(name, await readFile(path.join(dir, name), "utf8"));
  }
  return files;
}

/** The one generated view file's text. */
export function onlyFile(generated: Generated): string {
  assert.equal(generated.files.size, 1, [...generated.files.keys()].join(", "));
  const [text] = generated.files.values();
  assert.ok(text !== undefined);
  return text;
}

/** The text of the block `type: name { ... }` inside a generated file (one level deep). */
export function block(text: string, type: string, name: string): string {
  const start = text.indexOf(`  ${type}: ${name} {\n`);
  assert.ok(start >= 0, `no ${type}: ${name} in:\n${text}`);
  const end = text.indexOf("\n  }\n", start);
  return text.slice(start, end + 4);
}

/** Names of all fields of a kind, in file order. */
export function fieldNames(text: string, type: string): string[] {
  return [...text.matchAll(new RegExp(`^ {2}${type}: (\\S+) \\{`, "gm"))].map((m) => m[1] ?? "");
}

/** Fails when the LookML parser reports a syntax error in `text`. */
export function assertParses(text: string, where = "generated file"): void {
  const errors = parseLookml(text).errors.map((e) => e.message);
  assert.deepEqual(errors, [], `${where} has syntax errors:\n${text}`);
}
