import { SenseOnClient, type ObservationCreate } from '@senseon/client';
import { nodeOutputs, type N8nApi } from '../../scripts/n8n/lib/n8n-api';
import { waitFor } from '../../scripts/n8n/lib/processes';
import { startBenchN8n } from '../n8n/bench-n8n';
import { startCountingSandbox } from '../n8n/counting-sandbox';
import {
  FLOOR_NODE,
  FLOOR_PATH,
  floorWorkflow,
  POLL_NODE,
  pollWorkflow,
  TRIGGER_NODE,
  triggerWorkflow,
} from '../n8n/latency-workflows';
import { ratioFigure, soloFigure } from '../measure';
import type { Suite } from '../suite';

/** n8n polls at most once a minute: the last event is picked up within that, plus a margin. */
const POLL_WAIT_MS = 150_000;

/** The p-th percentile (0–100) of `values`, nearest rank. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? NaN;
}

/**
 * When each observation's execution started: the earliest `startedAt` (n8n's execution record)
 * of an execution whose trigger node put out an item with that observation's id.
 */
async function startsById(
  api: N8nApi,
  workflowId: string,
  node: string,
  idOf: (json: Record<string, unknown>) => unknown = (json) => json.id,
) {
  const starts = new Map<string, number>();
  for (const execution of await api.allExecutions(workflowId)) {
    const startedAt = Date.parse(execution.startedAt);
    for (const item of nodeOutputs(execution.data?.resultData.runData, node)?.[0] ?? []) {
      const id = idOf(item.json);
      if (typeof id !== 'string') continue;
      starts.set(id, Math.min(starts.get(id) ?? Infinity, startedAt));
    }
  }
  return starts;
}

