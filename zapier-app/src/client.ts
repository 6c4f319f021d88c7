import { InvalidInputError, SenseOnClient, VERSION } from '@senseon/client';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ATTEMPT_TIMEOUT_MS, STEP_DEADLINE_MS, stepDeadline } from './time-limits';
import { ZapierTransport } from './transport';

export const DEFAULT_BASE_URL = 'https://api.senseon.io/v1';
/** Where SenseOn users create personal access tokens (the console's URL scheme, docs/api.md). */
export const TOKEN_PAGE_URL = 'https://console.senseon.io/settings/api-tokens';
export const USER_AGENT = `senseon-zapier/${VERSION}`;

/** What the connection holds (the authentication fields' keys). */
export interface SenseOnAuthData {
  /** `production` (the default) or `sandbox`: only a sandbox may be reached over plain HTTP. */
  environment?: string;
  baseUrl?: string;
  token?: string;
  tenantId?: string;
}

/** An empty optional field reaches us as "" (or not at all): both mean "not set". */
const given = (value: string | undefined) =>
  value && value.trim() !== '' ? value.trim() : undefined;

/**
 * The API address of a connection. A production connection talks HTTPS only: a token sent over
 * plain HTTP can be read on the way. A sandbox is chosen explicitly (Environment), never
 * guessed from the address.
 */
export function baseUrlOf(auth: SenseOnAuthData): string {
  const url = given(auth.baseUrl) ?? DEFAULT_BASE_URL;
  const sandbox = given(auth.environment) === 'sandbox';
  if (!sandbox && !/^https:\/\//i.test(url)) {
    throw new InvalidInputError('the connection', [
      {
        field: 'baseUrl',
        issue:
          'must start with https:// in Production; to use a sandbox address, choose Sandbox as the Environment',
      },
    ]);
  }
  return url;
}

/**
 * The client core for one Zapier invocation, over `z.request`. Every `perform` builds its client
 * first thing, so the step's deadline counts from the start of the step.
 *
 * - `rateLimit: false`: the app declares SenseOn's budget to Zapier (`throttle`), and a 429
 *   makes Zapier reschedule the task; waiting inside a task only burns its time limit. So
 *   `waitOnRateLimit: false`: the core hands a 429 straight back as `RateLimitError`, which
 *   `toZapierError` turns into Zapier's `ThrottledError` with the server's delay.
 * - `maxRetries: 2` with short backoff: connection errors and 503/504 are retried a little.
 * - `deadline` (25 s from now; Zapier stops a step at 30 s): a retry whose wait would end after
 *   it is not made, so the step fails at once with the real error (a 503 with its message)
 *   instead of being stopped by Zapier mid-wait; each attempt's timeout is cut to the time left.
 *   Since the deadline bounds every wait, a server's Retry-After is obeyed up to the whole step
 *   budget: retrying sooner than asked would only earn another 503.
 * - `timeoutMs` (10 s per attempt): a held answer is given up on in time for one more try.
 */
export function clientFor(z: ZObject, bundle: Pick<Bundle, 'authData'>): SenseOnClient {
  const auth = bundle.authData as SenseOnAuthData;
  return new SenseOnClient({
    baseUrl: baseUrlOf(auth),
    token: given(auth.token),
    tenantId: given(auth.tenantId),
    transport: new ZapierTransport(z),
    userAgent: USER_AGENT,
    maxRetries: 2,
    retry: { maxDelayMs: 4000, maxRetryAfterMs: STEP_DEADLINE_MS, waitOnRateLimit: false },
    deadline: stepDeadline(),
    timeoutMs: ATTEMPT_TIMEOUT_MS,
    rateLimit: false,
  });
}
