import { createHash } from 'node:crypto';
import { GENESIS_HASH, type TraceEntry } from '../schemas/trace';

/**
 * Canonical JSON (RFC 8785 for plain JSON values): object keys sorted by UTF-16 code units,
 * no whitespace, arrays in order, `undefined` members dropped. The server and every client must
 * produce the same bytes for the same entry, or the hash chain cannot be recomputed.
 */
export function canonicalJson(value: unknown): string {
  const out = serialise(value);
  if (out === undefined) throw new TypeError('canonicalJson: the value is not JSON (undefined)');
  return out;
}

function serialise(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return serialise((value as { toJSON: () => unknown }).toJSON());
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint is not a JSON number');
    case 'object':
      return Array.isArray(value) ? serialiseArray(value) : serialiseObject(value as object);
    default:
      // undefined, functions and symbols have no JSON form; like JSON.stringify, drop them.
      return undefined;
  }
}

function serialiseArray(items: unknown[]): string {
  return `[${items.map((item) => serialise(item) ?? 'null').join(',')}]`;
}

function serialiseObject(object: object): string {
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const member = serialise((object as Record<string, unknown>)[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

/** `sha256(prev_hash + canonicalJson(entry without hash))`, lowercase hex. */
export function hashTraceEntry(entry: Omit<TraceEntry, 'hash'>): string {
  // The caller may hand us a full entry; its own hash must never be part of what is hashed.
  const { hash: _ignored, ...rest } = entry as TraceEntry;
  return createHash('sha256')
    .update(rest.prev_hash + canonicalJson(rest))
    .digest('hex');
}

export interface TraceVerification {
  valid: boolean;
  /** Entries examined: all of them when valid, up to and including the first bad one when not. */
  checked: number;
  first_bad_seq: number | null;
  problem: string | null;
  /** The hash of the newest entry checked; compare it with a copy kept elsewhere to detect truncation. */
  head_hash: string | null;
}

/** One chain per case, and one per tenant for entries outside any case. */
function chainKey(entry: TraceEntry): string {
  return entry.case_id === null ? `tenant:${entry.tenant_id}` : `case:${entry.case_id}`;
}

/**
 * Recomputes the hash chain of entries given oldest first. A missing, altered, reordered or
 * inserted entry makes it invalid and names the seq where the chain first breaks.
 * (Dropping the newest entries cannot be seen from the entries alone: compare `head_hash`.)
 */
export function verifyTraceChain(entries: TraceEntry[]): TraceVerification {
  const lastHashByChain = new Map<string, string>();
  let previousSeq = -Infinity;
  let headHash: string | null = null;
  for (const [index, entry] of entries.entries()) {
    const bad = (problem: string): TraceVerification => ({
      valid: false,
      checked: index + 1,
      first_bad_seq: typeof entry.seq === 'number' ? entry.seq : null,
      problem: `entry seq ${entry.seq}: ${problem}`,
      head_hash: headHash,
    });
    if (!(entry.seq > previousSeq)) {
      return bad(
        `seq is not after the previous entry's seq ${previousSeq}; entries are out of order or repeated`,
      );
    }
    const key = chainKey(entry);
    const expectedPrev = lastHashByChain.get(key) ?? GENESIS_HASH;
    if (entry.prev_hash !== expectedPrev) {
      return bad(
        expectedPrev === GENESIS_HASH
          ? 'the first entry of its chain does not start from the genesis hash; earlier entries are missing'
          : "prev_hash is not the previous entry's hash; an entry is missing, inserted or out of order",
      );
    }
    if (hashTraceEntry(entry) !== entry.hash) {
      return bad('hash does not match its contents; the entry was altered');
    }
    lastHashByChain.set(key, entry.hash);
    previousSeq = entry.seq;
    headHash = entry.hash;
  }
  return {
    valid: true,
    checked: entries.length,
    first_bad_seq: null,
    problem: null,
    head_hash: headHash,
  };
}
