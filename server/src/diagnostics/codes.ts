/**
 * Every diagnostic the server reports, by stable code, with its default severity. Users can
 * change a code's severity (or turn it off) in settings; the codes never change meaning.
 */

/** A diagnostic's severity, as settings name it. */
export type SeverityName = "error" | "warning" | "information" | "hint" | "off";

/** What a code means and how loud it is by default. */
export interface CodeInfo {
  severity: Exclude<SeverityName, "off">;
  summary: string;
}

export const DIAGNOSTIC_CODES = {
  "syntax/error": { severity: "error", summary: "The file does not parse." },
  "drift/refinement-target-missing": {
    severity: "error",
    summary: "A refinement targets a view that no longer exists.",
  },
  "drift/refined-field-missing": {
    severity: "warning",
    summary: "A refinement changes a field its generated base no longer has.",
  },
  "drift/refined-field-kind-changed": {
    severity: "error",
    summary: "A refined field is a dimension in one place and a dimension group in the other.",
  },
  "drift/refined-field-type-changed": {
    severity: "warning",
    summary: "A refinement sets a parameter that the base field's type no longer takes.",
  },
  "drift/unknown-column": {
    severity: "warning",
    summary: "A refinement names a column the dbt model does not have.",
  },
  "drift/view-out-of-date": {
    severity: "warning",
    summary: "A generated view no longer matches the dbt manifest.",
  },
  "drift/model-missing": {
    severity: "warning",
    summary: "A generated view's dbt model is no longer in the manifest.",
  },
  "drift/generated-file-edited": {
    severity: "warning",
    summary: "A generated view was edited by hand.",
  },
  "drift/refinement-redefines-kind": {
    severity: "error",
    summary: "A refinement declares a generated field again as another kind of field.",
  },
  "ref/unknown-view": { severity: "error", summary: "A reference names no view of the model." },
  "ref/unknown-field": { severity: "error", summary: "A reference names no field of the view." },
  "ref/unknown-set": { severity: "error", summary: "A field list names no set of the view." },
  "ref/unknown-explore": { severity: "error", summary: "A reference names no explore." },
  "ref/unknown-join": { severity: "error", summary: "`required_joins` names no join." },
  "ref/view-not-included": {
    severity: "error",
    summary: "The view exists in the project but the model does not include it.",
  },
  "ref/unknown-constant": { severity: "error", summary: "`@{name}` names no constant." },
  "ref/include-no-match": { severity: "error", summary: "An include matches no file." },
  "ref/imported-project-missing": {
    severity: "warning",
    summary: "A `//project` include names a project the workspace does not hold.",
  },
  "ref/circular": { severity: "error", summary: "A chain of references comes back to itself." },
  "ref/refinement-after-final": {
    severity: "error",
    summary: "A refinement comes after one marked `final: yes`.",
  },
  "ref/duplicate-field": { severity: "error", summary: "A view declares a field name twice." },
  "ref/duplicate-view": { severity: "error", summary: "A model declares a view twice." },
  "ref/extension-required": {
    severity: "error",
    summary: "A view or explore with `extension: required` is used directly.",
  },
} as const satisfies Record<string, CodeInfo>;

/** A stable diagnostic code such as `drift/refined-field-missing`. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Whether a string is one of our codes. */
export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(DIAGNOSTIC_CODES, code);
}

/** Per-code severities a user set; codes left out keep their default. */
export type SeverityOverrides = Readonly<Record<string, SeverityName>>;

/** The severity a code gets under the user's overrides. */
export function severityOf(code: DiagnosticCode, overrides: SeverityOverrides): SeverityName {
  const chosen = Object.hasOwn(overrides, code) ? overrides[code] : undefined;
  return chosen ?? DIAGNOSTIC_CODES[code].severity;
}
