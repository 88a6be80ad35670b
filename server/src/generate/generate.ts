/**
 * "Generate LookML from dbt": one view file per selected model, in one output folder, each
 * with a header naming its model and a hash of its content. The CLI and the VS Code command
 * both call `generate`; tests and the benchmark call `generateFromArtifacts` directly.
 */
import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

import { UserError } from "../cli/command";
import {
  ArtifactError,
  findCatalogTable,
  loadCatalog,
  loadManifest,
  readDbtProject,
  resolveTargetDir,
  type Catalog,
  type DbtManifest,
  type DbtModel,
  type DbtTest,
} from "../dbt";
import { describeFsError } from "../dbt/json";
import { modelColumns } from "./columns";
import { placeGeneratedFile } from "./files";
import { readGeneratedHeader, withGeneratedHeader } from "./header";
import { lookmlName } from "./identifiers";
import { choosePrimaryKey } from "./keys";
import { renderViews } from "./lookml";
import { readViewSettings, type ViewSettings } from "./meta";
import { selectModels } from "./select";
import type { GeneratedView, GenerateSummary } from "./summary";
import { buildViews } from "./view";

/** What the VS Code command and the CLI pass to `generate`. */
export interface GenerateOptions {
  /** Folder of the dbt project (holding dbt_project.yml, or at least its target folder). */
  dbtProjectDir: string;
  /** Target folder holding manifest.json; relative to the project. Default: as dbt decides. */
  targetDir?: string;
  /** Output folder for the views (absolute, or relative to the current folder). */
  outDir: string;
  /** dbt-style selectors: names, globs, `tag:x`, `path:glob`. Empty: every model. */
  select?: string[];
  /** Only columns documented in YAML (skip catalog-only columns). */
  documentedOnly?: boolean;
  /** Report what would happen, write nothing. */
  dryRun?: boolean;
  /** Progress lines for a log. */
  log?: (message: string) => void;
  /** Environment read for DBT_TARGET_PATH; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** Inputs of `generateFromArtifacts`: artifacts already loaded. */
export interface ArtifactsInput {
  manifest: DbtManifest;
  catalog?: Catalog | undefined;
  outDir: string;
  select?: string[] | undefined;
  documentedOnly?: boolean | undefined;
  dryRun?: boolean | undefined;
  log?: ((message: string) => void) | undefined;
  /** Notes gathered while loading, carried into the summary. */
  notes?: string[] | undefined;
}

/**
 * Loads the dbt project's manifest (and catalog, when there is one) and generates the views.
 * Throws UserError (ArtifactError for artifact files) with a message naming the file for
 * input it cannot use; problems with single models or files land in the summary instead.
 */
export async function generate(options: GenerateOptions): Promise<GenerateSummary> {
  const log = options.log ?? noLog;
  const projectDir = path.resolve(options.dbtProjectDir);
  await requireFolder(projectDir, "dbt project folder");

  const notes: string[] = [];
  const project = await readDbtProject(projectDir);
  if (project === undefined) notes.push(`no dbt_project.yml in ${projectDir}`);
  const target = resolveTargetDir(projectDir, {
    explicit: options.targetDir,
    env: options.env ?? process.env,
    project,
  });
  log(`dbt target folder: ${target.dir} (from ${target.source})`);

  const manifest = await readManifestIn(target.dir, projectDir);
  const catalog = await readCatalogIn(target.dir, notes);
  return generateFromArtifacts({ ...options, manifest, catalog, notes, log });
}

async function readManifestIn(targetDir: string, projectDir: string): Promise<DbtManifest> {
  const file = path.join(targetDir, "manifest.json");
  if (!(await exists(file))) {
    throw new ArtifactError(
      file,
      `no dbt manifest here; run \`dbt parse\` (or \`dbt docs generate\` for warehouse types) ` +
        `in ${projectDir}, or pass the target folder that holds it`,
    );
  }
  return loadManifest(file);
}

async function readCatalogIn(targetDir: string, notes: string[]): Promise<Catalog | undefined> {
  const file = path.join(targetDir, "catalog.json");
  if (await exists(file)) return loadCatalog(file);
  notes.push(
    `no catalog.json in ${targetDir}: column types come from the YAML data_type, and ` +
      "undocumented columns are missing; run `dbt docs generate` for the warehouse's columns",
  );
  return undefined;
}

/** Generates views from loaded artifacts into `outDir`. */
export async function generateFromArtifacts(input: ArtifactsInput): Promise<GenerateSummary> {
  const started = Date.now();
  const log = input.log ?? noLog;
  const outDir = path.resolve(input.outDir);
  const { manifest, catalog } = input;
  const summary = emptySummary(input, outDir);
  log(describeManifest(manifest));

  const { selected, unmatched } = selectModels(manifest.models, input.select);
  summary.selected = selected.length;
  for (const text of unmatched)
    summary.warnings.push({ message: `selector "${text}" matched no model` });
  for (const message of manifest.warnings) summary.warnings.push({ message });
  log(`${selected.length} of ${manifest.models.length} model(s) selected`);

  const planned = planFiles(selected, input, outDir, summary);
  const present = await listFolder(outDir);
  if (planned.length > 0 && input.dryRun !== true) await makeOutputFolder(outDir);
  await placeAll(planned, { dryRun: input.dryRun === true, present }, summary, log);
  if (input.select === undefined || input.select.length === 0) {
    await findStale(outDir, present, manifest, planned, summary);
  }

  log(
    `done in ${Date.now() - started} ms: ${summary.written.length} written, ` +
      `${summary.unchanged.length} unchanged, ${summary.skipped.length} skipped, ` +
      `${summary.refused.length} refused, ${summary.errors.length} error(s)` +
      (catalog === undefined ? " (no catalog)" : ""),
  );
  return summary;
}

function emptySummary(input: ArtifactsInput, outDir: string): GenerateSummary {
  const summary: GenerateSummary = {
    outDir,
    dryRun: input.dryRun === true,
    manifestFile: input.manifest.file,
    selected: 0,
    written: [],
    unchanged: [],
    skipped: [],
    refused: [],
    stale: [],
    errors: [],
    warnings: [],
    notes: [...(input.notes ?? [])],
  };
  if (input.catalog !== undefined) summary.catalogFile = input.catalog.file;
  return summary;
}

function describeManifest(manifest: DbtManifest): string {
  const facts = [
    manifest.dbtVersion === undefined ? undefined : `dbt ${manifest.dbtVersion}`,
    manifest.schemaVersion === undefined ? undefined : `schema v${manifest.schemaVersion}`,
    manifest.adapterType,
  ].filter((fact) => fact !== undefined);
  return `manifest ${manifest.file} (${facts.join(", ")}): ${manifest.models.length} model(s)`;
}

interface PlannedFile extends GeneratedView {
  text: string;
}

function planFiles(
  models: readonly DbtModel[],
  input: ArtifactsInput,
  outDir: string,
  summary: GenerateSummary,
): PlannedFile[] {
  const testsByModel = groupTests(input.manifest.tests);
  const viewOwners = new Map<string, string>();
  const planned: PlannedFile[] = [];

  for (const model of models) {
    const warn = (message: string): void => {
      summary.warnings.push({ model: model.uniqueId, message });
    };
    const settings = readViewSettings(model.meta, warn);
    const skip = skipReason(model, settings);
    if (skip !== undefined) {
      summary.skipped.push({ model: model.uniqueId, reason: skip });
      continue;
    }

    const placed = placeView(model, settings, outDir);
    if ("refused" in placed) {
      summary.refused.push({ model: model.uniqueId, file: placed.file, reason: placed.refused });
      continue;
    }
    const owner = viewOwners.get(placed.view);
    if (owner !== undefined) {
      const reason = `view name "${placed.view}" is already generated from ${owner}`;
      summary.skipped.push({ model: model.uniqueId, reason });
      continue;
    }

    viewOwners.set(placed.view, model.uniqueId);
    const text = renderModel(model, settings, placed.view, input, testsByModel, warn);
    planned.push({ model: model.uniqueId, view: placed.view, file: placed.file, text });
  }
  return planned;
}

/** Why the generator leaves a model out, or undefined when it writes a view for it. */
export function skipReason(model: DbtModel, settings: ViewSettings): string | undefined {
  if (!model.enabled) return "disabled in dbt (enabled: false)";
  if (model.materialized === "ephemeral") {
    return "ephemeral model: it has no table or view in the warehouse";
  }
  if (model.relationName === undefined) return "the manifest gives no relation for it";
  if (!settings.enabled) return "opted out in meta (looker: enabled: false)";
  return undefined;
}

/**
 * The longest view name written to a file. File systems allow 255 bytes a name; the file adds
 * `.view.lkml` and its temporary copy about 25 more, and view names are ASCII, so this stays
 * well inside with room for a longer process id.
 */
const maxViewNameLength = 180;

/**
 * The view name and file for a model. A name asked for in meta that holds a path (`../x`,
 * `a/b`) or is too long for a file name is refused rather than cleaned up, since it shows a
 * mistake worth seeing.
 */
export function placeView(
  model: DbtModel,
  settings: ViewSettings,
  outDir: string,
): { view: string; file: string } | { refused: string; file: string } {
  const defaultName = model.version === undefined ? model.name : `${model.name}_v${model.version}`;
  const raw = settings.name ?? defaultName;
  if (/[/\\]/.test(raw) || raw === "." || raw === ".." || raw.includes("\0")) {
    const file = path.join(outDir, `${raw}.view.lkml`);
    return { refused: `view name "${raw}" would escape the output folder`, file };
  }

  const view = lookmlName(raw, "view");
  const file = path.join(outDir, `${view}.view.lkml`);
  if (view.length > maxViewNameLength) {
    // The file is named shortened: the whole name would fill the summary line.
    const shown = path.join(outDir, `${view.slice(0, 40)}….view.lkml`);
    return { refused: overlongName(model, view), file: shown };
  }
  const inside = path.relative(outDir, file);
  if (inside.startsWith("..") || path.isAbsolute(inside)) {
    return { refused: `view name "${raw}" would escape the output folder`, file };
  }
  return { view, file };
}

function overlongName(model: DbtModel, view: string): string {
  return (
    `view name "${view.slice(0, 40)}…" of ${model.uniqueId} is ${String(view.length)} ` +
    `characters; the limit is ${String(maxViewNameLength)}, to keep the file name within ` +
    "what file systems allow. Set a shorter meta.looker.view.name"
  );
}

/** The full text of one model's view file, header included. */
export function renderModel(
  model: DbtModel,
  settings: ViewSettings,
  viewName: string,
  input: Pick<ArtifactsInput, "manifest" | "catalog" | "documentedOnly">,
  testsByModel: ReadonlyMap<string, DbtTest[]>,
  warn: (message: string) => void,
): string {
  const adapter = input.manifest.adapterType;
  const table = input.catalog === undefined ? undefined : findCatalogTable(input.catalog, model);
  if (input.catalog !== undefined && table === undefined) {
    warn("not in catalog.json; column types come from the YAML data_type");
  }

  const columns = modelColumns(model, table, adapter === "bigquery");
  if (input.documentedOnly === true) {
    columns.columns = columns.columns.filter((c) => c.doc !== undefined);
  }
  if (columns.typedFromYaml.length > 0) {
    const names = columns.typedFromYaml.join(", ");
    warn(`documented but not in the catalog (typed from data_type): ${names}`);
  }

  const primaryKey = choosePrimaryKey(model, testsByModel.get(model.uniqueId) ?? []);
  const views = buildViews({ model, viewName, adapter, columns, settings, primaryKey }, warn);
  return withGeneratedHeader(model.uniqueId, viewName, renderViews(views));
}

/** The manifest's tests by the node they test. */
export function groupTests(tests: readonly DbtTest[]): Map<string, DbtTest[]> {
  const byModel = new Map<string, DbtTest[]>();
  for (const test of tests) {
    if (test.attachedNode === undefined) continue;
    const list = byModel.get(test.attachedNode) ?? [];
    list.push(test);
    byModel.set(test.attachedNode, list);
  }
  return byModel;
}

async function makeOutputFolder(outDir: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error: unknown) {
    throw new UserError(`${outDir}: cannot create the output folder: ${describeFsError(error)}`);
  }
}

