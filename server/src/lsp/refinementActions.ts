/**
 * The "Create refinement" code actions: on a generated view or one of its fields, and on an
 * explore, a workspace edit that writes the refinement (into an existing one when there is
 * one) and adds its file to the models that need it.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Position,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import { includeChanges, refinementFileFor } from "../actions/refinementFiles";
import { planRefinement, type ScaffoldRequest } from "../actions/scaffold";
import type { Range } from "../lookml/ast";
import { parseLookml } from "../lookml/parser";
import type { ExploreDecl, FieldDecl, ViewDecl } from "../workspace/declarations";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import { pathToUri } from "../workspace/paths";

/** Where new refinement files go: a folder under the project root and a file name pattern. */
export interface RefinementSettings {
  /** Relative to the LookML project root; `{name}` is the view or explore name. */
  path: string;
}

export const defaultRefinementSettings: RefinementSettings = {
  path: "refinements/{name}.refinements.lkml",
};

/** Command the client runs after the edit, to show the new or existing refinement. */
export const revealCommand = "analyticsOps.reveal";

/** The refinement actions for a position in a file. */
export function refinementActions(
  index: WorkspaceIndex,
  file: string,
  position: Position,
  settings: RefinementSettings,
): CodeAction[] {
  const info = index.file(file);
  if (info === undefined) return [];

  const actions: CodeAction[] = [];
  const view = info.generated === undefined ? undefined : enclosing(info.decls.views, position);
  if (view !== undefined && !view.refinement) {
    const field = enclosing(view.fields, position);
    const request = viewRequest(view, field);
    const title =
      field === undefined
        ? `Create refinement of ${view.name}`
        : `Create refinement of ${view.name}.${field.name}`;
    actions.push(buildAction(index, file, request, title, settings));
  }

  const explore = enclosing(info.decls.explores, position);
  if (explore !== undefined && !explore.refinement) {
    const request: ScaffoldRequest = { kind: "explore", name: explore.name };
    actions.push(
      buildAction(index, file, request, `Create explore refinement of ${explore.name}`, settings),
    );
  }
  return actions;
}

function enclosing<T extends ViewDecl | ExploreDecl | FieldDecl>(
  decls: T[],
  position: Position,
): T | undefined {
  return decls.find((d) => contains(d.node.range, position));
}

function contains(range: Range, p: Position): boolean {
  const afterStart =
    p.line > range.start.line ||
    (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd =
    p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

function viewRequest(view: ViewDecl, field: FieldDecl | undefined): ScaffoldRequest {
  if (field === undefined) return { kind: "view", name: view.name };
  const stub =
    field.type === undefined
      ? { kind: field.kind, name: field.name }
      : { kind: field.kind, name: field.name, type: field.type };
  return { kind: "view", name: view.name, field: stub };
}

function buildAction(
  index: WorkspaceIndex,
  baseFile: string,
  request: ScaffoldRequest,
  title: string,
  settings: RefinementSettings,
): CodeAction {
  const target = refinementFileFor(index, baseFile, request, settings.path);
  const text = index.fs.readFile(target) ?? "";
  const exists = index.file(target) !== undefined || index.fs.stat(target) !== undefined;
  const plan = planRefinement(text, parseLookml(text), request);

  const uri = pathToUri(target);
  const changes: WorkspaceEdit["documentChanges"] = [];
  if (!exists) changes.push({ kind: "create", uri, options: { ignoreIfExists: true } });
  if (plan.edits.length > 0) changes.push(textEdit(uri, plan.edits));
  for (const change of includeChanges(index, baseFile, target)) {
    changes.push(textEdit(pathToUri(change.file), [change.edit]));
  }

  return {
    title,
    kind: CodeActionKind.RefactorRewrite,
    edit: { documentChanges: changes },
    command: { title: "Show refinement", command: revealCommand, arguments: [uri, plan.reveal] },
  };
}

function textEdit(uri: string, edits: { range: Range; newText: string }[]): TextDocumentEdit {
  return { textDocument: { uri, version: null }, edits };
}
