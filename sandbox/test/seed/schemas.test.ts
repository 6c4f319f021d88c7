// Everything the seed and the simulator produce parses with the client core's zod schemas,
// the same ones the sandbox answers with.
import { Case, Device, Observation, TenantId, UserId } from '@senseon/client';
import { createSimulator, generateSeed } from '../../src/seed';

describe('the core zod schemas', () => {
  it.each([1, 42, 20261123])('accept every object of seed %i', (seed) => {
    const data = generateSeed(seed);
    for (const t of data.tenants) expect(TenantId.safeParse(t.id).success).toBe(true);
    for (const u of data.users) expect(UserId.safeParse(u.id).success).toBe(true);
    for (const d of data.devices) expect(Device.parse(d)).toEqual(d);
    for (const o of data.observations) expect(Observation.parse(o)).toEqual(o);
    for (const c of data.cases) expect(Case.parse(c)).toEqual(c);
  });

  it('accept what the simulator produces', () => {
    const data = generateSeed(3);
    const simulator = createSimulator(3, data);
    let now = Date.parse('2026-12-01T10:00:00Z');
    let cases = 0;
    for (let i = 0; i < 300; i++) {
      now += 45_000;
      const item = simulator.maybeNextCase(new Date(now));
      if (item) {
        cases++;
        expect(Case.parse(item)).toEqual(item);
      }
      const observation = simulator.nextObservation(new Date(now));
      expect(Observation.parse(observation)).toEqual(observation);
    }
    expect(cases).toBeGreaterThan(0);
  });
});
