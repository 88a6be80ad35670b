/**
 * Fetches explore usage from Looker through `@looker/sdk-node`: logs in, checks which project
 * models Looker knows, and runs the one System Activity query. Retries 429 and 5xx answers a
 * bounded number of times with backoff, logs in again once when the token is refused, and
 * turns every failure into a `UsageFault` that names its cause.
 */
import type { ILookmlModel, IWriteQuery, Looker40SDK } from "@looker/sdk";
import { LookerNodeSDK, NodeSession } from "@looker/sdk-node";
import type { SDKResponse } from "@looker/sdk-rtl";
import { networkFault, redact, UsageFault } from "./faults";
import { FIELDS } from "./query";
import { mapColumns, readRecords } from "./rows";
import type { Credentials, LastAnswer } from "./transport";
import { GuardedTransport, MemorySettings } from "./transport";
import type { UsageData } from "./types";

/** Where and how to reach Looker. */
export interface ConnectionConfig {
  baseUrl: string;
  timeoutSeconds: number;
  maxRetries: number;
  /** PEM text of extra certificate authorities. */
  ca?: string;
}

/** What the client needs from its surroundings; tests pass a sleep that returns at once. */
export interface ClientDeps {
  sleep: (ms: number) => Promise<void>;
  log: (message: string) => void;
  now: () => Date;
  signal?: AbortSignal;
}

/** The query to run and the models it concerns. */
export interface UsageRequest {
  query: IWriteQuery;
  models: string[];
  rowLimit: number;
}

type Outcome<T> =
  { ok: true; value: T } | { ok: false; answer: LastAnswer | undefined; body: unknown };

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const MAX_DELAY_MS = 30_000;

/** One Looker connection with one API key; keeps its token between refreshes. */
export class LookerUsageClient {
  private readonly transport: GuardedTransport;
  private readonly session: NodeSession;
  private readonly sdk: Looker40SDK;
  private readonly secrets: string[];

  constructor(
    private readonly config: ConnectionConfig,
    credentials: Credentials,
    private readonly deps: ClientDeps,
  ) {
    const settings = new MemorySettings(config.baseUrl, config.timeoutSeconds, credentials);
    const guard = { timeoutMs: config.timeoutSeconds * 1000 };
    this.transport = new GuardedTransport(settings, {
      ...guard,
      ...(config.ca === undefined ? {} : { ca: config.ca }),
      ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    });
    this.session = new NodeSession(settings, this.transport);
    this.sdk = LookerNodeSDK.init40(settings, this.transport, this.session);
    this.secrets = [credentials.clientId, credentials.clientSecret];
  }

  /** Runs one refresh: login if needed, the model check, the System Activity query. */
  async fetchUsage(request: UsageRequest): Promise<UsageData> {
    const started = this.deps.now();
    await this.step("login", () => this.login(), false);
    const known = await this.step("list models", () => this.listModels(), true);
    const records = await this.step(
      "System Activity query",
      () => this.runQuery(request.query),
      true,
    );

    const rows = this.readRows(records);
    const tookMs = this.deps.now().getTime() - started.getTime();
    this.deps.log(`Looker usage: ${records.length} rows in ${tookMs} ms`);
    const data: UsageData = {
      origin: "looker",
      fetchedAt: started.toISOString(),
      rows,
      missingModels: request.models.filter((m) => !known.has(m)),
      source: this.config.baseUrl,
    };
    if (records.length >= request.rowLimit) data.truncatedAt = request.rowLimit;
    return data;
  }

  /** Logs out (best effort) and closes connections. */
  async close(): Promise<void> {
    try {
      if (this.session.isAuthenticated()) await this.session.logout();
    } catch {
      // The token expires on its own; a failed logout changes nothing for the user.
    }
    await this.transport.close();
  }

  // Runs `call` with retries on 429/5xx and, when `reauth`, one fresh login after a 401.
  private async step<T>(
    label: string,
    call: () => Promise<Outcome<T>>,
    reauth: boolean,
  ): Promise<T> {
    let loggedInAgain = false;
    for (let attempt = 0; ; attempt++) {
      this.transport.last = undefined;
      const outcome = await call();
      if (outcome.ok) return outcome.value;

      const status = outcome.answer?.statusCode;
      if (status === 401 && reauth && !loggedInAgain) {
        this.deps.log(`Looker refused the token during ${label}; logging in again`);
        loggedInAgain = true;
        this.session.reset();
        await this.step("login", () => this.login(), false);
        continue;
      }
      if (status !== undefined && RETRY_STATUSES.has(status) && attempt < this.config.maxRetries) {
        const delay = backoffMs(attempt, outcome.answer?.retryAfter);
        this.deps.log(
          `Looker answered ${status} during ${label}; retry ${attempt + 1} in ${delay} ms`,
        );
        await this.deps.sleep(delay);
        continue;
      }
      throw this.fault(label, outcome, loggedInAgain);
    }
  }

  private async login(): Promise<Outcome<true>> {
    try {
      await this.session.login();
      return { ok: true, value: true };
    } catch (error: unknown) {
      return { ok: false, answer: this.transport.last, body: error };
    }
  }

