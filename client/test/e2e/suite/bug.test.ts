import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  activeExtension,
  closeAllWithoutSaving,
  declaredView,
  isGenerated,
  lookmlFiles,
  rangeOf,
  waitFor,
  workspaceRoot,
} from "./helpers";

type Item = string | vscode.QuickPickItem;

/**
 * Answers the next input box with `input` and each next quick pick with the item whose label
 * matches the next of `picks`, until the returned function restores the real prompts. The tests
 * module lives in the extension's folder, so it shares the extension's `vscode` API object.
 */
function answerPrompts(input: string, picks: RegExp[]): { asked: string[]; restore(): void } {
  const window = vscode.window;
  const real = { input: window.showInputBox, pick: window.showQuickPick };
  const asked: string[] = [];
  const pending = [...picks];

  window.showInputBox = (options?: vscode.InputBoxOptions) => {
    asked.push(options?.title ?? "input");
    return Promise.resolve(input);
  };
  const pick = async (items: readonly Item[] | Thenable<readonly Item[]>, options?: unknown) => {
    asked.push((options as vscode.QuickPickOptions | undefined)?.title ?? "pick");
    const want = pending.shift();
    const list = await items;
    return list.find((i) => want?.test(typeof i === "string" ? i : i.label));
  };
  window.showQuickPick = pick as typeof window.showQuickPick;

  const restore = () => {
    window.showInputBox = real.input;
    window.showQuickPick = real.pick;
  };
  return { asked, restore };
}

/** Every JSON Lines file of the workspace with its lines. */
function ledgers(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") visit(full);
      if (entry.isFile() && entry.name.endsWith(".jsonl")) {
        found.set(
          full,
          fs
            .readFileSync(full, "utf8")
            .split("\n")
            .filter((l) => l !== ""),
        );
      }
    }
  };
  visit(workspaceRoot());
  return found;
}

/** The "File a bug" code action offered on the name of a generated view. */
async function fileBugActionOnView(): Promise<{ view: string; command: vscode.Command }> {
  const file = (await lookmlFiles()).find((f) => isGenerated(f.text));
  const view = file && declaredView(file.text);
  assert.ok(file && view, "the sample has no generated view");
  const doc = await vscode.workspace.openTextDocument(file.uri);
  await vscode.window.showTextDocument(doc);
  const at = rangeOf(doc, new RegExp(`(?<=view:\\s*)${view}\\b`));

  const command = await waitFor("the File a bug code action", async () => {
    const items = await vscode.commands.executeCommand<(vscode.Command | vscode.CodeAction)[]>(
      "vscode.executeCodeActionProvider",
      doc.uri,
      at,
    );
    const action = items.find((i) => /^File a bug\b/i.test(i.title));
    if (action === undefined) return undefined;
    return typeof action.command === "string" ? (action as vscode.Command) : action.command;
  });
  assert.ok(command, "the File a bug action carries no command");
  return { view, command };
}

describe("File a bug", function () {
  let prompts: { asked: string[]; restore(): void } | undefined;
  afterEach(function () {
    prompts?.restore();
  });
  after(async function () {
    await vscode.commands.executeCommand("notifications.clearAll");
    await closeAllWithoutSaving();
  });

  it("appends the bug, with its view, to the ledger and keeps the others", async function () {
    await activeExtension();
    const { view, command } = await fileBugActionOnView();
    const before = ledgers();
    const title = `End-to-end bug ${String(Date.now())}`;

    prompts = answerPrompts(title, [/^Wrong data$/, /^own predictable error$/]);
    // The command ends with a notification that waits for a click: do not await it.
    void vscode.commands.executeCommand(
      command.command,
      ...((command.arguments ?? []) as unknown[]),
    );
    const [file, lines] = await waitFor("a ledger line with the bug's title", () =>
      [...ledgers()].find(([, ls]) => ls.some((l) => l.includes(title))),
    );

    const old = before.get(file) ?? [];
    assert.deepEqual(lines.slice(0, old.length), old, "earlier records changed");
    assert.equal(lines.length, old.length + 1);
    const record = JSON.parse(lines.at(-1) ?? "{}") as Record<string, unknown>;
    assert.equal(record["title"], title);
    assert.equal(record["category"], "Wrong data");
    assert.match(String(record["rootCause"]), /^own[- ]predictable[- ]error$/);
    assert.equal(record["view"], view);
    assert.equal(prompts.asked.length, 3, `prompts: ${prompts.asked.join(", ")}`);
  });
});
