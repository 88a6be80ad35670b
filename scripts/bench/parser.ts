/**
 * Bench: LookML parsing throughput on the corpus of real projects, ours against the npm
 * package `lookml-parser`, on the same files in the same run. The files are read once;
 * then both parsers take turns over all of them, several rounds, the order swapped each
 * round, and the median round of each side gives its MB/s. Files that make
 * `lookml-parser` throw are counted and left out of both sides.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { isDashboardFile } from "../../server/src/lookml/dashboard";
import { parseLookml } from "../../server/src/lookml/parser";

const corpus = path.resolve(__dirname, "..", "..", "..", "shared", "corpus", "lookml");
const warmupRounds = 3;
const rounds = 9;
/** What the parser must reach: this many times the throughput of `lookml-parser`. */
const targetRatio = 10;

interface LookmlParserModule {
  parse: (text: string) => unknown;
}

interface Side {
  name: string;
  parse: (text: string) => unknown;
  /** CPU milliseconds of each measured round. */
  cpuMs: number[];
}

/** Runs the section; `log` prints one line of the bench output. */
export async function run(log: (line: string) => void): Promise<void> {
  if (!fs.existsSync(corpus)) {
    log(`skipped: no LookML corpus at ${corpus}`);
    return;
  }
  const theirs = createRequire(__filename)("lookml-parser") as LookmlParserModule;
  const all = readCorpus(corpus);
  const texts = all.filter((text) => parsesWith(theirs, text));
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  log(
    `corpus: ${String(all.length)} .lkml files; ${String(all.length - texts.length)} ` +
      "make lookml-parser throw and are left out of both sides",
  );
  log(
    `measured: ${String(texts.length)} files, ${mb(bytes)} MB, ` +
      `${String(rounds)} rounds after ${String(warmupRounds)} warm-up rounds`,
  );

  const sides: Side[] = [
    { name: "ours (parseLookml)", parse: parseLookml, cpuMs: [] },
    { name: "lookml-parser", parse: (text) => theirs.parse(text), cpuMs: [] },
  ];
  await measure(sides, texts);
  report(sides, bytes, log);
}

function readCorpus(folder: string): string[] {
  const texts: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith(".lkml") && !isDashboardFile(entry.name)) {
        texts.push(fs.readFileSync(full, "utf8"));
      }
    }
  };
  visit(folder);
  return texts;
}

function parsesWith(parser: LookmlParserModule, text: string): boolean {
  try {
    parser.parse(text);
    return true;
  } catch {
    return false;
  }
}

// Rounds alternate which side goes first, so neither always runs on a warmer heap.
async function measure(sides: Side[], texts: string[]): Promise<void> {
  for (let round = 0; round < warmupRounds + rounds; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const cpuMs = timeRound(side, texts);
      if (round >= warmupRounds) side.cpuMs.push(cpuMs);
    }
    // Let other work (and the event loop) run between rounds.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

// CPU time rather than wall time: steadier when other processes share the cores.
function timeRound(side: Side, texts: string[]): number {
  const before = process.cpuUsage();
  for (const text of texts) side.parse(text);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function report(sides: Side[], bytes: number, log: (line: string) => void): void {
  const [ours, theirs] = sides.map((side) => median(side.cpuMs));
  for (const side of sides) {
    const ms = median(side.cpuMs);
    const speed = (bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(7);
    log(`${side.name.padEnd(20)} ${speed} MB/s  (median round ${ms.toFixed(0)} ms CPU)`);
  }
  if (ours === undefined || theirs === undefined) return;
  const ratio = theirs / ours;
  const verdict = ratio >= targetRatio ? "target met" : "BELOW TARGET";
  const target = `target ≥ ${String(targetRatio)}x: ${verdict}`;
  log(`ratio: ours is ${ratio.toFixed(1)}x lookml-parser (${target})`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(2);
}