  private async listModels(): Promise<Outcome<Set<string>>> {
    const response = await this.sdk.all_lookml_models({ fields: "name" });
    return this.outcome(response, (value: ILookmlModel[]) => {
      if (!Array.isArray(value)) return undefined;
      return new Set(value.map((m) => m.name ?? ""));
    });
  }

  private async runQuery(query: IWriteQuery): Promise<Outcome<Record<string, unknown>[]>> {
    const response = await this.sdk.run_inline_query({ result_format: "json", body: query });
    return this.outcome(response, (value: unknown) => {
      if (!Array.isArray(value)) return undefined;
      const records = value as unknown[];
      return records.every(isRecord) ? records : undefined;
    });
  }

  // A successful answer of the wrong shape (an HTML page with status 200) is a failure too.
  private outcome<V, T>(
    response: SDKResponse<V, unknown>,
    read: (value: V) => T | undefined,
  ): Outcome<T> {
    const answer = this.transport.last;
    if (!response.ok) return { ok: false, answer, body: response.error };
    const value = read(response.value);
    if (value === undefined) return { ok: false, answer, body: response.value };
    return { ok: true, value };
  }

  private readRows(records: Record<string, unknown>[]): UsageData["rows"] {
    const map = mapColumns(Object.values(FIELDS));
    const { rows, problems } = readRecords(records, map);
    if (problems.length > 0) {
      const first = problems[0];
      this.deps.log(
        `Looker usage: ${problems.length} unreadable rows skipped (first: ${first?.reason ?? ""})`,
      );
    }
    return rows;
  }

  private fault(
    label: string,
    outcome: { answer: LastAnswer | undefined; body: unknown },
    relogged: boolean,
  ): UsageFault {
    const fault = describeFault(label, outcome, this.config, relogged);
    return new UsageFault(fault.kind, redact(fault.message, this.secrets));
  }
}

// Looker's Retry-After (seconds) when given, else 1 s, 2 s, 4 s …; never above 30 s.
function backoffMs(attempt: number, retryAfter: string | undefined): number {
  const seconds = retryAfter === undefined ? Number.NaN : Number(retryAfter);
  const base = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000 * 2 ** attempt;
  return Math.min(MAX_DELAY_MS, base);
}

function describeFault(
  label: string,
  outcome: { answer: LastAnswer | undefined; body: unknown },
  config: ConnectionConfig,
  relogged: boolean,
): UsageFault {
  const { answer, body } = outcome;
  const status = answer?.statusCode;
  const url = config.baseUrl;
  if (answer === undefined || status === undefined) {
    return networkFault(answer?.error ?? body, url, config.timeoutSeconds);
  }
  if (/text\/html/i.test(answer.contentType)) {
    return new UsageFault(
      "html-response",
      `Looker at ${url} answered the ${label} with an HTML page (status ${status}) instead of ` +
        "JSON: a proxy or sign-in page may sit in front of the API. " +
        "Check analyticsOps.looker.baseUrl.",
    );
  }
  return statusFault(label, status, lookerMessage(body), url, relogged);
}

function statusFault(
  label: string,
  status: number,
  detail: string,
  url: string,
  relogged: boolean,
): UsageFault {
  const suffix = detail === "" ? "" : ` Looker said: ${detail}`;
  if (label === "login" && (status === 401 || status === 403 || status === 404)) {
    return new UsageFault(
      "bad-credentials",
      `Looker at ${url} refused the client id and secret (status ${status}). ` +
        "Sign in to Looker again with a valid API key.",
    );
  }
  if (status === 401) {
    const why = relogged ? "even after logging in again" : "";
    return new UsageFault(
      "token-rejected",
      `Looker refused the access token ${why} during the ${label} (status 401).${suffix}`,
    );
  }
  if (status === 403) {
    return new UsageFault(
      "forbidden",
      `The API key may not run the ${label} (status 403): ` +
        `System Activity needs the see_system_activity permission.${suffix}`,
    );
  }
  if (status === 404) {
    return new UsageFault(
      "model-missing",
      `Looker at ${url} has no System Activity model "system__activity" for this API key ` +
        `(status 404 during the ${label}).${suffix}`,
    );
  }
  if (status === 429) {
    return new UsageFault(
      "rate-limited",
      `Looker kept answering "too many requests" (429) during the ${label}; ` +
        `gave up after the retries.${suffix}`,
    );
  }
  if (status >= 500) {
    return new UsageFault(
      "server-error",
      `Looker answered ${status} during the ${label}, also after the retries.${suffix}`,
    );
  }
  if (status >= 200 && status < 300) {
    return new UsageFault(
      "bad-response",
      `Looker answered the ${label} with something other than rows (status ${status}).`,
    );
  }
  return new UsageFault(
    "query-rejected",
    `Looker rejected the ${label} (status ${status}).${suffix}`,
  );
}

// The `message` (and validation errors) of a Looker error body, cut to a readable length.
function lookerMessage(body: unknown): string {
  if (!isRecord(body)) return "";
  const parts: string[] = [];
  if (typeof body["message"] === "string") parts.push(body["message"]);
  const errors = body["errors"];
  if (Array.isArray(errors)) {
    for (const e of errors.slice(0, 3)) {
      if (isRecord(e) && typeof e["message"] === "string") {
        parts.push(`${typeof e["field"] === "string" ? `${e["field"]}: ` : ""}${e["message"]}`);
      }
    }
  }
  const text = parts.join("; ");
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
