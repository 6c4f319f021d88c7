/**
 * Builds the Zapier app into `zapier-app/.build/` and checks or zips it there.
 *
 *   tsx zapier-app/scripts/build.ts validate   bundle, then `zapier-platform validate --without-style`
 *   tsx zapier-app/scripts/build.ts build      bundle, then `zapier-platform build` → zapier-app/build.zip
 *
 * Why a separate folder: `zapier-platform build` reinstalls the app's dependencies from its
 * package.json, and inside an npm workspace it cannot find the sibling packages
 * (`@senseon/client`). So esbuild inlines the workspace code and zod into one file, keeps
 * `zapier-platform-core` external (the runtime provides its wrapper around it), and the folder's
 * package.json lists only that real npm dependency.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const APP_DIR = resolve(__dirname, '..');
const REPO_DIR = resolve(APP_DIR, '..');
const OUT_DIR = join(APP_DIR, '.build');
const ZIP_PATH = join(APP_DIR, 'build.zip');

/** Packages the bundle leaves to `npm install`: the Zapier runtime must be the real package. */
const EXTERNAL = ['zapier-platform-core'];

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** The exact version installed in the repo, so the build runs what the tests ran. */
function installedVersion(pkg: string): string {
  const manifest = readJson(join(REPO_DIR, 'node_modules', pkg, 'package.json'));
  return String(manifest.version);
}

/** What `zapier-platform register` or `link` wrote (the app id), kept across rebuilds. */
function previousAppRc(): Record<string, unknown> {
  const path = join(OUT_DIR, '.zapierapprc');
  return existsSync(path) ? readJson(path) : {};
}

/** The app as one CommonJS file; `zapier-platform-core` stays a `require`. */
export async function bundleApp(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(APP_DIR, 'src', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: EXTERNAL,
    sourcemap: false,
    // Smaller upload, still readable stack traces: whitespace and syntax only, names kept.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

async function bundle(): Promise<void> {
  const appRc = previousAppRc();
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  await bundleApp(join(OUT_DIR, 'index.js'));
  const appManifest = readJson(join(APP_DIR, 'package.json'));
  const dependencies = Object.fromEntries(EXTERNAL.map((pkg) => [pkg, installedVersion(pkg)]));
  writeFileSync(
    join(OUT_DIR, 'package.json'),
    `${JSON.stringify(
      {
        name: appManifest.name,
        version: appManifest.version,
        description: appManifest.description,
        license: appManifest.license,
        main: 'index.js',
        private: true,
        engines: { node: '>=22' },
        dependencies,
      },
      null,
      2,
    )}\n`,
  );
  // `zapier-platform build` zips what .gitignore does not exclude into source.zip.
  writeFileSync(join(OUT_DIR, '.gitignore'), 'build/\nnode_modules/\n');
  // The build's file detection misses these files that zapier-platform-core's own dependencies
  // load with a computed require (platform-notes); without them the zip fails to start.
  writeFileSync(
    join(OUT_DIR, '.zapierapprc'),
    `${JSON.stringify(
      {
        ...appRc,
        includeInBuild: [
          'async-function/require\\.mjs$',
          'generator-function/require\\.mjs$',
          'async-generator-function/require\\.mjs$',
        ],
      },
      null,
      2,
    )}\n`,
  );
}

function zapierPlatform(args: string[]): void {
  // This script runs on the repo's Node 22 (npm scripts put node_modules/.bin first on PATH);
  // the CLI refuses older Node, so it gets the same binary explicitly.
  const cli = join(REPO_DIR, 'node_modules', 'zapier-platform-cli', 'src', 'bin', 'run');
  const entry = existsSync(cli) ? cli : join(REPO_DIR, 'node_modules', '.bin', 'zapier-platform');
  execFileSync(process.execPath, [entry, ...args], {
    cwd: OUT_DIR,
    stdio: 'inherit',
    env: { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1' },
  });
}

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'validate' && command !== 'build') {
    throw new Error('usage: tsx zapier-app/scripts/build.ts validate|build');
  }
  const started = Date.now();
  await bundle();
  const bundled = Date.now();
  console.log(
    `bundled ${statSync(join(OUT_DIR, 'index.js')).size} bytes in ${bundled - started} ms`,
  );
  if (command === 'validate') {
    zapierPlatform(['validate', '--without-style']);
    return;
  }
  zapierPlatform(['build', '--skip-validation']);
  const built = join(OUT_DIR, 'build', 'build.zip');
  mkdirSync(dirname(ZIP_PATH), { recursive: true });
  copyFileSync(built, ZIP_PATH);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${ZIP_PATH}: ${statSync(ZIP_PATH).size} bytes, built in ${seconds} s`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
