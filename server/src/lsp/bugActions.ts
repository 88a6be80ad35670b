/**
 * "File a bug" as a code action: on any diagnostic, and on any explore, view or field, a
 * command carrying what the client needs to prefill the bug (location, names, dbt model).
 */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
} from "vscode-languageserver/node";
import { BUG_COMMANDS, type FileBugArgs } from "../../../common/src/bugs";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import { pathToUri } from "../workspace/paths";

/** The bug actions for a range of a file and the diagnostics the editor passed along. */
export function bugActions(
  index: WorkspaceIndex,
  file: string,
  range: Range,
  diagnostics: Diagnostic[],
): CodeAction[] {
  const names = namesAt(index, file, range);
  const base: FileBugArgs = { uri: pathToUri(file), range, ...names };

  const actions = diagnostics.map((diagnostic) => {
    const args: FileBugArgs = { ...base, range: diagnostic.range, diagnostic: summary(diagnostic) };
    return fileBug(`File a bug: ${shorten(diagnostic.message)}`, args, [diagnostic]);
  });
  if (actions.length === 0 && (names.explore !== undefined || names.view !== undefined)) {
    const what =
      names.explore !== undefined ? `explore ${names.explore}` : `view ${names.view ?? ""}`;
    actions.push(fileBug(`File a bug about ${what}`, base, []));
  }
  return actions;
}

function fileBug(title: string, args: FileBugArgs, diagnostics: Diagnostic[]): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    command: { title, command: BUG_COMMANDS.fileBug, arguments: [args] },
  };
}

function summary(diagnostic: Diagnostic): NonNullable<FileBugArgs["diagnostic"]> {
  const code = diagnostic.code;
  return {
    message: diagnostic.message,
    ...(code === undefined ? {} : { code }),
    ...(diagnostic.source === undefined ? {} : { source: diagnostic.source }),
  };
}

function shorten(message: string): string {
  const first = message.split("\n")[0] ?? message;
  return first.length > 60 ? `${first.slice(0, 57)}…` : first;
}

/** The explore, view and dbt model around a position, as far as the index knows them. */
function namesAt(
  index: WorkspaceIndex,
  file: string,
  range: Range,
): Pick<FileBugArgs, "explore" | "view" | "model"> {
  const info = index.file(file);
  if (info === undefined) return {};
  const line = range.start.line;
  const within = (r: Range): boolean => line >= r.start.line && line <= r.end.line;

  const explore = info.decls.explores.find((e) => within(e.node.range));
  const view = info.decls.views.find((v) => within(v.node.range));
  const model = index.modelOf(info)?.model.uniqueId;
  return {
    ...(explore === undefined ? {} : { explore: explore.name }),
    ...(view === undefined ? {} : { view: view.name }),
    ...(model === undefined ? {} : { model }),
  };
}
