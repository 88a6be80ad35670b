/**
 * Diagnostics cases: each folder under server/test/cases holds a small workspace and the
 * diagnostics it must produce (`expected.json`). Run with UPDATE_EXPECTED=1 to rewrite the
 * expected files from what the checks report now, then review the diff.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { SeverityOverrides } from "../../src/diagnostics/codes";
import { DIAGNOSTIC_CODES } from "../../src/diagnostics/codes";
import { findingsOf, toDiagnostics } from "../../src/diagnostics/engine";
import { nodeFileSystem } from "../../src/workspace/fileSystem";
import { WorkspaceIndex } from "../../src/workspace/workspaceIndex";

const CASES = path.resolve(__dirname, "../cases");
const UPDATE = process.env["UPDATE_EXPECTED"] === "1";

/** Optional `case.json`: what the case is about, and settings for it. */
interface CaseSettings {
  about?: string;
  severities?: SeverityOverrides;
  /** Extra dbt project folders, relative to the case. */
  dbtProjects?: string[];
}

/** One expected diagnostic, with 1-based line:column ranges for easy reading. */
interface Expected {
  file: string;
  range: string;
  severity: string;
  code: string;
  message: string;
}

const SEVERITY_NAMES = ["", "error", "warning", "information", "hint"];

function readSettings(dir: string): CaseSettings {
  const file = path.join(dir, "case.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as CaseSettings) : {};
}

function actualDiagnostics(dir: string): Expected[] {
  const settings = readSettings(dir);
  const index = new WorkspaceIndex({
    fs: nodeFileSystem,
    roots: [dir],
    dbtProjects: (settings.dbtProjects ?? []).map((d) => path.join(dir, d)),
    target: { env: {} },
  });
  index.load();

  const out: Expected[] = [];
  for (const file of index.filePaths()) {
    const diagnostics = toDiagnostics(findingsOf(index, file), settings.severities ?? {});
    for (const d of diagnostics) {
      const { start, end } = d.range;
      out.push({
        file: path.relative(dir, file).split(path.sep).join("/"),
        range: `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`,
        severity: SEVERITY_NAMES[d.severity ?? 0] ?? "?",
        code: String(d.code),
        message: d.message,
      });
    }
  }
  return out;
}

describe("diagnostics cases", () => {
  const names = fs.existsSync(CASES) ? fs.readdirSync(CASES).sort() : [];

  for (const name of names) {
    const dir = path.join(CASES, name);
    if (!fs.statSync(dir).isDirectory()) continue;

    it(name, () => {
      const actual = actualDiagnostics(dir);
      const expectedFile = path.join(dir, "expected.json");
      if (UPDATE) fs.writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      const expected = JSON.parse(fs.readFileSync(expectedFile, "utf8")) as Expected[];
      assert.deepEqual(actual, expected);
    });
  }

  it("covers every diagnostic code", () => {
    const seen = new Set<string>();
    for (const name of names) {
      const file = path.join(CASES, name, "expected.json");
      if (!fs.existsSync(file)) continue;
      for (const e of JSON.parse(fs.readFileSync(file, "utf8")) as Expected[]) seen.add(e.code);
    }
    const codes = Object.keys(DIAGNOSTIC_CODES);
    assert.deepEqual(
      codes.filter((c) => !seen.has(c)),
      [],
    );
  });
});
