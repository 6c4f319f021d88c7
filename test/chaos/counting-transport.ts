import { FetchTransport, type Transport, type TransportRequest } from '@senseon/client';

/** The header the bulk job puts on each of its calls, so the attempts of one call can be counted. */
export const CALL_HEADER = 'x-chaos-call';

/**
 * The client's own transport, counting the attempts of each call: an error may reach the caller
 * only after the client used up its retries, and this is how the run knows that it did.
 */
export class CountingTransport implements Transport {
  /**
   * Per call: the attempts in a row that failed (no answer or 5xx) since the last answer. A 429
   * neither counts nor breaks the row: the client waits for the budget apart from its retries
   * (shared/src/http/requester.ts), so a call may fail 429, 503, 503, 503, 503 and give up only then.
   */
  private readonly failingInARow = new Map<string, number>();
  private readonly inner = new FetchTransport();
  total = 0;

  async send(request: TransportRequest) {
    const call = Object.entries(request.headers).find(
      ([name]) => name.toLowerCase() === CALL_HEADER,
    )?.[1];
    this.total++;
    const failed = () => {
      if (call) this.failingInARow.set(call, (this.failingInARow.get(call) ?? 0) + 1);
    };
    try {
      const response = await this.inner.send(request);
      if (response.status >= 500) failed();
      else if (response.status !== 429 && call) this.failingInARow.set(call, 0);
      return response;
    } catch (error) {
      failed();
      throw error;
    }
  }

  /** How many attempts in a row had failed when the call ended (pages of a walk each count). */
  failuresInARow(call: string): number {
    return this.failingInARow.get(call) ?? 0;
  }
}
