/** What a CLI subcommand gets from the process; tests pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

/** A subcommand: takes the arguments after its name, returns the exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** A problem the user can fix; the CLI prints its message without a stack trace. */
export class UserError extends Error {
  override readonly name = "UserError";
}
