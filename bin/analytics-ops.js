#!/usr/bin/env node
"use strict";
// The CLI is bundled into dist/ by `npm install` (prepare) or `npm run build`.
const path = require("node:path");
const fs = require("node:fs");
const cli = path.join(__dirname, "..", "dist", "cli.js");
if (!fs.existsSync(cli)) {
  process.stderr.write(`analytics-ops: ${cli} is missing; run \`npm run build\` first.\n`);
  process.exit(2);
}
require(cli);
