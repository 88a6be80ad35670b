import * as assert from "node:assert/strict";

import { catalogJson, manifestJson, modelNode, testNode, type ModelSpec } from "../dbt/builders";
import { block, fieldNames, generateInMemory, onlyFile } from "./helpers";

const ordersId = "model.shop.orders";

/** Generates one model (postgres unless told) with a catalog of `[name, type]` columns. */
async function one(
  spec: ModelSpec,
  columns: [string, string][] | undefined,
  adapter = "postgres",
  extraNodes: Record<string, unknown>[] = [],
): Promise<{ text: string; warnings: string[] }> {
  const node = modelNode(spec);
  const manifest = manifestJson({ adapter, nodes: [node, ...extraNodes] });
  const uniqueId = String(node["unique_id"]);
  const catalog = columns === undefined ? undefined : catalogJson([{ uniqueId, columns }]);
  const generated = await generateInMemory(manifest, catalog);
  return { text: onlyFile(generated), warnings: generated.warnings };
}

describe("generated views", () => {
  describe("fields from columns", () => {
    it("makes dimensions of the right type, and dimension_groups of times", async () => {
      const { text } = await one({ name: "orders" }, [
        ["id", "integer"],
        ["status", "character varying(20)"],
        ["is_paid", "boolean"],
        ["amount", "numeric(12,2)"],
        ["ordered_on", "date"],
        ["created_at", "timestamp without time zone"],
        ["paid_at", "timestamp with time zone"],
      ]);
      assert.match(block(text, "dimension", "id"), /type: number\n {4}sql: \$\{TABLE\}\.id ;;/);
      assert.match(block(text, "dimension", "status"), /type: string/);
      assert.match(block(text, "dimension", "is_paid"), /type: yesno/);
      assert.match(block(text, "dimension", "amount"), /type: number/);

      const ordered = block(text, "dimension_group", "ordered");
      assert.match(ordered, /timeframes: \[raw, date, week, month, quarter, year\]/);
      assert.match(ordered, /convert_tz: no\n {4}datatype: date/);
      const created = block(text, "dimension_group", "created");
      assert.match(created, /timeframes: \[raw, time, date, week, month, quarter, year\]/);
      assert.match(created, /convert_tz: no\n {4}datatype: timestamp/);
      assert.match(block(text, "dimension_group", "paid"), /convert_tz: yes/);
      assert.match(text, /^ {2}sql_table_name: analytics\.shop\.orders ;;$/m);
    });

    it("uses datatype: datetime for BigQuery DATETIME", async () => {
      const { text } = await one({ name: "e" }, [["seen_datetime", "DATETIME"]], "bigquery");
      assert.match(block(text, "dimension_group", "seen"), /datatype: datetime/);
    });

    it("gives an unknown type a string dimension and a warning, never dropping it", async () => {
      const { text, warnings } = await one({ name: "t" }, [["shape", "FLUX_CAPACITOR"]]);
      assert.match(block(text, "dimension", "shape"), /type: string/);
      assert.deepEqual(warnings, [
        'model.shop.t: column shape: unknown type "FLUX_CAPACITOR"; generated as a string',
      ]);
    });

    it("includes catalog-only columns unless only documented columns are asked for", async () => {
      const node = modelNode({ name: "t", columns: [{ name: "id", description: "Id" }] });
      const manifest = manifestJson({ nodes: [node] });
      const catalog = catalogJson([
        {
          uniqueId: "model.shop.t",
          columns: [
            ["id", "integer"],
            ["_loaded_at", "timestamp"],
          ],
        },
      ]);
      const all = onlyFile(await generateInMemory(manifest, catalog));
      assert.deepEqual(fieldNames(all, "dimension_group"), ["_loaded"]);
      const documented = onlyFile(
        await generateInMemory(manifest, catalog, { documentedOnly: true }),
      );
      assert.deepEqual(fieldNames(documented, "dimension"), ["id"]);
      assert.deepEqual(fieldNames(documented, "dimension_group"), []);
    });

    it("falls back to YAML data_type without a catalog, warning of untyped columns", async () => {
      const { text, warnings } = await one(
        {
          name: "t",
          columns: [
            { name: "id", data_type: "bigint" },
            { name: "happened_at", data_type: "timestamptz" },
            { name: "note" },
          ],
        },
        undefined,
      );
      assert.match(block(text, "dimension", "id"), /type: number/);
      assert.match(block(text, "dimension_group", "happened"), /convert_tz: yes/);
      assert.match(block(text, "dimension", "note"), /type: string/);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? "", /1 column\(s\) have no type .*: note/);
    });

    it(
      "says which documented columns missing from " + "the catalog have a type, and which not",
      async () => {
        const columns = [
          { name: "id" },
          { name: "legacy_code", data_type: "integer" },
          { name: "order_status", data_type: null },
        ];
        const { text, warnings } = await one({ name: "t", columns }, [["id", "integer"]]);
        assert.match(block(text, "dimension", "legacy_code"), /type: number/);
        assert.match(block(text, "dimension", "order_status"), /type: string/);
        assert.deepEqual(warnings, [
          "model.shop.t: documented but not in the catalog (typed from data_type): legacy_code",
          "model.shop.t: 1 column(s) have no type (no catalog entry, no data_type) and are " +
            "string dimensions: order_status",
        ]);
      },
    );

    it("keeps the case and quoting of mixed-case and quoted columns", async () => {
      const snowflake = await one(
        { name: "t", columns: [{ name: "Quoted Name", quote: true }] },
        [
          ["ID", "NUMBER"],
          ["CustomerId", "TEXT"],
          ["Quoted Name", "TEXT"],
          ["lower", "TEXT"],
        ],
        "snowflake",
      );
      assert.match(block(snowflake.text, "dimension", "id"), /sql: \$\{TABLE\}\.ID ;;/);
      assert.match(
        block(snowflake.text, "dimension", "customer_id"),
        /\$\{TABLE\}\."CustomerId" ;;/,
      );
      assert.match(
        block(snowflake.text, "dimension", "quoted_name"),
        /\$\{TABLE\}\."Quoted Name" ;;/,
      );
      assert.match(block(snowflake.text, "dimension", "lower"), /\$\{TABLE\}\."lower" ;;/);

      const postgres = await one({ name: "t" }, [
        ["id", "int"],
        ["CustomerId", "text"],
      ]);
      assert.match(block(postgres.text, "dimension", "id"), /\$\{TABLE\}\.id ;;/);
      assert.match(
        block(postgres.text, "dimension", "customer_id"),
        /\$\{TABLE\}\."CustomerId" ;;/,
      );

      const bigquery = await one(
        { name: "t" },
        [
          ["CustomerId", "STRING"],
          ["my-col", "STRING"],
        ],
        "bigquery",
      );
      assert.match(block(bigquery.text, "dimension", "customer_id"), /\$\{TABLE\}\.CustomerId ;;/);
      assert.match(block(bigquery.text, "dimension", "my_col"), /\$\{TABLE\}\.`my-col` ;;/);
    });

    it("leaves out a column whose name would break the LookML expression", async () => {
      const { text, warnings } = await one({ name: "t" }, [
        ["ok", "int"],
        ["bad;;name", "int"],
      ]);
      assert.deepEqual(fieldNames(text, "dimension"), ["ok"]);
      assert.match(warnings.join("\n"), /column bad;;name: .*left out/);
    });
  });

  describe("name collisions", () => {
    it("lets a date column keep its name and moves the timestamp group aside", async () => {
      const { text } = await one({ name: "t" }, [
        ["created_at", "timestamp"],
        ["created_date", "date"],
      ]);
      assert.deepEqual(fieldNames(text, "dimension_group"), ["created_at", "created"]);
      assert.match(block(text, "dimension_group", "created"), /sql: \$\{TABLE\}\.created_date ;;/);
    });

    it("gives the same names whatever the column order", async () => {
      const { text } = await one({ name: "t" }, [
        ["created_date", "date"],
        ["created_at", "timestamp"],
      ]);
      assert.deepEqual(fieldNames(text, "dimension_group"), ["created", "created_at"]);
    });

    it("keeps plain columns' names when a timeframe field would take them", async () => {
      const { text } = await one({ name: "t" }, [
        ["created_at", "timestamp"],
        ["created_month", "text"],
      ]);
      assert.deepEqual(fieldNames(text, "dimension"), ["created_month"]);
      assert.deepEqual(fieldNames(text, "dimension_group"), ["created_at"]);
    });

    it("numbers names that still clash, and moves the default count aside", async () => {
      const { text } = await one({ name: "t" }, [
        ["Order ID", "int"],
        ["order_id", "int"],
        ["count", "int"],
      ]);
      assert.deepEqual(fieldNames(text, "dimension"), ["order_id", "order_id_2", "count"]);
      assert.deepEqual(fieldNames(text, "measure"), ["row_count"]);
      assert.match(block(text, "dimension", "order_id"), /\$\{TABLE\}\."Order ID" ;;/);
    });
  });

  describe("primary keys", () => {
    const columns: [string, string][] = [
      ["order_id", "int"],
      ["line", "int"],
    ];

    it("takes the model's primary_key", async () => {
      const { text } = await one({ name: "orders", primary_key: ["order_id"] }, columns);
      assert.match(block(text, "dimension", "order_id"), /^ {4}primary_key: yes$/m);
    });

    it("takes a model-level primary_key constraint, whatever else it holds", async () => {
      const constraint = {
        type: "primary_key",
        columns: ["line"],
        name: "pk",
        warn_unenforced: true,
      };
      const { text } = await one({ name: "orders", constraints: [constraint] }, columns);
      assert.match(block(text, "dimension", "line"), /primary_key: yes/);
      assert.doesNotMatch(block(text, "dimension", "order_id"), /primary_key/);
    });

    it("takes a column-level primary_key constraint", async () => {
      const spec = {
        name: "orders",
        columns: [{ name: "order_id", constraints: [{ type: "primary_key", expression: null }] }],
      };
      const { text } = await one(spec, columns);
      assert.match(block(text, "dimension", "order_id"), /primary_key: yes/);
    });

    it("takes a column with both unique and not_null tests", async () => {
      const tests = [
        testNode(ordersId, "order_id", "unique"),
        testNode(ordersId, "line", "unique"),
        testNode(ordersId, "line", "not_null"),
      ];
      const { text } = await one({ name: "orders" }, columns, "postgres", tests);
      assert.match(block(text, "dimension", "line"), /primary_key: yes/);
      assert.doesNotMatch(block(text, "dimension", "order_id"), /primary_key/);
    });

    it("prefers the primary_key over constraints and tests", async () => {
      const spec = {
        name: "orders",
        primary_key: ["line"],
        constraints: [{ type: "primary_key", columns: ["order_id"] }],
      };
      const { text } = await one(spec, columns);
      assert.match(block(text, "dimension", "line"), /primary_key: yes/);
    });

    it("makes one hidden concatenated key for a composite key", async () => {
      const spec = {
        name: "orders",
        constraints: [{ type: "primary_key", columns: ["order_id", "line"] }],
      };
      const postgres = await one(spec, columns);
      const key = block(postgres.text, "dimension", "primary_key");
      assert.match(key, /primary_key: yes\n {4}hidden: yes\n {4}type: string/);
      assert.match(
        key,
        new RegExp(
          String.raw`sql: CAST\(\$\{TABLE\}\.order_id AS VARCHAR\) \|\| '\|' \|\| ` +
            String.raw`CAST\(\$\{TABLE\}\.line AS VARCHAR\) ;;`,
        ),
      );
      assert.equal(fieldNames(postgres.text, "dimension")[0], "primary_key");

      const bigquery = await one(
        spec,
        [
          ["order_id", "INT64"],
          ["line", "INT64"],
        ],
        "bigquery",
      );
      assert.match(
        block(bigquery.text, "dimension", "primary_key"),
        new RegExp(
          String.raw`CONCAT\(CAST\(\$\{TABLE\}\.order_id AS STRING\), '\|', ` +
            String.raw`CAST\(\$\{TABLE\}\.line AS STRING\)\)`,
        ),
      );
    });

    it("uses a hidden key dimension when the key column is a time", async () => {
      const { text } = await one({ name: "d", primary_key: ["day"] }, [["day", "date"]]);
      assert.match(block(text, "dimension", "primary_key"), /sql: \$\{TABLE\}\.day ;;/);
    });

    it("declares no key without any evidence", async () => {
      const { text } = await one({ name: "orders" }, columns);
      assert.doesNotMatch(text, /primary_key/);
    });
  });

  describe("meta", () => {
    it("reads the meta.dimension / meta.measures style", async () => {
      const spec = {
        name: "pages",
        columns: [
          {
            name: "id",
            description: "The primary key",
            meta: {
              dimension: { name: "page_view_id", label: "Page view", value_format_name: "id" },
              measures: {
                total_page_views: { type: "count" },
                blog_views: {
                  type: "count",
                  group_label: "Blog Info",
                  filters: [{ path: "/blog%" }],
                },
              },
            },
          },
          { name: "path" },
        ],
      };
      const { text } = await one(spec, [
        ["id", "text"],
        ["path", "text"],
      ]);
      const dimension = block(text, "dimension", "page_view_id");
      assert.match(dimension, /label: "Page view"/);
      assert.match(dimension, /description: "The primary key"/);
      assert.match(dimension, /value_format_name: id/);
      assert.deepEqual(fieldNames(text, "measure"), ["count", "total_page_views", "blog_views"]);
      const blog = block(text, "measure", "blog_views");
      assert.match(blog, /filters: \[path: "\/blog%"\]/);
      assert.match(blog, /group_label: "Blog Info"/);
      assert.doesNotMatch(blog, /sql:/);
    });

    it("reads the meta.looker style, on models and columns", async () => {
      const spec = {
        name: "tv",
        meta: { looker: { label: "TV", hidden: true } },
        columns: [
          {
            name: "rating",
            meta: {
              looker: {
                dimension: { label: "Rating", group_label: "Ratings", hidden: false },
                measures: [
                  { type: "average", label: "Average rating", value_format_name: "decimal_1" },
                  { type: "percentile", percentile: 95 },
                  { type: "count_distinct", name: "distinct_ratings", description: "How many." },
                ],
              },
            },
          },
        ],
      };
      const { text } = await one(spec, [["rating", "float8"]]);
      assert.match(text, /^ {2}label: "TV"\n {2}fields_hidden_by_default: yes$/m);
      const rating = block(text, "dimension", "rating");
      assert.match(rating, /hidden: no/);
      assert.match(rating, /label: "Rating"\n {4}group_label: "Ratings"/);
      assert.deepEqual(fieldNames(text, "measure"), [
        "count",
        "average_rating",
        "rating_p95",
        "distinct_ratings",
      ]);
      assert.match(
        block(text, "measure", "rating_p95"),
        /type: percentile\n {4}percentile: 95\n {4}sql: \$\{rating\} ;;/,
      );
      assert.match(block(text, "measure", "average_rating"), /value_format_name: decimal_1/);
    });

    it("reads dbt2looker-bigquery measure filters and model-level measures", async () => {
      const spec = {
        name: "t",
        meta: {
          looker: {
            measures: [{ name: "margin", type: "number", sql: "${revenue} - ${cost}" }],
          },
        },
        columns: [
          {
            name: "amount",
            meta: {
              looker: {
                measures: [
                  {
                    type: "sum",
                    name: "paid_amount",
                    filters: [{ filter_dimension: "status", filter_expression: "paid" }],
                  },
                ],
              },
            },
          },
        ],
      };
      const { text } = await one(spec, [
        ["amount", "numeric"],
        ["status", "text"],
      ]);
      assert.match(block(text, "measure", "paid_amount"), /filters: \[status: "paid"\]/);
      assert.match(
        block(text, "measure", "margin"),
        /type: number\n {4}sql: \$\{revenue\} - \$\{cost\} ;;/,
      );
    });

    it("lets a column opt out with enabled: false", async () => {
      const spec = {
        name: "t",
        columns: [
          { name: "secret", meta: { dimension: { enabled: false } } },
          { name: "hidden_too", meta: { looker: { enabled: false } } },
        ],
      };
      const { text } = await one(spec, [
        ["id", "int"],
        ["secret", "text"],
        ["hidden_too", "text"],
      ]);
      assert.deepEqual(fieldNames(text, "dimension"), ["id"]);
    });

    it("honours a type override in meta: date and time make dimension_groups", async () => {
      const columns = [
        { name: "order_date", meta: { dimension: { type: "date" } } },
        { name: "shipped", meta: { dimension: { type: "timestamp" } } },
        { name: "seen_at", meta: { looker: { dimension: { type: "datetime" } } } },
        { name: "paid_at", meta: { dimension: { type: "time" } } },
        { name: "code", meta: { dimension: { type: "number" } } },
        { name: "created_at", meta: { dimension: { type: "string" } } },
        { name: "flag", meta: { dimension: { type: "boolean" } } },
        { name: "odd", meta: { dimension: { type: "flux" } } },
      ];
      const { text, warnings } = await one({ name: "t", columns }, [
        ["order_date", "text"],
        ["shipped", "text"],
        ["seen_at", "text"],
        ["paid_at", "timestamp with time zone"],
        ["code", "text"],
        ["created_at", "timestamp"],
        ["flag", "integer"],
        ["odd", "integer"],
      ]);
      const order = block(text, "dimension_group", "order");
      assert.match(order, /timeframes: \[raw, date, week, month, quarter, year\]/);
      assert.match(order, /datatype: date\n {4}sql: \$\{TABLE\}\.order_date ;;/);
      assert.match(block(text, "dimension_group", "shipped"), /datatype: timestamp/);
      assert.match(block(text, "dimension_group", "seen"), /datatype: datetime/);
      assert.match(
        block(text, "dimension_group", "paid"),
        /convert_tz: yes\n {4}datatype: timestamp/,
      );
      assert.match(block(text, "dimension", "code"), /type: number/);
      assert.match(block(text, "dimension", "created_at"), /type: string/);
      assert.match(block(text, "dimension", "flag"), /type: yesno/);
      assert.match(block(text, "dimension", "odd"), /type: number/);
      assert.deepEqual(warnings, [
        'model.shop.t: column odd: dimension type "flux" is not supported here; ignored',
      ]);
    });

    it("drops settings LookML cannot hold, with warnings", async () => {
      const spec = {
        name: "t",
        columns: [
          {
            name: "amount",
            meta: {
              dimension: { value_format_name: "not a name", sql: "x ;; y" },
              measures: [
                { type: "median_of_means" },
                { type: "percentile" },
                { type: "number", name: "ratio" },
              ],
            },
          },
        ],
      };
      const { text, warnings } = await one(spec, [["amount", "numeric"]]);
      assert.deepEqual(fieldNames(text, "measure"), ["count"]);
      assert.match(block(text, "dimension", "amount"), /sql: \$\{TABLE\}\.amount ;;/);
      assert.equal(warnings.length, 5, warnings.join("\n"));
      assert.match(warnings.join("\n"), /median_of_means/);
      assert.match(warnings.join("\n"), /percentile/);
    });

    it("escapes quotes and flattens line breaks in labels and descriptions", async () => {
      const spec = {
        name: "t",
        columns: [
          {
            name: "a",
            description: 'The "best"\ncolumn \\ ever',
            meta: { dimension: { label: "A" } },
          },
        ],
      };
      const { text } = await one(spec, [["a", "text"]]);
      assert.match(block(text, "dimension", "a"), /description: "The \\"best\\" column \\\\ ever"/);
    });
  });

  describe("BigQuery nested fields", () => {
    it("flattens STRUCTs and gives each ARRAY a nested view to UNNEST", async () => {
      const spec = {
        name: "sales",
        columns: [{ name: "info.label", meta: { looker: { dimension: { label: "Info label" } } } }],
      };
      const { text } = await one(
        spec,
        [
          ["id", "INT64"],
          ["info", "STRUCT<label STRING, at TIMESTAMP>"],
          ["info.label", "STRING"],
          ["info.at", "TIMESTAMP"],
          ["lines", "ARRAY<STRUCT<sku STRING, amount NUMERIC(31, 2), tags ARRAY<STRING>>>"],
          ["lines.sku", "STRING"],
          ["codes", "ARRAY<STRING>"],
        ],
        "bigquery",
      );

      const label = block(text, "dimension", "info__label");
      assert.match(label, /sql: \$\{TABLE\}\.info\.label ;;/);
      assert.match(
        label,
        /label: "Info label"\n {4}group_label: "Info"\n {4}group_item_label: "Label"/,
      );
      assert.match(block(text, "dimension_group", "info__at"), /convert_tz: yes/);
      assert.match(
        block(text, "dimension", "lines"),
        /hidden: yes\n {4}sql: \$\{TABLE\}\.lines ;;/,
      );

      assert.deepEqual(
        [...text.matchAll(/^view: (\S+) \{/gm)].map((m) => m[1]),
        ["sales", "sales__lines", "sales__lines__tags", "sales__codes"],
      );
      assert.match(text, /^# +sql: LEFT JOIN UNNEST\(\$\{sales\.lines\}\) AS sales__lines ;;$/m);
      const nested = text.slice(text.indexOf("view: sales__lines {"));
      assert.match(nested, /dimension: sku \{\n {4}type: string\n {4}sql: \$\{TABLE\}\.sku ;;/);
      assert.match(nested, /dimension: amount \{\n {4}type: number/);
      const codes = text.slice(text.indexOf("view: sales__codes {"));
      assert.match(codes, /dimension: codes \{\n {4}type: string\n {4}sql: \$\{TABLE\} ;;/);
    });

    it("builds a bare RECORD's fields from the catalog's dotted columns", async () => {
      const { text } = await one(
        { name: "t" },
        [
          ["rec", "RECORD"],
          ["rec.a", "INT64"],
          ["rec.b", "STRING"],
        ],
        "bigquery",
      );
      assert.deepEqual(fieldNames(text, "dimension"), ["rec__a", "rec__b"]);
    });
  });
});
