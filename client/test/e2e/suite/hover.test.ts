import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activeExtension, closeAllWithoutSaving, lookmlFiles, rangeOf, waitFor } from "./helpers";

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : c.value))
    .join("\n");
}

describe("explore hover", function () {
  after(closeAllWithoutSaving);

  it("shows the explore's 30-day usage", async function () {
    await activeExtension();
    const model = (await lookmlFiles()).find((f) => /^\s*explore:\s*\w+\s*\{/m.test(f.text));
    assert.ok(model, "the sample has no explore");
    const doc = await vscode.workspace.openTextDocument(model.uri);
    await vscode.window.showTextDocument(doc);

    const name = rangeOf(doc, /(?<=explore:\s*)\w+(?=\s*\{)/);
    const position = name.start.translate(0, 1);
    // The language server may still be indexing: ask again until the usage is in the hover.
    const text = await waitFor("a hover with the explore's usage", async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        "vscode.executeHoverProvider",
        doc.uri,
        position,
      );
      const joined = hoverText(hovers);
      return /quer(?:y|ies)/i.test(joined) ? joined : undefined;
    });

    assert.match(text, /[\d,]+ quer(?:y|ies)\b[^\n]*30 days/i);
  });
});
