import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '@senseon/sandbox';
import { clientOverhead } from './suites/client-overhead';
import { paginationMemory } from './suites/pagination-memory';
import { webhookVerification } from './suites/webhook-verification';
import { traceProofs } from './suites/trace-proofs';
import type { Comparison } from './measure';

/** `npm run bench`: every comparison, printed and written to bench/RESULTS.md. */
async function main() {
  const quick = process.argv.includes('--quick');
  const sandbox = await startSandbox({ port: 0, rateLimit: 1_000_000 });
  const results: Comparison[] = [];
  try {
    results.push(await clientOverhead(sandbox, quick));
    results.push(await paginationMemory(sandbox, quick));
    results.push(await webhookVerification(quick));
    results.push(...(await traceProofs(quick)));
  } finally {
    await sandbox.close();
  }
  const lines = [
    '| comparison | candidate | baseline | candidate median | baseline median | ratio |',
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.candidate} | ${r.baseline} | ${r.candidateMedian.toFixed(2)} ${r.unit} | ${r.baselineMedian.toFixed(2)} ${r.unit} | ${r.ratio.toFixed(2)} |`,
    ),
  ];
  console.log(lines.join('\n'));
  if (!quick) {
    const header = `# Benchmark results\n\nNode ${process.version}, ${new Date().toISOString().slice(0, 10)}, \`npm run bench\`. Ratios are candidate / baseline medians of alternating rounds (below 1: the candidate is cheaper).\n\n`;
    writeFileSync(join(__dirname, 'RESULTS.md'), header + lines.join('\n') + '\n');
  }
}

void main();
