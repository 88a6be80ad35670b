/**
 * Names and settings of dbt run history and table uptime, shared by the language server (hover,
 * diagnostics, auto-archive) and the client (archive and report commands). The commands run in
 * the client; no custom LSP message is needed.
 */

/** Command ids, as contributed in package.json. */
export const RUNS_COMMANDS = {
  archive: "analyticsOps.archiveRunResults",
  uptimeReport: "analyticsOps.uptimeReport",
} as const;

/** The `analyticsOps.uptime.*` settings of one folder. */
export interface UptimeSettings {
  /** History folder, relative to the dbt project; empty means `.analytics-ops/run-history`. */
  historyFolder: string;
  /** `30d`, `12w`, `3m`, `1y` or a start date. */
  window: string;
  /** Percent below which a generated view gets a warning; 0 turns the warning off. */
  warnBelowPercent: number;
  /** Archive run_results.json whenever dbt rewrites it. */
  autoArchive: boolean;
}

/** The defaults, as declared in package.json. */
export const defaultUptimeSettings: UptimeSettings = {
  historyFolder: "",
  window: "30d",
  warnBelowPercent: 95,
  autoArchive: false,
};

/** Reads the `analyticsOps.uptime` settings section; wrong types fall back to the defaults. */
export function toUptimeSettings(section: unknown): UptimeSettings {
  const raw =
    typeof section === "object" && section !== null ? (section as Record<string, unknown>) : {};
  const text = (key: string, fallback: string): string => {
    const value = raw[key];
    return typeof value === "string" ? value : fallback;
  };
  const threshold = raw["warnBelowPercent"];
  return {
    historyFolder: text("historyFolder", defaultUptimeSettings.historyFolder),
    window: text("window", defaultUptimeSettings.window),
    warnBelowPercent:
      typeof threshold === "number" && threshold >= 0 && threshold <= 100
        ? threshold
        : defaultUptimeSettings.warnBelowPercent,
    autoArchive: raw["autoArchive"] === true,
  };
}
