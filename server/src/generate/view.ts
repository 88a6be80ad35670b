/**
 * Builds the LookML views of one dbt model: the main view (sql_table_name, a field per column,
 * the primary key, a `count` and the measures asked for in meta), and one nested view per
 * BigQuery ARRAY, ready to be joined with UNNEST in a hand-written explore.
 */
import type { DbtModel } from "../dbt";
import type { ModelColumns } from "./columns";
import { expandArrayElement, expandColumns, type ExpandContext, type Leaf } from "./fields";
import { lookmlName, tableColumnSql } from "./identifiers";
import type { PrimaryKeyChoice } from "./keys";
import {
  bare,
  quoted,
  sql,
  yesno,
  type LookmlField,
  type LookmlProperty,
  type LookmlView,
} from "./lookml";
import { nonAggregateMeasureTypes, type MeasureSettings, type ViewSettings } from "./meta";
import { groupNameCandidates, NameRegistry } from "./names";
import type { TimeDatatype } from "./warehouseTypes";

/** Everything known about the model whose views are built. */
export interface ViewInput {
  model: DbtModel;
  /** The main view's name, already checked and made a LookML name. */
  viewName: string;
  adapter: string | undefined;
  columns: ModelColumns;
  settings: ViewSettings;
  primaryKey: PrimaryKeyChoice | undefined;
}

/** The main view first, then nested views in column order. */
export function buildViews(input: ViewInput, warn: (message: string) => void): LookmlView[] {
  const context: ExpandContext = { adapter: input.adapter, nested: input.columns.nested, warn };
  const untyped: string[] = [];
  const builder = new ScopeBuilder(input, context, untyped);
  const views = builder.build();

  if (untyped.length > 0) {
    const listed = untyped.slice(0, 5).join(", ") + (untyped.length > 5 ? ", ..." : "");
    warn(
      `${untyped.length} column(s) have no type (no catalog entry, no data_type) and are ` +
        `string dimensions: ${listed}`,
    );
  }
  return views;
}

type PlanKind = "dimension" | "group" | "array";

interface Plan {
  leaf: Leaf;
  kind: PlanKind;
  name: string;
  /** Set on the one dimension that is the view's primary key. */
  primaryKey: boolean;
}

interface Scope {
  name: string;
  leaves: Leaf[];
  main: boolean;
  comments: string[];
}

class ScopeBuilder {
  private readonly viewNames = new NameRegistry();
  private readonly views: LookmlView[] = [];

  constructor(
    private readonly input: ViewInput,
    private readonly context: ExpandContext,
    private readonly untyped: string[],
  ) {}

  build(): LookmlView[] {
    const name = this.viewNames.claim([this.input.viewName]);
    const leaves = expandColumns(this.input.columns.columns, this.context);
    this.buildScope({ name, leaves, main: true, comments: [] });
    return this.views;
  }

  private buildScope(scope: Scope): void {
    const registry = new NameRegistry();
    const plans = planNames(scope.leaves, registry);
    const view: LookmlView = {
      name: scope.name,
      comments: scope.comments,
      properties: scope.main ? this.viewProperties() : [],
      fields: [],
    };
    this.views.push(view);

    const keyField = scope.main ? this.primaryKey(plans, registry) : undefined;
    if (keyField !== undefined) view.fields.push(keyField);
    for (const plan of plans) view.fields.push(this.field(plan));
    view.fields.push(...this.measures(scope, plans, registry));

    for (const plan of plans.filter((p) => p.kind === "array")) this.nestedScope(scope, plan);
  }

  private viewProperties(): LookmlProperty[] {
    const { model, settings } = this.input;
    const properties: LookmlProperty[] = [];
    if (model.relationName !== undefined)
      properties.push(sql("sql_table_name", model.relationName));
    if (settings.label !== undefined) properties.push(quoted("label", settings.label));
    if (settings.hidden === true) properties.push(yesno("fields_hidden_by_default", true));
    return properties;
  }

