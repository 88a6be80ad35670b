/** Archiving run results: names, idempotence, sources.json, races, and the auto-archiver. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { archiveRunArtifacts, parseArchiveName } from "../../src/runs/archive";
import { AutoArchiver } from "../../src/runs/autoArchive";
import { removeTempDirs, runResultsJson, sourcesJson, tempDir } from "./helpers";

const at = new Date("2025-02-03T04:05:06.789Z");

async function project(): Promise<{ targetDir: string; historyDir: string }> {
  const dir = await tempDir("archive");
  const targetDir = path.join(dir, "target");
  await fs.mkdir(targetDir);
  return { targetDir, historyDir: path.join(dir, ".analytics-ops", "run-history") };
}

async function writeRun(targetDir: string, invocationId: string, when = at): Promise<string> {
  const text = runResultsJson({
    generatedAt: when,
    invocationId,
    nodes: [{ id: "model.shop.orders", status: "success" }],
  });
  await fs.writeFile(path.join(targetDir, "run_results.json"), text);
  return text;
}

describe("archiving dbt run results", function () {
  after(removeTempDirs);

  it("names the copy by generated_at and invocation id, byte for byte the same", async function () {
    const paths = await project();
    const text = await writeRun(paths.targetDir, "a1b2-c3");
    const outcome = await archiveRunArtifacts(paths);

    const name = "2025-02-03T04-05-06.789Z_a1b2-c3.run_results.json";
    assert.deepEqual(outcome, { archived: [name], alreadyArchived: [], problems: [] });
    assert.equal(await fs.readFile(path.join(paths.historyDir, name), "utf8"), text);
    assert.deepEqual(parseArchiveName(name), { kind: "run_results", generatedAt: at });
  });

  it("keeps the same run once however often it is archived", async function () {
    const paths = await project();
    await writeRun(paths.targetDir, "same");
    await archiveRunArtifacts(paths);
    const again = await archiveRunArtifacts(paths);

    assert.deepEqual(again.archived, []);
    assert.equal(again.alreadyArchived.length, 1);
    assert.equal((await fs.readdir(paths.historyDir)).length, 1);
  });

  it("keeps one copy when several archivers race on the same run", async function () {
    const paths = await project();
    await writeRun(paths.targetDir, "race");
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => archiveRunArtifacts(paths)));

    assert.equal(outcomes.flatMap((o) => o.archived).length, 1);
    assert.equal(outcomes.flatMap((o) => o.alreadyArchived).length, 4);
    assert.deepEqual(await fs.readdir(paths.historyDir), [outcomes.flatMap((o) => o.archived)[0]]);
  });

  it("never replaces an archived run with different content", async function () {
    const paths = await project();
    const first = await writeRun(paths.targetDir, "clash");
    await archiveRunArtifacts(paths);
    await fs.writeFile(
      path.join(paths.targetDir, "run_results.json"),
      first.replace("success", "error"),
    );
    const outcome = await archiveRunArtifacts(paths);

    assert.match(
      outcome.problems[0] ?? "",
      /already archived with other content; kept the archived one/,
    );
    const [name] = await fs.readdir(paths.historyDir);
    assert.equal(await fs.readFile(path.join(paths.historyDir, name ?? ""), "utf8"), first);
  });

  it("archives sources.json under its own run, and does without it", async function () {
    const paths = await project();
    await writeRun(paths.targetDir, "run-1");
    const sources = sourcesJson({
      generatedAt: at,
      invocationId: "fresh-1",
      sources: [{ id: "source.shop.raw.orders", status: "warn" }],
    });
    await fs.writeFile(path.join(paths.targetDir, "sources.json"), sources);

    const outcome = await archiveRunArtifacts(paths);
    assert.deepEqual(outcome.archived, [
      "2025-02-03T04-05-06.789Z_run-1.run_results.json",
      "2025-02-03T04-05-06.789Z_fresh-1.sources.json",
    ]);
  });

  it("says when there is no run_results.json, naming the folder", async function () {
    const paths = await project();
    const outcome = await archiveRunArtifacts(paths);
    assert.deepEqual(outcome.problems, [
      `${path.join(paths.targetDir, "run_results.json")}: not found (has dbt run yet?)`,
    ]);
  });

  it("names a run without an invocation id by its content", async function () {
    const paths = await project();
    await writeRun(paths.targetDir, "");
    const outcome = await archiveRunArtifacts(paths);
    assert.match(
      outcome.archived[0] ?? "",
      /^2025-02-03T04-05-06\.789Z_[0-9a-f]{12}\.run_results\.json$/,
    );
  });

  it(
    "auto-archives each new run once, folding " + "notices that arrive during a pass",
    async function () {
      const paths = await project();
      const lines: string[] = [];
      const archiver = new AutoArchiver(paths, {
        info: (l) => lines.push(l),
        warn: (l) => lines.push(`warn ${l}`),
      });
      await writeRun(paths.targetDir, "auto-1");
      await Promise.all([archiver.notify(), archiver.notify(), archiver.notify()]);
      await writeRun(paths.targetDir, "auto-2", new Date(at.getTime() + 1000));
      await archiver.notify();

      assert.equal((await fs.readdir(paths.historyDir)).length, 2);
      assert.deepEqual(lines, [
        "archived dbt run 2025-02-03T04-05-06.789Z_auto-1.run_results.json",
        "archived dbt run 2025-02-03T04-05-07.789Z_auto-2.run_results.json",
      ]);
    },
  );

  it("auto-archive logs a half-written file as a warning and archives nothing", async function () {
    const paths = await project();
    const lines: string[] = [];
    const archiver = new AutoArchiver(paths, {
      info: (l) => lines.push(l),
      warn: (l) => lines.push(`warn ${l}`),
    });
    await fs.writeFile(path.join(paths.targetDir, "run_results.json"), '{"metadata": {');
    const outcome = await archiver.notify();
    assert.deepEqual(outcome.archived, []);
    assert.match(lines[0] ?? "", /^warn run results not archived: .*not valid JSON/);
  });
});
