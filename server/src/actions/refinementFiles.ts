/**
 * Where a refinement goes, and which models must be told about its file. Shared by "Create
 * refinement" and by the quick fix that moves a hand edit of a generated view into one.
 */
import * as path from "node:path";
import type { TextEdit } from "vscode-languageserver";
import { FileCatalog, includeBase, matchInclude } from "../workspace/includes";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import { planInclude } from "./scaffold";

/**
 * The hand-written file that refines the view (or explore) already, first in include order;
 * else the configured path, relative to the project root, with `{name}` the refined name.
 */
export function refinementFileFor(
  index: WorkspaceIndex,
  baseFile: string,
  refined: { kind: "view" | "explore"; name: string },
  pathPattern: string,
): string {
  for (const context of index.contextsOf(baseFile)) {
    for (const file of context.files) {
      const other = index.file(file);
      if (other === undefined || other.generated !== undefined) continue;
      const decls = refined.kind === "view" ? other.decls.views : other.decls.explores;
      if (decls.some((d) => d.refinement && d.name === refined.name)) return file;
    }
  }
  const root = index.projectOf(baseFile)?.root ?? path.dirname(baseFile);
  return path.resolve(root, pathPattern.replaceAll("{name}", refined.name));
}

/** An include to add to one model file. */
export interface IncludeChange {
  file: string;
  edit: TextEdit;
}

/**
 * Includes of `target` for every model that reads `baseFile` but would not read `target`:
 * neither includes it already nor has a pattern that matches it once it exists.
 */
export function includeChanges(
  index: WorkspaceIndex,
  baseFile: string,
  target: string,
): IncludeChange[] {
  const root = index.projectOf(baseFile)?.root;
  if (root === undefined) return [];
  const includePath = `/${path.relative(root, target).split(path.sep).join("/")}`;

  const changes: IncludeChange[] = [];
  for (const context of index.contextsOf(baseFile)) {
    const model = context.model;
    if (model === undefined || context.has(target) || wouldInclude(index, model, target)) continue;
    const info = index.file(model);
    const edit = info === undefined ? undefined : planInclude(info.text, info.doc, includePath);
    if (edit !== undefined) changes.push({ file: model, edit });
  }
  return changes;
}

function wouldInclude(index: WorkspaceIndex, model: string, target: string): boolean {
  const only = new FileCatalog();
  only.add(target);
  const site = index.site(model);
  return (index.file(model)?.decls.includes ?? []).some((inc) => {
    const base = includeBase(inc.pattern, site);
    return base.kind === "path" && matchInclude(base.absolute, only, model).length > 0;
  });
}
