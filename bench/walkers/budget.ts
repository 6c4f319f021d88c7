import {
  FetchTransport,
  SenseOnClient,
  type Transport,
  type TransportRequest,
} from '@senseon/client';

/** One process's share of the rate-budget run (suite 3): `workers` loops over GET /devices. */
export interface BudgetArgs {
  url: string;
  token: string;
  workers: number;
  requests: number;
}

export interface BudgetResult {
  /** Every answer the server gave: ms since epoch, status, and its window's X-RateLimit-Reset. */
  answers: [number, number, string][];
  /** Calls that ended in an error reaching the caller. */
  errors: number;
}

class RecordingTransport implements Transport {
  readonly answers: [number, number, string][] = [];
  private readonly inner = new FetchTransport();
  async send(request: TransportRequest) {
    const response = await this.inner.send(request);
    this.answers.push([Date.now(), response.status, response.headers['x-ratelimit-reset'] ?? '']);
    return response;
  }
}

export async function budget(args: BudgetArgs): Promise<BudgetResult> {
  const transport = new RecordingTransport();
  // The client as shipped: default limiter (the floor) and the header pacer.
  const client = new SenseOnClient({ baseUrl: args.url, token: args.token, transport });
  let left = args.requests;
  let errors = 0;
  await Promise.all(
    Array.from({ length: args.workers }, async () => {
      while (left > 0) {
        left--;
        await client.devices.list({ limit: 1 }).catch(() => errors++);
      }
    }),
  );
  return { answers: transport.answers, errors };
}