// Many small files: a few writes in flight at once, without opening thousands of handles.
const concurrency = 16;

async function placeAll(
  planned: readonly PlannedFile[],
  options: { dryRun: boolean; present: ReadonlySet<string> },
  summary: GenerateSummary,
  log: (message: string) => void,
): Promise<void> {
  const outcomes = new Array<Awaited<ReturnType<typeof placeGeneratedFile>>>(planned.length);
  let next = 0;
  const place = (file: PlannedFile) =>
    placeGeneratedFile(file.file, file.text, {
      dryRun: options.dryRun,
      mayExist: options.present.has(path.basename(file.file)),
    });
  const worker = async (): Promise<void> => {
    for (let i = next++; i < planned.length; i = next++) {
      const file = planned[i];
      if (file !== undefined) outcomes[i] = await place(file);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, planned.length) }, worker));

  // Outcomes are recorded in model order, whatever order the writes finished in.
  planned.forEach((file, i) => {
    const outcome = outcomes[i];
    const view: GeneratedView = { model: file.model, view: file.view, file: file.file };
    if (outcome === undefined) return;
    if (outcome.status === "written") summary.written.push(view);
    if (outcome.status === "unchanged") summary.unchanged.push(view);
    if (outcome.status === "refused") {
      summary.refused.push({ ...view, reason: outcome.reason });
      log(`refused ${file.file}: ${outcome.reason}`);
    }
    if (outcome.status === "error") {
      summary.errors.push({ file: file.file, message: outcome.reason });
      log(`error ${file.file}: ${outcome.reason}`);
    }
  });
}

