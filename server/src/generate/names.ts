/**
 * Field names within one view. LookML needs every dimension, dimension_group field and
 * measure name to be unique; generated names can clash (`created_at` and `created_date` both
 * wanting `created`, a column named like a timeframe field). Clashes are settled in a fixed
 * order so the same input always gives the same names.
 */

/** The names taken so far in one view. */
export class NameRegistry {
  private readonly taken = new Set<string>();

  has(name: string): boolean {
    return this.taken.has(name);
  }

  /**
   * Takes the first free candidate; when all are taken, the last candidate with the first
   * free suffix `_2`, `_3`, ...
   */
  claim(candidates: readonly string[]): string {
    return this.claimWhere(candidates, (name) => [name]);
  }

  /**
   * Like `claim`, for a dimension_group: the group name and every `<name>_<timeframe>` field
   * it creates must be free.
   */
  claimGroup(candidates: readonly string[], timeframes: readonly string[]): string {
    return this.claimWhere(candidates, (name) => [name, ...timeframes.map((t) => `${name}_${t}`)]);
  }

  private claimWhere(candidates: readonly string[], expand: (name: string) => string[]): string {
    const free = (name: string): boolean => expand(name).every((n) => !this.taken.has(n));
    const base = candidates.at(-1) ?? "field";
    let chosen = candidates.find(free);
    for (let suffix = 2; chosen === undefined; suffix += 1) {
      if (free(`${base}_${suffix}`)) chosen = `${base}_${suffix}`;
    }
    for (const name of expand(chosen)) this.taken.add(name);
    return chosen;
  }
}

const timeSuffixes = ["_timestamp", "_datetime", "_date", "_time", "_at", "_ts", "_dt", "_on"];

/**
 * Names a dimension_group may take, best first: the column name without a time suffix
 * (`created_at` → `created`, so fields read `created_date`), then the full column name.
 */
export function groupNameCandidates(columnName: string): string[] {
  const suffix = timeSuffixes.find((s) => columnName.endsWith(s));
  const stripped = suffix === undefined ? "" : columnName.slice(0, -suffix.length);
  // `info__at` (field `at` of struct `info`) keeps its name: `info_` would read badly.
  if (stripped === "" || stripped.endsWith("_")) return [columnName];
  return [stripped, columnName];
}
