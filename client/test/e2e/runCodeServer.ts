/**
 * Runner for machines without internet: runs a tests module inside the extension host of
 * code-server, opened in headless Chromium, and returns the exit code the tests report.
 * Run directly, it builds the extension and runs the feature suite on a copy of the sample.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser, newPage, runTestsInPage, workbenchUrl } from "../../../scripts/e2e/browser";
import { ensureInstalled, repoRoot, type Tools } from "../../../scripts/e2e/cache";
import { startCodeServer } from "../../../scripts/e2e/codeServer";
import { buildSuites, outDir, testsModules } from "./build";
import { markerVariable, outputMarker } from "./marker";
import { copyWorkspace, removeWorkspace } from "./workspace";

/** One run of a tests module in code-server. */
export interface CodeServerRun {
  readonly tools: Tools;
  /** The folder to open (a copy: the tests may change it). */
  readonly workspace: string;
  /** The module exporting `run()`. */
  readonly testsModule: string;
  /** Loads the extension from this folder; omit to test the installed extensions only. */
  readonly extensionDevelopmentPath?: string;
  /** Use this extensions folder (e.g. with a .vsix installed) instead of an empty one. */
  readonly extensionsDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/** Runs the tests module; its output goes to stdout; resolves with its exit code. */
export async function runInCodeServer(run: CodeServerRun): Promise<number> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "analytics-ops-e2e-"));
  const server = await startCodeServer({
    tools: run.tools,
    scratch,
    smokeTestDriver: true,
    ...(run.extensionsDir === undefined ? {} : { extensionsDir: run.extensionsDir }),
    env: { ...run.env, [markerVariable]: "1" },
  });
  const browser = await launchBrowser(run.tools);

  let code = 1;
  try {
    const page = await newPage(browser);
    const url = workbenchUrl(server, {
      folder: run.workspace,
      extensionTestsPath: run.testsModule,
      ...(run.extensionDevelopmentPath === undefined
        ? {}
        : { extensionDevelopmentPath: run.extensionDevelopmentPath }),
    });
    const consoleLog = path.join(scratch, "workbench-console.log");
    const print = (line: string) => {
      if (line.startsWith(outputMarker)) console.log(line.slice(outputMarker.length));
      else fs.appendFileSync(consoleLog, `${line}\n`);
    };
    code = await runTestsInPage(page, url, print, run.timeoutMs ?? 600_000);
    if (code !== 0) await keepEvidence(page, scratch);
  } finally {
    await browser.close();
    await server.stop();
    if (code === 0) fs.rmSync(scratch, { recursive: true, force: true });
    else console.log(`code-server's log, the workbench console and the profile are in ${scratch}`);
  }
  return code;
}

async function keepEvidence(page: Page, scratch: string): Promise<void> {
  const file = path.join(scratch, "failure.png");
  await page.screenshot({ path: file }).catch(() => undefined);
  console.log(`screenshot of the workbench at the end: ${file}`);

  for (const log of extensionLogs(path.join(scratch, "user-data/logs"))) {
    const lines = fs.readFileSync(log, "utf8").trimEnd().split("\n");
    console.log(`\n-- last lines of ${log}\n${lines.slice(-15).join("\n")}`);
  }
}

/** The extension's own log files (client log and LSP trace) in a profile's logs folder. */
function extensionLogs(logsDir: string): string[] {
  if (!fs.existsSync(logsDir)) return [];
  const entries = fs.readdirSync(logsDir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && path.basename(e.parentPath) === "analytics-ops.analytics-ops")
    .map((e) => path.join(e.parentPath, e.name));
}

/** Builds the extension (dist/) and the suites (out/e2e/). */
export async function buildAll(): Promise<void> {
  const built = spawnSync(process.execPath, ["esbuild.js"], { cwd: repoRoot, stdio: "inherit" });
  if (built.status !== 0) throw new Error("npm run build failed");
  await buildSuites();
  console.log(`built dist/ and ${path.relative(repoRoot, outDir)}/`);
}

/** Builds, then runs the feature suite on a copy of the sample workspace. */
export async function runFeatureSuite(tools: Tools): Promise<number> {
  const workspace = copyWorkspace();
  try {
    return await runInCodeServer({
      tools,
      workspace,
      testsModule: testsModules.suite,
      extensionDevelopmentPath: repoRoot,
    });
  } finally {
    removeWorkspace(workspace);
  }
}

async function main(): Promise<void> {
  const tools = ensureInstalled();
  await buildAll();
  process.exitCode = await runFeatureSuite(tools);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
