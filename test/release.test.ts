import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drift, expectedManifest, type Manifest } from '../scripts/release/manifests';

const ROOT = join(__dirname, '..');
const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as Manifest;

describe('one version and one set of publishing fields, from the root package.json', () => {
  it('every package and shared/src/version.ts agree with the root', () => {
    expect(drift()).toEqual([]);
  });

  it('a new root version reaches each package and the ranges between our packages', () => {
    const root: Manifest = { ...manifest('.'), version: '9.8.7' };
    const sandbox = expectedManifest(root, 'sandbox', manifest('sandbox'));
    expect(sandbox.version).toBe('9.8.7');
    expect(sandbox.repository).toEqual({ ...root.repository, directory: 'sandbox' });
    expect(sandbox.author).toEqual(root.author);
    const n8n = expectedManifest(root, 'n8n-nodes', manifest('n8n-nodes'));
    expect(n8n.devDependencies?.['@senseon/client']).toBe('^9.8.7');
    // Third-party ranges are left alone.
    expect(n8n.devDependencies?.['n8n-workflow']).toBe(
      manifest('n8n-nodes').devDependencies?.['n8n-workflow'],
    );
  });
});
