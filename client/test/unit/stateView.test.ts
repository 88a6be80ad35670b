import * as assert from "node:assert/strict";
import { describeState } from "../../src/stateView";

describe("status bar text", () => {
  it("counts files and models when ready", () => {
    const view = describeState({ kind: "ready", lookmlFiles: 12, dbtModels: 5, tookMs: 40 });
    assert.match(view.tooltip, /12 LookML files, 5 dbt models/);
    assert.equal(view.error, false);
  });

  it("marks a failure as an error and says where to look", () => {
    const view = describeState({ kind: "failed", message: "manifest.json is not JSON" });
    assert.equal(view.error, true);
    assert.match(view.tooltip, /manifest\.json is not JSON.*log/);
  });

  it("says why the index is stale", () => {
    const view = describeState({ kind: "stale", reason: "manifest.json is being written" });
    assert.match(view.tooltip, /last good index.*being written/);
  });
});
