import { createHash } from 'node:crypto';
import { randomBase62 } from '../ids';

const PREFIX = 'senseon_pat_';

/** What a token value the sandbox issues looks like; the logger redacts anything this shape. */
export const TOKEN_PATTERN = /senseon_pat_[A-Za-z0-9]+/g;

/** A new token value: a recognisable prefix (secret scanners can spot leaks) and 40 random characters. */
export function generateTokenValue(): string {
  return `${PREFIX}${randomBase62(40)}`;
}

/** Only this hash is stored; the value itself exists once, in the answer that creates it. */
export function hashTokenValue(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
