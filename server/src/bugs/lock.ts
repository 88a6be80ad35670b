/**
 * A lock file beside the ledger, so that two people (or two editor windows) filing or closing
 * bugs at once take turns. Appends are whole lines with O_APPEND and would not interleave on a
 * local disk anyway; the lock also covers "is this bug still open?" checks and network shares.
 */
import * as fs from "node:fs/promises";
import * as os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { errorCode } from "../runs/archive";

/** How long to wait for another writer, and when a lock is considered abandoned. */
export interface LockOptions {
  timeoutMs?: number;
  staleMs?: number;
}

/** Why the lock could not be taken: held by someone else, or the folder cannot be written. */
export class LockError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Runs `work` while holding `<file>.lock`; the lock is removed afterwards, whatever happens. */
export async function withLock<T>(
  file: string,
  work: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lockPath = `${file}.lock`;
  await acquire(lockPath, options.timeoutMs ?? 10_000, options.staleMs ?? 30_000);
  try {
    return await work();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}

async function acquire(lockPath: string, timeoutMs: number, staleMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const owner = `${String(process.pid)}@${os.hostname()} since ${new Date().toISOString()}`;
    try {
      await fs.writeFile(lockPath, owner, { flag: "wx" });
      return;
    } catch (error: unknown) {
      const code = errorCode(error);
      if (code !== "EEXIST")
        throw new LockError(`cannot create ${lockPath} (${code ?? String(error)})`, code);
    }
    if (await removeIfStale(lockPath, staleMs)) continue;
    if (Date.now() > deadline) throw new LockError(await heldMessage(lockPath), "EEXIST");
    // Random back-off, so writers that collided do not retry in step.
    await sleep(5 + Math.random() * 20);
  }
}

/** A writer that crashed leaves its lock behind; after `staleMs` it no longer counts. */
async function removeIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const stat = await fs.stat(lockPath).catch(() => undefined);
  if (stat === undefined) return true;
  if (Date.now() - stat.mtimeMs < staleMs) return false;
  await fs.rm(lockPath, { force: true });
  return true;
}

async function heldMessage(lockPath: string): Promise<string> {
  const owner = await fs.readFile(lockPath, "utf8").catch(() => "another writer");
  return `${lockPath} is held by ${owner.trim()}; if no one is writing, delete it`;
}
