import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Where Debian's postgresql package puts a version's programs (`initdb`, `postgres`, `psql`). */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

async function onPath(command: string): Promise<boolean> {
  return exec('sh', ['-c', `command -v ${command}`]).then(
    () => true,
    () => false,
  );
}

/**
 * Redis and PostgreSQL from Debian's packages, installed when missing (CI runs as root). Debian
 * starts neither in a container (no init), and we never use a system-wide instance: each run
 * starts its own on 127.0.0.1.
 */
export async function ensureRedisAndPostgres(log: (line: string) => void): Promise<void> {
  if ((await onPath('redis-server')) && postgresBinDir()) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'redis-server or PostgreSQL is missing: install them (apt-get install redis-server postgresql) or run as root',
    );
  }
  log('installing redis-server and postgresql from Debian (apt-get)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): Promise<unknown> =>
    exec('apt-get', ['install', '-y', '-qq', 'redis-server', 'postgresql'], {
      env,
      maxBuffer: 64 << 20,
    });
  // A fresh machine has no package lists yet: update once, then try again.
  await install().catch(async () => {
    await exec('apt-get', ['update', '-qq'], { env, maxBuffer: 64 << 20 });
    await install();
  });
  if (!(await onPath('redis-server')) || !postgresBinDir()) {
    throw new Error('apt-get finished but redis-server or postgres is still missing');
  }
}
