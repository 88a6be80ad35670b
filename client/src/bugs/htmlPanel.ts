import * as vscode from "vscode";

/**
 * A report webview: one panel per report, reused, showing a self-contained page (inline SVG,
 * no scripts, no local resources).
 */
export class HtmlPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly viewType: string,
    private readonly title: string,
  ) {}

  /** Shows `html`, opening the panel or bringing it forward. */
  show(html: string): void {
    if (this.panel === undefined) {
      this.panel = vscode.window.createWebviewPanel(
        this.viewType,
        this.title,
        vscode.ViewColumn.Active,
        {
          enableScripts: false,
          localResourceRoots: [],
        },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
    }
    this.panel.webview.html = html;
    this.panel.reveal();
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
