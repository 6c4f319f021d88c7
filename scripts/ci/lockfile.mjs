/* global console, process */
// Fails when package-lock.json lacks an optional package that some locked package declares.
// npm leaves out other platforms' optional binaries (say @unrs/resolver-binding-darwin-arm64)
// when it rewrites the lock over a node_modules installed on this platform; the lock then
// works here and nowhere else: `npm ci` refuses it on another machine, `npm install` rewrites
// it. A lock generated without node_modules names them all (CONTRIBUTING.md says how).
//
//   node scripts/ci/lockfile.mjs [path/to/package-lock.json]
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'package-lock.json';
const { packages } = JSON.parse(readFileSync(file, 'utf8'));

/** Where Node would find `name` from the package at `from`: its own node_modules, then up. */
function locate(from, name) {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (candidate in packages) return candidate;
    if (!dir) return undefined;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up >= 0 ? dir.slice(0, up) : '';
  }
}

const missing = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!locate(path, name)) missing.push(`${name} (optional dependency of ${path || 'the root'})`);
  }
}
if (missing.length > 0) {
  console.error(`${file} lacks ${missing.length} optional package(s) another platform needs:`);
  for (const entry of missing) console.error(`  ${entry}`);
  console.error("Regenerate it as CONTRIBUTING.md says ('Updating the lockfile').");
  process.exit(1);
}
console.log(`${file} names every optional package of every platform.`);