export const suite: Suite = {
  id: 'n8n-event-latency',
  order: 5,
  title: 'Event to workflow: SenseOn event → webhook → SenseOn Trigger → execution started',
  async run({ quick, log }) {
    const events = quick ? 40 : 200;
    // Spread over two poll intervals, so that the poll trigger's figures are those of events
    // arriving at any moment of its minute; one at a time, so that webhook runs never queue.
    const spacingMs = quick ? 1_500 : 600;
    // Retries come within milliseconds (the schedule scaled down, as the e2e run does): a
    // delivery n8n failed to take still starts, late, and its lateness is in the figures.
    const sandbox = await startCountingSandbox({ rateLimit: 10_000_000, webhookTimeScale: 0.01 });
    try {
      const analyst = new SenseOnClient({
        baseUrl: sandbox.url,
        token: sandbox.analystToken,
        rateLimit: false,
      });
      const sample = (await analyst.observations.list({ limit: 1 })).data[0];
      if (!sample) throw new Error('the seeded sandbox has no observation to copy');
      // The event's own creation time, as the sandbox records it (`created_at`, ms).
      const createdAt = new Map<string, number>();
      const unsubscribe = sandbox.app.services.events.subscribe((event) => {
        const id = (event.data as { id?: unknown }).id;
        if (event.type === 'observation.created' && typeof id === 'string') {
          createdAt.set(id, Date.parse(event.created_at));
        }
      });
      const n8n = await startBenchN8n({
        name: 'event-latency',
        sandbox: { url: sandbox.url, token: sandbox.analystToken },
        workflows: { trigger: triggerWorkflow, poll: pollWorkflow, floor: floorWorkflow },
        log,
      });
      try {
        const triggerId = n8n.ids.get('trigger')!;
        const pollId = n8n.ids.get('poll')!;
        const floorId = n8n.ids.get('floor')!;
        await analyst.webhooks.create({
          url: `${n8n.n8n.url}/webhook/${FLOOR_PATH}`,
          events: ['observation.created'],
        });
        // Publishing the trigger subscribes it in SenseOn; wait for that before any event.
        await waitFor(
          "the SenseOn Trigger's subscription",
          async () => {
            const hooks = await analyst.webhooks.list({ limit: 100 });
            return hooks.data.some((h) =>
              h.url.includes(triggerWorkflow.nodes[0]!.webhookId as string),
            );
          },
          60_000,
          250,
        );
        log(`${events} observations, one every ${spacingMs} ms`);
        const ids: string[] = [];
        for (let i = 0; i < events; i++) {
          const observation: ObservationCreate = {
            source: sample.source,
            severity: sample.severity,
            title: `bench event latency ${i + 1}`,
            ocsf: sample.ocsf,
          };
          ids.push((await analyst.observations.create(observation)).id);
          await new Promise((resolve) => setTimeout(resolve, spacingMs));
        }
        log('waiting for every trigger run and the next poll');
        // Every delivery answered (or given up on) in the sandbox: then n8n has started what
        // it will start. Asked of the sandbox's table, so that waiting costs n8n nothing.
        const pending = sandbox.app.db.prepare(
          "SELECT count(*) AS n FROM deliveries WHERE status = 'pending'",
        );
        await waitFor(
          'every delivery answered',
          async () => (pending.get() as { n: number }).n === 0,
          POLL_WAIT_MS,
          1_000,
        ).catch(() => undefined);
        // The poll's runs each hold many observations: wait for the one after the last event.
        const lastCreated = Math.max(...createdAt.values());
        await waitFor(
          'a poll run after the last event',
          async () =>
            (await n8n.api.executions(pollId)).some((e) => Date.parse(e.startedAt) > lastCreated),
          POLL_WAIT_MS,
          5_000,
        ).catch(() => undefined);
        const triggerStarts = await startsById(n8n.api, triggerId, TRIGGER_NODE);
        const pollStarts = await startsById(n8n.api, pollId, POLL_NODE);
        const floorStarts = await startsById(
          n8n.api,
          floorId,
          FLOOR_NODE,
          (json) => (json.body as { data?: { id?: unknown } } | undefined)?.data?.id,
        );
        const latencies = (starts: Map<string, number>) =>
          ids.flatMap((id) => {
            const start = starts.get(id);
            const created = createdAt.get(id);
            return start === undefined || created === undefined ? [] : [start - created];
          });
        const webhook = latencies(triggerStarts);
        const poll = latencies(pollStarts);
        const floor = latencies(floorStarts);
        const missedByPoll = ids
          .filter((id) => !pollStarts.has(id))
          .map((id) => ids.indexOf(id) + 1);
        if (webhook.length === 0) throw new Error('the SenseOn Trigger started no run');
        const figures = [
          soloFigure({
            measure: `events that started a run of the SenseOn Trigger's workflow, of ${events}`,
            unit: 'runs',
            label: 'SenseOn Trigger (webhook)',
            values: [webhook.length],
            goal: { text: `every event (${events})`, holds: (m) => m === events },
          }),
          ratioFigure({
            measure: `event created → execution started (median = p50; min–max; over the runs each side started: ${webhook.length}, ${poll.length}; of ${events} events)`,
            unit: 'ms',
            candidate: { label: 'SenseOn Trigger (webhook)', values: webhook },
            baseline: { label: 'SenseOn Poll Trigger, every minute', values: poll },
          }),
          ratioFigure({
            measure: `the same, against n8n's own Webhook node on the same deliveries (n8n's floor; it started ${floor.length})`,
            unit: 'ms',
            candidate: { label: 'SenseOn Trigger (webhook)', values: webhook },
            baseline: { label: "n8n's Webhook node", values: floor },
          }),
          soloFigure({
            measure: 'p95, event created → execution started',
            unit: 'ms',
            label: 'SenseOn Trigger (webhook)',
            values: [percentile(webhook, 95)],
            goal: { text: '≤ 250 ms', holds: (m) => m <= 250 },
          }),
          soloFigure({
            measure: 'p95, event created → execution started',
            unit: 'ms',
            label: 'SenseOn Poll Trigger, every minute',
            values: [percentile(poll, 95)],
          }),
          soloFigure({
            measure: 'p95, event created → execution started',
            unit: 'ms',
            label: "n8n's Webhook node (floor)",
            values: [percentile(floor, 95)],
          }),
        ];
        return {
          figures,
          notes: [
            `${events} observations written through the API (\`POST /observations\`), one every ${spacingMs} ms, while both workflows were published in one n8n 2.40.7 (\`n8n start\`, sqlite, our package installed as a community package); the sandbox in the bench's process, on loopback.`,
            "Latency is n8n's execution record (`startedAt`, read through its public API) minus the event's `created_at` as the sandbox recorded it: the sandbox queues the signed delivery, n8n's webhook receives it, the trigger checks the signature and claims the delivery in SenseOn (one API call), then n8n starts the run. Both clocks are this machine's.",
            `The poll trigger's figure counts from the event to the start of the first poll run that emitted it; ${poll.length} of ${events} were emitted within ${POLL_WAIT_MS / 1000} s of the last event${missedByPoll.length ? ` (not emitted: events ${missedByPoll.join(', ')})` : ''}. p50 and p95 are nearest-rank.`,
            `n8n's own Webhook node (n8n-nodes-base.webhook, subscribed in SenseOn to the same events, no signature check and no claim) started ${floor.length} of ${events} runs: the difference between it and our trigger is what the trigger adds (verification, the claim's API call, the item); what both share is n8n's.`,
          ],
        };
      } finally {
        unsubscribe();
        await n8n.stop();
      }
    } finally {
      await sandbox.close();
    }
  },
};
