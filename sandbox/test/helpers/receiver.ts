import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as it arrived: signatures are over these bytes. */
  body: string;
  at: number;
}

/** What the receiver answers to the n-th request (0-based); default 200. */
export type Responder = (request: ReceivedRequest, index: number) => number | Promise<number>;

export interface Receiver {
  url: string;
  port: number;
  received: ReceivedRequest[];
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  waitUntil(match: (r: ReceivedRequest) => boolean, timeoutMs?: number): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1 that records every request; the test decides its answers. */
export async function startReceiver(respond: Responder = () => 200, port = 0): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const listeners = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const index = received.length;
      received.push(request);
      for (const listener of listeners) listener();
      void Promise.resolve(respond(request, index)).then((status) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  const waitUntil = (match: (r: ReceivedRequest) => boolean, timeoutMs = 10_000) =>
    new Promise<ReceivedRequest>((resolve, reject) => {
      const check = () => {
        const found = received.find(match);
        if (!found) return false;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(
          new Error(
            `receiver: no matching request within ${timeoutMs} ms (${received.length} received)`,
          ),
        );
      }, timeoutMs);
      if (!check()) listeners.add(check);
    });
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    received,
    waitUntil,
    async waitFor(count, timeoutMs = 10_000) {
      await waitUntil(() => received.length >= count, timeoutMs);
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
