import type { Connection } from "vscode-languageserver";
import { stateNotification } from "../../../common/src/protocol";

/**
 * Runs a request handler so that a bug in one feature answers with a fallback and a log line
 * instead of taking the server down. The client hears of it through the state notification.
 */
export function guarded<P extends unknown[], R>(
  connection: Connection,
  feature: string,
  fallback: R,
  handler: (...params: P) => R | Promise<R>,
): (...params: P) => Promise<R> {
  return async (...params: P) => {
    try {
      return await handler(...params);
    } catch (error: unknown) {
      reportFailure(connection, feature, error);
      return fallback;
    }
  };
}

/** Logs an internal failure with its stack and tells the client, which decides how to show it. */
export function reportFailure(connection: Connection, feature: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  connection.console.error(`${feature} failed: ${detail}`);
  void connection.sendNotification(stateNotification, {
    kind: "failed",
    message: `${feature} failed: ${error instanceof Error ? error.message : String(error)}`,
  });
}

/** Keeps the process alive on stray errors, reporting them like any other failure. */
export function catchProcessErrors(connection: Connection): void {
  process.on("uncaughtException", (error) => {
    reportFailure(connection, "server", error);
  });
  process.on("unhandledRejection", (reason) => {
    reportFailure(connection, "server", reason);
  });
}

/** {@link guarded} for notifications, whose handlers return nothing. */
export function guardedNotification<P extends unknown[]>(
  connection: Connection,
  feature: string,
  handler: (...params: P) => void | Promise<void>,
): (...params: P) => void {
  const run = guarded(connection, feature, undefined, handler);
  return (...params: P) => {
    void run(...params);
  };
}
