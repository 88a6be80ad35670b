/**
 * "Archive dbt run results" and "Uptime report": the editor's side of the dbt run history.
 * Archiving, reading the history and the figures are plain functions under server/src/runs;
 * the language server uses the same ones for hovers, warnings and auto-archive.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import { RUNS_COMMANDS, toUptimeSettings, type UptimeSettings } from "../../../common/src/runs";
import { archiveRunArtifacts, type ArchiveOutcome } from "../../../server/src/runs/archive";
import { uptimeHtml } from "../../../server/src/runs/format";
import { resolveRunsPaths } from "../../../server/src/runs/project";
import { UptimeService } from "../../../server/src/runs/service";
import { HtmlPanel } from "../bugs/htmlPanel";
import { log, showErrorWithLog } from "../log";

/** What the extension can tell this module; by default dbt projects are found in the workspace. */
export interface RunsDeps {
  /** Absolute folders holding dbt_project.yml. */
  dbtProjects?: () => Promise<string[]>;
}

/** Registers the two commands; they are disposed with the extension. */
export function registerRuns(
  context: vscode.ExtensionContext,
  deps: RunsDeps = {},
): vscode.Disposable {
  const panel = new HtmlPanel("analyticsOps.uptimeReport", "Table uptime");
  const service = new UptimeService({
    info: (l) => {
      log.info(l);
    },
    warn: (l) => {
      log.warn(l);
    },
  });
  const projects = deps.dbtProjects ?? findDbtProjects;
  const commands: Record<string, () => Promise<void>> = {
    [RUNS_COMMANDS.archive]: () => archiveCommand(projects),
    [RUNS_COMMANDS.uptimeReport]: () => reportCommand(projects, service, panel),
  };
  const disposables = [
    new vscode.Disposable(() => {
      panel.dispose();
    }),
  ];
  for (const [id, run] of Object.entries(commands)) {
    disposables.push(
      vscode.commands.registerCommand(id, () =>
        run().catch(async (error: unknown) => {
          log.error(`${id} failed: ${error instanceof Error ? error.message : String(error)}`);
          await showErrorWithLog(`${id} failed.`);
        }),
      ),
    );
  }
  const all = vscode.Disposable.from(...disposables);
  context.subscriptions.push(all);
  return all;
}

async function archiveCommand(projects: () => Promise<string[]>): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      "Archiving writes into the dbt project; trust this workspace first.",
    );
    return;
  }
  const projectDir = await pickProject(projects);
  if (projectDir === undefined) return;
  const scope = vscode.Uri.file(projectDir);
  const paths = await resolveRunsPaths({
    projectDir,
    targetDir: targetSetting(scope),
    historyDir: uptimeSettings(scope).historyFolder,
    env: process.env,
  });
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: "Archiving dbt run results" },
    () => archiveRunArtifacts(paths),
  );
  showArchiveOutcome(outcome, paths.historyDir);
}

function showArchiveOutcome(outcome: ArchiveOutcome, historyDir: string): void {
  for (const name of outcome.archived) log.info(`Archived ${name} into ${historyDir}`);
  for (const problem of outcome.problems) log.warn(problem);
  const runs = outcome.archived.filter((name) => name.endsWith(".run_results.json")).length;
  if (outcome.problems.length > 0) {
    void showErrorWithLog(`Archive dbt run results: ${outcome.problems[0] ?? ""}`);
  } else if (runs > 0 || outcome.archived.length > 0) {
    void vscode.window.showInformationMessage(`Archived the latest dbt run into ${historyDir}.`);
  } else {
    void vscode.window.showInformationMessage("The latest dbt run was already archived.");
  }
}

async function reportCommand(
  projects: () => Promise<string[]>,
  service: UptimeService,
  panel: HtmlPanel,
): Promise<void> {
  const projectDir = await pickProject(projects);
  if (projectDir === undefined) return;
  const scope = vscode.Uri.file(projectDir);
  const settings = uptimeSettings(scope);
  // The first read of a long run history takes a while; later ones only read new runs.
  const view = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Reading the dbt run history" },
    () => service.view({ projectDir, targetDir: targetSetting(scope) }, settings),
  );
  for (const problem of view.settingProblems) void vscode.window.showWarningMessage(problem);
  for (const problem of view.report.problems) log.warn(problem);
  panel.show(uptimeHtml(view.report));
  if (view.report.models.length === 0) {
    const choice = await vscode.window.showInformationMessage(
      `No archived dbt runs in ${view.paths.historyDir} yet.`,
      "Archive dbt run results",
    );
    if (choice !== undefined) await vscode.commands.executeCommand(RUNS_COMMANDS.archive);
  }
}

async function pickProject(projects: () => Promise<string[]>): Promise<string | undefined> {
  const dirs = await projects();
  if (dirs.length === 0) {
    void vscode.window.showWarningMessage(
      "Analytics Ops found no dbt_project.yml in this workspace.",
    );
    return undefined;
  }
  if (dirs.length === 1) return dirs[0];
  const picked = await vscode.window.showQuickPick(
    dirs.map((dir) => ({ label: path.basename(dir), description: dir, dir })),
    { placeHolder: "Which dbt project?" },
  );
  return picked?.dir;
}

async function findDbtProjects(): Promise<string[]> {
  const exclude = "{**/dbt_packages/**,**/dbt_modules/**,**/node_modules/**,**/target/**}";
  const files = await vscode.workspace.findFiles("**/dbt_project.yml", exclude);
  return files.map((file) => path.dirname(file.fsPath)).sort();
}

function uptimeSettings(scope: vscode.Uri): UptimeSettings {
  const config = vscode.workspace.getConfiguration("analyticsOps.uptime", scope);
  return toUptimeSettings({
    historyFolder: config.get("historyFolder"),
    window: config.get("window"),
    warnBelowPercent: config.get("warnBelowPercent"),
    autoArchive: config.get("autoArchive"),
  });
}

function targetSetting(scope: vscode.Uri): string | undefined {
  const value = vscode.workspace
    .getConfiguration("analyticsOps.dbt", scope)
    .get<string>("targetPath", "");
  return value.trim() === "" ? undefined : value;
}
