/**
 * `npm run test:e2e`: installs what is missing (cached outside the repository), builds, then
 * runs in code-server the feature suite, the screenshots (into out/e2e/screenshots) and the
 * packaged .vsix check. Exits non-zero when any step fails.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { outDir } from "../../client/test/e2e/build";
import { buildAll, runFeatureSuite } from "../../client/test/e2e/runCodeServer";
import { ensureInstalled, repoRoot, type Tools } from "./cache";
import { takeScreenshots } from "./screenshots";
import { buildVsix, checkInstalledVsix, vsixPath } from "./vsix";

interface Step {
  readonly name: string;
  run(tools: Tools): Promise<boolean>;
}

const steps: Step[] = [
  {
    name: "feature suite in the extension host",
    run: async (tools) => (await runFeatureSuite(tools)) === 0,
  },
  {
    name: "screenshots of the hover and the Problems panel",
    run: async (tools) => {
      await takeScreenshots(tools, path.join(outDir, "screenshots"));
      return true;
    },
  },
  {
    name: "packaged .vsix installs and activates",
    run: async (tools) => {
      const size = buildVsix();
      console.log(`${path.relative(repoRoot, vsixPath)}: ${(size / 1024).toFixed(1)} KB`);
      return (await checkInstalledVsix(tools)) === 0;
    },
  },
];

async function runStep(step: Step, tools: Tools): Promise<boolean> {
  const started = Date.now();
  console.log(`\n== ${step.name}`);
  let ok = false;
  try {
    ok = await step.run(tools);
  } catch (error: unknown) {
    console.log(error instanceof Error ? error.message : String(error));
  }
  console.log(
    `== ${ok ? "ok" : "FAILED"}: ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return ok;
}

async function main(): Promise<void> {
  const tools = ensureInstalled();
  await buildAll();

  const results: boolean[] = [];
  for (const step of steps) results.push(await runStep(step, tools));

  // Packaging left a production bundle in dist/: put back the one `npm run build` makes.
  spawnSync(process.execPath, ["esbuild.js"], { cwd: repoRoot, stdio: "inherit" });
  const failed = results.filter((ok) => !ok).length;
  console.log(`\nsteps: ${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
