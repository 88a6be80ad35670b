import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import {
  activeExtension,
  closeAllWithoutSaving,
  declaredView,
  describeDiagnostic,
  fieldsOfKind,
  isGenerated,
  lookmlFiles,
  rangeOf,
  waitForDiagnostics,
  type LookmlFile,
} from "./helpers";

/** A refinement of a generated view, and a dimension of the base it does not refine yet. */
interface DriftCase {
  readonly refinement: LookmlFile;
  readonly view: string;
  readonly freeBaseDimension: string;
}

async function findDriftCase(): Promise<DriftCase> {
  const files = await lookmlFiles();
  const generated = files.filter((f) => isGenerated(f.text));

  for (const refinement of files.filter((f) => !isGenerated(f.text))) {
    for (const [, view] of refinement.text.matchAll(/^\s*view:\s*\+(\w+)\s*\{/gm)) {
      const base = generated.find((g) => declaredView(g.text) === view);
      const refined = new Set(fieldsOfKind(refinement.text, "\\w+"));
      const free = base && fieldsOfKind(base.text, "dimension").find((d) => !refined.has(d));
      if (view !== undefined && free !== undefined) {
        return { refinement, view, freeBaseDimension: free };
      }
    }
  }
  throw new Error("The sample has no refinement of a generated view with an unrefined dimension");
}

async function replace(doc: vscode.TextDocument, range: vscode.Range, text: string) {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), "the edit was not applied");
}

describe("drift diagnostics", function () {
  after(closeAllWithoutSaving);

  it("flags a refined field its generated base lacks, and clears once fixed", async function () {
    await activeExtension();
    const drift = await findDriftCase();
    const doc = await vscode.workspace.openTextDocument(drift.refinement.uri);
    await vscode.window.showTextDocument(doc);
    const header = rangeOf(doc, new RegExp(`view:\\s*\\+${drift.view}\\s*\\{`));

    // A column the dbt model does not have: Looker would silently read ${TABLE}.e2e_dropped_column.
    const block = `\n  dimension: e2e_dropped_column {\n    label: "Dropped"\n  }`;
    await replace(doc, new vscode.Range(header.end, header.end), block);
    const drifted = rangeOf(doc, "e2e_dropped_column");
    const found = await waitForDiagnostics(doc.uri, "a diagnostic on the drifted field", (ds) =>
      ds.find((d) => d.range.intersection(drifted) !== undefined),
    );

    assert.match(found.message, /e2e_dropped_column/, describeDiagnostic(found));

    // The fix: point the refinement at a dimension the generated base does have.
    await replace(doc, drifted, drift.freeBaseDimension);
    const line = doc.lineAt(drifted.start.line).range;
    const left = await waitForDiagnostics(doc.uri, "the drift diagnostic to clear", (ds) => {
      const onLine = ds.filter((d) => d.range.intersection(line) !== undefined);
      return onLine.length === 0 ? onLine : undefined;
    });
    assert.deepEqual(left, []);
  });
});
