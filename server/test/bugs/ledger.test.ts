/**
 * The ledger file: its line format, damaged lines, a missing or read-only file, the lock, and
 * several processes writing at once. Nothing already in the file may ever be lost.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import {
  closeBug,
  foldLedger,
  LedgerWriteError,
  openBug,
  readLedger,
  type NewBug,
} from "../../src/bugs/ledger";
import { parseEventLine, serializeEvent } from "../../src/bugs/record";
import { UserError } from "../../src/cli/command";

const now = new Date("2025-05-10T09:30:00Z");
const input: NewBug = {
  title: "Revenue doubled on the sales dashboard",
  category: "Wrong data",
  rootCause: "own-unpredictable-error",
  file: "views/orders.view.lkml",
  line: 12,
  explore: "orders",
  view: "orders",
  model: "fct_orders",
};

const dirs: string[] = [];
async function tempLedger(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "analytics-ops-ledger-"));
  dirs.push(dir);
  return path.join(dir, ".analytics-ops", "bugs.jsonl");
}

/** Runs the writer script in a child process, optionally as another user. */
async function runWriter(
  args: string[],
  uid?: number,
): Promise<{ code: number | null; stderr: string }> {
  const script = path.join(__dirname, "fixtures", "writer.ts");
  const ids = uid === undefined ? {} : { uid, gid: uid };
  const child = spawn(
    process.execPath,
    ["--require", require.resolve("tsx/cjs"), script, ...args],
    {
      stdio: ["ignore", "ignore", "pipe"],
      ...ids,
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stderr };
}

describe("the bug ledger file", function () {
  after(async function () {
    for (const dir of dirs.splice(0)) {
      await fs.chmod(dir, 0o700).catch(() => undefined);
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("writes one line per event, keys in a fixed order, and reads it back", async function () {
    const file = await tempLedger();
    const bug = await openBug(file, input, "Ada <ada@example.com>", now);
    await closeBug(file, bug.id, "Bob <bob@example.com>", new Date("2025-05-12T10:00:00Z"));

    const lines = (await fs.readFile(file, "utf8")).split("\n");
    assert.equal(lines.length, 3);
    assert.equal(lines[2], "");
    assert.match(bug.id, /^bug-20250510-[0-9a-f]{6}$/);
    assert.equal(
      lines[0],
      `{"event":"opened","id":"${bug.id}","openedAt":"2025-05-10T09:30:00.000Z",` +
        `"by":"Ada <ada@example.com>",` +
        `"title":"Revenue doubled on the sales dashboard","category":"Wrong data",` +
        `"rootCause":"own-unpredictable-error",` +
        `"file":"views/orders.view.lkml","line":12,"explore":"orders","view":"orders",` +
        `"model":"fct_orders"}`,
    );
    assert.equal(
      lines[1],
      `{"event":"closed","id":"${bug.id}","closedAt":"2025-05-12T10:00:00.000Z",` +
        `"by":"Bob <bob@example.com>"}`,
    );

    const ledger = await readLedger(file);
    assert.equal(ledger.bugs.length, 1);
    assert.equal(ledger.bugs[0]?.closedAt?.toISOString(), "2025-05-12T10:00:00.000Z");
    assert.equal(ledger.bugs[0].closedBy, "Bob <bob@example.com>");
    assert.equal(ledger.bugs[0].model, "fct_orders");
  });

  it("writes the same line whatever order the fields were given in", function () {
    const a = serializeEvent({
      event: "closed",
      id: "x",
      closedAt: "2025-01-01T00:00:00Z",
      by: "A",
    });
    const b = serializeEvent({
      by: "A",
      closedAt: "2025-01-01T00:00:00Z",
      id: "x",
      event: "closed",
    });
    assert.equal(a, b);
    assert.deepEqual(parseEventLine(a), {
      event: "closed",
      id: "x",
      closedAt: "2025-01-01T00:00:00Z",
      by: "A",
    });
  });

  it(
    "skips a damaged line with its number, keeps " + "the others, and appends after it safely",
    async function () {
      const file = await tempLedger();
      const first = await openBug(file, input, "Ada", now);
      const second = await openBug(file, { ...input, title: "second" }, "Ada", now);
      // A hand edit that broke a line and left no newline at the end.
      await fs.appendFile(file, '{"event":"opened","id":"bug-broken", "title": "cut');
      const third = await openBug(file, { ...input, title: "third" }, "Ada", now);
      await fs.appendFile(
        file,
        '{"event":"closed","id":"bug-nobody","closedAt":"2025-05-11T00:00:00Z","by":"x"}\n',
      );
      await fs.appendFile(
        file,
        '{"event":"opened","id":"x","openedAt":"2025-05-11T00:00:00Z","rootCause":"bad luck"}\n',
      );

      const ledger = await readLedger(file);
      assert.deepEqual(
        ledger.bugs.map((b) => b.id),
        [first.id, second.id, third.id],
      );
      assert.deepEqual(ledger.problems, [
        `${file}:3: not valid JSON; line skipped`,
        `${file}:5: closes bug bug-nobody, which no line opens; line skipped`,
        `${file}:6: rootCause "bad luck" is not one of own-predictable-error, ` +
          "own-unpredictable-error, process-concept-change; line skipped",
      ]);
    },
  );

  it(
    "applies a close that a merge put above " + "its opening, and reports a second close",
    async function () {
      const file = await tempLedger();
      await fs.mkdir(path.dirname(file), { recursive: true });
      const open = JSON.stringify({
        event: "opened",
        id: "b1",
        openedAt: "2025-05-01T00:00:00Z",
        by: "A",
        title: "t",
        category: "Access",
        rootCause: "own-predictable-error",
      });
      const close = (day: string): string =>
        JSON.stringify({
          event: "closed",
          id: "b1",
          closedAt: `2025-05-${day}T00:00:00Z`,
          by: "B",
        });
      await fs.writeFile(file, `${close("03")}\n${open}\n${close("04")}\n`);

      const ledger = await readLedger(file);
      assert.equal(ledger.bugs[0]?.closedAt?.toISOString(), "2025-05-03T00:00:00.000Z");
      assert.deepEqual(ledger.problems, [
        `${file}:3: bug b1 was already closed on line 1; line skipped`,
      ]);
    },
  );

  it(
    "reads a close dated before its opening as " + "closed when opened, and names the line",
    function () {
      // Clock skew between two machines: the close was stamped an hour before the opening.
      const text = [
        JSON.stringify({
          event: "opened",
          id: "b1",
          openedAt: "2025-05-01T10:00:00Z",
          by: "A",
          title: "t",
          category: "Access",
          rootCause: "own-predictable-error",
        }),
        JSON.stringify({ event: "closed", id: "b1", closedAt: "2025-05-01T09:00:00Z", by: "B" }),
      ].join("\n");

      const ledger = foldLedger(text, "bugs.jsonl");
      assert.equal(ledger.bugs[0]?.closedAt?.toISOString(), "2025-05-01T10:00:00.000Z");
      assert.deepEqual(ledger.problems, [
        "bugs.jsonl:2: bug b1 is closed at 2025-05-01T09:00:00Z, before it was opened" +
          " (2025-05-01T10:00:00.000Z); read as closed when opened",
      ]);
    },
  );

  it(
    "keeps a title on one line when writing " + "and reading, and refuses a blank one",
    async function () {
      const file = await tempLedger();
      const bug = await openBug(file, { ...input, title: "a\r\n  b\tc " }, "Ada", now);
      assert.equal(bug.title, "a b c");
      assert.match(await fs.readFile(file, "utf8"), /"title":"a b c"/);

      // A line written by hand or by an older version.
      const hand = { event: "opened", id: "x", openedAt: now.toISOString(), by: "A", ...input };
      await fs.appendFile(file, `${JSON.stringify({ ...hand, title: "x\ny" })}\n`);
      assert.deepEqual(
        (await readLedger(file)).bugs.map((b) => b.title),
        ["a b c", "x y"],
      );

      await assert.rejects(
        openBug(file, { ...input, title: " \n " }, "Ada", now),
        (e: unknown) => e instanceof UserError && /needs a title/.test(e.message),
      );
    },
  );

  it(
    "reads a missing ledger as empty, and " + "creates it with its folder on the first bug",
    async function () {
      const file = await tempLedger();
      const ledger = await readLedger(file);
      assert.equal(ledger.exists, false);
      assert.deepEqual(ledger.bugs, []);
      await openBug(file, input, "Ada", now);
      assert.equal((await readLedger(file)).bugs.length, 1);
    },
  );

  it("refuses to close an unknown bug or one already closed, writing nothing", async function () {
    const file = await tempLedger();
    const bug = await openBug(file, input, "Ada", now);
    await closeBug(file, bug.id, "Ada", now);
    const before = await fs.readFile(file, "utf8");

    await assert.rejects(
      closeBug(file, "bug-nope", "Ada", now),
      (e: unknown) => e instanceof UserError && /no bug bug-nope/.test(e.message),
    );
    await assert.rejects(
      closeBug(file, bug.id, "Ada", now),
      (e: unknown) => e instanceof UserError && /already closed on 2025-05-10/.test(e.message),
    );
    assert.equal(await fs.readFile(file, "utf8"), before);
  });

  it("waits for a held lock, then says who holds it", async function () {
    const file = await tempLedger();
    await openBug(file, input, "Ada", now);
    await fs.writeFile(`${file}.lock`, "4242@build-host since 2025-05-10T09:00:00Z");
    const before = await fs.readFile(file, "utf8");

    await assert.rejects(openBug(file, input, "Ada", now, { timeoutMs: 50 }), (e: unknown) => {
      assert.ok(e instanceof LedgerWriteError);
      assert.match(e.message, /is held by 4242@build-host/);
      assert.match(e.line, /"title":"Revenue doubled on the sales dashboard"/);
      return true;
    });
    assert.equal(await fs.readFile(file, "utf8"), before);
  });

  it("takes over a lock left behind by a writer that died", async function () {
    const file = await tempLedger();
    await openBug(file, input, "Ada", now);
    await fs.writeFile(`${file}.lock`, "1@gone");
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(`${file}.lock`, old, old);

    await openBug(file, input, "Ada", now, { timeoutMs: 1000, staleMs: 30_000 });
    assert.equal((await readLedger(file)).bugs.length, 2);
  });

  describe("read-only", function () {
    // root ignores file modes, so as root the writer runs as the unprivileged "nobody".
    const uid = process.getuid?.() === 0 ? 65534 : undefined;

    async function readOnlyCase(
      lockFolder: boolean,
    ): Promise<{ file: string; before: string; result: { code: number | null; stderr: string } }> {
      const file = await tempLedger();
      await openBug(file, input, "Ada", now);
      const before = await fs.readFile(file, "utf8");
      await fs.chmod(path.dirname(path.dirname(file)), 0o755);
      await fs.chmod(file, 0o444);
      await fs.chmod(path.dirname(file), lockFolder ? 0o555 : 0o777);
      const result = await runWriter([file, "Ada", "1", "open"], uid);
      return { file, before, result };
    }

    it(
      "reports a read-only ledger file, prints " + "the line to add, and changes nothing",
      async function () {
        const { file, before, result } = await readOnlyCase(false);
        assert.equal(result.code, 2, result.stderr);
        const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        assert.match(
          result.stderr,
          new RegExp(`the bug was not recorded: ${escaped} \\(or its folder\\) is read-only`),
        );
        assert.match(result.stderr, /Add this line to the ledger by hand:\n\{"event":"opened"/);
        // The line to add carries a real id, or the reader would skip it as "no id".
        assert.match(result.stderr, /\{"event":"opened","id":"bug-\d{8}-[0-9a-f]{6}"/);
        assert.equal(await fs.readFile(file, "utf8"), before);
      },
    );

    it("reports a read-only folder the same way", async function () {
      const { file, before, result } = await readOnlyCase(true);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /is read-only/);
      assert.match(result.stderr, /\{"event":"opened","id":"bug-\d{8}-[0-9a-f]{6}"/);
      assert.equal(await fs.readFile(file, "utf8"), before);
    });
  });

  it("loses no line when six processes file and close bugs at once", async function () {
    const file = await tempLedger();
    const writers = ["w1", "w2", "w3", "w4", "w5", "w6"];
    const perWriter = 25;

    const opened = await Promise.all(
      writers.map((w) => runWriter([file, w, String(perWriter), "open"])),
    );
    for (const result of opened) assert.equal(result.code, 0, result.stderr);
    const closed = await Promise.all(writers.map((w) => runWriter([file, w, "0", "close"])));
    for (const result of closed) assert.equal(result.code, 0, result.stderr);

    const text = await fs.readFile(file, "utf8");
    assert.equal(text.split("\n").length, 6 * perWriter * 2 + 1);
    const ledger = await readLedger(file);
    assert.deepEqual(ledger.problems, []);
    assert.equal(ledger.bugs.length, 6 * perWriter);
    assert.equal(new Set(ledger.bugs.map((b) => b.id)).size, 6 * perWriter);
    assert.ok(ledger.bugs.every((b) => b.closedAt !== undefined && b.closedBy === b.openedBy));
    for (const w of writers) {
      const titles = ledger.bugs.filter((b) => b.openedBy === w).map((b) => b.title);
      assert.deepEqual(
        titles,
        Array.from({ length: perWriter }, (_, i) => `${w} #${String(i)}`),
      );
    }
  });
});
