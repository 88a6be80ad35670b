/**
 * What one LookML file declares: its includes, views, explores and fields, and (for
 * `manifest.lkml`) the project name, constants and imported projects. Pure functions of a
 * parsed file; the index keeps one `FileDecls` per file and rebuilds it when the file changes.
 */
import type { BlockNode, LookmlDocument, Range, ScalarNode, SyntaxNode } from "../lookml/ast";
import { blocksOf, findBlock, findPair, isYes, listItems, pairValue } from "./nodes";

/** The kinds of field a view can hold. */
export type FieldKind = "dimension" | "dimension_group" | "measure" | "filter" | "parameter";

/** Field keys, in the order Looker's docs list them. */
export const FIELD_KINDS: readonly FieldKind[] = [
  "dimension",
  "dimension_group",
  "measure",
  "filter",
  "parameter",
];

/** One `dimension: name { ... }` (or other field) block. */
export interface FieldDecl {
  kind: FieldKind;
  name: string;
  nameRange: Range;
  node: BlockNode;
  file: string;
  /** The `type:` written in this block, if any. */
  type: string | undefined;
  /** Whether the block sets `sql` (or `sql_start`/`sql_end` for durations). */
  hasSql: boolean;
}

/** One `set: name { fields: [...] }`. */
export interface SetDecl {
  name: string;
  nameRange: Range;
  node: BlockNode;
  items: ScalarNode[];
  file: string;
}

/** One `view: name { ... }` or refinement `view: +name { ... }`. */
export interface ViewDecl {
  name: string;
  nameRange: Range;
  node: BlockNode;
  file: string;
  refinement: boolean;
  fields: FieldDecl[];
  sets: SetDecl[];
  extends: ScalarNode[];
  final: boolean;
  extensionRequired: boolean;
}

/** One `join: name { ... }` inside an explore. */
export interface JoinDecl {
  name: string;
  nameRange: Range;
  node: BlockNode;
  /** `from: view`: the join is an alias of that view. */
  from: ScalarNode | undefined;
}

/** One `explore: name { ... }` or refinement `explore: +name { ... }`. */
export interface ExploreDecl {
  name: string;
  nameRange: Range;
  node: BlockNode;
  file: string;
  refinement: boolean;
  from: ScalarNode | undefined;
  viewName: ScalarNode | undefined;
  joins: JoinDecl[];
  extends: ScalarNode[];
  final: boolean;
  extensionRequired: boolean;
}

/** One `include: "pattern"`. */
export interface IncludeDecl {
  pattern: string;
  node: ScalarNode;
}

/** One `constant: NAME { value: "..." }` or `override_constant: NAME { value: "..." }`. */
export interface ConstantDecl {
  name: string;
  nameRange: Range;
  value: string;
  node: BlockNode;
  file: string;
}

/** One `local_dependency` or `remote_dependency` of a manifest. */
export interface DependencyDecl {
  project: string;
  node: BlockNode;
  overrides: ConstantDecl[];
}

/** Everything one file declares. */
export interface FileDecls {
  file: string;
  includes: IncludeDecl[];
  views: ViewDecl[];
  explores: ExploreDecl[];
  constants: ConstantDecl[];
  dependencies: DependencyDecl[];
  projectName: string | undefined;
}

/** Reads the declarations of one parsed file. */
export function declarationsOf(file: string, doc: LookmlDocument): FileDecls {
  const top = doc.children;
  return {
    file,
    includes: includesOf(top),
    views: namedBlocks(top, "view").map((b) => viewDecl(file, b)),
    explores: namedBlocks(top, "explore").map((b) => exploreDecl(file, b)),
    constants: namedBlocks(top, "constant").map((b) => constantDecl(file, b)),
    dependencies: dependenciesOf(file, top),
    projectName: pairValue(top, "project_name"),
  };
}

/** A file with nothing in it, for files that fail to read. */
export function emptyDecls(file: string): FileDecls {
  return {
    file,
    includes: [],
    views: [],
    explores: [],
    constants: [],
    dependencies: [],
    projectName: undefined,
  };
}

