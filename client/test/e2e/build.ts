/**
 * Bundles the end-to-end tests into out/e2e/ as CommonJS, the form the extension host loads.
 * `vscode` is provided by the host; mocha is loaded from node_modules at run time.
 */
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "../../..");

/** Where the bundled suites are written. */
export const outDir = path.join(repoRoot, "out/e2e");

/** The tests modules (each exports `run()`) of the two suites, once built. */
export const testsModules = {
  /** The feature suite, run on a copy of the sample workspace. */
  suite: path.join(outDir, "suite/index.js"),
  /** The check that an installed .vsix activates. */
  installed: path.join(outDir, "installed/index.js"),
};

/** Bundles every suite entry point: each folder's index.ts and its *.test.ts files. */
export async function buildSuites(): Promise<void> {
  const entryPoints = ["suite", "installed"].flatMap((folder) => entriesOf(folder));
  await esbuild.build({
    entryPoints,
    outbase: __dirname,
    outdir: outDir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: "inline",
    external: ["vscode", "mocha"],
    logLevel: "warning",
  });
}

function entriesOf(folder: string): string[] {
  const dir = path.join(__dirname, folder);
  return fs
    .readdirSync(dir)
    .filter((name) => name === "index.ts" || name.endsWith(".test.ts"))
    .map((name) => path.join(dir, name));
}
