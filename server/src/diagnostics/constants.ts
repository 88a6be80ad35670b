/** Which `@{constants}` a project can use: its manifest's own and its imported projects'. */
import type { ConstantDecl } from "../workspace/declarations";
import type { LookmlProject } from "../workspace/lookmlProject";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";

/**
 * The constant names a project's files may use, or undefined when that cannot be known: the
 * project has no `manifest.lkml` in the workspace, or imports a project the workspace lacks.
 */
export function visibleConstants(
  index: WorkspaceIndex,
  project: LookmlProject,
): ReadonlySet<string> | undefined {
  const manifest = project.manifest;
  if (manifest === undefined) return undefined;

  const names = new Set(manifest.decls.constants.map((c) => c.name));
  for (const dep of manifest.decls.dependencies) {
    const imported = index.projectNamed(dep.project, project.root);
    if (imported?.manifest === undefined) return undefined;
    for (const c of imported.manifest.decls.constants) names.add(c.name);
    for (const o of dep.overrides) names.add(o.name);
  }
  return names;
}

/** A constant's declaration and the value it takes in this project (after overrides). */
export interface ConstantValue {
  decl: ConstantDecl;
  value: string;
  /** The `override_constant` that set the value, when one did. */
  override: ConstantDecl | undefined;
}

/** Finds a constant by name as the project sees it. */
export function lookupConstant(
  index: WorkspaceIndex,
  project: LookmlProject,
  name: string,
): ConstantValue | undefined {
  const own = project.manifest?.decls.constants.find((c) => c.name === name);
  if (own !== undefined) return { decl: own, value: own.value, override: undefined };

  for (const dep of project.manifest?.decls.dependencies ?? []) {
    const override = dep.overrides.find((o) => o.name === name);
    const imported = index.projectNamed(dep.project, project.root);
    const decl = imported?.manifest?.decls.constants.find((c) => c.name === name);
    if (decl !== undefined) return { decl, value: override?.value ?? decl.value, override };
    if (override !== undefined) return { decl: override, value: override.value, override };
  }
  return undefined;
}
