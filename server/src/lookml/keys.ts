/**
 * What the LookML parser needs to know about keys: which ones take a `;;`-terminated
 * expression, and which ones betray a missing `}`, `;;` or closing quote when they turn
 * up in the wrong place.
 */

/**
 * Whether `key:` is followed by an expression that runs to `;;`: every `sql*` key
 * (`sql`, `sql_on`, `sql_table_name`, `sql_trigger_value` ...), `html` and every
 * `expression*` key (`expression`, `expression_custom_filter` ...).
 */
export function isExpressionKey(key: string): boolean {
  // Most keys fail on their first letter; checking it first keeps this cheap.
  const first = key.charCodeAt(0);
  if (first === 115) return key.startsWith("sql");
  if (first === 104) return key.startsWith("html");
  return first === 101 && key.startsWith("expression");
}

// Keys that only appear at the top of a file; met inside a block, they mean that
// block was never closed.
const TOP_LEVEL_KEYS = new Set([
  "view",
  "explore",
  "include",
  "connection",
  "datagroup",
  "access_grant",
  "named_value_format",
  "map_layer",
  "constant",
  "project_name",
  "local_dependency",
  "remote_dependency",
  "application",
  "visualization",
]);

/** Whether `key` may only appear at the top level of a file (`view`, `explore`, `include` ...). */
export function isTopLevelKey(key: string): boolean {
  return TOP_LEVEL_KEYS.has(key);
}

// Keys that begin a line of LookML and never a line of SQL, HTML or prose. `filter` is
// left out because it is also a CSS property inside `html:`.
const MEMBER_KEYS = new Set([
  "view",
  "explore",
  "join",
  "dimension",
  "dimension_group",
  "measure",
  "parameter",
  "derived_table",
]);

/**
 * Whether a line that starts with `key:` inside a quoted string or an expression shows
 * that the string or expression ran past its end (a missing `"` or `;;`).
 */
export function startsLookmlMember(key: string): boolean {
  return MEMBER_KEYS.has(key) || isExpressionKey(key);
}
