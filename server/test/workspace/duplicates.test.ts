import * as assert from "node:assert/strict";
import * as path from "node:path";
import { findingsOf } from "../../src/diagnostics/engine";
import { nodeFileSystem } from "../../src/workspace/fileSystem";
import { WorkspaceIndex } from "../../src/workspace/workspaceIndex";

const CASE = path.resolve(__dirname, "../cases/duplicates");

describe("duplicate views", () => {
  it("point at the first declaration and name the model", () => {
    const index = new WorkspaceIndex({ fs: nodeFileSystem, roots: [CASE], target: { env: {} } });
    index.load();

    const second = path.join(CASE, "orders_copy.view.lkml");
    const finding = findingsOf(index, second).find((f) => f.code === "ref/duplicate-view");
    assert.ok(finding !== undefined);
    assert.match(finding.message, /in model `shop\.model\.lkml`: first in orders\.view\.lkml:1\./);
    assert.deepEqual(
      finding.related?.map((r) => [path.relative(CASE, r.file), r.range.start.line]),
      [["orders.view.lkml", 0]],
    );
  });
});
