/**
 * What a filed bug records about where it was seen, from the code action's argument or, from
 * the command palette, from the active editor.
 */
import { fileURLToPath } from "node:url";
import type { FileBugArgs } from "../../../common/src/bugs";
import { ledgerRelativePath } from "./location";
import type { BugContext } from "./record";

/** The active editor when the command was run without an argument. */
export interface ActiveEditor {
  uri: string;
  /** Zero-based, as editors count. */
  line: number;
}

/**
 * The ledger fields for a bug: the LookML file relative to the repository root and the line
 * (counted from 1), explore, view, model and diagnostic message. Only `file:` documents are
 * recorded as files; an unsaved buffer has no place in the repository.
 */
export function bugContext(
  args: FileBugArgs,
  active: ActiveEditor | undefined,
  root: string,
): BugContext {
  const context: BugContext = {};
  const uri = args.uri ?? active?.uri;
  const file = uri === undefined ? undefined : filePath(uri);
  if (file !== undefined) context.file = ledgerRelativePath(root, file);

  const line = args.range?.start.line ?? (args.uri === undefined ? active?.line : undefined);
  if (file !== undefined && line !== undefined) context.line = line + 1;
  if (args.explore !== undefined) context.explore = args.explore;
  if (args.view !== undefined) context.view = args.view;
  if (args.model !== undefined) context.model = args.model;
  if (args.diagnostic !== undefined) context.diagnostic = args.diagnostic.message;
  return context;
}

function filePath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    // A malformed URI from a client: record the bug without its file.
    return undefined;
  }
}
