/**
 * Names and argument shapes of the bug ledger commands, shared by the language server (which
 * offers "File a bug" as a code action) and the client (which runs the command). The commands
 * run in the client; no custom LSP message is needed.
 */

/** Command ids, as contributed in package.json. */
export const BUG_COMMANDS = {
  fileBug: "analyticsOps.fileBug",
  closeBug: "analyticsOps.closeBug",
  bugReport: "analyticsOps.bugReport",
} as const;

/** A position in a document, zero-based, as in LSP. */
export interface BugPosition {
  line: number;
  character: number;
}

/**
 * The argument of `analyticsOps.fileBug` when the server offers it as a code action on a
 * diagnostic, explore, view or field. Every field is optional: from the command palette the
 * client fills in what it knows from the active editor.
 */
export interface FileBugArgs {
  /** The document, as a URI string. */
  uri?: string;
  range?: { start: BugPosition; end: BugPosition };
  explore?: string;
  view?: string;
  /** The dbt model the view was generated from. */
  model?: string;
  diagnostic?: { message: string; code?: string | number; source?: string };
}

/** Reads a command argument into FileBugArgs, keeping only well-formed fields. */
export function toFileBugArgs(value: unknown): FileBugArgs {
  if (!isObject(value)) return {};
  const args: FileBugArgs = {};
  for (const key of ["uri", "explore", "view", "model"] as const) {
    const field = value[key];
    if (typeof field === "string" && field !== "") args[key] = field;
  }
  const range = readRange(value["range"]);
  if (range !== undefined) args.range = range;
  const diagnostic = value["diagnostic"];
  if (isObject(diagnostic) && typeof diagnostic["message"] === "string") {
    args.diagnostic = { message: diagnostic["message"] };
    const code = diagnostic["code"];
    if (typeof code === "string" || typeof code === "number") args.diagnostic.code = code;
    if (typeof diagnostic["source"] === "string") args.diagnostic.source = diagnostic["source"];
  }
  return args;
}

function readRange(value: unknown): FileBugArgs["range"] {
  if (!isObject(value)) return undefined;
  const start = readPosition(value["start"]);
  const end = readPosition(value["end"]);
  return start === undefined || end === undefined ? undefined : { start, end };
}

function readPosition(value: unknown): BugPosition | undefined {
  if (!isObject(value)) return undefined;
  const { line, character } = value;
  if (typeof line !== "number" || typeof character !== "number") return undefined;
  return { line, character };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
