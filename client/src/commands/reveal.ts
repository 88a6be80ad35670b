import * as vscode from "vscode";

/** Opens a document with the cursor at a position; the server sends it after a code action. */
export async function revealCommand(uri: unknown, position: unknown): Promise<void> {
  if (typeof uri !== "string") return;
  const { line, character } = readPosition(position);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
  const at = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(
    new vscode.Range(at, at),
    vscode.TextEditorRevealType.InCenterIfOutsideViewport,
  );
}

function readPosition(value: unknown): { line: number; character: number } {
  const p = value as { line?: unknown; character?: unknown } | undefined;
  return {
    line: typeof p?.line === "number" ? p.line : 0,
    character: typeof p?.character === "number" ? p.character : 0,
  };
}
