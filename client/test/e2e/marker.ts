/**
 * Marks the suite's own output lines in the workbench console, so the code-server runner can
 * print them and file the workbench's other console output (marketplace look-ups and the like)
 * in a log. The runner asks for it through the environment; other runners get plain lines.
 */
export const outputMarker = "e2e| ";

/** The environment variable that asks the suite to mark its lines. */
export const markerVariable = "ANALYTICS_OPS_E2E_MARK_OUTPUT";

/** The prefix for the suite's lines in this run: the marker, or nothing. */
export function linePrefix(env: NodeJS.ProcessEnv = process.env): string {
  return env[markerVariable] === "1" ? outputMarker : "";
}
