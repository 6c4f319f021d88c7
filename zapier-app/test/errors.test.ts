import type { SenseOnClient } from '@senseon/client';
import type { RunningSandbox } from '@senseon/sandbox';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  App,
  appError,
  appTester,
  authFor,
  clientAs,
  devicePool,
  startTestSandbox,
  thrown,
} from './helpers';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
const perform = (key: keyof typeof App.creates) => App.creates[key].operation.perform as Perform;

let sandbox: RunningSandbox;
let analyst: SenseOnClient;
let caseId: string;
let nextDevice: () => Promise<string>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  analyst = clientAs(sandbox, 'analyst');
  const [open] = await analyst.cases.list({ status: ['open'], limit: 1 }).collect({ limit: 1 });
  caseId = open!.id;
  nextDevice = devicePool(analyst);
});
afterAll(() => sandbox.close());

const run = (
  key: keyof typeof App.creates,
  inputData: Record<string, unknown>,
  token = 'analyst',
) =>
  appTester(perform(key), { authData: authFor(sandbox, token), inputData }) as Promise<
    Record<string, unknown> & { id: string }
  >;

describe('errors a Zap user sees', () => {
  it('a missing id names the field', async () => {
    const error = await thrown(() => run('add_case_comment', { case_id: '', body: 'hello' }));
    expect(appError(error)).toMatchObject({ code: 'INVALID_INPUT', status: 400 });
    expect(appError(error).message).toContain('"Case" (case_id)');
  });

  it('an unknown case says nothing was found for that id', async () => {
    const error = await thrown(() =>
      run('update_case', { case_id: 'case_doesnotexist0', status: 'resolved' }),
    );
    expect(appError(error)).toMatchObject({ code: 'INVALID_CASE_ID', status: 404 });
    expect(appError(error).message).toContain('case_doesnotexist0');
  });

  it('an IOC that is not a valid hash names the IOC value and the rule, before anything is sent', async () => {
    const error = await thrown(() =>
      run('add_ioc', {
        case_id: caseId,
        ioc_type: 'sha256',
        ioc_value: 'not-a-hash',
        justification: 'x',
      }),
    );
    expect(appError(error)).toMatchObject({ status: 400 });
    expect(appError(error).message).toContain('"IOC Value" (ioc_value)');
    expect(appError(error).message).toMatch(/sha256/);
  });

  it('approving your own request is refused', async () => {
    const requested = await run(
      'isolate_device',
      { case_id: caseId, device_id: await nextDevice(), justification: 'self-approval test' },
      'admin',
    );
    const error = await thrown(() => run('approve_action', { action_id: requested.id }, 'admin'));
    expect(appError(error)).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(appError(error).message).toMatch(/requester|own/i);
  });

  it('deciding an action that is already decided is a conflict', async () => {
    const requested = await run('isolate_device', {
      case_id: caseId,
      device_id: await nextDevice(),
      justification: 'double decision test',
    });
    await run('reject_action', { action_id: requested.id, reason: 'no' }, 'approver');
    const error = await thrown(() =>
      run('approve_action', { action_id: requested.id }, 'approver'),
    );
    expect(appError(error)).toMatchObject({ code: 'CONFLICT', status: 409 });
    expect(appError(error).message).toMatch(/already|not pending|rejected/i);
  });

  it('approving containment of a crown-jewel device asks for step-up', async () => {
    const devices = await analyst.devices.list({ status: 'online', limit: 1000 }).collect();
    const crownJewel = devices.find((d) => d.criticality === 'crown_jewel');
    expect(crownJewel).toBeDefined();
    const requested = await run('isolate_device', {
      case_id: caseId,
      device_id: crownJewel!.id,
      justification: 'step-up test',
    });
    const error = await thrown(() =>
      run('approve_action', { action_id: requested.id }, 'approver'),
    );
    expect(appError(error)).toMatchObject({ code: 'STEP_UP_REQUIRED', status: 428 });
    expect(appError(error).message).toContain('actions:approve_critical');
  });

  it('a 401 is ExpiredAuthError asking for a new token, and never shows the token', async () => {
    const token = 'senseon_pat_expiredOrRevoked0000000000000000000000000';
    const error = await thrown(() =>
      appTester(perform('update_case'), {
        authData: { environment: 'sandbox', baseUrl: sandbox.url, token },
        inputData: { case_id: caseId, status: 'resolved' },
      }),
    );
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/new personal access token/);
    expect(error.message).not.toContain(token);
  });

  it('an unreachable base URL says so and points at the connection', async () => {
    const error = await thrown(() =>
      appTester(App.authentication!.test as Perform, {
        authData: {
          environment: 'sandbox',
          baseUrl: 'http://127.0.0.1:9/v1',
          token: sandbox.tokens.analyst,
        },
      }),
    );
    expect(appError(error)).toMatchObject({ code: 'CONNECTION_ERROR' });
    expect(appError(error).message).toContain(
      'Nothing answered at http://127.0.0.1:9/v1: the connection was refused.',
    );
    expect(appError(error).message).toMatch(/host and the port .* running there/);
    expect(appError(error).message).not.toContain(sandbox.tokens.analyst);
  });

  it('a base URL without /v1 names the base URL in the auth test, not an id', async () => {
    const base = sandbox.url.replace(/\/v1$/, '');
    const error = await thrown(() =>
      appTester(App.authentication!.test as Perform, {
        authData: { environment: 'sandbox', baseUrl: base, token: sandbox.tokens.analyst },
      }),
    );
    expect(appError(error)).toMatchObject({ code: 'WRONG_BASE_URL', status: 404 });
    expect(appError(error).message).toContain(
      `The base URL ${base} did not answer like the SenseOn API`,
    );
    expect(appError(error).message.match(/should end in \/v1/g)).toHaveLength(1);
    expect(appError(error).message).not.toContain(sandbox.tokens.analyst);
  });

  it('a 403 names the missing scope', async () => {
    const error = await thrown(() =>
      run('update_case', { case_id: caseId, status: 'resolved' }, 'readonly'),
    );
    expect(appError(error)).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(appError(error).message).toContain('cases:write');
    expect(appError(error).message).not.toContain(sandbox.tokens.readonly);
  });
});

describe('throttling', () => {
  let limited: RunningSandbox;
  beforeAll(async () => {
    limited = await startTestSandbox({ rateLimit: 2, rateWindowSeconds: 30 });
  });
  afterAll(() => limited.close());

  it('a 429 becomes Zapier’s ThrottledError with the server’s delay', async () => {
    const auth = { environment: 'sandbox', baseUrl: limited.url, token: limited.tokens.analyst };
    const findCase = App.searches.find_case.operation.perform as Perform;
    let error: Error | undefined;
    for (let i = 0; i < 5 && !error; i++) {
      try {
        await appTester(findCase, { authData: auth, inputData: { q: 'anything' } });
      } catch (caught) {
        error = caught as Error;
      }
    }
    expect(error?.name).toBe('ThrottledError');
    const { delay } = JSON.parse(error!.message) as { delay: number };
    expect(delay).toBeGreaterThan(0);
    expect(delay).toBeLessThanOrEqual(30);
  });
});
