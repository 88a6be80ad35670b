/**
 * What a generator run did, and its rendering as text for the CLI and the VS Code output
 * channel.
 */
import path from "node:path";

/** A view file and the model it comes from. */
export interface GeneratedView {
  /** dbt unique id of the model. */
  model: string;
  view: string;
  /** Absolute path of the file. */
  file: string;
}

/** A selected model for which no file was produced, and why. */
export interface SkippedModel {
  model: string;
  reason: string;
}

/** A file the generator would not write, and why (edited by hand, escaping name...). */
export interface RefusedFile {
  model: string;
  file: string;
  reason: string;
}

/** A file that could not be read or written. */
export interface FileError {
  file: string;
  message: string;
}

/** A problem in the input that did not stop generation (unknown type, bad meta...). */
export interface GenerateWarning {
  /** The model concerned, when there is one. */
  model?: string;
  message: string;
}

/** The result of one run. Arrays are in model order; nothing is left out. */
export interface GenerateSummary {
  /** Absolute output folder. */
  outDir: string;
  dryRun: boolean;
  manifestFile: string;
  /** Absent when no catalog was found (types then come from YAML `data_type`). */
  catalogFile?: string;
  /** Number of models the selection picked. */
  selected: number;
  /** Files written (in a dry run: that would be written). */
  written: GeneratedView[];
  /** Files already holding exactly what would be written. */
  unchanged: GeneratedView[];
  skipped: SkippedModel[];
  refused: RefusedFile[];
  /** Generated files in the folder whose model is no longer in the manifest; left in place. */
  stale: GeneratedView[];
  errors: FileError[];
  warnings: GenerateWarning[];
  /** Facts about the run a user should know (no catalog, no dbt_project.yml...). */
  notes: string[];
}

/** True when the run should count as failed: a file refused or an error. */
export function summaryFailed(summary: GenerateSummary): boolean {
  return summary.refused.length > 0 || summary.errors.length > 0;
}

// Long runs list counts only for the routine outcomes; problems are always listed in full.
const listLimit = 30;

/** Human-readable summary; paths are shown relative to `baseDir` when given. */
export function formatSummary(summary: GenerateSummary, baseDir?: string): string {
  const show = (file: string): string => (baseDir === undefined ? file : relative(baseDir, file));
  const wrote = summary.dryRun ? "would write" : "written";
  const lines = [
    `Generated LookML from ${show(summary.manifestFile)} into ${show(summary.outDir)}` +
      (summary.dryRun ? " (dry run: nothing written)" : ""),
    `  ${summary.selected} model(s) selected: ${summary.written.length} ${wrote}, ` +
      `${summary.unchanged.length} unchanged, ${summary.skipped.length} skipped, ` +
      `${summary.refused.length} refused, ${summary.errors.length} error(s)`,
  ];

  for (const note of summary.notes) lines.push(`  note: ${note}`);
  if (summary.written.length <= listLimit) {
    for (const v of summary.written) lines.push(`  ${wrote}: ${show(v.file)} (${v.model})`);
  }
  if (summary.unchanged.length <= listLimit) {
    for (const v of summary.unchanged) lines.push(`  unchanged: ${show(v.file)}`);
  }
  for (const s of summary.skipped) lines.push(`  skipped: ${s.model}: ${s.reason}`);
  for (const r of summary.refused) lines.push(`  refused: ${show(r.file)}: ${r.reason}`);
  for (const e of summary.errors) lines.push(`  error: ${show(e.file)}: ${e.message}`);
  for (const s of summary.stale) {
    lines.push(`  stale: ${show(s.file)}: model ${s.model} is no longer in the manifest`);
  }
  for (const w of summary.warnings) {
    lines.push(`  warning: ${w.model === undefined ? "" : `${w.model}: `}${w.message}`);
  }
  return `${lines.join("\n")}\n`;
}

function relative(baseDir: string, file: string): string {
  const shown = path.relative(baseDir, file);
  return shown === "" ? "." : shown;
}
