import { z } from 'zod';
import { Actor, CaseId, TenantId, Timestamp } from './common';

export const TraceEntry = z
  .looseObject({
    seq: z.number().int().min(1),
    at: Timestamp,
    tenant_id: TenantId,
    case_id: CaseId.nullable(),
    actor: Actor,
    event: z.string().describe('What happened, e.g. action.requested, action.approved.'),
    details: z.record(z.string(), z.unknown()),
    prev_hash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: 'TraceEntry' });
export type TraceEntry = z.infer<typeof TraceEntry>;

/** The `prev_hash` of the first entry of every chain. */
export const GENESIS_HASH = '0'.repeat(64);
