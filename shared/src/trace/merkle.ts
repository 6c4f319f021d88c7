import { createHash } from 'node:crypto';
import type { TraceEntry } from '../schemas/trace';
import { canonicalJson } from './chain';

/**
 * RFC 9162 §2.1.1 Merkle tree hashing with SHA-256: a leaf is `SHA-256(0x00 || leaf bytes)`, an
 * inner node `SHA-256(0x01 || left || right)`. The two prefixes keep a leaf from ever passing
 * for an inner node (second-preimage attacks).
 */
export function hashLeaf(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(bytes).digest();
}

export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of a tree with no leaves: SHA-256 of nothing (RFC 9162 §2.1.1). */
export const EMPTY_TREE_ROOT = createHash('sha256').digest();

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** The fields of an entry that its leaf covers; fields the API may add later are not part of it. */
const LEAF_FIELDS = [
  'seq',
  'at',
  'tenant_id',
  'case_id',
  'actor',
  'event',
  'details',
  'prev_hash',
  'hash',
] as const;

/**
 * The leaf bytes of a DecisionTrace entry: the UTF-8 bytes of the canonical JSON (RFC 8785, as
 * for the hash chain) of exactly the entry's nine fields `seq, at, tenant_id, case_id, actor,
 * event, details, prev_hash, hash`. Including `hash` and `prev_hash` ties the tree to the
 * per-case chains; leaving out unknown fields lets the API add fields without changing leaves.
 */
export function traceLeafBytes(entry: TraceEntry): Buffer {
  const picked: Record<string, unknown> = {};
  for (const field of LEAF_FIELDS) picked[field] = entry[field];
  return Buffer.from(canonicalJson(picked), 'utf8');
}

/** `hashLeaf(traceLeafBytes(entry))`. */
export function hashTraceLeaf(entry: TraceEntry): Buffer {
  return hashLeaf(traceLeafBytes(entry));
}

/** The largest power of two strictly below `n` (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The hash of the subtree over leaves `[start, end)`; how a tree store answers it is its own
 * business (a stored node for a complete, aligned subtree; a split otherwise).
 */
export type SubtreeHasher = (start: number, end: number) => Buffer;

/** MTH(D[0:n]) of RFC 9162 §2.1.1. */
export function treeRoot(size: number, subtree: SubtreeHasher): Buffer {
  return size === 0 ? EMPTY_TREE_ROOT : subtree(0, size);
}

/**
 * A `SubtreeHasher` over leaf hashes held in memory, by recursion: O(n) per call, for an auditor
 * recomputing a whole downloaded tree, and for tests. Servers keep the inner nodes instead.
 */
export function inMemorySubtrees(leafHashes: readonly Buffer[]): SubtreeHasher {
  const hash: SubtreeHasher = (start, end) => {
    if (end - start === 1) return leafHashes[start]!;
    const k = splitPoint(end - start);
    return hashChildren(hash(start, start + k), hash(start + k, end));
  };
  return hash;
}
