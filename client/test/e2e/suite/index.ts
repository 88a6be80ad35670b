/**
 * The end-to-end suite's entry point inside the extension host: the @vscode/test-electron
 * contract, a module exporting `run()`. Both runners (test-electron and code-server) load it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as util from "node:util";
import Mocha from "mocha";
import { linePrefix } from "../marker";

/** Runs first, in this order; any other test file runs after them, by name. */
const order = ["activation", "diagnostics", "hover", "refinement", "generate", "bug"];

/** Runs every *.test.js beside this module; rejects when a test fails. */
export async function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = report;
  const mocha = new Mocha({ ui: "bdd", color: false, timeout: 60_000, reporter: "spec" });
  const grep = process.env["ANALYTICS_OPS_E2E_GREP"];
  if (grep !== undefined && grep !== "") mocha.grep(grep);
  for (const file of testFiles(__dirname)) mocha.addFile(file);

  const stats = await runMocha(mocha);

  // The plain closing line that CI logs are read for.
  report(`end-to-end: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
  if (stats.failures > 0) throw new Error(`${stats.failures} end-to-end test(s) failed`);
}

function report(...args: unknown[]): void {
  const prefix = linePrefix();
  for (const line of util.format(...args).split("\n")) console.log(prefix + line);
}

function testFiles(dir: string): string[] {
  const rank = (name: string) => {
    const index = order.indexOf(name.replace(/\.test\.js$/, ""));
    return index === -1 ? order.length : index;
  };
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".test.js"))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((name) => path.join(dir, name));
}

interface Counts {
  readonly passes: number;
  readonly failures: number;
  readonly pending: number;
}

function runMocha(mocha: Mocha): Promise<Counts> {
  return new Promise((resolve) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      resolve({ passes: stats?.passes ?? 0, failures, pending: stats?.pending ?? 0 });
    });
  });
}
