import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { registerBugs } from "./bugs/register";
import { generateCommand } from "./commands/generate";
import { revealCommand } from "./commands/reveal";
import { log, showErrorWithLog } from "./log";
import { startClient } from "./server";
import { registerRuns } from "./runs/register";
import { StatusItem } from "./status";
import { registerUsage } from "./usage/register";

let client: LanguageClient | undefined;

/** Starts the language server and registers the commands; everything else lives in modules. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const status = new StatusItem();
  context.subscriptions.push(status, log);

  try {
    let noticeShown = false;
    client = await startClient(context, (state) => {
      status.show(state);
      // One notice per session is enough; the status bar keeps showing the state.
      if (state.kind === "failed" && !noticeShown) {
        noticeShown = true;
        void showErrorWithLog(`Analytics Ops: ${state.message}.`);
      }
    });
  } catch (error: unknown) {
    status.show({ kind: "failed", message: "The language server did not start" });
    log.error(`Language server failed to start: ${String(error)}`);
    await showErrorWithLog("Analytics Ops: the language server did not start.");
    throw error;
  }

  const started = client;
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    "analyticsOps.generate": () => generateCommand(started),
    "analyticsOps.showLog": () => {
      log.show(true);
    },
    "analyticsOps.restartServer": () => started.restart(),
    "analyticsOps.reveal": revealCommand,
  };
  for (const [id, handler] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
  // The server reads trust once at start-up; granting it later needs a fresh server.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void started.restart()),
    registerUsage(context, started),
    registerBugs(context),
    registerRuns(context),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
