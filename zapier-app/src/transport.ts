import {
  ConnectionError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '@senseon/client';
import type { ZObject } from 'zapier-platform-core';

/**
 * The client core's `Transport` over Zapier's `z.request`, so every call is logged, scrubbed of
 * the token and counted by Zapier like any other request of the app.
 *
 * - `skipThrowForStatus`: the core reads every status and maps it to its own errors.
 * - `merge: false`: z.request otherwise refuses any body containing `{{bundle.…}}`, which a
 *   comment or a justification may legitimately contain; nothing is templated here.
 * - A 429 comes back as a response like any other: the app sets `throwForThrottlingEarly:
 *   false` (index.ts), so z.request does not throw its own ThrottledError first. The core reads
 *   it once, as `RateLimitError` with the Retry-After (seconds or HTTP date) as
 *   `retryAfterSeconds`, does not wait it out (`waitOnRateLimit: false`, client.ts), and
 *   `toZapierError` makes it the one `ThrottledError(delay)` Zapier reschedules the task by.
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
      const target = `${request.method} ${new URL(request.url).origin}`;
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConnectionError(`Could not reach SenseOn (${target}): ${reason}.`, {
        cause: error,
        advice: 'Check the base URL in the connection.',
      });
    }
  }
}
