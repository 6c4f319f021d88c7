import { KeyObject } from 'node:crypto';
import {
  AuthenticationError,
  PermissionError,
  RateLimitError,
  ServerError,
} from '../errors/api-errors';
import { ConnectionError, RequestAbortedError } from '../errors/client-errors';
import type { TraceResource } from '../resources/trace';
import type { TraceEntry } from '../schemas/trace';
import type { ConsistencyProof, TraceCheckpoint, TracePublicKey } from '../schemas/trace-proofs';
import { verifyTraceChain } from './chain';
import { pinnedTraceKey, verifyCheckpointSignature } from './checkpoint';
import { hashTraceLeaf, inMemorySubtrees, treeRoot } from './merkle';
import { verifyConsistency, verifyInclusion } from './merkle-verify';

/** One thing the auditor checked, and how it came out, in words. */
export interface TraceCheck {
  check: 'signature' | 'consistency' | 'inclusion' | 'chain' | 'root';
  passed: boolean;
  detail: string;
}

/**
 * Tampering seen by comparing two checkpoints: `rollback` (the tree got smaller) or `fork` (the
 * newer tree does not extend the older one: history was rewritten, or two different trees were
 * shown to different readers).
 */
export interface TraceTampering {
  kind: 'rollback' | 'fork';
  message: string;
  older: TraceCheckpoint;
  newer: TraceCheckpoint;
}

export interface TraceAudit {
  verified: boolean;
  checkpoint: TraceCheckpoint | null;
  checks: TraceCheck[];
  /** Every failed check, in plain words; empty when verified. */
  problems: string[];
  tampering: TraceTampering | null;
}

const hex = (value: string): Buffer => Buffer.from(value, 'hex');

function audit(
  checkpoint: TraceCheckpoint | null,
  checks: TraceCheck[],
  tampering: TraceTampering | null = null,
): TraceAudit {
  const problems = checks.filter((check) => !check.passed).map((check) => check.detail);
  return { verified: problems.length === 0, checkpoint, checks, problems, tampering };
}

/** A pinned key as the auditor holds it. */
export type PinnedKey = string | TracePublicKey | KeyObject;

/** The pinned key as a KeyObject, from any form it is held in. */
export function keyOf(pinned: PinnedKey): KeyObject {
  return pinned instanceof KeyObject ? pinned : pinnedTraceKey(pinned);
}

/**
 * Compares an older and a newer checkpoint with the consistency proof between them (fetched by
 * the caller from the server, or read from an audit file). Signatures are checked elsewhere.
 */
export function compareCheckpoints(
  older: TraceCheckpoint,
  newer: TraceCheckpoint,
  proof: ConsistencyProof | null,
): { check: TraceCheck; tampering: TraceTampering | null } {
  const sizes = `(${older.tree_size} entries at ${older.timestamp}, then ${newer.tree_size} at ${newer.timestamp})`;
  if (older.tenant_id !== newer.tenant_id) {
    const message = `the checkpoints are of different tenants (${older.tenant_id}, ${newer.tenant_id})`;
    return {
      check: { check: 'consistency', passed: false, detail: message },
      tampering: { kind: 'fork', message, older, newer },
    };
  }
  if (newer.tree_size < older.tree_size) {
    const message = `TAMPERING: the DecisionTrace was rolled back ${sizes}: entries that were signed before are gone.`;
    return {
      check: { check: 'consistency', passed: false, detail: message },
      tampering: { kind: 'rollback', message, older, newer },
    };
  }
  const failure =
    proof === null && newer.tree_size !== older.tree_size && older.tree_size !== 0
      ? 'no consistency proof was given'
      : verifyConsistency(
          older.tree_size,
          newer.tree_size,
          hex(older.root_hash),
          hex(newer.root_hash),
          (proof?.consistency_path ?? []).map(hex),
        );
  if (failure === null) {
    return {
      check: {
        check: 'consistency',
        passed: true,
        detail: `the newer checkpoint extends the older one unchanged ${sizes}`,
      },
      tampering: null,
    };
  }
  const message = `TAMPERING: the DecisionTrace forked ${sizes}: ${failure}. History signed earlier was rewritten, or different readers are shown different trees.`;
  return {
    check: { check: 'consistency', passed: false, detail: message },
    tampering: { kind: 'fork', message, older, newer },
  };
}

/**
 * Fetches the tenant's checkpoint and checks it: its signature against the pinned key, and, if
 * a checkpoint seen earlier is given, that the new one extends it (no rollback, no fork).
 */
