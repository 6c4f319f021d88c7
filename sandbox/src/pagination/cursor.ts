import { createHash } from 'node:crypto';
import { canonicalJson } from '@senseon/client';
import { validationError } from '../http/errors';

/** Where a page ended: the sort key and id of its last item, and which query it belongs to. */
export interface CursorPosition {
  key: number | string;
  /** The tie-breaker: an id, or a sequence number. */
  id: string | number;
  /** `total_items` as counted for the first page, so later pages need not count again. */
  total?: number;
}

interface CursorPayload {
  /** The sort key of the last item returned. */
  k: number | string;
  /** Its id, the tie-breaker. */
  i: string | number;
  /** A fingerprint of the list and filters, so a cursor cannot be replayed against another query. */
  q: string;
  /** The first page's `total_items`. */
  t?: number;
}

/** A short hash of everything that defines a list apart from where a page starts. */
export function queryFingerprint(list: string, filters: Record<string, unknown>): string {
  const { cursor: _cursor, limit: _limit, ...rest } = filters;
  return createHash('sha256')
    .update(`${list}\n${canonicalJson(rest)}`)
    .digest('base64url')
    .slice(0, 16);
}

export function encodeCursor(position: CursorPosition, fingerprint: string): string {
  const payload: CursorPayload = { k: position.key, i: position.id, q: fingerprint };
  if (position.total !== undefined) payload.t = position.total;
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

const INVALID = 'is not a cursor this list issued; start again without a cursor';

export function decodeCursor(cursor: string, fingerprint: string): CursorPosition {
  let payload: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw validationError('cursor', INVALID);
  }
  const { k, i, q, t } = (payload ?? {}) as Partial<CursorPayload>;
  const scalar = (v: unknown) => typeof v === 'number' || typeof v === 'string';
  if (!scalar(k) || !scalar(i)) {
    throw validationError('cursor', INVALID);
  }
  if (q !== fingerprint) {
    throw validationError(
      'cursor',
      'belongs to a list with other filters or another sort; keep the filters of the first page, or start again without a cursor',
    );
  }
  const position: CursorPosition = { key: k as number | string, id: i as number | string };
  // A total that is not a count is ignored (counted again), never trusted.
  if (typeof t === 'number' && Number.isSafeInteger(t) && t >= 0) position.total = t;
  return position;
}
