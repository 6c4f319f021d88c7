// A seeded PRNG (mulberry32) and the few draws the seed needs. Everything random in the seed
// goes through here, never Math.random, so one seed always yields the same data.

export interface RandomSource {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function randomSource(seed: number): RandomSource {
  if (!Number.isFinite(seed)) throw new TypeError(`seed: must be a finite number, got ${seed}`);
  let state = Math.trunc(seed) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => {
    if (max < min) throw new RangeError(`int: max (${max}) is below min (${min})`);
    return min + Math.floor(next() * (max - min + 1));
  };
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick: items is empty');
    return items[int(0, items.length - 1)] as T;
  };
  return { next, int, pick };
}

/**
 * An independent stream for one part of the seed (people, fleet, background…), so that a change
 * in how one part draws does not reshuffle every other part.
 */
export function forkRandom(seed: number, label: string): RandomSource {
  let hash = 0x811c9dc5 ^ (Math.trunc(seed) >>> 0);
  for (let i = 0; i < label.length; i++) {
    hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193) >>> 0;
  }
  // Also mix in the high bits of seeds beyond 32 bits.
  hash = Math.imul(hash ^ Math.floor(Math.trunc(seed) / 4294967296), 0x01000193) >>> 0;
  return randomSource(hash);
}

export const chance = (rng: RandomSource, probability: number): boolean => rng.next() < probability;

const HEX = '0123456789abcdef';
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function draw(rng: RandomSource, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[rng.int(0, alphabet.length - 1)];
  return out;
}

export const hex = (rng: RandomSource, length: number): string => draw(rng, HEX, length);
export const alphanumeric = (rng: RandomSource, length: number): string => draw(rng, ALNUM, length);
export const lowerAlphanumeric = (rng: RandomSource, length: number): string =>
  draw(rng, LOWER_ALNUM, length);

export function shuffle<T>(rng: RandomSource, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function sample<T>(rng: RandomSource, items: readonly T[], count: number): T[] {
  return shuffle(rng, items).slice(0, count);
}

/** One item, drawn in proportion to its weight. */
export function weighted<T>(rng: RandomSource, options: ReadonlyArray<readonly [T, number]>): T {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [item, w] of options) {
    roll -= w;
    if (roll < 0) return item;
  }
  const last = options[options.length - 1];
  if (!last) throw new RangeError('weighted: no options');
  return last[0];
}
