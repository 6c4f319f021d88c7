import type { Actor, Origin, Scope } from '@senseon/client';
import type { TokenRecord } from '../db/tokens';

/** Who is calling: the token, the principal it acts as, and the tenant this request is for. */
export interface Caller {
  token: TokenRecord;
  principal: string;
  tenantId: string;
  scopes: ReadonlySet<Scope>;
  /**
   * The bearer value as presented. Used only to derive the key that encrypts stored idempotent
   * answers; never stored, answered or logged.
   */
  presentedToken: string;
}

export function actorOf(caller: Caller, origin: Origin = 'automation'): Actor {
  return { principal: caller.principal, origin };
}

/** Background work the sandbox does itself: expiry, execution, the simulator. */
export const SYSTEM_ACTOR: Actor = { principal: 'system', origin: 'automation' };

/** Decisions the Guardrails policy takes without a person. */
export const POLICY_ACTOR: Actor = { principal: 'guardrails-policy', origin: 'automation' };
