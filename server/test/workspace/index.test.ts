import * as assert from "node:assert/strict";
import { findingsOf } from "../../src/diagnostics/engine";
import { lookupConstant } from "../../src/diagnostics/constants";
import type { ArtifactStatus } from "../../src/workspace/dbtProjects";
import { MemoryFileSystem, OverlayFileSystem } from "../../src/workspace/fileSystem";
import { WorkspaceIndex } from "../../src/workspace/workspaceIndex";

function build(
  files: Record<string, string>,
  roots = ["/ws"],
): { fs: MemoryFileSystem; index: WorkspaceIndex } {
  const fs = new MemoryFileSystem(files);
  const index = new WorkspaceIndex({ fs, roots, target: { env: {} } });
  index.load();
  return { fs, index };
}

function included(index: WorkspaceIndex, model: string): string[] {
  const ctx = index.contextsOf(model).find((c) => c.model === model);
  return ctx?.files.filter((f) => f !== model) ?? [];
}

function codes(index: WorkspaceIndex, file: string): string[] {
  return findingsOf(index, file).map((f) => f.code);
}

const VIEW = (name: string): string => `view: ${name} {\n  dimension: id {}\n}\n`;

describe("include resolution", () => {
  it("resolves relative, root, glob and suffix-less includes, sorted by path", () => {
    const { index } = build({
      "/ws/manifest.lkml": 'project_name: "p"\n',
      "/ws/models/m.model.lkml": [
        'include: "../views/a.view"',
        'include: "/views/sub/**/*.view.lkml"',
        'include: "/explores/*"',
        'include: "sibling.lkml"',
      ].join("\n"),
      "/ws/models/sibling.lkml": "",
      "/ws/views/a.view.lkml": VIEW("a"),
      "/ws/views/b.view.lkml": VIEW("b"),
      "/ws/views/sub/c.view.lkml": VIEW("c"),
      "/ws/views/sub/deeper/d.view.lkml": VIEW("d"),
      "/ws/explores/e.explore.lkml": "explore: a {}\n",
    });
    assert.deepEqual(included(index, "/ws/models/m.model.lkml"), [
      "/ws/views/a.view.lkml",
      "/ws/views/sub/c.view.lkml",
      "/ws/views/sub/deeper/d.view.lkml",
      "/ws/explores/e.explore.lkml",
      "/ws/models/sibling.lkml",
    ]);
  });

  it("resolves //project from imported_projects/ and from a project open beside it", () => {
    const { index } = build(
      {
        "/a/manifest.lkml": 'project_name: "spoke"\nlocal_dependency: { project: "hub" }\n',
        "/a/m.model.lkml": 'include: "//hub/views/*.view"\ninclude: "//lib/x.view"\n',
        "/a/imported_projects/lib/x.view.lkml": VIEW("x"),
        "/b/manifest.lkml": 'project_name: "hub"\n',
        "/b/views/h.view.lkml": VIEW("h"),
      },
      ["/a", "/b"],
    );
    assert.deepEqual(included(index, "/a/m.model.lkml"), [
      "/b/views/h.view.lkml",
      "/a/imported_projects/lib/x.view.lkml",
    ]);
  });

  it("finds the root of a project without a manifest from its models' includes", () => {
    const { index } = build({
      "/ws/repo/spoke/spoke.model.lkml": 'include: "/hub/views/*.view.lkml"\nexplore: h {}\n',
      "/ws/repo/hub/views/h.view.lkml": VIEW("h"),
    });
    assert.equal(index.projectOf("/ws/repo/spoke/spoke.model.lkml")?.root, "/ws/repo");
    assert.deepEqual(codes(index, "/ws/repo/spoke/spoke.model.lkml"), []);
  });

  it("skips hidden folders, node_modules and dbt_packages", () => {
    const { index } = build({
      "/ws/m.model.lkml": "",
      "/ws/.git/x.view.lkml": VIEW("x"),
      "/ws/node_modules/y.view.lkml": VIEW("y"),
      "/ws/dbt_packages/z.view.lkml": VIEW("z"),
    });
    assert.deepEqual(index.filePaths(), ["/ws/m.model.lkml"]);
  });
});

