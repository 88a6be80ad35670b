/** Field types whose values are numbers, so they take `value_format` and `value_format_name`. */
export const NUMERIC_FIELD_TYPES: readonly string[] = [
  "number",
  "tier",
  "average",
  "sum",
  "max",
  "min",
  "median",
  "percentile",
  "count",
  "count_distinct",
  "number_distinct",
];
