/**
 * Explore usage settings (`analyticsOps.usage.*` and `analyticsOps.looker.*`), read from the
 * raw configuration objects the client or the CLI hands over, with their defaults.
 */

/** The `history.source` values counted by default: people and programs using an explore. */
export const DEFAULT_SOURCES: readonly string[] = [
  "dashboard",
  "explore",
  "look",
  "drill_modal",
  "merge_query",
  "api",
  "api3",
  "api4",
  "scheduled_task",
  "alert",
  "private_embed",
  "public_embed",
];

/** How unhealthy explores are reported in the Problems panel. */
export type DiagnosticSeverityName = "error" | "warning" | "information" | "hint" | "off";

/** The settings explore usage reads. */
export interface UsageSettings {
  enabled: boolean;
  /** Show the figures on each `explore:` line. */
  inline: boolean;
  /** Queries in 30 days at or above which an explore is healthy. */
  threshold: number;
  /** Share of healthy explores (per cent) the project aims for. */
  goalPercent: number;
  diagnosticSeverity: DiagnosticSeverityName;
  /** `history.source` values counted. */
  sources: string[];
  /** Row limit of the System Activity query. */
  rowLimit: number;
  /** A snapshot file used instead of a connection; empty for none. */
  snapshotFile: string;
  /** Refresh on its own when the figures are older than this; 0 for manual only. */
  refreshHours: number;
}

/** The settings of the Looker connection; credentials are never among them. */
export interface LookerSettings {
  /** Empty: from `LOOKERSDK_BASE_URL` or `looker.ini`. */
  baseUrl: string;
  /** Empty: `looker.ini` in the project folder. */
  iniFile: string;
  /** Empty: the first section. */
  iniSection: string;
  /** A PEM file of extra certificate authorities to trust; empty for none. */
  caFile: string;
  timeoutSeconds: number;
  maxRetries: number;
}

export const DEFAULT_USAGE_SETTINGS: UsageSettings = {
  enabled: true,
  inline: true,
  threshold: 50,
  goalPercent: 90,
  diagnosticSeverity: "information",
  sources: [...DEFAULT_SOURCES],
  rowLimit: 50_000,
  snapshotFile: "",
  refreshHours: 24,
};

export const DEFAULT_LOOKER_SETTINGS: LookerSettings = {
  baseUrl: "",
  iniFile: "",
  iniSection: "",
  caFile: "",
  timeoutSeconds: 60,
  maxRetries: 3,
};

const SEVERITIES: readonly DiagnosticSeverityName[] = [
  "error",
  "warning",
  "information",
  "hint",
  "off",
];

/** Reads `analyticsOps.usage` as given (any shape); wrong values fall back to defaults. */
export function readUsageSettings(raw: unknown): UsageSettings {
  const r = asRecord(raw);
  const d = DEFAULT_USAGE_SETTINGS;
  const severity = r["diagnosticSeverity"];

  return {
    enabled: bool(r["enabled"], d.enabled),
    inline: bool(r["inline"], d.inline),
    threshold: count(r["healthyThreshold"], d.threshold, 0, 1e9),
    goalPercent: count(r["goalPercent"], d.goalPercent, 0, 100),
    diagnosticSeverity: SEVERITIES.find((s) => s === severity) ?? d.diagnosticSeverity,
    sources: strings(r["sources"]) ?? [...d.sources],
    rowLimit: count(r["rowLimit"], d.rowLimit, 1, 1e7),
    snapshotFile: str(r["snapshotFile"], d.snapshotFile),
    refreshHours: count(r["refreshHours"], d.refreshHours, 0, 24 * 365),
  };
}

/** Reads `analyticsOps.looker` as given (any shape); wrong values fall back to defaults. */
export function readLookerSettings(raw: unknown): LookerSettings {
  const r = asRecord(raw);
  const d = DEFAULT_LOOKER_SETTINGS;

  return {
    baseUrl: str(r["baseUrl"], d.baseUrl),
    iniFile: str(r["iniFile"], d.iniFile),
    iniSection: str(r["iniSection"], d.iniSection),
    caFile: str(r["caFile"], d.caFile),
    timeoutSeconds: count(r["timeoutSeconds"], d.timeoutSeconds, 1, 3600),
    maxRetries: count(r["maxRetries"], d.maxRetries, 0, 10),
  };
}

function asRecord(raw: unknown): Record<string, unknown> {
  return typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === "boolean" ? value : fallback;
}

function str(value: unknown, fallback: string): string {
  return typeof value === "string" ? value.trim() : fallback;
}

function count(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.filter((v): v is string => typeof v === "string" && v.trim() !== "");
  return items.length > 0 ? items.map((v) => v.trim()) : undefined;
}
