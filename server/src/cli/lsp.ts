import { parseArgs } from "node:util";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startSession } from "../lsp/session";
import type { CliCommand } from "./command";
import { UserError } from "./command";

/**
 * `analytics-ops lsp --stdio`: the language server for any LSP editor (Neovim, Helix...).
 * Resolves when the client closes the connection.
 */
export const lspCommand: CliCommand = async (args) => {
  const { values } = parseArgs({ args, options: { stdio: { type: "boolean" } } });
  if (values.stdio !== true)
    throw new UserError("only --stdio is supported: analytics-ops lsp --stdio");

  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  await new Promise<void>((resolve) => {
    connection.onExit(() => {
      resolve();
    });
    startSession(connection);
  });
  return 0;
};
