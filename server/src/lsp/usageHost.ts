/**
 * Explore usage in the language server: feeds the index's explores to the usage service,
 * refreshes on its schedule, and answers code lenses, hovers and diagnostics. One service
 * covers the workspace; `looker.ini` and relative snapshot paths are found from the first
 * LookML project.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { CodeLens, Connection, Diagnostic, Position } from "vscode-languageserver/node";
import { readLookerSettings, readUsageSettings } from "../looker/settings";
import { bindUsageMessages, sendUsageStatus } from "../looker/messages";
import { UsageService } from "../looker/service";
import type { LookmlExplore } from "../looker/types";
import type { WorkspaceIndex } from "../workspace/workspaceIndex";
import { usageRefreshRequest, usageReportRequest } from "../../../common/src/usage";
import { asRecord } from "./settings";

const REFRESH_CHECK_MS = 15 * 60_000;

export class UsageHost {
  readonly service: UsageService;
  private timer: NodeJS.Timeout | undefined;
  private exploresKey = "";

  constructor(
    private readonly connection: Connection,
    cacheFile: string | undefined,
    private readonly trusted: boolean,
    changed: () => void,
  ) {
    this.service = new UsageService({
      log: (line) => {
        connection.console.info(line);
      },
      now: () => new Date(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      env: process.env,
      readText: (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined),
      modified: (file) => (fs.existsSync(file) ? fs.statSync(file).mtime : undefined),
      keyFromEnvironment: false,
      ...(cacheFile === undefined ? {} : { cacheFile }),
    });
    if (trusted) {
      bindUsageMessages(connection, this.service, () => {
        changed();
      });
      return;
    }
    // In restricted mode Looker is never called: a refresh only re-reads the snapshot or cache.
    connection.onRequest(usageRefreshRequest, () => this.service.status());
    connection.onRequest(usageReportRequest, () => ({ html: this.service.report() ?? null }));
  }

  /** Applies settings and starts: cached figures or the snapshot first, then the schedule. */
  async start(index: WorkspaceIndex, raw: Record<string, unknown>): Promise<void> {
    this.configure(index, raw);
    this.sync(index);
    sendUsageStatus(this.connection, await this.service.start());
    // In restricted mode nothing reaches Looker; snapshots and cached figures still show.
    if (!this.trusted) return;
    this.timer = setInterval(() => {
      if (this.service.isDue()) void this.service.refresh();
    }, REFRESH_CHECK_MS);
  }

  configure(index: WorkspaceIndex, raw: Record<string, unknown>): void {
    const root = index.allProjects()[0]?.root ?? process.cwd();
    this.service.configure(
      readUsageSettings(asRecord(raw["usage"])),
      readLookerSettings(asRecord(raw["looker"])),
      root,
    );
  }

  /** Takes the explores of the index; cheap when they did not change. */
  sync(index: WorkspaceIndex): void {
    const explores = exploresOf(index);
    const key = explores
      .map((e) => `${e.model}/${e.name}@${e.uri}:${e.range.start.line}`)
      .join("\n");
    if (key === this.exploresKey) return;
    this.exploresKey = key;
    this.service.setExplores(explores);
  }

  lenses(file: string): CodeLens[] {
    return this.service.lenses(file).map((lens) => ({
      range: lens.range,
      command: { title: lens.title, command: "analyticsOps.usage.showReport" },
    }));
  }

  hover(file: string, position: Position): string | undefined {
    return this.service.hover(file, position);
  }

  diagnostics(file: string): Diagnostic[] {
    return (this.service.diagnostics().get(file) ?? []).map((d) => ({
      range: d.range,
      severity: d.severity,
      message: d.message,
      source: d.source,
      code: d.code,
    }));
  }

  async dispose(): Promise<void> {
    clearInterval(this.timer);
    await this.service.dispose();
  }
}

/** Every explore the models define, once each, where its `explore:` block is written. */
function exploresOf(index: WorkspaceIndex): LookmlExplore[] {
  const explores: LookmlExplore[] = [];
  const seen = new Set<string>();
  for (const project of index.allProjects()) {
    for (const context of project.contexts) {
      if (context.model === undefined) continue;
      const model = path.basename(context.model).replace(/\.model\.lkml$/, "");
      for (const file of context.files) {
        for (const explore of index.file(file)?.decls.explores ?? []) {
          const key = `${model}/${explore.name}`;
          if (explore.refinement || seen.has(key)) continue;
          seen.add(key);
          const range = { start: explore.node.range.start, end: explore.nameRange.end };
          explores.push({ model, name: explore.name, uri: file, range });
        }
      }
    }
  }
  return explores;
}
