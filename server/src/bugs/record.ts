/**
 * The records of the bug ledger: a JSON Lines file in the repository where each line is one
 * event (a bug opened, a bug closed). Keys are always written in the same order and each event
 * is one line, so a git diff of the ledger reads as a list of what happened.
 */

/** Why a bug happened, as the team classifies it when filing. */
export const rootCauses = [
  "own-predictable-error",
  "own-unpredictable-error",
  "process-concept-change",
] as const;

/** One of {@link rootCauses}. */
export type RootCause = (typeof rootCauses)[number];

/** One sentence per root cause, shown when picking one. */
export const rootCauseHelp: Record<RootCause, string> = {
  "own-predictable-error":
    "Our mistake, and one we could have caught (a test, a review, a known case)",
  "own-unpredictable-error": "Our change, but the failure could not reasonably be foreseen",
  "process-concept-change": "The business or a source system changed a definition or a process",
};

/** Categories offered when no setting lists others. */
export const defaultCategories = [
  "Problem/Help with curated dashboard",
  "Wrong data",
  "Performance",
  "Access",
];

/**
 * A title as one line: runs of whitespace (line breaks and tabs too) become one space, so
 * `bugs list` and the pickers keep one bug per line. Empty when nothing but whitespace.
 */
export function oneLineTitle(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** "own predictable error": the words people see for a root cause. */
export function rootCauseLabel(cause: RootCause): string {
  return cause.replace(/-/g, " ");
}

/** Reads a root cause written either way ("own predictable error" or "own-predictable-error"). */
export function parseRootCause(text: string): RootCause | undefined {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  return rootCauses.find((cause) => cause === key);
}

/** Where a bug was seen in the LookML project; `line` counts from 1. */
export interface BugContext {
  /** The LookML file, relative to the repository root, with forward slashes. */
  file?: string;
  line?: number;
  explore?: string;
  view?: string;
  /** The dbt model behind the view. */
  model?: string;
  /** The message of the diagnostic the bug was filed from. */
  diagnostic?: string;
}

/** A bug was filed. */
export interface OpenedEvent extends BugContext {
  event: "opened";
  id: string;
  /** ISO 8601, UTC. */
  openedAt: string;
  /** "Name <email>" from git, or the login name. */
  by: string;
  title: string;
  category: string;
  rootCause: RootCause;
}

/** A bug was closed. */
export interface ClosedEvent {
  event: "closed";
  id: string;
  closedAt: string;
  by: string;
}

/** One line of the ledger. */
export type BugEvent = OpenedEvent | ClosedEvent;

/** The order keys are written in; a diff of two ledgers then lines up field by field. */
const openedKeys = [
  "event",
  "id",
  "openedAt",
  "by",
  "title",
  "category",
  "rootCause",
  "file",
  "line",
  "explore",
  "view",
  "model",
  "diagnostic",
] as const;
const closedKeys = ["event", "id", "closedAt", "by"] as const;

/** One line of JSON (without the newline), keys in the fixed order, absent fields left out. */
export function serializeEvent(event: BugEvent): string {
  const keys: readonly string[] = event.event === "opened" ? openedKeys : closedKeys;
  const fields = new Map<string, unknown>(Object.entries(event));
  const ordered = keys.flatMap((key) => {
    const value = fields.get(key);
    return value === undefined ? [] : [[key, value] as const];
  });
  return JSON.stringify(Object.fromEntries(ordered));
}

/** Reads one ledger line; a string says what is wrong with it. */
export function parseEventLine(line: string): BugEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return "not valid JSON";
  }
  if (!isObject(value)) return "not a JSON object";

  const id = text(value["id"]);
  if (id === undefined || id === "") return "no id";
  const by = text(value["by"]) ?? "";
  if (value["event"] === "closed") return readClosed(value, id, by);
  if (value["event"] === "opened") return readOpened(value, id, by);
  return `unknown event "${String(value["event"])}"`;
}

function readClosed(value: Record<string, unknown>, id: string, by: string): ClosedEvent | string {
  const closedAt = text(value["closedAt"]);
  if (closedAt === undefined || !isDate(closedAt)) return "closedAt is missing or not a date";
  return { event: "closed", id, closedAt, by };
}

function readOpened(value: Record<string, unknown>, id: string, by: string): OpenedEvent | string {
  const openedAt = text(value["openedAt"]);
  if (openedAt === undefined || !isDate(openedAt)) return "openedAt is missing or not a date";
  const rootCause = parseRootCause(text(value["rootCause"]) ?? "");
  if (rootCause === undefined)
    return `rootCause "${String(value["rootCause"])}" is not one of ${rootCauses.join(", ")}`;

  const event: OpenedEvent = {
    event: "opened",
    id,
    openedAt,
    by,
    title: text(value["title"]) ?? "",
    category: text(value["category"]) ?? "",
    rootCause,
  };
  return { ...event, ...readContext(value) };
}

function readContext(value: Record<string, unknown>): BugContext {
  const context: BugContext = {};
  for (const key of ["file", "explore", "view", "model", "diagnostic"] as const) {
    const field = text(value[key]);
    if (field !== undefined) context[key] = field;
  }
  const line = value["line"];
  if (typeof line === "number" && Number.isInteger(line) && line > 0) context.line = line;
  return context;
}

function isDate(value: string): boolean {
  return !Number.isNaN(new Date(value).getTime());
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
