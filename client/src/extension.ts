import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { generateCommand } from "./commands/generate";
import { log, showErrorWithLog } from "./log";
import { startClient } from "./server";
import { StatusItem } from "./status";

let client: LanguageClient | undefined;

/** Starts the language server and registers the commands; everything else lives in modules. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const status = new StatusItem();
  context.subscriptions.push(status, log);

  try {
    client = await startClient(context, (state) => {
      status.show(state);
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
  };
  for (const [id, handler] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
