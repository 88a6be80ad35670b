/**
 * One language server session: keeps the workspace host and its services, and wires the LSP
 * connection to them. Handlers stay thin; decisions live in the modules they call.
 */
import * as path from "node:path";
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocuments,
  type Connection,
  type DidChangeWatchedFilesParams,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  generateRequest,
  projectsRequest,
  stateNotification,
  type GenerateParams,
  type ServerState,
} from "../../../common/src/protocol";
import { uriToPath } from "../workspace/paths";
import { capabilities, readClient, type ClientInfo } from "./clientInfo";
import { catchProcessErrors, guarded, guardedNotification } from "./guard";
import { registerLanguageFeatures } from "./languageFeatures";
import { listProjects, runGenerate } from "./projectRequests";
import { readSettings, type ServerSettings } from "./settings";
import { UptimeHost } from "./uptimeHost";
import { UsageHost } from "./usageHost";
import { WorkspaceHost, type HostOptions } from "./workspaceHost";

/** Starts a session on a connection; it ends when the client sends `exit`. */
export function startSession(connection: Connection): void {
  new Session(connection).listen();
}

class Session {
  private readonly documents = new TextDocuments(TextDocument);
  private client: ClientInfo | undefined;
  private settings: ServerSettings = readSettings({});
  private host: WorkspaceHost | undefined;
  private usage: UsageHost | undefined;
  private uptime: UptimeHost | undefined;

  constructor(private readonly connection: Connection) {
    catchProcessErrors(connection);
  }

  listen(): void {
    const connection = this.connection;
    connection.onInitialize((params) => {
      this.client = readClient(params);
      this.settings = readSettings(this.client.initialSettings);
      return { capabilities: capabilities() };
    });
    connection.onInitialized(guardedNotification(connection, "start-up", () => this.start()));
    connection.onShutdown(() => this.stop());

    this.registerDocumentEvents();
    registerLanguageFeatures(connection, {
      index: () => {
        // A request sees every keystroke sent before it.
        this.host?.flush();
        return this.host?.index;
      },
      usage: () => this.usage,
      uptime: () => this.uptime,
      refinements: () => this.settings.refinements,
    });
    connection.onRequest(
      projectsRequest,
      guarded(connection, "project listing", listProjects(undefined), () =>
        listProjects(this.host?.index),
      ),
    );
    connection.onRequest(generateRequest, (params: GenerateParams) =>
      runGenerate(connection, this.client?.trusted ?? false, params),
    );

    this.documents.listen(connection);
    connection.listen();
  }

  private async start(): Promise<void> {
    const client = this.requireClient();
    this.settings = await this.pullSettings();
    const host = new WorkspaceHost(this.connection, this.hostOptions(), (state) => {
      this.setState(state);
    });
    this.host = host;
    host.load();
    for (const doc of this.documents.all()) this.documentChanged(doc);

    const refresh = (): void => {
      host.publishAll();
      if (client.refreshesLenses) void this.connection.sendRequest(CodeLensRefreshRequest.type);
    };
    const usage = new UsageHost(this.connection, client.usageCacheFile, client.trusted, refresh);
    const uptime = new UptimeHost(this.connection, client.trusted, refresh);
    [this.usage, this.uptime] = [usage, uptime];
    host.onIndexChanged(() => {
      usage.sync(host.index);
    });
    host.addDiagnostics((file) => usage.diagnostics(file));
    host.addDiagnostics((file) => uptime.diagnostics(host.index, file));
    await usage.start(host.index, this.settings.raw);
    await uptime.start(host.index, this.settings.raw["uptime"]);

    if (client.pullsConfiguration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, {
        section: "analyticsOps",
      });
    }
  }

  private async stop(): Promise<void> {
    this.host?.dispose();
    this.uptime?.dispose();
    await this.usage?.dispose();
  }

  private registerDocumentEvents(): void {
    const connection = this.connection;
    this.documents.onDidChangeContent(
      guardedNotification(connection, "diagnostics", (e) => {
        this.documentChanged(e.document);
      }),
    );
    this.documents.onDidClose(
      guardedNotification(connection, "diagnostics", (e) => {
        const file = uriToPath(e.document.uri);
        if (file !== undefined) this.host?.documentClosed(file);
      }),
    );
    connection.onDidChangeWatchedFiles(
      guardedNotification(connection, "file watching", (params) => {
        this.filesChanged(params);
      }),
    );
    connection.onDidChangeConfiguration(
      guardedNotification(connection, "settings", (params) =>
        this.settingsChanged((params.settings as { analyticsOps?: unknown }).analyticsOps),
      ),
    );
  }

  private documentChanged(doc: TextDocument): void {
    const file = uriToPath(doc.uri);
    if (file === undefined || this.host === undefined) return;
    this.host.documentChanged(file, doc.getText());
  }

  private filesChanged(params: DidChangeWatchedFilesParams): void {
    const host = this.host;
    if (host === undefined) return;
    for (const change of params.changes) {
      const file = uriToPath(change.uri);
      if (file === undefined) continue;

      const name = path.basename(file);
      if (name === "run_results.json" || name === "sources.json") {
        void this.uptime?.runArtifactChanged(host.index, file);
      } else if (name === "manifest.json" || name === "catalog.json") {
        host.artifactChanged(file);
      } else if (change.type !== FileChangeType.Changed || !host.overlay.isOpen(file)) {
        // An open document's own text wins over the disk until it is closed.
        host.pathChanged(file);
      }
    }
  }

  private async settingsChanged(pushed: unknown): Promise<void> {
    this.settings =
      this.client?.pullsConfiguration === true ? await this.pullSettings() : readSettings(pushed);
    const host = this.host;
    if (host === undefined) return;
    host.reconfigure(this.hostOptions());
    this.usage?.configure(host.index, this.settings.raw);
    await this.uptime?.reconfigure(host.index, this.settings.raw["uptime"]);
  }

  private async pullSettings(): Promise<ServerSettings> {
    if (this.client?.pullsConfiguration !== true) return this.settings;
    const section: unknown = await this.connection.workspace.getConfiguration({
      section: "analyticsOps",
    });
    return readSettings(section);
  }

  private hostOptions(): HostOptions {
    const roots = this.requireClient().roots;
    const { dbtProjectPath, dbtTargetPath, severities } = this.settings;
    const base = roots[0] ?? process.cwd();
    return {
      roots,
      dbtProjects: dbtProjectPath === "" ? [] : [path.resolve(base, dbtProjectPath)],
      targetPath: dbtTargetPath === "" ? undefined : dbtTargetPath,
      severities,
      documentedOnly: this.settings.generate.documentedColumnsOnly,
    };
  }

  private requireClient(): ClientInfo {
    if (this.client === undefined) throw new Error("the client has not initialized the server");
    return this.client;
  }

  private setState(state: ServerState): void {
    void this.connection.sendNotification(stateNotification, state);
  }
}
