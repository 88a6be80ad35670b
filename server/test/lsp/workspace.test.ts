import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
  type TextDocumentEdit,
} from "vscode-languageserver-protocol/node";
import { startOnSample, stopOnSample, type TestServer } from "../support/lspClient";

describe("language server on the sample workspace", function () {
  let server: TestServer;
  let workspace: string;
  const uri = (relative: string): string => pathToFileURL(path.join(workspace, relative)).href;
  const read = (relative: string): string =>
    fs.readFileSync(path.join(workspace, relative), "utf8");

  before(async () => {
    ({ server, workspace } = await startOnSample({
      usage: { snapshotFile: "../usage/usage.json" },
      uptime: { historyFolder: "../run-history", window: "2026-10-01" },
    }));
  });

  after(async () => {
    await stopOnSample(server, workspace);
  });

  it("flags a refinement of a field the generated view no longer has, and clears it", async () => {
    const file = "lookml/refinements/orders.refinements.lkml";
    const original = read(file);
    const drifted = original.replace("dimension: order_status {", "dimension: order_state {");
    assert.notEqual(drifted, original);

    const flagged = server.nextDiagnostics(uri(file), (p) =>
      p.diagnostics.some((d) => d.code === "drift/refined-field-missing"),
    );
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(file), languageId: "lookml", version: 1, text: drifted },
    });
    const diagnostic = (await flagged).diagnostics.find(
      (d) => d.code === "drift/refined-field-missing",
    );
    assert.ok(diagnostic !== undefined);
    const line = drifted.split("\n")[diagnostic.range.start.line] ?? "";
    assert.equal(
      line.slice(diagnostic.range.start.character, diagnostic.range.end.character),
      "order_state",
    );

    const cleared = server.nextDiagnostics(uri(file), (p) =>
      p.diagnostics.every((d) => d.code !== "drift/refined-field-missing"),
    );
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(file), version: 2 },
      contentChanges: [{ text: original }],
    });
    await cleared;
  });

  it(
    "offers to create a refinement of a generated " + "field, into the existing refinement",
    async () => {
      const file = "lookml/views/generated/orders.view.lkml";
      const line = read(file)
        .split("\n")
        .findIndex((l) => l.includes("dimension: customer_id"));
      const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: uri(file) },
        range: { start: { line: line + 1, character: 4 }, end: { line: line + 1, character: 4 } },
        context: { diagnostics: [] },
      })) as CodeAction[];

      const create = actions.find((a) => a.title === "Create refinement of orders.customer_id");
      assert.ok(
        create?.edit?.documentChanges !== undefined,
        JSON.stringify(actions.map((a) => a.title)),
      );
      const edits = create.edit.documentChanges as TextDocumentEdit[];
      assert.deepEqual(
        edits.map((e) => e.textDocument.uri),
        [uri("lookml/refinements/orders.refinements.lkml")],
        "the existing refinement file, and no new include: the model's glob already has it",
      );
      assert.match(edits[0]?.edits[0]?.newText ?? "", /dimension: customer_id \{/);
    },
  );

  it("adds no include for a new refinement file the model's patterns already match", async () => {
    const file = "lookml/views/generated/payments.view.lkml";
    const line = read(file)
      .split("\n")
      .findIndex((l) => l.includes("view: payments"));
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file) },
      range: { start: { line, character: 3 }, end: { line, character: 3 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const create = actions.find((a) => a.title === "Create refinement of payments");
    const changes = create?.edit?.documentChanges ?? [];
    const touched = changes.map((c) =>
      "textDocument" in c ? c.textDocument.uri : `${c.kind} ${"uri" in c ? c.uri : c.newUri}`,
    );
    const target = uri("lookml/refinements/payments.refinements.lkml");
    assert.deepEqual(touched, [`create ${target}`, target]);
  });

  it("shows the explore's usage from the snapshot inline and on hover", async () => {
    const file = "lookml/shop.model.lkml";
    const line = read(file).split("\n").indexOf("explore: orders {");
    const lenses = await server.connection.sendRequest(CodeLensRequest.type, {
      textDocument: { uri: uri(file) },
    });
    const lens = lenses?.find((l) => l.range.start.line === line);
    assert.match(lens?.command?.title ?? "", /queries · 30 days · (healthy|below \d+)/);

    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uri(file) },
      position: { line, character: 10 },
    });
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? "", /quer/);
  });

  it("goes from a refinement to the generated field it refines", async () => {
    const file = "lookml/refinements/orders.refinements.lkml";
    const lines = read(file).split("\n");
    const line = lines.findIndex((l) => l.includes("dimension: order_status {"));
    const character = (lines[line] ?? "").indexOf("order_status") + 2;
    const found = (await server.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: uri(file) },
      position: { line, character },
    })) as Location[];
    const generated = found.find((l) => l.uri === uri("lookml/views/generated/orders.view.lkml"));
    assert.ok(generated !== undefined, JSON.stringify(found));
    const target = read("lookml/views/generated/orders.view.lkml").split("\n")[
      generated.range.start.line
    ];
    assert.match(target ?? "", /dimension: order_status/);
  });

  it("completes the fields of a view inside ${...}", async () => {
    const file = "lookml/shop.model.lkml";
    const text = read(file).replace("${orders.customer_id} =", "${orders.} =");
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(file), languageId: "lookml", version: 1, text },
    });
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes("${orders.} ="));
    const character = (lines[line] ?? "").indexOf("${orders.") + "${orders.".length;
    const items = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: uri(file) },
      position: { line, character },
    })) as CompletionItem[];
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes("order_status"), labels.join(", "));
    assert.ok(labels.includes("ordered_date"), "dimension_group timeframes are fields too");
  });

  it("lists the views and fields of a file as symbols", async () => {
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: uri("lookml/views/generated/orders.view.lkml") },
    })) as DocumentSymbol[];
    const view = symbols.find((s) => s.name.includes("orders"));
    assert.ok(view?.children?.some((c) => c.name.includes("order_total")));
  });

  it("offers to file a bug on a diagnostic, with the view and dbt model it concerns", async () => {
    const file = "lookml/views/generated/orders.view.lkml";
    const line = read(file)
      .split("\n")
      .findIndex((l) => l.includes("dimension: order_status"));
    const diagnostic = {
      range: { start: { line, character: 2 }, end: { line, character: 30 } },
      message: "Status values look wrong",
      code: "drift/unknown-column",
      source: "analytics-ops",
    };
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const bug = actions.find((a) => a.command?.command === "analyticsOps.fileBug");
    assert.ok(bug !== undefined, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(bug.command?.arguments?.[0], {
      uri: uri(file),
      range: diagnostic.range,
      view: "orders",
      model: "model.shop.orders",
      diagnostic: { message: diagnostic.message, code: diagnostic.code, source: "analytics-ops" },
    });
  });
});

