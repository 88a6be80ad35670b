import * as assert from "node:assert/strict";
import { UsageFault } from "../../src/looker/faults";
import { readSnapshot, writeSnapshotJson } from "../../src/looker/snapshot";

const MODIFIED = new Date("2025-04-01T00:00:00Z");

function faultOf(run: () => unknown): UsageFault {
  try {
    run();
  } catch (error: unknown) {
    assert.ok(error instanceof UsageFault);
    return error;
  }
  assert.fail("expected a fault");
}

describe("usage snapshot files", () => {
  it("reads the JSON this project writes, with its fetch time", () => {
    const text = JSON.stringify({
      fetchedAt: "2025-03-31T10:00:00Z",
      rows: [
        {
          "query.model": "shop",
          "query.view": "orders",
          "history.created_date": "2025-03-30",
          "history.query_run_count": 12,
          "user.count": 3,
        },
      ],
    });
    const data = readSnapshot("usage.json", text, MODIFIED);
    assert.equal(data.origin, "snapshot");
    assert.equal(data.fetchedAt, "2025-03-31T10:00:00.000Z");
    assert.deepEqual(data.rows, [
      { model: "shop", explore: "orders", date: "2025-03-30", runs: 12, users: 3 },
    ]);
    assert.deepEqual(readSnapshot("again.json", writeSnapshotJson(data), MODIFIED).rows, data.rows);
  });

  it("reads a bare array of run_inline_query rows, dated by the file", () => {
    const text = JSON.stringify([
      { "query.model": "shop", "query.view": "orders", "history.query_run_count": 7 },
    ]);
    const data = readSnapshot("rows.json", text, MODIFIED);
    assert.equal(data.fetchedAt, MODIFIED.toISOString());
    assert.equal(data.rows[0]?.runs, 7);
  });

  it("reads a System Activity CSV export keyed by labels, with quotes and separators", () => {
    const csv =
      "\uFEFFQuery Model,Query Explore,History Created Date," +
      "History Query Run Count,User Count\r\n" +
      'shop,orders,2025-03-30,"1,234",5\r\n' +
      'shop,"odd, name",2025-03-29,2,1\r\n';
    const data = readSnapshot("export.csv", csv, MODIFIED);
    assert.deepEqual(
      data.rows.map((r) => [r.explore, r.runs, r.date]),
      [
        ["orders", 1234, "2025-03-30"],
        ["odd, name", 2, "2025-03-29"],
      ],
    );
  });

  it("names the file and the problem for bad input", () => {
    assert.match(
      faultOf(() => readSnapshot("u.json", "{ nope", MODIFIED)).message,
      /^u\.json: not valid JSON/,
    );
    assert.match(
      faultOf(() => readSnapshot("u.csv", "Model,Explore\nshop,orders\n", MODIFIED)).message,
      /^u\.csv: no column for history\.query_run_count/,
    );
    assert.match(
      faultOf(() =>
        readSnapshot(
          "u.csv",
          'Query Model,Query Explore,Query Run Count\nshop,"orders,3\n',
          MODIFIED,
        ),
      ).message,
      /u\.csv: a quoted field opened on line 2 is never closed/,
    );
    assert.match(
      faultOf(() =>
        readSnapshot(
          "u.csv",
          "Query Model,Query Explore,Query Run Count\nshop,orders,many\n",
          MODIFIED,
        ),
      ).message,
      /u\.csv: data row 1: query run count is not a number/,
    );
    assert.match(
      faultOf(() => readSnapshot("u.json", '{"rows": 3}', MODIFIED)).message,
      /u\.json: expected an array of rows/,
    );
  });
});
