/**
 * One LookML file as the index holds it: its text, syntax tree, declarations, references,
 * and (for a generated view) the generator's header. Built once per version of the file.
 */
import type { LookmlDocument, SyntaxError } from "../lookml/ast";
import { parseDashboard } from "../lookml/dashboard";
import { parseLookml } from "../lookml/parser";
import type { FileDecls } from "./declarations";
import { declarationsOf, emptyDecls } from "./declarations";
import type { GeneratedHeader } from "./generatedViews";
import { readHeader } from "./generatedViews";
import { packRanges } from "./packRanges";
import type { LookmlFileKind } from "./paths";
import { lookmlFileKind } from "./paths";
import type { Reference } from "./references";
import { referencedNames, referencesOf } from "./references";

/** A parsed LookML file. */
export interface FileInfo {
  path: string;
  kind: LookmlFileKind;
  text: string;
  /** The syntax tree; empty for dashboards, which are YAML. */
  doc: LookmlDocument;
  /** Syntax errors (YAML errors for dashboards). */
  errors: SyntaxError[];
  decls: FileDecls;
  refs: Reference[];
  /** View and explore names the file refers to. */
  refNames: Set<string>;
  /** Names of the views and explores it declares or refines. */
  declaredNames: Set<string>;
  /** The generator's header, when the file is a generated view. */
  generated: GeneratedHeader | undefined;
}

/** Parses one file; never throws. */
export function readFileInfo(filePath: string, text: string): FileInfo {
  const kind = lookmlFileKind(filePath) ?? "lookml";
  const notText = notTextProblem(text);
  if (notText !== undefined) return unreadableInfo(filePath, kind, text, notText);
  if (kind === "dashboard") return dashboardInfo(filePath, text);

  const doc = parseLookml(text);
  packRanges(doc);
  const decls = declarationsOf(filePath, doc);
  const refs = referencesOf(decls, doc.children);
  const declared = [...decls.views, ...decls.explores].map((d) => d.name);
  return {
    path: filePath,
    kind,
    text,
    doc,
    errors: doc.errors,
    decls,
    refs,
    refNames: referencedNames(refs),
    declaredNames: new Set(declared),
    generated: readHeader(text),
  };
}

// A NUL byte never occurs in LookML or YAML, and U+FFFD is what decoding puts in place of
// bytes that are not UTF-8: a binary or UTF-16 file would otherwise parse into hundreds of
// syntax errors quoting raw bytes.
function notTextProblem(text: string): string | undefined {
  const nul = text.indexOf("\0");
  if (nul !== -1) {
    const utf16 = /^(?:\uFFFD\uFFFD|\uFEFF)?[^\0]?\0/.test(text) || /^\uFFFD\uFFFD/.test(text);
    return utf16
      ? "This is not a UTF-8 text file (it looks like UTF-16). Save it as UTF-8."
      : "This is not a UTF-8 text file (it holds NUL bytes). Save it as UTF-8 text.";
  }
  if (text.includes("\uFFFD")) {
    return "This is not a UTF-8 text file (some bytes are not valid UTF-8). Save it as UTF-8.";
  }
  return undefined;
}

// One error on the first line, and nothing parsed: the file's contents cannot be trusted.
function unreadableInfo(
  filePath: string,
  kind: LookmlFileKind,
  text: string,
  message: string,
): FileInfo {
  const start = { line: 0, character: 0 };
  return {
    ...dashboardInfo(filePath, text),
    kind,
    errors: [{ message, range: { start, end: start } }],
  };
}

function dashboardInfo(filePath: string, text: string): FileInfo {
  return {
    path: filePath,
    kind: "dashboard",
    text,
    doc: { children: [], comments: [], errors: [] },
    errors: parseDashboard(text).errors,
    decls: emptyDecls(filePath),
    refs: [],
    refNames: new Set(),
    declaredNames: new Set(),
    generated: undefined,
  };
}

/** Whether two versions of a file include the same patterns in the same order. */
export function sameIncludes(a: FileInfo, b: FileInfo): boolean {
  const x = a.decls.includes;
  const y = b.decls.includes;
  return x.length === y.length && x.every((inc, i) => inc.pattern === y[i]?.pattern);
}
