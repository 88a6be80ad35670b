/**
 * One language server session: wires the LSP connection to the LookML and dbt logic. Handlers
 * stay thin; decisions live in the modules they call.
 */
import * as path from "node:path";
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type Connection,
  type DocumentSymbolParams,
  type FoldingRangeParams,
  type Hover,
  type ReferenceParams,
  type SymbolInformation,
  type TextDocumentPositionParams,
  type WorkspaceSymbolParams,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  generateRequest,
  projectsRequest,
  stateNotification,
  type GenerateParams,
  type GenerateResult,
  type ProjectsResult,
  type ServerState,
} from "../../../common/src/protocol";
import { completion } from "../features/completion";
import { definition } from "../features/definition";
import { hover } from "../features/hover";
import { references } from "../features/references";
import { documentSymbols, foldingRanges, workspaceSymbols } from "../features/symbols";
import { generate } from "../generate";
import { formatSummary } from "../generate/summary";
import { catchProcessErrors, guarded, guardedNotification } from "./guard";
import { uriToPath } from "../workspace/paths";
import { codeActions } from "./codeActions";
import { UptimeHost } from "./uptimeHost";
import { UsageHost } from "./usageHost";
import { readSettings, type ServerSettings } from "./settings";
import { WorkspaceHost } from "./workspaceHost";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";

/** What the client told us at start-up. */
interface ClientInfo {
  trusted: boolean;
  roots: string[];
  pullsConfiguration: boolean;
  refreshesLenses: boolean;
  /** Where the client keeps the last fetched explore usage (its global storage). */
  usageCacheFile: string | undefined;
}

