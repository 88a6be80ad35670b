/**
 * Shared steps of the end-to-end tests: waiting for a condition or an event, and finding the
 * parts of the sample workspace a test needs (generated views, refinements, explores) by reading
 * it, so the tests do not hard-code its file names.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";

/** The extension's id: publisher.name from package.json. */
export const extensionId = "analytics-ops.analytics-ops";

/** A LookML file of the workspace and its text on disk. */
export interface LookmlFile {
  readonly uri: vscode.Uri;
  readonly text: string;
}

/**
 * Resolves with the first value `check` returns other than undefined, checking again every
 * 100 ms; fails after `timeoutMs` with a message naming what was awaited.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Resolves once the diagnostics of `uri` satisfy `pick` (checked now and on every change);
 * fails after `timeoutMs` listing the diagnostics it last saw.
 */
export function waitForDiagnostics<T>(
  uri: vscode.Uri,
  what: string,
  pick: (diagnostics: readonly vscode.Diagnostic[]) => T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const found = pick(vscode.languages.getDiagnostics(uri));
      if (found === undefined) return false;
      finish();
      resolve(found);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      const seen = vscode.languages.getDiagnostics(uri).map(describeDiagnostic);
      reject(new Error(`Timed out waiting for ${what}; diagnostics: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** A diagnostic as one line: where, code and message. */
export function describeDiagnostic(d: vscode.Diagnostic): string {
  const code = typeof d.code === "object" ? d.code.value : d.code;
  return `${d.range.start.line + 1}:${d.range.start.character + 1} [${String(code)}] ${d.message}`;
}

/** The first workspace folder's path. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) throw new Error("The tests need a workspace folder open.");
  return folder.uri.fsPath;
}

/** Every .lkml file of the workspace with its text on disk, sorted by path. */
export async function lookmlFiles(): Promise<LookmlFile[]> {
  const uris = await vscode.workspace.findFiles("**/*.lkml", "**/node_modules/**");
  return uris
    .map((uri) => ({ uri, text: fs.readFileSync(uri.fsPath, "utf8") }))
    .sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
}

/**
 * True for a view file the generator wrote: its leading comment block says it is generated and
 * carries the content hash (a hand-written refinement may mention "generated" too).
 */
export function isGenerated(text: string): boolean {
  const lines = text.split("\n");
  const end = lines.findIndex((line) => !line.startsWith("#"));
  const header = lines.slice(0, end === -1 ? lines.length : end).join("\n");
  return /\bgenerated\b/i.test(header) && /\bhash\b/i.test(header);
}

/** The name of the (first) view a file declares, refinements excluded. */
export function declaredView(text: string): string | undefined {
  return /^\s*view:\s*(\w+)\s*\{/m.exec(text)?.[1];
}

/** Names of the fields of one kind (dimension, measure...) declared in a text. */
export function fieldsOfKind(text: string, kind: string): string[] {
  const pattern = new RegExp(`^\\s*${kind}:\\s*(\\w+)\\s*\\{`, "gm");
  return [...text.matchAll(pattern)].map((m) => m[1] ?? "");
}

/** The range of the `occurrence`-th match of `text` in a document. */
export function rangeOf(
  doc: vscode.TextDocument,
  text: string | RegExp,
  occurrence = 0,
): vscode.Range {
  const pattern =
    typeof text === "string"
      ? new RegExp(escapeRegExp(text), "g")
      : new RegExp(text.source, text.flags.includes("g") ? text.flags : `${text.flags}g`);
  const match = [...doc.getText().matchAll(pattern)][occurrence];
  if (match === undefined) {
    throw new Error(`${String(text)} is not in ${path.basename(doc.uri.fsPath)}`);
  }

  const start = doc.positionAt(match.index);
  return new vscode.Range(start, doc.positionAt(match.index + match[0].length));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Waits until the extension is active (the sample's .lkml files activate it) and returns it. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (extension === undefined) throw new Error(`${extensionId} is not installed`);
  await waitFor("the extension to activate", () => (extension.isActive ? true : undefined), 60_000);
  return extension;
}

/** Text of a file as the editor has it (unsaved edits included), else as on disk. */
export function currentText(file: string): string | undefined {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
  if (open !== undefined) return open.getText();
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

/** Closes all editors without saving, so each test starts from the files on disk. */
export async function closeAllWithoutSaving(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand("workbench.action.files.revert");
  }
  await vscode.commands.executeCommand("workbench.action.closeAllEditors");
}
