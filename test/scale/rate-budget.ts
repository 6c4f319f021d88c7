/**
 * Figure 4, one rate budget across workers: 8 executions at once on 2 workers (4 each, as the
 * issue sizes it) read every observation on one key of an API that allows BUDGET_LIMIT requests
 * per BUDGET_WINDOW_SECONDS. No process knows what the others send: each SenseOn node paces by
 * the `X-RateLimit-*` headers every answer carries (the header pacer of `@senseon/client`).
 * Mark: the server's 429s are at most 1% of the requests, every execution succeeds and returns
 * every observation once.
 */
import { readFileSync, statSync } from 'node:fs';
import { SenseOnClient, type ObservationCreate } from '@senseon/client';
import { waitFor } from '../../scripts/n8n/lib/processes';
import { firstItem } from '../e2e/n8n-server-helpers';
import { BUDGET_LIMIT, BUDGET_WINDOW_SECONDS, RATE_BUDGET_WORKFLOW } from './cluster';
import { logFile, type Cluster, type FigureRow } from './context';

/** Observations on the key: about 5 pages of 1,000 per walk, so 8 walks need several windows. */
export const OBSERVATIONS = 5_000;
export const WALKS = 8;
const MAX_429_SHARE = 0.01;

/** Adds observations shaped like the seeded ones until the tenant holds `total`. */
async function fill(url: string, token: string, total: number): Promise<number> {
  const client = new SenseOnClient({ baseUrl: url, token });
  const samples = (await client.observations.list({ limit: 1000 })).data;
  let count = (await client.observations.list({ limit: 1 })).pagination.total_items;
  while (count < total) {
    const n = Math.min(1000, total - count);
    const batch: ObservationCreate[] = Array.from({ length: n }, (_, i) => {
      const s = samples[(count + i) % samples.length]!;
      return { source: s.source, severity: s.severity, title: s.title, ocsf: s.ocsf };
    });
    await client.observations.createBatch(batch);
    count += n;
  }
  return count;
}

/** Statuses of the observation reads the budget sandbox logged after byte `from` of its log. */
function observationReads(from: number): number[] {
  const text = readFileSync(logFile('sandbox-budget'), 'utf8').slice(from);
  // One line per answer: `GET /v1/observations 200 4ms req_… analyst`.
  return [...text.matchAll(/^GET \/v1\/observations (\d{3}) /gm)].map((m) => Number(m[1]));
}

export async function rateBudgetFigure(cluster: Cluster): Promise<FigureRow[]> {
  const figure = '4 one rate budget across workers';
  const { budgetSandbox, api, balancer } = cluster;
  const total = await fill(budgetSandbox.url, budgetSandbox.tokens.admin, OBSERVATIONS);
  const workflowId = cluster.workflows.get(RATE_BUDGET_WORKFLOW)!;
  await api.publish(workflowId);
  const before = new Set((await api.allExecutions(workflowId)).map((e) => e.id));
  const logFrom = statSync(logFile('sandbox-budget')).size;
  const started = Date.now();
  // n8n registers a published workflow's webhook a moment later, on each process: until then it
  // answers 404 and starts nothing, so asking again is safe (the first run lost figure 4 so).
  await Promise.all(
    Array.from({ length: WALKS }, async (_, n) => {
      let status = 0;
      await waitFor(
        `walk ${n}'s webhook to be registered`,
        async () => {
          const answer = await fetch(`${balancer.url}/webhook/scale-rate-budget`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ walk: n }),
          });
          status = answer.status;
          return status !== 404;
        },
        60_000,
        1000,
      );
      if (status < 200 || status >= 300)
        throw new Error(`walk ${n}: the webhook answered ${status}`);
    }),
  );
  let runs: Awaited<ReturnType<typeof api.allExecutions>> = [];
  await waitFor(
    `${WALKS} walks to finish`,
    async () => {
      runs = (await api.allExecutions(workflowId)).filter((e) => !before.has(e.id));
      return runs.length >= WALKS && runs.every((e) => e.stoppedAt !== null);
    },
    900_000,
    2000,
  );
  const seconds = (Math.max(...runs.map((e) => Date.parse(e.stoppedAt!))) - started) / 1000;
  const statuses = observationReads(logFrom);
  const throttled = statuses.filter((s) => s === 429).length;
  const served = statuses.filter((s) => s === 200).length;
  const complete = runs.filter((e) => {
    const count = firstItem(e, 'Count Observations');
    return e.status === 'success' && count?.items === total && count?.distinct === total;
  }).length;
  const allowedPerSecond = BUDGET_LIMIT / BUDGET_WINDOW_SECONDS;
  return [
    {
      figure,
      measure: `server 429s, ${WALKS} walks of ${total} observations at once on ${cluster.workers.length} workers, limit ${BUDGET_LIMIT}/${BUDGET_WINDOW_SECONDS} s`,
      value: `${throttled} of ${statuses.length} requests (${((throttled / Math.max(1, statuses.length)) * 100).toFixed(2)}%)`,
      pass: statuses.length > 0 && throttled / statuses.length <= MAX_429_SHARE,
    },
    {
      figure,
      measure: 'executions that succeeded with every observation once',
      value: `${complete} of ${WALKS}`,
      pass: complete === WALKS,
    },
    {
      figure,
      measure: 'achieved / allowed request rate over the run',
      value: `${(served / seconds / allowedPerSecond).toFixed(2)} (${served} served in ${seconds.toFixed(0)} s; allowed ${allowedPerSecond}/s)`,
      // Informative: pacing well under the budget is slow, not wrong; over it shows as 429s.
      pass: true,
    },
  ];
}
