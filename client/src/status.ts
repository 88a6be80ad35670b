import * as vscode from "vscode";
import type { ServerState } from "../../common/src/protocol";
import { describeState } from "./stateView";

/** The status bar item, derived from the server state alone. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    "analyticsOps.state",
    vscode.StatusBarAlignment.Left,
    10,
  );

  constructor() {
    this.item.name = "Analytics Ops";
    this.item.command = "analyticsOps.showLog";
    this.show({ kind: "starting" });
  }

  show(state: ServerState): void {
    const view = describeState(state);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.error
      ? new vscode.ThemeColor("statusBarItem.errorBackground")
      : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
