import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { join } from 'node:path';
import { N8N_VERSION } from '../../scripts/n8n/lib/host';

/** What the figures were measured on, for the report's first lines. */
export function machineLines(): string[] {
  const cores = cpus();
  // Read from node_modules directly: a package's `exports` may not expose its package.json, and
  // npm keeps a workspace's own dependencies (n8n-workflow) beside that workspace.
  const root = join(__dirname, '../..');
  const version = (pkg: string) => {
    for (const dir of [root, join(root, 'zapier-app'), join(root, 'n8n-nodes')]) {
      try {
        const path = join(dir, 'node_modules', pkg, 'package.json');
        return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
      } catch {
        // not in this one
      }
    }
    return 'not installed';
  };
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: __dirname, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  return [
    `- Commit ${commit}${dirty ? ' with uncommitted changes' : ''}`,
    `- Machine: ${cores.length} cores, ${cores[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, load average ${loadavg()[0]?.toFixed(2)} at the start (the machine is shared)`,
    `- Node ${process.version} (the bench and the sandbox); n8n ${N8N_VERSION} (suites that run it use its own Node); ` +
      `zapier-platform-core ${version('zapier-platform-core')}; n8n-workflow ${version('n8n-workflow')}`,
  ];
}
