/**
 * The shapes explore usage is made of: the explores the LookML index supplies, the System
 * Activity rows Looker (or a snapshot file) answers with, and the figures derived from them.
 */
import type { Range } from "../lookml/ast";

/** One `explore:` defined in a `.model.lkml` file; the LookML index supplies the list. */
export interface LookmlExplore {
  /** The model name: the file name without `.model.lkml`. */
  model: string;
  /** The explore name as written after `explore:`. */
  name: string;
  /** The file that defines it, as a URI or an absolute path (only passed through). */
  uri: string;
  /** The `explore: name` text, where the inline figures and diagnostics point. */
  range: Range;
}

/** One row of the System Activity `history` query, or of a snapshot file. */
export interface UsageRow {
  model: string;
  explore: string;
  /** `YYYY-MM-DD` of the runs; absent when a snapshot holds one total per explore. */
  date?: string;
  /** Query runs (`history.query_run_count`). */
  runs: number;
  /** Users who ran them (`user.count`). */
  users?: number;
  /** Average runtime of the runs, in seconds (`history.average_runtime`). */
  averageRuntime?: number;
}

/** Where the figures came from. */
export type UsageOrigin = "looker" | "snapshot";

/** The answer of one refresh: what the cache stores and what a snapshot file loads into. */
export interface UsageData {
  origin: UsageOrigin;
  /** ISO time the figures were fetched (or, for a snapshot, when it was taken). */
  fetchedAt: string;
  rows: UsageRow[];
  /** Set when the answer reached the row limit: the figures after the cut are unknown. */
  truncatedAt?: number;
  /** Project models Looker does not know (not deployed, or no access). */
  missingModels: string[];
  /** Where the figures came from: the Looker base URL or the snapshot path. */
  source: string;
}

/** Whose users figure this is: a distinct count, or only the busiest day's (a lower bound). */
export type UsersBasis = "distinct" | "busiest-day";

/** The figures of one explore over the last 30 days, with the 30 before for a trend. */
export interface ExploreFigures {
  runs30: number;
  /** Absent when the source has no dates (a snapshot of totals). */
  runsPrevious30?: number;
  users?: number;
  usersBasis: UsersBasis;
  /** `YYYY-MM-DD` of the latest day with runs. */
  lastRunDate?: string;
  averageRuntimeSeconds?: number;
  /** False when the row limit cut the answer before or inside this explore's rows. */
  complete: boolean;
}

/** An explore with its figures and verdict. */
export interface ExploreHealth {
  explore: LookmlExplore;
  figures: ExploreFigures;
  healthy: boolean;
}

/** Rows for an explore that is not in the LookML any more: reported, never counted. */
export interface OrphanUsage {
  model: string;
  explore: string;
  runs30: number;
}

/** The project figure: how many explores are healthy against the goal. */
export interface ProjectHealth {
  explores: ExploreHealth[];
  healthyCount: number;
  /** Rounded to one decimal; 100 when there are no explores. */
  healthyPercent: number;
  goalPercent: number;
  threshold: number;
  meetsGoal: boolean;
  orphans: OrphanUsage[];
  /** Whether a row limit left some figures unknown. */
  complete: boolean;
  fetchedAt: string;
  origin: UsageOrigin;
  missingModels: string[];
}
