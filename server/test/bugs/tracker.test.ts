/** Links that open a prefilled issue in GitHub or Jira. */
import * as assert from "node:assert/strict";
import type { Bug } from "../../src/bugs/ledger";
import { issueBody, trackerUrl } from "../../src/bugs/tracker";

const bug: Bug = {
  id: "bug-20250510-abcdef",
  title: "Revenue & refunds wrong",
  category: "Wrong data",
  rootCause: "own-predictable-error",
  file: "views/orders.view.lkml",
  line: 12,
  explore: "orders",
  view: "orders",
  openedAt: new Date("2025-05-10T00:00:00Z"),
  openedBy: "Ada <ada@example.com>",
  closedAt: undefined,
  closedBy: undefined,
};

describe("tracker links", function () {
  it("writes the bug's facts into the issue body", function () {
    assert.equal(
      issueBody(bug, ".analytics-ops/bugs.jsonl"),
      [
        "- Category: Wrong data",
        "- Root cause: own predictable error",
        "- LookML: views/orders.view.lkml:12",
        "- Explore: orders",
        "- View: orders",
        "- Filed by: Ada <ada@example.com>",
        "",
        "Ledger: `.analytics-ops/bugs.jsonl`, bug `bug-20250510-abcdef`",
        "",
      ].join("\n"),
    );
  });

  it("opens GitHub's new-issue page with title, body and a root-cause label", function () {
    const url = trackerUrl({ kind: "github", repository: "acme/looker.git" }, bug, "bugs.jsonl");
    assert.ok(url !== undefined);
    const parsed = new URL(url);
    assert.equal(`${parsed.origin}${parsed.pathname}`, "https://github.com/acme/looker/issues/new");
    assert.equal(parsed.searchParams.get("title"), "Revenue & refunds wrong");
    assert.equal(parsed.searchParams.get("labels"), "root cause: own predictable error");
    assert.equal(parsed.searchParams.get("body"), issueBody(bug, "bugs.jsonl"));
    assert.ok(!url.includes("+"), "spaces are %20, which every tracker reads as spaces");
  });

  it("accepts a GitHub Enterprise repository URL", function () {
    const url = trackerUrl(
      { kind: "github", repository: "https://git.acme.test/data/lookml/" },
      bug,
      "b",
    );
    assert.match(
      url ?? "",
      new RegExp(
        String.raw`^https://git\.acme\.test/data/lookml/issues/new\?` +
          String.raw`title=Revenue%20%26%20refunds%20wrong&`,
      ),
    );
  });

  it("opens Jira's create-issue screen for the project and issue type", function () {
    const url = trackerUrl(
      {
        kind: "jira",
        baseUrl: "https://acme.atlassian.net/",
        projectId: "10001",
        issueTypeId: "10004",
      },
      bug,
      "b",
    );
    assert.ok(url !== undefined);
    const parsed = new URL(url);
    assert.equal(parsed.pathname, "/secure/CreateIssueDetails!init.jspa");
    assert.equal(parsed.searchParams.get("pid"), "10001");
    assert.equal(parsed.searchParams.get("issuetype"), "10004");
    assert.equal(parsed.searchParams.get("summary"), "Revenue & refunds wrong");
    assert.equal(parsed.searchParams.get("labels"), "root-cause-own-predictable-error");
  });

  it("gives no link when no tracker is set or its settings are incomplete", function () {
    assert.equal(trackerUrl({ kind: "none" }, bug, "b"), undefined);
    assert.equal(trackerUrl({ kind: "github", repository: "" }, bug, "b"), undefined);
    assert.equal(
      trackerUrl({ kind: "jira", baseUrl: "acme", projectId: "1", issueTypeId: "1" }, bug, "b"),
      undefined,
    );
  });
});
