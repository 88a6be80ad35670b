/**
 * `npm run bench`: the project's performance figures, each section measuring ours side by side
 * with a peer or a target in the same run. Pass section names to run only some of them.
 */
import { run as generateBench } from "./bench/generate";
import { run as indexBench } from "./bench/index";
import { run as parserBench } from "./bench/parser";
import { run as uptimeBench } from "./bench/uptime";

type Section = (log: (line: string) => void) => Promise<void>;

const sections: Record<string, Section> = {
  parser: parserBench,
  generate: generateBench,
  index: indexBench,
  uptime: uptimeBench,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length > 0 ? wanted : Object.keys(sections);
  for (const name of names) {
    const run = sections[name];
    if (run === undefined) throw new Error(`unknown bench section "${name}"`);
    process.stdout.write(`\n## ${name}\n`);
    await run((line) => process.stdout.write(`${line}\n`));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exitCode = 1;
});
