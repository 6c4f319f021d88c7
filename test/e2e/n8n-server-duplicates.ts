/**
 * Issue 12, in a real n8n 2.40.7: SenseOn delivers at least once, so with the sandbox sending a
 * share of every delivery twice at the same moment (same `webhook-id`), and with deliveries
 * replayed afterwards (same `webhook-id` again), a published SenseOn Trigger starts exactly one
 * execution per event. A hand-made context cannot show this: what n8n keeps between webhook calls
 * (static data, process memory) only a real server decides.
 */
import type { N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import { waitFor } from '../../scripts/n8n/lib/processes';
import type { RunningSandbox } from '../../scripts/n8n/lib/sandbox-process';
import {
  awaitSubscriptions,
  firstItem,
  settled,
  webhookIdOf,
  workflowFrom,
} from './n8n-server-helpers';
import { SENSEON_TRIGGER, type ServerScope } from './n8n-server-ours';
import { expect } from './report';
import type { Page } from './sandbox-api';

/** Case updates made with duplicates on; each is one case.updated event. */
const EVENTS = 30;
/** Deliveries replayed afterwards, each with its event's `webhook-id`. */
const REPLAYS = 5;
/** Share of delivery attempts the sandbox sends twice. */
const DUPLICATE_SHARE = 0.3;

interface Delivery {
  id: string;
  event_id: string;
  status: string;
}

let commandIds = 1_000_000;

/** Changes the sandbox's injected faults through its child's stdin (`setFaults`). */
export async function setFaults(sandbox: RunningSandbox, faults: object | null): Promise<void> {
  const id = ++commandIds;
  sandbox.service.child.stdin?.write(`${JSON.stringify({ id, command: 'setFaults', faults })}\n`);
  await waitFor(
    'the sandbox to change its faults',
    async () => sandbox.service.output().includes(`{"reply":${id},"ok":true}`),
    10_000,
    50,
  );
}

/** Every delivery of a subscription, page by page. */
async function deliveriesOf(scope: ServerScope, webhookId: string): Promise<Delivery[]> {
  const all: Delivery[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<Delivery> = await scope.analyst.get<Page<Delivery>>(
      `/webhooks/${webhookId}/deliveries?limit=100${query}`,
    );
    all.push(...page.data);
    cursor = page.pagination.next_cursor;
  } while (cursor);
  return all;
}

/** Waits until every delivery is settled, then until n8n's execution count holds still. */
async function quiet(scope: ServerScope, webhookId: string, workflowId: string, expected: number) {
  await waitFor(
    `${expected} deliveries to ${webhookId} settled`,
    async () => {
      const deliveries = await deliveriesOf(scope, webhookId);
      return deliveries.length >= expected && deliveries.every((d) => d.status !== 'pending');
    },
    90_000,
    500,
  );
  let last = -1;
  let steady = 0;
  await waitFor(
    'n8n to finish every execution it started',
    async () => {
      const executions = await scope.api.executions(workflowId);
      const count = executions.length;
      steady = count === last && executions.every(settled) ? steady + 1 : 0;
      last = count;
      return steady >= 4;
    },
    60_000,
    750,
  );
}

/** Executions per event id (v1 starts with the event itself). */
function executionsPerEvent(executions: N8nExecution[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const execution of executions) {
    const id = String(firstItem(execution, 'SenseOn Trigger')?.id);
    // Each delivery here is one event: its `evt_…` id is its `webhook-id`.
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export async function duplicateDeliveryChecks(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst } = scope;
  const sandbox = ctx.sandbox!;
  const workflow = workflowFrom(ctx.imported, 'e2e/trigger-duplicates.json');
  const workflowId = workflow.workflow.id!;
  const hook = await ctx.checks.check(
    'publishing the duplicate-delivery SenseOn Trigger workflow subscribes it to case.updated',
    async () => {
      await api.publish(workflowId);
      const [found] = await awaitSubscriptions(analyst, webhookIdOf(workflow, SENSEON_TRIGGER), 1);
      return found!;
    },
  );
  if (hook === undefined) return;
  try {
    await ctx.checks.check(
      `${EVENTS} case updates with ${DUPLICATE_SHARE * 100}% of delivery attempts sent twice start ${EVENTS} executions, one per event`,
      async () => {
        const cases = await analyst.get<Page<{ id: string }>>('/cases?limit=5');
        await setFaults(sandbox, { webhookDuplicate: DUPLICATE_SHARE });
        try {
          for (let n = 0; n < EVENTS; n++) {
            const caseId = cases.data[n % cases.data.length]!.id;
            await analyst.patch(`/cases/${caseId}`, { tags: [`e2e-duplicates-${n}`] });
          }
          await quiet(scope, hook.id, workflowId, EVENTS);
        } finally {
          await setFaults(sandbox, null);
        }
        const deliveries = await deliveriesOf(scope, hook.id);
        const executions = await api.executions(workflowId);
        const perEvent = executionsPerEvent(executions);
        const twice = [...perEvent].filter(([, count]) => count > 1);
        // The sandbox's duplicate copies are not delivery attempts: they are not counted there.
        const summary = `${deliveries.length} events: ${executions.length} executions`;
        expect(deliveries.length >= EVENTS, `${deliveries.length} deliveries, not ${EVENTS}`);
        expect(twice.length === 0, `${summary}; started more than once: ${twice.join(', ')}`);
        expect(executions.length === deliveries.length, summary);
        const missing = deliveries.filter((d) => !perEvent.has(d.event_id));
        expect(
          missing.length === 0,
          `no execution for ${missing.map((d) => d.event_id).join(', ')}`,
        );
        return summary;
      },
    );
    await ctx.checks.check(
      `${REPLAYS} replays of delivered events (same webhook-id) start no execution and are answered 2xx`,
      async () => {
        const before = (await api.executions(workflowId)).length;
        const all = await deliveriesOf(scope, hook.id);
        const delivered = all.slice(0, REPLAYS);
        for (const delivery of delivered) {
          await analyst.post(`/webhooks/${hook.id}/deliveries/${delivery.id}/replay`, {});
        }
        await quiet(scope, hook.id, workflowId, all.length + REPLAYS);
        const replays = (await deliveriesOf(scope, hook.id)).filter(
          (d) =>
            !delivered.some((first) => first.id === d.id) &&
            delivered.some((first) => first.event_id === d.event_id),
        );
        expect(replays.length === REPLAYS, `${replays.length} replay deliveries, not ${REPLAYS}`);
        const failed = replays.filter((d) => d.status !== 'succeeded');
        expect(
          failed.length === 0,
          `replays not answered 2xx: ${failed.map((d) => d.id).join(', ')}`,
        );
        const started = (await api.executions(workflowId)).length - before;
        expect(started === 0, `${REPLAYS} replays started ${started} executions`);
        return `${REPLAYS} replays: ${started} executions`;
      },
    );
  } finally {
    await ctx.checks.check('unpublishing the duplicate-delivery trigger workflow', async () => {
      await api.unpublish(workflowId);
      await awaitSubscriptions(analyst, webhookIdOf(workflow, SENSEON_TRIGGER), 0);
    });
  }
}
