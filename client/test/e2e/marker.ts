/**
 * Marks the suite's own output lines in the workbench console, so a runner can print them and
 * file the workbench's other console output (marketplace look-ups and the like) in a log.
 */
export const outputMarker = "e2e| ";
