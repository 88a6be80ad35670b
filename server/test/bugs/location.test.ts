/** Where the ledger is, how locations are written, and the code action's argument. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { toFileBugArgs } from "../../../common/src/bugs";
import { fileBugCodeAction } from "../../src/bugs/codeAction";
import { bugContext } from "../../src/bugs/context";
import { ledgerRelativePath, resolveLedgerPath } from "../../src/bugs/location";

describe("ledger location and the file-a-bug action", function () {
  let repo: string;
  before(async function () {
    repo = await fs.mkdtemp(path.join(os.tmpdir(), "analytics-ops-location-"));
    await fs.mkdir(path.join(repo, ".git"));
    await fs.mkdir(path.join(repo, "lookml", "views"), { recursive: true });
  });
  after(async function () {
    await fs.rm(repo, { recursive: true, force: true });
  });

  it("puts the ledger in the repository root, whichever subfolder is open", async function () {
    const found = await resolveLedgerPath(path.join(repo, "lookml"));
    assert.equal(found.root, repo);
    assert.equal(found.file, path.join(repo, ".analytics-ops", "bugs.jsonl"));
    assert.equal(
      (await resolveLedgerPath(repo, "docs/bugs.jsonl")).file,
      path.join(repo, "docs", "bugs.jsonl"),
    );
  });

  it("writes LookML files relative to the root with forward slashes", function () {
    assert.equal(
      ledgerRelativePath(repo, path.join(repo, "lookml", "views", "orders.view.lkml")),
      "lookml/views/orders.view.lkml",
    );
  });

  it("offers the command with the diagnostic, and the client reads the argument back", function () {
    const range = { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } };
    const diagnostic = {
      range,
      message: "Column amount is gone from the dbt model",
      code: "dbt-drift",
      source: "analytics-ops",
    };
    const action = fileBugCodeAction({
      uri: "file:///r/orders.view.lkml",
      range,
      view: "orders",
      model: "fct_orders",
      diagnostic,
    });

    assert.equal(action.title, "File a bug on orders");
    assert.deepEqual(action.diagnostics, [diagnostic]);
    assert.equal(action.command?.command, "analyticsOps.fileBug");
    assert.deepEqual(toFileBugArgs(action.command.arguments?.[0]), {
      uri: "file:///r/orders.view.lkml",
      range,
      view: "orders",
      model: "fct_orders",
      diagnostic: {
        message: "Column amount is gone from the dbt model",
        code: "dbt-drift",
        source: "analytics-ops",
      },
    });
  });

  it("ignores malformed fields of a command argument", function () {
    assert.deepEqual(toFileBugArgs({ uri: 3, range: { start: { line: "x" } }, view: "orders" }), {
      view: "orders",
    });
    assert.deepEqual(toFileBugArgs(undefined), {});
  });
});

describe("the context a filed bug records", function () {
  const root = path.join(os.tmpdir(), "repo");
  const uri = pathToFileURL(path.join(root, "views", "orders.view.lkml")).href;

  it("takes the file, line and names from the code action", function () {
    const args = {
      uri,
      range: { start: { line: 9, character: 0 }, end: { line: 9, character: 4 } },
      explore: "orders",
      view: "orders",
      model: "fct_orders",
      diagnostic: { message: "gone" },
    };
    assert.deepEqual(bugContext(args, { uri: "file:///elsewhere.lkml", line: 0 }, root), {
      file: "views/orders.view.lkml",
      line: 10,
      explore: "orders",
      view: "orders",
      model: "fct_orders",
      diagnostic: "gone",
    });
  });

  it("takes the active editor's file and cursor line from the command palette", function () {
    assert.deepEqual(bugContext({}, { uri, line: 3 }, root), {
      file: "views/orders.view.lkml",
      line: 4,
    });
  });

  it("records no file for an unsaved buffer", function () {
    assert.deepEqual(bugContext({}, { uri: "untitled:Untitled-1", line: 3 }, root), {});
  });
});
