import { z } from 'zod';
import { Origin, Scope, TenantId, Timestamp } from './common';

/**
 * `GET /me`: who the token is. Not in SenseOn's public reference; connectors need it to name a
 * connection after its tenant and to test credentials without side effects.
 */
export const Me = z
  .looseObject({
    principal: z.string().describe('The analyst or integration the token acts as.'),
    token_name: z.string(),
    scopes: z.array(Scope),
    origins: z
      .array(Origin)
      .optional()
      .describe('The origins a request made with this token may declare.'),
    tenant: z.looseObject({ id: TenantId, name: z.string() }),
    tenants: z
      .array(z.looseObject({ id: TenantId, name: z.string() }))
      .describe('Every tenant the token may act for (MSSP keys have several).'),
    expires_at: Timestamp.nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;
