/**
 * Registers the bug ledger commands. Call once from `activate`; they are disposed with the
 * extension (the returned disposable unregisters them earlier if needed). The server offers
 * "File a bug" as a code action with a FileBugArgs argument.
 */
import * as vscode from "vscode";
import { BUG_COMMANDS } from "../../../common/src/bugs";
import { log, showErrorWithLog } from "../log";
import { bugReport, closeBugCommand, fileBug } from "./commands";
import { HtmlPanel } from "./htmlPanel";

/** Registers "File a bug", "Close bug" and "Bug report". */
export function registerBugs(context: vscode.ExtensionContext): vscode.Disposable {
  const panel = new HtmlPanel("analyticsOps.bugReport", "Bug report");
  const commands: Record<string, (arg: unknown) => Promise<void>> = {
    [BUG_COMMANDS.fileBug]: fileBug,
    [BUG_COMMANDS.closeBug]: closeBugCommand,
    [BUG_COMMANDS.bugReport]: () => bugReport(panel),
  };
  const disposables = [
    new vscode.Disposable(() => {
      panel.dispose();
    }),
  ];
  for (const [id, run] of Object.entries(commands)) {
    disposables.push(
      vscode.commands.registerCommand(id, (arg: unknown) =>
        run(arg).catch(async (error: unknown) => {
          log.error(`${id} failed: ${error instanceof Error ? error.message : String(error)}`);
          await showErrorWithLog(`${id} failed.`);
        }),
      ),
    );
  }
  const all = vscode.Disposable.from(...disposables);
  context.subscriptions.push(all);
  return all;
}
