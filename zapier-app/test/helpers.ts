import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SenseOnClient } from '@senseon/client';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '@senseon/sandbox';
import { createAppTester } from 'zapier-platform-core';
import App from '../src';

export const appTester = createAppTester(App);
export { App };

export type TokenName = 'admin' | 'analyst' | 'approver' | 'readonly';

/** A sandbox fast enough for tests: summaries in 20 ms, webhook retries a thousand times sooner. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({
    port: 0,
    summaryDelayMs: 20,
    actionExecutionMs: 20,
    webhookTimeScale: 0.001,
    webhookTimeoutMs: 2000,
    ...options,
  });
}

/** The connection a Zapier user would make with one of the sandbox's tokens. */
export function authFor(sandbox: RunningSandbox, token: TokenName | string) {
  const value = (sandbox.tokens as Record<string, string>)[token] ?? token;
  return { environment: 'sandbox', baseUrl: sandbox.url, token: value };
}

/** A plain client for arranging test data and checking what the app did. */
export function clientAs(sandbox: RunningSandbox, token: TokenName): SenseOnClient {
  return new SenseOnClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens[token],
    rateLimit: false,
  });
}

/**
 * Online devices that are not crown jewels, each handed out once: the sandbox allows one pending
 * isolation per device and refuses to isolate one twice, so every test takes its own.
 */
export function devicePool(client: SenseOnClient): () => Promise<string> {
  let ids: Promise<string[]> | undefined;
  let used = 0;
  return async () => {
    ids ??= client.devices
      .list({ status: 'online', limit: 1000 })
      .collect()
      .then((devices) => devices.filter((d) => d.criticality !== 'crown_jewel').map((d) => d.id));
    const id = (await ids)[used++];
    if (!id) throw new Error('the sandbox has no more online devices for this test file');
    return id;
  };
}

/** A user id the sandbox knows, from the users linked to its cases. */
export async function someUserId(client: SenseOnClient): Promise<string> {
  for await (const item of client.cases.list({ limit: 100 })) {
    if (item.user_ids[0]) return item.user_ids[0];
  }
  throw new Error('no case in the sandbox names a user');
}

export interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A small HTTP receiver for SenseOn's webhook deliveries and decision callbacks. */
export interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** The first delivery (already received or still to come) that `match` accepts. */
  waitFor(match: (delivery: Delivery) => boolean, timeoutMs?: number): Promise<Delivery>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const waiters: { match: (d: Delivery) => boolean; resolve: (d: Delivery) => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const delivery = {
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      deliveries.push(delivery);
      for (const waiter of [...waiters]) {
        if (waiter.match(delivery)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(delivery);
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    waitFor(match, timeoutMs = 10_000) {
      const already = deliveries.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('no matching delivery arrived')),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (d) => {
            clearTimeout(timer);
            resolve(d);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The parsed event of a delivery. */
export function eventOf(delivery: Delivery): {
  id: string;
  type: string;
  data: Record<string, unknown>;
} {
  return JSON.parse(delivery.body) as { id: string; type: string; data: Record<string, unknown> };
}

/**
 * A delivery as Zapier hands it to `perform`: the raw body as `rawRequest.content`, and the
 * headers in Zapier's CGI-like form (`Http-Webhook-Signature`), with the parsed body alongside.
 */
export function zapierRequest(delivery: Delivery) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(delivery.headers)) {
    if (typeof value !== 'string') continue;
    const cgi = name
      .split('-')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('-');
    headers[`Http-${cgi}`] = value;
  }
  return {
    rawRequest: { method: 'POST' as const, headers, content: delivery.body, querystring: '' },
    cleanedRequest: JSON.parse(delivery.body) as Record<string, unknown>,
  };
}

/** The same delivery with one byte of the body changed after signing. */
export function tampered(delivery: Delivery): Delivery {
  return { ...delivery, body: delivery.body.replace('"data":{', '"data":{"tampered":true,') };
}

/** The JSON Zapier puts in an AppError's message: `{message, code, status}`. */
export function appError(error: unknown): { message: string; code?: string; status?: number } {
  const raw = error instanceof Error ? error.message : String(error);
  try {
    return JSON.parse(raw) as { message: string; code?: string; status?: number };
  } catch {
    return { message: raw };
  }
}

/** Runs `fn` and returns what it threw; fails the test if it did not throw. */
export async function thrown(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but the call succeeded');
}
