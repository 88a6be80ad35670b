/**
 * Every code action at a range: the quick fixes the diagnostics carry (regenerate a view, move
 * a hand edit into a refinement), "Create refinement", and "File a bug".
 */
import type { CodeAction, CodeActionParams } from "vscode-languageserver/node";
import { quickFixesFor, toWorkspaceEdit } from "../diagnostics/fixes";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import { bugActions } from "./bugActions";
import { refinementActions, type RefinementSettings } from "./refinementActions";

export function codeActions(
  index: WorkspaceIndex,
  file: string,
  params: CodeActionParams,
  refinements: RefinementSettings,
): CodeAction[] {
  const diagnostics = params.context.diagnostics;
  const fixes = diagnostics.flatMap((diagnostic) =>
    quickFixesFor(index, diagnostic.data, { refinementPath: refinements.path }).map(
      (fix): CodeAction => ({
        title: fix.title,
        kind: "quickfix",
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: toWorkspaceEdit(fix),
      }),
    ),
  );
  return [
    ...fixes,
    ...refinementActions(index, file, params.range.start, refinements),
    ...bugActions(index, file, params.range, diagnostics),
  ];
}
