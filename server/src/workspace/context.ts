/**
 * A model's view of the project: the files it includes (directly or through included files),
 * in the order Looker reads them, and the views and explores they declare. Files no model
 * includes are checked in their project's "loose" context, which holds every file of the
 * project that is not a model.
 */
import type { Range } from "../lookml/ast";
import type { ExploreDecl, IncludeDecl, ViewDecl } from "./declarations";
import { compareRanges } from "./declarations";
import type { FileInfo } from "./fileInfo";
import type { FileCatalog, IncludeSite } from "./includes";
import { includeBase, matchAll } from "./includes";
import type { DeclTable, ResolvedExplore, ResolvedView } from "./resolve";
import { resolveExplore, resolveView } from "./resolve";

/** What one include resolved to. */
export interface IncludeResult {
  include: IncludeDecl;
  /** The including file. */
  file: string;
  files: string[];
  /** Why nothing matched: the imported project is missing, or no file fits the pattern. */
  problem: "missing-project" | "no-match" | undefined;
  /** The imported project's name, for `//project/...` includes. */
  project: string | undefined;
}

/** How a context reaches files and their surroundings. */
export interface ContextHost {
  file(filePath: string): FileInfo | undefined;
  site(filePath: string): IncludeSite;
  catalog: FileCatalog;
  /** Include results shared by the contexts of one build (they do not depend on the model). */
  includeCache?: Map<FileInfo, IncludeResult[]>;
  /** The views behind a join alias anywhere in the project. */
  aliasViews?: (alias: string) => string[];
}

/** One model (or a project's loose files) with everything it includes. */
export class ModelContext implements DeclTable {
  /** Files in include order; the model itself comes last. */
  files: string[] = [];
  readonly position = new Map<string, number>();
  /** Include results of every file in the context, by including file. */
  readonly includes = new Map<string, IncludeResult[]>();
  /** False when an include matched nothing: unknown names may live in the missing files. */
  complete = true;
  private readonly views = new Map<string, ViewDecl[]>();
  private readonly explores = new Map<string, ExploreDecl[]>();
  private readonly viewCache = new Map<string, ResolvedView | undefined>();
  private readonly exploreCache = new Map<string, ResolvedExplore | undefined>();
  private readonly memos = new Map<string, unknown>();
  // Names some view or explore extends: a change to one of them reaches the extenders.
  private readonly extendedNames = new Set<string>();

  /**
   * @param model the model file, or undefined for the loose context
   * @param looseFiles the files of the loose context, sorted
   */
  constructor(
    readonly projectRoot: string,
    readonly model: string | undefined,
    private readonly host: ContextHost,
    looseFiles: readonly string[] = [],
  ) {
    if (model === undefined) this.collectLoose(looseFiles);
    else this.collect(model, new Set());
    this.files.forEach((f, i) => this.position.set(f, i));
    for (const f of this.files) this.indexFile(f);
  }

  /** A readable id: the model's path, or `loose:<root>`. */
  get id(): string {
    return this.model ?? `loose:${this.projectRoot}`;
  }

  // Post-order: what a file includes comes before the file, so a refinement file that
  // includes its base view applies after it.
  private collect(filePath: string, seen: Set<string>): void {
    if (seen.has(filePath)) return;
    seen.add(filePath);
    for (const result of this.resolveIncludes(filePath)) {
      for (const included of result.files) this.collect(included, seen);
    }
    this.files.push(filePath);
  }

  private collectLoose(files: readonly string[]): void {
    this.files = [...files];
    for (const f of files) this.resolveIncludes(f);
  }

  private resolveIncludes(filePath: string): IncludeResult[] {
    const info = this.host.file(filePath);
    if (info === undefined) return [];
    let results = this.host.includeCache?.get(info);
    if (results === undefined) {
      const site = this.host.site(filePath);
      results = info.decls.includes.map((include) => this.resolveOne(include, filePath, site));
      this.host.includeCache?.set(info, results);
    }
    this.includes.set(filePath, results);
    if (results.some((r) => r.problem !== undefined)) this.complete = false;
    return results;
  }