describe("language server: refinement files the model does not include yet", function () {
  let server: TestServer;
  let workspace: string;
  const uri = (relative: string): string => pathToFileURL(path.join(workspace, relative)).href;

  before(async () => {
    ({ server, workspace } = await startOnSample({ refinements: { path: "tuning/{name}.lkml" } }));
  });

  after(async () => {
    await stopOnSample(server, workspace);
  });

  it(
    "creates the explore refinement file and " + "includes it in the model, after the views",
    async () => {
      const model = "lookml/shop.model.lkml";
      const text = fs.readFileSync(path.join(workspace, model), "utf8");
      const line = text.split("\n").indexOf("explore: customers {");
      const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: uri(model) },
        range: { start: { line, character: 3 }, end: { line, character: 3 } },
        context: { diagnostics: [] },
      })) as CodeAction[];
      const create = actions.find((a) => a.title === "Create explore refinement of customers");
      const changes = create?.edit?.documentChanges ?? [];

      assert.deepEqual(changes[0], {
        kind: "create",
        uri: uri("lookml/tuning/customers.lkml"),
        options: { ignoreIfExists: true },
      });
      const edits = changes.slice(1) as TextDocumentEdit[];
      const [created, included] = edits;
      assert.ok(created !== undefined && included !== undefined);
      assert.equal(created.textDocument.uri, uri("lookml/tuning/customers.lkml"));
      assert.equal(created.edits[0]?.newText, "explore: +customers {\n}\n");
      assert.equal(included.textDocument.uri, uri(model));
      const include = included.edits[0];
      assert.equal(include?.newText, 'include: "/tuning/customers.lkml"\n');
      const lastInclude = text.split("\n").findLastIndex((l) => l.startsWith("include:"));
      assert.equal(include.range.start.line, lastInclude + 1);
    },
  );
});

