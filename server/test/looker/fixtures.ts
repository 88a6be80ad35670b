/**
 * The System Activity records the fake Looker serves and the project's explores. The counts
 * are small on purpose: every expected figure in the tests is summed by hand from them.
 * "Today" is 2025-03-31, so the last 30 days are 03-02 … 03-31 and the 30 before 01-31 … 03-01.
 */
import type { LookmlExplore } from "../../src/looker/types";
import { FakeLooker, type ActivityRecord, type FakeLookerOptions } from "./fakeLooker";

export const TODAY = "2025-03-31";
export const NOW = new Date("2025-03-31T12:00:00Z");
export const CLIENT_ID = "test-client-id-4821";
export const CLIENT_SECRET = "s3cret-value-never-shown-77";

function rec(
  model: string,
  view: string,
  date: string,
  source: string,
  runs: number,
  users: string[],
  runtime: number,
  workspace: "production" | "dev" = "production",
): ActivityRecord {
  return { model, view, date, source, workspace, runs, users, runtime };
}

export const RECORDS: ActivityRecord[] = [
  // shop.orders: 30 + 10 + 20 + 7 = 67 in the last 30 days; 40 + 5 = 45 before.
  rec("shop", "orders", "2025-03-30", "dashboard", 30, ["ann", "bob"], 2.0),
  rec("shop", "orders", "2025-03-30", "explore", 10, ["ann", "cy"], 4.0),
  rec("shop", "orders", "2025-03-10", "scheduled_task", 20, ["dee"], 1.0),
  rec("shop", "orders", "2025-03-02", "dashboard", 7, ["bob"], 1.0),
  rec("shop", "orders", "2025-03-01", "dashboard", 5, ["ann"], 1.0),
  rec("shop", "orders", "2025-02-15", "dashboard", 40, ["ann"], 3.0),
  // Not counted: a development-mode run and filter suggestions.
  rec("shop", "orders", "2025-03-10", "explore", 500, ["ann"], 1.0, "dev"),
  rec("shop", "orders", "2025-03-29", "suggest", 100, ["ann"], 0.1),
  // shop.customers: 49, one short of healthy; the 300 are older than 60 days.
  rec("shop", "customers", "2025-03-20", "api4", 49, ["eve"], 0.5),
  rec("shop", "customers", "2025-01-20", "dashboard", 300, ["eve"], 0.5),
  // shop.returns: exactly 50 (healthy); 10 before.
  rec("shop", "returns", "2025-03-31", "dashboard", 50, ["fay", "gus"], 1.5),
  rec("shop", "returns", "2025-02-01", "dashboard", 10, ["fay"], 1.5),
  // finance.ledger: 80; the PDT rebuilds do not count.
  rec("finance", "ledger", "2025-03-15", "look", 80, ["hal"], 6.0),
  rec("finance", "ledger", "2025-03-16", "pdt_regenerator", 1000, ["hal"], 60.0),
  // shop.legacy is queried but no longer in the LookML: reported, not counted.
  rec("shop", "legacy", "2025-03-05", "dashboard", 12, ["ann"], 1.0),
  // Another project's model: not asked for.
  rec("marketing", "campaigns", "2025-03-05", "dashboard", 99, ["ivy"], 1.0),
];

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 20 } });

/** shop.inventory has no rows at all: 0 queries. */
export const EXPLORES: LookmlExplore[] = [
  { model: "shop", name: "orders", uri: "file:///p/shop.model.lkml", range: at(3) },
  { model: "shop", name: "customers", uri: "file:///p/shop.model.lkml", range: at(8) },
  { model: "shop", name: "returns", uri: "file:///p/shop.model.lkml", range: at(12) },
  { model: "shop", name: "inventory", uri: "file:///p/shop.model.lkml", range: at(16) },
  { model: "finance", name: "ledger", uri: "file:///p/finance.model.lkml", range: at(2) },
];

export const LOOKER_MODELS = ["shop", "finance", "marketing", "system__activity"];

/** Starts a fake Looker serving the fixture's records and models; `options` change it. */
export async function startFixtureLooker(
  options: Partial<FakeLookerOptions> = {},
): Promise<FakeLooker> {
  const fake = new FakeLooker({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    today: TODAY,
    records: RECORDS,
    models: LOOKER_MODELS,
    ...options,
  });
  await fake.start();
  return fake;
}
