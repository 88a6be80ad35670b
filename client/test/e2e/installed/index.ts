/**
 * Runs inside the extension host of a code-server that has the packaged .vsix installed (and
 * no extension loaded from the repository): checks that the installed copy activates.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as vscode from "vscode";
import { outputMarker } from "../marker";

const extensionId = "analytics-ops.analytics-ops";

/** The test-electron contract: resolves when the installed extension works, else rejects. */
export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed`);
  const installedIn = process.env["ANALYTICS_OPS_E2E_EXTENSIONS_DIR"] ?? "";
  assert.ok(
    installedIn !== "" && extension.extensionPath.startsWith(installedIn + path.sep),
    `loaded from ${extension.extensionPath}, not from the extensions folder ${installedIn}`,
  );

  const lkml = await vscode.workspace.findFiles("**/*.lkml", undefined, 1);
  assert.ok(lkml[0], "the workspace holds no .lkml file");
  const doc = await vscode.workspace.openTextDocument(lkml[0]);
  await vscode.window.showTextDocument(doc);
  // Activation must come from the manifest's activation events, not from the test.
  await until(() => extension.isActive, "the extension to activate", 60_000);

  const commands = await vscode.commands.getCommands(true);
  assert.equal(doc.languageId, "lookml");
  assert.ok(extension.isActive, "the extension did not activate");
  assert.ok(commands.includes("analyticsOps.generate"), "its commands are not registered");
  const version = String((extension.packageJSON as { version?: unknown }).version);
  console.log(`${outputMarker}installed: ${extension.id} ${version} is active`);
  console.log(`${outputMarker}vsix: 1 passed, 0 failed`);
}

async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
