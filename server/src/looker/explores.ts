/**
 * The explores of a LookML folder, for the CLI: each `explore:` block at the top of a
 * `.model.lkml` file, its model named after the file. Refinements (`explore: +name`) add to
 * an explore and are not explores of their own. The language server takes its explores from
 * its index instead.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { LookmlDocument } from "../lookml/ast";
import { parseLookml } from "../lookml/parser";
import type { LookmlExplore } from "./types";

const MODEL_SUFFIX = ".model.lkml";
const SKIPPED_DIRS = new Set(["node_modules", ".git", ".vscode"]);

/** The model a file defines: `shop` for `shop.model.lkml`, undefined for other files. */
export function modelNameOf(file: string): string | undefined {
  const base = path.basename(file);
  return base.endsWith(MODEL_SUFFIX) ? base.slice(0, -MODEL_SUFFIX.length) : undefined;
}

/** The explores a parsed model file defines. */
export function exploresInModel(uri: string, model: string, doc: LookmlDocument): LookmlExplore[] {
  const result: LookmlExplore[] = [];
  for (const node of doc.children) {
    if (node.type !== "block" || node.key !== "explore" || node.refinement) continue;
    if (node.name === undefined || node.nameRange === undefined) continue;
    const range = { start: node.keyRange.start, end: node.nameRange.end };
    result.push({ model, name: node.name, uri, range });
  }
  return result;
}

/** Every explore of the model files under `dir`, in file then source order. */
export async function findExplores(dir: string): Promise<LookmlExplore[]> {
  const files = (await modelFiles(dir)).sort();
  const result: LookmlExplore[] = [];
  for (const file of files) {
    const model = modelNameOf(file) ?? "";
    const doc = parseLookml(await fs.readFile(file, "utf8"));
    result.push(...exploresInModel(pathToFileURL(file).href, model, doc));
  }
  return result;
}

async function modelFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : modelFiles(full);
      return entry.isFile() && entry.name.endsWith(MODEL_SUFFIX) ? [full] : [];
    }),
  );
  return nested.flat();
}
