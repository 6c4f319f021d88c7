import { SEVERITY_RANK, type Severity } from '@senseon/client';
import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
let cases: Json[];
beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
  cases = (await admin.get('/cases?limit=1000')).body.data;
});
afterAll(() => sandbox.close());

const ids = (items: Json[]) => items.map((i) => i.id as string).sort();

describe('list filters answer exactly the matching items', () => {
  it('cases: status (repeated), min_severity, device_id, assignee, q, time ranges, sort', async () => {
    const wanted = cases.filter((c) => c.status === 'open' || c.status === 'investigating');
    expect(
      ids((await admin.get('/cases?limit=1000&status=open&status=investigating')).body.data),
    ).toEqual(ids(wanted));
    expect(ids((await admin.get('/cases?limit=1000&status=open,investigating')).body.data)).toEqual(
      ids(wanted),
    );

    const high = cases.filter((c) => SEVERITY_RANK[c.severity as Severity] >= SEVERITY_RANK.high);
    expect(ids((await admin.get('/cases?limit=1000&min_severity=high')).body.data)).toEqual(
      ids(high),
    );

    const device = cases[0].device_ids[0];
    const onDevice = cases.filter((c) => c.device_ids.includes(device));
    expect(ids((await admin.get(`/cases?limit=1000&device_id=${device}`)).body.data)).toEqual(
      ids(onDevice),
    );

    const assigned = cases.find((c) => c.assignee);
    if (assigned) {
      const theirs = cases.filter(
        (c) => c.assignee?.toLowerCase() === assigned.assignee.toLowerCase(),
      );
      expect(
        ids((await admin.get(`/cases?limit=1000&assignee=${assigned.assignee}`)).body.data),
      ).toEqual(ids(theirs));
    }

    const word = 'ransomware';
    const matching = cases.filter((c) =>
      `${c.title} ${c.description}`.toLowerCase().includes(word),
    );
    expect(ids((await admin.get(`/cases?limit=1000&q=RANSOMWARE`)).body.data)).toEqual(
      ids(matching),
    );

    const sorted = [...cases].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    const middle = sorted[Math.floor(sorted.length / 2)].created_at;
    const after = cases.filter((c) => Date.parse(c.created_at) > Date.parse(middle));
    const res = await admin.get(`/cases?limit=1000&created_after=${encodeURIComponent(middle)}`);
    expect(ids(res.body.data)).toEqual(ids(after));

    const oldestFirst = (await admin.get('/cases?limit=1000&sort=created_at')).body.data;
    expect(oldestFirst.map((c: Json) => c.id)).toEqual(sorted.map((c) => c.id));
  });

  it('devices: os_type, status, tag, min_risk_score, ip, hostname', async () => {
    const devices: Json[] = (await admin.get('/devices?limit=1000')).body.data;
    const linux = devices.filter((d) => d.os.type === 'linux');
    expect(ids((await admin.get('/devices?limit=1000&os_type=linux')).body.data)).toEqual(
      ids(linux),
    );
    const risky = devices.filter((d) => d.risk_score >= 70);
    expect(ids((await admin.get('/devices?limit=1000&min_risk_score=70')).body.data)).toEqual(
      ids(risky),
    );
    const tag = devices.find((d) => d.tags.length > 0).tags[0];
    expect(ids((await admin.get(`/devices?limit=1000&tag=${tag}`)).body.data)).toEqual(
      ids(devices.filter((d) => d.tags.includes(tag))),
    );
    const one = devices[0];
    expect(ids((await admin.get(`/devices?ip=${one.ip_addresses[0]}`)).body.data)).toContain(
      one.id,
    );
    expect(
      ids((await admin.get(`/devices?hostname=${one.hostname.toLowerCase()}`)).body.data),
    ).toEqual([one.id]);
  });

  it('observations: case_id, source, class_uid, min_severity, entity, time range', async () => {
    const item = cases.find((c) => c.observation_count > 0);
    const ofCase: Json[] = (await admin.get(`/observations?limit=1000&case_id=${item.id}`)).body
      .data;
    expect(ofCase.length).toBe(item.observation_count);
    expect(ofCase.every((o) => o.case_id === item.id)).toBe(true);

    const all: Json[] = (await admin.get('/observations?limit=1000')).body.data;
    const findings = all.filter((o) => o.ocsf.class_uid === 2004);
    expect(ids((await admin.get('/observations?limit=1000&class_uid=2004')).body.data)).toEqual(
      ids(findings),
    );
    const network = all.filter((o) => o.source === 'network');
    expect(ids((await admin.get('/observations?limit=1000&source=network')).body.data)).toEqual(
      ids(network),
    );
    const critical = all.filter((o) => o.severity === 'critical');
    expect(
      ids((await admin.get('/observations?limit=1000&min_severity=critical')).body.data),
    ).toEqual(ids(critical));

    // An entity is matched as a whole value anywhere in the OCSF event: an IP, a hash, a user.
    const withIp = all.find((o) => o.ocsf.dst_endpoint?.ip);
    const ip = withIp.ocsf.dst_endpoint.ip as string;
    const byIp: Json[] = (await admin.get(`/observations?limit=1000&entity=${ip}`)).body.data;
    expect(byIp.map((o) => o.id)).toContain(withIp.id);
    expect(byIp.every((o) => JSON.stringify(o.ocsf).includes(ip))).toBe(true);

    const times = all.map((o) => Date.parse(o.observed_at)).sort((a, b) => a - b);
    const from = new Date(times[100]!).toISOString();
    const to = new Date(times[200]!).toISOString();
    const window: Json[] = (
      await admin.get(`/observations?limit=1000&observed_after=${from}&observed_before=${to}`)
    ).body.data;
    expect(window.every((o) => o.observed_at > from && o.observed_at < to)).toBe(true);
    expect(window.length).toBe(
      all.filter(
        (o) => Date.parse(o.observed_at) > times[100]! && Date.parse(o.observed_at) < times[200]!,
      ).length,
    );
  });
});
