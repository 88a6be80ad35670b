/**
 * One LookML project: its root, its files, its models' contexts, and reverse maps from a view
 * or explore name to the files that declare it and the files that refer to it, which tell an
 * edit what else it affects.
 */
import * as path from "node:path";
import type { ConstantDecl } from "./declarations";
import type { FileInfo } from "./fileInfo";
import type { ContextHost } from "./context";
import { ModelContext } from "./context";

/** A LookML project and the contexts its files are checked in. */
export class LookmlProject {
  readonly files = new Set<string>();
  manifest: FileInfo | undefined;
  contexts: ModelContext[] = [];
  /** Every context that holds each file: the models including it, else the loose context. */
  private readonly contextsByFile = new Map<string, ModelContext[]>();
  /** The contexts each file is checked in: one per distinct view of the project. */
  private readonly checkedIn = new Map<string, ModelContext[]>();
  private readonly declaredBy = new Map<string, Set<string>>();
  private readonly referencedBy = new Map<string, Set<string>>();
  // Parent name to the files declaring a view or explore that extends it.
  private readonly extendedBy = new Map<string, Set<string>>();

  private readonly infos = new Map<string, FileInfo>();
  private aliases: Map<string, Set<string>> | undefined;

  constructor(readonly root: string) {}

  /** The project's name: `project_name` from the manifest, else its folder's name. */
  get name(): string {
    return this.manifest?.decls.projectName ?? path.basename(this.root);
  }

  /** Constants declared in the manifest, by name. */
  constants(): Map<string, ConstantDecl> {
    return new Map((this.manifest?.decls.constants ?? []).map((c) => [c.name, c]));
  }

  /** Finds the project's manifest, so other projects can tell this one's name before builds. */
  readManifest(host: ContextHost): void {
    const manifests = [...this.files].sort().filter((f) => host.file(f)?.kind === "manifest");
    this.manifest = manifests[0] === undefined ? undefined : host.file(manifests[0]);
  }

  /** Builds every context; `file` reads the index's parsed files. */
  build(host: ContextHost): void {
    const infos = [...this.files]
      .sort()
      .map((f) => host.file(f))
      .filter((i) => i !== undefined);
    this.manifest = infos.find((i) => i.kind === "manifest");
    const shared: ContextHost = {
      ...hostView(host),
      includeCache: new Map(),
      aliasViews: (alias) => this.aliasViews(alias),
    };
    this.contexts = infos
      .filter((i) => i.kind === "model")
      .map((m) => new ModelContext(this.root, m.path, shared));

    this.contextsByFile.clear();
    this.checkedIn.clear();
    for (const ctx of this.contexts) for (const f of ctx.files) pushTo(this.contextsByFile, f, ctx);
    this.assignCheckContexts(host);
    const loose = infos.filter((i) => i.kind !== "model" && !this.contextsByFile.has(i.path));
    if (loose.length > 0) {
      const all = infos.filter((i) => i.kind !== "model").map((i) => i.path);
      const ctx = new ModelContext(this.root, undefined, shared, all);
      this.contexts.push(ctx);
      for (const info of loose) {
        pushTo(this.contextsByFile, info.path, ctx);
        pushTo(this.checkedIn, info.path, ctx);
      }
    }

    this.declaredBy.clear();
    this.referencedBy.clear();
    this.extendedBy.clear();
    this.infos.clear();
    for (const info of infos) this.indexNames(info);
  }

  // A model file is checked in its own context. The other files are checked once per distinct
  // view of the project: models that include the same files and declare the same names see
  // them identically, and checking a view in each of hundreds of such models would only
  // repeat the same findings.
  private assignCheckContexts(host: ContextHost): void {
    const seen = new Set<string>();
    for (const ctx of this.contexts) {
      if (ctx.model === undefined) continue;
      pushTo(this.checkedIn, ctx.model, ctx);
      const key = contextKey(ctx, host.file(ctx.model), host);
      if (seen.has(key)) continue;
      seen.add(key);
      for (const f of ctx.files) if (f !== ctx.model) pushTo(this.checkedIn, f, ctx);
    }
  }

  /** Every context holding a file: each model that includes it, else the loose context. */
  contextsOf(file: string): readonly ModelContext[] {
    return this.contextsByFile.get(file) ?? [];
  }

