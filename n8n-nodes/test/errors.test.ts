import type { Case } from '@senseon/client';
import { randomUUID } from 'node:crypto';
import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { runExecute } from './harness/execute-context';
import { byId } from './harness/parameters';
import { startReceiver } from './harness/receiver';
import { startTestSandbox, type TestSandbox, type TokenName } from './harness/sandbox';

/** What users see when something fails: the API's message, the field, never the token. */
describe('SenseOn node errors', () => {
  const node = new SenseOn().getNodeType();
  let sb: TestSandbox;
  let cases: Case[];

  beforeAll(async () => {
    sb = await startTestSandbox();
    cases = await sb.client('admin').cases.list({ limit: 100 }).collect();
  });
  afterAll(() => sb.close());

  async function failure(parameters: IDataObject, token: TokenName = 'analyst') {
    const error = await runExecute({
      nodeType: node,
      parameters: parameters as never,
      credentials: sb.credential(token),
    }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) {
      throw new Error(`expected an n8n node error, got ${String(error)}`);
    }
    // The token never appears, however the error is shown or logged.
    const everything = JSON.stringify({
      message: error.message,
      description: error.description,
      context: error.context,
      json: error,
    });
    expect(everything).not.toContain(sb.sandbox.tokens[token]!);
    return error;
  }

  it('an unknown case is a NodeApiError with the API message and the item', async () => {
    const error = await failure({ resource: 'case', operation: 'get', case_id: byId('case_nope') });
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toContain('case_nope');
    expect((error as NodeApiError).httpCode).toBe('404');
    expect(error.context.itemIndex).toBe(0);
    expect(error.description).toMatch(/tenant/);
  });

  it('a base URL without /v1 names the base URL, not the id (advice once)', async () => {
    const base = sb.sandbox.url.replace(/\/v1$/, '');
    const error = await runExecute({
      nodeType: node,
      parameters: { resource: 'case', operation: 'get', case_id: byId(cases[0]!.id) },
      credentials: { ...sb.credential('analyst'), baseUrl: base },
    }).then(
      () => undefined,
      (thrown: Error) => thrown,
    );
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error!.message).toContain(`The base URL ${base} did not answer like the SenseOn API`);
    expect(error!.message).not.toMatch(/Nothing found/);
    const description = (error as NodeApiError).description ?? '';
    expect(description.match(/should end in \/v1/g)).toHaveLength(1);
    expect(JSON.stringify(error)).not.toContain(sb.sandbox.tokens.analyst!);
  });

  it('a case with no AI summary says to run Generate AI Case Summary', async () => {
    const admin = sb.client('admin');
    const noSummary = cases.find((c) => !c.ai_summary)!;
    await expect(admin.cases.retrieveSummary(noSummary.id)).rejects.toThrow(/no AI summary/);
    const error = await failure({
      resource: 'case',
      operation: 'getSummary',
      case_id: byId(noSummary.id),
    });
    expect(error.message).toContain(`Case ${noSummary.id} has no AI summary yet [item 0]`);
    expect(error.description).toMatch(/^Run Generate AI Case Summary/);
    expect(error.description).not.toMatch(/Check the id/);
  });

  it('bad input names the field as the user sees it, before anything is sent', async () => {
    const error = await failure({
      resource: 'ioc',
      operation: 'add',
      case_id: byId(cases[0]!.id),
      ioc_type: 'sha256',
      ioc_value: 'not-a-hash',
      justification: 'x',
    });
    expect(error).toBeInstanceOf(NodeOperationError);
    // What happened, by the field's label, never its API path; the description says what to do.
    expect(error.message).toMatch(/^IOC Value: .*sha256.* \[item 0\]$/);
    expect(error.message).not.toContain('target.ioc.value');
    expect(error.description).toBe('Correct this field: nothing was sent.');
  });

  it('a value out of range is named by its label, not its API name', async () => {
    const error = await failure({
      resource: 'case',
      operation: 'getMany',
      filters: { q: 'x'.repeat(300) },
    });
    expect(error.message).toMatch(/^Text Search: .* \[item 0\]/);
    expect(error.message).not.toMatch(/\bq\b|GET \/cases/);
  });

  it('a missing scope says which one', async () => {
    const error = await failure(
      { resource: 'case', operation: 'update', case_id: byId(cases[0]!.id), status: 'closed' },
      'readonly',
    );
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).httpCode).toBe('403');
    expect(`${error.message} ${error.description}`).toContain('cases:write');
  });

  it('deciding an action twice is a conflict with advice', async () => {
    const requested = await sb.client('analyst').actions.request(cases[0]!.id, {
      type: 'disable_user',
      target: { user_id: cases.find((c) => c.user_ids.length)!.user_ids[0]! },
      justification: 'x',
    });
    await sb.client('approver').actions.reject(requested.id, { reason: 'no' });
    const error = await failure(
      {
        resource: 'responseAction',
        operation: 'reject',
        action_id: byId(requested.id),
        reason: 'again',
      },
      'approver',
    );
    expect((error as NodeApiError).httpCode).toBe('409');
    expect(error.description).toMatch(/decided already/);
  });

  it('a wrong token is reported without echoing it', async () => {
    const unknownToken = `sk_${randomUUID()}`;
    const error = await runExecute({
      nodeType: node,
      parameters: { resource: 'case', operation: 'get', case_id: byId(cases[0]!.id) },
      credentials: { ...sb.credential('analyst'), token: unknownToken },
    }).then(
      () => undefined,
      (thrown: NodeApiError) => thrown,
    );
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error!.httpCode).toBe('401');
    expect(JSON.stringify({ m: error!.message, d: error!.description, e: error })).not.toContain(
      unknownToken,
    );
  });

  it('a base URL that is no URL is named as the credential field', async () => {
    const error = await runExecute({
      nodeType: node,
      parameters: { resource: 'case', operation: 'get', case_id: byId(cases[0]!.id) },
      credentials: { ...sb.credential('analyst'), baseUrl: 'api.senseon.io/v1' },
    }).then(
      () => undefined,
      (thrown: NodeOperationError) => thrown,
    );
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error!.message).toMatch(
      /^Base URL \(in the SenseOn credential\): must be an http\(s\) URL/,
    );
  });

  it('an unreachable base URL is a connection error naming the base URL', async () => {
    // A port that was just listening and is now closed: nothing answers there.
    const closed = await startReceiver(async () => ({ status: 200, body: {} }));
    await closed.close();
    const error = await runExecute({
      nodeType: node,
      parameters: { resource: 'case', operation: 'get', case_id: byId(cases[0]!.id) },
      credentials: { ...sb.credential('analyst'), baseUrl: `${closed.url}/v1` },
    }).then(
      () => undefined,
      (thrown: Error) => thrown,
    );
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error!.message).toContain(
      `Nothing answered at ${closed.url}/v1: the connection was refused [item 0]`,
    );
    expect((error as NodeApiError).description).toMatch(/host and the port .* running there/);
  });

  it('with continue on fail, a failed item becomes an error item; the others go on', async () => {
    const { output } = await runExecute({
      nodeType: node,
      parameters: { resource: 'case', operation: 'get', case_id: byId(cases[0]!.id) },
      itemParameters: [{ case_id: byId('case_missing1') }, { case_id: byId(cases[0]!.id) }],
      credentials: sb.credential('analyst'),
      continueOnFail: true,
      items: [{ json: { n: 1 } }, { json: { n: 2 } }],
    });
    const [failed, found] = output[0]!;
    expect(failed!.pairedItem).toEqual({ item: 0 });
    expect(failed!.json).toMatchObject({
      status: 404,
      code: 'INVALID_CASE_ID',
      error: expect.stringContaining('case_missing1'),
    });
    expect(found!.pairedItem).toEqual({ item: 1 });
    expect(found!.json).toMatchObject({ id: cases[0]!.id });
  });

  it('without continue on fail, the error points at the failing item', async () => {
    const error = await runExecute({
      nodeType: node,
      parameters: { resource: 'case', operation: 'get', case_id: byId(cases[0]!.id) },
      itemParameters: [{}, { case_id: byId('case_missing2') }],
      credentials: sb.credential('analyst'),
      items: [{ json: {} }, { json: {} }],
    }).then(
      () => undefined,
      (thrown: NodeApiError) => thrown,
    );
    expect(error!.context.itemIndex).toBe(1);
  });
});
