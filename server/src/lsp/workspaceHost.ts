/**
 * Keeps the workspace index in step with the editor: open documents overlay the disk, each
 * change re-checks only the files it affects, and a rewritten dbt manifest is read once it is
 * complete. Publishes diagnostics and the server state.
 */
import * as path from "node:path";
import type { Connection, Diagnostic } from "vscode-languageserver/node";
import type { ServerState } from "../../../common/src/protocol";
import type { SeverityOverrides } from "../diagnostics/codes";
import { DiagnosticsCache } from "../diagnostics/engine";
import { catalogProblems } from "../workspace/viewDrift";
import { nodeFileSystem, OverlayFileSystem, type FileSystem } from "../workspace/fileSystem";
import { isSkippedFolder, lookmlFileKind, pathToUri } from "../workspace/paths";
import type { IndexChange } from "../workspace/workspaceIndex";
import { WorkspaceIndex } from "../workspace/workspaceIndex";

/** Diagnostics that other services add to a file's own (usage, uptime). */
export type ExtraDiagnostics = (file: string) => Diagnostic[];

export interface HostOptions {
  roots: string[];
  dbtProjects: string[];
  targetPath: string | undefined;
  severities: SeverityOverrides;
  /** The generator's setting, so "out of date" compares against what it would write. */
  documentedOnly: boolean;
}

const TYPING_PAUSE_MS = 120;

/** Every LookML file under a folder, for a folder created at once (a move, a checkout). */
function lookmlFilesUnder(fs: FileSystem, dir: string): string[] {
  return fs.readDirectory(dir).flatMap((entry) => {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory) return isSkippedFolder(entry.name) ? [] : lookmlFilesUnder(fs, child);
    return lookmlFileKind(child) === undefined ? [] : [child];
  });
}

