import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CliIo } from "../../src/cli/command";
import { usageCommand } from "../../src/cli/usage";
import { FakeLooker } from "./fakeLooker";
import { CLIENT_ID, CLIENT_SECRET, NOW, startFixtureLooker } from "./fixtures";

const SHOP = `connection: "warehouse"
include: "/views/*.view.lkml"

explore: orders {
  join: customers { sql_on: \${orders.customer_id} = \${customers.id} ;; relationship: many_to_one }
}

explore: customers {}
explore: returns {}
explore: inventory {}
explore: +orders { label: "Orders (refined)" }
`;
const FINANCE = `connection: "warehouse"\nexplore: ledger {}\n`;

interface Output {
  code: number;
  out: string;
  err: string;
}

async function runUsage(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Output> {
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), cwd, env, now: () => NOW };
  const code = await usageCommand(args, io);
  return { code, out, err };
}

describe("analytics-ops usage", () => {
  let dir: string;
  let fake: FakeLooker;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "usage-cli-"));
    fs.writeFileSync(path.join(dir, "shop.model.lkml"), SHOP);
    fs.mkdirSync(path.join(dir, "models"));
    fs.writeFileSync(path.join(dir, "models", "finance.model.lkml"), FINANCE);
    fake = await startFixtureLooker();
    env = {
      LOOKERSDK_BASE_URL: fake.url,
      LOOKERSDK_CLIENT_ID: CLIENT_ID,
      LOOKERSDK_CLIENT_SECRET: CLIENT_SECRET,
    };
  });

  afterEach(async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("prints each explore's count and health and exits 1 under the goal", async () => {
    const result = await runUsage(["--lookml", dir], dir, env);
    assert.equal(result.code, 1, result.err);
    assert.match(result.out, /shop\.customers\s+49 {2}below 50/);
    assert.match(result.out, /shop\.inventory\s+0 {2}below 50/);
    assert.match(result.out, /shop\.orders\s+67 {2}healthy/);
    assert.match(result.out, /Queried but not in the LookML, not counted: shop\.legacy \(12\)/);
    assert.match(result.out, /Explores 60 % healthy \(goal 90 %\): 3 of 5, under the goal\./);
    assert.ok(!result.out.includes(CLIENT_SECRET) && !result.err.includes(CLIENT_SECRET));
  });

  it("exits 0 when the goal is met, and prints JSON on request", async () => {
    const result = await runUsage(["--json", "--goal", "60"], dir, env);
    assert.equal(result.code, 0, result.err);
    const json = JSON.parse(result.out) as {
      healthyCount: number;
      exploreCount: number;
      explores: { explore: string; runs30: number; line: number }[];
    };
    assert.equal(json.healthyCount, 3);
    assert.equal(json.exploreCount, 5);
    assert.deepEqual(
      json.explores.find((e) => e.explore === "orders"),
      { ...json.explores.find((e) => e.explore === "orders"), runs30: 67, line: 4 },
    );
  });

  it("reads a snapshot instead of Looker", async () => {
    const file = path.join(dir, "usage.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        fetchedAt: "2025-03-31T00:00:00Z",
        rows: ["orders", "customers", "returns", "inventory"]
          .map((e) => ({ "query.model": "shop", "query.view": e, "history.query_run_count": 100 }))
          .concat([
            { "query.model": "finance", "query.view": "ledger", "history.query_run_count": 100 },
          ]),
      }),
    );
    const result = await runUsage(["--snapshot", "usage.json"], dir, {});
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /Explores 100 % healthy/);
  });

  it("notes a snapshot older than two days and warns of one dated in the future", async () => {
    const snapshot = (fetchedAt: string): string => {
      const rows = [
        { "query.model": "shop", "query.view": "orders", "history.query_run_count": 9 },
      ];
      fs.writeFileSync(path.join(dir, "usage.json"), JSON.stringify({ fetchedAt, rows }));
      return path.join(dir, "usage.json");
    };
    snapshot("2025-03-30T00:00:00Z");
    assert.equal((await runUsage(["--snapshot", "usage.json"], dir, {})).err, "");

    // NOW is 2025-03-31 12:00 UTC: 366 days to 2024-07-31, 243 more to 2025-03-31.
    const file = snapshot("2023-07-31T00:00:00Z");
    const old = await runUsage(["--snapshot", "usage.json"], dir, {});
    assert.equal(old.code, 1);
    assert.equal(
      old.err,
      `note: the snapshot ${file} was fetched 609 days ago (2023-07-31 00:00 UTC); ` +
        "its figures are the 30 days before then.\n",
    );

    snapshot("2025-06-01T00:00:00Z");
    const future = await runUsage(["--snapshot", "usage.json"], dir, {});
    assert.match(
      future.err,
      /^warning: the snapshot .*usage\.json is dated 2025-06-01 00:00 UTC, /,
    );
    assert.match(future.err, /in the future/);
  });

  it("exits 2 naming the cause when there are no figures", async () => {
    const wrong = await runUsage([], dir, { ...env, LOOKERSDK_CLIENT_SECRET: "not-the-secret" });
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /refused the client id and secret/);
    const nokey = await runUsage([], dir, { LOOKERSDK_BASE_URL: fake.url });
    assert.equal(nokey.code, 2);
    assert.match(nokey.err, /No Looker API key/);
    const nourl = await runUsage([], dir, {});
    assert.equal(nourl.code, 2);
    assert.match(nourl.err, /No Looker base URL: pass --base-url URL, set LOOKERSDK_BASE_URL/);
    assert.match(nourl.err, /or read a snapshot with --snapshot FILE/);
    assert.doesNotMatch(nourl.err, /analyticsOps\./);
    const badArg = await runUsage(["--threshold", "lots"], dir, env);
    assert.equal(badArg.code, 2);
    assert.match(badArg.err, /--threshold must be a number/);
  });
});
