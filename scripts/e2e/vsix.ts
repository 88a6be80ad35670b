/**
 * The packaged route: builds the .vsix with `npm run package`, installs it into a fresh
 * code-server extensions folder with --install-extension, and checks inside the extension host
 * that the installed copy (not the repository's) activates on the sample workspace.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { testsModules } from "../../client/test/e2e/build";
import { runInCodeServer } from "../../client/test/e2e/runCodeServer";
import { copyWorkspace, removeWorkspace } from "../../client/test/e2e/workspace";
import { repoRoot, type Tools } from "./cache";
import { installVsix } from "./codeServer";

/** The file `npm run package` writes. */
export const vsixPath = path.join(repoRoot, "analytics-ops.vsix");

/** Runs `npm run package` and returns the .vsix size in bytes. */
export function buildVsix(): number {
  fs.rmSync(vsixPath, { force: true });
  const result = spawnSync("npm", ["run", "--silent", "package"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (result.status !== 0 || !fs.existsSync(vsixPath)) {
    throw new Error(`npm run package failed:\n${result.stdout}\n${result.stderr}`);
  }
  return fs.statSync(vsixPath).size;
}

/** Installs the .vsix into a fresh extensions folder and checks it activates; the exit code. */
export async function checkInstalledVsix(tools: Tools): Promise<number> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "analytics-ops-vsix-"));
  const extensionsDir = path.join(scratch, "extensions");
  const workspace = copyWorkspace();
  try {
    installVsix(tools, scratch, vsixPath, extensionsDir);
    return await runInCodeServer({
      tools,
      workspace,
      testsModule: testsModules.installed,
      // The tests module has to come with an extension under development: an empty one.
      extensionDevelopmentPath: emptyExtension(scratch),
      extensionsDir,
      env: { ANALYTICS_OPS_E2E_EXTENSIONS_DIR: extensionsDir },
      timeoutMs: 120_000,
    });
  } finally {
    removeWorkspace(workspace);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Writes a do-nothing extension whose only role is to carry the tests module. */
function emptyExtension(scratch: string): string {
  const dir = path.join(scratch, "probe-extension");
  fs.mkdirSync(dir, { recursive: true });
  const manifest = {
    name: "analytics-ops-vsix-probe",
    publisher: "analytics-ops-tests",
    version: "0.0.0",
    engines: { vscode: "^1.82.0" },
  };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  return dir;
}
