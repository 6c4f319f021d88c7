import { z } from 'zod';
import { TenantId, Timestamp } from './common';
import { TraceEntry } from './trace';

const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const TreeSize = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** What signs the tenant trees' checkpoints; the server may publish several while it rotates. */
export const TracePublicKey = z
  .looseObject({
    key_id: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .describe('The first 8 bytes of SHA-256 of the raw public key, in hex.'),
    algorithm: z.literal('Ed25519'),
    public_key: z.string().describe('The raw 32-byte Ed25519 public key, base64.'),
  })
  .meta({ id: 'TracePublicKey' });
export type TracePublicKey = z.infer<typeof TracePublicKey>;

export const TracePublicKeys = z
  .looseObject({ keys: z.array(TracePublicKey) })
  .meta({ id: 'TracePublicKeys' });
export type TracePublicKeys = z.infer<typeof TracePublicKeys>;

/**
 * A signed statement of the tenant's Merkle tree: its size and root at a time. `note` is the
 * signed text followed by the signature line; a verifier rebuilds the text from the fields.
 */
export const TraceCheckpoint = z
  .looseObject({
    tenant_id: TenantId,
    tree_size: z.number().int().min(0),
    root_hash: Hash,
    timestamp: Timestamp,
    key_id: z.string().regex(/^[0-9a-f]{16}$/),
    signature: z.string().describe('Ed25519 signature of the checkpoint text, base64.'),
    note: z.string().describe('The signed checkpoint text and its signature line.'),
  })
  .meta({ id: 'TraceCheckpoint' });
export type TraceCheckpoint = z.infer<typeof TraceCheckpoint>;

export const InclusionProofQuery = z
  .object({
    leaf_index: TreeSize.optional().describe('The leaf; give this or `seq`.'),
    seq: z.coerce.number().int().min(1).optional().describe('The entry whose leaf to prove.'),
    tree_size: TreeSize.describe("The size of the tree to prove against (a checkpoint's)."),
  })
  .meta({ id: 'InclusionProofQuery' });

export const InclusionProof = z
  .looseObject({
    leaf_index: z.number().int().min(0),
    seq: z.number().int().min(1),
    tree_size: z.number().int().min(1),
    audit_path: z.array(Hash).describe('RFC 9162 §2.1.3 inclusion path, nearest sibling first.'),
  })
  .meta({ id: 'InclusionProof' });
export type InclusionProof = z.infer<typeof InclusionProof>;

export const ConsistencyProofQuery = z
  .object({
    first: TreeSize.describe('The older tree size.'),
    second: TreeSize.describe('The newer tree size.'),
  })
  .meta({ id: 'ConsistencyProofQuery' });

export const ConsistencyProof = z
  .looseObject({
    first: z.number().int().min(0),
    second: z.number().int().min(0),
    consistency_path: z.array(Hash).describe('RFC 9162 §2.1.4 consistency proof.'),
  })
  .meta({ id: 'ConsistencyProof' });
export type ConsistencyProof = z.infer<typeof ConsistencyProof>;

export const TenantTraceQuery = z
  .object({
    start: TreeSize.optional().describe('The first leaf index to return (default 0).'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('Entries, 1–1000 (default 100).'),
  })
  .meta({ id: 'TenantTraceQuery' });

/** Consecutive leaves of the tenant's tree, for auditors who download the whole trace. */
export const TenantTraceSlice = z
  .looseObject({
    start: z.number().int().min(0),
    tree_size: z.number().int().min(0).describe('The tree size when this slice was read.'),
    data: z.array(TraceEntry).describe('Leaves `start`, `start + 1`, … in tree order.'),
  })
  .meta({ id: 'TenantTraceSlice' });
export type TenantTraceSlice = z.infer<typeof TenantTraceSlice>;
