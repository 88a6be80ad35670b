/**
 * Table uptime in the language server: each dbt project's archived run history, turned into
 * hover lines and warnings on the generated views (and the explores built on them). Figures
 * are computed again when dbt writes new run results, and hourly so ages stay true.
 */
import * as path from "node:path";
import type { Connection, Diagnostic, Position } from "vscode-languageserver/node";
import { toUptimeSettings, type UptimeSettings } from "../../../common/src/runs";
import { UptimeService, type UptimeView } from "../runs/service";
import type { FileInfo } from "../workspace/fileInfo";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";

const RECOMPUTE_MS = 60 * 60_000;

export class UptimeHost {
  private readonly service: UptimeService;
  private readonly views = new Map<string, UptimeView>();
  private settings: UptimeSettings = toUptimeSettings({});
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly trusted: boolean,
    private readonly changed: () => void,
  ) {
    this.service = new UptimeService({
      info: (line) => {
        connection.console.info(line);
      },
      warn: (line) => {
        connection.console.warn(line);
      },
    });
  }

  /** Computes every project's figures, then keeps them fresh. */
  async start(index: WorkspaceIndex, raw: unknown): Promise<void> {
    this.settings = toUptimeSettings(raw);
    await this.recompute(index);
    this.timer = setInterval(() => void this.recompute(index), RECOMPUTE_MS);
  }

  async reconfigure(index: WorkspaceIndex, raw: unknown): Promise<void> {
    this.settings = toUptimeSettings(raw);
    await this.recompute(index);
  }

  /** dbt wrote `run_results.json` or `sources.json`: archive if asked to, then recompute. */
  async runArtifactChanged(index: WorkspaceIndex, file: string): Promise<void> {
    const project = index.dbtProjects().find((p) => file.startsWith(p.dir + path.sep));
    if (project === undefined) return;
    // In restricted mode nothing is written, so nothing is archived.
    if (this.trusted)
      await this.service.onRunArtifactChanged({ projectDir: project.dir }, this.settings);
    await this.recompute(index);
  }

  hover(index: WorkspaceIndex, file: string, position: Position): string[] {
    const info = index.file(file);
    if (info === undefined) return [];
    const model = this.modelAt(index, info, position);
    const view = model === undefined ? undefined : this.views.get(model.project);
    return view === undefined || model === undefined
      ? []
      : this.service.hover(view, model.name, new Date());
  }

  diagnostics(index: WorkspaceIndex, file: string): Diagnostic[] {
    const info = index.file(file);
    const model = info === undefined ? undefined : index.modelOf(info);
    const view = model === undefined ? undefined : this.views.get(model.project.dir);
    const decl = info?.decls.views.find((v) => !v.refinement);
    if (model === undefined || view === undefined || decl === undefined) return [];
    const diagnostic = this.service.diagnostic(view, model.model.name, decl.nameRange);
    return diagnostic === undefined ? [] : [diagnostic];
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  private async recompute(index: WorkspaceIndex): Promise<void> {
    for (const project of index.dbtProjects()) {
      try {
        this.views.set(
          project.dir,
          await this.service.view({ projectDir: project.dir }, this.settings),
        );
      } catch (error: unknown) {
        this.views.delete(project.dir);
        this.connection.console.warn(`Uptime for ${project.dir}: ${String(error)}`);
      }
    }
    this.changed();
  }

  // The model of a generated view, or of the generated view an explore is built on.
  private modelAt(
    index: WorkspaceIndex,
    info: FileInfo,
    position: Position,
  ): { project: string; name: string } | undefined {
    // On a generated view, only its `view:` line: elsewhere the hover is about a field.
    const own = index.modelOf(info);
    if (own !== undefined) {
      const view = info.decls.views.find((v) => !v.refinement);
      const onName = view !== undefined && view.nameRange.start.line === position.line;
      return onName ? { project: own.project.dir, name: own.model.name } : undefined;
    }

    const explore = info.decls.explores.find((e) => e.nameRange.start.line === position.line);
    if (explore === undefined) return undefined;
    const viewName = explore.from?.value ?? explore.viewName?.value ?? explore.name;
    for (const context of index.contextsOf(info.path)) {
      const base = context.files
        .map((f) => index.file(f))
        .find(
          (f) =>
            f?.generated !== undefined &&
            f.decls.views.some((v) => v.name === viewName && !v.refinement),
        );
      const model = base === undefined ? undefined : index.modelOf(base);
      if (model !== undefined) return { project: model.project.dir, name: model.model.name };
    }
    return undefined;
  }
}
