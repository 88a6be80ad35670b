import { strict as assert } from "node:assert";
import { isDashboardFile, parseDashboard } from "../../src/lookml/dashboard";
import { offsetAt } from "./support";

describe("dashboards", () => {
  it("are recognised by their file name", () => {
    assert.equal(isDashboardFile("/p/sales.dashboard.lookml"), true);
    assert.equal(isDashboardFile("C:\\p\\Sales.Dashboard.LKML"), true);
    assert.equal(isDashboardFile("/p/sales.view.lkml"), false);
    assert.equal(isDashboardFile("/p/dashboard.lookml"), false);
  });

  it("read as YAML with no LookML errors", () => {
    const text =
      "- dashboard: sales\n  title: Sales\n  elements:\n  - name: total\n    type: single_value\n";
    assert.deepEqual(parseDashboard(text).errors, []);
    assert.deepEqual(parseDashboard("").errors, []);
  });

  it("report YAML errors with the range of the problem", () => {
    const text = "- dashboard: sales\n  title: [Sales\n  layout: newspaper\n";
    const { errors } = parseDashboard(text);
    assert.ok(errors.length > 0);
    const [error] = errors;
    assert.ok(error);
    assert.doesNotMatch(error.message, /\n/);
    assert.ok(error.range.start.line >= 1, JSON.stringify(error.range));
  });

  it("point an error at the offending text", () => {
    const text = "- dashboard: sales\n  title: Sales\n  title: Again\n";
    const [error] = parseDashboard(text).errors;
    assert.ok(error);
    assert.equal(error.range.start.line, 2);
    assert.equal(offsetAt(text, error.range.start), text.indexOf("title: Again"));
  });
});
