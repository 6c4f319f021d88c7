#!/usr/bin/env node
// The senseon-sandbox command: checks the Node version, then runs the built server (dist/cli.js,
// made by `npm run build -w @senseon/sandbox`). Inside the repository, `npm run sandbox` runs the
// TypeScript source instead, with no build.
'use strict';

const [major, minor] = process.versions.node.split('.').map(Number);
// node:sqlite, the sandbox's database, is built into Node without a flag from 22.13 on.
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(
    `senseon-sandbox needs Node 22 or newer (22.13+, for node:sqlite); this is Node ${process.versions.node}.`,
  );
  process.exit(1);
}

const path = require('node:path');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!require('node:fs').existsSync(cli)) {
  console.error(
    `senseon-sandbox: ${cli} is missing. In the repository, build it (npm run build -w @senseon/sandbox) or run the source (npm run sandbox).`,
  );
  process.exit(1);
}
require(cli);
