import * as assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import {
  ArtifactError,
  findDbtProjects,
  findDbtProjectUp,
  readDbtProject,
  resolveTargetDir,
} from "../../src/dbt";

describe("dbt project lookup", () => {
  let root = "";
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "dbt-project-"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function project(dir: string, yaml: string): Promise<string> {
    const full = path.join(root, dir);
    await mkdir(full, { recursive: true });
    await writeFile(path.join(full, "dbt_project.yml"), yaml);
    return full;
  }

  it("reads the name, target-path and model-paths", async () => {
    const dir = await project("shop", "name: shop\ntarget-path: build/dbt\nmodel-paths: [src]\n");
    const read = await readDbtProject(dir);
    assert.ok(read !== undefined);
    assert.equal(read.name, "shop");
    assert.equal(read.targetPath, "build/dbt");
    assert.deepEqual(read.modelPaths, ["src"]);
  });

  it("ignores a Jinja target-path, which only dbt can render", async () => {
    const dir = await project("shop", "name: shop\ntarget-path: \"{{ env_var('T') }}\"\n");
    assert.equal((await readDbtProject(dir))?.targetPath, undefined);
  });

  it("gives undefined without dbt_project.yml, names the file when its YAML is bad", async () => {
    assert.equal(await readDbtProject(root), undefined);
    const dir = await project("bad", "name: [shop\n");
    await assert.rejects(
      readDbtProject(dir),
      (error: unknown) =>
        error instanceof ArtifactError &&
        error.file === path.join(dir, "dbt_project.yml") &&
        /not valid YAML/.test(error.message),
    );
  });

  it("chooses the target folder as dbt does", () => {
    const dbtProject = { dir: "/p", file: "/p/dbt_project.yml", modelPaths: [], targetPath: "out" };
    const env = { DBT_TARGET_PATH: "env-target" };
    assert.deepEqual(resolveTargetDir("/p", { explicit: "/x/t", env, project: dbtProject }), {
      dir: "/x/t",
      source: "explicit",
    });
    assert.deepEqual(resolveTargetDir("/p", { env, project: dbtProject }), {
      dir: "/p/env-target",
      source: "DBT_TARGET_PATH",
    });
    assert.deepEqual(resolveTargetDir("/p", { env: {}, project: dbtProject }), {
      dir: "/p/out",
      source: "dbt_project.yml",
    });
    assert.deepEqual(resolveTargetDir("/p"), { dir: "/p/target", source: "default" });
  });

  it("finds the project above a file and the projects below a folder", async () => {
    const shop = await project("repo/dbt/shop", "name: shop\n");
    await project("repo/dbt/shop/dbt_packages/utils", "name: utils\n");
    await project("repo/dbt/shop/target/x", "name: copied\n");
    const other = await project("repo/other", "name: other\n");
    const deep = path.join(shop, "models", "marts");
    await mkdir(deep, { recursive: true });

    assert.equal(await findDbtProjectUp(deep), shop);
    assert.deepEqual(await findDbtProjects(path.join(root, "repo")), [shop, other].sort());
    assert.equal(await findDbtProjectUp(tmpdir()), undefined);
  });
});
