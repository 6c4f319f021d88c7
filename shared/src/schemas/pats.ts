import { z } from 'zod';
import { Origin, Scope, TenantId, Timestamp } from './common';

export const PatId = z.uuid().describe('A personal access token id (UUID).');

export const Pat = z
  .looseObject({
    pat_id: PatId,
    name: z.string(),
    scopes: z.array(Scope),
    origins: z
      .array(Origin)
      .optional()
      .describe(
        "The origins a request made with this token may declare (an action request's `origin`); any other is refused 403 naming `origin`.",
      ),
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
    origins: z
      .array(Origin)
      .min(1)
      .optional()
      .describe(
        'Who uses the token: human, automation and/or agent. Defaults to the origins of the token that creates it, and cannot name one that token lacks. Give an AI agent a token with only `agent`, so it can never claim to be a person or an automation.',
      ),
  })
  .meta({ id: 'PatCreate' });
export type PatCreate = z.infer<typeof PatCreate>;

export const ScopeInfo = z
  .looseObject({ scope: Scope, description: z.string() })
  .meta({ id: 'ScopeInfo' });
export const ScopeList = z.looseObject({ data: z.array(ScopeInfo) }).meta({ id: 'ScopeList' });
