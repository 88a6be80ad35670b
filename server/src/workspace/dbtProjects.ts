/**
 * The dbt projects of a workspace and their artifacts as the index last read them. dbt
 * rewrites `manifest.json` in place, so a change is taken only once the file parses and its
 * size holds still across the read; until then the last good manifest stays and the status
 * says the index is waiting.
 */
import { withoutByteOrderMark } from "../dbt/json";
import * as path from "node:path";
import { parseCatalog, parseDbtProject, parseManifest, resolveTargetDir } from "../dbt";
import { findCatalogTable } from "../dbt/catalog";
import type { DbtProject } from "../dbt";
import type { Catalog, CatalogColumn, DbtManifest, DbtModel } from "../dbt/types";
import type { FileSystem } from "./fileSystem";

/** Where a dbt project's artifacts stand. */
export type ArtifactStatus =
  | { kind: "missing"; manifest: string }
  | { kind: "loaded"; manifest: string; models: number }
  | { kind: "waiting"; manifest: string; reason: string; stale: boolean }
  | { kind: "error"; manifest: string; message: string; stale: boolean };

/**
 * Where a project's `catalog.json` stands. `unreadable` means the file is there but cannot be
 * used (empty, cut off, not JSON, another artifact); `catalog` may still hold the last good one.
 */
export type CatalogStatus =
  | { kind: "missing"; file: string }
  | { kind: "loaded"; file: string }
  | { kind: "unreadable"; file: string; problem: string };

/** A column of a model, from the catalog (warehouse type) and the YAML (description). */
export interface ModelColumn {
  name: string;
  type: string | undefined;
  description: string;
}

/** A dbt model as the index uses it. */
export interface ModelInfo {
  model: DbtModel;
  project: DbtProjectState;
  /** Columns by lower-case name; empty when neither catalog nor YAML lists any. */
  columns: Map<string, ModelColumn>;
  /** The model's `.sql` file, absolute. */
  sqlFile: string;
  /** The YAML file documenting it, absolute, when the manifest says which. */
  ymlFile: string | undefined;
}

/** How the index finds a project's target folder. */
export interface TargetSettings {
  /** A target folder set for this project (the resource-scoped setting), relative to it. */
  targetPath?: (projectDir: string) => string | undefined;
  env?: NodeJS.ProcessEnv;
}

/** Pause before reading a manifest again when it was caught half-written. */
export const MANIFEST_RETRY_MS = 250;

/** One dbt project and its last good artifacts. */
export class DbtProjectState {
  project: DbtProject;
  manifestFile: string;
  catalogFile: string;
  manifest: DbtManifest | undefined;
  catalog: Catalog | undefined;
  status: ArtifactStatus;
  catalogStatus: CatalogStatus;
  private models = new Map<string, ModelInfo>();
  private patchPaths = new Map<string, string>();

  constructor(
    readonly dir: string,
    private readonly fs: FileSystem,
    settings: TargetSettings,
  ) {
    this.project = readProject(fs, dir);
    const target = resolveTargetDir(dir, {
      explicit: settings.targetPath?.(dir),
      env: settings.env,
      project: this.project,
    }).dir;
    this.manifestFile = path.join(target, "manifest.json");
    this.catalogFile = path.join(target, "catalog.json");
    this.manifest = undefined;
    this.catalog = undefined;
    this.status = { kind: "missing", manifest: this.manifestFile };
    this.catalogStatus = { kind: "missing", file: this.catalogFile };
  }

  /** Reads the manifest (and catalog); returns true when the models changed. */
  reload(): boolean {
    const read = readStableJson(this.fs, this.manifestFile);
    if (read.kind !== "ok") {
      this.status = statusOf(read, this.manifestFile, this.manifest !== undefined);
      return false;
    }
    try {
      this.manifest = parseManifest(read.json, this.manifestFile);
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      this.status = {
        kind: "error",
        manifest: this.manifestFile,
        message,
        stale: this.manifest !== undefined,
      };
      return false;
    }
    this.patchPaths = patchPathsOf(read.json);
    this.catalog = this.readCatalog() ?? this.catalog;
    this.indexModels();
    this.status = { kind: "loaded", manifest: this.manifestFile, models: this.models.size };
    return true;
  }

  /** Reads the catalog again (it changes on `dbt docs generate`); true when it loaded. */
  reloadCatalog(): boolean {
    const catalog = this.readCatalog();
    if (catalog === undefined) return false;
    this.catalog = catalog;
    this.indexModels();
    return true;
  }