describe("refinements and extends", () => {
  const files = {
    "/ws/m.model.lkml":
      'include: "/views/*.view"\ninclude: "/refinements/b.lkml"\n' +
      'include: "/refinements/a.lkml"\nexplore: v {}\n',
    "/ws/views/v.view.lkml": "view: v {\n  dimension: id {}\n  dimension: status {}\n}\n",
    "/ws/refinements/a.lkml":
      'view: +v {\n  dimension: status { label: "A" }\n}\n' +
      'view: +v {\n  dimension: status { label: "A2" }\n}\n',
    "/ws/refinements/b.lkml":
      'view: +v {\n  dimension: status { label: "B" }\n  measure: total { type: count }\n}\n',
  };

  it("applies refinements in include order, then in file order", () => {
    const { index } = build(files);
    const view = index.contextsOf("/ws/m.model.lkml")[0]?.view("v");
    const labels = view?.fields.get("status")?.decls.map((d) => d.file.split("/").pop());
    assert.deepEqual(labels, ["v.view.lkml", "b.lkml", "a.lkml", "a.lkml"]);
    assert.ok(view?.fields.has("total"));
  });

  it("rejects a refinement after final: yes, in include order", () => {
    const { index } = build({
      ...files,
      "/ws/refinements/b.lkml": "view: +v {\n  final: yes\n}\n",
    });
    assert.deepEqual(codes(index, "/ws/refinements/a.lkml"), [
      "ref/refinement-after-final",
      "ref/refinement-after-final",
    ]);
    assert.deepEqual(codes(index, "/ws/refinements/b.lkml"), []);
  });

  it(
    "inherits fields through extends, lets the extender " +
      "override them, and keeps abstract views out of explores",
    () => {
      const { index } = build({
        "/ws/m.model.lkml": [
          "view: base { extension: required dimension: id { type: number } dimension: name {} }",
          "view: child { extends: [base] " +
            'dimension: name { type: string label: "Child" } dimension: own {} }',
          "explore: child {}",
          "explore: base {}",
        ].join("\n"),
      });
      const child = index.contextsOf("/ws/m.model.lkml")[0]?.view("child");
      assert.deepEqual([...(child?.fields.keys() ?? [])].sort(), ["id", "name", "own"]);
      assert.equal(child?.fields.get("id")?.view, "base");
      assert.equal(child.fields.get("name")?.decls.length, 2);
      assert.equal(child.extensionRequired, false);
      assert.deepEqual(codes(index, "/ws/m.model.lkml"), ["ref/extension-required"]);
    },
  );
});

describe("constants", () => {
  it("resolves own and imported constants, with override_constant winning", () => {
    const { index } = build(
      {
        "/a/manifest.lkml": [
          'project_name: "spoke"',
          'constant: SCHEMA { value: "spoke_schema" }',
          'local_dependency: { project: "hub" override_constant: CONN { value: "spoke_conn" } }',
        ].join("\n"),
        "/a/m.model.lkml":
          'connection: "@{CONN}"\n' +
          'explore: x { label: "@{SCHEMA} @{HUB_ONLY} @{NOPE}" }\nview: x {}\n',
        "/b/manifest.lkml":
          'project_name: "hub"\nconstant: CONN { value: "hub_conn" }\n' +
          'constant: HUB_ONLY { value: "h" }\n',
      },
      ["/a", "/b"],
    );
    const project = index.projectOf("/a/m.model.lkml");
    assert.ok(project);
    assert.equal(lookupConstant(index, project, "CONN")?.value, "spoke_conn");
    assert.equal(lookupConstant(index, project, "HUB_ONLY")?.value, "h");
    assert.equal(lookupConstant(index, project, "SCHEMA")?.value, "spoke_schema");
    assert.deepEqual(codes(index, "/a/m.model.lkml"), ["ref/unknown-constant"]);
  });

  it("does not judge constants when the imported project is not in the workspace", () => {
    const { index } = build({
      "/ws/manifest.lkml":
        'project_name: "spoke"\nremote_dependency: hub { url: "x" ref: "main" }\n',
      "/ws/m.model.lkml": 'connection: "@{ANYTHING}"\n',
    });
    assert.deepEqual(codes(index, "/ws/m.model.lkml"), []);
  });
});

