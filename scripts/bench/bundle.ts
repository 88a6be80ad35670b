import * as path from "node:path";

/**
 * Bundles a bench worker with esbuild, as the shipped CLI is bundled, so the child process
 * measures the code users run rather than a TypeScript loader.
 */
export async function bundleWorker(entry: string, work: string, name: string): Promise<string> {
  const esbuild = await import("esbuild");
  const outfile = path.join(work, `${name}.js`);
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["esbuild"],
    logLevel: "warning",
  });
  return outfile;
}