  private field(plan: Plan): LookmlField {
    switch (plan.kind) {
      case "group":
        return groupField(plan, this.leafSql(plan.leaf));
      case "array":
        return {
          type: "dimension",
          name: plan.name,
          properties: [yesno("hidden", true), sql("sql", this.leafSql(plan.leaf))],
        };
      case "dimension":
        return dimensionField(plan, this.leafSql(plan.leaf), this.dimensionType(plan.leaf));
    }
  }

  private dimensionType(leaf: Leaf): string {
    if (leaf.settings.dimension.type !== undefined) return leaf.settings.dimension.type;
    switch (leaf.type.kind) {
      case "number":
      case "yesno":
        return leaf.type.kind;
      case "unknown":
        this.context.warn(
          `column ${leaf.displayName}: unknown type "${leaf.type.raw}"; generated as a string`,
        );
        return "string";
      case "missing":
        this.untyped.push(leaf.displayName);
        return "string";
      default:
        return "string";
    }
  }

  private leafSql(leaf: Leaf): string {
    if (leaf.settings.dimension.sql !== undefined) return leaf.settings.dimension.sql;
    return leaf.path.length === 0 ? "${TABLE}" : tableColumnSql(this.input.adapter, leaf.path);
  }

  private primaryKey(plans: Plan[], registry: NameRegistry): LookmlField | undefined {
    const choice = this.input.primaryKey;
    if (choice === undefined) return undefined;

    const keyPlans = choice.columns.map((column) =>
      plans.find((p) => p.leaf.path.length === 1 && sameName(p.leaf.displayName, column)),
    );
    const single = keyPlans.length === 1 ? keyPlans[0] : undefined;
    if (single?.kind === "dimension") {
      single.primaryKey = true;
      return undefined;
    }

    const parts = choice.columns.map((column, i) => {
      const plan = keyPlans[i];
      if (plan !== undefined) return this.leafSql(plan.leaf);
      this.context.warn(`primary key column ${column} is not among the model's known columns`);
      return tableColumnSql(this.input.adapter, [{ name: column, exact: false, quote: false }]);
    });
    const name = registry.claim(["primary_key", "pk"]);
    return {
      type: "dimension",
      name,
      properties: [
        yesno("primary_key", true),
        yesno("hidden", true),
        bare("type", "string"),
        sql("sql", concatSql(this.input.adapter, parts)),
        quoted("description", `Key made of ${choice.columns.join(", ")}.`),
      ],
    };
  }

  private measures(scope: Scope, plans: Plan[], registry: NameRegistry): LookmlField[] {
    const fields: LookmlField[] = [];
    if (scope.main) {
      const name = registry.claim(["count", "row_count", "count_rows"]);
      fields.push({ type: "measure", name, properties: [bare("type", "count")] });
    }

    for (const plan of plans) {
      for (const measure of plan.leaf.settings.measures) {
        const field = this.columnMeasure(plan, measure, registry);
        if (field !== undefined) fields.push(field);
      }
    }
    if (!scope.main) return fields;

    for (const measure of this.input.settings.measures) {
      const field = this.modelMeasure(measure, registry);
      if (field !== undefined) fields.push(field);
    }
    return fields;
  }

  private columnMeasure(
    plan: Plan,
    measure: MeasureSettings,
    registry: NameRegistry,
  ): LookmlField | undefined {
    const where = `column ${plan.leaf.displayName}, measure ${measure.name ?? measure.type}`;
    if (measure.sql === undefined && nonAggregateMeasureTypes.has(measure.type)) {
      this.context.warn(`${where}: type ${measure.type} needs its own sql; left out`);
      return undefined;
    }
    const reference = plan.kind === "dimension" ? `\${${plan.name}}` : this.leafSql(plan.leaf);
    const name = registry.claim([measure.name ?? defaultMeasureName(measure, plan.name)]);
    return measureField(name, measure, measure.sql ?? reference);
  }

