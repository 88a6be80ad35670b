import * as path from "node:path";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import {
  generateRequest,
  projectsRequest,
  type GenerateParams,
  type GenerateResult,
  type ProjectsResult,
} from "../../../common/src/protocol";
import { log, showErrorWithLog } from "../log";

/** "Generate LookML from dbt": picks the projects, runs the server's generator with progress. */
export async function generateCommand(client: LanguageClient): Promise<void> {
  const params = await askParams(client);
  if (params === undefined) return;

  log.info(`Generating LookML from ${params.dbtProjectDir} into ${params.outDir}`);
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: "Generating LookML from dbt" },
      () => client.sendRequest<GenerateResult>(generateRequest, params),
    );
    await showSummary(result);
  } catch (error: unknown) {
    log.error(`Generate failed: ${error instanceof Error ? error.message : String(error)}`);
    await showErrorWithLog("Generate LookML from dbt failed.");
  }
}

async function askParams(client: LanguageClient): Promise<GenerateParams | undefined> {
  const projects = await client.sendRequest<ProjectsResult>(projectsRequest);
  const dbt = await pickOne(projects.dbtProjects, (p) => `${p.name} — ${p.dir}`, "dbt project");
  if (dbt === undefined) return undefined;

  const lookml = await pickOne(projects.lookmlProjects, (p) => p.dir, "LookML project");
  if (lookml === undefined) return undefined;

  const uri = vscode.Uri.file(dbt.dir);
  const settings = vscode.workspace.getConfiguration("analyticsOps", uri);
  const outFolder = settings.get<string>("generate.outputFolder", "views/generated");
  const target = settings.get<string>("dbt.targetPath", "");
  return {
    dbtProjectDir: dbt.dir,
    outDir: path.resolve(lookml.dir, outFolder),
    select: settings.get<string[]>("generate.select", []),
    documentedOnly: settings.get<boolean>("generate.documentedColumnsOnly", false),
    ...(target === "" ? {} : { targetDir: path.resolve(dbt.dir, target) }),
  };
}

async function pickOne<T>(
  items: T[],
  label: (item: T) => string,
  what: string,
): Promise<T | undefined> {
  if (items.length === 0) {
    await vscode.window.showWarningMessage(`Analytics Ops found no ${what} in this workspace.`);
    return undefined;
  }
  if (items.length === 1) return items[0];
  const picked = await vscode.window.showQuickPick(
    items.map((item) => ({ label: label(item), item })),
    { placeHolder: `Choose the ${what}` },
  );
  return picked?.item;
}

async function showSummary(result: GenerateResult): Promise<void> {
  log.info(result.text);
  const parts = [`${result.written} written`, `${result.unchanged} unchanged`];
  if (result.skipped > 0) parts.push(`${result.skipped} skipped`);
  if (result.refused > 0) parts.push(`${result.refused} refused`);
  if (result.errors > 0) parts.push(`${result.errors} failed`);
  const message = `Generated LookML: ${parts.join(", ")}.`;
  const failed = result.refused + result.errors > 0;
  const show = failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;

  const choice = await show(message, "Open folder", "Show log");
  if (choice === "Show log") log.show(true);
  if (choice === "Open folder") {
    await vscode.commands.executeCommand("revealInExplorer", vscode.Uri.file(result.outDir));
  }
}
