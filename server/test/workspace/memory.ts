/** Helpers for workspace tests: load a case folder into memory and apply text edits. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { TextEdit } from "vscode-languageserver";
import { MemoryFileSystem } from "../../src/workspace/fileSystem";

/** Every file under `dir`, copied into a memory file system under `root`. */
export function loadFolder(dir: string, root: string): MemoryFileSystem {
  const memory = new MemoryFileSystem();
  const walk = (from: string): void => {
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const full = path.join(from, entry.name);
      if (entry.isDirectory()) walk(full);
      else memory.write(path.join(root, path.relative(dir, full)), fs.readFileSync(full, "utf8"));
    }
  };
  walk(dir);
  return memory;
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const offsets = edits.map((e) => ({
    from: offsetOf(text, e.range.start),
    to: offsetOf(text, e.range.end),
    text: e.newText,
  }));
  offsets.sort((a, b) => b.from - a.from);
  let out = text;
  for (const o of offsets) out = out.slice(0, o.from) + o.text + out.slice(o.to);
  return out;
}

function offsetOf(text: string, pos: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + pos.character, text.length);
}
