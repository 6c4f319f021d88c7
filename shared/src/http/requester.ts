import type { EndpointId } from '../contract/endpoints';
import { ApiError } from '../errors/api-errors';
import { ConnectionError, ResponseValidationError, TimeoutError } from '../errors/client-errors';
import { atBaseUrl } from '../errors/unreachable';
import type { Transport, TransportResponse } from '../transport/transport';
import { requestHeaders } from './headers';
import type { HeaderPacer } from './header-pacer';
import type { SlidingWindowLimiter } from './rate-limiter';
import type { RequestOptions } from './request-options';
import {
  isRetryableStatus,
  isSafeToRetry,
  MAX_RATE_LIMIT_RETRIES,
  retryDelayMs,
  type RetryPolicy,
} from './retry';
import { scrubError } from './scrub';
import { sleepUnlessAborted, type Sleep } from './sleep';

export interface RequesterConfig {
  baseUrl: string;
  token?: string;
  tenantId?: string;
  transport: Transport;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Epoch ms: no retry or attempt reaches past it (see `SenseOnClientOptions.deadline`). */
  deadline?: number;
  /** The local floor: this process's own count of the configured budget. */
  limiter: SlidingWindowLimiter | null;
  /** Paces by the server's `X-RateLimit-*` headers, which count every client on the key. */
  pacer: HeaderPacer | null;
  userAgent?: string;
  /** The platform's runtime token for the User-Agent (`node/22.1.0`). */
  runtime?: string;
  traceparent?: string;
  sleep: Sleep;
  random: () => number;
  now: () => number;
}

export interface PreparedRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The filled path with its query string, relative to the base URL. */
  path: string;
  body?: unknown;
  /** A POST that only reads, retried like a GET. */
  readOnly?: boolean;
  idempotencyKey?: string;
  options?: RequestOptions;
  /** The contract's endpoint, so an error can say which scope it needs. */
  endpoint?: EndpointId;
  /** The path parameters as sent, so a 404 names its id from the request, not the URL. */
  params?: Record<string, unknown>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or undefined for an empty body (204). */
  json: unknown;
  requestId: string | null;
}

/**
 * Sends requests: headers, the shared rate limiter, retries with backoff, and the mapping of
 * error statuses to errors. Every retry decision of the client is made here and nowhere else.
 */
export class Requester {
  /** Kept in a private field so that logging the client (or `util.inspect`) cannot show it. */
  readonly #token: string | undefined;
  readonly config: Omit<RequesterConfig, 'token'>;

  constructor(config: RequesterConfig) {
    const { token, ...rest } = config;
    this.#token = token;
    this.config = rest;
  }

