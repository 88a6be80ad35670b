/**
 * LookML dashboards (`*.dashboard.lookml`, `*.dashboard.lkml`) are YAML, not LookML: they
 * are read with the `yaml` package and only YAML errors are reported on them.
 */

import { LineCounter, parseAllDocuments, type YAMLError } from "yaml";
import type { Range, SyntaxError } from "./ast";

const DASHBOARD_SUFFIXES = [".dashboard.lookml", ".dashboard.lkml"];

/** Whether `path` names a YAML dashboard rather than a LookML file. */
export function isDashboardFile(path: string): boolean {
  const lower = path.toLowerCase();
  return DASHBOARD_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

/** Reads a dashboard's YAML and returns its errors (never LookML syntax errors). Never throws. */
export function parseDashboard(text: string): { errors: SyntaxError[] } {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const errors = documents.flatMap((document) => document.errors);
  return { errors: errors.map((error) => toSyntaxError(error, lineCounter, text.length)) };
}

function toSyntaxError(error: YAMLError, lineCounter: LineCounter, length: number): SyntaxError {
  const from = Math.min(error.pos[0], length);
  const to = Math.min(Math.max(error.pos[1], from), length);
  return { message: firstLine(error.message), range: toRange(from, to, lineCounter) };
}

// `yaml` appends a snippet of the source below the message; the range already shows where.
function firstLine(message: string): string {
  const end = message.indexOf("\n");
  return end === -1 ? message : message.slice(0, end);
}

function toRange(from: number, to: number, lineCounter: LineCounter): Range {
  const start = lineCounter.linePos(from);
  const end = lineCounter.linePos(to);
  return {
    start: { line: start.line - 1, character: start.col - 1 },
    end: { line: end.line - 1, character: end.col - 1 },
  };
}
