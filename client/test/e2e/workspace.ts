/**
 * Copies the sample workspace to a temporary folder, so the tests can edit, generate and file
 * bugs without changing anything in the repository.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "../../..");

/** The sample workspace the end-to-end tests run on (ANALYTICS_OPS_E2E_SAMPLE overrides it). */
export const sampleWorkspace =
  process.env["ANALYTICS_OPS_E2E_SAMPLE"] ?? path.join(repoRoot, "test-fixtures/sample");

/** Copies `source` into a new temporary folder and returns the copy's path. */
export function copyWorkspace(source: string = sampleWorkspace): string {
  if (!fs.existsSync(source)) {
    throw new Error(`The sample workspace ${source} does not exist.`);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "analytics-ops-e2e-ws-"));
  const copy = path.join(root, path.basename(source));
  fs.cpSync(source, copy, { recursive: true });
  return copy;
}

/** Removes a copy made by copyWorkspace (its temporary parent folder included). */
export function removeWorkspace(copy: string): void {
  fs.rmSync(path.dirname(copy), { recursive: true, force: true });
}
