import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkCommand } from "../../src/cli/check";
import { UserError } from "../../src/cli/command";
import { captureIo } from "../support/cliIo";

const REPO = path.resolve(__dirname, "../../..");

// A copy of the sample project, to break its dbt artifacts without touching the fixture.
function sampleCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-"));
  fs.cpSync(path.join(REPO, "test-fixtures/sample"), dir, { recursive: true });
  return dir;
}

function sampleRunResults(): string {
  return path.join(REPO, "test-fixtures/sample/dbt/target/run_results.json");
}

describe("analytics-ops check", () => {
  it("passes the sample LookML project, with its dbt project found beside it", async () => {
    const io = captureIo({ cwd: REPO });
    assert.equal(await checkCommand(["test-fixtures/sample/lookml"], io.io), 0);
    assert.match(io.out(), /^No problems in \d+ LookML files\.\n$/);
    assert.equal(io.err(), "");
  });

  it("prints file:line:col severity message [code] and fails on errors", async () => {
    const io = captureIo({ cwd: REPO });
    const code = await checkCommand(["server/test/cases/unknown-join"], io.io);
    assert.equal(code, 1);
    const lines = io.out().trim().split("\n");
    assert.match(
      lines[0] ?? "",
      new RegExp(
        /^server\/test\/cases\/unknown-join\/shop\.model\.lkml:9:33 error /.source +
          /Explore `orders` has no join `countries`\. .* \[ref\/unknown-join\]$/.source,
      ),
    );
    assert.equal(lines.at(-1), "1 error, 0 warnings, 0 notes in 1 file.");
  });

  it("succeeds on warnings alone, and lets --severity turn a code off or up", async () => {
    const warn = captureIo({ cwd: REPO });
    assert.equal(await checkCommand(["server/test/cases/imported-project-missing"], warn.io), 0);
    assert.match(warn.out(), /warning .*\[ref\/imported-project-missing\]/);

    const off = captureIo({ cwd: REPO });
    const args = ["server/test/cases/unknown-join", "--severity", "ref/unknown-join=off"];
    assert.equal(await checkCommand(args, off.io), 0);

    const up = captureIo({ cwd: REPO });
    const upArgs = [
      "server/test/cases/imported-project-missing",
      "--severity",
      "ref/imported-project-missing=error",
    ];
    assert.equal(await checkCommand(upArgs, up.io), 1);
  });

  it("names a missing folder or an unknown code without a stack trace", async () => {
    await assert.rejects(
      checkCommand(["no/such/folder"], captureIo({ cwd: REPO }).io),
      (error: unknown) => {
        return error instanceof UserError && /does not exist/.test(error.message);
      },
    );
    const args = ["test-fixtures/sample/lookml", "--severity", "ref/nope=off"];
    await assert.rejects(checkCommand(args, captureIo({ cwd: REPO }).io), UserError);
  });

  for (const [what, catalog] of [
    ["unreadable", "nope"],
    ["empty", ""],
    ["cut off", '{"metadata": {"dbt_schema_version": "x"}, "nodes": {"model.shop.orders": {'],
    ["deleted", undefined],
  ] as const) {
    it(`reports a catalog that is ${what} once, not as type drift on every view`, async () => {
      const dir = sampleCopy();
      const file = path.join(dir, "dbt/target/catalog.json");
      if (catalog === undefined) fs.rmSync(file);
      else fs.writeFileSync(file, catalog);

      const io = captureIo({ cwd: REPO });
      assert.equal(await checkCommand([path.join(dir, "lookml")], io.io), 0);
      assert.doesNotMatch(io.out(), /view-out-of-date/);
      const notes = io.err().trim().split("\n");
      assert.equal(notes.length, 1);
      assert.ok(notes[0]?.startsWith(`note: ${file} `), notes[0]);
      fs.rmSync(dir, { recursive: true });
    });
  }

  it("fails with exit 2 on an explicit --target that does not exist", async () => {
    const io = captureIo({ cwd: REPO });
    const code = await checkCommand(
      ["test-fixtures/sample/lookml", "--target", "/nonexistent"],
      io.io,
    );
    assert.equal(code, 2);
    assert.match(io.err(), /^error: --target \/nonexistent: the folder .* does not exist/);
  });

  for (const [what, write] of [
    ["cut off", (text: string) => text.slice(0, 500)],
    ["run_results.json", () => fs.readFileSync(sampleRunResults(), "utf8")],
  ] as const) {
    it(`fails with exit 2, naming the file, when the manifest is ${what}`, async () => {
      const dir = sampleCopy();
      const file = path.join(dir, "dbt/target/manifest.json");
      fs.writeFileSync(file, write(fs.readFileSync(file, "utf8")));

      const io = captureIo({ cwd: REPO });
      assert.equal(await checkCommand([path.join(dir, "lookml")], io.io), 2);
      assert.match(io.err(), new RegExp(`^error: .*cannot read ${file}: `));
      assert.doesNotMatch(io.err(), /does not parse yet/);
      const out = io.out();
      assert.doesNotMatch(out, /No problems/);
      assert.match(out, /Drift against dbt was not checked/);
      fs.rmSync(dir, { recursive: true });
    });
  }

  it("keeps a manifest not written yet as a note, and passes", async () => {
    const dir = sampleCopy();
    fs.rmSync(path.join(dir, "dbt/target/manifest.json"));
    const io = captureIo({ cwd: REPO });
    assert.equal(await checkCommand([path.join(dir, "lookml")], io.io), 0);
    assert.match(io.err(), /^note: dbt project .*: no manifest at /);
    fs.rmSync(dir, { recursive: true });
  });
});
