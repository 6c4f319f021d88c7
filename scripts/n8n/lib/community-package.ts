import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './host';

const exec = promisify(execFile);
const PACKAGE = 'n8n-nodes-senseon';

/** Builds `n8n-nodes/` and packs it as users get it from the registry; returns the .tgz path. */
export async function packCommunityPackage(destination: string): Promise<string> {
  mkdirSync(destination, { recursive: true });
  // The root script `n8n:build` is the documented way; the workspace's own `build` is the same.
  const rootScripts = (
    JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const build = rootScripts['n8n:build'] ? ['run', 'n8n:build'] : ['run', 'build', '-w', PACKAGE];
  await exec('npm', build, { cwd: repoRoot, maxBuffer: 32 << 20 });
  const { stdout } = await exec(
    'npm',
    ['pack', '-w', PACKAGE, '--json', '--pack-destination', destination],
    { cwd: repoRoot, maxBuffer: 32 << 20 },
  );
  const packed = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  const first = packed[0];
  if (!first) throw new Error('npm pack produced nothing');
  if (!first.files.some((f) => f.path.startsWith('dist/'))) {
    throw new Error(`${first.filename} holds no dist/: did n8n:build run?`);
  }
  return join(destination, first.filename);
}

/**
 * Installs the packed package the way n8n installs a community package: into
 * `$N8N_USER_FOLDER/.n8n/nodes`, production files only, no scripts. Node types are then
 * `n8n-nodes-senseon.<node>`.
 */
export async function installCommunityPackage(userFolder: string, tgz: string): Promise<void> {
  const nodesDir = join(userFolder, '.n8n', 'nodes');
  mkdirSync(nodesDir, { recursive: true });
  const manifest = join(nodesDir, 'package.json');
  if (!existsSync(manifest)) {
    writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
  }
  await exec(
    'npm',
    ['install', '--omit=dev', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', tgz],
    { cwd: nodesDir, maxBuffer: 32 << 20 },
  );
  if (!existsSync(join(nodesDir, 'node_modules', PACKAGE, 'package.json'))) {
    throw new Error(`${PACKAGE} is not in ${nodesDir}/node_modules after npm install`);
  }
}

export const COMMUNITY_PACKAGE = PACKAGE;
