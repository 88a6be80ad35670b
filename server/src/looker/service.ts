/**
 * Explore usage for one LookML project, as the language server and the CLI run it: holds the
 * settings, the API key (in memory), the explores and the last good answer; refreshes from
 * Looker or a snapshot file; keeps cached figures, marked stale, when a refresh fails; and
 * answers the inline figures, hovers, diagnostics, status and report from them.
 */
import { createHash } from "node:crypto";
import * as path from "node:path";
import type { UsageStatus } from "../../../common/src/usage";
import type { Position } from "../lookml/ast";
import { cacheKey, readCache, writeCache } from "./cache";
import type { ReadText } from "./connection";
import { resolveConnection } from "./connection";
import type { FaultInfo } from "./faults";
import { toFault, UsageFault } from "./faults";
import { formatAge } from "./format";
import { projectHealth } from "./health";
import type { ConnectionConfig, UsageRequest } from "./lookerClient";
import { LookerUsageClient } from "./lookerClient";
import type { UsageDiagnostic, UsageView } from "./present";
import { hoverMarkdown, inlineText, statusText, statusTooltip, usageDiagnostics } from "./present";
import { usageQuery } from "./query";
import { reportHtml } from "./reportHtml";
import type { LookerSettings, UsageSettings } from "./settings";
import { DEFAULT_LOOKER_SETTINGS, DEFAULT_USAGE_SETTINGS } from "./settings";
import { readSnapshot } from "./snapshot";
import type { Credentials } from "./transport";
import type { LookmlExplore, ProjectHealth, UsageData } from "./types";

/** What fetches usage; the Looker client, or a stand-in in tests. */
export interface UsageFetcher {
  fetchUsage(request: UsageRequest): Promise<UsageData>;
  close(): Promise<void>;
}

/** What the service needs from its surroundings. */
export interface UsageServiceDeps {
  log: (message: string) => void;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  env: NodeJS.ProcessEnv;
  readText: ReadText;
  /** Modification time of a file, standing in for a snapshot's fetch time. */
  modified: (file: string) => Date | undefined;
  /** Where the last good answer is kept; none in the CLI. */
  cacheFile?: string;
  /** The CLI takes the key from the environment or `looker.ini`; the editor never does. */
  keyFromEnvironment: boolean;
  createFetcher?: (config: ConnectionConfig, credentials: Credentials) => UsageFetcher;
}

/** One inline figure: where and what. */
export interface UsageLens {
  range: LookmlExplore["range"];
  title: string;
}

/** Explore usage of one LookML project. */
export class UsageService {
  private usage: UsageSettings = DEFAULT_USAGE_SETTINGS;
  private looker: LookerSettings = DEFAULT_LOOKER_SETTINGS;
  private projectDir = ".";
  private credentials: Credentials | undefined;
  private usedCredentials: Credentials | undefined;
  private fetcher: { key: string; fetcher: UsageFetcher } | undefined;
  private explores: LookmlExplore[] = [];
  private data: UsageData | undefined;
  private fault: FaultInfo | undefined;
  private refreshing: Promise<UsageStatus> | undefined;
  private health: ProjectHealth | undefined;

  constructor(private readonly deps: UsageServiceDeps) {}

  /** Takes new settings; `projectDir` is where `looker.ini` and relative paths are found. */
  configure(usage: UsageSettings, looker: LookerSettings, projectDir: string): void {
    this.usage = usage;
    this.looker = looker;
    this.projectDir = projectDir;
    this.health = undefined;
  }

  /** Takes the explores of the LookML, as the index found them. */
  setExplores(explores: readonly LookmlExplore[]): void {
    this.explores = [...explores];
    this.health = undefined;
  }

  /** Takes the API key from the client, or forgets it (`undefined`) and logs out. */
  async setCredentials(credentials: Credentials | undefined): Promise<void> {
    this.credentials = credentials;
    await this.dropFetcher();
  }

  /** Loads the cached answer (or the snapshot) so figures show before the first refresh. */
  async start(): Promise<UsageStatus> {
    if (this.usage.snapshotFile !== "") return this.refresh();
    const file = this.deps.cacheFile;
    if (file === undefined) return this.status();
    const key = this.currentCacheKey();
    const cached = key === undefined ? undefined : await readCache(file, key);
    if (cached !== undefined) {
      this.setData(cached);
      this.deps.log(`Explore usage: cached figures from ${cached.fetchedAt} loaded`);
    }
    return this.status();
  }

