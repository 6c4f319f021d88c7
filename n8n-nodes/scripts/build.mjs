/* global console */
// Builds the publishable package into dist/: one CommonJS bundle with the client core and zod
// inside (a community package may have no runtime dependencies), and for each node and
// credential a small file where n8n looks for it, with its icons and codex file beside it.
// Run from the repo root: `npm run n8n:build`.
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const bundleName = 'senseon.js';

/** What n8n loads (package.json `n8n` block), the class each file exports, and its assets. */
const ENTRIES = [
  {
    file: 'credentials/SenseOnApi.credentials.js',
    className: 'SenseOnApi',
    assets: ['credentials/senseon.svg', 'credentials/senseon.dark.svg'],
  },
  ...['SenseOn', 'SenseOnTrigger', 'SenseOnPollTrigger'].map((name) => ({
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
 * Three spots of the core are bound to a plain Node process and have n8n equivalents: waiting
 * goes through n8n-workflow's `sleep` (n8n asks community nodes not to use the timer or
 * process globals), requests go through n8n's HTTP helpers (N8nTransport), never `fetch`, and
 * the User-Agent names this package rather than the Node version of the n8n host.
 * Each replacement must match, so a change in the core fails the build instead of slipping by.
 */
const PLATFORM_SUBSTITUTIONS = [
  {
    file: /shared[\\/]src[\\/]http[\\/]sleep\.ts$/,
    rewrite: (source) =>
      replaceOnce(
        source,
        /export const realSleep: Sleep = \(ms\) => new Promise\(\(resolve\) => setTimeout\(resolve, ms\)\);/,
        "import { sleep as n8nSleep } from 'n8n-workflow';\nexport const realSleep: Sleep = n8nSleep;",
      ),
  },
  {
    file: /shared[\\/]src[\\/]http[\\/]headers\.ts$/,
    rewrite: (source) =>
      replaceOnce(
        source,
        /const node = typeof process !== 'undefined' \? process\.versions\?\.node : undefined;/,
        'const node: string | undefined = undefined;',
      ),
  },
  {
    file: /shared[\\/]src[\\/]transport[\\/]fetch-transport\.ts$/,
    rewrite: () => `
import type { Transport, TransportResponse } from './transport';
/** Not part of the n8n build: n8n sends every request itself (N8nTransport). */
export class FetchTransport implements Transport {
  async send(): Promise<TransportResponse> {
    throw new Error('The SenseOn n8n nodes send requests through n8n (N8nTransport), not fetch.');
  }
}
`,
  },
];

/**
 * zod's `z.locales` namespace pulls in the error messages of every language (a third of the
 * bundle). Errors here are shown in English only, so this private copy keeps English alone.
 */
const ZOD_LOCALES = {
  file: /node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/,
  contents: 'export { default as en } from "./en.js";\n',
};

function replaceOnce(source, pattern, replacement) {
  if (!pattern.test(source)) {
    throw new Error(`n8n build: the core changed; update PLATFORM_SUBSTITUTIONS for ${pattern}`);
  }
  return source.replace(pattern, replacement);
}

const platformPlugin = {
  name: 'senseon-n8n-platform',
  setup(builder) {
    builder.onLoad({ filter: ZOD_LOCALES.file }, () => ({
      contents: ZOD_LOCALES.contents,
      loader: 'js',
    }));
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const substitution = PLATFORM_SUBSTITUTIONS.find((s) => s.file.test(args.path));
      if (!substitution) return undefined;
      const source = await readFile(args.path, 'utf8');
      return { contents: substitution.rewrite(source), loader: 'ts' };
    });
  },
};

async function bundle() {
  const result = await build({
    entryPoints: [join(root, 'index.ts')],
    outfile: join(dist, bundleName),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['n8n-workflow'],
    plugins: [platformPlugin],
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
await writeEntries();
// npm packs a LICENSE beside package.json whatever `files` says; the project's is the one licence.
await cp(join(root, '..', 'LICENSE'), join(root, 'LICENSE'));
const size = (await stat(join(dist, bundleName))).size;
const inputs = Object.keys(metafile.inputs).length;
console.log(`n8n-nodes: dist/${bundleName} ${(size / 1024).toFixed(0)} KiB from ${inputs} modules`);