describe("incremental updates", () => {
  const files = {
    "/ws/m.model.lkml":
      'include: "/views/*.view"\ninclude: "/refinements/*.lkml"\n' +
      "explore: orders {}\nexplore: users {}\n",
    "/ws/views/orders.view.lkml": "view: orders {\n  dimension: id {}\n  dimension: status {}\n}\n",
    "/ws/views/users.view.lkml": "view: users {\n  dimension: id {}\n}\n",
    "/ws/refinements/orders.lkml": 'view: +orders {\n  dimension: status { label: "S" }\n}\n',
  };

  it("re-checks only the files that depend on the edited one", () => {
    const { fs, index } = build(files);
    fs.write(
      "/ws/views/orders.view.lkml",
      "view: orders {\n  dimension: id {}\n  dimension: state {}\n}\n",
    );
    const change = index.update("/ws/views/orders.view.lkml");
    assert.deepEqual([...change.affected].sort(), [
      "/ws/m.model.lkml",
      "/ws/refinements/orders.lkml",
      "/ws/views/orders.view.lkml",
    ]);
    assert.ok(!change.affected.includes("/ws/views/users.view.lkml"));
  });

  it("an unchanged text affects nothing; a new file is picked up by the globs", () => {
    const { fs, index } = build(files);
    assert.deepEqual(index.update("/ws/views/users.view.lkml").affected, []);
    fs.write("/ws/views/items.view.lkml", "view: items {\n  dimension: id {}\n}\n");
    const change = index.update("/ws/views/items.view.lkml");
    assert.ok(change.affected.includes("/ws/views/items.view.lkml"));
    assert.ok(index.contextsOf("/ws/m.model.lkml")[0]?.view("items"));
  });

  it("a deleted base view turns its refinement into drift, and back when restored", () => {
    const { fs, index } = build(files);
    const original = fs.readFile("/ws/views/orders.view.lkml") ?? "";
    fs.delete("/ws/views/orders.view.lkml");
    const change = index.update("/ws/views/orders.view.lkml");
    assert.ok(change.affected.includes("/ws/refinements/orders.lkml"));
    assert.deepEqual(codes(index, "/ws/refinements/orders.lkml"), [
      "drift/refinement-target-missing",
    ]);

    fs.write("/ws/views/orders.view.lkml", original);
    index.update("/ws/views/orders.view.lkml");
    assert.deepEqual(codes(index, "/ws/refinements/orders.lkml"), []);
  });

  it("an open, unsaved document wins over the disk", () => {
    const disk = new MemoryFileSystem(files);
    const overlay = new OverlayFileSystem(disk);
    const index = new WorkspaceIndex({ fs: overlay, roots: ["/ws"] });
    index.load();
    overlay.setOpen(
      "/ws/views/users.view.lkml",
      "view: users {\n  dimension: id {}\n  dimension: id {}\n}\n",
    );
    index.update("/ws/views/users.view.lkml");
    assert.deepEqual(codes(index, "/ws/views/users.view.lkml"), ["ref/duplicate-field"]);
    overlay.close("/ws/views/users.view.lkml");
    index.update("/ws/views/users.view.lkml");
    assert.deepEqual(codes(index, "/ws/views/users.view.lkml"), []);
  });
});

