/**
 * The language features a session answers: hover (the index's, with explore usage and table
 * uptime added), definition, references, completion, symbols, folding, code lenses and code
 * actions. Each handler is guarded so a bug in one feature never stops the server.
 */
import type {
  CodeAction,
  CodeActionParams,
  CodeLens,
  Connection,
  DocumentSymbolParams,
  FoldingRangeParams,
  Hover,
  ReferenceParams,
  SymbolInformation,
  TextDocumentPositionParams,
  WorkspaceSymbolParams,
} from "vscode-languageserver/node";
import { completion } from "../features/completion";
import { definition } from "../features/definition";
import { hover } from "../features/hover";
import { references } from "../features/references";
import { documentSymbols, foldingRanges, workspaceSymbols } from "../features/symbols";
import { uriToPath } from "../workspace/paths";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import { codeActions } from "./codeActions";
import { guarded } from "./guard";
import type { RefinementSettings } from "./refinementActions";
import type { UptimeHost } from "./uptimeHost";
import type { UsageHost } from "./usageHost";

/** What the features read from the session; absent until start-up has finished. */
export interface FeatureSources {
  index(): WorkspaceIndex | undefined;
  usage(): UsageHost | undefined;
  uptime(): UptimeHost | undefined;
  refinements(): RefinementSettings;
}

export function registerLanguageFeatures(connection: Connection, sources: FeatureSources): void {
  const withIndex = <P, R>(feature: string, fallback: R, run: (i: WorkspaceIndex, p: P) => R) =>
    guarded(connection, feature, fallback, (params: P) => {
      const index = sources.index();
      if (index === undefined || !withinDocument(index, params)) return fallback;
      return run(index, params);
    });

  connection.onHover(
    withIndex("hover", null, (i, p: TextDocumentPositionParams) => merged(i, p, sources)),
  );
  connection.onDefinition(
    withIndex("definition", [], (i, p: TextDocumentPositionParams) =>
      definition(i, p.textDocument.uri, p.position),
    ),
  );
  connection.onReferences(
    withIndex("references", [], (i, p: ReferenceParams) =>
      references(i, p.textDocument.uri, p.position, p.context.includeDeclaration),
    ),
  );
  connection.onCompletion(
    withIndex("completion", [], (i, p: TextDocumentPositionParams) =>
      completion(i, p.textDocument.uri, p.position),
    ),
  );
  connection.onDocumentSymbol(
    withIndex("document symbols", [], (i, p: DocumentSymbolParams) =>
      documentSymbols(i, p.textDocument.uri),
    ),
  );
  connection.onFoldingRanges(
    withIndex("folding", [], (i, p: FoldingRangeParams) => foldingRanges(i, p.textDocument.uri)),
  );
  connection.onWorkspaceSymbol(
    withIndex("workspace symbols", [] as SymbolInformation[], (i, p: WorkspaceSymbolParams) =>
      workspaceSymbols(i, p.query),
    ),
  );
  connection.onCodeLens(
    guarded(connection, "code lens", [] as CodeLens[], (p: { textDocument: { uri: string } }) => {
      const file = uriToPath(p.textDocument.uri);
      return file === undefined ? [] : (sources.usage()?.lenses(file) ?? []);
    }),
  );
  connection.onCodeAction(
    withIndex("code actions", [] as CodeAction[], (i, p: CodeActionParams) => {
      const file = uriToPath(p.textDocument.uri);
      return file === undefined ? [] : codeActions(i, file, p, sources.refinements());
    }),
  );
}

// A position must name a place in the document: a client bug must not come back as ranges
// outside it.
function withinDocument(index: WorkspaceIndex, params: unknown): boolean {
  const { textDocument, position } = params as Partial<TextDocumentPositionParams>;
  if (position === undefined) return true;
  const { line, character } = position;
  if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0) {
    return false;
  }
  const file = textDocument === undefined ? undefined : uriToPath(textDocument.uri);
  const text = file === undefined ? undefined : index.file(file)?.text;
  return text === undefined || line <= countLines(text);
}

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines += 1;
  return lines;
}

// One hover for everything known at a position: the LookML, the explore's usage, the uptime
// of the table behind it.
function merged(
  index: WorkspaceIndex,
  params: TextDocumentPositionParams,
  sources: FeatureSources,
): Hover | null {
  const file = uriToPath(params.textDocument.uri);
  if (file === undefined) return null;

  const own = hover(index, params.textDocument.uri, params.position);
  const parts = [
    markdownOf(own),
    sources.usage()?.hover(file, params.position),
    ...(sources.uptime()?.hover(index, file, params.position) ?? []),
  ].filter((part) => part !== undefined && part !== "");
  if (parts.length === 0) return null;

  const value = parts.join("\n\n---\n\n");
  return { contents: { kind: "markdown", value }, ...(own?.range ? { range: own.range } : {}) };
}

function markdownOf(hover: Hover | null): string | undefined {
  if (hover === null) return undefined;
  const contents = hover.contents;
  if (typeof contents === "string") return contents;
  return "kind" in contents ? contents.value : undefined;
}
