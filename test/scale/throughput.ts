/**
 * Figure 5, throughput: executions per minute of the IOC enrichment example (a threat-intel
 * indicator arrives on a webhook; the workflow finds its sightings, blocks it on the case and
 * comments there) in queue mode with 2 workers, then 1 worker, then the same workflow on one
 * n8n in regular mode on the same database. Last of the figures: it stops workers and main.
 */
import { stopService, waitFor } from '../../scripts/n8n/lib/processes';
import { N8nApi, type N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import { startN8nProcess } from '../../scripts/scale/queue-mode';
import type { Page } from '../e2e/sandbox-api';
import { FLAGSHIP_EXAMPLE } from './cluster';
import { OWNER, type Cluster, type FigureRow } from './context';
import { inParallel } from './sandbox-state';

/** Indicators posted per configuration, `WIDTH` at a time. */
export const RUNS = 60;
const WIDTH = 10;

/**
 * An IPv4 address an observation on some case mentions, so every node of the workflow runs. Pages
 * through the cases: the newest are the ones figure 3 opened, whose stories no observation shares.
 */
async function sightedIp(cluster: Cluster): Promise<string> {
  const tried = new Set<string>();
  let cursor: string | null = null;
  do {
    const cases: Page<{ title: string; description: string }> = await cluster.analyst.get(
      `/cases?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    const candidates = cases.data.flatMap(
      (c) => `${c.title} ${c.description}`.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? [],
    );
    for (const value of candidates) {
      if (tried.has(value)) continue;
      tried.add(value);
      const seen = await cluster.analyst.get<Page<{ case_id: string | null }>>(
        `/observations?entity=${encodeURIComponent(value)}&limit=50`,
      );
      if (seen.data.some((o) => o.case_id)) return value;
    }
    cursor = cases.pagination.next_cursor;
  } while (cursor);
  throw new Error('no IP from the case stories is seen in an observation');
}

interface Measured {
  perMinute: number;
  succeeded: number;
  seconds: number;
  /** Statuses other than 2xx the webhook answered (each run started all the same). */
  failedAnswers: number[];
}

/** Posts RUNS indicators through the balancer; waits for RUNS new executions to finish. */
async function measure(cluster: Cluster, workflowId: string, ip: string): Promise<Measured> {
  const before = new Set((await cluster.api.allExecutions(workflowId)).map((e) => e.id));
  const started = Date.now();
  const failedAnswers: number[] = [];
  await inParallel(
    Array.from({ length: RUNS }, (_, n) => n),
    WIDTH,
    async (n) => {
      // Asked again only while n8n has not registered the webhook (404: nothing started). Any
      // other answer started a run, and a second POST would start another.
      let status = 0;
      await waitFor(
        'the IOC webhook to be registered',
        async () => {
          status = (
            await fetch(`${cluster.balancer.url}/webhook/senseon-ioc`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ type: 'ipv4', value: ip, source: `scale-feed-${n}` }),
            })
          ).status;
          return status !== 404;
        },
        120_000,
        500,
      );
      if (status < 200 || status >= 300) failedAnswers.push(status);
    },
  );
  let fresh: N8nExecution[] = [];
  await waitFor(
    `${RUNS} IOC executions to finish`,
    async () => {
      fresh = (await cluster.api.allExecutions(workflowId)).filter((e) => !before.has(e.id));
      return fresh.length >= RUNS && fresh.every((e) => e.stoppedAt !== null);
    },
    900_000,
    2000,
  );
  const last = Math.max(...fresh.map((e) => Date.parse(e.stoppedAt!)));
  const seconds = (last - started) / 1000;
  return {
    perMinute: (fresh.length / seconds) * 60,
    succeeded: fresh.filter((e) => e.status === 'success').length,
    seconds,
    failedAnswers,
  };
}

export async function throughputFigure(cluster: Cluster): Promise<FigureRow[]> {
  const figure = '5 throughput';
  const workflowId = cluster.workflows.get(FLAGSHIP_EXAMPLE)!;
  await cluster.api.publish(workflowId);
  const ip = await sightedIp(cluster);
  const rows: FigureRow[] = [];
  const row = (setup: string, m: Measured): FigureRow => ({
    figure,
    measure: `${FLAGSHIP_EXAMPLE}, ${setup}`,
    value: `${m.perMinute.toFixed(1)} executions/min (${RUNS} in ${m.seconds.toFixed(0)} s, ${m.succeeded} succeeded${m.failedAnswers.length ? `; webhook answered ${m.failedAnswers.join(', ')}` : ''})`,
    pass: m.succeeded === RUNS && m.failedAnswers.length === 0,
  });
  const two = await measure(cluster, workflowId, ip);
  rows.push(row(`queue mode, ${cluster.workers.length} workers`, two));
  while (cluster.workers.length > 1) await stopService(cluster.workers.pop()!.service, 20_000);
  const one = await measure(cluster, workflowId, ip);
  rows.push(row('queue mode, 1 worker', one));
  rows.push({
    figure,
    measure: 'scaling, 2 workers ÷ 1 worker',
    value: `${(two.perMinute / one.perMinute).toFixed(2)}×`,
    pass: true,
  });
  // Regular mode: one n8n does everything, on the same PostgreSQL database and workflows.
  for (const process of [...cluster.workers, ...cluster.webhookProcessors, cluster.main]) {
    await stopService(process.service, 20_000);
  }
  cluster.workers = [];
  cluster.webhookProcessors = [];
  cluster.deployment.mode = 'regular';
  // Under main's own name: its user folder has our package installed (a new folder would not,
  // and the workflow could not be activated: the first run's regular mode only answered 404).
  cluster.main = await startN8nProcess(cluster.deployment, 'main', 'main');
  cluster.api = new N8nApi(cluster.main.url);
  await cluster.api.login(OWNER);
  await cluster.api.createApiKey('senseon-scale-regular');
  const regular = await measure(cluster, workflowId, ip);
  rows.push(row('regular mode (one n8n, no queue)', regular));
  return rows;
}