function includesOf(top: SyntaxNode[]): IncludeDecl[] {
  const includes: IncludeDecl[] = [];
  for (const node of top) {
    if (node.key !== "include") continue;
    const items = node.type === "list" ? node.items : node.type === "pair" ? [node.value] : [];
    for (const item of items) {
      if (item.type === "scalar") includes.push({ pattern: item.value, node: item });
    }
  }
  return includes;
}

type NamedBlock = BlockNode & { name: string; nameRange: Range };

function namedBlocks(children: SyntaxNode[], key: string): NamedBlock[] {
  return blocksOf(children, key).filter(
    (b): b is NamedBlock => b.name !== undefined && b.name !== "" && b.nameRange !== undefined,
  );
}

function viewDecl(file: string, node: NamedBlock): ViewDecl {
  const body = node.children;
  const fields: FieldDecl[] = [];
  for (const kind of FIELD_KINDS) {
    for (const b of namedBlocks(body, kind)) fields.push(fieldDecl(file, kind, b));
  }
  fields.sort((a, b) => compareRanges(a.nameRange, b.nameRange));

  return {
    name: node.name,
    nameRange: node.nameRange,
    node,
    file,
    refinement: node.refinement,
    fields,
    sets: namedBlocks(body, "set").map((b) => setDecl(file, b)),
    extends: extendsOf(body),
    final: isYes(body, "final"),
    extensionRequired: pairValue(body, "extension")?.toLowerCase() === "required",
  };
}

function fieldDecl(file: string, kind: FieldKind, node: NamedBlock): FieldDecl {
  const body = node.children;
  const hasSql =
    findPair(body, "sql") !== undefined ||
    findPair(body, "sql_start") !== undefined ||
    findPair(body, "sql_end") !== undefined;
  return {
    kind,
    name: node.name,
    nameRange: node.nameRange,
    node,
    file,
    type: pairValue(body, "type")?.toLowerCase(),
    hasSql,
  };
}

function setDecl(file: string, node: NamedBlock): SetDecl {
  return {
    name: node.name,
    nameRange: node.nameRange,
    node,
    items: listItems(node.children, "fields"),
    file,
  };
}

function exploreDecl(file: string, node: NamedBlock): ExploreDecl {
  const body = node.children;
  return {
    name: node.name,
    nameRange: node.nameRange,
    node,
    file,
    refinement: node.refinement,
    from: scalarOf(body, "from"),
    viewName: scalarOf(body, "view_name"),
    joins: namedBlocks(body, "join").map((b) => ({
      name: b.name,
      nameRange: b.nameRange,
      node: b,
      from: scalarOf(b.children, "from"),
    })),
    extends: extendsOf(body),
    final: isYes(body, "final"),
    extensionRequired: pairValue(body, "extension")?.toLowerCase() === "required",
  };
}

function constantDecl(file: string, node: NamedBlock): ConstantDecl {
  return {
    name: node.name,
    nameRange: node.nameRange,
    value: pairValue(node.children, "value") ?? "",
    node,
    file,
  };
}

function dependenciesOf(file: string, top: SyntaxNode[]): DependencyDecl[] {
  const deps: DependencyDecl[] = [];
  for (const key of ["local_dependency", "remote_dependency"]) {
    for (const node of blocksOf(top, key)) {
      // `local_dependency: { project: "x" }` names the project inside; a remote one by its name.
      const project = pairValue(node.children, "project") ?? node.name;
      if (project === undefined) continue;
      const overrides = namedBlocks(node.children, "override_constant").map((b) =>
        constantDecl(file, b),
      );
      deps.push({ project, node, overrides });
    }
  }
  return deps;
}

function extendsOf(body: SyntaxNode[]): ScalarNode[] {
  return listItems(body, "extends").filter((s) => s.value !== "");
}

function scalarOf(body: SyntaxNode[], key: string): ScalarNode | undefined {
  const pair = findPair(body, key);
  return pair?.value.type === "scalar" ? pair.value : undefined;
}

/** Orders ranges by where they start. */
export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

/** The `derived_table` block of a view, if any. */
export function derivedTableOf(view: ViewDecl): BlockNode | undefined {
  return findBlock(view.node.children, "derived_table");
}
