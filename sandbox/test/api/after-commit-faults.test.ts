import type { RunningSandbox } from '../../src';
import { parseFaultSpec } from '../../src/faults/config';
import { apiFor, startTestSandbox, type Api } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let analyst: Api;
let caseId: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  analyst = apiFor(sandbox, 'analyst');
  caseId = (await analyst.get('/cases?limit=1')).body.data[0].id;
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.setFaults(null));

const countComments = async () =>
  (await analyst.get(`/cases/${caseId}/comments?limit=1000`)).body.pagination.total_items as number;

describe('after-commit faults', () => {
  it('parses after_commit and its failure kinds', () => {
    expect(parseFaultSpec('after_commit=0.1,after_commit_failures=500|drop')).toEqual({
      afterCommit: 0.1,
      afterCommitFailures: [500, 'drop'],
    });
    expect(() => parseFaultSpec('after_commit=2')).toThrow(/after_commit/);
    expect(() => parseFaultSpec('after_commit_failures=418')).toThrow(/after_commit_failures/);
  });

  it.each([500, 503, 504] as const)(
    'stores the change, then answers %i; a retry with the same key replays and creates nothing',
    async (status) => {
      const before = await countComments();
      const key = `after-commit-${status}`;
      sandbox.setFaults({ afterCommit: 1, afterCommitFailures: [status] });
      const failed = await analyst.post(
        `/cases/${caseId}/comments`,
        { body: 'stored, then failed' },
        { headers: { 'Idempotency-Key': key } },
      );
      expect(failed.status).toBe(status);
      expect(failed.body.error.code).toBeDefined();
      sandbox.setFaults(null);
      expect(await countComments()).toBe(before + 1);
      const retry = await analyst.post(
        `/cases/${caseId}/comments`,
        { body: 'stored, then failed' },
        { headers: { 'Idempotency-Key': key } },
      );
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await countComments()).toBe(before + 1);
    },
  );

  it('drops the connection after the change is stored', async () => {
    const before = await countComments();
    sandbox.setFaults({ afterCommit: 1, afterCommitFailures: ['drop'] });
    await expect(
      analyst.post(
        `/cases/${caseId}/comments`,
        { body: 'stored, then dropped' },
        { headers: { 'Idempotency-Key': 'after-commit-drop' } },
      ),
    ).rejects.toThrow();
    sandbox.setFaults(null);
    expect(await countComments()).toBe(before + 1);
    const retry = await analyst.post(
      `/cases/${caseId}/comments`,
      { body: 'stored, then dropped' },
      { headers: { 'Idempotency-Key': 'after-commit-drop' } },
    );
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await countComments()).toBe(before + 1);
  });

  it('holds the answer until the client times out (timeout), the change stored', async () => {
    const before = await countComments();
    sandbox.setFaults({ afterCommit: 1, afterCommitFailures: ['timeout'] });
    const call = fetch(`${sandbox.url}/cases/${caseId}/comments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.tokens.analyst}`,
        'content-type': 'application/json',
        'Idempotency-Key': 'after-commit-timeout',
      },
      body: JSON.stringify({ body: 'stored, then silence' }),
      signal: AbortSignal.timeout(500),
    });
    await expect(call).rejects.toThrow();
    sandbox.setFaults(null);
    expect(await countComments()).toBe(before + 1);
    const retry = await analyst.post(
      `/cases/${caseId}/comments`,
      { body: 'stored, then silence' },
      { headers: { 'Idempotency-Key': 'after-commit-timeout' } },
    );
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await countComments()).toBe(before + 1);
  });

  it('leaves reads alone', async () => {
    sandbox.setFaults({ afterCommit: 1, afterCommitFailures: [500] });
    expect((await analyst.get('/cases?limit=1')).status).toBe(200);
  });
});
