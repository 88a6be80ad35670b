/**
 * The fields a `dimension_group` creates: `created_date`, `created_week` ... for `type: time`,
 * `days_open`, `hours_open` ... for `type: duration`. Referring to the group's own name
 * (`${created}`) is an error in Looker, so the group name itself is not a field.
 */
import type { SyntaxNode } from "../lookml/ast";
import { listItems, pairValue } from "./nodes";

/** Timeframes Looker offers when a time group lists none. */
export const DEFAULT_TIMEFRAMES = [
  "raw",
  "time",
  "date",
  "week",
  "month",
  "quarter",
  "year",
  "day_of_week",
  "hour_of_day",
];

/** Every timeframe Looker knows, for completion. */
export const ALL_TIMEFRAMES = [
  ...DEFAULT_TIMEFRAMES,
  "time_of_day",
  "hour",
  "minute",
  "second",
  "millisecond",
  "microsecond",
  "week_of_year",
  "day_of_month",
  "day_of_week_index",
  "day_of_year",
  "month_name",
  "month_num",
  "quarter_of_year",
  "fiscal_month_num",
  "fiscal_quarter",
  "fiscal_quarter_of_year",
  "fiscal_year",
  "yesno",
];

/** Duration intervals and the plural that prefixes their fields (`days_open`). */
export const INTERVAL_PLURALS: Readonly<Record<string, string>> = {
  second: "seconds",
  minute: "minutes",
  hour: "hours",
  day: "days",
  week: "weeks",
  month: "months",
  quarter: "quarters",
  year: "years",
};

// `hour3`, `minute15`, `millisecond2` ...: Looker's bucketed timeframes.
const BUCKETED = /^(hour|minute|second|millisecond|microsecond)\d+$/;

/** One field made by a dimension group. */
export interface GroupMember {
  name: string;
  /** The timeframe (`date`) or interval (`day`) that made it. */
  part: string;
}

/** Whether a group lists its timeframes (or intervals) or leaves Looker's defaults. */
export interface GroupFields {
  members: GroupMember[];
  /** True when the group lists no timeframes: every timeframe name is then accepted. */
  open: boolean;
}

/** The fields of `dimension_group: name { ... }` given its (effective) type and body. */
export function groupFields(
  name: string,
  type: string | undefined,
  body: SyntaxNode[],
): GroupFields {
  if (type === "duration") return durationFields(name, body);

  const listed = listItems(body, "timeframes").map((s) => s.value.toLowerCase());
  const frames = listed.length > 0 ? listed : DEFAULT_TIMEFRAMES;
  return {
    members: frames.map((part) => ({ name: `${name}_${part}`, part })),
    open: listed.length === 0,
  };
}

function durationFields(name: string, body: SyntaxNode[]): GroupFields {
  const listed = listItems(body, "intervals").map((s) => s.value.toLowerCase());
  const intervals = listed.length > 0 ? listed : Object.keys(INTERVAL_PLURALS);
  const members = intervals.map((part) => ({
    name: `${INTERVAL_PLURALS[part] ?? `${part}s`}_${name}`,
    part,
  }));
  return { members, open: false };
}

/**
 * Whether `field` could be a timeframe of an open time group `group` (one that lists no
 * timeframes), such as `created_hour6` for group `created`.
 */
export function isOpenTimeframe(group: string, field: string): boolean {
  if (!field.startsWith(`${group}_`)) return false;
  const part = field.slice(group.length + 1);
  return ALL_TIMEFRAMES.includes(part) || BUCKETED.test(part);
}

/** The dimension group's type, defaulting to `time` as Looker does. */
export function groupType(body: SyntaxNode[]): string {
  return pairValue(body, "type")?.toLowerCase() ?? "time";
}