  /**
   * The catalog when it reads; otherwise undefined, with `catalogStatus` saying why. Types
   * from a catalog that cannot be read must not be replaced by YAML's silently: drift checks
   * look at `catalogStatus` to know the fallback types are not the ones the views were
   * generated with.
   */
  private readCatalog(): Catalog | undefined {
    const file = this.catalogFile;
    const read = readStableJson(this.fs, file);
    if (read.kind !== "ok") {
      this.catalogStatus =
        read.kind === "missing"
          ? { kind: "missing", file }
          : { kind: "unreadable", file, problem: read.reason };
      return undefined;
    }
    try {
      const catalog = parseCatalog(read.json, file);
      this.catalogStatus = { kind: "loaded", file };
      return catalog;
    } catch (error: unknown) {
      const problem = error instanceof Error ? error.message.replace(`${file}: `, "") : "";
      this.catalogStatus = { kind: "unreadable", file, problem };
      return undefined;
    }
  }

  private indexModels(): void {
    this.models = new Map();
    for (const model of this.manifest?.models ?? []) {
      this.models.set(model.uniqueId, this.modelInfo(model));
    }
  }

  private modelInfo(model: DbtModel): ModelInfo {
    const table = this.catalog === undefined ? undefined : findCatalogTable(this.catalog, model);
    const columns = new Map<string, ModelColumn>();
    for (const c of model.columns) {
      columns.set(c.name.toLowerCase(), {
        name: c.name,
        type: c.dataType,
        description: c.description,
      });
    }
    for (const c of table?.columns ?? []) mergeCatalogColumn(columns, c);
    return {
      model,
      project: this,
      columns,
      sqlFile: path.join(this.dir, model.originalFilePath),
      ymlFile: ymlFileOf(this.dir, this.patchPaths.get(model.uniqueId)),
    };
  }

  /** A model by unique id. */
  model(uniqueId: string): ModelInfo | undefined {
    return this.models.get(uniqueId);
  }

  /** Every model. */
  allModels(): IterableIterator<ModelInfo> {
    return this.models.values();
  }
}

function mergeCatalogColumn(columns: Map<string, ModelColumn>, c: CatalogColumn): void {
  const key = c.name.toLowerCase();
  const known = columns.get(key);
  columns.set(key, {
    name: known?.name ?? c.name,
    type: c.type,
    description: known?.description ?? c.comment ?? "",
  });
}

// The normalised manifest leaves out `patch_path` (`shop://models/schema.yml`), the YAML file
// that documents a model; go to definition wants it, so it is read from the raw JSON.
function patchPathsOf(json: unknown): Map<string, string> {
  const paths = new Map<string, string>();
  const nodes = isRecord(json) ? json["nodes"] : undefined;
  if (!isRecord(nodes)) return paths;
  for (const [id, node] of Object.entries(nodes)) {
    const patch = isRecord(node) ? node["patch_path"] : undefined;
    if (typeof patch === "string") paths.set(id, patch);
  }
  return paths;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function ymlFileOf(dir: string, patch: string | undefined): string | undefined {
  if (patch === undefined) return undefined;
  const rel = patch.includes("://") ? patch.slice(patch.indexOf("://") + 3) : patch;
  return path.join(dir, rel);
}

function readProject(fs: FileSystem, dir: string): DbtProject {
  const file = path.join(dir, "dbt_project.yml");
  const text = fs.readFile(file);
  try {
    if (text !== undefined) return parseDbtProject(text, dir, file);
  } catch {
    // A broken dbt_project.yml still leaves the default target folder to try.
  }
  return { dir, file, modelPaths: ["models"] };
}

type StableRead =
  { kind: "ok"; json: unknown } | { kind: "missing" } | { kind: "incomplete"; reason: string };

// A file is complete when it parses and its size did not move while it was read.
function readStableJson(fs: FileSystem, file: string): StableRead {
  const before = fs.stat(file);
  if (before === undefined) return { kind: "missing" };
  const text = fs.readFile(file);
  const after = fs.stat(file);
  if (text === undefined || after === undefined) return { kind: "missing" };
  if (before.size !== after.size || Buffer.byteLength(text, "utf8") !== after.size) {
    return { kind: "incomplete", reason: "the file is still being written" };
  }
  if (text.trim() === "") return { kind: "incomplete", reason: "the file is empty" };
  try {
    return { kind: "ok", json: JSON.parse(withoutByteOrderMark(text)) as unknown };
  } catch (error: unknown) {
    return { kind: "incomplete", reason: jsonProblem(text, error) };
  }
}

// What is wrong with text that does not parse, in words: a file cut off mid-write reads
// differently from one that was never JSON.
function jsonProblem(text: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(detail)?.[1];
  const atEnd = at !== undefined && Number(at) >= text.trimEnd().length - 1;
  if (atEnd || /end of (JSON )?input|Unterminated/i.test(detail)) {
    return `the file is not valid JSON: it ends part-way through (${detail})`;
  }
  return `the file is not valid JSON (${detail})`;
}

function statusOf(read: StableRead, manifest: string, stale: boolean): ArtifactStatus {
  if (read.kind === "incomplete") return { kind: "waiting", manifest, reason: read.reason, stale };
  if (stale) return { kind: "waiting", manifest, reason: "the file is missing", stale };
  return { kind: "missing", manifest };
}
