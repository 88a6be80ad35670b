/**
 * Screenshots for the README, taken in code-server through headless Chromium on a copy of the
 * sample workspace: the hover of an explore, and the Problems panel.
 * `npm run screenshots` writes them to docs/images/; the end-to-end run writes them to out/e2e/.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Locator, Page } from "playwright-core";
import { buildAll } from "../../client/test/e2e/runCodeServer";
import { copyWorkspace, removeWorkspace } from "../../client/test/e2e/workspace";
import { launchBrowser, newPage, waitForWorkbench, workbenchUrl } from "./browser";
import { ensureInstalled, repoRoot, type Tools } from "./cache";
import { startCodeServer } from "./codeServer";

/** The files written, in `outDir`. */
export const screenshotNames = { hover: "hover.png", problems: "problems.png" };

/** Takes both screenshots into `outDir`; throws naming the step that did not show up. */
export async function takeScreenshots(tools: Tools, outDir: string): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "analytics-ops-shots-"));
  const workspace = copyWorkspace();
  const server = await startCodeServer({ tools, scratch, smokeTestDriver: true });
  const browser = await launchBrowser(tools);
  try {
    const page = await newPage(browser);
    await page.goto(
      workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot }),
    );
    await waitForWorkbench(page);
    fs.mkdirSync(outDir, { recursive: true });

    await shootHover(page, workspace, path.join(outDir, screenshotNames.hover));
    await shootProblems(page, path.join(outDir, screenshotNames.problems));
  } finally {
    await browser.close();
    await server.stop();
    removeWorkspace(workspace);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The first model file declaring an explore, and that explore's name. */
function findExplore(workspace: string): { file: string; explore: string } {
  for (const file of lkmlFiles(workspace)) {
    const explore = /^\s*explore:\s*(\w+)\s*\{/m.exec(fs.readFileSync(file, "utf8"))?.[1];
    if (explore !== undefined) return { file: path.relative(workspace, file), explore };
  }
  throw new Error(`no explore in ${workspace}`);
}

function lkmlFiles(dir: string): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".lkml"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function shootHover(page: Page, workspace: string, file: string): Promise<void> {
  const { file: modelFile, explore } = findExplore(workspace);
  await openFromExplorer(page, modelFile);
  const name = page
    .locator(".monaco-editor .view-lines span span", { hasText: new RegExp(`^${explore}$`) })
    .first();
  await name.waitFor({ state: "visible", timeout: 30_000 });

  const hover = await hoverUntil(page, name, /quer(y|ies)/i);
  await hover.waitFor({ state: "visible" });
  await page.screenshot({ path: file });
  console.log(`screenshot: ${path.relative(repoRoot, file)} (hover of explore ${explore})`);
  await page.keyboard.press("Escape");
}

/** Hovers `target` until a hover holding `text` shows; the language server may still start. */
async function hoverUntil(page: Page, target: Locator, text: RegExp): Promise<Locator> {
  const hover = page.locator(".monaco-hover", { hasText: text });
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.mouse.move(0, 0);
    await target.hover();
    try {
      await hover.waitFor({ state: "visible", timeout: 3000 });
      return hover;
    } catch (error: unknown) {
      if (Date.now() > deadline)
        throw new Error(`no hover matching ${String(text)}: ${String(error)}`);
    }
  }
}

async function shootProblems(page: Page, file: string): Promise<void> {
  await page.keyboard.press("Control+Shift+M");
  const row = page.locator(".markers-panel .monaco-list-row").first();
  await row.waitFor({ state: "visible", timeout: 60_000 });
  await page.screenshot({ path: file });
  console.log(`screenshot: ${path.relative(repoRoot, file)} (Problems panel)`);
}

/** Opens a file by clicking through the explorer tree (quick open is flaky on a fresh profile). */
async function openFromExplorer(page: Page, relative: string): Promise<void> {
  const segments = relative.split(path.sep);
  for (const [index, segment] of segments.entries()) {
    const row = page.locator(
      `.explorer-folders-view .monaco-list-row[aria-level="${index + 1}"][aria-label="${segment}"]`,
    );
    await row.click({ timeout: 30_000 });
  }
  const tab = page.locator(".tabs-container .tab", { hasText: segments.at(-1) ?? relative });
  await tab.waitFor({ state: "visible" });
}

async function main(): Promise<void> {
  const tools = ensureInstalled();
  await buildAll();
  await takeScreenshots(tools, path.join(repoRoot, "docs/images"));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
