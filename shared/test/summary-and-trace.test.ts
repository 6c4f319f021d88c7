import { SenseOnClient, SummaryTimeoutError } from '../src';
import { FakeApi, errorBody } from './helpers/fake-api';
import { aSummary, aTraceChain, page } from './helpers/fixtures';

let api: FakeApi;
let slept: number[];
let client: SenseOnClient;

beforeEach(async () => {
  slept = [];
  api = await new FakeApi().start();
  client = new SenseOnClient({
    baseUrl: api.baseUrl,
    token: 'tok_summary_1234567890',
    rateLimit: false,
    sleep: async (ms) => void slept.push(ms),
  });
});
afterEach(() => api.stop());

const accepted = {
  status: 202,
  body: { case_id: 'case_123', status: 'generating', requested_at: '2026-11-23T18:04:00Z' },
};

describe('generateSummaryAndWait', () => {
  it('polls past "not found", "generating" and an older summary until the new one is ready', async () => {
    api.reply(
      accepted,
      { status: 404, body: errorBody('NOT_FOUND', 'no summary yet') },
      { status: 200, body: aSummary({ status: 'generating', text: null, generated_at: null }) },
      { status: 200, body: aSummary({ generated_at: '2026-11-23T17:00:00Z', text: 'old' }) },
      { status: 200, body: aSummary() },
    );
    const summary = await client.cases.generateSummaryAndWait('case_123', { pollIntervalMs: 250 });
    expect(summary.text).toBe('Ransomware encrypted files on FIN-LAPTOP-7.');
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /v1/cases/case_123/summary',
      ...Array(4).fill('GET /v1/cases/case_123/summary'),
    ]);
    expect(slept).toEqual([250, 250, 250]);
  });

  it('throws SummaryTimeoutError when the summary is not ready in time', async () => {
    api.reply(accepted);
    api.handle(() => ({
      status: 200,
      body: aSummary({ status: 'generating', text: null, generated_at: null }),
    }));
    const error = await client.cases
      .generateSummaryAndWait('case_123', { timeoutMs: 5000, pollIntervalMs: 1000 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(SummaryTimeoutError);
    expect((error as SummaryTimeoutError).caseId).toBe('case_123');
    expect(slept).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it('does not hide other errors while polling', async () => {
    api.reply(accepted, {
      status: 403,
      body: errorBody('FORBIDDEN', 'missing scope', [
        { field: 'scope', issue: 'cases:read is required' },
      ]),
    });
    await expect(client.cases.generateSummaryAndWait('case_123')).rejects.toThrow(/"cases:read"/);
  });
});

describe('verifyTrace', () => {
  it('reads every page of the trace and verifies the chain', async () => {
    const chain = aTraceChain(5);
    api.reply(
      { status: 200, body: page(chain.slice(0, 3), 'cur_3', 5) },
      { status: 200, body: page(chain.slice(3), null, 5) },
    );
    const { entries, verification } = await client.cases.verifyTrace('case_123');
    expect(entries).toHaveLength(5);
    expect(verification).toMatchObject({ valid: true, checked: 5, head_hash: chain[4]?.hash });
    expect(api.requests[0]?.url).toBe('/v1/cases/case_123/trace?limit=1000');
    expect(api.requests[1]?.url).toBe('/v1/cases/case_123/trace?limit=1000&cursor=cur_3');
  });

  it('reports a tampered entry', async () => {
    const chain = aTraceChain(4);
    const tampered = chain.map((e) => (e.seq === 2 ? { ...e, details: { approved: true } } : e));
    api.reply({ status: 200, body: page(tampered) });
    const { verification } = await client.cases.verifyTrace('case_123');
    expect(verification).toMatchObject({ valid: false, first_bad_seq: 2 });
  });
});
