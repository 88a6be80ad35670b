import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { projectHealth } from "../../src/looker/health";
import type { ConnectionConfig } from "../../src/looker/lookerClient";
import { LookerUsageClient } from "../../src/looker/lookerClient";
import { UsageFault } from "../../src/looker/faults";
import { DEFAULT_SOURCES } from "../../src/looker/settings";
import { usageQuery } from "../../src/looker/query";
import type { ExploreHealth, UsageData } from "../../src/looker/types";
import { FakeLooker } from "./fakeLooker";
import type { FakeLookerOptions } from "./fakeLooker";
import { CLIENT_ID, CLIENT_SECRET, EXPLORES, NOW, startFixtureLooker } from "./fixtures";

const MODELS = ["shop", "finance"];

interface Run {
  data?: UsageData;
  fault?: UsageFault;
  sleeps: number[];
  logs: string[];
}

async function withFake(
  options: Partial<FakeLookerOptions>,
  body: (fake: FakeLooker) => Promise<void>,
): Promise<void> {
  const fake = await startFixtureLooker(options);
  try {
    await body(fake);
  } finally {
    await fake.stop();
  }
}

function makeClient(
  fake: FakeLooker,
  run: Run,
  config: Partial<ConnectionConfig> = {},
  secret = CLIENT_SECRET,
): LookerUsageClient {
  return new LookerUsageClient(
    { baseUrl: fake.url, timeoutSeconds: 10, maxRetries: 3, ...config },
    { clientId: CLIENT_ID, clientSecret: secret },
    {
      sleep: (ms) => {
        run.sleeps.push(ms);
        return Promise.resolve();
      },
      log: (m) => run.logs.push(m),
      now: () => NOW,
    },
  );
}

async function fetchWith(
  client: LookerUsageClient,
  run: Run,
  rowLimit = 50_000,
  models = MODELS,
): Promise<Run> {
  const query = usageQuery({ models, sources: [...DEFAULT_SOURCES], rowLimit });
  try {
    run.data = await client.fetchUsage({ query, models, rowLimit });
  } catch (error: unknown) {
    if (!(error instanceof UsageFault)) throw error;
    run.fault = error;
  }
  return run;
}

function newRun(): Run {
  return { sleeps: [], logs: [] };
}

function byName(explores: ExploreHealth[], name: string): ExploreHealth {
  const found = explores.find((e) => e.explore.name === name);
  assert.ok(found, `explore ${name}`);
  return found;
}

function faultOf(run: Run, kind: string): UsageFault {
  assert.ok(run.fault, "the refresh should have failed");
  assert.equal(run.fault.kind, kind, run.fault.message);
  return run.fault;
}

function assertNoSecret(run: Run): void {
  const texts = [run.fault?.message ?? "", ...run.logs];
  for (const text of texts) {
    assert.ok(!text.includes(CLIENT_SECRET), `secret leaked: ${text}`);
    assert.ok(!text.includes(CLIENT_ID), `client id leaked: ${text}`);
  }
}

