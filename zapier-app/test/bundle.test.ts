import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunningSandbox } from '@senseon/sandbox';
import { createAppTester, type Bundle, type ZObject } from 'zapier-platform-core';
import { bundleApp } from '../scripts/build';
import { authFor, startTestSandbox } from './helpers';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
interface BundledApp {
  authentication: { test: Perform };
  searches: Record<string, { operation: { perform: Perform } }>;
  creates: Record<string, unknown>;
  triggers: Record<string, unknown>;
}

/**
 * The file Zapier runs is the esbuild bundle, not the TypeScript: it must load with only
 * zapier-platform-core beside it, and work against the API.
 */
describe('the bundled app (what build.zip holds)', () => {
  let dir: string;
  let app: BundledApp;
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'senseon-zapier-bundle-'));
    // Only the real npm dependency is reachable, as in the build folder.
    symlinkSync(resolve(__dirname, '../../node_modules'), join(dir, 'node_modules'), 'dir');
    await bundleApp(join(dir, 'index.js'));
    app = jest.requireActual<{ default: BundledApp }>(join(dir, 'index.js')).default;
    sandbox = await startTestSandbox();
  }, 60_000);
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has every trigger, create and search', () => {
    expect(Object.keys(app.triggers)).toHaveLength(7);
    expect(Object.keys(app.creates).length + Object.keys(app.searches).length).toBe(13);
  });

  it('tests a connection and finds a case', async () => {
    const tester = createAppTester(app);
    const me = (await tester(app.authentication.test, {
      authData: authFor(sandbox, 'analyst'),
    })) as {
      principal: string;
    };
    expect(me.principal).toBe('analyst');
    const found = (await tester(app.searches.find_case!.operation.perform, {
      authData: authFor(sandbox, 'analyst'),
      inputData: { status: ['open'] },
    })) as { id: string; summary: string }[];
    expect(found[0]!.id).toMatch(/^case_/);
    expect(found[0]!.summary).toContain(found[0]!.id);
  });
});
