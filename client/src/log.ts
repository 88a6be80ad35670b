import * as vscode from "vscode";

/** The one log of the extension's client side, a log-level output channel. */
export const log: vscode.LogOutputChannel = vscode.window.createOutputChannel("Analytics Ops", {
  log: true,
});

/** Shows an error once, with a button that opens the log where the details are. */
export async function showErrorWithLog(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(
    `${message} See the "Analytics Ops" output for details.`,
    "Open log",
  );
  if (choice === "Open log") log.show(true);
}
