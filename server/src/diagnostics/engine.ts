/**
 * Diagnostics of a file: its syntax errors, then every check run in each model that includes
 * the file (or in its project's loose context), with duplicates from several models merged.
 * Results are cached per file until an index update says the file is affected.
 */
import type {
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
} from "vscode-languageserver";
import type { FileInfo } from "../workspace/fileInfo";
import { pathToUri } from "../workspace/paths";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import type { DiagnosticCode, SeverityName, SeverityOverrides } from "./codes";
import { severityOf } from "./codes";
import { checkCycles } from "./cycles";
import { checkDrift } from "./drift";
import type { Finding } from "./finding";
import { findingKey } from "./finding";
import { checkGenerated } from "./generated";
import { checkReferences } from "./references";
import type { CheckScope } from "./scope";
import { checkStructure } from "./structure";

/** The diagnostic `source` shown in the editor. */
export const DIAGNOSTIC_SOURCE = "analytics-ops";

/** Every finding for one file, sorted by position, before severities apply. */
export function findingsOf(index: WorkspaceIndex, file: string): Finding[] {
  const info = index.file(file);
  if (info === undefined) return [];
  const findings = info.errors.map<Finding>((e) => ({
    code: "syntax/error",
    range: e.range,
    message: e.message,
  }));
  if (info.kind !== "dashboard") findings.push(...checkInContexts(index, info));

  const unique = new Map(findings.map((f) => [findingKey(f), f]));
  return [...unique.values()].sort(byPosition);
}

function checkInContexts(index: WorkspaceIndex, info: FileInfo): Finding[] {
  const project = index.projectOf(info.path);
  if (project === undefined) return [];
  const out: Finding[] = [];
  for (const ctx of project.checkContextsOf(info.path)) {
    const scope: CheckScope = { index, project, ctx, file: info, out };
    checkStructure(scope);
    checkReferences(scope);
    checkCycles(scope);
    checkDrift(scope);
  }
  checkGenerated(index, info, out);
  return out;
}

function byPosition(a: Finding, b: Finding): number {
  const x = a.range.start;
  const y = b.range.start;
  return (
    x.line - y.line || x.character - y.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

const SEVERITIES: Record<Exclude<SeverityName, "off">, DiagnosticSeverity> = {
  error: 1,
  warning: 2,
  information: 3,
  hint: 4,
};

/** Turns findings into LSP diagnostics under the user's severities; "off" drops a code. */
export function toDiagnostics(
  findings: readonly Finding[],
  overrides: SeverityOverrides,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const severity = severityOf(f.code, overrides);
    if (severity === "off") continue;
    const diagnostic: Diagnostic = {
      range: f.range,
      severity: SEVERITIES[severity],
      code: f.code,
      source: DIAGNOSTIC_SOURCE,
      message: f.message,
    };
    if (f.related !== undefined && f.related.length > 0)
      diagnostic.relatedInformation = f.related.map(toRelated);
    if (f.data !== undefined) diagnostic.data = f.data;
    out.push(diagnostic);
  }
  return out;
}

function toRelated(r: NonNullable<Finding["related"]>[number]): DiagnosticRelatedInformation {
  return { location: { uri: pathToUri(r.file), range: r.range }, message: r.message };
}

/** Diagnostics per file, cached until the index reports the file affected. */
export class DiagnosticsCache {
  private readonly cache = new Map<string, Diagnostic[]>();

  constructor(
    private readonly index: WorkspaceIndex,
    private overrides: SeverityOverrides = {},
  ) {}

  /** The file's diagnostics, computed when not cached. */
  get(file: string): Diagnostic[] {
    let diagnostics = this.cache.get(file);
    if (diagnostics === undefined) {
      diagnostics = toDiagnostics(findingsOf(this.index, file), this.overrides);
      this.cache.set(file, diagnostics);
    }
    return diagnostics;
  }

  /** Forgets the diagnostics of files an update affected. */
  invalidate(files: Iterable<string>): void {
    for (const f of files) this.cache.delete(f);
  }

  /** Changes severities; every file's diagnostics are computed again on the next `get`. */
  setSeverities(overrides: SeverityOverrides): void {
    this.overrides = overrides;
    this.cache.clear();
  }

  /** Forgets everything, after a full reload of the index. */
  clear(): void {
    this.cache.clear();
  }
}

/** Whether a code counts as an error under the user's severities (for the CLI's exit code). */
export function isError(code: DiagnosticCode, overrides: SeverityOverrides): boolean {
  return severityOf(code, overrides) === "error";
}
