import { createAdaptorServer } from '@hono/node-server';

/** One request as it reached the receiver: the exact bytes and the headers, lower-case. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  rawBody: Buffer;
}

export interface ReceiverAnswer {
  status: number;
  body: unknown;
}

export type ReceiverHandler = (request: ReceivedRequest) => Promise<ReceiverAnswer>;

export interface Receiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A small HTTP server on 127.0.0.1 standing in for n8n's webhook endpoints: SenseOn (the
 * sandbox) delivers webhooks and decision callbacks to it over real HTTP, and `handler` passes
 * them to the node under test.
 */
export async function startReceiver(handler: ReceiverHandler): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const server = createAdaptorServer({
    fetch: async (request: Request) => {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const incoming: ReceivedRequest = {
        method: request.method,
        path: new URL(request.url).pathname,
        headers,
        rawBody: Buffer.from(await request.arrayBuffer()),
      };
      received.push(incoming);
      const answer = await handler(incoming);
      return Response.json(answer.body ?? {}, { status: answer.status });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('harness: receiver has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
