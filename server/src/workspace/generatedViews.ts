/**
 * The generator's header on a generated view file: which dbt model the view came from, and
 * whether the file still matches the content hash written when it was generated.
 */
import type { Range } from "../lookml/ast";
import { isHandEdited, readGeneratedHeader } from "../generate/header";

/** What the index needs to know about a generated view file. */
export interface GeneratedHeader {
  /** The dbt model's unique id (`model.shop.orders`). */
  modelId: string;
  /** The hash of the body as generated. */
  hash: string;
  /** True when the file no longer matches its hash: someone edited it by hand. */
  edited: boolean;
  /** The header's comment lines, where drift on the whole file is reported. */
  range: Range;
}

/** Reads the header of a generated view; undefined for any other file. */
export function readHeader(text: string): GeneratedHeader | undefined {
  const header = readGeneratedHeader(text);
  if (header === undefined) return undefined;
  return { ...header, edited: isHandEdited(text), range: headerRange(text) };
}

// From the first line to the hash line, which closes the header.
function headerRange(text: string): Range {
  const lines = text.split("\n");
  const last = Math.max(
    0,
    lines.findIndex((l) => l.startsWith("# content hash:")),
  );
  const end = (lines[last] ?? "").replace(/\r$/, "").length;
  return { start: { line: 0, character: 0 }, end: { line: last, character: end } };
}
