// Every reference in the seed points at something that exists, in the same tenant, and the
// case counters agree with the observations.
import { generateSeed } from '../../src/seed';

const data = generateSeed(20261123);
const tenants = new Set(data.tenants.map((t) => t.id));
const users = new Map(data.users.map((u) => [u.id, u]));
const devices = new Map(data.devices.map((d) => [d.id, d]));
const cases = new Map(data.cases.map((c) => [c.id, c]));

describe('referential integrity', () => {
  it('uses unique, prefixed ids', () => {
    const all = [
      ...data.tenants.map((t) => t.id),
      ...data.users.map((u) => u.id),
      ...data.devices.map((d) => d.id),
      ...data.cases.map((c) => c.id),
      ...data.observations.map((o) => o.id),
    ];
    expect(new Set(all).size).toBe(all.length);
    for (const t of data.tenants) expect(t.id).toMatch(/^ten_[A-Za-z0-9]+$/);
    for (const u of data.users) expect(u.id).toMatch(/^usr_[A-Za-z0-9]+$/);
  });

  it('puts users and devices in existing tenants, and device owners in the device’s tenant', () => {
    for (const u of data.users) expect(tenants.has(u.tenant_id)).toBe(true);
    for (const d of data.devices) {
      expect(tenants.has(d.tenant_id)).toBe(true);
      if (d.owner_user_id !== null) expect(users.get(d.owner_user_id)?.tenant_id).toBe(d.tenant_id);
    }
  });

  it('links every observation to a device and case of its own tenant', () => {
    for (const o of data.observations) {
      expect(tenants.has(o.tenant_id)).toBe(true);
      if (o.device_id !== null) expect(devices.get(o.device_id)?.tenant_id).toBe(o.tenant_id);
      if (o.case_id !== null) expect(cases.get(o.case_id)?.tenant_id).toBe(o.tenant_id);
      expect(o.ocsf.metadata).toMatchObject({ uid: o.id, tenant_uid: o.tenant_id });
    }
  });

  it('counts on each case exactly the observations that point at it, seen on its devices', () => {
    for (const c of data.cases) {
      const linked = data.observations.filter((o) => o.case_id === c.id);
      expect(c.observation_count).toBe(linked.length);
      expect(linked.length).toBeGreaterThan(0);
      for (const o of linked) {
        if (o.device_id !== null) expect(c.device_ids).toContain(o.device_id);
      }
      for (const id of c.device_ids) {
        expect(devices.get(id)?.tenant_id).toBe(c.tenant_id);
        expect(linked.some((o) => o.device_id === id)).toBe(true);
      }
      for (const id of c.user_ids) expect(users.get(id)?.tenant_id).toBe(c.tenant_id);
      // Each case holds at least one detection: that is what opened it.
      expect(linked.some((o) => o.ocsf.class_uid === 2004)).toBe(true);
    }
  });

  it('keeps times in order: case opened after its first detection, updated after created', () => {
    for (const c of data.cases) {
      const linked = data.observations.filter((o) => o.case_id === c.id);
      const firstDetection = Math.min(
        ...linked.filter((o) => o.ocsf.class_uid === 2004).map((o) => o.ocsf.time),
      );
      expect(Date.parse(c.created_at)).toBeGreaterThan(firstDetection);
      expect(Date.parse(c.updated_at)).toBeGreaterThanOrEqual(Date.parse(c.created_at));
    }
  });

  it('never observes a device after it was last seen', () => {
    for (const o of data.observations) {
      if (o.device_id === null) continue;
      const lastSeen = Date.parse(devices.get(o.device_id)?.last_seen_at ?? '');
      expect(o.ocsf.time).toBeLessThanOrEqual(lastSeen);
    }
  });

  it('keeps offline devices out of cases, and disables the user of the contained insider case', () => {
    const inCases = new Set(data.cases.flatMap((c) => c.device_ids));
    for (const d of data.devices.filter((d) => d.status === 'offline'))
      expect(inCases.has(d.id)).toBe(false);
    const contained = data.cases.filter((c) => c.status === 'contained');
    expect(contained.length).toBeGreaterThan(0);
    for (const c of contained) {
      for (const id of c.user_ids) expect(users.get(id)?.status).toBe('disabled');
    }
  });

  it('assigns cases to MSSP analysts only', () => {
    const mssp = data.tenants.find((t) => t.mssp);
    const analysts = new Set(
      data.users.filter((u) => u.tenant_id === mssp?.id).map((u) => u.email),
    );
    for (const c of data.cases)
      if (c.assignee !== null) expect(analysts.has(c.assignee)).toBe(true);
    expect(data.cases.filter((c) => c.status !== 'open').every((c) => c.assignee !== null)).toBe(
      true,
    );
  });
});
