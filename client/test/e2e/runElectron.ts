/**
 * Runner for machines that can download VS Code: @vscode/test-electron fetches a build (cached
 * in .vscode-test/) and runs the same feature suite in its extension host, on a copy of the
 * sample workspace. Set VSCODE_VERSION to pin a version (e.g. the oldest supported, 1.82.0).
 */
import { runTests } from "@vscode/test-electron";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { testsModules } from "./build";
import { buildAll } from "./runCodeServer";
import { copyWorkspace, removeWorkspace } from "./workspace";

const repoRoot = path.resolve(__dirname, "../../..");

async function main(): Promise<void> {
  await buildAll();
  const workspace = copyWorkspace();
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), "analytics-ops-electron-"));
  try {
    await runTests({
      ...(process.env["VSCODE_VERSION"] ? { version: process.env["VSCODE_VERSION"] } : {}),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsModules.suite,
      launchArgs: [
        workspace,
        "--disable-extensions",
        "--disable-workspace-trust",
        "--skip-welcome",
        "--skip-release-notes",
        `--user-data-dir=${userData}`,
      ],
    });
  } finally {
    removeWorkspace(workspace);
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
