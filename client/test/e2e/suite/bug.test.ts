import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { activeExtension, waitFor, workspaceRoot } from "./helpers";

interface CommandContribution {
  readonly command: string;
  readonly title: string;
}

/** The id of the contributed command with this title. */
function commandTitled(extension: vscode.Extension<unknown>, title: string): string | undefined {
  const manifest = extension.packageJSON as { contributes?: { commands?: CommandContribution[] } };
  return manifest.contributes?.commands?.find((c) => c.title === title)?.command;
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

describe("File a bug", function () {
  it("appends one record to the ledger and keeps the others", async function () {
    const extension = await activeExtension();
    const command = commandTitled(extension, "File a bug");
    assert.ok(command, 'no command titled "File a bug"');
    const before = ledgers();
    const title = `End-to-end bug ${String(Date.now())}`;

    // The answers to the title, category and root-cause prompts, passed as the argument.
    const answers = { title, category: "Wrong data", rootCause: "own predictable error" };
    void vscode.commands.executeCommand(command, answers);
    const [file, lines] = await waitFor("a ledger line with the bug's title", () =>
      [...ledgers()].find(([, ls]) => ls.some((l) => l.includes(title))),
    );

    const old = before.get(file) ?? [];
    assert.deepEqual(lines.slice(0, old.length), old, "earlier records changed");
    assert.equal(lines.length, old.length + 1);
    const record = JSON.parse(lines.at(-1) ?? "{}") as Record<string, unknown>;
    assert.equal(record["title"], title);
    assert.match(JSON.stringify(record), /own predictable error/);
  });
});
