import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as vscode from "vscode";
import {
  activeExtension,
  closeAllWithoutSaving,
  declaredView,
  isGenerated,
  lookmlFiles,
  waitFor,
} from "./helpers";

describe("Generate LookML from dbt", function () {
  after(async function () {
    await vscode.commands.executeCommand("notifications.clearAll");
    await closeAllWithoutSaving();
  });

  it("writes the generated views again after one was deleted", async function () {
    await activeExtension();
    const generated = (await lookmlFiles()).filter((f) => isGenerated(f.text));
    const [victim] = generated;
    assert.ok(victim, "the sample has no generated view");
    const view = declaredView(victim.text);
    fs.rmSync(victim.uri.fsPath);

    // The command ends with a summary notification that waits for a click: do not await it.
    void vscode.commands.executeCommand("analyticsOps.generate");
    const text = await waitFor(
      `the view ${String(view)} to be written`,
      () =>
        fs.existsSync(victim.uri.fsPath) ? fs.readFileSync(victim.uri.fsPath, "utf8") : undefined,
      60_000,
    );

    assert.ok(isGenerated(text), "the new file has no generated header");
    assert.equal(declaredView(text), view);
  });
});
