import type { CliIo } from "../../src/cli/command";

/** A command line's input and output for tests: what it printed, on which stream. */
export interface CapturedIo {
  io: CliIo;
  out: () => string;
  err: () => string;
}

export function captureIo(
  options: { cwd?: string; env?: NodeJS.ProcessEnv; now?: Date } = {},
): CapturedIo {
  let out = "";
  let err = "";
  const now = options.now ?? new Date("2026-01-01T00:00:00Z");
  const io: CliIo = {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    now: () => now,
  };
  return { io, out: () => out, err: () => err };
}
