/**
 * A fake Looker API 4.0 server for the tests, on 127.0.0.1: form-encoded login with expiring
 * Bearer tokens, `run_inline_query` over a small System Activity `history` table, the model
 * list and logout, plus fault injection per route. It computes its answers from raw records
 * on its own, independently of the code under test.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";

/** One raw System Activity record: runs of one explore on one day from one source. */
export interface ActivityRecord {
  model: string;
  view: string;
  date: string;
  source: string;
  workspace: "production" | "dev";
  runs: number;
  users: string[];
  /** Average runtime of these runs, in seconds. */
  runtime: number;
}

/** A canned failure for the next requests of a route. */
export interface InjectedFault {
  status?: number;
  contentType?: string;
  body?: string;
  retryAfter?: string;
  /** Never answer: the client must time out. */
  hang?: boolean;
}

export type Route = "login" | "query" | "models" | "logout";

export interface FakeLookerOptions {
  clientId: string;
  clientSecret: string;
  /** `YYYY-MM-DD`: the day relative date filters count from. */
  today: string;
  records: ActivityRecord[];
  /** Models `lookml_models` lists; `system__activity` must be among them to be queried. */
  models: string[];
  tokenSeconds?: number;
  tls?: { key: string; cert: string };
}

const WRITE_QUERY_KEYS = new Set([
  "model",
  "view",
  "fields",
  "pivots",
  "fill_fields",
  "filters",
  "filter_expression",
  "sorts",
  "limit",
  "column_limit",
  "total",
  "row_total",
  "subtotals",
  "vis_config",
  "filter_config",
  "visible_ui_sections",
  "dynamic_fields",
  "client_id",
  "query_timezone",
]);
const DIMENSIONS = ["query.model", "query.view", "history.created_date", "history.source"];
const MEASURES = ["history.query_run_count", "user.count", "history.average_runtime"];
const FILTERABLE = [
  "history.created_date",
  "history.workspace_id",
  "history.source",
  "query.model",
];

/** The fake server; `start()` it, drive it with the SDK, `stop()` it. */
export class FakeLooker {
  url = "";
  loginCount = 0;
  readonly requests: { route: Route; status: number }[] = [];
  queryBodies: unknown[] = [];
  private readonly server: http.Server;
  private readonly tokens = new Map<string, number>();
  private readonly faults = new Map<Route, InjectedFault[]>();
  private refuseAllTokens = false;

