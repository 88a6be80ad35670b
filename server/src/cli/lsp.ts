import { parseArgs } from "node:util";
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver/node";
import { startSession } from "../lsp/session";
import type { CliCommand } from "./command";
import { UserError } from "./command";

const USAGE = `Usage: analytics-ops lsp --stdio

Runs the Analytics Ops language server over stdin and stdout, for any LSP editor (Neovim,
Helix...). Settings come from the editor's "analyticsOps" section, or from
initializationOptions.settings. Exits 0 after the editor's shutdown and exit, 1 when the
stream breaks (the editor can then start it again).
`;

/**
 * `analytics-ops lsp --stdio`: the language server for any LSP editor. Resolves when the
 * client ends the session, or with 1 when the message stream is broken beyond repair.
 */
export const lspCommand: CliCommand = async (args, io) => {
  const { values } = parseArgsOrThrow(args);
  if (values.help === true) {
    io.out(USAGE);
    return 0;
  }
  if (values.stdio !== true) throw new UserError(`only --stdio is supported.\n${USAGE}`);

  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  return new Promise<number>((resolve) => {
    // A header that cannot be read leaves the stream out of step for good: stop, so that the
    // editor sees the server end and can start a new one, rather than waiting forever.
    reader.onError((error) => {
      io.err(`analytics-ops lsp: unreadable message from the editor: ${error.message}\n`);
      connection.dispose();
      process.stdin.destroy();
      resolve(1);
    });
    connection.onExit(() => {
      resolve(0);
    });
    startSession(connection);
  });
};

function parseArgsOrThrow(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { stdio: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error: unknown) {
    throw new UserError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}
