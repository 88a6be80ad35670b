/**
 * Model selection, in a subset of dbt's syntax: a name glob (`stg_*`), `tag:<tag>` and
 * `path:<glob or folder>`. Space-separated or repeated selectors are a union; a comma inside
 * one selector is an intersection (`tag:finance,path:models/marts/**`), as in dbt.
 */
import picomatch from "picomatch";

import { UserError } from "../cli/command";
import type { DbtModel } from "../dbt";

type Matcher = (model: DbtModel) => boolean;

/** One selector as written, with the test it stands for. */
interface Selector {
  text: string;
  matches: Matcher;
}

/** The selected models, in the order given, and the selectors that matched nothing. */
export interface SelectionResult {
  selected: DbtModel[];
  unmatched: string[];
}

/**
 * Applies selectors to models. No selectors (or only empty ones) selects every model. Throws a
 * UserError for syntax this subset does not support (graph operators, other methods).
 */
export function selectModels(
  models: readonly DbtModel[],
  select: readonly string[] | undefined,
): SelectionResult {
  const selectors = parseSelectors(select ?? []);
  if (selectors.length === 0) return { selected: [...models], unmatched: [] };

  const used = new Set<Selector>();
  const selected = models.filter((model) => {
    const hits = selectors.filter((s) => s.matches(model));
    for (const hit of hits) used.add(hit);
    return hits.length > 0;
  });
  const unmatched = selectors.filter((s) => !used.has(s)).map((s) => s.text);
  return { selected, unmatched };
}

function parseSelectors(select: readonly string[]): Selector[] {
  const words = select.flatMap((item) => item.split(/\s+/)).filter((word) => word !== "");
  return words.map((text) => {
    const parts = text
      .split(",")
      .filter((p) => p !== "")
      .map(parseAtom);
    return { text, matches: (model) => parts.every((matches) => matches(model)) };
  });
}

function parseAtom(atom: string): Matcher {
  if (/^(\d*\+|@)|\+\d*$/.test(atom)) {
    throw new UserError(
      `selector "${atom}": graph operators (+, @) are not supported here; ` +
        "select models by name, tag: or path:",
    );
  }

  const colon = atom.indexOf(":");
  const method = colon === -1 ? "" : atom.slice(0, colon);
  const value = colon === -1 ? atom : atom.slice(colon + 1);
  switch (method) {
    case "":
      return nameMatcher(value);
    case "tag":
      return tagMatcher(value);
    case "path":
      return pathMatcher(value);
    default:
      throw new UserError(
        `selector "${atom}": method "${method}:" is not supported; use a name glob, tag: or path:`,
      );
  }
}

function nameMatcher(glob: string): Matcher {
  const matches = picomatch(glob, { dot: true });
  return (model) => matches(model.name) || versionedNames(model).some((name) => matches(name));
}

// A versioned model also answers to `orders.v2` (dbt's spelling) and `orders_v2` (its view).
function versionedNames(model: DbtModel): string[] {
  if (model.version === undefined) return [];
  return [`${model.name}.v${model.version}`, `${model.name}_v${model.version}`];
}

function tagMatcher(glob: string): Matcher {
  const matches = picomatch(glob, { dot: true });
  return (model) => model.tags.some((tag) => matches(tag));
}

// dbt's `path:models/marts` selects everything under the folder; a glob matches files.
function pathMatcher(raw: string): Matcher {
  const wanted = raw.replaceAll("\\", "/").replace(/^\.\//, "").replace(/\/+$/, "");
  const matches = picomatch(wanted, { dot: true });
  const isGlob = picomatch.scan(wanted).isGlob;
  return (model) => {
    const file = model.originalFilePath;
    if (matches(file)) return true;
    return !isGlob && (file === wanted || file.startsWith(`${wanted}/`));
  };
}
