/** A problem found by a check, before it gets a severity and becomes an LSP diagnostic. */
import type { Range } from "../lookml/ast";
import type { DiagnosticCode } from "./codes";

/** Another place that explains a finding, such as the base field a refinement clashes with. */
export interface RelatedPlace {
  file: string;
  range: Range;
  message: string;
}

/** What a quick fix needs; sent to the editor as the diagnostic's `data`. */
export type FixData =
  | { fix: "regenerate-view"; file: string; modelId: string }
  | { fix: "move-edit-to-refinement"; file: string; modelId: string };

/** One problem in one file. */
export interface Finding {
  code: DiagnosticCode;
  range: Range;
  message: string;
  related?: RelatedPlace[];
  data?: FixData;
}

/** A key that is equal for the same finding reached from two models. */
export function findingKey(f: Finding): string {
  const { start, end } = f.range;
  return `${f.code}|${start.line}:${start.character}-${end.line}:${end.character}|${f.message}`;
}
