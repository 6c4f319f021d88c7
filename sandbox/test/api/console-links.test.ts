import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

/**
 * `url` on cases, devices and response actions: a link to the item in SenseOn's console, in
 * list pages (stored JSON spliced as it is), single reads and a fresh request's answer alike.
 */
let sandbox: RunningSandbox;
let admin: Api;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
});
afterAll(() => sandbox.close());

const link = (path: string, id: string) => `https://console.senseon.invalid/${path}/${id}`;

describe('console links', () => {
  it('a single read, an update and a new request carry the link too', async () => {
    const [first] = (await admin.get('/cases?limit=1')).body.data as Json[];
    const caseId = first!.id as string;
    expect((await admin.get(`/cases/${caseId}`)).body.url).toBe(link('cases', caseId));
    const updated = await admin.patch(`/cases/${caseId}`, { assignee: 'links@example.com' });
    expect(updated.body.url).toBe(link('cases', caseId));
    const [device] = (await admin.get('/devices?limit=1')).body.data as Json[];
    expect((await admin.get(`/devices/${device!.id as string}`)).body.url).toBe(
      link('devices', device!.id as string),
    );
    const requested = await admin.post(`/cases/${caseId}/actions`, {
      type: 'add_ioc',
      target: { ioc: { type: 'domain', value: 'console-link.example' } },
      justification: 'A link to the action.',
    });
    expect(requested.status).toBe(202);
    expect(requested.body.url).toBe(link('response-actions', requested.body.id as string));
    const read = await admin.get(`/actions/${requested.body.id as string}`);
    expect(read.body.url).toBe(link('response-actions', requested.body.id as string));
  });

  it('GET /devices?q= finds part of a hostname, an IP address or an ID, case-insensitive', async () => {
    const devices = (await admin.get('/devices?limit=1000')).body.data as Json[];
    const device = devices[3]!;
    const hostname = String(device.hostname);
    const part = hostname.slice(1, -1).toLowerCase();
    const byName = (await admin.get(`/devices?limit=1000&q=${encodeURIComponent(part)}`)).body
      .data as Json[];
    expect(byName.map((d) => d.id)).toEqual(
      devices.filter((d) => String(d.hostname).toLowerCase().includes(part)).map((d) => d.id),
    );
    const ip = (device.ip_addresses as string[])[0]!;
    const byIp = (await admin.get(`/devices?limit=1000&q=${encodeURIComponent(ip)}`)).body
      .data as Json[];
    expect(byIp.map((d) => d.id)).toContain(device.id);
    const none = await admin.get('/devices?limit=1000&q=no-such-host-anywhere');
    expect(none.body.data).toEqual([]);
  });
  it('every case, device and response action in a list page links to itself (after the request above)', async () => {
    for (const [list, path] of [
      ['/cases?limit=1000', 'cases'],
      ['/devices?limit=1000', 'devices'],
      ['/actions?limit=1000', 'response-actions'],
    ] as const) {
      const items = (await admin.get(list)).body.data as Json[];
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(item.url).toBe(link(path, item.id as string));
    }
  });
});
