import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";

const repoRoot = path.resolve(__dirname, "../../..");
const fixtures = path.join(repoRoot, "client/test/fixtures/grammar");
const corpus = path.resolve(repoRoot, "../shared/corpus");

/** Where each grammar this test can load lives, by scope name. */
const grammarFiles: Record<string, string> = {
  "source.lookml": path.join(repoRoot, "syntaxes/lookml.tmLanguage.json"),
  "source.sql": path.join(fixtures, "sql.tmLanguage.json"),
};

interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

let onigReady: Promise<void> | undefined;

function loadOniguruma(): Promise<void> {
  // The wasm may be loaded once per process; later calls reuse the first load.
  onigReady ??= oniguruma.loadWASM(
    fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer,
  );
  return onigReady;
}

function makeRegistry(known: readonly string[]): vsctm.Registry {
  return new vsctm.Registry({
    onigLib: loadOniguruma().then(() => ({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    })),
    loadGrammar: (scopeName) => {
      const file = grammarFiles[scopeName];
      if (file === undefined || !known.includes(scopeName)) return Promise.resolve(null);

      return Promise.resolve(vsctm.parseRawGrammar(fs.readFileSync(file, "utf8"), file));
    },
  });
}

async function loadLookml(known: readonly string[]): Promise<vsctm.IGrammar> {
  const grammar = await makeRegistry(known).loadGrammar("source.lookml");
  if (grammar === null) throw new Error("source.lookml did not load");
  return grammar;
}

/** Tokenizes a fixture line by line; returns the tokens of each line. */
async function tokenize(fixture: string, known: readonly string[]): Promise<Token[][]> {
  const grammar = await loadLookml(known);
  const lines = fs.readFileSync(path.join(fixtures, fixture), "utf8").split("\n");
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes,
    }));
  });
}

/** The token that starts at the first `text` in the first line holding `lineMark`. */
function tokenAt(doc: Token[][], lineMark: string, text: string): Token {
  const line = doc.find((tokens) =>
    tokens
      .map((t) => t.text)
      .join("")
      .includes(lineMark),
  );
  assert.ok(line, `no line holds ${JSON.stringify(lineMark)}`);

  const offset = line
    .map((t) => t.text)
    .join("")
    .indexOf(text);
  assert.ok(offset >= 0, `${JSON.stringify(text)} is not on the line ${JSON.stringify(lineMark)}`);

  let start = 0;
  for (const token of line) {
    if (start === offset) return token;
    start += token.text.length;
  }
  assert.fail(`no token starts at ${JSON.stringify(text)} on ${JSON.stringify(lineMark)}`);
}

function assertScope(doc: Token[][], lineMark: string, text: string, scope: string): void {
  const token = tokenAt(doc, lineMark, text);
  assert.ok(
    token.scopes.some((s) => s === scope),
    `${JSON.stringify(token.text)} on ${JSON.stringify(lineMark)}: ` +
      `expected ${scope}, got ${token.scopes.join(" ")}`,
  );
}

function assertNoScopeStarting(doc: Token[][], lineMark: string, text: string, prefix: string) {
  const token = tokenAt(doc, lineMark, text);
  assert.ok(
    !token.scopes.some((s) => s.startsWith(prefix)),
    `${JSON.stringify(token.text)} should have no ${prefix}*, got ${token.scopes.join(" ")}`,
  );
}

/** The 1-based line where the last still-open string or `;;` block began, or 0 if none is open. */
function unclosedFrom(grammar: vsctm.IGrammar, text: string): number {
  let state = vsctm.INITIAL;
  let openedAt = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    const next = grammar.tokenizeLine(line, state).ruleStack;
    if (state.depth === 1 && next.depth > 1) openedAt = index + 1;
    state = next;
  });
  return state.depth > 1 ? openedAt : 0;
}

function lookmlFilesUnder(folder: string): string[] {
  const entries = fs.readdirSync(folder, { withFileTypes: true, recursive: true });
  return (
    entries
      .filter((e) => e.isFile() && /\.(lkml|lookml)$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name))
      // LookML dashboards are YAML documents that share the extension.
      .filter((file) => !file.endsWith(".dashboard.lookml"))
  );
}

