import {
  ConnectionError,
  MAX_RATE_LIMIT_RETRIES,
  RateLimitError,
  RequestAbortedError,
  SenseOnClient,
  ServerError,
  TimeoutError,
  type Transport,
  type TransportRequest,
} from '../src';
import { FakeApi, errorBody } from './helpers/fake-api';
import { aCase, anAction, page } from './helpers/fixtures';

let api: FakeApi;
let slept: number[];

function clientFor(
  baseUrl: string,
  extra: Partial<ConstructorParameters<typeof SenseOnClient>[0]> = {},
) {
  return new SenseOnClient({
    baseUrl,
    token: 'tok_retries_1234567890',
    rateLimit: false,
    sleep: async (ms) => void slept.push(ms),
    random: () => 1,
    ...extra,
  });
}

const unavailable = { status: 503, body: errorBody('SERVICE_UNAVAILABLE', 'busy') };
const isolate = {
  type: 'isolate_device',
  target: { device_id: 'dev_4' },
  justification: 'Ransomware spreading',
} as const;

beforeEach(async () => {
  slept = [];
  api = await new FakeApi().start();
});
afterEach(() => api.stop());

describe('retries', () => {
  it('retries a GET on 503 and 504 with exponential backoff', async () => {
    api.reply(
      unavailable,
      { status: 504, body: errorBody('GATEWAY_TIMEOUT', 'slow') },
      { status: 200, body: page([aCase()]) },
    );
    const first = await clientFor(api.baseUrl).cases.list();
    expect(first.data).toHaveLength(1);
    expect(api.requests).toHaveLength(3);
    expect(slept).toEqual([500, 1000]);
  });

  it('honours Retry-After on 429, counted apart from maxRetries, and gives up after MAX_RATE_LIMIT_RETRIES', async () => {
    const limited = {
      status: 429,
      body: errorBody('RATE_LIMITED', 'slow down'),
      headers: { 'retry-after': '3' },
    };
    // A 429 is a wait for the budget, not a failure: maxRetries: 2 does not end it after two.
    api.reply(...Array.from({ length: MAX_RATE_LIMIT_RETRIES + 1 }, () => limited));
    const error = await clientFor(api.baseUrl, { maxRetries: 2 })
      .devices.list()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterSeconds).toBe(3);
    expect(api.requests).toHaveLength(MAX_RATE_LIMIT_RETRIES + 1);
    expect(slept).toEqual(Array.from({ length: MAX_RATE_LIMIT_RETRIES }, () => 3000));
  });

  it('retries a 500 on a read, until the retries run out', async () => {
    const bug = { status: 500, body: errorBody('INTERNAL_SERVER_ERROR', 'bug') };
    api.reply(bug, bug, bug, bug);
    await expect(clientFor(api.baseUrl).cases.retrieve('case_1')).rejects.toBeInstanceOf(
      ServerError,
    );
    expect(api.requests).toHaveLength(4);
    expect(slept).toHaveLength(3);
  });

  it('does not retry a 4xx, or when maxRetries is 0', async () => {
    api.reply({ status: 404, body: errorBody('INVALID_CASE_ID', 'no') });
    await expect(clientFor(api.baseUrl).cases.retrieve('case_1')).rejects.toThrow(/case_1/);
    api.reply(unavailable);
    await expect(
      clientFor(api.baseUrl).cases.retrieve('case_1', { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(ServerError);
    expect(api.requests).toHaveLength(2);
    expect(slept).toEqual([]);
  });

  it('retries the POST /cases list form, which only reads', async () => {
    api.reply(unavailable, { status: 200, body: page([]) });
    await clientFor(api.baseUrl).cases.search({ q: 'ransomware' });
    expect(api.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });

  it('gives every write an Idempotency-Key of its own, so a failed write is retried with it', async () => {
    api.reply(unavailable, unavailable, unavailable, unavailable, unavailable);
    await expect(
      clientFor(api.baseUrl).cases.addComment('case_1', { body: 'note' }),
    ).rejects.toBeInstanceOf(ServerError);
    const keys = api.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(4);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    await expect(
      clientFor(api.baseUrl).cases.addComment('case_1', { body: 'note' }),
    ).rejects.toBeInstanceOf(ServerError);
    expect(api.requests[4]?.headers['idempotency-key']).not.toBe(keys[0]);
  });

  it('retries a POST that carries an Idempotency-Key, sending the same key every time', async () => {
    api.reply(unavailable, unavailable, {
      status: 201,
      body: {
        id: 'cmt_1',
        case_id: 'case_1',
        body: 'note',
        author: { principal: 'a', origin: 'human' },
        created_at: '2026-11-23T18:00:00Z',
      },
    });
    await clientFor(api.baseUrl).cases.addComment(
      'case_1',
      { body: 'note' },
      { idempotencyKey: 'note-42' },
    );
    expect(api.requests.map((r) => r.headers['idempotency-key'])).toEqual([
      'note-42',
      'note-42',
      'note-42',
    ]);
  });

  it('gives every response action request its own key, reused across its retries', async () => {
    api.reply(unavailable, { status: 202, body: anAction() }, { status: 202, body: anAction() });
    const client = clientFor(api.baseUrl);
    await client.actions.request('case_123', isolate);
    await client.actions.request('case_123', isolate);
    const keys = api.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    api.reply({ status: 202, body: anAction() });
    await client.actions.request('case_123', isolate, { idempotencyKey: 'mine' });
    expect(api.requests.at(-1)?.headers['idempotency-key']).toBe('mine');
  });

  it('retries an approval or rejection after a lost answer with the same key', async () => {
    const decided = anAction({ status: 'approved' });
    api.reply(unavailable, { status: 200, body: decided }, unavailable, {
      status: 200,
      body: decided,
    });
    const client = clientFor(api.baseUrl);
    await client.actions.approve('act_1');
    await client.actions.reject('act_2', { reason: 'false positive' });
    const keys = api.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(4);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[3]).toBe(keys[2]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('retries a keyless POST on 429 only, since a rate-limited request never ran', async () => {
    api.reply(
      { status: 429, body: errorBody('RATE_LIMITED', 'slow'), headers: { 'retry-after': '1' } },
      { status: 202, body: anAction({ status: 'approved' }) },
    );
    await clientFor(api.baseUrl).actions.approve('act_9', { comment: 'ok' });
    expect(api.requests).toHaveLength(2);
    expect(slept).toEqual([1000]);
  });
});

describe('no response', () => {
  it('retries a connection error for a GET, then reports it', async () => {
    const base = api.baseUrl;
    await api.stop();
    const error = await clientFor(base)
      .devices.list()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ConnectionError);
    // The last attempt's error, in the words of the base URL the user gave.
    expect((error as Error).message).toContain(
      `Nothing answered at ${base}: the connection was refused.`,
    );
    expect((error as ConnectionError).systemCode).toBe('ECONNREFUSED');
    expect(slept).toEqual([500, 1000, 2000]);
    api = await new FakeApi().start();
  });

  it('times out a hanging request with a TimeoutError, retried like a connection error', async () => {
    api.reply({ status: 200, hang: true }, { status: 200, body: page([]) });
    const first = await clientFor(api.baseUrl, { timeoutMs: 100 }).devices.list();
    expect(first.data).toEqual([]);
    expect(api.requests).toHaveLength(2);
    api.reply({ status: 200, hang: true });
    const error = await clientFor(api.baseUrl, { timeoutMs: 100, maxRetries: 0 })
      .devices.list()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as TimeoutError).timeoutMs).toBe(100);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const controller = new AbortController();
    const seen: TransportRequest[] = [];
    const transport: Transport = {
      send: async (request) => {
        seen.push(request);
        controller.abort();
        throw new ConnectionError('reset');
      },
    };
    const client = clientFor('http://127.0.0.1:9/v1', { transport });
    await expect(
      client.devices.list(undefined, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(RequestAbortedError);
    expect(seen).toHaveLength(1);
  });
});
