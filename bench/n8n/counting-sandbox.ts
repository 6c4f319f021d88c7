import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createApp, type SandboxApp, type SandboxOptions } from '@senseon/sandbox';
import { ANALYST_SCOPES } from '../../scripts/n8n/lib/sandbox-process';

/** What the sandbox answered since the last `reset()`: every request, and the 429s among them. */
export interface RequestCounts {
  requests: number;
  tooManyRequests: number;
  /** Requests by method and path without the query (`GET /v1/observations`). */
  byRoute: Record<string, number>;
}

export interface CountingSandbox {
  /** Base URL with `/v1`, as the SenseOn credential wants it. */
  url: string;
  /** The token the n8n credential uses (an analyst's scopes). */
  analystToken: string;
  adminToken: string;
  app: SandboxApp;
  counts(): RequestCounts;
  reset(): void;
  close(): Promise<void>;
}

/**
 * The sandbox in this process, served on 127.0.0.1 with a counter in front of its app: a
 * benchmark reads how many requests each side sent (and how many 429s it got) without a log
 * file to parse. Counting is one increment per request, the same cost for both sides.
 */
export async function startCountingSandbox(
  options: Omit<SandboxOptions, 'port' | 'host' | 'tokens'>,
): Promise<CountingSandbox> {
  // The analyst also subscribes webhooks and writes observations, as n8n's credential does.
  const analystToken = `senseon_pat_bench${randomBytes(16).toString('hex')}`;
  const app = createApp({
    ...options,
    tokens: [{ name: 'analyst', value: analystToken, scopes: ANALYST_SCOPES }],
  });
  let counts: RequestCounts = { requests: 0, tooManyRequests: 0, byRoute: {} };
  const server = createAdaptorServer({
    fetch: async (request: Request) => {
      const response = await app.app.fetch(request);
      counts.requests++;
      if (response.status === 429) counts.tooManyRequests++;
      const route = `${request.method} ${new URL(request.url).pathname}`;
      counts.byRoute[route] = (counts.byRoute[route] ?? 0) + 1;
      return response;
    },
  }) as Server;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address() as AddressInfo));
  });
  const adminToken = app.tokens.admin;
  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    analystToken,
    adminToken,
    app,
    counts: () => ({ ...counts, byRoute: { ...counts.byRoute } }),
    reset: () => {
      counts = { requests: 0, tooManyRequests: 0, byRoute: {} };
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}
