/**
 * The workspace index: every LookML project and dbt project under the workspace folders, with
 * each file parsed once and each model's includes resolved. It is updated file by file; an
 * update returns the files whose diagnostics may have changed, so only those are checked again.
 */
import * as path from "node:path";
import type { ContextHost, ModelContext } from "./context";
import type { DbtProjectState, ModelInfo, TargetSettings } from "./dbtProjects";
import { DbtProjectState as DbtState, MANIFEST_RETRY_MS } from "./dbtProjects";
import { scanWorkspace } from "./discovery";
import type { FileInfo } from "./fileInfo";
import { readFileInfo, sameIncludes } from "./fileInfo";
import type { FileSystem } from "./fileSystem";
import type { IncludeSite } from "./includes";
import { FileCatalog } from "./includes";
import { LookmlProject } from "./lookmlProject";
import { isInside, lookmlFileKind } from "./paths";
import { findProjectRoots, rootOf } from "./projects";
import type { RegenerateOptions } from "./regenerate";

/** How to build an index. */
export interface IndexOptions {
  fs: FileSystem;
  /** Workspace folders (absolute paths). */
  roots: string[];
  /** Extra dbt project folders named in settings, absolute. */
  dbtProjects?: string[];
  target?: TargetSettings;
  /** The generator's settings, to tell whether a generated view is out of date. */
  generate?: RegenerateOptions;
}

/** What an update did: the files whose diagnostics should be computed again. */
export interface IndexChange {
  affected: string[];
}

/** The result of reading a changed `manifest.json`. */
export interface ManifestUpdate extends IndexChange {
  /** Ask again after this many milliseconds: the file was caught half-written. */
  retryAfterMs: number | undefined;
}

/** The index over all workspace folders. */
export class WorkspaceIndex implements ContextHost {
  readonly catalog = new FileCatalog();
  private readonly files = new Map<string, FileInfo>();
  private projects = new Map<string, LookmlProject>();
  private readonly projectOfFile = new Map<string, LookmlProject>();
  private roots: string[] = [];
  private dbt: DbtProjectState[] = [];

  constructor(private readonly options: IndexOptions) {}

  /** The generator's settings the index compares generated views against. */
  get generateOptions(): RegenerateOptions {
    return this.options.generate ?? { documentedOnly: false };
  }

  /** The file system the index reads from. */
  get fs(): FileSystem {
    return this.options.fs;
  }

  /** Scans the workspace folders, reads every file and builds every project. */
  load(): void {
    const scan = scanWorkspace(this.options.fs, this.options.roots);
    this.files.clear();
    for (const file of scan.lookmlFiles) this.readFile(file);
    const dbtDirs = new Set([...scan.dbtProjects, ...(this.options.dbtProjects ?? [])]);
    this.dbt = [...dbtDirs]
      .sort()
      .map((dir) => new DbtState(dir, this.options.fs, this.options.target ?? {}));
    for (const d of this.dbt) d.reload();
    this.rebuildProjects();
  }

  private readFile(file: string): FileInfo | undefined {
    const text = this.options.fs.readFile(file);
    if (text === undefined) return undefined;
    const info = readFileInfo(file, text);
    this.files.set(file, info);
    this.catalog.add(file);
    return info;
  }

  private rebuildProjects(): void {
    this.roots = findProjectRoots(this.files, this.scanRoots(), this.catalog);
    this.projects = new Map();
    this.projectOfFile.clear();
    for (const file of this.files.keys()) this.assign(file);
    for (const project of this.projects.values()) project.readManifest(this);
    for (const project of this.projects.values()) project.build(this);
  }

  private scanRoots(): string[] {
    return this.options.roots.map((r) => path.resolve(r));
  }

  private assign(file: string): LookmlProject {
    const root = rootOf(file, this.roots, this.scanRoots());
    let project = this.projects.get(root);
    if (project === undefined) {
      project = new LookmlProject(root);
      this.projects.set(root, project);
    }
    project.files.add(file);
    this.projectOfFile.set(file, project);
    return project;
  }

