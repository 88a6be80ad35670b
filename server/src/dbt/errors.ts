import { UserError } from "../cli/command";

/**
 * A dbt artifact or project file that cannot be used: missing, unreadable, not JSON, or not
 * the kind of file expected. The message names the file, so callers show it as it is.
 */
export class ArtifactError extends UserError {
  /** Absolute or caller-given path of the file at fault. */
  readonly file: string;

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.file = file;
  }
}
