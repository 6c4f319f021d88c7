/* global console, process */
// Builds the publishable package into dist/: one CommonJS bundle with the client core and zod
// inside (a community package may have no runtime dependencies), and for each node and
// credential a small file where n8n looks for it, with its icons and codex file beside it.
// Run from the repo root: `npm run n8n:build`.
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// SENSEON_N8N_DIST: build elsewhere (test/n8n-bundle.test.ts), leaving dist/ alone.
const dist = process.env.SENSEON_N8N_DIST
  ? resolve(process.env.SENSEON_N8N_DIST)
  : join(root, 'dist');
const bundleName = 'senseon.js';

/** What n8n loads (package.json `n8n` block), the class each file exports, and its assets. */
const ENTRIES = [
  {
    file: 'credentials/SenseOnApi.credentials.js',
    className: 'SenseOnApi',
    assets: ['credentials/senseon.svg', 'credentials/senseon.dark.svg'],
  },
  ...['SenseOn', 'SenseOnTrigger', 'SenseOnPollTrigger', 'SenseOnStreamTrigger'].map((name) => ({
    file: `nodes/${name}/${name}.node.js`,
    className: name,
    assets: [
      `nodes/${name}/${name}.node.json`,
      `nodes/${name}/senseon.svg`,
      `nodes/${name}/senseon.dark.svg`,
    ],
  })),
];

/**
 * No source of ours is rewritten here. The core's platform differences (waiting, the
 * User-Agent's runtime, the transport) are injected: the nodes build `BaseSenseOnClient` with
 * n8n's platform (nodes/SenseOn/transport/platform.ts), and the Node defaults that
 * `SenseOnClient` brings sit in a module nothing here calls, so esbuild leaves them out.
 * `checkBundle` below fails the build if any of them (or any other restricted global) gets in.
 */

/**
 * A size trim of a third-party file, not a platform fix: zod's `z.locales` namespace pulls in
 * the error messages of every language (a third of the bundle). Errors here are shown in
 * English only, so this private copy of zod gets a locales index that exports English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-locale-only',
  setup(builder) {
    builder.onLoad({ filter: /node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";\n',
      loader: 'js',
    }));
  },
};

/**
 * The one module of the core the n8n bundle leaves out: the compiled response check, whose ajv
 * code generation uses the `Function` constructor n8n's scanner refuses. Its stand-in
 * (scripts/no-compiled-check.ts) says "no compiled check", so zod checks every response.
 */
const withoutCompiledCheck = {
  name: 'core-without-compiled-check',
  setup(builder) {
    builder.onResolve({ filter: /[\\/]compiled-check$/ }, (args) =>
      /shared[\\/]src[\\/]http[\\/]/.test(args.importer)
        ? { path: join(root, 'scripts', 'no-compiled-check.ts') }
        : undefined,
    );
  },
};

/**
 * What n8n's scanner rejects in a community package's code, and what would mean that a Node
 * default of the core (its timers, `process`, `fetch`) reached the bundle. Checked here too so
 * the build itself says which one and where.
 */
const RESTRICTED = [
  /\bsetTimeout\s*\(/,
  /\bsetInterval\s*\(/,
  /\bsetImmediate\s*\(/,
  /\bprocess\s*\./,
  /\bglobalThis\b/,
  /\b__dirname\b/,
  // The global `fetch`, not a method of that name (`args.fetch()` in the summary wait).
  /(?<![.\w$])fetch\s*\(/,
  /\bFetchTransport\b/,
  // ajv's generated validators (see withoutCompiledCheck); the scanner's no-dangerous-functions.
  /\bnew Function\s*\(/,
];

async function checkBundle(file) {
  const code = await readFile(file, 'utf8');
  const found = RESTRICTED.flatMap((pattern) => {
    const match = pattern.exec(code);
    if (!match) return [];
    const line = code.slice(0, match.index).split('\n').length;
    return [`${pattern} at line ${line}`];
  });
  if (found.length > 0) {
    throw new Error(`n8n build: ${relative(root, file)} contains ${found.join(', ')}`);
  }
}

async function bundle() {
  const result = await build({
    entryPoints: [join(root, 'index.ts')],
    outfile: join(dist, bundleName),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['n8n-workflow'],
    plugins: [zodEnglishOnly, withoutCompiledCheck],
    // zod keeps its registry on globalThis so that copies in one process share it. This copy is
    // private to the package: keeping its registry private too means it never touches (or is
    // touched by) n8n's own zod, and the package uses no process-wide state.
    define: { globalThis: 'senseonBundleScope' },
    banner: {
      js: '// n8n-nodes-senseon: the SenseOn client core and zod, bundled; n8n-workflow is provided by n8n.\nvar senseonBundleScope = {};',
    },
    legalComments: 'eof',
    minifySyntax: true,
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
}

async function writeEntries() {
  for (const entry of ENTRIES) {
    const target = join(dist, entry.file);
    await mkdir(dirname(target), { recursive: true });
    const bundlePath = relative(dirname(target), join(dist, bundleName)).split('\\').join('/');
    const specifier = bundlePath.startsWith('.') ? bundlePath : `./${bundlePath}`;
    await writeFile(
      target,
      `'use strict';\n// n8n loads this file and takes the class named like it; the code is in ${bundleName}.\n` +
        `module.exports = { ${entry.className}: require('${specifier}').${entry.className} };\n`,
    );
    for (const asset of entry.assets) {
      await cp(join(root, asset), join(dist, asset));
    }
  }
}

await rm(dist, { recursive: true, force: true });
const metafile = await bundle();
await checkBundle(join(dist, bundleName));
await writeEntries();
// npm packs a LICENSE beside package.json whatever `files` says; the project's is the one licence.
await cp(join(root, '..', 'LICENSE'), join(root, 'LICENSE'));
const size = (await stat(join(dist, bundleName))).size;
const inputs = Object.keys(metafile.inputs).length;
console.log(`n8n-nodes: dist/${bundleName} ${(size / 1024).toFixed(0)} KiB from ${inputs} modules`);