describe("LookML grammar", function () {
  describe("keys, names, values", function () {
    let doc: Token[][];
    before(async function () {
      doc = await tokenize("orders.view.lkml", ["source.lookml", "source.sql"]);
    });

    it("scopes a view declaration: object type, separator, name", function () {
      assertScope(doc, "view: orders {", "view", "storage.type.object.lookml");
      assertScope(doc, "view: orders {", ":", "punctuation.separator.key-value.lookml");
      assertScope(doc, "view: orders {", "orders", "entity.name.type.lookml");
      assertScope(doc, "view: orders {", "{", "punctuation.section.block.begin.lookml");
    });

    it("scopes nested named fields the same way", function () {
      assertScope(doc, "dimension: order_id", "dimension", "storage.type.object.lookml");
      assertScope(doc, "dimension: order_id", "order_id", "entity.name.type.lookml");
      assertScope(doc, "measure: total_amount", "total_amount", "entity.name.type.lookml");
    });

    it("scopes plain keys as property names", function () {
      assertScope(doc, "type: number", "type", "support.type.property-name.lookml");
      assertScope(doc, "include:", "include", "support.type.property-name.lookml");
      assertScope(
        doc,
        "value_format_name",
        "value_format_name",
        "support.type.property-name.lookml",
      );
    });

    it("scopes yes/no and numbers", function () {
      assertScope(doc, "primary_key: yes", "yes", "constant.language.boolean.lookml");
      assertScope(doc, "hidden: no", "no", "constant.language.boolean.lookml");
      assertScope(doc, "precision: 2", "2", "constant.numeric.lookml");
    });

    it("scopes field lists: set wildcard and exclusion", function () {
      assertScope(doc, "ALL_FIELDS*", "*", "keyword.operator.set.lookml");
      assertScope(doc, "ALL_FIELDS*", "-", "keyword.operator.exclude.lookml");
      assertScope(doc, "ALL_FIELDS*", "[", "punctuation.section.brackets.begin.lookml");
    });
  });

  describe("strings and comments", function () {
    let doc: Token[][];
    before(async function () {
      doc = await tokenize("orders.view.lkml", ["source.lookml", "source.sql"]);
    });

    it("scopes a line comment from # to the end of the line", function () {
      assertScope(doc, "# Generated", "#", "punctuation.definition.comment.lookml");
      assertScope(doc, "# Generated", " Generated", "comment.line.number-sign.lookml");
    });

    it("scopes strings and their escapes", function () {
      assertScope(doc, "label:", '"', "punctuation.definition.string.begin.lookml");
      assertScope(doc, "label:", "Orders ", "string.quoted.double.lookml");
      assertScope(doc, "label:", '\\"', "constant.character.escape.lookml");
    });

    it("keeps # inside a string a string, not a comment", function () {
      assertScope(doc, "label:", " # not a comment", "string.quoted.double.lookml");
      assertNoScopeStarting(doc, "label:", " # not a comment", "comment.");
    });

    it("keeps # inside an SQL block SQL, not a LookML comment", function () {
      assertNoScopeStarting(doc, "big # still sql", "'big # still sql'", "comment.");
      assertScope(doc, "big # still sql", "'big # still sql'", "string.quoted.single.sql");
    });
  });

  describe("embedded SQL, html and expressions", function () {
    let doc: Token[][];
    before(async function () {
      doc = await tokenize("orders.view.lkml", ["source.lookml", "source.sql"]);
    });

    it("marks the body of sql: as embedded SQL up to ;;", function () {
      assertScope(doc, "sql: ${TABLE}.order_id", "sql", "support.type.property-name.lookml");
      assertScope(doc, "sql: ${TABLE}.order_id", ".order_id ", "meta.embedded.block.sql");
      assertScope(doc, "sql: ${TABLE}.order_id", ";;", "punctuation.terminator.block.lookml");
    });

    it("hands the SQL body to source.sql", function () {
      assertScope(doc, "CASE WHEN", "CASE", "keyword.other.sql");
      assertScope(doc, "CASE WHEN", "CASE", "meta.embedded.block.sql");
    });

    it("scopes ${...} references inside SQL", function () {
      assertScope(doc, "${TABLE}.order_id", "${", "punctuation.definition.reference.begin.lookml");
      assertScope(doc, "${TABLE}.order_id", "TABLE", "variable.language.lookml");
      assertScope(doc, "CASE WHEN ${amount}", "amount", "variable.other.reference.lookml");
      assertScope(doc, "CASE WHEN ${amount}", "amount", "meta.embedded.block.sql");
    });

    it("scopes @{constants} inside SQL", function () {
      assertScope(doc, "sql_table_name", "@{", "punctuation.definition.constant.begin.lookml");
      assertScope(doc, "sql_table_name", "SCHEMA_NAME", "variable.other.constant.lookml");
      assertScope(doc, "sql_table_name", "sql_table_name", "support.type.property-name.lookml");
    });

    it("marks html: blocks as embedded html with Liquid", function () {
      assertScope(doc, "html: <b>", " <b>", "meta.embedded.block.html");
      assertScope(doc, "html: <b>", "{{", "punctuation.definition.tag.begin.liquid");
      assertScope(doc, "html: <b>", "value", "variable.other.liquid");
    });
  });

  describe("refinements, Liquid and multi-line blocks", function () {
    let doc: Token[][];
    before(async function () {
      doc = await tokenize("refinements.lkml", ["source.lookml", "source.sql"]);
    });

    it("scopes view: +name as a refinement", function () {
      assertScope(doc, "view: +orders", "+", "keyword.operator.refinement.lookml");
      assertScope(doc, "view: +orders", "+", "meta.refinement.lookml");
      assertScope(doc, "view: +orders", "orders", "entity.name.type.refinement.lookml");
      assertScope(doc, "explore: +orders", "orders", "entity.name.type.refinement.lookml");
    });

    it("keeps a multi-line sql: block embedded until ;;", function () {
      assertScope(doc, "SELECT ${orders.status}", "SELECT", "meta.embedded.block.sql");
      assertScope(doc, "SELECT ${orders.status}", "SELECT", "keyword.other.sql");
      assertScope(doc, "    ;;", ";;", "punctuation.terminator.block.lookml");
      assertScope(doc, "measure: big_orders", "measure", "storage.type.object.lookml");
      assertNoScopeStarting(doc, "measure: big_orders", "measure", "meta.embedded");
    });

    it("scopes Liquid tags, keywords and comparisons", function () {
      assertScope(doc, "{% if orders", "{%", "punctuation.definition.tag.begin.liquid");
      assertScope(doc, "{% if orders", "if", "keyword.control.liquid");
      assertScope(doc, "{% if orders", "==", "keyword.operator.comparison.liquid");
      assertScope(doc, "{% if orders", "\"'open'\"", "string.quoted.liquid");
      assertScope(doc, "{% endif %}", "endif", "keyword.control.liquid");
    });

    it("scopes Liquid output with filters inside sql_always_where", function () {
      assertScope(doc, "_user_attributes", "{{", "meta.embedded.block.sql");
      assertScope(doc, "_user_attributes", "_user_attributes", "variable.other.liquid");
      assertScope(doc, "_user_attributes", "upcase", "support.function.filter.liquid");
    });

    it("scopes dotted field paths used as filter keys", function () {
      assertScope(
        doc,
        "filters: [orders.amount",
        "orders.amount",
        "support.type.property-name.lookml",
      );
      assertScope(
        doc,
        "filters: [orders.amount",
        '">100"',
        "punctuation.definition.string.begin.lookml",
      );
    });

    it("scopes sql_on, expression and sql_trigger_value blocks", function () {
      assertScope(doc, "sql_on:", " = ", "meta.embedded.block.sql");
      assertScope(doc, "sql_on:", "customers", "variable.other.reference.lookml");
      assertScope(doc, "expression:", "sum", "support.function.expression.lookml");
      assertScope(doc, "expression:", "/", "keyword.operator.expression.lookml");
      assertScope(doc, "sql_trigger_value", "SCHEMA_NAME", "variable.other.constant.lookml");
      assertScope(doc, "derived_table: {", "derived_table", "support.type.property-name.lookml");
    });
  });

  describe("without an SQL grammar", function () {
    it("still scopes the block, its references and its end", async function () {
      const doc = await tokenize("orders.view.lkml", ["source.lookml"]);

      assertScope(doc, "CASE WHEN", " CASE WHEN ", "meta.embedded.block.sql");
      assertScope(doc, "CASE WHEN", "amount", "variable.other.reference.lookml");
      assertScope(doc, "CASE WHEN", ";;", "punctuation.terminator.block.lookml");
      assertScope(doc, "measure: total_amount", "measure", "storage.type.object.lookml");
    });
  });

  describe("on real projects", function () {
    it("closes every string and ;; block it opens in the corpus", async function () {
      if (!fs.existsSync(corpus)) {
        console.log(`skipped: no corpus at ${corpus}`);
        this.skip();
      }
      const grammar = await loadLookml(["source.lookml"]);

      const files = lookmlFilesUnder(corpus);
      const open = files
        .map((file) => ({ file, line: unclosedFrom(grammar, fs.readFileSync(file, "utf8")) }))
        .filter((r) => r.line > 0)
        .map((r) => `${path.relative(corpus, r.file)}:${r.line}`);

      assert.ok(files.length > 100, `only ${files.length} LookML files found under ${corpus}`);
      assert.deepEqual(open, []);
    });
  });

  describe("language configuration", function () {
    interface IndentationRules {
      increaseIndentPattern: string;
      decreaseIndentPattern: string;
    }
    interface LanguageConfiguration {
      comments: { lineComment: string };
      wordPattern: string;
      indentationRules: IndentationRules;
      folding: { markers: { start: string; end: string } };
    }
    const file = path.join(repoRoot, "syntaxes/language-configuration.json");
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as LanguageConfiguration;

    it("comments lines with #", function () {
      assert.equal(config.comments.lineComment, "#");
    });

    it("indents after an opening brace and outdents at a closing one", function () {
      const increase = new RegExp(config.indentationRules.increaseIndentPattern);
      const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);

      assert.ok(increase.test("view: +orders {"));
      assert.ok(increase.test("  fields: ["));
      assert.ok(!increase.test("  dimension: id {}"));
      assert.ok(decrease.test("  }"));
      assert.ok(!decrease.test("  type: number"));
    });

    it("folds #region blocks and takes field names as words", function () {
      const start = new RegExp(config.folding.markers.start);
      const word = new RegExp(config.wordPattern);

      assert.ok(start.test("  # region refinements"));
      assert.ok(new RegExp(config.folding.markers.end).test("# endregion"));
      assert.equal(word.exec("${orders.order_total}")?.[0], "orders");
    });
  });
});
