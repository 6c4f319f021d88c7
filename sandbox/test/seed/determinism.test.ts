// Same seed, same data; another seed, other data; and nothing depends on the wall clock.
import { generateSeed, randomSource, referenceTime } from '../../src/seed';

describe('generateSeed', () => {
  it('returns deep-equal data for the same seed', () => {
    expect(generateSeed(42)).toEqual(generateSeed(42));
    expect(JSON.stringify(generateSeed(7))).toBe(JSON.stringify(generateSeed(7)));
  });

  it('returns different data for a different seed', () => {
    const a = generateSeed(42);
    const b = generateSeed(43);
    expect(a).not.toEqual(b);
    expect(a.devices.map((d) => d.id)).not.toEqual(b.devices.map((d) => d.id));
    expect(a.observations.map((o) => o.observed_at)).not.toEqual(
      b.observations.map((o) => o.observed_at),
    );
    expect(a.cases.map((c) => c.title)).not.toEqual(b.cases.map((c) => c.title));
  });

  it('does not read the wall clock', () => {
    jest.useFakeTimers({ now: new Date('2031-01-01T00:00:00Z') });
    try {
      const later = generateSeed(5);
      jest.setSystemTime(new Date('2024-06-01T12:00:00Z'));
      expect(generateSeed(5)).toEqual(later);
    } finally {
      jest.useRealTimers();
    }
  });

  it('spreads its times over the 14 days before the seed’s reference time', () => {
    const reference = referenceTime(42).getTime();
    const data = generateSeed(42);
    const times = [
      ...data.observations.map((o) => o.observed_at),
      ...data.cases.flatMap((c) => [c.created_at, c.updated_at]),
      ...data.devices.map((d) => d.last_seen_at),
    ].map((t) => Date.parse(t));
    expect(Math.max(...times)).toBeLessThanOrEqual(reference);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(reference - 14 * 24 * 3600 * 1000);
    // Spread, not bunched: observations fall on at least 12 of the 14 days.
    const days = new Set(data.observations.map((o) => o.observed_at.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(12);
  });

  it('rejects a seed that is not a number', () => {
    expect(() => generateSeed(Number.NaN)).toThrow(/seed/);
  });
});

describe('randomSource', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const rng = randomSource(seed);
      return Array.from({ length: 20 }, () => rng.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('draws floats in [0, 1), integers within both bounds, and items of the list', () => {
    const rng = randomSource(99);
    const ints = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const f = rng.next();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const n = rng.int(3, 6);
      expect(Number.isInteger(n)).toBe(true);
      ints.add(n);
      expect(['a', 'b', 'c']).toContain(rng.pick(['a', 'b', 'c']));
    }
    expect([...ints].sort()).toEqual([3, 4, 5, 6]);
  });

  it('refuses an empty list, an empty range and a non-numeric seed', () => {
    const rng = randomSource(1);
    expect(() => rng.pick([])).toThrow(/items/);
    expect(() => rng.int(5, 4)).toThrow(/max/);
    expect(() => randomSource(Number.POSITIVE_INFINITY)).toThrow(/seed/);
  });
});
