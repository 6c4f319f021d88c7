/**
 * The n8n package presents what the client core knows about a failure, from real sandbox
 * answers: the id of a 404, the scope of a 403, the field of a 400, the request id; the core's
 * advice once; and every wait through n8n-workflow's `sleep` (the injected platform).
 */
import {
  INPUT_FIELDS_OF_API_PATH,
  NotFoundError,
  PermissionError,
  SenseOnError,
  ValidationError,
} from '@senseon/client';
import { sleep as n8nSleep, type IExecuteFunctions, type INode } from 'n8n-workflow';
import { fieldNamer, findNodeOperation } from '../nodes/SenseOn/actions/operations';
import { errorItemJson, toNodeError } from '../nodes/SenseOn/errors/node-error';
import { senseOnClient, USER_AGENT } from '../nodes/SenseOn/transport/client';
import { authenticatedRequester, type SentRequest } from './harness/http';
import { startTestSandbox, type TestSandbox, type TokenName } from './harness/sandbox';

// Only the sleep is replaced, to see that the core waits through n8n's function.
jest.mock('n8n-workflow', () => ({
  ...jest.requireActual<object>('n8n-workflow'),
  sleep: jest.fn(async () => undefined),
}));
const sleep = jest.mocked(n8nSleep);

const node = { name: 'SenseOn', type: 'n8n-nodes-senseon.senseOn' } as INode;
let sb: TestSandbox;
let caseId: string;

beforeAll(async () => {
  sb = await startTestSandbox();
  const [first] = (await sb.client('admin').cases.list({ limit: 1 })).data;
  caseId = first!.id;
});
afterEach(() => sb.sandbox.setFaults(null));
afterAll(() => sb.close());

/** The n8n client exactly as the nodes build it, over the harness's n8n HTTP helper. */
function n8nClient(token: TokenName, sent: SentRequest[] = []) {
  const credentials = sb.credential(token);
  const context = {
    getNode: () => node,
    getCredentials: async () => credentials,
    helpers: { httpRequestWithAuthentication: authenticatedRequester(node, credentials, sent) },
  } as unknown as IExecuteFunctions;
  return senseOnClient(context);
}

async function failure(call: Promise<unknown>): Promise<SenseOnError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof SenseOnError)) throw new Error(`expected a SenseOnError, got ${error}`);
  return error;
}

/** The advice appears once in all the user reads of the n8n error, and ends its description. */
function expectAdviceOnce(error: SenseOnError) {
  const mapped = toNodeError(node, error, 0);
  expect(error.advice).toBeTruthy();
  const shown = [mapped.message, mapped.description, ...(mapped.messages ?? [])].join('\n');
  expect(shown.split(error.advice!)).toHaveLength(2);
  expect(mapped.description?.endsWith(error.advice!)).toBe(true);
  expect(mapped.message).toContain(error.requestId!);
  return mapped;
}

describe('errors as data, from the sandbox', () => {
  it('a 404 carries the id it was about, from the request', async () => {
    const client = await n8nClient('analyst');
    const error = await failure(client.cases.retrieve('case_nope404'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'INVALID_CASE_ID' });
    expect((error as NotFoundError).resourceId).toBe('case_nope404');
    expect(error.requestId).toMatch(/^req_/);
    expectAdviceOnce(error);
    expect(errorItemJson(error)).toMatchObject({
      status: 404,
      resource_id: 'case_nope404',
      request_id: error.requestId,
      advice: error.advice,
    });
  });

  it('a 403 carries the scope the endpoint needs', async () => {
    const client = await n8nClient('readonly');
    const error = await failure(client.cases.update(caseId, { status: 'closed' }));
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).missingScope).toBe('cases:write');
    const mapped = expectAdviceOnce(error);
    expect(mapped.description).toContain('"cases:write"');
    expect(errorItemJson(error)).toMatchObject({ missing_scope: 'cases:write' });
  });

  it('a 400 only the server can judge carries the field it names', async () => {
    const client = await n8nClient('admin');
    const error = await failure(
      client.pats.create({
        name: 'late',
        expiry_at: '2020-01-01T00:00:00Z',
        scopes: ['cases:read'],
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('expiry_at');
    const mapped = expectAdviceOnce(error);
    expect(mapped.message).toMatch(/^expiry_at: /);
  });
});

describe('the injected platform', () => {
  it('waits out a 503 through n8n-workflow’s sleep, and names no runtime in the User-Agent', async () => {
    sleep.mockClear();
    sb.sandbox.setFaults({ errorRate: 1, codes: [503], retryAfterSeconds: 2 });
    const sent: SentRequest[] = [];
    const client = await n8nClient('analyst', sent);
    const error = await failure(client.cases.retrieve(caseId));
    expect(error.status).toBe(503);
    expect(sleep.mock.calls).toEqual([[2000], [2000], [2000]]);
    expect(sent).toHaveLength(4);
    const agent = Object.entries(sent[0]!.headers).find(([n]) => n.toLowerCase() === 'user-agent');
    expect(agent?.[1]).toMatch(new RegExp(`^senseon-client/\\S+ ${USER_AGENT}$`));
  });
});

describe('the one table of which inputs fill an API path', () => {
  it('is the core’s: an entry added there names the n8n field at once', () => {
    const name = fieldNamer(findNodeOperation('case', 'addComment'));
    const table = INPUT_FIELDS_OF_API_PATH as Record<string, readonly string[]>;
    expect(name('target.case_ref')).toBe('target.case_ref');
    table['target.case_ref'] = ['case_id'];
    try {
      expect(name('target.case_ref')).toBe('Case');
    } finally {
      delete table['target.case_ref'];
    }
  });
});
