/**
 * The bug ledger file: reading it into bugs, and appending events. The file is only ever
 * appended to, one whole line per write, under a lock; a line that cannot be read is reported
 * with its number and skipped, and every other line still counts.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { UserError } from "../cli/command";
import { errorCode } from "../runs/archive";
import { LockError, withLock, type LockOptions } from "./lock";
import {
  oneLineTitle,
  parseEventLine,
  serializeEvent,
  type BugContext,
  type BugEvent,
  type ClosedEvent,
  type OpenedEvent,
  type RootCause,
} from "./record";

/** The ledger path, relative to the repository root, when no setting names another. */
export const defaultLedgerPath = ".analytics-ops/bugs.jsonl";

/** A bug with its whole story so far. */
export interface Bug extends BugContext {
  id: string;
  title: string;
  category: string;
  rootCause: RootCause;
  openedAt: Date;
  openedBy: string;
  closedAt: Date | undefined;
  closedBy: string | undefined;
}

/** The ledger as read: its bugs in file order, and the lines that were skipped. */
export interface Ledger {
  file: string;
  /** False when the file does not exist yet: no bug has been filed. */
  exists: boolean;
  bugs: Bug[];
  /**
   * `<file>:<line>: <problem>; line skipped`, or `...; read as closed when opened` for a close
   * stamped before its opening.
   */
  problems: string[];
}

/** What the person filing a bug says about it. */
export interface NewBug extends BugContext {
  title: string;
  category: string;
  rootCause: RootCause;
}

/**
 * Writing failed and nothing was written. `line` is the event that was not recorded, so the
 * caller can show it (or copy it) and the person's input is not lost.
 */
export class LedgerWriteError extends UserError {
  constructor(
    message: string,
    readonly line: string,
  ) {
    super(message);
  }
}

/** Reads the ledger; a missing file is an empty ledger with `exists: false`. */
export async function readLedger(file: string): Promise<Ledger> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error: unknown) {
    const code = errorCode(error);
    if (code === "ENOENT") return { file, exists: false, bugs: [], problems: [] };
    throw new UserError(`cannot read the bug ledger ${file} (${code ?? String(error)})`);
  }
  return { file, exists: true, ...foldLedger(text, file) };
}

/**
 * Turns the ledger's lines into bugs. Openings are read before closings, so a close that a
 * merge placed above its opening still applies.
 */
