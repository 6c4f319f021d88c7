import { z } from 'zod';
import { InvalidInputError } from './errors/client-errors';
import { fieldIssues } from './http/validate';
import type { RateLimitConfig } from './http/rate-limiter';
import type { Sleep } from './http/sleep';
import type { Transport } from './transport/transport';

export interface SenseOnClientOptions {
  /** `https://api.senseon.io/v1`, or the sandbox's `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  /** A personal access token. Omit it when the transport authenticates (as n8n's does). */
  token?: string;
  /** For MSSP keys: the tenant to act for, sent as `X-SenseOn-Tenant`. */
  tenantId?: string;
  /** Replaces the platform's transport (see `Platform`) for this client. */
  transport?: Transport;
  /** Per attempt (default 30000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  retry?: {
    baseDelayMs?: number;
    maxDelayMs?: number;
    maxRetryAfterMs?: number;
    /** False: a 429 is thrown at once for the caller to reschedule (default true: waited out). */
    waitOnRateLimit?: boolean;
  };
  /**
   * When the caller must be done, in epoch ms (`Date.now() + budget`), for platforms that stop a
   * step after a fixed time (Zapier: 30 s). A retry whose wait would end at or after it is not
   * made: the error that called for it is thrown at once, message intact. Each attempt's timeout
   * is cut to the time left, and the summary wait stops polling. An AbortSignal could only cut a
   * wait short with `RequestAbortedError`; the deadline lets the client decide before waiting and
   * keep the real error (a 503, a timeout) for the user.
   */
  deadline?: number;
  /** The client-side budget, shared by every client with the same base URL and token; false turns it off. */
  rateLimit?: RateLimitConfig | false;
  /**
   * What names the key's budget when the client is not given the token because the transport
   * adds it (n8n: the credential's id): clients with the same base URL and budget key share one
   * header pacer and one local limiter, as clients with the same token do. Never the token.
   */
  budgetKey?: string;
  /** Appended to the User-Agent, e.g. `senseon-zapier/0.1.0`. */
  userAgent?: string;
  traceparent?: string;
  /** For tests: replaces the platform's waiting (backoff, rate limit, summary polling). */
  sleep?: Sleep;
  /** For tests: the jitter source, in [0, 1). */
  random?: () => number;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const nonNegative = z.number().int().min(0);

/** The options that are data (not functions or objects with behaviour), checked up front. */
const CheckedOptions = z.object({
  baseUrl: z.url({
    protocol: /^https?$/,
    error: 'must be an http(s) URL such as https://api.senseon.io/v1',
  }),
  token: z.string().min(1).optional(),
  tenantId: z
    .string()
    .regex(/^ten_[A-Za-z0-9]+$/, 'must be a ten_… id')
    .optional(),
  timeoutMs: z.number().int().min(1).optional(),
  maxRetries: nonNegative.max(10).optional(),
  deadline: z.number().int().min(0).optional(),
  retry: z
    .object({
      baseDelayMs: nonNegative.optional(),
      maxDelayMs: nonNegative.optional(),
      maxRetryAfterMs: nonNegative.optional(),
      waitOnRateLimit: z.boolean().optional(),
    })
    .optional(),
  rateLimit: z
    .union([
      z.literal(false),
      z.object({ limit: z.number().int().min(1), windowMs: z.number().int().min(1) }),
    ])
    .optional(),
  budgetKey: z.string().min(1, 'must not be empty').optional(),
  userAgent: z
    .string()
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'must be printable ASCII product tokens')
    .optional(),
  traceparent: z.string().regex(TRACEPARENT, 'must be a W3C traceparent').optional(),
});

/** Rejects bad client options with the field named, never echoing the token. */
export function checkClientOptions(options: SenseOnClientOptions): void {
  const { transport: _t, sleep: _s, random: _r, ...data } = options;
  const result = CheckedOptions.safeParse(data);
  if (!result.success) {
    throw new InvalidInputError('SenseOnClient options', fieldIssues(result.error), {
      secrets: options.token ? [options.token] : [],
    });
  }
}