describe("Looker usage through the SDK against the fake Looker", () => {
  it("counts each explore's queries as a hand count over the served rows", async () => {
    await withFake({}, async (fake) => {
      const run = await fetchWith(makeClient(fake, newRun()), newRun());
      assert.equal(run.fault, undefined, run.fault?.message);
      const data = run.data!;
      const health = projectHealth(EXPLORES, data, { threshold: 50, goalPercent: 90 });

      const orders = byName(health.explores, "orders");
      assert.equal(orders.figures.runs30, 30 + 10 + 20 + 7);
      assert.equal(orders.figures.runsPrevious30, 40 + 5);
      assert.equal(orders.figures.lastRunDate, "2025-03-30");
      // 03-30 had ann, bob and cy: the busiest day.
      assert.equal(orders.figures.users, 3);
      assert.ok(
        Math.abs(
          (orders.figures.averageRuntimeSeconds ?? 0) - (30 * 2 + 10 * 4 + 20 * 1 + 7 * 1) / 67,
        ) < 1e-9,
      );
      assert.equal(byName(health.explores, "customers").figures.runs30, 49);
      assert.equal(byName(health.explores, "returns").figures.runs30, 50);
      assert.equal(byName(health.explores, "returns").figures.runsPrevious30, 10);
      assert.equal(byName(health.explores, "inventory").figures.runs30, 0);
      assert.equal(byName(health.explores, "ledger").figures.runs30, 80);

      // Healthy: orders (67), returns (50), ledger (80); not: customers (49), inventory (0).
      assert.deepEqual(
        health.explores.filter((e) => e.healthy).map((e) => e.explore.name),
        ["orders", "returns", "ledger"],
      );
      assert.equal(health.healthyCount, 3);
      assert.equal(health.healthyPercent, 60);
      assert.equal(health.meetsGoal, false);
      assert.deepEqual(health.orphans, [{ model: "shop", explore: "legacy", runs30: 12 }]);
      assert.equal(health.complete, true);
      assert.deepEqual(data.missingModels, []);
      assert.equal(data.fetchedAt, NOW.toISOString());
    });
  });

  it(
    "sends one WriteQuery on system__activity/history " +
      "for production runs of the counted sources",
    async () => {
      await withFake({}, async (fake) => {
        await fetchWith(makeClient(fake, newRun()), newRun());
        assert.equal(fake.queryBodies.length, 1);
        const body = fake.queryBodies[0] as {
          model: string;
          view: string;
          filters: Record<string, string>;
        };
        assert.equal(body.model, "system__activity");
        assert.equal(body.view, "history");
        assert.equal(body.filters["history.workspace_id"], "production");
        assert.equal(body.filters["history.created_date"], "60 days");
        assert.equal(body.filters["query.model"], "shop,finance");
        assert.ok(body.filters["history.source"]?.includes("scheduled^_task"));
        assert.equal(fake.loginCount, 1);
      });
    },
  );

  it("keeps its token between refreshes and logs out on close", async () => {
    await withFake({}, async (fake) => {
      const client = makeClient(fake, newRun());
      await fetchWith(client, newRun());
      await fetchWith(client, newRun());
      assert.equal(fake.loginCount, 1);
      await client.close();
      assert.ok(fake.requests.some((r) => r.route === "logout" && r.status === 204));
    });
  });

  it("reports project models Looker does not know", async () => {
    await withFake({}, async (fake) => {
      const run = await fetchWith(makeClient(fake, newRun()), newRun(), 50_000, ["shop", "ghost"]);
      assert.deepEqual(run.data?.missingModels, ["ghost"]);
    });
  });

  it("marks figures past a row limit as incomplete instead of zero", async () => {
    await withFake({}, async (fake) => {
      // Sorted by model then explore, the first 3 rows are finance.ledger (1 day),
      // shop.customers (1 day) and shop.legacy (1 day); orders and returns fall past the cut.
      const run = await fetchWith(makeClient(fake, newRun()), newRun(), 3);
      const data = run.data!;
      assert.equal(data.truncatedAt, 3);
      const health = projectHealth(EXPLORES, data, { threshold: 50, goalPercent: 90 });
      assert.equal(byName(health.explores, "customers").figures.complete, true);
      assert.equal(byName(health.explores, "ledger").figures.complete, true);
      assert.equal(byName(health.explores, "orders").figures.complete, false);
      assert.equal(byName(health.explores, "inventory").figures.complete, false);
      assert.equal(health.complete, false);
    });
  });
});

