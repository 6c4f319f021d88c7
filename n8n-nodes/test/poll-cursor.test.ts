import {
  startCursor,
  takeNew,
  type FeedRecord,
  type PollCursor,
} from '../nodes/SenseOnPollTrigger/cursor';

const rec = (key: string, at: number): FeedRecord<string> => ({ key, at, record: key });

/** Polls `arrivals` (what exists at each poll, cumulative) and returns what each poll emitted. */
function pollAll(
  cursor: PollCursor,
  arrivals: FeedRecord<string>[][],
  lookback: number,
  maxKeys?: number,
) {
  const emitted: string[][] = [];
  for (const visible of arrivals) {
    const { fresh, next } = takeNew(cursor, visible, lookback, maxKeys);
    emitted.push(fresh.map((r) => r.key));
    cursor = next;
  }
  return { emitted, cursor };
}

describe('poll cursor', () => {
  it('starts at the newest record and emits nothing that existed', () => {
    const cursor = startCursor('feed', [rec('a', 1), rec('b', 5), rec('c', 5)]);
    expect(cursor).toMatchObject({
      at: 5,
      seen: [
        ['b', 5],
        ['c', 5],
      ],
    });
    const { fresh } = takeNew(cursor, [rec('b', 5), rec('c', 5)], 0);
    expect(fresh).toEqual([]);
  });

  it('emits records that share the last timestamp exactly once, ordered by time then id', () => {
    const start = startCursor('feed', [rec('m', 10)]);
    const { emitted } = pollAll(
      start,
      [
        [rec('m', 10), rec('z', 10), rec('a', 10), rec('q', 11)],
        [rec('m', 10), rec('z', 10), rec('a', 10), rec('q', 11), rec('b', 11)],
        [rec('m', 10), rec('z', 10), rec('a', 10), rec('q', 11), rec('b', 11)],
      ],
      0,
    );
    expect(emitted).toEqual([['a', 'z', 'q'], ['b'], []]);
  });

  it('catches a late record inside the lookback, once', () => {
    const start = startCursor('feed', [rec('x', 1000)]);
    const { emitted } = pollAll(
      start,
      [[rec('y', 1500)], [rec('y', 1500), rec('late', 1200)], [rec('late', 1200), rec('y', 1500)]],
      600,
    );
    expect(emitted).toEqual([['y'], ['late'], []]);
  });

  it('never emits twice when the remembered keys overflow, however many share a timestamp', () => {
    const many = Array.from({ length: 30 }, (_, i) => rec(`k${String(i).padStart(2, '0')}`, 7));
    const start = startCursor('feed', []);
    const { emitted, cursor } = pollAll(start, [many, many, [...many, rec('later', 8)]], 0, 10);
    expect(emitted[0]).toHaveLength(30);
    expect(emitted[1]).toEqual([]);
    expect(emitted[2]).toEqual(['later']);
    expect(cursor.seen.length).toBeLessThanOrEqual(10);
  });

  it('emits every record once across polls, whatever the interleaving (property)', () => {
    // A deterministic pseudo-random stream: records arrive in bursts, many sharing timestamps,
    // some late within the lookback; each poll sees everything that exists by then.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 40; round++) {
      const lookback = round % 2 === 0 ? 0 : 50;
      // Half the rounds remember few keys: then records may be missed, but never repeated.
      const maxKeys = round < 20 ? 5000 : 25;
      const existing: FeedRecord<string>[] = [];
      let clock = 1000;
      let cursor = startCursor('feed', []);
      const emitted: string[] = [];
      for (let poll = 0; poll < 15; poll++) {
        const burst = Math.floor(random() * 40);
        for (let i = 0; i < burst; i++) {
          if (random() < 0.5) clock += Math.floor(random() * 3);
          const late = lookback > 0 && random() < 0.2 ? Math.floor(random() * lookback) : 0;
          existing.push(rec(`r${round}-${poll}-${i}`, Math.max(cursor.at - late, clock - late)));
        }
        const { fresh, next } = takeNew(cursor, [...existing].reverse(), lookback, maxKeys);
        emitted.push(...fresh.map((r) => r.key));
        cursor = next;
      }
      expect(new Set(emitted).size).toBe(emitted.length);
      if (maxKeys === 5000) expect(emitted.sort()).toEqual(existing.map((r) => r.key).sort());
    }
  });
});
