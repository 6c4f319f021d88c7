// The seed looks like two real estates to a SOC engineer: counts, mix and realism.
import type { Observation } from '@senseon/client';
import { FLAGSHIP_HOSTNAME, generateSeed } from '../../src/seed';

const data = generateSeed(42);
const deviceById = new Map(data.devices.map((d) => [d.id, d]));
const customers = data.tenants.filter((t) => !t.mssp);

const isPrivateIp = (ip: string) =>
  /^10\./.test(ip) || /^192\.168\./.test(ip) || /^172\.(1[6-9]|2\d|3[01])\./.test(ip);

describe('tenants and people', () => {
  it('has two customers and the MSSP that runs their SOC', () => {
    expect(customers.length).toBeGreaterThanOrEqual(2);
    expect(data.tenants.filter((t) => t.mssp)).toHaveLength(1);
    const names = data.tenants.map((t) => t.name).join(' ');
    expect(names).toMatch(/Bank/);
    expect(names).toMatch(/Components|Manufactur/);
  });

  it('gives the MSSP no devices and every customer devices and staff', () => {
    const mssp = data.tenants.find((t) => t.mssp);
    expect(data.devices.some((d) => d.tenant_id === mssp?.id)).toBe(false);
    for (const t of customers) {
      expect(data.devices.filter((d) => d.tenant_id === t.id).length).toBeGreaterThan(20);
      expect(data.users.filter((u) => u.tenant_id === t.id).length).toBeGreaterThan(20);
    }
  });

  it('names people with departments and e-mail addresses of their organisation', () => {
    for (const user of data.users) {
      expect(user.name).toMatch(/^\S+ \S+$/);
      expect(user.email).toMatch(/^[a-z.]+@[a-z]+\.example$/);
      expect(user.department.length).toBeGreaterThan(1);
    }
    expect(new Set(data.users.map((u) => u.department)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(data.users.map((u) => u.email)).size).toBe(data.users.length);
  });
});

describe('devices', () => {
  it('counts 60 over Windows, macOS and Linux', () => {
    expect(data.devices).toHaveLength(60);
    const byOs = new Map<string, number>();
    for (const d of data.devices) byOs.set(d.os.type, (byOs.get(d.os.type) ?? 0) + 1);
    expect([...byOs.keys()].sort()).toEqual(['linux', 'macos', 'windows']);
    for (const count of byOs.values()) expect(count).toBeGreaterThanOrEqual(5);
  });

  it('has crown jewels (domain controllers, the finance database), some offline, none isolated', () => {
    const crown = data.devices
      .filter((d) => d.criticality === 'crown_jewel')
      .map((d) => d.hostname);
    expect(crown).toEqual(expect.arrayContaining(['DC01', 'FIN-SQL01', 'ERP-DB01']));
    expect(data.devices.filter((d) => d.status === 'offline').length).toBeGreaterThanOrEqual(3);
    expect(data.devices.some((d) => d.status === 'isolated')).toBe(false);
    expect(new Set(data.devices.map((d) => d.criticality)).size).toBe(4);
  });

  it('looks like a managed estate: hostnames, OS builds, agents, private IPs, MACs, tags, owners', () => {
    const hostnames = data.devices.map((d) => d.hostname);
    expect(hostnames).toEqual(expect.arrayContaining([FLAGSHIP_HOSTNAME, 'DC01', 'web-prod-03']));
    for (const d of data.devices) {
      expect(d.hostname).toMatch(/^[A-Za-z][A-Za-z0-9-]+$/);
      expect(d.os.name).toMatch(/Windows|macOS|Ubuntu|Red Hat|Debian/);
      expect(d.os.version).toMatch(/^\d+(\.\d+)+$/);
      expect(d.agent_version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(d.ip_addresses.length).toBeGreaterThan(0);
      for (const ip of d.ip_addresses) expect(isPrivateIp(ip)).toBe(true);
      expect(d.mac).toMatch(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
      expect(d.tags.length).toBeGreaterThan(0);
      expect(d.risk_score).toBeGreaterThanOrEqual(0);
      expect(d.risk_score).toBeLessThanOrEqual(100);
    }
    const laptops = data.devices.filter((d) => d.tags.includes('laptop'));
    expect(laptops.every((d) => d.owner_user_id !== null)).toBe(true);
    expect(data.devices.some((d) => d.tags.includes('vip'))).toBe(true);
    expect(new Set(data.devices.flatMap((d) => d.ip_addresses)).size).toBe(
      data.devices.flatMap((d) => d.ip_addresses).length,
    );
  });

  it('scores the devices in critical cases as high risk', () => {
    for (const c of data.cases.filter((c) => c.severity === 'critical')) {
      for (const id of c.device_ids)
        expect(deviceById.get(id)?.risk_score).toBeGreaterThanOrEqual(80);
    }
  });
});

describe('observations', () => {
  const byClass = new Map<number, Observation[]>();
  for (const o of data.observations)
    byClass.set(o.ocsf.class_uid, [...(byClass.get(o.ocsf.class_uid) ?? []), o]);

  it('counts 1,000 over at least six OCSF classes, each well represented', () => {
    expect(data.observations).toHaveLength(1000);
    for (const uid of [1001, 1007, 2004, 3002, 4001, 4003]) {
      expect(byClass.get(uid)?.length ?? 0).toBeGreaterThanOrEqual(25);
    }
  });

  it('uses sources and severities that fit the class', () => {
    const sourceOf: Record<number, string[]> = {
      1001: ['endpoint'],
      1007: ['endpoint'],
      3002: ['identity', 'cloud'],
      4001: ['network'],
      4003: ['network'],
      2004: ['endpoint', 'network', 'identity'],
    };
    for (const o of data.observations) expect(sourceOf[o.ocsf.class_uid]).toContain(o.source);
    expect(new Set(data.observations.map((o) => o.severity)).size).toBe(5);
    // Everyday telemetry is quiet; most of the noise is informational.
    const quiet = data.observations.filter((o) => o.severity === 'informational').length;
    expect(quiet).toBeGreaterThan(500);
  });

  it('tells the stories a SOC expects to see', () => {
    const titles = data.observations.map((o) => o.title);
    const has = (pattern: RegExp) => titles.some((t) => pattern.test(t));
    expect(has(/Encoded PowerShell/)).toBe(true);
    expect(has(/algorithmically generated domain/)).toBe(true);
    expect(has(/Failed RDP logon/)).toBe(true);
    expect(has(/Successful RDP logon .* after repeated failures/)).toBe(true);
    expect(has(/ransomware extension \.akira/)).toBe(true);
    expect(has(/Beaconing to rare external IP/)).toBe(true);
    const encoded = data.observations.find((o) =>
      /Encoded PowerShell command launched/.test(o.title),
    );
    expect(JSON.stringify(encoded?.ocsf)).toMatch(
      /powershell\.exe -NoP -NonI -W Hidden -Exec Bypass -Enc [A-Za-z0-9+/=]+/,
    );
    const renames = data.observations.filter(
      (o) => o.ocsf.class_uid === 1001 && o.ocsf.activity_id === 5,
    );
    expect(renames.length).toBeGreaterThanOrEqual(8);
    for (const r of renames)
      expect((r.ocsf.file_result as { name: string }).name).toMatch(/\.akira$/);
  });

  it('carries entities the `entity` filter can match: IPs, hashes, domains, user names', () => {
    const values = (typeId: number) =>
      data.observations.flatMap((o) =>
        ((o.ocsf.observables ?? []) as Array<{ type_id: number; value: string }>)
          .filter((v) => v.type_id === typeId)
          .map((v) => v.value),
      );
    expect(values(2).length).toBeGreaterThan(500); // IP addresses
    expect(values(8).every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true); // SHA-256
    expect(values(8).length).toBeGreaterThan(300);
    expect(values(1).some((d) => d.endsWith('.microsoftonline.com'))).toBe(true); // domains
    expect(values(4).length).toBeGreaterThan(200); // user names
    // A campaign C2 address is seen at both customers: an MSSP-wide hunt finds both.
    const flagship = data.cases.find((c) => c.title.includes(FLAGSHIP_HOSTNAME));
    const c2 = flagship?.title.match(/beaconing to (\S+)/)?.[1];
    const tenantsSeeingC2 = new Set(
      data.observations
        .filter((o) => c2 && JSON.stringify(o.ocsf).includes(`"${c2}"`))
        .map((o) => o.tenant_id),
    );
    expect(tenantsSeeingC2.size).toBe(2);
  });
});

describe('cases', () => {
  it('counts 25 over all five severities, several critical, mostly open or being investigated', () => {
    expect(data.cases).toHaveLength(25);
    const severities = new Set(data.cases.map((c) => c.severity));
    expect([...severities].sort()).toEqual(['critical', 'high', 'informational', 'low', 'medium']);
    expect(data.cases.filter((c) => c.severity === 'critical').length).toBeGreaterThanOrEqual(3);
    const active = data.cases.filter((c) => c.status === 'open' || c.status === 'investigating');
    expect(active.length / data.cases.length).toBeGreaterThan(0.7);
    expect(data.cases.every((c) => c.ai_summary === null)).toBe(true);
  });

  it('maps every case to MITRE ATT&CK tactics and techniques', () => {
    for (const c of data.cases) {
      expect(c.mitre.length).toBeGreaterThan(0);
      for (const m of c.mitre) {
        expect(m.tactic_id).toMatch(/^TA00\d{2}$/);
        expect(m.technique_id).toMatch(/^T\d{4}(\.\d{3})?$/);
        expect(m.name.length).toBeGreaterThan(2);
      }
    }
    const lsass = data.cases.flatMap((c) => c.mitre).find((m) => m.technique_id === 'T1003.001');
    expect(lsass).toEqual({
      tactic_id: 'TA0006',
      technique_id: 'T1003.001',
      name: 'OS Credential Dumping: LSASS Memory',
    });
  });

  it('has the flagship: a critical case on an online, ordinary Windows device', () => {
    const flagship = data.cases.filter(
      (c) =>
        c.severity === 'critical' &&
        c.device_ids.some((id) => {
          const d = deviceById.get(id);
          return (
            d?.status === 'online' && d.os.type === 'windows' && d.criticality !== 'crown_jewel'
          );
        }),
    );
    expect(flagship.length).toBeGreaterThanOrEqual(1);
    expect(
      flagship.map((c) => c.device_ids.map((id) => deviceById.get(id)?.hostname)).flat(),
    ).toContain(FLAGSHIP_HOSTNAME);
  });

  it('has a critical case on a crown-jewel device', () => {
    const crown = data.cases.filter(
      (c) =>
        c.severity === 'critical' &&
        c.device_ids.some((id) => deviceById.get(id)?.criticality === 'crown_jewel'),
    );
    expect(crown.length).toBeGreaterThanOrEqual(1);
    expect(crown.every((c) => c.tags.includes('crown-jewel'))).toBe(true);
  });
});