export async function auditCheckpoint(
  trace: TraceResource,
  pinned: PinnedKey,
  previous: TraceCheckpoint | null = null,
): Promise<TraceAudit> {
  const checkpoint = await trace.checkpoint();
  const checks: TraceCheck[] = [];
  const signatureProblem = verifyCheckpointSignature(checkpoint, keyOf(pinned));
  checks.push(signatureCheck(checkpoint, signatureProblem));
  if (signatureProblem !== null || previous === null) return audit(checkpoint, checks);
  if (previous.tree_size > checkpoint.tree_size) {
    const { check, tampering } = compareCheckpoints(previous, checkpoint, null);
    return audit(checkpoint, [...checks, check], tampering);
  }
  const proof =
    previous.tree_size === 0 || previous.tree_size === checkpoint.tree_size
      ? null
      : await trace.consistencyProof(previous.tree_size, checkpoint.tree_size);
  const { check, tampering } = compareCheckpoints(previous, checkpoint, proof);
  return audit(checkpoint, [...checks, check], tampering);
}

/**
 * Verifies entries read from the API (a case's, typically): their hash chains, then each one's
 * inclusion in the signed tree of a fresh checkpoint (itself checked as `auditCheckpoint` does).
 * An entry edited in place, even with its chain re-hashed after it, is no longer the leaf the
 * tree holds; a tree rebuilt around it no longer extends the checkpoint seen before.
 */
export async function auditEntries(
  trace: TraceResource,
  entries: TraceEntry[],
  pinned: PinnedKey,
  previous: TraceCheckpoint | null = null,
): Promise<TraceAudit> {
  const head = await auditCheckpoint(trace, pinned, previous);
  const checks = [...head.checks];
  const chain = verifyTraceChain(entries);
  checks.push({
    check: 'chain',
    passed: chain.valid,
    detail: chain.valid
      ? `hash chain of ${chain.checked} entries intact`
      : `hash chain broken: ${chain.problem}`,
  });
  const checkpoint = head.checkpoint!;
  if (!head.verified) return audit(checkpoint, checks, head.tampering);
  let included = 0;
  for (const entry of entries) {
    let failure: string | null;
    try {
      const proof = await trace.inclusionProof({ seq: entry.seq, tree_size: checkpoint.tree_size });
      failure = verifyInclusion(
        proof.leaf_index,
        checkpoint.tree_size,
        hashTraceLeaf(entry),
        proof.audit_path.map(hex),
        hex(checkpoint.root_hash),
      );
    } catch (error) {
      // A throttled, failing or unreachable API says nothing about the tree: the caller retries
      // (Zapier reschedules a ThrottledError), rather than being told the entry is not in it.
      if (saysNothingAboutTheTree(error)) throw error;
      failure = `no inclusion proof: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (failure !== null) {
      checks.push({
        check: 'inclusion',
        passed: false,
        detail: `entry seq ${entry.seq} is not in the signed tree: ${failure}`,
      });
    } else {
      included += 1;
    }
  }
  if (included === entries.length) {
    checks.push({
      check: 'inclusion',
      passed: true,
      detail: `all ${included} entries are in the signed tree of ${checkpoint.tree_size}`,
    });
  }
  return audit(checkpoint, checks, head.tampering);
}

/** Errors of the request itself (rate limit, 5xx, network, credential), not of the proof. */
function saysNothingAboutTheTree(error: unknown): boolean {
  return [
    RateLimitError,
    ServerError,
    ConnectionError,
    RequestAbortedError,
    AuthenticationError,
    PermissionError,
  ].some((kind) => error instanceof kind);
}

/**
 * Verifies a tenant's whole trace held in memory (downloaded, or read from an audit file): the
 * entries are all the leaves of the checkpoint's tree, so the root is recomputed from them (one
 * SHA-256 per node, no proofs needed) and compared with the signed root.
 */
export function verifyWholeTrace(
  entries: TraceEntry[],
  checkpoint: TraceCheckpoint,
  pinned: PinnedKey,
): TraceAudit {
  const checks: TraceCheck[] = [];
  const signatureProblem = verifyCheckpointSignature(checkpoint, keyOf(pinned));
  checks.push(signatureCheck(checkpoint, signatureProblem));
  const chain = verifyTraceChain(entries);
  checks.push({
    check: 'chain',
    passed: chain.valid,
    detail: chain.valid
      ? `hash chains of ${chain.checked} entries intact`
      : `hash chain broken: ${chain.problem}`,
  });
  if (entries.length !== checkpoint.tree_size) {
    checks.push({
      check: 'root',
      passed: false,
      detail: `the checkpoint signs ${checkpoint.tree_size} entries but ${entries.length} are here`,
    });
  } else {
    const root = treeRoot(entries.length, inMemorySubtrees(entries.map(hashTraceLeaf)));
    const same = root.equals(hex(checkpoint.root_hash));
    checks.push({
      check: 'root',
      passed: same,
      detail: same
        ? `the ${entries.length} entries give exactly the signed root`
        : 'the entries do not give the signed root: one was edited, removed, inserted or moved',
    });
  }
  return audit(checkpoint, checks);
}

/** The signature check's line in an audit: the problem found, or whose key signed how much. */
function signatureCheck(checkpoint: TraceCheckpoint, problem: string | null): TraceCheck {
  return {
    check: 'signature',
    passed: problem === null,
    detail:
      problem ??
      `checkpoint of ${checkpoint.tree_size} entries signed by the pinned key ${checkpoint.key_id}`,
  };
}
