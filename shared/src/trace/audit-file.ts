import type { SenseOnClient } from '../client';
import type { TraceEntry } from '../schemas/trace';
import type { ConsistencyProof, TraceCheckpoint, TracePublicKey } from '../schemas/trace-proofs';
import { verifyCheckpointSignature } from './checkpoint';
import {
  compareCheckpoints,
  keyOf,
  verifyWholeTrace,
  type PinnedKey,
  type TraceAudit,
} from './trace-audit';

export const AUDIT_FILE_FORMAT = 'senseon-decisiontrace-audit/1';

/**
 * Everything an auditor needs to verify a tenant's DecisionTrace offline, in one JSON file: the
 * key the server published, a signed checkpoint, every entry of its tree, and optionally an
 * earlier checkpoint with the consistency proof from it to this one.
 */
export interface TraceAuditFile {
  format: typeof AUDIT_FILE_FORMAT;
  exported_at: string;
  base_url: string;
  public_key: TracePublicKey;
  checkpoint: TraceCheckpoint;
  entries: TraceEntry[];
  previous: { checkpoint: TraceCheckpoint; consistency_proof: ConsistencyProof | null } | null;
}

/** Downloads the tenant's whole trace under one fresh checkpoint (1,000 entries a request). */
export async function exportTraceAudit(
  client: SenseOnClient,
  previous: TraceCheckpoint | null = null,
  now: () => Date = () => new Date(),
): Promise<TraceAuditFile> {
  const [publicKey] = (await client.trace.keys()).keys;
  if (!publicKey) throw new Error('The server publishes no DecisionTrace key.');
  const checkpoint = await client.trace.checkpoint();
  const entries: TraceEntry[] = [];
  while (entries.length < checkpoint.tree_size) {
    const slice = await client.trace.entries(entries.length, 1000);
    if (slice.data.length === 0) break;
    entries.push(...slice.data.slice(0, checkpoint.tree_size - entries.length));
  }
  let earlier: TraceAuditFile['previous'] = null;
  if (previous) {
    const provable = previous.tree_size > 0 && previous.tree_size < checkpoint.tree_size;
    earlier = {
      checkpoint: previous,
      consistency_proof: provable
        ? await client.trace.consistencyProof(previous.tree_size, checkpoint.tree_size)
        : null,
    };
  }
  return {
    format: AUDIT_FILE_FORMAT,
    exported_at: now().toISOString(),
    base_url: client.baseUrl,
    public_key: publicKey,
    checkpoint,
    entries,
    previous: earlier,
  };
}

/**
 * Verifies an audit file offline: the checkpoint's signature against the pinned key (or, when
 * none is given, the file's own key, which the result says plainly proves less), the signed root
 * recomputed from every entry, every hash chain, and, with an earlier checkpoint, that this one
 * extends it.
 */
export function verifyTraceAudit(file: TraceAuditFile, pinned?: PinnedKey): TraceAudit {
  if (file.format !== AUDIT_FILE_FORMAT) {
    throw new TypeError(`format: expected ${AUDIT_FILE_FORMAT}, got ${String(file.format)}`);
  }
  const key = pinned ?? file.public_key;
  const result = verifyWholeTrace(file.entries, file.checkpoint, key);
  if (pinned === undefined) {
    result.checks.unshift({
      check: 'signature',
      passed: true,
      detail: `no key was pinned: the file's own key ${file.public_key.key_id} was used, which proves the file is consistent, not who signed it; pin the key with --key`,
    });
  }
  let tampering = null;
  if (file.previous) {
    const older = file.previous.checkpoint;
    const signature = verifyCheckpointSignature(older, keyOf(key));
    const comparison = compareCheckpoints(older, file.checkpoint, file.previous.consistency_proof);
    result.checks.push(
      {
        check: 'signature',
        passed: signature === null,
        detail:
          signature ??
          `the earlier checkpoint of ${older.tree_size} entries is signed by the same key`,
      },
      comparison.check,
    );
    tampering = comparison.tampering;
  }
  const problems = result.checks.filter((check) => !check.passed).map((check) => check.detail);
  return { ...result, problems, verified: problems.length === 0, tampering };
}
