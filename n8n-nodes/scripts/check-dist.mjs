/* global console, process */
// Loads dist/ the way n8n's package loader does: every file of package.json's `n8n` block is
// required, the class named like the file is constructed, and its icons and codex file must be
// beside it. Run it under each Node version n8n hosts use (20 and 24) after the build:
//   node n8n-nodes/scripts/check-dist.mjs
// `n8n-workflow` must be resolvable (it is n8n's, a peer dependency): from n8n-nodes/ it is.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const require = createRequire(join(root, 'package.json'));
const problems = [];

function iconFiles(icon) {
  const paths = typeof icon === 'string' ? [icon] : Object.values(icon ?? {});
  return paths.filter((p) => typeof p === 'string' && p.startsWith('file:')).map((p) => p.slice(5));
}

for (const kind of ['credentials', 'nodes']) {
  for (const file of manifest.n8n[kind]) {
    const path = join(root, file);
    const className = basename(file).split('.')[0];
    const loaded = require(path)[className];
    if (typeof loaded !== 'function') {
      problems.push(`${file}: no class ${className}`);
      continue;
    }
    const instance = new loaded();
    const description = kind === 'nodes' ? instance.description : instance;
    for (const icon of iconFiles(description.icon)) {
      if (!existsSync(join(dirname(path), icon))) problems.push(`${file}: icon ${icon} missing`);
    }
    if (kind === 'nodes') {
      if (!existsSync(`${path}on`)) problems.push(`${file}: codex ${basename(path)}on missing`);
      // A versioned node (n8n's VersionedNodeType) keeps its properties in each version.
      const versions = instance.nodeVersions ? Object.values(instance.nodeVersions) : [instance];
      for (const version of versions) {
        const properties = version.description.properties;
        if (!Array.isArray(properties) || properties.length === 0) {
          problems.push(`${file}: no properties (version ${version.description.version})`);
        }
      }
    }
    console.log(`ok ${file}: ${description.name} (${description.displayName})`);
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
} else {
  console.log(`dist loads on Node ${process.versions.node}`);
}
