import { TenantId } from '@senseon/client';
import type { SandboxClock } from '../clock';
import type { Repositories } from '../db/repositories';
import type { TokenRecord } from '../db/tokens';
import { ApiError, forbidden, validationError } from '../http/errors';
import type { Caller } from './caller';
import { hashTokenValue } from './token-values';

export const TENANT_HEADER = 'X-SenseOn-Tenant';

/** `last_used_at` is written at most this often per token: a write per request would be waste. */
const TOUCH_EVERY_MS = 60_000;

const unauthorized = (message: string) =>
  new ApiError('UNAUTHORIZED', message, [{ field: 'Authorization', issue: message }], {
    'WWW-Authenticate': 'Bearer realm="SenseOn API"',
  });

/** The token an `Authorization: Bearer …` header presents (scheme in any case), or null. */
export function presentedToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? (match[1] as string) : null;
}

/**
 * Resolves `Authorization: Bearer …` to a caller, and `X-SenseOn-Tenant` to the tenant it acts
 * for. Messages never repeat the token.
 */
export function authenticate(
  repos: Repositories,
  clock: SandboxClock,
  authorization: string | undefined,
  tenantHeader: string | undefined,
  /** Told of a valid token asking for a tenant it may not act for, before the 403: to trace it. */
  onForeignTenant: (token: TokenRecord, tenant: string) => void = () => {},
): Caller {
  if (!authorization) {
    throw unauthorized('Send a personal access token as "Authorization: Bearer <token>".');
  }
  const presented = presentedToken(authorization);
  if (presented === null) {
    throw unauthorized('The Authorization header must be "Bearer <token>".');
  }
  const token = repos.tokens.byHash(hashTokenValue(presented));
  if (!token) throw unauthorized('The token is not valid. Check it, or create a new one.');
  const nowMs = clock.now();
  if (token.revoked_ms !== null) throw unauthorized('The token was revoked. Create a new one.');
  if (token.expiry_ms <= nowMs) {
    throw unauthorized(`The token expired on ${clock.iso(token.expiry_ms)}. Create a new one.`);
  }
  if (token.last_used_ms === null || nowMs - token.last_used_ms > TOUCH_EVERY_MS) {
    repos.tokens.touch(token.id, nowMs);
  }

  let tenantId = token.tenant_id;
  if (tenantHeader !== undefined) {
    if (!TenantId.safeParse(tenantHeader).success) {
      throw validationError(TENANT_HEADER, 'must be a tenant id (ten_…)');
    }
    // Unknown and foreign tenants answer alike, so a key cannot probe which tenants exist.
    if (!token.tenants.includes(tenantHeader) || !repos.tenants.get(tenantHeader)) {
      onForeignTenant(token, tenantHeader);
      throw forbidden(`This token cannot act for tenant ${tenantHeader}.`, [
        { field: TENANT_HEADER, issue: 'is not a tenant this token may act for' },
      ]);
    }
    tenantId = tenantHeader;
  }
  return {
    token,
    principal: token.principal,
    tenantId,
    scopes: new Set(token.scopes),
    presentedToken: presented,
  };
}
