import type { Observation } from '@senseon/client';
import type { INodeParameters } from 'n8n-workflow';
import { SenseOnVersion } from '../nodes/SenseOn/actions/node-version';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { runExecute } from './harness/execute-context';
import { startTestSandbox, type TestSandbox, type TokenName } from './harness/sandbox';

const DAY = 86_400_000;

/** The Telemetry and Hunt resources of the SenseOn node against a running sandbox. */
describe('SenseOn node: telemetry and hunts', () => {
  const node = new SenseOnVersion(4, new SenseOn().description);
  let sb: TestSandbox;
  let launch: Observation;
  const after = new Date(Date.now() - 7 * DAY).toISOString();
  const before = new Date(Date.now() - 60_000).toISOString();

  beforeAll(async () => {
    sb = await startTestSandbox();
    // A process launch SenseOn drew an observation from: it is in telemetry too.
    const found = await sb
      .client('analyst')
      .observations.list({
        class_uid: 1007,
        observed_after: after,
        observed_before: before,
        limit: 1,
      })
      .collect({ limit: 1 });
    launch = found[0]!;
  });
  afterAll(() => sb.close());

  async function run(parameters: INodeParameters, token: TokenName = 'analyst') {
    const { output } = await runExecute({
      nodeType: node,
      parameters,
      credentials: sb.credential(token),
    });
    for (const item of output[0]!) expect(item.pairedItem).toEqual({ item: 0 });
    return output[0]!.map((item) => item.json);
  }

  it('Telemetry → Get Many: a device’s events of one class, with a field match, newest first', async () => {
    const name = (launch.ocsf.process as { name: string }).name;
    const events = await run({
      resource: 'telemetry',
      operation: 'getMany',
      observed_after: after,
      observed_before: before,
      filters: {
        device_id: { __rl: true, mode: 'id', value: launch.device_id },
        event_class: 'process',
        field: 'process.name',
        value: name,
      },
      limit: 50,
    });
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e).toMatchObject({ device_id: launch.device_id, class_uid: 1007 });
      expect(String((e.ocsf as { process: { name: string } }).process.name).toLowerCase()).toBe(
        name.toLowerCase(),
      );
      expect(e.summary).toEqual(expect.stringContaining(launch.device_id!));
    }
    expect(events.map((e) => e.observation_id)).toContain(launch.id);
  });

  it('Hunt → Run Hunt and Wait for Results: the matching events, each with its hunt id', async () => {
    const name = (launch.ocsf.process as { name: string }).name;
    const events = await run({
      resource: 'hunt',
      operation: 'run',
      query: `process.name = "${name}" AND NOT actor.user.name in ("svc_nobody")`,
      observed_after: after,
      observed_before: before,
      filters: { device_ids: launch.device_id },
      options: { wait_seconds: 60 },
      limit: 1000,
    });
    expect(events.length).toBeGreaterThan(0);
    expect(events.map((e) => e.observation_id)).toContain(launch.id);
    const huntId = events[0]!.hunt_id as string;
    expect(huntId).toMatch(/^hunt_/);
    expect(events.every((e) => e.hunt_id === huntId && e.device_id === launch.device_id)).toBe(
      true,
    );

    const [status] = await run({ resource: 'hunt', operation: 'get', hunt_id: huntId });
    expect(status).toMatchObject({ id: huntId, status: 'done', result_count: events.length });
    expect(status!.summary).toContain('is done');

    const results = await run({
      resource: 'hunt',
      operation: 'getResults',
      hunt_id: huntId,
      limit: 2,
    });
    expect(results.map((e) => e.id)).toEqual(events.slice(0, 2).map((e) => e.id));
  });

  it('a hunt still running when the wait ends hands back its id; Cancel stops it', async () => {
    const [pending] = await run({
      resource: 'hunt',
      operation: 'run',
      query: 'class_uid = 4003',
      observed_after: after,
      observed_before: before,
      options: { wait_seconds: 0 },
      limit: 10,
    });
    expect(pending).toMatchObject({ id: expect.stringMatching(/^hunt_/) });
    expect(['queued', 'running']).toContain(pending!.status);
    expect(pending!.summary).toContain('get its status or results later with this id');

    const [cancelled] = await run({
      resource: 'hunt',
      operation: 'cancel',
      hunt_id: String(pending!.id),
    });
    expect(cancelled).toMatchObject({ id: pending!.id, status: 'cancelled' });
  });

  it('a malformed query fails the node with the column and what was expected', async () => {
    await expect(
      run({
        resource: 'hunt',
        operation: 'run',
        query: 'process.name = "cmd.exe" AND',
        observed_after: after,
        observed_before: before,
        options: { wait_seconds: 5 },
        limit: 10,
      }),
    ).rejects.toThrow(/column 29: expected an attribute path/);
  });
});

describe('SenseOn node: a hunt that times out', () => {
  const node = new SenseOnVersion(4, new SenseOn().description);
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ queryTimeoutMs: 0 });
  });
  afterAll(() => sb.close());

  it('fails with the 504 meaning and says how to narrow it', async () => {
    await expect(
      runExecute({
        nodeType: node,
        parameters: {
          resource: 'hunt',
          operation: 'run',
          query: 'process.name = "cmd.exe"',
          observed_after: new Date(Date.now() - DAY).toISOString(),
          observed_before: new Date().toISOString(),
          options: { wait_seconds: 30 },
          limit: 10,
        },
        credentials: sb.credential('analyst'),
      }),
    ).rejects.toThrow(/timed out: A database query timed out — try a more specific query/);
  });
});
