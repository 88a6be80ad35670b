/**
 * Uptime for the language server: one place that keeps each project's history reader (so a new
 * run costs one file to parse), the manifest's source lineage, and the auto-archivers, and that
 * answers the hover line and the warning of a generated view.
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import type { Diagnostic, Range } from "vscode-languageserver";
import { defaultUptimeSettings, type UptimeSettings } from "../../../common/src/runs";
import { AutoArchiver, type ArchiveLog } from "./autoArchive";
import { uptimeDiagnostic } from "./diagnostic";
import { findUptime, uptimeHoverDetails, uptimeHoverLine } from "./format";
import { HistoryReader } from "./history";
import { readUpstreamSources, resolveRunsPaths, type RunsPaths } from "./project";
import { computeUptime, type UptimeReport } from "./uptime";
import { parseWindow, type TimeWindow } from "./window";

/** A project's uptime with the settings it was computed under. */
export interface UptimeView {
  paths: RunsPaths;
  report: UptimeReport;
  /** "in 30 days": how hovers and warnings name the window. */
  windowLabel: string;
  warnBelowPercent: number;
  /** A setting that could not be used (and what was used instead). */
  settingProblems: string[];
}

/** Where a project's folders are; `targetDir` overrides dbt's own lookup. */
export interface UptimeProject {
  projectDir: string;
  targetDir?: string | undefined;
}

/** Keeps per-project state between requests; one per server. */
export class UptimeService {
  private readonly readers = new Map<string, HistoryReader>();
  private readonly lineage = new Map<string, { stamp: string; upstream: Map<string, string[]> }>();
  private readonly archivers = new Map<string, AutoArchiver>();

  constructor(
    private readonly log: ArchiveLog,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Reads the history (only new files are parsed) and computes every table's uptime. */
  async view(
    project: UptimeProject,
    settings: UptimeSettings,
    now = new Date(),
  ): Promise<UptimeView> {
    const paths = await this.paths(project, settings);
    const settingProblems: string[] = [];
    const window = windowOrDefault(settings.window, settingProblems);
    const history = await this.reader(paths.historyDir).read();
    const upstream = await this.upstream(paths.targetDir);
    const report = computeUptime(history, {
      now,
      window,
      upstreamSources: (id) => upstream.get(id) ?? [],
    });
    return {
      paths,
      report,
      windowLabel: window.label,
      warnBelowPercent: settings.warnBelowPercent,
      settingProblems,
    };
  }

  /**
   * The hover lines for a model's generated view (or an explore built on it); none if unknown.
   * Ages ("2 h ago") are taken at `now`, so a view computed a while ago still reads true.
   */
  hover(view: UptimeView, modelName: string, now: Date = view.report.now): string[] {
    const model = findUptime(view.report, modelName);
    if (model === undefined) return [];
    return [uptimeHoverLine(model, view.windowLabel, now), ...uptimeHoverDetails(model)];
  }

  /** The below-threshold warning for a generated view, placed at `range`. */
  diagnostic(view: UptimeView, modelName: string, range: Range): Diagnostic | undefined {
    if (view.warnBelowPercent <= 0) return undefined;
    const model = findUptime(view.report, modelName);
    if (model === undefined) return undefined;
    return uptimeDiagnostic(model, view.windowLabel, view.warnBelowPercent, range);
  }

  /**
   * Call when the server sees `run_results.json` or `sources.json` change in a project's target
   * folder; archives when the `autoArchive` setting is on. Resolves with what was archived.
   */
  async onRunArtifactChanged(project: UptimeProject, settings: UptimeSettings): Promise<string[]> {
    if (!settings.autoArchive) return [];
    const paths = await this.paths(project, settings);
    let archiver = this.archivers.get(paths.historyDir);
    if (archiver === undefined) {
      archiver = new AutoArchiver(paths, this.log);
      this.archivers.set(paths.historyDir, archiver);
    }
    return (await archiver.notify()).archived;
  }

  private async paths(project: UptimeProject, settings: UptimeSettings): Promise<RunsPaths> {
    return resolveRunsPaths({
      projectDir: project.projectDir,
      targetDir: project.targetDir,
      historyDir: settings.historyFolder,
      env: this.env,
    });
  }

  private reader(historyDir: string): HistoryReader {
    let reader = this.readers.get(historyDir);
    if (reader === undefined) {
      reader = new HistoryReader(historyDir);
      this.readers.set(historyDir, reader);
    }
    return reader;
  }

  /** The manifest's model → sources map, re-read only when the manifest changed. */
  private async upstream(targetDir: string): Promise<Map<string, string[]>> {
    const stat = await fs.stat(path.join(targetDir, "manifest.json")).catch(() => undefined);
    const stamp = stat === undefined ? "none" : `${String(stat.mtimeMs)}:${String(stat.size)}`;
    const known = this.lineage.get(targetDir);
    if (known?.stamp === stamp) return known.upstream;
    const upstream = await readUpstreamSources(targetDir);
    this.lineage.set(targetDir, { stamp, upstream });
    return upstream;
  }
}

function windowOrDefault(text: string, problems: string[]): TimeWindow {
  const window = parseWindow(text);
  if (window !== undefined) return window;
  problems.push(
    `analyticsOps.uptime.window "${text}" is not a window such as 30d, 12w, 3m or 2025-01-31; ` +
      `using ${defaultUptimeSettings.window}`,
  );
  const fallback = parseWindow(defaultUptimeSettings.window);
  if (fallback === undefined) throw new Error("the default uptime window does not parse");
  return fallback;
}
