/**
 * Option parsing shared by the uptime, runs and bugs subcommands: Node's `parseArgs`, with its
 * errors turned into messages that name the command.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UserError } from "../cli/command";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parsed flags and positionals; a UserError with the usage text on a bad option. */
export function parseCommandArgs(
  args: string[],
  options: Options,
  usage: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    return {
      values: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
    };
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`${reason}\n${usage}`);
  }
}

/** A string flag's value, or undefined. */
export function stringFlag(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}
