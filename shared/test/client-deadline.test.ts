import {
  ConnectionError,
  RateLimitError,
  runOperation,
  SenseOnClient,
  ServerError,
  SummaryTimeoutError,
  TimeoutError,
  type SenseOnClientOptions,
  type Transport,
  type TransportRequest,
} from '../src';
import { FakeApi, errorBody, type ScriptedResponse } from './helpers/fake-api';
import { aCase, aSummary, page } from './helpers/fixtures';

let api: FakeApi;
let slept: number[];

function clientFor(extra: Partial<SenseOnClientOptions> = {}) {
  return new SenseOnClient({
    baseUrl: api.baseUrl,
    token: 'tok_deadline_1234567890',
    rateLimit: false,
    sleep: async (ms) => void slept.push(ms),
    random: () => 1,
    ...extra,
  });
}

const failed = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as Error,
  );

const unavailable = (retryAfter: string): ScriptedResponse => ({
  status: 503,
  body: errorBody('SERVICE_UNAVAILABLE', 'busy for maintenance'),
  headers: { 'retry-after': retryAfter },
});

beforeEach(async () => {
  slept = [];
  api = await new FakeApi().start();
});
afterEach(() => api.stop());

describe('a deadline', () => {
  it('skips a retry whose Retry-After wait would end after it, throwing the 503 itself', async () => {
    api.reply(unavailable('3'), { status: 200, body: page([aCase()]) });
    const error = await failed(clientFor({ deadline: Date.now() + 2000 }).cases.list());
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toContain('503 SERVICE_UNAVAILABLE');
    expect(error.message).toContain('busy for maintenance');
    expect(api.requests).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('still makes a retry that ends before it', async () => {
    api.reply(unavailable('1'), { status: 200, body: page([aCase()]) });
    const found = await clientFor({ deadline: Date.now() + 5000 }).cases.list();
    expect(found.data).toHaveLength(1);
    expect(api.requests).toHaveLength(2);
    expect(slept).toEqual([1000]);
  });

  it('keeps the RateLimitError and its Retry-After when a 429 asks for longer than is left', async () => {
    const limited = {
      status: 429,
      body: errorBody('RATE_LIMITED', 'slow down'),
      headers: { 'retry-after': '30' },
    };
    api.reply(limited, { status: 200, body: page([]) });
    const error = await failed(clientFor({ deadline: Date.now() + 10_000 }).devices.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterSeconds).toBe(30);
    expect(api.requests).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('skips a backoff after a connection error that would cross it', async () => {
    const sent: TransportRequest[] = [];
    const transport: Transport = {
      send: async (request) => {
        sent.push(request);
        throw new ConnectionError('Could not reach SenseOn: ECONNRESET');
      },
    };
    const client = clientFor({
      transport,
      deadline: Date.now() + 1000,
      retry: { baseDelayMs: 5000 },
    });
    const error = await failed(client.cases.retrieve('case_1'));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('ECONNRESET');
    expect(sent).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('cuts each attempt’s timeout to the time left, and sends nothing once it has passed', async () => {
    const timeouts: number[] = [];
    const transport: Transport = {
      send: async (request) => {
        timeouts.push(request.timeoutMs);
        return { status: 200, headers: {}, body: JSON.stringify(page([])) };
      },
    };
    await clientFor({ transport, deadline: Date.now() + 1500 }).cases.list();
    expect(timeouts).toHaveLength(1);
    expect(timeouts[0]).toBeLessThanOrEqual(1500);
    expect(timeouts[0]).toBeGreaterThan(1000);

    const late = clientFor({ transport, deadline: Date.now() - 50 });
    const error = await failed(late.cases.list());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(/^GET \/cases was not sent: the deadline for this call passed/);
    expect(timeouts).toHaveLength(1);
  });

  it('can be given per call, over the client’s', async () => {
    api.reply(unavailable('3'));
    const error = await failed(clientFor().cases.list({}, { deadline: Date.now() + 2000 }));
    expect(error).toBeInstanceOf(ServerError);
    expect(api.requests).toHaveLength(1);
  });

  it('leaves a client without one as it was: Retry-After obeyed up to the cap', async () => {
    api.reply(unavailable('3'), { status: 200, body: page([]) });
    await clientFor().cases.list();
    expect(slept).toEqual([3000]);
  });

  it('must be a whole number of epoch milliseconds', () => {
    expect(() => clientFor({ deadline: 1.5 })).toThrow(/deadline/);
  });
});

describe('the summary wait', () => {
  const accepted = {
    status: 202,
    body: { case_id: 'case_123', status: 'generating', requested_at: '2026-11-23T18:04:00Z' },
  };
  const generating = { status: 200, body: aSummary({ status: 'generating', text: 'old text' }) };

  it('stops polling at the deadline', async () => {
    api.reply(accepted);
    api.handle(() => generating);
    const client = clientFor({ deadline: Date.now() + 3500 });
    const error = await failed(
      client.cases.generateSummaryAndWait('case_123', { pollIntervalMs: 1000 }),
    );
    expect(error).toBeInstanceOf(SummaryTimeoutError);
    expect(slept).toEqual([1000, 1000, 1000]);
  });

  it('returns the summary still generating with onTimeout "return"', async () => {
    api.reply(accepted, { status: 404, body: errorBody('NOT_FOUND', 'none yet') });
    api.handle(() => generating);
    const summary = await clientFor().cases.generateSummaryAndWait('case_123', {
      timeoutMs: 2000,
      onTimeout: 'return',
    });
    expect(summary).toMatchObject({ case_id: 'case_123', status: 'generating', text: 'old text' });
    expect(slept).toEqual([1000, 1000]);
  });

  it('marks an older ready summary as generating, and makes an empty one if there was none', async () => {
    const older = aSummary({ generated_at: '2026-11-23T17:00:00Z', text: 'older' });
    api.reply(accepted, { status: 200, body: older });
    const stale = await clientFor().cases.generateSummaryAndWait('case_123', {
      timeoutMs: 500,
      onTimeout: 'return',
    });
    expect(stale).toMatchObject({ status: 'generating', text: 'older' });

    api.reply(accepted, { status: 404, body: errorBody('NOT_FOUND', 'none yet') });
    const none = await clientFor().cases.generateSummaryAndWait('case_123', {
      timeoutMs: 500,
      onTimeout: 'return',
    });
    expect(none).toEqual({
      case_id: 'case_123',
      status: 'generating',
      text: null,
      severity_assessment: null,
      recommended_actions: [],
      generated_at: null,
      model: null,
    });
  });

  it('Generate AI Case Summary clamps the input to a platform’s longest wait', async () => {
    api.reply(accepted);
    api.handle(() => generating);
    const out = await runOperation(
      'case.generateSummary',
      clientFor(),
      { case_id: 'case_123', timeout_seconds: 120 },
      { summaryWait: { maxTimeoutMs: 3000, onTimeout: 'return' } },
    );
    expect(out).toMatchObject({ status: 'generating' });
    expect((out as { summary: string }).summary).toContain('still being generated');
    expect(slept).toEqual([1000, 1000, 1000]);
  });

  it('Generate AI Case Summary without a platform bound waits as asked and fails (n8n)', async () => {
    api.reply(accepted);
    api.handle(() => generating);
    const error = await failed(
      runOperation('case.generateSummary', clientFor(), {
        case_id: 'case_123',
        timeout_seconds: 5,
      }),
    );
    expect(error).toBeInstanceOf(SummaryTimeoutError);
    expect(slept).toHaveLength(5);
  });
});
