/**
 * What the client tells the server at start-up, and the capabilities the server answers with.
 */
import {
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node";
import { uriToPath } from "../workspace/paths";

export interface ClientInfo {
  /** False in a restricted workspace: nothing is written and Looker is not called. */
  trusted: boolean;
  roots: string[];
  /** The client answers `workspace/configuration` (else settings come with initialize). */
  pullsConfiguration: boolean;
  refreshesLenses: boolean;
  /** Where the client keeps the last fetched explore usage (its global storage). */
  usageCacheFile: string | undefined;
  /** The `analyticsOps` settings sent in `initializationOptions.settings`, if any. */
  initialSettings: unknown;
}

export function readClient(params: InitializeParams): ClientInfo {
  const options = params.initializationOptions as
    { trusted?: unknown; usageCacheFile?: unknown; settings?: unknown } | undefined;
  const workspace = params.capabilities.workspace;
  return {
    trusted: options?.trusted !== false,
    roots: workspaceRoots(params),
    pullsConfiguration: workspace?.configuration === true,
    refreshesLenses: workspace?.codeLens?.refreshSupport === true,
    usageCacheFile:
      typeof options?.usageCacheFile === "string" ? options.usageCacheFile : undefined,
    initialSettings: options?.settings,
  };
}

function workspaceRoots(params: InitializeParams): string[] {
  const folders = params.workspaceFolders ?? [];
  const roots = folders.map((f) => uriToPath(f.uri)).filter((p) => p !== undefined);
  if (roots.length > 0) return roots;

  // Editors without workspace folders still send the deprecated rootUri.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const root = params.rootUri === null ? undefined : uriToPath(params.rootUri);
  return root === undefined ? [] : [root];
}

export function capabilities(): InitializeResult["capabilities"] {
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
