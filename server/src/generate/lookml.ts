/**
 * A small model of the LookML the generator writes, and its rendering. Rendering is the only
 * place that decides layout, so every generated file is laid out the same way.
 */
import { lookmlString } from "./identifiers";

/** The value of one LookML parameter. */
export type LookmlValue =
  /** Written as is: `yes`, `number`, `90`. */
  | { kind: "bare"; value: string }
  /** Written as a quoted string. */
  | { kind: "string"; value: string }
  /** Written as `value ;;`. */
  | { kind: "sql"; value: string }
  /** `[raw, time, date]`. */
  | { kind: "list"; items: string[] }
  /** `[path: "/blog%"]`. */
  | { kind: "pairs"; items: [string, string][] };

export interface LookmlProperty {
  key: string;
  value: LookmlValue;
}

export interface LookmlField {
  type: "dimension" | "dimension_group" | "measure";
  name: string;
  properties: LookmlProperty[];
}

export interface LookmlView {
  name: string;
  /** `#` comment lines written above the view. */
  comments: string[];
  properties: LookmlProperty[];
  fields: LookmlField[];
}

/** Shorthands for building properties. */
export const bare = (key: string, value: string): LookmlProperty => ({
  key,
  value: { kind: "bare", value },
});
export const quoted = (key: string, value: string): LookmlProperty => ({
  key,
  value: { kind: "string", value },
});
export const sql = (key: string, value: string): LookmlProperty => ({
  key,
  value: { kind: "sql", value },
});
export const yesno = (key: string, value: boolean): LookmlProperty =>
  bare(key, value ? "yes" : "no");

/** Renders views one after another, separated by a blank line, ending with a newline. */
export function renderViews(views: readonly LookmlView[]): string {
  return views.map(renderView).join("\n");
}

function renderView(view: LookmlView): string {
  const lines = view.comments.map((c) => (c === "" ? "#" : `# ${c}`));
  lines.push(`view: ${view.name} {`);
  lines.push(...view.properties.map((p) => `  ${renderProperty(p)}`));
  for (const field of view.fields) {
    if (lines.at(-1) !== `view: ${view.name} {`) lines.push("");
    lines.push(`  ${field.type}: ${field.name} {`);
    lines.push(...field.properties.map((p) => `    ${renderProperty(p)}`));
    lines.push("  }");
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function renderProperty(property: LookmlProperty): string {
  return `${property.key}: ${renderValue(property.value)}`;
}

function renderValue(value: LookmlValue): string {
  switch (value.kind) {
    case "bare":
      return value.value;
    case "string":
      return lookmlString(value.value);
    case "sql":
      return `${value.value} ;;`;
    case "list":
      return `[${value.items.join(", ")}]`;
    case "pairs":
      return `[${value.items.map(([k, v]) => `${k}: ${lookmlString(v)}`).join(", ")}]`;
  }
}