  private modelMeasure(measure: MeasureSettings, registry: NameRegistry): LookmlField | undefined {
    const label = measure.name ?? measure.type;
    if (measure.sql === undefined && measure.type !== "count") {
      this.context.warn(`model measure ${label}: a model-level measure needs sql; left out`);
      return undefined;
    }
    const name = registry.claim([measure.name ?? `${measure.type}_measure`]);
    return measureField(name, measure, measure.sql);
  }

  private nestedScope(parent: Scope, plan: Plan): void {
    const name = this.viewNames.claim([`${parent.name}__${plan.name}`]);
    const comments = [
      `Repeated field ${plan.leaf.displayName} of ${parent.name}. Join it in an explore:`,
      `  join: ${name} {`,
      `    sql: LEFT JOIN UNNEST(\${${parent.name}.${plan.name}}) AS ${name} ;;`,
      "    relationship: one_to_many",
      "  }",
    ];
    const leaves = expandArrayElement(plan.leaf, this.context);
    this.buildScope({ name, leaves, main: false, comments });
  }
}

// Plain dimensions keep their column's name first; dimension_groups then take what is left,
// so a group never pushes a real column's dimension to a `_2` name.
function planNames(leaves: readonly Leaf[], registry: NameRegistry): Plan[] {
  const plans = leaves.map((leaf): Plan => ({
    leaf,
    kind: planKind(leaf),
    name: baseName(leaf),
    primaryKey: false,
  }));
  for (const plan of plans) {
    if (plan.kind !== "group") plan.name = registry.claim([plan.name]);
  }

  const groups = plans.filter((p) => p.kind === "group");
  const first = groups.filter(keepsColumnName);
  for (const plan of [...first, ...groups.filter((p) => !first.includes(p))]) {
    const given = plan.leaf.settings.dimension.name;
    const candidates = given === undefined ? groupNameCandidates(plan.name) : [given];
    plan.name = registry.claimGroup(candidates, timeframesOf(plan.leaf));
  }
  return plans;
}

// `shipped_date` as group `shipped` still offers a `shipped_date` field, so references to the
// column's old name keep working; such groups choose first, before `shipped_at` can take
// `shipped`. (`plan.name` still holds the column's LookML name here.)
function keepsColumnName(plan: Plan): boolean {
  const stripped = groupNameCandidates(plan.name)[0];
  return timeframesOf(plan.leaf).some((timeframe) => `${stripped}_${timeframe}` === plan.name);
}

function planKind(leaf: Leaf): PlanKind {
  if (leaf.type.kind === "array") return "array";
  if (leaf.type.kind === "time" && leaf.settings.dimension.type === undefined) return "group";
  return "dimension";
}

function baseName(leaf: Leaf): string {
  if (leaf.settings.dimension.name !== undefined) return leaf.settings.dimension.name;
  if (leaf.path.length === 0) return lookmlName(leaf.displayName);
  return leaf.path.map((p) => lookmlName(p.name)).join("__");
}

const dateTimeframes = ["raw", "date", "week", "month", "quarter", "year"];
const timeTimeframes = ["raw", "time", "date", "week", "month", "quarter", "year"];

function timeframesOf(leaf: Leaf): string[] {
  if (leaf.settings.dimension.timeframes !== undefined) return leaf.settings.dimension.timeframes;
  return timeDatatype(leaf) === "date" ? dateTimeframes : timeTimeframes;
}

function timeDatatype(leaf: Leaf): TimeDatatype {
  return leaf.type.kind === "time" ? leaf.type.datatype : "timestamp";
}

// Dates have no time of day to shift; instants are shown in the viewer's time zone; wall-clock
// timestamps without a zone are shown as stored (see docs/generator.md).
function convertTz(leaf: Leaf): boolean {
  if (leaf.settings.dimension.convertTz !== undefined) return leaf.settings.dimension.convertTz;
  return leaf.type.kind === "time" && leaf.type.zoned && leaf.type.datatype !== "date";
}

