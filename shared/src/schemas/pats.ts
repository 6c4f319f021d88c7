import { z } from 'zod';
import { Scope, TenantId, Timestamp } from './common';

export const PatId = z.uuid().describe('A personal access token id (UUID).');

export const Pat = z
  .looseObject({
    pat_id: PatId,
    name: z.string(),
    scopes: z.array(Scope),
    owner: z.string(),
    status: z.enum(['active', 'revoked', 'expired']),
    expiry_at: Timestamp,
    created_at: Timestamp,
    last_used_at: Timestamp.nullable(),
    tenant_id: TenantId,
  })
  .meta({ id: 'Pat' });
export type Pat = z.infer<typeof Pat>;

export const PatCreated = Pat.extend({
  token: z.string().describe('The token value; returned only once.'),
}).meta({ id: 'PatCreated' });
export type PatCreated = z.infer<typeof PatCreated>;

export const PatCreate = z
  .strictObject({
    name: z.string().min(1).max(100),
    expiry_at: Timestamp,
    scopes: z.array(Scope).min(1),
  })
  .meta({ id: 'PatCreate' });
export type PatCreate = z.infer<typeof PatCreate>;

export const ScopeInfo = z
  .looseObject({ scope: Scope, description: z.string() })
  .meta({ id: 'ScopeInfo' });
export const ScopeList = z.looseObject({ data: z.array(ScopeInfo) }).meta({ id: 'ScopeList' });
