import * as assert from "node:assert/strict";
import { runCli } from "../../src/cli";
import type { CliIo } from "../../src/cli/command";

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    cwd: process.cwd(),
    env: {},
    now: () => new Date("2026-01-01T00:00:00Z"),
  };
}

describe("analytics-ops command line", () => {
  it("lists the subcommands when called without one, and fails", async () => {
    const io = captureIo();
    assert.equal(await runCli([], io), 2);
    assert.match(io.stdout.join(""), /analytics-ops lsp --stdio/);
  });

  it("names an unknown subcommand", async () => {
    const io = captureIo();
    assert.equal(await runCli(["frobnicate"], io), 2);
    assert.match(io.stderr.join(""), /unknown command "frobnicate"/);
  });

  it("does not treat object prototype names as subcommands", async () => {
    const io = captureIo();
    assert.equal(await runCli(["constructor"], io), 2);
  });

  it("prints a usage mistake without a stack trace", async () => {
    const io = captureIo();
    assert.equal(await runCli(["lsp"], io), 2);
    const text = io.stderr.join("");
    assert.match(text, /only --stdio is supported/);
    assert.doesNotMatch(text, /\n\s+at /);
  });
});
