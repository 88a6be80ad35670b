/**
 * Hover: what a view, field, explore, join, set, constant or include is, where it is declared,
 * the chain of refinements and extends that shaped it, and for generated views the dbt
 * model's and column's description and type.
 */
import * as path from "node:path";
import type { Hover, Position } from "vscode-languageserver";
import { lookupConstant } from "../diagnostics/constants";
import type { ModelColumn, ModelInfo } from "../workspace/dbtProjects";
import type { FieldDecl } from "../workspace/declarations";
import { pairValue } from "../workspace/nodes";
import { uriToPath } from "../workspace/paths";
import type { ResolvedField, ResolvedView } from "../workspace/resolve";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import type { ModelSymbol } from "./target";
import { symbolAt } from "./target";

/** The hover for the symbol at a position, or null when there is nothing to say. */
export function hover(index: WorkspaceIndex, uri: string, position: Position): Hover | null {
  const file = uriToPath(uri);
  const info = file === undefined ? undefined : index.file(file);
  const located = info === undefined ? undefined : symbolAt(index, info, position);
  if (info === undefined || located === undefined) return null;

  const text = describe(index, info.path, located.symbol);
  if (text === undefined) return null;
  return { contents: { kind: "markdown", value: text }, range: located.range };
}

function describe(index: WorkspaceIndex, file: string, symbol: ModelSymbol): string | undefined {
  switch (symbol.kind) {
    case "view":
      return describeView(index, file, symbol.ctx.view(symbol.name));
    case "field": {
      const view = symbol.ctx.view(symbol.view);
      return view === undefined ? undefined : describeField(index, file, view, symbol.field);
    }
    case "explore":
      return describeExplore(index, file, symbol);
    case "join":
      return describeJoin(symbol);
    case "set":
      return describeSet(index, file, symbol);
    case "constant":
      return describeConstant(index, file, symbol.name);
    case "include":
      return describeInclude(index, file, symbol);
  }
}

function where(
  index: WorkspaceIndex,
  from: string,
  decl: { file: string; nameRange: { start: Position } },
): string {
  const root = index.projectOf(from)?.root ?? path.dirname(from);
  const shownPath = path.relative(root, decl.file).split(path.sep).join("/");
  return `\`${shownPath}:${decl.nameRange.start.line + 1}\``;
}

function describeView(
  index: WorkspaceIndex,
  file: string,
  view: ResolvedView | undefined,
): string | undefined {
  if (view === undefined) return undefined;
  const lines = [`**view** \`${view.name}\``];
  const base = view.bases[0];
  if (base !== undefined) lines.push(`Declared in ${where(index, file, base)}`);
  if (view.refinements.length > 0)
    lines.push(`Refined in ${view.refinements.map((r) => where(index, file, r)).join(", then ")}`);
  if (view.extends.length > 0)
    lines.push(`Extends ${view.extends.map((e) => `\`${e}\``).join(", ")}`);
  if (view.extensionRequired) lines.push("`extension: required`: only for extending");
  lines.push(`${view.fields.size} fields`);

  const model = modelOfView(index, view);
  if (model !== undefined) lines.push(...describeModel(model));
  return lines.join("\n\n");
}

function modelOfView(index: WorkspaceIndex, view: ResolvedView): ModelInfo | undefined {
  const base = view.bases[0];
  const info = base === undefined ? undefined : index.file(base.file);
  return info === undefined ? undefined : index.modelOf(info);
}

function describeModel(model: ModelInfo): string[] {
  const relation = model.model.relationName;
  const lines = [
    `Generated from dbt model \`${model.model.uniqueId}\`` +
      (relation === undefined ? "" : ` (\`${relation}\`)`),
  ];
  if (model.model.description !== "") lines.push(model.model.description);
  return lines;
}

function describeField(
  index: WorkspaceIndex,
  file: string,
  view: ResolvedView,
  field: ResolvedField,
): string {
  const kind =
    field.group === undefined
      ? field.kind
      : `dimension (of dimension group \`${field.group.name}\`)`;
  const lines = [`**${kind}** \`${view.name}.${field.name}\` · type \`${field.type}\``];
  const [first, ...rest] = field.decls;
  if (first !== undefined)
    lines.push(
      `Declared in ${where(index, file, first)}` +
        (field.view === view.name ? "" : ` (inherited from view \`${field.view}\`)`),
    );
  if (rest.length > 0)
    lines.push(`Refined in ${rest.map((d) => where(index, file, d)).join(", then ")}`);

  const label = lastValue(field.decls, "label");
  const description = lastValue(field.decls, "description");
  if (label !== undefined) lines.push(`Label: ${label}`);
  if (description !== undefined) lines.push(description);

  const column = columnOf(index, view, field);
  if (column !== undefined) lines.push(describeColumn(column, description));
  return lines.join("\n\n");
}

function lastValue(decls: FieldDecl[], key: string): string | undefined {
  let value: string | undefined;
  for (const d of decls) value = pairValue(d.node.children, key) ?? value;
  return value;
}