  /**
   * Reads a file again after it changed, was created or deleted (on disk or in the editor)
   * and returns the files whose diagnostics may have changed.
   */
  update(file: string): IndexChange {
    const abs = path.resolve(file);
    if (lookmlFileKind(abs) === undefined) return { affected: [] };
    const old = this.files.get(abs);
    const text = this.options.fs.readFile(abs);
    if (text === undefined) return old === undefined ? { affected: [] } : this.remove(abs);
    if (old !== undefined && old.text === text) return { affected: [] };

    const next = readFileInfo(abs, text);
    this.files.set(abs, next);
    this.catalog.add(abs);
    if (old === undefined || changesLayout(old, next)) return this.relayout(old, next);

    const project = this.projectOfFile.get(abs);
    if (project === undefined) return { affected: [abs] };
    if (next.kind === "manifest") return this.constantsChanged(project);
    if (!sameIncludes(old, next) || !sameModelViews(old, next)) return this.rebuildProject(project);
    return { affected: [...project.replaceFile(old, next)] };
  }

  // Typing in manifest.lkml changes constants: every file of the project (and of the projects
  // importing it) is checked again, but nothing needs building again.
  private constantsChanged(project: LookmlProject): IndexChange {
    project.readManifest(this);
    const affected = new Set(project.files);
    for (const other of this.projects.values()) {
      const imports = other.manifest?.decls.dependencies.some(
        (d) => this.projectNamed(d.project, other.root) === project,
      );
      if (imports === true) for (const f of other.files) affected.add(f);
    }
    return { affected: [...affected] };
  }

  private remove(file: string): IndexChange {
    const old = this.files.get(file);
    this.files.delete(file);
    this.catalog.remove(file);
    const affected = this.relayout(old, undefined).affected;
    return { affected: [...new Set([file, ...affected])] };
  }

  // A new or removed file, a manifest, or a model may move project roots or change what
  // globs match: the projects around it are built again.
  private relayout(old: FileInfo | undefined, next: FileInfo | undefined): IndexChange {
    const kind = next?.kind ?? old?.kind;
    if (kind === "manifest" || kind === "model") {
      const before = this.allFiles();
      this.rebuildProjects();
      return { affected: [...new Set([...before, ...this.allFiles()])] };
    }
    const file = next?.path ?? old?.path ?? "";
    const project = this.projectOfFile.get(file) ?? this.assign(file);
    if (next === undefined) {
      project.files.delete(file);
      this.projectOfFile.delete(file);
    }
    return this.rebuildProject(project);
  }

  private rebuildProject(project: LookmlProject): IndexChange {
    const before = [...project.files];
    project.build(this);
    return { affected: [...new Set([...before, ...project.files])] };
  }

