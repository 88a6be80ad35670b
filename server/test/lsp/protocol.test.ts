import * as assert from "node:assert/strict";
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializeRequest,
  InitializedNotification,
} from "vscode-languageserver-protocol/node";
import { startTestServer, type TestServer } from "../support/lspClient";

describe("language server over stdio", function () {
  let server: TestServer;

  before(async () => {
    server = startTestServer();
    const result = await server.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- still required by the type
      rootUri: null,
      capabilities: {},
      workspaceFolders: null,
    });
    assert.ok(result.capabilities.textDocumentSync !== undefined);
    await server.connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    await server.stop();
  });

  it("reports a syntax error while typing and clears it once fixed", async () => {
    const uri = "file:///tmp/analytics-ops-protocol/orders.view.lkml";
    const broken = server.nextDiagnostics(uri);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {
        uri,
        languageId: "lookml",
        version: 1,
        text: "view: orders {\n  dimension: id {\n",
      },
    });
    const first = await broken;
    assert.ok(first.diagnostics.length > 0, "an unclosed block is a syntax error");

    const fixed = server.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: "view: orders {\n  dimension: id {}\n}\n" }],
    });
    assert.deepEqual((await fixed).diagnostics, []);
  });

  it(
    "ends with code 1 on a message header it " + "cannot read, so the editor can restart it",
    async () => {
      const broken = startTestServer();
      const exited = new Promise<number | null>((resolve) => {
        broken.process.once("exit", (code) => {
          resolve(code);
        });
      });
      broken.process.stdin?.write("Content-Length: abc\r\n\r\n{}");
      assert.equal(await exited, 1);
      broken.connection.dispose();
    },
  );
});
