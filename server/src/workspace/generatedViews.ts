/**
 * The generator's header on a generated view file: which dbt model the view came from, and
 * whether the file still matches the content hash written when it was generated.
 */
import type { Range } from "../lookml/ast";

/** What the index needs to know about a generated view file. */
export interface GeneratedHeader {
  /** The dbt model's unique id (`model.shop.orders`). */
  modelId: string;
  /** True when the file no longer matches its hash: someone edited it by hand. */
  edited: boolean;
  /** The header's comment lines, where drift on the whole file is reported. */
  range: Range;
}

/** Reads the header of a generated view; undefined for any other file. */
export function readHeader(_text: string): GeneratedHeader | undefined {
  return undefined;
}
