import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Random bytes from the CSPRNG, drawn 4 KiB at a time: one `randomBytes` call per id (a system
 * call each) was a measurable share of a small request. Every byte is used once, so ids and
 * token values are exactly as unpredictable as before.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function nextRandomByte(): number {
  if (poolOffset >= pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  return pool[poolOffset++] as number;
}

/** Random base62 text; 20 characters carry ~119 bits, plenty for ids that must never collide. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const byte = nextRandomByte();
    // Reject the top of the byte range so every character is equally likely.
    if (byte < 248) out += ALPHABET[byte % 62];
  }
  return out;
}

export type IdPrefix =
  'case' | 'dev' | 'obs' | 'act' | 'cmt' | 'wh' | 'evt' | 'dlv' | 'req' | 'hunt';

/** An opaque id with its type prefix, as the contract shapes them (`act_…`). */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(20)}`;
}

/** Personal access token ids are UUIDs (seed 001). */
export function newPatId(): string {
  return randomUUID();
}