  private allFiles(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Reads a changed `manifest.json` or `catalog.json`. While the manifest is half-written the
   * last good one stays, and `retryAfterMs` asks the caller to try again.
   */
  onArtifactChanged(file: string): ManifestUpdate {
    const abs = path.resolve(file);
    const state = this.dbt.find((d) => d.manifestFile === abs || d.catalogFile === abs);
    if (state === undefined) return { affected: [], retryAfterMs: undefined };

    const loaded = abs === state.catalogFile ? state.reloadCatalog() : state.reload();
    if (!loaded) {
      const waiting = state.status.kind === "waiting" && abs === state.manifestFile;
      return { affected: [], retryAfterMs: waiting ? MANIFEST_RETRY_MS : undefined };
    }
    return { affected: this.filesLinkedTo(state), retryAfterMs: undefined };
  }

  // Generated views of the dbt project, and every file of their LookML projects (refinements
  // and explores read the generated views).
  private filesLinkedTo(state: DbtProjectState): string[] {
    const projects = new Set<LookmlProject>();
    for (const info of this.files.values()) {
      if (info.generated === undefined || this.modelOf(info)?.project !== state) continue;
      const project = this.projectOfFile.get(info.path);
      if (project !== undefined) projects.add(project);
    }
    return [...projects].flatMap((p) => [...p.files]);
  }

  /** The parsed file, if the index holds it. */
  file(file: string): FileInfo | undefined {
    return this.files.get(file);
  }

  /** Every file the index holds, sorted. */
  filePaths(): readonly string[] {
    return this.catalog.files();
  }

  /** The LookML project a file belongs to. */
  projectOf(file: string): LookmlProject | undefined {
    return this.projectOfFile.get(file);
  }

  /** Every LookML project, sorted by root. */
  allProjects(): LookmlProject[] {
    return [...this.projects.values()].sort((a, b) => (a.root < b.root ? -1 : 1));
  }

  /** The contexts a file is checked in. */
  contextsOf(file: string): readonly ModelContext[] {
    return this.projectOfFile.get(file)?.contextsOf(file) ?? [];
  }

  /** The dbt projects found, with their artifact status. */
  dbtProjects(): readonly DbtProjectState[] {
    return this.dbt;
  }

  /** The dbt model a generated view came from, when the manifest has it. */
  modelOf(info: FileInfo): ModelInfo | undefined {
    const id = info.generated?.modelId;
    if (id === undefined) return undefined;
    const holders = this.dbt.filter((d) => d.model(id) !== undefined);
    // Two dbt projects with the same model id: the one nearest the view wins.
    holders.sort((a, b) => sharedPrefix(b.dir, info.path) - sharedPrefix(a.dir, info.path));
    return holders[0]?.model(id);
  }

  /** How includes of a file are resolved: its project's root and the imported projects. */
  site(file: string): IncludeSite {
    const project = this.projectOfFile.get(file);
    const root = project?.root ?? path.dirname(file);
    const expand = (name: string): string => expandConstants(name, project);
    return {
      file,
      projectRoot: root,
      importedRoot: (name) => this.importedRoot(root, expand(name)),
    };
  }

  // `//name/...` reaches `imported_projects/name` inside the project (as Looker's IDE lays
  // it out) or another LookML project of the workspace with that name.
  private importedRoot(root: string, name: string): string | undefined {
    const local = path.join(root, "imported_projects", name);
    if (this.catalog.filesUnder(local).length > 0) return local;
    for (const project of this.projects.values()) {
      if (project.root !== root && project.name === name) return project.root;
    }
    for (const project of this.projects.values()) {
      if (path.basename(project.root) === name && project.root !== root) return project.root;
    }
    return undefined;
  }

  /** The LookML project named `name` (an imported project), if in the workspace. */
  projectNamed(name: string, from: string): LookmlProject | undefined {
    const root = this.importedRoot(from, name);
    if (root === undefined) return undefined;
    return (
      this.projects.get(root) ?? [...this.projects.values()].find((p) => isInside(p.root, root))
    );
  }
}

// A manifest that names the project or its imports differently can change how includes
// resolve; a model with other includes can move an inferred project root.
function changesLayout(old: FileInfo, next: FileInfo): boolean {
  if (next.kind === "manifest") return !sameProjectSetup(old, next);
  return next.kind === "model" && !sameIncludes(old, next);
}

// Views declared in a model file set which models may share a check of their files.
function sameModelViews(old: FileInfo, next: FileInfo): boolean {
  if (next.kind !== "model") return true;
  const names = (info: FileInfo): string => info.decls.views.map((v) => v.name).join(",");
  return names(old) === names(next);
}

function sameProjectSetup(old: FileInfo, next: FileInfo): boolean {
  const deps = (info: FileInfo): string => info.decls.dependencies.map((d) => d.project).join(",");
  return old.decls.projectName === next.decls.projectName && deps(old) === deps(next);
}

// `include: "//@{PROJECT}/views/*"` names the project through a constant of manifest.lkml;
// one that is not defined stays as written, and the include reports it.
function expandConstants(name: string, project: LookmlProject | undefined): string {
  const constants = project?.manifest?.decls.constants ?? [];
  return name.replace(/@\{(\w+)\}/g, (whole, constant: string) => {
    return constants.find((c) => c.name === constant)?.value ?? whole;
  });
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
