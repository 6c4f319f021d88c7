import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base62 text; 20 characters carry ~119 bits, plenty for ids that must never collide. */
export function randomBase62(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    const byte = bytes[i] as number;
    // Reject the top of the byte range so every character is equally likely.
    if (byte < 248) out += ALPHABET[byte % 62];
  }
  return out.length === length ? out : out + randomBase62(length - out.length);
}

export type IdPrefix = 'case' | 'dev' | 'obs' | 'act' | 'cmt' | 'wh' | 'evt' | 'dlv' | 'req';

/** An opaque id with its type prefix, as the contract shapes them (`act_…`). */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(20)}`;
}

/** Personal access token ids are UUIDs (seed 001). */
export function newPatId(): string {
  return randomUUID();
}
