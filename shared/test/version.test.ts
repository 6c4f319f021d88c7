import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION } from '../src';

it('VERSION equals the version in shared/package.json', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  expect(VERSION).toBe(manifest.version);
});