const TABLE_COLUMN = /^\$\{TABLE\}\.(?:"([^"]+)"|`([^`]+)`|([A-Za-z_][A-Za-z0-9_$]*))$/;

// The dbt column behind a generated field: its SQL is `${TABLE}.column`.
function columnOf(
  index: WorkspaceIndex,
  view: ResolvedView,
  field: ResolvedField,
): ModelColumn | undefined {
  const model = modelOfView(index, view);
  const first = field.decls[0];
  const sql = first === undefined ? undefined : pairValue(first.node.children, "sql");
  const match = sql === undefined ? null : TABLE_COLUMN.exec(sql.trim());
  if (model === undefined || match === null) return undefined;
  const name = match[1] ?? match[2] ?? match[3] ?? "";
  return model.columns.get(name.toLowerCase());
}

// The generator copies the column's description into the field; it is shown once.
function describeColumn(column: ModelColumn, shown: string | undefined): string {
  const type = column.type === undefined ? "" : ` · \`${column.type}\``;
  const fresh = column.description !== "" && column.description !== shown;
  const description = fresh ? `: ${column.description}` : "";
  return `dbt column \`${column.name}\`${type}${description}`;
}

function describeExplore(
  index: WorkspaceIndex,
  file: string,
  symbol: Extract<ModelSymbol, { kind: "explore" }>,
): string | undefined {
  const explore = symbol.ctx.explore(symbol.name);
  if (explore === undefined) return undefined;
  const lines = [`**explore** \`${explore.name}\` · base view \`${explore.baseView}\``];
  const base = explore.bases[0];
  if (base !== undefined) lines.push(`Declared in ${where(index, file, base)}`);
  if (explore.refinements.length > 0)
    lines.push(
      `Refined in ${explore.refinements.map((r) => where(index, file, r)).join(", then ")}`,
    );
  if (explore.extends.length > 0)
    lines.push(`Extends ${explore.extends.map((e) => `\`${e}\``).join(", ")}`);
  const joins = [...explore.aliases.values()].filter((a) => a.join !== undefined);
  if (joins.length > 0)
    lines.push(`Joins ${joins.map((j) => joinName(j.alias, j.view)).join(", ")}`);
  return lines.join("\n\n");
}

/** `alias` for a join of the view of that name, else `alias` (`view`). */
function joinName(alias: string, view: string): string {
  return alias === view ? `\`${alias}\`` : `\`${alias}\` (\`${view}\`)`;
}

function describeJoin(symbol: Extract<ModelSymbol, { kind: "join" }>): string {
  const view = symbol.join.from?.value ?? symbol.join.name;
  const relationship = pairValue(symbol.join.node.children, "relationship");
  const lines = [
    `**join** \`${symbol.join.name}\` in explore \`${symbol.explore.name}\` · view \`${view}\``,
  ];
  if (relationship !== undefined) lines.push(`Relationship: \`${relationship}\``);
  return lines.join("\n\n");
}

function describeSet(
  index: WorkspaceIndex,
  file: string,
  symbol: Extract<ModelSymbol, { kind: "set" }>,
): string | undefined {
  if (symbol.name === "ALL_FIELDS")
    return `**set** \`ALL_FIELDS\`: every field of view \`${symbol.view}\``;
  const sets = symbol.ctx.view(symbol.view)?.sets.get(symbol.name) ?? [];
  const last = sets[sets.length - 1];
  if (last === undefined) return undefined;
  const fields = last.items.map((i) => `\`${i.value}\``).join(", ");
  return [
    `**set** \`${symbol.view}.${symbol.name}\``,
    `Declared in ${where(index, file, last)}`,
    `Fields: ${fields}`,
  ].join("\n\n");
}

function describeConstant(index: WorkspaceIndex, file: string, name: string): string | undefined {
  const project = index.projectOf(file);
  const constant = project === undefined ? undefined : lookupConstant(index, project, name);
  if (constant === undefined) return undefined;
  const lines = [
    `**constant** \`@{${name}}\` = \`${constant.value}\``,
    `Declared in ${where(index, file, constant.decl)}`,
  ];
  if (constant.override !== undefined && constant.override !== constant.decl)
    lines.push(`Overridden in ${where(index, file, constant.override)}`);
  return lines.join("\n\n");
}

function describeInclude(
  index: WorkspaceIndex,
  file: string,
  symbol: Extract<ModelSymbol, { kind: "include" }>,
): string {
  const result = symbol.ctx?.includes.get(file)?.find((r) => r.include === symbol.include);
  const files = result?.files ?? [];
  const root = index.projectOf(file)?.root ?? path.dirname(file);
  const shown = files
    .slice(0, 10)
    .map((f) => `- \`${path.relative(root, f).split(path.sep).join("/")}\``);
  const more = files.length > 10 ? [`- … and ${files.length - 10} more`] : [];
  const plural = files.length === 1 ? "" : "s";
  const head = `**include** \`${symbol.include.pattern}\` matches ${files.length} file${plural}`;
  return [head, ...shown, ...more].join("\n");
}
