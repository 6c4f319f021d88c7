/**
 * One version and one set of publishing fields for every package, kept in the root package.json.
 *
 *   npm run release:sync                     copy them from the root into every package
 *   npm run release:sync -- --version 0.2.0  set a new version first, then copy
 *   npm run release:check                    fail (exit 1) when any package disagrees with the root
 *   npm run release:check -- --tag v0.2.0    also fail unless the tag names that version
 *
 * What is copied: `version`, `author`, `repository` (with each package's `directory`),
 * `homepage` and `bugs` into the four workspace manifests; the version into the ranges by which
 * one of our packages depends on another, and into `shared/src/version.ts` (`VERSION`, which the
 * client, the Zapier app and the n8n nodes all read at run time). npm provenance checks that a
 * package's `repository.url` is the GitHub repository whose Action published it, so the root's
 * `repository` is the one thing a maintainer of a fork sets.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const PACKAGES = ['shared', 'sandbox', 'zapier-app', 'n8n-nodes'] as const;
const PUBLISHING_FIELDS = ['author', 'repository', 'homepage', 'bugs'] as const;
const VERSION_FILE = join(ROOT, 'shared', 'src', 'version.ts');
const VERSION_LINE = /export const VERSION = '([^']*)';/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

export interface Manifest {
  [field: string]: unknown;
  name: string;
  version: string;
  repository?: { type: string; url: string; directory?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as Manifest;

/** Our packages' names, read once: a range on one of them follows the root's version. */
let ourNames: ReadonlySet<string> | undefined;
const ours = (): ReadonlySet<string> =>
  (ourNames ??= new Set(PACKAGES.map((pkg) => readManifest(pkg).name)));

/** What the package's manifest should say, given the root's. */
export function expectedManifest(root: Manifest, dir: string, current: Manifest): Manifest {
  const next: Manifest = { ...current, version: root.version };
  const fields: Record<string, unknown> = next;
  for (const field of PUBLISHING_FIELDS) {
    if (root[field] !== undefined) fields[field] = root[field];
  }
  if (root.repository) next.repository = { ...root.repository, directory: dir };
  for (const key of ['dependencies', 'devDependencies'] as const) {
    const deps = current[key];
    if (!deps) continue;
    next[key] = Object.fromEntries(
      Object.entries(deps).map(([name, range]) => [
        name,
        ours().has(name) ? `^${root.version}` : range,
      ]),
    );
  }
  return next;
}

/** Every place that disagrees with the root, as `file: what`. */
export function drift(): string[] {
  const root = readManifest('.');
  const found: string[] = [];
  if (!SEMVER.test(root.version))
    found.push(`package.json: version "${root.version}" is not semver`);
  for (const dir of PACKAGES) {
    const current = readManifest(dir);
    const expected = expectedManifest(root, dir, current);
    for (const key of Object.keys(expected)) {
      if (JSON.stringify(current[key]) !== JSON.stringify(expected[key])) {
        found.push(`${dir}/package.json: "${key}" differs from the root package.json`);
      }
    }
  }
  const coded = VERSION_LINE.exec(readFileSync(VERSION_FILE, 'utf8'))?.[1];
  if (coded !== root.version) {
    found.push(`shared/src/version.ts: VERSION is "${coded}", the root says "${root.version}"`);
  }
  return found;
}

function sync(version?: string): void {
  const root = readManifest('.');
  if (version !== undefined) {
    if (!SEMVER.test(version)) throw new Error(`--version: "${version}" is not a semver version`);
    root.version = version;
    writeFileSync(join(ROOT, 'package.json'), `${JSON.stringify(root, null, 2)}\n`);
  }
  for (const dir of PACKAGES) {
    const expected = expectedManifest(root, dir, readManifest(dir));
    writeFileSync(join(ROOT, dir, 'package.json'), `${JSON.stringify(expected, null, 2)}\n`);
  }
  const source = readFileSync(VERSION_FILE, 'utf8');
  writeFileSync(
    VERSION_FILE,
    source.replace(VERSION_LINE, `export const VERSION = '${root.version}';`),
  );
  console.log(`Every package is at ${root.version}. Run npm install to update package-lock.json.`);
}

function main(argv: string[]): void {
  const option = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  if (argv[0] === 'sync') return sync(option('--version'));
  if (argv[0] !== 'check')
    throw new Error('usage: manifests.ts sync [--version X] | check [--tag vX]');
  const found = drift();
  const tag = option('--tag');
  const version = readManifest('.').version;
  if (tag !== undefined && tag !== `v${version}`) {
    found.push(`the tag "${tag}" does not name version ${version} (expected v${version})`);
  }
  if (found.length > 0) {
    console.error(`${found.join('\n')}\nRun npm run release:sync to copy the root's fields.`);
    process.exit(1);
  }
  console.log(`Every package is at ${version}, with the root's publishing fields.`);
}

if (require.main === module) main(process.argv.slice(2));
