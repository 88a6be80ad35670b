import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  activeExtension,
  closeAllWithoutSaving,
  currentText,
  declaredView,
  fieldsOfKind,
  isGenerated,
  lookmlFiles,
  rangeOf,
  waitFor,
  workspaceRoot,
} from "./helpers";

/** A generated view with a dimension no refinement touches, and the refinement file if any. */
interface Target {
  readonly generated: vscode.Uri;
  readonly view: string;
  readonly dimension: string;
  readonly existingRefinement: string | undefined;
}

async function findTarget(): Promise<Target> {
  const files = await lookmlFiles();
  const handWritten = files.filter((f) => !isGenerated(f.text));
  for (const file of files.filter((f) => isGenerated(f.text))) {
    const view = declaredView(file.text);
    if (view === undefined) continue;

    const refines = new RegExp(`^\\s*view:\\s*\\+${view}\\s*\\{`, "m");
    const existing = handWritten.find((f) => refines.test(f.text));
    const refined = new Set(existing ? fieldsOfKind(existing.text, "\\w+") : []);
    const dimension = fieldsOfKind(file.text, "dimension").find((d) => !refined.has(d));
    if (dimension !== undefined) {
      return { generated: file.uri, view, dimension, existingRefinement: existing?.uri.fsPath };
    }
  }
  throw new Error("The sample has no generated view with a dimension to refine");
}

function isCodeAction(item: vscode.Command | vscode.CodeAction): item is vscode.CodeAction {
  return !("command" in item && typeof item.command === "string");
}

function argumentsOf(command: vscode.Command): unknown[] {
  return (command.arguments ?? []) as unknown[];
}

async function applyAction(item: vscode.Command | vscode.CodeAction): Promise<void> {
  if (!isCodeAction(item)) {
    await vscode.commands.executeCommand(item.command, ...argumentsOf(item));
    return;
  }
  if (item.edit) assert.ok(await vscode.workspace.applyEdit(item.edit), "edit refused");
  if (item.command) {
    await vscode.commands.executeCommand(item.command.command, ...argumentsOf(item.command));
  }
}

/** LookML files whose current text refines `view` with the field `dimension`. */
function filesRefining(view: string, dimension: string): string[] {
  // At the start of a line: a generated view's header mentions "view: +name" in a comment.
  const refinement = new RegExp(
    `^\\s*view:\\s*\\+${view}\\s*\\{[^]*^\\s*dimension:\\s*${dimension}\\b`,
    "m",
  );
  const onDisk = walk(workspaceRoot()).filter((f) => f.endsWith(".lkml"));
  const open = vscode.workspace.textDocuments.map((d) => d.uri.fsPath);
  return [...new Set([...onDisk, ...open])].filter((f) => refinement.test(currentText(f) ?? ""));
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith(".") ? [] : walk(full);
    return [full];
  });
}

describe("Create refinement code action", function () {
  after(closeAllWithoutSaving);

  it("adds the field's refinement to the view's refinement file", async function () {
    await activeExtension();
    const target = await findTarget();
    const doc = await vscode.workspace.openTextDocument(target.generated);
    const before = doc.getText();
    await vscode.window.showTextDocument(doc);

    const at = rangeOf(doc, new RegExp(`(?<=dimension:\\s*)${target.dimension}\\b`));
    const action = await waitFor("the Create refinement code action", async () => {
      const items = await vscode.commands.executeCommand<(vscode.Command | vscode.CodeAction)[]>(
        "vscode.executeCodeActionProvider",
        doc.uri,
        at,
      );
      return items.find((i) => /^Create refinement\b/i.test(i.title));
    });
    await applyAction(action);

    const edited = await waitFor("a refinement of the field", () => {
      const found = filesRefining(target.view, target.dimension);
      return found.length > 0 ? found : undefined;
    });

    assert.equal(currentText(target.generated.fsPath), before, "the generated view was edited");
    assert.ok(
      !edited.includes(target.generated.fsPath),
      "refinement written into the generated view",
    );
    if (target.existingRefinement !== undefined) {
      assert.deepEqual(edited, [target.existingRefinement]);
    }
  });
});
