/**
 * Health verdicts: an explore is healthy with at least `threshold` queries in 30 days; the
 * project meets its goal when at least `goalPercent` of its explores are healthy. Explores in
 * the LookML without rows count as 0; rows for explores not in the LookML are only reported.
 */
import { exploreKey, figuresByExplore, noFigures } from "./figures";
import type {
  ExploreFigures,
  ExploreHealth,
  LookmlExplore,
  OrphanUsage,
  ProjectHealth,
  UsageData,
} from "./types";

/** The thresholds health is judged by. */
export interface HealthRules {
  threshold: number;
  goalPercent: number;
}

/** Judges every explore of the LookML against the usage answer. */
export function projectHealth(
  explores: readonly LookmlExplore[],
  data: UsageData,
  rules: HealthRules,
): ProjectHealth {
  const figures = figuresByExplore(data.rows, new Date(data.fetchedAt));
  const cutKey = data.truncatedAt === undefined ? undefined : lastKey(data);
  const judged = uniqueExplores(explores).map((explore) =>
    judge(explore, figures, cutKey, data, rules),
  );

  const healthyCount = judged.filter((e) => e.healthy).length;
  const healthyPercent = judged.length === 0 ? 100 : round1((100 * healthyCount) / judged.length);
  return {
    explores: judged,
    healthyCount,
    healthyPercent,
    goalPercent: rules.goalPercent,
    threshold: rules.threshold,
    meetsGoal: healthyPercent >= rules.goalPercent,
    orphans: orphans(explores, figures),
    complete: judged.every((e) => e.figures.complete),
    fetchedAt: data.fetchedAt,
    origin: data.origin,
    missingModels: data.missingModels,
  };
}

function judge(
  explore: LookmlExplore,
  figures: Map<string, ExploreFigures>,
  cutKey: string | undefined,
  data: UsageData,
  rules: HealthRules,
): ExploreHealth {
  const key = exploreKey(explore.model, explore.name);
  const found = figures.get(key);
  // Past a row limit, an explore without rows may simply have been cut off, and the last
  // explore before the cut may have lost some of its days.
  const truncated = data.truncatedAt !== undefined && (found === undefined || key === cutKey);
  const base = found ?? noFigures(!truncated);
  const own = { ...base, complete: !truncated };
  return { explore, figures: own, healthy: own.runs30 >= rules.threshold };
}

// Refinements and repeated definitions name the same explore; it counts once.
function uniqueExplores(explores: readonly LookmlExplore[]): LookmlExplore[] {
  const seen = new Set<string>();
  return explores.filter((e) => {
    const key = exploreKey(e.model, e.name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function orphans(
  explores: readonly LookmlExplore[],
  figures: Map<string, ExploreFigures>,
): OrphanUsage[] {
  const known = new Set(explores.map((e) => exploreKey(e.model, e.name)));
  const result: OrphanUsage[] = [];
  for (const [key, f] of figures) {
    if (known.has(key)) continue;
    const [model = "", explore = ""] = key.split("\u0000");
    result.push({ model, explore, runs30: f.runs30 });
  }
  return result.sort((a, b) => b.runs30 - a.runs30 || a.explore.localeCompare(b.explore));
}

function lastKey(data: UsageData): string | undefined {
  const last = data.rows.at(-1);
  return last === undefined ? undefined : exploreKey(last.model, last.explore);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
