/** Entry point of the bundled language server (`dist/server.js`), started by the extension. */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startSession } from "./lsp/session";

startSession(createConnection(ProposedFeatures.all));
