/**
 * Starts code-server on 127.0.0.1 with a throw-away profile, and stops it again.
 * HOME and the XDG folders point into the scratch folder so nothing touches the real home.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import type { Tools } from "./cache";

/** A running code-server. */
export interface CodeServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** The `vscode-remote://` authority that names this server in a test payload. */
  readonly authority: string;
  /** code-server's own output (stdout and stderr). */
  readonly logFile: string;
  stop(): Promise<void>;
}

/** What a run of code-server uses. */
export interface CodeServerOptions {
  readonly tools: Tools;
  /** A fresh folder for the profile, extensions, home and logs. */
  readonly scratch: string;
  /** Loads extensions from this folder instead of a fresh empty one. */
  readonly extensionsDir?: string;
  /** Lets a test payload in the URL load a development extension and run its tests. */
  readonly smokeTestDriver: boolean;
  /** Extra environment for the server and its extension host. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Settings that make a fresh profile predictable and quiet. */
const userSettings = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.disableAIFeatures": true,
  "chat.commandCenter.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "window.restoreWindows": "none",
  "explorer.compactFolders": false,
};

/** Environment that keeps code-server's files inside the scratch folder. */
export function scratchEnv(tools: Tools, scratch: string): NodeJS.ProcessEnv {
  const home = path.join(scratch, "home");
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, ".config"),
    XDG_DATA_HOME: path.join(home, ".local/share"),
    XDG_CACHE_HOME: path.join(home, ".cache"),
    XDG_STATE_HOME: path.join(home, ".local/state"),
    PATH: `${tools.nodeBinDir}${path.delimiter}${process.env["PATH"] ?? ""}`,
  };
}

/** Profile folders inside the scratch folder, created on first use. */
export function profileDirs(scratch: string): { userData: string; extensions: string } {
  const dirs = {
    userData: path.join(scratch, "user-data"),
    extensions: path.join(scratch, "extensions"),
  };
  fs.mkdirSync(path.join(dirs.userData, "User"), { recursive: true });
  fs.mkdirSync(dirs.extensions, { recursive: true });
  fs.mkdirSync(path.join(scratch, "home"), { recursive: true });
  return dirs;
}

/** Installs a .vsix into an extensions folder with `code-server --install-extension`. */
export function installVsix(tools: Tools, scratch: string, vsix: string, into: string): void {
  const { userData } = profileDirs(scratch);
  const args = ["--user-data-dir", userData, "--extensions-dir", into];
  const result = spawnSync(tools.codeServerBin, [...args, "--install-extension", vsix], {
    env: scratchEnv(tools, scratch),
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed:\n${result.stderr}`);
  }
}

/** Starts code-server on a free loopback port and waits until /healthz answers. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const dirs = profileDirs(options.scratch);
  fs.writeFileSync(
    path.join(dirs.userData, "User/settings.json"),
    JSON.stringify(userSettings, null, 2),
  );

  const port = await freePort();
  const config = path.join(options.scratch, "code-server.yaml");
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  const logFile = path.join(options.scratch, "code-server.log");
  const child = spawnServer(options, config, dirs, logFile);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, logFile);

  return { url, authority: `127.0.0.1:${port}`, logFile, stop: () => stopProcess(child) };
}

function spawnServer(
  options: CodeServerOptions,
  config: string,
  dirs: { userData: string; extensions: string },
  logFile: string,
): ChildProcess {
  const args = [
    "--config",
    config,
    "--user-data-dir",
    dirs.userData,
    "--extensions-dir",
    options.extensionsDir ?? dirs.extensions,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--ignore-last-opened",
  ];
  if (options.smokeTestDriver) args.push("--vscode-option", "enable-smoke-test-driver");

  const out = fs.openSync(logFile, "a");
  // Its own process group, so stopping it also ends the extension host and language server.
  const child = spawn(options.tools.codeServerBin, args, {
    env: { ...scratchEnv(options.tools, options.scratch), ...options.env },
    stdio: ["ignore", out, out],
    detached: true,
  });
  fs.closeSync(out);
  return child;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });

  if (address === null || typeof address === "string") throw new Error("no free port found");
  return address.port;
}

/** Polls /healthz until it answers; fails early if the process exits. */
async function waitForHealth(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.signalCode ?? String(child.exitCode);
      throw new Error(`code-server exited (${how}); see ${logFile}`);
    }
    if (await answers(`${url}/healthz`)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer on ${url}/healthz within 60 s; see ${logFile}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Ends the server's process group and waits for the server to exit. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;

  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      resolve();
    });
  });
  signalGroup(child.pid, "SIGTERM");
  const timer = setTimeout(() => {
    if (child.pid !== undefined) signalGroup(child.pid, "SIGKILL");
  }, 5000);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
