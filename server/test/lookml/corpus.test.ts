import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { isDashboardFile, parseDashboard } from "../../src/lookml/dashboard";
import { parseLookml } from "../../src/lookml/parser";
import { assertRangesMatch, corpusRoot, listFiles } from "./support";

// Every corpus file that truly is broken, checked by hand, with what is wrong with it.
// Any other file must parse with no syntax error.
const NODE_PARSER = "lookml/fabio-looker__node-lookml-parser/test-projects";
const LAMS = "lookml/looker-open-source__look-at-me-sideways/__tests__/dummy-projects";
const BROKEN: Record<string, string> = {
  [`${NODE_PARSER}/010-list-commas/x-no-empty-middle.view.lkml`]:
    "`fields: [id,,name]` has an empty item between two commas (upstream expects it to fail)",
  [`${LAMS}/11-syntax-error/error.model.lkml`]:
    "the explore's closing `}` is commented out on purpose",
  [`${LAMS}/14-ignore-paths/misc2/ignore_me.model.lkml`]:
    "`explore: ignore_me this_syntax_is_not_ok`: a second word with no key and no colon",
};

const isLookml = (name: string): boolean =>
  (name.endsWith(".lkml") || name.endsWith(".lookml")) && !isDashboardFile(name);

function corpusFiles(accept: (name: string) => boolean): string[] {
  return ["lookml", "pairs"].flatMap((folder) =>
    listFiles(path.join(corpusRoot, folder), accept).map((file) => `${folder}/${file}`),
  );
}

function read(file: string): string {
  return fs.readFileSync(path.join(corpusRoot, file), "utf8");
}

describe("parseLookml: the corpus of real projects", function () {
  before(function () {
    if (fs.existsSync(corpusRoot)) return;
    console.log(`skipped: no LookML corpus at ${corpusRoot}`);
    this.skip();
  });

  it("reports syntax errors in exactly the broken files", () => {
    const files = corpusFiles(isLookml);
    assert.ok(files.length > 1000, `only ${files.length} LookML files found`);
    const failing = files.filter((file) => parseLookml(read(file)).errors.length > 0);
    assert.deepEqual(failing, Object.keys(BROKEN).sort());
  });

  it("gives ranges that point at the right text in every file", () => {
    for (const file of corpusFiles(isLookml)) {
      const text = read(file);
      try {
        assertRangesMatch(text, parseLookml(text));
      } catch (error) {
        assert.fail(`${file}: ${String(error)}`);
      }
    }
  });

  it("survives every file cut short, with ranges still on the right text", () => {
    for (const file of corpusFiles(isLookml)) {
      const text = read(file);
      for (const fraction of [0.13, 0.5, 0.77]) {
        const cut = text.slice(0, Math.floor(text.length * fraction));
        try {
          assertRangesMatch(cut, parseLookml(cut));
        } catch (error) {
          assert.fail(`${file} cut at ${String(fraction)}: ${String(error)}`);
        }
      }
    }
  });

  it("reads every YAML dashboard without error", () => {
    const dashboards = corpusFiles(isDashboardFile);
    assert.ok(dashboards.length > 40, `only ${dashboards.length} dashboards found`);
    for (const file of dashboards) assert.deepEqual(parseDashboard(read(file)).errors, [], file);
  });
});
