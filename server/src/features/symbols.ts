/**
 * Outline and navigation: document symbols (views with their fields and sets, explores with
 * their joins, constants), workspace symbols (views, explores and fields matching a query),
 * and folding ranges (blocks, multi-line SQL, runs of comments).
 */
import type {
  DocumentSymbol,
  FoldingRange,
  SymbolInformation,
  SymbolKind,
} from "vscode-languageserver";
import type { SyntaxNode } from "../lookml/ast";
import type { ExploreDecl, ViewDecl } from "../workspace/declarations";
import type { FileInfo } from "../workspace/fileInfo";
import { pathToUri, uriToPath } from "../workspace/paths";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";

// SymbolKind values, spelled out so this module needs LSP types only.
const CLASS: SymbolKind = 5;
const FIELD: SymbolKind = 8;
const CONSTANT: SymbolKind = 14;
const INTERFACE: SymbolKind = 11;
const ARRAY: SymbolKind = 18;
const MODULE: SymbolKind = 2;
const PROPERTY: SymbolKind = 7;

/** The outline of one file. */
export function documentSymbols(index: WorkspaceIndex, uri: string): DocumentSymbol[] {
  const info = fileOf(index, uri);
  if (info === undefined) return [];
  return [
    ...info.decls.views.map(viewSymbol),
    ...info.decls.explores.map(exploreSymbol),
    ...info.decls.constants.map((c) => ({
      name: c.name,
      detail: c.value,
      kind: CONSTANT,
      range: c.node.range,
      selectionRange: c.nameRange,
    })),
  ].sort((a, b) => a.range.start.line - b.range.start.line);
}

function fileOf(index: WorkspaceIndex, uri: string): FileInfo | undefined {
  const file = uriToPath(uri);
  return file === undefined ? undefined : index.file(file);
}

function viewSymbol(view: ViewDecl): DocumentSymbol {
  const fields = view.fields.map((f) => ({
    name: f.name,
    detail: f.type === undefined ? f.kind : `${f.kind} · ${f.type}`,
    kind: f.kind === "measure" ? PROPERTY : FIELD,
    range: f.node.range,
    selectionRange: f.nameRange,
  }));
  const sets = view.sets.map((s) => ({
    name: s.name,
    detail: "set",
    kind: ARRAY,
    range: s.node.range,
    selectionRange: s.nameRange,
  }));
  return {
    name: view.refinement ? `+${view.name}` : view.name,
    detail: view.refinement ? "view refinement" : "view",
    kind: CLASS,
    range: view.node.range,
    selectionRange: view.nameRange,
    children: [...fields, ...sets].sort((a, b) => a.range.start.line - b.range.start.line),
  };
}

function exploreSymbol(explore: ExploreDecl): DocumentSymbol {
  return {
    name: explore.refinement ? `+${explore.name}` : explore.name,
    detail: explore.refinement ? "explore refinement" : "explore",
    kind: INTERFACE,
    range: explore.node.range,
    selectionRange: explore.nameRange,
    children: explore.joins.map((j) => ({
      name: j.name,
      detail: j.from === undefined ? "join" : `join · from ${j.from.value}`,
      kind: MODULE,
      range: j.node.range,
      selectionRange: j.nameRange,
    })),
  };
}

const MAX_WORKSPACE_SYMBOLS = 500;

/** Views, explores and fields whose name contains the query (all of them for ""). */
export function workspaceSymbols(index: WorkspaceIndex, query: string): SymbolInformation[] {
  const needle = query.toLowerCase();
  const out: SymbolInformation[] = [];
  for (const file of index.filePaths()) {
    const info = index.file(file);
    if (info === undefined) continue;
    for (const symbol of fileSymbols(info)) {
      if (out.length >= MAX_WORKSPACE_SYMBOLS) return out;
      if (symbol.name.toLowerCase().includes(needle)) out.push(symbol);
    }
  }
  return out;
}

function fileSymbols(info: FileInfo): SymbolInformation[] {
  const uri = pathToUri(info.path);
  const out: SymbolInformation[] = [];
  for (const view of info.decls.views) {
    if (!view.refinement)
      out.push({ name: view.name, kind: CLASS, location: { uri, range: view.nameRange } });
    for (const f of view.fields) {
      out.push({
        name: `${view.name}.${f.name}`,
        kind: FIELD,
        location: { uri, range: f.nameRange },
        containerName: view.name,
      });
    }
  }
  for (const explore of info.decls.explores) {
    if (!explore.refinement)
      out.push({
        name: explore.name,
        kind: INTERFACE,
        location: { uri, range: explore.nameRange },
      });
  }
  return out;
}

/** Folding ranges: every block and SQL expression spanning lines, and runs of comments. */
export function foldingRanges(index: WorkspaceIndex, uri: string): FoldingRange[] {
  const info = fileOf(index, uri);
  if (info === undefined) return [];
  const out: FoldingRange[] = [];
  for (const node of info.doc.children) foldNode(node, out);
  foldComments(info, out);
  return out;
}

function foldNode(node: SyntaxNode, out: FoldingRange[]): void {
  const { start, end } = node.range;
  if (end.line > start.line) out.push({ startLine: start.line, endLine: end.line });
  if (node.type === "block") for (const child of node.children) foldNode(child, out);
}

function foldComments(info: FileInfo, out: FoldingRange[]): void {
  let first: number | undefined;
  let last = -2;
  for (const comment of info.doc.comments) {
    const line = comment.range.start.line;
    if (line !== last + 1) {
      if (first !== undefined && last > first)
        out.push({ startLine: first, endLine: last, kind: "comment" });
      first = line;
    }
    last = line;
  }
  if (first !== undefined && last > first)
    out.push({ startLine: first, endLine: last, kind: "comment" });
}
