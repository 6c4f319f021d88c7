import { join } from 'node:path';
import { SenseOnClient, type ObservationCreate } from '@senseon/client';
import { startSandbox } from '@senseon/sandbox';
import { runInChild } from '../lib/child';
import { compareRounds, ratioFigure, soloFigure } from '../measure';
import type { Suite } from '../suite';
import type { WalkArgs, WalkResult } from '../walkers/walk';

const WALKER = join(__dirname, '..', 'walkers', 'walk.ts');

/** Adds observations of the seed's shape (its OCSF events, ~3 KB each) until there are `total`. */
export async function fill(url: string, token: string, total: number, log: (m: string) => void) {
  const client = new SenseOnClient({ baseUrl: url, token, rateLimit: false });
  const samples = (await client.observations.list({ limit: 1000 })).data;
  let count = (await client.observations.list({ limit: 1 })).pagination.total_items;
  while (count < total) {
    // 250 a request stays under any body limit the sandbox has had (1 MiB before issue 11).
    const n = Math.min(250, total - count);
    const batch: ObservationCreate[] = Array.from({ length: n }, (_, i) => {
      const s = samples[(count + i) % samples.length]!;
      return { source: s.source, severity: s.severity, title: s.title, ocsf: s.ocsf };
    });
    await client.observations.createBatch(batch);
    count += n;
    if (count % 10_000 === 0) log(`seeded ${count}`);
  }
  return count;
}

export const suite: Suite = {
  id: 'walk',
  order: 1,
  title: 'Walk every observation, 1,000 a page: core vs bare fetch + JSON.parse',
  async run({ quick, log }) {
    const target = quick ? 10_000 : 100_000;
    const rounds = quick ? 3 : 5;
    const sandbox = await startSandbox({ port: 0, rateLimit: 1_000_000 });
    try {
      const total = await fill(sandbox.url, sandbox.tokens.admin, target, log);
      const walkIn = (side: WalkArgs['side'], memory: boolean) => () =>
        runInChild<WalkResult>(WALKER, 'walk', {
          url: sandbox.url,
          token: sandbox.tokens.admin,
          side,
          memory,
        } satisfies WalkArgs);
      const timing = await compareRounds({
        rounds,
        warmUp: false, // every walk is a fresh process: nothing carries over to warm
        candidate: {
          label: 'core',
          run: async () => {
            const r = await walkIn('core', false)();
            return { wall: r.wallMs, cpu: r.cpuMs, rss: r.maxRssMiB, items: r.items };
          },
        },
        baseline: {
          label: 'bare',
          run: async () => {
            const r = await walkIn('bare', false)();
            return { wall: r.wallMs, cpu: r.cpuMs, rss: r.maxRssMiB, items: r.items };
          },
        },
        log,
      });
      const [coreMemory, bareMemory] = [await walkIn('core', true)(), await walkIn('bare', true)()];
      const onePage = await (
        await fetch(`${sandbox.url}/observations?limit=1000`, {
          headers: { authorization: `Bearer ${sandbox.tokens.admin}` },
        })
      ).text();
      const pageSizeMiB = Buffer.byteLength(onePage) / 2 ** 20;
      const growth = (series: number[]) => {
        // From page 10 (a --quick walk has 10 pages: from its third).
        const from = series.slice(series.length > 20 ? 9 : 2);
        return from.length > 0 ? Math.max(...from) - (from[0] as number) : NaN;
      };
      const side = (name: 'candidate' | 'baseline', key: string) => timing[name][key] ?? [];
      const figures = [
        ratioFigure({
          measure: 'wall time of the walk',
          unit: 'ms',
          candidate: { label: 'core for await', values: side('candidate', 'wall') },
          baseline: { label: 'fetch + JSON.parse', values: side('baseline', 'wall') },
          goal: { text: '≤ 1.10', holds: (r) => r <= 1.1 },
        }),
        ratioFigure({
          measure: 'CPU time of the walking process',
          unit: 'ms',
          candidate: { label: 'core for await', values: side('candidate', 'cpu') },
          baseline: { label: 'fetch + JSON.parse', values: side('baseline', 'cpu') },
          goal: { text: '≤ 1.25', holds: (r) => r <= 1.25 },
        }),
        ratioFigure({
          measure: 'peak RSS of the walking process',
          unit: 'MiB',
          candidate: { label: 'core for await', values: side('candidate', 'rss') },
          baseline: { label: 'fetch + JSON.parse', values: side('baseline', 'rss') },
        }),
        soloFigure({
          measure: `heap after gc, growth from page 10 to the end (one page is ${pageSizeMiB.toFixed(1)} MiB of JSON)`,
          unit: 'MiB',
          label: 'core',
          values: [growth(coreMemory.heapAfterGcMiB)],
          goal: { text: `flat: ≤ one page`, holds: (m) => m <= pageSizeMiB },
        }),
        soloFigure({
          measure: 'RSS, growth from page 10 to the end',
          unit: 'MiB',
          label: 'core',
          values: [growth(coreMemory.rssMiB)],
          goal: { text: `flat: ≤ one page`, holds: (m) => m <= pageSizeMiB },
        }),
        soloFigure({
          measure: 'heap after gc, growth from page 10 to the end',
          unit: 'MiB',
          label: 'bare (for reference)',
          values: [growth(bareMemory.heapAfterGcMiB)],
        }),
      ];
      const items = side('candidate', 'items')[0];
      return {
        figures,
        notes: [
          `${total.toLocaleString('en')} observations of the seed's shape (${items?.toLocaleString('en')} walked), ${coreMemory.pages} pages of 1,000; ${rounds} alternating rounds, each walk in its own Node process (\`bench/walkers/walk.ts\`), the sandbox in the bench's process.`,
          'Wall time includes the sandbox building each page (the same for both sides); CPU is the walking process only. Heap and RSS growth come from one more walk per side that collects garbage at every page.',
        ],
      };
    } finally {
      await sandbox.close();
    }
  },
};
