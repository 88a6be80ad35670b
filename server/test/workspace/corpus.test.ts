/**
 * The diagnostics left on the real LookML projects of the shared corpus. Every one is listed
 * in corpus.expected.txt, grouped by file and code; the file's header records why each kind
 * is true. A change in what the checks report shows up here as a diff to review; rewrite the
 * list with UPDATE_EXPECTED=1 once the change is checked (the header is kept).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { findingsOf } from "../../src/diagnostics/engine";
import { nodeFileSystem } from "../../src/workspace/fileSystem";
import { WorkspaceIndex } from "../../src/workspace/workspaceIndex";

const CORPUS = path.resolve(__dirname, "../../..", "../shared/corpus/lookml");
const EXPECTED = path.join(__dirname, "corpus.expected.txt");
const MARKER = "# ---- diagnostics ----";

/** `path [code] line:col line:col ...`, one line per file and code, sorted. */
function listFindings(): string[] {
  const index = new WorkspaceIndex({ fs: nodeFileSystem, roots: [CORPUS], target: { env: {} } });
  index.load();
  const lines: string[] = [];
  for (const file of index.filePaths()) {
    const byCode = new Map<string, string[]>();
    for (const f of findingsOf(index, file)) {
      const at = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      byCode.set(f.code, [...(byCode.get(f.code) ?? []), at]);
    }
    const rel = path.relative(CORPUS, file).split(path.sep).join("/");
    for (const [code, places] of [...byCode].sort())
      lines.push(`${rel} [${code}] ${places.join(" ")}`);
  }
  return lines;
}

describe("diagnostics on the LookML corpus", function () {
  before(function () {
    if (!fs.existsSync(CORPUS)) {
      console.log(`skipped: the corpus is not at ${CORPUS}`);
      this.skip();
    }
  });

  it("reports exactly the reviewed diagnostics", () => {
    const actual = listFindings();
    const text = fs.readFileSync(EXPECTED, "utf8");
    const header = text.slice(0, text.indexOf(MARKER) + MARKER.length);
    if (process.env["UPDATE_EXPECTED"] === "1") {
      fs.writeFileSync(EXPECTED, `${header}\n${actual.join("\n")}\n`);
    }
    const expected = fs.readFileSync(EXPECTED, "utf8").split(MARKER)[1]?.trim().split("\n") ?? [];
    assert.deepEqual(actual, expected);
  });
});
