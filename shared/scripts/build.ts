/**
 * Builds the publishable `@senseon/client` into `shared/dist/` (run `npm run build -w
 * @senseon/client`; `npm pack` and `npm publish` run it first):
 *
 *   dist/index.mjs     ESM, one file (esbuild), zod and node: builtins left as imports
 *   dist/index.cjs     the same as CommonJS
 *   dist/**\/*.d.ts     declarations (tsc, tsconfig.build.json), what `require` resolves
 *   dist/index.d.mts   the same declarations for `import`, so each condition's types have the
 *                      format of its JavaScript
 *
 * and copies the repository's LICENSE beside package.json. The sources are read, never changed.
 * Inside the repository nothing needs this: tsconfig `paths` and jest map the package to src/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, type Format } from 'esbuild';

const PACKAGE_DIR = resolve(__dirname, '..');
const REPO_DIR = resolve(PACKAGE_DIR, '..');
const DIST = join(PACKAGE_DIR, 'dist');

const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
};
/** The runtime dependencies stay imports (`zod`, `zod/v4/…`); everything else is inlined. */
const external = Object.keys(manifest.dependencies).flatMap((name) => [name, `${name}/*`]);
/** `>=20` → `node20`: the syntax level the package promises. */
const target = `node${/\d+/.exec(manifest.engines.node)?.[0] ?? '20'}`;

async function bundle(format: Format, file: string): Promise<void> {
  const result = await build({
    absWorkingDir: PACKAGE_DIR,
    entryPoints: [join(PACKAGE_DIR, 'src', 'index.ts')],
    outfile: join(DIST, file),
    bundle: true,
    platform: 'node',
    format,
    target,
    external,
    // The package's own TypeScript settings, not a consumer's paths.
    tsconfig: join(PACKAGE_DIR, 'tsconfig.build.json'),
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const outside = Object.keys(result.metafile.inputs).filter(
    (input) => !resolve(PACKAGE_DIR, input).startsWith(join(PACKAGE_DIR, 'src')),
  );
  if (outside.length > 0) {
    throw new Error(
      `dist/${file} would inline files from outside shared/src: ${outside.join(', ')}`,
    );
  }
}

function declarations(): void {
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(PACKAGE_DIR, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  // A .d.mts is read as ESM; it re-exports the declarations next to it, which are the same API.
  writeFileSync(join(DIST, 'index.d.mts'), "export * from './index.js';\n");
}

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(DIST, { recursive: true, force: true });
  await Promise.all([bundle('esm', 'index.mjs'), bundle('cjs', 'index.cjs')]);
  declarations();
  copyFileSync(join(REPO_DIR, 'LICENSE'), join(PACKAGE_DIR, 'LICENSE'));
  const sizes = ['index.mjs', 'index.cjs']
    .map((file) => `dist/${file} ${(statSync(join(DIST, file)).size / 1024).toFixed(0)} KiB`)
    .join(', ');
  console.log(
    `${relative(REPO_DIR, PACKAGE_DIR)}: ${sizes}, declarations, LICENSE in ${Date.now() - started} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
