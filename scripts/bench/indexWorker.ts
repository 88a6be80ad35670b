/**
 * The child process of the index benchmark: indexes a folder, computes every file's
 * diagnostics, and for the synthetic project applies edits one by one, each timed from the
 * change to the refreshed diagnostics of every file it affects. Prints one JSON line.
 */
import path from "node:path";

import { DiagnosticsCache } from "../../server/src/diagnostics/engine";
import { nodeFileSystem, OverlayFileSystem } from "../../server/src/workspace/fileSystem";
import { WorkspaceIndex } from "../../server/src/workspace/workspaceIndex";

const edits = 200;

/** What the child reports. */
export interface Measure {
  files: number;
  indexMs: number;
  checkMs: number;
  findings: number;
  maxRssMb: number;
  /** Per-edit times, for the synthetic project. */
  editMs: number[];
  /** Files re-checked per edit. */
  affected: number[];
}

/** One measured run, printed as JSON on the last line. */
function worker(mode: string, dir: string): void {
  const overlay = new OverlayFileSystem(nodeFileSystem);
  const index = new WorkspaceIndex({ fs: overlay, roots: [dir], target: { env: {} } });
  const cache = new DiagnosticsCache(index);

  let started = performance.now();
  index.load();
  const indexMs = performance.now() - started;

  started = performance.now();
  let findings = 0;
  for (const file of index.filePaths()) findings += cache.get(file).length;
  const checkMs = performance.now() - started;

  const editMs: number[] = [];
  const affected: number[] = [];
  if (mode === "edits") runEdits(index, cache, overlay, editMs, affected);

  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const result: Measure = {
    files: index.filePaths().length,
    indexMs: Math.round(indexMs),
    checkMs: Math.round(checkMs),
    findings,
    maxRssMb,
    editMs,
    affected,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

// Edits as a user types them: in refinements and in generated views, each an unsaved change
// laid over the disk, each followed by the diagnostics of every file it affects.
function runEdits(
  index: WorkspaceIndex,
  cache: DiagnosticsCache,
  overlay: OverlayFileSystem,
  editMs: number[],
  affected: number[],
): void {
  const generated = index.filePaths().filter((f) => f.includes(`${path.sep}generated${path.sep}`));
  const refinements = index.filePaths().filter((f) => f.endsWith(".refinement.lkml"));
  for (let i = 0; i < edits; i += 1) {
    const pool = i % 2 === 0 ? refinements : generated;
    const file = pool[(i * 7919) % pool.length] ?? "";
    const text = index.file(file)?.text ?? "";
    // Refinements get a new label; generated views an edit by hand that renames a column.
    const edited =
      i % 2 === 0
        ? text.replace(/label: "[^"]*"/, `label: "Edit ${String(i)}"`)
        : text.replace(/dimension: (status|state_\d+) \{/, `dimension: state_${String(i)} {`);

    const started = performance.now();
    overlay.setOpen(file, edited);
    const change = index.update(file);
    cache.invalidate(change.affected);
    for (const f of change.affected) cache.get(f);
    editMs.push(performance.now() - started);
    affected.push(change.affected.length);
  }
}

if (require.main === module && process.argv[2] === "--worker") {
  worker(process.argv[3] ?? "", process.argv[4] ?? "");
}
