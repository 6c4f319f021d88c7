import type { SenseOnClient } from '@senseon/client';
import type { RunningSandbox } from '@senseon/sandbox';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { App, appError, appTester, authFor, clientAs, startTestSandbox, thrown } from './helpers';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
type Record_ = Record<string, unknown> & { summary: string };
const search = (
  key: keyof typeof App.searches,
  inputData: Record<string, unknown>,
  token = 'analyst',
) =>
  appTester(App.searches[key].operation.perform as Perform, {
    authData: authFor(sandbox, token),
    inputData,
  }) as Promise<Record_[]>;

let sandbox: RunningSandbox;
let analyst: SenseOnClient;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  analyst = clientAs(sandbox, 'analyst');
});
afterAll(() => sandbox.close());

describe('Find Case', () => {
  it('finds a case by id, with its timeline and actions', async () => {
    const [any] = await analyst.cases.list({ limit: 1 }).collect({ limit: 1 });
    const [found] = await search('find_case', { case_id: any!.id });
    expect(found).toMatchObject({ id: any!.id });
    expect(Array.isArray(found!.timeline)).toBe(true);
    expect(found!.summary).toContain(any!.id);
  });

  it('finds the newest case matching the filters, or nothing', async () => {
    const results = await search('find_case', { status: ['open'], min_severity: 'high' });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'open' });
    expect(['high', 'critical']).toContain(results[0]!.severity);
    const [newest] = await analyst.cases
      .list({ status: ['open'], min_severity: 'high', limit: 1 })
      .collect({ limit: 1 });
    expect(results[0]!.id).toBe(newest!.id);
    expect(await search('find_case', { q: 'no case has this title zq9x' })).toEqual([]);
    expect(await search('find_case', { case_id: 'case_doesnotexist0' })).toEqual([]);
  });

  it('names the field when the id is malformed', async () => {
    const error = await thrown(() => search('find_case', { case_id: 'INC-42' }));
    expect(appError(error)).toMatchObject({ status: 400 });
    expect(appError(error).message).toContain('"Case" (case_id)');
  });
});

describe('Find Device', () => {
  it('finds a device by id, by hostname and by IP address', async () => {
    const [device] = await analyst.devices.list({ limit: 1 }).collect({ limit: 1 });
    const byId = await search('find_device', { device_id: device!.id });
    const byHostname = await search('find_device', { hostname: device!.hostname.toLowerCase() });
    const byIp = await search('find_device', { ip: device!.ip_addresses[0] });
    for (const results of [byId, byHostname, byIp]) {
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ id: device!.id, hostname: device!.hostname });
    }
    expect(byId[0]!.summary).toContain(device!.hostname);
  });

  it('asks for an id, a hostname or an IP address', async () => {
    const error = await thrown(() => search('find_device', { os_type: 'linux' }));
    expect(appError(error).message).toContain('"Device" (device_id)');
  });
});

describe('Find Observation', () => {
  it('returns the matching observations newest first, one record each (Zapier uses the first)', async () => {
    const results = await search('find_observations', { min_severity: 'medium', limit: 5 });
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(5);
    const times = results.map((o) => String(o.observed_at));
    expect([...times].sort().reverse()).toEqual(times);
    for (const o of results) expect(['medium', 'high', 'critical']).toContain(o.severity);
    expect(results[0]!.id).toMatch(/^obs_/);
    expect(typeof results[0]!.summary).toBe('string');
  });

  it('finds nothing as an empty list, so Zapier’s "nothing found" choice applies', async () => {
    expect(await search('find_observations', { entity: 'no-such-host.invalid' })).toEqual([]);
  });
});

describe('Find Decision Trace', () => {
  it('returns the entries and confirms the hash chain', async () => {
    const [item] = await analyst.cases.list({ status: ['open'], limit: 1 }).collect({ limit: 1 });
    await analyst.cases.addComment(item!.id, { body: 'Trace me' });
    const [trace] = await search('get_decision_trace', { case_id: item!.id });
    expect(trace).toMatchObject({ case_id: item!.id, verified: true });
    const entries = trace!.entries as { event: string }[];
    expect(entries.map((e) => e.event)).toContain('case.comment_added');
    expect(trace!.summary).toContain('hash chain intact');
  });
});