  private resolveOne(include: IncludeDecl, file: string, site: IncludeSite): IncludeResult {
    const base = includeBase(include.pattern, site);
    if (base.kind === "missing-project") {
      return { include, file, files: [], problem: "missing-project", project: base.project };
    }
    // An include that matches only the including file (a glob over its own folder) is
    // harmless: Looker reads nothing more, and nothing is missing.
    const all = matchAll(base.absolute, this.host.catalog);
    const files = all.filter((f) => f !== file);
    const project = include.pattern.trim().startsWith("//")
      ? include.pattern.slice(2).split("/")[0]
      : undefined;
    const problem = all.length === 0 ? "no-match" : undefined;
    return { include, file, files, problem, project };
  }

  private indexFile(filePath: string): void {
    const info = this.host.file(filePath);
    if (info === undefined) return;
    for (const view of info.decls.views) {
      insertSorted(this.views, view.name, view, this.position);
      for (const e of view.extends) this.extendedNames.add(e.value);
    }
    for (const explore of info.decls.explores) {
      insertSorted(this.explores, explore.name, explore, this.position);
      for (const e of explore.extends) this.extendedNames.add(e.value);
    }
  }

  private unindexFile(info: FileInfo): void {
    for (const view of info.decls.views) removeDecl(this.views, view.name, view);
    for (const explore of info.decls.explores) removeDecl(this.explores, explore.name, explore);
  }

  /**
   * Swaps a file's declarations after an edit that kept its includes; returns the names whose
   * resolution changed (including views that extend them).
   */
  replaceFile(old: FileInfo, next: FileInfo): Set<string> {
    this.unindexFile(old);
    this.indexFile(next.path);
    const changed = new Set([...old.declaredNames, ...next.declaredNames]);
    this.invalidate(changed);
    return changed;
  }

  private invalidate(changed: Set<string>): void {
    this.memos.clear();
    if ([...changed].some((n) => this.extendedNames.has(n))) {
      this.viewCache.clear();
      this.exploreCache.clear();
      return;
    }
    for (const name of changed) {
      this.viewCache.delete(name);
      this.exploreCache.delete(name);
    }
  }

  /**
   * The views behind a join alias (`join: buyer { from: users }`) in the explores of the
   * project, for `${buyer.field}` written inside a view. Taken project-wide: a view is checked
   * once for all the models that include the same files.
   */
  aliasViews(alias: string): string[] {
    return this.host.aliasViews?.(alias) ?? [];
  }

  /**
   * A value computed once per context and dropped on any change to it, for checks that
   * look at the whole model (such as cycle detection).
   */
  memo<T>(key: string, make: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, make());
    return this.memos.get(key) as T;
  }

  /** Whether the context includes a file. */
  has(filePath: string): boolean {
    return this.position.has(filePath);
  }

  viewDecls(name: string): readonly ViewDecl[] {
    return this.views.get(name) ?? [];
  }

  exploreDecls(name: string): readonly ExploreDecl[] {
    return this.explores.get(name) ?? [];
  }

  /** Every view name declared in the context. */
  viewNames(): IterableIterator<string> {
    return this.views.keys();
  }

  /** Every explore name declared in the context. */
  exploreNames(): IterableIterator<string> {
    return this.explores.keys();
  }

  /** The view as this model sees it, or undefined when the model has no such view. */
  view(name: string): ResolvedView | undefined {
    return resolveView(this, name, this.viewCache);
  }

  /** The explore as this model sees it. */
  explore(name: string): ResolvedExplore | undefined {
    if (!this.exploreCache.has(name)) this.exploreCache.set(name, resolveExplore(this, name));
    return this.exploreCache.get(name);
  }
}

function insertSorted<T extends { file: string; nameRange: Range }>(
  map: Map<string, T[]>,
  name: string,
  decl: T,
  position: ReadonlyMap<string, number>,
): void {
  const list = map.get(name) ?? [];
  const last = list[list.length - 1];
  list.push(decl);
  map.set(name, list);
  // Files are indexed in include order, so a new declaration nearly always goes last.
  if (last === undefined || (position.get(last.file) ?? 0) < (position.get(decl.file) ?? 0)) return;
  if (last.file === decl.file && compareRanges(last.nameRange, decl.nameRange) <= 0) return;
  list.sort(
    (a, b) =>
      (position.get(a.file) ?? 0) - (position.get(b.file) ?? 0) ||
      compareRanges(a.nameRange, b.nameRange),
  );
}

function removeDecl<T>(map: Map<string, T[]>, name: string, decl: T): void {
  const list = map.get(name);
  if (list === undefined) return;
  const next = list.filter((d) => d !== decl);
  if (next.length === 0) map.delete(name);
  else map.set(name, next);
}
