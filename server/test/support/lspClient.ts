/**
 * A minimal LSP client for protocol-level tests: starts `analytics-ops lsp --stdio` from the
 * sources and speaks JSON-RPC to it, as an editor would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stateNotification, type ServerState } from "../../../common/src/protocol";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

const root = path.resolve(__dirname, "..", "..", "..");

export interface TestServer {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  nextDiagnostics: (
    uri: string,
    accept?: (params: PublishDiagnosticsParams) => boolean,
  ) => Promise<PublishDiagnosticsParams>;
  /** Like `nextDiagnostics`, but also takes the last diagnostics already published. */
  diagnostics: (
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean,
  ) => Promise<PublishDiagnosticsParams>;
  /** Resolves with the first server state (sent so far or next) that satisfies `accept`. */
  state: (accept: (state: ServerState) => boolean) => Promise<ServerState>;
  stop: () => Promise<void>;
}

/** Copies the sample workspace (dbt project, LookML project, usage snapshot) to a temp folder. */
export function copySample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "analytics-ops-lsp-"));
  fs.cpSync(path.join(root, "test-fixtures", "sample"), dir, { recursive: true });
  return dir;
}

/**
 * Starts the server on a fresh copy of the sample workspace, initialised as an editor would
 * with `settings` as its `analyticsOps` settings; `prepare` may change the copy first.
 */
export async function startOnSample(
  settings: unknown = {},
  prepare: (dir: string) => void = () => undefined,
): Promise<{ server: TestServer; workspace: string }> {
  const workspace = copySample();
  prepare(workspace);
  const server = startTestServer();
  await server.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- still required by the type
    rootUri: null,
    capabilities: {},
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: "sample" }],
    initializationOptions: { settings },
  });
  await server.connection.sendNotification(InitializedNotification.type, {});
  return { server, workspace };
}

/** Stops a server started by `startOnSample` and removes its copy of the sample. */
export async function stopOnSample(server: TestServer, workspace: string): Promise<void> {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
}

export function startTestServer(): TestServer {
  const child = spawn(
    process.execPath,
    ["--require", "tsx/cjs", path.join(root, "server", "src", "bin.ts"), "lsp", "--stdio"],
    { cwd: root, stdio: ["pipe", "pipe", "inherit"] },
  );
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );

  const waiters: {
    uri: string;
    accept: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  const latest = new Map<string, PublishDiagnosticsParams>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    latest.set(params.uri, params);
    const index = waiters.findIndex((w) => w.uri === params.uri && w.accept(params));
    if (index >= 0) waiters.splice(index, 1)[0]?.resolve(params);
  });
  const states: ServerState[] = [];
  const stateWaiters: { accept: (s: ServerState) => boolean; resolve: (s: ServerState) => void }[] =
    [];
  connection.onNotification(stateNotification, (state: ServerState) => {
    states.push(state);
    const index = stateWaiters.findIndex((w) => w.accept(state));
    if (index >= 0) stateWaiters.splice(index, 1)[0]?.resolve(state);
  });
  connection.listen();

  return {
    connection,
    process: child,
    nextDiagnostics: (uri, accept = () => true) =>
      new Promise((resolve) => {
        waiters.push({ uri, accept, resolve });
      }),
    diagnostics: (uri, accept) => {
      const last = latest.get(uri);
      if (last !== undefined && accept(last)) return Promise.resolve(last);
      return new Promise((resolve) => {
        waiters.push({ uri, accept, resolve });
      });
    },
    state: (accept) =>
      new Promise((resolve) => {
        const seen = states.find(accept);
        if (seen === undefined) stateWaiters.push({ accept, resolve });
        else resolve(seen);
      }),
    stop: async () => {
      const exited = new Promise<void>((resolve) => {
        child.once("exit", () => {
          resolve();
        });
      });
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
      await exited;
      connection.dispose();
    },
  };
}