  constructor(private readonly options: FakeLookerOptions) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      void this.handle(req, res);
    };
    this.server =
      options.tls === undefined
        ? http.createServer(handler)
        : https.createServer(options.tls, handler);
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const port = (this.server.address() as AddressInfo).port;
    this.url = `${this.options.tls === undefined ? "http" : "https"}://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }

  /** Fails the next `times` requests of `route` with `fault`. */
  inject(route: Route, fault: InjectedFault, times = 1): void {
    const queue = this.faults.get(route) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(route, queue);
  }

  /** Expires every token handed out so far, as Looker does when a session ends. */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** Refuses every token, even fresh ones (a revoked API key's tokens). */
  refuseTokens(): void {
    this.refuseAllTokens = true;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = routeOf(req.method ?? "", url.pathname);
    if (route === undefined) {
      this.send(res, "login", 404, { message: "Not found" });
      return;
    }

    const fault = this.faults.get(route)?.shift();
    if (fault !== undefined) {
      this.fail(res, route, fault);
      return;
    }

    if (route === "login") {
      this.login(req, res, body);
      return;
    }
    if (!this.authorised(req)) {
      this.send(res, route, 401, {
        message: "Requires authentication.",
        documentation_url: "https://docs",
      });
      return;
    }
    if (route === "logout") {
      this.logout(req, res);
      return;
    }
    if (route === "models") {
      this.models(res, url);
      return;
    }
    this.query(res, body);
  }

  private fail(res: http.ServerResponse, route: Route, fault: InjectedFault): void {
    if (fault.hang === true) return;
    const headers: Record<string, string> = {
      "content-type": fault.contentType ?? "application/json",
    };
    if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
    const status = fault.status ?? 500;
    this.requests.push({ route, status });
    res
      .writeHead(status, headers)
      .end(fault.body ?? JSON.stringify({ message: "Injected failure" }));
  }

  private login(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    this.loginCount++;
    if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
      this.send(res, "login", 400, { message: "Login must be form-encoded" });
      return;
    }
    const form = new URLSearchParams(body);
    const ok =
      form.get("client_id") === this.options.clientId &&
      form.get("client_secret") === this.options.clientSecret;
    if (!ok) {
      this.send(res, "login", 404, {
        message: "Not found",
        documentation_url: "https://docs",
      });
      return;
    }

    const token = randomBytes(16).toString("hex");
    const seconds = this.options.tokenSeconds ?? 3600;
    this.tokens.set(token, Date.now() + seconds * 1000);
    this.send(res, "login", 200, {
      access_token: token,
      token_type: "Bearer",
      expires_in: seconds,
      refresh_token: null,
    });
  }

  private authorised(req: http.IncomingMessage): boolean {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
    const expires = match?.[1] === undefined ? undefined : this.tokens.get(match[1]);
    return !this.refuseAllTokens && expires !== undefined && expires > Date.now();
  }

  private logout(req: http.IncomingMessage, res: http.ServerResponse): void {
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    this.tokens.delete(token);
    this.requests.push({ route: "logout", status: 204 });
    res.writeHead(204).end();
  }

  private models(res: http.ServerResponse, url: URL): void {
    const fields = (url.searchParams.get("fields") ?? "name,label,explores").split(",");
    const list = this.options.models.map((name) =>
      pick({ name, label: name, explores: [] }, fields),
    );
    this.send(res, "models", 200, list);
  }

  private query(res: http.ServerResponse, body: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      this.send(res, "query", 400, { message: "Body is not JSON" });
      return;
    }
    this.queryBodies.push(parsed);
    const problem = validateWriteQuery(parsed);
    if (problem !== undefined) {
      this.send(res, "query", 422, {
        message: "Validation Failed",
        errors: [{ field: "body", message: problem }],
      });
      return;
    }
    const query = parsed as WriteQueryBody;
    if (!this.options.models.includes(query.model)) {
      this.send(res, "query", 404, {
        message: "Not found",
        documentation_url: "https://docs",
      });
      return;
    }
    this.send(res, "query", 200, runQuery(query, this.options));
  }

  private send(res: http.ServerResponse, route: Route, status: number, value: unknown): void {
    this.requests.push({ route, status });
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
  }
}

interface WriteQueryBody {
  model: string;
  view: string;
  fields: string[];
  filters: Record<string, string>;
  sorts: string[];
  limit: string;
}

function routeOf(method: string, path: string): Route | undefined {
  if (method === "POST" && path === "/api/4.0/login") return "login";
  if (method === "DELETE" && path === "/api/4.0/logout") return "logout";
  if (method === "GET" && path === "/api/4.0/lookml_models") return "models";
  if (method === "POST" && path === "/api/4.0/queries/run/json") return "query";
  return undefined;
}

function validateWriteQuery(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not an object";
  const record = value as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((k) => !WRITE_QUERY_KEYS.has(k));
  if (unknownKey !== undefined) return `unknown WriteQuery key ${unknownKey}`;
  if (typeof record["model"] !== "string" || typeof record["view"] !== "string")
    return "model and view are required";
  if (record["view"] !== "history") return `no explore ${record["view"]}`;
  const fields = record["fields"];
  if (!Array.isArray(fields) || !fields.every((f) => typeof f === "string"))
    return "fields must be strings";
  const bad = fields.find((f) => !DIMENSIONS.includes(f) && !MEASURES.includes(f));
  if (bad !== undefined) return `unknown field ${bad}`;
  const filters: unknown = record["filters"] ?? {};
  if (typeof filters !== "object" || filters === null) return "filters must be an object";
  const badFilter = Object.entries(filters).find(
    ([k, v]) => !FILTERABLE.includes(k) || typeof v !== "string",
  );
  if (badFilter !== undefined) return `unsupported filter ${badFilter[0]}`;
  if (
    record["limit"] !== undefined &&
    !/^\d+$/.test(JSON.stringify(record["limit"]).replace(/"/g, ""))
  )
    return "limit must be a number string";
  return undefined;
}

function runQuery(query: WriteQueryBody, options: FakeLookerOptions): Record<string, unknown>[] {
  const kept = options.records.filter((r) => matches(r, query.filters, options.today));
  const dims = query.fields.filter((f) => DIMENSIONS.includes(f));
  const groups = new Map<string, ActivityRecord[]>();
  for (const r of kept) {
    const key = JSON.stringify(dims.map((d) => dimension(r, d)));
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows = [...groups.values()].map((group) => aggregate(group, query.fields));
  sortRows(rows, query.sorts);
  return rows.slice(0, Number(query.limit));
}

function matches(r: ActivityRecord, filters: Record<string, string>, today: string): boolean {
  for (const [field, value] of Object.entries(filters)) {
    if (field === "history.created_date") {
      const days = Number(/^(\d+) days$/.exec(value)?.[1] ?? "0");
      const age = (Date.parse(today) - Date.parse(r.date)) / 86_400_000;
      if (age < 0 || age >= days) return false;
    } else if (field === "history.workspace_id") {
      if (r.workspace !== value) return false;
    } else if (!looker_list(value).includes(dimension(r, field))) {
      return false;
    }
  }
  return true;
}

// Looker's string filter list: `,` separates, `^` escapes the next character.
function looker_list(filter: string): string[] {
  const values: string[] = [];
  let current = "";
  for (let i = 0; i < filter.length; i++) {
    const c = filter.charAt(i);
    if (c === "^") current += filter.charAt(++i);
    else if (c === ",") {
      values.push(current);
      current = "";
    } else current += c;
  }
  values.push(current);
  return values;
}

function dimension(r: ActivityRecord, field: string): string {
  if (field === "query.model") return r.model;
  if (field === "query.view") return r.view;
  if (field === "history.created_date") return r.date;
  return r.source;
}

function aggregate(group: ActivityRecord[], fields: string[]): Record<string, unknown> {
  const first = group[0] as ActivityRecord;
  const row: Record<string, unknown> = {};
  const runs = group.reduce((a, r) => a + r.runs, 0);
  for (const f of fields) {
    if (DIMENSIONS.includes(f)) row[f] = dimension(first, f);
    if (f === "history.query_run_count") row[f] = runs;
    if (f === "user.count") row[f] = new Set(group.flatMap((r) => r.users)).size;
    if (f === "history.average_runtime")
      row[f] = group.reduce((a, r) => a + r.runtime * r.runs, 0) / runs;
  }
  return row;
}

function sortRows(rows: Record<string, unknown>[], sorts: string[]): void {
  rows.sort((a, b) => {
    for (const sort of sorts) {
      const [field = "", dir] = sort.split(" ");
      const x = String(a[field]);
      const y = String(b[field]);
      if (x !== y) return (x < y ? -1 : 1) * (dir === "desc" ? -1 : 1);
    }
    return 0;
  });
}

function pick(value: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => fields.includes(k)));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
  });
}
