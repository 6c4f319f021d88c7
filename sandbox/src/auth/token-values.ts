import { createHash } from 'node:crypto';
import { randomBase62 } from '../ids';

const PREFIX = 'senseon_pat_';

/** What a token value the sandbox issues looks like; the logger redacts anything this shape. */
export const TOKEN_PATTERN = /senseon_pat_[A-Za-z0-9]+/g;

/** A new token value: a recognisable prefix (secret scanners can spot leaks) and 40 random characters. */
export function generateTokenValue(): string {
  return `${PREFIX}${randomBase62(40)}`;
}

/**
 * Hashes of token values seen recently: every request hashes its token twice (rate limit, then
 * authentication), and a client sends the same token for thousands of requests. Bounded, and
 * cleared when full, so a flood of made-up tokens cannot grow it.
 */
const recentHashes = new Map<string, string>();
const RECENT_HASHES = 256;

/** Only this hash is stored; the value itself exists once, in the answer that creates it. */
export function hashTokenValue(value: string): string {
  let hash = recentHashes.get(value);
  if (hash === undefined) {
    hash = createHash('sha256').update(value, 'utf8').digest('hex');
    if (recentHashes.size >= RECENT_HASHES) recentHashes.clear();
    recentHashes.set(value, hash);
  }
  return hash;
}
