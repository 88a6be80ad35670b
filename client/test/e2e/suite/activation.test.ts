import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activeExtension, lookmlFiles } from "./helpers";

describe("extension in a real VS Code", function () {
  it("activates in a workspace holding LookML", async function () {
    const extension = await activeExtension();

    assert.equal(extension.isActive, true);
    assert.equal((extension.packageJSON as { name?: unknown }).name, "analytics-ops");
  });

  it("registers the LookML language for .lkml files", async function () {
    const languages = await vscode.languages.getLanguages();
    const [file] = await lookmlFiles();
    assert.ok(file, "the sample workspace holds no .lkml file");

    const doc = await vscode.workspace.openTextDocument(file.uri);

    assert.ok(languages.includes("lookml"), `languages: ${languages.join(", ")}`);
    assert.equal(doc.languageId, "lookml");
  });

  it("registers its commands once active", async function () {
    await activeExtension();

    const commands = await vscode.commands.getCommands(true);

    for (const id of ["analyticsOps.generate", "analyticsOps.showLog"]) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });
});
