/**
 * The frame of the HTML reports (uptime, bugs) shown in a VS Code webview or saved as a file:
 * one self-contained page, no script, colours from the editor theme when it has one.
 */

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A whole page around a body; the policy forbids scripts and remote content. */
export function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: var(--vscode-font-family, sans-serif); color: var(--vscode-foreground, #222);
  background: var(--vscode-editor-background, #fff); padding: 0 1.5em 2em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { text-align: left; padding: 0.2em 0.8em; border-bottom: 1px solid rgba(128,128,128,0.3); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.bad { color: var(--vscode-errorForeground, #c62828); }
.warn { color: var(--vscode-editorWarning-foreground, #b26a00); }
.muted { opacity: 0.7; }
svg text { fill: currentColor; font-size: 12px; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

/** A plain text table with aligned columns; numbers are right-aligned when `right` says so. */
export function textTable(header: string[], rows: string[][], right: boolean[] = []): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;
        return right[column] === true ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n") + "\n";
}
