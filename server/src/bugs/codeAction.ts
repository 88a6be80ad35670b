/**
 * The "File a bug" code action the server offers on a diagnostic, explore, view or field. The
 * command runs in the client, which asks for the title, category and root cause.
 */
import type { CodeAction, Diagnostic, Range } from "vscode-languageserver";
import { BUG_COMMANDS, type FileBugArgs } from "../../../common/src/bugs";

/** What the server knows where the action is offered. */
export interface FileBugTarget {
  uri: string;
  range: Range;
  explore?: string | undefined;
  view?: string | undefined;
  model?: string | undefined;
  diagnostic?: Diagnostic | undefined;
}

/** A code action that runs `analyticsOps.fileBug` with the context filled in. */
export function fileBugCodeAction(target: FileBugTarget): CodeAction {
  const args: FileBugArgs = { uri: target.uri, range: target.range };
  if (target.explore !== undefined) args.explore = target.explore;
  if (target.view !== undefined) args.view = target.view;
  if (target.model !== undefined) args.model = target.model;
  if (target.diagnostic !== undefined) args.diagnostic = diagnosticArgs(target.diagnostic);

  const subject = target.view ?? target.explore;
  const action: CodeAction = {
    title: subject === undefined ? "File a bug" : `File a bug on ${subject}`,
    command: { title: "File a bug", command: BUG_COMMANDS.fileBug, arguments: [args] },
  };
  if (target.diagnostic !== undefined) action.diagnostics = [target.diagnostic];
  return action;
}

function diagnosticArgs(diagnostic: Diagnostic): NonNullable<FileBugArgs["diagnostic"]> {
  const result: NonNullable<FileBugArgs["diagnostic"]> = { message: diagnostic.message };
  if (diagnostic.code !== undefined) result.code = diagnostic.code;
  if (diagnostic.source !== undefined) result.source = diagnostic.source;
  return result;
}
