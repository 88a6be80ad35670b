import * as vscode from "vscode";

/** The report webview: one panel, reused, showing the server's self-contained HTML. */
export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  /** Shows `html`, opening the panel or bringing it forward. */
  show(html: string): void {
    if (this.panel === undefined) {
      // No scripts and no local resources: the page is static HTML with inline SVG.
      this.panel = vscode.window.createWebviewPanel(
        "analyticsOps.usageReport",
        "Explore Usage",
        vscode.ViewColumn.Active,
        { enableScripts: false, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
    }
    this.panel.webview.html = html;
    this.panel.reveal();
  }

  /** Whether the panel is open. */
  isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Updates the page if it is open. */
  update(html: string): void {
    if (this.panel !== undefined) this.panel.webview.html = html;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
