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
    await shootProblems(page, workspace, path.join(outDir, screenshotNames.problems));
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
  await page.mouse.move(0, 0);
  await page.keyboard.press("Escape");
  await hover.waitFor({ state: "hidden" });
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

/** The first hand-written file holding a refinement, and the 1-based line of its header. */
function findRefinement(workspace: string): { file: string; line: number } {
  for (const file of lkmlFiles(workspace)) {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const index = lines.findIndex((l) => /^\s*view:\s*\+\w+\s*\{/.test(l));
    if (index !== -1) return { file: path.relative(workspace, file), line: index + 1 };
  }
  throw new Error(`no refinement in ${workspace}`);
}

/**
 * The Problems panel once a refinement of a column the dbt model does not have is typed into
 * the sample's refinement file (unsaved), as a developer would see it.
 */
async function shootProblems(page: Page, workspace: string, file: string): Promise<void> {
  const refinement = findRefinement(workspace);
  await openFromExplorer(page, refinement.file);
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+G");
  await page.keyboard.type(String(refinement.line));
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  // The editor closes the brace and indents the block itself.
  await page.keyboard.type("dimension: discount_code {");
  await page.keyboard.press("Enter");
  await page.keyboard.type('label: "Discount code"');

  // Without the side bar the panel is wide enough for whole messages.
  await page.keyboard.press("Control+B");
  await page.keyboard.press("Control+Shift+M");
  const rows = page.locator(".markers-panel .monaco-list-row");
  await rows.filter({ hasText: "discount_code" }).first().waitFor({ timeout: 60_000 });
  // While typing, the half-written string was a syntax error: wait until that is gone.
  await rows.filter({ hasText: "syntax" }).first().waitFor({ state: "detached" });
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
    await row.waitFor({ state: "visible", timeout: 30_000 });
    // A click on an open folder would close it.
    if ((await row.getAttribute("aria-expanded")) !== "true") await row.click();
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
