/**
 * Answers lost after the server committed, as a proxy or load balancer loses them: the sandbox
 * stores the write, and the client sees a 500/503 instead of its answer. Every write the core
 * sends carries an `Idempotency-Key`, so the client's retry replays the stored answer: nothing is
 * reported as failed that was stored, and nothing is written twice. A 500 on a read is retried
 * too, so a long walk over pages does not die part-way.
 */
import { SenseOnClient } from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

let sandbox: RunningSandbox;
let proxy: Server;
let proxyUrl: string;
/** How many more answers of each method the proxy replaces with this status, after forwarding. */
const lose: { method: string; status: number; remaining: number } = {
  method: 'POST',
  status: 503,
  remaining: 0,
};
let forwarded = 0;

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += (chunk as Buffer).toString();
  return body;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, summaryDelayMs: 20, actionExecutionMs: 10 });
  const upstream = new URL(sandbox.url);
  proxy = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length') {
          headers.set(name, value);
        }
      }
      const answer = await fetch(`${upstream.origin}${req.url}`, {
        method: req.method,
        headers,
        body: body === '' ? undefined : body,
      });
      const text = await answer.text();
      forwarded++;
      // The server has answered, so whatever it did is committed; the client never learns it.
      if (req.method === lose.method && lose.remaining > 0) {
        lose.remaining--;
        res.writeHead(lose.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'lost' } }));
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(text);
    })();
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await sandbox.close();
});

const clientVia = (baseUrl: string) =>
  new SenseOnClient({
    baseUrl,
    token: sandbox.tokens.analyst,
    rateLimit: false,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });

async function firstCaseId(): Promise<string> {
  const page = await clientVia(sandbox.url).cases.list({ limit: 1 });
  const first = page.data[0];
  if (!first) throw new Error('the seed has no case');
  return first.id;
}

it('a comment whose answer is lost after it was stored is reported once and stored once', async () => {
  const caseId = await firstCaseId();
  const direct = clientVia(sandbox.url);
  const before = (await direct.cases.listComments(caseId)).data.length;
  const body = `lost-answer check ${Date.now()}`;
  Object.assign(lose, { method: 'POST', status: 503, remaining: 1 });
  const comment = await clientVia(proxyUrl).cases.addComment(caseId, { body });
  expect(comment.body).toBe(body);
  expect(lose.remaining).toBe(0);
  const after = (await direct.cases.listComments(caseId)).data;
  expect(after.length).toBe(before + 1);
  expect(after.filter((c) => c.body === body)).toHaveLength(1);
});

it('a 500 on a read is retried, so a walk over pages goes on', async () => {
  Object.assign(lose, { method: 'GET', status: 500, remaining: 1 });
  const start = forwarded;
  const page = await clientVia(proxyUrl).observations.list({ limit: 5 });
  expect(page.data).toHaveLength(5);
  expect(forwarded - start).toBe(2);
});
