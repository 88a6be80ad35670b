import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UsageService } from "../../src/looker/service";
import { readLookerSettings, readUsageSettings } from "../../src/looker/settings";
import { FakeLooker } from "./fakeLooker";
import { CLIENT_ID, CLIENT_SECRET, EXPLORES, NOW, startFixtureLooker } from "./fixtures";

interface Harness {
  service: UsageService;
  logs: string[];
}

function makeService(dir: string, baseUrl: string, now = NOW): Harness {
  const logs: string[] = [];
  const service = new UsageService({
    log: (m) => logs.push(m),
    now: () => now,
    sleep: () => Promise.resolve(),
    env: {},
    readText: (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined),
    modified: () => undefined,
    cacheFile: path.join(dir, "cache", "usage.json"),
    keyFromEnvironment: false,
  });
  service.configure(readUsageSettings({}), readLookerSettings({ baseUrl, maxRetries: 1 }), dir);
  service.setExplores(EXPLORES);
  return { service, logs };
}

describe("usage service", () => {
  let dir: string;
  let fake: FakeLooker;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "usage-service-"));
    fake = await startFixtureLooker();
  });

  afterEach(async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("asks to sign in before it has a key", async () => {
    const { service } = makeService(dir, fake.url);
    const status = await service.refresh();
    assert.equal(status.kind, "failed");
    assert.match(status.fault.message, /Not signed in to Looker/);
    assert.equal(fake.loginCount, 0);
  });

  it("refreshes, shows figures everywhere and caches them", async () => {
    const { service } = makeService(dir, fake.url);
    await service.setCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const status = await service.refresh();

    assert.equal(status.kind, "ready");
    // 3 of 5 healthy (orders 67, returns 50, ledger 80).
    assert.equal(status.text, "Explores 60 % healthy (goal 90 %)");
    const lenses = service.lenses("file:///p/shop.model.lkml").map((l) => l.title);
    assert.deepEqual(lenses, [
      "67 queries · 30 days · healthy",
      "49 queries · 30 days · below 50",
      "50 queries · 30 days · healthy",
      "0 queries · 30 days · below 50",
    ]);
    assert.match(
      service.hover("file:///p/shop.model.lkml", { line: 3, character: 2 }) ?? "",
      /\+49 % against the 30 days before \(45\)/,
    );
    const diagnostics = service.diagnostics();
    assert.deepEqual(
      diagnostics.get("file:///p/shop.model.lkml")?.map((d) => d.range.start.line),
      [8, 16],
    );
    assert.deepEqual(diagnostics.get("file:///p/finance.model.lkml"), []);
    assert.match(service.report() ?? "", /<svg/);
    assert.ok(fs.existsSync(path.join(dir, "cache", "usage.json")));
    await service.dispose();
  });

  it(
    "keeps cached figures, marked stale with " + "their age, when Looker cannot be reached",
    async () => {
      const first = makeService(dir, fake.url);
      await first.service.setCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
      await first.service.refresh();
      await first.service.dispose();

      // Two days later, a new session: the cache shows at once, then Looker fails with 503s.
      const later = new Date(NOW.getTime() + 2 * 86_400_000);
      const second = makeService(dir, fake.url, later);
      assert.equal((await second.service.start()).kind, "ready");
      await second.service.setCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
      fake.inject("login", { status: 503 }, 5);
      const status = await second.service.refresh();

      assert.equal(status.kind, "stale");
      assert.equal(status.text, "Explores 60 % healthy (goal 90 %) · 2 days old");
      assert.equal(status.fault.kind, "server-error");
      assert.equal(
        second.service.lenses("file:///p/finance.model.lkml")[0]?.title,
        "80 queries · 30 days · healthy · stale",
      );
      for (const text of [
        JSON.stringify(status),
        ...second.logs,
        fs.readFileSync(path.join(dir, "cache", "usage.json"), "utf8"),
      ]) {
        assert.ok(!text.includes(CLIENT_SECRET));
      }
    },
  );

  it("reads a snapshot file instead of a connection", async () => {
    const file = path.join(dir, "usage.csv");
    fs.writeFileSync(
      file,
      "Query Model,Query Explore,History Query Run Count\nshop,orders,75\nfinance,ledger,10\n",
    );
    const { service } = makeService(dir, "");
    service.configure(
      readUsageSettings({ snapshotFile: "usage.csv" }),
      readLookerSettings({}),
      dir,
    );
    const status = await service.start();
    // orders 75 healthy; customers, returns, inventory 0 and ledger 10 are not: 1 of 5.
    assert.equal(
      status.kind === "ready" ? status.text : status.kind,
      "Explores 20 % healthy (goal 90 %)",
    );
    assert.equal(fake.loginCount, 0);
  });
});
