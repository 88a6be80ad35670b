import * as assert from "node:assert/strict";
import { runCli } from "../../src/cli";
import { captureIo } from "../support/cliIo";

describe("analytics-ops command line", () => {
  it("lists the subcommands when called without one, and fails", async () => {
    const io = captureIo();
    assert.equal(await runCli([], io.io), 2);
    assert.match(io.out(), /analytics-ops lsp --stdio/);
  });

  it("names an unknown subcommand", async () => {
    const io = captureIo();
    assert.equal(await runCli(["frobnicate"], io.io), 2);
    assert.match(io.err(), /unknown command "frobnicate"/);
  });

  it("does not treat object prototype names as subcommands", async () => {
    const io = captureIo();
    assert.equal(await runCli(["constructor"], io.io), 2);
  });

  it("prints a usage mistake without a stack trace", async () => {
    const io = captureIo();
    assert.equal(await runCli(["lsp"], io.io), 2);
    const text = io.err();
    assert.match(text, /only --stdio is supported/);
    assert.doesNotMatch(text, /\n\s+at /);
  });
});
