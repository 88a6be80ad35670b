// The README's main job on the sample: generate LookML from the sample dbt project, then
// check the LookML project that uses it; then the explore health, table uptime and bug
// figures of the sample. Runs the built CLI exactly as a user would.
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const sample = path.join(root, "test-fixtures", "sample");
const cli = path.join(root, "bin", "analytics-ops.js");

const steps = [
  [
    "generate",
    "--project",
    path.join(sample, "dbt"),
    "--out",
    path.join(sample, "lookml", "views", "generated"),
  ],
  ["check", path.join(sample, "lookml")],
  [
    "usage",
    "--lookml",
    path.join(sample, "lookml"),
    "--snapshot",
    path.join(sample, "usage", "usage.json"),
  ],
  // The sample's run history is fixed in time: a window from its first run keeps it in view.
  [
    "uptime",
    "--project",
    path.join(sample, "dbt"),
    "--history",
    "../run-history",
    "--window",
    "2026-10-31",
  ],
  ["bugs", "--ledger", path.join(sample, "bugs", "bugs.jsonl"), "--since", "2025-01-01"],
];

for (const args of steps) {
  process.stdout.write(
    `\n$ analytics-ops ${args.map((a) => path.relative(root, a) || a).join(" ")}\n`,
  );
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
