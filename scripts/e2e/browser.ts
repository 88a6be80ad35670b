/**
 * Drives code-server's workbench in headless Chromium through playwright-core (which brings no
 * browser of its own: it uses the system's chromium).
 */
import * as path from "node:path";
import * as util from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Tools } from "./cache";
import type { CodeServer } from "./codeServer";

/** What to open: a folder, and optionally an extension under development and its tests. */
export interface Payload {
  readonly folder: string;
  readonly extensionDevelopmentPath?: string;
  readonly extensionTestsPath?: string;
}

/** Launches headless Chromium; each launch has a fresh temporary profile. */
export async function launchBrowser(tools: Tools): Promise<Browser> {
  return chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** The workbench URL for a payload (the payload only counts with the smoke-test driver on). */
export function workbenchUrl(server: CodeServer, payload: Payload): string {
  const remote = (p: string) => `vscode-remote://${server.authority}${path.resolve(p)}`;
  const entries: [string, string][] = [["skipWelcome", "true"]];
  if (payload.extensionDevelopmentPath !== undefined) {
    entries.push(["extensionDevelopmentPath", remote(payload.extensionDevelopmentPath)]);
  }
  if (payload.extensionTestsPath !== undefined) {
    entries.push(["extensionTestsPath", remote(payload.extensionTestsPath)]);
  }

  const query = new URLSearchParams({ folder: path.resolve(payload.folder) });
  query.set("payload", JSON.stringify(entries));
  return `${server.url}/?${query.toString()}`;
}

/** Opens a page in a new browser context. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  return context.newPage();
}

/**
 * Opens the workbench with an extension-tests payload and resolves with the exit code the tests
 * report through the smoke-test driver; their console output goes to `log`.
 */
export async function runTestsInPage(
  page: Page,
  url: string,
  log: (line: string) => void,
  timeoutMs: number,
): Promise<number> {
  let report: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (report = resolve));

  await page.exposeFunction("codeAutomationLog", (type: unknown, args: unknown) => {
    log(formatLog(type, args));
  });
  await page.exposeFunction("codeAutomationExit", (code: unknown) => {
    report(typeof code === "number" ? code : 1);
  });
  await page.goto(url);

  const timedOut = new Promise<number>((resolve) => {
    setTimeout(() => {
      log(`end-to-end: no exit code from the extension host within ${timeoutMs / 1000} s`);
      resolve(124);
    }, timeoutMs).unref();
  });
  return Promise.race([exited, timedOut]);
}

/** One console message of the workbench, printf-style arguments applied. */
function formatLog(type: unknown, args: unknown): string {
  const parts: unknown[] = Array.isArray(args) ? args : [args];
  const text = util.format(...parts);
  return type === "log" || type === "info" ? text : `[${String(type)}] ${text}`;
}

/** Waits for the workbench to be on screen. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 60_000 });
}
