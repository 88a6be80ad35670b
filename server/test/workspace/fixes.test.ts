import * as assert from "node:assert/strict";
import * as path from "node:path";
import { findingsOf } from "../../src/diagnostics/engine";
import type { QuickFix } from "../../src/diagnostics/fixes";
import {
  moveEditToRefinementFix,
  quickFixesFor,
  regenerateViewFix,
} from "../../src/diagnostics/fixes";
import { diffGenerated } from "../../src/diagnostics/refinementDiff";
import { isHandEdited } from "../../src/generate/header";
import { parseLookml } from "../../src/lookml/parser";
import type { MemoryFileSystem } from "../../src/workspace/fileSystem";
import { WorkspaceIndex } from "../../src/workspace/workspaceIndex";
import { applyEdits, loadFolder } from "./memory";

const CASES = path.resolve(__dirname, "../cases");
const ROOT = "/ws";

function indexOf(caseName: string): { fs: MemoryFileSystem; index: WorkspaceIndex } {
  const fs = loadFolder(path.join(CASES, caseName), ROOT);
  const index = new WorkspaceIndex({ fs, roots: [ROOT], target: { env: {} } });
  index.load();
  return { fs, index };
}

function apply(fs: MemoryFileSystem, index: WorkspaceIndex, fix: QuickFix): void {
  for (const change of fix.changes) {
    const text = fs.readFile(change.file) ?? "";
    fs.write(change.file, applyEdits(text, change.edits));
    index.update(change.file);
  }
}

function codesIn(index: WorkspaceIndex): string[] {
  return index
    .filePaths()
    .flatMap((f) => findingsOf(index, f).map((d) => `${path.basename(f)} ${d.code}`));
}

const GENERATED = `${ROOT}/lookml/views/generated/orders.view.lkml`;

describe("quick fixes", () => {
  it("moves a hand edit of a generated view into a new, included refinement", () => {
    const { fs, index } = indexOf("drift-edited");
    const before = fs.readFile(GENERATED) ?? "";
    const fix = moveEditToRefinementFix(index, GENERATED);
    assert.ok(fix, "a fix is offered");
    apply(fs, index, fix);

    const refinement = fs.readFile(`${ROOT}/lookml/refinements/orders.refinement.lkml`) ?? "";
    assert.match(refinement, /view: \+orders \{/);
    assert.match(refinement, /label: "Order amount"/);
    assert.match(refinement, /measure: total_amount \{/);
    assert.equal(isHandEdited(fs.readFile(GENERATED) ?? ""), false);
    assert.notEqual(fs.readFile(GENERATED), before);
    assert.match(
      fs.readFile(`${ROOT}/lookml/shop.model.lkml`) ?? "",
      /include: "\/refinements\/orders.refinement.lkml"/,
    );

    assert.deepEqual(codesIn(index), []);
    const orders = index.contextsOf(GENERATED)[0]?.view("orders");
    assert.ok(orders?.fields.has("total_amount"), "the moved measure is part of the view");
  });

  it("puts the move before an existing refinement, which keeps overriding what it set", () => {
    const { fs, index } = indexOf("drift-edited");
    const refinements = `${ROOT}/lookml/refinements/orders.refinement.lkml`;
    const existing = 'view: +orders {\n  dimension: amount {\n    label: "Amount"\n  }\n}\n';
    fs.write(refinements, existing);
    const model = `${ROOT}/lookml/shop.model.lkml`;
    fs.write(model, `${fs.readFile(model) ?? ""}\ninclude: "/refinements/*.lkml"\n`);
    index.update(model);
    index.update(refinements);

    const fix = moveEditToRefinementFix(index, GENERATED);
    assert.ok(fix, "a fix is offered");
    apply(fs, index, fix);

    const text = fs.readFile(refinements) ?? "";
    assert.ok(text.endsWith(existing), `the existing refinement stays last:\n${text}`);
    assert.match(text, /^view: \+orders \{[\s\S]*label: "Order amount"/);
  });

  it("offers no move while the edited file does not parse, so nothing broken is carried", () => {
    const { fs, index } = indexOf("drift-edited");
    const text = fs.readFile(GENERATED) ?? "";
    const broken = text.replace('label: "Order amount"', 'label: "Order amount');
    assert.notEqual(broken, text, "the case holds the label this test breaks");
    fs.write(GENERATED, broken);
    index.update(GENERATED);
    assert.equal(moveEditToRefinementFix(index, GENERATED), undefined);
  });

  it("regenerates a view that is out of date, and offers it through the diagnostic's data", () => {
    const { fs, index } = indexOf("drift-out-of-date");
    const finding = findingsOf(index, GENERATED).find((f) => f.code === "drift/view-out-of-date");
    assert.ok(finding?.data);
    const fixes = quickFixesFor(index, finding.data);
    assert.equal(fixes[0]?.title, "Regenerate this view");
    apply(fs, index, fixes[0]);
    assert.deepEqual(codesIn(index), []);
  });

  it("never offers to regenerate a view edited by hand", () => {
    const { index } = indexOf("drift-edited");
    assert.equal(regenerateViewFix(index, GENERATED), undefined);
  });
});

describe("the refinement that carries a hand edit", () => {
  const pristine = [
    "view: orders {",
    "  sql_table_name: shop.orders ;;",
    "  dimension: id {",
    "    primary_key: yes",
    "    type: number",
    "  }",
    "  dimension: status {",
    "    type: string",
    "    hidden: yes",
    "  }",
    "}",
    "",
  ].join("\n");

  it("keeps only what changed, and writes what a refinement cannot say as comments", () => {
    const edited = pristine
      .replace("    hidden: yes\n", "")
      .replace("    type: number\n", '    type: number\n    label: "Order"\n')
      .replace("view: orders {", "# owner: finance\nview: orders {");
    const diff = diffGenerated(edited, parseLookml(edited), pristine, parseLookml(pristine));
    assert.deepEqual(diff.blocks, [
      "# owner: finance",
      [
        "view: +orders {",
        "  dimension: id {",
        '    label: "Order"',
        "  }",
        "",
        "  dimension: status {",
        "    # removed by hand (a refinement cannot remove it): hidden: yes",
        "  }",
        "}",
      ].join("\n"),
    ]);
  });

  it("finds nothing to move in an unchanged file", () => {
    assert.equal(
      diffGenerated(pristine, parseLookml(pristine), pristine, parseLookml(pristine)).changed,
      false,
    );
  });
});