  /** The contexts the diagnostics check a file in (one per distinct set of included files). */
  checkContextsOf(file: string): readonly ModelContext[] {
    return this.checkedIn.get(file) ?? [];
  }

  /**
   * Applies an edit that kept the file's includes: swaps its declarations in every context and
   * returns the files whose diagnostics may change.
   */
  replaceFile(old: FileInfo, next: FileInfo): Set<string> {
    const changed = new Set<string>();
    for (const ctx of this.contexts) {
      if (ctx.has(next.path)) for (const n of ctx.replaceFile(old, next)) changed.add(n);
    }
    this.unindexNames(old);
    this.indexNames(next);

    const affected = new Set<string>([next.path]);
    for (const name of this.withExtenders(changed)) {
      for (const f of this.declaredBy.get(name) ?? []) affected.add(f);
      for (const f of this.referencedBy.get(name) ?? []) affected.add(f);
    }
    return affected;
  }

  // A view's change reaches every view that extends it, and so on down the chain.
  private withExtenders(names: Set<string>): Set<string> {
    const all = new Set(names);
    const queue = [...names];
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      for (const file of this.extendedBy.get(name) ?? []) {
        for (const child of this.extendersIn(file, name)) {
          if (!all.has(child)) queue.push(child);
          all.add(child);
        }
      }
    }
    return all;
  }

  private extendersIn(file: string, parent: string): string[] {
    const info = this.infos.get(file);
    if (info === undefined) return [];
    const decls = [...info.decls.views, ...info.decls.explores];
    return decls.filter((d) => d.extends.some((e) => e.value === parent)).map((d) => d.name);
  }

  /** Files that declare or refine a view or explore of this name. */
  filesDeclaring(name: string): ReadonlySet<string> {
    return this.declaredBy.get(name) ?? new Set();
  }

  /** Files that refer to a view or explore of this name. */
  filesReferring(name: string): ReadonlySet<string> {
    return this.referencedBy.get(name) ?? new Set();
  }

  /** The views behind a join alias in any explore of the project. */
  aliasViews(alias: string): string[] {
    if (this.aliases === undefined) this.aliases = this.buildAliases();
    return [...(this.aliases.get(alias) ?? [])];
  }

  private buildAliases(): Map<string, Set<string>> {
    const index = new Map<string, Set<string>>();
    for (const info of this.infos.values()) {
      for (const explore of info.decls.explores) {
        for (const join of explore.joins) addTo(index, join.name, join.from?.value ?? join.name);
        if (explore.from !== undefined) addTo(index, explore.name, explore.from.value);
      }
    }
    return index;
  }

  private indexNames(info: FileInfo): void {
    this.aliases = undefined;
    this.infos.set(info.path, info);
    for (const name of info.declaredNames) addTo(this.declaredBy, name, info.path);
    for (const name of info.refNames) addTo(this.referencedBy, name, info.path);
    for (const parent of extendedNames(info)) addTo(this.extendedBy, parent, info.path);
  }

  private unindexNames(info: FileInfo): void {
    this.aliases = undefined;
    this.infos.delete(info.path);
    for (const name of info.declaredNames) this.declaredBy.get(name)?.delete(info.path);
    for (const name of info.refNames) this.referencedBy.get(name)?.delete(info.path);
    for (const parent of extendedNames(info)) this.extendedBy.get(parent)?.delete(info.path);
  }
}

function contextKey(ctx: ModelContext, model: FileInfo | undefined, host: ContextHost): string {
  // Only files that declare something change what a check sees (not dashboards, say).
  const others = ctx.files.filter((f) => {
    const info = f === ctx.model ? undefined : host.file(f);
    return info !== undefined && info.kind !== "model" && info.declaredNames.size > 0;
  });
  const names = (model?.decls.views ?? []).map((v) => v.name).sort();
  return `${ctx.complete ? "complete" : "partial"}|${others.join("\n")}|${names.join(",")}`;
}

// The host without its per-build cache, so each build starts afresh.
function hostView(host: ContextHost): ContextHost {
  return { file: (f) => host.file(f), site: (f) => host.site(f), catalog: host.catalog };
}

function extendedNames(info: FileInfo): string[] {
  const decls = [...info.decls.views, ...info.decls.explores];
  return decls.flatMap((d) => d.extends.map((e) => e.value));
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

function pushTo(map: Map<string, ModelContext[]>, key: string, ctx: ModelContext): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [ctx]);
  else list.push(ctx);
}