export class WorkspaceHost {
  readonly overlay = new OverlayFileSystem(nodeFileSystem);
  index: WorkspaceIndex;
  private cache: DiagnosticsCache;
  private readonly extras: ExtraDiagnostics[] = [];
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private readonly pending = new Set<string>();
  private readonly changeListeners: (() => void)[] = [];
  private typingTimer: NodeJS.Timeout | undefined;
  private published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private options: HostOptions,
    private readonly setState: (state: ServerState) => void,
  ) {
    this.index = this.createIndex();
    this.cache = new DiagnosticsCache(this.index, options.severities);
  }

  private createIndex(): WorkspaceIndex {
    const targetPath = this.options.targetPath;
    return new WorkspaceIndex({
      fs: this.overlay,
      roots: this.options.roots,
      dbtProjects: this.options.dbtProjects,
      target: { env: process.env, targetPath: () => targetPath },
      generate: { documentedOnly: this.options.documentedOnly },
    });
  }

  /** Calls `listener` after every change the index takes. */
  onIndexChanged(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** Adds a source of diagnostics merged into every publish. */
  addDiagnostics(source: ExtraDiagnostics): void {
    this.extras.push(source);
  }

  /** Reads the whole workspace and publishes every file's diagnostics. */
  load(): void {
    const started = Date.now();
    this.setState({ kind: "indexing", detail: `${this.options.roots.length} folder(s)` });
    this.index.load();
    this.cache.clear();
    this.publishAll();
    this.setState(this.readyState(Date.now() - started));
  }

  /** Applies new settings; a change of dbt paths rebuilds the index. */
  reconfigure(options: HostOptions): void {
    const rebuild =
      options.targetPath !== this.options.targetPath ||
      options.documentedOnly !== this.options.documentedOnly ||
      options.dbtProjects.join("\n") !== this.options.dbtProjects.join("\n");
    this.options = options;
    if (rebuild) {
      this.index = this.createIndex();
      this.cache = new DiagnosticsCache(this.index, options.severities);
      this.load();
      return;
    }
    this.cache.setSeverities(options.severities);
    this.publishAll();
  }

  /** An open document's text changed (or it was opened). */
  documentChanged(file: string, text: string): void {
    this.overlay.setOpen(file, text);
    // Keystrokes come faster than a large file is checked: the index takes the text once
    // typing pauses, or at once when a request needs it (see `flush`).
    this.pending.add(file);
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => {
      this.flush();
    }, TYPING_PAUSE_MS);
  }

  /** Brings the index up to date with every document change not yet taken. */
  flush(): void {
    clearTimeout(this.typingTimer);
    const files = [...this.pending];
    this.pending.clear();
    for (const file of files) this.apply(this.index.update(file));
  }

  /** A document was closed: the disk's version counts again. */
  documentClosed(file: string): void {
    this.pending.delete(file);
    this.overlay.close(file);
    this.apply(this.index.update(file));
  }

  /**
   * A path changed on disk: a LookML file created, changed or deleted, or a whole folder
   * created or deleted (editors report a moved folder as one deletion and one creation).
   */
  pathChanged(changed: string): void {
    const files = this.lookmlFilesAt(changed).filter((f) => !this.overlay.isOpen(f));
    for (const file of files) this.apply(this.index.update(file));
  }

  // The indexed files under a changed folder and the LookML files in it now; else the path.
  private lookmlFilesAt(changed: string): string[] {
    const known = this.index.filePaths().filter((f) => f.startsWith(changed + path.sep));
    const present = lookmlFilesUnder(this.overlay, changed);
    if (known.length === 0 && present.length === 0) return [changed];
    return [...new Set([...known, ...present])];
  }

  /** `manifest.json` or `catalog.json` changed: read it once dbt has finished writing it. */
  artifactChanged(file: string): void {
    clearTimeout(this.retries.get(file));
    this.retries.delete(file);
    const update = this.index.onArtifactChanged(file);
    if (update.retryAfterMs !== undefined) {
      this.setState({ kind: "stale", reason: `${file} is being written; waiting for dbt` });
      const timer = setTimeout(() => {
        this.artifactChanged(file);
      }, update.retryAfterMs);
      this.retries.set(file, timer);
      return;
    }
    this.apply(update);
    this.setState(this.readyState(0));
  }

  /** Re-publishes every file's diagnostics (after usage or uptime figures changed). */
  publishAll(): void {
    const files = new Set([...this.index.filePaths(), ...this.published]);
    for (const file of files) this.publish(file);
  }

  dispose(): void {
    clearTimeout(this.typingTimer);
    for (const timer of this.retries.values()) clearTimeout(timer);
  }

  private apply(change: IndexChange): void {
    this.cache.invalidate(change.affected);
    for (const listener of this.changeListeners) listener();
    for (const file of change.affected) this.publish(file);
  }

  private publish(file: string): void {
    const known = this.index.file(file) !== undefined;
    const diagnostics = known
      ? [...this.cache.get(file), ...this.extras.flatMap((extra) => extra(file))]
      : [];
    if (diagnostics.length === 0 && !this.published.has(file)) return;

    if (diagnostics.length === 0) this.published.delete(file);
    else this.published.add(file);
    void this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics });
  }

  private readyState(tookMs: number): ServerState {
    const projects = this.index.dbtProjects();
    const problems = projects.filter(
      (p) => p.status.kind === "error" || p.status.kind === "waiting",
    );
    if (problems.length > 0) {
      const files = problems.map((p) => p.status.manifest).join(", ");
      return { kind: "stale", reason: `cannot read ${files}; the last good index is kept` };
    }
    const catalogs = [...catalogProblems(this.index)].map(([file, why]) => `${file} ${why}`);
    if (catalogs.length > 0) {
      return { kind: "stale", reason: `${catalogs.join("; ")}: column types are not compared` };
    }
    const models = projects.reduce(
      (sum, p) => sum + (p.status.kind === "loaded" ? p.status.models : 0),
      0,
    );
    return { kind: "ready", lookmlFiles: this.index.filePaths().length, dbtModels: models, tookMs };
  }
}
