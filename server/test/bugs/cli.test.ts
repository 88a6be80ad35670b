/** `analytics-ops bugs` over the sample ledger and a scratch one, with a fixed clock. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { bugsCommand } from "../../src/cli/bugs";
import { UserError } from "../../src/cli/command";
import { captureIo, type CapturedIo } from "../support/cliIo";

const sample = path.resolve(__dirname, "../../../test-fixtures/sample/bugs/bugs.jsonl");

function capture(cwd: string, now = new Date("2025-06-30T00:00:00Z")): CapturedIo {
  return captureIo({ cwd, now });
}

describe("the bugs command", function () {
  let scratch: string;
  before(async function () {
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), "analytics-ops-bugs-cli-"));
    await fs.mkdir(path.join(scratch, ".git"));
  });
  after(async function () {
    await fs.rm(scratch, { recursive: true, force: true });
  });

  it("prints the report of the sample ledger", async function () {
    const run = capture(scratch);
    assert.equal(await bugsCommand(["--ledger", sample], run.io), 0);
    // Window 2025-03-30 to 2025-06-30: four bugs opened, two closed (2025-04-09, 2025-05-20).
    // Days: 7.07 (04-02 08:15 to 04-09 10:00), 35.12 (04-15 13:40 to 05-20 16:30),
    // 57.62 (05-03 09:05 to now), 28.67 (06-01 07:50 to now); median (28.67 + 35.12) / 2.
    assert.match(run.out(), /: 4 opened, 2 closed, 2 open now/);
    assert.match(run.out(), /\nall bugs\s+4\s+4\s+2\s+2\s+32\.1\s+31\.9\n/);
    assert.equal(run.err(), "");
  });

  it("prints JSON with --json and reads --since", async function () {
    const run = capture(scratch);
    assert.equal(await bugsCommand(["--ledger", sample, "--json", "--since", "30d"], run.io), 0);
    const metrics = JSON.parse(run.out()) as { total: { bugs: number; opened: number } };
    // From 2025-05-31: bug-20250503 (open) and bug-20250601 (opened in the window).
    assert.equal(metrics.total.bugs, 2);
    assert.equal(metrics.total.opened, 1);
  });

  it("opens, lists and closes bugs in the repository's default ledger", async function () {
    const opened = capture(path.join(scratch));
    assert.equal(
      await bugsCommand(
        [
          "open",
          "--title",
          "Late data",
          "--category",
          "Wrong data",
          "--root-cause",
          "own unpredictable error",
          "--explore",
          "orders",
          "--line",
          "7",
          "--file",
          "views\\orders.view.lkml",
        ],
        opened.io,
      ),
      0,
    );
    const id = /^opened (bug-\S+) in /.exec(opened.out())?.[1];
    assert.ok(id !== undefined, opened.out());
    const ledgerText = await fs.readFile(
      path.join(scratch, ".analytics-ops", "bugs.jsonl"),
      "utf8",
    );
    assert.match(ledgerText, /"file":"views\/orders\.view\.lkml","line":7,"explore":"orders"/);

    const listed = capture(scratch);
    assert.equal(await bugsCommand(["list"], listed.io), 0);
    assert.match(
      listed.out(),
      new RegExp(`^${id}  open  own unpredictable error  Wrong data  Late data  \\[orders\\]\n$`),
    );

    const closed = capture(scratch);
    assert.equal(await bugsCommand(["close", id], closed.io), 0);
    const after = capture(scratch);
    await bugsCommand(["list"], after.io);
    assert.equal(after.out(), "No open bugs.\n");
  });

  it("never prints a negative duration for a close stamped before its opening", async function () {
    const file = path.join(scratch, "skew.jsonl");
    const openedLine = JSON.stringify({
      event: "opened",
      id: "bug-20250601-aaaaaa",
      openedAt: "2025-06-01T12:00:00Z",
      by: "A",
      title: "skewed",
      category: "Access",
      rootCause: "own-predictable-error",
    });
    const closedLine = JSON.stringify({
      event: "closed",
      id: "bug-20250601-aaaaaa",
      closedAt: "2025-05-30T12:00:00Z",
      by: "B",
    });
    await fs.writeFile(file, `${openedLine}\n${closedLine}\n`);

    const run = capture(scratch);
    assert.equal(await bugsCommand(["--ledger", file], run.io), 0);
    assert.match(run.err(), /skew\.jsonl:2: bug bug-20250601-aaaaaa is closed at .*before it/);
    assert.match(run.out(), /\nall bugs\s+1\s+1\s+1\s+0\s+0\.0\s+0\.0\n/);
    assert.doesNotMatch(run.out(), /\s-\d/);
  });

  it("files a title with line breaks as one line, and rejects a blank title", async function () {
    const file = path.join(scratch, "titles.jsonl");
    const base = ["open", "--ledger", file, "--category", "Access"];
    const cause = ["--root-cause", "own predictable error"];
    const opened = capture(scratch);
    await bugsCommand([...base, ...cause, "--title", " Late \n\n data\tagain "], opened.io);

    const listed = capture(scratch);
    await bugsCommand(["list", "--ledger", file], listed.io);
    assert.match(
      listed.out(),
      /^bug-\S+ {2}open {2}own predictable error {2}Access {2}Late data again\n$/,
    );

    await assert.rejects(
      bugsCommand([...base, ...cause, "--title", " \n\t "], capture(scratch).io),
      (e: unknown) => e instanceof UserError && /--title is required/.test(e.message),
    );
  });

  it(
    "files a category of the team's own " + "with a note, and a default one without",
    async function () {
      const file = path.join(scratch, "categories.jsonl");
      const args = (category: string): string[] => [
        "open",
        "--ledger",
        file,
        "--title",
        "t",
        "--root-cause",
        "process concept change",
        "--category",
        category,
      ];
      const own = capture(scratch);
      assert.equal(await bugsCommand(args("Made up"), own.io), 0);
      assert.match(own.out(), /^opened bug-/);
      assert.match(own.err(), /^note: category "Made up" is not one of the default categories/);

      const known = capture(scratch);
      assert.equal(await bugsCommand(args("Wrong data"), known.io), 0);
      assert.equal(known.err(), "");
      const ledger = await fs.readFile(file, "utf8");
      assert.match(ledger, /"category":"Made up"/);
    },
  );

  it("says when there is no ledger yet and still prints empty figures", async function () {
    const run = capture(scratch);
    assert.equal(await bugsCommand(["--ledger", path.join(scratch, "none.jsonl")], run.io), 0);
    assert.match(run.err(), /^No bug ledger at .*none\.jsonl yet: no bug has been filed\.\n$/);
    assert.match(run.out(), /0 opened, 0 closed, 0 open now/);
  });

  it("rejects a bad root cause, a missing title and a bad window", async function () {
    const run = capture(scratch);
    const rejects = (args: string[], pattern: RegExp): Promise<void> =>
      assert.rejects(
        bugsCommand(args, run.io),
        (e: unknown) => e instanceof UserError && pattern.test(e.message),
      );
    await rejects(
      ["open", "--title", "x", "--category", "Access", "--root-cause", "bad luck"],
      /not one of: own predictable error/,
    );
    await rejects(
      ["open", "--category", "Access", "--root-cause", "own-predictable-error"],
      /--title is required/,
    );
    await rejects(["--since", "forever"], /--since "forever"/);
    await rejects(["close"], /name one bug id/);
  });
});