export function foldLedger(text: string, file: string): { bugs: Bug[]; problems: string[] } {
  const problems: { line: number; text: string }[] = [];
  const report = (line: number, text: string): void => {
    problems.push({ line, text: `${file}:${String(line)}: ${text}` });
  };
  const skip = (line: number, why: string): void => {
    report(line, `${why}; line skipped`);
  };
  const events: { event: BugEvent; line: number }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === "") return;
    const parsed = parseEventLine(raw);
    if (typeof parsed === "string") skip(index + 1, parsed);
    else events.push({ event: parsed, line: index + 1 });
  });

  const bugs = new Map<string, Entry>();
  for (const { event, line } of events) {
    if (event.event !== "opened") continue;
    const first = bugs.get(event.id);
    if (first === undefined) bugs.set(event.id, { bug: bugFrom(event), line });
    else skip(line, `bug ${event.id} was already opened on line ${String(first.line)}`);
  }
  for (const { event, line } of events) {
    if (event.event !== "closed") continue;
    const entry = bugs.get(event.id);
    const why = applyClose(event, line, entry);
    if (why !== undefined) skip(line, why);
    else if (entry !== undefined) {
      const skew = clampClose(entry.bug, event.closedAt);
      if (skew !== undefined) report(line, skew);
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return {
    bugs: [...bugs.values()].map((entry) => entry.bug),
    problems: problems.map((p) => p.text),
  };
}

interface Entry {
  bug: Bug;
  line: number;
  closedLine?: number;
}

/** Closes the bug; says why not when the close cannot apply. */
function applyClose(
  event: ClosedEvent,
  line: number,
  entry: Entry | undefined,
): string | undefined {
  if (entry === undefined) return `closes bug ${event.id}, which no line opens`;
  if (entry.closedLine !== undefined) {
    return `bug ${event.id} was already closed on line ${String(entry.closedLine)}`;
  }
  entry.bug.closedAt = new Date(event.closedAt);
  entry.bug.closedBy = event.by;
  entry.closedLine = line;
  return undefined;
}

/**
 * A close stamped before its opening (two machines' clocks disagree) is read as a close at the
 * opening time, so no duration is negative; says so, for the problem list.
 */
function clampClose(bug: Bug, closedAt: string): string | undefined {
  if (bug.closedAt === undefined || bug.closedAt >= bug.openedAt) return undefined;
  bug.closedAt = bug.openedAt;
  return (
    `bug ${bug.id} is closed at ${closedAt}, before it was opened ` +
    `(${bug.openedAt.toISOString()}); read as closed when opened`
  );
}

function bugFrom(event: OpenedEvent): Bug {
  const bug: Bug = {
    id: event.id,
    title: oneLineTitle(event.title),
    category: event.category,
    rootCause: event.rootCause,
    openedAt: new Date(event.openedAt),
    openedBy: event.by,
    closedAt: undefined,
    closedBy: undefined,
  };
  for (const key of ["file", "explore", "view", "model", "diagnostic"] as const) {
    const value = event[key];
    if (value !== undefined) bug[key] = value;
  }
  if (event.line !== undefined) bug.line = event.line;
  return bug;
}

/**
 * Appends a new bug to the ledger (creating the file and its folder if needed). The title is
 * written on one line; a UserError if nothing but whitespace is left of it.
 */
export async function openBug(
  file: string,
  given: NewBug,
  by: string,
  now: Date,
  options: LockOptions = {},
): Promise<Bug> {
  const input = { ...given, title: oneLineTitle(given.title) };
  if (input.title === "") throw new UserError("a bug needs a title");

  // The id is drawn before the lock so that, if writing fails, the line to add by hand carries
  // it; under the lock it is drawn again only in the rare case the ledger already holds it.
  let event: OpenedEvent = {
    event: "opened",
    id: newId(now, new Set()),
    openedAt: now.toISOString(),
    by,
    ...input,
  };
  return underLock(
    file,
    () => serializeEvent(event),
    options,
    async () => {
      const taken = new Set((await readLedger(file)).bugs.map((b) => b.id));
      if (taken.has(event.id)) event = { ...event, id: newId(now, taken) };
      await appendLine(file, serializeEvent(event));
      return bugFrom(event);
    },
  );
}

/** Appends the closing of an open bug; a UserError if there is no such open bug. */
export async function closeBug(
  file: string,
  id: string,
  by: string,
  now: Date,
  options: LockOptions = {},
): Promise<Bug> {
  const event: ClosedEvent = { event: "closed", id, closedAt: now.toISOString(), by };
  const line = serializeEvent(event);
  return underLock(
    file,
    () => line,
    options,
    async () => {
      const ledger = await readLedger(file);
      const bug = ledger.bugs.find((b) => b.id === id);
      if (bug === undefined) throw new UserError(`there is no bug ${id} in ${file}`);
      if (bug.closedAt !== undefined) {
        throw new UserError(
          `bug ${id} was already closed on ${bug.closedAt.toISOString()} by ${bug.closedBy ?? "?"}`,
        );
      }
      await appendLine(file, line);
      return { ...bug, closedAt: now, closedBy: by };
    },
  );
}

/**
 * Runs a read-then-append under the lock; write failures become a LedgerWriteError carrying
 * `line()`, the event as it stood when writing failed.
 */
async function underLock<T>(
  file: string,
  line: () => string,
  options: LockOptions,
  work: () => Promise<T>,
): Promise<T> {
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    return await withLock(file, work, options);
  } catch (error: unknown) {
    if (error instanceof UserError) throw error;
    throw writeError(file, line(), error);
  }
}

function writeError(file: string, line: string, error: unknown): LedgerWriteError {
  const code = error instanceof LockError ? error.code : errorCode(error);
  const readOnly = code === "EACCES" || code === "EPERM" || code === "EROFS";
  const reason = readOnly
    ? `${file} (or its folder) is read-only`
    : error instanceof Error
      ? error.message
      : String(error);
  return new LedgerWriteError(
    `the bug was not recorded: ${reason}. Add this line to the ledger by hand:\n${line}`,
    line,
  );
}

/**
 * Appends one line in one write. If the file does not end with a newline (a hand edit, a write
 * cut short), one is added first, so the new line is not glued to a damaged one.
 */
async function appendLine(file: string, line: string): Promise<void> {
  const handle = await fs.open(file, "a+");
  try {
    const { size } = await handle.stat();
    let prefix = "";
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last.toString("utf8") !== "\n") prefix = "\n";
    }
    await handle.write(`${prefix}${line}\n`);
  } finally {
    await handle.close();
  }
}

/**
 * `bug-20250510-3fa9c1`: sortable by day, random enough that branches merged later do not
 * clash.
 */
function newId(now: Date, taken: Set<string>): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, "");
  for (;;) {
    const id = `bug-${day}-${randomBytes(3).toString("hex")}`;
    if (!taken.has(id)) return id;
  }
}
