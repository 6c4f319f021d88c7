import {
  detectionFinding,
  updatedCaseFeed,
  type Case,
  type ObservationCreate,
  type UpdatedCaseItem,
} from '@senseon/client';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { PAGE_SIZE } from '../nodes/SenseOnPollTrigger/feeds';
import type { PollState } from '../nodes/SenseOnPollTrigger/poll';
import { SenseOnPollTrigger } from '../nodes/SenseOnPollTrigger/SenseOnPollTrigger.node';
import { eventually } from './harness/eventually';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';
import { pollContext } from './harness/trigger-contexts';

/** The poll trigger against the sandbox: a durable cursor, nothing lost, nothing twice. */
describe('SenseOn Poll Trigger', () => {
  const trigger = new SenseOnPollTrigger();
  let sb: TestSandbox;
  let cases: Case[];

  beforeAll(async () => {
    // The simulator only steps when a test says so.
    sb = await startTestSandbox({ simulate: { intervalMs: 3_600_000 } });
    cases = await sb.client('admin').cases.list({ limit: 100 }).collect();
  });
  afterAll(() => sb.close());

  /** One feed's poller, with its static data kept between polls as n8n keeps it. */
  function poller(event: string, typeVersion = 2) {
    const staticData: IDataObject = {};
    const poll = async (mode: 'trigger' | 'manual' = 'trigger') => {
      const context = pollContext({
        nodeType: trigger,
        parameters: { event },
        credentials: sb.credential('admin'),
        staticData,
        mode,
        node: { typeVersion },
      });
      const result = await trigger.poll!.call(context);
      return result ? result[0]!.map((item: INodeExecutionData) => item.json) : [];
    };
    return { poll, state: staticData as PollState };
  }

  function observations(count: number, observedAt: Date, prefix: string): ObservationCreate[] {
    return Array.from({ length: count }, (_, i) => ({
      observed_at: observedAt.toISOString(),
      source: 'endpoint' as const,
      severity: 'low' as const,
      title: `${prefix} ${i}`,
      ocsf: detectionFinding({
        uid: `${prefix}-${i}`,
        title: `${prefix} ${i}`,
        severity: 'low',
        time: observedAt.getTime(),
      }),
    }));
  }

  it('new observations: more than a page at one timestamp, each exactly once, then only newer', async () => {
    const feed = poller('newObservation');
    expect(await feed.poll()).toEqual([]);
    expect(feed.state.cursor).toMatchObject({ feed: 'newObservation.v2' });

    const admin = sb.client('admin');
    const tie = new Date(Date.now() + 1000);
    const burst = await admin.observations.createBatch(observations(250, tie, 'burst'));
    expect(burst.length).toBeGreaterThan(PAGE_SIZE * 2);

    const first = await feed.poll();
    expect(first).toHaveLength(250);
    expect(first.map((o) => o.id).sort()).toEqual(burst.map((o) => o.id).sort());
    expect(first.every((o) => typeof o.summary === 'string')).toBe(true);
    expect(await feed.poll()).toEqual([]);

    // More at the same instant as the burst, a few later, and one that arrives late.
    const sameInstant = await admin.observations.createBatch(observations(3, tie, 'same'));
    const later = await admin.observations.createBatch(
      observations(120, new Date(tie.getTime() + 5000), 'later'),
    );
    const late = await admin.observations.createBatch(
      observations(1, new Date(tie.getTime() - 120_000), 'late'),
    );
    const second = await feed.poll();
    expect(second.map((o) => o.id).sort()).toEqual(
      [...sameInstant, ...later, ...late].map((o) => o.id).sort(),
    );
    // Oldest first.
    const times = second.map((o) => Date.parse(o.observed_at as string));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await feed.poll()).toEqual([]);
  });

  it('new cases: every case the detection simulator opens, once', async () => {
    const feed = poller('newCase');
    expect(await feed.poll()).toEqual([]);
    const before = new Set(cases.map((c) => c.id));
    const opened = await eventually('the simulator to open two cases', async () => {
      sb.sandbox.clock.advance(20 * 60_000);
      sb.sandbox.simulateStep();
      const now = await sb.client('admin').cases.list({ limit: 100 }).collect();
      const fresh = now.filter((c) => !before.has(c.id));
      return fresh.length >= 2 ? fresh : undefined;
    });
    const emitted = await feed.poll();
    expect(emitted.map((c) => c.id).sort()).toEqual(opened.map((c) => c.id).sort());
    expect(await feed.poll()).toEqual([]);
  });

  it('updated cases: each change once, saying what changed, keyed as the feed keys it', async () => {
    const feed = poller('updatedCase');
    expect(await feed.poll()).toEqual([]);
    const analyst = sb.client('analyst');
    const a = await analyst.cases.update(cases[2]!.id, { assignee: 'first@example.com' });
    const b = await analyst.cases.update(cases[3]!.id, { tags: ['poll-test-v2'] });
    const first = await feed.poll();
    expect(first.map((c) => c.id).sort()).toEqual(
      [
        updatedCaseFeed.dedupeKey({ case_id: a.id, updated_at: a.updated_at } as UpdatedCaseItem),
        updatedCaseFeed.dedupeKey({ case_id: b.id, updated_at: b.updated_at } as UpdatedCaseItem),
      ].sort(),
    );
    expect(first.find((c) => c.case_id === a.id)).toMatchObject({
      change: 'assignee',
      changes: { assignee: { from: cases[2]!.assignee, to: 'first@example.com' } },
      changed_by: 'analyst',
      case: expect.objectContaining({ id: a.id, assignee: 'first@example.com' }),
    });
    expect(await feed.poll()).toEqual([]);

    await analyst.cases.addComment(a.id, { body: 'Poll comment.' });
    const again = await analyst.cases.update(a.id, { assignee: 'second@example.com' });
    const second = await feed.poll();
    expect(second.map((c) => c.change)).toEqual(['comment', 'assignee']);
    expect(second[1]).toMatchObject({
      id: `${a.id}:${again.updated_at}`,
      changes: { assignee: { from: 'first@example.com', to: 'second@example.com' } },
    });
    expect(await feed.poll()).toEqual([]);
  });

  it('version 1 (saved workflows): updated cases as the case itself, each change once', async () => {
    const feed = poller('updatedCase', 1);
    expect(await feed.poll()).toEqual([]);
    const analyst = sb.client('analyst');
    await analyst.cases.update(cases[0]!.id, { assignee: 'first@example.com' });
    await analyst.cases.update(cases[1]!.id, { tags: ['poll-test'] });
    const first = await feed.poll();
    expect(first.map((c) => c.id).sort()).toEqual([cases[0]!.id, cases[1]!.id].sort());
    expect(await feed.poll()).toEqual([]);

    await analyst.cases.update(cases[0]!.id, { assignee: 'second@example.com' });
    const second = await feed.poll();
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ id: cases[0]!.id, assignee: 'second@example.com' });
  });

  it('response action updates: requests and decisions, each state change once', async () => {
    const feed = poller('actionUpdate');
    expect(await feed.poll()).toEqual([]);
    const devices = await sb.client('admin').devices.list({ limit: 100 }).collect();
    const device = devices.find((d) => d.status === 'online' && d.criticality !== 'crown_jewel')!;
    const requested = await sb.client('analyst').actions.request(cases[0]!.id, {
      type: 'isolate_device',
      target: { device_id: device.id },
      justification: 'Poll test.',
    });
    const first = await feed.poll();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      id: `${requested.id}:pending_approval`,
      action_id: requested.id,
      status: 'pending_approval',
    });
    expect(await feed.poll()).toEqual([]);

    await sb.client('approver').actions.reject(requested.id, { reason: 'Not this one.' });
    const second = await feed.poll();
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ id: `${requested.id}:rejected`, status: 'rejected' });
    expect(await feed.poll()).toEqual([]);
  });

  it('a test fetch shows the newest record and leaves the cursor alone', async () => {
    const feed = poller('newObservation');
    await feed.poll();
    const cursor = JSON.stringify(feed.state.cursor);
    const sample = await feed.poll('manual');
    expect(sample).toHaveLength(1);
    expect(sample[0]!.id).toMatch(/^obs_/);
    expect(JSON.stringify(feed.state.cursor)).toBe(cursor);
  });
});
