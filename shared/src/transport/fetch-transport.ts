import { ConnectionError, RequestAbortedError, TimeoutError } from '../errors/client-errors';
import type { Transport, TransportRequest, TransportResponse } from './transport';

/** The most useful text of a fetch failure: undici hides the system error in `cause`. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

/** The default transport: the global `fetch` of Node 20+. */
export class FetchTransport implements Transport {
  constructor(private readonly fetchImpl: typeof fetch = globalThis.fetch) {}

  async send(request: TransportRequest): Promise<TransportResponse> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), request.timeoutMs);
    const onCallerAbort = () => timeout.abort();
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const target = `${request.method} ${new URL(request.url).origin}`;
    try {
      if (request.signal?.aborted) throw new RequestAbortedError();
      const response = await this.fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: timeout.signal,
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      // Reading the body is part of the exchange: the timeout still applies.
      const body = await response.text();
      return { status: response.status, headers, body };
    } catch (error) {
      if (error instanceof RequestAbortedError || request.signal?.aborted) {
        throw error instanceof RequestAbortedError ? error : new RequestAbortedError();
      }
      if (timeout.signal.aborted) {
        throw new TimeoutError(
          `SenseOn did not answer within ${request.timeoutMs} ms (${target}).`,
          request.timeoutMs,
          { advice: 'Try again, or allow a longer timeout.' },
        );
      }
      throw new ConnectionError(`Could not reach SenseOn (${target}): ${describeFailure(error)}.`, {
        cause: error,
        advice: 'Check the base URL and the network.',
      });
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }
}
