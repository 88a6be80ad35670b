/**
 * The warning on a generated view whose table fails too often, as an LSP diagnostic.
 */
import type { Diagnostic, DiagnosticSeverity, Range } from "vscode-languageserver";
import { firstLine, formatPercent, isoMinute, plural } from "./format";
import type { ModelUptime } from "./uptime";

// LSP's Warning severity; written as a number so the client can bundle this file without the
// language server library.
const warning: DiagnosticSeverity = 2;

/** The code of the below-threshold diagnostic, for code actions and filters. */
export const uptimeDiagnosticCode = "uptime-below-threshold";

/**
 * A warning for the generated view of a table whose uptime is below the threshold (a percentage
 * such as 95); undefined when it is not, or when no run in the window executed it. The message
 * has no relative times, so it does not go stale while it is shown.
 */
export function uptimeDiagnostic(
  model: ModelUptime,
  windowLabel: string,
  thresholdPercent: number,
  range: Range,
): Diagnostic | undefined {
  if (model.uptime === undefined || model.uptime * 100 >= thresholdPercent) return undefined;

  let message =
    `${model.name}: ${formatPercent(model.uptime)} uptime ` +
    `over ${plural(model.runsCounted, "run")} ${windowLabel}, below ${String(thresholdPercent)} %`;
  if (model.lastFailure !== undefined) {
    const reason =
      model.lastFailure.message === undefined ? "" : `: ${firstLine(model.lastFailure.message)}`;
    message += `. Last failure ${isoMinute(model.lastFailure.at)}${reason}`;
  }
  return {
    range,
    severity: warning,
    source: "analytics-ops",
    code: uptimeDiagnosticCode,
    message,
  };
}
