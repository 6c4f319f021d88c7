/* global console, process */
// Runs n8n's community package scanner (@n8n/scan-community-package) the way it checks a
// published package, but offline: over the sources, and over the tarball `npm pack` makes
// from dist/. Run after the build: `npm run n8n:build && npm run n8n:lint`.
import {
  analyzePackage,
  SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'n8n-nodes-senseon-scan-'));

function report(label, result) {
  console.log(`scanner (${label}): ${result.passed ? 'passed' : `FAILED: ${result.message}`}`);
  if (result.details) console.log(result.details);
  return result.passed;
}

try {
  const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
  execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root });
  const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
  const unpacked = join(work, 'package');
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
  const packed = await analyzePackage(unpacked, ['**/*.js', 'package.json']);
  const ok = [report('sources', source), report('packed package', packed)].every(Boolean);
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
