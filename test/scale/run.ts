/**
 * `npm run test:scale`: the node pack on n8n 2.40.7 in queue mode (docs/scale.md). Brings the
 * deployment up, measures each figure, prints them as a table, and stops every process it
 * started by its PID, on failure too. Exits 1 when a figure misses its mark.
 *
 *   npm run test:scale                 every figure
 *   npm run test:scale -- webhook      only some: webhook, approvals, poll, budget, throughput
 */
import { killAllServicesNow, stopAllServices } from '../../scripts/n8n/lib/processes';
import { startCluster } from './cluster';
import type { Cluster, FigureRow } from './context';
import { FIGURES } from './figures';
import { printTable } from './table';

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const figures = FIGURES.filter((f) => wanted.length === 0 || wanted.includes(f.name));
  const started = Date.now();
  const rows: FigureRow[] = [];
  let cluster: Cluster | undefined;
  let failed = false;
  try {
    console.log('== bringing up n8n in queue mode');
    cluster = await startCluster();
    console.log(`   up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    for (const figure of figures) {
      console.log(`== figure ${figure.title}`);
      const figureStarted = Date.now();
      try {
        const result = await figure.run(cluster);
        rows.push(...result);
        for (const row of result)
          console.log(`   ${row.pass ? 'ok  ' : 'FAIL'} ${row.measure}: ${row.value}`);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        rows.push({
          figure: figure.title,
          measure: 'ran to its end',
          value: message.split('\n')[0]!,
          pass: false,
        });
        console.log(`   FAIL ${message}`);
      }
      console.log(`   (${((Date.now() - figureStarted) / 1000).toFixed(0)} s)`);
    }
  } catch (error) {
    failed = true;
    console.error(
      `scale run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  } finally {
    await cluster?.balancer.close();
    await stopAllServices();
  }
  printTable(rows);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `\nscale run: ${rows.filter((r) => r.pass).length} passed, ${rows.filter((r) => !r.pass).length} failed, ${Math.round(seconds)} s`,
  );
  if (failed || rows.length === 0 || rows.some((r) => !r.pass)) process.exitCode = 1;
}

// A crash or Ctrl-C still stops everything this run started, by PID.
process.on('exit', killAllServicesNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllServicesNow();
    process.exit(130);
  });
}
void main();
