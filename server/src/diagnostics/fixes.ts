/**
 * The quick fixes behind drift diagnostics, as workspace edits: "Regenerate this view" writes
 * what the generator would write today; "Move this edit into a refinement" restores the
 * generated file and carries the hand edit into a refinement (in a file that refines the view
 * already, else a new one that the models are made to include). Neither loses text: a move is
 * offered only when the generator's original text is known for sure (its hash matches).
 */
import * as path from "node:path";
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { includeChanges, refinementFileFor } from "../actions/refinementFiles";
import type { Position } from "../lookml/ast";
import { readGeneratedHeader } from "../generate/header";
import { parseLookml } from "../lookml/parser";
import type { FileInfo } from "../workspace/fileInfo";
import { pathToUri } from "../workspace/paths";
import { regeneratedText } from "../workspace/viewDrift";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import type { FixData } from "./finding";
import { diffGenerated } from "./refinementDiff";

/** Edits to one file; `create` when the file does not exist yet. */
export interface FileChange {
  file: string;
  create: boolean;
  edits: TextEdit[];
}

/** A quick fix: its title and the changes it makes. */
export interface QuickFix {
  title: string;
  changes: FileChange[];
}

/** Where a new refinement file goes, relative to the project root; `{name}` is the view. */
export interface FixOptions {
  refinementPath: string;
}

const DEFAULT_OPTIONS: FixOptions = { refinementPath: "refinements/{name}.refinement.lkml" };

/** The quick fixes a diagnostic's `data` asks for (none when the data is not ours). */
export function quickFixesFor(
  index: WorkspaceIndex,
  data: unknown,
  options: FixOptions = DEFAULT_OPTIONS,
): QuickFix[] {
  if (!isFixData(data)) return [];
  const fix =
    data.fix === "regenerate-view"
      ? regenerateViewFix(index, data.file)
      : moveEditToRefinementFix(index, data.file, options);
  return fix === undefined ? [] : [fix];
}

function isFixData(data: unknown): data is FixData {
  if (typeof data !== "object" || data === null) return false;
  const record = data as Record<string, unknown>;
  const fix = record["fix"];
  return (
    (fix === "regenerate-view" || fix === "move-edit-to-refinement") &&
    typeof record["file"] === "string"
  );
}

/** "Regenerate this view": only for a file nobody edited, so nothing is overwritten. */
export function regenerateViewFix(index: WorkspaceIndex, file: string): QuickFix | undefined {
  const info = index.file(file);
  if (info?.generated === undefined || info.generated.edited) return undefined;
  const regenerated = regeneratedText(index, info);
  if (regenerated === undefined || regenerated.text === info.text) return undefined;
  return {
    title: "Regenerate this view",
    changes: [{ file, create: false, edits: [replaceAll(info.text, regenerated.text)] }],
  };
}

/** "Move this edit into a refinement". */
export function moveEditToRefinementFix(
  index: WorkspaceIndex,
  file: string,
  options: FixOptions = DEFAULT_OPTIONS,
): QuickFix | undefined {
  const info = index.file(file);
  // A file that does not parse cannot be compared field by field: moving part of a broken
  // value would carry the breakage into the refinement.
  if (info === undefined || info.errors.length > 0) return undefined;
  const pristine = pristineText(index, info);
  if (pristine === undefined) return undefined;

  const diff = diffGenerated(info.text, info.doc, pristine, parseLookml(pristine));
  if (!diff.changed) return undefined;
  const view =
    info.decls.views.find((v) => !v.refinement)?.name ?? path.basename(file, ".view.lkml");
  const target = refinementFileFor(
    index,
    file,
    { kind: "view", name: view },
    options.refinementPath,
  );
  const changes: FileChange[] = [
    addBlocks(index, target, view, diff.blocks),
    { file, create: false, edits: [replaceAll(info.text, pristine)] },
    ...includeChanges(index, file, target).map((c) => ({
      file: c.file,
      create: false,
      edits: [c.edit],
    })),
  ];
  return { title: "Move this edit into a refinement", changes };
}

// The generator's text for the model, trusted only when it hashes to the header's hash:
// then it is exactly what was generated, and the difference is exactly the hand edit.
function pristineText(index: WorkspaceIndex, info: FileInfo): string | undefined {
  const regenerated = regeneratedText(index, info);
  if (regenerated === undefined || info.generated === undefined) return undefined;
  const header = readGeneratedHeader(regenerated.text);
  return header?.hash === info.generated.hash ? regenerated.text : undefined;
}

/**
 * Adds the moved edit to the refinement file: before the file's first refinement of the view,
 * so refinements written earlier still override it as they overrode the edit in the generated
 * file; at the end when the file does not refine the view yet.
 */
function addBlocks(
  index: WorkspaceIndex,
  target: string,
  view: string,
  blocks: string[],
): FileChange {
  const text = index.fs.readFile(target);
  const body = `${blocks.join("\n\n")}\n`;
  if (text === undefined)
    return { file: target, create: true, edits: [insertAt({ line: 0, character: 0 }, body)] };

  const first = index.file(target)?.decls.views.find((v) => v.refinement && v.name === view);
  if (first !== undefined) {
    const at = { line: first.node.range.start.line, character: 0 };
    return { file: target, create: false, edits: [insertAt(at, `${body}\n`)] };
  }
  const end = endOf(text);
  const separator =
    text === "" ? "" : text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
  return { file: target, create: false, edits: [insertAt(end, `${separator}${body}`)] };
}

function replaceAll(oldText: string, newText: string): TextEdit {
  return { range: { start: { line: 0, character: 0 }, end: endOf(oldText) }, newText };
}

function insertAt(at: Position, newText: string): TextEdit {
  return { range: { start: at, end: at }, newText };
}

function endOf(text: string): Position {
  const lines = text.split("\n");
  return { line: lines.length - 1, character: (lines[lines.length - 1] ?? "").length };
}

/** A quick fix as an LSP workspace edit (file creations first). */
export function toWorkspaceEdit(fix: QuickFix): WorkspaceEdit {
  const documentChanges: WorkspaceEdit["documentChanges"] = [];
  for (const change of fix.changes) {
    const uri = pathToUri(change.file);
    if (change.create)
      documentChanges.push({ kind: "create", uri, options: { ignoreIfExists: true } });
    const edit: TextDocumentEdit = { textDocument: { uri, version: null }, edits: change.edits };
    documentChanges.push(edit);
  }
  return { documentChanges };
}