export function startSession(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const client: ClientInfo = {
    trusted: true,
    roots: [],
    pullsConfiguration: false,
    refreshesLenses: false,
    usageCacheFile: undefined,
  };
  let settings = readSettings({});
  let host: WorkspaceHost | undefined;
  let usage: UsageHost | undefined;
  let uptime: UptimeHost | undefined;
  catchProcessErrors(connection);

  const setState = (state: ServerState): void => {
    void connection.sendNotification(stateNotification, state);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    Object.assign(client, readClient(params));
    settings = readSettings(initialSettings(params.initializationOptions));
    return { capabilities: capabilities() };
  });

  connection.onInitialized(
    guardedNotification(connection, "start-up", async () => {
      settings = await pullSettings(connection, client, settings);
      const started = new WorkspaceHost(connection, hostOptions(client, settings), setState);
      host = started;
      started.load();
      for (const doc of documents.all()) openDocument(doc);

      const refresh = (): void => {
        started.publishAll();
        if (client.refreshesLenses) void connection.sendRequest(CodeLensRefreshRequest.type);
      };
      usage = new UsageHost(connection, client.usageCacheFile, client.trusted, refresh);
      uptime = new UptimeHost(connection, client.trusted, refresh);
      const [usageHost, uptimeHost] = [usage, uptime];
      started.addDiagnostics((file) => usageHost.diagnostics(file));
      started.addDiagnostics((file) => uptimeHost.diagnostics(started.index, file));
      await usageHost.start(started.index, settings.raw);
      await uptimeHost.start(started.index, settings.raw["uptime"]);
      if (client.pullsConfiguration) {
        await connection.client.register(DidChangeConfigurationNotification.type, {
          section: "analyticsOps",
        });
      }
    }),
  );

  const openDocument = (doc: TextDocument): void => {
    const file = uriToPath(doc.uri);
    if (file === undefined || host === undefined) return;
    host.documentChanged(file, doc.getText());
    usage?.sync(host.index);
  };

  documents.onDidChangeContent(
    guardedNotification(connection, "diagnostics", (e) => {
      openDocument(e.document);
    }),
  );
  documents.onDidClose(
    guardedNotification(connection, "diagnostics", (e) => {
      const file = uriToPath(e.document.uri);
      if (file !== undefined) host?.documentClosed(file);
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardedNotification(connection, "file watching", (params) => {
      for (const change of params.changes) {
        const file = uriToPath(change.uri);
        if (file === undefined || host === undefined) continue;
        if (isRunArtifact(file)) void uptime?.runArtifactChanged(host.index, file);
        else if (isArtifact(file)) host.artifactChanged(file);
        else if (change.type !== FileChangeType.Changed || !host.overlay.isOpen(file))
          host.lookmlFileChanged(file);
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guardedNotification(connection, "settings", async (params) => {
      settings = client.pullsConfiguration
        ? await pullSettings(connection, client, settings)
        : readSettings(readSection(params.settings));
      if (host === undefined) return;
      host.reconfigure(hostOptions(client, settings));
      usage?.configure(host.index, settings.raw);
      await uptime?.reconfigure(host.index, settings.raw["uptime"]);
    }),
  );

  connection.onCodeAction(
    guarded(connection, "code actions", [] as CodeAction[], (params: CodeActionParams) => {
      const file = uriToPath(params.textDocument.uri);
      if (file === undefined || host === undefined) return [];
      return codeActions(host.index, file, params, settings.refinements);
    }),
  );

  connection.onHover(
    guarded(connection, "hover", null, (params): Hover | null => {
      const file = uriToPath(params.textDocument.uri);
      if (file === undefined || host === undefined) return null;
      const own = hover(host.index, params.textDocument.uri, params.position);
      const parts = [
        markdownOf(own),
        usage?.hover(file, params.position),
        ...(uptime?.hover(host.index, file, params.position) ?? []),
      ].filter((part) => part !== undefined && part !== "");
      if (parts.length === 0) return null;
      const value = parts.join("\n\n---\n\n");
      return { contents: { kind: "markdown", value }, ...(own?.range ? { range: own.range } : {}) };
    }),
  );

  const withIndex = <P extends { textDocument: { uri: string } }, R>(
    feature: string,
    fallback: R,
    handler: (index: WorkspaceIndex, params: P) => R,
  ) =>
    guarded(connection, feature, fallback, (params: P) =>
      host === undefined ? fallback : handler(host.index, params),
    );

  connection.onDefinition(
    withIndex("definition", [], (index, p: TextDocumentPositionParams) =>
      definition(index, p.textDocument.uri, p.position),
    ),
  );
  connection.onReferences(
    withIndex("references", [], (index, p: ReferenceParams) =>
      references(index, p.textDocument.uri, p.position, p.context.includeDeclaration),
    ),
  );
  connection.onCompletion(
    withIndex("completion", [], (index, p: TextDocumentPositionParams) =>
      completion(index, p.textDocument.uri, p.position),
    ),
  );
  connection.onDocumentSymbol(
    withIndex("document symbols", [], (index, p: DocumentSymbolParams) =>
      documentSymbols(index, p.textDocument.uri),
    ),
  );
  connection.onFoldingRanges(
    withIndex("folding", [], (index, p: FoldingRangeParams) =>
      foldingRanges(index, p.textDocument.uri),
    ),
  );
  connection.onWorkspaceSymbol(
    guarded(
      connection,
      "workspace symbols",
      [] as SymbolInformation[],
      (p: WorkspaceSymbolParams) =>
        host === undefined ? [] : workspaceSymbols(host.index, p.query),
    ),
  );

  connection.onCodeLens(
    guarded(connection, "code lens", [] as CodeLens[], (params) => {
      const file = uriToPath(params.textDocument.uri);
      return file === undefined || usage === undefined ? [] : usage.lenses(file);
    }),
  );

  connection.onRequest(
    projectsRequest,
    guarded(connection, "project listing", { dbtProjects: [], lookmlProjects: [] }, () =>
      listProjects(host),
    ),
  );
  connection.onRequest(generateRequest, (params: GenerateParams) =>
    runGenerate(connection, client, params),
  );

  connection.onShutdown(async () => {
    host?.dispose();
    uptime?.dispose();
    await usage?.dispose();
  });
  documents.listen(connection);
  connection.listen();
}

function capabilities(): InitializeResult["capabilities"] {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    codeActionProvider: { codeActionKinds: ["quickfix", "refactor.rewrite"] },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    completionProvider: { triggerCharacters: ["{", ".", ":", " "] },
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    foldingRangeProvider: true,
    codeLensProvider: { resolveProvider: false },
    workspace: { workspaceFolders: { supported: true } },
  };
}

function readClient(params: InitializeParams): ClientInfo {
  const folders = params.workspaceFolders ?? [];
  const roots = folders.map((f) => uriToPath(f.uri)).filter((p) => p !== undefined);
  // Editors without workspace folders still send the deprecated rootUri.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const rootUri = params.rootUri;
  if (roots.length === 0 && rootUri !== null) {
    const root = uriToPath(rootUri);
    if (root !== undefined) roots.push(root);
  }
  const options = params.initializationOptions as
    { trusted?: unknown; usageCacheFile?: unknown } | undefined;
  return {
    trusted: options?.trusted !== false,
    roots,
    pullsConfiguration: params.capabilities.workspace?.configuration === true,
    refreshesLenses: params.capabilities.workspace?.codeLens?.refreshSupport === true,
    usageCacheFile:
      typeof options?.usageCacheFile === "string" ? options.usageCacheFile : undefined,
  };
}

function initialSettings(options: unknown): unknown {
  return (options as { settings?: unknown } | undefined)?.settings;
}

function readSection(settings: unknown): unknown {
  return (settings as { analyticsOps?: unknown } | undefined)?.analyticsOps;
}

async function pullSettings(
  connection: Connection,
  client: ClientInfo,
  current: ServerSettings,
): Promise<ServerSettings> {
  if (!client.pullsConfiguration) return current;
  const section: unknown = await connection.workspace.getConfiguration({ section: "analyticsOps" });
  return readSettings(section);
}

function hostOptions(client: ClientInfo, settings: ServerSettings) {
  const base = client.roots[0] ?? process.cwd();
  return {
    roots: client.roots,
    dbtProjects:
      settings.dbtProjectPath === "" ? [] : [path.resolve(base, settings.dbtProjectPath)],
    targetPath: settings.dbtTargetPath === "" ? undefined : settings.dbtTargetPath,
    severities: settings.severities,
  };
}

function isRunArtifact(file: string): boolean {
  const name = path.basename(file);
  return name === "run_results.json" || name === "sources.json";
}

function isArtifact(file: string): boolean {
  const name = path.basename(file);
  return name === "manifest.json" || name === "catalog.json";
}

function listProjects(host: WorkspaceHost | undefined): ProjectsResult {
  if (host === undefined) return { dbtProjects: [], lookmlProjects: [] };
  return {
    dbtProjects: host.index.dbtProjects().map((p) => ({ dir: p.dir, name: path.basename(p.dir) })),
    lookmlProjects: host.index.allProjects().map((p) => ({ dir: p.root })),
  };
}

async function runGenerate(
  connection: Connection,
  client: ClientInfo,
  params: GenerateParams,
): Promise<GenerateResult> {
  if (!client.trusted)
    throw new Error("Generating LookML writes files; trust this workspace first.");
  const summary = await generate({
    ...params,
    log: (line) => {
      connection.console.info(line);
    },
  });
  return {
    written: summary.written.length,
    unchanged: summary.unchanged.length,
    skipped: summary.skipped.length,
    refused: summary.refused.length,
    errors: summary.errors.length,
    text: formatSummary(summary, params.outDir),
    outDir: summary.outDir,
  };
}

function markdownOf(hover: Hover | null): string | undefined {
  if (hover === null) return undefined;
  const contents = hover.contents;
  if (typeof contents === "string") return contents;
  if ("kind" in contents) return contents.value;
  return undefined;
}
