/**
 * The Zapier app presents what the client core knows about a failure: the core's message with
 * its advice once, its code and status; a 429 handled once, as Zapier's ThrottledError with the
 * server's delay; and the core's one table of which inputs fill an API path.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApiError,
  INPUT_FIELDS_OF_API_PATH,
  SenseOnError,
  type SenseOnClient,
} from '@senseon/client';
import type { RunningSandbox } from '@senseon/sandbox';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { toZapierError } from '../src/errors';
import {
  App,
  appError,
  appTester,
  authFor,
  clientAs,
  startTestSandbox,
  thrown,
  type TokenName,
} from './helpers';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
const create = (key: keyof typeof App.creates) => App.creates[key].operation.perform as Perform;
const findCase = App.searches.find_case.operation.perform as Perform;

let sandbox: RunningSandbox;
let analyst: SenseOnClient;
let caseId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  analyst = clientAs(sandbox, 'analyst');
  caseId = (await analyst.cases.list({ limit: 1 })).data[0]!.id;
});
afterAll(() => sandbox.close());

/** What the core itself throws for a call: the advice the Zapier error must show once. */
async function coreError(call: Promise<unknown>): Promise<SenseOnError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SenseOnError)) throw new Error(`expected a SenseOnError: ${error}`);
  return error;
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

async function zapierFailure(perform: Perform, inputData: object, token: TokenName = 'analyst') {
  return thrown(() => appTester(perform, { authData: authFor(sandbox, token), inputData }));
}

describe('core errors in Zapier', () => {
  it('a 404 shows the id from the request and the core’s advice once', async () => {
    const core = await coreError(analyst.cases.update('case_nope404', { status: 'resolved' }));
    const error = appError(
      await zapierFailure(create('update_case'), { case_id: 'case_nope404', status: 'resolved' }),
    );
    expect(error).toMatchObject({ code: 'INVALID_CASE_ID', status: 404 });
    expect(error.message).toContain('case_nope404');
    expect(occurrences(error.message, core.advice!)).toBe(1);
    expect(error.message).toMatch(/\[request req_\w+\]$/);
  });

  it('a 403 names the missing scope in the core’s advice, once', async () => {
    const readonly = clientAs(sandbox, 'readonly');
    const core = await coreError(readonly.cases.update(caseId, { status: 'resolved' }));
    expect(core.advice).toContain('"cases:write"');
    const error = appError(
      await zapierFailure(
        create('update_case'),
        { case_id: caseId, status: 'resolved' },
        'readonly',
      ),
    );
    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(occurrences(error.message, core.advice!)).toBe(1);
  });

  it('a 401 is ExpiredAuthError with the core’s advice once', async () => {
    const token = 'senseon_pat_revokedOrNeverIssued000000000000000000000';
    const error = await thrown(() =>
      appTester(create('update_case'), {
        authData: { environment: 'sandbox', baseUrl: sandbox.url, token },
        inputData: { case_id: caseId, status: 'resolved' },
      }),
    );
    expect(error.name).toBe('ExpiredAuthError');
    const core = await coreError(
      clientAs(sandbox, 'analyst').cases.retrieve(caseId, { headers: { authorization: token } }),
    );
    // Zapier appends its own log of the step ("What happened:") to this error's message.
    const [shown] = error.message.split('\nWhat happened:');
    expect(occurrences(shown!, core.advice!)).toBe(1);
    expect(error.message).not.toContain(token);
  });

  it('bad input names the field by its label, with the core’s advice once', async () => {
    const error = appError(
      await zapierFailure(create('add_ioc'), {
        case_id: caseId,
        ioc_type: 'sha256',
        ioc_value: 'not-a-hash',
        justification: 'x',
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', status: 400 });
    expect(error.message).toMatch(/^Check your input: "IOC Value" \(ioc_value\)/);
    expect(occurrences(error.message, 'Correct this field: nothing was sent.')).toBe(1);
  });
});

describe('the one table of which inputs fill an API path', () => {
  /** Zapier's message for a 400 about `path`, in a step whose only input is the case. */
  const messageFor = (path: string) =>
    appTester(
      async (z: ZObject) =>
        toZapierError(
          z,
          ApiError.from(400, {
            error: {
              code: 'VALIDATION_ERROR',
              message: 'bad',
              details: [{ field: path, issue: 'is wrong' }],
            },
          }),
          { fields: [{ key: 'case_id', label: 'Case' }] },
        ).message,
      {},
    ).then((message) => appError(new Error(message as string)).message);

  it('is the core’s: an entry added there names the Zapier input at once', async () => {
    const table = INPUT_FIELDS_OF_API_PATH as Record<string, readonly string[]>;
    expect(await messageFor('target.case_ref')).toContain('"target.case_ref" is wrong');
    table['target.case_ref'] = ['case_id'];
    try {
      expect(await messageFor('target.case_ref')).toContain('"Case" (case_id) is wrong');
    } finally {
      delete table['target.case_ref'];
    }
  });
});

describe('a 429, handled once', () => {
  let server: Server;
  let url: string;
  let requests = 0;
  beforeAll(async () => {
    // SenseOn may give Retry-After as an HTTP date (RFC 9110), which z.request's own 429
    // handling reads as no delay at all; the core reads it.
    server = createServer((_req, res) => {
      requests++;
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': new Date(Date.now() + 40_000).toUTCString(),
        'x-request-id': 'req_throttled1',
      });
      res.end(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Slow down' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reaches the core as a response, and leaves as one ThrottledError with its delay', async () => {
    expect(App.flags?.throwForThrottlingEarly).toBe(false);
    const error = await thrown(() =>
      appTester(findCase, {
        authData: { environment: 'sandbox', baseUrl: url, token: 'tok_x' },
        inputData: { q: 'x' },
      }),
    );
    expect(error.name).toBe('ThrottledError');
    const { delay, message } = JSON.parse(error.message) as { delay: number; message: string };
    expect(delay).toBeGreaterThanOrEqual(39);
    expect(delay).toBeLessThanOrEqual(41);
    expect(message).toContain('[request req_throttled1]');
    expect(requests).toBe(1);
  });
});