  /** Values that must never appear in an error: the token, and any Authorization given per call. */
  secretsFor(options: RequestOptions = {}): string[] {
    const secrets = this.#token ? [this.#token] : [];
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (name.toLowerCase() === 'authorization') secrets.push(value.replace(/^Bearer\s+/i, ''));
    }
    return secrets;
  }

  async send(request: PreparedRequest): Promise<ApiResponse> {
    const secrets = this.secretsFor(request.options);
    try {
      return await this.sendWithRetries(request, secrets);
    } catch (error) {
      throw scrubError(error, secrets);
    }
  }

  private async sendWithRetries(request: PreparedRequest, secrets: string[]): Promise<ApiResponse> {
    const { config } = this;
    const options = request.options ?? {};
    const idempotencyKey = options.idempotencyKey ?? request.idempotencyKey;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers = requestHeaders({
      token: this.#token,
      tenantId: config.tenantId,
      userAgent: config.userAgent,
      runtime: config.runtime,
      traceparent: options.traceparent ?? config.traceparent,
      idempotencyKey,
      hasBody: body !== undefined,
      extra: options.headers,
    });
    const maxRetries = options.maxRetries ?? config.retry.maxRetries;
    const safe = isSafeToRetry({
      method: request.method,
      readOnly: request.readOnly,
      idempotencyKey,
    });
    const deadline = options.deadline ?? config.deadline;
    // 429s are counted apart: they are waits for the budget, not failures of the request.
    let retries = 0;
    let rateLimitRetries = 0;
    for (let attempt = 0; ; attempt++) {
      const canRetry = retries < maxRetries;
      const retry = attempt > 0;
      const start = await this.acquire(options.signal, retry);
      let timeoutMs: number;
      try {
        timeoutMs = this.attemptTimeoutMs(request, options.timeoutMs, deadline);
      } catch (error) {
        config.pacer?.settle(undefined);
        throw error;
      }
      let response: TransportResponse;
      try {
        response = await config.transport.send({
          method: request.method,
          url: `${config.baseUrl}${request.path}`,
          headers,
          body,
          timeoutMs,
          signal: options.signal,
        });
      } catch (error) {
        config.pacer?.settle(undefined);
        const wait = error instanceof ConnectionError && safe && canRetry;
        const ms = wait ? this.retryDelay(retries, undefined, deadline) : null;
        if (ms !== null) {
          retries++;
          await sleepUnlessAborted(config.sleep, ms, options.signal);
          continue;
        }
        throw atBaseUrl(error, config.baseUrl);
      }
      config.pacer?.settle(response);
      config.limiter?.observe(response.headers, config.retry.maxRetryAfterMs);
      if (response.status === 429 && start !== undefined) config.limiter?.refund(start);
      if (response.status >= 200 && response.status < 300)
        return this.read(request, response, secrets);
      const error = ApiError.from(response.status, response.body, response.headers, {
        method: request.method,
        path: request.path,
        baseUrl: config.baseUrl,
        endpoint: request.endpoint,
        params: request.params,
        body: request.body,
        secrets,
        now: config.now(),
      });
      // A 429 was turned away before anything ran, so even a POST without a key may try again;
      // unless the platform reschedules throttled work itself.
      const throttled = response.status === 429;
      const retryable = throttled ? config.retry.waitOnRateLimit : safe;
      const allowed = throttled
        ? maxRetries > 0 && rateLimitRetries < MAX_RATE_LIMIT_RETRIES
        : canRetry;
      const wait = isRetryableStatus(response.status) && retryable && allowed;
      const ms = wait
        ? this.retryDelay(throttled ? 0 : retries, response.headers['retry-after'], deadline)
        : null;
      if (ms !== null) {
        if (throttled) rateLimitRetries++;
        else retries++;
        await sleepUnlessAborted(config.sleep, ms, options.signal);
        continue;
      }
      throw error;
    }
  }

  /**
   * Waits for the server's budget (the pacer), then for the local floor (the sliding window),
   * in that order so the floor's count holds the moment the request really starts. Returns the
   * floor's start time, for a refund if the server turns the request away.
   */
  private async acquire(signal: AbortSignal | undefined, retry: boolean) {
    const { pacer, limiter, sleep } = this.config;
    await pacer?.acquire({ signal, sleep, retry });
    try {
      return await limiter?.acquire(signal, sleep, retry);
    } catch (error) {
      pacer?.settle(undefined);
      throw error;
    }
  }

  /**
   * The wait before retry number `retryIndex`, or null when it would end at or after the
   * deadline. Such a retry could not finish in time, so the caller gets the error that called
   * for it now, rather than a platform stopping the step mid-wait with no error of ours at all.
   */
  private retryDelay(
    retryIndex: number,
    retryAfter: string | undefined,
    deadline: number | undefined,
  ): number | null {
    const { retry, random, now } = this.config;
    const at = now();
    const ms = retryDelayMs({ retryIndex, retryAfter, policy: retry, random, now: at });
    return deadline !== undefined && at + ms >= deadline ? null : ms;
  }

  /**
   * The attempt's timeout, cut to the time left before the deadline, so a slow answer cannot
   * carry the call past it. Once the deadline has passed nothing more is sent.
   */
  private attemptTimeoutMs(
    request: PreparedRequest,
    timeoutMs: number | undefined,
    deadline: number | undefined,
  ): number {
    const ms = timeoutMs ?? this.config.timeoutMs;
    if (deadline === undefined) return ms;
    const left = deadline - this.config.now();
    if (left <= 0) {
      throw new TimeoutError(
        `${request.method} ${request.path} was not sent: the deadline for this call passed ${-left} ms ago.`,
        0,
      );
    }
    return Math.min(ms, left);
  }

  private read(
    request: PreparedRequest,
    response: TransportResponse,
    secrets: string[],
  ): ApiResponse {
    const requestId = response.headers['x-request-id'] ?? null;
    const base = { status: response.status, headers: response.headers, requestId };
    if (response.body.trim() === '') return { ...base, json: undefined };
    try {
      return { ...base, json: JSON.parse(response.body) };
    } catch {
      throw new ResponseValidationError(
        `${request.method} ${request.path}`,
        [
          {
            field: '(body)',
            issue: `is not JSON (starts with ${JSON.stringify(response.body.slice(0, 40))})`,
          },
        ],
        { requestId, secrets, notTheApiAt: this.config.baseUrl },
      );
    }
  }
}