describe("dbt artifacts", () => {
  const manifest = (columns: string[]): string =>
    JSON.stringify({
      metadata: {
        dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json",
        adapter_type: "postgres",
      },
      nodes: {
        "model.shop.orders": {
          resource_type: "model",
          unique_id: "model.shop.orders",
          name: "orders",
          relation_name: '"db"."shop"."orders"',
          original_file_path: "models/orders.sql",
          columns: Object.fromEntries(columns.map((c) => [c, { name: c, data_type: "text" }])),
          config: { materialized: "table" },
        },
      },
    });

  it("keeps the last good manifest while dbt rewrites it, then takes the new one", () => {
    const { fs, index } = build({
      "/ws/dbt/dbt_project.yml": "name: shop\n",
      "/ws/dbt/target/manifest.json": manifest(["id", "status"]),
    });
    const state = index.dbtProjects()[0];
    assert.equal(state?.status.kind, "loaded");
    assert.ok(state.model("model.shop.orders")?.columns.has("status"));

    fs.write("/ws/dbt/target/manifest.json", manifest(["id", "state"]).slice(0, 80));
    const waiting = index.onArtifactChanged("/ws/dbt/target/manifest.json");
    assert.ok(waiting.retryAfterMs !== undefined && waiting.retryAfterMs > 0);
    const status = state.status as ArtifactStatus;
    assert.ok(status.kind === "waiting" && status.stale);
    assert.match(status.reason, /^the file is not valid JSON: it ends part-way through \(/);
    assert.ok(
      state.model("model.shop.orders")?.columns.has("status"),
      "the last good manifest stays",
    );

    fs.write("/ws/dbt/target/manifest.json", manifest(["id", "state"]));
    const done = index.onArtifactChanged("/ws/dbt/target/manifest.json");
    assert.equal(done.retryAfterMs, undefined);
    assert.equal(state.status.kind, "loaded");
    assert.ok(state.model("model.shop.orders")?.columns.has("state"));
  });

  it("finds the target folder from dbt_project.yml and from DBT_TARGET_PATH", () => {
    const files = {
      "/ws/dbt/dbt_project.yml": "name: shop\ntarget-path: build\n",
      "/ws/dbt/build/manifest.json": manifest(["id"]),
      "/ws/dbt/env-target/manifest.json": manifest(["id", "extra"]),
    };
    const fromYaml = build(files).index.dbtProjects()[0];
    assert.equal(fromYaml?.manifestFile, "/ws/dbt/build/manifest.json");

    const fs = new MemoryFileSystem(files);
    const index = new WorkspaceIndex({
      fs,
      roots: ["/ws"],
      target: { env: { DBT_TARGET_PATH: "env-target" } },
    });
    index.load();
    assert.ok(index.dbtProjects()[0]?.model("model.shop.orders")?.columns.has("extra"));
  });
});

describe("manifest edits", () => {
  it("re-checks the project's files when a constant changes, without rebuilding", () => {
    const { fs, index } = build({
      "/ws/manifest.lkml": 'project_name: "p"\nconstant: A { value: "x" }\n',
      "/ws/m.model.lkml": 'connection: "@{A}"\ninclude: "/v.view.lkml"\nexplore: v {}\n',
      "/ws/v.view.lkml": "view: v {\n  sql_table_name: @{B} ;;\n}\n",
    });
    assert.deepEqual(codes(index, "/ws/v.view.lkml"), ["ref/unknown-constant"]);
    const contexts = index.contextsOf("/ws/v.view.lkml");

    fs.write(
      "/ws/manifest.lkml",
      'project_name: "p"\nconstant: A { value: "x" }\nconstant: B { value: "y" }\n',
    );
    const change = index.update("/ws/manifest.lkml");
    assert.deepEqual([...change.affected].sort(), [
      "/ws/m.model.lkml",
      "/ws/manifest.lkml",
      "/ws/v.view.lkml",
    ]);
    assert.deepEqual(codes(index, "/ws/v.view.lkml"), []);
    assert.equal(index.contextsOf("/ws/v.view.lkml")[0], contexts[0], "the contexts were kept");
  });
});
