import type { Case, Device } from '@senseon/client';
import { SenseOnVersion } from '../nodes/SenseOn/actions/node-version';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';
import { loadOptionsContext } from './harness/trigger-contexts';

const all = <T>(list: T[]): T[] => list;

/** The resource locators' lists, as the editor loads them while someone picks a record. */
describe('SenseOn node list search', () => {
  const node = new SenseOnVersion(2, new SenseOn().description);
  let sb: TestSandbox;
  let cases: Case[];
  let devices: Device[];

  beforeAll(async () => {
    sb = await startTestSandbox();
    cases = await sb.client('admin').cases.list({ limit: 100 }).collect();
    devices = await sb.client('admin').devices.list({ limit: 100 }).collect();
  });
  afterAll(() => sb.close());

  const context = () =>
    loadOptionsContext({ nodeType: node, credentials: sb.credential('analyst') });

  it('lists cases newest first, and finds them by words of the title', async () => {
    const all = await node.methods.listSearch.searchCases.call(context());
    expect(all.results.length).toBe(Math.min(cases.length, 50));
    expect(all.results[0]!.value).toMatch(/^case_/);
    const wanted = cases[3]!;
    const found = await node.methods.listSearch.searchCases.call(
      context(),
      wanted.title.split(' ').slice(0, 3).join(' '),
    );
    expect(found.results.map((r) => r.value)).toContain(wanted.id);
    expect(found.results.find((r) => r.value === wanted.id)!.name).toContain(wanted.title);
  });

  it('lists every device, following the next page token while there is one', async () => {
    const first = await node.methods.listSearch.searchDevices.call(context());
    const seen = first.results.map((r) => r.value);
    let token = first.paginationToken as string | undefined;
    while (token) {
      const next = await node.methods.listSearch.searchDevices.call(context(), undefined, token);
      seen.push(...next.results.map((r) => r.value));
      token = next.paginationToken as string | undefined;
    }
    expect(seen.sort()).toEqual(devices.map((d) => d.id).sort());
  });

  it('finds devices by part of the hostname or an IP', async () => {
    const device = devices[5]!;
    const byName = await node.methods.listSearch.searchDevices.call(
      context(),
      device.hostname.slice(0, -1).toLowerCase(),
    );
    expect(byName.results.map((r) => r.value)).toContain(device.id);
    const byIp = await node.methods.listSearch.searchDevices.call(
      context(),
      device.ip_addresses[0],
    );
    expect(byIp.results.map((r) => r.value)).toContain(device.id);
  });

  it("filters devices on the server (q): the answer is SenseOn's matches, each one matching", async () => {
    const all = await sb.client('admin').devices.list({ limit: 1000 }).collect();
    const last = all[all.length - 1]!;
    const serverSide = await sb.client('admin').devices.list({ q: last.hostname }).collect();
    expect(serverSide.length).toBeLessThan(all.length);
    const found = await node.methods.listSearch.searchDevices.call(context(), last.hostname);
    expect(found.results.map((r) => r.value)).toContain(last.id);
    expect(found.results.map((r) => r.value)).toEqual(serverSide.map((d) => d.id));
    for (const result of found.results) {
      const device = all.find((d) => d.id === result.value)!;
      const matches =
        device.hostname.toLowerCase().includes(last.hostname.toLowerCase()) ||
        device.ip_addresses.some((ip) => ip.includes(last.hostname)) ||
        device.id.toLowerCase().includes(last.hostname.toLowerCase());
      expect({ id: device.id, matches }).toEqual({ id: device.id, matches: true });
    }
  });

  it('lists observations newest first and finds them by an entity SenseOn matches', async () => {
    const latest = new SenseOnVersion(4, new SenseOn().description);
    const newest = await sb.client('admin').observations.list({ limit: 50 }).collect({ limit: 50 });
    const listed = await latest.methods.listSearch.searchObservations.call(
      loadOptionsContext({ nodeType: latest, credentials: sb.credential('analyst') }),
    );
    expect(listed.results.map((r) => r.value)).toEqual(newest.map((o) => o.id));
    expect(listed.paginationToken).toEqual(expect.any(String));
    const withEntity = newest.find((o) => o.device_id);
    const deviceIp = all(devices).find((d) => d.id === withEntity?.device_id)?.ip_addresses[0];
    if (deviceIp) {
      const expected = await sb
        .client('admin')
        .observations.list({ entity: deviceIp, limit: 50 })
        .collect();
      const found = await latest.methods.listSearch.searchObservations.call(
        loadOptionsContext({ nodeType: latest, credentials: sb.credential('analyst') }),
        deviceIp,
      );
      expect(found.results.map((r) => r.value)).toEqual(expected.map((o) => o.id));
    }
  });

  it('lists only response actions waiting for a decision', async () => {
    const device = devices.find((d) => d.status === 'online' && d.criticality !== 'crown_jewel')!;
    const pending = await sb.client('analyst').actions.request(cases[0]!.id, {
      type: 'isolate_device',
      target: { device_id: device.id },
      justification: 'Pick me from the list.',
    });
    const done = await sb.client('analyst').actions.request(cases[0]!.id, {
      type: 'add_ioc',
      target: { ioc: { type: 'domain', value: 'not-pending.example' } },
      justification: 'Runs at once.',
    });
    const listed = await node.methods.listSearch.searchPendingActions.call(context());
    const ids = listed.results.map((r) => r.value);
    expect(ids).toContain(pending.id);
    expect(ids).not.toContain(done.id);
    const filtered = await node.methods.listSearch.searchPendingActions.call(context(), 'pick me');
    expect(filtered.results.map((r) => r.value)).toEqual([pending.id]);
  });
});
