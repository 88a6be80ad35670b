/** `analytics-ops runs archive` and `analytics-ops uptime` end to end, with a fixed clock. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { runCli } from "../../src/cli";
import { removeTempDirs, runResultsJson, tempDir } from "./helpers";
import { captureIo, type CapturedIo } from "../support/cliIo";

const now = new Date("2025-04-01T00:00:00Z");
const hour = 3_600_000;

function capture(cwd: string, env: NodeJS.ProcessEnv = {}): CapturedIo {
  return captureIo({ cwd, env, now });
}

/** A dbt project with `target-path: build` and ten runs: orders fails in runs 0 and 5. */
async function projectWithRuns(): Promise<string> {
  const dir = await tempDir("cli");
  await fs.writeFile(path.join(dir, "dbt_project.yml"), "name: shop\ntarget-path: build\n");
  await fs.mkdir(path.join(dir, "build"));
  for (let i = 0; i < 10; i++) {
    const text = runResultsJson({
      generatedAt: new Date(now.getTime() - (10 - i) * hour),
      invocationId: `run-${String(i)}`,
      nodes: [
        { id: "model.shop.orders", status: i % 5 === 0 ? "error" : "success", message: "boom" },
        { id: "model.shop.customers", status: "success" },
      ],
    });
    await fs.writeFile(path.join(dir, "build", "run_results.json"), text);
    const { io } = capture(path.join(dir, "build"));
    assert.equal(await runCli(["runs", "archive"], io), 0);
  }
  return dir;
}

describe("the runs and uptime commands", function () {
  let project: string;
  before(async function () {
    project = await projectWithRuns();
  });
  after(removeTempDirs);

  it(
    "archives from the target-path of " + "dbt_project.yml found above the working folder",
    async function () {
      const names = await fs.readdir(path.join(project, ".analytics-ops", "run-history"));
      assert.equal(names.length, 10);
      const run = capture(project);
      assert.equal(await runCli(["runs", "archive"], run.io), 0);
      assert.match(
        run.out(),
        /^already archived 2025-03-31T23-00-00\.000Z_run-9\.run_results\.json\n/,
      );
    },
  );

  it("fails archiving when there is no run_results.json", async function () {
    const empty = await tempDir("cli-empty");
    await fs.writeFile(path.join(empty, "dbt_project.yml"), "name: empty\n");
    const run = capture(empty);
    assert.equal(await runCli(["runs", "archive", "--project", empty], run.io), 1);
    assert.match(run.err(), /target[/\\]run_results\.json: not found/);
  });

  it("prints the table, lowest uptime first", async function () {
    const run = capture(project);
    assert.equal(await runCli(["uptime", "--project", project], run.io), 0);
    const lines = run.out().split("\n");
    assert.match(lines[0] ?? "", /: 10 runs, history in /);
    assert.match(lines[4] ?? "", /^orders\s+80 %\s+10\s+1 h ago\s+5 h ago/);
    assert.match(lines[5] ?? "", /^customers\s+100 %\s+10/);
  });

  it("prints JSON with the same figures", async function () {
    const run = capture(project);
    assert.equal(
      await runCli(["uptime", "--json", "--window", "6h"], { ...run.io, cwd: project }),
      0,
    );
    const report = JSON.parse(run.out()) as {
      runsInWindow: number;
      models: { name: string; successes: number; runsCounted: number }[];
    };
    // Runs 5 to 9 finished less than 6 h ago (run 4, exactly 6 h ago, is outside the window's
    // open start); orders failed in run 5.
    assert.equal(report.runsInWindow, 5);
    assert.deepEqual(
      report.models.map((m) => [m.name, m.successes, m.runsCounted]),
      [
        ["orders", 4, 5],
        ["customers", 5, 5],
      ],
    );
  });

  it("exits 1 below --fail-under and names the table", async function () {
    const failing = capture(project);
    assert.equal(
      await runCli(["uptime", "--project", project, "--fail-under", "95"], failing.io),
      1,
    );
    assert.equal(failing.err(), "orders: 80 % uptime is below 95 %\n");
    const passing = capture(project);
    assert.equal(
      await runCli(["uptime", "--project", project, "--fail-under", "80%"], passing.io),
      0,
    );
  });

  it("checks every argument before any work, exiting 2 with the reason", async function () {
    const cases: [string[], RegExp][] = [
      [["--window", "soon"], /--window "soon" is not a window/],
      [["--window", "2020-02-30"], /--window "2020-02-30" is not a window/],
      [["--window", "2099-01-01"], /--window "2099-01-01" starts in the future/],
      [["--fail-under", "abc"], /--fail-under "abc" is not a percentage between 0 and 100/],
      [["--fail-under", "101"], /--fail-under "101" is not a percentage/],
      [["--colour"], /Usage: analytics-ops uptime/],
    ];
    for (const [args, reason] of cases) {
      const run = capture(project);
      assert.equal(
        await runCli(["uptime", "--project", project, ...args], run.io),
        2,
        args.join(" "),
      );
      assert.equal(run.out(), "", args.join(" "));
      assert.match(run.err(), /^analytics-ops uptime: /);
      assert.match(run.err(), reason);
    }
  });

  it("says there is no history yet and how to start one", async function () {
    const fresh = await tempDir("cli-fresh");
    await fs.writeFile(path.join(fresh, "dbt_project.yml"), "name: fresh\n");
    const run = capture(fresh);
    assert.equal(await runCli(["uptime"], run.io), 2);
    assert.match(run.err(), /no run history in .* yet; run `analytics-ops runs archive`/);
  });

  it("names a project folder that does not exist", async function () {
    const missing = path.join(project, "nope");
    const uptime = capture(project);
    assert.equal(await runCli(["uptime", "--project", missing], uptime.io), 2);
    assert.equal(uptime.err(), `analytics-ops uptime: project folder ${missing} does not exist\n`);

    const archive = capture(project);
    assert.equal(await runCli(["runs", "archive", "--project", missing], archive.io), 2);
    assert.equal(archive.err(), `analytics-ops runs: project folder ${missing} does not exist\n`);
  });
});
