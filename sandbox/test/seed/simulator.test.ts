// The live simulation: deterministic for a seed and a clock, only online devices of the state,
// and new cases whose storylines arrive through the following observations.
import type { Case, Observation } from '@senseon/client';
import { createSimulator, generateSeed } from '../../src/seed';

const data = generateSeed(11);
const devices = new Map(data.devices.map((d) => [d.id, d]));
const start = Date.parse('2026-12-01T09:00:00Z');

function run(seed: number, steps: number, state = data, stepMs = 20_000) {
  const simulator = createSimulator(seed, state);
  const observations: Observation[] = [];
  const cases: Case[] = [];
  for (let i = 1; i <= steps; i++) {
    const now = new Date(start + i * stepMs);
    const item = simulator.maybeNextCase(now);
    if (item) cases.push(item);
    observations.push(simulator.nextObservation(now));
  }
  return { observations, cases };
}

describe('createSimulator', () => {
  it('gives the same feed for the same seed and clock, another for another seed', () => {
    expect(run(5, 200)).toEqual(run(5, 200));
    expect(run(5, 200)).not.toEqual(run(6, 200));
  });

  it('observes online devices of the customers at the time it is given', () => {
    const { observations } = run(8, 300);
    for (const [i, o] of observations.entries()) {
      expect(o.observed_at).toBe(new Date(start + (i + 1) * 20_000).toISOString());
      expect(o.ocsf.time).toBe(start + (i + 1) * 20_000);
      if (o.device_id === null) continue;
      const device = devices.get(o.device_id);
      expect(device?.status).toBe('online');
      expect(device?.tenant_id).toBe(o.tenant_id);
    }
    expect(new Set(observations.map((o) => o.id)).size).toBe(observations.length);
    expect(new Set(observations.map((o) => o.ocsf.class_uid)).size).toBeGreaterThanOrEqual(5);
  });

  it('skips devices the state says are offline or isolated', () => {
    const isolatedState = {
      ...data,
      devices: data.devices.map((d, i) =>
        i % 2 === 0 ? { ...d, status: 'isolated' as const } : d,
      ),
    };
    const allowed = new Set(
      isolatedState.devices.filter((d) => d.status === 'online').map((d) => d.id),
    );
    const { observations } = run(9, 200, isolatedState);
    for (const o of observations) if (o.device_id) expect(allowed.has(o.device_id)).toBe(true);
  });

  it('opens cases now and then, at least ten minutes apart, and feeds their storylines', () => {
    const { observations, cases } = run(4, 720); // four simulated hours
    expect(cases.length).toBeGreaterThanOrEqual(3);
    const opened = cases.map((c) => Date.parse(c.created_at));
    for (let i = 1; i < opened.length; i++) {
      expect((opened[i] ?? 0) - (opened[i - 1] ?? 0)).toBeGreaterThanOrEqual(10 * 60_000);
    }
    for (const c of cases) {
      expect(c.status).toBe('open');
      expect(c.observation_count).toBe(0);
      expect(c.mitre.length).toBeGreaterThan(0);
      expect(c.device_ids).toHaveLength(1);
      const device = devices.get(c.device_ids[0] ?? '');
      expect(device?.status).toBe('online');
      expect(device?.tenant_id).toBe(c.tenant_id);
      const linked = observations.filter((o) => o.case_id === c.id);
      expect(linked.length).toBeGreaterThan(0);
      for (const o of linked) {
        expect(o.device_id).toBe(c.device_ids[0]);
        expect(o.tenant_id).toBe(c.tenant_id);
        expect(Date.parse(o.observed_at)).toBeGreaterThanOrEqual(Date.parse(c.created_at));
      }
    }
    // Ids never collide with the seed's.
    const seeded = new Set([...data.observations.map((o) => o.id), ...data.cases.map((c) => c.id)]);
    for (const item of [...observations, ...cases]) expect(seeded.has(item.id)).toBe(false);
  });

  it('names the real owners when the server passes its users', () => {
    const simulator = createSimulator(12, data);
    const owners = new Map(data.users.map((u) => [u.id, u]));
    let checked = 0;
    for (let i = 0; i < 300 && checked < 20; i++) {
      const o = simulator.nextObservation(new Date(start + i * 1000));
      const device = o.device_id ? devices.get(o.device_id) : undefined;
      const owner = device?.owner_user_id ? owners.get(device.owner_user_id) : undefined;
      if (!owner) continue;
      expect((o.ocsf.device as { owner?: { full_name?: string } }).owner?.full_name).toBe(
        owner.name,
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('works from tenants, devices and cases alone', () => {
    const { tenants, devices: all, cases } = data;
    const { observations } = run(13, 100, { tenants, devices: all, cases } as typeof data);
    expect(observations).toHaveLength(100);
  });

  it('refuses an invalid clock or seed, naming it', () => {
    const simulator = createSimulator(1, data);
    expect(() => simulator.nextObservation(new Date('not a date'))).toThrow(/now/);
    expect(() => simulator.maybeNextCase(new Date(Number.NaN))).toThrow(/now/);
    expect(() => createSimulator(Number.NaN, data)).toThrow(/seed/);
  });
});
