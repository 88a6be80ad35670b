import * as assert from "node:assert/strict";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import { UserError } from "../../src/cli/command";
import { ArtifactError } from "../../src/dbt";
import { generate, type GenerateOptions, type GenerateSummary } from "../../src/generate";
import { writeFileAtomic } from "../../src/generate/files";
import { catalogJson, manifestJson, modelNode, type Json } from "../dbt/builders";
import { readFolder, tempDir } from "./helpers";

const manifest = manifestJson({
  nodes: [
    modelNode({ name: "orders", columns: [{ name: "id", description: "Id" }] }),
    modelNode({ name: "customers" }),
    modelNode({ name: "int_x", materialized: "ephemeral", relation_name: null }),
  ],
});
const catalog = catalogJson([
  {
    uniqueId: "model.shop.orders",
    columns: [
      ["id", "integer"],
      ["placed_at", "timestamp"],
    ],
  },
  { uniqueId: "model.shop.customers", columns: [["id", "integer"]] },
]);

describe("writing generated files", () => {
  let root = "";
  let project = "";
  let out = "";
  let remove: () => Promise<void> = () => Promise.resolve();

  beforeEach(async () => {
    ({ dir: root, remove } = await tempDir("generate-files-"));
    project = path.join(root, "dbt");
    out = path.join(root, "lookml", "views", "generated");
    await writeProject(manifest, catalog);
  });
  afterEach(() => remove());

  async function writeProject(manifestDoc: Json | string, catalogDoc?: Json): Promise<void> {
    await mkdir(path.join(project, "target"), { recursive: true });
    await writeFile(path.join(project, "dbt_project.yml"), "name: shop\n");
    const text = typeof manifestDoc === "string" ? manifestDoc : JSON.stringify(manifestDoc);
    await writeFile(path.join(project, "target", "manifest.json"), text);
    if (catalogDoc !== undefined) {
      await writeFile(path.join(project, "target", "catalog.json"), JSON.stringify(catalogDoc));
    }
  }

  function run(options: Partial<GenerateOptions> = {}): Promise<GenerateSummary> {
    return generate({ dbtProjectDir: project, outDir: out, env: {}, ...options });
  }

  it("writes one file per model, skips ephemeral models, and reports it", async () => {
    const summary = await run();
    assert.deepEqual((await readdir(out)).sort(), ["customers.view.lkml", "orders.view.lkml"]);
    assert.deepEqual(
      summary.written.map((w) => [w.model, w.view, path.basename(w.file)]),
      [
        ["model.shop.customers", "customers", "customers.view.lkml"],
        ["model.shop.orders", "orders", "orders.view.lkml"],
      ],
    );
    assert.deepEqual(summary.skipped, [
      {
        model: "model.shop.int_x",
        reason: "ephemeral model: it has no table or view in the warehouse",
      },
    ]);
    assert.equal(summary.catalogFile, path.join(project, "target", "catalog.json"));
  });

  it("is byte-identical on a re-run, which reports every file unchanged", async () => {
    await run();
    const first = await readFolder(out);
    const again = await run();
    assert.deepEqual(await readFolder(out), first);
    assert.equal(again.written.length, 0);
    assert.equal(again.unchanged.length, 2);
  });

  it("counts an untouched file checked out with CRLF unchanged and leaves it alone", async () => {
    await run();
    const file = path.join(out, "orders.view.lkml");
    const windows = (await readFile(file, "utf8")).replace(/\n/g, "\r\n");
    await writeFile(file, windows);

    const again = await run();
    assert.deepEqual([again.written, again.refused, again.errors], [[], [], []]);
    assert.equal(again.unchanged.length, 2);
    assert.equal(await readFile(file, "utf8"), windows);
  });

  it("still refuses a CRLF file edited by hand", async () => {
    await run();
    const file = path.join(out, "orders.view.lkml");
    const windows = (await readFile(file, "utf8")).replace(/\n/g, "\r\n");
    const edited = windows.replace("type: number", "type: string");
    await writeFile(file, edited);
    await writeProject(manifest, catalogJson([{ uniqueId: "model.shop.orders", columns: [] }]));

    const again = await run();
    assert.deepEqual(
      again.refused.map((r) => r.model),
      ["model.shop.orders"],
    );
    assert.equal(await readFile(file, "utf8"), edited);
  });

  it("rewrites an untouched generated file when the model changes", async () => {
    await run();
    await writeProject(
      manifest,
      catalogJson([
        {
          uniqueId: "model.shop.orders",
          columns: [
            ["id", "integer"],
            ["status", "text"],
          ],
        },
        { uniqueId: "model.shop.customers", columns: [["id", "integer"]] },
      ]),
    );
    const summary = await run();
    assert.deepEqual(
      summary.written.map((w) => w.view),
      ["orders"],
    );
    assert.match(await readFile(path.join(out, "orders.view.lkml"), "utf8"), /dimension: status/);
  });

  it("leaves a hand-edited file alone and reports it", async () => {
    await run();
    const file = path.join(out, "orders.view.lkml");
    const edited = (await readFile(file, "utf8")).replace("type: number", "type: string");
    await writeFile(file, edited);
    await writeProject(
      manifest,
      catalogJson([
        {
          uniqueId: "model.shop.orders",
          columns: [
            ["id", "bigint"],
            ["x", "int"],
          ],
        },
      ]),
    );

    const summary = await run();
    assert.equal(await readFile(file, "utf8"), edited);
    assert.deepEqual(
      summary.refused.map((r) => [r.model, r.file]),
      [["model.shop.orders", file]],
    );
    assert.match(summary.refused[0]?.reason ?? "", /edited after it was generated/);
  });

  it("leaves a hand-written file of the same name alone", async () => {
    await mkdir(out, { recursive: true });
    const file = path.join(out, "customers.view.lkml");
    await writeFile(file, "view: customers { dimension: mine {} }\n");
    const summary = await run();
    assert.equal(await readFile(file, "utf8"), "view: customers { dimension: mine {} }\n");
    assert.match(summary.refused[0]?.reason ?? "", /not generated by Analytics Ops/);
  });

  it("refuses a view name that would escape the output folder", async () => {
    const evil = modelNode({ name: "evil", meta: { looker: { view: { name: "../../outside" } } } });
    await writeProject(manifestJson({ nodes: [evil] }), catalog);
    const summary = await run();
    assert.equal(summary.refused.length, 1);
    assert.match(summary.refused[0]?.reason ?? "", /view name "\.\.\/\.\.\/outside" would escape/);
    assert.deepEqual(await readdir(root), ["dbt"]);
  });

  it("refuses an overlong view name, naming the model and the limit", async () => {
    const long = modelNode({ name: "long", meta: { looker: { view: { name: "x".repeat(300) } } } });
    await writeProject(manifestJson({ nodes: [long, modelNode({ name: "customers" })] }), catalog);
    const summary = await run();
    assert.deepEqual(summary.errors, []);
    assert.deepEqual(
      summary.refused.map((r) => r.model),
      ["model.shop.long"],
    );
    const reason = summary.refused[0]?.reason ?? "";
    assert.match(reason, /model\.shop\.long/);
    assert.match(reason, /300 characters; the limit is 180/);
    assert.deepEqual(await readdir(out), ["customers.view.lkml"]);
  });

  it("accepts a view name at the limit", async () => {
    const name = "y".repeat(180);
    const edge = modelNode({ name: "edge", meta: { looker: { view: { name } } } });
    await writeProject(manifestJson({ nodes: [edge] }), catalog);
    const summary = await run();
    assert.deepEqual([summary.refused, summary.errors], [[], []]);
    assert.deepEqual(await readdir(out), [`${name}.view.lkml`]);
  });

  it("skips a second model that wants a view name already taken", async () => {
    const nodes = [modelNode({ name: "orders" }), modelNode({ name: "orders", package: "other" })];
    await writeProject(manifestJson({ nodes }), undefined);
    const summary = await run();
    assert.deepEqual(
      summary.written.map((w) => w.model),
      ["model.other.orders"],
    );
    assert.match(summary.skipped[0]?.reason ?? "", /already generated from model\.other\.orders/);
  });

  it("writes nothing in a dry run, but says what it would write", async () => {
    const summary = await run({ dryRun: true });
    assert.equal(summary.written.length, 2);
    await assert.rejects(readdir(out), /ENOENT/);
  });

  it("writes through a temporary file and leaves none behind", async () => {
    await run();
    const names = await readdir(out);
    assert.ok(
      names.every((n) => n.endsWith(".view.lkml")),
      names.join(),
    );

    const target = path.join(out, "blocked.view.lkml");
    await mkdir(target);
    await assert.rejects(writeFileAtomic(target, "x"), /EISDIR|EEXIST|ENOTEMPTY|EPERM/);
    assert.ok((await readdir(out)).every((n) => !n.endsWith(".tmp")));
  });

  it("reports generated files whose model left the manifest, without deleting them", async () => {
    await run();
    await writeProject(manifestJson({ nodes: [modelNode({ name: "orders" })] }), catalog);
    const summary = await run();
    assert.deepEqual(
      summary.stale.map((s) => [s.model, path.basename(s.file)]),
      [["model.shop.customers", "customers.view.lkml"]],
    );
    assert.ok((await readdir(out)).includes("customers.view.lkml"));
  });

  it("falls back to YAML types without a catalog, with a note", async () => {
    await rm(path.join(project, "target", "catalog.json"));
    const summary = await run();
    assert.equal(summary.catalogFile, undefined);
    assert.match(summary.notes.join(), /no catalog\.json in .*target/);
    assert.equal(summary.written.length, 2);
  });

  describe("bad input", () => {
    const rejectsWith = async (
      options: Partial<GenerateOptions>,
      file: string,
      pattern: RegExp,
    ) => {
      await assert.rejects(
        run(options),
        (error: unknown) =>
          error instanceof UserError &&
          error.message.startsWith(`${file}: `) &&
          pattern.test(error.message),
      );
    };

    it("names a broken manifest", async () => {
      await writeProject('{"metadata": {', catalog);
      await rejectsWith({}, path.join(project, "target", "manifest.json"), /not valid JSON/);
    });

    it("names a missing manifest and says how to make one", async () => {
      await rejectsWith(
        { targetDir: "elsewhere" },
        path.join(project, "elsewhere", "manifest.json"),
        /dbt parse/,
      );
    });

    it("names a catalog given in place of the manifest", async () => {
      await writeProject(catalog);
      await assert.rejects(
        run(),
        (error: unknown) => error instanceof ArtifactError && /catalog/.test(error.message),
      );
    });

    it("names a broken catalog instead of silently dropping its types", async () => {
      await writeFile(path.join(project, "target", "catalog.json"), "{");
      await rejectsWith({}, path.join(project, "target", "catalog.json"), /not valid JSON/);
    });

    it("names an output folder that cannot be created", async () => {
      const blocker = path.join(root, "lookml");
      await writeFile(blocker, "a file where a folder should be");
      await rejectsWith({}, out, /cannot create the output folder/);
    });

    it("names a project folder that does not exist", async () => {
      const missing = path.join(root, "nope");
      await rejectsWith({ dbtProjectDir: missing }, missing, /no such file or folder/);
    });

    it("honours DBT_TARGET_PATH", async () => {
      await rejectsWith(
        { env: { DBT_TARGET_PATH: "other-target" } },
        path.join(project, "other-target", "manifest.json"),
        /no dbt manifest/,
      );
    });
  });
});
