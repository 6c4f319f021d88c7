import {
  GENESIS_HASH,
  hashTraceEntry,
  hashTraceLeaf,
  inMemorySubtrees,
  inclusionPath,
  treeRoot,
  verifyInclusion,
  verifyTraceChain,
  type TraceEntry,
} from '@senseon/client';
import { createApp } from '@senseon/sandbox';
import { compare, timed, type Comparison } from '../measure';
import type { Suite } from '../suite';

/** A hash-chained trace of `size` entries, one chain, as the ledger writes them. */
function chainOf(size: number): TraceEntry[] {
  const entries: TraceEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < size; i++) {
    const unhashed = {
      seq: i + 1,
      at: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
      tenant_id: 'ten_bench',
      case_id: null,
      actor: { principal: 'bench', origin: 'automation' as const },
      event: 'request.refused',
      details: { operation: 'listCases', n: i },
      prev_hash: prev,
    };
    const entry = { ...unhashed, hash: hashTraceEntry(unhashed) };
    entries.push(entry);
    prev = entry.hash;
  }
  return entries;
}

/**
 * What verifying one entry costs: an RFC 9162 inclusion proof (log n hashes) against a signed
 * root, side by side with today's full-chain walk (n hashes, since an entry is only as good as
 * the chain up to the head). And what answering a proof costs the server: stored complete
 * subtrees against rebuilding the tree from its leaves. Sizes grow 10x; the candidate's cost
 * should grow by a constant step, the baseline's 10x.
 */
export async function traceProofs(quick: boolean): Promise<Comparison[]> {
  const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  const sandbox = createApp({ simulate: false, log: false });
  const results: Comparison[] = [];
  try {
    const { trees } = sandbox.services.trace;
    const { db } = sandbox.services;
    for (const size of sizes) {
      const tenantId = `ten_bench${size}`;
      const entries = chainOf(size);
      const leaves = entries.map(hashTraceLeaf);
      // Seqs are unique across the ledger: keep clear of the seeded entries and earlier sizes.
      const seqBase = 1_000_000_000 * size;
      db.transaction(() => leaves.forEach((leaf, i) => trees.append(tenantId, seqBase + i, leaf)));
      const stored = trees.subtrees(tenantId);
      const root = treeRoot(size, stored);
      const samples = quick ? 200 : 1_000;
      const picks = Array.from({ length: samples }, (_, i) => Math.floor((i * size) / samples));
      const proofs = picks.map((index) => inclusionPath(index, size, trees.subtrees(tenantId)));
      const hashes = Math.max(...proofs.map((proof) => proof.length));
      const label = `${size.toLocaleString('en')} entries`;
      results.push(
        await compare({
          name: `verify one entry of ${label} (proof ≤ ${hashes} hashes, ${hashes * 32} B), per entry`,
          unit: 'µs',
          rounds: quick ? 3 : 5,
          candidate: {
            label: 'inclusion proof',
            run: async () =>
              (await timed(async () => {
                picks.forEach((index, i) => {
                  if (verifyInclusion(index, size, leaves[index]!, proofs[i]!, root) !== null) {
                    throw new Error(`bench: the proof of ${index} did not verify`);
                  }
                });
              })) *
              (1000 / samples),
          },
          baseline: {
            label: 'full-chain walk (verifyTraceChain)',
            run: async () =>
              (await timed(async () => {
                if (!verifyTraceChain(entries).valid) throw new Error('bench: the chain broke');
              })) * 1000,
          },
        }),
      );
      const proofSamples = size >= 100_000 ? 1 : 3;
      results.push(
        await compare({
          name: `server answers an inclusion proof in ${label}, per proof`,
          unit: 'µs',
          rounds: quick ? 3 : 5,
          candidate: {
            label: 'stored subtrees (TenantTrees)',
            run: async () =>
              (await timed(async () => {
                for (let i = 0; i < proofSamples; i++) {
                  inclusionPath(picks[i]!, size, trees.subtrees(tenantId));
                }
              })) *
              (1000 / proofSamples),
          },
          baseline: {
            label: 'rebuild from leaves per request',
            run: async () =>
              (await timed(async () => {
                for (let i = 0; i < proofSamples; i++) {
                  inclusionPath(picks[i]!, size, inMemorySubtrees(leaves));
                }
              })) *
              (1000 / proofSamples),
          },
        }),
      );
    }
  } finally {
    await sandbox.close();
  }
  return results;
}

export const suite: Suite = {
  id: 'trace-proofs',
  order: 7,
  title: 'DecisionTrace proofs: one entry verified against a signed root',
  run: async ({ quick }) => ({
    figures: (await traceProofs(quick)).map((comparison) => comparison.figure),
    notes: [
      'Per entry: an RFC 9162 inclusion proof against the checkpoint root, side by side with the full-chain walk an entry needed before; the proof grows by a constant step when the trace grows tenfold, the walk tenfold.',
      'Per proof on the server: stored complete subtrees against rebuilding the tree from its leaves on every request.',
    ],
  }),
};
