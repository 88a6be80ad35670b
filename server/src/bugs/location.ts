/**
 * Where the ledger lives and how bug locations are written in it: paths relative to the
 * repository root (the folder holding `.git`), with forward slashes, so every clone and every
 * operating system writes the same line.
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { defaultLedgerPath } from "./ledger";

/** The nearest folder at or above `start` holding `.git`; `start` itself when there is none. */
export async function repositoryRoot(start: string): Promise<string> {
  let dir = path.resolve(start);
  for (;;) {
    if (await exists(path.join(dir, ".git"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/**
 * The ledger file: `setting` (absolute, or relative to the repository root), or the default
 * `.analytics-ops/bugs.jsonl` in the repository root.
 */
export async function resolveLedgerPath(
  start: string,
  setting = "",
): Promise<{ root: string; file: string }> {
  const root = await repositoryRoot(start);
  const relative = setting.trim() === "" ? defaultLedgerPath : setting.trim();
  return { root, file: path.resolve(root, relative) };
}

/** A file as the ledger records it: relative to the root, forward slashes. */
export function ledgerRelativePath(root: string, file: string): string {
  const relative = path.relative(root, file);
  const inside = relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  return (inside ? relative : file).split(path.sep).join("/");
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
