/**
 * The `analyticsOps.*` settings the server reads, with their defaults. Wrong types fall back
 * to the defaults so a typo in settings.json never stops the server.
 */
import type { SeverityName, SeverityOverrides } from "../diagnostics/codes";
import { isDiagnosticCode } from "../diagnostics/codes";
import { defaultRefinementSettings, type RefinementSettings } from "./refinementActions";

export interface ServerSettings {
  dbtProjectPath: string;
  dbtTargetPath: string;
  severities: SeverityOverrides;
  refinements: RefinementSettings;
  generate: { outputFolder: string; select: string[]; documentedColumnsOnly: boolean };
  /** The raw section, for services that read their own keys (usage, uptime, bugs). */
  raw: Record<string, unknown>;
}

const LEVELS = new Set<string>(["error", "warning", "information", "hint", "off"]);

/** Reads the `analyticsOps` section as the client sends it. */
export function readSettings(section: unknown): ServerSettings {
  const raw = asRecord(section);
  const dbt = asRecord(raw["dbt"]);
  const generate = asRecord(raw["generate"]);
  const refinements = asRecord(raw["refinements"]);
  return {
    dbtProjectPath: text(dbt["projectPath"], ""),
    dbtTargetPath: text(dbt["targetPath"], ""),
    severities: readSeverities(asRecord(raw["diagnostics"])["severity"]),
    refinements: { path: text(refinements["path"], defaultRefinementSettings.path) },
    generate: {
      outputFolder: text(generate["outputFolder"], "views/generated"),
      select: Array.isArray(generate["select"])
        ? generate["select"].filter((s): s is string => typeof s === "string")
        : [],
      documentedColumnsOnly: generate["documentedColumnsOnly"] === true,
    },
    raw,
  };
}

function readSeverities(value: unknown): SeverityOverrides {
  const overrides: Record<string, SeverityName> = {};
  for (const [code, level] of Object.entries(asRecord(value))) {
    if (isDiagnosticCode(code) && typeof level === "string" && LEVELS.has(level)) {
      overrides[code] = level as SeverityName;
    }
  }
  return overrides;
}

/** A plain object, or an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}