// A generated file whose model left the manifest: reported, never deleted (it may be
// referenced by hand-written explores that need changing first).
async function findStale(
  outDir: string,
  present: ReadonlySet<string>,
  manifest: DbtManifest,
  planned: readonly PlannedFile[],
  summary: GenerateSummary,
): Promise<void> {
  const plannedFiles = new Set(planned.map((p) => path.basename(p.file)));
  const modelIds = new Set(manifest.models.map((m) => m.uniqueId));
  const names = [...present].filter((n) => n.endsWith(".view.lkml") && !plannedFiles.has(n));

  for (const name of names.sort()) {
    const file = path.join(outDir, name);
    const header = readGeneratedHeader(await readFile(file, "utf8").catch(() => ""));
    if (header === undefined || modelIds.has(header.modelId)) continue;
    summary.stale.push({ model: header.modelId, view: name.replace(/\.view\.lkml$/, ""), file });
  }
}

// Listing the folder once spares a failed open per new file. As with any check-then-write, a
// file created under the same name while generation runs would be replaced.
async function listFolder(outDir: string): Promise<Set<string>> {
  try {
    return new Set(await readdir(outDir));
  } catch {
    // No folder yet: every file is new, and nothing can be stale.
    return new Set();
  }
}

async function requireFolder(dir: string, what: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(dir)).isDirectory();
  } catch (error: unknown) {
    throw new UserError(`${dir}: cannot open the ${what}: ${describeFsError(error)}`);
  }
  if (!isFolder) throw new UserError(`${dir}: the ${what} is a file, not a folder`);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

function noLog(): void {
  // Logging is optional; without a log, progress is simply not reported.
}
