import { ApiError, Me, type SenseOnClient } from '@senseon/client';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { USER_AGENT, type SenseOnAuthData } from './client';
import { ZapierTransport } from './transport';

/**
 * `GET /me`. Uses the core's `client.me()` when it has one; until then the same call is made
 * here through the same transport, with the core's error mapping and the contract's `Me` schema.
 */
export async function fetchMe(
  client: SenseOnClient,
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
): Promise<Me> {
  const withMe = client as SenseOnClient & { me?: () => Promise<Me> };
  if (typeof withMe.me === 'function') return withMe.me();
  const auth = bundle.authData as SenseOnAuthData;
  const token = auth.token?.trim() ?? '';
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${token}`,
    'user-agent': USER_AGENT,
  };
  if (auth.tenantId?.trim()) headers['x-senseon-tenant'] = auth.tenantId.trim();
  const response = await new ZapierTransport(z).send({
    method: 'GET',
    url: `${client.baseUrl}/me`,
    headers,
    timeoutMs: 30_000,
  });
  if (response.status >= 400) {
    throw ApiError.from(response.status, response.body, response.headers, {
      method: 'GET',
      path: '/me',
      secrets: [token],
    });
  }
  return Me.parse(JSON.parse(response.body));
}
