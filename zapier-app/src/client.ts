import { SenseOnClient } from '@senseon/client';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ZapierTransport } from './transport';

export const DEFAULT_BASE_URL = 'https://api.senseon.io/v1';
export const USER_AGENT = 'senseon-zapier/0.1.0';

/** What the connection holds (the authentication fields' keys). */
export interface SenseOnAuthData {
  baseUrl?: string;
  token?: string;
  tenantId?: string;
}

/** An empty optional field reaches us as "" (or not at all): both mean "not set". */
const given = (value: string | undefined) =>
  value && value.trim() !== '' ? value.trim() : undefined;

/**
 * The client core for one Zapier invocation, over `z.request`.
 *
 * - `rateLimit: false`: the app declares SenseOn's budget to Zapier (`throttle`), and a 429
 *   makes Zapier reschedule the task; waiting inside a task only burns its time limit.
 * - `maxRetries: 2` with short waits: connection errors and 503/504 are retried a little, within
 *   Zapier's time limit for one step.
 */
export function clientFor(z: ZObject, bundle: Pick<Bundle, 'authData'>): SenseOnClient {
  const auth = bundle.authData as SenseOnAuthData;
  return new SenseOnClient({
    baseUrl: given(auth.baseUrl) ?? DEFAULT_BASE_URL,
    token: given(auth.token),
    tenantId: given(auth.tenantId),
    transport: new ZapierTransport(z),
    userAgent: USER_AGENT,
    maxRetries: 2,
    retry: { maxDelayMs: 4000, maxRetryAfterMs: 10_000 },
    rateLimit: false,
  });
}
