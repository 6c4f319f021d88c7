#!/usr/bin/env node
// Runs the sandbox from its TypeScript source: tsx compiles it on the fly.
'use strict';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `senseon-sandbox needs Node 22 or newer (it uses node:sqlite); this is Node ${process.versions.node}.`,
  );
  process.exit(1);
}

require('tsx/cjs');
require('../src/cli.ts');
