/**
 * The editor side of explore usage: the sign-in pair (API key in SecretStorage), "Refresh
 * Explore Usage" with progress, the status bar item and the report webview. The server does
 * the work; this only wires commands and messages.
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type {
  UsageCredentials,
  UsageCredentialsParams,
  UsageReportResult,
  UsageStatus,
} from "../../../common/src/usage";
import {
  usageCredentialsNotification,
  usageRefreshRequest,
  usageReportRequest,
  usageStatusNotification,
} from "../../../common/src/usage";
import { log } from "../log";
import { deleteCredentials, promptCredentials, readCredentials } from "./credentials";
import { ReportPanel } from "./reportPanel";
import { describeUsageStatus } from "./statusView";

/** Command ids, as contributed in package.json. */
export const USAGE_COMMANDS = {
  signIn: "analyticsOps.usage.signIn",
  signOut: "analyticsOps.usage.signOut",
  refresh: "analyticsOps.usage.refresh",
  showReport: "analyticsOps.usage.showReport",
} as const;

/** Registers explore usage on a started client; dispose the result on deactivation. */
export function registerUsage(
  context: vscode.ExtensionContext,
  client: LanguageClient,
): vscode.Disposable {
  const usage = new UsageUi(context.secrets, client);
  const commands: Record<string, () => Promise<void>> = {
    [USAGE_COMMANDS.signIn]: () => usage.signIn(),
    [USAGE_COMMANDS.signOut]: () => usage.signOut(),
    [USAGE_COMMANDS.refresh]: () => usage.refresh(),
    [USAGE_COMMANDS.showReport]: () => usage.showReport(),
  };
  const disposables = [
    new vscode.Disposable(() => {
      usage.dispose();
    }),
  ];
  for (const [id, run] of Object.entries(commands)) {
    disposables.push(
      vscode.commands.registerCommand(id, () =>
        run().catch((e: unknown) => {
          usage.fail(id, e);
        }),
      ),
    );
  }
  disposables.push(
    client.onNotification(usageStatusNotification, (s: UsageStatus) => {
      usage.show(s);
    }),
  );
  void usage.sendStoredCredentials();
  return vscode.Disposable.from(...disposables);
}

class UsageUi implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    "analyticsOps.usage",
    vscode.StatusBarAlignment.Left,
    9,
  );
  private readonly report = new ReportPanel();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly client: LanguageClient,
  ) {
    this.item.name = "Explore Usage";
    this.item.command = USAGE_COMMANDS.showReport;
  }

  async sendStoredCredentials(): Promise<void> {
    const credentials = await readCredentials(this.secrets);
    if (credentials !== undefined) await this.sendCredentials(credentials);
  }

  async signIn(): Promise<void> {
    const credentials = await promptCredentials(this.secrets);
    if (credentials === undefined) return;
    await this.sendCredentials(credentials);
    log.info("Signed in to Looker; refreshing explore usage");
    await this.refresh();
  }

  async signOut(): Promise<void> {
    await deleteCredentials(this.secrets);
    await this.sendCredentials(null);
    log.info("Signed out of Looker; the API key was removed from the keychain");
    void vscode.window.showInformationMessage("Signed out of Looker.");
  }

  async refresh(): Promise<void> {
    const status = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: "Refreshing explore usage from Looker",
      },
      () => this.client.sendRequest<UsageStatus>(usageRefreshRequest),
    );
    this.show(status);
    if (status.kind === "failed" || status.kind === "stale") {
      const choice = await vscode.window.showWarningMessage(
        `Explore usage: ${status.fault.message}`,
        ...(status.fault.kind === "signed-out" || status.fault.kind === "bad-credentials"
          ? ["Sign in to Looker"]
          : []),
      );
      if (choice === "Sign in to Looker") await this.signIn();
    }
  }

  async showReport(): Promise<void> {
    const result = await this.client.sendRequest<UsageReportResult>(usageReportRequest);
    if (result.html === null) {
      const choice = await vscode.window.showInformationMessage(
        "No explore usage fetched yet.",
        "Refresh Explore Usage",
      );
      if (choice !== undefined) await this.refresh();
      return;
    }
    this.report.show(result.html);
  }

  show(status: UsageStatus): void {
    const view = describeUsageStatus(status);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.warning
      ? new vscode.ThemeColor("statusBarItem.warningBackground")
      : undefined;
    if (view.visible) this.item.show();
    else this.item.hide();
    const hasFigures = status.kind === "ready" || status.kind === "stale";
    if (hasFigures && this.report.isOpen()) void this.refreshOpenReport();
  }

  fail(command: string, error: unknown): void {
    log.error(`${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage(
      'Explore usage: the command failed. See the "Analytics Ops" output.',
    );
  }

  dispose(): void {
    this.item.dispose();
    this.report.dispose();
  }

  private async sendCredentials(credentials: UsageCredentials | null): Promise<void> {
    const params: UsageCredentialsParams = { credentials };
    await this.client.sendNotification(usageCredentialsNotification, params);
  }

  private async refreshOpenReport(): Promise<void> {
    const result = await this.client.sendRequest<UsageReportResult>(usageReportRequest);
    if (result.html !== null) this.report.update(result.html);
  }
}
