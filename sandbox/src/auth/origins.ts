import type { Origin } from '@senseon/client';
import { ApiError } from '../http/errors';
import type { TokenRecord } from '../db/tokens';
import type { Caller } from './caller';
import type { DefaultTokenName } from './scopes';

export const ALL_ORIGINS: Origin[] = ['human', 'automation', 'agent'];

/**
 * The origins each default token may declare. The analyst's token drives the connectors and
 * the playbook, which declare automation or agent; the approver and the read-only analyst are
 * people. Tokens configured with `--token` may declare any origin, as before origins existed.
 */
export const DEFAULT_TOKEN_ORIGINS: Record<DefaultTokenName, Origin[]> = {
  admin: ALL_ORIGINS,
  analyst: ALL_ORIGINS,
  approver: ['human'],
  readonly: ['human'],
};

/**
 * The origin of a request that declares none: automation (as before origins were bound to
 * tokens) when the token may use it, else the token's first origin, so an agent's token that
 * declares nothing is still an agent.
 */
export function undeclaredOrigin(token: Pick<TokenRecord, 'origins'>): Origin {
  const origins = token.origins;
  return origins.includes('automation') ? 'automation' : (origins[0] ?? 'automation');
}

/** 403 naming `origin`: the token may not speak as this origin. */
export function originRefused(caller: Caller, declared: Origin): ApiError {
  return new ApiError(
    'FORBIDDEN',
    `This token may act only as ${caller.token.origins.join(', ')}, not as ${declared}.`,
    [{ field: 'origin', issue: `${declared} is not an origin this token may use` }],
  );
}
