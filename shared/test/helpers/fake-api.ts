import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer (to provoke a timeout). */
  hang?: boolean;
}

type Handler = (request: RecordedRequest) => ScriptedResponse;

/**
 * A scripted HTTP server on 127.0.0.1: each request gets the next scripted answer (or the
 * handler's). It stands in for the API only where the test needs a precise wire behaviour.
 */
export class FakeApi {
  readonly requests: RecordedRequest[] = [];
  private readonly script: ScriptedResponse[] = [];
  private handler: Handler | undefined;
  private server: Server | undefined;
  private readonly hanging = new Set<import('node:http').ServerResponse>();
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const recorded = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(recorded);
        const answer = this.script.shift() ??
          this.handler?.(recorded) ?? { status: 500, body: { error: 'unscripted' } };
        if (answer.hang) {
          this.hanging.add(res);
          return;
        }
        const text =
          answer.body === undefined
            ? ''
            : typeof answer.body === 'string'
              ? answer.body
              : JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          'content-type': 'application/json',
          'x-request-id': `req_${this.requests.length}`,
          ...answer.headers,
        });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/v1`;
    return this;
  }

  reply(...answers: ScriptedResponse[]): this {
    this.script.push(...answers);
    return this;
  }

  handle(handler: Handler): this {
    this.handler = handler;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

export const errorBody = (code: string, message: string, details?: unknown[]) => ({
  error: { code, message, ...(details ? { details } : {}) },
  request_id: 'req_body',
});