function groupField(plan: Plan, columnSql: string): LookmlField {
  const { leaf } = plan;
  const properties: LookmlProperty[] = [];
  if (leaf.settings.dimension.hidden !== undefined) {
    properties.push(yesno("hidden", leaf.settings.dimension.hidden));
  }
  properties.push(
    bare("type", "time"),
    { key: "timeframes", value: { kind: "list", items: timeframesOf(leaf) } },
    yesno("convert_tz", convertTz(leaf)),
    bare("datatype", timeDatatype(leaf)),
    sql("sql", columnSql),
    ...presentation(leaf),
  );
  return { type: "dimension_group", name: plan.name, properties };
}

function dimensionField(plan: Plan, columnSql: string, type: string): LookmlField {
  const { leaf } = plan;
  const properties: LookmlProperty[] = [];
  if (plan.primaryKey) properties.push(yesno("primary_key", true));
  if (leaf.settings.dimension.hidden !== undefined) {
    properties.push(yesno("hidden", leaf.settings.dimension.hidden));
  }
  properties.push(bare("type", type), sql("sql", columnSql), ...presentation(leaf));
  const { valueFormatName, valueFormat } = leaf.settings.dimension;
  if (valueFormatName !== undefined) properties.push(bare("value_format_name", valueFormatName));
  if (valueFormat !== undefined) properties.push(quoted("value_format", valueFormat));
  return { type: "dimension", name: plan.name, properties };
}

function presentation(leaf: Leaf): LookmlProperty[] {
  const settings = leaf.settings.dimension;
  const properties: LookmlProperty[] = [];
  const groupLabel = settings.groupLabel ?? leaf.structLabel;
  const itemLabel = settings.groupItemLabel ?? (settings.groupLabel ? undefined : leaf.itemLabel);
  if (settings.label !== undefined) properties.push(quoted("label", settings.label));
  if (groupLabel !== undefined) properties.push(quoted("group_label", groupLabel));
  if (itemLabel !== undefined) properties.push(quoted("group_item_label", itemLabel));
  if (leaf.description !== undefined) properties.push(quoted("description", leaf.description));
  return properties;
}

function measureField(
  name: string,
  measure: MeasureSettings,
  body: string | undefined,
): LookmlField {
  const properties: LookmlProperty[] = [];
  if (measure.hidden !== undefined) properties.push(yesno("hidden", measure.hidden));
  properties.push(bare("type", measure.type));
  if (measure.percentile !== undefined) {
    properties.push(bare("percentile", String(measure.percentile)));
  }
  // A count counts rows (or distinct primary keys); Looker rejects sql on it.
  if (measure.type !== "count" && body !== undefined) properties.push(sql("sql", body));
  if (measure.filters.length > 0) {
    properties.push({ key: "filters", value: { kind: "pairs", items: measure.filters } });
  }
  if (measure.label !== undefined) properties.push(quoted("label", measure.label));
  if (measure.groupLabel !== undefined) properties.push(quoted("group_label", measure.groupLabel));
  if (measure.description !== undefined) {
    properties.push(quoted("description", measure.description));
  }
  if (measure.valueFormatName !== undefined) {
    properties.push(bare("value_format_name", measure.valueFormatName));
  }
  if (measure.valueFormat !== undefined)
    properties.push(quoted("value_format", measure.valueFormat));
  return { type: "measure", name, properties };
}

function defaultMeasureName(measure: MeasureSettings, dimension: string): string {
  if (measure.percentile !== undefined) return `${dimension}_p${measure.percentile}`;
  return `${measure.type}_${dimension}`;
}

/** SQL joining key parts into one string, in the adapter's dialect. */
export function concatSql(adapter: string | undefined, parts: readonly string[]): string {
  if (parts.length === 1) return parts[0] ?? "";
  switch (adapter) {
    case "bigquery":
      return `CONCAT(${parts.map((p) => `CAST(${p} AS STRING)`).join(", '|', ")})`;
    case "spark":
    case "databricks":
      return `CONCAT_WS('|', ${parts.map((p) => `CAST(${p} AS STRING)`).join(", ")})`;
    default:
      return parts.map((p) => `CAST(${p} AS VARCHAR)`).join(" || '|' || ");
  }
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
