import { detectionFinding, type Case, type ObservationCreate } from '@senseon/client';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { PAGE_SIZE } from '../nodes/SenseOnPollTrigger/feeds';
import type { PollState } from '../nodes/SenseOnPollTrigger/poll';
import { SenseOnPollTrigger } from '../nodes/SenseOnPollTrigger/SenseOnPollTrigger.node';
import { sandboxCredential } from './harness/credentials';
import { eventually } from './harness/eventually';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';
import { pollContext } from './harness/trigger-contexts';

/** The poll trigger against the sandbox: a durable cursor, nothing lost, nothing twice. */
describe('SenseOn Poll Trigger', () => {
  const trigger = new SenseOnPollTrigger();
  let sb: TestSandbox;
  let cases: Case[];
  /** How far tests moved the sandbox's clock: its "now" is `Date.now() + advancedMs`. */
  let advancedMs = 0;
  const sandboxNow = () => Date.now() + advancedMs;

  beforeAll(async () => {
    // The simulator only steps when a test says so.
    sb = await startTestSandbox({ simulate: { intervalMs: 3_600_000 } });
    cases = await sb.client('admin').cases.list({ limit: 100 }).collect();
  });
  afterAll(() => sb.close());

  /** One feed's poller, with its static data kept between polls as n8n keeps it. */
  function poller(event: string, typeVersion = 2, token?: string) {
    const staticData: IDataObject = {};
    const poll = async (mode: 'trigger' | 'manual' = 'trigger') => {
      const context = pollContext({
        nodeType: trigger,
        parameters: { event },
        credentials: token ? sandboxCredential(sb.sandbox.url, token) : sb.credential('admin'),
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
    // In the order they were stored, the late one included.
    const times = second.map((o) => Date.parse(o.ingested_at as string));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await feed.poll()).toEqual([]);
  });

  it('new cases: every case the detection simulator opens, once', async () => {
    const feed = poller('newCase');
    expect(await feed.poll()).toEqual([]);
    const before = new Set(cases.map((c) => c.id));
    const opened = await eventually('the simulator to open two cases', async () => {
      sb.sandbox.clock.advance(20 * 60_000);
      advancedMs += 20 * 60_000;
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
    expect(first.map((c) => [c.case_id, c.updated_at])).toEqual([
      [a.id, a.updated_at],
      [b.id, b.updated_at],
    ]);
    // Keyed by the event that reported the change: what the SenseOn Trigger's webhook gives.
    expect(first.every((c) => /^evt_/.test(String(c.id)))).toBe(true);
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
      updated_at: again.updated_at,
      changes: { assignee: { from: 'first@example.com', to: 'second@example.com' } },
    });
    expect(await feed.poll()).toEqual([]);
  });

  it('updated cases: two quick updates of one case between polls are two items, without trace:read', async () => {
    // A token that cannot read the DecisionTrace: the changes still come, each on its own.
    const casesOnly = await sb.client('admin').pats.create({
      name: 'cases only',
      expiry_at: new Date(sandboxNow() + 3600_000).toISOString(),
      scopes: ['cases:read'],
    });
    const feed = poller('updatedCase', 2, casesOnly.token);
    expect(await feed.poll()).toEqual([]);
    const analyst = sb.client('analyst');
    const target = cases[4]!;
    const one = await analyst.cases.update(target.id, { status: 'investigating' });
    const severity = target.severity === 'critical' ? 'low' : 'critical';
    const two = await analyst.cases.update(target.id, { severity });
    const emitted = await feed.poll();
    expect(emitted).toHaveLength(2);
    expect(emitted[0]).toMatchObject({
      case_id: target.id,
      updated_at: one.updated_at,
      changes: { status: { from: target.status, to: 'investigating' } },
      changed_by: 'analyst',
    });
    expect(emitted[1]).toMatchObject({
      case_id: target.id,
      updated_at: two.updated_at,
      changes: { severity: { from: target.severity, to: severity } },
      changed_by: 'analyst',
    });
    expect(await feed.poll()).toEqual([]);
  });

  it('new observations: one stored 20 minutes after it was observed is still emitted, once', async () => {
    const feed = poller('newObservation');
    expect(await feed.poll()).toEqual([]);
    const admin = sb.client('admin');
    const onTime = await admin.observations.createBatch(observations(2, new Date(), 'on-time'));
    expect(await feed.poll()).toHaveLength(2);
    // An agent that was offline uploads what it saw 20 minutes (and 3 hours) ago.
    const now = Date.now();
    const late = await admin.observations.createBatch([
      ...observations(1, new Date(now - 20 * 60_000), 'late-20m'),
      ...observations(1, new Date(now - 3 * 3600_000), 'late-3h'),
    ]);
    const emitted = await feed.poll();
    expect(emitted.map((o) => o.id).sort()).toEqual(late.map((o) => o.id).sort());
    expect(emitted.some((o) => onTime.some((t) => t.id === o.id))).toBe(false);
    expect(await feed.poll()).toEqual([]);
  });

  it.each([1, 2])(
    'new observations (version %i): the first poll starts from now, re-emitting no recent history',
    async (typeVersion) => {
      const admin = sb.client('admin');
      // Observations from the last ten minutes exist before the workflow is activated.
      const now = sandboxNow();
      await admin.observations.createBatch([
        ...observations(3, new Date(now - 5 * 60_000), `recent-v${typeVersion}`),
        ...observations(1, new Date(now), `newest-v${typeVersion}`),
      ]);
      const feed = poller('newObservation', typeVersion);
      expect(await feed.poll()).toEqual([]);
      expect(await feed.poll()).toEqual([]);
      // Version 1 reads by event time, so what comes next must be observed after the newest.
      const fresh = await admin.observations.createBatch(
        observations(1, new Date(sandboxNow() + 60_000), `after-v${typeVersion}`),
      );
      expect((await feed.poll()).map((o) => o.id)).toEqual(fresh.map((o) => o.id));
    },
  );

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
