/**
 * `npm run test:chaos`: issue 12's suite. Each part does its damage (faults, duplicate and lost
 * deliveries, a killed sandbox, abuse, bad input) against the real sandbox, the client core, the
 * Zapier app through zapier-platform-core and a real n8n, and returns measured rows. Prints one
 * table, writes it into docs/reliability.md, and exits 1 when any row breaks its promise.
 *
 *   npm run test:chaos                 every part
 *   npm run test:chaos -- faults ...   only some parts (the table in the doc is left alone)
 */
// First: before zapier-platform-core loads anywhere below.
import './quiet-zapier';
import { createWriteStream, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { repoRoot } from '../../scripts/n8n/lib/host';
import { killAllServicesNow, stopAllServices } from '../../scripts/n8n/lib/processes';
import { CHAOS_DIR, ChaosContext } from './context';
import { PARTS } from './parts';
import { renderTable, type ChaosRow } from './table';

const DOC = join(repoRoot, 'docs', 'reliability.md');
const START = '<!-- chaos-table:start -->';
const END = '<!-- chaos-table:end -->';

/** Everything this process prints also goes to a log, which the secrets part scans. */
function teeOutput(file: string): void {
  const log = createWriteStream(file);
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      log.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array));
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}

/** Puts the table between the doc's markers, formatted as `npm run lint` wants it. */
async function writeDoc(table: string, seconds: number): Promise<void> {
  const doc = readFileSync(DOC, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${DOC} lost its ${START} … ${END} markers`);
  const stamp = `Last run: ${new Date().toISOString().slice(0, 10)}, ${seconds} s.`;
  const text = `${doc.slice(0, from + START.length)}\n\n${table}\n\n${stamp}\n\n${doc.slice(to)}`;
  const options = (await prettier.resolveConfig(DOC)) ?? {};
  writeFileSync(DOC, await prettier.format(text, { ...options, filepath: DOC }));
}

async function main(): Promise<number> {
  const started = Date.now();
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const selected = PARTS.filter((p) => wanted.length === 0 || wanted.includes(p.name));
  rmSync(CHAOS_DIR, { recursive: true, force: true });
  const ctx = new ChaosContext();
  teeOutput(ctx.logFile('chaos-run'));
  console.log(`Chaos run: ${selected.map((p) => p.name).join(', ')}. Artifacts: ${CHAOS_DIR}`);
  const rows: ChaosRow[] = [];
  try {
    for (const part of selected) {
      // A part that looks at what the run left behind (logs, n8n's data) runs after every stop.
      if (part.afterEverything) await ctx.cleanup(true);
      const partStarted = Date.now();
      console.log(`\n== ${part.name}`);
      try {
        const measured = await part.run(ctx);
        rows.push(...measured);
        for (const row of measured) {
          console.log(`  ${row.kept ? 'ok  ' : 'FAIL'} ${row.row}: ${row.figure}`);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.log(`  FAIL ${part.name} stopped: ${message}`);
        for (const row of part.rows) {
          rows.push({
            row,
            fault: '-',
            promise: '-',
            figure: `did not finish: ${message}`,
            kept: false,
          });
        }
      }
      console.log(`  (${((Date.now() - partStarted) / 1000).toFixed(0)} s)`);
      await ctx.cleanup();
    }
  } finally {
    await ctx.cleanup(true);
    await stopAllServices();
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const table = renderTable(rows);
  console.log(`\n${table}\n\nChaos run took ${seconds} s`);
  if (wanted.length === 0) await writeDoc(table, seconds);
  const broken = rows.filter((r) => !r.kept);
  console.log(
    broken.length === 0
      ? `${rows.length} rows, every promise kept`
      : `${broken.length} of ${rows.length} rows broke their promise: ${broken.map((r) => r.row).join(', ')}`,
  );
  return broken.length === 0 && rows.length > 0 ? 0 : 1;
}

// Whatever happens, the children (n8n, the sandbox) are stopped by their PIDs.
process.on('exit', killAllServicesNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllServicesNow();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
