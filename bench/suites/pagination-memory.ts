import { SenseOnClient } from '@senseon/client';
import { startSandbox } from '@senseon/sandbox';
import { compare } from '../measure';
import type { Suite } from '../suite';

/**
 * Peak heap while walking every observation: the async iterator (one page held at a time)
 * against collecting every page into one array first.
 */
async function paginationMemory(quick: boolean) {
  const sandbox = await startSandbox({ port: 0, rateLimit: 1_000_000 });
  const client = new SenseOnClient({ baseUrl: sandbox.url, token: sandbox.tokens.admin });
  const pageSize = 50;
  // Live memory, not garbage: collect before every reading (needs --expose-gc), once a page.
  const liveHeap = () => {
    global.gc?.();
    return process.memoryUsage().heapUsed;
  };
  const peakDuring = async (work: (sample: () => void) => Promise<void>) => {
    const before = liveHeap();
    let peak = before;
    let seen = 0;
    const sample = () => {
      if (seen++ % pageSize === 0) peak = Math.max(peak, liveHeap());
    };
    await work(sample);
    return (peak - before) / 1024 / 1024;
  };
  try {
    return await compare({
      name: `walk 1,000 observations, ${pageSize} per page`,
      unit: 'MiB',
      rounds: quick ? 3 : 9,
      candidate: {
        label: 'for await (…of list())',
        run: () =>
          peakDuring(async (sample) => {
            for await (const observation of client.observations.list({ limit: pageSize })) {
              if (observation.id) sample();
            }
          }),
      },
      baseline: {
        label: 'collect() then loop',
        run: () =>
          peakDuring(async (sample) => {
            const all = await client.observations.list({ limit: pageSize }).collect();
            for (const observation of all) if (observation.id) sample();
          }),
      },
    });
  } finally {
    await sandbox.close();
  }
}

export const suite: Suite = {
  id: 'iterator-memory',
  order: 10,
  title: 'Live heap: async iterator vs collect()',
  run: async ({ quick }) => ({ figures: [(await paginationMemory(quick)).figure] }),
};
