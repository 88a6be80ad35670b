import * as path from "node:path";
import * as vscode from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { stateNotification, type ServerState } from "../../common/src/protocol";
import { log } from "./log";

/** Starts the language server from the bundled `dist/server.js` and returns its client. */
export async function startClient(
  context: vscode.ExtensionContext,
  onState: (state: ServerState) => void,
): Promise<LanguageClient> {
  const module = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--inspect=6011"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "lookml" },
      { scheme: "untitled", language: "lookml" },
      // Dashboards are YAML; the server still reports their YAML errors.
      { scheme: "file", pattern: "**/*.dashboard.{lookml,lkml}" },
    ],
    outputChannel: log,
    traceOutputChannel: vscode.window.createOutputChannel("Analytics Ops Trace", { log: true }),
    // A function, so a restart after the workspace is trusted sends the new trust.
    initializationOptions: () => ({
      trusted: vscode.workspace.isTrusted,
      usageCacheFile: vscode.Uri.joinPath(context.globalStorageUri, "usage-cache.json").fsPath,
    }),
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher("**/*.{lkml,lookml}"),
        vscode.workspace.createFileSystemWatcher(
          "**/{dbt_project.yml,manifest.json,catalog.json,run_results.json,sources.json}",
        ),
      ],
    },
  };

  const client = new LanguageClient(
    "analyticsOps",
    "Analytics Ops Language Server",
    serverOptions,
    clientOptions,
  );
  context.subscriptions.push(client.onNotification(stateNotification, onState));
  await client.start();
  return client;
}