describe("language server: dbt artifacts it cannot fully read", function () {
  let server: TestServer;
  let workspace: string;

  before(async () => {
    ({ server, workspace } = await startOnSample({}, (dir) => {
      const target = path.join(dir, "dbt", "target");
      // A byte-order mark, as some Windows editors save, must not stop the manifest from loading.
      const manifest = fs.readFileSync(path.join(target, "manifest.json"), "utf8");
      fs.writeFileSync(path.join(target, "manifest.json"), `\uFEFF${manifest}`);
      fs.writeFileSync(path.join(target, "catalog.json"), "{ not json");
    }));
  });

  after(async () => {
    await stopOnSample(server, workspace);
  });

  it("says the catalog cannot be read, and that types are not compared meanwhile", async () => {
    const state = await server.state((s) => s.kind === "stale" || s.kind === "ready");
    if (state.kind !== "stale") assert.fail(`expected a stale state, got ${state.kind}`);
    assert.match(state.reason, /catalog\.json cannot be read: .*column types are not compared/);
  });
});

describe("language server: the workspace changing under it", function () {
  let server: TestServer;
  let workspace: string;
  const uri = (relative: string): string => pathToFileURL(path.join(workspace, relative)).href;
  const read = (relative: string): string =>
    fs.readFileSync(path.join(workspace, relative), "utf8");

  before(async () => {
    // A window from a fixed date keeps the sample's runs in it however late the tests run.
    const uptime = { historyFolder: "../run-history", window: "2026-10-01" };
    ({ server, workspace } = await startOnSample({ uptime }));
    await server.state((s) => s.kind === "ready");
  });

  after(async () => {
    await stopOnSample(server, workspace);
  });

  it("shows a table's uptime on the generated view's name, not on every line", async () => {
    const file = "lookml/views/generated/orders.view.lkml";
    await server.diagnostics(uri(file), (p) =>
      p.diagnostics.some((d) => d.code === "uptime-below-threshold"),
    );
    const lines = read(file).split("\n");
    const hoverAt = async (line: number): Promise<string> => {
      const hover = await server.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: uri(file) },
        position: { line, character: 7 },
      });
      return (hover?.contents as MarkupContent | undefined)?.value ?? "";
    };
    assert.match(await hoverAt(lines.indexOf("view: orders {")), /uptime over \d+ runs/);
    assert.doesNotMatch(await hoverAt(0), /uptime/, "a header comment");
  });

  it("answers nothing for a position outside the document", async () => {
    const items = await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: uri("lookml/views/generated/orders.view.lkml") },
      position: { line: 99999, character: 5 },
    });
    assert.deepEqual(items, []);
  });

  it("takes a burst of keystrokes as one change, and answers with the last text", async () => {
    const file = "lookml/refinements/orders.refinements.lkml";
    const text = read(file);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(file), languageId: "lookml", version: 1, text },
    });
    const line = text.split("\n").findIndex((l) => l.includes("dimension: order_status {"));
    const at = (text.split("\n")[line] ?? "").indexOf("order_status") + "order_status".length;
    for (const [i, char] of ["_", "x"].entries()) {
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: uri(file), version: 2 + i },
        contentChanges: [
          {
            range: { start: { line, character: at + i }, end: { line, character: at + i } },
            text: char,
          },
        ],
      });
    }
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: uri(file) },
    })) as DocumentSymbol[];
    const names = JSON.stringify(symbols);
    assert.match(names, /order_status_x/, "a request right after typing sees the typed text");
  });

  it("forgets the files of a deleted folder and flags the refinements left behind", async () => {
    const flagged = server.nextDiagnostics(
      uri("lookml/refinements/customers.refinements.lkml"),
      (p) => p.diagnostics.some((d) => d.code === "drift/refinement-target-missing"),
    );
    fs.rmSync(path.join(workspace, "lookml", "views", "generated"), { recursive: true });
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri("lookml/views/generated"), type: FileChangeType.Deleted }],
    });
    await flagged;
  });
});