  /** Whether the figures are older than `refreshHours` (never when that is 0). */
  isDue(): boolean {
    if (this.usage.refreshHours === 0 || this.refreshing !== undefined) return false;
    if (this.data === undefined) return true;
    const age = this.deps.now().getTime() - Date.parse(this.data.fetchedAt);
    return age >= this.usage.refreshHours * 3_600_000;
  }

  /** Refreshes once; a refresh asked for while one runs shares its result. */
  refresh(): Promise<UsageStatus> {
    if (this.refreshing !== undefined) return this.refreshing;
    const running = this.runRefresh().finally(() => {
      this.refreshing = undefined;
    });
    this.refreshing = running;
    return running;
  }

  /** The status bar's view of things. */
  status(): UsageStatus {
    if (!this.usage.enabled) return { kind: "off" };
    const view = this.view();
    const fault = this.fault;
    if (this.refreshing !== undefined) {
      const text = "Explores: refreshing usage…";
      return {
        kind: "refreshing",
        text,
        tooltip: "Fetching explore usage from Looker System Activity.",
      };
    }
    if (view !== undefined && fault === undefined) {
      return {
        kind: "ready",
        text: statusText(view),
        tooltip: statusTooltip(view),
        meetsGoal: view.health.meetsGoal,
      };
    }
    if (view !== undefined && fault !== undefined) {
      const tooltip = statusTooltip(view);
      return {
        kind: "stale",
        text: statusText(view),
        tooltip,
        meetsGoal: view.health.meetsGoal,
        fault,
      };
    }
    if (fault !== undefined)
      return { kind: "failed", text: "Explores: usage unavailable", tooltip: fault.message, fault };
    return {
      kind: "empty",
      text: "Explores: usage not fetched",
      tooltip: 'Run "Refresh Explore Usage".',
    };
  }

  /** The figures as shown, or undefined before any answer. */
  view(): UsageView | undefined {
    const data = this.data;
    if (data === undefined || !this.usage.enabled) return undefined;
    this.health ??= projectHealth(this.explores, data, {
      threshold: this.usage.threshold,
      goalPercent: this.usage.goalPercent,
    });
    const view: UsageView = { health: this.health, now: this.deps.now() };
    if (this.fault !== undefined) {
      const age = formatAge(new Date(data.fetchedAt), view.now);
      view.staleReason = `${this.fault.message} Showing figures fetched ${age} ago.`;
    }
    return view;
  }

  /** The inline figures of the explores defined in `uri`. */
  lenses(uri: string): UsageLens[] {
    const view = this.view();
    if (view === undefined || !this.usage.inline) return [];
    const stale = view.staleReason !== undefined;
    return view.health.explores
      .filter((e) => e.explore.uri === uri)
      .map((e) => ({ range: e.explore.range, title: inlineText(e, view.health.threshold, stale) }));
  }

  /** The hover of the explore whose `explore:` line holds `position`. */
  hover(uri: string, position: Position): string | undefined {
    const view = this.view();
    if (view === undefined) return undefined;
    const found = view.health.explores.find(
      (e) =>
        e.explore.uri === uri &&
        position.line >= e.explore.range.start.line &&
        position.line <= e.explore.range.end.line,
    );
    return found === undefined ? undefined : hoverMarkdown(found, view);
  }

  /** Diagnostics on unhealthy explores, by file; every file with explores has an entry. */
  diagnostics(): Map<string, UsageDiagnostic[]> {
    const byUri = new Map<string, UsageDiagnostic[]>(this.explores.map((e) => [e.uri, []]));
    const view = this.view();
    if (view === undefined) return byUri;
    for (const d of usageDiagnostics(view.health, this.usage.diagnosticSeverity)) {
      byUri.get(d.uri)?.push(d);
    }
    return byUri;
  }

  /** The report page, or undefined before any answer. */
  report(): string | undefined {
    const view = this.view();
    return view === undefined ? undefined : reportHtml(view);
  }

  /** Logs out and closes connections. */
  async dispose(): Promise<void> {
    await this.dropFetcher();
  }

