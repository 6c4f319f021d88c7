/**
 * Issue 12, in a real n8n 2.40.7: published SenseOn Poll Trigger workflows (New Observation and
 * Updated Case, version 2) run across an n8n restart while observations arrive late (observed
 * 20 minutes and 3 hours before they are stored) and cases are updated twice in quick
 * succession. Every one is emitted exactly once: nothing lost, nothing doubled, and nothing that
 * existed before the workflow was published (the first poll starts from now). Only a real n8n
 * decides when a poll's static data is saved and what runs when it starts again.
 */
import { detectionFinding } from '@senseon/client';
import type { N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import type { N8nHost } from '../../scripts/n8n/lib/host';
import { startN8nServer, type RunningN8n } from '../../scripts/n8n/lib/n8n-server';
import { stopService, waitFor } from '../../scripts/n8n/lib/processes';
import { logFile } from './context';
import { settled, workflowFrom } from './n8n-server-helpers';
import type { ServerScope } from './n8n-server-ours';
import { expect } from './report';
import { SandboxApi, type Page } from './sandbox-api';

const POLL_TRIGGER = 'SenseOn Poll Trigger';
/** The marker in every title and tag this part writes, so other parts' data is not counted. */
const MARK = 'e2e-poll';
/** How long n8n may take to activate a published workflow (its outbox, on a loaded host). */
const ACTIVATION_WAIT_MS = 120_000;
/** How long a poll may take to come: n8n polls at most once a minute. */
const POLL_WAIT_MS = 150_000;

/** What the chaos suite prints as a row: the poll trigger across a restart. */
export interface PollTriggerCounts {
  /** Observations and case updates written while the workflows were published. */
  expected: number;
  emitted: number;
  lost: number;
  doubled: number;
  /** Items that existed before publication and were emitted anyway. */
  history: number;
  late: number;
  restarts: number;
}

let lastCounts: PollTriggerCounts | undefined;

/** The counts of the last run of `pollTriggerChecks` in this process, if it ran. */
export function pollTriggerCounts(): PollTriggerCounts | undefined {
  return lastCounts;
}

/** How to stop this part's n8n and start it again on the same port, folder and database. */
export interface N8nRestart {
  host: N8nHost;
  env: NodeJS.ProcessEnv;
  port: number;
  n8n: RunningN8n;
  /** Where the restarted n8n logs (default: the e2e run's logs/n8n-poll.log). */
  logFile?: string;
}

interface Item {
  id: string;
  title?: string;
  case_id?: string;
}

/** Every item the Poll Trigger emitted, over every execution of the workflow. */
function emittedItems(executions: N8nExecution[]): Item[] {
  return executions.flatMap((execution) => {
    const runs = execution.data?.resultData.runData[POLL_TRIGGER] ?? [];
    return runs.flatMap((run) =>
      (run.data?.main[0] ?? []).map((entry) => entry.json as unknown as Item),
    );
  });
}

function observation(title: string, observedAt: number) {
  return {
    observed_at: new Date(observedAt).toISOString(),
    source: 'endpoint',
    severity: 'low',
    title,
    ocsf: detectionFinding({ uid: title, title, severity: 'low', time: observedAt }),
  };
}

interface CaseEvent {
  id: string;
  type: string;
  data: { id: string; tags?: string[] };
}

export async function pollTriggerChecks(
  scope: ServerScope,
  restart: N8nRestart,
): Promise<PollTriggerCounts | undefined> {
  const { ctx, api, analyst } = scope;
  const sandbox = ctx.sandbox!;
  const admin = new SandboxApi(sandbox.url, sandbox.tokens.admin);
  const observations = workflowFrom(ctx.imported, 'e2e/poll-observations.json').workflow.id!;
  const updates = workflowFrom(ctx.imported, 'e2e/poll-case-updates.json').workflow.id!;
  const cases = (await analyst.get<Page<{ id: string }>>('/cases?limit=50')).data.slice(-4);
  const written = { observations: new Set<string>(), late: 0, history: new Set<string>() };
  let batch = 0;

  /** On-time and late observations, and each case updated twice in a row. */
  async function write(phase: string): Promise<void> {
    const now = Date.now();
    const made = await admin.post<{ data: Array<{ id: string }> }>('/observations', {
      observations: [
        observation(`${MARK} ${phase} on time 1`, now),
        observation(`${MARK} ${phase} on time 2`, now),
        observation(`${MARK} ${phase} late 20 min`, now - 20 * 60_000),
        observation(`${MARK} ${phase} late 3 h`, now - 3 * 3600_000),
      ],
    });
    for (const o of made.data) written.observations.add(o.id);
    written.late += 2;
    for (const item of cases) {
      batch++;
      await analyst.patch(`/cases/${item.id}`, { tags: [`${MARK}-${batch}-a`] });
      await analyst.patch(`/cases/${item.id}`, { tags: [`${MARK}-${batch}-b`] });
    }
  }

  /** The `case.updated` events this part caused: each must be exactly one item. */
  async function ourUpdates(): Promise<Set<string>> {
    const ids = new Set<string>();
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page: Page<CaseEvent> = await analyst.get<Page<CaseEvent>>(
        `/events?type=case.updated&limit=1000${query}`,
      );
      for (const event of page.data) {
        if (event.data.tags?.some((tag) => tag.startsWith(`${MARK}-`))) ids.add(event.id);
      }
      cursor = page.pagination.next_cursor;
    } while (cursor);
    return ids;
  }

  async function counts(): Promise<PollTriggerCounts> {
    const updateIds = await ourUpdates();
    const fromObservations = emittedItems(await api.executions(observations));
    const fromUpdates = emittedItems(await api.executions(updates));
    const ours = [
      ...fromObservations.filter((o) => o.title?.startsWith(MARK)),
      ...fromUpdates.filter((u) => updateIds.has(u.id)),
    ];
    const expected = new Set([...written.observations, ...updateIds]);
    const seen = new Set(ours.map((item) => item.id));
    return {
      expected: expected.size,
      emitted: ours.length,
      lost: [...expected].filter((id) => !seen.has(id)).length,
      doubled: ours.length - seen.size,
      history: fromObservations.filter((o) => written.history.has(o.id)).length,
      late: written.late,
      restarts: 1,
    };
  }

  async function awaitAll(what: string): Promise<PollTriggerCounts> {
    let last: PollTriggerCounts | undefined;
    await waitFor(
      what,
      async () => {
        const executions = [
          ...(await api.executions(observations)),
          ...(await api.executions(updates)),
        ];
        if (!executions.every(settled)) return false;
        last = await counts();
        return last.lost === 0;
      },
      POLL_WAIT_MS,
      2_000,
    ).catch(() => undefined);
    return last ?? counts();
  }

  const published = await ctx.checks.check(
    'publishing two Poll Trigger workflows (New Observation, Updated Case) starts them from now',
    async () => {
      // What exists before publication: recent history the first poll must not emit.
      const now = Date.now();
      const history = await admin.post<{ data: Array<{ id: string }> }>('/observations', {
        observations: [
          observation(`history ${MARK} 5 min ago`, now - 5 * 60_000),
          observation(`history ${MARK} now`, now),
        ],
      });
      for (const o of history.data) written.history.add(o.id);
      await api.publish(observations);
      await api.publish(updates);
      // n8n 2.40.7 publishes through an outbox: the call returns before the trigger is live. It
      // is live once its first poll has noted where each feed is now (saved with the
      // activation); whatever is written before that is history, rightly not emitted.
      const started = Date.now();
      await waitFor(
        'both Poll Triggers to note where their feed starts',
        async () => {
          for (const id of [observations, updates]) {
            const { staticData } = await api.workflow(id);
            const node = staticData?.[`node:${POLL_TRIGGER}`] as { cursor?: unknown } | undefined;
            if (!node?.cursor) return false;
          }
          return true;
        },
        ACTIVATION_WAIT_MS,
        1_000,
      );
      return `${history.data.length} observations from the last 10 minutes exist already; live ${Math.round((Date.now() - started) / 1000)} s after publishing`;
    },
  );
  if (published === undefined) return undefined;

  let n8n = restart.n8n;
  try {
    await ctx.checks.check(
      'late observations and quick double case updates: each emitted once by the next poll',
      async () => {
        await write('before restart');
        const seen = await awaitAll('the next polls to emit what was written');
        expect(seen.lost === 0, `${seen.lost} of ${seen.expected} lost`);
        expect(seen.doubled === 0, `${seen.doubled} emitted twice`);
        expect(seen.history === 0, `${seen.history} pre-publication observations emitted`);
        return `${seen.emitted} of ${seen.expected} emitted, ${seen.doubled} twice`;
      },
    );
    await ctx.checks.check(
      'n8n restarted while more late observations and double updates arrive: 0 lost, 0 doubled',
      async () => {
        await stopService(n8n.service);
        await write('while n8n is down');
        n8n = await startN8nServer(
          restart.host,
          restart.env,
          restart.port,
          restart.logFile ?? logFile('n8n-poll'),
          300_000,
        );
        await write('after restart');
        const seen = await awaitAll('the polls after the restart to emit everything');
        lastCounts = seen;
        expect(seen.lost === 0, `${seen.lost} of ${seen.expected} lost`);
        expect(seen.doubled === 0, `${seen.doubled} emitted twice`);
        expect(seen.history === 0, `${seen.history} pre-publication observations emitted`);
        return `${seen.expected} written (${seen.late} late observations, ${cases.length * 2 * 3} quick updates): ${seen.lost} lost, ${seen.doubled} doubled, ${seen.history} history`;
      },
    );
  } finally {
    await ctx.checks.check('unpublishing the Poll Trigger workflows', async () => {
      await api.unpublish(observations);
      await api.unpublish(updates);
    });
    if (n8n !== restart.n8n) await stopService(n8n.service);
  }
  return lastCounts;
}
