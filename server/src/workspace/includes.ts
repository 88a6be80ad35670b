/**
 * Include resolution as Looker does it: `include: "pattern"` is relative to the including
 * file, or to the project root when it starts with `/`, or to an imported project's root when
 * it starts with `//project/`. `*` matches within a folder, `**` across folders, and the
 * `.lkml` suffix may be left out (`"/views/orders.view"`).
 */
import * as path from "node:path";
import picomatch from "picomatch";

/** Every LookML file the index knows, kept sorted so a folder's files form one run. */
export class FileCatalog {
  private sorted: string[] = [];
  private readonly all = new Set<string>();
  private dirty = false;

  /** Adds a file; adding one already held does nothing. */
  add(filePath: string): void {
    if (this.all.has(filePath)) return;
    this.all.add(filePath);
    this.dirty = true;
  }

  /** Removes a file. */
  remove(filePath: string): void {
    if (this.all.delete(filePath)) this.dirty = true;
  }

  has(filePath: string): boolean {
    return this.all.has(filePath);
  }

  /** Every file, sorted. */
  files(): readonly string[] {
    if (this.dirty) {
      this.sorted = [...this.all].sort();
      this.dirty = false;
    }
    return this.sorted;
  }

  /** The files inside `dir` (at any depth), sorted. */
  filesUnder(dir: string): readonly string[] {
    const files = this.files();
    const prefix = dir.endsWith("/") ? dir : `${dir}/`;
    const start = lowerBound(files, prefix);
    let end = start;
    while (end < files.length && (files[end] ?? "").startsWith(prefix)) end++;
    return files.slice(start, end);
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? "") < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where an include pattern points, before matching files. */
export type IncludeBase =
  { kind: "path"; absolute: string } | { kind: "missing-project"; project: string };

/** What an include needs to know about its surroundings. */
export interface IncludeSite {
  /** The including file. */
  file: string;
  /** Root folder of the project the file belongs to. */
  projectRoot: string;
  /** Root folder of an imported project, by the name used after `//`. */
  importedRoot: (project: string) => string | undefined;
}

/** Turns an include pattern into an absolute glob, or says which imported project is missing. */
export function includeBase(pattern: string, site: IncludeSite): IncludeBase {
  const posix = pattern.trim().replace(/\\/g, "/");
  if (posix.startsWith("//")) {
    const rest = posix.slice(2);
    const slash = rest.indexOf("/");
    const project = slash === -1 ? rest : rest.slice(0, slash);
    const root = site.importedRoot(project);
    if (root === undefined) return { kind: "missing-project", project };
    return { kind: "path", absolute: joinGlob(root, slash === -1 ? "" : rest.slice(slash + 1)) };
  }
  if (posix.startsWith("/")) return { kind: "path", absolute: joinGlob(site.projectRoot, posix) };
  return { kind: "path", absolute: joinGlob(path.dirname(site.file), posix) };
}

function joinGlob(dir: string, rest: string): string {
  return path.posix.normalize(`${dir.split(path.sep).join("/")}/${rest}`);
}

/** The files an absolute include glob matches, sorted; the including file itself is left out. */
export function matchInclude(absolute: string, catalog: FileCatalog, self: string): string[] {
  return matchAll(absolute, catalog).filter((f) => f !== self);
}

/** Every file an absolute include glob matches, the including file included, sorted. */
export function matchAll(absolute: string, catalog: FileCatalog): string[] {
  const candidates = hasLookmlSuffix(absolute)
    ? [absolute]
    : [absolute, `${absolute}.lkml`, `${absolute}.lookml`];

  const scan = picomatch.scan(absolute);
  if (!scan.isGlob) return candidates.filter((c) => catalog.has(c));

  const matchers = candidates.map((c) => compiledMatcher(c));
  const base = scan.base === "" ? "/" : scan.base;
  return catalog.filesUnder(base).filter((f) => matchers.some((m) => m(f)));
}

function hasLookmlSuffix(pattern: string): boolean {
  return /\.(lkml|lookml)$/i.test(pattern);
}

// Models include the same few globs over and over; compiling each once keeps a full
// re-index of a 5,000-file project quick.
const matcherCache = new Map<string, (file: string) => boolean>();

function compiledMatcher(glob: string): (file: string) => boolean {
  let matcher = matcherCache.get(glob);
  if (matcher === undefined) {
    matcher = picomatch(glob, { dot: false });
    if (matcherCache.size > 5000) matcherCache.clear();
    matcherCache.set(glob, matcher);
  }
  return matcher;
}
