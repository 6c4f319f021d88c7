import {
  describeTraceKey,
  consistencyPath,
  inclusionPath,
  signCheckpoint,
  treeRoot,
  type ConsistencyProof,
  type InclusionProof,
  type TenantTraceSlice,
  type TraceCheckpoint,
  type TracePublicKey,
} from '@senseon/client';
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { SandboxClock } from '../clock';
import type { DecisionTrace } from './ledger';

/** Why a proof cannot be given; the handler turns it into a 400 or 404 naming the field. */
export class ProofRequestError extends Error {
  constructor(
    readonly field: string,
    readonly issue: string,
    readonly notFound = false,
  ) {
    super(`${field}: ${issue}`);
  }
}

/**
 * What the server says about each tenant's tree: signed checkpoints, inclusion and consistency
 * proofs, and the leaves themselves. Every answer reads stored subtree hashes: O(log n) lookups.
 */
export class TraceProofs {
  readonly publicKey: TracePublicKey;

  constructor(
    private readonly trace: DecisionTrace,
    private readonly signingKey: KeyObject,
    private readonly clock: SandboxClock,
  ) {
    this.publicKey = describeTraceKey(createPublicKey(signingKey));
  }

  checkpoint(tenantId: string): TraceCheckpoint {
    const size = this.trace.trees.size(tenantId);
    const root = treeRoot(size, this.trace.trees.subtrees(tenantId));
    return signCheckpoint(
      {
        tenant_id: tenantId,
        tree_size: size,
        root_hash: root.toString('hex'),
        timestamp: this.clock.iso(),
      },
      this.signingKey,
    );
  }

  inclusion(
    tenantId: string,
    query: { leaf_index?: number; seq?: number; tree_size: number },
  ): InclusionProof {
    if ((query.leaf_index === undefined) === (query.seq === undefined)) {
      throw new ProofRequestError('leaf_index', 'give exactly one of leaf_index and seq');
    }
    const size = this.trace.trees.size(tenantId);
    if (query.tree_size < 1 || query.tree_size > size) {
      throw new ProofRequestError('tree_size', `must be between 1 and the tree size ${size}`);
    }
    let leafIndex = query.leaf_index;
    if (query.seq !== undefined) {
      leafIndex = this.trace.trees.leafIndexOf(tenantId, query.seq);
      if (leafIndex === undefined) {
        throw new ProofRequestError('seq', `no entry ${query.seq} is in this tenant's tree`, true);
      }
    }
    if (leafIndex! >= query.tree_size) {
      throw new ProofRequestError(
        'leaf_index',
        `leaf ${leafIndex} is not below tree_size ${query.tree_size}`,
      );
    }
    const seq = this.trace.trees.seqsFrom(tenantId, leafIndex!, 1)[0]!.seq;
    const path = inclusionPath(leafIndex!, query.tree_size, this.trace.trees.subtrees(tenantId));
    return {
      leaf_index: leafIndex!,
      seq,
      tree_size: query.tree_size,
      audit_path: path.map((hash) => hash.toString('hex')),
    };
  }

  consistency(tenantId: string, query: { first: number; second: number }): ConsistencyProof {
    const size = this.trace.trees.size(tenantId);
    if (query.second > size) {
      throw new ProofRequestError('second', `must not be above the tree size ${size}`);
    }
    if (query.first > query.second) {
      throw new ProofRequestError('first', `must not be above second (${query.second})`);
    }
    const path = consistencyPath(query.first, query.second, this.trace.trees.subtrees(tenantId));
    return { ...query, consistency_path: path.map((hash) => hash.toString('hex')) };
  }

  entries(tenantId: string, start: number, limit: number): TenantTraceSlice {
    const leaves = this.trace.trees.seqsFrom(tenantId, start, limit);
    return {
      start,
      tree_size: this.trace.trees.size(tenantId),
      data: this.trace.entriesBySeq(leaves.map((leaf) => leaf.seq)),
    };
  }
}
