/**
 * One language server session: wires the LSP connection to the LookML and dbt logic. Handlers
 * stay thin; decisions live in the modules they call.
 */
import { fileURLToPath } from "node:url";
import {
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { stateNotification, type ServerState } from "../../../common/src/protocol";
import { isDashboardFile, parseDashboard } from "../lookml/dashboard";
import { parseLookml } from "../lookml/parser";
import { catchProcessErrors, guarded } from "./guard";

/** What the client told us at start-up. */
interface ClientSettings {
  trusted: boolean;
}

export function startSession(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settings: ClientSettings = { trusted: true };
  catchProcessErrors(connection);

  const setState = (state: ServerState): void => {
    void connection.sendNotification(stateNotification, state);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    settings.trusted = readTrust(params.initializationOptions);
    return { capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } };
  });

  connection.onInitialized(() => {
    setState({ kind: "ready", lookmlFiles: documents.all().length, dbtModels: 0, tookMs: 0 });
  });

  const publish = guarded(connection, "diagnostics", undefined, (doc: TextDocument) => {
    void connection.sendDiagnostics({ uri: doc.uri, diagnostics: syntaxDiagnostics(doc) });
  });
  documents.onDidChangeContent((event) => void publish(event.document));
  documents.onDidClose((event) => {
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}

function readTrust(options: unknown): boolean {
  if (typeof options !== "object" || options === null) return true;
  const trusted = (options as { trusted?: unknown }).trusted;
  return trusted !== false;
}

function syntaxDiagnostics(doc: TextDocument): Diagnostic[] {
  const path = doc.uri.startsWith("file:") ? fileURLToPath(doc.uri) : doc.uri;
  const text = doc.getText();
  const errors = isDashboardFile(path) ? parseDashboard(text).errors : parseLookml(text).errors;
  return errors.map((error) => ({
    range: error.range,
    message: error.message,
    severity: 1,
    source: "analytics-ops",
    code: "syntax",
  }));
}
