import {
  ApiError,
  ConnectionError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '@senseon/client';
import type { ZObject } from 'zapier-platform-core';

/** The name of the error `z.request` throws for a 429, before any middleware sees it. */
const ZAPIER_THROTTLED = 'ThrottledError';

/** The server's delay, from the JSON message Zapier's ThrottledError carries. */
function throttledDelaySeconds(error: Error): number | null {
  try {
    const { delay } = JSON.parse(error.message) as { delay?: unknown };
    return typeof delay === 'number' && Number.isFinite(delay) ? delay : null;
  } catch {
    return null;
  }
}

/**
 * The client core's `Transport` over Zapier's `z.request`, so every call is logged, scrubbed of
 * the token and counted by Zapier like any other request of the app.
 *
 * - `skipThrowForStatus`: the core reads every status and maps it to its own errors.
 * - `merge: false`: z.request otherwise refuses any body containing `{{bundle.…}}`, which a
 *   comment or a justification may legitimately contain; nothing is templated here.
 * - A 429 still throws Zapier's `ThrottledError` (with the server's Retry-After) before the
 *   response reaches us, as core 18+ does by default. It comes back out of the core as its
 *   `RateLimitError`, not retried inside the task, and `toZapierError` turns it back into a
 *   `ThrottledError` with that delay: Zapier then reschedules the task itself.
 */
export class ZapierTransport implements Transport {
  constructor(private readonly z: ZObject) {}

  async send(request: TransportRequest): Promise<TransportResponse> {
    const options = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: request.body,
      timeout: request.timeoutMs,
      skipThrowForStatus: true,
      redirect: 'manual' as const,
      merge: false,
    };
    try {
      const response = await this.z.request(options);
      const headers: Record<string, string> = {};
      response.headers.forEach((value: string, name: string) => {
        headers[name.toLowerCase()] = value;
      });
      return { status: response.status, headers, body: response.content };
    } catch (error) {
      if (error instanceof Error && error.name === ZAPIER_THROTTLED) {
        const delay = throttledDelaySeconds(error);
        throw ApiError.from(
          429,
          { error: { code: 'RATE_LIMITED', message: 'Too many requests' } },
          delay === null ? {} : { 'retry-after': String(delay) },
          { method: request.method, path: new URL(request.url).pathname },
        );
      }
      const target = `${request.method} ${new URL(request.url).origin}`;
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConnectionError(
        `Could not reach SenseOn (${target}): ${reason}. Check the base URL in the connection.`,
        { cause: error },
      );
    }
  }
}
