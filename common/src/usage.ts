/**
 * Custom messages of explore usage (query counts and health from Looker System Activity),
 * shared by the client and the language server.
 */

/** A Looker API key. It travels only from the client's SecretStorage to the server's memory. */
export interface UsageCredentials {
  clientId: string;
  clientSecret: string;
}

/** Why the last refresh failed; `message` names the cause and never holds a secret. */
export interface UsageFaultInfo {
  kind: string;
  message: string;
}

/**
 * Explore usage as the status bar shows it. `text` is the status bar text (for example
 * "Explores 72 % healthy (goal 90 %)"); `tooltip` says more. `stale` keeps the cached figures
 * of an earlier refresh while the latest one failed.
 */
export type UsageStatus =
  | { kind: "off" }
  | { kind: "empty"; text: string; tooltip: string }
  | { kind: "refreshing"; text: string; tooltip: string }
  | { kind: "ready"; text: string; tooltip: string; meetsGoal: boolean }
  | { kind: "stale"; text: string; tooltip: string; meetsGoal: boolean; fault: UsageFaultInfo }
  | { kind: "failed"; text: string; tooltip: string; fault: UsageFaultInfo };

/** Parameters of the credentials notification; `null` after "Sign out of Looker". */
export interface UsageCredentialsParams {
  credentials: UsageCredentials | null;
}

/**
 * Client → server, at start and after "Sign in to Looker" / "Sign out of Looker": hands the
 * API key from SecretStorage to the server, which keeps it in memory only.
 */
export const usageCredentialsNotification = "analyticsOps/usage/credentials";

/**
 * Client → server, on "Refresh Explore Usage" (the client shows the progress): runs the one
 * System Activity query, or reads the snapshot file, and answers the new `UsageStatus`.
 */
export const usageRefreshRequest = "analyticsOps/usage/refresh";

/** Server → client, whenever the usage status changes, so the status bar can follow it. */
export const usageStatusNotification = "analyticsOps/usage/status";

/** The report page, or `null` when no figures were fetched yet. */
export interface UsageReportResult {
  html: string | null;
}

/**
 * Client → server, when the user opens the report from the status bar: answers the report
 * as one self-contained HTML page (inline SVG chart, no scripts) for a webview.
 */
export const usageReportRequest = "analyticsOps/usage/report";
