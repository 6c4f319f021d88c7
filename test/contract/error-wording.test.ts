/**
 * Issue 12: what the core's errors say when the base URL is wrong, when a case has no summary
 * yet, and when nothing listens at the base URL. Both connectors show these words, so they are
 * checked here once, through `SenseOnClient` against a real sandbox over HTTP.
 */
import {
  ConnectionError,
  NotFoundError,
  SenseOnClient,
  SenseOnError,
  type SenseOnClientOptions,
} from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

let sandbox: RunningSandbox;
let caseId: string;

function client(options: Partial<SenseOnClientOptions> = {}): SenseOnClient {
  return new SenseOnClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.analyst!,
    rateLimit: false,
    maxRetries: 0,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<SenseOnError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SenseOnError);
  return error as SenseOnError;
}

/** The advice is said once, and the token never. */
function expectClean(error: SenseOnError): void {
  expect(error.message).not.toContain(sandbox.tokens.analyst!);
  expect(error.advice).toBeTruthy();
  expect(error.message.split(error.advice!).length).toBe(2);
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, summaryDelayMs: 20 });
  const page = await client().cases.list({ limit: 1 });
  caseId = page.data[0]!.id;
});
afterAll(() => sandbox.close());

describe('a base URL that is not the API', () => {
  it('without /v1, a 404 outside the envelope names the base URL, not the id', async () => {
    const base = sandbox.url.replace(/\/v1$/, '');
    const error = await failure(client({ baseUrl: base }).cases.retrieve(caseId));
    expect(error.status).toBe(404);
    expect(error.code).toBe('WRONG_BASE_URL');
    expect(error.problem).toContain(`The base URL ${base} did not answer like the SenseOn API`);
    expect(error.advice).toMatch(/should end in \/v1/);
    expect(error.message).not.toMatch(/Check the id/);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expectClean(error);
  });

  it('an HTML page (a proxy, a web server) says the same', async () => {
    const html: Server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><h1>Not Found</h1></html>');
    });
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
    try {
      const error = await failure(client({ baseUrl: base }).cases.retrieve(caseId));
      expect(error.code).toBe('WRONG_BASE_URL');
      expect(error.problem).toContain(`The base URL ${base} did not answer like the SenseOn API`);
      expectClean(error);
    } finally {
      await new Promise((resolve) => html.close(resolve));
    }
  });

  it('a web page answering 200 (HTML, not JSON) says the same', async () => {
    const page: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Welcome</p>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
    try {
      const error = await failure(client({ baseUrl: base }).me());
      expect(error.code).toBe('WRONG_BASE_URL');
      expect(error.problem).toContain(
        `The base URL ${base.replace(/\/$/, '')} did not answer like the SenseOn API`,
      );
      expect(error.advice).toMatch(/should end in \/v1/);
      expectClean(error);
    } finally {
      await new Promise((resolve) => page.close(resolve));
    }
  });

  it('a 404 in the envelope is still about the id', async () => {
    const error = await failure(client().cases.retrieve('case_nothere1'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe('INVALID_CASE_ID');
    expect(error.message).toMatch(/case_nothere1/);
  });
});

it('a case with no summary yet says so, and to run Generate AI Case Summary', async () => {
  const error = await failure(client().cases.retrieveSummary(caseId));
  expect(error).toBeInstanceOf(NotFoundError);
  expect(error.problem).toMatch(new RegExp(`Case ${caseId} has no AI summary yet`));
  expect(error.advice).toMatch(/Generate AI Case Summary/);
  expect(error.message).not.toMatch(/Check the id/);
  expectClean(error);
});

it('nothing listening at the base URL: says so, and what to check', async () => {
  const closed: Server = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const base = `http://127.0.0.1:${port}/v1`;
  const error = await failure(client({ baseUrl: base }).me());
  expect(error).toBeInstanceOf(ConnectionError);
  expect(error.problem).toContain(`Nothing answered at ${base}`);
  expect(error.advice).toMatch(/host.*port.*running/);
  expectClean(error);
});
