/**
 * What n8n loads is the bundle, so the bundle is what must be free of the core's Node defaults
 * (timers, `process`, `fetch`): the n8n client gets n8n's platform injected, and no source is
 * rewritten at build time. Builds into a scratch folder (never dist/) and reads the result.
 * Here rather than in n8n-nodes/test, whose files n8n's lint holds to a node's rules (no
 * child processes, no `process`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const root = join(__dirname, '..', 'n8n-nodes');
// Inside n8n-nodes/node_modules, so the bundle's require('n8n-workflow') resolves as in n8n.
const out = join(root, 'node_modules', '.cache', `senseon-bundle-test-${process.pid}`);

/** What would show that a Node default of the core, or a global n8n forbids, got in. */
const NODE_DEFAULTS: [string, RegExp][] = [
  ['setTimeout', /\bsetTimeout\s*\(/],
  ['process', /\bprocess\s*\./],
  ['globalThis', /\bglobalThis\b/],
  ['the global fetch', /(?<![.\w$])fetch\s*\(/],
  ['FetchTransport', /\bFetchTransport\b/],
];

function defaultsIn(code: string): string[] {
  return NODE_DEFAULTS.filter(([, pattern]) => pattern.test(code)).map(([name]) => name);
}

let bundle: string;

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    env: { ...process.env, SENSEON_N8N_DIST: out },
    stdio: 'pipe',
  });
  bundle = readFileSync(join(out, 'senseon.js'), 'utf8');
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the n8n bundle', () => {
  it('holds none of the core’s Node defaults', () => {
    expect(defaultsIn(bundle)).toEqual([]);
    // The platform n8n's client gets instead: its sleep comes from n8n-workflow.
    expect(bundle).toMatch(/require\("n8n-workflow"\)/);
    expect(bundle).toContain('BaseSenseOnClient');
  });

  it('loads as n8n loads it', () => {
    const load = createRequire(__filename);
    const loaded = load(join(out, 'nodes', 'SenseOn', 'SenseOn.node.js')) as {
      SenseOn: new () => object;
    };
    expect(typeof loaded.SenseOn).toBe('function');
    expect(new loaded.SenseOn()).toBeDefined();
  });

  it('would show them if the Node client were bundled (the check can fail)', () => {
    const nodeClient = buildSync({
      stdin: {
        contents: "export { SenseOnClient } from './client';",
        resolveDir: join(root, '..', 'shared', 'src'),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    });
    expect(defaultsIn(nodeClient.outputFiles[0]!.text)).toEqual(
      expect.arrayContaining(['setTimeout', 'process', 'FetchTransport']),
    );
  });
});