  private async runRefresh(): Promise<UsageStatus> {
    if (!this.usage.enabled) return this.status();
    try {
      const data =
        this.usage.snapshotFile !== "" ? this.loadSnapshot() : await this.fetchFromLooker();
      this.fault = undefined;
      this.setData(data);
    } catch (error: unknown) {
      this.fault = toFault(error, this.secrets());
      this.health = undefined;
      this.deps.log(`Explore usage refresh failed (${this.fault.kind}): ${this.fault.message}`);
    }
    this.refreshing = undefined;
    return this.status();
  }

  private loadSnapshot(): UsageData {
    const file = path.resolve(this.projectDir, this.usage.snapshotFile);
    const text = this.deps.readText(file);
    if (text === undefined)
      throw new UsageFault("snapshot", `The usage snapshot file ${file} does not exist.`);
    const data = readSnapshot(file, text, this.deps.modified(file) ?? this.deps.now());
    this.deps.log(`Explore usage: ${data.rows.length} rows read from ${file}`);
    return data;
  }

  private async fetchFromLooker(): Promise<UsageData> {
    const resolved = this.resolve();
    const credentials =
      this.credentials ?? (this.deps.keyFromEnvironment ? resolved.credentials : undefined);
    if (credentials === undefined) throw new UsageFault("signed-out", this.signInHint());
    this.usedCredentials = credentials;

    const models = [...new Set(this.explores.map((e) => e.model))].sort();
    const { rowLimit, sources } = this.usage;
    const fetcher = this.fetcherFor(resolved.config, credentials);
    this.deps.log(
      `Explore usage: querying System Activity at ${resolved.config.baseUrl} ` +
        `for ${models.length} models`,
    );
    const data = await fetcher.fetchUsage({
      query: usageQuery({ models, sources, rowLimit }),
      models,
      rowLimit,
    });
    await this.saveCache(data);
    return data;
  }

  private signInHint(): string {
    if (this.deps.keyFromEnvironment) {
      return (
        "No Looker API key: set LOOKERSDK_CLIENT_ID and LOOKERSDK_CLIENT_SECRET, " +
        "or client_id and client_secret in looker.ini."
      );
    }
    return 'Not signed in to Looker: run "Sign in to Looker", or set a usage snapshot file.';
  }

  private resolve(): ReturnType<typeof resolveConnection> {
    return resolveConnection(this.looker, {
      env: this.deps.env,
      projectDir: this.projectDir,
      readText: this.deps.readText,
      commandLine: this.deps.keyFromEnvironment,
    });
  }

  private fetcherFor(config: ConnectionConfig, credentials: Credentials): UsageFetcher {
    const secretHash = createHash("sha256")
      .update(`${credentials.clientId}\n${credentials.clientSecret}`)
      .digest("hex");
    const key = JSON.stringify([config, secretHash]);
    if (this.fetcher?.key === key) return this.fetcher.fetcher;

    void this.dropFetcher();
    const create =
      this.deps.createFetcher ??
      ((c: ConnectionConfig, k: Credentials) =>
        new LookerUsageClient(c, k, {
          sleep: this.deps.sleep,
          log: this.deps.log,
          now: this.deps.now,
        }));
    const fetcher = create(config, credentials);
    this.fetcher = { key, fetcher };
    return fetcher;
  }

  private async dropFetcher(): Promise<void> {
    const old = this.fetcher;
    this.fetcher = undefined;
    try {
      await old?.fetcher.close();
    } catch (error: unknown) {
      // Closing only logs out early; the token expires on its own.
      this.deps.log(`Explore usage: closing the Looker connection failed: ${String(error)}`);
    }
  }

  private async saveCache(data: UsageData): Promise<void> {
    const file = this.deps.cacheFile;
    if (file === undefined) return;
    try {
      await writeCache(file, cacheKey(data.source, this.usage.sources), data);
    } catch (error: unknown) {
      // The figures are still shown; only the next start will lack them.
      this.deps.log(`Explore usage: could not write the cache ${file}: ${String(error)}`);
    }
  }

  private currentCacheKey(): string | undefined {
    try {
      return cacheKey(this.resolve().config.baseUrl, this.usage.sources);
    } catch {
      return undefined;
    }
  }

  private setData(data: UsageData): void {
    this.data = data;
    this.health = undefined;
  }

  private secrets(): string[] {
    const keys = [this.credentials, this.usedCredentials];
    return keys.flatMap((c) => (c === undefined ? [] : [c.clientId, c.clientSecret]));
  }
}
