/**
 * Builds the publishable `@senseon/sandbox` into `sandbox/dist/` (run `npm run build -w
 * @senseon/sandbox`; `npm pack` and `npm publish` run it first):
 *
 *   dist/cli.js     what `bin/senseon-sandbox.js` loads after checking the Node version
 *   dist/index.js   the programmatic API (`startSandbox`, `createApp`), for `require`
 *
 * Each is one CommonJS file for Node 22 with the sandbox and the client core (`@senseon/client`,
 * which is not published with it) inlined; the package's npm dependencies (hono, zod, …) and
 * `node:` builtins such as `node:sqlite` stay `require`s. The sources are read, never changed.
 * Inside the repository nothing needs this: `npm run sandbox` runs the source through tsx.
 */
import { copyFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { build } from 'esbuild';

const PACKAGE_DIR = resolve(__dirname, '..');
const REPO_DIR = resolve(PACKAGE_DIR, '..');
const DIST = join(PACKAGE_DIR, 'dist');
/** Where the inlined code may come from: the sandbox and the client core, as source. */
const INLINED = [join(PACKAGE_DIR, 'src'), join(REPO_DIR, 'shared', 'src')];

const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const external = [
  ...Object.keys(manifest.dependencies).flatMap((name) => [name, `${name}/*`]),
  'node:*',
];

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(DIST, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: PACKAGE_DIR,
    entryPoints: { cli: join('src', 'cli.ts'), index: join('src', 'index.ts') },
    outdir: DIST,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external,
    // `@senseon/client` resolves through the repository's tsconfig `paths` to shared/src.
    tsconfig: join(REPO_DIR, 'tsconfig.json'),
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(PACKAGE_DIR, input));
  const stray = inputs.filter((input) => !INLINED.some((dir) => input.startsWith(dir + sep)));
  if (stray.length > 0) {
    throw new Error(`the sandbox bundle would inline ${stray.join(', ')}: make it a dependency`);
  }
  if (!inputs.includes(join(REPO_DIR, 'shared', 'src', 'index.ts'))) {
    throw new Error('the sandbox bundle did not inline @senseon/client from shared/src');
  }
  copyFileSync(join(REPO_DIR, 'LICENSE'), join(PACKAGE_DIR, 'LICENSE'));
  const sizes = ['cli.js', 'index.js']
    .map((file) => `dist/${file} ${(statSync(join(DIST, file)).size / 1024).toFixed(0)} KiB`)
    .join(', ');
  console.log(
    `sandbox: ${sizes} from ${inputs.length} modules, LICENSE in ${Date.now() - started} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
