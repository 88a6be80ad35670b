/**
 * Archives run results as soon as dbt writes them, for the language server (off by default).
 * The server calls {@link AutoArchiver.notify} whenever it sees `run_results.json` or
 * `sources.json` change in the target folder; calls that arrive while one is running are folded
 * into one more pass, and the same run is never stored twice.
 */
import { archiveRunArtifacts, type ArchiveOptions, type ArchiveOutcome } from "./archive";

/** Where the archiver reports; the server passes its logger. */
export interface ArchiveLog {
  info: (line: string) => void;
  warn: (line: string) => void;
}

/** Archives on notice, one pass at a time. */
export class AutoArchiver {
  private running: Promise<ArchiveOutcome> | undefined;
  private again = false;

  constructor(
    private readonly options: ArchiveOptions,
    private readonly log: ArchiveLog,
  ) {}

  /** Archives now, or once more after the pass in progress; resolves with the last pass. */
  async notify(): Promise<ArchiveOutcome> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop();
    return this.running;
  }

  private async loop(): Promise<ArchiveOutcome> {
    let outcome = await this.pass();
    while (this.again) {
      this.again = false;
      outcome = await this.pass();
    }
    // Cleared in the same turn as the last check, so a notice can never fall between the two.
    this.running = undefined;
    return outcome;
  }

  private async pass(): Promise<ArchiveOutcome> {
    try {
      const outcome = await archiveRunArtifacts(this.options);
      for (const name of outcome.archived) this.log.info(`archived dbt run ${name}`);
      // dbt may still be writing the file; its next change brings another notice.
      for (const problem of outcome.problems) this.log.warn(`run results not archived: ${problem}`);
      return outcome;
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.warn(`archiving run results into ${this.options.historyDir} failed: ${reason}`);
      return { archived: [], alreadyArchived: [], problems: [reason] };
    }
  }
}
