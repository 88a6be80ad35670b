/**
 * Binds explore usage's custom messages (see common/src/usage.ts) to a language server
 * connection. Code lenses, hovers and diagnostics stay with the server's own handlers, which
 * merge `UsageService.lenses/hover/diagnostics` with their other sources.
 */
import type { Connection } from "vscode-languageserver";
import type {
  UsageCredentialsParams,
  UsageReportResult,
  UsageStatus,
} from "../../../common/src/usage";
import {
  usageCredentialsNotification,
  usageRefreshRequest,
  usageReportRequest,
  usageStatusNotification,
} from "../../../common/src/usage";
import type { UsageService } from "./service";

/**
 * Handles credentials, refresh and report messages. `changed` runs after every change of the
 * figures, so the server can re-send diagnostics and ask the client to refresh code lenses.
 */
export function bindUsageMessages(
  connection: Connection,
  service: UsageService,
  changed: () => void,
): void {
  connection.onNotification(usageCredentialsNotification, (params: UsageCredentialsParams) => {
    const credentials = params.credentials ?? undefined;
    void service.setCredentials(credentials).then(() => {
      sendUsageStatus(connection, service.status());
    });
  });

  connection.onRequest(usageRefreshRequest, async (): Promise<UsageStatus> => {
    const running = service.refresh();
    sendUsageStatus(connection, service.status());
    const status = await running;
    sendUsageStatus(connection, status);
    changed();
    return status;
  });

  connection.onRequest(usageReportRequest, (): UsageReportResult => ({
    html: service.report() ?? null,
  }));
}

/** Tells the client the usage status, for its status bar item. */
export function sendUsageStatus(connection: Connection, status: UsageStatus): void {
  void connection.sendNotification(usageStatusNotification, status);
}