describe("Looker faults", () => {
  it("names wrong credentials", async () => {
    await withFake({}, async (fake) => {
      const run = await fetchWith(makeClient(fake, newRun(), {}, "wrong-secret-value"), newRun());
      const fault = faultOf(run, "bad-credentials");
      assert.match(fault.message, /refused the client id and secret/);
      assert.ok(!fault.message.includes("wrong-secret-value"));
    });
  });

  it("logs in again once when the token expired on the server", async () => {
    await withFake({}, async (fake) => {
      const run = newRun();
      const client = makeClient(fake, run);
      await fetchWith(client, run);
      fake.expireTokens();
      const second = await fetchWith(client, newRun());
      assert.equal(second.fault, undefined, second.fault?.message);
      assert.equal(fake.loginCount, 2);
      assert.equal(second.data?.rows.length, run.data?.rows.length);
    });
  });

  it("gives up after one new login when every token is refused", async () => {
    await withFake({}, async (fake) => {
      const run = newRun();
      const client = makeClient(fake, run);
      fake.refuseTokens();
      await fetchWith(client, run);
      faultOf(run, "token-rejected");
      assert.equal(fake.loginCount, 2);
      assertNoSecret(run);
    });
  });

  it("names a missing System Activity model", async () => {
    await withFake({ models: ["shop", "finance"] }, async (fake) => {
      const run = newRun();
      await fetchWith(makeClient(fake, run), run);
      const fault = faultOf(run, "model-missing");
      assert.match(fault.message, /system__activity/);
    });
  });

  it("retries a 429 after Retry-After, then succeeds", async () => {
    await withFake({}, async (fake) => {
      fake.inject("query", { status: 429, retryAfter: "2" });
      const run = newRun();
      await fetchWith(makeClient(fake, run), run);
      assert.equal(run.fault, undefined, run.fault?.message);
      assert.deepEqual(run.sleeps, [2000]);
      assert.equal(fake.queryBodies.length, 1);
    });
  });

  it("stops retrying 503 answers after the bounded retries, backing off", async () => {
    await withFake({}, async (fake) => {
      fake.inject("query", { status: 503 }, 10);
      const run = newRun();
      await fetchWith(makeClient(fake, run, { maxRetries: 3 }), run);
      faultOf(run, "server-error");
      assert.deepEqual(run.sleeps, [1000, 2000, 4000]);
      assert.equal(fake.requests.filter((r) => r.route === "query").length, 4);
    });
  });

  it("retries a 500 at login", async () => {
    await withFake({}, async (fake) => {
      fake.inject("login", { status: 500 });
      const run = newRun();
      await fetchWith(makeClient(fake, run), run);
      assert.equal(run.fault, undefined, run.fault?.message);
      assert.deepEqual(run.sleeps, [1000]);
    });
  });

  it("keeps retrying 429 only so far, then names the rate limit", async () => {
    await withFake({}, async (fake) => {
      fake.inject("models", { status: 429 }, 10);
      const run = newRun();
      await fetchWith(makeClient(fake, run, { maxRetries: 2 }), run);
      faultOf(run, "rate-limited");
      assert.equal(run.sleeps.length, 2);
    });
  });

  it("names an HTML page answered with status 200", async () => {
    await withFake({}, async (fake) => {
      fake.inject("query", {
        status: 200,
        contentType: "text/html",
        body: "<html><body>Sign in</body></html>",
      });
      const run = newRun();
      await fetchWith(makeClient(fake, run), run);
      faultOf(run, "html-response");
    });
  });

  it("names an HTML error page from a proxy after retrying it", async () => {
    await withFake({}, async (fake) => {
      fake.inject(
        "query",
        { status: 502, contentType: "text/html", body: "<html>Bad gateway</html>" },
        10,
      );
      const run = newRun();
      await fetchWith(makeClient(fake, run, { maxRetries: 1 }), run);
      const fault = faultOf(run, "html-response");
      assert.match(fault.message, /status 502/);
      assert.equal(run.sleeps.length, 1);
    });
  });

  it("times out a Looker that never answers", async () => {
    await withFake({}, async (fake) => {
      fake.inject("query", { hang: true });
      const run = newRun();
      await fetchWith(makeClient(fake, run, { timeoutSeconds: 0.3 }), run);
      const fault = faultOf(run, "timeout");
      assert.match(fault.message, /did not answer within 0.3 s/);
    });
  });

  it("names an unreachable Looker", async () => {
    let url = "";
    await withFake({}, async (fake) => {
      url = fake.url;
      return Promise.resolve();
    });
    const run = newRun();
    const client = new LookerUsageClient(
      { baseUrl: url, timeoutSeconds: 5, maxRetries: 0 },
      { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      { sleep: () => Promise.resolve(), log: (m) => run.logs.push(m), now: () => NOW },
    );
    await fetchWith(client, run);
    const fault = faultOf(run, "unreachable");
    assert.match(fault.message, /ECONNREFUSED/);
    assertNoSecret(run);
  });

  describe("over TLS", () => {
    const dir = path.join(__dirname, "tls");
    const tls = {
      key: fs.readFileSync(path.join(dir, "server.key"), "utf8"),
      cert: fs.readFileSync(path.join(dir, "server.pem"), "utf8"),
    };
    const ca = fs.readFileSync(path.join(dir, "ca.pem"), "utf8");

    it("refuses an untrusted certificate and says why", async () => {
      await withFake({ tls }, async (fake) => {
        const run = newRun();
        await fetchWith(makeClient(fake, run), run);
        const fault = faultOf(run, "tls");
        assert.match(fault.message, /UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
        assert.notEqual(process.env["NODE_TLS_REJECT_UNAUTHORIZED"], "0");
      });
    });

    it("trusts a custom certificate authority", async () => {
      await withFake({ tls }, async (fake) => {
        const run = newRun();
        const client = makeClient(fake, run, { ca });
        await fetchWith(client, run);
        assert.equal(run.fault, undefined, run.fault?.message);
        // One row per explore and day: orders 5, customers 1, returns 2, ledger 1, legacy 1.
        assert.equal(run.data?.rows.length, 10);
        await client.close();
      });
    });
  });
});
