/** Windows as people type them: relative spans and start dates, and dates that do not exist. */
import * as assert from "node:assert/strict";
import { parseWindow } from "../../src/runs/window";

const now = new Date("2025-04-01T00:00:00Z");

describe("parsing a time window", function () {
  it("reads a start date and a relative span", function () {
    assert.equal(parseWindow("2020-02-29")?.start(now).toISOString(), "2020-02-29T00:00:00.000Z");
    assert.equal(parseWindow("30d")?.start(now).toISOString(), "2025-03-02T00:00:00.000Z");
  });

  it("refuses a date that does not exist instead of rolling it into the next month", function () {
    for (const text of ["2020-02-30", "2021-02-29", "2025-04-31", "2025-13-01", "2025-00-10"]) {
      assert.equal(parseWindow(text), undefined, text);
    }
    assert.equal(parseWindow("2020-02-30T10:00:00Z"), undefined);
  });
});
