import { SenseOnClient } from '@senseon/client';

/**
 * One walk over every observation, 1,000 a page, run in its own process by `runInChild`:
 * `core` through the client's `for await`, `bare` with fetch + JSON.parse and nothing else.
 * With `memory`, the heap is read after a collection at every page (which costs time, so a
 * memory walk is never a timed one).
 */
export interface WalkArgs {
  url: string;
  token: string;
  side: 'core' | 'bare';
  memory: boolean;
}

export interface WalkResult {
  items: number;
  pages: number;
  wallMs: number;
  cpuMs: number;
  maxRssMiB: number;
  /** Heap used after a collection at each page (memory walks only), MiB. */
  heapAfterGcMiB: number[];
  /** RSS at each page (memory walks only), MiB. */
  rssMiB: number[];
}

export async function walk(args: WalkArgs): Promise<WalkResult> {
  const heap: number[] = [];
  const rss: number[] = [];
  // Sampled at each page: the kernel's maxRSS of a spawned child keeps the parent's high-water
  // mark (the bench process, holding the sandbox), so it read ~1.6 GiB for both sides.
  let peakRss = process.memoryUsage.rss();
  const atPage = () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (!args.memory) return;
    global.gc?.();
    heap.push(process.memoryUsage().heapUsed / 2 ** 20);
    rss.push(process.memoryUsage().rss / 2 ** 20);
  };
  let items = 0;
  let pages = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  if (args.side === 'core') {
    const client = new SenseOnClient({ baseUrl: args.url, token: args.token });
    for await (const page of client.observations.list({ limit: 1000 }).pages()) {
      for (const observation of page.data) if (observation.id) items++;
      pages++;
      atPage();
    }
  } else {
    const headers = { authorization: `Bearer ${args.token}` };
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await fetch(`${args.url}/observations?limit=1000${query}`, { headers });
      const page = JSON.parse(await response.text()) as {
        data: { id: string }[];
        pagination: { next_cursor: string | null };
      };
      for (const observation of page.data) if (observation.id) items++;
      cursor = page.pagination.next_cursor;
      pages++;
      atPage();
    } while (cursor);
  }
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return {
    items,
    pages,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    maxRssMiB: peakRss / 2 ** 20,
    heapAfterGcMiB: heap,
    rssMiB: rss,
  };
}
